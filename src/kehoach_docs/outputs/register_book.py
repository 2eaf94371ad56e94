"""The register as a workbook people read and print: Sổ theo dõi phiếu xin lỗi."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from kehoach_docs.domain.letters import IssuedLetter
from kehoach_docs.domain.textclean import wrapped_lines
from kehoach_docs.outputs.celltext import write_value
from kehoach_docs.render.officezip import normalize_zip

BOOK_FILE = "so-theo-doi-phieu-xin-loi.xlsx"
TITLE = "SỔ THEO DÕI PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"
HEADERS = (
    ("STT", 5), ("Số phiếu", 9), ("Ngày phiếu", 11), ("Mã hồ sơ", 16), ("Chủ hồ sơ", 18),
    ("Thủ tục", 36), ("Ngày tiếp nhận", 11), ("Ngày hẹn trả", 15), ("Số ngày trễ", 7),
    ("Lý do", 30), ("Ngày hẹn trả mới", 11), ("Tệp văn bản", 20),
)  # fmt: skip
LINE_POINTS = 15.5  # one line of 12 pt text


FIRST_ROW = 3  # zero-based: the title, a blank row, the header, then the letters


def write_register_workbook(
    letters: Iterable[IssuedLetter], code: str, stamp: dt.datetime, target: Path
) -> None:
    """The whole register, written again after every batch (XlsxWriter: several times
    faster than openpyxl for a register of many thousand letters)."""
    import xlsxwriter

    # constant_memory: each row goes to disk when the next begins (rows come in order).
    # Strings are never read as formulas or links (see celltext), whatever writes them.
    book = xlsxwriter.Workbook(str(target), {"constant_memory": True,
                                             "strings_to_formulas": False,
                                             "strings_to_urls": False})  # fmt: skip
    book.set_properties({"title": TITLE, "author": "kehoach-docs",
                         "created": stamp.replace(tzinfo=None)})  # fmt: skip
    font = {"font_name": "Times New Roman", "font_size": 12}
    title = book.add_format({**font, "bold": True, "font_size": 14})
    header = book.add_format({**font, "bold": True, "align": "center", "valign": "vcenter",
                              "text_wrap": True, "border": 1})  # fmt: skip
    text = book.add_format({**font, "valign": "top", "text_wrap": True, "border": 1})
    day = book.add_format({**font, "valign": "top", "border": 1, "num_format": "dd/mm/yyyy"})
    moment = book.add_format({**font, "valign": "top", "border": 1,
                              "num_format": "dd/mm/yyyy hh:mm"})  # fmt: skip
    sheet = book.add_worksheet("Sổ theo dõi")
    sheet.write_string(0, 0, TITLE, title)
    sheet.set_row(FIRST_ROW - 1, LINE_POINTS * 2)
    for column, (caption, width) in enumerate(HEADERS):
        sheet.set_column(column, column, width)
        sheet.write_string(FIRST_ROW - 1, column, caption, header)
    for index, letter in enumerate(letters):
        draft = letter.draft
        row = FIRST_ROW + index
        write_value(sheet, row, 0, index + 1, text)
        write_value(sheet, row, 1, f"{letter.number:02d}/{code}", text)
        sheet.write_datetime(row, 2, letter.letter_date, day)
        for column, value in enumerate((draft.dossier_code, draft.applicant, draft.procedure), 3):
            write_value(sheet, row, column, value, text)
        if draft.received:
            sheet.write_datetime(row, 6, draft.received.day, day)
        else:
            sheet.write_blank(row, 6, None, day)
        if draft.due.has_time:
            sheet.write_datetime(row, 7, draft.due.value, moment)
        else:
            sheet.write_datetime(row, 7, draft.due.day, day)
        write_value(sheet, row, 8, draft.days_late, text)
        write_value(sheet, row, 9, draft.reason, text)
        sheet.write_datetime(row, 10, draft.new_date, day)
        write_value(sheet, row, 11, letter.output_file, text)
        wrapped = ((draft.dossier_code, 16), (draft.applicant, 18), (draft.procedure, 36),
                   (draft.reason, 30), (letter.output_file, 20))  # fmt: skip
        sheet.set_row(row, LINE_POINTS * max(wrapped_lines(t, w) for t, w in wrapped))
    sheet.freeze_panes(FIRST_ROW, 0)
    sheet.repeat_rows(FIRST_ROW - 1)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    book.close()
    target.write_bytes(normalize_zip(target.read_bytes()))
