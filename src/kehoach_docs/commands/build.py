"""kehoach build: every document the workspace's data supports, all or nothing. Every input
is read and checked and every document rendered first; only then are letter numbers taken
and the files put in place, so a failure anywhere leaves output/ and the register as they
were."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from kehoach_docs.commands import appendix, letters, report, tracker
from kehoach_docs.commands.outcome import Outcome, Progress, open_for, publish, writes
from kehoach_docs.domain.problems import Problems
from kehoach_docs.outputs.folder import OutputFolder, Publication
from kehoach_docs.workspace import Workspace


@writes("làm toàn bộ văn bản")
def run(data: Path, out: Path, as_of: dt.date | None, force: bool = False,
        progress: Progress = None, *, today: dt.date, draft: bool = False) -> Outcome:  # fmt: skip
    """`as_of`: the letters' day (and the reports'); None for the export's own date, else
    `today`. `draft`: the newest quarter not complete yet is written as a draft too."""
    workspace, outcome = open_for(data, out=out)
    # 1. Every input read and checked.
    read = None
    if workspace.export_paths():
        read = letters.read_dossiers(workspace, None, False, as_of or today)
    inputs = report.report_inputs(workspace, None, read,
                                  making_tracker=not workspace.tracker_path.exists())
    folder = OutputFolder(out, force)
    job = None
    if read is not None:
        request = letters.LetterRequest(data, out, today, as_of=as_of, force=force,
                                        progress=progress)  # fmt: skip
        job = letters.prepare(workspace, read, folder, request)
        outcome.problems(read.problems)
    # The report counts the letters this run is about to make.
    lettered = workspace.letter_dates()
    if job is not None:
        lettered = {**(lettered or {}), **job.letter_dates()}
    documents = _report(workspace, inputs, lettered, as_of or today, draft, outcome)
    change = None if workspace.tracker_path.exists() else tracker.prepare(workspace)
    with Publication() as publication:
        # What a stopped run left, claimed before anything is staged (see letters.recover).
        recovery = letters.recover(job, publication) if job is not None else letters.Recovery()
        # 2. Every document rendered into temporary files, the edited ones refused.
        appendix.stage(workspace, folder, publication)
        labels = {}
        if change is not None:
            labels = tracker.stage(workspace, change, publication, outcome)
        report.stage(documents, folder, publication)
        publication.check()
        # 3. Letter numbers taken (inside the register's transaction), then all published.
        if job is None:
            publish(publication, outcome, labels)
        else:
            letters.issue(job, publication, outcome, recovery, labels)
    return outcome


def _report(workspace: Workspace, inputs: report.ReportInputs,
            lettered: Mapping[str, dt.date] | None, day: dt.date, draft: bool,
            outcome: Outcome) -> dict[str, bytes]:  # fmt: skip
    """The report of the newest quarter begun by `day` that is complete; of a newer one
    that is not, what it lacks is said (and its draft made when asked)."""
    outcome.problems(inputs.problems)
    newest = report.newest_complete(workspace, inputs, lettered, day)
    documents = {}
    if newest.complete is not None:
        outcome.problems(newest.problems)
        documents = report.render_report(workspace, newest.complete)
    lacking = newest.incomplete
    if lacking is None and newest.complete is None:
        outcome.warn(f"Chưa làm báo cáo: đến ngày {day:%d/%m/%Y} chưa quý nào của năm "
                     f"{workspace.the_plan.year} kết thúc, bảng theo dõi chưa ghi gì cho quý "
                     "đang diễn ra.")  # fmt: skip
    if lacking is None or not inputs.tracker_found:
        return documents  # without a tracker, its one warning says what to do
    outcome.warn(f"Chưa làm báo cáo {lacking.period.label} vì còn thiếu {len(lacking.missing)} "
                 "nội dung:")  # fmt: skip
    for line in lacking.missing_lines:
        outcome.warn(f"- {line}")
    if draft:
        documents.update(report.render_report(workspace, report.report_parts(
            workspace, lacking.period, replace(inputs, problems=Problems()), lettered,
            draft=True)))  # fmt: skip
    else:
        outcome.warn("Cần bản dự thảo để các bộ phận bổ sung: kehoach build --du-thao.")
    return documents
