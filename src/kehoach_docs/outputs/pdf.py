"""PDF through LibreOffice headless: big documents in chunks on both cores, each converter
with its own profile (two LibreOffice processes cannot share one), then joined."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

INSTALL_HINT = (
    "Không tìm thấy LibreOffice (lệnh soffice) để chuyển sang PDF. Hãy cài LibreOffice: "
    "trên Debian/Ubuntu «sudo apt-get install -y libreoffice-writer», trên Windows tải "
    "tại libreoffice.org; rồi chạy lại lệnh. Tệp .docx vẫn đã được ghi."
)


class PdfUnavailable(Exception):
    pass


def _windows_installs() -> list[Path]:
    """Where LibreOffice's installer puts soffice.exe on Windows, which it does not add to
    PATH: under Program Files (64- and 32-bit)."""
    names = ("PROGRAMFILES", "PROGRAMFILES(X86)", "PROGRAMW6432")
    roots = sorted({root for name in names if (root := os.environ.get(name))})
    return [Path(root) / "LibreOffice" / "program" / "soffice.exe" for root in roots]


def soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in _windows_installs():
        if candidate.is_file():
            return str(candidate)
    raise PdfUnavailable(INSTALL_HINT)


def workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def _convert(binary: str, source: Path, workdir: Path) -> Path:
    profile = workdir / f"profile-{source.stem}"
    result = subprocess.run(
        [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(workdir), str(source)],
        capture_output=True, text=True, timeout=3600, check=False,
    )  # fmt: skip
    target = workdir / (source.stem + ".pdf")
    if result.returncode != 0 or not target.exists():
        raise PdfUnavailable(
            f"LibreOffice không chuyển được {source.name} sang PDF: "
            f"{(result.stderr or result.stdout).strip()[:300]}"
        )
    return target


def convert_parts(
    parts: Sequence[Path], target: Path, done: Callable[[int], None] | None = None
) -> int:
    """Convert each .docx part (in parallel), join them in order into target; page count."""
    from pypdf import PdfReader, PdfWriter

    binary = soffice()
    with tempfile.TemporaryDirectory(prefix="kehoach-pdf-") as tmp:
        workdir = Path(tmp)
        with ThreadPoolExecutor(max_workers=workers()) as pool:
            futures = [pool.submit(_convert, binary, part, workdir) for part in parts]
            pdfs = []
            for future in futures:
                pdfs.append(future.result())
                if done:
                    done(1)
        writer = PdfWriter()
        for pdf in pdfs:
            writer.append(str(pdf))
        # Joining drops the parts' properties: the title LibreOffice took from the .docx
        # is given back, from the first part.
        title = (PdfReader(pdfs[0]).metadata or {}).get("/Title")
        if title:
            writer.add_metadata({"/Title": title})
        with target.open("wb") as handle:
            writer.write(handle)
        return len(writer.pages)
