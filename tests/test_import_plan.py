"""kehoach import-plan: a plan typed in Word, read back into the workspace's YAML."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from conftest import DATA, copy_data, run_cli
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from kehoach_docs.domain.plan import Appendix, PartialDate, Plan, TableKind
from kehoach_docs.domain.problems import Problems
from kehoach_docs.inputs.plan_yaml import load_plan


def load(path: Path) -> Plan:
    problems = Problems()
    plan = load_plan(path, str(path), problems)
    assert plan is not None and not problems.errors, [str(p) for p in problems.items]
    return plan


def without_places(appendix: Appendix, targets: bool = True) -> Appendix:
    """The appendix as data: line numbers (where it was typed) left out."""
    sections = []
    for section in appendix.sections:
        rows = tuple(
            replace(row, line=None, target=row.target if targets else None) for row in section.rows
        )
        groups = tuple(
            replace(g, line=None, tasks=tuple(replace(t, line=None) for t in g.tasks))
            for g in section.groups
        )
        sections.append(replace(section, line=None, rows=rows, groups=groups))
    return replace(appendix, line=None, sections=tuple(sections))


@pytest.mark.parametrize("index", [0, 1, 2])
def test_our_appendices_import_back_to_the_same_plan(
    seed_build: Path, tmp_path: Path, capsys, index: int
) -> None:
    data = copy_data(tmp_path / "data")
    original = load(data / "ke-hoach.yaml")
    number = ("I", "II", "III")[index]
    source = seed_build / f"ke-hoach-2024-phu-luc-{number}.docx"
    assert run_cli("import-plan", str(source), "--data", str(data)) == 0
    out = capsys.readouterr()
    assert "không xếp được" not in out.out + out.err
    assert f"Đã ghi: {data / 'ke-hoach.yaml'}" in out.out
    assert list(data.glob("ke-hoach.sao-luu-*.yaml")), "the previous plan is kept"
    imported = load(data / "ke-hoach.yaml")
    assert imported.year == 2024
    assert imported.date == PartialDate(year=2024, month=6)
    assert imported.number is None
    assert len(imported.appendices) == 1
    # Targets are not printed: they are carried over from the rows with the same task.
    assert without_places(imported.appendices[0]) == without_places(original.appendices[index])


def _merge_across(row, first: int, last: int, text: str) -> None:
    cell = row.cells[first].merge(row.cells[last])
    cell.text = text


def _bullets(cell, items: list[str]) -> None:
    cell.text = ""
    first = True
    for item in items:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        paragraph.style = "List Bullet"
        paragraph.add_run(item)
        first = False


def _header(table, names: list[str]) -> None:
    for cell, name in zip(table.rows[0].cells, names, strict=True):
        cell.text = name
    properties = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)


def unit_layout(path: Path) -> None:
    """A plan laid out as another unit would: other column order and headings, a column
    numbers row, a section merged across, bullets, several lines in a cell, a vertically
    merged lead, a table split with its header repeated, a note column the plan has no
    place for; then a PAPI-style table with a "Nội dung" merged down over its tasks."""
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH Cải cách hành chính năm 2026")
    document.add_paragraph("Phụ lục I")
    document.add_paragraph("NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026")
    document.add_paragraph("(Kèm theo Kế hoạch số 12/KH-UBND ngày 15/01/2026 của UBND xã Công Sơn)")
    headings = [
        "Nội dung công việc",
        "TT",
        "Sản phẩm",
        "Đơn vị thực hiện",
        "Thời hạn hoàn thành",
        "Đơn vị phối hợp",
        "Ghi chú",
    ]
    first = document.add_table(rows=6, cols=7)
    _header(first, headings)
    for cell, number in zip(first.rows[1].cells, range(1, 8), strict=True):
        cell.text = f"({number})"
    _merge_across(first.rows[2], 0, 6, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH")
    row = first.rows[3].cells
    row[0].text = "Ban hành kế hoạch CCHC năm 2026"
    row[1].text = "1."
    row[2].text = "Kế hoạch được ban hành"
    row[3].text = "Văn phòng - Thống kê"
    row[4].text = "Tháng 01/2026"
    row[6].text = "Đã trình"
    row = first.rows[4].cells
    row[0].text = "Tuyên truyền CCHC"
    row[1].text = "2"
    _bullets(row[2], ["Tin bài trên trang thông tin", "Pano, áp phích"])
    lead = row[3].merge(first.rows[5].cells[3])
    lead.text = "Công chức Văn hóa - xã hội"
    row[4].text = "Thường xuyên"
    row = first.rows[5].cells
    row[0].text = "Trên mạng xã hội"
    row[1].text = "-"
    row[4].text = "Hằng quý"
    row[5].paragraphs[0].add_run("Đoàn Thanh niên")
    row[5].paragraphs[0].add_run().add_break()
    row[5].paragraphs[0].add_run("Hội Phụ nữ")
    document.add_paragraph("")
    second = document.add_table(rows=3, cols=7)
    _header(second, headings)
    _merge_across(second.rows[1], 0, 6, "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH")
    row = second.rows[2].cells
    row[0].text = "Giải quyết hồ sơ đúng hạn"
    row[0].add_paragraph("Không để hồ sơ quá hạn")
    row[1].text = "1"
    row[2].text = "Tỷ lệ đúng hạn trên 98%"
    row[3].text = "Bộ phận Một cửa"
    row[4].text = "Cả năm"
    document.add_paragraph("PHỤ LỤC II")
    document.add_paragraph("NỘI DUNG CẢI THIỆN CHỈ SỐ PAPI NĂM 2026")
    third = document.add_table(rows=4, cols=5)
    _header(
        third,
        [
            "Nhiệm vụ, giải pháp",
            "Nội dung",
            "Thời gian thực hiện",
            "Cơ quan thực hiện",
            "Cơ quan phối hợp",
        ],
    )
    _merge_across(third.rows[1], 0, 4, "1. Công khai, minh bạch")
    content = third.rows[2].cells[1].merge(third.rows[3].cells[1])
    content.text = "a) Tiếp cận thông tin"
    row = third.rows[2].cells
    row[0].text = "Niêm yết công khai thủ tục"
    row[2].text = "Thường xuyên"
    row[3].text = "UBND xã"
    row = third.rows[3].cells
    row[0].text = "Cập nhật trang thông tin"
    row[2].text = "Hằng tháng"
    document.save(str(path))


def test_a_plan_laid_out_differently_is_read_by_meaning(tmp_path: Path, capsys) -> None:
    source = tmp_path / "ke-hoach-cong-son.docx"
    unit_layout(source)
    data = tmp_path / "cong-son"
    assert run_cli("init", str(data), "--year", "2026") == 0
    capsys.readouterr()
    assert run_cli("import-plan", str(source), "--data", str(data)) == 0
    out = capsys.readouterr()
    # The note column has no place in the plan: reported with table, row and column.
    assert (
        f"{source}, mục «bảng 1 › dòng 4 › cột 7 «Ghi chú»»: cảnh báo: không xếp được vào kế "
        "hoạch (cột không thuộc bảng kế hoạch): «Đã trình»"
    ) in out.err
    assert "Đã đọc 3 bảng" in out.out
    plan = load(data / "ke-hoach.yaml")
    assert (plan.year, plan.number, plan.date) == (2026, 12, PartialDate(2026, 1, 15))
    tasks, contents = plan.appendices
    assert tasks.title == "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"
    assert tasks.kind is TableKind.TASKS
    assert [(s.number, s.title) for s in tasks.sections] == [
        ("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
        ("II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
    ]
    first, second, bullet = tasks.sections[0].rows
    assert (first.number, first.task, first.products, first.lead, first.progress) == (
        "1",
        ("Ban hành kế hoạch CCHC năm 2026",),
        ("Kế hoạch được ban hành",),
        "Văn phòng - Thống kê",
        "Tháng 01/2026",
    )
    assert second.products == ("- Tin bài trên trang thông tin", "- Pano, áp phích")
    # The lead merged down over two rows belongs to both.
    assert bullet.number == "" and bullet.lead == "Công chức Văn hóa - xã hội"
    assert bullet.support == "Đoàn Thanh niên, Hội Phụ nữ"
    (split,) = tasks.sections[1].rows
    assert split.task == ("Giải quyết hồ sơ đúng hạn", "Không để hồ sơ quá hạn")
    assert contents.kind is TableKind.CONTENTS
    (section,) = contents.sections
    assert (section.number, section.title) == ("1", "Công khai, minh bạch")
    (group,) = section.groups
    assert group.content == "a) Tiếp cận thông tin"
    assert [(t.solution, t.executor, t.time) for t in group.tasks] == [
        (("Niêm yết công khai thủ tục",), "UBND xã", "Thường xuyên"),
        (("Cập nhật trang thông tin",), "", "Hằng tháng"),
    ]
    # Written for an officer to read: comments, keys in order, a bullet line quoted.
    text = (data / "ke-hoach.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Kế hoạch cải cách hành chính năm 2026: nhập từ ke-hoach-cong-son")
    assert "  # " + "-" * 60 + " PHỤ LỤC II\n" in text
    assert "'- Pano, áp phích'" in text


def test_a_file_without_plan_tables_is_an_error(tmp_path: Path, capsys) -> None:
    source = tmp_path / "thu-moi.docx"
    document = docx.Document()
    document.add_paragraph("Giấy mời họp")
    document.save(str(source))
    data = copy_data(tmp_path / "data")
    before = (data / "ke-hoach.yaml").read_bytes()
    assert run_cli("import-plan", str(source), "--data", str(data)) == 1
    assert "không thấy bảng nào có hàng tiêu đề nhận ra được" in capsys.readouterr().err
    assert (data / "ke-hoach.yaml").read_bytes() == before
    not_word = tmp_path / "ke-hoach.docx"
    not_word.write_text("không phải Word", encoding="utf-8")
    assert run_cli("import-plan", str(not_word), "--data", str(data)) == 1
    assert "không phải tệp Word .docx đọc được" in capsys.readouterr().err


def test_import_needs_a_workspace_of_the_unit(tmp_path: Path, capsys, seed_build: Path) -> None:
    source = seed_build / "ke-hoach-2024-phu-luc-I.docx"
    missing = tmp_path / "data"
    assert run_cli("import-plan", str(source), "--data", str(missing)) == 1
    assert f"{missing}: lỗi: không phải thư mục dữ liệu của đơn vị; tạo bằng «kehoach init " in (
        capsys.readouterr().err
    )
    assert not missing.exists()
    example = tmp_path / "vi-du"
    shutil.copytree(DATA, example)
    before = (example / "ke-hoach.yaml").read_bytes()
    assert run_cli("import-plan", str(source), "--data", str(example)) == 1
    assert (example / "ke-hoach.yaml").read_bytes() == before
