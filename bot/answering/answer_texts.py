"""What the bot says when it answers, declines or asks back: every sentence of an answer.

Texts for users, in Vietnamese, kept apart from the logic so that wording can change without
touching a rule. Commands' texts are in :mod:`bot.chat.chat_texts`, curators' in
:mod:`bot.curation.curator_texts`."""

from __future__ import annotations

import re
from collections.abc import Sequence

BOT_NAME = "Bot hỏi đáp «Học tập và làm theo Bác»"
TOPIC = "kết quả học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh (Chỉ thị 05-CT/TW, Kết luận 01-KL/TW)"
EXAMPLE_QUESTION = "Bù Đốp xây được bao nhiêu căn nhà Đại đoàn kết?"
HOW_TO_ASK = (
    "Mình trả lời được câu hỏi về con số (bao nhiêu nhà, bao nhiêu tiền…), về một mô hình (của ai, làm "
    "được gì) hay một danh sách (Kiên Lương có những mô hình nào?)."
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


def source_about(named: str, province: str, date_label: str, publisher: str | None, today: str | None) -> str:
    """What a source line says after the title: the places, the newspaper, the date."""
    said = "; ".join(x for x in (publisher, date_label) if x)
    return f"{named}, {now_in(province, today)}; {said}"


def article_says(sentence: str, named: str) -> str:
    """A passage of the article, marked as its words: the bot did not curate it."""
    return f"Bài viết về {named} ghi: «{sentence.strip()}»"


def mid_sentence(name: str) -> str:
    """A place's name inside a sentence: "huyện Củ Chi", not "Huyện Củ Chi"."""
    for division in DIVISIONS:
        if name.startswith(division + " "):
            return division.lower() + name[len(division) :]
    return name


DIVISIONS = ("Thành phố", "Thị xã", "Thị trấn", "Huyện", "Quận", "Tỉnh", "Xã", "Phường")


def unknown_place(places: str, districts: str) -> str:
    return f"Mình chưa có bài viết nào về {places}. Mình chỉ có dữ liệu về các huyện: {districts}."


def not_held(where: str) -> str:
    """`where`: the districts as named ("huyện Châu Thành"), or empty."""
    where = f" về {where}" if where else ""
    return (
        f"Các bài viết{where} mà mình có không nêu thông tin này. Mình chỉ có các kết quả và mô hình học "
        "tập, làm theo Bác mà bài viết nêu; không có số điện thoại, địa chỉ, tin thời sự hay dự báo."
    )


def years_not_covered(where: str, years: Sequence[str]) -> str:
    where = where or "các huyện"
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
COMPARISON_BY_ORG_HEADING = "Theo bài viết, số liệu của từng tổ chức:"


def parts_not_ranked(what: str, district: str) -> str:
    """ "xã nào ở Bù Đốp … nhiều nhất": the report gives the district's figures, not its parts' ranking."""
    about = f"Bài viết về {district}" if district else "Các bài viết"
    return f"{about} không so sánh hay xếp hạng theo từng {what}; bài chỉ nêu số liệu chung của cả huyện."


NO_RANKING = (
    "Mình không xếp hạng: các bài viết đo ở những thời điểm và theo cách khác nhau, bạn đối chiếu "
    "từng con số kèm nguồn nhé."
)


def comparison_missing(districts: str) -> str:
    return f"Không có số liệu này trong bài viết về: {districts}."


NO_DATE = "Bài viết có nhắc tới việc này nhưng không nêu thời gian cụ thể."
NOT_GIVEN_HEADING = "Điều bài viết có nêu:"
WHICH_DISTRICT_HEADING = "Chọn địa phương:"
YES = "Có."


def district_lacks(district: str) -> str:
    return f"Bài viết về {district} không nêu số liệu hay thông tin này."


def not_mentioned(districts: str) -> str:
    where = f"về {districts}" if districts else "mình có"
    return f"Các bài viết {where} không nhắc tới việc này."


def which_district(districts: Sequence[str]) -> str:
    return f"Nhiều địa phương có số liệu này ({', '.join(districts)}). Bạn muốn hỏi địa phương nào?"


_LEVEL_NAMES = {"province": "cấp tỉnh", "commune": "cấp xã", "national": "cấp Trung ương", "district": "cấp huyện"}
_UNIT_NAMES = {
    "money": "số tiền",
    "length": "chiều dài",
    "weight": "khối lượng",
    "area": "diện tích",
    "percent": "tỷ lệ",
    "duration": "thời gian",
    "count": "số lượng",
}


def not_given(district: str, what: str, asked: str) -> str:
    """The article about the district does not give what was asked (see bot.answering.fit)."""
    about = f"Bài viết về {district}" if district else "Các bài viết"
    if what == "year":
        return f"{about} không nêu số liệu này cho năm {asked}."
    if what == "level":
        return f"{about} không nêu số liệu này ở {_LEVEL_NAMES.get(asked, asked)}."
    if what == "unit":
        return f"{about} không nêu {_UNIT_NAMES.get(asked, 'con số')} của việc này."
    if what == "dimension":
        return f"{about} không nêu {asked} của việc này."
    if what == "count":
        return f"{about} không nêu số {asked} (bài không đếm điều này)." if asked else f"{about} không nêu con số này."
    if what == "org":
        return f"{about} không nêu số liệu hay thông tin này của {asked}."
    if what == "total":
        return f"{about} không nêu tổng số {asked}; bài chỉ nêu số của một phần trong đó."
    if what == "period":
        return f"{about} không nêu số liệu này cho khoảng thời gian đó."
    if what == "action":
        done = "việc sửa chữa, nâng cấp" if asked == "repair" else "việc xây mới"
        return f"{about} không nêu số liệu này cho {done}; bài nêu con số của việc khác."
    if what == "per each":
        return f"{about} không nêu số liệu tính cho mỗi {asked}; bài chỉ nêu con số chung."
    if what == "role":
        return f"{about} không nhắc tới {asked}."
    if what == "commune":
        return f"{about} không nêu riêng số liệu hay thông tin này cho {asked}."
    if what == "other place":
        return f"{about} không nhắc tới {asked}."
    if what == "place":
        return f"Mình chưa có bài viết nào về {asked}; các bài viết mình có không nêu thông tin này cho {asked}."
    return f"{about} có nhắc tới việc này nhưng không nêu con số cụ thể."


NO_DATE_HEADING = "Điều bài viết có nêu:"
CLARIFY = "Mình chưa chắc đã hiểu đúng câu hỏi của bạn."
CLARIFY_HEADING = "Có phải bạn muốn hỏi:"
# when no entry matches well enough to be offered: what to say more
CLARIFY_WITHOUT_CHOICES = (
    "Bạn nói rõ hơn giúp mình nhé: hỏi về huyện nào, và điều gì (một con số, một mô hình, một hội nghị…)?"
)


def choose_district(districts: str) -> str:
    return f"Danh sách này dài. Bạn muốn xem của huyện nào? Mình có dữ liệu về: {districts}."


CHOOSE_DISTRICT_HEADING = "Chọn một huyện:"

# ---------------------------------------------------------------- answers

MORE_HEADING = "Có thể bạn muốn hỏi thêm:"
TRY_HEADING = "Bạn có thể hỏi:"
QUOTE_PREFIX = "Trích bài:"
WHOLE_QUOTE = "Cả đoạn trích trong bài:"
# where the medium has buttons, the whole quote is one; elsewhere it is asked for in words
WHOLE_QUOTE_BUTTON = "📄 Xem cả đoạn trích"
WHOLE_QUOTE_HINT = "Gõ «xem trích dẫn» để đọc cả đoạn trích."
SOURCE_PREFIX = "Nguồn:"
NOTE_PREFIX = "Lưu ý:"
# where suggestions are buttons, the text only points at them
BUTTONS_HINT = "Bạn có thể bấm một gợi ý bên dưới."
BUTTONS_CLARIFY_HINT = "Có phải bạn muốn hỏi một trong các ý bên dưới?"
BUTTONS_MORE_HINT = "Có thể bạn muốn hỏi thêm (bấm nút bên dưới)."
NUMBERS_HINT = "Gõ số để chọn."


def brief_figure(counts: str, value: str) -> str:
    """A figure said briefly, after the passage it belongs to was just answered: "39 căn nhà …"
    for a bare count, "Tổng kinh phí …: 525 triệu đồng." for a value with its unit."""
    counts = re.sub(
        r"\s*\b(?!(?:19|20)\d\d\b)\d+(?:[.,]\d+)*\b", "", counts
    ).strip()  # the figures just read are not repeated
    if value.replace(".", "").replace(",", "").isdigit():
        return f"{value} {counts}."
    return f"{counts[:1].upper()}{counts[1:]}: {value}."


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
    where = f" ở {', '.join(districts)}" if districts else ""
    return f"{what}{who}{where}:"


def district_group(district: str) -> str:
    return f"{capital(district)}:"


def article_author(title: str, district: str, author: str | None) -> str:
    who = f"do tác giả {author} viết" if author else "không ghi tên tác giả"
    return f"Bài «{title}» ({district}) {who}."


def article_title(title: str, district: str) -> str:
    return f"Bài về {district} có tựa đề «{title}»."


def article_listed(title: str, district: str, province: str, date_label: str, author: str | None) -> str:
    by = f"tác giả {author}" if author else "không ghi tác giả"
    return f"• «{title}»: {district}, {province}; {date_label}; {by}."


def district_province(named: str, province: str, in_text: bool, today: str | None) -> str:
    """ "Huyện Bù Đốp thuộc tỉnh Bình Phước…", then where it is on today's map."""
    said = "" if in_text else " (bài viết không nêu tên tỉnh; thông tin do người biên tập ghi kèm bài)"
    line = f"{capital(named)} thuộc {province}{said}."
    if today and today != province:
        return (
            f"{line} Từ ngày 1/7/2025, {province} hợp nhất vào {today} và không còn cấp huyện: "
            f"nay nơi này thuộc {today}."
        )
    if today:
        return f"{line} Từ ngày 1/7/2025 không còn cấp huyện; nơi này vẫn thuộc {today}."
    return line


def commune_district(commune: str, renamed: bool, named: str, province: str, today: str | None) -> str:
    """ "Xã An Khánh thuộc huyện Châu Thành, tỉnh Bến Tre (nay thuộc tỉnh Vĩnh Long)." """
    now = f" (nay thuộc {today})" if today and today != province else ""
    if renamed:  # the name asked is one the commune had before a merger
        return f"Nơi bạn hỏi nay là một phần của {mid_sentence(commune)}, thuộc {named}, {province}{now}."
    return f"{capital(commune)} thuộc {named}, {province}{now}."


def district_in(named: str, province: str, today: str | None) -> str:
    """ "Huyện Bù Đốp, tỉnh Bình Phước (nay thuộc tỉnh Đồng Nai)": one line of a list."""
    now = f" (nay thuộc {today})" if today and today != province else ""
    return f"{capital(named)}, {province}{now}"


def province_districts(province: str, named: str, today: str | None) -> str:
    now = f" (nay thuộc {today})" if today and today != province else ""
    return f"Ở {province}{now}, mình có dữ liệu về {named}."


def now_in(province: str, today: str | None) -> str:
    """ "tỉnh Bình Phước, nay thuộc tỉnh Đồng Nai": the article's province, and today's where it changed."""
    return f"{province}, nay thuộc {today}" if today and today != province else province


def capital(text: str) -> str:
    """ "huyện Bù Đốp" → "Huyện Bù Đốp": a place at the head of a sentence."""
    return text[:1].upper() + text[1:]


def and_more_districts(named: str, more: int) -> str:
    count = f"{more:,}".replace(",", ".")  # 1.737, as Vietnamese prints it
    return f"{named} và {count} huyện khác (gõ /huyen để xem hết)"


def covered(districts: int, provinces: int) -> str:
    return f"Mình có dữ liệu về {districts} huyện, thuộc {provinces} tỉnh:"


def article_date(title: str, district: str, date_label: str | None) -> str:
    when = f"đăng ngày {date_label}" if date_label else "không ghi ngày đăng"
    return f"Bài «{title}» ({district}) {when}."
