"""The commands' work: read the workspace, render in memory, then write everything at once."""

from __future__ import annotations

from pathlib import Path

from .appendix import appendix_jobs, document_stamp
from .problems import Problems
from .render import OutputFolder, TemplateFault, find_template, render_docx
from .workspace import Workspace


def render_appendices(workspace: Workspace) -> dict[str, bytes]:
    """Every appendix document, by file name; raises TemplateFault on a broken template."""
    stamp = document_stamp(workspace.plan)
    return {
        job.file_name: render_docx(
            find_template(job.template, workspace.folder), job.context, stamp
        )
        for job in appendix_jobs(workspace.plan, workspace.unit)
    }


def write_appendices(workspace: Workspace, out: Path, force: bool = False) -> list[Path]:
    return OutputFolder(out, force).write_all(render_appendices(workspace))


def check_templates(workspace: Workspace, problems: Problems) -> None:
    """Render every template in memory so that a broken one is reported by validate."""
    try:
        render_appendices(workspace)
    except TemplateFault as fault:
        path = find_template(fault.template, workspace.folder)
        problems.error(path, None, "", fault.message)
