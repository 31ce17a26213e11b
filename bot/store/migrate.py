"""Bringing a database's schema up to date at start.

Alembic runs on one of the bot's own connections, inside a transaction that
first takes a lock, so that replicas starting together migrate one after the
other: the first creates the tables, the others find them at head and do
nothing. PostgreSQL has advisory locks for this; SQLite's ``BEGIN IMMEDIATE``
takes the database's write lock before anything is read.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store.url import is_postgresql, is_sqlite

# Any constant shared by every replica; 0x626f7473746f7265 is "botstore".
MIGRATION_LOCK_KEY = 0x626F7473746F7265


def alembic_config() -> Config:
    """An Alembic config for the migrations shipped in this package (no alembic.ini needed)."""
    location = files("bot.store") / "migrations"
    if not isinstance(location, Path):  # Alembic reads its scripts from a real directory
        raise RuntimeError("bot.store's migrations must be installed as files, not inside a zip")
    config = Config()
    config.set_main_option("script_location", str(location))
    # the revisions' folder is "revisions", not Alembic's default "versions": one name, one meaning
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", str(location / "revisions"))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


async def upgrade(engine: AsyncEngine) -> None:
    """Apply every migration not yet applied; safe to call from several processes at once."""
    async with engine.connect() as connection:
        if is_postgresql(engine.url):
            # released by the commit or rollback that ends this transaction
            await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        elif is_sqlite(engine.url):
            await connection.exec_driver_sql("BEGIN IMMEDIATE")
        await connection.run_sync(_upgrade)
        await connection.commit()


async def current_revision(engine: AsyncEngine) -> str | None:
    async with engine.connect() as connection:
        return await connection.run_sync(lambda sync: MigrationContext.configure(sync).get_current_revision())


def _upgrade(connection: Connection) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
