"""The register's workbook as the officer opens it: every text exactly as the register
holds it (characters XML cannot carry, markup, spaces, formula-like text), dates as dates in
their formats, and the sheet laid out for printing."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from kehoach_docs.domain.dossiers import Moment
from kehoach_docs.domain.letters import IssuedLetter, LetterDraft
from kehoach_docs.outputs.register_book import register_selection

STAMP = dt.datetime(2025, 3, 3, 9, 30, tzinfo=dt.UTC)
TEXTS = [
    "Nguyễn Văn An & Cộng sự <Chi nhánh>",
    "  Trần Thị Bình ",
    "Lê\x01Văn\x1fCường",  # control characters pasted from another program
    "Mã _x0041_ giữ nguyên",  # looks like Excel's own escape of a character
    '=HYPERLINK("http://evil.example","Kế hoạch")',
    "Dòng một\nDòng hai\tcột",
]


def letter(number: int, applicant: str) -> IssuedLetter:
    return IssuedLetter(
        2025,
        number,
        dt.date(2025, 3, 3),
        LetterDraft(
            dossier_code=f"HS-{number:03d}",
            applicant=applicant,
            procedure="Đăng ký khai sinh",
            received=Moment(dt.datetime(2024, 12, 2, 8, 0), True),
            due=Moment(dt.datetime(2024, 12, 5, 16, 30), True),
            reason="",
            new_date=dt.date(2025, 3, 6),
            days_late=58,
        ),
        "phieu-xin-loi-2025-so-001-006.docx",
    )


def workbook() -> bytes:
    letters = [letter(number, text) for number, text in enumerate(TEXTS, start=1)]
    return register_selection(letters, "PXL", STAMP, "Các phiếu đã chọn.")


def test_texts_read_back_exactly_as_the_register_holds_them() -> None:
    # python-calamine decodes Excel's _xHHHH_ escapes as Excel does.
    rows = CalamineWorkbook.from_filelike(io.BytesIO(workbook())).get_sheet_by_index(0)
    rows = rows.to_python()
    assert rows[0][0] == "SỔ THEO DÕI PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"
    assert rows[1][0] == "Tính đến ngày 03/03/2025. Các phiếu đã chọn."
    assert [row[4] for row in rows[3:]] == TEXTS
    assert [row[1] for row in rows[3:]] == [f"{n:02d}/PXL" for n in range(1, 7)]


def test_cells_keep_their_kinds_formats_and_the_sheet_its_print_layout() -> None:
    book = load_workbook(io.BytesIO(workbook()))
    assert book.properties.title == "SỔ THEO DÕI PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"
    sheet = book["Sổ theo dõi"]
    first = {cell.column_letter: cell for cell in sheet[4]}
    assert (first["A"].value, first["A"].data_type) == (1, "n")
    assert first["E"].data_type == "s"  # the formula-like name stays text, never a formula
    assert sheet["E8"].value.startswith("=HYPERLINK") and sheet["E8"].data_type == "s"
    assert (first["C"].value, first["C"].number_format) == (dt.datetime(2025, 3, 3), "dd/mm/yyyy")
    assert (first["H"].value, first["H"].number_format) == (
        dt.datetime(2024, 12, 5, 16, 30),
        "dd/mm/yyyy hh:mm",
    )
    assert first["J"].value is None  # no reason given: a blank, bordered cell
    assert first["J"].border.left.style == "thin"
    assert first["E"].font.name == "Times New Roman" and first["E"].font.sz == 12
    assert first["E"].alignment.wrap_text and first["E"].alignment.vertical == "top"
    header = sheet["A3"]
    assert header.value == "STT" and header.font.b and header.alignment.horizontal == "center"
    assert sheet.freeze_panes == "A4"
    assert str(sheet.print_title_rows) == "$3:$3"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    # Tall enough for the longest text of the row, in whole pixels: two lines of 12 pt for
    # the header and for the batch file's name, three for the first applicant's long name.
    assert [sheet.row_dimensions[row].height for row in (3, 4, 5)] == [30.75, 46.5, 30.75]
