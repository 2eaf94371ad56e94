"""Office files (.docx, .xlsx) as zip packages with fixed entry times, so that the same
content always gives the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import struct
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import unescape as xml_unescape

from kehoach_docs.render.wordtags import clean_value

# Any fixed instant will do: 1980-01-01 is the earliest a zip entry can carry.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
CORE = "docProps/core.xml"


# The text properties a template's own core.xml may hold fields in, as Word names them.
_TEXT_PROPERTIES = (
    "dc:title",
    "dc:subject",
    "dc:creator",
    "cp:keywords",
    "dc:description",
    "cp:category",
    "dc:identifier",
    "dc:language",
    "cp:contentStatus",
)


def core_properties(stamp: dt.datetime, title: str, own: str | None = None) -> bytes:
    """The document's properties: the template's text properties (`own`, its core.xml as
    rendered, its text already XML), the title given instead of the template's when there is
    one, the program as the last to modify it, and `stamp` as its dates."""
    found = {}
    for name in _TEXT_PROPERTIES:
        value = re.search(rf"<{name}\b[^>/]*>(.*?)</{name}>", own or "", re.DOTALL)
        if value and value.group(1).strip():
            found[name] = value.group(1)
    if title or "dc:title" not in found:
        found["dc:title"] = xml_escape(clean_value(title))
    found.setdefault("dc:creator", "kehoach-docs")
    texts = "".join(f"<{name}>{found[name]}</{name}>" for name in _TEXT_PROPERTIES if name in found)
    when = stamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/'
        'dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{texts}<cp:lastModifiedBy>kehoach-docs</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def finished_title(path: Path) -> str | None:
    """The title of a whole package (every entry's checksum good); None for a file cut short
    or damaged (a run killed while writing it)."""
    try:
        with zipfile.ZipFile(path) as package:
            if package.testzip() is not None:
                return None
            core = package.read(CORE).decode()
    except (OSError, zipfile.BadZipFile, KeyError, UnicodeDecodeError, EOFError):
        return None
    found = re.search(r"<dc:title>(.*?)</dc:title>", core, re.DOTALL)
    return xml_unescape(found.group(1)) if found else None


def entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
# Zip records (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16), for copying entries without inflating them.
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_DOS_DATE = ((_ZIP_TIME[0] - 1980) << 9) | (_ZIP_TIME[1] << 5) | _ZIP_TIME[2]
_SMALL = 0xFFFFFFFF  # above this a zip needs zip64 records


def normalize_zip(data: bytes, stamp: dt.datetime | None = None) -> bytes:
    """Rewrite an Office file with fixed entry times (and, given a stamp, a fixed
    "modified" property, which openpyxl sets to the clock) so that identical content gives
    identical bytes. Entries are copied as they are compressed: a register of 100,000
    letters is a sheet of 85 MB of XML, never inflated and deflated again."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        items = src.infolist()
        if len(data) >= _SMALL or any(i.file_size >= _SMALL for i in items):
            return _rewritten(src, stamp)
        out = io.BytesIO()
        central = []
        for item in items:
            if stamp is not None and item.filename == CORE:
                when = stamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                blob = _MODIFIED.sub(rb"\g<1>" + when + rb"\g<2>", src.read(item))
                packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
                body = packer.compress(blob) + packer.flush()
                method, crc, size = zipfile.ZIP_DEFLATED, zlib.crc32(blob), len(blob)
            else:
                body = _raw(data, item)
                method, crc, size = item.compress_type, item.CRC, item.file_size
            name = item.filename.encode()
            flags = 0 if name.isascii() else 0x800  # UTF-8 names
            offset = out.tell()
            out.write(
                _LOCAL.pack(
                    b"PK\x03\x04",
                    20,
                    0,
                    flags,
                    method,
                    0,
                    _DOS_DATE,
                    crc,
                    len(body),
                    size,
                    len(name),
                    0,
                )
                + name
                + body
            )
            central.append(
                _CENTRAL.pack(
                    b"PK\x01\x02",
                    20,
                    3,
                    20,
                    0,
                    flags,
                    method,
                    0,
                    _DOS_DATE,
                    crc,
                    len(body),
                    size,
                    len(name),
                    0,
                    0,
                    0,
                    0,
                    0o644 << 16,
                    offset,
                )
                + name
            )
        start = out.tell()
        out.write(b"".join(central))
        out.write(
            _END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), out.tell() - start, start, 0)
        )
    return out.getvalue()


def _raw(data: bytes, item: zipfile.ZipInfo) -> bytes:
    """An entry's bytes as stored, after its local header (whose extra field may differ
    from the central directory's)."""
    header = _LOCAL.unpack_from(data, item.header_offset)
    start = item.header_offset + _LOCAL.size + header[-2] + header[-1]
    return data[start : start + item.compress_size]


def _rewritten(src: zipfile.ZipFile, stamp: dt.datetime | None) -> bytes:
    """The same for a package too large for plain zip records: zipfile writes zip64."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if stamp is not None and item.filename == CORE:
                when = stamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                blob = _MODIFIED.sub(rb"\g<1>" + when + rb"\g<2>", src.read(item))
                dst.writestr(entry(item.filename), blob)
                continue
            with src.open(item) as part, dst.open(entry(item.filename), "w") as copy:
                shutil.copyfileobj(part, copy, 1 << 20)
    return out.getvalue()
