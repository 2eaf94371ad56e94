"""The report's period as known on the day it is made: an unfinished period, a year without a
plan, an export with nothing in the period; and the chart leaving matplotlib as it found it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import run_cli
from docxread import open_doc, table_rows
from exports import row, write_xlsx

DAY = dt.datetime


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in open_doc(path).paragraphs if p.text.strip()]


def test_an_unfinished_quarter_says_so_and_judges_open_dossiers_on_that_day(
    workspace: Path, tmp_path: Path
) -> None:
    """Quarter II runs from 15/03 to 14/06/2024; the report is made on 10/05/2024."""
    export = write_xlsx(
        tmp_path / "xuat.xlsx",
        [
            # Resolved early on 04/04.
            row(
                "X",
                received=DAY(2024, 4, 1, 8),
                due=DAY(2024, 4, 5, 16, 30),
                finished=DAY(2024, 4, 4, 10),
            ),
            # Finished on 20/05, after the day of the report: open then, and past its due date.
            row(
                "Y",
                received=DAY(2024, 5, 2, 8),
                due=DAY(2024, 5, 8, 16, 30),
                finished=DAY(2024, 5, 20, 10),
            ),
            # Open on 10/05, due on 15/05.
            row(
                "Z",
                received=DAY(2024, 5, 6, 8),
                due=DAY(2024, 5, 15, 16, 30),
                finished=DAY(2024, 5, 14, 10),
            ),
            # Received after the day of the report: not yet known.
            row("W", received=DAY(2024, 5, 20, 8), due=DAY(2024, 5, 24, 16, 30)),
        ],
    )
    out = tmp_path / "out"
    assert (
        run_cli(
            "report",
            "--quarter",
            "2",
            "--dossiers",
            str(export),
            "--as-of",
            "10/05/2024",
            "--data",
            str(workspace),
            "--out",
            str(out),
        )
        == 0
    )
    path = out / "bao-cao-cchc-quy-2-2024.docx"
    # Known on 10/05: the June plan is not cited yet.
    opening = next(p for p in _paragraphs(path) if "báo cáo kết quả thực hiện" in p)
    assert opening.startswith(
        "Ủy ban nhân dân xã Hải Yến báo cáo kết quả thực hiện công tác "
        "cải cách hành chính quý II năm 2024 (số liệu đến ngày "
        "10/05/2024)"
    )
    # received, carried, online, in person; resolved, early, on time, late; open, not due,
    # overdue.
    assert table_rows(open_doc(path), 1)[3] == [
        "3",
        "0",
        "0",
        "3",
        "1",
        "1",
        "0",
        "0",
        "2",
        "1",
        "1",
    ]


def test_a_finished_quarter_gives_its_whole_range(workspace: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert (
        run_cli(
            "report",
            "--quarter",
            "1",
            "--as-of",
            "2024-12-31",
            "--data",
            str(workspace),
            "--out",
            str(out),
        )
        == 0
    )
    opening = next(
        p
        for p in _paragraphs(out / "bao-cao-cchc-quy-1-2024.docx")
        if "báo cáo kết quả thực hiện" in p
    )
    assert "(kỳ số liệu từ ngày 15/12/2023 đến ngày 14/03/2024)" in opening


def test_a_year_without_a_plan_is_refused(workspace: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert (
        run_cli(
            "report",
            "--quarter",
            "1",
            "--year",
            "2025",
            "--as-of",
            "2025-12-31",
            "--data",
            str(workspace),
            "--out",
            str(out),
        )
        == 1
    )
    err = capsys.readouterr().err
    assert (
        f"{workspace / 'ke-hoach.yaml'}: lỗi: không có kế hoạch năm 2025 (kế hoạch trong "
        "tệp là năm 2024); báo cáo năm 2025 cần kế hoạch của năm đó"
    ) in err
    assert "Traceback" not in err
    assert not out.exists()


def test_a_period_not_yet_begun_is_refused(workspace: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert (
        run_cli(
            "report",
            "--quarter",
            "3",
            "--as-of",
            "2024-05-10",
            "--data",
            str(workspace),
            "--out",
            str(out),
        )
        == 1
    )
    assert (
        "kỳ báo cáo quý III năm 2024 bắt đầu ngày 15/06/2024, sau ngày làm báo cáo 10/05/2024"
    ) in capsys.readouterr().err
    assert not out.exists()


def test_an_export_without_a_dossier_in_the_period_warns(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    export = write_xlsx(
        tmp_path / "cu.xlsx",
        [
            row(
                "CU-1",
                received=DAY(2023, 6, 1, 8),
                due=DAY(2023, 6, 5, 16, 30),
                finished=DAY(2023, 6, 2, 9),
            ),
        ],
    )
    out = tmp_path / "out"
    assert (
        run_cli(
            "report",
            "--quarter",
            "1",
            "--dossiers",
            str(export),
            "--as-of",
            "2024-12-31",
            "--data",
            str(workspace),
            "--out",
            str(out),
        )
        == 0
    )
    assert (
        f"{export}: cảnh báo: không có hồ sơ nào trong kỳ quý I năm 2024 (từ 15/12/2023 "
        "đến 14/03/2024); bảng số liệu toàn số 0, hãy kiểm tra lại tệp hồ sơ"
    ) in (capsys.readouterr().err)
    assert table_rows(open_doc(out / "bao-cao-cchc-quy-1-2024.docx"), 1)[3] == ["0"] * 11


def test_making_a_chart_leaves_matplotlib_settings_as_they_were() -> None:
    import matplotlib

    from kehoach_docs.documents import chart
    from kehoach_docs.documents.chart import report_chart
    from kehoach_docs.documents.report import AreaProgress
    from kehoach_docs.domain.indicators import Ratio

    chart._png.cache_clear()  # drawn here, not a copy kept from another test's drawing
    before = dict(matplotlib.rcParams)
    png = report_chart(
        [AreaProgress("I", "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC", 2, 1, 0, 3)],
        [("01/2024", Ratio(9, 10)), ("02/2024", Ratio(10, 10))],
        99.0,
        "Kết quả cải cách hành chính quý I năm 2024",
    )
    assert png.startswith(b"\x89PNG")
    after = dict(matplotlib.rcParams)
    assert {k: after[k] for k in after if after[k] != before.get(k)} == {}


def test_a_report_older_than_the_plan_it_cites_is_said_on_screen(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    """The example's plan is of June 2024: its quarter I report (March) cannot cite it."""
    out = tmp_path / "out"
    for flag in (["--quarter", "1"], ["--half"]):
        assert (
            run_cli(
                "report",
                *flag,
                "--as-of",
                "2024-12-31",
                "--data",
                str(workspace),
                "--out",
                str(out),
            )
            == 0
        )
    err = capsys.readouterr().err
    assert err.count("kế hoạch ban hành tháng 6/2024") == 1  # the half year ends in June
    assert (
        f"{workspace / 'ke-hoach.yaml'}: cảnh báo: kế hoạch ban hành tháng 6/2024, sau kỳ "
        "báo cáo quý I năm 2024 (báo cáo đề tháng 3/2024): báo cáo không dẫn «Thực hiện "
        "Kế hoạch số ...»; nếu ngày ban hành ghi sai, sửa ngay_ban_hanh"
    ) in err
    assert not any(
        p.startswith("Thực hiện Kế hoạch")
        for p in _paragraphs(out / "bao-cao-cchc-quy-1-2024.docx")
    )
    assert any(
        p.startswith("Thực hiện Kế hoạch số      /KH-UBND ngày      tháng 6 năm 2024")
        for p in _paragraphs(out / "bao-cao-cchc-6-thang-2024.docx")
    )


def test_the_chart_leaves_out_the_areas_panel_while_the_tracker_is_empty() -> None:
    """A signed report holds no empty panel: no task done or under way yet, no areas' bars."""
    from kehoach_docs.documents.chart import chart_panels, report_chart
    from kehoach_docs.documents.report import AreaProgress
    from kehoach_docs.domain.indicators import Ratio

    unreported = [AreaProgress("I", "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC", 0, 0, 0, 4)]
    started = [AreaProgress("I", "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC", 1, 0, 0, 3)]
    months = [("01/2024", Ratio(9, 10))]
    assert chart_panels(unreported, months) == ["Tỷ lệ giải quyết hồ sơ đúng hạn theo tháng"]
    assert chart_panels(started, months) == [
        "Tiến độ nhiệm vụ theo lĩnh vực",
        "Tỷ lệ giải quyết hồ sơ đúng hạn theo tháng",
    ]
    assert chart_panels(started, [("01/2024", Ratio(0, 0))]) == ["Tiến độ nhiệm vụ theo lĩnh vực"]
    title = "Kết quả cải cách hành chính quý I năm 2024"
    # Without the areas' panel the picture is the months' panel alone, not an empty pair.
    alone = report_chart(unreported, months, 99.0, title)
    assert alone == report_chart([], months, 99.0, title)
    assert alone != report_chart(started, months, 99.0, title)


def test_a_report_with_no_chart_data_has_no_chart_annex(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    """No task reported yet and no export: neither panel has data, so the report (a draft,
    as nothing is complete) ends with its signature (no empty «Phụ lục» page) and no picture
    is written beside it."""
    for tracker in workspace.glob("theo-doi-thuc-hien-*.xlsx"):
        tracker.unlink()
    for export in (workspace / "ho-so-mot-cua").iterdir():
        export.unlink()
    assert run_cli("tracker", "--data", str(workspace)) == 0
    out = tmp_path / "out"
    assert (
        run_cli(
            "report",
            "--quarter",
            "1",
            "--as-of",
            "2024-12-31",
            "--data",
            str(workspace),
            "--out",
            str(out),
            "--du-thao",
        )
        == 0
    )
    assert "bao-cao-cchc-quy-1-2024-du-thao.png" not in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "bao-cao-cchc-quy-1-2024-du-thao.docx"
    ]
    document = open_doc(out / "bao-cao-cchc-quy-1-2024-du-thao.docx")
    text = _paragraphs(out / "bao-cao-cchc-quy-1-2024-du-thao.docx")
    assert not any("BIỂU ĐỒ" in line or line == "Phụ lục" for line in text)
    assert "Lưu: VT." in text[-1] or any(
        "Lưu: VT." in cell.text
        for table in document.tables
        for row in table.rows
        for cell in row.cells
    )
    # One section, with the report's own header (page numbers from page 2) kept.
    assert len(document.sections) == 1
    assert document.sections[0].different_first_page_header_footer
    assert not document.sections[0].header.is_linked_to_previous
