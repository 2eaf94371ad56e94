"""The README's tables of the fields each template receives, made from their one declaration
(src/kehoach_docs/documents/fields.py); tests/test_template_fields.py checks that the README
holds exactly these tables.

    python scripts/readme_fields.py     # rewrites the tables in README.md
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from kehoach_docs.documents.fields import TEMPLATE_FIELDS, Field, Kind  # noqa: E402

README = ROOT / "README.md"
START = "<!-- Các bảng trường dưới đây làm bằng: python scripts/readme_fields.py -->"
END = "<!-- Hết các bảng trường. -->"


def _rows(fields: tuple[Field, ...], prefix: str) -> Iterator[str]:
    for field in fields:
        name = prefix + field.name
        kind = field.kind.value + (", có thể trống" if field.blank else "")
        # A pipe ends a table cell even inside a code span.
        description = field.description.replace("|", "\\|")
        yield f"| `{name}` | {kind} | {description} |"
        below = "[]." if field.kind is Kind.LIST else "."
        yield from _rows(field.fields, name + below)


def tables() -> str:
    """Every template's table, in the declaration's order, between the two marks."""
    parts = [START]
    for template, (what, fields) in TEMPLATE_FIELDS.items():
        parts += [
            "",
            f"**`{template}`**: {what}",
            "",
            "| trường | loại | nội dung |",
            "|---|---|---|",
            *_rows(fields, ""),
        ]
    return "\n".join([*parts, "", END])


def main() -> None:
    text = README.read_text(encoding="utf-8")
    start, end = text.index(START), text.index(END) + len(END)
    README.write_text(text[:start] + tables() + text[end:], encoding="utf-8")
    print(f"{README.name}: {len(TEMPLATE_FIELDS)} bảng trường")


if __name__ == "__main__":
    main()
