"""kehoach appendix: the plan's appendices, one .docx each."""

from __future__ import annotations

from pathlib import Path

from kehoach_docs.documents.appendix import appendix_jobs, document_stamp
from kehoach_docs.outputs.folder import OutputFolder
from kehoach_docs.render.engine import compile_template, render_docx
from kehoach_docs.workspace import Workspace


def render_appendices(workspace: Workspace) -> dict[str, bytes]:
    """Every appendix document, by file name; raises TemplateFault on a broken template."""
    stamp = document_stamp(workspace.the_plan)
    jobs = appendix_jobs(workspace.the_plan, workspace.unit)
    # Phụ lục I and II share a template: each is read and compiled once.
    templates = {
        name: compile_template(workspace.template(name))
        for name in {job.template for job in jobs}
    }
    return {job.file_name: render_docx(templates[job.template], job.context, stamp) for job in jobs}


def write_appendices(workspace: Workspace, out: Path, force: bool = False) -> list[Path]:
    return OutputFolder(out, force).write_all(render_appendices(workspace))
