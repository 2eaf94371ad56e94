"""Every table of every document the project writes lays out the same in Word and in
LibreOffice, and keeps its rows and headings together (NĐ 30 format notes, "Tables that look
the same"). The test walks the real outputs, so a future template cannot regress."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import copy_data, run_cli
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docxread import W, open_doc, pdfs_pages

HEADING = re.compile(r"^([IVX]+\. |\d+\. |[a-z]\) |Nhiệm vụ .*:$)")


@pytest.fixture(scope="module")
def outputs(seed_build: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """What build writes (appendices, letters, quarter report), plus the half-year and year
    reports; made once, only read."""
    workspace = copy_data(tmp_path_factory.mktemp("periods-data") / "data")
    out = tmp_path_factory.mktemp("periods")
    for flag in ("--half", "--whole-year"):
        assert (
            run_cli(
                "report", flag, "--data", str(workspace), "--out", str(out), "--as-of", "2025-01-10"
            )
            == 0
        )
    documents = sorted(seed_build.glob("*.docx")) + sorted(out.glob("*.docx"))
    kinds = {p.name.split("-")[0] for p in documents}
    assert {"ke", "phieu", "bao"} <= kinds, kinds
    return documents


def _bold_row(tr) -> bool:
    runs = [r for r in tr.iter(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t")).strip()]

    def bold(run) -> bool:
        b = run.find(f"{W}rPr/{W}b")
        return b is not None and b.get(qn("w:val")) not in ("0", "false")

    return bool(runs) and all(bold(r) for r in runs)


def test_every_table_is_word_compatible(outputs: list[Path]) -> None:
    checked = 0
    for path in outputs:
        body = open_doc(path).element.body
        for number, tbl in enumerate(body.iter(f"{W}tbl"), start=1):
            grid = [int(c.get(qn("w:w"))) for c in tbl.find(f"{W}tblGrid")]
            rows = tbl.findall(f"{W}tr")
            for index, tr in enumerate(rows):
                where = f"{path.name}, bảng {number}, hàng {index + 1}"
                assert tr.find(f"{W}trPr/{W}cantSplit") is not None, where
                column = 0
                for tc in tr.findall(f"{W}tc"):
                    span = tc.grid_span
                    width = tc.find(f"{W}tcPr/{W}tcW")
                    assert width is not None and width.get(qn("w:type")) == "dxa", where
                    assert int(width.get(qn("w:w"))) == sum(grid[column : column + span]), where
                    column += span
                assert column == len(grid), where
                header = tr.find(f"{W}trPr/{W}tblHeader") is not None
                if (header or _bold_row(tr)) and index < len(rows) - 1:
                    paragraphs = tr.findall(f".//{W}p")
                    assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in paragraphs), where
                checked += 1
    assert checked > 200


def test_report_headings_keep_with_the_next_paragraph(seed_build: Path) -> None:
    doc = open_doc(next(seed_build.glob("bao-cao-*.docx")))
    body_paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    headings = [p for p in body_paragraphs if HEADING.match(p.text)]
    assert len(headings) > 10
    for para in headings:
        keep = para.paragraph_format.keep_with_next
        if keep is None:
            keep = para.style.paragraph_format.keep_with_next
        assert keep, para.text


def test_the_signature_is_never_alone_on_a_page(
    outputs: list[Path], tmp_path: Path, workspace: Path
) -> None:
    """NĐ 30: the signature block keeps the end of the text with it. The quarter, half-year
    and year reports of the example, as LibreOffice lays them out (quarter I's signature
    used to fall alone onto its page 4)."""
    reports = [p for p in outputs if p.name.startswith("bao")]
    assert (
        run_cli(
            "report",
            "--quarter",
            "1",
            "--data",
            str(workspace),
            "--out",
            str(tmp_path / "q1"),
            "--as-of",
            "2025-01-10",
        )
        == 0
    )
    reports.append(tmp_path / "q1" / "bao-cao-cchc-quy-1-2024.docx")
    assert len(reports) == 4  # quarters II (build's) and I, the half year, the year
    laid_out = pdfs_pages(reports, tmp_path / "pdf")
    for path in reports:
        doc = open_doc(path)
        signature = next(t for t in doc.tables if "Nơi nhận:" in t.cell(0, 0).text)
        before = Paragraph(signature._tbl.getprevious(), doc._body)
        assert before.text and before.style.paragraph_format.keep_with_next, path.name
        page = next(p for p in laid_out[path] if "Nơi nhận:" in p)
        above = page.split("Nơi nhận:")[0].strip().splitlines()[1:]  # after the page number
        assert any(line.strip() for line in above), f"{path.name}: chữ ký đứng riêng một trang"
