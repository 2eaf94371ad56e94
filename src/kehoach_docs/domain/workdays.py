"""Working days (ngày làm việc) for deadlines: Vietnam's public holidays and swapped
Saturdays from the `holidays` package, plus a unit's own days off and worked days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import holidays

_ONE_DAY = dt.timedelta(days=1)


class WorkCalendar:
    def __init__(
        self, extra_days_off: Iterable[dt.date] = (), extra_workdays: Iterable[dt.date] = ()
    ) -> None:
        self.extra_days_off = frozenset(extra_days_off)
        self.extra_workdays = frozenset(extra_workdays)

    @staticmethod
    @lru_cache(maxsize=64)
    def _national(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
        calendar = holidays.country_holidays("VN", years=year)
        days_off = frozenset(calendar)
        worked_weekends = frozenset(d for d in calendar.weekend_workdays if d.year == year)
        return days_off, worked_weekends

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.extra_days_off:
            return False
        if day in self.extra_workdays:
            return True
        days_off, worked_weekends = self._national(day.year)
        if day in worked_weekends:
            return True
        return day.weekday() < 5 and day not in days_off

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The count-th working day after start (start itself not counted)."""
        day = start
        while count > 0:
            day += _ONE_DAY
            if self.is_working_day(day):
                count -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after start up to and including end (0 when end <= start)."""
        count = 0
        day = start
        while day < end:
            day += _ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count
