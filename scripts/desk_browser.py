"""The desk running in this process and the distribution's Chromium driven by Playwright:
shared by the browser tests and scripts/screenshots.py."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from waitress.wasyncore import close_all, loop

from kehoach_docs.web.server import make_server

# The distribution's Chromium, never one downloaded by `playwright install`.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium() -> str | None:
    for candidate in (
        os.environ.get("KEHOACH_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@contextmanager
def running_desk(data: Path, output: Path, port: int = 0) -> Iterator[str]:
    """The desk on 127.0.0.1 (a free port unless one is given); yields its address."""
    server = make_server(data, output, "127.0.0.1", port)
    stopping = threading.Event()

    def serve() -> None:
        # waitress's own run() waits in select() until a socket is closed under it (EBADF
        # in the thread); this loop looks for the stop between short waits instead.
        while not stopping.is_set():
            loop(timeout=0.05, map=server._map, count=1)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        stopping.set()
        thread.join(timeout=10)
        # Its connections too (a browser keeps them open): the address is free again, as
        # when the desk's process ends.
        server.task_dispatcher.shutdown()
        close_all(server._map)


@contextmanager
def browser_page(
    download_dir: Path, locale: str = "vi-VN", extra_args: Sequence[str] = ()
) -> Iterator[object]:
    """A page of Chromium in the language `locale` (what the officer's browser is set to)."""
    from playwright.sync_api import sync_playwright

    executable = chromium()
    if executable is None:
        raise RuntimeError("không tìm thấy Chromium (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[*CHROMIUM_ARGS, *extra_args],
            downloads_path=str(download_dir),
        )
        context = browser.new_context(
            accept_downloads=True, locale=locale, viewport={"width": 1280, "height": 900}
        )
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()
