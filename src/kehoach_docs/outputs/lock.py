"""One writer per workspace: a command that numbers letters or puts files in place holds the
workspace's lock from reading its inputs to the end of publishing, so two officers (or the
desk and the command line) never interleave. The operating system's file lock is released
when its holder dies, however it dies, so a lock left by a killed run is simply taken over;
the file's text only says who holds it, for the message of the one who waits."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kehoach_docs.domain.limits import NotAFile, read_file, regular_file

WAIT_SECONDS = 10.0
_POLL_SECONDS = 0.1
_HOLDER_BYTES = 4096  # the holder's few words, never more
# Windows forbids reading a locked byte: the lock is taken on a byte far past the holder's
# text, which stays readable.
_WINDOWS_BYTE = 1 << 30


@dataclass(frozen=True)
class Holder:
    """Who holds a workspace's lock, as the one who waits is told."""

    job: str  # what it does, in the officer's words ("làm phiếu xin lỗi")
    program: str  # how it was started ("kehoach letters", "kehoach serve")
    pid: int
    host: str
    since: dt.datetime


class WorkspaceBusy(Exception):
    """Another run held the workspace's lock for the whole wait; nothing was read or written."""

    def __init__(self, folder: Path, holder: Holder | None, waited: float) -> None:
        super().__init__(f"{folder}: locked by {holder}")
        self.folder = folder
        self.holder = holder
        self.waited = waited


# The locks this process holds, by file: a command that runs another (build runs letters)
# holds it once; a second thread of the desk waits as another process would.
_held: dict[Path, tuple[int, int]] = {}  # path → (thread, depth)
_held_guard = threading.Lock()


_BUSY = (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK)

if sys.platform == "win32":
    import msvcrt

    def _lock_call(fd: int) -> None:
        os.lseek(fd, _WINDOWS_BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_call(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _try_lock(fd: int) -> bool:
    """The lock taken (True), or held by another (False); OSError when the file system
    cannot lock at all."""
    try:
        _lock_call(fd)
    except OSError as exc:
        if exc.errno in _BUSY:
            return False
        raise
    return True


def _program() -> str:
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), "")
    return f"kehoach {command}".strip()


def _say_holder(fd: int, job: str) -> None:
    text = json.dumps(
        {
            "job": job,
            "program": _program(),
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        },
        ensure_ascii=False,
    )
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, text.encode())


def read_holder(path: Path) -> Holder | None:
    """Who holds the lock by its file's text; None when it says nothing readable."""
    try:
        data = json.loads(read_file(path, _HOLDER_BYTES).decode())
        return Holder(
            str(data["job"]),
            str(data["program"]),
            int(data["pid"]),
            str(data["host"]),
            dt.datetime.fromisoformat(data["since"]),
        )
    except (OSError, ValueError, KeyError, TypeError, NotAFile):
        return None


def held_by(path: Path) -> Holder | None:
    """Who holds the lock now, for a page to say so; None when nobody does. The file's text
    alone is not enough: a holder killed outright leaves its words behind, and only the
    system's lock tells a live holder (taken here for an instant, then let go)."""
    try:
        regular_file(path)
        fd = os.open(path, os.O_RDWR)
    except (OSError, NotAFile):
        return None
    try:
        if _try_lock(fd):
            _unlock(fd)
            return None
    except OSError:
        pass  # no locks on this file system: the text is all there is
    finally:
        os.close(fd)
    return read_holder(path)


@contextmanager
def hold(path: Path, job: str, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """The lock at `path` held for the block, waiting up to `wait` seconds for another
    holder (WorkspaceBusy after that). Where the folder cannot hold a lock file or its file
    system has no locks, the block runs unlocked: the register's own transactions still
    keep numbers whole."""
    key = path.resolve()
    me = threading.get_ident()
    with _held_guard:
        thread, depth = _held.get(key, (0, 0))
        if depth and thread == me:
            _held[key] = (me, depth + 1)
            mine = True
        else:
            mine = False
    if mine:
        try:
            yield
        finally:
            with _held_guard:
                _held[key] = (me, _held[key][1] - 1)
        return
    regular_file(key, missing_ok=True)  # a FIFO or a device there is refused, never locked
    try:
        fd = os.open(key, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        yield
        return
    try:
        try:
            locked = _acquire(fd, wait)
        except OSError:
            locked = None  # no locks on this file system
        if locked is False:
            raise WorkspaceBusy(key.parent, read_holder(key), wait)
        if locked:
            _say_holder(fd, job)
            with _held_guard:
                _held[key] = (me, 1)
        try:
            yield
        finally:
            if locked:
                with _held_guard:
                    del _held[key]
                os.ftruncate(fd, 0)
                _unlock(fd)
    finally:
        os.close(fd)


def _acquire(fd: int, wait: float) -> bool:
    deadline = time.monotonic() + wait
    while not _try_lock(fd):
        if time.monotonic() >= deadline:
            return False
        time.sleep(_POLL_SECONDS)
    return True
