"""The report's chart: months labelled as the period cuts them, every word horizontal and at
least 8 pt in the documents' typeface, value labels clear of the target line and of each
other, and the areas named as the report's parts."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from kehoach_docs.documents import chart as chart_module
from kehoach_docs.documents.chart import (
    AREAS_PANEL,
    MONTHS_PANEL,
    VIETNAMESE,
    chart_figure,
    chart_font,
    report_chart,
)
from kehoach_docs.documents.report import AreaProgress
from kehoach_docs.domain.dossiers import Dossier, Moment
from kehoach_docs.domain.indicators import Ratio, monthly_on_time
from kehoach_docs.domain.periods import Period, half_year, quarter, whole_year

# The reform areas of the example plan's Phụ lục I, as the report heads its parts.
AREAS = [
    AreaProgress(number, title, 1 + index % 4, index % 3, 1, index % 2)
    for index, (number, title) in enumerate(
        [
            ("I", "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC"),
            ("II", "CẢI CÁCH THỂ CHẾ"),
            ("III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH (TTHC)"),
            ("IV", "Cải cách tổ chức bộ máy"),  # as a plan may spell it: the report capitalises
            ("V", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"),
            ("VI", "CẢI CÁCH TÀI CHÍNH CÔNG"),
            ("VII", "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"),
            ("VIII", "TÁC ĐỘNG CỦA CCHC ĐẾN PHÁT TRIỂN KINH TẾ - XÃ HỘI"),
        ]
    )
]
TITLE = "Kết quả cải cách hành chính năm 2026"
# A year at 97–100% against a target of 99 or 100: every bar reaches the line or just misses it.
NEAR_TARGET = [
    Ratio(99, 100),
    Ratio(1, 1),
    Ratio(989, 1000),
    Ratio(995, 1000),
    Ratio(999, 1000),
    Ratio(991, 1000),
    Ratio(1, 1),
    Ratio(97, 100),
    Ratio(999, 1000),
    Ratio(1, 1),
    Ratio(996, 1000),
    Ratio(1, 1),
    Ratio(992, 1000),
]


def _labels(period: Period) -> list[str]:
    return [label for label, _ in monthly_on_time([], period)]


def _year_months(values: list[Ratio]) -> list[tuple[str, Ratio]]:
    return list(zip(_labels(whole_year(2026)), values, strict=True))


def _figure(months: list[tuple[str, Ratio]], target: float | None = 99.0) -> Figure:
    figure = chart_figure(AREAS, months, target, TITLE)
    assert figure is not None
    return figure


def _axes(figure: Figure, title: str) -> Axes:
    return next(axes for axes in figure.axes if axes.get_title() == title)


def _texts(figure: Figure) -> list[Text]:
    """Every piece of text the picture shows."""
    return [text for text in figure.findobj(Text) if text.get_visible() and text.get_text()]


def _overlap(first: Bbox, second: Bbox) -> bool:
    return (
        first.x0 < second.x1
        and second.x0 < first.x1
        and (first.y0 < second.y1 and second.y0 < first.y1)
    )


def test_quarter_one_labels_the_months_it_cuts_by_their_days() -> None:
    assert _labels(quarter(2026, 1)) == ["15–31/12", "01/2026", "02/2026", "01–14/3"]
    assert _labels(half_year(2026))[::6] == ["15–31/12", "01–14/6"]
    assert _labels(whole_year(2026)) == ["15–31/12"] + [f"{m:02d}/2026" for m in range(1, 12)] + [
        "01–14/12"
    ]


def test_consecutive_quarters_share_no_label() -> None:
    """Quarters II and III both hold part of June: each bar says which part."""
    second, third = _labels(quarter(2026, 2)), _labels(quarter(2026, 3))
    assert second == ["15–31/3", "04/2026", "05/2026", "01–14/6"]
    assert third == ["15–30/6", "07/2026", "08/2026", "01–14/9"]
    assert not set(second) & set(third)


def test_a_period_cut_short_ends_with_the_days_it_has() -> None:
    assert _labels(quarter(2026, 2).until(dt.date(2026, 5, 20))) == [
        "15–31/3",
        "04/2026",
        "01–20/5",
    ]
    # Cut on the last day of a month: that month is whole.
    assert _labels(quarter(2026, 2).until(dt.date(2026, 4, 30)))[-1] == "04/2026"
    assert _labels(quarter(2026, 3, calendar_periods=True).until(dt.date(2026, 8, 3))) == [
        "07/2026",
        "01–03/8",
    ]


def test_calendar_quarters_have_whole_months_only() -> None:
    assert _labels(quarter(2026, 1, calendar_periods=True)) == ["01/2026", "02/2026", "03/2026"]
    assert _labels(quarter(2026, 4, calendar_periods=True)) == ["10/2026", "11/2026", "12/2026"]
    assert _labels(whole_year(2026, calendar_periods=True)) == [
        f"{month:02d}/2026" for month in range(1, 13)
    ]


def test_a_dossier_counts_in_the_part_of_its_month_inside_the_period() -> None:
    """Resolved on 20/12/2025: quarter I of 2026's first bar; on 10/12/2025: no bar of it."""

    def resolved(code: str, day: dt.date, due: dt.date) -> Dossier:
        return Dossier(
            code,
            "A",
            received=Moment(dt.datetime(2025, 12, 1)),
            due=Moment(dt.datetime.combine(due, dt.time())),
            finished=Moment(dt.datetime.combine(day, dt.time(9))),
        )

    dossiers = [
        resolved("A", dt.date(2025, 12, 20), dt.date(2025, 12, 22)),
        resolved("B", dt.date(2025, 12, 31), dt.date(2025, 12, 30)),
        resolved("C", dt.date(2025, 12, 10), dt.date(2025, 12, 12)),
        resolved("D", dt.date(2026, 3, 14), dt.date(2026, 3, 16)),
    ]
    assert monthly_on_time(dossiers, quarter(2026, 1)) == [
        ("15–31/12", Ratio(1, 2)),
        ("01/2026", Ratio(0, 0)),
        ("02/2026", Ratio(0, 0)),
        ("01–14/3", Ratio(1, 1)),
    ]


def test_the_chart_is_set_in_the_documents_typeface() -> None:
    """Times New Roman, or Liberation Serif (its metrics) where it is missing, for every word
    of the picture, the title too."""
    wanted = {"Times New Roman", "Liberation Serif"}
    available = [
        face
        for face in font_manager.fontManager.ttflist
        if face.name in wanted
        and all(ord(c) in FT2Font(face.fname).get_charmap() for c in VIETNAMESE)
    ]
    if not available:
        pytest.skip("neither Times New Roman nor Liberation Serif with Vietnamese letters here")
    assert chart_font().name in wanted
    figure = _figure(_year_months(NEAR_TARGET))
    files = {str(font_manager.findfont(text.get_fontproperties())) for text in _texts(figure)}
    assert files == {chart_font().fname}
    assert FT2Font(chart_font().fname).family_name in wanted


def test_the_chart_font_is_the_same_whatever_order_matplotlib_lists_its_fonts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A machine may hold two releases of one family (fonts-liberation 1.07 has no
    Vietnamese letters): the one with the letters is taken, however the cache lists them."""
    chosen = chart_font.__wrapped__()
    faces = font_manager.fontManager.ttflist
    monkeypatch.setattr(font_manager.fontManager, "ttflist", faces[::-1])
    assert chart_font.__wrapped__() == chosen
    charmap = FT2Font(chosen.fname).get_charmap()
    assert all(ord(letter) in charmap for letter in VIETNAMESE)


def test_every_word_of_a_year_chart_is_horizontal_and_at_least_8_pt() -> None:
    months = _year_months([*NEAR_TARGET[:5], Ratio(0, 0), Ratio(75, 100), *NEAR_TARGET[7:]])
    figure = _figure(months)
    texts = _texts(figure)
    values = _axes(figure, MONTHS_PANEL).texts
    assert [text.get_text() for text in values] == [
        "99%",
        "100%",
        "98,9%",
        "99,5%",
        "99,9%",
        "—",
        "75%",
        "97%",
        "99,9%",
        "100%",
        "99,6%",
        "100%",
        "99,2%",
    ]
    assert set(values) <= set(texts)
    assert TITLE in [text.get_text() for text in texts]
    assert [
        (text.get_text(), text.get_rotation()) for text in texts if text.get_rotation() != 0
    ] == []
    assert [
        (text.get_text(), text.get_fontsize()) for text in texts if text.get_fontsize() < 8
    ] == []


@pytest.mark.parametrize("target", [99.0, 100.0])
def test_value_labels_clear_the_target_line_and_each_other(target: float) -> None:
    figure = _figure(_year_months(NEAR_TARGET), target)
    renderer = figure.canvas.get_renderer()
    axes = _axes(figure, MONTHS_PANEL)
    (line,) = [line for line in axes.get_lines() if line.get_linestyle() == "--"]
    assert line.get_ydata()[0] == target
    line_y = axes.transData.transform((0, target))[1]
    half_width = line.get_linewidth() * figure.dpi / 72 / 2
    boxes = [label.get_window_extent(renderer) for label in axes.texts]
    assert len(boxes) == 13
    for label, box in zip(axes.texts, boxes, strict=True):
        assert not box.y0 - half_width <= line_y <= box.y1 + half_width, label.get_text()
        assert axes.bbox.contains(box.x0, box.y0) and axes.bbox.contains(box.x1, box.y1)
    for first, second in itertools.pairwise(boxes):
        assert not _overlap(first, second)
    ticks = [tick.get_window_extent(renderer) for tick in axes.get_xticklabels()]
    assert len(ticks) == 13
    for first, second in itertools.pairwise(ticks):
        assert first.x1 < second.x0


def test_the_areas_panel_names_each_area_as_the_report_heads_its_part() -> None:
    figure = _figure(_year_months(NEAR_TARGET))
    names = [tick.get_text() for tick in _axes(figure, AREAS_PANEL).get_yticklabels()]
    assert [" ".join(name.split("\n")) for name in names] == [a.heading for a in AREAS]
    assert names[3] == "IV. CẢI CÁCH TỔ CHỨC BỘ MÁY"
    assert any("\n" in name for name in names)  # the long ones wrapped


def test_the_same_numbers_give_the_same_picture() -> None:
    """Drawn twice (not the kept copy: the report page keeps the last few by their
    numbers, which is right only because the same numbers give the same bytes)."""
    months = _year_months(NEAR_TARGET)
    png = report_chart(AREAS, months, 99.0, TITLE)
    assert png is not None and png.startswith(b"\x89PNG")
    chart_module._png.cache_clear()
    again = report_chart(AREAS, months, 99.0, TITLE)
    assert again == png and again is not png
    assert report_chart(AREAS, months, 100.0, TITLE) != png
