"""Ctrl-C and a closed window (SIGINT, SIGTERM) stop a run cleanly: the run's clean-up gives
its letter numbers back and removes its unfinished files. A few steps must not be cut in
two (files being put in place, then marked printed in the register): there the stop waits
until the step is done."""

from __future__ import annotations

import _thread
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

# Signals land in the main thread only; the desk's job threads never defer.
_deferring = 0
_pending = False


class Stopped(KeyboardInterrupt):
    """A run stopped by the officer, with what its clean-up did (said after «Đã dừng.»)."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines


def stop(number: int, frame: FrameType | None) -> None:
    """The handler of SIGINT and SIGTERM: the run stops now, or once its step is done."""
    global _pending
    if _deferring:
        _pending = True
        return
    if _in_finalizer(frame):
        # Raised inside a __del__ (the collector freeing a zip file, say), the stop would be
        # printed as an "ignored" traceback and lost: asked again once the finalizer is done.
        threading.Timer(AGAIN_AFTER, _thread.interrupt_main, (number,)).start()
        return
    raise KeyboardInterrupt


AGAIN_AFTER = 0.01  # seconds: a finalizer's work is far shorter


def _in_finalizer(frame: FrameType | None) -> bool:
    while frame is not None:
        if frame.f_code.co_name == "__del__":
            return True
        frame = frame.f_back
    return False


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
    `stop` for the block; the previous handlers put back after."""
    handlers: dict[signal.Signals, Callable[..., object] | int | None] = {}
    handlers[signal.SIGTERM] = signal.signal(signal.SIGTERM, stop)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        handlers[signal.SIGINT] = signal.signal(signal.SIGINT, stop)
    for closed in _CLOSED:
        if signal.getsignal(closed) == signal.SIG_DFL:
            handlers[closed] = signal.signal(closed, stop)
    try:
        yield
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
