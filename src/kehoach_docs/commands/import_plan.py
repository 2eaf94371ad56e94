"""kehoach import-plan: the appendix tables of a plan typed in Word, into the workspace's
plan YAML (the year, and the targets of rows whose task is unchanged, kept from the plan
already there)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from kehoach_docs.commands.outcome import Outcome, writes
from kehoach_docs.domain.limits import MAX_YAML_BYTES, LimitExceeded, read_file
from kehoach_docs.domain.plan import Appendix, PartialDate, Plan, TableKind, Target
from kehoach_docs.domain.problems import InputError, Problems
from kehoach_docs.inputs.plan_docx import read_plan_docx
from kehoach_docs.inputs.plan_yaml import load_plan
from kehoach_docs.outputs.folder import Publication
from kehoach_docs.outputs.plan_file import plan_yaml
from kehoach_docs.workspace import is_example, plan_file_in, unit_file_in

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


@writes("nhập kế hoạch từ Word")
def run(source: Path, data: Path, moment: dt.datetime) -> Outcome:
    done = import_plan(source, data, moment)
    outcome = Outcome()
    outcome.problems(done.problems)
    outcome.say(f"Đã đọc {done.tables} bảng, {done.rows} dòng của {source}:")
    for number, (title, sections, rows) in enumerate(done.counts, start=1):
        outcome.say(f"  phụ lục {number}: {title or '(chưa có tên)'}: {sections} mục, {rows} dòng")
    if done.plan.number or done.plan.date.day:
        outcome.say("Số và ngày kế hoạch lấy từ dòng «Kèm theo Kế hoạch số ...» của tệp.")
    if done.kept_targets:
        outcome.say(f"Giữ {done.kept_targets} chỉ tiêu (chi_tieu) của các dòng không đổi.")
    if done.problems.warnings:
        outcome.warn(f"Có {len(done.problems.warnings)} ô không xếp được (liệt kê ở trên); hãy "
                     "thêm vào ke-hoach.yaml nếu cần.")  # fmt: skip
    if done.backup is not None:
        outcome.say(f"Đã sao lưu kế hoạch cũ: {done.backup}")
    outcome.say(f"Đã ghi: {done.path}")
    outcome.say(f"Tiếp theo: kehoach validate --data {data}")
    return outcome


@dataclass
class ImportDraft:
    """A plan read from Word, not yet written: the YAML it would become and the YAML it
    would replace (the desk shows what changes before it is saved)."""

    target: Path
    plan: Plan
    text: str
    previous_text: str | None
    run: ImportRun


def draft_import(source: Path, data: Path) -> ImportDraft:
    """Read `source` into the plan it gives; InputError when nothing can be read or the plan
    year is unknown. Nothing is written."""
    problems = Problems()
    if not unit_file_in(data).is_file() or is_example(data):
        # Not into a folder that is no workspace yet, nor into the shipped example.
        problems.error(data, None, "", "không phải thư mục dữ liệu của đơn vị; tạo bằng "
                       f"«kehoach init {data}» rồi nhập lại")  # fmt: skip
        raise InputError(problems)
    imported = read_plan_docx(source, str(source), problems)
    if imported is None:
        raise InputError(problems)
    target = plan_file_in(data)
    previous = load_plan(target, str(target), Problems()) if target.is_file() else None
    year = (previous.year if previous else 0) or imported.date.year or _title_year(imported)
    if not year:
        problems.error(source, None, "", "không biết năm của kế hoạch: hãy tạo thư mục dữ liệu "
                       "bằng «kehoach init THƯ_MỤC --year NĂM» rồi nhập lại")  # fmt: skip
        raise InputError(problems)
    appendices = tuple(imported.appendices)
    kept = 0
    if previous is not None:
        appendices, kept = _keep_targets(appendices, previous)
    date = imported.date if imported.date != PartialDate() else PartialDate(year=year)
    plan = Plan(year=year, number=imported.number, date=date, appendices=appendices)
    text = plan_yaml(plan, f"Kế hoạch cải cách hành chính năm {year}: nhập từ {source.name}.")
    run = ImportRun(path=target, plan=plan, problems=problems, tables=imported.tables,
                    rows=imported.rows, kept_targets=kept)  # fmt: skip
    run.counts = [
        (appendix.title, len(appendix.sections), _row_count(appendix)) for appendix in appendices
    ]
    return ImportDraft(target, plan, text, _current_text(target), run)


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


def import_plan(source: Path, data: Path, moment: dt.datetime) -> ImportRun:
    """Read `source`, write `data`/ke-hoach.yaml; InputError when nothing can be read or the
    plan year is unknown (nothing written then)."""
    draft = draft_import(source, data)
    target, text, run = draft.target, draft.text, draft.run
    with Publication() as publication:
        publication.add_workspace_file(target, text.encode("utf-8"))
        if draft.previous_text is not None and draft.previous_text != text:
            run.backup = target.with_name(f"{target.stem}.sao-luu-{moment:%Y%m%d-%H%M%S}.yaml")
            shutil.copy2(target, run.backup)
        publication.publish()
    return run


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
