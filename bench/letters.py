"""Benchmark of the apology letters against the two ways people make them with docxtpl.

Ours: the whole `kehoach letters` command in a fresh process (start-up, reading the .xlsx
export, lateness, numbering in the register, the batch document, the register's workbook)
on N synthetic late dossiers, with its peak memory (its own and its helper process's).

The peers, on the same machine in the same run, render the very letters our command issued,
as plain dicts made before their clock starts (so only docxtpl's work is timed, never the
export, the register or the workbook), with Jinja's ordinary environment and our filters:
  (a) docxtpl per letter + docxcompose: one document per letter, appended one by one (on a
      sample, it is slow: its time per letter);
  (b) one docxtpl template looping over all letters, what a competent docxtpl user writes:
      `render` once with every record (our template: `{%p for l in phieu %}`, a page break
      between letters), then `save`.
Each size runs --repeat times, ours and (b) in turn; the best wall time of each is kept,
since other work on the machine can only make a run slower.

    .venv/bin/pip install -q ".[bench]"
    .venv/bin/python bench/letters.py                  # 1,000; 10,000; 100,000 letters
    .venv/bin/python bench/letters.py --sizes 10000 --repeat 5
"""

from __future__ import annotations

import argparse
import io
import itertools
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
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


@dataclass
class Best:
    seconds: float = float("inf")
    cpu: float = float("inf")
    peak: float = 0.0

    def keep(self, run: Run) -> None:
        self.seconds = min(self.seconds, run.seconds)
        self.cpu = min(self.cpu, run.cpu)
        self.peak = max(self.peak, run.peak)


def run_ours(export: Path, data: Path, out: Path, size: int) -> Run:
    command = [sys.executable, "-m", "kehoach_docs.cli", "letters", str(export), "--data",
               str(data), "--out", str(out), "--as-of", AS_OF]  # fmt: skip
    run = measured(command)
    with sqlite3.connect(data / "so-theo-doi-phieu-xin-loi.sqlite3") as register:
        (issued,) = register.execute("SELECT count(*) FROM letters").fetchone()
    if issued != size:
        raise SystemExit(f"kehoach letters issued {issued} letters for {size} late dossiers")
    return run


def run_peer(peer: str, data: Path, count: int, out: Path) -> Run:
    """The peer's own work, wall and CPU (it reports them), and the peak of its process."""
    command = [sys.executable, __file__, "--peer", peer, "--data", str(data),
               "--count", str(count), "--out", str(out)]  # fmt: skip
    run = measured(command)
    seconds, cpu = (float(x) for x in run.printed.split())
    return Run(seconds, cpu, run.peak, "")


def peer(kind: str, data: Path, count: int, out: Path) -> tuple[float, float]:
    """The peer's rendering of the first `count` letters of the register: wall and CPU
    seconds (docxtpl works on one thread)."""
    from docx import Document
    from docxcompose.composer import Composer
    from docxtpl import DocxTemplate
    from jinja2 import Environment

    from kehoach_docs.domain.letters import letter_context
    from kehoach_docs.outputs.register import Register
    from kehoach_docs.render.engine import environment
    from kehoach_docs.workspace import open_workspace

    workspace, _ = open_workspace(data, with_plan=False)
    with Register(data / "so-theo-doi-phieu-xin-loi.sqlite3", read_only=True) as register:
        letters = list(itertools.islice(register.all_letters(), count))
    contexts = [letter_context(letter, workspace.unit) for letter in letters]
    template = workspace.template(LETTER_TEMPLATE)
    env = Environment(autoescape=True)
    ours = environment()
    env.filters.update({name: ours.filters[name] for name in ("ngay", "so_vb", "la_ma")})
    start, start_cpu = time.perf_counter(), time.process_time()
    if kind == "b":
        doc = DocxTemplate(str(template))
        doc.render({"phieu": contexts}, jinja_env=env, autoescape=True)
        doc.save(str(out))
    else:
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
    return time.perf_counter() - start, time.process_time() - start_cpu


def make_export(export: Path, size: int) -> None:
    # In a process of its own, so that making a big export never counts in a peak.
    subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
         "from pathlib import Path; from synthetic import write_export; "
         "write_export(Path(sys.argv[2]), int(sys.argv[3]), late_share=0.0, "
         "open_share=1.0, seed=int(sys.argv[3]))",
         str(ROOT / "scripts"), str(export), str(size)],
        check=True,
    )  # fmt: skip


def load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def machine() -> str:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{cores} cores (nproc), load average {load()}, {platform.machine()}, "
            f"Python {platform.python_version()}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, best kept")
    parser.add_argument("--sample", type=int, default=300, help="letters for peer (a)")
    parser.add_argument("--b-up-to", type=int, default=10000,
                        help="largest batch given to peer (b): it holds the whole document "
                        "in memory (about 0.7 GB for 10,000 letters)")  # fmt: skip
    parser.add_argument("--peer", choices=["a", "b"], help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer:
        print(*peer(args.peer, args.data, args.count, args.out))
        return
    print(f"Machine: {machine()}\n", flush=True)
    rows = []
    per_a = None
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
        folder = Path(tmp)
        for size in args.sizes:
            export = folder / f"ho-so-{size}.xlsx"
            make_export(export, size)
            ours, peer_b = Best(), Best()
            for attempt in range(args.repeat):
                data = workspace(folder / f"ws-{size}-{attempt}")
                ours.keep(run_ours(export, data, folder / f"out-{size}-{attempt}", size))
                if size <= args.b_up_to:
                    peer_b.keep(run_peer("b", data, size, folder / "b.docx"))
                if per_a is None:
                    sample = run_peer("a", data, min(args.sample, size), folder / "a.docx")
                    per_a = sample.seconds / min(args.sample, size)
                shutil.rmtree(folder / f"out-{size}-{attempt}")
                (folder / "b.docx").unlink(missing_ok=True)
            rows.append((size, ours, peer_b))
            b_text = f"(b) {peer_b.seconds:.2f} s" if peer_b.peak else "(b) not run"
            print(f"{size:>7} letters: ours {ours.seconds:.2f} s, peak {ours.peak:.0f} MB; "
                  f"{b_text}", flush=True)  # fmt: skip
    assert per_a is not None
    print(f"\n(a) docxtpl per letter + docxcompose, {args.sample} letters: "
          f"{per_a * 1000:.1f} ms per letter")  # fmt: skip
    print("(b) one docxtpl template looping over all letters: its render + save only")
    print("×: how many times faster ours is (wall; for (b) also CPU, which other work on the "
          f"machine disturbs less). Load average now: {load()}\n")
    print(f"{'letters':>8} {'wall s':>7} {'ms/letter':>9} {'CPU s':>6} {'peak MB':>7} "
          f"{'×(a)':>5} │ {'(b) s':>6} {'CPU s':>6} {'MB':>5} {'×(b)':>5} {'CPU×':>5}")  # fmt: skip
    for size, ours, peer_b in rows:
        per = ours.seconds / size
        b = (f"{peer_b.seconds:6.2f} {peer_b.cpu:6.2f} {peer_b.peak:5.0f} "
             f"{peer_b.seconds / ours.seconds:5.1f} {peer_b.cpu / ours.cpu:5.1f}"
             if peer_b.peak else f"{'—':>6} {'—':>6} {'—':>5} {'—':>5} {'—':>5}")  # fmt: skip
        print(f"{size:>8} {ours.seconds:7.2f} {per * 1000:9.3f} {ours.cpu:6.2f} "
              f"{ours.peak:7.0f} {per_a / per:5.0f} │ {b}")  # fmt: skip


if __name__ == "__main__":
    main()
