"""Reading produced documents the way an officer looks at them."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import NoReturn

import pytest
from docx import Document
from docx.oxml.ns import qn

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def open_doc(path: Path):
    return Document(str(path))


def cell_text(tc) -> str:
    """The text of one <w:tc>, its paragraphs joined by newlines."""
    paras = tc.findall(f"{W}p")
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in paras)


def table_rows(doc, index: int = 0) -> list[list[str]]:
    """Each row as the list of its real cells (a merged cell counts once)."""
    table = doc.tables[index]._tbl
    return [[cell_text(tc) for tc in tr.findall(f"{W}tc")] for tr in table.findall(f"{W}tr")]


def row_elements(doc, index: int = 0):
    return doc.tables[index]._tbl.findall(f"{W}tr")


def all_xml_text(path: Path, skip: tuple[str, ...] = ()) -> str:
    with zipfile.ZipFile(path) as zf:
        return "\n".join(
            zf.read(name).decode("utf-8")
            for name in zf.namelist()
            if name.endswith(".xml") and name not in skip
        )


def run_is_bold(run_el, para_el=None) -> bool:
    rpr = run_el.find(f"{W}rPr")
    return rpr is not None and rpr.find(f"{W}b") is not None


def grid_span(tc) -> int:
    span = tc.find(f"{W}tcPr/{W}gridSpan")
    return int(span.get(qn("w:val"))) if span is not None else 1


def v_merge(tc) -> str | None:
    merge = tc.find(f"{W}tcPr/{W}vMerge")
    if merge is None:
        return None
    return merge.get(qn("w:val")) or "continue"


def _missing(what: str) -> NoReturn:
    """CI (KEHOACH_REQUIRE_SOFFICE set) fails the test; elsewhere it is skipped."""
    if os.environ.get("KEHOACH_REQUIRE_SOFFICE"):
        pytest.fail(f"{what} là bắt buộc trong CI (KEHOACH_REQUIRE_SOFFICE)")
    pytest.skip(f"cần {what}")


# A LibreOffice component is there when its library is (libswlo.so, swlo.dll,
# libswlo.dylib): distributions package Writer and Calc apart from the soffice binary
# (Debian's libreoffice-writer-nogui, libreoffice-calc-nogui), which starts without them
# and then fails each conversion with a message that names neither.
_COMPONENTS = {"Writer": "swlo", "Calc": "sclo"}


def soffice(*, writer: bool = False, calc: bool = False) -> str:
    """The LibreOffice binary, with the components the test needs: Writer converts the
    documents (.docx), Calc the workbooks (.xlsx, .xls, .ods)."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        _missing("LibreOffice (soffice)")
    program = Path(binary).resolve().parent
    # Linux and Windows keep the libraries beside the binary, macOS in the bundle's Frameworks.
    folders = (program, program.parent / "Frameworks")
    for name, wanted in (("Writer", writer), ("Calc", calc)):
        library = _COMPONENTS[name]
        if wanted and not any(any(folder.glob(f"*{library}.*")) for folder in folders):
            _missing(f"LibreOffice {name} (không thấy thư viện {library} cạnh {binary})")
    return binary


# Set by conftest for the session: one LibreOffice profile per test process (per xdist
# worker), made by the first conversion and reused; a fresh one costs seconds at each start.
PROFILE: Path | None = None


def office(*args: str, writer: bool = False, calc: bool = False) -> None:
    """Run LibreOffice headless with the session's profile (and the components asked for)."""
    binary = soffice(writer=writer, calc=calc)
    assert PROFILE is not None, "conftest sets the session's LibreOffice profile"
    subprocess.run(
        [binary, f"-env:UserInstallation={PROFILE.as_uri()}", "--headless", "--norestore", *args],
        check=True,
        capture_output=True,
        timeout=180,
    )


def pdf_pages(docx: Path, workdir: Path) -> list[str]:
    """Convert with LibreOffice, return the text of each PDF page."""
    return pdfs_pages([docx], workdir)[docx]


def pdfs_pages(docs: list[Path], workdir: Path) -> dict[Path, list[str]]:
    """Several documents (of distinct names) converted in one LibreOffice start; the text of
    each one's PDF pages."""
    if shutil.which("pdftotext") is None:
        _missing("pdftotext (poppler-utils)")
    office("--convert-to", "pdf", "--outdir", str(workdir), *map(str, docs), writer=True)
    return {docx: pdf_text(workdir / (docx.stem + ".pdf")) for docx in docs}


def pdf_text(pdf: Path) -> list[str]:
    """The text of each page of a PDF."""
    if shutil.which("pdftotext") is None:
        _missing("pdftotext (poppler-utils)")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages
