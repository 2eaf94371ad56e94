"""The letters command's work: the export judged as of one day D, a letter for each dossier
still open on D past its due date, numbered into one batch document, the register and its
workbook (with the dossiers due soon and those resolved late without a letter), and on
request one file per letter and a PDF. A LetterRequest says what is asked (the command line
and the desk each build one); what the officer is told is worded in letters_messages."""

from __future__ import annotations

import datetime as dt
import heapq
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import BinaryIO, TypeVar

from kehoach_docs.commands import letters_messages as say
from kehoach_docs.commands.failures import NOTHING_WRITTEN, CommandFailed, explain
from kehoach_docs.commands.interrupts import Stopped, deferred
from kehoach_docs.commands.letters_messages import AS_OF_SOURCE, TODAY_SOURCE, WITHDRAWN, Tally
from kehoach_docs.commands.outcome import (
    Outcome,
    Progress,
    open_for,
    publish,
    publish_with_pdf,
    writes,
)
from kehoach_docs.documents.templates import LETTER_TEMPLATE
from kehoach_docs.domain.dossiers import FAR_AFTER, newest_day, status_conflict
from kehoach_docs.domain.letters import (
    IssuedLetter,
    LetterDraft,
    LetterPlan,
    batch_file_name,
    document_title,
    letter_context,
    letter_contexts,
    letters_document,
    per_letter_names,
    plan_letters,
)
from kehoach_docs.domain.limits import output_budget
from kehoach_docs.domain.plan import Unit
from kehoach_docs.domain.problems import InputError, Problems
from kehoach_docs.domain.workdays import WorkCalendar
from kehoach_docs.inputs.export import LABELS, ExportRead, SkippedRow
from kehoach_docs.outputs.folder import OutputFolder, Publication
from kehoach_docs.outputs.pdf import PROFILES, PdfUnavailable, convert_in_chunks
from kehoach_docs.outputs.register import Register, RegisterFault
from kehoach_docs.outputs.register_book import (
    BOOK_FILE,
    Contacts,
    Listed,
    write_register_workbook,
)
from kehoach_docs.render.engine import (
    CompiledTemplate,
    compile_template,
    render_docx,
    write_docx,
)
from kehoach_docs.render.officezip import finished_title
from kehoach_docs.workspace import Workspace, state_home, writer_lock

T = TypeVar("T")
BACKGROUND_FROM = 2000  # letters; below this a second thread costs more than it saves
PROGRESS_FROM = 4000  # letters take about a second to render from here on


@dataclass(frozen=True)
class LetterRequest:
    """One letters job as the officer asks for it, on the command line or at the desk."""

    data: Path
    out: Path
    today: dt.date
    export: Path | None = None  # None: every export of the workspace, read together
    as_of: dt.date | None = None  # the letters' day; None: the export's own date, else today
    asked: tuple[str, ...] = ()  # dossiers lettered though not late yet (--ma)
    preview: bool = False  # say what would be done; write nothing, take no number
    pdf: bool = False
    per_letter: bool = False
    reissue: bool = False  # print the letters issued before again, under their numbers
    force: bool = False  # replace documents edited since they were written
    skip_bad_rows: bool = False
    progress: Progress = None


def read_dossiers(
    workspace: Workspace,
    export: Path | None = None,
    skip_bad_rows: bool = False,
    reference_day: dt.date | None = None,
) -> ExportRead:
    """The export named, else every export of the workspace merged, read with the unit's own
    column names; InputError if there is none or any has errors. `reference_day` (the day
    asked for, else today) stands for the export's own date when the file gives none, for
    telling a mistyped far date."""
    read = workspace.read_exports([export] if export else None, skip_bad_rows, reference_day)
    if read is None:
        problems = Problems()
        problems.error(workspace.exports_folder, None, "", say.NO_EXPORT)
        workspace.warn_unread_exports(problems)
        raise InputError(problems)
    if read.problems.errors:
        raise InputError(read.problems)
    return read


def letter_day(read: ExportRead, as_of: dt.date | None, today: dt.date) -> tuple[dt.date, str]:
    """The day D every dossier is judged on, and where it came from: --as-of, else the
    export's own date (its title row, else the day it was saved), else today."""
    if as_of is not None:
        return as_of, AS_OF_SOURCE
    if read.made_on is not None:
        return read.made_on, read.made_on_source
    return today, TODAY_SOURCE


@dataclass
class LetterJob:
    """A letters run read and checked, nothing numbered yet."""

    workspace: Workspace
    read: ExportRead
    plan: LetterPlan  # every dossier judged as of the letters' day
    day_source: str  # where that day came from, as the first printed line says
    template: CompiledTemplate
    folder: OutputFolder
    request: LetterRequest

    @property
    def as_of(self) -> dt.date:
        return self.plan.day

    @property
    def drafts(self) -> list[LetterDraft]:
        return self.plan.drafts

    @property
    def stamp(self) -> dt.datetime:
        return dt.datetime.combine(self.as_of, dt.time(0, 0), tzinfo=dt.UTC)

    def letter_dates(self) -> dict[str, dt.date]:
        """The dossiers that have a letter once this run is done, with its date."""
        return dict.fromkeys((draft.dossier_code for draft in self.drafts), self.as_of)


@dataclass
class LetterRun:
    """What a letters run numbered and printed, for the summary the officer reads."""

    issued: list[IssuedLetter] = field(default_factory=list)
    letters: list[IssuedLetter] = field(default_factory=list)  # printed: new and reprinted
    name: str = ""  # the batch document's file name ("" when there is none)
    already_issued: int = 0
    reprinted: int = 0
    pdf_pages: int | None = None
    pdf_problem: str = ""  # why no PDF could be made (the .docx is written all the same)
    recovery: Recovery = field(default_factory=lambda: Recovery())
    published: bool = False  # every file in place: nothing to give back any more
    again: list[IssuedLetter] = field(default_factory=list)  # a stopped run's, printed now


@dataclass
class Recovery:
    """Letters a stopped run (killed after its numbers were committed) left without their
    document in place, found before this run numbers any."""

    kept: list[IssuedLetter] = field(default_factory=list)  # their document in place now
    again: list[IssuedLetter] = field(default_factory=list)  # to print in this run's batch
    lines: list[str] = field(default_factory=list)  # said first
    # The documents it had finished, put in place by this run: given the extra forms this
    # run asks for (one file per letter, PDF) as this run's own batch is.
    adopted: dict[str, list[IssuedLetter]] = field(default_factory=dict)


def recover(job: LetterJob, publication: Publication) -> Recovery:
    """What a stopped run left: a document it had finished is put in place with this run's
    files (its temporary file, never deleted); letters without one are printed in this
    run's batch under their own numbers and dates. Called under the workspace's lock,
    before anything is staged, so that no run is still writing what is found."""
    recovery = Recovery()
    path = job.workspace.register_path
    if not path.is_file():
        return recovery
    with Register(path, read_only=True) as register:
        stopped = register.unprinted()
    files: dict[str, list[IssuedLetter]] = {}
    for letter in stopped:
        files.setdefault(letter.output_file, []).append(letter)
    code = job.workspace.unit.letters.code
    for name, letters in files.items():
        if job.folder.holds(name):  # put in place; only the register's mark was missing
            recovery.kept += letters
            continue
        title = document_title(letters, code)
        finished = [left for left in job.folder.left_over(name) if finished_title(left) == title]
        if finished:
            publication.adopt(job.folder, name, finished[0])
            recovery.kept += letters
            recovery.adopted[name] = letters
        else:
            recovery.again += letters
        recovery.lines.append(say.stopped_run(letters, code, name, bool(finished)))
    return recovery


def _plan(
    workspace: Workspace, read: ExportRead, day: dt.date, request: LetterRequest
) -> LetterPlan:
    """The run's plan; InputError when a --ma code cannot be lettered, or an export's new
    date is refused (those rows skipped instead with --skip-bad-rows)."""
    unit = workspace.unit
    calendar = WorkCalendar(unit.extra_days_off, unit.extra_workdays)
    if read.made_on is not None and day > read.made_on:
        read.problems.warning(read.source, None, "", say.newer_day(day, read.made_on))
    # The status column speaks of the day the export was made, not of D.
    status_day = read.made_on or day
    for dossier in read.dossiers:
        conflict = status_conflict(dossier, status_day)
        if conflict:
            read.problems.warning(
                read.source, dossier.row, "Trạng thái", conflict, sheet=dossier.sheet
            )
    lettered = workspace.letter_dates() or {}
    plan = plan_letters(read.dossiers, day, calendar, unit.letters, lettered, request.asked)
    problems = Problems()
    for code, why in plan.asked_wrong:
        text, desk = say.asked_wrong(code, why)
        problems.error(read.source, None, "", text, desk=desk)
    for dossier, why in plan.refused:
        if request.skip_bad_rows:
            read.skipped.append(
                SkippedRow(dossier.row, (f"{LABELS['new_date']}: {why}",), dossier.sheet)
            )
        else:
            problems.error(read.source, dossier.row, LABELS["new_date"], why, sheet=dossier.sheet)
    if problems.errors:
        raise InputError(problems)
    return plan


def _confirm_far_day(read: ExportRead, day: dt.date) -> None:
    """InputError when the day asked for lies more than a year after every dossier's dates:
    a mistyped year (2100 for 2024) would date the letters so and count every open dossier
    late until then; --force confirms it."""
    newest = newest_day(read.dossiers)
    if newest is None or day <= newest + FAR_AFTER:
        return
    problems = Problems()
    problems.error(read.source, None, "", say.far_day(day, newest))
    raise InputError(problems)


def _order(letter: IssuedLetter) -> tuple[int, int]:
    return (letter.year, letter.number)


def _year_ends(numbers: list[tuple[int, int]], next_number: Callable[[int], int]) -> dict[int, int]:
    """The last number each year of a batch has, the batch's own new numbers included."""
    return {
        year: max(next_number(year) - 1, *(n for y, n in numbers if y == year))
        for year in {year for year, _ in numbers}
    }


def prepare(
    workspace: Workspace, read: ExportRead, folder: OutputFolder, request: LetterRequest
) -> LetterJob:
    """The dossiers judged as of the letters' day, and the letter template compiled and
    tried on the first letter, so that a broken template stops the run before any number
    is taken."""
    as_of, day_source = letter_day(read, request.as_of, request.today)
    if day_source == AS_OF_SOURCE and not folder.force:
        _confirm_far_day(read, as_of)
    plan = _plan(workspace, read, as_of, request)
    job = LetterJob(
        workspace,
        read,
        plan,
        day_source,
        compile_template(workspace.template(LETTER_TEMPLATE)),
        folder,
        request,
    )
    folder.check([BOOK_FILE])
    if job.drafts:
        trial = IssuedLetter(as_of.year, 1, as_of, job.drafts[0], "")
        context = letters_document([letter_context(trial, workspace.unit)], workspace.unit)
        render_docx(job.template, context, job.stamp)
    return job


def issue(
    job: LetterJob,
    publication: Publication,
    outcome: Outcome,
    recovery: Recovery,
    labels: dict[Path, str] | None = None,
) -> None:
    """The letters numbered, then every file of the run put in place. Whenever this stops
    after the commit, even between two steps (a signal lands on any line), the numbers
    this run took are given back."""
    run = LetterRun(recovery=recovery)
    try:
        number(job, publication, run)
        finish(job, run, publication, outcome, labels)
    except KeyboardInterrupt as stop:
        if run.published:
            return  # stopped once every file was in place: the run is done
        raise Stopped([NOTHING_WRITTEN, *_withdraw(job, run)]) from stop
    except BaseException:
        if not run.published:
            _withdraw(job, run)  # a no-op once finish has given them back, or none committed
        raise


def number(job: LetterJob, publication: Publication, run: LetterRun) -> None:
    """In one register transaction: the new letters numbered, the batch document (with the
    letters a stopped run left unprinted) and the register's workbook rendered into the
    publication, then the numbers committed. Any failure before the commit takes no
    number."""
    stopped = {letter.draft.dossier_code for letter in run.recovery.kept + run.recovery.again}
    workspace, folder, stamp = job.workspace, job.folder, job.stamp
    book = publication.file(folder, BOOK_FILE)
    book_job = None
    try:
        with workspace.register() as register, register.batch() as batch:
            # A run at the same time may have lettered some of them since the plan was made.
            done = batch.already_issued(d.dossier_code for d in job.drafts)
            fresh = [d for d in job.drafts if d.dossier_code not in done]
            already = [*job.plan.already, *sorted(done)]
            reprints = []
            if job.request.reissue:
                reprints = [
                    letter
                    for letter in register.issued(already).values()
                    if letter.draft.dossier_code not in stopped
                ]
            run.already_issued, run.reprinted = len(already), len(reprints)
            again = run.recovery.again
            if fresh or reprints or again:
                first = batch.next_number(job.as_of.year)
                numbers = [(job.as_of.year, first + i) for i in range(len(fresh))]
                older = [_order(letter) for letter in reprints + again]
                ordered = sorted(numbers + older)
                run.name = batch_file_name(
                    ordered, bool(reprints), _year_ends(ordered, batch.next_number)
                )
                folder.check([run.name])
                run.issued = [
                    IssuedLetter(year, number, job.as_of, draft, run.name)
                    for (year, number), draft in zip(numbers, fresh, strict=True)
                ]
                run.again = [replace(letter, output_file=run.name) for letter in again]
                batch.move(run.again, run.name)
                run.letters = sorted(run.issued + reprints + run.again, key=_order)
            # Written before the workbook's thread starts: with that thread running, each row
            # of the insert would wait for the interpreter's lock behind it.
            batch.issue(run.issued, dt.datetime.now().astimezone())
            # The register's workbook is made on a thread while the letters render. It reads
            # the committed letters only (this batch's stay in the writer's memory until the
            # commit, cache_spill off), so never waits on the batch.
            book_job = _Background(
                len(run.issued) >= BACKGROUND_FROM, _write_register_book, job, run, book
            )
            if run.letters:
                document = publication.file(folder, run.name)
                step = None
                progress = job.request.progress
                if progress is not None and len(run.letters) >= PROGRESS_FROM:
                    step = progress(say.RENDERING, len(run.letters))
                with document.open("wb") as handle:
                    contexts = _counted(letter_contexts(run.letters, workspace.unit), step)
                    context = letters_document(contexts, workspace.unit)
                    write_docx(
                        job.template,
                        context,
                        handle,
                        stamp,
                        document_title(run.letters, workspace.unit.letters.code),
                        budget=output_budget(len(run.letters)),
                    )
            book_job.wait()
    except BaseException:
        if book_job is not None and book_job.thread is not None:
            # Its reader must be gone before the transaction rolls back.
            book_job.thread.join()
        raise


def finish(
    job: LetterJob,
    run: LetterRun,
    publication: Publication,
    outcome: Outcome,
    labels: dict[Path, str] | None = None,
) -> None:
    """After the commit: the extra forms asked for, then every file of the run put in place
    and marked printed in the register, a step no stop cuts in two. The numbers are
    committed before any document is put in place, so that a run killed in between leaves
    numbers unprinted (the next run prints them), never a printed number the register does
    not know; a run that fails here takes its numbers back."""
    try:
        _extras(job, run, publication)
    except Exception as error:
        undo = _withdraw(job, run)
        if undo != [WITHDRAWN]:
            raise CommandFailed(
                [*(explain(error) or [str(error)]), *undo],
                [*(explain(error, True) or [str(error)]), *undo],
            ) from error
        raise
    for line in run.recovery.lines:
        outcome.say(line)
    summary(job, run, outcome)
    with deferred():
        publish(publication, outcome, labels, lambda: _withdraw(job, run))
        run.published = True
        _mark_printed(job.workspace, [*run.issued, *run.again, *run.recovery.kept], outcome)
    if run.pdf_problem:
        outcome.warn(run.pdf_problem)
        outcome.failed = True


def _mark_printed(workspace: Workspace, letters: list[IssuedLetter], outcome: Outcome) -> None:
    """Their documents are in place: the register stops counting them as unprinted. When
    that fails the files stand, and the next run finds them in place."""
    if not letters:
        return
    try:
        with workspace.register() as register:
            register.mark_printed(letters)
    except RegisterFault as fault:
        # Why, without the verdict of a failed command («Không ghi văn bản nào»): the files
        # stand.
        why = [line for line in explain(fault) or [str(fault)] if line != NOTHING_WRITTEN]
        outcome.warn(say.not_marked_printed(" ".join(why)))


def _withdraw(job: LetterJob, run: LetterRun) -> list[str]:
    """The numbers this run took given back; when that cannot be done (the register cannot
    be written, or numbers were taken after them), they stay unprinted in the register,
    and the next run prints them (see recover)."""
    if not run.issued:
        return []
    try:
        with job.workspace.register() as register:
            if register.withdraw(run.issued):
                return [WITHDRAWN]
    except RegisterFault:
        pass
    return [say.left_unprinted(run.issued, job.workspace.unit.letters.code)]


def _extras(job: LetterJob, run: LetterRun, publication: Publication) -> None:
    """The forms asked besides the batch document: of this run's batch, and of each document
    a stopped run had finished and this run puts in place."""
    request = job.request
    if not (request.per_letter or request.pdf):
        return
    batches = [(run.name, run.letters)] if run.letters else []
    for name, letters in [*batches, *run.recovery.adopted.items()]:
        printed = _Printed(job.template, letters, job.workspace.unit, job.folder, name, job.stamp)
        if request.per_letter:
            _per_letter(printed, publication)
        if request.pdf:
            try:
                pages = _pdf(printed, publication, request.progress)
            except PdfUnavailable as problem:
                run.pdf_problem = str(problem)
                continue
            if name == run.name:
                run.pdf_pages = pages


def summary(job: LetterJob, run: LetterRun | None, outcome: Outcome) -> None:
    """What the officer reads of the run (see letters_messages.summary); `run` None: a
    preview, counted without spending a number."""
    plan = job.plan
    if run is None:
        # The register is read only for a number to show.
        first = _next_number(job) if plan.drafts else 0
        tally = Tally(len(plan.drafts), first, len(plan.already), preview=True)
    else:
        first = run.issued[0].number if run.issued else 0
        tally = Tally(
            len(run.issued),
            first,
            run.already_issued,
            run.reprinted,
            len(run.letters),
            run.pdf_pages,
        )
    say.summary(outcome, job.read, plan, job.day_source, job.workspace.unit.letters.code, tally)


def _next_number(job: LetterJob) -> int:
    """The number a preview's first letter would take (read only: none is spent)."""
    path = job.workspace.register_path
    if not path.exists():
        return 1
    with Register(path, read_only=True) as register:
        return register.next_number(job.as_of.year)


def judge(request: LetterRequest) -> tuple[LetterJob, Outcome]:
    """The export read and every dossier judged as of the letters' day, nothing numbered or
    written: what a preview shows (the desk shows its three lists before any number)."""
    workspace, outcome = open_for(request.data, with_plan=False, out=request.out)
    read = read_dossiers(
        workspace, request.export, request.skip_bad_rows, request.as_of or request.today
    )
    job = prepare(workspace, read, OutputFolder(request.out, request.force), request)
    outcome.problems(read.problems)
    return job, outcome


def run(request: LetterRequest) -> Outcome:
    """Letters, dated D (`as_of`, else the export's own date, else `today`), for the
    dossiers still open on D past their due date and those asked for, numbered in the
    register, printed in one document (one letter a page), and the register's workbook.
    A preview computes and says the same, writes nothing, spends no number and so never
    waits for the workspace's lock."""
    if request.preview:
        job, outcome = judge(request)
        summary(job, None, outcome)
        return outcome
    with writer_lock(request.data, "làm phiếu xin lỗi"):
        job, outcome = judge(request)
        with Publication() as publication:
            issue(job, publication, outcome, recover(job, publication))
    return outcome


def _write_register_book(job: LetterJob, run: LetterRun, target: Path) -> None:
    """The whole register as a workbook: what is committed, merged in number order with this
    batch (still inside its transaction, so given here, as are the letters of a stopped run
    it prints), streamed row by row; then the dossiers of this run's day that are listed,
    not lettered."""
    plan, code = job.plan, job.workspace.unit.letters.code
    listed = Listed(job.as_of, plan.resolved_late, plan.due_soon)
    now = {_order(letter): letter for letter in run.again}
    with Register(job.workspace.register_path, read_only=True) as reader:
        committed = (now.get(_order(letter), letter) for letter in reader.all_letters())
        letters = heapq.merge(committed, run.issued, key=_order)
        write_register_workbook(
            letters, code, job.stamp, target, listed, Contacts(job.read.dossiers)
        )


class _Background:
    """The register's workbook written on a thread beside the rendering (zlib and file
    writes release the GIL). A thread, never a forked process: a child forked while this
    process holds an open SQLite transaction sees a damaged database, and forking a
    threaded process (the desk) can deadlock."""

    def __init__(self, parallel: bool, function: Callable[..., None], *args: object) -> None:
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None
        if not parallel:
            function(*args)
            return
        self.thread = threading.Thread(
            target=self._run, args=(function, *args), daemon=True, name="kehoach-so-theo-doi"
        )
        self.thread.start()

    def _run(self, function: Callable[..., None], *args: object) -> None:
        try:
            function(*args)
        except BaseException as error:  # handed to the caller by wait()
            self.error = error

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.join()
            if self.error is not None:
                raise self.error


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


def _per_letter(batch: _Printed, publication: Publication) -> None:
    """One file per letter too, named by its number and dossier code (made safe for any
    system), each name its own; each written to its place as it is rendered (held in memory,
    10,000 letters took 360 MB)."""
    for letter, name in zip(batch.letters, per_letter_names(batch.letters), strict=True):
        context = letters_document([letter_context(letter, batch.unit)], batch.unit)
        title = document_title([letter], batch.unit.letters.code)
        publication.write(
            batch.folder,
            f"{batch.stem}/{name}",
            partial(write_docx, batch.template, context, stamp=batch.stamp, title=title),
        )


def _pdf(batch: _Printed, publication: Publication, progress: Progress) -> int:
    """The batch as one PDF, converted in chunks, one per core, then joined; its pages."""
    name = batch.stem + ".pdf"
    batch.folder.check([name])
    title = document_title(batch.letters, batch.unit.letters.code)

    def write_part(chunk: Sequence[IssuedLetter], handle: BinaryIO) -> None:
        # Each part carries the whole batch's title: the PDF's is the first part's.
        context = letters_document(letter_contexts(chunk, batch.unit), batch.unit)
        write_docx(
            batch.template, context, handle, batch.stamp, title, budget=output_budget(len(chunk))
        )

    started = (lambda parts: progress(say.CONVERTING, parts)) if progress else None
    target = publication.file(batch.folder, name)
    try:
        return convert_in_chunks(
            batch.letters, write_part, target, started, state_home() / PROFILES
        )
    except PdfUnavailable:
        publication.forget(target)
        raise


@writes("in lại phiếu xin lỗi")
def reprint(
    data: Path,
    out: Path,
    codes: Collection[str],
    *,
    force: bool = False,
    pdf: bool = False,
    progress: Progress = None,
) -> Outcome:
    """The letters of the dossiers named, printed again from the register exactly as they
    were issued (same number, letter date and new appointment date), in one document named
    «...-in-lai.docx»; no number is taken and no export is read."""
    workspace, outcome = open_for(data, with_plan=False, out=out)
    wanted = list(dict.fromkeys(codes))
    found: dict[str, IssuedLetter] = {}
    ends: dict[int, int] = {}
    if wanted and workspace.register_path.is_file():
        with Register(workspace.register_path, read_only=True) as register:
            found = register.issued(wanted)
            ends = _year_ends([_order(letter) for letter in found.values()], register.next_number)
    problems = Problems()
    if not wanted:
        problems.error(workspace.register_path, None, "", say.NONE_CHOSEN)
    for code in wanted:
        if code not in found:
            problems.error(workspace.register_path, None, "", say.not_in_register(code))
    if problems.errors:
        raise InputError(problems)
    letters = sorted(found.values(), key=_order)
    folder = OutputFolder(out, force)
    name = batch_file_name([_order(letter) for letter in letters], True, ends)
    folder.check([name])
    template = compile_template(workspace.template(LETTER_TEMPLATE))
    # The document's own date is that of its latest letter: printing again changes nothing.
    last_day = max(letter.letter_date for letter in letters)
    stamp = dt.datetime.combine(last_day, dt.time(0, 0), tzinfo=dt.UTC)
    code = workspace.unit.letters.code
    outcome.say(say.reprinting(letters, code))
    with Publication() as publication:
        with publication.file(folder, name).open("wb") as handle:
            context = letters_document(letter_contexts(letters, workspace.unit), workspace.unit)
            write_docx(
                template,
                context,
                handle,
                stamp,
                document_title(letters, code),
                budget=output_budget(len(letters)),
            )
        printed = _Printed(template, letters, workspace.unit, folder, name, stamp)
        stage_pdf = (lambda: _pdf(printed, publication, progress)) if pdf else None
        publish_with_pdf(publication, outcome, stage_pdf)
    _mark_printed(workspace, letters, outcome)
    return outcome
