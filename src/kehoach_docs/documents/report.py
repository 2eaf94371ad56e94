"""The periodic CCHC report (Báo cáo kết quả thực hiện công tác CCHC): what its template
receives, built from the plan, the tracker, the statistics and the indicators (no I/O)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import SimpleNamespace

from kehoach_docs.domain.indicators import (
    TABLE_COLUMNS,
    DossierStats,
    IndicatorResult,
    first_tasks_appendix,
    percent_text,
)
from kehoach_docs.domain.nd30 import roman
from kehoach_docs.domain.periods import Period
from kehoach_docs.domain.plan import PartialDate, Plan, Unit
from kehoach_docs.domain.progress import (
    DONE,
    IN_PROGRESS,
    NOT_APPLICABLE,
    NOT_STARTED,
    Entry,
    TaskLine,
    TrackerData,
    keyed,
    task_lines,
)

# The tracker's report-text columns, and the label of each period's row there.
STRENGTHS, SHORTCOMINGS, NEXT_TASKS, PROPOSALS = (
    "Ưu điểm", "Tồn tại, hạn chế và nguyên nhân", "Nhiệm vụ kỳ tới", "Kiến nghị, đề xuất",
)  # fmt: skip
INDICATOR_NAMES = {
    "tỷ lệ đúng hạn": "Tỷ lệ hồ sơ giải quyết đúng hạn",
    "tỷ lệ trực tuyến toàn trình": "Tỷ lệ hồ sơ nộp trực tuyến toàn trình",
    "tỷ lệ thanh toán trực tuyến": "Tỷ lệ hồ sơ thanh toán trực tuyến",
    "tỷ lệ xin lỗi": "Tỷ lệ hồ sơ trễ hạn có phiếu xin lỗi",
}


def text_row(period: Period) -> str:
    """The tracker's report-text row for a period."""
    if len(period.quarters) == 1:
        return f"Quý {roman(period.quarters[0])}"
    return "6 tháng" if len(period.quarters) == 2 else "Năm"


def period_entry(quarters: dict[int, Entry], period: Period) -> Entry | None:
    """The entry of the last quarter of the period that has one."""
    for quarter in reversed(period.quarters):
        if quarter in quarters:
            return quarters[quarter]
    return None


@dataclass(frozen=True)
class AreaProgress:
    """Task counts of one reform area in the period, for the report and its chart."""

    number: str
    title: str
    done: int
    in_progress: int
    not_started: int
    not_reported: int

    @property
    def tracked(self) -> int:
        return self.done + self.in_progress + self.not_started + self.not_reported


def _task(line: TaskLine) -> str:
    return " ".join(line.task.split("\n")).removeprefix("- ") or line.product.split("\n")[0]


def _item(line: TaskLine, entry: Entry | None) -> str:
    if entry and entry.result:
        return f"- {_task(line)}: {entry.result}"
    return f"- {_task(line)}."


def _carried(line: TaskLine) -> str:
    task = _task(line)
    task = task[:1].lower() + task[1:]
    # A row that names a rate ("Tỷ lệ hồ sơ ... đúng hạn") is carried over as raising it.
    verb = "Tiếp tục nâng cao" if task.startswith("tỷ lệ") else "Tiếp tục"
    return f"- {verb} {task}."


def _lines(text: str) -> list[str]:
    return [line for line in (part.strip() for part in text.split("\n")) if line]


def areas(plan: Plan, tracker: TrackerData, period: Period
          ) -> list[tuple[AreaProgress, dict[str, list[str]]]]:  # fmt: skip
    """Each section of the reform-area appendix: its counts and its task lines by status
    (and, under the key "carried", the unfinished tasks for the next period)."""
    appendix = first_tasks_appendix(plan)
    if appendix is None:
        return []
    index = plan.appendices.index(appendix) + 1
    result = []
    for section in appendix.sections:
        groups: dict[str, list[str]] = {DONE: [], IN_PROGRESS: [], NOT_STARTED: []}
        groups["carried"] = []
        unreported = 0
        for key, line in keyed(task_lines(plan)):
            if line.appendix != index or line.section != section.number or not line.task:
                continue
            entry = period_entry(tracker.entries.get(key, {}), period)
            status = entry.status if entry else ""
            if status in (DONE, IN_PROGRESS, NOT_STARTED):
                groups[status].append(_item(line, entry))
                if status != DONE:
                    groups["carried"].append(_carried(line))
            elif status != NOT_APPLICABLE:
                unreported += 1
        result.append((
            AreaProgress(section.number, section.title, len(groups[DONE]),
                         len(groups[IN_PROGRESS]), len(groups[NOT_STARTED]), unreported),
            groups,
        ))  # fmt: skip
    return result


def _area_part(progress: AreaProgress, groups: dict[str, list[str]], number: int) -> dict:
    blocks = []
    for title, status in (("a) Nhiệm vụ đã hoàn thành", DONE),
                          ("b) Nhiệm vụ đang thực hiện", IN_PROGRESS),
                          ("c) Nhiệm vụ chưa thực hiện", NOT_STARTED)):  # fmt: skip
        if groups[status]:
            blocks.append(_block(title + ":", groups[status]))
    if progress.not_reported:
        blocks.append(_block("", [
            f"Còn {progress.not_reported} nhiệm vụ chưa cập nhật kết quả trong bảng theo dõi."
        ]))  # fmt: skip
    if not blocks:
        blocks.append(_block("", ["Trong kỳ không có nhiệm vụ phát sinh."]))
    return {"so": roman(number), "ten": progress.title.upper(), "khoan": blocks}


def _block(title: str, lines: list[str]) -> dict:
    """A block of a part: its heading ("1. ..." bold, as NĐ 30 wants) and its lines."""
    return {"ten": title, "dam": title[:1].isdigit(), "dong": lines}


def _text_part(number: int, title: str, blocks: list[dict]) -> dict:
    return {"so": roman(number), "ten": title, "khoan": blocks}


def _count(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _indicator_row(index: int, result: IndicatorResult) -> dict[str, str]:
    ratio = result.ratio
    if ratio is None:
        value = "chưa có số liệu"
    elif ratio.denominator == 0:
        value = "không có hồ sơ trễ hạn" if result.met else "chưa có số liệu"
    else:
        value = f"{percent_text(ratio.percent)} ({_count(ratio.numerator)}/"
        value += f"{_count(ratio.denominator)})"
    verdict = {True: "Đạt", False: "Chưa đạt", None: "Chưa đánh giá"}[result.met]
    return {"stt": str(index), "ten": INDICATOR_NAMES[result.indicator.value],
            "ke_hoach": result.target.text, "ket_qua": value, "danh_gia": verdict}  # fmt: skip


def report_context(
    plan: Plan,
    unit: Unit,
    period: Period,
    area_list: Sequence[tuple[AreaProgress, dict[str, list[str]]]],
    tracker: TrackerData,
    stats: DossierStats | None,
    results: Sequence[IndicatorResult],
    recipients: Sequence[str],
) -> dict[str, object]:
    """`area_list` is areas(plan, tracker, period), made once for the report and its chart."""
    parts_before = [_area_part(p, g, n) for n, (p, g) in enumerate(area_list, start=1)]
    number = len(parts_before) + 1
    texts = tracker.texts.get(text_row(period), {})
    carried = [line for _, groups in area_list for line in groups["carried"]]
    next_tasks = carried + _lines(texts.get(NEXT_TASKS, ""))
    missing = ["(Chưa ghi trong bảng theo dõi, trang «Nội dung báo cáo».)"]
    after = [
        _text_part(number + 1, "ĐÁNH GIÁ CHUNG", [
            _block("1. Ưu điểm", _lines(texts.get(STRENGTHS, "")) or missing),
            _block("2. Tồn tại, hạn chế và nguyên nhân",
                   _lines(texts.get(SHORTCOMINGS, "")) or missing),
        ]),
        _text_part(number + 2, "NHIỆM VỤ TRỌNG TÂM KỲ TỚI", [
            _block("", next_tasks or ["Tiếp tục thực hiện các nhiệm vụ của Kế hoạch."])
        ]),
        _text_part(number + 3, "KIẾN NGHỊ, ĐỀ XUẤT", [
            _block("", _lines(texts.get(PROPOSALS, "")) or ["Không."])
        ]),
    ]  # fmt: skip
    end = period.end
    return {
        "co_quan_chu_quan": list(unit.upper_body_lines),
        "co_quan": list(unit.body_lines),
        "ky_hieu": unit.code,
        "nam": plan.year,
        "ten_day_du": unit.full_name,
        "so": None,
        "dia_danh": unit.place,
        "ngay": PartialDate(end.year, end.month),
        "ky": period.label,
        "trich_yeu": f"Kết quả thực hiện công tác cải cách hành chính {period.label}",
        "ky_so_lieu": f"từ ngày {period.start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}",
        "phan_dau": parts_before,
        "so_tthc": roman(number),
        "co_so_lieu": stats is not None,
        "thong_ke": SimpleNamespace(
            **{
                name: _count(getattr(stats, name)) if stats is not None else ""
                for name in TABLE_COLUMNS
            }
        ),
        "chi_tieu": [_indicator_row(i, r) for i, r in enumerate(results, start=1)],
        "phan_cuoi": after,
        "noi_nhan": list(recipients),
        "quyen_han": unit.signer.authority,
        "chuc_vu": unit.signer.title,
        "nguoi_ky": unit.signer.name,
    }
