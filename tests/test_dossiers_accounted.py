"""Every dossier of the one-stop exports accounted for (issue 17, parts 4 to 6): every sheet
with a header read, every file of the exports folder read or named with why not, impossible
dates refused with their place, invisible characters kept out of the letters."""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
from pathlib import Path

import pytest
from conftest import EXPORT, run_cli, run_letters
from docxread import W, open_doc
from exports import row, write_sheets, write_xlsx
from openpyxl import load_workbook

from kehoach_docs.domain.dates import DateValueError, parse_date_value
from kehoach_docs.inputs import export as export_reader
from kehoach_docs.workspace import REGISTER_FILE

AS_OF = "2024-12-31"
INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
TXT_HEAD = "Mã hồ sơ\tTên thủ tục\tChủ hồ sơ\tNgày tiếp nhận\tNgày hẹn trả\r\n"


def late(code: str, applicant: str, **changes: object) -> list[object]:
    """A dossier of November 2024, still open and late on 31/12/2024."""
    fields: dict[str, object] = {
        "received": dt.datetime(2024, 11, 4, 8, 0),
        "due": dt.datetime(2024, 11, 20, 16, 30),
    }
    return row(code, applicant, **{**fields, **changes})  # type: ignore[arg-type]


def letters(workspace: Path, export: Path | None, out: Path, *extra: str) -> int:
    return run_letters(workspace, out, *extra, export=export, as_of=AS_OF)


def letter_text(out: Path) -> str:
    """The batch document's every paragraph, those in tables included."""
    (document,) = out.glob("phieu-xin-loi-*.docx")
    body = open_doc(document).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p"))


def register_rows(out: Path) -> list[tuple[str, str]]:
    """(dossier code, applicant) of each letter in the register's workbook."""
    sheet = load_workbook(out / "so-theo-doi-phieu-xin-loi.xlsx", read_only=True).active
    return [(r[3], r[4]) for r in sheet.iter_rows(min_row=4, values_only=True) if r[0]]


def lines_with(text: str, marker: str) -> list[str]:
    return [line for line in text.splitlines() if marker in line]


def only_exports(workspace: Path) -> Path:
    """The workspace's exports folder, emptied of the example's export."""
    (workspace / EXPORT).unlink()
    return workspace / "ho-so-mot-cua"


# ------------------------------------------------------------------ every sheet is read


def test_every_sheet_with_a_header_is_read(workspace: Path, tmp_path: Path, capsys) -> None:
    export = write_sheets(
        tmp_path / "xuat.xlsx",
        {
            "Ghi chú": None,  # no header, no dossier: passed over in silence
            "Tháng 11": [late("HS-11-1", "Lò Văn Pả"), late("HS-11-2", "Hà Thị Mai")],
            # November's open dossier again, unchanged: it counts once.
            "Tháng 12": [
                late(
                    "HS-12-1",
                    "Vì Văn Tính",
                    received=dt.datetime(2024, 12, 2),
                    due=dt.datetime(2024, 12, 5),
                ),
                late("HS-11-2", "Hà Thị Mai"),
            ],
        },
    )
    out = tmp_path / "out"
    assert letters(workspace, export, out) == 0
    captured = capsys.readouterr()
    said = captured.out.splitlines()
    assert said[1] == f"Đã đọc 4 dòng hồ sơ của {export}."
    assert said[2] == f"Đã đọc 2 trang của {export}: «Tháng 11» (2 dòng), «Tháng 12» (2 dòng)."
    assert said[3] == (
        "1. Phiếu xin lỗi (hồ sơ chưa có kết quả mà đã quá ngày hẹn trả): cấp "
        "mới 3 phiếu, số 01/PXL đến 03/PXL năm 2024."
    )
    assert "cảnh báo" not in captured.err
    assert register_rows(out) == [
        ("HS-11-1", "Lò Văn Pả"),
        ("HS-11-2", "Hà Thị Mai"),
        ("HS-12-1", "Vì Văn Tính"),
    ]
    text = letter_text(out)
    for applicant in ("Lò Văn Pả", "Hà Thị Mai", "Vì Văn Tính"):
        assert applicant in text


def test_a_bad_row_is_placed_on_its_sheet(workspace: Path, tmp_path: Path, capsys) -> None:
    export = write_sheets(
        tmp_path / "xuat.xlsx",
        {
            "Tháng 11": [late("HS-11-1", "Lò Văn Pả")],
            "Tháng 12": [
                late("HS-12-1", "Vì Văn Tính"),
                late("HS-12-2", "Sầm Thị Nga", due="31/11/2024"),
            ],
        },
    )
    out = tmp_path / "out"
    assert letters(workspace, export, out) == 1
    assert lines_with(capsys.readouterr().err, ": lỗi: ") == [
        f"{export}, trang «Tháng 12», dòng 5, cột «Ngày hẹn trả»: lỗi: ngày không có thật "
        "(31/11/2024)"
    ]
    assert not out.exists()
    assert not (workspace / REGISTER_FILE).exists()
    assert letters(workspace, export, out, "--skip-bad-rows") == 0
    said = capsys.readouterr().out.splitlines()
    assert "  trang «Tháng 12», dòng 5: Ngày hẹn trả: ngày không có thật (31/11/2024)" in said
    assert register_rows(out) == [("HS-11-1", "Lò Văn Pả"), ("HS-12-1", "Vì Văn Tính")]


def test_one_code_on_two_sheets_with_different_data(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    export = write_sheets(
        tmp_path / "xuat.xlsx",
        {
            "Tháng 11": [late("HS-11-1", "Lò Văn Pả")],
            "Tháng 12": [late("HS-11-1", "Lò Văn Pá")],
        },
    )
    out = tmp_path / "out"
    assert letters(workspace, export, out) == 1
    assert lines_with(capsys.readouterr().err, ": lỗi: ") == [
        f"{export}, trang «Tháng 12», dòng 4, cột «mã hồ sơ»: lỗi: hồ sơ «HS-11-1» cũng có "
        f"trong {export}, trang «Tháng 11», dòng 4 nhưng khác ở: chủ hồ sơ; hãy giữ một bản "
        "(xóa tệp cũ hơn hoặc dòng cũ)"
    ]
    assert not out.exists()


def test_a_sheet_of_dossiers_without_its_header_is_said(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    export = write_sheets(
        tmp_path / "xuat.xlsx", {"Tháng 11": [late("HS-11-1", "Lò Văn Pả")], "Ghi chú": None}
    )
    book = load_workbook(export)
    pasted = book.create_sheet("Chép tay")
    pasted.append(["Danh sách chép từ sổ"])
    pasted.append(
        [
            "",
            "HS-12-9",
            "Khai sinh",
            "Lường Văn Ón",
            "Trực tiếp",
            dt.datetime(2024, 12, 2),
            "05/12/2024",
        ]
    )
    book.save(export)
    out = tmp_path / "out"
    assert letters(workspace, export, out) == 0
    captured = capsys.readouterr()
    assert lines_with(captured.err, "cảnh báo") == [
        f"{export}, trang «Chép tay», dòng 2: cảnh báo: dòng này giống một hồ sơ (có ngày "
        "tháng) nhưng trang không có hàng tiêu đề trong 30 dòng đầu nên cả trang không được "
        "đọc; nếu trang có hồ sơ, thêm hàng tiêu đề như ở trang đã đọc"
    ]
    assert "cấp mới 1 phiếu, số 01/PXL năm 2024." in captured.out


# ------------------------------------------------------- every file of the folder, said


def _unicode_text(path: Path, rows: str) -> Path:
    path.write_bytes(codecs.BOM_UTF16_LE + (TXT_HEAD + rows).encode("utf-16-le"))
    return path


def test_excel_unicode_text_is_read(workspace: Path, tmp_path: Path, capsys) -> None:
    folder = only_exports(workspace)
    _unicode_text(
        folder / "thang-11.txt",
        "HS-T1\tĐăng ký khai sinh\tNông Thị Ánh\t04/11/2024\t20/11/2024\r\n",
    )
    out = tmp_path / "out"
    assert letters(workspace, None, out) == 0
    captured = capsys.readouterr()
    assert f"Đã đọc 1 dòng hồ sơ của {folder / 'thang-11.txt'}." in captured.out
    assert "cấp mới 1 phiếu, số 01/PXL năm 2024." in captured.out
    assert "cảnh báo" not in captured.err
    assert register_rows(out) == [("HS-T1", "Nông Thị Ánh")]
    assert "Nông Thị Ánh" in letter_text(out)


def test_other_text_named_as_the_export_is_refused(workspace: Path, tmp_path: Path, capsys) -> None:
    export = tmp_path / "xuat.txt"
    export.write_text(TXT_HEAD + "HS-T1\tKhai sinh\tNông Thị Ánh\t04/11/2024\t20/11/2024\n")
    out = tmp_path / "out"
    assert letters(workspace, export, out) == 1
    assert lines_with(capsys.readouterr().err, ": lỗi: ") == [
        f"{export}: lỗi: tệp .txt không phải «Unicode Text» của Excel (UTF-16, cách bằng Tab); "
        "nếu là tệp CSV, đổi đuôi .txt thành .csv"
    ]
    assert not out.exists()


def _cluttered(folder: Path) -> None:
    """What an officer's exports folder may hold besides exports."""
    (folder / "bao-cao.pdf").write_bytes(b"%PDF-1.4")
    (folder / "thang-truoc").mkdir()
    write_xlsx(folder / "thang-truoc" / "thang-10.xlsx", [late("HS-10-1", "Lò Văn Pả")])
    (folder / "thang-9.xlsx").symlink_to(folder / "da-xoa.xlsx")
    os.mkfifo(folder / "dang-chep.csv")
    (folder / "ghi-chu.txt").write_text("Tháng 11 có 2 hồ sơ trễ.", encoding="utf-8")
    (folder / "~$thang-11.xlsm").write_bytes(b"lock")


def _unread_lines(folder: Path) -> list[str]:
    return [
        f"{folder}/bao-cao.pdf: cảnh báo: không đọc: không phải tệp bảng tính (chỉ đọc .xlsx, "
        ".xlsm, .xls, .xlsb, .ods, .csv, .txt «Unicode Text» của Excel)",
        f"{folder}/dang-chep.csv: cảnh báo: không đọc: là một đường ống (FIFO), không phải tệp",
        f"{folder}/ghi-chu.txt: cảnh báo: không đọc: tệp .txt không phải «Unicode Text» của "
        "Excel (UTF-16, cách bằng Tab); nếu là tệp CSV, đổi đuôi .txt thành .csv",
        f"{folder}/thang-9.xlsx: cảnh báo: không đọc: liên kết hỏng: trỏ tới "
        f"{folder}/da-xoa.xlsx, nơi không có tệp nào",
        f"{folder}/thang-truoc: cảnh báo: không đọc: là một thư mục; các lệnh không đọc thư mục "
        "con, hãy chép tệp hồ sơ ra thẳng ho-so-mot-cua/",
        f"{folder}/~$thang-11.xlsm: cảnh báo: không đọc: tệp khóa tạm của Excel hoặc "
        "LibreOffice: có tệp hồ sơ đang mở (hoặc đã đóng đột ngột); hãy lưu và đóng tệp đó "
        "trước khi chạy",
    ]


def test_files_not_read_are_listed_by_letters_and_validate(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    folder = only_exports(workspace)
    # A macro-enabled workbook is read for its cells.
    write_xlsx(folder / "thang-11.xlsm", [late("HS-11-1", "Lò Văn Pả")])
    _cluttered(folder)
    out = tmp_path / "out"
    assert letters(workspace, None, out) == 0
    captured = capsys.readouterr()
    assert lines_with(captured.err, "cảnh báo") == _unread_lines(folder)
    assert f"Đã đọc 1 dòng hồ sơ của {folder / 'thang-11.xlsm'}." in captured.out
    assert register_rows(out) == [("HS-11-1", "Lò Văn Pả")]
    assert run_cli("validate", "--data", str(workspace), "--out", str(out)) == 0
    assert lines_with(capsys.readouterr().err, ": không đọc: ") == _unread_lines(folder)


def test_a_folder_with_nothing_to_read_says_what_it_holds(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    folder = only_exports(workspace)
    _cluttered(folder)
    out = tmp_path / "out"
    assert letters(workspace, None, out) == 1
    said = capsys.readouterr().err.splitlines()
    assert said == [
        f"{folder}: lỗi: chưa có tệp hồ sơ một cửa: chép tệp xuất từ phần mềm một cửa (.xlsx, "
        ".xls, .xlsb, .ods, .csv) vào thư mục này, hoặc ghi tên tệp sau lệnh",
        *_unread_lines(folder),
        "Không ghi văn bản nào vì dữ liệu có lỗi: 1 lỗi, 6 cảnh báo.",
    ]
    assert not out.exists()
    # The report says it too, beside its own warning that it has no figures (its draft made).
    assert (
        run_cli(
            "report",
            "--quarter",
            "4",
            "--du-thao",
            "--data",
            str(workspace),
            "--out",
            str(out),
            "--as-of",
            AS_OF,
        )
        == 0
    )
    assert lines_with(capsys.readouterr().err, ": không đọc: ") == _unread_lines(folder)


# ------------------------------------------------------------------------- dates sane


def test_dates_before_2000_and_impossible_times_are_bad_rows(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    export = write_xlsx(
        tmp_path / "xuat.xlsx",
        [
            late("HS-1", "Lò Văn Pả", received="01/01/0001", due="03/01/0001"),
            late("HS-2", "Hà Thị Mai", received="01/11/2024 25:00"),
            late("HS-3", "Vì Văn Tính", due="20/11/2024 24:30"),
            late("HS-4", "Sầm Thị Nga", received=dt.datetime(1999, 12, 31)),
        ],
    )
    out = tmp_path / "out"
    assert letters(workspace, export, out) == 1
    place = f"{export}, trang «Hồ sơ», dòng"
    assert lines_with(capsys.readouterr().err, ": lỗi: ") == [
        f"{place} 4, cột «Ngày tiếp nhận»: lỗi: ngày 01/01/0001 trước năm 2000: không thể là "
        "ngày của hồ sơ một cửa (gõ nhầm năm?)",
        f"{place} 4, cột «Ngày hẹn trả»: lỗi: ngày 03/01/0001 trước năm 2000: không thể là "
        "ngày của hồ sơ một cửa (gõ nhầm năm?)",
        f"{place} 5, cột «Ngày tiếp nhận»: lỗi: giờ không có thật (25:00 ngày 01/11/2024); giờ "
        "phải từ 00:00 đến 23:59",
        f"{place} 6, cột «Ngày hẹn trả»: lỗi: giờ không có thật (24:30 ngày 20/11/2024); giờ "
        "phải từ 00:00 đến 23:59",
        f"{place} 7, cột «Ngày tiếp nhận»: lỗi: ngày 31/12/1999 trước năm 2000: không thể là "
        "ngày của hồ sơ một cửa (gõ nhầm năm?)",
    ]
    assert not out.exists()
    assert not (workspace / REGISTER_FILE).exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("01/11/2024 25:00", "giờ không có thật (25:00 ngày 01/11/2024)"),
        ("01/11/2024 10:60", "giờ không có thật (10:60 ngày 01/11/2024)"),
        ("2024-11-01 10:00:75", "giờ không có thật (10:00:75 ngày 01/11/2024)"),
        ("20241101246000", "giờ không có thật (24:60:00 ngày 01/11/2024)"),
        ("31/11/2024 10:00", "ngày không có thật (31/11/2024)"),
    ],
)
def test_impossible_times_are_told_from_impossible_days(text: str, message: str) -> None:
    with pytest.raises(DateValueError) as raised:
        parse_date_value(text)
    assert str(raised.value).startswith(message)


def test_as_of_long_after_every_dossier_needs_force(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    export = write_xlsx(tmp_path / "xuat.xlsx", [late("HS-1", "Lò Văn Pả")])
    out = tmp_path / "out"
    argv = [
        "letters",
        str(export),
        "--data",
        str(workspace),
        "--out",
        str(out),
        "--as-of",
        "2100-12-31",
    ]
    assert run_cli(*argv) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{export}: lỗi: ngày đã chọn (--as-of 31/12/2100) sau ngày mới nhất của hồ sơ trong "
        "tệp (20/11/2024) hơn một năm: phiếu sẽ đề ngày 31/12/2100 và hồ sơ chưa có kết quả bị "
        "tính trễ đến ngày đó. Kiểm tra lại ngày; nếu đúng là ngày đó, chạy lại với --force",
        "Không ghi văn bản nào vì dữ liệu có lỗi: 1 lỗi, 0 cảnh báo.",
    ]
    assert not out.exists()
    assert not (workspace / REGISTER_FILE).exists()
    # Within a year of the newest date: no question asked.
    assert run_cli(*argv[:-1], "2025-11-20", "--preview") == 0
    assert "sẽ cấp 1 phiếu, số 01/PXL năm 2025." in capsys.readouterr().out
    # Confirmed: the officer meant it.
    assert run_cli(*argv, "--force") == 0
    assert "cấp mới 1 phiếu, số 01/PXL năm 2100." in capsys.readouterr().out


# ----------------------------------------------------------------- invisible characters


def test_invisible_characters_never_reach_a_letter(workspace: Path, tmp_path: Path, capsys) -> None:
    export = write_xlsx(
        tmp_path / "xuat.xlsx",
        [
            # U+202E would show the name reversed in Word; zero-width characters split words.
            late("HS-\u200b001", "\u202eLò Văn\u200d Pả\u202c", reason="Chờ\u2060 xác minh\ufeff."),
            late(
                "HS-002",
                "Hà Thị\u2067 Mai\u2069",
                status="Đang xử\u200b lý",
                finished=dt.datetime(2024, 11, 25),
            ),
            late("HS-003", "Vì Văn Tính", status="Đã tr\u200bả kết quả"),
        ],
    )
    out = tmp_path / "out"
    assert letters(workspace, export, out) == 0
    captured = capsys.readouterr()
    assert (
        "Đã bỏ 10 ký tự ẩn (đổi chiều chữ hoặc rộng bằng 0) trong tên, mã hồ sơ và các ô chữ khác."
    ) in captured.out.splitlines()
    # The statuses are compared without them: both disagree with the dates.
    place = f"{export}, trang «Hồ sơ», dòng"
    assert lines_with(captured.err, "cảnh báo") == [
        f"{place} 5, cột «Trạng thái»: cảnh báo: trạng thái «Đang xử lý» nói đang xử lý nhưng "
        "đã có ngày có kết quả",
        f"{place} 6, cột «Trạng thái»: cảnh báo: trạng thái «Đã trả kết quả» nói đã xong nhưng "
        "không có ngày có kết quả",
    ]
    text = letter_text(out)
    assert not INVISIBLE.search(text)
    assert "Lò Văn Pả" in text and "HS-001" in text and "Chờ xác minh." in text
    assert register_rows(out) == [("HS-001", "Lò Văn Pả"), ("HS-003", "Vì Văn Tính")]


# ------------------------------------------------------------- unforeseen errors, placed


def test_an_unforeseen_error_names_the_export(
    workspace: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = only_exports(workspace)
    export = write_xlsx(folder / "thang-11.xlsx", [late("HS-1", "Lò Văn Pả")])

    def broken(*_args: object) -> None:
        raise RuntimeError("a reader's bug")

    monkeypatch.setattr(export_reader, "_title_date", broken)
    out = tmp_path / "out"
    assert letters(workspace, export, out) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"Khi đọc tệp hồ sơ {export}: Chương trình gặp lỗi không lường trước và đã dừng.",
        "Chạy lại với «kehoach --debug ...» để xem chi tiết, rồi gửi cho người phát triển.",
        "Không ghi văn bản nào.",
    ]
    assert not out.exists()
    # validate lists it among the other problems and goes on.
    assert run_cli("validate", "--data", str(workspace), "--out", str(out)) == 1
    said = capsys.readouterr().err.splitlines()
    assert lines_with("\n".join(said), ": lỗi: ") == [
        f"{export}: lỗi: chương trình gặp lỗi không lường trước khi đọc tệp này; hãy gửi tệp "
        "cho người phát triển"
    ]
    assert said[-1].startswith("Dữ liệu có lỗi: 1 lỗi, ")
