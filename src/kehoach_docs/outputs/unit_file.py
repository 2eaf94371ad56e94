"""The unit file of a new workspace: every field present, blank, and explained."""

from __future__ import annotations

UNIT_TEMPLATE = """\
# Thông tin đơn vị ban hành văn bản. Mọi tên gọi trên văn bản đều lấy từ tệp này, và mỗi tên
# chỉ ghi MỘT lần: tên trong câu văn, địa danh, cơ quan giải quyết hồ sơ trên phiếu xin lỗi
# đều suy ra từ «co_quan_ban_hanh» nếu để trống.
# Điền các dòng còn trống; chạy «kehoach validate --data THƯ_MỤC» để xem còn thiếu gì.

# Cơ quan chủ quản trực tiếp (nếu có), mỗi dòng một dòng in trên văn bản.
# UBND xã không ghi cơ quan chủ quản: để trống.
co_quan_chu_quan:

# Tên cơ quan ban hành, đúng như in ở góc trái trên cùng văn bản (mỗi dòng một dòng), ví dụ:
#   co_quan_ban_hanh:
#     - Ủy ban nhân dân
#     - Xã Công Sơn
co_quan_ban_hanh:

# Tên đầy đủ dùng trong câu văn, ví dụ "(Kèm theo Kế hoạch ... của Ủy ban nhân dân xã Công Sơn)".
# Để trống: ghép từ «co_quan_ban_hanh» ("Ủy ban nhân dân" + "xã Công Sơn").
ten_day_du:

# Chữ viết tắt tên cơ quan trong số ký hiệu văn bản: "Số: 05/KH-UBND".
ky_hieu: UBND

# Địa danh ghi trước ngày tháng: "Công Sơn, ngày 05 tháng 02 năm 2026".
# Để trống: lấy dòng cuối có chữ "Xã", "Phường", "Thị trấn"... của «co_quan_ban_hanh» (không
# có thì của «co_quan_chu_quan»), bỏ chữ đó.
dia_danh:

# Người ký văn bản.
nguoi_ky:
  quyen_han: TM. Ủy ban nhân dân
  chuc_vu: Chủ tịch
  ho_ten:

# Lịch làm việc riêng của đơn vị, thêm vào lịch nghỉ lễ, Tết và ngày làm bù của cả nước
# (ngày dạng DD/MM/YYYY hoặc YYYY-MM-DD, mỗi ngày một dòng "- ").
lich_lam_viec:
  ngay_nghi_them: []
  ngay_lam_bu: []

# Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04).
phieu_xin_loi:
  # Ký hiệu sau số phiếu: "Số: 07/PXL". Số phiếu đánh lại từ 01 mỗi năm.
  ky_hieu: PXL
  # Cơ quan tiếp nhận, giải quyết hồ sơ, như viết trong câu văn của phiếu. Để trống: dùng tên
  # đầy đủ ở trên. Chỉ ghi khi khác (ví dụ "Bộ phận Một cửa xã Công Sơn"), đừng chép lại tên.
  co_quan_giai_quyet:
  # Lý do in trên phiếu khi tệp hồ sơ không có cột lý do trễ hạn (hoặc ô bỏ trống).
  ly_do_mac_dinh: Hồ sơ cần xác minh, bổ sung thêm thông tin nên chưa giải quyết xong đúng hạn.
  # Ngày hẹn trả mới: sau bao nhiêu ngày làm việc, khi tệp hồ sơ không ghi sẵn.
  so_ngay_lam_viec_hen_lai: 3

# Tên cột trong tệp xuất từ phần mềm một cửa, chỉ khi khác thường (chương trình đã tự nhận
# các tên thông dụng như "Mã hồ sơ", "Số hồ sơ", "MaHoSo", "Ngày hẹn trả kết quả"...).
# Ví dụ:
#   cot_du_lieu:
#     ma_ho_so: Số biên nhận

# Báo cáo định kỳ về cải cách hành chính.
bao_cao:
  # Kỳ lấy số liệu: "nghị định 09" (từ ngày 15 tháng trước kỳ đến ngày 14 tháng cuối kỳ,
  # theo Nghị định 09/2019/NĐ-CP) hoặc "dương lịch" (từ ngày đầu đến ngày cuối quý).
  ky_so_lieu: nghị định 09
  # Nơi nhận báo cáo, mỗi nơi một dòng; dòng cuối là nơi lưu. Từ 01/7/2025 không còn cấp
  # huyện: báo cáo gửi cơ quan cấp tỉnh (ví dụ "Sở Nội vụ tỉnh ...").
  noi_nhan:
    -
    - "Lưu: VT"
  # Thủ tục đơn vị đã cung cấp trực tuyến toàn trình (tên hoặc mã thủ tục, mỗi thủ tục một
  # dòng), dùng khi tệp hồ sơ không có cột "Toàn trình": hồ sơ nộp trực tuyến của các thủ tục
  # này được tính là trực tuyến toàn trình. Để trống: báo cáo ghi "Tỷ lệ hồ sơ nộp trực tuyến".
  # Ví dụ:
  #   thu_tuc_toan_trinh:
  #     - Đăng ký khai sinh
  #     - "1.000894"
  thu_tuc_toan_trinh:
"""
