"""Ranking the fact base's entries for a question.

Each entry is indexed as weighted fields (its name, what it counts, its
organisation, its answer, its quote…) of folded syllables and syllable pairs.
A question's terms weigh by how distinctive they are across the base (IDF),
so the long phrases all five articles share count for little and "hũ gạo" or
"điểm cầu" count for a lot. The score is the share of the question's weight
an entry covers, in [0, 1], then adjusted by the question's structure: the
district and organisation it names, and whether it wants a figure, an owner
or a date. The question arrives analysed (:mod:`bot.analysis`): spelling,
places and intent are settled before ranking starts.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from . import lexicon
from .expansion import expand
from .knowledge import KnowledgeBase, Located
from .places import PlaceFinder
from .query import Query, find
from .text import BREAK, tokens

# How much a term found in a field counts: the entry's own name and what it
# counts say more than a word somewhere in the quoted sentence.
FIELD_WEIGHTS: dict[str, float] = {
    "name": 1.0,
    "title": 1.0,
    "counts": 1.0,
    "value": 1.0,
    "role": 1.0,
    "keywords": 0.9,
    "date": 0.9,
    "org": 0.85,
    "issuer": 0.8,
    "period": 0.75,
    "answer": 0.75,
    "quote": 0.5,
}
# Fields that say what an entry counts or is (not merely words near it).
COUNTED_FIELDS = ("title", "counts", "value", "keywords", "role")
SYNONYM_FACTOR = 0.7
STOP_PAIR_FACTOR = 0.5
UNSEEN_PAIR = 0.2  # an unseen pair of known words ("nấu phở") is weak evidence of a foreign topic
TARGET_BOOST = 2.0  # "bao nhiêu <X>": X decides between the figures of one sentence


@dataclass(frozen=True)
class Doc:
    located: Located
    terms: dict[str, float]  # term → weight of the best field holding it
    counted: frozenset[str]  # terms of the fields saying what it counts or is
    org_groups: frozenset[str]
    unit: str | None
    years: frozenset[str]
    dated: bool  # says when: a date, a year or a period with numbers
    has_number: bool

    @property
    def kind(self) -> str:
        return self.located.entry.kind


@dataclass(frozen=True)
class Hit:
    doc: Doc
    score: float
    evidence: float = 0.0  # the IDF weight of the question's terms the entry holds

    @property
    def located(self) -> Located:
        return self.doc.located


def unigrams_and_bigrams(toks: Sequence[str]) -> list[str]:
    """Content syllables, and pairs of adjacent syllables with at least one of
    them content ("chuyên đề", "con em": a syllable that is a stopword on its
    own still makes a word with its neighbour)."""
    terms = [t for t in toks if t not in lexicon.STOPWORDS and t != BREAK and (len(t) > 1 or t.isdigit())]
    for a, b in itertools.pairwise(toks):
        if BREAK in (a, b):
            continue
        if a not in lexicon.STOPWORDS or b not in lexicon.STOPWORDS:
            terms.append(f"{a} {b}")
    return terms


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


class Index:
    """The entries of one snapshot, indexed for ranking. Field texts are expanded and
    stripped of place names by the snapshot's place finder; `learn` sees each field's
    tokens, so the speller's vocabulary holds every word the index does."""

    def __init__(self, kb: KnowledgeBase, places: PlaceFinder, learn: Callable[[Sequence[str]], None] | None = None):
        self.kb = kb
        self.places = places
        docs: list[Doc] = []
        for located in kb.entries:
            doc, field_toks = self._doc(located)
            docs.append(doc)
            if learn is not None:
                for toks in field_toks:
                    learn(toks)
        self.docs: tuple[Doc, ...] = tuple(docs)

        df: Counter[str] = Counter()
        for doc in self.docs:
            df.update(doc.terms.keys())
        n = max(len(self.docs), 1)
        self.idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self.max_idf = math.log(1 + (n + 0.5) / 0.5)
        self.synonyms = _synonym_table()

    def _doc(self, located: Located) -> tuple[Doc, list[list[str]]]:
        entry = located.entry
        terms: dict[str, float] = {}
        counted: set[str] = set()
        field_toks: list[list[str]] = []
        for name, weight in FIELD_WEIGHTS.items():
            raw = getattr(entry, name, None)
            if raw is None:
                continue
            texts = list(raw) if isinstance(raw, tuple) else [raw]
            for text in texts:
                # no breaks here: users drop the comma of "cầu, đường" and still mean it
                toks = self._without_places(expand(tokens(text)))
                field_toks.append(toks)
                for term in unigrams_and_bigrams(toks):
                    if terms.get(term, 0.0) < weight:
                        terms[term] = weight
                    if name in COUNTED_FIELDS:
                        counted.add(term)
        value = getattr(entry, "value", None)
        # A model named "Cựu chiến binh tham gia đội canh phòng" belongs to the veterans
        # even when the article credits the district's leadership with it.
        groups = {g for g in (org_group(entry.org), org_group(getattr(entry, "name", None))) if g}
        when_text = " ".join(x for x in (getattr(entry, "date", None), entry.period, entry.answer) if x)
        doc = Doc(
            located=located,
            terms=terms,
            counted=frozenset(counted),
            org_groups=frozenset(groups),
            unit=value_unit(value) if value else None,
            years=frozenset(t for t in tokens(entry.quote) if len(t) == 4 and t[:2] in ("19", "20")),
            # a document is dated by its own date, not by years mentioned around it
            dated=bool(getattr(entry, "date", None)) or (entry.kind != "document" and _mentions_time(when_text)),
            # a document's numbers are codes and dates, a person's none: neither says "how many"
            has_number=entry.kind in ("model", "event") and any(ch.isdigit() for ch in entry.answer),
        )
        return doc, field_toks

    def _without_places(self, toks: list[str]) -> list[str]:
        spans = self.places.find(toks, lexicon.STOPWORDS).spans
        if not spans:
            return toks
        keep = [True] * len(toks)
        for a, b in spans:
            for k in range(a, b):
                keep[k] = False
        return [t for t, k in zip(toks, keep, strict=True) if k]

    # ------------------------------------------------------------ querying

    def query_terms(self, q: Query) -> dict[str, float]:
        terms: dict[str, float] = {}
        target = set(unigrams_and_bigrams(q.target))
        for term in unigrams_and_bigrams(q.content):
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

    def rank(self, q: Query, docs: Iterable[Doc] | None = None) -> list[Hit]:
        terms = self.query_terms(q)
        total = sum(terms.values())
        pool = self.docs if docs is None else tuple(docs)
        if q.districts:
            pool = tuple(d for d in pool if d.located.district in q.districts)
        if total <= 0:
            return []
        # an organisation no candidate belongs to ("được UBND huyện khen") cannot discriminate
        org_matters = any(doc.org_groups & set(q.orgs) for doc in pool)
        hits = []
        for doc in pool:
            covered = sum(w * self._match(term, doc) for term, w in terms.items())
            score = covered / total * self._structure_factor(q, doc, org_matters)
            if score > 0:
                hits.append(Hit(doc, score, covered))
        hits.sort(key=lambda h: (-h.score, h.located.id))
        return hits

    def _match(self, term: str, doc: Doc) -> float:
        weight = doc.terms.get(term)
        if weight is not None:
            return weight
        best = 0.0
        for alt in self.synonyms.get(term, ()):
            alt_weight = doc.terms.get(alt)
            if alt_weight is not None:
                best = max(best, alt_weight * SYNONYM_FACTOR)
        return best

    def _structure_factor(self, q: Query, doc: Doc, org_matters: bool = True) -> float:
        factor = 1.0
        kind = doc.kind
        if q.quantity and not q.when:
            if kind != "figure":
                # only a figure answers "how many", unless the entry's answer holds one
                factor *= 0.7 if doc.has_number else 0.5
            elif q.unit and doc.unit != q.unit:
                factor *= 0.6
            target = self.target_terms(q)
            if target and not any(self.counts(t, doc, synonyms=" " not in t) for t in target):
                factor *= 0.7
        if q.who and kind not in ("model", "person"):
            factor *= 0.85
        if q.when:
            # its own date answers "when" best; a year in its text, less so
            factor *= 1.0 if getattr(doc.located.entry, "date", None) else (0.9 if doc.dated else 0.6)
        if q.orgs and org_matters:
            if doc.org_groups & set(q.orgs):
                pass
            elif not doc.org_groups and kind in ("document", "event", "person"):
                factor *= 0.9
            else:
                factor *= 0.7
        if q.years and not (set(q.years) & doc.years):
            factor *= 0.85
        return factor

    def counts(self, term: str, doc: Doc, synonyms: bool = True) -> bool:
        """Does the entry count or name this (or a synonym of it)?"""
        if term in doc.counted:
            return True
        return synonyms and any(alt in doc.counted for alt in self.synonyms.get(term, ()))

    def target_terms(self, q: Query) -> list[str]:
        """What the figure must count: the target's known word pairs when it has
        any ("đảng viên", not just "đảng"), else its words."""
        words = [t for t in q.target if not _is_unit_word(t)]
        pairs = [f"{a} {b}" for a, b in itertools.pairwise(words) if f"{a} {b}" in self.idf]
        return pairs or words


_TIME_RE = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b\d{1,2}-\d{1,2}-\d{4}\b")


def _mentions_time(text: str) -> bool:
    return _TIME_RE.search(text) is not None


def _is_unit_word(term: str) -> bool:
    return any(tuple(term.split()) in words for words in lexicon.UNIT_WORDS.values())


def _synonym_table() -> dict[str, tuple[str, ...]]:
    table: dict[str, set[str]] = {}
    for group in lexicon.SYNONYMS:
        for word in group:
            table.setdefault(word, set()).update(w for w in group if w != word)
    return {k: tuple(sorted(v)) for k, v in table.items()}


__all__ = ["Doc", "Hit", "Index"]
