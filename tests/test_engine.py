"""The rendering engine on templates as Word saves them after an officer edits them."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm
from docxread import W, table_rows

from kehoach_docs.domain.limits import output_budget
from kehoach_docs.render.engine import TemplateFault, compile_template, render_docx, write_docx

STAMP = dt.datetime(2025, 1, 10, tzinfo=dt.UTC)


def word_paragraph(doc, *pieces: str) -> None:
    """A paragraph whose text Word stored in several runs, as it does after spell-checking
    and edits over several sessions: each piece its own run with its own revision id, spelling
    marks and a bookmark between them, the later pieces in bold."""
    paragraph = doc.add_paragraph()._p
    for index, piece in enumerate(pieces):
        if index:
            paragraph.append(parse_xml(f'<w:proofErr {nsdecls("w")} w:type="spellStart"/>'))
            paragraph.append(
                parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{index}" w:name="_GoBack"/>')
            )
        bold = "<w:rPr><w:b/></w:rPr>" if index else ""
        # Word keeps spaces at a text's edges only where there are some.
        space = ' xml:space="preserve"' if piece != piece.strip() else ""
        paragraph.append(
            parse_xml(
                f'<w:r {nsdecls("w")} w:rsidR="00A{index}3F1" w:rsidRPr="00B{index}7C2">{bold}'
                f"<w:t{space}>{_xml_text(piece)}</w:t></w:r>"
            )
        )
        if index:
            paragraph.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{index}"/>'))


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def word_cell(cell, *pieces: str) -> None:
    cell._tc.remove(cell.paragraphs[0]._p)
    word_paragraph(cell, *pieces)


def edited_template(path: Path) -> Path:
    doc = Document()
    word_paragraph(doc, "Kính gửi: {", "{ ten", " }", "}.")
    word_paragraph(doc, "{%p if loai == “tổ ", "chức” %}")
    doc.add_paragraph("Quý cơ quan")
    word_paragraph(doc, "{%", "p else %}")
    doc.add_paragraph("Ông/Bà")
    word_paragraph(doc, "{%p end", "if %}")
    word_paragraph(doc, "{{ ‘Số: ’ ~ so }}", "/PXL")
    word_paragraph(doc, "Hẹn trả: {{ gio }}", "{{ ngay }}")
    word_paragraph(doc, "{%p if so_ngay_tre >", " 3 %}")
    doc.add_paragraph("Trễ quá ba ngày.")
    word_paragraph(doc, "{%p endif %}")
    table = doc.add_table(rows=4, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Mã hồ sơ", "Thủ tục"
    word_cell(table.cell(1, 0), "{%tr for h in ", "ho_so %}")
    word_cell(table.cell(2, 0), "{{ h.", "ma }}")
    word_cell(table.cell(2, 1), "{{ h.thu", "_tuc }}")
    word_cell(table.cell(3, 0), "{%tr endfor %}")
    doc.save(str(path))
    return path


def paragraphs(data: bytes, path: Path) -> tuple[list[str], Document]:
    path.write_bytes(data)
    doc = Document(str(path))
    return [p.text for p in doc.paragraphs], doc


def test_tags_word_split_across_runs_with_typographic_quotes_are_filled(tmp_path: Path) -> None:
    template = compile_template(edited_template(tmp_path / "mau.docx"))
    context = {
        "ten": "Công ty A&B <Hải Yến>",
        "loai": "tổ chức",
        "so": "05",
        "gio": "8 giờ 30 phút, ",
        "ngay": "ngày 08 tháng 01 năm 2024",
        "so_ngay_tre": 5,
        "ho_so": [
            {"ma": "H37-001", "thu_tuc": "Đăng ký khai sinh"},
            {"ma": "H37-002", "thu_tuc": "Đăng ký kết hôn"},
        ],
    }
    texts, doc = paragraphs(render_docx(template, context, STAMP), tmp_path / "ra.docx")
    assert texts == [
        "Kính gửi: Công ty A&B <Hải Yến>.",
        "Quý cơ quan",
        "Số: 05/PXL",
        "Hẹn trả: 8 giờ 30 phút, ngày 08 tháng 01 năm 2024",
        "Trễ quá ba ngày.",
    ]
    assert table_rows(doc) == [
        ["Mã hồ sơ", "Thủ tục"],
        ["H37-001", "Đăng ký khai sinh"],
        ["H37-002", "Đăng ký kết hôn"],
    ]
    # The field keeps the format of the run its tag begins in, and its own spaces in Word.
    field = doc.paragraphs[3]._p.findall(f"{W}r")[0]
    assert field.find(f"{W}rPr") is None
    assert field.find(f"{W}t").get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_paragraph_conditions_take_the_other_branch(tmp_path: Path) -> None:
    template = compile_template(edited_template(tmp_path / "mau.docx"))
    context = {
        "ten": "Nguyễn Văn An",
        "loai": "cá nhân",
        "so": "12",
        "gio": "",
        "ngay": "ngày 09 tháng 01 năm 2024",
        "so_ngay_tre": 1,
        "ho_so": [],
    }
    texts, doc = paragraphs(render_docx(template, context, STAMP), tmp_path / "ra.docx")
    assert texts == [
        "Kính gửi: Nguyễn Văn An.",
        "Ông/Bà",
        "Số: 12/PXL",
        "Hẹn trả: ngày 09 tháng 01 năm 2024",
    ]
    assert table_rows(doc) == [["Mã hồ sơ", "Thủ tục"]]


def test_a_join_after_a_run_condition_keeps_the_condition(tmp_path: Path) -> None:
    """`{%-` opening a paragraph whose previous one ends with a {%r %} tag: the join takes
    out the XML between the two paragraphs, not the tag (docxtpl writes a broken file)."""
    doc = Document()
    word_paragraph(doc, "Kính gửi: {{ ten }}", "{%r if tre %}", " (trễ nhiều ngày)", "{%r endif %}")
    doc.add_paragraph("{%- if tre %}, xin lỗi{% endif %}.")
    doc.save(str(tmp_path / "mau.docx"))
    template = compile_template(tmp_path / "mau.docx")
    for late, expected in (
        (True, "Kính gửi: Bà B (trễ nhiều ngày), xin lỗi."),
        (False, "Kính gửi: Bà B."),
    ):
        made = render_docx(template, {"ten": "Bà B", "tre": late}, STAMP)
        texts, _ = paragraphs(made, tmp_path / "ra.docx")
        assert texts == [expected]


def tiny_png() -> bytes:
    """A 2×2 white PNG, the smallest picture Word and python-docx accept."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    pixels = zlib.compress(b"\x00\xff\xff\xff\xff\xff\xff" * 2)
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_a_picture_inside_the_letter_loop_gets_a_drawing_id_per_letter(tmp_path: Path) -> None:
    picture = tmp_path / "con-dau.png"
    picture.write_bytes(tiny_png())
    doc = Document()
    doc.sections[0].header.paragraphs[0].add_run().add_picture(str(picture), width=Mm(10))
    doc.add_paragraph("{%p for l in phieu %}")
    doc.add_paragraph("Kính gửi: {{ l.ten }}.")
    doc.add_paragraph().add_run().add_picture(str(picture), width=Mm(20))
    doc.add_paragraph("{%p endfor %}")
    doc.save(str(tmp_path / "mau.docx"))
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]

    data = render_docx(
        compile_template(tmp_path / "mau.docx"), {"phieu": [{"ten": name} for name in names]}, STAMP
    )

    (tmp_path / "ra.docx").write_bytes(data)
    with zipfile.ZipFile(tmp_path / "ra.docx") as produced:
        ids = [
            found
            for name in produced.namelist()
            for found in re.findall(rb'<wp:docPr\b[^>]*?\bid="(\d+)"', produced.read(name))
        ]
    assert len(ids) == 4  # the header's picture and one per letter
    assert len(set(ids)) == 4, ids
    result = Document(str(tmp_path / "ra.docx"))
    assert [p.text for p in result.paragraphs if p.text] == [f"Kính gửi: {n}." for n in names]
    assert len(result.inline_shapes) == 3


def test_a_letter_read_as_a_dict_still_hides_python_internals(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("{{ phieu[0].ten }}{{ phieu[0].__class__.__mro__ }}")
    doc.save(str(tmp_path / "mau.docx"))
    template = compile_template(tmp_path / "mau.docx")
    with pytest.raises(TemplateFault, match="mẫu dùng thao tác bị cấm"):
        render_docx(template, {"phieu": [{"ten": "An"}]}, STAMP)


def template_of(path: Path, *lines: str) -> Path:
    """A template whose paragraphs are `lines`, as an officer types them in Word."""
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    doc.save(str(path))
    return path


def test_a_template_edited_within_the_same_second_is_filled_as_edited(tmp_path: Path) -> None:
    """Compiled templates are kept for the desk's next page; an officer's edit that keeps
    the file's size and time (saved twice in one second) must still be what is filled."""
    path = template_of(tmp_path / "mau.docx", "Kính gửi: {{ ten }}. Bản A.")
    first = compile_template(path)
    assert compile_template(path) is first  # unchanged: not compiled again
    stat = path.stat()
    template_of(path, "Kính gửi: {{ ten }}. Bản B.")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    filled = render_docx(compile_template(path), {"ten": "Bà An"}, STAMP)
    texts, _ = paragraphs(filled, tmp_path / "ra.docx")
    assert texts == ["Kính gửi: Bà An. Bản B."]


def test_a_template_within_the_limits_fills_as_it_always_did(tmp_path: Path) -> None:
    template = compile_template(
        template_of(
            tmp_path / "mau.docx",
            "{% macro dong(l) %}{{ l.so|center(7) }}|{{ '%-8s'|format(l.ten[:8]) }}|"
            "{{ '{:>4}'.format(l.ngay) }}{% endmacro %}{% set ns = namespace(so='') %}",
            "{%p for l in phieu %}",
            "{{ loop.index }}/{{ loop.length }}: {{ dong(l) }}{% if not loop.last %};{% endif %}"
            "{% set ns.so = ns.so ~ l.so %}",
            "{%p endfor %}",
            "{% set held %}{% for l in phieu %}{{ l.so }}{% endfor %}{% endset %}"
            "{{ phieu|join(', ', attribute='ten') }} ~ {{ held ~ '!' }} ~ {{ 'ab' * 3 }} ~ "
            "{{ ns.so }}",
            "{% for n in [[1, [2]], [3]] recursive %}"
            "{{ n if n is number else loop(n) }}{% endfor %}",
        )
    )
    context = {
        "phieu": [
            {"so": "01", "ten": "Nguyễn Văn An", "ngay": 5},
            {"so": "02", "ten": "Lò Thị Bình", "ngay": 17},
        ]
    }
    texts, _ = paragraphs(render_docx(template, context, STAMP), tmp_path / "ra.docx")
    assert texts == [
        "",
        "1/2:    01  |Nguyễn V|   5;",
        "2/2:    02  |Lò Thị B|  17",
        "Nguyễn Văn An, Lò Thị Bình ~ 0102! ~ ababab ~ 0102",
        "123",
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "{{ lipsum(10**6) }}",
            "phần word/document.xml dùng hàm «lipsum» (tạo chữ giả); mẫu chỉ "
            "được dùng các trường dữ liệu và bộ lọc của chương trình",
        ),
        (
            '{{ "%2000000000s"|format("x") }}',
            "độ rộng 2000000000 trong «%2000000000s» quá giới hạn 1000",
        ),
        (
            '{{ "{:>2000000000}".format("x") }}',
            "độ rộng 2000000000 trong «{:>2000000000}» quá giới hạn 1000",
        ),
        ("{{ 'x'|center(10**9) }}", "độ rộng 1000000000 trong «center» quá giới hạn 1000"),
        (
            "{{ ('x' * 1000 * 1000) ~ ('x' * 1000 * 1000 * 4) }}",
            "mẫu tạo ra một chuỗi (hoặc danh sách) dài quá 4194304 ký tự (phần tử)",
        ),
        (
            "{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}",
            "mẫu chạy quá 1000000 bước (vòng lặp, lời gọi hàm, bộ lọc); mẫu có vòng lặp lồng "
            "nhau lớn bất thường?",
        ),
        (
            "{% if false %}{% include 'khac.xml' %}{% endif %}",
            "phần word/document.xml dùng thẻ «{% include 'khac.xml' %}»; mẫu không được lấy nội "
            "dung từ mẫu hay tệp khác: hãy chép thẳng nội dung cần dùng vào mẫu",
        ),
        ("{{ ngay|tojson }}", "bộ lọc «tojson» không dùng được với giá trị này"),
    ],
    ids=[
        "lipsum",
        "format-width",
        "str-format-width",
        "center",
        "doubling",
        "steps",
        "include-never-taken",
        "tojson",
    ],
)
def test_a_template_past_a_limit_is_refused_before_the_work(
    tmp_path: Path, line: str, message: str
) -> None:
    with pytest.raises(TemplateFault) as refused:
        template = compile_template(template_of(tmp_path / "mau.docx", line))
        render_docx(template, {"ngay": dt.date(2025, 1, 10)}, STAMP)
    assert (refused.value.template, refused.value.message) == ("mau.docx", message)


def test_the_step_budget_grows_with_the_letters_of_a_batch(tmp_path: Path) -> None:
    # Each letter goes through a list of 600: 1,200,000 steps for 2,000 letters, past what
    # one document may do, within what a batch of 2,000 may.
    template = compile_template(
        template_of(
            tmp_path / "mau.docx",
            "{%p for l in phieu %}",
            "{% for i in l.dong %}{% endfor %}{{ l.so }}",
            "{%p endfor %}",
        )
    )
    rows = list(range(600))
    letters = {"phieu": [{"so": f"{n:04d}", "dong": rows} for n in range(2000)]}
    out = io.BytesIO()
    write_docx(template, letters, out, STAMP, budget=output_budget(2000))
    texts, _ = paragraphs(out.getvalue(), tmp_path / "ra.docx")
    assert texts[0] == "0000" and texts[-1] == "1999" and len(texts) == 2000
    with pytest.raises(TemplateFault, match="mẫu chạy quá 1000000 bước"):
        render_docx(template, letters, STAMP)


def test_a_hyperlink_is_kept_but_a_field_including_a_file_is_refused_naming_its_part(
    tmp_path: Path,
) -> None:
    doc = Document()
    doc.add_paragraph("Tra cứu: {{ so }}")
    doc.part.relate_to("https://dichvucong.gov.vn/", RT.HYPERLINK, is_external=True)
    doc.save(str(tmp_path / "mau.docx"))
    data = render_docx(compile_template(tmp_path / "mau.docx"), {"so": "01"}, STAMP)
    with zipfile.ZipFile(io.BytesIO(data)) as produced:
        kept = produced.read("word/_rels/document.xml.rels").decode()
    assert 'Target="https://dichvucong.gov.vn/" TargetMode="External"' in kept

    header = doc.sections[0].header.paragraphs[0]._p
    code = ' INCLUDETEXT "C:\\\\mat\\\\thu.docx" '
    for piece in (
        '<w:fldChar w:fldCharType="begin"/>',
        f'<w:instrText xml:space="preserve">{code}</w:instrText>',
        '<w:fldChar w:fldCharType="end"/>',
    ):
        header.append(parse_xml(f"<w:r {nsdecls('w')}>{piece}</w:r>"))
    doc.save(str(tmp_path / "mau.docx"))
    with pytest.raises(TemplateFault) as refused:
        compile_template(tmp_path / "mau.docx")
    assert refused.value.message == (
        'phần word/header1.xml có trường INCLUDETEXT («INCLUDETEXT "C:\\\\mat\\\\thu.docx"») '
        "lấy nội dung từ tệp hay chương trình khác; chương trình không dùng mẫu có nội dung "
        "lấy từ ngoài tệp mẫu: hãy xóa trường đó (Alt+F9 hiện mã trường) và chèn thẳng nội "
        "dung vào mẫu"
    )
