from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import docxread
import pytest
from xdist.remote import Producer
from xdist.scheduler import LoadScopeScheduling

from kehoach_docs.cli import main

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "examples" / "hai-yen-2024"  # the shipped example, Hải Yến 2024
EXPORT = "ho-so-mot-cua/ho-so-mot-cua-2024.xlsx"  # the example's export, inside a workspace
SEED = ROOT.parent / "shared" / "seeds" / "ke-hoach-cchc-2024-hai-yen.txt"


def run_cli(*args: str) -> int:
    """Run `kehoach ARGS` in-process and return its exit code."""
    try:
        main(list(args))
    except SystemExit as done:
        return int(done.code or 0)
    return 0


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A private copy of the embedded data, free to break."""
    return copy_data(tmp_path / "data")


AS_OF = "2025-01-10"  # the reference date of every test that makes letters


def run_letters(
    data: Path, out: Path, *extra: str, export: Path | None = None, as_of: str | None = AS_OF
) -> int:
    """`kehoach letters [EXPORT] --data DATA --out OUT --as-of AS_OF EXTRA` in-process, its
    exit code (`export` None: the workspace's own; `as_of` None: the export's date)."""
    named = [str(export)] if export is not None else []
    day = ["--as-of", as_of] if as_of is not None else []
    return run_cli("letters", *named, "--data", str(data), "--out", str(out), *day, *extra)


def copy_data(target: Path) -> Path:
    """The example as a unit's own workspace: without its example mark (so its register is
    kept in it, as a real one's) and without a register a developer's runs may have left."""
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("*.sqlite3*", "VI-DU.md"))
    return target


@pytest.fixture(autouse=True, scope="session")
def _private_state(tmp_path_factory: pytest.TempPathFactory) -> None:
    # Runs on the example keep its register in the user's state folder: a private one here.
    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("state"))
    os.environ["LOCALAPPDATA"] = os.environ["XDG_STATE_HOME"]


@pytest.fixture(autouse=True, scope="session")
def _shared_browser_closed() -> Iterator[None]:
    yield
    if (pages := sys.modules.get("browser_pages")) is not None:  # only if a test started it
        pages.close()


@pytest.fixture(autouse=True, scope="session")
def _office_profile(tmp_path_factory: pytest.TempPathFactory) -> None:
    docxread.PROFILE = tmp_path_factory.mktemp("lo-profile")


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """Everything `kehoach build` makes from the embedded Hải Yến data, built once for the
    whole run and only read: under xdist, by the first worker to ask, in the folder every
    worker's temporary folder sits in, while the others wait on its lock (xdist's way of
    sharing a session fixture)."""
    if worker_id == "master":  # no xdist: this process alone
        return _built(tmp_path_factory.mktemp("seed-build"))
    import fcntl  # here: the rest of this file loads where there is none

    shared = tmp_path_factory.getbasetemp().parent / "seed-build"
    failed = shared.with_name("seed-build.failed")
    with open(f"{shared}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        # Built once: a build that failed is not tried again by each worker in turn.
        assert not failed.exists(), "the example's build failed in another worker"
        done = shared / "output"
        if done.is_dir():
            return done
        try:
            return _built(shared)
        except BaseException:
            failed.touch()
            raise


def _built(folder: Path) -> Path:
    """`kehoach build` of a copy of the example, into folder/output (renamed there when
    complete, so that a build cut short is never taken for a whole one)."""
    shutil.rmtree(folder, ignore_errors=True)
    data = copy_data(folder / "data")
    out = folder / "building"
    assert run_cli("build", "--data", str(data), "--out", str(out), "--as-of", AS_OF) == 0
    return out.rename(folder / "output")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def validate_said(data: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """What `kehoach validate` of the workspace says on stderr (its problems)."""
    capsys.readouterr()
    run_cli("validate", "--data", str(data))
    return capsys.readouterr().err


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: two workers a core. Many tests spend most of their time waiting on a
    process of their own (LibreOffice, Chromium, a `kehoach` run, a lock held for its whole
    wait): time that another worker's test uses (on 2 cores: 231 s against 298 s)."""
    return 2 * (os.cpu_count() or 1)


# Modules whose tests share what a module fixture makes once (the 20,000-letter register,
# the big exports, LibreOffice's copies of a workbook, the reports of every period whose
# tables are checked) or one Chromium and its driver: their
# tests go to one worker, together. xdist's own `--dist loadgroup` does this from the
# xdist_group mark, but under pytest 9.2 the mark is no longer seen by the scheduler
# (pytest-dev/pytest-xdist#1386) and the tests were spread over every worker, each making the
# fixtures again; this scheduler needs no mark.
ONE_WORKER = (
    "test_big_register.py",
    "test_register_safety.py",
    "test_sheets.py",
    "test_web_browser.py",
    "test_word_tables.py",
)

# Modules, or single tests, that take longest (a lock waited out, LibreOffice's profiles
# and pages), handed out first after the modules kept together (which the scheduler puts
# first, most tests first): the many short tests fill in after them, and none of the long
# ones is left to end the run alone.
LONGEST_FIRST = (
    "test_workspace_lock.py",
    "test_pdf_profiles.py",
    "test_console.py",
    "test_web.py::test_appendices_downloaded_as_pdf_too",
)


class _ModulesKeptTogether(LoadScopeScheduling):
    """xdist's load scheduling, each module of ONE_WORKER one unit of work, every other test
    a unit of its own."""

    def _split_scope(self, nodeid: str) -> str:
        module = nodeid.split("::", 1)[0]
        return module if Path(module).name in ONE_WORKER else nodeid


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Producer) -> LoadScopeScheduling:
    return _ModulesKeptTogether(config, log)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        test = f"{item.path.name}::{item.name}"
        return next(
            (i for i, first in enumerate(LONGEST_FIRST) if test.startswith(first)),
            len(LONGEST_FIRST),
        )

    items.sort(key=rank)  # stable: within a module, the file's order
