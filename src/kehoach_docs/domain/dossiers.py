"""One-stop dossiers and their lateness (no I/O)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from kehoach_docs.domain.textclean import fold_words
from kehoach_docs.domain.workdays import WorkCalendar


class Channel(Enum):
    IN_PERSON = "trực tiếp"
    ONLINE = "trực tuyến"
    POST = "bưu chính"


@dataclass(frozen=True, slots=True)
class Moment:
    """A date from the export, and whether it carried a time of day."""

    value: dt.datetime
    has_time: bool = False

    @property
    def day(self) -> dt.date:
        return self.value.date()


@dataclass(frozen=True, slots=True)
class Dossier:
    code: str
    applicant: str
    procedure: str = ""
    field: str = ""
    channel: Channel | None = None
    address: str = ""
    phone: str = ""
    received: Moment | None = None
    due: Moment | None = None
    finished: Moment | None = None
    returned: Moment | None = None
    status: str = ""
    paid_online: bool | None = None
    fully_online: bool | None = None  # None: the export does not say (no "toàn trình" column)
    reason: str = ""
    new_date: Moment | None = None
    sheet: str = ""
    row: int = 0  # where it was read, for messages


class Lateness(Enum):
    ON_TIME = "đúng hạn"  # resolved before or on the due date
    LATE = "trễ hạn"  # resolved after the due date
    OPEN = "đang xử lý"  # open, not yet due
    OVERDUE = "quá hạn"  # open after the due date


def lateness(dossier: Dossier, as_of: dt.date) -> Lateness | None:
    """None when the export gives no due date."""
    if dossier.due is None:
        return None
    due = dossier.due.day
    if dossier.finished is not None:
        return Lateness.LATE if dossier.finished.day > due else Lateness.ON_TIME
    return Lateness.OVERDUE if as_of > due else Lateness.OPEN


def is_late(dossier: Dossier, as_of: dt.date) -> bool:
    return lateness(dossier, as_of) in (Lateness.LATE, Lateness.OVERDUE)


def days_late(dossier: Dossier, as_of: dt.date, calendar: WorkCalendar) -> int:
    """Working days past the due date, up to the result or the reference date."""
    if dossier.due is None:
        return 0
    end = dossier.finished.day if dossier.finished is not None else as_of
    return calendar.working_days_between(dossier.due.day, end)


def new_appointment(
    dossier: Dossier, as_of: dt.date, calendar: WorkCalendar, working_days: int
) -> dt.date:
    """The one new date the letter promises: the export's own; else, for a result already
    made, the day it was made (or the letter's day, never a date already past); else N
    working days after the later of the due and the reference dates."""
    if dossier.new_date is not None:
        return dossier.new_date.day
    if dossier.finished is not None:
        return max(dossier.finished.day, as_of)
    start = max(as_of, dossier.due.day) if dossier.due else as_of
    return calendar.add_working_days(start, working_days)


_LATE_WORDS = ("tre han", "qua han", "cham")
_ON_TIME_WORDS = ("dung han", "truoc han", "som han")
_DONE_WORDS = ("da tra", "da giai quyet", "hoan thanh", "da xu ly", "co ket qua")
_OPEN_WORDS = ("dang xu ly", "dang giai quyet", "chua xu ly", "cho xu ly", "moi tiep nhan")


def status_conflict(dossier: Dossier, as_of: dt.date) -> str | None:
    """What the export's status column says against the dates, in Vietnamese, or None."""
    status = fold_words(dossier.status)
    if not status:
        return None
    state = lateness(dossier, as_of)
    says_done = any(w in status for w in _DONE_WORDS)
    says_open = any(w in status for w in _OPEN_WORDS)
    says_late = any(w in status for w in _LATE_WORDS)
    says_on_time = any(w in status for w in _ON_TIME_WORDS) and not says_late
    if says_done and dossier.finished is None:
        return f"trạng thái «{dossier.status}» nói đã xong nhưng không có ngày có kết quả"
    if says_open and dossier.finished is not None:
        return f"trạng thái «{dossier.status}» nói đang xử lý nhưng đã có ngày có kết quả"
    if says_late and state in (Lateness.ON_TIME, Lateness.OPEN):
        return f"trạng thái «{dossier.status}» nói trễ hạn nhưng theo ngày tháng thì chưa trễ"
    if says_on_time and state in (Lateness.LATE, Lateness.OVERDUE):
        return f"trạng thái «{dossier.status}» nói đúng hạn nhưng theo ngày tháng thì đã trễ"
    return None
