"""INSERT … ON CONFLICT in the dialect of the session's database.

PostgreSQL and SQLite spell it the same way, but SQLAlchemy builds it from a
dialect-specific ``insert``; this picks the one that matches.
"""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.models import Base


def insert(session: AsyncSession, model: type[Base]) -> postgresql.Insert | sqlite.Insert:
    return dialect_insert(session.get_bind().dialect.name, model)


def dialect_insert(dialect: str, model: type[Base]) -> postgresql.Insert | sqlite.Insert:
    if dialect == "postgresql":
        return postgresql.insert(model)
    return sqlite.insert(model)
