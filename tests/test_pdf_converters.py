"""LibreOffice never outlives a PDF conversion: when a part fails, takes too long or the run
is stopped, every converter still running is killed with the processes it started."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from kehoach_docs.outputs import pdf

# Stands for soffice: a launcher whose real work runs in a child (soffice.bin). Part 1 ends
# once part 2's child runs: a PDF, or an error when FIRST_FAILS is set. Part 2 would take
# 30 s. Its child's number appears whole (renamed into place): part 1 may fail, and part 2
# be killed, the moment it is there.
FAKE_SOFFICE = """#!/bin/sh
while [ $# -gt 1 ]; do [ "$1" = --outdir ] && out="$2"; shift; done
here=$(dirname "$1")
case "$1" in
  *phan-1.docx)
    while [ ! -f "$here/con" ]; do sleep 0.05; done
    if [ -n "$FIRST_FAILS" ]; then echo "không mở được tệp" >&2; exit 1; fi
    touch "$out/phan-1.pdf" ;;
  *) sleep 30 & echo $! > "$here/con.tmp"; mv "$here/con.tmp" "$here/con"; wait ;;
esac
"""


def alive(pid: int) -> bool:
    """Still running two seconds on, not a zombie (a container's first process may never
    reap orphans): a process just killed can take a moment to end on a loaded machine, one
    that was not killed sleeps on for 30 s."""
    deadline = time.monotonic() + 2
    while True:
        try:
            if "State:\tZ" in Path(f"/proc/{pid}/status").read_text():
                return False
        except FileNotFoundError:
            return False
        if time.monotonic() > deadline:
            return True
        time.sleep(0.02)


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc to see the converters' children")
    script = tmp_path / "soffice"
    script.write_text(FAKE_SOFFICE)
    script.chmod(0o755)
    monkeypatch.setattr(pdf, "soffice", lambda: str(script))
    monkeypatch.setattr(pdf, "workers", lambda: 2)  # both parts at once, even on one core
    return tmp_path  # the parts' folder, where the fake leaves its marks


def parts(folder: Path, count: int) -> list[Path]:
    made = []
    for index in range(1, count + 1):
        part = folder / f"phan-{index}.docx"
        part.write_bytes(b"")
        made.append(part)
    return made


def spawned(folder: Path) -> int:
    """The process part 2's converter started."""
    return int((folder / "con").read_text())


def test_a_failed_part_stops_the_other_converter(
    fake_soffice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIRST_FAILS", "1")
    with pytest.raises(pdf.PdfUnavailable) as failed:
        pdf.convert_parts(parts(fake_soffice, 2), fake_soffice / "x.pdf")
    assert str(failed.value) == (
        "LibreOffice không chuyển được phan-1.docx sang PDF: không mở được tệp"
    )
    assert not alive(spawned(fake_soffice))


def test_a_stopped_conversion_stops_its_converters(fake_soffice: Path) -> None:
    """Ctrl-C (or a closed window, which the command line turns into one) while a part is
    still converting: its converter and the process it started are ended before the stop
    goes on."""

    def stopped(_count: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        pdf.convert_parts(parts(fake_soffice, 2), fake_soffice / "x.pdf", stopped)
    assert not alive(spawned(fake_soffice))


def test_a_converter_past_its_time_is_stopped(
    fake_soffice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "TIMEOUT", 1)
    with pytest.raises(pdf.PdfUnavailable) as failed:
        pdf.convert_parts(parts(fake_soffice, 2)[1:], fake_soffice / "x.pdf")
    assert str(failed.value).startswith("LibreOffice không chuyển xong phan-2.docx sang PDF sau ")
    assert not alive(spawned(fake_soffice))


def test_a_stop_while_converting_in_this_thread_stops_the_converter(fake_soffice: Path) -> None:
    """The same when the conversion runs in the stopped thread itself (the appendices, all
    in one start): the stop lands while the converter is waited for."""
    import signal
    import threading

    def stop_once_started() -> None:
        while not (fake_soffice / "con").exists():
            time.sleep(0.01)
        signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)

    before = signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C as at a console
    try:
        threading.Thread(target=stop_once_started, daemon=True).start()
        with pytest.raises(KeyboardInterrupt):
            pdf.convert_each(parts(fake_soffice, 2)[1:], [fake_soffice / "x.pdf"])
    finally:
        signal.signal(signal.SIGINT, before)
    assert not alive(spawned(fake_soffice))


# Stands for soffice converting several documents in one start, one after another: each
# PDF (a blank page) once the test says `go-<name>`, or after 10 s, so that the test sees
# each appear and never waits for ever.
SEQUENTIAL_SOFFICE = """#!/bin/sh
while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) out="$2"; shift ;;
    *.docx) name=$(basename "$1" .docx); here=$(dirname "$1")
      i=0; while [ ! -f "$here/go-$name" ] && [ $i -lt 500 ]; do sleep 0.02; i=$((i+1)); done
      cp "$here/trang.pdf" "$out/$name.pdf" ;;
  esac
  shift
done
"""


def test_each_document_converted_is_told_as_it_appears(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The appendices go to PDF in one LibreOffice start: the progress moves as each PDF
    appears (1/3, 2/3, 3/3), not from 0/3 to 3/3 at the end."""
    script = tmp_path / "soffice"
    script.write_text(SEQUENTIAL_SOFFICE)
    script.chmod(0o755)
    monkeypatch.setattr(pdf, "soffice", lambda: str(script))
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(tmp_path / "trang.pdf")
    sources = parts(tmp_path, 3)
    told: list[tuple[int, int]] = []  # (count told, PDFs there by then)

    def done(count: int) -> None:
        told.append((count, len(list(tmp_path.glob("kehoach-pdf-*/phan-*.pdf")))))
        (tmp_path / f"go-phan-{len(told) + 1}").touch()  # the next document may be converted

    (tmp_path / "go-phan-1").touch()
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)  # read TMPDIR again
    targets = [tmp_path / f"phu-luc-{n}.pdf" for n in (1, 2, 3)]
    pdf.convert_each(sources, targets, done=done)
    assert told == [(1, 1), (1, 2), (1, 3)]
    assert all(len(PdfReader(target).pages) == 1 for target in targets)
