"""Alembic's entry point for the store's migrations.

At start the bot passes its own connection in ``config.attributes["connection"]``
(see ``bot.store.migrate``), already inside the transaction that holds the
migration lock. Run by hand (``alembic -x url=… upgrade head`` with a config
whose script_location is this directory), it connects to ``-x url=…`` or
DATABASE_URL itself.
"""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy.engine import Connection

from bot.store.database import create_engine
from bot.store.models import Base
from bot.store.url import database_url, is_sqlite

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things: later migrations copy tables instead
        render_as_batch=is_sqlite(connection.engine.url),
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_standalone() -> None:
    url = database_url(context.get_x_argument(as_dictionary=True).get("url") or os.environ.get("DATABASE_URL"))
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run)
            await connection.commit()
    finally:
        await engine.dispose()


if context.is_offline_mode():
    raise SystemExit("the store's migrations run against a database, not as --sql")

_given = config.attributes.get("connection")
if isinstance(_given, Connection):
    _run(_given)
else:
    asyncio.run(_run_standalone())
