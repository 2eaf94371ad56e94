"""What keeps the desk safe on an office network: a CSRF token on every form, the login when
the desk is opened beyond this computer, uploads checked by their content, and downloads
only from the output folder."""

from __future__ import annotations

import hmac
import io
import re
import secrets
import zipfile
from pathlib import Path

from flask import abort, request, session

MAX_UPLOAD = 20 * 2**20  # bytes; a commune's yearly export is a few MB
CSRF_FIELD = "csrf"
UPLOAD_ID = re.compile(r"^[0-9a-f]{32}\.(xlsx|csv|docx)$")


def csrf_token() -> str:
    if CSRF_FIELD not in session:
        session[CSRF_FIELD] = secrets.token_urlsafe(32)
    return session[CSRF_FIELD]


def check_csrf() -> None:
    """Every POST carries the session's token, in the form or in a header (polling JS)."""
    expected = session.get(CSRF_FIELD)
    given = request.form.get(CSRF_FIELD) or request.headers.get("X-CSRF-Token") or ""
    if not expected or not hmac.compare_digest(str(expected), given):
        abort(400, description="Yêu cầu không có mã bảo vệ hợp lệ (CSRF). Hãy tải lại trang "
                               "rồi làm lại.")  # fmt: skip


def upload_kind(head: bytes, data: bytes) -> str | None:
    """What an uploaded file really is, from its bytes, not its name: an Office zip with the
    part of its kind, or CSV text; anything else is refused."""
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" not in names:
            return None
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "word/document.xml" in names:
            return "docx"
        return None
    if b"\x00" in data[:65536]:
        return None
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            data[:65536].decode(encoding)
        except UnicodeDecodeError:
            continue
        return "csv"
    return None


def save_upload(folder: Path, field: str, kinds: tuple[str, ...]) -> tuple[str, str]:
    """The uploaded file saved under a name of ours (its content type as extension):
    (upload id, the name the officer gave it, for display only). Raises ValueError with the
    message to show."""
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
    upload_id = f"{secrets.token_hex(16)}.{kind}"
    (folder / upload_id).write_bytes(data)
    return upload_id, storage.filename


def upload_path(folder: Path, upload_id: str) -> Path:
    if not UPLOAD_ID.match(upload_id):
        abort(400, description="Tệp tải lên không hợp lệ.")
    path = folder / upload_id
    if not path.is_file():
        abort(400, description="Tệp tải lên không còn; hãy tải lên lại.")
    return path


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
