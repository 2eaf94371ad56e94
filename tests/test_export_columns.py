"""The export's columns as declared once (domain/exports.py): an export headed by the very
labels the messages use is read whole, and no header can mean two columns. And what one-stop
programs' exports bring: codes kept as numbers, files under another kind's name, formulas
never calculated, a header of two rows."""

from __future__ import annotations

import datetime as dt
import gc
import tracemalloc
from pathlib import Path

import pytest
from exports import row, write_xlsx
from synthetic import write_export

from kehoach_docs.domain.dossiers import Channel, Moment
from kehoach_docs.domain.exports import EXPORT_COLUMNS, ColumnKind
from kehoach_docs.inputs.export import read_export

DAYS = {
    "received": dt.datetime(2024, 2, 1, 8, 0),
    "due": dt.datetime(2024, 2, 5, 16, 30),
    "finished": dt.datetime(2024, 2, 6, 9, 0),
    "returned": dt.datetime(2024, 2, 7, 9, 0),
    "new_date": dt.datetime(2024, 2, 8, 10, 0),
}
CELLS = {ColumnKind.CHANNEL: "Trực tuyến", ColumnKind.YES_NO: "Có"}
READ = {ColumnKind.CHANNEL: Channel.ONLINE, ColumnKind.YES_NO: True}


def test_an_export_headed_by_the_labels_of_the_messages_fills_every_field(
    tmp_path: Path,
) -> None:
    cells = [
        DAYS[column.name]
        if column.kind is ColumnKind.DATE
        else CELLS.get(column.kind, f"{column.label} 1")
        for column in EXPORT_COLUMNS
    ]
    path = write_xlsx(tmp_path / "xuat.xlsx", [cells], [c.label for c in EXPORT_COLUMNS])
    read = read_export(path, "xuat.xlsx")
    assert not read.problems.errors
    [dossier] = read.dossiers
    for column in EXPORT_COLUMNS:
        value = getattr(dossier, column.name)
        if column.kind is ColumnKind.DATE:
            assert value == Moment(DAYS[column.name], has_time=True)
        else:
            assert value == READ.get(column.kind, f"{column.label} 1"), column.name


def test_no_header_is_read_as_two_columns() -> None:
    owners: dict[str, str] = {}
    for column in EXPORT_COLUMNS:
        for alias in column.aliases:
            assert owners.setdefault(alias, column.name) == column.name, alias
    settings = [column.setting for column in EXPORT_COLUMNS]
    assert len(set(settings)) == len(settings)


def test_a_year_of_dossiers_keeps_one_copy_of_each_repeated_value(tmp_path: Path) -> None:
    """3,000 dossiers of a few dozen procedures, fields, villages and statuses: what the
    read keeps is under 800 bytes a dossier (it was 1,160 with a copy of every procedure's
    name on every row; 100,000 letters then peaked above 300 MB)."""
    export = tmp_path / "nam.xlsx"
    write_export(export, 3_000, late_share=0.0, open_share=1.0, seed=7)
    # The readers' imports and caches, outside the count; under another name, so that the
    # read counted is not the one kept of this file.
    read_export(export, "nam (lần đầu).xlsx")
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        read = read_export(export, export.name)
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(read.dossiers) == 3_000 and not read.problems.errors
    procedures = {d.procedure for d in read.dossiers}
    assert len({id(d.procedure) for d in read.dossiers}) == len(procedures) < 100
    assert kept < 800 * 3_000, kept


def test_a_code_kept_as_a_number_is_warned_and_a_rounded_one_refused(tmp_path: Path) -> None:
    """A one-stop system that exports its codes as numbers: «000123» arrives as 123 (the
    letter would print a code the citizen's receipt does not show), and an 18-digit code was
    rounded by the workbook. The first is said once for the column, the second refused."""
    path = write_xlsx(
        tmp_path / "so.xlsx",
        [row(123), row(240603000123456789, applicant="Trần Thị Bình"), row("HS-3"), row(456)],
    )
    read = read_export(path, "so.xlsx")
    assert [d.code for d in read.dossiers] == ["123", "HS-3", "456"]
    assert [p.text() for p in read.problems.errors] == [
        "so.xlsx, trang «Hồ sơ», dòng 5, cột «Mã hồ sơ»: lỗi: mã hồ sơ lưu dạng số có hơn 15 chữ "
        "số nên Excel đã làm tròn (còn 240603000123456800); hãy xuất cột này dạng văn bản (Text)"
    ]
    assert [p.text() for p in read.problems.warnings] == [
        "so.xlsx, trang «Hồ sơ», dòng 4, cột «Mã hồ sơ»: cảnh báo: 2 mã hồ sơ lưu dạng số (dòng "
        "này: 123): số 0 ở đầu mã, nếu có, đã mất và phiếu in mã khác với phần mềm một cửa; hãy "
        "xuất cột này dạng văn bản (Text)"
    ]


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        (
            "ho-so.xls",
            "<html><body><table><tr><td>Mã hồ sơ</td></tr></table></body></html>".encode(),
            "tệp là trang web (HTML) mang đuôi .xls, không phải bảng tính; mở tệp bằng Excel "
            "rồi Lưu thành (Save As) kiểu «Excel Workbook (.xlsx)»",
        ),
        (
            "ho-so.xlsx",
            b'\xef\xbb\xbf<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:'
            b'office:spreadsheet"></Workbook>',
            "tệp là bảng tính XML của Excel 2003 mang đuôi .xlsx; mở tệp bằng Excel rồi Lưu "
            "thành (Save As) kiểu «Excel Workbook (.xlsx)»",
        ),
        (
            "ho-so.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
            "tệp là bảng tính Excel 97-2003 (.xls) mang đuôi .xlsx; đổi đuôi tệp thành .xls "
            "rồi chạy lại",
        ),
        (
            "ho-so.xls",
            None,  # a real .xlsx, renamed
            "tệp là bảng tính Excel 2007 trở lên (.xlsx) mang đuôi .xls; đổi đuôi tệp thành "
            ".xlsx rồi chạy lại",
        ),
    ],
)
def test_a_file_of_another_kind_is_named_for_what_it_is(
    tmp_path: Path, name: str, content: bytes | None, said: str
) -> None:
    """The «Xuất Excel» of many one-stop programs writes a web page or Excel 2003's XML under
    an Excel name, and officers rename files: the message says what the file is and what to
    do, never that it is damaged."""
    path = tmp_path / name
    if content is None:
        write_xlsx(tmp_path / "that.xlsx", [row("HS-1")]).rename(path)
    else:
        path.write_bytes(content)
    assert [p.text() for p in read_export(path, name).problems.items] == [f"{name}: lỗi: {said}"]


def test_a_formula_never_calculated_is_named_with_its_cell(tmp_path: Path) -> None:
    """A program that writes formulas without their values (Excel would calculate them on
    opening): the cell is named, and what to do, not «ô này bỏ trống» of a cell the officer
    sees filled in Excel."""
    empty = ["=ROW()-3", *[""] * 9]  # a row number copied down the empty rows under the table
    path = write_xlsx(
        tmp_path / "cong-thuc.xlsx",
        [row("HS-1", due="=DATE(2024,2,5)"), row("HS-2"), empty, empty],
        total_row=False,
    )
    read = read_export(path, "cong-thuc.xlsx")
    assert [d.code for d in read.dossiers] == ["HS-2"]
    assert [p.text() for p in read.problems.errors] == [
        "cong-thuc.xlsx, trang «Hồ sơ», dòng 4, cột «Ngày hẹn trả»: lỗi: ô G4 là công thức chưa "
        "được tính (tệp do phần mềm ghi, chưa mở bằng Excel); mở tệp bằng Excel, lưu lại rồi "
        "chạy lại"
    ]


def test_a_header_of_two_rows_is_read(tmp_path: Path) -> None:
    """Many one-stop programs head their dates with «Ngày» merged over «Tiếp nhận», «Hẹn trả»,
    «Có kết quả», the other titles merged down over both rows: read as one header."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Hồ sơ"
    sheet.append(["STT", "Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Ngày", None, None, "Ghi chú"])
    sheet.append([None, None, None, None, "Tiếp nhận", "Hẹn trả", "Có kết quả", None])
    for column in "ABCDH":
        sheet.merge_cells(f"{column}1:{column}2")
    sheet.merge_cells("E1:G1")
    sheet.append(
        [
            1,
            "HS-1",
            "Đăng ký khai sinh",
            "Nguyễn Văn An",
            "01/02/2024 08:00",
            "05/02/2024 16:30",
            "04/02/2024",
            "",
        ]
    )
    sheet.append([2, "HS-2", "Đăng ký kết hôn", "Trần Thị Bình", "02/02/2024", "", "", ""])
    book.save(tmp_path / "hai-dong.xlsx")
    read = read_export(tmp_path / "hai-dong.xlsx", "hai-dong.xlsx")
    [first] = read.dossiers
    assert (first.code, first.received.day, first.due.day, first.finished.day) == (
        "HS-1",
        dt.date(2024, 2, 1),
        dt.date(2024, 2, 5),
        dt.date(2024, 2, 4),
    )
    assert [p.text() for p in read.problems.errors] == [
        "hai-dong.xlsx, trang «Hồ sơ», dòng 4, cột «Ngày Hẹn trả»: lỗi: ô này bỏ trống"
    ]


def test_a_hidden_sheet_is_read_and_said(tmp_path: Path) -> None:
    """Dossiers on a sheet hidden in Excel are read like the others, and the officer, who
    sees no such sheet, is told where they came from."""
    from openpyxl import load_workbook

    path = write_xlsx(tmp_path / "an.xlsx", [row("HS-1")])
    book = load_workbook(path)
    old = book.copy_worksheet(book["Hồ sơ"])
    old.title = "Năm trước"
    old["B4"] = "HS-0"
    old.sheet_state = "hidden"
    book.save(path)
    read = read_export(path, "an.xlsx")
    assert [d.code for d in read.dossiers] == ["HS-1", "HS-0"]
    assert [p.text() for p in read.problems.warnings] == [
        "an.xlsx, trang «Năm trước»: cảnh báo: trang này đang ẩn trong Excel nhưng vẫn được "
        "đọc (1 dòng hồ sơ); nếu là dữ liệu cũ, xóa trang này"
    ]
