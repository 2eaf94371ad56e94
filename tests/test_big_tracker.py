"""Big plans and big trackers as an officer meets them: a plan of hundreds of tasks gets a
tracker whose every status cell has the drop-down (one per sheet, over whole columns), and a
tracker with a thousand rows pasted below its table names the first twenty and counts the
rest, instead of a thousand lines on screen. How fast: bench/tracker.py, not here."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from conftest import DATA, run_cli
from openpyxl import load_workbook
from synthetic import plan_yaml

from kehoach_docs.commands import serve
from kehoach_docs.domain.progress import HEADER_ROW, task_lines
from kehoach_docs.workspace import open_workspace, tracker_file

STATUS_LIST = '"Hoàn thành,Đang thực hiện,Chưa thực hiện,Không phát sinh"'
PASTED = 1300  # rows pasted below the table of «Phụ lục I»
UNMATCHED = (
    "nhiệm vụ «Nhiệm vụ dán thêm {}» không có trong kế hoạch; những gì ghi ở dòng "
    "này không được đưa vào báo cáo"
)


def test_a_big_plans_tracker_has_one_drop_down_a_sheet_over_every_status_cell(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(DATA / "don-vi.yaml", data)
    (data / "ke-hoach.yaml").write_text(plan_yaml(400), encoding="utf-8")
    assert run_cli("tracker", "--data", str(data)) == 0
    lines = task_lines(open_workspace(data)[0].the_plan)
    book = load_workbook(data / tracker_file(2024))
    tasks = Counter(line.appendix for line in lines)
    assert sorted(tasks) == [1, 2, 3] and sum(tasks.values()) == 400
    for index, name in enumerate(("Phụ lục I", "Phụ lục II", "Phụ lục III"), start=1):
        sheet = book[name]
        last = HEADER_ROW + tasks[index]
        # Every task of the appendix, in the plan's order, and nothing below.
        assert sheet.max_row == last
        assert [sheet.cell(r, 3).value or "" for r in range(HEADER_ROW + 1, last + 1)] == [
            line.task for line in lines if line.appendix == index
        ]
        (check,) = sheet.data_validations.dataValidation
        assert sorted(str(area) for area in check.sqref.ranges) == [
            f"{c}{HEADER_ROW + 1}:{c}{last}" for c in "GJMP"
        ]
        assert (check.type, check.formula1, check.allowBlank, check.showErrorMessage) == (
            "list",
            STATUS_LIST,
            True,
            True,
        )
        assert check.errorTitle == "Trạng thái không hợp lệ"
        assert check.error == (
            "Chọn một trong: Hoàn thành, Đang thực hiện, Chưa thực hiện, Không phát sinh"
        )
        for row in range(HEADER_ROW + 1, last + 1):
            cells = [sheet.cell(row, c) for c in range(1, 19)]
            assert [f"{c.column_letter}{row}" in check for c in cells] == [
                c.column_letter in "GJMP" for c in cells
            ], f"{name}, dòng {row}"
            # The plan's text locked, the quarter cells open; all in the tracker's font.
            assert [c.protection.locked for c in cells] == [True] * 6 + [False] * 12
            assert {(c.font.name, c.font.sz, c.alignment.wrap_text) for c in cells} == {
                ("Times New Roman", 12, True)
            }
        assert f"G{HEADER_ROW}" not in check and f"G{last + 1}" not in check


def _paste_rows(tracker: Path, status: str = "Hoàn thành") -> int:
    """Rows an officer pasted below «Phụ lục I»'s table: tasks the plan does not have, each
    with a status; the first one's row."""
    book = load_workbook(tracker)
    sheet = book["Phụ lục I"]
    first = sheet.max_row + 1
    for offset in range(PASTED):
        sheet.cell(first + offset, 3).value = f"Nhiệm vụ dán thêm {offset}"
        sheet.cell(first + offset, 7).value = status
    book.save(tracker)
    return first


def _lines(text: str, needle: str) -> list[str]:
    return [line for line in text.splitlines() if needle in line]


def test_rows_pasted_below_the_table_are_named_twenty_then_counted(workspace: Path, capsys) -> None:
    tracker = workspace / tracker_file(2024)
    first = _paste_rows(tracker)
    capsys.readouterr()
    assert run_cli("validate", "--data", str(workspace)) == 0
    out, err = capsys.readouterr()
    said = _lines(err, "trong kế hoạch")
    assert said == [
        *(
            f"{tracker}: cảnh báo: Trang «Phụ lục I», dòng {first + n}: {UNMATCHED.format(n)}"
            for n in range(20)
        ),
        f"{tracker}: cảnh báo: … và 1.280 dòng khác có nhiệm vụ không có trong kế hoạch, cũng "
        "không được đưa vào báo cáo",
    ]
    # Every one of them is still counted.
    assert out.startswith("Dữ liệu hợp lệ: 0 lỗi, 1.3")
    # The desk's overview says the same.
    assert _lines("\n".join(serve.overview(workspace).warnings), "trong kế hoạch") == said


def test_remaking_names_twenty_rows_set_aside_and_keeps_them_all(workspace: Path, capsys) -> None:
    tracker = workspace / tracker_file(2024)
    _paste_rows(tracker)
    capsys.readouterr()
    assert run_cli("tracker", "--data", str(workspace)) == 0
    said = _lines(capsys.readouterr().err, "không còn khớp")
    assert said == [
        *(
            "Không còn khớp với kế hoạch (đã chép sang trang «Dòng không còn khớp»): Phụ lục I, "
            f"STT -: Nhiệm vụ dán thêm {n}"
            for n in range(20)
        ),
        "… và 1.280 dòng khác cũng không còn khớp (đã chép sang trang «Dòng không còn khớp»)",
    ]
    lost = load_workbook(tracker)["Dòng không còn khớp"]
    rows = [
        [lost.cell(r, c).value for c in (1, 3, 7)] for r in range(HEADER_ROW + 1, lost.max_row + 1)
    ]
    assert rows == [["Phụ lục I", f"Nhiệm vụ dán thêm {n}", "Hoàn thành"] for n in range(PASTED)]


def test_a_column_of_wrong_statuses_is_named_twenty_then_counted(workspace: Path, capsys) -> None:
    tracker = workspace / tracker_file(2024)
    book = load_workbook(tracker)
    sheet = book["Phụ lục I"]
    last = sheet.max_row
    for row in range(HEADER_ROW + 1, last + 1):
        sheet.cell(row, 10).value = "Xong"  # quarter II's status, every task
    book.save(tracker)
    before = tracker.read_bytes()
    capsys.readouterr()
    assert run_cli("tracker", "--data", str(workspace)) == 1
    err = capsys.readouterr().err
    wrong = last - HEADER_ROW
    assert _lines(err, "không hợp lệ") == [
        *(
            f"{tracker}: lỗi: Trang «Phụ lục I», ô J{row}: trạng thái «Xong» không hợp lệ; chọn "
            "một trong: Hoàn thành, Đang thực hiện, Chưa thực hiện, Không phát sinh"
            for row in range(HEADER_ROW + 1, HEADER_ROW + 21)
        ),
        f"{tracker}: lỗi: … và {wrong - 20} ô khác có trạng thái không hợp lệ; chọn một trong: "
        "Hoàn thành, Đang thực hiện, Chưa thực hiện, Không phát sinh",
    ]
    assert f"Không ghi văn bản nào vì dữ liệu có lỗi: {wrong} lỗi," in err
    assert tracker.read_bytes() == before
