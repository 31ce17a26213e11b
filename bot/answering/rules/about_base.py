"""Questions about the bot and its base: which districts and provinces it covers, a district's
province, and what it can do. Answered from the articles' metadata, never guessed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.answering import answer_texts, catalog
from bot.answering.answer import Answer, article_answer
from bot.answering.leftover import leftover
from bot.answering.query import has
from bot.language import lexicon
from bot.language.folding import BREAK

if TYPE_CHECKING:
    from bot.answering.turn import Turn

# words such a question may hold besides its cue: the bot, its data, the frame of a question
_FRAME = lexicon.BOT_WORDS | lexicon.STOPWORDS | lexicon.ABOUT_BASE_FRAME_WORDS
# "bạn còn biết những huyện nào nữa": a follow-up's cues say nothing of what is asked
_FOLLOWUP_WORDS = frozenset(w for cue in lexicon.FOLLOWUP_CUES for w in cue)


def _only_frame(turn: Turn, cues: tuple[tuple[str, ...], ...], own: bool = False) -> bool:
    """The question asks with one of the cues and says nothing beyond them and the frame words
    (``own``: of the turn's own words, not of what it means in the conversation)."""
    q = turn.analysed if own else turn.query
    cue_words = {w for cue in cues for w in cue}
    return has(q.toks, cues) and not leftover(q.content, drop=_FRAME | cue_words | _FOLLOWUP_WORDS)


def province_of(turn: Turn) -> Answer | None:
    """ "Châu Thành thuộc tỉnh nào?", and the other way: "huyện nào thuộc Bến Tre?"."""
    q = turn.query
    kb = turn.snapshot.kb
    named = [d for d in q.districts if d not in q.by_province]
    cue_words = {w for cue in (*lexicon.PROVINCE_CUES, *lexicon.DISTRICT_OF_COMMUNE_CUES) for w in cue}
    # a commune's name stays in what is matched (its district's entries name it): not a leftover here
    commune_words = {w for c in q.communes for w in c.said}
    # "… sau 1/7/2025", "từ năm 2025": the date of today's map, not part of what is asked
    dates = {t for t in q.content if t[:1].isdigit()} | lexicon.TIME_WORDS | {"tu", "ke"}
    asks = q.asks_province and not leftover(q.content, drop=_FRAME | cue_words | commune_words | dates | {BREAK})
    if q.communes and named and asks:
        articles = [kb.district_articles[d][0] for d in named]
        lines = []
        for district, article in zip(named, articles, strict=True):
            communes = [c for c in q.communes if c.district == district]
            lines += [
                answer_texts.commune_district(
                    c.name, c.renamed, article.named, article.province_named, article.province_today_named
                )
                for c in communes
            ]
            if not communes:  # "Bù Đốp và xã Tân Thạch thuộc …": the district asked about too
                lines.append(
                    answer_texts.district_province(
                        article.named, article.province_named, article.province_in_text, article.province_today_named
                    )
                )
        return article_answer("\n".join(lines), articles)
    if named and asks:
        articles = [kb.district_articles[d][0] for d in named]
        lines = [
            answer_texts.district_province(a.named, a.province_named, a.province_in_text, a.province_today_named)
            for a in articles
        ]
        return article_answer("\n".join(lines), articles)
    if q.by_province and not named and has(q.toks, lexicon.DISTRICTS_OF_PROVINCE_CUES):
        articles = [kb.district_articles[d][0] for d in q.by_province]
        lines = [answer_texts.province_districts(a.province_named, a.named, a.province_today_named) for a in articles]
        return article_answer("\n".join(lines), articles)
    if q.by_province and not named and asks:
        # "Bình Phước giờ là tỉnh gì": the province of our district there, then and now
        articles = [kb.district_articles[d][0] for d in q.by_province]
        lines = [
            answer_texts.district_province(a.named, a.province_named, a.province_in_text, a.province_today_named)
            for a in articles
        ]
        return article_answer("\n".join(lines), articles)
    return None


def coverage(turn: Turn) -> Answer | None:
    """ "bot biết về những huyện nào", "có bao nhiêu huyện trong dữ liệu", "… những tỉnh nào":
    asked of the bot, whatever district the conversation is on."""
    q = turn.analysed
    if q.districts or q.unknown_places or not _only_frame(turn, lexicon.COVERAGE_CUES, own=True):
        return None
    if turn.context is not None and turn.resolution.leaned and not lexicon.BOT_WORDS & set(q.toks):
        return None  # "còn huyện nào nữa?" after a model: which other districts have it, not the bot's
    kb = turn.snapshot.kb
    firsts = [kb.district_articles[d][0] for d in kb.districts]
    lines = [answer_texts.district_in(a.named, a.province_named, a.province_today_named) for a in firsts]
    body = (
        answer_texts.covered(len(kb.districts), len({a.province for a in kb.articles.values()}))
        + "\n"
        + "\n".join(f"• {line}" for line in lines)
    )
    return article_answer(body, firsts)


def capabilities(turn: Turn) -> Answer | None:
    """ "bạn trả lời được những gì", "bạn có thể giúp gì": what to ask, and about which districts."""
    q = turn.query
    if q.districts or q.orgs or not _only_frame(turn, lexicon.CAPABILITY_PHRASES):
        return None
    kb = turn.snapshot.kb
    answer = article_answer(answer_texts.intro(catalog.districts_line(kb)), [])
    return answer.model_copy(
        update={"suggestions": catalog.example_suggestions(kb), "suggestions_heading": answer_texts.TRY_HEADING}
    )
