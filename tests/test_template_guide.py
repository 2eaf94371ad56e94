"""The README's template guide, followed as an officer would: the shipped letter and report
templates copied into the workspace's templates/ folder, a `{%p if %}` block, a `{%tr %}`
table loop and a footer field added, each tag stored the way Word stores a tag typed over a
few edits (cut into runs of different formatting, with spelling marks, a bookmark and curly
quotes); `kehoach letters` and `kehoach report` print them."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from importlib import resources
from pathlib import Path

from conftest import run_cli
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docxread import W, open_doc
from exports import row, write_xlsx

_TAG = re.compile(r"\{[{%].*?[}%]\}")
_BOOKMARKS = itertools.count(900)


def _mark(paragraph: Paragraph, element_name: str, **attributes: str) -> None:
    element = OxmlElement(element_name)
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
    paragraph._p.append(element)


def typed_by_word(paragraph: Paragraph, text: str) -> Paragraph:
    """`text` in the paragraph as Word keeps it after a few edits: each tag cut after its
    opening brace, in the middle of its words and before its closing brace, the pieces bold
    and not in turn, spelling marks around the middle, a bookmark after the first piece."""
    at = 0
    for found in _TAG.finditer(text):
        if found.start() > at:
            paragraph.add_run(text[at : found.start()])
        tag = found.group(0)
        middle = len(tag) // 2
        pieces = [tag[:1], tag[1:middle], tag[middle:-1], tag[-1:]]
        for index, piece in enumerate(pieces):
            if index == 2:
                _mark(paragraph, "w:proofErr", type="spellStart")
            paragraph.add_run(piece).bold = index % 2 == 1
            if index == 2:
                _mark(paragraph, "w:proofErr", type="spellEnd")
            if index == 0:
                number = str(next(_BOOKMARKS))  # unique in the document, as Word numbers them
                _mark(paragraph, "w:bookmarkStart", id=number, name=f"_Hlk{number}")
                _mark(paragraph, "w:bookmarkEnd", id=number)
        at = found.end()
    if at < len(text):
        paragraph.add_run(text[at:])
    return paragraph


def _shipped(name: str):
    return Document(str(resources.files("kehoach_docs") / "templates" / name))


def _after(doc, anchor, lines: list[str]):
    """New paragraphs typed after `anchor` (a paragraph or table element), in order."""
    for line in lines:
        paragraph = typed_by_word(doc.add_paragraph(), line)
        anchor.addnext(paragraph._p)
        anchor = paragraph._p
    return anchor


def _table_loop(doc, anchor, heading: str, loop: str, cells: list[str]):
    """A table after `anchor`: a heading row, then `{%tr for %}`, the repeated row and
    `{%tr endfor %}` rows, as the guide shows."""
    table = doc.add_table(rows=4, cols=len(cells))
    rows = (
        [heading] + [""] * (len(cells) - 1),
        [loop] + [""] * (len(cells) - 1),
        cells,
        ["{%tr endfor %}"] + [""] * (len(cells) - 1),
    )
    for tr, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(tr.cells, texts, strict=True):
            typed_by_word(cell.paragraphs[0], text)
    anchor.addnext(table._tbl)
    return table._tbl


def _footer(doc, text: str) -> None:
    footer = doc.sections[0].footer
    footer.is_linked_to_previous = False
    typed_by_word(footer.paragraphs[0], text)


def _paragraph_starting(doc, start: str):
    return next(p for p in doc.paragraphs if p.text.startswith(start))


def _body(path: Path) -> list[str]:
    body = open_doc(path).element.body
    texts = ("".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p"))
    return [text for text in texts if text.strip()]


def _tables(path: Path, heading: str) -> list[list[str]]:
    """The rows' first cells of every table whose first row reads `heading`."""
    found = []
    for table in open_doc(path).tables:
        first = [row.cells[0].text for row in table.rows]
        if first[0] == heading:
            found.append(first)
    return found


def _footers(path: Path) -> list[str]:
    return [p.text for section in open_doc(path).sections for p in section.footer.paragraphs]


def test_edited_letter_template_prints_its_block_table_and_footer(
    workspace: Path, tmp_path: Path
) -> None:
    doc = _shipped("phieu-xin-loi.docx")
    anchor = _after(
        doc,
        _paragraph_starting(doc, "Lý do:")._p,
        [
            "{%p if l.so_ngay_tre > 5 %}",
            "Hồ sơ của {{ l.chu_ho_so }} đã trễ {{ l.so_ngay_tre }} ngày làm việc.",
            "{%p endif %}",
        ],
    )
    _table_loop(doc, anchor, "Cơ quan lập phiếu", "{%tr for d in l.co_quan %}", ["{{ d }}"])
    _footer(doc, "Phiếu của {{ co_quan|join(“ ”) }} – {{ dia_danh }}, ký hiệu {{ ky_hieu }}")
    (workspace / "templates").mkdir()
    doc.save(str(workspace / "templates" / "phieu-xin-loi.docx"))
    # Two dossiers open and late on 20/3/2024: 2 and 12 working days.
    export = write_xlsx(
        tmp_path / "xuat.xlsx",
        [
            row(
                "HS-01",
                "Nguyễn Văn An",
                received=dt.datetime(2024, 3, 11, 8, 0),
                due=dt.datetime(2024, 3, 18, 16, 30),
            ),
            row(
                "HS-02",
                "Trần Thị Bình",
                received=dt.datetime(2024, 2, 26, 8, 0),
                due=dt.datetime(2024, 3, 4, 16, 30),
            ),
        ],
    )
    assert run_cli("validate", "--data", str(workspace)) == 0
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
            "2024-03-20",
        )
        == 0
    )
    [document] = out.glob("phieu-xin-loi-*.docx")
    late = [text for text in _body(document) if "đã trễ" in text]
    assert len(late) == 1
    assert re.fullmatch(r"Hồ sơ của Trần Thị Bình đã trễ 1\d ngày làm việc\.", late[0])
    assert (
        _tables(document, "Cơ quan lập phiếu")
        == [["Cơ quan lập phiếu", "ỦY BAN NHÂN DÂN", "XÃ HẢI YẾN"]] * 2
    )
    assert "Phiếu của ỦY BAN NHÂN DÂN XÃ HẢI YẾN – Hải Yến, ký hiệu PXL" in _footers(document)


def test_edited_report_template_prints_its_block_table_and_footer(
    workspace: Path, tmp_path: Path
) -> None:
    doc = _shipped("bao-cao-cchc.docx")
    anchor = _after(
        doc,
        _paragraph_starting(doc, "{% if dan_ke_hoach %}")._p,
        [
            "{%p if co_so_lieu %}",
            "Trong kỳ tiếp nhận {{ thong_ke.received }} hồ sơ.",
            "{%p endif %}",
            "{%p if not co_so_lieu %}",
            "Kỳ này chưa có số liệu.",
            "{%p endif %}",
        ],
    )
    _table_loop(doc, anchor, "Các phần", "{%tr for p in phan_dau %}", ["{{ p.so }}", "{{ p.ten }}"])
    _footer(doc, "Báo cáo {{ ky|replace(“quý”, “Quý”) }} của {{ ten_day_du }}")
    (workspace / "templates").mkdir()
    doc.save(str(workspace / "templates" / "bao-cao-cchc.docx"))
    assert run_cli("validate", "--data", str(workspace)) == 0
    out = tmp_path / "out"
    assert run_cli("report", "--quarter", "1", "--data", str(workspace), "--out", str(out)) == 0
    document = out / "bao-cao-cchc-quy-1-2024.docx"
    body = _body(document)
    assert any(re.fullmatch(r"Trong kỳ tiếp nhận [1-9][\d.]* hồ sơ\.", text) for text in body)
    assert "Kỳ này chưa có số liệu." not in body
    [table] = [t for t in open_doc(document).tables if t.rows[0].cells[0].text == "Các phần"]
    parts = [f"{r.cells[0].text}. {r.cells[1].text}" for r in table.rows[1:]]
    # One row per part of the report's first half, as its headings print them.
    headings = [text for text in body if re.match(r"[IVX]+\. ", text)]
    assert len(parts) >= 3
    assert parts == headings[: len(parts)]
    assert "Báo cáo Quý I năm 2024 của Ủy ban nhân dân xã Hải Yến" in _footers(document)
