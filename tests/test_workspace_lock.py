"""One writer per workspace: a second run waits for the first, or says who holds the
workspace and that it wrote nothing; a lock left by a dead process is taken over; readers
never wait."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import copy_data, run_cli

from kehoach_docs.outputs.lock import WAIT_SECONDS
from kehoach_docs.workspace import LOCK_FILE, REGISTER_FILE

DAY = "2024-12-31"

# Another officer's run holding the workspace (started as «kehoach build»), until told to go.
HOLDER = """
import sys
from pathlib import Path
from kehoach_docs.outputs.lock import hold
sys.argv = ["kehoach", "build", "--data", "data"]
with hold(Path(sys.stdin.readline().strip()), "làm toàn bộ văn bản"):
    print("held", flush=True)
    sys.stdin.readline()
"""


def holder(data: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(f"{data / LOCK_FILE}\n")
    process.stdin.flush()
    assert process.stdout.readline() == "held\n"
    return process


def numbers(data: Path) -> list[int]:
    if not (data / REGISTER_FILE).exists():
        return []
    with sqlite3.connect(data / REGISTER_FILE) as db:
        return [n for (n,) in db.execute("SELECT number FROM letters ORDER BY number")]


def test_a_second_writer_is_told_who_holds_the_workspace(tmp_path: Path, capsys) -> None:
    data = copy_data(tmp_path / "data")
    out = tmp_path / "out"
    process = holder(data)
    try:
        capsys.readouterr()
        assert run_cli("letters", "--data", str(data), "--out", str(out), "--as-of", DAY) == 1
        err = capsys.readouterr().err.splitlines()
        assert err[0].startswith(
            f"Thư mục dữ liệu {data.resolve()} đang được «kehoach build» (làm toàn bộ văn bản) "
            f"trên máy {socket.gethostname()}, tiến trình {process.pid}, từ "
        )
        assert err[0].endswith(f"dùng để ghi; đã chờ {WAIT_SECONDS:.0f} giây.")
        assert err[1] == (
            "Không ghi văn bản nào, không cấp số phiếu nào. Chờ lượt kia xong rồi chạy lại."
        )
        assert numbers(data) == [] and not out.exists()
        # Readers never wait for the writer: a preview and validate answer at once.
        assert (
            run_cli("letters", "--data", str(data), "--out", str(out), "--as-of", DAY, "--preview")
            == 0
        )
        assert "sẽ cấp 16 phiếu, số 01/PXL đến 16/PXL năm 2024." in capsys.readouterr().out
        assert run_cli("validate", "--data", str(data)) == 0
    finally:
        assert process.stdin is not None
        process.stdin.write("\n")
        process.stdin.close()
        process.wait(timeout=30)
    # Once the other run is done, the same command goes through.
    assert run_cli("letters", "--data", str(data), "--out", str(out), "--as-of", DAY) == 0
    assert numbers(data) == list(range(1, 17))


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    data = copy_data(tmp_path / "data")
    process = holder(data)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    # Its text still names the dead holder; the system's lock went with it.
    assert "làm toàn bộ văn bản" in (data / LOCK_FILE).read_text()
    out = tmp_path / "out"
    assert run_cli("build", "--data", str(data), "--out", str(out), "--as-of", DAY) == 0
    assert numbers(data) == list(range(1, 17))
    assert (data / LOCK_FILE).read_text() == ""  # released: says nobody holds it


def test_a_command_inside_another_holds_the_lock_once(tmp_path: Path) -> None:
    """build runs the letters' work under its own hold: it never waits for itself."""
    from kehoach_docs.outputs.lock import hold

    path = tmp_path / LOCK_FILE
    with hold(path, "làm toàn bộ văn bản"), hold(path, "làm phiếu xin lỗi", wait=0):
        assert "làm toàn bộ văn bản" in path.read_text()
    assert path.read_text() == ""
