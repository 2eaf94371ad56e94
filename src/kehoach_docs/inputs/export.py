"""Reading the one-stop system's dossier export (.xlsx, .xls, .xlsb, .ods or .csv), as real
offices send it:
title rows above the header, headers worded by each province, dates as text or as Excel
dates, totals rows, decomposed Unicode and the old TCVN3/VNI encodings."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kehoach_docs.domain.dates import DateValueError, parse_date_text, parse_date_value
from kehoach_docs.domain.dossiers import Channel, Dossier, Moment, contradictions
from kehoach_docs.domain.exports import (
    COLUMN,
    EXPORT_COLUMNS,
    EXPORT_FORMATS,
    REQUIRED,
    ColumnKind,
    formats_by_program,
)
from kehoach_docs.domain.limits import LimitExceeded, NotAFile
from kehoach_docs.domain.merging import merge_dossiers
from kehoach_docs.domain.problems import Problems
from kehoach_docs.domain.textclean import (
    clean_text,
    fold,
    fold_words,
    invisible_count,
    xml_invalid_count,
)
from kehoach_docs.inputs.filememo import FileMemo
from kehoach_docs.inputs.sheets import (
    Rows,
    Uncalculated,
    Unreadable,
    csv_tables,
    workbook_tables,
)
from kehoach_docs.inputs.vnencoding import Legacy, detect, looks_legacy, to_unicode

HEADER_SCAN_ROWS = 30

# What officers call each column, in messages (see domain.exports for all about a column).
LABELS = {column.name: column.label for column in EXPORT_COLUMNS}
_ALIASES = {alias: column.name for column in EXPORT_COLUMNS for alias in column.aliases}
_SUFFIXES = tuple(f.suffix for f in EXPORT_FORMATS)
_TEXT_SUFFIXES = tuple(f.suffix for f in EXPORT_FORMATS if f.text)
_TOTAL_WORDS = ("tong", "cong")
# What Excel shows in a cell whose formula failed: never a name, a code or a date.
EXCEL_ERRORS = frozenset(
    (
        "#N/A",
        "#VALUE!",
        "#REF!",
        "#DIV/0!",
        "#NUM!",
        "#NAME?",
        "#NULL!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
    )
)
# "Ngày xuất: 30/04/2024", "Tính đến ngày 30 tháng 4 năm 2024" in a title row (folded words).
_MADE_ON = re.compile(
    r"\b(?:ngay xuat|tinh den ngay)(?: [a-z]+){0,3} (\d{1,2}) (?:thang )?(\d{1,2}) "
    r"(?:nam )?(\d{4})\b"
)
_SAVED_ON = re.compile(rb"<dcterms:(modified|created)[^>]*>([^<]{10,40})</dcterms:")
VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7))
MADE_ON_TITLE = "ngày lập tệp hồ sơ"  # how the first printed line names where D came from
MADE_ON_SAVED = "ngày lưu tệp hồ sơ"
_YES = {"co", "x", "1", "true", "yes", "da thanh toan", "dathanhtoan", "y"}
_NO = {"khong", "0", "false", "no", "chua thanh toan", "n"}


@dataclass(frozen=True)
class SkippedRow:
    row: int
    reasons: tuple[str, ...]
    sheet: str = ""


@dataclass(frozen=True)
class SheetRead:
    """A sheet read for dossiers: its file (as messages name it), its name, its rows."""

    file: str
    name: str
    rows: int


@dataclass
class ExportRead:
    dossiers: list[Dossier]
    problems: Problems
    source: str = ""  # the file, as messages name it
    rows_read: int = 0
    converted_cells: int = 0
    dropped_characters: int = 0  # control characters XML cannot hold
    invisible_characters: int = 0  # bidirectional controls and zero-width characters
    skipped: list[SkippedRow] = field(default_factory=list)
    made_on: dt.date | None = None  # the export's own date: its title row, else saved date
    made_on_source: str = ""  # MADE_ON_TITLE or MADE_ON_SAVED
    sheets: list[SheetRead] = field(default_factory=list)  # every sheet read, in order


def merged_read(reads: list[ExportRead]) -> ExportRead:
    """Several exports read as one: their dossiers merged by code (a code found twice with
    different data is an error naming both places), their problems, dated by the newest."""
    if len(reads) == 1:
        return reads[0]
    problems = Problems()
    for one in reads:
        problems.items += one.problems.items
    dossiers = merge_dossiers([(one.source, one.dossiers) for one in reads], problems)
    newest = max(reads, key=lambda one: one.made_on or dt.date.min)
    return ExportRead(
        dossiers=dossiers,
        problems=problems,
        source=", ".join(one.source for one in reads),
        rows_read=sum(one.rows_read for one in reads),
        converted_cells=sum(one.converted_cells for one in reads),
        dropped_characters=sum(one.dropped_characters for one in reads),
        invisible_characters=sum(one.invisible_characters for one in reads),
        skipped=[row for one in reads for row in one.skipped],
        made_on=newest.made_on,
        made_on_source=newest.made_on_source,
        sheets=[sheet for one in reads for sheet in one.sheets],
    )


def _own_copy(read: ExportRead) -> ExportRead:
    """A read whose lists a caller may add to (merging, the workspace's warnings)."""
    return replace(
        read,
        dossiers=list(read.dossiers),
        problems=Problems(list(read.problems.items)),
        skipped=list(read.skipped),
        sheets=list(read.sheets),
    )


# The exports read lately, up to 50,000 rows in all (about 40 MB: 800 bytes a dossier).
_READS: FileMemo[ExportRead] = FileMemo(50_000, _own_copy)


class ExportFault(Exception):
    """An error no one foresaw while reading an export (a reader's bug, a file no check
    caught), carrying the file being read so that the officer knows which; the error itself
    is its cause, shown with --debug."""

    def __init__(self, file: str) -> None:
        super().__init__(file)
        self.file = file


LEGACY_SAMPLE_ROWS = 2000


def _match_headers(values: Sequence[Any], custom: Mapping[str, str]) -> dict[str, tuple[int, str]]:
    """field → (column index, header as written) for one candidate header row."""
    found: dict[str, tuple[int, str]] = {}
    custom_folded = {fold(header): name for name, header in custom.items()}
    for index, value in enumerate(values):
        if value is None:
            continue
        header = clean_text(str(value))
        key = fold(header)
        name = custom_folded.get(key) or _ALIASES.get(key)
        if name and name not in found:
            found[name] = (index, header)
    return found


def _find_header(
    head: list[tuple[int, Sequence[Any]]], custom: Mapping[str, str]
) -> tuple[int, dict] | None:
    """The header row's position in `head` and its columns; a header of two rows (titles
    merged over sub-titles: «Ngày» over «Tiếp nhận», «Hẹn trả») is found at its lower row,
    when no single row is a header."""
    best: tuple[int, dict] | None = None
    for position, (_, values) in enumerate(head):
        found = _match_headers(values, custom)
        if "code" in found and "due" in found and (best is None or len(found) > len(best[1])):
            best = (position, found)
    if best is not None:
        return best
    for position in range(1, len(head)):
        lower = head[position][1]
        found = {
            **_match_headers(lower, custom),
            **_match_headers(_two_rows(head[position - 1][1], lower), custom),
        }
        if "code" in found and "due" in found and (best is None or len(found) > len(best[1])):
            best = (position, found)
    return best


def _two_rows(upper: Sequence[Any], lower: Sequence[Any]) -> list[str | None]:
    """Each column's title read across two header rows. A title with sub-titles under it
    heads them all (a merged cell's text is in its first column only); a title merged down
    over both rows stands alone; a sub-title without a title over it, too."""
    titles: list[str | None] = []
    group = None
    for index in range(max(len(upper), len(lower))):
        top, low = _filled(_cell(upper, index)), _filled(_cell(lower, index))
        if top is not None:
            group = top if low is not None else None
        elif low is None:
            group = None
        titles.append(top if low is None else f"{group} {low}" if group else low)
    return titles


def _filled(value: Any) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


def _cell(values: Sequence[Any], index: int) -> Any:
    return values[index] if index < len(values) else None


# Excel keeps 15 significant digits of a number: a longer code stored as one is rounded.
MAX_EXACT_NUMBER = 1e15


def _text(value: Any) -> str:
    """A cell as text; a whole number stored as a float (how workbooks keep every number)
    without its ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _is_blank(values: Sequence[Any]) -> bool:
    """Nothing in the row (a formula never calculated, such as a row number copied down an
    empty table, is nothing either)."""
    return all(
        v is None or isinstance(v, Uncalculated) or (isinstance(v, str) and not v.strip())
        for v in values
    )


def _is_total(values: Sequence[Any]) -> bool:
    words = [fold_words(str(v)) for v in values if isinstance(v, str) and v.strip()]
    return any(w.split()[0] in _TOTAL_WORDS for w in words if w)


def _channel(text: str) -> Channel | None:
    words = fold_words(text)
    if not words:
        return None
    if words in ("2", "truc tuyen", "online") or "truc tuyen" in words or "dvc" in words:
        return Channel.ONLINE
    if words == "3" or "buu" in words:
        return Channel.POST
    if words == "1" or "truc tiep" in words or "mot cua" in words:
        return Channel.IN_PERSON
    raise ValueError(
        f"kênh «{text}» không rõ; dùng 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính)"
    )


def _yes_no(text: str) -> bool | None:
    words = fold_words(text)
    if not words:
        return None
    if words in _YES:
        return True
    if words in _NO:
        return False
    raise ValueError(f"«{text}» không rõ là có hay không")


def read_export(
    path: Path,
    display: str,
    custom_headers: Mapping[str, str] | None = None,
    skip_bad_rows: bool = False,
    reference_day: dt.date | None = None,
) -> ExportRead:
    """Every dossier of every sheet of the export that has a header row, or the problems
    with sheet, row and column. A date far after the export's own date (else
    `reference_day`) makes its row an error. ExportFault on an error no one foresaw. A file
    read again unchanged is not read again (filememo.py)."""
    problems = Problems()
    if path.suffix.lower() not in _SUFFIXES:
        problems.error(display, None, "", f"chỉ đọc được tệp {formats_by_program()}")
        return ExportRead([], problems, display)
    custom = dict(custom_headers or {})
    key = _READS.key(
        path,
        path.suffix.lower(),
        display,
        tuple(sorted(custom.items())),
        skip_bad_rows,
        reference_day,
    )
    kept = _READS.get(key)
    if kept is not None:
        return kept
    try:
        read = _read_sheets(path, display, problems, custom, skip_bad_rows, reference_day)
        return _READS.keep(key, path, read, read.rows_read)
    except FileNotFoundError:
        problems.error(display, None, "", "không tìm thấy tệp")
    except NotAFile as exc:
        problems.error(display, None, "", exc.what)
    except Unreadable as exc:
        # A damaged or password-protected workbook, or one that is not a workbook at all.
        problems.error(display, exc.line, "", exc.message)
    except LimitExceeded as exc:
        problems.error(display, None, "", str(exc))
    except OSError:
        raise  # said with the path it names (no permission, a disk error)
    except Exception as exc:
        raise ExportFault(display) from exc
    return ExportRead([], problems, display)


def _read_sheets(
    path: Path,
    display: str,
    problems: Problems,
    custom: Mapping[str, str],
    skip_bad_rows: bool,
    reference_day: dt.date | None,
) -> ExportRead:
    result = ExportRead([], problems, display)
    text_table = path.suffix.lower() in _TEXT_SUFFIXES
    tables = csv_tables(path) if text_table else workbook_tables(path)
    saved: dt.date | None = None  # looked up once a sheet is read: the file is checked then
    titled: list[dt.date] = []  # the dates the sheets' title rows give
    read: list[tuple[str, list[Dossier]]] = []
    unheaded: list[tuple[str, int]] = []  # sheets without a header that hold dossier-like rows
    for table in tables:
        head = list(itertools.islice(table.rows, HEADER_SCAN_ROWS + LEGACY_SAMPLE_ROWS))
        legacy = detect(v for _, values in head for v in values if isinstance(v, str))
        counter = [0]
        head = list(_unicode_rows(iter(head), legacy, counter))
        header = _find_header(head[:HEADER_SCAN_ROWS], custom)
        if header is None:
            # A notes or totals sheet is passed over in silence; one that looks like
            # dossiers is said, so that no dossier is left out without a word. (A CSV has
            # one table: without a header it is an error anyway.)
            row = None if text_table else _dossier_like(itertools.chain(head, table.rows))
            if row is not None:
                unheaded.append((table.sheet, row))
            continue
        position, columns = header
        made_on = _title_date(head[:position])
        if made_on is not None:
            titled.append(made_on)
        elif saved is None and not text_table:
            saved = _saved_date(path)
        rows = itertools.chain(head[position + 1 :], _unicode_rows(table.rows, legacy, counter))
        dossiers, count = _read_table(
            table.sheet,
            head[position][0],
            rows,
            columns,
            result,
            skip_bad_rows,
            made_on or saved or reference_day,
        )
        result.converted_cells += counter[0]
        result.rows_read += count
        if table.hidden and count:
            # Read like the others (a program may hide what it exports), but the officer
            # who sees no such sheet in Excel is told where these dossiers came from.
            problems.warning(
                display,
                None,
                "",
                f"trang này đang ẩn trong Excel nhưng vẫn được đọc ({count} dòng hồ sơ); nếu "
                "là dữ liệu cũ, xóa trang này",
                sheet=table.sheet,
            )
        result.sheets.append(SheetRead(display, table.sheet, count))
        read.append((table.sheet, dossiers))
    if not read:
        wanted = ", ".join(f"«{LABELS[name]}»" for name in REQUIRED)
        problems.error(
            display,
            None,
            "",
            f"không tìm thấy hàng tiêu đề (đã xem {HEADER_SCAN_ROWS} dòng đầu của mỗi trang); "
            f"cần có các cột {wanted}. Nếu tên cột khác, khai báo trong don-vi.yaml, mục "
            "cot_du_lieu",
        )
        return ExportRead([], problems, display)
    for sheet, row in unheaded:
        problems.warning(
            display,
            row,
            "",
            (
                f"dòng này giống một hồ sơ (có ngày tháng) nhưng trang không có hàng tiêu đề trong "
                f"{HEADER_SCAN_ROWS} dòng đầu nên cả trang không được đọc; nếu trang có hồ sơ, "
                "thêm hàng tiêu đề như ở trang đã đọc"
            ),
            sheet=sheet,
        )
    # The same dossier on two sheets (months that overlap) counts once, as in two files.
    result.dossiers = (
        merge_dossiers([(display, dossiers) for _, dossiers in read], problems)
        if len(read) > 1
        else read[0][1]
    )
    if titled:
        result.made_on, result.made_on_source = max(titled), MADE_ON_TITLE
    elif saved is not None:
        result.made_on, result.made_on_source = saved, MADE_ON_SAVED
    return result


def _dossier_like(rows: Rows) -> int | None:
    """The first row that reads like a dossier (two dates and some text beside them), on a
    sheet without a header row: its number, else None."""
    for number, values in rows:
        dates = texts = 0
        for value in values:
            if isinstance(value, dt.date):
                dates += 1
            elif isinstance(value, str) and value.strip():
                if _is_date_text(value):
                    dates += 1
                else:
                    texts += 1
        if dates >= 2 and texts:
            return number
    return None


def _is_date_text(text: str) -> bool:
    try:
        parse_date_text(text)
    except DateValueError:
        return False
    return True


def _title_date(rows: Sequence[tuple[int, Sequence[Any]]]) -> dt.date | None:
    """The export's date as its title rows state it, if they do."""
    for _, values in rows:
        for value in values:
            if not isinstance(value, str):
                continue
            match = _MADE_ON.search(fold_words(value))
            if match:
                day, month, year = (int(part) for part in match.groups())
                try:
                    return dt.date(year, month, day)
                except ValueError:
                    continue
    return None


def _saved_date(path: Path) -> dt.date | None:
    """The day the workbook was last saved (docProps/core.xml, UTC), in Vietnam's time."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("docProps/core.xml") as part:
            xml = part.read(65536)
    except (KeyError, OSError, zipfile.BadZipFile):
        return None
    stamps = dict(_SAVED_ON.findall(xml))
    for name in (b"modified", b"created"):
        try:
            moment = dt.datetime.fromisoformat(stamps[name].decode().strip())
        except (KeyError, ValueError):
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(VIETNAM_TIME).date()
    return None


def _unicode_rows(rows: Rows, legacy: Legacy | None, converted: list[int]) -> Rows:
    """Old-encoding and decomposed cells as Unicode NFC, counting the cells changed."""
    for number, values in rows:
        fixed = list(values)
        for index, value in enumerate(fixed):
            if isinstance(value, str) and not value.isascii():
                if legacy is not None and looks_legacy(value):
                    new = to_unicode(value, legacy)
                elif unicodedata.is_normalized("NFC", value):
                    continue
                else:
                    new = unicodedata.normalize("NFC", value)
                if new != value:
                    converted[0] += 1
                    fixed[index] = new
        yield number, fixed


def _read_table(
    sheet: str,
    header_row: int,
    rows: Rows,
    columns: dict[str, tuple[int, str]],
    result: ExportRead,
    skip_bad_rows: bool,
    reference: dt.date | None,
) -> tuple[list[Dossier], int]:
    """The sheet's dossiers and the rows it holds; its problems and skipped rows go to
    `result`."""
    problems, display = result.problems, result.source
    dossiers: list[Dossier] = []
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        for name in missing:
            problems.error(
                display,
                header_row,
                LABELS[name],
                "thiếu cột này trong hàng tiêu đề; nếu cột có tên khác, khai báo trong "
                "don-vi.yaml, mục cot_du_lieu",
                sheet=sheet,
            )
        return dossiers, 0
    seen: dict[str, int] = {}
    shared: dict[str, str] = {}  # the values of the columns that repeat, one copy each
    count = 0
    numeric_codes = 0  # codes the workbook keeps as numbers
    first_numeric: tuple[int, Any] | None = None  # the row of the first, and its code
    for number, values in rows:
        if _is_blank(values):
            continue
        due_value = _cell(values, columns["due"][0])
        if (due_value is None or not str(due_value).strip()) and _is_total(values):
            continue  # "Tổng cộng: 360 hồ sơ" under the table
        count += 1
        dossier, errors = _dossier(values, columns, sheet, number, result, shared)
        if dossier is not None:
            errors += [
                (columns[name][1], message) for name, message in contradictions(dossier, reference)
            ]
        if dossier is not None and dossier.code in seen:
            errors.append((LABELS["code"], f"mã hồ sơ trùng với dòng {seen[dossier.code]}"))
        if errors:
            if skip_bad_rows:
                reasons = tuple(f"{h}: {m}" for h, m in errors)
                result.skipped.append(SkippedRow(number, reasons, sheet))
            else:
                for column, message in errors:
                    problems.error(display, number, column, message, sheet=sheet)
            continue
        assert dossier is not None
        seen[dossier.code] = number
        dossiers.append(dossier)
        # (A code too long to be kept exactly as a number was refused in its row.)
        code = _cell(values, columns["code"][0])
        if isinstance(code, int | float) and not isinstance(code, bool):
            numeric_codes += 1
            first_numeric = first_numeric or (number, code)
    if first_numeric is not None:
        row, code = first_numeric
        problems.warning(
            display,
            row,
            columns["code"][1],
            f"{numeric_codes} mã hồ sơ lưu dạng số (dòng này: {_text(code)}): số 0 ở đầu "
            "mã, nếu có, đã mất và phiếu in mã khác với phần mềm một cửa; hãy xuất cột này "
            "dạng văn bản (Text)",
            sheet=sheet,
        )
    return dossiers, count


def _dossier(
    values: Sequence[Any],
    columns: dict[str, tuple[int, str]],
    sheet: str,
    number: int,
    result: ExportRead,
    shared: dict[str, str],
) -> tuple[Dossier | None, list[tuple[str, str]]]:
    errors: list[tuple[str, str]] = []
    fields: dict[str, Any] = {}
    unread_return = ""
    for name, (index, header) in columns.items():
        raw = _cell(values, index)
        if isinstance(raw, Uncalculated):
            errors.append(
                (
                    header,
                    f"ô {raw} là công thức chưa được tính (tệp do phần mềm ghi, chưa mở bằng "
                    "Excel); mở tệp bằng Excel, lưu lại rồi chạy lại",
                )
            )
            continue
        if isinstance(raw, str) and raw.strip().upper() in EXCEL_ERRORS:
            errors.append((header, f"ô có giá trị lỗi của Excel «{raw.strip()}»"))
            continue
        if name == "code" and isinstance(raw, int | float) and abs(raw) >= MAX_EXACT_NUMBER:
            errors.append(
                (
                    header,
                    f"mã hồ sơ lưu dạng số có hơn 15 chữ số nên Excel đã làm tròn (còn "
                    f"{_text(raw)}); hãy xuất cột này dạng văn bản (Text)",
                )
            )
            continue
        try:
            column = COLUMN[name]
            kind = column.kind
            if kind is ColumnKind.DATE:
                parsed = parse_date_value(raw)
                fields[name] = Moment(*parsed) if parsed else None
                continue
            text = _text(raw)
            if not text.isprintable():  # the characters counted are all unprintable
                result.dropped_characters += xml_invalid_count(text)
                result.invisible_characters += invisible_count(text)
            text = clean_text(text)
            if kind is ColumnKind.CHANNEL:
                fields[name] = _channel(text)
            elif kind is ColumnKind.YES_NO:
                fields[name] = _yes_no(text)
            else:
                fields[name] = shared.setdefault(text, text) if column.repeats else text
        except (DateValueError, ValueError) as exc:
            if name == "returned":
                unread_return = str(exc)  # needed only when there is no result date
                continue
            errors.append((header, str(exc)))
    if unread_return:
        header = columns["returned"][1]
        if fields.get("finished") is None:
            errors.append((header, unread_return))
        else:
            result.problems.warning(
                result.source,
                number,
                header,
                f"{unread_return}; không cần vì đã có ngày có kết quả",
                sheet=sheet,
            )
    for name in REQUIRED:
        if (
            name in columns
            and not fields.get(name)
            and not any(h == columns[name][1] for h, _ in errors)
        ):
            errors.append((columns[name][1], "ô này bỏ trống"))
    if errors:
        return None, errors
    return Dossier(sheet=sheet, row=number, **fields), errors
