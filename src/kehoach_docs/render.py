"""The one rendering engine for every document: sandboxed Jinja inside .docx templates,
reproducible bytes, atomic writes that never clobber a file an officer has edited."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from . import nd30

# Any fixed instant will do: 1980-01-01 is the earliest a zip entry can carry.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MANIFEST = ".kehoach-da-ghi.json"


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


def render_docx(template: Path, context: Mapping[str, Any], stamp: dt.datetime) -> bytes:
    """Render a docxtpl template; the same inputs always give the same bytes."""
    from docxtpl import DocxTemplate  # heavy import, only when a document is made

    try:
        doc = DocxTemplate(str(template))
        doc.render(dict(context), jinja_env=environment(), autoescape=True)
    except UndefinedError as exc:
        raise TemplateFault(
            template.name, f"trường không có trong dữ liệu ({exc.message})"
        ) from exc
    except SecurityError as exc:
        raise TemplateFault(template.name, f"mẫu dùng thao tác bị cấm ({exc.message})") from exc
    except TemplateSyntaxError as exc:
        raise TemplateFault(template.name, f"lỗi cú pháp mẫu ({exc.message})") from exc
    except TemplateError as exc:
        raise TemplateFault(template.name, f"không điền được mẫu ({exc.message})") from exc
    props = doc.docx.core_properties
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.last_modified_by = "kehoach-docs"
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalize_zip(buffer.getvalue())


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a .docx with fixed entry times so identical content gives identical bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(item.filename))
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

    def write_all(self, documents: Mapping[str, bytes]) -> list[Path]:
        """Write every document, or none of them when one would clobber an edited file."""
        refused = self.refusals(list(documents))
        if refused:
            raise OutputRefused(refused)
        written = []
        for name, data in documents.items():
            path = self.folder / name
            write_atomic(path, data)
            self.manifest[name] = _digest(data)
            written.append(path)
        write_atomic(
            self.manifest_path,
            json.dumps(self.manifest, ensure_ascii=False, indent=1, sort_keys=True).encode(),
        )
        return written


class OutputRefused(Exception):
    def __init__(self, refusals: list[Refusal]) -> None:
        super().__init__("\n".join(str(r) for r in refusals))
        self.refusals = refusals
