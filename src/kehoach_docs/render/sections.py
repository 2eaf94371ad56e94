"""A rendered document's last section taken out (the report's chart annex when there is no
chart to show): a signed document holds no empty section."""

from __future__ import annotations

import io
import zipfile

from kehoach_docs.render.officezip import entry

BODY = "word/document.xml"


def without_last_section(document: bytes) -> bytes:
    """The .docx without its last section: everything after the paragraph that ends the
    section before goes, and that paragraph's section properties (page size, margins,
    headers) become the body's. A document of one section is returned as it is."""
    with zipfile.ZipFile(io.BytesIO(document)) as package:
        items = [(item.filename, package.read(item)) for item in package.infolist()]
    xml = dict(items)[BODY].decode("utf-8")
    body_start = xml.rfind("<w:sectPr")
    previous = xml.rfind("<w:sectPr", 0, body_start)
    if body_start < 0 or previous < 0:
        return document
    paragraph = max(xml.rfind("<w:p>", 0, previous), xml.rfind("<w:p ", 0, previous))
    closing = "</w:sectPr>"
    properties = xml[previous : xml.index(closing, previous) + len(closing)]
    tail = xml[xml.index(closing, body_start) + len(closing) :]
    shortened = (xml[:paragraph] + properties + tail).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in items:
            package.writestr(entry(name), shortened if name == BODY else data)
    return out.getvalue()
