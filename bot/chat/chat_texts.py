"""What the chat says around answers: commands, help, catalogs, limits, feedback, the terminal."""

from __future__ import annotations

from bot.answering.answer_texts import BOT_NAME, EXAMPLE_QUESTION, intro

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
    ("web", "Liên kết vào trang quản trị, dùng một lần (quản trị viên)"),
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
SOURCES_INTRO = "Các bài viết sau, mỗi bài với nơi đăng, ngày đăng và tác giả mà bài ghi."


def district_entry(named: str, province: str, today: str | None, title: str, date_label: str) -> str:
    """Places as named: "huyện Bù Đốp", "tỉnh Bình Phước", today's "tỉnh Đồng Nai"."""
    now = f", nay thuộc {today}" if today and today != province else ""
    return f"{named[:1].upper()}{named[1:]} ({province}{now})\nBài: «{title}», {date_label}"


def source_entry(
    title: str,
    district: str,
    province: str,
    date_label: str,
    author: str | None,
    publisher: str | None,
    url: str | None,
) -> str:
    by = f"tác giả {author}" if author else "không ghi tác giả"
    said = "; ".join(x for x in (publisher, date_label, by) if x)
    return f"• «{title}»\n  {district[:1].upper()}{district[1:]}, {province}; {said}" + (f"\n  {url}" if url else "")


def paged(title: str, page: int, pages: int) -> str:
    return title if pages == 1 else f"{title} (trang {page}/{pages})"


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


# ---------------------------------------------------------------- feedback

FEEDBACK_HINT = "Góp ý: gõ 👍 nếu câu trả lời đúng, «sai rồi» (kèm điều đúng, nếu bạn biết) nếu sai."
FEEDBACK_GOOD_LABEL = "👍 Đúng"
FEEDBACK_BAD_LABEL = "👎 Sai"
THANKS_FOR_FEEDBACK = "Cảm ơn bạn đã góp ý!"
FEEDBACK_NOT_SAVED = "Cảm ơn bạn! Hiện mình chưa ghi lại được góp ý này, bạn vui lòng gửi lại sau ít phút nhé."
CHAT_WITHOUT_STORE = (
    "Chưa kết nối được cơ sở dữ liệu: vẫn trả lời từ thư mục dữ liệu, nhưng câu hỏi và góp ý không được ghi lại."
)
THANKS_FOR_CORRECTION = "Cảm ơn bạn! Mình đã ghi lại để người biên tập kiểm tra."


# ---------------------------------------------------------------- the terminal


def console_banner(districts: str) -> str:
    return (
        f"{BOT_NAME}\n{intro(districts)}\n"
        "Hỏi bằng tiếng Việt, có dấu hay không dấu đều được. Gõ số để chọn gợi ý, /help để xem hướng dẫn, "
        "/quit để thoát."
    )


GOODBYE = "Tạm biệt!"


# ---------------------------------------------------------------- handing a question to the board

HANDOFF_LABEL = "📨 Gửi câu hỏi cho cán bộ"


def handed_off(question: str, days: float) -> str:
    return (
        f"Mình đã gửi câu hỏi «{question[:300]}» cho cán bộ Ban Tuyên giáo. Khi có câu trả lời, mình sẽ gửi "
        f"lại bạn ngay tại đây. Để làm việc đó, mình giữ địa chỉ cuộc trò chuyện này cho riêng câu hỏi này, "
        f"đến khi trả lời xong (lâu nhất {round(days)} ngày)."
    )


HANDOFF_ANSWERED = "Cán bộ đã trả lời câu hỏi này rồi (xem tin nhắn «Trả lời của Ban Tuyên giáo» ở trên)."
HANDOFF_AGAIN = "Câu hỏi này đã được gửi cho cán bộ rồi; khi có câu trả lời, mình sẽ gửi lại bạn tại đây."


def board_answer(question: str, answer: str, day: str) -> str:
    """The board's reply, as it reaches the user on their own door."""
    return f"Trả lời của Ban Tuyên giáo ({day}) cho câu hỏi «{question[:300]}»:\n\n{answer}"
