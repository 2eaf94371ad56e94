"""The desk's pages. Each route reads what the officer sent, calls a command, and shows its
result; no rule of the documents lives here."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from flask import (
    Flask,
    Response,
    abort,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from kehoach_docs.commands import serve
from kehoach_docs.web import auth, pages
from kehoach_docs.web.jobs import JobBoard, JobState
from kehoach_docs.web.security import (
    MAX_REQUEST,
    MAX_UPLOAD,
    DeskAddresses,
    Logins,
    LoginThrottle,
    check_csrf,
    clear_uploads,
    csrf_token,
    log,
    output_file,
    same_origin,
    sweep_uploads,
)


@dataclass(frozen=True)
class DeskSettings:
    data: Path
    output: Path
    host: str = "127.0.0.1"
    idle_minutes: int = auth.SESSION_IDLE_MINUTES  # a login unused this long ends

    @property
    def needs_login(self) -> bool:
        """Opened to the office network, or guarded by a password set for a shared computer."""
        return not auth.is_loopback(self.host) or auth.has_password(self.data)


OPEN_PATHS = ("/dang-nhap", "/static/")
FOREIGN_ORIGIN = (
    "Yêu cầu này đến từ một trang khác, không phải từ bàn làm việc, nên không được "
    "làm. Hãy mở bàn làm việc rồi làm lại từ trang của nó."
)


class _PagesCompiled(BytecodeCache):
    """The pages' templates as Jinja compiled them, kept for the process: each app compiles
    a page on its first use of it, and a process may make several apps (one per workspace:
    the tests make hundreds). Jinja checks each against its source's checksum; what the
    code holds of the environment (autoescape, delimiters) is alike in every app, as
    create_app sets it."""

    def __init__(self) -> None:
        self._kept: dict[str, bytes] = {}  # 13 templates of the package at most

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self._kept.get(bucket.key)
        if kept is not None:
            bucket.bytecode_from_string(kept)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._kept[bucket.key] = bucket.bytecode_to_string()


_PAGES_COMPILED = _PagesCompiled()


def create_app(settings: DeskSettings, clock: Callable[[], float] = time.monotonic) -> Flask:
    """The desk's application; `clock` (seconds) times logins and sessions."""
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secrets.token_bytes(32),  # a new key each start: sessions end with the server
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_NAME="kehoach_phien",
        MAX_CONTENT_LENGTH=MAX_REQUEST,  # raised for a form sending a file (guard)
        MAX_FORM_MEMORY_SIZE=2**20,
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.jinja_env.autoescape = True
    app.jinja_env.bytecode_cache = _PAGES_COMPILED
    uploads = serve.upload_folder(settings.data)
    clear_uploads(uploads)
    jobs = JobBoard(settings.output)
    app.extensions["desk"] = pages.Desk(settings.data, settings.output, uploads, jobs)
    addresses = DeskAddresses.of(settings.host)
    throttle = LoginThrottle(clock)
    idle = settings.idle_minutes * 60
    logins = Logins(clock, idle)

    @app.context_processor
    def common() -> dict[str, object]:
        return {"csrf_token": csrf_token, "needs_login": settings.needs_login}

    @app.before_request
    def guard() -> ResponseReturnValue | None:
        # The Host first, before the session is touched: a page answered to another site's
        # name must not even hand out a token.
        port = int(request.environ.get("SERVER_PORT") or 0)
        if not addresses.allows(request.environ.get("HTTP_HOST", ""), port):
            return render_template("tu-choi.html", port=port), 403
        if request.method == "POST":
            source = request.headers.get("Origin") or request.headers.get("Referer")
            # Neither is sent by tools other than browsers; the CSRF token still guards.
            if source is not None and not same_origin(source, request.host, request.scheme):
                abort(403, description=FOREIGN_ORIGIN)
            if request.mimetype == "multipart/form-data":
                request.max_content_length = MAX_UPLOAD + MAX_REQUEST
            sweep_uploads(uploads, idle, jobs.claimed)
            check_csrf()
        if not settings.needs_login or request.path.startswith(OPEN_PATHS):
            return None
        token = session.get("phien")
        if not token:
            return redirect(url_for("login", next=_page_asked()))
        if not logins.use(token, auth.password_stamp(settings.data)):
            # Left unused on a shared computer, the password changed since, or a copy of
            # the cookie kept from before a logout.
            session.clear()
            return redirect(url_for("login", next=_page_asked(), het_han=1))
        return None

    @app.after_request
    def headers(response: Response) -> Response:
        # Nothing from elsewhere: no CDN, no inline script, no framing by another site.
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'"
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        # Our own forms then carry their Origin (with "no-referrer" a browser sends "null");
        # other sites are told nothing.
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    @app.errorhandler(400)
    @app.errorhandler(403)
    @app.errorhandler(404)
    @app.errorhandler(405)
    @app.errorhandler(413)
    def failed(error) -> tuple[str, int]:
        messages = {
            404: "Không có trang hoặc tệp này.",
            405: "Không làm được việc này theo cách đó.",
            413: (
                "Tệp tải lên lớn hơn 20 MB."
                if request.mimetype == "multipart/form-data"
                else "Yêu cầu gửi lên lớn quá mức cho phép."
            ),
        }
        # The desk's own refusals carry a Vietnamese description; the framework's are English.
        own = error.description != type(error).description
        text = messages.get(error.code) or (error.description if own else "Yêu cầu không hợp lệ.")
        return render_template("loi.html", message=text, code=error.code), error.code

    @app.errorhandler(500)
    def broke(_error) -> tuple[str, int]:
        # The traceback is on the console (Flask logs it); the officer reads what to do.
        text = (
            "Có lỗi ngoài dự kiến khi làm việc này; không có gì được ghi dở. "
            f"{serve.UNFORESEEN_ON_DESK}"
        )
        return render_template("loi.html", message=text, code=500), 500

    @app.route("/dang-nhap", methods=["GET", "POST"])
    def login():
        if not settings.needs_login:
            return redirect(url_for("pages.overview"))
        if request.method == "GET":
            message = (
                "Đã đăng xuất."
                if "da_thoat" in request.args
                else "Phiên làm việc đã hết hạn (để lâu không dùng, hoặc mật khẩu vừa "
                "được đổi); hãy đăng nhập lại."
                if "het_han" in request.args
                else ""
            )
            return render_template("dang-nhap.html", message=message)
        address = request.remote_addr or "?"
        wait = throttle.wait(address)
        if wait:
            # Refused unread, the right password too: guessing gains nothing while locked.
            log(f"Đăng nhập bị từ chối (đang tạm khóa {wait} giây) từ {address}")
            return _login_page(
                f"Đăng nhập đang tạm khóa vì nhập sai mật khẩu nhiều lần: thử lại sau {wait} giây.",
                429,
            )
        if auth.check_password(settings.data, request.form.get("mat_khau", "")):
            throttle.succeeded(address)
            session.clear()  # a new session: none chosen by someone else carries over
            session["phien"] = logins.open(auth.password_stamp(settings.data))
            return redirect(_own_path(request.args.get("next", "/")))
        count, wait = throttle.failed(address)
        locked = f"; tạm khóa {wait} giây" if wait else ""
        log(f"Đăng nhập sai mật khẩu từ {address} (lần {count} liên tiếp{locked})")
        if wait:
            return _login_page(
                f"Mật khẩu không đúng. Đã sai {count} lần liên tiếp: thử lại sau {wait} giây.", 429
            )
        return _login_page("Mật khẩu không đúng.", 200)

    @app.post("/dang-xuat")
    def logout():
        logins.close(session.get("phien", ""))
        session.clear()
        return redirect(
            url_for("login", da_thoat=1) if settings.needs_login else url_for("pages.overview")
        )

    @app.route("/download/<path:name>")
    def download(name: str):
        path = output_file(settings.output, name)
        return send_file(path, as_attachment=True, download_name=path.name)

    @app.route("/viec/<job_id>")
    def job(job_id: str):
        found = app.extensions["desk"].jobs.get(job_id) or abort(404)
        seen = found.seen()
        if seen.state is JobState.DONE and found.shows:
            # A job that only reads (a preview): its result is a page of its own.
            return redirect(url_for(found.shows, job_id=found.id))
        return render_template("viec.html", job=found, seen=seen)

    @app.route("/viec/<job_id>.json")
    def job_state(job_id: str):
        found = app.extensions["desk"].jobs.get(job_id) or abort(404)
        return jsonify(found.as_json())

    app.register_blueprint(pages.blueprint)
    return app


def _page_asked() -> str:
    """Where to come back after the login: the page asked for, or for a form sent, the page
    it was sent from (its address cannot be opened as a page)."""
    if request.method == "GET":
        return request.path
    return urlsplit(request.referrer or "/").path


def _login_page(message: str, status: int) -> tuple[str, int]:
    return render_template("dang-nhap.html", message=message), status


def _own_path(target: str) -> str:
    """Where to go after the login: a path of this desk only, never another site (a browser
    reads "//x" and "/\\x" as another host)."""
    parts = urlsplit(target)
    if not target.startswith("/") or "\\" in target or parts.scheme or parts.netloc:
        return "/"
    return target
