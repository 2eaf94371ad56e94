"""A number goes on paper once: runs killed halfway, or run twice at the same time, never
leave a duplicate, a gap, or a printed number the register does not know."""

from __future__ import annotations

import contextlib
import os
import random
import re
import select
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import copy_data
from docxread import soffice
from synthetic import write_export

from kehoach_docs.workspace import REGISTER_FILE

COUNT = 3000
SMALL = 300  # where the steps of a run matter, not its size: each still lasts long enough to see
AS_OF = "2025-03-03"  # after every due date of the 2024 export


@pytest.fixture(scope="module")
def big_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "ho-so.xlsx"
    # Every dossier still open: each is owed a letter on AS_OF.
    write_export(path, COUNT, late_share=0.0, open_share=1.0, seed=7)
    return path


def command(export: Path, data: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "kehoach_docs.cli",
        "letters",
        str(export),
        "--data",
        str(data),
        "--out",
        str(out),
        "--as-of",
        AS_OF,
        *extra,
    ]


def register_rows(data: Path) -> list[tuple[int, str, str]]:
    path = data / REGISTER_FILE
    if not path.exists():
        return []
    with sqlite3.connect(path) as db:
        # A run killed between SQLite making the file and the table leaves no letter.
        tables = db.execute("SELECT name FROM sqlite_master WHERE name = 'letters'").fetchall()
        if not tables:
            return []
        return db.execute(
            "SELECT number, dossier_code, output_file FROM letters ORDER BY number"
        ).fetchall()


def printed_numbers(path: Path) -> list[int]:
    with zipfile.ZipFile(path) as zf:  # a published file is always a whole document
        xml = zf.read("word/document.xml").decode()
    return [int(n) for n in re.findall(r"Số: (\d+)/PXL", xml)]


def check(data: Path, out: Path) -> list[tuple[int, str, str]]:
    rows = register_rows(data)
    numbers = [number for number, _, _ in rows]
    assert numbers == list(range(1, len(rows) + 1))  # no gap, no duplicate
    assert len({code for _, code, _ in rows}) == len(rows)  # one letter per dossier
    known = {number: name for number, _, name in rows}
    for document in out.glob("phieu-xin-loi-*.docx"):
        for number in printed_numbers(document):
            assert known[number] == document.name  # printed only under its registered file
    return rows


@pytest.fixture(scope="module")
def small_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough letters that each step of a run lasts long enough to be seen from outside."""
    path = tmp_path_factory.mktemp("export-300") / "ho-so.xlsx"
    write_export(path, SMALL, late_share=0.0, open_share=1.0, seed=7)
    return path


def steps(data: Path, out: Path) -> tuple[Callable[[], bool], ...]:
    """What a run shows on disk at its steps: the register's transaction open (SQLite's
    journal), the batch document being written (staged), the numbers committed with the
    document not yet in place."""
    journal = data / f"{REGISTER_FILE}-journal"

    def staged() -> bool:
        return any(out.glob(".phieu-xin-loi-*.docx.*.tmp"))

    def committed() -> bool:
        return staged() and not journal.exists()

    return journal.exists, staged, committed


def test_runs_killed_halfway(small_export: Path, tmp_path: Path) -> None:
    """Killed outright (nothing of the run's own clean-up runs) at each step a run shows on
    disk: the register's transaction open, the batch document being written, the numbers
    committed with the document not yet in place, the document in place but not yet marked
    printed. Each time, no gap, no duplicate, no printed number the register does not
    know; then a whole run letters every dossier."""
    data = copy_data(tmp_path / "data")
    out = tmp_path / "out"
    transaction, staged, committed = steps(data, out)

    def documents() -> set[str]:
        return {path.name for path in out.glob("phieu-xin-loi-*.docx")}

    def placed() -> Callable[[], bool]:
        before = documents()
        return lambda: bool(documents() - before)

    moments = [  # (what the kill waits for, made as the run starts; whether it is sure to come)
        (lambda: transaction, True),
        (lambda: staged, True),
        # From the commit to the files put in place, and from there to their mark in the
        # register: too short for a poll to be sure to see on a loaded machine; a kill that
        # misses one falls just after it.
        (lambda: committed, False),
        (placed, False),
    ]
    for make, sure in moments:
        moment = make()
        process = subprocess.Popen(
            command(small_export, data, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        reached = wait_for(moment, process, every=0.002)
        process.kill()
        process.wait()
        assert reached or not sure
        check(data, out)
    finished = subprocess.run(
        command(small_export, data, out), capture_output=True, text=True, check=False
    )
    assert finished.returncode == 0, finished.stderr
    rows = check(data, out)
    assert len(rows) == SMALL
    # Letters whose file a kill prevented are printed again, under their own numbers.
    again = subprocess.run(
        command(small_export, data, out, "--reissue"), capture_output=True, text=True, check=False
    )
    assert again.returncode == 0, again.stderr
    reprint = next(out.glob("*-in-lai.docx"))
    assert printed_numbers(reprint) == list(range(1, SMALL + 1))


def running(pid: int) -> bool:
    """Alive and not a zombie (a sandbox's first process may never reap orphans)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


CONVERTERS = ("soffice", "soffice.bin", "oosplash")  # oosplash: the launcher soffice runs


def converters_of(session: int) -> list[str]:
    """The LibreOffice processes alive (zombies aside) in a session: the run's own."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):  # ended while read
            text = stat.read_text()
            name = text[text.index("(") + 1 : text.rindex(")")]
            state, _parent, _group, owner = text[text.rindex(")") + 2 :].split()[:4]
            if name in CONVERTERS and state != "Z" and int(owner) == session:
                found.append(f"{stat.parent.name} {name}")
    return found


def wait_for(
    reached: Callable[[], bool], process: subprocess.Popen[str], every: float = 0.05
) -> bool:
    """Until `reached` (polled): True, or False if the run ended first."""
    while not reached():
        if process.poll() is not None:
            return False
        time.sleep(every)
    return True


@contextlib.contextmanager
def ctrl_c_reaches_children() -> Iterator[None]:
    """A child gets the default Ctrl-C (Python turns it into KeyboardInterrupt) even when
    this process was started with it ignored, as by a shell's background job."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


def test_stopped_anywhere_in_letters_with_pdf_leaves_no_libreoffice(
    small_export: Path, tmp_path: Path
) -> None:
    """Ctrl-C and a closed window (SIGINT, SIGTERM) at seeded-random moments of a 300
    letter --per-letter --pdf run: while rendering, while LibreOffice converts, while the
    files are put in place. Each time: no traceback, every number in the register printed
    under its file or given back, no temporary file, no LibreOffice left running."""
    soffice(writer=True)
    data, out = copy_data(tmp_path / "data"), tmp_path / "out"
    temporary = tmp_path / "tmp"  # the PDF's parts and LibreOffice's temporary files
    temporary.mkdir()
    environment = {**os.environ, "TMPDIR": str(temporary)}
    draw = random.Random(16)

    def converting(process: subprocess.Popen[str]) -> Callable[[], bool]:
        return lambda: bool(converters_of(process.pid))

    def joined(process: subprocess.Popen[str]) -> Callable[[], bool]:
        # The PDF's temporary file is empty until every part is converted and joined.
        return lambda: any(p.stat().st_size for p in out.glob(".*.pdf.*.tmp"))

    def rendering(_process: subprocess.Popen[str]) -> Callable[[], bool]:
        return steps(data, out)[1]

    moments = [  # (signal, the phase it waits for, then a random delay in it)
        (signal.SIGINT, rendering, draw.uniform(0.0, 1.0)),
        (signal.SIGTERM, converting, draw.uniform(0.0, 2.0)),
        (signal.SIGINT, joined, draw.uniform(0.0, 0.5)),
    ]
    for sent, phase, delay in moments:
        with ctrl_c_reaches_children():
            process = subprocess.Popen(
                command(small_export, data, out, "--per-letter", "--pdf"),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env=environment,
                start_new_session=True,
            )
        try:
            if wait_for(phase(process), process):
                time.sleep(delay)
                process.send_signal(sent)
            _, err = process.communicate(timeout=120)
        finally:
            if process.poll() is None:  # the test failed: nothing of the run left running
                for converter in converters_of(process.pid):
                    os.kill(int(converter.split()[0]), signal.SIGKILL)
                process.kill()
                process.wait()
        assert "Traceback" not in err, err
        # -signal: it came after the run's work was done and its handlers put back (a loaded
        # machine can be that late); the register and files are checked below either way.
        if process.returncode not in (0, -sent):
            assert "Đã dừng." in err.splitlines(), (process.returncode, err)
        rows = check(data, out)
        # Each number in the register is printed (the run ended before the signal), or the
        # run gave its numbers back.
        printed = sorted(
            n for doc in out.glob("phieu-xin-loi-*.docx") for n in printed_numbers(doc)
        )
        assert printed == [number for number, _, _ in rows]
        assert not out.exists() or not list(out.rglob(".*.tmp"))
        assert list(temporary.iterdir()) == []
        assert converters_of(process.pid) == []


def test_a_big_batch_forks_nothing(big_export: Path, tmp_path: Path, monkeypatch) -> None:
    """The register's workbook of a big batch is written beside the letters in this very
    process: a child forked while the register's transaction is open would see a damaged
    database, and the desk (threads) must never fork."""
    from conftest import run_cli
    from openpyxl import load_workbook

    def refused(*_args: object) -> int:
        raise AssertionError("a process was forked")

    monkeypatch.setattr(os, "fork", refused)
    data = copy_data(tmp_path / "data")
    out = tmp_path / "out"
    assert (
        run_cli(
            "letters", str(big_export), "--data", str(data), "--out", str(out), "--as-of", AS_OF
        )
        == 0
    )
    assert len(check(data, out)) == COUNT
    sheet = load_workbook(out / "so-theo-doi-phieu-xin-loi.xlsx", read_only=True).worksheets[0]
    numbers = [row[0] for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int)]
    assert numbers == list(range(1, COUNT + 1))


def test_two_runs_at_once(big_export: Path, tmp_path: Path) -> None:
    """The second waits for the first (which holds the workspace), then finds every dossier
    lettered; had the first taken longer than the wait, the second would say who holds the
    workspace and take nothing."""
    data = copy_data(tmp_path / "data")
    outs = [tmp_path / "out-a", tmp_path / "out-b"]
    processes = [
        subprocess.Popen(
            command(big_export, data, out),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for out in outs
    ]
    for process, out in zip(processes, outs, strict=True):
        _, err = process.communicate(timeout=300)
        if process.returncode == 1:
            assert f"Thư mục dữ liệu {data.resolve()} đang được «kehoach letters»" in err
            assert not out.exists()
        else:
            assert process.returncode == 0, err
    assert 0 in [process.returncode for process in processes]
    rows = register_rows(data)
    assert [n for n, _, _ in rows] == list(range(1, COUNT + 1))
    printed = sorted(
        n for out in outs for doc in out.glob("phieu-xin-loi-*.docx") for n in printed_numbers(doc)
    )
    assert printed == list(range(1, COUNT + 1))  # every letter printed once, by one of them


def test_a_refusal_at_publishing_gives_the_numbers_back(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """Numbers are committed just before the files are put in place; a refusal found then
    (a file changed in between) takes them back and says so, with nothing written."""
    from conftest import run_cli

    from kehoach_docs.outputs.folder import OutputRefused, Publication, Refusal

    out = tmp_path / "out"

    def refused(self: Publication) -> list[Path]:
        raise OutputRefused([Refusal(out / "so-theo-doi-phieu-xin-loi.xlsx")])

    monkeypatch.setattr(Publication, "publish", refused)
    data = copy_data(tmp_path / "data")
    capsys.readouterr()
    assert run_cli("letters", "--data", str(data), "--out", str(out), "--as-of", "2024-12-31") == 1
    err = capsys.readouterr().err
    assert "so-theo-doi-phieu-xin-loi.xlsx: tệp đã có và đã được sửa" in err
    assert "Sổ theo dõi phiếu giữ nguyên: không số phiếu nào được cấp." in err
    assert register_rows(data) == []
    assert not out.exists() or not list(out.glob("*.docx"))


def test_a_closed_window_gives_its_numbers_back(small_export: Path, tmp_path: Path) -> None:
    """SIGTERM (the window closed) or SIGHUP (the terminal closed) stops a run as Ctrl-C
    does: whenever it comes (the register's transaction open, the batch being written, its
    numbers just committed), every number in the register has its letter printed, or the
    run took none; no traceback."""
    data = copy_data(tmp_path / "data")
    out = tmp_path / "out"
    transaction, staged, committed = steps(data, out)
    moments = ((transaction, signal.SIGTERM), (staged, signal.SIGHUP), (committed, signal.SIGTERM))
    for moment, closed in moments:
        process = subprocess.Popen(
            command(small_export, data, out, "--per-letter"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        if wait_for(moment, process, every=0.002):
            process.send_signal(closed)
        _, err = process.communicate(timeout=120)
        assert "Traceback" not in err
        rows = check(data, out)
        if rows:  # finished before the signal: every letter is in its document
            printed = sorted(
                n for doc in out.glob("phieu-xin-loi-*.docx") for n in printed_numbers(doc)
            )
            assert printed == [number for number, _, _ in rows]
        assert not out.exists() or not list(out.glob(".*.tmp"))


def stopped_letters(tmp_path: Path, capsys) -> tuple[Path, Path, list[str]]:
    """`kehoach letters` in this process on a copy of the example, stopped (exit 1): the
    workspace, the output folder and the lines it said on stderr."""
    from conftest import run_cli

    data = copy_data(tmp_path / "data")
    out = tmp_path / "out"
    capsys.readouterr()
    assert run_cli("letters", "--data", str(data), "--out", str(out), "--as-of", "2024-12-31") == 1
    return data, out, capsys.readouterr().err.splitlines()


def test_a_stop_right_after_the_commit_gives_the_numbers_back(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """A signal lands on any line: one just after the register's commit, before any file is
    in place, still takes the numbers back and says so."""
    from contextlib import contextmanager

    from kehoach_docs.outputs.register import Register

    committed = Register.batch

    @contextmanager
    def then_stopped(self: Register):
        with committed(self) as batch:
            yield batch
        raise KeyboardInterrupt

    monkeypatch.setattr(Register, "batch", then_stopped)
    data, out, said = stopped_letters(tmp_path, capsys)
    assert said == [
        "",
        "Đã dừng.",
        "Không ghi văn bản nào.",
        "Sổ theo dõi phiếu giữ nguyên: không số phiếu nào được cấp.",
    ]
    assert register_rows(data) == []
    assert not out.exists() or not [p for p in out.rglob("*") if p.is_file()]


def test_a_stop_the_moment_a_temporary_file_appears_leaves_none(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """A signal lands on any line: one right after the batch document's temporary file is
    made, before the run has noted it anywhere, still finds it removed and the numbers given
    back (seen once in twenty runs of the closed-window test above, on a loaded machine)."""

    made = os.open

    def then_stopped(path: str, flags: int, *mode: int) -> int:
        handle = made(path, flags, *mode)
        name = os.path.basename(path)
        if name.startswith(".phieu-xin-loi-") and name.endswith(".tmp"):
            os.close(handle)
            raise KeyboardInterrupt
        return handle

    monkeypatch.setattr(os, "open", then_stopped)
    data, out, said = stopped_letters(tmp_path, capsys)
    assert said[:3] == ["", "Đã dừng.", "Không ghi văn bản nào."]
    assert register_rows(data) == []
    assert not out.exists() or not [p for p in out.rglob("*") if p.is_file()]


def test_a_stop_the_moment_the_output_folder_appears_leaves_none(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """The same for the output folder the run makes (and the folders above it): a stop the
    moment it is made, before the run has noted it, still finds it removed."""
    made = os.mkdir

    def then_stopped(path: str, *mode: int) -> None:
        made(path, *mode)
        if os.path.basename(path) == "ra":
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "mkdir", then_stopped)
    from conftest import run_cli

    data = copy_data(tmp_path / "data")
    out = tmp_path / "van-ban" / "ra"
    capsys.readouterr()
    assert run_cli("letters", "--data", str(data), "--out", str(out), "--as-of", "2024-12-31") == 1
    assert capsys.readouterr().err.splitlines()[:3] == ["", "Đã dừng.", "Không ghi văn bản nào."]
    assert register_rows(data) == []
    assert not (tmp_path / "van-ban").exists()


def _stopped_while_freed(kind: str) -> None:
    """Ctrl-C landing while the collector frees an object: in its __del__, or in the finally
    of a generator left unfinished."""

    def ctrl_c() -> None:
        signal.raise_signal(signal.SIGINT)
        sum(range(1000))  # the handler runs in here, at the next instruction

    class Freed:
        def __del__(self) -> None:
            ctrl_c()

    def unfinished() -> Iterator[None]:
        try:
            yield
        finally:
            ctrl_c()

    if kind == "__del__":
        Freed()
    else:
        next(unfinished())


@pytest.mark.parametrize("kind", ["__del__", "generator"])
def test_a_stop_landing_in_a_finalizer_is_not_lost(kind: str, monkeypatch) -> None:
    """Python would print such a stop as an «ignored» traceback and carry on: it stops the
    run just after, waking the wait the run is in."""
    from kehoach_docs.commands.interrupts import stoppable

    ignored: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)
    started = time.monotonic()
    with ctrl_c_reaches_children(), stoppable(), pytest.raises(KeyboardInterrupt):
        _stopped_while_freed(kind)
        select.select([], [], [], 20)  # a wait, as on LibreOffice or a lock
    assert time.monotonic() - started < 10  # woken, not at the end of the wait
    assert ignored == []


def test_a_stop_lost_as_the_run_ends_is_not_asked_again(monkeypatch) -> None:
    """A stop lost in a finalizer just before the run's end: the run is over when it would be
    asked again; nothing is stopped or printed after it."""
    from kehoach_docs.commands.interrupts import AGAIN_AFTER, stoppable

    ignored: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)
    with ctrl_c_reaches_children():
        with stoppable():
            _stopped_while_freed("__del__")
        time.sleep(AGAIN_AFTER * 20)  # no KeyboardInterrupt here
    assert ignored == []


def test_a_stop_lost_is_not_asked_again_of_the_next_run_or_after_a_later_stop(
    monkeypatch,
) -> None:
    """Asked again only of the run it was lost in, and only while no later stop has come
    through: the next command in the same process (the desk, the tests) is not stopped, and
    a run's clean-up after a second stop (giving its numbers back) is not cut."""
    from kehoach_docs.commands import interrupts

    ignored: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)
    with ctrl_c_reaches_children():
        with interrupts.stoppable():
            _stopped_while_freed("__del__")
        with interrupts.stoppable():  # the next run, at once
            time.sleep(interrupts.AGAIN_AFTER * 20)
        with interrupts.stoppable():
            _stopped_while_freed("__del__")
            with pytest.raises(KeyboardInterrupt):  # the second Ctrl-C, which comes through
                interrupts.stop(signal.SIGINT, None)
            time.sleep(interrupts.AGAIN_AFTER * 20)  # the clean-up, not cut
    assert ignored == []


def test_a_stop_the_moment_a_scratch_folder_appears_leaves_none(
    tmp_path: Path, monkeypatch
) -> None:
    """The same for the folder a PDF is made in: made, then at once a stop; it is removed."""
    from kehoach_docs.outputs.folder import scratch_folder

    made = os.mkdir

    def then_stopped(path: str, *mode: int) -> None:
        made(path, *mode)
        if os.path.basename(path).startswith("kehoach-pdf-"):
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "mkdir", then_stopped)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)  # read TMPDIR again
    with pytest.raises(KeyboardInterrupt), scratch_folder("kehoach-pdf-"):
        pass
    assert list(tmp_path.iterdir()) == []


def test_a_stop_while_files_are_put_in_place_waits_for_them(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """Putting the files in place is never cut in two: a stop asked then lets the run end
    with every file written, its numbers kept and marked printed, and said as usual."""
    import signal

    from conftest import run_cli

    from kehoach_docs.commands import interrupts
    from kehoach_docs.outputs.folder import Publication

    put_in_place = Publication.publish

    def stopped_midway(self: Publication) -> list[Path]:
        interrupts.stop(signal.SIGTERM, None)  # what the handler does when the window closes
        return put_in_place(self)

    monkeypatch.setattr(Publication, "publish", stopped_midway)
    data = copy_data(tmp_path / "data")
    out = tmp_path / "out"
    capsys.readouterr()
    assert run_cli("letters", "--data", str(data), "--out", str(out), "--as-of", "2024-12-31") == 0
    assert f"Đã ghi: {out / 'phieu-xin-loi-2024-so-001-016.docx'}" in capsys.readouterr().out
    assert printed_numbers(out / "phieu-xin-loi-2024-so-001-016.docx") == list(range(1, 17))
    with sqlite3.connect(data / REGISTER_FILE) as db:
        assert db.execute("SELECT COUNT(*), SUM(printed) FROM letters").fetchone() == (16, 16)


def test_a_full_disk_under_the_register_is_said_as_such(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """The register's disk fills while the batch is numbered: SQLite undoes the transaction
    by itself, and the officer reads that the disk is full (not «lỗi sổ (mã SQLite 1)», the
    error of a second ROLLBACK), nothing written, no number taken."""
    from conftest import run_cli

    from kehoach_docs.outputs.register import Register
    from kehoach_docs.workspace import REGISTER_FILE

    data = copy_data(tmp_path / "data")
    Register(data / REGISTER_FILE).close()
    opened = Register.__init__

    def full(self: Register, *args: object, **kwargs: object) -> None:
        opened(self, *args, **kwargs)
        (pages,) = self.db.execute("PRAGMA page_count").fetchone()
        self.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk holds no more pages

    monkeypatch.setattr(Register, "__init__", full)
    out = tmp_path / "out"
    capsys.readouterr()
    assert run_cli("letters", "--data", str(data), "--out", str(out), "--as-of", "2024-12-31") == 1
    said = capsys.readouterr().err
    assert "ổ đĩa đã đầy, không ghi được sổ; hãy dọn bớt rồi chạy lại" in said
    assert "mã SQLite" not in said
    assert register_rows(data) == [] and not out.exists()


def test_letters_in_place_but_not_marked_printed_say_so_without_contradiction(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """The letters are in place, then the register cannot note them printed (its disk full):
    the run says the files were written, why the register could not note it, and that the
    next run checks them again; never also «Không ghi văn bản nào»."""
    import sqlite3

    from conftest import run_cli

    from kehoach_docs.outputs.register import Register, RegisterFault

    def full(self: Register, letters: object) -> None:
        raise RegisterFault(self.path, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(Register, "mark_printed", full)
    data = copy_data(tmp_path / "data")
    out = tmp_path / "out"
    capsys.readouterr()
    assert run_cli("letters", "--data", str(data), "--out", str(out), "--as-of", "2024-12-31") == 0
    said = capsys.readouterr()
    assert (
        "Đã ghi các tệp nhưng sổ chưa ghi nhận được là đã in: Sổ theo dõi phiếu "
        f"{data / 'so-theo-doi-phieu-xin-loi.sqlite3'}: ổ đĩa đã đầy, không ghi được sổ; hãy dọn "
        "bớt rồi chạy lại. Lần chạy sau sẽ tự kiểm tra lại các phiếu đó."
    ) in said.err
    assert "Không ghi văn bản nào" not in said.out + said.err
    assert (out / "phieu-xin-loi-2024-so-001-016.docx").is_file()
    assert [n for n, _, _ in register_rows(data)] == list(range(1, 17))
