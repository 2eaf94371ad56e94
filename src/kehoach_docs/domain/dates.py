"""Dates as officers type them: 05/02/2024, 05/02/2024 14:30, 2024-02-05, with or without
seconds; and Excel's own date cells and serial numbers."""

from __future__ import annotations

import datetime as dt
import re

_DMY = re.compile(
    r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2})[:hg](\d{2})(?:[:m](\d{2}))?)?$"
)
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
# The national portal's timestamps: yyyyMMddHHmmss.
_PORTAL = re.compile(r"^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$")
# Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included); serials in this range are
# the years 1954 to 2119, which covers any dossier.
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_SERIAL_RANGE = (20000, 80000)

DATE_FORMATS_HELP = "dd/mm/yyyy, dd/mm/yyyy hh:mm, yyyy-mm-dd hoặc yyyyMMddHHmmss"


def day_text(day: dt.date) -> str:
    """dd/mm/yyyy, the year on four digits even before 1000 (strftime drops its zeros): a
    mistyped year is said as it was typed."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


class DateValueError(ValueError):
    """A date that cannot be read; the message says why, in Vietnamese."""


def _build(
    year: int, month: int, day: int, hour: str | None, minute: str | None, second: str | None
) -> tuple[dt.datetime, bool]:
    try:
        date = dt.date(year, month, day)
    except ValueError as exc:
        raise DateValueError(f"ngày không có thật ({day:02d}/{month:02d}/{year:04d})") from exc
    hours, minutes, seconds = int(hour or 0), int(minute or 0), int(second or 0)
    if hours > 23 or minutes > 59 or seconds > 59:
        # "25:00" is not the next day's 01:00: the cell was mistyped, and says so.
        clock = f"{hours:02d}:{minutes:02d}" + (f":{seconds:02d}" if second is not None else "")
        raise DateValueError(
            f"giờ không có thật ({clock} ngày {day_text(date)}); giờ phải từ 00:00 đến 23:59"
        )
    return dt.datetime.combine(date, dt.time(hours, minutes, seconds)), hour is not None


def parse_date_text(text: str) -> tuple[dt.datetime, bool]:
    """(the moment, whether a time of day was given); DateValueError if unreadable."""
    text = text.strip()
    match = _DMY.match(text)
    if match:
        day, month, year, hour, minute, second = match.groups()
        return _build(int(year), int(month), int(day), hour, minute, second)
    match = _YMD.match(text)
    if match:
        year, month, day, hour, minute, second = match.groups()
        return _build(int(year), int(month), int(day), hour, minute, second)
    match = _PORTAL.match(text)
    if match:
        year, month, day, hour, minute, second = match.groups()
        if hour + minute + second == "000000":  # the portal's way of giving no time of day
            hour = minute = second = None
        return _build(int(year), int(month), int(day), hour, minute, second)
    raise DateValueError(f"không đọc được ngày «{text}»; hãy ghi theo dạng {DATE_FORMATS_HELP}")


def parse_date_value(value: object) -> tuple[dt.datetime, bool] | None:
    """A cell's value as a date: None when empty; DateValueError when it is not a date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        has_time = value.time() != dt.time(0, 0)
        return value.replace(tzinfo=None, microsecond=0), has_time
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day), False
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            moment = _EXCEL_EPOCH + dt.timedelta(days=float(value))
            moment = moment.replace(microsecond=0)
            return moment, moment.time() != dt.time(0, 0)
        if float(value).is_integer() and len(str(int(value))) == 14:
            return parse_date_text(str(int(value)))  # a portal timestamp stored as a number
        raise DateValueError(f"giá trị «{value}» không phải ngày tháng")
    return parse_date_text(str(value))


# The days a setting or --as-of may name: a letter's new date is counted in working days
# after its day, which must stay a real date (9999-12-31 has no next day).
DAY_RANGE = (dt.date(2000, 1, 1), dt.date(2199, 12, 31))


def parse_day(text: str) -> dt.date:
    """A calendar day typed in a setting (the time of day, if any, is not wanted)."""
    day = parse_date_text(text)[0].date()
    first, last = DAY_RANGE
    if not first <= day <= last:
        raise DateValueError(
            f"ngày {day_text(day)} nằm ngoài khoảng chương trình tính được "
            f"({first:%d/%m/%Y} đến {last:%d/%m/%Y})"
        )
    return day
