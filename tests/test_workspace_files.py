"""workspace.py is the one place that knows where a workspace's files live: no other module
of the program takes a workspace file's name to join it to a folder itself."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "kehoach_docs"
FILE_NAMES = {
    "UNIT_FILE",
    "PLAN_FILE",
    "EXPORT_FILE",
    "EXPORTS_DIR",
    "REGISTER_FILE",
    "EXAMPLE_MARK",
    "TRACKER_PATTERN",
    "TEMPLATES",
    "PASSWORD_FILE",
    "tracker_file",
}


def test_only_workspace_knows_the_file_names() -> None:
    found = []
    for module in sorted(PACKAGE.rglob("*.py")):
        if module == PACKAGE / "workspace.py":
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "kehoach_docs.workspace":
                found += [
                    f"{module.relative_to(PACKAGE)}: {alias.name}"
                    for alias in node.names
                    if alias.name in FILE_NAMES
                ]
    assert found == []
