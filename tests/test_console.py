"""A console that cannot print Vietnamese (a Windows redirect in cp1252) never changes what a
run does: the same files, the same numbers, exit 0; letters it cannot show become "?"."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import AS_OF, copy_data, run_cli


def _run(*args: str, encoding: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run(
        [sys.executable, "-m", "kehoach_docs.cli", *args], env=env, capture_output=True, timeout=300
    )


def _numbers(data: Path) -> list[tuple]:
    with sqlite3.connect(data / "so-theo-doi-phieu-xin-loi.sqlite3") as db:
        return db.execute("SELECT year, number, dossier_code FROM letters ORDER BY 1, 2").fetchall()


def test_build_and_validate_on_a_cp1252_console_do_what_utf8_does(tmp_path: Path) -> None:
    """The same build, once where Vietnamese prints (in this process) and once in a process
    whose console is cp1252: the same files, the same numbers, exit 0 for both commands."""
    runs = {}
    for encoding in ("utf-8", "cp1252"):
        data = copy_data(tmp_path / encoding / "data")
        out = tmp_path / encoding / "out"
        build = ("build", "--data", str(data), "--out", str(out), "--as-of", AS_OF)
        if encoding == "utf-8":
            assert run_cli(*build) == 0
        else:
            built = _run(*build, encoding=encoding)
            checked = _run("validate", "--data", str(data), encoding=encoding)
            assert (built.returncode, checked.returncode) == (0, 0), built.stderr[-500:]
            said = built.stdout.decode("cp1252")
            assert "?" in said and "ghi: " in said  # "Đã ghi: ..." with its Đ replaced
        runs[encoding] = (sorted(p.name for p in out.iterdir()), _numbers(data))
    assert runs["cp1252"] == runs["utf-8"]
    assert len(runs["utf-8"][1]) == 20
