"""What curators read: reload reports, unanswered questions, feedback, versions, drafts, uploads."""

from __future__ import annotations

# ---------------------------------------------------------------- reload

RELOAD_REFUSED = "Chỉ quản trị viên mới được nạp lại dữ liệu."
RELOAD_DONE = "Đã nạp lại dữ liệu."
RELOAD_UNCHANGED = "Đã nạp lại dữ liệu: không có thay đổi."


def reload_counts(articles: int, entries: int) -> str:
    return f"Hiện có {articles} bài viết, {entries} mục."


RELOAD_CHANGE_LABELS = ("Thêm", "Bỏ", "Sửa", "Bài viết mới", "Bài viết bỏ", "Bài viết sửa")


def reload_failed(count: int) -> str:
    return f"Không nạp lại được: {count} lỗi. Bot vẫn dùng dữ liệu cũ."


def more_problems(count: int) -> str:
    return f"… và {count} lỗi nữa (chạy python -m bot check để xem hết)."


# ---------------------------------------------------------------- curators

ADMINS_ONLY = "Lệnh này chỉ dành cho quản trị viên."
NO_STORE = "Bot chưa có cơ sở dữ liệu (DATABASE_URL), nên chưa có số liệu này."
UNANSWERED_TITLE = "Các câu bot chưa trả lời được (nhiều lần hỏi nhất trước)"
NOTHING_UNANSWERED = "Chưa có câu nào bị bỏ ngỏ."
FEEDBACK_TITLE = "Góp ý về câu trả lời"
WRONG_TITLE = "Các câu trả lời hay bị đánh dấu sai:"
COMMENTS_TITLE = "Góp ý gần đây:"
VERSIONS_TITLE = "Các phiên bản dữ liệu (mới nhất trước)"
NO_VERSIONS = "Chưa có phiên bản nào."
ROLLBACK_USAGE = "Gõ số phiên bản cần khôi phục, ví dụ: /khoiphuc 3 (xem số bằng /phienban)."
SEND_THE_FILE = (
    "Gửi tệp cần cập nhật ngay sau tin này: một tệp dữ kiện <mã>.yaml (thư mục facts/), một bài viết "
    "<mã>.txt (thư mục articles/), một trang tin chép về dạng .txt (mình soạn nháp dữ kiện, chờ duyệt) "
    "hoặc một tệp .zip cả thư mục dữ liệu. Mình sẽ kiểm tra toàn bộ trước khi dùng."
)
NO_FILES_HERE = (
    "Bot trên nền tảng này không nhận được tệp. Hãy cập nhật bằng Telegram, hoặc tại máy có DATABASE_URL: "
    "python -m bot knowledge push <thư mục hoặc tệp>"
)
NO_FILES_OUT = (
    "Bot trên nền tảng này không gửi được tệp. Hãy xuất bằng Telegram, hoặc tại máy có DATABASE_URL: "
    "python -m bot knowledge export <tệp.zip>"
)

DOWNLOAD_FAILED = "Không tải được tệp từ Telegram. Bạn gửi lại giúp mình nhé."


def no_file_named(name: str) -> str:
    return f"Không thấy tệp «{name[:200]}». {SEND_THE_FILE}"


def file_too_large(limit: int) -> str:
    return f"Tệp lớn quá: mình nhận tệp đến {limit / 1024 / 1024:g} MB (MAX_UPLOAD_MB)."


NO_DRAFTS = "Bài này không có mục nháp nào chờ duyệt."
ACCEPT_ALL = frozenset({"all", "tatca", "tất-cả", "het", "hết"})


def accept_usage(articles: list[str]) -> str:
    waiting = f" Bài có mục nháp: {', '.join(articles)}." if articles else " Hiện không có bài nào có mục nháp."
    how = "Gõ /duyet <mã bài> để xem các mục nháp, /duyet <mã bài> all hoặc /duyet <mã bài> mã1,mã2 để duyệt."
    return how + waiting


def accept_how(article: str) -> str:
    return f"Duyệt hết: /duyet {article} all · duyệt vài mục: /duyet {article} mã1,mã2"


def drafts_title(article: str, count: int) -> str:
    return f"Bài {article}: {count} mục nháp chờ duyệt"


def draft_line(entry_id: str, title: str) -> str:
    return f"• {entry_id}: {title}"


def drafts_waiting(article: str, count: int) -> str:
    return f"Bài {article} có {count} mục nháp chưa duyệt (bot chưa dùng để trả lời). Xem và duyệt: /duyet {article}"


def to_fill(line: str) -> str:
    return f"Cần điền trước khi duyệt: {line}"


def unknown_drafts(ids: list[str], article: str) -> str:
    return f"Bài {article} không có mục: {', '.join(ids[:20])}. Chưa duyệt mục nào."


def accepted_note(article: str, count: int) -> str:
    return f"duyệt {count} mục nháp của bài {article}"


def unanswered_line(rank: int, text: str, count: int, users: int, variants: int) -> str:
    more = f", {variants} cách hỏi" if variants > 1 else ""
    return f"{rank}. «{text}»: {count} lần, {users} người{more}"


def feedback_totals(up: int, down: int) -> str:
    return f"👍 {up} · 👎 {down}"


def wrong_line(entries: str, count: int, example: str) -> str:
    return f"• {count} lần sai: {entries} (ví dụ: «{example}»)"


def comment_line(question: str, comment: str) -> str:
    return f"• «{question}»: {comment}"


def version_line(number: int, when: str, note: str, serving: bool) -> str:
    return f"{number}. {when}: {note or 'không ghi chú'}" + (" (đang dùng)" if serving else "")


def no_such_version(number: int) -> str:
    return f"Không có phiên bản {number}. Xem các phiên bản bằng /phienban."


def upload_refused(reason: str) -> str:
    return f"Không dùng được tệp này: {reason}."


def uploaded_note(name: str) -> str:
    return f"cập nhật từ tệp {name}"


def rollback_note(number: int) -> str:
    return f"khôi phục phiên bản {number}"


def now_serving(number: int) -> str:
    return f"Đang dùng phiên bản dữ liệu {number}."


def exported(name: str) -> str:
    return f"Dữ liệu đang dùng: {name}"


def saved_to(path: str) -> str:
    return f"Đã lưu tệp: {path}"
