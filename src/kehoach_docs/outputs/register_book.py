"""The register as a workbook people read and print: Sổ theo dõi phiếu xin lỗi, with the
dossiers of the last run's day that got no letter (resolved late, due soon) on their own
sheets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kehoach_docs.domain.dossiers import Dossier, Moment
from kehoach_docs.domain.letters import IssuedLetter
from kehoach_docs.domain.textclean import wrapped_lines
from kehoach_docs.outputs.celltext import write_value
from kehoach_docs.render.officezip import normalize_zip

BOOK_FILE = "so-theo-doi-phieu-xin-loi.xlsx"
TITLE = "SỔ THEO DÕI PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"
HEADERS = (
    ("STT", 5), ("Số phiếu", 9), ("Ngày phiếu", 11), ("Mã hồ sơ", 16), ("Chủ hồ sơ", 18),
    ("Thủ tục", 36), ("Ngày tiếp nhận", 11), ("Ngày hẹn trả", 15), ("Số ngày trễ", 7),
    ("Lý do", 30), ("Ngày hẹn trả mới", 11), ("Gửi kịp thời", 8), ("Tệp văn bản", 20),
)  # fmt: skip
LATE_SHEET = "Trễ hạn chưa có phiếu"
LATE_TITLE = "HỒ SƠ ĐÃ GIẢI QUYẾT TRỄ HẠN MÀ CHƯA CÓ PHIẾU XIN LỖI"
LATE_HEADERS = (
    ("STT", 5), ("Mã hồ sơ", 16), ("Chủ hồ sơ", 18), ("Thủ tục", 36), ("Ngày tiếp nhận", 11),
    ("Ngày hẹn trả", 15), ("Ngày có kết quả", 15), ("Số ngày trễ", 7),
)  # fmt: skip
SOON_SHEET = "Sắp đến hạn"
SOON_TITLE = "HỒ SƠ ĐẾN HẠN TRẢ TRONG 1 NGÀY LÀM VIỆC"
SOON_HEADERS = (
    ("STT", 5), ("Mã hồ sơ", 16), ("Chủ hồ sơ", 18), ("Thủ tục", 36), ("Ngày tiếp nhận", 11),
    ("Ngày hẹn trả", 15),
)  # fmt: skip
LINE_POINTS = 15.5  # one line of 12 pt text


FIRST_ROW = 3  # zero-based: the title, a blank row (or the day), the header, then the rows


@dataclass(frozen=True)
class Listed:
    """The dossiers a run on `day` listed instead of lettering."""

    day: dt.date
    resolved_late: Sequence[tuple[Dossier, int]]  # with their working days late
    due_soon: Sequence[Dossier]


class _Formats:
    def __init__(self, book: Any) -> None:
        font = {"font_name": "Times New Roman", "font_size": 12}
        self.title = book.add_format({**font, "bold": True, "font_size": 14})
        self.note = book.add_format({**font, "italic": True})
        self.header = book.add_format({**font, "bold": True, "align": "center",
                                       "valign": "vcenter", "text_wrap": True,
                                       "border": 1})  # fmt: skip
        self.text = book.add_format({**font, "valign": "top", "text_wrap": True, "border": 1})
        self.day = book.add_format({**font, "valign": "top", "border": 1,
                                    "num_format": "dd/mm/yyyy"})  # fmt: skip
        self.moment = book.add_format({**font, "valign": "top", "border": 1,
                                       "num_format": "dd/mm/yyyy hh:mm"})  # fmt: skip


def _sheet(book: Any, formats: _Formats, name: str, title: str,
           headers: Sequence[tuple[str, int]], note: str = "") -> Any:  # fmt: skip
    sheet = book.add_worksheet(name)
    sheet.write_string(0, 0, title, formats.title)
    if note:
        sheet.write_string(1, 0, note, formats.note)
    sheet.set_row(FIRST_ROW - 1, LINE_POINTS * 2)
    for column, (caption, width) in enumerate(headers):
        sheet.set_column(column, column, width)
        sheet.write_string(FIRST_ROW - 1, column, caption, formats.header)
    return sheet


def _finish(sheet: Any) -> None:
    sheet.freeze_panes(FIRST_ROW, 0)
    sheet.repeat_rows(FIRST_ROW - 1)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)


def _write_moment(sheet: Any, row: int, column: int, moment: Moment | None,
                  formats: _Formats, with_time: bool = True) -> None:  # fmt: skip
    """A date of the export; its time of day too when it has one and the column is wide
    enough for it (the receipt columns show the day only)."""
    if moment is None:
        sheet.write_blank(row, column, None, formats.day)
    elif moment.has_time and with_time:
        sheet.write_datetime(row, column, moment.value, formats.moment)
    else:
        sheet.write_datetime(row, column, moment.day, formats.day)


def _write_dossier(sheet: Any, row: int, index: int, dossier: Dossier,
                   formats: _Formats) -> None:  # fmt: skip
    """STT, code, applicant, procedure, received, due: the first columns of both lists."""
    sheet.write_number(row, 0, index, formats.text)
    for column, value in enumerate((dossier.code, dossier.applicant, dossier.procedure), 1):
        sheet.write_string(row, column, value, formats.text)
    _write_moment(sheet, row, 4, dossier.received, formats, with_time=False)
    _write_moment(sheet, row, 5, dossier.due, formats)
    wrapped = ((dossier.code, 16), (dossier.applicant, 18), (dossier.procedure, 36))
    sheet.set_row(row, LINE_POINTS * max(wrapped_lines(t, w) for t, w in wrapped))


def write_register_workbook(
    letters: Iterable[IssuedLetter],
    code: str,
    stamp: dt.datetime,
    target: Path,
    listed: Listed | None = None,
) -> None:
    """The whole register, written again after every batch (XlsxWriter: several times
    faster than openpyxl for a register of many thousand letters)."""
    import xlsxwriter
    import xlsxwriter.exceptions

    # constant_memory: each row goes to disk when the next begins (rows come in order).
    # Strings are never read as formulas or links (see celltext), whatever writes them.
    book = xlsxwriter.Workbook(str(target), {"constant_memory": True,
                                             "strings_to_formulas": False,
                                             "strings_to_urls": False})  # fmt: skip
    book.set_properties({"title": TITLE, "author": "kehoach-docs",
                         "created": stamp.replace(tzinfo=None)})  # fmt: skip
    formats = _Formats(book)
    text, day = formats.text, formats.day
    sheet = _sheet(book, formats, "Sổ theo dõi", TITLE, HEADERS)
    for index, letter in enumerate(letters):
        draft = letter.draft
        row = FIRST_ROW + index
        write_value(sheet, row, 0, index + 1, text)
        write_value(sheet, row, 1, f"{letter.number:02d}/{code}", text)
        sheet.write_datetime(row, 2, letter.letter_date, day)
        for column, value in enumerate((draft.dossier_code, draft.applicant, draft.procedure), 3):
            write_value(sheet, row, column, value, text)
        _write_moment(sheet, row, 6, draft.received, formats, with_time=False)
        _write_moment(sheet, row, 7, draft.due, formats)
        write_value(sheet, row, 8, draft.days_late, text)
        write_value(sheet, row, 9, draft.reason, text)
        sheet.write_datetime(row, 10, draft.new_date, day)
        sheet.write_string(row, 11, "Có" if letter.timely else "Không", text)
        write_value(sheet, row, 12, letter.output_file, text)
        wrapped = ((draft.dossier_code, 16), (draft.applicant, 18), (draft.procedure, 36),
                   (draft.reason, 30), (letter.output_file, 20))  # fmt: skip
        sheet.set_row(row, LINE_POINTS * max(wrapped_lines(t, w) for t, w in wrapped))
    _finish(sheet)
    if listed is not None:
        on_day = f"Tính đến ngày {listed.day:%d/%m/%Y}"
        late = _sheet(book, formats, LATE_SHEET, LATE_TITLE, LATE_HEADERS,
                      f"{on_day}. Không làm phiếu xin lỗi cho các hồ sơ này (đã trả kết "
                      "quả); báo cáo tính là hồ sơ trễ hạn chưa có phiếu.")  # fmt: skip
        for index, (dossier, days) in enumerate(listed.resolved_late, start=1):
            row = FIRST_ROW + index - 1
            _write_dossier(late, row, index, dossier, formats)
            _write_moment(late, row, 6, dossier.finished or dossier.returned, formats)
            late.write_number(row, 7, days, text)
        _finish(late)
        soon = _sheet(book, formats, SOON_SHEET, SOON_TITLE, SOON_HEADERS,
                      f"{on_day}. Nếu không trả kịp, phải gửi phiếu xin lỗi ngay hôm nay "
                      "(kehoach letters --ma MÃ_HỒ_SƠ).")  # fmt: skip
        for index, dossier in enumerate(listed.due_soon, start=1):
            _write_dossier(soon, FIRST_ROW + index - 1, index, dossier, formats)
        _finish(soon)
    try:
        book.close()
    except xlsxwriter.exceptions.FileCreateError as exc:
        # XlsxWriter wraps the system's error and forgets the file: name it (a full disk).
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else None
        if cause is None:
            raise
        raise OSError(cause.errno, cause.strerror, str(target)) from exc
    target.write_bytes(normalize_zip(target.read_bytes()))
