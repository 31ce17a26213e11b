"""Ranking the fact base's entries for a question, through an inverted index.

Each entry is indexed as weighted fields (its name, what it counts, its
organisation, its answer, its quote…) of folded syllables and syllable pairs.
A question's terms weigh by how distinctive they are across the base (IDF),
so the long phrases all articles share count for little and "hũ gạo" or
"điểm cầu" count for a lot. The score is the share of the question's weight
an entry covers, in [0, 1], then adjusted by the question's structure: the
district and organisation it names, and whether it wants a figure, an owner
or a date. The question arrives analysed (:mod:`bot.answering.analysis`): spelling,
places and intent are settled before ranking starts.

Only the entries holding one of the question's terms (or a synonym) are ever
looked at: each term's postings are one slice of a flat array, and the
structure of every candidate is scored at once with numpy. Building is one
pass over the entries; a field text seen before (a shared quote, an
organisation, a period) is analysed once.
"""

from __future__ import annotations

import itertools
import math
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
import numpy.typing as npt

from bot.answering.hints import NO_HINTS, Hints
from bot.answering.query import Query, find
from bot.answering.tuning import (
    CONTEXT_SHARE,
    CONTEXT_WEIGHT,
    DATED_ELSEWHERE,
    DOCUMENT_WITHOUT_ISSUER,
    FIELD_WEIGHTS,
    FOCUS_BOOST,
    HEAD_BOOST,
    NEAR_BOOST,
    NOT_A_FIGURE,
    NOT_A_FIGURE_WITH_NUMBER,
    NOT_AN_OWNER,
    NOT_COUNTING_TARGET,
    OTHER_ORG,
    OTHER_ORG_UNOWNED,
    OTHER_YEAR,
    SEEN_FACTOR,
    STOP_PAIR_FACTOR,
    SYNONYM_FACTOR,
    TARGET_BOOST,
    TOP_HITS,
    UNDATED,
    UNSEEN_PAIR,
    WRONG_UNIT,
)
from bot.knowledge.schema import KnowledgeBase, Located
from bot.language import lexicon
from bot.language.expansion import expand
from bot.language.folding import BREAK, fold, tokens
from bot.language.gazetteer import PlaceFinder

# Fields that say what an entry counts or is (not merely words near it).
COUNTED_FIELDS = ("title", "counts", "value", "keywords", "role")
_CENTURIES = ("19", "20")  # a year of the articles' era (as text.is_year, inlined: it runs on every token)
_CACHED_TEXT = 200  # field texts this short are analysed once per build (long quotes rarely repeat)

KINDS = ("figure", "model", "person", "document", "event", "theme", "passage")
UNITS = (None, "percent", "length", "weight", "area", "duration", "money")
_KIND = {k: i for i, k in enumerate(KINDS)}
_UNIT = {u: i for i, u in enumerate(UNITS)}
_ORG_BIT = {group: 1 << i for i, group in enumerate(lexicon.ORG_GROUPS)}
# each field weight once, so that postings store a one-byte code of it
_WEIGHTS = tuple(sorted(set(FIELD_WEIGHTS.values()), reverse=True))
_WEIGHT_CODE = {w: i for i, w in enumerate(_WEIGHTS)}
_WEIGHT_VALUES = np.array(_WEIGHTS, dtype=np.float64)  # code → weight (code 0 is the heaviest)

IntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Doc:
    located: Located
    number: int  # its place in the index
    org_groups: frozenset[str]
    unit: str | None
    years: frozenset[str]
    dated: bool  # says when: a date, a year or a period with numbers
    has_number: bool

    @property
    def kind(self) -> str:
        return self.located.entry.kind


@dataclass(frozen=True, slots=True)
class Hit:
    doc: Doc
    score: float
    evidence: float = 0.0  # the IDF weight of the question's terms the entry holds

    @property
    def located(self) -> Located:
        return self.doc.located


@dataclass(frozen=True)
class Ranking:
    """The entries a question scores above zero, best first (ties by id).

    ``hits`` lists the first TOP_HITS in full; the counts below cover every candidate."""

    hits: list[Hit]
    numbers: IntArray = field(default_factory=lambda: np.zeros(0, np.int32))  # every candidate
    scores: FloatArray = field(default_factory=lambda: np.zeros(0))
    districts: IntArray = field(default_factory=lambda: np.zeros(0, np.int32))

    def __bool__(self) -> bool:
        return bool(self.hits)

    def ties(self, share: float) -> tuple[int, int]:
        """(in the best hit's district, in all) how many score at least `share` of the best."""
        if not self.hits:
            return 0, 0
        best = self.hits[0]
        tied = self.scores >= best.score * share
        same = tied & (self.districts == self.districts[self.numbers == best.doc.number][0])
        return int(np.count_nonzero(same)), int(np.count_nonzero(tied))

    def at_least(self, threshold: float) -> IntArray:
        """The numbers of the entries scoring at least `threshold`."""
        return self.numbers[self.scores >= threshold]


_UPPER = re.escape("".join(ch for ch in map(chr, range(0x41, 0x1F00)) if ch.isupper()))
# a word, then two capitalised words ("chị Nguyễn Thị …"): every such window of a text, overlapping
_TITLED = re.compile(rf"(?<!\S)(\S+)\s+(?=([{_UPPER}]\S*)\s+([{_UPPER}]\S*))")


_DIGIT = re.compile(r"\d")


def unigrams_and_bigrams(toks: Sequence[str]) -> list[str]:
    """Content syllables, and pairs of adjacent syllables with at least one of
    them content ("chuyên đề", "con em": a syllable that is a stopword on its
    own still makes a word with its neighbour)."""
    stop = lexicon.STOPWORDS
    terms = [t for t in toks if t not in stop and t != BREAK and (len(t) > 1 or t.isdigit())]
    terms += [f"{a} {b}" for a, b in itertools.pairwise(toks) if a != BREAK != b and (a not in stop or b not in stop)]
    return terms


@lru_cache(maxsize=65_536)
def org_group(text: str | None) -> str | None:
    """The organisation group a name belongs to: its earliest mention decides
    ("Ban Tuyên giáo Huyện ủy" is the Ban Tuyên giáo)."""
    if not text:
        return None
    toks = expand(tokens(text))
    best: tuple[int, str] | None = None
    for group, aliases in lexicon.ORG_GROUPS.items():
        for a, _ in find(toks, aliases):
            if best is None or a < best[0]:
                best = (a, group)
    return best[1] if best else None


def value_unit(value: str) -> str | None:
    toks = tokens(value)
    if "%" in value:
        return "percent"
    for unit, words in lexicon.VALUE_UNITS.items():
        if any(w in toks for w in words):
            return unit
    if any(t.startswith(("km", "m2")) for t in toks):
        return "length"
    return None


class _Ids(dict[str, int]):
    """Term → id, a new term getting the next id (looked up from C through map)."""

    def __missing__(self, term: str) -> int:
        self[term] = at = len(self)
        return at


class _Postings:
    """Term id → entries, gathered as flat (term id, code) runs per entry, then frozen into
    arrays sorted by term (CSR), entries ascending within each term."""

    def __init__(self) -> None:
        self._terms = array("i")
        self._codes = array("B")
        self._per_entry = array("i")

    def add(self, ids: Iterable[int], codes: Iterable[int] | None = None) -> None:
        """The next entry's term ids (and the weight code of each)."""
        before = len(self._terms)
        self._terms.extend(ids)
        if codes is not None:
            self._codes.extend(codes)
        self._per_entry.append(len(self._terms) - before)

    def freeze(
        self, terms: int
    ) -> tuple[IntArray, npt.NDArray[np.uint8], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """(entry numbers, codes, offsets by term id, entries per term) for `terms` term ids."""
        ids = np.frombuffer(self._terms, dtype=np.int32) if len(self._terms) else np.zeros(0, np.int32)
        per_entry = np.frombuffer(self._per_entry, np.int32) if len(self._per_entry) else np.zeros(0, np.int32)
        entries = np.repeat(np.arange(per_entry.size, dtype=np.int32), per_entry)
        order = np.argsort(ids, kind="stable")
        counts = np.bincount(ids, minlength=terms).astype(np.int64)
        offsets = np.zeros(terms + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        codes = np.frombuffer(self._codes, dtype=np.uint8)[order] if len(self._codes) else np.zeros(0, np.uint8)
        numbers = entries[order]
        self._terms, self._codes, self._per_entry = array("i"), array("B"), array("i")
        return numbers, codes, offsets, counts


class Index:
    """The entries of one snapshot, indexed for ranking. Field texts are expanded and
    stripped of place names by the snapshot's place finder; `learn` sees each field's
    tokens, so the speller's vocabulary holds every word the index does."""

    def __init__(self, kb: KnowledgeBase, places: PlaceFinder, learn: Callable[[list[str]], None] | None = None):
        self.kb = kb
        self.places = places
        term_ids = _Ids()
        terms, counted = self._read_entries(term_ids, learn)
        n = max(len(self.docs), 1)
        self._term_ids: dict[str, int] = term_ids
        self._numbers, self._codes, self._offsets, df = terms.freeze(len(term_ids))
        self.idf = {
            t: math.log(1 + (n - int(c) + 0.5) / (int(c) + 0.5)) for t, c in zip(term_ids, df, strict=True) if c
        }
        self.max_idf = math.log(1 + (n + 0.5) / 0.5)
        self.synonyms = _synonym_table()
        self._counted, _, self._counted_offsets, _ = counted.freeze(len(term_ids))
        self._structure_arrays(term_ids)

    @cached_property
    def name_starts(self) -> frozenset[tuple[str, str]]:
        """The first two words, folded, of every person's name the entries print: a person
        entry's name, and capitalised words after a title ("chị Nguyễn Thị Nhẹ" → ("nguyen",
        "thi")). How a question's words are known to open a name, and not a post ("Phó Bí thư")."""
        out: set[tuple[str, str]] = set()
        read: set[str] = set()  # an answer or a quote several entries share is read once
        for doc in self.docs:
            entry = doc.located.entry
            if entry.kind == "person":
                words = tokens(str(getattr(entry, "name", "")))
                if len(words) >= 2:
                    out.add((words[0], words[1]))
            for text in (entry.answer, entry.quote):
                if text in read:
                    continue
                read.add(text)
                for title, first, second in _TITLED.findall(text):
                    if fold(title) in lexicon.PERSON_TITLES:
                        pair = tokens(f"{first} {second}")
                        if len(pair) == 2:
                            out.add((pair[0], pair[1]))
        return frozenset(out)

    def _read_entries(self, term_ids: _Ids, learn: Callable[[list[str]], None] | None) -> tuple[_Postings, _Postings]:
        """One pass over the entries: each field's terms (every term at its best field's weight),
        the terms of the fields saying what an entry counts, and each entry's Doc."""
        terms = _Postings()
        counted = _Postings()
        # short field texts (names, organisations, periods…) → their term ids and years, analysed once
        seen: dict[str, tuple[array[int], frozenset[str]]] = {}
        repeats: Counter[str] = Counter()  # texts met again: their words count again in the vocabulary
        # long texts (quotes) of the article being read, with their tokens: the figures of one
        # sentence share its quote, and the article's entries come together
        recent: dict[str, tuple[tuple[array[int], frozenset[str]], list[str]]] = {}
        article = ""
        docs: list[Doc] = []
        indexed: dict[type, tuple[tuple[str, float], ...]] = {}  # the weighted fields each kind has
        for number, located in enumerate(self.kb.entries):
            entry = located.entry
            if located.article.id != article:
                article = located.article.id
                recent.clear()
            fields: list[tuple[int, array[int], bool]] = []
            quote_years: frozenset[str] = frozenset()
            kind_fields = indexed.get(type(entry))
            if kind_fields is None:
                kind_fields = indexed[type(entry)] = tuple(
                    (name, w) for name, w in FIELD_WEIGHTS.items() if name in type(entry).model_fields
                )
            for name, weight in kind_fields:
                raw = getattr(entry, name)
                if raw is None:
                    continue
                for text in raw if isinstance(raw, tuple) else (raw,):
                    analysed = seen.get(text)
                    if analysed is not None:
                        repeats[text] += 1
                    elif (kept := recent.get(text)) is not None:
                        analysed, toks = kept
                        if learn is not None:
                            learn(toks)
                    else:
                        analysed, toks = self._analyse_field(text, term_ids, learn)
                        if len(text) <= _CACHED_TEXT:
                            seen[text] = analysed
                        else:
                            recent[text] = (analysed, toks)
                    if name == "quote":
                        quote_years = analysed[1]
                    fields.append((_WEIGHT_CODE[weight], analysed[0], name in COUNTED_FIELDS))
            # a term weighs as the best field holding it (the lowest code): lightest fields first, each overriding
            best: dict[int, int] = {}
            for code, found, _ in sorted(fields, key=lambda f: -f[0]):
                best.update(dict.fromkeys(found, code))
            terms.add(best.keys(), best.values())
            counted.add({t: None for _, found, is_counted in fields if is_counted for t in found})
            docs.append(self._doc(located, number, quote_years))
        del seen
        if learn is not None:
            for text, times in repeats.items():
                toks = self.places.strip(expand(tokens(text)))
                for _ in range(times):
                    learn(toks)
        self.docs: tuple[Doc, ...] = tuple(docs)
        return terms, counted

    def _analyse_field(
        self, text: str, term_ids: _Ids, learn: Callable[[list[str]], None] | None
    ) -> tuple[tuple[array[int], frozenset[str]], list[str]]:
        """A field text's term ids and the years it names; and its tokens."""
        # no breaks here: users drop the comma of "cầu, đường" and still mean it
        toks = self.places.strip(expand(tokens(text)))
        if learn is not None:
            learn(toks)
        return (
            array("i", map(term_ids.__getitem__, unigrams_and_bigrams(toks))),
            frozenset(t for t in toks if len(t) == 4 and t[:2] in _CENTURIES and t.isdigit()),
        ), toks

    def _structure_arrays(self, term_ids: _Ids) -> None:
        """Per entry, what the question's structure is scored against, as arrays."""
        self._kind = np.array([_KIND[d.kind] for d in self.docs], dtype=np.int8)
        self._unit = np.array([_UNIT[d.unit] for d in self.docs], dtype=np.int8)
        self._has_number = np.array([d.has_number for d in self.docs], dtype=np.bool_)
        self._dated = np.array([d.dated for d in self.docs], dtype=np.bool_)
        self._own_date = np.array([bool(getattr(d.located.entry, "date", None)) for d in self.docs], dtype=np.bool_)
        self._issuer = np.array([bool(getattr(d.located.entry, "issuer", None)) for d in self.docs], dtype=np.bool_)
        self._orgs = np.array([sum(_ORG_BIT[g] for g in d.org_groups) for d in self.docs], dtype=np.int64)
        self.district_codes = {d: i for i, d in enumerate(self.kb.districts)}
        self._district = np.array([self.district_codes[d.located.district] for d in self.docs], dtype=np.int32)
        by_id = sorted(range(len(self.docs)), key=lambda i: self.docs[i].located.id)
        self._id_rank = np.empty(len(self.docs), dtype=np.int32)
        self._id_rank[by_id] = np.arange(len(self.docs), dtype=np.int32)
        passages: dict[tuple[str, str], int] = {}
        self._passage = np.array(
            [passages.setdefault((d.located.article.id, d.located.entry.quote), len(passages)) for d in self.docs],
            dtype=np.int32,
        )
        self._number_of = {d.located.id: d.number for d in self.docs}
        # the noun a figure counts opens its `counts`: "gạo đã tặng…" counts rice, "hội viên được
        # trao hũ gạo…" counts members
        heads = [self._head(d) for d in self.docs]
        self._head_word = np.array([term_ids.get(h[0], -1) if h else -1 for h in heads], dtype=np.int32)
        self._head_pair = np.array(
            [term_ids.get(f"{h[0]} {h[1]}", -1) if len(h) > 1 else -1 for h in heads], dtype=np.int32
        )
        years: dict[str, list[int]] = {}
        for doc in self.docs:
            for year in doc.years:
                years.setdefault(year, []).append(doc.number)
        self._years = {y: np.array(v, dtype=np.int32) for y, v in years.items()}

    def _head(self, doc: Doc) -> list[str]:
        counts = getattr(doc.located.entry, "counts", None)
        if not counts:
            return []
        words = [t for t in self.places.strip(expand(tokens(counts))) if t not in lexicon.STOPWORDS]
        return words[:2]

    def _doc(self, located: Located, number: int, years: frozenset[str]) -> Doc:
        entry = located.entry
        value = getattr(entry, "value", None)
        # A model named "Cựu chiến binh tham gia đội canh phòng" belongs to the veterans
        # even when the article credits the district's leadership with it.
        groups = {g for g in (org_group(entry.org), org_group(getattr(entry, "name", None))) if g}
        when_text = " ".join(x for x in (getattr(entry, "date", None), entry.period, entry.answer) if x)
        return Doc(
            located=located,
            number=number,
            org_groups=frozenset(groups),
            unit=value_unit(value) if value else None,
            years=years,
            # a document is dated by its own date, not by years mentioned around it
            dated=bool(getattr(entry, "date", None)) or (entry.kind != "document" and mentions_time(when_text)),
            # a document's numbers are codes and dates, a person's none: neither says "how many"
            has_number=entry.kind in ("model", "event", "theme", "passage") and _DIGIT.search(entry.answer) is not None,
        )

    # ------------------------------------------------------------ querying

    def query_terms(self, q: Query, hints: Hints = NO_HINTS) -> dict[str, float]:
        # "mấy cái", "bao nhiêu người": a word that counts anything says nothing of what is counted
        counted = [t for t in q.target if t not in lexicon.GENERIC_COUNTED]
        terms = self._terms_of(q.content, set(unigrams_and_bigrams(counted)))
        for term in unigrams_and_bigrams(hints.focus):
            if term in terms:  # "cấp xã thì sao": what changed weighs more than what carried over
                terms[term] *= FOCUS_BOOST
        if hints.context:
            # the previous turns' words keep a follow-up on its subject, but the question's own
            # words decide: all together they weigh at most CONTEXT_SHARE of the question's
            extra = {t: w for t, w in self._terms_of(hints.context, set()).items() if t not in terms}
            own, brought = sum(terms.values()), sum(extra.values())
            scale = min(CONTEXT_WEIGHT, CONTEXT_SHARE * own / brought) if own and brought else CONTEXT_WEIGHT
            terms.update({t: w * scale for t, w in extra.items()})
        return terms

    def _terms_of(self, words: Sequence[str], target: set[str]) -> dict[str, float]:
        terms: dict[str, float] = {}
        for term in unigrams_and_bigrams(words):
            if " " in term:
                # An unseen pair is only an unusual word order; unseen words are what
                # tell a question the base cannot answer.
                a, b = term.split()
                stop = a in lexicon.STOPWORDS or b in lexicon.STOPWORDS
                if term in self.idf:
                    # a pair with a function word ("huyện ở") is rare, not distinctive
                    terms[term] = self.idf[term] * (STOP_PAIR_FACTOR if stop else 1.0)
                elif not stop and UNSEEN_PAIR:
                    terms[term] = UNSEEN_PAIR * (self.idf.get(a, self.max_idf) + self.idf.get(b, self.max_idf)) / 2
            else:
                terms[term] = self.idf.get(term, self.max_idf)
            if term in terms and term in target:
                terms[term] *= TARGET_BOOST
        return terms

    def select(self, kinds: Iterable[str], districts: Sequence[str], orgs: Sequence[str]) -> IntArray:
        """The entries of these kinds, in these districts (all when none), of these organisations
        (an organisation runs models and achieves figures; other kinds are kept): in base order."""
        mask = np.isin(self._kind, [_KIND[k] for k in kinds])
        if districts:
            mask &= self._in_districts(districts)
        if orgs:
            mask &= (~np.isin(self._kind, [_KIND["figure"], _KIND["model"]])) | ((self._orgs & _org_bits(orgs)) != 0)
        return np.flatnonzero(mask).astype(np.int32)

    def rank(self, q: Query, within: IntArray | None = None, hints: Hints = NO_HINTS) -> Ranking:
        """Entries scored for the question (only those of `within`, when given), with what the
        conversation hints."""
        terms = self.query_terms(q, hints)
        total = sum(terms.values())
        n = len(self.docs)
        pool = np.ones(n, dtype=np.bool_) if within is None else _mask(n, within)
        if q.districts:
            pool &= self._in_districts(q.districts)
        for entry_id in hints.excluded:  # "còn gì nữa": not what was just answered
            if entry_id in self._number_of:
                pool[self._number_of[entry_id]] = False
        if total <= 0 or n == 0:
            return Ranking([])
        covered = np.zeros(n, dtype=np.float64)
        by_pair = self._said_by_pair_synonyms(terms, set(unigrams_and_bigrams(q.content)), n)
        for term, weight in terms.items():
            numbers, matched = self._match(term, n, by_pair.get(term))
            if numbers is None:
                covered += weight * matched  # dense: every entry's weight for it, most of them 0
            elif numbers.size:
                covered[numbers] += weight * matched
        candidates = np.flatnonzero((covered > 0) & pool).astype(np.int32)
        if candidates.size == 0:
            return Ranking([])
        # an organisation no entry of the pool belongs to ("được UBND huyện khen") cannot discriminate
        org_matters = bool(q.orgs) and bool(np.any(pool & ((self._orgs & _org_bits(q.orgs)) != 0)))
        scores = covered[candidates] / total * self._structure_factor(q, hints, candidates, org_matters)
        return self._ranking(candidates, scores, covered[candidates])

    def _ranking(self, candidates: IntArray, scores: FloatArray, evidence: FloatArray) -> Ranking:
        top = np.arange(candidates.size)
        if candidates.size > TOP_HITS:
            threshold = np.partition(scores, candidates.size - TOP_HITS)[candidates.size - TOP_HITS]
            top = np.flatnonzero(scores >= threshold)
        order = top[np.lexsort((self._id_rank[candidates[top]], -scores[top]))][:TOP_HITS]
        hits = [Hit(self.docs[candidates[i]], float(scores[i]), float(evidence[i])) for i in order]
        return Ranking(hits, candidates, scores, self._district[candidates])

    def _match(self, term: str, n: int, by_pair: FloatArray | None = None) -> tuple[IntArray | None, FloatArray]:
        """Entries holding the term, with the weight of its best field; failing that, a synonym's
        at a discount (an entry's own word always beats a synonym); ``by_pair`` is what a synonym
        of a question's pair holding this syllable gives each entry. With synonyms, the weights
        come dense, for every entry (numbers None)."""
        numbers, weights = self._postings(term)
        alternatives = [self._postings(alt) for alt in self.synonyms.get(term, ())]
        alternatives = [(a, w) for a, w in alternatives if a.size]
        if not alternatives and by_pair is None:
            return numbers, weights
        best = np.zeros(n, dtype=np.float64) if by_pair is None else by_pair.copy()
        for alt_numbers, alt_weights in alternatives:
            np.maximum.at(best, alt_numbers, alt_weights * SYNONYM_FACTOR)
        best[numbers] = weights
        return None, best

    def _said_by_pair_synonyms(self, terms: dict[str, float], own: set[str], n: int) -> dict[str, FloatArray]:
        """Each syllable of the question's pairs that an entry says with a synonym of the whole pair
        ("bạn trẻ": the article's "thanh niên") in a field of its own, not only its quote: the
        entry covers that syllable too, at the synonym's discount ("trẻ" alone is no word of it,
        but "bạn trẻ" is all of its "thanh niên"). Only pairs no entry holds, the asker's own word
        ("vận động" is the articles' own word: its syllables are theirs too, and its synonyms count
        once), and only the question's own (``own``: not the words a conversation brings); dense
        weights per syllable."""
        out: dict[str, FloatArray] = {}
        for term in terms:
            if " " not in term or term in self.idf or term not in own:
                continue
            alternatives = [self._postings(alt) for alt in self.synonyms.get(term, ()) if " " in alt]
            alternatives = [(a, w) for a, w in alternatives if a.size]
            if not alternatives:
                continue
            said = np.zeros(n, dtype=np.float64)
            for alt_numbers, alt_weights in alternatives:
                # said only in the quoted sentence, the synonym is a neighbour's word, not the entry's
                about = alt_weights > FIELD_WEIGHTS["quote"]
                np.maximum.at(said, alt_numbers[about], alt_weights[about] * SYNONYM_FACTOR)
            for syllable in term.split():
                if syllable in terms:
                    out[syllable] = np.maximum(out[syllable], said) if syllable in out else said
        return out

    def _postings(self, term: str) -> tuple[IntArray, FloatArray]:
        at = self._term_ids.get(term)
        if at is None:
            return np.zeros(0, np.int32), np.zeros(0)
        start, end = self._offsets[at], self._offsets[at + 1]
        return self._numbers[start:end], _WEIGHT_VALUES[self._codes[start:end]]

    def _counted_postings(self, term: str) -> IntArray:
        at = self._term_ids.get(term)
        if at is None:
            return np.zeros(0, np.int32)
        return self._counted[self._counted_offsets[at] : self._counted_offsets[at + 1]]

    def _in_districts(self, districts: Sequence[str]) -> BoolArray:
        codes = [self.district_codes[d] for d in districts if d in self.district_codes]
        return np.isin(self._district, codes)

    def _structure_factor(self, q: Query, hints: Hints, candidates: IntArray, org_matters: bool) -> FloatArray:
        factor = np.ones(candidates.size, dtype=np.float64)
        kind = self._kind[candidates]
        if q.quantity and not q.when:
            # only a figure answers "how many", unless the entry's answer holds one
            other = kind != _KIND["figure"]
            factor[other] *= np.where(self._has_number[candidates[other]], NOT_A_FIGURE_WITH_NUMBER, NOT_A_FIGURE)
            if q.unit:
                factor[~other & (self._unit[candidates] != _UNIT[q.unit])] *= WRONG_UNIT
            target = self.target_terms(q)
            if target:
                factor[~self._counting(target, candidates)] *= NOT_COUNTING_TARGET
                factor[self._heads(target, candidates)] *= HEAD_BOOST
        if q.who:
            # who runs it, who is it, who issued it: a model, a person, or what the wording names
            owners = [_KIND[q.wanted_kind]] if q.wanted_kind else [_KIND["model"], _KIND["person"]]
            factor[~np.isin(kind, owners)] *= NOT_AN_OWNER
            if q.wanted_kind == "document":  # "do ai ban hành": a document that names its issuer
                factor[(kind == _KIND["document"]) & ~self._issuer[candidates]] *= (
                    DOCUMENT_WITHOUT_ISSUER  # it cannot answer
                )
        if q.when:
            # its own date answers "when" best; a year in its text, less so
            own, dated = self._own_date[candidates], self._dated[candidates]
            factor[~own & dated] *= DATED_ELSEWHERE
            factor[~own & ~dated] *= UNDATED
        if q.orgs and org_matters:
            orgs = self._orgs[candidates]
            belongs = (orgs & _org_bits(q.orgs)) != 0
            unowned = (orgs == 0) & np.isin(kind, [_KIND["document"], _KIND["event"], _KIND["person"]])
            factor[~belongs & unowned] *= OTHER_ORG_UNOWNED
            factor[~belongs & ~unowned] *= OTHER_ORG
        if hints.near:
            # a follow-up most often asks about the passage just answered ("đạt tỷ lệ bao nhiêu %?")
            near = [self._passage[self._number_of[i]] for i in hints.near if i in self._number_of]
            factor[np.isin(self._passage[candidates], near)] *= NEAR_BOOST
        if hints.seen:
            # "còn …?" asks for something other than what was just answered
            seen = [self._number_of[i] for i in hints.seen if i in self._number_of]
            factor[np.isin(candidates, seen)] *= SEEN_FACTOR
        if q.years:
            asked = [self._years[y] for y in q.years if y in self._years]
            factor[~np.isin(candidates, np.concatenate(asked) if asked else np.zeros(0, np.int32))] *= OTHER_YEAR
        return factor

    def _heads(self, target: Sequence[str], candidates: IntArray) -> BoolArray:
        """Which candidates count exactly what the target names first (their counts' head noun)."""
        first = target[0]
        at = self._term_ids.get(first, -2)
        heads = self._head_pair if " " in first else self._head_word
        return np.asarray(heads[candidates] == at, dtype=np.bool_)

    def _counting(self, target: Sequence[str], candidates: IntArray) -> BoolArray:
        """Which candidates count or name one of the target's terms (single words: or a synonym)."""
        found = [self._counted_postings(t) for t in target]
        found += [self._counted_postings(alt) for t in target if " " not in t for alt in self.synonyms.get(t, ())]
        return np.isin(candidates, np.concatenate(found)) if found else np.zeros(candidates.size, np.bool_)

    def holds(self, term: str, doc: Doc) -> bool:
        """Does any field of the entry hold the term, or a synonym of it?"""
        return any(_holds(self._postings(t)[0], doc.number) for t in (term, *self.synonyms.get(term, ())))

    def doc_of(self, entry_id: str) -> Doc:
        """The indexed entry of an id of the base."""
        return self.docs[self._number_of[entry_id]]

    def counts(self, term: str, doc: Doc, synonyms: bool = True) -> bool:
        """Does the entry count or name this (or a synonym of it)?"""
        alternatives = (term, *self.synonyms.get(term, ())) if synonyms else (term,)
        return any(_holds(self._counted_postings(t), doc.number) for t in alternatives)

    def target_terms(self, q: Query) -> list[str]:
        """What the figure must count: the target's known word pairs when it has
        any ("đảng viên", not just "đảng"), else its words."""
        words = [t for t in q.target if not _is_unit_word(t)]
        pairs = [f"{a} {b}" for a, b in itertools.pairwise(words) if f"{a} {b}" in self.idf]
        return pairs or words


def _holds(sorted_numbers: IntArray, number: int) -> bool:
    at = int(np.searchsorted(sorted_numbers, number))
    return at < sorted_numbers.size and int(sorted_numbers[at]) == number


def _mask(n: int, numbers: IntArray) -> BoolArray:
    mask = np.zeros(n, dtype=np.bool_)
    mask[numbers] = True
    return mask


def _org_bits(orgs: Iterable[str]) -> int:
    return sum(_ORG_BIT.get(g, 0) for g in set(orgs))


_TIME_RE = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b\d{1,2}-\d{1,2}-\d{4}\b")


_HOLIDAYS = "|".join(re.escape(name) for name in lexicon.HOLIDAY_NAMES)
_HOLIDAY_DATE_RE = re.compile(rf"(?:{_HOLIDAYS})\s*(?:\(\s*)?(?:ngay\s*)?\d{{1,2}}/\d{{1,2}}\b")


def mentions_time(text: str) -> bool:
    """A date, a year or a period with numbers; not the date in a holiday's name ("Quốc khánh 2/9")."""
    return _TIME_RE.search(_HOLIDAY_DATE_RE.sub(" ", fold(text))) is not None


def _is_unit_word(term: str) -> bool:
    return any(tuple(term.split()) in words for words in lexicon.UNIT_WORDS.values())


def _synonym_table() -> dict[str, tuple[str, ...]]:
    table: dict[str, set[str]] = {}
    for group in lexicon.SYNONYMS:
        for word in group:
            table.setdefault(word, set()).update(w for w in group if w != word)
    return {k: tuple(sorted(v)) for k, v in table.items()}


__all__ = ["Doc", "Hit", "Index", "Ranking"]
