"""NĐ 30 dates and numbers: blanks while unsigned, the right padding once signed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import EXPORT, edit, run_cli
from docxread import open_doc

from kehoach_docs.domain.nd30 import date_text, number_text, roman
from kehoach_docs.domain.plan import PartialDate


@pytest.mark.parametrize(
    ("day", "month", "expected"),
    [
        (1, 1, "ngày 01 tháng 01 năm 2024"),
        (5, 2, "ngày 05 tháng 02 năm 2024"),
        (10, 3, "ngày 10 tháng 3 năm 2024"),
        (29, 6, "ngày 29 tháng 6 năm 2024"),
        (31, 12, "ngày 31 tháng 12 năm 2024"),
    ],
)
def test_nd30_date_padding(day: int, month: int, expected: str) -> None:
    assert date_text(dt.date(2024, month, day)) == expected
    assert date_text(PartialDate(2024, month, day)) == expected


def test_blanks_for_what_is_not_known_yet() -> None:
    assert date_text(PartialDate(2024, 6)) == "ngày      tháng 6 năm 2024"
    assert date_text(PartialDate(2024)) == "ngày      tháng      năm 2024"
    assert "số " + number_text(None) + "/KH" == "số      /KH"
    assert [number_text(n) for n in (1, 5, 9, 10, 125)] == ["01", "05", "09", "10", "125"]
    assert [roman(n) for n in (1, 2, 3, 4, 8, 9, 14)] == [
        "I",
        "II",
        "III",
        "IV",
        "VIII",
        "IX",
        "XIV",
    ]


def sign(workspace: Path, number: int, day: int, month: int) -> None:
    edit(
        workspace / "ke-hoach.yaml",
        "so:\nngay_ban_hanh:\n  ngay:\n  thang: 6",
        f"so: {number}\nngay_ban_hanh:\n  ngay: {day}\n  thang: {month}",
    )


@pytest.mark.parametrize(
    ("number", "day", "month", "expected"),
    [
        (5, 5, 2, "số 05/KH-UBND ngày 05 tháng 02 năm 2024"),
        (1, 1, 1, "số 01/KH-UBND ngày 01 tháng 01 năm 2024"),
        (12, 10, 3, "số 12/KH-UBND ngày 10 tháng 3 năm 2024"),
        (143, 31, 12, "số 143/KH-UBND ngày 31 tháng 12 năm 2024"),
    ],
)
def test_signed_plan_fills_number_and_date(
    workspace: Path, tmp_path: Path, number: int, day: int, month: int, expected: str
) -> None:
    sign(workspace, number, day, month)
    out = tmp_path / "out"
    assert run_cli("appendix", "--data", str(workspace), "--out", str(out)) == 0
    for name in ("I", "II", "III"):
        line = open_doc(out / f"ke-hoach-2024-phu-luc-{name}.docx").paragraphs[2].text
        assert line == f"(Kèm theo Kế hoạch {expected} của Ủy ban nhân dân xã Hải Yến)"


def test_unit_names_come_from_configuration(workspace: Path, tmp_path: Path) -> None:
    # The unit's name is written once, in its header lines: the running-text name, the place
    # before the date and the letters' resolving body all follow it.
    edit(workspace / "don-vi.yaml", "  - Xã Hải Yến", "  - Xã Công Sơn")
    edit(workspace / "don-vi.yaml", "ky_hieu: UBND", "ky_hieu: ubnd x")
    out = tmp_path / "out"
    assert run_cli("appendix", "--data", str(workspace), "--out", str(out)) == 0
    line = open_doc(out / "ke-hoach-2024-phu-luc-I.docx").paragraphs[2].text
    assert line.endswith("/KH-UBNDX ngày      tháng 6 năm 2024 của Ủy ban nhân dân xã Công Sơn)")
    assert (
        run_cli(
            "letters",
            "--data",
            str(workspace),
            "--out",
            str(out),
            "--as-of",
            "2025-01-10",
            str(workspace / EXPORT),
        )
        == 0
    )
    (letters,) = out.glob("phieu-xin-loi-*.docx")
    document = open_doc(letters)
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    text = "\n".join([*(p.text for p in document.paragraphs), *cells])
    assert "Công Sơn, ngày 10 tháng 01 năm 2025" in text
    assert "Ủy ban nhân dân xã Công Sơn xin lỗi" in text
    assert "Hải Yến" not in text
