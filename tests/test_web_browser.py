"""The desk clicked through in a real browser: the distribution's Chromium driven by
Playwright. Skipped only when Chromium is absent and KEHOACH_REQUIRE_BROWSER is not set
(.ci/run sets it, so CI never skips them)."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import DATA, EXPORT, run_cli
from docxread import open_doc, table_rows

from kehoach_docs.commands import serve

if os.environ.get("KEHOACH_REQUIRE_BROWSER") != "1":
    from desk_browser import chromium

    if chromium() is None:
        pytest.skip("chưa cài Chromium (apt-get install -y chromium)", allow_module_level=True)
    pytest.importorskip("playwright")

from desk_browser import browser_page, running_desk


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, Path]:
    """A workspace in a folder named as offices name them: Vietnamese letters and spaces."""
    base = tmp_path / "Văn phòng UBND xã"
    data = base / "dữ liệu"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("*.sqlite3*"))
    return data, base / "văn bản"


def test_overview_then_each_page(office: tuple[Path, Path], tmp_path: Path) -> None:
    data, out = office
    with running_desk(data, out) as address, browser_page(tmp_path) as page:
        page.goto(address + "/")
        assert page.inner_text("#validate-state") == "Dữ liệu hợp lệ: 0 lỗi, 11 cảnh báo."
        for link, heading in (("Kế hoạch", "Kế hoạch"), ("Phiếu xin lỗi", "Phiếu xin lỗi"),
                              ("Theo dõi", "Theo dõi tiến độ"),
                              ("Báo cáo", "Báo cáo kết quả CCHC")):  # fmt: skip
            with page.expect_navigation():
                page.click(f"nav >> text={link}")
            assert page.inner_text("h1").startswith(heading)
            if link == "Kế hoạch":  # validate's warnings in the rows they name
                warned = page.locator("#phu-luc-I tr.warned:has-text('dòng 231 của ke-hoach')")
                assert warned.locator("td").first.inner_text() == "4"
                assert page.locator(".row-warning").count() == 10


def test_letters_listed_then_issued_and_downloaded(office: tuple[Path, Path],
                                                   tmp_path: Path) -> None:  # fmt: skip
    """The example export (made on 31/12/2024) uploaded, day D left to the export: 16
    letters owed, 1 dossier due soon (ticked), 24 resolved late; then 17 letters issued."""
    data, out = office
    with running_desk(data, out) as address, browser_page(tmp_path) as page:
        page.goto(address + "/phieu-xin-loi")
        page.check("#source-upload")
        page.set_input_files("#export-file", str(data / EXPORT))
        page.click("#preview")
        page.wait_for_selector("#day-line", timeout=60_000)  # read by a job, then shown
        assert page.inner_text("#day-line") == ("Tính đến ngày 31/12/2024 (ngày lập tệp hồ "
                                                "sơ).")  # fmt: skip
        assert page.inner_text("#owed .count") == "16"
        assert page.inner_text("#due-soon .count") == "1"
        assert page.inner_text("#resolved-late .count") == "24"
        assert page.locator("#owed tbody tr").count() == 16
        assert not (data / "so-theo-doi-phieu-xin-loi.sqlite3").exists()  # nothing numbered
        due_soon = page.locator("#due-soon input[name=ma]")
        code = due_soon.get_attribute("value")
        due_soon.check()
        page.click("#issue")
        page.wait_for_selector("#job-state", timeout=60_000)
        done = page.inner_text("main")
        assert "cấp mới 17 phiếu, số 01/PXL đến 17/PXL năm 2024." in done
        # Day D left blank: the issue says where it came from as the preview did.
        assert "Tính đến ngày 31/12/2024 (ngày lập tệp hồ sơ)." in done
        with page.expect_download() as waiting:
            page.click("a.download:has-text('phieu-xin-loi-2024-so-001-017.docx')")
        saved = tmp_path / "tai-ve.docx"
        waiting.value.save_as(saved)
        page.goto(address + "/phieu-xin-loi")
        assert page.locator("#register-table tbody tr").count() == 17
        page.fill("input[name=tim]", code)
        with page.expect_navigation():
            page.click("#register >> text=Lọc")
        assert page.locator("#register-table tbody tr").count() == 1
        # «In lại» on that row: the letter printed again, nothing numbered.
        page.click("#register-table button:has-text('In lại')")
        page.wait_for_selector("#job-state", timeout=60_000)
        assert "In lại 1 phiếu theo sổ theo dõi" in page.inner_text("main")
        with page.expect_download() as waiting:
            page.click("a.download:has-text('-in-lai.docx')")
        again = tmp_path / "in-lai.docx"
        waiting.value.save_as(again)
    reprinted = "\n".join(p.text for p in open_doc(again).paragraphs)
    assert reprinted.count("PHIẾU XIN LỖI") == 1 and code in reprinted
    document = open_doc(saved)
    text = "\n".join(p.text for p in document.paragraphs)
    assert text.count("PHIẾU XIN LỖI") == 17
    with zipfile.ZipFile(saved) as archive:
        assert archive.read("word/document.xml").decode().count('w:type="page"') == 16
    # The same export, day and ticked dossier through the command line: the same bytes.
    cli_data = tmp_path / "cli-data"
    shutil.copytree(DATA, cli_data, ignore=shutil.ignore_patterns("*.sqlite3*"))
    assert run_cli("letters", "--data", str(cli_data), "--as-of", "31/12/2024", "--ma", code,
                   "--out", str(tmp_path / "cli")) == 0  # fmt: skip
    assert saved.read_bytes() == (
        tmp_path / "cli" / "phieu-xin-loi-2024-so-001-017.docx").read_bytes()


def test_report_page_shows_the_numbers_of_kehoach_report(
    office: tuple[Path, Path], tmp_path: Path
) -> None:
    data, out = office
    assert run_cli("report", "--quarter", "1", "--data", str(data), "--out",
                   str(tmp_path / "cli")) == 0  # fmt: skip
    document = open_doc(tmp_path / "cli" / "bao-cao-cchc-quy-1-2024.docx")
    stats = table_rows(document, 1)[3]
    indicators = [row[1:] for row in table_rows(document, 2)[1:]]
    with running_desk(data, out) as address, browser_page(tmp_path) as page:
        page.goto(address + "/bao-cao")
        page.select_option("#period", "q1")
        with page.expect_navigation():
            page.click("#period-form >> text=Xem")
        page.wait_for_selector("#stats")
        assert page.locator("#stats tbody td").all_inner_texts() == stats
        shown = [cells.locator("td").all_inner_texts()[1:]
                 for cells in page.locator("#indicators tbody tr").all()]  # fmt: skip
        assert shown == indicators
        assert page.locator("#chart").evaluate("img => img.naturalWidth") > 300
        page.click("#make-report")
        page.wait_for_selector("#job-state", timeout=60_000)
        with page.expect_download() as waiting:
            page.click("a.download:has-text('bao-cao-cchc-quy-1-2024.docx')")
        waiting.value.save_as(tmp_path / "web.docx")
    assert (tmp_path / "web.docx").read_bytes() == (
        tmp_path / "cli" / "bao-cao-cchc-quy-1-2024.docx").read_bytes()


def test_refusals_seen_from_the_browser(office: tuple[Path, Path], tmp_path: Path) -> None:
    data, out = office
    with running_desk(data, out) as address, browser_page(tmp_path) as page:
        page.goto(address + "/")
        forged = page.request.post(address + "/bao-cao/lam", form={"ky": "q1"})
        assert forged.status == 400
        assert "mã bảo vệ hợp lệ (CSRF)" in forged.text()
        assert not out.exists()
        answer = page.goto(address + "/download/..%2F..%2F..%2Fetc%2Fpasswd")
        assert answer.status == 404 and "root:" not in page.content()


def test_login_then_logout(office: tuple[Path, Path], tmp_path: Path) -> None:
    """A password set guards the desk on this computer too; «Đăng xuất» on every page ends
    the session: the pages ask for the password again."""
    data, out = office
    serve.set_password(data, "mat-khau-van-phong")
    with running_desk(data, out) as address, browser_page(tmp_path) as page:
        page.goto(address + "/phieu-xin-loi")
        assert page.inner_text("h1") == "Đăng nhập"
        page.fill("input[name=mat_khau]", "mat-khau-van-phong")
        with page.expect_navigation():
            page.click("main button:has-text('Đăng nhập')")
        assert page.inner_text("h1").startswith("Phiếu xin lỗi")
        for link in ("Kế hoạch", "Theo dõi", "Báo cáo", "Tổng quan"):
            with page.expect_navigation():
                page.click(f"nav >> text={link}")
            assert page.locator("#logout").inner_text() == "Đăng xuất"
        with page.expect_navigation():
            page.click("#logout")
        assert page.inner_text("h1") == "Đăng nhập"
        assert "Đã đăng xuất." in page.inner_text("main")
        page.goto(address + "/phieu-xin-loi")
        assert page.inner_text("h1") == "Đăng nhập"
        page.go_back()  # the browser's history shows the login again, never the register
        page.reload()
        assert page.inner_text("h1") == "Đăng nhập"


def test_another_site_pointed_at_the_desk_reads_nothing(office: tuple[Path, Path],
                                                         tmp_path: Path) -> None:  # fmt: skip
    """DNS rebinding as the browser does it: another site's name resolved to this computer
    opens nothing; a form of another site posted to the desk is refused."""
    data, out = office
    (data / "VI-DU.md").unlink()  # a unit's own: its register kept in it, shared with no test
    assert run_cli("letters", "--data", str(data), "--out", str(out),
                   "--as-of", "31/12/2024") == 0  # fmt: skip
    rebound = ["--host-resolver-rules=MAP attacker.example 127.0.0.1"]
    with running_desk(data, out) as address, browser_page(tmp_path, rebound) as page:
        port = address.rsplit(":", 1)[1]
        page.goto(address + "/phieu-xin-loi")
        assert page.locator("#register-table tbody tr").count() == 16
        answer = page.goto(f"http://attacker.example:{port}/phieu-xin-loi")
        assert answer.status == 403
        assert "không phải của bàn làm việc nên bị từ chối" in page.inner_text("main")
        assert page.locator("#register-table").count() == 0
        # A page of another site sending a form to the desk, as a trap page would.
        page.route("http://trang-bay.example/", lambda route: route.fulfill(
            content_type="text/html; charset=utf-8",
            body=f'<form method="post" action="{address}/theo-doi/lam">'
                 '<input name="csrf" value="doan"><button id="go">Gửi</button></form>'))
        page.goto("http://trang-bay.example/")
        with page.expect_navigation():
            page.click("#go")
        assert "đến từ một trang khác, không phải từ bàn làm việc" in page.inner_text("main")
