"""The progress-tracker workbook: made from the plan, one sheet per appendix, one row per
task, carrying over what officers typed in the previous copy."""

from __future__ import annotations

import datetime as dt
import io

from kehoach_docs.domain.plan import Plan, TableKind
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
    WIDTHS,
    TaskLine,
    TrackerData,
    Unmatched,
    key_text,
    keyed,
    quarter_headers,
    sheet_name,
    status_column,
    task_lines,
)
from kehoach_docs.domain.textclean import wrapped_lines
from kehoach_docs.outputs.celltext import set_cell
from kehoach_docs.outputs.register_book import LINE_POINTS
from kehoach_docs.render.officezip import normalize_zip

# The line under each sheet's title: what to write where.
TASKS_NOTE = (
    "Chọn trạng thái trong danh sách; ghi kết quả cụ thể (số liệu, văn bản đã ban "
    "hành). Các cột từ A đến F bị khóa: chúng được làm lại từ kế hoạch."
)
TEXTS_NOTE = (
    "Mỗi kỳ một dòng. Kỳ nào cũng phải ghi Ưu điểm; Tồn tại, hạn chế và nguyên nhân; "
    "Nhiệm vụ kỳ tới thì mới làm được báo cáo của kỳ đó. Kiến nghị, đề xuất: ghi nếu "
    "có. Mỗi ý một dòng trong ô (Alt+Enter)."
)
UNMATCHED_NOTE = (
    "Những gì đã ghi cho các nhiệm vụ nay không còn trong kế hoạch: giữ lại để "
    "tham khảo, không đưa vào báo cáo."
)
EXCEL_COLUMNS = 16384  # XFD, the last column of a sheet
# The named styles of a task row's cells (shown in Excel's list of cell styles): the plan's
# own text, locked, and the cells officers write in; and of a row set aside.
PLAN_STYLE = "Theo dõi - kế hoạch"
OPEN_STYLE = "Theo dõi - ô ghi"
KEPT_STYLE = "Theo dõi - dòng cũ"


def build_tracker(
    plan: Plan, previous: TrackerData | None, stamp: dt.datetime
) -> tuple[bytes, list[Unmatched]]:
    """The workbook for the plan; what officers typed in the previous copy (as read, by each
    row's key, by inputs.tracker) is carried over row by row, and the rows that match no
    task of the plan any more are listed on their own sheet, never dropped."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.dimensions import ColumnDimension

    old_rows = dict(previous.typed) if previous is not None else {}
    old_texts = (
        {key_text(label): values for label, values in previous.typed_texts.items()}
        if previous is not None
        else {}
    )

    book = Workbook()
    book.remove(book.worksheets[0])  # the empty sheet a new workbook starts with
    bold = Font(name="Times New Roman", bold=True, size=12)
    plain = Font(name="Times New Roman", size=12)
    wrap = Alignment(wrap_text=True, vertical="top")
    head = Alignment(wrap_text=True, vertical="center", horizontal="center")
    shade = PatternFill("solid", fgColor="DDEBF7")
    unlocked = Protection(locked=False)
    statuses = ",".join(STATUSES)
    # Cells of many rows take a named style: set by name, a cell's style is a copy of the
    # style's ids, where setting its font, alignment and protection one by one looks each up
    # in the workbook (most of the time of a plan of thousands of tasks).
    for style in (
        NamedStyle(PLAN_STYLE, font=plain, alignment=wrap),
        NamedStyle(OPEN_STYLE, font=plain, alignment=wrap, protection=unlocked),
        NamedStyle(KEPT_STYLE, alignment=wrap),
    ):
        book.add_named_style(style)

    def sheet_setup(sheet, headers, widths, title, note) -> None:
        set_cell(sheet, 1, 1, title).font = Font(name="Times New Roman", bold=True, size=14)
        set_cell(sheet, 2, 1, note).font = Font(name="Times New Roman", italic=True, size=11)
        for column, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
            cell = set_cell(sheet, HEADER_ROW, column, text)
            cell.font, cell.alignment, cell.fill = bold, head, shade
            sheet.column_dimensions[get_column_letter(column)].width = width
        sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=4)
        sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True

    by_appendix: dict[int, list[tuple[tuple, TaskLine]]] = {}
    for key, line in keyed(task_lines(plan)):
        by_appendix.setdefault(line.appendix, []).append((key, line))
    for index, appendix in enumerate(plan.appendices, start=1):
        sheet = book.create_sheet(sheet_name(index))
        fixed = FIXED if appendix.kind is TableKind.TASKS else FIXED_CONTENTS
        sheet_setup(
            sheet,
            list(fixed) + quarter_headers(),
            WIDTHS,
            f"THEO DÕI THỰC HIỆN KẾ HOẠCH CCHC NĂM {plan.year} - "
            f"{sheet_name(index).upper()}: {appendix.title}",
            TASKS_NOTE,
        )
        # The plan's own text (A to F) is locked, as it is made again from the plan, and so
        # are the column titles the report looks for; every other cell, those past the table
        # too, stays open to write in, and columns and rows to resize. No password.
        sheet.protection.sheet = True
        sheet.protection.formatColumns = sheet.protection.formatRows = False  # allowed
        for column in range(len(FIXED) + 1, len(WIDTHS) + 1):
            sheet.column_dimensions[get_column_letter(column)].protection = unlocked
        rest = get_column_letter(len(WIDTHS) + 1)
        sheet.column_dimensions[rest] = ColumnDimension(  # width 0: the default width
            sheet, rest, min=len(WIDTHS) + 1, max=EXCEL_COLUMNS, width=0
        )
        sheet.column_dimensions[rest].protection = unlocked
        rows = by_appendix.get(index, [])
        for row_number, (key, line) in enumerate(rows, start=HEADER_ROW + 1):
            values = [
                line.section,
                line.number,
                line.task,
                line.product,
                line.lead,
                line.support,
            ] + (old_rows.get(key) or [None] * 12)
            for column, value in enumerate(values, start=1):
                # Styled before its value is set: a date typed by an officer keeps the
                # date format the value gives the cell.
                sheet.cell(row_number, column).style = (
                    PLAN_STYLE if column <= len(FIXED) else OPEN_STYLE
                )
                set_cell(sheet, row_number, column, value)
            sheet.row_dimensions[row_number].height = LINE_POINTS * max(
                wrapped_lines(str(v or ""), w) for v, w in zip(values, WIDTHS, strict=True)
            )
        if rows:
            # One drop-down over each quarter's status column, every task row at once (given
            # cell by cell, each cell is checked against every one already in the area).
            last = HEADER_ROW + len(rows)
            columns = [get_column_letter(status_column(quarter)) for quarter in QUARTERS]
            sheet.add_data_validation(
                DataValidation(
                    type="list",
                    formula1=f'"{statuses}"',
                    allow_blank=True,
                    showErrorMessage=True,
                    errorTitle="Trạng thái không hợp lệ",
                    error="Chọn một trong: " + ", ".join(STATUSES),
                    sqref=" ".join(f"{c}{HEADER_ROW + 1}:{c}{last}" for c in columns),
                )
            )

    texts = book.create_sheet(TEXT_SHEET)
    sheet_setup(
        texts,
        list(TEXT_COLUMNS),
        (12, 50, 50, 50, 40),
        f"NỘI DUNG BÁO CÁO CCHC NĂM {plan.year} (ghi theo từng kỳ)",
        TEXTS_NOTE,
    )
    texts.freeze_panes = "B4"
    for offset, label in enumerate(TEXT_PERIODS, start=HEADER_ROW + 1):
        values = [label] + (old_texts.get(key_text(label)) or [None] * 4)
        for column, value in enumerate(values, start=1):
            cell = set_cell(texts, offset, column, value)
            cell.font, cell.alignment = plain, wrap

    unmatched = list(previous.unmatched) if previous is not None else []
    if unmatched:
        lost = book.create_sheet(UNMATCHED_SHEET)
        sheet_setup(
            lost,
            ["Trang", "STT", "Nhiệm vụ (cũ)", "", "", "", *quarter_headers()],
            WIDTHS,
            "CÁC DÒNG ĐÃ GHI NHƯNG KHÔNG CÒN TRONG KẾ HOẠCH",
            UNMATCHED_NOTE,
        )
        for offset, item in enumerate(unmatched, start=HEADER_ROW + 1):
            values = [item.sheet, item.number, item.task, "", "", "", *item.values]
            for column, value in enumerate(values, start=1):
                if value:  # a blank cell left out: thousands of rows may have been set aside
                    lost.cell(offset, column).style = KEPT_STYLE
                    set_cell(lost, offset, column, value)
    book.properties.title = f"Theo dõi thực hiện Kế hoạch CCHC năm {plan.year}"
    book.properties.created = stamp.replace(tzinfo=None)
    book.properties.creator = "kehoach-docs"
    buffer = io.BytesIO()
    book.save(buffer)
    return normalize_zip(buffer.getvalue(), stamp), unmatched
