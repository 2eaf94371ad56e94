"""Where a run's files go: every file rendered into a temporary file first, then all of them
put in place together (or, when that fails, none); never clobbering a file an officer has
edited."""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO

from kehoach_docs.domain.limits import MAX_SMALL_FILE_BYTES, NotAFile, read_file, regular_file

MANIFEST = ".kehoach-da-ghi.json"
# The digests of the files a run is putting in place, written before the first of them and
# removed after the manifest: a run killed in between leaves files the manifest does not
# know yet, which the next run reads as this tool's, not as files an officer edited.
PENDING = ".kehoach-dang-dat.json"
# ".NAME.PID-RANDOM.tmp": the process id tells a killed run's leftovers from a live run's.
_TEMPORARY = re.compile(r"^\.(.+)\.(\d+)-[a-z0-9_]+\.tmp$")
_STALE_AFTER = 12 * 3600  # seconds, where a process cannot be asked whether it still runs


@cache
def _file_mode() -> int:
    """The mode a finished document gets: the usual one under the process umask
    (temporary files are private, 0600, until published). Read once, when first needed."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _file_digest(path: Path) -> str:
    """A regular file's digest, read as a stream (a document may be large)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _temporary_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


def _made_new(path: Path, folder: bool = False) -> bool:
    """`path` made a new empty file (or folder), private (0600, 0700) until published;
    False if the name is taken. Callers record the name first: a stop (Ctrl-C, a closed
    window) landing the moment it appears would otherwise leave what their clean-up does
    not know."""
    try:
        if folder:
            path.mkdir(mode=0o700)
        else:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        return False
    return True


def document_of(path: Path) -> Path:
    """The document a temporary file is written for (the name the officer knows); any other
    path as it is."""
    match = _TEMPORARY.match(path.name)
    return path.with_name(match.group(1)) if match else path


def _finish(temporary: Path) -> str:
    """A temporary file made ready to take its target's place, its digest: on the disk
    (a crash after the rename leaves no empty document) and with a document's mode."""
    with temporary.open("rb") as handle:
        os.fsync(handle.fileno())
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    os.chmod(temporary, _file_mode())
    return digest


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stale(path: Path) -> bool:
    """A temporary file of a run that is no longer running."""
    match = _TEMPORARY.match(path.name)
    if match is None:
        return False
    if os.name == "posix":
        return not _running(int(match.group(2)))
    # os.kill would end the process there; age tells instead.
    return time.time() - path.stat().st_mtime > _STALE_AFTER


def clean_stale(folder: Path) -> None:
    """Delete the temporary files a killed run left in a folder this run writes to."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if _stale(path):
            path.unlink(missing_ok=True)


@contextlib.contextmanager
def scratch_folder(prefix: str) -> Iterator[Path]:
    """A temporary folder, removed however the run ends: a stop (Ctrl-C, a closed window)
    that comes while it is being removed is let through only once it is gone."""
    base = Path(tempfile.gettempdir())
    folder = base / f"{prefix}{secrets.token_hex(6)}"
    try:
        # Named before it is made (as mkdtemp would not let us), so that a stop landing the
        # moment it appears still finds it removed below.
        while not _made_new(folder, folder=True):
            folder = base / f"{prefix}{secrets.token_hex(6)}"
        yield folder
    finally:
        try:
            shutil.rmtree(folder, ignore_errors=True)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise


@dataclass(frozen=True)
class Refusal:
    path: Path
    what: str = ""  # set when the name is taken by something that is not a regular file

    def __str__(self) -> str:
        return self.text()

    def text(self, desk: bool = False) -> str:
        """Why the file is not replaced; `desk`: without the terminal's option to force it."""
        again = "làm lại" if desk else "chạy lại"
        if self.what:
            return f"{self.path}: {self.what}; không ghi đè. Xóa hoặc đổi tên nó rồi {again}."
        then = (
            "Đổi tên tệp đó hoặc chuyển nó sang thư mục khác rồi làm lại."
            if desk
            else "Đổi tên tệp đó, hoặc chạy lại với --force để ghi đè."
        )
        return (
            f"{self.path}: tệp đã có và đã được sửa sau lần ghi trước (có thể đã ký hoặc chỉnh "
            f"trong Word); không ghi đè. {then}"
        )


class OutputRefused(Exception):
    def __init__(self, refusals: list[Refusal]) -> None:
        super().__init__("\n".join(str(r) for r in refusals))
        self.refusals = refusals


class OutputFolder:
    """One folder of documents. A file there is replaced only if it is still exactly what this
    tool wrote last time (recorded in a manifest), or with force."""

    def __init__(self, folder: Path, force: bool = False) -> None:
        self.folder = folder
        self.force = force
        self.manifest_path = folder / MANIFEST
        self.manifest = _read_manifest(self.manifest_path)

    def refusals(self, names: Sequence[str]) -> list[Refusal]:
        """The names that must not be written: taken by something that is not a regular
        file (a FIFO would hang the run; even with force, it is not a document to replace),
        or by a file edited since this tool wrote it (unless forced)."""
        refused = []
        for name in names:
            path = self.folder / name
            try:
                regular_file(path, missing_ok=True)
            except NotAFile as exc:
                refused.append(Refusal(path, exc.what))
                continue
            if self.force:
                continue
            if path.exists() and _file_digest(path) != self.manifest.get(name):
                refused.append(Refusal(path))
        return refused

    def check(self, names: Sequence[str]) -> None:
        refused = self.refusals(names)
        if refused:
            raise OutputRefused(refused)

    def holds(self, name: str) -> bool:
        """The file is there, exactly as this tool last wrote it."""
        path = self.folder / name
        return path.is_file() and _file_digest(path) == self.manifest.get(name)

    def left_over(self, name: str) -> list[Path]:
        """The temporary files a killed run left for `name`, newest first."""
        if not self.folder.is_dir():
            return []
        found = [path for path in self.folder.glob(f".{glob.escape(name)}.*.tmp") if _stale(path)]
        return sorted(found, key=lambda path: path.stat().st_mtime, reverse=True)


@dataclass
class _Staged:
    target: Path
    temporary: Path
    folder: OutputFolder | None  # None: a workspace file, outside any manifest
    name: str
    manifest: bool = False  # a folder's manifest, not a document


class PublishFailed(Exception):
    """Putting the finished files in place failed. `written` are the files left changed
    (those the roll-back could not restore); every other file is as it was."""

    def __init__(
        self, cause: OSError, written: list[Path], not_written: list[Path], needed: int
    ) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.written = written
        self.not_written = not_written
        self.needed = needed  # bytes: every staged file's size, what a full disk must free


class Publication:
    """The files of one run: each rendered into a temporary file beside its place, then all
    put in place by renames at the end. When a rename fails, those already done are undone,
    so a failed run leaves every folder as it was. Used as a context manager: leaving it
    without publishing deletes the temporary files."""

    def __init__(self) -> None:
        self.staged: list[_Staged] = []
        self._made: list[Path] = []  # folders made for this run, removed again if unused
        self._cleaned: set[Path] = set()
        self.published = False
        self.written: list[Path] = []  # the documents put in place, once published

    def __enter__(self) -> Publication:
        return self

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        if self.published:
            return
        if isinstance(error, OSError) and self.staged:
            # A write that fails (a full disk) names no file: the one being written is the
            # last staged, and the message must say on which folder's disk.
            _name_file(error, self.staged[-1].target)
        self.discard()

    def _prepare(self, target: Path) -> None:
        missing = [p for p in (target.parent, *target.parent.parents) if not p.exists()]
        for folder in reversed(missing):
            self._made.append(folder)  # before it is made: discard() knows it either way
            try:
                folder.mkdir()
            except FileExistsError:
                self._made.pop()  # another run made it meanwhile: not this run's to remove
                if not folder.is_dir():
                    raise
        if target.parent not in self._cleaned:
            clean_stale(target.parent)
            self._cleaned.add(target.parent)

    def file(self, folder: OutputFolder | None, name: str, target: Path | None = None) -> Path:
        """An empty temporary file to render `name` into (in `folder`, or at `target` for a
        workspace file)."""
        place = target if folder is None and target is not None else None
        path = place or (folder.folder / name if folder is not None else Path(name))
        self._prepare(path)
        item = _Staged(path, _temporary_name(path), folder, name)
        self.staged.append(item)  # before the file is made: discard() knows it either way
        while not _made_new(item.temporary):
            item.temporary = _temporary_name(path)
        return item.temporary

    def adopt(self, folder: OutputFolder, name: str, left_over: Path) -> None:
        """A finished file a killed run left, put in place with this run's files (first made
        this run's own, so that no cleaning of stale files takes it)."""
        target = folder.folder / name
        item = _Staged(target, _temporary_name(target), folder, name)
        self.staged.append(item)  # before the rename: discard() knows it either way
        os.replace(left_over, item.temporary)

    def forget(self, temporary: Path) -> None:
        """A staged file that will not be published after all (its rendering failed)."""
        self.staged = [item for item in self.staged if item.temporary != temporary]
        temporary.unlink(missing_ok=True)

    def add(self, folder: OutputFolder, name: str, data: bytes) -> None:
        self.write(folder, name, lambda handle: handle.write(data))

    def add_workspace_file(self, target: Path, data: bytes) -> None:
        self._write(self.file(None, target.name, target), lambda handle: handle.write(data))

    def write(self, folder: OutputFolder, name: str, render: Callable[[BinaryIO], object]) -> None:
        """`name` rendered by `render` straight into its temporary file (nothing of it kept
        in memory)."""
        self._write(self.file(folder, name), render)

    def _write(self, temporary: Path, render: Callable[[BinaryIO], object]) -> None:
        try:
            with temporary.open("wb") as handle:
                render(handle)
        except OSError as error:
            _name_file(error, self.staged[-1].target)
            raise

    def names(self, folder: OutputFolder) -> list[str]:
        return [item.name for item in self.staged if item.folder is folder]

    def targets(self) -> list[Path]:
        return [item.target for item in self.staged]

    def check(self) -> None:
        """Every output file that would clobber an edited one, refused at once."""
        refused: list[Refusal] = []
        for folder in {id(i.folder): i.folder for i in self.staged if i.folder}.values():
            refused += folder.refusals(self.names(folder))
        if refused:
            raise OutputRefused(refused)

    def publish(self) -> list[Path]:
        """Put every staged file in place; the paths written, in staging order."""
        self.check()
        digests: dict[Path, str] = {}
        for item in self.staged:
            digests[item.target] = _finish(item.temporary)
        folders = {id(i.folder): i.folder for i in self.staged if i.folder is not None}
        for folder in folders.values():
            # Read again now: another run (the desk and the command line at once) may have
            # published into this folder since this one started; its records are kept.
            manifest = _read_manifest(folder.manifest_path)
            manifest.update({i.name: digests[i.target] for i in self.staged if i.folder is folder})
            self.add_workspace_file(folder.manifest_path, _manifest_bytes(manifest))
            _finish(self.staged[-1].temporary)
            self.staged[-1].manifest = True
        steps = self.staged  # the manifests go in last
        needed = sum(item.temporary.stat().st_size for item in steps)
        done: list[tuple[_Staged, Path | None, bool]] = []
        try:
            for folder in folders.values():
                coming = {i.name: digests[i.target] for i in steps if i.folder is folder}
                _replace_record(folder.folder / PENDING, coming)
            for item in steps:
                existed = item.target.exists()
                backup = _backup(item.target) if existed else None
                try:
                    os.replace(item.temporary, item.target)
                except OSError:
                    if backup is not None:
                        backup.unlink(missing_ok=True)
                    raise
                done.append((item, backup, existed))
        except OSError as exc:
            changed = _roll_back(done)
            self.discard()
            for folder in folders.values():
                # The files left changed are this tool's now: recorded, so that the next run
                # does not take them for files an officer edited.
                kept = {
                    i.name: digests[i.target]
                    for i in steps
                    if i.folder is folder and i.target in changed
                }
                if kept:
                    with contextlib.suppress(OSError):
                        _replace_record(folder.manifest_path, {**folder.manifest, **kept})
                _forget_pending(folder)
            documents = [i.target for i in steps if not i.manifest]
            raise PublishFailed(
                exc,
                [p for p in documents if p in changed],
                [p for p in documents if p not in changed],
                needed,
            ) from exc
        for _, backup, _ in done:
            if backup is not None:
                backup.unlink(missing_ok=True)
        for folder in folders.values():
            folder.manifest.update({i.name: digests[i.target] for i in steps if i.folder is folder})
            _forget_pending(folder)
        self.published = True
        self.written = [item.target for item in steps if not item.manifest]
        return self.written

    def discard(self) -> None:
        """Delete every temporary file, and the folders made for them if still empty."""
        for item in self.staged:
            item.temporary.unlink(missing_ok=True)
        for folder in reversed(self._made):
            with contextlib.suppress(OSError):  # not empty: it holds files of its own
                folder.rmdir()
        self._made.clear()


def _read_manifest(path: Path) -> dict[str, str]:
    """What this tool last wrote in a folder: file name → digest. A manifest that cannot be
    read (damaged, not such a mapping, or past the cap: LimitExceeded is a ValueError) or an
    entry that is not a digest knows nothing: such files count as edited, and with --force
    the manifest is written anew. One that is not a regular file is refused (NotAFile)."""
    manifest = _read_record(path)
    # A run killed while putting its files in place: those it did put are its own.
    for name, digest in _read_record(path.parent / PENDING).items():
        target = path.parent / name
        with contextlib.suppress(OSError):
            if target.is_file() and _file_digest(target) == digest:
                manifest[name] = digest
    return manifest


def _read_record(path: Path) -> dict[str, str]:
    try:
        record = json.loads(read_file(path, MAX_SMALL_FILE_BYTES))
    except (FileNotFoundError, ValueError, RecursionError):
        return {}
    if not isinstance(record, dict):
        return {}
    return {name: digest for name, digest in record.items() if isinstance(digest, str)}


def _forget_pending(folder: OutputFolder) -> None:
    with contextlib.suppress(OSError):  # a record left only ever names this tool's files
        (folder.folder / PENDING).unlink(missing_ok=True)


def _name_file(error: OSError, path: Path) -> None:
    """The file an OSError was about, where the system named none."""
    if error.filename is None:
        error.filename = str(path)


def _manifest_bytes(manifest: dict[str, str]) -> bytes:
    return json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()


def _replace_record(path: Path, record: dict[str, str]) -> None:
    temporary = _temporary_name(path)
    try:
        while not _made_new(temporary):
            temporary = _temporary_name(path)
        temporary.write_bytes(_manifest_bytes(record))
        _finish(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _backup(target: Path) -> Path | None:
    """A second name for the file about to be replaced, to put it back if the run fails
    (a hard link: no copy, no space); None where the file system has no links."""
    backup = _temporary_name(target)
    try:
        os.link(target, backup)
    except OSError:
        return None
    return backup


def _roll_back(done: list[tuple[_Staged, Path | None, bool]]) -> list[Path]:
    """Undo the renames already done; the files that could not be restored."""
    changed = []
    for item, backup, existed in reversed(done):
        try:
            if backup is not None:
                os.replace(backup, item.target)
            elif not existed:
                item.target.unlink()
            else:
                changed.append(item.target)
        except OSError:
            changed.append(item.target)
    return changed
