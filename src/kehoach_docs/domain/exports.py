"""The one-stop export, declared once: the columns a dossier is read from and the file formats
an export comes in. Readers, merging, messages, the unit's settings, the desk and the
synthetic exports all derive what they need from these two tuples (no I/O)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum


class ColumnKind(Enum):
    """How a cell of the column is read into the dossier."""

    TEXT = "text"
    DATE = "date"  # an Excel date or a date typed as text, to a Moment
    CHANNEL = "channel"  # "trực tiếp", "trực tuyến", "bưu chính" (or 1, 2, 3)
    YES_NO = "yes/no"  # "Có"/"Không", "x", 1/0; empty: not said


@dataclass(frozen=True)
class ExportColumn:
    """One column of the export: `name` is the Dossier field it fills."""

    name: str
    label: str  # what officers call it, in messages («Mã hồ sơ»)
    setting: str  # its key under cot_du_lieu in don-vi.yaml, for a header worded otherwise
    aliases: tuple[str, ...]  # the usual headers, folded (textclean.fold)
    kind: ColumnKind = ColumnKind.TEXT
    required: bool = False  # a sheet without it is not read; an empty cell is a row error
    # How a sentence names it when two rows of one dossier differ on it; "": not compared.
    differs_as: str = ""
    # The same few values on many rows (a procedure's name): one copy kept for them all,
    # so that a year's export of 100,000 dossiers does not hold 100,000 copies.
    repeats: bool = False


_D = ColumnKind.DATE


def _names(folded: str) -> tuple[str, ...]:
    return tuple(folded.split())


# In the order messages and the settings list them. The aliases are the national portal's
# sync names and the Vietnamese headers seen in provincial systems.
EXPORT_COLUMNS = (
    ExportColumn(
        "code",
        "Mã hồ sơ",
        "ma_ho_so",
        _names("mahoso masohoso sohoso mahs sohs mahosotthc sobiennhan"),
        required=True,
    ),
    ExportColumn(
        "applicant",
        "Chủ hồ sơ",
        "chu_ho_so",
        _names(
            "chuhoso nguoinop hotennguoinop tennguoinop hotenchuhoso tenchuhoso nguoinophoso "
            "tochuccanhan hotennguoidenghi"
        ),
        required=True,
        differs_as="chủ hồ sơ",
    ),
    ExportColumn(
        "procedure",
        "Tên thủ tục",
        "ten_thu_tuc",
        _names(
            "tentthc tenthutuc thutuc tenthutuchanhchinh thutuchanhchinh tenhoso tentthcdichvucong"
        ),
        required=True,
        differs_as="tên thủ tục",
        repeats=True,
    ),
    ExportColumn(
        "field",
        "Lĩnh vực",
        "linh_vuc",
        _names("tenlinhvuc linhvuc"),
        differs_as="lĩnh vực",
        repeats=True,
    ),
    ExportColumn(
        "channel",
        "Kênh thực hiện",
        "kenh_thuc_hien",
        _names("kenhthuchien hinhthucnop kenhnop hinhthuctiepnhan kenhtiepnhan"),
        ColumnKind.CHANNEL,
        differs_as="hình thức nộp",
    ),
    ExportColumn(
        "address",
        "Địa chỉ",
        "dia_chi",
        _names("diachi diachichuhoso diachinguoinop"),
        differs_as="địa chỉ",
        repeats=True,
    ),
    ExportColumn(
        "phone",
        "Số điện thoại",
        "so_dien_thoai",
        _names("sodienthoai dienthoai sdt sodt"),
        differs_as="điện thoại",
    ),
    ExportColumn(
        "received",
        "Ngày tiếp nhận",
        "ngay_tiep_nhan",
        _names("ngaytiepnhan ngaynhan thoigiantiepnhan ngaynophoso ngaynop"),
        _D,
        required=True,
        differs_as="ngày tiếp nhận",
    ),
    ExportColumn(
        "due",
        "Ngày hẹn trả",
        "ngay_hen_tra",
        _names(
            "ngayhentra ngayhentraketqua hantraketqua hanxuly ngayhen thoigianhentra "
            "hangiaiquyet ngayhentrakq"
        ),
        _D,
        required=True,
        differs_as="ngày hẹn trả",
    ),
    ExportColumn(
        "finished",
        "Ngày có kết quả",
        "ngay_co_ket_qua",
        _names(
            "ngaycoketqua ngayketthucxuly ngayhoanthanh ngayxulyxong ngayketthuc ngaygiaiquyetxong"
        ),
        _D,
        differs_as="ngày có kết quả",
    ),
    ExportColumn(
        "returned",
        "Ngày trả kết quả",
        "ngay_tra",
        _names("ngaytra ngaytraketqua ngaytrakq"),
        _D,
        differs_as="ngày trả kết quả",
    ),
    ExportColumn(
        "status",
        "Trạng thái",
        "trang_thai",
        _names("trangthaihoso trangthai tinhtrang tinhtranghoso"),
        differs_as="trạng thái",
        repeats=True,
    ),
    ExportColumn(
        "paid_online",
        "Thanh toán trực tuyến",
        "thanh_toan_truc_tuyen",
        _names("duocthanhtoantructuyen thanhtoantructuyen dathanhtoantructuyen"),
        ColumnKind.YES_NO,
        differs_as="thanh toán trực tuyến",
    ),
    # Only a column that says "toàn trình" tells a fully online dossier (filed online is not).
    ExportColumn(
        "fully_online",
        "Trực tuyến toàn trình",
        "toan_trinh",
        _names("toantrinh tructuyentoantrinh dvctructuyentoantrinh hosotoantrinh latoantrinh"),
        ColumnKind.YES_NO,
    ),
    ExportColumn(
        "reason",
        "Lý do trễ hạn",
        "ly_do",
        _names("lydo lydotrehan lydochamtre lydoquahan nguyennhantrehan"),
        differs_as="lý do trễ hạn",
    ),
    ExportColumn(
        "new_date",
        "Ngày hẹn trả mới",
        "ngay_hen_lai",
        _names("ngayhenlai ngayhentramoi ngayhentralai ngayhentraketquamoi"),
        _D,
        differs_as="ngày hẹn trả mới",
    ),
)
COLUMN = {column.name: column for column in EXPORT_COLUMNS}
REQUIRED = tuple(column.name for column in EXPORT_COLUMNS if column.required)
DATE_FIELDS = tuple(column.name for column in EXPORT_COLUMNS if column.kind is ColumnKind.DATE)


@dataclass(frozen=True)
class ExportFormat:
    """A kind of file an export is read from."""

    suffix: str  # ".xlsx"
    program: str  # the program messages group it under; "": a text file, named alone
    common: bool = False  # named in short lists, and taken by the desk's upload
    text: bool = False  # rows of text, read as CSV
    checked: bool = False  # read only when its first bytes show it is an export
    shown: str = ""  # how messages name it, when more than its suffix

    @property
    def named(self) -> str:
        return self.shown or self.suffix


# In the order messages list them. .xlsm is an .xlsx with macros: its cells are read, its
# macros never run nor kept. Any other .txt than Excel's "Unicode Text" may be anything.
EXPORT_FORMATS = (
    ExportFormat(".xlsx", "Excel", common=True),
    ExportFormat(".xlsm", "Excel"),
    ExportFormat(".xls", "Excel", common=True),
    ExportFormat(".xlsb", "Excel", common=True),
    ExportFormat(".ods", "LibreOffice", common=True),
    ExportFormat(".csv", "", common=True, text=True),
    ExportFormat(".txt", "", text=True, checked=True, shown=".txt «Unicode Text» của Excel"),
)
COMMON_SUFFIXES = tuple(f.suffix for f in EXPORT_FORMATS if f.common)


def _either(choices: Sequence[str]) -> str:
    """Choices as a sentence lists them: "a, b hoặc c"."""
    if len(choices) < 2:
        return "".join(choices)
    return f"{', '.join(choices[:-1])} hoặc {choices[-1]}"


def formats_by_program() -> str:
    """Every format, grouped under the program that makes it: "Excel (.xlsx, .xls),
    LibreOffice (.ods), .csv hoặc ..."."""
    programs = dict.fromkeys(f.program for f in EXPORT_FORMATS if f.program)
    parts = [
        f"{program} ({', '.join(f.named for f in EXPORT_FORMATS if f.program == program)})"
        for program in programs
    ]
    return _either([*parts, *(f.named for f in EXPORT_FORMATS if not f.program)])
