"""The browser tests' pages, from one Chromium per test process: starting Playwright's driver
and Chromium costs about a second each time. Each page has a context of its own (cookies,
storage, language), as a browser started for it alone would; a page that needs Chromium
started with other switches gets a browser of its own."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import desk_browser

_started = ExitStack()
_running: dict[str, Any] = {}  # Playwright's driver and the shared browser, once started


def _launch(extra_args: Sequence[str] = ()) -> Any:
    """A Chromium from Playwright's driver (started once: a second cannot run beside it).
    Downloads go to Playwright's own temporary folder: the tests save what they check."""
    executable = desk_browser.chromium()
    if executable is None:
        raise RuntimeError("không tìm thấy Chromium (apt-get install -y chromium)")
    if "playwright" not in _running:
        from playwright.sync_api import sync_playwright

        _running["playwright"] = _started.enter_context(sync_playwright())
    return _running["playwright"].chromium.launch(
        executable_path=executable, args=[*desk_browser.CHROMIUM_ARGS, *extra_args]
    )


def _shared() -> Any:
    browser = _running.get("browser")
    if browser is None or not browser.is_connected():
        browser = _running["browser"] = _launch()
        _started.callback(browser.close)
    return browser


def close() -> None:
    """The shared browser and Playwright's driver ended (at the end of the session)."""
    _running.clear()
    _started.close()


@contextmanager
def browser_page(
    download_dir: Path, locale: str = "vi-VN", extra_args: Sequence[str] = ()
) -> Iterator[Any]:
    """What desk_browser.browser_page gives: a page of Chromium in the language `locale`
    (`download_dir` is not needed: downloads are saved where each test wants them)."""
    own = _launch(extra_args) if extra_args else None
    context = (own or _shared()).new_context(
        accept_downloads=True, locale=locale, viewport={"width": 1280, "height": 900}
    )
    try:
        yield context.new_page()
    finally:
        context.close()
        if own is not None:
            own.close()
