"""The five pages of the desk: Tổng quan, Kế hoạch, Phiếu xin lỗi, Theo dõi, Báo cáo."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)

from kehoach_docs.commands import appendix, import_plan, serve
from kehoach_docs.commands import letters as letters_command
from kehoach_docs.commands import report as report_command
from kehoach_docs.commands import tracker as tracker_command
from kehoach_docs.commands.outcome import Outcome
from kehoach_docs.web.jobs import Job, JobBoard
from kehoach_docs.web.security import discard_upload, save_upload, upload_path

blueprint = Blueprint("pages", __name__)


@dataclass(frozen=True)
class Desk:
    data: Path
    output: Path
    uploads: Path
    jobs: JobBoard

    def output_files(self, prefix: str = "") -> list[str]:
        if not self.output.is_dir():
            return []
        return sorted(p.name for p in self.output.iterdir()
                      if p.is_file() and p.name.startswith(prefix)
                      and not p.name.startswith("."))  # fmt: skip


def desk() -> Desk:
    return current_app.extensions["desk"]


def _job(title: str, back: str, work, **how: Any) -> object:
    job = desk().jobs.start(title, back, work, **how)
    return redirect(url_for("job", job_id=job.id))


def _failure(page: str, error: Exception, **context: object) -> tuple[str, int]:
    return render_template(page, failure=serve.error_lines(error), **context), 200


@blueprint.route("/")
def overview():
    return render_template("tong-quan.html", view=serve.overview(desk().data),
                           files=desk().output_files())  # fmt: skip


@blueprint.route("/ke-hoach")
def plan():
    try:
        view = serve.appendix_tables(desk().data)
    except Exception as error:
        return _failure("ke-hoach.html", error, tables=[], warnings=[], files=[])
    return render_template("ke-hoach.html", tables=view.tables, warnings=view.warnings,
                           files=desk().output_files("ke-hoach-"),
                           pdf=appendix.pdf_available())  # fmt: skip


@blueprint.post("/ke-hoach/lam")
def plan_documents():
    here = desk()
    pdf = request.form.get("pdf") == "1"

    def work(job: Job) -> Outcome:
        return appendix.run(here.data, here.output, pdf=pdf, progress=job.progress)

    return _job("Làm các phụ lục kế hoạch", url_for("pages.plan"), work)


@blueprint.post("/ke-hoach/nhap/xem")
def preview_import():
    """A signed Word plan read into the plan it gives, shown before anything is saved."""
    here = desk()
    try:
        upload_id, display = save_upload(here.uploads, "tep", ("docx",))
    except ValueError as problem:
        abort(400, description=str(problem))
    source = upload_path(here.uploads, upload_id)
    try:
        view = serve.import_preview(here.data, source, display)
    except Exception as error:
        discard_upload(here.uploads, upload_id)  # nothing to import: the file is not kept
        return _failure("ke-hoach-nhap.html", error, view=None)
    return render_template("ke-hoach-nhap.html", view=view, upload_id=upload_id,
                           display=display, failure=None)  # fmt: skip


@blueprint.post("/ke-hoach/nhap")
def save_import():
    here = desk()
    source = upload_path(here.uploads, request.form.get("tep_id", ""))

    def work(job: Job) -> Outcome:
        return import_plan.run(source, here.data, dt.datetime.now())

    return _job("Nhập kế hoạch từ tệp Word", url_for("pages.plan"), work, upload=source.parent)


@blueprint.route("/phieu-xin-loi")
def letters():
    here = desk()
    year = request.args.get("nam", type=int)
    search = request.args.get("tim", "")
    try:
        # The exports first: a register that cannot be read now hides none of them.
        exports = serve.export_paths(here.data)
        register = serve.register_letters(here.data, year, search)
    except Exception as error:
        return _failure("phieu-xin-loi.html", error, exports=[], years=[], year=None,
                        search=search, rows=[], files=[], register_problem="")  # fmt: skip
    years, rows = register.years, register.letters
    if year is None and years and not search:
        year = years[0]
        rows = [row for row in rows if row.year == year]
    return render_template(
        "phieu-xin-loi.html", exports=exports, years=years, year=year,
        search=search, rows=rows, files=here.output_files("phieu-xin-loi-"),
        register_problem=register.problem,
    )  # fmt: skip


def _export(here: Desk) -> tuple[Path | None, str]:
    """The export the officer chose: the workspace's own (None), or one uploaded now or at
    the preview (kept under an id of ours); with the id to carry to the next step."""
    if request.form.get("nguon") != "tai-len":
        return None, ""
    upload_id = request.form.get("tep_id", "")
    if not upload_id:
        try:
            upload_id, _name = save_upload(here.uploads, "tep", serve.EXPORT_KINDS)
        except ValueError as problem:
            abort(400, description=str(problem))
    return upload_path(here.uploads, upload_id), upload_id


def _letters_day() -> tuple[str, dt.date | None]:
    """The letters' day as the officer typed it (blank: the export's own date) and read."""
    text = request.form.get("ngay", "").strip()
    try:
        return text, serve.typed_day(text)
    except ValueError as problem:
        abort(400, description=f"Ngày tính trễ hạn không hợp lệ: {problem}")


@blueprint.post("/phieu-xin-loi/xem-truoc")
def preview_letters():
    """The three lists on day D, before any number is spent. The export is read by a job,
    never in the request: a small file may hold a sheet that takes long to read."""
    here = desk()
    text, day = _letters_day()
    export, upload_id = _export(here)
    today = dt.date.today()

    def work(job: Job) -> Outcome:
        step = job.progress("Đang đọc tệp hồ sơ và lập danh sách", 1)
        view = serve.letters_preview(here.data, export, day, here.output, today)
        step(1)
        # A day left blank stays blank: the issue then takes the export's date as the
        # preview did, and says so alike.
        job.result = {"view": view, "upload_id": upload_id, "day_asked": text}
        return Outcome()

    return _job("Xem trước phiếu xin lỗi", url_for("pages.letters"), work,
                upload=export.parent if export else None, hand_on=True,
                shows="pages.letters_previewed")  # fmt: skip


@blueprint.route("/phieu-xin-loi/xem-truoc/<job_id>")
def letters_previewed(job_id: str):
    job = desk().jobs.get(job_id)
    if job is None or not job.result:
        abort(404)
    return render_template("phieu-xin-loi-xem.html", failure=None, **job.result)


@blueprint.post("/phieu-xin-loi/cap-so")
def issue_letters():
    here = desk()
    _text, day = _letters_day()
    export, _upload_id = _export(here)
    asked = request.form.getlist("ma")
    pdf = request.form.get("pdf") == "1"

    def work(job: Job) -> Outcome:
        return letters_command.run(export, here.data, day, here.output, today=dt.date.today(),
                                   asked=asked, pdf=pdf, progress=job.progress)  # fmt: skip

    return _job("Cấp số và tạo phiếu xin lỗi", url_for("pages.letters"), work,
                upload=export.parent if export else None)  # fmt: skip


@blueprint.post("/phieu-xin-loi/in-lai")
def reprint_letters():
    """The register's letters chosen (one by its row's button, or those ticked), printed
    again as issued."""
    here = desk()
    one = request.form.get("mot", "")
    codes = [one] if one else request.form.getlist("ma")

    def work(job: Job) -> Outcome:
        return letters_command.reprint(here.data, here.output, codes, progress=job.progress)

    return _job("In lại phiếu xin lỗi", url_for("pages.letters"), work)


@blueprint.route("/theo-doi")
def tracker():
    try:
        view = serve.tracker_view(desk().data)
    except Exception as error:
        return _failure("theo-doi.html", error, view=None)
    return render_template("theo-doi.html", view=view, failure=None)


@blueprint.post("/theo-doi/lam")
def make_tracker():
    here = desk()

    def work(job: Job) -> Outcome:
        return tracker_command.run(here.data)

    return _job("Làm bảng theo dõi tiến độ", url_for("pages.tracker"), work)


@blueprint.route("/theo-doi/tai-ve")
def tracker_file():
    view = serve.tracker_view(desk().data)
    if not view.exists:
        abort(404)
    # Flask reads a relative path from its package folder: give it the absolute one.
    return send_file(view.path.resolve(), as_attachment=True, download_name=view.path.name)


@blueprint.post("/theo-doi/nop")
def take_tracker():
    here = desk()
    try:
        upload_id, shown = save_upload(here.uploads, "tep", ("xlsx",))
    except ValueError as problem:
        abort(400, description=str(problem))
    filled = upload_path(here.uploads, upload_id)

    def work(job: Job) -> Outcome:
        return tracker_command.accept(here.data, filled, shown)

    return _job("Nhận bảng theo dõi đã ghi", url_for("pages.tracker"), work,
                upload=filled.parent)  # fmt: skip


@blueprint.route("/bao-cao")
def report():
    key = request.args.get("ky", "")
    if key and key not in serve.PERIODS:
        abort(404)
    try:
        key = key or serve.latest_period_key(desk().data, dt.date.today())
        view = serve.report_view(desk().data, key)
    except Exception as error:
        return _failure("bao-cao.html", error, key=key, periods=serve.PERIODS, view=None)
    chart = base64.b64encode(view.parts.chart).decode("ascii") if view.parts.chart else None
    return render_template("bao-cao.html", key=key, periods=serve.PERIODS, view=view,
                           chart=chart, columns=serve.STATISTICS_COLUMNS,
                           failure=None)  # fmt: skip


@blueprint.post("/bao-cao/lam")
def make_report():
    here = desk()
    key = request.form.get("ky", "")
    if key not in serve.PERIODS:
        abort(400, description="Chưa chọn kỳ báo cáo.")

    quarter_number, half = serve.period_options(key)
    draft = request.form.get("du_thao") == "1"

    def work(job: Job) -> Outcome:
        return report_command.run(here.data, here.output, False, quarter_number, half, None,
                                  None, draft=draft)  # fmt: skip

    return _job("Làm bản dự thảo báo cáo" if draft else "Làm báo cáo",
                url_for("pages.report", ky=key), work)  # fmt: skip
