"""Reading the progress tracker back: what officers typed, checked cell by cell."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from kehoach_docs.domain.plan import Plan, TableKind
from kehoach_docs.domain.problems import Problems
from kehoach_docs.domain.progress import (
    FIXED,
    FIXED_CONTENTS,
    HEADER_ROW,
    QUARTERS,
    STATUSES,
    TEXT_COLUMNS,
    TEXT_SHEET,
    Entry,
    TrackerData,
    key_text,
    keyed,
    quarter_headers,
    sheet_name,
    task_lines,
)
from kehoach_docs.domain.textclean import clean_text


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return clean_text(str(value)) if "\n" not in str(value) else "\n".join(
        clean_text(line) for line in str(value).splitlines()
    )  # fmt: skip


def read_tracker(path: Path, display: str, plan: Plan, problems: Problems) -> TrackerData:
    """What officers typed, checked against the plan: every wrong cell named by address."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    data = TrackerData()
    try:
        book = load_workbook(path, data_only=True)
    except FileNotFoundError:
        problems.error(display, None, "", "không tìm thấy tệp theo dõi; làm bằng: kehoach tracker")
        return data
    except Exception as exc:  # a damaged or protected workbook
        problems.error(display, None, "", f"không mở được tệp Excel ({exc})")
        return data
    allowed = {key_text(s): s for s in STATUSES}
    known = dict(keyed(task_lines(plan)))
    for index, appendix in enumerate(plan.appendices, start=1):
        name = sheet_name(index)
        if name not in book.sheetnames:
            problems.error(display, None, "", f"thiếu trang «{name}»; làm lại tệp bằng: "
                           "kehoach tracker", sheet="")  # fmt: skip
            continue
        sheet = book[name]
        fixed = FIXED if appendix.kind is TableKind.TASKS else FIXED_CONTENTS
        expected = list(fixed) + quarter_headers()
        wrong_header = False
        for column, title in enumerate(expected, start=1):
            found = _cell_text(sheet.cell(row=HEADER_ROW, column=column).value)
            if found != title:
                address = f"{get_column_letter(column)}{HEADER_ROW}"
                problems.error(display, None, "", f"Trang «{name}», ô {address}: tiêu đề cột "
                               f"phải là «{title}», đang là «{found}»; đừng thêm, xóa hay "
                               "đổi chỗ cột", sheet="")  # fmt: skip
                wrong_header = True
        if wrong_header:
            continue
        seen: Counter = Counter()
        for row_number, row in enumerate(
            sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True), start=HEADER_ROW + 1
        ):
            row = list(row) + [None] * (len(expected) - len(row))
            if all(value in (None, "") for value in row):
                continue
            key = (index, key_text(row[0]), key_text(row[1]), key_text(row[2]))
            seen[key] += 1
            full_key = (*key, seen[key])
            if full_key not in known:
                problems.warning(display, None, "", f"Trang «{name}», dòng {row_number}: "
                                 "nhiệm vụ không có trong kế hoạch, bỏ qua", sheet="")  # fmt: skip
                continue
            quarters: dict[int, Entry] = {}
            for quarter in QUARTERS:
                base = len(FIXED) + 3 * (quarter - 1)
                status_text = _cell_text(row[base])
                status = allowed.get(key_text(status_text), "") if status_text else ""
                if status_text and not status:
                    address = f"{get_column_letter(base + 1)}{row_number}"
                    problems.error(display, None, "", f"Trang «{name}», ô {address}: trạng thái "
                                   f"«{status_text}» không hợp lệ; chọn một trong: "
                                   f"{', '.join(STATUSES)}", sheet="")  # fmt: skip
                entry = Entry(status, _cell_text(row[base + 1]), _cell_text(row[base + 2]))
                if entry != Entry():
                    quarters[quarter] = entry
            data.entries[full_key] = quarters
    if TEXT_SHEET in book.sheetnames:
        for row in book[TEXT_SHEET].iter_rows(min_row=HEADER_ROW + 1, values_only=True):
            if row and row[0]:
                data.texts[_cell_text(row[0])] = {
                    title: _cell_text(value)
                    for title, value in zip(
                        TEXT_COLUMNS[1:], row[1 : len(TEXT_COLUMNS)], strict=False
                    )
                }
    return data
