"""Builds the appendix templates in templates/ (Mẫu 2.1 of Nghị định 30/2020).

The .docx files are committed; officers may edit them in Word. Run this again only to start
over from the reference layout:  python scripts/make_templates.py
The same bytes every time (fixed properties and zip entries); tests/test_templates_reproducible.py
builds them into another folder:  python scripts/make_templates.py FOLDER
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, Twips
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "kehoach_docs" / "templates"
FONT = "Times New Roman"
BODY_PT = 13
HEADING_PT = 14
# Landscape text width: 297 mm less the decree's 30 mm left and 15 mm right margins.
TEXT_WIDTH_MM = 252
RULE_MM = 40

sys.path.insert(0, str(ROOT / "src"))
from kehoach_docs.documents.chart import HEIGHT_CM as CHART_HEIGHT_CM  # noqa: E402
from kehoach_docs.documents.chart import WIDTH_CM as CHART_WIDTH_CM  # noqa: E402
from kehoach_docs.documents.templates import (  # noqa: E402
    APPENDIX_TEMPLATES,
    LETTER_TEMPLATE,
    REPORT_TEMPLATE,
)
from kehoach_docs.domain.indicators import TABLE_COLUMNS  # noqa: E402
from kehoach_docs.domain.plan import TableKind  # noqa: E402
from kehoach_docs.render.officezip import normalize_zip  # noqa: E402


def _set_fonts(rfonts) -> None:
    for attr in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        rfonts.set(qn(f"w:{attr}"), FONT)


def _style_document(doc) -> None:
    """Times New Roman for every script in every style, Vietnamese language, 13 pt body."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    if rpr.find(qn("w:rFonts")) is None:
        rpr.insert(0, OxmlElement("w:rFonts"))
    for rfonts in styles.iter(qn("w:rFonts")):
        _set_fonts(rfonts)
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), "vi-VN")
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    _set_fonts(normal.element.rPr.rFonts)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0


def _theme_fonts(data: bytes) -> bytes:
    """The theme's Latin fonts and Word 2010's copy of the styles to Times New Roman, so
    nothing falls back to Calibri."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            blob = src.read(item.filename)
            if item.filename == "word/stylesWithEffects.xml":
                root = etree.fromstring(blob)
                for rfonts in root.iter(qn("w:rFonts")):
                    _set_fonts(rfonts)
                blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            if item.filename == "word/theme/theme1.xml":
                text = blob.decode("utf-8")
                for old in ("Calibri Light", "Calibri", "Cambria"):
                    text = text.replace(f'<a:latin typeface="{old}"', f'<a:latin typeface="{FONT}"')
                blob = text.encode("utf-8")
            dst.writestr(item, blob)
    return out.getvalue()


def _page(doc, landscape: bool = True, numbered: bool = True) -> None:
    section = doc.sections[0]
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    section.left_margin = Mm(30)
    section.right_margin = Mm(15)
    section.top_margin = Mm(20)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.bottom_margin = Mm(15)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.bottom_margin = Mm(20)
    if not numbered:
        return  # a one-page letter needs no page number
    # Page numbers from page 2, each appendix counted from 1.
    section.different_first_page_header_footer = True
    pg = OxmlElement("w:pgNumType")
    pg.set(qn("w:start"), "1")
    section._sectPr.insert_element_before(
        pg,
        "w:cols",
        "w:formProt",
        "w:vAlign",
        "w:noEndnote",
        "w:titlePg",
        "w:textDirection",
        "w:bidi",
        "w:rtlGutter",
        "w:docGrid",
        "w:printerSettings",
        "w:sectPrChange",
    )
    para = section.header.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(para)
    section.first_page_header.paragraphs[0].text = ""


def _page_field(para) -> None:
    for kind, text in (
        ("begin", None),
        ("instr", " PAGE "),
        ("separate", None),
        ("text", "2"),
        ("end", None),
    ):
        run = para.add_run()
        run.font.size = Pt(BODY_PT)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "text":
            run.text = text
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)


def _para(
    container, text: str, *, bold=False, italic=False, size=BODY_PT, align=WD_ALIGN_PARAGRAPH.LEFT
):
    para = container.add_paragraph()
    para.alignment = align
    run = para.add_run(text)
    run.bold = bold
    run.italic = italic
    run.font.size = Pt(size)
    return para


def _heading(doc) -> None:
    """Mẫu 2.1: "Phụ lục I", the title, the italic "Kèm theo" line, a short rule."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    body = doc.element.body
    for child in list(body):
        if child.tag == qn("w:p"):
            body.remove(child)
    _para(doc, "Phụ lục {{ phu_luc.so }}", bold=True, size=HEADING_PT, align=center)
    _para(doc, "{{ phu_luc.tieu_de }}", bold=True, size=HEADING_PT, align=center)
    _para(
        doc,
        "(Kèm theo Kế hoạch số {{ ke_hoach.so|so_vb }}/KH-{{ don_vi.ky_hieu }} "
        "{{ ke_hoach.ngay|ngay }} của {{ don_vi.ten_day_du }})",
        italic=True,
        size=HEADING_PT,
        align=center,
    )
    _rule(doc, RULE_MM, TEXT_WIDTH_MM, after=Pt(12), before=Pt(4))


def _rule(container, width_mm: float, space_mm: float, after=None, before=None) -> None:
    """A short solid line, centred in a space: an empty paragraph's bottom border between
    indents, its own height shrunk so the line sits right under the text above (`before`
    keeps it clear of that text's descenders, so it does not read as an underline)."""
    rule = container.add_paragraph()
    rule.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if before is not None:
        rule.paragraph_format.space_before = before
    indent = Mm((space_mm - width_mm) / 2)
    rule.paragraph_format.left_indent = indent
    rule.paragraph_format.right_indent = indent
    if after is not None:
        rule.paragraph_format.space_after = after
    ppr = rule._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    ppr.insert_element_before(
        borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr", "w:sectPr"
    )
    _tiny_mark(ppr)


def _tiny_mark(ppr) -> None:
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    ppr.append(mark)


def _cell_text(cell, text: str, *, bold=False, align=WD_ALIGN_PARAGRAPH.LEFT) -> None:
    para = cell.paragraphs[0]
    para.alignment = align
    run = para.add_run(text)
    run.bold = bold


def _cell_lines(cell, loop: str, item: str) -> None:
    """A cell whose lines are paragraphs: {%p for %} / {{ line }} / {%p endfor %}."""
    first = cell.paragraphs[0]
    first.add_run(f"{{%p for line in {loop} %}}")
    cell.add_paragraph().add_run(f"{{{{ {item} }}}}")
    cell.add_paragraph().add_run("{%p endfor %}")


def _tag_row(table, tag: str) -> None:
    row = table.add_row()
    row.cells[0].paragraphs[0].add_run(tag)


def _table(doc, headers: Sequence[str], widths_mm: Sequence[float]):
    assert abs(sum(widths_mm) - TEXT_WIDTH_MM) < 0.01
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # a fixed layout: the column widths below are kept
    # A little air above and below each cell's text (2 pt), the usual 0.15 cm at the sides.
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("top", 40), ("left", 85), ("bottom", 40), ("right", 85)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(twips))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    table._tbl.tblPr.insert_element_before(
        margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
    )
    for col, width in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(width)
    header = table.rows[0]
    trpr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    trpr.append(repeat)
    for cell, text in zip(header.cells, headers, strict=True):
        _cell_text(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    _keep_with_next(header)
    return table


def _keep_with_next(row) -> None:
    """A heading or section row stays on the page of the row after it."""
    for cell in row.cells:
        for para in cell.paragraphs:
            para.paragraph_format.keep_with_next = True


def _word_tables(doc) -> None:
    """Tables that Word and LibreOffice lay out alike: each cell's own width (Word's) equal
    to the grid columns it spans (LibreOffice's), and no row split across pages."""
    for tbl in doc.element.body.iter(qn("w:tbl")):
        grid = [int(col.get(qn("w:w"))) for col in tbl.find(qn("w:tblGrid"))]
        for tr in tbl.findall(qn("w:tr")):
            trpr = tr.get_or_add_trPr()
            if trpr.find(qn("w:cantSplit")) is None:
                trpr.insert(0, OxmlElement("w:cantSplit"))
            column = 0
            for tc in tr.findall(qn("w:tc")):
                span = tc.grid_span
                tc.width = Twips(sum(grid[column : column + span]))
                column += span


def _widths(row, widths_mm: Sequence[float]) -> None:
    for cell, width in zip(row.cells, widths_mm, strict=False):
        cell.width = Mm(width)


def task_template() -> bytes:
    doc = Document()
    _style_document(doc)
    _page(doc)
    _heading(doc)
    widths = (15, 70, 75, 27, 32.5, 32.5)
    table = _table(
        doc,
        (
            "STT",
            "Nhiệm vụ cụ thể",
            "Kết quả/sản phẩm",
            "Tiến độ",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
        ),
        widths,
    )
    _tag_row(table, "{%tr for m in muc %}")
    section = table.add_row()
    _widths(section, widths)
    _cell_text(section.cells[0], "{{ m.so }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    merged = section.cells[1].merge(section.cells[5])
    _cell_text(merged, "{{ m.ten }}", bold=True)
    _keep_with_next(section)
    _tag_row(table, "{%tr for r in m.dong %}")
    row = table.add_row()
    _widths(row, widths)
    _cell_text(row.cells[0], "{{ r.so }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    _cell_lines(row.cells[1], "r.nhiem_vu", "line")
    _cell_lines(row.cells[2], "r.san_pham", "line")
    _cell_text(row.cells[3], "{{ r.tien_do }}")
    _cell_text(row.cells[4], "{{ r.chu_tri }}")
    _cell_text(row.cells[5], "{{ r.phoi_hop }}")
    _tag_row(table, "{%tr endfor %}")
    _tag_row(table, "{%tr endfor %}")
    return _save(doc)


def content_template() -> bytes:
    doc = Document()
    _style_document(doc)
    _page(doc)
    _heading(doc)
    widths = (58, 104, 32, 33, 25)
    table = _table(
        doc,
        (
            "Nội dung",
            "Nhiệm vụ, giải pháp",
            "Cơ quan thực hiện",
            "Cơ quan phối hợp",
            "Thời gian thực hiện",
        ),
        widths,
    )
    _tag_row(table, "{%tr for m in muc %}")
    section = table.add_row()
    _widths(section, widths)
    merged = section.cells[0].merge(section.cells[4])
    _cell_text(merged, "{{ m.tieu_de }}", bold=True)
    _keep_with_next(section)
    _tag_row(table, "{%tr for g in m.noi_dung %}")
    _tag_row(table, "{%tr for t in g.nhiem_vu %}")
    row = table.add_row()
    _widths(row, widths)
    # {% vm %}: the "Nội dung" cell is merged vertically over the group's task rows.
    _cell_text(row.cells[0], "{% vm %}{{ g.ten }}")
    _cell_lines(row.cells[1], "t.giai_phap", "line")
    _cell_text(row.cells[2], "{{ t.thuc_hien }}")
    _cell_text(row.cells[3], "{{ t.phoi_hop }}")
    _cell_text(row.cells[4], "{{ t.thoi_gian }}")
    for _ in range(3):
        _tag_row(table, "{%tr endfor %}")
    return _save(doc)


PORTRAIT_WIDTH_MM = 165  # 210 mm less the 30 mm left and 15 mm right margins
TABLE_PT = 12  # a report's tables: 12 to 13 pt (NĐ 30 sets the body at 13 to 14)
LETTER_PT = 14


def _paragraph_style(
    doc,
    name: str,
    *,
    size=LETTER_PT,
    bold=False,
    italic=False,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent_cm=0.0,
    before=0,
    after=6,
):
    """A named paragraph style, so that each of thousands of letters' paragraphs is a
    style reference, not a copy of the same formatting."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Cm(indent_cm) if indent_cm else None
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.15
    return style


def _styled(container, text: str, style: str):
    para = container.add_paragraph(style=style)
    if text:
        para.add_run(text)
    return para


def _borderless(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    table._tbl.tblPr.insert_element_before(
        borders,
        "w:shd",
        "w:tblLayout",
        "w:tblCellMar",
        "w:tblLook",
        "w:tblCaption",
        "w:tblDescription",
        "w:tblPrChange",
    )


def _two_columns(doc, widths_mm):
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borderless(table)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for cell, width in zip(table.rows[0].cells, widths_mm, strict=True):
        cell.width = Mm(width)
    return table


def _tag(container, tag: str) -> None:
    container.add_paragraph().add_run(tag)


def _page_break(doc) -> None:
    """A page break in a paragraph one point high: the next letter starts at the very top."""
    para = doc.add_paragraph()
    para.paragraph_format.space_before = Pt(0)
    para.paragraph_format.space_after = Pt(0)
    para.paragraph_format.line_spacing = Pt(1)
    para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    _tiny_mark(para._p.get_or_add_pPr())
    para.add_run().add_break(WD_BREAK.PAGE)


def _header_block(doc, prefix: str, number: str) -> None:
    """The two-column head of a signed document (NĐ 30, boxes 1 to 4)."""
    header = _two_columns(doc, (65, 100))
    left, right = header.rows[0].cells
    left.paragraphs[0].style = doc.styles["Phieu Dau"]
    left.paragraphs[0].add_run(f"{{%p for line in {prefix}co_quan_chu_quan %}}")
    _styled(left, "{{ line }}", "Phieu Dau")
    _styled(left, "{%p endfor %}", "Phieu Dau")
    _styled(left, f"{{%p for line in {prefix}co_quan %}}", "Phieu Dau")
    _styled(left, "{{ line }}", "Phieu Dau").runs[0].bold = True
    _styled(left, "{%p endfor %}", "Phieu Dau")
    _rule(left, 22, 65)
    numbered = _styled(left, f"Số: {number}", "Phieu Dau")
    numbered.paragraph_format.space_before = Pt(6)
    first = right.paragraphs[0]
    first.style = doc.styles["Phieu Dau"]
    first.add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold = True
    motto = _styled(right, "Độc lập - Tự do - Hạnh phúc", "Phieu Dau")
    motto.runs[0].bold = True
    motto.runs[0].font.size = Pt(LETTER_PT)
    _rule(right, 62, 100)
    place = _styled(right, f"{{{{ {prefix}dia_danh }}}}, {{{{ {prefix}ngay|ngay }}}}", "Phieu Dau")
    place.paragraph_format.space_before = Pt(6)
    place.runs[0].italic = True
    place.runs[0].font.size = Pt(LETTER_PT)


def _letter_styles(doc) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph_style(doc, "Phieu Dau", size=13, align=center, after=0)
    _paragraph_style(doc, "Phieu Ten", bold=True, align=center, before=18, after=6)
    _paragraph_style(doc, "Phieu Kinh Gui", align=center, before=6, after=12)
    _paragraph_style(doc, "Phieu Than", indent_cm=1.27)
    _paragraph_style(doc, "Phieu Ky", bold=True, align=center, after=0)


def _signature(cell, prefix: str) -> None:
    sign = cell
    sign.paragraphs[0].style = cell.part.document.styles["Phieu Ky"]
    sign.paragraphs[0].paragraph_format.space_before = Pt(12)
    sign.paragraphs[0].add_run(f"{{{{ {prefix}quyen_han }}}}")
    _styled(sign, f"{{{{ {prefix}chuc_vu }}}}", "Phieu Ky")
    for _ in range(4):
        _styled(sign, "", "Phieu Ky")
    _styled(sign, f"{{{{ {prefix}nguoi_ky }}}}", "Phieu Ky")


def _clear_body(doc) -> None:
    body = doc.element.body
    for child in list(body):
        if child.tag == qn("w:p"):
            body.remove(child)


def letter_template() -> bytes:
    """Mẫu 04 (Thông tư 01/2018/TT-VPCP): one letter per page, all letters in one loop."""
    doc = Document()
    _style_document(doc)
    _page(doc, landscape=False, numbered=False)
    _clear_body(doc)
    _letter_styles(doc)

    _tag(doc, "{%p for l in phieu %}")
    _header_block(doc, "l.", "{{ l.so }}/{{ l.ky_hieu }}")

    _styled(doc, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "Phieu Ten")
    _styled(doc, "Kính gửi: {{ l.kinh_gui }}", "Phieu Kinh Gui")
    for text in (
        "{{ l.ngay_tiep_nhan|ngay|capitalize }}, {{ l.co_quan_giai_quyet }} tiếp nhận giải "
        "quyết hồ sơ {{ l.thu_tuc }} của {{ l.kinh_gui }}; mã số hồ sơ: {{ l.ma_ho_so }}.",
        "Thời gian hẹn trả kết quả giải quyết hồ sơ: {{ l.gio_hen }}{{ l.ngay_hen|ngay }}.",
        "Tuy nhiên đến nay, {{ l.co_quan_giai_quyet }} chưa trả kết quả giải quyết hồ sơ "
        "cho {{ l.dai_tu }} đúng thời hạn đã hẹn.",
        "Lý do: {{ l.ly_do }}",
        "Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của {{ l.dai_tu }}. "
        "{{ l.co_quan_giai_quyet }} xin lỗi {{ l.dai_tu }} và sẽ trả kết quả giải quyết hồ "
        "sơ cho {{ l.dai_tu }} vào {{ l.ngay_hen_lai|ngay }}.",
        "Mong nhận được sự thông cảm của {{ l.dai_tu }} vì sự chậm trễ này./.",
    ):
        _styled(doc, text, "Phieu Than")
    signature = _two_columns(doc, (65, 100))
    _signature(signature.rows[0].cells[1], "l.")
    signature.rows[0].cells[0].paragraphs[0].style = doc.styles["Phieu Dau"]
    _tag(doc, "{%p if not loop.last %}")
    _page_break(doc)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")
    # The body must end with a paragraph; a one-point one cannot spill onto a new page.
    end = doc.add_paragraph()
    end.paragraph_format.line_spacing = Pt(1)
    end.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    _tiny_mark(end._p.get_or_add_pPr())
    return _save(doc, "Phiếu xin lỗi và hẹn lại ngày trả kết quả")


def _parts(doc, loop: str, signed_after: bool = False) -> None:
    """Numbered parts, each with blocks of lines: "I. ..." / "a) ..." / "- ..." (NĐ 30).
    `signed_after`: the signature follows, so the very last line keeps with it (NĐ 30: the
    signature is never alone on a page)."""
    _tag(doc, f"{{%p for p in {loop} %}}")
    if signed_after:
        _tag(doc, "{%p set p_last = loop.last %}")
    _styled(doc, "{{ p.so }}. {{ p.ten }}", "Bao Cao Muc")
    _tag(doc, "{%p for k in p.khoan %}")
    if signed_after:
        _tag(doc, "{%p set k_last = p_last and loop.last %}")
    _tag(doc, "{%p if k.dam %}")
    _styled(doc, "{{ k.ten }}", "Bao Cao Khoan").runs[0].bold = True  # "1. ..." (NĐ 30)
    _tag(doc, "{%p elif k.ten %}")
    _styled(doc, "{{ k.ten }}", "Bao Cao Khoan")  # "a) ..." upright
    _tag(doc, "{%p endif %}")
    _missing_marks(doc, "k.thieu")
    _tag(doc, "{%p for x in k.dong %}")
    if signed_after:
        _tag(doc, "{%p if k_last and loop.last %}")
        _styled(doc, "{{ x }}", "Bao Cao Cuoi")
        _tag(doc, "{%p else %}")
    _styled(doc, "{{ x }}", "Phieu Than")
    if signed_after:
        _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endfor %}")


def _missing_marks(doc, loop: str) -> None:
    """A draft's marks of what is still to be written: bold italic on yellow, impossible to
    miss (a report meant for signing has none)."""
    _tag(doc, f"{{%p for t in {loop} %}}")
    mark = _styled(doc, "{{ t }}", "Phieu Than")
    run = mark.runs[0]
    run.bold = run.italic = True
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    _tag(doc, "{%p endfor %}")


def _grid(doc, widths_mm, size=TABLE_PT):
    table = doc.add_table(rows=0, cols=len(widths_mm))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # 1 mm at the sides (Word's 1.9 mm would wrap the narrow statistics headings further).
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("left", 57), ("right", 57)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(twips))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    table._tbl.tblPr.insert_element_before(
        margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
    )
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    return table


def _grid_row(table, texts, widths_mm, bold=False, size=TABLE_PT, header=False):
    row = table.add_row()
    if header:
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, text, width in zip(row.cells, texts, widths_mm, strict=True):
        cell.width = Mm(width)
        para = cell.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(text)
        run.bold = bold
        run.font.size = Pt(size)
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    if header:
        _keep_with_next(row)
    return row


def report_template() -> bytes:
    """Mẫu 1.4 (văn bản có tên loại): the periodic CCHC report, with the chart in an annex."""
    doc = Document()
    _style_document(doc)
    _page(doc, landscape=False)
    _clear_body(doc)
    _letter_styles(doc)
    # Headings stay with what follows them, never alone at the foot of a page.
    for style in (
        _paragraph_style(doc, "Bao Cao Muc", bold=True, before=6, after=6, indent_cm=1.27),
        _paragraph_style(doc, "Bao Cao Khoan", indent_cm=1.27, after=3),
        # The text's last line, kept with the signature block after it.
        _paragraph_style(doc, "Bao Cao Cuoi", indent_cm=1.27, after=6),
    ):
        style.paragraph_format.keep_with_next = True
    center = WD_ALIGN_PARAGRAPH.CENTER
    # A draft says so at the top of page 1, above the header block.
    _tag(doc, "{%p if du_thao %}")
    mark = _styled(doc, "DỰ THẢO", "Phieu Dau")
    mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    mark.runs[0].bold = True
    mark.runs[0].font.size = Pt(LETTER_PT)
    mark.paragraph_format.space_after = Pt(6)
    _tag(doc, "{%p endif %}")
    _header_block(doc, "", "{{ so|so_vb }}/BC-{{ ky_hieu }}")
    _styled(doc, "BÁO CÁO", "Phieu Ten")
    title = _styled(doc, "{{ trich_yeu }}", "Phieu Ten")
    title.paragraph_format.space_before = Pt(0)
    _rule(doc, 40, PORTRAIT_WIDTH_MM, after=Pt(12), before=Pt(4))
    _styled(
        doc,
        "{% if dan_ke_hoach %}Thực hiện Kế hoạch số {{ ke_hoach.so|so_vb }}/KH-{{ ky_hieu }} "
        "{{ ke_hoach.ngay|ngay }} về cải cách hành chính năm {{ nam }}, {% endif %}"
        "{{ ten_day_du }} báo "
        "cáo kết quả thực hiện công tác cải cách hành chính {{ ky }} ({{ ky_so_lieu }}) "
        "như sau:",
        "Phieu Than",
    )
    _parts(doc, "phan_dau")
    _styled(
        doc,
        "{{ so_tthc }}. KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH VÀ THỰC HIỆN CHỈ TIÊU",
        "Bao Cao Muc",
    )
    # Without an export there is no report to sign; a draft marks the part instead.
    _missing_marks(doc, "thieu_so_lieu")
    _tag(doc, "{%p if co_so_lieu %}")
    widths = (12, 17, 18, 20, 12, 14, 14, 14, 12, 17, 15)
    stats = _grid(doc, widths)
    # The sub-heading is the table's first row, without borders: LibreOffice leaves a
    # two-line part heading at the foot of a page when a heading paragraph lies between it
    # and the table it keeps with.
    title = stats.add_row()
    _widths(title, widths)
    cell = title.cells[0].merge(title.cells[-1])
    for para in cell.paragraphs[1:]:
        para._p.getparent().remove(para._p)
    heading = cell.paragraphs[0]
    heading.style = doc.styles["Bao Cao Muc"]
    heading.paragraph_format.first_line_indent = Cm(1.27) - Mm(1)  # less the cell's margin
    heading.add_run("1. Tình hình tiếp nhận, giải quyết hồ sơ thủ tục hành chính")
    edges = OxmlElement("w:tcBorders")
    for side in ("top", "left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        edges.append(edge)
    cell._tc.get_or_add_tcPr().append(edges)
    _keep_with_next(title)
    top = _grid_row(
        stats,
        ["Số hồ sơ tiếp nhận"]
        + [""] * 3
        + ["Số hồ sơ đã giải quyết"]
        + [""] * 3
        + ["Số hồ sơ đang giải quyết"]
        + [""] * 2,
        widths,
        bold=True,
        header=True,
    )
    for first, last in ((0, 3), (4, 7), (8, 10)):
        merged = top.cells[first].merge(top.cells[last])
        # Merging keeps every cell's paragraph; the empty ones would make the row tall.
        for para in merged.paragraphs[1:]:
            if not para.text:
                para._p.getparent().remove(para._p)
    _grid_row(
        stats,
        [
            "Tổng số",
            "Kỳ trước chuyển qua",
            "Mới tiếp nhận trực tuyến",
            "Mới tiếp nhận trực tiếp, bưu chính",
            "Tổng số",
            "Trước hạn",
            "Đúng hạn",
            "Quá hạn",
            "Tổng số",
            "Chưa đến hạn",
            "Quá hạn",
        ],
        widths,
        bold=True,
        header=True,
    )
    _grid_row(
        stats,
        [f"{{{{ thong_ke.{name} }}}}" for name in TABLE_COLUMNS],
        widths,
    )
    _styled(doc, "2. Kết quả thực hiện các chỉ tiêu của Kế hoạch", "Bao Cao Muc")
    widths = (13, 57, 24, 46, 25)
    targets = _grid(doc, widths)
    _grid_row(
        targets,
        ["STT", "Chỉ tiêu", "Kế hoạch", "Kết quả", "Đánh giá"],
        widths,
        bold=True,
        header=True,
    )
    _tag_row(targets, "{%tr for c in chi_tieu %}")
    _grid_row(
        targets,
        ["{{ c.stt }}", "{{ c.ten }}", "{{ c.ke_hoach }}", "{{ c.ket_qua }}", "{{ c.danh_gia }}"],
        widths,
    )
    _tag_row(targets, "{%tr endfor %}")
    named = targets.rows[2].cells[1]
    named.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    # Which task of the plan the target belongs to, and where it is printed there.
    source = named.add_paragraph()
    source.alignment = WD_ALIGN_PARAGRAPH.LEFT
    run = source.add_run("({{ c.nhiem_vu }})")
    run.italic = True
    run.font.size = Pt(TABLE_PT)
    _tag(doc, "{%p endif %}")
    _parts(doc, "phan_cuoi", signed_after=True)

    signature = _two_columns(doc, (65, 100))
    receivers = signature.rows[0].cells[0]
    first = receivers.paragraphs[0]
    first.paragraph_format.space_before = Pt(12)
    run = first.add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    receivers.add_paragraph().add_run("{%p for n in noi_nhan %}")
    item = receivers.add_paragraph()
    item.add_run("{{ n }}").font.size = Pt(11)
    # A long recipient's second line starts under the text, not under the dash.
    item.paragraph_format.left_indent = Mm(2.5)
    item.paragraph_format.first_line_indent = Mm(-2.5)
    receivers.add_paragraph().add_run("{%p endfor %}")
    _signature(signature.rows[0].cells[1], "")

    # The chart's annex is a section of its own: NĐ 30 numbers each appendix from 1.
    annex_section = doc.add_section(WD_SECTION.NEW_PAGE)
    annex_section.different_first_page_header_footer = True
    # The paragraph ending the report's section, one point high: it cannot push the
    # signature block (or itself) onto a page of its own.
    section_end = doc.paragraphs[-1]
    section_end.paragraph_format.space_before = Pt(0)
    section_end.paragraph_format.space_after = Pt(0)
    section_end.paragraph_format.line_spacing = Pt(1)
    section_end.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    _tiny_mark(section_end._p.get_or_add_pPr())
    _styled(doc, "Phụ lục", "Phieu Ten").paragraph_format.space_before = Pt(0)
    annex = _styled(
        doc, "BIỂU ĐỒ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH {{ ky|upper }}", "Phieu Ten"
    )
    annex.paragraph_format.space_before = Pt(0)
    note = _styled(
        doc,
        "(Kèm theo Báo cáo số {{ so|so_vb }}/BC-{{ ky_hieu }} {{ ngay|ngay }} "
        "của {{ ten_day_du }})",
        "Phieu Kinh Gui",
    )
    note.runs[0].italic = True
    _rule(doc, 40, PORTRAIT_WIDTH_MM, after=Pt(12), before=Pt(4))
    picture = doc.add_paragraph()
    picture.alignment = center
    # A placeholder the size of the chart; each report puts its own picture in this part.
    picture.add_run().add_picture(
        io.BytesIO(_placeholder_png()), width=Cm(CHART_WIDTH_CM), height=Cm(CHART_HEIGHT_CM)
    )
    return _save(doc, "Báo cáo kết quả thực hiện công tác cải cách hành chính")


def _placeholder_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _save(doc, title: str = "Phụ lục kế hoạch") -> bytes:
    _word_tables(doc)
    props = doc.core_properties
    props.title = title
    props.author = "kehoach-docs"
    props.last_modified_by = "kehoach-docs"
    props.comments = ""
    stamp = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    props.created = stamp
    props.modified = stamp
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalize_zip(_theme_fonts(buffer.getvalue()))


def main(argv: Sequence[str]) -> None:
    out = Path(argv[0]) if argv else OUT
    out.mkdir(parents=True, exist_ok=True)
    for name, build in (
        (APPENDIX_TEMPLATES[TableKind.TASKS], task_template),
        (APPENDIX_TEMPLATES[TableKind.CONTENTS], content_template),
        (LETTER_TEMPLATE, letter_template),
        (REPORT_TEMPLATE, report_template),
    ):
        (out / name).write_bytes(build())
        print(out / name)


if __name__ == "__main__":
    main(sys.argv[1:])
