"""Working days (ngày làm việc) for deadlines: Vietnam's public holidays and swapped
Saturdays from the `holidays` package, the government's day swaps the package does not have
yet, and a unit's own days off and worked days."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import holidays

_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class DaySwap:
    """A government decision that moves a working day: `day_off` is given off and
    `worked` (a Saturday) is worked instead."""

    day_off: dt.date
    worked: dt.date
    source: str


# Swaps decided after the `holidays` release we depend on; each names its decision so that
# an officer can check it. Remove an entry once the package has it.
GOVERNMENT_SWAPS = (
    DaySwap(
        dt.date(2026, 1, 2),
        dt.date(2026, 1, 10),
        "Văn bản 12729/VPCP-KGVX ngày 25/12/2025 (Tết Dương lịch 2026)",
    ),
)


def known_until() -> int:
    """The last year for which the package or our table knows the government's day swaps;
    after it, a year's swaps must come from the unit's own calendar."""
    # The package keeps them in a class of its Vietnam module (not a public API: read it
    # defensively, so that a later release only loses the warning, never the calendar).
    static = getattr(
        importlib.import_module("holidays.countries.vietnam"), "VietnamStaticHolidays", None
    )
    years = set(getattr(static, "special_public_holidays", {}))
    years.update(swap.day_off.year for swap in GOVERNMENT_SWAPS)
    return max(years, default=0)


class WorkCalendar:
    def __init__(
        self, extra_days_off: Iterable[dt.date] = (), extra_workdays: Iterable[dt.date] = ()
    ) -> None:
        # The unit's own days come last, so they win over the national calendar and our table.
        days_off = {swap.day_off for swap in GOVERNMENT_SWAPS}
        workdays = {swap.worked for swap in GOVERNMENT_SWAPS}
        own_off, own_worked = frozenset(extra_days_off), frozenset(extra_workdays)
        self.extra_days_off = frozenset((days_off - own_worked) | own_off)
        self.extra_workdays = frozenset((workdays - own_off) | own_worked)

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
        # A batch of letters asks for the same few hundred (due date, day) pairs again and
        # again, each a walk over months of days: remembered per calendar.
        known = self.__dict__.setdefault("_between", {})
        if (start, end) not in known:
            count = 0
            day = start
            while day < end:
                day += _ONE_DAY
                if self.is_working_day(day):
                    count += 1
            known[start, end] = count
        return known[start, end]
