"""Catalog views for commands: districts, sources and models, page by page.

Every catalog is paged, so that a base of many districts still reads on a phone."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from bot.answering.answer import capitalize_first
from bot.answering.catalog import district_of_key, models_of
from bot.answering.suggestions import ShowModels
from bot.chat import chat_texts
from bot.chat.actions import Action, ShowCatalog
from bot.chat.messages import Page, Reply
from bot.knowledge.schema import KnowledgeBase, Located

PER_PAGE = 10


def model_line(located: Located, with_district: bool) -> str:
    entry = located.entry
    name = getattr(entry, "name", entry.title)
    where = f" [{located.district}]" if with_district else ""
    return f"• {capitalize_first(name)} ({entry.org or ''}){where}"


def _paged(
    kind: Literal["catalog", "command"],
    title: Callable[[int, int], str],
    lines: Sequence[str],
    page: int,
    turned: bool,
    action: Callable[[int, bool], Action],
    footer: Sequence[str] = (),
) -> Reply:
    """One page of `lines`, with the actions that turn it."""
    pages = max(1, -(-len(lines) // PER_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = lines[page * PER_PAGE : (page + 1) * PER_PAGE]
    nav = Page(
        number=page + 1,
        total=pages,
        current=action(page, True),
        previous=action(page - 1, True) if page > 0 else None,
        next=action(page + 1, True) if page < pages - 1 else None,
    )
    return Reply(
        kind=kind,
        answered=True,
        title=title(page + 1, pages),
        parts=(*shown, *footer),
        page=nav if pages > 1 else None,
        edit=turned,
    )


def _catalog_page(
    name: Literal["huyen", "nguon"],
    heading: str,
    lines: Sequence[str],
    page: int,
    turned: bool,
    footer: Sequence[str] = (),
) -> Reply:
    """One page of a catalog a command shows (/huyen, /nguon), turned by ShowCatalog(name, …)."""
    return _paged(
        "command",
        lambda n, total: chat_texts.paged(heading, n, total),
        lines,
        page,
        turned,
        lambda p, turn: ShowCatalog(name, p, turn),
        footer,
    )


def districts_view(kb: KnowledgeBase, page: int = 0, turned: bool = False) -> Reply:
    lines = [
        chat_texts.district_entry(a.named, a.province_named, a.province_today_named, a.title, a.date_label)
        for a in kb.articles.values()
    ]
    return _catalog_page("huyen", chat_texts.DISTRICTS_TITLE, lines, page, turned, (chat_texts.DISTRICTS_FOOTER,))


def sources_view(kb: KnowledgeBase, page: int = 0, turned: bool = False) -> Reply:
    lines = [
        chat_texts.source_entry(a.title, a.named, a.province_named, a.date_label, a.author, a.publisher, a.url)
        for a in kb.articles.values()
    ]
    reply = _catalog_page("nguon", chat_texts.SOURCES_TITLE, lines, page, turned)
    return reply.model_copy(update={"parts": (chat_texts.SOURCES_INTRO, *reply.parts)})


def models_view(kb: KnowledgeBase, key: str, page: int, turned: bool = False) -> Reply:
    """One page of the models of a district (key: its article id; "" for all districts)."""
    district = district_of_key(kb, key) if key else None
    if key and district is None:
        return Reply.say("expired", chat_texts.EXPIRED)
    items = models_of(kb, district)
    if not items:
        return Reply.say("catalog", chat_texts.NO_MODELS)
    where = f"huyện {district}" if district else None
    lines = [model_line(item, with_district=district is None) for item in items]
    # a page of models is one block: split messages between pages, not between models
    reply = _paged(
        "catalog",
        lambda n, total: chat_texts.models_title(where, n, total),
        lines,
        page,
        turned,
        lambda p, turn: ShowModels(key, p, turn),
    )
    return reply.model_copy(update={"parts": ("\n".join(reply.parts),)})


def view(kb: KnowledgeBase, action: ShowCatalog) -> Reply:
    if action.name == "huyen":
        return districts_view(kb, action.page, action.turn)
    return sources_view(kb, action.page, action.turn)
