"""The one rendering engine for every document: sandboxed Jinja inside .docx templates,
reproducible bytes, atomic writes that never clobber a file an officer has edited."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import queue
import re
import tempfile
import threading
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape as xml_escape

from jinja2 import (
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from . import nd30

# Any fixed instant will do: 1980-01-01 is the earliest a zip entry can carry.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MANIFEST = ".kehoach-da-ghi.json"
# Temporary files are made private (0600); a finished document gets the usual permissions.
_UMASK = os.umask(0)
os.umask(_UMASK)
_FILE_MODE = 0o666 & ~_UMASK


class TemplateFault(Exception):
    """A template that cannot be rendered (syntax error, unknown field)."""

    def __init__(self, template: str, message: str) -> None:
        super().__init__(f"{template}: {message}")
        self.template = template
        self.message = message


def _finalize(value: Any) -> Any:
    # An empty field prints as nothing, never as "None".
    return "" if value is None else value


def environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, finalize=_finalize)
    env.filters["ngay"] = nd30.date_text
    env.filters["so_vb"] = nd30.number_text
    env.filters["la_ma"] = nd30.roman
    return env


def find_template(name: str, workspace: Path | None) -> Path:
    """The workspace's own copy of a template if it has one, else the packaged one."""
    if workspace is not None:
        own = workspace / "templates" / name
        if own.is_file():
            return own
    return Path(str(resources.files("kehoach_docs") / "templates" / name))


_RENDERED_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
_CORE = "docProps/core.xml"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class CompiledTemplate:
    """A .docx template read once: its parts, and the Jinja programs of the parts that
    carry fields (the body, headers and footers)."""

    name: str
    entries: tuple[tuple[str, bytes], ...]
    programs: Mapping[str, Template]


def _fault(name: str, exc: TemplateError) -> TemplateFault:
    if isinstance(exc, UndefinedError):
        return TemplateFault(name, f"trường không có trong dữ liệu ({exc.message})")
    if isinstance(exc, SecurityError):
        return TemplateFault(name, f"mẫu dùng thao tác bị cấm ({exc.message})")
    if isinstance(exc, TemplateSyntaxError):
        return TemplateFault(name, f"lỗi cú pháp mẫu ({exc.message})")
    return TemplateFault(name, f"không điền được mẫu ({exc.message})")


def compile_template(path: Path) -> CompiledTemplate:
    # docxtpl's tag cleaning turns Word's run-split "{{ x }}" and its {%p %}/{%tr %} row and
    # paragraph tags into plain Jinja; the rendering itself is ours, so that it can stream.
    from docxtpl import DocxTemplate

    cleaner = DocxTemplate(str(path))
    env = environment()
    try:
        with zipfile.ZipFile(path) as source:
            entries = tuple((info.filename, source.read(info)) for info in source.infolist())
    except (OSError, zipfile.BadZipFile) as exc:
        raise TemplateFault(path.name, f"không mở được tệp mẫu ({exc})") from exc
    programs = {}
    try:
        for name, data in entries:
            if _RENDERED_PARTS.match(name):
                programs[name] = env.from_string(cleaner.patch_xml(data.decode("utf-8")))
    except TemplateError as exc:
        raise _fault(path.name, exc) from exc
    return CompiledTemplate(path.name, entries, programs)


def _core_properties(stamp: dt.datetime, title: str) -> bytes:
    when = stamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/'
        'dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml_escape(title)}</dc:title><dc:creator>kehoach-docs</dc:creator>"
        "<cp:lastModifiedBy>kehoach-docs</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def write_docx(
    template: CompiledTemplate,
    context: Mapping[str, Any],
    out: BinaryIO,
    stamp: dt.datetime,
    title: str = "",
    parts: Mapping[str, bytes] | None = None,
) -> None:
    """Render into an open file as a stream: the body is written while it is generated, so
    a batch of any size needs no more memory than one chunk. Same inputs, same bytes.
    `parts` replaces template parts by name (a picture the template holds a place for)."""
    parts = parts or {}
    # Level 1: a batch document is highly repetitive, so it still shrinks ~20x, at a third
    # of the default level's cost.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for name, data in template.entries:
            program = template.programs.get(name)
            if name == _CORE:
                package.writestr(_entry(name), _core_properties(stamp, title))
            elif name in parts:
                package.writestr(_entry(name), parts[name])
            elif program is None:
                package.writestr(_entry(name), data)
            else:
                with package.open(_entry(name), "w", force_zip64=True) as part:
                    _stream(template.name, program, context, part)


def _stream(name: str, program: Template, context: Mapping[str, Any], part: BinaryIO) -> None:
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
                chunks.put("".join(pending).encode("utf-8"))
                pending.clear()
                size = 0
        chunks.put("".join(pending).encode("utf-8"))
    except TemplateError as exc:
        raise _fault(name, exc) from exc
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


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def normalize_zip(data: bytes, stamp: dt.datetime | None = None) -> bytes:
    """Rewrite an Office file with fixed entry times (and, given a stamp, a fixed
    "modified" property, which openpyxl sets to the clock) so that identical content gives
    identical bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            blob = src.read(item.filename)
            if stamp is not None and item.filename == _CORE:
                when = stamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                blob = _MODIFIED.sub(rb"\g<1>" + when + rb"\g<2>", blob)
            dst.writestr(_entry(item.filename), blob)
    return out.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Refusal:
    path: Path

    def __str__(self) -> str:
        return (
            f"{self.path}: tệp đã có và đã được sửa sau lần ghi trước (có thể đã ký hoặc chỉnh "
            "trong Word); không ghi đè. Đổi tên tệp đó, hoặc chạy lại với --force để ghi đè."
        )


class OutputFolder:
    """Writes documents into one folder. A file there is replaced only if it is still exactly
    what this tool wrote last time (recorded in a manifest), or with force."""

    def __init__(self, folder: Path, force: bool = False) -> None:
        self.folder = folder
        self.force = force
        self.manifest_path = folder / MANIFEST
        try:
            self.manifest: dict[str, str] = json.loads(self.manifest_path.read_text("utf-8"))
        except (FileNotFoundError, ValueError):
            self.manifest = {}

    def refusals(self, names: Sequence[str]) -> list[Refusal]:
        if self.force:
            return []
        refused = []
        for name in names:
            path = self.folder / name
            if path.exists() and _digest(path.read_bytes()) != self.manifest.get(name):
                refused.append(Refusal(path))
        return refused

    def check(self, names: Sequence[str]) -> None:
        refused = self.refusals(names)
        if refused:
            raise OutputRefused(refused)

    def temporary(self, name: str) -> Path:
        """A new empty file beside where `name` will go, to be published or deleted."""
        target = self.folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        os.close(fd)
        return Path(tmp)

    def publish(self, name: str, temporary: Path) -> Path:
        """Move a finished temporary file into place and remember what was written."""
        path = self.folder / name
        with temporary.open("rb") as handle:
            os.fsync(handle.fileno())
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        os.chmod(temporary, _FILE_MODE)
        os.replace(temporary, path)
        self.manifest[name] = digest
        self._save_manifest()
        return path

    def write_all(self, documents: Mapping[str, bytes]) -> list[Path]:
        """Write every document, or none of them when one would clobber an edited file."""
        self.check(list(documents))
        written = []
        for name, data in documents.items():
            path = self.folder / name
            write_atomic(path, data)
            self.manifest[name] = _digest(data)
            written.append(path)
        self._save_manifest()
        return written

    def _save_manifest(self) -> None:
        write_atomic(
            self.manifest_path,
            json.dumps(self.manifest, ensure_ascii=False, indent=1, sort_keys=True).encode(),
        )


class OutputRefused(Exception):
    def __init__(self, refusals: list[Refusal]) -> None:
        super().__init__("\n".join(str(r) for r in refusals))
        self.refusals = refusals
