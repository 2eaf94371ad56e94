"""The workspace's example tracker: made from the plan like `kehoach tracker`, with quarter I
of 2024 partly filled in as an officer would, so that the report runs on a fresh clone.

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
from kehoach_docs.domain.progress import HEADER_ROW, TEXT_SHEET  # noqa: E402
from kehoach_docs.outputs.tracker_book import build_tracker  # noqa: E402
from kehoach_docs.render.officezip import normalize_zip  # noqa: E402
from kehoach_docs.workspace import open_workspace  # noqa: E402

# (sheet, start of the task text, status, result, note) for quarter I.
ENTRIES = [
    ("Phụ lục I", "Tổ chức thực hiện các nhiệm vụ tại Kế hoạch", "Đang thực hiện",
     "Đã ban hành Kế hoạch CCHC năm 2024 và phân công thực hiện đến từng công chức.", ""),
    ("Phụ lục I", "Báo cáo kết quả thực hiện công tác CCHC định kỳ", "Hoàn thành",
     "Đã gửi báo cáo CCHC năm 2023 và báo cáo quý I năm 2024 đúng thời hạn.", ""),
    ("Phụ lục I", "Tổ chức kiểm tra công tác CCHC", "Chưa thực hiện", "",
     "Theo kế hoạch kiểm tra trong quý III."),
    ("Phụ lục I", "Đăng tải nội dung, thông tin CCHC", "Đang thực hiện",
     "Đã đăng tải tin, bài về CCHC trên Trang thông tin điện tử của xã.", ""),
    ("Phụ lục I", "Thực hiện các hoạt động về theo dõi thi hành pháp luật", "Đang thực hiện",
     "Đã ban hành kế hoạch theo dõi thi hành pháp luật năm 2024.", ""),
    ("Phụ lục I", "Công bố TTHC, danh mục TTHC theo quy định", "Hoàn thành",
     "Đã niêm yết danh mục TTHC cấp xã theo quyết định công bố của UBND tỉnh.", ""),
    ("Phụ lục I", "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận trong năm", "Đang thực hiện",
     "Số liệu tại mục kết quả giải quyết thủ tục hành chính.", ""),
    ("Phụ lục I", "Tiếp tục rà soát, sắp xếp tổ chức bộ máy", "Không phát sinh", "",
     "Chưa có hướng dẫn của cấp trên."),
    ("Phụ lục I", "Thực hiện quy định về việc sử dụng kinh phí từ nguồn NSNN", "Hoàn thành",
     "Chi đúng dự toán được giao, không phát sinh sai phạm.", ""),
    ("Phụ lục I", "Tỷ lệ xử lý văn bản, hồ sơ công việc trên môi trường mạng", "Đang thực hiện",
     "Văn bản đi, đến được xử lý trên phần mềm quản lý văn bản.", ""),
    ("Phụ lục II", "Đầu tư cơ sở vật chất, trang thiết bị tại Bộ phận một cửa", "Đang thực hiện",
     "Đã bố trí thêm ghế ngồi và bàn viết hồ sơ cho người dân.", ""),
    ("Phụ lục II", "Tuân thủ nguyên tắc và quy trình giải quyết TTHC", "Hoàn thành",
     "Công chức thực hiện đúng quy trình nội bộ đã được phê duyệt.", ""),
]  # fmt: skip
TEXTS = {
    "Ưu điểm": "Công tác chỉ đạo, điều hành CCHC được triển khai sớm.\n"
               "Bộ phận Một cửa tiếp nhận, trả kết quả đúng quy trình.",
    "Tồn tại, hạn chế và nguyên nhân": "Còn hồ sơ giải quyết trễ hạn do phải xác minh thêm "
               "thông tin.\nTỷ lệ thanh toán trực tuyến còn thấp.",
    "Nhiệm vụ kỳ tới": "Tăng cường hướng dẫn người dân nộp hồ sơ và thanh toán trực tuyến.",
    "Kiến nghị, đề xuất": "Đề nghị cấp trên tập huấn sử dụng Hệ thống thông tin giải quyết "
               "TTHC của tỉnh.",
}  # fmt: skip


def main() -> None:
    workspace, _ = open_workspace(ROOT / "examples" / "hai-yen-2024")
    plan = workspace.the_plan
    stamp = dt.datetime(2024, 3, 14, tzinfo=dt.UTC)
    data, _ = build_tracker(plan, None, stamp)
    book = load_workbook(io.BytesIO(data))
    for sheet_name, start, status, result, note in ENTRIES:
        sheet = book[sheet_name]
        rows = [r for r in range(HEADER_ROW + 1, sheet.max_row + 1)
                if str(sheet.cell(row=r, column=3).value or "").startswith(start)]  # fmt: skip
        assert rows, start
        for column, value in zip((7, 8, 9), (status, result, note), strict=True):
            sheet.cell(row=rows[0], column=column, value=value or None)
    texts = book[TEXT_SHEET]
    for column, title in enumerate(TEXTS, start=2):
        texts.cell(row=HEADER_ROW + 1, column=column, value=TEXTS[title])
    buffer = io.BytesIO()
    book.save(buffer)
    target = workspace.tracker_path
    target.write_bytes(normalize_zip(buffer.getvalue(), stamp))
    print(target)


if __name__ == "__main__":
    main()
