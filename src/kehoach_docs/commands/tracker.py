"""kehoach tracker: the progress workbook made from the plan and kept in step with it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from kehoach_docs.documents.appendix import document_stamp
from kehoach_docs.domain.progress import Unmatched
from kehoach_docs.outputs.folder import write_atomic
from kehoach_docs.outputs.tracker_book import build_tracker
from kehoach_docs.workspace import Workspace


@dataclass
class TrackerRun:
    path: Path
    backup: Path | None = None
    unmatched: list[Unmatched] = field(default_factory=list)
    changed: bool = True


def make_tracker(workspace: Workspace) -> TrackerRun:
    """The tracker workbook in the workspace, made or remade from the plan, keeping every
    entry officers typed; the previous file is kept as a dated backup before it is replaced."""
    plan = workspace.the_plan
    path = workspace.tracker_path
    previous = path.read_bytes() if path.exists() else None
    data, unmatched = build_tracker(plan, previous, document_stamp(plan))
    run = TrackerRun(path, unmatched=unmatched)
    if previous == data:
        run.changed = False
        return run
    if previous is not None:
        run.backup = workspace.tracker_backup_path(dt.datetime.now())
        write_atomic(run.backup, previous)
    write_atomic(path, data)
    return run
