"""Dossiers of several one-stop exports taken together: one dossier per code (no I/O)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields

from kehoach_docs.domain.dossiers import Dossier
from kehoach_docs.domain.problems import Problems

# What the officer would compare between two rows of the same dossier.
FIELD_NAMES = {
    "applicant": "chủ hồ sơ",
    "procedure": "tên thủ tục",
    "field": "lĩnh vực",
    "channel": "hình thức nộp",
    "address": "địa chỉ",
    "phone": "điện thoại",
    "received": "ngày tiếp nhận",
    "due": "ngày hẹn trả",
    "finished": "ngày có kết quả",
    "returned": "ngày trả kết quả",
    "status": "trạng thái",
    "paid_online": "thanh toán trực tuyến",
    "reason": "lý do trễ hạn",
    "new_date": "ngày hẹn trả mới",
}
_COMPARED = tuple(f.name for f in fields(Dossier) if f.name in FIELD_NAMES)


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
                FIELD_NAMES[name]
                for name in _COMPARED
                if getattr(dossier, name) != getattr(other, name)
            ]
            if differing and (other_source, other.sheet) != (source, dossier.sheet):
                problems.error(
                    source, dossier.row, "mã hồ sơ",
                    f"hồ sơ «{dossier.code}» cũng có trong {_place(other_source, other)} "
                    f"nhưng khác ở: {', '.join(differing)}; hãy giữ một bản (xóa tệp cũ hơn "
                    "hoặc dòng cũ)",
                    sheet=dossier.sheet,
                )  # fmt: skip
    return merged


def _place(source: str, dossier: Dossier) -> str:
    sheet = f", trang «{dossier.sheet}»" if dossier.sheet else ""
    return f"{source}{sheet}, dòng {dossier.row}"


