"""The hostile corpus (hostile_corpus.py), each case run as `kehoach` in its own process
with a memory ceiling: it must end in a Vietnamese message naming the file (exit 1 or 2),
or succeed saying what it did, with no traceback, nothing partial written, the register
unchanged, under 500 MB and 10 s."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pkgutil
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from pathlib import Path

import hostile_child
import pytest
from conftest import copy_data, run_cli
from exports import write_xlsx
from hostile_corpus import AS_OF, CASES, Case, Run, late_rows

import kehoach_docs

PEAK_MB = 500
# What a run imports only when it needs it (the calendar's country modules, the tracker's
# reader, the exports' reader, Jinja's compiler).
LIBRARIES = ("holidays.countries", "openpyxl", "python_calamine", "jinja2.compiler")
SECONDS = 10
_VIETNAMESE = re.compile(
    "[ăâđêôơưạảãáàặẳẵắằậẩẫấầẹẻẽéèệểễếềịỉĩíìọỏõóòộổỗốồợởỡớờụủũúùựửữứừỵỷỹýỳ]", re.IGNORECASE
)
# Words of Python's, the system's or click's English that must never reach the officer.
_ENGLISH = re.compile(
    r"Traceback|Error\b|Errno|No such|Permission denied|Is a directory|Not a directory|"
    r"not a zip|File is|does not exist|is not|unexpected|Invalid|invalid|expected|"
    r"Bad CRC|object|NoneType|Usage:|Options:"
)


@dataclass
class Result:
    code: int
    output: str
    seconds: float  # of processor time: what the case costs, however busy the machine is
    wall: float
    peak_mb: float
    before: dict[str, str]
    after: dict[str, str]
    root: Path


def _content(path: Path) -> str:
    """A file's content; for the register, its letters (SQLite rewrites pages of a batch
    taken back, though no letter changed)."""
    if path.suffix == ".sqlite3":
        try:
            with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as db:
                rows = db.execute("SELECT * FROM letters ORDER BY year, number").fetchall()
            db.close()
            return hashlib.sha256(repr(rows).encode()).hexdigest()
        except sqlite3.Error:
            pass
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _snapshot(root: Path) -> dict[str, str]:
    """Every file of the workspace and the output folder, by content."""
    files = {}
    for top in ("data", "out"):
        for path in sorted((root / top).rglob("*")) if (root / top).is_dir() else []:
            if path.is_file() and not path.is_symlink() and path.name != ".filler":
                files[str(path.relative_to(root))] = _content(path)
    return files


def _run(case: Case, root: Path, base: Path, forks: BaseContext) -> Result:
    shutil.copytree(base, root, symlinks=True)
    run = Run(root)
    try:
        try:
            argv = case.build(run)
        except Exception as exc:  # a broken case fails alone, not the whole corpus
            return Result(-1, f"case not built: {exc!r}", 0, 0, 0, {}, {}, root)
        before = _snapshot(root)
        for step in run.just_before:
            step()
        peak = root.parent / f"{root.name}.peak"
        output = root.parent / f"{root.name}.output"
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
        start = time.monotonic()
        process = forks.Process(
            target=hostile_child.run,
            args=(argv, str(root), env, str(output), str(peak), run.file_size_limit or 0),
        )
        process.start()
        process.join(60)
        if process.is_alive():
            process.kill()
            process.join()
            raise AssertionError(f"{' '.join(argv)}: not ended after 60 s")
        wall = time.monotonic() - start
        kilobytes, cpu = peak.read_text().split() if peak.exists() else ("inf", "inf")
        peak_mb, seconds = float(kilobytes) / 1024, float(cpu)
    finally:
        for cleanup in run.cleanups:
            cleanup()
    return Result(
        process.exitcode,
        output.read_text(encoding="utf-8", errors="backslashreplace"),
        seconds,
        wall,
        peak_mb,
        before,
        _snapshot(root),
        root,
    )


@pytest.fixture(scope="session")
def forks() -> BaseContext:
    """Where each case's process comes from: forked from a server that imported the program
    once, every module of it and the libraries it imports as it goes (hostile_child.py).
    Named from the installed package: the server does not get the tests' sys.path (Python
    3.11 drops it), so it could not import hostile_child itself and each case paid for
    importing the program again."""
    context = multiprocessing.get_context("forkserver")
    modules = [
        module.name
        for module in pkgutil.walk_packages(kehoach_docs.__path__, "kehoach_docs.")
        if not module.name.endswith("__main__")
    ]
    context.set_forkserver_preload([*modules, *LIBRARIES])
    return context


@pytest.fixture(scope="session")
def hostile_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workspace each case breaks a copy of: a register that already holds letters, and
    the output folder of that run. Made once per test process, then only read."""
    base = tmp_path_factory.mktemp("hostile-base")
    copy_data(base / "data")
    first = write_xlsx(tmp_path_factory.mktemp("first") / "xuat.xlsx", late_rows(3, "HS-GOC"))
    argv = ["letters", str(first), "--data", str(base / "data"), "--out", str(base / "out")]
    assert run_cli(*argv, "--as-of", AS_OF) == 0
    return base


def test_corpus_size_by_group() -> None:
    groups: dict[str, int] = {}
    for case in CASES:
        groups[case.group] = groups.get(case.group, 0) + 1
    assert len({f"{case.group}/{case.name}" for case in CASES}) == len(CASES)
    assert len(CASES) >= 100, groups
    assert set(groups) == {"yaml", "exports", "templates", "tracker", "register", "filesystem"}


def test_each_case_is_forked_from_a_server_that_imported_the_program(
    forks: BaseContext, tmp_path: Path
) -> None:
    """Else every case pays again for the imports (0.3 s each, 2.6 times the corpus's time)."""
    names = ["kehoach_docs.commands.letters", "kehoach_docs.web.app", *LIBRARIES]
    process = forks.Process(target=hostile_child.imported, args=(names, str(tmp_path / "m")))
    process.start()
    process.join(60)
    assert (tmp_path / "m").read_text().split() == names


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.group}/{case.name}")
def test_hostile_case(hostile_base: Path, forks: BaseContext, tmp_path: Path, case: Case) -> None:
    result = _run(case, tmp_path / "case", hostile_base, forks)
    output = result.output
    assert result.code in case.codes, output
    assert "Traceback" not in output
    for text in case.says:
        assert text in output, output
    assert _VIETNAMESE.search(output), output
    assert not _ENGLISH.search(output), _ENGLISH.search(output)
    assert result.peak_mb < PEAK_MB, result.peak_mb
    assert result.seconds < SECONDS, result.seconds
    assert result.wall < 6 * SECONDS, result.wall  # a case that waits (a lock) waits briefly
    if result.code != 0:
        assert result.after == result.before, "written or changed despite the failure"
    else:
        assert not [name for name in result.after if name.endswith(".tmp")]
        if case.check is not None:
            case.check(result.root)
