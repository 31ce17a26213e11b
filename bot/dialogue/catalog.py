"""What the base holds, shown as catalogs: districts, sources, models page by page.

"The models of a district" and "the line of districts" are assembled here and
nowhere else; commands, suggestions and declines all come here for them.
"""

from __future__ import annotations

from ..answer import Suggestion, capitalize_first
from ..knowledge import KnowledgeBase, Located
from . import texts
from .actions import AskExample, ShowModels
from .messages import Page, Reply

MODELS_PER_PAGE = 10
MAX_EXAMPLES = 3


def districts_line(kb: KnowledgeBase) -> str:
    """ "Bù Đốp (Bình Phước), Châu Thành (Bến Tre), …" """
    seen: dict[str, str] = {}
    for article in kb.articles.values():
        seen.setdefault(article.district, article.province)
    return ", ".join(f"{d} ({p})" for d, p in seen.items())


def district_key(kb: KnowledgeBase, district: str) -> str:
    """A district's short ASCII key for button data: its first article's id."""
    for article in kb.articles.values():
        if article.district == district:
            return article.id
    raise KeyError(district)


def district_of_key(kb: KnowledgeBase, key: str) -> str | None:
    article = kb.articles.get(key)
    return article.district if article else None


def example_suggestions(kb: KnowledgeBase, limit: int = MAX_EXAMPLES) -> tuple[Suggestion, ...]:
    """The curators' example questions (knowledge/examples.yaml), as things to try."""
    return tuple(Suggestion(label=q, action=AskExample(i)) for i, q in enumerate(kb.examples[:limit]))


def models_of(kb: KnowledgeBase, district: str | None) -> list[Located]:
    return [e for e in kb.entries if e.entry.kind == "model" and (district is None or e.district == district)]


def model_line(located: Located, with_district: bool) -> str:
    entry = located.entry
    name = getattr(entry, "name", entry.title)
    where = f" [{located.district}]" if with_district else ""
    return f"• {capitalize_first(name)} ({entry.org or ''}){where}"


def districts_view(kb: KnowledgeBase) -> Reply:
    parts = [texts.district_entry(a.district, a.province, a.title, a.date_label) for a in kb.articles.values()]
    return Reply.say("command", *parts, texts.DISTRICTS_FOOTER, title=texts.DISTRICTS_TITLE)


def sources_view(kb: KnowledgeBase) -> Reply:
    parts = [
        texts.source_entry(a.title, a.district, a.province, a.date_label, a.author, a.source_file)
        for a in kb.articles.values()
    ]
    return Reply.say("command", texts.SOURCES_INTRO, *parts, title=texts.SOURCES_TITLE)


def models_view(kb: KnowledgeBase, key: str, page: int, turned: bool = False) -> Reply:
    """One page of the models of a district (key: its article id; "" for all districts)."""
    district = district_of_key(kb, key) if key else None
    if key and district is None:
        return Reply.say("expired", texts.EXPIRED)
    items = models_of(kb, district)
    if not items:
        return Reply.say("catalog", texts.NO_MODELS)
    pages = -(-len(items) // MODELS_PER_PAGE)
    page = min(max(page, 0), pages - 1)
    shown = items[page * MODELS_PER_PAGE : (page + 1) * MODELS_PER_PAGE]
    lines = "\n".join(model_line(item, with_district=district is None) for item in shown)
    where = f"huyện {district}" if district else None
    nav = Page(
        number=page + 1,
        total=pages,
        current=ShowModels(key, page, turn=True),
        previous=ShowModels(key, page - 1, turn=True) if page > 0 else None,
        next=ShowModels(key, page + 1, turn=True) if page < pages - 1 else None,
    )
    return Reply(
        kind="catalog",
        answered=True,
        title=texts.models_title(where, page + 1, pages),
        parts=(lines,),
        page=nav if pages > 1 else None,
        edit=turned,
    )
