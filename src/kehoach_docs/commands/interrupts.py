"""Ctrl-C and a closed window (SIGINT, SIGTERM) stop a run cleanly: the run's clean-up gives
its letter numbers back and removes its unfinished files. A few steps must not be cut in
two (files being put in place, then marked printed in the register): there the stop waits
until the step is done."""

from __future__ import annotations

import _thread
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from types import FrameType
from typing import Any

# Signals land in the main thread only; the desk's job threads never defer.
_deferring = 0
_pending = False


class Stopped(KeyboardInterrupt):
    """A run stopped by the officer, with what its clean-up did (said after «Đã dừng.»)."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines


def stop(number: int, _frame: FrameType | None) -> None:
    """The handler of SIGINT and SIGTERM: the run stops now, or once its step is done."""
    global _pending, _last
    if _deferring:
        _pending = True
        return
    _last = number
    raise KeyboardInterrupt


# A stop that lands while the collector runs a finalizer (a zip file's __del__, a generator
# left unfinished) is raised there, where Python cannot pass it on: it reports it through
# sys.unraisablehook, as an "ignored" traceback, and goes on as if nothing was asked. While
# a run is stoppable, that hook asks the stop again, from a thread, once the finalizer is
# done; every other such report goes to the hook there was before. (A file object's close()
# run by the collector drops the exception without reporting it: a stop landing there is
# still lost, and a second Ctrl-C is needed.)
AGAIN_AFTER = 0.01  # seconds: a finalizer's work is far shorter
_last = 0  # the signal of the last stop raised
_guard = threading.Lock()
_running = False  # a stoppable block is under way: a stop asked again still has a run to end


def _lost_stop(previous: Callable[[Any], object], report: Any) -> None:
    if isinstance(report.exc_value, KeyboardInterrupt) and _last:
        threading.Thread(target=_ask_again, args=(_last,), daemon=True).start()
        return
    previous(report)


def _ask_again(number: int) -> None:
    time.sleep(AGAIN_AFTER)
    with _guard:
        if not _running:  # the run ended meanwhile: its work is done, nothing to stop
            return
        if hasattr(signal, "pthread_kill"):  # a real signal: it wakes a blocked wait
            signal.pthread_kill(threading.main_thread().ident or 0, number)
        else:
            _thread.interrupt_main(signal.Signals(number))


@contextmanager
def deferred() -> Iterator[None]:
    """A step a stop must not cut in two; a stop asked during it comes right after."""
    global _deferring, _pending
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _deferring += 1
    try:
        yield
    finally:
        _deferring -= 1
        if not _deferring and _pending:
            _pending = False
            raise KeyboardInterrupt


# A terminal window closed: SIGHUP on Linux and macOS, SIGBREAK on Windows (which also
# stands for Ctrl-Break). Each handled only while it still has its default action, so that
# `nohup` and a shell's background job keep theirs.
_CLOSED = [getattr(signal, name) for name in ("SIGHUP", "SIGBREAK") if hasattr(signal, name)]


@contextmanager
def stoppable() -> Iterator[None]:
    """SIGTERM, SIGINT (unless the shell set it aside) and a closed terminal handled by
    `stop` for the block, and a stop lost in a finalizer asked again; the previous handlers
    and hook put back after."""
    global _running, _last
    handlers: dict[signal.Signals, Callable[..., object] | int | None] = {}
    hook = sys.unraisablehook
    try:
        sys.unraisablehook = partial(_lost_stop, hook)
        with _guard:
            _running, _last = True, 0
        handlers[signal.SIGTERM] = signal.signal(signal.SIGTERM, stop)
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            handlers[signal.SIGINT] = signal.signal(signal.SIGINT, stop)
        for closed in _CLOSED:
            if signal.getsignal(closed) == signal.SIG_DFL:
                handlers[closed] = signal.signal(closed, stop)
        yield
    finally:
        with _guard:
            _running = False
        sys.unraisablehook = hook
        for number, handler in handlers.items():
            signal.signal(number, handler)
