"""kehoach init: a new workspace for a unit and a year. The unit file has every field, blank
and explained; the plan is an empty skeleton of the three appendices, or another workspace's
plan carried into the new year. No export, tracker or register is carried: they belong to
the other unit or year, and a letter number spent on them could not be taken back."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from kehoach_docs.commands.outcome import Outcome
from kehoach_docs.domain.exports import COMMON_SUFFIXES
from kehoach_docs.domain.plan import (
    Appendix,
    ContentGroup,
    ContentTask,
    PartialDate,
    Plan,
    Section,
    TableKind,
    TaskRow,
)
from kehoach_docs.domain.problems import InputError, Problems
from kehoach_docs.inputs.plan_yaml import load_plan
from kehoach_docs.outputs.folder import Publication
from kehoach_docs.outputs.plan_file import plan_yaml
from kehoach_docs.outputs.unit_file import UNIT_TEMPLATE
from kehoach_docs.workspace import exports_folder_in, plan_file_in, unit_file_in

SKELETON_TITLES = (
    ("CÁC NHIỆM VỤ, GIẢI PHÁP NHẰM NÂNG CAO CHỈ SỐ PAR INDEX NĂM {year}", TableKind.TASKS),
    ("CÁC NHIỆM VỤ, GIẢI PHÁP NHẰM NÂNG CAO CHỈ SỐ SIPAS NĂM {year}", TableKind.TASKS),
    ("NỘI DUNG CẢI THIỆN, NÂNG CAO CHỈ SỐ PAPI NĂM {year}", TableKind.CONTENTS),
)


@dataclass(frozen=True)
class InitRun:
    folder: Path
    year: int
    source: Path | None  # the workspace the plan was carried from
    written: tuple[Path, ...]


def run(folder: Path, source: Path | None, year: int | None, this_year: int) -> Outcome:
    made = init_workspace(folder, source, year, this_year)
    outcome = Outcome()
    carried = f", mang sang từ {made.source}" if made.source else ", khung trống"
    outcome.say(f"Đã tạo thư mục dữ liệu {folder}:")
    unit, plan, exports = made.written
    outcome.say(f"  {unit.name:<16} thông tin đơn vị (cần điền)")
    outcome.say(f"  {plan.name:<16} kế hoạch năm {made.year}{carried}")
    outcome.say(f"  {exports.name + '/':<16} nơi đặt tệp hồ sơ xuất từ phần mềm một cửa")
    outcome.say("Các bước tiếp theo:")
    outcome.say(f"  1. Mở {unit}, điền tên cơ quan, người ký, nơi nhận.")
    outcome.say(f"  2. kehoach validate --data {folder}   (liệt kê chỗ cần điền, cần xem lại)")
    outcome.say(f"  3. Có bản Word của kế hoạch: kehoach import-plan TỆP.docx --data {folder}")
    outcome.say(f"  4. Chép tệp hồ sơ một cửa ({', '.join(COMMON_SUFFIXES)}) vào {exports}")
    outcome.say(f"  5. kehoach build --data {folder}")
    return outcome


def init_workspace(folder: Path, source: Path | None, year: int | None, this_year: int) -> InitRun:
    """Make `folder` a workspace; InputError (nothing written) when it is not empty or the
    workspace to carry from has errors."""
    problems = Problems()
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        problems.error(
            folder,
            None,
            "",
            "thư mục đã có tệp; hãy chọn một thư mục mới hoặc trống (không ghi đè dữ liệu đang có)",
        )
        raise InputError(problems)
    if source is not None:
        plan_path = plan_file_in(source)
        previous = load_plan(plan_path, str(plan_path), problems)
        if previous is None or problems.errors:
            raise InputError(problems)
        new_year = year or previous.year + 1
        plan = carried_plan(previous, new_year)
        heading = (
            f"Kế hoạch cải cách hành chính năm {new_year}, mang sang từ {plan_path} "
            f"(năm {previous.year}).\nCác nhiệm vụ giữ nguyên câu chữ: «kehoach validate» chỉ ra "
            "chỗ còn ghi năm khác để sửa. Có bản Word của kế hoạch mới thì nhập bằng "
            "«kehoach import-plan»."
        )
    else:
        new_year = year or this_year
        plan = skeleton_plan(new_year)
        heading = (
            f"Kế hoạch cải cách hành chính năm {new_year}: điền các mục và các dòng, hoặc nhập "
            "từ bản Word đã ký bằng «kehoach import-plan TỆP.docx»."
        )
    unit_path, plan_path = unit_file_in(folder), plan_file_in(folder)
    with Publication() as publication:
        publication.add_workspace_file(unit_path, UNIT_TEMPLATE.encode("utf-8"))
        publication.add_workspace_file(plan_path, plan_yaml(plan, heading).encode("utf-8"))
        publication.publish()
    exports = exports_folder_in(folder)
    exports.mkdir()
    return InitRun(folder, new_year, source, (unit_path, plan_path, exports))


def skeleton_plan(year: int) -> Plan:
    """Three appendices, each with one blank section and row to fill."""
    appendices = []
    for title, kind in SKELETON_TITLES:
        if kind is TableKind.TASKS:
            section = Section(number="I", title="", rows=(TaskRow(number="1", task=()),))
        else:
            section = Section(
                number="1", title="", groups=(ContentGroup("", (ContentTask(solution=()),)),)
            )
        appendices.append(Appendix(title=title.format(year=year), kind=kind, sections=(section,)))
    return Plan(year=year, number=None, date=PartialDate(year=year), appendices=tuple(appendices))


def carried_plan(previous: Plan, year: int) -> Plan:
    """The same tasks for `year`: number and date cleared; appendix titles, which name the
    year by formula ("... NĂM 2024"), take the new one. Task text is left as it was."""
    old = re.compile(rf"\b{previous.year}\b")
    return Plan(
        year=year,
        number=None,
        date=PartialDate(year=year),
        appendices=tuple(
            replace(appendix, title=old.sub(str(year), appendix.title))
            for appendix in previous.appendices
        ),
    )
