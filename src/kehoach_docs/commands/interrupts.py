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
    global _pending, _last, _raised
    if not _block:  # the run is putting its handlers back: its work is done
        return
    if _deferring:
        _pending = True
        return
    _last, _raised = number, _raised + 1
    raise KeyboardInterrupt


# A stop that lands while the collector runs a finalizer (a zip file's __del__, a generator
# left unfinished) is raised there, where Python cannot pass it on: it reports it through
# sys.unraisablehook, as an "ignored" traceback, and goes on as if nothing was asked. While
# a run is stoppable, that hook asks the stop again, from a thread, once the finalizer is
# done, unless the run has ended or a later stop has come through meanwhile; every other
# such report goes to the hook there was before. (A file object's close() run by the
# collector drops the exception without reporting it: a stop landing there is still lost,
# and a second Ctrl-C is needed.)
AGAIN_AFTER = 0.01  # seconds: a finalizer's work is far shorter
_guard = threading.Lock()
_blocks = 0  # stoppable blocks begun in this process
_block = 0  # the one under way, 0 while none is
_last = 0  # the signal of its last stop raised
_raised = 0  # its stops raised


def _lost_stop(previous: Callable[[Any], object], report: Any) -> None:
    if isinstance(report.exc_value, KeyboardInterrupt) and _last:
        # A bare thread: starting it does not wait for it to run, as Thread.start() would
        # (the stop asked again could then land in this very hook).
        _thread.start_new_thread(_ask_again, (_block, _raised, _last))
        return
    previous(report)


def _ask_again(block: int, raised: int, number: int) -> None:
    time.sleep(AGAIN_AFTER)
    with _guard:
        if (_block, _raised) != (block, raised):  # the run has ended, or was stopped since
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
    global _blocks, _block, _last, _raised
    handlers: dict[signal.Signals, Callable[..., object] | int | None] = {}
    hook = sys.unraisablehook
    try:
        sys.unraisablehook = partial(_lost_stop, hook)
        with _guard:
            _blocks += 1
            _block, _last, _raised = _blocks, 0, 0
        handlers[signal.SIGTERM] = signal.signal(signal.SIGTERM, stop)
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            handlers[signal.SIGINT] = signal.signal(signal.SIGINT, stop)
        for closed in _CLOSED:
            if signal.getsignal(closed) == signal.SIG_DFL:
                handlers[closed] = signal.signal(closed, stop)
        yield
    finally:
        try:
            _block = 0  # from here on a stop does nothing, and none is asked again
            with _guard:  # a stop being asked again now is sent before the handlers go
                pass
        finally:
            sys.unraisablehook = hook
            for number, handler in handlers.items():
                signal.signal(number, handler)
