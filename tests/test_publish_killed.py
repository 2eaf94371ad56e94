"""A run killed while putting its files in place: the files it did put are its own for the
next run, not files an officer edited; a file edited since is still refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kehoach_docs.outputs import folder as folder_module
from kehoach_docs.outputs.folder import MANIFEST, PENDING, OutputFolder, Publication


class Killed(BaseException):
    """Stands for SIGKILL: nothing of the run's own clean-up for OSError runs."""


def publish_killed_after(out: Path, files: dict[str, bytes], replaced: int, monkeypatch) -> None:
    """Publish `files` into `out`, the process 'killed' once `replaced` of them are in place
    (before the manifest)."""
    real = os.replace
    done: list[str] = []

    def replace(source, target) -> None:
        name = Path(target).name
        if name not in (MANIFEST, PENDING) and len(done) == replaced:
            raise Killed
        real(source, target)
        if name not in (MANIFEST, PENDING):
            done.append(name)

    monkeypatch.setattr(folder_module.os, "replace", replace)
    try:
        with Publication() as publication:
            folder = OutputFolder(out)
            for name, data in files.items():
                publication.add(folder, name, data)
            publication.publish()
    except Killed:
        pass
    finally:
        monkeypatch.setattr(folder_module.os, "replace", real)


def test_files_put_in_place_before_a_kill_are_not_taken_for_edited_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    first = {"a.docx": b"A1", "b.docx": b"B1", "c.xlsx": b"C1"}
    with Publication() as publication:
        folder = OutputFolder(out)
        for name, data in first.items():
            publication.add(folder, name, data)
        publication.publish()
    # The next run puts a.docx and b.docx in place, then is killed before c.xlsx and the
    # manifest.
    publish_killed_after(out, {"a.docx": b"A2", "b.docx": b"B2", "c.xlsx": b"C2"}, 2, monkeypatch)
    assert (out / "a.docx").read_bytes() == b"A2"
    assert (out / "c.xlsx").read_bytes() == b"C1"
    assert (out / PENDING).exists()
    after = OutputFolder(out)
    assert after.refusals(["a.docx", "b.docx", "c.xlsx"]) == []
    # An officer edits b.docx: refused as before.
    (out / "b.docx").write_bytes(b"B edited")
    assert [r.path.name for r in OutputFolder(out).refusals(["b.docx"])] == ["b.docx"]
    # The run after publishes everything; the record of the killed run goes.
    (out / "b.docx").write_bytes(b"B2")
    with Publication() as publication:
        folder = OutputFolder(out)
        for name, data in {"a.docx": b"A3", "b.docx": b"B3", "c.xlsx": b"C3"}.items():
            publication.add(folder, name, data)
        publication.publish()
    assert not (out / PENDING).exists()
    assert OutputFolder(out).refusals(["a.docx", "b.docx", "c.xlsx"]) == []
    assert (out / "b.docx").read_bytes() == b"B3"
