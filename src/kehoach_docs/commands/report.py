"""The tracker and report commands' work: the progress workbook made and kept, and the
periodic report with its statistics, indicators and chart."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kehoach_docs.commands.outcome import Outcome, open_for, publish
from kehoach_docs.documents.chart import report_chart
from kehoach_docs.documents.report import AreaProgress, Gaps, areas, report_context
from kehoach_docs.domain.indicators import dossier_stats, indicator_results, monthly_on_time
from kehoach_docs.domain.online import mark_fully_online
from kehoach_docs.domain.periods import Period, half_year, quarter, whole_year
from kehoach_docs.domain.plan import Indicator
from kehoach_docs.domain.problems import InputError, Problems
from kehoach_docs.domain.progress import TrackerData
from kehoach_docs.inputs.export import ExportRead
from kehoach_docs.inputs.tracker import read_tracker
from kehoach_docs.outputs.folder import OutputFolder, Publication
from kehoach_docs.render.engine import CompiledTemplate, compile_template, render_docx
from kehoach_docs.render.sections import without_last_section
from kehoach_docs.workspace import Workspace

REPORT_TEMPLATE = "bao-cao-cchc.docx"
CHART_PART = "word/media/image1.png"


def latest_quarter(tracker: TrackerData) -> int:
    """The last quarter the tracker has any entry for (1 when it has none yet)."""
    return max((q for entries in tracker.entries.values() for q in entries), default=1)


def report_file(period: Period) -> str:
    if len(period.quarters) == 1:
        return f"bao-cao-cchc-quy-{period.quarters[0]}-{period.year}"
    return f"bao-cao-cchc-{'6-thang' if len(period.quarters) == 2 else 'nam'}-{period.year}"


@dataclass
class ReportInputs:
    read: ExportRead | None  # None: no export, the tables say "chưa có số liệu"
    tracker: TrackerData
    problems: Problems  # warnings (errors raise)
    # False while the workspace has no tracker: nothing is said of its cells then.
    tracker_found: bool = True


def report_inputs(workspace: Workspace, export: Path | None = None,
                  read: ExportRead | None = None, *, making_tracker: bool = False
                  ) -> ReportInputs:  # fmt: skip
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
        then = ("lần này làm bảng mới: ghi trạng thái từng nhiệm vụ và nội dung báo cáo vào "
                "bảng rồi chạy lại kehoach build" if making_tracker else "làm bảng bằng: kehoach "
                "tracker, ghi trạng thái từng nhiệm vụ vào bảng rồi làm lại báo cáo")  # fmt: skip
        problems.warning(tracker_path, None, "", "chưa có bảng theo dõi nên báo cáo chưa có kết "
                         f"quả từng nhiệm vụ và chưa có phần nội dung tự viết; {then}")  # fmt: skip
    if read is None:
        read = workspace.read_exports([export] if export else None)
        if read is not None:
            problems.items += read.problems.items
    if read is None:
        problems.warning(workspace.exports_folder, None, "", "không có tệp hồ sơ một cửa; các "
                         "bảng số liệu ghi «chưa có số liệu»")  # fmt: skip
    if problems.errors:
        raise InputError(problems)
    return ReportInputs(read, tracker, problems, found)


def choose_period(workspace: Workspace, quarter_number: int | None, half: bool,
                  year: int | None, as_of: dt.date | None = None) -> Period:  # fmt: skip
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


def latest_period(workspace: Workspace, inputs: ReportInputs, as_of: dt.date | None = None
                  ) -> Period:  # fmt: skip
    """The quarter build reports on: the last one the tracker has entries for."""
    plan_year = workspace.the_plan.year
    period = quarter(plan_year, latest_quarter(inputs.tracker), workspace.unit.calendar_periods)
    return period if as_of is None else check_period(workspace, period, as_of)


def check_period(workspace: Workspace, period: Period, as_of: dt.date) -> Period:
    """The period as known on `as_of` (an unfinished one cut at that day); InputError for a
    year the plan is not of, or a period not yet begun."""
    plan = workspace.the_plan
    problems = Problems()
    if period.year != plan.year:
        problems.error(workspace.plan_path, None, "", f"không có kế hoạch năm {period.year} "
                       f"(kế hoạch trong tệp là năm {plan.year}); báo cáo năm {period.year} "
                       "cần kế hoạch của năm đó")  # fmt: skip
    elif as_of < period.start:
        problems.error(workspace.plan_path, None, "", f"kỳ báo cáo {period.label} bắt đầu "
                       f"ngày {period.start:%d/%m/%Y}, sau ngày làm báo cáo {as_of:%d/%m/%Y}")
    if problems.errors:
        raise InputError(problems)
    return period.until(as_of)


@dataclass
class ReportParts:
    """A report before it is rendered: its file name, the template's context (the desk shows
    the same statistics and indicators) and its chart."""

    name: str  # file name without extension
    context: dict[str, object]
    chart: bytes | None  # None when neither panel has data: the report has no annex then
    areas: list[AreaProgress]


def report_parts(workspace: Workspace, period: Period, inputs: ReportInputs,
                 lettered: Mapping[str, dt.date] | None) -> ReportParts:  # fmt: skip
    """What the period's report says, from inputs already read and checked; `lettered`: each
    dossier that has an apology letter, with the letter's date. What the tracker lacks, and
    an export without a dossier in the period, are added to `inputs.problems` as warnings
    for the screen (the document itself never carries a note to the user)."""
    plan = workspace.the_plan
    tracker = inputs.tracker
    dossiers = None
    if inputs.read is not None:
        listed = workspace.unit.fully_online_procedures
        dossiers, unused = mark_fully_online(inputs.read.dossiers, listed)
        for item in unused:
            inputs.problems.warning(workspace.unit_path, None, "bao_cao › thu_tuc_toan_trinh",
                                    f"«{item}» không khớp tên hay mã thủ tục nào trong tệp "
                                    "hồ sơ")  # fmt: skip
    stats = dossier_stats(dossiers, period) if dossiers is not None else None
    results = indicator_results(plan, dossiers, stats, period, lettered)
    area_list = areas(plan, tracker, period)
    gaps = Gaps()
    fully_online = dossiers is not None and any(d.fully_online is not None for d in dossiers)
    context = report_context(plan, workspace.unit, period, area_list, tracker, stats, results,
                             _recipients(workspace.unit.report_recipients), fully_online,
                             gaps)  # fmt: skip
    # Without a tracker its one warning says it all: no cell of it to name.
    for gap in gaps.messages(period) if inputs.tracker_found else ():
        inputs.problems.warning(workspace.tracker_path, None, "", gap)
    issued = plan.date
    if issued.year and issued.month and (issued.year, issued.month) > (period.end.year,
                                                                       period.end.month):
        # The report opens "Thực hiện Kế hoạch số ... ngày ... tháng 6": a report of March
        # cannot cite a plan issued in June.
        inputs.problems.warning(workspace.plan_path, None, "", f"kế hoạch ban hành tháng "
                                f"{issued.month}/{issued.year}, sau kỳ báo cáo {period.label} "
                                f"(báo cáo đề tháng {period.end.month}/{period.end.year}) mà "
                                "báo cáo vẫn dẫn kế hoạch này; kiểm tra lại ngày ban hành "
                                "(ngay_ban_hanh)")  # fmt: skip
    if stats is not None and stats.received == 0 and inputs.read is not None:
        inputs.problems.warning(inputs.read.source, None, "", f"không có hồ sơ nào trong kỳ "
                                f"{period.label} (từ {period.start:%d/%m/%Y} đến "
                                f"{period.end:%d/%m/%Y}); bảng số liệu toàn số 0, hãy kiểm "
                                "tra lại tệp hồ sơ")  # fmt: skip
    on_time = next((r.target.percent for r in results if r.indicator is Indicator.ON_TIME), None)
    chart = report_chart(
        [progress for progress, _ in area_list],
        monthly_on_time(dossiers or [], period), on_time,
        f"Kết quả cải cách hành chính {period.label}",
    )  # fmt: skip
    return ReportParts(report_file(period), context, chart, [p for p, _ in area_list])


def render_report(
    workspace: Workspace, period: Period, inputs: ReportInputs,
    lettered: Mapping[str, dt.date] | None, template: CompiledTemplate | None = None,
) -> dict[str, bytes]:
    """The period's report and its chart, by file name, rendered in memory (with the
    workspace's report template unless one is given)."""
    parts = report_parts(workspace, period, inputs, lettered)
    stamp = dt.datetime.combine(period.end, dt.time(0, 0), tzinfo=dt.UTC)
    template = template or compile_template(workspace.template(REPORT_TEMPLATE))
    if parts.chart is None:
        document = render_docx(template, parts.context, stamp, str(parts.context["trich_yeu"]))
        return {f"{parts.name}.docx": without_last_section(document)}
    document = render_docx(template, parts.context, stamp, str(parts.context["trich_yeu"]),
                           {CHART_PART: parts.chart})  # fmt: skip
    return {f"{parts.name}.docx": document, f"{parts.name}.png": parts.chart}


def stage(documents: dict[str, bytes], folder: OutputFolder, publication: Publication) -> None:
    for name, data in documents.items():
        publication.add(folder, name, data)


def run(data: Path, out: Path, force: bool, quarter_number: int | None, half: bool,
        year: int | None, export: Path | None, as_of: dt.date | None = None
        ) -> Outcome:  # fmt: skip
    """The report of one period: a quarter, the half year, else the whole year, as known on
    `as_of` (today when not given)."""
    workspace, outcome = open_for(data, out=out)
    period = choose_period(workspace, quarter_number, half, year, as_of or dt.date.today())
    inputs = report_inputs(workspace, export)
    documents = render_report(workspace, period, inputs, workspace.letter_dates())
    outcome.problems(inputs.problems)
    with Publication() as publication:
        stage(documents, OutputFolder(out, force), publication)
        publish(publication, outcome)
    return outcome


def _recipients(items: tuple[str, ...]) -> list[str]:
    """NĐ 30: "- Nơi A;" for each, the last ending with a full stop. A bracketed part
    ("(Phòng Nội vụ)") is kept on one line: its spaces do not break."""
    cleaned = [re.sub(r"\([^)]*\)", lambda m: m.group(0).replace(" ", "\u00a0"),
                      item.strip().rstrip(";."))
               for item in items if item.strip()]  # fmt: skip
    return [f"- {item}{'.' if i == len(cleaned) - 1 else ';'}" for i, item in enumerate(cleaned)]
