"""Every input mistake is reported in Vietnamese with its file, line and field; nothing is
written while there are errors; the seed's own oddities are warnings."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import DATA, edit, line_of, run_cli, validate_said
from docxread import open_doc, table_rows


def lines_of(path: Path, needle: str) -> list[int]:
    return [
        number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if needle in line
    ]


def validate(capsys: pytest.CaptureFixture[str], data: Path) -> tuple[int, str]:
    code = run_cli("validate", "--data", str(data))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_seed_data_is_valid_and_its_oddities_are_warnings(capsys) -> None:
    code, text = validate(capsys, DATA)
    plan = DATA / "ke-hoach.yaml"
    assert code == 0
    assert "Dữ liệu hợp lệ: 0 lỗi" in text
    place = f"{plan}, dòng"
    # IV and V skip number 2.
    skips = [line for line in text.splitlines() if "bỏ qua 2" in line]
    assert len(skips) == 2
    assert "phụ lục I › mục IV" in skips[0] and "phụ lục I › mục V" in skips[1]
    # The duplicated VII.3 row: the warning points at the second copy and names the first.
    copies = lines_of(plan, "- nhiem_vu: Triển khai số hóa hồ sơ, kết quả giải quyết")
    assert len(copies) == 2
    assert (
        f"{place} {copies[1]}, mục «phụ lục I»: cảnh báo: dòng trùng nội dung với dòng "
        f"{copies[0]}" in text
    )
    # VII.4's row without a task.
    empty = line_of(plan, "- san_pham: Đạt tỷ lệ tối thiểu 90%")
    assert (
        f"{place} {empty}, mục «phụ lục I › mục VII»: cảnh báo: dòng không đánh số "
        "không có nội dung nhiệm vụ" in text
    )
    assert "lỗi:" not in text


@pytest.mark.parametrize(
    ("file", "old", "new", "needle", "message"),
    [
        (
            "don-vi.yaml",
            "ten_day_du:\n",
            "ten_day_du: Ủy ban: nhân dân\n",
            "ten_day_du:",
            "có dấu «:» ở chỗ không được phép",
        ),
        (
            "ke-hoach.yaml",
            "            tien_do: Theo quy định của Bộ Nội vụ",
            "            tien_Do: Theo quy định của Bộ Nội vụ",
            "tien_Do:",
            "khóa «tien_Do» không hợp lệ; các khóa được phép: so, nhiem_vu, san_pham, tien_do, "
            "chu_tri, phoi_hop, chi_tieu (có phải ý là «tien_do»?)",
        ),
        (
            "ke-hoach.yaml",
            "            san_pham: Hoàn thành 100% kế hoạch",
            "            san_pham: {cong: viec}",
            "san_pham: {cong: viec}",
            "cần một đoạn chữ hoặc danh sách các dòng",
        ),
        (
            "ke-hoach.yaml",
            "nam: 2024\nso:",
            "nam: hai nghìn\nso:",
            "nam: hai nghìn",
            "Năm kế hoạch phải là số từ 2000 đến 2100, không phải «hai nghìn»",
        ),
        (
            "ke-hoach.yaml",
            "  ngay:\n  thang: 6",
            "  ngay: 31\n  thang: 6",
            "ngay: 31",
            "ngày 31 không có trong tháng 6/2024 (chỉ có 30 ngày)",
        ),
        (
            "ke-hoach.yaml",
            "  ngay:\n  thang: 6\n  nam: 2024",
            "  ngay: 29\n  thang: 2\n  nam: 2023",
            "ngay: 29",
            "ngày 29 không có trong tháng 2/2023 (chỉ có 28 ngày)",
        ),
        (
            "ke-hoach.yaml",
            "  thang: 6",
            "  thang: 13",
            "thang: 13",
            "Tháng phải là số từ 1 đến 12, không phải «13»",
        ),
        (
            "ke-hoach.yaml",
            "    bang: nội dung",
            "    bang: bảng lạ",
            "bang: bảng lạ",
            "loại bảng «bảng lạ» không hợp lệ; chọn một trong: nhiệm vụ, nội dung",
        ),
        (
            "ke-hoach.yaml",
            "            tien_do: Theo Kế hoạch kiểm tra",
            "            tien_do: Theo Kế hoạch kiểm tra\n            tien_do: Quý II",
            "tien_do: Quý II",
            "khóa này xuất hiện hai lần",
        ),
        (
            "ke-hoach.yaml",
            "      - so: II\n        ten: CẢI CÁCH THỂ CHẾ",
            "      - so: II\n\tten: CẢI CÁCH THỂ CHẾ",
            "\tten: CẢI CÁCH THỂ CHẾ",
            "có ký tự Tab; YAML chỉ cho thụt lề bằng dấu cách",
        ),
        (
            "don-vi.yaml",
            "ky_hieu: UBND",
            "ky_hieu: [UBND",
            "ky_hieu: [UBND",
            "dấu «[» mở ở dòng",
        ),
        (
            "don-vi.yaml",
            "ky_hieu: UBND",
            "ky_hieu: 'UBND",
            "ky_hieu: 'UBND",
            "dấu nháy mở ở dòng",
        ),
    ],
    ids=[
        "syntax",
        "unknown-key",
        "wrong-type",
        "year-text",
        "june-31",
        "feb-29-2023",
        "month-13",
        "table-kind",
        "duplicate-key",
        "tab",
        "unclosed-bracket",
        "unclosed-quote",
    ],
)
def test_bad_input_message_names_file_and_line(
    capsys, workspace: Path, file: str, old: str, new: str, needle: str, message: str
) -> None:
    edit(workspace / file, old, new)
    code, text = validate(capsys, workspace)
    assert code == 1
    line = line_of(workspace / file, needle)
    errors = [row for row in text.splitlines() if ": lỗi: " in row]
    assert any(
        row.startswith(f"{workspace / file}, dòng {line}") and message in row for row in errors
    ), text
    assert not re.search(r"\b(expected|found|while|but got)\b", text), text


def test_missing_required_field(capsys, workspace: Path) -> None:
    edit(workspace / "don-vi.yaml", "ky_hieu: UBND\n", "")
    code, text = validate(capsys, workspace)
    assert code == 1
    assert "mục «ky_hieu»: lỗi: thiếu khóa bắt buộc «ky_hieu»" in text
    assert str(workspace / "don-vi.yaml") + ", dòng " in text


def test_missing_title_points_at_its_appendix(capsys, workspace: Path) -> None:
    plan = workspace / "ke-hoach.yaml"
    edit(
        plan,
        "  - tieu_de: CÁC NHIỆM VỤ, GIẢI PHÁP NHẰM NÂNG CAO CHỈ SỐ SIPAS NĂM 2024\n"
        "    bang: nhiệm vụ",
        "  - bang: nhiệm vụ",
    )
    code, text = validate(capsys, workspace)
    assert code == 1
    line = line_of(plan, "  - bang: nhiệm vụ")
    assert (
        f"{plan}, dòng {line}, mục «phụ lục 2 › tieu_de»: lỗi: thiếu khóa bắt buộc "
        "«tieu_de»" in text
    )


def test_every_error_of_every_file_at_once(capsys, workspace: Path) -> None:
    edit(workspace / "don-vi.yaml", "ky_hieu: UBND", "ky_hieu:")
    edit(workspace / "ke-hoach.yaml", "  thang: 6", "  thang: sáu")
    edit(
        workspace / "ke-hoach.yaml",
        "            chu_tri: UBND xã\n            phoi_hop: Các cán bộ, công chức được kiểm tra",
        "            chu_tri: [UBND xã]\n            phoi_hop: Các cán bộ, công chức được kiểm tra",
    )
    code, text = validate(capsys, workspace)
    assert code == 1
    assert "3 lỗi" in text
    assert "thiếu khóa bắt buộc «ky_hieu»" in text
    assert "Tháng phải là số từ 1 đến 12, không phải «sáu»" in text
    assert "cần một đoạn chữ, không phải danh sách hay nhóm" in text


def test_missing_file_and_missing_folder(capsys, workspace: Path, tmp_path: Path) -> None:
    (workspace / "don-vi.yaml").unlink()
    code, text = validate(capsys, workspace)
    assert code == 1
    assert f"{workspace / 'don-vi.yaml'}: lỗi: không tìm thấy tệp" in text
    code, text = validate(capsys, tmp_path / "khong-co")
    assert code == 1
    assert "không tìm thấy thư mục dữ liệu" in text


def test_file_not_in_utf8(capsys, workspace: Path) -> None:
    plan = workspace / "ke-hoach.yaml"
    plan.write_bytes(b"nam: 2024\nso:\n# K\xea ho\xb9ch (TCVN3)\n")
    code, text = validate(capsys, workspace)
    assert code == 1
    assert f"{plan}, dòng 3: lỗi: tệp không phải văn bản UTF-8" in text


def test_nothing_is_written_when_input_has_errors(capsys, workspace: Path, tmp_path: Path) -> None:
    edit(workspace / "ke-hoach.yaml", "  thang: 6", "  thang: 14")
    out = tmp_path / "out"
    assert run_cli("build", "--data", str(workspace), "--out", str(out)) == 1
    assert "Không ghi văn bản nào vì dữ liệu có lỗi: 1 lỗi" in capsys.readouterr().err
    assert not out.exists()
    assert run_cli("appendix", "--data", str(workspace), "--out", str(out)) == 1
    assert not out.exists()


def test_control_characters_dropped_and_xml_specials_kept(
    capsys, workspace: Path, tmp_path: Path
) -> None:
    plan = workspace / "ke-hoach.yaml"
    edit(
        plan,
        "            nhiem_vu: Báo cáo kết quả thực hiện công tác CCHC định kỳ",
        '            nhiem_vu: "Báo cáo\\x0b kết quả <quý I> & năm"',
    )
    code, text = validate(capsys, workspace)
    assert code == 0
    line = line_of(plan, "Báo cáo\\x0b")
    assert (
        f"{plan}, dòng {line}, mục «phụ lục 1 › mục 1 › dòng 2 › nhiem_vu»: cảnh báo: "
        "đã bỏ 1 ký tự điều khiển không in được" in text
    )
    out = tmp_path / "out"
    assert run_cli("build", "--data", str(workspace), "--out", str(out)) == 0
    rows = table_rows(open_doc(out / "ke-hoach-2024-phu-luc-I.docx"))
    assert next(r[1] for r in rows if r[0] == "2") == "Báo cáo kết quả <quý I> & năm"


def test_row_numbers_keep_their_printed_form(workspace: Path, tmp_path: Path) -> None:
    # YAML would read 1.10 as the number 1.1; the plan prints "1.10".
    edit(
        workspace / "ke-hoach.yaml",
        "          - so: 1.2\n            nhiem_vu: Xử lý kết quả",
        "          - so: 1.10\n            nhiem_vu: Xử lý kết quả",
    )
    out = tmp_path / "out"
    assert run_cli("build", "--data", str(workspace), "--out", str(out)) == 0
    numbers = [r[0] for r in table_rows(open_doc(out / "ke-hoach-2024-phu-luc-I.docx"))]
    assert "1.10" in numbers


def test_a_damaged_register_is_one_error_among_the_checks(capsys, workspace: Path) -> None:
    """validate reports a register it cannot read as one error naming it, and goes on
    checking everything else (before, it stopped there as if it had written something)."""
    register = workspace / "so-theo-doi-phieu-xin-loi.sqlite3"
    register.write_bytes(b"so theo doi" * 100)
    code, text = validate(capsys, workspace)
    assert code == 1
    assert f"{register}: lỗi: tệp này không phải sổ SQLite (có thể đã bị ghi đè hoặc hỏng)" in text
    assert "mục «phụ lục I › mục IV»: cảnh báo: đánh số nhảy tới «3», bỏ qua 2" in text
    assert "Dữ liệu có lỗi: 1 lỗi" in text
    assert "Không ghi văn bản nào" not in text


@pytest.mark.parametrize(
    ("upper", "body", "place"),
    [
        ((), ("Ủy ban nhân dân", "Xã Hải Yến"), "Hải Yến"),
        (("Ủy ban nhân dân xã Công Sơn",), ("Phòng Văn hóa - Xã hội",), "Công Sơn"),
        (("UBND XÃ CÔNG SƠN",), ("Bộ phận Tiếp nhận và Trả kết quả",), "Công Sơn"),
        ((), ("Ủy ban nhân dân xã Yên Trạch, tỉnh Lạng Sơn",), "Yên Trạch"),
        ((), ("Ủy ban nhân dân", "Phường 5"), "5"),
    ],
)
def test_the_place_before_the_date_is_the_header_line_that_names_one(
    upper: tuple[str, ...], body: tuple[str, ...], place: str
) -> None:
    from kehoach_docs.inputs.plan_yaml import derived_place

    assert derived_place(body, upper) == place


def test_a_header_that_names_no_place_asks_for_dia_danh(tmp_path: Path, capsys) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    unit = data / "don-vi.yaml"
    edit(unit, "co_quan_chu_quan:\n\n", "co_quan_chu_quan:\n  - Ủy ban nhân dân\n\n")
    edit(unit, "  - Ủy ban nhân dân\n  - Xã Hải Yến\n", "  - Bộ phận Một cửa\n")
    assert (
        f"{unit}, mục «dia_danh»: cảnh báo: không dòng nào của «co_quan_ban_hanh», "
        "«co_quan_chu_quan» có tên xã, phường («Xã ...», «Ủy ban nhân dân xã ...»): ngày tháng "
        "sẽ ghi «Bộ phận Một cửa, ngày ...»; ghi địa danh ở mục dia_danh"
    ) in validate_said(data, capsys)


def test_a_plan_year_not_read_is_one_error_not_a_warning_a_row(tmp_path: Path, capsys) -> None:
    """«nam: hai nghìn»: the year is an error; no row is then said to name a year «khác năm
    kế hoạch 0» (sixty such warnings hid the one that mattered)."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    edit(data / "ke-hoach.yaml", "\nnam: 2024\n", "\nnam: hai nghìn\n")
    said = validate_said(data, capsys)
    wrong = "mục «nam»: lỗi: Năm kế hoạch phải là số từ 2000 đến 2100, không phải «hai nghìn»"
    assert wrong in said
    assert "khác năm kế hoạch" not in said
