"""The periodic CCHC report (Báo cáo kết quả thực hiện công tác CCHC): what its template
receives, built from the plan, the tracker, the statistics and the indicators (no I/O).

The outline is fixed (domain.md §4): part I and one part per section of the reform-area
appendix, numbered as the plan numbers them, then the SIPAS/PAPI part, the statistics, the
assessment, the next period's tasks and the proposals. A part is never dropped: what the
tracker lacks for one is returned as `Missing` (sheet, part, cells), which refuses the report
unless a draft is asked for; only a draft shows it, marked, in the document."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import SimpleNamespace

from kehoach_docs.domain.indicators import (
    BUILT_IN_TARGETS,
    INDICATOR_NAMES,
    TABLE_COLUMNS,
    DossierStats,
    IndicatorResult,
    Measurement,
    first_tasks_appendix,
    judge,
    percent_text,
)
from kehoach_docs.domain.nd30 import count_text, roman
from kehoach_docs.domain.periods import Period
from kehoach_docs.domain.plan import Indicator, PartialDate, Plan, Section, Unit
from kehoach_docs.domain.progress import (
    DONE,
    IN_PROGRESS,
    NOT_APPLICABLE,
    NOT_STARTED,
    TEXT_COLUMNS,
    TEXT_SHEET,
    Entry,
    TaskLine,
    TrackerData,
    cell_address,
    keyed,
    sheet_name,
    status_column,
    task_lines,
)
from kehoach_docs.domain.textclean import strip_marks

# The tracker's report-text columns, and the label of each period's row there.
STRENGTHS, SHORTCOMINGS, NEXT_TASKS, PROPOSALS = TEXT_COLUMNS[1:]
BUILT_IN_SOURCE = "Chỉ tiêu chung của Bộ chỉ số 766; kế hoạch không đặt chỉ tiêu này"
# The groups of an area's tasks, in the order the report gives them.
GROUPS = (
    (DONE, "Nhiệm vụ đã hoàn thành"),
    (IN_PROGRESS, "Nhiệm vụ đang thực hiện"),
    (NOT_STARTED, "Nhiệm vụ chưa thực hiện"),
    (NOT_APPLICABLE, "Nhiệm vụ không phát sinh trong kỳ"),
)
CITIZENS_PART = "NÂNG CAO CHẤT LƯỢNG PHỤC VỤ NGƯỜI DÂN VÀ HIỆU QUẢ QUẢN TRỊ, HÀNH CHÍNH CÔNG"
ASSESSMENT_PART = "ĐÁNH GIÁ CHUNG"
PROPOSALS_PART = "KIẾN NGHỊ, ĐỀ XUẤT"
NO_PROPOSAL = "- Không có kiến nghị, đề xuất."
NO_TASK = "- Kế hoạch không đặt nhiệm vụ cho phần này."
INDEX_TITLES = {
    "SIPAS": "Nâng cao mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan "
    "hành chính (Chỉ số SIPAS)",
    "PAPI": "Cải thiện hiệu quả quản trị và hành chính công cấp xã (Chỉ số PAPI)",
}
_VOWELS = set("aăâeêioôơuưy")


def text_row(period: Period) -> str:
    """The tracker's report-text row for a period."""
    if len(period.quarters) == 1:
        return f"Quý {roman(period.quarters[0])}"
    return "6 tháng" if len(period.quarters) == 2 else "Năm"


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


@dataclass(frozen=True)
class Missing:
    """Something the period's report needs and the officers have not written yet."""

    part: str  # "mục V «Cải cách chế độ công vụ»"
    what: str  # "chưa có trạng thái quý I"
    sheet: str = ""  # the tracker's sheet to write it in ("" when not in the tracker)
    cells: str = ""  # "G40:G47"
    tracker: bool = False  # to be written in the tracker (which does not exist yet)
    exports: bool = False  # a one-stop export is what is missing

    def __str__(self) -> str:
        head = (
            f"Trang «{self.sheet}», {self.part}"
            if self.sheet
            else (self.part[:1].upper() + self.part[1:])
        )
        return f"{head}: {self.what}" + (f" ở ô {self.cells}" if self.cells else "")

    @property
    def mark(self) -> str:
        """How a draft shows it, where the text will go."""
        where = f"trang «{self.sheet}»" + (f", ô {self.cells}" if self.cells else "")
        return (
            f"[CẦN BỔ SUNG: {self.what} ({where})]"
            if self.sheet
            else (f"[CẦN BỔ SUNG: {self.what}]")
        )


@dataclass
class Gaps:
    """Tasks of the plan without a status for the period (named by cell), for the screen."""

    statuses: dict[str, list[str]] = field(default_factory=dict)  # sheet → cells
    # sheet → the tasks of the plan that have no row in it (deleted, or added to the plan
    # after the tracker was made)
    no_row: dict[str, list[str]] = field(default_factory=dict)

    def messages(self, period: Period) -> list[str]:
        label = _quarter_label(period)
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
        return said


def _quarter_label(period: Period) -> str:
    """The quarter whose statuses the period's report reads: "quý II"."""
    return f"quý {roman(period.quarters[-1])}"


def _task(line: TaskLine) -> str:
    """A task's words on one line: a cell of several bullets reads "a; b"."""
    bullets = [
        part.strip().removeprefix("- ").strip().rstrip(";.")
        for part in line.task.split("\n")
        if part.strip()
    ]
    text = ""
    for bullet in bullets:
        if text:
            # Later bullets continue the sentence: "Việc ..." → "việc ...", "UBND ..." kept;
            # after a lead line ending in a colon, the first comes without "; ".
            if not bullet[1:2].isupper():
                bullet = bullet[:1].lower() + bullet[1:]
            text += (" " if text.endswith(":") else "; ") + bullet
        else:
            text = bullet
    return text or line.product.split("\n")[0].removeprefix("- ").strip()


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", ":", ";")) else text + "."


def _entry_text(entry: Entry) -> str:
    parts = [" ".join(_lines(part)) for part in (entry.result, entry.note) if part.strip()]
    return "; ".join(part.rstrip(".;") for part in parts)


def _lines(text: str) -> list[str]:
    return [line for line in (part.strip() for part in text.split("\n")) if line]


def _latest(entries: dict[int, Entry], period: Period) -> tuple[str, int]:
    """The status of the last quarter of the period that has one, and that quarter; a
    result written without a status counts as work in progress."""
    for quarter in reversed(period.quarters):
        entry = entries.get(quarter)
        if entry and entry.status:
            return entry.status, quarter
    for quarter in reversed(period.quarters):
        if entries.get(quarter):
            return IN_PROGRESS, quarter
    return "", 0


def result_value(result: IndicatorResult) -> str:
    """An indicator's value as the report prints it: "66,7% (2/3)", or why it has none."""
    ratio = result.ratio
    if ratio is not None and ratio.denominator == 0 and result.indicator is Indicator.APOLOGY:
        return "không có hồ sơ trễ hạn"
    if ratio is None or ratio.denominator == 0:
        said = result.reason
        if result.stand_in is not None and result.stand_in.denominator:
            said += f"; hồ sơ nộp trực tuyến: {_ratio_text(result.stand_in)}"
        return said
    value = _ratio_text(ratio)
    if result.timely is not None and ratio.numerator:
        timely = count_text(result.timely)
        value += f", trong đó {timely} phiếu gửi kịp thời (không muộn hơn ngày hẹn trả)"
    return value


def _ratio_text(ratio) -> str:
    counted = f"{count_text(ratio.numerator)}/{count_text(ratio.denominator)}"
    return f"{percent_text(ratio.percent)} ({counted})"


VERDICTS = {True: "Đạt", False: "Chưa đạt", None: "Chưa đánh giá"}


def _computed(result: IndicatorResult) -> str:
    """What the report adds after a linked task's text: the figure the exports give."""
    if result.met is None:
        return f"kết quả trong kỳ: chưa đánh giá, {result_value(result)}"
    return (
        f"kết quả trong kỳ: {result_value(result)}, chỉ tiêu {result.target.text}: "
        f"{VERDICTS[result.met].lower()}"
    )


def _item(
    line: TaskLine,
    entries: dict[int, Entry],
    period: Period,
    status_quarter: int,
    result: IndicatorResult | None,
) -> str:
    """ "- Task: result; note." — in a longer period each quarter's results in order, and the
    quarter of the status when it is not the period's last; a linked indicator's figure
    after the officer's words."""
    quarters = list(period.quarters)
    if (
        len(quarters) > 1
        and entries.get(status_quarter)
        and (entries[status_quarter].status not in (NOT_STARTED, NOT_APPLICABLE))
    ):
        # Work began in the period: the notes of the quarters it had not yet begun ("theo kế
        # hoạch trong quý III") are no longer true of the period.
        quarters = [
            q
            for q in quarters
            if q not in entries or entries[q].status not in (NOT_STARTED, NOT_APPLICABLE)
        ]
    written = [
        (q, _entry_text(entries[q])) for q in quarters if q in entries and _entry_text(entries[q])
    ]
    task = _task(line).rstrip(".;:")
    if status_quarter and status_quarter != period.quarters[-1]:
        status = entries[status_quarter].status or IN_PROGRESS
        task += (
            f" (hoàn thành trong quý {roman(status_quarter)})"
            if status == DONE
            else f" (theo ghi nhận quý {roman(status_quarter)})"
        )
    # The same result written again in a later quarter is said once, under its quarters.
    by_text: dict[str, list[int]] = {}
    for quarter, text in written:
        by_text.setdefault(text, []).append(quarter)
    lone_elsewhere = len(by_text) == 1 and status_quarter not in next(iter(by_text.values()))
    # A longer period names the quarter of each text when it is not the latest state, and
    # always beside a computed figure: a quarter's "100%" is not the period's.
    if len(by_text) > 1 or (len(period.quarters) > 1 and (lone_elsewhere or result is not None)):
        said = "; ".join(
            f"quý {', '.join(roman(q) for q in quarters)}: {text}"
            for text, quarters in by_text.items()
        )
    else:
        said = written[0][1] if written else ""
    if result is not None:
        said = f"{said.rstrip('.;')}; {_computed(result)}" if said else _computed(result)
    return f"- {task}: {_sentence(said)}" if said else f"- {_sentence(task)}"


# Tasks worded as an action: carried over as "Tiếp tục <task>".
_VERBS = (
    "tổ chức",
    "thực hiện",
    "triển khai",
    "đăng tải",
    "tuyên truyền",
    "rà soát",
    "công khai",
    "công bố",
    "xây dựng",
    "kiểm tra",
    "nâng cao",
    "tăng cường",
    "đẩy mạnh",
    "duy trì",
    "cập nhật",
    "ban hành",
    "theo dõi",
    "tiếp nhận",
    "xử lý",
    "bố trí",
    "đầu tư",
    "cử",
    "quản lý",
    "hướng dẫn",
    "phấn đấu",
    "bảo đảm",
    "đảm bảo",
    "áp dụng",
    "sử dụng",
    "số hóa",
    "giải quyết",
    "báo cáo",
    "cải thiện",
    "thường xuyên",
)


def _carried(line: TaskLine, status: str) -> str:
    task = _task(line).rstrip(".;:")
    lowered = task[:1].lower() + task[1:]
    if status == NOT_STARTED or lowered.startswith("tiếp tục"):
        return f"- {_sentence(task)}"
    if lowered.startswith("tỷ lệ"):  # a rate is carried over as raising it
        return f"- Tiếp tục nâng cao {_sentence(lowered)}"
    if lowered.startswith(_VERBS):
        return f"- Tiếp tục {_sentence(lowered)}"
    return f"- Tiếp tục thực hiện: {_sentence(lowered)}"


@dataclass
class _Grouped:
    groups: dict[str, list[str]]
    carried: list[str]
    unreported: int
    rows: list[tuple[str, int]]  # the tracker rows of the tasks (sheet, row)
    reported_now: int  # tasks with a status in the period's last quarter
    empty: bool = False  # the plan gives this part no task at all


def _group(
    lines: Sequence[tuple[tuple, TaskLine]],
    tracker: TrackerData,
    period: Period,
    gaps: Gaps,
    results: Mapping[tuple, IndicatorResult],
) -> _Grouped:
    grouped = _Grouped({status: [] for status, _ in GROUPS}, [], 0, [], 0, not lines)
    last = period.quarters[-1]
    for key, line in lines:
        entries = tracker.entries.get(key, {})
        status, quarter = _latest(entries, period)
        sheet, row = tracker.places.get(key, (sheet_name(line.appendix), 0))
        if row:
            grouped.rows.append((sheet, row))
        if entries.get(last) and entries[last].status:
            grouped.reported_now += 1
        if status:
            grouped.groups[status].append(_item(line, entries, period, quarter, results.get(key)))
            if status in (IN_PROGRESS, NOT_STARTED):
                grouped.carried.append(_carried(line, status))
            continue
        grouped.unreported += 1
        if row:
            gaps.statuses.setdefault(sheet, []).append(cell_address(status_column(last), row))
        else:
            gaps.no_row.setdefault(sheet, []).append(_task(line)[:50])
    return grouped


def cell_ranges(column: int, rows: Sequence[int]) -> str:
    """Rows of one column as Excel ranges: "G40:G47, G50"."""
    spans: list[list[int]] = []
    for row in sorted(set(rows)):
        if spans and row == spans[-1][1] + 1:
            spans[-1][1] = row
        else:
            spans.append([row, row])
    return ", ".join(
        cell_address(column, a)
        if a == b
        else f"{cell_address(column, a)}:{cell_address(column, b)}"
        for a, b in spans
    )


def _status_blocks(grouped: _Grouped) -> list[dict]:
    """ "a) Nhiệm vụ đã hoàn thành:" and its lines, lettered without gaps, a lone group too
    (every part letters its groups the same way)."""
    if grouped.empty:
        return [_block("", [NO_TASK])]
    present = [
        (title, grouped.groups[status]) for status, title in GROUPS if grouped.groups[status]
    ]
    return [
        _block(f"{chr(ord('a') + n)}) {title}:", lines) for n, (title, lines) in enumerate(present)
    ]


def _block(
    title: str, lines: list[str], bold: bool = False, missing: Sequence[Missing] = ()
) -> dict:
    """A block of a part: its heading ("1. ..." bold, "a) ..." upright, as NĐ 30 wants), its
    lines, and in a draft what is still to be written there."""
    return {"ten": title, "dam": bold, "dong": lines, "thieu": [m.mark for m in missing]}


def _part(number: str, title: str, blocks: list[dict]) -> dict:
    return {"so": number, "ten": title, "khoan": blocks}


def _index_title(title: str) -> str:
    for name, text in INDEX_TITLES.items():
        if name in title.upper():
            return text
    return title[:1].upper() + title[1:].lower()


def _roman_value(number: str) -> int | None:
    return next((n for n in range(1, 40) if roman(n) == number.strip().upper()), None)


@dataclass
class ReportModel:
    """The report as the template receives it, and what it lacks."""

    context: dict[str, object]
    missing: list[Missing]
    gaps: Gaps
    areas: list[AreaProgress]
    results: list[IndicatorResult]


@dataclass
class _Builder:
    plan: Plan
    tracker: TrackerData
    period: Period
    tracker_found: bool
    results: dict[tuple, IndicatorResult]
    missing: list[Missing] = field(default_factory=list)
    gaps: Gaps = field(default_factory=Gaps)
    carried: list[str] = field(default_factory=list)

    def tasks(self, index: int, section: str | None = None) -> list[tuple[tuple, TaskLine]]:
        return list(self._places.get((index, section), ()))

    @cached_property
    def _places(self) -> dict[tuple[int, str | None], list[tuple[tuple, TaskLine]]]:
        """The plan's tasks by appendix (section None) and by section, keyed once: asked for
        every section, keying the whole plan each time made a big plan's report quadratic."""
        places: dict[tuple[int, str | None], list[tuple[tuple, TaskLine]]] = {}
        for key, line in keyed(task_lines(self.plan)):
            if _task(line):
                for place in ((line.appendix, None), (line.appendix, line.section)):
                    places.setdefault(place, []).append((key, line))
        return places

    def statuses(self, grouped: _Grouped, sheet: str, part: str) -> list[Missing]:
        """What the part lacks: no task with a status in the period's last quarter."""
        if grouped.reported_now or grouped.empty:
            return []
        quarter = _quarter_label(self.period)
        what = f"chưa có trạng thái {quarter}" + (
            "" if len(self.period.quarters) == 1 else f" (quý cuối của kỳ {self.period.label})"
        )
        # The sheet the rows were found on: officers may rename it.
        sheet = grouped.rows[0][0] if grouped.rows else sheet
        rows = [row for on, row in grouped.rows if on == sheet]
        if not self.tracker_found:
            found = Missing(part, what + " (chưa có bảng theo dõi)", tracker=True)
        elif rows:
            found = Missing(
                part, what, sheet, cell_ranges(status_column(self.period.quarters[-1]), rows)
            )
        else:
            found = Missing(
                part,
                what + "; trang này không có dòng nào của phần này (làm "
                "lại bảng bằng kehoach tracker)",
                sheet,
            )
        self.missing.append(found)
        return [found]

    def area_parts(self) -> tuple[list[dict], list[AreaProgress], str]:
        """One part per section of the reform-area appendix, and the number after them."""
        appendix = first_tasks_appendix(self.plan)
        if appendix is None:
            found = Missing(
                "phần kết quả theo lĩnh vực",
                "kế hoạch chưa có phụ lục nhiệm vụ theo lĩnh vực cải cách (bảng «nhiệm vụ»)",
            )
            self.missing.append(found)
            return (
                [_part("I", "KẾT QUẢ THỰC HIỆN NHIỆM VỤ", [_block("", [], missing=[found])])],
                [],
                "II",
            )
        index = self.plan.appendices.index(appendix) + 1
        parts, progress = [], []
        for section in appendix.sections:
            grouped = _group(
                self.tasks(index, section.number),
                self.tracker,
                self.period,
                self.gaps,
                self.results,
            )
            self.carried += grouped.carried
            lack = self.statuses(grouped, sheet_name(index), _area_name(section))
            blocks = _status_blocks(grouped)
            if lack:
                blocks.append(_block("", [], missing=lack))
            parts.append(_part(section.number, section.title.upper(), blocks))
            progress.append(
                AreaProgress(
                    section.number,
                    section.title,
                    len(grouped.groups[DONE]),
                    len(grouped.groups[IN_PROGRESS]),
                    len(grouped.groups[NOT_STARTED]),
                    grouped.unreported,
                )
            )
        last = _roman_value(appendix.sections[-1].number) if appendix.sections else 0
        following = (last or len(appendix.sections)) + 1
        return parts, progress, roman(following)

    def citizens_part(self, number: str) -> dict:
        """The SIPAS and PAPI appendices' tasks: one numbered block per appendix."""
        first = first_tasks_appendix(self.plan)
        blocks: list[dict] = []
        for index, appendix in enumerate(self.plan.appendices, start=1):
            if appendix is first:
                continue
            grouped = _group(self.tasks(index), self.tracker, self.period, self.gaps, self.results)
            self.carried += grouped.carried
            title = _index_title(appendix.title)
            count = sum(1 for b in blocks if b["dam"]) + 1
            lack = self.statuses(
                grouped, sheet_name(index), f"phần {number}, mục {count} «{title}»"
            )
            blocks.append(_block(f"{count}. {title}", [], bold=True, missing=lack))
            blocks += _status_blocks(grouped)
        return _part(number, CITIZENS_PART, blocks or [_block("", [NO_TASK])])

    def text(
        self, column: str, part: str, required: bool = True
    ) -> tuple[list[str], list[Missing]]:
        """The period's own text of one column of «Nội dung báo cáo» (never an earlier
        quarter's), and what is missing when it is empty."""
        label = text_row(self.period)
        lines = _lines(self.tracker.texts.get(label, {}).get(column, ""))
        if lines or not required:
            return lines, []
        row = self.tracker.text_rows.get(label)
        what = f"chưa ghi «{column}» của kỳ «{label}»"
        if not self.tracker_found:
            found = Missing(part, what + " (chưa có bảng theo dõi)", tracker=True)
        elif row:
            found = Missing(
                part, what, TEXT_SHEET, cell_address(TEXT_COLUMNS.index(column) + 1, row)
            )
        else:
            found = Missing(
                part,
                what + f"; trang không có dòng «{label}» (thêm dòng, ghi «{label}» ở cột A)",
                TEXT_SHEET,
            )
        self.missing.append(found)
        return [], [found]


def _area_name(section: Section) -> str:
    return f"mục {section.number} «{sentence_case(section.title)}»"


def _ended(lines: list[str]) -> list[str]:
    """The body's last lines, the last closed with "./." as NĐ 30's samples close the
    content of a document."""
    return [*lines[:-1], lines[-1].removesuffix("./.").rstrip(".;:,") + "./."]


def _dash(line: str) -> str:
    line = line.strip()
    return line if line.startswith(("- ", "+ ")) else f"- {_sentence(line)}"


def _indicator_rows(
    lines: Sequence[tuple[tuple, TaskLine]],
    judged: Mapping[tuple, IndicatorResult],
    built_in: Sequence[IndicatorResult],
) -> list[dict[str, str]]:
    """One row per target of the plan, naming its task and place; the built-in targets
    only for indicators the plan sets none for."""
    rows = [
        (judged[key], f"{line.place}: {_task(line).rstrip('.;:')}")
        for key, line in lines
        if key in judged
    ]
    rows += [(result, BUILT_IN_SOURCE) for result in built_in]
    return [
        {
            "stt": str(n),
            "ten": INDICATOR_NAMES[result.indicator],
            "nhiem_vu": source,
            "ke_hoach": result.target.text,
            "ket_qua": result_value(result),
            "danh_gia": VERDICTS[result.met],
        }
        for n, (result, source) in enumerate(rows, start=1)
    ]


def cites_plan(plan: Plan, period: Period) -> bool:
    """A report does not cite a plan issued after its period ended."""
    issued = plan.date
    return not (
        issued.year
        and issued.month
        and (issued.year, issued.month) > (period.end.year, period.end.month)
    )


def report_model(
    plan: Plan,
    unit: Unit,
    period: Period,
    tracker: TrackerData,
    stats: DossierStats | None,
    measured: Mapping[Indicator, Measurement],
    recipients: Sequence[str],
    *,
    tracker_found: bool = True,
    draft: bool = False,
) -> ReportModel:
    """The report's context and what it lacks (`stats` None: no export)."""
    lines = keyed(task_lines(plan))
    judged = {
        key: judge(line.target, measured[line.target.indicator])
        for key, line in lines
        if line.target is not None
    }
    planned = {result.indicator for result in judged.values()}
    built_in = [
        judge(target, measured[indicator])
        for indicator, target in BUILT_IN_TARGETS.items()
        if indicator not in planned
    ]
    builder = _Builder(plan, tracker, period, tracker_found, judged)
    parts, progress, following = builder.area_parts()
    number = _roman_value(following) or len(parts) + 1
    parts.append(builder.citizens_part(roman(number)))

    statistics_missing = []
    if stats is None:
        statistics_missing.append(
            Missing(
                f"phần {roman(number + 1)} «Kết quả giải quyết thủ tục hành chính»",
                "chưa có tệp hồ sơ một cửa của kỳ; chép tệp xuất từ phần mềm một cửa vào thư mục "
                "ho-so-mot-cua của dữ liệu",
                exports=True,
            )
        )
        builder.missing += statistics_missing

    after: list[dict] = []
    assessment = []
    for n, (title, column) in enumerate(
        (("Ưu điểm", STRENGTHS), ("Tồn tại, hạn chế và nguyên nhân", SHORTCOMINGS)), start=1
    ):
        texts, lack = builder.text(column, f"phần {roman(number + 2)} «Đánh giá chung»")
        assessment.append(
            _block(f"{n}. {title}", [_dash(line) for line in texts], bold=True, missing=lack)
        )
    after.append(_part(roman(number + 2), ASSESSMENT_PART, assessment))
    own_next, lack = builder.text(
        NEXT_TASKS, f"phần {roman(number + 3)} «Nhiệm vụ trọng tâm {period.next_label}»"
    )
    if len(period.quarters) == 4:
        # The year's plan ends with the year: the next one starts from a new plan.
        next_tasks = [
            f"- Xây dựng, ban hành và tổ chức thực hiện Kế hoạch cải cách hành "
            f"chính năm {period.year + 1}."
        ]
    else:
        next_tasks = builder.carried or [
            f"- Tiếp tục thực hiện các nhiệm vụ còn lại của Kế "
            f"hoạch cải cách hành chính năm {plan.year}."
        ]
    next_tasks += [_dash(line) for line in own_next if _dash(line) not in next_tasks]
    after.append(
        _part(
            roman(number + 3),
            f"NHIỆM VỤ TRỌNG TÂM {period.next_label.upper()}",
            [_block("", next_tasks, missing=lack)],
        )
    )
    proposals, _ = builder.text(PROPOSALS, "", required=False)
    after.append(
        _part(
            roman(number + 4),
            PROPOSALS_PART,
            [_block("", _ended([_dash(line) for line in proposals] or [NO_PROPOSAL]))],
        )
    )

    end = period.end
    data_range = f"kỳ số liệu từ ngày {period.start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
    if period.cut_short:
        data_range = f"số liệu đến ngày {end:%d/%m/%Y}"
    context = {
        "du_thao": draft,
        "co_quan_chu_quan": list(unit.upper_body_lines),
        "co_quan": list(unit.body_lines),
        "ky_hieu": unit.code,
        "nam": plan.year,
        "dan_ke_hoach": cites_plan(plan, period),
        "ke_hoach": {"so": plan.number, "ngay": plan.date},
        "ten_day_du": unit.full_name,
        "so": None,
        "dia_danh": unit.place,
        "ngay": PartialDate(end.year, end.month),
        "ky": period.label,
        "trich_yeu": f"Kết quả thực hiện công tác cải cách hành chính {period.label}",
        "ky_so_lieu": data_range,
        "phan_dau": parts,
        "so_tthc": roman(number + 1),
        "co_so_lieu": stats is not None,
        "thieu_so_lieu": [m.mark for m in statistics_missing] if draft else [],
        "thong_ke": SimpleNamespace(
            **{
                name: count_text(getattr(stats, name)) if stats is not None else ""
                for name in TABLE_COLUMNS
            }
        ),
        "chi_tieu": _indicator_rows(lines, judged, built_in),
        "phan_cuoi": after,
        "noi_nhan": list(recipients),
        "quyen_han": unit.signer.authority,
        "chuc_vu": unit.signer.title,
        "nguoi_ky": unit.signer.name,
    }
    if not draft:
        # What is missing is said on screen; a report meant for signing carries no mark.
        for part in (*parts, *after):
            for block in part["khoan"]:
                block["thieu"] = []
    return ReportModel(
        context, builder.missing, builder.gaps, progress, [*judged.values(), *built_in]
    )
