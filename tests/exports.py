"""Small hand-made one-stop exports for the tests: every number in them is countable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

HEADERS = [
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục",
    "Chủ hồ sơ",
    "Hình thức nộp",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày có kết quả",
    "Trạng thái",
    "Lý do trễ hạn",
]


def row(
    code: str,
    applicant: str = "Nguyễn Văn An",
    received: object = dt.datetime(2024, 2, 1, 8, 0),
    due: object = dt.datetime(2024, 2, 5, 16, 30),
    finished: object = None,
    status: str = "",
    reason: str = "",
    procedure: str = "Đăng ký khai sinh",
    channel: str = "Trực tiếp",
) -> list[object]:
    return ["", code, procedure, applicant, channel, received, due, finished, status, reason]


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[object]],
    headers: Sequence[str] = HEADERS,
    title_rows: int = 2,
    total_row: bool = True,
) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Hồ sơ"
    for index in range(title_rows):
        sheet.append([f"DANH SÁCH HỒ SƠ (dòng tiêu đề {index + 1})"])
        sheet.merge_cells(start_row=index + 1, start_column=1, end_row=index + 1, end_column=4)
    sheet.append(list(headers))
    for values in rows:
        sheet.append(list(values))
    sheet.append([])
    if total_row:
        sheet.append(["", "Tổng cộng", f"{len(rows)} hồ sơ"])
    book.save(path)
    return path


def header_row(title_rows: int = 2) -> int:
    return title_rows + 1


def write_sheets(
    path: Path,
    sheets: dict[str, Sequence[Sequence[object]] | None],
    headers: Sequence[str] = HEADERS,
    title_rows: int = 2,
) -> Path:
    """A workbook of several sheets, each laid out as write_xlsx lays its one; a sheet
    given None rows holds only a note (no header, no dossier)."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        if rows is None:
            sheet.append(["Ghi chú: tệp xuất từ phần mềm một cửa, không sửa tay."])
            continue
        for index in range(title_rows):
            sheet.append([f"DANH SÁCH HỒ SƠ {name.upper()} (dòng tiêu đề {index + 1})"])
        sheet.append(list(headers))
        for values in rows:
            sheet.append(list(values))
    book.save(path)
    return path
