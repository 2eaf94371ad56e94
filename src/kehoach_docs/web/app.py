"""The desk's pages. Each route reads what the officer sent, calls a command, and shows its
result; no rule of the documents lives here."""

from __future__ import annotations

import secrets
import tempfile
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

from kehoach_docs.commands import serve
from kehoach_docs.web import pages
from kehoach_docs.web.jobs import JobBoard
from kehoach_docs.web.security import MAX_UPLOAD, check_csrf, csrf_token, output_file


@dataclass(frozen=True)
class DeskSettings:
    data: Path
    output: Path
    host: str = "127.0.0.1"

    @property
    def needs_login(self) -> bool:
        return not serve.is_loopback(self.host)


OPEN_PATHS = ("/dang-nhap", "/static/")


def create_app(settings: DeskSettings) -> Flask:
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secrets.token_bytes(32),  # a new key each start: sessions end with the server
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_NAME="kehoach_phien",
        MAX_CONTENT_LENGTH=MAX_UPLOAD + 2**20,  # the form's other fields ride along
        MAX_FORM_MEMORY_SIZE=2**20,
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.jinja_env.autoescape = True
    uploads = Path(tempfile.mkdtemp(prefix="kehoach-tai-len-"))
    app.extensions["desk"] = pages.Desk(settings.data, settings.output, uploads,
                                        JobBoard(settings.output))  # fmt: skip

    @app.context_processor
    def common() -> dict[str, object]:
        return {"csrf_token": csrf_token, "needs_login": settings.needs_login}

    @app.before_request
    def guard() -> Response | None:
        if request.method == "POST":
            check_csrf()
        if (settings.needs_login and not session.get("dang_nhap")
                and not request.path.startswith(OPEN_PATHS)):  # fmt: skip
            return redirect(url_for("login", next=request.path))
        return None

    @app.after_request
    def headers(response: Response) -> Response:
        # Nothing from elsewhere: no CDN, no inline script, no framing by another site.
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'"
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.errorhandler(400)
    @app.errorhandler(404)
    @app.errorhandler(405)
    @app.errorhandler(413)
    def failed(error) -> tuple[str, int]:
        messages = {
            404: "Không có trang hoặc tệp này.",
            405: "Không làm được việc này theo cách đó.",
            413: "Tệp tải lên lớn hơn 20 MB.",
        }
        # The desk's own refusals carry a Vietnamese description; the framework's are English.
        own = error.description != type(error).description
        text = messages.get(error.code) or (error.description if own else "Yêu cầu không hợp lệ.")
        return render_template("loi.html", message=text, code=error.code), error.code

    @app.errorhandler(500)
    def broke(_error) -> tuple[str, int]:
        # The traceback is on the console (Flask logs it); the officer reads what to do.
        text = ("Có lỗi ngoài dự kiến khi làm việc này; không có gì được ghi dở. "
                f"{serve.UNFORESEEN_ON_DESK}")  # fmt: skip
        return render_template("loi.html", message=text, code=500), 500

    @app.route("/dang-nhap", methods=["GET", "POST"])
    def login():
        if not settings.needs_login:
            return redirect(url_for("pages.overview"))
        message = ""
        if request.method == "POST":
            if serve.check_password(settings.data, request.form.get("mat_khau", "")):
                session.clear()
                session["dang_nhap"] = True
                return redirect(_own_path(request.args.get("next", "/")))
            message = "Mật khẩu không đúng."
        return render_template("dang-nhap.html", message=message)

    @app.route("/download/<path:name>")
    def download(name: str):
        path = output_file(settings.output, name)
        return send_file(path, as_attachment=True, download_name=path.name)

    @app.route("/viec/<job_id>")
    def job(job_id: str):
        found = app.extensions["desk"].jobs.get(job_id) or abort(404)
        return render_template("viec.html", job=found)

    @app.route("/viec/<job_id>.json")
    def job_state(job_id: str):
        found = app.extensions["desk"].jobs.get(job_id) or abort(404)
        return jsonify(found.as_json())

    app.register_blueprint(pages.blueprint)
    return app


def _own_path(target: str) -> str:
    """Where to go after the login: a path of this desk only, never another site (a browser
    reads "//x" and "/\\x" as another host)."""
    parts = urlsplit(target)
    if not target.startswith("/") or "\\" in target or parts.scheme or parts.netloc:
        return "/"
    return target
