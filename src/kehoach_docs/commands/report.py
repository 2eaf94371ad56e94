"""The tracker and report commands' work: the progress workbook made and kept, and the
periodic report with its statistics, indicators and chart."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kehoach_docs.commands.outcome import Outcome, open_for, publish
from kehoach_docs.documents.chart import report_chart
from kehoach_docs.documents.report import AreaProgress, areas, report_context
from kehoach_docs.domain.indicators import dossier_stats, indicator_results, monthly_on_time
from kehoach_docs.domain.periods import Period, half_year, quarter, whole_year
from kehoach_docs.domain.plan import Indicator
from kehoach_docs.domain.problems import InputError, Problems
from kehoach_docs.domain.progress import TrackerData
from kehoach_docs.inputs.export import ExportRead
from kehoach_docs.inputs.tracker import read_tracker
from kehoach_docs.outputs.folder import OutputFolder, Publication
from kehoach_docs.render.engine import compile_template, render_docx
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


def report_inputs(workspace: Workspace, export: Path, read: ExportRead | None = None
                  ) -> ReportInputs:  # fmt: skip
    """The tracker and the export (unless already read), checked; InputError on errors."""
    plan = workspace.the_plan
    problems = Problems()
    tracker_path = workspace.tracker_path
    if tracker_path.exists():
        tracker = read_tracker(tracker_path, str(tracker_path), plan, problems)
    else:
        tracker = TrackerData()
        problems.warning(tracker_path, None, "", "chưa có bảng theo dõi; báo cáo chưa có kết "
                         "quả từng nhiệm vụ (làm bảng bằng: kehoach tracker)")  # fmt: skip
    if read is None and export.exists():
        read = workspace.read_export(export)
        problems.items += read.problems.items
    elif read is None:
        problems.warning(export, None, "", "không có tệp hồ sơ một cửa; các bảng số liệu ghi "
                         "«chưa có số liệu»")  # fmt: skip
    if problems.errors:
        raise InputError(problems)
    return ReportInputs(read, tracker, problems)


def choose_period(workspace: Workspace, quarter_number: int | None, half: bool,
                  year: int | None) -> Period:  # fmt: skip
    """The period asked for: a quarter, the half year, else the whole year (of the plan's
    year unless another is given), cut as the unit's reports are."""
    target_year = year or workspace.the_plan.year
    calendar_periods = workspace.unit.calendar_periods
    if quarter_number is not None:
        return quarter(target_year, quarter_number, calendar_periods)
    if half:
        return half_year(target_year, calendar_periods)
    return whole_year(target_year, calendar_periods)


def latest_period(workspace: Workspace, inputs: ReportInputs) -> Period:
    """The quarter build reports on: the last one the tracker has entries for."""
    plan_year = workspace.the_plan.year
    return quarter(plan_year, latest_quarter(inputs.tracker), workspace.unit.calendar_periods)


@dataclass
class ReportParts:
    """A report before it is rendered: its file name, the template's context (the desk shows
    the same statistics and indicators) and its chart."""

    name: str  # file name without extension
    context: dict[str, object]
    chart: bytes
    areas: list[AreaProgress]


def report_parts(workspace: Workspace, period: Period, inputs: ReportInputs,
                 lettered: set[str] | None) -> ReportParts:  # fmt: skip
    """What the period's report says, from inputs already read and checked; `lettered`: the
    dossiers that have an apology letter."""
    plan = workspace.the_plan
    tracker = inputs.tracker
    dossiers = inputs.read.dossiers if inputs.read is not None else None
    stats = dossier_stats(dossiers, period) if dossiers is not None else None
    results = indicator_results(plan, dossiers, stats, period, lettered)
    area_list = areas(plan, tracker, period)
    context = report_context(plan, workspace.unit, period, area_list, tracker, stats, results,
                             _recipients(workspace.unit.report_recipients))  # fmt: skip
    on_time = next((r.target.percent for r in results if r.indicator is Indicator.ON_TIME), None)
    chart = report_chart(
        [progress for progress, _ in area_list],
        monthly_on_time(dossiers or [], period), on_time,
        f"Kết quả cải cách hành chính {period.label}",
    )  # fmt: skip
    return ReportParts(report_file(period), context, chart, [p for p, _ in area_list])


def render_report(
    workspace: Workspace, period: Period, inputs: ReportInputs, lettered: set[str] | None
) -> dict[str, bytes]:
    """The period's report and its chart, by file name, rendered in memory."""
    parts = report_parts(workspace, period, inputs, lettered)
    stamp = dt.datetime.combine(period.end, dt.time(0, 0), tzinfo=dt.UTC)
    template = compile_template(workspace.template(REPORT_TEMPLATE))
    document = render_docx(template, parts.context, stamp, str(parts.context["trich_yeu"]),
                           {CHART_PART: parts.chart})  # fmt: skip
    return {f"{parts.name}.docx": document, f"{parts.name}.png": parts.chart}


def stage(documents: dict[str, bytes], folder: OutputFolder, publication: Publication) -> None:
    for name, data in documents.items():
        publication.add(folder, name, data)


def run(data: Path, out: Path, force: bool, quarter_number: int | None, half: bool,
        year: int | None, export: Path | None) -> Outcome:  # fmt: skip
    """The report of one period: a quarter, the half year, else the whole year."""
    workspace, outcome = open_for(data)
    period = choose_period(workspace, quarter_number, half, year)
    inputs = report_inputs(workspace, export or workspace.export_path)
    outcome.problems(inputs.problems)
    documents = render_report(workspace, period, inputs, workspace.lettered_codes())
    with Publication() as publication:
        stage(documents, OutputFolder(out, force), publication)
        publish(publication, outcome)
    return outcome


def _recipients(items: tuple[str, ...]) -> list[str]:
    """NĐ 30: "- Nơi A;" for each, the last ending with a full stop."""
    cleaned = [item.strip().rstrip(";.") for item in items if item.strip()]
    return [f"- {item}{'.' if i == len(cleaned) - 1 else ';'}" for i, item in enumerate(cleaned)]
