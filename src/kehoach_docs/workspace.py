"""A workspace: the folder that holds one unit's configuration, plan and templates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .checks import check_plan
from .loading import load_plan, load_unit
from .plan import Plan, Unit
from .problems import InputError, Problems

UNIT_FILE = "don-vi.yaml"
PLAN_FILE = "ke-hoach.yaml"
EXPORT_FILE = "ho-so-mot-cua.xlsx"  # the one-stop export the letters and reports read


@dataclass(frozen=True)
class Workspace:
    folder: Path
    unit: Unit
    plan: Plan


def read_workspace(folder: Path, problems: Problems) -> Workspace | None:
    """Every file of the workspace, read and checked; None when any has an error."""
    if not folder.is_dir():
        problems.error(folder, None, "", "không tìm thấy thư mục dữ liệu")
        return None
    unit = load_unit(folder / UNIT_FILE, str(folder / UNIT_FILE), problems)
    plan = load_plan(folder / PLAN_FILE, str(folder / PLAN_FILE), problems)
    if plan is not None:
        check_plan(plan, problems)
    if problems.errors or unit is None or plan is None:
        return None
    return Workspace(folder=folder, unit=unit, plan=plan)


def open_workspace(folder: Path) -> tuple[Workspace, Problems]:
    """The workspace and its warnings, or InputError with every error found."""
    problems = Problems()
    workspace = read_workspace(folder, problems)
    if workspace is None:
        raise InputError(problems)
    return workspace, problems
