"""Office files (.docx, .xlsx) as zip packages with fixed entry times, so that the same
content always gives the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import zipfile
from xml.sax.saxutils import escape as xml_escape

# Any fixed instant will do: 1980-01-01 is the earliest a zip entry can carry.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
CORE = "docProps/core.xml"


def core_properties(stamp: dt.datetime, title: str) -> bytes:
    when = stamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/'
        'dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml_escape(title)}</dc:title><dc:creator>kehoach-docs</dc:creator>"
        "<cp:lastModifiedBy>kehoach-docs</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


_COPY_CHUNK = 1 << 20
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def normalize_zip(data: bytes, stamp: dt.datetime | None = None) -> bytes:
    """Rewrite an Office file with fixed entry times (and, given a stamp, a fixed
    "modified" property, which openpyxl sets to the clock) so that identical content gives
    identical bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            if stamp is not None and item.filename == CORE:
                when = stamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                blob = _MODIFIED.sub(rb"\g<1>" + when + rb"\g<2>", src.read(item))
                dst.writestr(entry(item.filename), blob)
                continue
            # Copied a chunk at a time: a register of 100,000 letters is a sheet of 85 MB of
            # XML that needs not be held whole.
            with src.open(item) as part, dst.open(entry(item.filename), "w") as copy:
                shutil.copyfileobj(part, copy, _COPY_CHUNK)
    return out.getvalue()
