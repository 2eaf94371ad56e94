"""The report is signable or not made: a 2026 unit made with `init`, its tracker filled in the
test as officers would, and every report read as the chairman and the inspector read it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import DATA, edit, line_of, run_cli
from docx.enum.text import WD_COLOR_INDEX
from docxread import W, open_doc, table_rows
from exports import row, write_xlsx
from openpyxl import load_workbook

from kehoach_docs.domain.progress import HEADER_ROW, TEXT_SHEET, status_column
from kehoach_docs.workspace import tracker_file

SECTIONS = [
    "I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC",
    "II. CẢI CÁCH THỂ CHẾ",
    "III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH (TTHC)",
    "IV. CẢI CÁCH TỔ CHỨC BỘ MÁY",
    "V. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
    "VI. CẢI CÁCH TÀI CHÍNH CÔNG",
    "VII. XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
    "VIII. TÁC ĐỘNG CỦA CCHC ĐẾN PHÁT TRIỂN KINH TẾ - XÃ HỘI",
]
ROMANS = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"}
APOLOGY_TASK = "Thực hiện việc xin lỗi người dân, tổ chức khi để xảy ra trễ hẹn"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Xã Công Sơn's 2026 workspace: the example's plan carried over, the tracker made, an
    export of quarter I with one dossier resolved on time, one late, one still open."""
    target = tmp_path_factory.mktemp("made") / "cong-son"
    assert run_cli("init", str(target), "--from", str(DATA), "--year", "2026") == 0
    edit(
        target / "don-vi.yaml",
        "\nco_quan_ban_hanh:\n",
        "\nco_quan_ban_hanh:\n  - Ủy ban nhân dân\n  - Xã Công Sơn\n",
    )
    assert run_cli("tracker", "--data", str(target)) == 0
    write_xlsx(
        target / "ho-so-mot-cua" / "xuat.xlsx",
        [
            row(
                "A",
                received=dt.datetime(2026, 1, 5, 8),
                due=dt.datetime(2026, 1, 9, 16),
                finished=dt.datetime(2026, 1, 8, 10),
            ),
            row(
                "B",
                received=dt.datetime(2026, 2, 2, 8),
                due=dt.datetime(2026, 2, 5, 16),
                finished=dt.datetime(2026, 2, 10, 10),
            ),
            row(
                "C",
                received=dt.datetime(2026, 4, 1, 8),
                due=dt.datetime(2026, 4, 6, 16),
                finished=dt.datetime(2026, 4, 6, 10),
            ),
        ],
    )
    return target


@pytest.fixture
def unit(made: Path, tmp_path: Path) -> Path:
    """A private copy of the made workspace, free to fill in (made once: `init` and `tracker`
    take a third of a second)."""
    return Path(shutil.copytree(made, tmp_path / "cong-son"))


def fill(
    unit: Path,
    quarter: int,
    label: str,
    skip: tuple[str, ...] = (),
    texts: bool = True,
    results: dict[str, str] | None = None,
) -> None:
    """The first task of every section of every sheet marked «Hoàn thành» for the quarter
    (but the sections of Phụ lục I in `skip`), and the period's row of «Nội dung báo cáo»."""
    path = unit / tracker_file(2026)
    book = load_workbook(path)
    column = status_column(quarter)
    for name in ("Phụ lục I", "Phụ lục II", "Phụ lục III"):
        sheet = book[name]
        seen = set()
        for number in range(HEADER_ROW + 1, sheet.max_row + 1):
            section, task = sheet.cell(number, 1).value, sheet.cell(number, 3).value
            if not task or section in seen or (name == "Phụ lục I" and section in skip):
                continue
            seen.add(section)
            sheet.cell(number, column, "Hoàn thành")
            sheet.cell(number, column + 1, f"Đã làm xong trong quý {quarter}.")
        for number in range(HEADER_ROW + 1, sheet.max_row + 1):
            task = str(sheet.cell(number, 3).value or "")
            for start, text in (results or {}).items():
                if task.startswith(start):
                    sheet.cell(number, column, "Đang thực hiện")
                    sheet.cell(number, column + 1, text)
    if texts:
        sheet = book[TEXT_SHEET]
        at = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == label)
        for offset, text in enumerate(
            (
                "Bộ phận Một cửa làm việc nền nếp.",
                "Còn hồ sơ trễ hạn do phải xác minh thêm.",
                "Rà soát danh mục TTHC trực tuyến.",
            ),
            start=2,
        ):
            sheet.cell(at, offset, text)
    book.save(path)


def set_entry(
    unit: Path, start: str, quarter: int, status: str, result: str = "", note: str = ""
) -> None:
    """One task's status, result and note for a quarter, on the sheet of Phụ lục I."""
    path = unit / tracker_file(2026)
    book = load_workbook(path)
    sheet = book["Phụ lục I"]
    at = next(
        r
        for r in range(HEADER_ROW + 1, sheet.max_row + 1)
        if str(sheet.cell(r, 3).value or "").startswith(start)
    )
    column = status_column(quarter)
    for offset, value in enumerate((status, result, note)):
        sheet.cell(at, column + offset).value = value or None
    book.save(path)


def rows_of(unit: Path, sheet_name: str, section: str) -> list[int]:
    sheet = load_workbook(unit / tracker_file(2026))[sheet_name]
    return [
        r
        for r in range(HEADER_ROW + 1, sheet.max_row + 1)
        if sheet.cell(r, 1).value == section and sheet.cell(r, 3).value
    ]


def report(unit: Path, out: Path, *args: str) -> int:
    return run_cli("report", "--data", str(unit), "--out", str(out), *args)


def paragraphs(path: Path) -> list[str]:
    body = open_doc(path).element.body
    texts = ("".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p"))
    return [text for text in texts if text.strip()]


def parts(text: list[str]) -> list[str]:
    return [line for line in text if line.split(". ", 1)[0] in ROMANS and line.isupper()]


def test_an_empty_quarter_is_refused_naming_every_part_and_its_cells(
    unit: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "out"
    capsys.readouterr()
    assert report(unit, out, "--quarter", "2", "--as-of", "2026-07-01") == 1
    assert not out.exists()
    err = capsys.readouterr().err
    tracker = unit / tracker_file(2026)
    first = rows_of(unit, "Phụ lục I", "I")
    assert (
        f"- {tracker}: Trang «Phụ lục I», mục I «Công tác chỉ đạo điều hành CCHC»: chưa có "
        f"trạng thái quý II ở ô J{first[0]}:J{first[-1]}"
    ) in err
    for number in ("II", "III", "IV", "V", "VI", "VII", "VIII"):
        assert f"Trang «Phụ lục I», mục {number} «" in err
    assert "Trang «Phụ lục II», phần IX, mục 1 «Nâng cao mức độ hài lòng" in err
    assert "Trang «Phụ lục III», phần IX, mục 2 «Cải thiện hiệu quả quản trị" in err
    texts = load_workbook(tracker)[TEXT_SHEET]
    at = next(r for r in range(1, texts.max_row + 1) if texts.cell(r, 1).value == "Quý II")
    assert (
        f"Trang «Nội dung báo cáo», phần XI «Đánh giá chung»: chưa ghi «Ưu điểm» của kỳ "
        f"«Quý II» ở ô B{at}"
    ) in err
    assert "phần XII «Nhiệm vụ trọng tâm quý III năm 2026»: chưa ghi «Nhiệm vụ kỳ tới»" in err
    assert "Chưa làm báo cáo quý II năm 2026 vì còn thiếu 13 nội dung" in err
    assert "thêm --du-thao" in err and "Không ghi văn bản nào." in err


def test_a_draft_says_so_on_page_one_and_marks_what_is_missing(
    unit: Path, tmp_path: Path, capsys
) -> None:
    fill(unit, 2, "Quý II", skip=("V",))
    out = tmp_path / "out"
    assert report(unit, out, "--quarter", "2", "--as-of", "2026-07-01", "--du-thao") == 0
    assert not (out / "bao-cao-cchc-quy-2-2026.docx").exists()
    path = out / "bao-cao-cchc-quy-2-2026-du-thao.docx"
    doc = open_doc(path)
    first = doc.paragraphs[0]
    assert first.text == "DỰ THẢO" and first.runs[0].bold
    rows = rows_of(unit, "Phụ lục I", "V")
    mark = f"[CẦN BỔ SUNG: chưa có trạng thái quý II (trang «Phụ lục I», ô J{rows[0]}:J{rows[-1]})]"
    text = paragraphs(path)
    # The part stays, numbered as in the plan, with the mark where its text will go.
    at = text.index("V. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ")
    assert text[at + 1] == mark and text[at + 2] == "VI. CẢI CÁCH TÀI CHÍNH CÔNG"
    marked = next(p for p in doc.paragraphs if p.text == mark)
    assert marked.runs[0].font.highlight_color == WD_COLOR_INDEX.YELLOW
    assert doc.core_properties.title.endswith("(dự thảo)")
    assert "Bản dự thảo: còn thiếu 1 nội dung" in capsys.readouterr().err


def test_one_area_with_nothing_recorded_is_refused_by_name(
    unit: Path, tmp_path: Path, capsys
) -> None:
    fill(unit, 1, "Quý I", skip=("V",))
    capsys.readouterr()
    assert report(unit, tmp_path / "out", "--quarter", "1", "--as-of", "2026-04-01") == 1
    err = capsys.readouterr().err
    assert "còn thiếu 1 nội dung" in err
    assert "Trang «Phụ lục I», mục V «Cải cách chế độ công vụ»: chưa có trạng thái quý I" in err
    assert not (tmp_path / "out").exists()


def test_a_complete_quarter_has_every_part_in_the_plans_order_and_numbering(
    unit: Path, tmp_path: Path
) -> None:
    from kehoach_docs.commands.report import report_inputs, report_parts
    from kehoach_docs.domain.periods import quarter
    from kehoach_docs.workspace import open_workspace

    fill(unit, 1, "Quý I")
    out = tmp_path / "out"
    assert report(unit, out, "--quarter", "1", "--as-of", "2026-04-01") == 0
    text = paragraphs(out / "bao-cao-cchc-quy-1-2026.docx")
    assert parts(text) == [
        *SECTIONS,
        "IX. NÂNG CAO CHẤT LƯỢNG PHỤC VỤ NGƯỜI DÂN VÀ HIỆU QUẢ QUẢN TRỊ, HÀNH CHÍNH CÔNG",
        "X. KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH VÀ THỰC HIỆN CHỈ TIÊU",
        "XI. ĐÁNH GIÁ CHUNG",
        "XII. NHIỆM VỤ TRỌNG TÂM QUÝ II NĂM 2026",
        "XIII. KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    # Every part letters its groups, a lone group too; nothing is marked.
    for heading in SECTIONS:
        assert text[text.index(heading) + 1] == "a) Nhiệm vụ đã hoàn thành:"
    assert not any("CẦN BỔ SUNG" in line or "DỰ THẢO" in line for line in text)
    assert text[text.index("XIII. KIẾN NGHỊ, ĐỀ XUẤT") + 1] == "- Không có kiến nghị, đề xuất./."
    # The chart names the areas as the report's parts do.
    workspace, _ = open_workspace(unit)
    made = report_parts(workspace, quarter(2026, 1), report_inputs(workspace), {})
    assert [area.heading for area in made.areas] == SECTIONS


def test_a_year_report_needs_quarter_iv_and_its_own_texts(
    unit: Path, tmp_path: Path, capsys
) -> None:
    for number, label in ((1, "Quý I"), (2, "Quý II"), (3, "Quý III")):
        fill(unit, number, label)
    capsys.readouterr()
    out = tmp_path / "out"
    assert report(unit, out, "--whole-year", "--as-of", "2027-01-05") == 1
    err = capsys.readouterr().err
    assert "chưa có trạng thái quý IV (quý cuối của kỳ năm 2026)" in err
    # Quarter III's texts never stand in for the year's.
    assert "chưa ghi «Ưu điểm» của kỳ «Năm»" in err
    fill(unit, 4, "Năm")
    assert report(unit, out, "--whole-year", "--as-of", "2027-01-05") == 0
    text = paragraphs(out / "bao-cao-cchc-nam-2026.docx")
    assert "XII. NHIỆM VỤ TRỌNG TÂM NĂM 2027" in text


def test_a_longer_period_names_the_quarter_of_an_older_status(unit: Path, tmp_path: Path) -> None:
    fill(
        unit,
        1,
        "Quý I",
        results={"Thực hiện quy định về việc sử dụng kinh phí": "Đã lập dự toán năm 2026."},
    )
    fill(unit, 2, "6 tháng")
    inspection = "Tổ chức kiểm tra công tác CCHC"
    set_entry(unit, inspection, 1, "Chưa thực hiện", note="Theo kế hoạch kiểm tra trong quý II.")
    set_entry(unit, inspection, 2, "Hoàn thành", "Đã kiểm tra 07 công chức.")
    out = tmp_path / "out"
    assert report(unit, out, "--half", "--as-of", "2026-07-01") == 0
    text = paragraphs(out / "bao-cao-cchc-6-thang-2026.docx")
    # Done in quarter II: quarter I's "not yet" note is no longer true of the half year.
    line = next(t for t in text if t.startswith(f"- {inspection}"))
    assert line.endswith("trở lên: Đã kiểm tra 07 công chức.") and "quý II" not in line
    assert (
        "- Thực hiện quy định về việc sử dụng kinh phí từ nguồn NSNN (theo ghi nhận quý I): "
        "Đã lập dự toán năm 2026."
    ) in text
    assert "- Bộ phận Một cửa làm việc nền nếp." in text


def test_an_officers_figure_that_the_exports_contradict_is_warned_with_both(
    unit: Path, tmp_path: Path, capsys
) -> None:
    fill(
        unit,
        1,
        "Quý I",
        results={APOLOGY_TASK: "Đã ban hành phiếu xin lỗi cho 100% hồ sơ trễ hạn."},
    )
    # The register has a letter, for a dossier of another quarter: quarter I's late dossier
    # got none.
    other = write_xlsx(
        tmp_path / "thang-6.xlsx",
        [row("Z", received=dt.datetime(2026, 6, 1, 8), due=dt.datetime(2026, 6, 4, 16))],
    )
    assert (
        run_cli(
            "letters",
            str(other),
            "--data",
            str(unit),
            "--out",
            str(tmp_path / "thu"),
            "--as-of",
            "2026-06-10",
        )
        == 0
    )
    capsys.readouterr()
    out = tmp_path / "out"
    assert report(unit, out, "--quarter", "1", "--as-of", "2026-04-01") == 0
    err = capsys.readouterr().err
    row_number = next(
        r
        for r in rows_of(unit, "Phụ lục I", "III")
        if str(load_workbook(unit / tracker_file(2026))["Phụ lục I"].cell(r, 3).value).startswith(
            APOLOGY_TASK
        )
    )
    assert (
        f"Trang «Phụ lục I», ô H{row_number}: ghi «100%» (tỷ lệ hồ sơ trễ hạn có phiếu xin "
        "lỗi) nhưng số liệu quý I năm 2026 tính từ tệp hồ sơ là 0% (0/1)"
    ) in err
    # The report prints the computed figure after the officer's words.
    text = paragraphs(out / "bao-cao-cchc-quy-1-2026.docx")
    line = next(t for t in text if t.startswith(f"- {APOLOGY_TASK}"))
    assert line.endswith(
        "Đã ban hành phiếu xin lỗi cho 100% hồ sơ trễ hạn; kết quả trong kỳ: "
        "0% (0/1), chỉ tiêu 100%: chưa đạt."
    )
    capsys.readouterr()
    assert run_cli("validate", "--data", str(unit)) == 0
    assert f"ô H{row_number}: ghi «100%»" in capsys.readouterr().err


def test_one_indicator_row_per_target_naming_its_task(unit: Path, tmp_path: Path) -> None:
    plan = unit / "ke-hoach.yaml"
    # A second on-time target, in Phụ lục II; the payment target taken out of the plan.
    text = plan.read_text(encoding="utf-8")
    at = text.index("nhiem_vu: Tuân thủ nguyên tắc và quy trình giải quyết TTHC")
    end = text.index("\n          - ", at)
    plan.write_text(
        text[:end] + "\n            chi_tieu:\n              chi_so: tỷ lệ đúng "
        "hạn\n              muc_tieu: 100%" + text[end:],
        encoding="utf-8",
    )
    edit(
        plan,
        "            chi_tieu:\n              chi_so: tỷ lệ thanh toán trực tuyến\n"
        "              muc_tieu: tối thiểu 50%\n",
        "",
    )
    fill(unit, 1, "Quý I")
    out = tmp_path / "out"
    assert report(unit, out, "--quarter", "1", "--as-of", "2026-04-01") == 0
    rows = table_rows(open_doc(out / "bao-cao-cchc-quy-1-2026.docx"), 2)
    assert rows[0] == ["STT", "Chỉ tiêu", "Kế hoạch", "Kết quả", "Đánh giá"]
    on_time = [r for r in rows if r[1].startswith("Tỷ lệ hồ sơ giải quyết đúng hạn")]
    assert [r[2] for r in on_time] == ["trên 99%", "100%"]
    assert on_time[0][1] == (
        "Tỷ lệ hồ sơ giải quyết đúng hạn\n(Phụ lục I, mục III, 4: Tỷ lệ "
        "hồ sơ TTHC do UBND cấp xã tiếp nhận trong năm được giải quyết "
        "đúng hạn)"
    )
    assert on_time[1][1].startswith("Tỷ lệ hồ sơ giải quyết đúng hạn\n(Phụ lục II, mục ")
    assert "Tuân thủ nguyên tắc và quy trình giải quyết TTHC" in on_time[1][1]
    assert all(r[3] == "50% (1/2)" and r[4] == "Chưa đạt" for r in on_time)
    # No «toàn trình» column: not judged, and the row says why.
    online = next(r for r in rows if r[1].startswith("Tỷ lệ hồ sơ trực tuyến toàn trình"))
    assert online[3].startswith("tệp hồ sơ không ghi hồ sơ nào là trực tuyến toàn trình")
    assert online[4] == "Chưa đánh giá"
    # The plan sets no payment target: the common one, said to be so.
    payment = next(r for r in rows if r[1].startswith("Tỷ lệ hồ sơ thanh toán trực tuyến"))
    assert payment[1].endswith(
        "(Chỉ tiêu chung của Bộ chỉ số 766; kế hoạch không đặt chỉ tiêu này)"
    )
    assert payment[2] == "tối thiểu 50%" and payment[4] == "Chưa đánh giá"
    assert not any(cell == "-" for r in rows for cell in r)


def test_a_plan_issued_after_the_period_is_not_cited(unit: Path, tmp_path: Path, capsys) -> None:
    plan = unit / "ke-hoach.yaml"
    number = line_of(plan, "ngay_ban_hanh:")
    lines = plan.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[number : number + 3] = ["  ngay:\n", "  thang: 6\n", "  nam: 2026\n"]
    plan.write_text("".join(lines), encoding="utf-8")
    fill(unit, 1, "Quý I")
    capsys.readouterr()
    out = tmp_path / "out"
    assert report(unit, out, "--quarter", "1", "--as-of", "2026-04-01") == 0
    err = capsys.readouterr().err
    assert (
        "kế hoạch ban hành tháng 6/2026, sau kỳ báo cáo quý I năm 2026 (báo cáo đề tháng "
        "3/2026): báo cáo không dẫn «Thực hiện Kế hoạch số ...»"
    ) in err
    text = paragraphs(out / "bao-cao-cchc-quy-1-2026.docx")
    opening = next(t for t in text if "báo cáo kết quả thực hiện công tác" in t)
    assert opening.startswith(
        "Ủy ban nhân dân xã Công Sơn báo cáo kết quả thực hiện công tác "
        "cải cách hành chính quý I năm 2026"
    )
    assert not any("Thực hiện Kế hoạch" in t for t in text)
    # Quarter III, three months after June, and the plan still without number or day.
    fill(unit, 3, "Quý III")
    assert report(unit, out, "--quarter", "3", "--as-of", "2026-10-01") == 0
    err = capsys.readouterr().err
    assert (
        "kế hoạch chưa ghi số (so) và ngày (ngay_ban_hanh › ngay) mà báo cáo quý III năm "
        "2026 đề tháng 9/2026"
    ) in err
    text = paragraphs(out / "bao-cao-cchc-quy-3-2026.docx")
    assert any(t.startswith("Thực hiện Kế hoạch số") for t in text)


def test_without_an_export_the_report_is_refused_naming_the_folder(
    unit: Path, tmp_path: Path, capsys
) -> None:
    (unit / "ho-so-mot-cua" / "xuat.xlsx").unlink()
    fill(unit, 1, "Quý I")
    capsys.readouterr()
    assert report(unit, tmp_path / "out", "--quarter", "1", "--as-of", "2026-04-01") == 1
    assert (
        f"- {unit / 'ho-so-mot-cua'}: Phần X «Kết quả giải quyết thủ tục hành chính»: chưa "
        "có tệp hồ sơ một cửa của kỳ"
    ) in capsys.readouterr().err


def test_build_makes_the_newest_complete_quarter_and_says_what_the_next_lacks(
    unit: Path, tmp_path: Path, capsys
) -> None:
    fill(unit, 1, "Quý I")
    fill(unit, 2, "Quý II", skip=("II",))
    out = tmp_path / "out"
    capsys.readouterr()
    assert run_cli("build", "--data", str(unit), "--out", str(out), "--as-of", "2026-07-01") == 0
    err = capsys.readouterr().err
    assert (out / "bao-cao-cchc-quy-1-2026.docx").exists()
    assert not list(out.glob("bao-cao-cchc-quy-2-*"))
    assert "Chưa làm báo cáo quý II năm 2026 vì còn thiếu 1 nội dung:" in err
    assert "mục II «Cải cách thể chế»: chưa có trạng thái quý II" in err
    assert "kehoach build --du-thao" in err
    assert (
        run_cli(
            "build",
            "--data",
            str(unit),
            "--out",
            str(out),
            "--as-of",
            "2026-07-01",
            "--du-thao",
            "--force",
        )
        == 0
    )
    assert paragraphs(out / "bao-cao-cchc-quy-2-2026-du-thao.docx")[0] == "DỰ THẢO"


def test_a_longer_period_names_the_quarter_of_a_figure_beside_the_computed_one(
    unit: Path, tmp_path: Path
) -> None:
    on_time = "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận"
    fill(unit, 1, "Quý I", results={on_time: "Đạt 100% hồ sơ đúng hạn."})
    fill(unit, 2, "6 tháng")
    out = tmp_path / "out"
    assert report(unit, out, "--half", "--as-of", "2026-07-01") == 0
    line = next(
        t
        for t in paragraphs(out / "bao-cao-cchc-6-thang-2026.docx")
        if t.startswith(f"- {on_time}")
    )
    # Quarter I's own words say they are quarter I's; the half year's figure follows.
    assert (
        "(theo ghi nhận quý I): quý I: Đạt 100% hồ sơ đúng hạn; kết quả trong kỳ: 66,7% (2/3)"
    ) in line


def test_a_cells_lines_are_its_sentences_and_other_figures_are_not_results() -> None:
    from kehoach_docs.domain.indicators import IndicatorResult, Ratio
    from kehoach_docs.domain.periods import quarter
    from kehoach_docs.domain.plan import Indicator, Target
    from kehoach_docs.domain.statements import Statement, contradictions

    target = Target(Indicator.ON_TIME, 99, True, "trên 99%")
    results = {
        Indicator.ON_TIME: IndicatorResult(Indicator.ON_TIME, target, Ratio(48, 50)),
        Indicator.ONLINE: IndicatorResult(Indicator.ONLINE, target, None),
    }
    said = contradictions(
        [
            Statement(
                "Nội dung báo cáo",
                "B4",
                "Hồ sơ đúng hạn đạt 96%, tăng 5% so với cùng kỳ\n"
                "Hồ sơ trực tuyến toàn trình chiếm 54,5%",
            ),
            Statement("Phụ lục I", "H29", "Đúng hạn 96% (48/50), trễ hạn 4%", Indicator.ON_TIME),
            Statement("Phụ lục I", "H30", "Đạt 100% hồ sơ giải quyết đúng hạn", Indicator.ON_TIME),
        ],
        results,
        quarter(2026, 1),
    )
    assert said == [
        "Trang «Phụ lục I», ô H30: ghi «100%» (tỷ lệ hồ sơ giải quyết đúng hạn) "
        "nhưng số liệu quý I năm 2026 tính từ tệp hồ sơ là 96% (48/50); báo cáo in "
        "cả câu này lẫn số liệu, hãy sửa câu chữ cho khớp"
    ]


def test_a_renamed_sheet_is_named_as_it_is_now(unit: Path, tmp_path: Path, capsys) -> None:
    fill(unit, 1, "Quý I")
    path = unit / tracker_file(2026)
    book = load_workbook(path)
    book["Phụ lục III"].title = "PAPI"
    sheet = book["PAPI"]
    for number in range(HEADER_ROW + 1, sheet.max_row + 1):
        sheet.cell(number, status_column(1)).value = None
    book.save(path)
    capsys.readouterr()
    assert report(unit, tmp_path / "out", "--quarter", "1", "--as-of", "2026-04-01") == 1
    err = capsys.readouterr().err
    assert "Trang «PAPI», phần IX, mục 2 «Cải thiện hiệu quả quản trị" in err
    assert "chưa có trạng thái quý I ở ô G" in err and "không có dòng nào" not in err


def test_a_section_the_plan_gives_no_task_is_said_not_awaited(unit: Path, tmp_path: Path) -> None:
    plan = unit / "ke-hoach.yaml"
    text = plan.read_text(encoding="utf-8")
    start = text.index("      - so: VIII\n")
    end = text.index("\n  # ----", start) if "\n  # ----" in text[start:] else None
    section = text[start:end]
    plan.write_text(
        text.replace(
            section,
            "      - so: VIII\n        ten: TÁC ĐỘNG CỦA CCHC ĐẾN "
            "PHÁT TRIỂN KINH TẾ - XÃ HỘI\n        dong: []\n",
        ),
        encoding="utf-8",
    )
    fill(unit, 1, "Quý I")
    out = tmp_path / "out"
    assert report(unit, out, "--quarter", "1", "--as-of", "2026-04-01") == 0
    text = paragraphs(out / "bao-cao-cchc-quy-1-2026.docx")
    at = text.index(SECTIONS[-1])
    assert text[at + 1] == "- Kế hoạch không đặt nhiệm vụ cho phần này."


def test_a_percentage_excel_keeps_as_a_number_reads_as_typed(
    unit: Path, tmp_path: Path, capsys
) -> None:
    on_time = "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận"
    fill(unit, 1, "Quý I", results={on_time: "placeholder"})
    path = unit / tracker_file(2026)
    book = load_workbook(path)
    sheet = book["Phụ lục I"]
    at = next(
        r
        for r in range(HEADER_ROW + 1, sheet.max_row + 1)
        if str(sheet.cell(r, 3).value).startswith(on_time)
    )
    cell = sheet.cell(at, status_column(1) + 1)
    cell.value, cell.number_format = 0.959, "0.0%"  # typed «95,9%» in Excel
    book.save(path)
    capsys.readouterr()
    out = tmp_path / "out"
    assert report(unit, out, "--quarter", "1", "--as-of", "2026-04-01") == 0
    assert f"ô H{at}: ghi «95,9%» (tỷ lệ hồ sơ giải quyết đúng hạn)" in capsys.readouterr().err
    line = next(
        t for t in paragraphs(out / "bao-cao-cchc-quy-1-2026.docx") if t.startswith(f"- {on_time}")
    )
    assert "đúng hạn: 95,9%; kết quả trong kỳ: 50% (1/2)" in line
