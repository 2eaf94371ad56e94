"""kehoach init: a new workspace for a unit and a year, with nothing of another unit's data."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import DATA, copy_data, edit, line_of, run_cli, validate_said
from test_import_plan import load, without_places

from kehoach_docs.domain.plan import PartialDate


def test_init_from_another_workspace_carries_the_plan_only(tmp_path: Path, capsys) -> None:
    source = copy_data(tmp_path / "hai-yen")
    (source / "so-theo-doi-phieu-xin-loi.sqlite3").write_bytes(b"register")
    target = tmp_path / "cong-son"
    assert run_cli("init", str(target), "--from", str(source), "--year", "2026") == 0
    out = capsys.readouterr().out
    assert f"Đã tạo thư mục dữ liệu {target}:" in out
    assert f"  5. kehoach build --data {target}" in out
    # No export, tracker or register of the other unit: only what the new unit fills in.
    assert sorted(p.name for p in target.iterdir()) == [
        "don-vi.yaml",
        "ho-so-mot-cua",
        "ke-hoach.yaml",
    ]
    assert not any((target / "ho-so-mot-cua").iterdir())
    unit_text = (target / "don-vi.yaml").read_text(encoding="utf-8")
    assert "Hải Yến" not in unit_text and "huyện Cao Lộc" not in unit_text
    old, new = load(source / "ke-hoach.yaml"), load(target / "ke-hoach.yaml")
    assert (new.year, new.number, new.date) == (2026, None, PartialDate(year=2026))
    assert [a.title for a in new.appendices] == [
        a.title.replace("2024", "2026") for a in old.appendices
    ]
    # Tasks (and their report targets) are kept word for word, "năm 2024" included.
    for carried, original in zip(new.appendices, old.appendices, strict=True):
        assert without_places(carried).sections == without_places(original).sections


def test_init_refuses_a_folder_with_files(tmp_path: Path, capsys) -> None:
    (tmp_path / "ghi-chu.txt").write_text("của đơn vị", encoding="utf-8")
    assert run_cli("init", str(tmp_path), "--from", str(DATA)) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path}: lỗi: thư mục đã có tệp; hãy chọn một thư mục mới hoặc trống" in err
    assert not (tmp_path / "don-vi.yaml").exists()


def test_a_blank_workspace_lists_what_to_fill(tmp_path: Path, capsys) -> None:
    target = tmp_path / "moi"
    assert run_cli("init", str(target), "--year", "2027") == 0
    capsys.readouterr()
    assert run_cli("validate", "--data", str(target)) == 1
    err = capsys.readouterr().err
    assert (
        f"{target / 'don-vi.yaml'}, dòng 14, mục «co_quan_ban_hanh»: lỗi: thiếu khóa bắt buộc"
        in err
    )
    assert "mục «phụ lục 1 › mục 1 › ten»: lỗi: thiếu khóa bắt buộc «ten»" in err
    plan_text = (target / "ke-hoach.yaml").read_text(encoding="utf-8")
    assert "tieu_de: CÁC NHIỆM VỤ, GIẢI PHÁP NHẰM NÂNG CAO CHỈ SỐ SIPAS NĂM 2027" in plan_text
    assert "bang: nội dung" in plan_text


def test_validate_lists_what_the_carried_plan_and_copied_files_still_say(
    tmp_path: Path, capsys
) -> None:
    target = tmp_path / "cong-son"
    assert run_cli("init", str(target), "--from", str(DATA), "--year", "2026") == 0
    unit = target / "don-vi.yaml"
    text = unit.read_text(encoding="utf-8")
    text = text.replace(
        "\nco_quan_ban_hanh:\n", "\nco_quan_ban_hanh:\n  - Ủy ban nhân dân\n  - Xã Công Sơn\n", 1
    )
    text = text.replace(
        "  co_quan_giai_quyet:\n", "  co_quan_giai_quyet: Ủy ban nhân dân xã Hải Yến\n"
    )
    text = text.replace(
        "  noi_nhan:\n    -\n", "  noi_nhan:\n    - UBND huyện Cao Lộc (Phòng Nội vụ)\n"
    )
    unit.write_text(text, encoding="utf-8")
    shutil.copytree(DATA / "ho-so-mot-cua", target / "ho-so-mot-cua", dirs_exist_ok=True)
    shutil.copy(DATA / "theo-doi-thuc-hien-2024.xlsx", target)
    capsys.readouterr()
    assert run_cli("validate", "--data", str(target)) == 0
    err = capsys.readouterr().err
    plan = target / "ke-hoach.yaml"
    first = line_of(
        plan, "nhiem_vu: Tổ chức thực hiện các nhiệm vụ tại Kế hoạch CCHC của xã năm 2024"
    )
    assert (
        f"{plan}, dòng {first - 1}, mục «phụ lục I»: cảnh báo: dòng «1» ghi năm 2024, khác năm "
        "kế hoạch 2026: xem lại câu chữ"
    ) in err
    # A year in a document's number or date is a reference, not the plan's year.
    assert "ghi năm 2018" not in err and "ghi năm 2019" not in err
    assert (
        f"{unit}, mục «bao_cao › noi_nhan»: cảnh báo: «UBND huyện Cao Lộc (Phòng Nội vụ)»: cấp "
        "huyện không còn từ 01/7/2025"
    ) in err
    assert (
        f"{unit}, mục «phieu_xin_loi › co_quan_giai_quyet»: cảnh báo: «Ủy ban nhân dân xã Hải "
        "Yến» không có địa danh «Công Sơn» của đơn vị"
    ) in err
    export = target / "ho-so-mot-cua" / "ho-so-mot-cua-2024.xlsx"
    assert (
        f"{export}: cảnh báo: không có hồ sơ nào tiếp nhận trong năm 2026 (năm kế hoạch); tệp "
        "có hồ sơ năm 2024: có phải tệp cũ?"
    ) in err
    assert (
        f"{target / 'theo-doi-thuc-hien-2024.xlsx'}: cảnh báo: bảng theo dõi của năm khác; kế "
        "hoạch là năm 2026"
    ) in err


def test_first_build_of_a_new_workspace_says_the_tracker_is_being_made(
    tmp_path: Path, capsys
) -> None:
    # No tracker yet: one warning saying build makes it, not one per task "row deleted".
    target = tmp_path / "x"
    assert run_cli("init", str(target), "--from", str(DATA), "--year", "2026") == 0
    shutil.copy(DATA / "don-vi.yaml", target / "don-vi.yaml")
    capsys.readouterr()
    assert (
        run_cli(
            "build", "--data", str(target), "--out", str(tmp_path / "out"), "--as-of", "2026-07-01"
        )
        == 0
    )
    said = capsys.readouterr()
    tracker = target / "theo-doi-thuc-hien-2026.xlsx"
    tracker_lines = [line for line in said.err.splitlines() if line.startswith(str(tracker))]
    assert tracker_lines == [
        f"{tracker}: cảnh báo: chưa có bảng theo dõi nên chưa làm được báo cáo (cần trạng thái "
        "từng nhiệm vụ và nội dung tự viết); lần này làm bảng mới: ghi trạng thái từng nhiệm vụ "
        "và nội dung báo cáo vào bảng rồi chạy lại kehoach build"
    ]
    assert not list((tmp_path / "out").glob("bao-cao-*"))  # nothing to sign yet
    assert f"Đã ghi: {tracker}" in said.out


def test_a_2025_plan_signed_before_july_is_told_of_district_bodies(tmp_path: Path, capsys) -> None:
    """Signed in January 2025, the plan's reports for quý III, quý IV and the year and its
    letters from July are dated after districts ended: «UBND huyện» in «Nơi nhận» is warned
    (it was not, the plan's own date being before July)."""
    target = tmp_path / "hai-yen-2025"
    assert run_cli("init", str(target), "--from", str(DATA), "--year", "2025") == 0
    unit = target / "don-vi.yaml"
    edit(
        unit, "\nco_quan_ban_hanh:\n", "\nco_quan_ban_hanh:\n  - Ủy ban nhân dân\n  - Xã Hải Yến\n"
    )
    edit(unit, "  noi_nhan:\n    -\n", "  noi_nhan:\n    - UBND huyện Cao Lộc (Phòng Nội vụ)\n")
    edit(target / "ke-hoach.yaml", "  ngay:\n  thang:\n", "  ngay: 10\n  thang: 1\n")
    assert (
        f"{unit}, mục «bao_cao › noi_nhan»: cảnh báo: «UBND huyện Cao Lộc (Phòng Nội vụ)»: cấp "
        "huyện không còn từ 01/7/2025; văn bản đề ngày từ ngày đó (báo cáo, phiếu xin lỗi) ghi "
        "cơ quan cấp tỉnh (ví dụ Sở Nội vụ)"
    ) in validate_said(target, capsys)
