"""A register already holding 20,000 letters takes 10,000 more in one batch, through the
command line and through the desk's job; and while such a batch is being written, the
desk's pages, `letters --preview` and `validate` still read the letters already committed,
at once."""

from __future__ import annotations

import html
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import copy_data, run_cli
from python_calamine import CalamineWorkbook
from synthetic import dossier_rows, write_export

from kehoach_docs.outputs.register import Register
from kehoach_docs.web.app import DeskSettings, create_app
from kehoach_docs.workspace import EXPORTS_DIR, REGISTER_FILE

BEFORE = 20_000  # letters the register holds already
NEW = 10_000  # dossiers of the export, every one owed a letter on AS_OF
AS_OF = "2025-03-03"
YEAR = 2025
SEED = 16
EXPORT = "ho-so-mot-cua-2024.xlsx"
BATCH = f"phieu-xin-loi-{YEAR}-so-{BEFORE + 1}-{BEFORE + NEW}.docx"
EARLIER = f"phieu-xin-loi-{YEAR}-so-001-{BEFORE}.docx"


def earlier_code(number: int) -> str:
    return f"HS-CU-{number:05d}"


def new_codes() -> set[str]:
    """The export's dossier codes (the same seed gives the same rows)."""
    return {row[1] for row in dossier_rows(NEW, 2024, 0.0, 1.0, SEED)}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example workspace whose register holds letters 01..20000 of 2025 (issued and
    printed earlier), and whose one export holds 10,000 dossiers still open and past due.
    The register is made by the program, in its own layout; the earlier letters' rows are
    put in with SQLite (seconds, where printing them would take a minute)."""
    data = copy_data(tmp_path_factory.mktemp("so-lon") / "data")
    exports = data / EXPORTS_DIR
    shutil.rmtree(exports)
    exports.mkdir()
    write_export(exports / EXPORT, NEW, late_share=0.0, open_share=1.0, seed=SEED)
    path = data / REGISTER_FILE
    Register(path).close()
    rows = [
        (
            YEAR,
            number,
            earlier_code(number),
            f"Người nộp số {number}",
            "Đăng ký khai sinh",
            "2024-12-02T08:00:00",
            "2024-12-05T16:30:00",
            1,
            f"{YEAR}-01-06",
            "",
            f"{YEAR}-01-10",
            20,
            f"{YEAR}-01-06T09:00:00+07:00",
            EARLIER,
        )
        for number in range(1, BEFORE + 1)
    ]
    with sqlite3.connect(path) as db:
        db.executemany(
            "INSERT INTO letters (year, number, dossier_code, applicant, procedure, received, "
            "due, due_has_time, letter_date, reason, new_date, days_late, made_at, output_file) "
            f"VALUES ({', '.join('?' * 14)})",
            rows,
        )
    db.close()
    return data


@pytest.fixture
def data(prepared: Path, tmp_path: Path) -> Path:
    """A private copy of the prepared workspace, register included."""
    return Path(shutil.copytree(prepared, tmp_path / "data"))


def register_rows(data: Path) -> list[tuple[int, int, str, str]]:
    with sqlite3.connect(f"{(data / REGISTER_FILE).as_uri()}?mode=ro", uri=True) as db:
        return db.execute(
            "SELECT year, number, dossier_code, output_file FROM letters ORDER BY year, number"
        ).fetchall()


# Our letters are WordprocessingML under the `w:` prefix of their template; a paragraph's
# text is the text of its w:t runs.
PARAGRAPH_END = b"</w:p>"
RUN_TEXT = re.compile(rb"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")


def printed_letters(document: Path) -> list[tuple[int, str]]:
    """Each letter of a batch document, in page order: the number it carries and the code of
    the dossier it names. The document is 50 MB of XML: read a megabyte at a time and cut at
    the paragraphs' ends (a tenth of the time an XML parser takes), so that the test process
    stays small, as the memory of the processes it starts is measured from it
    (test_hostile.py)."""
    letters: list[tuple[int, str]] = []
    number = 0
    rest = b""
    with zipfile.ZipFile(document) as archive, archive.open("word/document.xml") as part:
        while chunk := part.read(1 << 20):
            *paragraphs, rest = (rest + chunk).split(PARAGRAPH_END)
            for paragraph in paragraphs:
                text = html.unescape(b"".join(RUN_TEXT.findall(paragraph)).decode())
                if found := re.fullmatch(r"Số: (\d+)/PXL", text):
                    number = int(found[1])
                elif found := re.search(r"mã số hồ sơ: (.+)\.$", text):
                    letters.append((number, found[1]))
    return letters


def register_book(out: Path) -> list[tuple[int, str, str]]:
    """The workbook's register sheet: each letter's row number, letter number, dossier."""
    sheet = CalamineWorkbook.from_path(out / "so-theo-doi-phieu-xin-loi.xlsx").get_sheet_by_name(
        "Sổ theo dõi"
    )
    rows = sheet.iter_rows()
    next(row for row in rows if row and row[0] == "STT")
    return [(int(r[0]), r[1], r[3]) for r in rows if isinstance(r[0], float)]


def check_issued(data: Path, out: Path) -> None:
    """What the officer checks after the batch: the register, the document, the workbook."""
    rows = register_rows(data)
    assert [(year, number) for year, number, _, _ in rows] == [
        (YEAR, n) for n in range(1, BEFORE + NEW + 1)
    ]
    assert [(code, name) for _, _, code, name in rows[:BEFORE]] == [
        (earlier_code(n), EARLIER) for n in range(1, BEFORE + 1)
    ]
    new = rows[BEFORE:]
    assert {code for _, _, code, _ in new} == new_codes()
    assert {name for _, _, _, name in new} == {BATCH}
    # Every new number printed once, in order, on the letter of its own dossier.
    assert printed_letters(out / BATCH) == [(number, code) for _, number, code, _ in new]
    assert register_book(out) == [
        (index, f"{number:02d}/PXL", code)
        for index, (_, number, code, _) in enumerate(rows, start=1)
    ]


# The register's count line on the letters page: all 20,000 committed letters, 100 a page.
LISTED = f'<p id="register-count">{BEFORE} phiếu, trang 1/{BEFORE // 100} (mỗi trang 100 phiếu).'
ISSUED = f"cấp mới {NEW} phiếu, số {BEFORE + 1}/PXL đến {BEFORE + NEW}/PXL năm {YEAR}."


# The desk as test_web.py drives it (Flask's test client, the form's token, the job's page
# polled until it ends): the letters page, then «Cấp số và tạo phiếu» with the workspace's
# export; both pages printed for the test to read.
DESK_RUN = """
import re, sys, time
from pathlib import Path
from kehoach_docs.web.app import DeskSettings, create_app

data, out, day = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
client = create_app(DeskSettings(data, out)).test_client()
page = client.get("/phieu-xin-loi").get_data(as_text=True)
token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
sent = client.post("/phieu-xin-loi/cap-so", data={"csrf": token, "nguon": "thu-muc", "ngay": day})
assert sent.status_code == 302, sent.status_code
job = sent.headers["Location"]
while not client.get(job + ".json").get_json()["finished"]:
    time.sleep(0.05)
print(page, client.get(job).get_data(as_text=True), sep="\\n=== việc ===\\n")
"""


def test_ten_thousand_more_through_the_desk(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-c", DESK_RUN, str(data), str(out), AS_OF],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    page, result = done.stdout.split("\n=== việc ===\n")
    # The desk read the big register: its 20,000 letters listed, the export offered.
    assert LISTED in page
    assert f"<code>{EXPORT}</code>" in page
    assert "Đã xong." in result
    assert ISSUED in result
    assert f'href="/download/{BATCH}"' in result
    check_issued(data, out)


# `kehoach letters` held inside its register transaction: its numbers taken, not committed,
# as while a big batch renders for seconds; it goes on when the test creates the file `go`.
PAUSED_RUN = """
import sys, time
from pathlib import Path
from kehoach_docs.commands import letters
from kehoach_docs.cli import main

ready, go = Path(sys.argv[1]), Path(sys.argv[2])
render = letters.write_docx

def paused(*args, **kwargs):
    ready.touch()
    while not go.exists():
        time.sleep(0.02)
    return render(*args, **kwargs)

letters.write_docx = paused
main(sys.argv[3:])
"""

# What the pages and commands say of a register they could not read because it is held.
HELD = re.compile("đang được một (lệnh|việc) khác")


# Both batches run in a process of their own, as an officer's would: this one stays small.
def test_ten_thousand_more_through_the_command_line_while_readers_see_the_committed_ones(
    data: Path, tmp_path: Path, capsys
) -> None:
    ready, go = tmp_path / "ready", tmp_path / "go"
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            PAUSED_RUN,
            str(ready),
            str(go),
            "letters",
            "--data",
            str(data),
            "--out",
            str(tmp_path / "out"),
            "--as-of",
            AS_OF,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        while not ready.exists():
            assert writer.poll() is None, writer.communicate()
            time.sleep(0.05)
        # The command line is inside its transaction, 10,000 numbers taken: every reader
        # shows the 20,000 letters committed, and the export.
        client = create_app(DeskSettings(data, tmp_path / "desk")).test_client()
        page = client.get("/phieu-xin-loi").get_data(as_text=True)
        assert not HELD.search(page)
        assert LISTED in page
        assert f"<code>{EXPORT}</code>" in page
        found = client.get(f"/phieu-xin-loi?tim={earlier_code(12345)}").get_data(as_text=True)
        assert re.findall(r'aria-label="Chọn phiếu số (\d+)/', found) == ["12345"]
        overview = client.get("/").get_data(as_text=True)
        assert not HELD.search(overview)
        assert f"<code>{EXPORT}</code>" in overview and f"Đã cấp {BEFORE} phiếu." in overview
        capsys.readouterr()
        assert (
            run_cli(
                "letters",
                "--data",
                str(data),
                "--out",
                str(tmp_path / "xem"),
                "--as-of",
                AS_OF,
                "--preview",
            )
            == 0
        )
        said = capsys.readouterr()
        assert not HELD.search(said.out + said.err)
        assert f"sẽ cấp {NEW} phiếu, số {BEFORE + 1}/PXL đến {BEFORE + NEW}/PXL" in said.out
        assert run_cli("validate", "--data", str(data)) == 0
        said = capsys.readouterr()
        assert "Dữ liệu hợp lệ: 0 lỗi" in said.out and not HELD.search(said.out + said.err)
    finally:
        go.touch()
        out, err = writer.communicate(timeout=600)
    assert writer.returncode == 0, err
    assert ISSUED in out
    assert f"Đã ghi: {tmp_path / 'out' / BATCH}" in out
    check_issued(data, tmp_path / "out")
