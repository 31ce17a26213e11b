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
NO_REAL_GAPS = "Không có câu nào thiếu dữ liệu: mọi câu chưa trả lời đều là câu bot từ chối có chủ ý."
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
# the words after /duyet <mã bài>, compared folded (no diacritics): "bỏ", "xoá", "ép"…
REJECT_WORDS = frozenset({"bo", "xoa", "reject", "loai"})
FORCE_WORDS = frozenset({"force", "ep"})
PAGE_WORDS = frozenset({"trang", "page"})
KIND_WORDS = {"figure": "số liệu", "model": "mô hình", "person": "người", "document": "văn bản", "event": "sự kiện"}


def accept_usage(articles: list[str]) -> str:
    waiting = f" Bài có mục nháp: {', '.join(articles)}." if articles else " Hiện không có bài nào có mục nháp."
    how = (
        "Gõ /duyet <mã bài> để xem các mục nháp, /duyet <mã bài> all hoặc /duyet <mã bài> mã1,mã2 để duyệt, "
        "/duyet <mã bài> bo mã1,mã2 để bỏ mục."
    )
    return how + waiting


def accept_how(article: str, flagged: int = 0) -> str:
    every = f"Duyệt hết: /duyet {article} all"
    if flagged:
        every += f" (bỏ qua các mục ⚠; duyệt cả chúng: /duyet {article} all force)"
    return f"{every}\nDuyệt vài mục: /duyet {article} mã1,mã2 · bỏ mục thừa: /duyet {article} bo mã1,mã2"


def drafts_title(article: str, count: int, page: int = 1, pages: int = 1) -> str:
    title = f"Bài {article}: {count} mục nháp chờ duyệt"
    return title if pages == 1 else f"{title} (trang {page}/{pages})"


def draft_line(entry_id: str, title: str) -> str:
    return f"• {entry_id}: {title}"


def draft_block(entry_id: str, kind: str, title: str, answer: str, quote: str, reasons: list[str]) -> str:
    """One draft as a curator reviews it: what users would read, and why it may be wrong."""
    lines = [f"• {entry_id} ({KIND_WORDS.get(kind, kind)}{', ⚠' if reasons else ''}): {title}"]
    lines.extend(f"⚠ {reason}" for reason in reasons)
    lines.append(f"Trả lời: {answer}")
    lines.append(f"Trích bài: “{quote}”")
    return "\n".join(lines)


def more_reasons(count: int) -> str:
    return f"… và {count} lý do nữa"


def flagged_intro(article: str, count: int) -> str:
    return (
        f"⚠ {count} mục có dấu hiệu sai (lý do ghi dưới mục): /duyet {article} all bỏ qua chúng, "
        "trừ khi thêm force. Sửa chúng (/xuat, sửa tệp, gửi lại bằng /capnhat) hoặc bỏ chúng."
    )


def page_turns(article: str, page: int, pages: int) -> str:
    turns = []
    if page < pages:
        turns.append(f"Trang sau: /duyet {article} trang {page + 1}")
    if page > 1:
        turns.append(f"trang trước: /duyet {article} trang {page - 1}")
    return f"Trang {page}/{pages}. " + " · ".join(turns)


def drafts_waiting(article: str, count: int, district: str | None = None, flagged: int = 0) -> str:
    where = f"huyện {district}; " if district else ""
    marked = f", {flagged} mục có dấu hiệu sai ⚠" if flagged else ""
    return (
        f"Bài {article} có {count} mục nháp chờ duyệt ({where}bot chưa dùng để trả lời){marked}. "
        f"Xem từng mục (câu trả lời, trích dẫn): /duyet {article} · duyệt hết: /duyet {article} all"
    )


def to_fill(line: str) -> str:
    return f"Cần điền trước khi duyệt: {line} (lấy tệp bằng /xuat, sửa rồi gửi lại bằng /capnhat)"


def drafted_page(source: str, article: str, count: int) -> str:
    return f"Trang «{source[:200]}» được soạn nháp thành bài {article}: {count} mục nháp."


def nothing_drafted(source: str, article: str, listed: bool) -> str:
    shown = (
        "bot đã liệt kê bài trong /huyen, /nguon nhưng chưa có số liệu nào của bài để trả lời"
        if listed
        else "bot chưa dùng bài này"
    )
    return (
        f"Trang «{source[:200]}» không cho mục nháp nào: mình chỉ thêm bài viết articles/{article}.txt, "
        f"chưa có mục nào ({shown}). Bạn có thể thêm mục bằng tay: lấy dữ liệu bằng /xuat, viết "
        f"facts/{article}.yaml (article: {article}, rồi entries; xem knowledge/README.md), rồi gửi tệp đó "
        "bằng /capnhat."
    )


def unknown_drafts(ids: list[str], article: str, rejecting: bool = False) -> str:
    done = "Chưa bỏ mục nào." if rejecting else "Chưa duyệt mục nào."
    return f"Bài {article} không có mục: {', '.join(ids[:20])}. {done} Xem các mục nháp: /duyet {article}"


def not_drafts(ids: list[str], article: str) -> str:
    return (
        f"Các mục {', '.join(ids[:20])} của bài {article} đã được duyệt, không phải mục nháp: /duyet … bo chỉ "
        "bỏ mục nháp (mục đã duyệt thì sửa tệp: /xuat rồi /capnhat). Chưa bỏ mục nào."
    )


def reject_usage(article: str) -> str:
    return f"Gõ mã các mục nháp cần bỏ: /duyet {article} bo mã1,mã2"


def flagged_line(entry_id: str, reasons: list[str]) -> str:
    return f"• {entry_id}: {'; '.join(reasons)}"


def flagged_refused(article: str, ids: list[str]) -> str:
    chosen = ",".join(ids)
    return (
        "Chưa duyệt mục nào: các mục trên có dấu hiệu sai ⚠. Sửa chúng (/xuat, sửa, /capnhat), bỏ chúng "
        f"(/duyet {article} bo {chosen}) hoặc vẫn duyệt: /duyet {article} {chosen} force"
    )


def skipped_flagged(article: str, count: int) -> str:
    return f"Bỏ qua {count} mục có dấu hiệu sai ⚠ (chưa duyệt):"


def skipped_how(article: str, ids: list[str]) -> str:
    return f"Duyệt cả chúng: /duyet {article} all force · bỏ chúng: /duyet {article} bo {','.join(ids)}"


def all_flagged(article: str) -> str:
    return f"Mọi mục nháp của bài {article} đều có dấu hiệu sai ⚠; chưa duyệt mục nào."


def accepted_summary(article: str, count: int) -> str:
    return f"Đã duyệt {count} mục nháp của bài {article}."


def rejected_summary(article: str, ids: list[str], removed_file: bool) -> str:
    gone = (
        f" Bài {article} không còn mục nào: tệp facts/{article}.yaml đã được xoá, bài viết vẫn giữ."
        if removed_file
        else ""
    )
    return f"Đã bỏ {len(ids)} mục nháp của bài {article}: {', '.join(ids[:20])}.{gone}"


def accepted_note(article: str, count: int) -> str:
    return f"duyệt {count} mục nháp của bài {article}"


def rejected_note(article: str, count: int) -> str:
    return f"bỏ {count} mục nháp của bài {article}"


def unanswered_line(rank: int, text: str, count: int, users: int, variants: int) -> str:
    more = f", {variants} cách hỏi" if variants > 1 else ""
    return f"{rank}. «{text}»: {count} lần, {users} người{more}"


def refusals_line(groups: int, count: int) -> str:
    return (
        f"(Ngoài ra {count} lần hỏi, {groups} nhóm, bot từ chối có chủ ý hoặc là câu xã giao: ý kiến, yêu cầu viết, "
        "kiến thức chung; "
        "xem trang «Chưa trả lời» trên /web.)"
    )


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


# ---------------------------------------------------------------- the console (/web, /admin)

CONSOLE_TITLE = "Trang quản trị"
CONSOLE_NEEDS_URL = (
    "Chưa biết địa chỉ của trang quản trị: hãy đặt PUBLIC_URL (địa chỉ https công khai của bot) hoặc "
    "WEBHOOK_URL rồi khởi động lại."
)


def console_link(link: str, minutes: int) -> str:
    return (
        f"Mở liên kết này để vào trang quản trị (dùng được một lần, trong {minutes} phút):\n{link}\n"
        "Đừng chuyển liên kết cho người khác."
    )


def no_such_entry(entry_id: str) -> str:
    return f"Không có mục «{entry_id[:60]}» trong dữ liệu đang dùng (có thể vừa được cập nhật). Bạn tải lại trang nhé."


NO_KEYWORDS = "Chưa có từ khóa nào: gõ các cách gọi khác của mục này, cách nhau bởi dấu phẩy."
NOTHING_CHANGED = "Không có gì thay đổi."


def keywords_already(entry_id: str) -> str:
    return f"Mục «{entry_id}» đã có những từ khóa này."


def keywords_note(entry_id: str, words: list[str]) -> str:
    return f"Thêm từ khóa cho «{entry_id}» (trang quản trị): {', '.join(words)}"


def edited_note(entry_id: str) -> str:
    return f"Sửa bản nháp «{entry_id}» (trang quản trị)"


# ---------------------------------------------------------------- the overview (report --html, /admin)

OVERVIEW_TITLE = "Tổng quan hỏi đáp"
CHART_QUESTIONS = "Số câu hỏi mỗi ngày, theo kênh"
CHART_OUTCOMES = "Trả lời được, gợi ý, từ chối"
CHART_FEEDBACK = "👍/👎 mỗi ngày"
CHART_DISTRICTS = "Các địa phương được hỏi nhiều nhất"
CHART_ENTRIES = "Các mục được hỏi nhiều nhất"
OUTCOME_ANSWERED = "Trả lời được"
OUTCOME_SUGGESTED = "Gợi ý câu gần nhất"
OUTCOME_DECLINED = "Từ chối"
THUMBS_UP = "👍 đúng"
THUMBS_DOWN = "👎 sai"
NO_DATA = "Chưa có số liệu trong khoảng thời gian này"
DOOR_NAMES = {"telegram": "Telegram", "zalo": "Zalo", "web": "Trang web", "cli": "Dòng lệnh"}
COLUMN_DAY = "Ngày"
COLUMN_TOTAL = "Tổng"
COLUMN_QUESTIONS = "Số câu hỏi"
COLUMN_SHARE = "Tỉ lệ"
COLUMN_DISTRICT = "Địa phương"
COLUMN_ENTRY = "Mục"
COLUMN_ENTRY_ID = "Mã mục"
TABLE_OUTCOMES = "Kết quả trả lời"
TABLE_DAYS = "Số liệu từng ngày"
OVERVIEW_NOTE = (
    "Chỉ tính câu hỏi: lời chào, câu không hợp lệ và lệnh không được tính. Một câu hỏi được tính cho một mục "
    "(hay một địa phương) khi câu trả lời hoặc gợi ý dùng đến mục ấy."
)


def door_name(door: str) -> str:
    return DOOR_NAMES.get(door, door)


def overview_period(days: int, first: str, last: str) -> str:
    return f"{days} ngày gần đây, từ {first} đến {last} (theo giờ Việt Nam)"


def overview_totals(questions: int, up: int, down: int) -> str:
    return f"{questions} câu hỏi · 👍 {up} · 👎 {down}"


def share(count: int, total: int) -> str:
    """ "62,5%": a share as Vietnamese writes it (decimal comma)."""
    if total <= 0:
        return "0%"
    return f"{100 * count / total:.1f}".replace(".", ",").removesuffix(",0") + "%"


def outcome_legend(label: str, count: int, total: int) -> str:
    return f"{label}: {count} ({share(count, total)})"


def passage_title(article_title: str, number: int) -> str:
    return f"Câu {number} của bài «{article_title}»"


def entry_gone(entry_id: str) -> str:
    return f"{entry_id} (không còn trong dữ liệu)"


def overview_written(path: str, days: int) -> str:
    return f"Đã ghi báo cáo tổng quan {days} ngày vào tệp: {path}"


CHANGED_MEANWHILE = (
    "Dữ liệu vừa được thay đổi (bởi người khác, hoặc ở một máy chủ khác) trong lúc bạn sửa, nên thay đổi "
    "của bạn chưa được lưu, để không xoá mất thay đổi kia. Bạn tải lại rồi làm lại nhé."
)
CONSOLE_PRIVATE_ONLY = (
    "Liên kết vào trang quản trị chỉ gửi trong trò chuyện riêng với bot: hãy nhắn /web riêng cho bot."
)
NOTHING_TO_DRAFT = "Không soạn được mục nào từ câu này (câu không còn trong bài, hoặc không có số liệu, mô hình nào)."


def drafted_from_answer(article: str, ids: list[str]) -> str:
    return f"Soạn nháp từ câu trả lời của cán bộ (bài {article}): {', '.join(ids)}"
