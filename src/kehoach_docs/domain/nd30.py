"""How Nghị định 30/2020 writes dates and document numbers, blanks included."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from kehoach_docs.domain.plan import PartialDate

# Room to write by hand what the records office fills in after signing: six spaces between
# the words, as in the decree's samples ("Số:      /KH-UBND", "ngày      tháng 6"). The
# word before a blank is followed by one ordinary space, so the blank itself is one shorter.
BLANK = " " * 5

ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def day_text(day: int | None) -> str:
    return BLANK if day is None else f"{day:02d}"


def month_text(month: int | None) -> str:
    # Months 1 and 2 take a leading zero, 3 to 12 do not (Phụ lục I, NĐ 30/2020).
    if month is None:
        return BLANK
    return f"{month:02d}" if month <= 2 else str(month)


def year_text(year: int | None) -> str:
    return BLANK if year is None else str(year)


@lru_cache(maxsize=4096)  # a batch of letters repeats the same few hundred dates
def date_text(date: PartialDate | dt.date | None) -> str:
    """ "ngày 05 tháng 02 năm 2024", with blanks for the parts not known yet."""
    if date is None:
        date = PartialDate()
    parts = (
        ("ngày", date.day, day_text),
        ("tháng", date.month, month_text),
        ("năm", date.year, year_text),
    )
    return " ".join(
        f"{word} {show(value)}" if value is not None else word + BLANK
        for word, value, show in parts
    )


def number_text(number: int | None) -> str:
    """A document number: leading zero under 10, a blank while unsigned."""
    return BLANK if number is None else f"{number:02d}"


def count_text(number: int) -> str:
    """A count as the documents print it: 99980 → "99.980"."""
    return f"{number:,}".replace(",", ".")


def roman(value: int) -> str:
    out = []
    for size, letters in ROMAN:
        count, value = divmod(value, size)
        out.append(letters * count)
    return "".join(out)
