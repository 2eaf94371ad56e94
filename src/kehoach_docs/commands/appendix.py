"""kehoach appendix: the plan's appendices, one .docx each."""

from __future__ import annotations

from pathlib import Path

from kehoach_docs.commands.outcome import (
    Outcome,
    Progress,
    open_for,
    publish_with_pdf,
    writes,
)
from kehoach_docs.documents.appendix import appendix_jobs, document_stamp
from kehoach_docs.outputs.folder import OutputFolder, Publication, scratch_folder
from kehoach_docs.outputs.pdf import PROFILES, PdfUnavailable, convert_each, soffice
from kehoach_docs.render.engine import compile_template, render_docx
from kehoach_docs.workspace import Workspace, state_home


def render_appendices(workspace: Workspace) -> dict[str, bytes]:
    """Every appendix document, by file name; raises TemplateFault on a broken template."""
    stamp = document_stamp(workspace.the_plan)
    jobs = appendix_jobs(workspace.the_plan, workspace.unit)
    # Phụ lục I and II share a template: each is read and compiled once.
    templates = {
        name: compile_template(workspace.template(name)) for name in {job.template for job in jobs}
    }
    return {
        job.file_name: render_docx(templates[job.template], job.context, stamp, job.title)
        for job in jobs
    }


def _stage_pdfs(
    documents: dict[str, bytes], folder: OutputFolder, publication: Publication, progress: Progress
) -> None:
    """Each appendix as its own PDF too, all from one LibreOffice start."""
    names = [name.removesuffix(".docx") + ".pdf" for name in documents]
    folder.check(names)
    soffice()  # before any work: LibreOffice is there
    step = progress("Đang chuyển sang PDF", len(documents)) if progress else None
    with scratch_folder("kehoach-phu-luc-") as tmp:
        sources = [tmp / name for name in documents]
        for source, data in zip(sources, documents.values(), strict=True):
            source.write_bytes(data)
        targets = [publication.file(folder, pdf_name) for pdf_name in names]
        try:
            convert_each(sources, targets, profiles=state_home() / PROFILES, done=step)
        except PdfUnavailable:
            for target in targets:
                publication.forget(target)
            raise


@writes("làm phụ lục kế hoạch")
def run(
    data: Path, out: Path, force: bool = False, pdf: bool = False, progress: Progress = None
) -> Outcome:
    """The appendices, one .docx each; with `pdf`, a PDF of each as well. Without
    LibreOffice the .docx files are written all the same and the run fails saying why."""
    workspace, outcome = open_for(data, out=out)
    folder = OutputFolder(out, force)
    with Publication() as publication:
        documents = render_appendices(workspace)
        for name, document in documents.items():
            publication.add(folder, name, document)
        stage_pdf = (lambda: _stage_pdfs(documents, folder, publication, progress)) if pdf else None
        publish_with_pdf(publication, outcome, stage_pdf)
    return outcome


def pdf_available() -> bool:
    """Whether this computer has LibreOffice to make PDFs with."""
    try:
        soffice()
    except PdfUnavailable:
        return False
    return True
