"""The workspace's YAML files → typed models, or problems that name file, line and field."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path
from typing import TypedDict

import yaml

from kehoach_docs.domain.dates import DateValueError, parse_day
from kehoach_docs.domain.exports import EXPORT_COLUMNS
from kehoach_docs.domain.plan import (
    Appendix,
    ContentGroup,
    ContentTask,
    Indicator,
    LetterSettings,
    PartialDate,
    Plan,
    Section,
    Signer,
    TableKind,
    Target,
    TaskRow,
    Unit,
)
from kehoach_docs.domain.problems import Problems
from kehoach_docs.domain.textclean import clean_text
from kehoach_docs.inputs.yamlsource import MapReader, Source, as_mapping, compose_file, is_empty

UNIT_KEYS = (
    "co_quan_chu_quan",
    "co_quan_ban_hanh",
    "ten_day_du",
    "ky_hieu",
    "dia_danh",
    "nguoi_ky",
    "lich_lam_viec",
    "phieu_xin_loi",
    "cot_du_lieu",
    "bao_cao",
)
REPORT_KEYS = ("noi_nhan", "ky_so_lieu", "thu_tuc_toan_trinh")
PERIOD_RULES = {"nghị định 09": False, "dương lịch": True}
CALENDAR_KEYS = ("ngay_nghi_them", "ngay_lam_bu")
LETTER_KEYS = ("ky_hieu", "co_quan_giai_quyet", "ly_do_mac_dinh", "so_ngay_lam_viec_hen_lai")
SIGNER_KEYS = ("quyen_han", "chuc_vu", "ho_ten")
PLAN_KEYS = ("nam", "so", "ngay_ban_hanh", "phu_luc")
DATE_KEYS = ("ngay", "thang", "nam")
APPENDIX_KEYS = ("tieu_de", "bang", "muc")
SECTION_KEYS = ("so", "ten", "dong", "noi_dung")
TASK_KEYS = ("so", "nhiem_vu", "san_pham", "tien_do", "chu_tri", "phoi_hop", "chi_tieu")
TARGET_KEYS = ("chi_so", "muc_tieu")
INDICATORS = {indicator.value: indicator for indicator in Indicator}
_TARGET_TEXT = re.compile(
    r"^(trên|hơn|tối thiểu|ít nhất|từ|đạt)?\s*(\d+(?:[.,]\d+)?)\s*%\s*(trở lên)?$"
)
GROUP_KEYS = ("ten", "nhiem_vu")
CONTENT_TASK_KEYS = ("giai_phap", "thuc_hien", "phoi_hop", "thoi_gian")
TABLE_KINDS = {kind.value: kind for kind in TableKind}
LIST_LABELS = {
    "phu_luc": "phụ lục",
    "muc": "mục",
    "dong": "dòng",
    "noi_dung": "nội dung",
    "nhiem_vu": "nhiệm vụ",
}


def load_unit(path: Path, display: str, problems: Problems) -> Unit | None:
    source = Source(display, problems)
    root = _root(path, source, UNIT_KEYS)
    if root is None:
        return None
    signer = root.mapping("nguoi_ky", SIGNER_KEYS)
    work = root.mapping("lich_lam_viec", CALENDAR_KEYS)
    letters = root.mapping("phieu_xin_loi", LETTER_KEYS)
    body = root.lines("co_quan_ban_hanh", required=True)
    upper_body = root.lines("co_quan_chu_quan")
    # One source for the unit's name: the running-text name and the place derive from the
    # header lines unless the unit writes them differently.
    full_name = root.text("ten_day_du") or derived_full_name(body)
    place = root.text("dia_danh") or derived_place(body, upper_body)
    if place is None:
        place = body[-1] if body else ""
        problems.warning(
            display,
            None,
            "dia_danh",
            "không dòng nào của «co_quan_ban_hanh», «co_quan_chu_quan» có tên xã, phường "
            f"(«Xã ...», «Ủy ban nhân dân xã ...»): ngày tháng sẽ ghi «{place}, ngày ...»; "
            "ghi địa danh ở mục dia_danh",
        )
    return Unit(
        upper_body_lines=tuple(line.upper() for line in upper_body),
        body_lines=tuple(line.upper() for line in body),
        full_name=full_name,
        code=root.text("ky_hieu", required=True).upper().replace(" ", ""),
        place=place,
        signer=Signer(
            authority=signer.text("quyen_han").upper(),
            title=signer.text("chuc_vu").upper(),
            name=signer.text("ho_ten"),
        )
        if signer
        else Signer(),
        extra_days_off=_days(work, "ngay_nghi_them") if work else (),
        extra_workdays=_days(work, "ngay_lam_bu") if work else (),
        letters=LetterSettings(
            code=(letters.text("ky_hieu") or "PXL").upper().replace(" ", ""),
            resolving_body=letters.text("co_quan_giai_quyet") or full_name,
            default_reason=letters.text("ly_do_mac_dinh"),
            new_date_working_days=letters.integer(
                "so_ngay_lam_viec_hen_lai", 1, 60, "Số ngày làm việc hẹn lại"
            )
            or 3,
        )
        if letters
        else LetterSettings(resolving_body=full_name),
        export_headers=_export_headers(root),
        **_report_settings(root),
    )


_LEVELS = r"(?:xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố|tỉnh)"
_LEVEL_WORD = re.compile(rf"^{_LEVELS}\s+", re.IGNORECASE)


def derived_full_name(body: tuple[str, ...]) -> str:
    """["Ủy ban nhân dân", "Xã Công Sơn"] → "Ủy ban nhân dân xã Công Sơn"."""
    if not body:
        return ""
    rest = [_LEVEL_WORD.sub(lambda m: m.group(0).lower(), line) for line in body[1:]]
    return " ".join([body[0], *rest])


# A place named after its level's word, at the start of a header line or after the council
# that governs it ("Xã Công Sơn", "Ủy ban nhân dân xã Công Sơn"; never the «Xã hội» of
# «Phòng Văn hóa - Xã hội»), up to a comma ("xã A, huyện B": A).
_NAMED_PLACE = re.compile(
    rf"^(?:(?:ủy ban nhân dân|uỷ ban nhân dân|ubnd|hội đồng nhân dân|hđnd)\s+)?{_LEVELS}\s+"
    r"([^,]*[^,\s])",
    re.IGNORECASE,
)


def derived_place(body: tuple[str, ...], upper_body: tuple[str, ...] = ()) -> str | None:
    """["Ủy ban nhân dân", "Xã Công Sơn"] → "Công Sơn": the last header line that names a
    place, the issuing body's first (a body without one, such as «Bộ phận Tiếp nhận và Trả kết
    quả» under «Ủy ban nhân dân xã Công Sơn», takes its upper body's); None when none does."""
    for line in (*reversed(body), *reversed(upper_body)):
        if found := _NAMED_PLACE.match(line.strip()):
            place = found[1]
            return place.title() if place.isupper() else place  # typed in capitals
    return None


class _ReportSettings(TypedDict, total=False):
    """The Unit fields that the plan's bao_cao sets; the ones left out keep their default."""

    report_recipients: tuple[str, ...]
    calendar_periods: bool
    fully_online_procedures: tuple[str, ...]


def _report_settings(root: MapReader) -> _ReportSettings:
    reader = root.mapping("bao_cao", REPORT_KEYS)
    if reader is None:
        return {}
    settings: _ReportSettings = {}
    recipients = reader.lines("noi_nhan")
    if recipients:
        settings["report_recipients"] = recipients
    rule = reader.text("ky_so_lieu").lower()
    if rule:
        if rule not in PERIOD_RULES:
            reader.source.error(
                reader.node_of("ky_so_lieu"),
                f"{reader.path} › ky_so_lieu",
                f"«{rule}» không hợp lệ; chọn một trong: {', '.join(PERIOD_RULES)}",
            )
        settings["calendar_periods"] = PERIOD_RULES.get(rule, False)
    procedures = reader.lines("thu_tuc_toan_trinh")
    if procedures:
        settings["fully_online_procedures"] = procedures
    return settings


def _days(reader: MapReader, key: str) -> tuple[dt.date, ...]:
    days = []
    for index, node in reader.sequence(key):
        text = clean_text(str(node.value)) if isinstance(node, yaml.ScalarNode) else ""
        try:
            days.append(parse_day(text))
        except DateValueError as exc:
            reader.source.error(node, f"{reader.child_path(key, index)}", str(exc))
    return tuple(days)


def _export_headers(root: MapReader) -> tuple[tuple[str, str], ...]:
    reader = root.mapping("cot_du_lieu", tuple(column.setting for column in EXPORT_COLUMNS))
    if reader is None:
        return ()
    return tuple(
        (column.name, header)
        for column in EXPORT_COLUMNS
        if (header := reader.text(column.setting))
    )


def load_plan(path: Path, display: str, problems: Problems) -> Plan | None:
    source = Source(display, problems, LIST_LABELS)
    root = _root(path, source, PLAN_KEYS)
    if root is None:
        return None
    year = root.integer("nam", 2000, 2100, "Năm kế hoạch")
    if year is None and is_empty(root.node_of("nam")):
        source.error(root.node, "nam", "thiếu khóa bắt buộc «nam» (năm của kế hoạch)")
    number = root.integer("so", 1, 99999, "Số văn bản")
    date_reader = root.mapping("ngay_ban_hanh", DATE_KEYS)
    date = _partial_date(date_reader) if date_reader else PartialDate()
    appendices = tuple(
        appendix
        for index, node in root.sequence("phu_luc", required=True)
        if (appendix := _appendix(source, node, root.child_path("phu_luc", index)))
    )
    return Plan(year=year or 0, number=number, date=date, appendices=appendices, source=display)


def _root(path: Path, source: Source, keys: tuple[str, ...]) -> MapReader | None:
    node = compose_file(path, source)
    if node is None:
        if not source.problems.errors:
            source.error(None, "", "tệp rỗng")
        return None
    return as_mapping(source, node, "", keys)


def _partial_date(reader: MapReader) -> PartialDate:
    day = reader.integer("ngay", 1, 31, "Ngày")
    month = reader.integer("thang", 1, 12, "Tháng")
    year = reader.integer("nam", 1900, 2100, "Năm")
    if day is not None and month is None:
        reader.source.error(reader.node, reader.path, "có ngày mà không có tháng")
    if day is not None and month is not None:
        last = calendar.monthrange(year or 2000, month)[1]
        if day > last:
            when = f"tháng {month}/{year}" if year else f"tháng {month}"
            reader.source.error(
                reader.node_of("ngay"),
                reader.path,
                f"ngày {day} không có trong {when} (chỉ có {last} ngày)",
            )
            day = None
    return PartialDate(year=year, month=month, day=day)


def _appendix(source: Source, node: yaml.Node, path: str) -> Appendix | None:
    reader = as_mapping(source, node, path, APPENDIX_KEYS)
    if reader is None:
        return None
    title = reader.text("tieu_de", required=True)
    kind_text = clean_text(reader.text("bang")).lower() or TableKind.TASKS.value
    kind = TABLE_KINDS.get(kind_text)
    if kind is None:
        source.error(
            reader.node_of("bang"),
            f"{path} › bang",
            f"loại bảng «{kind_text}» không hợp lệ; chọn một trong: {', '.join(TABLE_KINDS)}",
        )
        kind = TableKind.TASKS
    sections = tuple(
        section
        for index, child in reader.sequence("muc", required=True)
        if (section := _section(source, child, reader.child_path("muc", index), kind))
    )
    return Appendix(title=title, kind=kind, sections=sections, line=reader.line)


def _section(source: Source, node: yaml.Node, path: str, kind: TableKind) -> Section | None:
    reader = as_mapping(source, node, path, SECTION_KEYS)
    if reader is None:
        return None
    number = reader.text("so")
    title = reader.text("ten", required=True)
    if kind is TableKind.TASKS:
        _forbid(reader, "noi_dung", "dong")
        rows = tuple(
            row
            for index, child in reader.sequence("dong")
            if (row := _task_row(source, child, reader.child_path("dong", index)))
        )
        return Section(number=number, title=title, rows=rows, line=reader.line)
    _forbid(reader, "dong", "noi_dung")
    groups = tuple(
        group
        for index, child in reader.sequence("noi_dung")
        if (group := _group(source, child, reader.child_path("noi_dung", index)))
    )
    return Section(number=number, title=title, groups=groups, line=reader.line)


def _forbid(reader: MapReader, key: str, instead: str) -> None:
    node = reader.node_of(key)
    if node is not None:
        reader.source.error(
            node,
            f"{reader.path} › {key}",
            f"bảng loại này không dùng khóa «{key}»; các dòng của mục ghi dưới «{instead}»",
        )


def _task_row(source: Source, node: yaml.Node, path: str) -> TaskRow | None:
    reader = as_mapping(source, node, path, TASK_KEYS)
    if reader is None:
        return None
    target_reader = reader.mapping("chi_tieu", TARGET_KEYS)
    return TaskRow(
        target=_target(target_reader) if target_reader else None,
        number=reader.text("so"),
        task=reader.lines("nhiem_vu"),
        products=reader.lines("san_pham"),
        progress=reader.text("tien_do"),
        lead=reader.text("chu_tri"),
        support=reader.text("phoi_hop"),
        line=reader.line,
    )


def _target(reader: MapReader) -> Target | None:
    """A row's indicator and target: "chi_so: tỷ lệ đúng hạn", "muc_tieu: trên 99%"."""
    name = reader.text("chi_so", required=True).lower()
    wording = reader.text("muc_tieu", required=True)
    indicator = INDICATORS.get(name)
    if name and indicator is None:
        reader.source.error(
            reader.node_of("chi_so"),
            f"{reader.path} › chi_so",
            f"chỉ số «{name}» không có; chọn một trong: {', '.join(INDICATORS)}",
        )
    match = _TARGET_TEXT.match(wording.lower())
    if wording and match is None:
        reader.source.error(
            reader.node_of("muc_tieu"),
            f"{reader.path} › muc_tieu",
            f"mục tiêu «{wording}» không đọc được; hãy viết như «trên 99%», «tối thiểu 80%» "
            "hoặc «100%»",
        )
    if indicator is None or match is None:
        return None
    word, number, _ = match.groups()
    return Target(indicator, float(number.replace(",", ".")), word in ("trên", "hơn"), wording)


def _group(source: Source, node: yaml.Node, path: str) -> ContentGroup | None:
    reader = as_mapping(source, node, path, GROUP_KEYS)
    if reader is None:
        return None
    tasks = tuple(
        task
        for index, child in reader.sequence("nhiem_vu", required=True)
        if (task := _content_task(source, child, reader.child_path("nhiem_vu", index)))
    )
    return ContentGroup(content=reader.text("ten", required=True), tasks=tasks, line=reader.line)


def _content_task(source: Source, node: yaml.Node, path: str) -> ContentTask | None:
    reader = as_mapping(source, node, path, CONTENT_TASK_KEYS)
    if reader is None:
        return None
    return ContentTask(
        solution=reader.lines("giai_phap", required=True),
        executor=reader.text("thuc_hien"),
        support=reader.text("phoi_hop"),
        time=reader.text("thoi_gian"),
        line=reader.line,
    )
