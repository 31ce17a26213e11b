"""Follow-ups: a question that lacks a district, an organisation, a subject or an entry takes it
from the previous turns.

"còn Lai Vung thì sao?" asks the last question again about Lai Vung; "còn sửa chữa bao
nhiêu căn?" keeps the district and the subject and asks about repairs; "nó dài bao nhiêu
km?", "ông ấy giữ chức vụ gì?" point back at what was just answered. A question that
names its own subject replaces the context. A full question that names no district is
tried in the district of the conversation first, and on its own when that answers
clearly better (see :func:`choose`). The words of these cues are in the lexicon.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.answering import corrections
from bot.answering.answer import Answer
from bot.answering.context import Context, intent
from bot.answering.fit import asked_levels, levels_of
from bot.answering.hints import NO_HINTS, Hints
from bot.answering.leftover import leftover
from bot.answering.query import Query, article_aspect, find, has
from bot.answering.suggestions import ShowEntry
from bot.answering.tuning import ANSWER_MIN, MOVE_MIN, PENDING_WORDS, THIN
from bot.language import lexicon
from bot.language.expansion import expand
from bot.language.folding import fold, tokens

if TYPE_CHECKING:
    from bot.answering.snapshot import Snapshot


@dataclass(frozen=True)
class Resolution:
    query: Query
    hints: Hints = NO_HINTS  # what the conversation tells ranking beyond the question
    soft: bool = False  # only tried in the conversation's district: the question may stand alone
    own: tuple[str, ...] = ()  # the words the follow-up brings of its own (none: it only points back)
    leaned: bool = False  # took something from the context (what it asks about builds on it)
    # the question before asked again, of other districts ("còn Lai Vung thì sao?") or with one
    # thing of a kind in place of another ("à nhầm, Hội Phụ nữ"): what it counts is this turn's
    # question as much as that one's
    replayed: bool = False


def _cues(q: Query) -> tuple[bool, bool]:
    """(opens as a follow-up, points back) for the question's words."""
    toks = q.toks
    opening = any(tuple(toks[: len(c)]) == c for c in lexicon.FOLLOWUP_OPENERS) or has(toks, lexicon.FOLLOWUP_CLOSERS)
    pointing = has(toks, lexicon.ANAPHORA_PHRASES)
    return opening, pointing


def without_cues(q: Query) -> list[str]:
    """The question's words without its follow-up cues and pointers ("còn", "thì sao", "ông ấy")."""
    # an opener counts at the start only: "còn" opens a follow-up, "con em" is something else
    return leftover(
        q.content,
        [*lexicon.FOLLOWUP_CLOSERS, *lexicon.ANAPHORA_PHRASES],
        at_start=lexicon.FOLLOWUP_OPENERS,
        drop=lexicon.FOLLOWUP_FILLERS,
    )


def _own_words(q: Query) -> list[str]:
    """The words the question brings of its own (function words kept: "tập thể"; the particle
    that ends a short turn dropped: "Kiên Lương nha")."""
    words = without_cues(q)
    while words and words[-1] in lexicon.TRAILING_PARTICLES:
        words = words[:-1]
    return words if any(t not in lexicon.STOPWORDS and len(t) > 1 for t in words) else []


def _names_only_orgs(words: Sequence[str]) -> bool:
    """The words name organisations and nothing else (but function words and particles)."""
    inside = {k for a, b in find(list(words), _ORG_ALIASES) for k in range(a, b)}
    rest = [t for k, t in enumerate(words) if k not in inside]
    return bool(inside) and all(t in lexicon.STOPWORDS or t in lexicon.TRAILING_PARTICLES for t in rest)


def _weight(words: list[str]) -> int:
    return sum(1 for t in words if t not in lexicon.STOPWORDS and len(t) > 1)


def _has_intent(q: Query) -> bool:
    return bool(q.quantity or q.who or q.when or q.what or q.listing or q.about_article or q.asks_province)


def resolve(q: Query, ctx: Context, correcting: bool = False, negated: Sequence[str] = ()) -> Resolution:
    """The question as it is meant, given the conversation so far. A correction (``correcting``:
    ``q`` is what it asserts, ``negated`` the words it takes back) is a follow-up that asks for
    something other than the answer given; so is a question asking for something else ("còn … gì
    nữa", "… khác"), in the same district."""
    if correcting and not q.districts and not q.unknown_places and not _has_intent(q) and _restates(q, ctx):
        return _corrected(q, ctx, negated)
    resolution = _resolve(q, ctx, correcting)
    same_place = set(q.districts) <= set(ctx.districts)
    if ctx.entries and same_place and has(q.toks, lexicon.ELSE_CUES):
        resolution = replace(resolution, hints=replace(resolution.hints, excluded=ctx.entries))
    return resolution


def _resolve(q: Query, ctx: Context, correcting: bool) -> Resolution:
    if q.unknown_places and not q.districts:
        return Resolution(q)  # "còn Củ Chi?": declined as any unknown place is
    opening, pointing = _cues(q)
    opening = opening or correcting
    own = _own_words(q)
    # "ai viết?" after a question about an article: the article is understood
    about = q.about_article or (article_aspect(q.toks) if ctx.about_article else None)
    if q.districts:
        # "của Huyện Đoàn Bù Đốp (à)": the same, of that organisation there; not a subject of its own
        own = [] if own and _names_only_orgs(own) and not _has_intent(q) else own
        if own or (_has_intent(q) and not opening):
            return Resolution(replace(q, about_article=about))  # a new subject: the context steps aside
        replayed, hints = _replay(q, ctx, about)
        # "còn Lai Vung thì sao?": the same, elsewhere
        return Resolution(replayed, hints, leaned=True, own=tuple(own), replayed=not (own or _has_intent(q)))
    thin = _thin(q, own) or (ctx.pending and not _has_intent(q) and _weight(own) <= PENDING_WORDS)
    if not (opening or pointing or thin):
        if len(ctx.districts) != 1:
            return Resolution(replace(q, about_article=about))  # no one district the conversation is in
        # a full question: in the conversation's district first, on its own if it does not answer there
        return Resolution(
            *_inherit(q, ctx, own, about, thin, pointing, orgs=False), soft=True, leaned=True, own=tuple(own)
        )
    merged, hints = _inherit(q, ctx, own, about, thin, pointing, orgs=thin or pointing)
    if opening and own:  # "còn sửa chữa bao nhiêu căn?": another entry than the one just answered
        hints = replace(hints, near=(), seen=ctx.entries)
    return Resolution(merged, hints, leaned=True, own=tuple(own))


def _restates(q: Query, ctx: Context) -> bool:
    """A correction that changes what the question before said of one kind (a part, a level, a year,
    an organisation), or, of a count, what it counts: the question before, corrected."""
    own = _own_words(q) or without_cues(q)
    if ctx.quantity and _only_organisations(own):
        # "à nhầm, Hội Phụ nữ" after a count: another organisation's figure of the same words is
        # too often another thing (its gifts in money, its houses of another kind); left to the
        # follow-up's own reading, which declines what it cannot tell
        return False
    return bool(own) and (corrections.only_alternatives(own) or (ctx.quantity and bool(ctx.target)))


def _corrected(q: Query, ctx: Context, negated: Sequence[str]) -> Resolution:
    """A correction that says no question of its own ("à nhầm, tập thể", "ko phải Huyện Đoàn mà
    là Hội Phụ nữ", "sửa lại: cờ phướn"): the question before, with what it asserts in place of
    what it said of the same kind (another part, level, year, organisation), without what it
    takes back; words of another kind name a new thing asked, in place of what was counted."""
    own = _own_words(q) or without_cues(q)
    back = set(negated)
    carried = [t for t in corrections.swap(ctx.content, own) if t not in back]
    target = [t for t in corrections.swap(ctx.target, own) if t not in back]
    said = {group for group, _, _, _ in corrections.alternatives(own) if group != corrections.ORGS}
    counted = {group for group, _, _, _ in corrections.alternatives(ctx.target)}
    if not corrections.only_alternatives(own):
        fresh = [t for t in own if t not in lexicon.STOPWORDS and t not in lexicon.TRAILING_PARTICLES]
        if set(fresh) & set(target):
            # "nhà Đại đoàn kết" → "ý mình là nhà tình thương": another thing counted, in its place
            carried = [t for t in carried if t not in target or t in fresh]
            target = fresh
        elif fresh and (fresh[0] in lexicon.QUALIFIER_WORDS | lexicon.OCCASION_WORDS or q.orgs):
            # "ý là dịp 128 năm", "ý mình là Hội Nông dân đỡ đầu…": said of what was counted
            target = [*target, *fresh]
        else:
            # "nhầm, chương trình thời sự": another thing counted (what was counted before stays
            # among the words matched, not among those the answer must count)
            target = fresh
    elif said & counted:
        target = [*own, *target]
    target = list(dict.fromkeys(target))
    # another organisation asserted replaces the one before; one taken back goes
    orgs = list(q.orgs) or [o for o in ctx.orgs if not find(list(negated), lexicon.ORG_GROUPS.get(o, ()))]
    merged = replace(
        q,
        districts=list(ctx.districts),
        orgs=orgs,
        content=list(dict.fromkeys([*own, *carried])),
        levels=[] if levels_of(q.toks) else list(ctx.levels),  # "cấp huyện" asserted: the level before goes
        target=target if ctx.quantity else [],
        target_parts=_corrected_parts(ctx, own, back, target) if ctx.quantity and target else [],
        **intent(ctx, list, wanted_kind=q.wanted_kind or ctx.wanted_kind),
    )
    gone = back | (set(ctx.content) - set(carried))  # what the correction took out stays out of the hints
    hints = Hints(seen=ctx.entries, focus=tuple(own), context=tuple(t for t in ctx.subject if t not in gone))
    # a correction of one kind restates the question whole: what it counts is said here too
    restated = corrections.only_alternatives(own)
    return Resolution(merged, hints, leaned=True, own=tuple(own), replayed=restated)


def _only_organisations(own: Sequence[str]) -> bool:
    """ "à nhầm, Hội CCB": the correction names another organisation and nothing else."""
    named = corrections.alternatives(own)
    return corrections.only_alternatives(own) and all(group == corrections.ORGS for group, _, _, _ in named)


def _corrected_parts(ctx: Context, own: Sequence[str], back: set[str], target: list[str]) -> list[list[str]]:
    """What a correction counts: the parts counted before, each corrected ("tập thể, cá nhân cấp
    huyện" → "à nhầm, cấp tỉnh": both, at the province's level), unless it names one part itself."""
    parts = [[t for t in corrections.swap(p.split(), own) if t not in back] for p in ctx.parts]
    parts = [p for p in parts if p]
    named_part = any(g != corrections.ORGS for g, _, _, _ in corrections.alternatives(own)) and any(
        g != corrections.ORGS for p in ctx.parts for g, _, _, _ in corrections.alternatives(p.split())
    )
    if len(parts) > 1 and corrections.only_alternatives(own) and not named_part:
        return parts
    return [target]


def _thin(q: Query, own: list[str]) -> bool:
    """Says too little to stand alone: a word or two, and not what it counts ("treo bao nhiêu cờ
    Đảng?" names its subject; "đạt tỷ lệ bao nhiêu %?" and "qua mấy năm rồi?" do not)."""
    if has(q.toks, lexicon.ABOUT_THE_BASE_CUES):
        return False  # "có những bài viết nào", "bạn trả lời được gì": short, and whole
    counted = [t for t in q.target if t not in lexicon.STOPWORDS and t not in lexicon.TIME_WORDS]
    return _weight(own) <= 1 or (_weight(own) <= THIN and not counted)


_ORG_ALIASES = [alias for aliases in lexicon.ORG_GROUPS.values() for alias in aliases]


def _without_orgs(words: Sequence[str], keep: Sequence[str] = ()) -> list[str]:
    """The words without the organisations they name (except those in `keep`)."""
    inside = {k for a, b in find(list(words), _ORG_ALIASES) for k in range(a, b)}
    return [t for k, t in enumerate(words) if k not in inside or t in keep]


def _replay(q: Query, ctx: Context, about: str | None) -> tuple[Query, Hints]:
    """The previous question, about the districts this one names. Who achieved it there is
    that district's own (its organisation's words only hint), what was asked stays."""
    content = _without_orgs(ctx.content, keep=ctx.target)
    if all(t in lexicon.STOPWORDS or t in lexicon.TOPIC_FRAME_WORDS for t in content):
        content = list(ctx.content)  # "thông tin về CCB" → "của Bù Đốp à": the organisation was the topic
    hints = Hints(context=tuple(t for t in (*ctx.content, *ctx.subject) if t not in content))
    replayed = replace(
        q,
        content=content,
        target=list(ctx.target),
        target_parts=_parts(ctx),
        orgs=q.orgs or list(ctx.orgs),
        **intent(ctx, list, about_article=about or ctx.about_article, comparing=ctx.comparing and len(q.districts) > 1),
    )
    return replayed, hints


def _inherit(
    q: Query, ctx: Context, own: list[str], about: str | None, thin: bool, pointing: bool, orgs: bool
) -> tuple[Query, Hints]:
    """The question with the conversation's district, and what it does not say itself (`thin`:
    it says too little to stand alone; `pointing`: it points back at what was just said)."""
    # a thin question ("đạt tỷ lệ bao nhiêu %?") is the previous one, narrowed; not one with a
    # frame of its own ("huyện đó thuộc tỉnh nào?")
    narrowed = thin and not _special(q)
    narrows = bool(own) and own[0] in lexicon.QUALIFIER_WORDS
    # "cấp xã thì sao": the level changes, so whoever awarded at the old one does not carry over
    carried = _without_orgs(ctx.content) if narrows else list(ctx.content)
    merged = replace(
        q,
        districts=list(ctx.districts),
        orgs=q.orgs or (list(ctx.orgs) if orgs and not narrows else []),
        content=[*own, *(t for t in carried if t not in own)] if narrowed else own,
        about_article=about,
    )
    if not _has_intent(q):
        merged = _with_intent_of(merged, ctx, own, narrows, about)
    extra = [*ctx.subject, *ctx.people] if not own or pointing else [*ctx.content, *ctx.subject]
    hints = Hints(
        near=ctx.entries,
        focus=tuple(own) if narrowed else (),
        context=tuple(dict.fromkeys(t for t in extra if t not in own)),
    )
    return merged, hints


def _with_intent_of(q: Query, ctx: Context, own: list[str], narrows: bool, about: str | None) -> Query:
    """A question that says nothing of what it wants takes the previous one's intent: "cá nhân
    thì sao" counts the individuals now; "cấp xã thì sao" counts the same, at another level."""
    # "thế còn Liên đoàn Lao động?": an organisation named alone is who, not what is counted
    names_only_orgs = bool(own) and not [w for w in _without_orgs(own) if w not in lexicon.ORG_HEAD_WORDS]
    target = list(ctx.target) if (narrows or names_only_orgs) and ctx.target else own or list(ctx.target)
    return replace(
        q,
        target=target if ctx.quantity else [],
        target_parts=(_parts(ctx) if target == list(ctx.target) else [target]) if ctx.quantity and target else [],
        **intent(
            ctx,
            list,
            listing=ctx.listing and not own,
            list_kinds=list(ctx.list_kinds) if not own else [],
            about_article=about or ctx.about_article,
            wanted_kind=q.wanted_kind or ctx.wanted_kind,
        ),
    )


def _parts(ctx: Context) -> list[list[str]]:
    return [p.split() for p in ctx.parts] or ([list(ctx.target)] if ctx.target else [])


def _special(q: Query) -> bool:
    return bool(q.about_article or q.asks_province)


def choose(in_context: Answer, alone: Answer, districts: Sequence[str] = ()) -> Answer:
    """A full question tried both ways: in the conversation's district when it answers there as
    well, else on its own ("mô hình Ánh sáng biên cương là của ai" moves to the district that has it).
    Where the conversation's district asked back, a fair answer led by another district is no
    better than asking: the user, still on that district, would read it as that district's."""
    if not alone.answered:
        return in_context
    if not in_context.answered:
        moved = bool(districts) and bool(alone.sources) and alone.sources[0].district not in districts
        if in_context.kind == "clarify" and moved and alone.score < MOVE_MIN:
            return in_context
        return alone
    # the conversation's district wins unless its answer was only a fair one and the other is better
    return in_context if in_context.score >= min(ANSWER_MIN, alone.score) else alone


# ---------------------------------------------------------------- what to remember


def remember(snapshot: Snapshot, q: Query | None, answer: Answer, previous: Context | None = None) -> Context | None:
    """The context the next turn may lean on, or None to keep the one there is. A turn that
    leaned on `previous` adds its own words to what that one asked about. A question left open
    (asked back, or not given in the article) is remembered without entries, so that the next turn
    can complete or correct it."""
    if not answer.answered:
        return _open(snapshot, q, answer, previous) if answer.open_question and q is not None else None
    kb = snapshot.kb
    located = [kb.by_id[i] for i in answer.entry_ids if i in kb.by_id]
    districts = tuple(dict.fromkeys(s.district for s in answer.sources)) or tuple(q.districts if q else ())
    subject: list[str] = []
    for entry in located[:3]:
        subject += _words(snapshot, getattr(entry.entry, "name", None) or entry.entry.title)
    body = fold(answer.body)
    people = [
        w
        for d in districts[:2]
        for p in kb.by_district.get(d, ())
        if p.entry.kind == "person" and fold(p.entry.name) in body
        for w in _words(snapshot, p.entry.name)
    ]
    if q is None:
        kinds = {e.entry.kind for e in located}
        return Context(
            districts=districts,
            quantity=kinds == {"figure"},
            entries=tuple(answer.entry_ids),
            subject=tuple(dict.fromkeys(subject)),
            content=tuple(dict.fromkeys(subject)),
            people=tuple(dict.fromkeys(people)),
        )
    # what this turn asked about, and what it built on: the frame the next follow-up replays
    content = list(dict.fromkeys([*without_cues(q), *(previous.content if previous else ())]))
    return Context(
        districts=districts,
        orgs=tuple(q.orgs),
        content=tuple(content),
        target=tuple(q.target),
        parts=tuple(" ".join(p) for p in q.target_parts),
        **intent(q),
        levels=tuple(sorted(asked_levels(q))),
        entries=tuple(answer.entry_ids),
        subject=tuple(dict.fromkeys(subject)),
        people=tuple(dict.fromkeys(people)),
    )


def _open(snapshot: Snapshot, q: Query, answer: Answer, previous: Context | None) -> Context:
    """What a question left open asked: its frame, and no answer to point back at. When every
    entry the bot offered is of one district, the conversation is in that district."""
    content = list(dict.fromkeys([*without_cues(q), *(previous.content if previous else ())]))
    offered = {
        snapshot.kb.by_id[s.action.entry_id].district
        for s in answer.suggestions
        if isinstance(s.action, ShowEntry) and s.action.entry_id in snapshot.kb.by_id
    }
    districts = tuple(q.districts) or (tuple(offered) if len(offered) == 1 else ())
    return Context(
        districts=districts,
        orgs=tuple(q.orgs),
        content=tuple(content),
        target=tuple(q.target),
        parts=tuple(" ".join(p) for p in q.target_parts),
        **intent(q),
        levels=tuple(sorted(asked_levels(q))),
        pending=True,
    )


def _words(snapshot: Snapshot, text: str) -> list[str]:
    """A name's words for matching: folded, expanded, without place names."""
    return [t for t in snapshot.analyzer.places.strip(expand(tokens(text))) if t not in lexicon.STOPWORDS]


__all__ = ["Resolution", "choose", "remember", "resolve"]
