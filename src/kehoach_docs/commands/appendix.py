"""kehoach appendix: the plan's appendices, one .docx each."""

from __future__ import annotations

from pathlib import Path

from kehoach_docs.commands.outcome import Outcome, open_for, publish
from kehoach_docs.documents.appendix import appendix_jobs, document_stamp
from kehoach_docs.outputs.folder import OutputFolder, Publication
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


def stage(workspace: Workspace, folder: OutputFolder, publication: Publication) -> None:
    for name, data in render_appendices(workspace).items():
        publication.add(folder, name, data)


def run(data: Path, out: Path, force: bool = False) -> Outcome:
    workspace, outcome = open_for(data)
    with Publication() as publication:
        stage(workspace, OutputFolder(out, force), publication)
        publish(publication, outcome)
    return outcome
