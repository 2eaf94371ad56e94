"""How Nghị định 30/2020 writes dates and document numbers, blanks included."""

from __future__ import annotations

import datetime as dt

from .plan import PartialDate

# Room to write by hand what the records office fills in after signing.
BLANK = "      "

ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def day_text(day: int | None) -> str:
    return BLANK if day is None else f"{day:02d}"


def month_text(month: int | None) -> str:
    # Months 1 and 2 take a leading zero, 3 to 12 do not (Phụ lục I, NĐ 30/2020).
    if month is None:
        return BLANK
    return f"{month:02d}" if month <= 2 else str(month)


def year_text(year: int | None) -> str:
    return BLANK if year is None else str(year)


def date_text(date: PartialDate | dt.date | None) -> str:
    """"ngày 05 tháng 02 năm 2024", with blanks for the parts not known yet."""
    if date is None:
        date = PartialDate()
    return f"ngày {day_text(date.day)} tháng {month_text(date.month)} năm {year_text(date.year)}"


def number_text(number: int | None) -> str:
    """A document number: leading zero under 10, a blank while unsigned."""
    return BLANK if number is None else f"{number:02d}"


def roman(value: int) -> str:
    out = []
    for size, letters in ROMAN:
        count, value = divmod(value, size)
        out.append(letters * count)
    return "".join(out)
