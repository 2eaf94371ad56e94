"""The reading layer of spreadsheets: the rows of every sheet of a workbook (.xlsx, .xlsm,
.xlsb, .xls, .ods, read by python-calamine) or of a CSV file (or Excel's "Unicode Text"
.txt), as Python values with their row numbers. What the rows mean (headers, dossiers) is
export.py's business.

Calamine holds a sheet's whole area in memory, empty cells included, and stops the process
on an area it cannot allocate; so every zip part is checked against the caps of
domain.limits before calamine opens the file, and a sheet's area is measured from its cell
references first."""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from lxml import etree

from kehoach_docs.domain.limits import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_CSV_BYTES,
    MAX_CSV_FIELD,
    MAX_MERGED_CELLS,
    MAX_MERGES,
    MAX_ROWS,
    LimitExceeded,
    NotAFile,
    check_area,
    check_zip_sizes,
    read_bounded,
    read_file,
    regular_file,
)
from kehoach_docs.inputs.vnencoding import decode_legacy_bytes
from kehoach_docs.inputs.xlsarea import BadXls, sheet_areas
from kehoach_docs.inputs.xlsbarea import sheet_area

# Excel's "Save as Unicode Text": UTF-16 with its byte-order mark, tab-separated. Any other
# .txt may be anything (notes, a log), so it is read only when it starts that way.
UNICODE_TEXT_SUFFIX = ".txt"
NOT_UNICODE_TEXT = (
    "tệp .txt không phải «Unicode Text» của Excel (UTF-16, cách bằng Tab); nếu là tệp CSV, "
    "đổi đuôi .txt thành .csv"
)

Rows = Iterator[tuple[int, Sequence[Any]]]  # (row number as Excel shows it, values)
# Per sheet name, the cells holding an error value (#N/A...) by (row, column), both from 1:
# calamine reads them as empty strings, which would make "#N/A" in a result date look open.
ErrorCells = dict[str, dict[tuple[int, int], str]]


class Uncalculated(str):
    """A formula cell without its value (the workbook was written by a program and never
    opened in Excel, which would have calculated it); the text is the cell's address."""


class Unreadable(Exception):
    """A file that cannot be read as what it claims to be; the message is Vietnamese and
    says where (part, line) when that is known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Table:
    sheet: str
    rows: Rows
    hidden: bool = False  # hidden in Excel: the officer does not see it


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_PROTECTED = (
    "tệp có mật khẩu (được bảo vệ); hãy mở trong Excel, bỏ mật khẩu (Tệp › Thông tin › "
    "Bảo vệ sổ làm việc) rồi lưu lại"
)
# What one-stop programs' «Xuất Excel» often writes: a web page's table, or Excel 2003's XML.
_HTML = re.compile(rb"<\s*(?:html|table|!doctype\s+html)\b", re.IGNORECASE)
_XML_SPREADSHEET = b"urn:schemas-microsoft-com:office:spreadsheet"
_SAVE_AS = "mở tệp bằng Excel rồi Lưu thành (Save As) kiểu «Excel Workbook (.xlsx)»"
_CHUNK = 1 << 20
# A cell or row reference whose row has six digits or more, or whose column has two letters
# or more: the only ones that can take a sheet past the caps, and rare in a real export.
# Each starts with a literal, which the regex engine finds at memchr speed.
_FAR_ROW = re.compile(rb' r="([A-Z]*)([0-9]{6,})"')
_WIDE_COLUMN = re.compile(rb' r="([A-Z]{2,})[0-9]')
_ANY_ROW = re.compile(rb' r="[A-Z]*([0-9]+)"')
_ERROR_TYPE = re.compile(rb'<c [^>]*t="e"')  # a cell of type error, attributes in any order
# A formula whose cell ends without a value: written by a program, never opened in Excel.
_UNCALCULATED = re.compile(rb"(?:</f>|<f [^>]*/>|<f/>)\s*(?:<v/>|<v></v>)?\s*</c>")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CELL_REF = re.compile(r"([A-Z]+)([0-9]+)")
# A merged range (its element in any namespace prefix), and its reference as openpyxl reads
# it: letters in either case, "$" allowed.
_MERGE_CELL = re.compile(rb"<(?:[\w.-]+:)?mergeCell\b([^>]*)>")
_MERGE_REF = re.compile(rb'\sref="([^"]*)"')
_RANGE = re.compile(rb"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Za-z]{1,3})\$?([0-9]{1,7}))?")


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters:
        number = number * 26 + char - 64
    return number


def _chunks(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A part as a stream, each chunk with the end of the one before (so that a reference
    cut in two is seen whole); zipfile stops an inflating part at its declared size and
    checks its checksum."""
    tail = b""
    with package.open(info) as part:
        while chunk := part.read(_CHUNK):
            yield tail + chunk
            tail = chunk[-64:]


def _scan_sheet(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """The area a worksheet spans, from its references, against the caps, before calamine
    allocates it. Rows under 100,000 and columns A to Z are always within the caps; only
    a wide sheet needs its exact last row, so only then is the part read twice. True when
    the sheet may hold an error cell."""
    where = f"phần «{info.filename}»"
    rows, columns = 0, 26
    errors = False
    for text in _chunks(package, info):
        errors = errors or _ERROR_TYPE.search(text) is not None
        errors = errors or _UNCALCULATED.search(text) is not None
        for match in _FAR_ROW.finditer(text):
            rows = max(rows, int(match.group(2)))
        for match in _WIDE_COLUMN.finditer(text):
            letters = match.group(1)
            if len(letters) > 3:
                raise LimitExceeded(
                    f"{where}: ô ở cột «{letters[:12].decode()}» vượt quá giới hạn cột của "
                    "Excel (XFD)"
                )
            columns = max(columns, _column_number(letters))
    if rows:
        check_area(rows, columns, where)
    if columns > 26:
        for text in _chunks(package, info):
            for match in _ANY_ROW.finditer(text):
                rows = max(rows, int(match.group(1)))
        check_area(rows, columns, where)
    return errors


def _check_merges(package: zipfile.ZipFile, info: zipfile.ZipInfo, where: str) -> None:
    """A sheet's merged ranges, their count and the cells they cover, against the caps
    before openpyxl makes an object of every merged cell (one range A1:XFD1048576 would be
    17 billion). The part is read whole: a tracker's sheet is small, and a range cut between
    two chunks would go unseen."""
    with package.open(info) as part:
        data = read_bounded(part, info.filename)
    covered = 0
    for count, match in enumerate(_MERGE_CELL.finditer(data), start=1):
        if count > MAX_MERGES:
            raise LimitExceeded(f"{where}: có hơn {MAX_MERGES} vùng gộp ô, quá giới hạn")
        found = _MERGE_REF.search(match.group(1))
        text = found.group(1) if found else b""
        ref = text[:40].decode("ascii", "replace")
        corners = _RANGE.fullmatch(text)
        if corners is None:
            raise LimitExceeded(f"{where}: vùng gộp ô «{ref}» không đọc được")
        first_col, first_row, last_col, last_row = corners.groups()
        columns = sorted(
            _column_number(letters.upper()) for letters in (first_col, last_col or first_col)
        )
        rows = sorted((int(first_row), int(last_row or first_row)))
        covered += (rows[1] - rows[0] + 1) * (columns[1] - columns[0] + 1)
        if covered > MAX_MERGED_CELLS:
            raise LimitExceeded(
                f"{where}: vùng gộp ô {ref} làm số ô gộp vượt quá giới hạn {MAX_MERGED_CELLS} ô"
            )
        check_area(rows[1], columns[1], f"{where}: vùng gộp ô {ref}")


def _xml(package: zipfile.ZipFile, name: str) -> etree._Element | None:
    try:
        data = package.read(name)
    except KeyError:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(data, parser)


def _uncalculated(cell: etree._Element) -> bool:
    """A formula cell without a value; an empty one is a value only for a text result."""
    value = cell.find(f"{_MAIN}v")
    return value is None or (not value.text and cell.get("t") != "str")


def _sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet part's sheet name (xl/workbook.xml and its relationships)."""
    book, links = _xml(package, "xl/workbook.xml"), _xml(package, "xl/_rels/workbook.xml.rels")
    if book is None or links is None:
        return {}
    targets = {link.get("Id"): link.get("Target", "") for link in links}
    parts = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_RELATIONSHIP), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        parts[part] = sheet.get("name", "")
    return parts


def _xlsx_error_cells(package: zipfile.ZipFile, name: str) -> dict[tuple[int, int], str]:
    """The error cells of a worksheet part, streamed (only for sheets that have some)."""
    found = {}
    row = column = 0
    with package.open(name) as part:
        events = etree.iterparse(
            part,
            events=("start", "end"),
            tag=(f"{_MAIN}row", f"{_MAIN}c"),
            resolve_entities=False,
            no_network=True,
        )
        for event, element in events:
            if element.tag == f"{_MAIN}row":
                if event == "start":
                    number = element.get("r", "")
                    row, column = (int(number) if number.isdigit() else row + 1), 0
                else:
                    element.clear()
                continue
            if event == "start":
                continue
            match = _CELL_REF.fullmatch(element.get("r", ""))
            column = _column_number(match.group(1).encode()) if match else column + 1
            if element.get("t") == "e":
                found[(row, column)] = (element.findtext(f"{_MAIN}v") or "").strip() or "#N/A"
            elif element.find(f"{_MAIN}f") is not None and _uncalculated(element):
                found[(row, column)] = Uncalculated(f"{match.group(1) if match else ''}{row}")
    return found


def check_package(path: Path, merges: bool = False) -> ErrorCells:
    """A zip workbook's parts against the caps, before calamine inflates any (`merges`: and
    its merged ranges, for openpyxl); the cells holding an error value, which calamine does
    not tell from empty ones."""
    errors: ErrorCells = {}
    try:
        with zipfile.ZipFile(path) as package:
            infos = package.infolist()
            check_zip_sizes((info.filename, info.file_size) for info in infos)
            with_errors = []
            names = _sheet_parts(package) if merges else {}
            for info in infos:
                if info.flag_bits & 0x1:
                    raise Unreadable(_PROTECTED)
                name = info.filename
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    if _scan_sheet(package, info):
                        with_errors.append(name)
                    if merges:
                        where = f"trang «{names[name]}»" if name in names else f"phần «{name}»"
                        _check_merges(package, info, where)
                elif name.startswith("xl/worksheets/") and name.endswith(".bin"):
                    with package.open(info) as part:
                        check_area(*sheet_area(part), f"phần «{name}»")
                elif name == "content.xml":
                    with package.open(info) as part:
                        errors = _scan_ods(part)
                else:
                    for _ in _chunks(package, info):
                        pass
            if with_errors:
                names = _sheet_parts(package)
                for name in with_errors:
                    cells = _xlsx_error_cells(package, name)
                    if cells and name in names:
                        errors[names[name]] = cells
    except zipfile.BadZipFile as exc:
        raise Unreadable(f"tệp hỏng: gói zip không đọc được ({_zip_reason(exc)})") from exc
    except (zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise Unreadable("tệp hỏng hoặc nén theo cách không đọc được") from exc
    except etree.XMLSyntaxError as exc:
        raise Unreadable(f"tệp hỏng: nội dung XML không hợp lệ ({exc.lineno})") from exc
    return errors


def workbook_problem(path: Path) -> str | None:
    """Why a workbook must not be opened by openpyxl, or None: not a regular file, protected
    by a password, damaged, or past the caps."""
    try:
        regular_file(path)
        _check_content(path)
        check_package(path, merges=True)
    except NotAFile as exc:
        return exc.what
    except Unreadable as exc:
        return exc.message
    except LimitExceeded as exc:
        return str(exc)
    return None


def _zip_reason(exc: Exception) -> str:
    text = str(exc)
    if "CRC" in text:
        return "dữ liệu không khớp mã kiểm tra"
    if "not a zip file" in text.lower():
        return "không phải tệp zip"
    return "cấu trúc gói sai"


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"


def _repeat(element: etree._Element, attribute: str) -> int:
    value = element.get(f"{_TABLE}{attribute}", "1")
    return int(value) if value.isdigit() else 1


def _scan_ods(part: IO[bytes]) -> ErrorCells:
    """The area an OpenDocument sheet's cells span, repeats counted, before calamine
    expands them; empty repeated cells (LibreOffice pads every sheet) do not count. The
    cells holding an error value, by sheet."""
    rows = columns = 0
    row = 0
    errors: ErrorCells = {}
    sheet_errors: dict[tuple[int, int], str] = {}
    try:
        events = etree.iterparse(
            part,
            events=("end",),
            tag=(f"{_TABLE}table-row", f"{_TABLE}table"),
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
        )
        for _, element in events:
            if element.tag == f"{_TABLE}table":
                if sheet_errors:
                    errors[element.get(f"{_TABLE}name", "")] = sheet_errors
                row, sheet_errors = 0, {}
                element.clear()
                continue
            repeat = _repeat(element, "number-rows-repeated")
            column = width = 0
            for cell in element:
                span = _repeat(cell, "number-columns-repeated")
                if cell.get(f"{_CALCEXT}value-type") == "error":
                    text = "".join(cell.itertext()).strip() or "#N/A"
                    for at in range(column + 1, column + min(span, 1000) + 1):
                        for down in range(row + 1, row + min(repeat, 1000) + 1):
                            sheet_errors[(down, at)] = text
                column += span
                if cell.get(f"{_OFFICE}value-type") is not None or len(cell):
                    width = column
            if width:
                rows = max(rows, row + repeat)
                columns = max(columns, width)
                check_area(rows, columns, "phần «content.xml»")
            row += repeat
            element.clear()
    except etree.XMLSyntaxError as exc:
        raise Unreadable(
            f"tệp hỏng: phần «content.xml» không phải XML hợp lệ ({exc.lineno})"
        ) from exc
    return errors


def _check_content(path: Path) -> None:
    """What the file's first bytes say it is, against its name: a workbook saved under
    another kind's extension, or the web page a one-stop program's «Xuất Excel» writes, is
    named as such rather than called damaged."""
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
        if head.startswith(_OLE_MAGIC):
            if suffix == ".xls":
                return
            if _ENCRYPTED in head + handle.read(1 << 20):
                # An .xlsx saved with a password is an OLE file holding the encrypted package.
                raise Unreadable(_PROTECTED)
            raise Unreadable(_renamed("Excel 97-2003 (.xls)", suffix, ".xls"))
    if head.startswith(b"PK\x03\x04") and suffix == ".xls":
        kind, right = _zip_kind(path)
        raise Unreadable(_renamed(kind, suffix, right))
    if _XML_SPREADSHEET in head:
        raise Unreadable(f"tệp là bảng tính XML của Excel 2003 mang đuôi {suffix}; {_SAVE_AS}")
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and _HTML.search(head):
        raise Unreadable(
            f"tệp là trang web (HTML) mang đuôi {suffix}, không phải bảng tính; {_SAVE_AS}"
        )


def _zip_kind(path: Path) -> tuple[str, str]:
    """Which zip workbook a file is, by the parts it lists (none is read)."""
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError):
        names = set()
    if "content.xml" in names:
        return "OpenDocument (.ods)", ".ods"
    if "xl/workbook.bin" in names:
        return "Excel nhị phân (.xlsb)", ".xlsb"
    return "Excel 2007 trở lên (.xlsx)", ".xlsx"


def _renamed(kind: str, suffix: str, right: str) -> str:
    return f"tệp là bảng tính {kind} mang đuôi {suffix}; đổi đuôi tệp thành {right} rồi chạy lại"


def workbook_tables(path: Path) -> Iterator[Table]:
    """Every sheet of a workbook, in order, its rows read lazily."""
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetVisibleEnum

    regular_file(path)
    _check_content(path)
    errors: ErrorCells = {}
    if path.suffix.lower() == ".xls":
        _check_xls(path)
    else:
        errors = check_package(path)
    try:
        book = CalamineWorkbook.from_path(str(path))
    except PasswordError as exc:
        raise Unreadable(_PROTECTED) from exc
    except CalamineError as exc:
        raise Unreadable(_calamine_reason(exc)) from exc
    hidden = {
        sheet.name for sheet in book.sheets_metadata if sheet.visible != SheetVisibleEnum.Visible
    }
    with book:
        for name in book.sheet_names:
            try:
                sheet = book.get_sheet_by_name(name)
            except PasswordError as exc:
                raise Unreadable(_PROTECTED) from exc
            except CalamineError as exc:
                raise Unreadable(f"trang «{name}»: {_calamine_reason(exc)}") from exc
            if sheet.width > MAX_COLUMNS:
                check_area(sheet.height, sheet.width, f"trang «{name}»")
            yield Table(name, _sheet_rows(sheet, errors.get(name, {})), name in hidden)


def _check_xls(path: Path) -> None:
    try:
        areas = sheet_areas(path)
    except BadXls as exc:
        raise Unreadable("tệp .xls hỏng hoặc không phải bảng tính Excel 97-2003") from exc
    for index, (rows, columns) in enumerate(areas, start=1):
        check_area(rows, columns, f"trang thứ {index}")


def _calamine_reason(exc: Exception) -> str:
    text = str(exc).lower()
    if "password" in text or "encrypt" in text:
        return _PROTECTED
    if "zip" in text:
        return "tệp hỏng: gói zip không đọc được"
    if "xml" in text:
        return "tệp hỏng: nội dung XML không hợp lệ"
    return "tệp hỏng hoặc không phải bảng tính"


def _sheet_rows(sheet: Any, errors: dict[tuple[int, int], str]) -> Rows:
    # iter_rows starts at the sheet's first row (blank rows above the data included) and at
    # the first column that has data: row numbers are as Excel shows them, columns shifted
    # alike on every row (test_sheets checks both on a sparse sheet). An error cell gets its
    # error's text back ("#N/A"), which the export reader refuses in a used column.
    by_row: dict[int, dict[int, str]] = {}
    for (row, column), text in errors.items():
        by_row.setdefault(row, {})[column] = text
    first_column = sheet.start[1] if sheet.start else 0
    for offset, values in enumerate(sheet.iter_rows()):
        marked = by_row.get(offset + 1)
        if marked:
            values = list(values)
            for column, text in marked.items():
                if 0 <= column - 1 - first_column < len(values):
                    values[column - 1 - first_column] = text
        yield offset + 1, values


# Excel's "Unicode text" is UTF-16 with a byte-order mark, tab-separated.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DELIMITERS = (",", ";", "\t")


def _csv_text(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise Unreadable("tệp Unicode (UTF-16) bị hỏng, không đọc được") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_legacy_bytes(data)


def _delimiter(text: str) -> str:
    """The separator used most on the first lines (quoted text aside)."""
    head = re.sub(r'"[^"]*"', "", text[:20_000]).splitlines()[:30]
    counts = {d: sum(line.count(d) for line in head) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def is_unicode_text(path: Path) -> bool:
    """Whether a .txt starts as Excel's "Unicode Text" does (its type checked first: two
    bytes read from a FIFO would hang)."""
    regular_file(path)
    with open(path, "rb") as handle:
        return handle.read(2) in _UTF16_BOMS


def csv_tables(path: Path) -> Iterator[Table]:
    """A CSV file's one table; a .txt only as Excel's "Unicode Text", always tab-separated."""
    data = read_file(path, MAX_CSV_BYTES)
    if path.suffix.lower() == UNICODE_TEXT_SUFFIX:
        if not data.startswith(_UTF16_BOMS):
            raise Unreadable(NOT_UNICODE_TEXT)
        text, delimiter = _csv_text(data), "\t"
    else:
        text = _csv_text(data)
        delimiter = _delimiter(text)
    _check_csv_area(text, delimiter)
    yield Table(path.stem, _csv_rows(text, delimiter))


def _unquoted(line: str, delimiter: str, quoted: bool) -> int:
    """The separators of a line outside quotes (`quoted`: the line starts inside a quoted
    field). Quotes split it into runs, outside and inside in turn; a doubled quote is an
    empty run outside."""
    runs = line.split('"')
    return sum(run.count(delimiter) for run in runs[1 if quoted else 0 :: 2])


def _lines(text: str, delimiter: str) -> Iterator[str]:
    """The text's lines for csv.reader, a line of more columns than a sheet may have refused
    before the reader splits it (a line of 30 million commas would be a list of 30 million)."""
    quoted = False
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        wide = line.count(delimiter) >= MAX_COLUMNS  # a cheap first look
        if wide and _unquoted(line, delimiter, quoted) >= MAX_COLUMNS:
            raise LimitExceeded(
                f"dòng {number} có hơn {MAX_COLUMNS} cột, quá giới hạn {MAX_COLUMNS} cột"
            )
        quoted ^= line.count('"') % 2 == 1
        yield line


def _check_csv_area(text: str, delimiter: str) -> None:
    """Rows, columns and cells against a sheet's caps, counted before any row is kept; a
    malformed line is left to the reading, which says where."""
    previous = csv.field_size_limit(MAX_CSV_FIELD)
    rows = columns = 0
    try:
        reader = csv.reader(_lines(text, delimiter), delimiter=delimiter, strict=True)
        for values in reader:
            rows += 1
            if rows > MAX_ROWS:
                raise LimitExceeded(
                    f"có hơn {MAX_ROWS} dòng (dòng {reader.line_num} vẫn còn dữ "
                    f"liệu), quá giới hạn {MAX_ROWS} dòng"
                )
            if len(values) > MAX_COLUMNS:
                raise LimitExceeded(
                    f"dòng {reader.line_num} có {len(values)} cột, quá giới hạn {MAX_COLUMNS} cột"
                )
            columns = max(columns, len(values))
    except csv.Error:
        pass  # the reading stops there too, and names the line
    finally:
        csv.field_size_limit(previous)
    if rows * columns > MAX_CELLS:
        raise LimitExceeded(f"vùng dữ liệu {rows} dòng × {columns} cột quá giới hạn {MAX_CELLS} ô")


def _csv_rows(text: str, delimiter: str) -> Rows:
    previous = csv.field_size_limit(MAX_CSV_FIELD)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        start = 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise _csv_error(exc, start) from exc
            if reader.line_num - start > 0 and any(
                "\n" in value and value.count(delimiter) >= 2 for value in values
            ):
                # A quote never closed swallows the lines after it as one cell.
                raise Unreadable(f"dấu nháy kép mở ở dòng {start} không được đóng", start)
            yield start, values
            start = reader.line_num + 1
    finally:
        csv.field_size_limit(previous)


def _csv_error(exc: csv.Error, line: int) -> Unreadable:
    text = str(exc)
    if "field larger" in text:
        return Unreadable(
            f"có ô dài hơn {MAX_CSV_FIELD // 1024} KB (có thể do dấu nháy kép không đóng)",
            line,
        )
    if "NUL" in text:
        return Unreadable("có ký tự NUL: tệp nhị phân, không phải văn bản CSV", line)
    if "unexpected end of data" in text or "EOF" in text:
        return Unreadable(f"dấu nháy kép mở ở dòng {line} không được đóng", line)
    return Unreadable("dấu nháy kép đặt sai chỗ (sau dấu nháy đóng phải là dấu phân cách)", line)
