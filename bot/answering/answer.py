"""The Answer every door renders, and how entries become answers.

An Answer is plain data. ``text`` is the complete plain-text reply (what the
command line prints); doors build theirs from ``body``, ``quotes``,
``sources`` and ``suggestions`` instead, escaping what their medium needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict

from bot.answering import answer_texts
from bot.answering.quoting import ELLIPSIS, own_clauses, restates, short_quote
from bot.answering.restating import without_read
from bot.answering.suggestions import ShowEntry, Suggestion
from bot.knowledge.schema import Article, Located
from bot.language.folding import canonical_number, is_year, numbers

AnswerKind = Literal["fact", "list", "clarify", "decline", "smalltalk", "invalid"]
# replies that refuse on purpose by their kind (small talk, bad input), beside Answer.refusal's reasons
REFUSED_KINDS: tuple[AnswerKind, ...] = ("smalltalk", "invalid")
# what is not answered but could be: a gap of the base, which a person may answer instead
GAP_KINDS: tuple[AnswerKind, ...] = ("decline", "clarify")


class Source(BaseModel):
    model_config = ConfigDict(frozen=True)

    article_id: str
    title: str
    district: str
    province: str
    date: str | None  # ISO date, when the article prints one
    date_label: str
    publisher: str | None = None
    url: str | None = None
    named: str = ""  # "huyện Bù Đốp", "thị xã Kinh Môn"
    province_named: str = ""  # "tỉnh Bình Phước"
    today_named: str | None = None  # the province of today's map (since 1 July 2025): "tỉnh Đồng Nai"

    @classmethod
    def of(cls, article: Article) -> Source:
        return cls(
            article_id=article.id,
            title=article.title,
            district=article.district,
            province=article.province,
            date=article.date.isoformat() if article.date else None,
            date_label=article.date_label,
            publisher=article.publisher,
            url=article.url,
            named=article.named,
            province_named=article.province_named,
            today_named=article.province_today_named,
        )

    def line(self) -> str:
        """«title», the newspaper and date (and the link) where the article has them."""
        return f"«{self.title}» ({self.about()})" + (f" {self.url}" if self.url else "")

    def about(self) -> str:
        """The places, the newspaper and the date, as the line gives them after the title."""
        return answer_texts.source_about(
            self.named or f"huyện {self.district}",
            self.province_named or f"tỉnh {self.province}",
            self.date_label,
            self.publisher,
            self.today_named,
        )


class Labelled(Protocol):
    """Anything offered to pick by number: a suggestion, a page turn."""

    @property
    def label(self) -> str: ...


class Answer(BaseModel):
    model_config = ConfigDict(frozen=True)

    answered: bool
    kind: AnswerKind
    text: str
    body: str
    quotes: tuple[str, ...] = ()  # short: the clause that holds the figure
    full_quotes: tuple[str, ...] = ()  # the whole quotes, when the short ones were cut
    quote_of: str | None = None  # the entry whose whole quote "xem trích dẫn" shows
    sources: tuple[Source, ...] = ()
    score: float = 0.0
    suggestions: tuple[Suggestion, ...] = ()
    suggestions_heading: str = answer_texts.MORE_HEADING
    entry_ids: tuple[str, ...] = ()
    # not answered, but the question stands: the bot asked back, or said what the article lacks,
    # so the next turn may complete or correct it ("ở Lai Vung", "ý mình là năm 2022")
    open_question: bool = False
    # not answered on purpose, and why: "instruction", "opinion", "general" (general knowledge);
    # curators see these apart from the real gaps of the base
    refusal: str | None = None


def suggestion_for(located: Located) -> Suggestion:
    return Suggestion(label=located.entry.title, action=ShowEntry(located.id))


def sources_text(sources: Sequence[Source]) -> str:
    if len(sources) == 1:
        return f"{answer_texts.SOURCE_PREFIX} {sources[0].line()}"
    return answer_texts.SOURCE_PREFIX + "\n" + "\n".join(f"- {s.line()}" for s in sources)


def numbered(suggestions: Sequence[Labelled]) -> str:
    return "\n".join(f"{i}. {s.label}" for i, s in enumerate(suggestions, 1))


def render(
    body: str,
    quotes: Sequence[str],
    sources: Sequence[Source],
    suggestions: Sequence[Suggestion] = (),
    suggestions_heading: str = answer_texts.MORE_HEADING,
) -> str:
    """The plain-text form of an answer: body, quotes, sources, numbered suggestions."""
    parts = [body]
    parts.extend(answer_texts.quote_line(quote) for quote in quotes)
    if sources:
        parts.append(sources_text(sources))
    if suggestions:
        parts.append(suggestions_heading + "\n" + numbered(suggestions))
    return "\n\n".join(parts)


def fact_answer(
    items: Sequence[Located],
    score: float,
    suggestions: Sequence[Suggestion] = (),
    brief: Iterable[str] = (),
    read: frozenset[str] = frozenset(),
) -> Answer:
    """One entry, or several that together answer a question in parts. Entries in ``brief`` (a
    follow-up about the passage just answered) are stated as what they count and their value,
    without the other figures of the passage the user has just read. A sentence whose figures
    an earlier one already states is not said again; a curator's note is shown only where it
    bears on a figure shown (see :func:`note_matters`). A sentence (and its quote) printing a
    figure of ``read``, the figures the user has just read, is said up to that figure, where enough
    of it is left (a follow-up asking who, when or how long of the passage just answered)."""
    brief = set(brief)
    sentences: list[str] = []
    notes: list[str] = []
    said: set[str] = set()
    full: list[str] = []
    quoted: list[str] = []
    names: list[str | None] = []
    wanted: dict[str, list[str]] = {}  # quote → the numbers the answer states from it
    told: dict[str, list[str]] = {}  # quote → the answer's sentences from it
    sources: list[Source] = []
    cut_quotes: set[str] = set()  # the quotes of sentences cut before a figure just read
    for located in items:
        entry = located.entry
        value = getattr(entry, "value", None)
        counts = getattr(entry, "counts", None)
        stated = figures(value) if value else set()
        if stated and stated <= said:
            continue  # "63 tập thể, 294 cá nhân": one sentence already says both
        others = figures(entry.answer) - stated  # what else the sentence says: the passage just read
        sentence = entry.answer
        if located.id in brief and value and counts and others:
            # a drafted sentence said as far as its own figure goes, in the article's words
            own = own_clauses(entry.answer, value) if restates(entry.answer, entry.quote) else None
            sentence = own or answer_texts.brief_figure(counts, value)
        restated = without_read(sentence, read) if read else None
        if restated is not None:
            sentence = restated + "."
            cut_quotes.add(entry.quote)
        sentences.append(sentence)
        said |= figures(sentence)
        if entry.note and entry.note not in notes and note_matters(entry.note, sentence):
            notes.append(entry.note)
        if entry.quote not in full:
            full.append(entry.quote)
            quoted.append(located.id)
            names.append(getattr(entry, "name", None))
        wanted.setdefault(entry.quote, []).extend(numbers(value or sentence))
        told.setdefault(entry.quote, []).append(sentence)
        source = Source.of(located.article)
        if source not in sources:
            sources.append(source)
    body = "\n".join([*sentences, *(f"{answer_texts.NOTE_PREFIX} {note}" for note in notes)])
    quotes = [
        _without_read_quote(short_quote(q, wanted.get(q, ()), name, " ".join(told.get(q, ()))), read)
        if q in cut_quotes
        else short_quote(q, wanted.get(q, ()), name, " ".join(told.get(q, ())))
        for q, name in zip(full, names, strict=True)
    ]
    return Answer(
        answered=True,
        kind="fact",
        text=render(body, quotes, sources, suggestions),
        body=body,
        quotes=tuple(quotes),
        full_quotes=tuple(full) if tuple(full) != tuple(quotes) else (),
        quote_of=next((i for i, q, f in zip(quoted, quotes, full, strict=True) if q != f), None),
        sources=tuple(sources),
        score=round(score, 4),
        suggestions=tuple(suggestions),
        entry_ids=tuple(located.id for located in items),
    )


def note_matters(note: str, sentence: str) -> bool:
    """A curator's note changes what a reader should believe when it speaks of a figure the
    sentence shows ("Bài ghi 85.300.00đ, có lẽ thiếu một chữ số"); notes about the article's
    layout or a typo elsewhere in the quote are for curators."""
    return bool(figures(note) & figures(sentence))


def _without_read_quote(piece: str, read: frozenset[str]) -> str:
    """A quote of a sentence said without the figures just read: the same words, cut there too."""
    cut = without_read(piece, read)
    return piece if cut is None else f"{cut} {ELLIPSIS}"


def figures(text: str) -> set[str]:
    """The numbers a text states, in one spelling, without years (they date, not count)."""
    return {canonical_number(n) for n in numbers(text) if not is_year(canonical_number(n))}


def quote_answer(located: Located) -> Answer:
    """An entry's whole quote, with its source: what "xem trích dẫn" shows."""
    sources = (Source.of(located.article),)
    body = answer_texts.WHOLE_QUOTE
    quotes = (located.entry.quote,)
    return Answer(
        answered=True,
        kind="fact",
        text=render(body, quotes, sources),
        body=body,
        quotes=quotes,
        sources=sources,
        score=1.0,
        entry_ids=(located.id,),
    )


def article_answer(body: str, articles: Sequence[Article]) -> Answer:
    """About the articles themselves (author, date): metadata, not an entry."""
    sources = tuple(Source.of(a) for a in articles)
    return Answer(answered=True, kind="fact", text=render(body, (), sources), body=body, sources=sources, score=1.0)


def list_item(located: Located) -> str:
    entry = located.entry
    match entry.kind:
        case "model":
            return f"{capitalize_first(entry.name)} ({entry.category}, {entry.org})"
        case "figure":
            return f"{entry.value}: {entry.counts}"
        case "person":
            return f"{entry.name}: {entry.role}"
        case "document":
            return entry.name + (f" ({entry.date})" if entry.date else "")
        case _:
            return entry.title


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def list_answer(heading: str, items: Sequence[Located], score: float) -> Answer:
    by_article: dict[str, list[Located]] = {}
    for located in items:
        by_article.setdefault(located.article.id, []).append(located)
    blocks: list[str] = [heading]
    for group in by_article.values():
        lines = [f"• {list_item(item)}" for item in group]
        if len(by_article) > 1:
            lines.insert(0, answer_texts.district_group(group[0].article.named))
        blocks.append("\n".join(lines))
    body = "\n\n".join(blocks)
    sources = tuple(Source.of(group[0].article) for group in by_article.values())
    return Answer(
        answered=True,
        kind="list",
        text=render(body, (), sources),
        body=body,
        sources=sources,
        score=round(score, 4),
        entry_ids=tuple(item.id for item in items),
    )


def not_answered(
    kind: AnswerKind,
    body: str,
    suggestions: Iterable[Suggestion] = (),
    score: float = 0.0,
    heading: str = answer_texts.TRY_HEADING,
    open_question: bool = False,
    refusal: str | None = None,
) -> Answer:
    suggestions = tuple(suggestions)
    return Answer(
        answered=False,
        kind=kind,
        text=render(body, (), (), suggestions, heading),
        body=body,
        score=round(score, 4),
        suggestions=suggestions,
        suggestions_heading=heading,
        open_question=open_question,
        refusal=refusal,
    )
