"""The unit and its yearly reform plan, as typed values (no I/O)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class PartialDate:
    """A document date whose parts may still be blank (the day is written after signing)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True)
class Signer:
    authority: str = ""  # "TM. ỦY BAN NHÂN DÂN"
    title: str = ""  # "CHỦ TỊCH"
    name: str = ""


@dataclass(frozen=True)
class LetterSettings:
    """How the unit writes its apology letters (Mẫu 04)."""

    code: str = "PXL"  # "Số: 07/PXL"
    resolving_body: str = ""  # who received and resolves, in running text
    default_reason: str = ""
    new_date_working_days: int = 3


@dataclass(frozen=True)
class Unit:
    """The issuing body, from the workspace's configuration; nothing about it is hard-coded."""

    body_lines: tuple[str, ...]  # "ỦY BAN NHÂN DÂN", "XÃ HẢI YẾN"
    full_name: str  # "Ủy ban nhân dân xã Hải Yến", used in running text
    code: str  # "UBND", as in "Số: 05/KH-UBND"
    place: str  # "Hải Yến", as in "Hải Yến, ngày ..."
    upper_body_lines: tuple[str, ...] = ()
    signer: Signer = Signer()
    extra_days_off: tuple[dt.date, ...] = ()
    extra_workdays: tuple[dt.date, ...] = ()
    letters: LetterSettings = LetterSettings()
    export_headers: tuple[tuple[str, str], ...] = ()  # (field, header as the export writes it)
    report_recipients: tuple[str, ...] = ("Lưu: VT.",)
    calendar_periods: bool = False  # report periods by calendar quarter, not NĐ 09's cut-off
    # The procedures offered fully online (names or codes), for exports that do not say which
    # dossiers were handled "trực tuyến toàn trình".
    fully_online_procedures: tuple[str, ...] = ()


class TableKind(Enum):
    TASKS = "nhiệm vụ"  # STT, task, product, progress, lead, support
    CONTENTS = "nội dung"  # content (merged over its tasks), solution, executor, support, time


class Indicator(Enum):
    """The indicators the report computes from the one-stop export and the letters register."""

    ON_TIME = "tỷ lệ đúng hạn"
    ONLINE = "tỷ lệ trực tuyến toàn trình"
    ONLINE_PAYMENT = "tỷ lệ thanh toán trực tuyến"
    APOLOGY = "tỷ lệ xin lỗi"


@dataclass(frozen=True)
class Target:
    """A plan row's target for an indicator, as the plan words it ("trên 99%")."""

    indicator: Indicator
    percent: float
    strict: bool  # "trên 99%": more than; "tối thiểu 80%", "100%": at least
    text: str

    def met(self, percent: float) -> bool:
        return percent > self.percent if self.strict else percent >= self.percent


@dataclass(frozen=True)
class TaskRow:
    number: str  # as printed: "1", "1.1", or "" for a bullet sub-row
    task: tuple[str, ...]
    products: tuple[str, ...] = ()
    progress: str = ""
    lead: str = ""
    support: str = ""
    line: int | None = None
    target: Target | None = None


@dataclass(frozen=True)
class ContentTask:
    solution: tuple[str, ...]
    executor: str = ""
    support: str = ""
    time: str = ""
    line: int | None = None


@dataclass(frozen=True)
class ContentGroup:
    """One "Nội dung" cell and the task rows it spans."""

    content: str
    tasks: tuple[ContentTask, ...]
    line: int | None = None


@dataclass(frozen=True)
class Section:
    number: str  # "I" in a task table, "1" in a content table
    title: str
    rows: tuple[TaskRow, ...] = ()
    groups: tuple[ContentGroup, ...] = ()
    line: int | None = None


@dataclass(frozen=True)
class Appendix:
    title: str
    kind: TableKind
    sections: tuple[Section, ...]
    line: int | None = None


@dataclass(frozen=True)
class Plan:
    year: int
    number: int | None  # None while unsigned: the records office writes it
    date: PartialDate
    appendices: tuple[Appendix, ...]
    source: str = ""  # the file it came from, for messages
