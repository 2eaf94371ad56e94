"""Letters true on the day they are signed: every dossier judged as of one day D (issue 8).
Each test makes a small export and reads what the officer gets: the screen, the letters, the
register workbook."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from conftest import run_cli
from exports import HEADERS, header_row, row, write_xlsx
from openpyxl import load_workbook
from test_letters import body, letters

from kehoach_docs import cli
from kehoach_docs.domain.dossiers import Dossier, Moment
from kehoach_docs.domain.indicators import apology
from kehoach_docs.domain.periods import quarter
from kehoach_docs.workspace import REGISTER_FILE

D = dt.datetime
# The day of every run here (AS_OF of test_letters): Tuesday 20/02/2024, after Tết 2024.
RECEIVED = D(2024, 2, 1, 8, 0)
DUE = D(2024, 2, 7, 16, 30)


def run(workspace: Path, export: Path, out: Path, *extra: str) -> int:
    return letters(workspace, export, out, *extra)


def screen(capsys) -> tuple[str, str]:
    captured = capsys.readouterr()
    return captured.out, captured.err


def sheet_rows(out: Path, name: str) -> list[tuple]:
    sheet = load_workbook(out / "so-theo-doi-phieu-xin-loi.xlsx")[name]
    return [r for r in sheet.iter_rows(min_row=4, values_only=True) if any(r)]


def letter_codes(path: Path) -> list[str]:
    return re.findall(r"mã số hồ sơ: ([^.]+)\.", "\n".join(body(path)))


def test_returned_late_gets_no_letter_and_is_listed(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    export = write_xlsx(
        tmp_path / "xuat.xlsx",
        [
            row("TRA-TRE", "Nguyễn Văn An", received=RECEIVED, due=DUE, finished=D(2024, 2, 16, 9)),
            row("MO-QUA-HAN", "Trần Thị Bình", received=RECEIVED, due=DUE),
        ],
    )
    out = tmp_path / "out"
    assert run(workspace, export, out) == 0
    said, _ = screen(capsys)
    assert letter_codes(out / "phieu-xin-loi-2024-so-001.docx") == ["MO-QUA-HAN"]
    assert (
        "3. Hồ sơ đã giải quyết trễ hạn mà chưa có phiếu: 1 hồ sơ, không làm phiếu vì đã "
        "có kết quả (xem trang «Trễ hạn chưa có phiếu» trong "
        "so-theo-doi-phieu-xin-loi.xlsx)."
    ) in said
    # Due Wednesday 07/02, Tết 08–14/02 off: done on Friday 16/02 is 2 working days late.
    assert sheet_rows(out, "Trễ hạn chưa có phiếu") == [
        (
            1,
            "TRA-TRE",
            "Nguyễn Văn An",
            "Đăng ký khai sinh",
            D(2024, 2, 1),
            DUE,
            D(2024, 2, 16, 9),
            2,
        ),
    ]
    # It never gets one later either: the next run lists it again.
    assert run(workspace, export, out) == 0
    assert "TRA-TRE" not in {code for (_, code, _) in register_rows(workspace)}


def register_rows(workspace: Path) -> list[tuple]:
    import sqlite3

    with sqlite3.connect(workspace / REGISTER_FILE) as db:
        return db.execute("SELECT number, dossier_code, letter_date FROM letters").fetchall()


def test_each_dossier_as_it_stood_on_the_day(workspace: Path, tmp_path: Path, capsys) -> None:
    export = write_xlsx(
        tmp_path / "xuat.xlsx",
        [
            # Received after D: did not exist on D.
            row("SAU-NGAY", received=D(2024, 2, 21, 8), due=D(2024, 2, 23)),
            # Resolved on 22/02, after D: on D it was open and late, so it gets a letter.
            row("XONG-SAU", "Lê Văn Cường", received=RECEIVED, due=DUE, finished=D(2024, 2, 22)),
        ],
    )
    out = tmp_path / "out"
    assert run(workspace, export, out) == 0
    said, _ = screen(capsys)
    path = out / "phieu-xin-loi-2024-so-001.docx"
    text = body(path)
    assert letter_codes(path) == ["XONG-SAU"]
    assert any(line.startswith("Tuy nhiên đến nay") for line in text)
    # Dated D, the new date three working days after it: Friday 23/02/2024.
    assert "Hải Yến, ngày 20 tháng 02 năm 2024" in "\n".join(text)
    assert any(line.endswith("vào ngày 23 tháng 02 năm 2024.") for line in text)
    assert "SAU-NGAY" not in said
    assert "2. Hồ sơ đến hạn trả trong 1 ngày làm việc: không có." in said


def due_soon_export(path: Path) -> Path:
    return write_xlsx(
        path,
        [
            row(
                "HAN-HOM-NAY",
                "Phạm Thị Dung",
                received=D(2024, 2, 16, 8),
                due=D(2024, 2, 20, 16, 30),
            ),
            row("HAN-MAI", "Hoàng Văn Em", received=D(2024, 2, 16, 8), due=D(2024, 2, 21)),
            row("HAN-SAU", received=D(2024, 2, 16, 8), due=D(2024, 2, 22)),
        ],
    )


def test_due_today_and_next_working_day_listed_not_lettered(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "out"
    assert run(workspace, due_soon_export(tmp_path / "xuat.xlsx"), out) == 0
    said, _ = screen(capsys)
    assert (
        "1. Phiếu xin lỗi (hồ sơ chưa có kết quả mà đã quá ngày hẹn trả): không có phiếu mới."
    ) in said
    assert "2. Hồ sơ đến hạn trả trong 1 ngày làm việc: 2 hồ sơ." in said
    assert "   - HAN-HOM-NAY, Phạm Thị Dung, hạn trả 20/02/2024 16:30" in said
    assert "   - HAN-MAI, Hoàng Văn Em, hạn trả 21/02/2024" in said
    assert "HAN-SAU" not in said
    assert not list(out.glob("phieu-xin-loi-*.docx"))
    assert [r[1] for r in sheet_rows(out, "Sắp đến hạn")] == ["HAN-HOM-NAY", "HAN-MAI"]


def test_due_soon_lettered_when_the_officer_names_it(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "out"
    export = due_soon_export(tmp_path / "xuat.xlsx")
    assert run(workspace, export, out, "--ma", "HAN-MAI") == 0
    said, _ = screen(capsys)
    assert "cấp mới 1 phiếu, số 01/PXL năm 2024." in said
    path = out / "phieu-xin-loi-2024-so-001.docx"
    assert letter_codes(path) == ["HAN-MAI"]
    # Three working days after its own due date (21/02): Monday 26/02.
    assert any(line.endswith("vào ngày 26 tháng 02 năm 2024.") for line in body(path))
    assert [r[1] for r in sheet_rows(out, "Sắp đến hạn")] == ["HAN-HOM-NAY"]
    # Sent before its due date: timely.
    issued = sheet_rows(out, "Sổ theo dõi")
    assert [(r[3], r[11]) for r in issued] == [("HAN-MAI", "Có")]
    # A code the export does not have, or a dossier already resolved, is refused.
    assert run(workspace, export, out, "--ma", "KHONG-CO") == 1
    _, err = screen(capsys)
    assert f"{export}: lỗi: mã hồ sơ «KHONG-CO» ghi ở --ma: không có trong tệp hồ sơ" in err


def with_new_date(path: Path, new_date: object) -> Path:
    headers = [*HEADERS, "Ngày hẹn trả mới"]
    return write_xlsx(path, [[*row("HS-1", received=RECEIVED, due=DUE), new_date]], headers=headers)


def test_export_new_date_refused_when_not_after_the_day(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "out"
    export = with_new_date(tmp_path / "xuat.xlsx", D(2024, 2, 20))
    assert run(workspace, export, out) == 1
    _, err = screen(capsys)
    assert (
        f"{export}, trang «Hồ sơ», dòng {header_row() + 1}, cột «Ngày hẹn trả mới»: lỗi: "
        "ngày hẹn trả mới 20/02/2024 không sau ngày lập phiếu 20/02/2024"
    ) in err
    assert not out.exists() and not (workspace / REGISTER_FILE).exists()
    assert run(workspace, export, out, "--skip-bad-rows") == 0
    said, _ = screen(capsys)
    assert (
        f"  dòng {header_row() + 1}: Ngày hẹn trả mới: ngày hẹn trả mới 20/02/2024 không "
        "sau ngày lập phiếu 20/02/2024"
    ) in said
    # A working day after D is the date the letter promises.
    good = with_new_date(tmp_path / "tot.xlsx", "22/02/2024")
    assert run(workspace, good, tmp_path / "tot") == 0
    text = body(tmp_path / "tot" / "phieu-xin-loi-2024-so-001.docx")
    assert any(line.endswith("vào ngày 22 tháng 02 năm 2024.") for line in text)


def test_preview_writes_nothing_and_spends_no_number(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    export = write_xlsx(tmp_path / "xuat.xlsx", [row("HS-1", received=RECEIVED, due=DUE)])
    out = tmp_path / "out"
    assert run(workspace, export, out, "--preview") == 0
    said, _ = screen(capsys)
    assert "sẽ cấp 1 phiếu, số 01/PXL năm 2024." in said
    assert "Xem trước: không ghi tệp nào, không cấp số phiếu nào." in said
    assert "Đã ghi" not in said
    assert not out.exists() and not (workspace / REGISTER_FILE).exists()
    assert run(workspace, export, out) == 0
    assert "cấp mới 1 phiếu, số 01/PXL năm 2024." in screen(capsys)[0]


def titled(path: Path, title: str) -> Path:
    write_xlsx(path, [row("HS-1", received=RECEIVED, due=DUE)])
    book = load_workbook(path)
    book.active["A1"] = title
    book.save(path)
    return path


def saved_on(path: Path, stamp: str) -> Path:
    """The workbook as if last saved at `stamp` (docProps/core.xml, UTC)."""
    write_xlsx(path, [row("HS-1", received=RECEIVED, due=DUE)])
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]+", rb"\g<1>" + stamp.encode(), data)
            target.writestr(item, data)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize(
    ("make", "first_line"),
    [
        (
            lambda p: titled(p, "Ngày xuất: 28/02/2024 16:05"),
            "Tính đến ngày 28/02/2024 (ngày lập tệp hồ sơ).",
        ),
        (
            lambda p: titled(p, "DANH SÁCH HỒ SƠ (Tính đến ngày 27 tháng 2 năm 2024)"),
            "Tính đến ngày 27/02/2024 (ngày lập tệp hồ sơ).",
        ),
        # Saved at 18:30 UTC on 28/02: already 29/02 in Vietnam.
        (
            lambda p: saved_on(p, "2024-02-28T18:30:00Z"),
            "Tính đến ngày 29/02/2024 (ngày lưu tệp hồ sơ).",
        ),
    ],
    ids=["title-ngay-xuat", "title-tinh-den-ngay", "saved-date"],
)
def test_the_day_defaults_to_the_exports_own(
    workspace: Path, tmp_path: Path, capsys, make, first_line: str
) -> None:
    export = make(tmp_path / "xuat.xlsx")
    out = tmp_path / "out"
    assert run_cli("letters", str(export), "--data", str(workspace), "--out", str(out)) == 0
    said, _ = screen(capsys)
    assert said.splitlines()[0] == first_line
    day = first_line[14:24]
    assert f"Hải Yến, ngày {day[:2]} tháng {day[3:5]} năm 2024" in "\n".join(
        body(out / "phieu-xin-loi-2024-so-001.docx")
    )


def test_the_day_is_today_when_the_export_has_no_date(
    workspace: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = tmp_path / "xuat.csv"
    export.write_text(
        "Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Ngày tiếp nhận,Ngày hẹn trả\n"
        "HS-1,Đăng ký khai sinh,Nguyễn Văn An,01/02/2024,07/02/2024\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(cli, "today", lambda: dt.date(2024, 3, 4))
    assert (
        run_cli(
            "letters",
            str(export),
            "--data",
            str(workspace),
            "--out",
            str(tmp_path / "out"),
            "--preview",
        )
        == 0
    )
    said, _ = screen(capsys)
    assert said.splitlines()[0] == "Tính đến ngày 04/03/2024 (hôm nay)."


def test_rows_that_contradict_themselves(workspace: Path, tmp_path: Path, capsys) -> None:
    export = write_xlsx(
        tmp_path / "xuat.xlsx",
        [
            row("TOT", received=RECEIVED, due=DUE),
            row("HEN-TRUOC", received=D(2024, 2, 10), due=D(2024, 2, 5)),
            row("XONG-TRUOC", received=D(2024, 2, 10), due=D(2024, 2, 15), finished=D(2024, 2, 9)),
            row("XA", received=RECEIVED, due=D(2026, 2, 7)),
            row("KHONG-TEN", "", received=RECEIVED, due=DUE),
        ],
    )
    book = load_workbook(export)
    book.active["A1"] = "Ngày xuất: 20/02/2024"
    book.save(export)
    first = header_row() + 1
    place = f"{export}, trang «Hồ sơ», dòng"
    out = tmp_path / "out"
    assert run(workspace, export, out) == 1
    _, err = screen(capsys)
    errors = [line for line in err.splitlines() if ": lỗi: " in line]
    assert errors == [
        f"{place} {first + 1}, cột «Ngày hẹn trả»: lỗi: ngày hẹn trả 05/02/2024 trước ngày "
        "tiếp nhận 10/02/2024",
        f"{place} {first + 2}, cột «Ngày có kết quả»: lỗi: ngày có kết quả 09/02/2024 trước "
        "ngày tiếp nhận 10/02/2024",
        f"{place} {first + 3}, cột «Ngày hẹn trả»: lỗi: ngày 07/02/2026 sau ngày lập tệp "
        "(20/02/2024) hơn một năm",
        f"{place} {first + 4}, cột «Chủ hồ sơ»: lỗi: ô này bỏ trống",
    ]
    assert not out.exists()
    assert run(workspace, export, out, "--skip-bad-rows") == 0
    said, _ = screen(capsys)
    assert "Bỏ qua 4 dòng có lỗi:" in said
    assert letter_codes(out / "phieu-xin-loi-2024-so-001.docx") == ["TOT"]


def test_an_excel_error_value_is_never_a_name_or_a_date(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    export = tmp_path / "xuat.csv"
    export.write_text(
        "Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả\n"
        "HS-1,Đăng ký khai sinh,#N/A,01/02/2024,07/02/2024,\n"
        "HS-2,Đăng ký khai sinh,Nguyễn Văn An,01/02/2024,07/02/2024,#VALUE!\n",
        encoding="utf-8",
    )
    assert run(workspace, export, tmp_path / "out") == 1
    _, err = screen(capsys)
    assert (
        f"{export}, trang «xuat», dòng 2, cột «Chủ hồ sơ»: lỗi: ô có giá trị lỗi của Excel «#N/A»"
    ) in err
    assert (
        f"{export}, trang «xuat», dòng 3, cột «Ngày có kết quả»: lỗi: ô có giá trị lỗi "
        "của Excel «#VALUE!»"
    ) in err


def test_portal_timestamps_and_an_optional_return_date(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    headers = [
        "MaHoSo",
        "TenTTHC",
        "ChuHoSo",
        "NgayTiepNhan",
        "NgayHenTra",
        "NgayKetThucXuLy",
        "NgayTra",
    ]
    export = write_xlsx(
        tmp_path / "xuat.xlsx",
        [
            [
                "MO",
                "Đăng ký khai sinh",
                "Vi Văn Giang",
                "20240201080000",
                "20240207163000",
                None,
                None,
            ],
            # No result date, but returned late on 16/02: resolved late, never lettered.
            [
                "DA-TRA",
                "Đăng ký khai tử",
                "Lý Thị Hằng",
                "20240201080000",
                20240207000000,
                None,
                "20240216100000",
            ],
            # The return date cannot be read, but the result date says all that is needed.
            [
                "XONG",
                "Đăng ký kết hôn",
                "Chu Văn Khánh",
                "20240201080000",
                "20240207163000",
                "20240206150000",
                "ngày 6/2",
            ],
        ],
        headers=headers,
    )
    out = tmp_path / "out"
    assert run(workspace, export, out) == 0
    said, err = screen(capsys)
    path = out / "phieu-xin-loi-2024-so-001.docx"
    assert letter_codes(path) == ["MO"]
    assert (
        "Thời gian hẹn trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, ngày 07 tháng 02 năm 2024."
    ) in body(path)
    assert "3. Hồ sơ đã giải quyết trễ hạn mà chưa có phiếu: 1 hồ sơ" in said
    assert [r[1] for r in sheet_rows(out, "Trễ hạn chưa có phiếu")] == ["DA-TRA"]
    assert (
        f"dòng {header_row() + 3}, cột «NgayTra»: cảnh báo: không đọc được ngày «ngày 6/2»" in err
    )


def dossier(code: str, due: dt.date, finished: dt.date | None = None) -> Dossier:
    def moment(day: dt.date) -> Moment:
        return Moment(dt.datetime.combine(day, dt.time()))

    return Dossier(
        code=code,
        applicant="A",
        received=moment(dt.date(2024, 1, 2)),
        due=moment(due),
        finished=moment(finished) if finished else None,
    )


def test_apology_indicator_never_counts_a_letter_dated_after_the_result() -> None:
    q1 = quarter(2024, 1)  # 15/12/2023 to 14/03/2024
    dossiers = [
        dossier("TRUOC-HAN", dt.date(2024, 2, 7), dt.date(2024, 2, 20)),  # letter on 06/02
        dossier("SAU-HAN", dt.date(2024, 2, 7), dt.date(2024, 2, 20)),  # letter on 15/02
        dossier("SAU-KET-QUA", dt.date(2024, 2, 7), dt.date(2024, 2, 20)),  # letter on 01/03
        dossier("CON-MO", dt.date(2024, 2, 7)),  # still open, letter on 15/02
        dossier("KHONG-PHIEU", dt.date(2024, 2, 7), dt.date(2024, 2, 9)),
        dossier("DUNG-HAN", dt.date(2024, 2, 7), dt.date(2024, 2, 6)),  # not late
    ]
    letters = {
        "TRUOC-HAN": dt.date(2024, 2, 6),
        "SAU-HAN": dt.date(2024, 2, 15),
        "SAU-KET-QUA": dt.date(2024, 3, 1),
        "CON-MO": dt.date(2024, 2, 15),
    }
    result = apology(dossiers, q1, letters)
    assert (result.ratio.numerator, result.ratio.denominator) == (3, 5)
    assert result.timely == 1


def test_validate_warns_of_a_year_without_the_governments_day_swaps(
    workspace: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kehoach_docs.commands.validate.known_until", lambda: 2023)
    assert run_cli("validate", "--data", str(workspace)) == 0
    warning = (
        f"{workspace / 'don-vi.yaml'}, mục «lich_lam_viec»: cảnh báo: lịch nghỉ bù, làm "
        "bù của Nhà nước chỉ có đến năm 2023; khi có văn bản hoán đổi ngày làm việc năm "
        "2024, ghi các ngày đó vào mục lich_lam_viec"
    )
    captured = capsys.readouterr()
    assert warning in captured.out + captured.err
