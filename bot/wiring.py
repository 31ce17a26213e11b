"""Assembling the bot from its settings: one engine and one dialogue core for every door.

The rate limit and the admins are configured here, once, and apply the same
way to every door the process runs.
"""

from __future__ import annotations

from pathlib import Path

from .dialogue.core import Dialogue
from .dialogue.engine import Engine
from .dialogue.ratelimit import RateLimiter
from .dialogue.versions import Versions
from .settings import Settings
from .store import Store


async def open_store(settings: Settings) -> Store:
    """The database of DATABASE_URL (SQLite in data/ when unset), migrated."""
    url = settings.database_url.get_secret_value() if settings.database_url else None
    return await Store.open(url, retention_days=settings.question_retention_days)


def versions(store: Store, settings: Settings) -> Versions:
    return Versions(store, Path(settings.knowledge_dir))


def dialogue(
    engine: Engine, settings: Settings, store: Store | None = None, knowledge: Versions | None = None
) -> Dialogue:
    return Dialogue(
        engine,
        admins={
            "telegram": frozenset(str(i) for i in settings.admin_ids),
            "zalo": frozenset(settings.zalo_admin_ids),
        },
        limiter=RateLimiter(settings.rate_limit_messages, settings.rate_limit_seconds),
        context_ttl=settings.context_minutes * 60,
        store=store,
        versions=knowledge,
    )
