"""The one rendering engine for every document: sandboxed Jinja inside .docx templates,
reproducible bytes, atomic writes that never clobber a file an officer has edited."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import queue
import re
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any, BinaryIO

from jinja2 import Template, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SecurityError

from kehoach_docs.domain.limits import (
    MAX_TEMPLATE_PART_BYTES,
    MIB,
    LimitExceeded,
    NotAFile,
    RenderBudget,
    check_zip_sizes,
    output_budget,
    read_bounded,
    regular_file,
    size_text,
)
from kehoach_docs.render.contents import refused_content
from kehoach_docs.render.officezip import CORE, core_properties, entry
from kehoach_docs.render.sandbox import (
    Meter,
    Missing,
    Worded,
    compile_part,
    environment,
    metered,
)
from kehoach_docs.render.wordtags import TAG, jinja_source, place


class TemplateFault(Exception):
    """A template that cannot be rendered (syntax error, unknown field)."""

    def __init__(self, template: str, message: str) -> None:
        super().__init__(f"{template}: {message}")
        self.template = template
        self.message = message


_RENDERED_PARTS = re.compile(
    r"^(?:word/(?:document|header\d*|footer\d*|footnotes|endnotes)\.xml|docProps/core\.xml)$"
)
_BODY = "word/document.xml"
_CHUNK = 1 << 20
# A picture's drawing id must be unique in the whole document, or Word asks to repair it;
# a picture inside a loop is printed many times, so each copy draws a fresh id at render.
_DRAWING_ID = re.compile(r'(<wp:docPr\b[^>]*?\bid=")(\d+)(")')
_NEXT_DRAWING_ID = "kehoach_next_drawing_id"


@dataclass(frozen=True)
class CompiledTemplate:
    """A .docx template read once: its parts, and the Jinja programs of the parts that
    carry fields (the body, headers, footers, footnotes, endnotes and the properties)."""

    name: str
    entries: tuple[tuple[str, bytes], ...]
    programs: Mapping[str, Template]
    first_drawing_id: int = 1  # above the ids of the parts printed as they are


def _quoted(message: str | None, last: bool = False) -> str:
    """The name Jinja quotes in its (English) message, to show in ours: the first
    ("access to attribute '__class__' of 'str' object"), or the last ("'dict object' has no
    attribute 'khong_co'")."""
    found = re.findall(r"'([^']{1,60})'", message or "")
    return f" «{found[-1] if last else found[0]}»" if found else ""


def _line(exc: BaseException) -> int | None:
    """The template line an error was raised on while rendering: Jinja puts the template's
    own line in the traceback."""
    line, frame = None, exc.__traceback__
    while frame is not None:
        if frame.tb_frame.f_code.co_filename == "<template>":
            line = frame.tb_lineno
        frame = frame.tb_next
    return line


# Jinja's word for a block left open, and for a tag it does not know.
_LEFT_OPEN = re.compile(r"innermost block that needs to be closed is '(\w+)'")
_UNKNOWN = re.compile(r"unknown tag '(\w+)'")
_OBJECT_TAG = re.compile(r"\{\{-?(?:r|p|tr|tc)\s.*?\}\}", re.DOTALL)


def _shown_tag(tag: str) -> str:
    tag = " ".join(tag.split())
    return tag if len(tag) <= 60 else tag[:57] + "…"


_DELIMITER = re.compile(r"\{\{|\{%|\}\}|%\}")


def _unclosed(source: str) -> tuple[int, str] | None:
    """The first tag opened and never closed (another opens before it closes): its line and
    what a reader sees of it."""
    opened = None
    for found in _DELIMITER.finditer(source):
        if found.group(0)[0] != "{":
            opened = None
        elif opened is not None:
            line = source.count("\n", 0, opened.start()) + 1
            seen = source[opened.start() : found.start()].split("<", 1)[0].strip()
            closer = "}}" if opened.group(0) == "{{" else "%}"
            return line, f"thẻ «{_shown_tag(seen)}» không có dấu đóng «{closer}»"
        else:
            opened = found
    return None


def _syntax(exc: TemplateSyntaxError, source: str) -> tuple[int | None, str]:
    """Where a syntax error is and what is wrong, naming the tag: a tag left unclosed, else
    the first tag of the line that fails alone."""
    left_open = _LEFT_OPEN.search(exc.message or "")
    if left_open:
        # Found at the part's end: the end says nothing of where the block opens.
        keyword = left_open.group(1)
        return None, f"thiếu thẻ đóng «{{% end{keyword} %}}» cho một thẻ «{{% {keyword} … %}}»"
    unclosed = _unclosed(source)
    if unclosed is not None and exc.lineno and unclosed[0] <= exc.lineno:
        return unclosed
    lines = source.split("\n")
    text = lines[exc.lineno - 1] if exc.lineno and exc.lineno <= len(lines) else ""
    unknown = _UNKNOWN.search(exc.message or "")
    env = environment()
    for found in TAG.finditer(text):
        tag = found.group(0)
        if unknown and re.match(rf"\{{%[-+]?\s*{unknown.group(1)}\b", tag):
            if unknown.group(1).startswith(("end", "el")):
                return exc.lineno, f"thẻ «{_shown_tag(tag)}» không khớp với thẻ mở nào trước nó"
            return exc.lineno, f"thẻ «{_shown_tag(tag)}» chưa được hỗ trợ"
        try:
            env.parse(tag)
        except TemplateSyntaxError as alone:
            if "end of template" not in (alone.message or ""):
                return exc.lineno, (
                    f"thẻ «{_shown_tag(tag)}» viết sai (lỗi cú pháp); hãy xem "
                    "lại các dấu ngoặc và từ khóa"
                )
    return exc.lineno, "lỗi cú pháp trong {{ }} hoặc {% %}; hãy xem lại các dấu ngoặc và từ khóa"


def _fault(name: str, part: str, exc: TemplateError, xml: str, source: str = "") -> TemplateFault:
    if isinstance(exc, Worded):
        # Said already; the body is where fields are looked for first, another part named.
        return TemplateFault(name, f"{exc.message}{'' if part == _BODY else f' (phần {part})'}")
    if isinstance(exc, TemplateSyntaxError):
        line, what = _syntax(exc, source)
        return TemplateFault(name, f"{place(part, xml, line)}: {what}")
    where = place(part, xml, _line(exc))
    if isinstance(exc, UndefinedError):
        return TemplateFault(
            name, f"{where}: trường{_quoted(exc.message, last=True)} không có trong dữ liệu"
        )
    if isinstance(exc, SecurityError):
        return TemplateFault(
            name,
            f"{where}: mẫu dùng thao tác bị cấm{_quoted(exc.message)}; "
            "chỉ được dùng các trường dữ liệu và bộ lọc của chương "
            "trình",
        )
    return TemplateFault(name, f"{where}: không điền được mẫu{_quoted(exc.message)}")


def missing_fields(template: CompiledTemplate, missing: Missing) -> list[str]:
    """Each missing field a trial render noted (see sandbox.listing_missing), said once with
    its place, in the order met."""
    parts = {id(program): name for name, program in template.programs.items()}
    said: list[str] = []
    for program, line, message in missing:
        part = parts.get(id(program), _BODY)
        text = (
            f"{place(part, _xml(template.entries, part), line)}: trường"
            f"{_quoted(message, last=True)} không có trong dữ liệu"
        )
        if text not in said:
            said.append(text)
    return said


# What a template's own operations raise past the sandbox's checks (`1/0`, `|tojson` of a
# date, a macro calling itself): said with the template, never as an unforeseen error.
_FAILED = (ArithmeticError, AttributeError, LookupError, RecursionError, TypeError, ValueError)


def _failure(name: str, part: str, exc: Exception, xml: str) -> TemplateFault:
    if isinstance(exc, RecursionError):
        what = "mẫu gọi lồng nhau quá sâu (một macro tự gọi lại chính nó?)"
    elif isinstance(exc, ZeroDivisionError):
        what = "mẫu chia cho 0"
    else:
        what = "một phép tính, bộ lọc hay lời gọi trong mẫu không dùng được với giá trị này"
    return TemplateFault(name, f"{place(part, xml, _line(exc))}: không điền được mẫu: {what}")


def _object_tag(name: str, part: str, xml: str, source: str) -> TemplateFault | None:
    """docxtpl's {{r }}, {{p }}, {{tr }}, {{tc }} print an object made in Python (formatted
    text, a sub-document, a picture): data here is plain text, so they are refused."""
    found = _OBJECT_TAG.search(source)
    if found is None:
        return None
    where = place(part, xml, source.count("\n", 0, found.start()) + 1)
    tag = _shown_tag(found.group(0))
    return TemplateFault(
        name,
        f"{where}: thẻ «{tag}» chưa được hỗ trợ (docxtpl dùng nó để chèn "
        "chữ định dạng sẵn, văn bản con hay ảnh; chương trình chỉ điền chữ): "
        "hãy viết «{{ tên_trường }}»",
    )


def _xml(entries: tuple[tuple[str, bytes], ...], part: str) -> str:
    """A part's XML as the officer saved it, for an error's place."""
    return dict(entries).get(part, b"").decode("utf-8", "replace")


def _read_parts(path: Path) -> tuple[tuple[str, bytes], ...]:
    """Every part of a .docx, each checked against the caps before it is inflated."""
    regular_file(path)
    with zipfile.ZipFile(path) as source:
        infos = source.infolist()
        check_zip_sizes((info.filename, info.file_size) for info in infos)
        parts = []
        for info in infos:
            with source.open(info) as part:
                parts.append((info.filename, read_bounded(part, info.filename)))
        return tuple(parts)


def _numbered_drawings(xml: str) -> str:
    return _DRAWING_ID.sub(rf"\g<1>{{{{ {_NEXT_DRAWING_ID}() }}}}\g<3>", xml)


# Templates compiled in this process, one per file, with the digest of the very parts read:
# the desk's every page and job, and validate's trial of each quarter, compile the same few
# templates; an edited file has other bytes, so it is compiled again and replaces its old
# version (never judged by the file's time). Large ones are not kept.
_COMPILED: OrderedDict[str, tuple[bytes, CompiledTemplate]] = OrderedDict()
_COMPILED_KEPT = 16
_COMPILED_MAX_BYTES = 8 * MIB
_COMPILED_LOCK = threading.Lock()


def _digest(entries: tuple[tuple[str, bytes], ...]) -> bytes:
    digest = hashlib.sha256()
    for name, data in entries:
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.digest()


def compile_template(path: Path) -> CompiledTemplate:
    """The template at `path` read, checked and compiled (TemplateFault if it cannot be)."""
    entries = _template_parts(path)
    if sum(len(data) for _, data in entries) > _COMPILED_MAX_BYTES:
        return _compiled(path.name, entries)
    place, digest = str(path.absolute()), _digest(entries)
    with _COMPILED_LOCK:
        kept = _COMPILED.get(place)
        if kept is not None and kept[0] == digest:
            _COMPILED.move_to_end(place)
            return kept[1]
    template = _compiled(path.name, entries)
    with _COMPILED_LOCK:
        _COMPILED[place] = (digest, template)
        _COMPILED.move_to_end(place)
        while len(_COMPILED) > _COMPILED_KEPT:
            _COMPILED.popitem(last=False)
    return template


def _template_parts(path: Path) -> tuple[tuple[str, bytes], ...]:
    try:
        return _read_parts(path)
    except FileNotFoundError as exc:
        raise TemplateFault(path.name, "không tìm thấy tệp mẫu") from exc
    except NotAFile as exc:
        raise TemplateFault(path.name, exc.what) from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise TemplateFault(
            path.name,
            "tệp mẫu hỏng hoặc không phải tệp Word (.docx); hãy lưu lại bằng Word dưới dạng .docx",
        ) from exc
    except LimitExceeded as exc:
        raise TemplateFault(path.name, str(exc)) from exc


def _compiled(file: str, entries: tuple[tuple[str, bytes], ...]) -> CompiledTemplate:
    """`file`: the template's file name, for messages."""
    env = environment()
    if not any(name == _BODY for name, _ in entries):
        raise TemplateFault(
            file,
            f"tệp mẫu không có phần {_BODY}: không phải văn bản "
            "Word (.docx); hãy lưu lại bằng Word dưới dạng .docx",
        )
    programs = {}
    sources = {}
    first_drawing_id = 1
    for name, data in entries:
        if _RENDERED_PARTS.match(name):
            if len(data) > MAX_TEMPLATE_PART_BYTES:
                raise TemplateFault(
                    file,
                    f"phần {name} dài {size_text(len(data))}, quá "
                    f"giới hạn {size_text(MAX_TEMPLATE_PART_BYTES)} cho phần "
                    "được điền của mẫu",
                )
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise TemplateFault(
                    file, f"phần «{name}» không phải văn bản UTF-8; hãy lưu lại mẫu bằng Word"
                ) from exc
            sources[name] = jinja_source(text)
            refused = _object_tag(file, name, text, sources[name])
            if refused is not None:
                raise refused
        elif b"<wp:docPr" in data:
            for match in _DRAWING_ID.finditer(data.decode("utf-8", "replace")):
                first_drawing_id = max(first_drawing_id, int(match.group(2)) + 1)
    # Before any program is made: a template reaching outside is refused however it fills.
    refusal = refused_content(entries, sources)
    if refusal is not None:
        raise TemplateFault(file, refusal)
    for name, source in sources.items():
        try:
            programs[name] = compile_part(env, _numbered_drawings(source), name)
        except Worded as exc:  # says the part itself
            raise TemplateFault(file, exc.message or "") from exc
        except TemplateError as exc:
            raise _fault(file, name, exc, _xml(entries, name), source) from exc
    return CompiledTemplate(file, entries, MappingProxyType(programs), first_drawing_id)


_ONE_DOCUMENT = output_budget(0)


def write_docx(
    template: CompiledTemplate,
    context: Mapping[str, Any],
    out: BinaryIO,
    stamp: dt.datetime,
    title: str = "",
    parts: Mapping[str, bytes] | None = None,
    budget: RenderBudget = _ONE_DOCUMENT,
) -> None:
    """Render into an open file as a stream: the body is written while it is generated, so
    a batch of any size needs no more memory than one chunk. Same inputs, same bytes.
    `parts` replaces template parts by name (a picture the template holds a place for);
    a render making or doing more than `budget` stops (a runaway loop)."""
    parts = parts or {}
    context = {**context, _NEXT_DRAWING_ID: itertools.count(template.first_drawing_id).__next__}
    # Level 1: a batch document is highly repetitive, so it still shrinks ~20x, at a third
    # of the default level's cost.
    with (
        metered(budget) as meter,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package,
    ):
        for name, data in template.entries:
            program = template.programs.get(name)
            if name == CORE and program is not None:
                own = _rendered(template, name, program, context, meter)
                package.writestr(entry(name), core_properties(stamp, title, own))
            elif name in parts:
                package.writestr(entry(name), parts[name])
            elif program is None:
                package.writestr(entry(name), data)
            else:
                with package.open(entry(name), "w", force_zip64=True) as part:
                    _stream(template, name, program, context, part, meter)


def _rendered(
    template: CompiledTemplate,
    name: str,
    program: Template,
    context: Mapping[str, Any],
    meter: Meter,
) -> str:
    """A small part rendered whole (the document's properties)."""
    try:
        text = program.render(context)
        meter.spend(len(text))
        return text
    except TemplateError as exc:
        raise _fault(template.name, name, exc, _xml(template.entries, name)) from exc
    except _FAILED as exc:
        raise _failure(template.name, name, exc, _xml(template.entries, name)) from exc


def _stream(
    template: CompiledTemplate,
    name: str,
    program: Template,
    context: Mapping[str, Any],
    part: IO[bytes],
    meter: Meter,
) -> None:
    """Generate on this thread, compress and write on another: zlib lets go of the
    interpreter lock, so the two run on both cores."""
    chunks: queue.Queue[bytes | None] = queue.Queue(maxsize=4)
    failure: list[BaseException] = []

    def writer() -> None:
        try:
            while (chunk := chunks.get()) is not None:
                part.write(chunk)
        except BaseException as exc:  # handed back to the generating thread
            failure.append(exc)
            while chunks.get() is not None:
                pass

    thread = threading.Thread(target=writer, name="docx-writer", daemon=True)
    thread.start()
    pending: list[str] = []
    size = 0
    try:
        for piece in program.generate(context):
            pending.append(piece)
            size += len(piece)
            if size >= _CHUNK:
                meter.spend(size)
                chunks.put("".join(pending).encode("utf-8"))
                pending.clear()
                size = 0
        meter.spend(size)
        chunks.put("".join(pending).encode("utf-8"))
    except TemplateError as exc:
        raise _fault(template.name, name, exc, _xml(template.entries, name)) from exc
    except _FAILED as exc:
        raise _failure(template.name, name, exc, _xml(template.entries, name)) from exc
    finally:
        chunks.put(None)
        thread.join()
    if failure:
        raise failure[0]


def render_docx(
    template: CompiledTemplate,
    context: Mapping[str, Any],
    stamp: dt.datetime,
    title: str = "",
    parts: Mapping[str, bytes] | None = None,
) -> bytes:
    """A small document rendered in memory (for the batch documents use write_docx)."""
    buffer = io.BytesIO()
    write_docx(template, context, buffer, stamp, title, parts)
    return buffer.getvalue()
