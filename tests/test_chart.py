"""The report's chart: months labelled as the period cuts them."""

from __future__ import annotations

import datetime as dt

from kehoach_docs.domain.dossiers import Dossier, Moment
from kehoach_docs.domain.indicators import Ratio, monthly_on_time
from kehoach_docs.domain.periods import Period, half_year, quarter, whole_year


def _labels(period: Period) -> list[str]:
    return [label for label, _ in monthly_on_time([], period)]


def test_quarter_one_labels_the_months_it_cuts_by_their_days() -> None:
    assert _labels(quarter(2026, 1)) == ["15–31/12", "01/2026", "02/2026", "01–14/3"]
    assert _labels(half_year(2026))[::6] == ["15–31/12", "01–14/6"]
    assert _labels(whole_year(2026)) == ["15–31/12"] + [f"{m:02d}/2026" for m in range(1, 12)
                                                        ] + ["01–14/12"]  # fmt: skip


def test_consecutive_quarters_share_no_label() -> None:
    """Quarters II and III both hold part of June: each bar says which part."""
    second, third = _labels(quarter(2026, 2)), _labels(quarter(2026, 3))
    assert second == ["15–31/3", "04/2026", "05/2026", "01–14/6"]
    assert third == ["15–30/6", "07/2026", "08/2026", "01–14/9"]
    assert not set(second) & set(third)


def test_a_period_cut_short_ends_with_the_days_it_has() -> None:
    assert _labels(quarter(2026, 2).until(dt.date(2026, 5, 20))) == [
        "15–31/3", "04/2026", "01–20/5"]  # fmt: skip
    # Cut on the last day of a month: that month is whole.
    assert _labels(quarter(2026, 2).until(dt.date(2026, 4, 30)))[-1] == "04/2026"
    assert _labels(quarter(2026, 3, calendar_periods=True).until(dt.date(2026, 8, 3))) == [
        "07/2026", "01–03/8"]  # fmt: skip


def test_calendar_quarters_have_whole_months_only() -> None:
    assert _labels(quarter(2026, 1, calendar_periods=True)) == ["01/2026", "02/2026", "03/2026"]
    assert _labels(quarter(2026, 4, calendar_periods=True)) == ["10/2026", "11/2026", "12/2026"]
    assert _labels(whole_year(2026, calendar_periods=True)) == [
        f"{month:02d}/2026" for month in range(1, 13)]  # fmt: skip


def test_a_dossier_counts_in_the_part_of_its_month_inside_the_period() -> None:
    """Resolved on 20/12/2025: quarter I of 2026's first bar; on 10/12/2025: no bar of it."""

    def resolved(code: str, day: dt.date, due: dt.date) -> Dossier:
        return Dossier(code, "A", received=Moment(dt.datetime(2025, 12, 1)),
                       due=Moment(dt.datetime.combine(due, dt.time())),
                       finished=Moment(dt.datetime.combine(day, dt.time(9))))  # fmt: skip

    dossiers = [resolved("A", dt.date(2025, 12, 20), dt.date(2025, 12, 22)),
                resolved("B", dt.date(2025, 12, 31), dt.date(2025, 12, 30)),
                resolved("C", dt.date(2025, 12, 10), dt.date(2025, 12, 12)),
                resolved("D", dt.date(2026, 3, 14), dt.date(2026, 3, 16))]  # fmt: skip
    assert monthly_on_time(dossiers, quarter(2026, 1)) == [
        ("15–31/12", Ratio(1, 2)), ("01/2026", Ratio(0, 0)), ("02/2026", Ratio(0, 0)),
        ("01–14/3", Ratio(1, 1))]  # fmt: skip
