"""The area each sheet of an .xls (Excel 97-2003) workbook spans, read from its cell records
before python-calamine opens it: calamine holds a sheet's whole area in memory, so a 6 KB
file with one cell at A1 and one at IV65536 would take a gigabyte.

An .xls is a compound file (sectors chained by a table) holding the "Workbook" stream of
BIFF records; only what locates the cell records is read here."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

from kehoach_docs.domain.limits import MAX_PART_BYTES, read_file

_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_BOF = 0x0809
# Records holding one value at (row, column): FORMULA, LABELSST, NUMBER, LABEL, RK,
# BOOLERR, RSTRING; and MULRK, a run of values on one row.
_CELLS = frozenset({0x0006, 0x00FD, 0x0203, 0x0204, 0x027E, 0x0205, 0x00D6})
_MULRK = 0x00BD


class BadXls(Exception):
    pass


class _Compound:
    def __init__(self, data: bytes) -> None:
        if not data.startswith(_MAGIC) or len(data) < 512:
            raise BadXls("not a compound file")
        self.data = data
        self.size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
        self.mini_size = 1 << struct.unpack_from("<H", data, 0x20)[0]
        if self.size not in (512, 4096) or self.mini_size != 64:
            raise BadXls("sector size")
        self.sectors = (len(data) - self.size) // self.size + 1
        fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
        difat, count = struct.unpack_from("<II", data, 0x44)
        for _ in range(min(count, self.sectors)):
            if difat >= self.sectors:
                break
            entries = struct.unpack_from(f"<{self.size // 4}I", data, self._offset(difat))
            fat_sectors += entries[:-1]
            difat = entries[-1]
        self.fat: list[int] = []
        for sector in fat_sectors:
            if sector < self.sectors:
                self.fat += struct.unpack_from(f"<{self.size // 4}I", data, self._offset(sector))
        self.cutoff = struct.unpack_from("<I", data, 0x38)[0]
        self.mini_fat_start = struct.unpack_from("<I", data, 0x3C)[0]
        self.directory_start = struct.unpack_from("<I", data, 0x30)[0]

    def _offset(self, sector: int) -> int:
        offset = (sector + 1) * self.size
        if offset + self.size > len(self.data) + self.size:
            raise BadXls("sector past the end")
        return offset

    def _chain(self, start: int) -> Iterator[int]:
        sector, seen = start, 0
        while sector not in (_END_OF_CHAIN, _FREE):
            if sector >= len(self.fat) or seen > self.sectors:
                raise BadXls("broken chain")
            yield sector
            seen += 1
            sector = self.fat[sector]

    def read(self, start: int, size: int | None = None) -> bytes:
        data = b"".join(
            self.data[self._offset(s) : self._offset(s) + self.size] for s in self._chain(start)
        )
        return data if size is None else data[:size]

    def stream(self, names: tuple[str, ...]) -> bytes:
        directory = self.read(self.directory_start)
        root_start = struct.unpack_from("<I", directory, 116)[0]
        for offset in range(0, len(directory) - 127, 128):
            length = struct.unpack_from("<H", directory, offset + 64)[0]
            name = directory[offset : offset + max(0, length - 2)].decode("utf-16-le", "replace")
            if name not in names or directory[offset + 66] != 2:
                continue
            start, size = struct.unpack_from("<II", directory, offset + 116)
            if size >= self.cutoff:
                return self.read(start, size)
            mini_fat = self.read(self.mini_fat_start)
            table = struct.unpack(f"<{len(mini_fat) // 4}I", mini_fat)
            mini_stream = self.read(root_start)
            parts, sector, seen = [], start, 0
            while sector not in (_END_OF_CHAIN, _FREE) and seen <= len(table):
                if sector >= len(table):
                    raise BadXls("broken mini chain")
                at = sector * self.mini_size
                parts.append(mini_stream[at : at + self.mini_size])
                sector, seen = table[sector], seen + 1
            return b"".join(parts)[:size]
        raise BadXls("no workbook stream")


def sheet_areas(path: Path) -> list[tuple[int, int]]:
    """(rows, columns) counted from A1 for each worksheet, from its value cells."""
    try:
        book = _Compound(read_file(path, MAX_PART_BYTES)).stream(("Workbook", "Book"))
    except (struct.error, IndexError) as exc:
        raise BadXls("damaged") from exc
    areas: list[tuple[int, int]] = []
    rows = columns = 0
    offset = 0
    while offset + 4 <= len(book):
        kind, length = struct.unpack_from("<HH", book, offset)
        body = book[offset + 4 : offset + 4 + length]
        offset += 4 + length
        if kind == _BOF:
            if areas or rows or columns:
                areas.append((rows, columns))
            rows = columns = 0
        elif kind in _CELLS and len(body) >= 4:
            row, column = struct.unpack_from("<HH", body)
            rows, columns = max(rows, row + 1), max(columns, column + 1)
        elif kind == _MULRK and len(body) >= 6:
            row, _first = struct.unpack_from("<HH", body)
            (last,) = struct.unpack_from("<H", body, len(body) - 2)
            rows, columns = max(rows, row + 1), max(columns, last + 1)
    areas.append((rows, columns))
    return areas
