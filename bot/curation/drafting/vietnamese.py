"""Letter classes for Vietnamese text: ``[À-Ỹ]`` would also take lower-case letters."""

from __future__ import annotations

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


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def word_set(text: str, sep: str | None = None) -> frozenset[str]:
    """A word list written as one string, as a linguist would jot it down."""
    return frozenset(w.strip() for w in text.split(sep) if w.strip())
