"""Working days and lateness on the hard calendars: Tết, swapped Saturdays, a unit's own
days off."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_docs.domain.dossiers import (
    Dossier,
    Lateness,
    Moment,
    days_late,
    lateness,
    new_appointment,
    status_conflict,
)
from kehoach_docs.domain.workdays import GOVERNMENT_SWAPS, WorkCalendar, known_until

D = dt.date
VN = WorkCalendar()


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (D(2024, 2, 6), 3, D(2024, 2, 16)),  # Tết 2024: 8–14/2 off
        (D(2024, 2, 7), 1, D(2024, 2, 15)),
        (D(2025, 1, 24), 2, D(2025, 2, 4)),  # Tết 2025: 27/1–1/2 off
        (D(2024, 5, 3), 1, D(2024, 5, 4)),  # Saturday 4/5/2024 was worked
        (D(2024, 4, 26), 1, D(2024, 5, 2)),  # 29/4 swapped off, 30/4 and 1/5 holidays
        (D(2024, 8, 30), 1, D(2024, 9, 4)),  # 2/9 and 3/9
        (D(2024, 12, 31), 1, D(2025, 1, 2)),  # 1/1 across the year
    ],
)
def test_add_working_days(start: dt.date, count: int, expected: dt.date) -> None:
    assert VN.add_working_days(start, count) == expected


def test_weekends_and_holidays() -> None:
    assert not VN.is_working_day(D(2024, 2, 10))  # Tết
    assert not VN.is_working_day(D(2024, 4, 18))  # Giỗ Tổ Hùng Vương (10/3 lunar)
    assert VN.is_working_day(D(2024, 5, 4))  # a Saturday made a working day
    assert not VN.is_working_day(D(2024, 5, 11))  # an ordinary Saturday


def test_units_own_days_off_and_worked_days() -> None:
    unit = WorkCalendar(extra_days_off=[D(2024, 3, 8)], extra_workdays=[D(2024, 3, 9)])
    assert not unit.is_working_day(D(2024, 3, 8))
    assert unit.is_working_day(D(2024, 3, 9))
    assert unit.add_working_days(D(2024, 3, 7), 1) == D(2024, 3, 9)
    assert VN.add_working_days(D(2024, 3, 7), 1) == D(2024, 3, 8)


def dossier(due: dt.datetime, finished: dt.datetime | None = None, status: str = "") -> Dossier:
    return Dossier(
        code="X",
        applicant="A",
        due=Moment(due, True),
        finished=Moment(finished, True) if finished else None,
        status=status,
    )


def test_lateness_and_days_late_around_tet() -> None:
    due = dt.datetime(2024, 2, 7, 16, 30)
    late = dossier(due, dt.datetime(2024, 2, 16, 9, 0))
    assert lateness(late, D(2024, 3, 1)) is Lateness.LATE
    assert days_late(late, D(2024, 3, 1), VN) == 2  # 15 and 16/2; 8–14/2 were Tết
    same_day = dossier(due, dt.datetime(2024, 2, 7, 17, 45))
    assert lateness(same_day, D(2024, 3, 1)) is Lateness.ON_TIME  # on the due date
    open_one = dossier(due)
    assert lateness(open_one, D(2024, 2, 7)) is Lateness.OPEN
    assert lateness(open_one, D(2024, 2, 8)) is Lateness.OVERDUE
    assert days_late(open_one, D(2024, 2, 15), VN) == 1


def test_new_appointment_date() -> None:
    due = dt.datetime(2024, 2, 7, 16, 30)
    open_one = dossier(due)
    # N working days after the later of the due and the letter's dates.
    assert new_appointment(open_one, D(2024, 2, 5), VN, 2) == D(2024, 2, 16)
    assert new_appointment(open_one, D(2024, 2, 16), VN, 1) == D(2024, 2, 19)


def with_new_date(day: dt.date) -> Dossier:
    return Dossier(
        code="X",
        applicant="A",
        due=Moment(dt.datetime(2024, 2, 7)),
        new_date=Moment(dt.datetime.combine(day, dt.time())),
    )


def test_export_new_date_used_only_when_a_working_day_after_the_letter() -> None:
    assert new_appointment(with_new_date(D(2024, 2, 21)), D(2024, 2, 20), VN, 3) == D(2024, 2, 21)
    assert new_appointment(with_new_date(D(2024, 2, 20)), D(2024, 2, 20), VN, 3) is None
    assert new_appointment(with_new_date(D(2024, 2, 16)), D(2024, 2, 20), VN, 3) is None
    assert new_appointment(with_new_date(D(2024, 2, 24)), D(2024, 2, 20), VN, 3) is None  # Sat


def test_finished_on_a_holiday_after_the_due_date_is_one_day_late() -> None:
    # Due Friday 26/04/2024; 29/04 (swapped), 30/04 and 01/05 were days off.
    late = dossier(dt.datetime(2024, 4, 26, 16, 30), dt.datetime(2024, 4, 30, 9, 0))
    assert days_late(late, D(2024, 5, 10), VN) == 1
    assert lateness(late, D(2024, 5, 10)) is Lateness.LATE
    # Seen on the holiday itself, before the result: still open and overdue.
    assert lateness(late, D(2024, 4, 29)) is Lateness.OVERDUE


def test_government_swaps_the_package_lacks() -> None:
    # Văn bản 12729/VPCP-KGVX: Friday 02/01/2026 off, Saturday 10/01/2026 worked.
    assert not VN.is_working_day(D(2026, 1, 2))
    assert VN.is_working_day(D(2026, 1, 10))
    assert VN.add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 5)
    assert all(swap.source for swap in GOVERNMENT_SWAPS)
    # The unit's own calendar still has the last word.
    unit = WorkCalendar(extra_workdays=[D(2026, 1, 2)], extra_days_off=[D(2026, 1, 10)])
    assert unit.is_working_day(D(2026, 1, 2)) and not unit.is_working_day(D(2026, 1, 10))
    assert known_until() >= 2026


def test_status_that_contradicts_the_dates_is_named() -> None:
    due = dt.datetime(2024, 2, 7, 16, 30)
    assert status_conflict(dossier(due, status="Đã trả kết quả"), D(2024, 2, 1)) == (
        "trạng thái «Đã trả kết quả» nói đã xong nhưng không có ngày có kết quả"
    )
    late = dossier(due, dt.datetime(2024, 2, 16), status="Đúng hạn")
    assert "nói đúng hạn nhưng theo ngày tháng thì đã trễ" in status_conflict(late, D(2024, 3, 1))
    on_time = dossier(due, dt.datetime(2024, 2, 6), status="Trễ hạn")
    assert "nói trễ hạn" in status_conflict(on_time, D(2024, 3, 1))
    assert (
        status_conflict(dossier(due, dt.datetime(2024, 2, 6), "Đã trả kết quả"), D(2024, 3, 1))
        is None
    )
