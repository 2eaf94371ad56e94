"""The picture for the leadership meeting: task completion per reform area, and the on-time
rate month by month against the plan's target."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence

from kehoach_docs.documents.report import AreaProgress
from kehoach_docs.domain.indicators import Ratio
from kehoach_docs.domain.textclean import strip_marks

WIDTH_CM, HEIGHT_CM = 16.0, 10.0  # the size of the picture in the report's annex
DPI = 150


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


def report_chart(
    areas: Sequence[AreaProgress],
    months: Sequence[tuple[str, Ratio]],
    target: float | None,
    title: str,
) -> bytes:
    """A PNG; the same numbers always give the same bytes."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    # DejaVu Sans ships with matplotlib and has every Vietnamese letter.
    pyplot.rcParams.update({"font.family": "DejaVu Sans", "font.size": 7, "svg.hashsalt": "k"})
    figure, (left, right) = pyplot.subplots(
        1, 2, figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54), dpi=DPI,
        gridspec_kw={"width_ratios": [3, 2]},
    )  # fmt: skip
    names = [textwrap.fill(f"{a.number}. {sentence_case(a.title)}", 26) for a in areas]
    done = [100 * a.done / a.tracked if a.tracked else 0 for a in areas]
    going = [100 * a.in_progress / a.tracked if a.tracked else 0 for a in areas]
    positions = range(len(areas))
    left.barh(positions, done, color="#2e7d32", label="Hoàn thành")
    left.barh(positions, going, left=done, color="#f9a825", label="Đang thực hiện")
    left.set_yticks(list(positions), names)
    left.invert_yaxis()
    left.set_xlim(0, 100)
    left.set_xlabel("% nhiệm vụ của lĩnh vực")
    left.set_title("Tiến độ nhiệm vụ theo lĩnh vực", fontsize=8)
    left.legend(loc="lower right", fontsize=6)

    labels = [label.replace("/20", "/") for label, _ in months]  # "03/24": room under a bar
    values = [ratio.percent if ratio.percent is not None else 0 for _, ratio in months]
    bars = right.bar(labels, values, color="#1565c0")
    for bar, (_, ratio) in zip(bars, months, strict=True):
        text = "—" if ratio.percent is None else f"{ratio.percent:.1f}".replace(".", ",") + "%"
        right.annotate(text, (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                       ha="center", va="bottom", fontsize=6)  # fmt: skip
    if target is not None:
        right.axhline(target, color="#c62828", linestyle="--", linewidth=1)
        right.annotate(f"Chỉ tiêu {target:g}%".replace(".", ","), (0, target), fontsize=6,
                       color="#c62828", va="bottom")  # fmt: skip
    right.set_ylim(0, 105)
    right.set_ylabel("% hồ sơ giải quyết đúng hạn")
    right.set_title("Tỷ lệ đúng hạn theo tháng", fontsize=8)
    figure.suptitle(title, fontsize=9, fontweight="bold")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    pyplot.close(figure)
    return buffer.getvalue()
