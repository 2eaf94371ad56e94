"""The progress tracker: a workbook made from the plan, one sheet per appendix, one row per
task, where officers note each quarter's status and result; and reading it back, checked
cell by cell."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .nd30 import roman
from .plan import Plan, TableKind
from .problems import Problems
from .render import normalize_zip
from .textclean import clean_text, wrapped_lines

STATUSES = ("Hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Không phát sinh")
DONE, IN_PROGRESS, NOT_STARTED, NOT_APPLICABLE = STATUSES
QUARTERS = (1, 2, 3, 4)
FIXED = ("Mục", "STT", "Nhiệm vụ", "Kết quả/sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp")
FIXED_CONTENTS = ("Mục", "STT", "Nhiệm vụ, giải pháp", "Nội dung", "Cơ quan thực hiện",
                  "Cơ quan phối hợp")  # fmt: skip
PER_QUARTER = ("Trạng thái", "Kết quả", "Ghi chú")
HEADER_ROW = 3
TEXT_SHEET = "Nội dung báo cáo"
TEXT_COLUMNS = ("Kỳ báo cáo", "Ưu điểm", "Tồn tại, hạn chế và nguyên nhân", "Nhiệm vụ kỳ tới",
                "Kiến nghị, đề xuất")  # fmt: skip
TEXT_PERIODS = ("Quý I", "Quý II", "Quý III", "Quý IV", "6 tháng", "Năm")
UNMATCHED_SHEET = "Dòng không còn khớp"
WIDTHS = (6, 6, 40, 34, 16, 16) + (14, 32, 16) * 4
LINE_POINTS = 15.5  # one line of 12 pt text


def tracker_file(year: int) -> str:
    return f"theo-doi-thuc-hien-{year}.xlsx"


def sheet_name(index: int) -> str:
    return f"Phụ lục {roman(index)}"


def quarter_headers() -> list[str]:
    return [f"Quý {roman(q)} - {what}" for q in QUARTERS for what in PER_QUARTER]


def _key_text(text: object) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split()).casefold()


@dataclass(frozen=True)
class TaskLine:
    """One task as the tracker and the report see it."""

    appendix: int  # 1-based
    section: str
    number: str
    task: str
    product: str
    lead: str
    support: str

    @property
    def key(self) -> tuple[int, str, str, str]:
        return (self.appendix, _key_text(self.section), _key_text(self.number),
                _key_text(self.task))  # fmt: skip


def task_lines(plan: Plan) -> list[TaskLine]:
    lines = []
    for index, appendix in enumerate(plan.appendices, start=1):
        for section in appendix.sections:
            if appendix.kind is TableKind.TASKS:
                for row in section.rows:
                    lines.append(TaskLine(index, section.number, row.number,
                                          "\n".join(row.task), "\n".join(row.products),
                                          row.lead, row.support))  # fmt: skip
            else:
                for group in section.groups:
                    for task in group.tasks:
                        lines.append(TaskLine(index, section.number, "",
                                              "\n".join(task.solution), group.content,
                                              task.executor, task.support))  # fmt: skip
    return lines


def keyed(lines: list[TaskLine]) -> list[tuple[tuple, TaskLine]]:
    """Keys that stay unique for rows printed twice (the n-th copy of the same row)."""
    seen: Counter = Counter()
    result = []
    for line in lines:
        seen[line.key] += 1
        result.append(((*line.key, seen[line.key]), line))
    return result


@dataclass(frozen=True)
class Entry:
    status: str = ""
    result: str = ""
    note: str = ""


@dataclass
class TrackerData:
    entries: dict[tuple, dict[int, Entry]] = field(default_factory=dict)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # period → column → text


@dataclass(frozen=True)
class Unmatched:
    sheet: str
    number: str
    task: str
    values: tuple[str, ...]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return clean_text(str(value)) if "\n" not in str(value) else "\n".join(
        clean_text(line) for line in str(value).splitlines()
    )  # fmt: skip


def build_tracker(plan: Plan, previous: bytes | None, stamp: dt.datetime
                  ) -> tuple[bytes, list[Unmatched]]:  # fmt: skip
    """The workbook for the plan; what officers typed in `previous` is carried over row by
    row (matched by appendix, section, number and task), the rest listed, never dropped."""
    from openpyxl import Workbook, load_workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    old_rows: dict[tuple, list[object]] = {}
    old_texts: dict[str, list[object]] = {}
    old_order: list[tuple[str, tuple, list[object]]] = []
    if previous is not None:
        book = load_workbook(io.BytesIO(previous))
        for index in range(1, len(plan.appendices) + 1):
            name = sheet_name(index)
            if name not in book.sheetnames:
                continue
            seen: Counter = Counter()
            for row in book[name].iter_rows(min_row=HEADER_ROW + 1, values_only=True):
                key = (index, _key_text(row[0]), _key_text(row[1]), _key_text(row[2]))
                seen[key] += 1
                values = list(row[len(FIXED) : len(FIXED) + 12]) + [None] * 12
                full_key = (*key, seen[key])
                old_rows[full_key] = values[:12]
                old_order.append((name, full_key, list(row[:3])))
        if TEXT_SHEET in book.sheetnames:
            for row in book[TEXT_SHEET].iter_rows(min_row=HEADER_ROW + 1, values_only=True):
                if row and row[0]:
                    old_texts[_key_text(row[0])] = list(row[1 : len(TEXT_COLUMNS)])

    book = Workbook()
    book.remove(book.active)
    bold = Font(name="Times New Roman", bold=True, size=12)
    plain = Font(name="Times New Roman", size=12)
    wrap = Alignment(wrap_text=True, vertical="top")
    head = Alignment(wrap_text=True, vertical="center", horizontal="center")
    shade = PatternFill("solid", fgColor="DDEBF7")
    statuses = ",".join(STATUSES)

    def sheet_setup(sheet, headers, widths, title) -> None:
        sheet.cell(row=1, column=1, value=title).font = Font(name="Times New Roman", bold=True,
                                                             size=14)  # fmt: skip
        sheet.cell(row=2, column=1, value=(
            "Chọn trạng thái trong danh sách; ghi kết quả cụ thể (số liệu, văn bản đã ban "
            "hành). Không sửa các cột từ A đến F: chúng được làm lại từ kế hoạch."
        )).font = Font(name="Times New Roman", italic=True, size=11)  # fmt: skip
        for column, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
            cell = sheet.cell(row=HEADER_ROW, column=column, value=text)
            cell.font, cell.alignment, cell.fill = bold, head, shade
            sheet.column_dimensions[get_column_letter(column)].width = width
        sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=4)
        sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True

    used: set[tuple] = set()
    lines = keyed(task_lines(plan))
    for index, appendix in enumerate(plan.appendices, start=1):
        sheet = book.create_sheet(sheet_name(index))
        fixed = FIXED if appendix.kind is TableKind.TASKS else FIXED_CONTENTS
        sheet_setup(sheet, list(fixed) + quarter_headers(), WIDTHS,
                    f"THEO DÕI THỰC HIỆN KẾ HOẠCH CCHC NĂM {plan.year} - "
                    f"{sheet_name(index).upper()}: {appendix.title}")  # fmt: skip
        check = DataValidation(type="list", formula1=f'"{statuses}"', allow_blank=True,
                               showErrorMessage=True, errorTitle="Trạng thái không hợp lệ",
                               error="Chọn một trong: " + ", ".join(STATUSES))  # fmt: skip
        sheet.add_data_validation(check)
        row_number = HEADER_ROW
        for key, line in lines:
            if line.appendix != index:
                continue
            row_number += 1
            values = [line.section, line.number, line.task, line.product, line.lead,
                      line.support] + (old_rows.get(key) or [None] * 12)  # fmt: skip
            if key in old_rows:
                used.add(key)
            for column, value in enumerate(values, start=1):
                cell = sheet.cell(row=row_number, column=column, value=value)
                cell.font, cell.alignment = plain, wrap
            sheet.row_dimensions[row_number].height = LINE_POINTS * max(
                wrapped_lines(str(v or ""), w) for v, w in zip(values, WIDTHS, strict=True)
            )
            for quarter in QUARTERS:
                column = get_column_letter(len(FIXED) + 3 * (quarter - 1) + 1)
                check.add(f"{column}{row_number}")

    texts = book.create_sheet(TEXT_SHEET)
    sheet_setup(texts, list(TEXT_COLUMNS), (12, 50, 50, 50, 40),
                f"NỘI DUNG BÁO CÁO CCHC NĂM {plan.year} (ghi theo từng kỳ)")  # fmt: skip
    texts.freeze_panes = "B4"
    for offset, label in enumerate(TEXT_PERIODS, start=HEADER_ROW + 1):
        values = [label] + (old_texts.get(_key_text(label)) or [None] * 4)
        for column, value in enumerate(values, start=1):
            cell = texts.cell(row=offset, column=column, value=value)
            cell.font, cell.alignment = plain, wrap

    unmatched = [
        Unmatched(name, str(fixed_values[1] or ""), str(fixed_values[2] or ""),
                  tuple("" if v is None else str(v) for v in old_rows[key]))
        for name, key, fixed_values in old_order
        if key not in used and any(v not in (None, "") for v in old_rows[key])
    ]  # fmt: skip
    if unmatched:
        lost = book.create_sheet(UNMATCHED_SHEET)
        sheet_setup(lost, ["Trang", "STT", "Nhiệm vụ (cũ)", "", "", "", *quarter_headers()],
                    WIDTHS, "CÁC DÒNG ĐÃ GHI NHƯNG KHÔNG CÒN TRONG KẾ HOẠCH")  # fmt: skip
        for offset, item in enumerate(unmatched, start=HEADER_ROW + 1):
            values = [item.sheet, item.number, item.task, "", "", "", *item.values]
            for column, value in enumerate(values, start=1):
                lost.cell(row=offset, column=column, value=value or None).alignment = wrap
    book.properties.created = stamp.replace(tzinfo=None)
    book.properties.creator = "kehoach-docs"
    buffer = io.BytesIO()
    book.save(buffer)
    return normalize_zip(buffer.getvalue(), stamp), unmatched


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
    allowed = {_key_text(s): s for s in STATUSES}
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
            key = (index, _key_text(row[0]), _key_text(row[1]), _key_text(row[2]))
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
                status = allowed.get(_key_text(status_text), "") if status_text else ""
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
