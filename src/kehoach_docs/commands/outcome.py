"""What a command tells the officer: the lines to show, in order (the same on a terminal and
on a web page). How each failure is worded is failures.py's."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import ParamSpec, TypeVar

from kehoach_docs.commands.failures import (
    NOTHING_WRITTEN,
    UNFORESEEN,
    CommandFailed,
    explain,
    os_error_text,
    problem_lines,
)
from kehoach_docs.commands.interrupts import Stopped, deferred
from kehoach_docs.domain.nd30 import count_text
from kehoach_docs.domain.problems import Problems
from kehoach_docs.outputs.folder import Publication, PublishFailed
from kehoach_docs.outputs.pdf import PdfUnavailable
from kehoach_docs.workspace import Workspace, open_workspace, writer_lock

# A progress bar for long work: given a label and a total, a function told each step done.
Progress = Callable[[str, int], Callable[[int], None]] | None


@dataclass(frozen=True)
class Line:
    text: str
    error: bool = False  # a problem or a warning (the terminal prints it on stderr)
    # The line as the desk says it, where the terminal's words name a command or an option
    # to type ("": the desk leaves the line out); None: the same words.
    desk: str | None = None

    @property
    def on_desk(self) -> str:
        return self.text if self.desk is None else self.desk


@dataclass
class Outcome:
    """A command's result: what to show, and whether it failed though it wrote (exit 1)."""

    lines: list[Line] = field(default_factory=list)
    failed: bool = False
    written: list[Path] = field(default_factory=list)  # every file put in place, in order

    def say(self, text: str, desk: str | None = None) -> None:
        self.lines.append(Line(text, desk=desk))

    def warn(self, text: str, desk: str | None = None) -> None:
        self.lines.append(Line(text, error=True, desk=desk))

    def problems(self, problems: Problems) -> None:
        for text, desk in zip(
            problem_lines(problems), problem_lines(problems, desk=True), strict=True
        ):
            self.warn(text, desk)


P = ParamSpec("P")
R = TypeVar("R")


def writes(job: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A command that writes holds its workspace's lock (parameter `data`) from reading its
    inputs to the end of publishing; `job` says what it does to whoever has to wait. A
    preview (parameter `preview` true) writes nothing and never waits."""

    def decorate(command: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(command)

        @functools.wraps(command)
        def locked(*args: P.args, **kwargs: P.kwargs) -> R:
            arguments = signature.bind(*args, **kwargs).arguments
            if arguments.get("preview"):
                return command(*args, **kwargs)
            with writer_lock(arguments["data"], job):
                return command(*args, **kwargs)

        return locked

    return decorate


def open_for(
    data: Path, with_plan: bool = True, out: Path | None = None
) -> tuple[Workspace, Outcome]:
    """The workspace (InputError on any error) and an outcome that notes its warnings;
    `out`: the folder the documents go to, named in the example's note."""
    workspace, problems = open_workspace(data, with_plan)
    outcome = Outcome()
    if workspace.example:
        outcome.say(example_note(workspace, out), EXAMPLE_ON_DESK)
    if problems.warnings:
        outcome.warn(
            f"Có {count_text(len(problems.warnings))} cảnh báo trong dữ liệu (xem "
            f"bằng: kehoach validate --data {workspace.folder}).",
            f"Có {count_text(len(problems.warnings))} cảnh báo trong dữ liệu (xem ở "
            "trang Tổng quan).",
        )
    return workspace, outcome


EXAMPLE_ON_DESK = "Đang làm trên dữ liệu ví dụ (số liệu tạo giả), không phải dữ liệu của đơn vị."


def example_note(workspace: Workspace, out: Path | None = None) -> str:
    """Said first whenever a command runs on the example, so nobody takes it for real data
    (and the officer knows which folder holds the example's documents)."""
    documents = f"; văn bản của ví dụ ghi vào {out}" if out is not None else ""
    return (
        f"Dữ liệu ví dụ {workspace.folder} (số liệu tạo giả; sổ phiếu của ví dụ ghi ở "
        f"{workspace.register_path.parent}{documents}). Tạo dữ liệu của đơn vị: kehoach init data"
    )


def publish(
    publication: Publication,
    outcome: Outcome,
    labels: Mapping[Path, str] | None = None,
    undo: Callable[[], list[str]] | None = None,
) -> list[Path]:
    """Put every file of the run in place and say so, one line a file ("Đã ghi: ..." unless
    `labels` words it otherwise). On failure: CommandFailed saying exactly which files were
    written and which not, with what `undo` (taking back letter numbers) says."""
    try:
        with deferred():  # a stop waits until every file is in place, or none is
            written = publication.publish()
    except KeyboardInterrupt:
        if not publication.published:
            if undo is not None:
                raise Stopped([NOTHING_WRITTEN, *undo()]) from None
            raise
        written = publication.written  # stopped once every file was in place: done
    except PublishFailed as failure:
        given_back = undo() if undo is not None else []
        raise CommandFailed(
            _unpublished(outcome, failure, given_back, False),
            _unpublished(outcome, failure, given_back, True),
        ) from failure
    except BaseException as error:
        # Refused (a file edited since, a folder that changed) or stopped before any file
        # moved: nothing is written, and the numbers this run took go back.
        if undo is None:
            raise
        given_back = undo()
        if not isinstance(error, Exception):
            raise
        raise CommandFailed(
            [
                *_warnings(outcome, False),
                *(explain(error) or [*UNFORESEEN, NOTHING_WRITTEN]),
                *given_back,
            ],
            [
                *_warnings(outcome, True),
                *(explain(error, True) or [*UNFORESEEN, NOTHING_WRITTEN]),
                *given_back,
            ],
        ) from error
    outcome.written += written
    for path in written:
        outcome.say(f"{(labels or {}).get(path, 'Đã ghi')}: {path}")
    return written


def _warnings(outcome: Outcome, desk: bool) -> list[str]:
    return [line.on_desk if desk else line.text for line in outcome.lines if line.error]


def _unpublished(
    outcome: Outcome, failure: PublishFailed, given_back: list[str], desk: bool
) -> list[str]:
    """Which files were written and which not; the warnings already found still stand,
    what the run would have said does not."""
    lines = _warnings(outcome, desk)
    lines.append(f"Không ghi được tệp: {os_error_text(failure.cause, failure.needed)}.")
    lines += [f"Đã ghi: {path}" for path in failure.written]
    if failure.written:
        lines += [f"Chưa ghi: {path}" for path in failure.not_written]
    else:
        lines.append(f"{NOTHING_WRITTEN} Các tệp cũ giữ nguyên.")
    return lines + given_back


def publish_with_pdf(
    publication: Publication, outcome: Outcome, stage_pdf: Callable[[], object] | None
) -> None:
    """Publish the run's files, the PDF staged by `stage_pdf` among them when asked. A PDF is
    an extra: without LibreOffice the .docx files are published all the same and the run
    fails saying what to install."""
    problem = ""
    if stage_pdf is not None:
        try:
            stage_pdf()
        except PdfUnavailable as unavailable:
            problem = str(unavailable)
    publish(publication, outcome)
    if problem:
        outcome.warn(problem)
        outcome.failed = True
