"""Whether a drafted name is whole: a name the copy or the find cut is not drafted."""

from __future__ import annotations

from bot.curation.drafting.vietnamese import NAME_CUT_END_WORDS

_CUT_END_MARKS = ",;:-–—(“«"
_EACH = frozenset({"mỗi", "hằng", "hàng", "cả", "một"})  # "thu nhập mỗi năm": a rate


def cut_end(text: str) -> str | None:
    """The last word of a name or of what a figure counts when no name ends with it ("… năm"
    before its year, "homestay gắn" before "với …"); "mỗi năm", "hằng năm" are whole."""
    words = text.lower().split()
    if not words or words[-1] not in NAME_CUT_END_WORDS:
        return None
    if words[-1] == "năm" and len(words) >= 2 and words[-2] in _EACH:
        return None
    return words[-1]


def unbalanced(text: str) -> bool:
    """An opening quote or bracket left open (or a closing one never opened): a straight quote
    closes a curly one the copy left unmatched ("“Giải pháp … giai đoạn mới\\"")."""
    opened = sum(text.count(c) for c in "“«")
    closed = sum(text.count(c) for c in "”»")
    straight = text.count('"')
    quotes_ok = (opened == closed and straight % 2 == 0) or (opened - closed == straight)
    return not quotes_ok or text.count("(") != text.count(")")


def cut_name(name: str, article: str) -> str | None:
    """Why a name looks cut ("… năm", "… của", "tọa đàm “Giải pháp …", "…,"), or None. A name the
    article prints in quotes is its own, whole however it ends ("Gian hàng 0 đồng … người thừa đến cho")."""
    bare = name.strip()
    if any(f"{o}{bare}{c}" in article for o, c in (("“", "”"), ('"', '"'), ("«", "»"))):
        return None
    if not bare:
        return "tên rỗng"
    if bare[-1] in _CUT_END_MARKS:
        return f"tên kết thúc bằng «{bare[-1]}»"
    if unbalanced(bare):
        return "tên có dấu ngoặc mở mà không đóng"
    last = cut_end(bare)
    if last:
        return f"tên kết thúc bằng «{last}»: có lẽ bị cắt"
    return None
