"""Everything the bot says in its own words, written once.

Doors never write text of their own: they render what the core returns. The
persona's introduction appears in the greeting, /start, /help, the terminal's
banner and the out-of-scope reply, always from :func:`intro`. Functions take
plain values (the line of districts, a count…) so the texts stay apart from
the data they mention.
"""

from __future__ import annotations

from collections.abc import Sequence

BOT_NAME = "Bot hỏi đáp «Học tập và làm theo Bác»"
TOPIC = "kết quả học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh (Chỉ thị 05-CT/TW, Kết luận 01-KL/TW)"
EXAMPLE_QUESTION = "Bù Đốp xây được bao nhiêu căn nhà Đại đoàn kết?"
HOW_TO_ASK = (
    "Bạn có thể hỏi về con số (bao nhiêu nhà, bao nhiêu tiền…), về một mô hình (của ai, làm được gì), "
    "hoặc xin danh sách (Kiên Lương có những mô hình nào?)."
)


def intro(districts: str) -> str:
    """Who the bot is and what it knows: the one introduction every greeting uses."""
    return f"Mình trả lời các câu hỏi về {TOPIC} ở các huyện: {districts}, theo các bài viết đã đăng. {HOW_TO_ASK}"


# ---------------------------------------------------------------- small talk


GREETING = (
    "Xin chào! Mình là bot hỏi đáp về kết quả học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh "
    "ở các huyện, theo các bài viết đã đăng. Bạn cứ hỏi, có dấu hay không dấu đều được."
)
WHO_I_AM = (
    "Mình là bot hỏi đáp về kết quả học tập và làm theo Bác ở các huyện, trả lời theo các bài viết đã đăng "
    "và luôn ghi nguồn. Gõ /help để xem cách hỏi."
)
SMALL_TALK: dict[str, str] = {
    "identity": WHO_I_AM,
    "wellbeing": "Mình vẫn sẵn sàng trả lời đây, cảm ơn bạn! Bạn muốn hỏi gì nào?",
    "thanks": "Không có gì! Bạn cứ hỏi tiếp nhé.",
    "goodbye": "Tạm biệt bạn! Khi cần, bạn cứ nhắn lại nhé.",
    "wishes": "Cảm ơn bạn, chúc bạn một ngày tốt lành!",
    "praise": "Cảm ơn bạn! Bạn cứ hỏi tiếp nhé.",
    "laughter": "😄 Bạn cứ hỏi tiếp nhé.",
    "ack": "Vâng. Bạn cứ hỏi tiếp nhé.",
    "emoji": "😊 Bạn cứ gõ câu hỏi bằng chữ nhé.",
}

# ---------------------------------------------------------------- bad input

EMPTY_QUESTION = f"Bạn chưa nhập câu hỏi. Hãy gõ một câu hỏi, ví dụ: «{EXAMPLE_QUESTION}»"
NO_LETTERS = "Mình chỉ đọc được câu hỏi bằng chữ. Bạn hãy gõ câu hỏi bằng tiếng Việt, có dấu hay không dấu đều được."
OTHER_SCRIPT = (
    "Xin lỗi, mình chỉ hiểu câu hỏi bằng tiếng Việt (có dấu hay không dấu đều được). "
    "Sorry, I only understand Vietnamese."
)
NOTHING_TO_CHOOSE = f"Hiện không có gợi ý nào để chọn theo số. Bạn hãy gõ câu hỏi bằng chữ, ví dụ: «{EXAMPLE_QUESTION}»"


def too_long(length: int, limit: int) -> str:
    return f"Tin nhắn dài quá ({length} ký tự). Bạn hãy hỏi ngắn gọn, dưới {limit} ký tự, mỗi lần một câu hỏi nhé."


def choose_in_range(count: int) -> str:
    return (
        f"Bạn chọn một số từ 1 đến {count} trong các gợi ý ở trên nhé."
        if count > 1
        else "Bạn gõ 1 để chọn gợi ý ở trên nhé."
    )


NOT_TEXT = (
    "Mình chỉ đọc được tin nhắn chữ (không xem được ảnh, nhãn dán, tệp hay tin thoại). "
    "Bạn hãy gõ câu hỏi, ví dụ: «Kiên Lương có những mô hình nào?». Gõ /help để xem hướng dẫn."
)

# ---------------------------------------------------------------- declines


def unknown_place(places: str, districts: str) -> str:
    return f"Mình chưa có bài viết nào về {places}. Mình chỉ có dữ liệu về các huyện: {districts}."


def not_held(where: str) -> str:
    where = f" về huyện {where}" if where else ""
    return (
        f"Các bài viết{where} mà mình có không nêu thông tin này. Mình chỉ có các kết quả và mô hình học "
        "tập, làm theo Bác mà bài viết nêu; không có số điện thoại, địa chỉ, tin thời sự hay dự báo."
    )


def years_not_covered(where: str, years: Sequence[str]) -> str:
    where = f"huyện {where}" if where else "các huyện"
    return f"Các bài viết về {where} không có số liệu năm {', '.join(years)}."


NOT_INSTRUCTIONS = (
    "Mình chỉ trả lời câu hỏi về kết quả học tập và làm theo Bác mà các bài viết nêu; mình không làm theo "
    "yêu cầu khác (đóng vai, viết bài, dịch, đổi cách trả lời…). Bạn có thể hỏi:"
)
NO_OPINIONS = (
    "Mình không đánh giá hay xếp hạng: mình chỉ thuật lại những gì các bài viết nêu. Bạn có thể hỏi con số, "
    "mô hình hay danh sách của từng huyện, ví dụ:"
)


def not_general_knowledge(districts: str) -> str:
    return (
        "Câu này nằm ngoài các bài viết mình có, nên mình không trả lời. Mình chỉ trả lời về "
        f"{TOPIC} ở các huyện: {districts}."
    )


def out_of_scope(districts: str) -> str:
    return (
        "Xin lỗi, mình không tìm thấy thông tin này trong các bài viết mình có. Mình chỉ trả lời về "
        f"{TOPIC} ở các huyện: {districts}."
    )


COMPARISON_HEADING = "Theo các bài viết, số liệu của từng huyện:"
NO_RANKING = (
    "Mình không xếp hạng: các bài viết đo ở những thời điểm và theo cách khác nhau, bạn đối chiếu "
    "từng con số kèm nguồn nhé."
)


def comparison_missing(districts: str) -> str:
    return f"Không có số liệu này trong bài viết về: {districts}."


NO_DATE = "Bài viết có nhắc tới việc này nhưng không nêu thời gian cụ thể."
NO_DATE_HEADING = "Điều bài viết có nêu:"
CLARIFY = "Mình chưa chắc đã hiểu đúng câu hỏi của bạn."
CLARIFY_HEADING = "Có phải bạn muốn hỏi:"


def choose_district(districts: str) -> str:
    return f"Danh sách này dài. Bạn muốn xem của huyện nào? Mình có dữ liệu về: {districts}."


CHOOSE_DISTRICT_HEADING = "Chọn một huyện:"

# ---------------------------------------------------------------- answers

MORE_HEADING = "Có thể bạn muốn hỏi thêm:"
TRY_HEADING = "Bạn có thể hỏi:"
QUOTE_PREFIX = "Trích bài:"
SOURCE_PREFIX = "Nguồn:"
NOTE_PREFIX = "Lưu ý:"
# where suggestions are buttons, the text only points at them
BUTTONS_HINT = "Bạn có thể bấm một gợi ý bên dưới."
BUTTONS_CLARIFY_HINT = "Có phải bạn muốn hỏi một trong các ý bên dưới?"
BUTTONS_MORE_HINT = "Có thể bạn muốn hỏi thêm (bấm nút bên dưới)."
NUMBERS_HINT = "Gõ số để chọn."


def quote_line(quote: str) -> str:
    return f"{QUOTE_PREFIX} “{quote}”"


def models_of(where: str) -> str:
    return f"Các mô hình ở {where}"


def list_heading(kinds: frozenset[str], orgs: Sequence[str], districts: Sequence[str]) -> str:
    if kinds == {"model"}:
        what = "Các mô hình, phong trào"
    elif "figure" in kinds:
        what = "Kết quả và mô hình"
    else:
        what = "Danh sách"
    if kinds == {"person"}:
        what = "Những người được nêu tên"
    if kinds == {"document"}:
        what = "Các văn bản được nêu"
    who = f" của {', '.join(orgs)}" if orgs else ""
    where = f" ở huyện {', '.join(districts)}" if districts else ""
    return f"{what}{who}{where}:"


def district_group(district: str) -> str:
    return f"Huyện {district}:"


def article_author(title: str, district: str, author: str | None) -> str:
    who = f"do tác giả {author} viết" if author else "không ghi tên tác giả"
    return f"Bài «{title}» (huyện {district}) {who}."


def article_title(title: str, district: str) -> str:
    return f"Bài về huyện {district} có tựa đề «{title}»."


def article_listed(title: str, district: str, province: str, date_label: str, author: str | None) -> str:
    by = f"tác giả {author}" if author else "không ghi tác giả"
    return f"• «{title}»: huyện {district}, tỉnh {province}; {date_label}; {by}."


def district_province(district: str, province: str, in_text: bool) -> str:
    said = "" if in_text else " (bài viết không nêu tên tỉnh; thông tin do người biên tập ghi kèm bài)"
    return f"Huyện {district} thuộc tỉnh {province}{said}."


def province_districts(province: str, district: str) -> str:
    return f"Ở tỉnh {province}, mình có dữ liệu về huyện {district}."


def covered(districts: int, provinces: int) -> str:
    return f"Mình có dữ liệu về {districts} huyện, thuộc {provinces} tỉnh:"


def article_date(title: str, district: str, date_label: str | None) -> str:
    when = f"đăng ngày {date_label}" if date_label else "không ghi ngày đăng"
    return f"Bài «{title}» (huyện {district}) {when}."


# ---------------------------------------------------------------- commands

COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "Bắt đầu: bot biết gì, câu hỏi mẫu"),
    ("help", "Cách hỏi và các lệnh"),
    ("huyen", "Các huyện và bài viết có trong dữ liệu"),
    ("mohinh", "Các mô hình, phong trào (thêm tên huyện để lọc)"),
    ("nguon", "Nguồn: các bài viết gốc"),
    ("hoi", "Đặt câu hỏi (dùng trong nhóm)"),
    ("reload", "Nạp lại dữ liệu (quản trị viên)"),
    ("id", "Mã người dùng của bạn (để quản trị viên cấu hình)"),
    ("chuatraloi", "Các câu bot chưa trả lời được (quản trị viên)"),
    ("phanhoi", "Tổng hợp góp ý 👍/👎 (quản trị viên)"),
    ("capnhat", "Cập nhật dữ liệu bằng tệp yaml/txt/zip (quản trị viên)"),
    ("duyet", "Duyệt mục nháp của một bài: /duyet <mã bài> [all|mã1,mã2] (quản trị viên)"),
    ("phienban", "Các phiên bản dữ liệu (quản trị viên)"),
    ("khoiphuc", "Khôi phục một phiên bản dữ liệu: /khoiphuc N (quản trị viên)"),
    ("xuat", "Xuất dữ liệu đang dùng thành tệp zip (quản trị viên)"),
)


def your_id(door: str, user_id: str) -> str:
    return f"Mã người dùng của bạn trên {door}: {user_id}"


START_TITLE = "Xin chào!"
START_EXAMPLES = "Thử một câu hỏi mẫu:"
HELP_TITLE = "Cách hỏi"
HELP_LINES = (
    "• Gõ câu hỏi như khi nhắn tin, có dấu hoặc không dấu: «bu dop xay bn can nha dai doan ket».",
    "• Nêu tên huyện để chỉ lấy số liệu của huyện đó.",
    "• Hỏi danh sách: «Hội Nông dân Bù Đốp làm được gì?», «Lai Vung có những mô hình nào?».",
    "• Chọn một gợi ý dưới câu trả lời để hỏi tiếp.",
    "• Mọi câu trả lời đều ghi nguồn: bài viết, huyện, ngày đăng.",
)
HELP_COMMANDS = "Lệnh:"
HELP_GROUPS = "Trong nhóm, bot chỉ trả lời khi được gọi: lệnh /hoi, nhắc tên bot, hoặc trả lời tin của bot."
ASK_USAGE = f"Gõ câu hỏi sau lệnh, ví dụ:\n/hoi {EXAMPLE_QUESTION}"
UNKNOWN_COMMAND = "Mình không có lệnh này. Gõ /help để xem các lệnh, hoặc hỏi thẳng bằng tiếng Việt."

DISTRICTS_TITLE = "Các huyện có dữ liệu"
DISTRICTS_FOOTER = "Gõ /mohinh kèm tên huyện để xem các mô hình, ví dụ: /mohinh Lai Vung"
SOURCES_TITLE = "Nguồn dữ liệu"
SOURCES_INTRO = "Các bài viết sau (bản sao đã bỏ phần trang trí của trang web)."


def district_entry(district: str, province: str, title: str, date_label: str) -> str:
    return f"Huyện {district} (tỉnh {province})\nBài: «{title}», {date_label}"


def source_entry(title: str, district: str, province: str, date_label: str, author: str | None, file: str) -> str:
    by = f"tác giả {author}" if author else "không ghi tác giả"
    return f"• «{title}»\n  Huyện {district}, tỉnh {province}; {date_label}; {by}; tệp gốc {file}"


def paged(title: str, page: int, pages: int) -> str:
    return title if pages == 1 else f"{title} (trang {page}/{pages})"


def and_more_districts(named: str, more: int) -> str:
    count = f"{more:,}".replace(",", ".")  # 1.737, as Vietnamese prints it
    return f"{named} và {count} huyện khác (gõ /huyen để xem hết)"


def models_title(where: str | None, page: int, pages: int) -> str:
    return f"Các mô hình, phong trào ở {where or 'các huyện'} (trang {page}/{pages})"


def no_data_about(name: str, districts: str) -> str:
    return f"Mình không có dữ liệu về «{name}». Các huyện có dữ liệu: {districts}."


NO_MODELS = "Chưa có mô hình nào trong dữ liệu."
PREVIOUS_PAGE = "« Trang trước"
NEXT_PAGE = "Trang sau »"

# ---------------------------------------------------------------- buttons, limits, errors

EXPIRED = "Nút này đã hết hạn (dữ liệu có thể vừa được cập nhật). Bạn hãy hỏi lại bằng chữ nhé."


def slow_down(seconds: float) -> str:
    return (
        f"Bạn hỏi hơi nhanh. Đợi khoảng {max(1, round(seconds))} giây rồi hỏi tiếp nhé, để mọi người cùng được trả lời."
    )


SLOW_DOWN_SHORT = "Bạn bấm nhanh quá, đợi một chút nhé."
FAILURE = "Xin lỗi, mình gặp trục trặc khi trả lời. Bạn thử lại sau ít phút nhé."

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


# ---------------------------------------------------------------- feedback

FEEDBACK_HINT = "Góp ý: gõ 👍 nếu câu trả lời đúng, «sai rồi» (kèm điều đúng, nếu bạn biết) nếu sai."
FEEDBACK_GOOD_LABEL = "👍 Đúng"
FEEDBACK_BAD_LABEL = "👎 Sai"
THANKS_FOR_FEEDBACK = "Cảm ơn bạn đã góp ý!"
THANKS_FOR_CORRECTION = "Cảm ơn bạn! Mình đã ghi lại để người biên tập kiểm tra."

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


# ---------------------------------------------------------------- the terminal


def console_banner(districts: str) -> str:
    return (
        f"{BOT_NAME}\n{intro(districts)}\n"
        "Hỏi bằng tiếng Việt, có dấu hay không dấu đều được. Gõ số để chọn gợi ý, /help để xem hướng dẫn, "
        "/quit để thoát."
    )


GOODBYE = "Tạm biệt!"
