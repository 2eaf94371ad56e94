"""Figures the officers typed into the tracker checked against the ones the exports give: a
report that says "100% hồ sơ trễ hạn có phiếu xin lỗi" on page 1 and "0% (0/19)" on page 2
contradicts itself before the inspector (no I/O)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from kehoach_docs.domain.indicators import IndicatorResult, percent_text
from kehoach_docs.domain.periods import Period
from kehoach_docs.domain.plan import Indicator
from kehoach_docs.domain.progress import (
    TEXT_COLUMNS,
    TEXT_SHEET,
    TaskLine,
    TrackerData,
    status_column,
)

_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s*%")
# A figure after these words is a target, not a result ("chưa đạt chỉ tiêu 99%").
_TARGET_WORDS = re.compile(r"(chỉ tiêu|mục tiêu|kế hoạch|trên|tối thiểu|ít nhất|phấn đấu|"
                           r"đạt tỷ lệ|so với)\W*$")  # fmt: skip
# A sentence about an indicator, recognised by its words (the first that matches).
_SUBJECTS = (
    (Indicator.APOLOGY, ("xin lỗi",)),
    (Indicator.ONLINE_PAYMENT, ("thanh toán trực tuyến",)),
    (Indicator.ONLINE, ("toàn trình",)),
    (Indicator.ON_TIME, ("đúng hạn", "trước hạn")),
)
_NAMES = {
    Indicator.ON_TIME: "tỷ lệ hồ sơ giải quyết đúng hạn",
    Indicator.ONLINE: "tỷ lệ hồ sơ trực tuyến toàn trình",
    Indicator.ONLINE_PAYMENT: "tỷ lệ hồ sơ thanh toán trực tuyến",
    Indicator.APOLOGY: "tỷ lệ hồ sơ trễ hạn có phiếu xin lỗi",
}


@dataclass(frozen=True)
class Statement:
    """A text the officers wrote, with the cell it is in and the indicator it is about
    (None: found by its words)."""

    sheet: str
    cell: str
    text: str
    indicator: Indicator | None = None


def _subject(sentence: str) -> Indicator | None:
    lowered = sentence.lower()
    return next((indicator for indicator, words in _SUBJECTS
                 if any(word in lowered for word in words)), None)  # fmt: skip


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"[.;\n]\s", text + " ") if s.strip()]


def contradictions(statements: Iterable[Statement], results: Mapping[Indicator, IndicatorResult],
                   period: Period) -> list[str]:  # fmt: skip
    """One message per stated percentage that differs from the computed one, with the cell
    and both figures. Indicators the exports cannot measure are not checked."""
    said = []
    for statement in statements:
        for sentence in _sentences(statement.text):
            indicator = statement.indicator or _subject(sentence)
            result = results.get(indicator) if indicator else None
            if result is None or result.ratio is None or not result.ratio.denominator:
                continue
            computed = round(result.ratio.percent or 0.0, 1)
            for match in _PERCENT.finditer(sentence):
                if _TARGET_WORDS.search(sentence[: match.start()].lower()):
                    continue
                typed = float(match.group(1).replace(",", "."))
                if abs(typed - computed) < 0.05:
                    continue
                figure = (f"{percent_text(result.ratio.percent)} ({result.ratio.numerator}/"
                          f"{result.ratio.denominator})")  # fmt: skip
                said.append(
                    f"Trang «{statement.sheet}», ô {statement.cell}: ghi «{match.group(0)}» "
                    f"({_NAMES[result.indicator]}) nhưng số liệu {period.label} tính từ tệp "
                    f"hồ sơ là {figure}; báo cáo in cả câu này lẫn số liệu, hãy sửa câu chữ "
                    "cho khớp"
                )
    return said


def tracker_statements(lines: Sequence[tuple[tuple, TaskLine]], tracker: TrackerData,
                       period: Period, text_row: str) -> list[Statement]:  # fmt: skip
    """What the report prints from the tracker for the period, cell by cell: a quarter's
    results and notes (a longer period prints them under their own quarter's name, so only
    its own «Nội dung báo cáo» row speaks for the whole period), and the period's texts."""
    from openpyxl.utils import get_column_letter

    found = []
    if len(period.quarters) == 1:
        quarter = period.quarters[0]
        for key, line in lines:
            entry = tracker.entries.get(key, {}).get(quarter)
            sheet, row = tracker.places.get(key, ("", 0))
            if entry is None or not row:
                continue
            indicator = line.target.indicator if line.target else None
            for offset, text in ((1, entry.result), (2, entry.note)):
                if text:
                    cell = f"{get_column_letter(status_column(quarter) + offset)}{row}"
                    found.append(Statement(sheet, cell, text, indicator))
    text_at = tracker.text_rows.get(text_row)
    for column, text in tracker.texts.get(text_row, {}).items():
        if text and text_at:
            cell = f"{get_column_letter(TEXT_COLUMNS.index(column) + 1)}{text_at}"
            found.append(Statement(TEXT_SHEET, cell, text))
    return found
