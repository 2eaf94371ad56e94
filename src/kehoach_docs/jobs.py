"""The commands' shared work: the appendices, and checking a whole workspace."""

from __future__ import annotations

from pathlib import Path

from .appendix import appendix_jobs, document_stamp
from .export import ExportRead
from .letter_job import LETTER_TEMPLATE
from .problems import InputError, Problems
from .render import (
    OutputFolder,
    TemplateFault,
    compile_template,
    find_template,
    render_docx,
)
from .report_job import REPORT_TEMPLATE
from .tracker import read_tracker, tracker_file
from .workspace import EXPORT_FILE, Workspace


def render_appendices(workspace: Workspace) -> dict[str, bytes]:
    """Every appendix document, by file name; raises TemplateFault on a broken template."""
    stamp = document_stamp(workspace.the_plan)
    jobs = appendix_jobs(workspace.the_plan, workspace.unit)
    # Phụ lục I and II share a template: each is read and compiled once.
    templates = {
        name: compile_template(find_template(name, workspace.folder))
        for name in {job.template for job in jobs}
    }
    return {job.file_name: render_docx(templates[job.template], job.context, stamp) for job in jobs}


def write_appendices(workspace: Workspace, out: Path, force: bool = False) -> list[Path]:
    return OutputFolder(out, force).write_all(render_appendices(workspace))


def check_workspace(workspace: Workspace, problems: Problems) -> None:
    """What validate checks beyond the YAML: the appendix templates rendered in memory, the
    letter and report templates compiled, the one-stop export and the tracker read."""
    try:
        render_appendices(workspace)
    except TemplateFault as fault:
        problems.error(find_template(fault.template, workspace.folder), None, "", fault.message)
    for name in (LETTER_TEMPLATE, REPORT_TEMPLATE):
        try:
            compile_template(find_template(name, workspace.folder))
        except TemplateFault as fault:
            problems.error(find_template(name, workspace.folder), None, "", fault.message)
    export = workspace.folder / EXPORT_FILE
    if export.exists():
        read = workspace.read_export(export)
        problems.items += read.problems.items
    tracker = workspace.folder / tracker_file(workspace.the_plan.year)
    if tracker.exists():
        read_tracker(tracker, str(tracker), workspace.the_plan, problems)


def read_dossiers(workspace: Workspace, export: Path, skip_bad_rows: bool = False) -> ExportRead:
    """The export, read with the unit's own column names; InputError if it has errors."""
    read = workspace.read_export(export, skip_bad_rows)
    if read.problems.errors:
        raise InputError(read.problems)
    return read
