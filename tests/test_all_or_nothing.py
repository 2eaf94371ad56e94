"""A build is all or nothing: a broken template, an edited report or a full disk leaves
output/, the workspace and the register exactly as they were, spends no letter number, and
the messages say only what is true."""

from __future__ import annotations

import errno
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import BinaryIO

import pytest
from conftest import copy_data, run_cli, run_letters
from test_render import edited_copy, rewrite_template

from kehoach_docs.outputs import folder as folder_module
from kehoach_docs.outputs.folder import PENDING
from kehoach_docs.workspace import LOCK_FILE, REGISTER_FILE, find_template

FIRST_DAY, LATER_DAY = "2024-12-20", "2024-12-31"  # 12 letters owed, then 16
REPORT = "bao-cao-cchc-quy-4-2024.docx"  # the newest complete quarter of the example


def build(data: Path, out: Path, day: str) -> int:
    return run_cli("build", "--data", str(data), "--out", str(out), "--as-of", day)


def files(folder: Path) -> dict[str, bytes]:
    """Every file under a folder (hidden ones too) with its bytes; the register and the
    writer's lock (an empty file kept for the next run) aside."""
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(REGISTER_FILE) and path.name != LOCK_FILE
    }


def register_rows(data: Path) -> list[tuple]:
    if not (data / REGISTER_FILE).exists():
        return []
    with sqlite3.connect(data / REGISTER_FILE) as db:
        return db.execute("SELECT * FROM letters ORDER BY year, number").fetchall()


def state(data: Path, out: Path) -> tuple:
    return files(out), files(data), register_rows(data)


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A workspace built once (12 letters numbered), never changed: tests break copies."""
    root = tmp_path_factory.mktemp("built")
    data = copy_data(root / "data")
    out = root / "output"
    assert build(data, out, FIRST_DAY) == 0
    assert len(register_rows(data)) == 12
    return data, out


@pytest.fixture
def built(built_once: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the built workspace and its output folder, modification times
    kept: the next build would number 4 more."""
    data, out = built_once
    return Path(shutil.copytree(data, tmp_path / "data")), Path(
        shutil.copytree(out, tmp_path / "output")
    )


def assert_nothing_said_written(text: str) -> None:
    assert "Đã ghi" not in text
    assert "cấp mới" not in text.lower()


def test_broken_report_template_writes_nothing(capsys, built: tuple[Path, Path]) -> None:
    data, out = built
    own = data / "templates" / "bao-cao-cchc.docx"
    rewrite_template(
        find_template("bao-cao-cchc.docx", None), own, "{{ ky_hieu }}", "{{ ky_hieu_khong_co }}"
    )
    before = state(data, out)
    capsys.readouterr()
    assert build(data, out, LATER_DAY) == 1
    captured = capsys.readouterr()
    assert state(data, out) == before
    assert (
        "Mẫu văn bản bao-cao-cchc.docx: thân văn bản, đoạn 11 «Số: {{ so|so_vb }}/BC-{{ "
        "ky_hieu_khong_co }}»: trường «ky_hieu_khong_co» không có trong dữ liệu"
    ) in captured.err
    assert "Không ghi văn bản nào." in captured.err
    assert_nothing_said_written(captured.out + captured.err)


@pytest.mark.parametrize("command", ["build", "letters"])
def test_broken_letter_template_spends_no_number(
    capsys, built: tuple[Path, Path], command: str
) -> None:
    data, out = built
    rewrite_template(
        find_template("phieu-xin-loi.docx", None),
        data / "templates" / "phieu-xin-loi.docx",
        "{{ l.so }}",
        "{{ l.so_khong_co }}",
    )
    before = state(data, out)
    capsys.readouterr()
    assert run_cli(command, "--data", str(data), "--out", str(out), "--as-of", LATER_DAY) == 1
    captured = capsys.readouterr()
    assert state(data, out) == before
    assert (
        "Mẫu văn bản phieu-xin-loi.docx: thân văn bản, đoạn 9 «Số: {{ l.so_khong_co }}/{{ "
        "l.ky_hieu }}»: trường «so_khong_co» không có trong dữ liệu"
    ) in captured.err
    assert "Không ghi văn bản nào." in captured.err
    assert_nothing_said_written(captured.out + captured.err)


def test_broken_report_template_on_a_first_run_makes_no_register(capsys, tmp_path: Path) -> None:
    data = copy_data(tmp_path / "data")
    rewrite_template(
        find_template("bao-cao-cchc.docx", None),
        data / "templates" / "bao-cao-cchc.docx",
        "{{ ky_hieu }}",
        "{{ ky_hieu_khong_co }}",
    )
    before = files(data)
    assert build(data, tmp_path / "output", LATER_DAY) == 1
    assert not (tmp_path / "output").exists()
    assert not (data / REGISTER_FILE).exists()
    assert files(data) == before


def test_edited_report_writes_nothing(capsys, built: tuple[Path, Path]) -> None:
    data, out = built
    (out / REPORT).write_bytes(edited_copy(out / REPORT))
    before = state(data, out)
    capsys.readouterr()
    assert build(data, out, LATER_DAY) == 1
    captured = capsys.readouterr()
    assert state(data, out) == before
    assert f"{out / REPORT}: tệp đã có và đã được sửa sau lần ghi trước" in captured.err
    assert "Không ghi văn bản nào." in captured.err
    assert_nothing_said_written(captured.out + captured.err)


def full_disk_at(monkeypatch: pytest.MonkeyPatch, failing: str) -> None:
    """Putting files in place fails, as on a full disk, from the file named `failing` on;
    putting back a file replaced before that still works (a rename needs no space)."""
    real = os.replace
    replaced: set[Path] = set()
    full = False

    def replace(source: str | Path, target: str | Path) -> None:
        nonlocal full
        full = full or Path(target).name == failing
        if full and Path(target) not in replaced:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
        real(source, target)
        replaced.add(Path(target))

    monkeypatch.setattr(folder_module.os, "replace", replace)


@pytest.mark.parametrize(
    "failing", ["ke-hoach-2024-phu-luc-I.docx", REPORT], ids=["first-file", "midway"]
)
def test_full_disk_at_publish_writes_nothing(
    capsys, monkeypatch: pytest.MonkeyPatch, built: tuple[Path, Path], failing: str
) -> None:
    data, out = built
    before = state(data, out)
    full_disk_at(monkeypatch, failing)
    capsys.readouterr()
    assert build(data, out, LATER_DAY) == 1
    captured = capsys.readouterr()
    # Files renamed into place before the failure are put back; the numbers taken back.
    assert state(data, out) == before
    assert re.search(
        f"^Không ghi được tệp: ổ đĩa chứa thư mục {re.escape(str(out))} đã đầy: "
        r"cần thêm khoảng \d+,\d [KM]B; hãy dọn bớt rồi chạy lại\.$",
        captured.err,
        re.MULTILINE,
    )
    assert "Không ghi văn bản nào. Các tệp cũ giữ nguyên." in captured.err
    assert "Sổ theo dõi phiếu giữ nguyên: không số phiếu nào được cấp." in captured.err
    assert_nothing_said_written(captured.out + captured.err)
    monkeypatch.undo()
    capsys.readouterr()
    assert build(data, out, LATER_DAY) == 0
    assert "cấp mới 4 phiếu, số 13/PXL đến 16/PXL năm 2024." in capsys.readouterr().out


def test_a_failure_that_cannot_be_undone_names_each_file(
    capsys, monkeypatch: pytest.MonkeyPatch, built: tuple[Path, Path]
) -> None:
    """Where the file system has no hard links, a replaced file cannot be put back: the
    message then says which files were written and which were not."""
    data, out = built
    full_disk_at(monkeypatch, REPORT)

    def no_link(source: object, target: object) -> None:
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(folder_module.os, "link", no_link)
    capsys.readouterr()
    assert build(data, out, LATER_DAY) == 1
    err = capsys.readouterr().err
    for numeral in ("I", "II", "III"):
        assert f"Đã ghi: {out / f'ke-hoach-2024-phu-luc-{numeral}.docx'}" in err
    assert f"Chưa ghi: {out / REPORT}" in err
    assert f"Chưa ghi: {out / 'so-theo-doi-phieu-xin-loi.xlsx'}" in err
    assert "Không ghi văn bản nào" not in err
    assert len(register_rows(data)) == 12  # the numbers taken back all the same


def test_temporary_files_of_a_killed_run_are_cleaned(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    data, out = built
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stale = out / f".{REPORT}.{ended.stdout.strip()}-abc123xy.tmp"
    stale.write_bytes(b"half a report")
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as living:
        alive = out / f".{REPORT}.{living.pid}-abc123xy.tmp"
        alive.write_bytes(b"another run's report")
        try:
            assert build(data, out, LATER_DAY) == 0
        finally:
            living.kill()
    assert not stale.exists()
    assert alive.read_bytes() == b"another run's report"  # a run still going keeps its own
    alive.unlink()
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [
        folder_module.MANIFEST
    ]


def test_two_runs_publishing_into_one_folder_keep_each_others_records(tmp_path: Path) -> None:
    """The desk and the command line may publish into the same folder at once: the later
    run keeps what the earlier one recorded, so neither file is later taken for an edited
    one and refused."""
    from kehoach_docs.outputs.folder import OutputFolder, Publication

    out = tmp_path / "output"
    first, second = OutputFolder(out), OutputFolder(out)  # both started before either ends
    with Publication() as publication:
        publication.add(first, "a.docx", b"first")
        publication.publish()
    with Publication() as publication:
        publication.add(second, "b.docx", b"second")
        publication.publish()
    again = OutputFolder(out)
    assert again.refusals(["a.docx", "b.docx"]) == []


def letters(data: Path, out: Path, *extra: str) -> int:
    return run_letters(data, out, *extra, as_of=LATER_DAY)


def test_a_full_disk_at_publish_names_the_folder_and_the_room_needed(
    capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The 16 numbers are committed, then putting the files in place finds the disk full:
    the officer reads which folder's disk, and about how much room the run needs (every
    file it made); the numbers go back."""
    data, out = copy_data(tmp_path / "data"), tmp_path / "output"
    staged: list[int] = []

    def replace(source: str | Path, target: str | Path) -> None:
        # Every file of the run is still beside its place, as a temporary file (the record
        # of the files being put in place is the first to go in: not a file of the run).
        made = [p for p in out.rglob(".*.tmp") if not p.name.startswith(f".{PENDING}.")]
        staged.append(sum(path.stat().st_size for path in made))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(source), None, str(target))

    monkeypatch.setattr(folder_module.os, "replace", replace)
    capsys.readouterr()
    assert letters(data, out) == 1
    assert 1024 <= staged[0] < 1024**2
    room = f"{staged[0] / 1024:.1f} KB".replace(".", ",")
    assert capsys.readouterr().err.splitlines() == [
        f"Không ghi được tệp: ổ đĩa chứa thư mục {out} đã đầy: cần thêm khoảng {room}; hãy dọn "
        "bớt rồi chạy lại.",
        "Không ghi văn bản nào. Các tệp cũ giữ nguyên.",
        "Sổ theo dõi phiếu giữ nguyên: không số phiếu nào được cấp.",
    ]
    assert register_rows(data) == []
    assert files(out) == {}
    monkeypatch.undo()
    assert letters(data, out) == 0
    assert "cấp mới 16 phiếu, số 01/PXL đến 16/PXL năm 2024." in capsys.readouterr().out


@pytest.mark.parametrize("failing", ["batch", "per-letter"])
def test_a_disk_full_while_writing_names_the_folder(
    capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, failing: str
) -> None:
    """A write that finds the disk full names no file: the message names the folder being
    written all the same, and no number is kept."""
    from kehoach_docs.commands import letters as letters_module

    data, out = copy_data(tmp_path / "data"), tmp_path / "output"
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # as a write raises it: no file
    if failing == "batch":
        folder = out

        def write_docx(*_args: object, **_kwargs: object) -> None:
            raise full

        monkeypatch.setattr(letters_module, "write_docx", write_docx)
    else:
        folder = out / "phieu-xin-loi-2024-so-001-016"
        real = letters_module.write_docx

        def write_one(template: object, context: object, handle: BinaryIO, *args, **kwargs):
            if Path(handle.name).parent == folder:  # a letter's own file
                raise full
            return real(template, context, handle, *args, **kwargs)

        monkeypatch.setattr(letters_module, "write_docx", write_one)
    capsys.readouterr()
    assert letters(data, out, "--per-letter") == 1
    assert capsys.readouterr().err.splitlines() == [
        f"Không đọc hoặc ghi được tệp: ổ đĩa chứa thư mục {folder} đã đầy; hãy dọn bớt rồi chạy "
        "lại.",
        "Không ghi văn bản nào.",
    ]
    assert register_rows(data) == []
    assert files(out) == {}


@pytest.mark.parametrize("damage", ["[]", '{"so-theo-doi-phieu-xin-loi.xlsx": 5}', "{"])
def test_a_damaged_manifest_knows_no_file(capsys, built: tuple[Path, Path], damage: str) -> None:
    """The record of what the tool wrote (.kehoach-da-ghi.json) damaged: every file there
    counts as edited, so a run refuses to replace it; with --force it is replaced, and the
    record written anew."""
    data, out = built
    manifest = out / folder_module.MANIFEST
    manifest.write_text(damage, encoding="utf-8")
    before = state(data, out)
    capsys.readouterr()
    assert letters(data, out) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{out / 'so-theo-doi-phieu-xin-loi.xlsx'}: tệp đã có và đã được sửa sau lần ghi trước "
        "(có thể đã ký hoặc chỉnh trong Word); không ghi đè. Đổi tên tệp đó, hoặc chạy lại với "
        "--force để ghi đè.",
        "Không ghi văn bản nào.",
    ]
    assert state(data, out) == before
    assert letters(data, out, "--force") == 0
    said = capsys.readouterr()
    assert "cấp mới 4 phiếu, số 13/PXL đến 16/PXL năm 2024." in said.out
    assert "lỗi không lường trước" not in said.err
    assert [number for _, number, *_ in register_rows(data)] == list(range(1, 17))
    # Recorded again: the next run replaces its own files without --force.
    assert letters(data, out) == 0
    assert "không có phiếu mới" in capsys.readouterr().out
