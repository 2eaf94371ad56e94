"""Starting the desk: checks first (a password for the office network), then a pure-Python
server (Waitress: the same on Windows and Linux, threads, no fork), then the browser."""

from __future__ import annotations

import threading
import webbrowser
from pathlib import Path

from kehoach_docs.commands import serve
from kehoach_docs.web.app import DeskSettings, create_app
from kehoach_docs.web.security import MAX_UPLOAD


def make_server(data: Path, output: Path, host: str, port: int,
                idle_minutes: int = serve.SESSION_IDLE_MINUTES):  # fmt: skip
    """The server, bound and ready (ServeRefused if it may not start as asked)."""
    from waitress import create_server

    data = serve.data_folder(data)
    serve.check_host(data, host)
    if not data.is_dir():
        raise serve.ServeRefused(f"{data}: không tìm thấy thư mục dữ liệu")
    app = create_app(DeskSettings(data=data, output=output, host=host,
                                  idle_minutes=idle_minutes))  # fmt: skip
    # Waitress keeps a whole request before the desk sees it: a body far past any upload is
    # refused by its length, not written to the disk first.
    return create_server(app, host=host, port=port, threads=8, ident="kehoach",
                         max_request_body_size=4 * MAX_UPLOAD)  # fmt: skip


def run(data: Path, output: Path, host: str, port: int, open_browser: bool,
        idle_minutes: int) -> None:  # fmt: skip
    server = make_server(data, output, host, port, idle_minutes)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    address = f"http://{shown}:{server.effective_port}/"
    print(f"Bàn làm việc CCHC đang chạy tại {address} (dừng: Ctrl+C)", flush=True)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(address,)).start()
    try:
        server.run()
    except KeyboardInterrupt:
        print("Đã dừng.", flush=True)
