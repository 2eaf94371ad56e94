"""kehoach init: a new workspace for a unit and a year, with nothing of another unit's data."""

from __future__ import annotations

from pathlib import Path

from conftest import DATA, copy_data, run_cli
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
