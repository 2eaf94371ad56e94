"""Who may use the desk: the password that guards it (salted scrypt, only its hash stored in
the workspace), and which addresses it may be opened on without one (this computer only)."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from pathlib import Path

from kehoach_docs.commands.serve import ServeRefused, store_password, stored_password

# scrypt at the cost RFC 7914 suggests for interactive logins (16 MiB, ~50 ms).
_COST, _BLOCK, _PARALLEL = 2**14, 8, 1
MIN_PASSWORD = 8
SESSION_IDLE_MINUTES = 8 * 60  # a working day: a login left unused longer ends


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _scrypt(password: str, salt: bytes, cost: int, block: int, parallel: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=cost, r=block, p=parallel, maxmem=64 * 2**20
    )


def set_password(data: Path, password: str) -> Path:
    """Store the password hashed (salted scrypt) in the workspace; never the password."""
    if len(password) < MIN_PASSWORD:
        raise ServeRefused(f"mật khẩu cần ít nhất {MIN_PASSWORD} ký tự")
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, _COST, _BLOCK, _PARALLEL)
    line = f"scrypt${_COST}${_BLOCK}${_PARALLEL}${salt.hex()}${digest.hex()}\n"
    return store_password(data, line)


def has_password(data: Path) -> bool:
    return stored_password(data) is not None


def password_stamp(data: Path) -> str | None:
    """What tells one password from the next, for the desk to end the logins made before
    it changed; None while there is none."""
    stored = stored_password(data)
    return hashlib.sha256(stored).hexdigest()[:16] if stored else None


def check_password(data: Path, password: str) -> bool:
    stored = stored_password(data)
    if not stored:
        return False
    try:
        scheme, cost, block, parallel, salt, digest = stored.decode("ascii").strip().split("$")
        if scheme != "scrypt":
            return False
        given = _scrypt(password, bytes.fromhex(salt), int(cost), int(block), int(parallel))
        return hmac.compare_digest(given, bytes.fromhex(digest))
    except (ValueError, UnicodeDecodeError):
        return False


def check_host(data: Path, host: str) -> None:
    """Only this computer may use the desk without a password."""
    if not data.is_dir():
        raise ServeRefused(f"{data}: không tìm thấy thư mục dữ liệu")
    if not is_loopback(host) and not has_password(data):
        raise ServeRefused(
            f"mở cho mạng nội bộ (--host {host}) cần mật khẩu; đặt mật khẩu trước bằng: "
            f"kehoach serve --data {data} --set-password"
        )
