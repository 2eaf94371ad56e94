"""kehoach build: every document the workspace's data supports, all or nothing. Every input
is read and checked and every document rendered first; only then are letter numbers taken
and the files put in place, so a failure anywhere leaves output/ and the register as they
were."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kehoach_docs.commands import letters, report, tracker
from kehoach_docs.commands.kinds import DOCUMENT_KINDS, BuildRun
from kehoach_docs.commands.outcome import Outcome, Progress, open_for, publish, writes
from kehoach_docs.outputs.folder import OutputFolder, Publication


@writes("làm toàn bộ văn bản")
def run(
    data: Path,
    out: Path,
    as_of: dt.date | None,
    force: bool = False,
    progress: Progress = None,
    *,
    today: dt.date,
    draft: bool = False,
) -> Outcome:
    """`as_of`: the letters' day (and the reports'); None for the export's own date, else
    `today`. `draft`: the newest quarter not complete yet is written as a draft too."""
    workspace, outcome = open_for(data, out=out)
    # 1. Every input read and checked.
    read = None
    if workspace.export_paths():
        read = letters.read_dossiers(workspace, None, False, as_of or today)
    inputs = report.report_inputs(
        workspace, None, read, making_tracker=not workspace.tracker_path.exists()
    )
    folder = OutputFolder(out, force)
    job = None
    if read is not None:
        request = letters.LetterRequest(
            data, out, today, as_of=as_of, force=force, progress=progress
        )
        job = letters.prepare(workspace, read, folder, request)
        outcome.problems(read.problems)
    # The report counts the letters this run is about to make.
    lettered = workspace.letter_dates()
    if job is not None:
        lettered = {**(lettered or {}), **job.letter_dates()}
    building = BuildRun(workspace, inputs, lettered, as_of or today, draft, outcome)
    # 2. Every document rendered in memory (a broken template stops the run here).
    documents = [kind.build(building) for kind in DOCUMENT_KINDS if kind.build is not None]
    change = None if workspace.tracker_path.exists() else tracker.prepare(workspace)
    with Publication() as publication:
        # What a stopped run left, claimed before anything is staged (see letters.recover).
        recovery = letters.recover(job, publication) if job is not None else letters.Recovery()
        labels = {}
        if change is not None:
            labels = tracker.stage(workspace, change, publication, outcome)
        # 3. Staged into temporary files, the edited ones refused.
        for rendered in documents:
            for name, document in rendered.items():
                publication.add(folder, name, document)
        publication.check()
        # 4. Letter numbers taken (inside the register's transaction), then all published.
        if job is None:
            publish(publication, outcome, labels)
        else:
            letters.issue(job, publication, outcome, recovery, labels)
    return outcome
