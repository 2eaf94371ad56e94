"""Exports as other programs write them: what openpyxl never writes (inline strings, the
1904 date system, sparse cells) and real .xls and .ods files made by LibreOffice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docxread import office
from exports import HEADERS, row, write_xlsx
from rawxlsx import inline, number, sheet_xml, write_book

from kehoach_docs.inputs.export import read_export

COLUMNS = "ABCDEFGHIJ"


def _header_cells(row_number: int) -> list[str]:
    return [inline(f"{c}{row_number}", h) for c, h in zip(COLUMNS, HEADERS, strict=True)]


def _serial(moment: dt.datetime, epoch: dt.datetime) -> float:
    return (moment - epoch) / dt.timedelta(days=1)


def test_inline_strings_and_typed_dates(tmp_path: Path) -> None:
    epoch = dt.datetime(1899, 12, 30)
    rows = {
        1: [inline("A1", "DANH SÁCH HỒ SƠ")],
        3: _header_cells(3),
        4: [
            inline("B4", "000.00.26.H33-240201-0001"),
            inline("C4", "Đăng ký khai sinh"),
            inline("D4", "Lương Văn Cường"),
            inline("E4", "Trực tiếp"),
            number("F4", _serial(dt.datetime(2024, 2, 1, 8), epoch), 2),
            number("G4", _serial(dt.datetime(2024, 2, 5), epoch), 1),
        ],
    }
    read = read_export(write_book(tmp_path / "x.xlsx", sheet_xml(rows)), "x.xlsx")
    assert not read.problems.errors
    (dossier,) = read.dossiers
    assert (dossier.code, dossier.applicant, dossier.row) == (
        "000.00.26.H33-240201-0001",
        "Lương Văn Cường",
        4,
    )
    assert dossier.received.value == dt.datetime(2024, 2, 1, 8, 0)
    assert dossier.received.has_time
    assert dossier.due.value == dt.datetime(2024, 2, 5) and not dossier.due.has_time


def test_1904_date_system(tmp_path: Path) -> None:
    """A workbook saved by old Excel for Mac counts days from 1904: the same serial is four
    years and a day later than in the 1900 system."""
    epoch = dt.datetime(1904, 1, 1)
    rows = {
        1: _header_cells(1),
        2: [
            inline("B2", "HS-1"),
            inline("C2", "Đăng ký kết hôn"),
            inline("D2", "Lê Thị Hoa"),
            number("F2", _serial(dt.datetime(2024, 1, 22, 9, 15), epoch), 2),
            number("G2", _serial(dt.datetime(2024, 1, 25), epoch), 1),
        ],
    }
    read = read_export(write_book(tmp_path / "mac.xlsx", sheet_xml(rows), date1904=True), "m")
    assert not read.problems.errors
    (dossier,) = read.dossiers
    assert dossier.received.value == dt.datetime(2024, 1, 22, 9, 15)
    assert dossier.due.value == dt.datetime(2024, 1, 25)


def test_sparse_cells_keep_their_columns_and_rows(tmp_path: Path) -> None:
    """Rows and cells left out of the file (blank in Excel) leave gaps: each value stays in
    its own column and each row keeps the number Excel shows."""
    rows = {
        7: _header_cells(7),
        9: [
            inline("B9", "HS-9"),
            inline("C9", "Chứng thực chữ ký"),
            inline("D9", "Hà Văn Ba"),
            inline("G9", "05/02/2024"),
            inline("F9", "01/02/2024"),
        ],
        12: [
            inline("D12", "Nông Thị Tư"),
            inline("B12", "HS-12"),
            inline("C12", "Khai tử"),
            inline("F12", "02/02/2024"),
            inline("G12", "06/02/2024"),
            inline("J12", "Chờ xác minh"),
        ],
    }
    read = read_export(write_book(tmp_path / "sparse.xlsx", sheet_xml(rows)), "s")
    assert not read.problems.errors
    assert [(d.row, d.code, d.applicant, d.reason) for d in read.dossiers] == [
        (9, "HS-9", "Hà Văn Ba", ""),
        (12, "HS-12", "Nông Thị Tư", "Chờ xác minh"),
    ]
    assert read.dossiers[1].due.value == dt.datetime(2024, 2, 6)


@pytest.fixture(scope="module")
def libreoffice_copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One export saved by LibreOffice as .xls (Excel 97-2003) and as .ods."""
    folder = tmp_path_factory.mktemp("lo")
    rows = [
        row("HS-1", applicant="Hoàng Văn Đức"),
        row(
            "HS-2",
            applicant="Triệu Thị Mai",
            due=dt.datetime(2024, 2, 9),
            reason="Chờ ý kiến của huyện",
        ),
    ]
    source = write_xlsx(folder / "xuat.xlsx", rows)
    copies = {}
    for suffix, filter_name in (("xls", "xls:MS Excel 97"), ("ods", "ods")):
        target = str(folder / suffix)
        office("--convert-to", filter_name, "--outdir", target, str(source), calc=True)
        copies[suffix] = folder / suffix / f"xuat.{suffix}"
    return copies


@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_libreoffice_xls_and_ods(libreoffice_copies: dict[str, Path], suffix: str) -> None:
    read = read_export(libreoffice_copies[suffix], f"xuat.{suffix}")
    assert not read.problems.errors, [str(p) for p in read.problems.errors]
    assert [(d.row, d.code, d.applicant) for d in read.dossiers] == [
        (4, "HS-1", "Hoàng Văn Đức"),
        (5, "HS-2", "Triệu Thị Mai"),
    ]
    second = read.dossiers[1]
    assert second.received.value == dt.datetime(2024, 2, 1, 8, 0) and second.received.has_time
    assert second.due.value == dt.datetime(2024, 2, 9) and not second.due.has_time
    assert second.reason == "Chờ ý kiến của huyện"


def test_xlsb_area_is_read_from_its_records_across_chunks() -> None:
    """The .xlsb area check reads records split anywhere between two reads, and passes over
    long record bodies it does not need."""
    import io
    import struct

    from hostile_corpus import biff12

    from kehoach_docs.inputs import xlsbarea

    def row(number: int) -> bytes:
        return biff12(0x00, struct.pack("<I", number) + b"\0" * 13)

    def real(column: int) -> bytes:
        return biff12(0x05, struct.pack("<IId", column, 0, 1.0))

    text = "Lương Văn Cường".encode("utf-16-le") * 200  # a body longer than one read
    stream = (
        row(0)
        + real(0)
        + biff12(0x06, struct.pack("<II", 3, 0) + text)
        + row(41)
        + real(7)
        + real(2)
        + row(43)
        + biff12(0x3E, struct.pack("<II", 9, 0) + text)
    )

    class Trickle(io.BytesIO):
        def read(self, size: int = -1) -> bytes:
            return super().read(3)

    assert xlsbarea.sheet_area(io.BytesIO(stream)) == (44, 10)
    assert xlsbarea.sheet_area(Trickle(stream)) == (44, 10)
