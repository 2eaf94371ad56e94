"""Benchmark of the apology letters: a one-stop export in, one merged .docx out.

Times the whole `kehoach letters` command (a fresh process: start-up, reading the .xlsx,
lateness, the register, the document, the register's workbook) on N synthetic late
dossiers, with the peak memory of the command (its own and its helper process's), and in
the same run the naive way people do it: docxtpl renders one document per letter and
docxcompose appends them.

    .venv/bin/pip install -q ".[bench]"
    .venv/bin/python bench/letters.py                   # 1,000; 10,000; 100,000 letters
    .venv/bin/python bench/letters.py --sizes 1000 --naive 100
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

AS_OF = "2025-03-03"  # every dossier of the 2024 export open and past due


def workspace(folder: Path) -> Path:
    data = folder / "data"
    data.mkdir(parents=True)
    shutil.copy(ROOT / "data" / "don-vi.yaml", data)
    return data


def run_command(export: Path, data: Path, out: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one `kehoach letters` run."""
    command = [sys.executable, "-m", "kehoach_docs.cli", "letters", str(export), "--data",
               str(data), "--out", str(out), "--as-of", AS_OF]  # fmt: skip
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"kehoach letters failed: {process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024  # Linux gives KiB


def naive(count: int, folder: Path) -> float:
    """Seconds per letter, rendering each letter as a document and composing them."""
    from docx import Document
    from docxcompose.composer import Composer
    from docxtpl import DocxTemplate

    from kehoach_docs.domain.dossiers import Moment
    from kehoach_docs.domain.letters import IssuedLetter, LetterDraft, letter_context
    from kehoach_docs.domain.problems import Problems
    from kehoach_docs.inputs.plan_yaml import load_unit
    from kehoach_docs.render.engine import environment
    from kehoach_docs.workspace import find_template

    unit = load_unit(ROOT / "data" / "don-vi.yaml", "don-vi.yaml", Problems())
    template = find_template("phieu-xin-loi.docx", None)
    letters = [
        IssuedLetter(2025, i + 1, dt.date(2025, 1, 10), LetterDraft(
            f"000.35.20.H37-240105-{i:04d}", "Nguyễn Văn An", "Đăng ký khai sinh",
            Moment(dt.datetime(2024, 1, 5, 8)), Moment(dt.datetime(2024, 1, 8, 16, 30), True),
            "Hồ sơ cần xác minh thêm.", dt.date(2025, 1, 15), 3), "x.docx")
        for i in range(count)
    ]  # fmt: skip
    start = time.perf_counter()
    composer = None
    for letter in letters:
        doc = DocxTemplate(str(template))
        doc.render({"phieu": [letter_context(letter, unit)]}, jinja_env=environment(),
                   autoescape=True)  # fmt: skip
        buffer = io.BytesIO()
        doc.save(buffer)
        buffer.seek(0)
        part = Document(buffer)
        if composer is None:
            composer = Composer(part)
        else:
            composer.append(part)
    composer.save(str(folder / "naive.docx"))
    return (time.perf_counter() - start) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--naive", type=int, default=300, help="letters for the naive way")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
        folder = Path(tmp)
        for size in args.sizes:
            export = folder / f"ho-so-{size}.xlsx"
            # Made in a process of its own: a process's peak memory survives exec, so a big
            # export made here would be counted in the command's peak.
            subprocess.run(
                [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
                 "from pathlib import Path; from synthetic import write_export; "
                 "write_export(Path(sys.argv[2]), int(sys.argv[3]), late_share=0.0, "
                 "open_share=1.0, seed=int(sys.argv[3]))",
                 str(ROOT / "scripts"), str(export), str(size)],
                check=True,
            )  # fmt: skip
            data = workspace(folder / f"ws-{size}")
            seconds, peak = run_command(export, data, folder / f"out-{size}")
            rows.append((size, seconds, peak))
            print(f"{size:>7} letters: {seconds:6.2f} s wall, {seconds / size * 1000:6.3f} ms "
                  f"per letter, peak {peak:5.0f} MB", flush=True)  # fmt: skip
        per_naive = naive(args.naive, folder)
    print()
    print(f"naive (docxtpl per letter + docxcompose), {args.naive} letters: "
          f"{per_naive * 1000:.1f} ms per letter")  # fmt: skip
    print()
    print(f"{'letters':>8} {'wall s':>8} {'ms/letter':>10} {'peak MB':>8} {'× naive':>8}")
    for size, seconds, peak in rows:
        per = seconds / size
        print(f"{size:>8} {seconds:8.2f} {per * 1000:10.3f} {peak:8.0f} {per_naive / per:8.0f}")
    if len(rows) > 1:
        (small, s_time, _), (big, b_time, _) = rows[-2], rows[-1]
        print(f"\ngrowth {small} → {big} letters: time × {b_time / s_time:.1f} for "
              f"× {big / small:.0f} letters")  # fmt: skip


if __name__ == "__main__":
    main()
