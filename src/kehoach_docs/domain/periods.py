"""Reporting periods. By default the data cut-off of Nghị định 09/2019/NĐ-CP: from the 15th
of the month before the period to the 14th of its last month; calendar periods on request."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

from kehoach_docs.domain.nd30 import roman


@dataclass(frozen=True)
class Period:
    year: int
    start: dt.date
    end: dt.date
    label: str  # "quý I năm 2024", "6 tháng đầu năm 2024", "năm 2024"
    quarters: tuple[int, ...]  # the tracker's quarters that fall in it
    cut_short: bool = False  # the period has not ended: its data stops at `end`

    def until(self, day: dt.date) -> Period:
        """The period as known on `day`: unchanged once ended, else its data up to `day`
        (dossiers still open then are judged on that day)."""
        if day >= self.end:
            return self
        return replace(self, end=day, cut_short=True)

    @property
    def next_label(self) -> str:
        """The period after this one, as the report's "tasks for the next period" names it."""
        if len(self.quarters) == 4:
            return f"năm {self.year + 1}"
        if len(self.quarters) == 2:
            return f"6 tháng cuối năm {self.year}"
        number = self.quarters[0]
        return (
            f"quý I năm {self.year + 1}"
            if number == 4
            else (f"quý {roman(number + 1)} năm {self.year}")
        )

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def month_spans(self) -> list[tuple[dt.date, dt.date]]:
        """The part of each month the period's data runs through, (first day, last day), in
        order: whole months, except where the cut-off (the 15th to the 14th) or the day the
        period was cut short falls inside one."""
        spans = []
        first = self.start
        while first <= self.end:
            month_end = first.replace(day=calendar.monthrange(first.year, first.month)[1])
            last = min(month_end, self.end)
            spans.append((first, last))
            first = last + dt.timedelta(days=1)
        return spans


def month_label(first: dt.date, last: dt.date) -> str:
    """A whole month "01/2026"; part of one by its days, "15–31/12", "01–14/3" (quarters I and
    II both hold some of March: "03/2026" would name two different counts)."""
    if first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]:
        return f"{first.month:02d}/{first.year}"
    if first == last:
        return f"{first.day:02d}/{first.month}"
    return f"{first.day:02d}–{last.day:02d}/{first.month}"


def _cut_off(
    year: int, first_month: int, last_month: int, calendar_periods: bool
) -> tuple[dt.date, dt.date]:
    if calendar_periods:
        last_day = calendar.monthrange(year, last_month)[1]
        return dt.date(year, first_month, 1), dt.date(year, last_month, last_day)
    before = dt.date(year - 1, 12, 15) if first_month == 1 else dt.date(year, first_month - 1, 15)
    return before, dt.date(year, last_month, 14)


def quarter(year: int, number: int, calendar_periods: bool = False) -> Period:
    if not 1 <= number <= 4:
        raise ValueError(f"quý phải từ 1 đến 4, không phải {number}")
    start, end = _cut_off(year, 3 * number - 2, 3 * number, calendar_periods)
    return Period(year, start, end, f"quý {roman(number)} năm {year}", (number,))


def half_year(year: int, calendar_periods: bool = False) -> Period:
    start, end = _cut_off(year, 1, 6, calendar_periods)
    return Period(year, start, end, f"6 tháng đầu năm {year}", (1, 2))


def whole_year(year: int, calendar_periods: bool = False) -> Period:
    start, end = _cut_off(year, 1, 12, calendar_periods)
    return Period(year, start, end, f"năm {year}", (1, 2, 3, 4))
