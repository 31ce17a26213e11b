"""Questions about the articles themselves: who wrote them, when they were published."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..answer import Answer, article_answer
from . import texts

if TYPE_CHECKING:
    from .rules import Turn


def article_info(turn: Turn) -> Answer | None:
    q = turn.query
    if not q.about_article:
        return None
    kb = turn.snapshot.kb
    chosen = [a for a in kb.articles.values() if not q.districts or a.district in q.districts]
    if q.about_article == "author":
        lines = [texts.article_author(a.title, a.district, a.author) for a in chosen]
    else:
        lines = [texts.article_date(a.title, a.district, a.date_label if a.date else None) for a in chosen]
    return article_answer("\n".join(lines), chosen)
