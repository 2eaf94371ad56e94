"""One-stop dossiers and their lateness (no I/O)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from kehoach_docs.domain.dates import day_text
from kehoach_docs.domain.exports import DATE_FIELDS
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


def result_day(dossier: Dossier) -> dt.date | None:
    """The day its result was made ("ngày có kết quả"); when the export leaves that empty but
    the dossier was returned, the return date."""
    if dossier.finished is not None:
        return dossier.finished.day
    return dossier.returned.day if dossier.returned is not None else None


def exists_on(dossier: Dossier, day: dt.date) -> bool:
    """Received on or before the day (a dossier without a receipt date is taken as there)."""
    return dossier.received is None or dossier.received.day <= day


def is_open_on(dossier: Dossier, day: dt.date) -> bool:
    """Received and without a result on that day: what happened after it was not known."""
    result = result_day(dossier)
    return exists_on(dossier, day) and (result is None or result > day)


def lateness(dossier: Dossier, as_of: dt.date) -> Lateness | None:
    """Where the dossier stands on the day; None when the export gives no due date."""
    if dossier.due is None:
        return None
    due = dossier.due.day
    result = result_day(dossier)
    if result is not None and result <= as_of:
        return Lateness.LATE if result > due else Lateness.ON_TIME
    return Lateness.OVERDUE if as_of > due else Lateness.OPEN


def days_late(dossier: Dossier, as_of: dt.date, calendar: WorkCalendar) -> int:
    """Working days past the due date up to the result, or the day when still open; at least
    1 when that end is after the due date (a result made on a holiday is still late)."""
    if dossier.due is None:
        return 0
    result = result_day(dossier)
    end = result if result is not None and result <= as_of else as_of
    due = dossier.due.day
    return max(1, calendar.working_days_between(due, end)) if end > due else 0


def is_due_soon(dossier: Dossier, day: dt.date, calendar: WorkCalendar) -> bool:
    """Open on the day and due that day or the next working day: the letter, if it will be
    late, must go out today."""
    if dossier.due is None or not is_open_on(dossier, day):
        return False
    return day <= dossier.due.day <= calendar.add_working_days(day, 1)


def new_appointment(
    dossier: Dossier, as_of: dt.date, calendar: WorkCalendar, working_days: int
) -> dt.date | None:
    """The one new date a letter dated `as_of` promises: the export's own when it is a
    working day after that day (None: refused), else N working days after the later of
    that day and the due date."""
    if dossier.new_date is not None:
        day = dossier.new_date.day
        return day if day > as_of and calendar.is_working_day(day) else None
    start = max(as_of, dossier.due.day) if dossier.due else as_of
    return calendar.add_working_days(start, working_days)


# How far from the export's own date a date may lie before the row is taken as mistyped.
FAR_AFTER = dt.timedelta(days=366)
# No one-stop system ran before this: an earlier date is a mistyped year (01/01/0001 would
# make a letter of "năm 1", hundreds of thousands of days late).
EARLIEST = dt.date(2000, 1, 1)


def newest_day(dossiers: Iterable[Dossier]) -> dt.date | None:
    """The latest date the dossiers carry (any of their dates), None when they have none."""
    days = (
        moment.day
        for dossier in dossiers
        for name in DATE_FIELDS
        if (moment := getattr(dossier, name)) is not None
    )
    return max(days, default=None)


def contradictions(dossier: Dossier, reference: dt.date | None) -> list[tuple[str, str]]:
    """(field, what is wrong, in Vietnamese) for dates before 2000, dates that contradict
    each other, or (with `reference`, the export's date) dates far after it; a row with any
    gets no letter."""
    found: list[tuple[str, str]] = []
    for name in DATE_FIELDS:
        moment: Moment | None = getattr(dossier, name)
        if moment is not None and moment.day < EARLIEST:
            found.append(
                (
                    name,
                    f"ngày {day_text(moment.day)} trước năm {EARLIEST.year}: "
                    "không thể là ngày của hồ sơ một cửa (gõ nhầm năm?)",
                )
            )
    received = dossier.received.day if dossier.received else None
    result_field = "finished" if dossier.finished is not None else "returned"
    result = result_day(dossier)
    if received is not None:
        if dossier.due is not None and dossier.due.day < received:
            found.append(
                (
                    "due",
                    f"ngày hẹn trả {day_text(dossier.due.day)} trước ngày tiếp "
                    f"nhận {day_text(received)}",
                )
            )
        if result is not None and result < received:
            found.append(
                (
                    result_field,
                    f"ngày có kết quả {day_text(result)} trước ngày tiếp nhận {day_text(received)}",
                )
            )
    if reference is None:
        return found
    limit = reference + FAR_AFTER
    dates = (
        ("received", received),
        ("due", dossier.due.day if dossier.due else None),
        (result_field, result),
    )
    for name, day in dates:
        if day is not None and day > limit:
            found.append(
                (name, f"ngày {day_text(day)} sau ngày lập tệp ({reference:%d/%m/%Y}) hơn một năm")
            )
    return found


_LATE_WORDS = ("tre han", "qua han", "cham")
_ON_TIME_WORDS = ("dung han", "truoc han", "som han")
_DONE_WORDS = ("da tra", "da giai quyet", "hoan thanh", "da xu ly", "co ket qua")
_OPEN_WORDS = ("dang xu ly", "dang giai quyet", "chua xu ly", "cho xu ly", "moi tiep nhan")


def status_conflict(dossier: Dossier, as_of: dt.date) -> str | None:
    """What the export's status column says against the dates, in Vietnamese, or None;
    `as_of` is the day the export was made, the day its status speaks of."""
    status = fold_words(dossier.status)
    if not status:
        return None
    state = lateness(dossier, as_of)
    says_done = any(w in status for w in _DONE_WORDS)
    says_open = any(w in status for w in _OPEN_WORDS)
    says_late = any(w in status for w in _LATE_WORDS)
    says_on_time = any(w in status for w in _ON_TIME_WORDS) and not says_late
    if says_done and result_day(dossier) is None:
        return f"trạng thái «{dossier.status}» nói đã xong nhưng không có ngày có kết quả"
    if says_open and dossier.finished is not None:
        return f"trạng thái «{dossier.status}» nói đang xử lý nhưng đã có ngày có kết quả"
    if says_late and state in (Lateness.ON_TIME, Lateness.OPEN):
        return f"trạng thái «{dossier.status}» nói trễ hạn nhưng theo ngày tháng thì chưa trễ"
    if says_on_time and state in (Lateness.LATE, Lateness.OVERDUE):
        return f"trạng thái «{dossier.status}» nói đúng hạn nhưng theo ngày tháng thì đã trễ"
    return None
