"""kehoach serve: the officers' desk on this computer, what its pages show (each the view of
a command), and where its password is kept (the desk's web/auth.py says who may use it)."""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kehoach_docs.commands import import_plan, letters
from kehoach_docs.commands.failures import (
    UNFORESEEN,
    explain,
    problem_lines,
    register_busy,
    register_text,
)
from kehoach_docs.commands.outcome import Outcome
from kehoach_docs.commands.report import (
    ReportParts,
    choose_period,
    newest_complete,
    report_inputs,
    report_parts,
    say_unregistered,
)
from kehoach_docs.commands.validate import check_workspace
from kehoach_docs.documents.appendix import appendix_jobs
from kehoach_docs.documents.report import AreaProgress
from kehoach_docs.domain.dates import parse_day
from kehoach_docs.domain.dossiers import Dossier
from kehoach_docs.domain.exports import COMMON_SUFFIXES
from kehoach_docs.domain.indicators import TABLE_COLUMNS
from kehoach_docs.domain.letters import IssuedLetter, LetterDraft, safe_file_stem
from kehoach_docs.domain.limits import MAX_SMALL_FILE_BYTES, read_file
from kehoach_docs.domain.periods import Period
from kehoach_docs.domain.problems import InputError, Problem, Problems
from kehoach_docs.domain.textclean import strip_marks
from kehoach_docs.outputs.folder import Publication
from kehoach_docs.outputs.lock import held_by
from kehoach_docs.outputs.register import Register, RegisterFault
from kehoach_docs.outputs.register_book import register_selection
from kehoach_docs.workspace import (
    backup_time,
    export_paths_in,
    lock_path_in,
    open_workspace,
    password_path,
    plan_backups,
    read_workspace,
    register_path_in,
    resolve_data,
    state_home,
    year_trackers_in,
)

# The kinds of one-stop export the readers take (the CLI's as well as the desk's uploads).
EXPORT_KINDS = tuple(suffix.lstrip(".") for suffix in COMMON_SUFFIXES)


class ServeRefused(Exception):
    """The desk cannot start as asked; the message says why and what to do."""


def store_password(data: Path, line: str) -> Path:
    """The desk's password, as web/auth.py hashed it, kept in the workspace (its owner alone
    may read it)."""
    data = resolve_data(data)
    if not data.is_dir():
        raise ServeRefused(f"{data}: không tìm thấy thư mục dữ liệu")
    path = password_path(data)
    with Publication() as publication:
        publication.add_workspace_file(path, line.encode("ascii"))
        publication.publish()
    path.chmod(0o600)
    return path


def stored_password(data: Path) -> bytes | None:
    """The desk's password as stored (hashed); None while none is set, b"" when its file
    cannot be read (then no password is right)."""
    path = password_path(data)
    if not path.is_file():
        return None
    try:
        return read_file(path, MAX_SMALL_FILE_BYTES)
    except (OSError, ValueError):  # LimitExceeded is a ValueError
        return b""


def upload_folder(data: Path) -> Path:
    """Where the desk keeps the files officers upload for this workspace while a job needs
    them: the user's own state folder, never the system's temporary folder (others may list
    it and nothing empties it of citizens' names); a folder per workspace, so a desk opened
    on another never touches them."""
    key = hashlib.sha256(str(resolve_data(data).resolve()).encode("utf-8")).hexdigest()[:16]
    return state_home() / "tai-len" / key


UNFORESEEN_ON_DESK = (
    "Chi tiết đã ghi ở cửa sổ đang chạy bàn làm việc; hãy báo cho người phụ trách chương trình."
)


def error_lines(error: BaseException) -> list[str]:
    """A command's failure in the desk's words (nothing to type, no program's name)."""
    return explain(error, desk=True) or [UNFORESEEN[0], UNFORESEEN_ON_DESK]


def page_problem(error: BaseException) -> list[str]:
    """Why part of a page cannot be shown: the data's errors only (its warnings are on the
    overview), or the failure's lines."""
    if isinstance(error, InputError):
        return problem_lines(Problems(error.problems.errors), desk=True)
    return error_lines(error)


def foreseen(error: BaseException) -> bool:
    """Whether the failure is one the officer is told the cause of (else its details go to
    the console)."""
    return explain(error) is not None


@dataclass(frozen=True)
class Places:
    """How the desk names the files its lines speak of: as the officer knows them (a file of
    the data or output folder by its name there, an upload by the name it was sent with, the
    register by what it is), never by a path on the server that runs the desk."""

    replacements: tuple[tuple[re.Pattern[str], str], ...]

    def officer(self, text: str) -> str:
        for pattern, name in self.replacements:
            text = pattern.sub(name, text)
        return text


def desk_places(data: Path, output: Path, uploads: Path) -> Places:
    """The desk's folders, each as it may be written in a line (given, or made absolute)."""

    def written(path: Path) -> str:
        forms = sorted(
            {str(path), str(path.absolute()), str(path.resolve())}, key=len, reverse=True
        )
        # Where a path starts, never inside another one ("data/" of "/x/metadata/").
        return r"(?<![\w./\\-])(?:" + "|".join(re.escape(form) for form in forms) + ")"

    sep = r"[\\/]"
    return Places(
        (
            # An upload is kept as UPLOADS/ID/NAME: the officer's own name, without the rest.
            (re.compile(f"(?:{written(uploads)}){sep}[0-9a-f]{{32}}{sep}"), ""),
            (re.compile(f"(?:{written(register_path_in(data))})"), "Sổ theo dõi phiếu xin lỗi"),
            (re.compile(f"(?:{written(output)}){sep}"), ""),
            (re.compile(f"(?:{written(data)}){sep}"), ""),
        )
    )


@dataclass
class Overview:
    """What the desk's first page says about the workspace."""

    folder: Path
    unit: str = ""
    year: int | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    exports: list[Path] = field(default_factory=list)
    tracker: Path | None = None
    letters_issued: int = 0
    register_problem: str = ""  # why the register could not be read now ("" when it was)


def register_problem(fault: RegisterFault) -> str:
    """Why a page cannot show the register now. Held by a command writing it (a batch being
    numbered): the letters issued are not lost, only not shown until it is done."""
    if register_busy(fault):
        return (
            "Sổ theo dõi phiếu đang được một việc khác ghi nên chưa đọc được; các phiếu đã "
            "cấp vẫn còn nguyên. Tải lại trang sau ít phút."
        )
    return f"Sổ theo dõi phiếu xin lỗi: {register_text(fault)}."


def overview(data: Path) -> Overview:
    """What `kehoach validate` says, and which inputs the workspace has."""
    problems = Problems()
    workspace = read_workspace(data, problems)
    if workspace is not None:
        check_workspace(workspace, problems)
    view = Overview(resolve_data(data))
    # Apart: a kind of problem found at many places takes fewer lines than it has problems.
    view.errors = problem_lines(Problems(problems.errors), desk=True)
    view.warnings = problem_lines(Problems(problems.warnings), desk=True)
    if workspace is None:
        return view
    view.unit, view.year = workspace.unit.full_name, workspace.the_plan.year
    view.exports = workspace.export_paths()
    view.tracker = workspace.tracker_path if workspace.tracker_path.is_file() else None
    try:
        view.letters_issued = len(workspace.letter_dates() or ())
    except RegisterFault as fault:
        view.register_problem = register_problem(fault)
    return view


def export_paths(data: Path) -> list[Path]:
    """The workspace's own exports (the letters page offers them, read together), found
    whether or not the unit's settings can be read."""
    return export_paths_in(resolve_data(data))


def unit_problems(data: Path) -> list[str]:
    """Why letters cannot be made now (the unit's settings have errors); [] when they can."""
    problems = Problems()
    read_workspace(data, problems, with_plan=False)
    return problem_lines(Problems(problems.errors), desk=True)


def year_trackers(data: Path) -> list[Path]:
    """The workspace's tracker of each year, offered whether or not the plan can be read."""
    return year_trackers_in(resolve_data(data))


def saved_plans(data: Path) -> list[tuple[str, dt.datetime]]:
    """The plan's backups, newest first: name and when it was made."""
    found = []
    for path in plan_backups(resolve_data(data)):
        made = backup_time(path)
        if made is not None:
            found.append((path.name, made[0]))
    return found


def data_folder(data: Path) -> Path:
    """The workspace the desk serves: the one named, or the shipped example while the
    default data/ does not exist yet (as every command does)."""
    return resolve_data(data)


@dataclass
class PlanView:
    """The appendices as the page shows them, and the plan's warnings that name no row."""

    tables: list[tuple[str, dict[str, Any]]]
    warnings: list[str]


def appendix_tables(data: Path) -> PlanView:
    """Each appendix's file name and the very context its Word template receives, for the
    page to show the same rows and numbering; each row, section and content carries
    («canh_bao») the warnings validate gives for its line of ke-hoach.yaml."""
    workspace, problems = open_workspace(data)
    plan = workspace.the_plan
    by_line: dict[int, list[Problem]] = {}
    for problem in problems.warnings:
        if problem.file == plan.source and problem.line is not None:
            by_line.setdefault(problem.line, []).append(problem)
    placed: set[int] = set()

    def notes(item: dict[str, Any], line: int | None) -> None:
        found = by_line.get(line, []) if line is not None else []
        item["canh_bao"] = [f"dòng {p.line} của ke-hoach.yaml: {p.message}" for p in found]
        placed.update(id(p) for p in found)

    jobs = appendix_jobs(plan, workspace.unit)
    for appendix, job in zip(plan.appendices, jobs, strict=True):
        for section, shown in zip(appendix.sections, job.context["muc"], strict=True):
            notes(shown, section.line)
            for row, cells in zip(section.rows, shown.get("dong", ()), strict=True):
                notes(cells, row.line)
            groups = [group for group in section.groups if group.tasks]
            for group, content in zip(groups, shown.get("noi_dung", ()), strict=True):
                notes(content, group.line)
                for task, cells in zip(group.tasks, content["nhiem_vu"], strict=True):
                    notes(cells, task.line)
    rest = Problems([p for p in problems.items if id(p) not in placed])
    return PlanView([(job.file_name, job.context) for job in jobs], problem_lines(rest, desk=True))


PERIODS = {
    "q1": "Quý I",
    "q2": "Quý II",
    "q3": "Quý III",
    "q4": "Quý IV",
    "6t": "6 tháng đầu năm",
    "nam": "Cả năm",
}


def period_options(key: str) -> tuple[int | None, bool]:
    """The page's period choice as `kehoach report` takes it: (--quarter, --half)."""
    if key in ("q1", "q2", "q3", "q4"):
        return int(key[1]), False
    return None, key == "6t"


@dataclass
class ReportView:
    key: str  # the period shown, as the page names it («q1»…, «6t», «nam»)
    period: Period
    parts: ReportParts
    warnings: list[str]
    columns: tuple[str, ...] = TABLE_COLUMNS  # the statistics table's, in order


def report_view(data: Path, key: str, today: dt.date) -> ReportView:
    """What `kehoach report` would write for the period `key`, before it is written, and what
    it lacks (the page offers a draft then). No `key`: the period `kehoach build` reports on
    (the newest quarter begun that is complete, else the newest begun). The tracker and the
    exports are read once for both."""
    workspace, _ = open_workspace(data)
    inputs = report_inputs(workspace)
    lettered = workspace.letter_dates()
    if not key:
        newest = newest_complete(workspace, inputs, lettered, today)
        shown = newest.complete or newest.incomplete
        key = f"q{shown.period.quarters[0]}" if shown is not None else "q1"
    quarter_number, half = period_options(key)
    period = choose_period(workspace, quarter_number, half, None)
    parts = report_parts(workspace, period, inputs, lettered)
    say_unregistered(workspace, parts, inputs.problems)
    return ReportView(key, period, parts, problem_lines(inputs.problems, desk=True))


@dataclass
class TrackerView:
    path: Path
    exists: bool
    areas: list[AreaProgress]  # the year's progress of each reform area
    warnings: list[str]


def tracker_view(data: Path) -> TrackerView:
    workspace, _ = open_workspace(data)
    inputs = report_inputs(workspace)
    period = choose_period(workspace, None, False, None)
    parts = report_parts(workspace, period, inputs, workspace.letter_dates())
    path = workspace.tracker_path
    return TrackerView(path, path.is_file(), parts.areas, problem_lines(inputs.problems, desk=True))


REGISTER_PAGE = 100  # letters a page of the register shows
ALL_YEARS = 0  # the register's year choice that shows every year


@dataclass
class RegisterView:
    """The letters page's register: the years it has letters for, the year shown (None:
    every year), the letters found and those of the page shown, or why it cannot be read
    now (the page still offers everything else)."""

    years: list[int] = field(default_factory=list)
    year: int | None = None
    letters: list[IssuedLetter] = field(default_factory=list)  # of the page shown
    found: int = 0  # on every page
    page: int = 1
    pages: int = 1
    problem: str = ""
    code: str = ""  # the unit's letters code ("PXL"); empty while its settings have errors

    def name(self, letter: IssuedLetter) -> str:
        """A letter as the officer tells it from the others (each row's buttons say it)."""
        code = f"/{self.code}" if self.code else ""
        return f"phiếu số {letter.number:02d}{code} năm {letter.year} ({letter.draft.dossier_code})"


def _folded(text: str) -> str:
    """Text as the register's search compares it: without marks or case ("Khánh": "khanh")."""
    return strip_marks(unicodedata.normalize("NFC", text)).casefold()


def _register_choice(
    data: Path, year: int | None, search: str
) -> tuple[list[int], int | None, list[IssuedLetter]]:
    """The years the register has letters for, the year chosen (`year`; None: the newest
    unless searching; ALL_YEARS: every year), and its letters matching the search (number,
    dossier code, applicant or procedure, without marks or case), in order; RegisterFault
    when it cannot be read now."""
    path = register_path_in(resolve_data(data))
    if not path.is_file():
        return [], None, []
    with Register(path, read_only=True) as book:
        issued = list(book.all_letters())
    years = sorted({x.year for x in issued}, reverse=True)
    if year is None:
        year = years[0] if years and not search.strip() else ALL_YEARS
    wanted = _folded(search.strip())

    def matches(letter: IssuedLetter) -> bool:
        draft = letter.draft
        text = f"{letter.number:02d} {draft.dossier_code} {draft.applicant} {draft.procedure}"
        return not wanted or wanted in _folded(text)

    chosen = [x for x in issued if year in (ALL_YEARS, x.year) and matches(x)]
    return years, year or None, chosen


def writer_elsewhere(data: Path) -> str:
    """Who is writing the workspace now (the command line, a job of the desk), as pages say
    it; "" when nobody is (a holder killed outright holds nothing any more)."""
    holder = held_by(lock_path_in(resolve_data(data)))
    if holder is None:
        return ""
    since = holder.since.astimezone().strftime("%H:%M")
    return f"Đang có việc khác ghi vào thư mục dữ liệu: {holder.job} từ {since}."


def register_letters(data: Path, year: int | None, search: str, page: int = 1) -> RegisterView:
    """The register's letters chosen (see _register_choice), one page of them."""
    try:
        years, shown, chosen = _register_choice(data, year, search)
    except RegisterFault as fault:
        return RegisterView(problem=register_problem(fault))
    pages = max(1, -(-len(chosen) // REGISTER_PAGE))
    page = min(max(page, 1), pages)
    start = (page - 1) * REGISTER_PAGE
    return RegisterView(
        years,
        shown,
        chosen[start : start + REGISTER_PAGE],
        len(chosen),
        page,
        pages,
        code=_letters_code(data),
    )


def _letters_code(data: Path) -> str:
    try:
        return open_workspace(data, with_plan=False)[0].unit.letters.code
    except InputError:
        return ""  # the unit's settings have errors: the numbers without their code


def register_workbook(
    data: Path, year: int | None, search: str, now: dt.datetime
) -> tuple[str, bytes]:
    """The register's letters chosen as on the page (every page of them) as a workbook, and
    its file name; RegisterFault when the register cannot be read now."""
    _years, shown, chosen = _register_choice(data, year, search)
    code = _letters_code(data)
    which = f"năm {shown}" if shown else "tất cả các năm"
    note = (
        f"Các phiếu {which}"
        + (f" có «{search.strip()}»" if search.strip() else "")
        + (f": {len(chosen)} phiếu.")
    )
    name = "so-theo-doi-phieu-xin-loi-" + (str(shown) if shown else "cac-nam")
    if search.strip():
        name += f"-tim-{safe_file_stem(search.strip())}"
    return f"{name}.xlsx", register_selection(chosen, code, now, note)


@dataclass
class LettersPreview:
    """The letters page before anything is numbered: the day D and where it came from, the
    three lists, and what `kehoach letters --preview` says."""

    day: dt.date
    day_source: str
    owed: list[LetterDraft]  # letters owed now (open, past due on D)
    already: int  # owed, but their letter exists
    due_soon: list[Dossier]  # open, due D or the next working day: a tick box each
    resolved_late: list[tuple[Dossier, int]]  # resolved late, never lettered; days late
    lines: list[str]


def letters_request(data: Path, out: Path, typed_day: str, today: dt.date) -> letters.LetterRequest:
    """The letters job the desk's form asks for, on the day the officer typed (DD/MM/YYYY,
    or YYYY-MM-DD as a date field sends it), read as the CLI's --as-of is; blank: the
    export's own date. ValueError with the reason when the day cannot be read."""
    as_of = parse_day(typed_day) if typed_day.strip() else None
    return letters.LetterRequest(data, out, today, as_of=as_of)


def letters_preview(request: letters.LetterRequest) -> LettersPreview:
    job, outcome = letters.judge(request)
    letters.summary(job, None, outcome)
    plan = job.plan
    return LettersPreview(
        plan.day,
        job.day_source,
        plan.drafts,
        len(plan.already),
        plan.due_soon,
        plan.resolved_late,
        desk_lines(outcome),
    )


def desk_lines(outcome: Outcome, problems: bool | None = None) -> list[str]:
    """An outcome's lines in the desk's words (`problems`: only those, or only the others)."""
    return [
        line.on_desk
        for line in outcome.lines
        if line.on_desk and (problems is None or line.error is problems)
    ]


@dataclass
class ImportPreview:
    """What importing a Word plan would change, before ke-hoach.yaml is written."""

    counts: list[tuple[str, int, int]]  # each appendix: title, sections, rows
    warnings: list[str]  # cells that could not be placed
    diff: list[str]  # ke-hoach.yaml's lines removed (-), added (+) and around them
    tables: list[tuple[str, dict[str, Any]]]  # the appendices as they would be printed
    absent: str  # the plan's appendices the file lacks, and what becomes of them ("": none)
    removed: list[str]  # what of the plan the import removes, part by part


def import_preview(data: Path, source: Path, keep_absent: bool) -> ImportPreview:
    draft = import_plan.draft_import(source, data, keep_absent)
    before = (draft.previous_text or "").splitlines()
    after = draft.text.splitlines()
    # The lines only: a diff's file and position headers mean nothing to an officer.
    diff = [
        line
        for line in difflib.unified_diff(before, after, n=1, lineterm="")
        if not line.startswith(("---", "+++", "@@"))
    ]
    workspace, _ = open_workspace(data, with_plan=False)
    tables = [(job.file_name, job.context) for job in appendix_jobs(draft.plan, workspace.unit)]
    absent = draft.run.absent
    return ImportPreview(
        draft.run.counts,
        problem_lines(draft.run.problems, desk=True),
        diff,
        tables,
        import_plan.absent_text(absent, keep_absent) if absent else "",
        draft.removed,
    )
