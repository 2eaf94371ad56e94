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
from docxread import pdf_pages
from test_engine import word_paragraph

from kehoach_docs.render.engine import TemplateFault, compile_template, render_docx
from kehoach_docs.workspace import find_template

STAMP = dt.datetime(2025, 1, 10, tzinfo=dt.UTC)
# Each mark docxtpl gives a meaning, and characters XML forbids (a file holding one does not
# open in Word, python-docx or LibreOffice).
MARKS = "một\ndòng\r\nhai\ttab\abốn\fnăm\x0bsáu\x01bảy\x1ftám\ud800chín"


def letter_of_marks() -> dict[str, object]:
    text = {name: f"{name}: {MARKS}" for name in (
        "so", "ky_hieu", "dia_danh", "kinh_gui", "dai_tu", "chu_ho_so", "co_quan_giai_quyet",
        "thu_tuc", "ma_ho_so", "gio_hen", "ly_do", "quyen_han", "chuc_vu", "nguoi_ky",
    )}  # fmt: skip
    day = dt.date(2024, 3, 15)
    return {**text, "nam": 2024, "co_quan_chu_quan": (MARKS,), "co_quan": (MARKS, "B"),
            "ngay": day, "ngay_tiep_nhan": day, "ngay_hen": day, "ngay_hen_lai": day,
            "so_ngay_tre": 3}  # fmt: skip


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
    rewrite_template(find_template("phieu-xin-loi.docx", None), own, {
        "{{ l.so }}": "{{ l.so_sai }}", "{{ l.thu_tuc }}": "{{ l.thu_tuc_sai }}",
        "{{ l.nguoi_ky }}": "{{ nguoi_ky_sai }}",
    })  # fmt: skip
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


def both_engines(path: Path, context: dict[str, object], tmp_path: Path) -> list[list[str]]:
    """The paragraphs' text of the document each engine makes of one template and data."""
    ours = Document(io.BytesIO(render_docx(compile_template(path), context, STAMP)))
    # In a process of its own: importing docxtpl changes what python-docx writes for the
    # whole process, which the template builders' tests compare byte for byte.
    subprocess.run([sys.executable, "-c", _DOCXTPL, str(path), json.dumps(context),
                    str(tmp_path / "docxtpl.docx")], check=True)  # fmt: skip
    again = Document(str(tmp_path / "docxtpl.docx"))
    return [[p.text for p in doc.paragraphs] for doc in (ours, again)]


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
