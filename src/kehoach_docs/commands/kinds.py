"""The kinds of document made from a Word template, declared once: `build` renders every
kind that has a builder and `validate` tries every template on sample data, both by looping
over DOCUMENT_KINDS. A new kind of document is its module (the context its template gets),
its template (named in documents/templates.py) and one entry here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from kehoach_docs.commands import report
from kehoach_docs.commands.appendix import render_appendices
from kehoach_docs.commands.outcome import Outcome
from kehoach_docs.documents.templates import APPENDIX_TEMPLATES, LETTER_TEMPLATE, REPORT_TEMPLATE
from kehoach_docs.domain.dossiers import Moment
from kehoach_docs.domain.letters import (
    IssuedLetter,
    LetterDraft,
    letter_context,
    letters_document,
)
from kehoach_docs.domain.periods import quarter
from kehoach_docs.domain.problems import Problems
from kehoach_docs.domain.progress import TrackerData
from kehoach_docs.render.engine import CompiledTemplate, render_docx
from kehoach_docs.workspace import Workspace


@dataclass(frozen=True)
class BuildRun:
    """What `build` has read and decided before any document is rendered."""

    workspace: Workspace
    inputs: report.ReportInputs
    lettered: Mapping[str, dt.date] | None  # each dossier's letter date, this run's included
    day: dt.date  # the day the documents are made as of
    draft: bool  # the newest quarter not complete yet is written as a draft too
    outcome: Outcome  # where warnings are said


@dataclass(frozen=True)
class DocumentKind:
    templates: tuple[str, ...]  # its Word templates, by file name
    # build: its documents by file name, rendered in memory (published with all the others).
    # None: the letters, whose numbers are taken in the register by build's own steps.
    build: Callable[[BuildRun], dict[str, bytes]] | None
    # validate: its template rendered on sample data, so that a field that does not exist or
    # an operation the sandbox refuses is said before a run. None: the appendices, which
    # validate renders on the plan itself.
    trial: Callable[[Workspace, CompiledTemplate], None] | None


def _appendices(run: BuildRun) -> dict[str, bytes]:
    return render_appendices(run.workspace)


def _report(run: BuildRun) -> dict[str, bytes]:
    """The report of the newest quarter begun by the run's day that is complete; of a newer
    one that is not, what it lacks is said (and its draft made when asked)."""
    workspace, inputs, outcome = run.workspace, run.inputs, run.outcome
    outcome.problems(inputs.problems)
    newest = report.newest_complete(workspace, inputs, run.lettered, run.day)
    documents = {}
    if newest.complete is not None:
        outcome.problems(newest.problems)
        documents = report.render_report(workspace, newest.complete)
    lacking = newest.incomplete
    if lacking is None and newest.complete is None:
        outcome.warn(
            f"Chưa làm báo cáo: đến ngày {run.day:%d/%m/%Y} chưa quý nào của năm "
            f"{workspace.the_plan.year} kết thúc, bảng theo dõi chưa ghi gì cho quý "
            "đang diễn ra."
        )
    if lacking is None or not inputs.tracker_found:
        return documents  # without a tracker, its one warning says what to do
    outcome.warn(
        f"Chưa làm báo cáo {lacking.period.label} vì còn thiếu {len(lacking.missing)} nội dung:"
    )
    for line in lacking.missing_lines:
        outcome.warn(f"- {line}")
    if run.draft:
        quiet = replace(inputs, problems=Problems())
        parts = report.report_parts(workspace, lacking.period, quiet, run.lettered, draft=True)
        documents.update(report.render_report(workspace, parts))
    else:
        outcome.warn("Cần bản dự thảo để các bộ phận bổ sung: kehoach build --du-thao.")
    return documents


_SAMPLE_DAY = dt.date(2024, 3, 15)
_SAMPLE_DRAFT = LetterDraft(
    dossier_code="000.00.00.H00-240301-0001",
    applicant="Nguyễn Văn Mẫu",
    procedure="Đăng ký khai sinh",
    received=Moment(dt.datetime(2024, 3, 1, 8, 0), True),
    due=Moment(dt.datetime(2024, 3, 5, 16, 30), True),
    reason="Cần xác minh thêm.",
    new_date=dt.date(2024, 3, 20),
    days_late=7,
)


def _try_letter(workspace: Workspace, template: CompiledTemplate) -> None:
    letter = IssuedLetter(_SAMPLE_DAY.year, 1, _SAMPLE_DAY, _SAMPLE_DRAFT, "")
    stamp = dt.datetime.combine(_SAMPLE_DAY, dt.time(0, 0), tzinfo=dt.UTC)
    context = letters_document([letter_context(letter, workspace.unit)], workspace.unit)
    render_docx(template, context, stamp)


def _try_report(workspace: Workspace, template: CompiledTemplate) -> None:
    # A draft: the marks of what is missing are tried too.
    sample = report.ReportInputs(None, TrackerData(), Problems())
    period = quarter(workspace.the_plan.year, 1, workspace.unit.calendar_periods)
    parts = report.report_parts(workspace, period, sample, {}, draft=True)
    report.render_report(workspace, parts, template)


# In the order build writes their documents and validate names their problems.
DOCUMENT_KINDS = (
    DocumentKind(tuple(APPENDIX_TEMPLATES.values()), _appendices, None),
    DocumentKind((LETTER_TEMPLATE,), None, _try_letter),
    DocumentKind((REPORT_TEMPLATE,), _report, _try_report),
)
