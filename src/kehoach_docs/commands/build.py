"""kehoach build: every document the workspace's data supports, all or nothing. Every input
is read and checked and every document rendered first; only then are letter numbers taken
and the files put in place, so a failure anywhere leaves output/ and the register as they
were."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kehoach_docs.commands import appendix, letters, report, tracker
from kehoach_docs.commands.outcome import Outcome, Progress, open_for, publish
from kehoach_docs.outputs.folder import OutputFolder, Publication


def run(data: Path, out: Path, as_of: dt.date | None, force: bool = False,
        progress: Progress = None, *, today: dt.date) -> Outcome:  # fmt: skip
    """`as_of`: the letters' day; None for the export's own date, else `today`."""
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
        day, source = letters.letter_day(read, as_of, today)
        job = letters.prepare(workspace, read, day, folder, day_source=source,
                              progress=progress)  # fmt: skip
        outcome.problems(read.problems)
    # The report counts the letters this run is about to make.
    lettered = workspace.letter_dates()
    if job is not None:
        lettered = {**(lettered or {}), **job.letter_dates()}
    period = report.latest_period(workspace, inputs, as_of)
    documents = report.render_report(workspace, period, inputs, lettered)
    outcome.problems(inputs.problems)  # with what the report found missing
    change = None if workspace.tracker_path.exists() else tracker.prepare(workspace)
    with Publication() as publication:
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
            letters.finish(job, letters.number(job, publication), publication, outcome, labels)
    return outcome
