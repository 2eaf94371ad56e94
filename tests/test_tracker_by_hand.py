"""The tracker as officers really edit it in Excel (merged cells, sorted or deleted rows,
renamed sheets), read by each row's key in the report and kept whole when `kehoach tracker`
remakes it for a changed plan."""

from __future__ import annotations

from pathlib import Path

from conftest import edit, run_cli
from docxread import open_doc
from openpyxl import load_workbook

from kehoach_docs.domain.problems import Problems
from kehoach_docs.domain.progress import HEADER_ROW, TEXT_SHEET
from kehoach_docs.inputs.tracker import read_tracker
from kehoach_docs.workspace import open_workspace, tracker_file

REPORT = "bao-cao-cchc-quy-1-2024.docx"
# Two of the example's quarter I entries, as the report prints them.
DONE_I2 = (
    "- Báo cáo kết quả thực hiện công tác CCHC định kỳ: Đã gửi báo cáo CCHC năm 2023 đúng thời hạn."
)
NOTE_IV1 = (
    "- Tiếp tục rà soát, sắp xếp tổ chức bộ máy và kiện toàn chức năng, nhiệm vụ của cơ "
    "quan theo hướng dẫn cấp trên: Chưa có hướng dẫn của cấp trên."
)
SIPAS = (
    "- Tuân thủ nguyên tắc và quy trình giải quyết TTHC đã được phê duyệt: Công chức thực "
    "hiện đúng quy trình nội bộ đã được phê duyệt."
)


def _report(workspace: Path, out: Path) -> list[str]:
    assert (
        run_cli(
            "report",
            "--quarter",
            "1",
            "--data",
            str(workspace),
            "--out",
            str(out),
            "--as-of",
            "2024-12-31",
        )
        == 0
    )
    return [p.text for p in open_doc(out / REPORT).paragraphs if p.text.strip()]


def _row_of(sheet, start: str) -> int:
    return next(
        r
        for r in range(HEADER_ROW + 1, sheet.max_row + 1)
        if str(sheet.cell(r, 3).value or "").startswith(start)
    )


def test_merged_sorted_and_renamed_sheets_are_read_by_each_rows_key(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    tracker = workspace / tracker_file(2024)
    book = load_workbook(tracker)
    first = book["Phụ lục I"]
    # Sorted by task (Excel's Sort A→Z over the data rows), then the section column merged
    # over its rows: only the top cell of a merged range keeps a value.
    last = first.max_row
    rows = [
        [first.cell(r, c).value for c in range(1, first.max_column + 1)]
        for r in range(HEADER_ROW + 1, last + 1)
    ]
    rows.sort(key=lambda values: str(values[2] or ""))
    rows.sort(key=lambda values: str(values[0] or ""))  # stable: sections stay together
    for offset, values in enumerate(rows, start=HEADER_ROW + 1):
        for column, value in enumerate(values, start=1):
            first.cell(offset, column).value = value
    section_iv = [r for r in range(HEADER_ROW + 1, last + 1) if first.cell(r, 1).value == "IV"]
    first.merge_cells(start_row=section_iv[0], start_column=1, end_row=section_iv[-1], end_column=1)
    assert first.cell(section_iv[-1], 1).value is None
    # The SIPAS sheet renamed by the officer.
    book["Phụ lục II"].title = "SIPAS 2024"
    book.save(tracker)
    capsys.readouterr()
    text = _report(workspace, tmp_path / "out")
    assert DONE_I2 in text and NOTE_IV1 in text and SIPAS in text
    assert "không có trong kế hoạch" not in capsys.readouterr().err


def test_a_retyped_number_and_a_row_not_in_the_plan(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    tracker = workspace / tracker_file(2024)
    book = load_workbook(tracker)
    sheet = book["Phụ lục I"]
    row = _row_of(sheet, "Báo cáo kết quả thực hiện công tác CCHC")
    sheet.cell(row, 1).value, sheet.cell(row, 2).value = "1", "2."  # retyped: still its task
    extra = sheet.max_row + 1
    sheet.cell(extra, 3).value = "Nhiệm vụ cán bộ tự thêm"
    sheet.cell(extra, 7).value = "Hoàn thành"
    sheet.cell(extra, 8).value = "Đã làm xong"
    book.save(tracker)
    capsys.readouterr()
    text = _report(workspace, tmp_path / "out")
    assert DONE_I2 in text
    assert not any("tự thêm" in line for line in text)
    err = capsys.readouterr().err
    assert (
        f"{tracker}: cảnh báo: Trang «Phụ lục I», dòng {extra}: nhiệm vụ «Nhiệm vụ cán bộ "
        "tự thêm» không có trong kế hoạch; những gì ghi ở dòng này không được đưa vào báo "
        "cáo"
    ) in err


def test_a_deleted_row_is_named_on_screen(workspace: Path, tmp_path: Path, capsys) -> None:
    tracker = workspace / tracker_file(2024)
    book = load_workbook(tracker)
    sheet = book["Phụ lục I"]
    sheet.delete_rows(_row_of(sheet, "Sáng kiến hoặc giải pháp mới trong CCHC"))
    book.save(tracker)
    capsys.readouterr()
    text = _report(workspace, tmp_path / "out")
    assert DONE_I2 in text and NOTE_IV1 in text  # the rows below it moved up, still read
    err = capsys.readouterr().err
    assert (
        "Trang «Phụ lục I»: 1 nhiệm vụ của kế hoạch không có dòng trong trang này («Sáng "
        "kiến hoặc giải pháp mới trong CCHC»)"
    ) in err


def test_remaking_the_tracker_keeps_what_was_typed_in_an_edited_copy(
    workspace: Path, capsys
) -> None:
    """The plan changes; the officer's copy has a renamed sheet, merged section cells and
    rows in another order: every entry is carried to its task in the new workbook."""
    tracker = workspace / tracker_file(2024)
    book = load_workbook(tracker)
    first = book["Phụ lục I"]
    # Two rows swapped (I.1 and I.2), the section column of section IV merged.
    a = _row_of(first, "Tổ chức thực hiện các nhiệm vụ tại Kế hoạch")
    b = _row_of(first, "Báo cáo kết quả thực hiện công tác CCHC")
    for column in range(1, first.max_column + 1):
        upper, lower = first.cell(a, column), first.cell(b, column)
        upper.value, lower.value = lower.value, upper.value
    iv = _row_of(first, "Tiếp tục rà soát, sắp xếp tổ chức bộ máy")
    first.merge_cells(start_row=iv, start_column=1, end_row=iv + 1, end_column=1)
    book["Phụ lục III"].title = "PAPI"
    book[TEXT_SHEET].cell(HEADER_ROW + 2, 5).value = "Đề nghị hỗ trợ kinh phí số hóa."
    book.save(tracker)
    edit(
        workspace / "ke-hoach.yaml",
        "nhiem_vu: Thực hiện nhiệm vụ được giao trong năm",
        "nhiem_vu: Thực hiện các nhiệm vụ được giao trong năm",
    )
    assert run_cli("tracker", "--data", str(workspace)) == 0
    assert "Không còn khớp" not in capsys.readouterr().err
    remade = load_workbook(tracker)
    assert remade.sheetnames[:3] == ["Phụ lục I", "Phụ lục II", "Phụ lục III"]
    sheet = remade["Phụ lục I"]

    def typed(start: str) -> list[object]:
        return [sheet.cell(_row_of(sheet, start), c).value for c in (7, 8, 9, 10, 11)]

    assert typed("Báo cáo kết quả thực hiện công tác CCHC") == [
        "Hoàn thành",
        "Đã gửi báo cáo CCHC năm 2023 đúng thời hạn.",
        None,
        "Hoàn thành",
        "Đã gửi báo cáo CCHC quý I năm 2024 đúng thời hạn.",
    ]
    assert typed("Tổ chức thực hiện các nhiệm vụ tại Kế hoạch")[0] == "Đang thực hiện"
    assert typed("Tiếp tục rà soát, sắp xếp tổ chức bộ máy")[:3] == [
        "Không phát sinh",
        None,
        "Chưa có hướng dẫn của cấp trên.",
    ]
    papi = remade["Phụ lục III"]
    row = _row_of(papi, "Tuyên truyền, phổ biến và thực hiện đầy đủ các quy định của Luật")
    assert papi.cell(row, 7).value == "Đang thực hiện" and papi.cell(row, 10).value == (
        "Hoàn thành"
    )
    assert remade[TEXT_SHEET].cell(HEADER_ROW + 2, 5).value == "Đề nghị hỗ trợ kinh phí số hóa."


def test_remaking_refuses_a_copy_with_a_wrong_status_and_changes_nothing(
    workspace: Path, capsys
) -> None:
    tracker = workspace / tracker_file(2024)
    book = load_workbook(tracker)
    book["Phụ lục I"]["G5"] = "Xong"
    book.save(tracker)
    before = tracker.read_bytes()
    assert run_cli("tracker", "--data", str(workspace)) == 1
    assert "Trang «Phụ lục I», ô G5: trạng thái «Xong» không hợp lệ" in capsys.readouterr().err
    assert tracker.read_bytes() == before
    assert not list(workspace.glob("*.sao-luu-*"))


def test_rows_set_aside_stay_through_two_remakes(workspace: Path, capsys) -> None:
    plan = workspace / "ke-hoach.yaml"
    edit(
        plan,
        "nhiem_vu: Báo cáo kết quả thực hiện công tác CCHC định kỳ",
        "nhiem_vu: Báo cáo kết quả CCHC định kỳ (hằng quý)",
    )
    assert run_cli("tracker", "--data", str(workspace)) == 0
    edit(
        plan,
        "nhiem_vu: Thực hiện nhiệm vụ được giao trong năm",
        "nhiem_vu: Thực hiện các nhiệm vụ được giao trong năm",
    )
    assert run_cli("tracker", "--data", str(workspace)) == 0
    lost = load_workbook(workspace / tracker_file(2024))["Dòng không còn khớp"]
    assert lost.cell(HEADER_ROW + 1, 1).value == "Phụ lục I"
    assert lost.cell(HEADER_ROW + 1, 3).value == "Báo cáo kết quả thực hiện công tác CCHC định kỳ"
    assert [lost.cell(HEADER_ROW + 1, c).value for c in (7, 8, 10)] == [
        "Hoàn thành",
        "Đã gửi báo cáo CCHC năm 2023 đúng thời hạn.",
        "Hoàn thành",
    ]


def test_report_texts_on_a_renamed_sheet_with_labels_typed_freely(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    tracker = workspace / tracker_file(2024)
    book = load_workbook(tracker)
    texts = book[TEXT_SHEET]
    texts.title = "Nội dung BC quý"
    texts.cell(HEADER_ROW + 1, 1).value = "quý 1"  # was "Quý I"
    texts.cell(HEADER_ROW + 1, 2).value = "Người dân hài lòng với Bộ phận Một cửa."
    extra = texts.max_row + 1
    texts.cell(extra, 1).value = "Tháng 3"
    texts.cell(extra, 5).value = "Đề nghị cấp máy tính mới."
    book.save(tracker)
    capsys.readouterr()
    text = _report(workspace, tmp_path / "out")
    assert "- Người dân hài lòng với Bộ phận Một cửa." in text
    assert "- Đề nghị cấp máy tính mới." not in text
    assert (
        f"{tracker}: cảnh báo: Trang «Nội dung BC quý», ô A{extra}: kỳ «Tháng 3» không rõ; "
        "ghi một trong: Quý I, Quý II, Quý III, Quý IV, 6 tháng, Năm (những gì ghi ở dòng "
        "này chưa được đưa vào báo cáo)"
    ) in capsys.readouterr().err


def test_made_tracker_locks_the_plans_text_and_says_what_to_write(workspace: Path) -> None:
    """Made again from the example's tracker (written before sheets were protected): what
    was typed is kept and read the same; the plan's own columns A–F are locked, without a
    password, every other cell open; the report texts' sheet says what each column needs."""
    tracker = workspace / tracker_file(2024)
    plan = open_workspace(workspace)[0].the_plan
    before = read_tracker(tracker, "cũ", plan, Problems())
    assert run_cli("tracker", "--data", str(workspace)) == 0
    problems = Problems()
    after = read_tracker(tracker, "mới", plan, problems)
    assert not problems.errors
    assert (after.entries, after.texts, after.places) == (
        before.entries,
        before.texts,
        before.places,
    )
    book = load_workbook(tracker)
    for name in ("Phụ lục I", "Phụ lục II", "Phụ lục III"):
        sheet = book[name]
        guard = sheet.protection
        assert guard.sheet and guard.password is None and guard.hashValue is None, name
        assert not guard.formatColumns and not guard.formatRows  # resizing stays allowed
        # The column titles the report looks for are locked too.
        assert all(sheet.cell(HEADER_ROW, c).protection.locked for c in range(1, 19))
        for row in range(HEADER_ROW + 1, sheet.max_row + 1):
            assert [sheet.cell(row, c).protection.locked for c in range(1, 19)] == (
                [True] * 6 + [False] * 12
            ), f"{name}, dòng {row}"
        # Cells nobody wrote in yet take their column's style: open right of F, below too.
        columns = {d.min: d for d in sheet.column_dimensions.values()}
        assert columns[1].protection.locked and columns[6].protection.locked
        assert not any(columns[c].protection.locked for c in (7, 12, 18, 19))
        assert columns[19].max == 16384
        # The status drop-down still covers every quarter's status cell, a column at a time.
        (check,) = sheet.data_validations.dataValidation
        assert {str(r) for r in check.sqref.ranges} == {
            f"{c}{HEADER_ROW + 1}:{c}{sheet.max_row}" for c in "GJMP"
        }
    texts = book[TEXT_SHEET]
    assert not texts.protection.sheet
    assert texts["A2"].value == (
        "Mỗi kỳ một dòng. Kỳ nào cũng phải ghi Ưu điểm; Tồn tại, hạn chế và nguyên nhân; "
        "Nhiệm vụ kỳ tới thì mới làm được báo cáo của kỳ đó. Kiến nghị, đề xuất: ghi nếu có. "
        "Mỗi ý một dòng trong ô (Alt+Enter)."
    )
    assert book["Phụ lục I"]["A2"].value.endswith(
        "Các cột từ A đến F bị khóa: chúng được làm lại từ kế hoạch."
    )
    assert book.properties.title == "Theo dõi thực hiện Kế hoạch CCHC năm 2024"
