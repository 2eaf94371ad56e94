"""The five pages of the desk: Tổng quan, Kế hoạch, Phiếu xin lỗi, Theo dõi, Báo cáo."""

from __future__ import annotations

import base64
import datetime as dt
import io
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from kehoach_docs.commands import appendix, import_plan, serve
from kehoach_docs.commands import letters as letters_command
from kehoach_docs.commands import report as report_command
from kehoach_docs.commands import tracker as tracker_command
from kehoach_docs.commands.letters import LetterRequest
from kehoach_docs.commands.outcome import Outcome
from kehoach_docs.web.jobs import Job, JobBoard
from kehoach_docs.web.security import StaleForm, discard_upload, save_upload, upload_path

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
        return sorted(
            p.name
            for p in self.output.iterdir()
            if p.is_file() and p.name.startswith(prefix) and not p.name.startswith(".")
        )

    @cached_property
    def places(self) -> serve.Places:
        return serve.desk_places(self.data, self.output, self.uploads)


def desk() -> Desk:
    return current_app.extensions["desk"]


PAGES = {
    "pages.overview": "Tổng quan",
    "pages.plan": "Kế hoạch",
    "pages.letters": "Phiếu xin lỗi",
    "pages.tracker": "Theo dõi",
    "pages.report": "Báo cáo",
    "login": "Đăng nhập",
}
# What each form or link of the desk is sent from: its page, and what the officer typed or
# chose in it, kept when they are sent back (after an error, or a form older than the
# desk's restart). A file cannot be kept: the browser asks for it again.
FORMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "pages.plan_documents": ("pages.plan", ()),
    "pages.preview_import": ("pages.plan", ()),
    "pages.save_import": ("pages.plan", ()),
    "pages.restore_plan": ("pages.plan", ()),
    "pages.preview_letters": ("pages.letters", ("nguon", "ngay")),
    "pages.issue_letters": ("pages.letters", ("ngay",)),  # the upload is done with
    "pages.reprint_letters": ("pages.letters", ("nam", "tim", "trang", "ma")),
    "pages.register_export": ("pages.letters", ("nam", "tim", "trang")),
    "pages.make_tracker": ("pages.tracker", ()),
    "pages.take_tracker": ("pages.tracker", ()),
    "pages.tracker_file": ("pages.tracker", ()),
    "pages.make_report": ("pages.report", ("ky",)),
    "login": ("login", ("next",)),
}


KEPT_MAX = 200  # characters of one input kept in the way back to its form


def back_to() -> tuple[str, str]:
    """The address of the form this request came from, with the officer's input in it, and
    the name of its page; Tổng quan for anything else."""
    page, kept = FORMS.get(request.endpoint or "", ("pages.overview", ()))
    sent: MultiDict[str, str]
    try:
        sent = request.values
    except HTTPException:  # a body too large to read (413): nothing of it to keep
        sent = request.args
    # A value longer than any real input (a pasted page) is left out, not sent back whole.
    values = {name: [v for v in sent.getlist(name) if 0 < len(v) <= KEPT_MAX] for name in kept}
    kept_values: dict[str, Any] = {name: v for name, v in values.items() if v}
    return url_for(page, **kept_values), PAGES[page]


@blueprint.app_context_processor
def desk_words() -> dict[str, object]:
    return {"back_to": back_to}


@blueprint.app_template_filter("officer")
def officer(text: str) -> str:
    """A line as the officer reads it: files by the names they know, not server paths."""
    return desk().places.officer(text)


@blueprint.app_errorhandler(StaleForm)
def stale_form(error: StaleForm):
    """A form older than the desk's restart: shown again, with a sentence, nothing done."""
    flash(error.description)
    return redirect(back_to()[0], 303)


def _job(title: str, work, **how: Any) -> object:
    job = desk().jobs.start(title, back_to()[0], work, **how)
    return redirect(url_for("job", job_id=job.id))


def _logged(error: Exception) -> None:
    """The details of a failure nobody foresaw, for the console (the page says what to do)."""
    if not serve.foreseen(error):
        current_app.logger.error("Lỗi ngoài dự kiến", exc_info=error)


def _problem(error: Exception) -> list[str]:
    """Why part of a page cannot be shown, in the officer's words."""
    _logged(error)
    return serve.page_problem(error)


def _failure(page: str, error: Exception, **context: object) -> tuple[str, int]:
    _logged(error)
    return render_template(page, failure=serve.error_lines(error), **context), 200


@blueprint.route("/")
def overview():
    return render_template(
        "tong-quan.html",
        view=serve.overview(desk().data),
        files=desk().output_files(),
        busy=serve.writer_elsewhere(desk().data),
    )


@blueprint.route("/ke-hoach")
def plan():
    """The appendices; while the plan cannot be read, why, in their place, and the rest:
    earlier documents, the import of a Word plan and the backups to restore."""
    here = desk()
    context = {
        "files": here.output_files("ke-hoach-"),
        "pdf": appendix.pdf_available(),
        "backups": serve.saved_plans(here.data),
    }
    try:
        view = serve.appendix_tables(here.data)
    except Exception as error:
        return render_template(
            "ke-hoach.html", tables=[], warnings=[], plan_problem=_problem(error), **context
        )
    return render_template(
        "ke-hoach.html", tables=view.tables, warnings=view.warnings, plan_problem=[], **context
    )


@blueprint.post("/ke-hoach/lam")
def plan_documents():
    here = desk()
    pdf = request.form.get("pdf") == "1"

    def work(job: Job) -> Outcome:
        return appendix.run(here.data, here.output, pdf=pdf, progress=job.progress)

    return _job("Làm các phụ lục kế hoạch", work)


def _keep_absent() -> bool:
    """The officer's choice for the plan's appendices the Word file lacks: kept unless they
    chose to remove them."""
    return request.form.get("phu_luc_vang") != "bo"


@blueprint.post("/ke-hoach/nhap/xem")
def preview_import():
    """A signed Word plan read into the plan it gives, shown before anything is saved; the
    same file again when the officer changes what becomes of the appendices it lacks."""
    here = desk()
    upload_id = request.form.get("tep_id", "")
    if upload_id:
        source = upload_path(here.uploads, upload_id)
        display = request.form.get("ten") or source.name
    else:
        try:
            upload_id, display = save_upload(here.uploads, "tep", ("docx",))
        except ValueError as problem:
            abort(400, description=str(problem))
        source = upload_path(here.uploads, upload_id)
    keep = _keep_absent()
    try:
        view = serve.import_preview(here.data, source, keep)
    except Exception as error:
        discard_upload(here.uploads, upload_id)  # nothing to import: the file is not kept
        return _failure("ke-hoach-nhap.html", error, view=None)
    return render_template(
        "ke-hoach-nhap.html",
        view=view,
        upload_id=upload_id,
        display=display,
        keep=keep,
        failure=None,
    )


@blueprint.post("/ke-hoach/nhap")
def save_import():
    here = desk()
    source = upload_path(here.uploads, request.form.get("tep_id", ""))
    keep = _keep_absent()

    def work(job: Job) -> Outcome:
        return import_plan.run(source, here.data, dt.datetime.now(), keep_absent=keep)

    return _job("Nhập kế hoạch từ tệp Word", work, upload=source.parent)


@blueprint.post("/ke-hoach/khoi-phuc")
def restore_plan():
    here = desk()
    name = request.form.get("ban", "")

    def work(job: Job) -> Outcome:
        return import_plan.restore(here.data, name, dt.datetime.now())

    return _job("Khôi phục kế hoạch từ bản sao lưu", work)


@blueprint.route("/phieu-xin-loi")
def letters():
    """Everything that does not need the unit's settings is offered whatever state they
    are in: the workspace's exports, earlier letters, the register."""
    here = desk()
    register = serve.register_letters(
        here.data,
        request.args.get("nam", type=int),
        request.args.get("tim", ""),
        request.args.get("trang", 1, type=int),
    )
    return render_template(
        "phieu-xin-loi.html",
        exports=serve.export_paths(here.data),
        unit_problems=serve.unit_problems(here.data),
        register=register,
        search=request.args.get("tim", ""),
        files=here.output_files("phieu-xin-loi-"),
        day=request.args.get("ngay", ""),
        upload=request.args.get("nguon") == "tai-len",
        ticked=set(request.args.getlist("ma")),
        all_years=serve.ALL_YEARS,
        busy=serve.writer_elsewhere(here.data),
        export_kinds=serve.EXPORT_KINDS,
    )


def _export(here: Desk) -> tuple[Path | None, str, str]:
    """The export the officer chose: a file sent now (picking a file is choosing it), one
    uploaded at the preview (kept under an id of ours), or else the workspace's own (None);
    with the id to carry to the next step and the name the officer knows it by."""
    sent = request.files.get("tep")
    if sent is not None and sent.filename:
        try:
            upload_id, shown = save_upload(here.uploads, "tep", serve.EXPORT_KINDS)
        except ValueError as problem:
            abort(400, description=str(problem))
        return upload_path(here.uploads, upload_id), upload_id, shown
    upload_id = request.form.get("tep_id", "")
    if upload_id:
        path = upload_path(here.uploads, upload_id)
        return path, upload_id, path.name
    if request.form.get("nguon") == "tai-len":
        abort(400, description="Chưa chọn tệp hồ sơ để tải lên.")
    return None, "", ""


def _source(here: Desk, shown: str) -> str:
    """Which export the letters are made from, as the officer reads it."""
    if shown:
        return f"tệp «{shown}» vừa tải lên"
    names = [f"«{path.name}»" for path in serve.export_paths(here.data)]
    if not names:
        return "thư mục dữ liệu (chưa có tệp hồ sơ nào)"
    return f"{'tệp' if len(names) == 1 else 'các tệp'} của thư mục dữ liệu: {', '.join(names)}"


# The longest way to type a day («31/12/2024 16:30:00», «2024-12-31T16:30:00»), with room.
DAY_TYPED_MAX = 40


def _letters_day(here: Desk) -> tuple[str, LetterRequest]:
    """The letters' day as the officer typed it (blank: the export's own date), and the
    letters job asked for on it."""
    text = request.form.get("ngay", "").strip()
    if len(text) > DAY_TYPED_MAX:  # no day is that long: not said back to the page whole
        abort(400, description="Ngày tính trễ hạn không hợp lệ: gõ ngày dạng dd/mm/yyyy.")
    try:
        return text, serve.letters_request(here.data, here.output, text, dt.date.today())
    except ValueError as problem:
        abort(400, description=f"Ngày tính trễ hạn không hợp lệ: {problem}")


@blueprint.post("/phieu-xin-loi/xem-truoc")
def preview_letters():
    """The three lists on day D, before any number is spent. The export is read by a job,
    never in the request: a small file may hold a sheet that takes long to read."""
    here = desk()
    text, wanted = _letters_day(here)
    export, upload_id, shown = _export(here)
    source = _source(here, shown)

    def work(job: Job) -> Outcome:
        step = job.progress("Đang đọc tệp hồ sơ và lập danh sách", 1)
        view = serve.letters_preview(replace(wanted, export=export))
        step(1)
        # A day left blank stays blank: the issue then takes the export's date as the
        # preview did, and says so alike.
        job.result = {"view": view, "upload_id": upload_id, "day_asked": text, "source": source}
        return Outcome()

    return _job(
        f"Xem trước phiếu xin lỗi từ {source}",
        work,
        upload=export.parent if export else None,
        hand_on=True,
        shows="pages.letters_previewed",
    )


@blueprint.route("/phieu-xin-loi/xem-truoc/<job_id>")
def letters_previewed(job_id: str):
    job = desk().jobs.get(job_id)
    if job is None or not job.result:
        abort(404)
    return render_template("phieu-xin-loi-xem.html", failure=None, **job.result)


@blueprint.post("/phieu-xin-loi/cap-so")
def issue_letters():
    here = desk()
    _text, wanted = _letters_day(here)
    export, _upload_id, shown = _export(here)
    wanted = replace(
        wanted,
        export=export,
        asked=tuple(request.form.getlist("ma")),
        pdf=request.form.get("pdf") == "1",
    )

    def work(job: Job) -> Outcome:
        return letters_command.run(replace(wanted, progress=job.progress))

    return _job(
        f"Cấp số và tạo phiếu xin lỗi từ {_source(here, shown)}",
        work,
        upload=export.parent if export else None,
        saving="Đang lưu tệp phiếu và ghi sổ theo dõi…",
    )


@blueprint.post("/phieu-xin-loi/in-lai")
def reprint_letters():
    """The register's letters chosen (one by its row's button, or those ticked), printed
    again as issued; with none chosen, the officer is told so and nothing starts."""
    here = desk()
    one = request.form.get("mot", "")
    codes = [one] if one else request.form.getlist("ma")
    if not codes:
        flash(
            "Chưa chọn phiếu nào để in lại: đánh dấu ô «Chọn» ở các phiếu cần in rồi bấm lại.",
            "so-theo-doi",
        )
        return redirect(back_to()[0] + "#register", 303)

    def work(job: Job) -> Outcome:
        return letters_command.reprint(here.data, here.output, codes, progress=job.progress)

    return _job("In lại phiếu xin lỗi", work)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@blueprint.route("/phieu-xin-loi/so-theo-doi.xlsx")
def register_export():
    """The register's letters found (the year and search of the page, every page of them)
    as an Excel workbook."""
    try:
        name, data = serve.register_workbook(
            desk().data,
            request.args.get("nam", type=int),
            request.args.get("tim", ""),
            dt.datetime.now(),
        )
    except Exception as error:
        return render_template("loi.html", message=" ".join(_problem(error)), code=503), 503
    return send_file(io.BytesIO(data), mimetype=XLSX, as_attachment=True, download_name=name)


@blueprint.route("/theo-doi")
def tracker():
    """The year's tracker and progress; while the data cannot be read, why, in their place,
    and every year's tracker still offered for download."""
    here = desk()
    trackers = [path.name for path in serve.year_trackers(here.data)]
    try:
        view = serve.tracker_view(here.data)
    except Exception as error:
        return render_template(
            "theo-doi.html", view=None, trackers=trackers, tracker_problem=_problem(error)
        )
    return render_template("theo-doi.html", view=view, trackers=trackers, tracker_problem=[])


@blueprint.post("/theo-doi/lam")
def make_tracker():
    here = desk()

    def work(job: Job) -> Outcome:
        return tracker_command.run(here.data)

    return _job("Làm bảng theo dõi tiến độ", work)


@blueprint.route("/theo-doi/tai-ve/<name>")
def tracker_file(name: str):
    found = {path.name: path for path in serve.year_trackers(desk().data)}
    path = found.get(name) or abort(404)
    # Flask reads a relative path from its package folder: give it the absolute one.
    return send_file(path.resolve(), as_attachment=True, download_name=path.name)


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

    return _job("Nhận bảng theo dõi đã ghi", work, upload=filled.parent)


@blueprint.route("/bao-cao")
def report():
    """The report of the period chosen; while the data cannot be read, why, in its place,
    and the reports made before."""
    here = desk()
    key = request.args.get("ky", "")
    if key and key not in serve.PERIODS:
        abort(404)
    context = {"periods": serve.PERIODS, "files": here.output_files("bao-cao-")}
    try:
        view = serve.report_view(here.data, key, dt.date.today())
    except Exception as error:
        return render_template(
            "bao-cao.html",
            key=key,
            view=None,
            chart=None,
            report_problem=_problem(error),
            **context,
        )
    chart = base64.b64encode(view.parts.chart).decode("ascii") if view.parts.chart else None
    return render_template(
        "bao-cao.html",
        key=view.key,
        view=view,
        chart=chart,
        report_problem=[],
        columns=view.columns,
        **context,
    )


@blueprint.post("/bao-cao/lam")
def make_report():
    here = desk()
    key = request.form.get("ky", "")
    if key not in serve.PERIODS:
        abort(400, description="Chưa chọn kỳ báo cáo.")

    quarter_number, half = serve.period_options(key)
    draft = request.form.get("du_thao") == "1"

    def work(job: Job) -> Outcome:
        return report_command.run(
            here.data, here.output, False, quarter_number, half, None, None, draft=draft
        )

    what = "bản dự thảo báo cáo" if draft else "báo cáo"
    return _job(f"Làm {what} {serve.PERIODS[key][:1].lower()}{serve.PERIODS[key][1:]}", work)
