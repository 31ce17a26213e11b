"""Language data for the search, all in folded form (no diacritics, lower case).

Kept apart from the algorithm so that a linguist can extend it without reading
the ranking code. Every phrase here is a tuple of folded syllables.
"""

from __future__ import annotations

from typing import NamedTuple

# Chat short forms and organisational abbreviations → what they stand for.
# Applied to questions and to the fact base alike, so "ĐV" in an article and
# "dang vien" in a question meet. Context-dependent ones are in CONTEXTUAL_FORMS below.
SHORT_FORMS: dict[str, str] = {
    # chat
    "bnh": "bao nhieu",
    "bnhieu": "bao nhieu",
    "bnhiu": "bao nhieu",
    "baonhieu": "bao nhieu",
    "baonhiu": "bao nhieu",
    "nhiu": "nhieu",
    "nhju": "nhieu",
    "dc": "duoc",
    "dk": "duoc",
    "ko": "khong",
    "hok": "khong",
    "hem": "khong",
    "khg": "khong",
    "kq": "ket qua",
    "z": "vay",
    "j": "gi",
    "ntn": "nhu the nao",
    "mik": "minh",
    "mk": "minh",
    "mn": "moi nguoi",
    "ng": "nguoi",
    "ngta": "nguoi ta",
    "mh": "mo hinh",
    "mhinh": "mo hinh",
    "tr": "trieu",
    "k": "khong",
    "r": "roi",
    # organisations, titles and documents
    "dv": "dang vien",
    "cb": "can bo",
    "cbdv": "can bo dang vien",
    "cbcc": "can bo cong chuc",
    "cbccvc": "can bo cong chuc vien chuc",
    "ccvc": "cong chuc vien chuc",
    "ccb": "cuu chien binh",
    "hccb": "hoi cuu chien binh",
    "lhpn": "lien hiep phu nu",
    "hlhpn": "hoi lien hiep phu nu",
    "hpn": "hoi phu nu",
    "hnd": "hoi nong dan",
    "ldld": "lien doan lao dong",
    "mttq": "mat tran to quoc",
    "ubmttq": "uy ban mat tran to quoc",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "hctd": "hoi chu thap do",
    "ctd": "chu thap do",
    "dtn": "doan thanh nien",
    "tn": "thanh nien",
    "bhyt": "bao hiem y te",
    "btv": "ban thuong vu",
    "btg": "ban tuyen giao",
    "bch": "ban chap hanh",
    "bct": "bo chinh tri",
    "tw": "trung uong",
    "nq": "nghi quyet",
    "qd": "quy dinh",
    "ntm": "nong thon moi",
    "atgt": "an toan giao thong",
    "sxkd": "san xuat kinh doanh",
    "hs": "hoc sinh",
    "gv": "giao vien",
    "gd": "giao duc",
    "gddt": "giao duc dao tao",
    "tp": "thanh pho",
    "tx": "thi xa",
    "tt": "thi tran",
    "hcm": "ho chi minh",
    "vn": "viet nam",
    "sdt": "so dien thoai",
    "dt": "dien thoai",
    # more of the same, as typed in Zalo and on the district's pages
    "clb": "cau lac bo",
    "pbt": "pho bi thu",
    "ddk": "dai doan ket",  # "nhà ĐĐK"
    "tsvm": "trong sach vung manh",
    "bhxh": "bao hiem xa hoi",
    "htx": "hop tac xa",
    "antt": "an ninh trat tu",
    "ktxh": "kinh te xa hoi",
    "cchc": "cai cach hanh chinh",
    "tthc": "thu tuc hanh chinh",
    "cq": "co quan",
    "dvi": "don vi",
    "fb": "facebook",
    "wc": "nha ve sinh",
    "toilet": "nha ve sinh",
    "banner": "bang ron",
    "corona": "covid",
    # units written out
    "kilomet": "km",
    "kilogam": "kg",
    "kilogram": "kg",
}

# Phrase-level spellings folded onto one form.
PHRASES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("bao", "nhiu"): ("bao", "nhieu"),
    ("bao", "nhju"): ("bao", "nhieu"),
    ("bao", "nhieuu"): ("bao", "nhieu"),
    ("nhu", "nao"): ("nhu", "the", "nao"),
    ("doan", "tn"): ("doan", "thanh", "nien"),
    ("hoi", "pn"): ("hoi", "phu", "nu"),
    ("hoi", "nd"): ("hoi", "nong", "dan"),
    ("covid", "19"): ("covid",),
    ("co", "vid"): ("covid",),
    ("ho", "chi", "minh", "city"): ("ho", "chi", "minh"),
    # "tỉ" is the other spelling of "tỷ" (billion, and "tỷ lệ")
    ("ti", "dong"): ("ty", "dong"),
    ("ti", "le"): ("ty", "le"),
    # "băng rôn" as the articles and people spell it ("băng rol", "băng zôn")
    ("bang", "rol"): ("bang", "ron"),
    ("bang", "zon"): ("bang", "ron"),
    ("pa", "no"): ("pano",),
    # "công viên chức": civil servants of both kinds, said in one
    ("cong", "vien", "chuc"): ("cong", "chuc", "vien", "chuc"),
    ("ki", "lo", "met"): ("km",),
    ("ki", "lo", "gam"): ("kg",),
}

# Words that carry no meaning for matching. Ambiguous syllables are left out on
# purpose: "hoi" (hỏi / hội), "dang" (đang / Đảng), "ban" (bạn / ban), "chi"
# (chị / chi bộ), "nha" (nhé / nhà), "tu" (từ / tư tưởng) all matter here.
STOPWORDS: frozenset[str] = frozenset(
    """
    a ah oi ad admin nhe nhi vay the la gi nao bao nhieu khong co duoc da se cua va voi o tai trong
    nhung cac mot nhieu ve thi ma de biet xin giup ai sao minh toi em cho hay hoac nay kia day roi
    chua bot chatbot lieu nua ngoai
    """.split()  # noqa: SIM905 - a word list reads better as text
)

# Initials that are words or short forms of their own, never a district's (see the place finder)
NOT_INITIALS: frozenset[str] = frozenset(SHORT_FORMS) | frozenset({"ct", "hu", "kh", "tt", "tp", "tx", "dt", "dv"})

# Stopwords that also name things: "thi" is "thì" and a contest ("hội thi kể chuyện")
SUBJECT_SYLLABLES: frozenset[str] = frozenset({"thi"})

# Phrases that only frame the question ("cho mình hỏi", "bạn ơi").
FRAME_PHRASES: tuple[tuple[str, ...], ...] = (
    ("cho", "minh", "hoi"),
    ("cho", "toi", "hoi"),
    ("cho", "em", "hoi"),
    ("cho", "hoi"),
    ("xin", "hoi"),
    ("muon", "hoi"),
    ("hoi", "ve"),
    ("ban", "oi"),
    ("bot", "oi"),
    ("ad", "oi"),
    ("admin", "oi"),
    ("ban", "cho", "biet"),
    ("cho", "biet"),
    ("ban", "co", "biet"),
    ("tra", "loi"),
    ("vui", "long"),
)

# Cues of what kind of answer is wanted.
QUANTITY_CUES: tuple[tuple[str, ...], ...] = (
    ("bao", "nhieu"),
    ("so", "luong"),
    ("tong", "so"),
    ("tong", "cong"),
    ("ty", "le"),
    ("phan", "tram"),
    ("may",),  # "mấy", but not before NOT_MAY_AFTER ("máy tính") nor after ORDINAL_BEFORE_MAY
    ("bao", "lau"),  # "bao lâu": how long, a span of time (DURATION_CUES)
)
# "có tổng cộng bao nhiêu hội viên": the whole of what is counted, not those of it who did something
TOTAL_CUES: tuple[tuple[str, ...], ...] = (("tong", "cong"), ("tat", "ca"), ("ca", "thay"))
# "Bù Đốp có bao nhiêu đảng viên?": how many members a body has, its membership (a figure of those
# members who did something is a part of it); asked with "có" and nothing said of them
HAS_HOW_MANY: tuple[tuple[str, ...], ...] = (("co", "bao", "nhieu"), ("co", "may"), ("co", "bn"))
MEMBERSHIP_NOUNS: tuple[tuple[str, ...], ...] = (
    ("dang", "vien"),
    ("hoi", "vien"),
    ("doan", "vien"),
    ("can", "bo"),
    ("cong", "chuc"),
    ("vien", "chuc"),
    # what a district has a number of, as it has members: its households, its communes, its branches
    ("ho",),
    ("ho", "dan"),
    ("ho", "ngheo"),
    ("ho", "can", "ngheo"),
    ("nguoi", "dan"),
    ("dan", "so"),
    ("xa",),
    ("xa", "thi", "tran"),
    ("ap",),
    ("thon",),
    ("chi", "bo"),
    ("dang", "bo"),
    ("truong",),
    ("truong", "hoc"),
)
# "kéo dài bao lâu": a quantity cue that asks for a duration by itself
DURATION_CUES: tuple[tuple[str, ...], ...] = (("bao", "lau"),)
# "bao lâu một lần": how often, not how long (no quantity asked)
HOW_OFTEN_AFTER: frozenset[str] = frozenset({"lan", "dip"})
WHO_CUES: tuple[tuple[str, ...], ...] = (
    ("cua", "ai"),
    ("do", "ai"),
    ("la", "ai"),
    ("ai", "la"),
    ("ai",),
    ("hoi", "nao"),
    ("don", "vi", "nao"),
    ("co", "quan", "nao"),
    ("to", "chuc", "nao"),
    ("doan", "the", "nao"),
    ("ben", "nao"),
    ("chuc", "vu", "gi"),
    ("chuc", "gi"),
    ("giu", "chuc"),
    ("la", "gi", "cua"),
)
# "… có … không?", "… đã … chưa?", "… phải không?": how a yes-or-no question ends, and what it holds before
YES_NO_ENDS: frozenset[str] = frozenset({"khong", "chua"})
YES_NO_MARKERS: frozenset[str] = frozenset({"co", "da", "phai", "dung", "duoc", "la"})
# "là gì", "tên gì", "nội dung gì": what something is or is called (not how many)
WHAT_CUES: tuple[tuple[str, ...], ...] = (
    ("ten", "la", "gi"),
    ("ten", "gi"),
    ("la", "gi"),
    ("noi", "dung", "gi"),
    ("ve", "cai", "gi"),
    ("cai", "gi"),
    ("nhu", "the", "nao"),
)
WHEN_CUES: tuple[tuple[str, ...], ...] = (
    ("khi", "nao"),
    ("bao", "gio"),
    ("ngay", "nao"),
    ("nam", "nao"),
    ("luc", "nao"),
    ("thoi", "gian", "nao"),
    ("ngay", "bao", "nhieu"),
    ("ngay", "may"),
    ("ban", "hanh", "ngay"),
    ("thang", "nao"),
    ("thang", "may"),
    ("nam", "may"),
)
LIST_CUES: tuple[tuple[str, ...], ...] = (
    ("nhung", "mo", "hinh"),
    ("cac", "mo", "hinh"),
    ("nhung", "phong", "trao"),
    ("cac", "phong", "trao"),
    ("nhung", "gi"),
    ("nhung", "nao"),
    ("cac", "gi"),
    ("lam", "duoc", "gi"),
    ("lam", "gi"),
    ("liet", "ke"),
    ("ke", "ten"),
    ("ke", "ra"),
    ("danh", "sach"),
    ("co", "gi"),
    ("gom", "nhung"),
    ("mo", "hinh", "gi"),
    ("mo", "hinh", "nao"),
    ("phong", "trao", "gi"),
    ("phong", "trao", "nao"),
    ("tat", "ca"),
    ("ket", "qua", "gi"),
    ("thanh", "tich", "gi"),
)

# Units: how a question names a kind of quantity, and how values print it.
UNIT_WORDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "percent": (("phan", "tram"), ("ty", "le")),
    "length": (("km",), ("cay", "so"), ("chieu", "dai"), ("met",)),
    "weight": (("tan",), ("kg",), ("ky",), ("ki", "lo")),
    "area": (("m2",), ("km2",), ("met", "vuong"), ("dien", "tich"), ("hec", "ta"), ("hecta",)),
    "duration": (("phut",), ("gio",), ("thang",), ("nam",), ("ngay",), ("tuan",)),
    # not "đồng" alone: folded, it is also "động" (huy động)
    "money": (
        ("tien",),
        ("kinh", "phi"),
        ("tri", "gia"),
        ("gia", "tri"),
        ("ty", "dong"),
        ("ty",),
        ("trieu",),
        ("von",),
        ("ngan", "sach"),
        ("chi", "phi"),
        ("so", "du"),  # "số dư": what a fund holds
    ),
}
# …and the words that name one only just before the cue ("dài bao nhiêu"): after it, folded
# "dai" is mostly "đại" (nhà Đại đoàn kết)
UNITS_BEFORE_CUE: dict[str, tuple[tuple[str, ...], ...]] = {"length": (("dai",),)}
# …and the words that name one anywhere in the subject of "<subject> là bao nhiêu" (only names
# that are never another word folded: not "tấn"/"tân", not "năm")
SUBJECT_UNIT_WORDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "percent": (("ty", "le"), ("phan", "tram")),
    "money": (("kinh", "phi"), ("so", "tien"), ("tri", "gia"), ("gia", "tri")),
}
COPULAS: frozenset[str] = frozenset({"la"})
VALUE_UNITS: dict[str, tuple[str, ...]] = {
    "money": ("dong", "ty", "trieu", "d"),
    "length": ("km", "m"),
    "percent": ("%",),
    "weight": ("tan", "kg"),
    "area": ("m2", "km2"),
    "duration": ("phut", "gio", "ngay", "tuan", "thang", "nam"),
}

# What awards and results are counted in, when a question names two in a row
# without a comma ("bao nhieu tap the ca nhan").
COUNT_NOUNS: tuple[tuple[str, ...], ...] = (
    ("tap", "the"),
    ("ca", "nhan"),
    ("mo", "hinh"),
    ("dien", "hinh"),
    ("guong",),
    ("guong", "dien", "hinh"),
)

# The word an organisation's name opens with that its aliases leave out ("Hội Cựu chiến binh",
# "ngành Giáo dục"): with an alias, still the organisation's name
ORG_HEAD_WORDS: frozenset[str] = frozenset({"hoi", "nganh", "ban", "uy"})
# Organisations: group name → folded aliases (longest first wins).
ORG_GROUPS: dict[str, tuple[tuple[str, ...], ...]] = {
    "Hội Nông dân": (("hoi", "nong", "dan"), ("nong", "dan")),
    "Hội Liên hiệp Phụ nữ": (("lien", "hiep", "phu", "nu"), ("hoi", "phu", "nu"), ("phu", "nu"), ("chi", "em")),
    "Hội Cựu chiến binh": (("cuu", "chien", "binh"), ("cuu", "binh")),
    "Đoàn Thanh niên": (
        ("huyen", "doan"),
        ("doan", "thanh", "nien"),
        ("thanh", "nien"),
        ("doan", "vien"),
        ("tuoi", "tre"),  # "Tuổi trẻ huyện …": the Youth Union's name for itself
    ),
    "Liên đoàn Lao động": (("lien", "doan", "lao", "dong"), ("cong", "doan")),
    "Mặt trận Tổ quốc": (("mat", "tran", "to", "quoc"), ("mat", "tran")),
    "Hội Chữ thập đỏ": (("chu", "thap", "do"),),
    "Ngành Giáo dục": (("giao", "duc"), ("nganh", "giao", "duc")),
    "Ban Tuyên giáo": (("ban", "tuyen", "giao"), ("tuyen", "giao")),
    "Ủy ban nhân dân": (("uy", "ban", "nhan", "dan"),),
    "Văn hóa - Thông tin": (("van", "hoa", "thong", "tin"), ("truyen", "thanh"), ("dai", "truyen", "thanh")),
    "Huyện ủy": (("ban", "thuong", "vu"), ("huyen", "uy"), ("dang", "bo", "huyen")),
}
# The bodies that lead or award for the whole district ("UBND huyện khen thưởng": "khen thưởng cấp
# huyện"; "Huyện ủy chỉ đạo"): an entry need not name them to be theirs, unlike a member
# organisation's figure
DISTRICT_BODIES: frozenset[str] = frozenset({"Ủy ban nhân dân", "Huyện ủy", "Ban Tuyên giáo", "Văn hóa - Thông tin"})

# Kinds of entries named in list questions.
KIND_WORDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "model": (
        ("mo", "hinh"),
        ("phong", "trao"),
        ("cuoc", "van", "dong"),
        ("chuong", "trinh"),
        ("chuyen", "muc"),
        ("cong", "trinh"),
        ("cach", "lam"),
        ("hoat", "dong"),
        ("sang", "kien"),
    ),
    "person": (("nhung", "ai"), ("nguoi", "nao"), ("lanh", "dao"), ("ca", "nhan", "nao")),
    "document": (("van", "ban"), ("chi", "thi"), ("nghi", "quyet"), ("ket", "luan"), ("quy", "dinh"), ("ke", "hoach")),
    "figure": (("ket", "qua"), ("thanh", "tich"), ("so", "lieu"), ("con", "so"), ("lam", "duoc"), ("dat", "duoc")),
    "event": (("dip",), ("su", "kien"), ("hoi", "nghi"), ("so", "ket"), ("ky", "niem")),
}

# Everyday words and the article's words for the same thing; a question term also matches its
# synonyms, at a lower weight (SYNONYM_FACTOR in bot.answering.tuning): an entry's own word always
# beats a synonym of it. A question's terms are single syllables and pairs of adjacent syllables,
# so each member here is one or two folded syllables, not both stopwords (a longer one would never
# be looked up: say it with its telling pair, or fold it onto one form in PHRASES).
# Left out on purpose (NOT_SYNONYMS; a test keeps them out):
# - folded, also other words: "den" (đèn / đến), "hoi" (hội / hỏi), "ho" (hộ / họ / Hồ / hỗ trợ),
#   "lon" (lợn / lớn), "can" (cân / căn), "cu" (củ / cũ), "kho" (khó / khô), "co cong" (có công /
#   có công trình). "trẻ" / "bé" are kept although folded "be" is also "bê" (bê tông): a child is
#   most often asked as one or the other, and the concrete is always "bê tông", a pair of its own;
# - bodies the articles never mention (công an, quân sự, bộ đội): a question about them would
#   look answerable by a veterans' or a security model;
# - relative times ("năm ngoái", "năm trước"): the articles' "năm qua" is their own year;
# - what the articles' words replace, not name ("cầu khỉ": what a concrete bridge replaces).
# Two official terms one article counts apart ("chủ đề" and "chuyên đề", "sơ kết" and "tổng kết",
# "đóng góp" and "vận động", "tiền mặt" and money at large) are never joined: a synonym would let
# one answer for the other; nor a thing counted with a thing done ("bóng đèn" / "thắp sáng").
NOT_SYNONYMS: frozenset[str] = frozenset(
    {"den", "hoi", "ho", "lon", "can", "cu", "kho", "co cong"}
    | {"cong an", "quan su", "bo doi", "nam ngoai", "nam truoc", "cau khi"}
)
SYNONYMS: tuple[tuple[str, ...], ...] = (
    # ---- money
    (
        "tien",
        "kinh phi",
        "tri gia",
        "gia tri",
        "nguon luc",
        "von",
        "chi phi",
        "so tien",
        "tai chinh",
        "tien bac",
        "ngan sach",
    ),
    # ---- people and bodies
    # members of a hội: "thành viên" is what people call them
    ("hoi vien", "thanh vien"),
    # civil servants: "nhân viên" in everyday speech
    ("vien chuc", "nhan vien"),
    # veterans ("cựu chiến binh" is asked by its telling pair): "cựu binh", "cựu quân nhân"
    ("chien binh", "cuu binh", "cuu quan"),
    # women: "chị em", "đàn bà"
    ("phu nu", "chi em", "dan ba"),
    # farmers: "nhà nông", "bà con làm ruộng", "nông hộ"
    ("nong dan", "nha nong", "lam ruong", "nong ho"),
    # youth: "tuổi trẻ", "bạn trẻ", "giới trẻ" (the Youth Union's own name for itself)
    ("thanh nien", "tuoi tre", "ban tre", "gioi tre"),
    # children: "trẻ em", "con nít" (South), "thiếu nhi", "các em nhỏ"
    ("tre em", "tre nho", "con nit", "thieu nhi", "em nho"),
    # orphans
    ("mo coi", "con coi", "coi cut"),
    ("tre", "be"),
    ("hoc sinh", "hoc tro"),
    ("hoc bong", "khuyen hoc"),
    # teachers: "thầy cô", "cô giáo", "thầy giáo", "nhà giáo"
    ("giao vien", "thay co", "co giao", "thay giao", "nha giao"),
    ("nha truong", "truong hoc"),
    ("manh thuong", "nha hao", "hao tam"),
    # who leads ("người đứng đầu" is left out: of a body it is its secretary, of a hội its chair,
    # and a deputy would answer it as well as the head)
    ("bi thu", "lanh dao"),
    # policy families: war invalids and martyrs' families are the "đối tượng chính sách"
    ("chinh sach", "thuong binh", "liet si"),
    ("ca nhan", "nguoi", "guong"),
    ("tap the", "don vi"),
    # ---- things done and given
    ("xay", "xay dung", "lam", "xay moi", "xay tang"),
    # a house built: "cất nhà" (South), "làm nhà" (not "dựng nhà": folded, the tail of "xây dựng nhà")
    ("cat nha", "xay nha", "lam nha"),
    # "sửa" (folded also "sữa", as the article itself misspells it), "tu sửa", "sửa sang"
    ("sua", "sua chua", "sua sang", "tu sua", "sua lai", "tu bo"),
    # help given: "trợ giúp", "tài trợ", "cứu trợ" ("ủng hộ" is left out: it is also to agree with)
    ("ho tro", "giup do", "tang", "trao tang", "uu dai", "tro giup", "tai tro", "cuu tro"),
    # gifts: "phần quà", "suất quà", "gói quà", "túi quà"
    ("phan qua", "suat qua", "goi qua", "tui qua", "hop qua"),
    # sponsoring a child: "bảo trợ", "nhận nuôi", "cưu mang"
    ("do dau", "bao tro", "nhan nuoi", "cuu mang"),
    # collecting: "quyên góp", "kêu gọi", "huy động" ("đóng góp" is left out: it is the giver's
    # side, and the articles count what members gave apart from what was collected)
    ("van dong", "quyen gop", "keu goi", "huy dong"),
    # praise and awards; "tuyên dương" folds like "tuyến đường", and is kept all the same: it is how
    # people say "biểu dương", and a road's entry, holding the word itself, counts no tập thể
    (
        "khen thuong",
        "khen",
        "bang khen",
        "giay khen",
        "bieu duong",
        "tuyen duong",
        "vinh danh",
        "ton vinh",
        "khen ngoi",
        "trao thuong",
    ),
    ("dien hinh", "guong mau", "tieu bieu"),
    ("neu guong", "lam guong"),
    ("phat dong", "ra quan", "khoi xuong"),
    ("thanh lap", "ra doi", "chia tach"),
    # land given for roads: "nhường đất", "cho đất"
    ("hien dat", "nhuong dat", "tang dat"),
    ("hien mau", "cho mau"),
    # saving: "để dành", "dành dụm" (South); a piggy bank: "ống heo" (South), "lợn đất" (North)
    ("tiet kiem", "de danh", "danh dum"),
    ("heo dat", "lon dat", "ong heo"),
    # borrowing ("giải ngân" is left out: a fund's disbursing, counted apart from who borrows);
    # a rotating fund is a "hụi" ("tổ hùn vốn", "tổ góp vốn" are each a model of their own)
    ("vay von", "muon von", "muon tien"),
    ("xoay vong", "hui"),
    # ---- poverty and hardship
    ("ngheo", "kho khan", "ho ngheo", "can ngheo", "ngheo kho", "thieu thon"),
    ("thoat ngheo", "het ngheo", "xoa ngheo", "giam ngheo", "vuot ngheo"),
    # houses falling apart: "nhà dột", "nhà nát", "xuống cấp"
    ("dot nat", "xuong cap", "nha dot", "nha nat"),
    ("om dau", "dau om", "benh tat"),
    ("sinh ke", "sinh nhai"),
    ("hoan luong", "man han", "ra tu", "hoa nhap"),
    ("nhu yeu", "thiet yeu", "luong thuc", "thuc pham"),
    ("thien tai", "bao lut", "lu lut"),
    # ---- infrastructure
    ("nha", "can nha", "nha o"),
    ("cau", "cay cau", "cau be"),
    ("be tong", "xi mang"),
    # village roads: "đường làng", "đường xóm", "đường ngõ" (North), "đường lộ" (South); not
    # "đường quê", which the articles light ("thắp sáng đường quê") beside the roads they build
    ("duong lang", "duong xom", "duong ngo", "duong lo", "duong nong", "duong giao"),
    # street lights ("đèn" alone folds like "đến"; not "đường sáng", the name of one model, nor
    # "bóng đèn", "cột đèn": things counted, where the articles count the roads lit)
    ("den duong", "thap sang", "chieu sang", "anh sang"),
    ("bon nuoc", "tec nuoc", "lu nuoc"),
    ("bep an", "quan com", "bua com"),
    ("gian hang", "cua hang", "sieu thi"),
    ("trong hoa", "trong bong"),
    ("may tinh", "laptop", "vi tinh"),
    ("gao", "hu gao"),
    ("mi", "mi tom", "mi goi"),
    # ---- time
    ("nhiem ky", "toan khoa"),
    ("giai doan", "thoi ky"),
    ("ky niem", "chao mung"),
    ("sinh nhat", "ngay sinh"),
    # ---- study and Party life
    ("hoc", "hoc tap", "nghien cuu", "quan triet", "tim hieu"),
    # a cell's meeting: "họp chi bộ", "cuộc họp", "buổi họp" ("họp lệ" in the articles)
    ("sinh hoat", "buoi hop", "cuoc hop", "hop le", "hop chi", "hop dang"),
    ("gap go", "tiep xuc", "doi thoai"),
    ("giao luu", "toa dam"),
    ("hoi thi", "cuoc thi"),
    ("trien lam", "trung bay"),
    ("tap san", "tap chi", "an pham"),
    ("thu tuc", "giay to"),
    ("tham nhung", "tieu cuc", "hoi lo"),
    ("mo hinh", "sang kien"),
    # ---- telling people
    ("tuyen truyen", "thong tin", "truyen thong"),
    ("tin bai", "bai viet", "tin"),
    ("truc tuyen", "qua mang", "online"),
    ("facebook", "mang xa"),
    # ---- safety
    ("canh phong", "canh gac", "tuan tra", "truc gac", "gac dem"),
    ("dich", "covid", "dai dich"),
)

# Questions for data the articles never hold.
UNANSWERABLE_PHRASES: tuple[tuple[str, ...], ...] = (
    ("so", "dien", "thoai"),
    ("dien", "thoai"),
    ("hotline",),
    ("email",),
    ("gmail",),
    ("fax",),
    ("dia", "chi"),
    ("website",),
    ("zalo",),
    ("nam", "sau"),
    ("nam", "toi"),
    ("nam", "tiep", "theo"),
    ("du", "bao"),
    ("du", "kien"),
    ("tuong", "lai"),
    ("dan", "so"),
    ("gio", "lam", "viec"),
    ("luong", "thang"),
    ("hom", "nay"),
    ("ngay", "mai"),
    ("hom", "qua"),
    ("tuan", "nay"),
    ("tuan", "sau"),
    ("thang", "sau"),
    ("muc", "luong"),
    ("tien", "luong"),
    ("que", "o", "dau"),
    ("que", "quan"),
    ("tai", "khoan"),
    ("bao", "nhieu", "tuoi"),
    ("may", "tuoi"),
    ("nam", "nay", "bao", "nhieu", "tuoi"),
)

# Questions about an article itself: who wrote it, when it was published.
ARTICLE_WORDS: tuple[tuple[str, ...], ...] = (("bai", "viet"), ("bai", "bao"), ("bai",), ("tac", "gia"))
AUTHOR_CUES: tuple[tuple[str, ...], ...] = (
    ("tac", "gia"),
    ("ai", "viet"),
    ("nguoi", "viet"),
    ("viet", "boi"),
    ("but", "danh"),
)
PUBLISHED_CUES: tuple[tuple[str, ...], ...] = (
    ("dang", "ngay"),
    ("ngay", "dang"),
    ("dang", "khi", "nao"),
    ("dang", "luc", "nao"),
    ("dang", "bao", "gio"),
    ("dang", "nam", "nao"),
    ("xuat", "ban"),
    ("dang", "tai"),
    ("cap", "nhat"),
)

# ---------------------------------------------------------------- small talk
# A message made only of these phrases (and SMALL_TALK_FILLERS) is small talk; the first
# category found decides the reply.
SMALL_TALK: dict[str, tuple[tuple[str, ...], ...]] = {
    "help": (("huong", "dan"), ("tro", "giup"), ("help",), ("menu",)),
    "greeting": (
        ("xin", "chao"),
        ("chao",),
        ("hello",),
        ("hi",),
        ("helo",),
        ("alo",),
        ("hey",),
        ("start",),
        ("chao", "buoi", "sang"),
    ),
    "identity": (("la", "ai"), ("ten", "gi"), ("ten", "la", "gi"), ("ai", "vay"), ("ai", "the")),
    "wellbeing": (("khoe", "khong"), ("co", "khoe", "khong"), ("khoe",), ("the", "nao", "roi")),
    "thanks": (("cam", "on"), ("thanks",), ("thank", "you"), ("thank",), ("tks",), ("thx",), ("camon",)),
    "goodbye": (("tam", "biet"), ("bye",), ("hen", "gap", "lai"), ("chuc", "ngu", "ngon")),
    "wishes": (("chuc",), ("ngay", "moi", "tot", "lanh"), ("tot", "lanh"), ("suc", "khoe")),
    "praise": (
        ("hay", "qua"),
        ("hay",),
        ("tuyet",),
        ("tuyet", "voi"),
        ("gioi", "qua"),
        ("gioi",),
        ("tot", "qua"),
        ("hay", "lam"),
    ),
    "laughter": (("haha",), ("hihi",), ("hehe",), ("hoho",), ("kkk",), ("kaka",), ("lol",), ("ha", "ha"), ("hi", "hi")),
    "ack": (
        ("ok",),
        ("oke",),
        ("okie",),
        ("okay",),
        ("vang",),
        ("da",),
        ("u",),
        ("uh",),
        ("uhm",),
        ("roi",),
        ("duoc", "roi"),
        ("dong", "y"),
        ("du", "roi"),
        ("vay", "thoi"),
    ),
}
SMALL_TALK_FILLERS: frozenset[str] = frozenset(
    """
    bot ban minh toi em anh chi ad admin oi nhe nha nhi a ah ha nhieu lam qua that day vay nay nua
    luon voi cho thoi the b du chau con cau co bac chu ong ba
    """.split()  # noqa: SIM905
)

# ---------------------------------------------------------------- feedback typed as text
FEEDBACK_MARKS: dict[str, int] = {"👍": 1, "👎": -1}
FEEDBACK_RIGHT: tuple[tuple[str, ...], ...] = (("dung", "roi"), ("chinh", "xac"), ("dung", "vay"))
FEEDBACK_WRONG: tuple[tuple[str, ...], ...] = (
    ("sai", "roi"),
    ("sai",),
    ("khong", "dung"),
    ("chua", "dung"),
    ("tra", "loi", "sai"),
    ("nham", "roi"),
)

# the whole quote of the last answer, asked in words where there are no buttons
WHOLE_QUOTE_WORDS: tuple[tuple[str, ...], ...] = (
    ("xem", "trich", "dan"),
    ("trich", "dan"),
    ("xem", "ca", "doan"),
    ("ca", "doan"),
    ("xem", "ca", "doan", "trich"),
    ("doan", "trich"),
    ("xem", "them", "trich", "dan"),
)

# ---------------------------------------------------------------- questions about the bot
# Words that point at the bot or its data rather than at a district's results.
BOT_WORDS: frozenset[str] = frozenset(
    """
    bot ban du lieu thong tin biet tra loi co so nguon he thong chatbot
    """.split()  # noqa: SIM905
)
COVERAGE_CUES: tuple[tuple[str, ...], ...] = (
    ("huyen", "nao"),
    ("nhung", "huyen"),
    ("cac", "huyen"),
    ("bao", "nhieu", "huyen"),
    ("may", "huyen"),
    ("tinh", "nao"),
    ("nhung", "tinh"),
    ("cac", "tinh"),
    ("bao", "nhieu", "tinh"),
    ("may", "tinh"),
)
ARTICLES_CUES: tuple[tuple[str, ...], ...] = (
    ("bai", "nao"),
    ("nhung", "bai"),
    ("cac", "bai"),
    ("bao", "nhieu", "bai"),
    ("may", "bai"),
    ("nguon",),
    # "Đồng Nai có bài viết về học tập và làm theo Bác không"
    ("co", "bai", "viet"),
)
TITLE_CUES: tuple[tuple[str, ...], ...] = (
    ("ten", "la", "gi"),
    ("ten", "gi"),
    ("tua", "de"),
    ("tieu", "de"),
    ("ten", "bai"),
)
PUBLISHER_CUES: tuple[tuple[str, ...], ...] = (("bao", "nao"), ("dang", "bao"), ("trang", "nao"), ("dang", "tren"))
CAPABILITY_PHRASES: tuple[tuple[str, ...], ...] = (
    ("lam", "duoc", "gi"),
    ("tra", "loi", "duoc", "gi"),
    ("tra", "loi", "duoc", "nhung", "gi"),
    ("giup", "gi"),
    ("hoi", "duoc", "gi"),
    ("hoi", "gi"),
    ("biet", "gi"),
    ("biet", "nhung", "gi"),
)
PROVINCE_CUES: tuple[tuple[str, ...], ...] = (
    ("thuoc", "tinh", "nao"),
    ("tinh", "nao"),
    ("tinh", "gi"),
    ("o", "tinh", "nao"),
    ("o", "dau"),
    ("thuoc", "tinh"),
    # "Đất Đỏ giờ thuộc đâu", "Kiên Giang sáp nhập vào đâu": today's map asked
    ("thuoc", "dau"),
    ("nhap", "vao"),
    ("nhap", "ve"),
)
# "… giờ thuộc Vĩnh Long hả": the word before a place that asks whether it is the province
BELONGS_WORDS: frozenset[str] = frozenset({"thuoc"})
ABOUT_THE_BASE_CUES: tuple[tuple[str, ...], ...] = (
    ARTICLES_CUES
    + CAPABILITY_PHRASES
    + (
        ("du", "lieu"),
        ("bot", "biet"),
        ("ban", "biet"),
    )
)
# "huyện nào thuộc Bến Tre", "Đồng Tháp có huyện nào": districts of a named province
# "xã An Khánh thuộc huyện nào?": where a commune named is
DISTRICT_OF_COMMUNE_CUES: tuple[tuple[str, ...], ...] = (
    ("huyen", "nao"),
    ("thuoc", "huyen"),
    ("thuoc", "dau"),
    ("o", "dau"),
)
DISTRICTS_OF_PROVINCE_CUES: tuple[tuple[str, ...], ...] = (("huyen", "nao"), ("nhung", "huyen"), ("co", "huyen"))
# Words a question about the base ("bot biết về những huyện nào", "Châu Thành thuộc tỉnh nào")
# may hold besides its cue, the bot's words and stopwords: the frame of the question.
ABOUT_BASE_FRAME_WORDS: frozenset[str] = frozenset(
    {"huyen", "tinh", "thuoc", "trong", "ve", "co", "hoi", "xa", "thi", "tran", "phuong", "thanh", "pho", "quan"}
    # "bây giờ / hiện nay / sau sáp nhập thuộc tỉnh nào": today's map, answered beside the old one
    | {"bay", "gio", "hien", "nay", "tai", "sau", "khi", "sap", "nhap", "moi", "la", "dia", "ban", "con", "cu"}
    # "trước thuộc tỉnh nào, giờ thuộc tỉnh nào", "sáp nhập vào đâu"
    | {"truoc", "kia", "dau", "vao", "nao", "gi", "vay", "the"}
    # "… giờ thuộc Vĩnh Long hả / phải không / đúng không": the same asked as a yes or no
    | {"ha", "a", "phai", "dung", "khong", "ko", "k", "chu", "nhi"}
)
# Words a request for the list of articles ("dữ liệu gồm những bài viết nào", "có bài nào của
# tác giả Anh Đức") may hold besides its cue, the bot's words, stopwords and an author's name.
ARTICLES_FRAME_WORDS: frozenset[str] = frozenset(
    {"bai", "viet", "gom", "co", "trong", "tat", "ca", "cac", "nao", "tac", "gia"}
    # what every article is about: "bài viết về học tập và làm theo tư tưởng… Hồ Chí Minh / Bác"
    | {"ve", "hoc", "tap", "lam", "theo", "bac", "tu", "tuong", "dao", "duc", "phong", "cach", "ho", "chi", "minh"}
)

# ---------------------------------------------------------------- what the articles do not hold
# Opinions and advice: the articles report, they do not rank or recommend.
OPINION_PHRASES: tuple[tuple[str, ...], ...] = (
    ("hay", "nhat"),
    ("tot", "nhat"),
    ("gioi", "nhat"),
    ("xuat", "sac", "nhat"),
    ("hieu", "qua", "nhat"),
    ("hay", "hon"),
    ("tot", "hon"),
    ("gioi", "hon"),
    ("co", "gioi"),
    ("co", "tot"),
    ("co", "hay"),
    ("theo", "ban"),
    ("ban", "thay"),
    ("ban", "nghi"),
    ("ban", "cham"),
    ("cham", "diem"),
    ("danh", "gia"),
    ("y", "kien", "cua", "ban"),
    ("co", "nen"),
    ("nen", "hoc"),
    ("nen", "lam"),
    ("nen", "chon"),
    ("nen", "nhan", "rong"),
)
# Instructions to the bot instead of questions.
INSTRUCTION_PHRASES: tuple[tuple[str, ...], ...] = (
    ("bo", "qua"),
    ("dong", "vai"),
    ("gia", "vo"),
    ("gia", "su", "ban"),
    ("ignore",),
    ("prompt",),
    ("instructions",),
    ("viet", "cho"),
    ("viet", "giup"),
    ("viet", "mot"),
    ("bai", "tho"),
    ("lam", "tho"),
    ("ke", "chuyen"),
    ("chuyen", "cuoi"),
    ("dich", "bai"),
    ("dich", "sang"),
    ("sang", "tieng"),
    ("tieng", "anh"),
    ("tu", "gio"),
    ("tra", "loi", "bang"),
    ("phat", "bieu", "di"),
    ("bai", "phat", "bieu"),
)
# General knowledge: what any encyclopaedia holds and these reports do not.
GENERAL_KNOWLEDGE_PHRASES: tuple[tuple[str, ...], ...] = (
    ("thu", "do"),
    ("tong", "bi", "thu"),
    ("chu", "tich", "nuoc"),
    ("thu", "tuong"),
    ("sinh", "nam"),  # "sinh năm nào"; not "ngày sinh": the anniversaries of Bác's birthday are in the reports
    ("mat", "nam"),
    ("qua", "doi"),
    ("thoi", "tiet"),
    ("gia", "vang"),
    ("ty", "gia"),
    ("dac", "san"),
    ("noi", "tieng"),
    ("cong", "thuc"),
    ("hinh", "tron"),
    ("dang", "cong", "san"),
    ("bong", "da"),
    ("the", "gioi"),
)
# The topic every article shares: a question about it alone ("tư tưởng Hồ Chí Minh là gì")
# asks for a definition, not for a district's results.
TOPIC_WORDS: frozenset[str] = frozenset(
    """
    tu tuong dao duc phong cach ho chi minh bac hoc tap lam theo la gi nghia y
    """.split()  # noqa: SIM905
)
DEFINITION_CUES: tuple[tuple[str, ...], ...] = (("la", "gi"), ("nghia", "la", "gi"), ("y", "nghia"))

# ---------------------------------------------------------------- comparisons
COMPARISON_PHRASES: tuple[tuple[str, ...], ...] = (
    ("so", "sanh"),
    ("nhieu", "nhat"),
    ("it", "nhat"),
    ("cao", "nhat"),
    ("thap", "nhat"),
    ("lon", "nhat"),
    ("nhieu", "hon"),
    ("it", "hon"),
    ("cao", "hon"),
    ("cac", "huyen"),
    ("moi", "huyen"),
    ("tung", "huyen"),
)
# "xã nào … nhiều nhất", "năm nào …", "chi bộ nào …": a ranking of the parts of one district, which
# no report gives (each gives the district's own figures); "huyện nào" compares districts
UNRANKED_PARTS: tuple[tuple[str, ...], ...] = (
    ("xa",),
    ("ap",),
    ("thon",),
    ("khu", "pho"),
    ("thi", "tran"),
    ("phuong",),
    ("nam",),
    ("thang",),
    ("dot",),
    ("chi", "bo"),
    ("dang", "bo"),
    ("co", "quan"),
    ("don", "vi"),
    ("truong",),
    ("mo", "hinh"),
    ("hoi", "vien"),
    ("gia", "dinh"),
)
# "nhiều <…> nhất": a superlative asks to compare even with words between
SUPERLATIVE = "nhat"
# "nhiều <…> hơn": a comparative asks to compare too, with words between, of several districts
COMPARATIVE = "hon"
MEASURE_WORDS: frozenset[str] = frozenset({"nhieu", "it", "cao", "thap", "lon", "nho", "dai"})
# Holidays named by their date ("chào mừng Quốc khánh 2/9"): that date is the occasion's name, not
# when the article's event took place. Folded; a date right after one of these is no date of it.
HOLIDAY_NAMES: tuple[str, ...] = (
    "quoc khanh",
    "giai phong mien nam",
    "thong nhat dat nuoc",
    "quoc te lao dong",
    "quoc te phu nu",
    "phu nu viet nam",
    "nha giao viet nam",
    "thuong binh liet si",
    "thuong binh - liet si",
    "thanh lap quan doi nhan dan viet nam",
    "thanh lap dang cong san viet nam",
    "thanh lap doan thanh nien cong san ho chi minh",
)
# Dimensions a figure of length is printed with ("đường bê tông dài 177m", "rộng 3m"): a question
# asking one ("rộng bao nhiêu mét") is not answered with another. Folded word → how a reply names
# it. The words that are also everyday words ("sau": after, "day": to teach) are dimensions only
# after "chiều"/"độ" ("độ sâu"); the others also before "bao nhiêu"/"mấy".
DIMENSIONS: dict[str, str] = {
    "dai": "chiều dài",
    "rong": "chiều rộng",
    "cao": "chiều cao",
    "sau": "độ sâu",
    "day": "độ dày",
}
DIMENSIONS_ONLY_NAMED: frozenset[str] = frozenset({"sau", "day"})
DIMENSION_NAMERS: frozenset[str] = frozenset({"chieu", "do"})
DIMENSION_ASKERS: tuple[tuple[str, ...], ...] = (("bao", "nhieu"), ("may",))
# "Mặt trận hay Hội Nông dân …": the words that set the compared side by side
ALTERNATIVE_WORDS: frozenset[str] = frozenset({"hay", "hoac", "voi", "va"})
# "huyện nào xây nhiều nhà nhất": words that ask which district, not what is compared
COMPARISON_FRAME_WORDS: frozenset[str] = frozenset({"huyen", "nao"})

# ---------------------------------------------------------------- follow-ups
# What opens a follow-up ("còn Lai Vung…?", "thế còn…", "vậy…", at the start) or closes one
# ("… thì sao?", "… nữa?")
# ("còn bên Bù Đốp?": "bên" says "over in", before the place; the longest opener first)
FOLLOWUP_OPENERS: tuple[tuple[str, ...], ...] = (
    ("the", "con", "ben"),
    ("vay", "con", "ben"),
    ("con", "ben"),
    ("the", "con"),
    ("vay", "con"),
    ("con",),
    ("vay",),
    ("thoi",),
)
FOLLOWUP_CLOSERS: tuple[tuple[str, ...], ...] = (("the", "thi", "sao"), ("thi", "sao"), ("nua",))
FOLLOWUP_CUES: tuple[tuple[str, ...], ...] = FOLLOWUP_OPENERS + FOLLOWUP_CLOSERS
# "còn … gì nữa", "mô hình khác": something else than what was just answered, never that again
ELSE_CUES: tuple[tuple[str, ...], ...] = (("nua",), ("khac",))
# Words that point back at what was just said: "nó", "ông ấy", "mô hình đó", "huyện đó"
ANAPHORA_PHRASES: tuple[tuple[str, ...], ...] = (
    ("no",),
    ("ong", "ay"),
    ("ba", "ay"),
    ("chi", "ay"),
    ("anh", "ay"),
    ("co", "ay"),
    ("mo", "hinh", "do"),
    ("mo", "hinh", "nay"),
    ("phong", "trao", "do"),
    ("chuong", "trinh", "do"),
    ("van", "ban", "do"),
    ("van", "ban", "nay"),
    ("huyen", "do"),
    ("huyen", "nay"),
    ("bai", "do"),
    ("bai", "nay"),
    ("o", "do"),
    ("viec", "do"),
    ("quy", "do"),
    ("to", "chuc", "do"),
)
# A follow-up that opens with these narrows the same count ("cấp xã thì sao", "còn dịp 130 năm?",
# "năm 2024 thì sao"); one that opens with a noun counts something else ("còn cờ phướn?").
QUALIFIER_WORDS: frozenset[str] = frozenset({"cap", "dip", "nam", "thang", "ngay", "giai", "ky", "lan", "dot", "nhiem"})
# Words of time a question counts in without naming what it counts ("qua mấy năm rồi")
TIME_WORDS: frozenset[str] = frozenset({"nam", "thang", "ngay", "tuan", "lan", "ky"})
# What a question may ask of a document besides its name ("Chỉ thị 05 là về cái gì?", "Kết luận 01
# nói về gì, do ai ban hành, ngày nào?"): nothing that makes it a district's doing
DOCUMENT_ASPECT_WORDS: frozenset[str] = frozenset(
    {"ve", "noi", "dung", "ban", "hanh", "ngay", "nao", "muc", "dich", "y", "nghia", "cai", "gi", "chu", "de", "ky"}
)
# Words that place a question in time ("còn dịp 130 năm?", "đợt đó"), not what it asks about
OCCASION_WORDS: frozenset[str] = frozenset({"dip", "dot", "nhan", "khi", "luc", "hoi"})
# Words an opening wraps its topic in ("thông tin về CCB", "kết quả của Hội Phụ nữ", "mô hình hội
# nông dân"): with only these beside an organisation, the organisation is what is asked about
TOPIC_FRAME_WORDS: frozenset[str] = frozenset(
    {"thong", "tin", "ket", "qua", "ve", "cho", "hoi", "biet", "mo", "hinh", "hoat", "dong", "phong", "trao", "gi"}
)
# Words a follow-up wraps its question in: "còn bài Lai Vung?", "vậy thì…"
FOLLOWUP_FILLERS: frozenset[str] = frozenset({"bai", "thi", "sao", "vay", "nua", "roi", "ay", "do", "nay"})

# ---------------------------------------------------------------- context rules as data
# Short forms whose meaning depends on their neighbours. Each says what the form stands
# for when its context holds, and otherwise (None: the plain SHORT_FORMS reading, or the
# token itself when it has none).


class ContextualForm(NamedTuple):
    then: str  # the reading when the context holds
    otherwise: str | None
    before: frozenset[str] = frozenset()  # the context: one of these words follows
    after: frozenset[str] = frozenset()  # the context: one of these words comes just before
    near_number: bool = False  # the context: a number (or a document code word) is next to it
    after_number: bool = False  # the context: a number comes just before
    last: bool = False  # the context: it ends the message
    first_before: frozenset[str] = frozenset()  # the context: it opens the message and one of these follows
    never_before: frozenset[str] = frozenset()  # never the context's reading before these words


# words after CT/KH that mark a document code ("CT 05", "CT/TW", "KH số")
DOCUMENT_CODE_WORDS: frozenset[str] = frozenset({"tw", "tu", "hu"})

CONTEXTUAL_FORMS: dict[str, ContextualForm] = {
    # HU = Huyện ủy, but "hũ gạo" is a rice jar
    "hu": ContextualForm(then="hu", otherwise="huyen uy", before=frozenset({"gao"})),
    # CT = Chỉ thị next to a number, else Chủ tịch
    "ct": ContextualForm(then="chi thi", otherwise="chu tich", near_number=True),
    # KH = Kế hoạch in a document code, else "không"
    "kh": ContextualForm(then="ke hoach", otherwise="khong", near_number=True),
    # KL is "Kết luận" before a number ("KL 01", "KL số 01"), else the initials of a district (Kiên Lương)
    "kl": ContextualForm(then="ket luan", otherwise=None, before=frozenset({"so"}), near_number=True),
    "k": ContextualForm(then="nghin", otherwise=None, after_number=True),  # 500k
    "cu": ContextualForm(then="trieu", otherwise=None, after_number=True),  # "300 củ": millions, in chat
    # "bao nhiêu tỉ", "52 tỉ": the other spelling of "tỷ" (billion); elsewhere "tí" (a little), or
    # "ti vi" ("trên ti vi": so not after "trên", "hơn")
    "ti": ContextualForm(then="ty", otherwise=None, after=frozenset({"nhieu", "may"}), after_number=True),
    "v": ContextualForm(then="vay", otherwise=None, last=True),  # "... gi v"
    # BN is "bạn" next to the words that go with a person ("oke bn", "theo bn", "bn tên gì"), else "bao nhiêu"
    "bn": ContextualForm(
        then="ban",
        otherwise="bao nhieu",
        after=frozenset({"oke", "ok", "theo", "on", "chao", "cua", "voi", "giup", "hoi"}),
        before=frozenset({"ten", "la", "oi", "thay", "nghi", "biet", "lam", "tra", "giup", "cho", "khoe"}),
        # "bn có biết…" opens with "bạn"; "treo bn cờ" counts flags
        first_before=frozenset({"co"}),
        # "giúp bn hộ thoát nghèo", "cho bn suất học bổng": before what is counted, "bao nhiêu"
        never_before=frozenset({"ho", "can", "suat", "nguoi", "hoc", "cay", "tan", "chiec", "phan"}),
    ),
}

# "mấy" after these asks "which", not "how many": khóa mấy, số mấy, lần thứ mấy, ngày mấy.
ORDINAL_BEFORE_MAY: frozenset[str] = frozenset({"khoa", "so", "lan", "ngay", "thang", "nam", "gio"})
# "mấy ông cựu binh", "mấy bạn trẻ", "mấy chị": a plural of people, not a count, and no word of
# what is asked (folded, "mấy" is also the "máy" of "máy tính", a rare word of the articles)…
PEOPLE_AFTER_MAY: frozenset[str] = frozenset(
    {"ong", "ba", "chu", "co", "anh", "chi", "em", "ban", "bac", "chau", "cau"}
)
# …and of these the titles that only make the plural ("mấy ông", "mấy bác"), never a word of what is
# asked; not "bạn" ("bạn trẻ"), "chị" ("chị em"), "chú" (folded, "chủ đề"), "anh" ("treo ảnh Bác")
PLURAL_TITLES: frozenset[str] = frozenset({"ong", "ba", "bac"})
# "máy tính", "máy móc" fold like "mấy"; and the plurals of people
NOT_MAY_AFTER: frozenset[str] = PEOPLE_AFTER_MAY | {"tinh", "moc", "thang"}

# Phrases of UNANSWERABLE_PHRASES that are something else before a given word:
# "địa chỉ nhân đạo" is a movement, "dư bao nhiêu" asks for a balance.
NOT_UNHELD_BEFORE: dict[tuple[str, ...], str] = {("dia", "chi"): "nhan", ("du", "bao"): "nhieu"}

# Phrases that say which kind of entry answers: "do ai ban hành" asks for a document's issuer,
# not for a person or a model.
KIND_HINTS: dict[tuple[str, ...], str] = {("ban", "hanh"): "document", ("ky", "ban", "hanh"): "document"}

# Unit words that are something else before a given word: "tỷ lệ" is a rate, not "tỷ" (billion).
# Units whose word tells figures of the same unit apart ("mấy năm", not "mấy tháng"): kept to match
UNITS_THAT_DISCRIMINATE: frozenset[str] = frozenset({"duration"})
# "mỗi tháng", "hàng năm": a unit word after these says how often, not what is measured
PER_WORDS: frozenset[str] = frozenset({"moi", "hang", "mot"})
# what follows these in what a figure counts is what each is counted per, not what is counted:
# "số tiền mỗi đảng viên đóng góp" counts money
PER_EACH_WORDS: frozenset[str] = frozenset({"moi"})
# a part of a sentence opening with these says what a total before it is made of ("…, trong đó cấp
# tỉnh là 230 lượt hộ"): said alone, the part leaves them out
PART_OPENERS: tuple[tuple[str, ...], ...] = (
    ("trong", "do"),
    ("trong", "so", "do"),
    ("bao", "gom"),
    ("gom",),
    ("rieng",),
    ("cu", "the"),
)
# what a figure counts may open with the whole place it is counted over ("toàn huyện tập thể được
# khen thưởng", drafted from "Toàn huyện có 4 tập thể …"): a scope, not the noun counted
# a figure's clause that names its level with these ("01 mô hình cấp tỉnh, 115 mô hình cấp
# huyện") is not given the level the next items of its list name
OWN_LEVEL_MARKERS: tuple[tuple[str, ...], ...] = (("cap",),)

WHOLE_SCOPES: tuple[tuple[str, ...], ...] = (
    ("toan", "huyen"),
    ("ca", "huyen"),
    ("toan", "xa"),
    ("ca", "xa"),
    ("toan", "tinh"),
    ("ca", "tinh"),
    ("toan", "thi", "xa"),
    ("toan", "thi", "tran"),
    ("toan", "thanh", "pho"),
    ("toan", "quan"),
    ("toan", "phuong"),
    ("toan", "quoc"),
    ("ca", "nuoc"),
)
# A unit word that the next word makes another word: "tỷ lệ", "tiên tiến", "tiến hành", "tiến độ"
NOT_UNIT_BEFORE: dict[tuple[str, ...], frozenset[str]] = {
    ("ty",): frozenset({"le"}),
    ("tien",): frozenset({"tien", "phong", "bo", "do", "hanh", "si", "trien", "nhiem", "tuyen", "ich"}),
}
# …and the word before: "tiên tiến" ("điển hình tiên tiến"), "cải tiến", "thăng tiến"
NOT_UNIT_AFTER: dict[tuple[str, ...], frozenset[str]] = {("tien",): frozenset({"tien", "cai", "thang", "xuc"})}

# Words joining the parts of a question ("tập thể và cá nhân")
CONJUNCTIONS: frozenset[str] = frozenset({"va", "voi"})

# Function words end the noun a quantity cue asks about ("bao nhiêu tiền được…")
FUNCTION_WORDS: frozenset[str] = frozenset(
    """
    duoc cua va voi o tai trong la thi ma nhung cac mot cho ve da se khong nao gi
    """.split()  # noqa: SIM905 - a word list reads better as text
)

# A plural before a kind word, or a question word after it, asks for a list of that kind.
PLURALS: frozenset[str] = frozenset({"nhung", "cac", "ke", "liet", "sach", "loai"})
WHICH: frozenset[str] = frozenset({"nao", "gi"})
PLURAL_MARKERS: frozenset[str] = frozenset({"nhung", "cac"})  # "những việc gì": an enumeration

# "ngoài cầu đường, còn mô hình nào": a list of all but those
EXCEPT_WORDS: frozenset[str] = frozenset({"ngoai"})

# Words a list question uses to say "which models does X have" besides the cues and kinds.
LIST_FRAME_WORDS: frozenset[str] = frozenset(
    """
    huyen co duoc lam dat trien khai thuc hien xay dung nhan rong tieu bieu noi bat hay hieu qua
    hoi gi nao bai viet nhac den toi neu ke ten noi
    """.split()  # noqa: SIM905
)

# ---------------------------------------------------------------- places

# Words naming a level of division before a place name
# The division words before a commune's name ("xã An Khánh", "thị trấn Đất Đỏ", "phường 1")
COMMUNE_WORDS: tuple[tuple[str, ...], ...] = (("thi", "tran"), ("xa",), ("phuong",))
# Districts merged on 1 January 2025, before the provinces were: the new name → the old ones
# (the administrative data names the new district; the articles the old)
MERGED_DISTRICTS: dict[str, tuple[str, ...]] = {"Long Đất": ("Đất Đỏ", "Long Điền")}
DIVISION_WORDS: frozenset[tuple[str, ...]] = frozenset(
    {("huyen",), ("quan",), ("tinh",), ("thi", "xa"), ("thanh", "pho"), ("tp",), ("tx",), ("h",), ("q",)}
)
# the division words that name a district-level place, not a province: "thành phố Vĩnh Long" is
# the city ("Vĩnh Long" alone, the province)
DISTRICT_LEVEL_WORDS: frozenset[tuple[str, ...]] = frozenset(
    {("huyen",), ("quan",), ("thi", "xa"), ("thanh", "pho"), ("tp",), ("tx",), ("h",), ("q",)}
)
# Words before a division word that make it a level, not a place's name: "cấp huyện chứ"
LEVEL_MARKERS: frozenset[str] = frozenset({"cap"})
# "huyện X Y" with a name no list holds is a place only after these ("tỉnh" folds like "tình")
UNLISTED_PLACE_DIVISIONS: dict[str, str] = {"huyen": "Huyện", "quan": "Quận", "xa": "Thị xã"}
# Names people still use that the 2025 data set no longer carries.
EXTRA_PROVINCES: dict[str, str] = {"Sài Gòn": "Thành phố Hồ Chí Minh", "Thừa Thiên Huế": "Thành phố Huế"}
# Bare phrases that are place names but mostly mean something else in a question.
COMMON_PLACE_PHRASES: frozenset[tuple[str, ...]] = frozenset(
    {("hoa", "binh"), ("thai", "binh"), ("binh", "minh"), ("thong", "nhat"), ("ho", "chi", "minh"), ("phu", "nu")}
)
# Words that follow "huyện"/"tỉnh" without naming a place: "Huyện ủy", "Huyện Đoàn", "huyện nào"…
NOT_PLACE_NAMES: frozenset[str] = frozenset(
    """
    uy doan nao nay do kia khac minh ban nha co la da dang se thi va voi cua o trong nhung cac moi
    toan nhan dan bo hoi tinh huyen xa giao
    """.split()  # noqa: SIM905
)
# Words after "huyện" that name no district in an article being drafted: "Huyện ủy", "Huyện Đoàn",
# "huyện nhà"… Not NOT_PLACE_NAMES: its "co" and "giao" begin districts the drafter must
# recognise ("Cờ Đỏ", "Giao Thủy").
NOT_DISTRICT_AFTER_HUYEN: frozenset[str] = frozenset({"uy", "doan", "nha", "doi", "hoi"})

# ---------------------------------------------------------------- what an entry answers (bot.answering.fit)
# The administrative levels a text names: a question about the province's figure is not answered
# by the district's. Folded "tinh" is also "tình" (tình thương): only in these phrases is it a level.
LEVEL_PHRASES: dict[str, tuple[tuple[str, ...], ...]] = {
    "province": (
        ("cap", "tinh"),
        ("ca", "tinh"),
        ("toan", "tinh"),
        ("tinh", "uy"),
        ("nhan", "dan", "tinh"),
        ("tuyen", "giao", "tinh"),
        ("cua", "tinh"),
        ("tinh", "tang"),
        ("tinh", "khen"),
        ("tinh", "bieu", "duong"),
    ),
    "commune": (
        ("cap", "xa"),
        ("cac", "xa"),
        ("xa", "thi", "tran"),
        ("cap", "co", "so"),
        # a commune's own bodies: "Hội Nông dân xã Ea Kênh", "Đảng ủy xã", "toàn xã"
        ("nong", "dan", "xa"),
        ("phu", "nu", "xa"),
        ("chien", "binh", "xa"),
        ("dang", "uy", "xa"),
        ("dang", "bo", "xa"),
        ("toan", "xa"),
        ("ca", "xa"),
        ("nhan", "dan", "xa"),  # "UBND xã"
    ),
    "national": (("trung", "uong"), ("ca", "nuoc"), ("toan", "quoc")),
    # the district as a whole, said outright ("toàn huyện", "Hội Nông dân huyện"): an entry
    # of a commune's body alone does not answer it
    "district": (
        ("cap", "huyen"),
        ("toan", "huyen"),
        ("ca", "huyen"),
        ("toan", "thi", "xa"),
        ("ca", "thi", "xa"),
        ("nong", "dan", "huyen"),
        ("phu", "nu", "huyen"),
        ("chien", "binh", "huyen"),
    ),
}
# What was done to what is counted: mending what stood is not building anew ("sửa chữa bao nhiêu
# cây cầu" of a figure of bridges built). A question naming one asks a figure that says it.
REPAIR_PHRASES: tuple[tuple[str, ...], ...] = (
    ("sua", "chua"),
    ("sua", "lai"),
    ("sua", "sang"),
    ("tu", "sua"),
    ("nang", "cap"),
    ("cai", "tao"),
    ("trung", "tu"),
)
BUILT_NEW_PHRASES: tuple[tuple[str, ...], ...] = (
    ("xay", "moi"),
    ("xay", "dung", "moi"),
    ("lam", "moi"),
    ("dung", "moi"),
)
# what an entry says when it tells of mending: the phrases, and "sửa" alone ("rà soát và sửa")
REPAIR_SAID: tuple[tuple[str, ...], ...] = (*REPAIR_PHRASES, ("sua",))
BUILT_SAID: tuple[tuple[str, ...], ...] = (*BUILT_NEW_PHRASES, ("xay",), ("xay", "dung"))
# "mỗi căn", "mỗi tuần", "hàng năm": a figure per one of something. "mới" folds to "moi" too:
# after these words it is "xây mới", no share
PER_ONE_WORDS: frozenset[str] = frozenset({"moi", "hang"})
NOT_PER_ONE_AFTER: frozenset[str] = frozenset({"xay", "lam", "dung", "doi", "cai", "tao", "rat", "vua", "con"})
# The words of LEVEL_PHRASES and of places' divisions: a level, not a thing counted ("cấp xã thì sao")
LEVEL_WORDS: frozenset[str] = frozenset({"cap", "tinh", "huyen", "xa", "thi", "tran", "phuong", "trung", "uong"})
# Classifiers: the noun that counts units of something ("căn nhà", "thùng mì", "cây cầu")
CLASSIFIERS: frozenset[str] = frozenset(
    {
        "can",
        "cay",
        "chiec",
        "tuyen",
        "suat",
        "bo",
        "chai",
        "hop",
        "goi",
        "thung",
        "tan",
        "kg",
        "bao",
        "phan",
        "noc",
        "tam",
    }
)
# "sơ kết 4 năm", "dịp 130 năm": spans of time a question names, which the answer must state
PERIOD_WORDS: frozenset[str] = frozenset({"nam", "thang"})
# Words that count anything ("bao nhiêu cái", "mấy người"): they do not say what is counted.
GENERIC_COUNTED: frozenset[str] = frozenset(
    {"cai", "chiec", "con", "nguoi", "thu", "loai", "lan", "luot", "so", "tong"}
)
# Nouns of measure that open what a figure counts without changing what it is of ("lượng gạo",
# "diện tích đất", "tỷ lệ đảng viên", "trị giá nhà"): a syllable after them is still the thing
# itself, not the tail of a compound ("điểm cầu" is no "cây cầu"). Folded last syllables.
MEASURE_HEADS: frozenset[str] = frozenset({"luong", "so", "tong", "tich", "le", "dai", "muc", "gia", "tri"})
# Units of measure (not counts): money, lengths, weights, areas, shares, durations.
# words of a figure's value that hedge its number, not its unit ("trên 52 tỷ đồng", "hơn 70")
VALUE_HEDGES: frozenset[str] = frozenset({"tren", "hon", "gan", "khoang", "duoi", "xap", "xi", "it", "nhat"})
MEASURED_UNITS: frozenset[str | None] = frozenset({"money", "length", "weight", "area", "percent", "duration"})
# "phó bí thư" is not "bí thư": a post asked without these words is not their deputy's
DEPUTY_WORDS: frozenset[str] = frozenset({"pho"})
# Kinds of entry each district has its own of: a question naming no district that several
# districts answer gets each one's, whatever kind each district's answer is (one district counts
# what another describes as a model; an anniversary or a conference is the district's own).
# Documents are not asked district by district: Chỉ thị 05 is one whichever article names it.
DISTRICT_KINDS: frozenset[str] = frozenset({"figure", "model", "person", "event"})
# Posts a "who" question may name: the person must hold it.
ROLE_WORDS: tuple[tuple[str, ...], ...] = (
    ("pho", "bi", "thu", "thuong", "truc"),
    ("pho", "bi", "thu"),
    ("bi", "thu"),
    ("pho", "chu", "tich"),
    ("chu", "tich"),
    ("pho", "truong", "ban"),
    ("truong", "ban"),
    ("truong", "phong"),
    ("giam", "doc"),
    ("hieu", "truong"),
)

# ---------------------------------------------------------------- corrections (bot.answering.corrections)
# What says the question restates the one before ("ý mình là…", "nhầm, …", "mình hỏi … cơ")
CORRECTION_CUES: tuple[tuple[str, ...], ...] = (
    ("y", "minh", "la"),
    ("y", "em", "la"),
    ("y", "toi", "la"),
    ("y", "chau", "la"),
    ("y", "la"),
    ("a", "nham"),
    ("nham", "roi"),
    ("nham",),
    ("lon",),  # "lộn": mixed up
    ("khoan",),
    ("xin", "loi"),
    ("sai", "roi"),
    ("minh", "hoi"),
    ("em", "hoi"),
    ("toi", "hoi"),
    ("minh", "can"),
    ("em", "can"),
    ("toi", "can"),
    ("ma", "la"),
    ("phai", "la"),
)
# Cues that restate only where they open the turn and a break follows them ("sửa lại: cờ phướn",
# "hỏi lại nha, …"): "sửa lại được mấy căn" asks about repairs
CORRECTION_OPENING_CUES: tuple[tuple[str, ...], ...] = (("sua", "lai"), ("hoi", "lai"), ("noi", "lai"))
# What negates the part it opens: "chứ không phải Đất Đỏ", "không phải 2018"
NEGATION_CUES: tuple[tuple[str, ...], ...] = (
    ("chu", "khong", "phai"),
    ("chu", "dau", "phai"),
    ("khong", "phai"),
    ("dau", "phai"),
)
NEGATION_ENDS: frozenset[str] = frozenset({"ma"})
# "không, mình cần…": a bare "no" opening a correction (followed by a comma)
CORRECTION_OPENERS: frozenset[str] = frozenset({"khong", "ko", "k", "sai"})
CORRECTION_FILLERS: frozenset[str] = frozenset({"a", "u", "oi", "thi", "la", "cau", "dau", "minh", "toi", "tui"})
# "mình nhầm, hỏi tập thể": the verb of asking that opens what a correction asserts; folded it is
# also "hội", so it goes only where no organisation's name starts with it ("hỏi hội phụ nữ")
CORRECTION_ASKING: frozenset[str] = frozenset({"hoi"})
# What a correction swaps: asserting one member of a group replaces whichever member the question
# before said ("tập thể" for "cá nhân", "cấp huyện" for "cấp tỉnh", "điển hình" for "mô hình").
# Organisations (ORG_GROUPS) and years are such groups too.
CORRECTION_ALTERNATIVES: tuple[tuple[tuple[str, ...], ...], ...] = (
    (("tap", "the"), ("ca", "nhan")),
    (("mo", "hinh"), ("dien", "hinh"), ("guong", "dien", "hinh"), ("guong",)),
    (
        ("cap", "tinh"),
        ("cap", "huyen"),
        ("cap", "xa"),
        ("cap", "co", "so"),
        ("cap", "trung", "uong"),
    ),
    (("xay", "moi"), ("xay", "dung"), ("xay",), ("sua", "chua"), ("sua",)),
    (("so", "luong"), ("ty", "le"), ("phan", "tram"), ("kinh", "phi"), ("tri", "gia")),
)
# Particles that end a short turn ("Kiên Lương nha", "năm 2023 chứ", "cấp huyện cơ")
# words that open a sentence's predicate before its figure ("… xây dựng đã phát được 189 phóng sự",
# "… với 51 công trình"): a sentence said again without that figure is cut there
PREDICATE_OPENERS: frozenset[str] = frozenset({"da", "dang", "se", "voi", "gom", "dat"})
TRAILING_PARTICLES: frozenset[str] = frozenset(
    {"chu", "co", "nha", "nhe", "a", "ha", "day", "ne", "nhi", "vay", "thoi", "ah", "nhen", "nghen"}
)

# ---------------------------------------------------------------- people named in a question
# "chị Nguyễn Thị Nhẹ có mô hình gì": a title, then words that open a name the entries print,
# name a person; an entry that does not name that person cannot answer for them.
PERSON_TITLES: frozenset[str] = frozenset({"anh", "chi", "ong", "ba", "thay", "dc", "nhan"})
# words that end a name typed after a title ("chị Nguyễn Thị Nhẹ ở …"): folded names share
# syllables with many function words ("Thị"/"thì", "Nhẹ"/"nhé"), so only these end one
NOT_IN_NAMES: frozenset[str] = frozenset(
    [
        "o",
        "co",
        "la",
        "lam",
        "cua",
        "tai",
        "voi",
        "va",
        "da",
        "duoc",
        "gi",
        "nao",
        "nhu",
        "the",
        "khong",
        "ko",
        "hay",
        "dang",
        "se",
        "thuoc",
        "xa",
        "huyen",
        "thon",
    ]
)

# "Bình Minh đánh giá … cho giai đoạn nào?": an opinion word that the article's subject did,
# asked about with a question for a fact, is not a request for the bot's opinion
OPINION_WORDS_OF_SUBJECTS: tuple[tuple[str, ...], ...] = (("danh", "gia"),)
FACT_QUESTION_CUES: tuple[tuple[str, ...], ...] = (
    ("giai", "doan", "nao"),
    ("khi", "nao"),
    ("luc", "nao"),
    ("nam", "nao"),
    ("ngay", "nao"),
    ("bao", "gio"),
    ("bao", "nhieu"),
    ("o", "dau"),
    ("tai", "dau"),
    ("ai",),
)
ASKING_THE_BOT: tuple[tuple[str, ...], ...] = (("theo", "ban"), ("ban", "thay"), ("ban", "nghi"), ("ban", "danh"))
