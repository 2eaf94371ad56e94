"""Vietnamese text from the pre-Unicode era, as it arrives in Excel cells.

Old files typed with the TCVN3 (ABC, .VnTime fonts) or VNI (VNI-Times fonts) keyboards store
their letters as Latin-1 characters: "Céng hoµ" (TCVN3) or "Coäng hoøa" (VNI) both mean
"Cộng hòa". This module recognises which of the two a file uses and converts to Unicode NFC.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from enum import Enum


class Legacy(Enum):
    TCVN3 = "TCVN3"
    VNI = "VNI"


# TCVN 5712:1993 (VN3): one byte per letter, listed by its code.
_TCVN3_CODES = (
    "A1Ă A2Â A3Ê A4Ô A5Ơ A6Ư A7Đ A8ă A9â AAê ABô ACơ ADư AEđ "
    "B5à B6ả B7ã B8á B9ạ BBằ BCẳ BDẵ BEắ C6ặ C7ầ C8ẩ C9ẫ CAấ CBậ "
    "CCè CEẻ CFẽ D0é D1ẹ D2ề D3ể D4ễ D5ế D6ệ D7ì D8ỉ DCĩ DDí DEị "
    "DFò E1ỏ E2õ E3ó E4ọ E5ồ E6ổ E7ỗ E8ố E9ộ EAờ EBở ECỡ EDớ EEợ "
    "EFù F1ủ F2ũ F3ú F4ụ F5ừ F6ử F7ữ F8ứ F9ự FAỳ FBỷ FCỹ FDý FEỵ"
)
_TCVN3 = {chr(int(item[:2], 16)): item[2:] for item in _TCVN3_CODES.split()}

# VNI: a base letter followed by one or two mark characters; some letters stand alone.
_VNI_MARKS = {
    "ù": "\u0301",
    "ø": "\u0300",
    "û": "\u0309",
    "õ": "\u0303",
    "ï": "\u0323",
    "Ù": "\u0301",
    "Ø": "\u0300",
    "Û": "\u0309",
    "Õ": "\u0303",
    "Ï": "\u0323",
}
# After a/e/o the circumflex and breve combine with the tone in one character.
_VNI_CIRCUMFLEX = {
    "â": "",
    "á": "\u0301",
    "à": "\u0300",
    "å": "\u0309",
    "ã": "\u0303",
    "ä": "\u0323",
    "Â": "",
    "Á": "\u0301",
    "À": "\u0300",
    "Å": "\u0309",
    "Ã": "\u0303",
    "Ä": "\u0323",
}
_VNI_BREVE = {
    "ê": "",
    "é": "\u0301",
    "è": "\u0300",
    "ú": "\u0309",
    "ü": "\u0303",
    "ë": "\u0323",
    "Ê": "",
    "É": "\u0301",
    "È": "\u0300",
    "Ú": "\u0309",
    "Ü": "\u0303",
    "Ë": "\u0323",
}
_VNI_SINGLE = {
    "ô": "ơ",
    "Ô": "Ơ",
    "ö": "ư",
    "Ö": "Ư",
    "ñ": "đ",
    "Ñ": "Đ",
    "í": "í",
    "Í": "Í",
    "ì": "ì",
    "Ì": "Ì",
    "æ": "ỉ",
    "Æ": "Ỉ",
    "ó": "ĩ",
    "Ó": "Ĩ",
    "ò": "ị",
    "Ò": "Ị",
    "î": "ỵ",
    "Î": "Ỵ",
}

_LATIN1_LETTERS = re.compile("[\u00a1-\u00ff]")
_BEYOND_LATIN1 = re.compile("[\u0100-\uffff]")
_TOKEN_SPLIT = re.compile(r"[\s,.;:()/\\\-\"'!?\[\]]+")
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzăâêôơưđ")
_INITIALS = (
    "ngh",
    "ng",
    "gh",
    "gi",
    "kh",
    "nh",
    "ph",
    "qu",
    "th",
    "tr",
    "ch",
    "b",
    "c",
    "d",
    "đ",
    "g",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "q",
    "r",
    "s",
    "t",
    "v",
    "x",
)
_FINALS = ("ng", "nh", "ch", "c", "m", "n", "p", "t")
# Every vowel group a Vietnamese syllable can have, tones aside.
_NUCLEI = frozenset(
    (
        "a",
        "ă",
        "â",
        "e",
        "ê",
        "i",
        "o",
        "ô",
        "ơ",
        "u",
        "ư",
        "y",
        "ai",
        "ao",
        "au",
        "ay",
        "âu",
        "ây",
        "eo",
        "êu",
        "ia",
        "iê",
        "iu",
        "oa",
        "oă",
        "oe",
        "oi",
        "ôi",
        "ơi",
        "oo",
        "ua",
        "uâ",
        "uê",
        "ui",
        "uô",
        "uơ",
        "uy",
        "ưa",
        "ưi",
        "ưu",
        "ươ",
        "yê",
        "iêu",
        "yêu",
        "oai",
        "oay",
        "oeo",
        "uây",
        "uôi",
        "ươi",
        "ươu",
        "uya",
        "uyê",
        "uyu",
    )
)


def looks_legacy(text: str) -> bool:
    """Latin-1 accented characters and no Vietnamese Unicode letter: maybe an old encoding."""
    return bool(_LATIN1_LETTERS.search(text)) and not _BEYOND_LATIN1.search(text)


def _is_syllable(word: str) -> bool:
    """Whether a word could be Vietnamese: one tone at most, Vietnamese letters only, and a
    vowel group that exists. Misread old encodings fail this ("Vaên", "hoµ")."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(char in _TONES for char in decomposed) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    if not base or any(char not in _LETTERS for char in base):
        return False
    rest = base
    for initial in _INITIALS:
        if rest.startswith(initial) and len(rest) > len(initial):
            rest = rest[len(initial) :]
            break
    for final in _FINALS:
        if rest.endswith(final) and len(rest) > len(final):
            rest = rest[: -len(final)]
            break
    return rest in _NUCLEI or ("i" + rest) in _NUCLEI  # "gìn": the i of "gi" is the vowel


def _misreads(texts: list[str], convert) -> int:
    count = 0
    for text in texts:
        for token in _TOKEN_SPLIT.split(text):
            if token and not token.isascii() and not _is_syllable(convert(token)):
                count += 1
    return count


def detect(texts: Iterable[str], sample: int = 2000) -> Legacy | None:
    """The old encoding that makes these texts read as Vietnamese, or None when they read
    best as they are."""
    candidates = [text for text in texts if looks_legacy(text)][:sample]
    if not candidates:
        return None
    as_is = _misreads(candidates, lambda token: unicodedata.normalize("NFC", token))
    scores = [(_misreads(candidates, lambda token, e=e: to_unicode(token, e)), e) for e in Legacy]
    best, encoding = min(scores, key=lambda item: item[0])
    return encoding if best < as_is else None


def _vni_to_unicode(text: str) -> str:
    out = []
    i = 0
    while i < len(text):
        char = text[i]
        following = text[i + 1] if i + 1 < len(text) else ""
        if char in "aeoAEO" and following in _VNI_CIRCUMFLEX:
            out.append(char + "\u0302" + _VNI_CIRCUMFLEX[following])
            i += 2
            continue
        if char in "aA" and following in _VNI_BREVE:
            out.append(char + "\u0306" + _VNI_BREVE[following])
            i += 2
            continue
        base = _VNI_SINGLE.get(char, char)
        if following in _VNI_MARKS:
            out.append(base + _VNI_MARKS[following])
            i += 2
            continue
        out.append(base)
        i += 1
    return "".join(out)


def to_unicode(text: str, encoding: Legacy) -> str:
    if encoding is Legacy.TCVN3:
        converted = "".join(_TCVN3.get(char, char) for char in text)
    else:
        converted = _vni_to_unicode(text)
    return unicodedata.normalize("NFC", converted)


def decode_legacy_bytes(data: bytes) -> str:
    """Text that is not UTF-8: Windows' Vietnamese code page (cp1258, tones as combining
    marks) or an old font encoding (TCVN3/VNI, kept one character per byte: the cells are
    converted by to_unicode once their encoding is detected).
    The reading with the fewest words that cannot be Vietnamese wins."""
    single = data.decode("latin-1")
    windows = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    sample = [line for line in single.splitlines() if looks_legacy(line)][:2000]
    if not sample:
        return windows
    windows_sample = [
        unicodedata.normalize("NFC", line.encode("latin-1").decode("cp1258", errors="replace"))
        for line in sample
    ]
    scores: list[tuple[int, int, Legacy | None]] = [
        (_misreads(windows_sample, lambda token: token), 0, None)
    ]
    scores += [(_misreads(sample, lambda token, e=e: to_unicode(token, e)), 1, e) for e in Legacy]
    _, _, encoding = min(scores, key=lambda item: (item[0], item[1]))
    return windows if encoding is None else single
