"""docxtpl's conventions as the engine honours them: values with line ends and control
characters, template errors said with their place, and each supported tag rendered by both
the engine and docxtpl on the same template and plain data."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import run_cli
from docx import Document
from docx.document import Document as DocumentType
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docxread import W, cell_text, grid_span, pdf_pages, v_merge
from lxml import etree
from test_engine import word_cell, word_paragraph

from kehoach_docs.render.engine import TemplateFault, compile_template, render_docx
from kehoach_docs.workspace import find_template

STAMP = dt.datetime(2025, 1, 10, tzinfo=dt.UTC)
# Each mark docxtpl gives a meaning, and characters XML forbids (a file holding one does not
# open in Word, python-docx or LibreOffice).
MARKS = "một\ndòng\r\nhai\ttab\abốn\fnăm\x0bsáu\x01bảy\x1ftám\ud800chín"


def letter_of_marks() -> dict[str, object]:
    text = {
        name: f"{name}: {MARKS}"
        for name in (
            "so",
            "ky_hieu",
            "dia_danh",
            "kinh_gui",
            "dai_tu",
            "chu_ho_so",
            "co_quan_giai_quyet",
            "thu_tuc",
            "ma_ho_so",
            "gio_hen",
            "ly_do",
            "quyen_han",
            "chuc_vu",
            "nguoi_ky",
        )
    }
    day = dt.date(2024, 3, 15)
    return {
        **text,
        "nam": 2024,
        "co_quan_chu_quan": (MARKS,),
        "co_quan": (MARKS, "B"),
        "ngay": day,
        "ngay_tiep_nhan": day,
        "ngay_hen": day,
        "ngay_hen_lai": day,
        "so_ngay_tre": 3,
    }


def test_line_ends_tabs_paragraph_and_page_marks_in_every_field_of_a_letter(
    tmp_path: Path,
) -> None:
    template = compile_template(find_template("phieu-xin-loi.docx", None))
    out = tmp_path / "phieu.docx"
    out.write_bytes(render_docx(template, {"phieu": [letter_of_marks()]}, STAMP, f"T{MARKS}"))
    doc = Document(str(out))
    texts = [paragraph.text for paragraph in doc.paragraphs]
    # \a and \f start a new paragraph with the field's paragraph and run properties (\f with
    # a page break between), \n and \r\n are line breaks, \t a tab, the rest dropped.
    assert "Lý do: ly_do: một\ndòng\nhai\ttab" in texts
    reason = texts.index("Lý do: ly_do: một\ndòng\nhai\ttab")
    assert texts[reason + 1 : reason + 4] == ["bốn", "", "nămsáubảytámchín"]
    body = doc.element.body
    assert body.xpath("count(.//w:br[@w:type='page'])") >= 14  # one per field at least
    assert body.xpath("count(.//w:tab)") >= 14
    assert doc.core_properties.title == "Tmột\ndòng\nhai\ttabbốnnămsáubảytámchín"
    pages = [" ".join(page.split()) for page in pdf_pages(out, tmp_path)]
    assert any("Lý do: ly_do: một dòng hai tab" in page for page in pages)
    # The fields of the body's paragraphs each break the page (in a table cell LibreOffice
    # leaves a page break out, as Word does).
    assert len(pages) >= 10


def saved(doc: DocumentType, path: Path) -> Path:
    doc.save(str(path))
    return path


def refusal(path: Path, context: dict[str, object] | None = None) -> str:
    with pytest.raises(TemplateFault) as refused:
        render_docx(compile_template(path), context or {}, STAMP)
    return refused.value.message


def test_an_error_names_the_part_the_paragraph_its_first_words_and_the_tag(
    tmp_path: Path,
) -> None:
    doc = Document()
    for number in range(1, 41):
        doc.add_paragraph(f"Đoạn số {number}.")
    doc.add_paragraph("Kính gửi: {{ ten }}, người nộp hồ sơ tại bộ phận một cửa {{ ma }}")
    doc.sections[0].footer.paragraphs[0].text = "Trang {{ so_trang }} của phiếu"
    path = saved(doc, tmp_path / "mau.docx")
    assert refusal(path, {"so_trang": 1}) == (
        "thân văn bản, đoạn 41 «Kính gửi: {{ ten }}, người nộp hồ …»: trường «ten» "
        "không có trong dữ liệu"
    )
    assert refusal(path, {"ten": "A", "ma": "B"}) == (
        "chân trang, đoạn 1 «Trang {{ so_trang }} của phiếu»: trường «so_trang» không có "
        "trong dữ liệu"
    )
    doc.paragraphs[40].text = "Kính gửi: {{r ten}}"
    assert refusal(saved(doc, tmp_path / "r.docx")) == (
        "thân văn bản, đoạn 41 «Kính gửi: {{r ten}}»: thẻ «{{r ten}}» chưa được hỗ trợ (docxtpl "
        "dùng nó để chèn chữ định dạng sẵn, văn bản con hay ảnh; chương trình chỉ điền chữ): "
        "hãy viết «{{ tên_trường }}»"
    )
    doc.paragraphs[40].text = "Kính gửi: {{ ten | }}"
    assert refusal(saved(doc, tmp_path / "cu-phap.docx")) == (
        "thân văn bản, đoạn 41 «Kính gửi: {{ ten | }}»: thẻ «{{ ten | }}» viết sai (lỗi cú "
        "pháp); hãy xem lại các dấu ngoặc và từ khóa"
    )
    doc.paragraphs[40].text = "{% for x in ds %}"
    assert refusal(saved(doc, tmp_path / "mo.docx")) == (
        "thân văn bản: thiếu thẻ đóng «{% endfor %}» cho một thẻ «{% for … %}»"
    )


def test_validate_lists_every_missing_field_of_a_template_at_once(capsys, workspace: Path) -> None:
    own = workspace / "templates" / "phieu-xin-loi.docx"
    rewrite_template(
        find_template("phieu-xin-loi.docx", None),
        own,
        {
            "{{ l.so }}": "{{ l.so_sai }}",
            "{{ l.thu_tuc }}": "{{ l.thu_tuc_sai }}",
            "{{ l.nguoi_ky }}": "{{ nguoi_ky_sai }}",
        },
    )
    assert run_cli("validate", "--data", str(workspace)) == 1
    err = capsys.readouterr().err
    said = [line.split(": lỗi: ", 1)[1] for line in err.splitlines() if str(own) in line]
    assert [line.rsplit("»: ", 1)[1] for line in said] == [
        "trường «so_sai» không có trong dữ liệu",
        "trường «thu_tuc_sai» không có trong dữ liệu",
        "trường «nguoi_ky_sai» không có trong dữ liệu",
    ]
    assert said[0].startswith("thân văn bản, đoạn 9 «Số: {{ l.so_sai }}/{{ l.ky_hieu }}»")


def rewrite_template(source: Path, target: Path, changes: dict[str, str]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                for old, new in changes.items():
                    assert old in text
                    text = text.replace(old, new)
                data = text.encode("utf-8")
            dst.writestr(item, data)


_DOCXTPL = """
import json, sys
from docxtpl import DocxTemplate
template = DocxTemplate(sys.argv[1])
template.render(json.loads(sys.argv[2]), autoescape=True)
template.save(sys.argv[3])
"""


def rendered_by_both(
    path: Path, context: dict[str, object], tmp_path: Path, title: str = ""
) -> tuple[Path, Path]:
    """The documents each engine makes of one template and data."""
    ours = tmp_path / "ours.docx"
    ours.write_bytes(render_docx(compile_template(path), context, STAMP, title))
    # In a process of its own: importing docxtpl changes what python-docx writes for the
    # whole process, which the template builders' tests compare byte for byte.
    theirs = tmp_path / "docxtpl.docx"
    subprocess.run(
        [sys.executable, "-c", _DOCXTPL, str(path), json.dumps(context), str(theirs)], check=True
    )
    return ours, theirs


def both_engines(path: Path, context: dict[str, object], tmp_path: Path) -> list[list[str]]:
    """The paragraphs' text of the document each engine makes of one template and data."""
    made = rendered_by_both(path, context, tmp_path)
    return [[p.text for p in Document(str(doc)).paragraphs] for doc in made]


def test_split_fields_paragraph_conditions_and_escapes_as_docxtpl_makes_them(
    tmp_path: Path,
) -> None:
    doc = Document()
    word_paragraph(doc, "Kính gửi: {", "{ ten", " }", "}.")
    word_paragraph(doc, "{%p if loai == “tổ ", "chức” %}")
    doc.add_paragraph("Quý cơ quan")
    word_paragraph(doc, "{%p endif %}")
    doc.add_paragraph("Mẫu viết {_{ ten }_} và {_% if %_} như thế này.")
    context = {"ten": "Nguyễn Văn A & <B>", "loai": "tổ chức"}
    ours, theirs = both_engines(saved(doc, tmp_path / "mau.docx"), context, tmp_path)
    assert (
        ours
        == theirs
        == [
            "Kính gửi: Nguyễn Văn A & <B>.",
            "Quý cơ quan",
            "Mẫu viết {{ ten }} và {% if %} như thế này.",
        ]
    )


def test_run_conditions_and_loops_split_their_run_as_docxtpl_does(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Ông {%r if nam %}Nguyễn Văn A{%r else %}bà Trần Thị B{%r endif %} đã nộp.")
    word_paragraph(doc, "Hồ sơ {%r if", " tre %}trễ hạn {%r endif %}", "của {{ ten }}.")
    doc.add_paragraph("Kèm theo: {%r for g in giay %}{{ g }}; {%r endfor %}hết.")
    path = saved(doc, tmp_path / "mau.docx")
    context = {"nam": False, "tre": True, "ten": "A & B", "giay": ["Tờ khai", "Bản sao"]}
    ours, theirs = both_engines(path, context, tmp_path)
    assert (
        ours
        == theirs
        == [
            "Ông bà Trần Thị B đã nộp.",
            "Hồ sơ trễ hạn của A & B.",
            "Kèm theo: Tờ khai; Bản sao; hết.",
        ]
    )
    # The pieces of a split run keep its format: the second run of the second paragraph
    # was bold in Word.
    bold = [
        run.text for run in Document(str(tmp_path / "ours.docx")).paragraphs[1].runs if run.bold
    ]
    assert "".join(bold) == "của A & B."


def test_paragraph_joins_merge_the_tag_with_the_text_around_it_as_docxtpl_does(
    tmp_path: Path,
) -> None:
    doc = Document()
    doc.add_paragraph("Hồ sơ của")
    word_paragraph(doc, "{%", "- if ten -%}")
    doc.add_paragraph(" {{ ten }}")
    doc.add_paragraph("{%- endif %}")
    doc.add_paragraph("Hết.")
    path = saved(doc, tmp_path / "mau.docx")
    ours, theirs = both_engines(path, {"ten": "Nguyễn Văn A"}, tmp_path)
    assert ours == theirs == ["Hồ sơ của Nguyễn Văn A", "Hết."]
    ours, theirs = both_engines(path, {"ten": ""}, tmp_path)
    assert ours == theirs == ["Hồ sơ của", "Hết."]


def quarter_table(path: Path) -> Path:
    """A table whose columns a {%tc %} loop makes, with a header merged over them
    ({% hm %}), a total spanning them ({% colspan %}) and a coloured cell ({% cellbg %})."""
    doc = Document()
    table = doc.add_table(rows=3, cols=4)
    table.style = "Table Grid"
    rows = [
        ["Chỉ tiêu", "{%tc for q in quy %}", "{% hm %}Kết quả theo quý", "{%tc endfor %}"],
        ["Quý", "{%tc for q in quy %}", "{{ q.ten }}", "{%tc endfor %}"],
    ]
    for row, texts in zip(table.rows, rows, strict=False):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    last = table.rows[2]._tr
    for tc in last.findall(f"{W}tc")[2:]:
        last.remove(tc)
    word_cell(table.cell(2, 0), "{% colspan quy|length %}Tổng ", "cộng")
    word_cell(table.cell(2, 1), "{% cellbg mau %}", "{{ tong }}")
    return saved(doc, path)


def grid(doc: DocumentType) -> list[int]:
    return [int(col.get(f"{W}w")) for col in doc.tables[0]._tbl.iter(f"{W}gridCol")]


def shape(doc: DocumentType) -> list[list[tuple[str, int, str | None]]]:
    """Each row's cells: text, grid columns spanned, fill colour."""
    return [
        [
            (
                cell_text(tc),
                grid_span(tc),
                tc.find(f"{W}tcPr/{W}shd") is not None
                and tc.find(f"{W}tcPr/{W}shd").get(f"{W}fill"),
            )
            for tc in tr.findall(f"{W}tc")
        ]
        for tr in doc.tables[0]._tbl.findall(f"{W}tr")
    ]


@pytest.mark.parametrize("quarters", [4, 1])
def test_column_loops_merge_span_and_colour_cells_and_fit_the_grid_as_docxtpl_does(
    tmp_path: Path, quarters: int
) -> None:
    context = {
        "quy": [{"ten": f"Quý {n}"} for n in range(1, quarters + 1)],
        "tong": "12",
        "mau": "FFCC00",
    }
    made = rendered_by_both(quarter_table(tmp_path / "mau.docx"), context, tmp_path)
    ours, theirs = (Document(str(doc)) for doc in made)
    names = [f"Quý {n}" for n in range(1, quarters + 1)]
    assert (
        shape(ours)
        == shape(theirs)
        == [
            [("Chỉ tiêu", 1, False), ("Kết quả theo quý", quarters, False)],
            [("Quý", 1, False), *((name, 1, False) for name in names)],
            [("Tổng cộng", quarters, False), ("12", 1, "FFCC00")],
        ]
    )
    # The grid has as many columns as each row spans, the table as wide as it was drawn,
    # and each cell as wide as the columns it spans, in both engines' grid.
    assert len(grid(ours)) == len(grid(theirs)) == quarters + 1
    assert sum(grid(ours)) == pytest.approx(sum(grid(theirs)), abs=10)
    assert sum(grid(ours)) == pytest.approx(4 * 2160, abs=10)
    widths = grid(ours)
    for tr in ours.tables[0]._tbl.findall(f"{W}tr"):
        column = 0
        for tc in tr.findall(f"{W}tc"):
            span = grid_span(tc)
            width = tc.find(f"{W}tcPr/{W}tcW")
            assert int(width.get(f"{W}w")) == sum(widths[column : column + span])
            assert width.get(f"{W}type") == "dxa"
            column += span
        assert column == len(widths)
    if quarters == 4:
        page = " ".join(pdf_pages(made[0], tmp_path)[0].split())
        assert "Quý Quý 1 Quý 2 Quý 3 Quý 4" in page
        assert "Tổng cộng 12" in page


def with_notes(path: Path, footnote: str, endnote: str) -> Path:
    """The document with a footnote and an endnote on its first paragraph, as Word stores
    them (python-docx cannot make them)."""
    notes = {
        "footnotes": ("footnote", footnote),
        "endnotes": ("endnote", endnote),
    }
    with zipfile.ZipFile(path) as src:
        items = {item.filename: src.read(item.filename) for item in src.infolist()}
    types = items["[Content_Types].xml"].decode()
    rels = items["word/_rels/document.xml.rels"].decode()
    body = items["word/document.xml"].decode()
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    for part, (kind, text) in notes.items():
        items[f"word/{part}.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{part} {namespace}>'
            f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            f'</w:{kind}><w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
            f"<w:continuationSeparator/></w:r></w:p></w:{kind}>"
            f'<w:{kind} w:id="1"><w:p><w:r><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve">'
            f" {text}</w:t></w:r></w:p></w:{kind}></w:{part}>"
        ).encode()
        types = types.replace(
            "</Types>",
            (
                f'<Override PartName="/word/{part}.xml" ContentType="application/vnd.'
                f'openxmlformats-officedocument.wordprocessingml.{part}+xml"/></Types>'
            ),
        )
        rels = rels.replace(
            "</Relationships>",
            (
                f'<Relationship Id="rIdNote{kind}" Type="http://schemas.openxmlformats.org/'
                f'officeDocument/2006/relationships/{part}" Target="{part}.xml"/>'
                "</Relationships>"
            ),
        )
        body = body.replace(
            "</w:t></w:r></w:p>", (f'</w:t></w:r><w:r><w:{kind}Reference w:id="1"/></w:r></w:p>'), 1
        )
    items["[Content_Types].xml"] = types.encode()
    items["word/_rels/document.xml.rels"] = rels.encode()
    items["word/document.xml"] = body.encode()
    with zipfile.ZipFile(path, "w") as dst:
        for name, data in items.items():
            dst.writestr(name, data)
    return path


def note_texts(path: Path, part: str) -> list[str]:
    with zipfile.ZipFile(path) as package:
        notes = Document(str(path)).part.package  # opens: the package is whole
        assert notes is not None
        root = etree.fromstring(package.read(f"word/{part}.xml"))
    kind = part[:-1]
    return [
        "".join(note.itertext()).strip()
        for note in root.iter(f"{W}{kind}")
        if note.get(f"{W}type") is None
    ]


def test_fields_in_footnotes_endnotes_and_the_document_properties(tmp_path: Path) -> None:
    doc = Document()
    word_paragraph(doc, "Kính gửi: {{ ten }}.")
    word_paragraph(doc, "Thủ tục {{ thu_tuc }}.")
    doc.core_properties.title = "Phiếu xin lỗi {{ ten }}"
    doc.core_properties.subject = "Hồ sơ {{ thu_tuc }}"
    path = with_notes(
        saved(doc, tmp_path / "mau.docx"), "Theo hồ sơ {{ ma }}.", "Hẹn trả {{ ngay }}."
    )
    context = {
        "ten": "Nguyễn Văn A",
        "thu_tuc": "Đăng ký khai sinh",
        "ma": "H37-001",
        "ngay": "20/03/2024",
    }
    ours, theirs = rendered_by_both(path, context, tmp_path)
    assert (
        note_texts(ours, "footnotes") == note_texts(theirs, "footnotes") == ["Theo hồ sơ H37-001."]
    )
    # docxtpl leaves endnotes as they are.
    assert note_texts(ours, "endnotes") == ["Hẹn trả 20/03/2024."]
    properties = [Document(str(made)).core_properties for made in (ours, theirs)]
    assert [(p.title, p.subject) for p in properties] == 2 * [
        ("Phiếu xin lỗi Nguyễn Văn A", "Hồ sơ Đăng ký khai sinh")
    ]
    pages = " ".join(" ".join(page.split()) for page in pdf_pages(ours, tmp_path))
    assert "Theo hồ sơ H37-001." in pages
    assert "Hẹn trả 20/03/2024." in pages
    # A value is text in the properties too (docxtpl escapes it twice: "A &amp; B"); a
    # title the program gives stands instead of the template's.
    unsafe = {**context, "ten": "A & <B>", "thu_tuc": "x\x01y"}
    template = compile_template(path)
    again = Document(io.BytesIO(render_docx(template, unsafe, STAMP)))
    assert (again.core_properties.title, again.core_properties.subject) == (
        "Phiếu xin lỗi A & <B>",
        "Hồ sơ xy",
    )
    given = Document(io.BytesIO(render_docx(template, unsafe, STAMP, "Phiếu số 01")))
    assert (given.core_properties.title, given.core_properties.subject) == (
        "Phiếu số 01",
        "Hồ sơ xy",
    )


def test_an_error_in_a_footnote_names_it(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Kính gửi.")
    path = with_notes(saved(doc, tmp_path / "mau.docx"), "Theo {{ ma }}.", "Hết.")
    assert refusal(path) == (
        "chú thích cuối trang, đoạn 3 «Theo {{ ma }}.»: trường «ma» không có trong dữ liệu"
    )


def test_validate_lists_every_error_of_every_appendix_template_at_once(
    capsys, workspace: Path
) -> None:
    templates = workspace / "templates"
    rewrite_template(
        find_template("phu-luc-nhiem-vu.docx", None),
        templates / "phu-luc-nhiem-vu.docx",
        {"{{ phu_luc.so }}": "{{ phu_luc.so_sai }}", "{{ r.tien_do }}": "{{ r.tien_do_sai }}"},
    )
    rewrite_template(
        find_template("phu-luc-noi-dung.docx", None),
        templates / "phu-luc-noi-dung.docx",
        {"{{ t.thuc_hien }}": "{{ t.thuc_hien_sai }}"},
    )
    assert run_cli("validate", "--data", str(workspace)) == 1
    err = capsys.readouterr().err
    said = {
        name: [
            line.rsplit("»: ", 1)[1] for line in err.splitlines() if str(templates / name) in line
        ]
        for name in ("phu-luc-nhiem-vu.docx", "phu-luc-noi-dung.docx")
    }
    assert said == {
        "phu-luc-nhiem-vu.docx": [
            "trường «so_sai» không có trong dữ liệu",
            "trường «tien_do_sai» không có trong dữ liệu",
        ],
        "phu-luc-noi-dung.docx": ["trường «thuc_hien_sai» không có trong dữ liệu"],
    }


def test_row_loops_vertical_merges_comments_headers_and_footers_as_docxtpl_makes_them(
    tmp_path: Path,
) -> None:
    doc = Document()
    section = doc.sections[0]
    word_paragraph(section.header, "Đơn vị: {{ don", "_vi }}")
    word_paragraph(section.footer, "Người lập: {", "{ ten }}{# người ký #}")
    word_paragraph(doc, "{#p ghi chú cho người sửa mẫu, ", "không in ra #}")
    word_paragraph(doc, "Kính gửi {# tên đầy đủ #}{{ ten }}.")
    table = doc.add_table(rows=6, cols=2)
    texts = [
        ["Nhóm", "Hồ sơ"],
        ["{%tr for g in nhom %}", ""],
        ["{%tr for h in g.ho_so %}", ""],
        ["{% vm %}{{ g.ten }}", "{{ h }}"],
        ["{%tr endfor %}", ""],
        ["{%tr endfor %}", ""],
    ]
    for row, values in zip(table.rows, texts, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    context = {
        "don_vi": "UBND xã Hải Yến",
        "ten": "Trần Văn C",
        "nhom": [{"ten": "Hộ tịch", "ho_so": ["H-1", "H-2"]}, {"ten": "Đất đai", "ho_so": ["D-1"]}],
    }
    made = rendered_by_both(saved(doc, tmp_path / "mau.docx"), context, tmp_path)
    ours, theirs = (Document(str(path)) for path in made)
    for one in (ours, theirs):
        section = one.sections[0]
        assert [p.text for p in one.paragraphs] == ["Kính gửi Trần Văn C."]
        assert [p.text for p in section.header.paragraphs] == ["", "Đơn vị: UBND xã Hải Yến"]
        assert [p.text for p in section.footer.paragraphs] == ["", "Người lập: Trần Văn C"]
        rows = one.tables[0]._tbl.findall(f"{W}tr")
        assert [[cell_text(tc) for tc in tr.findall(f"{W}tc")] for tr in rows] == [
            ["Nhóm", "Hồ sơ"],
            ["Hộ tịch", "H-1"],
            ["", "H-2"],
            ["Đất đai", "D-1"],
        ]
        assert [v_merge(tr.findall(f"{W}tc")[0]) for tr in rows] == [
            None,
            "restart",
            "continue",
            "restart",
        ]


def test_a_field_begun_before_a_hyperlink_and_ended_inside_it_keeps_the_link(
    tmp_path: Path,
) -> None:
    doc = Document()
    paragraph = doc.add_paragraph()._p
    link = doc.part.relate_to("https://dichvucong.gov.vn", RT.HYPERLINK, is_external=True)
    paragraph.append(
        parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">Tra cứu {{{{ ma</w:t></w:r>')
    )
    paragraph.append(
        parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{link}"><w:r><w:rPr><w:u w:val="single"/>'
            '</w:rPr><w:t xml:space="preserve">_ho_so }} tại Cổng dịch vụ công</w:t></w:r>'
            "</w:hyperlink>"
        )
    )
    path = saved(doc, tmp_path / "mau.docx")
    out = tmp_path / "ra.docx"
    out.write_bytes(render_docx(compile_template(path), {"ma_ho_so": "H37-001"}, STAMP))
    made = Document(str(out))
    assert made.paragraphs[0].text == "Tra cứu H37-001 tại Cổng dịch vụ công"
    links = made.paragraphs[0]._p.findall(f"{W}hyperlink")
    texts = ["".join(t.text for t in link.iter(f"{W}t")) for link in links]
    assert texts == [" tại Cổng dịch vụ công"]
    page = " ".join(pdf_pages(out, tmp_path)[0].split())
    assert "Tra cứu H37-001 tại Cổng dịch vụ công" in page


def test_a_tag_docxtpl_does_not_have_is_refused_by_name_with_its_place(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Kính gửi.")
    table = doc.add_table(rows=1, cols=1)
    word_cell(table.cell(0, 0), "{% cell", "color 'FF0000' %}{{ ten }}")
    assert refusal(saved(doc, tmp_path / "mau.docx"), {"ten": "A"}) == (
        "thân văn bản, đoạn 2 «{% cellcolor 'FF0000' %}{{ ten }}»: thẻ «{% cellcolor 'FF0000' %}» "
        "chưa được hỗ trợ"
    )
