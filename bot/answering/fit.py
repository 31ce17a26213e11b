"""Does an entry answer what the question asks, by meaning? Declines that no cue word makes.

An entry can share most of a question's words and still not answer it: the question asks
for another year than the one the article gives, another level (the province, a commune),
another unit (money, where the article gives a length), a count of something the figure does
not count, a number the entry does not hold, or a post nobody in the article holds. Ranking
cannot see this; these checks do, and a question that no close entry fits is declined with
what the article does give, never answered with its neighbour.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.answering.query import Query, find, has
from bot.answering.quoting import clause_run, clauses_of
from bot.answering.search import Doc, Index
from bot.answering.tuning import COUNTED_WORD_IDF, HEAD_WORDS, NUMBER_REACH
from bot.knowledge.schema import Located
from bot.language import lexicon
from bot.language.expansion import expand
from bot.language.folding import BREAK, canonical_number, contains, fold, is_year, numbers, tokens
from bot.language.gazetteer import CommuneMention, strip_prefix

_UNIT_OF: dict[str, str] = {w: unit for unit, words in lexicon.VALUE_UNITS.items() for w in words}
_NUMBER_WITH_UNIT = re.compile(
    r"(?<![\w/])(\d+(?:[.,]\d+)*)(?![\d/])\s*("
    + "|".join(sorted(map(re.escape, _UNIT_OF), key=len, reverse=True))
    + r")?(?!\w)"
)
_RANGE = re.compile(
    r"\b((?:19|20)\d\d)\s*(?:[-–—]|den|toi)\s*(?:(?:thang)?\s*\d{1,2}\s*/\s*)?(?:nam\s+)?((?:19|20)\d\d)\b"
)


@dataclass(frozen=True)
class Misfit:
    """Why the entry does not answer: ``what`` is one of "year", "level", "unit", "dimension", "count",
    "number", "role", "commune", "person", "period", "action" (mended, not built: "sửa chữa"),
    "per each" (a share asked of a total), "total" (a part of it counted), "place" (one no
    district of the base is), "other place" (named beside a district); ``asked`` says what the
    question asked for."""

    what: str
    asked: str = ""


_TEXTS: dict[int, tuple[object, str]] = {}  # id(entry) → (entry, its text): entries are read for every question
_TEXTS_KEPT = 200_000


def entry_text(located: Located) -> str:
    entry = located.entry
    kept = _TEXTS.get(id(entry))
    if kept is not None and kept[0] is entry:
        return kept[1]
    text = _entry_text(located)
    if len(_TEXTS) >= _TEXTS_KEPT:
        _TEXTS.clear()  # a reloaded base's entries replace the old ones
    _TEXTS[id(entry)] = (entry, text)
    return text


def _entry_text(located: Located) -> str:
    entry = located.entry
    parts = [entry.answer, entry.quote, entry.org or "", entry.period or "", entry.title]
    for name in ("counts", "value", "date", "name", "role"):
        value = getattr(entry, name, None)
        if isinstance(value, str):
            parts.append(value)
    return " ".join(parts)


def own_text(located: Located) -> str:
    """What the entry itself says, without its quote (entries drafted from one long sentence
    share it): the answer, the body, the name."""
    entry = located.entry
    return " ".join([entry.answer, entry.org or "", entry.title, str(getattr(entry, "name", "") or "")])


@lru_cache(maxsize=65536)
def years_of(text: str) -> frozenset[str]:
    """The years a text names, with those inside a range ("2016 - 2020", "từ 2022 đến 7/2023")."""
    years = {t for t in tokens(text) if is_year(t)}
    for match in _RANGE.finditer(fold(text)):
        first, last = int(match.group(1)), int(match.group(2))
        if first < last <= first + 30:
            years.update(str(y) for y in range(first, last + 1))
    return frozenset(years)


def levels_of(toks: Sequence[str]) -> frozenset[str]:
    """The administrative levels a text names ("cấp tỉnh", "UBND tỉnh", "cấp xã", "Trung ương")."""
    return _levels(tuple(toks))


@lru_cache(maxsize=8192)
def _levels(toks: tuple[str, ...]) -> frozenset[str]:
    return frozenset(level for level, phrases in lexicon.LEVEL_PHRASES.items() if has(toks, phrases))


# a document's number names its issuer, not a level of what is counted: "01-KL/TW", "74-KH/HU"
_DOCUMENT_NUMBER = re.compile(r"\b\d+\s*-\s*[A-ZĐ]{1,4}\s*/\s*[A-ZĐ]{1,4}\b", re.IGNORECASE)


@lru_cache(maxsize=65536)
def text_levels(text: str) -> frozenset[str]:
    """The levels an entry's text names (entries are read again for every question: kept);
    a document's number ("05-CT/TW") names none."""
    return _levels(tuple(expand(tokens(_DOCUMENT_NUMBER.sub(" ", text)))))


def level_text(located: Located) -> str:
    """Where an entry says the level of what it states: a figure's own words (its answer, what it
    counts, its body, its period); the quote it shares with the figures printed beside it names
    their levels too ("02 cá nhân được UBND tỉnh …; 12 tập thể … UBND huyện")."""
    entry = located.entry
    if entry.kind != "figure":
        return entry_text(located)
    parts = [entry.answer, entry.org or "", entry.period or "", entry.title]
    parts += [v for v in (getattr(entry, "counts", None), getattr(entry, "value", None)) if isinstance(v, str)]
    return " ".join(parts)


def figure_levels(located: Located) -> frozenset[str] | None:
    """The levels of a figure read from its sentence: the levels named in the list of figures
    that prints its value, its clause and the clauses opening with a number after it ("toàn
    huyện có 4 tập thể, 4 cá nhân được khen thưởng cấp tỉnh": the words after a list's last item
    are every item's). A sentence of several levels' figures ("có 22.188 lượt hộ, trong đó cấp
    Trung ương là 98, cấp tỉnh 1.010") names each level for the list beside it, not for the
    total. A list naming no level keeps the one named before it in its part of the sentence
    ("Cấp tỉnh khen 5 tập thể, 10 cá nhân"), never across a ";" ("… cấp tỉnh; 20 tập thể, 49 cá
    nhân khen thưởng cấp huyện"). None where the entry is no figure or its value is printed in
    no clause (then its whole text says)."""
    entry = located.entry
    value = getattr(entry, "value", None)
    if entry.kind != "figure" or not value:
        return None
    wanted = {canonical_number(n) for n in numbers(value)} - {n for n in numbers(value) if is_year(n)}
    if not wanted:
        return None
    found = False
    levels: set[str] = set(text_levels(" ".join([getattr(entry, "counts", None) or "", entry.org or ""])))
    for sentence in (entry.answer, entry.quote):
        clauses = clauses_of(sentence)
        for i, clause in enumerate(clauses):
            if not wanted <= {canonical_number(n) for n in numbers(clause)}:
                continue
            found = True
            # the clause's own level first ("01 mô hình cấp tỉnh, 115 mô hình cấp huyện"), the
            # list's trailing words only for a clause naming none
            named = _own_levels(clause) or text_levels(" ".join(clause_run(clauses, i)))
            levels |= named or next((lv for lv in map(text_levels, _part_before(clauses, i)) if lv), frozenset())
    return frozenset(levels) if found else None


def _own_levels(clause: str) -> frozenset[str]:
    """The levels a clause names itself, not counting the whole place it opens with ("toàn huyện
    có 4 tập thể" names no level: the list's last words do)."""
    toks = tokens(_DOCUMENT_NUMBER.sub(" ", clause))
    scopes = {k for a, b in find(toks, lexicon.WHOLE_SCOPES) for k in range(a, b)}
    return _levels(tuple(expand([t for k, t in enumerate(toks) if k not in scopes])))


def _part_before(clauses: list[str], i: int) -> list[str]:
    """The clauses before the i-th, nearest first, back to the start of its part of the sentence."""
    out: list[str] = []
    for clause in reversed(clauses[:i]):
        if clause.rstrip().endswith((";", ".", "…")):
            break
        out.append(clause)
    return out


def asked_levels(q: Query) -> frozenset[str]:
    """The levels a question asks about, beyond the district it is about."""
    levels = levels_of(q.toks)
    if "national" in levels and _DOCUMENT_NUMBER.search(q.text):
        levels = _levels(tuple(expand(tokens(_DOCUMENT_NUMBER.sub(" ", q.text)))))  # "01-KL/TW": no level
    levels |= frozenset(q.levels)
    return levels | {"province"} if q.province_itself else levels


@functools.lru_cache(maxsize=1 << 14)  # asked of the same entries' texts for question after question
def number_units(text: str) -> frozenset[str | None]:
    """The unit of each number a text states (None: a plain count); years and dates left out."""
    out: set[str | None] = set()
    for match in _NUMBER_WITH_UNIT.finditer(fold(text)):
        number, unit = match.group(1), match.group(2)
        if is_year(number) or re.match(r"\s*/", text[match.end(1) : match.end(1) + 2]):
            continue
        out.add(_UNIT_OF.get(unit or ""))
    return frozenset(out)


def misfit(index: Index, q: Query, doc: Doc, asked_here: frozenset[str] | None = None) -> Misfit | None:
    """None when the entry can answer the question as asked, else why it cannot. ``asked_here``
    are the words the turn itself said, when ``q`` is the question as meant in a conversation:
    what is counted, and in which unit, is checked only where the turn itself says it (a
    follow-up inherits the previous question's, which the new subject may not share)."""
    located = doc.located
    text = entry_text(located)
    if q.years:
        have = years_of(text)
        missing = [y for y in q.years if y not in have]
        if missing:
            return Misfit("year", ", ".join(missing))
    for number, unit in _periods(q.toks):
        if not _states_period(text, number, unit):
            return Misfit("period", f"{number} {unit}")
    asked = asked_levels(q)
    wanted = asked - {"district"}
    if wanted or "district" in asked:
        # a figure's level from the list printing its value, else from its own words
        own_levels = figure_levels(located)
        have_levels = (text_levels(level_text(located)) if own_levels is None else own_levels) or frozenset(
            {"district"}
        )
        absent = wanted - have_levels
        if own_levels is not None and len(asked) > 1:
            # "cấp huyện với cấp cơ sở mỗi cấp bao nhiêu": each level's own figure answers its part
            if not asked & own_levels:
                return Misfit("level", sorted(asked)[0])
        elif absent:
            return Misfit("level", sorted(absent)[0])
        elif "district" in asked and have_levels == {"commune"}:
            return Misfit("level", "district")  # "toàn huyện": only a commune's body says it
    action = _action_misfit(q, located)
    if action is not None:
        return action
    unnamed = next((c for c in q.communes if not names_commune(text, c)), None)
    if unnamed is not None:
        return Misfit("commune", " ".join(unnamed.said))  # "xã An Khánh có…": not the whole district's
    # "Hà Tiên có…": not Bù Đốp's figure; "Bù Đốp có ủng hộ Bình Dương không": what names Bình Dương
    for what, places in (("place", q.elsewhere), ("other place", q.unknown_places if q.districts else [])):
        unnamed_place = next((p for p in places if not contains(tokens(text), tokens(strip_prefix(p.name)))), None)
        if unnamed_place is not None:
            return Misfit(what, strip_prefix(unnamed_place.name))
    if doc.kind in ("figure", "model"):
        # an organisation the turn names itself ("còn Hội Phụ nữ thì sao?"), not one carried over
        named = [
            o for o in q.orgs if o not in lexicon.DISTRICT_BODIES and (asked_here is None or _said_org(asked_here, o))
        ]
        unnamed_org = next((o for o in named if not _names_org(text, o)), None)
        if unnamed_org is not None:
            return Misfit("org", unnamed_org)  # "Huyện Đoàn … bao nhiêu nhà": not the Mặt trận's
    person = named_person(q.toks, index.name_starts) if _may_name_a_person(q.toks) else ()
    if person and not names_person(own_text(located), person):
        return Misfit("person", " ".join(person))
    if q.who and q.wanted_kind is None:
        role = _asked_role(q)
        if role and not _holds_role(located, role):
            return Misfit("role", " ".join((*role[0], *role[1])))
    if q.quantity and doc.kind == "figure":
        each = per_one_asked(q.toks)
        if each is not None and not _states_per_one(located):
            return Misfit("per each", each)  # "mỗi căn bao nhiêu tiền": the article gives the 8 houses' value
    if q.quantity:
        asked_dimension = dimension_asked(q.toks)
        if asked_dimension is not None:
            printed = dimensions_printed(text)  # only where a dimension is asked: most questions ask none
            if printed and asked_dimension not in printed:
                return Misfit("dimension", lexicon.DIMENSIONS[asked_dimension])  # "rộng bao nhiêu": "dài 177m"
    if q.quantity and not q.when and not q.comparing and len(q.target_parts) <= 1:
        counted = counted_words(q)
        said = asked_here is None or (bool(counted) and set(counted) <= asked_here)
        unit_here = asked_here is None or (q.unit is not None and q.unit in _units_named(asked_here))
        if counted and _counts_a_part(index, q, doc):
            return Misfit("total", " ".join(counted))
        if said and _another_kind_of(index, q.target, doc):
            return Misfit("count", " ".join(counted))
        if said or unit_here:
            return _quantity_misfit(index, q, doc, count=said, unit=unit_here)
    return None


def per_one_asked(toks: Sequence[str]) -> str | None:
    """ "mỗi căn", "mỗi tuần", "hàng năm": the one thing a question asks a figure per, or None."""
    for i, tok in enumerate(toks[:-1]):
        if tok not in lexicon.PER_ONE_WORDS or (i and toks[i - 1] in lexicon.NOT_PER_ONE_AFTER):
            continue
        nxt = toks[i + 1]
        if nxt in lexicon.CLASSIFIERS or nxt in lexicon.TIME_WORDS or (tok == "moi" and nxt in lexicon.GENERIC_COUNTED):
            return nxt
    return None


def _states_per_one(located: Located) -> bool:
    """A figure of a share: "80 triệu đồng/căn", "mỗi quý 1,2 triệu", "mỗi đảng viên", "hàng năm"."""
    if "/" in str(getattr(located.entry, "value", "")):
        return True
    toks = tokens(level_text(located))
    return any(
        tok in lexicon.PER_ONE_WORDS and (not i or toks[i - 1] not in lexicon.NOT_PER_ONE_AFTER)
        for i, tok in enumerate(toks[:-1])
    )


def _action_misfit(q: Query, located: Located) -> Misfit | None:
    """ "sửa chữa bao nhiêu cây cầu" of a figure of bridges built anew, "xây mới bao nhiêu căn" of
    one of houses mended: what was done is part of what a figure counts, read in its own words."""
    if located.entry.kind not in ("figure", "model"):
        return None
    toks = q.toks
    repair, built = has(toks, lexicon.REPAIR_PHRASES), has(toks, lexicon.BUILT_NEW_PHRASES)
    if repair == built:
        return None
    own = tuple(expand(tokens(level_text(located))))
    if repair and not has(own, lexicon.REPAIR_SAID):
        return Misfit("action", "repair")
    if built and has(own, lexicon.REPAIR_SAID) and not has(own, lexicon.BUILT_SAID):
        return Misfit("action", "built")
    return None


def dimension_asked(toks: Sequence[str]) -> str | None:
    """The dimension a question asks ("rộng bao nhiêu mét", "chiều dài"), folded; None if none."""
    for i, tok in enumerate(toks):
        if tok not in lexicon.DIMENSIONS:
            continue
        if i > 0 and toks[i - 1] in lexicon.DIMENSION_NAMERS:
            return tok
        if tok not in lexicon.DIMENSIONS_ONLY_NAMED and any(
            tuple(toks[i + 1 : i + 1 + len(asker)]) == asker for asker in lexicon.DIMENSION_ASKERS
        ):
            return tok
    return None


def dimensions_printed(text: str) -> frozenset[str]:
    """The dimensions a text prints right before a number ("dài 177m", "rộng khoảng 3 m")."""
    toks = tokens(text)
    out = set()
    for i, tok in enumerate(toks):
        if tok in lexicon.DIMENSIONS:
            after = [t for t in toks[i + 1 : i + 3] if t not in lexicon.VALUE_HEDGES]
            if after and after[0][:1].isdigit():
                out.add(tok)
    return frozenset(out)


def _names_org(text: str, org: str) -> bool:
    """Does the entry's text name the organisation (by any of its names), or its members?"""
    toks = tokens(text)
    expanded = expand(toks)
    return any(contains(toks, list(alias)) or contains(expanded, list(alias)) for alias in lexicon.ORG_GROUPS[org])


def _said_org(words: frozenset[str], org: str) -> bool:
    return any(set(alias) <= words for alias in lexicon.ORG_GROUPS[org])


def names_commune(text: str, commune: CommuneMention) -> bool:
    """Does the entry's text name the commune asked about, by the name the question gives it (the
    articles predate the merges: a merged commune's new name may be the district's own)?"""
    key = [w for w in commune.said if not any(w in phrase for phrase in lexicon.COMMUNE_WORDS)]
    return not key or contains(tokens(text), key)


def _quantity_misfit(index: Index, q: Query, doc: Doc, count: bool, unit: bool) -> Misfit | None:
    entry = doc.located.entry
    if entry.kind == "figure":
        units = {doc.unit} if doc.unit else number_units(getattr(entry, "value", "")) or {None}
    elif doc.has_number:
        units = number_units(entry.answer)
        # "bao nhiêu hộ nghèo": a number of hộ (a unit asked, "bao nhiêu năm", is checked below)
        # "trồng bao nhiêu cây": a classifier alone is what is counted ("cây con giống" is no count)
        head = [] if q.unit else (counted_words(q) or _classifiers_counted(q))[:1]
        if head and not _counts_any(entry.answer, head):
            return Misfit("number")  # "03 năm thực hiện …, thôn 4": numbers, but not of what is asked
    else:
        return Misfit("number")  # a model that names no figure cannot say how many
    if not units:
        return Misfit("number")
    wanted = q.unit if unit else None
    if wanted is not None:
        if wanted not in units:
            return Misfit("unit", wanted)
        return None
    target = counted_words(q)
    classifiers = _classifiers_counted(q)
    # "bao nhiêu cây", "bao nhiêu phần quà": a sum of money counts no trees, no parcels
    if classifiers and q.target[:1] == classifiers[:1] and q.unit is None and None not in units:
        return Misfit("count", " ".join(q.target[:2]))
    counts = getattr(entry, "counts", None)
    counted = head_words(index, counts) if counts else []
    if count and target and counts and not _named_by_keyword(index, target, counted, entry.keywords):
        printed = (q.target, counted_tokens(index, counts))
        if not _same_thing(index, target, [*counted, *head_words(index, getattr(entry, "value", ""))], printed):
            return Misfit("count", " ".join(target[:2]))
        said = set(expand(tokens(entry_text(doc.located))))
        said |= _said_by_synonym(index, q.target, said)
        uncounted = [w for w in target if len(w) > 1 and _telling(index, w) and not _says(index, w, said)]
        if uncounted:
            return Misfit("count", " ".join(target))  # "cây cầu sắt": the article counts concrete bridges
    return None


def _another_kind_of(index: Index, asked: Sequence[str], doc: Doc) -> bool:
    """ "bao nhiêu cột đèn" of a figure counting "cột cờ", "nhà đại đoàn kết" of one counting "nhà
    tình thương": the noun the figure counts is asked, but the word that says which kind of it
    differs, and the entry never puts the question's word after that noun."""
    entry = doc.located.entry
    counts = getattr(entry, "counts", None)
    if entry.kind != "figure" or not counts:
        return False
    printed = index.places.strip(expand(tokens(counts)))
    # a curator's keyword names the kind in the question's words too ("nhà ĐĐK")
    text = expand(tokens(" ".join([entry_text(doc.located), *entry.keywords])))
    pairs = set(itertools.pairwise(text))
    said = set(text)
    skip = lexicon.STOPWORDS | lexicon.CLASSIFIERS | lexicon.QUALIFIER_WORDS | lexicon.LEVEL_WORDS
    by_synonym = _said_by_synonym(index, asked, said)  # "cầu xi măng": the article's "cầu bê tông"
    for i, word in enumerate(asked[:-1]):
        if word not in printed or word in skip:
            continue
        kind = asked[i + 1]
        theirs = [b for a, b in itertools.pairwise(printed) if a == word]
        if not theirs or kind in skip or kind[:1].isdigit() or kind in printed or kind in by_synonym:
            return False
        if (word, kind) in pairs:
            return False
        if any(t in lexicon.CLASSIFIERS or t == kind for t in theirs):
            return False
        alternatives = index.synonyms.get(kind, ())
        return not any(set(alt.split()) <= said for alt in alternatives)
    return False


def _counts_a_part(index: Index, q: Query, doc: Doc) -> bool:
    """ "Hội Cựu chiến binh có tổng cộng bao nhiêu hội viên?": the whole is asked; a figure that
    counts only some of them, those the question does not name ("hội viên khó khăn được vay
    vốn"), is a part of it, not the total."""
    entry = doc.located.entry
    counts = getattr(entry, "counts", None)
    if entry.kind != "figure" or not counts or not (has(q.toks, lexicon.TOTAL_CUES) or _asks_membership(q)):
        return False
    counted = index.places.strip(expand(tokens(counts)))
    asked = set(expand(q.toks)) | set(q.content) | set(q.target)
    asked |= _said_by_synonym(index, counted, asked)
    skip = lexicon.STOPWORDS | lexicon.CLASSIFIERS | lexicon.QUALIFIER_WORDS
    return any(
        len(w) > 1 and not w[:1].isdigit() and w not in skip and _telling(index, w) and not _says(index, w, asked)
        for w in counted
    )


def _asks_membership(q: Query) -> bool:
    """ "Hội Nông dân có bao nhiêu hội viên?": how many members, with nothing said of them."""
    target = [t for t in q.target if t not in lexicon.TRAILING_PARTICLES]
    return has(q.toks, lexicon.HAS_HOW_MANY) and tuple(target) in lexicon.MEMBERSHIP_NOUNS


def _classifiers_counted(q: Query) -> list[str]:
    """The classifiers "bao nhiêu" names when it names nothing else ("bao nhiêu cây", "mấy căn")."""
    return [t for t in q.target if t in lexicon.CLASSIFIERS and t not in lexicon.GENERIC_COUNTED]


def _counts_any(text: str, asked: Sequence[str]) -> bool:
    """Does the text put a number before one of these words ("giúp 20 hộ")?"""
    toks = expand(tokens(text))
    wanted = set(asked)
    return any(tok[:1].isdigit() and wanted & set(toks[i + 1 : i + 1 + NUMBER_REACH]) for i, tok in enumerate(toks))


def _said_by_synonym(index: Index, words: Sequence[str], said: set[str]) -> set[str]:
    """The words of a pair the entry says with a synonym ("mì tôm": the article's "mì")."""
    out: set[str] = set()
    for a, b in itertools.pairwise(words):
        alternatives = index.synonyms.get(f"{a} {b}", ())
        if any(set(alt.split()) <= said for alt in alternatives):
            out |= {a, b}
    return out


def _says(index: Index, word: str, said: set[str]) -> bool:
    """The entry's text holds the word, or a one-word synonym of it."""
    return word in said or any(alt in said for alt in index.synonyms.get(word, ()) if " " not in alt)


def _telling(index: Index, word: str) -> bool:
    """A word that says which thing is counted: rare in the base, or unknown to it."""
    idf = index.idf.get(word)
    return idf is None or idf >= COUNTED_WORD_IDF


def _periods(toks: Sequence[str]) -> list[tuple[str, str]]:
    """ "sơ kết 4 năm", "dịp 130 năm": the spans of time a question names (not years)."""
    out = []
    for tok, nxt in itertools.pairwise(toks):
        # "1 tháng", "một năm" say how often ("mỗi 1 tháng"), not how long
        if tok.isdigit() and canonical_number(tok) != "1" and not is_year(tok) and nxt in lexicon.PERIOD_WORDS:
            out.append((tok, nxt))
    return out


def _states_period(text: str, number: str, unit: str) -> bool:
    toks = tokens(text)
    wanted = canonical_number(number)
    return any(canonical_number(a) == wanted and b == unit for a, b in itertools.pairwise(toks) if a[:1].isdigit())


def _units_named(words: frozenset[str]) -> set[str]:
    return {unit for unit, phrases in lexicon.UNIT_WORDS.items() for p in phrases if set(p) <= words}


# what "bao nhiêu <X>" may say besides the thing counted: units and words that count anything
_NOT_COUNTED = (
    lexicon.STOPWORDS
    | {w for phrases in lexicon.UNIT_WORDS.values() for p in phrases for w in p}
    | lexicon.GENERIC_COUNTED
    | lexicon.CLASSIFIERS
    | lexicon.QUALIFIER_WORDS
    | lexicon.LEVEL_WORDS
)


def counted_words(q: Query) -> list[str]:
    """The words of what "bao nhiêu <X>" counts, without units and words that count anything."""
    words = [t for t in q.target if t not in _NOT_COUNTED and not t.isdigit()]
    # "… bao nhiêu căn nhà cho hội viên": "nhà" ends what is counted, not the question ("nha" as in "nhé")
    ends_question = bool(q.target) and list(q.toks[-len(q.target) :]) == list(q.target)
    while words and words[-1] in lexicon.TRAILING_PARTICLES and ends_question:
        words.pop()
    return words


def head_words(index: Index, counts: str) -> list[str]:
    """The first words of what a figure counts: the noun it counts ("căn nhà Đại đoàn kết…"). A
    rate counts its numerator: what comes after "mỗi" or "/" ("số tiền mỗi đảng viên",
    "50.000 đồng/đảng viên") is what each is counted per, not what is counted."""
    skip = lexicon.STOPWORDS | lexicon.CLASSIFIERS
    words: list[str] = []
    for t in counted_tokens(index, counts.split("/", 1)[0]):
        if t in lexicon.PER_EACH_WORDS:
            break
        if t not in skip and not t[:1].isdigit():
            words.append(t)
    return words[:HEAD_WORDS]


def counted_tokens(index: Index, counts: str) -> list[str]:
    """What a figure counts, folded, without the places it names and the whole place it opens
    with ("toàn huyện tập thể được khen thưởng": «tập thể được khen thưởng»)."""
    toks = index.places.strip(expand(tokens(counts)))
    scope = next((s for s in lexicon.WHOLE_SCOPES if tuple(toks[: len(s)]) == s), ())
    return toks[len(scope) :]


def _named_by_keyword(index: Index, asked: Sequence[str], counted: Sequence[str], keywords: Sequence[str]) -> bool:
    """A curator's keyword names what the entry counts in the question's words: it begins with
    the noun the entry counts and holds every counted word of the question ("nhà ĐĐK" for
    "bao nhiêu nhà ddk", where the entry counts "căn nhà Đại đoàn kết"; not "nhà cho hộ nghèo"
    for "bao nhiêu hộ nghèo", nor a model's name, "gạo tình thương", for an entry counting members)."""
    for keyword in keywords:
        head = head_words(index, keyword)
        if head and counted and head[0] == counted[0] == asked[0] and set(asked) <= set(head):
            return True
    return False


def _same_thing(
    index: Index,
    asked: Sequence[str],
    head: Sequence[str],
    words: tuple[Sequence[str], Sequence[str]] | None = None,
) -> bool:
    """One of the words the question counts is one of the figure's head words, or a synonym. A
    syllable both share is one word only where it closes no compound in one of them that the
    other lacks ("cây cầu" is no "điểm cầu"): ``words`` are the question's counted words and
    what the figure counts, as printed."""
    head_set = set(head)
    pairs = {f"{a} {b}" for a, b in itertools.pairwise(head)}
    mine, theirs = (_before(words[0]), _before(words[1])) if words else ({}, {})
    said, printed = (set(words[0]), set(words[1])) if words else (set(), set())
    # the pair opening what the question counts, a synonym of a pair the figure counts ("thành
    # viên" of a hội are its "hội viên"): the thesaurus says they are one thing, syllables apart
    # (only the opening pair: in "bóng đèn đường" the bulbs are counted, not the "đèn đường")
    opening = f"{asked[0]} {asked[1]}" if len(asked) > 1 else ""
    if any(alt in pairs for alt in index.synonyms.get(opening, ()) if " " in alt):
        return True
    for word in asked:
        if word in head_set:
            if words is None:
                return True
            # any use of it in each: "mô hình điển hình" opens "hình" both with "mô" and with "điển"
            if any(o is None or o in printed for o in mine.get(word, {None})) and any(
                o is None or o in said for o in theirs.get(word, {None})
            ):
                return True
            continue
        alternatives = index.synonyms.get(word, ())
        if any(alt in head_set or alt in pairs for alt in alternatives):
            return True
    return False


def _before(toks: Sequence[str]) -> dict[str, set[str | None]]:
    """Each word, and the content syllables just before its uses (None after a function word, a
    classifier, a number or nothing: "cây cầu", "các cầu" open with "cầu")."""
    skip = lexicon.STOPWORDS | lexicon.CLASSIFIERS | lexicon.GENERIC_COUNTED | lexicon.MEASURE_HEADS
    out: dict[str, set[str | None]] = {}
    for i, tok in enumerate(toks):
        prev = toks[i - 1] if i else None
        out.setdefault(tok, set()).add(
            None if prev is None or prev in skip or prev[:1].isdigit() or prev == BREAK else prev
        )
    return out


def named_person(toks: Sequence[str], known: frozenset[tuple[str, str]]) -> tuple[str, ...]:
    """ "chị Nguyễn Thị Nhẹ": the person a question names: a title, then words that open a name
    the entries print ("Nguyễn Thị …"), up to the words that end a name."""
    for i, tok in enumerate(toks[:-2]):
        if tok in lexicon.PERSON_TITLES and (toks[i + 1], toks[i + 2]) in known:
            name = list(toks[i + 1 : i + 3])
            for t in toks[i + 3 : i + 5]:
                if t == BREAK or t[:1].isdigit() or t in lexicon.NOT_IN_NAMES:
                    break
                name.append(t)
            return tuple(name)
    return ()


def _may_name_a_person(toks: Sequence[str]) -> bool:
    return any(t in lexicon.PERSON_TITLES for t in toks)


def names_person(text: str, person: tuple[str, ...]) -> bool:
    toks = tokens(text)
    n = len(person)
    return any(tuple(toks[i : i + n]) == person for i in range(len(toks) - n + 1))


def _asked_role(q: Query) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The post a "who" question names, and the body it names after it ("chủ tịch", "UBND")."""
    words = q.content
    spans = find(words, lexicon.ROLE_WORDS)
    if not spans:
        return None
    a, b = max(spans, key=lambda s: s[1] - s[0])
    after = []
    for t in words[b : b + 4]:
        if t == BREAK or t in lexicon.STOPWORDS:
            break
        after.append(t)
    return tuple(words[a:b]), tuple(after)


def _holds_role(located: Located, role: tuple[tuple[str, ...], tuple[str, ...]]) -> bool:
    """Someone in the entry holds the post: the post itself, not its deputy's ("bí thư" is not
    "phó bí thư"), and the body's words."""
    post, body = role
    toks = expand(tokens(entry_text(located)))
    held = any(
        tuple(toks[i : i + len(post)]) == post and (i == 0 or toks[i - 1] not in lexicon.DEPUTY_WORDS)
        for i in range(len(toks) - len(post) + 1)
    )
    return held and set(body) <= set(toks)
