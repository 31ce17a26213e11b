"""Drafting the knowledge files of one article: the cleaned text, its metadata
and candidate entries, each with the verbatim quote that proves it.

Every entry is marked ``draft: true``: the bot validates drafts but never
serves them until a curator has read, edited and accepted them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Protocol, TypeVar

from pydantic import TypeAdapter, ValidationError

from bot.curation.drafting import phrasing
from bot.curation.drafting.cleaning import clean
from bot.curation.drafting.documents import TOPIC_DOCUMENTS, DocumentFind, find_documents
from bot.curation.drafting.events import attendees_of, find_events, undated, when_of, where_of
from bot.curation.drafting.figures import find_figures
from bot.curation.drafting.metadata import Metadata, extract
from bot.curation.drafting.models import find_models
from bot.curation.drafting.orgs import OrgMention, find_orgs, owner_before, subject
from bot.curation.drafting.people import PersonFind, find_people
from bot.curation.drafting.periods import find_period
from bot.curation.drafting.themes import find_themes
from bot.curation.drafting.vietnamese import GOES_ON_OPENERS, RESTATING_WORDS, WIDER_SCOPES
from bot.curation.drafting.wholeness import cut_end, cut_name
from bot.curation.drafting.words import is_a_sentence
from bot.knowledge.provenance import check_provenance
from bot.knowledge.schema import PROVINCE_TO_FILL, Entry
from bot.language.folding import canonical_number, collapse_spaces, fold, numbers
from bot.language.sentences import Paragraph, Sentence, Span, paragraphs

LONG_SENTENCE = 300  # a longer sentence is quoted clause by clause
PROSE_WORDS = 8  # a paragraph this long is the article's prose (not a byline or a caption)
NEAR_PARAGRAPHS = 3  # an event's chair, speakers and guests are told in its paragraph or the next few
CAPTION_WORDS = 20  # a line shorter than this that no full stop ends is a heading or a photo caption
KIND_ORDER = ("figure", "model", "person", "document", "event", "theme")
_ENTRY = TypeAdapter(Entry)
_NAMED_KINDS = frozenset({"model", "event", "theme", "document"})  # whose name is the entry's point
_SPAN_FIGURE = re.compile(
    r"(?:[Qq]ua|[Ss]au|[Tt]rong)\s+(?P<value>\d+\s+năm)\s+(?:qua\s*,?\s*)?(?:việc\s+)?"
    r"(?P<what>(?:triển khai\s+)?(?:thực hiện|triển khai)\s+(?:Chỉ thị|Kết luận|Nghị quyết)[^,;.]*?)"
    r"(?=\s+(?:của|về|trên|ở|đã|với)\b|[,;.]|$)"
)


@dataclass
class Draft:
    meta: Metadata
    text: str
    source_file: str
    entries: list[dict[str, Any]] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # candidates failing the provenance checks, or cut


class _Named(Protocol):
    """A model, person or event found in a sentence."""

    @property
    def name(self) -> str: ...

    @property
    def start(self) -> int: ...  # offset in the sentence


_Find = TypeVar("_Find", bound=_Named)


@dataclass(frozen=True)
class _Where:
    """One place in the article a candidate comes from."""

    paragraph: Paragraph
    sentence: Sentence
    position: int  # offset of the found thing in the paragraph


def draft_article(
    raw: str, source_file: str, taken_ids: Collection[str] = (), taken_articles: Collection[str] = ()
) -> Draft:
    """Clean the article, read its metadata and propose entries for it."""
    cleaned = clean(raw)
    meta = extract(cleaned.text, source_file)
    meta.notes = [*cleaned.notes, *meta.notes]
    meta.id = _free_id(meta, taken_articles)
    draft = Draft(meta=meta, text=cleaned.text, source_file=source_file)
    builder = _Builder(meta, cleaned.text, taken_ids)
    article = collapse_spaces(cleaned.text)  # what `load()` finds the quotes in
    for entry in builder.build():
        # precision first: a name the copy or the find cut ("chuyên đề Chỉ thị 05-CT/TW năm") is
        # not proposed; the curator who wants it reads it whole in the article
        cut = cut_name(entry["name"], article) if entry["kind"] in _NAMED_KINDS and entry.get("name") else None
        problem = cut or _provenance_problem(entry, article, f"facts/{meta.id}.yaml")
        if problem:
            draft.dropped.append(f"{entry['id']}: {problem}")
        else:
            draft.entries.append(entry)
    return draft


def _free_id(meta: Metadata, taken: Collection[str]) -> str:
    """The district's slug, or with the province when another article has it ("chau-thanh-ben-tre")."""
    if meta.id not in taken:
        return meta.id
    candidate = f"{meta.id}-{phrasing.slug_words(meta.province, 4)}" if meta.province != PROVINCE_TO_FILL else meta.id
    number = 2
    while candidate in taken:
        candidate = f"{meta.id}-{number}"
        number += 1
    return candidate


def _provenance_problem(entry: dict[str, Any], article: str, file: str) -> str | None:
    """What `load()` would refuse in this candidate (it is then left out, never written);
    ``article`` is the text with its spaces collapsed."""
    try:
        model = _ENTRY.validate_python(entry)
    except ValidationError as exc:
        return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
    problems = check_provenance(file, model, article)
    return "; ".join(f"{p.field}: {p.message}" if p.field else p.message for p in problems) or None


class _Builder:
    def __init__(self, meta: Metadata, text: str, taken_ids: Collection[str]):
        self.meta = meta
        self.district = meta.district
        self.named = f"{meta.division or 'huyện'} {meta.district}"  # "thị xã Nghĩa Lộ"
        self.places = tuple(p for p in (meta.district, meta.province) if p and p != PROVINCE_TO_FILL)
        self.paragraphs = paragraphs(text)
        self.union_page = False  # the lead is about a district union, not the district
        self.default_org = self._default_org()
        self.ids: set[str] = set(taken_ids)
        self.prefix = self._prefix(taken_ids)
        self.seen: set[tuple[str, ...]] = set()
        # canonical number → the folded words of each sentence of the prose that gives it
        self.told: dict[str, list[set[str]]] = {}
        for paragraph in self.paragraphs:
            if not is_caption(paragraph.text):
                for sentence in paragraph.sentences:
                    words = set(fold(sentence.text).split())
                    for number in numbers(sentence.text):
                        self.told.setdefault(canonical_number(number), []).append(words)
        self.counted: set[str] = set()  # the canonical numbers drafted so far
        self.pairs: set[tuple[str, str]] = set()  # the values of two figures side by side in a clause

    def _told_in_prose(self, canonical: str, value: str) -> bool:
        """Whether a sentence of the prose gives the number with a word of the value's unit
        ("… tuyên dương 19 gương thanh niên …" for a caption's "19 thanh niên")."""
        unit = {w for w in fold(value).split() if not any(ch.isdigit() for ch in w)}
        return any(unit & words for words in self.told.get(canonical, ()))

    def _whole_end(self, sentence: Sentence) -> int:
        """Where the whole part of a sentence the copy cuts ends: at the last break (a semicolon
        or a comma outside quotes) before the cut; what follows it may have lost its end."""
        last = sentence.clauses[-1]
        depth, at = 0, last.start
        for i, ch in enumerate(last.text):
            if ch in "“(":
                depth += 1
            elif ch in "”)":
                depth = max(0, depth - 1)
            elif ch == "," and not depth:
                at = last.start + i
        return at

    def _within(self, paragraph: Paragraph, sentence: Sentence, position: int, whole: int | None) -> Span:
        """The span to quote for a find at ``position``: in a sentence the copy cuts (``whole`` is
        where its whole part ends), the find's clause, or the part of the last clause before the cut."""
        if whole is None:
            return self._base(sentence, position)
        for clause in sentence.clauses:
            if clause.start <= position < clause.end:
                if clause.end <= whole:
                    return clause
                return Span(paragraph.index, clause.start, whole, paragraph.text[clause.start : whole])
        return sentence

    def _cut_off(self) -> Sentence | None:
        """The article's last sentence when the copy stops in the middle of it."""
        prose = [p for p in self.paragraphs if len(p.text.split()) >= PROSE_WORDS]
        if not prose or not prose[-1].sentences:
            return None
        last = prose[-1].sentences[-1]
        return None if re.search(r"[.!?…”\")]\s*$", last.text) else last

    def _default_org(self) -> str:
        """Who a sentence without a subject reports on: the district, or a commune's body when
        the article's lead is about one ("Hội Nông dân xã Ea Kênh tổ chức hội nghị…")."""
        for paragraph in self.paragraphs:
            if len(paragraph.text.split()) < 15 or paragraph.text == self.meta.title:
                continue
            lead = paragraph.sentences[0].text
            for org in find_orgs(lead, self.places):
                if re.search(r"\s(?:xã|phường|thị trấn)\s", org.name + " "):
                    return org.name
            own = subject(lead, self.places)
            if own and _UNION.match(own.name) and re.search(r"\shuyện\b", own.name):
                # "Hội LHPN huyện Yên Định đã tổ chức Đại hội…": a page about the district's union,
                # whose results are the union's
                self.union_page = True
                return own.name
            break
        return phrasing.upper_first(self.named)

    def _prefix(self, taken_ids: Collection[str]) -> str:
        initials = "".join(w[0] for w in phrasing.slug_words(self.district, 6).split("-") if w)
        if initials and not any(i.startswith(f"{initials}-") for i in taken_ids):
            return initials
        return self.meta.id

    # ------------------------------------------------------------ the whole article

    def build(self) -> list[dict[str, Any]]:
        entries: list[dict[str, Any]] = []
        documents: dict[tuple[str, str], tuple[DocumentFind, _Where]] = {}
        span_figure_done = False
        cut = self._cut_off()
        for paragraph in self.paragraphs:
            if paragraph.text == self.meta.title:
                continue  # the headline restates the article; what it names is told in the body
            if paragraph is self.paragraphs[-1] and re.search(r"[,;:–—-]\s*$", paragraph.text):
                continue  # "Đồng chí Hà Thị Bình,": the copy stops after the last line's first words
            for sentence in paragraph.sentences:
                if not span_figure_done:
                    made = self._span_figure(paragraph, sentence)
                    if made:
                        entries.append(made)
                        span_figure_done = True
                whole = self._whole_end(sentence) if sentence is cut else None
                for clause in sentence.clauses:
                    entries.extend(self._figures(paragraph, sentence, clause, whole))
                entries.extend(self._models(paragraph, sentence, whole))
                if sentence is cut:
                    continue  # the copy stops in this sentence: a person's post or an event in it may be cut
                entries.extend(self._people(paragraph, sentence))
                entries.extend(self._events(paragraph, sentence))
                entries.extend(self._themes(paragraph, sentence))
                for doc in find_documents(sentence.text, self.places):
                    where = _Where(paragraph, sentence, sentence.start + doc.start)
                    known = documents.get(doc.key)
                    if known is None or _richer(doc, known[0]):
                        documents[doc.key] = (doc, where)
        # one entry per document, from the mention that says most about it; a document named by
        # its number alone ("Chỉ thị 05", "Nghị quyết Trung ương 4") is left out: its name is cut
        # and the two documents every report is about (Chỉ thị 05, Kết luận 01) are the base's
        # already, not facts of this district
        entries.extend(
            self._document(doc, where)
            for doc, where in documents.values()
            if (doc.full or doc.issuer) and doc.key not in TOPIC_DOCUMENTS
        )
        entries = _one_per_event(entries)
        # the byline is the article's metadata (its author), not a fact about the district
        entries.sort(key=lambda e: KIND_ORDER.index(e["kind"]))
        return entries

    # ------------------------------------------------------------ shared parts

    def _new_id(self, kind: str, words: str) -> str:
        tag = {"figure": "", "model": "mh-", "person": "ng-", "document": "vb-", "event": "sk-", "theme": "cd-"}[kind]
        base = f"{self.prefix}-{tag}{phrasing.slug_words(words, 6)}".strip("-")[:44].rstrip("-")
        candidate, number = base, 2
        while candidate in self.ids:
            candidate = f"{base}-{number}"
            number += 1
        self.ids.add(candidate)
        return candidate

    def _base(self, sentence: Sentence, position: int) -> Span:
        """The sentence, or the clause holding the position when the sentence is long; a clause
        that goes on from the one before ("…; trong đó, mô hình về … nhiều nhất") is not whole."""
        if len(sentence.text) <= LONG_SENTENCE:
            return sentence
        for clause in sentence.clauses:
            if clause.start <= position < clause.end:
                return sentence if _GOES_ON.match(clause.text) else clause
        return sentence

    def _org(self, where: _Where, base: Span) -> tuple[str, OrgMention | None]:
        """Who the sentence reports on, and the mention to quote when it lies outside the base."""
        paragraph, sentence = where.paragraph, where.sentence
        text = paragraph.text
        # "32 tập thể, 86 cá nhân tiêu biểu đã được Huyện ủy biểu dương": also past the figures listed with it
        after = re.match(r"^(?:[^,;.]|,(?=\s*\d)){0,60}?\bđược\s+", text[where.position : base.end])
        if after:
            at = where.position + after.end()
            for org in find_orgs(text, self.places):
                if org.start == at:
                    return org.name, None
        for clause in sentence.clauses:
            # "…; Ủy ban nhân dân tỉnh tặng bằng khen 03 tập thể": a clause's own subject comes first
            if clause.start < where.position <= clause.end and clause.start > sentence.start:
                own = subject(clause.text, self.places, before=where.position - clause.start)
                if own:
                    mention = OrgMention(clause.start + own.start, clause.start + own.end, own.name)
                    return own.name, None if base.start <= mention.start else mention
        own = subject(sentence.text, self.places, before=where.position - sentence.start)
        if own:
            mention = OrgMention(sentence.start + own.start, sentence.start + own.end, own.name)
            return own.name, None if base.start <= mention.start else mention
        for earlier in reversed([s for s in paragraph.sentences if s.end <= sentence.start]):
            own = subject(earlier.text, self.places)
            if own:
                return own.name, OrgMention(earlier.start + own.start, earlier.start + own.end, own.name)
        if re.match(r"^(?:Hội|Chi hội)\s+(?:đã|đang|còn|cũng|vận động|phối hợp|tổ chức)\b", sentence.text):
            return self.default_org, None  # "Hội đã vận động …": the body the article is about
        if self.default_org.startswith("Hội") and not self.union_page:
            return phrasing.upper_first(self.named), None  # a commune's union: the district reports
        return self.default_org, None

    def _quote(self, paragraph: Paragraph, spans: list[tuple[int, int]]) -> str:
        ordered: list[tuple[int, int]] = []
        for start, end in sorted(set(spans)):
            if ordered and start < ordered[-1][1]:
                ordered[-1] = (ordered[-1][0], max(end, ordered[-1][1]))
            else:
                ordered.append((start, end))
        return " … ".join(paragraph.text[s:e].strip() for s, e in ordered)

    def _frame(self, where: _Where, base: Span) -> tuple[str, str, str | None, str | None]:
        """(quote, answer, org, period) for a candidate found at ``where``."""
        org, mention = self._org(where, base)
        spans = [(base.start, base.end)]
        lead: list[str] = []
        if mention:
            # quoted for the curator to see whom the org stands for; not put in the answer, which
            # says only what the article says in the words quoted
            spans.append((mention.start, mention.end))
        period_match = find_period(base.text)
        period = period_match.group(0) if period_match else None
        if period is None and base is not where.sentence:
            before = where.paragraph.text[where.sentence.start : base.start]
            earlier = find_period(before)
            if earlier:
                period = earlier.group(0)
                at = where.sentence.start + earlier.start()
                spans.append((at, at + len(period)))
                lead.append(period)
        quote = self._quote(where.paragraph, spans)
        body = base.text
        if lead:
            body = f"{', '.join(lead)}: {phrasing.lower_first(body)}"
        return quote, phrasing.answer(self.named, [body]), org, period

    def _once(self, *key: str) -> bool:
        folded = tuple(fold(k) for k in key)
        if folded in self.seen:
            return False
        self.seen.add(folded)
        return True

    # ------------------------------------------------------------ kinds

    def _figures(
        self, paragraph: Paragraph, sentence: Sentence, clause: Span, whole: int | None
    ) -> list[dict[str, Any]]:
        """The clause's figures; where the copy stops mid-sentence (``whole``: where its whole part
        ends), not one after the last break before the cut: its unit may have been cut ("01 tập…")."""
        out: list[dict[str, Any]] = []
        # where the copy cuts the clause, only its words before the last break are read: what a
        # figure counts must not run into the cut word ("6 tập thể … tiên tiến đã đư")
        read = clause.text if whole is None else clause.text[: max(0, whole - clause.start)]
        caption = is_caption(paragraph.text)
        finds = find_figures(read)
        # "biểu dương 25 tập thể, 30 cá nhân" told again later ("khen thưởng 25 tập thể, 30 cá nhân"):
        # the same two figures side by side are the ones counted before
        pairs = {(fold(a.value), fold(b.value)) for a, b in pairwise(finds)}
        again = {v for pair in pairs & self.pairs for v in pair}
        self.pairs |= pairs
        for found in finds:
            if fold(found.value) in again:
                continue
            if whole is not None and clause.start + found.end > whole:
                continue
            if read is not clause.text and not is_a_sentence(read):
                continue  # "Tại buổi họp mặt, 6 tập thể và 10 cá nhân…": what became of them was cut
            canonical = " ".join(canonical_number(n) for n in numbers(found.value))
            if caption and self._told_in_prose(canonical, found.value):
                continue  # a heading or a photo caption restating a figure the prose gives
            if _WIDER.search(_stretch(read, found.start, found.end)):
                continue  # "… tại 40 xã điểm … trên địa bàn tỉnh Bắc Giang": the province's, not the district's
            if canonical in self.counted and _RESTATING.search(clause.text):
                continue  # "19 đại biểu … được tuyên dương lần này": the ones counted before, again
            self.counted.add(canonical)
            if not self._once("figure", canonical or found.value, found.counts):
                continue
            where = _Where(paragraph, sentence, clause.start + found.start)
            # in a sentence the copy cuts, the figure's own clause is whole; the sentence is not
            base = self._within(paragraph, sentence, where.position, whole)
            quote, answer, org, period = self._frame(where, base)
            answer = _cut_answer(answer, base, clause)
            counts = _whole_counts(found.counts) or found.value
            entry: dict[str, Any] = {
                "id": self._new_id("figure", counts),
                "kind": "figure",
                "draft": True,
                "title": phrasing.title(f"{phrasing.upper_first(counts)}: {found.value}", self.district),
                "org": org,
                "value": found.value,
                "counts": counts,
            }
            if period:
                entry["period"] = period
            entry.update(answer=answer, quote=quote)
            out.append(entry)
        return out

    def _span_figure(self, paragraph: Paragraph, sentence: Sentence) -> dict[str, Any] | None:
        """ "Qua 05 năm triển khai thực hiện Chỉ thị 05-CT/TW": how long the reported work has run."""
        match = _SPAN_FIGURE.search(sentence.text)
        if not match:
            return None
        where = _Where(paragraph, sentence, sentence.start + match.start())
        quote, answer, org, _ = self._frame(where, self._base(sentence, where.position))
        counts = f"thời gian {match.group('what')} mà bài viết tổng kết"
        self._once("figure", canonical_number(numbers(match.group("value"))[0]), counts)
        return {
            "id": self._new_id("figure", f"thoi gian {match.group('what')}"),
            "kind": "figure",
            "draft": True,
            "title": phrasing.title(f"Thời gian {match.group('what')}: {match.group('value')}", self.district),
            "org": org,
            "value": match.group("value"),
            "counts": counts,
            "answer": answer,
            "quote": quote,
        }

    def _new_finds(
        self, kind: str, finds: Iterable[_Find], paragraph: Paragraph, sentence: Sentence
    ) -> Iterator[tuple[_Find, _Where, Span]]:
        """Each find of a name not met before, with where it is and the sentence or clause to quote."""
        for found in finds:
            if self._once(kind, _event_key(found.name) if kind == "event" else found.name):
                where = _Where(paragraph, sentence, sentence.start + found.start)
                yield found, where, self._base(sentence, where.position)

    def _cited(self, entry: dict[str, Any], paragraph: Paragraph, base: Span) -> dict[str, Any]:
        """The entry with its answer and quote, both the base's words, as its last fields."""
        entry.update(
            answer=phrasing.answer(self.named, [base.text]),
            quote=self._quote(paragraph, [(base.start, base.end)]),
        )
        return entry

    def _models(self, paragraph: Paragraph, sentence: Sentence, whole: int | None = None) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        finds = find_models(sentence.text, self.places)
        if whole is not None:  # the copy cuts the sentence: only the names before its last break are whole
            finds = [f for f in finds if sentence.start + f.end <= whole]
        for found, where, base in self._new_finds("model", finds, paragraph, sentence):
            if whole is not None:
                base = self._within(paragraph, sentence, where.position, whole)
            quote, answer, org, period = self._frame(where, base)
            if whole is not None:
                answer = _cut_answer(answer, base, next(c for c in sentence.clauses if c.start == base.start))
            # "Câu lạc bộ “Phụ nữ Trẻ …”" carries its own quotes
            own = found.name.lower().startswith(found.category) or re.search(r"[“\"]", found.name)
            name_label = found.name if own else f"{found.category} “{found.name}”"
            owner = found.org or owner_before(sentence.text, found.start, self.places) or org
            # the name's own verbs ("mô hình chế biến mật ong") say nothing of it
            if not is_a_sentence(base.text.replace(found.name, " ")):
                # "Đoàn Thanh niên với phong trào “…”", a piece of a list: said as a sentence of its
                # parts, the article's own words, quoted with the sentence that holds them all
                answer = phrasing.answer(self.named, [f"{owner} có {name_label}"])
                quote = sentence.text if whole is None else paragraph.text[sentence.start : whole]
            entry: dict[str, Any] = {
                "id": self._new_id("model", found.name),
                "kind": "model",
                "draft": True,
                "title": phrasing.title(phrasing.upper_first(name_label), self.district),
                "org": owner,
                "name": found.name,
                "category": found.category,
            }
            if period:
                entry["period"] = period
            entry.update(answer=answer, quote=quote)
            out.append(entry)
        return out

    def _people(self, paragraph: Paragraph, sentence: Sentence) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for found, _, base in self._new_finds("person", find_people(sentence.text), paragraph, sentence):
            entry: dict[str, Any] = {
                "id": self._new_id("person", found.name),
                "kind": "person",
                "draft": True,
                "title": phrasing.title(f"{phrasing.upper_first(found.role)} {found.name}", self.district),
                "name": found.name,
                "role": found.role,
            }
            self._cited(entry, paragraph, base)
            head = self._list_head(sentence, base)
            if head is not None:
                # "Dự hội nghị có đồng chí A – …; đồng chí B – …": the item said with the words that
                # open the list, both quoted
                entry["answer"] = phrasing.answer(self.named, [f"{head.text} {base.text.strip(' ,;:')}"])
                entry["quote"] = self._quote(paragraph, [(head.start, head.end), (base.start, base.end)])
            elif not is_a_sentence(base.text):
                # "… của chị Nguyễn Thị Nhẹ - Trà Vân", a piece of a list: told as what the article says
                entry["answer"] = phrasing.sentence(
                    f"Bài viết về {self.named} nêu: {phrasing.lower_first(base.text.strip(' ,;:'))}"
                )
            out.append(entry)
        return out

    def _list_head(self, sentence: Sentence, base: Span) -> Span | None:
        """The words that open a list of people when ``base`` is a later item of it ("Dự chỉ đạo hội
        nghị có" in "Dự chỉ đạo hội nghị có đồng chí A – …; đồng chí B – …"), or None."""
        first = sentence.clauses[0]
        if base.start <= first.start or is_a_sentence(base.text):
            return None
        people = find_people(first.text)
        if not people:
            return None
        opening = re.sub(rf"\s*\b(?:{'|'.join(_HONORIFIC_WORDS)})\s*$", "", first.text[: people[0].start], flags=re.I)
        if len(opening.split()) < 2:
            return None
        return Span(first.paragraph, first.start, first.start + len(opening), opening)

    def _events(self, paragraph: Paragraph, sentence: Sentence) -> list[dict[str, Any]]:
        """A conference or ceremony, with what the following sentences say of it: when, where,
        who chaired, who spoke, who attended (each from a sentence that is quoted too)."""
        out: list[dict[str, Any]] = []
        for found, _, base in self._new_finds("event", find_events(sentence.text), paragraph, sentence):
            entry: dict[str, Any] = {
                "id": self._new_id("event", found.name),
                "kind": "event",
                "draft": True,
                "title": phrasing.title(phrasing.upper_first(found.name), self.district),
                "name": found.name,
            }
            date = found.date or when_of(sentence.text) or when_of(paragraph.text[: sentence.start + 40])
            if not date and (is_caption(paragraph.text) or not is_a_sentence(base.text)):
                # a heading ("Sơ kết 01 năm thực hiện Kết luận …") or a photo caption ("Giao lưu với
                # cán bộ Đoàn qua các thời kỳ"): the sentence telling the event is elsewhere, if any
                continue
            place = where_of(sentence.text)
            pieces = [base.text]
            chair: list[str] = []
            speakers: list[str] = []
            attendees: list[str] = []
            for later in self._following(paragraph, sentence):
                said = False
                people = [p for p in find_people(later.text) if p.name not in chair + speakers]
                if re.search(r"\bchủ trì\b", later.text, re.IGNORECASE):
                    chair.extend(_named(people, later.text, "chủ trì"))
                    said = True
                if re.search(r"\b(?:phát biểu|trình bày|đọc diễn văn)\b", later.text, re.IGNORECASE):
                    speakers.extend(p.name for p in people if p.name not in chair)
                    said = True
                found_attendees = attendees_of(later.text)
                if found_attendees and not attendees:
                    attendees.extend(found_attendees)
                    said = True
                if said and later.text not in pieces:
                    pieces.append(later.text)
            for name, value in (("date", date), ("place", place)):
                if value:
                    entry[name] = value
            for name, values in (("chair", chair), ("speakers", speakers), ("attendees", attendees)):
                if values:
                    entry[name] = list(dict.fromkeys(values))
            entry.update(
                # the whole sentences, in order: who chaired and spoke is what users ask of an event
                # each piece a sentence of its own: a clause cut at ";" does not run into the next
                answer=phrasing.answer(self.named, [" ".join(phrasing.sentence(p) for p in pieces)]),
                quote=" … ".join(pieces),
            )
            out.append(entry)
        return out

    def _following(self, paragraph: Paragraph, sentence: Sentence) -> Iterator[Sentence]:
        """The sentence itself and those after it, in its paragraph and the next few."""
        yield sentence
        yield from (s for s in paragraph.sentences if s.start > sentence.start)
        for later in self.paragraphs[paragraph.index + 1 : paragraph.index + 1 + NEAR_PARAGRAPHS]:
            yield from later.sentences

    def _themes(self, paragraph: Paragraph, sentence: Sentence) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for found in find_themes(sentence.text):
            if not self._once("theme", found.name or sentence.text):
                continue
            where = _Where(paragraph, sentence, sentence.start + found.start)
            base = self._base(sentence, where.position)
            quote, answer, org, period = self._frame(where, base)
            label = f"{phrasing.upper_first(found.category)}: {found.name}" if found.name else base.text
            entry: dict[str, Any] = {
                "id": self._new_id("theme", f"{found.category} {found.name or base.text}"),
                "kind": "theme",
                "draft": True,
                "title": phrasing.title(label, self.district),
                "org": org,
                "category": found.category,
            }
            if found.name:
                entry["name"] = found.name
            if period:
                entry["period"] = period
            entry.update(answer=answer, quote=quote)
            out.append(entry)
        return out

    def _document(self, doc: DocumentFind, where: _Where) -> dict[str, Any]:
        base = self._base(where.sentence, where.position)
        entry: dict[str, Any] = {
            "id": self._new_id("document", doc.name),
            "kind": "document",
            "draft": True,
            "title": phrasing.title(doc.name + (f" của {doc.issuer}" if doc.issuer else ""), self.district),
            "name": doc.name,
        }
        if doc.issuer:
            entry["issuer"] = doc.issuer
        if doc.date:
            entry["date"] = doc.date
        return self._cited(entry, where.paragraph, base)

    def _author(self) -> dict[str, Any] | None:
        author = self.meta.author
        if not author:
            return None
        for paragraph in reversed(self.paragraphs):
            if author in paragraph.text:
                return {
                    "id": self._new_id("person", f"tac gia {author}"),
                    "kind": "person",
                    "draft": True,
                    "title": phrasing.title(f"Tác giả bài viết: {author}", self.district),
                    "name": author,
                    "role": "Tác giả bài viết",
                    "answer": phrasing.sentence(f"Tác giả bài viết về {self.named}: {author}"),
                    "quote": paragraph.text,
                }
        return None


def _stretch(text: str, start: int, end: int) -> str:
    """The words around a find up to the commas or semicolons on either side."""
    before = max(text.rfind(",", 0, start), text.rfind(";", 0, start)) + 1
    after = [i for i in (text.find(",", end), text.find(";", end)) if i >= 0]
    return text[before : min(after) if after else len(text)]


def is_caption(line: str) -> bool:
    """A heading or a photo caption: a short line that no full stop ends ("Tuyên dương 19 thanh
    niên tiêu biểu của huyện …"); a line ending with ":" or ";" opens or goes on a list."""
    return len(line.split()) < CAPTION_WORDS and not re.search(r"[.!?…:;][”\"’)]*\s*$", line)


def _one_per_event(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per event, from the mention that names it most fully: "tại buổi lễ báo công"
    after "lễ báo công dâng Bác", or a caption's "giao lưu sáng nay 19/5" beside "giao lưu các điển
    hình …", is the event told there (the words of one name begin the other's, the day aside)."""
    events = [(i, _event_key(undated(e["name"])).split()) for i, e in enumerate(entries) if e["kind"] == "event"]
    dropped: set[int] = set()
    for i, words in events:
        for j, other in events:
            if i == j or j in dropped:
                continue
            if i > j and _same_gathering(entries[i], entries[j]):
                dropped.add(i)  # the same kind of meeting on the same day and place, told again
                break
            if len(words) > len(other) or (len(words) == len(other) and _fuller(entries[i], i, entries[j], j)):
                continue
            if len(words) >= 2 and other[: len(words)] == words:
                dropped.add(i)  # a shorter (or an equal, less dated or later) name that begins the other's
                break
    return [e for i, e in enumerate(entries) if i not in dropped]


def _fuller(entry: dict[str, Any], at: int, other: dict[str, Any], other_at: int) -> bool:
    """Of two mentions of one event, the one kept: the dated one, else the first."""
    if ("date" in entry) != ("date" in other):
        return "date" in entry
    return at < other_at


def _same_gathering(entry: dict[str, Any], other: dict[str, Any]) -> bool:
    """ "Hội nghị sơ kết 3 năm … (Sáng 22/5)" and "sơ kết công tác … (Sáng 22/5)": one meeting,
    the same kind (its first words past "hội nghị") on the same day at the same place."""
    day, other_day = entry.get("date"), other.get("date")
    if not day or not other_day or not _DAY_OF.search(day) or _DAY_OF.findall(day) != _DAY_OF.findall(other_day):
        return False
    if entry.get("place") != other.get("place"):
        return False
    return _event_key(undated(entry["name"])).split()[:2] == _event_key(undated(other["name"])).split()[:2]


def _event_key(name: str) -> str:
    """One event however the article names it again: "hội nghị sơ kết 02 năm thực hiện Kết luận
    01-KL/TW" and "sơ kết 2 năm thực hiện Kết luận 01-KL/TW" are the same conference."""
    # "Chỉ thị 05", "Chỉ thị 05-CT/TW", "Chỉ thị 05/CT-TW": one document, however its code is copied
    bare = _DOCUMENT_CODE.sub(r"\1", fold(name))
    words = [canonical_number(w) if w.isdigit() else w for w in bare.split()]
    while words and words[0] in _EVENT_HEADS:
        words = words[1:]
    return " ".join(words)


# a mass organisation, not a Party or State body: "Hội LHPN huyện …", "Huyện đoàn …"
_UNION = re.compile(r"^(?:Hội|Huyện [Đđ]oàn|Liên đoàn Lao động|LĐLĐ|Đoàn Thanh niên|Ủy ban Mặt trận|Mặt trận|MTTQ)\b")
_HONORIFIC_WORDS = ("đồng chí", "các đồng chí", "ông", "bà", "anh", "chị")  # before a name opening a list item
_EVENT_HEADS = frozenset({"hoi", "nghi", "le", "buoi", "to", "chuc"})  # folded: "hội nghị", "lễ", "buổi", "tổ chức"
# a clause opening with these words says more of the one before it: alone, it begins mid-sentence
_GOES_ON = re.compile(r"^\s*(?:" + "|".join(GOES_ON_OPENERS) + r")\b", re.IGNORECASE)
_WIDER = re.compile(r"(?<!\w)(?:" + "|".join(WIDER_SCOPES) + r")(?!\w)", re.IGNORECASE)
_RESTATING = re.compile(r"(?<!\w)(?:" + "|".join(RESTATING_WORDS) + r")(?!\w)", re.IGNORECASE)
_DAY_OF = re.compile(r"\d{1,2}\s?/\s?\d{1,2}")  # "22/5" in "Sáng 22/5", "chiều ngày 29/5/2020"
_DOCUMENT_CODE = re.compile(r"\b(\d+)\s*[-/]\s*[a-z]{2,3}\s*[-/]\s*[a-z]{2,3}\b")  # folded "05-ct/tw"


def _whole_counts(counts: str) -> str:
    """What a figure counts without the word the find stopped after ("homestay gắn" before "với
    trải nghiệm", "mô hình tiêu biểu năm" before "2022"): no name ends with it."""
    words = counts.split()
    while words and cut_end(" ".join(words)):
        words.pop()
    return " ".join(words)


def _cut_answer(answer: str, base: Span, clause: Span) -> str:
    """The answer from the part of a clause before the copy's cut ends with "…": it says the
    article goes on, and no cut word is in it."""
    if base.end < clause.end:
        return answer.rstrip(" .") + "…"
    return answer


def _named(people: list[PersonFind], text: str, verb: str) -> list[str]:
    """The people named before the verb ("Đồng chí A, Bí thư Huyện ủy chủ trì")."""
    at = text.lower().find(verb)
    return [p.name for p in people if p.start < at] or [p.name for p in people[:1]]


def _richer(new: DocumentFind, old: DocumentFind) -> bool:
    """Keep the mention that says most: with its code, its date, its issuer."""

    def score(doc: DocumentFind) -> int:
        return 4 * doc.full + 2 * (doc.date is not None) + (doc.issuer is not None)

    return score(new) > score(old)
