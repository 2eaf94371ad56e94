"""Template tags as an officer types them in Word, made plain Jinja.

Word stores "{{ l.ten }}" split across runs wherever spelling marks, revision ids or a format
change fall inside it, and AutoCorrect turns its straight quotes into typographic ones. The
element tags ({%tr %}, {%tc %}, {%p %}, {%r %}) stand for a Jinja statement replacing the
whole table row, cell, paragraph or run that holds them, so that a loop repeats rows and a
condition drops paragraphs. `{% vm %}` in a cell merges it vertically over its loop's rows.
These are the docxtpl conventions the templates were written with; owning them keeps the
engine off docxtpl's internal API.
"""

from __future__ import annotations

import html
import re

# A delimiter split by markup: "{</w:t></w:r><w:proofErr/><w:r><w:t>%" is "{%".
_SPLIT_OPEN = re.compile(r"(?<=\{)(?:<[^>]*>)+(?=[{%#])")
_SPLIT_CLOSE = re.compile(r"(?<=[}%#])(?:<[^>]*>)+(?=\})")
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
# What lies between two pieces of a tag's text: the end of a text node, the runs, spelling
# and revision marks, bookmarks, and the start of the next text node.
_BETWEEN_TEXTS = re.compile(r"</w:t>.*?<w:t(?:\s[^>]*)?>", re.DOTALL)
_TYPOGRAPHIC = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'",
                              "\u00a0": " "})  # fmt: skip

_ELEMENT_TAGS = {
    name: re.compile(
        rf"<w:{name}[ >](?:(?!<w:{name}[ >]).)*?\{{([%#]){name}\s(.*?)[%#]\}}.*?</w:{name}>",
        re.DOTALL,
    )
    # Outermost first: a row tag removes the row, paragraphs and runs included.
    for name in ("tr", "tc", "p", "r")
}
_MERGED_CELL = re.compile(r"<w:tc[ >](?:(?!<w:tc[ >]).)*?\{%\s*vm\s*%\}.*?</w:tc>", re.DOTALL)
_VM = re.compile(r"\{%\s*vm\s*%\}(.*?)</w:t>", re.DOTALL)
_CELL_START = re.compile(r"<w:tc(?:\s[^>]*)?>")
_CELL_PROPS = re.compile(r"(<w:tcPr(?:\s[^>/]*)?)(?:>(.*?)</w:tcPr>|\s*/>)", re.DOTALL)
# tcW, gridSpan and hMerge come before vMerge in a cell's properties (ECMA-376 CT_TcPr).
_BEFORE_VMERGE = re.compile(r"<w:(?:tcW|gridSpan|hMerge)\b[^>]*/>")
_OLD_VMERGE = re.compile(r"<w:vMerge\b[^>]*/>")
_VMERGE = '<w:vMerge w:val="{% if loop.first %}restart{% else %}continue{% endif %}"/>'
_TEXT_WITH_TAG = re.compile(r"<w:t>(?=[^<]*(?:\{\{|\{%))")


def _clean_tag(match: re.Match[str]) -> str:
    return html.unescape(_BETWEEN_TEXTS.sub("", match.group(0))).translate(_TYPOGRAPHIC)


def _element_tag(match: re.Match[str]) -> str:
    mark = match.group(1)
    return f"{{{mark} {match.group(2).strip()} {mark}}}"


def _merge_vertically(match: re.Match[str]) -> str:
    """The cell's text only in the loop's first row, and the rows' cells merged into it."""
    cell = _VM.sub(r"{% if loop.first %}\1{% endif %}</w:t>", match.group(0), count=1)
    props = _CELL_PROPS.search(cell)
    if props is None:
        start = _CELL_START.match(cell)
        assert start is not None  # the pattern matched a cell's start tag
        return f"{cell[: start.end()]}<w:tcPr>{_VMERGE}</w:tcPr>{cell[start.end() :]}"
    inner = _OLD_VMERGE.sub("", props.group(2) or "")
    before = list(_BEFORE_VMERGE.finditer(inner))
    at = before[-1].end() if before else 0
    inner = inner[:at] + _VMERGE + inner[at:]
    return f"{cell[: props.start()]}{props.group(1)}>{inner}</w:tcPr>{cell[props.end() :]}"


def jinja_source(xml: str) -> str:
    """A Word part's XML with its template tags joined, cleaned and turned into Jinja."""
    xml = _SPLIT_CLOSE.sub("", _SPLIT_OPEN.sub("", xml))
    xml = _TAG.sub(_clean_tag, xml)
    for pattern in _ELEMENT_TAGS.values():
        xml = pattern.sub(_element_tag, xml)
    xml = _MERGED_CELL.sub(_merge_vertically, xml)
    # A field's own leading and trailing spaces are kept when it is printed.
    return _TEXT_WITH_TAG.sub('<w:t xml:space="preserve">', xml)
