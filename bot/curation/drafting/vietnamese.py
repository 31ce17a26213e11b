"""Letter classes for Vietnamese text: ``[À-Ỹ]`` would also take lower-case letters."""

from __future__ import annotations

import re

from bot.language.sentences import UPPER as UPPER  # re-exported: the drafter reads it here

CAP_WORD = rf"[{UPPER}]\w*"  # a capitalised syllable: "Bù", "Đốp", "LHPN"

# Phrases that open a sentence or a clause before its subject, with or without a comma
# ("Cũng trong dịp này Hội Cựu chiến binh huyện tặng …", "Đồng thời, Ban Tuyên giáo …")
LEADING_PHRASES = (
    "đồng thời",
    "bên cạnh đó",
    "ngoài ra",
    "trong đó",
    "từ đó",
    "đặc biệt",
    "mặt khác",
    "qua đó",
    "cùng với đó",
    "cũng trong dịp này",
    "cũng dịp này",
    "trong dịp này",
    "nhân dịp này",
    "dịp này",
    "tại hội nghị",
    "tại buổi lễ",
    "tại buổi gặp mặt",
    "hằng năm",
    "hàng năm",
    "kết quả",
)


# Party committees of a sector or an armed unit, named after "Đảng bộ" ("Đảng bộ Quân sự huyện",
# "Đảng bộ Khối cơ quan"): the words are part of the body's name
PARTY_UNITS = (
    "Quân sự",
    "Công an",
    "Biên phòng",
    "Khối cơ quan",
    "Khối Cơ quan",
    "Khối các cơ quan",
    "Khối Đảng",
    "Khối Dân",
    "Khối Chính quyền",
    "Khối doanh nghiệp",
    "Khối Doanh nghiệp",
)

# The nation's bodies that issue what a report cites ("Chỉ thị số 05-CT/TW của Bộ Chính trị … gắn với
# phong trào “…”"): never the ones running a district's model or movement
DOCUMENT_ISSUERS = ("Bộ Chính trị", "Ban Chấp hành Trung ương", "Ban Bí thư", "Trung ương")

# Words that open a phrase of their own after a description ("đạt thành tích xuất sắc | trong học
# tập và làm theo …"): a description cut short ends before the last of them
PHRASE_OPENERS = frozenset({"trong", "về", "của", "cho", "với", "tại", "ở", "để", "nhằm", "bằng", "thông qua", "gắn"})

# The nation's anniversaries (folded), which a district's gathering is held to greet ("hoạt động có ý
# nghĩa chào mừng kỷ niệm 64 năm Cách mạng Tháng Tám và Quốc khánh 2/9"): the occasion, not an event
# of the district; a district's own ("25 năm thành lập huyện") is one
NATIONAL_OCCASIONS = (
    "cach mang thang tam",
    "quoc khanh",
    "di chuc",
    "ngay sinh",
    "sinh nhat bac",
    "thanh lap dang",
    "giai phong mien nam",
    "thong nhat dat nuoc",
    "chien thang dien bien phu",
    "thuong binh liet si",
    "quoc te phu nu",
    "phu nu viet nam",
    "quan doi nhan dan",
    "thanh lap doan",
    "mat tran to quoc",
    "loi keu goi thi dua",
    "viet nam",  # "Ngày thành lập Hội LHPN Việt Nam", "Ngày Nhà giáo Việt Nam": the nation's, not a district's
)
# The unions' national movements, printed unquoted with commas inside ("phong trào nông dân thi đua sản
# xuất, kinh doanh giỏi, …"): the name goes on past its commas (folded, lower case)
NATIONAL_MOVEMENTS = (
    "nong dan thi dua san xuat, kinh doanh gioi",
    "nong dan san xuat, kinh doanh gioi",
    "phu nu tich cuc hoc tap, lao dong sang tao, xay dung gia dinh hanh phuc",
    "toan dan doan ket xay dung doi song van hoa",
    "toan dan doan ket xay dung nong thon moi, do thi van minh",
    "cuu chien binh guong mau",
    "toan dan bao ve an ninh to quoc",
    "ca nuoc chung tay vi nguoi ngheo, khong de ai bi bo lai phia sau",
)
# Words that greet an occasion just before its name ("chào mừng", "hướng đến")
# or name the occasion what it tells of was held on ("Nhân dịp kỷ niệm 133 năm Ngày sinh Chủ tịch Hồ
# Chí Minh (19/5/1890 - 19/5/2023), Huyện đoàn tổ chức …")
GREETING_WORDS = ("chào mừng", "hướng đến", "hướng tới", "nhân dịp", "dịp", "nhân kỷ niệm")


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def word_set(text: str, sep: str | None = None) -> frozenset[str]:
    """A word list written as one string, as a linguist would jot it down."""
    return frozenset(w.strip() for w in text.split(sep) if w.strip())


# One-syllable words that end a clause after a counted noun of their own ("20 người dự.", "15 hộ
# đạt."): what the counted did, not the rest of the noun ("1.175 bồn chứa.": a tank, "bồn chứa")
CLAUSE_FINAL_WORDS = word_set(
    """
    dự đạt có được nhận về đến đi ra vào lên xuống theo thôi nữa rồi nay qua trước sau đó này ấy
    khác mới cả hết trở đây kia đều nhất thêm giúp tham
    """
)

# A quoted phrase after a cue and one of these ("mô hình tiêu biểu trong “…”") is what the model is
# in, not its name; "về" is not one ("chuyên đề toàn khóa về “…”" names the theme by its content)
NOT_NAMING_LINKS = word_set("trong của thuộc cho tại ở vào")
# Words that say the next words are a name ("mô hình mang tên …", "với tên gọi …"), right after a cue
NAMING_CUE = re.compile(r"^(?:mang tên|với tên gọi|có tên gọi|có tên|tên gọi là|tên là|gọi là)\s+", re.IGNORECASE)

# Words a name never ends with: the copy or the find cut it before what they introduce ("chuyên đề
# Chỉ thị 05-CT/TW năm" before its year and its quoted title, "phong trào … của" before its owner)
NAME_CUT_END_WORDS = word_set(
    """
    năm của về và với cho tại trong từ đến các những ở nhằm để theo là được đã gồm bằng hoặc như
    gắn vào
    """
)

# A clause opening with these says more of the one before it ("…; trong đó, mô hình về … nhiều
# nhất"): alone, as an answer, it begins in the middle of a sentence
GOES_ON_OPENERS = ("trong đó", "trong số đó", "riêng", "gồm", "bao gồm", "cụ thể", "còn lại", "nâng tổng số")

# Words by which a sentence gives again a number told before ("19 đại biểu … được tuyên dương lần
# này", "các tập thể nói trên"): the ones already counted, not a result of their own
RESTATING_WORDS = ("lần này", "đợt này", "nói trên", "kể trên", "trên đây")

# Words the reports capitalise wherever they stand, out of respect or by rule ("làm theo gương
# Bác", "phong cách Hồ Chí Minh", "Nhân dân"): a capital of theirs is no sign of a name
REVERED_WORDS = ("Chủ tịch Hồ Chí Minh", "Hồ Chí Minh", "Bác Hồ", "Bác", "Người", "Đảng", "Nhân dân", "Tổ quốc")

# A figure's own words that put it beyond the district ("… tại 40 xã điểm … trên địa bàn tỉnh
# Bắc Giang", "cùng với toàn tỉnh"): the province's or the nation's figure, not the district's
WIDER_SCOPES = ("trên địa bàn tỉnh", "toàn tỉnh", "cả tỉnh", "trong toàn tỉnh", "toàn quốc", "cả nước", "trong cả nước")
