"""A workspace: the folder that holds one unit's configuration, plan and templates."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kehoach_docs.domain.checks import check_plan
from kehoach_docs.domain.plan import Plan, Unit
from kehoach_docs.domain.problems import InputError, Problems
from kehoach_docs.inputs.export import ExportRead, read_export
from kehoach_docs.inputs.plan_yaml import load_plan, load_unit

UNIT_FILE = "don-vi.yaml"
PLAN_FILE = "ke-hoach.yaml"
EXPORT_FILE = "ho-so-mot-cua.xlsx"  # the one-stop export the letters and reports read


@dataclass(frozen=True)
class Workspace:
    folder: Path
    unit: Unit
    plan: Plan | None  # None when the job at hand does not need the plan (the letters)

    def read_export(self, path: Path, skip_bad_rows: bool = False) -> ExportRead:
        """A one-stop export, read with the unit's own column names (problems, not raised)."""
        return read_export(path, str(path), dict(self.unit.export_headers), skip_bad_rows)

    @property
    def the_plan(self) -> Plan:
        assert self.plan is not None, "this job needs the workspace read with its plan"
        return self.plan


def read_workspace(folder: Path, problems: Problems, with_plan: bool = True) -> Workspace | None:
    """The workspace's files, read and checked; None when any has an error."""
    if not folder.is_dir():
        problems.error(folder, None, "", "không tìm thấy thư mục dữ liệu")
        return None
    unit = load_unit(folder / UNIT_FILE, str(folder / UNIT_FILE), problems)
    plan = None
    if with_plan:
        plan = load_plan(folder / PLAN_FILE, str(folder / PLAN_FILE), problems)
        if plan is not None:
            check_plan(plan, problems)
    if problems.errors or unit is None or (with_plan and plan is None):
        return None
    return Workspace(folder=folder, unit=unit, plan=plan)


def open_workspace(folder: Path, with_plan: bool = True) -> tuple[Workspace, Problems]:
    """The workspace and its warnings, or InputError with every error found."""
    problems = Problems()
    workspace = read_workspace(folder, problems, with_plan)
    if workspace is None:
        raise InputError(problems)
    return workspace, problems


def find_template(name: str, workspace: Path | None) -> Path:
    """The workspace's own copy of a template if it has one, else the packaged one."""
    if workspace is not None:
        own = workspace / "templates" / name
        if own.is_file():
            return own
    return Path(str(resources.files("kehoach_docs") / "templates" / name))
