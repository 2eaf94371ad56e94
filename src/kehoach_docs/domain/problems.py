"""Input problems (errors and warnings) with the place they were found."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TypedDict, Unpack


class Severity(Enum):
    ERROR = "lỗi"
    WARNING = "cảnh báo"


@dataclass(frozen=True)
class Problem:
    severity: Severity
    file: str
    line: int | None
    field: str
    message: str
    sheet: str = ""  # set for spreadsheets, where the field is a column header
    # For a problem found at many places (a row, a cell): how the screen counts the others
    # of its kind once it has listed the first ones ("dòng khác có nhiệm vụ ...").
    kind: str = ""
    # The message as the desk words it, where the terminal's names a command to run.
    desk: str | None = None

    def __str__(self) -> str:
        return self.text()

    def text(self, desk: bool = False) -> str:
        """The problem and its place; `desk`: in the desk's words."""
        message = self.desk if desk and self.desk is not None else self.message
        place = self.file
        if self.sheet:
            place += f", trang «{self.sheet}»"
        if self.line is not None:
            place += f", dòng {self.line}"
        if self.field:
            place += f", cột «{self.field}»" if self.sheet else f", mục «{self.field}»"
        return f"{place}: {self.severity.value}: {message}"


class ProblemDetails(TypedDict, total=False):
    """The optional parts of a Problem, named at every call so none is taken for another."""

    sheet: str
    kind: str
    desk: str | None


@dataclass
class Problems:
    """Collects every problem of a run so that the user sees them all at once."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        severity: Severity,
        file: str | Path,
        line: int | None,
        fld: str,
        message: str,
        **more: Unpack[ProblemDetails],
    ) -> None:
        self.items.append(Problem(severity, str(file), line, fld, message, **more))

    def error(
        self,
        file: str | Path,
        line: int | None,
        fld: str,
        message: str,
        **more: Unpack[ProblemDetails],
    ) -> None:
        self.add(Severity.ERROR, file, line, fld, message, **more)

    def warning(
        self,
        file: str | Path,
        line: int | None,
        fld: str,
        message: str,
        **more: Unpack[ProblemDetails],
    ) -> None:
        self.add(Severity.WARNING, file, line, fld, message, **more)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]


class InputError(Exception):
    """Raised when input has errors; carries all of them so nothing is written."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(f"{len(problems.errors)} lỗi trong dữ liệu đầu vào")
        self.problems = problems
