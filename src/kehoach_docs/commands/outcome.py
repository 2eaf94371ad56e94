"""What a command tells the officer: the lines to show, in order (the same on a terminal and
on a web page), and a Vietnamese explanation of every way a command can fail."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kehoach_docs.domain.problems import InputError, Problem, Problems
from kehoach_docs.outputs.folder import OutputRefused, Publication, PublishFailed
from kehoach_docs.render.engine import TemplateFault
from kehoach_docs.workspace import Workspace, open_workspace

# A progress bar for long work: given a label and a total, a function told each step done.
Progress = Callable[[str, int], Callable[[int], None]] | None
NOTHING_WRITTEN = "Không ghi văn bản nào."


@dataclass(frozen=True)
class Line:
    text: str
    error: bool = False  # a problem or a warning (the terminal prints it on stderr)


@dataclass
class Outcome:
    """A command's result: what to show, and whether it failed though it wrote (exit 1)."""

    lines: list[Line] = field(default_factory=list)
    failed: bool = False
    written: list[Path] = field(default_factory=list)  # every file put in place, in order

    def say(self, text: str) -> None:
        self.lines.append(Line(text))

    def warn(self, text: str) -> None:
        self.lines.append(Line(text, error=True))

    def problems(self, problems: Problems) -> None:
        for text in problem_lines(problems):
            self.warn(text)


class CommandFailed(Exception):
    """A command stopped; `lines` say why and exactly what was and was not written."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def problem_lines(problems: Problems) -> list[str]:
    """Errors first, then warnings, each in file and line order."""

    def order(problem: Problem) -> tuple[str, int]:
        return (problem.file, problem.line or 0)

    ordered = sorted(problems.errors, key=order) + sorted(problems.warnings, key=order)
    return [str(problem) for problem in ordered]


def counts(problems: Problems) -> str:
    return f"{len(problems.errors)} lỗi, {len(problems.warnings)} cảnh báo"


def open_for(data: Path, with_plan: bool = True) -> tuple[Workspace, Outcome]:
    """The workspace (InputError on any error) and an outcome that notes its warnings."""
    workspace, problems = open_workspace(data, with_plan)
    outcome = Outcome()
    if problems.warnings:
        outcome.warn(f"Có {len(problems.warnings)} cảnh báo trong dữ liệu (xem bằng: kehoach "
                     f"validate --data {data}).")  # fmt: skip
    return workspace, outcome


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
        written = publication.publish()
    except PublishFailed as failure:
        # The warnings already found still stand; what the run would have said does not.
        lines = [line.text for line in outcome.lines if line.error]
        lines.append(f"Không ghi được tệp: {os_error_text(failure.cause)}.")
        lines += [f"Đã ghi: {path}" for path in failure.written]
        if failure.written:
            lines += [f"Chưa ghi: {path}" for path in failure.not_written]
        else:
            lines.append(f"{NOTHING_WRITTEN} Các tệp cũ giữ nguyên.")
        if undo is not None:
            lines += undo()
        raise CommandFailed(lines) from failure
    outcome.written += written
    for path in written:
        outcome.say(f"{(labels or {}).get(path, 'Đã ghi')}: {path}")
    return written


def os_error_text(error: OSError) -> str:
    where = f" ({error.filename})" if error.filename else ""
    return f"{error.strerror or error}{where}"


def explain(error: BaseException) -> list[str] | None:
    """The lines that tell the officer why a command stopped; None for an unexpected error.
    Every one of these is raised before anything is published, except CommandFailed, which
    says itself what was written."""
    if isinstance(error, CommandFailed):
        return error.lines
    if isinstance(error, InputError):
        return [*problem_lines(error.problems),
                f"Không ghi văn bản nào vì dữ liệu có lỗi: {counts(error.problems)}."]  # fmt: skip
    if isinstance(error, OutputRefused):
        return [str(error), NOTHING_WRITTEN]
    if isinstance(error, TemplateFault):
        return [f"Mẫu văn bản {error.template}: {error.message}", NOTHING_WRITTEN]
    if isinstance(error, OSError):
        return [f"Không đọc hoặc ghi được tệp: {os_error_text(error)}.", NOTHING_WRITTEN]
    return None
