"""What the curators' console shows and does, apart from how it is drawn.

The console is a curators' door: its changes go through the same paths as the chat's curator
commands (/duyet, /khoiphuc), or, for what no command does (keywords added to an entry, a
draft's fields edited), through a working copy of the newest version that is validated whole,
stored as the next version and served, exactly as those commands do.
"""

from __future__ import annotations

import asyncio
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.answering import tuning
from bot.chat.desk import Core
from bot.chat.messages import Incoming, Reply
from bot.curation import curator_texts
from bot.curation.commands import COMMANDS, store_and_serve
from bot.curation.drafting.draft import draft_article
from bot.curation.drafting.flags import flag_entries
from bot.curation.drafting.writer import yaml_round_trip
from bot.curation.library import KnowledgeLibrary
from bot.knowledge.changes import ReloadReport, diff
from bot.knowledge.loading import load
from bot.knowledge.schema import KnowledgeBase, Located
from bot.language import lexicon
from bot.language.folding import collapse_spaces, numbers, tokens
from bot.language.sentences import paragraphs
from bot.store.console_access import Curator

EDITABLE = ("title", "answer", "quote", "org", "period", "note", "value", "counts", "name", "role")


def curator_message(curator: Curator, text: str = "") -> Incoming:
    """The console's curator as the core's message: an admin on the door they signed in from."""
    return Incoming(
        door=curator.door, chat_id="console", user_id=f"console-{curator.user_hash[:16]}", text=text, is_admin=True
    )


# ---------------------------------------------------------------- changes through a working copy


def _facts_file(directory: Path, kb: KnowledgeBase, located: Located) -> Path:
    """The entry's facts file in the working copy (the base names it under its own directory)."""
    path = Path(located.file)
    try:
        return directory / path.resolve().relative_to(kb.directory.resolve())
    except ValueError:
        return directory / "facts" / path.name


def _entry_in(data: Any, entry_id: str) -> Any:
    for entry in data.get("entries") or []:
        if entry.get("id") == entry_id:
            return entry
    return None


async def _edited(
    core: Core, library: KnowledgeLibrary, curator: Curator, located: Located, change: Any, note: str
) -> Reply:
    directory = await library.working_copy()
    path = _facts_file(directory, core.answerer.kb, located)
    if not path.is_file():
        library.discard(directory)
        return Reply.say("invalid", curator_texts.no_such_entry(located.id))
    yaml = yaml_round_trip()
    data = yaml.load(path.read_text(encoding="utf-8"))
    entry = _entry_in(data, located.id)
    if entry is None:
        library.discard(directory)
        return Reply.say("invalid", curator_texts.no_such_entry(located.id))
    problem = change(entry)
    if problem is not None:
        library.discard(directory)
        return Reply.say("invalid", problem)
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)
    return await store_and_serve(core, library, curator_message(curator), directory, note)


def _words(text: str) -> list[str]:
    return [w for w in (" ".join(p.split()) for p in re.split(r"[,;\n]", text)) if w][:20]


async def add_keywords(core: Core, library: KnowledgeLibrary, curator: Curator, entry_id: str, text: str) -> Reply:
    """The words (comma-separated) added to an entry's keywords, as a new version."""
    located = core.answerer.kb.by_id.get(entry_id)
    if located is None:
        return Reply.say("invalid", curator_texts.no_such_entry(entry_id))
    words = [w for w in _words(text) if len(w) <= 200]
    if not words:
        return Reply.say("invalid", curator_texts.NO_KEYWORDS)

    def change(entry: Any) -> str | None:
        have = list(entry.get("keywords") or [])
        new = [w for w in words if w.lower() not in {h.lower() for h in have}]
        if not new:
            return curator_texts.keywords_already(entry_id)
        entry["keywords"] = have + new
        return None

    return await _edited(core, library, curator, located, change, curator_texts.keywords_note(entry_id, words))


async def edit_draft(
    core: Core, library: KnowledgeLibrary, curator: Curator, entry_id: str, fields: Mapping[str, str]
) -> Reply:
    """A draft's fields changed (it stays a draft), as a new version: what accepting it then serves."""
    located = next((d for d in core.answerer.kb.drafts if d.id == entry_id), None)
    if located is None:
        return Reply.say("invalid", curator_texts.no_such_entry(entry_id))

    def change(entry: Any) -> str | None:
        if entry.get("draft") is not True:  # accepted meanwhile (another replica, a push): not edited unreviewed
            return curator_texts.no_such_entry(entry_id)
        changed = False
        for name, value in fields.items():
            value = " ".join(value.split()) if name != "quote" else value.strip()
            if name in EDITABLE and name in entry and value and value != str(entry[name]):
                entry[name] = value
                changed = True
        return None if changed else curator_texts.NOTHING_CHANGED

    return await _edited(core, library, curator, located, change, curator_texts.edited_note(entry_id))


async def review(
    core: Core,
    library: KnowledgeLibrary,
    curator: Curator,
    article: str,
    ids: Sequence[str],
    accept: bool,
    force: bool = False,
) -> Reply:
    """Drafts accepted (flagged ones only with `force`) or rejected exactly as /duyet does:
    validated whole, stored, served. Only the article's own drafts are taken."""
    drafts = {d.id for d in core.answerer.kb.drafts if d.article.id == article}
    unknown = [i for i in ids if i not in drafts]
    if unknown or not ids:
        return Reply.say("invalid", curator_texts.no_such_entry(", ".join(unknown)[:200]))
    if not accept:
        return await COMMANDS["duyet"](library, core, curator_message(curator), f"{article} bo {','.join(ids)}")
    forced = " force" if force else ""
    return await COMMANDS["duyet"](library, core, curator_message(curator), f"{article} {','.join(ids)}{forced}")


async def rollback(core: Core, library: KnowledgeLibrary, curator: Curator, number: int) -> Reply:
    return await COMMANDS["khoiphuc"](library, core, curator_message(curator), str(number))


# ---------------------------------------------------------------- drafts beside their article


@dataclass(frozen=True)
class Segment:
    text: str
    drafts: tuple[str, ...]  # the drafts whose quote this piece of the article is


@dataclass(frozen=True)
class DraftView:
    located: Located
    flags: tuple[str, ...]
    found: bool  # its quote was found in the article


def article_with_drafts(kb: KnowledgeBase, article_id: str) -> tuple[list[Segment], list[DraftView]]:
    """The article's text cut where draft quotes begin and end, and the drafts in their order."""
    drafts = [d for d in kb.drafts if d.article.id == article_id]
    article = kb.draft_articles.get(article_id) or kb.articles.get(article_id)
    text = article.text if article is not None else ""
    flags = flag_entries([d.entry for d in drafts], text) if drafts else {}
    spans: list[tuple[int, int, str]] = []
    found: dict[str, bool] = {}
    for located in drafts:
        pieces = [p.strip(" .,;:") for p in located.entry.quote.split("…")]
        hits = [(i, i + len(p)) for p in pieces if len(p) >= 8 and (i := text.find(p)) >= 0]
        found[located.id] = bool(hits)
        spans.extend((a, b, located.id) for a, b in hits)
    cuts = sorted({0, len(text), *(a for a, _, _ in spans), *(b for _, b, _ in spans)})
    segments = [
        Segment(text[a:b], tuple(sorted({d for s, e, d in spans if s <= a and b <= e})))
        for a, b in itertools.pairwise(cuts)
        if b > a
    ]
    views = [DraftView(d, tuple(flags.get(d.id, ())), found[d.id]) for d in drafts]
    return segments, views


def articles_with_drafts(kb: KnowledgeBase) -> dict[str, int]:
    out: dict[str, int] = {}
    for located in kb.drafts:
        out[located.article.id] = out.get(located.article.id, 0) + 1
    return out


# ---------------------------------------------------------------- versions


async def version_diff(library: KnowledgeLibrary, older: int, newer: int) -> ReloadReport:
    """What changed from version `older` to `newer`: entries and articles added, removed, changed."""
    a, b = await library.checkout(older), await library.checkout(newer)
    old_kb, new_kb = await asyncio.gather(asyncio.to_thread(load, a), asyncio.to_thread(load, b))
    return diff(old_kb, new_kb)


# ---------------------------------------------------------------- the board's answer, as an entry


@dataclass(frozen=True)
class Support:
    article_id: str
    title: str
    sentence: str


def supporting_sentences(kb: KnowledgeBase, answer: str, limit: int = 3) -> list[Support]:
    """The articles' sentences that hold the board's answer (every number of it, and most of its
    word pairs: Vietnamese words are mostly two syllables): where one does, the answer can become
    an entry quoting it."""
    wanted = _pairs(tokens(answer))
    figures = set(numbers(answer))
    if len(wanted) < 3:
        return []
    found: list[tuple[float, Support]] = []
    for article in kb.articles.values():
        for paragraph in paragraphs(article.text):
            for sentence in paragraph.sentences:
                if figures and not figures <= set(numbers(sentence.text)):
                    continue
                share = len(wanted & _pairs(tokens(sentence.text))) / len(wanted)
                if share >= tuning.BOARD_ANSWER_SUPPORT:
                    found.append((share, Support(article.id, article.title, sentence.text)))
    found.sort(key=lambda pair: -pair[0])
    return [support for _, support in found[:limit]]


def _pairs(toks: Sequence[str]) -> set[tuple[str, str]]:
    return {(a, b) for a, b in itertools.pairwise(toks) if not (a in lexicon.STOPWORDS and b in lexicon.STOPWORDS)}


async def draft_from_sentence(
    core: Core, library: KnowledgeLibrary, curator: Curator, article_id: str, sentence: str
) -> Reply:
    """The drafter's entries for one sentence of a served article (the one that holds the board's
    answer), added to the article's facts as drafts, as a new version: reviewed on the drafts page."""
    kb = core.answerer.kb
    article = kb.articles.get(article_id)
    wanted = collapse_spaces(sentence)
    if article is None or len(wanted) < 20 or wanted not in collapse_spaces(article.text):
        return Reply.say("invalid", curator_texts.NOTHING_TO_DRAFT)
    taken = {*kb.by_id, *(d.id for d in kb.drafts)}
    drafted = await asyncio.to_thread(draft_article, article.text, f"articles/{article_id}.txt", taken)
    chosen = [e for e in drafted.entries if all(p.strip(" .,;:") in wanted for p in str(e.get("quote", "")).split("…"))]
    if not chosen:
        return Reply.say("invalid", curator_texts.NOTHING_TO_DRAFT)
    located = next((e for e in kb.entries if e.article.id == article_id), None)
    directory = await library.working_copy()
    path = _facts_file(directory, kb, located) if located is not None else directory / "facts" / f"{article_id}.yaml"
    if not path.is_file():
        library.discard(directory)
        return Reply.say("invalid", curator_texts.NOTHING_TO_DRAFT)
    yaml = yaml_round_trip()
    data = yaml.load(path.read_text(encoding="utf-8"))
    for entry in chosen:
        data["entries"].append({**entry, "draft": True})
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)
    note = curator_texts.drafted_from_answer(article_id, [str(e["id"]) for e in chosen])
    return await store_and_serve(core, library, curator_message(curator), directory, note)
