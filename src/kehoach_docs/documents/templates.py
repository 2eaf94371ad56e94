"""The Word templates documents are made from, by file name, declared once: the packaged
ones are under kehoach_docs/templates/, and a workspace's own copy under its templates/
folder takes their place (workspace.find_template)."""

from __future__ import annotations

from kehoach_docs.domain.plan import TableKind

LETTER_TEMPLATE = "phieu-xin-loi.docx"
REPORT_TEMPLATE = "bao-cao-cchc.docx"
# Each appendix's template by the kind of table it prints.
APPENDIX_TEMPLATES = {
    TableKind.TASKS: "phu-luc-nhiem-vu.docx",
    TableKind.CONTENTS: "phu-luc-noi-dung.docx",
}
