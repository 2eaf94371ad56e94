"""The README's pictures of the documents: the example's quarter I report and its Phụ lục I,
made in a temporary folder, converted by LibreOffice and pdftoppm, one page each, into docs/.

    python scripts/readme_pages.py     # needs soffice and pdftoppm (libreoffice-writer-nogui,
                                       # poppler-utils); writes docs/van-ban-*.png
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from kehoach_docs.cli import main as kehoach  # noqa: E402

EXAMPLE = ROOT / "examples" / "hai-yen-2024"
DOCS = ROOT / "docs"
DPI = 72  # readable in the README, a few tens of kilobytes
# (document made by the example, page, picture in docs/)
PAGES = (
    ("bao-cao-cchc-quy-1-2024.docx", 1, "van-ban-bao-cao-quy.png"),
    ("ke-hoach-2024-phu-luc-I.docx", 1, "van-ban-phu-luc.png"),
)


def run(*args: str) -> None:
    try:
        kehoach(list(args))
    except SystemExit as done:
        if done.code:
            raise SystemExit(f"kehoach {' '.join(args)}: mã thoát {done.code}") from None


def page_png(docx: Path, page: int, work: Path) -> bytes:
    """One page of the document as LibreOffice prints it, in 16 shades of grey (the pages
    are black text on white; a palette keeps the file small)."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{work / 'lo'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    stem = work / f"{docx.stem}-{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(DPI),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(work / f"{docx.stem}.pdf"),
            str(stem),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    picture = Image.open(f"{stem}.png").convert("L").quantize(16)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        data = work / "data"
        # The example's inputs only: no register, and not marked as the example (so that its
        # state folder is left alone).
        data.mkdir()
        for name in ("don-vi.yaml", "ke-hoach.yaml", "theo-doi-thuc-hien-2024.xlsx"):
            shutil.copy(EXAMPLE / name, data / name)
        shutil.copytree(EXAMPLE / "ho-so-mot-cua", data / "ho-so-mot-cua")
        out = work / "out"
        run("appendix", "--data", str(data), "--out", str(out))
        run(
            "report",
            "--quarter",
            "1",
            "--as-of",
            "2024-12-31",
            "--data",
            str(data),
            "--out",
            str(out),
        )
        for document, page, picture in PAGES:
            target = DOCS / picture
            target.write_bytes(page_png(out / document, page, work))
            print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
