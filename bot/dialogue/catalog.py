"""What the base holds, shown as catalogs: districts, sources, models page by page.

"The models of a district" and "the line of districts" are assembled here and
nowhere else; commands, suggestions and declines all come here for them. Every
catalog is paged, so that a base of many districts still reads on a phone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from ..answer import Suggestion, capitalize_first
from ..knowledge import KnowledgeBase, Located
from . import texts
from .actions import Action, AskExample, ShowCatalog, ShowModels
from .messages import Page, Reply

PER_PAGE = 10
MAX_EXAMPLES = 3
MAX_NAMED_DISTRICTS = 12  # a longer line of districts names these and counts the rest


def districts_line(kb: KnowledgeBase) -> str:
    """ "Bù Đốp (Bình Phước), Châu Thành (Bến Tre), …" (the first dozen and a count, when there are many)."""
    named = [f"{d} ({kb.district_articles[d][0].province})" for d in kb.districts[:MAX_NAMED_DISTRICTS]]
    line = ", ".join(named)
    more = len(kb.districts) - len(named)
    return texts.and_more_districts(line, more) if more > 0 else line


def district_key(kb: KnowledgeBase, district: str) -> str:
    """A district's short ASCII key for button data: its first article's id."""
    return kb.district_articles[district][0].id


def district_of_key(kb: KnowledgeBase, key: str) -> str | None:
    article = kb.articles.get(key)
    return article.district if article else None


def example_suggestions(kb: KnowledgeBase, limit: int = MAX_EXAMPLES) -> tuple[Suggestion, ...]:
    """The curators' example questions (knowledge/examples.yaml), as things to try."""
    return tuple(Suggestion(label=q, action=AskExample(i)) for i, q in enumerate(kb.examples[:limit]))


def models_of(kb: KnowledgeBase, district: str | None) -> list[Located]:
    entries = kb.entries if district is None else kb.by_district.get(district, ())
    return [e for e in entries if e.entry.kind == "model"]


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
        lambda n, total: texts.paged(heading, n, total),
        lines,
        page,
        turned,
        lambda p, turn: ShowCatalog(name, p, turn),
        footer,
    )


def districts_view(kb: KnowledgeBase, page: int = 0, turned: bool = False) -> Reply:
    lines = [texts.district_entry(a.district, a.province, a.title, a.date_label) for a in kb.articles.values()]
    return _catalog_page("huyen", texts.DISTRICTS_TITLE, lines, page, turned, (texts.DISTRICTS_FOOTER,))


def sources_view(kb: KnowledgeBase, page: int = 0, turned: bool = False) -> Reply:
    lines = [
        texts.source_entry(a.title, a.district, a.province, a.date_label, a.author, a.source_file)
        for a in kb.articles.values()
    ]
    reply = _catalog_page("nguon", texts.SOURCES_TITLE, lines, page, turned)
    return reply.model_copy(update={"parts": (texts.SOURCES_INTRO, *reply.parts)})


def models_view(kb: KnowledgeBase, key: str, page: int, turned: bool = False) -> Reply:
    """One page of the models of a district (key: its article id; "" for all districts)."""
    district = district_of_key(kb, key) if key else None
    if key and district is None:
        return Reply.say("expired", texts.EXPIRED)
    items = models_of(kb, district)
    if not items:
        return Reply.say("catalog", texts.NO_MODELS)
    where = f"huyện {district}" if district else None
    lines = [model_line(item, with_district=district is None) for item in items]
    # a page of models is one block: split messages between pages, not between models
    reply = _paged(
        "catalog",
        lambda n, total: texts.models_title(where, n, total),
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
