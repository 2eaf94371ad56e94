"""The fields each template receives, declared once with what they hold, in the officers'
words: the README's template guide prints these tables (scripts/readme_fields.py), and
tests/test_template_fields.py checks them against the contexts the code builds, so the guide
cannot promise a field the code does not give."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from kehoach_docs.documents.templates import APPENDIX_TEMPLATES, LETTER_TEMPLATE, REPORT_TEMPLATE
from kehoach_docs.domain.plan import TableKind


class Kind(Enum):
    """What a field holds, as the guide names it (and so how a template prints it)."""

    TEXT = "chữ"
    NUMBER = "số"
    DATE = "ngày"  # a whole date: `|ngay`, or `.strftime("%d/%m/%Y")`
    DOCUMENT_DATE = "ngày văn bản"  # day or month may still be blank: `|ngay` only
    LINES = "các dòng chữ"  # printed one paragraph each with a `{%p for %}` loop
    FLAG = "đúng/sai"  # for `{%p if %}`
    GROUP = "nhóm"  # its fields are read as `group.field`
    LIST = "danh sách"  # each item has the fields under it, read in a `for` loop


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    description: str
    fields: tuple[Field, ...] = ()  # of a GROUP, or of each item of a LIST
    blank: bool = False  # may hold nothing (None): prints as nothing, `|ngay` as blanks


def _text(name: str, description: str) -> Field:
    return Field(name, Kind.TEXT, description)


# The plan's number and day, as the report and each appendix cite it.
_PLAN_CITED = (
    Field(
        "so",
        Kind.NUMBER,
        "số kế hoạch (trống khi chưa cấp số: `|so_vb` in chỗ trống)",
        blank=True,
    ),
    Field("ngay", Kind.DOCUMENT_DATE, "ngày ban hành kế hoạch"),
)


_SIGNER = (
    _text("quyen_han", "thẩm quyền ký («TM. ỦY BAN NHÂN DÂN»)"),
    _text("chuc_vu", "chức vụ người ký («CHỦ TỊCH»)"),
    _text("nguoi_ky", "họ tên người ký"),
)
_BODY = (
    Field(
        "co_quan_chu_quan",
        Kind.LINES,
        "tên cơ quan chủ quản, mỗi dòng một phần tử (có thể không có dòng nào)",
    ),
    Field(
        "co_quan",
        Kind.LINES,
        "tên cơ quan ban hành, mỗi dòng một phần tử («ỦY BAN NHÂN DÂN», «XÃ HẢI YẾN»)",
    ),
)

LETTER_FIELDS = (
    *_BODY,
    _text("ky_hieu", "ký hiệu phiếu của đơn vị («PXL» trong «Số: 07/PXL»)"),
    _text("dia_danh", "địa danh ghi trước ngày («Hải Yến»)"),
    _text("co_quan_giai_quyet", "cơ quan tiếp nhận và giải quyết hồ sơ, viết trong câu"),
    *_SIGNER,
    Field(
        "phieu",
        Kind.LIST,
        "các phiếu của tệp, theo thứ tự số; chỉ đọc được một lần, trong "
        "thân văn bản: `{%p for l in phieu %}` … `{%p endfor %}`",
        (
            _text("so", "số phiếu, hai chữ số («07»)"),
            _text("ky_hieu", "ký hiệu phiếu («PXL»)"),
            Field("nam", Kind.NUMBER, "năm cấp số phiếu"),
            *_BODY,
            _text("dia_danh", "địa danh ghi trước ngày («Hải Yến»)"),
            Field("ngay", Kind.DATE, "ngày lập phiếu"),
            _text("kinh_gui", "người nhận: «Ông/Bà Nguyễn Văn An», hay tên cơ quan, tổ chức"),
            _text("dai_tu", "cách gọi người nhận trong câu: «Ông/Bà» hay «Quý cơ quan»"),
            _text("chu_ho_so", "tên người, tổ chức nộp hồ sơ, đúng như tệp hồ sơ"),
            _text("co_quan_giai_quyet", "cơ quan tiếp nhận và giải quyết hồ sơ, viết trong câu"),
            Field(
                "ngay_tiep_nhan",
                Kind.DATE,
                "ngày tiếp nhận hồ sơ (trống khi tệp hồ sơ không ghi)",
                blank=True,
            ),
            _text("thu_tuc", "tên thủ tục hành chính"),
            _text("ma_ho_so", "mã hồ sơ"),
            _text(
                "gio_hen",
                "giờ hẹn trả, kèm dấu phẩy («16 giờ 30 phút, »), trống khi tệp hồ sơ chỉ ghi ngày",
            ),
            Field("ngay_hen", Kind.DATE, "ngày hẹn trả kết quả đã hẹn"),
            _text("ly_do", "lý do chậm trễ (của tệp hồ sơ, hay lý do mặc định của đơn vị)"),
            Field("ngay_hen_lai", Kind.DATE, "ngày hẹn trả kết quả mới"),
            Field("so_ngay_tre", Kind.NUMBER, "số ngày làm việc đã trễ tính đến ngày lập phiếu"),
            *_SIGNER,
        ),
    ),
)

_PART = (
    _text("so", "số La Mã của phần («II»)"),
    _text("ten", "tên phần, in hoa"),
    Field(
        "khoan",
        Kind.LIST,
        "các khoản của phần",
        (
            _text(
                "ten", "tiêu đề khoản («1. Ưu điểm», «a) Nhiệm vụ đã hoàn thành:»), có thể trống"
            ),
            Field("dam", Kind.FLAG, "tiêu đề khoản in đậm (khoản đánh số «1.», «2.»)"),
            Field("dong", Kind.LINES, "các dòng nội dung, mỗi dòng một đoạn"),
            Field(
                "thieu",
                Kind.LINES,
                "bản dự thảo: những gì còn thiếu ở khoản này, «CẦN BỔ "
                "SUNG: …»; trống ở bản chính thức",
            ),
        ),
    ),
)

# The statistics table's columns (domain.indicators.TABLE_COLUMNS), in its order.
_STATISTICS = (
    ("received", "số hồ sơ tiếp nhận: tổng số"),
    ("carried_over", "số hồ sơ tiếp nhận: kỳ trước chuyển qua"),
    ("new_online", "số hồ sơ tiếp nhận: mới tiếp nhận trực tuyến"),
    ("new_other", "số hồ sơ tiếp nhận: mới tiếp nhận trực tiếp, bưu chính"),
    ("resolved", "số hồ sơ đã giải quyết: tổng số"),
    ("early", "số hồ sơ đã giải quyết: trước hạn"),
    ("on_due_date", "số hồ sơ đã giải quyết: đúng hạn"),
    ("late", "số hồ sơ đã giải quyết: quá hạn"),
    ("in_progress", "số hồ sơ đang giải quyết: tổng số"),
    ("open_not_due", "số hồ sơ đang giải quyết: chưa đến hạn"),
    ("open_overdue", "số hồ sơ đang giải quyết: quá hạn"),
)

REPORT_FIELDS = (
    Field("du_thao", Kind.FLAG, "bản dự thảo (`--du-thao`, nút «Làm bản dự thảo»)"),
    *_BODY,
    _text("ky_hieu", "chữ viết tắt của cơ quan («UBND» trong «Số: …/BC-UBND»)"),
    Field("nam", Kind.NUMBER, "năm của kế hoạch"),
    Field(
        "dan_ke_hoach",
        Kind.FLAG,
        "báo cáo dẫn kế hoạch («Thực hiện Kế hoạch số …»): sai "
        "khi kế hoạch ban hành sau kỳ báo cáo",
    ),
    Field(
        "ke_hoach",
        Kind.GROUP,
        "kế hoạch được báo cáo",
        (*_PLAN_CITED,),
    ),
    _text("ten_day_du", "tên đầy đủ của cơ quan, viết trong câu («Ủy ban nhân dân xã Hải Yến»)"),
    Field(
        "so",
        Kind.NUMBER,
        "số báo cáo: luôn trống, văn thư ghi khi cấp số (`{{ so|so_vb }}` in chỗ trống)",
        blank=True,
    ),
    _text("dia_danh", "địa danh ghi trước ngày («Hải Yến»)"),
    Field("ngay", Kind.DOCUMENT_DATE, "ngày báo cáo: tháng và năm cuối kỳ, ngày để trống viết tay"),
    _text("ky", "kỳ báo cáo («quý I năm 2024», «6 tháng đầu năm 2024»)"),
    _text(
        "trich_yeu", "trích yếu («Kết quả thực hiện công tác cải cách hành chính quý I năm 2024»)"
    ),
    _text("ky_so_lieu", "kỳ số liệu («kỳ số liệu từ ngày 15/12/2023 đến ngày 14/03/2024»)"),
    Field(
        "phan_dau",
        Kind.LIST,
        "các phần theo lĩnh vực cải cách của kế hoạch, rồi phần nâng "
        "cao chất lượng phục vụ (SIPAS, PAPI)",
        _PART,
    ),
    _text("so_tthc", "số La Mã của phần «Kết quả giải quyết thủ tục hành chính»"),
    Field("co_so_lieu", Kind.FLAG, "có tệp hồ sơ một cửa của kỳ (bảng số liệu và chỉ tiêu)"),
    Field("thieu_so_lieu", Kind.LINES, "bản dự thảo chưa có tệp hồ sơ: dòng «CẦN BỔ SUNG: …»"),
    Field(
        "thong_ke",
        Kind.GROUP,
        "bảng số liệu giải quyết thủ tục hành chính của kỳ (số viết "
        "có dấu chấm nghìn, trống khi chưa có tệp hồ sơ)",
        tuple(_text(name, description) for name, description in _STATISTICS),
    ),
    Field(
        "chi_tieu",
        Kind.LIST,
        "các dòng của bảng chỉ tiêu",
        (
            _text("stt", "số thứ tự"),
            _text("ten", "tên chỉ tiêu («Tỷ lệ hồ sơ giải quyết đúng hạn»)"),
            _text(
                "nhiem_vu",
                "nhiệm vụ của kế hoạch đặt chỉ tiêu, hoặc «Chỉ tiêu chung của Bộ chỉ số 766…»",
            ),
            _text("ke_hoach", "chỉ tiêu kế hoạch đặt («trên 99%»)"),
            _text("ket_qua", "kết quả tính từ tệp hồ sơ"),
            _text("danh_gia", "«Đạt», «Chưa đạt» hay «Chưa đánh giá»"),
        ),
    ),
    Field(
        "phan_cuoi",
        Kind.LIST,
        "các phần cuối: đánh giá chung, nhiệm vụ trọng tâm kỳ tới, kiến nghị, đề xuất",
        _PART,
    ),
    Field("noi_nhan", Kind.LINES, "nơi nhận, mỗi nơi một dòng («- Lưu: VT.»)"),
    *_SIGNER,
)

_APPENDIX = (
    Field(
        "phu_luc",
        Kind.GROUP,
        "phụ lục",
        (
            _text("so", "số La Mã của phụ lục («I»)"),
            _text("tieu_de", "tên phụ lục, in hoa"),
        ),
    ),
    Field(
        "ke_hoach",
        Kind.GROUP,
        "kế hoạch có phụ lục này",
        (
            *_PLAN_CITED,
            Field("nam", Kind.NUMBER, "năm của kế hoạch"),
        ),
    ),
    Field(
        "don_vi",
        Kind.GROUP,
        "cơ quan ban hành",
        (
            _text("ten_day_du", "tên đầy đủ, viết trong câu («Ủy ban nhân dân xã Hải Yến»)"),
            _text("ky_hieu", "chữ viết tắt («UBND»)"),
            _text("dia_danh", "địa danh («Hải Yến»)"),
        ),
    ),
)

TASKS_FIELDS = (
    *_APPENDIX,
    Field(
        "muc",
        Kind.LIST,
        "các mục của bảng",
        (
            _text("so", "số mục («I»)"),
            _text("ten", "tên mục"),
            Field(
                "dong",
                Kind.LIST,
                "các dòng nhiệm vụ của mục",
                (
                    _text("so", "số thứ tự («1», «1.1»; trống ở dòng gạch đầu dòng)"),
                    Field("nhiem_vu", Kind.LINES, "nhiệm vụ"),
                    Field("san_pham", Kind.LINES, "sản phẩm"),
                    _text("tien_do", "thời gian hoàn thành"),
                    _text("chu_tri", "cơ quan chủ trì"),
                    _text("phoi_hop", "cơ quan phối hợp"),
                ),
            ),
        ),
    ),
)

CONTENTS_FIELDS = (
    *_APPENDIX,
    Field(
        "muc",
        Kind.LIST,
        "các mục của bảng",
        (
            _text("so", "số mục («1»)"),
            _text("ten", "tên mục"),
            _text("tieu_de", "số và tên mục («1. Tên mục»), hay chỉ tên khi mục không có số"),
            Field(
                "noi_dung",
                Kind.LIST,
                "các nội dung của mục (ô «Nội dung» gộp qua các dòng của nó)",
                (
                    _text("ten", "nội dung"),
                    Field(
                        "nhiem_vu",
                        Kind.LIST,
                        "các dòng giải pháp của nội dung",
                        (
                            Field("giai_phap", Kind.LINES, "giải pháp, nhiệm vụ"),
                            _text("thuc_hien", "cơ quan thực hiện"),
                            _text("phoi_hop", "cơ quan phối hợp"),
                            _text("thoi_gian", "thời gian thực hiện"),
                        ),
                    ),
                ),
            ),
        ),
    ),
)

# Each shipped template (documents/templates.py) with what it makes and the fields it receives.
TEMPLATE_FIELDS: dict[str, tuple[str, tuple[Field, ...]]] = {
    LETTER_TEMPLATE: ("phiếu xin lỗi (`kehoach letters`)", LETTER_FIELDS),
    REPORT_TEMPLATE: ("báo cáo CCHC (`kehoach report`)", REPORT_FIELDS),
    APPENDIX_TEMPLATES[TableKind.TASKS]: (
        "phụ lục dạng bảng nhiệm vụ, sáu cột: Phụ lục I, II (`kehoach appendix`)",
        TASKS_FIELDS,
    ),
    APPENDIX_TEMPLATES[TableKind.CONTENTS]: (
        "phụ lục dạng bảng nội dung, năm cột: Phụ lục III (`kehoach appendix`)",
        CONTENTS_FIELDS,
    ),
}
