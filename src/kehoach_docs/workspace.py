"""A workspace: the folder that holds one unit's configuration, plan, tracker, register and
templates. This is the one module that knows where each of a workspace's files lives."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kehoach_docs.domain.checks import check_plan, check_unit
from kehoach_docs.domain.exports import EXPORT_FORMATS
from kehoach_docs.domain.limits import file_kind
from kehoach_docs.domain.plan import Plan, Unit
from kehoach_docs.domain.problems import InputError, Problems
from kehoach_docs.inputs.export import ExportRead, merged_read, read_export
from kehoach_docs.inputs.plan_yaml import load_plan, load_unit
from kehoach_docs.inputs.sheets import (
    NOT_UNICODE_TEXT,
    UNICODE_TEXT_SUFFIX,
    is_unicode_text,
)
from kehoach_docs.outputs.lock import hold
from kehoach_docs.outputs.register import Register

DEFAULT_DATA = Path("data")  # the workspace a command uses when none is named
# Until the officer makes data/, commands run on the shipped example (from the repository).
EXAMPLE = Path("examples") / "hai-yen-2024"
# Marks a folder as an example: its letters register is kept out of it (see register_path).
EXAMPLE_MARK = "VI-DU.md"
DEFAULT_OUTPUT = Path("output")  # where documents go when no folder is named
# Where the example's documents go when it stands in for the missing data/: a folder of their
# own, so they never mix with the unit's documents in output/ once data/ is made.
EXAMPLE_OUTPUT = DEFAULT_OUTPUT / "vi-du-hai-yen-2024"
UNIT_FILE = "don-vi.yaml"
PLAN_FILE = "ke-hoach.yaml"
EXPORT_FILE = "ho-so-mot-cua.xlsx"  # the single export of workspaces made before the folder
EXPORTS_DIR = "ho-so-mot-cua"  # the folder where the officer drops one-stop exports
# Read by their name; a .txt only when its first bytes show Excel's "Unicode Text".
EXPORT_SUFFIXES = tuple(f.suffix for f in EXPORT_FORMATS if not f.checked)
_SHOWN_SUFFIXES = ", ".join(f.named for f in EXPORT_FORMATS)
_ARCHIVES = (".zip", ".rar", ".7z")
REGISTER_FILE = "so-theo-doi-phieu-xin-loi.sqlite3"
LOCK_FILE = ".kehoach-dang-ghi.lock"  # held by the one run that writes (outputs/lock.py)
TEMPLATES = "templates"


TRACKER_PATTERN = "theo-doi-thuc-hien-*.xlsx"  # the trackers of every year


def tracker_file(year: int) -> str:
    """The progress tracker's file name for a plan year."""
    return f"theo-doi-thuc-hien-{year}.xlsx"


# A folder's files, before it is read as a workspace (init makes them, import-plan writes
# the plan, the desk checks them).
def unit_file_in(folder: Path) -> Path:
    return folder / UNIT_FILE


def plan_file_in(folder: Path) -> Path:
    return folder / PLAN_FILE


def exports_folder_in(folder: Path) -> Path:
    return folder / EXPORTS_DIR


PLAN_BACKUPS = "ke-hoach.sao-luu-*.yaml"  # the plans an import or a restore replaced


def plan_backup_path(folder: Path, moment: dt.datetime) -> Path:
    """Where the plan is kept before an import or a restore replaces it: named by the time,
    and never over an earlier backup of the same second."""
    stem = f"ke-hoach.sao-luu-{moment:%Y%m%d-%H%M%S}"
    path, copy = folder / f"{stem}.yaml", 1
    while path.exists():
        copy += 1
        path = folder / f"{stem}-{copy}.yaml"
    return path


_BACKUP_TIME = re.compile(r"\.sao-luu-(\d{8}-\d{6})(?:-(\d+))?\.yaml$")


def backup_time(path: Path) -> tuple[dt.datetime, int] | None:
    """When a plan backup was made, and which of that second's backups it is."""
    match = _BACKUP_TIME.search(path.name)
    if match is None:
        return None
    try:
        moment = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return moment, int(match.group(2) or 1)


def plan_backups(folder: Path) -> list[Path]:
    """The plan's backups made by the program, newest first."""
    timed = [
        (when, p)
        for p in folder.glob(PLAN_BACKUPS)
        if p.is_file() and (when := backup_time(p)) is not None
    ]
    return [p for _when, p in sorted(timed, reverse=True)]


def export_paths_in(folder: Path) -> list[Path]:
    """Every one-stop export in a workspace folder, in name order: the files of the exports
    folder that are read (see Workspace.unread_exports) and the single file older
    workspaces kept beside the plan."""
    found = [path for path, why in _exports_entries(folder) if why is None]
    legacy = folder / EXPORT_FILE
    return [*found, legacy] if legacy.is_file() else found


def _exports_entries(folder: Path) -> list[tuple[Path, str | None]]:
    """Each entry of a workspace's exports folder with why it is not read (None: read)."""
    exports = exports_folder_in(folder)
    if not exports.is_dir():
        return []
    return [(path, _unread_reason(path)) for path in sorted(exports.iterdir())]


def register_path_in(folder: Path) -> Path:
    """The letters register of a workspace folder. An example's is kept in the user's state
    folder, never in the example (it is in the repository) nor in a real workspace: trying
    the example spends no real letter number, and deleting that folder resets the example."""
    return _kept_in(folder) / REGISTER_FILE


def lock_path_in(folder: Path) -> Path:
    """The writers' lock of a workspace folder (writer_lock), kept with its register."""
    return _kept_in(folder) / LOCK_FILE


_YEAR_TRACKER = re.compile(r"theo-doi-thuc-hien-\d{4}\.xlsx")


def year_trackers_in(folder: Path) -> list[Path]:
    """The trackers of each year a workspace folder holds (not their backups), newest year
    first: what the desk offers while the plan that names this year's cannot be read."""
    found = [
        path
        for path in folder.glob(TRACKER_PATTERN)
        if path.is_file() and _YEAR_TRACKER.fullmatch(path.name)
    ]
    return sorted(found, reverse=True)


def is_example(folder: Path) -> bool:
    """The shipped example (its register kept elsewhere; nothing imported into it)."""
    return (folder / EXAMPLE_MARK).is_file()


@dataclass(frozen=True)
class Workspace:
    folder: Path
    unit: Unit
    plan: Plan | None  # None when the job at hand does not need the plan (the letters)

    @property
    def the_plan(self) -> Plan:
        assert self.plan is not None, "this job needs the workspace read with its plan"
        return self.plan

    @property
    def unit_path(self) -> Path:
        return unit_file_in(self.folder)

    @property
    def plan_path(self) -> Path:
        return plan_file_in(self.folder)

    @property
    def example(self) -> bool:
        return is_example(self.folder)

    @property
    def exports_folder(self) -> Path:
        return exports_folder_in(self.folder)

    def export_paths(self) -> list[Path]:
        """Every one-stop export in the workspace (see export_paths_in)."""
        return export_paths_in(self.folder)

    def unread_exports(self) -> list[tuple[Path, str]]:
        """Everything in the exports folder that is not read, in name order, with why (in
        Vietnamese): no dossier is left out without a word."""
        return [(path, why) for path, why in _exports_entries(self.folder) if why is not None]

    def warn_unread_exports(self, problems: Problems) -> None:
        for path, why in self.unread_exports():
            problems.warning(path, None, "", f"không đọc: {why}")

    @property
    def tracker_path(self) -> Path:
        return self.folder / tracker_file(self.the_plan.year)

    def tracker_paths(self) -> list[Path]:
        """The trackers of every year the workspace holds, in name order."""
        return sorted(self.folder.glob(TRACKER_PATTERN))

    def tracker_backup_path(self, moment: dt.datetime) -> Path:
        """Where the tracker's previous copy is kept when it is made again."""
        path = self.tracker_path
        return path.with_name(f"{path.stem}.sao-luu-{moment:%Y%m%d-%H%M%S}{path.suffix}")

    @property
    def register_path(self) -> Path:
        return register_path_in(self.folder)

    def register(self) -> Register:
        """The letters register, for writing (made on first use)."""
        return Register(self.register_path)

    def letter_dates(self) -> dict[str, dt.date] | None:
        """The dossiers the register has a letter for, with its date; None while there is no
        register."""
        if not self.register_path.exists():
            return None
        with Register(self.register_path, read_only=True) as register:
            return register.letter_dates()

    def template(self, name: str) -> Path:
        return find_template(name, self.folder)

    def read_export(
        self, path: Path, skip_bad_rows: bool = False, reference_day: dt.date | None = None
    ) -> ExportRead:
        """A one-stop export, read with the unit's own column names (problems, not raised);
        `reference_day` stands for the export's date when the file does not give one."""
        return read_export(
            path, str(path), dict(self.unit.export_headers), skip_bad_rows, reference_day
        )

    def read_exports(
        self,
        paths: list[Path] | None = None,
        skip_bad_rows: bool = False,
        reference_day: dt.date | None = None,
    ) -> ExportRead | None:
        """The dossiers of the named exports, or of every export in the workspace (what its
        folder holds that is not read warned of), merged by code (a code found twice with
        different data is an error naming both places), dated by the newest; None when there
        is no export."""
        reads = [
            self.read_export(path, skip_bad_rows, reference_day)
            for path in paths or self.export_paths()
        ]
        if not reads:
            return None
        read = merged_read(reads)
        if not paths:
            self.warn_unread_exports(read.problems)
        return read


def _unread_reason(path: Path) -> str | None:
    """Why an entry of the exports folder is not read as an export, or None. Told by name
    and type alone, never by opening what is not a regular file (a FIFO would hang)."""
    name, suffix = path.name, path.suffix.lower()
    if name.startswith(("~$", ".~lock.")):
        return (
            "tệp khóa tạm của Excel hoặc LibreOffice: có tệp hồ sơ đang mở (hoặc đã đóng "
            "đột ngột); hãy lưu và đóng tệp đó trước khi chạy"
        )
    if name.startswith("."):
        return "tệp ẩn (tên bắt đầu bằng dấu chấm)"
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISREG(mode) and suffix == UNICODE_TEXT_SUFFIX:
            return None if is_unicode_text(path) else NOT_UNICODE_TEXT
    except FileNotFoundError:
        if path.is_symlink():
            return f"liên kết hỏng: trỏ tới {os.readlink(path)}, nơi không có tệp nào"
        return "tệp vừa bị xóa hoặc đổi tên"
    except OSError:
        return "không mở được: liên kết vòng, hoặc không có quyền đọc"
    if stat.S_ISDIR(mode):
        return (
            f"là một thư mục; các lệnh không đọc thư mục con, hãy chép tệp hồ sơ ra thẳng "
            f"{EXPORTS_DIR}/"
        )
    if not stat.S_ISREG(mode):
        return file_kind(mode)
    if suffix in EXPORT_SUFFIXES:
        return None
    if suffix in _ARCHIVES:
        return f"tệp nén; hãy giải nén rồi chép tệp bảng tính ra thẳng {EXPORTS_DIR}/"
    return f"không phải tệp bảng tính (chỉ đọc {_SHOWN_SUFFIXES})"


def _kept_in(folder: Path) -> Path:
    """Where a workspace's register and lock are kept (an example's: outside it)."""
    if is_example(folder):
        return state_home() / "vi-du" / folder.resolve().name
    return folder


@contextmanager
def writer_lock(data: Path, job: str) -> Iterator[None]:
    """The workspace's lock held while a command reads its inputs, numbers letters and puts
    its files in place (WorkspaceBusy when another run keeps it past the wait). A folder
    that is not there yet is not locked: opening it says what is wrong."""
    folder = resolve_data(data)
    if not folder.is_dir():
        yield
        return
    lock = lock_path_in(folder)
    lock.parent.mkdir(parents=True, exist_ok=True)
    with hold(lock, job):
        yield


def state_home() -> Path:
    """The user's folder for what the program keeps between runs outside any workspace."""
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    else:
        base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "kehoach-docs"


def resolve_data(folder: Path) -> Path:
    """The folder named, except that the default data/ falls back to the shipped example
    while the officer has not made it yet (README's first command on a fresh clone)."""
    if folder == DEFAULT_DATA and not folder.exists() and (EXAMPLE / EXAMPLE_MARK).is_file():
        return EXAMPLE
    return folder


def resolve_output(data: Path, out: Path | None) -> Path:
    """The folder named with --out; else output/, or the example's own folder in it while the
    example stands in for the missing data/."""
    if out is not None:
        return out
    stands_in = data != EXAMPLE and resolve_data(data) == EXAMPLE
    return EXAMPLE_OUTPUT if stands_in else DEFAULT_OUTPUT


def read_workspace(folder: Path, problems: Problems, with_plan: bool = True) -> Workspace | None:
    """The workspace's files, read and checked; None when any has an error."""
    folder = resolve_data(folder)
    if not folder.is_dir():
        problems.error(folder, None, "", "không tìm thấy thư mục dữ liệu")
        return None
    unit_path, plan_path = unit_file_in(folder), plan_file_in(folder)
    unit = load_unit(unit_path, str(unit_path), problems)
    plan = None
    if with_plan:
        plan = load_plan(plan_path, str(plan_path), problems)
        if plan is not None:
            check_plan(plan, problems)
    if unit is not None:
        check_unit(unit, plan, str(unit_path), problems)
    if problems.errors or unit is None or (with_plan and plan is None):
        return None
    return Workspace(folder=folder, unit=unit, plan=plan)


def open_workspace(folder: Path, with_plan: bool = True) -> tuple[Workspace, Problems]:
    """The workspace and its warnings, or InputError with every error found."""
    problems = Problems()
    workspace = read_workspace(folder, problems, with_plan)
    if workspace is None:
        raise InputError(problems)
    return workspace, problems


def find_template(name: str, workspace: Path | None) -> Path:
    """The workspace's own copy of a template if it has one, else the packaged one. Whatever
    stands under the template's name is the officer's: a FIFO or a broken link there is
    refused when read, never passed over for the packaged template."""
    if workspace is not None:
        own = workspace / TEMPLATES / name
        if own.exists() or own.is_symlink():
            return own
    return Path(str(resources.files("kehoach_docs") / TEMPLATES / name))


PASSWORD_FILE = ".kehoach-mat-khau"  # the desk's password, hashed (kehoach serve --set-password)


def password_path(folder: Path) -> Path:
    """Where the desk's hashed password is kept (read before the workspace is opened)."""
    return folder / PASSWORD_FILE
