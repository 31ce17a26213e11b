from __future__ import annotations

import asyncio
import subprocess
import sys
from importlib.resources import files

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select
from sqlalchemy.engine import Connection

from bot.store import Store
from bot.store.database import create_engine
from bot.store.hashing import KEY_NAME
from bot.store.migrate import alembic_config, current_revision, head_revision, upgrade
from bot.store.models import Base, Meta
from bot.store.url import database_url

TABLES = {
    *("alembic_version", "store_meta", "questions", "feedback", "state", "knowledge_versions", "inbox", "counters"),
    *("admin_links", "admin_sessions", "audit_log", "dismissed_questions", "handoffs"),
}


def test_migrations_ship_inside_the_package() -> None:
    migrations = files("bot.store") / "migrations"
    assert (migrations / "env.py").is_file()
    assert (migrations / "script.py.mako").is_file()
    revisions = [p.name for p in (migrations / "revisions").iterdir() if p.name.endswith(".py") and p.name[0].isdigit()]
    assert "0001_initial.py" in revisions
    assert alembic_config().get_main_option("script_location") == str(migrations)
    assert "0002_inbox_and_counters.py" in revisions
    assert "0003_console.py" in revisions
    assert head_revision() == "0003"


async def test_migrations_apply_from_empty_and_twice(database: str) -> None:
    engine = create_engine(database_url(database))
    try:
        assert await current_revision(engine) is None
        await upgrade(engine)
        assert await current_revision(engine) == head_revision()
        async with engine.connect() as connection:
            first_key = await connection.scalar(select(Meta.value).where(Meta.key == KEY_NAME))
            tables = set(await connection.run_sync(lambda c: inspect(c).get_table_names()))
        assert tables == TABLES
        await upgrade(engine)  # nothing left to do: no error, nothing changed
        assert await current_revision(engine) == head_revision()
        async with engine.connect() as connection:
            keys = (await connection.execute(select(Meta.value).where(Meta.key == KEY_NAME))).scalars().all()
        assert keys == [first_key] and len(bytes.fromhex(first_key or "")) == 32
    finally:
        await engine.dispose()


async def test_migrated_schema_is_exactly_the_models(database: str) -> None:
    engine = create_engine(database_url(database))
    try:
        await upgrade(engine)

        def differences(connection: Connection) -> list[object]:
            return list(
                compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata)
            )

        async with engine.connect() as connection:
            assert await connection.run_sync(differences) == []
    finally:
        await engine.dispose()


async def test_replicas_opening_a_new_database_at_once_all_succeed(database: str) -> None:
    stores = await asyncio.gather(*(Store.open(database) for _ in range(3)))
    try:
        # they migrated one after the other and share one hashing key
        assert {s.hasher.user("telegram", 42) for s in stores} == {stores[0].hasher.user("telegram", 42)}
        ids = [await s.questions.record(door="telegram", chat_id=1, user_id=1, text="hỏi", kind="fact", answered=True)
               for s in stores]  # fmt: skip
        assert len(set(ids)) == 3
        assert await stores[0].questions.count() == 3
    finally:
        for s in stores:
            await s.close()


async def test_reopening_keeps_data_and_key(database: str) -> None:
    async with await Store.open(database) as first:
        qid = await first.questions.record(door="zalo", chat_id="c", user_id="u", text="xin chào", kind="smalltalk",
                                           answered=True)  # fmt: skip
        user_hash = first.hasher.user("zalo", "u")
    async with await Store.open(database) as again:
        record = await again.questions.get(qid)
        assert record is not None and record.text == "xin chào"
        assert again.hasher.user("zalo", "u") == user_hash == record.user_hash


OPEN_AND_RECORD = """
import asyncio, sys
from bot.store import Store

async def main() -> None:
    async with await Store.open(sys.argv[1]) as store:
        await store.questions.record(door="telegram", chat_id=1, user_id=1, text="hỏi", kind="fact", answered=True)
        print(store.hasher.user("telegram", 1))

asyncio.run(main())
"""


def test_replica_processes_starting_together_all_succeed(database: str) -> None:
    """Replicas are processes: start three on one empty database at the same moment."""
    processes = [
        subprocess.Popen([sys.executable, "-c", OPEN_AND_RECORD, database], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]  # fmt: skip
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], [err for _, err in outputs]
    assert len({out.strip() for out, _ in outputs}) == 1  # one shared hashing key
