"""Jobs that take a while (letters, PDF, report) run on a thread while the page polls their
progress. Jobs run one at a time, so two tabs issuing letters at once cannot
interleave their numbers (the register's own transaction guards the same from other
processes)."""

from __future__ import annotations

import secrets
import shutil
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from kehoach_docs.commands.failures import explain
from kehoach_docs.commands.outcome import Outcome
from kehoach_docs.commands.serve import desk_lines, error_lines


class JobState(Enum):
    """Waiting → running → done | failed. The value is what the page and its script compare;
    `shown` is what the officer reads."""

    WAITING = "waiting"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"

    @property
    def finished(self) -> bool:
        return self in (JobState.DONE, JobState.FAILED)

    @property
    def shown(self) -> str:
        return _SHOWN[self]


_SHOWN = {
    # Jobs run one at a time: one started while another runs waits its turn.
    JobState.WAITING: "Đang chờ việc trước làm xong",
    JobState.RUNNING: "Đang làm…",
    JobState.DONE: "Đã xong.",
    JobState.FAILED: "Không làm được.",
}
SAVING = "Đang lưu các tệp…"
# Finished jobs kept for their pages (what they said, a preview, links to their files); the
# oldest are dropped as new ones start, so that a desk left running for months holds a
# bounded memory (a preview keeps every row it listed).
KEPT_FINISHED = 50


@dataclass
class Job:
    id: str
    title: str
    state: JobState = JobState.WAITING
    # Said once every step counted is done while the work goes on (files and the register
    # written): the bar alone would sit full, saying nothing.
    saving: str = SAVING
    step_label: str = ""
    done: int = 0
    total: int = 0
    lines: list[str] = field(default_factory=list)  # what the command says, in the desk's words
    problems: list[str] = field(default_factory=list)  # its warnings, or why it stopped
    files: list[str] = field(default_factory=list)  # names inside the output folder
    back: str = "/"  # the page the job was started from
    shows: str = ""  # a job that only reads: the page (endpoint) showing what it found
    result: dict[str, object] = field(default_factory=dict)  # what that page shows

    def progress(self, label: str, total: int) -> Callable[[int], None]:
        """The commands' progress hook: a label and a total, then steps."""
        self.step_label, self.total, self.done = label, total, 0

        def step(count: int) -> None:
            self.done += count

        return step

    def seen(self) -> JobSeen:
        """The job as its page shows it, its state read once: the job's thread may move it on
        meanwhile, and a page drawn half before and half after would be wrong for good (a
        preview shown finished without its list, which the page never follows any more)."""
        state, done, total = self.state, self.done, self.total
        # The steps counted are all done, the work not yet.
        counted = state is JobState.RUNNING and 0 < total <= done
        if state is not JobState.RUNNING or not self.step_label:
            line = state.shown
        elif counted:
            line = f"{self.step_label}: xong {done}/{total}. {self.saving}"
        else:
            line = f"{self.step_label}: {done}/{total}"
        return JobSeen(state, line, done, total, counted)

    def as_json(self) -> dict[str, object]:
        seen = self.seen()
        return {
            "state": seen.state.value,
            "line": seen.line,
            "done": seen.done,
            "total": seen.total,
            "saving": seen.counted,
            "finished": seen.state.finished,
        }


@dataclass(frozen=True)
class JobSeen:
    state: JobState
    line: str  # what the page says of the job while it is not finished
    done: int
    total: int
    counted: bool  # every step counted done, the work still going on (saving)


class JobBoard:
    def __init__(self, output: Path) -> None:
        self.output = output
        self.jobs: dict[str, Job] = {}
        self._listing = threading.Lock()  # jobs added and dropped by request threads
        self.writing = threading.Lock()
        self.claimed: set[Path] = set()  # uploads a job waiting or running will read

    def start(
        self,
        title: str,
        back: str,
        work: Callable[[Job], Outcome],
        *,
        upload: Path | None = None,
        hand_on: bool = False,
        shows: str = "",
        saving: str = SAVING,
    ) -> Job:
        """The work started on a thread. `upload` (the folder of the file it reads) is
        deleted when the job ends, whether it succeeds or fails; unless `hand_on` and it
        succeeds, for the step it prepares (a preview's file, read again to issue). `saving`
        names what it writes after its counted steps."""
        job = Job(secrets.token_hex(8), title, back=back, shows=shows, saving=saving)
        with self._listing:
            finished = [key for key, kept in self.jobs.items() if kept.state.finished]
            for key in finished[: max(0, len(finished) - KEPT_FINISHED)]:
                del self.jobs[key]
            self.jobs[job.id] = job
        if upload is not None:
            self.claimed.add(upload)
        threading.Thread(target=self._run, args=(job, work, upload, hand_on), daemon=True).start()
        return job

    def _run(
        self, job: Job, work: Callable[[Job], Outcome], upload: Path | None, hand_on: bool
    ) -> None:
        try:
            self._work(job, work, upload, hand_on)
        finally:
            if upload is not None:
                self.claimed.discard(upload)

    def _work(
        self, job: Job, work: Callable[[Job], Outcome], upload: Path | None, hand_on: bool
    ) -> None:
        # One job at a time, those that only read too: a large file is read by one at most,
        # which bounds the desk's memory.
        with self.writing:
            job.state = JobState.RUNNING
            try:
                outcome = work(job)
            except Exception as error:  # the page says why; the console keeps the details
                job.problems = error_lines(error)
                if explain(error) is None:
                    traceback.print_exception(error)
                _discard(upload)
                job.state = JobState.FAILED
                return
        if not hand_on or outcome.failed:
            _discard(upload)  # before the job is seen finished: its file is gone by then
        job.lines = desk_lines(outcome, problems=False)
        job.problems = desk_lines(outcome, problems=True)
        job.files = self.names(outcome.written)
        job.state = JobState.FAILED if outcome.failed else JobState.DONE

    def names(self, paths: list[Path]) -> list[str]:
        """Written files as names inside the output folder (the only ones offered)."""
        root = self.output.resolve()
        return [
            p.resolve().relative_to(root).as_posix()
            for p in paths
            if p.resolve().is_relative_to(root)
        ]

    def get(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)


def _discard(upload: Path | None) -> None:
    if upload is not None:
        shutil.rmtree(upload, ignore_errors=True)
