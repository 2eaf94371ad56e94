"""The register as a workbook people read and print: Sổ theo dõi phiếu xin lỗi, with the
dossiers of the last run's day that got no letter (resolved late, due soon) on their own
sheets."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kehoach_docs.domain.dossiers import Dossier, Moment
from kehoach_docs.domain.letters import IssuedLetter
from kehoach_docs.domain.textclean import wrapped_lines
from kehoach_docs.outputs.xlsx_stream import (
    DAY_FORMAT,
    MOMENT_FORMAT,
    Cell,
    Row,
    Sheet,
    Style,
    write_workbook,
)

# A column's width counts the widest digit of the default font (Calibri 11, 7 pixels); a
# digit of our 12 pt Times New Roman takes 8.
DIGIT_SCALE = 8 / 7
_TOKENS = {"yyyy": "%Y", "dd": "%d", "mm": "%m", "hh": "%H"}  # mm: month or minute alike


def date_width(num_format: str) -> int:
    """The width of a column of dates shown in `num_format`: the text it renders, in our
    font, and a margin for the cell's padding; narrower, Excel and LibreOffice show ####."""
    pattern = re.sub("yyyy|dd|mm|hh", lambda token: _TOKENS[token[0]], num_format)
    rendered = dt.datetime(2024, 12, 31, 23, 59).strftime(pattern)
    return math.ceil(len(rendered) * DIGIT_SCALE) + 1


TEXT, DAY, MOMENT = "text", "day", "moment"


@dataclass(frozen=True)
class Column:
    caption: str
    width: int
    kind: str = TEXT  # DAY: a date; MOMENT: a date, with its time of day when it has one
    wraps: bool = False  # long text: the row is made tall enough to show all of it


def _day(caption: str) -> Column:
    return Column(caption, date_width(DAY_FORMAT), DAY)


def _moment(caption: str) -> Column:
    return Column(caption, date_width(MOMENT_FORMAT), MOMENT)


BOOK_FILE = "so-theo-doi-phieu-xin-loi.xlsx"
TITLE = "SỔ THEO DÕI PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"
# Each sheet's columns before and after the applicant's address and phone (only there when
# the export has them).
_APPLICANT = (
    Column("STT", 5),
    Column("Mã hồ sơ", 16, wraps=True),
    Column("Chủ hồ sơ", 18, wraps=True),
)
CONTACT = (Column("Địa chỉ", 30, wraps=True), Column("Số điện thoại", 13, wraps=True))
LETTER_HEAD = (_APPLICANT[0], Column("Số phiếu", 9), _day("Ngày phiếu"), *_APPLICANT[1:])
LETTER_TAIL = (
    Column("Thủ tục", 36, wraps=True),
    _day("Ngày tiếp nhận"),
    _moment("Ngày hẹn trả"),
    Column("Số ngày trễ", 7),
    Column("Lý do", 30, wraps=True),
    _day("Ngày hẹn trả mới"),
    Column("Gửi kịp thời", 8),
    Column("Tệp văn bản", 20, wraps=True),
)
LATE_SHEET = "Trễ hạn chưa có phiếu"
LATE_TITLE = "HỒ SƠ ĐÃ GIẢI QUYẾT TRỄ HẠN MÀ CHƯA CÓ PHIẾU XIN LỖI"
SOON_TAIL = (Column("Thủ tục", 36, wraps=True), _day("Ngày tiếp nhận"), _moment("Ngày hẹn trả"))
LATE_TAIL = (*SOON_TAIL, _moment("Ngày có kết quả"), Column("Số ngày trễ", 7))
SOON_SHEET = "Sắp đến hạn"
SOON_TITLE = "HỒ SƠ ĐẾN HẠN TRẢ TRONG 1 NGÀY LÀM VIỆC"
LINE_POINTS = 15.5  # one line of 12 pt text


FIRST_ROW = 3  # zero-based: the title, the day, the header, then the rows


@dataclass(frozen=True)
class Listed:
    """The dossiers a run on `day` listed instead of lettering."""

    day: dt.date
    resolved_late: Sequence[tuple[Dossier, int]]  # with their working days late
    due_soon: Sequence[Dossier]


class Contacts:
    """The applicants' address and phone from this run's export, by dossier code: the
    register keeps neither, and officers deliver letters by hand or call. A column is there
    only when some dossier has it; a letter whose dossier is not in the export has it blank."""

    def __init__(self, dossiers: Iterable[Dossier]) -> None:
        found = {d.code: (d.address, d.phone) for d in dossiers if d.address or d.phone}
        shown = [i for i in range(len(CONTACT)) if any(pair[i] for pair in found.values())]
        self.columns = tuple(CONTACT[i] for i in shown)
        self._by_code = {code: [pair[i] or None for i in shown] for code, pair in found.items()}
        self._blank: list[str | None] = [None] * len(shown)

    def values(self, code: str) -> list[str | None]:
        return self._by_code.get(code, self._blank)


def _sheet(
    name: str, title: str, columns: Sequence[Column], day: dt.date, note: str, rows: Iterable[Row]
) -> Sheet:
    """A sheet with its title, the day it speaks of (and what to make of it), its header,
    then its rows."""
    head = (
        Row([(title, Style.TITLE)]),
        Row([(" ".join((f"Tính đến ngày {day:%d/%m/%Y}.", note)).strip(), Style.NOTE)]),
        Row([(column.caption, Style.HEADER) for column in columns], LINE_POINTS * 2),
    )
    return Sheet(name, [column.width for column in columns], FIRST_ROW, itertools.chain(head, rows))


def _date(value: Moment | dt.date | None, kind: str) -> Cell:
    """A date; its time of day too when it has one and the column is MOMENT (the receipt
    columns show the day only)."""
    if isinstance(value, Moment):
        if value.has_time and kind == MOMENT:
            return value.value, Style.MOMENT
        return value.day, Style.DAY
    return value, Style.DAY


def _row(columns: Sequence[Column], values: Sequence[Any]) -> Row:
    """One row, each cell as its column shows it, tall enough for its longest text."""
    lines = 1
    cells: list[Cell] = []
    for column, value in zip(columns, values, strict=True):
        if column.kind is TEXT:
            cells.append((value, Style.TEXT))
            if value and column.wraps:
                lines = max(lines, wrapped_lines(value, column.width))
        else:
            cells.append(_date(value, column.kind))
    return Row(cells, LINE_POINTS * lines)


def _listed(
    name: str,
    title: str,
    tail: Sequence[Column],
    day: dt.date,
    contacts: Contacts,
    note: str,
    rows: Sequence[tuple[Dossier, tuple[Any, ...]]],
) -> Sheet:
    """A sheet of dossiers listed without a letter: applicant, procedure, received, due, and
    the columns of its own `tail` after those."""
    columns = (*_APPLICANT, *contacts.columns, *tail)
    return _sheet(
        name,
        title,
        columns,
        day,
        note,
        (
            _row(
                columns,
                (
                    *_applicant(index, dossier, contacts),
                    dossier.procedure,
                    dossier.received,
                    dossier.due,
                    *extra,
                ),
            )
            for index, (dossier, extra) in enumerate(rows, start=1)
        ),
    )


def _applicant(index: int, dossier: Dossier, contacts: Contacts) -> list[Any]:
    """STT, code, applicant and the applicant's contacts: the first columns of both lists."""
    return [index, dossier.code, dossier.applicant, *contacts.values(dossier.code)]


def _letters_sheet(
    letters: Iterable[IssuedLetter], code: str, day: dt.date, contacts: Contacts, note: str = ""
) -> Sheet:
    """The register's own sheet; the letters' numbers without their code when it is not
    known (the unit's settings cannot be read)."""
    columns = (*LETTER_HEAD, *contacts.columns, *LETTER_TAIL)
    return _sheet(
        "Sổ theo dõi",
        TITLE,
        columns,
        day,
        note,
        (
            _row(
                columns,
                (
                    index,
                    f"{letter.number:02d}/{code}" if code else f"{letter.number:02d}",
                    letter.letter_date,
                    draft.dossier_code,
                    draft.applicant,
                    *contacts.values(draft.dossier_code),
                    draft.procedure,
                    draft.received,
                    draft.due,
                    draft.days_late,
                    draft.reason,
                    draft.new_date,
                    "Có" if letter.timely else "Không",
                    letter.output_file,
                ),
            )
            for index, letter in enumerate(letters, start=1)
            for draft in (letter.draft,)
        ),
    )


def register_selection(
    letters: Iterable[IssuedLetter], code: str, stamp: dt.datetime, note: str
) -> bytes:
    """Some of the register's letters (those an officer found on the desk), on a sheet laid
    out as the register's own, `note` saying which they are."""
    buffer = io.BytesIO()
    sheet = _letters_sheet(letters, code, stamp.date(), Contacts(()), note)
    write_workbook(buffer, TITLE, stamp, [sheet])
    return buffer.getvalue()


def write_register_workbook(
    letters: Iterable[IssuedLetter],
    code: str,
    stamp: dt.datetime,
    target: Path,
    listed: Listed,
    contacts: Contacts,
) -> None:
    """The whole register, written again after every batch, streamed row by row."""
    sheets = [
        _letters_sheet(letters, code, listed.day, contacts),
        _listed(
            LATE_SHEET,
            LATE_TITLE,
            LATE_TAIL,
            listed.day,
            contacts,
            "Không làm phiếu xin lỗi cho các hồ sơ này (đã trả kết quả); báo cáo tính là "
            "hồ sơ trễ hạn chưa có phiếu.",
            [
                (dossier, (dossier.finished or dossier.returned, days))
                for dossier, days in listed.resolved_late
            ],
        ),
        _listed(
            SOON_SHEET,
            SOON_TITLE,
            SOON_TAIL,
            listed.day,
            contacts,
            "Nếu không trả kịp, phải gửi phiếu xin lỗi ngay hôm nay (kehoach letters --ma "
            "MÃ_HỒ_SƠ).",
            [(dossier, ()) for dossier in listed.due_soon],
        ),
    ]
    try:
        with target.open("wb") as handle:
            write_workbook(handle, TITLE, stamp, sheets)
    except OSError as exc:
        if exc.filename is not None:
            raise
        # A write that failed (a full disk) names no file: name it.
        raise OSError(exc.errno, exc.strerror, str(target)) from exc
