"""Every word of the curators' console that is not in its page templates."""

from __future__ import annotations

# the console's pages, as its menu lists them
NAV = (
    ("/admin", "Tổng quan"),
    ("/admin/chua-tra-loi", "Chưa trả lời"),
    ("/admin/sai", "Trả lời sai"),
    ("/admin/nhap", "Bản nháp"),
    ("/admin/phien-ban", "Phiên bản"),
    ("/admin/hoi-can-bo", "Hỏi cán bộ"),
    ("/admin/nhat-ky", "Nhật ký"),
)

STARTING = "Bot đang khởi động, bạn tải lại trang sau ít giây nhé."
NOT_SIGNED_IN = "Bạn chưa đăng nhập, hoặc phiên đã hết hạn: gửi /web cho bot để nhận liên kết mới."
TOO_LARGE = "Nội dung gửi lên quá lớn."
BAD_FORM = "Biểu mẫu không hợp lệ."
BAD_CSRF = "Mã xác nhận của biểu mẫu không đúng: tải lại trang rồi thử lại."
SIGNED_OUT = "Bạn đã đăng xuất."
DISMISSED = "Đã đánh dấu: không dành cho bot."
NO_ARTICLE = "Không có bài viết này."
NO_ENTRY = "Không có mục này trong dữ liệu đang dùng."
NONE_CHOSEN = "Chưa chọn bản nháp nào."
CHOOSE_TWO = "Chọn hai phiên bản có thật để so sánh."
NO_DIFF = "Không so sánh được hai phiên bản này."
CHOOSE_VERSION = "Chọn một phiên bản."
NO_VERSION = "Không có phiên bản này."
NO_ANSWER = "Chưa có câu trả lời."
NO_HANDOFF = "Không có câu hỏi này."
ANSWERED_ALREADY = "Câu hỏi này đã được trả lời rồi, hoặc một cán bộ khác đang gửi câu trả lời."


def as_entry(title: str, sentence: str, article_id: str) -> str:
    return (
        f"Bài «{title}» có câu này: «{sentence[:400]}». Để bot tự trả lời lần sau, hãy viết thành mục: "
        f"mở /admin/bai/{article_id}"
    )


def delivered(door: str, done: bool) -> str:
    if done:
        return f"Đã gửi câu trả lời tới người hỏi qua {door}."
    return (
        f"Chưa gửi được tới {door} (cửa này không chạy ở đây, hoặc nền tảng từ chối); câu trả lời vẫn được giữ, "
        "bạn thử gửi lại sau."
    )


LINK_STATES = {
    "valid": "",
    "used": "Liên kết này đã được dùng hoặc đã hết hạn: gửi /web cho bot để nhận liên kết mới.",
    "expired": "Liên kết này đã hết hạn (chỉ dùng được trong 10 phút): gửi /web cho bot để nhận liên kết mới.",
    "unknown": "Liên kết không đúng: gửi /web cho bot để nhận liên kết mới.",
}
