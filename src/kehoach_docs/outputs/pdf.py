"""PDF through LibreOffice headless: big documents in chunks on both cores, each converter
with its own profile (two LibreOffice processes cannot share one), then joined. A conversion
stopped or failed ends its converters, with every process they started.

Profiles are kept in the user's state folder, one per converter slot, so that LibreOffice's
first start (seconds: it builds the profile) is paid once, not on every PDF. A slot is held by
the system's file lock while a converter uses it; when every slot is busy (another run at
work) the converter gets a fresh profile of its own. A conversion that fails with a kept
profile is tried once more with that profile made again from scratch: a damaged profile must
never stop PDFs for good."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from kehoach_docs.domain.limits import NotAFile
from kehoach_docs.outputs.folder import scratch_folder
from kehoach_docs.outputs.lock import WorkspaceBusy, hold

INSTALL_HINT = (
    "Không tìm thấy LibreOffice (lệnh soffice) để chuyển sang PDF. Hãy cài LibreOffice: "
    "trên Debian/Ubuntu «sudo apt-get install -y libreoffice-writer», trên Windows tải "
    "tại libreoffice.org; rồi chạy lại lệnh. Tệp .docx vẫn đã được ghi."
)

# The folder of kept profiles, in the user's state folder (which the caller knows).
PROFILES = "libreoffice"

T = TypeVar("T")
TIMEOUT = 3600  # seconds for one LibreOffice start: far more than the biggest batch takes
WAIT_STEP = 0.5  # seconds: how soon a stop reaches a converter being waited for


class PdfUnavailable(Exception):
    pass


def _windows_installs() -> list[Path]:
    """Where LibreOffice's installer puts soffice.exe on Windows, which it does not add to
    PATH: under Program Files (64- and 32-bit)."""
    names = ("PROGRAMFILES", "PROGRAMFILES(X86)", "PROGRAMW6432")
    roots = sorted({root for name in names if (root := os.environ.get(name))})
    return [Path(root) / "LibreOffice" / "program" / "soffice.exe" for root in roots]


def soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in _windows_installs():
        if candidate.is_file():
            return str(candidate)
    raise PdfUnavailable(INSTALL_HINT)


def workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def _own_group() -> dict[str, Any]:
    """Popen's arguments that start a converter in a process group of its own (in this
    process's session, so that it is still seen as this run's): a Ctrl-C at the console
    reaches this process alone, which stops its converters itself."""
    # sys.platform and an else, which type checkers read: each branch is checked on its
    # own platform only.
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    else:
        return {"process_group": 0}


def _kill(process: subprocess.Popen[str]) -> None:
    """The converter and every process it started: soffice is a launcher that starts
    soffice.bin, which a kill of the launcher alone would leave running."""
    if sys.platform == "win32":
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False
        )
    else:
        with contextlib.suppress(ProcessLookupError):  # the whole group has ended already
            os.killpg(process.pid, signal.SIGKILL)


def _waited(process: subprocess.Popen[str], seconds: float) -> tuple[str, str] | None:
    """What the converter printed (stdout, stderr) once it has ended; None while it runs."""
    try:
        return process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        return None


class _Converters:
    """The LibreOffice processes of one conversion, to be stopped together when it ends
    early (interrupted, or another part failed)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._live: set[subprocess.Popen[str]] = set()
        self._stopped = False

    def run(
        self,
        args: list[str],
        what: str,
        workdir: Path,
        waiting: Callable[[], None] | None = None,
    ) -> tuple[int, str]:
        """The converter's exit code and what it printed (`what`: the documents it converts,
        as messages name them). Its own temporary files go in `workdir` too: a converter
        killed leaves them behind, to be removed with it. `waiting` is called between the
        steps of the wait."""
        environment = {**os.environ, **dict.fromkeys(("TMPDIR", "TMP", "TEMP"), str(workdir))}
        with self._lock:
            if self._stopped:  # a part still queued when the conversion was stopped
                raise PdfUnavailable(f"Đã dừng chuyển {what} sang PDF.")
            # No console input: a process group in the background would be stopped reading it.
            process = subprocess.Popen(
                args,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=environment,
                **_own_group(),
            )
            self._live.add(process)
        deadline = time.monotonic() + TIMEOUT
        try:
            # Waited for in short steps: on Windows, a longer wait cannot be cut by Ctrl-C
            # before Python 3.14, so the converter would finish its work first.
            while (done := _waited(process, min(WAIT_STEP, TIMEOUT))) is None:
                if time.monotonic() >= deadline:
                    _kill(process)
                    process.communicate()
                    break
                if waiting:
                    waiting()
        except BaseException:  # stopped (Ctrl-C, a closed window) in this very thread
            _kill(process)
            process.wait()
            raise
        finally:
            with self._lock:
                self._live.discard(process)
        if done is None:
            raise PdfUnavailable(
                f"LibreOffice không chuyển xong {what} sang PDF sau {TIMEOUT // 60} phút."
            )
        out, err = done
        return process.returncode, err or out

    def stop(self) -> None:
        """Every converter still running killed, and waited for."""
        with self._lock:
            self._stopped = True
            live = list(self._live)
        for process in live:
            _kill(process)
        for process in live:
            process.wait()


@contextlib.contextmanager
def _profile(profiles: Path | None, workdir: Path, name: str) -> Iterator[tuple[Path, bool]]:
    """A profile for one converter, and whether it is a kept one: the first free slot of
    `profiles`, held for the block; else a fresh one in `workdir`, removed with it."""
    if profiles is not None:
        with contextlib.suppress(OSError):
            profiles.mkdir(parents=True, exist_ok=True)
        for slot in range(workers()):
            held = contextlib.ExitStack()
            try:
                held.enter_context(hold(profiles / f"slot-{slot}.lock", "chuyển sang PDF", wait=0))
            except (WorkspaceBusy, OSError, NotAFile):
                continue  # in use by another converter, or not lockable here
            with held:
                yield profiles / f"slot-{slot}", True
            return
    yield workdir / f"profile-{name}", False


def _convert(
    converters: _Converters,
    binary: str,
    sources: Sequence[Path],
    workdir: Path,
    profiles: Path | None,
    done: Callable[[int], None] | None = None,
) -> list[Path]:
    """The .docx sources (of distinct names) converted by one LibreOffice start; their PDFs
    in workdir, in order. `done` is told of each as its PDF appears."""
    targets = [workdir / (source.stem + ".pdf") for source in sources]
    what = ", ".join(source.name for source in sources)
    told = 0

    def tell(ready: int) -> None:
        nonlocal told
        if done is not None and ready > told:
            done(ready - told)
            told = ready

    def appeared() -> None:
        # LibreOffice writes each document's PDF as it finishes it, one after another.
        tell(sum(target.exists() for target in targets))

    with _profile(profiles, workdir, sources[0].stem) as (profile, kept):
        args = [
            binary,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            *map(str, sources),
        ]

        def converted(code: int) -> bool:
            return code == 0 and all(target.exists() for target in targets)

        waiting = appeared if done is not None else None
        try:
            code, printed = converters.run(args, what, workdir, waiting)
            if kept and not converted(code):
                shutil.rmtree(profile, ignore_errors=True)
                for target in targets:  # soffice exits 0 even for a file it could not open
                    target.unlink(missing_ok=True)
                code, printed = converters.run(args, what, workdir, waiting)
        except BaseException:
            if kept:  # a converter killed or past its time may leave it half written
                shutil.rmtree(profile, ignore_errors=True)
            raise
        if not converted(code):
            if kept:
                shutil.rmtree(profile, ignore_errors=True)
            raise PdfUnavailable(
                f"LibreOffice không chuyển được {what} sang PDF: {printed.strip()[:300]}"
            )
    tell(len(targets))
    return targets


def convert_each(
    sources: Sequence[Path],
    targets: Sequence[Path],
    profiles: Path | None = None,
    done: Callable[[int], None] | None = None,
) -> None:
    """Each .docx source (of distinct names) into a PDF of its own at the matching target,
    all in one LibreOffice start: starting it costs more than converting a few pages.
    `profiles` as for convert_parts; `done` is told of each source converted."""
    if not sources:
        return
    binary = soffice()
    converters = _Converters()
    with scratch_folder("kehoach-pdf-") as workdir:
        try:
            pdfs = _convert(converters, binary, sources, workdir, profiles, done)
        except BaseException:
            converters.stop()  # stopped between starting the converter and waiting for it
            raise
        for pdf, target in zip(pdfs, targets, strict=True):
            _write_joined([pdf], target)


def convert_parts(
    parts: Sequence[Path],
    target: Path,
    done: Callable[[int], None] | None = None,
    profiles: Path | None = None,
) -> int:
    """Convert each .docx part (in parallel), join them in order into target; page count.
    `profiles`: the folder of kept LibreOffice profiles (None: a fresh one for each part)."""
    binary = soffice()
    converters = _Converters()
    with scratch_folder("kehoach-pdf-") as workdir:
        with ThreadPoolExecutor(max_workers=workers()) as pool:
            pdfs = []
            try:
                futures = [
                    pool.submit(_convert, converters, binary, [p], workdir, profiles) for p in parts
                ]
                for future in futures:
                    pdfs.extend(future.result())
                    if done:
                        done(1)
            except BaseException:
                # Stopped (Ctrl-C, a closed window) or a part failed: no LibreOffice outlives
                # the run, and the pool's threads, their converters gone, end at once.
                pool.shutdown(wait=False, cancel_futures=True)
                converters.stop()
                raise
        return _write_joined(pdfs, target)


def _write_joined(pdfs: Sequence[Path], target: Path) -> int:
    """The PDFs joined in order into target, its pages. Of the first one's properties, the
    title is kept, and the language and the viewer's showing the title rather than the file
    name (what a screen reader announces): LibreOffice also writes the time of conversion
    and the template's author, and a document's properties are the program's, as its .docx
    (dated by the plan, not the run)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject

    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(str(pdf))
    first = PdfReader(pdfs[0])
    metadata = first.metadata
    title = metadata.get("/Title") if metadata is not None else None
    if title:
        writer.add_metadata({"/Title": title})
    root = first.root_object
    if "/Lang" in root:
        writer.root_object[NameObject("/Lang")] = root["/Lang"]
    preferences = root.get("/ViewerPreferences")
    if isinstance(preferences, DictionaryObject) and preferences.get("/DisplayDocTitle"):
        writer.root_object[NameObject("/ViewerPreferences")] = DictionaryObject(
            {NameObject("/DisplayDocTitle"): BooleanObject(True)}
        )
    with target.open("wb") as handle:
        writer.write(handle)
    return len(writer.pages)


def convert_in_chunks(
    items: Sequence[T],
    write_part: Callable[[Sequence[T], BinaryIO], None],
    target: Path,
    started: Callable[[int], Callable[[int], None] | None] | None = None,
    profiles: Path | None = None,
) -> int:
    """The items as one PDF at target: split into one .docx part per core (`write_part`
    writes a part's items), converted in parallel, then joined; its pages. `started` is told
    how many parts there are once they are written, and returns the step each part done
    takes; `profiles` as for convert_parts. PdfUnavailable, before any part is written, without
    LibreOffice."""
    soffice()
    chunks = max(1, min(workers(), len(items)))
    size = -(-len(items) // chunks)
    with scratch_folder("kehoach-phan-") as tmp:
        parts = []
        for index in range(chunks):
            part = tmp / f"phan-{index + 1}.docx"
            with part.open("wb") as handle:
                write_part(items[index * size : (index + 1) * size], handle)
            parts.append(part)
        return convert_parts(parts, target, started(len(parts)) if started else None, profiles)
