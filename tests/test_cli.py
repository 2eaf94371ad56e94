"""The command line as an officer meets it: Vietnamese help, exit codes, the default job."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, copy_data, run_cli

from kehoach_docs import cli


def test_help_is_vietnamese(capsys) -> None:
    assert run_cli("--help") == 0
    out = capsys.readouterr().out
    assert out.startswith("Cách dùng: kehoach [TÙY_CHỌN] LỆNH [ĐỐI_SỐ]...")
    assert "Lệnh:" in out and "Tùy chọn:" in out
    for command in ("appendix", "build", "validate"):
        assert f"  {command} " in out
    assert "Làm các phụ lục của kế hoạch" in out


@pytest.mark.parametrize("command", ["build", "appendix", "validate"])
def test_command_help_names_its_options(capsys, command: str) -> None:
    assert run_cli(command, "--help") == 0
    out = capsys.readouterr().out
    assert f"Cách dùng: kehoach {command} [TÙY_CHỌN]" in out
    assert "--data THƯ_MỤC" in out
    assert "--out THƯ_MỤC" in out


def test_usage_errors_exit_two_in_vietnamese(capsys) -> None:
    assert run_cli("build", "--khong-co") == 2
    err = capsys.readouterr().err
    assert "Lỗi cách dùng: không có tùy chọn" in err and "--khong-co" in err
    assert run_cli("lam-gi") == 2
    assert "Lỗi cách dùng: không có lệnh lam-gi" in capsys.readouterr().err
    assert run_cli("report", "--quarter", "5") == 2
    assert (
        "Lỗi cách dùng: giá trị của --quarter không hợp lệ: phải là số từ 1 đến 4, không phải «5»"
    ) in capsys.readouterr().err
    assert run_cli("build", "--forc") == 2
    assert "không có tùy chọn --forc (có phải ý là --force?)" in capsys.readouterr().err


def test_build_without_arguments_uses_data_and_output(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_data(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli, "today", lambda: dt.date(2025, 1, 10))
    assert run_cli("build") == 0
    captured = capsys.readouterr()
    written = [
        line.removeprefix("Đã ghi: ")
        for line in captured.out.splitlines()
        if line.startswith("Đã ghi: ")
    ]
    # Every file written is named, once, and only those.
    assert written == [
        *(f"output/ke-hoach-2024-phu-luc-{n}.docx" for n in ("I", "II", "III")),
        "output/bao-cao-cchc-quy-4-2024.docx",
        "output/bao-cao-cchc-quy-4-2024.png",
        "output/so-theo-doi-phieu-xin-loi.xlsx",
        "output/phieu-xin-loi-2024-so-001-016.docx",
    ]
    assert sorted(written) == sorted(
        f"output/{path.name}"
        for path in (tmp_path / "output").iterdir()
        if not path.name.startswith(".")
    )
    # The letters are dated the export's own day (its title row), not today.
    assert "Tính đến ngày 31/12/2024 (ngày lập tệp hồ sơ)." in captured.out
    assert "cấp mới 16 phiếu, số 01/PXL đến 16/PXL năm 2024." in captured.out
    assert (tmp_path / "data" / "so-theo-doi-phieu-xin-loi.sqlite3").is_file()
    assert "cảnh báo trong dữ liệu (xem bằng: kehoach validate --data data)" in captured.err
    assert (tmp_path / "output" / "ke-hoach-2024-phu-luc-III.docx").is_file()


def test_installed_console_command_runs(tmp_path: Path) -> None:
    # The `kehoach` script installed beside this Python, as the README's first command uses it.
    script = Path(sys.executable).with_name("kehoach")
    if not script.exists():
        pytest.skip("gói chưa được cài đặt bằng pip")
    result = subprocess.run(
        [str(script), "validate", "--data", str(DATA)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "Dữ liệu hợp lệ: 0 lỗi" in result.stdout


@pytest.mark.parametrize("day", ["9999-12-31", "31/12/1999"])
def test_a_day_the_calendar_cannot_count_from_is_refused(tmp_path: Path, capsys, day: str) -> None:
    """9999-12-31 has no working day after it: refused as typed, not an unforeseen error."""
    data = copy_data(tmp_path / "data")
    assert (
        run_cli(
            "letters",
            "--data",
            str(data),
            "--out",
            str(tmp_path / "out"),
            "--as-of",
            day,
            "--force",
        )
        == 2
    )
    shown = day if "/" in day else "31/12/9999"
    assert (
        f"Lỗi cách dùng: giá trị của --as-of không hợp lệ: ngày {shown} nằm ngoài khoảng "
        "chương trình tính được (01/01/2000 đến 31/12/2199)"
    ) in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
