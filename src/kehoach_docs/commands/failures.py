"""Every way a command can fail, worded for the officer: one Vietnamese message naming the
file (and its row, line, cell or part when known) and what to do. The terminal and the web
desk both show these lines; nothing here prints a Python name or an English message."""

from __future__ import annotations

import errno
import sqlite3
import zipfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import yaml
from jinja2 import TemplateError

from kehoach_docs.domain.limits import LimitExceeded, NotAFile
from kehoach_docs.domain.nd30 import count_text
from kehoach_docs.domain.problems import InputError, Problem, Problems
from kehoach_docs.inputs.export import ExportFault
from kehoach_docs.outputs.folder import OutputRefused, document_of
from kehoach_docs.outputs.lock import WorkspaceBusy
from kehoach_docs.outputs.register import VERSION as REGISTER_VERSION
from kehoach_docs.outputs.register import RegisterFault, RegisterTooNew
from kehoach_docs.render.engine import TemplateFault

NOTHING_WRITTEN = "Không ghi văn bản nào."


class CommandFailed(Exception):
    """A command stopped; `lines` say why and exactly what was and was not written (`desk`:
    the same in the desk's words, when they differ)."""

    def __init__(self, lines: list[str], desk: list[str] | None = None) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines
        self.desk = desk

    def said(self, desk: bool = False) -> list[str]:
        return self.desk if desk and self.desk is not None else self.lines


# Of one kind of problem found at many places (rows pasted below a table, a column of wrong
# statuses), the places listed on screen; the others are counted on one line.
SHOWN = 20

# The line counting the others of a kind: the words before the count and after it.
Rest = tuple[str, str]


def capped(lines: Iterable[tuple[str, Rest | None]]) -> list[str]:
    """The lines in order, of each kind (a Rest; None: a line of its own) only the first
    SHOWN, followed by one line counting the others ("… và 99.980 dòng khác ...")."""
    seen: Counter[Rest] = Counter()
    kept: list[str] = []
    after: dict[Rest, int] = {}  # where each kind's counting line goes
    for text, rest in lines:
        if rest is not None:
            seen[rest] += 1
            if seen[rest] > SHOWN:
                continue
            after[rest] = len(kept) + 1
        kept.append(text)
    # From the last place to the first, so that each insertion leaves the others in place.
    for rest, place in sorted(after.items(), key=lambda item: -item[1]):
        if seen[rest] > SHOWN:
            kept.insert(place, f"{rest[0]}{count_text(seen[rest] - SHOWN)}{rest[1]}")
    return kept


def problem_lines(problems: Problems, desk: bool = False) -> list[str]:
    """Errors first, then warnings, each in file and line order (`desk`: in its words); of
    a kind of problem found at many places, the first SHOWN and a count of the others."""

    def order(problem: Problem) -> tuple[str, int]:
        return (problem.file, problem.line or 0)

    def rest(problem: Problem) -> Rest | None:
        if not problem.kind:
            return None
        place = problem.file + (f", trang «{problem.sheet}»" if problem.sheet else "")
        return (f"{place}: {problem.severity.value}: … và ", f" {problem.kind}")

    ordered = sorted(problems.errors, key=order) + sorted(problems.warnings, key=order)
    return capped((problem.text(desk), rest(problem)) for problem in ordered)


def counts(problems: Problems) -> str:
    return f"{count_text(len(problems.errors))} lỗi, {count_text(len(problems.warnings))} cảnh báo"


# What the system says, in words an officer can act on (strerror is English).
_ERRNO = {
    errno.ENOENT: "không tìm thấy tệp hoặc thư mục",
    errno.EACCES: "không có quyền đọc hoặc ghi; hãy xin quyền hoặc chọn thư mục khác",
    errno.EPERM: "hệ thống không cho phép thao tác này",
    errno.EROFS: "ổ đĩa chỉ cho đọc (ví dụ USB bị khóa ghi); hãy chọn thư mục khác",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn là tệp chứ không phải thư mục",
    errno.EEXIST: "đã có tệp hoặc thư mục trùng tên",
    errno.ENOTEMPTY: "thư mục không trống",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
    errno.EIO: "lỗi đọc ghi ổ đĩa; hãy kiểm tra ổ đĩa",
    errno.EBUSY: "tệp đang bị chương trình khác dùng; hãy đóng chương trình đó",
    errno.ETXTBSY: "tệp đang bị chương trình khác dùng; hãy đóng chương trình đó",
    errno.ELOOP: "đường dẫn có liên kết vòng",
    errno.EINVAL: "tên tệp hoặc đường dẫn không hợp lệ",
    errno.EFBIG: "tệp quá lớn",
    errno.ENOMEM: "không đủ bộ nhớ",
}


def _shown(path: object) -> str:
    return str(document_of(Path(str(path))))


# A disk without room, said of the folder being written ({where}).
_FULL = {
    errno.ENOSPC: "ổ đĩa{where} đã đầy",
    errno.EDQUOT: "đã hết dung lượng được cấp trên ổ đĩa{where}",
}


def _size_text(size: int) -> str:
    """A size as the officer's file browser shows it, with a decimal comma: «12,4 MB»."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}".replace(".", ",")
    return f"{size} byte"


def _full_text(error: OSError, needed: int | None) -> str:
    where = f" chứa thư mục {Path(_shown(error.filename)).parent}" if error.filename else ""
    text = _FULL[error.errno or 0].format(where=where)
    if needed:
        text += f": cần thêm khoảng {_size_text(needed)}"
    return text + "; hãy dọn bớt rồi chạy lại"


def os_error_text(error: OSError, needed: int | None = None) -> str:
    """What went wrong and with which path; a full disk names its folder and, when known,
    about how many bytes (`needed`) the run must find room for."""
    if error.errno in _FULL:
        return _full_text(error, needed)
    what = _ERRNO.get(error.errno or 0, f"lỗi hệ thống (mã {error.errno})")
    paths = [_shown(p) for p in (error.filename, error.filename2) if p is not None]
    return f"{' → '.join(paths)}: {what}" if paths else what


def _sqlite_text(error: sqlite3.Error) -> str:
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(error).lower()
    if isinstance(error, sqlite3.DataError):
        return (
            "sổ có dòng dữ liệu hỏng (có thể đã bị sửa bằng chương trình khác); khôi phục "
            "từ bản sao lưu rồi chạy lại"
        )
    if isinstance(error, sqlite3.IntegrityError):
        return (
            "sổ đã có số phiếu hoặc hồ sơ này (có thể hai lệnh chạy cùng lúc); chạy lại "
            "lệnh, sổ không thay đổi"
        )
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
        return "sổ đang được một lệnh khác dùng; chờ lệnh kia xong rồi chạy lại"
    if primary == sqlite3.SQLITE_NOTADB or "not a database" in text:
        return (
            "tệp này không phải sổ SQLite (có thể đã bị ghi đè hoặc hỏng); khôi phục từ "
            "bản sao lưu, hoặc đổi tên tệp để bắt đầu sổ mới"
        )
    if primary == sqlite3.SQLITE_CORRUPT or "malformed" in text:
        return "sổ bị hỏng; khôi phục từ bản sao lưu rồi chạy lại"
    if primary == sqlite3.SQLITE_READONLY or "readonly" in text:
        return "sổ chỉ cho đọc; hãy cấp quyền ghi cho tệp sổ và thư mục chứa nó"
    if primary == sqlite3.SQLITE_FULL or "full" in text:
        return "ổ đĩa đã đầy, không ghi được sổ; hãy dọn bớt rồi chạy lại"
    if primary == sqlite3.SQLITE_CANTOPEN or "unable to open" in text:
        return "không mở được sổ: đường dẫn là thư mục, thư mục chứa không có, hoặc không có quyền"
    if primary == sqlite3.SQLITE_IOERR or "disk i/o" in text:
        return "lỗi đọc ghi ổ đĩa khi dùng sổ; hãy kiểm tra ổ đĩa"
    if "no such" in text or "has no column" in text:
        return (
            "tệp sổ có cấu trúc khác, không phải sổ phiếu xin lỗi của chương trình này; "
            "đổi tên tệp đó hoặc khôi phục sổ đúng"
        )
    return f"lỗi sổ (mã SQLite {code})"


def _busy_lines(error: WorkspaceBusy, desk: bool) -> list[str]:
    holder = error.holder
    who = "một lượt chạy khác"
    if holder is not None:
        since = holder.since
        when = f"từ {since:%H:%M:%S} ngày {since:%d/%m/%Y}"
        who = (
            f"việc «{holder.job}» trên máy {holder.host}, {when}"
            if desk
            else f"«{holder.program}» ({holder.job}) trên máy {holder.host}, tiến trình "
            f"{holder.pid}, {when}"
        )
    again = "làm lại" if desk else "chạy lại"
    return [
        f"Thư mục dữ liệu {error.folder} đang được {who} dùng để ghi; đã chờ "
        f"{error.waited:.0f} giây.",
        f"Không ghi văn bản nào, không cấp số phiếu nào. Chờ lượt kia xong rồi {again}.",
    ]


def register_busy(error: BaseException) -> bool:
    """The register held by another run's write (a batch being numbered, or another program
    holding it), not damaged: reading it again later succeeds."""
    if not isinstance(error, RegisterFault):
        return False
    code = getattr(error.error, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return True
    return "locked" in str(error.error).lower()


def register_text(error: RegisterFault) -> str:
    """What is wrong with the register, in the officer's words (no file named)."""
    return _sqlite_text(error.error)


def _zip_text(error: zipfile.BadZipFile) -> str:
    text = str(error)
    if "CRC" in text:
        return "tệp hỏng: dữ liệu nén không khớp mã kiểm tra"
    return "tệp hỏng hoặc không phải tệp Office (.docx, .xlsx)"


def _register(error: RegisterFault, desk: bool) -> str:
    """The register as a message names it: the desk by what it is, not by its file."""
    return "Sổ theo dõi phiếu xin lỗi" if desk else f"Sổ theo dõi phiếu {error.path}"


def explain(error: BaseException, desk: bool = False) -> list[str] | None:
    """The lines that tell the officer why a command stopped (`desk`: in the desk's words);
    None for an error no one foresaw (the caller says so, and shows the details only when
    asked to debug). Every one of these is raised before anything is published, except
    CommandFailed, which says itself what was written."""
    if isinstance(error, CommandFailed):
        return error.said(desk)
    if isinstance(error, ExportFault):
        known = export_fault_known(error)
        said = [known] if known else UNFORESEEN
        return [f"Khi đọc tệp hồ sơ {error.file}: {said[0]}", *said[1:], NOTHING_WRITTEN]
    if isinstance(error, InputError):
        return [
            *problem_lines(error.problems, desk),
            f"Không ghi văn bản nào vì dữ liệu có lỗi: {counts(error.problems)}.",
        ]
    if isinstance(error, OutputRefused):
        return [*(refusal.text(desk) for refusal in error.refusals), NOTHING_WRITTEN]
    if isinstance(error, TemplateFault):
        return [f"Mẫu văn bản {error.template}: {error.message}", NOTHING_WRITTEN]
    if isinstance(error, WorkspaceBusy):
        return _busy_lines(error, desk)
    if isinstance(error, RegisterTooNew):
        return [
            f"{_register(error, desk)} do phiên bản mới hơn của chương trình ghi (sổ "
            f"phiên bản {error.version}, chương trình này chỉ đọc được đến phiên bản "
            f"{REGISTER_VERSION}); không ghi gì vào sổ. Hãy cập nhật kehoach-docs rồi chạy "
            "lại.",
            NOTHING_WRITTEN,
        ]
    if isinstance(error, RegisterFault):
        return [f"{_register(error, desk)}: {_sqlite_text(error.error)}.", NOTHING_WRITTEN]
    if isinstance(error, LimitExceeded):
        return [f"Dữ liệu vượt giới hạn: {error}.", NOTHING_WRITTEN]
    if isinstance(error, NotAFile):
        return [f"Không đọc được {error.path}: {error.what}.", NOTHING_WRITTEN]
    if isinstance(error, OSError):
        return [f"Không đọc hoặc ghi được tệp: {os_error_text(error)}.", NOTHING_WRITTEN]
    if isinstance(error, sqlite3.Error):
        return [f"Sổ theo dõi phiếu: {_sqlite_text(error)}.", NOTHING_WRITTEN]
    if isinstance(error, zipfile.BadZipFile):
        return [f"Không đọc được tệp: {_zip_text(error)}.", NOTHING_WRITTEN]
    if isinstance(error, UnicodeError):
        return [
            "Không đọc được tệp: có chữ không theo mã UTF-8; hãy lưu lại tệp với mã UTF-8.",
            NOTHING_WRITTEN,
        ]
    if isinstance(error, yaml.YAMLError):
        return ["Không đọc được tệp YAML: cú pháp không hợp lệ.", NOTHING_WRITTEN]
    if isinstance(error, TemplateError):
        return ["Mẫu văn bản không điền được.", NOTHING_WRITTEN]
    if isinstance(error, RecursionError):
        return ["Dữ liệu lồng nhau quá sâu, không đọc được.", NOTHING_WRITTEN]
    if isinstance(error, MemoryError):
        return ["Không đủ bộ nhớ cho dữ liệu này.", NOTHING_WRITTEN]
    if isinstance(error, KeyboardInterrupt):
        return ["Đã dừng theo yêu cầu.", NOTHING_WRITTEN]
    return None


def export_fault_known(fault: ExportFault) -> str | None:
    """What an export's unforeseen failure was, when its cause is one that has words
    (memory, nesting); None for one no one foresaw."""
    known = explain(fault.__cause__) if fault.__cause__ is not None else None
    return known[0] if known else None


UNFORESEEN = [
    "Chương trình gặp lỗi không lường trước và đã dừng.",
    "Chạy lại với «kehoach --debug ...» để xem chi tiết, rồi gửi cho người phát triển.",
]
