"""The committed templates are what scripts/make_templates.py builds, byte for byte: a change
to the script comes with the templates it makes, and a template edited by hand is caught."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "src" / "kehoach_docs" / "templates"


def test_make_templates_rebuilds_the_committed_templates(tmp_path: Path) -> None:
    script = ROOT / "scripts" / "make_templates.py"
    subprocess.run(
        [sys.executable, str(script), str(tmp_path)], check=True, capture_output=True, timeout=300
    )
    built = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    committed = {path.name: path.read_bytes() for path in COMMITTED.glob("*.docx")}
    assert sorted(built) == sorted(committed)
    differing = [name for name in sorted(built) if built[name] != committed[name]]
    assert differing == [], f"rebuilt differently: {differing}; run scripts/make_templates.py"
