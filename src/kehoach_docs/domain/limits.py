"""Every cap the program puts on what it reads and makes, in one place (the README lists
them). A small hostile file must not take the machine: each cap is checked before the work
it bounds, and going past one is an input error naming the file and the place."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

MIB = 1 << 20

# Zip packages (.xlsx, .xlsb, .ods, .docx): what one part, and all parts together, may
# inflate to. A 100,000-row export's sheet is about 60 MiB.
MAX_PART_BYTES = 256 * MIB
MAX_PACKAGE_BYTES = 512 * MIB
MAX_PARTS = 10_000

# Spreadsheets: the rows and columns a sheet may span, and the cells of that area (the
# reader holds the whole area, empty cells included). A year of one-stop records of a large
# commune is well under 100,000 rows of 15 to 40 columns.
MAX_ROWS = 300_000
MAX_COLUMNS = 300
MAX_CELLS = 8_000_000
# What the formats themselves allow: a reference beyond these is not a real cell.
EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384  # XFD

# Hand-written YAML: the file, its aliases (*name) and how deep lists and groups nest.
MAX_YAML_BYTES = 4 * MIB
MAX_YAML_ALIASES = 200
MAX_YAML_DEPTH = 40
MAX_YAML_NODES = 200_000  # once every alias is read where it stands

# CSV: one field (an address, a reason) is never this long in a real export. Rows and columns
# are capped as a sheet's (MAX_ROWS, MAX_COLUMNS, MAX_CELLS).
MAX_CSV_FIELD = 64 * 1024
MAX_CSV_BYTES = MAX_PART_BYTES

# Tracker sheets (read by openpyxl, which makes an object of every merged cell): merged
# ranges, and the cells they cover together. Officers merge a few titles, not thousands.
MAX_MERGES = 1_000
MAX_MERGED_CELLS = 100_000

# Word plans (import-plan): a part (the body, numbering, styles), its XML elements (a parsed
# element takes about 120 bytes), the rows of all its tables, and a row's grid columns (Word's
# own maximum, so also the most a cell may span). The example's appendices, 150 table rows,
# are 7,000 elements as this tool writes them; Word writes a few times more.
MAX_PLAN_PART_BYTES = 64 * MIB
MAX_PLAN_ELEMENTS = 1_000_000
MAX_PLAN_ROWS = 20_000
MAX_WORD_COLUMNS = 63

# Small files read whole: the desk's password, the output folder's record of what it wrote.
MAX_SMALL_FILE_BYTES = 16 * MIB

# Templates. The numbers range() may count to, and the times a text may be repeated; the
# widths and precisions a value may be padded or formatted to; the digits of a number a
# template computes; the longest text (or list) one operation may make.
MAX_TEMPLATE_RANGE = 1_000
MAX_TEMPLATE_WIDTH = 1_000
MAX_TEMPLATE_DIGITS = 1_000
MAX_TEMPLATE_TEXT = 4 * MIB
# What one render may make (its output and every text its operations build) and do (loop
# steps, calls, items filters go through): a base for any document and an allowance per
# letter of a batch. Three nested loops of 1,000 are a billion steps.
MAX_OUTPUT_BYTES = 64 * MIB
MAX_OUTPUT_PER_ITEM = 256 * 1024
MAX_TEMPLATE_STEPS = 1_000_000
MAX_TEMPLATE_STEPS_PER_ITEM = 4_096
# A template's filled parts (body, headers, footers): their size (compiling one takes about
# 70 times its size in memory; the packaged report's body is 21 KB), how deep their tags may
# nest (Python compiles no more than 20 nested loops), how much code their tags may hold
# (the packaged report's body has 1,600 characters of it).
MAX_TEMPLATE_PART_BYTES = 4 * MIB
MAX_TEMPLATE_NESTING = 12
MAX_TEMPLATE_CODE = 64 * 1024


@dataclass(frozen=True)
class RenderBudget:
    """What one render of a template may make (characters) and do (steps)."""

    text: int
    steps: int


def output_budget(items: int) -> RenderBudget:
    """What rendering a document of `items` letters may make and do."""
    return RenderBudget(
        MAX_OUTPUT_BYTES + MAX_OUTPUT_PER_ITEM * items,
        MAX_TEMPLATE_STEPS + MAX_TEMPLATE_STEPS_PER_ITEM * items,
    )


class LimitExceeded(ValueError):
    """A cap passed; the message (Vietnamese) says which and where."""


def size_text(size: int) -> str:
    return f"{size / MIB:.0f} MB" if size >= MIB else f"{size // 1024} KB"


def check_zip_sizes(parts: Iterable[tuple[str, int]]) -> None:
    """The sizes a package declares for its parts, before any is inflated."""
    total = 0
    for count, (name, size) in enumerate(parts, start=1):
        if count > MAX_PARTS:
            raise LimitExceeded(f"gói có hơn {MAX_PARTS} phần")
        if size > MAX_PART_BYTES:
            raise LimitExceeded(
                f"phần «{name}» giải nén ra {size_text(size)}, quá giới hạn "
                f"{size_text(MAX_PART_BYTES)}"
            )
        total += size
        if total > MAX_PACKAGE_BYTES:
            raise LimitExceeded(f"các phần của tệp giải nén ra hơn {size_text(MAX_PACKAGE_BYTES)}")


def read_bounded(stream: IO[bytes], name: str, limit: int = MAX_PART_BYTES) -> bytes:
    """All of a stream, refused past `limit` bytes whatever its header declared."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise LimitExceeded(f"phần «{name}» giải nén ra hơn {size_text(limit)}")
    return data


class NotAFile(Exception):
    """A path that is there but is not a regular file: a FIFO would hang the read, a device
    (/dev/zero) never end it. `what` (Vietnamese) says what it is."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(f"{path}: {what}")
        self.path = path
        self.what = what


def file_kind(mode: int) -> str:
    """What a path that is not a regular file is, from its mode (Vietnamese)."""
    if stat.S_ISDIR(mode):
        return "là một thư mục, không phải tệp"
    if stat.S_ISFIFO(mode):
        return "là một đường ống (FIFO), không phải tệp"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "là thiết bị, không phải tệp"
    if stat.S_ISSOCK(mode):
        return "là một socket, không phải tệp"
    return "không phải tệp thường"


def regular_file(path: Path, missing_ok: bool = False) -> None:
    """NotAFile unless `path` (its link followed) is a regular file, told by its type before
    anything opens it; FileNotFoundError when nothing is there, unless `missing_ok`."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if missing_ok:
            return
        raise
    if not stat.S_ISREG(mode):
        what = file_kind(mode)
        if os.path.islink(path):
            what += f" (liên kết tới {os.path.realpath(path)})"
        raise NotAFile(path, what)


def read_file(path: Path, limit: int) -> bytes:
    """A regular file's bytes, refused past `limit` as they are read (the size stat gives
    proves nothing: a file may grow while it is read). The message does not name the file:
    the caller's place does."""
    regular_file(path)
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise LimitExceeded(f"tệp quá giới hạn {size_text(limit)}")
    return data


def column_letters(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def check_area(rows: int, columns: int, where: str) -> None:
    """A sheet's area (rows × columns, counted from A1) against the caps."""
    if rows > EXCEL_ROWS or columns > EXCEL_COLUMNS:
        raise LimitExceeded(
            f"{where}: ô ở dòng {rows}, cột {column_letters(columns)} vượt quá giới hạn của "
            f"Excel (dòng {EXCEL_ROWS}, cột {column_letters(EXCEL_COLUMNS)})"
        )
    if rows > MAX_ROWS:
        raise LimitExceeded(f"{where}: có dữ liệu đến dòng {rows}, quá giới hạn {MAX_ROWS} dòng")
    if columns > MAX_COLUMNS:
        raise LimitExceeded(
            f"{where}: có dữ liệu đến cột {column_letters(columns)}, quá giới hạn {MAX_COLUMNS} cột"
        )
    if rows * columns > MAX_CELLS:
        raise LimitExceeded(
            f"{where}: vùng dữ liệu {rows} dòng × {columns} cột quá giới hạn {MAX_CELLS} ô"
        )
