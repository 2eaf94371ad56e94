"""The one rendering engine for every document: sandboxed Jinja inside .docx templates,
reproducible bytes, atomic writes that never clobber a file an officer has edited."""

from __future__ import annotations

import datetime as dt
import gc
import io
import itertools
import queue
import re
import threading
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from jinja2 import (
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from kehoach_docs.domain import nd30
from kehoach_docs.domain.limits import (
    MAX_OUTPUT_BYTES,
    MAX_TEMPLATE_RANGE,
    LimitExceeded,
    NotAFile,
    check_zip_sizes,
    read_bounded,
    regular_file,
    size_text,
)
from kehoach_docs.render.officezip import CORE, core_properties, entry
from kehoach_docs.render.wordtags import jinja_source


class TemplateFault(Exception):
    """A template that cannot be rendered (syntax error, unknown field)."""

    def __init__(self, template: str, message: str) -> None:
        super().__init__(f"{template}: {message}")
        self.template = template
        self.message = message


def _finalize(value: Any) -> Any:
    # An empty field prints as nothing, never as "None".
    return "" if value is None else value


class _Sandbox(SandboxedEnvironment):
    """The sandbox, reading a plain dict's field as its key first: `l.so` on a dict would
    otherwise fail as an attribute, then be checked as one, for every field of every letter
    (most of a large batch's time). A key of a dict our code made is as safe as an item
    `l["so"]`, which the sandbox never checks."""

    # Powers and repetitions are checked before they run: `9**9**9` or `"x" * 10**9` in a
    # template would otherwise take the machine (Jinja would even fold them at compile time).
    intercepted_binops = frozenset({"**", "*"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError("lũy thừa quá lớn")
        if operator == "*":
            count = right if isinstance(left, str | list | tuple) else left
            sized = isinstance(left, str | list | tuple) or isinstance(right, str | list | tuple)
            if sized and isinstance(count, int) and count > MAX_TEMPLATE_RANGE:
                raise SecurityError(f"phép nhân chuỗi quá {MAX_TEMPLATE_RANGE} lần")
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def environment() -> SandboxedEnvironment:
    env = _Sandbox(autoescape=True, undefined=StrictUndefined, finalize=_finalize)
    env.globals["range"] = _bounded_range
    env.filters["ngay"] = nd30.date_text
    env.filters["so_vb"] = nd30.number_text
    env.filters["la_ma"] = nd30.roman
    return env


_RENDERED_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
_BODY = "word/document.xml"
_CHUNK = 1 << 20
# A picture's drawing id must be unique in the whole document, or Word asks to repair it;
# a picture inside a loop is printed many times, so each copy draws a fresh id at render.
_DRAWING_ID = re.compile(r'(<wp:docPr\b[^>]*?\bid=")(\d+)(")')
_NEXT_DRAWING_ID = "kehoach_next_drawing_id"


@dataclass(frozen=True)
class CompiledTemplate:
    """A .docx template read once: its parts, and the Jinja programs of the parts that
    carry fields (the body, headers and footers)."""

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


def _fault(name: str, exc: TemplateError) -> TemplateFault:
    if isinstance(exc, UndefinedError):
        return TemplateFault(name, f"trường{_quoted(exc.message, last=True)} không có trong "
                             "dữ liệu")  # fmt: skip
    if isinstance(exc, SecurityError):
        if exc.message and not exc.message.isascii():  # ours, already in Vietnamese
            return TemplateFault(name, exc.message)
        return TemplateFault(name, f"mẫu dùng thao tác bị cấm{_quoted(exc.message)}; chỉ "
                             "được dùng các trường dữ liệu và bộ lọc của chương trình")  # fmt: skip
    if isinstance(exc, TemplateSyntaxError):
        where = f" (dòng {exc.lineno} của phần văn bản)" if exc.lineno else ""
        return TemplateFault(name, f"lỗi cú pháp trong {{{{ }}}} hoặc {{% %}}{where}; hãy "
                             "xem lại các dấu ngoặc và từ khóa")  # fmt: skip
    return TemplateFault(name, f"không điền được mẫu{_quoted(exc.message)}")


def _bounded_range(*args: int) -> range:
    """range() in a template, within the cap (the sandbox's own allows 100,000, and two
    nested loops of that take hours)."""
    try:
        numbers = range(*args)
        count = len(numbers)
    except (OverflowError, TypeError, ValueError):
        count = MAX_TEMPLATE_RANGE + 1
    if count > MAX_TEMPLATE_RANGE:
        raise SecurityError(f"vòng lặp range() quá {MAX_TEMPLATE_RANGE} lần")
    return numbers


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


def compile_template(path: Path) -> CompiledTemplate:
    env = environment()
    try:
        entries = _read_parts(path)
    except FileNotFoundError as exc:
        raise TemplateFault(path.name, "không tìm thấy tệp mẫu") from exc
    except NotAFile as exc:
        raise TemplateFault(path.name, exc.what) from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise TemplateFault(path.name, "tệp mẫu hỏng hoặc không phải tệp Word (.docx); hãy "
                            "lưu lại bằng Word dưới dạng .docx") from exc  # fmt: skip
    except LimitExceeded as exc:
        raise TemplateFault(path.name, str(exc)) from exc
    if not any(name == _BODY for name, _ in entries):
        raise TemplateFault(path.name, f"tệp mẫu không có phần {_BODY}: không phải văn bản "
                            "Word (.docx); hãy lưu lại bằng Word dưới dạng .docx")  # fmt: skip
    programs = {}
    first_drawing_id = 1
    try:
        for name, data in entries:
            if _RENDERED_PARTS.match(name):
                try:
                    text = data.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise TemplateFault(path.name, f"phần «{name}» không phải văn bản UTF-8; "
                                        "hãy lưu lại mẫu bằng Word") from exc  # fmt: skip
                source = _numbered_drawings(jinja_source(text))
                programs[name] = env.from_string(source)
            elif b"<wp:docPr" in data:
                for match in _DRAWING_ID.finditer(data.decode("utf-8", "replace")):
                    first_drawing_id = max(first_drawing_id, int(match.group(2)) + 1)
    except TemplateError as exc:
        raise _fault(path.name, exc) from exc
    return CompiledTemplate(path.name, entries, programs, first_drawing_id)


def write_docx(
    template: CompiledTemplate,
    context: Mapping[str, Any],
    out: BinaryIO,
    stamp: dt.datetime,
    title: str = "",
    parts: Mapping[str, bytes] | None = None,
    budget: int = MAX_OUTPUT_BYTES,
) -> None:
    """Render into an open file as a stream: the body is written while it is generated, so
    a batch of any size needs no more memory than one chunk. Same inputs, same bytes.
    `parts` replaces template parts by name (a picture the template holds a place for);
    a part growing past `budget` characters stops the render (a runaway loop)."""
    parts = parts or {}
    context = {**context, _NEXT_DRAWING_ID: itertools.count(template.first_drawing_id).__next__}
    # Level 1: a batch document is highly repetitive, so it still shrinks ~20x, at a third
    # of the default level's cost.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for name, data in template.entries:
            program = template.programs.get(name)
            if name == CORE:
                package.writestr(entry(name), core_properties(stamp, title))
            elif name in parts:
                package.writestr(entry(name), parts[name])
            elif program is None:
                package.writestr(entry(name), data)
            else:
                with package.open(entry(name), "w", force_zip64=True) as part:
                    _stream(template.name, program, context, part, budget)


def _stream(name: str, program: Template, context: Mapping[str, Any], part: BinaryIO,
            budget: int) -> None:  # fmt: skip
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
    size = total = 0
    # What is alive now (a whole export's dossiers, for a batch) is left out of the cycle
    # collector's passes while the batch renders: it would walk all of it on every pass.
    gc.freeze()
    try:
        for piece in program.generate(context):
            pending.append(piece)
            size += len(piece)
            if size >= _CHUNK:
                total += size
                if total > budget:
                    raise TemplateFault(name, f"văn bản điền ra quá {size_text(budget)}; mẫu "
                                        "có vòng lặp lớn bất thường?")  # fmt: skip
                chunks.put("".join(pending).encode("utf-8"))
                pending.clear()
                size = 0
        chunks.put("".join(pending).encode("utf-8"))
    except TemplateError as exc:
        raise _fault(name, exc) from exc
    finally:
        gc.unfreeze()
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
