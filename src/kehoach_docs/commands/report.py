"""The tracker and report commands' work: the progress workbook made and kept, and the
periodic report with its statistics, indicators and chart."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from kehoach_docs.commands.failures import NOTHING_WRITTEN, CommandFailed, problem_lines
from kehoach_docs.commands.outcome import Outcome, open_for, publish, writes
from kehoach_docs.documents.chart import report_chart
from kehoach_docs.documents.report import (
    AreaProgress,
    Missing,
    cites_plan,
    report_model,
    text_row,
)
from kehoach_docs.documents.templates import REPORT_TEMPLATE
from kehoach_docs.domain.indicators import (
    IndicatorResult,
    Ratio,
    dossier_stats,
    measurements,
    monthly_on_time,
)
from kehoach_docs.domain.online import mark_fully_online
from kehoach_docs.domain.periods import Period, half_year, quarter, whole_year
from kehoach_docs.domain.plan import Indicator, Plan
from kehoach_docs.domain.problems import InputError, Problems
from kehoach_docs.domain.progress import TrackerData, keyed, task_lines
from kehoach_docs.domain.statements import contradictions, tracker_statements
from kehoach_docs.inputs.export import ExportRead
from kehoach_docs.inputs.tracker import read_tracker
from kehoach_docs.outputs.folder import OutputFolder, Publication
from kehoach_docs.render.engine import CompiledTemplate, compile_template, render_docx
from kehoach_docs.render.sections import without_last_section
from kehoach_docs.workspace import Workspace

CHART_PART = "word/media/image1.png"


def report_file(period: Period) -> str:
    if len(period.quarters) == 1:
        return f"bao-cao-cchc-quy-{period.quarters[0]}-{period.year}"
    return f"bao-cao-cchc-{'6-thang' if len(period.quarters) == 2 else 'nam'}-{period.year}"


@dataclass
class ReportInputs:
    read: ExportRead | None  # None: no export (a report is then only a draft)
    tracker: TrackerData
    problems: Problems  # warnings (errors raise)
    # False while the workspace has no tracker: nothing is said of its cells then.
    tracker_found: bool = True


def report_inputs(
    workspace: Workspace,
    export: Path | None = None,
    read: ExportRead | None = None,
    *,
    making_tracker: bool = False,
) -> ReportInputs:
    """The tracker and the exports (the one named, else every one of the workspace; unless
    already read), checked; InputError on errors. `making_tracker`: the run makes the
    tracker (build), which its warning says."""
    plan = workspace.the_plan
    problems = Problems()
    tracker_path = workspace.tracker_path
    found = tracker_path.exists()
    if found:
        tracker = read_tracker(tracker_path, str(tracker_path), plan, problems)
    else:
        tracker = TrackerData()
        then = (
            "lần này làm bảng mới: ghi trạng thái từng nhiệm vụ và nội dung báo cáo vào "
            "bảng rồi chạy lại kehoach build"
            if making_tracker
            else "làm bảng bằng: kehoach "
            "tracker, ghi trạng thái từng nhiệm vụ vào bảng rồi làm lại báo cáo"
        )
        lacking = (
            "chưa có bảng theo dõi nên chưa làm được báo cáo (cần trạng thái từng nhiệm "
            "vụ và nội dung tự viết)"
        )
        problems.warning(
            tracker_path,
            None,
            "",
            f"{lacking}; {then}",
            desk=f"{lacking}; làm bảng ở trang «Theo dõi», ghi trạng thái từng "
            "nhiệm vụ vào bảng rồi làm lại báo cáo",
        )
    if read is None:
        read = workspace.read_exports([export] if export else None)
        if read is not None:
            problems.items += read.problems.items
    if read is None:
        problems.warning(
            workspace.exports_folder,
            None,
            "",
            "không có tệp hồ sơ một cửa: chưa "
            "làm được báo cáo (thiếu bảng số liệu giải quyết thủ tục hành chính)",
        )
        if export is None:
            workspace.warn_unread_exports(problems)
    if problems.errors:
        raise InputError(problems)
    return ReportInputs(read, tracker, problems, found)


def choose_period(
    workspace: Workspace,
    quarter_number: int | None,
    half: bool,
    year: int | None,
    as_of: dt.date | None = None,
) -> Period:
    """The period asked for: a quarter, the half year, else the whole year (of the plan's
    year unless another is given), cut as the unit's reports are; with `as_of`, as known on
    that day (see check_period)."""
    target_year = year or workspace.the_plan.year
    calendar_periods = workspace.unit.calendar_periods
    if quarter_number is not None:
        period = quarter(target_year, quarter_number, calendar_periods)
    elif half:
        period = half_year(target_year, calendar_periods)
    else:
        period = whole_year(target_year, calendar_periods)
    return period if as_of is None else check_period(workspace, period, as_of)


def report_quarters(workspace: Workspace, tracker: TrackerData, day: dt.date) -> list[Period]:
    """The plan year's quarters to report on by `day`, newest first, each as known on that
    day: those ended, and the running one once the tracker has something for it."""
    plan_year, cut = workspace.the_plan.year, workspace.unit.calendar_periods
    written = {q for entries in tracker.entries.values() for q in entries}
    periods = [quarter(plan_year, number, cut) for number in (4, 3, 2, 1)]
    return [
        period.until(day)
        for period in periods
        if period.end < day or (period.start <= day and period.quarters[0] in written)
    ]


def check_period(workspace: Workspace, period: Period, as_of: dt.date) -> Period:
    """The period as known on `as_of` (an unfinished one cut at that day); InputError for a
    year the plan is not of, or a period not yet begun."""
    plan = workspace.the_plan
    problems = Problems()
    if period.year != plan.year:
        problems.error(
            workspace.plan_path,
            None,
            "",
            f"không có kế hoạch năm {period.year} "
            f"(kế hoạch trong tệp là năm {plan.year}); báo cáo năm {period.year} "
            "cần kế hoạch của năm đó",
        )
    elif as_of < period.start:
        problems.error(
            workspace.plan_path,
            None,
            "",
            f"kỳ báo cáo {period.label} bắt đầu "
            f"ngày {period.start:%d/%m/%Y}, sau ngày làm báo cáo {as_of:%d/%m/%Y}",
        )
    if problems.errors:
        raise InputError(problems)
    return period.until(as_of)


@dataclass
class ReportParts:
    """A report before it is rendered: its file name, the template's context (the desk shows
    the same statistics and indicators), its chart, and what it lacks."""

    name: str  # file name without extension
    context: dict[str, object]
    areas: list[AreaProgress]
    period: Period
    # What the officers must still write, with the file it goes in ("" when none).
    missing: list[tuple[str, Missing]]
    months: list[tuple[str, Ratio]]  # the on-time rate of each month, for the chart
    on_time_target: float
    draft: bool = False
    # Late dossiers of the period counted without a letter because there is no register.
    unregistered_late: int = 0

    @cached_property
    def chart(self) -> bytes | None:
        """The annex's picture, drawn only when asked (a period tried and found incomplete
        needs none); None when neither panel has data: the report has no annex then."""
        return report_chart(
            self.areas,
            self.months,
            self.on_time_target,
            f"Kết quả cải cách hành chính {self.period.label}",
        )

    @property
    def missing_lines(self) -> list[str]:
        return [f"{file}: {item}" if file else str(item) for file, item in self.missing]


# Days after a period's start with nothing received that still say nothing of the export: a
# period may begin on a weekend or a holiday, a small commune receive nothing for days.
EXPORT_GRACE = dt.timedelta(days=7)


def report_parts(
    workspace: Workspace,
    period: Period,
    inputs: ReportInputs,
    lettered: Mapping[str, dt.date] | None,
    draft: bool = False,
) -> ReportParts:
    """What the period's report says, from inputs already read and checked; `lettered`: each
    dossier that has an apology letter, with the letter's date. What the report lacks is
    returned (`missing`); tasks without a status, figures that disagree, a plan that cannot
    be cited are added to `inputs.problems` as warnings for the screen."""
    plan, unit = workspace.the_plan, workspace.unit
    dossiers = None
    if inputs.read is not None:
        dossiers, unused = mark_fully_online(inputs.read.dossiers, unit.fully_online_procedures)
        for item in unused:
            inputs.problems.warning(
                workspace.unit_path,
                None,
                "bao_cao › thu_tuc_toan_trinh",
                f"«{item}» không khớp tên hay mã thủ tục nào trong tệp hồ sơ",
            )
    stats = dossier_stats(dossiers, period) if dossiers is not None else None
    measured = measurements(dossiers, stats, period, lettered or {})
    model = report_model(
        plan,
        unit,
        period,
        inputs.tracker,
        stats,
        measured,
        _recipients(unit.report_recipients),
        tracker_found=inputs.tracker_found,
        draft=draft,
    )
    warn = inputs.problems.warning
    # Without a tracker its one warning says it all: no cell of it to name.
    for gap in model.gaps.messages(period) if inputs.tracker_found else ():
        warn(workspace.tracker_path, None, "", gap)
    by_indicator: dict[Indicator, IndicatorResult] = {}
    for result in model.results:
        by_indicator.setdefault(result.indicator, result)
    statements = tracker_statements(
        keyed(task_lines(plan)), inputs.tracker, period, text_row(period)
    )
    for said in contradictions(statements, by_indicator, period):
        warn(workspace.tracker_path, None, "", said)
    for said in plan_citation(plan, period):
        warn(workspace.plan_path, None, "", said)
    late = measured[Indicator.APOLOGY].ratio
    first = min((d.received.day for d in dossiers or () if d.received is not None), default=None)
    if inputs.read is not None and first is not None and first > period.start + EXPORT_GRACE:
        # The period begins before the export (a year's export, a period from 15/12): what
        # was received before its first dossier, carried over ones too, is not in the report.
        warn(
            inputs.read.source,
            None,
            "",
            f"hồ sơ sớm nhất trong tệp tiếp nhận ngày {first:%d/%m/%Y}, sau ngày đầu "
            f"kỳ {period.label} ({period.start:%d/%m/%Y}): hồ sơ tiếp nhận trước đó, kể cả hồ sơ "
            "kỳ trước chuyển qua, không có trong báo cáo; nếu có, thêm tệp hồ sơ của thời gian "
            "đó vào thư mục hồ sơ",
        )
    if stats is not None and stats.received == 0 and inputs.read is not None:
        warn(
            inputs.read.source,
            None,
            "",
            f"không có hồ sơ nào trong kỳ {period.label} (từ "
            f"{period.start:%d/%m/%Y} đến {period.end:%d/%m/%Y}); bảng số liệu toàn số 0, "
            "hãy kiểm tra lại tệp hồ sơ",
        )
    name = report_file(period) + ("-du-thao" if draft else "")
    missing = [(_missing_file(workspace, item), item) for item in model.missing]
    return ReportParts(
        name,
        model.context,
        model.areas,
        period,
        missing,
        monthly_on_time(dossiers or [], period),
        by_indicator[Indicator.ON_TIME].target.percent,
        draft,
        late.denominator if lettered is None and late is not None else 0,
    )


def _missing_file(workspace: Workspace, item: Missing) -> str:
    """The file where what is missing gets written."""
    if item.sheet or item.tracker:
        return str(workspace.tracker_path)
    return str(workspace.exports_folder if item.exports else workspace.plan_path)


def plan_citation(plan: Plan, period: Period) -> list[str]:
    """What is wrong with citing the plan in the period's report ("Thực hiện Kế hoạch số
    ... ngày ..."): a plan issued after the period is not cited; one still without number
    or day three months after its month should have them by now."""
    issued = plan.date
    if not cites_plan(plan, period):
        return [
            f"kế hoạch ban hành tháng {issued.month}/{issued.year}, sau kỳ báo cáo "
            f"{period.label} (báo cáo đề tháng {period.end.month}/{period.end.year}): báo "
            "cáo không dẫn «Thực hiện Kế hoạch số ...»; nếu ngày ban hành ghi sai, sửa "
            "ngay_ban_hanh"
        ]
    month = (issued.year or plan.year) * 12 + (issued.month or 1)
    if (plan.number is None or issued.day is None) and (
        period.end.year * 12 + period.end.month - month >= 3
    ):
        lacking = " và ".join(
            word
            for word, absent in (
                ("số (so)", plan.number is None),
                ("ngày (ngay_ban_hanh › ngay)", issued.day is None),
            )
            if absent
        )
        return [
            f"kế hoạch chưa ghi {lacking} mà báo cáo {period.label} đề tháng "
            f"{period.end.month}/{period.end.year}, đã từ 3 tháng sau tháng ban hành: báo cáo "
            "in «Kế hoạch số      /KH-...» để trống; điền theo bản kế hoạch đã ký"
        ]
    return []


@dataclass
class Newest:
    """The newest quarter begun whose report can be made, with its warnings; and a newer
    one that cannot yet (None when the newest begun is the complete one)."""

    complete: ReportParts | None
    problems: Problems
    incomplete: ReportParts | None


def newest_complete(
    workspace: Workspace, inputs: ReportInputs, lettered: Mapping[str, dt.date] | None, day: dt.date
) -> Newest:
    """The quarters to report on by `day`, newest first, until one is complete."""
    incomplete = None
    for period in report_quarters(workspace, inputs.tracker, day):
        problems = Problems()
        parts = report_parts(workspace, period, replace(inputs, problems=problems), lettered)
        if not parts.missing:
            return Newest(parts, problems, incomplete)
        incomplete = incomplete or parts
    return Newest(None, Problems(), incomplete)


class ReportIncomplete(CommandFailed):
    """The period lacks what its report needs: nothing written, everything missing named."""

    def __init__(
        self, parts: ReportParts, option: str, warnings: list[str], desk_warnings: list[str]
    ) -> None:
        def said(warnings: list[str], draft: str) -> list[str]:
            return [
                *warnings,
                f"Chưa làm báo cáo {parts.period.label} vì còn thiếu {len(parts.missing)} nội "
                "dung (mỗi phần của báo cáo cần ít nhất một nhiệm vụ có trạng thái của kỳ, và "
                "dòng của kỳ ở trang «Nội dung báo cáo» cần Ưu điểm, Tồn tại, Nhiệm vụ kỳ tới):",
                *(f"- {line}" for line in parts.missing_lines),
                "Ghi đủ các chỗ trên rồi làm lại; cần bản dự thảo để các bộ phận bổ sung thì "
                f"{draft}.",
                NOTHING_WRITTEN,
            ]

        on_desk = "bấm «Làm bản dự thảo» ở trang «Báo cáo»"
        super().__init__(said(warnings, f"thêm {option}"), said(desk_warnings, on_desk))
        self.parts = parts


def render_report(
    workspace: Workspace, parts: ReportParts, template: CompiledTemplate | None = None
) -> dict[str, bytes]:
    """The report and its chart, by file name, rendered in memory (with the workspace's
    report template unless one is given)."""
    stamp = dt.datetime.combine(parts.period.end, dt.time(0, 0), tzinfo=dt.UTC)
    template = template or compile_template(workspace.template(REPORT_TEMPLATE))
    # The document's title property says what it is: "Báo cáo kết quả thực hiện ...".
    summary = str(parts.context["trich_yeu"])
    title = f"Báo cáo {summary[:1].lower()}{summary[1:]}" + (" (dự thảo)" if parts.draft else "")
    if parts.chart is None:
        document = render_docx(template, parts.context, stamp, title)
        return {f"{parts.name}.docx": without_last_section(document)}
    document = render_docx(template, parts.context, stamp, title, {CHART_PART: parts.chart})
    return {f"{parts.name}.docx": document, f"{parts.name}.png": parts.chart}


def stage(documents: dict[str, bytes], folder: OutputFolder, publication: Publication) -> None:
    for name, data in documents.items():
        publication.add(folder, name, data)


def say_unregistered(workspace: Workspace, parts: ReportParts, problems: Problems) -> None:
    """Why the report counts the period's late dossiers as without letter, when there is no
    register: its figure is true to the register, which holds only the program's letters
    (letters made now would not change a past period, so no advice)."""
    if parts.unregistered_late:
        problems.warning(
            workspace.register_path,
            None,
            "",
            "chưa có sổ này (chưa làm phiếu nào bằng chương trình), nên báo cáo tính "
            f"{parts.unregistered_late} hồ sơ trễ hạn trong kỳ là chưa có phiếu xin lỗi; "
            "chương trình chỉ biết các phiếu nó đã làm",
        )


@writes("làm báo cáo")
def run(
    data: Path,
    out: Path,
    force: bool,
    quarter_number: int | None,
    half: bool,
    year: int | None,
    export: Path | None,
    as_of: dt.date | None = None,
    draft: bool = False,
) -> Outcome:
    """The report of one period: a quarter, the half year, else the whole year, as known on
    `as_of` (today when not given); refused while incomplete unless `draft` is asked."""
    workspace, outcome = open_for(data, out=out)
    period = choose_period(workspace, quarter_number, half, year, as_of or dt.date.today())
    inputs = report_inputs(workspace, export)
    parts = report_parts(workspace, period, inputs, workspace.letter_dates(), draft)
    say_unregistered(workspace, parts, inputs.problems)
    if parts.missing and not draft:
        raise ReportIncomplete(
            parts,
            "--du-thao",
            problem_lines(inputs.problems),
            problem_lines(inputs.problems, desk=True),
        )
    documents = render_report(workspace, parts)
    outcome.problems(inputs.problems)
    if parts.missing:
        outcome.warn(
            f"Bản dự thảo: còn thiếu {len(parts.missing)} nội dung, đã đánh dấu "
            "«CẦN BỔ SUNG» trong văn bản:"
        )
        for line in parts.missing_lines:
            outcome.warn(f"- {line}")
    with Publication() as publication:
        stage(documents, OutputFolder(out, force), publication)
        publish(publication, outcome)
    return outcome


def _recipients(items: tuple[str, ...]) -> list[str]:
    """NĐ 30: "- Nơi A;" for each, the last ending with a full stop. A bracketed part
    ("(Phòng Nội vụ)") is kept on one line: its spaces do not break."""
    cleaned = [
        re.sub(r"\([^)]*\)", lambda m: m.group(0).replace(" ", "\u00a0"), item.strip().rstrip(";."))
        for item in items
        if item.strip()
    ]
    return [f"- {item}{'.' if i == len(cleaned) - 1 else ';'}" for i, item in enumerate(cleaned)]
