"""Questions about the articles themselves: which there are, their titles, who wrote them,
when and where they were published."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.answering import answer_texts
from bot.answering.answer import Answer, article_answer
from bot.answering.leftover import leftover
from bot.answering.query import has
from bot.knowledge.schema import Article
from bot.language import lexicon
from bot.language.folding import contains, tokens

if TYPE_CHECKING:
    from bot.answering.turn import Turn

# words a request for the list of articles may hold besides the cues (and an author's name)
_LIST_FRAME = lexicon.BOT_WORDS | lexicon.STOPWORDS | lexicon.ARTICLES_FRAME_WORDS


def article_info(turn: Turn) -> Answer | None:
    q = turn.query
    kb = turn.snapshot.kb
    about = q.about_article or _listing_articles(turn)
    if not about:
        return None
    chosen = [a for a in kb.articles.values() if not q.districts or a.district in q.districts]
    if about == "list":
        chosen = _by_author(chosen, q.toks) or chosen
    return article_answer("\n".join(_line(about, a) for a in chosen), chosen)


def _line(about: str, a: Article) -> str:
    if about == "author":
        return answer_texts.article_author(a.title, a.named, a.author)
    if about == "date":
        return answer_texts.article_date(a.title, a.named, a.date_label if a.date else None)
    if about == "title":
        return answer_texts.article_title(a.title, a.named)
    return answer_texts.article_listed(a.title, a.named, a.province_named, a.date_label, a.author)


def _listing_articles(turn: Turn) -> str | None:
    """ "có những bài viết nào", "dữ liệu gồm những bài nào", "có bài nào của tác giả Anh Đức"."""
    q = turn.query
    if not has(q.toks, lexicon.ARTICLES_CUES):
        return None
    authors = {t for a in turn.snapshot.kb.articles.values() if a.author for t in tokens(a.author)}
    rest = leftover(q.content, drop=_LIST_FRAME | authors)
    return "list" if not rest else None


def _by_author(articles: list[Article], toks: list[str]) -> list[Article]:
    """The articles whose author the question names (a name without words names no one)."""
    return [a for a in articles if a.author and (name := tokens(a.author)) and contains(toks, name)]
