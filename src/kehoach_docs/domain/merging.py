"""Dossiers of several one-stop exports taken together: one dossier per code (no I/O)."""

from __future__ import annotations

from collections.abc import Sequence

from kehoach_docs.domain.dossiers import Dossier
from kehoach_docs.domain.exports import EXPORT_COLUMNS
from kehoach_docs.domain.problems import Problems

# What the officer would compare between two rows of the same dossier, as a sentence names it.
_COMPARED = {column.name: column.differs_as for column in EXPORT_COLUMNS if column.differs_as}


def merge_dossiers(
    exports: Sequence[tuple[str, Sequence[Dossier]]], problems: Problems
) -> list[Dossier]:
    """Each code once, in the order first met. The same dossier in two exports or on two
    sheets of one (months that overlap) counts once; the same code with different data in
    two places is an error naming both (twice on one sheet is the reader's own error)."""
    first: dict[str, tuple[str, Dossier]] = {}
    merged: list[Dossier] = []
    for source, dossiers in exports:
        for dossier in dossiers:
            seen = first.get(dossier.code)
            if seen is None:
                first[dossier.code] = (source, dossier)
                merged.append(dossier)
                continue
            other_source, other = seen
            differing = [
                said
                for name, said in _COMPARED.items()
                if getattr(dossier, name) != getattr(other, name)
            ]
            if differing and (other_source, other.sheet) != (source, dossier.sheet):
                problems.error(
                    source,
                    dossier.row,
                    "mã hồ sơ",
                    f"hồ sơ «{dossier.code}» cũng có trong {_place(other_source, other)} "
                    f"nhưng khác ở: {', '.join(differing)}; hãy giữ một bản (xóa tệp cũ hơn "
                    "hoặc dòng cũ)",
                    sheet=dossier.sheet,
                )
    return merged


def _place(source: str, dossier: Dossier) -> str:
    sheet = f", trang «{dossier.sheet}»" if dossier.sheet else ""
    return f"{source}{sheet}, dòng {dossier.row}"
