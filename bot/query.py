"""What a question asks: folded terms, places, organisations and intent.

The same :func:`expand` runs over the fact base when it is indexed, so an
abbreviation in an article ("CB,ĐV") and one in a question ("dv") both
become plain words before anything is compared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from . import lexicon
from .places import Place, PlaceFinder
from .text import BREAK, tokens

Phrase = tuple[str, ...]


_PHRASES_BY_FIRST: dict[str, list[Phrase]] = {}
for _phrase in lexicon.PHRASES:
    _PHRASES_BY_FIRST.setdefault(_phrase[0], []).append(_phrase)


def expand(toks: Sequence[str]) -> list[str]:
    """Replace short forms and abbreviations by the words they stand for."""
    out: list[str] = []
    i = 0
    n = len(toks)
    while i < n:
        tok = toks[i]
        prev = toks[i - 1] if i else ""
        nxt = toks[i + 1] if i + 1 < n else ""
        phrase = next((p for p in _PHRASES_BY_FIRST.get(tok, ()) if tuple(toks[i : i + len(p)]) == p), None)
        if phrase is not None:
            out.extend(lexicon.PHRASES[phrase])
            i += len(phrase)
            continue
        near_number = prev.isdigit() or nxt.isdigit() or nxt in ("tw", "tu", "hu")
        if tok == "hu":  # HU = Huyện ủy, but "hũ gạo" is a rice jar
            out.extend(["hu"] if nxt == "gao" else ["huyen", "uy"])
        elif tok == "ct":  # CT = Chỉ thị next to a number, else Chủ tịch
            out.extend(["chi", "thi"] if near_number else ["chu", "tich"])
        elif tok == "kh":  # KH = Kế hoạch in a document code, else "không"
            out.extend(["ke", "hoach"] if near_number else ["khong"])
        elif tok == "k" and prev.isdigit():  # 500k
            out.append("nghin")
        elif tok == "v" and i == n - 1:  # "... gi v"
            out.append("vay")
        elif tok in lexicon.SHORT_FORMS:
            out.extend(lexicon.SHORT_FORMS[tok].split())
        else:
            out.append(tok)
        i += 1
    return out


def normalize(text: str) -> list[str]:
    return expand(tokens(text, breaks=True))


class Speller:
    """Corrects one- and two-letter typos and glued words against a vocabulary."""

    def __init__(self, words: Counter[str], bigrams: frozenset[tuple[str, str]]):
        self.words = words
        self.bigrams = bigrams
        self._choices = [w for w in words if len(w) >= 2 and not w.isdigit()]

    def known(self, tok: str) -> bool:
        return tok in self.words

    def correct(self, toks: Sequence[str]) -> list[str]:
        out: list[str] = []
        for i, tok in enumerate(toks):
            if self.known(tok) or tok.isdigit() or len(tok) < 3 or any(c.isdigit() for c in tok):
                out.append(tok)
                continue
            prev = out[-1] if out else ""
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            split = self._split(tok)
            if split:
                out.extend(split)
                continue
            fixed = self._nearest(tok, prev, nxt)
            out.append(fixed or tok)
        return out

    def _in_context(self, word: str, prev: str, nxt: str) -> bool:
        return (prev, word) in self.bigrams or (word, nxt) in self.bigrams

    def _nearest(self, tok: str, prev: str, nxt: str) -> str | None:
        limit = 1 if len(tok) <= 5 else 2
        found = process.extract(tok, self._choices, scorer=OSA.distance, score_cutoff=limit, limit=25)
        if not found:
            return None
        best = min(d for _, d, _ in found)
        candidates = [w for w, d, _ in found if d == best]
        in_context = [w for w in candidates if self._in_context(w, prev, nxt)]
        if in_context:
            return max(in_context, key=lambda w: self.words[w])
        # Short syllables have many neighbours: without context, guessing is worse than not.
        if len(tok) <= 4 or best > 1:
            return None
        return max(candidates, key=lambda w: self.words[w])

    def _split(self, tok: str) -> list[str] | None:
        """'kienluong' → ['kien', 'luong'] when the halves are a known pair."""
        for cut in range(2, len(tok) - 1):
            left, right = tok[:cut], tok[cut:]
            if (left, right) in self.bigrams:
                return [left, right]
            for cut2 in range(2, len(right) - 1):
                mid, last = right[:cut2], right[cut2:]
                if (left, mid) in self.bigrams and (mid, last) in self.bigrams:
                    return [left, mid, last]
        return None


@dataclass
class Query:
    """A question taken apart."""

    text: str
    toks: list[str]  # after expansion and spelling
    content: list[str]  # what is left for matching: no places, no frame words
    districts: list[str] = field(default_factory=list)
    unknown_places: list[Place] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    quantity: bool = False
    who: bool = False
    when: bool = False
    listing: bool = False
    list_kinds: list[str] = field(default_factory=list)
    unit: str | None = None
    target: list[str] = field(default_factory=list)  # the noun after the first "bao nhiêu"
    # what each part of the question asks to count: "bao nhiêu tập thể, cá nhân" has two
    # parts, "huy động bao nhiêu tiền và làm bao nhiêu cây cầu" too
    target_parts: list[list[str]] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    unanswerable: bool = False
    about_article: str | None = None  # "author" or "date": a question about the article itself

    @property
    def phrase(self) -> str:
        return " ".join(self.toks)


def find(toks: Sequence[str], phrases: Iterable[Phrase]) -> list[tuple[int, int]]:
    """Spans where any of the phrases occurs."""
    spans: list[tuple[int, int]] = []
    for phrase in phrases:
        size = len(phrase)
        for i in range(len(toks) - size + 1):
            if tuple(toks[i : i + size]) == phrase:
                spans.append((i, i + size))
    return spans


def has(toks: Sequence[str], phrases: Iterable[Phrase]) -> bool:
    return bool(find(toks, phrases))


# "mấy" after these asks "which", not "how many": khóa mấy, số mấy, lần thứ mấy, ngày mấy.
_ORDINAL_BEFORE_MAY = frozenset({"khoa", "so", "lan", "ngay", "thang", "nam", "gio"})


def _quantity_spans(toks: Sequence[str]) -> list[tuple[int, int]]:
    spans = find(toks, lexicon.QUANTITY_CUES)
    out = []
    for a, b in spans:
        if toks[a] == "may":
            if b < len(toks) and toks[b] in ("tinh", "moc"):
                continue  # "máy tính" (computer) folds like "mấy"
            if a > 0 and toks[a - 1] in _ORDINAL_BEFORE_MAY:
                continue
        out.append((a, b))
    return out


def analyze(text: str, speller: Speller, places: PlaceFinder) -> Query:
    toks = speller.correct(normalize(text))
    found = places.find(toks, lexicon.STOPWORDS)
    drop = [False] * len(toks)
    for a, b in found.spans:
        for k in range(a, b):
            drop[k] = True
    for a, b in find(toks, lexicon.FRAME_PHRASES):
        for k in range(a, b):
            drop[k] = True
    q = Query(text=text, toks=toks, content=[], districts=found.known, unknown_places=found.unknown)

    quantity_spans = _quantity_spans(toks)
    q.quantity = bool(quantity_spans)
    q.who = has(toks, lexicon.WHO_CUES)
    q.when = has(toks, lexicon.WHEN_CUES)
    q.listing = has(toks, lexicon.LIST_CUES) or _enumeration(toks)
    # Cue words say what kind of answer is wanted, not what it is about.
    cue_spans = [
        *quantity_spans,
        *find(toks, lexicon.WHO_CUES),
        *find(toks, lexicon.WHEN_CUES),
        *find(toks, lexicon.LIST_CUES),
    ]
    q.list_kinds = _list_kinds(toks)
    q.years = [t for t in toks if len(t) == 4 and t.isdigit() and t[:2] in ("19", "20")]
    q.unanswerable = _asks_unheld([t if not drop[k] else "" for k, t in enumerate(toks)])
    q.about_article = _about_article(toks)
    for group, aliases in lexicon.ORG_GROUPS.items():
        if has(toks, aliases):
            q.orgs.append(group)
    if quantity_spans:
        target_at = _target(toks, quantity_spans[0][1], drop, speller.bigrams)
        target = [toks[k] for k in target_at]
        # the unit the cue asks for ("bao nhiêu tiền") before any other ("tới giờ");
        # it is checked against the figure's value, so it leaves the words to match
        found_unit = _unit(target)
        if found_unit is not None:
            q.unit, (a, b) = found_unit
            for k in target_at[a:b]:
                drop[k] = True
            target = target[:a] + target[b:]
        else:
            # "trị giá bao nhiêu": the unit may come just before the cue
            cue_start = quantity_spans[0][0]
            before = _unit(toks[max(0, cue_start - 2) : cue_start])
            q.unit = before[0] if before else None
        if "%" in text and q.unit is None:
            q.unit = "percent"
        q.target = [t for t in target if t not in (BREAK, "va", "voi")]
        q.target_parts = _split_parts(target)
        for later in quantity_spans[1:]:
            q.target_parts.append(
                [toks[k] for k in _target_around(toks, later, drop, speller.bigrams) if toks[k] != BREAK]
            )
    for a, b in cue_spans:
        for k in range(a, b):
            drop[k] = True
    q.content = [t for k, t in enumerate(toks) if not drop[k]]
    return q


# Unanswerable phrases that are something else before a given word:
# "địa chỉ nhân đạo" is a movement, "dư bao nhiêu" asks for a balance.
_NOT_UNHELD_BEFORE: dict[tuple[str, ...], str] = {("dia", "chi"): "nhan", ("du", "bao"): "nhieu"}


def _split_parts(target: Sequence[str]) -> list[list[str]]:
    """ "tập thể, cá nhân" → [tập thể], [cá nhân]; two counting nouns typed
    without a comma ("tap the ca nhan") split too."""
    parts: list[list[str]] = [[]]
    i = 0
    while i < len(target):
        tok = target[i]
        noun = next((n for n in lexicon.COUNT_NOUNS if tuple(target[i : i + len(n)]) == n), None)
        if tok in (BREAK, "va", "voi"):
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


_FUNCTION_WORDS = frozenset(
    {
        "duoc",
        "cua",
        "va",
        "voi",
        "o",
        "tai",
        "trong",
        "la",
        "thi",
        "ma",
        "nhung",
        "cac",
        "mot",
        "cho",
        "ve",
        "da",
        "se",
        "khong",
        "nao",
        "gi",
    }
)


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
        if tok in ("va", "voi", BREAK) and target:
            target.append(k)  # "tập thể và cá nhân", "tập thể, cá nhân": kept to split the parts
            continue
        # a stopword syllable can still end a word: "tập thể" (thể/thế), but a
        # function word ("được", "của") ends the noun
        word_end = bool(target) and tok not in _FUNCTION_WORDS and (toks[target[-1]], tok) in pairs
        if drop[k] or (tok in lexicon.STOPWORDS and not word_end):
            if target:
                break
            continue
        target.append(k)
        if sum(toks[i] not in (BREAK, "va", "voi") for i in target) == 4:
            break
    while target and toks[target[-1]] in (BREAK, "va", "voi"):
        target.pop()
    return target


def _enumeration(toks: Sequence[str]) -> bool:
    """ "những việc gì", "các nghị quyết, kết luận nào": a plural, then a question word."""
    for i, tok in enumerate(toks):
        if tok in ("nhung", "cac") and any(t in ("nao", "gi") for t in toks[i + 1 : i + 6]):
            return True
    return False


_PLURALS = frozenset({"nhung", "cac", "ke", "liet", "sach", "loai"})
_WHICH = frozenset({"nao", "gi"})


def _list_kinds(toks: Sequence[str]) -> list[str]:
    """Kinds a list question asks for: the noun right after "những/các" or right
    before "nào/gì" ("những văn bản nào"), not one merely mentioned ("thực hiện
    Chỉ thị 05")."""
    kinds: list[str] = []
    for kind, words in lexicon.KIND_WORDS.items():
        for a, b in find(toks, words):
            before = toks[max(0, a - 2) : a]
            after = toks[b : b + 3]
            if any(t in _PLURALS for t in before) or any(t in _WHICH for t in after):
                kinds.append(kind)
                break
    return kinds


def _unit(toks: Sequence[str]) -> tuple[str, tuple[int, int]] | None:
    """The unit named first and where; at one place the longest name wins
    ("mét vuông", not "mét")."""
    best: tuple[int, int, str] | None = None
    for unit, words in lexicon.UNIT_WORDS.items():
        for a, b in find(toks, words):
            if toks[a:b] == ["ty"] and b < len(toks) and toks[b] == "le":
                continue  # "tỷ lệ" is a rate, not "tỷ" (billion)
            if best is None or (a, -(b - a)) < (best[0], -best[1]):
                best = (a, b, unit)
    return (best[2], (best[0], best[1])) if best else None


def _about_article(toks: Sequence[str]) -> str | None:
    if not has(toks, lexicon.ARTICLE_WORDS):
        return None
    if has(toks, lexicon.AUTHOR_CUES):
        return "author"
    if has(toks, lexicon.PUBLISHED_CUES):
        return "date"
    return None


def _asks_unheld(toks: Sequence[str]) -> bool:
    for a, b in find(toks, lexicon.UNANSWERABLE_PHRASES):
        exception = _NOT_UNHELD_BEFORE.get(tuple(toks[a:b]))
        if exception is not None and b < len(toks) and toks[b] == exception:
            continue
        return True
    return False
