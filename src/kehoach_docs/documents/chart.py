"""The picture for the leadership meeting: task completion per reform area, and the on-time
rate month by month against the plan's target."""

from __future__ import annotations

import dataclasses
import io
import textwrap
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Literal

from kehoach_docs.documents.report import AreaProgress
from kehoach_docs.domain.indicators import Ratio, percent_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.container import BarContainer
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontEntry
    from matplotlib.text import Annotation
    from matplotlib.transforms import Bbox
    from matplotlib.typing import RcKeyType

WIDTH_CM, HEIGHT_CM = 16.0, 17.0  # the size of the picture in the report's annex
DPI = 150
# Times-like first, as the documents are set in Times New Roman (Liberation Serif and Tinos
# have its metrics); matplotlib ships DejaVu Serif, so there is always a last resort.
FONTS = ("Times New Roman", "Liberation Serif", "Tinos", "DejaVu Serif")
VIETNAMESE = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
VIETNAMESE += VIETNAMESE.lower() + "–—"  # and the dashes of the month and value labels
# The name under which the chosen font file is known to matplotlib while drawing (see
# _font_family); no installed font has it.
CHART_FAMILY = "kehoach-docs chart"

TEXT_PT, TITLE_PT, SUPTITLE_PT = 8, 9, 11  # nothing in the annex is smaller than 8 pt
HEADING_WIDTH = 38  # characters of an area's heading on one line of the areas' panel
VALUE_GAP_PT = 2.0  # between a value label and its bar's top, or the target line
TARGET_LINE_PT = 1.0
LEGEND_ROOM_PT = 18  # between a panel's title and its plot, where its legend goes
BAR_BLUE, TARGET_RED = "#1565c0", "#c62828"


@cache
def chart_font() -> FontEntry:
    """The regular face of the first family of FONTS with every Vietnamese letter.

    Chosen by file, not by name: a machine may have two releases of a family (Debian's
    fonts-liberation 1.07 lacks the Vietnamese letters, fonts-liberation2 has them), and
    matplotlib's findfont takes whichever its font cache happens to list first, an order
    that changes each time the cache is rebuilt."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    def weight(face: FontEntry) -> int | str:
        # As the font list has it: a number, or a name such as "normal" that weight_dict knows.
        if isinstance(face.weight, str):
            return font_manager.weight_dict.get(face.weight, face.weight)
        return face.weight

    regular = sorted(
        (
            face
            for face in font_manager.fontManager.ttflist
            if face.style == "normal" and weight(face) == 400
        ),
        key=lambda face: face.fname,
    )
    for family in FONTS:
        for face in regular:
            if face.name != family:
                continue
            charmap = FT2Font(face.fname).get_charmap()
            if all(ord(letter) in charmap for letter in VIETNAMESE):
                return face
    raise LookupError("DejaVu Serif, shipped with matplotlib, is missing")


def _font_family() -> list[str]:
    """The font.family setting that makes matplotlib draw with chart_font()'s file: it finds
    fonts by family name only, so the file is listed once more under a name of its own
    (checked on each call, as matplotlib's font list can be rebuilt). DejaVu Sans after it:
    a letter the chosen font lacks is drawn, never a blank box."""
    from matplotlib import font_manager

    faces = font_manager.fontManager.ttflist
    if not any(face.name == CHART_FAMILY for face in faces):
        faces.append(dataclasses.replace(chart_font(), name=CHART_FAMILY))
    return [CHART_FAMILY, "DejaVu Sans"]


AREAS_PANEL = "Tiến độ nhiệm vụ theo lĩnh vực"
MONTHS_PANEL = "Tỷ lệ giải quyết hồ sơ đúng hạn theo tháng"


def chart_panels(areas: Sequence[AreaProgress], months: Sequence[tuple[str, Ratio]]) -> list[str]:
    """The panels that have something to draw: a signed document holds no empty section, so
    the areas' panel is left out while the tracker has no task done or under way, and the
    months' panel while no month has a dossier due."""
    panels = []
    if any(area.done or area.in_progress for area in areas):
        panels.append(AREAS_PANEL)
    if any(ratio.percent is not None for _, ratio in months):
        panels.append(MONTHS_PANEL)
    return panels


def _settings() -> dict[RcKeyType, Any]:
    return {"font.family": _font_family(), "font.size": TEXT_PT, "svg.hashsalt": "k"}


def chart_figure(
    areas: Sequence[AreaProgress],
    months: Sequence[tuple[str, Ratio]],
    target: float | None,
    title: str,
) -> Figure | None:
    """The drawn figure of the panels that have data (None when neither has). Matplotlib's
    settings are changed only inside this call (rc_context), never for the rest of the
    process."""
    panels = chart_panels(areas, months)
    if not panels:
        return None
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_settings()):
        # A Figure with its own Agg canvas: no pyplot state, no global backend switch.
        figure = Figure(figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54), dpi=DPI, layout="constrained")
        canvas = FigureCanvasAgg(figure)
        # Each panel a subfigure of its own, so the months' bars take the whole width rather
        # than lining up under the areas' bars, right of their long headings.
        if len(panels) == 2:
            top, bottom = figure.subfigures(2, 1, squeeze=False, height_ratios=[5, 4]).flat
            area_axes, month_axes = top.subplots(), bottom.subplots()
        else:
            area_axes = month_axes = figure.subplots()
        if AREAS_PANEL in panels:
            _areas_panel(area_axes, areas)
        values = _months_panel(month_axes, months, target) if MONTHS_PANEL in panels else None
        # Regular weight everywhere: only the regular face of the chosen font is registered.
        figure.suptitle(title, fontsize=SUPTITLE_PT)
        # Laid out and drawn here, inside the settings: matplotlib makes tick labels while
        # drawing, and where a value label goes depends on the laid-out sizes, which are then
        # kept as they are for saving.
        figure.draw_without_rendering()
        figure.set_layout_engine("none")
        if values is not None and target is not None:
            _clear_of_target(canvas.get_renderer(), month_axes, *values, target)
    return figure


def report_chart(
    areas: Sequence[AreaProgress],
    months: Sequence[tuple[str, Ratio]],
    target: float | None,
    title: str,
) -> bytes | None:
    """A PNG of chart_figure (None when it has no panel); the same numbers always give the
    same bytes, so the last few are kept (the desk's report page draws it at every visit)."""
    return _png(tuple(areas), tuple(months), target, title)


@lru_cache(maxsize=8)
def _png(
    areas: tuple[AreaProgress, ...],
    months: tuple[tuple[str, Ratio], ...],
    target: float | None,
    title: str,
) -> bytes | None:
    figure = chart_figure(areas, months, target, title)
    if figure is None:
        return None
    import matplotlib

    with matplotlib.rc_context(_settings()):  # saving draws the figure once more
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _area_label(area: AreaProgress) -> str:
    """The area's part heading, word for word as the report prints it, on as many lines as
    it needs."""
    return textwrap.fill(
        area.heading, HEADING_WIDTH, break_long_words=False, break_on_hyphens=False
    )


def _areas_panel(axes: Axes, areas: Sequence[AreaProgress]) -> None:
    done = [100 * a.done / a.tracked if a.tracked else 0 for a in areas]
    going = [100 * a.in_progress / a.tracked if a.tracked else 0 for a in areas]
    positions = list(range(len(areas)))
    axes.barh(positions, done, color="#2e7d32", label="Hoàn thành")
    axes.barh(positions, going, left=done, color="#f9a825", label="Đang thực hiện")
    axes.set_yticks(positions, [_area_label(area) for area in areas])
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xlabel("% nhiệm vụ của lĩnh vực")
    axes.set_title(AREAS_PANEL, fontsize=TITLE_PT, pad=LEGEND_ROOM_PT)
    _legend(axes, columns=2)


def _months_panel(
    axes: Axes, months: Sequence[tuple[str, Ratio]], target: float | None
) -> tuple[BarContainer, list[Annotation]]:
    """The bars with their value labels above them (moved off the target line later, once
    the figure is laid out)."""
    positions = list(range(len(months)))
    values = [ratio.percent if ratio.percent is not None else 0 for _, ratio in months]
    bars = axes.bar(positions, values, color=BAR_BLUE, width=0.8)
    labels = [
        axes.annotate(
            "—" if ratio.percent is None else percent_text(ratio.percent),
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            xytext=(0, VALUE_GAP_PT),
            textcoords="offset points",
            ha="center",
            va="bottom",
        )
        for bar, (_, ratio) in zip(bars, months, strict=True)
    ]
    # Month labels as they are, horizontal: the longest ("15–31/12", "01/2026") fit 13 bars.
    axes.set_xticks(positions, [label for label, _ in months])
    axes.set_xlim(-0.5, len(months) - 0.5)
    if target is not None:
        axes.axhline(
            target,
            color=TARGET_RED,
            linestyle="--",
            linewidth=TARGET_LINE_PT,
            label=f"Chỉ tiêu {percent_text(target)}",
        )
        _legend(axes)
    axes.set_ylim(0, 118)  # room for a label above a full bar or above the target line
    # The unit on the ticks rather than a rotated axis title: every word reads horizontally.
    axes.set_yticks([0, 20, 40, 60, 80, 100], [f"{tick}%" for tick in range(0, 101, 20)])
    axes.set_title(
        MONTHS_PANEL, fontsize=TITLE_PT, pad=LEGEND_ROOM_PT if target is not None else None
    )
    return bars, labels


def _legend(axes: Axes, columns: int = 1) -> None:
    """Between the panel's title and the plot, beside nothing: the legend never covers a bar
    or a label, and sits as close under the title however tall the panel."""
    axes.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncol=columns,
        frameon=False,
        borderaxespad=0.3,
    )


def _clear_of_target(
    renderer: RendererAgg,
    axes: Axes,
    bars: BarContainer,
    labels: Sequence[Annotation],
    target: float,
) -> None:
    """Moves each value label that would cross the dashed target line: inside its bar's top
    (white on blue) when the bar is tall and wide enough for it, else just above the line.
    One of the three places is always clear: the line is either above the bar's top, and a
    label over the line clears it, or at most at its top, and a label above the bar does."""
    to_pixels = axes.figure.dpi / 72
    line_y = axes.transData.transform((0, target))[1]
    margin = (TARGET_LINE_PT / 2 + 0.5) * to_pixels
    for bar, label in zip(bars, labels, strict=True):
        x = bar.get_x() + bar.get_width() / 2
        places: tuple[tuple[tuple[float, float], float, Literal["bottom", "top"], str], ...] = (
            ((x, bar.get_height()), VALUE_GAP_PT, "bottom", "black"),  # above the bar
            ((x, bar.get_height()), -VALUE_GAP_PT, "top", "white"),  # inside its top
            ((x, target), VALUE_GAP_PT + TARGET_LINE_PT / 2, "bottom", "black"),  # over the line
        )
        for xy, offset, align, colour in places:
            label.xy, label.xyann = xy, (0, offset)
            label.set_verticalalignment(align)
            label.set_color(colour)
            box = label.get_window_extent(renderer)
            clear = not box.y0 - margin <= line_y <= box.y1 + margin
            if colour == "white":  # white on the page would vanish: the bar must hold it
                clear = clear and _holds(bar.get_window_extent(renderer), box)
            if clear:
                break


def _holds(outer: Bbox, inner: Bbox) -> bool:
    return (
        outer.x0 <= inner.x0
        and inner.x1 <= outer.x1
        and outer.y0 <= inner.y0
        and inner.y1 <= outer.y1
    )
