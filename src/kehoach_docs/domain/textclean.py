"""Cleaning user text before it reaches a document: Unicode NFC, no characters XML cannot hold,
no invisible characters that change how the text reads."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# XML 1.0 allows tab, newline, carriage return and everything from U+0020 up, minus
# the surrogates and U+FFFE/U+FFFF; anything else makes Word refuse the file.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Bidirectional controls (U+202E shows a name reversed in Word) and zero-width characters (a
# zero-width space makes «Hoàn thành» a different word): never meant to be printed, and
# invisible to the officer who checks the text.
_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0]+")


def xml_invalid_count(text: str) -> int:
    return len(_XML_INVALID.findall(text))


def invisible_count(text: str) -> int:
    """The bidirectional controls and zero-width characters clean_text removes."""
    return len(_INVISIBLE.findall(text))


def clean_text(text: str) -> str:
    """One line of user text: NFC, XML-safe, without invisible characters, single spaces, no
    surrounding blanks."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        # Most cells: nothing to remove (isprintable is False for controls, tabs, NBSP and
        # the invisible characters, all of category Cc, Cf or Zs).
        return (
            text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
        )
    # Removed before NFC: a zero-width joiner between a letter and its mark kept them apart.
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", _XML_INVALID.sub("", text)))
    return _SPACES.sub(" ", text.replace("\r", " ").replace("\n", " ")).strip()


def clean_lines(text: str) -> tuple[str, ...]:
    """A multi-line cell: one cleaned entry per non-empty line."""
    lines = (clean_text(line) for line in text.replace("\r\n", "\n").split("\n"))
    return tuple(line for line in lines if line)


def strip_marks(text: str) -> str:
    """Vietnamese letters without their marks, case kept: "Đồng" → "Dong"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Without diacritics, case or anything but letters and digits: "Mã hồ sơ" → "mahoso",
    which is also how the national portal spells the field ("MaHoSo")."""
    return re.sub(r"[^0-9a-z]+", "", strip_marks(_INVISIBLE.sub("", text)).casefold())


@lru_cache(maxsize=4096)  # statuses and channels repeat on every row of an export
def fold_words(text: str) -> str:
    """Like fold, but words stay apart: "Đã trả kết quả" → "da tra ket qua" (a zero-width
    space inside a word does not split it)."""
    return " ".join(re.findall(r"[0-9a-z]+", strip_marks(_INVISIBLE.sub("", text)).casefold()))


def wrapped_lines(text: str, width: int) -> int:
    """About how many lines a spreadsheet cell `width` characters wide needs for the text:
    spreadsheet programs do not all grow a row to fit, so our workbooks set the height."""
    return sum(max(1, -(-len(line) // max(1, width - 1))) for line in text.split("\n"))
