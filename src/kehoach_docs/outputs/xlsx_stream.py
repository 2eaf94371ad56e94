"""A streaming .xlsx writer for the register's workbook: rows of text, numbers and dates in a
few fixed styles, each sheet with its columns' widths, its top rows frozen and printed on
every page, landscape A4 one page wide. It writes each row's XML in one piece, where
XlsxWriter goes cell by cell through several layers: a register of 10,000 letters takes a
third of the CPU time, the same cells and styles. The entries carry fixed times, so the same
content gives the same bytes."""

from __future__ import annotations

import datetime as dt
import functools
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import IO, Any
from xml.sax.saxutils import quoteattr

from kehoach_docs.domain.limits import column_letters
from kehoach_docs.render.officezip import core_properties, entry


class Style(IntEnum):
    """A cell's style: its index in STYLES' cellXfs."""

    PLAIN = 0
    TITLE = 1
    NOTE = 2
    HEADER = 3
    TEXT = 4
    DAY = 5
    MOMENT = 6


DAY_FORMAT = "dd/mm/yyyy"
MOMENT_FORMAT = "dd/mm/yyyy hh:mm"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_FONT = '<sz val="12"/><name val="Times New Roman"/><family val="1"/>'
_BORDER = "".join(
    f'<{side} style="thin"><color auto="1"/></{side}>'
    for side in ("left", "right", "top", "bottom")
)
_BOXED = 'fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"'
STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
    f'<numFmts count="2"><numFmt numFmtId="164" formatCode="{DAY_FORMAT}"/>'
    f'<numFmt numFmtId="165" formatCode="{MOMENT_FORMAT}"/></numFmts>'
    '<fonts count="5"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="14"/><name val="Times New Roman"/><family val="1"/></font>'
    f"<font><i/>{_FONT}</font><font><b/>{_FONT}</font><font>{_FONT}</font></fonts>"
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
    f"<border>{_BORDER}<diagonal/></border></borders>"
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '</cellStyleXfs><cellXfs count="7">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    f'<xf numFmtId="0" fontId="3" {_BOXED}>'
    '<alignment horizontal="center" vertical="center" wrapText="1"/></xf>'
    f'<xf numFmtId="0" fontId="4" {_BOXED}><alignment vertical="top" wrapText="1"/></xf>'
    f'<xf numFmtId="164" fontId="4" {_BOXED} applyNumberFormat="1">'
    '<alignment vertical="top"/></xf>'
    f'<xf numFmtId="165" fontId="4" {_BOXED} applyNumberFormat="1">'
    '<alignment vertical="top"/></xf>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    "</cellStyles></styleSheet>"
)
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
# Excel's limit of a cell's text, in UTF-16 units.
CELL_TEXT_LIMIT = 32767
# Characters XML 1.0 cannot carry, written as Excel's _xHHHH_ escapes, which a literal
# "_xHHHH_" in the text would be read as unless its underscore is escaped too.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]|_(?=x[0-9a-fA-F]{4}_)")
_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Day 1 is 1900-01-01; Excel counts a 29 February 1900 that never was, so from March 1900 on
# day numbers count from 1899-12-30.
_EPOCH = dt.date(1899, 12, 30).toordinal()
_DAY_SECONDS = 86400


def _text(value: str) -> str:
    if len(value) > CELL_TEXT_LIMIT // 2:
        value = _cut(value)
    if _SPECIAL.search(value):
        value = _CONTROL.sub(lambda found: f"_x{ord(found[0]):04X}_", value).translate(_ESCAPES)
    if value[0].isspace() or value[-1].isspace():
        return f'<is><t xml:space="preserve">{value}</t></is>'
    return f"<is><t>{value}</t></is>"


def _cut(value: str) -> str:
    """At most CELL_TEXT_LIMIT UTF-16 units (Excel refuses a longer cell), never half a
    character."""
    length = 0
    for index, char in enumerate(value):
        length += 2 if ord(char) > 0xFFFF else 1
        if length > CELL_TEXT_LIMIT:
            return value[:index]
    return value


def serial(value: dt.date) -> float:
    """A date, or a moment, as Excel's day number (days since its epoch, the time of day as
    the fraction)."""
    days = value.toordinal() - _EPOCH
    if days < 61:  # before 1 March 1900 the false 29 February is not counted yet
        days -= 1
    if isinstance(value, dt.datetime):
        return (
            days
            + (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6)
            / _DAY_SECONDS
        )
    return days


def _cell(ref: str, value: Any, style: int) -> str:
    """One cell: text always as text (never a formula or a link), numbers and dates as
    numbers, nothing (or no text) as a styled blank."""
    if value is None or value == "":
        return f'<c r="{ref}" s="{style}"/>'
    if isinstance(value, str):
        return f'<c r="{ref}" s="{style}" t="inlineStr">{_text(value)}</c>'
    if isinstance(value, dt.date):
        value = serial(value)
    return f'<c r="{ref}" s="{style}"><v>{value:.16G}</v></c>'


@functools.cache
def _row_height(points: float) -> str:
    """In points, as a whole number of pixels (at 96 dpi) shows it."""
    return f"{int(points * 4 / 3 + 0.5) * 0.75:.16g}"


def _column_width(characters: float) -> str:
    """Excel's stored width for a column `characters` digits of the default font wide: the
    pixels it shows (a digit 7, the cell's padding 5), in 1/256 of a digit."""
    pixels = int(characters * 7 + 0.5) + 5 if characters >= 1 else int(characters * 12 + 0.5)
    return f"{pixels * 256 // 7 / 256:.16g}"


Cell = tuple[Any, Style]


@dataclass(frozen=True)
class Row:
    cells: Sequence[Cell]
    height: float | None = None  # points; None: the default height


@dataclass(frozen=True)
class Sheet:
    """A sheet; its rows are read once, as they are written. The first `frozen` rows stay
    in view when scrolling; the last of them is printed at the top of every page."""

    name: str
    widths: Sequence[float]
    frozen: int
    rows: Iterable[Row]


# Rows kept before they go to the file together. Each write releases Python's lock, and a
# thread waiting to take it back waits for the thread rendering beside it (up to 5 ms):
# written every 8 KB, a register's rows would wait seconds.
_FLUSH_CHARACTERS = 1 << 19


class _SheetWriter:
    def __init__(self, sheet: Sheet, out: IO[bytes]) -> None:
        # Every row of a sheet has as many cells as its header, or fewer.
        self.letters = [column_letters(i + 1) for i in range(len(sheet.widths))]
        self.out = out
        self.pending: list[str] = []
        self.size = 0
        self.last_row = 0
        self.last_column = 0

    def flush(self) -> None:
        self.out.write("".join(self.pending).encode())
        self.pending.clear()
        self.size = 0

    def write(self, number: int, row: Row) -> None:
        cells = row.cells
        parts = [
            f'<row r="{number}" ht="{_row_height(row.height)}" customHeight="1">'
            if row.height is not None
            else f'<row r="{number}">'
        ]
        for letter, (value, style) in zip(self.letters, cells, strict=False):
            # The innermost loop: the common cases first, without a call.
            if value.__class__ is str and value:
                parts.append(
                    f'<c r="{letter}{number}" s="{style}" t="inlineStr">{_text(value)}</c>'
                )
            elif value.__class__ is int:
                parts.append(f'<c r="{letter}{number}" s="{style}"><v>{value}</v></c>')
            else:
                parts.append(_cell(f"{letter}{number}", value, style))
        parts.append("</row>")
        text = "".join(parts)
        self.pending.append(text)
        self.size += len(text)
        if self.size > _FLUSH_CHARACTERS:
            self.flush()
        self.last_row = number
        self.last_column = max(self.last_column, len(cells))


def _sheet_xml(sheet: Sheet, selected: bool, package: zipfile.ZipFile, index: int) -> None:
    """The sheet's rows go to a temporary file first: the sheet's size comes before them."""
    with tempfile.TemporaryFile() as rows:
        writer = _SheetWriter(sheet, rows)
        for number, row in enumerate(sheet.rows, start=1):
            writer.write(number, row)
        writer.flush()
        rows.seek(0)
        last = f"{column_letters(max(writer.last_column, 1))}{max(writer.last_row, 1)}"
        selection = ' tabSelected="1"' if selected else ""
        frozen = (
            f'<pane ySplit="{sheet.frozen}" topLeftCell="A{sheet.frozen + 1}" '
            'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>'
            if sheet.frozen
            else ""
        )
        columns = "".join(
            f'<col min="{i}" max="{i}" width="{_column_width(width)}" customWidth="1"/>'
            for i, width in enumerate(sheet.widths, start=1)
        )
        with package.open(entry(f"xl/worksheets/sheet{index}.xml"), "w") as part:
            part.write(
                f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><sheetPr><pageSetUpPr '
                f'fitToPage="1"/></sheetPr><dimension ref="A1:{last}"/><sheetViews>'
                f'<sheetView{selection} workbookViewId="0">{frozen}</sheetView></sheetViews>'
                f'<sheetFormatPr defaultRowHeight="15"/><cols>{columns}</cols><sheetData>'.encode()
            )
            shutil.copyfileobj(rows, part, _FLUSH_CHARACTERS)
            part.write(
                b'</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" '
                b'header="0.3" footer="0.3"/><pageSetup paperSize="9" fitToHeight="0" '
                b'orientation="landscape"/></worksheet>'
            )


def _quoted(name: str) -> str:
    """A sheet's name as a formula names it."""
    return "'" + name.replace("'", "''") + "'"


def write_workbook(
    target: IO[bytes], title: str, stamp: dt.datetime, sheets: Sequence[Sheet]
) -> None:
    """The workbook, its sheets in order (the first one selected), streamed into `target`."""
    content_types = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>'
        for i in range(1, len(sheets) + 1)
    )
    names = "".join(
        f'<sheet name={quoteattr(sheet.name)} sheetId="{i}" r:id="rId{i}"/>'
        for i, sheet in enumerate(sheets, start=1)
    )
    printed = "".join(
        f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
        f"{_quoted(sheet.name).translate(_ESCAPES)}!${sheet.frozen}:${sheet.frozen}</definedName>"
        for i, sheet in enumerate(sheets)
        if sheet.frozen
    )
    relations = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    parts = {
        "[Content_Types].xml": (
            f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/docProps/core.xml" '
            'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            f'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{content_types}'
            "</Types>"
        ),
        "_rels/.rels": (
            f'{_HEAD}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" '
            f'Type="{_PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>'
            "</Relationships>"
        ),
        "docProps/core.xml": core_properties(stamp, title).decode(),
        "xl/workbook.xml": (
            f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/>'
            f"</bookViews><sheets>{names}</sheets>"
            f"{f'<definedNames>{printed}</definedNames>' if printed else ''}</workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{relations}<Relationship '
            f'Id="rId{len(sheets) + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": STYLES,
    }
    with zipfile.ZipFile(target, "w") as package:
        for name, text in parts.items():
            package.writestr(entry(name), text.encode())
        for index, sheet in enumerate(sheets, start=1):
            _sheet_xml(sheet, index == 1, package, index)
