"""The progress tracker: a workbook made from the plan, one sheet per appendix, one row per
task, where officers note each quarter's status and result; and reading it back, checked
cell by cell."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from kehoach_docs.domain.limits import column_letters
from kehoach_docs.domain.nd30 import roman
from kehoach_docs.domain.plan import Plan, TableKind, Target

STATUSES = ("Hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Không phát sinh")
DONE, IN_PROGRESS, NOT_STARTED, NOT_APPLICABLE = STATUSES
QUARTERS = (1, 2, 3, 4)
FIXED = ("Mục", "STT", "Nhiệm vụ", "Kết quả/sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp")
FIXED_CONTENTS = (
    "Mục",
    "STT",
    "Nhiệm vụ, giải pháp",
    "Nội dung",
    "Cơ quan thực hiện",
    "Cơ quan phối hợp",
)
PER_QUARTER = ("Trạng thái", "Kết quả", "Ghi chú")
HEADER_ROW = 3
TEXT_SHEET = "Nội dung báo cáo"
TEXT_COLUMNS = (
    "Kỳ báo cáo",
    "Ưu điểm",
    "Tồn tại, hạn chế và nguyên nhân",
    "Nhiệm vụ kỳ tới",
    "Kiến nghị, đề xuất",
)
TEXT_PERIODS = ("Quý I", "Quý II", "Quý III", "Quý IV", "6 tháng", "Năm")
UNMATCHED_SHEET = "Dòng không còn khớp"
WIDTHS = (6, 6, 40, 34, 16, 16) + (14, 32, 16) * 4
LINE_POINTS = 15.5  # one line of 12 pt text


def sheet_name(index: int) -> str:
    return f"Phụ lục {roman(index)}"


def quarter_headers() -> list[str]:
    return [f"Quý {roman(q)} - {what}" for q in QUARTERS for what in PER_QUARTER]


def key_text(text: object) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split()).casefold()


@dataclass(frozen=True)
class TaskLine:
    """One task as the tracker and the report see it."""

    appendix: int  # 1-based
    section: str
    number: str
    task: str
    product: str
    lead: str
    support: str
    target: Target | None = None  # the indicator the report computes for this task
    # The printed number the task sits under ("4" for a bullet row below "4."), for its place.
    heading: str = ""

    @property
    def place(self) -> str:
        """Where the task is printed in the plan: "Phụ lục I, mục III, 4"."""
        where = f"Phụ lục {roman(self.appendix)}, mục {self.section}"
        return f"{where}, {self.heading}" if self.heading else where

    @property
    def key(self) -> tuple[int, str, str, str]:
        return (self.appendix, key_text(self.section), key_text(self.number), key_text(self.task))


def task_lines(plan: Plan) -> list[TaskLine]:
    lines = []
    for index, appendix in enumerate(plan.appendices, start=1):
        for section in appendix.sections:
            if appendix.kind is TableKind.TASKS:
                heading = ""
                for row in section.rows:
                    heading = row.number or heading
                    lines.append(
                        TaskLine(
                            index,
                            section.number,
                            row.number,
                            "\n".join(row.task),
                            "\n".join(row.products),
                            row.lead,
                            row.support,
                            row.target,
                            heading,
                        )
                    )
            else:
                for group in section.groups:
                    for task in group.tasks:
                        lines.append(
                            TaskLine(
                                index,
                                section.number,
                                "",
                                "\n".join(task.solution),
                                group.content,
                                task.executor,
                                task.support,
                            )
                        )
    return lines


def keyed(lines: list[TaskLine]) -> list[tuple[tuple, TaskLine]]:
    """Keys that stay unique for rows printed twice (the n-th copy of the same row)."""
    seen: Counter = Counter()
    result = []
    for line in lines:
        seen[line.key] += 1
        result.append(((*line.key, seen[line.key]), line))
    return result


@dataclass(frozen=True)
class Entry:
    status: str = ""
    result: str = ""
    note: str = ""


@dataclass(frozen=True)
class Unmatched:
    sheet: str
    number: str
    task: str
    values: tuple[str, ...]


@dataclass
class TrackerData:
    entries: dict[tuple, dict[int, Entry]] = field(default_factory=dict)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # period → column → text
    # Where each task's row and each period's text row were read (sheet, row number), so
    # that what is missing can be named by its cell.
    places: dict[tuple, tuple[str, int]] = field(default_factory=dict)
    text_rows: dict[str, int] = field(default_factory=dict)
    # Rows with something written that match no task of the plan, as typed.
    unmatched: list[Unmatched] = field(default_factory=list)
    # The cells as typed (a leading tab, "=" or a number kept), for the tracker made again:
    # each task's quarter columns, and each period's report texts.
    typed: dict[tuple, list[object]] = field(default_factory=dict)
    typed_texts: dict[str, list[object]] = field(default_factory=dict)


def status_column(quarter: int) -> int:
    """The 1-based column of a quarter's status (its result and note follow it)."""
    return len(FIXED) + 3 * (quarter - 1) + 1


def cell_address(column: int, row: int) -> str:
    """A tracker cell as Excel names it: (7, 40) → "G40"."""
    return f"{column_letters(column)}{row}"
