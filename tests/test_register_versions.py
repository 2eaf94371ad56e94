"""The register knows its version: an older one is migrated (a copy kept), a newer one is
refused untouched, a row deleted by hand is reported and its number never given again, and
letters a killed run numbered but never put in place are printed by the next run."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import copy_data, run_cli, run_letters
from openpyxl import load_workbook

from kehoach_docs.workspace import REGISTER_FILE

DAY = "2024-12-31"  # the example's export owes 16 letters on this day
LETTERS = 16
BOOK = "so-theo-doi-phieu-xin-loi.xlsx"
BATCH = "phieu-xin-loi-2024-so-001-016.docx"

# The register as the program made it before versions were kept (version 1).
VERSION_1 = """
CREATE TABLE letters (
    year INTEGER NOT NULL, number INTEGER NOT NULL CHECK (number > 0),
    dossier_code TEXT NOT NULL UNIQUE, applicant TEXT NOT NULL, procedure TEXT NOT NULL,
    received TEXT, due TEXT NOT NULL, due_has_time INTEGER NOT NULL, letter_date TEXT NOT NULL,
    reason TEXT NOT NULL, new_date TEXT NOT NULL, days_late INTEGER NOT NULL,
    made_at TEXT NOT NULL, output_file TEXT NOT NULL, PRIMARY KEY (year, number)
)
"""


def letters(data: Path, out: Path, *extra: str) -> int:
    return run_letters(data, out, *extra, as_of=DAY)


def rows(data: Path) -> list[tuple]:
    with sqlite3.connect(data / REGISTER_FILE) as db:
        return db.execute(
            "SELECT year, number, dossier_code, output_file FROM letters ORDER BY year, number"
        ).fetchall()


def printed(path: Path) -> list[int]:
    with zipfile.ZipFile(path) as package:
        xml = package.read("word/document.xml").decode()
    return [int(n) for n in re.findall(r"Số: (\d+)/PXL", xml)]


def book_rows(path: Path) -> list[tuple[int, str]]:
    """(number, file) of every letter the register's workbook lists."""
    sheet = load_workbook(path, read_only=True).worksheets[0]
    found = []
    for values in sheet.iter_rows(values_only=True):
        if isinstance(values[0], int):
            found.append((values[0], values[-1]))
    return found


def test_a_version_1_register_is_migrated_and_a_copy_kept(tmp_path: Path, capsys) -> None:
    data = copy_data(tmp_path / "data")
    with sqlite3.connect(data / REGISTER_FILE) as db:
        db.execute(VERSION_1)
        db.executemany(
            "INSERT INTO letters VALUES (2024, ?, ?, 'Người cũ', 'Thủ tục cũ', NULL, "
            "'2024-03-01T00:00:00', 0, '2024-03-05', 'Lý do cũ', '2024-03-10', 2, "
            "'2024-03-05T08:00:00', 'phieu-xin-loi-2024-so-001-002.docx')",
            [(1, "CU-1"), (2, "CU-2")],
        )
    out = tmp_path / "out"
    assert letters(data, out) == 0
    said = capsys.readouterr().out
    assert f"cấp mới {LETTERS} phiếu, số 03/PXL đến 18/PXL năm 2024." in said
    with sqlite3.connect(data / "so-theo-doi-phieu-xin-loi.phien-ban-1.sqlite3") as copy:
        assert copy.execute("PRAGMA user_version").fetchone() == (0,)
        assert copy.execute("SELECT * FROM letters").fetchall() == [
            (
                2024,
                n,
                f"CU-{n}",
                "Người cũ",
                "Thủ tục cũ",
                None,
                "2024-03-01T00:00:00",
                0,
                "2024-03-05",
                "Lý do cũ",
                "2024-03-10",
                2,
                "2024-03-05T08:00:00",
                "phieu-xin-loi-2024-so-001-002.docx",
            )
            for n in (1, 2)
        ]
    with sqlite3.connect(data / REGISTER_FILE) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (2,)
        assert db.execute("SELECT number, printed FROM letters ORDER BY number").fetchall() == [
            (n, 1) for n in range(1, LETTERS + 3)
        ]
        assert db.execute("SELECT year, highest FROM numbers_used").fetchall() == [(2024, 18)]
    assert rows(data)[:2] == [
        (2024, 1, "CU-1", "phieu-xin-loi-2024-so-001-002.docx"),
        (2024, 2, "CU-2", "phieu-xin-loi-2024-so-001-002.docx"),
    ]
    assert [n for n, _ in book_rows(out / BOOK)] == list(range(1, LETTERS + 3))


@pytest.mark.parametrize("extra", [(), ("--preview",)])
def test_a_register_from_a_newer_version_is_refused_untouched(
    tmp_path: Path, capsys, extra: tuple[str, ...]
) -> None:
    data = copy_data(tmp_path / "data")
    assert letters(data, tmp_path / "out") == 0
    with sqlite3.connect(data / REGISTER_FILE) as db:
        db.execute("PRAGMA user_version = 3")
    before = (data / REGISTER_FILE).read_bytes()
    capsys.readouterr()
    assert letters(data, tmp_path / "out-2", *extra) == 1
    err = capsys.readouterr().err
    assert (
        f"Sổ theo dõi phiếu {data / REGISTER_FILE} do phiên bản mới hơn của chương trình "
        "ghi (sổ phiên bản 3, chương trình này chỉ đọc được đến phiên bản 2); không ghi gì "
        "vào sổ. Hãy cập nhật kehoach-docs rồi chạy lại."
    ) in err
    assert "Không ghi văn bản nào." in err
    assert (data / REGISTER_FILE).read_bytes() == before
    assert not (tmp_path / "out-2").exists()


def test_a_row_deleted_by_hand_is_reported_and_its_number_never_reused(
    tmp_path: Path, capsys
) -> None:
    data = copy_data(tmp_path / "data")
    out = tmp_path / "out"
    assert letters(data, out) == 0
    removed = rows(data)[-3:-1]  # letters 14 and 15; 16 stays the highest row
    with sqlite3.connect(data / REGISTER_FILE) as db:
        db.execute("DELETE FROM letters WHERE number IN (14, 15)")
        # And the year's last letter too: its number must not come back either.
        db.execute("DELETE FROM letters WHERE number = 16")
    capsys.readouterr()
    assert run_cli("validate", "--data", str(data), "--out", str(out)) == 0
    said = capsys.readouterr().err
    assert (
        f"{data / REGISTER_FILE}: cảnh báo: năm 2024 thiếu các số 14/PXL đến 16/PXL "
        "trong sổ (dòng đã bị xóa ngoài chương trình); các số này đã cấp nên không cấp lại "
        "cho hồ sơ khác"
    ) in said
    # The three dossiers have no letter in the register now: they get new numbers.
    assert letters(data, out) == 0
    assert "cấp mới 3 phiếu, số 17/PXL đến 19/PXL năm 2024." in capsys.readouterr().out
    numbers = {code: number for _, number, code, _ in rows(data)}
    assert [numbers[code] for _, _, code, _ in removed] == [17, 18]
    assert printed(out / "phieu-xin-loi-2024-so-017-019.docx") == [17, 18, 19]


def test_validate_names_a_batch_document_missing_from_the_folder(tmp_path: Path, capsys) -> None:
    data = copy_data(tmp_path / "data")
    out = tmp_path / "out"
    assert letters(data, out) == 0
    (out / BATCH).unlink()
    capsys.readouterr()
    assert run_cli("validate", "--data", str(data), "--out", str(out)) == 0
    assert (
        f"{data / REGISTER_FILE}: cảnh báo: tệp {BATCH} (16 phiếu, các số 01/PXL đến "
        f"16/PXL năm 2024) không có trong thư mục {out}; nếu cần in lại: kehoach letters "
        "--reissue"
    ) in capsys.readouterr().err


# A run killed (SIGKILL: nothing runs after it) the moment its files are about to be put in
# place, its numbers committed: what a power cut or `kill -9` leaves.
KILLED_AT_PUBLISH = """
import os, signal, sys
from kehoach_docs.outputs.folder import Publication
def killed(self):
    os.kill(os.getpid(), signal.SIGKILL)
Publication.publish = killed
from kehoach_docs.cli import main
main(sys.argv[1:])
"""


def killed_run(data: Path, out: Path) -> None:
    process = subprocess.run(
        [
            sys.executable,
            "-c",
            KILLED_AT_PUBLISH,
            "letters",
            "--data",
            str(data),
            "--out",
            str(out),
            "--as-of",
            DAY,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == -9, process.stderr
    with sqlite3.connect(data / REGISTER_FILE) as db:
        assert db.execute("SELECT COUNT(*), SUM(printed) FROM letters").fetchone() == (LETTERS, 0)
    assert not (out / BATCH).exists()


def test_a_finished_document_a_killed_run_left_is_put_in_place(tmp_path: Path, capsys) -> None:
    data = copy_data(tmp_path / "data")
    out = tmp_path / "out"
    killed_run(data, out)
    assert len(list(out.glob(f".{BATCH}.*.tmp"))) == 1
    assert letters(data, out) == 0
    said = capsys.readouterr().out
    first = said.splitlines()[0]
    assert first == (
        "Lượt chạy trước bị dừng sau khi cấp số phiếu 01/PXL đến 16/PXL năm "
        f"2024 mà chưa ghi tệp {BATCH}; tệp đó đã làm xong nên được ghi lần "
        "này."
    )
    assert f"Đã ghi: {out / BATCH}" in said
    assert printed(out / BATCH) == list(range(1, LETTERS + 1))
    assert not list(out.glob(".*.tmp"))
    with sqlite3.connect(data / REGISTER_FILE) as db:
        assert db.execute("SELECT SUM(printed) FROM letters").fetchone() == (LETTERS,)
    # Done once: the next run has nothing of the stopped one left to say.
    assert letters(data, out) == 0
    assert "Lượt chạy trước" not in capsys.readouterr().out


def test_a_finished_document_put_in_place_gets_the_files_per_letter_asked_now(
    tmp_path: Path, capsys
) -> None:
    """The officer runs again with --per-letter after a killed run: the batch document that
    run had finished is put in place, and its letters get their own files, as a batch made
    now would (nothing left half-written, no temporary file left)."""
    data = copy_data(tmp_path / "data")
    out = tmp_path / "out"
    killed_run(data, out)
    assert letters(data, out, "--per-letter") == 0
    said = capsys.readouterr().out
    assert "tệp đó đã làm xong nên được ghi lần này." in said.splitlines()[0]
    folder = out / BATCH.removesuffix(".docx")
    files = sorted(folder.iterdir())
    assert [path.name[:3] for path in files] == [f"{n:03d}" for n in range(1, LETTERS + 1)]
    assert [printed(path) for path in files] == [[n] for n in range(1, LETTERS + 1)]
    assert f"Đã ghi: {files[0]}" in said
    assert not list(out.rglob(".*.tmp"))


def test_letters_a_killed_run_left_without_a_document_are_printed_by_the_next(
    tmp_path: Path, capsys
) -> None:
    data = copy_data(tmp_path / "data")
    out = tmp_path / "out"
    killed_run(data, out)
    for left in out.glob(".*.tmp"):  # cut short, as a kill while writing leaves it
        left.write_bytes(left.read_bytes()[:1000])
    other = tmp_path / "elsewhere"  # and the next run writes to another folder
    assert letters(data, other) == 0
    said = capsys.readouterr().out
    assert said.splitlines()[0] == (
        "Lượt chạy trước bị dừng sau khi cấp số phiếu 01/PXL đến 16/PXL năm 2024 mà chưa ghi "
        f"tệp {BATCH}; các phiếu đó được in trong lần này (giữ nguyên số, ngày phiếu và ngày "
        "hẹn trả mới)."
    )
    assert (
        "1. Phiếu xin lỗi (hồ sơ chưa có kết quả mà đã quá ngày hẹn trả): không có phiếu mới."
        in said
    )
    assert printed(other / BATCH) == list(range(1, LETTERS + 1))
    assert {file for *_, file in rows(data)} == {BATCH}
    assert book_rows(other / BOOK) == [(n, BATCH) for n in range(1, LETTERS + 1)]
    with sqlite3.connect(data / REGISTER_FILE) as db:
        assert db.execute("SELECT SUM(printed) FROM letters").fetchone() == (LETTERS,)
