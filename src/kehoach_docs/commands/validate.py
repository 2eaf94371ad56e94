"""kehoach validate: every problem of a workspace's data and templates, with its place."""

from __future__ import annotations

from pathlib import Path

from kehoach_docs.commands.appendix import render_appendices
from kehoach_docs.commands.failures import counts
from kehoach_docs.commands.letters import LETTER_TEMPLATE
from kehoach_docs.commands.outcome import Outcome
from kehoach_docs.commands.report import REPORT_TEMPLATE
from kehoach_docs.domain.problems import Problems
from kehoach_docs.inputs.tracker import read_tracker
from kehoach_docs.render.engine import TemplateFault, compile_template
from kehoach_docs.workspace import Workspace, read_workspace


def check_workspace(workspace: Workspace, problems: Problems) -> None:
    """What validate checks beyond the YAML: the appendix templates rendered in memory, the
    letter and report templates compiled, the one-stop export and the tracker read."""
    try:
        render_appendices(workspace)
    except TemplateFault as fault:
        problems.error(workspace.template(fault.template), None, "", fault.message)
    for name in (LETTER_TEMPLATE, REPORT_TEMPLATE):
        try:
            compile_template(workspace.template(name))
        except TemplateFault as fault:
            problems.error(workspace.template(name), None, "", fault.message)
    for export in workspace.export_paths():
        read = workspace.read_export(export)
        problems.items += read.problems.items
    tracker = workspace.tracker_path
    if tracker.exists():
        read_tracker(tracker, str(tracker), workspace.the_plan, problems)


def run(data: Path) -> Outcome:
    """Every problem, then a verdict; failed when there is any error."""
    problems = Problems()
    workspace = read_workspace(data, problems)
    if workspace is not None:
        check_workspace(workspace, problems)
    outcome = Outcome()
    outcome.problems(problems)
    if problems.errors:
        outcome.warn(f"Dữ liệu có lỗi: {counts(problems)}. Hãy sửa các lỗi trên.")
        outcome.failed = True
    else:
        outcome.say(f"Dữ liệu hợp lệ: {counts(problems)}.")
    return outcome
