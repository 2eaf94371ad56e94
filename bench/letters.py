"""Benchmark of the apology letters against the two ways people make them with docxtpl.

Ours: the whole `kehoach letters` command in a fresh process (start-up, reading the .xlsx
export, lateness, numbering in the register, the batch document, the register's workbook)
on N synthetic late dossiers, with its peak memory (its own and its helper process's).

The peers, on the same machine in the same run, make the very letters our command issued:
  (b) what a competent docxtpl user writes, timed as a whole script in a fresh process like
      ours: openpyxl in read-only mode reads the same export, ONE docxtpl template (ours:
      `{%p for l in phieu %}`, a page break between letters) is rendered once with every
      letter, then saved. What our command computed for each letter (its number, date,
      reason, new date, days late, salutation) and the unit's settings are handed to it
      free, as a JSON file made before its clock starts; its text is checked to be ours.
  (a) docxtpl per letter + docxcompose: one document per letter, appended one by one, on a
      sample of ready-made letters (it is slow: its time per letter).
Each size runs --repeat times, ours and (b) one after the other; the ratio of each pair is
kept, so that other work on the machine slows both sides of it alike. Printed: the median
ratio and its range, and the best time of each side.

    .venv/bin/pip install -q ".[bench]"
    .venv/bin/python bench/letters.py                  # 1,000; 10,000; 100,000 letters
    .venv/bin/python bench/letters.py --sizes 10000 --repeat 5
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2025-03-03"  # every dossier of the 2024 export open and past due
LETTER_TEMPLATE = "phieu-xin-loi.docx"


def workspace(folder: Path) -> Path:
    data = folder / "data"
    data.mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "hai-yen-2024" / "don-vi.yaml", data)
    return data


@dataclass
class Run:
    seconds: float  # wall
    cpu: float  # user + system seconds, its helper process's included
    peak: float  # resident MB: the process's, or its forked helper's if larger
    printed: str


def measured(command: list[str]) -> Run:
    """The benchmark's own process stays small (exports and peers are made in processes of
    their own), as a process's peak survives exec."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{' '.join(command[1:5])} failed:\n{err.read().decode()}")
        # Linux gives KiB
        cpu = usage.ru_utime + usage.ru_stime
        return Run(elapsed, cpu, usage.ru_maxrss / 1024, out.read().decode())


def run_ours(export: Path, data: Path, out: Path, size: int) -> Run:
    command = [
        sys.executable,
        "-m",
        "kehoach_docs.cli",
        "letters",
        str(export),
        "--data",
        str(data),
        "--out",
        str(out),
        "--as-of",
        AS_OF,
    ]
    run = measured(command)
    with sqlite3.connect(data / "so-theo-doi-phieu-xin-loi.sqlite3") as register:
        (issued,) = register.execute("SELECT count(*) FROM letters").fetchone()
    if issued != size:
        raise SystemExit(f"kehoach letters issued {issued} letters for {size} late dossiers")
    return run


def run_competent(export: Path, inputs: Path, out: Path) -> Run:
    """Peer (b), the whole script in a fresh process, as ours is measured."""
    return measured(
        [
            sys.executable,
            __file__,
            "--peer",
            "b",
            "--export",
            str(export),
            "--inputs",
            str(inputs),
            "--out",
            str(out),
        ]
    )


def run_per_letter(data: Path, count: int, out: Path) -> float:
    """Peer (a): seconds per letter of its own work (it reports it)."""
    run = measured(
        [
            sys.executable,
            __file__,
            "--peer",
            "a",
            "--data",
            str(data),
            "--count",
            str(count),
            "--out",
            str(out),
        ]
    )
    return float(run.printed) / count


def peer_inputs(data: Path, target: Path) -> None:
    """What our command computed for each letter it issued, and the unit's settings, as
    the JSON file peer (b) is given."""
    from kehoach_docs.domain.letters import letter_context
    from kehoach_docs.outputs.register import Register
    from kehoach_docs.workspace import open_workspace

    workspace, _ = open_workspace(data, with_plan=False)
    with Register(data / "so-theo-doi-phieu-xin-loi.sqlite3", read_only=True) as register:
        letters = list(register.all_letters())
    unit = letter_context(letters[0], workspace.unit)
    computed = {}
    for letter in letters:
        context = letter_context(letter, workspace.unit)
        computed[letter.draft.dossier_code] = {
            **{key: context[key] for key in COMPUTED},
            "ngay": letter.letter_date.isoformat(),
            "ngay_hen_lai": letter.draft.new_date.isoformat(),
        }
    target.write_text(
        json.dumps(
            {"unit": {key: unit[key] for key in UNIT}, "letters": computed}, ensure_ascii=False
        )
    )


COMPUTED = ("so", "nam", "kinh_gui", "dai_tu", "ly_do", "so_ngay_tre")
UNIT = (
    "ky_hieu",
    "co_quan_chu_quan",
    "co_quan",
    "dia_danh",
    "co_quan_giai_quyet",
    "quyen_han",
    "chuc_vu",
    "nguoi_ky",
)


def date_text(day: date) -> str:
    """The `ngay` filter of the template, as a docxtpl user writes it."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def competent(export: Path, inputs: Path, out: Path) -> None:
    """Peer (b): a docxtpl user's script, with the filters the template asks for."""
    import datetime as dt

    from docxtpl import DocxTemplate
    from jinja2 import Environment
    from openpyxl import load_workbook

    def moment(value: object) -> dt.datetime:
        if isinstance(value, dt.datetime):
            return value
        return dt.datetime.strptime(str(value).strip(), "%d/%m/%Y %H:%M")

    given = json.loads(inputs.read_text())
    unit, computed = given["unit"], given["letters"]
    book = load_workbook(export, read_only=True, data_only=True)
    rows = book.worksheets[0].iter_rows(values_only=True)
    header = next(row for row in rows if "Mã hồ sơ" in row)
    at = {
        name: header.index(name)
        for name in (
            "Mã hồ sơ",
            "Chủ hồ sơ",
            "Tên thủ tục hành chính",
            "Ngày tiếp nhận",
            "Ngày hẹn trả kết quả",
        )
    }
    letters = []
    for row in rows:
        code = row[at["Mã hồ sơ"]]
        if code not in computed:
            continue
        mine = computed[code]
        due = moment(row[at["Ngày hẹn trả kết quả"]])
        letters.append(
            {
                **unit,
                **mine,
                "ma_ho_so": code,
                "chu_ho_so": row[at["Chủ hồ sơ"]],
                "thu_tuc": row[at["Tên thủ tục hành chính"]],
                "ngay_tiep_nhan": moment(row[at["Ngày tiếp nhận"]]).date(),
                "ngay_hen": due.date(),
                "gio_hen": f"{due.hour} giờ {due.minute:02d} phút, ",
                "ngay": dt.date.fromisoformat(mine["ngay"]),
                "ngay_hen_lai": dt.date.fromisoformat(mine["ngay_hen_lai"]),
            }
        )
    book.close()
    letters.sort(key=lambda letter: int(letter["so"]))
    env = Environment(autoescape=True)
    env.filters["ngay"] = date_text
    doc = DocxTemplate(str(ROOT / "src" / "kehoach_docs" / "templates" / LETTER_TEMPLATE))
    doc.render({"phieu": letters}, jinja_env=env, autoescape=True)
    doc.save(str(out))


def per_letter(data: Path, count: int, out: Path) -> float:
    """Peer (a): the first `count` letters of the register rendered one by one and
    composed; seconds of its own work (made-up letters given)."""
    from docx import Document
    from docxcompose.composer import Composer
    from docxtpl import DocxTemplate
    from jinja2 import Environment

    from kehoach_docs.domain.letters import letter_context
    from kehoach_docs.outputs.register import Register
    from kehoach_docs.workspace import open_workspace

    workspace, _ = open_workspace(data, with_plan=False)
    with Register(data / "so-theo-doi-phieu-xin-loi.sqlite3", read_only=True) as register:
        letters = list(itertools.islice(register.all_letters(), count))
    contexts = [letter_context(letter, workspace.unit) for letter in letters]
    template = workspace.template(LETTER_TEMPLATE)
    env = Environment(autoescape=True)
    env.filters["ngay"] = date_text
    start = time.perf_counter()
    composer = None
    for context in contexts:
        doc = DocxTemplate(str(template))
        doc.render({"phieu": [context]}, jinja_env=env, autoescape=True)
        buffer = io.BytesIO()
        doc.save(buffer)
        buffer.seek(0)
        part = Document(buffer)
        if composer is None:
            composer = Composer(part)
        else:
            composer.append(part)
    assert composer is not None
    composer.save(str(out))
    return time.perf_counter() - start


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def paragraphs(document: Path) -> list[str]:
    """The text of each paragraph that has some, in order."""
    from lxml import etree

    texts = []
    with zipfile.ZipFile(document) as package, package.open("word/document.xml") as part:
        for _, paragraph in etree.iterparse(part, tag=f"{W}p"):
            text = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
            if text.strip():
                texts.append(text)
            paragraph.clear()
    return texts


def same_letters(ours: Path, theirs: Path) -> None:
    mine, peer = paragraphs(ours), paragraphs(theirs)
    if mine != peer:
        pairs = enumerate(zip(mine, peer, strict=False))
        at = next((i for i, (a, b) in pairs if a != b), min(len(mine), len(peer)))
        raise SystemExit(
            f"peer (b) made other letters: paragraph {at}: "
            f"{mine[at : at + 1]} against {peer[at : at + 1]}"
        )


def make_export(export: Path, size: int) -> None:
    # In a process of its own, so that making a big export never counts in a peak.
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]); "
            "from pathlib import Path; from synthetic import write_export; "
            "write_export(Path(sys.argv[2]), int(sys.argv[3]), late_share=0.0, "
            "open_share=1.0, seed=int(sys.argv[3]))",
            str(ROOT / "scripts"),
            str(export),
            str(size),
        ],
        check=True,
    )


def load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def machine() -> str:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"{cores} cores (nproc), load average {load()}, {platform.machine()}, "
        f"Python {platform.python_version()}"
    )


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


@dataclass
class Size:
    size: int
    ours: list[Run]
    peer: list[Run]  # (b), one per run of ours; empty when not run

    def ratios(self, cpu: bool = False) -> list[float]:
        return [
            (b.cpu / a.cpu) if cpu else (b.seconds / a.seconds)
            for a, b in zip(self.ours, self.peer, strict=True)
        ]


def spread(values: list[float], digits: int = 1) -> str:
    return f"{median(values):.{digits}f} (runs {min(values):.{digits}f}–{max(values):.{digits}f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of ours and of (b)")
    parser.add_argument("--sample", type=int, default=300, help="letters for peer (a)")
    parser.add_argument(
        "--b-up-to",
        type=int,
        default=10000,
        help="largest batch given to peer (b): it holds the whole document "
        "in memory (about 0.7 GB for 10,000 letters)",
    )
    parser.add_argument("--peer", choices=["a", "b", "inputs", "same"], help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--export", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--inputs", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer == "b":
        competent(args.export, args.inputs, args.out)
        return
    if args.peer == "a":
        print(per_letter(args.data, args.count, args.out))
        return
    if args.peer == "inputs":
        peer_inputs(args.data, args.out)
        return
    if args.peer == "same":
        same_letters(args.data, args.out)
        return
    print(f"Machine: {machine()}\n", flush=True)
    sizes = []
    per_a = None
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
        folder = Path(tmp)
        for size in args.sizes:
            export = folder / f"ho-so-{size}.xlsx"
            make_export(export, size)
            done = Size(size, [], [])
            inputs = folder / f"peer-{size}.json"
            for attempt in range(args.repeat):
                data = workspace(folder / f"ws-{size}-{attempt}")
                out = folder / f"out-{size}-{attempt}"
                done.ours.append(run_ours(export, data, out, size))
                if size <= args.b_up_to:
                    if attempt == 0:
                        subprocess.run(
                            [
                                sys.executable,
                                __file__,
                                "--peer",
                                "inputs",
                                "--data",
                                str(data),
                                "--out",
                                str(inputs),
                            ],
                            check=True,
                        )
                    done.peer.append(run_competent(export, inputs, folder / "b.docx"))
                    if attempt == 0:
                        # In a process of its own: parsing both documents would swell this
                        # one, and the peak of every process it starts after.
                        subprocess.run(
                            [
                                sys.executable,
                                __file__,
                                "--peer",
                                "same",
                                "--data",
                                str(next(out.glob("phieu-xin-loi-*.docx"))),
                                "--out",
                                str(folder / "b.docx"),
                            ],
                            check=True,
                        )
                if per_a is None:
                    count = min(args.sample, size)
                    per_a = run_per_letter(data, count, folder / "a.docx")
                shutil.rmtree(out)
                (folder / "b.docx").unlink(missing_ok=True)
                b_text = (
                    f"(b) {done.peer[-1].seconds:.2f} s, ratio {done.ratios()[-1]:.2f}"
                    if done.peer
                    else "(b) not run"
                )
                print(
                    f"{size:>7} letters, run {attempt + 1}: ours {done.ours[-1].seconds:.2f} s "
                    f"(CPU {done.ours[-1].cpu:.2f} s, peak {done.ours[-1].peak:.0f} MB); "
                    f"{b_text}",
                    flush=True,
                )
            sizes.append(done)
    assert per_a is not None
    print(
        f"\n(a) docxtpl per letter + docxcompose, {args.sample} letters: "
        f"{per_a * 1000:.1f} ms per letter"
    )
    print(
        "(b) a competent docxtpl user's script: openpyxl read-only, one template looping over "
        "all letters, the same letters (text checked); whole script, as ours"
    )
    print(f"Load average now: {load()}\n")
    for done in sizes:
        ours = [run.seconds for run in done.ours]
        per = median(ours) / done.size
        line = (
            f"{done.size:>7} letters: ours {spread(ours, 2)} s, "
            f"{per * 1000:.3f} ms/letter, CPU {median([r.cpu for r in done.ours]):.2f} s, "
            f"peak {max(r.peak for r in done.ours):.0f} MB"
        )
        print(line)
        print(f"{'':>17}× the per-letter way (a): {per_a / per:.0f}")
        if done.peer:
            print(
                f"{'':>17}× the competent peer (b): {spread(done.ratios())}; in CPU "
                f"seconds {spread(done.ratios(cpu=True))}; (b) "
                f"{spread([r.seconds for r in done.peer], 2)} s, CPU "
                f"{median([r.cpu for r in done.peer]):.2f} s, "
                f"peak {max(r.peak for r in done.peer):.0f} MB"
            )
        else:
            print(f"{'':>17}× the competent peer (b): not run")


if __name__ == "__main__":
    main()
