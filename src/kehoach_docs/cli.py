"""The `kehoach` command: parses arguments, calls one command, prints what it says."""

from __future__ import annotations

import datetime as dt
import re
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kehoach_docs.commands.failures import UNFORESEEN, explain
from kehoach_docs.commands.interrupts import Stopped, stoppable
from kehoach_docs.commands.outcome import Outcome
from kehoach_docs.domain.dates import DateValueError, parse_day
from kehoach_docs.workspace import DEFAULT_DATA, EXAMPLE_OUTPUT, resolve_output

EXIT_INPUT, EXIT_USAGE = 1, 2  # 0 on success

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

DATA_OPTION = click.option(
    "--data",
    "data",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_DATA,
    metavar="THƯ_MỤC",
    help="Thư mục dữ liệu của đơn vị: don-vi.yaml, ke-hoach.yaml, templates/ (mặc định: data).",
)
OUT_OPTION = click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    metavar="THƯ_MỤC",
    help=f"Thư mục ghi văn bản kết quả (mặc định: output; khi chưa có data/ mà chạy dữ liệu "
    f"ví dụ: {EXAMPLE_OUTPUT.as_posix()}).",
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


def _show(outcome: Outcome) -> None:
    """Say what the run did; its exit code is the run's, whether or not the console took
    the words (a closed pipe, a window gone)."""
    for line in outcome.lines:
        try:
            click.echo(line.text, err=line.error)
        except OSError:
            break
    if outcome.failed:
        sys.exit(EXIT_INPUT)


def _console_never_fails() -> None:
    """A console or file in another encoding (cp1252 on a Windows redirect) shows "?" for a
    letter it cannot hold instead of stopping the run with an encoding error."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def _progress(label: str, total: int) -> Callable[[int], None]:
    """A progress bar on the terminal (the commands ask for one only for work of a second or
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


@click.group(cls=VietnameseGroup, context_settings=CONTEXT)
@click.version_option(message="kehoach-docs %(version)s", help="Xem phiên bản rồi thoát.")
@click.option(
    "--debug",
    is_flag=True,
    expose_value=False,
    help="Khi có lỗi không lường trước, in chi tiết kỹ thuật để gửi người phát triển.",
)
@_help_option()
def cli() -> None:
    """Kế hoạch, báo cáo cải cách hành chính và phiếu xin lỗi của UBND xã,
    đúng thể thức Nghị định 30/2020/NĐ-CP.

    Chạy «kehoach build» trong thư mục có data/ để làm mọi văn bản vào output/.
    """


@cli.command(
    context_settings=CONTEXT,
    short_help="Kiểm tra mọi dữ liệu, liệt kê lỗi và cảnh báo.",
    epilog="Ví dụ: kehoach validate --data data",
)
@DATA_OPTION
@OUT_OPTION
@_help_option()
def validate(data: Path, out: Path | None) -> None:
    """Kiểm tra dữ liệu, tệp hồ sơ, bảng theo dõi, mẫu văn bản và sổ theo dõi phiếu (số
    thiếu, phiếu chưa in, tệp phiếu không còn trong thư mục văn bản); liệt kê mọi lỗi và
    cảnh báo kèm vị trí."""
    from kehoach_docs.commands import validate as command

    _show(command.run(data, resolve_output(data, out)))


@cli.command(context_settings=CONTEXT, epilog="Ví dụ: kehoach appendix --out van-ban")
@DATA_OPTION
@OUT_OPTION
@FORCE_OPTION
@click.option("--pdf", is_flag=True, help="Làm thêm bản PDF của mỗi phụ lục (cần LibreOffice).")
@_help_option()
def appendix(data: Path, out: Path | None, force: bool, pdf: bool) -> None:
    """Làm các phụ lục của kế hoạch, mỗi phụ lục một tệp .docx."""
    from kehoach_docs.commands import appendix as command

    _show(command.run(data, resolve_output(data, out), force, pdf, _progress))


@cli.command(context_settings=CONTEXT, epilog="Ví dụ: kehoach build --as-of 30/04/2024")
@DATA_OPTION
@OUT_OPTION
@FORCE_OPTION
@AS_OF_OPTION
@click.option(
    "--du-thao",
    "draft",
    is_flag=True,
    help="Quý mới nhất chưa đủ nội dung thì làm thêm bản dự thảo báo cáo của quý đó "
    "(chữ DỰ THẢO ở đầu trang, các phần còn thiếu được đánh dấu).",
)
@_help_option()
def build(data: Path, out: Path | None, force: bool, as_of: dt.date | None, draft: bool) -> None:
    """Làm mọi văn bản mà dữ liệu cho phép (mặc định: data/ → output/); có lỗi ở bất kỳ
    đâu thì không ghi gì. Báo cáo: của quý mới nhất đã đủ nội dung."""
    from kehoach_docs.commands import build as command

    _show(
        command.run(
            data, resolve_output(data, out), as_of, force, _progress, today=today(), draft=draft
        )
    )


@cli.command(
    context_settings=CONTEXT,
    short_help="Làm bảng theo dõi tiến độ (Excel).",
    epilog="Ví dụ: kehoach tracker --data data",
)
@DATA_OPTION
@_help_option()
def tracker(data: Path) -> None:
    """Làm bảng theo dõi tiến độ (Excel) từ kế hoạch, ghi vào thư mục dữ liệu; làm lại khi
    kế hoạch đổi, giữ nguyên những gì đã ghi và sao lưu bảng cũ."""
    from kehoach_docs.commands import tracker as command

    _show(command.run(data))


@cli.command(
    context_settings=CONTEXT,
    short_help="Làm báo cáo CCHC quý, 6 tháng hoặc năm.",
    epilog="Ví dụ: kehoach report --quarter 2 --dossiers xuat.xlsx",
)
@click.option(
    "--quarter",
    "quarter_number",
    type=NumberType(1, 4),
    metavar="SỐ",
    help="Báo cáo quý (1 đến 4).",
)
@click.option("--half", is_flag=True, help="Báo cáo 6 tháng.")
@click.option("--whole-year", is_flag=True, help="Báo cáo năm.")
@click.option(
    "--year",
    type=NumberType(2000, 2100),
    metavar="NĂM",
    help="Năm báo cáo (mặc định: năm của kế hoạch).",
)
@click.option(
    "--dossiers",
    "export",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="TỆP_HỒ_SƠ",
    help="Một tệp hồ sơ xuất từ phần mềm một cửa (mặc định: mọi tệp trong ho-so-mot-cua/).",
)
@click.option(
    "--as-of",
    "as_of",
    type=DayType(),
    default=None,
    metavar="NGÀY",
    help="Ngày làm báo cáo, dạng YYYY-MM-DD hoặc DD/MM/YYYY (mặc định: hôm nay); kỳ chưa "
    "kết thúc thì số liệu tính đến ngày này.",
)
@click.option(
    "--du-thao",
    "draft",
    is_flag=True,
    help="Kỳ chưa đủ nội dung thì vẫn làm, thành bản dự thảo: chữ DỰ THẢO ở đầu trang "
    "1, tên tệp có «-du-thao», các phần còn thiếu được đánh dấu «CẦN BỔ SUNG».",
)
@DATA_OPTION
@OUT_OPTION
@FORCE_OPTION
@_help_option()
def report(
    quarter_number: int | None,
    half: bool,
    whole_year: bool,
    year: int | None,
    export: Path | None,
    as_of: dt.date | None,
    draft: bool,
    data: Path,
    out: Path | None,
    force: bool,
) -> None:
    """Làm báo cáo kết quả thực hiện công tác CCHC của một kỳ: quý, 6 tháng hoặc năm. Kỳ
    chưa đủ nội dung (mỗi phần có ít nhất một nhiệm vụ có trạng thái của kỳ; Ưu điểm, Tồn
    tại, Nhiệm vụ kỳ tới của kỳ đã ghi) thì không làm, liệt kê chỗ còn thiếu."""
    from kehoach_docs.commands import report as command

    if [quarter_number is not None, half, whole_year].count(True) != 1:
        raise click.UsageError("chọn đúng một kỳ: --quarter SỐ, --half hoặc --whole-year")
    _show(
        command.run(
            data,
            resolve_output(data, out),
            force,
            quarter_number,
            half,
            year,
            export,
            as_of or today(),
            draft,
        )
    )


@cli.command(
    context_settings=CONTEXT,
    short_help="Làm phiếu xin lỗi cho hồ sơ trễ hạn.",
    epilog="Ví dụ: kehoach letters xuat.xlsx --as-of 30/04/2024",
)
@click.argument(
    "export",
    required=False,
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="[TỆP_HỒ_SƠ]",
)
@DATA_OPTION
@AS_OF_OPTION
@OUT_OPTION
@click.option("--pdf", is_flag=True, help="Làm thêm bản PDF (cần LibreOffice).")
@click.option("--per-letter", is_flag=True, help="Ghi thêm mỗi phiếu một tệp riêng.")
@click.option("--reissue", is_flag=True, help="In lại cả phiếu đã cấp, giữ nguyên số cũ.")
@FORCE_OPTION
@click.option(
    "--skip-bad-rows",
    is_flag=True,
    help="Bỏ qua dòng hồ sơ có lỗi (liệt kê từng dòng) thay vì dừng lại.",
)
@click.option(
    "--ma",
    "asked",
    multiple=True,
    metavar="MÃ_HỒ_SƠ",
    help="Làm phiếu cho hồ sơ này dù chưa quá hạn (hồ sơ sắp đến hạn mà biết sẽ không kịp); "
    "ghi nhiều lần cho nhiều hồ sơ.",
)
@click.option(
    "--preview",
    is_flag=True,
    help="Chỉ xem trước: tính và in mọi thứ, không ghi tệp, không cấp số.",
)
@_help_option()
def letters(
    export: Path | None,
    data: Path,
    as_of: dt.date | None,
    out: Path | None,
    pdf: bool,
    per_letter: bool,
    reissue: bool,
    force: bool,
    skip_bad_rows: bool,
    asked: tuple[str, ...],
    preview: bool,
) -> None:
    """Làm phiếu xin lỗi, đề ngày D, cho hồ sơ đến ngày D chưa có kết quả mà đã quá hạn trả,
    trong tệp xuất từ phần mềm một cửa (mặc định: mọi tệp trong ho-so-mot-cua/ của dữ liệu):
    một tệp .docx để in, mỗi phiếu một trang, và sổ theo dõi phiếu. Ngày D là ngày ghi ở
    --as-of, nếu không thì ngày lập tệp hồ sơ."""
    from kehoach_docs.commands import letters as command

    request = command.LetterRequest(
        data,
        resolve_output(data, out),
        today(),
        export=export,
        as_of=as_of,
        asked=asked,
        preview=preview,
        pdf=pdf,
        per_letter=per_letter,
        reissue=reissue,
        force=force,
        skip_bad_rows=skip_bad_rows,
        progress=_progress,
    )
    _show(command.run(request))


@cli.command(
    context_settings=CONTEXT,
    short_help="Mở bàn làm việc CCHC trong trình duyệt.",
    epilog="Ví dụ: kehoach serve --data data",
)
@DATA_OPTION
@OUT_OPTION
@click.option(
    "--port",
    type=NumberType(1, 65535),
    default="8765",
    metavar="CỔNG",
    help="Cổng của trang (mặc định: 8765).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    metavar="ĐỊA_CHỈ",
    help="Địa chỉ mở trang (mặc định: 127.0.0.1, chỉ máy này). Địa chỉ khác, ví dụ "
    "0.0.0.0 cho mạng nội bộ, cần đặt mật khẩu trước.",
)
@click.option(
    "--set-password",
    is_flag=True,
    help="Đặt mật khẩu của bàn làm việc, hoặc đổi mật khẩu đã có, rồi thoát. Đã có "
    "mật khẩu thì bàn làm việc hỏi mật khẩu cả trên máy này; đổi mật khẩu thì "
    "mọi người đang đăng nhập phải đăng nhập lại.",
)
@click.option(
    "--het-phien",
    "idle_minutes",
    type=NumberType(5, 7 * 24 * 60),
    default="480",
    metavar="PHÚT",
    help="Để bàn làm việc không dùng quá bấy nhiêu phút thì phải đăng nhập lại "
    "(mặc định: 480, tức 8 giờ).",
)
@click.option("--no-browser", is_flag=True, help="Không tự mở trình duyệt.")
@_help_option()
def serve(
    data: Path,
    out: Path | None,
    port: int,
    host: str,
    set_password: bool,
    idle_minutes: int,
    no_browser: bool,
) -> None:
    """Mở bàn làm việc CCHC: mọi việc của các lệnh trên, làm trong trình duyệt của máy
    này (mặc định http://127.0.0.1:8765/)."""
    from kehoach_docs.commands.serve import ServeRefused
    from kehoach_docs.web.auth import set_password as store

    try:
        if set_password:
            password = click.prompt(
                "Mật khẩu mới", hide_input=True, confirmation_prompt="Nhập lại mật khẩu"
            )
            path = store(data, password)
            click.echo(f"Đã đặt mật khẩu (lưu dạng băm): {path}")
            return
        from kehoach_docs.web.server import run

        run(data, resolve_output(data, out), host, port, not no_browser, idle_minutes)
    except ServeRefused as refused:
        click.echo(f"Không mở được bàn làm việc: {refused}", err=True)
        sys.exit(EXIT_USAGE)
    except OSError as error:
        click.echo(f"Không mở được cổng {port} trên {host}: {error.strerror or error}", err=True)
        sys.exit(EXIT_INPUT)


@cli.command(
    "init",
    context_settings=CONTEXT,
    short_help="Tạo thư mục dữ liệu mới cho một đơn vị, một năm.",
    epilog="Ví dụ: kehoach init ../cong-son --from examples/hai-yen-2024 --year 2026",
)
@click.argument("folder", type=click.Path(path_type=Path), metavar="THƯ_MỤC")
@click.option(
    "--from",
    "source",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    metavar="THƯ_MỤC",
    help="Mang kế hoạch của thư mục dữ liệu này sang năm mới.",
)
@click.option(
    "--year",
    type=NumberType(2000, 2100),
    metavar="NĂM",
    help="Năm của kế hoạch (mặc định: năm sau năm của --from hoặc năm nay).",
)
@_help_option()
def init(folder: Path, source: Path | None, year: int | None) -> None:
    """Tạo thư mục dữ liệu mới: don-vi.yaml để điền, ke-hoach.yaml (khung trống, hoặc kế
    hoạch của --from mang sang năm mới), thư mục ho-so-mot-cua/ để đặt tệp hồ sơ. Không
    chép tệp hồ sơ, bảng theo dõi hay sổ phiếu của thư mục khác."""
    from kehoach_docs.commands import init as command

    _show(command.run(folder, source, year, today().year))


@cli.command(
    "import-plan",
    context_settings=CONTEXT,
    short_help="Nhập các bảng phụ lục của kế hoạch từ tệp Word.",
    epilog="Ví dụ: kehoach import-plan ke-hoach-2026.docx --data ../cong-son",
)
@click.argument(
    "source", type=click.Path(path_type=Path, dir_okay=False, exists=True), metavar="KẾ_HOẠCH.docx"
)
@DATA_OPTION
@_help_option()
def import_plan(source: Path, data: Path) -> None:
    """Đọc các bảng phụ lục của kế hoạch đã soạn bằng Word (cột nhận theo tên, theo thứ tự
    nào cũng được) và ghi vào ke-hoach.yaml của thư mục dữ liệu; bản cũ được sao lưu. Liệt
    kê mọi ô không xếp được, kèm bảng, dòng, cột."""
    from kehoach_docs.commands import import_plan as command

    _show(command.run(source, data, dt.datetime.now()))


_USAGE_MESSAGES = {
    "No such option": "không có tùy chọn",
    "No such command": "không có lệnh",
    "Missing option": "thiếu tùy chọn",
    "Missing argument": "thiếu đối số",
    "Got unexpected extra argument": "thừa đối số",
    "Invalid value": "giá trị không hợp lệ",
    "requires an argument": "cần một giá trị",
}


# Click's checks of a path, in its own English words: (pattern, Vietnamese).
_PATH_MESSAGES = (
    (r"is a file\.$", "«{}» là một tệp, không phải thư mục"),
    (r"is a directory\.$", "«{}» là một thư mục, không phải tệp"),
    (r"does not exist\.$", "không tìm thấy «{}»"),
    (r"is not readable\.$", "không có quyền đọc «{}»"),
    (r"is not writable\.$", "không có quyền ghi «{}»"),
)


def _parameter_text(message: str) -> str:
    quoted = re.findall(r"'([^']*)'", message)
    for pattern, vietnamese in _PATH_MESSAGES:
        if re.search(pattern, message) and quoted:
            return vietnamese.format(quoted[0])
    return message


def _usage_text(error: click.UsageError) -> str:
    if isinstance(error, click.BadParameter) and error.param is not None:
        names = (
            "/".join(error.param.opts)
            if isinstance(error.param, click.Option)
            else error.param.metavar or error.param.human_readable_name
        )
        return f"giá trị của {names} không hợp lệ: {_parameter_text(error.message)}"
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
    """Entry point: exit 0 on success, 1 on input errors, 2 on usage errors. Every failure
    is a Vietnamese message (commands/failures.py); a traceback only with --debug."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    _console_never_fails()
    try:
        with stoppable():
            cli.main(args=args, prog_name="kehoach", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except (click.Abort, KeyboardInterrupt) as stopped:
        click.echo("Đã dừng.", err=True)
        # click turns a KeyboardInterrupt into Abort, keeping it as the cause.
        cause = stopped.__cause__ if isinstance(stopped, click.Abort) else stopped
        for line in cause.lines if isinstance(cause, Stopped) else []:
            click.echo(line, err=True)
        sys.exit(EXIT_INPUT)
    except click.UsageError as error:
        if error.ctx is not None:
            click.echo(error.ctx.get_usage(), err=True)
        click.echo(f"Lỗi cách dùng: {_usage_text(error)}", err=True)
        click.echo("Xem hướng dẫn: kehoach --help", err=True)
        sys.exit(EXIT_USAGE)
    except SystemExit:
        raise
    except BaseException as error:  # every failure ends in a message, never a traceback
        lines = explain(error)
        if debug or lines is None:
            if debug:
                traceback.print_exc()
            lines = lines or UNFORESEEN
        for line in lines:
            click.echo(line, err=True)
        sys.exit(EXIT_INPUT)


if __name__ == "__main__":
    main()
