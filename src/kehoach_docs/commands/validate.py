"""kehoach validate: every problem of a workspace's data and templates, with its place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kehoach_docs.commands.failures import (
    counts,
    export_fault_known,
    register_busy,
    register_text,
)
from kehoach_docs.commands.kinds import DOCUMENT_KINDS
from kehoach_docs.commands.outcome import Outcome
from kehoach_docs.commands.report import (
    ReportInputs,
    report_parts,
)
from kehoach_docs.documents.appendix import appendix_jobs, document_stamp
from kehoach_docs.domain.checks import check_export_year
from kehoach_docs.domain.limits import NotAFile
from kehoach_docs.domain.periods import Period, quarter
from kehoach_docs.domain.problems import Problems
from kehoach_docs.domain.progress import TrackerData
from kehoach_docs.domain.workdays import known_until
from kehoach_docs.inputs.export import ExportFault, ExportRead, merged_read
from kehoach_docs.inputs.tracker import read_tracker
from kehoach_docs.outputs.register import Register, RegisterFault
from kehoach_docs.render.engine import (
    CompiledTemplate,
    TemplateFault,
    compile_template,
    missing_fields,
    render_docx,
)
from kehoach_docs.render.sandbox import listing_missing
from kehoach_docs.workspace import Workspace, read_workspace

REGISTER_BUSY = (
    "đang được một lệnh khác ghi nên lần kiểm tra này bỏ qua các phiếu xin lỗi đã cấp; kiểm "
    "tra lại khi lệnh kia xong"
)


def _letter_dates(workspace: Workspace, problems: Problems) -> dict[str, dt.date] | None:
    """The register's letter dates. A register that cannot be read is one problem of the
    list, the other checks going on as without a register: a warning while another run
    holds it (nothing is wrong with it), an error when it is damaged."""
    try:
        return workspace.letter_dates()
    except RegisterFault as fault:
        _unreadable(fault, problems)
        return None


def _unreadable(fault: RegisterFault, problems: Problems) -> None:
    """Said once, whichever check met it first."""
    if any(problem.file == str(fault.path) for problem in problems.items):
        return
    if register_busy(fault):
        problems.warning(fault.path, None, "", REGISTER_BUSY)
    else:
        problems.error(fault.path, None, "", register_text(fault))


def _check_periods(
    workspace: Workspace,
    data: TrackerData,
    read: ExportRead | None,
    problems: Problems,
    today: dt.date | None,
) -> None:
    """Each quarter ended by `today`: what its report lacks, its tasks without a status, and
    its figures typed in words that the exports contradict (`read`: every export read
    together, None when there is none)."""
    plan = workspace.the_plan
    ended: list[Period] = []
    for number in (1, 2, 3, 4):
        period = quarter(plan.year, number, workspace.unit.calendar_periods)
        if today is None or period.end >= today:
            break
        ended.append(period)
    if not ended:
        return
    if read is not None and read.problems.errors:
        return  # the export's own errors are said above; its figures cannot be judged
    letters = _letter_dates(workspace, problems)
    said: set[str] = set()
    for period in ended:
        found = Problems()
        parts = report_parts(workspace, period, ReportInputs(read, data, found), letters)
        for file, item in parts.missing:
            problems.warning(file, None, "", f"báo cáo {period.label} chưa làm được: {item}")
        for problem in found.warnings:
            if str(problem) not in said:  # the plan's date is said once, not per quarter
                said.add(str(problem))
                problems.items.append(problem)


def _check_appendices(workspace: Workspace, problems: Problems) -> None:
    """Every appendix rendered in memory, each template's every error said (a template that
    does not compile, once; each field an appendix lacks, once for all appendices)."""
    stamp = document_stamp(workspace.the_plan)
    jobs = appendix_jobs(workspace.the_plan, workspace.unit)
    templates: dict[str, CompiledTemplate] = {}
    said: list[tuple[str, str]] = []
    for name in dict.fromkeys(job.template for job in jobs):
        try:
            templates[name] = compile_template(workspace.template(name))
        except TemplateFault as fault:
            said.append((name, fault.message))
    for job in jobs:
        template = templates.get(job.template)
        if template is None:
            continue
        with listing_missing() as missing:
            try:
                render_docx(template, job.context, stamp, job.title)
            except TemplateFault as fault:
                said.append((job.template, fault.message))
                continue
        said += [(job.template, message) for message in missing_fields(template, missing)]
    for name, message in dict.fromkeys(said):
        problems.error(workspace.template(name), None, "", message)


def check_workspace(workspace: Workspace, problems: Problems, today: dt.date | None = None) -> None:
    """What validate checks beyond the YAML: the appendix templates rendered in memory, the
    letter and report templates compiled and tried on sample data, the one-stop export and
    the tracker read; the signer's name, and (as of `today`) every tracker row without a
    status for a quarter already ended."""
    if not workspace.unit.signer.name.strip():
        problems.warning(
            workspace.unit_path,
            None,
            "nguoi_ky › ho_ten",
            "chưa có họ tên người ký; văn bản in chỗ ký để trống tên",
        )
    _check_appendices(workspace, problems)
    trials = [(kind.templates[0], kind.trial) for kind in DOCUMENT_KINDS if kind.trial]
    for name, trial in trials:
        # Every field the data lacks is listed, not only the first.
        with listing_missing() as missing:
            try:
                template = compile_template(workspace.template(name))
                trial(workspace, template)
            except TemplateFault as fault:
                problems.error(workspace.template(name), None, "", fault.message)
                continue
        for message in missing_fields(template, missing):
            problems.error(workspace.template(name), None, "", message)
    # Each export read once: its own problems, then those of all read together (a code
    # found twice with different data), which the quarters below are counted from.
    reads: list[ExportRead] = []
    unreadable = False
    for export in workspace.export_paths():
        try:
            reads.append(workspace.read_export(export))
        except ExportFault as fault:
            # One problem of the list: the other checks go on.
            problems.error(
                export,
                None,
                "",
                export_fault_known(fault)
                or (
                    "chương trình gặp lỗi không lường trước khi đọc tệp này; hãy gửi tệp cho người "
                    "phát triển"
                ),
            )
            unreadable = True
    exports = merged_read(reads) if reads else None
    if exports is not None:
        problems.items += exports.problems.items
    for read in reads:
        days = [d.received.day for d in read.dossiers if d.received is not None]
        check_export_year(read.source, days, workspace.the_plan.year, problems)
    workspace.warn_unread_exports(problems)
    for tracker in workspace.tracker_paths():
        if tracker != workspace.tracker_path and ".sao-luu-" not in tracker.name:
            problems.warning(
                tracker,
                None,
                "",
                f"bảng theo dõi của năm khác; kế hoạch là năm "
                f"{workspace.the_plan.year} (bảng của năm này: "
                f"{workspace.tracker_path.name})",
            )
    tracker = workspace.tracker_path
    if tracker.exists():
        plan = workspace.the_plan
        data = read_tracker(tracker, str(tracker), plan, problems)
        if not unreadable:  # else said above, with the other problems of the exports
            _check_periods(workspace, data, exports, problems, today)
    _check_calendar(workspace, problems)


def _check_calendar(workspace: Workspace, problems: Problems) -> None:
    """Deadlines of a year whose day swaps nobody knows yet count wrong: say so, unless the
    unit already wrote that year's days into its own calendar."""
    year, known = workspace.the_plan.year, known_until()
    unit = workspace.unit
    own = any(day.year == year for day in (*unit.extra_days_off, *unit.extra_workdays))
    if year > known and not own:
        problems.warning(
            workspace.unit_path,
            None,
            "lich_lam_viec",
            (
                f"lịch nghỉ bù, làm bù của Nhà nước chỉ có đến năm {known}; khi có văn bản hoán "
                f"đổi ngày làm việc năm {year}, ghi các ngày đó vào mục lich_lam_viec "
                "(ngay_nghi_them, ngay_lam_bu) để hạn trả hồ sơ tính đúng"
            ),
        )


def _check_register(workspace: Workspace, out: Path, problems: Problems) -> None:
    """The register read whole: numbers missing from a year (rows deleted by hand: never
    given again), numbers on two rows, letters a stopped run left unprinted, and batch
    documents missing from the documents' folder `out`."""
    path = workspace.register_path
    if not path.exists():
        return
    try:
        with Register(path, read_only=True) as register:
            health = register.health()
    except NotAFile as exc:
        problems.error(path, None, "", exc.what)
        return
    except RegisterFault as fault:
        _unreadable(fault, problems)
        return
    code = workspace.unit.letters.code
    for gap in health.gaps:
        problems.warning(
            path,
            None,
            "",
            (
                f"năm {gap.year} thiếu {_span(gap.first, gap.last, code)} trong sổ (dòng đã bị xóa "
                "ngoài chương trình); các số này đã cấp nên không cấp lại cho hồ sơ khác"
            ),
        )
    for year, number, rows in health.duplicates:
        problems.error(path, None, "", f"số {number:02d}/{code} năm {year} có {rows} dòng")
    unprinted = {(letter.year, letter.number) for letter in health.unprinted}
    if health.unprinted:
        problems.warning(
            path,
            None,
            "",
            (
                f"{len(health.unprinted)} phiếu đã cấp số nhưng lượt chạy bị dừng trước khi ghi "
                "tệp; lần làm phiếu xin lỗi tới sẽ in các phiếu đó"
            ),
        )
    if not out.is_dir():
        return
    for name, letters in health.files.items():
        letters = [lt for lt in letters if (lt.year, lt.number) not in unprinted]
        if letters and not (out / name).is_file():
            first, last = letters[0], letters[-1]
            numbers = _span(first.number, last.number, code)
            missing = (
                f"tệp {name} ({len(letters)} phiếu, {numbers} năm {first.year}) không "
                f"có trong thư mục {out}"
            )
            problems.warning(
                path,
                None,
                "",
                f"{missing}; nếu cần in lại: kehoach letters --reissue",
                desk=f"{missing}; nếu cần, in lại ở «Sổ theo dõi phiếu xin lỗi»",
            )


def _span(first: int, last: int, code: str) -> str:
    if first == last:
        return f"số {first:02d}/{code}"
    return f"các số {first:02d}/{code} đến {last:02d}/{code}"


def run(data: Path, out: Path) -> Outcome:
    """Every problem, then a verdict; failed when there is any error. `out`: the documents'
    folder, where the register's letters are looked for."""
    problems = Problems()
    workspace = read_workspace(data, problems)
    if workspace is not None:
        check_workspace(workspace, problems, dt.date.today())
        _check_register(workspace, out, problems)
    outcome = Outcome()
    outcome.problems(problems)
    if problems.errors:
        outcome.warn(f"Dữ liệu có lỗi: {counts(problems)}. Hãy sửa các lỗi trên.")
        outcome.failed = True
    else:
        outcome.say(f"Dữ liệu hợp lệ: {counts(problems)}.")
    return outcome
