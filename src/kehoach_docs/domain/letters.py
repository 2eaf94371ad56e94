"""Apology letters (Mẫu 04, "Phiếu xin lỗi và hẹn lại ngày trả kết quả"): which dossiers get
one, what each letter says, and what the template receives (no I/O)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kehoach_docs.domain.dossiers import (
    Dossier,
    Lateness,
    Moment,
    days_late,
    exists_on,
    is_due_soon,
    is_open_on,
    lateness,
    new_appointment,
    result_day,
)
from kehoach_docs.domain.nd30 import number_text
from kehoach_docs.domain.plan import LetterSettings, Unit
from kehoach_docs.domain.textclean import strip_marks
from kehoach_docs.domain.workdays import WorkCalendar

# Names that are organisations, not persons: they are addressed without "Ông/Bà".
_ORGANISATION_WORDS = tuple(
    word + " "
    for word in (
        "công ty",
        "hợp tác xã",
        "doanh nghiệp",
        "chi nhánh",
        "trường",
        "ubnd",
        "ủy ban",
        "uỷ ban",
        "ban quản lý",
        "hội",
        "cửa hàng",
        "hộ kinh doanh",
        "văn phòng",
        "trung tâm",
        "tổ chức",
        "cơ sở",
        "nhà máy",
        "tập đoàn",
    )
)


@dataclass(frozen=True)
class LetterDraft:
    """A letter to be numbered: everything it will say, fixed once and for all."""

    dossier_code: str
    applicant: str
    procedure: str
    received: Moment | None
    due: Moment
    reason: str
    new_date: dt.date
    days_late: int


@dataclass(frozen=True)
class IssuedLetter:
    year: int
    number: int
    letter_date: dt.date
    draft: LetterDraft
    output_file: str

    @property
    def timely(self) -> bool:
        """Sent no later than the due date, as the law asks (not after the dossier was late)."""
        return self.letter_date <= self.draft.due.day


@dataclass
class LetterPlan:
    """What a letters run on day D does with each dossier of the export."""

    day: dt.date
    drafts: list[LetterDraft] = field(default_factory=list)  # letters to issue now
    already: list[str] = field(default_factory=list)  # owed, but their letter exists
    due_soon: list[Dossier] = field(default_factory=list)  # open, due D or next working day
    # resolved late without a letter (never given one), with their working days late
    resolved_late: list[tuple[Dossier, int]] = field(default_factory=list)
    refused: list[tuple[Dossier, str]] = field(default_factory=list)  # new date not usable
    asked_wrong: list[tuple[str, str]] = field(default_factory=list)  # --ma code, why not


def plan_letters(
    dossiers: Sequence[Dossier],
    day: dt.date,
    calendar: WorkCalendar,
    settings: LetterSettings,
    lettered: Collection[str],
    asked: Collection[str] = (),
) -> LetterPlan:
    """Each dossier judged as of `day`: a letter only for one still open on that day and past
    its due date, or open and named by the officer (`asked`); those due that day or the next
    working day listed; those resolved late without a letter listed, never lettered."""
    plan = LetterPlan(day)
    for dossier in dossiers:
        if dossier.due is None or not exists_on(dossier, day):
            continue
        state = lateness(dossier, day)
        if state is Lateness.LATE and dossier.code not in lettered:
            plan.resolved_late.append((dossier, days_late(dossier, day, calendar)))
            continue
        owed = state is Lateness.OVERDUE or (dossier.code in asked and is_open_on(dossier, day))
        if not owed:
            if is_due_soon(dossier, day, calendar) and dossier.code not in lettered:
                plan.due_soon.append(dossier)
            continue
        if dossier.code in lettered:
            plan.already.append(dossier.code)
            continue
        new_date = new_appointment(dossier, day, calendar, settings.new_date_working_days)
        if new_date is None:
            assert dossier.new_date is not None
            plan.refused.append((dossier, _refusal(dossier.new_date.day, day)))
            continue
        plan.drafts.append(
            LetterDraft(
                dossier_code=dossier.code,
                applicant=dossier.applicant,
                procedure=dossier.procedure,
                received=dossier.received,
                due=dossier.due,
                reason=dossier.reason or settings.default_reason,
                new_date=new_date,
                days_late=days_late(dossier, day, calendar),
            )
        )
    plan.asked_wrong = _asked_wrong(dossiers, day, asked) if asked else []
    return plan


def _asked_wrong(
    dossiers: Sequence[Dossier], day: dt.date, asked: Collection[str]
) -> list[tuple[str, str]]:
    """The codes named with --ma that cannot get a letter on the day, and why."""
    by_code = {d.code: d for d in dossiers}
    wrong = []
    for code in asked:
        dossier = by_code.get(code)
        if dossier is None:
            wrong.append((code, "không có trong tệp hồ sơ"))
        elif not exists_on(dossier, day):
            wrong.append((code, f"chưa tiếp nhận tính đến ngày {day:%d/%m/%Y}"))
        elif not is_open_on(dossier, day):
            result = result_day(dossier)
            assert result is not None
            wrong.append((code, f"đã có kết quả ngày {result:%d/%m/%Y}, không làm phiếu xin lỗi"))
        elif dossier.due is None:
            wrong.append((code, "không có ngày hẹn trả"))
    return wrong


def _refusal(new_date: dt.date, day: dt.date) -> str:
    if new_date <= day:
        return f"ngày hẹn trả mới {new_date:%d/%m/%Y} không sau ngày lập phiếu {day:%d/%m/%Y}"
    return f"ngày hẹn trả mới {new_date:%d/%m/%Y} là ngày nghỉ, không phải ngày làm việc"


def is_organisation(name: str) -> bool:
    # Names arrive cleaned (NFC, single spaces), so a plain prefix test is enough.
    return (name.casefold() + " ").startswith(_ORGANISATION_WORDS)


def _hour(moment: Moment) -> str:
    if not moment.has_time:
        return ""
    return f"{moment.value.hour} giờ {moment.value.minute:02d} phút, "


def _unit_fields(unit: Unit) -> dict[str, Any]:
    """A letter's fields that come from the unit alone: the same on every letter."""
    return {
        "ky_hieu": unit.letters.code,
        "co_quan_chu_quan": tuple(unit.upper_body_lines),
        "co_quan": tuple(unit.body_lines),
        "dia_danh": unit.place,
        "co_quan_giai_quyet": unit.letters.resolving_body,
        "quyen_han": unit.signer.authority,
        "chuc_vu": unit.signer.title,
        "nguoi_ky": unit.signer.name,
    }


def letter_context(letter: IssuedLetter, unit: Unit) -> dict[str, Any]:
    draft = letter.draft
    organisation = is_organisation(draft.applicant)
    pronoun = "Quý cơ quan" if organisation else "Ông/Bà"
    # A plain dict of plain values (text, numbers, dates): the engine reads `l.so` from it as
    # a key, the cheapest look-up the sandbox allows, for every field of every letter.
    return {
        **_unit_fields(unit),
        "so": number_text(letter.number),
        "nam": letter.year,
        "ngay": letter.letter_date,
        "kinh_gui": draft.applicant if organisation else f"Ông/Bà {draft.applicant}",
        "dai_tu": pronoun,
        "chu_ho_so": draft.applicant,
        "ngay_tiep_nhan": draft.received.day if draft.received else None,
        "thu_tuc": draft.procedure,
        "ma_ho_so": draft.dossier_code,
        "gio_hen": _hour(draft.due),
        "ngay_hen": draft.due.day,
        "ly_do": draft.reason,
        "ngay_hen_lai": draft.new_date,
        "so_ngay_tre": draft.days_late,
    }


def letter_contexts(letters: Iterable[IssuedLetter], unit: Unit) -> Iterator[dict[str, Any]]:
    """Lazily, so that a batch of any size is never held in memory as contexts."""
    return (letter_context(letter, unit) for letter in letters)


def letters_document(contexts: Iterable[dict[str, Any]], unit: Unit) -> dict[str, Any]:
    """What the letter template receives: its letters (`phieu`, read once, by the body's
    loop) and the unit's fields, for a header, a footer or any place outside that loop."""
    return {**_unit_fields(unit), "phieu": contexts}


LETTERS_TITLE = "Phiếu xin lỗi và hẹn lại ngày trả kết quả"


def document_title(letters: Sequence[IssuedLetter], code: str) -> str:
    """The title property of a document of letters (what Word's properties, the file browser
    and a PDF reader show): which letters it holds, by number; the count says when the
    numbers between the first and the last are not all there (a reprint)."""
    first, last = letters[0], letters[-1]
    if len(letters) == 1:
        return f"{LETTERS_TITLE} số {number_text(first.number)}/{code} năm {first.year}"
    start = f"{number_text(first.number)}/{code}"
    if first.year != last.year:
        start += f" năm {first.year}"
    return (
        f"{LETTERS_TITLE}: {len(letters)} phiếu, số {start} đến "
        f"{number_text(last.number)}/{code} năm {last.year}"
    )


MAX_NAMED_RUNS = 4  # runs of numbers a batch's file name lists; the rest are counted


@dataclass
class _Run:
    start: tuple[int, int]
    end: tuple[int, int]
    count: int = 1


def _runs(numbers: list[tuple[int, int]], year_ends: Mapping[int, int]) -> list[_Run]:
    """(year, number) in order, as runs of numbers that follow on: the next number of the
    year, or number 1 of the next year after the year's last letter (`year_ends`)."""
    runs: list[_Run] = []
    for year, number in numbers:
        if runs:
            last_year, last = runs[-1].end
            if (year, number) == (last_year, last + 1) or (
                (year, number) == (last_year + 1, 1) and year_ends.get(last_year) == last
            ):
                runs[-1].end = (year, number)
                runs[-1].count += 1
                continue
        runs.append(_Run((year, number), (year, number)))
    return runs


def batch_file_name(
    numbers: list[tuple[int, int]], reprint: bool, year_ends: Mapping[int, int]
) -> str:
    """The batch document's name from its (year, number) in order (`year_ends`: the last
    number each year has): a range only where the numbers follow on («so-001-016»,
    «so-016-den-2025-002»), otherwise each run named («so-001-va-005»), so that a name
    never reads as holding letters it does not."""
    runs = _runs(numbers, year_ends)
    named = runs[:MAX_NAMED_RUNS]
    parts: list[str] = []
    year = None
    for run in named:
        (start_year, start), (end_year, end) = run.start, run.end
        part = f"{start:03d}"
        if end_year != start_year:
            part += f"-den-{end_year}-{end:03d}"
        elif end != start:
            part += f"-{end:03d}"
        parts.append(part if start_year == year else f"{start_year}-so-{part}")
        year = end_year
    name = "phieu-xin-loi-" + "-va-".join(parts)
    rest = len(numbers) - sum(run.count for run in named)
    if rest:
        name += f"-va-{rest}-phieu-khac"
    return name + ("-in-lai" if reprint else "") + ".docx"


_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)


def safe_file_stem(code: str) -> str:
    """A dossier code as a file name on any system: no path, no reserved or hidden name."""
    stem = re.sub(r"[^0-9A-Za-z.-]+", "_", strip_marks(code)).strip("._-") or "ho-so"
    if _RESERVED.match(stem):
        stem = "_" + stem
    return stem[:80]


def per_letter_names(letters: Sequence[IssuedLetter]) -> list[str]:
    """Each letter's own file name in its batch's folder, in the letters' order: number and
    dossier code, the year first when the batch spans years (a reprint holds letter 1 of
    2024 and letter 1 of 2025), and a suffix when two names would still be one file as
    Windows compares them (ignoring case), so that no letter overwrites another."""
    by_year = len({letter.year for letter in letters}) > 1
    names: list[str] = []
    taken: set[str] = set()
    for letter in letters:
        stem = f"{letter.number:03d}-{safe_file_stem(letter.draft.dossier_code)}"
        if by_year:
            stem = f"{letter.year}-{stem}"
        name, copy = stem, 1
        while name.casefold() in taken:
            copy += 1
            name = f"{stem}-{copy}"
        taken.add(name.casefold())
        names.append(f"{name}.docx")
    return names
