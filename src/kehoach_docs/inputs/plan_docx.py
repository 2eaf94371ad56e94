"""A plan typed in Word → its appendix tables as plan values, and every cell that could not
be placed (table, row, column). Units keep their plan as a signed .docx; this reads the tables
however the unit laid them out: columns known by meaning in any order, section rows, merged
cells, several paragraphs or line breaks in a cell, tables continued over pages."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import cast

from lxml import etree

from kehoach_docs.domain.limits import (
    MAX_PLAN_ELEMENTS,
    MAX_PLAN_PART_BYTES,
    MAX_PLAN_ROWS,
    MAX_WORD_COLUMNS,
    NotAFile,
    regular_file,
)
from kehoach_docs.domain.nd30 import roman
from kehoach_docs.domain.plan import (
    Appendix,
    ContentGroup,
    ContentTask,
    PartialDate,
    Section,
    TableKind,
    TaskRow,
)
from kehoach_docs.domain.problems import Problems
from kehoach_docs.domain.textclean import clean_text, fold_words

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class Column(Enum):
    NUMBER = "STT"
    TASK = "nhiệm vụ"
    PRODUCT = "kết quả/sản phẩm"
    PROGRESS = "tiến độ"
    LEAD = "chủ trì"
    SUPPORT = "phối hợp"
    CONTENT = "nội dung"


# Header words (without marks, lower case) → meaning; the first rule that matches wins, so
# "thời gian thực hiện" is a deadline before "thực hiện" makes it the lead body.
_HEADER_RULES: tuple[tuple[Column, re.Pattern[str]], ...] = (
    (Column.SUPPORT, re.compile(r"\bphoi hop\b")),
    (Column.PROGRESS, re.compile(r"\b(tien do|thoi gian|thoi han|thoi diem)\b")),
    (Column.PRODUCT, re.compile(r"\b(ket qua|san pham)\b")),
    (Column.NUMBER, re.compile(r"^(stt|tt|so tt|so thu tu)$")),
    (Column.LEAD, re.compile(r"\b(chu tri|thuc hien|don vi|co quan|trach nhiem)\b")),
    (Column.TASK, re.compile(r"\b(nhiem vu|giai phap|cong viec|hoat dong)\b")),
    (Column.CONTENT, re.compile(r"\bnoi dung\b")),
)
HEADER_WORDS = 8
_ROMAN = re.compile(r"^[IVXLC]+$")
_SECTION_TEXT = re.compile(r"^([IVXLC]+|\d+)\s*[.)]\s*(\S.*)$")
_BULLETS = ("-", "+", "•", "–", "*", "\uf0b7", "\uf0a7", "▪", "◦")
_DASHES = ("•", "–", "\uf0b7", "\uf0a7", "▪", "◦")  # typed or symbol-font bullets, written "- "
_APPENDIX_HEADING = re.compile(r"^phụ lục\s+([IVXLC]+|\d+)\b\s*[:.\-–]?\s*(.*)$", re.IGNORECASE)
_ATTACHED = re.compile(r"^\(?\s*kèm theo", re.IGNORECASE)
_PLAN_NUMBER = re.compile(r"số\s*:?\s*(\d+)\s*/", re.IGNORECASE)
_PLAN_DATE = re.compile(
    r"ngày\s*(\d{1,2})?\s*(?:tháng|/)\s*(\d{1,2})?\s*(?:năm|/)\s*(\d{4})", re.IGNORECASE
)
_COLUMN_NUMBERS = re.compile(r"^\(?\d+\)?$")


class _Refused(Exception):
    """A part or table the reader must not build or spread over its grid; `where` is the
    part, or the table and row."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(message)
        self.where = where
        self.message = message


@dataclass(frozen=True)
class Cell:
    column: int  # first grid column, 0-based
    span: int
    lines: tuple[str, ...]
    continued: bool  # a vertically merged cell's continuation (it shows the cell above)

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass
class ImportedPlan:
    appendices: list[Appendix] = field(default_factory=list)
    # Each appendix's number as its «Phụ lục II» heading gives it (None: no heading).
    numbers: list[int | None] = field(default_factory=list)
    number: int | None = None
    date: PartialDate = field(default_factory=PartialDate)
    tables: int = 0
    rows: int = 0


@dataclass
class _Builder:
    """One appendix while its rows are read."""

    title: str
    kind: TableKind
    number: int | None = None  # from its «Phụ lục» heading
    sections: list[tuple[str, str, list]] = field(default_factory=list)

    def section(self, number: str, title: str) -> None:
        self.sections.append((number, title, []))

    def items(self) -> list:
        if not self.sections:
            self.sections.append(("", "", []))
        return self.sections[-1][2]

    def appendix(self) -> Appendix:
        if self.kind is TableKind.TASKS:
            sections = tuple(
                Section(number=n, title=t, rows=tuple(items)) for n, t, items in self.sections
            )
        else:
            sections = tuple(
                Section(
                    number=n,
                    title=t,
                    groups=tuple(ContentGroup(content, tuple(tasks)) for content, tasks in items),
                )
                for n, t, items in self.sections
            )
        return Appendix(title=self.title, kind=self.kind, sections=sections)


def read_plan_docx(path: Path, display: str, problems: Problems) -> ImportedPlan | None:
    """The appendices of a Word plan; None (with an error) when there is no table to read."""
    body, bullets = _open(path, display, problems)
    if body is None:
        return None
    reader = _Reader(display, problems, bullets)
    try:
        for element in _blocks(body):
            if element.tag == W + "p":
                reader.paragraph(_paragraph_lines(element, bullets))
            else:
                reader.table(element)
    except _Refused as exc:
        problems.error(display, None, exc.where, exc.message)
        return None
    result = reader.finish()
    if not result.appendices:
        problems.error(
            display,
            None,
            "",
            "không thấy bảng nào có hàng tiêu đề nhận ra được (STT, Nhiệm "
            "vụ, Kết quả/sản phẩm, Tiến độ, Chủ trì, Phối hợp... hoặc Nội dung, Giải pháp...)",
        )
        return None
    return result


def _open(path: Path, display: str, problems: Problems):
    try:
        regular_file(path)
        with zipfile.ZipFile(path) as archive:
            data = _part(archive, "word/document.xml")
            numbering = _part(archive, "word/numbering.xml", required=False)
            styles = _part(archive, "word/styles.xml", required=False)
        root = etree.fromstring(data, _PARSER)
        bullets = _bullet_lists(etree.fromstring(numbering, _PARSER)) if numbering else set()
        if styles and bullets:
            bullets |= _bullet_styles(etree.fromstring(styles, _PARSER), bullets)
    except NotAFile as exc:
        problems.error(display, None, "", exc.what)
        return None, set()
    except _Refused as exc:
        problems.error(display, None, exc.where, exc.message)
        return None, set()
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError):
        problems.error(
            display,
            None,
            "",
            "không phải tệp Word .docx đọc được (hãy mở bằng Word "
            "rồi lưu lại dạng «Word Document (*.docx)»)",
        )
        return None, set()
    body = root.find(W + "body")
    if body is None:
        problems.error(display, None, "", "tệp Word không có nội dung")
        return None, set()
    return body, bullets


def _part(archive: zipfile.ZipFile, name: str, required: bool = True) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        if required:
            raise
        return b""
    if info.file_size > MAX_PLAN_PART_BYTES:
        raise ValueError(name)
    with archive.open(info) as handle:
        data = handle.read(MAX_PLAN_PART_BYTES + 1)
    if len(data) > MAX_PLAN_PART_BYTES:
        raise ValueError(name)
    # Counted in the text, before the parser builds them (about 120 bytes each).
    elements = data.count(b"<") - data.count(b"</")
    if elements > MAX_PLAN_ELEMENTS:
        raise _Refused(name, f"có {elements} thẻ XML, quá giới hạn {MAX_PLAN_ELEMENTS} thẻ")
    return data


def _bullet_lists(numbering: etree._Element) -> set[tuple[str, str]]:
    """(numId, level) pairs whose list level is a bullet, not a number."""
    abstract = {}
    for item in numbering.iter(W + "abstractNum"):
        levels = set()
        for level in item.iter(W + "lvl"):
            fmt = level.find(W + "numFmt")
            if fmt is not None and fmt.get(W + "val") == "bullet":
                levels.add(level.get(W + "ilvl", "0"))
        abstract[item.get(W + "abstractNumId")] = levels
    pairs = set()
    for num in numbering.iter(W + "num"):
        ref = num.find(W + "abstractNumId")
        if ref is not None:
            for ilvl in abstract.get(ref.get(W + "val"), ()):
                pairs.add((num.get(W + "numId", ""), ilvl))
    return pairs


def _bullet_styles(styles: etree._Element, bullets: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """("style", styleId) for paragraph styles that are bullet lists ("List Bullet")."""
    found = set()
    for style in styles.iter(W + "style"):
        numbering = style.find(f"{W}pPr/{W}numPr")
        if numbering is None:
            continue
        num = numbering.find(W + "numId")
        level = numbering.find(W + "ilvl")
        pair = (
            num.get(W + "val", "") if num is not None else "",
            level.get(W + "val", "0") if level is not None else "0",
        )
        if pair in bullets:
            found.add(("style", style.get(W + "styleId", "")))
    return found


def _blocks(parent: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables of the body in order, content controls opened."""
    for child in parent:
        if child.tag in (W + "p", W + "tbl"):
            yield child
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _blocks(content)


def _paragraph_lines(paragraph: etree._Element, bullets: set[tuple[str, str]]) -> list[str]:
    """A paragraph's text, one entry per line break; a bulleted paragraph starts with "- "."""
    parts = [""]
    for element in paragraph.iter(W + "t", W + "br", W + "cr", W + "tab"):
        if element.tag == W + "t":
            parts[-1] += element.text or ""
        elif element.tag == W + "tab":
            parts[-1] += " "
        else:
            parts.append("")
    lines = [clean_text(part) for part in parts]
    lines = [line for line in lines if line]
    if lines and _is_bullet(paragraph, bullets):
        lines[0] = "- " + lines[0]
    return [_dash(line) for line in lines]


def _is_bullet(paragraph: etree._Element, bullets: set[tuple[str, str]]) -> bool:
    props = paragraph.find(W + "pPr")
    numbering = props.find(W + "numPr") if props is not None else None
    if numbering is None:
        style = props.find(W + "pStyle") if props is not None else None
        return style is not None and ("style", style.get(W + "val", "")) in bullets
    num = numbering.find(W + "numId")
    level = numbering.find(W + "ilvl")
    return (
        num.get(W + "val") if num is not None else "",
        level.get(W + "val") if level is not None else "0",
    ) in bullets


def _dash(line: str) -> str:
    """Bullet characters typed by hand ("• ", "+ ") written the plan's way: "- "."""
    for mark in _DASHES:
        if line.startswith(mark) and len(line) > len(mark):
            return "- " + line[len(mark) :].lstrip()
    return line


def _columns(props: etree._Element | None, tag: str, where: str) -> int | None:
    """A count of grid columns (a cell's span, the columns skipped before a row), checked
    before anything is spread over them; None when not given."""
    element = props.find(W + tag) if props is not None else None
    if element is None:
        return None
    value = element.get(W + "val", "")
    if not (value.isascii() and value.isdigit()):
        raise _Refused(where, f"số cột «{value[:20]}» không phải số hợp lệ")
    if len(value) > 9 or int(value) > MAX_WORD_COLUMNS:  # int() of a long text is slow
        raise _Refused(
            where, f"số cột {value[:20]} quá giới hạn {MAX_WORD_COLUMNS} cột của bảng Word"
        )
    return int(value)


def _cells(row: etree._Element, bullets: set[tuple[str, str]], where: str) -> list[Cell]:
    """A row's cells on the table's grid; _Refused when its spans or merges are not what
    Word writes (`where`: the table and row)."""
    column = _columns(row.find(W + "trPr"), "gridBefore", where) or 0
    cells = []
    # An XPath of elements only gives elements (its declared result covers every XPath).
    found = cast(
        list[etree._Element],
        row.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc", namespaces={"w": W[1:-1]}),
    )
    if len(found) > MAX_WORD_COLUMNS:
        raise _Refused(
            where, f"dòng có {len(found)} ô, quá giới hạn {MAX_WORD_COLUMNS} cột của bảng Word"
        )
    for tc in found:
        tc_props = tc.find(W + "tcPr")
        merge = tc_props.find(W + "vMerge") if tc_props is not None else None
        span = max(1, _columns(tc_props, "gridSpan", where) or 1)
        if column + span > MAX_WORD_COLUMNS:
            raise _Refused(
                where, f"các ô trải qua hơn {MAX_WORD_COLUMNS} cột, quá giới hạn của bảng Word"
            )
        state = merge.get(W + "val", "continue") if merge is not None else None
        if state not in (None, "continue", "restart"):
            raise _Refused(where, f"kiểu gộp dọc «{state[:20]}» của ô không hợp lệ")
        continued = state == "continue"
        lines: list[str] = []
        for block in _blocks(tc):
            if block.tag == W + "p":
                lines += _paragraph_lines(block, bullets)
        cells.append(Cell(column, span, tuple(lines), continued))
        column += span
    return cells


def _meaning(header: str) -> Column | None:
    words = fold_words(header)
    for column, rule in _HEADER_RULES:
        if rule.search(words):
            return column
    return None


def _header(cells: list[Cell]) -> dict[int, Column | None] | None:
    """Grid column → meaning, when the row is a header row (two known columns at least, one
    of them the task or content)."""
    meanings: dict[int, Column | None] = {}
    for cell in cells:
        meaning = _meaning(cell.text) if cell.text else None
        for column in range(cell.column, cell.column + cell.span):
            meanings[column] = meaning
    known = {m for m in meanings.values() if m is not None}
    filled = [cell for cell in cells if cell.text]
    if (
        len(known) < 2
        or not known & {Column.TASK, Column.CONTENT}
        # Header cells are short names; a task's text often holds the same words.
        or any(len(cell.text.split()) > HEADER_WORDS for cell in filled)
        or sum(_meaning(cell.text) is not None for cell in filled) * 2 < len(filled)
    ):
        return None
    if Column.CONTENT in known and Column.TASK not in known:
        # "STT | Nội dung | Kết quả ..." : the content column holds the tasks.
        meanings = {c: Column.TASK if m is Column.CONTENT else m for c, m in meanings.items()}
    return meanings


def _is_column_numbers(cells: list[Cell]) -> bool:
    """The "(1) (2) (3)" row some units put under the header."""
    texts = [cell.text for cell in cells if cell.text]
    return len(texts) >= 3 and all(_COLUMN_NUMBERS.match(text) for text in texts)


def _row_number(text: str) -> str:
    text = text.strip()
    if text in _BULLETS:
        return ""
    return text.rstrip(".").strip()


class _Reader:
    """Walks the body: appendix headings, then the tables under them."""

    def __init__(self, display: str, problems: Problems, bullets: set[tuple[str, str]]) -> None:
        self.display = display
        self.problems = problems
        self.bullets = bullets
        self.result = ImportedPlan()
        self.current: _Builder | None = None
        self.columns: dict[int, Column | None] | None = None
        self.headers: dict[int, str] = {}
        self.heading: list[str] | None = None  # title lines of a "Phụ lục" heading just read
        self.heading_number: int | None = None  # that heading's number
        self.last_paragraph = ""
        self.table_number = 0
        self.rows_seen = 0  # of every table so far, against MAX_PLAN_ROWS
        self.last_content: tuple[str, list] | None = None
        self.above: dict[Column, str] = {}  # text of each column in the row above

    def paragraph(self, lines: list[str]) -> None:
        text = " ".join(lines)
        if not text:
            return
        heading = _APPENDIX_HEADING.match(text)
        if heading:
            self.heading = [heading.group(2)] if heading.group(2) else []
            self.heading_number = _appendix_number(heading.group(1))
        elif _ATTACHED.match(text):
            self._attached(text)
        elif self.heading is not None:
            self.heading.append(text)
        self.last_paragraph = text

    def _attached(self, text: str) -> None:
        """ "(Kèm theo Kế hoạch số 05/KH-UBND ngày 05/02/2024 ...)": number and date if filled."""
        number = _PLAN_NUMBER.search(text)
        if number and self.result.number is None:
            self.result.number = int(number.group(1))
        date = _PLAN_DATE.search(text)
        if date and self.result.date == PartialDate():
            day, month, year = (int(g) if g else None for g in date.groups())
            self.result.date = PartialDate(year=year, month=month, day=day if month else None)

    def table(self, table: etree._Element) -> None:
        self.table_number += 1
        rows = table.findall(W + "tr")
        self.rows_seen += len(rows)
        if self.rows_seen > MAX_PLAN_ROWS:
            raise _Refused(
                f"bảng {self.table_number}", f"các bảng có hơn {MAX_PLAN_ROWS} dòng, quá giới hạn"
            )
        for index, row in enumerate(rows, start=1):
            cells = _cells(row, self.bullets, f"bảng {self.table_number} › dòng {index}")
            header = _header(cells)
            if header is not None:
                self._start(header, cells)
                continue
            if self.columns is None or self.current is None:
                if any(cell.text for cell in cells):
                    self._unplaced(index, cells, "bảng chưa có hàng tiêu đề nhận ra được")
                continue
            if _is_column_numbers(cells) or not any(cell.lines for cell in cells):
                continue
            self.result.rows += 1
            self._row(index, cells)
        if self.current is not None:
            self.result.tables += 1
        self.heading = None

    def _start(self, header: dict[int, Column | None], cells: list[Cell]) -> None:
        """A header row: a new appendix after a "Phụ lục" heading (or at the first table, or
        when the kind of table changes); otherwise the same table continued."""
        kind = TableKind.CONTENTS if Column.CONTENT in header.values() else TableKind.TASKS
        self.columns = header
        self.headers = {
            column: cell.text
            for cell in cells
            for column in range(cell.column, cell.column + cell.span)
        }
        if self.heading is None and self.current is not None and self.current.kind is kind:
            return
        self._close()
        number = None
        if self.heading is not None:
            title = " ".join(self.heading)
            number = self.heading_number
        else:
            title = "" if _ATTACHED.match(self.last_paragraph) else self.last_paragraph
        if not title:
            self.problems.warning(
                self.display,
                None,
                f"bảng {self.table_number}",
                "không thấy tên phụ lục ở trên bảng; hãy điền «tieu_de»",
            )
        self.current = _Builder(title=title, kind=kind, number=number)
        self.heading = None
        self.last_content = None
        self.above = {}

    def _place(self, index: int, cells: list[Cell]) -> dict[Column, Cell]:
        """Each cell under its column's meaning; the others reported."""
        assert self.columns is not None
        placed: dict[Column, Cell] = {}
        for cell in cells:
            meaning = self.columns.get(cell.column)
            if meaning is None or meaning in placed:
                if cell.lines:
                    self._unplaced(index, [cell], "cột không thuộc bảng kế hoạch")
                continue
            placed[meaning] = cell
        return placed

    def _section_row(self, cells: list[Cell], placed: dict[Column, Cell]) -> bool:
        assert self.current is not None
        filled = [cell for cell in cells if cell.lines]
        number_cell = placed.get(Column.NUMBER)
        number = number_cell.text.rstrip(".") if number_cell else ""
        others = [cell for cell in filled if cell is not number_cell]
        if _ROMAN.match(number) and len({cell.text for cell in others}) == 1:
            self.current.section(number, others[0].text)
            return True
        if len(filled) != 1:
            return False
        only = filled[0]
        match = _SECTION_TEXT.match(only.text)
        spans = only.span > 1 or len(cells) == 1
        content_title = (
            self.current.kind is TableKind.CONTENTS
            and placed.get(Column.CONTENT) is only
            and match is not None
            and match.group(1).isdigit()
            and ")" not in only.text[: len(match.group(1)) + 2]
        )
        if spans or content_title:
            if match:
                self.current.section(match.group(1), match.group(2))
            else:
                self.current.section("", only.text)
            return True
        return False

    def _row(self, index: int, cells: list[Cell]) -> None:
        assert self.current is not None
        placed = self._place(index, cells)
        if self._section_row(cells, placed):
            self.last_content = None
            return

        def text(column: Column) -> str:
            cell = placed.get(column)
            if cell is None:
                return ""
            value = self.above.get(column, "") if cell.continued else _joined(cell.lines)
            self.above[column] = value
            return value

        def lines(column: Column) -> tuple[str, ...]:
            cell = placed.get(column)
            return () if cell is None or cell.continued else cell.lines

        if self.current.kind is TableKind.TASKS:
            self.current.items().append(
                TaskRow(
                    number=_row_number(text(Column.NUMBER)) if Column.NUMBER in placed else "",
                    task=lines(Column.TASK),
                    products=lines(Column.PRODUCT),
                    progress=text(Column.PROGRESS),
                    lead=text(Column.LEAD),
                    support=text(Column.SUPPORT),
                )
            )
            return
        content = placed.get(Column.CONTENT)
        task = ContentTask(
            solution=lines(Column.TASK),
            executor=text(Column.LEAD),
            support=text(Column.SUPPORT),
            time=text(Column.PROGRESS),
        )
        starts_group = content is not None and content.lines and not content.continued
        if starts_group or self.last_content is None:
            assert content is not None or not starts_group
            name = _joined(content.lines) if content is not None else ""
            self.last_content = (name, [])
            self.current.items().append(self.last_content)
        self.last_content[1].append(task)

    def _unplaced(self, index: int, cells: list[Cell], why: str) -> None:
        for cell in cells:
            if not cell.lines:
                continue
            header = self.headers.get(cell.column, "")
            named = f" «{header}»" if header else ""
            where = f"bảng {self.table_number} › dòng {index} › cột {cell.column + 1}{named}"
            message = f"không xếp được vào kế hoạch ({why}): «{_short(cell.text)}»"
            self.problems.warning(self.display, None, where, message)

    def _close(self) -> None:
        """The appendix being read, done."""
        if self.current is not None:
            self.result.appendices.append(self.current.appendix())
            self.result.numbers.append(self.current.number)
            self.current = None

    def finish(self) -> ImportedPlan:
        self._close()
        return self.result


def _appendix_number(text: str) -> int | None:
    """«II» or «2» of a «Phụ lục» heading."""
    if text.isdigit():
        return int(text)
    return next((n for n in range(1, 40) if roman(n) == text.upper()), None)


def _joined(lines: tuple[str, ...]) -> str:
    """A one-value cell typed on several lines (a body per line): one line, comma-separated."""
    out = ""
    for line in lines:
        if out:
            out += " " if out.endswith((",", ";")) else ", "
        out += line.removeprefix("- ")
    return out


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
