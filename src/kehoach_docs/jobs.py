"""The commands' work: read the workspace, render in memory, then write everything at once."""

from __future__ import annotations

import datetime as dt
import io
import multiprocessing
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from .appendix import appendix_jobs, document_stamp
from .dossiers import status_conflict
from .export import ExportRead, read_export
from .letters import (
    IssuedLetter,
    LetterDraft,
    batch_file_name,
    drafts_for,
    letter_context,
    letter_contexts,
    safe_file_stem,
)
from .pdf import convert_parts, workers
from .problems import InputError, Problems
from .register import REGISTER_FILE, Register
from .register_book import BOOK_FILE, register_workbook
from .render import (
    CompiledTemplate,
    OutputFolder,
    TemplateFault,
    compile_template,
    find_template,
    render_docx,
    write_docx,
)
from .workdays import WorkCalendar
from .workspace import Workspace

T = TypeVar("T")
LETTER_TEMPLATE = "phieu-xin-loi.docx"
BACKGROUND_FROM = 2000  # letters; below this a second process costs more than it saves


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


@dataclass
class LetterRun:
    """What a letters run did, for the summary the officer reads."""

    export: ExportRead
    late: int = 0
    issued: list[IssuedLetter] = field(default_factory=list)
    already_issued: int = 0
    reprinted: int = 0
    written: list[Path] = field(default_factory=list)
    pdf_pages: int | None = None


def _late_drafts(workspace: Workspace, read: ExportRead, as_of: dt.date) -> list[LetterDraft]:
    unit = workspace.unit
    calendar = WorkCalendar(unit.extra_days_off, unit.extra_workdays)
    for dossier in read.dossiers:
        conflict = status_conflict(dossier, as_of)
        if conflict:
            read.problems.warning(read.source, dossier.row, "Trạng thái", conflict, dossier.sheet)
    return drafts_for(
        read.dossiers, as_of, calendar, unit.letters.default_reason,
        unit.letters.new_date_working_days,
    )  # fmt: skip


def _order(letter: IssuedLetter) -> tuple[int, int]:
    return (letter.year, letter.number)


def read_dossiers(workspace: Workspace, export: Path, skip_bad_rows: bool = False) -> ExportRead:
    """The export, read with the unit's own column names; InputError if it has errors."""
    read = read_export(export, str(export), dict(workspace.unit.export_headers), skip_bad_rows)
    if read.problems.errors:
        raise InputError(read.problems)
    return read


def make_letters(
    workspace: Workspace,
    read: ExportRead,
    as_of: dt.date,
    out: Path,
    *,
    reissue: bool = False,
    per_letter: bool = False,
    pdf: bool = False,
    force: bool = False,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
) -> LetterRun:
    """Letters for every late dossier of the export not yet written to, numbered in the
    register, printed in one document (one letter a page)."""
    run = LetterRun(read)
    drafts = _late_drafts(workspace, read, as_of)
    run.late = len(drafts)
    template = compile_template(find_template(LETTER_TEMPLATE, workspace.folder))
    folder = OutputFolder(out, force)
    stamp = dt.datetime.combine(as_of, dt.time(0, 0), tzinfo=dt.UTC)
    code = workspace.unit.letters.code
    made_at = dt.datetime.now().astimezone()
    with Register(workspace.folder / REGISTER_FILE) as register:
        with register.batch() as batch:
            codes = [d.dossier_code for d in drafts]
            done = batch.already_issued(codes)
            fresh = [d for d in drafts if d.dossier_code not in done]
            run.already_issued = len(done)
            reprints = list(register.issued(done).values()) if reissue else []
            run.reprinted = len(reprints)
            name, temporary, book = "", None, None
            if fresh or reprints:
                first = batch.next_number(as_of.year)
                planned = [
                    IssuedLetter(as_of.year, first + i, as_of, d, "") for i, d in enumerate(fresh)
                ]
                name = batch_file_name(sorted(planned + reprints, key=_order), bool(reprints))
                folder.check([name])
                run.issued = batch.issue(fresh, as_of, name, made_at)
                letters = sorted(run.issued + reprints, key=_order)
                # The register workbook is made on the other core while this one renders.
                book = _background(register_workbook, register.all_letters(), code, stamp)
                temporary = folder.temporary(name)
                step = progress("Đang làm phiếu", len(letters)) if progress else None
                try:
                    with temporary.open("wb") as handle:
                        write_docx(
                            template,
                            {"phieu": _counted(letter_contexts(letters, workspace.unit), step)},
                            handle, stamp, "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
                        )  # fmt: skip
                except BaseException:
                    temporary.unlink(missing_ok=True)
                    raise
        # The numbers are committed before the document is put in place: a run stopped in
        # between leaves numbers without a file (printed again with --reissue), never a
        # printed number that the register does not know.
        if temporary is not None:
            run.written.append(folder.publish(name, temporary))
            if per_letter:
                run.written += _per_letter(template, letters, workspace, folder, name, stamp)
            if pdf:
                run.pdf_pages, path = _pdf(template, letters, workspace, folder, name, stamp,
                                           progress)  # fmt: skip
                run.written.append(path)
        if book is None:
            book = _background(register_workbook, register.all_letters(), code, stamp)
    run.written += folder.write_all({BOOK_FILE: book()})
    return run


def _background(
    function: Callable[[list[IssuedLetter], str, dt.datetime], T],
    letters: list[IssuedLetter],
    *args: object,
) -> Callable[[], T]:
    """Run a CPU-bound function on many letters in another process when there is a core for
    it (a small register is quicker done here); returns a call that waits for the result."""
    args = (letters, *args)
    if workers() < 2 or len(letters) < BACKGROUND_FROM:
        result = function(*args)
        return lambda: result
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
    future = pool.submit(function, *args)

    def wait() -> T:
        try:
            return future.result()
        finally:
            pool.shutdown()

    return wait


def _counted(items: Iterable[T], step: Callable[[int], None] | None) -> Iterator[T]:
    for item in items:
        yield item
        if step:
            step(1)


def _per_letter(
    template: CompiledTemplate,
    letters: list[IssuedLetter],
    workspace: Workspace,
    folder: OutputFolder,
    batch_name: str,
    stamp: dt.datetime,
) -> list[Path]:
    """One file per letter too, named from the dossier code (made safe for any system)."""
    subfolder = batch_name.removesuffix(".docx")
    documents: dict[str, bytes] = {}
    for letter in letters:
        stem = safe_file_stem(letter.draft.dossier_code)
        name = f"{subfolder}/{letter.number:03d}-{stem}.docx"
        buffer = io.BytesIO()
        write_docx(template, {"phieu": [letter_context(letter, workspace.unit)]}, buffer, stamp)
        documents[name] = buffer.getvalue()
    return folder.write_all(documents)


def _pdf(
    template: CompiledTemplate,
    letters: list[IssuedLetter],
    workspace: Workspace,
    folder: OutputFolder,
    batch_name: str,
    stamp: dt.datetime,
    progress: Callable[[str, int], Callable[[int], None]] | None,
) -> tuple[int, Path]:
    """The batch as one PDF: converted in chunks, one per core, then joined."""
    name = batch_name.removesuffix(".docx") + ".pdf"
    folder.check([name])
    chunks = max(1, min(workers(), len(letters)))
    size = -(-len(letters) // chunks)
    with tempfile.TemporaryDirectory(prefix="kehoach-phan-") as tmp:
        parts = []
        for index in range(chunks):
            part = Path(tmp) / f"phan-{index + 1}.docx"
            with part.open("wb") as handle:
                contexts = letter_contexts(letters[index * size : (index + 1) * size],
                                           workspace.unit)  # fmt: skip
                write_docx(template, {"phieu": contexts}, handle, stamp)
            parts.append(part)
        temporary = folder.temporary(name)
        step = progress("Đang chuyển sang PDF", len(parts)) if progress else None
        try:
            pages = convert_parts(parts, temporary, step)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    return pages, folder.publish(name, temporary)
