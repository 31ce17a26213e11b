"""Every word the web chat's page and widget show, in one place (the page asks for them)."""

from __future__ import annotations

from bot.answering import answer_texts
from bot.chat import chat_texts

PAGE_TEXTS: dict[str, str] = {
    "input_label": "Câu hỏi của bạn",
    "placeholder": "Gõ câu hỏi, có dấu hay không dấu đều được…",
    "send": "Gửi",
    "typing": "Bot đang trả lời…",
    "log_label": "Cuộc trò chuyện",
    "you": "Bạn",
    "bot": "Bot",
    "source": answer_texts.SOURCE_PREFIX,
    "quote": answer_texts.QUOTE_PREFIX,
    "whole_quote_show": "Xem cả đoạn trích",
    "whole_quote_hide": "Thu gọn đoạn trích",
    "feedback_question": "Câu trả lời này có đúng không?",
    "feedback_good_label": "Câu trả lời đúng",
    "feedback_bad_label": "Câu trả lời sai",
    "pages": "Trang",
    "silent": "Bạn gửi nhanh quá, đợi một chút rồi gửi lại nhé.",
    "network_error": "Không gửi được tin nhắn: chưa kết nối được với trợ lý. Câu hỏi vẫn còn trong ô nhập, "
    "bạn bấm «Gửi lại» sau ít phút nhé.",
    "retry": "Gửi lại",
    "failure": chat_texts.FAILURE,
    "open": "Mở hỏi đáp",
    "close": "Đóng hỏi đáp",
    "new_chat": "Cuộc trò chuyện mới",
    "new_chat_short": "Mới",
}

# the API's refusals, as the page shows them
BAD_MESSAGE = "Tin nhắn không hợp lệ, bạn gửi lại giúp mình nhé."


def too_long(limit: int) -> str:
    return f"Tin nhắn dài quá. Bạn hỏi ngắn gọn hơn (dưới {limit:,} ký tự) nhé.".replace(",", ".")


TOO_MANY_FROM_ADDRESS = "Có quá nhiều tin nhắn từ mạng của bạn. Bạn đợi khoảng một phút rồi hỏi tiếp nhé."
NOT_READY = "Trợ lý đang khởi động, bạn thử lại sau ít giây nhé."
SHUTTING_DOWN = "Trợ lý đang cập nhật, bạn thử lại sau ít giây nhé."
ORIGIN_REFUSED = "Trang này không được phép dùng trợ lý."
