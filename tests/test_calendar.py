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
from kehoach_docs.domain.workdays import WorkCalendar

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
        code="X", applicant="A", due=Moment(due, True),
        finished=Moment(finished, True) if finished else None, status=status,
    )  # fmt: skip


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
    # N working days after the later of the due and the reference dates.
    assert new_appointment(open_one, D(2024, 2, 5), VN, 2) == D(2024, 2, 16)
    assert new_appointment(open_one, D(2024, 2, 16), VN, 1) == D(2024, 2, 19)
    done = dossier(due, dt.datetime(2024, 2, 16, 9, 0))
    assert new_appointment(done, D(2024, 2, 15), VN, 3) == D(2024, 2, 16)
    assert new_appointment(done, D(2024, 3, 1), VN, 3) == D(2024, 3, 1)  # never in the past


def test_status_that_contradicts_the_dates_is_named() -> None:
    due = dt.datetime(2024, 2, 7, 16, 30)
    assert status_conflict(dossier(due, status="Đã trả kết quả"), D(2024, 2, 1)) == (
        "trạng thái «Đã trả kết quả» nói đã xong nhưng không có ngày có kết quả"
    )
    late = dossier(due, dt.datetime(2024, 2, 16), status="Đúng hạn")
    assert "nói đúng hạn nhưng theo ngày tháng thì đã trễ" in status_conflict(late, D(2024, 3, 1))
    on_time = dossier(due, dt.datetime(2024, 2, 6), status="Trễ hạn")
    assert "nói trễ hạn" in status_conflict(on_time, D(2024, 3, 1))
    assert status_conflict(dossier(due, dt.datetime(2024, 2, 6), "Đã trả kết quả"),
                           D(2024, 3, 1)) is None  # fmt: skip
