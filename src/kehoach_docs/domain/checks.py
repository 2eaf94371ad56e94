"""Oddities of a plan that are worth a warning but not a refusal (the signed plan may have
them): numbering gaps, duplicated rows, rows without a task, a lead body or a deadline."""

from __future__ import annotations

from collections.abc import Sequence

from kehoach_docs.domain.nd30 import roman
from kehoach_docs.domain.plan import Appendix, Plan, Section, TableKind, TaskRow
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
