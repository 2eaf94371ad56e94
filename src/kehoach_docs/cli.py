"""The `kehoach` command: parses arguments, calls the jobs, reports in Vietnamese."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kehoach_docs.domain.dates import DateValueError, parse_day
from kehoach_docs.domain.problems import InputError, Problem, Problems
from kehoach_docs.outputs.folder import OutputRefused
from kehoach_docs.render.engine import TemplateFault

EXIT_INPUT, EXIT_USAGE = 1, 2  # 0 on success

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

DATA_OPTION = click.option(
    "--data",
    "data",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("data"),
    metavar="THƯ_MỤC",
    help="Thư mục dữ liệu của đơn vị: don-vi.yaml, ke-hoach.yaml, templates/ (mặc định: data).",
)
OUT_OPTION = click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    metavar="THƯ_MỤC",
    help="Thư mục ghi văn bản kết quả (mặc định: output).",
)
FORCE_OPTION = click.option(
    "--force",
    is_flag=True,
    help="Ghi đè cả tệp kết quả đã được sửa sau lần ghi trước.",
)


def today() -> dt.date:
    return dt.date.today()


class DayType(click.ParamType):
    name = "ngày"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None):
        if isinstance(value, dt.date):
            return value
        try:
            return parse_day(str(value))
        except DateValueError as exc:
            self.fail(str(exc), param, ctx)


class NumberType(click.ParamType):
    name = "số"

    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None):
        text = str(value).strip()
        if not text.isdigit() or not self.low <= int(text) <= self.high:
            self.fail(f"phải là số từ {self.low} đến {self.high}, không phải «{text}»", param, ctx)
        return int(text)


AS_OF_OPTION = click.option(
    "--as-of",
    "as_of",
    type=DayType(),
    default=None,
    metavar="NGÀY",
    help="Ngày tính trễ hạn và ghi trên phiếu, dạng YYYY-MM-DD hoặc DD/MM/YYYY "
    "(mặc định: hôm nay).",
)


class VietnameseCommand(click.Command):
    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(
            ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), "Cách dùng: "
        )

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [
            record
            for param in self.get_params(ctx)
            if isinstance(param, click.Option) and (record := param.get_help_record(ctx))
        ]
        if rows:
            with formatter.section("Tùy chọn"):
                formatter.write_dl(rows)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        return ["[TÙY_CHỌN]" if piece == "[OPTIONS]" else piece for piece in pieces]


class VietnameseGroup(VietnameseCommand, click.Group):
    command_class = VietnameseCommand

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [
            (name, command.get_short_help_str(limit=80))
            for name in self.list_commands(ctx)
            if (command := self.get_command(ctx, name)) is not None and not command.hidden
        ]
        if rows:
            with formatter.section("Lệnh"):
                formatter.write_dl(rows)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return ["[TÙY_CHỌN]", "LỆNH", "[ĐỐI_SỐ]..."]


def _help_option() -> Callable[[Any], Any]:
    return click.help_option("-h", "--help", help="Xem hướng dẫn này rồi thoát.")


def _print_problems(problems: Problems) -> None:
    """Errors first, then warnings, each in file and line order."""

    def order(problem: Problem) -> tuple[str, int]:
        return (problem.file, problem.line or 0)

    for problem in sorted(problems.errors, key=order) + sorted(problems.warnings, key=order):
        click.echo(str(problem), err=True)


def _summary(problems: Problems) -> str:
    return f"{len(problems.errors)} lỗi, {len(problems.warnings)} cảnh báo"


@click.group(cls=VietnameseGroup, context_settings=CONTEXT)
@click.version_option(message="kehoach-docs %(version)s", help="Xem phiên bản rồi thoát.")
@_help_option()
def cli() -> None:
    """Kế hoạch, báo cáo cải cách hành chính và phiếu xin lỗi của UBND xã,
    đúng thể thức Nghị định 30/2020/NĐ-CP.

    Chạy «kehoach build» trong thư mục có data/ để làm mọi văn bản vào output/.
    """


@cli.command(context_settings=CONTEXT, short_help="Kiểm tra mọi dữ liệu, liệt kê lỗi và cảnh báo.")
@DATA_OPTION
@_help_option()
def validate(data: Path) -> None:
    """Kiểm tra dữ liệu, tệp hồ sơ, bảng theo dõi và mẫu văn bản; liệt kê mọi lỗi và
    cảnh báo kèm vị trí."""
    from kehoach_docs.commands.validate import check_workspace
    from kehoach_docs.workspace import read_workspace

    problems = Problems()
    workspace = read_workspace(data, problems)
    if workspace is not None:
        check_workspace(workspace, problems)
    _print_problems(problems)
    if problems.errors:
        click.echo(f"Dữ liệu có lỗi: {_summary(problems)}. Hãy sửa các lỗi trên.", err=True)
        sys.exit(EXIT_INPUT)
    click.echo(f"Dữ liệu hợp lệ: {_summary(problems)}.")


def _open(data: Path, with_plan: bool = True):
    from kehoach_docs.workspace import open_workspace

    workspace, problems = open_workspace(data, with_plan)
    if problems.warnings:
        click.echo(
            f"Có {len(problems.warnings)} cảnh báo trong dữ liệu "
            f"(xem bằng: kehoach validate --data {data}).",
            err=True,
        )
    return workspace


def _written(paths: list[Path]) -> None:
    for path in paths:
        click.echo(f"Đã ghi: {path}")


def _progress(label: str, total: int) -> Callable[[int], None]:
    """A progress bar on the terminal (the jobs ask for one only for work of a second or
    more); nothing when the output goes to a file."""
    if not sys.stderr.isatty():
        return lambda _step: None
    bar = click.progressbar(length=total, label=label, file=sys.stderr)
    bar.__enter__()
    done = 0

    def step(count: int) -> None:
        nonlocal done
        done += count
        bar.update(count)
        if done >= total:
            bar.__exit__(None, None, None)

    return step


def _letters(
    workspace, read, as_of: dt.date | None, out: Path, *, pdf: bool = False,
    per_letter: bool = False, reissue: bool = False, force: bool = False,
) -> None:  # fmt: skip
    from kehoach_docs.commands.letters import make_letters

    day = as_of or today()
    run = make_letters(
        workspace, read, day, out, reissue=reissue, per_letter=per_letter, pdf=pdf,
        force=force, progress=_progress,
    )  # fmt: skip
    _print_problems(read.problems)
    code = workspace.unit.letters.code
    click.echo(
        f"Đã đọc {read.rows_read} dòng hồ sơ của {read.source}; {run.late} hồ sơ trễ hạn "
        f"tính đến ngày {day:%d/%m/%Y}."
    )
    if run.issued:
        first, last = run.issued[0], run.issued[-1]
        click.echo(
            f"Cấp mới {len(run.issued)} phiếu, số {first.number:02d}/{code} đến "
            f"{last.number:02d}/{code} năm {first.year}."
        )
    else:
        click.echo("Không có phiếu mới.")
    if run.already_issued:
        again = f"; in lại {run.reprinted} phiếu" if run.reprinted else " (in lại: --reissue)"
        click.echo(f"{run.already_issued} hồ sơ đã có phiếu từ trước{again}.")
    if read.skipped:
        click.echo(f"Bỏ qua {len(read.skipped)} dòng có lỗi:")
        for row in read.skipped:
            click.echo(f"  dòng {row.row}: {'; '.join(row.reasons)}")
    if read.converted_cells:
        click.echo(f"Đã chuyển {read.converted_cells} ô sang chữ Unicode chuẩn (TCVN3, VNI "
                   "hoặc chữ tổ hợp).")  # fmt: skip
    if read.dropped_characters:
        click.echo(f"Đã bỏ {read.dropped_characters} ký tự điều khiển không in được.")
    click.echo(
        f"Tóm tắt: đọc {read.rows_read} dòng, {run.late} hồ sơ trễ hạn, cấp mới "
        f"{len(run.issued)} phiếu, {run.already_issued} hồ sơ đã có phiếu, bỏ qua "
        f"{len(read.skipped)} dòng, chuyển mã {read.converted_cells} ô."
    )
    letters = len(run.issued) + run.reprinted
    if run.pdf_pages is not None and run.pdf_pages != letters:
        click.echo(f"Cảnh báo: PDF có {run.pdf_pages} trang cho {letters} phiếu.", err=True)
    _written(run.written)
    if run.pdf_problem:
        click.echo(run.pdf_problem, err=True)
        sys.exit(EXIT_INPUT)


@cli.command(context_settings=CONTEXT)
@DATA_OPTION
@OUT_OPTION
@FORCE_OPTION
@_help_option()
def appendix(data: Path, out: Path, force: bool) -> None:
    """Làm các phụ lục của kế hoạch, mỗi phụ lục một tệp .docx."""
    from kehoach_docs.commands.appendix import write_appendices

    _written(write_appendices(_open(data), out, force))


@cli.command(context_settings=CONTEXT)
@DATA_OPTION
@OUT_OPTION
@FORCE_OPTION
@_help_option()
@AS_OF_OPTION
def build(data: Path, out: Path, force: bool, as_of: dt.date | None) -> None:
    """Làm mọi văn bản mà dữ liệu cho phép (mặc định: data/ → output/)."""
    from kehoach_docs.commands.appendix import write_appendices
    from kehoach_docs.commands.letters import read_dossiers
    from kehoach_docs.commands.report import latest_quarter, report_inputs
    from kehoach_docs.domain.periods import quarter
    workspace = _open(data)
    export = workspace.export_path
    # Every input is read and checked before anything is written.
    read = read_dossiers(workspace, export) if export.exists() else None
    inputs = report_inputs(workspace, export, read)
    _written(write_appendices(workspace, out, force))
    if read is not None:
        _letters(workspace, read, as_of, out, force=force)
    if not workspace.tracker_path.exists():
        _tracker(workspace)
    plan_year = workspace.the_plan.year
    period = quarter(plan_year, latest_quarter(inputs.tracker), workspace.unit.calendar_periods)
    _report(workspace, period, inputs, out, force)


def _tracker(workspace) -> None:
    from kehoach_docs.commands.tracker import make_tracker

    run = make_tracker(workspace)
    if not run.changed:
        click.echo(f"Bảng theo dõi không đổi: {run.path}")
        return
    if run.backup is not None:
        click.echo(f"Đã sao lưu bảng cũ: {run.backup}")
    for item in run.unmatched:
        click.echo(
            f"Không còn khớp với kế hoạch (đã chép sang trang «Dòng không còn khớp»): "
            f"{item.sheet}, STT {item.number or '-'}: {item.task[:60]}",
            err=True,
        )
    click.echo(f"Đã ghi: {run.path}")


def _report(workspace, period, inputs, out: Path, force: bool) -> None:
    from kehoach_docs.commands.report import make_report

    _print_problems(inputs.problems)
    _written(make_report(workspace, period, inputs, out, force))


@cli.command(context_settings=CONTEXT, short_help="Làm bảng theo dõi tiến độ (Excel).")
@DATA_OPTION
@_help_option()
def tracker(data: Path) -> None:
    """Làm bảng theo dõi tiến độ (Excel) từ kế hoạch, ghi vào thư mục dữ liệu; làm lại khi
    kế hoạch đổi, giữ nguyên những gì đã ghi và sao lưu bảng cũ."""
    _tracker(_open(data))


@cli.command(context_settings=CONTEXT, short_help="Làm báo cáo CCHC quý, 6 tháng hoặc năm.")
@click.option("--quarter", "quarter_number", type=NumberType(1, 4), metavar="SỐ",
              help="Báo cáo quý (1 đến 4).")  # fmt: skip
@click.option("--half", is_flag=True, help="Báo cáo 6 tháng.")
@click.option("--whole-year", is_flag=True, help="Báo cáo năm.")
@click.option("--year", type=NumberType(2000, 2100), metavar="NĂM",
              help="Năm báo cáo (mặc định: năm của kế hoạch).")  # fmt: skip
@click.option(
    "--dossiers",
    "export",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="TỆP_HỒ_SƠ",
    help="Tệp hồ sơ xuất từ phần mềm một cửa (mặc định: data/ho-so-mot-cua.xlsx).",
)
@DATA_OPTION
@OUT_OPTION
@FORCE_OPTION
@_help_option()
def report(quarter_number: int | None, half: bool, whole_year: bool, year: int | None,
           export: Path | None, data: Path, out: Path, force: bool) -> None:  # fmt: skip
    """Làm báo cáo kết quả thực hiện công tác CCHC của một kỳ: quý, 6 tháng hoặc năm."""
    from kehoach_docs.commands.report import report_inputs
    from kehoach_docs.domain.periods import half_year, quarter
    from kehoach_docs.domain.periods import whole_year as year_period
    chosen = [quarter_number is not None, half, whole_year]
    if sum(chosen) != 1:
        raise click.UsageError("chọn đúng một kỳ: --quarter SỐ, --half hoặc --whole-year")
    workspace = _open(data)
    target_year = year or workspace.the_plan.year
    calendar_periods = workspace.unit.calendar_periods
    if quarter_number is not None:
        period = quarter(target_year, quarter_number, calendar_periods)
    elif half:
        period = half_year(target_year, calendar_periods)
    else:
        period = year_period(target_year, calendar_periods)
    inputs = report_inputs(workspace, export or workspace.export_path)
    _report(workspace, period, inputs, out, force)


@cli.command(context_settings=CONTEXT, short_help="Làm phiếu xin lỗi cho hồ sơ trễ hạn.")
@click.argument(
    "export", required=False, type=click.Path(path_type=Path, dir_okay=False),
    metavar="[TỆP_HỒ_SƠ]",
)  # fmt: skip
@DATA_OPTION
@AS_OF_OPTION
@OUT_OPTION
@click.option("--pdf", is_flag=True, help="Làm thêm bản PDF (cần LibreOffice).")
@click.option("--per-letter", is_flag=True, help="Ghi thêm mỗi phiếu một tệp riêng.")
@click.option("--reissue", is_flag=True, help="In lại cả phiếu đã cấp, giữ nguyên số cũ.")
@FORCE_OPTION
@click.option(
    "--skip-bad-rows", is_flag=True,
    help="Bỏ qua dòng hồ sơ có lỗi (liệt kê từng dòng) thay vì dừng lại.",
)  # fmt: skip
@_help_option()
def letters(export: Path | None, data: Path, as_of: dt.date | None, out: Path, pdf: bool,
            per_letter: bool, reissue: bool, force: bool, skip_bad_rows: bool) -> None:  # fmt: skip
    """Làm phiếu xin lỗi cho mọi hồ sơ trễ hạn trong tệp xuất từ phần mềm một cửa
    (mặc định: data/ho-so-mot-cua.xlsx): một tệp .docx để in, mỗi phiếu một trang, và sổ
    theo dõi phiếu."""
    from kehoach_docs.commands.letters import read_dossiers
    workspace = _open(data, with_plan=False)
    read = read_dossiers(workspace, export or workspace.export_path, skip_bad_rows)
    _letters(workspace, read, as_of, out, pdf=pdf, per_letter=per_letter, reissue=reissue,
             force=force)  # fmt: skip


_USAGE_MESSAGES = {
    "No such option": "không có tùy chọn",
    "No such command": "không có lệnh",
    "Missing option": "thiếu tùy chọn",
    "Missing argument": "thiếu đối số",
    "Got unexpected extra argument": "thừa đối số",
    "Invalid value": "giá trị không hợp lệ",
    "requires an argument": "cần một giá trị",
}


def _usage_text(error: click.UsageError) -> str:
    if isinstance(error, click.BadParameter) and error.param is not None:
        names = "/".join(error.param.opts) or error.param.human_readable_name
        return f"giá trị của {names} không hợp lệ: {error.message}"
    if isinstance(error, click.NoSuchOption):
        text = f"không có tùy chọn {error.option_name}"
        if error.possibilities:
            text += f" (có phải ý là {', '.join(sorted(error.possibilities))}?)"
        return text
    message = error.format_message()
    for english, vietnamese in _USAGE_MESSAGES.items():
        if english in message:
            # Click words its messages in English; keep only the name it quotes.
            quoted = re.findall(r"'([^']+)'", message)
            return f"{vietnamese} {quoted[0]}" if quoted else vietnamese
    return message


def main(argv: list[str] | None = None) -> None:
    """Entry point: exit 0 on success, 1 on input errors, 2 on usage errors."""
    try:
        cli.main(args=argv, prog_name="kehoach", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.Abort:
        click.echo("Đã dừng.", err=True)
        sys.exit(EXIT_INPUT)
    except click.UsageError as error:
        if error.ctx is not None:
            click.echo(error.ctx.get_usage(), err=True)
        click.echo(f"Lỗi cách dùng: {_usage_text(error)}", err=True)
        click.echo("Xem hướng dẫn: kehoach --help", err=True)
        sys.exit(EXIT_USAGE)
    except InputError as error:
        _print_problems(error.problems)
        click.echo(
            f"Không ghi văn bản nào vì dữ liệu có lỗi: {_summary(error.problems)}.", err=True
        )
        sys.exit(EXIT_INPUT)
    except OutputRefused as error:
        click.echo(f"{error}\nKhông ghi văn bản nào.", err=True)
        sys.exit(EXIT_INPUT)
    except TemplateFault as error:
        click.echo(
            f"Mẫu văn bản {error.template}: {error.message}\nKhông ghi văn bản nào.", err=True
        )
        sys.exit(EXIT_INPUT)
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        click.echo(f"Không đọc hoặc ghi được tệp{where}: {error.strerror or error}", err=True)
        sys.exit(EXIT_INPUT)


if __name__ == "__main__":
    main()
