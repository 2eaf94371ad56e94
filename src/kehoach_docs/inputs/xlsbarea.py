"""The area an .xlsb (Excel binary) worksheet spans, read from its cell records before
python-calamine opens it: calamine holds a sheet's whole area in memory, so a tiny file with
one cell at A1 and one at XFD1048576 would take gigabytes.

A worksheet part is a stream of BIFF12 records: a type (1-2 bytes) and a size (1-4 bytes),
each 7 bits a byte with the high bit saying another byte follows. A row header record gives
the row of the cells after it; each cell record starts with its column."""

from __future__ import annotations

import struct
from typing import IO

_ROW_HEADER = 0x0000  # BrtRowHdr: rw (uint32, from 0)
# BrtCellBlank, BrtCellRk, BrtCellError, BrtCellBool, BrtCellReal, BrtCellSt, BrtCellIsst,
# BrtFmlaString, BrtFmlaNum, BrtFmlaBool, BrtFmlaError, and BrtCellRString (rich text):
# each starts with its column (uint32).
_CELLS = frozenset({*range(0x01, 0x0C), 0x3E})
_CHUNK = 1 << 20


def _varint(data: bytes, pos: int, most: int) -> tuple[int, int] | None:
    """A value of up to `most` bytes, 7 bits each; None when the data ends inside it."""
    value = 0
    for index in range(most):
        if pos + index >= len(data):
            return None
        byte = data[pos + index]
        value |= (byte & 0x7F) << (7 * index)
        if not byte & 0x80:
            return value, pos + index + 1
    return value, pos + most


def sheet_area(part: IO[bytes]) -> tuple[int, int]:
    """(rows, columns) counted from A1 that the sheet's cells span, read as a stream."""
    rows = columns = row = 0
    pending = b""
    skip = 0  # bytes of a record body still to pass over, in the next chunks
    while chunk := part.read(_CHUNK):
        if skip >= len(chunk):
            skip -= len(chunk)
            continue
        data, pos, skip = pending + chunk[skip:], 0, 0
        while True:
            kind = _varint(data, pos, 2)
            size = kind and _varint(data, kind[1], 4)
            if not kind or not size:
                break
            (kind_value, _), (length, start) = kind, size
            wanted = 4 if kind_value == _ROW_HEADER or kind_value in _CELLS else 0
            if start + min(length, wanted) > len(data):
                break
            if wanted and length >= 4:
                (number,) = struct.unpack_from("<I", data, start)
                if kind_value == _ROW_HEADER:
                    row = number
                else:
                    rows, columns = max(rows, row + 1), max(columns, number + 1)
            pos = start + length
            if pos > len(data):
                skip, pos = pos - len(data), len(data)
        pending = data[pos:]
    return rows, columns
