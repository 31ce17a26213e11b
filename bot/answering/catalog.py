"""What the base holds, as answers name it: the line of districts, a district's key, its
models, and the curators' example questions as things to try."""

from __future__ import annotations

from bot.answering import answer_texts
from bot.answering.suggestions import AskExample, Suggestion
from bot.knowledge.schema import KnowledgeBase, Located

MAX_EXAMPLES = 3
MAX_NAMED_DISTRICTS = 12  # a longer line of districts names these and counts the rest


def districts_line(kb: KnowledgeBase) -> str:
    """ "Bù Đốp (Bình Phước), Châu Thành (Bến Tre), …" (the first dozen and a count, when there are many)."""
    firsts = [kb.district_articles[d][0] for d in kb.districts[:MAX_NAMED_DISTRICTS]]
    # a town or city among districts is named as what it is: "thị xã Kinh Môn (Hải Dương)"
    named = [f"{a.named if a.division_word != 'huyện' else a.district} ({a.province})" for a in firsts]
    line = ", ".join(named)
    more = len(kb.districts) - len(named)
    return answer_texts.and_more_districts(line, more) if more > 0 else line


def district_key(kb: KnowledgeBase, district: str) -> str:
    """A district's short ASCII key for button data: its first article's id."""
    return kb.district_articles[district][0].id


def district_of_key(kb: KnowledgeBase, key: str) -> str | None:
    article = kb.articles.get(key)
    return article.district if article else None


def example_suggestions(kb: KnowledgeBase, limit: int = MAX_EXAMPLES) -> tuple[Suggestion, ...]:
    """The curators' example questions (knowledge/examples.yaml), as things to try."""
    return tuple(Suggestion(label=q, action=AskExample(i)) for i, q in enumerate(kb.examples[:limit]))


def models_of(kb: KnowledgeBase, district: str | None) -> list[Located]:
    entries = kb.entries if district is None else kb.by_district.get(district, ())
    return [e for e in entries if e.entry.kind == "model"]
