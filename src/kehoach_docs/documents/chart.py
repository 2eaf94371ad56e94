"""The picture for the leadership meeting: task completion per reform area, and the on-time
rate month by month against the plan's target."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from functools import cache

from kehoach_docs.documents.report import AreaProgress
from kehoach_docs.domain.indicators import Ratio
from kehoach_docs.domain.textclean import strip_marks

WIDTH_CM, HEIGHT_CM = 16.0, 17.0  # the size of the picture in the report's annex
DPI = 150
# Times-like first, as the documents are set in Times New Roman (Liberation Serif and Tinos
# have its metrics); DejaVu Sans ships with matplotlib, so there is always a last resort.
FONTS = ("Times New Roman", "Liberation Serif", "Tinos", "DejaVu Serif", "DejaVu Sans")
VIETNAMESE = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
VIETNAMESE += VIETNAMESE.lower()


_VOWELS = set("aăâeêioôơuưy")


def sentence_case(title: str) -> str:
    """ "CẢI CÁCH THỦ TỤC HÀNH CHÍNH (TTHC)" → "Cải cách thủ tục hành chính (TTHC)": words
    without a vowel are abbreviations and keep their capitals."""
    words = []
    for index, word in enumerate(title.split()):
        plain = strip_marks(word).lower()
        if not _VOWELS & set(plain) or plain.strip("()").upper() in {"PAR", "SIPAS", "PAPI"}:
            words.append(word)
        else:
            lower = word.lower()
            words.append(lower[:1].upper() + lower[1:] if index == 0 else lower)
    return " ".join(words)


@cache
def chart_font() -> str:
    """The first font of FONTS this machine has with every Vietnamese letter."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    for family in FONTS:
        try:
            path = font_manager.findfont(font_manager.FontProperties(family=family),
                                         fallback_to_default=False)  # fmt: skip
        except ValueError:  # not on this machine
            continue
        font = FT2Font(path)
        # findfont answers with the nearest font it has; only the family asked for counts.
        if font.family_name != family:
            continue
        charmap = font.get_charmap()
        if all(ord(letter) in charmap for letter in VIETNAMESE):
            return family
    return "DejaVu Sans"


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


def report_chart(
    areas: Sequence[AreaProgress],
    months: Sequence[tuple[str, Ratio]],
    target: float | None,
    title: str,
) -> bytes | None:
    """A PNG of the panels that have data (None when neither has); the same numbers always
    give the same bytes. Matplotlib's settings are changed only inside this call
    (rc_context), never for the rest of the process."""
    panels = chart_panels(areas, months)
    if not panels:
        return None
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # DejaVu Sans last: any letter the chosen font lacks is drawn, never a blank box.
    settings = {"font.family": [chart_font(), "DejaVu Sans"], "font.size": 8,
                "svg.hashsalt": "k"}  # fmt: skip
    with matplotlib.rc_context(settings):
        # A Figure with its own Agg canvas: no pyplot state, no global backend switch.
        figure = Figure(figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54), dpi=DPI)
        FigureCanvasAgg(figure)
        if len(panels) == 2:
            top, bottom = figure.subplots(2, 1, gridspec_kw={"height_ratios": [5, 4]})
            _areas_panel(top, areas)
            _months_panel(bottom, months, target)
        elif panels == [AREAS_PANEL]:
            _areas_panel(figure.subplots(), areas)
        else:
            _months_panel(figure.subplots(), months, target)
        # Regular weight only: some machines have a bold file of the same family from an older
        # release without the Vietnamese letters.
        figure.suptitle(title, fontsize=11)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _areas_panel(axes, areas: Sequence[AreaProgress]) -> None:
    names = [textwrap.fill(f"{a.number}. {sentence_case(a.title)}", 42) for a in areas]
    done = [100 * a.done / a.tracked if a.tracked else 0 for a in areas]
    going = [100 * a.in_progress / a.tracked if a.tracked else 0 for a in areas]
    positions = list(range(len(areas)))
    axes.barh(positions, done, color="#2e7d32", label="Hoàn thành")
    axes.barh(positions, going, left=done, color="#f9a825", label="Đang thực hiện")
    axes.set_yticks(positions, names, fontsize=7)
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xlabel("% nhiệm vụ của lĩnh vực")
    axes.set_title(AREAS_PANEL, fontsize=9)
    # Above the plot, beside nothing: the legend never covers a bar or a label.
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.08), ncol=2, fontsize=7,
                frameon=False)  # fmt: skip


def _months_panel(axes, months: Sequence[tuple[str, Ratio]], target: float | None) -> None:
    labels = [label for label, _ in months]  # "01/2024", one format for every month
    values = [ratio.percent if ratio.percent is not None else 0 for _, ratio in months]
    positions = list(range(len(months)))
    bars = axes.bar(positions, values, color="#1565c0", width=0.7)
    crowded = len(months) > 6
    for bar, (_, ratio) in zip(bars, months, strict=True):
        text = "—" if ratio.percent is None else f"{ratio.percent:.1f}".replace(".", ",") + "%"
        axes.annotate(text, (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                      xytext=(0, 2), textcoords="offset points", ha="center", va="bottom",
                      fontsize=6 if crowded else 7, rotation=90 if crowded else 0)  # fmt: skip
    axes.set_xticks(positions, labels, rotation=45 if crowded else 0,
                    ha="right" if crowded else "center", fontsize=7)  # fmt: skip
    if target is not None:
        axes.axhline(target, color="#c62828", linestyle="--", linewidth=1,
                     label=f"Chỉ tiêu {target:g}%".replace(".", ","))  # fmt: skip
        axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.08), fontsize=7, frameon=False)
    axes.set_ylim(0, 125 if crowded else 115)
    axes.set_yticks([0, 20, 40, 60, 80, 100])
    axes.set_ylabel("% hồ sơ giải quyết đúng hạn")
    axes.set_title(MONTHS_PANEL, fontsize=9)
