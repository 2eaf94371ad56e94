"""What was read from a file, kept for the next read of the same unchanged file in this
process: the desk's pages read the workspace's exports at every visit, about a second for
10,000 rows, where the file has not changed since the last page.

A file is known by what the system says of it, never by its name alone: its device and
inode (a file saved by Excel is a new file put in place of the old), its size, and its
modification and change times in nanoseconds. The change time cannot be set back by a
program, so a file rewritten in place with its old size and modification time restored is
still seen as changed (on Windows st_ctime is the creation time: there the size and the
modification time tell). Like git's index, what is read from a file changed in the last
SETTLED_NS (by the later of the two times) is not kept: a second write within the same tick
of the system's clock would leave every time as it was."""

from __future__ import annotations

import os
import stat
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")

SETTLED_NS = 2_000_000_000

Key = tuple[Hashable, ...]


def _identity(path: Path) -> tuple[int, ...] | None:
    """The file's identity and times; None when it is not a regular file (nothing kept)."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(found.st_mode):
        return None
    return (
        found.st_dev,
        found.st_ino,
        found.st_size,
        found.st_mtime_ns,
        found.st_ctime_ns,
    )


class FileMemo(Generic[T]):
    """The last values read from files, up to `capacity` in weight (the caller's measure:
    rows, bytes) and the newest first kept. `copy` gives each caller a value of its own, so
    that what one adds to it is not seen by the next."""

    def __init__(self, capacity: int, copy: Callable[[T], T]) -> None:
        self._capacity = capacity
        self._copy = copy
        self._kept: OrderedDict[Key, tuple[T, int]] = OrderedDict()
        self._lock = threading.Lock()

    def key(self, path: Path, *how: Hashable) -> Key | None:
        """What a read of `path` the way `how` says is kept under; None: not keepable."""
        identity = _identity(path)
        return None if identity is None else (identity, *how)

    def get(self, key: Key | None) -> T | None:
        if key is None:
            return None
        with self._lock:
            kept = self._kept.get(key)
            if kept is None:
                return None
            self._kept.move_to_end(key)
        return self._copy(kept[0])

    def keep(self, key: Key | None, path: Path, value: T, weight: int) -> T:
        """`value`, read from `path` when it was as `key` says, kept if the file is still so
        and has settled; the caller's own copy returned."""
        if key is None or weight > self._capacity:
            return value
        identity = _identity(path)
        if identity is None or identity != key[0]:
            return value  # changed while it was read
        if time.time_ns() - max(identity[-2:]) < SETTLED_NS:
            return value
        with self._lock:
            self._kept[key] = (value, weight)
            self._kept.move_to_end(key)
            total = sum(weight for _, weight in self._kept.values())
            while total > self._capacity:
                _, (_, dropped) = self._kept.popitem(last=False)
                total -= dropped
        return self._copy(value)
