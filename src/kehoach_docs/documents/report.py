"""The periodic CCHC report (Báo cáo kết quả thực hiện công tác CCHC): what its template
receives, built from the plan, the tracker, the statistics and the indicators (no I/O).

What is signed must read as a finished document: nothing here prints a note to the user.
What the tracker lacks is returned as gaps (with the sheet and cell to fill) for the screen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
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
from kehoach_docs.domain.plan import Indicator, PartialDate, Plan, Unit
from kehoach_docs.domain.progress import (
    DONE,
    IN_PROGRESS,
    NOT_APPLICABLE,
    NOT_STARTED,
    TEXT_COLUMNS,
    Entry,
    TaskLine,
    TrackerData,
    keyed,
    sheet_name,
    status_column,
    task_lines,
)

# The tracker's report-text columns, and the label of each period's row there.
STRENGTHS, SHORTCOMINGS, NEXT_TASKS, PROPOSALS = TEXT_COLUMNS[1:]
INDICATOR_NAMES = {
    "tỷ lệ đúng hạn": "Tỷ lệ hồ sơ giải quyết đúng hạn",
    "tỷ lệ trực tuyến toàn trình": "Tỷ lệ hồ sơ trực tuyến toàn trình",
    "tỷ lệ thanh toán trực tuyến": "Tỷ lệ hồ sơ thanh toán trực tuyến",
    "tỷ lệ xin lỗi": "Tỷ lệ hồ sơ trễ hạn có phiếu xin lỗi",
}
FILED_ONLINE = "Tỷ lệ hồ sơ nộp trực tuyến"  # what is measured without a "toàn trình" field
# The groups of an area's tasks, in the order the report gives them.
GROUPS = (
    (DONE, "Nhiệm vụ đã hoàn thành"),
    (IN_PROGRESS, "Nhiệm vụ đang thực hiện"),
    (NOT_STARTED, "Nhiệm vụ chưa thực hiện"),
    (NOT_APPLICABLE, "Nhiệm vụ không phát sinh trong kỳ"),
)
CITIZENS_PART = "NÂNG CAO CHẤT LƯỢNG PHỤC VỤ NGƯỜI DÂN VÀ HIỆU QUẢ QUẢN TRỊ, HÀNH CHÍNH CÔNG"
INDEX_TITLES = {
    "SIPAS": "Nâng cao mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan "
             "hành chính (Chỉ số SIPAS)",
    "PAPI": "Cải thiện hiệu quả quản trị và hành chính công cấp xã (Chỉ số PAPI)",
}  # fmt: skip


def text_row(period: Period) -> str:
    """The tracker's report-text row for a period."""
    if len(period.quarters) == 1:
        return f"Quý {roman(period.quarters[0])}"
    return "6 tháng" if len(period.quarters) == 2 else "Năm"


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
    def heading(self) -> str:
        """The area's part heading, as the report prints it and the chart labels it."""
        return f"{self.number}. {self.title.upper()}"

    @property
    def tracked(self) -> int:
        return self.done + self.in_progress + self.not_started + self.not_reported


@dataclass
class Gaps:
    """What the tracker lacks for the period, with the sheet and cells to fill."""

    statuses: dict[str, list[str]] = field(default_factory=dict)  # sheet → cells
    # sheet → the tasks of the plan that have no row in it (deleted, or added to the plan
    # after the tracker was made)
    no_row: dict[str, list[str]] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)  # one message per missing text

    def messages(self, period: Period) -> list[str]:
        label = text_row(period) if len(period.quarters) == 1 else period.label
        said = [
            f"Trang «{sheet}»: {len(cells)} nhiệm vụ chưa có trạng thái {label} (ô "
            f"{', '.join(cells)}); báo cáo không nhắc tới các nhiệm vụ này"
            for sheet, cells in self.statuses.items()
        ]
        said += [
            f"Trang «{sheet}»: {len(tasks)} nhiệm vụ của kế hoạch không có dòng trong trang "
            f"này ({', '.join(f'«{task}»' for task in tasks)}); báo cáo không nhắc tới các "
            "nhiệm vụ này (làm lại bảng bằng kehoach tracker: các ô đã ghi được giữ nguyên)"
            for sheet, tasks in self.no_row.items()
        ]
        return said + self.texts


def _task(line: TaskLine) -> str:
    return " ".join(line.task.split("\n")).removeprefix("- ").strip() or (
        line.product.split("\n")[0].removeprefix("- ").strip())


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", ":", ";")) else text + "."


def _entry_text(entry: Entry) -> str:
    parts = [" ".join(_lines(part)) for part in (entry.result, entry.note) if part.strip()]
    return "; ".join(part.rstrip(".;") for part in parts)


def _item(line: TaskLine, entries: dict[int, Entry], period: Period) -> str:
    """"- Task: result; note." — in a longer period each quarter's results in order."""
    written = [(q, _entry_text(entries[q])) for q in period.quarters
               if q in entries and _entry_text(entries[q])]  # fmt: skip
    task = _task(line).rstrip(".;:")
    if not written:
        return f"- {_sentence(task)}"
    # The same result written again in a later quarter is said once, under its quarters.
    by_text: dict[str, list[int]] = {}
    for quarter, text in written:
        by_text.setdefault(text, []).append(quarter)
    if len(by_text) == 1:
        return f"- {task}: {_sentence(written[0][1])}"
    said = "; ".join(f"quý {', '.join(roman(q) for q in quarters)}: {text}"
                     for text, quarters in by_text.items())  # fmt: skip
    return f"- {task}: {_sentence(said)}"


def _latest_status(entries: dict[int, Entry], period: Period) -> str:
    """The status of the last quarter of the period that has one; a result written without
    a status counts as work in progress."""
    for quarter in reversed(period.quarters):
        entry = entries.get(quarter)
        if entry and entry.status:
            return entry.status
    if any(entries.get(q) for q in period.quarters):
        return IN_PROGRESS
    return ""


def _carried(line: TaskLine, status: str) -> str:
    task = _task(line).rstrip(".;:")
    if status == NOT_STARTED:
        return f"- {_sentence(task)}"
    task = task[:1].lower() + task[1:]
    # A row that names a rate ("Tỷ lệ hồ sơ ... đúng hạn") is carried over as raising it.
    verb = "Tiếp tục nâng cao" if task.startswith("tỷ lệ") else "Tiếp tục"
    return f"- {verb} {_sentence(task)}"


def _lines(text: str) -> list[str]:
    return [line for line in (part.strip() for part in text.split("\n")) if line]


@dataclass
class _Grouped:
    groups: dict[str, list[str]]
    carried: list[str]
    unreported: int


def _group(lines: Sequence[tuple[tuple, TaskLine]], tracker: TrackerData, period: Period,
           gaps: Gaps) -> _Grouped:  # fmt: skip
    groups: dict[str, list[str]] = {status: [] for status, _ in GROUPS}
    carried: list[str] = []
    unreported = 0
    for key, line in lines:
        entries = tracker.entries.get(key, {})
        status = _latest_status(entries, period)
        if status:
            groups[status].append(_item(line, entries, period))
            if status in (IN_PROGRESS, NOT_STARTED):
                carried.append(_carried(line, status))
        else:
            unreported += 1
            sheet, row = tracker.places.get(key, (sheet_name(line.appendix), 0))
            if row:
                gaps.statuses.setdefault(sheet, []).append(_status_cell(row, period))
            else:
                gaps.no_row.setdefault(sheet, []).append(_task(line)[:50])
    return _Grouped(groups, carried, unreported)


def _status_cell(row: int, period: Period) -> str:
    """The cell of a task's status for the period's last quarter."""
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(status_column(period.quarters[-1]))}{row}"


def _status_blocks(grouped: _Grouped) -> list[dict]:
    """"a) Nhiệm vụ đã hoàn thành:" and its lines, lettered without gaps; a lone group
    carries no letter."""
    present = [(title, grouped.groups[status]) for status, title in GROUPS
               if grouped.groups[status]]  # fmt: skip
    if len(present) == 1:
        return [_block(f"{present[0][0]}:", present[0][1])]
    return [_block(f"{chr(ord('a') + n)}) {title}:", lines)
            for n, (title, lines) in enumerate(present)]  # fmt: skip


def areas(plan: Plan, tracker: TrackerData, period: Period
          ) -> list[tuple[AreaProgress, dict[str, list[str]]]]:  # fmt: skip
    """Each section of the reform-area appendix: its counts and its task lines by status
    (and, under the key "carried", the unfinished tasks for the next period)."""
    return [(progress, {**grouped.groups, "carried": grouped.carried})
            for progress, grouped in _areas(plan, tracker, period, Gaps())]  # fmt: skip


def _areas(plan: Plan, tracker: TrackerData, period: Period, gaps: Gaps
           ) -> list[tuple[AreaProgress, _Grouped]]:  # fmt: skip
    appendix = first_tasks_appendix(plan)
    if appendix is None:
        return []
    index = plan.appendices.index(appendix) + 1
    lines = keyed(task_lines(plan))
    result = []
    for section in appendix.sections:
        mine = [(k, line) for k, line in lines
                if line.appendix == index and line.section == section.number and line.task]
        grouped = _group(mine, tracker, period, gaps)
        result.append((
            AreaProgress(section.number, section.title, len(grouped.groups[DONE]),
                         len(grouped.groups[IN_PROGRESS]), len(grouped.groups[NOT_STARTED]),
                         grouped.unreported),
            grouped,
        ))  # fmt: skip
    return result


def _block(title: str, lines: list[str], bold: bool = False) -> dict:
    """A block of a part: its heading ("1. ..." bold, "a) ..." upright, as NĐ 30 wants) and
    its lines."""
    return {"ten": title, "dam": bold, "dong": lines}


def _part(number: int, title: str, blocks: list[dict]) -> dict:
    return {"so": roman(number), "ten": title, "khoan": blocks}


def _index_title(title: str) -> str:
    for name, text in INDEX_TITLES.items():
        if name in title.upper():
            return text
    return title[:1].upper() + title[1:].lower()


def _citizens_blocks(plan: Plan, tracker: TrackerData, period: Period, gaps: Gaps
                     ) -> tuple[list[dict], list[str]]:  # fmt: skip
    """The SIPAS and PAPI appendices' tasks: one numbered block per appendix."""
    first = first_tasks_appendix(plan)
    lines = keyed(task_lines(plan))
    blocks: list[dict] = []
    carried: list[str] = []
    for index, appendix in enumerate(plan.appendices, start=1):
        if appendix is first:
            continue
        mine = [(k, line) for k, line in lines if line.appendix == index and _task(line)]
        grouped = _group(mine, tracker, period, gaps)
        inner = _status_blocks(grouped)
        if not inner:
            continue
        number = sum(1 for b in blocks if b["dam"]) + 1
        blocks.append(_block(f"{number}. {_index_title(appendix.title)}", [], bold=True))
        blocks += inner
        carried += grouped.carried
    return blocks, carried


def tracker_gaps(plan: Plan, tracker: TrackerData, period: Period) -> Gaps:
    """Every task row of every tracker sheet without a status for the period."""
    gaps = Gaps()
    _areas(plan, tracker, period, gaps)
    _citizens_blocks(plan, tracker, period, gaps)
    return gaps


def _count(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _indicator_row(index: int, result: IndicatorResult, fully_online_known: bool
                   ) -> dict[str, str]:  # fmt: skip
    ratio = result.ratio
    if ratio is None:
        value = "chưa có số liệu"
    elif ratio.denominator == 0:
        value = "không có hồ sơ trễ hạn" if result.met else "chưa có số liệu"
    else:
        value = f"{percent_text(ratio.percent)} ({_count(ratio.numerator)}/"
        value += f"{_count(ratio.denominator)})"
        if result.timely is not None and ratio.numerator:
            value += f", trong đó {_count(result.timely)} phiếu gửi kịp thời (không muộn hơn "
            value += "ngày hẹn trả)"
    verdict = {True: "Đạt", False: "Chưa đạt", None: "Chưa đánh giá"}[result.met]
    name = INDICATOR_NAMES[result.indicator.value]
    target = result.target.text
    if result.indicator is Indicator.ONLINE and not fully_online_known:
        # Filed online is not fully online: named for what it measures, not judged against
        # the "toàn trình" target.
        name, target, verdict = FILED_ONLINE, "-", "-"
    return {"stt": str(index), "ten": name, "ke_hoach": target, "ket_qua": value,
            "danh_gia": verdict}  # fmt: skip


def _period_texts(tracker: TrackerData, period: Period, column: str, gaps: Gaps,
                  own_only: bool = False) -> list[str]:  # fmt: skip
    """The period's text of one column of «Nội dung báo cáo»; for a half-year or a year
    without its own, the texts of its quarters in order."""
    own = _lines(tracker.texts.get(text_row(period), {}).get(column, ""))
    if own or own_only or len(period.quarters) == 1:
        if not own:
            gaps.texts.append(_missing_text(tracker, text_row(period), column))
        return own
    result: list[str] = []
    for quarter in period.quarters:
        for line in _lines(tracker.texts.get(f"Quý {roman(quarter)}", {}).get(column, "")):
            if line not in result:
                result.append(line)
    if not result:
        gaps.texts.append(_missing_text(tracker, text_row(period), column))
    return result


def _missing_text(tracker: TrackerData, label: str, column: str) -> str:
    from openpyxl.utils import get_column_letter

    row = tracker.text_rows.get(label)
    letter = get_column_letter(TEXT_COLUMNS.index(column) + 1)
    where = f"ô {letter}{row}" if row else f"dòng «{label}»"
    return f"Trang «Nội dung báo cáo», {where}: chưa ghi «{column}» cho kỳ «{label}»"


def _dash(line: str) -> str:
    line = line.strip()
    return line if line.startswith(("- ", "+ ")) else f"- {_sentence(line)}"


def report_context(
    plan: Plan,
    unit: Unit,
    period: Period,
    area_list: Sequence[tuple[AreaProgress, dict[str, list[str]]]] | None,
    tracker: TrackerData,
    stats: DossierStats | None,
    results: Sequence[IndicatorResult],
    recipients: Sequence[str],
    fully_online_known: bool = False,
    gaps: Gaps | None = None,
) -> dict[str, object]:
    """The report's context; `gaps` collects what the tracker lacks, for the screen.
    (`area_list` is accepted for callers that made it for the chart; the parts are rebuilt
    here with their gaps.)"""
    gaps = gaps if gaps is not None else Gaps()
    parts: list[dict] = []
    carried: list[str] = []
    for progress, grouped in _areas(plan, tracker, period, gaps):
        blocks = _status_blocks(grouped)
        carried += grouped.carried
        if blocks:
            parts.append(_part(len(parts) + 1, progress.title.upper(), blocks))
    citizens, more = _citizens_blocks(plan, tracker, period, gaps)
    carried += more
    if citizens:
        parts.append(_part(len(parts) + 1, CITIZENS_PART, citizens))
    number = len(parts) + (2 if stats is not None else 1)  # the first part after the tables

    after: list[dict] = []
    assessment = [
        (title, lines)
        for title, lines in (
            ("Ưu điểm", _period_texts(tracker, period, STRENGTHS, gaps)),
            ("Tồn tại, hạn chế và nguyên nhân",
             _period_texts(tracker, period, SHORTCOMINGS, gaps)),
        )
        if lines
    ]  # fmt: skip
    if assessment:
        after.append(_part(number + len(after), "ĐÁNH GIÁ CHUNG", [
            _block(f"{n}. {title}", [_dash(line) for line in lines], bold=True)
            for n, (title, lines) in enumerate(assessment, start=1)
        ]))  # fmt: skip
    own_next = _period_texts(tracker, period, NEXT_TASKS, gaps, own_only=True)
    if len(period.quarters) == 4:
        # The year's plan ends with the year: the next one starts from a new plan.
        next_tasks = [f"- Xây dựng, ban hành và tổ chức thực hiện Kế hoạch cải cách hành "
                      f"chính năm {period.year + 1}."]  # fmt: skip
    else:
        next_tasks = carried or [f"- Tiếp tục thực hiện các nhiệm vụ còn lại của Kế hoạch cải "
                                 f"cách hành chính năm {plan.year}."]  # fmt: skip
    next_tasks += [_dash(line) for line in own_next if _dash(line) not in next_tasks]
    after.append(_part(number + len(after),
                       f"NHIỆM VỤ TRỌNG TÂM {period.next_label.upper()}",
                       [_block("", next_tasks)]))  # fmt: skip
    proposals = _period_texts(tracker, period, PROPOSALS, gaps)
    if proposals:
        after.append(_part(number + len(after), "KIẾN NGHỊ, ĐỀ XUẤT",
                           [_block("", [_dash(line) for line in proposals])]))  # fmt: skip

    end = period.end
    data_range = f"kỳ số liệu từ ngày {period.start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
    if period.cut_short:
        data_range = f"số liệu đến ngày {end:%d/%m/%Y}"
    return {
        "co_quan_chu_quan": list(unit.upper_body_lines),
        "co_quan": list(unit.body_lines),
        "ky_hieu": unit.code,
        "nam": plan.year,
        "ke_hoach": {"so": plan.number, "ngay": plan.date},
        "ten_day_du": unit.full_name,
        "so": None,
        "dia_danh": unit.place,
        "ngay": PartialDate(end.year, end.month),
        "ky": period.label,
        "trich_yeu": f"Kết quả thực hiện công tác cải cách hành chính {period.label}",
        "ky_so_lieu": data_range,
        "phan_dau": parts,
        "so_tthc": roman(len(parts) + 1),
        "co_so_lieu": stats is not None,
        "thong_ke": SimpleNamespace(
            **{
                name: _count(getattr(stats, name)) if stats is not None else ""
                for name in TABLE_COLUMNS
            }
        ),
        "chi_tieu": [
            _indicator_row(i, r, fully_online_known) for i, r in enumerate(results, start=1)
        ],
        "phan_cuoi": after,
        "noi_nhan": list(recipients),
        "quyen_han": unit.signer.authority,
        "chuc_vu": unit.signer.title,
        "nguoi_ky": unit.signer.name,
    }
