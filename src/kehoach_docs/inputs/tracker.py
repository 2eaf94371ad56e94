"""Reading the progress tracker back: what officers typed, checked cell by cell.

Officers edit the workbook by hand: they merge cells, sort or delete rows, rename sheets,
insert a row above the header. Every row is therefore found by its key (appendix, section,
number, task), on whichever sheet carries the tracker's columns; what cannot be placed is
reported with its sheet and cell, never dropped without a word."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

from kehoach_docs.domain.indicators import percent_text
from kehoach_docs.domain.plan import Plan, TableKind
from kehoach_docs.domain.problems import Problems
from kehoach_docs.domain.progress import (
    FIXED,
    FIXED_CONTENTS,
    HEADER_ROW,
    QUARTERS,
    STATUSES,
    TEXT_COLUMNS,
    TEXT_PERIODS,
    TEXT_SHEET,
    UNMATCHED_SHEET,
    Entry,
    TrackerData,
    Unmatched,
    cell_address,
    key_text,
    keyed,
    quarter_headers,
    sheet_name,
    status_column,
    task_lines,
)
from kehoach_docs.domain.textclean import clean_text
from kehoach_docs.inputs.sheets import workbook_problem

HEADER_SEARCH = 10  # rows an officer may have inserted above the header
# How the screen counts the rest of a problem found on many rows or cells, once it has
# listed the first ones ("… và 99.980 dòng khác ...").
UNMATCHED_ROWS = "dòng khác có nhiệm vụ không có trong kế hoạch, cũng không được đưa vào báo cáo"
WRONG_STATUSES = f"ô khác có trạng thái không hợp lệ; chọn một trong: {', '.join(STATUSES)}"
UNKNOWN_PERIODS = "dòng khác có kỳ không rõ, cũng chưa được đưa vào báo cáo"


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return (
        clean_text(str(value))
        if "\n" not in str(value)
        else "\n".join(clean_text(line) for line in str(value).splitlines())
    )


def _rows(sheet) -> list[list[object]]:
    """The sheet's values, with a merged range's value in each of its cells (openpyxl keeps
    it only in the top-left one)."""
    rows = [[_typed(cell) for cell in row] for row in sheet.iter_rows()]
    for merged in sheet.merged_cells.ranges:
        if merged.min_row > len(rows):
            continue
        value = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, min(merged.max_row, len(rows)) + 1):
            row = rows[r - 1]
            row.extend([None] * (merged.max_col - len(row)))
            for c in range(merged.min_col, merged.max_col + 1):
                row[c - 1] = value
    return rows


def _typed(cell) -> object:
    """A cell's value as the officer sees it: a percentage Excel keeps as 0.959 is "95,9%"."""
    value = cell.value
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and "%" in str(cell.number_format)
    ):
        return percent_text(value * 100)
    return value


def _header_row(rows: list[list[object]], expected: list[str]) -> int | None:
    """The 1-based row holding the tracker's column titles, among the first rows."""
    for number, row in enumerate(rows[:HEADER_SEARCH], start=1):
        if [_cell_text(v) for v in row[: len(FIXED)]] == expected[: len(FIXED)]:
            return number
    return None


def read_tracker(
    path: Path, display: str, plan: Plan, problems: Problems, every_sheet: bool = True
) -> TrackerData:
    """What officers typed, checked against the plan: every wrong cell named by address.
    `every_sheet`: a sheet missing for an appendix of the plan is an error (not when the
    tracker is being remade for a plan that gained an appendix)."""
    from openpyxl import load_workbook

    data = TrackerData()
    refused = workbook_problem(path) if path.exists() else None
    if refused:
        problems.error(display, None, "", refused)
        return data
    try:
        book = load_workbook(path, data_only=True)
    except FileNotFoundError:
        problems.error(
            display,
            None,
            "",
            "không tìm thấy tệp theo dõi; làm bằng: kehoach tracker",
            desk="không tìm thấy tệp theo dõi; làm ở trang «Theo dõi»",
        )
        return data
    except Exception:  # a damaged workbook (openpyxl raises many kinds)
        problems.error(
            display, None, "", "không mở được tệp Excel: tệp hỏng hoặc không phải bảng tính .xlsx"
        )
        return data
    allowed = {key_text(s): s for s in STATUSES}
    known = dict(keyed(task_lines(plan)))
    by_copy: dict[tuple, list[tuple]] = {}  # (appendix, task, copy) → full keys
    for full_key in known:
        by_copy.setdefault((full_key[0], full_key[3], full_key[4]), []).append(full_key)
    # (appendix, task) → full keys, first copies first: a row is looked up here by its task
    # alone, in one step however many rows were pasted below the table.
    by_task: dict[tuple, list[tuple]] = {}
    for (index, task, _), full_keys in by_copy.items():
        by_task.setdefault((index, task), []).extend(full_keys)
    kinds = {index: appendix.kind for index, appendix in enumerate(plan.appendices, start=1)}

    # Which sheet holds which appendix: by name first, else by its columns (a renamed sheet).
    # The report texts' sheet: by its name, else by its column titles (a renamed sheet).
    text_sheet = (
        TEXT_SHEET
        if TEXT_SHEET in book.sheetnames
        else next(
            (
                name
                for name in book.sheetnames
                if name != UNMATCHED_SHEET and _text_header(_rows(book[name])[:HEADER_SEARCH])
            ),
            None,
        )
    )
    sheets: list[tuple[str, list[int]]] = []
    named = {sheet_name(index): index for index in kinds}
    for name in book.sheetnames:
        if name in (text_sheet, UNMATCHED_SHEET):
            continue
        if name in named:
            sheets.append((name, [named[name]]))
        else:
            sheets.append((name, list(kinds)))
    found: set[int] = set()
    for name, candidates in sheets:
        rows = _rows(book[name])
        for kind in dict.fromkeys(kinds[i] for i in candidates):
            fixed = FIXED if kind is TableKind.TASKS else FIXED_CONTENTS
            expected = list(fixed) + quarter_headers()
            header = _header_row(rows, expected)
            if header is None and len(candidates) > 1:
                continue  # not this kind of sheet (or not a tracker sheet at all)
            header = header or HEADER_ROW  # the sheet's own name says what it holds
            indexes = [i for i in candidates if kinds[i] is kind]
            found.update(indexes if len(candidates) == 1 else [])
            if header <= len(rows) and _check_header(
                rows[header - 1], expected, name, header, display, problems
            ):
                found.update(
                    _read_sheet(
                        rows,
                        header,
                        name,
                        indexes,
                        known,
                        by_task,
                        allowed,
                        display,
                        problems,
                        data,
                    )
                )
            break
    for index in kinds if every_sheet else ():
        if index not in found and sheet_name(index) not in book.sheetnames:
            problems.error(
                display,
                None,
                "",
                f"thiếu trang «{sheet_name(index)}»; làm lại tệp bằng: kehoach tracker",
                sheet="",
                desk=f"thiếu trang «{sheet_name(index)}»; tải bảng mới ở trang «Theo "
                "dõi» rồi ghi lại",
            )
    if UNMATCHED_SHEET in book.sheetnames:
        # Rows an earlier remake set aside: kept for the next one, never in the report.
        width = len(FIXED) + 3 * len(QUARTERS)
        for row in _rows(book[UNMATCHED_SHEET])[HEADER_ROW:]:
            row = list(row[:width]) + [None] * (width - len(row))
            if any(value not in (None, "") for value in row[len(FIXED) :]):
                data.unmatched.append(
                    Unmatched(
                        _cell_text(row[0]),
                        _cell_text(row[1]),
                        _cell_text(row[2]),
                        tuple("" if v is None else str(v) for v in row[len(FIXED) :]),
                    )
                )
    if text_sheet is not None:
        rows = _rows(book[text_sheet])
        header = _text_header(rows) or HEADER_ROW
        for number, row in enumerate(rows[header:], start=header + 1):
            written = any(v not in (None, "") for v in row[1 : len(TEXT_COLUMNS)])
            label = _period_label(_cell_text(row[0]) if row else "")
            if label is None:
                if written:
                    typed = _cell_text(row[0]) if row else ""
                    problems.warning(
                        display,
                        None,
                        "",
                        f"Trang «{text_sheet}», ô A{number}: "
                        f"kỳ «{typed}» không rõ; ghi một trong: "
                        f"{', '.join(TEXT_PERIODS)} (những gì ghi ở dòng này "
                        "chưa được đưa vào báo cáo)",
                        sheet="",
                        kind=UNKNOWN_PERIODS,
                    )
                continue
            if label in data.texts and not written:
                continue  # an empty copy of a row already read
            data.texts[label] = {
                title: _cell_text(value)
                for title, value in zip(TEXT_COLUMNS[1:], row[1 : len(TEXT_COLUMNS)], strict=False)
            }
            data.text_rows[label] = number
            data.typed_texts[label] = (
                list(row[1 : len(TEXT_COLUMNS)]) + [None] * len(TEXT_COLUMNS)
            )[: len(TEXT_COLUMNS) - 1]
    return data


def _text_header(rows: list[list[object]]) -> int | None:
    """The 1-based row holding the report texts' column titles, among the first rows."""
    for number, row in enumerate(rows[:HEADER_SEARCH], start=1):
        if [_cell_text(v) for v in row[:2]] == list(TEXT_COLUMNS[:2]):
            return number
    return None


def _period_label(text: str) -> str | None:
    """The «Nội dung báo cáo» row a label stands for, as officers may type it: "Quý I",
    "quý 1", "6 tháng đầu năm", "Cả năm"."""
    key = key_text(text)
    for label in TEXT_PERIODS:
        if key == key_text(label):
            return label
    quarter = re.fullmatch(r"quý\s*([1-4])", key)
    if quarter:
        return TEXT_PERIODS[int(quarter.group(1)) - 1]
    if key in ("6 tháng đầu năm", "sáu tháng", "sáu tháng đầu năm"):
        return TEXT_PERIODS[4]
    if key in ("cả năm", "năm nay") or re.fullmatch(r"(cả )?năm \d{4}", key):
        return TEXT_PERIODS[5]
    return None


def _check_header(
    row: list[object], expected: list[str], name: str, number: int, display: str, problems: Problems
) -> bool:
    right = True
    for column, title in enumerate(expected, start=1):
        found = _cell_text(row[column - 1]) if column <= len(row) else ""
        if found != title:
            problems.error(
                display,
                None,
                "",
                f"Trang «{name}», ô {cell_address(column, number)}: "
                f"tiêu đề cột phải là «{title}», đang là «{found}»; đừng thêm, xóa "
                "hay đổi chỗ cột",
                sheet="",
            )
            right = False
    return right


def _read_sheet(
    rows,
    header: int,
    name: str,
    indexes: list[int],
    known: dict,
    by_task: dict,
    allowed: dict[str, str],
    display: str,
    problems: Problems,
    data: TrackerData,
) -> set[int]:
    """The task rows of one sheet; the appendices it was found to hold."""
    width = len(FIXED) + 3 * len(QUARTERS)
    seen: Counter = Counter()
    held: set[int] = set()
    for number, row in enumerate(rows[header:], start=header + 1):
        row = list(row[:width]) + [None] * (width - len(row))
        if all(value in (None, "") for value in row):
            continue
        full_key = None
        for index in indexes:
            key = (index, key_text(row[0]), key_text(row[1]), key_text(row[2]))
            seen[key] += 1
            if (*key, seen[key]) in known and (*key, seen[key]) not in data.places:
                full_key = (*key, seen[key])
                break
        if full_key is None:
            # Section or number retyped, or rows sorted: the task's own text still says
            # which row it is, when only one row of the plan has it.
            task = key_text(row[2])
            full_key = next(
                (
                    k
                    for index in indexes
                    for k in by_task.get((index, task), ())
                    if k not in data.places
                ),
                None,
            )
        written = [v for v in row[len(FIXED) :] if v not in (None, "")]
        if full_key is None:
            if written:
                data.unmatched.append(
                    Unmatched(
                        name,
                        _cell_text(row[1]),
                        _cell_text(row[2]),
                        tuple("" if v is None else str(v) for v in row[len(FIXED) :]),
                    )
                )
                problems.warning(
                    display,
                    None,
                    "",
                    f"Trang «{name}», dòng {number}: nhiệm vụ "
                    f"«{_cell_text(row[2])[:60]}» không có trong kế hoạch; những gì "
                    "ghi ở dòng này không được đưa vào báo cáo",
                    sheet="",
                    kind=UNMATCHED_ROWS,
                )
            continue
        held.add(full_key[0])
        data.places[full_key] = (name, number)
        data.typed[full_key] = row[len(FIXED) :]
        quarters: dict[int, Entry] = {}
        for quarter in QUARTERS:
            base = status_column(quarter) - 1
            status_text = _cell_text(row[base])
            status = allowed.get(key_text(status_text), "") if status_text else ""
            if status_text and not status:
                problems.error(
                    display,
                    None,
                    "",
                    f"Trang «{name}», ô "
                    f"{cell_address(base + 1, number)}: trạng thái «{status_text}» "
                    f"không hợp lệ; chọn một trong: {', '.join(STATUSES)}",
                    sheet="",
                    kind=WRONG_STATUSES,
                )
            entry = Entry(status, _cell_text(row[base + 1]), _cell_text(row[base + 2]))
            if entry != Entry():
                quarters[quarter] = entry
        data.entries[full_key] = quarters
    return held
