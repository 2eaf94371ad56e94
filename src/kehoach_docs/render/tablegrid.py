"""A rendered table's grid made to fit its cells, as docxtpl's table fix does: a {%tc %} loop,
`{% hm %}` or `{% colspan %}` changes how many grid columns a row spans, and LibreOffice
(which makes our PDFs) draws only the columns the grid (w:tblGrid) declares. Each cell's
width (w:tcW) is then set to the grid columns it spans, which Word reads first.

Read as text, not parsed: the XML is a fragment of a part, without its namespaces."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The properties of a cell, in the order ECMA-376 (CT_TcPr) requires them.
_CELL_PROPERTY_ORDER = (
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
)
_CELL_START = re.compile(r"<w:tc(?:\s[^>]*)?>")
_OWN_PROPS = re.compile(r"<w:tcPr(?:\s[^>/]*)?(?:/>|>(.*?)</w:tcPr>)", re.DOTALL)
# One property at the top level of a cell's properties (tcBorders holds others).
_PROPERTY = re.compile(r"<w:(\w+)\b[^>]*?/>|<w:(\w+)\b[^>]*>.*?</w:\2>", re.DOTALL)


def with_cell_property(cell: str, name: str, element: str) -> str:
    """The cell (its XML from `<w:tc>`) with property `name` set to `element`, in its place
    among the cell's own properties (those of a table inside it untouched)."""
    start = _CELL_START.match(cell)
    if start is None:
        return cell
    props = _OWN_PROPS.match(cell, start.end())
    if props is None:
        return f"{cell[: start.end()]}<w:tcPr>{element}</w:tcPr>{cell[start.end() :]}"
    kept: list[str] = []
    at = 0
    rank = _CELL_PROPERTY_ORDER.index(name)
    for found in _PROPERTY.finditer(props.group(1) or ""):
        own = found.group(1) or found.group(2)
        if own == name:
            continue
        if own in _CELL_PROPERTY_ORDER and _CELL_PROPERTY_ORDER.index(own) < rank:
            at = len(kept) + 1
        kept.append(found.group(0))
    kept.insert(at, element)
    return f"{cell[: props.start()]}<w:tcPr>{''.join(kept)}</w:tcPr>{cell[props.end() :]}"


_TABLE_MARK = re.compile(r"<(/?)w:tbl(?=[\s>/])[^>]*?(/?)>")


def tables(xml: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The spans of the tables in xml[start:end] not inside another table there."""
    spans, depth, opened = [], 0, 0
    for found in _TABLE_MARK.finditer(xml, start, len(xml) if end is None else end):
        if found.group(2):
            continue
        if not found.group(1):
            if depth == 0:
                opened = found.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, found.end()))
    return spans


_GRID = re.compile(r"<w:tblGrid\b[^>]*>(.*?)</w:tblGrid>|<w:tblGrid\b[^>]*/>", re.DOTALL)
_GRID_COL = re.compile(r"<w:gridCol\b([^>]*?)(?:/>|>.*?</w:gridCol>)", re.DOTALL)
_WIDTH = re.compile(r'\bw:w="(\d+)')
_ROW_OR_CELL = re.compile(r"<(/?)w:(tr|tc)(?=[\s>/])[^>]*?>")
_ROW_SKIP = re.compile(r'<w:grid(?:Before|After)\b[^>]*?w:val="(\d+)"')
_SPAN = re.compile(r'<w:gridSpan\b[^>]*?w:val="(\d+)"')


@dataclass
class _Cell:
    start: int
    head_end: int  # the end of its start tag and own properties
    span: int


def fitted_grid(xml: str) -> str:
    """Every table in `xml` with its grid fitted to its widest row and its cells' widths
    set to the grid."""
    pieces, at = [], 0
    for start, end in tables(xml):
        pieces += [xml[at:start], _fitted_table(xml[start:end])]
        at = end
    return "".join(pieces) + xml[at:] if pieces else xml


def _fitted_table(table: str) -> str:
    opening = table.index(">") + 1
    closing = table.rindex("<")
    table = table[:opening] + fitted_grid(table[opening:closing]) + table[closing:]
    inner = tables(table, opening)
    grid = _GRID.search(table, 0, inner[0][0] if inner else len(table))
    if grid is None:
        return table
    widths = [
        int(w.group(1)) if (w := _WIDTH.search(col.group(1))) else 0
        for col in _GRID_COL.finditer(grid.group(1) or "")
    ]
    rows = _rows(table, opening, inner)
    needed = max((skip + sum(cell.span for cell in cells) for skip, cells in rows), default=0)
    if needed == 0 or not widths:
        return table
    widths = _resized(widths, needed)
    columns = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    edits = [(grid.start(), grid.end(), f"<w:tblGrid>{columns}</w:tblGrid>")]
    # A loop's rows repeat the same few cells: each fitted once.
    fitted: dict[tuple[str, int], str] = {}
    for skip, cells in rows:
        column = skip
        for cell in cells:
            width = sum(widths[column : column + cell.span])
            column += cell.span
            key = (table[cell.start : cell.head_end], width)
            if key not in fitted:
                element = f'<w:tcW w:w="{width}" w:type="dxa"/>'
                fitted[key] = with_cell_property(key[0], "tcW", element)
            edits.append((cell.start, cell.head_end, fitted[key]))
    pieces, at = [], 0
    for start, end, text in edits:  # in the table's order
        pieces += [table[at:start], text]
        at = end
    return "".join(pieces) + table[at:]


def _resized(widths: list[int], needed: int) -> list[int]:
    """The grid of `needed` columns as wide as the old one: columns added share the width
    with the old (scaled down), columns removed give theirs to those left."""
    count, total = len(widths), sum(widths)
    if needed > count:
        return [w * count // needed for w in widths] + [total // needed] * (needed - count)
    if needed < count:
        extra = sum(widths[needed:]) // needed
        return [w + extra for w in widths[:needed]]
    return widths


def _rows(table: str, start: int, inner: list[tuple[int, int]]) -> list[tuple[int, list[_Cell]]]:
    """Each row of the table itself (not of a table inside a cell): the grid columns it
    skips (before and after its cells) and its cells."""
    rows: list[tuple[int, list[_Cell]]] = []
    bounds = [start, *(edge for span in inner for edge in span), len(table)]
    for lo, hi in zip(bounds[::2], bounds[1::2], strict=True):
        for found in _ROW_OR_CELL.finditer(table, lo, hi):
            closing, kind = found.groups()
            if kind == "tr" and not closing:
                first_cell = table.find("<w:tc", found.end())
                head = table[found.end() : first_cell if first_cell >= 0 else len(table)]
                rows.append((sum(int(n) for n in _ROW_SKIP.findall(head)), []))
            elif kind == "tc" and not closing and rows:
                props = _OWN_PROPS.match(table, found.end())
                head_end = props.end() if props else found.end()
                span = _SPAN.search(table, found.end(), head_end)
                width = int(span.group(1)) if span else 1
                rows[-1][1].append(_Cell(found.start(), head_end, width))
    return rows
