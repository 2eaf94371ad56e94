"""Screenshots of every page of the desk (kehoach serve) into docs/, for the README: the
embedded Hải Yến data copied to a folder whose name has Vietnamese letters and spaces, so no
real letter number is spent.

    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from desk_browser import browser_page, running_desk  # noqa: E402

DOCS = ROOT / "docs"


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kehoach-anh-") as tmp:
        base = Path(tmp) / "Ủy ban xã Hải Yến"
        data = base / "dữ liệu"
        shutil.copytree(
            ROOT / "examples" / "hai-yen-2024",
            data,
            ignore=shutil.ignore_patterns("*.sqlite3*", "VI-DU.md"),
        )
        out = base / "văn bản"
        with running_desk(data, out) as address, browser_page(Path(tmp)) as page:

            def shot(name: str) -> None:
                page.screenshot(path=str(DOCS / f"web-{name}.png"), full_page=False)
                print(f"Đã ghi: docs/web-{name}.png")

            page.goto(address + "/")
            shot("tong-quan")
            page.goto(address + "/ke-hoach")
            page.check("#appendix-pdf")
            page.click("#make-appendices")
            page.wait_for_selector("#job-state", timeout=120_000)
            page.goto(address + "/ke-hoach")
            shot("ke-hoach")
            page.locator("tr.warned").first.scroll_into_view_if_needed()
            page.evaluate("window.scrollBy(0, 120)")
            shot("ke-hoach-canh-bao")
            page.goto(address + "/ke-hoach")
            page.set_input_files("#plan-file", str(out / "ke-hoach-2024-phu-luc-I.docx"))
            page.click("#import-preview")
            shot("ke-hoach-nhap")
            page.goto(address + "/phieu-xin-loi")
            shot("phieu-xin-loi")
            page.click("#preview")
            page.locator("#due-soon input[name=ma]").check()
            page.evaluate("window.scrollTo(0, 0)")
            shot("phieu-xin-loi-danh-sach")
            page.click("#issue")
            page.wait_for_selector("#job-state")
            shot("phieu-xin-loi-xong")
            page.goto(address + "/phieu-xin-loi")
            page.locator("#register").scroll_into_view_if_needed()
            shot("so-theo-doi")
            page.goto(address + "/theo-doi")
            shot("theo-doi")
            page.goto(address + "/bao-cao")
            shot("bao-cao")


if __name__ == "__main__":
    main()
