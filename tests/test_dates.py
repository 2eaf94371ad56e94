"""Dates as exports and officers write them."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_docs.domain.dates import DateValueError, parse_date_text, parse_date_value, parse_day

T = dt.datetime


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("05/02/2024", (T(2024, 2, 5), False)),
        ("5/2/2024", (T(2024, 2, 5), False)),
        ("05/02/2024 14:30", (T(2024, 2, 5, 14, 30), True)),
        ("05/02/2024 14:30:15", (T(2024, 2, 5, 14, 30, 15), True)),
        ("05-02-2024", (T(2024, 2, 5), False)),
        ("2024-02-05", (T(2024, 2, 5), False)),
        ("2024-02-05 08:00:00", (T(2024, 2, 5, 8), True)),
        (" 29/02/2024 ", (T(2024, 2, 29), False)),
        (T(2024, 2, 5, 16, 30), (T(2024, 2, 5, 16, 30), True)),
        (T(2024, 2, 5), (T(2024, 2, 5), False)),
        (dt.date(2024, 2, 5), (T(2024, 2, 5), False)),
        (45327, (T(2024, 2, 5), False)),  # an Excel serial day
        (45327.6875, (T(2024, 2, 5, 16, 30), True)),
        (None, None),
        ("  ", None),
    ],
)
def test_readable_dates(value: object, expected: object) -> None:
    assert parse_date_value(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("30/02/2024", "ngày không có thật (30/02/2024)"),
        ("29/02/2023", "ngày không có thật (29/02/2023)"),
        ("05/13/2024", "ngày không có thật (05/13/2024)"),
        ("hôm qua", "không đọc được ngày «hôm qua»"),
        (12, "giá trị «12» không phải ngày tháng"),
    ],
)
def test_unreadable_dates_say_why(value: object, message: str) -> None:
    with pytest.raises(DateValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_date_value(value)


def test_a_mistyped_year_is_said_as_typed() -> None:
    """The year keeps its four digits in the message («0001», not «1»): the officer finds
    what they typed."""
    with pytest.raises(DateValueError) as early:
        parse_day("01/01/0001")
    assert str(early.value).startswith("ngày 01/01/0001 nằm ngoài khoảng chương trình tính được")
    with pytest.raises(DateValueError) as unreal:
        parse_date_text("00/00/0000")
    assert str(unreal.value) == "ngày không có thật (00/00/0000)"
