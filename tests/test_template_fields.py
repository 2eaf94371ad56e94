"""The fields the README's guide says each template receives are those the code gives it: the
README's tables are made from documents/fields.py, and that declaration matches, field by
field and kind by kind, the contexts the commands build for the example."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from importlib import resources
from types import SimpleNamespace
from typing import Any

import pytest
import readme_fields
from conftest import DATA, ROOT

from kehoach_docs.commands.kinds import DOCUMENT_KINDS
from kehoach_docs.commands.report import report_inputs, report_parts
from kehoach_docs.documents.appendix import appendix_jobs
from kehoach_docs.documents.fields import TEMPLATE_FIELDS, Field, Kind
from kehoach_docs.documents.templates import LETTER_TEMPLATE, REPORT_TEMPLATE
from kehoach_docs.domain.letters import (
    IssuedLetter,
    letter_context,
    letters_document,
    plan_letters,
)
from kehoach_docs.domain.periods import quarter
from kehoach_docs.domain.plan import PartialDate
from kehoach_docs.domain.workdays import WorkCalendar
from kehoach_docs.workspace import open_workspace

README = (ROOT / "README.md").read_text(encoding="utf-8")
AS_OF = dt.date(2025, 1, 10)  # every overdue dossier of the example gets a letter


def test_readme_holds_the_tables_the_declaration_makes() -> None:
    found = re.search(
        rf"{re.escape(readme_fields.START)}.*?{re.escape(readme_fields.END)}", README, re.DOTALL
    )
    assert found, "README has no field tables; run: python scripts/readme_fields.py"
    assert found.group(0) == readme_fields.tables(), (
        "README's field tables differ from documents/fields.py; run: python "
        "scripts/readme_fields.py"
    )


def test_every_template_the_program_uses_is_declared() -> None:
    shipped = {
        item.name
        for item in (resources.files("kehoach_docs") / "templates").iterdir()
        if item.name.endswith(".docx")
    }
    used = {name for kind in DOCUMENT_KINDS for name in kind.templates}
    assert set(TEMPLATE_FIELDS) == used == shipped


def _kind_of(value: Any) -> set[Kind]:
    if isinstance(value, bool):
        return {Kind.FLAG}
    if isinstance(value, int):
        return {Kind.NUMBER}
    if isinstance(value, str):
        return {Kind.TEXT}
    if isinstance(value, dt.date):
        return {Kind.DATE, Kind.DOCUMENT_DATE}
    if isinstance(value, PartialDate):
        return {Kind.DOCUMENT_DATE}
    if isinstance(value, Mapping | SimpleNamespace):
        return {Kind.GROUP}
    if isinstance(value, list | tuple):
        if all(isinstance(item, str) for item in value):
            return {Kind.LINES, Kind.LIST} if not value else {Kind.LINES}
        return {Kind.LIST}
    return set()


def _keys(value: Mapping[str, Any] | SimpleNamespace) -> dict[str, Any]:
    return dict(vars(value) if isinstance(value, SimpleNamespace) else value)


def _differences(
    context: Any, fields: tuple[Field, ...], path: str, seen: set[str]
) -> Iterator[str]:
    """What the context has that the declaration does not say, and the reverse; `seen`
    collects the lists met with at least one item, so that every level is compared."""
    values = _keys(context)
    declared = {field.name: field for field in fields}
    for name in values.keys() - declared.keys():
        yield f"{path}{name}: in the context, not declared"
    for name in declared.keys() - values.keys():
        yield f"{path}{name}: declared, not in the context"
    for name in declared.keys() & values.keys():
        field, value = declared[name], values[name]
        where = path + name
        if value is None:
            if not field.blank:
                yield f"{where}: None, not declared blank"
            continue
        if field.kind not in _kind_of(value):
            yield f"{where}: declared {field.kind.name}, holds {type(value).__name__}"
        elif field.kind is Kind.GROUP:
            yield from _differences(value, field.fields, where + ".", seen)
        elif field.kind is Kind.LIST:
            for item in value:
                seen.add(where)
                yield from _differences(item, field.fields, where + "[].", seen)


def _lists(fields: tuple[Field, ...], path: str = "") -> Iterator[str]:
    for field in fields:
        below = path + field.name + ("[]." if field.kind is Kind.LIST else ".")
        if field.kind is Kind.LIST:
            yield path + field.name
        yield from _lists(field.fields, below)


def _example_contexts() -> Iterator[tuple[str, dict[str, Any]]]:
    """Each template's context as the commands build it for the example."""
    workspace, _ = open_workspace(DATA)
    plan, unit = workspace.the_plan, workspace.unit
    for job in appendix_jobs(plan, unit):
        yield job.template, job.context
    inputs = report_inputs(workspace)
    for number in (1, 4):
        period = quarter(plan.year, number, unit.calendar_periods)
        for draft in (False, True):
            parts = report_parts(workspace, period, inputs, workspace.letter_dates(), draft)
            yield REPORT_TEMPLATE, parts.context
    read = workspace.read_exports()
    assert read is not None
    calendar = WorkCalendar(unit.extra_days_off, unit.extra_workdays)
    drafts = plan_letters(read.dossiers, AS_OF, calendar, unit.letters, {}).drafts
    letters = [
        IssuedLetter(AS_OF.year, n, AS_OF, draft, "") for n, draft in enumerate(drafts, start=1)
    ]
    yield LETTER_TEMPLATE, letters_document([letter_context(x, unit) for x in letters], unit)


@pytest.fixture(scope="module")
def example_contexts() -> list[tuple[str, dict[str, Any]]]:
    return list(_example_contexts())


def test_each_context_has_exactly_the_declared_fields(
    example_contexts: list[tuple[str, dict[str, Any]]],
) -> None:
    for template, context in example_contexts:
        seen: set[str] = set()
        _, fields = TEMPLATE_FIELDS[template]
        assert list(_differences(context, fields, "", seen)) == [], template


def test_the_example_reaches_every_declared_list(
    example_contexts: list[tuple[str, dict[str, Any]]],
) -> None:
    """Otherwise the fields of a list's items would go unchecked."""
    for template, (_, fields) in TEMPLATE_FIELDS.items():
        seen: set[str] = set()
        for name, context in example_contexts:
            if name == template:
                list(_differences(context, fields, "", seen))
        assert set(_lists(fields)) <= seen, template


def test_a_field_the_code_drops_is_caught() -> None:
    """The comparison itself: a context without a declared field, or with one more."""
    _, fields = TEMPLATE_FIELDS[LETTER_TEMPLATE]
    workspace, _ = open_workspace(DATA)
    context = letters_document([], workspace.unit)
    assert list(_differences(context, fields, "", set())) == []
    del context["dia_danh"]
    context["ngay_in"] = "x"
    assert sorted(_differences(context, fields, "", set())) == [
        "dia_danh: declared, not in the context",
        "ngay_in: in the context, not declared",
    ]
