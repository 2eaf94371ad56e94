"""The output folder: atomic writes, and never clobbering a file an officer has edited."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MANIFEST = ".kehoach-da-ghi.json"


@cache
def _file_mode() -> int:
    """The mode a finished document gets: the usual one under the process umask
    (temporary files are private, 0600, until published). Read once, when first needed."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _file_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Refusal:
    path: Path

    def __str__(self) -> str:
        return (
            f"{self.path}: tệp đã có và đã được sửa sau lần ghi trước (có thể đã ký hoặc chỉnh "
            "trong Word); không ghi đè. Đổi tên tệp đó, hoặc chạy lại với --force để ghi đè."
        )


class OutputFolder:
    """Writes documents into one folder. A file there is replaced only if it is still exactly
    what this tool wrote last time (recorded in a manifest), or with force."""

    def __init__(self, folder: Path, force: bool = False) -> None:
        self.folder = folder
        self.force = force
        self.manifest_path = folder / MANIFEST
        try:
            self.manifest: dict[str, str] = json.loads(self.manifest_path.read_text("utf-8"))
        except (FileNotFoundError, ValueError):
            self.manifest = {}

    def refusals(self, names: Sequence[str]) -> list[Refusal]:
        if self.force:
            return []
        refused = []
        for name in names:
            path = self.folder / name
            if path.exists() and _digest(path.read_bytes()) != self.manifest.get(name):
                refused.append(Refusal(path))
        return refused

    def check(self, names: Sequence[str]) -> None:
        refused = self.refusals(names)
        if refused:
            raise OutputRefused(refused)

    def temporary(self, name: str) -> Path:
        """A new empty file beside where `name` will go, to be published or deleted."""
        target = self.folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        os.close(fd)
        return Path(tmp)

    def publish(self, name: str, temporary: Path) -> Path:
        """Move a finished temporary file into place and remember what was written."""
        path = self.folder / name
        with temporary.open("rb") as handle:
            os.fsync(handle.fileno())
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        os.chmod(temporary, _file_mode())
        os.replace(temporary, path)
        self.manifest[name] = digest
        self._save_manifest()
        return path

    def write_all(self, documents: Mapping[str, bytes]) -> list[Path]:
        """Write every document, or none of them when one would clobber an edited file."""
        self.check(list(documents))
        written = []
        for name, data in documents.items():
            path = self.folder / name
            write_atomic(path, data)
            self.manifest[name] = _digest(data)
            written.append(path)
        self._save_manifest()
        return written

    def _save_manifest(self) -> None:
        write_atomic(
            self.manifest_path,
            json.dumps(self.manifest, ensure_ascii=False, indent=1, sort_keys=True).encode(),
        )


class OutputRefused(Exception):
    def __init__(self, refusals: list[Refusal]) -> None:
        super().__init__("\n".join(str(r) for r in refusals))
        self.refusals = refusals
