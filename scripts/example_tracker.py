"""The example's tracker: made from the plan like `kehoach tracker`, with quarters I and II of
2024 partly filled in as an officer would (the three sheets and the report texts), so that the
quarter, half-year and year reports run on a fresh clone.

    python scripts/example_tracker.py   # writes examples/hai-yen-2024/theo-doi-thuc-hien-2024.xlsx
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from kehoach_docs.domain.progress import (  # noqa: E402
    HEADER_ROW,
    TEXT_COLUMNS,
    TEXT_SHEET,
    status_column,
)
from kehoach_docs.outputs.tracker_book import build_tracker  # noqa: E402
from kehoach_docs.render.officezip import normalize_zip  # noqa: E402
from kehoach_docs.workspace import open_workspace  # noqa: E402

# (sheet, start of the task text, quarter, status, result, note).
ENTRIES = [
    ("Phụ lục I", "Tổ chức thực hiện các nhiệm vụ tại Kế hoạch", 1, "Đang thực hiện",
     "Đã ban hành Kế hoạch CCHC năm 2024 và phân công thực hiện đến từng công chức.", ""),
    ("Phụ lục I", "Báo cáo kết quả thực hiện công tác CCHC định kỳ", 1, "Hoàn thành",
     "Đã gửi báo cáo CCHC năm 2023 đúng thời hạn.", ""),
    ("Phụ lục I", "Tổ chức kiểm tra công tác CCHC", 1, "Chưa thực hiện", "",
     "Theo kế hoạch kiểm tra trong quý III."),
    ("Phụ lục I", "Đăng tải nội dung, thông tin CCHC", 1, "Đang thực hiện",
     "Đã đăng tải tin, bài về CCHC trên Trang thông tin điện tử của xã.", ""),
    ("Phụ lục I", "Thực hiện các hoạt động về theo dõi thi hành pháp luật", 1,
     "Đang thực hiện", "Đã ban hành kế hoạch theo dõi thi hành pháp luật năm 2024.", ""),
    ("Phụ lục I", "Công bố TTHC, danh mục TTHC theo quy định", 1, "Hoàn thành",
     "Đã niêm yết danh mục TTHC cấp xã theo quyết định công bố của UBND tỉnh.", ""),
    ("Phụ lục I", "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận trong năm", 1, "Đang thực hiện",
     "Số liệu tại mục kết quả giải quyết thủ tục hành chính.", ""),
    ("Phụ lục I", "Tiếp tục rà soát, sắp xếp tổ chức bộ máy", 1, "Không phát sinh", "",
     "Chưa có hướng dẫn của cấp trên."),
    ("Phụ lục I", "Thực hiện quy định về việc sử dụng kinh phí từ nguồn NSNN", 1, "Hoàn thành",
     "Chi đúng dự toán được giao, không phát sinh sai phạm.", ""),
    ("Phụ lục I", "Tỷ lệ xử lý văn bản, hồ sơ công việc trên môi trường mạng", 1,
     "Đang thực hiện", "Văn bản đi, đến được xử lý trên phần mềm quản lý văn bản.", ""),
    ("Phụ lục II", "Đầu tư cơ sở vật chất, trang thiết bị tại Bộ phận một cửa", 1,
     "Đang thực hiện", "Đã bố trí thêm ghế ngồi và bàn viết hồ sơ cho người dân.", ""),
    ("Phụ lục II", "Tuân thủ nguyên tắc và quy trình giải quyết TTHC", 1, "Hoàn thành",
     "Công chức thực hiện đúng quy trình nội bộ đã được phê duyệt.", ""),
    ("Phụ lục III", "Tuyên truyền, phổ biến và thực hiện đầy đủ các quy định của Luật Thực "
     "hiện dân chủ", 1, "Đang thực hiện",
     "Đã tuyên truyền Luật Thực hiện dân chủ ở cơ sở tại các buổi họp thôn.", ""),
    ("Phụ lục III", "Tăng cường công tác thông tin tuyên truyền và hướng dẫn cho người dân",
     1, "Đang thực hiện", "Đã hướng dẫn người dân cài đặt và sử dụng ứng dụng VNeID.", ""),
    # Quarter II.
    ("Phụ lục I", "Tổ chức thực hiện các nhiệm vụ tại Kế hoạch", 2, "Đang thực hiện",
     "Đã sơ kết việc thực hiện Kế hoạch CCHC 6 tháng đầu năm 2024.", ""),
    ("Phụ lục I", "Báo cáo kết quả thực hiện công tác CCHC định kỳ", 2, "Hoàn thành",
     "Đã gửi báo cáo CCHC quý I năm 2024 đúng thời hạn.", ""),
    ("Phụ lục I", "Tổ chức kiểm tra công tác CCHC", 2, "Chưa thực hiện", "",
     "Theo kế hoạch kiểm tra trong quý III."),
    ("Phụ lục I", "Đăng tải nội dung, thông tin CCHC", 2, "Đang thực hiện",
     "Đã đăng 12 tin, bài về CCHC trên Trang thông tin điện tử của xã.", ""),
    ("Phụ lục I", "Tuyên truyền CCHC qua pano, áp phích", 2, "Hoàn thành",
     "Đã phát 24 buổi tin về CCHC trên hệ thống loa phát thanh của xã.", ""),
    ("Phụ lục I", "Thực hiện các hoạt động về theo dõi thi hành pháp luật", 2, "Hoàn thành",
     "Đã kiểm tra tình hình thi hành pháp luật về hộ tịch và đất đai.", ""),
    ("Phụ lục I", "Công khai TTHC đầy đủ, kịp thời tại Bộ phận Một cửa", 2, "Hoàn thành",
     "Đã cập nhật niêm yết 12 TTHC mới theo quyết định công bố của UBND tỉnh.", ""),
    ("Phụ lục I", "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận trong năm", 2, "Đang thực hiện",
     "Số liệu tại mục kết quả giải quyết thủ tục hành chính.", ""),
    ("Phụ lục I", "Thực hiện việc xin lỗi người dân, tổ chức", 2, "Đang thực hiện",
     "Đã gửi phiếu xin lỗi và hẹn lại ngày trả kết quả cho các hồ sơ trễ hạn.", ""),
    ("Phụ lục I", "Tiếp tục rà soát, sắp xếp tổ chức bộ máy", 2, "Không phát sinh", "",
     "Chưa có hướng dẫn của cấp trên."),
    ("Phụ lục I", "Thực hiện kế hoạch công tác đào tạo, bồi dưỡng", 2, "Hoàn thành",
     "Đã cử 03 công chức dự lớp bồi dưỡng kỹ năng giải quyết TTHC do huyện tổ chức.", ""),
    ("Phụ lục I", "Thực hiện quy định về việc sử dụng kinh phí từ nguồn NSNN", 2, "Hoàn thành",
     "Chi đúng dự toán được giao, không phát sinh sai phạm.", ""),
    ("Phụ lục I", "Tỷ lệ xử lý văn bản, hồ sơ công việc trên môi trường mạng", 2,
     "Đang thực hiện", "Văn bản đi được ký số và gửi trên phần mềm quản lý văn bản.", ""),
    ("Phụ lục II", "Đầu tư cơ sở vật chất, trang thiết bị tại Bộ phận một cửa", 2,
     "Hoàn thành", "Đã lắp đặt máy tra cứu TTHC tại Bộ phận một cửa.", ""),
    ("Phụ lục II", "Tuân thủ nguyên tắc và quy trình giải quyết TTHC", 2, "Hoàn thành",
     "Công chức thực hiện đúng quy trình nội bộ đã được phê duyệt.", ""),
    ("Phụ lục II", "Tuyên truyền, hướng dẫn tổ chức, cá nhân dịch vụ công trực tuyến", 2,
     "Đang thực hiện", "Công chức Bộ phận một cửa hướng dẫn người dân nộp hồ sơ trực tuyến "
     "tại chỗ.", ""),
    ("Phụ lục III", "Tuyên truyền, phổ biến và thực hiện đầy đủ các quy định của Luật Thực "
     "hiện dân chủ", 2, "Hoàn thành",
     "Đã tổ chức hội nghị triển khai Luật Thực hiện dân chủ ở cơ sở đến 12 thôn.", ""),
    ("Phụ lục III", "Nâng cao trách nhiệm giải trình với người dân", 2, "Đang thực hiện",
     "Lãnh đạo UBND xã tiếp công dân định kỳ vào thứ Năm hằng tuần.", ""),
    ("Phụ lục III", "Tăng cường công tác thông tin tuyên truyền và hướng dẫn cho người dân",
     2, "Đang thực hiện", "Đã hướng dẫn người dân sử dụng dịch vụ công trực tuyến tại nhà "
     "văn hóa các thôn.", ""),
]  # fmt: skip
# The «Nội dung báo cáo» sheet: (period row, column) → text.
TEXTS = {
    ("Quý I", "Ưu điểm"): "Công tác chỉ đạo, điều hành CCHC được triển khai sớm.\n"
        "Bộ phận Một cửa tiếp nhận, trả kết quả đúng quy trình.",
    ("Quý I", "Tồn tại, hạn chế và nguyên nhân"): "Còn hồ sơ giải quyết trễ hạn do phải "
        "xác minh thêm thông tin.\nTỷ lệ thanh toán trực tuyến còn thấp.",
    ("Quý I", "Nhiệm vụ kỳ tới"): "Tăng cường hướng dẫn người dân nộp hồ sơ và thanh toán "
        "trực tuyến.",
    ("Quý I", "Kiến nghị, đề xuất"): "Đề nghị cấp trên tập huấn sử dụng Hệ thống thông tin "
        "giải quyết TTHC của tỉnh.",
    ("Quý II", "Ưu điểm"): "Cơ sở vật chất của Bộ phận Một cửa được tăng cường.",
    ("Quý II", "Tồn tại, hạn chế và nguyên nhân"): "Người dân ở các thôn xa còn ít nộp hồ sơ "
        "trực tuyến.",
    ("Quý II", "Nhiệm vụ kỳ tới"): "Rà soát, cập nhật danh mục TTHC trực tuyến toàn trình.",
    ("6 tháng", "Nhiệm vụ kỳ tới"): "Chuẩn bị cho việc đo lường sự hài lòng của người dân, "
        "tổ chức (SIPAS) năm 2024.",
    ("Quý II", "Kiến nghị, đề xuất"): "Đề nghị cấp trên tập huấn sử dụng Hệ thống thông tin "
        "giải quyết TTHC của tỉnh.",
}  # fmt: skip


def main() -> None:
    workspace, _ = open_workspace(ROOT / "examples" / "hai-yen-2024")
    plan = workspace.the_plan
    stamp = dt.datetime(2024, 6, 14, tzinfo=dt.UTC)
    data, _ = build_tracker(plan, None, stamp)
    book = load_workbook(io.BytesIO(data))
    for sheet_name, start, quarter, status, result, note in ENTRIES:
        sheet = book[sheet_name]
        rows = [r for r in range(HEADER_ROW + 1, sheet.max_row + 1)
                if str(sheet.cell(row=r, column=3).value or "").removeprefix("- ")
                .startswith(start)]  # fmt: skip
        assert rows, start
        first = status_column(quarter)
        for column, value in zip((first, first + 1, first + 2), (status, result, note),
                                 strict=True):  # fmt: skip
            sheet.cell(row=rows[0], column=column, value=value or None)
    texts = book[TEXT_SHEET]
    labels = {texts.cell(row=r, column=1).value: r for r in range(HEADER_ROW + 1,
                                                                 texts.max_row + 1)}  # fmt: skip
    for (period, title), text in TEXTS.items():
        column = TEXT_COLUMNS.index(title) + 1
        texts.cell(row=labels[period], column=column, value=text)
    buffer = io.BytesIO()
    book.save(buffer)
    target = workspace.tracker_path
    target.write_bytes(normalize_zip(buffer.getvalue(), stamp))
    print(target)


if __name__ == "__main__":
    main()
