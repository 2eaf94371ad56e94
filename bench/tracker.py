"""Benchmark of `kehoach tracker` on big plans against a plain openpyxl script.

Ours: the whole `kehoach tracker` command in a fresh process (start-up, reading and checking
the plan, the workbook: a sheet per appendix, the plan's columns locked, a status drop-down,
row heights, the report texts' sheet) on a synthetic plan of N tasks shaped like the
example's (scripts/synthetic.py, plan_yaml), with its peak memory; then, in a process of its
own, how its time splits between reading the plan and making the workbook.

The peer, on the same machine in the same run, is what a competent openpyxl user writes for
the same rows: the plan read with yaml.safe_load, then a write-only workbook, a sheet per
appendix with the plan's six columns and twelve empty quarter cells a row, each cell given
the font and wrapping, the quarter cells unlocked, the sheet protected, one DataValidation
per sheet over its four status columns, frozen panes and column widths. It checks nothing
and leaves out row heights, carrying over what was typed and the report texts' sheet.
Each size runs --repeat times, ours and the peer in turn; the best wall time of each is
kept, since other work on the machine can only make a run slower.

    .venv/bin/python bench/tracker.py                  # 2,000 and 10,000 tasks
    .venv/bin/python bench/tracker.py --sizes 10000 --repeat 5
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from letters import Best, Run, load, machine, measured

ROOT = Path(__file__).resolve().parents[1]
STATUSES = ("Hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Không phát sinh")
WIDTHS = (6, 6, 40, 34, 16, 16) + (14, 32, 16) * 4


def workspace(folder: Path, size: int) -> Path:
    """A data folder with the example's unit and a plan of `size` tasks, made in a process
    of its own so that the benchmark's process stays small (a peak survives exec)."""
    data = folder / f"data-{size}"
    data.mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "hai-yen-2024" / "don-vi.yaml", data)
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]); "
            "from pathlib import Path; from synthetic import plan_yaml; "
            "Path(sys.argv[2]).write_text(plan_yaml(int(sys.argv[3])), encoding='utf-8')",
            str(ROOT / "scripts"),
            str(data / "ke-hoach.yaml"),
            str(size),
        ],
        check=True,
    )
    return data


def run_ours(data: Path) -> Run:
    (data / "theo-doi-thuc-hien-2024.xlsx").unlink(missing_ok=True)  # made, not remade
    run = measured([sys.executable, "-m", "kehoach_docs.cli", "tracker", "--data", str(data)])
    if "Đã ghi:" not in run.printed:
        raise SystemExit(f"kehoach tracker wrote no tracker:\n{run.printed}")
    return run


def phases(data: Path) -> tuple[float, float]:
    """Ours in one process: the seconds reading and checking the plan, and making the
    workbook (its bytes, not written)."""
    from kehoach_docs.documents.appendix import document_stamp
    from kehoach_docs.outputs.tracker_book import build_tracker
    from kehoach_docs.workspace import open_workspace

    start = time.perf_counter()
    workspace, _ = open_workspace(data)
    plan = workspace.the_plan
    read = time.perf_counter()
    build_tracker(plan, None, document_stamp(plan))
    return read - start, time.perf_counter() - read


def peer(data: Path, out: Path) -> tuple[float, float]:
    """The plain openpyxl script: seconds reading the plan, and writing the workbook."""
    import yaml
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    start = time.perf_counter()
    plan = yaml.safe_load((data / "ke-hoach.yaml").read_text(encoding="utf-8"))
    read = time.perf_counter()
    font = Font(name="Times New Roman", size=12)
    wrap = Alignment(wrap_text=True, vertical="top")
    unlocked = Protection(locked=False)
    headers = [
        "Mục",
        "STT",
        "Nhiệm vụ",
        "Kết quả/sản phẩm",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
    ] + [
        f"Quý {q} - {what}"
        for q in ("I", "II", "III", "IV")
        for what in ("Trạng thái", "Kết quả", "Ghi chú")
    ]
    book = Workbook(write_only=True)
    for number, appendix in enumerate(plan["phu_luc"], start=1):
        sheet = book.create_sheet(f"Phụ lục {number}")
        for column, width in enumerate(WIDTHS, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        sheet.freeze_panes = "D4"
        sheet.protection.sheet = True
        rows = list(_peer_rows(appendix))
        sheet.data_validations.append(
            DataValidation(
                type="list",
                formula1='"' + ",".join(STATUSES) + '"',
                allow_blank=True,
                showErrorMessage=True,
                error="Chọn một trong: " + ", ".join(STATUSES),
                sqref=" ".join(f"{c}4:{c}{3 + len(rows)}" for c in "GJMP"),
            )
        )
        sheet.append([appendix["tieu_de"]])
        sheet.append(["Chọn trạng thái trong danh sách."])
        sheet.append(headers)
        for values in rows:
            cells = []
            for column, value in enumerate(values + [None] * 12, start=1):
                cell = WriteOnlyCell(sheet, value)
                cell.font, cell.alignment = font, wrap
                if column > 6:
                    cell.protection = unlocked
                cells.append(cell)
            sheet.append(cells)
    book.save(out)
    return read - start, time.perf_counter() - read


def _peer_rows(appendix: dict) -> Iterator[list[object]]:
    def text(value: object) -> str:
        return "\n".join(value) if isinstance(value, list) else str(value or "")

    for section in appendix["muc"]:
        for row in section.get("dong") or []:
            yield [
                section["so"],
                row.get("so"),
                text(row.get("nhiem_vu")),
                text(row.get("san_pham")),
                row.get("chu_tri"),
                row.get("phoi_hop"),
            ]
        for group in section.get("noi_dung") or []:
            for task in group["nhiem_vu"]:
                yield [
                    section["so"],
                    None,
                    text(task.get("giai_phap")),
                    group["ten"],
                    task.get("thuc_hien"),
                    task.get("phoi_hop"),
                ]


def run_child(*args: str) -> tuple[Run, float, float]:
    """A child of this script, which prints its two timed parts."""
    run = measured([sys.executable, __file__, *args])
    first, second = (float(x) for x in run.printed.split())
    return run, first, second


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, best kept")
    parser.add_argument("--phases", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--peer", type=Path, nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phases:
        print(*phases(args.phases))
        return
    if args.peer:
        print(*peer(*args.peer))
        return
    print(f"Machine: {machine()}\n", flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
        folder = Path(tmp)
        for size in args.sizes:
            data = workspace(folder, size)
            ours, theirs = Best(), Best()
            split, their_split = (float("inf"),) * 2, (float("inf"),) * 2
            for _ in range(args.repeat):
                ours.keep(run_ours(data))
                _, read, build = run_child("--phases", str(data))
                split = min(split, (read, build), key=sum)
                run, read, write = run_child("--peer", str(data), str(folder / "peer.xlsx"))
                theirs.keep(run)
                their_split = min(their_split, (read, write), key=sum)
            megabytes = (data / "ke-hoach.yaml").stat().st_size / 1e6
            rows.append((size, megabytes, ours, split, theirs, their_split))
            print(
                f"{size:>6} tasks: ours {ours.seconds:.2f} s, peak {ours.peak:.0f} MB; "
                f"peer {theirs.seconds:.2f} s",
                flush=True,
            )
    print(
        "\nours: the whole `kehoach tracker` (wall, CPU, peak); then, in one process, reading "
        "and checking the plan | making the workbook"
    )
    print("peer: plain openpyxl write-only script; yaml.safe_load | writing the workbook")
    print(f"÷: ours' wall over the peer's. Load average now: {load()}\n")
    print(
        f"{'tasks':>6} {'YAML MB':>7} {'wall s':>7} {'CPU s':>6} {'MB':>5} {'plan s':>6} "
        f"{'book s':>6} │ {'peer s':>6} {'CPU s':>6} {'MB':>5} {'yaml s':>6} {'book s':>6} "
        f"│ {'÷':>4}"
    )
    for size, megabytes, ours, split, theirs, their_split in rows:
        print(
            f"{size:>6} {megabytes:7.1f} {ours.seconds:7.2f} {ours.cpu:6.2f} {ours.peak:5.0f} "
            f"{split[0]:6.2f} {split[1]:6.2f} │ {theirs.seconds:6.2f} {theirs.cpu:6.2f} "
            f"{theirs.peak:5.0f} {their_split[0]:6.2f} {their_split[1]:6.2f} │ "
            f"{ours.seconds / theirs.seconds:4.1f}"
        )


if __name__ == "__main__":
    main()
