"""scripts/synthetic.py as a developer runs it: Vietnamese help, its options, and no file
overwritten (least of all the shipped example's export) without --ghi-de."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "synthetic.py"
EXAMPLE_EXPORT = SCRIPT.parents[1] / "examples/hai-yen-2024/ho-so-mot-cua/ho-so-mot-cua-2024.xlsx"


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_help_is_vietnamese_and_writes_nothing(tmp_path: Path) -> None:
    done = run(tmp_path, "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("Cách dùng: python scripts/synthetic.py")
    assert "--ngay-xuat NGÀY" in done.stdout and "Ghi đè tệp đã có." in done.stdout
    assert list(tmp_path.iterdir()) == []


def test_the_example_export_is_not_overwritten_without_ghi_de(tmp_path: Path) -> None:
    before = EXAMPLE_EXPORT.read_bytes()
    done = run(tmp_path)
    assert done.returncode == 1
    assert done.stderr == f"Không ghi: {EXAMPLE_EXPORT} đã có (ghi đè bằng --ghi-de).\n"
    assert EXAMPLE_EXPORT.read_bytes() == before


def test_year_and_export_date_options(tmp_path: Path) -> None:
    done = run(tmp_path, "xuat.xlsx", "20", "--nam", "2025", "--ngay-xuat", "30/06/2025")
    assert (done.returncode, done.stdout) == (0, "Đã ghi: xuat.xlsx\n")
    sheet = load_workbook(tmp_path / "xuat.xlsx").active
    assert sheet["A2"].value == "DANH SÁCH HỒ SƠ THỦ TỤC HÀNH CHÍNH TIẾP NHẬN NĂM 2025"
    assert sheet["A4"].value == "Ngày xuất: 30/06/2025"
    assert sheet["C26"].value == "20 hồ sơ"
    again = run(tmp_path, "xuat.xlsx", "5")
    assert again.returncode == 1 and "đã có (ghi đè bằng --ghi-de)" in again.stderr
    assert run(tmp_path, "xuat.xlsx", "5", "--ghi-de").returncode == 0
    assert load_workbook(tmp_path / "xuat.xlsx").active["C11"].value == "5 hồ sơ"


def test_usage_errors_are_vietnamese(tmp_path: Path) -> None:
    done = run(tmp_path, "x.xlsx", "--ngay-xuat", "31/12/2024", "--nam", "2025")
    assert done.returncode == 2
    assert "Lỗi cách dùng: ngày xuất 31/12/2024 không thuộc năm 2025" in done.stderr
    done = run(tmp_path, "x.xlsx", "--nam", "hai")
    assert "Lỗi cách dùng: tùy chọn --nam: năm phải là số từ 2000 đến 2100, không phải «hai»" in (
        done.stderr
    )
    assert not (tmp_path / "x.xlsx").exists()
