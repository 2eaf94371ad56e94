"""The period's one-stop statistics (the shape of Biểu 06, Thông tư 01/2020/TT-VPCP) and the
plan's indicators, each judged against its target (no I/O)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from kehoach_docs.domain.dossiers import Channel, Dossier, result_day
from kehoach_docs.domain.periods import Period, month_label
from kehoach_docs.domain.plan import Appendix, Indicator, Plan, TableKind, Target


@dataclass(frozen=True)
class Ratio:
    numerator: int
    denominator: int

    @property
    def percent(self) -> float | None:
        return None if self.denominator == 0 else 100 * self.numerator / self.denominator


@dataclass(frozen=True)
class DossierStats:
    carried_over: int = 0
    new_online: int = 0
    new_other: int = 0  # in person or by post
    early: int = 0  # resolved before the due date
    on_due_date: int = 0
    late: int = 0
    open_not_due: int = 0
    open_overdue: int = 0

    @property
    def new(self) -> int:
        return self.new_online + self.new_other

    @property
    def received(self) -> int:
        return self.carried_over + self.new

    @property
    def resolved(self) -> int:
        return self.early + self.on_due_date + self.late

    @property
    def in_progress(self) -> int:
        return self.open_not_due + self.open_overdue

    @property
    def on_time(self) -> Ratio:
        return Ratio(self.early + self.on_due_date, self.resolved)

    @property
    def online(self) -> Ratio:
        return Ratio(self.new_online, self.new)


# The statistics table's columns, left to right (Biểu 06): received, resolved, in progress.
TABLE_COLUMNS = (
    "received",
    "carried_over",
    "new_online",
    "new_other",
    "resolved",
    "early",
    "on_due_date",
    "late",
    "in_progress",
    "open_not_due",
    "open_overdue",
)


def _outcome(dossier: Dossier, period: Period) -> str | None:
    """Where a dossier stands at the end of the period, as a column of the table ("early",
    "on_due_date", "late", "open_not_due", "open_overdue"); None when it is not in the
    period (received after it, resolved before it, or without dates)."""
    if dossier.received is None or dossier.due is None or dossier.received.day > period.end:
        return None
    finished = result_day(dossier)  # the letters' own definition: returned counts too
    if finished is not None and finished < period.start:
        return None
    due = dossier.due.day
    if finished is not None and finished <= period.end:
        return "early" if finished < due else "on_due_date" if finished == due else "late"
    return "open_overdue" if due < period.end else "open_not_due"


def dossier_stats(dossiers: Iterable[Dossier], period: Period) -> DossierStats:
    counts = dict.fromkeys(DossierStats.__dataclass_fields__, 0)
    for dossier in dossiers:
        outcome = _outcome(dossier, period)
        if outcome is None:
            continue
        counts[outcome] += 1
        if dossier.received.day < period.start:  # type: ignore[union-attr]
            counts["carried_over"] += 1
        elif dossier.channel is Channel.ONLINE:
            counts["new_online"] += 1
        else:
            counts["new_other"] += 1
    return DossierStats(**counts)


def late_codes(dossiers: Iterable[Dossier], period: Period) -> set[str]:
    """Dossiers of the period resolved late, or still open past their due date at its end."""
    return {d.code for d in dossiers if _outcome(d, period) in ("late", "open_overdue")}


@dataclass(frozen=True)
class Apology:
    """The period's late dossiers that had an apology in time to be one: a letter dated
    before the result (or while still open at the period's end); `timely` of them were
    dated no later than the due date, as the law asks."""

    ratio: Ratio
    timely: int


def apology(
    dossiers: Iterable[Dossier], period: Period, letter_dates: Mapping[str, dt.date]
) -> Apology:
    """A letter dated on or after the dossier's result never counts: it apologised for
    nothing the citizen was still waiting for."""
    late = apologised = timely = 0
    for dossier in dossiers:
        if _outcome(dossier, period) not in ("late", "open_overdue"):
            continue
        late += 1
        dated = letter_dates.get(dossier.code)
        if dated is None or dated > period.end:
            continue
        result = result_day(dossier)
        if result is not None and dated >= result:
            continue
        apologised += 1
        timely += dated <= dossier.due.day  # type: ignore[union-attr]
    return Apology(Ratio(apologised, late), timely)


def online_payment(dossiers: Iterable[Dossier], period: Period) -> Ratio | None:
    """Paid online / dossiers with a fee, among the period's new dossiers; None when the
    export has no such column."""
    paid = with_fee = 0
    seen_column = False
    for dossier in dossiers:
        if dossier.paid_online is None:
            continue
        seen_column = True
        if dossier.received is not None and period.contains(dossier.received.day):
            with_fee += 1
            paid += dossier.paid_online
    return Ratio(paid, with_fee) if seen_column else None


def fully_online(dossiers: Iterable[Dossier], period: Period) -> Ratio | None:
    """Fully online (trực tuyến toàn trình) / the period's new dossiers; None when the
    export does not say which are fully online."""
    done = total = 0
    seen_column = False
    for dossier in dossiers:
        if dossier.fully_online is not None:
            seen_column = True
        if dossier.received is not None and period.contains(dossier.received.day):
            total += 1
            done += bool(dossier.fully_online)
    return Ratio(done, total) if seen_column else None


def monthly_on_time(dossiers: Sequence[Dossier], period: Period) -> list[tuple[str, Ratio]]:
    """On-time rate of the dossiers resolved in each month of the period, labelled by
    `month_label` (a month the period cuts by its days)."""
    spans = period.month_spans()
    counts = {(first.year, first.month): [0, 0] for first, _ in spans}
    for dossier in dossiers:
        # Resolved as the statistics table counts it: a returned dossier on its return day.
        finished = result_day(dossier)
        if finished is None or dossier.due is None or not period.contains(finished):
            continue
        slot = counts[(finished.year, finished.month)]
        slot[1] += 1
        slot[0] += finished <= dossier.due.day
    return [
        (month_label(first, last), Ratio(*counts[(first.year, first.month)]))
        for first, last in spans
    ]


INDICATOR_NAMES = {
    Indicator.ON_TIME: "Tỷ lệ hồ sơ giải quyết đúng hạn",
    Indicator.ONLINE: "Tỷ lệ hồ sơ trực tuyến toàn trình",
    Indicator.ONLINE_PAYMENT: "Tỷ lệ hồ sơ thanh toán trực tuyến",
    Indicator.APOLOGY: "Tỷ lệ hồ sơ trễ hạn có phiếu xin lỗi",
}
# The targets of Bộ chỉ số 766 (Quyết định 766/QĐ-TTg) the report judges by where the plan
# sets none of its own for an indicator.
BUILT_IN_TARGETS = {
    Indicator.ON_TIME: Target(Indicator.ON_TIME, 99, True, "trên 99%"),
    Indicator.ONLINE: Target(Indicator.ONLINE, 80, False, "tối thiểu 80%"),
    Indicator.ONLINE_PAYMENT: Target(Indicator.ONLINE_PAYMENT, 50, False, "tối thiểu 50%"),
    Indicator.APOLOGY: Target(Indicator.APOLOGY, 100, False, "100%"),
}


@dataclass(frozen=True)
class Measurement:
    """An indicator's value in the period, or why the exports cannot give it."""

    ratio: Ratio | None
    reason: str = ""  # why it is not judged: no data, or nothing to count
    timely: int | None = None  # the apology indicator: letters sent by the due date
    # Fully online unknown: what was measured instead (filed online), named as such.
    stand_in: Ratio | None = None


@dataclass(frozen=True)
class IndicatorResult:
    indicator: Indicator
    target: Target  # as a row of the plan states it
    ratio: Ratio | None  # None: no data for it
    timely: int | None = None
    reason: str = ""
    stand_in: Ratio | None = None

    @property
    def met(self) -> bool | None:
        if self.ratio is None:
            return None
        if self.ratio.denominator == 0:
            # Nothing late: nobody was owed a letter. Anything else without data: not known.
            return True if self.indicator is Indicator.APOLOGY else None
        return self.target.met(self.ratio.percent or 0.0)


def judge(target: Target, measured: Measurement) -> IndicatorResult:
    return IndicatorResult(
        target.indicator,
        target,
        measured.ratio,
        measured.timely,
        measured.reason,
        measured.stand_in,
    )


def measurements(
    dossiers: Sequence[Dossier] | None,
    stats: DossierStats | None,
    period: Period,
    letter_dates: Mapping[str, dt.date],
) -> dict[Indicator, Measurement]:
    """Each indicator's value in the period; dossiers None: no export at all (`stats` are
    those dossiers' statistics for the period; `letter_dates` the register's letter date of
    each dossier: a late dossier without one had no apology)."""
    if dossiers is None or stats is None:
        return dict.fromkeys(Indicator, Measurement(None, "chưa có tệp hồ sơ một cửa"))
    result = {
        Indicator.ON_TIME: Measurement(
            stats.on_time, "" if stats.resolved else "không có hồ sơ giải quyết xong trong kỳ"
        )
    }
    fully = fully_online(dossiers, period)
    if fully is None:
        # Filed online is not fully online: said for what it is, never judged as it.
        result[Indicator.ONLINE] = Measurement(
            None, "tệp hồ sơ không ghi hồ sơ nào là trực tuyến toàn trình", stand_in=stats.online
        )
    else:
        result[Indicator.ONLINE] = Measurement(
            fully, "" if fully.denominator else "không có hồ sơ mới tiếp nhận trong kỳ"
        )
    paid = online_payment(dossiers, period)
    result[Indicator.ONLINE_PAYMENT] = Measurement(
        paid,
        (
            "tệp hồ sơ không có cột thanh toán trực tuyến"
            if paid is None
            else ""
            if paid.denominator
            else "không có hồ sơ nộp phí trong kỳ"
        ),
    )
    sent = apology(dossiers, period, letter_dates)
    result[Indicator.APOLOGY] = Measurement(sent.ratio, "", sent.timely)
    return result


def percent_text(value: float | None) -> str:
    """The Vietnamese way: a comma as the decimal sign, "99,5%"; no data → a plain phrase."""
    if value is None:
        return "chưa có số liệu"
    rounded = round(value, 1)
    text = f"{rounded:.1f}".rstrip("0").rstrip(".") if rounded % 1 else f"{rounded:.0f}"
    return text.replace(".", ",") + "%"


def first_tasks_appendix(plan: Plan) -> Appendix | None:
    """The appendix whose sections are the reform areas (the PAR Index one)."""
    return next((a for a in plan.appendices if a.kind is TableKind.TASKS), None)
