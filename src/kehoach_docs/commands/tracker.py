"""kehoach tracker: the progress workbook made from the plan and kept in step with it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from kehoach_docs.commands.failures import capped
from kehoach_docs.commands.outcome import Outcome, open_for, publish, writes
from kehoach_docs.documents.appendix import document_stamp
from kehoach_docs.domain.limits import MAX_PACKAGE_BYTES, LimitExceeded, read_file
from kehoach_docs.domain.problems import InputError, Problems
from kehoach_docs.domain.progress import UNMATCHED_SHEET, Unmatched
from kehoach_docs.inputs.sheets import workbook_problem
from kehoach_docs.inputs.tracker import read_tracker
from kehoach_docs.outputs.folder import Publication
from kehoach_docs.outputs.tracker_book import build_tracker
from kehoach_docs.workspace import Workspace


def _read(path: Path) -> bytes:
    """A tracker workbook's bytes (its parts were checked; the file may still hold more)."""
    try:
        return read_file(path, MAX_PACKAGE_BYTES)
    except LimitExceeded as exc:
        problems = Problems()
        problems.error(path, None, "", str(exc))
        raise InputError(problems) from exc


@dataclass
class TrackerChange:
    """The tracker workbook made again from the plan, not yet written."""

    path: Path
    data: bytes
    previous: bytes | None
    unmatched: list[Unmatched] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.previous != self.data


def prepare(workspace: Workspace) -> TrackerChange:
    """The tracker workbook made or remade from the plan, keeping every entry officers
    typed in the previous copy."""
    path = workspace.tracker_path
    refused = workbook_problem(path) if path.exists() else None
    if refused:
        problems = Problems()
        problems.error(path, None, "", refused)
        raise InputError(problems)
    previous = _read(path) if path.exists() else None
    plan = workspace.the_plan
    typed = None
    if previous is not None:
        # Read as the report reads it (merged cells, renamed or sorted sheets, by each row's
        # key); a cell it cannot take (a wrong status) must be fixed first, or it would be lost.
        problems = Problems()
        typed = read_tracker(path, str(path), plan, problems, every_sheet=False)
        if problems.errors:
            raise InputError(problems)
    data, unmatched = build_tracker(plan, typed, document_stamp(plan))
    return TrackerChange(path, data, previous, unmatched)


def stage(
    workspace: Workspace, change: TrackerChange, publication: Publication, outcome: Outcome
) -> dict[Path, str]:
    """The new workbook, and the previous one as a dated backup, staged; what the backup's
    line says once written."""
    rest = ("… và ", f" dòng khác cũng không còn khớp (đã chép sang trang «{UNMATCHED_SHEET}»)")
    for line in capped(
        (
            f"Không còn khớp với kế hoạch (đã chép sang trang «{UNMATCHED_SHEET}»): "
            f"{item.sheet}, STT {item.number or '-'}: {item.task[:60]}",
            rest,
        )
        for item in change.unmatched
    ):
        outcome.warn(line)
    labels = {}
    if change.previous is not None:
        backup = workspace.tracker_backup_path(dt.datetime.now())
        publication.add_workspace_file(backup, change.previous)
        labels[backup] = "Đã sao lưu bảng cũ"
    publication.add_workspace_file(change.path, change.data)
    return labels


@writes("làm bảng theo dõi")
def run(data: Path) -> Outcome:
    workspace, outcome = open_for(data)
    change = prepare(workspace)
    if not change.changed:
        outcome.say(f"Bảng theo dõi không đổi: {change.path}")
        return outcome
    with Publication() as publication:
        labels = stage(workspace, change, publication, outcome)
        publish(publication, outcome, labels)
    return outcome


@writes("nhận bảng theo dõi đã điền")
def accept(data: Path, filled: Path, display: str) -> Outcome:
    """A tracker the officer filled elsewhere (named `display`), checked cell by cell against
    the plan, then kept as the workspace's tracker, the previous one backed up; InputError
    (nothing replaced) when it has errors."""
    workspace, outcome = open_for(data)
    problems = Problems()
    read_tracker(filled, display, workspace.the_plan, problems)
    if problems.errors:
        raise InputError(problems)
    outcome.problems(problems)
    path = workspace.tracker_path
    change = TrackerChange(path, _read(filled), _read(path) if path.exists() else None)
    with Publication() as publication:
        labels = stage(workspace, change, publication, outcome)
        publish(publication, outcome, labels)
    return outcome
