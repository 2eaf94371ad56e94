"""The hostile corpus: bad, hostile and faulty inputs made on the fly (nothing binary is
kept in the repository), each with what the program must do with it. test_hostile.py runs
every case in its own process under memory limits.

A case gets a fresh copy of a workspace whose register already holds letters (data/,
out/), breaks something in it, and says the command to run and what must be said."""

from __future__ import annotations

import codecs
import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from conftest import DATA
from exports import HEADERS, row, write_xlsx
from rawxlsx import declare_size, inline, sheet_xml, write_book

AS_OF = "2024-06-30"
REGISTER = "data/so-theo-doi-phieu-xin-loi.sqlite3"
TRACKER = "data/theo-doi-thuc-hien-2024.xlsx"
LETTER_TEMPLATE = "data/templates/phieu-xin-loi.docx"


@dataclass
class Run:
    """What the runner needs besides the command: folders to unmount afterwards, a file
    size limit simulating a full disk where no small disk can be mounted."""

    root: Path
    cleanups: list[Callable[[], None]] = field(default_factory=list)
    just_before: list[Callable[[], None]] = field(default_factory=list)  # after the snapshot
    file_size_limit: int | None = None


@dataclass(frozen=True)
class Case:
    group: str
    name: str
    build: Callable[[Run], list[str]]  # breaks the copy; returns the command's arguments
    says: tuple[str, ...]  # what the message must hold (the file's name first)
    codes: tuple[int, ...] = (1,)
    check: Callable[[Path], None] | None = None  # more, for a case that succeeds


def letters(export: str, *extra: str) -> list[str]:
    return ["letters", export, "--data", "data", "--out", "out", "--as-of", AS_OF, *extra]


def late_rows(count: int = 2, prefix: str = "HS-MOI") -> list[list[object]]:
    return [
        row(f"{prefix}-{i}", applicant=f"Người Nộp Số {i}", due=dt.datetime(2024, 6, 3))
        for i in range(1, count + 1)
    ]


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Text as Windows' Vietnamese code page writes it: letters with their hats and horns
    precomposed, the five tones as combining marks after them."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


# ----------------------------------------------------------------------------- YAML


def yaml_case(
    name: str,
    file: str,
    content: bytes | Callable[[Path], None],
    says: str,
    command: tuple[str, ...] = ("validate",),
) -> Case:
    def build(run: Run) -> list[str]:
        target = run.root / "data" / file
        if callable(content):
            content(target)
        else:
            target.write_bytes(content)
        return [*command, "--data", "data"]

    return Case("yaml", name, build, (file, says))


def _laughs() -> bytes:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    lines += [
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 10)}]" for i in range(8)
    ]
    return ("nam: 2024\n" + "\n".join(lines) + "\n").encode()


def _replace(old: str, new: str) -> Callable[[Path], None]:
    def change(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


YAML_CASES = [
    yaml_case(
        "bell-character",
        "ke-hoach.yaml",
        _replace("nam: 2024", 'nam: "20\x0724"'),
        "ký tự điều khiển",
    ),
    yaml_case(
        "nul-byte",
        "don-vi.yaml",
        _replace("ky_hieu: UBND", "ky_hieu: UB\x00ND"),
        "ký tự điều khiển",
    ),
    yaml_case(
        "nested-brackets",
        "ke-hoach.yaml",
        b"nam: " + b"[" * 100_000 + b"]" * 100_000,
        "lồng nhau quá",
    ),
    yaml_case(
        "nested-mappings",
        "ke-hoach.yaml",
        "".join(f"{' ' * i}k{i}:\n" for i in range(60)).encode() + b" " * 60 + b"x\n",
        "lồng nhau quá",
    ),
    yaml_case("billion-laughs", "ke-hoach.yaml", _laughs(), "bí danh"),
    yaml_case(
        "many-aliases",
        "don-vi.yaml",
        b"a: &a x\nb: [" + b", ".join([b"*a"] * 300) + b"]\n",
        "bí danh",
    ),
    yaml_case("five-megabytes", "ke-hoach.yaml", b"# " + b"x" * (5 << 20) + b"\n", "quá giới hạn"),
    yaml_case("windows-1258", "don-vi.yaml", cp1258("ten_day_du: Ủy ban xã\n"), "UTF-8"),
    yaml_case(
        "utf-16", "ke-hoach.yaml", codecs.BOM_UTF16_LE + "nam: 2024\n".encode("utf-16-le"), "UTF-8"
    ),
    yaml_case("tab-indent", "don-vi.yaml", b"nguoi_ky:\n\tchuc_vu: Chu tich\n", "Tab"),
    yaml_case("unclosed-quote", "ke-hoach.yaml", b'nam: 2024\nso: "05\n', "nháy"),
    yaml_case("colon-in-value", "don-vi.yaml", b"ten_day_du: UBND: xa Hai Yen\n", "«:»"),
    yaml_case("top-level-list", "ke-hoach.yaml", b"- nam: 2024\n- so: 1\n", "nhóm"),
    yaml_case("binary-garbage", "don-vi.yaml", bytes(range(256)) * 4, "UTF-8"),
    yaml_case("empty-file", "ke-hoach.yaml", b"", "ke-hoach.yaml"),
    yaml_case("a-directory", "ke-hoach.yaml", _directory, "thư mục"),
    yaml_case(
        "huge-year",
        "ke-hoach.yaml",
        _replace("nam: 2024", "nam: 99999999999999999999"),
        "2000 đến 2100",
    ),
    yaml_case(
        "duplicate-key",
        "don-vi.yaml",
        _replace("ky_hieu: UBND", "ky_hieu: UBND\nky_hieu: X"),
        "hai lần",
    ),
    yaml_case(
        "python-tag",
        "don-vi.yaml",
        _replace("ky_hieu: UBND", "ky_hieu: !!python/object/apply:os.system [id]"),
        "ky_hieu",
    ),
    yaml_case("alias-to-self-cycle", "ke-hoach.yaml", b"a: &a [*a]\n", "ke-hoach.yaml"),
    yaml_case(
        "letters-reads-unit",
        "don-vi.yaml",
        b"\x00\x01\x02",
        "ký tự điều khiển",
        ("letters", "data/ho-so-mot-cua.xlsx", "--as-of", AS_OF, "--out", "out"),
    ),
]


# --------------------------------------------------------------------------- exports


def export_case(
    name: str,
    file: str,
    make: Callable[[Path], None],
    says: str,
    codes: tuple[int, ...] = (1,),
    check: Callable[[Path], None] | None = None,
    extra: tuple[str, ...] = (),
) -> Case:
    def build(run: Run) -> list[str]:
        make(run.root / file)
        return letters(file, *extra)

    return Case("exports", name, build, (Path(file).name, says), codes, check)


def _header() -> dict[int, list[str]]:
    return {1: [inline(f"{c}1", h) for c, h in zip("ABCDEFGHIJ", HEADERS, strict=True)]}


def _good_rows() -> dict[int, list[str]]:
    rows = _header()
    rows[2] = [
        inline("B2", "HS-X1"),
        inline("C2", "Khai sinh"),
        inline("D2", "Lò Văn Pả"),
        inline("F2", "01/06/2024"),
        inline("G2", "03/06/2024"),
    ]
    return rows


def _sheet(extra_rows: dict[int, list[str]] | None = None, raw: str = "") -> Callable[[Path], None]:
    def make(path: Path) -> None:
        rows = {**_good_rows(), **(extra_rows or {})}
        xml = sheet_xml(rows)
        if raw:
            xml = xml.replace("</sheetData>", raw + "</sheetData>")
        write_book(path, xml)

    return make


def _lying(part: str, declared: int, body: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        rows = _good_rows()
        rows[3] = [inline("B3", "x" * body)]
        write_book(path, sheet_xml(rows), extra={"xl/sharedStrings.xml": "<sst/>"})
        declare_size(path, part, declared)

    return make


def _bytes(data: bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    return make


def _truncated(path: Path) -> None:
    write_xlsx(path, late_rows())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _xlsx_rows(rows: list[list[object]]) -> Callable[[Path], None]:
    return lambda path: write_xlsx(path, rows) and None


def _protected(path: Path) -> None:
    # An .xlsx saved with a password: an OLE compound file holding the encrypted package.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    path.write_bytes(
        header
        + "EncryptionInfo".encode("utf-16-le")
        + b"\x00" * 64
        + "EncryptedPackage".encode("utf-16-le")
        + b"\x00" * 4000
    )


def _corner_xls(path: Path) -> None:
    """A compound file whose Workbook stream has a cell at A1 and one at IV65536 (a few KB
    that calamine would spread over a gigabyte)."""
    import struct

    def record(kind: int, body: bytes) -> bytes:
        return struct.pack("<HH", kind, len(body)) + body

    number = lambda row, col: record(0x0203, struct.pack("<HHHd", row, col, 0, 1.0))  # noqa: E731
    stream = record(0x0809, struct.pack("<HH", 0x0600, 0x0010) + b"\0" * 12)
    stream += number(0, 0) + number(65535, 255) + record(0x000A, b"")
    stream += b"\0" * (4096 - len(stream))  # a regular stream, past the mini-stream cutoff
    sectors = len(stream) // 512
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HH", header, 0x1E, 9, 6)
    struct.pack_into("<IIIIIII", header, 0x2C, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE)
    struct.pack_into("<109I", header, 0x4C, 0, *[0xFFFFFFFF] * 108)
    fat = [0xFFFFFFFD, 0xFFFFFFFE] + [3 + i for i in range(sectors - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))
    directory = bytearray(512)
    for index, (name, kind, start, size) in enumerate(
        [("Root Entry", 5, 0xFFFFFFFE, 0), ("Workbook", 2, 2, len(stream))]
    ):
        encoded = (name + "\0").encode("utf-16-le")
        at = index * 128
        directory[at : at + len(encoded)] = encoded
        struct.pack_into("<HB", directory, at + 64, len(encoded), kind)
        struct.pack_into("<II", directory, at + 116, start, size)
    path.write_bytes(bytes(header) + struct.pack("<128I", *fat) + bytes(directory) + stream)


def biff12(kind: int, body: bytes) -> bytes:
    """One .xlsb record: type and size as 7-bit groups, the high bit saying more follow."""

    def varint(value: int) -> bytes:
        out = bytearray()
        while True:
            out.append((value & 0x7F) | (0x80 if value > 0x7F else 0))
            value >>= 7
            if not value:
                return bytes(out)

    return varint(kind) + varint(len(body)) + body


def _corner_xlsb(path: Path) -> None:
    """An .xlsb whose sheet has a cell at A1 and one at XFD1048576 (calamine would hold the
    whole area between them)."""
    import struct
    import zipfile

    def cells(row: int, column: int) -> bytes:
        header = biff12(0x00, struct.pack("<I", row) + b"\0" * 13)
        return header + biff12(0x05, struct.pack("<IId", column, 0, 1.0))

    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/worksheets/sheet1.bin", cells(0, 0) + cells(1048575, 16383))


def _ods(content: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with zipfile.ZipFile(path, "w") as package:
            package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            package.writestr("content.xml", content)
            package.writestr(
                "META-INF/manifest.xml",
                "<manifest:manifest xmlns:manifest="
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
            )

    return make


_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
_ODS_HUGE = (
    f"<office:document-content {_ODS_NS}><office:body><office:spreadsheet>"
    '<table:table table:name="S"><table:table-row table:number-rows-repeated="1048576">'
    '<table:table-cell table:number-columns-repeated="16384" office:value-type="string">'
    "<text:p>x</text:p></table:table-cell></table:table-row></table:table>"
    "</office:spreadsheet></office:body></office:document-content>"
)
_XXE = '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


def _csv(text: str, encoding: str = "utf-8", bom: bytes = b"") -> Callable[[Path], None]:
    return _bytes(bom + (cp1258(text) if encoding == "cp1258" else text.encode(encoding)))


_CSV_HEAD = "Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Ngày tiếp nhận,Ngày hẹn trả\n"


def _registered(code: str, applicant: str) -> Callable[[Path], None]:
    """The letter of `code` is in the register, addressed exactly to `applicant`."""

    def check(root: Path) -> None:
        with sqlite3.connect(root / REGISTER) as db:
            found = db.execute(
                "SELECT applicant FROM letters WHERE dossier_code = ?", (code,)
            ).fetchall()
        assert found == [(applicant,)], found

    return check


EXPORT_CASES = [
    export_case(
        "far-cell-xfd1048576",
        "xuat.xlsx",
        _sheet({1048576: [inline("XFD1048576", "x")]}),
        "giới hạn",
    ),
    export_case(
        "column-zzzzzzzz", "xuat.xlsx", _sheet({2: [inline("ZZZZZZZZ2", "x")]}), "giới hạn cột"
    ),
    export_case(
        "wide-and-long", "xuat.xlsx", _sheet({200_000: [inline("ZZ200000", "x")]}), "giới hạn"
    ),
    export_case(
        "sheet-declares-3gb",
        "xuat.xlsx",
        _lying("xl/worksheets/sheet1.xml", 3_000_000_000, 10),
        "quá giới hạn",
    ),
    export_case(
        "strings-declare-1gb",
        "xuat.xlsx",
        _lying("xl/sharedStrings.xml", 1_000_000_000, 10),
        "quá giới hạn",
    ),
    export_case(
        "sheet-inflates-past-its-size",
        "xuat.xlsx",
        _lying("xl/worksheets/sheet1.xml", 3000, 20_000_000),
        "mã kiểm tra",
    ),
    export_case(
        "bad-shared-string-index",
        "xuat.xlsx",
        _sheet(raw='<row r="3"><c r="B3" t="s"><v>999999</v></c></row>'),
        "xuat.xlsx",
    ),
    export_case(
        "error-cells",
        "xuat.xlsx",
        _sheet(
            raw='<row r="3"><c r="B3" t="inlineStr"><is><t>HS-E</t></is></c>'
            '<c r="D3" t="e"><v>#N/A</v></c><c r="G3" t="e"><v>#REF!</v></c>'
            "</row>"
        ),
        "bỏ trống",
    ),
    export_case("password-protected", "xuat.xlsx", _protected, "mật khẩu"),
    export_case(
        "not-a-zip", "xuat.xlsx", _bytes(b"Day la van ban, khong phai Excel"), "không phải tệp zip"
    ),
    export_case("empty-xlsx", "xuat.xlsx", _bytes(b""), "xuat.xlsx"),
    export_case("truncated-zip", "xuat.xlsx", _truncated, "xuat.xlsx"),
    export_case(
        "png-named-xlsx", "xuat.xlsx", _bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100), "xuat.xlsx"
    ),
    export_case(
        "no-workbook-part",
        "xuat.xlsx",
        lambda p: zipfile.ZipFile(p, "w").writestr("a.txt", "x"),
        "xuat.xlsx",
    ),
    export_case(
        "malformed-sheet-xml",
        "xuat.xlsx",
        lambda p: write_book(p, "<worksheet><sheetData><row><c"),
        "xuat.xlsx",
    ),
    export_case(
        "xxe-entity",
        "xuat.xlsx",
        lambda p: write_book(p, _XXE + sheet_xml(_good_rows()).replace("Lò Văn Pả", "&x;")),
        "xuat.xlsx",
    ),
    export_case("header-only", "xuat.xlsx", _xlsx_rows([]), "không có phiếu mới", codes=(0,)),
    export_case(
        "formula-like-name",
        "xuat.xlsx",
        _xlsx_rows([row("HS-F1", applicant="@SUM(A1:A2)", due=dt.datetime(2024, 6, 3))]),
        "cấp mới 1 phiếu",
        codes=(0,),
        check=_registered("HS-F1", "@SUM(A1:A2)"),
    ),
    export_case(
        "path-like-code",
        "xuat.xlsx",
        _xlsx_rows([row("../../etc/passwd", due=dt.datetime(2024, 6, 3))]),
        "cấp mới 1 phiếu",
        codes=(0,),
        extra=("--per-letter",),
        check=_registered("../../etc/passwd", "Nguyễn Văn An"),
    ),
    export_case(
        "xls-garbage",
        "xuat.xls",
        _bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 600),
        "xuat.xls",
    ),
    export_case("xls-corner-cells", "xuat.xls", _corner_xls, "8000000 ô"),
    export_case("xlsb-corner-cells", "xuat.xlsb", _corner_xlsb, "quá giới hạn"),
    export_case(
        "xls-text", "xuat.xls", _bytes(b"<html><table><tr><td>x</td></tr></table>"), "xuat.xls"
    ),
    export_case("xlsb-garbage", "xuat.xlsb", _bytes(b"PK\x03\x04" + b"\x00" * 200), "xuat.xlsb"),
    export_case("ods-repeated-everywhere", "xuat.ods", _ods(_ODS_HUGE), "giới hạn"),
    export_case("ods-malformed", "xuat.ods", _ods("<office:document-content"), "xuat.ods"),
    export_case("ods-not-zip", "xuat.ods", _bytes(b"ods? no"), "xuat.ods"),
    export_case(
        "csv-unclosed-quote",
        "xuat.csv",
        _csv(
            _CSV_HEAD + 'HS-1,Khai sinh,"Lương Văn Cường,01/06/2024,03/06/2024\n'
            "HS-2,Kết hôn,Lò Thị Dung,01/06/2024,03/06/2024\n"
        ),
        "dấu nháy kép mở ở dòng 2",
    ),
    export_case(
        "csv-quote-closed-far-below",
        "xuat.csv",
        _csv(
            _CSV_HEAD
            + 'HS-1,Khai sinh,"Lương Văn Cường 2,01/06/2024,03/06/2024\n'
            + "".join(f"HS-{i},Kết hôn,Lò Thị Dung,01/06/2024,03/06/2024\n" for i in range(2, 6))
            + 'HS-9,Khai tử,Cuối",01/06/2024,03/06/2024\n'
        ),
        "dấu nháy kép mở ở dòng 2",
    ),
    export_case(
        "csv-field-200kb",
        "xuat.csv",
        _csv(_CSV_HEAD + 'HS-1,"' + "x" * 200_000 + '",A,01/06/2024,03/06/2024\n'),
        "KB",
    ),
    export_case(
        "csv-nul", "xuat.csv", _csv(_CSV_HEAD + "HS-1,\x00,A,01/06/2024,03/06/2024\n"), "bỏ trống"
    ),
    export_case(
        "csv-binary", "xuat.csv", _bytes(os.urandom(0) + bytes(range(256)) * 40), "xuat.csv"
    ),
    export_case("csv-empty", "xuat.csv", _bytes(b""), "hàng tiêu đề"),
    export_case(
        "csv-utf16-tabs",
        "xuat.csv",
        _csv(
            _CSV_HEAD.replace(",", "\t") + "HS-U1\tKhai sinh\tNông Thị Ánh\t"
            "01/06/2024\t03/06/2024\n",
            "utf-16-le",
            codecs.BOM_UTF16_LE,
        ),
        "cấp mới 1 phiếu",
        codes=(0,),
        check=_registered("HS-U1", "Nông Thị Ánh"),
    ),
    export_case(
        "csv-windows-1258",
        "xuat.csv",
        _csv(
            _CSV_HEAD.replace(",", ";") + "HS-W1;Đăng ký kết hôn;Trần Thị Hường;"
            "01/06/2024;03/06/2024\n",
            "cp1258",
        ),
        "cấp mới 1 phiếu",
        codes=(0,),
        check=_registered("HS-W1", "Trần Thị Hường"),
    ),
    export_case(
        "csv-utf8-bom-semicolon",
        "xuat.csv",
        _csv(
            _CSV_HEAD.replace(",", ";") + "HS-B1;Khai tử;Hà Văn Dũng;01/06/2024;03/06/2024\n",
            bom=codecs.BOM_UTF8,
        ),
        "cấp mới 1 phiếu",
        codes=(0,),
        check=_registered("HS-B1", "Hà Văn Dũng"),
    ),
    export_case(
        "csv-formula-payload",
        "xuat.csv",
        _csv(_CSV_HEAD + "HS-P1,Khai sinh,\"=cmd|' /C calc'!A0\",01/06/2024,03/06/2024\n"),
        "cấp mới 1 phiếu",
        codes=(0,),
        check=_registered("HS-P1", "=cmd|' /C calc'!A0"),
    ),
    export_case("unknown-suffix", "xuat.pdf", _bytes(b"%PDF-1.4"), "chỉ đọc được"),
    export_case("missing-file", "khong-co.xlsx", lambda p: None, "không tìm thấy"),
    export_case("a-directory", "xuat.xlsx", lambda p: p.mkdir(), "là một thư mục", codes=(2,)),
    export_case("a-fifo", "xuat.csv", lambda p: os.mkfifo(p), "xuat.csv"),
    export_case("symlink-loop", "xuat.xlsx", lambda p: p.symlink_to(p), "xuat.xlsx"),
    export_case("dev-zero", "xuat.csv", lambda p: p.symlink_to("/dev/zero"), "xuat.csv"),
    export_case(
        "bad-date", "xuat.xlsx", _xlsx_rows([row("HS-D", due="31/02/2024")]), "ngày không có thật"
    ),
    export_case("duplicate-code", "xuat.xlsx", _xlsx_rows(late_rows(1) + late_rows(1)), "trùng"),
]


# ------------------------------------------------------------------------- templates


def _docx_parts(source: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(source) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def _write_docx(path: Path, parts: dict[str, bytes]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)


def _packaged(name: str) -> Path:
    from kehoach_docs.workspace import find_template

    return find_template(name, None)


def template_case(
    name: str,
    change: Callable[[dict[str, bytes]], dict[str, bytes] | None],
    says: str,
    command: str = "letters",
    file: str = "phieu-xin-loi.docx",
) -> Case:
    def build(run: Run) -> list[str]:
        parts = _docx_parts(_packaged(file))
        changed = change(parts)
        _write_docx(
            run.root / "data" / "templates" / file, changed if changed is not None else parts
        )
        (run.root / "xuat.xlsx").exists() or write_xlsx(run.root / "xuat.xlsx", late_rows())
        if command == "letters":
            return letters("xuat.xlsx")
        if command == "report":
            return ["report", "--quarter", "1", "--data", "data", "--out", "out"]
        if command == "appendix":
            return ["appendix", "--data", "data", "--out", "out"]
        return [command, "--data", "data"]

    return Case("templates", f"{name}-{command}", build, (file, says))


def _in_body(new: str, marker: str = "{{ l.so }}") -> Callable[[dict[str, bytes]], None]:
    """`new` put in the body just before `marker` (a field every letter prints)."""

    def change(parts: dict[str, bytes]) -> None:
        body = parts["word/document.xml"].decode()
        assert marker in body, marker
        parts["word/document.xml"] = body.replace(marker, new + marker, 1).encode()

    return change


def _drop_body(parts: dict[str, bytes]) -> None:
    del parts["word/document.xml"]


def _latin1_body(parts: dict[str, bytes]) -> None:
    parts["word/document.xml"] = parts["word/document.xml"].decode().encode("cp1258", "replace")


def _whole_file(data: bytes) -> Callable[[Run], list[str]]:
    def build(run: Run) -> list[str]:
        target = run.root / LETTER_TEMPLATE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        write_xlsx(run.root / "xuat.xlsx", late_rows())
        return letters("xuat.xlsx")

    return build


def _declared_template(run: Run) -> list[str]:
    target = run.root / LETTER_TEMPLATE
    _write_docx(target, _docx_parts(_packaged("phieu-xin-loi.docx")))
    declare_size(target, "word/document.xml", 2_000_000_000)
    write_xlsx(run.root / "xuat.xlsx", late_rows())
    return letters("xuat.xlsx")


_ESCAPE = "{{ ''.__class__.__mro__[1].__subclasses__() }}"
_LOOP_BOMB = (
    "{% for i in range(1000) %}{% for j in range(1000) %}" + "x" * 200 + "{% endfor %}{% endfor %}"
)

TEMPLATE_CASES = [
    *(
        template_case("no-document-part", _drop_body, "word/document.xml", command)
        for command in ("letters", "validate")
    ),
    *(
        template_case("body-not-utf8", _latin1_body, "UTF-8", command)
        for command in ("letters", "validate")
    ),
    *(
        template_case("sandbox-escape", _in_body(_ESCAPE), "bị cấm", command)
        for command in ("letters", "validate")
    ),
    template_case("range-huge", _in_body("{% for i in range(10**12) %}{% endfor %}"), "range"),
    template_case("output-bomb", _in_body(_LOOP_BOMB), "quá"),
    template_case("power-bomb", _in_body("{{ 9**(9**9) }}"), "lũy thừa"),
    template_case("string-repeat", _in_body("{{ 'x' * 10**9 }}"), "nhân chuỗi"),
    template_case("unknown-field", _in_body("{{ khong_co_truong_nay }}"), "khong_co"),
    template_case("syntax-error", _in_body("{% for %}"), "cú pháp"),
    Case("templates", "declares-2gb", _declared_template, ("phieu-xin-loi.docx", "quá giới hạn")),
    template_case(
        "report-escape",
        _in_body("{{ ky_hieu.__class__ }}", "{{ ky_hieu }}"),
        "bị cấm",
        "report",
        "bao-cao-cchc.docx",
    ),
    template_case(
        "report-escape",
        _in_body("{{ ky_hieu.__class__ }}", "{{ ky_hieu }}"),
        "bị cấm",
        "validate",
        "bao-cao-cchc.docx",
    ),
    template_case(
        "appendix-no-body", _drop_body, "word/document.xml", "appendix", "phu-luc-nhiem-vu.docx"
    ),
    Case(
        "templates",
        "not-a-zip",
        _whole_file(b"Day khong phai tep Word"),
        ("phieu-xin-loi.docx", "không phải tệp Word"),
    ),
    Case("templates", "empty-file", _whole_file(b""), ("phieu-xin-loi.docx", "không phải")),
    Case(
        "templates",
        "zip-of-text",
        _whole_file(b"PK\x05\x06" + b"\x00" * 18),
        ("phieu-xin-loi.docx", "word/document.xml"),
    ),
]


# --------------------------------------------------------------------------- tracker


def tracker_case(
    name: str,
    make: Callable[[Path], None],
    says: str,
    command: str = "report",
    codes: tuple[int, ...] = (1,),
) -> Case:
    def build(run: Run) -> list[str]:
        target = run.root / TRACKER
        if target.is_file() or target.is_symlink():
            target.unlink()
        make(target)
        if command == "report":
            return ["report", "--quarter", "1", "--data", "data", "--out", "out"]
        return [command, "--data", "data"]

    return Case("tracker", f"{name}-{command}", build, (Path(TRACKER).name, says), codes)


def _tracker_edit(change: Callable[[object], None]) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        from openpyxl import load_workbook

        shutil.copy(DATA / Path(TRACKER).name, path)
        book = load_workbook(path)
        change(book)
        book.save(path)

    return make


def _rename_sheet(book) -> None:
    book["Phụ lục I"].title = "PL1 (sửa)"


def _bad_status(book) -> None:
    book["Phụ lục I"]["G5"] = "Xong rồi"


TRACKER_CASES = [
    *(
        tracker_case("not-a-zip", _bytes(b"khong phai excel"), "không", command)
        for command in ("report", "validate", "tracker")
    ),
    *(
        tracker_case(
            "declares-3gb",
            _lying("xl/worksheets/sheet1.xml", 3_000_000_000, 10),
            "quá giới hạn",
            command,
        )
        for command in ("report", "tracker")
    ),
    tracker_case("far-cell", _sheet({1048576: [inline("XFD1048576", "x")]}), "giới hạn"),
    tracker_case("password", _protected, "mật khẩu"),
    tracker_case("a-directory", lambda p: p.mkdir(), "theo-doi", "report"),
    # A sheet renamed by hand is still read (each row by its key).
    tracker_case("renamed-sheet", _tracker_edit(_rename_sheet), "Dữ liệu hợp lệ", "validate", (0,)),
    tracker_case("bad-status", _tracker_edit(_bad_status), "Xong rồi", "validate"),
    tracker_case("truncated", _truncated, "theo-doi", "validate"),
    tracker_case(
        "xxe",
        lambda p: write_book(p, _XXE + sheet_xml({1: [inline("A1", "&x;")]})),
        "theo-doi",
        "validate",
    ),
]


# -------------------------------------------------------------------------- register


def register_case(name: str, make: Callable[[Path], None], says: str) -> Case:
    def build(run: Run) -> list[str]:
        target = run.root / REGISTER
        make(target)
        write_xlsx(run.root / "xuat.xlsx", late_rows())
        return letters("xuat.xlsx")

    return Case("register", name, build, (Path(REGISTER).name, says))


def _replace_register(data: bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.unlink()
        path.write_bytes(data)

    return make


def _corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[100:] = b"\xa5" * (len(data) - 100)
    path.write_bytes(bytes(data))


def _foreign(sql: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.unlink()
        with sqlite3.connect(path) as db:
            db.executescript(sql)
        db.close()

    return make


def _register_dir(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "x").write_text("x")


def _bad_row(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE letters SET letter_date = 'hôm qua' WHERE number = 1")
    db.close()


def _locked(run: Run) -> list[str]:
    """Another run holds the register (a transaction begun and not ended)."""

    def hold() -> None:
        holder = subprocess.Popen(
            [
                "python3",
                "-c",
                "import sqlite3,sys,time; db=sqlite3.connect(sys.argv[1], "
                "isolation_level=None); db.execute('BEGIN EXCLUSIVE'); print('ok', flush=True); "
                "time.sleep(60)",
                str(run.root / REGISTER),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"

        def release() -> None:
            holder.kill()
            holder.wait()

        run.cleanups.append(release)

    run.just_before.append(hold)
    write_xlsx(run.root / "xuat.xlsx", late_rows())
    return letters("xuat.xlsx")


REGISTER_CASES = [
    register_case("text-file", _replace_register(b"so theo doi" * 100), "không phải sổ SQLite"),
    register_case(
        "empty-header-garbage", _replace_register(b"SQLite format 3\x00" + b"\xff" * 4000), "sổ"
    ),
    register_case("corrupt-pages", _corrupt, "sổ"),
    register_case("a-directory", _register_dir, "là một thư mục"),
    register_case(
        "foreign-columns",
        _foreign(
            "CREATE TABLE letters (id INTEGER, note TEXT);INSERT INTO letters VALUES (1, 'x');"
        ),
        "cấu trúc khác",
    ),
    register_case("foreign-tables", _foreign("CREATE TABLE khach (ten TEXT);"), "cấu trúc khác"),
    register_case("bad-row-value", _bad_row, "sổ"),
    Case(
        "register",
        "locked-by-another-run",
        _locked,
        (Path(REGISTER).name, "sổ đang được một lệnh khác dùng"),
    ),
]


# ------------------------------------------------------------------------ file system


def _mount(run: Run, folder: Path, size: str, read_only: bool = False) -> bool:
    """A small tmpfs over `folder` (its files copied in), root only; False elsewhere."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    keep = folder.with_name(folder.name + ".orig")
    folder.rename(keep)
    folder.mkdir()
    done = (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
            capture_output=True,
        ).returncode
        == 0
    )
    if not done:
        folder.rmdir()
        keep.rename(folder)
        return False
    shutil.copytree(keep, folder, dirs_exist_ok=True)
    shutil.rmtree(keep)
    if read_only:
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)

    def unmount() -> None:
        saved = folder.with_name(folder.name + ".saved")
        shutil.copytree(folder, saved, symlinks=True)
        subprocess.run(["umount", "-l", str(folder)], check=True)
        folder.rmdir()
        saved.rename(folder)

    run.cleanups.append(unmount)
    return True


def _full_disk(run: Run) -> list[str]:
    out = run.root / "out"
    if _mount(run, out, "4m"):
        filler = out / ".filler"
        free = shutil.disk_usage(out).free
        filler.write_bytes(b"\0" * max(0, free - 8 * 1024))
        run.cleanups.insert(0, lambda: filler.unlink(missing_ok=True))
    else:
        run.file_size_limit = 8 * 1024  # every write past 8 KB fails, as on a full disk
    write_xlsx(run.root / "xuat.xlsx", late_rows(40))
    return letters("xuat.xlsx")


def _read_only_out(run: Run) -> list[str]:
    out = run.root / "out"
    if not _mount(run, out, "8m", read_only=True):
        out.chmod(0o555)
        run.cleanups.append(lambda: out.chmod(0o755))
    write_xlsx(run.root / "xuat.xlsx", late_rows())
    return letters("xuat.xlsx")


def _read_only_data(run: Run) -> list[str]:
    data = run.root / "data"
    if not _mount(run, data, "8m", read_only=True):
        data.chmod(0o555)
        run.cleanups.append(lambda: data.chmod(0o755))
    write_xlsx(run.root / "xuat.xlsx", late_rows())
    return letters("xuat.xlsx")


def _out_is_file(run: Run) -> list[str]:
    (run.root / "ra.docx").write_text("x")
    write_xlsx(run.root / "xuat.xlsx", late_rows())
    return ["letters", "xuat.xlsx", "--data", "data", "--out", "ra.docx", "--as-of", AS_OF]


def _out_under_file(run: Run) -> list[str]:
    (run.root / "ra.docx").write_text("x")
    write_xlsx(run.root / "xuat.xlsx", late_rows())
    return ["letters", "xuat.xlsx", "--data", "data", "--out", "ra.docx/con", "--as-of", AS_OF]


def _per_letter_folder_is_file(run: Run) -> list[str]:
    write_xlsx(run.root / "xuat.xlsx", late_rows())
    with sqlite3.connect(run.root / REGISTER) as db:
        (last,) = db.execute("SELECT MAX(number) FROM letters WHERE year = 2024").fetchone()
    db.close()
    (run.root / "out" / f"phieu-xin-loi-2024-so-{last + 1:03d}-{last + 2:03d}").write_text("x")
    return letters("xuat.xlsx", "--per-letter")


def _data_is_file(run: Run) -> list[str]:
    shutil.rmtree(run.root / "data")
    (run.root / "data").write_text("x")
    return ["validate", "--data", "data"]


def _data_missing(run: Run) -> list[str]:
    return ["validate", "--data", "khong-co"]


def _templates_is_file(run: Run) -> list[str]:
    (run.root / "data" / "templates").write_text("x")
    write_xlsx(run.root / "xuat.xlsx", late_rows())
    return letters("xuat.xlsx")


def _stale_tmp(run: Run) -> list[str]:
    stale = run.root / "out" / ".phieu-xin-loi-2024-so-900.docx.999999-abcd1234.tmp"
    stale.write_bytes(b"half a document")
    write_xlsx(run.root / "xuat.xlsx", late_rows())
    return letters("xuat.xlsx")


def _stale_gone(root: Path) -> None:
    assert not list((root / "out").glob(".*.tmp")), list((root / "out").glob(".*.tmp"))


def _long_name(run: Run) -> list[str]:
    return letters("x" * 300 + ".xlsx")


def _unknown_option(run: Run) -> list[str]:
    return ["letters", "--khong-co"]


def _bad_day(run: Run) -> list[str]:
    return ["letters", "xuat.xlsx", "--as-of", "31/02/2024"]


FILESYSTEM_CASES = [
    Case("filesystem", "full-disk", _full_disk, ("out", "đầy")),
    Case("filesystem", "read-only-output", _read_only_out, ("out", "")),
    Case("filesystem", "read-only-data", _read_only_data, ("data", "")),
    Case("filesystem", "output-is-a-file", _out_is_file, ("ra.docx", "là một tệp"), (2,)),
    Case("filesystem", "output-under-a-file", _out_under_file, ("ra.docx", "tệp"), (1, 2)),
    Case(
        "filesystem",
        "per-letter-folder-is-a-file",
        _per_letter_folder_is_file,
        ("phieu-xin-loi-2024-so", ""),
    ),
    Case("filesystem", "data-is-a-file", _data_is_file, ("data", "là một tệp"), (2,)),
    Case("filesystem", "data-missing", _data_missing, ("khong-co", "không tìm thấy")),
    # A file named templates is not the workspace's templates folder: the packaged ones serve.
    Case("filesystem", "templates-is-a-file", _templates_is_file, ("cấp mới 2 phiếu", ""), (0,)),
    Case(
        "filesystem",
        "stale-temporary-cleaned",
        _stale_tmp,
        ("cấp mới 2 phiếu", ""),
        (0,),
        _stale_gone,
    ),
    Case("filesystem", "name-too-long", _long_name, ("xxxx", "")),
    Case(
        "filesystem", "unknown-option", _unknown_option, ("--khong-co", "không có tùy chọn"), (2,)
    ),
    Case("filesystem", "impossible-day", _bad_day, ("--as-of", "không có thật"), (2,)),
]

CASES = (
    YAML_CASES + EXPORT_CASES + TEMPLATE_CASES + TRACKER_CASES + REGISTER_CASES + FILESYSTEM_CASES
)


# Issue 17: special files and caps
# -----------------------------------------------------------------------------------------
# Only regular files are read (a FIFO would hang the command, /dev/zero fill the memory),
# outputs that are not regular files are refused before any number is spent, and every reader
# checks its caps from the raw data before it builds anything.


def _fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def _dev_zero(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to("/dev/zero")


def _special_output(
    name: str, make: Callable[[Path], None], *extra: str
) -> Callable[[Run], list[str]]:
    """An output file of the next run (in out/) already there as something else."""

    def build(run: Run) -> list[str]:
        make(run.root / "out" / name)
        write_xlsx(run.root / "xuat.xlsx", late_rows())
        return letters("xuat.xlsx", *extra)

    return build


def _special_template(make: Callable[[Path], None]) -> Callable[[Run], list[str]]:
    def build(run: Run) -> list[str]:
        target = run.root / LETTER_TEMPLATE
        target.parent.mkdir(parents=True, exist_ok=True)
        make(target)
        write_xlsx(run.root / "xuat.xlsx", late_rows())
        return letters("xuat.xlsx")

    return build


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PLAN_DOCX = "ke-hoach.docx"


def _word_cell(text: str, props: str = "") -> str:
    shown = f"<w:tcPr>{props}</w:tcPr>" if props else ""
    return f"<w:tc>{shown}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


_WORD_HEADER = (
    "<w:tr>"
    + "".join(_word_cell(t) for t in ("STT", "Nhiệm vụ", "Kết quả", "Tiến độ", "Chủ trì"))
    + "</w:tr>"
)


def _word_row(*cells: str, props: str = "") -> str:
    shown = f"<w:trPr>{props}</w:trPr>" if props else ""
    return f"<w:tr>{shown}{''.join(cells)}</w:tr>"


def _word_plan(body: str) -> Callable[[Run], list[str]]:
    """`kehoach import-plan` of a Word plan whose body is `body` after an appendix heading."""

    def build(run: Run) -> list[str]:
        xml = (
            f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>Phụ lục I</w:t></w:r></w:p>'
            f"{body}</w:body></w:document>"
        )
        with zipfile.ZipFile(run.root / _PLAN_DOCX, "w", zipfile.ZIP_DEFLATED) as package:
            package.writestr("word/document.xml", xml)
        return ["import-plan", _PLAN_DOCX, "--data", "data"]

    return build


def _word_table(*rows: str) -> str:
    return f"<w:tbl>{_WORD_HEADER}{''.join(rows)}</w:tbl>"


def _plan_fifo(run: Run) -> list[str]:
    os.mkfifo(run.root / _PLAN_DOCX)
    return ["import-plan", _PLAN_DOCX, "--data", "data"]


def _word_case(name: str, build: Callable[[Run], list[str]], says: str) -> Case:
    return Case("yaml", f"word-plan-{name}", build, (_PLAN_DOCX, says))


def _merges(refs: list[str]) -> Callable[[Path], None]:
    """The example's tracker with `refs` merged on its first sheet (written into the XML:
    openpyxl would build every merged cell before saving)."""

    def make(path: Path) -> None:
        merged = "".join(f'<mergeCell ref="{ref}"/>' for ref in refs)
        with zipfile.ZipFile(DATA / Path(TRACKER).name) as source:
            parts = {info.filename: source.read(info) for info in source.infolist()}
        sheet = parts["xl/worksheets/sheet1.xml"].decode()
        assert "<mergeCells" not in sheet
        parts["xl/worksheets/sheet1.xml"] = sheet.replace(
            "</sheetData>", f'</sheetData><mergeCells count="{len(refs)}">{merged}</mergeCells>', 1
        ).encode()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in parts.items():
                package.writestr(name, data)

    return make


def _csv_lines(head: str, line: str, count: int) -> Callable[[Path], None]:
    return _bytes((head + line * count).encode())


_WHOLE_SHEET = "trang «Phụ lục I»: vùng gộp ô A1:XFD1048576 làm số ô gộp vượt quá giới hạn 100000 ô"

ISSUE_17_CASES = [
    # Special files, named with what they are, never opened.
    yaml_case("plan-dev-zero", "ke-hoach.yaml", _dev_zero, "là thiết bị"),
    yaml_case("unit-fifo", "don-vi.yaml", _fifo, "là một đường ống (FIFO)"),
    yaml_case(
        "unit-fifo-letters",
        "don-vi.yaml",
        _fifo,
        "là một đường ống (FIFO)",
        ("letters", "xuat.xlsx", "--as-of", AS_OF, "--out", "out"),
    ),
    *(
        tracker_case("fifo", _fifo, "là một đường ống (FIFO)", command)
        for command in ("report", "validate", "tracker")
    ),
    tracker_case("dev-zero", _dev_zero, "là thiết bị", "report"),
    export_case("fifo-xlsx", "xuat.xlsx", os.mkfifo, "là một đường ống (FIFO)"),
    export_case("dev-zero-xls", "xuat.xls", lambda p: p.symlink_to("/dev/zero"), "là thiết bị"),
    register_case("fifo", _fifo, "là một đường ống (FIFO)"),
    register_case("dev-zero", _dev_zero, "là thiết bị"),
    Case(
        "templates",
        "template-fifo",
        _special_template(os.mkfifo),
        ("phieu-xin-loi.docx", "là một đường ống (FIFO)"),
    ),
    Case(
        "templates",
        "template-dev-zero",
        _special_template(lambda p: p.symlink_to("/dev/zero")),
        ("phieu-xin-loi.docx", "là thiết bị"),
    ),
    Case(
        "filesystem",
        "output-document-fifo",
        _special_output("phieu-xin-loi-2024-so-004-005.docx", os.mkfifo),
        ("phieu-xin-loi-2024-so-004-005.docx", "là một đường ống (FIFO)"),
    ),
    Case(
        "filesystem",
        "output-document-fifo-forced",
        _special_output("phieu-xin-loi-2024-so-004-005.docx", os.mkfifo, "--force"),
        ("phieu-xin-loi-2024-so-004-005.docx", "là một đường ống (FIFO)"),
    ),
    Case(
        "filesystem",
        "output-register-book-dev-zero",
        _special_output("so-theo-doi-phieu-xin-loi.xlsx", _dev_zero),
        ("so-theo-doi-phieu-xin-loi.xlsx", "là thiết bị"),
    ),
    Case(
        "filesystem",
        "output-manifest-fifo",
        _special_output(".kehoach-da-ghi.json", _fifo),
        (".kehoach-da-ghi.json", "là một đường ống (FIFO)"),
    ),
    _word_case("fifo", _plan_fifo, "là một đường ống (FIFO)"),
    # CSV: the same caps as a sheet, checked before a row is kept.
    export_case(
        "csv-million-rows",
        "xuat.csv",
        _csv_lines(_CSV_HEAD, "x,,,,\n", 1_048_575),
        "xuat.csv: lỗi: có hơn 300000 dòng (dòng 300001 vẫn còn dữ liệu)",
    ),
    export_case(
        "csv-16384-columns",
        "xuat.csv",
        _csv_lines(_CSV_HEAD, "x," * 16_383 + "x\n", 100),
        "xuat.csv: lỗi: dòng 2 có hơn 300 cột, quá giới hạn 300 cột",
    ),
    export_case(
        "csv-too-many-cells",
        "xuat.csv",
        _csv_lines(_CSV_HEAD, "x," * 279 + "x\n", 30_000),
        "xuat.csv: lỗi: vùng dữ liệu 30001 dòng × 280 cột quá giới hạn 8000000 ô",
    ),
    export_case(
        "csv-one-line-of-commas",
        "xuat.csv",
        _csv_lines("", "," * 30_000_000, 1),
        "xuat.csv: lỗi: dòng 1 có hơn 300 cột",
    ),
    # Word plans: merged cells and counts checked before a cell is spread over the grid.
    _word_case(
        "grid-span-two-billion",
        _word_plan(_word_table(_word_row(_word_cell("1", '<w:gridSpan w:val="2000000000"/>')))),
        "mục «bảng 1 › dòng 2»: lỗi: số cột 2000000000 quá giới hạn 63 cột của bảng Word",
    ),
    _word_case(
        "grid-span-not-a-number",
        _word_plan(_word_table(_word_row(_word_cell("1", '<w:gridSpan w:val="abc"/>')))),
        "mục «bảng 1 › dòng 2»: lỗi: số cột «abc» không phải số hợp lệ",
    ),
    _word_case(
        "grid-before-two-billion",
        _word_plan(
            _word_table(_word_row(_word_cell("1"), props='<w:gridBefore w:val="2000000000"/>'))
        ),
        "mục «bảng 1 › dòng 2»: lỗi: số cột 2000000000 quá giới hạn 63 cột của bảng Word",
    ),
    _word_case(
        "vertical-merge-unknown",
        _word_plan(_word_table(_word_row(_word_cell("1", '<w:vMerge w:val="maybe"/>')))),
        "mục «bảng 1 › dòng 2»: lỗi: kiểu gộp dọc «maybe» của ô không hợp lệ",
    ),
    _word_case(
        "row-of-200-cells",
        _word_plan(_word_table(_word_row(*[_word_cell("x")] * 200))),
        "mục «bảng 1 › dòng 2»: lỗi: dòng có 200 ô, quá giới hạn 63 cột",
    ),
    _word_case(
        "table-of-50000-rows",
        _word_plan(_word_table(*[_word_row(_word_cell("1"), _word_cell("Việc"))] * 50_000)),
        "mục «bảng 1»: lỗi: các bảng có hơn 20000 dòng",
    ),
    _word_case(
        "two-million-paragraphs",
        _word_plan("<w:p/>" * 2_000_000),
        "mục «word/document.xml»: lỗi: có 2000005 thẻ XML, quá giới hạn 1000000",
    ),
    # Tracker merges: area and count, from the sheet's XML, before openpyxl builds them.
    *(
        tracker_case("merge-whole-sheet", _merges(["A1:XFD1048576"]), _WHOLE_SHEET, command)
        for command in ("report", "tracker")
    ),
    tracker_case(
        "two-thousand-merges",
        _merges([f"AA{2 * i + 1}:AB{2 * i + 2}" for i in range(2_000)]),
        "trang «Phụ lục I»: có hơn 1000 vùng gộp ô",
        "validate",
    ),
    tracker_case(
        "merges-cover-too-many-cells",
        _merges([f"A{i}:Z{i + 200}" for i in range(1, 101)]),
        "trang «Phụ lục I»: vùng gộp ô A20:Z220 làm số ô gộp vượt quá giới hạn 100000 ô",
        "validate",
    ),
]
CASES += tuple(ISSUE_17_CASES)


# ------------------------------------------------------------------------------------------
# Issue 17: templates
#
# What a template could still do past the sandbox's first caps (measured before, each
# under a 3 GB ceiling: lipsum(10**6) over 40 s of CPU; a 2,000,000,000 format width,
# center(10**9) or ljust(10**9) 2 GB before failing; three nested empty range(1000) loops
# over 40 s; {% include %}, {% import %}, {% from %}, |tojson of a letter, 30 nested loops:
# an unforeseen error naming no file), and what a package could bring in from outside it or
# run (a linked picture LibreOffice fetched when printing to PDF, a .docm renamed .docx).


def _run_in(new: str) -> Callable[[dict[str, bytes]], None]:
    """`new` put in the body as runs of its own, inside the letter loop (Word XML, not text)."""
    return _in_body(f"</w:t></w:r>{new}<w:r><w:t>")


def _related(
    relationship: str, part: str = "word/_rels/document.xml.rels"
) -> Callable[[dict[str, bytes]], None]:
    """A relationship added to `part` (made when the template has none)."""

    def change(parts: dict[str, bytes]) -> None:
        empty = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            "</Relationships>"
        )
        text = parts.get(part, empty.encode()).decode()
        parts[part] = text.replace("</Relationships>", relationship + "</Relationships>").encode()

    return change


def _all(*changes: Callable[[dict[str, bytes]], None]) -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        for one in changes:
            one(parts)

    return change


_REL_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _relationship(kind: str, target: str, external: bool = True) -> str:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="rId901" Type="{_REL_TYPES}/{kind}" Target="{target}"{mode}/>'


def _linked_picture(target: str) -> Callable[[dict[str, bytes]], None]:
    """A picture Word shows from `target` (Insert › Pictures › Link to File)."""
    drawing = (
        '<w:r><w:drawing><wp:inline><wp:extent cx="952500" cy="952500"/>'
        '<wp:docPr id="901" name="x.png"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/'
        'drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/'
        '2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/'
        'picture"><pic:nvPicPr><pic:cNvPr id="0" name="x.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill><a:blip r:link="rId901"/><a:stretch><a:fillRect/></a:stretch>'
        '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/>'
        '</a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic>'
        "</wp:inline></w:drawing></w:r>"
    )
    return _all(_related(_relationship("image", target)), _run_in(drawing))


def _field(code: str, separator: str = "") -> str:
    """A Word field whose code Word split over runs at `separator` (as after an edit)."""
    at = code.index(separator) if separator else len(code)
    pieces = [piece for piece in (code[:at], code[at:]) if piece]
    instructions = "".join(
        f'<w:r><w:instrText xml:space="preserve">{piece}</w:instrText></w:r>' for piece in pieces
    )
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + instructions
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>ảnh</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _macro_enabled(parts: dict[str, bytes]) -> None:
    """A .docm saved by Word and renamed .docx: a VBA project, its relationship, and the
    macro-enabled main content type."""
    types = parts["[Content_Types].xml"].decode()
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    assert main in types
    types = types.replace(main, "application/vnd.ms-word.document.macroEnabled.main+xml")
    types = types.replace(
        "<Default ",
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default ',
        1,
    )
    parts["[Content_Types].xml"] = types.encode()
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1016
    _related(
        '<Relationship Id="rId902" Type="http://schemas.microsoft.com/office/2006/relationships/'
        'vbaProject" Target="vbaProject.bin"/>'
    )(parts)


def _vba_only(parts: dict[str, bytes]) -> None:
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1016


def _doctype(parts: dict[str, bytes]) -> None:
    settings = parts["word/settings.xml"].decode()
    declaration, _, rest = settings.partition("?>")
    parts["word/settings.xml"] = (
        f'{declaration}?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>{rest}'
    ).encode()


def _large_body(parts: dict[str, bytes]) -> None:
    """A body of 6 MB of text (it zips to a few KB)."""
    _run_in("<w:r><w:t>" + "chu " * 1_500_000 + "</w:t></w:r>")(parts)


def _hyperlink_kept(root: Path) -> None:
    """The batch document keeps the template's web link (nothing is fetched from it)."""
    with zipfile.ZipFile(root / "out" / "phieu-xin-loi-2024-so-004-005.docx") as package:
        relationships = package.read("word/_rels/document.xml.rels").decode()
    assert 'Target="https://dichvucong.gov.vn/"' in relationships, relationships


def _letters_pdf(name: str, change: Callable[[dict[str, bytes]], None], says: str) -> Case:
    """`letters --pdf`: LibreOffice would print the document, fetching what it links to."""
    inner = template_case(name, change, says, "letters")

    def build(run: Run) -> list[str]:
        return [*inner.build(run), "--pdf"]

    return Case("templates", f"{name}-letters-pdf", build, inner.says)


_NESTED_RANGES = (
    "{% for i in range(1000) %}{% for j in range(1000) %}{% for k in range(1000) %}"
    "{% endfor %}{% endfor %}{% endfor %}"
)
_LOOPS_30 = "".join(f"{{% for i{n} in [1] %}}" for n in range(30)) + "{% endfor %}" * 30
_IFS_10000 = "{% if true %}" * 10_000 + "{% endif %}" * 10_000
_IFS_1000 = "{% if true %}" * 1_000 + "{% endif %}" * 1_000
_DOUBLING = (
    "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}"
)
_MACRO_TREE = (
    "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}x{% endmacro %}{{ f(40) }}"
)
_MACRO_LOOP = "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"
_HELD_OUTPUT = (
    "{% set held %}{% for i in range(1000) %}{% for j in range(300) %}"
    + "<w:t>"
    + "y" * 400
    + "</w:t>"
    + "{% endfor %}{% endfor %}{% endset %}"
)
_BLOWN_NUMBER = "{{ (10**64)**64 }}"
_IMAGE_URL = "http://127.0.0.1:8999/x.png"

ISSUE17_TEMPLATE_CASES = [
    # The sandbox: what makes filler text, huge widths and precisions, or doubles a text.
    *(
        template_case("lipsum", _in_body("{{ lipsum(10**6) }}"), "«lipsum»", command)
        for command in ("validate", "letters")
    ),
    template_case(
        "format-width",
        _in_body('{{ "%2000000000s"|format("x") }}'),
        "«%2000000000s» quá",
        "validate",
    ),
    template_case(
        "format-precision",
        _in_body('{{ "%.2000000000f"|format(1.5) }}'),
        "quá giới hạn 1000",
        "validate",
    ),
    template_case(
        "str-format-width",
        _in_body('{{ "{:>2000000000}".format("x") }}'),
        "«{:>2000000000}» quá giới hạn 1000",
        "validate",
    ),
    template_case(
        "str-format-width-from-value",
        _in_body('{{ "{:{}}".format("x", 2000000000) }}'),
        "lấy độ rộng từ giá trị",
        "validate",
    ),
    template_case(
        "percent-width", _in_body('{{ "%2000000000s" % "x" }}'), "quá giới hạn 1000", "letters"
    ),
    *(
        template_case(
            f"{what}-huge", _in_body(expression), f"«{what}» quá giới hạn 1000", "validate"
        )
        for what, expression in (
            ("center", '{{ "x"|center(10**9) }}'),
            ("ljust", '{{ "x".ljust(10**9) }}'),
            ("rjust", '{{ "x".rjust(10**9) }}'),
            ("indent", '{{ "x\ny"|indent(10**9) }}'),
            ("wordwrap", '{{ "x y"|wordwrap(10**9) }}'),
            ("truncate", '{{ "x"|truncate(10**9) }}'),
        )
    ),
    template_case("doubled-text", _in_body(_DOUBLING), "dài quá 4194304 ký tự", "validate"),
    template_case("number-digits", _in_body(_BLOWN_NUMBER), "quá 1000 chữ số", "validate"),
    # Work: loops, calls and output held in memory count against one budget per render.
    *(
        template_case("nested-empty-ranges", _in_body(_NESTED_RANGES), "quá 1000000 bước", command)
        for command in ("validate", "letters")
    ),
    template_case("macro-tree", _in_body(_MACRO_TREE), "quá 1000000 bước", "validate"),
    template_case("macro-calls-itself", _in_body(_MACRO_LOOP), "lồng nhau quá sâu", "validate"),
    template_case("held-output", _in_body(_HELD_OUTPUT), "quá 64 MB", "validate"),
    # Tags that reach other files or print data as Word XML, named with the part.
    *(
        template_case(
            f"tag-{keyword}", _in_body(tag), f"phần word/document.xml dùng thẻ «{tag}»", command
        )
        for keyword, tag, command in (
            ("include", '{% include "a.xml" %}', "validate"),
            ("include", '{% include "a.xml" %}', "letters"),
            ("import", '{% import "a.xml" as a %}', "validate"),
            ("from", '{% from "a.xml" import b %}', "validate"),
            ("extends", '{% extends "a.xml" %}', "validate"),
        )
    ),
    template_case(
        "include-in-untaken-branch",
        _in_body('{% if false %}{% include "a.xml" %}{% endif %}'),
        "dùng thẻ «{% include",
        "validate",
    ),
    template_case(
        "tag-autoescape",
        _in_body("{% autoescape false %}{{ l.so }}{% endautoescape %}"),
        "phần word/document.xml dùng thẻ «{% autoescape false %}»",
        "validate",
    ),
    template_case("safe-filter", _in_body("{{ l.so|safe }}"), "bộ lọc «safe»", "validate"),
    template_case("tojson-of-letter", _in_body("{{ l|tojson }}"), "bộ lọc «tojson»", "validate"),
    # Nesting and size of the code: the message names the template and the part.
    template_case("loops-30-deep", _in_body(_LOOPS_30), "lồng nhau quá 12 cấp", "validate"),
    template_case("ifs-1000-deep", _in_body(_IFS_1000), "lồng nhau quá sâu", "validate"),
    template_case("ifs-10000-deep", _in_body(_IFS_10000), "phần word/document.xml có", "validate"),
    template_case("body-6mb", _large_body, "quá giới hạn 4 MB", "validate"),
    # Packages that bring in content from outside when opened or printed.
    _letters_pdf("linked-picture-http", _linked_picture(_IMAGE_URL), f"(ảnh lấy từ {_IMAGE_URL})"),
    template_case(
        "linked-picture-file",
        _linked_picture("file:///tmp/secret.png"),
        "phần word/_rels/document.xml.rels có liên kết ra ngoài (ảnh lấy từ file:///tmp/secret.png)",
        "validate",
    ),
    template_case(
        "alt-chunk",
        _related(_relationship("aFChunk", "afchunk.htm", external=False)),
        "altChunk",
        "validate",
    ),
    template_case(
        "attached-template",
        _related(
            _relationship("attachedTemplate", "http://127.0.0.1:8999/mau.dotm"),
            "word/_rels/settings.xml.rels",
        ),
        "phần word/_rels/settings.xml.rels có liên kết ra ngoài (mẫu đính kèm",
        "validate",
    ),
    *(
        template_case(
            f"field-{name}", _run_in(field), f"phần word/document.xml có trường {kind}", command
        )
        for name, field, kind, command in (
            (
                "includepicture-split",
                _field(f'INCLUDEPICTURE "{_IMAGE_URL}" \\d', separator="PICTURE"),
                "INCLUDEPICTURE",
                "letters",
            ),
            (
                "includetext",
                _field('INCLUDETEXT "C:\\\\mat\\\\thu.docx"'),
                "INCLUDETEXT",
                "validate",
            ),
            ("link", _field('LINK Excel.Sheet.12 "C:\\\\so.xlsx" "A1"'), "LINK", "validate"),
            (
                "ddeauto",
                '<w:fldSimple w:instr=" DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe &quot;/k '
                'calc&quot;"><w:r><w:t>x</w:t></w:r></w:fldSimple>',
                "DDEAUTO",
                "validate",
            ),
        )
    ),
    template_case(
        "field-code-from-a-tag",
        _run_in('<w:fldSimple w:instr="{{ l.so }}"><w:r><w:t>x</w:t></w:r></w:fldSimple>'),
        "mã trường Word «{{ l.so }}»",
        "validate",
    ),
    template_case("doctype", _doctype, "phần word/settings.xml có khai báo DOCTYPE", "validate"),
    # Macros.
    *(
        template_case("docm-renamed", _macro_enabled, "văn bản có macro", command)
        for command in ("letters", "validate")
    ),
    template_case("vba-project", _vba_only, "phần word/vbaProject.bin là macro", "validate"),
    # A web link stays: nothing is fetched until someone clicks it.
    Case(
        "templates",
        "hyperlink-kept-letters",
        template_case(
            "hyperlink",
            _related(_relationship("hyperlink", "https://dichvucong.gov.vn/")),
            "",
            "letters",
        ).build,
        ("cấp mới 2 phiếu", ""),
        (0,),
        _hyperlink_kept,
    ),
]
CASES += tuple(ISSUE17_TEMPLATE_CASES)


# Issue 17: dossiers accounted for
# -----------------------------------------------------------------------------------------
# Every sheet of an export that has a header is read, each row placed on its sheet; every file
# of ho-so-mot-cua/ is read or named with why not (a FIFO there hangs no one); Excel's "Unicode
# Text" is read; impossible dates are bad rows with their place, a far --as-of is confirmed;
# invisible characters never reach a letter.


def _sheets(sheets: dict[str, list[list[object]]]) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        from exports import write_sheets

        write_sheets(path, dict(sheets))

    return make


def _registered_codes(*codes: str) -> Callable[[Path], None]:
    """The register holds a letter for each code, and for no other new one."""

    def check(root: Path) -> None:
        with sqlite3.connect(root / REGISTER) as db:
            found = db.execute(
                "SELECT dossier_code FROM letters WHERE dossier_code NOT LIKE 'HS-GOC-%' "
                "ORDER BY number"
            ).fetchall()
        assert [code for (code,) in found] == list(codes), found

    return check


def _unicode_text(lines: str) -> Callable[[Path], None]:
    return _bytes(codecs.BOM_UTF16_LE + (_CSV_HEAD.replace(",", "\t") + lines).encode("utf-16-le"))


def _xlsm(path: Path) -> None:
    """An .xlsx with macros: its cells are read, its macro part never looked at."""
    write_xlsx(path, late_rows(2, "HS-XM"))
    with zipfile.ZipFile(path, "a") as package:
        package.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\x00" * 508)


def _far_as_of(run: Run) -> list[str]:
    write_xlsx(run.root / "xuat.xlsx", late_rows())
    return ["letters", "xuat.xlsx", "--data", "data", "--out", "out", "--as-of", "2100-12-31"]


def _cluttered(command: str) -> Callable[[Run], list[str]]:
    """The workspace's exports folder holding, beside its export, what is not one."""

    def build(run: Run) -> list[str]:
        folder = run.root / "data" / "ho-so-mot-cua"
        os.mkfifo(folder / "dang-chep.csv")
        os.mkfifo(folder / "thang-12.txt")
        (folder / "thang-truoc").mkdir()
        (folder / "da-xoa.xlsx").symlink_to(folder / "khong-con.xlsx")
        (folder / "vong.xlsx").symlink_to(folder / "vong.xlsx")
        (folder / "thiet-bi.ods").symlink_to("/dev/zero")
        (folder / "ghi-chu.txt").write_text("Hồ sơ tháng 12 gửi sau.", encoding="utf-8")
        extra = {
            "letters": ["--as-of", AS_OF],
            "build": ["--as-of", AS_OF],
            "report": ["--quarter", "2"],
        }.get(command, [])
        return [command, "--data", "data", "--out", "out", *extra]

    return build


_UNREAD = (
    "dang-chep.csv: cảnh báo: không đọc: là một đường ống (FIFO), không phải tệp",
    "thang-12.txt: cảnh báo: không đọc: là một đường ống (FIFO), không phải tệp",
    "thang-truoc: cảnh báo: không đọc: là một thư mục",
    "da-xoa.xlsx: cảnh báo: không đọc: liên kết hỏng",
    "vong.xlsx: cảnh báo: không đọc: không mở được",
    "thiet-bi.ods: cảnh báo: không đọc: là thiết bị, không phải tệp",
    "ghi-chu.txt: cảnh báo: không đọc: tệp .txt không phải «Unicode Text» của Excel",
)
_NOT_A_YEAR = "không thể là ngày của hồ sơ một cửa"

ISSUE_17_DOSSIER_CASES = [
    export_case(
        "two-monthly-sheets",
        "xuat.xlsx",
        _sheets({"Tháng 5": late_rows(2, "HS-T5"), "Tháng 6": late_rows(1, "HS-T6")}),
        "Đã đọc 2 trang của xuat.xlsx: «Tháng 5» (2 dòng), «Tháng 6» (1 dòng).",
        codes=(0,),
        check=_registered_codes("HS-T5-1", "HS-T5-2", "HS-T6-1"),
    ),
    export_case(
        "bad-row-on-the-second-sheet",
        "xuat.xlsx",
        _sheets({"Tháng 5": late_rows(1, "HS-T5"), "Tháng 6": [row("HS-T6", due="31/06/2024")]}),
        "xuat.xlsx, trang «Tháng 6», dòng 4, cột «Ngày hẹn trả»: lỗi: ngày không có thật "
        "(31/06/2024)",
    ),
    export_case(
        "one-code-two-sheets-two-names",
        "xuat.xlsx",
        _sheets(
            {
                "Tháng 5": [row("HS-2", applicant="Lò Văn Pả", due=dt.datetime(2024, 6, 3))],
                "Tháng 6": [row("HS-2", applicant="Lò Văn Pá", due=dt.datetime(2024, 6, 3))],
            }
        ),
        "xuat.xlsx, trang «Tháng 6», dòng 4, cột «mã hồ sơ»: lỗi: hồ sơ «HS-2» cũng có trong "
        "xuat.xlsx, trang «Tháng 5», dòng 4 nhưng khác ở: chủ hồ sơ",
    ),
    export_case(
        "excel-unicode-text",
        "xuat.txt",
        _unicode_text("HS-U2\tKhai sinh\tNông Thị Ánh\t01/06/2024\t03/06/2024\r\n"),
        "cấp mới 1 phiếu",
        codes=(0,),
        check=_registered("HS-U2", "Nông Thị Ánh"),
    ),
    export_case(
        "plain-text-named-txt",
        "xuat.txt",
        _csv(_CSV_HEAD + "HS-1,Khai sinh,Lò Văn Pả,01/06/2024,03/06/2024\n"),
        "xuat.txt: lỗi: tệp .txt không phải «Unicode Text» của Excel (UTF-16, cách bằng Tab); "
        "nếu là tệp CSV, đổi đuôi .txt thành .csv",
    ),
    export_case("txt-fifo", "xuat.txt", os.mkfifo, "xuat.txt: lỗi: là một đường ống (FIFO)"),
    export_case(
        "macro-workbook-xlsm",
        "xuat.xlsm",
        _xlsm,
        "cấp mới 2 phiếu",
        codes=(0,),
        check=_registered_codes("HS-XM-1", "HS-XM-2"),
    ),
    export_case(
        "year-one",
        "xuat.xlsx",
        _xlsx_rows([row("HS-Y1", received="01/01/0001", due="03/01/0001")]),
        f"cột «Ngày hẹn trả»: lỗi: ngày 03/01/0001 trước năm 2000: {_NOT_A_YEAR}",
    ),
    export_case(
        "csv-year-1999",
        "xuat.csv",
        _csv(_CSV_HEAD + "HS-Y2,Khai sinh,Lò Văn Pả,28/05/1999,03/06/2024\n"),
        f"xuat.csv, trang «xuat», dòng 2, cột «Ngày tiếp nhận»: lỗi: ngày 28/05/1999 trước "
        f"năm 2000: {_NOT_A_YEAR}",
    ),
    *(
        export_case(
            f"impossible-time-{clock.replace(':', 'h')}",
            "xuat.xlsx",
            _xlsx_rows([row("HS-H", received=f"01/06/2024 {clock}", due="03/06/2024")]),
            f"cột «Ngày tiếp nhận»: lỗi: giờ không có thật ({clock} ngày 01/06/2024)",
        )
        for clock in ("25:00", "24:30", "09:60")
    ),
    Case(
        "exports",
        "as-of-2100",
        _far_as_of,
        (
            "xuat.xlsx",
            "lỗi: ngày đã chọn (--as-of 31/12/2100) sau ngày mới nhất của hồ sơ trong tệp "
            "(03/06/2024) hơn một năm",
            "chạy lại với --force",
        ),
    ),
    export_case(
        "bidi-and-zero-width-in-a-name",
        "xuat.xlsx",
        _xlsx_rows(
            [row("HS-\u200bB1", "\u202eLò Văn\u200d Pả\u2069", due=dt.datetime(2024, 6, 3))]
        ),
        "Đã bỏ 4 ký tự ẩn (đổi chiều chữ hoặc rộng bằng 0)",
        codes=(0,),
        check=_registered("HS-B1", "Lò Văn Pả"),
    ),
    Case("filesystem", "exports-folder-cluttered-letters", _cluttered("letters"), _UNREAD, (0,)),
    Case("filesystem", "exports-folder-cluttered-build", _cluttered("build"), _UNREAD, (0,)),
    Case("filesystem", "exports-folder-cluttered-validate", _cluttered("validate"), _UNREAD, (0,)),
    # The report may lack content for other reasons; it says the folder's files all the same.
    Case("filesystem", "exports-folder-cluttered-report", _cluttered("report"), _UNREAD, (0, 1)),
]
CASES += tuple(ISSUE_17_DOSSIER_CASES)
