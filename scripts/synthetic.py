"""Synthetic one-stop exports shaped like the real ones: a title block above the header,
Vietnamese headers, dates partly as text, a totals row. No real person is in them. And
big plans shaped like the example's (`plan_yaml`), for the benchmarks and tests of scale.

    python scripts/synthetic.py xuat.xlsx 1000 --nam 2025 --ngay-xuat 30/06/2025
    python scripts/synthetic.py --ghi-de   # the example's export made again (360 dossiers)

An existing file is never overwritten without --ghi-de.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import itertools
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import xlsxwriter
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from kehoach_docs.domain.dates import DateValueError, parse_day  # noqa: E402
from kehoach_docs.domain.exports import COLUMN  # noqa: E402
from kehoach_docs.domain.workdays import WorkCalendar  # noqa: E402
from kehoach_docs.render.officezip import normalize_zip  # noqa: E402

# (procedure, field, working days allowed, has a fee)
PROCEDURES = [
    (
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của "
        "Việt Nam cấp hoặc chứng nhận",
        "Chứng thực",
        1,
        True,
    ),
    ("Chứng thực chữ ký trong các giấy tờ, văn bản", "Chứng thực", 1, True),
    (
        "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và "
        "nhà ở",
        "Chứng thực",
        2,
        True,
    ),
    ("Đăng ký khai sinh", "Hộ tịch", 1, False),
    ("Đăng ký khai tử", "Hộ tịch", 1, False),
    ("Đăng ký kết hôn", "Hộ tịch", 3, False),
    ("Cấp Giấy xác nhận tình trạng hôn nhân", "Hộ tịch", 3, False),
    ("Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", "Hộ tịch", 3, True),
    ("Cấp bản sao Trích lục hộ tịch", "Hộ tịch", 1, True),
    (
        "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, "
        "nuôi dưỡng hàng tháng",
        "Bảo trợ xã hội",
        7,
        False,
    ),
    ("Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "Bảo trợ xã hội", 3, False),
    (
        "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật",
        "Bảo trợ xã hội",
        25,
        False,
    ),
    ("Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm", "Giảm nghèo", 7, False),
]
FAMILY = [
    "Nguyễn",
    "Hoàng",
    "Hà",
    "Lương",
    "Vi",
    "Lăng",
    "Nông",
    "Lộc",
    "Triệu",
    "Đinh",
    "Lý",
    "Chu",
    "Hứa",
    "Mã",
    "Trần",
    "Phùng",
]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc", "Quang", "Thanh", "Hữu", "Kim"]
GIVEN = [
    "An",
    "Bình",
    "Chiến",
    "Dung",
    "Đông",
    "Giang",
    "Hằng",
    "Hiếu",
    "Hương",
    "Khánh",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phúc",
    "Quý",
    "Sơn",
    "Tâm",
    "Thắm",
    "Tuấn",
    "Vân",
    "Yến",
    "Xuân",
]
REASONS = [
    "Hồ sơ cần xác minh thêm thông tin tại nơi cư trú.",
    "Cần lấy ý kiến của cơ quan có liên quan.",
    "Công chức phụ trách nghỉ ốm đột xuất.",
]
# The export's columns this province's system writes, in its order, after "STT"; three
# headed as it words them rather than by the column's label (the reader knows both).
WRITTEN = (
    "code",
    "procedure",
    "field",
    "applicant",
    "address",
    "phone",
    "channel",
    "received",
    "due",
    "finished",
    "status",
    "paid_online",
    "reason",
)
WORDED = {
    "procedure": "Tên thủ tục hành chính",
    "channel": "Hình thức nộp",
    "due": "Ngày hẹn trả kết quả",
}
HEADERS = ["STT", *(WORDED.get(name, COLUMN[name].label) for name in WRITTEN)]
CHANNELS = {1: "Trực tiếp", 2: "Trực tuyến", 3: "Bưu chính công ích"}


def _as_text(moment: dt.datetime) -> str:
    return moment.strftime("%d/%m/%Y %H:%M")


def dossier_rows(
    count: int,
    year: int,
    late_share: float,
    open_share: float,
    seed: int,
    made_on: dt.date | None = None,
) -> list[list[object]]:
    """One row per dossier; with `made_on` (the export's date) the dossiers still open were
    received in its last weeks, and a result made after that day is not in the export yet."""
    rng = random.Random(seed)
    calendar = WorkCalendar()
    last = made_on or dt.date(year, 1, 2) + dt.timedelta(349)
    days = [
        d
        for d in (dt.date(year, 1, 2) + dt.timedelta(n) for n in range(366))
        if d <= last and calendar.is_working_day(d)
    ]
    rows = []
    for index in range(count):
        procedure, field, allowed, fee = PROCEDURES[index % len(PROCEDURES)]
        roll = rng.random()
        still_open = made_on is not None and late_share <= roll < late_share + open_share
        day = rng.choice(days[-25:] if still_open else days)
        received = dt.datetime.combine(day, dt.time(rng.randint(7, 16), rng.choice((0, 15, 30))))
        due_day = calendar.add_working_days(day, allowed)
        due = dt.datetime.combine(due_day, dt.time(16, 30))
        status, reason = "Đã trả kết quả", ""
        if roll < late_share:
            finished = dt.datetime.combine(
                calendar.add_working_days(due_day, rng.randint(1, 5)), dt.time(10, 0)
            )
            status = "Đã trả kết quả (trễ hạn)"
            reason = rng.choice(REASONS) if rng.random() < 0.6 else ""
        elif roll < late_share + open_share:
            finished = None
            status = "Đang xử lý"
        else:
            back = rng.randint(0, max(0, allowed - 1))
            finished = dt.datetime.combine(
                calendar.add_working_days(day, allowed - back) if back else due_day,
                dt.time(rng.randint(8, 15), 0),
            )
        if made_on is not None and finished is not None and finished.date() > made_on:
            finished, status, reason = None, "Đang xử lý", ""
        channel = rng.choices((1, 2, 3), weights=(35, 60, 5))[0]
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        code = f"000.35.20.H37-{received:%y%m%d}-{index + 1:04d}"
        as_text = rng.random() < 0.5  # half the dates typed as text, as exports mix them
        cells = {
            "code": code,
            "procedure": procedure,
            "field": field,
            "applicant": name,
            "address": f"Thôn {rng.randint(1, 9)}, xã Hải Yến, huyện Cao Lộc, tỉnh Lạng Sơn",
            "phone": f"09{rng.randint(10000000, 99999999)}",
            "channel": CHANNELS[channel],
            "received": _as_text(received) if as_text else received,
            "due": _as_text(due) if as_text else due,
            "finished": (_as_text(finished) if as_text else finished) if finished else None,
            "status": status,
            "paid_online": ("Có" if channel == 2 and rng.random() < 0.7 else "Không")
            if fee
            else "",
            "reason": reason,
        }
        rows.append([index + 1, *(cells[name] for name in WRITTEN)])
    return rows


def write_export(
    path: Path,
    count: int,
    year: int = 2024,
    late_share: float = 0.08,
    open_share: float = 0.04,
    seed: int = 2024,
    made_on: dt.date | None = None,
) -> None:
    """Row by row (XlsxWriter's constant-memory mode), so that the benchmark's 100,000
    dossiers take seconds, not minutes. `made_on`: the day the export was made, stated in
    a title row as the one-stop systems do."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "constant_memory": True})
    book.set_properties({"author": "kehoach-docs", "created": dt.datetime(year, 12, 31)})
    bold = book.add_format({"bold": True, "align": "center", "text_wrap": True})
    moment = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    sheet = book.add_worksheet("Danh sách hồ sơ")
    for column, width in enumerate((6, 28, 60, 16, 24, 40, 14, 16, 18, 18, 18, 22, 12, 36)):
        sheet.set_column(column, column, width)
    sheet.merge_range(0, 0, 0, 4, "ỦY BAN NHÂN DÂN XÃ HẢI YẾN", bold)
    sheet.merge_range(
        1, 0, 1, len(HEADERS) - 1, f"DANH SÁCH HỒ SƠ THỦ TỤC HÀNH CHÍNH TIẾP NHẬN NĂM {year}", bold
    )
    sheet.write(2, 0, "(Dữ liệu xuất từ Hệ thống thông tin giải quyết thủ tục hành chính tỉnh)")
    if made_on is not None:
        sheet.write(3, 0, f"Ngày xuất: {made_on:%d/%m/%Y}")
    sheet.write_row(4, 0, HEADERS, bold)
    rows = dossier_rows(count, year, late_share, open_share, seed, made_on)
    for index, values in enumerate(rows, start=5):
        for column, value in enumerate(values):
            if isinstance(value, dt.datetime):
                sheet.write_datetime(index, column, value, moment)
            elif value is not None:
                sheet.write(index, column, value)
    sheet.write_row(len(rows) + 5, 1, ["Tổng cộng", f"{len(rows)} hồ sơ"])
    book.close()
    path.write_bytes(normalize_zip(buffer.getvalue()))


EXAMPLE_EXPORT = ROOT / "examples/hai-yen-2024/ho-so-mot-cua/ho-so-mot-cua-2024.xlsx"
EXAMPLE_PLAN = ROOT / "examples/hai-yen-2024/ke-hoach.yaml"
PLAN_TEXT = 100  # characters a text of a big plan keeps: 10,000 tasks stay within the caps


def plan_yaml(tasks: int) -> str:
    """A plan of exactly `tasks` tasks (tracker rows) with the example's appendices and
    sections, each section's rows repeated in turn: numbers carried on (1..7, then 8..14),
    a repeated task marked «(đợt 2)», long texts cut, no indicators. The example's own
    oddities (a skipped number, a repeated row) repeat with it, as `validate` warns."""
    # Every scalar as the text it is written as ("1.10" stays "1.10"), numbers made again.
    example = yaml.load(EXAMPLE_PLAN.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    plan = {
        "nam": int(example["nam"]),
        "so": None,
        "ngay_ban_hanh": {"ngay": None, "thang": 6, "nam": int(example["nam"])},
        "phu_luc": [{**appendix, "muc": []} for appendix in example["phu_luc"]],
    }
    made = 0
    for into, item, is_task in _plan_items(example, plan):
        if made == tasks:
            break
        into.append(item)
        made += is_task
    return yaml.safe_dump(plan, allow_unicode=True, sort_keys=False, width=1000)


def _plan_items(example: dict, plan: dict) -> Iterator[tuple[list, dict, bool]]:
    """What to append where, section by section, round after round: (list, item, whether
    the item is a task)."""
    for sections, target in zip(
        (a["muc"] for a in example["phu_luc"]), plan["phu_luc"], strict=True
    ):
        target["muc"] = [
            {key: value for key, value in section.items() if key not in ("dong", "noi_dung")}
            for section in sections
        ]
    for round_ in itertools.count():
        for sections, target in zip(
            (a["muc"] for a in example["phu_luc"]), plan["phu_luc"], strict=True
        ):
            for section, into in zip(sections, target["muc"], strict=True):
                if "dong" in section:
                    rows = into.setdefault("dong", [])
                    top = max(
                        (int(r["so"].split(".")[0]) for r in section["dong"] if r.get("so")),
                        default=0,
                    )
                    for row in section["dong"]:
                        yield rows, _task_copy(row, round_, round_ * top), True
                else:
                    groups = into.setdefault("noi_dung", [])
                    for group in section["noi_dung"]:
                        copied = {"ten": _again(group["ten"], round_), "nhiem_vu": []}
                        yield groups, copied, False
                        for task in group["nhiem_vu"]:
                            yield copied["nhiem_vu"], _task_copy(task, round_, 0), True


def _task_copy(row: dict, round_: int, offset: int) -> dict:
    copied = {key: _cut(value) for key, value in row.items() if key != "chi_tieu"}
    if row.get("so") and offset:
        head, dot, rest = row["so"].partition(".")
        copied["so"] = f"{int(head) + offset}{dot}{rest}"
    for key in ("nhiem_vu", "giai_phap"):
        if copied.get(key):
            copied[key] = _again(copied[key], round_)
    return copied


def _again(text: str | list, round_: int) -> str | list:
    """The text of a repeated task or group, told apart from the first: "... (đợt 2)"."""
    if not round_:
        return text
    if isinstance(text, list):
        return [*text[:-1], _again(text[-1], round_)]
    return f"{text} (đợt {round_ + 1})"


def _cut(value: object) -> object:
    if isinstance(value, list):
        return [_cut(item) for item in value[:2]]
    if isinstance(value, str) and len(value) > PLAN_TEXT:
        return value[:PLAN_TEXT].rsplit(" ", 1)[0]
    return value


class _Parser(argparse.ArgumentParser):
    """argparse with its own words in Vietnamese, as every message of the project is."""

    def format_usage(self) -> str:
        return super().format_usage().replace("usage: ", "Cách dùng: ", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage: ", "Cách dùng: ", 1)

    def error(self, message: str) -> None:  # type: ignore[override]
        for english, vietnamese in _WORDS:
            message = message.replace(english, vietnamese)
        self.exit(2, f"{self.format_usage()}Lỗi cách dùng: {message}\n")


_WORDS = (
    ("argument ", "tùy chọn "),
    ("unrecognized arguments", "không hiểu"),
    ("expected one argument", "thiếu giá trị"),
)


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"số hồ sơ phải là số nguyên dương, không phải «{text}»")
    return int(text)


def _year(text: str) -> int:
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"năm phải là số từ 2000 đến 2100, không phải «{text}»")
    return int(text)


def _day(text: str) -> dt.date:
    try:
        return parse_day(text)
    except DateValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(
        prog="python scripts/synthetic.py",
        add_help=False,
        description="Làm tệp hồ sơ một cửa tạo giả (không có người thật), dạng tệp xuất từ "
        "phần mềm một cửa. Không ghi đè tệp đã có, trừ khi có --ghi-de.",
    )
    parser._positionals.title = "Tham số"
    parser._optionals.title = "Tùy chọn"
    parser.add_argument(
        "target",
        nargs="?",
        type=Path,
        default=EXAMPLE_EXPORT,
        metavar="TỆP",
        help="Tệp .xlsx sẽ ghi (mặc định: tệp hồ sơ của ví dụ, "
        f"{EXAMPLE_EXPORT.relative_to(ROOT)}).",
    )
    parser.add_argument(
        "count",
        nargs="?",
        type=_count,
        default=360,
        metavar="SỐ_HỒ_SƠ",
        help="Số hồ sơ (mặc định: 360).",
    )
    parser.add_argument(
        "--nam",
        type=_year,
        default=2024,
        metavar="NĂM",
        help="Năm tiếp nhận hồ sơ (mặc định: 2024).",
    )
    parser.add_argument(
        "--ngay-xuat",
        type=_day,
        default=None,
        metavar="NGÀY",
        help="Ngày xuất tệp, dạng DD/MM/YYYY hoặc YYYY-MM-DD, ghi ở dòng tiêu "
        "đề (mặc định: 31/12 của năm).",
    )
    parser.add_argument("--ghi-de", action="store_true", help="Ghi đè tệp đã có.")
    parser.add_argument("-h", "--help", action="help", help="Hiện hướng dẫn này rồi thoát.")
    args = parser.parse_args(argv)
    made_on = args.ngay_xuat or dt.date(args.nam, 12, 31)
    if made_on.year != args.nam:
        parser.error(f"ngày xuất {made_on:%d/%m/%Y} không thuộc năm {args.nam}")
    if args.target.exists() and not args.ghi_de:
        print(f"Không ghi: {args.target} đã có (ghi đè bằng --ghi-de).", file=sys.stderr)
        return 1
    write_export(args.target, count=args.count, year=args.nam, made_on=made_on)
    print(f"Đã ghi: {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
