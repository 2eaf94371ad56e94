"""A plan written as the workspace's YAML, for an officer to read and edit: keys in the order
of the example, one comment above each appendix, long lines kept whole (Notepad wraps)."""

from __future__ import annotations

import io
import textwrap

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from kehoach_docs.domain.nd30 import roman
from kehoach_docs.domain.plan import Appendix, ContentGroup, Plan, Section, TableKind, TaskRow

EDITING_HELP = """\
Cách sửa tệp này:
  - Mỗi phụ lục có "tieu_de", "bang" (nhiệm vụ | nội dung) và các "muc" (I, II, ...).
  - Mỗi dòng của bảng nhiệm vụ: so (số thứ tự in trên bảng; bỏ trống cho dòng gạch đầu dòng),
    nhiem_vu, san_pham (kết quả/sản phẩm), tien_do, chu_tri, phoi_hop; chi_tieu nếu dòng là
    một chỉ tiêu báo cáo tính từ tệp hồ sơ (chi_so, muc_tieu).
  - Bảng nội dung: mỗi "noi_dung" là một ô «Nội dung», gộp dọc qua các nhiệm vụ của nó
    (giai_phap, thuc_hien, phoi_hop, thoi_gian).
  - Ô có nhiều dòng: viết thành danh sách, mỗi dòng một gạch "- ". Dòng bắt đầu bằng dấu
    gạch ngang hoặc có dấu hai chấm thì đặt trong dấu nháy.
  - Số và ngày kế hoạch để trống cho đến khi văn thư cấp số; khi có thì điền vào."""


def plan_yaml(plan: Plan, heading: str) -> str:
    """The plan file's text; `heading` opens it as a comment (where the plan came from)."""
    root = CommentedMap()
    root["nam"] = plan.year
    root["so"] = plan.number
    date = CommentedMap()
    date["ngay"] = plan.date.day
    date["thang"] = plan.date.month
    date["nam"] = plan.date.year
    root["ngay_ban_hanh"] = date
    appendices = CommentedSeq(_appendix(appendix) for appendix in plan.appendices)
    rule = "-" * 60
    for index in range(len(plan.appendices)):
        appendices.yaml_set_comment_before_after_key(
            index, before=f"{rule} PHỤ LỤC {roman(index + 1)}", indent=2
        )
    root["phu_luc"] = appendices
    root.yaml_set_start_comment(f"{_wrapped(heading)}\n\n{EDITING_HELP}\n")
    yaml = YAML()
    yaml.width = 4096  # a cell stays on one line, as the officer typed it
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    out = io.StringIO()
    yaml.dump(root, out)
    return out.getvalue()


def _wrapped(text: str) -> str:
    return "\n".join(
        "\n".join(textwrap.wrap(line, 95, break_long_words=False)) for line in text.splitlines()
    )


def _cell(lines: tuple[str, ...]) -> str | list[str]:
    return lines[0] if len(lines) == 1 else list(lines)


def _number(text: str) -> int | str:
    # "1" reads better unquoted; "1.1" must stay text (YAML would read a decimal number).
    return int(text) if text.isdigit() and not text.startswith("0") else text


def _appendix(appendix: Appendix) -> CommentedMap:
    item = CommentedMap()
    item["tieu_de"] = appendix.title or None  # blank, not '', to be filled
    item["bang"] = appendix.kind.value
    item["muc"] = [_section(section, appendix.kind) for section in appendix.sections]
    return item


def _section(section: Section, kind: TableKind) -> CommentedMap:
    item = CommentedMap()
    item["so"] = _number(section.number) if section.number else None
    item["ten"] = section.title or None
    if kind is TableKind.TASKS:
        item["dong"] = [_task_row(row) for row in section.rows]
    else:
        item["noi_dung"] = [_group(group) for group in section.groups]
    return item


def _task_row(row: TaskRow) -> CommentedMap:
    item = CommentedMap()
    if row.number:
        item["so"] = _number(row.number)
    item["nhiem_vu"] = _cell(row.task) if row.task else None
    for key, value in (
        ("san_pham", _cell(row.products) if row.products else ""),
        ("tien_do", row.progress),
        ("chu_tri", row.lead),
        ("phoi_hop", row.support),
    ):
        if value:
            item[key] = value
    if row.target is not None:
        target = CommentedMap()
        target["chi_so"] = row.target.indicator.value
        target["muc_tieu"] = row.target.text
        item["chi_tieu"] = target
    return item


def _group(group: ContentGroup) -> CommentedMap:
    item = CommentedMap()
    item["ten"] = group.content or None
    tasks = []
    for task in group.tasks:
        entry = CommentedMap()
        entry["giai_phap"] = _cell(task.solution) if task.solution else None
        for key, value in (
            ("thuc_hien", task.executor),
            ("phoi_hop", task.support),
            ("thoi_gian", task.time),
        ):
            if value:
                entry[key] = value
        tasks.append(entry)
    item["nhiem_vu"] = tasks
    return item
