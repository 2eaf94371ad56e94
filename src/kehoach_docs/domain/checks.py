"""Oddities of a plan that are worth a warning but not a refusal (the signed plan may have
them): numbering gaps, duplicated rows, rows without a task, a lead body or a deadline."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from kehoach_docs.domain.nd30 import roman
from kehoach_docs.domain.plan import Appendix, Plan, Section, TableKind, TaskRow, Unit
from kehoach_docs.domain.problems import Problems

_ROMAN_VALUES = {roman(i): i for i in range(1, 40)}


def check_plan(plan: Plan, problems: Problems) -> None:
    for index, appendix in enumerate(plan.appendices, start=1):
        where = f"phụ lục {roman(index)}"
        _check_sequence(
            plan.source,
            problems,
            [(s.number, s.line) for s in appendix.sections],
            where,
            roman_numbers=appendix.kind is TableKind.TASKS,
        )
        _check_duplicates(plan.source, problems, appendix, where)
        for section in appendix.sections:
            place = f"{where} › mục {section.number or section.title}"
            if appendix.kind is TableKind.TASKS:
                _check_task_rows(plan.source, problems, section, place)
            else:
                _check_groups(plan.source, problems, section, place)
    check_years(plan, problems)


def _number_value(number: str, roman_numbers: bool) -> int | None:
    if roman_numbers:
        return _ROMAN_VALUES.get(number.upper())
    return int(number) if number.isdigit() else None


def _check_sequence(
    source: str,
    problems: Problems,
    numbers: Sequence[tuple[str, int | None]],
    where: str,
    roman_numbers: bool,
) -> None:
    """Numbers of siblings should run 1, 2, 3 (or I, II, III) as printed."""
    expected = 1
    seen: set[str] = set()
    for number, line in numbers:
        if not number:
            continue
        value = _number_value(number, roman_numbers)
        if value is None:
            kind = "số La Mã" if roman_numbers else "số"
            problems.warning(source, line, where, f"số thứ tự «{number}» không phải {kind}")
            continue
        if number in seen:
            problems.warning(source, line, where, f"số thứ tự «{number}» bị lặp")
        elif value > expected:
            missing = ", ".join(
                roman(v) if roman_numbers else str(v) for v in range(expected, value)
            )
            problems.warning(source, line, where, f"đánh số nhảy tới «{number}», bỏ qua {missing}")
        seen.add(number)
        expected = value + 1


def _parent_number(number: str) -> str:
    return number.rpartition(".")[0]


def _has_children(rows: Sequence[TaskRow], index: int) -> bool:
    number = rows[index].number
    if index + 1 >= len(rows):
        return False
    following = rows[index + 1].number
    return not following or following.startswith(number + ".")


def _check_task_rows(source: str, problems: Problems, section: Section, where: str) -> None:
    rows = section.rows
    # Sibling sequences: one per parent number ("" for the top level of the section).
    siblings: dict[str, list[tuple[str, int | None]]] = {}
    numbered_parent: TaskRow | None = None
    seen: set[str] = set()
    for index, row in enumerate(rows):
        if row.number:
            parent = _parent_number(row.number)
            siblings.setdefault(parent, []).append((row.number.rpartition(".")[2], row.line))
            if parent and parent not in seen:
                problems.warning(
                    source, row.line, where, f"dòng «{row.number}» không có dòng cha «{parent}»"
                )
        label = _label(row)
        children = bool(row.number) and _has_children(rows, index)
        if not row.task and (row.products or row.progress or row.lead or row.support):
            problems.warning(source, row.line, where, f"{label} không có nội dung nhiệm vụ")
        if (
            row.number
            and not children
            and not (row.products or row.progress or row.lead or row.support)
        ):
            problems.warning(
                source,
                row.line,
                where,
                f"{label} chỉ có tên, không có dòng con, sản phẩm, tiến độ hay cơ quan chủ trì",
            )
        elif not children and row.task:
            parent_row = numbered_parent if not row.number else None
            if not row.lead:
                problems.warning(source, row.line, where, f"{label} chưa có cơ quan chủ trì")
            if not row.progress and not (parent_row and parent_row.progress):
                problems.warning(source, row.line, where, f"{label} chưa có tiến độ")
        if row.number:
            numbered_parent = row
            seen.add(row.number)
    for parent, numbers in siblings.items():
        place = f"{where} › dòng con của «{parent}»" if parent else where
        _check_sequence(source, problems, numbers, place, roman_numbers=False)


def _label(row: TaskRow) -> str:
    if row.number:
        return f"dòng «{row.number}»"
    if row.task:
        return f"dòng «{_short(' '.join(row.task), 50)}»"
    return "dòng không đánh số"


def _check_groups(source: str, problems: Problems, section: Section, where: str) -> None:
    for group in section.groups:
        if group.tasks and not group.tasks[0].executor:
            problems.warning(
                source,
                group.tasks[0].line,
                where,
                f"nội dung «{group.content}» chưa có cơ quan thực hiện",
            )
        for task in group.tasks:
            if not task.time:
                problems.warning(source, task.line, where, "chưa có thời gian thực hiện")


def _row_texts(appendix: Appendix) -> list[tuple[str, int | None]]:
    if appendix.kind is TableKind.TASKS:
        return [(" ".join(r.task), r.line) for s in appendix.sections for r in s.rows]
    return [
        (" ".join(t.solution), t.line) for s in appendix.sections for g in s.groups for t in g.tasks
    ]


def _check_duplicates(source: str, problems: Problems, appendix: Appendix, where: str) -> None:
    first_line: dict[str, int | None] = {}
    for text, line in _row_texts(appendix):
        key = text.casefold()
        if not key:
            continue
        if key in first_line:
            problems.warning(
                source,
                line,
                where,
                f"dòng trùng nội dung với dòng {first_line[key]}: «{_short(text)}»",
            )
        else:
            first_line[key] = line


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# What a plan carried into a new year, or a unit file copied from another unit, still says of
# the old one. Only "năm 2024" counts: a year in a document's number ("61/2018/NĐ-CP"), a date
# ("19/01/2024") or a law's name ("Luật ... 2022") is a reference, not the plan's year.
_YEAR = re.compile(r"\bnăm\s+(20\d\d)\b", re.IGNORECASE)
# Districts were abolished on 1/7/2025 (Luật Tổ chức chính quyền địa phương 2025).
DISTRICTS_ENDED = dt.date(2025, 7, 1)
_DISTRICT = re.compile(r"\b(huyện|phòng nội vụ)\b", re.IGNORECASE)


def check_years(plan: Plan, problems: Problems) -> None:
    """Every row (and title) whose text names a year other than the plan's (none while the
    plan's year could not be read: its own error says so, and every row would differ)."""
    if not plan.year:
        return
    for index, appendix in enumerate(plan.appendices, start=1):
        where = f"phụ lục {roman(index)}"
        texts: list[tuple[str, str, int | None]] = [("tên phụ lục", appendix.title, appendix.line)]
        for section in appendix.sections:
            texts.append((f"mục {section.number or section.title}", section.title, section.line))
            for row in section.rows:
                words = " ".join((*row.task, *row.products, row.progress))
                texts.append((_label(row), words, row.line))
            for group in section.groups:
                texts.append((f"nội dung «{_short(group.content, 40)}»", group.content, group.line))
                for task in group.tasks:
                    words = " ".join((*task.solution, task.time))
                    texts.append(
                        (f"nhiệm vụ «{_short(' '.join(task.solution), 40)}»", words, task.line)
                    )
        for label, text, line in texts:
            years = sorted({int(y) for y in _YEAR.findall(text)} - {plan.year})
            if years:
                named = ", ".join(str(year) for year in years)
                problems.warning(
                    plan.source,
                    line,
                    where,
                    f"{label} ghi năm {named}, khác năm kế hoạch {plan.year}: xem lại câu chữ",
                )


def check_unit(unit: Unit, plan: Plan | None, source: str, problems: Problems) -> None:
    """Names the unit file took from elsewhere: the letters' resolving body without the
    unit's place, and district bodies on documents dated after districts ended."""
    body = unit.letters.resolving_body
    if unit.place and unit.place.casefold() not in body.casefold():
        problems.warning(
            source,
            None,
            "phieu_xin_loi › co_quan_giai_quyet",
            f"«{body}» không có địa danh «{unit.place}» của đơn vị: có phải chép "
            "từ đơn vị khác? Để trống: phiếu dùng tên đầy đủ của đơn vị",
        )
    # The plan's reports and letters are dated through the end of its year: a plan signed
    # before July 2025 still has reports and letters dated after districts ended.
    if plan is None:
        return
    years = [y for y in (plan.year, plan.date.year) if y and dt.MINYEAR <= y <= dt.MAXYEAR]
    if not years or dt.date(max(years), 12, 31) < DISTRICTS_ENDED:
        return  # (no year read: the plan's own error says so)
    fields = [
        ("co_quan_chu_quan", unit.upper_body_lines),
        ("co_quan_ban_hanh", unit.body_lines),
        ("ten_day_du", (unit.full_name,)),
        ("nguoi_ky", (unit.signer.authority, unit.signer.title)),
        ("phieu_xin_loi › co_quan_giai_quyet", (body,)),
        ("bao_cao › noi_nhan", unit.report_recipients),
    ]
    for name, texts in fields:
        for text in texts:
            if _DISTRICT.search(text):
                problems.warning(
                    source,
                    None,
                    name,
                    f"«{text}»: cấp huyện không còn từ 01/7/2025; văn bản đề ngày từ ngày "
                    "đó (báo cáo, phiếu xin lỗi) ghi cơ quan cấp tỉnh (ví dụ Sở Nội vụ)",
                )


def check_export_year(source: str, days: Sequence[dt.date], year: int, problems: Problems) -> None:
    """An export without a single dossier received in the plan's year: another year's, or
    another unit's, file left in the exports folder."""
    if days and all(day.year != year for day in days):
        found = ", ".join(str(y) for y in sorted({day.year for day in days}))
        problems.warning(
            source,
            None,
            "",
            f"không có hồ sơ nào tiếp nhận trong năm {year} "
            f"(năm kế hoạch); tệp có hồ sơ năm {found}: có phải tệp cũ?",
        )
