"""The appendices look like Mẫu 2.1 of Nghị định 30/2020: page, font, heading, table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import run_cli
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docxread import (
    W,
    all_xml_text,
    grid_span,
    open_doc,
    pdf_text,
    row_elements,
    run_is_bold,
    soffice,
    table_rows,
)
from pypdf import PdfReader

from kehoach_docs.outputs import pdf

NAMES = [f"ke-hoach-2024-phu-luc-{n}.docx" for n in ("I", "II", "III")]
TITLES = [
    "CÁC NHIỆM VỤ, GIẢI PHÁP NHẰM NÂNG CAO CHỈ SỐ PAR INDEX NĂM 2024",
    "CÁC NHIỆM VỤ, GIẢI PHÁP NHẰM NÂNG CAO CHỈ SỐ SIPAS NĂM 2024",
    "NỘI DUNG CẢI THIỆN, NÂNG CAO CHỈ SỐ PAPI TỈNH LẠNG SƠN NĂM 2024",
]
UNSIGNED_LINE = (
    "(Kèm theo Kế hoạch số      /KH-UBND ngày      tháng 6 năm 2024 của Ủy ban nhân dân xã Hải Yến)"
)
TASK_HEADER = [
    "STT",
    "Nhiệm vụ cụ thể",
    "Kết quả/sản phẩm",
    "Tiến độ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
]
CONTENT_HEADER = [
    "Nội dung",
    "Nhiệm vụ, giải pháp",
    "Cơ quan thực hiện",
    "Cơ quan phối hợp",
    "Thời gian thực hiện",
]


def test_build_writes_appendices_letters_register_and_report(seed_build: Path) -> None:
    # On the example export, 20 dossiers are open and past their due date on 10/01/2025.
    assert sorted(p.name for p in seed_build.glob("*.docx")) == sorted(
        [*NAMES, "phieu-xin-loi-2025-so-001-020.docx", "bao-cao-cchc-quy-4-2024.docx"]
    )
    assert (seed_build / "so-theo-doi-phieu-xin-loi.xlsx").is_file()
    assert (seed_build / "bao-cao-cchc-quy-4-2024.png").is_file()


@pytest.mark.parametrize(
    ("name", "title"),
    [
        *(
            (name, f"Phụ lục {number} - {title}")
            for name, number, title in zip(NAMES, ("I", "II", "III"), TITLES, strict=True)
        ),
        (
            "phieu-xin-loi-2025-so-001-020.docx",
            "Phiếu xin lỗi và hẹn lại ngày trả kết quả: 20 phiếu, số 01/PXL đến 20/PXL năm 2025",
        ),
    ],
)
def test_each_document_is_titled_as_what_it_is(seed_build: Path, name: str, title: str) -> None:
    """The title property is what Word's properties, the file browser and a PDF show."""
    assert open_doc(seed_build / name).core_properties.title == title


def test_the_report_is_titled_by_its_summary(seed_build: Path) -> None:
    report = open_doc(seed_build / "bao-cao-cchc-quy-4-2024.docx")
    texts = [p.text for p in report.paragraphs if p.text.strip()]
    summary = texts[texts.index("BÁO CÁO") + 1]
    assert summary == "Kết quả thực hiện công tác cải cách hành chính quý IV năm 2024"
    assert report.core_properties.title == (
        "Báo cáo kết quả thực hiện công tác cải cách hành chính quý IV năm 2024"
    )


@pytest.mark.parametrize("name", NAMES)
def test_page_is_a4_landscape_with_decree_margins(seed_build: Path, name: str) -> None:
    section = open_doc(seed_build / name).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert round(section.page_width.mm) == 297 and round(section.page_height.mm) == 210
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm, 1) for m in margins] == [20.0, 15.0, 30.0, 15.0]


@pytest.mark.parametrize("name", NAMES)
def test_times_new_roman_for_every_script_and_no_other_font(seed_build: Path, name: str) -> None:
    doc = open_doc(seed_build / name)
    styles = doc.styles.element
    default_fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    for attr in ("ascii", "hAnsi", "cs"):
        assert default_fonts.get(qn(f"w:{attr}")) == "Times New Roman"
    # A theme font attribute would win over the explicit font in Word.
    xml = all_xml_text(seed_build / name)
    assert not re.search(r'w:(ascii|hAnsi|cs)Theme="', xml)
    # Word's bullet glyphs (numbering.xml) use the Symbol font; text never does.
    xml = all_xml_text(seed_build / name, skip=("word/numbering.xml", "word/fontTable.xml"))
    named = set(re.findall(r'w:(?:ascii|hAnsi|cs)="([^"]+)"', xml))
    assert named == {"Times New Roman"}


@pytest.mark.parametrize(
    ("name", "number", "title"), list(zip(NAMES, ("I", "II", "III"), TITLES, strict=True))
)
def test_heading_lines_of_unsigned_plan(
    seed_build: Path, name: str, number: str, title: str
) -> None:
    paras = open_doc(seed_build / name).paragraphs
    first, second, third, rule = paras[:4]
    assert first.text == f"Phụ lục {number}"
    assert second.text == title
    assert third.text == UNSIGNED_LINE
    for para in (first, second, third):
        assert para.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert all(run.font.size.pt == 14 for run in para.runs if run.text.strip())
    assert all(run.bold for run in first.runs + second.runs if run.text.strip())
    assert all(run.italic and not run.bold for run in third.runs if run.text.strip())
    # The short solid rule under the heading: an empty paragraph with a bottom border.
    assert rule.text == ""
    assert rule._p.find(f"{W}pPr/{W}pBdr/{W}bottom").get(qn("w:val")) == "single"


@pytest.mark.parametrize(
    ("name", "header"), list(zip(NAMES, (TASK_HEADER, TASK_HEADER, CONTENT_HEADER), strict=True))
)
def test_header_row_bold_centred_and_repeated(
    seed_build: Path, name: str, header: list[str]
) -> None:
    doc = open_doc(seed_build / name)
    assert table_rows(doc)[0] == header
    first_row = row_elements(doc)[0]
    assert first_row.find(f"{W}trPr/{W}tblHeader") is not None
    for para in doc.tables[0].rows[0]._tr.iter(f"{W}p"):
        assert para.find(f"{W}pPr/{W}jc").get(qn("w:val")) == "center"
        assert all(run_is_bold(r) for r in para.iter(f"{W}r"))


def test_section_rows_are_bold_and_span_the_text_columns(seed_build: Path) -> None:
    doc = open_doc(seed_build / NAMES[0])
    sections = [tr for tr in row_elements(doc) if len(tr.findall(f"{W}tc")) == 2]
    numbers = ["".join(t.text for t in tr.findall(f"{W}tc")[0].iter(f"{W}t")) for tr in sections]
    assert numbers == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    for tr in sections:
        _number_cell, title_cell = tr.findall(f"{W}tc")
        assert grid_span(title_cell) == 5
        assert all(run_is_bold(r) for r in tr.iter(f"{W}r"))


@pytest.mark.parametrize("name", NAMES)
def test_no_placeholder_or_none_leaks(seed_build: Path, name: str) -> None:
    xml = all_xml_text(seed_build / name)
    for leak in ("{{", "}}", "{%", "%}", ">None<", "None"):
        assert leak not in xml


@pytest.mark.parametrize("name", NAMES)
def test_page_numbers_centred_in_header_from_page_two(seed_build: Path, name: str) -> None:
    section = open_doc(seed_build / name).sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" in "".join(t.text for t in header._p.iter(f"{W}instrText"))
    restart = section._sectPr.find(f"{W}pgNumType")
    assert restart.get(qn("w:start")) == "1"


def test_pdfs_from_one_libreoffice_start_repeat_the_header_and_number_from_two(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`appendix --pdf`: each appendix a PDF of its own, titled as its .docx, made by one
    LibreOffice start for the three; the table's header on every page, pages numbered from
    the second, as LibreOffice lays them out."""
    soffice(writer=True)
    starts: list[str] = []
    run = pdf._Converters.run

    def counted(self: pdf._Converters, args: list[str], what: str, *more: object) -> object:
        starts.append(what)
        return run(self, args, what, *more)

    monkeypatch.setattr(pdf._Converters, "run", counted)
    out = tmp_path / "out"
    assert run_cli("appendix", "--data", str(workspace), "--out", str(out), "--pdf") == 0
    assert starts == [", ".join(NAMES)]
    for roman, name, title in zip(("I", "II", "III"), NAMES, TITLES, strict=True):
        made = out / name.replace(".docx", ".pdf")
        metadata = PdfReader(made).metadata
        assert metadata.title == open_doc(out / name).core_properties.title
        # No time of conversion, no author of a template: the same PDF from the same plan.
        assert "/CreationDate" not in metadata and "/Author" not in metadata
        root = PdfReader(made).root_object
        assert root["/Lang"] == "vi-VN" and root["/ViewerPreferences"]["/DisplayDocTitle"]
        pages = pdf_text(made)
        assert " ".join(pages[0].split()).startswith(f"Phụ lục {roman} {title}")
        header = TASK_HEADER[1:3] if roman != "III" else CONTENT_HEADER[:2]
        for number, page in enumerate(pages, start=1):
            assert all(words in page for words in header), (name, number)
            if number > 1:
                assert page.strip().splitlines()[0].strip() == str(number), (name, number)
    assert len(pdf_text(out / "ke-hoach-2024-phu-luc-I.pdf")) >= 3


def test_pdfs_of_a_plan_without_appendices_are_none(workspace: Path, tmp_path: Path) -> None:
    """A plan that lists no appendix yet: `appendix --pdf` writes nothing and says so, as
    without --pdf (no LibreOffice started for nothing)."""
    soffice(writer=True)
    plan = workspace / "ke-hoach.yaml"
    head = plan.read_text(encoding="utf-8").split("\nphu_luc:", 1)[0]
    plan.write_text(head + "\nphu_luc: []\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("appendix", "--data", str(workspace), "--out", str(out)) == 0
    assert run_cli("appendix", "--data", str(workspace), "--out", str(out), "--pdf") == 0
    assert not out.exists() or not list(out.glob("*.pdf"))
