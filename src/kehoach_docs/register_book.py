"""The register as a workbook people read and print: Sổ theo dõi phiếu xin lỗi."""

from __future__ import annotations

import datetime as dt
import io

from .letters import IssuedLetter
from .render import normalize_zip

BOOK_FILE = "so-theo-doi-phieu-xin-loi.xlsx"
HEADERS = (
    ("STT", 6), ("Số phiếu", 12), ("Ngày phiếu", 12), ("Mã hồ sơ", 28), ("Chủ hồ sơ", 26),
    ("Thủ tục", 48), ("Ngày tiếp nhận", 14), ("Ngày hẹn trả", 16), ("Số ngày trễ", 10),
    ("Lý do", 40), ("Ngày hẹn trả mới", 14), ("Tệp văn bản", 34),
)  # fmt: skip


def register_workbook(letters: list[IssuedLetter], code: str, stamp: dt.datetime) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Sổ theo dõi"
    sheet.append(["SỔ THEO DÕI PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"])
    sheet["A1"].font = Font(name="Times New Roman", bold=True, size=14)
    sheet.append([])
    sheet.append([title for title, _ in HEADERS])
    for index, (_, width) in enumerate(HEADERS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        cell = sheet.cell(row=3, column=index)
        cell.font = Font(name="Times New Roman", bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for position, letter in enumerate(letters, start=1):
        draft = letter.draft
        sheet.append([
            position, f"{letter.number:02d}/{code}", letter.letter_date, draft.dossier_code,
            draft.applicant, draft.procedure, draft.received.day if draft.received else None,
            draft.due.value if draft.due.has_time else draft.due.day, draft.days_late,
            draft.reason, draft.new_date, letter.output_file,
        ])  # fmt: skip
        row = sheet.max_row
        for column in (3, 7, 11):
            sheet.cell(row=row, column=column).number_format = "dd/mm/yyyy"
        sheet.cell(row=row, column=8).number_format = (
            "dd/mm/yyyy hh:mm" if draft.due.has_time else "dd/mm/yyyy"
        )
        for column in range(1, len(HEADERS) + 1):
            sheet.cell(row=row, column=column).alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "A4"
    sheet.print_title_rows = "3:3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.properties.created = stamp.replace(tzinfo=None)
    book.properties.modified = stamp.replace(tzinfo=None)
    book.properties.creator = "kehoach-docs"
    buffer = io.BytesIO()
    book.save(buffer)
    return normalize_zip(buffer.getvalue())
