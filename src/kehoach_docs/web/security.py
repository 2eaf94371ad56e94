"""What keeps the desk safe on an office network: a CSRF token on every form, the login when
the desk is opened beyond this computer, uploads checked by their content, and downloads
only from the output folder."""

from __future__ import annotations

import hmac
import io
import re
import secrets
import unicodedata
import zipfile
import zlib
from pathlib import Path

from flask import abort, request, session
from werkzeug.exceptions import BadRequest

MAX_UPLOAD = 20 * 2**20  # bytes; a commune's yearly export is a few MB
CSRF_FIELD = "csrf"
UPLOAD_ID = re.compile(r"^[0-9a-f]{32}$")
WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                   *(f"LPT{i}" for i in range(1, 10))}  # fmt: skip
NOT_IN_NAMES = re.compile(r'[\x00-\x1f<>:"/\\|?*]')  # what Windows refuses in a file name


def csrf_token() -> str:
    if CSRF_FIELD not in session:
        session[CSRF_FIELD] = secrets.token_urlsafe(32)
    return session[CSRF_FIELD]


class StaleForm(BadRequest):
    """A form sent without this session's token: a tab left open while the desk restarted
    (its session ended), or a page of another site. Nothing is done; the officer is shown
    the form again (pages.py)."""

    description = ("Trang này đã mở từ trước khi bàn làm việc khởi động lại nên chưa làm gì. "
                   "Trang đã được tải lại: hãy xem lại rồi bấm lần nữa.")  # fmt: skip


def check_csrf() -> None:
    """Every POST carries the session's token, in the form or in a header (polling JS)."""
    expected = session.get(CSRF_FIELD)
    given = request.form.get(CSRF_FIELD) or request.headers.get("X-CSRF-Token") or ""
    if not expected or not hmac.compare_digest(str(expected), given):
        raise StaleForm()


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"


def upload_kind(head: bytes, data: bytes) -> str | None:
    """What an uploaded file really is, from its bytes, not its name: an Office zip with the
    part of its kind (or an OpenDocument sheet), an Excel 97-2003 compound file, or CSV text
    (Excel's "Unicode text" is UTF-16); anything else is refused."""
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "mimetype" in names:
                    # Only as much as the OpenDocument mark: a part may inflate to gigabytes.
                    with archive.open("mimetype") as part:
                        if part.read(len(_ODS) + 2).strip() == _ODS:
                            return "ods"
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, zlib.error):
            return None
        if "[Content_Types].xml" not in names:
            return None
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "xl/workbook.bin" in names:
            return "xlsb"
        if "word/document.xml" in names:
            return "docx"
        return None
    if head.startswith(_OLE):
        return "xls"  # the reader tells a password-protected .xlsx (also a compound file)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            data[2:65536].decode("utf-16-le" if head[0] == 0xFF else "utf-16-be")
        except UnicodeDecodeError:
            pass
        else:
            return "csv"
    if b"\x00" in data[:65536]:
        return None
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            data[:65536].decode(encoding)
        except UnicodeDecodeError:
            continue
        return "csv"
    return None


def safe_name(given: str, kind: str) -> str:
    """The officer's file name, kept recognisable for the messages that name it, made safe
    on any system; its extension is the type its content showed."""
    base = unicodedata.normalize("NFC", given.replace("\\", "/").rsplit("/", 1)[-1])
    stem = NOT_IN_NAMES.sub("_", base.rsplit(".", 1)[0]).strip(" .")[:100] or "tep"
    if stem.upper() in WINDOWS_DEVICES:
        stem = f"tep-{stem}"
    return f"{stem}.{kind}"


def save_upload(folder: Path, field: str, kinds: tuple[str, ...]) -> tuple[str, str]:
    """The uploaded file saved in a folder of its own named by an id of ours: (upload id, the
    name the officer gave it, for display). Raises ValueError with the message to show."""
    storage = request.files.get(field)
    if storage is None or not storage.filename:
        raise ValueError("Chưa chọn tệp.")
    data = storage.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise ValueError("Tệp lớn hơn 20 MB.")
    if not data.strip():
        raise ValueError(f"Tệp «{storage.filename}» rỗng.")
    kind = upload_kind(data[:8], data)
    if kind not in kinds:
        wanted = " hoặc ".join(f".{k}" for k in kinds)
        raise ValueError(f"Tệp «{storage.filename}» không phải tệp {wanted} (đã xem nội dung "
                         "tệp, không chỉ tên).")  # fmt: skip
    upload_id = secrets.token_hex(16)
    (folder / upload_id).mkdir()
    (folder / upload_id / safe_name(storage.filename, kind)).write_bytes(data)
    return upload_id, storage.filename


def upload_path(folder: Path, upload_id: str) -> Path:
    if not UPLOAD_ID.match(upload_id):
        abort(400, description="Tệp tải lên không hợp lệ.")
    files = list((folder / upload_id).glob("*")) if (folder / upload_id).is_dir() else []
    if len(files) != 1:
        abort(400, description="Tệp tải lên không còn; hãy tải lên lại.")
    return files[0]


def output_file(output: Path, name: str) -> Path:
    """A file of the output folder by its relative name; anything that would leave the
    folder (.., absolute, drive letters, backslashes) is refused."""
    parts = name.replace("\\", "/").split("/")
    if not name or name.startswith("/") or any(p in ("", ".", "..") or ":" in p for p in parts):
        abort(404)
    root = output.resolve()
    path = (root / Path(*parts)).resolve()
    if not path.is_relative_to(root) or not path.is_file() or path.name.startswith("."):
        abort(404)
    return path
