"""The exports folder of a workspace, and the example kept apart from real data."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from conftest import AS_OF, DATA, EXPORT, copy_data, run_cli
from exports import header_row, row, write_xlsx
from openpyxl import load_workbook

from kehoach_docs import cli


def register_codes(book: Path) -> list[str]:
    sheet = load_workbook(book, read_only=True).active
    return [r[3] for r in sheet.iter_rows(min_row=4, values_only=True) if r[0]]


def test_letters_read_every_export_of_the_folder(tmp_path: Path, capsys) -> None:
    data = copy_data(tmp_path / "data")
    (data / EXPORT).unlink()
    write_xlsx(data / "ho-so-mot-cua" / "thang-1.xlsx", [row("HS-01")])
    # February's export repeats January's open dossier unchanged: it counts once.
    write_xlsx(
        data / "ho-so-mot-cua" / "thang-2.xlsx",
        [row("HS-01"), row("HS-02", applicant="Lò Văn Bình")],
    )
    (data / "ho-so-mot-cua" / "~$thang-2.xlsx").write_bytes(b"Excel lock file")
    out = tmp_path / "out"
    assert run_cli("letters", "--data", str(data), "--out", str(out), "--as-of", AS_OF) == 0
    said = capsys.readouterr().out
    assert "cấp mới 2 phiếu, số 01/PXL đến 02/PXL năm 2025." in said
    assert "Đã đọc 3 dòng hồ sơ của " in said and "thang-1.xlsx, " in said
    assert register_codes(out / "so-theo-doi-phieu-xin-loi.xlsx") == ["HS-01", "HS-02"]


def test_one_code_with_different_data_in_two_exports_is_an_error(tmp_path: Path, capsys) -> None:
    data = copy_data(tmp_path / "data")
    (data / EXPORT).unlink()
    first = write_xlsx(data / "ho-so-mot-cua" / "a.xlsx", [row("HS-01")])
    second = write_xlsx(
        data / "ho-so-mot-cua" / "b.xlsx",
        [row("HS-02"), row("HS-01", finished=dt.datetime(2024, 2, 9))],
    )
    out = tmp_path / "out"
    said = (
        f"{second}, trang «Hồ sơ», dòng {header_row() + 2}, cột «mã hồ sơ»: lỗi: hồ sơ «HS-01» "
        f"cũng có trong {first}, trang «Hồ sơ», dòng {header_row() + 1} nhưng khác ở: ngày có "
        "kết quả"
    )
    # validate says it as the commands that stop on it do (it once read each file alone).
    assert run_cli("validate", "--data", str(data), "--out", str(out)) == 1
    assert capsys.readouterr().err.count(said) == 1
    assert run_cli("build", "--data", str(data), "--out", str(out), "--as-of", AS_OF) == 1
    assert said in capsys.readouterr().err
    assert not out.exists()
    assert not (data / "so-theo-doi-phieu-xin-loi.sqlite3").exists()
    # Naming one file still reads that file alone.
    assert (
        run_cli("letters", str(first), "--data", str(data), "--out", str(out), "--as-of", AS_OF)
        == 0
    )
    said = capsys.readouterr().out
    assert f"Đã đọc 1 dòng hồ sơ của {first}" in said
    assert "cấp mới 1 phiếu, số 01/PXL" in said


def test_the_example_runs_when_there_is_no_data_and_spends_no_real_number(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    clone = tmp_path / "clone"
    shutil.copytree(
        DATA, clone / "examples" / "hai-yen-2024", ignore=shutil.ignore_patterns("*.sqlite3*")
    )
    example = clone / "examples" / "hai-yen-2024"
    before = sorted(p.relative_to(example) for p in example.rglob("*"))
    monkeypatch.chdir(clone)
    monkeypatch.setattr(cli, "today", lambda: dt.date(2025, 1, 10))
    assert run_cli("build") == 0
    captured = capsys.readouterr()
    said = captured.out
    # The hint names the folder actually read, not the data/ that is not there.
    assert "(xem bằng: kehoach validate --data examples/hai-yen-2024)" in captured.err
    state = Path(os.environ["XDG_STATE_HOME"]) / "kehoach-docs" / "vi-du" / "hai-yen-2024"
    assert said.splitlines()[0] == (
        f"Dữ liệu ví dụ examples/hai-yen-2024 (số liệu tạo giả; sổ phiếu của ví dụ ghi ở "
        f"{state}; văn bản của ví dụ ghi vào output/vi-du-hai-yen-2024). Tạo dữ liệu của đơn "
        f"vị: kehoach init data"
    )
    # The example's documents sit in a folder of their own, apart from the unit's output/.
    assert "Đã ghi: output/vi-du-hai-yen-2024/ke-hoach-2024-phu-luc-I.docx" in said
    assert "Đã ghi: output/vi-du-hai-yen-2024/so-theo-doi-phieu-xin-loi.xlsx" in said
    assert "Đã ghi: output/vi-du-hai-yen-2024/bao-cao-cchc-quy-4-2024.docx" in said
    assert [p.name for p in (clone / "output").iterdir()] == ["vi-du-hai-yen-2024"]
    # Nothing written into the example or a data/ folder; the register is the example's own.
    assert sorted(p.relative_to(example) for p in example.rglob("*")) == before
    assert not (clone / "data").exists()
    assert (state / "so-theo-doi-phieu-xin-loi.sqlite3").is_file()
    # Once the unit has its data/, the example is no longer used.
    assert run_cli("init", "data", "--from", "examples/hai-yen-2024", "--year", "2026") == 0
    capsys.readouterr()
    assert run_cli("validate") == 1
    assert "data/don-vi.yaml, dòng 14, mục «co_quan_ban_hanh»" in capsys.readouterr().err


def test_the_example_writes_where_out_says_when_given(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    clone = tmp_path / "clone"
    shutil.copytree(
        DATA, clone / "examples" / "hai-yen-2024", ignore=shutil.ignore_patterns("*.sqlite3*")
    )
    monkeypatch.chdir(clone)
    assert run_cli("appendix", "--out", "output") == 0
    said = capsys.readouterr().out
    assert "văn bản của ví dụ ghi vào output)." in said.splitlines()[0]
    assert "Đã ghi: output/ke-hoach-2024-phu-luc-I.docx" in said
