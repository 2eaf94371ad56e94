"""The kinds of document, declared once (commands/kinds.py): the package ships exactly the
templates they name, so none is left untried by validate nor missing when a kind needs it."""

from __future__ import annotations

from pathlib import Path

import kehoach_docs
from kehoach_docs.commands.kinds import DOCUMENT_KINDS

PACKAGED = Path(kehoach_docs.__file__).parent / "templates"


def test_the_package_ships_the_templates_of_the_document_kinds() -> None:
    declared = [name for kind in DOCUMENT_KINDS for name in kind.templates]
    assert sorted(declared) == sorted(path.name for path in PACKAGED.glob("*.docx"))
