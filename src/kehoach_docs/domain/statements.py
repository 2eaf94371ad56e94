"""Figures the officers typed into the tracker checked against the ones the exports give: a
report that says "100% hồ sơ trễ hạn có phiếu xin lỗi" on page 1 and "0% (0/19)" on page 2
contradicts itself before the inspector (no I/O)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from kehoach_docs.domain.indicators import INDICATOR_NAMES, IndicatorResult, percent_text
from kehoach_docs.domain.periods import Period
from kehoach_docs.domain.plan import Indicator
from kehoach_docs.domain.progress import (
    TEXT_COLUMNS,
    TEXT_SHEET,
    TaskLine,
    TrackerData,
    cell_address,
    status_column,
)

_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s*%")
# A figure after these words is not the indicator's result: a target ("chưa đạt chỉ tiêu
# 99%"), a change ("tăng 5%"), or the complement ("trễ hạn 4%").
_OTHER_FIGURE = re.compile(
    r"(chỉ tiêu|mục tiêu|kế hoạch|trên|tối thiểu|ít nhất|phấn đấu|"
    r"đạt tỷ lệ|so với|tăng|giảm|trễ hạn|quá hạn|chưa có phiếu)"
    r"\W*(khoảng\W*)?$"
)
# A sentence about an indicator, recognised by its words (the first that matches).
_SUBJECTS = (
    (Indicator.APOLOGY, ("xin lỗi",)),
    (Indicator.ONLINE_PAYMENT, ("thanh toán trực tuyến",)),
    (Indicator.ONLINE, ("toàn trình",)),
    (Indicator.ON_TIME, ("đúng hạn", "trước hạn")),
)


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
    return next(
        (indicator for indicator, words in _SUBJECTS if any(word in lowered for word in words)),
        None,
    )


def _sentences(text: str) -> list[str]:
    # A line of a cell (Alt+Enter) is a sentence of its own too.
    return [s.strip() for s in re.split(r"[.;]\s|\n", text + " ") if s.strip()]


def contradictions(
    statements: Iterable[Statement], results: Mapping[Indicator, IndicatorResult], period: Period
) -> list[str]:
    """One message per stated percentage that differs from the computed one, with the cell
    and both figures. Indicators the exports cannot measure are not checked."""
    said = []
    for statement in statements:
        for sentence in _sentences(statement.text):
            indicator = _subject(sentence) or statement.indicator
            result = results.get(indicator) if indicator else None
            if result is None or result.ratio is None or not result.ratio.denominator:
                continue
            computed = round(result.ratio.percent or 0.0, 1)
            for match in _PERCENT.finditer(sentence):
                if _OTHER_FIGURE.search(sentence[: match.start()].lower()):
                    continue
                typed = float(match.group(1).replace(",", "."))
                if abs(typed - computed) < 0.05:
                    continue
                figure = (
                    f"{percent_text(result.ratio.percent)} ({result.ratio.numerator}/"
                    f"{result.ratio.denominator})"
                )
                said.append(
                    f"Trang «{statement.sheet}», ô {statement.cell}: ghi «{match.group(0)}» "
                    f"({INDICATOR_NAMES[result.indicator].lower()}) nhưng số liệu "
                    f"{period.label} tính từ tệp hồ sơ là {figure}; báo cáo in cả câu này lẫn "
                    "số liệu, hãy sửa câu chữ cho khớp"
                )
    return said


def tracker_statements(
    lines: Sequence[tuple[tuple, TaskLine]], tracker: TrackerData, period: Period, text_row: str
) -> list[Statement]:
    """What the report prints from the tracker as the period's own words, cell by cell: a
    quarter's results and notes, and the period's «Nội dung báo cáo» row. (A longer period
    prints each quarter's figures under that quarter's name beside the computed one, so
    only its own row speaks for the whole period.)"""
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
                    cell = cell_address(status_column(quarter) + offset, row)
                    found.append(Statement(sheet, cell, text, indicator))
    text_at = tracker.text_rows.get(text_row)
    for column, text in tracker.texts.get(text_row, {}).items():
        if text and text_at:
            cell = cell_address(TEXT_COLUMNS.index(column) + 1, text_at)
            found.append(Statement(TEXT_SHEET, cell, text))
    return found
