"""Starting the desk: checks first (a password for the office network), then a pure-Python
server (Waitress: the same on Windows and Linux, threads, no fork), then the browser."""

from __future__ import annotations

import ipaddress
import socket
import threading
import webbrowser
from pathlib import Path

from kehoach_docs.commands import serve
from kehoach_docs.web import auth
from kehoach_docs.web.app import DeskSettings, create_app
from kehoach_docs.web.security import MAX_UPLOAD


def make_server(
    data: Path, output: Path, host: str, port: int, idle_minutes: int = auth.SESSION_IDLE_MINUTES
):
    """The server, bound and ready (ServeRefused if it may not start as asked)."""
    from waitress.server import create_server

    data = serve.data_folder(data)
    auth.check_host(data, host)
    if not data.is_dir():
        raise serve.ServeRefused(f"{data}: không tìm thấy thư mục dữ liệu")
    app = create_app(DeskSettings(data=data, output=output, host=host, idle_minutes=idle_minutes))
    # Waitress keeps a whole request before the desk sees it: a body far past any upload is
    # refused by its length, not written to the disk first.
    return create_server(
        app, host=host, port=port, threads=8, ident="kehoach", max_request_body_size=4 * MAX_UPLOAD
    )


def run(
    data: Path, output: Path, host: str, port: int, open_browser: bool, idle_minutes: int
) -> None:
    server = make_server(data, output, host, port, idle_minutes)
    port = server.effective_port
    office = host in ("0.0.0.0", "::")
    shown = "127.0.0.1" if office else host
    address = f"http://{shown}:{port}/"
    if office:
        print("Bàn làm việc CCHC đang chạy cho mạng cơ quan (dừng: Ctrl+C).", flush=True)
        print(office_line(port, with_v6=host == "::"), flush=True)
        print(f"Trên chính máy này mở {address}", flush=True)
    else:
        print(f"Bàn làm việc CCHC đang chạy tại {address} (dừng: Ctrl+C)", flush=True)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(address,)).start()
    try:
        server.run()
    except KeyboardInterrupt:
        print("Đã dừng.", flush=True)


def office_line(port: int, with_v6: bool) -> str:
    """What colleagues on the office network type: this computer's addresses and name (the
    desk's own 127.0.0.1 means their own computer to them)."""
    found = [f"http://{name}:{port}/" for name in lan_addresses(with_v6)]
    found.append(f"http://{socket.gethostname()}:{port}/")
    return "Máy khác trong mạng cơ quan mở một trong các địa chỉ: " + ", ".join(found)


def lan_addresses(with_v6: bool) -> list[str]:
    """This computer's addresses others can reach (not loopback, not link-local), from its
    name and from the interface of its default route, found with the standard library."""
    seen: list[str] = []
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, proto=socket.IPPROTO_TCP)
    except OSError:  # a name the resolver does not know
        infos = []
    candidates = [str(info[4][0]) for info in infos]
    for family, probe in ((socket.AF_INET, "10.255.255.255"), (socket.AF_INET6, "fd00::1")):
        # Connecting a UDP socket sends nothing: it only picks the interface that would.
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as udp:
                udp.connect((probe, 9))
                candidates.append(str(udp.getsockname()[0]))
        except OSError:  # no route of that family
            pass
    for text in candidates:
        try:
            ip = ipaddress.ip_address(text.split("%")[0])
        except ValueError:
            continue
        if (
            ip.is_loopback
            or ip.is_link_local
            or ip.is_unspecified
            or (ip.version == 6 and not with_v6)
        ):
            continue
        shown = f"[{ip}]" if ip.version == 6 else str(ip)
        if shown not in seen:
            seen.append(shown)
    return seen
