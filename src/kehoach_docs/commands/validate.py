"""kehoach validate: every problem of a workspace's data and templates, with its place."""

from __future__ import annotations

from kehoach_docs.commands.appendix import render_appendices
from kehoach_docs.commands.letters import LETTER_TEMPLATE
from kehoach_docs.commands.report import REPORT_TEMPLATE
from kehoach_docs.domain.problems import Problems
from kehoach_docs.domain.progress import tracker_file
from kehoach_docs.inputs.tracker import read_tracker
from kehoach_docs.render.engine import TemplateFault, compile_template
from kehoach_docs.workspace import EXPORT_FILE, Workspace, find_template


def check_workspace(workspace: Workspace, problems: Problems) -> None:
    """What validate checks beyond the YAML: the appendix templates rendered in memory, the
    letter and report templates compiled, the one-stop export and the tracker read."""
    try:
        render_appendices(workspace)
    except TemplateFault as fault:
        problems.error(find_template(fault.template, workspace.folder), None, "", fault.message)
    for name in (LETTER_TEMPLATE, REPORT_TEMPLATE):
        try:
            compile_template(find_template(name, workspace.folder))
        except TemplateFault as fault:
            problems.error(find_template(name, workspace.folder), None, "", fault.message)
    export = workspace.folder / EXPORT_FILE
    if export.exists():
        read = workspace.read_export(export)
        problems.items += read.problems.items
    tracker = workspace.folder / tracker_file(workspace.the_plan.year)
    if tracker.exists():
        read_tracker(tracker, str(tracker), workspace.the_plan, problems)
