"""What a question asks, read from its corrected tokens: cues, target, unit, intent.

:func:`read` takes tokens that are already folded, expanded and spell-checked,
and the places found in them (see :mod:`bot.answering.analysis`), and says what kind of
answer is wanted (a figure, an owner, a date, a list), what is counted ("bao
nhiêu <tập thể, cá nhân>"), in which unit, and which words are left to match.
The words it looks for are all in the lexicon.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.language import lexicon
from bot.language.folding import BREAK, contains, is_year
from bot.language.gazetteer import CommuneMention, Place, PlaceMentions

Phrase = tuple[str, ...]


@dataclass
class Query:
    """A question taken apart."""

    text: str
    toks: list[str]  # after expansion and spelling
    content: list[str]  # what is left for matching: no places, no frame words
    districts: list[str] = field(default_factory=list)
    by_province: list[str] = field(default_factory=list)  # those of `districts` named only by their province
    province_itself: bool = False  # "tỉnh Bến Tre …": about the province, not one of its districts
    unknown_places: list[Place] = field(default_factory=list)
    communes: list[CommuneMention] = field(default_factory=list)  # "xã An Khánh": of `districts`
    elsewhere: list[Place] = field(default_factory=list)  # "Hà Tiên": a place an article names, not ours
    orgs: list[str] = field(default_factory=list)
    quantity: bool = False
    who: bool = False
    when: bool = False
    what: bool = False  # "là gì", "tên gì": what something is or is called
    yes_no: bool = False  # "Kiên Lương có mô hình … không?": yes with the fact, or not mentioned
    listing: bool = False
    list_kinds: list[str] = field(default_factory=list)
    unit: str | None = None
    target: list[str] = field(default_factory=list)  # the noun after the first "bao nhiêu"
    # what each part of the question asks to count: "bao nhiêu tập thể, cá nhân" has two
    # parts, "huy động bao nhiêu tiền và làm bao nhiêu cây cầu" too
    target_parts: list[list[str]] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)  # levels a correction keeps of the question it restates
    unanswerable: bool = False
    about_article: str | None = None  # "author", "date", "title", "publisher": about the article itself
    wanted_kind: str | None = None  # the kind of entry the wording asks for ("ban hành": a document)
    asks_province: bool = False  # "thuộc tỉnh nào"
    comparing: bool = False  # "so sánh…", "huyện nào … nhiều nhất"

    @property
    def phrase(self) -> str:
        return " ".join(self.toks)


def find(toks: Sequence[str], phrases: Iterable[Phrase]) -> list[tuple[int, int]]:
    """Spans where any of the phrases occurs (phrase by phrase, in the order given)."""
    if len(toks) > _LONG_TEXT:
        return _find_in_long(toks, phrases)
    spans: list[tuple[int, int]] = []
    for phrase in phrases:
        size, first = len(phrase), phrase[0]  # no phrase is empty: phrase[0] would raise
        # a slice is built only where the first word matches: most positions never cost one
        for i in range(len(toks) - size + 1):
            if toks[i] == first and tuple(toks[i : i + size]) == phrase:
                spans.append((i, i + size))
    return spans


_LONG_TEXT = 200  # tokens: a text this long (an article) is read once for all phrases


def _find_in_long(toks: Sequence[str], phrases: Iterable[Phrase]) -> list[tuple[int, int]]:
    """find() in one pass over a long text: each position looks only at the phrases its word
    begins; the same spans in the same order."""
    starting: dict[str, list[tuple[int, Phrase]]] = {}
    for rank, phrase in enumerate(phrases):
        starting.setdefault(phrase[0], []).append((rank, phrase))
    found: list[tuple[int, int, int]] = []
    for i, word in enumerate(toks):
        for rank, phrase in starting.get(word, ()):
            if tuple(toks[i : i + len(phrase)]) == phrase:
                found.append((rank, i, i + len(phrase)))
    return [(a, b) for _, a, b in sorted(found)]


def has(toks: Sequence[str], phrases: Iterable[Phrase]) -> bool:
    """Whether any of the phrases occurs."""
    return any(contains(toks, phrase) for phrase in phrases)


def _comparative(toks: Sequence[str], districts: int) -> bool:
    """ "Lai Vung với Kiên Lương, bên nào khen nhiều cá nhân hơn": a measure word, then "hơn"
    with words between, asked of several districts (or organisations: "Mặt trận hay Hội Nông dân
    xây nhiều nhà hơn") or of "which one" (not "hơn 500 hộ")."""
    if lexicon.COMPARATIVE not in toks:
        return False
    last = len(toks) - 1 - toks[::-1].index(lexicon.COMPARATIVE)
    measured = any(w in lexicon.MEASURE_WORDS for w in toks[:last])
    return measured and (districts >= 2 or any(w in lexicon.WHICH for w in toks[:last]))


def _quantity_spans(toks: Sequence[str]) -> list[tuple[int, int]]:
    out = []
    for a, b in find(toks, lexicon.QUANTITY_CUES):
        if toks[a] == "may":
            if b < len(toks) and toks[b] in lexicon.NOT_MAY_AFTER:
                continue
            if a > 0 and toks[a - 1] in lexicon.ORDINAL_BEFORE_MAY:
                continue
        if tuple(toks[a:b]) in lexicon.DURATION_CUES and set(toks[b : b + 2]) & lexicon.HOW_OFTEN_AFTER:
            continue  # "bao lâu 1 lần": how often
        out.append((a, b))
    return out


def read(text: str, toks: list[str], places: PlaceMentions, pairs: frozenset[tuple[str, str]]) -> Query:
    """The Query of corrected tokens in which `places` were found; `pairs` are the
    vocabulary's known syllable pairs (they tell where a noun ends)."""
    drop = [False] * len(toks)  # what is not left to match: places, frame words, cues, the unit
    for a, b in [*places.spans, *find(toks, lexicon.FRAME_PHRASES)]:
        for k in range(a, b):
            drop[k] = True
    for k, tok in enumerate(toks[:-1]):
        if tok == "may" and toks[k + 1] in lexicon.PEOPLE_AFTER_MAY:
            drop[k] = True  # "mấy ông cựu binh": a plural, not what is asked about…
            drop[k + 1] = drop[k + 1] or toks[k + 1] in lexicon.PLURAL_TITLES  # …"ông" with it
    q = Query(
        text=text,
        toks=toks,
        content=[],
        districts=places.known,
        by_province=places.by_province,
        province_itself=places.province_itself and all(d in places.by_province for d in places.known),
        unknown_places=places.unknown,
        communes=places.communes,
        elsewhere=places.elsewhere,
    )
    quantity_spans = _quantity_spans(toks)
    cue_spans = _read_intent(q, toks, drop, quantity_spans)
    # "Châu Thành giờ thuộc Vĩnh Long hả": a place right after "thuộc" asks the province too
    q.asks_province = q.asks_province or any(a > 0 and toks[a - 1] in lexicon.BELONGS_WORDS for a, _ in places.spans)
    if quantity_spans:
        _read_counted(q, toks, quantity_spans, drop, pairs)
    for a, b in cue_spans:
        for k in range(a, b):
            drop[k] = True
    q.content = [t for k, t in enumerate(toks) if not drop[k]]
    return q


def _read_intent(
    q: Query, toks: list[str], drop: Sequence[bool], quantity_spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """What kind of answer the words ask for (how many, who, when, a list, an article, a
    province, a comparison, an organisation's); the spans of the cues, which say what kind of
    answer is wanted, not what it is about."""
    who_spans = find(toks, lexicon.WHO_CUES)
    when_spans = find(toks, lexicon.WHEN_CUES)
    list_spans = find(toks, lexicon.LIST_CUES)
    kind_spans = find(toks, lexicon.KIND_HINTS)  # phrase by phrase, in the order of KIND_HINTS
    q.quantity = bool(quantity_spans)
    q.who = bool(who_spans)
    q.when = bool(when_spans)
    q.what = has(toks, lexicon.WHAT_CUES)
    q.yes_no = _asks_yes_or_no(toks)
    q.list_kinds = _list_kinds(toks)
    # "những mô hình nào", "các văn bản nào", "văn bản gì": asking for a list
    q.listing = bool(list_spans) or _enumeration(toks) or bool(q.list_kinds)
    q.years = [t for t in toks if is_year(t)]
    q.unanswerable = _asks_unheld([t if not drop[k] else "" for k, t in enumerate(toks)])
    q.about_article = _about_article(toks)
    q.asks_province = has(toks, lexicon.PROVINCE_CUES) or bool(
        q.communes and has(toks, lexicon.DISTRICT_OF_COMMUNE_CUES)
    )
    for group, aliases in lexicon.ORG_GROUPS.items():
        if has(toks, aliases):
            q.orgs.append(group)
    q.comparing = (
        has(toks, lexicon.COMPARISON_PHRASES)
        or (lexicon.SUPERLATIVE in toks and any(w in toks for w in lexicon.MEASURE_WORDS))
        or _comparative(toks, max(len(q.districts), len(q.orgs)))
    )
    # the kind of the first hint of KIND_HINTS that occurs: the first span's
    q.wanted_kind = lexicon.KIND_HINTS[tuple(toks[kind_spans[0][0] : kind_spans[0][1]])] if kind_spans else None
    # "do ai ban hành": what kind of entry, not what about
    return [*kind_spans, *quantity_spans, *who_spans, *when_spans, *list_spans]


def _read_counted(
    q: Query,
    toks: list[str],
    quantity_spans: Sequence[tuple[int, int]],
    drop: list[bool],
    pairs: frozenset[tuple[str, str]],
) -> None:
    """What "bao nhiêu" counts, in each part of the question, and in which unit (the unit's
    words are not left to match: it is checked against the figure's value)."""
    target_at = _target(toks, quantity_spans[0][1], drop, pairs)
    target = [toks[k] for k in target_at]
    # the unit the cue asks for ("bao nhiêu tiền") before any other ("tới giờ")
    found_unit = _unit(target)
    if found_unit is not None:
        q.unit, (a, b) = found_unit
        if q.unit not in lexicon.UNITS_THAT_DISCRIMINATE:  # "mấy năm" is not "mấy tháng": those stay
            for k in target_at[a:b]:
                drop[k] = True
            target = target[:a] + target[b:]
    elif not target:
        # "trị giá bao nhiêu?", "nó dài bao nhiêu?": the unit may come just before the cue, when
        # nothing follows it ("đài tỉnh bao nhiêu tin", "20 năm có bao nhiêu công trình" name none)
        cue_start = quantity_spans[0][0]
        window = toks[max(0, cue_start - 2) : cue_start]
        before = _unit(
            window, {**lexicon.UNIT_WORDS, **_BEFORE_CUE}, toks[max(0, cue_start - 3) : max(0, cue_start - 2)]
        )
        q.unit = before[0] if before else None
        if q.unit is None and cue_start > 0 and toks[cue_start - 1] in lexicon.COPULAS:
            # "tỷ lệ đảng viên học tập là bao nhiêu": the subject before "là" names the unit
            named = _unit(toks[: cue_start - 1], lexicon.SUBJECT_UNIT_WORDS)
            q.unit = named[0] if named else None
    if "%" in q.text and q.unit is None:
        q.unit = "percent"
    cue = tuple(toks[quantity_spans[0][0] : quantity_spans[0][1]])
    if cue in lexicon.DURATION_CUES:
        q.unit = "duration"  # "kéo dài bao lâu": months or years, whatever the figure says ("dài" is no length)
    q.target = [t for t in target if t != BREAK and t not in lexicon.CONJUNCTIONS]
    q.target_parts = _split_parts(target)
    for previous, later in itertools.pairwise(quantity_spans):
        if later[0] <= previous[1] + 1:
            continue  # "tổng cộng bao nhiêu": one cue in two
        part = [toks[k] for k in _target_around(toks, later, drop, pairs) if toks[k] != BREAK]
        if part not in q.target_parts:
            q.target_parts.append(part)


def _asks_yes_or_no(toks: Sequence[str]) -> bool:
    """ "… có … không?", "… đã … chưa?", "… phải không?": a question answered by yes or no."""
    words = [t for t in toks if t != BREAK]
    while words and words[-1] in lexicon.TRAILING_PARTICLES:
        words.pop()
    if len(words) < 2 or words[-1] not in lexicon.YES_NO_ENDS:
        return False
    return any(t in lexicon.YES_NO_MARKERS for t in words[:-1])


def _joins(tok: str) -> bool:
    return tok == BREAK or tok in lexicon.CONJUNCTIONS


def _split_parts(target: Sequence[str]) -> list[list[str]]:
    """ "tập thể, cá nhân" → [tập thể], [cá nhân]; two counting nouns typed
    without a comma ("tap the ca nhan") split too."""
    parts: list[list[str]] = [[]]
    i = 0
    while i < len(target):
        tok = target[i]
        noun = next((n for n in lexicon.COUNT_NOUNS if tuple(target[i : i + len(n)]) == n), None)
        if _joins(tok):
            if parts[-1]:
                parts.append([])
            i += 1
        elif noun is not None and parts[-1] and tuple(parts[-1]) in lexicon.COUNT_NOUNS:
            parts.append(list(noun))
            i += len(noun)
        else:
            parts[-1].append(tok)
            i += 1
    return [p for p in parts if p]


def _target_around(
    toks: Sequence[str], cue: tuple[int, int], drop: Sequence[bool], pairs: frozenset[tuple[str, str]]
) -> list[int]:
    """The noun after the cue, or when nothing follows ("đã chi ra bao nhiêu?"),
    the words just before it."""
    after = _target(toks, cue[1], drop, pairs)
    if after:
        return after
    before: list[int] = []
    for k in range(cue[0] - 1, -1, -1):
        if drop[k] or toks[k] in lexicon.STOPWORDS or toks[k] == BREAK:
            if before:
                break
            continue
        before.insert(0, k)
        if len(before) == 3:
            break
    return before


def _target(toks: Sequence[str], start: int, drop: Sequence[bool], pairs: frozenset[tuple[str, str]]) -> list[int]:
    """Where the noun a quantity cue asks about is: "bao nhiêu <tập thể, cá nhân>"."""
    target: list[int] = []
    for k in range(start, len(toks)):
        tok = toks[k]
        if _joins(tok) and target:
            target.append(k)  # "tập thể và cá nhân", "tập thể, cá nhân": kept to split the parts
            continue
        # a stopword syllable can still end a word: "tập thể" (thể/thế), but a
        # function word ("được", "của") ends the noun
        word_end = bool(target) and tok not in lexicon.FUNCTION_WORDS and (toks[target[-1]], tok) in pairs
        if target and tok in lexicon.TIME_WORDS and k + 1 < len(toks) and is_year(toks[k + 1]):
            break  # "mấy bé mồ côi năm 2023": the year asked ends what is counted
        if drop[k] or (tok in lexicon.STOPWORDS and not word_end):
            if target:
                break
            continue
        target.append(k)
        if sum(not _joins(toks[i]) for i in target) == 4:
            break
    while target and _joins(toks[target[-1]]):
        target.pop()
    return target


def _enumeration(toks: Sequence[str]) -> bool:
    """ "những việc gì", "các nghị quyết, kết luận nào": a plural, then a question word."""
    for i, tok in enumerate(toks):
        if tok in lexicon.PLURAL_MARKERS and any(t in lexicon.WHICH for t in toks[i + 1 : i + 6]):
            return True
    return False


def _list_kinds(toks: Sequence[str]) -> list[str]:
    """Kinds a list question asks for: the noun right after "những/các" or right
    before "nào/gì" ("những văn bản nào"), not one merely mentioned ("thực hiện
    Chỉ thị 05")."""
    kinds: list[str] = []
    for kind, words in lexicon.KIND_WORDS.items():
        for a, b in find(toks, words):
            before = toks[max(0, a - 2) : a]
            after = toks[b : b + 3]
            if any(t in lexicon.PLURALS for t in before) or any(t in lexicon.WHICH for t in after):
                kinds.append(kind)
                break
    return kinds


_BEFORE_CUE = {unit: lexicon.UNIT_WORDS.get(unit, ()) + words for unit, words in lexicon.UNITS_BEFORE_CUE.items()}


def _unit(
    toks: Sequence[str],
    units: dict[str, tuple[tuple[str, ...], ...]] = lexicon.UNIT_WORDS,
    before: Sequence[str] = (),
) -> tuple[str, tuple[int, int]] | None:
    """The unit named first and where; at one place the longest name wins
    ("mét vuông", not "mét"). ``before`` is what precedes ``toks`` in the question."""
    toks = [*before, *toks]
    offset = len(before)
    best: tuple[int, int, str] | None = None
    for unit, words in units.items():
        for a, b in find(toks, words):
            if b < len(toks) and toks[b] in lexicon.NOT_UNIT_BEFORE.get(tuple(toks[a:b]), ()):
                continue
            if a > 0 and toks[a - 1] in lexicon.NOT_UNIT_AFTER.get(tuple(toks[a:b]), ()):
                continue
            if a < offset:
                continue
            if a > 0 and (toks[a - 1].isdigit() or toks[a - 1] in lexicon.PER_WORDS):
                continue  # "bao nhiêu 1 tháng", "mỗi ngày": how often, not what unit
            if best is None or (a, -(b - a)) < (best[0], -best[1]):
                best = (a, b, unit)
    return (best[2], (best[0] - offset, best[1] - offset)) if best else None


def _about_article(toks: Sequence[str]) -> str | None:
    return article_aspect(toks) if has(toks, lexicon.ARTICLE_WORDS) else None


_ARTICLE_ASPECTS = (
    (lexicon.AUTHOR_CUES, "author"),
    (lexicon.PUBLISHED_CUES, "date"),
    (lexicon.TITLE_CUES, "title"),
    (lexicon.PUBLISHER_CUES, "publisher"),
)


def article_aspect(toks: Sequence[str]) -> str | None:
    """What the words ask of an article, were they about one: "author", "date", "title",
    "publisher" (the first of these that a cue names), or None."""
    return next((aspect for cues, aspect in _ARTICLE_ASPECTS if has(toks, cues)), None)


def _asks_unheld(toks: Sequence[str]) -> bool:
    for a, b in find(toks, lexicon.UNANSWERABLE_PHRASES):
        exception = lexicon.NOT_UNHELD_BEFORE.get(tuple(toks[a:b]))
        if exception is not None and b < len(toks) and toks[b] == exception:
            continue
        return True
    return False
