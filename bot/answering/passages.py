"""The article's own words as passages: every sentence of a served article (a long one, clause
by clause), indexed like the curated entries. Answering from them ("Bài viết ghi: «…»") is the
rule :mod:`bot.answering.rules.article_words`.
"""

from __future__ import annotations

import dataclasses

from bot.answering.search import Index
from bot.answering.tuning import PASSAGE_MAX_CHARS, PASSAGE_MIN_WORDS
from bot.knowledge.schema import KnowledgeBase, Located, Passage
from bot.language.gazetteer import PlaceFinder
from bot.language.sentences import paragraphs

TITLE_CHARS = 100


def passages_of(kb: KnowledgeBase) -> KnowledgeBase:
    """The served articles' sentences as a base of their own (ids "<article>-cau-<n>")."""
    found: list[Located] = []
    for article in kb.articles.values():
        number = 0
        for paragraph in paragraphs(article.text):
            if paragraph.text == article.title:
                continue
            for sentence in paragraph.sentences:
                pieces = sentence.clauses if len(sentence.text) > PASSAGE_MAX_CHARS else (sentence,)
                for piece in pieces:
                    text = piece.text.strip()
                    if len(text.split()) < PASSAGE_MIN_WORDS:
                        continue  # a dateline, a caption, a byline: nothing to answer with
                    number += 1
                    entry = Passage(
                        id=f"{article.id}-cau-{number}",
                        kind="passage",
                        title=_label(text),
                        answer=text,
                        quote=text,
                    )
                    found.append(Located(entry, article, f"articles/{article.id}.txt"))
    return dataclasses.replace(kb, entries=tuple(found), drafts=(), examples=())


def passage_index(kb: KnowledgeBase, places: PlaceFinder) -> Index:
    return Index(passages_of(kb), places)


def _label(text: str) -> str:
    if len(text) <= TITLE_CHARS:
        return text
    return text[: TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"
