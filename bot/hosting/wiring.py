"""Assembling the bot from its settings: one answerer and one dialogue core for every door.

The rate limit, the admins and the curators' desk are configured here, once, and apply the
same way to every door the process runs.
"""

from __future__ import annotations

from pathlib import Path

from bot.answering.answerer import Answerer
from bot.chat.core import Dialogue
from bot.chat.ratelimit import RateLimiter
from bot.curation.desk import CuratorDesk
from bot.curation.library import KnowledgeLibrary
from bot.hosting.settings import Settings
from bot.store import Store


async def open_store(settings: Settings) -> Store:
    """The database of DATABASE_URL (SQLite in data/ when unset), migrated."""
    url = settings.database_url.get_secret_value() if settings.database_url else None
    return await Store.open(url, retention_days=settings.question_retention_days)


def library(store: Store, settings: Settings) -> KnowledgeLibrary:
    return KnowledgeLibrary(store, Path(settings.knowledge_dir))


def dialogue(
    answerer: Answerer, settings: Settings, store: Store | None = None, library: KnowledgeLibrary | None = None
) -> Dialogue:
    return Dialogue(
        answerer,
        admins={
            "telegram": frozenset(str(i) for i in settings.admin_ids),
            "zalo": frozenset(settings.zalo_admin_ids),
        },
        limiter=RateLimiter(settings.rate_limit_messages, settings.rate_limit_seconds),
        context_ttl=settings.context_minutes * 60,
        store=store,
        desks=[CuratorDesk(library, console_url=settings.console_url)],
        handoff_doors=frozenset(
            door
            for door, token in (("telegram", settings.telegram_bot_token), ("zalo", settings.zalo_bot_token))
            if token is not None
        ),
    )
