"""What a template package may not hold: anything Word or LibreOffice would fetch or bring
in from outside it when a document made from it is opened or printed (a linked picture, a
frame, a sub-document, an attached template, an altChunk, a mail-merge source, fields that
include files or talk to other programs), and macros. A template is an officer's file
from anywhere, and LibreOffice, printing a document to PDF on this machine, fetched a
linked http:// picture and embedded a file:/// one. Hyperlinks stay allowed: nothing is
fetched until someone clicks one.

Everything here reads the package's text, never parses it as XML: a DOCTYPE, the one way
XML itself reaches outside, is refused as such."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

_XML_PARTS = (".xml", ".rels", ".vml", ".svg")
_OUTSIDE = "chương trình không dùng mẫu có nội dung lấy từ ngoài tệp mẫu"
# What to do instead, by what was linked.
_PICTURE_ADVICE = "hãy chèn thẳng ảnh vào mẫu (Chèn › Ảnh › Thiết bị này) rồi lưu lại"
_CONTENT_ADVICE = "hãy chép thẳng nội dung đó vào mẫu rồi lưu lại"
_TEMPLATE_ADVICE = "hãy gỡ mẫu đính kèm (Developer › Document Template, xóa tên mẫu) rồi lưu lại"
_MACRO_ADVICE = (
    "chương trình không dùng mẫu có macro hay mã chạy được: hãy mở mẫu bằng Word rồi lưu lại "
    "dưới dạng «Word Document (*.docx)»"
)

# Macros: the parts that hold them, and the content types that declare them (a .docm renamed
# .docx keeps its macro-enabled main part).
_MACRO_PART = re.compile(r"(?:^|/)(?:vbaProject\.bin|vbaData\.xml|activeX/)", re.IGNORECASE)
_CONTENT_TYPE = re.compile(r"""ContentType\s*=\s*["']([^"']*)["']""")
_MACRO_TYPE = re.compile(r"macroEnabled|vbaProject|vbaData|activeX", re.IGNORECASE)

_RELATIONSHIP = re.compile(r"<(?:\w+:)?Relationship\b([^>]*)>")
_ATTRIBUTE = re.compile(r"""([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# What a relationship brings in, by the last word of its type.
_WHAT = {
    "image": "ảnh",
    "oleObject": "đối tượng nhúng",
    "frame": "khung trang",
    "subDocument": "tài liệu con",
    "attachedTemplate": "mẫu đính kèm",
    "aFChunk": "nội dung chèn kiểu altChunk",
    "package": "gói nhúng",
    "video": "phim",
    "audio": "âm thanh",
    "media": "âm thanh, phim",
    "font": "phông chữ",
    "mailMergeSource": "nguồn dữ liệu trộn thư",
    "recipientData": "danh sách người nhận",
}
# Brought in even when the target is inside the package: Word converts an altChunk's HTML
# or RTF (links and all) on opening; a sub-document or an attached template is another file.
_ALWAYS_REFUSED = frozenset({"aFChunk", "subDocument", "attachedTemplate"})
_MACRO_RELATIONSHIPS = frozenset({"vbaProject", "wordVbaData", "keyMapCustomizations"})

# Fields whose result comes from a file, a link to another document, a database or another
# program (DDE runs one). Word updates them on opening or printing.
_FIELDS = frozenset(
    {
        "INCLUDEPICTURE",
        "INCLUDETEXT",
        "INCLUDE",
        "IMPORT",
        "LINK",
        "DDE",
        "DDEAUTO",
        "RD",
        "DATABASE",
    }
)
# A field's code as Word stores it: begun, its instruction text (split over any number of
# runs), separated from its shown result, ended; or all in one attribute. `{%` is a template
# statement, which could join or split the instructions around it.
_FIELD_TOKEN = re.compile(
    r"""<w:fldChar\b[^>]*?w:fldCharType\s*=\s*["'](begin|separate|end)["']"""
    r"|<w:instrText\b[^>/]*>([^<]*)</w:instrText>"
    r"""|<w:fldSimple\b[^>]*?w:instr\s*=\s*(?:"([^"]*)"|'([^']*)')"""
    r"|(\{%)"
)
# A part without any of these has no field for _FIELD_TOKEN to find.
_FIELD_MARKS = ("<w:fldChar", "<w:instrText", "<w:fldSimple")
_TEMPLATE_TAG = re.compile(r"\{[{%#]")
_MAIL_MERGE = re.compile(r"<w:mailMerge\b")
_VML_SOURCE = re.compile(r"""<v:imagedata\b[^>]*?\bsrc\s*=\s*["']([a-zA-Z][\w+.-]*:[^"']*)""")
_SVG_REFERENCE = re.compile(
    r"""href\s*=\s*["'](?!#|data:)([^"']+)|url\(\s*["']?(?!#|data:)([^"')]+)|@import"""
)


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:77] + "…"


def _outside(name: str, what: str, advice: str = _PICTURE_ADVICE) -> str:
    return f"phần {name} có liên kết ra ngoài ({what}); {_OUTSIDE}: {advice}"


def _text(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", "replace")
    return data.decode("utf-8", "replace")


def _macros(name: str, text: str | None) -> str | None:
    if _MACRO_PART.search(name):
        return f"phần {name} là macro hay điều khiển ActiveX"
    if name == "[Content_Types].xml" and text is not None:
        kinds = [kind for kind in _CONTENT_TYPE.findall(text) if _MACRO_TYPE.search(kind)]
        # The main part's type says it best: a .docm.
        kinds.sort(key=lambda kind: "macroEnabled" not in kind)
        if kinds:
            return f"phần {name} ghi mẫu là văn bản có macro ({kinds[0]})"
    return None


def _relationships(name: str, text: str) -> str | None:
    for found in _RELATIONSHIP.finditer(text):
        attributes = {
            key.split(":")[-1]: html.unescape(a or b)
            for key, a, b in _ATTRIBUTE.findall(found.group(1))
        }
        kind = attributes.get("Type", "").rstrip("/").rsplit("/", 1)[-1]
        target = attributes.get("Target", "")
        if kind in _MACRO_RELATIONSHIPS:
            return f"phần {name} gắn macro vào văn bản ({target}); {_MACRO_ADVICE}"
        outside = attributes.get("TargetMode", "").lower() == "external" or _SCHEME.match(target)
        if (outside and kind != "hyperlink") or kind in _ALWAYS_REFUSED:
            advice = {"image": _PICTURE_ADVICE, "attachedTemplate": _TEMPLATE_ADVICE}
            what = f"{_WHAT.get(kind, kind)} lấy từ {_shown(target)}"
            return _outside(name, what, advice.get(kind, _CONTENT_ADVICE))
    return None


def _instruction(name: str, instruction: str) -> str | None:
    code = html.unescape(instruction).strip()
    first = code.split(None, 1)[0] if code else ""
    if _TEMPLATE_TAG.search(first):
        return (
            f"phần {name} có mã trường Word «{_shown(code)}» điền từ thẻ của mẫu; chương "
            "trình không điền thẻ vào loại trường (có thể thành trường lấy nội dung từ "
            "ngoài): hãy ghi thẳng loại trường, để thẻ ra sau nó"
        )
    if first.upper() in _FIELDS:
        return (
            f"phần {name} có trường {first.upper()} («{_shown(code)}») lấy nội dung từ tệp "
            f"hay chương trình khác; {_OUTSIDE}: hãy xóa trường đó (Alt+F9 hiện mã trường) "
            "và chèn thẳng nội dung vào mẫu"
        )
    return None


def _fields(name: str, text: str) -> str | None:
    """Every field's instruction, joined across its runs; nested fields each their own."""
    if not any(mark in text for mark in _FIELD_MARKS):
        return None  # most parts have no field at all: not scanned token by token
    open_fields: list[list[str]] = []  # instruction pieces of each field not yet ended
    collecting: list[bool] = []  # whether each is still before its result
    for found in _FIELD_TOKEN.finditer(text):
        mark, piece, simple, simple_quoted, statement = found.groups()
        refusal = None
        if mark == "begin":
            open_fields.append([])
            collecting.append(True)
        elif mark in ("separate", "end") and open_fields:
            if collecting[-1]:
                refusal = _instruction(name, "".join(open_fields[-1]))
                collecting[-1] = False
            if mark == "end":
                open_fields.pop()
                collecting.pop()
        elif piece is not None:
            if open_fields and collecting[-1]:
                open_fields[-1].append(piece)
            else:  # outside any field: judged alone
                refusal = _instruction(name, piece)
        elif simple is not None or simple_quoted is not None:
            refusal = _instruction(name, simple if simple is not None else simple_quoted)
        elif statement and any(collecting):
            code = "".join(open_fields[collecting.index(True)])
            refusal = (
                f"phần {name} có thẻ {{% %}} nằm trong mã trường Word «{_shown(code)}»; "
                "chương trình không điền thẻ vào mã trường: hãy để thẻ ra ngoài "
                "trường"
            )
        if refusal is not None:
            return refusal
    for pieces, before_result in zip(open_fields, collecting, strict=True):
        if before_result and (refusal := _instruction(name, "".join(pieces))) is not None:
            return refusal
    return None


def _part(name: str, text: str) -> str | None:
    if "<!DOCTYPE" in text:
        return (
            f"phần {name} có khai báo DOCTYPE (Word không bao giờ ghi), có thể lấy nội "
            "dung từ tệp khác; hãy lưu lại mẫu bằng Word"
        )
    if name.endswith(".rels"):
        return _relationships(name, text)
    if name.lower().endswith(".svg"):
        found = _SVG_REFERENCE.search(text)
        if found:
            where = _shown(found.group(1) or found.group(2) or "@import")
            return _outside(name, f"hình SVG lấy từ {where}")
        return None
    if _MAIL_MERGE.search(text):
        return (
            f"phần {name} có thiết lập trộn thư lấy dữ liệu từ nguồn ngoài; hãy bỏ trộn thư "
            "(Gửi thư › Bắt đầu trộn thư › Văn bản Word thông thường) rồi lưu lại"
        )
    found = _VML_SOURCE.search(text)
    if found:
        return _outside(name, f"ảnh lấy từ {_shown(found.group(1))}")
    return _fields(name, text)


def refused_content(entries: Iterable[tuple[str, bytes]], sources: Mapping[str, str]) -> str | None:
    """Why a template package is refused, naming the part, for the officer; None when it is
    not. `sources`: the parts that are filled, as Jinja source (their tags joined), in which
    a field's code is judged as it will be filled."""
    for name, data in entries:
        text = None
        if name.lower().endswith(_XML_PARTS):
            text = sources.get(name) or _text(data)
        refusal = _macros(name, text)
        if refusal is not None:
            return f"{refusal}; {_MACRO_ADVICE}"
        if text is not None and (refusal := _part(name, text)) is not None:
            return refusal
    return None
