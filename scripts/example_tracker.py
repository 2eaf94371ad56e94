"""The example's tracker: made from the plan like `kehoach tracker`, then filled in for the
whole of 2024 as the commune's officer would have done it quarter by quarter, so that every
report of the example (quarters I to IV, the 6-month and the year report) runs on a fresh
clone and reads as a signed report of UBND xã Hải Yến.

- Each quarter has entries, with a status and a result or note, in every section of
  Phụ lục I (I to VIII), in Phụ lục II (SIPAS) and in Phụ lục III (PAPI); the sheets then
  read as a year's work: what is «Chưa thực hiện» with a planned quarter is done in that
  quarter, most tasks are «Hoàn thành» by quarter IV, the yearly work (the year's review,
  the 2025 plan, the yearly checks) is in quarter IV.
- The figures written agree with the example's dossiers (ho-so-mot-cua/): the late dossiers
  are of the fields and reasons the export gives, and there is no apology letter in a fresh
  clone. The rows that carry an indicator of the plan (on time, apology, fully online,
  online payment) state no rate and claim no "all dossiers": the report appends the
  computed figure to them; only the work done is written there.
- «Nội dung báo cáo» has every period's row (Quý I to IV, 6 tháng, Năm): Ưu điểm; Tồn tại,
  hạn chế và nguyên nhân; Nhiệm vụ kỳ tới; Kiến nghị, đề xuất. The 6-month and year rows
  speak for the whole period; the year's tasks are those of 2025.
- The script stops on an entry whose start of text fits two different tasks, a cell written
  twice, or a text that is not a finished sentence.
- The workbook is stamped 14/12/2024 (the end of the year's last reporting period), so that
  running the script again gives the same bytes.

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
    DONE,
    HEADER_ROW,
    IN_PROGRESS,
    NOT_APPLICABLE,
    NOT_STARTED,
    STATUSES,
    TEXT_COLUMNS,
    TEXT_PERIODS,
    TEXT_SHEET,
    sheet_name,
    status_column,
)
from kehoach_docs.outputs.tracker_book import build_tracker  # noqa: E402
from kehoach_docs.render.officezip import normalize_zip  # noqa: E402
from kehoach_docs.workspace import open_workspace  # noqa: E402

PAR, SIPAS, PAPI = (sheet_name(index) for index in (1, 2, 3))
# The day the workbook is stamped with: the last day of the year's last reporting period.
STAMP = dt.datetime(2024, 12, 14, tzinfo=dt.UTC)

# (sheet, start of the task text, quarter, status, result, note).
ENTRIES = [
    # ------------------------------------------------ Quarter I (15/12/2023 - 14/3/2024)
    # I. Công tác chỉ đạo, điều hành CCHC.
    (
        PAR,
        "Tổ chức thực hiện các nhiệm vụ tại Kế hoạch",
        1,
        IN_PROGRESS,
        "Đã xây dựng dự thảo Kế hoạch CCHC năm 2024 và giao công chức chuẩn bị nội dung từng "
        "lĩnh vực.",
        "",
    ),
    (
        PAR,
        "Báo cáo kết quả thực hiện công tác CCHC định kỳ",
        1,
        DONE,
        "Đã gửi báo cáo CCHC năm 2023 đúng thời hạn.",
        "",
    ),
    (
        PAR,
        "Tổ chức kiểm tra công tác CCHC",
        1,
        NOT_STARTED,
        "",
        "Theo kế hoạch kiểm tra trong quý III.",
    ),
    (
        PAR,
        "Đăng tải nội dung, thông tin CCHC",
        1,
        IN_PROGRESS,
        "Đã đăng tải tin, bài về CCHC trên Trang thông tin điện tử của xã.",
        "",
    ),
    (
        PAR,
        "Tuyên truyền CCHC qua pano, áp phích",
        1,
        IN_PROGRESS,
        "Đã phát 18 buổi tin về CCHC và dịch vụ công trực tuyến trên hệ thống loa phát thanh "
        "của xã.",
        "",
    ),
    (
        PAR,
        "Tuyên truyền và tương tác với người dân, tổ chức trên mạng xã hội",
        1,
        IN_PROGRESS,
        "Đã đăng thông tin về TTHC trên Trang Facebook của UBND xã và các nhóm Zalo của thôn.",
        "",
    ),
    (
        PAR,
        "Sáng kiến hoặc giải pháp mới trong CCHC",
        1,
        NOT_STARTED,
        "",
        "Theo kế hoạch, đăng ký sáng kiến, giải pháp trong quý II.",
    ),
    (
        PAR,
        "Tổ chức Hội nghị đối thoại của Lãnh đạo xã",
        1,
        NOT_STARTED,
        "",
        "Theo kế hoạch tổ chức trong quý III.",
    ),
    # II. Cải cách thể chế.
    (
        PAR,
        "Thực hiện các hoạt động về theo dõi thi hành pháp luật",
        1,
        IN_PROGRESS,
        "Đã ban hành kế hoạch theo dõi thi hành pháp luật năm 2024.",
        "",
    ),
    (
        PAR,
        "Xử lý kết quả theo dõi thi hành pháp luật",
        1,
        NOT_STARTED,
        "",
        "Thực hiện sau khi có kết quả theo dõi thi hành pháp luật.",
    ),
    (
        PAR,
        "Thực hiện rà soát thường xuyên, hiệu quả các văn bản quy phạm",
        1,
        IN_PROGRESS,
        "Đã rà soát các văn bản quy phạm pháp luật của HĐND, UBND huyện về hộ tịch, chứng thực; "
        "chưa phát hiện văn bản mâu thuẫn, chồng chéo.",
        "",
    ),
    # III. Cải cách thủ tục hành chính.
    (
        PAR,
        "Công bố TTHC, danh mục TTHC theo quy định",
        1,
        DONE,
        "Đã niêm yết danh mục TTHC cấp xã theo quyết định công bố của UBND tỉnh.",
        "",
    ),
    (
        PAR,
        "Thực hiện cơ chế một cửa, cơ chế một cửa liên thông",
        1,
        DONE,
        "Các TTHC thuộc thẩm quyền của xã được tiếp nhận và trả kết quả tại Bộ phận Một cửa.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận trong năm",
        1,
        IN_PROGRESS,
        "Công chức Văn phòng - Thống kê rà soát hằng tuần các hồ sơ sắp đến hạn trên Hệ thống "
        "thông tin giải quyết TTHC của tỉnh, nhắc công chức giải quyết kịp thời.",
        "",
    ),
    (
        PAR,
        "Thực hiện việc xin lỗi người dân, tổ chức",
        1,
        IN_PROGRESS,
        "Đã quán triệt công chức lập phiếu xin lỗi và hẹn lại ngày trả kết quả theo Mẫu số 04 "
        "ban hành kèm theo Thông tư số 01/2018/TT-VPCP khi hồ sơ có nguy cơ trễ hạn.",
        "",
    ),
    (
        PAR,
        "Xử lý PAKN của cá nhân, tổ chức",
        1,
        NOT_APPLICABLE,
        "",
        "Trong kỳ không tiếp nhận phản ánh, kiến nghị về TTHC.",
    ),
    # IV. Cải cách tổ chức bộ máy.
    (
        PAR,
        "Tiếp tục rà soát, sắp xếp tổ chức bộ máy",
        1,
        NOT_APPLICABLE,
        "",
        "Chưa có hướng dẫn của cấp trên.",
    ),
    (
        PAR,
        "Thực hiện các quy định về quản lý biên chế",
        1,
        DONE,
        "Số lượng cán bộ, công chức của xã không vượt quá số lượng được giao.",
        "",
    ),
    # V. Cải cách chế độ công vụ.
    (
        PAR,
        "Tiếp tục rà soát hoàn thiện quy định về vị trí việc làm",
        1,
        IN_PROGRESS,
        "Đã rà soát bản mô tả công việc và khung năng lực của từng vị trí việc làm công chức xã.",
        "",
    ),
    (
        PAR,
        "Tiếp tục rà soát, bố trí công chức theo đúng vị trí việc làm",
        1,
        DONE,
        "Công chức được bố trí đúng chức danh và vị trí việc làm đã được phê duyệt.",
        "",
    ),
    (
        PAR,
        "Thực hiện quy định về bổ nhiệm các chức danh lãnh đạo",
        1,
        NOT_APPLICABLE,
        "",
        "Không có chức danh lãnh đạo, quản lý thuộc diện bổ nhiệm.",
    ),
    (
        PAR,
        "Chấp hành kỷ luật, kỷ cương hành chính",
        1,
        DONE,
        "Cán bộ, công chức chấp hành nghiêm giờ giấc làm việc, không có trường hợp vi phạm phải "
        "xử lý kỷ luật.",
        "",
    ),
    (
        PAR,
        "Thực hiện kế hoạch công tác đào tạo, bồi dưỡng",
        1,
        IN_PROGRESS,
        "Đã đăng ký nhu cầu đào tạo, bồi dưỡng cán bộ, công chức năm 2024 với Phòng Nội vụ huyện.",
        "",
    ),
    # VI. Cải cách tài chính công.
    (
        PAR,
        "Thực hiện giải ngân kế hoạch đầu tư vốn",
        1,
        IN_PROGRESS,
        "Đã phê duyệt hồ sơ và lựa chọn nhà thầu thi công công trình đường bê tông nội thôn "
        "năm 2024.",
        "",
    ),
    (
        PAR,
        "Thực hiện quy định về việc sử dụng kinh phí từ nguồn NSNN",
        1,
        DONE,
        "Chi đúng dự toán được giao, không phát sinh sai phạm.",
        "",
    ),
    (
        PAR,
        "Ban hành quy chế quản lý, sử dụng tài sản công",
        1,
        DONE,
        "Đã ban hành Quy chế quản lý, sử dụng tài sản công của UBND xã.",
        "",
    ),
    (
        PAR,
        "Đã rà soát, chuẩn hóa, cập nhật số liệu vào Cơ sở dữ liệu quốc gia",
        1,
        DONE,
        "Đã cập nhật số liệu tài sản công năm 2023 vào Cơ sở dữ liệu quốc gia về tài sản công.",
        "",
    ),
    # VII. Chính quyền điện tử, chính quyền số.
    (
        PAR,
        "Tỷ lệ xử lý văn bản, hồ sơ công việc trên môi trường mạng",
        1,
        IN_PROGRESS,
        "Văn bản đi, đến được xử lý trên phần mềm quản lý văn bản.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ gửi, nhận văn bản điện tử 4 cấp",
        1,
        DONE,
        "Phần mềm quản lý văn bản của xã đã kết nối, liên thông gửi, nhận văn bản điện tử với "
        "các cấp chính quyền.",
        "",
    ),
    (
        PAR,
        "Triển khai số hóa hồ sơ, kết quả giải quyết",
        1,
        IN_PROGRESS,
        "Công chức Bộ phận Một cửa số hóa thành phần hồ sơ khi tiếp nhận hồ sơ nộp trực tiếp.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ hồ sơ trực tuyến toàn trình",
        1,
        IN_PROGRESS,
        "Đã rà soát các dịch vụ công trực tuyến toàn trình thuộc thẩm quyền của xã trên Cổng "
        "Dịch vụ công quốc gia để hướng dẫn người dân thực hiện.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ TTHC được triển khai thanh toán trực tuyến",
        1,
        IN_PROGRESS,
        "Đã rà soát các TTHC có thu phí, lệ phí để đề nghị cấu hình thanh toán trực tuyến trên "
        "Hệ thống thông tin giải quyết TTHC của tỉnh.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ hồ sơ thanh toán trực tuyến",
        1,
        IN_PROGRESS,
        "Công chức Bộ phận Một cửa hướng dẫn người dân thanh toán phí, lệ phí qua ứng dụng ngân "
        "hàng khi nộp hồ sơ.",
        "",
    ),
    # VIII. Tác động của CCHC đến phát triển kinh tế - xã hội.
    (
        PAR,
        "Phấn đấu hoàn thành các mục tiêu, nhiệm vụ phát triển",
        1,
        IN_PROGRESS,
        "Đã triển khai Nghị quyết của HĐND xã về nhiệm vụ phát triển kinh tế - xã hội năm 2024; "
        "sản xuất vụ xuân được gieo trồng đúng khung thời vụ.",
        "",
    ),
    # Phụ lục II (SIPAS).
    (
        SIPAS,
        "Đầu tư cơ sở vật chất, trang thiết bị tại Bộ phận một cửa",
        1,
        IN_PROGRESS,
        "Đã bố trí thêm ghế ngồi và bàn viết hồ sơ cho người dân.",
        "",
    ),
    (
        SIPAS,
        "Đa dạng hóa các hình thức cung cấp thông tin",
        1,
        IN_PROGRESS,
        "Đã niêm yết mã QR tra cứu TTHC tại Bộ phận Một cửa.",
        "",
    ),
    (
        SIPAS,
        "Tuân thủ nguyên tắc và quy trình giải quyết TTHC",
        1,
        DONE,
        "Công chức thực hiện đúng quy trình nội bộ đã được phê duyệt.",
        "",
    ),
    (
        SIPAS,
        "Tiếp tục rà soát, đề xuất phương án đơn giản hóa TTHC",
        1,
        NOT_STARTED,
        "",
        "Theo Kế hoạch kiểm soát TTHC năm 2024, thực hiện trong quý II và quý III.",
    ),
    (
        SIPAS,
        "Thường xuyên theo dõi, nắm bắt thông tin phản ánh",
        1,
        IN_PROGRESS,
        "Đã duy trì hòm thư góp ý và số điện thoại đường dây nóng tại Bộ phận Một cửa.",
        "",
    ),
    (
        SIPAS,
        "Rà soát và bố trí cán bộ, công chức, viên chức có đủ năng lực",
        1,
        DONE,
        "Đã kiện toàn Bộ phận Một cửa của xã, phân công công chức có chuyên môn phù hợp tiếp "
        "nhận hồ sơ theo từng lĩnh vực.",
        "",
    ),
    (
        SIPAS,
        "Nâng cao chất lượng giải quyết công việc",
        1,
        IN_PROGRESS,
        "Đã nhắc nhở công chức giải quyết hồ sơ đúng quy trình và thời hạn đã được phê duyệt.",
        "",
    ),
    (
        SIPAS,
        "Thực hiện niêm yết, công khai các quy định quy trình tiếp nhận",
        1,
        DONE,
        "Đã niêm yết số điện thoại đường dây nóng và quy trình tiếp nhận, xử lý phản ánh, kiến "
        "nghị tại Bộ phận Một cửa.",
        "",
    ),
    (
        SIPAS,
        "Tổ chức tiếp nhận, xử lý các góp ý, phản ánh",
        1,
        NOT_APPLICABLE,
        "",
        "Trong kỳ không tiếp nhận góp ý, phản ánh, kiến nghị của người dân, tổ chức.",
    ),
    # Phụ lục III (PAPI).
    (
        PAPI,
        "Tuyên truyền, phổ biến và thực hiện đầy đủ các quy định của Luật Thực hiện dân chủ",
        1,
        IN_PROGRESS,
        "Đã tuyên truyền Luật Thực hiện dân chủ ở cơ sở tại các buổi họp thôn.",
        "",
    ),
    (
        PAPI,
        "Tuyên truyền, vận động người dân tham gia vào các tổ chức",
        1,
        IN_PROGRESS,
        "Đã phối hợp với Ủy ban MTTQ xã vận động người dân tham gia sinh hoạt các tổ chức đoàn "
        "thể tại thôn.",
        "",
    ),
    (
        PAPI,
        "Thông tin để người dân nắm được các quy định về chất lượng bầu cử",
        1,
        IN_PROGRESS,
        "Đã niêm yết quy định về bầu cử Trưởng thôn tại nhà văn hóa các thôn.",
        "",
    ),
    (
        PAPI,
        "Thực hiện đúng quy định của Thủ tướng Chính phủ ban hành Quy trình rà soát hộ nghèo",
        1,
        DONE,
        "Đã công khai danh sách hộ nghèo, hộ cận nghèo năm 2024 tại nhà văn hóa các thôn.",
        "",
    ),
    (
        PAPI,
        "Thực hiện đúng quy định về quản lý ngân sách cấp xã",
        1,
        DONE,
        "Đã công khai dự toán ngân sách xã năm 2024 tại trụ sở UBND xã và trên Trang thông tin "
        "điện tử của xã.",
        "",
    ),
    (
        PAPI,
        "Chính quyền địa phương tích cực, chủ động",
        1,
        DONE,
        "Đã tiếp nhận 02 đơn đề nghị giải quyết tranh chấp đất đai và tổ chức hòa giải theo "
        "quy định.",
        "",
    ),
    (
        PAPI,
        "Tăng cường kiểm tra, giám sát và xử lý nghiêm các hành vi vi phạm",
        1,
        DONE,
        "Không phát hiện cán bộ, công chức có hành vi nhũng nhiễu, thu tiền ngoài quy định khi "
        "giải quyết TTHC.",
        "",
    ),
    (
        PAPI,
        "Thực hiện tốt việc giải quyết TTHC theo cơ chế một cửa",
        1,
        DONE,
        "Các TTHC của xã được tiếp nhận, giải quyết theo cơ chế một cửa, một cửa liên thông.",
        "",
    ),
    (
        PAPI,
        "Thực hiện tốt việc niêm yết công khai quy trình",
        1,
        DONE,
        "Đã niêm yết mức thu phí, lệ phí của từng TTHC tại Bộ phận Một cửa.",
        "",
    ),
    (
        PAPI,
        "Tăng cường các biện pháp bảo đảm an ninh, trật tự",
        1,
        DONE,
        "Công an xã duy trì tuần tra, bảo đảm an ninh, trật tự trước, trong và sau Tết Nguyên "
        "đán Giáp Thìn năm 2024.",
        "",
    ),
    (
        PAPI,
        "Tăng cường công tác thông tin tuyên truyền và hướng dẫn cho người dân",
        1,
        IN_PROGRESS,
        "Đã hướng dẫn người dân cài đặt và sử dụng ứng dụng VNeID.",
        "",
    ),
    # ------------------------------------------------ Quarter II (15/3 - 14/6/2024)
    # I.
    (
        PAR,
        "Tổ chức thực hiện các nhiệm vụ tại Kế hoạch",
        2,
        IN_PROGRESS,
        "Đã sơ kết việc thực hiện Kế hoạch CCHC 6 tháng đầu năm 2024.",
        "",
    ),
    (
        PAR,
        "Báo cáo kết quả thực hiện công tác CCHC định kỳ",
        2,
        DONE,
        "Đã gửi báo cáo CCHC quý I năm 2024 đúng thời hạn.",
        "",
    ),
    (
        PAR,
        "Tổ chức kiểm tra công tác CCHC",
        2,
        NOT_STARTED,
        "",
        "Theo kế hoạch kiểm tra trong quý III.",
    ),
    (
        PAR,
        "Đăng tải nội dung, thông tin CCHC",
        2,
        IN_PROGRESS,
        "Đã đăng 12 tin, bài về CCHC trên Trang thông tin điện tử của xã.",
        "",
    ),
    (
        PAR,
        "Tuyên truyền CCHC qua pano, áp phích",
        2,
        DONE,
        "Đã phát 24 buổi tin về CCHC trên hệ thống loa phát thanh của xã.",
        "",
    ),
    (
        PAR,
        "Tuyên truyền và tương tác với người dân, tổ chức trên mạng xã hội",
        2,
        IN_PROGRESS,
        "Đã đăng hướng dẫn nộp hồ sơ trực tuyến trên Trang Facebook của UBND xã và các nhóm Zalo "
        "của thôn.",
        "",
    ),
    (
        PAR,
        "Sáng kiến hoặc giải pháp mới trong CCHC",
        2,
        IN_PROGRESS,
        "Đã đăng ký giải pháp «Tổ công nghệ số cộng đồng hỗ trợ người dân nộp hồ sơ trực tuyến "
        "tại thôn».",
        "",
    ),
    (
        PAR,
        "Tổ chức Hội nghị đối thoại của Lãnh đạo xã",
        2,
        NOT_STARTED,
        "",
        "Theo kế hoạch tổ chức trong quý III.",
    ),
    # II.
    (
        PAR,
        "Thực hiện các hoạt động về theo dõi thi hành pháp luật",
        2,
        DONE,
        "Đã kiểm tra tình hình thi hành pháp luật về hộ tịch và đất đai.",
        "",
    ),
    (
        PAR,
        "Xử lý kết quả theo dõi thi hành pháp luật",
        2,
        IN_PROGRESS,
        "Đã đề nghị công chức Tư pháp - Hộ tịch khắc phục các thiếu sót trong cập nhật sổ hộ "
        "tịch phát hiện qua kiểm tra.",
        "",
    ),
    (
        PAR,
        "Thực hiện rà soát thường xuyên, hiệu quả các văn bản quy phạm",
        2,
        IN_PROGRESS,
        "Đã rà soát các văn bản quy phạm pháp luật của HĐND, UBND huyện về chính sách bảo trợ xã "
        "hội; chưa phát hiện văn bản mâu thuẫn, chồng chéo.",
        "",
    ),
    # III.
    (
        PAR,
        "Công khai TTHC đầy đủ, kịp thời trên Cổng dịch vụ công",
        2,
        DONE,
        "Các TTHC thuộc thẩm quyền của xã đã được công khai trên Cổng Dịch vụ công quốc gia "
        "theo quyết định công bố.",
        "",
    ),
    (
        PAR,
        "Công khai TTHC đầy đủ, kịp thời tại Bộ phận Một cửa",
        2,
        DONE,
        "Đã cập nhật niêm yết 12 TTHC mới theo quyết định công bố của UBND tỉnh.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận trong năm",
        2,
        IN_PROGRESS,
        "Công chức Văn phòng - Thống kê rà soát hằng tuần các hồ sơ sắp đến hạn trên Hệ thống "
        "thông tin giải quyết TTHC của tỉnh, nhắc công chức giải quyết kịp thời.",
        "",
    ),
    (
        PAR,
        "Thực hiện việc xin lỗi người dân, tổ chức",
        2,
        IN_PROGRESS,
        "Đã rà soát các hồ sơ trễ hạn trong kỳ, nhắc nhở công chức lập phiếu xin lỗi trước ngày "
        "hẹn trả kết quả.",
        "",
    ),
    (
        PAR,
        "Xử lý PAKN của cá nhân, tổ chức",
        2,
        DONE,
        "Đã tiếp nhận 01 phản ánh về thời gian giải quyết hồ sơ trợ cấp xã hội và trả lời người "
        "dân trong thời hạn quy định.",
        "",
    ),
    (
        PAR,
        "Công khai kết quả trả lời PAKN",
        2,
        DONE,
        "Đã công khai kết quả trả lời phản ánh tại Bộ phận Một cửa và trên Trang thông tin điện "
        "tử của xã.",
        "",
    ),
    # IV.
    (
        PAR,
        "Tiếp tục rà soát, sắp xếp tổ chức bộ máy",
        2,
        NOT_APPLICABLE,
        "",
        "Chưa có hướng dẫn của cấp trên.",
    ),
    (
        PAR,
        "Thực hiện các quy định về quản lý biên chế",
        2,
        DONE,
        "Số lượng cán bộ, công chức của xã không vượt quá số lượng được giao.",
        "",
    ),
    # V.
    (
        PAR,
        "Tiếp tục rà soát hoàn thiện quy định về vị trí việc làm",
        2,
        IN_PROGRESS,
        "Đã hoàn thiện bản mô tả vị trí việc làm, gửi Phòng Nội vụ huyện thẩm định.",
        "",
    ),
    (
        PAR,
        "Chấp hành kỷ luật, kỷ cương hành chính",
        2,
        DONE,
        "Cán bộ, công chức chấp hành nghiêm giờ giấc làm việc, không có trường hợp vi phạm phải "
        "xử lý kỷ luật.",
        "",
    ),
    (
        PAR,
        "Thực hiện kế hoạch công tác đào tạo, bồi dưỡng",
        2,
        DONE,
        "Đã cử 03 công chức dự lớp bồi dưỡng kỹ năng giải quyết TTHC do huyện tổ chức.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ cán bộ, công chức cấp xã đạt chuẩn",
        2,
        IN_PROGRESS,
        "Đã rà soát tiêu chuẩn trình độ của cán bộ, công chức; còn 01 công chức chưa có trình độ "
        "trung cấp lý luận chính trị.",
        "",
    ),
    # VI.
    (
        PAR,
        "Thực hiện giải ngân kế hoạch đầu tư vốn",
        2,
        IN_PROGRESS,
        "Công trình đường bê tông nội thôn đang thi công, đã giải ngân theo khối lượng nghiệm thu.",
        "",
    ),
    (
        PAR,
        "Thực hiện quy định về việc sử dụng kinh phí từ nguồn NSNN",
        2,
        DONE,
        "Chi đúng dự toán được giao, không phát sinh sai phạm.",
        "",
    ),
    (
        PAR,
        "Thực hiện các kiến nghị sau thanh tra, kiểm tra",
        2,
        NOT_APPLICABLE,
        "",
        "Trong kỳ không có kết luận thanh tra, kiểm tra về tài chính, ngân sách phải thực hiện.",
    ),
    (
        PAR,
        "Có kiểm tra việc thực hiện các quy định về quản lý, sử dụng tài sản công",
        2,
        NOT_STARTED,
        "",
        "Theo kế hoạch kiểm tra trong quý IV.",
    ),
    # VII.
    (
        PAR,
        "Tỷ lệ xử lý văn bản, hồ sơ công việc trên môi trường mạng",
        2,
        IN_PROGRESS,
        "Văn bản đi được ký số và gửi trên phần mềm quản lý văn bản.",
        "",
    ),
    (
        PAR,
        "Trang thông tin điện tử đáp ứng yêu cầu chức năng",
        2,
        IN_PROGRESS,
        "Đã bổ sung chuyên mục «Cải cách hành chính» và «Hỏi đáp» trên Trang thông tin điện tử "
        "của xã.",
        "",
    ),
    (
        PAR,
        "Triển khai số hóa hồ sơ, kết quả giải quyết",
        2,
        IN_PROGRESS,
        "Đã số hóa 1.250 trang sổ đăng ký hộ tịch lưu trữ tại UBND xã.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ hồ sơ trực tuyến toàn trình",
        2,
        IN_PROGRESS,
        "Đã hướng dẫn người dân tạo tài khoản định danh điện tử để nộp hồ sơ trực tuyến tại Bộ "
        "phận Một cửa.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ TTHC có phát sinh giao dịch thanh toán trực tuyến",
        2,
        IN_PROGRESS,
        "Đã hướng dẫn người dân thanh toán trực tuyến lệ phí hộ tịch và phí chứng thực.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ hồ sơ thanh toán trực tuyến",
        2,
        IN_PROGRESS,
        "Đã đặt mã QR thanh toán phí, lệ phí tại quầy tiếp nhận hồ sơ của Bộ phận Một cửa.",
        "",
    ),
    # VIII.
    (
        PAR,
        "Phấn đấu hoàn thành các mục tiêu, nhiệm vụ phát triển",
        2,
        IN_PROGRESS,
        "Sản xuất vụ xuân đạt kế hoạch; các chỉ tiêu kinh tế - xã hội chủ yếu đạt tiến độ đề ra.",
        "",
    ),
    # Phụ lục II (SIPAS).
    (
        SIPAS,
        "Đầu tư cơ sở vật chất, trang thiết bị tại Bộ phận một cửa",
        2,
        DONE,
        "Đã lắp đặt máy tra cứu TTHC tại Bộ phận một cửa.",
        "",
    ),
    (
        SIPAS,
        "Tuân thủ nguyên tắc và quy trình giải quyết TTHC",
        2,
        DONE,
        "Công chức thực hiện đúng quy trình nội bộ đã được phê duyệt.",
        "",
    ),
    (
        SIPAS,
        "Tiếp tục rà soát, đề xuất phương án đơn giản hóa TTHC",
        2,
        IN_PROGRESS,
        "Đã rà soát 05 TTHC lĩnh vực hộ tịch, chứng thực theo Kế hoạch kiểm soát TTHC năm 2024.",
        "",
    ),
    (
        SIPAS,
        "Tuyên truyền, hướng dẫn tổ chức, cá nhân dịch vụ công trực tuyến",
        2,
        IN_PROGRESS,
        "Công chức Bộ phận một cửa hướng dẫn người dân nộp hồ sơ trực tuyến tại chỗ.",
        "",
    ),
    (
        SIPAS,
        "Loại bỏ các hành vi ưu tiên",
        2,
        DONE,
        "Đã công khai số điện thoại hỗ trợ người dân nộp hồ sơ TTHC tại Bộ phận Một cửa và trên "
        "Trang thông tin điện tử của xã.",
        "",
    ),
    (
        SIPAS,
        "Tăng cường công tác kiểm tra công vụ",
        2,
        IN_PROGRESS,
        "Đã kiểm tra đột xuất việc chấp hành giờ làm việc của công chức tại Bộ phận Một cửa.",
        "",
    ),
    (
        SIPAS,
        "Tổ chức đánh giá chất lượng giải quyết TTHC",
        2,
        IN_PROGRESS,
        "Người dân đánh giá mức độ hài lòng khi nhận kết quả qua thiết bị đánh giá đặt tại Bộ "
        "phận Một cửa.",
        "",
    ),
    (
        SIPAS,
        "Tổ chức tiếp nhận, xử lý các góp ý, phản ánh",
        2,
        DONE,
        "Đã tiếp nhận, xử lý 01 phản ánh của người dân và thông báo kết quả cho người phản ánh.",
        "",
    ),
    (
        SIPAS,
        "Công khai đầy đủ những nội dung đã tiếp nhận và xử lý phản ánh",
        2,
        DONE,
        "Đã công khai kết quả xử lý phản ánh tại Bộ phận Một cửa và trên Trang thông tin điện tử "
        "của xã.",
        "",
    ),
    # Phụ lục III (PAPI).
    (
        PAPI,
        "Tuyên truyền, phổ biến và thực hiện đầy đủ các quy định của Luật Thực hiện dân chủ",
        2,
        DONE,
        "Đã tổ chức hội nghị triển khai Luật Thực hiện dân chủ ở cơ sở đến 12 thôn.",
        "",
    ),
    (
        PAPI,
        "Thông tin cho người dân biết các quy định về huy động",
        2,
        IN_PROGRESS,
        "Đã công khai các khoản huy động đóng góp tự nguyện xây dựng đường bê tông nội thôn tại "
        "nhà văn hóa thôn.",
        "",
    ),
    (
        PAPI,
        "Tuyên truyền, triển khai các hình thức phù hợp để Nhân dân",
        2,
        IN_PROGRESS,
        "Đã tổng hợp ý kiến, kiến nghị của cử tri tại các buổi tiếp xúc cử tri trước kỳ họp giữa "
        "năm của HĐND xã.",
        "",
    ),
    (
        PAPI,
        "Thực hiện đúng quy định về quản lý ngân sách cấp xã",
        2,
        DONE,
        "Đã công khai tình hình thực hiện dự toán ngân sách xã quý I năm 2024.",
        "",
    ),
    (
        PAPI,
        "Nâng cao trách nhiệm giải trình với người dân",
        2,
        IN_PROGRESS,
        "Lãnh đạo UBND xã tiếp công dân định kỳ vào thứ Năm hằng tuần.",
        "",
    ),
    (
        PAPI,
        "Tăng cường tuyên truyền phổ biến pháp luật với người dân",
        2,
        IN_PROGRESS,
        "Đã phối hợp với Trung tâm Trợ giúp pháp lý nhà nước tỉnh tổ chức trợ giúp pháp lý lưu "
        "động tại xã.",
        "",
    ),
    (
        PAPI,
        "Tăng cường kiểm tra, giám sát và xử lý nghiêm các hành vi vi phạm",
        2,
        DONE,
        "Không phát hiện cán bộ, công chức có hành vi nhũng nhiễu, thu tiền ngoài quy định khi "
        "giải quyết TTHC.",
        "",
    ),
    (
        PAPI,
        "Tuyên truyền để người dân biết về Luật Phòng, chống tham nhũng",
        2,
        IN_PROGRESS,
        "Đã tuyên truyền Luật Phòng, chống tham nhũng tại các buổi họp thôn và công khai số điện "
        "thoại đường dây nóng của UBND xã.",
        "",
    ),
    (
        PAPI,
        "Nâng cao trình độ, kỹ năng nghiệp vụ",
        2,
        DONE,
        "Công chức Bộ phận Một cửa đã tham gia lớp bồi dưỡng kỹ năng giải quyết TTHC do huyện tổ "
        "chức.",
        "",
    ),
    (
        PAPI,
        "Thực hiện tốt việc gửi thư xin lỗi",
        2,
        IN_PROGRESS,
        "Đã nhắc nhở công chức lập phiếu xin lỗi trước ngày hẹn trả đối với hồ sơ có nguy cơ "
        "trễ hạn.",
        "",
    ),
    (
        PAPI,
        "Tổ chức kiểm tra, xử lý các doanh nghiệp",
        2,
        IN_PROGRESS,
        "Đã kiểm tra 03 cơ sở chăn nuôi trên địa bàn, nhắc nhở 01 cơ sở xử lý chất thải chưa "
        "đúng quy định.",
        "",
    ),
    (
        PAPI,
        "Tăng cường công tác thông tin tuyên truyền và hướng dẫn cho người dân",
        2,
        IN_PROGRESS,
        "Đã hướng dẫn người dân sử dụng dịch vụ công trực tuyến tại nhà văn hóa các thôn.",
        "",
    ),
    (
        PAPI,
        "Tăng cường công tác thông tin tuyên truyền và tổ chức tập huấn",
        2,
        IN_PROGRESS,
        "Tổ công nghệ số cộng đồng đã hướng dẫn người dân sử dụng Internet an toàn tại 04 thôn.",
        "",
    ),
    # ------------------------------------------------ Quarter III (15/6 - 14/9/2024)
    # I.
    (
        PAR,
        "Tổ chức thực hiện các nhiệm vụ tại Kế hoạch",
        3,
        IN_PROGRESS,
        "Đã đôn đốc các công chức thực hiện các nhiệm vụ còn chậm tiến độ sau sơ kết 6 tháng đầu "
        "năm.",
        "",
    ),
    (
        PAR,
        "Báo cáo kết quả thực hiện công tác CCHC định kỳ",
        3,
        DONE,
        "Đã gửi báo cáo CCHC quý II và 6 tháng đầu năm 2024 đúng thời hạn.",
        "",
    ),
    (
        PAR,
        "Tổ chức kiểm tra công tác CCHC",
        3,
        DONE,
        "Đã kiểm tra công tác CCHC đối với 07/21 cán bộ, công chức, chấn chỉnh các thiếu sót "
        "phát hiện qua kiểm tra.",
        "",
    ),
    (
        PAR,
        "Đăng tải nội dung, thông tin CCHC",
        3,
        IN_PROGRESS,
        "Đã đăng 10 tin, bài về CCHC và Luật Đất đai năm 2024 trên Trang thông tin điện tử của xã.",
        "",
    ),
    (
        PAR,
        "Tuyên truyền CCHC qua pano, áp phích",
        3,
        DONE,
        "Đã phát 20 buổi tin về CCHC và Luật Đất đai năm 2024 trên hệ thống loa phát thanh của xã.",
        "",
    ),
    (
        PAR,
        "Tuyên truyền và tương tác với người dân, tổ chức trên mạng xã hội",
        3,
        IN_PROGRESS,
        "Đã trả lời các câu hỏi của người dân về TTHC trên Trang Facebook của UBND xã.",
        "",
    ),
    (
        PAR,
        "Sáng kiến hoặc giải pháp mới trong CCHC",
        3,
        IN_PROGRESS,
        "Đã áp dụng thí điểm giải pháp Tổ công nghệ số cộng đồng tại 04 thôn.",
        "",
    ),
    (
        PAR,
        "Tổ chức Hội nghị đối thoại của Lãnh đạo xã",
        3,
        DONE,
        "Đã tổ chức hội nghị đối thoại giữa Chủ tịch UBND xã với người dân ngày 15/8/2024, trả "
        "lời trực tiếp 14 ý kiến của người dân.",
        "",
    ),
    # II.
    (
        PAR,
        "Thực hiện các hoạt động về theo dõi thi hành pháp luật",
        3,
        DONE,
        "Đã thu thập thông tin về tình hình thi hành pháp luật về bảo trợ xã hội trên địa bàn xã.",
        "",
    ),
    (
        PAR,
        "Xử lý kết quả theo dõi thi hành pháp luật",
        3,
        DONE,
        "Các kiến nghị sau theo dõi thi hành pháp luật đã được xử lý theo thẩm quyền.",
        "",
    ),
    (
        PAR,
        "Thực hiện rà soát thường xuyên, hiệu quả các văn bản quy phạm",
        3,
        IN_PROGRESS,
        "Đã rà soát các văn bản về đất đai để kiến nghị sửa đổi, bổ sung cho phù hợp với Luật "
        "Đất đai năm 2024.",
        "",
    ),
    # III.
    (
        PAR,
        "Công bố TTHC, danh mục TTHC theo quy định",
        3,
        DONE,
        "Đã niêm yết danh mục TTHC lĩnh vực đất đai cấp xã được công bố theo Luật Đất đai năm "
        "2024.",
        "",
    ),
    (
        PAR,
        "Thực hiện cơ chế một cửa, cơ chế một cửa liên thông",
        3,
        DONE,
        "Các TTHC thuộc thẩm quyền của xã được tiếp nhận và trả kết quả tại Bộ phận Một cửa.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ hồ sơ TTHC được đồng bộ, công khai",
        3,
        DONE,
        "Hồ sơ TTHC tiếp nhận trên Hệ thống thông tin giải quyết TTHC của tỉnh được đồng bộ lên "
        "Cổng Dịch vụ công quốc gia.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận trong năm",
        3,
        IN_PROGRESS,
        "Đã phân công công chức giải quyết thay khi công chức phụ trách nghỉ ốm đột xuất.",
        "",
    ),
    (
        PAR,
        "Thực hiện việc xin lỗi người dân, tổ chức",
        3,
        IN_PROGRESS,
        "Đã giao công chức Văn phòng - Thống kê theo dõi hồ sơ sắp đến hạn để lập phiếu xin lỗi "
        "kịp thời.",
        "",
    ),
    (
        PAR,
        "Xử lý PAKN của cá nhân, tổ chức",
        3,
        NOT_APPLICABLE,
        "",
        "Trong kỳ không tiếp nhận phản ánh, kiến nghị về TTHC.",
    ),
    # IV.
    (
        PAR,
        "Tiếp tục rà soát, sắp xếp tổ chức bộ máy",
        3,
        NOT_APPLICABLE,
        "",
        "Chưa có hướng dẫn của cấp trên.",
    ),
    (
        PAR,
        "Thực hiện các quy định về quản lý biên chế",
        3,
        DONE,
        "Số lượng cán bộ, công chức của xã không vượt quá số lượng được giao.",
        "",
    ),
    # V.
    (
        PAR,
        "Tiếp tục rà soát hoàn thiện quy định về vị trí việc làm",
        3,
        IN_PROGRESS,
        "",
        "Bản mô tả vị trí việc làm đang được Phòng Nội vụ huyện thẩm định.",
    ),
    (
        PAR,
        "Tiếp tục rà soát, bố trí công chức theo đúng vị trí việc làm",
        3,
        DONE,
        "Công chức được bố trí đúng chức danh và vị trí việc làm đã được phê duyệt.",
        "",
    ),
    (
        PAR,
        "Chấp hành kỷ luật, kỷ cương hành chính",
        3,
        DONE,
        "Cán bộ, công chức chấp hành nghiêm giờ giấc làm việc, không có trường hợp vi phạm phải "
        "xử lý kỷ luật.",
        "",
    ),
    (
        PAR,
        "Thực hiện kế hoạch công tác đào tạo, bồi dưỡng",
        3,
        DONE,
        "Đã cử 02 cán bộ dự lớp bồi dưỡng kiến thức quản lý nhà nước do tỉnh tổ chức.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ cán bộ, công chức cấp xã đạt chuẩn",
        3,
        IN_PROGRESS,
        "Đã cử 01 công chức còn thiếu chuẩn theo học lớp trung cấp lý luận chính trị.",
        "",
    ),
    # VI.
    (
        PAR,
        "Thực hiện giải ngân kế hoạch đầu tư vốn",
        3,
        IN_PROGRESS,
        "Công trình đường bê tông nội thôn đã thi công xong, đang hoàn thiện hồ sơ nghiệm thu.",
        "",
    ),
    (
        PAR,
        "Thực hiện quy định về việc sử dụng kinh phí từ nguồn NSNN",
        3,
        DONE,
        "Chi đúng dự toán được giao, không phát sinh sai phạm.",
        "",
    ),
    (
        PAR,
        "Thực hiện các kiến nghị sau thanh tra, kiểm tra",
        3,
        IN_PROGRESS,
        "Đã điều chỉnh sổ kế toán theo kiến nghị của Phòng Tài chính - Kế hoạch huyện sau thẩm "
        "định quyết toán ngân sách xã năm 2023.",
        "",
    ),
    (
        PAR,
        "Có kiểm tra việc thực hiện các quy định về quản lý, sử dụng tài sản công",
        3,
        NOT_STARTED,
        "",
        "Theo kế hoạch kiểm tra trong quý IV.",
    ),
    (
        PAR,
        "Đã rà soát, chuẩn hóa, cập nhật số liệu vào Cơ sở dữ liệu quốc gia",
        3,
        DONE,
        "Đã cập nhật biến động tài sản công 6 tháng đầu năm 2024 vào Cơ sở dữ liệu quốc gia về "
        "tài sản công.",
        "",
    ),
    # VII.
    (
        PAR,
        "Tỷ lệ xử lý văn bản, hồ sơ công việc trên môi trường mạng",
        3,
        DONE,
        "Văn bản đi của UBND xã được ký số và gửi trên phần mềm quản lý văn bản, trừ văn bản mật.",
        "",
    ),
    (
        PAR,
        "Chất lượng cung cấp thông tin trên Trang thông tin điện tử",
        3,
        IN_PROGRESS,
        "Đã phân công công chức Văn hóa - xã hội cập nhật tin, bài hằng tuần trên Trang thông "
        "tin điện tử của xã.",
        "",
    ),
    (
        PAR,
        "Triển khai số hóa hồ sơ, kết quả giải quyết",
        3,
        IN_PROGRESS,
        "Đã số hóa thêm 980 trang sổ đăng ký hộ tịch lưu trữ tại UBND xã.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ hồ sơ trực tuyến toàn trình",
        3,
        IN_PROGRESS,
        "Đã hướng dẫn người dân nộp hồ sơ trực tuyến đối với các thủ tục hộ tịch, chứng thực "
        "thường phát sinh.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ TTHC được triển khai thanh toán trực tuyến",
        3,
        DONE,
        "Các TTHC có thu phí, lệ phí thuộc thẩm quyền của xã đã được cấu hình thanh toán trực "
        "tuyến trên Hệ thống thông tin giải quyết TTHC của tỉnh.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ hồ sơ thanh toán trực tuyến",
        3,
        IN_PROGRESS,
        "Đã phối hợp với Bưu điện văn hóa xã hướng dẫn người dân mở tài khoản và thanh toán "
        "trực tuyến phí, lệ phí.",
        "",
    ),
    # VIII.
    (
        PAR,
        "Phấn đấu hoàn thành các mục tiêu, nhiệm vụ phát triển",
        3,
        IN_PROGRESS,
        "Đã tập trung khắc phục thiệt hại do bão số 3 gây ra, sớm ổn định đời sống Nhân dân và "
        "sản xuất vụ mùa.",
        "",
    ),
    # Phụ lục II (SIPAS).
    (
        SIPAS,
        "Đa dạng hóa các hình thức cung cấp thông tin",
        3,
        DONE,
        "Thông tin về TTHC được cung cấp qua Trang thông tin điện tử, hệ thống loa phát thanh và "
        "các nhóm Zalo của thôn.",
        "",
    ),
    (
        SIPAS,
        "Tuân thủ nguyên tắc và quy trình giải quyết TTHC",
        3,
        DONE,
        "Công chức thực hiện đúng quy trình nội bộ đã được phê duyệt.",
        "",
    ),
    (
        SIPAS,
        "Tiếp tục rà soát, đề xuất phương án đơn giản hóa TTHC",
        3,
        DONE,
        "Đã đề xuất UBND huyện phương án đơn giản hóa thành phần hồ sơ của 02 TTHC lĩnh vực hộ "
        "tịch.",
        "",
    ),
    (
        SIPAS,
        "Tuyên truyền, hướng dẫn tổ chức, cá nhân dịch vụ công trực tuyến",
        3,
        IN_PROGRESS,
        "Đã phát hành 600 tờ rơi hướng dẫn nộp hồ sơ và thanh toán trực tuyến đến các hộ gia đình.",
        "",
    ),
    (
        SIPAS,
        "Thường xuyên theo dõi, nắm bắt thông tin phản ánh",
        3,
        DONE,
        "Tổ kiểm tra của UBND xã đã kiểm tra việc giải quyết TTHC tại Bộ phận Một cửa, nhắc nhở "
        "02 công chức để hồ sơ trễ hạn.",
        "",
    ),
    (
        SIPAS,
        "Rà soát và bố trí cán bộ, công chức, viên chức có đủ năng lực",
        3,
        DONE,
        "Đã cử 02 công chức Bộ phận Một cửa dự tập huấn kỹ năng giao tiếp, ứng xử với người dân "
        "do huyện tổ chức.",
        "",
    ),
    (
        SIPAS,
        "Tăng cường công tác kiểm tra công vụ",
        3,
        DONE,
        "Đã kiểm tra việc thực hiện quy tắc ứng xử của công chức Bộ phận Một cửa, không phát hiện "
        "trường hợp nhũng nhiễu, gây phiền hà.",
        "",
    ),
    (
        SIPAS,
        "Tổ chức tiếp nhận, xử lý các góp ý, phản ánh",
        3,
        NOT_APPLICABLE,
        "",
        "Trong kỳ không tiếp nhận góp ý, phản ánh, kiến nghị của người dân, tổ chức.",
    ),
    # Phụ lục III (PAPI).
    (
        PAPI,
        "Tuyên truyền, vận động người dân tham gia vào các tổ chức",
        3,
        DONE,
        "Ủy ban MTTQ và các đoàn thể xã đã kết nạp thêm 46 hội viên, đoàn viên mới.",
        "",
    ),
    (
        PAPI,
        "Thông tin cho người dân biết các quy định về huy động",
        3,
        DONE,
        "Ban Giám sát đầu tư của cộng đồng đã giám sát công trình đường bê tông nội thôn trong "
        "suốt quá trình thi công.",
        "",
    ),
    (
        PAPI,
        "Thực hiện đúng quy định về quản lý ngân sách cấp xã",
        3,
        DONE,
        "Đã công khai quyết toán ngân sách xã năm 2023 và tình hình thực hiện dự toán 6 tháng "
        "đầu năm 2024.",
        "",
    ),
    (
        PAPI,
        "Thông tin cho người dân biết về quy hoạch, kế hoạch sử dụng đất",
        3,
        IN_PROGRESS,
        "Đã tuyên truyền Luật Đất đai năm 2024 có hiệu lực từ ngày 01/8/2024 và niêm yết kế "
        "hoạch sử dụng đất năm 2024 của huyện tại trụ sở UBND xã.",
        "",
    ),
    (
        PAPI,
        "Nâng cao trách nhiệm giải trình với người dân",
        3,
        IN_PROGRESS,
        "Lãnh đạo UBND xã tiếp công dân định kỳ vào thứ Năm hằng tuần.",
        "",
    ),
    (
        PAPI,
        "Chính quyền địa phương tích cực, chủ động",
        3,
        DONE,
        "Đã tiếp nhận, xử lý 03 đơn kiến nghị của công dân đúng thẩm quyền; không có đơn khiếu "
        "nại, tố cáo.",
        "",
    ),
    (
        PAPI,
        "Tăng cường kiểm tra, giám sát và xử lý nghiêm các hành vi vi phạm",
        3,
        DONE,
        "Không phát hiện cán bộ, công chức có hành vi nhũng nhiễu, thu tiền ngoài quy định khi "
        "giải quyết TTHC.",
        "",
    ),
    (
        PAPI,
        "Tiếp tục quan tâm rà soát, đơn giản hóa TTHC",
        3,
        DONE,
        "Đã đề xuất đơn giản hóa thành phần hồ sơ của 02 TTHC lĩnh vực hộ tịch.",
        "",
    ),
    (
        PAPI,
        "Tăng cường công tác tuyên truyền về lợi ích của việc tham gia bảo hiểm y tế",
        3,
        IN_PROGRESS,
        "Đã phối hợp với Trạm Y tế xã tuyên truyền lợi ích của bảo hiểm y tế tại các "
        "buổi họp thôn.",
        "",
    ),
    (
        PAPI,
        "Nâng cao chất lượng dạy và học",
        3,
        DONE,
        "Các trường tiểu học trên địa bàn xã đã sửa chữa phòng học, chuẩn bị cơ sở vật chất cho "
        "năm học 2024 - 2025.",
        "",
    ),
    (
        PAPI,
        "Triển khai đồng bộ các giải pháp nhằm khắc phục",
        3,
        DONE,
        "Đã tổ chức tổng vệ sinh môi trường, xử lý nguồn nước sinh hoạt tại các thôn sau bão số 3.",
        "",
    ),
    (
        PAPI,
        "Tăng cường công tác thông tin tuyên truyền và hướng dẫn cho người dân",
        3,
        DONE,
        "Đã hướng dẫn người dân tra cứu thông tin trên Trang thông tin điện tử của xã tại các "
        "buổi họp thôn.",
        "",
    ),
    (
        PAPI,
        "Tăng cường tuyên truyền hỗ trợ người dân tiếp cận",
        3,
        IN_PROGRESS,
        "Tổ công nghệ số cộng đồng đã hỗ trợ người dân nộp hồ sơ trực tuyến tại nhà văn hóa thôn.",
        "",
    ),
    # ------------------------------------------------ Quarter IV (15/9 - 14/12/2024)
    # I.
    (
        PAR,
        "Tổ chức thực hiện các nhiệm vụ tại Kế hoạch",
        4,
        DONE,
        "Đã tổng kết việc thực hiện Kế hoạch CCHC năm 2024 và xây dựng dự thảo Kế hoạch CCHC năm "
        "2025.",
        "",
    ),
    (
        PAR,
        "Báo cáo kết quả thực hiện công tác CCHC định kỳ",
        4,
        DONE,
        "Đã gửi báo cáo CCHC quý III năm 2024 đúng thời hạn và tổng hợp số liệu xây dựng báo cáo "
        "CCHC năm 2024.",
        "",
    ),
    (
        PAR,
        "Tổ chức kiểm tra công tác CCHC",
        4,
        DONE,
        "Các thiếu sót phát hiện qua kiểm tra công tác CCHC quý III đã được khắc phục.",
        "",
    ),
    (
        PAR,
        "Đăng tải nội dung, thông tin CCHC",
        4,
        DONE,
        "Đã đăng 11 tin, bài về CCHC trên Trang thông tin điện tử của xã.",
        "",
    ),
    (
        PAR,
        "Tuyên truyền CCHC qua pano, áp phích",
        4,
        DONE,
        "Đã phát 22 buổi tin về CCHC trên hệ thống loa phát thanh và treo 02 pano tuyên truyền "
        "CCHC tại trụ sở UBND xã.",
        "",
    ),
    (
        PAR,
        "Tuyên truyền và tương tác với người dân, tổ chức trên mạng xã hội",
        4,
        DONE,
        "Thông tin về TTHC và dịch vụ công trực tuyến được đăng thường xuyên trên Trang Facebook "
        "của UBND xã và các nhóm Zalo của thôn.",
        "",
    ),
    (
        PAR,
        "Sáng kiến hoặc giải pháp mới trong CCHC",
        4,
        DONE,
        "Đã tổng kết, công nhận giải pháp Tổ công nghệ số cộng đồng và nhân rộng ra các thôn "
        "trên địa bàn xã.",
        "",
    ),
    # II.
    (
        PAR,
        "Thực hiện các hoạt động về theo dõi thi hành pháp luật",
        4,
        DONE,
        "Đã hoàn thành 03 hoạt động theo dõi thi hành pháp luật và gửi báo cáo năm 2024 về UBND "
        "huyện.",
        "",
    ),
    (
        PAR,
        "Xử lý kết quả theo dõi thi hành pháp luật",
        4,
        DONE,
        "Đã tổng hợp kết quả xử lý trong báo cáo công tác theo dõi thi hành pháp luật năm 2024.",
        "",
    ),
    (
        PAR,
        "Thực hiện rà soát thường xuyên, hiệu quả các văn bản quy phạm",
        4,
        DONE,
        "Đã hoàn thành rà soát văn bản năm 2024 và báo cáo kết quả về Phòng Tư pháp huyện.",
        "",
    ),
    # III.
    (
        PAR,
        "Công bố TTHC, danh mục TTHC theo quy định",
        4,
        DONE,
        "Đã cập nhật danh mục TTHC cấp xã theo các quyết định công bố mới của Chủ tịch UBND tỉnh.",
        "",
    ),
    (
        PAR,
        "Công khai TTHC đầy đủ, kịp thời tại Bộ phận Một cửa",
        4,
        DONE,
        "Đã thay thế các TTHC hết hiệu lực tại bảng niêm yết của Bộ phận Một cửa.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ hồ sơ TTHC do cơ quan hành chính các cấp",
        4,
        DONE,
        "Tiến độ, kết quả giải quyết hồ sơ được cập nhật trên Hệ thống thông tin giải quyết TTHC "
        "của tỉnh để người dân tra cứu.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận trong năm",
        4,
        IN_PROGRESS,
        "Đã kiểm điểm, nhắc nhở công chức có hồ sơ giải quyết trễ hạn và chỉ đạo giải quyết dứt "
        "điểm hồ sơ quá hạn.",
        "",
    ),
    (
        PAR,
        "Thực hiện việc xin lỗi người dân, tổ chức",
        4,
        IN_PROGRESS,
        "Đã chấn chỉnh việc theo dõi hồ sơ sắp đến hạn để lập phiếu xin lỗi trước ngày hẹn trả "
        "kết quả.",
        "",
    ),
    (
        PAR,
        "Xử lý PAKN của cá nhân, tổ chức",
        4,
        DONE,
        "Đã tiếp nhận 02 phản ánh, kiến nghị về TTHC và trả lời người dân trong thời hạn quy định.",
        "",
    ),
    (
        PAR,
        "Công khai kết quả trả lời PAKN",
        4,
        DONE,
        "Đã công khai kết quả trả lời phản ánh tại Bộ phận Một cửa và trên Trang thông tin điện "
        "tử của xã.",
        "",
    ),
    # IV.
    (
        PAR,
        "Tiếp tục rà soát, sắp xếp tổ chức bộ máy",
        4,
        IN_PROGRESS,
        "Đã báo cáo UBND huyện số lượng, chức danh cán bộ, công chức xã theo yêu cầu rà soát, "
        "sắp xếp tổ chức bộ máy.",
        "",
    ),
    (
        PAR,
        "Thực hiện các quy định về quản lý biên chế",
        4,
        DONE,
        "Số lượng cán bộ, công chức của xã không vượt quá số lượng được giao.",
        "",
    ),
    # V.
    (
        PAR,
        "Tiếp tục rà soát hoàn thiện quy định về vị trí việc làm",
        4,
        DONE,
        "Bản mô tả vị trí việc làm đã được hoàn thiện theo ý kiến thẩm định của Phòng Nội vụ "
        "huyện.",
        "",
    ),
    (
        PAR,
        "Tiếp tục rà soát, bố trí công chức theo đúng vị trí việc làm",
        4,
        DONE,
        "Công chức được bố trí đúng chức danh và vị trí việc làm đã được phê duyệt.",
        "",
    ),
    (
        PAR,
        "Thực hiện quy định về bổ nhiệm các chức danh lãnh đạo",
        4,
        NOT_APPLICABLE,
        "",
        "Không có chức danh lãnh đạo, quản lý thuộc diện bổ nhiệm.",
    ),
    (
        PAR,
        "Chấp hành kỷ luật, kỷ cương hành chính",
        4,
        DONE,
        "Trong năm 2024 không có cán bộ, công chức vi phạm kỷ luật, kỷ cương hành chính.",
        "",
    ),
    (
        PAR,
        "Thực hiện kế hoạch công tác đào tạo, bồi dưỡng",
        4,
        DONE,
        "Đã cử 04 cán bộ, công chức dự tập huấn chuyển đổi số và sử dụng chữ ký số do huyện tổ "
        "chức.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ cán bộ, công chức cấp xã đạt chuẩn",
        4,
        IN_PROGRESS,
        "Công chức còn thiếu chuẩn đang theo học lớp trung cấp lý luận chính trị, dự kiến hoàn "
        "thành trong năm 2025.",
        "",
    ),
    # VI.
    (
        PAR,
        "Thực hiện giải ngân kế hoạch đầu tư vốn",
        4,
        DONE,
        "Đã nghiệm thu, bàn giao công trình đường bê tông nội thôn và giải ngân vốn đầu tư năm "
        "2024 theo khối lượng hoàn thành.",
        "",
    ),
    (
        PAR,
        "Thực hiện quy định về việc sử dụng kinh phí từ nguồn NSNN",
        4,
        DONE,
        "Chi đúng dự toán được giao, không phát sinh sai phạm.",
        "",
    ),
    (
        PAR,
        "Thực hiện các kiến nghị sau thanh tra, kiểm tra",
        4,
        DONE,
        "Đã hoàn thành các kiến nghị sau thẩm định quyết toán ngân sách xã năm 2023.",
        "",
    ),
    (
        PAR,
        "Có kiểm tra việc thực hiện các quy định về quản lý, sử dụng tài sản công",
        4,
        DONE,
        "Đã kiểm tra việc quản lý, sử dụng tài sản công tại trụ sở UBND xã, lập biên bản và "
        "thông báo kết luận kiểm tra.",
        "",
    ),
    (
        PAR,
        "100% cơ quan, đơn vị thuộc phạm vi quản lý",
        4,
        DONE,
        "Tài sản công của UBND xã được quản lý, sử dụng đúng quy định, không phát hiện sai phạm "
        "qua kiểm tra.",
        "",
    ),
    # VII.
    (
        PAR,
        "Tỷ lệ xử lý văn bản, hồ sơ công việc trên môi trường mạng",
        4,
        DONE,
        "100% văn bản đi không thuộc danh mục bí mật nhà nước được ký số và gửi trên môi trường "
        "mạng.",
        "",
    ),
    (
        PAR,
        "Trang thông tin điện tử đáp ứng yêu cầu chức năng",
        4,
        DONE,
        "Trang thông tin điện tử của xã duy trì đầy đủ các chuyên mục theo hướng dẫn của Sở "
        "Thông tin và Truyền thông.",
        "",
    ),
    (
        PAR,
        "Chất lượng cung cấp thông tin trên Trang thông tin điện tử",
        4,
        DONE,
        "Thông tin trên Trang thông tin điện tử của xã được cập nhật kịp thời, đầy đủ.",
        "",
    ),
    (
        PAR,
        "Triển khai số hóa hồ sơ, kết quả giải quyết",
        4,
        IN_PROGRESS,
        "Đã số hóa thêm 850 trang sổ đăng ký hộ tịch; phần sổ còn lại tiếp tục số hóa trong năm "
        "2025.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ hồ sơ trực tuyến toàn trình",
        4,
        IN_PROGRESS,
        "Đã nhân rộng việc hỗ trợ người dân nộp hồ sơ trực tuyến tại nhà văn hóa các thôn.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ TTHC có phát sinh giao dịch thanh toán trực tuyến",
        4,
        IN_PROGRESS,
        "Đã hướng dẫn người dân thanh toán trực tuyến đối với các TTHC có thu phí, lệ phí thường "
        "phát sinh.",
        "",
    ),
    (
        PAR,
        "Tỷ lệ hồ sơ thanh toán trực tuyến",
        4,
        IN_PROGRESS,
        "Đã hướng dẫn người cao tuổi thanh toán phí, lệ phí bằng mã QR với sự hỗ trợ của Tổ công "
        "nghệ số cộng đồng.",
        "",
    ),
    # VIII.
    (
        PAR,
        "Phấn đấu hoàn thành các mục tiêu, nhiệm vụ phát triển",
        4,
        DONE,
        "Ước thực hiện năm 2024, 15/15 chỉ tiêu phát triển kinh tế - xã hội được giao đạt và "
        "vượt kế hoạch.",
        "",
    ),
    # Phụ lục II (SIPAS).
    (
        SIPAS,
        "Đầu tư cơ sở vật chất, trang thiết bị tại Bộ phận một cửa",
        4,
        DONE,
        "Đã trang bị thêm 01 máy quét tài liệu phục vụ số hóa hồ sơ tại Bộ phận Một cửa.",
        "",
    ),
    (
        SIPAS,
        "Tuân thủ nguyên tắc và quy trình giải quyết TTHC",
        4,
        DONE,
        "Công chức thực hiện đúng quy trình nội bộ đã được phê duyệt.",
        "",
    ),
    (
        SIPAS,
        "Tuyên truyền, hướng dẫn tổ chức, cá nhân dịch vụ công trực tuyến",
        4,
        DONE,
        "Đã công khai đơn giá và cách thức gửi hồ sơ, nhận kết quả qua dịch vụ bưu chính công ích "
        "tại Bộ phận Một cửa.",
        "",
    ),
    (
        SIPAS,
        "Thường xuyên theo dõi, nắm bắt thông tin phản ánh",
        4,
        DONE,
        "Đã kiểm tra đột xuất việc giải quyết TTHC tại Bộ phận Một cửa, chấn chỉnh việc theo dõi "
        "hồ sơ sắp đến hạn.",
        "",
    ),
    (
        SIPAS,
        "Loại bỏ các hành vi ưu tiên",
        4,
        DONE,
        "Hồ sơ được tiếp nhận theo thứ tự; không có phản ánh về hành vi ưu tiên trong tiếp nhận "
        "hồ sơ.",
        "",
    ),
    (
        SIPAS,
        "Tăng cường công tác kiểm tra công vụ",
        4,
        DONE,
        "Đã biểu dương 02 công chức thực hiện tốt việc tiếp nhận, giải quyết hồ sơ TTHC trong năm "
        "2024.",
        "",
    ),
    (
        SIPAS,
        "Nâng cao chất lượng giải quyết công việc",
        4,
        IN_PROGRESS,
        "Đã chỉ đạo công chức giải quyết dứt điểm các hồ sơ quá hạn và thực hiện việc xin lỗi "
        "theo quy định.",
        "",
    ),
    (
        SIPAS,
        "Tổ chức đánh giá chất lượng giải quyết TTHC",
        4,
        DONE,
        "Đã phối hợp với đoàn khảo sát của tỉnh lấy ý kiến người dân về sự hài lòng đối với sự "
        "phục vụ của cơ quan hành chính năm 2024.",
        "",
    ),
    (
        SIPAS,
        "Thực hiện niêm yết, công khai các quy định quy trình tiếp nhận",
        4,
        DONE,
        "Đã niêm yết số điện thoại đường dây nóng và quy trình tiếp nhận, xử lý phản ánh, kiến "
        "nghị tại Bộ phận Một cửa.",
        "",
    ),
    (
        SIPAS,
        "Tổ chức tiếp nhận, xử lý các góp ý, phản ánh",
        4,
        DONE,
        "Đã tiếp nhận, xử lý 02 phản ánh, kiến nghị và thông báo kết quả cho người dân đúng thời "
        "hạn.",
        "",
    ),
    (
        SIPAS,
        "Công khai đầy đủ những nội dung đã tiếp nhận và xử lý phản ánh",
        4,
        DONE,
        "Đã công khai kết quả xử lý phản ánh tại Bộ phận Một cửa và trên Trang thông tin điện tử "
        "của xã.",
        "",
    ),
    # Phụ lục III (PAPI).
    (
        PAPI,
        "Thông tin để người dân nắm được các quy định về chất lượng bầu cử",
        4,
        DONE,
        "Đã phổ biến quy định về bầu cử Trưởng thôn tại các buổi họp thôn cuối năm 2024.",
        "",
    ),
    (
        PAPI,
        "Thông tin cho người dân biết các quy định về huy động",
        4,
        DONE,
        "Đã công khai kết quả sử dụng các khoản đóng góp tự nguyện xây dựng đường bê tông nội "
        "thôn.",
        "",
    ),
    (
        PAPI,
        "Tuyên truyền, triển khai các hình thức phù hợp để Nhân dân",
        4,
        DONE,
        "Đã tổng hợp ý kiến, kiến nghị của cử tri trước kỳ họp cuối năm 2024 của HĐND xã và trả "
        "lời theo thẩm quyền.",
        "",
    ),
    (
        PAPI,
        "Thực hiện đúng quy định của Thủ tướng Chính phủ ban hành Quy trình rà soát hộ nghèo",
        4,
        DONE,
        "Đã rà soát hộ nghèo, hộ cận nghèo năm 2024 theo đúng quy trình và niêm yết công khai kết "
        "quả tại các thôn.",
        "",
    ),
    (
        PAPI,
        "Thực hiện đúng quy định về quản lý ngân sách cấp xã",
        4,
        DONE,
        "Đã công khai tình hình thực hiện dự toán ngân sách xã 9 tháng năm 2024.",
        "",
    ),
    (
        PAPI,
        "Thông tin cho người dân biết về quy hoạch, kế hoạch sử dụng đất",
        4,
        DONE,
        "Đã công khai bảng giá đất hiện hành và quy hoạch chung xây dựng xã nông thôn mới tại trụ "
        "sở UBND xã.",
        "",
    ),
    (
        PAPI,
        "Nâng cao trách nhiệm giải trình với người dân",
        4,
        DONE,
        "Lãnh đạo UBND xã duy trì tiếp công dân vào thứ Năm hằng tuần và trả lời trực tiếp các "
        "kiến nghị của người dân.",
        "",
    ),
    (
        PAPI,
        "Chính quyền địa phương tích cực, chủ động",
        4,
        DONE,
        "Đã tiếp nhận, xử lý 02 đơn kiến nghị của công dân đúng thẩm quyền; không có đơn khiếu "
        "nại, tố cáo.",
        "",
    ),
    (
        PAPI,
        "Tăng cường tuyên truyền phổ biến pháp luật với người dân",
        4,
        DONE,
        "Đã tổ chức hưởng ứng Ngày Pháp luật Việt Nam (09/11) và hướng dẫn người dân tiếp cận "
        "dịch vụ trợ giúp pháp lý.",
        "",
    ),
    (
        PAPI,
        "Tăng cường kiểm tra, giám sát và xử lý nghiêm các hành vi vi phạm",
        4,
        DONE,
        "Không phát hiện cán bộ, công chức có hành vi nhũng nhiễu, thu tiền ngoài quy định khi "
        "giải quyết TTHC.",
        "",
    ),
    (
        PAPI,
        "Tuyên truyền để người dân biết về Luật Phòng, chống tham nhũng",
        4,
        DONE,
        "Đã triển khai kê khai tài sản, thu nhập năm 2024 đối với cán bộ, công chức thuộc diện "
        "phải kê khai.",
        "",
    ),
    (
        PAPI,
        "Thực hiện tốt việc giải quyết TTHC theo cơ chế một cửa",
        4,
        DONE,
        "Các TTHC của xã được tiếp nhận, giải quyết theo cơ chế một cửa, một cửa liên thông.",
        "",
    ),
    (
        PAPI,
        "Quan tâm hơn nữa việc tiếp nhận, xử lý",
        4,
        DONE,
        "Các phản ánh, kiến nghị về TTHC được tiếp nhận, xử lý và trả lời trong thời hạn quy định.",
        "",
    ),
    (
        PAPI,
        "Thực hiện tốt việc gửi thư xin lỗi",
        4,
        IN_PROGRESS,
        "Đã chấn chỉnh công chức chưa lập phiếu xin lỗi kịp thời đối với hồ sơ trễ hạn.",
        "",
    ),
    (
        PAPI,
        "Tăng cường công tác tuyên truyền về lợi ích của việc tham gia bảo hiểm y tế",
        4,
        DONE,
        "Đã phối hợp với Trạm Y tế xã vận động người dân tham gia bảo hiểm y tế năm 2025.",
        "",
    ),
    (
        PAPI,
        "Tăng cường các biện pháp bảo đảm an ninh, trật tự",
        4,
        DONE,
        "Tình hình an ninh, trật tự trên địa bàn xã ổn định; Công an xã duy trì tuần tra vào ban "
        "đêm.",
        "",
    ),
    (
        PAPI,
        "Tổ chức kiểm tra, xử lý các doanh nghiệp",
        4,
        DONE,
        "Cơ sở chăn nuôi bị nhắc nhở đã khắc phục việc xử lý chất thải theo quy định.",
        "",
    ),
    (
        PAPI,
        "Tăng cường công tác thông tin tuyên truyền và tổ chức tập huấn",
        4,
        DONE,
        "Tổ công nghệ số cộng đồng đã hướng dẫn người dân sử dụng Internet an toàn tại các thôn "
        "còn lại.",
        "",
    ),
    (
        PAPI,
        "Tăng cường tuyên truyền hỗ trợ người dân tiếp cận",
        4,
        DONE,
        "Tổ công nghệ số cộng đồng duy trì hỗ trợ người dân nộp hồ sơ trực tuyến tại các thôn.",
        "",
    ),
    (
        PAPI,
        "Đăng tải đầy đủ thông tin, dự thảo chính sách",
        4,
        DONE,
        "Đã đăng tải trên Trang thông tin điện tử của xã các dự thảo văn bản cấp trên gửi lấy ý "
        "kiến Nhân dân.",
        "",
    ),
]
# The «Nội dung báo cáo» sheet: (period row, column) → text, one line per "\n".
TEXTS = {
    ("Quý I", "Ưu điểm"): "Công tác chỉ đạo, điều hành CCHC được triển khai sớm.\n"
    "Bộ phận Một cửa tiếp nhận, trả kết quả đúng quy trình.",
    ("Quý I", "Tồn tại, hạn chế và nguyên nhân"): "Còn hồ sơ giải quyết trễ hạn do phải "
    "lấy ý kiến của cơ quan có liên quan.\nTỷ lệ thanh toán trực tuyến còn thấp.\n"
    "Việc gửi phiếu xin lỗi đối với hồ sơ trễ hạn chưa kịp thời.",
    ("Quý I", "Nhiệm vụ kỳ tới"): "Tăng cường hướng dẫn người dân nộp hồ sơ và thanh toán "
    "trực tuyến.",
    ("Quý I", "Kiến nghị, đề xuất"): "Đề nghị cấp trên tập huấn sử dụng Hệ thống thông tin "
    "giải quyết TTHC của tỉnh.",
    ("Quý II", "Ưu điểm"): "Cơ sở vật chất của Bộ phận Một cửa được tăng cường.\n"
    "Công tác tuyên truyền CCHC được đẩy mạnh trên Trang thông tin điện tử và hệ thống loa "
    "phát thanh của xã.",
    ("Quý II", "Tồn tại, hạn chế và nguyên nhân"): "Người dân ở các thôn xa còn ít nộp hồ sơ "
    "trực tuyến.\nCòn hồ sơ lĩnh vực bảo trợ xã hội giải quyết trễ hạn do công chức phụ "
    "trách nghỉ ốm đột xuất, chưa bố trí người giải quyết thay.",
    ("Quý II", "Nhiệm vụ kỳ tới"): "Rà soát, cập nhật danh mục TTHC trực tuyến toàn trình.\n"
    "Chuẩn bị triển khai các TTHC lĩnh vực đất đai theo Luật Đất đai năm 2024.",
    ("Quý II", "Kiến nghị, đề xuất"): "Đề nghị cấp trên tập huấn sử dụng Hệ thống thông tin "
    "giải quyết TTHC của tỉnh.",
    ("Quý III", "Ưu điểm"): "Hoàn thành kiểm tra công tác CCHC và tổ chức hội nghị đối thoại "
    "với người dân theo kế hoạch.\nViệc thanh toán trực tuyến phí, lệ phí có chuyển biến "
    "sau khi đặt mã QR thanh toán tại Bộ phận Một cửa.",
    ("Quý III", "Tồn tại, hạn chế và nguyên nhân"): "Còn hồ sơ hộ tịch, chứng thực giải quyết "
    "trễ hạn do công chức phụ trách nghỉ ốm và phải xác minh thêm thông tin tại nơi cư "
    "trú.\nThanh toán trực tuyến chưa đạt chỉ tiêu do người cao tuổi ở các thôn chưa quen "
    "sử dụng ứng dụng ngân hàng.",
    ("Quý III", "Nhiệm vụ kỳ tới"): "Bố trí công chức giải quyết thay khi công chức phụ trách "
    "vắng mặt, không để hồ sơ trễ hạn.\nChuẩn bị tổng kết công tác CCHC năm 2024 và xây "
    "dựng Kế hoạch CCHC năm 2025.",
    ("Quý III", "Kiến nghị, đề xuất"): "Đề nghị UBND huyện hướng dẫn quy trình nội bộ giải "
    "quyết các TTHC lĩnh vực đất đai cấp xã theo Luật Đất đai năm 2024.",
    ("Quý IV", "Ưu điểm"): "Hoàn thành tổng kết công tác CCHC năm 2024 và dự thảo Kế hoạch "
    "CCHC năm 2025.\nGiải pháp Tổ công nghệ số cộng đồng hỗ trợ người dân nộp hồ sơ trực "
    "tuyến được nhân rộng ra các thôn.",
    ("Quý IV", "Tồn tại, hạn chế và nguyên nhân"): "Số hồ sơ giải quyết trễ hạn tăng so với "
    "các quý trước, tập trung ở lĩnh vực hộ tịch và bảo trợ xã hội, do khối lượng hồ sơ "
    "cuối năm tăng và công chức phụ trách nghỉ ốm đột xuất.\nCòn hồ sơ quá hạn chưa giải "
    "quyết xong; việc gửi phiếu xin lỗi chưa kịp thời.",
    ("Quý IV", "Nhiệm vụ kỳ tới"): "Giải quyết dứt điểm các hồ sơ quá hạn còn tồn đọng.\n"
    "Ban hành Kế hoạch CCHC năm 2025 và triển khai ngay "
    "từ đầu năm.",
    ("Quý IV", "Kiến nghị, đề xuất"): "Đề nghị UBND huyện bố trí kinh phí nâng cấp trang thiết "
    "bị của Bộ phận Một cửa năm 2025.",
    ("6 tháng", "Ưu điểm"): "Các nhiệm vụ CCHC 6 tháng đầu năm được triển khai đồng bộ, bám "
    "sát Kế hoạch CCHC năm 2024 của xã.\nBộ phận Một cửa được bổ sung trang thiết bị và "
    "máy tra cứu TTHC phục vụ người dân.\nCông tác tuyên truyền, hướng dẫn người dân sử "
    "dụng dịch vụ công trực tuyến được đẩy mạnh.",
    ("6 tháng", "Tồn tại, hạn chế và nguyên nhân"): "Còn hồ sơ giải quyết trễ hạn, chủ yếu ở "
    "lĩnh vực bảo trợ xã hội; việc gửi phiếu xin lỗi chưa kịp thời.\nTỷ lệ thanh toán "
    "trực tuyến chưa đạt chỉ tiêu của Kế hoạch; người dân ở các thôn xa còn ít nộp hồ sơ "
    "trực tuyến.",
    ("6 tháng", "Nhiệm vụ kỳ tới"): "Chuẩn bị cho việc đo lường sự hài lòng của người dân, "
    "tổ chức (SIPAS) năm 2024.\nPhân công công chức dự phòng cho từng lĩnh vực để hồ sơ "
    "không bị trễ hạn khi công chức phụ trách nghỉ ốm.\nÁp dụng thí điểm giải pháp Tổ công "
    "nghệ số cộng đồng hỗ trợ người dân nộp hồ sơ trực tuyến tại thôn.",
    ("6 tháng", "Kiến nghị, đề xuất"): "Đề nghị UBND huyện tổ chức tập huấn cho công chức Bộ "
    "phận Một cửa cấp xã về thanh toán trực tuyến và số hóa hồ sơ.",
    ("Năm", "Ưu điểm"): "Kế hoạch CCHC năm 2024 được triển khai đầy đủ; công tác kiểm tra, "
    "tuyên truyền CCHC và hội nghị đối thoại với người dân được tổ chức đúng kế hoạch.\n"
    "Bộ phận Một cửa được đầu tư thêm máy tra cứu TTHC và máy quét tài liệu.\nThanh toán "
    "trực tuyến tăng dần qua từng quý; giải pháp Tổ công nghệ số cộng đồng được áp dụng ở "
    "các thôn.",
    ("Năm", "Tồn tại, hạn chế và nguyên nhân"): "Tỷ lệ hồ sơ giải quyết đúng hạn chưa đạt chỉ "
    "tiêu của Kế hoạch, số hồ sơ trễ hạn tăng vào cuối năm; nguyên nhân chủ yếu do công "
    "chức phụ trách nghỉ ốm đột xuất, chưa bố trí kịp người giải quyết thay.\nViệc gửi "
    "phiếu xin lỗi đối với hồ sơ trễ hạn chưa được thực hiện kịp thời.\nTỷ lệ thanh toán "
    "trực tuyến chưa đạt chỉ tiêu do một bộ phận người dân, nhất là người cao tuổi, chưa "
    "quen sử dụng ứng dụng ngân hàng.",
    ("Năm", "Nhiệm vụ kỳ tới"): "Nâng cao tỷ lệ hồ sơ giải quyết đúng hạn, bố trí công chức "
    "giải quyết thay ở từng lĩnh vực; lập phiếu xin lỗi trước ngày hẹn trả đối với hồ sơ "
    "có nguy cơ trễ hạn.\nĐẩy mạnh nộp hồ sơ, thanh toán trực tuyến và số hóa hồ sơ, kết "
    "quả giải quyết TTHC trong năm 2025.\nThực hiện việc sắp xếp tổ chức bộ máy, kiện toàn "
    "đội ngũ cán bộ, công chức xã theo hướng dẫn của cấp trên.",
    ("Năm", "Kiến nghị, đề xuất"): "Đề nghị UBND huyện tổ chức tập huấn nghiệp vụ giải quyết "
    "TTHC cho công chức cấp xã ngay từ đầu năm 2025.\nĐề nghị hỗ trợ kinh phí trang bị máy "
    "tính, máy quét cho Bộ phận Một cửa và các điểm hỗ trợ dịch vụ công trực tuyến ở "
    "thôn.",
}


def _check() -> None:
    """What the example claims to be: a status for each entry, each text a sentence, every
    period's row whole."""
    for sheet, start, quarter, status, result, note in ENTRIES:
        assert status in STATUSES and quarter in (1, 2, 3, 4), (sheet, start)
        assert result or note, (sheet, start, quarter)
        for text in (result, note):
            assert not text or text.endswith("."), text
    for period in TEXT_PERIODS:
        for column in TEXT_COLUMNS[1:]:
            text = TEXTS[period, column]
            assert all(line.endswith(".") for line in text.split("\n")), (period, column)


def main() -> None:
    _check()
    workspace, _ = open_workspace(ROOT / "examples" / "hai-yen-2024")
    plan = workspace.the_plan
    data, _ = build_tracker(plan, None, STAMP)
    book = load_workbook(io.BytesIO(data))
    for sheet_title, start, quarter, status, result, note in ENTRIES:
        sheet = book[sheet_title]
        rows = [
            r
            for r in range(HEADER_ROW + 1, sheet.max_row + 1)
            if str(sheet.cell(row=r, column=3).value or "").removeprefix("- ").startswith(start)
        ]
        # One task, or the same task printed twice in the plan (its first row is filled).
        assert len({sheet.cell(row=r, column=3).value for r in rows}) == 1, start
        first = status_column(quarter)
        for column, value in zip(
            (first, first + 1, first + 2), (status, result, note), strict=True
        ):
            assert sheet.cell(row=rows[0], column=column).value is None, (start, quarter)
            sheet.cell(row=rows[0], column=column, value=value or None)
    texts = book[TEXT_SHEET]
    labels = {
        texts.cell(row=r, column=1).value: r for r in range(HEADER_ROW + 1, texts.max_row + 1)
    }
    for (period, title), text in TEXTS.items():
        column = TEXT_COLUMNS.index(title) + 1
        texts.cell(row=labels[period], column=column, value=text)
    buffer = io.BytesIO()
    book.save(buffer)
    target = workspace.tracker_path
    target.write_bytes(normalize_zip(buffer.getvalue(), STAMP))
    print(target)


if __name__ == "__main__":
    main()
