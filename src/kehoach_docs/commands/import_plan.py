"""kehoach import-plan: the appendix tables of a plan typed in Word, into the workspace's
plan YAML (the year, and the targets of rows whose task is unchanged, kept from the plan
already there)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from kehoach_docs.commands.outcome import Outcome, publish, writes
from kehoach_docs.domain.limits import MAX_YAML_BYTES, LimitExceeded, read_file
from kehoach_docs.domain.nd30 import roman
from kehoach_docs.domain.plan import Appendix, PartialDate, Plan, TableKind, Target
from kehoach_docs.domain.problems import InputError, Problems
from kehoach_docs.inputs.plan_docx import read_plan_docx
from kehoach_docs.inputs.plan_yaml import load_plan
from kehoach_docs.outputs.folder import Publication
from kehoach_docs.outputs.plan_file import plan_yaml
from kehoach_docs.workspace import (
    backup_time,
    is_example,
    plan_backup_path,
    plan_backups,
    plan_file_in,
    unit_file_in,
)

_TITLE_YEAR = re.compile(r"\bNĂM\s+(\d{4})\b", re.IGNORECASE)


@dataclass
class ImportRun:
    path: Path
    plan: Plan
    problems: Problems  # warnings: the cells that could not be placed, titles not found
    backup: Path | None = None
    tables: int = 0
    rows: int = 0
    kept_targets: int = 0
    counts: list[tuple[str, int, int]] = field(default_factory=list)  # title, sections, rows
    absent: list[int] = field(default_factory=list)  # the plan's appendices the file lacks


@writes("nhập kế hoạch từ Word")
def run(source: Path, data: Path, moment: dt.datetime, keep_absent: bool = False) -> Outcome:
    """The plan of a Word file written as the workspace's plan, the one it replaces backed
    up; `keep_absent`: the plan's appendices the file does not hold are kept as they are."""
    done = import_plan(source, data, moment, keep_absent)
    outcome = Outcome()
    outcome.problems(done.problems)
    outcome.say(f"Đã đọc {done.tables} bảng, {done.rows} dòng của {source}:")
    for number, (title, sections, rows) in enumerate(done.counts, start=1):
        outcome.say(f"  phụ lục {number}: {title or '(chưa có tên)'}: {sections} mục, {rows} dòng")
    if done.absent:
        outcome.say(absent_text(done.absent, keep_absent))
    if done.plan.number or done.plan.date.day:
        outcome.say("Số và ngày kế hoạch lấy từ dòng «Kèm theo Kế hoạch số ...» của tệp.")
    if done.kept_targets:
        outcome.say(
            f"Giữ {done.kept_targets} chỉ tiêu (chi_tieu) của các dòng không đổi.",
            f"Giữ {done.kept_targets} chỉ tiêu của các dòng không đổi.",
        )
    if done.problems.warnings:
        outcome.warn(
            f"Có {len(done.problems.warnings)} ô không xếp được (liệt kê ở trên); hãy "
            "thêm vào ke-hoach.yaml nếu cần."
        )
    if done.backup is not None:
        outcome.say(f"Đã sao lưu kế hoạch cũ: {done.backup}")
    outcome.say(f"Đã ghi: {done.path}")
    outcome.say(f"Tiếp theo: kehoach validate --data {data}", "")
    return outcome


def absent_text(absent: list[int], kept: bool) -> str:
    """«Phụ lục II, III không có trong tệp Word: giữ nguyên»."""
    numbers = ", ".join(roman(number) for number in absent)
    return f"Phụ lục {numbers} không có trong tệp Word: " + (
        "giữ nguyên" if kept else "bỏ khỏi kế hoạch"
    )


@dataclass
class ImportDraft:
    """A plan read from Word, not yet written: the YAML it would become and the YAML it
    would replace, the plan's appendices the file lacks and the parts the import removes
    (the desk shows what changes before it is saved)."""

    target: Path
    plan: Plan
    text: str
    previous_text: str | None
    run: ImportRun
    removed: list[str] = field(default_factory=list)


def draft_import(source: Path, data: Path, keep_absent: bool = False) -> ImportDraft:
    """Read `source` into the plan it gives (`keep_absent`: with the appendices of the plan
    there that the file does not hold, as they are); InputError when nothing can be read or
    the plan year is unknown. Nothing is written."""
    problems = Problems()
    if not unit_file_in(data).is_file() or is_example(data):
        # Not into a folder that is no workspace yet, nor into the shipped example.
        problems.error(
            data,
            None,
            "",
            f"không phải thư mục dữ liệu của đơn vị; tạo bằng «kehoach init {data}» rồi nhập lại",
            desk="đây là dữ liệu ví dụ hoặc chưa phải thư mục dữ liệu của đơn vị "
            "nên không nhập kế hoạch vào đây",
        )
        raise InputError(problems)
    imported = read_plan_docx(source, str(source), problems)
    if imported is None:
        raise InputError(problems)
    target = plan_file_in(data)
    previous = load_plan(target, str(target), Problems()) if target.is_file() else None
    year = (previous.year if previous else 0) or imported.date.year or _title_year(imported)
    if not year:
        problems.error(
            source,
            None,
            "",
            "không biết năm của kế hoạch: hãy tạo thư mục dữ liệu "
            "bằng «kehoach init THƯ_MỤC --year NĂM» rồi nhập lại",
            desk="không biết năm của kế hoạch: tệp không ghi năm và thư mục dữ liệu "
            "chưa có kế hoạch",
        )
        raise InputError(problems)
    appendices = tuple(imported.appendices)
    kept = 0
    # Each appendix of the file under its number (its heading's, else its place).
    numbers = _numbers(imported.numbers)
    by_number = dict(zip(numbers, appendices, strict=True))
    before = previous.appendices if previous is not None else ()
    absent = [n for n in range(1, len(before) + 1) if n not in by_number]
    if keep_absent and absent:
        by_number.update((n, before[n - 1]) for n in absent)
        appendices = tuple(by_number[n] for n in sorted(by_number))
    if previous is not None:
        appendices, kept = _keep_targets(appendices, previous)
    date = imported.date if imported.date != PartialDate() else PartialDate(year=year)
    plan = Plan(year=year, number=imported.number, date=date, appendices=appendices)
    text = plan_yaml(plan, f"Kế hoạch cải cách hành chính năm {year}: nhập từ {source.name}.")
    run = ImportRun(
        path=target,
        plan=plan,
        problems=problems,
        tables=imported.tables,
        rows=imported.rows,
        kept_targets=kept,
        absent=absent,
    )
    run.counts = [
        (appendix.title, len(appendix.sections), _row_count(appendix)) for appendix in appendices
    ]
    kept_as_is = set(absent) if keep_absent else set()
    removed = [
        line
        for n, old in enumerate(before, start=1)
        if n not in kept_as_is
        for line in _removed(n, old, by_number.get(n))
    ]
    return ImportDraft(target, plan, text, _current_text(target), run, removed)


def _numbers(found: list[int | None]) -> list[int]:
    """The appendices' numbers: their headings' when each has its own, else their places."""
    if None in found or len(set(found)) != len(found):
        return list(range(1, len(found) + 1))
    return [n for n in found if n is not None]


def _task_lines(appendix: Appendix) -> list[tuple[str, str, str]]:
    """Each task of an appendix: (its section, its number or content, its text)."""
    if appendix.kind is TableKind.TASKS:
        return [
            (section.title, row.number, " ".join(row.task))
            for section in appendix.sections
            for row in section.rows
        ]
    return [
        (section.title, group.content, " ".join(task.solution))
        for section in appendix.sections
        for group in section.groups
        for task in group.tasks
    ]


def _removed(number: int, old: Appendix, new: Appendix | None) -> list[str]:
    """The parts of appendix `number` the import removes: all of it, its sections the file
    lacks, the tasks of the others the file lacks (a task is known by its words)."""
    name = f"Phụ lục {roman(number)}"
    old_tasks = _task_lines(old)
    if new is None:
        return [
            f"{name} «{old.title}»: cả phụ lục ({len(old.sections)} mục, {len(old_tasks)} dòng)"
        ]
    titles = {section.title.casefold() for section in new.sections}
    kept = {(section.casefold(), text.casefold()) for section, _n, text in _task_lines(new)}
    lines = []
    for section in old.sections:
        if section.title.casefold() not in titles:
            tasks = sum(1 for s, _n, _t in old_tasks if s == section.title)
            lines.append(f"{name}, mục {section.number} «{section.title}»: cả mục ({tasks} dòng)")
    for heading, where, text in old_tasks:
        if heading.casefold() in titles and (heading.casefold(), text.casefold()) not in kept:
            lines.append(f"{name}, mục «{heading}», {_where(where)}: «{_short(text)}»")
    return lines


def _where(number_or_content: str) -> str:
    return (
        f"dòng {number_or_content}"
        if len(number_or_content) <= 8
        else (f"nội dung «{_short(number_or_content, 40)}»")
    )


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _current_text(target: Path) -> str | None:
    """The plan file's text now; None when there is none. Only a regular file within the
    plan's cap is read (NotAFile, InputError otherwise)."""
    try:
        return read_file(target, MAX_YAML_BYTES).decode("utf-8")
    except FileNotFoundError:
        return None
    except LimitExceeded as exc:
        problems = Problems()
        problems.error(target, None, "", str(exc))
        raise InputError(problems) from exc


def import_plan(
    source: Path, data: Path, moment: dt.datetime, keep_absent: bool = False
) -> ImportRun:
    """Read `source`, write `data`/ke-hoach.yaml; InputError when nothing can be read or the
    plan year is unknown (nothing written then)."""
    draft = draft_import(source, data, keep_absent)
    target, text, run = draft.target, draft.text, draft.run
    with Publication() as publication:
        publication.add_workspace_file(target, text.encode("utf-8"))
        if draft.previous_text is not None and draft.previous_text != text:
            run.backup = plan_backup_path(data, moment)
            shutil.copy2(target, run.backup)
        publication.publish()
    return run


@writes("khôi phục kế hoạch")
def restore(data: Path, name: str, moment: dt.datetime) -> Outcome:
    """The plan put back as the backup named `name` kept it; the plan it replaces is backed
    up in turn, so that a restore can itself be undone."""
    backup = next((path for path in plan_backups(data) if path.name == name), None)
    if backup is None:
        problems = Problems()
        problems.error(data, None, "", f"không có bản sao lưu kế hoạch «{name}»")
        raise InputError(problems)
    text = _current_text(backup)
    assert text is not None  # listed a moment ago; a backup deleted since is an OSError
    target = plan_file_in(data)
    current = _current_text(target)
    outcome = Outcome()
    labels: dict[Path, str] = {}
    with Publication() as publication:
        publication.add_workspace_file(target, text.encode("utf-8"))
        if current is not None and current != text:
            saved = plan_backup_path(data, moment)
            publication.add_workspace_file(saved, current.encode("utf-8"))
            labels[saved] = "Đã sao lưu kế hoạch đang có"
        made = backup_time(backup)
        when = f" lúc {made[0]:%H:%M:%S} ngày {made[0]:%d/%m/%Y}" if made else ""
        outcome.say(f"Khôi phục kế hoạch từ bản sao lưu{when} ({backup.name}).")
        publish(publication, outcome, labels)
    return outcome


def _title_year(imported) -> int:
    for appendix in imported.appendices:
        match = _TITLE_YEAR.search(appendix.title)
        if match:
            return int(match.group(1))
    return 0


def _row_count(appendix: Appendix) -> int:
    if appendix.kind is TableKind.TASKS:
        return sum(len(section.rows) for section in appendix.sections)
    return sum(len(g.tasks) for section in appendix.sections for g in section.groups)


def _keep_targets(
    appendices: tuple[Appendix, ...], previous: Plan
) -> tuple[tuple[Appendix, ...], int]:
    """A target (chi_tieu) is not printed in the appendix: carry it over to the row with the
    same task text, so that importing the signed plan does not lose the report's indicators."""
    targets: dict[str, Target] = {
        " ".join(row.task).casefold(): row.target
        for appendix in previous.appendices
        for section in appendix.sections
        for row in section.rows
        if row.target is not None
    }
    kept = 0
    result = []
    for appendix in appendices:
        sections = []
        for section in appendix.sections:
            rows = []
            for row in section.rows:
                target = targets.get(" ".join(row.task).casefold())
                if target is not None and row.target is None:
                    row = replace(row, target=target)
                    kept += 1
                rows.append(row)
            sections.append(replace(section, rows=tuple(rows)))
        result.append(replace(appendix, sections=tuple(sections)))
    return tuple(result), kept
