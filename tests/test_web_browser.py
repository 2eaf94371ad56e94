"""The desk clicked through in a real browser: the distribution's Chromium driven by
Playwright. Skipped only when Chromium is absent and KEHOACH_REQUIRE_BROWSER is not set
(.ci/run sets it, so CI never skips them)."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import DATA, EXPORT, run_cli
from docxread import all_xml_text, open_doc, table_rows
from exports import row, write_xlsx
from openpyxl import load_workbook

from kehoach_docs.commands import serve
from kehoach_docs.domain.textclean import strip_marks
from kehoach_docs.web import auth

if os.environ.get("KEHOACH_REQUIRE_BROWSER") != "1":
    from desk_browser import chromium

    if chromium() is None:
        pytest.skip("chưa cài Chromium (apt-get install -y chromium)", allow_module_level=True)
    pytest.importorskip("playwright")

from browser_pages import browser_page
from desk_browser import running_desk

STALE_FORM = "Trang này đã mở từ trước khi bàn làm việc khởi động lại nên chưa làm gì."


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, Path]:
    """A workspace in a folder named as offices name them: Vietnamese letters and spaces."""
    base = tmp_path / "Văn phòng UBND xã"
    data = base / "dữ liệu"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("*.sqlite3*"))
    return data, base / "văn bản"


@pytest.fixture
def unit_office(office: tuple[Path, Path]) -> tuple[Path, Path]:
    """The office's workspace as a unit's own (not the example): its register is kept in it,
    never shared with other tests' runs on the example, and a plan may be imported."""
    (office[0] / "VI-DU.md").unlink()
    return office


def test_overview_then_each_page(office: tuple[Path, Path], tmp_path: Path) -> None:
    data, out = office
    with running_desk(data, out) as address, browser_page(tmp_path) as page:
        page.goto(address + "/")
        assert page.inner_text("#validate-state") == "Dữ liệu hợp lệ: 0 lỗi, 11 cảnh báo."
        for link, heading in (
            ("Kế hoạch", "Kế hoạch"),
            ("Phiếu xin lỗi", "Phiếu xin lỗi"),
            ("Theo dõi", "Theo dõi tiến độ"),
            ("Báo cáo", "Báo cáo kết quả CCHC"),
        ):
            with page.expect_navigation():
                page.click(f"nav >> text={link}")
            assert page.inner_text("h1").startswith(heading)
            if link == "Kế hoạch":  # validate's warnings in the rows they name
                warned = page.locator("#phu-luc-I tr.warned:has-text('dòng 231 của ke-hoach')")
                assert warned.locator("td").first.inner_text() == "4"
                assert page.locator(".row-warning").count() == 10


def test_letters_listed_then_issued_and_downloaded(
    office: tuple[Path, Path], tmp_path: Path
) -> None:
    """The example export (made on 31/12/2024) uploaded, day D left to the export: 16
    letters owed, 1 dossier due soon (ticked), 24 resolved late; then 17 letters issued."""
    data, out = office
    with running_desk(data, out) as address, browser_page(tmp_path) as page:
        page.goto(address + "/phieu-xin-loi")
        page.check("#source-upload")
        page.set_input_files("#export-file", str(data / EXPORT))
        page.click("#preview")
        page.wait_for_selector("#day-line", timeout=60_000)  # read by a job, then shown
        assert page.inner_text("#day-line") == ("Tính đến ngày 31/12/2024 (ngày lập tệp hồ sơ).")
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
    assert (
        run_cli(
            "letters",
            "--data",
            str(cli_data),
            "--as-of",
            "31/12/2024",
            "--ma",
            code,
            "--out",
            str(tmp_path / "cli"),
        )
        == 0
    )
    assert (
        saved.read_bytes() == (tmp_path / "cli" / "phieu-xin-loi-2024-so-001-017.docx").read_bytes()
    )


def test_report_page_shows_the_numbers_of_kehoach_report(
    office: tuple[Path, Path], tmp_path: Path
) -> None:
    data, out = office
    assert (
        run_cli("report", "--quarter", "1", "--data", str(data), "--out", str(tmp_path / "cli"))
        == 0
    )
    document = open_doc(tmp_path / "cli" / "bao-cao-cchc-quy-1-2024.docx")
    stats = table_rows(document, 1)[3]
    indicators = [row[1:] for row in table_rows(document, 2)[1:]]
    with running_desk(data, out) as address, browser_page(tmp_path) as page:
        page.goto(address + "/bao-cao")
        with page.expect_navigation():  # the page follows the period chosen
            page.select_option("#period", "q1")
        page.wait_for_selector("#stats")
        assert page.locator("#stats tbody td").all_inner_texts() == stats
        shown = [
            cells.locator("td").all_inner_texts()[1:]
            for cells in page.locator("#indicators tbody tr").all()
        ]
        assert shown == indicators
        assert page.locator("#chart").evaluate("img => img.naturalWidth") > 300
        page.click("#make-report")
        page.wait_for_selector("#job-state", timeout=60_000)
        with page.expect_download() as waiting:
            page.click("a.download:has-text('bao-cao-cchc-quy-1-2024.docx')")
        waiting.value.save_as(tmp_path / "web.docx")
    assert (tmp_path / "web.docx").read_bytes() == (
        tmp_path / "cli" / "bao-cao-cchc-quy-1-2024.docx"
    ).read_bytes()


def test_refusals_seen_from_the_browser(office: tuple[Path, Path], tmp_path: Path) -> None:
    data, out = office
    with running_desk(data, out) as address, browser_page(tmp_path) as page:
        page.goto(address + "/")
        forged = page.request.post(address + "/bao-cao/lam", form={"ky": "q1"})
        # Nothing made: the form's page, saying why, never an error about tokens.
        assert forged.status == 200 and forged.url == address + "/bao-cao?ky=q1"
        assert STALE_FORM in forged.text() and "CSRF" not in forged.text()
        assert not out.exists()
        answer = page.goto(address + "/download/..%2F..%2F..%2Fetc%2Fpasswd")
        assert answer.status == 404 and "root:" not in page.content()


def test_login_then_logout(office: tuple[Path, Path], tmp_path: Path) -> None:
    """A password set guards the desk on this computer too; «Đăng xuất» on every page ends
    the session: the pages ask for the password again."""
    data, out = office
    auth.set_password(data, "mat-khau-van-phong")
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


def test_another_site_pointed_at_the_desk_reads_nothing(
    office: tuple[Path, Path], tmp_path: Path
) -> None:
    """DNS rebinding as the browser does it: another site's name resolved to this computer
    opens nothing; a form of another site posted to the desk is refused."""
    data, out = office
    (data / "VI-DU.md").unlink()  # a unit's own: its register kept in it, shared with no test
    assert run_cli("letters", "--data", str(data), "--out", str(out), "--as-of", "31/12/2024") == 0
    rebound = ["--host-resolver-rules=MAP attacker.example 127.0.0.1"]
    with running_desk(data, out) as address, browser_page(tmp_path, extra_args=rebound) as page:
        port = address.rsplit(":", 1)[1]
        page.goto(address + "/phieu-xin-loi")
        assert page.locator("#register-table tbody tr").count() == 16
        answer = page.goto(f"http://attacker.example:{port}/phieu-xin-loi")
        assert answer.status == 403
        assert "không phải của bàn làm việc nên bị từ chối" in page.inner_text("main")
        assert page.locator("#register-table").count() == 0
        # A page of another site sending a form to the desk, as a trap page would.
        page.route(
            "http://trang-bay.example/",
            lambda route: route.fulfill(
                content_type="text/html; charset=utf-8",
                body=f'<form method="post" action="{address}/theo-doi/lam">'
                '<input name="csrf" value="doan"><button id="go">Gửi</button></form>',
            ),
        )
        page.goto("http://trang-bay.example/")
        with page.expect_navigation():
            page.click("#go")
        assert "đến từ một trang khác, không phải từ bàn làm việc" in page.inner_text("main")


def _saved(page, link: str, target: Path) -> Path:
    """The file a download link gives, saved as the browser received it."""
    with page.expect_download() as waiting:
        page.click(link)
    waiting.value.save_as(target)
    return target


def _finished(page) -> str:
    page.wait_for_selector("#job-state", timeout=60_000)
    return page.inner_text("main")


def test_file_picked_is_used_and_the_day_is_dd_mm_yyyy(
    unit_office: tuple[Path, Path], tmp_path: Path
) -> None:
    """In an English-language browser: a file picked while the workspace's export is
    ticked is the one read and named; the day typed 05/01/2025 is the 5th of January, and
    the calendar writes what it picks as dd/mm/yyyy."""
    data, out = unit_office
    export = write_xlsx(
        tmp_path / "c1.xlsx",
        [
            row(
                "CHI-TEP-NAY",
                applicant="Lò Văn Khánh",
                received=dt.datetime(2024, 12, 2),
                due=dt.datetime(2024, 12, 30),
            )
        ],
    )
    with running_desk(data, out) as address, browser_page(tmp_path, "en-US") as page:
        page.goto(address + "/phieu-xin-loi")
        assert page.evaluate("navigator.language") == "en-US"
        assert page.is_checked("#source-folder")
        page.set_input_files("#export-file", str(export))
        assert page.is_checked("#source-upload")  # picking a file chose it
        page.click("#day-calendar")
        page.fill("#day-picker", "2025-01-10")  # what the browser's calendar gives back
        assert page.input_value("#day") == "10/01/2025"
        page.fill("#day", "05/01/2025")
        page.click("#preview")
        page.wait_for_selector("#source-line", timeout=60_000)  # read by a job, then shown
        assert page.inner_text("#source-line") == "Đọc từ tệp «c1.xlsx» vừa tải lên."
        assert page.inner_text("#day-line") == "Tính đến ngày 05/01/2025 (ngày đã chọn)."
        assert page.inner_text("#owed tbody").startswith("CHI-TEP-NAY")
        page.click("#issue")
        done = _finished(page)
        assert page.inner_text("h1") == "Cấp số và tạo phiếu xin lỗi từ tệp «c1.xlsx» vừa tải lên"
        assert "cấp mới 1 phiếu, số 01/PXL năm 2025." in done
        assert "Tính đến ngày 05/01/2025 (ngày đã chọn)." in done
        saved = _saved(
            page, "a.download:has-text('phieu-xin-loi-2025-so-001.docx')", tmp_path / "phieu.docx"
        )
    text = all_xml_text(saved)
    assert "CHI-TEP-NAY" in text and "ngày 05 tháng 01 năm 2025" in text


def test_report_made_is_the_period_chosen(unit_office: tuple[Path, Path], tmp_path: Path) -> None:
    """The page opens on quý IV; «Quý II» chosen and the button clicked, without «Xem»: the
    report of quý II is made."""
    data, out = unit_office
    with running_desk(data, out) as address, browser_page(tmp_path) as page:
        page.goto(address + "/bao-cao")
        assert page.input_value("#period") == "q4"
        with page.expect_navigation():
            page.select_option("#period", "q2")
        button = page.locator("#make-form button")
        assert "quý II" in button.inner_text()
        button.click()
        done = _finished(page)
        assert "bao-cao-cchc-quy-2-2024" in done and "quy-4" not in done
        saved = _saved(
            page, "a.download:has-text('bao-cao-cchc-quy-2-2024')", tmp_path / "bao-cao.docx"
        )
    lines = [p.text for p in open_doc(saved).paragraphs]
    assert "Kết quả thực hiện công tác cải cách hành chính quý II năm 2024" in lines


def test_word_plan_of_one_appendix_keeps_the_others(
    unit_office: tuple[Path, Path], tmp_path: Path
) -> None:
    """The signed Phụ lục I imported: the preview says II and III stay, what removing them
    would remove is shown on request, the plan saved still has all three; then the plan
    before is restored from the page."""
    data, out = unit_office
    assert run_cli("appendix", "--data", str(data), "--out", str(tmp_path / "word")) == 0
    plan = data / "ke-hoach.yaml"
    before = plan.read_bytes()
    with running_desk(data, out) as address, browser_page(tmp_path) as page:
        page.goto(address + "/ke-hoach")
        page.set_input_files("#plan-file", str(tmp_path / "word" / "ke-hoach-2024-phu-luc-I.docx"))
        page.click("#import-preview")
        assert page.inner_text("#absent-line") == (
            "Phụ lục II, III không có trong tệp Word: giữ nguyên."
        )
        assert page.inner_text("#import-removed") == "Không bỏ phần nào của kế hoạch đang có."
        page.click("#absent-choice")  # «Xem nếu bỏ các phụ lục này»
        assert page.inner_text("#absent-line").endswith("bỏ khỏi kế hoạch.")
        assert "Những phần của kế hoạch đang có sẽ bị bỏ (2):" in page.inner_text("#import-removed")
        page.click("#absent-choice")  # «Giữ nguyên các phụ lục này»
        assert page.inner_text("#absent-line").endswith("giữ nguyên.")
        assert plan.read_bytes() == before  # nothing saved yet
        page.click("#import-save")
        assert "Phụ lục II, III không có trong tệp Word: giữ nguyên" in _finished(page)
        page.goto(address + "/ke-hoach")
        assert page.locator("section.appendix h2").all_inner_texts() == [
            "Phụ lục I",
            "Phụ lục II",
            "Phụ lục III",
        ]
        page.click("#plan-backups button")
        assert "Khôi phục kế hoạch từ bản sao lưu lúc" in _finished(page)
    assert plan.read_bytes() == before


def test_reprint_nothing_ticked_then_two_named_by_their_numbers(
    unit_office: tuple[Path, Path], tmp_path: Path
) -> None:
    data, out = unit_office
    assert run_cli("letters", "--data", str(data), "--out", str(out), "--as-of", "31/12/2024") == 0
    with running_desk(data, out) as address, browser_page(tmp_path) as page:
        page.goto(address + "/phieu-xin-loi")
        with page.expect_navigation():
            page.click("#reprint-chosen")
        assert page.inner_text("#register-message") == (
            "Chưa chọn phiếu nào để in lại: đánh dấu ô «Chọn» ở các phiếu cần in rồi bấm lại."
        )
        assert "/viec/" not in page.url and not list(out.glob("*-in-lai.docx"))
        page.check("[aria-label^='Chọn phiếu số 01/PXL năm 2024']")
        page.check("[aria-label^='Chọn phiếu số 05/PXL năm 2024']")
        page.click("#reprint-chosen")
        assert "Đã ghi: phieu-xin-loi-2024-so-001-va-005-in-lai.docx" in _finished(page)
        saved = _saved(
            page, "a.download:has-text('so-001-va-005-in-lai')", tmp_path / "in-lai.docx"
        )
    assert [p.text for p in open_doc(saved).paragraphs].count(
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"
    ) == 2
    text = all_xml_text(saved)
    assert "Số: 01/PXL" in text and "Số: 05/PXL" in text and "Số: 02/PXL" not in text


def test_tab_left_open_across_a_restart(unit_office: tuple[Path, Path], tmp_path: Path) -> None:
    """The letters form opened, the desk restarted on the same address, then «Xem danh
    sách» clicked: the form comes back with the day typed and a sentence; nothing done."""
    data, out = unit_office
    with browser_page(tmp_path) as page:
        with running_desk(data, out) as address:
            page.goto(address + "/phieu-xin-loi")
            page.fill("#day", "10/01/2025")
        port = int(address.rsplit(":", 1)[1])
        with running_desk(data, out, port):
            with page.expect_navigation():
                page.click("#preview")
            assert page.url.startswith(address + "/phieu-xin-loi?")
            assert STALE_FORM in page.inner_text("main")
            assert page.input_value("#day") == "10/01/2025"
            page.click("#preview")  # the form again, with this run's token: it works
            page.wait_for_selector("#day-line", timeout=60_000)
            assert page.inner_text("#day-line") == "Tính đến ngày 10/01/2025 (ngày đã chọn)."
    assert not out.exists()


OFFICER_WORDS_NOT = ("kehoach ", " --", "/tmp/", "CSRF", "chuyển mã", ".sqlite3", "SQLite")


def test_broken_unit_settings_in_every_page(unit_office: tuple[Path, Path], tmp_path: Path) -> None:
    """An error in don-vi.yaml: every page says so in its place, in the officer's words,
    and still offers the earlier files, the tracker and the register."""
    data, out = unit_office
    assert run_cli("letters", "--data", str(data), "--out", str(out), "--as-of", "31/12/2024") == 0
    assert run_cli("appendix", "--data", str(data), "--out", str(out)) == 0
    unit = data / "don-vi.yaml"
    unit.write_text(
        unit.read_text(encoding="utf-8").replace("ky_hieu: UBND\n", ""), encoding="utf-8"
    )
    problem = "don-vi.yaml, dòng 8, mục «ky_hieu»: lỗi: thiếu khóa bắt buộc «ky_hieu»"
    with running_desk(data, out) as address, browser_page(tmp_path) as page:
        page.goto(address + "/")
        assert problem in page.inner_text("#errors")
        for link, place in (
            ("Kế hoạch", "#plan-problem"),
            ("Theo dõi", "#tracker-problem"),
            ("Báo cáo", "#report-problem"),
            ("Phiếu xin lỗi", "#unit-problems"),
        ):
            with page.expect_navigation():
                page.click(f"nav >> text={link}")
            assert problem in page.inner_text(place)
            shown = page.inner_text("main")
            assert not [word for word in OFFICER_WORDS_NOT if word in shown], link
            if link == "Kế hoạch":
                assert "LibreOffice" not in shown
                assert page.locator("a.download:has-text('ke-hoach-2024-phu-luc-I.docx')").count()
            if link == "Theo dõi":
                tracker = _saved(
                    page,
                    "a.download:has-text('theo-doi-thuc-hien-2024.xlsx')",
                    tmp_path / "theo-doi.xlsx",
                )
                assert tracker.read_bytes() == (data / "theo-doi-thuc-hien-2024.xlsx").read_bytes()
            if link == "Phiếu xin lỗi":
                assert page.locator("#register-table tbody tr").count() == 16


def test_register_searched_without_marks_and_exported(
    unit_office: tuple[Path, Path], tmp_path: Path
) -> None:
    """A name typed without marks nor capitals finds its letters; the rows found download
    as an Excel workbook holding those rows."""
    data, out = unit_office
    assert run_cli("letters", "--data", str(data), "--out", str(out), "--as-of", "31/12/2024") == 0
    with running_desk(data, out) as address, browser_page(tmp_path) as page:
        page.goto(address + "/phieu-xin-loi")
        name = page.locator("#register-table tbody tr").first.locator("td").nth(4).inner_text()
        typed = strip_marks(name.split()[-1]).lower()  # «Yến» typed «yen»
        assert typed != name.split()[-1]
        page.fill("input[name=tim]", typed)
        with page.expect_navigation():
            page.click("#register >> text=Lọc")
        rows = page.locator("#register-table tbody tr")
        found = [rows.nth(i).locator("td").nth(4).inner_text() for i in range(rows.count())]
        assert name in found
        # Each row found holds the word, marks and capitals aside (in a name, a code or a
        # procedure).
        for i in range(rows.count()):
            assert typed in strip_marks(rows.nth(i).inner_text()).lower()
        saved = _saved(page, "#register-export", tmp_path / "so.xlsx")
    sheet = load_workbook(saved)["Sổ theo dõi"]
    listed = [r[4] for r in sheet.iter_rows(min_row=4, values_only=True)]
    assert listed == found


def test_keyboard_skips_to_the_content_and_the_tab_has_an_icon(
    office: tuple[Path, Path], tmp_path: Path
) -> None:
    data, out = office
    with running_desk(data, out) as address, browser_page(tmp_path) as page:
        page.goto(address + "/phieu-xin-loi")
        page.keyboard.press("Tab")
        skip = page.locator("a.skip")
        assert skip.evaluate("link => link === document.activeElement")
        assert skip.inner_text() == "Bỏ qua, tới nội dung chính" and skip.is_visible()
        page.keyboard.press("Enter")
        assert page.url.endswith("#noi-dung")
        assert page.evaluate("document.activeElement.id") == "noi-dung"
        icon = page.get_attribute("link[rel=icon]", "href")
        assert page.request.get(address + icon).headers["content-type"].startswith("image/svg+xml")


def _serious(page) -> list[str]:
    """axe-core's serious and critical violations on the page shown. The script comes from
    the axe-playwright-python package and is put in the page by the test: nothing is
    fetched, and the desk's policy (its own scripts only) stays as it is."""
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate(Axe().axe_script)
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [rule for rule in found["violations"] if rule["impact"] in ("serious", "critical")]
    return [
        f"{rule['id']} ({rule['impact']}): {[node['target'] for node in rule['nodes']]}"
        for rule in serious
    ]


def test_axe_finds_nothing_serious_on_any_page(
    unit_office: tuple[Path, Path], tmp_path: Path
) -> None:
    """Every page of the desk, the register holding letter 01/PXL of two years, checked by
    axe-core (WCAG A and AA, contrast included); and the check finds what it looks for."""
    data, out = unit_office
    assert run_cli("letters", "--data", str(data), "--out", str(out), "--as-of", "31/12/2024") == 0
    late = write_xlsx(
        tmp_path / "2025.xlsx",
        [
            row(
                "HS-2025-1",
                applicant="Lò Văn Khánh",
                received=dt.datetime(2024, 12, 20),
                due=dt.datetime(2025, 1, 6),
            )
        ],
    )
    assert (
        run_cli(
            "letters", str(late), "--data", str(data), "--out", str(out), "--as-of", "10/01/2025"
        )
        == 0
    )
    assert run_cli("appendix", "--data", str(data), "--out", str(tmp_path / "word")) == 0
    found: dict[str, list[str]] = {}
    with running_desk(data, out) as address, browser_page(tmp_path) as page:
        for name, path in (
            ("Tổng quan", "/"),
            ("Kế hoạch", "/ke-hoach"),
            ("Theo dõi", "/theo-doi"),
            ("Báo cáo", "/bao-cao"),
            ("Phiếu xin lỗi", "/phieu-xin-loi"),
            ("Sổ, mọi năm", f"/phieu-xin-loi?nam={serve.ALL_YEARS}#register"),
            ("Trang lỗi", "/khong-co-trang-nay"),
        ):
            page.goto(address + path)
            found[name] = _serious(page)
        page.goto(address + f"/phieu-xin-loi?nam={serve.ALL_YEARS}")
        boxes = page.locator("#register-table input[type=checkbox]")
        names = [boxes.nth(i).get_attribute("aria-label") for i in range(boxes.count())]
        assert len(names) == 17 and len(set(names)) == 17
        assert "Chọn phiếu số 01/PXL năm 2025 (HS-2025-1)" in names
        assert any(n.startswith("Chọn phiếu số 01/PXL năm 2024 (") for n in names)
        page.click("#preview")
        page.wait_for_selector("#issue", timeout=60_000)
        found["Xem trước phiếu"] = _serious(page)
        page.goto(address + "/ke-hoach")
        page.set_input_files("#plan-file", str(tmp_path / "word" / "ke-hoach-2024-phu-luc-I.docx"))
        page.click("#import-preview")
        page.wait_for_selector("#import-save", timeout=60_000)
        found["Xem trước kế hoạch Word"] = _serious(page)
        page.goto(address + f"/phieu-xin-loi?nam={serve.ALL_YEARS}")
        page.check("[aria-label='Chọn phiếu số 01/PXL năm 2025 (HS-2025-1)']")
        page.click("#reprint-chosen")
        assert "In lại 1 phiếu" in _finished(page)
        found["Việc đã xong"] = _serious(page)
        # The check itself: text a shade too light is found.
        page.evaluate("document.querySelector('#job-state').style.color = '#b0b0b0'")
        assert [line for line in _serious(page) if line.startswith("color-contrast (serious)")]
    auth.set_password(data, "mat-khau-van-phong")
    with running_desk(data, out) as address, browser_page(tmp_path) as page:
        page.goto(address + "/")
        assert page.locator("input[name=mat_khau]").count() == 1
        found["Đăng nhập"] = _serious(page)
    assert found == {name: [] for name in found} and len(found) == 11


def test_the_menu_keeps_to_one_line_at_800_px(
    unit_office: tuple[Path, Path], tmp_path: Path
) -> None:
    """A small office screen, logged in (the «Đăng xuất» button takes room too): the five
    pages and the button stand on the header's one line, none over another."""
    data, out = unit_office
    auth.set_password(data, "mat-khau-van-phong")
    with running_desk(data, out) as address, browser_page(tmp_path) as page:
        page.set_viewport_size({"width": 800, "height": 600})
        page.goto(address + "/phieu-xin-loi")
        page.fill("input[name=mat_khau]", "mat-khau-van-phong")
        with page.expect_navigation():
            page.click("main button[type=submit]")
        boxes = page.locator("header nav a, #logout").evaluate_all(
            "items => items.map(item => item.getBoundingClientRect().toJSON())"
        )
        header = page.locator("header").bounding_box()
    assert len(boxes) == 6 and header["height"] < 60
    assert all(box["bottom"] <= header["height"] + 0.5 for box in boxes)
    lefts = [(box["left"], box["right"]) for box in boxes]
    assert all(right <= next_left for (_, right), (next_left, _) in itertools.pairwise(lefts))
    assert lefts[-1][1] <= 800
