"""What the letters commands say, word for word: the summary of a run or a preview, the
lines about a stopped run's letters and numbers given back, and the problems found in the
export or the request. commands/letters.py decides what to say; this module how."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kehoach_docs.commands.outcome import Outcome
from kehoach_docs.domain.dossiers import Moment
from kehoach_docs.domain.exports import COMMON_SUFFIXES
from kehoach_docs.domain.letters import IssuedLetter, LetterPlan
from kehoach_docs.inputs.export import ExportRead
from kehoach_docs.outputs.register_book import BOOK_FILE, LATE_SHEET

# Where the letters' day came from, as the summary's first line says.
AS_OF_SOURCE = "ngày đã chọn"
TODAY_SOURCE = "hôm nay"

RENDERING = "Đang làm phiếu"
CONVERTING = "Đang chuyển sang PDF"

NO_EXPORT = (
    "chưa có tệp hồ sơ một cửa: chép tệp xuất từ phần mềm một cửa "
    f"({', '.join(COMMON_SUFFIXES)}) vào thư mục này, hoặc ghi tên tệp sau lệnh"
)
WITHDRAWN = "Sổ theo dõi phiếu giữ nguyên: không số phiếu nào được cấp."
NONE_CHOSEN = "chưa chọn phiếu nào để in lại"


def newer_day(day: dt.date, made_on: dt.date) -> str:
    """The letters' day is after the export was made: what was resolved since is not in it."""
    return (
        f"tính đến ngày {day:%d/%m/%Y} nhưng tệp hồ sơ lập ngày {made_on:%d/%m/%Y}: hồ sơ "
        "có kết quả sau ngày lập tệp vẫn bị coi là chưa có kết quả; nên xuất tệp mới"
    )


def asked_wrong(code: str, why: str) -> tuple[str, str]:
    """A dossier asked for that cannot be lettered: on the terminal, on the desk."""
    return f"mã hồ sơ «{code}» ghi ở --ma: {why}", f"hồ sơ «{code}» đã đánh dấu: {why}"


def far_day(day: dt.date, newest: dt.date) -> str:
    return (
        f"ngày đã chọn (--as-of {day:%d/%m/%Y}) sau ngày mới nhất của hồ sơ trong tệp "
        f"({newest:%d/%m/%Y}) hơn một năm: phiếu sẽ đề ngày {day:%d/%m/%Y} và hồ sơ chưa có "
        "kết quả bị tính trễ đến ngày đó. Kiểm tra lại ngày; nếu đúng là ngày đó, chạy lại "
        "với --force"
    )


def not_in_register(code: str) -> str:
    return f"hồ sơ «{code}» chưa có phiếu trong sổ theo dõi"


def numbers(first: int, last: int, code: str) -> str:
    """The numbers of a run of letters: «01/PXL đến 16/PXL», or «01/PXL» for one letter."""
    if first == last:
        return f"{first:02d}/{code}"
    return f"{first:02d}/{code} đến {last:02d}/{code}"


def listed(letters: list[IssuedLetter], code: str) -> str:
    """Numbers as the officer reads them: «01/PXL đến 16/PXL năm 2024; 02/PXL năm 2025»."""
    years: dict[int, list[int]] = {}
    for letter in letters:
        years.setdefault(letter.year, []).append(letter.number)
    parts = []
    for year, found in sorted(years.items()):
        runs: list[list[int]] = []
        for number in sorted(found):
            if runs and number == runs[-1][1] + 1:
                runs[-1][1] = number
            else:
                runs.append([number, number])
        parts.append(", ".join(numbers(a, b, code) for a, b in runs) + f" năm {year}")
    return "; ".join(parts)


def stopped_run(letters: list[IssuedLetter], code: str, name: str, finished: bool) -> str:
    """A stopped run's letters found without their document: put in place now (`finished`),
    or printed in this run's batch."""
    said = (
        f"Lượt chạy trước bị dừng sau khi cấp số phiếu {listed(letters, code)} mà chưa "
        f"ghi tệp {name}"
    )
    if finished:
        return f"{said}; tệp đó đã làm xong nên được ghi lần này."
    return (
        f"{said}; các phiếu đó được in trong lần này (giữ nguyên số, ngày phiếu và ngày hẹn "
        "trả mới)."
    )


def left_unprinted(issued: list[IssuedLetter], code: str) -> str:
    """Numbers that could not be given back: the next run prints them."""
    one = len(issued) == 1
    return (
        f"{'Số phiếu' if one else 'Các số phiếu'} {listed(issued, code)} đã vào sổ theo dõi "
        f"nhưng phiếu chưa ghi được; lần làm phiếu xin lỗi tới sẽ in "
        f"{'phiếu đó' if one else 'các phiếu đó'}."
    )


def not_marked_printed(why: str) -> str:
    return (
        f"Đã ghi các tệp nhưng sổ chưa ghi nhận được là đã in: {why} Lần chạy sau sẽ tự "
        "kiểm tra lại các phiếu đó."
    )


def reprinting(letters: list[IssuedLetter], code: str) -> str:
    found = ", ".join(f"{letter.number:02d}/{code} năm {letter.year}" for letter in letters)
    return (
        f"In lại {len(letters)} phiếu theo sổ theo dõi (giữ nguyên số, ngày phiếu và ngày "
        f"hẹn trả mới): số {found}."
    )


@dataclass(frozen=True)
class Tally:
    """What a run numbered and printed, or a preview would: the summary's counts."""

    new: int  # letters numbered now
    first: int  # the first of their numbers
    already: int  # dossiers lettered before
    reprinted: int = 0
    printed: int = 0  # letters in the batch document, new and reprinted
    pdf_pages: int | None = None
    preview: bool = False


def _moment_text(moment: Moment) -> str:
    return f"{moment.value:%d/%m/%Y %H:%M}" if moment.has_time else f"{moment.day:%d/%m/%Y}"


def summary(
    outcome: Outcome, read: ExportRead, plan: LetterPlan, day_source: str, code: str, tally: Tally
) -> None:
    """What the officer reads, every count given, in three parts: the letters issued now,
    the dossiers due soon, those resolved late without a letter."""
    day = plan.day
    outcome.say(f"Tính đến ngày {day:%d/%m/%Y} ({day_source}).")
    outcome.say(f"Đã đọc {read.rows_read} dòng hồ sơ của {read.source}.")
    for line in _sheet_lines(read):
        outcome.say(line)
    part = "1. Phiếu xin lỗi (hồ sơ chưa có kết quả mà đã quá ngày hẹn trả)"
    count = tally.new
    verb = "sẽ cấp" if tally.preview else "cấp mới"
    if count:
        first = tally.first
        outcome.say(
            f"{part}: {verb} {count} phiếu, số "
            f"{numbers(first, first + count - 1, code)} năm {day.year}."
        )
    else:
        outcome.say(f"{part}: không có phiếu mới.")
    already = tally.already
    if already:
        reprinted = tally.reprinted
        again = f"; in lại {reprinted} phiếu" if reprinted else " (in lại: --reissue)"
        outcome.say(
            f"   {already} hồ sơ đã có phiếu từ trước{again}.",
            f"   {already} hồ sơ đã có phiếu từ trước"
            + (again if reprinted else " (in lại ở «Sổ theo dõi phiếu xin lỗi»)")
            + ".",
        )
    part = "2. Hồ sơ đến hạn trả trong 1 ngày làm việc"
    if plan.due_soon:
        outcome.say(
            f"{part}: {len(plan.due_soon)} hồ sơ. Nếu không trả kịp, phải gửi phiếu "
            "ngay hôm nay: kehoach letters --ma MÃ_HỒ_SƠ.",
            f"{part}: {len(plan.due_soon)} hồ sơ. Nếu không trả kịp, phải gửi phiếu "
            "ngay hôm nay: đánh dấu hồ sơ đó ở danh sách «Sắp đến hạn».",
        )
        for dossier in plan.due_soon:
            assert dossier.due is not None
            outcome.say(
                f"   - {dossier.code}, {dossier.applicant}, hạn trả {_moment_text(dossier.due)}"
            )
    else:
        outcome.say(f"{part}: không có.")
    part = "3. Hồ sơ đã giải quyết trễ hạn mà chưa có phiếu"
    if plan.resolved_late:
        outcome.say(
            f"{part}: {len(plan.resolved_late)} hồ sơ, không làm phiếu vì đã có kết "
            f"quả (xem trang «{LATE_SHEET}» trong {BOOK_FILE})."
        )
    else:
        outcome.say(f"{part}: không có.")
    _cleaned(outcome, read)
    counted = (
        f"Tóm tắt: đọc {read.rows_read} dòng, {verb} {count} phiếu, "
        f"{len(plan.due_soon)} hồ sơ sắp đến hạn, {len(plan.resolved_late)} hồ sơ trễ "
        f"hạn chưa có phiếu, {already} hồ sơ đã có phiếu, bỏ qua {len(read.skipped)} "
        "dòng"
    )
    # The desk's summary leaves out the cells converted: the line above says so when any.
    outcome.say(f"{counted}, chuyển mã {read.converted_cells} ô.", f"{counted}.")
    if tally.preview:
        outcome.say("Xem trước: không ghi tệp nào, không cấp số phiếu nào.")
    elif tally.pdf_pages is not None and tally.pdf_pages != tally.printed:
        outcome.warn(f"Cảnh báo: PDF có {tally.pdf_pages} trang cho {tally.printed} phiếu.")


def _cleaned(outcome: Outcome, read: ExportRead) -> None:
    """The rows skipped and the characters the reader converted or left out."""
    if read.skipped:
        outcome.say(f"Bỏ qua {len(read.skipped)} dòng có lỗi:")
        several = len(read.sheets) > 1
        for row in read.skipped:
            sheet = f"trang «{row.sheet}», " if several and row.sheet else ""
            outcome.say(f"  {sheet}dòng {row.row}: {'; '.join(row.reasons)}")
    if read.converted_cells:
        outcome.say(
            f"Đã chuyển {read.converted_cells} ô sang chữ Unicode chuẩn (TCVN3, VNI "
            "hoặc chữ tổ hợp).",
            f"Đã đọc đúng {read.converted_cells} ô gõ bằng phông chữ cũ (TCVN3, VNI) "
            "hoặc chữ tổ hợp.",
        )
    if read.dropped_characters:
        outcome.say(
            f"Đã bỏ {read.dropped_characters} ký tự điều khiển không in được.",
            f"Đã bỏ {read.dropped_characters} ký tự lạ không in được.",
        )
    if read.invisible_characters:
        outcome.say(
            f"Đã bỏ {read.invisible_characters} ký tự ẩn (đổi chiều chữ hoặc rộng bằng "
            "0) trong tên, mã hồ sơ và các ô chữ khác."
        )


def _sheet_lines(read: ExportRead) -> list[str]:
    """Which sheets were read, for each file that had more than one (a file of one sheet
    needs no word)."""
    files: dict[str, list[str]] = {}
    for sheet in read.sheets:
        files.setdefault(sheet.file, []).append(f"«{sheet.name}» ({sheet.rows} dòng)")
    return [
        f"Đã đọc {len(sheets)} trang của {file}: {', '.join(sheets)}."
        for file, sheets in files.items()
        if len(sheets) > 1
    ]
