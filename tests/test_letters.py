"""Apology letters as the one-stop officer gets them: content, one per page, the register."""

from __future__ import annotations

import datetime as dt
import sqlite3
import unicodedata
import zipfile
from pathlib import Path

import pytest
from conftest import edit, run_cli, run_letters
from docx.enum.section import WD_ORIENT
from docxread import W, all_xml_text, office, open_doc, pdf_pages, soffice
from exports import HEADERS, header_row, row, write_xlsx
from lxml import etree
from openpyxl import load_workbook
from pypdf import PdfReader

from kehoach_docs.domain.dossiers import Moment
from kehoach_docs.domain.letters import (
    IssuedLetter,
    LetterDraft,
    batch_file_name,
    per_letter_names,
)
from kehoach_docs.workspace import REGISTER_FILE

AS_OF = "2024-02-20"


def three_dossiers(path: Path) -> Path:
    return write_xlsx(
        path,
        [
            row(
                "HS-001",
                "Nguyễn Văn An",
                due=dt.datetime(2024, 2, 7, 16, 30),
                received=dt.datetime(2024, 2, 5, 9, 0),
                finished=dt.datetime(2024, 2, 22, 10, 0),
                reason="Cần xác minh thêm tại thôn.",
                procedure="Đăng ký kết hôn",
            ),
            row("HS-002", "Trần Thị Bình", due="07/02/2024", received="01/02/2024"),
            row(
                "HS-003",
                "Lê Văn Cường",
                due=dt.datetime(2024, 2, 7, 16, 30),
                finished=dt.datetime(2024, 2, 6, 15, 0),
            ),
        ],
    )


def letters(workspace: Path, export: Path, out: Path, *extra: str) -> int:
    return run_letters(workspace, out, *extra, export=export, as_of=AS_OF)


def body(path: Path) -> list[str]:
    """Every non-empty paragraph in reading order, those in tables included."""
    doc = open_doc(path)
    texts = ("".join(t.text or "" for t in p.iter(f"{W}t")) for p in doc.element.body.iter(f"{W}p"))
    return [text for text in texts if text.strip()]


def header_cells(path: Path) -> list[str]:
    table = open_doc(path).tables[0]
    return ["\n".join(p.text for p in cell.paragraphs if p.text) for cell in table.rows[0].cells]


@pytest.fixture
def batch(workspace: Path, tmp_path: Path, capsys) -> tuple[Path, str]:
    export = three_dossiers(tmp_path / "xuat.xlsx")
    assert letters(workspace, export, tmp_path / "out") == 0
    return tmp_path / "out" / "phieu-xin-loi-2024-so-001-002.docx", capsys.readouterr().out


def test_each_field_in_its_place(batch: tuple[Path, str]) -> None:
    path, _ = batch
    left, right = header_cells(path)
    assert left == "ỦY BAN NHÂN DÂN\nXÃ HẢI YẾN\nSố: 01/PXL"
    assert right == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Hải Yến, ngày 20 tháng 02 năm 2024"
    )
    text = body(path)
    start = text.index("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ")
    first = text[start : text.index("TM. ỦY BAN NHÂN DÂN") + 2]
    assert first[0] == "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"
    assert first[1] == "Kính gửi: Ông/Bà Nguyễn Văn An"
    assert first[2] == (
        "Ngày 05 tháng 02 năm 2024, Ủy ban nhân dân xã Hải Yến tiếp nhận giải quyết hồ sơ "
        "Đăng ký kết hôn của Ông/Bà Nguyễn Văn An; mã số hồ sơ: HS-001."
    )
    assert first[3] == (
        "Thời gian hẹn trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, ngày 07 tháng 02 năm 2024."
    )
    assert first[5] == "Lý do: Cần xác minh thêm tại thôn."
    # Resolved on 22/02, after the letter's day: on 20/02 it was open, and the letter promises
    # three working days after it.
    assert first[6].endswith("vào ngày 23 tháng 02 năm 2024.")
    assert first[7] == "Mong nhận được sự thông cảm của Ông/Bà vì sự chậm trễ này./."
    assert first[-2:] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_open_dossier_gets_default_reason_and_working_day_date(batch: tuple[Path, str]) -> None:
    path, _ = batch
    text = body(path)
    second = text[text.index("TM. ỦY BAN NHÂN DÂN") + 2 :]
    assert "Kính gửi: Ông/Bà Trần Thị Bình" in second
    assert "Thời gian hẹn trả kết quả giải quyết hồ sơ: ngày 07 tháng 02 năm 2024." in second
    assert (
        "Lý do: Hồ sơ cần xác minh, bổ sung thêm thông tin nên chưa giải quyết xong "
        "đúng hạn." in second
    )
    # Three working days after 20/02/2024 (Tuesday): Friday 23/02.
    assert any(line.endswith("vào ngày 23 tháng 02 năm 2024.") for line in second)
    assert "HS-003" not in "\n".join(text)  # resolved on time: no letter


def test_summary_counts(batch: tuple[Path, str]) -> None:
    _, out = batch
    lines = out.splitlines()
    assert lines[0] == "Tính đến ngày 20/02/2024 (ngày đã chọn)."
    assert lines[1].startswith("Đã đọc 3 dòng hồ sơ")
    assert lines[2] == (
        "1. Phiếu xin lỗi (hồ sơ chưa có kết quả mà đã quá ngày hẹn trả): "
        "cấp mới 2 phiếu, số 01/PXL đến 02/PXL năm 2024."
    )
    assert lines[3] == "2. Hồ sơ đến hạn trả trong 1 ngày làm việc: không có."
    assert lines[4] == "3. Hồ sơ đã giải quyết trễ hạn mà chưa có phiếu: không có."
    assert (
        "Tóm tắt: đọc 3 dòng, cấp mới 2 phiếu, 0 hồ sơ sắp đến hạn, 0 hồ sơ trễ hạn chưa "
        "có phiếu, 0 hồ sơ đã có phiếu, bỏ qua 0 dòng, chuyển mã 0 ô."
    ) in out


def test_letter_page_format(batch: tuple[Path, str]) -> None:
    path, _ = batch
    section = open_doc(path).sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm, 1) for m in margins] == [20.0, 20.0, 30.0, 15.0]
    xml = all_xml_text(path, skip=("word/numbering.xml", "word/fontTable.xml"))
    assert {"Times New Roman"} == set(__import__("re").findall(r'w:ascii="([^"]+)"', xml))
    for leak in ("{{", "{%", "None"):
        assert leak not in xml


def page_breaks(path: Path) -> int:
    with zipfile.ZipFile(path) as zf:
        return zf.read("word/document.xml").decode().count('w:type="page"')


def test_one_letter_per_page(workspace: Path, tmp_path: Path) -> None:
    rows = [row(f"HS-{i:03d}", due=dt.datetime(2024, 2, 7, 16, 30)) for i in range(1, 8)]
    export = write_xlsx(tmp_path / "xuat.xlsx", rows)
    assert letters(workspace, export, tmp_path / "out") == 0
    path = tmp_path / "out" / "phieu-xin-loi-2024-so-001-007.docx"
    assert page_breaks(path) == 6
    pages = pdf_pages(path, tmp_path)
    assert len(pages) == 7
    for number, page in enumerate(pages, start=1):
        assert f"Số: {number:02d}/PXL" in page
        assert "PHIẾU XIN LỖI" in page


def test_second_run_issues_nothing_and_reissue_keeps_numbers(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    export = three_dossiers(tmp_path / "xuat.xlsx")
    out = tmp_path / "out"
    assert letters(workspace, export, out) == 0
    capsys.readouterr()
    assert letters(workspace, export, out) == 0
    said = capsys.readouterr().out
    assert "trả): không có phiếu mới." in said and "2 hồ sơ đã có phiếu từ trước" in said
    assert sorted(p.name for p in out.glob("*.docx")) == ["phieu-xin-loi-2024-so-001-002.docx"]
    assert letters(workspace, export, out, "--reissue") == 0
    again = out / "phieu-xin-loi-2024-so-001-002-in-lai.docx"
    assert header_cells(again)[0].endswith("Số: 01/PXL")
    # A new late dossier in a later export takes the next number.
    rows = [row("HS-001", due=dt.datetime(2024, 2, 7)), row("HS-004", due=dt.datetime(2024, 2, 9))]
    assert letters(workspace, write_xlsx(tmp_path / "sau.xlsx", rows), out) == 0
    assert header_cells(out / "phieu-xin-loi-2024-so-003.docx")[0].endswith("Số: 03/PXL")


def test_register_book_lists_every_letter(batch: tuple[Path, str]) -> None:
    path, _ = batch
    sheet = load_workbook(path.parent / "so-theo-doi-phieu-xin-loi.xlsx").active
    assert sheet["A1"].value == "SỔ THEO DÕI PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"
    assert [c.value for c in sheet[3]][:5] == [
        "STT",
        "Số phiếu",
        "Ngày phiếu",
        "Mã hồ sơ",
        "Chủ hồ sơ",
    ]
    assert [(r[1], r[3], r[4]) for r in sheet.iter_rows(min_row=4, values_only=True)] == [
        ("01/PXL", "HS-001", "Nguyễn Văn An"),
        ("02/PXL", "HS-002", "Trần Thị Bình"),
    ]


def _column_width(sheet, index: int) -> float:
    """The width a 1-based column has in the file (one <col> may span several)."""
    return next(d.width for d in sheet.column_dimensions.values() if d.min <= index <= d.max)


def test_register_book_day_contacts_and_date_widths(workspace: Path, tmp_path: Path) -> None:
    """What the officer delivering letters needs: the day each sheet speaks of, the address
    and phone beside the applicant, every date shown whole (never ####)."""
    D = dt.datetime
    due = D(2024, 2, 7, 16, 30)
    headers = [*HEADERS, "Địa chỉ", "Số điện thoại"]
    export = write_xlsx(
        tmp_path / "xuat.xlsx",
        [
            [*row("HS-001", "Nguyễn Văn An", due=due), "Thôn 3, xã Hải Yến", "+84912345678"],
            [*row("HS-002", "Trần Thị Bình", due=due), "", ""],
            [*row("HS-003", "Lê Văn Cường", due=D(2024, 2, 21, 16, 30)), "- Thôn 5", "0987654321"],
            [
                *row("HS-004", "Phạm Thị Dung", due=due, finished=D(2024, 2, 16, 9)),
                "Thôn 1",
                "0912000111",
            ],
        ],
        headers=headers,
    )
    assert letters(workspace, export, tmp_path / "out") == 0
    book = load_workbook(tmp_path / "out" / "so-theo-doi-phieu-xin-loi.xlsx")
    assert book.sheetnames == ["Sổ theo dõi", "Trễ hạn chưa có phiếu", "Sắp đến hạn"]
    for sheet in book:
        assert sheet["A2"].value.startswith("Tính đến ngày 20/02/2024.")
    register = book["Sổ theo dõi"]
    assert [c.value for c in register[3]][3:8] == [
        "Mã hồ sơ",
        "Chủ hồ sơ",
        "Địa chỉ",
        "Số điện thoại",
        "Thủ tục",
    ]
    assert [[c.value for c in r[3:7]] for r in register.iter_rows(min_row=4)] == [
        ["HS-001", "Nguyễn Văn An", "Thôn 3, xã Hải Yến", "+84912345678"],
        ["HS-002", "Trần Thị Bình", None, None],
    ]
    assert register["G4"].data_type == "s"  # "+84..." stays text, never a formula
    soon = book["Sắp đến hạn"]
    assert [c.value for c in soon[4]][1:5] == ["HS-003", "Lê Văn Cường", "- Thôn 5", "0987654321"]
    assert soon["D4"].data_type == "s"
    late = book["Trễ hạn chưa có phiếu"]
    assert [c.value for c in late[4]][1:5] == ["HS-004", "Phạm Thị Dung", "Thôn 1", "0912000111"]
    # Each date column is as wide as its format renders, in 12 pt Times New Roman (a digit
    # of it is 8/7 of the default font's, which column widths count in), and a margin.
    formats = set()
    for sheet in book:
        for cells in sheet.iter_rows(min_row=4):
            for cell in cells:
                if isinstance(cell.value, dt.datetime):
                    formats.add(cell.number_format)
                    shown = "%d/%m/%Y %H:%M" if "hh" in cell.number_format else "%d/%m/%Y"
                    rendered = cell.value.strftime(shown)
                    assert _column_width(sheet, cell.column) >= len(rendered) * 8 / 7 + 1, (
                        sheet.title,
                        cell.coordinate,
                        cell.number_format,
                    )
    assert formats == {"dd/mm/yyyy", "dd/mm/yyyy hh:mm"}
    # An export without those columns: no empty address and phone columns.
    assert letters(workspace, three_dossiers(tmp_path / "khac.xlsx"), tmp_path / "out2") == 0
    other = load_workbook(tmp_path / "out2" / "so-theo-doi-phieu-xin-loi.xlsx")["Sổ theo dõi"]
    assert "Địa chỉ" not in [c.value for c in other[3]]


def test_letter_documents_are_titled_by_their_numbers(workspace: Path, tmp_path: Path) -> None:
    """The title property (Word's properties, the file browser) says which letters a
    document holds; a reprint of some of them says how many."""
    from kehoach_docs.commands.letters import reprint

    rows = [row(f"HS-{i}", due=dt.datetime(2024, 2, 7)) for i in (1, 2, 3)]
    out = tmp_path / "out"
    assert letters(workspace, write_xlsx(tmp_path / "xuat.xlsx", rows), out, "--per-letter") == 0
    kind = "Phiếu xin lỗi và hẹn lại ngày trả kết quả"
    titles = {
        path.relative_to(out).as_posix(): open_doc(path).core_properties.title
        for path in sorted(out.rglob("*.docx"))
    }
    assert titles == {
        "phieu-xin-loi-2024-so-001-003.docx": f"{kind}: 3 phiếu, số 01/PXL đến 03/PXL năm 2024",
        "phieu-xin-loi-2024-so-001-003/001-HS-1.docx": f"{kind} số 01/PXL năm 2024",
        "phieu-xin-loi-2024-so-001-003/002-HS-2.docx": f"{kind} số 02/PXL năm 2024",
        "phieu-xin-loi-2024-so-001-003/003-HS-3.docx": f"{kind} số 03/PXL năm 2024",
    }
    reprint(workspace, out, ["HS-3", "HS-1"])
    # Named by its two numbers; its title says it holds 2 letters between them.
    again = open_doc(out / "phieu-xin-loi-2024-so-001-va-003-in-lai.docx")
    assert again.core_properties.title == f"{kind}: 2 phiếu, số 01/PXL đến 03/PXL năm 2024"


def test_xml_specials_and_control_characters(workspace: Path, tmp_path: Path, capsys) -> None:
    # Excel cannot hold the control character; a CSV export can.
    export = tmp_path / "xuat.csv"
    export.write_text(
        "Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Ngày tiếp nhận,Ngày hẹn trả\n"
        'HS-&1,Đăng ký khai sinh,"Công ty A & B <Hải Yến>\x0b",01/02/2024,07/02/2024\n',
        encoding="utf-8",
    )
    assert letters(workspace, export, tmp_path / "out") == 0
    assert "Đã bỏ 1 ký tự điều khiển không in được." in capsys.readouterr().out
    path = tmp_path / "out" / "phieu-xin-loi-2024-so-001.docx"
    with zipfile.ZipFile(path) as zf:
        etree.fromstring(zf.read("word/document.xml"))  # well-formed
    text = body(path)
    assert "Kính gửi: Công ty A & B <Hải Yến>" in text  # an organisation: no "Ông/Bà"
    assert any("mã số hồ sơ: HS-&1." in line for line in text)


@pytest.mark.parametrize(
    "headers",
    [
        [
            "STT",
            "MaHoSo",
            "TenTTHC",
            "ChuHoSo",
            "KenhThucHien",
            "NgayTiepNhan",
            "NgayHenTra",
            "NgayKetThucXuLy",
            "TrangThaiHoSo",
            "LyDo",
        ],
        [
            "TT",
            "Số hồ sơ",
            "Thủ tục",
            "Người nộp",
            "Kênh nộp",
            "Ngày nhận",
            "Hạn trả kết quả",
            "Ngày hoàn thành",
            "Tình trạng",
            "Lý do chậm trễ",
        ],
        [
            "Stt",
            "  MÃ SỐ HỒ SƠ ",
            "TÊN THỦ TỤC HÀNH CHÍNH",
            "HỌ TÊN NGƯỜI NỘP",
            "HÌNH THỨC NỘP",
            "NGAY TIEP NHAN",
            "NGÀY HẸN TRẢ KẾT QUẢ",
            "NGÀY KẾT THÚC XỬ LÝ",
            "TRẠNG THÁI",
            "LÝ DO TRỄ HẠN",
        ],
    ],
    ids=["portal-names", "province-words", "upper-and-no-marks"],
)
def test_header_variants(workspace: Path, tmp_path: Path, headers: list[str]) -> None:
    rows = [row("HS-001", due=dt.datetime(2024, 2, 7))]
    export = write_xlsx(tmp_path / "xuat.xlsx", rows, headers=headers, title_rows=4)
    assert letters(workspace, export, tmp_path / "out") == 0
    # Each column read under its own header: code, procedure, applicant, received, due.
    text = body(tmp_path / "out" / "phieu-xin-loi-2024-so-001.docx")
    assert "Kính gửi: Ông/Bà Nguyễn Văn An" in text
    assert (
        "Ngày 01 tháng 02 năm 2024, Ủy ban nhân dân xã Hải Yến tiếp nhận giải quyết hồ sơ "
        "Đăng ký khai sinh của Ông/Bà Nguyễn Văn An; mã số hồ sơ: HS-001."
    ) in text
    assert "Thời gian hẹn trả kết quả giải quyết hồ sơ: ngày 07 tháng 02 năm 2024." in text


def test_unit_maps_an_unusual_header(workspace: Path, tmp_path: Path, capsys) -> None:
    headers = ["STT", "Số biên nhận hồ sơ", *HEADERS[2:]]
    export = write_xlsx(
        tmp_path / "xuat.xlsx", [row("BN-7", due=dt.datetime(2024, 2, 7))], headers=headers
    )
    assert letters(workspace, export, tmp_path / "out") == 1
    assert "không tìm thấy hàng tiêu đề" in capsys.readouterr().err
    with (workspace / "don-vi.yaml").open("a", encoding="utf-8") as handle:
        handle.write("cot_du_lieu:\n  ma_ho_so: Số biên nhận hồ sơ\n")
    assert letters(workspace, export, tmp_path / "out") == 0
    assert any(
        "mã số hồ sơ: BN-7." in line
        for line in body(tmp_path / "out" / "phieu-xin-loi-2024-so-001.docx")
    )


@pytest.mark.parametrize(
    ("name", "expected_cells"),
    [
        ("NguyÔn V¨n Tr­êng", 2),  # TCVN3 (ABC)
        ("Nguyeãn Vaên Tröôøng", 2),  # VNI
        (unicodedata.normalize("NFD", "Nguyễn Văn Trường"), 2),  # decomposed Unicode
    ],
    ids=["tcvn3", "vni", "nfd"],
)
def test_old_encodings_are_converted(
    workspace: Path, tmp_path: Path, capsys, name: str, expected_cells: int
) -> None:
    procedure = {
        "NguyÔn V¨n Tr­êng": "§¨ng ký khai sinh",
        "Nguyeãn Vaên Tröôøng": "Ñaêng kyù khai sinh",
    }.get(name, unicodedata.normalize("NFD", "Đăng ký khai sinh"))
    rows = [row("HS-001", name, due=dt.datetime(2024, 2, 7), procedure=procedure)]
    export = write_xlsx(tmp_path / "xuat.xlsx", rows)
    assert letters(workspace, export, tmp_path / "out") == 0
    assert f"Đã chuyển {expected_cells} ô sang chữ Unicode chuẩn" in capsys.readouterr().out
    text = body(tmp_path / "out" / "phieu-xin-loi-2024-so-001.docx")
    assert "Kính gửi: Ông/Bà Nguyễn Văn Trường" in text
    assert any("hồ sơ Đăng ký khai sinh của" in line for line in text)


def test_csv_in_tcvn3_bytes(workspace: Path, tmp_path: Path) -> None:
    # A file saved from an old .VnTime spreadsheet: every byte is a TCVN3 letter.
    lines = [
        "M· hå s¬;Tªn thñ tôc;Chñ hå s¬;Ngµy tiÕp nhËn;Ngµy hÑn tr¶",
        "HS-9;Chøng thùc b¶n sao;Hoµng ThÞ Mai;01/02/2024 08:00;07/02/2024 16:30",
    ]
    export = tmp_path / "xuat.csv"
    export.write_bytes("\r\n".join(lines).encode("latin-1"))
    assert letters(workspace, export, tmp_path / "out") == 0
    text = body(tmp_path / "out" / "phieu-xin-loi-2024-so-001.docx")
    assert "Kính gửi: Ông/Bà Hoàng Thị Mai" in text


def test_safe_per_letter_file_names(workspace: Path, tmp_path: Path) -> None:
    rows = [row(code, due=dt.datetime(2024, 2, 7)) for code in ("../x", "a/b", "CON")]
    export = write_xlsx(tmp_path / "xuat.xlsx", rows)
    out = tmp_path / "out"
    assert letters(workspace, export, out, "--per-letter") == 0
    folder = out / "phieu-xin-loi-2024-so-001-003"
    assert sorted(p.name for p in folder.iterdir()) == [
        "001-x.docx",
        "002-a_b.docx",
        "003-_CON.docx",
    ]
    assert not (tmp_path / "x.docx").exists()
    assert header_cells(folder / "002-a_b.docx")[0].endswith("Số: 02/PXL")


def _issued(year: int, number: int, code: str) -> IssuedLetter:
    due = Moment(dt.datetime(year, 1, 3))
    draft = LetterDraft(
        code, "Nguyễn Văn An", "Đăng ký khai sinh", None, due, "", dt.date(year, 1, 10), 2
    )
    return IssuedLetter(year, number, dt.date(year, 1, 8), draft, "")


def test_per_letter_names_are_unique_across_years_and_letter_case() -> None:
    one_year = [_issued(2024, 1, "HS-Đ1"), _issued(2024, 2, "HS-D1")]
    assert per_letter_names(one_year) == ["001-HS-D1.docx", "002-HS-D1.docx"]
    # A reprint across years: letter 1 of 2024 and letter 1 of 2025, both «HS-D1» once safe.
    two_years = [_issued(2024, 1, "HS-Đ1"), _issued(2025, 1, "HS-D1")]
    assert per_letter_names(two_years) == ["2024-001-HS-D1.docx", "2025-001-HS-D1.docx"]
    # Only a register edited by hand can give one number twice: Windows sees one file
    # in «001-hs-1» and «001-HS-1», so the second one gets a suffix.
    twice = [_issued(2024, 1, "hs-1"), _issued(2024, 1, "HS-1"), _issued(2024, 1, "HS-1-2")]
    assert per_letter_names(twice) == ["001-hs-1.docx", "001-HS-1-2.docx", "001-HS-1-2-2.docx"]


@pytest.mark.parametrize(
    ("numbers", "reprint", "ends", "name"),
    [
        # Numbers that follow on: the names the command line has always given.
        ([(2024, 1), (2024, 2), (2024, 3)], False, {2024: 3}, "phieu-xin-loi-2024-so-001-003.docx"),
        ([(2024, 4)], False, {2024: 4}, "phieu-xin-loi-2024-so-004.docx"),
        (
            [(2024, 16), (2024, 17), (2025, 1), (2025, 2)],
            False,
            {2024: 17, 2025: 2},
            "phieu-xin-loi-2024-so-016-den-2025-002.docx",
        ),
        # Numbers with a gap are each named: 01 and 05 never read as 01 to 05.
        ([(2024, 1), (2024, 5)], True, {2024: 9}, "phieu-xin-loi-2024-so-001-va-005-in-lai.docx"),
        (
            [(2024, 1), (2024, 2), (2024, 7)],
            True,
            {2024: 9},
            "phieu-xin-loi-2024-so-001-002-va-007-in-lai.docx",
        ),
        # 2024 went on past letter 1: its letter 1 and 2025's are not a range.
        (
            [(2024, 1), (2025, 1)],
            True,
            {2024: 16, 2025: 1},
            "phieu-xin-loi-2024-so-001-va-2025-so-001-in-lai.docx",
        ),
        # Past four runs the rest are counted.
        (
            [(2024, n) for n in (1, 3, 5, 7, 9, 10)],
            True,
            {2024: 10},
            "phieu-xin-loi-2024-so-001-va-003-va-005-va-007-va-2-phieu-khac-in-lai.docx",
        ),
    ],
)
def test_batch_file_names_say_which_numbers_they_hold(
    numbers: list[tuple[int, int]], reprint: bool, ends: dict[int, int], name: str
) -> None:
    assert batch_file_name(numbers, reprint, ends) == name


def document_text(path: Path) -> str:
    """The words of a document's body, as Word shows them (runs joined)."""
    with zipfile.ZipFile(path) as zf:
        xml = etree.fromstring(zf.read("word/document.xml"))
    return "".join(t.text or "" for t in xml.iter(f"{W}t"))


def test_per_letter_files_of_two_years_keep_each_letter(workspace: Path, tmp_path: Path) -> None:
    """Letter 1 of 2024 (HS-Đ1) reprinted with the new letter 1 of 2025 (HS-D1): both codes
    are «HS-D1» in a file name, and each letter keeps a file of its own."""
    out = tmp_path / "out"
    first = [row("HS-Đ1", "Trần Thị Đào", due=dt.datetime(2024, 2, 7))]
    assert letters(workspace, write_xlsx(tmp_path / "2024.xlsx", first), out) == 0
    later = [
        *first,
        row("HS-D1", "Lê Văn Dũng", received=dt.datetime(2025, 1, 2), due=dt.datetime(2025, 1, 6)),
    ]
    assert (
        run_cli(
            "letters",
            str(write_xlsx(tmp_path / "2025.xlsx", later)),
            "--data",
            str(workspace),
            "--out",
            str(out),
            "--as-of",
            "2025-01-10",
            "--reissue",
            "--per-letter",
        )
        == 0
    )
    folder = out / "phieu-xin-loi-2024-so-001-den-2025-001-in-lai"
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["2024-001-HS-D1.docx", "2025-001-HS-D1.docx"]
    old, new = document_text(folder / files[0]), document_text(folder / files[1])
    assert "Số: 01/PXL" in old and "Số: 01/PXL" in new
    assert "ngày 20 tháng 02 năm 2024" in old and "mã số hồ sơ: HS-Đ1." in old
    assert "ngày 10 tháng 01 năm 2025" in new and "mã số hồ sơ: HS-D1." in new
    assert "Lê Văn Dũng" not in old and "Trần Thị Đào" not in new


def error_lines(capsys) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if ": lỗi: " in line]


def test_bad_rows_named_by_sheet_row_and_column(workspace: Path, tmp_path: Path, capsys) -> None:
    valid = dt.datetime(2024, 2, 7)
    rows = [
        row("HS-1", due=valid),
        row("HS-2", due="31/02/2024"),
        row("", due=valid),
        row("HS-4", due="hôm qua"),
        row("HS-5", due=valid, channel="Fax"),
        row("HS-1", due=valid),
    ]
    export = write_xlsx(tmp_path / "xuat.xlsx", rows)
    out = tmp_path / "out"
    assert letters(workspace, export, out) == 1
    first = header_row() + 1
    place = f"{export}, trang «Hồ sơ», dòng"
    assert error_lines(capsys) == [
        f"{place} {first + 1}, cột «Ngày hẹn trả»: lỗi: ngày không có thật (31/02/2024)",
        f"{place} {first + 2}, cột «Mã hồ sơ»: lỗi: ô này bỏ trống",
        f"{place} {first + 3}, cột «Ngày hẹn trả»: lỗi: không đọc được ngày «hôm qua»; hãy ghi "
        "theo dạng dd/mm/yyyy, dd/mm/yyyy hh:mm, yyyy-mm-dd hoặc yyyyMMddHHmmss",
        f"{place} {first + 4}, cột «Hình thức nộp»: lỗi: kênh «Fax» không rõ; dùng 1 (trực "
        "tiếp), 2 (trực tuyến) hoặc 3 (bưu chính)",
        f"{place} {first + 5}, cột «Mã hồ sơ»: lỗi: mã hồ sơ trùng với dòng {first}",
    ]
    assert not out.exists()
    assert not (workspace / REGISTER_FILE).exists()


def test_skip_bad_rows_lists_each_skipped_row(workspace: Path, tmp_path: Path, capsys) -> None:
    rows = [row("HS-1", due="31/02/2024"), row("HS-2", due=dt.datetime(2024, 2, 7))]
    export = write_xlsx(tmp_path / "xuat.xlsx", rows)
    assert letters(workspace, export, tmp_path / "out", "--skip-bad-rows") == 0
    out = capsys.readouterr().out
    assert "Bỏ qua 1 dòng có lỗi:" in out
    assert f"  dòng {header_row() + 1}: Ngày hẹn trả: ngày không có thật (31/02/2024)" in out
    assert "cấp mới 1 phiếu" in out


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_excel_error_value_in_a_used_column(
    workspace: Path, tmp_path: Path, capsys, suffix: str
) -> None:
    # "#N/A" as the result date: read as an empty cell, the dossier would look open and get
    # a letter. openpyxl writes it as an error cell (t="e"); LibreOffice keeps it as one.
    rows = [
        row("HS-1", due=dt.datetime(2024, 2, 7), finished="#N/A"),
        row("HS-2", due=dt.datetime(2024, 2, 7)),
    ]
    export = write_xlsx(tmp_path / "xuat.xlsx", rows)
    if suffix == ".ods":
        office("--convert-to", "ods", "--outdir", str(tmp_path), str(export), calc=True)
        export = tmp_path / "xuat.ods"
    out = tmp_path / "out"
    assert letters(workspace, export, out) == 1
    assert error_lines(capsys) == [
        f"{export}, trang «Hồ sơ», dòng {header_row() + 1}, cột «Ngày có kết quả»: lỗi: ô có "
        "giá trị lỗi của Excel «#N/A»"
    ]
    assert not out.exists()
    assert letters(workspace, export, out, "--skip-bad-rows") == 0
    said = capsys.readouterr().out
    assert f"  dòng {header_row() + 1}: Ngày có kết quả: ô có giá trị lỗi của Excel «#N/A»" in said
    assert "cấp mới 1 phiếu, số 01/PXL năm 2024." in said
    assert "HS-2" in "\n".join(body(out / "phieu-xin-loi-2024-so-001.docx"))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda p: write_xlsx(p / "x.xlsx", [row("A")], headers=["A", "B", "C"]),
            "không tìm thấy hàng tiêu đề",
        ),
        (
            lambda p: (p / "x.pdf").write_bytes(b"%PDF") and p / "x.pdf",
            "x.pdf: lỗi: chỉ đọc được tệp Excel (.xlsx, .xlsm, .xls, .xlsb), LibreOffice (.ods), "
            ".csv hoặc .txt «Unicode Text» của Excel",
        ),
        (
            lambda p: (p / "x.xlsx").write_bytes(b"not a zip") and p / "x.xlsx",
            "x.xlsx: lỗi: tệp hỏng: gói zip không đọc được (không phải tệp zip)",
        ),
        (
            lambda p: write_xlsx(
                p / "x.xlsx",
                [row("A")],
                headers=["STT", "Mã hồ sơ", "Thủ tục", "Chủ hồ sơ", "Kênh", "", "Hạn xử lý"],
            ),
            "cột «Ngày tiếp nhận»: lỗi: thiếu cột này",
        ),
    ],
    ids=["no-header", "not-a-spreadsheet", "damaged", "missing-column"],
)
def test_unreadable_exports(workspace: Path, tmp_path: Path, capsys, make, message) -> None:
    export = make(tmp_path)
    assert letters(workspace, export, tmp_path / "out") == 1
    assert message in capsys.readouterr().err


def test_status_disagreeing_with_dates_is_a_warning(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    rows = [
        row(
            "HS-1", due=dt.datetime(2024, 2, 7), finished=dt.datetime(2024, 2, 9), status="Đúng hạn"
        )
    ]
    export = write_xlsx(tmp_path / "xuat.xlsx", rows)
    assert letters(workspace, export, tmp_path / "out") == 0
    err = capsys.readouterr().err
    assert (
        f"{export}, trang «Hồ sơ», dòng {header_row() + 1}, cột «Trạng thái»: cảnh báo: "
        "trạng thái «Đúng hạn» nói đúng hạn nhưng theo ngày tháng thì đã trễ"
    ) in err


def test_units_extra_day_off_moves_the_new_date(workspace: Path, tmp_path: Path) -> None:
    edit(
        workspace / "don-vi.yaml",
        "  ngay_nghi_them: []",
        "  ngay_nghi_them:\n    - 21/02/2024",
    )
    export = write_xlsx(tmp_path / "xuat.xlsx", [row("HS-1", due=dt.datetime(2024, 2, 7))])
    assert letters(workspace, export, tmp_path / "out") == 0
    text = body(tmp_path / "out" / "phieu-xin-loi-2024-so-001.docx")
    assert any(line.endswith("vào ngày 26 tháng 02 năm 2024.") for line in text)


def test_register_without_its_table_is_an_empty_register(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    # What a run killed between SQLite making the file and making the table leaves.
    (workspace / REGISTER_FILE).touch()
    export = three_dossiers(tmp_path / "xuat.xlsx")
    assert letters(workspace, export, tmp_path / "out", "--preview") == 0
    said = capsys.readouterr().out
    assert "sẽ cấp 2 phiếu, số 01/PXL đến 02/PXL năm 2024." in said
    assert letters(workspace, export, tmp_path / "out") == 0
    assert "cấp mới 2 phiếu, số 01/PXL đến 02/PXL năm 2024." in capsys.readouterr().out
    document = tmp_path / "out" / "phieu-xin-loi-2024-so-001-002.docx"
    assert header_cells(document)[0].endswith("Số: 01/PXL")


def test_register_refuses_a_duplicate_number(workspace: Path, tmp_path: Path) -> None:
    export = three_dossiers(tmp_path / "xuat.xlsx")
    assert letters(workspace, export, tmp_path / "out") == 0
    db = sqlite3.connect(workspace / REGISTER_FILE)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE letters SET number = 1 WHERE number = 2")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO letters SELECT year, 99, dossier_code, applicant, procedure, "
            "received, due, due_has_time, letter_date, reason, new_date, days_late, "
            "made_at, output_file, printed FROM letters WHERE number = 1"
        )


def test_pdf_has_one_page_per_letter(workspace: Path, tmp_path: Path, capsys) -> None:
    soffice(writer=True)  # CI requires LibreOffice; elsewhere the test is skipped without it
    rows = [row(f"HS-{i:03d}", due=dt.datetime(2024, 2, 7)) for i in range(1, 6)]
    export = write_xlsx(tmp_path / "xuat.xlsx", rows)
    assert letters(workspace, export, tmp_path / "out", "--pdf") == 0
    assert "Đã ghi: " + str(tmp_path / "out" / "phieu-xin-loi-2024-so-001-005.pdf") in (
        capsys.readouterr().out
    )
    reader = PdfReader(str(tmp_path / "out" / "phieu-xin-loi-2024-so-001-005.pdf"))
    assert len(reader.pages) == 5
    assert reader.metadata.title == (
        "Phiếu xin lỗi và hẹn lại ngày trả kết quả: 5 phiếu, số 01/PXL đến 05/PXL năm 2024"
    )
    # In Vietnamese, and shown by its title (what a screen reader announces), not its name.
    assert reader.root_object["/Lang"] == "vi-VN"
    assert reader.root_object["/ViewerPreferences"]["/DisplayDocTitle"]
    assert [
        f"Số: {n:02d}/PXL" in page.extract_text() for n, page in enumerate(reader.pages, start=1)
    ] == [True] * 5


def test_pdf_without_libreoffice_says_what_to_install(
    workspace: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kehoach_docs.outputs.pdf.shutil.which", lambda name: None)
    export = write_xlsx(tmp_path / "xuat.xlsx", [row("HS-1", due=dt.datetime(2024, 2, 7))])
    assert letters(workspace, export, tmp_path / "out", "--pdf") == 1
    captured = capsys.readouterr()
    assert "Không tìm thấy LibreOffice (lệnh soffice)" in captured.err
    assert "apt-get install -y libreoffice-writer" in captured.err
    assert "cấp mới 1 phiếu" in captured.out  # the letters themselves are made
    assert (tmp_path / "out" / "phieu-xin-loi-2024-so-001.docx").is_file()


def test_the_desks_own_header_takes_its_place_from_the_upper_body(
    workspace: Path, tmp_path: Path
) -> None:
    """The one-stop desk as the issuing body (domain: «BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ» under
    its commune): the place before the date is the commune's, from the upper body, never
    «Bộ phận Tiếp nhận và Trả kết quả, ngày …»."""
    edit(
        workspace / "don-vi.yaml",
        "co_quan_chu_quan:\n\n",
        "co_quan_chu_quan:\n  - Ủy ban nhân dân xã Công Sơn\n\n",
    )
    edit(
        workspace / "don-vi.yaml",
        "co_quan_ban_hanh:\n  - Ủy ban nhân dân\n  - Xã Hải Yến\n",
        "co_quan_ban_hanh:\n  - Bộ phận Tiếp nhận và Trả kết quả\n",
    )
    assert letters(workspace, three_dossiers(tmp_path / "xuat.xlsx"), tmp_path / "out") == 0
    left, right = header_cells(tmp_path / "out" / "phieu-xin-loi-2024-so-001-002.docx")
    assert left == "ỦY BAN NHÂN DÂN XÃ CÔNG SƠN\nBỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ\nSố: 01/PXL"
    assert right.endswith("\nCông Sơn, ngày 20 tháng 02 năm 2024")
