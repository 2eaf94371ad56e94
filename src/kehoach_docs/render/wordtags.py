"""Template tags as an officer types them in Word, made plain Jinja.

Word stores "{{ l.ten }}" split across runs wherever spelling marks, revision ids or a format
change fall inside it, and AutoCorrect turns its straight quotes into typographic ones. The
element tags ({%tr %}, {%tc %}, {%p %}, {%r %}) stand for a Jinja statement replacing the
whole table row, cell, paragraph or run that holds them, so that a loop repeats rows and a
condition drops paragraphs; a {%r %} tag splits its run, so that a condition holds part of
a line. In a cell, `{% vm %}` merges it vertically over its loop's rows, `{% hm %}`
horizontally over its {%tc %} loop's columns, `{% colspan n %}` spans n grid columns and
`{% cellbg "hex" %}` colours it. `{%-` joins the tag to the text before it, `-%}` to the
text after it, whatever paragraphs lie between. These are the docxtpl conventions the
templates were written with; owning them keeps the engine off docxtpl's internal API.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import nodes
from jinja2.visitor import NodeTransformer
from markupsafe import Markup

from kehoach_docs.render.tablegrid import tables, with_cell_property

# A delimiter split by markup: "{</w:t></w:r><w:proofErr/><w:r><w:t>%" is "{%".
_SPLIT_OPEN = re.compile(r"(?<=\{)(?:<[^>]*>)+(?=[{%#])")
_SPLIT_CLOSE = re.compile(r"(?<=[}%#])(?:<[^>]*>)+(?=\})")
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
# What lies between two pieces of a tag's text: the end of a text node, the runs, spelling
# and revision marks, bookmarks, and the start of the next text node.
_BETWEEN_TEXTS = re.compile(r"</w:t>.*?<w:t(?:\s[^>]*)?>", re.DOTALL)
_TYPOGRAPHIC = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "\u00a0": " "}
)

_ELEMENT_TAGS = {
    name: re.compile(
        rf"<w:{name}[ >](?:(?!<w:{name}[ >]).)*?\{{([%#]){name}\s(.*?)[%#]\}}.*?</w:{name}>",
        re.DOTALL,
    )
    # Outermost first: a row tag removes the row, paragraphs and runs included.
    for name in ("tr", "tc", "p", "r")
}
_CELL = r"<w:tc[ >](?:(?!<w:tc[ >]).)*?"
_MERGED_CELL = re.compile(_CELL + r"\{%\s*vm\s*%\}.*?</w:tc>", re.DOTALL)
_VM = re.compile(r"\{%\s*vm\s*%\}(.*?)</w:t>", re.DOTALL)
_VMERGE = '<w:vMerge w:val="{% if loop.first %}restart{% else %}continue{% endif %}"/>'
_SPANNED_CELL = re.compile(_CELL + r"\{%\s*hm\s*%\}.*?</w:tc>", re.DOTALL)
_HM = re.compile(r"\{%\s*hm\s*%\}")
_GRID_SPAN = re.compile(r'<w:gridSpan\b[^>]*?w:val="(\d+)"[^>]*/>')
_CELL_TAGS = {
    name: re.compile(rf"({_CELL})\{{%\s*{name}\s+(.*?)\s*%\}}(.*?</w:tc>)", re.DOTALL)
    for name in ("colspan", "cellbg")
}
_CELL_ELEMENTS = {
    "colspan": ("gridSpan", '<w:gridSpan w:val="{{{{ {} }}}}"/>'),
    "cellbg": ("shd", '<w:shd w:val="clear" w:color="auto" w:fill="{{{{ {} }}}}"/>'),
}
# A run left holding no text once a tag is taken out of it.
_EMPTY_RUN = re.compile(
    r"<w:r(?:\s[^>]*)?>(?:<w:rPr>(?:(?!</w:r>).)*?</w:rPr>)?"
    r"<w:t(?:\s[^>]*)?></w:t></w:r>",
    re.DOTALL,
)
_TEXT_WITH_TAG = re.compile(r"<w:t>(?=[^<]*(?:\{\{|\{%))")
# {%r %} tags: the run holding one, split around it.
_RUN_WITH_TAG = re.compile(r"<w:r[ >](?:(?!<w:r[ >]).)*?\{%r\s.*?</w:r>", re.DOTALL)
_RUN_TAG = re.compile(r"\{%r\s(.*?)%\}", re.DOTALL)
_RUN_PROPS = re.compile(r"<w:rPr>.*?</w:rPr>", re.DOTALL)
# docxtpl's joins: from the text before `{%-` to it, from `-%}` to the text after it.
_JOIN_BEFORE = re.compile(r"</w:t>(?:(?!</w:t>).)*?\{%-", re.DOTALL)
# Tags the XML taken out by a join may hold (a {%r %} tag ending the paragraph before).
_TAG_IN_JOIN = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
_JOIN_AFTER = re.compile(r"-%\}(?:(?!<w:t[ >]|\{%|\{\{).)*?<w:t(?:\s[^>]*)?>", re.DOTALL)
# Tables whose grid a render may change (see tablegrid).
_GRID_TAG = re.compile(r"\{%tc\s|\{%\s*(?:hm|colspan)\b")
GRID_FILTER = "kehoach_grid"


def _lines_of(removed: str) -> str:
    """The line ends of XML taken out, kept so that each paragraph stays on its own line."""
    return "\n" * removed.count("\n")


def _joined_before(join: re.Match[str]) -> str:
    """The XML between the text and `{%-` taken out. A tag in it (a {%r %} tag that ended
    the paragraph before) stays where it is, between runs: the join then takes out only
    what follows it, and the text after `{%-` goes on in a run of its own, with its format."""
    removed = join.group(0)
    tags = list(_TAG_IN_JOIN.finditer(removed))
    if not tags:
        return "{%" + _lines_of(removed)
    kept, dropped = removed[: tags[-1].end()], removed[tags[-1].end() :]
    if "<w:t" not in dropped:  # the tag is in the text `{%-` opens: nothing to join
        return kept + dropped.removesuffix("{%-") + "{%"
    props = _RUN_PROPS.findall(dropped)
    reopen = f'<w:r>{props[-1] if props else ""}<w:t xml:space="preserve">'
    return kept + reopen + "{%" + _lines_of(dropped)


_MARKUP = re.compile(r"<(/?)([\w:]+)[^>]*?(/?)>")
_RUN_LEVEL = frozenset({"w:r", "w:t"})


def _crosses_elements(between: str) -> bool:
    """Whether the XML between two pieces of a tag leaves or enters more than runs (a
    hyperlink, a tracked insertion): taking it out would leave the other end unmatched."""
    opened: list[str] = []
    for found in _MARKUP.finditer(between):
        closing, name, empty = found.groups()
        if empty:
            continue
        if not closing:
            opened.append(name)
        elif opened and opened[-1] == name:
            opened.pop()
        elif name not in _RUN_LEVEL:
            return True
    return any(name not in _RUN_LEVEL for name in opened)


def _clean_tag(match: re.Match[str]) -> str:
    """The tag's pieces joined where it begins. What lies between them goes, unless it
    leaves or enters more than runs: then it is kept after the tag, which stays whole."""
    kept: list[str] = []

    def joined(between: re.Match[str]) -> str:
        if _crosses_elements(between.group(0)):
            kept.append(between.group(0))
            return ""
        return _lines_of(between.group(0))

    tag = _BETWEEN_TEXTS.sub(joined, match.group(0))
    return html.unescape(tag).translate(_TYPOGRAPHIC) + "".join(kept)


def _element_tag(match: re.Match[str]) -> str:
    mark = match.group(1)
    # Line ends inside the tag: outside it they would be printed.
    return f"{{{mark} {match.group(2).strip()} {_lines_of(match.group(0))}{mark}}}"


def _split_run(match: re.Match[str]) -> str:
    """The run cut at each {%r %} tag, the tag standing between its pieces, each piece
    keeping the run's format."""
    run = match.group(0)
    props = _RUN_PROPS.search(run)
    reopen = f'<w:r>{props.group(0) if props else ""}<w:t xml:space="preserve">'
    split = _RUN_TAG.sub(lambda tag: f"</w:t></w:r>{{% {tag.group(1).strip()} %}}{reopen}", run)
    return _EMPTY_RUN.sub("", split)


def _cell_tag(name: str) -> Callable[[re.Match[str]], str]:
    """A `{% colspan n %}` or `{% cellbg "hex" %}` taken out of its cell's text and made the
    cell's property."""
    prop, element = _CELL_ELEMENTS[name]

    def made(match: re.Match[str]) -> str:
        cell = _EMPTY_RUN.sub("", match.group(1) + match.group(3))
        return with_cell_property(cell, prop, element.format(match.group(2)))

    return made


def _merge_vertically(match: re.Match[str]) -> str:
    """The cell's text only in the loop's first row, and the rows' cells merged into it."""
    cell = _VM.sub(r"{% if loop.first %}\1{% endif %}</w:t>", match.group(0), count=1)
    return with_cell_property(cell, "vMerge", _VMERGE)


def _merge_horizontally(match: re.Match[str]) -> str:
    """The cell only in its {%tc %} loop's first column, spanning the loop's columns."""
    cell = _EMPTY_RUN.sub("", _HM.sub("", match.group(0), count=1))
    span = _GRID_SPAN.search(cell.split("</w:tcPr>", 1)[0])
    times = f"{span.group(1)} * loop.length" if span else "loop.length"
    cell = with_cell_property(cell, "gridSpan", f'<w:gridSpan w:val="{{{{ {times} }}}}"/>')
    return f"{{% if loop.first %}}{cell}{{% endif %}}"


def _grid_fitted(xml: str) -> str:
    """Each table a render may widen or narrow, its grid fitted to its cells at render."""
    pieces, at = [], 0
    for start, end in tables(xml):
        if _GRID_TAG.search(xml, start, end):
            pieces += [
                xml[at:start],
                f"{{% filter {GRID_FILTER} %}}",
                xml[start:end],
                "{% endfilter %}",
            ]
            at = end
    return "".join(pieces) + xml[at:]


_PARAGRAPH = re.compile(r"\n?(<w:p[ >])")


def by_paragraph(xml: str) -> str:
    return _PARAGRAPH.sub(r"\n\1", xml.replace("\r\n", "\n"))


_PART_WORDS = (
    (re.compile(r"word/document\.xml"), "thân văn bản"),
    (re.compile(r"word/header(\d*)\.xml"), "đầu trang"),
    (re.compile(r"word/footer(\d*)\.xml"), "chân trang"),
    (re.compile(r"word/footnotes\.xml"), "chú thích cuối trang"),
    (re.compile(r"word/endnotes\.xml"), "chú thích cuối văn bản"),
    (re.compile(r"docProps/core\.xml"), "thuộc tính văn bản (tiêu đề…)"),
)
_FIRST_WORDS = 8


def part_words(part: str) -> str:
    """A part as Word shows it to an officer: "thân văn bản", "đầu trang 2"."""
    for pattern, words in _PART_WORDS:
        found = pattern.fullmatch(part)
        if found:
            number = found.group(1) if found.groups() else ""
            return f"{words} {number}" if number and number != "1" else words
    return f"phần {part}"


def place(part: str, xml: str, line: int | None) -> str:
    """Where line `line` of a part's program stands, in an officer's words: the part, the
    paragraph's number and its first words ("thân văn bản, đoạn 12 «Kính gửi: …»")."""
    where = part_words(part)
    lines = by_paragraph(xml).split("\n")
    if line is None or not 1 <= line <= len(lines) or not lines[line - 1].startswith("<w:p"):
        return where  # before the first paragraph (the part's declaration)
    number = sum(1 for text in lines[:line] if text.startswith("<w:p"))
    text = " ".join(html.unescape(re.sub(r"<[^>]*>", "", lines[line - 1])).split())
    words = text.split(" ")
    shown = " ".join(words[:_FIRST_WORDS]) + (" …" if len(words) > _FIRST_WORDS else "")
    return f"{where}, đoạn {number}" + (f" «{shown}»" if text else "")


def jinja_source(xml: str) -> str:
    """A Word part's XML with its template tags joined, cleaned and turned into Jinja. Each
    paragraph starts a line, as docxtpl does: line N of the program is paragraph N - 1 of
    the part, so an error names the paragraph (`place`)."""
    xml = _SPLIT_CLOSE.sub("", _SPLIT_OPEN.sub("", by_paragraph(xml)))
    xml = TAG.sub(_clean_tag, xml)
    xml = _grid_fitted(xml)
    for name, pattern in _CELL_TAGS.items():
        xml = pattern.sub(_cell_tag(name), xml)
    xml = _RUN_WITH_TAG.sub(_split_run, xml)
    # The line ends crossed stay inside the tag.
    xml = _JOIN_BEFORE.sub(_joined_before, xml)
    xml = _JOIN_AFTER.sub(lambda join: _lines_of(join.group(0)) + "%}", xml)
    for pattern in _ELEMENT_TAGS.values():
        xml = pattern.sub(_element_tag, xml)
    xml = _MERGED_CELL.sub(_merge_vertically, xml)
    xml = _SPANNED_CELL.sub(_merge_horizontally, xml)
    # A field's own leading and trailing spaces are kept when it is printed.
    return _TEXT_WITH_TAG.sub('<w:t xml:space="preserve">', xml)


# ------------------------------------------------------------------ values in Word text

# What a value may hold that Word text cannot: line ends, tabs, docxtpl's paragraph (\a)
# and page (\f) marks, and characters XML forbids (the file would not open at all).
_SPECIAL = re.compile(r"\r\n?|[\x00-\x1f\ud800-\udfff\ufffe\uffff]")
_REOPEN = '<w:t xml:space="preserve">'
_BREAK = f"</w:t><w:br/>{_REOPEN}"
_TAB = f"</w:t><w:tab/>{_REOPEN}"
_PAGE_IN_RUN = f'</w:t><w:br w:type="page"/>{_REOPEN}'


_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_value(text: str) -> str:
    """A value printed outside Word text (an attribute, a title): what XML forbids taken
    out."""
    # Of the same type: a template's own Markup stays unescaped.
    return type(text)(_ILLEGAL.sub("", text)) if _ILLEGAL.search(text) else text


def word_text(text: Markup, paragraph: str | None, run: str) -> Markup:
    """An escaped value printed inside <w:t>: `\\n` a line break, `\\t` a tab, `\\a` a new
    paragraph and `\\f` a page break as docxtpl makes them, any other control character
    dropped. `paragraph` is the properties a new paragraph copies, None where the text is
    not directly in a paragraph's run (a hyperlink's, a field's): a line break there."""
    if _SPECIAL.search(text) is None:
        return text
    reopen = "" if paragraph is None else f"</w:t></w:r></w:p><w:p>{paragraph}<w:r>{run}{_REOPEN}"

    def one(found: re.Match[str]) -> str:
        mark = found.group(0)
        if mark in ("\n", "\r", "\r\n"):
            return _BREAK
        if mark == "\t":
            return _TAB
        if mark == "\a":
            return reopen or _BREAK
        if mark == "\f":
            if paragraph is None:
                return _PAGE_IN_RUN
            # docxtpl's page break: a paragraph of its own between the two halves.
            return (
                '</w:t></w:r></w:p><w:p><w:r><w:br w:type="page"/></w:r></w:p>'
                f"<w:p>{paragraph}<w:r>{run}{_REOPEN}"
            )
        return ""

    return Markup(_SPECIAL.sub(one, text))


_ESCAPE = re.compile(r"\{_[{%]|[}%]_\}")
_ELEMENT = re.compile(r"<(/?)([\w.-]+:[\w.-]+)\b[^>]*?(/?)>")
_SECTION = re.compile(r"<w:sectPr\b.*?</w:sectPr>|<w:sectPr\b[^>]*/>", re.DOTALL)


@dataclass
class _Open:
    name: str
    props: str = ""


class TextFields(NodeTransformer):
    """Each field printed inside Word text (`<w:t>…{{ x }}…</w:t>`) passed through
    `word_text`, with the properties of the paragraph and run it stands in: the XML around
    it is followed in source order, which is the order the parts of a template are written
    in (a branch's XML is balanced, so the other branch leaves the same elements open)."""

    def __init__(self) -> None:
        self.open: list[_Open] = []

    def visit_Output(self, node: nodes.Output) -> nodes.Output:
        for index, child in enumerate(node.nodes):
            if isinstance(child, nodes.TemplateData):
                self._follow(child.data)
                # docxtpl's escapes print a tag's marks as text.
                child.data = _ESCAPE.sub(lambda found: found.group(0).replace("_", ""), child.data)
            else:
                self.generic_visit(child)  # in place
                if self.open and self.open[-1].name == "w:t":
                    node.nodes[index] = self._wrapped(child)
        return node

    def _wrapped(self, expr: nodes.Expr) -> nodes.Expr:
        names = [item.name for item in self.open[-3:]]
        paragraph = self.open[-3].props if names == ["w:p", "w:r", "w:t"] else None
        run = self.open[-2].props if len(self.open) > 1 else ""
        call = nodes.EnvironmentAttribute("kehoach_text", lineno=expr.lineno)
        args: list[nodes.Expr] = [expr, nodes.Const(paragraph), nodes.Const(run)]
        return nodes.Call(call, args, [], None, None, lineno=expr.lineno)

    def _follow(self, data: str) -> None:
        for found in _ELEMENT.finditer(data):
            closing, name, empty = found.groups()
            if closing:
                for depth in range(len(self.open) - 1, -1, -1):
                    if self.open[depth].name == name:
                        del self.open[depth:]
                        break
            elif not empty:
                self._props(data, found, name)
                self.open.append(_Open(name))

    def _props(self, data: str, found: re.Match[str], name: str) -> None:
        """A paragraph's or run's properties, kept on it for the text that follows."""
        owner = {"w:pPr": "w:p", "w:rPr": "w:r"}.get(name)
        if owner is None or not self.open or self.open[-1].name != owner:
            return
        end = data.find(f"</{name}>", found.end())
        if end >= 0:
            # A copied section break would end a section at every new paragraph.
            self.open[-1].props = _SECTION.sub("", data[found.start() : end + len(name) + 3])
