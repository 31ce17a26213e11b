"""The last rule: the best-ranked entry answers, or the bot asks back, or declines.

With a clear winner, its answer, plus what completes a question in parts
("bao nhiêu tập thể, cá nhân") and, when no district was named, every other
district's entry that fits as well. Close runners-up become suggestions. Too
little evidence, or too many entries alike, asks back instead of guessing.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.answering import answer_texts
from bot.answering.answer import Answer, fact_answer, figures, not_answered, suggestion_for
from bot.answering.fit import (
    Misfit,
    asked_levels,
    counted_words,
    dimension_asked,
    entry_text,
    head_words,
    misfit,
    number_units,
)
from bot.answering.query import Query
from bot.answering.quoting import clauses_of, own_clauses, restates
from bot.answering.rules.article_words import (
    from_the_article,
    marked_words,
    misread,
    rare_as_typed,
    unknown_words,
)
from bot.answering.rules.declines import out_of_scope
from bot.answering.search import Doc, Hit, Index
from bot.answering.tuning import (
    ANSWER_MIN,
    CARRIED_ORG_SHARE,
    CLEAR_MARGIN,
    CLEAR_MIN,
    CLOSE_CALL,
    COMPLEMENT,
    DECISIVE_SHARE,
    HEAD_WORDS,
    MAX_DISTRICT_ANSWERS,
    MAX_DISTRICT_ANSWERS_ASKED,
    MAX_SIBLINGS,
    MAX_SUGGESTIONS,
    MAX_TIES,
    MIN_EVIDENCE,
    NEIGHBOUR_WORD_SHARE,
    OTHER_DISTRICT_MIN,
    OTHER_DISTRICT_SHARE,
    OTHER_DISTRICT_TERM_SHARE,
    OWN_WORD_IDF,
    SIBLING_SHARE,
    SUGGEST_MIN,
    TIE_SHARE,
    UNASKED_FIGURE_MIN,
    VAGUE_SHARE,
    VAGUE_TITLES,
    YES_NO_DECISIVE_SHARE,
)
from bot.knowledge.schema import KnowledgeBase, Located
from bot.language import lexicon
from bot.language.expansion import expand
from bot.language.folding import BREAK, contains, fold, is_year, surface, tokens

if TYPE_CHECKING:
    from bot.answering.turn import Turn


def best_answer(turn: Turn) -> Answer:
    answer = _best(turn)
    # "khen thưởng" asked back, then "ở Lai Vung": several of its entries match well, so the choice
    # is among them; only where nothing there matches well does its article lack it
    chooses = answer.kind == "clarify" and answer.score >= ANSWER_MIN
    if not answer.answered and not chooses and _moved(turn):
        return _lacks(turn, answer)
    q = turn.query
    if q.yes_no and not q.quantity and answer.kind == "fact":
        sure = answer.answered and answer.score >= ANSWER_MIN and not _yes_of_something_else(turn, answer)
        return _yes(turn, answer) if sure else _not_mentioned(turn, answer)
    if q.yes_no and not answer.answered and not answer.open_question:
        return _not_mentioned(turn, answer)  # asked back or found nothing: the articles do not mention it
    if not answer.answered and not answer.open_question and q.districts:
        # a district's article lacking what was asked leaves the question standing: "chứ không
        # phải Đất Đỏ", "ở Lai Vung" may correct or complete it
        return answer.model_copy(update={"open_question": True})
    return answer


def _moved(turn: Turn) -> str | None:
    """The district a follow-up moved the conversation to ("thế còn Châu Thành?"), if any."""
    context = turn.context
    named = turn.analysed.districts
    if context is None or not turn.resolution.leaned or len(named) != 1 or named[0] in context.districts:
        return None
    return named[0]


def _lacks(turn: Turn, answer: Answer) -> Answer:
    """The other district's article has no such figure: say so, and offer what it does give."""
    district = _moved(turn)
    assert district is not None
    hits = turn.snapshot.index.rank(turn.query, hints=turn.hints).hits
    offers = [suggestion_for(h.located) for h in distinct(hits, None, lambda h: True)] or list(answer.suggestions)
    return not_answered(
        "decline",
        answer_texts.district_lacks(turn.snapshot.kb.named(district)),
        offers,
        heading=answer_texts.NOT_GIVEN_HEADING,
        open_question=True,
    )


def _yes_of_something_else(turn: Turn, answer: Answer) -> bool:
    """ "… có ủng hộ quỹ vắc xin không?": a yes is a fact stated of what the question names, so the
    answer must say each word of it that no article uses ("vắc xin"), and each word typed with its
    marks that few entries print so, where its entries hold its letters only as other words ("bò":
    "chi bộ")."""
    said = set(tokens(answer.text))
    unknown = unknown_words(
        [w for w in turn.query.content if len(w) > 1 and not w[:1].isdigit() and w not in lexicon.STOPWORDS],
        turn.snapshot.kb,
    )
    kb = turn.snapshot.kb
    # what the answer's entries say in full (their quotes too): where the letters matched
    text = " ".join([answer.text, *(entry_text(kb.by_id[i]) for i in answer.entry_ids if i in kb.by_id)])
    printed, letters = marked_words(text), set(tokens(text))
    rare = [w for w in rare_as_typed(turn.query.text, kb) if fold(w) in letters and w not in printed]
    return any(w not in said for w in unknown) or bool(rare) or misread(turn.query.text, answer.text)


def _yes(turn: Turn, answer: Answer) -> Answer:
    body = f"{answer_texts.YES} {answer.body}"
    return answer.model_copy(update={"body": body, "text": answer.text.replace(answer.body, body, 1)})


def _not_mentioned(turn: Turn, answer: Answer) -> Answer:
    districts = turn.query.districts
    return not_answered(
        "decline",
        answer_texts.not_mentioned(", ".join(map(turn.snapshot.kb.named, districts))),
        answer.suggestions,
        score=answer.score,
        heading=answer_texts.NOT_GIVEN_HEADING,
        open_question=True,
    )


def _best(turn: Turn) -> Answer:
    q = turn.query
    index = turn.snapshot.index
    ranking = index.rank(q, hints=turn.hints)
    hits = ranking.hits
    if not hits or hits[0].score < SUGGEST_MIN:
        return from_the_article(turn) or out_of_scope(turn.snapshot.kb)
    hits = _documents_first(turn, _own_words_first(turn, _past_what_was_just_said(turn, hits)))
    if not hits:
        return from_the_article(turn) or out_of_scope(turn.snapshot.kb)
    top = hits[0]
    judged, asked_here = _as_judged(turn)
    fitting = [h for h in hits if misfit(index, judged, h.doc, asked_here) is None]
    if fitting and fitting[0].score >= CLOSE_CALL * top.score:
        # the question's rare word is an unfitting entry's, not the fitting one's: that one is asked
        near = [h for h in hits if h.score >= CLOSE_CALL * fitting[0].score and h not in fitting]
        top = _whose_word(turn, near, fitting[0]) or top
    if (
        not fitting
        or (fitting[0].score < CLOSE_CALL * top.score and not _same_sentence(fitting[0], top))
        or _fits_as_a_neighbour(turn, top, fitting[0])
    ):
        # the nearest entry answers another question than this one: say what the article gives
        reason = misfit(index, judged, top.doc, asked_here)
        assert reason is not None
        return not_given(turn, top, reason)
    hits = _carried_org_first(turn, _described_first(q, fitting))
    best = hits[0]
    parts = _complements(index, q.target_parts, hits) if q.quantity else []
    stands_alone = not turn.resolution.leaned and turn.correction is None
    unqualified = q.quantity and not q.years and not asked_levels(q) and stands_alone
    if unqualified and not parts:
        parts = _siblings(index, q, hits)
    elif unqualified and len(q.target_parts) > 1:
        # "bao nhiêu tập thể, cá nhân" with no level named: each level's pair, not one level's
        parts = [*parts, *_siblings(index, q, hits)]
    if (not q.districts and len(parts) < len(q.target_parts)) or (not q.districts and not q.target_parts):
        others = _other_districts(index, index.query_terms(q, turn.hints), [h for h in hits if h not in parts])
        if len(others) >= MAX_DISTRICT_ANSWERS:
            return _which_district(turn, best, others)
        parts = [*parts, *others]
    used = {best.located.id, *(h.located.id for h in parts)}
    runners = distinct(
        [h for h in hits[1:] if h.located.id not in used],
        best,
        lambda h: h.score >= max(CLOSE_CALL * best.score, SUGGEST_MIN),
    )
    if best.score >= ANSWER_MIN and q.when and not best.doc.dated:  # "ngày nào?" with no date
        return not_answered(
            "decline",
            answer_texts.NO_DATE,
            [suggestion_for(best.located)],
            score=best.score,
            heading=answer_texts.NO_DATE_HEADING,
            open_question=True,
        )
    in_district, everywhere = ranking.ties(TIE_SHARE)
    ties = max(in_district, everywhere // 2)
    # a document every article names is one document: its entries are no rivals to each other,
    # nor are the entries that merely mention it
    the_document = best.doc.kind == "document" and _names_document(turn, best)
    if not the_document and (not _clear(best, hits, used) or best.evidence < MIN_EVIDENCE or ties > MAX_TIES):
        # too little said ("giá"), or said of too many entries alike: ask, don't guess; where the
        # entries hardly match at all, one sentence of an article that clearly answers may
        passage = from_the_article(turn) if ties <= MAX_TIES and not _alike(hits) else None
        if passage is not None:
            return passage
        return _asked_back(best, hits)
    if not the_document and _misses_the_point(turn, best):
        return _asked_back(best, hits)
    if _unasked_figure(turn, best):
        return _asked_back(best, hits)
    items = [best.located, *(h.located for h in parts)]
    if q.quantity and len(q.target_parts) > 1:
        # a sibling's other half of its printed pair answers the question's other part
        items += [
            p
            for h in parts
            for p in paired(turn.snapshot.kb, h.located)
            if p not in items and any(_counts_part(index, part, index.doc_of(p.id)) for part in q.target_parts)
        ]
    if q.quantity and not turn.analysed.target:
        just = {*turn.hints.near, *turn.hints.seen}
        # "còn cấp Trung ương?": the clause's other figures only where they too fit (not the province's)
        items = [
            *items,
            *(
                p
                for p in paired(turn.snapshot.kb, best.located)
                if p.id not in just and p not in items and misfit(index, q, index.doc_of(p.id), asked_here) is None
            ),
        ]
    suggestions = [suggestion_for(h.located) for h in runners]
    return fact_answer(items, best.score, suggestions, brief=_brief(turn, items, hits), read=_read(turn))


def _unasked_figure(turn: Turn, best: Hit) -> bool:
    """ "chi bộ nào …?" standing alone, met only by a count ("113 mô hình") on a weak match: a number
    nobody asked for. A follow-up leans on its context, and a yes or no is no number asked."""
    q = turn.query
    return (
        best.doc.kind == "figure"
        and not (q.quantity or q.when or q.yes_no or turn.resolution.leaned)
        and best.score < UNASKED_FIGURE_MIN
    )


def _described_first(q: Query, hits: list[Hit]) -> list[Hit]:
    """A question not asking how many ("quỹ xoay vòng?") that a figure and the entry describing the
    same thing (a model, an event, a person) answer equally well gets the description: it says
    what the thing is, with its figures, where one figure says one number of it."""
    best = hits[0]
    if q.quantity or best.doc.kind != "figure":
        return hits
    described = next(
        (
            h
            for h in hits[1:]
            if h.score >= TIE_SHARE * best.score
            and h.located.district == best.located.district
            and h.doc.kind != "figure"
        ),
        None,
    )
    return hits if described is None else [described, *(h for h in hits if h is not described)]


def _misses_the_point(turn: Turn, best: Hit) -> bool:
    """The best entry lacks the word that weighs most in the question ("… ủng hộ cho TP.HCM
    không?" answered with a figure that names no such place): what it states is about something
    else, however much of the rest it shares. Only a question standing alone is judged so (a
    follow-up's own words are few, and the context carries the rest)."""
    if turn.resolution.leaned or turn.correction is not None:
        return False
    index = turn.snapshot.index
    terms = index.query_terms(turn.query)
    total = sum(terms.values())
    if total <= 0:
        return False
    # "… có X không?": a yes stated of what X is not is a wrong fact, so X counts at a lower share
    share = YES_NO_DECISIVE_SHARE if turn.query.yes_no and not turn.query.quantity else DECISIVE_SHARE
    return any(
        w >= share * total
        and " " not in t
        and t not in lexicon.GENERIC_COUNTED  # "cái gì": a word for anything
        and not index.holds(t, best.doc)
        for t, w in terms.items()
    )


def _asked_back(best: Hit, hits: Sequence[Hit]) -> Answer:
    """ "Did you mean: 1… 2…": the entries that match, offered rather than one stated. Among those
    matching about as well as the best, each district's first comes first ("nhà tình thương":
    Đất Đỏ's model beside Bù Đốp's four figures), so that the choice names every district."""
    near = [h for h in hits if h.score >= CLOSE_CALL * best.score]
    firsts = list({h.located.district: h for h in reversed(near)}.values())[::-1]
    ordered = [*sorted(firsts, key=near.index), *(h for h in hits if h not in firsts)]
    options = distinct(ordered, None, lambda h: h.score >= SUGGEST_MIN)
    return not_answered(
        "clarify",
        answer_texts.CLARIFY if options else f"{answer_texts.CLARIFY} {answer_texts.CLARIFY_WITHOUT_CHOICES}",
        [suggestion_for(h.located) for h in options],
        score=best.score,
        heading=answer_texts.CLARIFY_HEADING,
        open_question=True,
    )


def paired(kb: KnowledgeBase, located: Located) -> list[Located]:
    """The figures the article prints in one clause with this one, of the same organisation, period
    and unit ("12 tập thể, 37 cá nhân được UBND huyện tặng giấy khen"): a count question that names
    no counted noun of its own ("UBND huyện khen bao nhiêu?", "còn cấp xã thì?") gets them all,
    not the one that happened to rank first."""
    entry = located.entry
    value = getattr(entry, "value", None)
    if entry.kind != "figure" or not value:
        return []
    clause = next((c for c in _quote_clauses(entry.quote) if figures(value) <= figures(c)), None)
    if clause is None or not figures(value):
        return []
    out = []
    for other in kb.by_district.get(located.district, ()):  # its article's entries are its district's
        o = other.entry
        o_value = getattr(o, "value", None)
        if (
            other.id != located.id
            and o.kind == "figure"
            and o_value
            and other.article.id == located.article.id
            and o.quote == entry.quote
            and getattr(o, "org", None) == getattr(entry, "org", None)
            and getattr(o, "period", None) == getattr(entry, "period", None)
            and _unit(o_value) == _unit(value)
            and _same_predicate(getattr(o, "counts", None) or "", getattr(entry, "counts", None) or "")
            and figures(o_value)
            and figures(o_value) <= figures(clause)
        ):
            out.append(other)
    return out


def _quote_clauses(quote: str) -> list[str]:
    """A quote's clauses as their figures go together: cut at sentence ends, ';' and '…'."""
    return [c for c in re.split(r"[;…]|\.(?=\s|$)", quote) if c.strip()]


def _same_predicate(one: str, other: str) -> bool:
    """Two figures count different nouns of one predicate: what they count differs only in its
    first words ("tập thể được UBND huyện tặng giấy khen", "cá nhân được UBND huyện tặng giấy
    khen"), not in what was done ("thu được", "chi hỗ trợ"; "xây", "sửa")."""
    a, b = fold(one).split(), fold(other).split()
    common = 0
    while common < min(len(a), len(b)) and a[-1 - common] == b[-1 - common]:
        common += 1
    return common > 0 and max(len(a), len(b)) - common <= HEAD_WORDS


def _unit(value: str) -> str:
    """What a figure's value says besides its number ("tỷ đồng" of "trên 52 tỷ đồng"; "" of "12")."""
    return " ".join(
        w for w in fold(value).split() if not any(ch.isdigit() for ch in w) and w not in lexicon.VALUE_HEDGES
    )


def _alike(hits: Sequence[Hit]) -> bool:
    """Several entries of different titles match about as well: the question is vague ("hỏi về nhà
    tình thương"), and no one sentence should be picked for it."""
    best = hits[0]
    titles = {h.located.entry.title for h in hits if h.score >= VAGUE_SHARE * best.score}
    return len(titles) > VAGUE_TITLES


def _brief(turn: Turn, items: Sequence[Located], hits: Sequence[Hit]) -> list[str]:
    """The entries of a follow-up whose sentence restates figures of the answer just given: said
    briefly (the user has just read the rest of that sentence)."""
    q = turn.query
    if q.when or q.who:
        return []  # "từ năm nào?", "ai làm?": the brief form drops the period and the owner asked
    # "bao nhiêu tiền?" of a drafted figure, whose answer is the article's whole sentence: its own
    # value, not the sentence's other figures (a length, a level's share) beside the one asked;
    # where the question picks none of the sentence's figures over the others, or asks a dimension
    # this one does not measure ("rộng bao nhiêu?" of "45 hộ tham gia"), the whole sentence
    out = [
        located.id
        for located in items
        if q.quantity
        and _measures_what_is_asked(q, located)
        and _says_other_figures(located)
        and not _tied_in_its_sentence(located, hits, items)
        and not _asked_in_another_part(q, located, turn.snapshot.kb)
    ]
    just = {*turn.hints.near, *turn.hints.seen}
    if not turn.resolution.leaned or not just:
        return out
    by_id = turn.snapshot.kb.by_id
    read = {n for i in just if i in by_id for n in figures(by_id[i].entry.answer)}
    for located in items:
        value = getattr(located.entry, "value", None) or ""
        if located.id not in just and (figures(located.entry.answer) - figures(value)) & read:
            out.append(located.id)
    return out


def _measures_what_is_asked(q: Query, located: Located) -> bool:
    """No dimension is asked, or the figure's value is a length or an area."""
    value = getattr(located.entry, "value", None) or ""
    return dimension_asked(q.toks) is None or bool({"length", "area"} & number_units(value))


def _same_sentence(hit: Hit, top: Hit) -> bool:
    """Two figures drafted from one sentence, each answered with it as printed ("có 3.600 lượt hộ
    …, trong đó cấp tỉnh là 140 lượt hộ"): the question matches that sentence, and the one that
    fits it answers it. A curator's own answers say what each entry holds, and are not alike."""
    entries = (hit.located.entry, top.located.entry)
    return (
        hit.doc.kind == top.doc.kind == "figure"
        and entries[0].quote == entries[1].quote
        and all(restates(e.answer, e.quote) for e in entries)
    )


def _tied_in_its_sentence(located: Located, hits: Sequence[Hit], items: Sequence[Located]) -> bool:
    """Another figure drafted from the same sentence, not given beside it, matches the question as
    well as this one: the question does not pick this one's value from its sentence."""
    score = next((h.score for h in hits if h.located.id == located.id), None)
    given = {i.id for i in items}
    return score is not None and any(
        h.located.id not in given and h.located.entry.quote == located.entry.quote and h.score >= TIE_SHARE * score
        for h in hits
    )


def _asked_in_another_part(q: Query, located: Located, kb: KnowledgeBase) -> bool:
    """What the question counts is said better by a clause of the sentence whose figure no entry
    holds than by the figure's own ("chỉ đạo bao nhiêu tổ chức Đảng làm điểm?" of a sentence
    drafted as its documents and classes, «ban hành 12 văn bản…; tổ chức 16 lớp…; đồng thời, chỉ
    đạo 17 tổ chức Đảng ở cơ sở thực hiện làm điểm»): the whole sentence, which holds the figure
    asked. A figure drafted on its own is answered by its own entry instead."""
    entry = located.entry
    own = own_clauses(entry.answer, getattr(entry, "value", None) or "")
    asked = {t for t in expand(q.target) if t not in lexicon.STOPWORDS and len(t) > 1}
    if own is None or not asked:
        return False
    held = {
        n
        for other in kb.by_district.get(located.district, ())
        if other.entry.answer == entry.answer
        for n in figures(getattr(other.entry, "value", None) or "")
    }
    said = len(asked & set(expand(tokens(own))))
    return any(
        len(asked & set(expand(tokens(clause)))) > said for clause in clauses_of(entry.answer) if figures(clause) - held
    )


def _says_other_figures(located: Located) -> bool:
    """A figure whose answer is its article's sentence as printed (a drafted entry) and states
    figures besides its own value."""
    entry = located.entry
    value = getattr(entry, "value", None)
    if entry.kind != "figure" or not value or not getattr(entry, "counts", None):
        return False
    return restates(entry.answer, entry.quote) and bool(figures(entry.answer) - figures(value))


def _read(turn: Turn) -> frozenset[str]:
    """The figures a follow-up asking who, when, how long or what of the passage just answered
    (not how many) should not be told again: the values of the figures just given."""
    just = {*turn.hints.near, *turn.hints.seen}
    if not turn.resolution.leaned or not just or (turn.query.quantity and turn.query.unit != "duration"):
        return frozenset()
    by_id = turn.snapshot.kb.by_id
    # what the figures just given counted (not the numbers of a document's name, "Chỉ thị số 05"),
    # unless the follow-up says that number itself
    values = [getattr(by_id[i].entry, "value", None) or "" for i in just if i in by_id]
    return frozenset(n for v in values for n in figures(v)) - figures(turn.query.text)


def _carried_org_first(turn: Turn, hits: list[Hit]) -> list[Hit]:
    """ "công đoàn xây mấy căn nhà mái ấm?" then "còn nhà tình thương?": the follow-up names no
    organisation, so it asks the same one's; an entry of it that fits comes before another
    organisation's that ranks higher (that one would be a neighbour's figure, stated as its)."""
    context = turn.context
    if not turn.resolution.leaned or turn.analysed.orgs or context is None or not context.orgs:
        return hits
    carried = set(context.orgs)
    if carried & hits[0].doc.org_groups:
        return hits
    least = CARRIED_ORG_SHARE * hits[0].score
    own = next((h for h in hits[1:] if carried & h.doc.org_groups and h.score >= least), None)
    return hits if own is None else [own, *(h for h in hits if h is not own)]


def _whose_word(turn: Turn, unfitting: Sequence[Hit], fit: Hit) -> Hit | None:
    """The first entry that does not fit but holds a rare word of the question the fitting one
    lacks ("hũ gạo … trị giá bao nhiêu": the rice jars', counted in tấn, not the aid's value)."""
    if turn.resolution.leaned:
        return None
    index = turn.snapshot.index
    rare = [t for t in _rare_words(turn) if not index.holds(t, fit.doc)]
    return next((h for h in unfitting if any(index.holds(t, h.doc) for t in rare)), None)


def _rare_words(turn: Turn) -> list[str]:
    """The question's rare words that weigh in it (a rambling question's many words weigh little)."""
    index = turn.snapshot.index
    terms = index.query_terms(turn.query)
    total = sum(terms.values())
    skip = lexicon.STOPWORDS | lexicon.TRAILING_PARTICLES
    return [
        t
        for t in dict.fromkeys(turn.query.content)
        if len(t) > 1
        and t not in skip
        and index.idf.get(t, 0.0) >= OWN_WORD_IDF
        and total > 0
        and terms.get(t, 0.0) >= NEIGHBOUR_WORD_SHARE * total
    ]


def _fits_as_a_neighbour(turn: Turn, top: Hit, fit: Hit) -> bool:
    """The nearest entry is a figure of what was asked, in another unit or of another level…;
    the entry that fits comes after it only as a neighbour: an account of the whole the figure
    is part of, with the figure in it ("thắp sáng đường quê tốn bao nhiêu tiền": the model's 52
    tỷ for all its roads and bridges), or an entry without a rare word of the question that the
    nearest holds ("hũ gạo … bao nhiêu tiền": the gifts' value)."""
    if fit is top or turn.resolution.leaned:
        return False
    index = turn.snapshot.index
    value = str(getattr(top.located.entry, "value", "") or "")
    if top.doc.kind == "figure" and fit.doc.kind != "figure" and value and value in fit.located.entry.answer:
        return True
    return any(index.holds(t, top.doc) and not index.holds(t, fit.doc) for t in _rare_words(turn))


def _as_judged(turn: Turn) -> tuple[Query, frozenset[str] | None]:
    """The question entries are held to, and the words the turn said itself. A follow-up that
    only moves what was asked to another organisation, year or level ("còn Hội Cựu chiến binh?",
    "vậy năm 2024 thì bao nhiêu?") still counts what was counted: the noun it counted is held to
    as if said again (not the words that made it the other body's: "nhà thanh niên" of the
    Huyện Đoàn is still a "nhà" of the Hội Phụ nữ)."""
    q = turn.query
    asked_here = _asked_here(turn)
    if asked_here is None or not q.quantity or not _only_moves(turn):
        return q, asked_here
    if not q.target and turn.context is not None and turn.context.target:
        q = replace(q, target=list(turn.context.target))  # "vậy năm 2024 thì bao nhiêu?": what was counted
    return (q, None) if counted_words(q) else (turn.query, asked_here)


def _only_moves(turn: Turn) -> bool:
    """The follow-up's own words name only an organisation, a year, a level or the district."""
    analysed = turn.analysed
    if not (analysed.orgs or analysed.years or asked_levels(analysed)):
        return False
    named = {w for o in analysed.orgs for alias in lexicon.ORG_GROUPS[o] for w in alias}
    frame = lexicon.STOPWORDS | lexicon.FOLLOWUP_FILLERS | lexicon.LEVEL_WORDS | lexicon.TIME_WORDS
    frame |= named | lexicon.ORG_HEAD_WORDS
    return all(w in frame or is_year(w) or w == BREAK for w in turn.resolution.own)


def _asked_here(turn: Turn) -> frozenset[str] | None:
    """The words a follow-up said itself (None: the question stands alone). The question before
    asked again of another district counts what it counted: those words are said here too."""
    if not turn.resolution.leaned:
        return None
    if turn.resolution.replayed:
        return frozenset((*turn.analysed.toks, *turn.query.target))
    return frozenset(turn.analysed.toks)


def _clear(best: Hit, hits: Sequence[Hit], used: set[str]) -> bool:
    """Sure enough to answer: a high score, or a fair one that no other entry comes near."""
    if best.score >= ANSWER_MIN:
        return True
    title = best.located.entry.title
    runner = next((h for h in hits[1:] if h.located.id not in used and h.located.entry.title != title), None)
    return best.score >= CLEAR_MIN and (runner is None or best.score >= CLEAR_MARGIN * runner.score)


def _past_what_was_just_said(turn: Turn, hits: Sequence[Hit]) -> list[Hit]:
    """A follow-up never gets the entry it follows again, unless it asks for exactly that: its own
    words ("còn sửa chữa bao nhiêu căn?") are all in what that entry counts or names."""
    resolution = turn.resolution
    just = {*turn.hints.near, *turn.hints.seen}
    if not resolution.leaned or not just:
        return list(hits)
    own = [w for w in resolution.own if w not in lexicon.STOPWORDS and len(w) > 1 and not w.isdigit()]
    if not own:
        return list(hits)
    index = turn.snapshot.index
    return [h for h in hits if h.located.id not in just or all(index.counts(w, h.doc) for w in own)]


def _documents_first(turn: Turn, hits: list[Hit]) -> list[Hit]:
    """A question about a document itself ("Chỉ thị 05 là về cái gì?", "ai ban hành Kết luận
    01?"), naming no district, organisation or count: the document's own entries come first, not a
    district's doing that mentions it (which may share more words)."""
    documents = [h for h in hits if h.doc.kind == "document" and h.score >= SUGGEST_MIN and _names_document(turn, h)]
    return [*documents, *(h for h in hits if h not in documents)] if documents else hits


def _names_document(turn: Turn, hit: Hit) -> bool:
    """The question says nothing but the document's name and what it asks of it (no district,
    organisation or count)."""
    q = turn.query
    if q.districts or q.orgs or q.quantity:
        return False
    words = {w for w in q.content if w not in lexicon.STOPWORDS and w not in lexicon.DOCUMENT_ASPECT_WORDS}
    name = getattr(hit.located.entry, "name", None) or ""
    return bool(words) and words <= set(expand(tokens(name)))


def _own_words_first(turn: Turn, hits: list[Hit]) -> list[Hit]:
    """A follow-up's own telling words decide among what the conversation brings ("khẩu hiệu là
    gì?" after three figures of one organisation): when the best entry lacks one of them and
    another entry of the same district holds them all, that one comes first."""
    if not hits or not turn.resolution.leaned:
        return hits
    index = turn.snapshot.index
    content = set(turn.query.content)
    own = [
        w
        for w in dict.fromkeys(turn.resolution.own)
        if w in content
        and w not in lexicon.STOPWORDS | lexicon.TIME_WORDS | lexicon.OCCASION_WORDS
        and index.idf.get(w, 0.0) >= OWN_WORD_IDF
    ]
    best = hits[0]
    if not own or all(index.holds(w, best.doc) for w in own):
        return hits
    holding = [
        h
        for h in hits
        if h.score >= SUGGEST_MIN
        and h.located.district == best.located.district
        and all(index.holds(w, h.doc) for w in own)
    ]
    return [*holding, *(h for h in hits if h not in holding)] if holding else hits


def _typed(text: str, folded: str) -> bool:
    """The text holds these folded words in a row (typed without marks, as most users do)."""
    return contains(tokens(text), folded.split())


def not_given(turn: Turn, nearest: Hit, reason: Misfit) -> Answer:
    """What the question asks is not in the article; the nearest entry is what it does give."""
    q = turn.query
    asked = reason.asked
    if reason.what in ("count", "total", "role", "commune"):
        # the words as the user typed them; a follow-up that did not type them ("à nhầm, ý là hội
        # ccb") is told of "this figure", never of the bot's folded words
        typed = surface(q.text, asked.split())
        untyped = fold(typed) == typed and not _typed(q.text, asked)
        asked = "" if untyped and reason.what == "count" else typed
    return not_answered(
        "decline",
        answer_texts.not_given(turn.snapshot.kb.named(nearest.located.district), reason.what, asked),
        [suggestion_for(nearest.located)],
        score=nearest.score,
        heading=answer_texts.NOT_GIVEN_HEADING,
        open_question=True,
    )


def distinct(hits: Sequence[Hit], best: Hit | None, keep: Callable[[Hit], bool]) -> list[Hit]:
    """Hits while `keep` holds, one per title (none with the best's), at most MAX_SUGGESTIONS."""
    out: list[Hit] = []
    titles = {best.located.entry.title} if best else set()
    for hit in hits:
        if not keep(hit):
            break
        if hit.located.entry.title in titles:
            continue
        titles.add(hit.located.entry.title)
        out.append(hit)
        if len(out) == MAX_SUGGESTIONS:
            break
    return out


def _other_districts(index: Index, terms: dict[str, float], hits: Sequence[Hit]) -> list[Hit]:
    """A question naming no district that several districts answer about as well ("ai là Bí thư
    Huyện ủy?", "làm được bao nhiêu km đường thắp sáng?") gets each district's best entry."""
    best = hits[0]
    if any(h.doc.kind not in lexicon.DISTRICT_KINDS for h in hits if h.score >= CLOSE_CALL * best.score):
        # Chỉ thị 05 is the same document whichever district's article names it: a question its
        # entry answers about as well as a district's conference on it is about the document
        return []
    seen = {best.located.district}
    # the kinds the best district answers with as well as its best entry ("quỹ xoay vòng": a figure
    # and a model tie): another district answering with one of them says the same kind of thing
    kinds = {
        h.doc.kind for h in hits if h.located.district == best.located.district and h.score >= TIE_SHARE * best.score
    } & lexicon.DISTRICT_KINDS
    out: list[Hit] = []
    floor = max(OTHER_DISTRICT_SHARE * best.score, OTHER_DISTRICT_MIN)
    for hit in hits[1:]:
        if hit.score < floor:
            break
        if (
            hit.located.district not in seen
            and hit.doc.kind in kinds
            and hit.evidence >= MIN_EVIDENCE
            and not _lacks_what_best_says(index, terms, best, hit)
        ):
            seen.add(hit.located.district)
            out.append(hit)
    return out


def _lacks_what_best_says(index: Index, terms: dict[str, float], best: Hit, other: Hit) -> bool:
    """The other entry lacks a weighty word (or pair) of the question that the best one holds
    ("nhà đại đoàn kết": a district's chuyên đề on "đại đoàn kết" is no house): it shares the
    question's words, not its subject."""
    total = sum(terms.values())
    return total > 0 and any(
        w >= OTHER_DISTRICT_TERM_SHARE * total
        and not set(t.split()) & lexicon.STOPWORDS  # "đường có": a pair with a function word says little
        and index.holds(t, best.doc)
        and not index.holds(t, other.doc)
        for t, w in terms.items()
    )


def _siblings(index: Index, q: Query, hits: Sequence[Hit]) -> list[Hit]:
    """Figures of the same passage or district that count the same thing as the best one, in
    another year, level or organisation ("bù đốp khen thưởng bao nhiêu cá nhân": the province's,
    the district's and the communes' awards): a question that names none of them gets them all,
    not one of them as if it were the total."""
    best = hits[0]
    if best.doc.kind != "figure":
        return []
    counts = getattr(best.located.entry, "counts", None) or ""
    head = set(head_words(index, counts)[:2])
    words = [t for t in dict.fromkeys(q.content) if len(t) > 1 and t not in lexicon.STOPWORDS]
    said = {t for t in words if index.counts(t, best.doc)}
    out: list[Hit] = []
    for hit in hits[1:]:
        if hit.score < SIBLING_SHARE * best.score or len(out) + 1 >= MAX_SIBLINGS:
            break
        other = getattr(hit.located.entry, "counts", None) or ""
        if (
            hit.doc.kind == "figure"
            and hit.located.district == best.located.district
            and head & set(head_words(index, other)[:2])
            and _complementary(said, {t for t in words if index.counts(t, hit.doc)})
        ):
            out.append(hit)
    return out


def _complementary(best_says: set[str], sibling_says: set[str]) -> bool:
    """A sibling that lacks what the question says of the best one ("xây": not the repairs) is not
    asked for, unless it says something of the question the best one does not ("xây và sửa")."""
    return not (best_says - sibling_says) or bool(sibling_says - best_says)


def _which_district(turn: Turn, best: Hit, others: Sequence[Hit]) -> Answer:
    """Too many districts answer to say each: ask which, one choice per district."""
    choices = [best, *others][:MAX_DISTRICT_ANSWERS_ASKED]
    return not_answered(
        "clarify",
        answer_texts.which_district([turn.snapshot.kb.named(h.located.district) for h in choices]),
        [suggestion_for(h.located) for h in choices],
        score=best.score,
        heading=answer_texts.WHICH_DISTRICT_HEADING,
        open_question=True,
    )


def _complements(index: Index, parts: Sequence[list[str]], hits: Sequence[Hit]) -> list[Hit]:
    """A question in parts ("bao nhiêu tập thể, cá nhân"; "bao nhiêu tiền và
    bao nhiêu cây cầu") gets, for each part the best entry does not count,
    the close runner-up from the same article that does."""
    if len(parts) < 2:
        return []
    best = hits[0]
    out: list[Hit] = []
    for part in parts:
        if _counts_part(index, part, best.doc) or any(_counts_part(index, part, h.doc) for h in out):
            continue
        for hit in hits[1:8]:
            if hit.score < COMPLEMENT * best.score:
                break
            if (
                hit.located.article.id == best.located.article.id
                and hit.doc.kind == best.doc.kind
                and hit not in out
                and _counts_part(index, part, hit.doc)
            ):
                out.append(hit)
                break
    return out


def _counts_part(index: Index, part: list[str], doc: Doc) -> bool:
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(part) if f"{a} {b}" in index.idf]
    if pairs:
        return any(index.counts(p, doc, synonyms=False) for p in pairs)
    return any(index.counts(w, doc) for w in part if w not in lexicon.STOPWORDS)
