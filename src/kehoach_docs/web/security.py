"""What keeps the desk safe on an office network: requests only by the desk's own address and
from its own pages, a CSRF token on every form, the login's back-off, uploads checked by
their content and kept only while a job needs them, and downloads only from the output
folder."""

from __future__ import annotations

import datetime as dt
import hmac
import ipaddress
import math
import re
import secrets
import shutil
import socket
import sys
import threading
import time
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from flask import abort, request, session
from werkzeug.exceptions import BadRequest

MAX_UPLOAD = 20 * 2**20  # bytes; a commune's yearly export is a few MB
MAX_REQUEST = 2**20  # any request but a form sending a file: fields and ticked codes only
CSRF_FIELD = "csrf"
UPLOAD_ID = re.compile(r"^[0-9a-f]{32}$")
WINDOWS_DEVICES = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
NOT_IN_NAMES = re.compile(r'[\x00-\x1f<>:"/\\|?*]')  # what Windows refuses in a file name


LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
WILDCARDS = frozenset({"0.0.0.0", "::", ""})
_HOST = re.compile(
    r"^(?:\[(?P<v6>[0-9a-f:.]+)\]|(?P<name>[^:\[\]/@\\\s]+))"
    r"(?::(?P<port>\d{1,5}))?$"
)


def split_host(value: str, scheme: str = "http") -> tuple[str, int] | None:
    """A Host header's (or an origin's host part) name and port; None when malformed."""
    found = _HOST.match(value.strip().lower())
    if found is None:
        return None
    default = 443 if scheme == "https" else 80
    return found["v6"] or found["name"], int(found["port"] or default)


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class DeskAddresses:
    """The names the desk answers to. A page of another site whose name is made to point at
    this computer (DNS rebinding) reaches the desk with its own name in Host: refused, as
    same-origin rules and CSRF tokens cannot tell it from the desk's own pages."""

    names: frozenset[str]
    any_address: bool  # opened on every address of this computer (0.0.0.0, ::)

    @classmethod
    def of(cls, host: str) -> DeskAddresses:
        bound = host.strip("[]").lower()
        if bound not in WILDCARDS:
            return cls(LOOPBACK_NAMES | {bound}, False)
        # Colleagues type this computer's address or its name; an address typed as digits
        # cannot be made to point elsewhere, so any of them is this computer's.
        return cls(LOOPBACK_NAMES | {socket.gethostname().lower()}, True)

    def allows(self, host: str, port: int) -> bool:
        """A Host header naming the desk: one of its names, with the port it listens on."""
        found = split_host(host)
        if found is None or found[1] != port:
            return False
        return found[0] in self.names or (self.any_address and _is_ip(found[0]))


def same_origin(source: str, host: str, scheme: str) -> bool:
    """An Origin (or Referer) header naming the very site the request came to."""
    parts = urlsplit(source)
    if parts.scheme != scheme:  # "null" too: a sandboxed frame or a page of a file
        return False
    own = split_host(host, scheme)
    return own is not None and split_host(parts.netloc, scheme) == own


def csrf_token() -> str:
    if CSRF_FIELD not in session:
        session[CSRF_FIELD] = secrets.token_urlsafe(32)
    return session[CSRF_FIELD]


class StaleForm(BadRequest):
    """A form sent without this session's token: a tab left open while the desk restarted
    (its session ended), or a page of another site. Nothing is done; the officer is shown
    the form again (pages.py)."""

    description = (
        "Trang này đã mở từ trước khi bàn làm việc khởi động lại nên chưa làm gì. "
        "Trang đã được tải lại: hãy xem lại rồi bấm lần nữa."
    )


def check_csrf() -> None:
    """Every POST carries the session's token, in the form or in a header (polling JS)."""
    expected = session.get(CSRF_FIELD)
    given = request.form.get(CSRF_FIELD) or request.headers.get("X-CSRF-Token") or ""
    if not expected or not hmac.compare_digest(str(expected), given):
        raise StaleForm()


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"


# What one-stop programs' «Xuất Excel» often writes: a web page's table (after a <meta>, a
# <style> or a comment, as often as not), or Excel 2003's XML.
_HTML = re.compile(rb"<\s*(?:html|table|!doctype\s+html)\b", re.IGNORECASE)
_XML_SPREADSHEET = b"urn:schemas-microsoft-com:office:spreadsheet"


def upload_kind(file: IO[bytes]) -> str | None:
    """What an uploaded file really is, from its bytes, not its name: an Office zip with the
    part of its kind (or an OpenDocument sheet), an Excel 97-2003 compound file, markup
    ("html": a web page or Excel 2003's XML, refused with what to do), or CSV text (Excel's
    "Unicode text" is UTF-16); anything else is refused."""
    file.seek(0)
    start = file.read(65536)
    head = start[:8]
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(file) as archive:
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
            start[2:].decode("utf-16-le" if head[0] == 0xFF else "utf-16-be")
        except UnicodeDecodeError:
            pass
        else:
            return "csv"
    if b"\x00" in start:
        return None
    if start.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and (
        _HTML.search(start) or _XML_SPREADSHEET in start
    ):
        return "html"  # a web page or Excel 2003's XML under an Excel name: refused, said why
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            start.decode(encoding)
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


def clear_uploads(folder: Path) -> None:
    """The uploads folder made empty: what a desk stopped in the middle of a job left
    (citizens' names, phone numbers) is removed when the next one starts."""
    if folder.is_dir():
        shutil.rmtree(folder)
    folder.mkdir(mode=0o700, parents=True)


def sweep_uploads(folder: Path, keep_seconds: float, claimed: set[Path]) -> None:
    """Uploads a preview handed on to a step never taken, removed once that long unused;
    never one a job waiting its turn will read."""
    limit = time.time() - keep_seconds  # files carry wall-clock times
    for entry in folder.iterdir() if folder.is_dir() else ():
        try:
            if entry not in claimed and entry.stat().st_mtime < limit:
                shutil.rmtree(entry, ignore_errors=True)
        except FileNotFoundError:
            continue  # a job ended and removed it meanwhile


def discard_upload(folder: Path, upload_id: str) -> None:
    if UPLOAD_ID.match(upload_id):
        shutil.rmtree(folder / upload_id, ignore_errors=True)


def _copy_upload(source: IO[bytes], target: Path) -> bool:
    """The upload written to its file, refused past MAX_UPLOAD; whether it holds more than
    blanks. Copied in pieces: twenty megabytes never sit in memory."""
    size, blank = 0, True
    with target.open("xb") as out:
        while piece := source.read(2**20):
            size += len(piece)
            if size > MAX_UPLOAD:
                raise ValueError("Tệp lớn hơn 20 MB.")
            blank = blank and not piece.strip()
            out.write(piece)
    return not blank


def save_upload(folder: Path, field: str, kinds: tuple[str, ...]) -> tuple[str, str]:
    """The uploaded file saved in a folder of its own named by an id of ours: (upload id, the
    name the officer gave it, for display). Raises ValueError with the message to show."""
    storage = request.files.get(field)
    if storage is None or not storage.filename:
        raise ValueError("Chưa chọn tệp.")
    upload_id = secrets.token_hex(16)
    place = folder / upload_id
    place.mkdir(mode=0o700)
    try:
        received = place / "tep"
        if not _copy_upload(storage.stream, received):
            raise ValueError(f"Tệp «{storage.filename}» rỗng.")
        with received.open("rb") as file:
            kind = upload_kind(file)
        if kind == "html":
            raise ValueError(
                f"Tệp «{storage.filename}» là trang web (HTML) hay bảng tính XML của Excel "
                "2003, không phải bảng tính Excel; mở tệp bằng Excel rồi Lưu thành (Save As) "
                "kiểu «Excel Workbook (.xlsx)» và tải tệp đó lên."
            )
        if kind not in kinds:
            wanted = " hoặc ".join(f".{k}" for k in kinds)
            raise ValueError(
                f"Tệp «{storage.filename}» không phải tệp {wanted} (đã xem nội "
                "dung tệp, không chỉ tên)."
            )
        received.rename(place / safe_name(storage.filename, kind))
    except BaseException:
        shutil.rmtree(place, ignore_errors=True)  # nothing refused is kept
        raise
    return upload_id, storage.filename


def upload_path(folder: Path, upload_id: str) -> Path:
    if not UPLOAD_ID.match(upload_id):
        abort(400, description="Tệp tải lên không hợp lệ.")
    files = list((folder / upload_id).glob("*")) if (folder / upload_id).is_dir() else []
    if len(files) != 1:
        abort(400, description="Tệp tải lên không còn; hãy tải lên lại.")
    return files[0]


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0
    locked_until: float = 0.0


class LoginThrottle:
    """Wrong passwords counted per client address: the first few are free, then each locks
    that address out, for longer each time; a right password, or an hour without a wrong
    one, clears the count. Nothing is slept in the request: the server's threads stay free."""

    FREE = 4  # wrong passwords before the first lock (the fifth locks)
    FIRST_LOCK = 30.0  # seconds, doubled at each wrong password after it
    LONGEST_LOCK = 15 * 60.0
    FORGET_AFTER = 60 * 60.0

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.failures: dict[str, _Failures] = {}
        self.guard = threading.Lock()

    def wait(self, address: str) -> int:
        """Seconds before this address may try again (0: now)."""
        with self.guard:
            found = self.failures.get(address)
            return _seconds(found.locked_until - self.clock()) if found else 0

    def failed(self, address: str) -> tuple[int, int]:
        """A wrong password from this address: (wrong ones in a row, seconds locked now)."""
        now = self.clock()
        with self.guard:
            for known, record in list(self.failures.items()):
                if now - record.last > self.FORGET_AFTER:
                    del self.failures[known]
            record = self.failures.setdefault(address, _Failures())
            record.count += 1
            record.last = now
            if record.count > self.FREE:
                lock = self.FIRST_LOCK * 2 ** (record.count - self.FREE - 1)
                record.locked_until = now + min(lock, self.LONGEST_LOCK)
            return record.count, _seconds(record.locked_until - now)

    def succeeded(self, address: str) -> None:
        with self.guard:
            self.failures.pop(address, None)


class Logins:
    """Who is logged in, kept by the desk and not only in the browser's cookie: a copy of the
    cookie kept from before a logout, or left unused past the idle time, or made before the
    password changed, opens nothing."""

    def __init__(self, clock: Callable[[], float], idle_seconds: float) -> None:
        self.clock = clock
        self.idle = idle_seconds
        self.live: dict[str, tuple[float, str | None]] = {}  # token: last used, password's stamp
        self.guard = threading.Lock()

    def open(self, stamp: str | None) -> str:
        token = secrets.token_urlsafe(32)
        now = self.clock()
        with self.guard:
            for known, (used, _stamp) in list(self.live.items()):
                if now - used > self.idle:
                    del self.live[known]
            self.live[token] = (now, stamp)
        return token

    def use(self, token: str, stamp: str | None) -> bool:
        """The login still open (and now used again), or ended for good."""
        now = self.clock()
        with self.guard:
            found = self.live.get(token)
            if found is None or now - found[0] > self.idle or found[1] != stamp:
                self.live.pop(token, None)
                return False
            self.live[token] = (now, stamp)
            return True

    def close(self, token: str) -> None:
        with self.guard:
            self.live.pop(token, None)


def _seconds(left: float) -> int:
    return max(0, math.ceil(left))


def log(text: str) -> None:
    """A line on the desk's console, dated, for whoever keeps the computer."""
    print(f"{dt.datetime.now():%d/%m/%Y %H:%M:%S} {text}", file=sys.stderr, flush=True)


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
