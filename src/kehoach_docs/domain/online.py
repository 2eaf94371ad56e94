"""Which dossiers were handled fully online (trực tuyến toàn trình) when the export does not
say: the unit's list of the procedures it offers fully online, by name or by code."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Sequence

from kehoach_docs.domain.dossiers import Channel, Dossier

# A procedure's code as the national database writes it: "1.001193", "2.000794.000.00.00.H37".
_CODE = re.compile(r"^\d+(?:\.[0-9A-Za-z]+)+$")


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold().rstrip(".")


def listed_procedure(procedure: str, listed: Sequence[str]) -> str | None:
    """The item of the list that names `procedure`: the same name (letter case and spaces
    aside), or a code that the export's procedure cell carries ("1.001193 - Đăng ký ...")."""
    key = _key(procedure)
    for item in listed:
        wanted = _key(item)
        if wanted == key or (
            _CODE.match(item.strip()) and re.search(rf"(?<![\w.]){re.escape(wanted)}(?![\w.])", key)
        ):
            return item
    return None


def mark_fully_online(
    dossiers: Sequence[Dossier], listed: Sequence[str]
) -> tuple[list[Dossier], list[str]]:
    """The dossiers with `fully_online` set from the unit's list (a dossier filed online for
    a listed procedure), unless the export already says it for any; and the items of the
    list that name no procedure of the export (a typo, or a name written differently)."""
    if not listed or any(d.fully_online is not None for d in dossiers):
        return list(dossiers), []
    used: set[str] = set()
    marked = []
    for dossier in dossiers:
        item = listed_procedure(dossier.procedure, listed)
        if item is not None:
            used.add(item)
        marked.append(
            dataclasses.replace(
                dossier, fully_online=item is not None and dossier.channel is Channel.ONLINE
            )
        )
    return marked, [item for item in listed if item not in used]
