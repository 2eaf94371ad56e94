""" "Trực tuyến toàn trình" from the unit's list of fully-online procedures when the export has
no column that says it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import edit, run_cli
from docxread import open_doc, table_rows
from exports import row, write_xlsx

from kehoach_docs.domain.dossiers import Channel, Dossier
from kehoach_docs.domain.online import mark_fully_online

LIST = """
  thu_tuc_toan_trinh:
    - đăng ký  khai sinh
    - "1.000894"
    - Đăng ký khai tử
"""


def _export(path: Path) -> Path:
    received, due = dt.datetime(2024, 2, 1, 8), dt.datetime(2024, 2, 5, 16, 30)
    finished = dt.datetime(2024, 2, 2, 9)
    return write_xlsx(
        path,
        [
            row("KS-1", channel="Trực tuyến", received=received, due=due, finished=finished),
            row("KS-2", channel="Trực tiếp", received=received, due=due, finished=finished),
            row("KS-3", channel="Trực tuyến", received=received, due=due, finished=finished),
            row(
                "KH-1",
                channel="Trực tuyến",
                procedure="1.000894 - Đăng ký kết hôn",
                received=received,
                due=due,
                finished=finished,
            ),
            row(
                "CT-1",
                channel="Trực tuyến",
                procedure="Chứng thực chữ ký trong các giấy tờ",
                received=received,
                due=due,
                finished=finished,
            ),
        ],
    )


def test_the_units_list_says_which_dossiers_were_fully_online(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    edit(workspace / "don-vi.yaml", "\n  thu_tuc_toan_trinh:\n", LIST)
    export = _export(tmp_path / "xuat.xlsx")
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
    indicators = table_rows(open_doc(out / "bao-cao-cchc-quy-1-2024.docx"), 2)
    # KS-1, KS-3 (by name) and KH-1 (by code) filed online; KS-2 in person, CT-1 not listed.
    assert indicators[3] == [
        "3",
        "Tỷ lệ hồ sơ trực tuyến toàn trình\n(Phụ lục I, mục VII, "
        "4.1: Tỷ lệ hồ sơ trực tuyến toàn trình)",
        "tối thiểu 80%",
        "60% (3/5)",
        "Chưa đạt",
    ]
    err = capsys.readouterr().err
    assert (
        f"{workspace / 'don-vi.yaml'}, mục «bao_cao › thu_tuc_toan_trinh»: cảnh báo: «Đăng "
        "ký khai tử» không khớp tên hay mã thủ tục nào trong tệp hồ sơ"
    ) in err


def test_without_a_list_filed_online_is_not_called_fully_online(
    workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert (
        run_cli(
            "report",
            "--quarter",
            "1",
            "--dossiers",
            str(_export(tmp_path / "x.xlsx")),
            "--as-of",
            "2024-12-31",
            "--data",
            str(workspace),
            "--out",
            str(out),
        )
        == 0
    )
    indicators = table_rows(open_doc(out / "bao-cao-cchc-quy-1-2024.docx"), 2)
    # Not judged against the «toàn trình» target; the row says why and what it did measure.
    assert indicators[3][2:] == [
        "tối thiểu 80%",
        "tệp hồ sơ không ghi hồ sơ nào là trực tuyến toàn trình; hồ sơ nộp trực tuyến: 80% (4/5)",
        "Chưa đánh giá",
    ]


def test_an_exports_own_column_wins_over_the_list() -> None:
    said = Dossier(
        "A", "a", procedure="Đăng ký khai sinh", channel=Channel.ONLINE, fully_online=False
    )
    other = Dossier("B", "b", procedure="Đăng ký khai sinh", channel=Channel.ONLINE)
    marked, unused = mark_fully_online([said, other], ["Đăng ký khai sinh"])
    assert [d.fully_online for d in marked] == [False, None] and unused == []


def test_init_writes_the_list_explained(tmp_path: Path) -> None:
    assert run_cli("init", str(tmp_path / "moi"), "--year", "2026") == 0
    text = (tmp_path / "moi" / "don-vi.yaml").read_text(encoding="utf-8")
    assert "thu_tuc_toan_trinh:" in text and "toàn trình" in text
