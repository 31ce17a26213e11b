"""Vietnamese words, not syllables: "06 kế hoạch" counts plans, not "kế".

Vietnamese writes a space between syllables, so where a word ends is not in the text. The
drafter asks underthesea (Apache-2.0, maintained), whose word segmenter and part-of-speech
tagger ship with their models, instead of keeping its own list of two-syllable nouns.
Only the drafter uses it: the answer path never loads it.
"""

from __future__ import annotations

import functools
import re
from typing import Any

# Tags (VLSP 2013) that never begin what a number counts: prepositions, conjunctions, adverbs,
# pronouns, determiners, particles, punctuation.
NOT_COUNTED_TAGS = frozenset({"E", "C", "CC", "R", "P", "L", "T", "I", "CH"})
# Verbs that follow a number whose noun came before it ("đảng viên có 4.789 tham gia"):
# the segmenter tags some nouns as verbs ("ngày công"), so verbs are listed, not tagged.
VERBS_AFTER_A_NUMBER = frozenset(
    {
        "tham gia",
        "tham dự",
        "dự",
        "đạt",
        "được",
        "có",
        "là",
        "cho",
        "biết",
        "đăng ký",
        "hoàn thành",
        "thực hiện",
        "nhận",
        "trao",
        "tặng",
        "đến",
        "tới",
        "về",
        "đi",
        "ra",
        "lên",
        "xuống",
        "chiếm",
        "bằng",
        "trở lên",
        "triển khai",
        "tổ chức",
        "xây dựng",
        "học tập",
        "đóng góp",
        "hỗ trợ",
        "giúp",
        "trong",
        "từ",
        "so",  # "tăng 3,3% so với đầu nhiệm kỳ": what the share is compared with, not counted
        "so với",
    }
)
# Classifiers: what they count is the next word too ("15 căn nhà tình nghĩa", "5.000 lượt khách").
CLASSIFIERS = frozenset(
    {
        "căn",
        "cây",
        "con",
        "chiếc",
        "cuộc",
        "lượt",
        "suất",
        "nhóm",
        "bộ",
        "phần",
        "tấm",
        "gương",
        "ngôi",
        "bức",
        "quyển",
        "cuốn",
        "tờ",
        "lá",
        "túi",
        "đợt",
        "buổi",
        "lớp",
        "điểm",
        "gian",
        "chuyến",
        "bài",
        "tuyến",
        "cột",
    }
)
# Nouns one number counts together, in a list ("9.000 cán bộ, đảng viên, công chức, viên chức"):
# a noun of this list after a comma goes on the unit
PAIRED_NOUNS = frozenset(
    {
        "đảng viên",
        "cán bộ",
        "công chức",
        "viên chức",
        "đoàn viên",
        "hội viên",
        "người lao động",
        "chiến sĩ",
        "thanh niên",
        "học sinh",
        "giáo viên",
        "cá nhân",
        "tập thể",
        "hộ gia đình",
        "xã",
        "phường",
        "thị trấn",
        "thôn",
        "bản",
        "ấp",
        "khu phố",
        "tổ dân phố",
        "cơ quan",
        "đơn vị",
        "doanh nghiệp",
        "điển hình",
    }
)
# Two nouns that share a head, the first one's left out ("chi, đảng bộ" for "chi bộ, đảng bộ"):
# the tagger reads the lone syllable as something else
ELLIPTIC_PAIRS = ("chi, đảng bộ", "chi, đảng ủy", "chi, đảng uỷ", "chi, tổ hội", "chi hội, tổ hội")
# Words after a comma that begin what the sentence says next, never a second noun counted
NEVER_PAIRED = frozenset({"tổng", "tổng số", "trong đó", "trị giá", "kinh phí", "số tiền", "mỗi", "với", "gồm"})
# Tags of a word after a noun that make the noun the head of a new phrase ("tổng kinh phí", "hộ đăng ký")
_GOES_ON_TAGS = frozenset({"V", "N", "Nc", "M"})
# Nouns the segmenter splits after a number ("6 đồng chí già yếu": not "6 đồng")
MISSED_COMPOUNDS = frozenset(
    {"đồng chí", "hội viên", "đoàn viên", "đảng viên", "mái ấm", "gia đình", "phần việc", "phần quà", "ngày công"}
)


@functools.cache
def _tagger() -> Any:
    from underthesea import pos_tag  # loads the model: a fraction of a second, once

    return pos_tag


@functools.lru_cache(maxsize=4096)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """(word, tag) pairs: "06 kế hoạch" → ("06", "M"), ("kế hoạch", "N")."""
    if not text.strip():
        return ()
    return tuple((word, tag) for word, tag in _tagger()(text))


def _until_a_break(words: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    out = []
    for word, tag in words:
        if tag == "CH" or not any(ch.isalnum() for ch in word):
            break
        out.append((word, tag))
    return out


def counted_noun(rest: str) -> str:
    """What a bare number counts, as printed right after it: "kế hoạch" in " kế hoạch, 12 công
    văn", "căn nhà" in " căn nhà tình nghĩa"; "" when a verb or a function word follows."""
    head = re.match(r"^\s+", rest)
    if not head:
        return ""
    window = rest[head.end() : head.end() + 60]
    for pair in ELLIPTIC_PAIRS:  # "100% chi, đảng bộ": the first noun's head is left to the second
        if window.lower().startswith(pair) and not window[len(pair) : len(pair) + 1].isalnum():
            return rest[: head.end() + len(pair)]
    # the segmenter reads a word better with what follows it ("ngày công." is one noun)
    words = tuple(_until_a_break(tagged(window)))
    if not words:
        return ""
    first, tag = words[0]
    if not first[:1].isalpha() or tag in NOT_COUNTED_TAGS or first.lower() in VERBS_AFTER_A_NUMBER:
        return ""
    if first[:1].isupper():
        return ""  # "Đại đội bộ binh 2 Cơ quan …": the number ends a name; what is counted is lower case
    if len(words) > 1 and f"{first} {words[1][0]}".lower() in MISSED_COMPOUNDS:
        first, tag = f"{first} {words[1][0]}", "N"
        words = ((first, tag), *words[2:])
    taken = [first]
    if (first.lower() in CLASSIFIERS or tag == "Nc") and len(words) > 1:
        second, second_tag = words[1]
        if (
            second[:1].isalpha()
            and second_tag not in NOT_COUNTED_TAGS
            and second.lower() not in VERBS_AFTER_A_NUMBER
            and not second[:1].isupper()
        ):
            taken.append(second)
    # the words as printed: the segmenter joins syllables with single spaces
    printed = re.match(r"\s*".join(re.escape(w) for w in " ".join(taken).split()), window)
    if not printed:
        return ""
    noun = rest[: head.end() + printed.end()]
    return noun + _paired(rest[len(noun) :], noun)


def _paired(rest: str, noun: str) -> str:
    """What follows a counted ``noun`` and is counted with it: ", đảng viên", or, with no comma,
    a second place word after a place word ("15/15 xã thị trấn")."""
    bare = re.match(r"^\s+(\w+(?:\s\w+)?)", rest) if noun.strip().lower() in _PLACE_WORDS else None
    if bare:
        for size in (2, 1):
            words = " ".join(bare.group(1).split()[:size])
            if words.lower() in _PLACE_WORDS and len(words.split()) == size:
                printed = rest[: rest.index(words) + len(words)]
                return printed + _paired(rest[len(printed) :], words)
    return _after_comma(rest)


_PLACE_WORDS = frozenset({"thị trấn", "phường", "xã", "thôn", "bản", "ấp", "tổ dân phố", "khu phố"})


def _after_comma(rest: str) -> str:
    """ ", đảng viên" after "3.260 cán bộ": two nouns that one number counts together ("cán bộ,
    đảng viên", "xã, thị trấn", "thôn, bản"); not ", 24 cá nhân", nor ", trong đó"."""
    pair = re.match(r"^,\s*", rest)
    if not pair:
        return ""
    words = _until_a_break(tagged(rest[pair.end() : pair.end() + 40]))
    if not words:
        return ""
    second, tag = words[0]
    if len(words) > 1 and f"{second} {words[1][0]}".lower() in MISSED_COMPOUNDS:
        second, tag = f"{second} {words[1][0]}", "N"  # "51 công trình, phần việc": one noun, split
        words = [(second, tag), *words[2:]]
    if second.lower() in NEVER_PAIRED:
        return ""  # "120 bóng đèn, tổng kinh phí 162 triệu đồng": the sentence goes on to a sum
    if second.lower() not in PAIRED_NOUNS | MISSED_COMPOUNDS and (
        tag not in ("N", "Nc") or (len(words) > 1 and words[1][1] in _GOES_ON_TAGS)
    ):
        return ""  # "mô hình, cách làm": not a second noun counted, the sentence going on
    if not second[:1].islower() or second.lower() in VERBS_AFTER_A_NUMBER:
        return ""
    printed = re.match(r"\s*".join(re.escape(w) for w in second.split()), rest[pair.end() :])
    if not printed:
        return ""
    paired = rest[: pair.end() + printed.end()]
    return paired + _paired(rest[len(paired) :], second)  # "cán bộ, đảng viên, công chức, viên chức"


def starts_with_noun(text: str) -> bool:
    """ "đất làm đường" does, "được huy động" does not."""
    words = _until_a_break(tagged(text[:60]))
    return bool(words) and words[0][1] in ("N", "Nc", "Nu") and words[0][0][:1].islower()


def is_a_sentence(text: str) -> bool:
    """A clause that says something: it has a verb outside its quoted names ("Hội Phụ nữ xây dựng
    mô hình “…”"), not only names ("Đoàn Thanh niên với phong trào “…”")."""
    bare = re.sub(r"“[^”]*”|\"[^\"]*\"", " ", text)
    # a capitalised word is part of a name ("Đoàn Thanh niên"), whatever the tagger calls it
    return any(tag == "V" and word[:1].islower() for word, tag in tagged(bare[:300]))
