"""Assembling the bot from its settings: one engine and one dialogue core for every door.

The rate limit and the admins are configured here, once, and apply the same
way to every door the process runs.
"""

from __future__ import annotations

from .dialogue.core import Dialogue
from .dialogue.engine import Engine
from .dialogue.ratelimit import RateLimiter
from .settings import Settings


def dialogue(engine: Engine, settings: Settings) -> Dialogue:
    return Dialogue(
        engine,
        admins={
            "telegram": frozenset(str(i) for i in settings.admin_ids),
            "zalo": frozenset(settings.zalo_admin_ids),
        },
        limiter=RateLimiter(settings.rate_limit_messages, settings.rate_limit_seconds),
        context_ttl=settings.context_minutes * 60,
        choices_ttl=settings.context_minutes * 60,
    )
