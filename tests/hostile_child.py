"""One case of the hostile corpus as `kehoach` in a process of its own (test_hostile.py).

The process is forked by multiprocessing's fork server, which has imported the program
once: each of the two hundred cases pays for its own run, not for Python's imports again.
What the case may use is measured from the fork on, under the same limits as before."""

from __future__ import annotations

import io
import os
import resource
import signal
import sys

from kehoach_docs.cli import main

# The ceiling set in the child: far above what any case may use, below what takes CI down.
ADDRESS_SPACE = 3 << 30


def _own_peak() -> int:
    """Kilobytes: VmHWM belongs to this process's own memory (the fork server's pages it
    shares count too, a little more than a fresh interpreter's)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _write_peak(path: str) -> None:
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(path, "w") as out:
        out.write(f"{max(_own_peak(), children)} {sum(u.ru_utime + u.ru_stime for u in usage)}")


def run(
    argv: list[str], cwd: str, env: dict[str, str], output: str, peak: str, file_size_limit: int
) -> None:
    """`kehoach ARGV` in cwd with env; stdout and stderr both into `output` (in the order
    written), its peak memory and processor time into `peak`."""
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    opened = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    for fd in (1, 2):
        os.dup2(opened, fd)
    os.close(opened)
    # The streams Python makes for a pipe.
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8")
    sys.stderr = io.TextIOWrapper(
        io.FileIO(2, "w", closefd=False),
        encoding="utf-8",
        errors="backslashreplace",
        line_buffering=True,
    )
    sys.argv = ["-c", *argv]
    if file_size_limit:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))
    try:
        main(argv)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        _write_peak(peak)


def imported(names: list[str], path: str) -> None:
    """Which of `names` the process had imported when it was forked, into `path`."""
    with open(path, "w") as out:
        out.write(" ".join(name for name in names if name in sys.modules))
