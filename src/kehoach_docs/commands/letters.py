"""The letters command's work: late dossiers to one numbered batch document, the register
and its workbook, and on request one file per letter and a PDF."""

from __future__ import annotations

import datetime as dt
import heapq
import io
import multiprocessing
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from kehoach_docs.domain.dossiers import status_conflict
from kehoach_docs.domain.letters import (
    IssuedLetter,
    LetterDraft,
    batch_file_name,
    drafts_for,
    letter_context,
    letter_contexts,
    safe_file_stem,
)
from kehoach_docs.domain.plan import Unit
from kehoach_docs.domain.problems import InputError
from kehoach_docs.domain.workdays import WorkCalendar
from kehoach_docs.inputs.export import ExportRead
from kehoach_docs.outputs.folder import OutputFolder
from kehoach_docs.outputs.pdf import PdfUnavailable, convert_parts, workers
from kehoach_docs.outputs.register import Register
from kehoach_docs.outputs.register_book import BOOK_FILE, write_register_workbook
from kehoach_docs.render.engine import CompiledTemplate, compile_template, write_docx
from kehoach_docs.workspace import Workspace

T = TypeVar("T")
LETTER_TEMPLATE = "phieu-xin-loi.docx"
BACKGROUND_FROM = 2000  # letters; below this a second process costs more than it saves
PROGRESS_FROM = 4000  # letters take about a second to render from here on


def read_dossiers(workspace: Workspace, export: Path, skip_bad_rows: bool = False) -> ExportRead:
    """The export, read with the unit's own column names; InputError if it has errors."""
    read = workspace.read_export(export, skip_bad_rows)
    if read.problems.errors:
        raise InputError(read.problems)
    return read


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
    pdf_problem: str = ""  # why no PDF could be made (the .docx is written all the same)


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
    register, printed in one document (one letter a page), and the register's workbook."""
    run = LetterRun(read)
    drafts = _late_drafts(workspace, read, as_of)
    run.late = len(drafts)
    template = compile_template(workspace.template(LETTER_TEMPLATE))
    folder = OutputFolder(out, force)
    folder.check([BOOK_FILE])
    stamp = dt.datetime.combine(as_of, dt.time(0, 0), tzinfo=dt.UTC)
    register_path = workspace.register_path
    book = folder.temporary(BOOK_FILE)
    name, document, letters, book_job = "", None, [], None
    try:
        with Register(register_path) as register, register.batch() as batch:
            done = batch.already_issued(d.dossier_code for d in drafts)
            fresh = [d for d in drafts if d.dossier_code not in done]
            reprints = list(register.issued(done).values()) if reissue else []
            run.already_issued, run.reprinted = len(done), len(reprints)
            if fresh or reprints:
                first = batch.next_number(as_of.year)
                numbers = [(as_of.year, first + i) for i in range(len(fresh))]
                name = batch_file_name(sorted(numbers + [_order(r) for r in reprints]),
                                       bool(reprints))  # fmt: skip
                folder.check([name])
                run.issued = [
                    IssuedLetter(year, number, as_of, draft, name)
                    for (year, number), draft in zip(numbers, fresh, strict=True)
                ]
                letters = sorted(run.issued + reprints, key=_order)
            # The register's workbook is made on the other core while this one renders. It
            # reads the committed letters before this batch writes any, so never waits on it.
            book_job = _Background(
                len(run.issued) >= BACKGROUND_FROM, _write_register_book, register_path,
                run.issued, workspace.unit.letters.code, stamp, book,
            )  # fmt: skip
            batch.issue(run.issued, dt.datetime.now().astimezone())
            if letters:
                document = folder.temporary(name)
                slow = progress is not None and len(letters) >= PROGRESS_FROM
                step = progress("Đang làm phiếu", len(letters)) if slow else None
                with document.open("wb") as handle:
                    contexts = _counted(letter_contexts(letters, workspace.unit), step)
                    write_docx(template, {"phieu": contexts}, handle, stamp,
                               "Phiếu xin lỗi và hẹn lại ngày trả kết quả")  # fmt: skip
            book_job.wait()
        # The numbers are committed before the document is put in place: a run stopped in
        # between leaves numbers without a file (printed again with --reissue), never a
        # printed number that the register does not know.
        if document is not None:
            run.written.append(folder.publish(name, document))
        run.written.append(folder.publish(BOOK_FILE, book))
    except BaseException:
        if book_job is not None:
            book_job.stop()
        for leftover in (document, book):
            if leftover is not None:
                leftover.unlink(missing_ok=True)
        raise
    printed = _Printed(template, letters, workspace.unit, folder, name, stamp)
    if letters and per_letter:
        run.written += _per_letter(printed)
    if letters and pdf:
        try:
            run.pdf_pages, path = _pdf(printed, progress)
            run.written.append(path)
        except PdfUnavailable as problem:
            run.pdf_problem = str(problem)
    return run


def _write_register_book(
    register: Path,
    uncommitted: list[IssuedLetter],
    code: str,
    stamp: dt.datetime,
    target: Path,
) -> None:
    """The whole register as a workbook: what is committed, merged in number order with this
    batch (still inside its transaction, so given here), streamed row by row."""
    with Register(register, read_only=True) as reader:
        letters = heapq.merge(reader.all_letters(), uncommitted, key=_order)
        write_register_workbook(letters, code, stamp, target)


class _Background:
    """A CPU-bound job in a forked process when it is worth a core (the child shares the
    parent's memory instead of receiving a copy), else done at once."""

    def __init__(self, parallel: bool, function: Callable[..., None], *args: object) -> None:
        self.process = None
        if not parallel or workers() < 2 or "fork" not in multiprocessing.get_all_start_methods():
            function(*args)
            return
        self.process = multiprocessing.get_context("fork").Process(target=function, args=args)
        self.process.start()

    def wait(self) -> None:
        if self.process is not None:
            self.process.join()
            if self.process.exitcode != 0:
                raise RuntimeError(f"tiến trình phụ dừng với mã {self.process.exitcode}")

    def stop(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()


def _counted(items: Iterable[T], step: Callable[[int], None] | None) -> Iterator[T]:
    for item in items:
        yield item
        if step:
            step(1)


@dataclass(frozen=True)
class _Printed:
    """A batch already numbered and written, for the extra forms asked of it."""

    template: CompiledTemplate
    letters: list[IssuedLetter]
    unit: Unit
    folder: OutputFolder
    name: str  # the batch document's file name
    stamp: dt.datetime

    @property
    def stem(self) -> str:
        return self.name.removesuffix(".docx")


def _per_letter(batch: _Printed) -> list[Path]:
    """One file per letter too, named from the dossier code (made safe for any system)."""
    documents: dict[str, bytes] = {}
    for letter in batch.letters:
        stem = safe_file_stem(letter.draft.dossier_code)
        buffer = io.BytesIO()
        write_docx(batch.template, {"phieu": [letter_context(letter, batch.unit)]}, buffer,
                   batch.stamp)  # fmt: skip
        documents[f"{batch.stem}/{letter.number:03d}-{stem}.docx"] = buffer.getvalue()
    return batch.folder.write_all(documents)


def _pdf(
    batch: _Printed, progress: Callable[[str, int], Callable[[int], None]] | None
) -> tuple[int, Path]:
    """The batch as one PDF: converted in chunks, one per core, then joined."""
    name = batch.stem + ".pdf"
    batch.folder.check([name])
    letters = batch.letters
    chunks = max(1, min(workers(), len(letters)))
    size = -(-len(letters) // chunks)
    with tempfile.TemporaryDirectory(prefix="kehoach-phan-") as tmp:
        parts = []
        for index in range(chunks):
            part = Path(tmp) / f"phan-{index + 1}.docx"
            with part.open("wb") as handle:
                chunk = letters[index * size : (index + 1) * size]
                contexts = letter_contexts(chunk, batch.unit)
                write_docx(batch.template, {"phieu": contexts}, handle, batch.stamp)
            parts.append(part)
        temporary = batch.folder.temporary(name)
        step = progress("Đang chuyển sang PDF", len(parts)) if progress else None
        try:
            pages = convert_parts(parts, temporary, step)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    return pages, batch.folder.publish(name, temporary)
