"""The quarterly report: periods, indicators on hand-counted exports, the tracker round trip,
and the report's structure and numbers."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from conftest import EXPORT, edit, run_cli
from docx.enum.section import WD_ORIENT
from docxread import W, open_doc, table_rows
from exports import HEADERS, row, write_xlsx
from openpyxl import load_workbook

from kehoach_docs.domain.dossiers import Channel, Dossier, Moment
from kehoach_docs.domain.indicators import Ratio, dossier_stats, late_codes, percent_text
from kehoach_docs.domain.periods import half_year, quarter, whole_year
from kehoach_docs.domain.progress import HEADER_ROW, STATUSES, TEXT_SHEET
from kehoach_docs.workspace import tracker_file

D = dt.date


@pytest.mark.parametrize(
    ("number", "start", "end"),
    [
        (1, D(2023, 12, 15), D(2024, 3, 14)),
        (2, D(2024, 3, 15), D(2024, 6, 14)),
        (3, D(2024, 6, 15), D(2024, 9, 14)),
        (4, D(2024, 9, 15), D(2024, 12, 14)),
    ],
)
def test_quarters_cut_off_by_decree_09(number: int, start: dt.date, end: dt.date) -> None:
    period = quarter(2024, number)
    assert (period.start, period.end) == (start, end)


def test_other_periods_and_edges() -> None:
    q1, q2 = quarter(2024, 1), quarter(2024, 2)
    assert q1.contains(D(2024, 3, 14)) and not q1.contains(D(2024, 3, 15))
    assert q2.contains(D(2024, 3, 15)) and not q2.contains(D(2024, 3, 14))
    assert q1.contains(D(2023, 12, 15)) and not q1.contains(D(2023, 12, 14))
    assert (half_year(2024).start, half_year(2024).end) == (D(2023, 12, 15), D(2024, 6, 14))
    assert (whole_year(2024).start, whole_year(2024).end) == (D(2023, 12, 15), D(2024, 12, 14))
    calendar_q1 = quarter(2024, 1, calendar_periods=True)
    assert (calendar_q1.start, calendar_q1.end) == (D(2024, 1, 1), D(2024, 3, 31))
    assert calendar_q1.contains(D(2024, 2, 29))  # a leap year
    assert quarter(2023, 1, True).end == D(2023, 3, 31)
    assert half_year(2024, True).end == D(2024, 6, 30)
    assert q1.label == "quý I năm 2024" and half_year(2024).label == "6 tháng đầu năm 2024"
    with pytest.raises(ValueError):
        quarter(2024, 5)


def moment(y: int, m: int, d: int) -> Moment:
    return Moment(dt.datetime(y, m, d, 16, 30), True)


def hand_counted() -> list[Dossier]:
    """Seven dossiers around quarter I of 2024 (15/12/2023 to 14/03/2024)."""
    return [
        Dossier(
            "A",
            "a",
            received=moment(2023, 12, 10),
            due=moment(2023, 12, 20),
            finished=moment(2024, 1, 5),
            channel=Channel.IN_PERSON,
        ),  # carried, late
        Dossier(
            "B",
            "b",
            received=moment(2024, 1, 10),
            due=moment(2024, 1, 15),
            finished=moment(2024, 1, 12),
            channel=Channel.ONLINE,
        ),  # online, early
        Dossier(
            "C",
            "c",
            received=moment(2024, 2, 1),
            due=moment(2024, 2, 5),
            finished=moment(2024, 2, 5),
            channel=Channel.IN_PERSON,
        ),  # on the due date
        Dossier(
            "D", "d", received=moment(2024, 3, 1), due=moment(2024, 3, 20), channel=Channel.POST
        ),  # open, not yet due at the cut-off
        Dossier(
            "E", "e", received=moment(2024, 3, 1), due=moment(2024, 3, 5), channel=Channel.ONLINE
        ),  # open, overdue
        Dossier("F", "f", received=moment(2024, 3, 20), due=moment(2024, 3, 25)),  # after
        Dossier(
            "G",
            "g",
            received=moment(2023, 11, 1),
            due=moment(2023, 11, 5),
            finished=moment(2023, 11, 3),
        ),  # resolved before the period
    ]


def test_statistics_on_a_hand_counted_export() -> None:
    stats = dossier_stats(hand_counted(), quarter(2024, 1))
    assert (stats.carried_over, stats.new_online, stats.new_other, stats.received) == (1, 2, 2, 5)
    assert (stats.early, stats.on_due_date, stats.late, stats.resolved) == (1, 1, 1, 3)
    assert (stats.open_not_due, stats.open_overdue, stats.in_progress) == (1, 1, 2)
    assert stats.on_time == Ratio(2, 3)
    assert stats.online == Ratio(2, 4)
    assert late_codes(hand_counted(), quarter(2024, 1)) == {"A", "E"}


def test_percentages_the_vietnamese_way() -> None:
    assert [percent_text(v) for v in (200 / 3, 99.5, 100.0, 80, 0, None)] == [
        "66,7%",
        "99,5%",
        "100%",
        "80%",
        "0%",
        "chưa có số liệu",
    ]


def hand_export(path: Path) -> Path:
    """The same seven dossiers as an export."""
    channels = {
        Channel.ONLINE: "Trực tuyến",
        Channel.POST: "Bưu chính",
        Channel.IN_PERSON: "Trực tiếp",
        None: "",
    }
    return write_xlsx(
        path,
        [
            row(
                d.code,
                received=d.received.value,
                due=d.due.value,
                finished=d.finished.value if d.finished else None,
                channel=channels[d.channel],
            )
            for d in hand_counted()
        ],
    )


def report(workspace: Path, out: Path, *extra: str) -> int:
    return run_cli("report", "--quarter", "1", "--data", str(workspace), "--out", str(out), *extra)


def paragraphs(path: Path) -> list[str]:
    body = open_doc(path).element.body
    texts = ("".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p"))
    return [text for text in texts if text.strip()]


def test_report_tables_hold_the_hand_count(workspace: Path, tmp_path: Path) -> None:
    export = hand_export(tmp_path / "xuat.xlsx")
    # A letter for A only, sent while it was open and late (E's was never written): apology
    # rate 1 of 2, the letter dated after the due date.
    assert (
        run_cli(
            "letters",
            str(
                write_xlsx(
                    tmp_path / "a.xlsx",
                    [
                        row(
                            "A",
                            received=dt.datetime(2023, 12, 10),
                            due=dt.datetime(2023, 12, 20),
                            finished=dt.datetime(2024, 1, 5),
                        )
                    ],
                )
            ),
            "--data",
            str(workspace),
            "--out",
            str(tmp_path / "thu"),
            "--as-of",
            "2024-01-03",
        )
        == 0
    )
    assert report(workspace, tmp_path / "out", "--dossiers", str(export)) == 0
    doc = open_doc(tmp_path / "out" / "bao-cao-cchc-quy-1-2024.docx")
    stats = table_rows(doc, 1)
    # The sub-heading is the table's first row (kept with its part heading in LibreOffice).
    assert stats[0] == ["1. Tình hình tiếp nhận, giải quyết hồ sơ thủ tục hành chính"]
    assert stats[3] == ["5", "1", "2", "2", "3", "1", "1", "1", "2", "1", "1"]
    indicators = table_rows(doc, 2)
    assert indicators[0] == ["STT", "Chỉ tiêu", "Kế hoạch", "Kết quả", "Đánh giá"]
    # Each row names its indicator, then (second line) the plan's task it belongs to.
    assert [[r[0], r[1].split("\n")[0], *r[2:]] for r in indicators[1:]] == [
        ["1", "Tỷ lệ hồ sơ giải quyết đúng hạn", "trên 99%", "66,7% (2/3)", "Chưa đạt"],
        [
            "2",
            "Tỷ lệ hồ sơ trễ hạn có phiếu xin lỗi",
            "100%",
            "50% (1/2), trong đó 0 phiếu gửi kịp thời (không muộn hơn ngày hẹn trả)",
            "Chưa đạt",
        ],
        # No "toàn trình" column: not judged on that target, and the row says why.
        [
            "3",
            "Tỷ lệ hồ sơ trực tuyến toàn trình",
            "tối thiểu 80%",
            "tệp hồ sơ không ghi hồ sơ "
            "nào là trực tuyến toàn trình; hồ sơ nộp trực tuyến: 50% (2/4)",
            "Chưa đánh giá",
        ],
        [
            "4",
            "Tỷ lệ hồ sơ thanh toán trực tuyến",
            "tối thiểu 50%",
            "tệp hồ sơ không có cột thanh toán trực tuyến",
            "Chưa đánh giá",
        ],
    ]
    assert indicators[4][1].endswith("(Phụ lục I, mục VII, 4.2: Tỷ lệ hồ sơ thanh toán trực tuyến)")


def test_a_returned_dossier_without_result_date_is_resolved_on_its_return(
    workspace: Path, tmp_path: Path
) -> None:
    # "Ngày có kết quả" empty but returned: its result date is the return date, as the
    # letters judge it (one returned late in the quarter, one returned before it began).
    export = write_xlsx(
        tmp_path / "xuat.xlsx",
        [
            [
                *row("R1", received=dt.datetime(2024, 1, 2), due=dt.datetime(2024, 1, 10)),
                dt.datetime(2024, 1, 20),
            ],
            [
                *row("R2", received=dt.datetime(2023, 11, 1), due=dt.datetime(2023, 11, 6)),
                dt.datetime(2023, 11, 20),
            ],
        ],
        headers=[*HEADERS, "Ngày trả kết quả"],
    )
    assert report(workspace, tmp_path / "out", "--dossiers", str(export)) == 0
    doc = open_doc(tmp_path / "out" / "bao-cao-cchc-quy-1-2024.docx")
    # received 1 (new, in person), resolved 1 and late, nothing still in progress
    assert table_rows(doc, 1)[-1] == ["1", "0", "0", "1", "1", "0", "0", "1", "0", "0", "0"]
    indicators = table_rows(doc, 2)
    assert indicators[1][3] == "0% (0/1)"  # resolved late: not on time


def test_report_without_export_is_refused_and_its_draft_marks_the_part(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    (workspace / EXPORT).unlink()
    capsys.readouterr()
    assert report(workspace, tmp_path / "out") == 1
    assert not (tmp_path / "out").exists()
    assert (
        f"{workspace / 'ho-so-mot-cua'}: Phần X «Kết quả giải quyết thủ tục hành chính»: "
        "chưa có tệp hồ sơ một cửa của kỳ"
    ) in capsys.readouterr().err
    assert report(workspace, tmp_path / "out", "--du-thao") == 0
    path = tmp_path / "out" / "bao-cao-cchc-quy-1-2024-du-thao.docx"
    text = paragraphs(path)
    # The part keeps its place and number, marked; no empty table is printed.
    at = text.index("X. KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH VÀ THỰC HIỆN CHỈ TIÊU")
    assert text[at + 1].startswith("[CẦN BỔ SUNG: chưa có tệp hồ sơ một cửa của kỳ")
    assert text[at + 2] == "XI. ĐÁNH GIÁ CHUNG"
    assert len(open_doc(path).tables) == 2  # the header block and the signature only


ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"]


def test_report_structure_and_format(workspace: Path, tmp_path: Path) -> None:
    assert report(workspace, tmp_path / "out") == 0
    path = tmp_path / "out" / "bao-cao-cchc-quy-1-2024.docx"
    doc = open_doc(path)
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm, 1) for m in margins] == [20.0, 20.0, 30.0, 15.0]
    assert section.different_first_page_header_footer
    header = doc.tables[0].rows[0].cells
    assert [p.text for p in header[0].paragraphs if p.text] == [
        "ỦY BAN NHÂN DÂN",
        "XÃ HẢI YẾN",
        "Số:      /BC-UBND",
    ]
    assert header[1].paragraphs[-1].text == "Hải Yến, ngày      tháng 3 năm 2024"
    text = paragraphs(path)
    start = text.index("BÁO CÁO")
    assert text[start + 1] == "Kết quả thực hiện công tác cải cách hành chính quý I năm 2024"
    parts = [
        line
        for line in text
        if line[:3].rstrip(". ").isupper()
        and ". " in line[:6]
        and line.split(". ", 1)[0]
        in {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"}
    ]
    # Every section of Phụ lục I is a part, numbered as the plan numbers it; then SIPAS and
    # PAPI, the tables, the assessment, the next quarter and the proposals.
    assert parts == [
        "I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC",
        "II. CẢI CÁCH THỂ CHẾ",
        "III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH (TTHC)",
        "IV. CẢI CÁCH TỔ CHỨC BỘ MÁY",
        "V. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
        "VI. CẢI CÁCH TÀI CHÍNH CÔNG",
        "VII. XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
        "VIII. TÁC ĐỘNG CỦA CCHC ĐẾN PHÁT TRIỂN KINH TẾ - XÃ HỘI",
        "IX. NÂNG CAO CHẤT LƯỢNG PHỤC VỤ NGƯỜI DÂN VÀ HIỆU QUẢ QUẢN TRỊ, HÀNH CHÍNH CÔNG",
        "X. KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH VÀ THỰC HIỆN CHỈ TIÊU",
        "XI. ĐÁNH GIÁ CHUNG",
        "XII. NHIỆM VỤ TRỌNG TÂM QUÝ II NĂM 2024",
        "XIII. KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    # The plan is dated June: a report of March does not cite it.
    assert text[start + 2].startswith(
        "Ủy ban nhân dân xã Hải Yến báo cáo kết quả thực hiện công tác cải cách hành chính quý "
        "I năm 2024 (kỳ số liệu từ ngày 15/12/2023 đến ngày 14/03/2024) như sau:"
    )
    assert not any("Thực hiện Kế hoạch" in line for line in text)
    assert not any("chưa cập nhật" in line or "Chưa ghi" in line for line in text)
    # A task with no work this quarter is printed with the officer's note.
    assert (
        "- Tiếp tục rà soát, sắp xếp tổ chức bộ máy và kiện toàn chức năng, nhiệm vụ của "
        "cơ quan theo hướng dẫn cấp trên: Chưa có hướng dẫn của cấp trên."
    ) in text
    # The example tracker's quarter I, in its place.
    first = text[
        text.index("I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC") : text.index("II. CẢI CÁCH THỂ CHẾ")
    ]
    done = first[first.index("a) Nhiệm vụ đã hoàn thành:") + 1]
    assert done == (
        "- Báo cáo kết quả thực hiện công tác CCHC định kỳ: Đã gửi báo cáo CCHC "
        "năm 2023 đúng thời hạn."
    )
    # Quarter II entries stay out of the quarter I report.
    assert not any("Đã sơ kết" in line or "Đã đăng 12 tin" in line for line in text)
    assert "- Công tác chỉ đạo, điều hành CCHC được triển khai sớm." in text
    headings = {p.text: all(r.bold for r in p.runs) for p in doc.paragraphs}
    assert headings["1. Ưu điểm"] and not headings["a) Nhiệm vụ đã hoàn thành:"]
    # Never started: carried over as it stands, not "Tiếp tục ...".
    assert (
        "- Tổ chức kiểm tra công tác CCHC năm 2024, đảm bảo kiểm tra ít nhất 30% "
        "số cán bộ, công chức trở lên." in text
    )
    # A task the plan links to an indicator: the computed figure after the officer's words.
    on_time = next(line for line in text if line.startswith("- Tỷ lệ hồ sơ TTHC do UBND cấp xã"))
    assert on_time.endswith("; kết quả trong kỳ: 95,9% (47/49), chỉ tiêu trên 99%: chưa đạt.")
    # The report's tables are set at 12 pt.
    for rows in (doc.tables[1].rows[1:], doc.tables[2].rows):  # below the sub-heading row
        sizes = {
            run.font.size.pt
            for row in rows
            for cell in row.cells
            for para in cell.paragraphs
            for run in para.runs
            if run.text.strip()
        }
        assert sizes == {12.0}
    receivers = text.index("Nơi nhận:")
    assert text[receivers + 1 : receivers + 7] == [
        "- UBND huyện Cao Lộc (Phòng\u00a0Nội\u00a0vụ);",
        "- TT Đảng ủy, TT HĐND xã;",
        "- CT, các PCT UBND xã;",
        "- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    ]
    # The chart is the annex's picture, and a PNG beside the report.
    png = (tmp_path / "out" / "bao-cao-cchc-quy-1-2024.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    with zipfile.ZipFile(path) as zf:
        assert zf.read("word/media/image1.png") == png


def test_tracker_round_trip_into_the_report(workspace: Path, tmp_path: Path) -> None:
    tracker = workspace / tracker_file(2024)
    tracker.unlink()
    assert run_cli("tracker", "--data", str(workspace)) == 0
    book = load_workbook(tracker)
    sheet = book["Phụ lục I"]
    assert sheet.freeze_panes == "D4"
    assert [c.value for c in sheet[HEADER_ROW]][:9] == [
        "Mục",
        "STT",
        "Nhiệm vụ",
        "Kết quả/sản phẩm",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Quý I - Trạng thái",
        "Quý I - Kết quả",
        "Quý I - Ghi chú",
    ]
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    validation = sheet.data_validations.dataValidation[0]
    assert validation.formula1 == '"' + ",".join(STATUSES) + '"'
    assert "G4" in str(validation.sqref) and "P4" in str(validation.sqref)
    target = next(
        r
        for r in range(HEADER_ROW + 1, sheet.max_row + 1)
        if sheet.cell(r, 3).value == "Cải cách thể chế"
        or sheet.cell(r, 3).value == "Thực hiện các hoạt động về theo dõi thi hành pháp luật"
    )
    sheet.cell(target, 7, "Hoàn thành")
    sheet.cell(target, 8, "Đã thực hiện 03 hoạt động theo dõi.")
    book[TEXT_SHEET].cell(HEADER_ROW + 1, 5, "Đề nghị bổ sung kinh phí.")
    book.save(tracker)
    # One area written: the report is refused, its draft carries the entry in its place.
    assert report(workspace, tmp_path / "out") == 1
    assert report(workspace, tmp_path / "out", "--du-thao") == 0
    text = paragraphs(tmp_path / "out" / "bao-cao-cchc-quy-1-2024-du-thao.docx")
    part = text[text.index("II. CẢI CÁCH THỂ CHẾ") :]
    # A lone group is lettered as every group is.
    assert part[1:3] == [
        "a) Nhiệm vụ đã hoàn thành:",
        "- Thực hiện các hoạt động về theo dõi "
        "thi hành pháp luật: Đã thực hiện 03 hoạt động theo dõi.",
    ]
    assert part[3] == "III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH (TTHC)"
    assert "- Đề nghị bổ sung kinh phí./." in text  # the body's last line


def test_regeneration_keeps_entries_and_a_backup(workspace: Path, capsys) -> None:
    tracker = workspace / tracker_file(2024)
    before = tracker.read_bytes()
    edit(
        workspace / "ke-hoach.yaml",
        "nhiem_vu: Thực hiện nhiệm vụ được giao trong năm",
        "nhiem_vu: Thực hiện các nhiệm vụ được giao trong năm",
    )  # unchanged entries elsewhere
    edit(
        workspace / "ke-hoach.yaml",
        "nhiem_vu: Báo cáo kết quả thực hiện công tác CCHC định kỳ",
        "nhiem_vu: Báo cáo kết quả CCHC định kỳ (hằng quý)",
    )  # an entry that loses its row
    assert run_cli("tracker", "--data", str(workspace)) == 0
    captured = capsys.readouterr()
    backups = list(workspace.glob("theo-doi-thuc-hien-2024.sao-luu-*.xlsx"))
    assert len(backups) == 1 and backups[0].read_bytes() == before
    assert "Không còn khớp với kế hoạch" in captured.err
    assert "Báo cáo kết quả thực hiện công tác CCHC định kỳ" in captured.err
    book = load_workbook(tracker)
    kept = {
        book["Phụ lục I"].cell(r, 3).value: book["Phụ lục I"].cell(r, 7).value
        for r in range(HEADER_ROW + 1, book["Phụ lục I"].max_row + 1)
    }
    assert kept["Đăng tải nội dung, thông tin CCHC trên Trang thông tin điện tử của xã"] == (
        "Đang thực hiện"
    )
    assert kept["Báo cáo kết quả CCHC định kỳ (hằng quý)"] is None
    lost = book["Dòng không còn khớp"]
    assert lost.cell(HEADER_ROW + 1, 3).value == ("Báo cáo kết quả thực hiện công tác CCHC định kỳ")
    assert lost.cell(HEADER_ROW + 1, 7).value == "Hoàn thành"
    assert book[TEXT_SHEET].cell(HEADER_ROW + 1, 2).value.startswith("Công tác chỉ đạo")


def test_invalid_status_and_reshaped_sheet_are_named_by_cell(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    tracker = workspace / tracker_file(2024)
    book = load_workbook(tracker)
    book["Phụ lục I"]["G5"] = "Xong"
    book["Phụ lục II"].delete_cols(5)
    book.save(tracker)
    out = tmp_path / "out"
    assert report(workspace, out) == 1
    err = capsys.readouterr().err
    assert (
        f"{tracker}: lỗi: Trang «Phụ lục I», ô G5: trạng thái «Xong» không hợp lệ; chọn "
        "một trong: Hoàn thành, Đang thực hiện, Chưa thực hiện, Không phát sinh"
    ) in err
    assert (
        f"{tracker}: lỗi: Trang «Phụ lục II», ô E3: tiêu đề cột phải là «Cơ quan chủ trì», "
        "đang là «Cơ quan phối hợp»"
    ) in err
    assert not out.exists()


def test_report_is_reproducible(workspace: Path, tmp_path: Path) -> None:
    assert report(workspace, tmp_path / "a") == 0
    assert report(workspace, tmp_path / "b") == 0
    for name in ("bao-cao-cchc-quy-1-2024.docx", "bao-cao-cchc-quy-1-2024.png"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_half_and_whole_year_reports(workspace: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    for period in ("--half", "--whole-year"):
        assert (
            run_cli(
                "report",
                period,
                "--data",
                str(workspace),
                "--out",
                str(out),
                "--as-of",
                "2025-01-10",
            )
            == 0
        )
    half = paragraphs(out / "bao-cao-cchc-6-thang-2024.docx")
    assert "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2024" in half
    year = paragraphs(out / "bao-cao-cchc-nam-2024.docx")
    # Each quarter's result in order, under the latest status of the period.
    report_line = "- Báo cáo kết quả thực hiện công tác CCHC định kỳ: quý I: Đã gửi báo cáo CCHC "
    assert (
        f"{report_line}năm 2023 đúng thời hạn; quý II: Đã gửi báo cáo CCHC quý I năm 2024 "
        "đúng thời hạn."
    ) in half
    assert any(
        line.startswith(report_line)
        and "; quý IV: Đã gửi báo cáo CCHC quý III năm 2024 đúng thời hạn" in line
        for line in year
    )
    for text in (half, year):
        # The same result written in every quarter is said once.
        assert (
            "- Thực hiện quy định về việc sử dụng kinh phí từ nguồn NSNN: Chi đúng dự toán "
            "được giao, không phát sinh sai phạm."
        ) in text
        # Done in quarter II after being under way in quarter I: among the done tasks.
        papi = text[
            text.index("2. Cải thiện hiệu quả quản trị và hành chính công cấp xã (Chỉ số PAPI)") :
        ]
        assert papi[1] == "a) Nhiệm vụ đã hoàn thành:"
        assert papi[2].endswith(
            "quý I: Đã tuyên truyền Luật Thực hiện dân chủ ở cơ sở tại các "
            "buổi họp thôn; quý II: Đã tổ chức hội nghị triển khai Luật "
            "Thực hiện dân chủ ở cơ sở đến 12 thôn."
        )
        # The period's own texts, never a quarter's.
        assert "- Cơ sở vật chất của Bộ phận Một cửa được tăng cường." not in text
    # Done in quarter II, nothing said of it later: the year report says when.
    assert "(hoàn thành trong quý II): quý I:" in papi[2]
    assert (
        "- Các nhiệm vụ CCHC 6 tháng đầu năm được triển khai đồng bộ, bám sát Kế hoạch CCHC "
        "năm 2024 của xã."
    ) in half
    assert "XII. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2024" in half
    assert "XII. NHIỆM VỤ TRỌNG TÂM NĂM 2025" in year
    capsys.readouterr()
    assert run_cli("report", "--data", str(workspace), "--out", str(out)) == 2
    assert "chọn đúng một kỳ" in capsys.readouterr().err


def test_validate_checks_the_tracker_too(workspace: Path, capsys) -> None:
    tracker = workspace / tracker_file(2024)
    book = load_workbook(tracker)
    book["Phụ lục I"]["J7"] = "xong rồi"
    book.save(tracker)
    assert run_cli("validate", "--data", str(workspace)) == 1
    assert "Trang «Phụ lục I», ô J7: trạng thái «xong rồi» không hợp lệ" in (
        capsys.readouterr().err
    )


def test_indicator_edge_cases() -> None:
    from kehoach_docs.domain.indicators import IndicatorResult, online_payment
    from kehoach_docs.domain.plan import Indicator, Target

    apology = Target(Indicator.APOLOGY, 100, False, "100%")
    assert IndicatorResult(Indicator.APOLOGY, apology, Ratio(0, 0)).met is True
    assert IndicatorResult(Indicator.APOLOGY, apology, None).met is None
    on_time = Target(Indicator.ON_TIME, 99, True, "trên 99%")
    assert IndicatorResult(Indicator.ON_TIME, on_time, Ratio(99, 100)).met is False
    assert IndicatorResult(Indicator.ON_TIME, on_time, Ratio(995, 1000)).met is True
    assert IndicatorResult(Indicator.ON_TIME, on_time, Ratio(0, 0)).met is None
    paid = [
        Dossier(str(i), "x", received=moment(2024, 2, 1), due=moment(2024, 2, 5), paid_online=i < 3)
        for i in range(4)
    ]
    assert online_payment(paid, quarter(2024, 1)) == Ratio(3, 4)
    assert online_payment(hand_counted(), quarter(2024, 1)) is None  # no such column


def test_build_with_a_broken_tracker_writes_nothing(workspace: Path, tmp_path: Path) -> None:
    tracker = workspace / tracker_file(2024)
    book = load_workbook(tracker)
    book["Phụ lục I"]["G5"] = "Xong"
    book.save(tracker)
    out = tmp_path / "out"
    assert (
        run_cli("build", "--data", str(workspace), "--out", str(out), "--as-of", "2025-01-10") == 1
    )
    assert not out.exists()
    assert not (workspace / "so-theo-doi-phieu-xin-loi.sqlite3").exists()  # no number issued


def test_validate_names_the_signer_and_every_status_missing_for_ended_quarters(
    workspace: Path,
) -> None:
    from kehoach_docs.commands.validate import check_workspace
    from kehoach_docs.domain.problems import Problems
    from kehoach_docs.workspace import open_workspace

    opened, _ = open_workspace(workspace)
    problems = Problems()
    check_workspace(opened, problems, D(2024, 4, 1))  # quarter I ended, quarter II not
    said = [str(p) for p in problems.warnings]
    assert any("don-vi.yaml" in s and "chưa có họ tên người ký" in s for s in said)
    missing = [s for s in said if "chưa có trạng thái" in s]
    assert len(missing) == 3 and all("quý I " in s for s in missing)  # one line per sheet
    sheet_i = next(s for s in missing if "Trang «Phụ lục I»:" in s)
    assert "32 nhiệm vụ" in sheet_i and "ô G7, G13," in sheet_i
    problems = Problems()
    check_workspace(opened, problems, D(2024, 3, 14))  # quarter I not yet ended
    assert not any("chưa có trạng thái" in str(p) for p in problems.warnings)


def test_a_tasks_lead_line_and_the_bodys_end_read_as_signed(seed_build: Path) -> None:
    """A plan's cell of a lead line ending in a colon and its bullets reads as one sentence
    («…nhà nước: thực hiện…; thường xuyên…», never «:;»); the body's last line closes with
    «./.», as NĐ 30's sample of a report closes its content."""
    text = paragraphs(seed_build / "bao-cao-cchc-quy-4-2024.docx")
    assert not [line for line in text if ":;" in line]
    lead = "giải quyết hồ sơ TTHC nói riêng của cơ quan hành chính nhà nước: thực hiện nghiêm túc"
    assert [line for line in text if lead in line and "; thường xuyên kiểm tra" in line]
    end = text.index("XIII. KIẾN NGHỊ, ĐỀ XUẤT")
    assert text[end + 1 :][:2] == [
        "- Đề nghị UBND huyện bố trí kinh phí nâng cấp trang thiết bị của Bộ phận Một cửa "
        "năm 2025./.",
        "Nơi nhận:",
    ]


def test_without_a_register_the_late_dossiers_count_as_without_letter(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    """No register yet: the program made no letter, so the period's late dossiers had none
    from it; the report says 0/12 like a register without their letters would, never a note
    about the program's files, and the screen says why (without advice that would change
    nothing: letters made now are dated after the period)."""
    capsys.readouterr()
    assert (
        run_cli(
            "report",
            "--quarter",
            "4",
            "--as-of",
            "2024-11-30",
            "--data",
            str(workspace),
            "--out",
            str(tmp_path / "out"),
        )
        == 0
    )
    rows = table_rows(open_doc(tmp_path / "out" / "bao-cao-cchc-quy-4-2024.docx"), 2)
    apology = next(row for row in rows if row[1].startswith("Tỷ lệ hồ sơ trễ hạn có phiếu"))
    assert apology[2:] == ["100%", "0% (0/12)", "Chưa đạt"]
    assert (
        f"{workspace / 'so-theo-doi-phieu-xin-loi.sqlite3'}: cảnh báo: chưa có sổ này (chưa "
        "làm phiếu nào bằng chương trình), nên báo cáo tính 12 hồ sơ trễ hạn trong kỳ là chưa "
        "có phiếu xin lỗi; chương trình chỉ biết các phiếu nó đã làm"
    ) in capsys.readouterr().err


def test_a_period_that_begins_before_the_export_is_said(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    """Quý I runs from 15/12 of the year before; the example's export holds 2024's dossiers
    only: the report's figures leave out what was received before 02/01, and the screen says
    so (quý II begins inside the export: nothing to say)."""
    export = workspace / "ho-so-mot-cua" / "ho-so-mot-cua-2024.xlsx"
    capsys.readouterr()
    assert report(workspace, tmp_path / "q1") == 0
    assert (
        f"{export}: cảnh báo: hồ sơ sớm nhất trong tệp tiếp nhận ngày 02/01/2024, sau ngày đầu "
        "kỳ quý I năm 2024 (15/12/2023): hồ sơ tiếp nhận trước đó, kể cả hồ sơ kỳ trước chuyển "
        "qua, không có trong báo cáo; nếu có, thêm tệp hồ sơ của thời gian đó vào thư mục hồ sơ"
    ) in capsys.readouterr().err
    assert (
        run_cli("report", "--quarter", "2", "--data", str(workspace), "--out", str(tmp_path / "q2"))
        == 0
    )
    assert "hồ sơ sớm nhất trong tệp" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("first", "said"), [(dt.date(2024, 6, 17), False), (dt.date(2024, 6, 24), True)]
)
def test_a_period_begun_on_a_weekend_is_not_said_to_lack_dossiers(
    workspace: Path, tmp_path: Path, capsys, first: dt.date, said: bool
) -> None:
    """Quý III 2024 begins on Saturday 15/06: an export whose first dossier came on Monday
    covers it; one whose first came nine days in is said to."""
    exports = workspace / "ho-so-mot-cua"
    for old in exports.iterdir():
        old.unlink()
    received = dt.datetime.combine(first, dt.time(8))
    write_xlsx(
        exports / "quy-3.xlsx",
        [row("HS-1", received=received, due=received + dt.timedelta(days=3))],
    )
    capsys.readouterr()
    run_cli(
        "report",
        "--quarter",
        "3",
        "--du-thao",
        "--data",
        str(workspace),
        "--out",
        str(tmp_path / "out"),
    )
    assert ("hồ sơ sớm nhất trong tệp tiếp nhận ngày" in capsys.readouterr().err) is said


def test_a_proposal_typed_with_its_end_mark_keeps_one() -> None:
    from kehoach_docs.documents.report import _ended

    assert _ended(["- Đề nghị a.", "- Đề nghị b./."]) == ["- Đề nghị a.", "- Đề nghị b./."]
    assert _ended(["- Đề nghị b;"]) == ["- Đề nghị b./."]
