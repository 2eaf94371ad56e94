"""An export read again while unchanged is not read again (the desk's pages read the
workspace's exports at every visit); any change to the file, even one that keeps its size
and modification time, is read; and what one reader adds to its read is not seen by the
next."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from exports import row, write_xlsx

from kehoach_docs.inputs import export, filememo
from kehoach_docs.inputs.export import read_export


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the reader opened, in order; the memo empty, and the files taken as settled
    (made more than two seconds ago) unless a test says otherwise."""
    opened: list[str] = []
    read_sheets = export._read_sheets

    def counted(path: Path, *args, **kwargs):
        opened.append(path.name)
        return read_sheets(path, *args, **kwargs)

    monkeypatch.setattr(export, "_read_sheets", counted)
    monkeypatch.setattr(export, "_READS", filememo.FileMemo(50_000, export._own_copy))
    monkeypatch.setattr(filememo, "SETTLED_NS", -(10**12))
    return opened


CSV = (
    "Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả\n"
    "{code},Đăng ký khai sinh,Nguyễn Văn An,01/02/2024 08:00,05/02/2024 16:30,\n"
)


def codes(path: Path, display: str = "xuat.xlsx") -> list[str]:
    return [d.code for d in read_export(path, display).dossiers]


def test_an_unchanged_export_is_read_once(tmp_path: Path, reads: list[str]) -> None:
    path = write_xlsx(tmp_path / "xuat.xlsx", [row("HS-1"), row("HS-2")])
    assert codes(path) == codes(path) == ["HS-1", "HS-2"]
    assert reads == ["xuat.xlsx"]
    # Read another way (another name in the messages, the unit's own column names): read.
    assert codes(path, "ho-so.xlsx") == ["HS-1", "HS-2"]
    assert [d.code for d in read_export(path, "xuat.xlsx", {"code": "Mã HS"}).dossiers] == [
        "HS-1",
        "HS-2",
    ]
    assert reads == ["xuat.xlsx"] * 3


def test_an_export_saved_again_is_read_again(tmp_path: Path, reads: list[str]) -> None:
    path = write_xlsx(tmp_path / "xuat.xlsx", [row("HS-1")])
    assert codes(path) == ["HS-1"]
    # Saved as Excel saves: a new file put in the old one's place.
    write_xlsx(tmp_path / "moi.xlsx", [row("HS-1"), row("HS-2")]).replace(path)
    assert codes(path) == ["HS-1", "HS-2"]
    assert reads == ["xuat.xlsx", "xuat.xlsx"]


def test_a_change_that_keeps_size_and_time_is_read(tmp_path: Path, reads: list[str]) -> None:
    """Rewritten in place, the same length, its modification time put back: only the change
    time, which no program can set, tells; it moves once the system's clock has ticked."""
    path = tmp_path / "xuat.csv"
    path.write_text(CSV.format(code="HS-1"), encoding="utf-8")
    before = path.stat()
    assert codes(path) == ["HS-1"]
    while path.stat().st_ctime_ns == before.st_ctime_ns:
        path.write_text(CSV.format(code="HS-9"), encoding="utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert codes(path) == ["HS-9"]
    assert reads == ["xuat.csv", "xuat.csv"]


def test_a_file_changed_in_the_last_two_seconds_is_read_every_time(
    tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two saves within one tick of the clock would leave every time as it was: what is
    read of a file that recent is not kept."""
    monkeypatch.setattr(filememo, "SETTLED_NS", 10**12)
    path = write_xlsx(tmp_path / "xuat.xlsx", [row("HS-1")])
    assert codes(path) == codes(path) == ["HS-1"]
    assert reads == ["xuat.xlsx", "xuat.xlsx"]


def test_what_one_reader_adds_is_not_seen_by_the_next(tmp_path: Path, reads: list[str]) -> None:
    path = write_xlsx(tmp_path / "xuat.xlsx", [row("HS-1"), row("HS-2")])
    first = read_export(path, "xuat.xlsx")
    first.dossiers.pop()
    first.problems.warning("xuat.xlsx", None, "", "cảnh báo của người đọc thứ nhất")
    second = read_export(path, "xuat.xlsx")
    assert [d.code for d in second.dossiers] == ["HS-1", "HS-2"]
    assert second.problems.items == []
    assert reads == ["xuat.xlsx"]
