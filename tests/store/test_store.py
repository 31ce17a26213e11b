from __future__ import annotations

import socket
from pathlib import Path

import pytest

from bot.store import DatabaseUrlError, Store, StoreError
from tests.store.postgres import PostgresServer


async def test_heroku_postgres_scheme_opens(postgres_server: PostgresServer) -> None:
    url = postgres_server.new_database().replace("postgresql://", "postgres://", 1)
    async with await Store.open(url) as store:
        assert store.engine.url.drivername == "postgresql+asyncpg"
        assert await store.questions.count() == 0


async def test_default_store_is_sqlite_under_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    async with await Store.open(None) as store:
        await store.questions.record(
            door="console", chat_id=None, user_id=None, text="?", kind="invalid", answered=False
        )
    assert (tmp_path / "data" / "bot.sqlite3").is_file()


async def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    async with await Store.open(f"sqlite:///{tmp_path}/s.sqlite3") as store, store.engine.connect() as connection:
        assert (await connection.exec_driver_sql("PRAGMA journal_mode")).scalar() == "wal"
        assert (await connection.exec_driver_sql("PRAGMA busy_timeout")).scalar() == 10_000
        assert (await connection.exec_driver_sql("PRAGMA foreign_keys")).scalar() == 1


async def test_unreachable_database_is_a_store_error_without_the_password() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(StoreError) as caught:
        await Store.open(f"postgres://bot:hunter2@127.0.0.1:{port}/app?connect_timeout=5")
    message = str(caught.value)
    assert message.startswith("DATABASE_URL: ") and f"127.0.0.1:{port}/app" in message
    assert "hunter2" not in message


async def test_a_database_the_server_does_not_have_is_a_store_error(postgres_server: PostgresServer) -> None:
    with pytest.raises(StoreError, match="no_such_db"):
        await Store.open(postgres_server.url("no_such_db"))


async def test_an_sqlite_directory_that_cannot_be_made_is_a_url_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a directory")
    with pytest.raises(DatabaseUrlError, match="không tạo được thư mục"):
        await Store.open(f"sqlite:///{tmp_path}/file/sub/bot.sqlite3")


async def test_bad_url_is_refused_before_connecting() -> None:
    with pytest.raises(DatabaseUrlError):
        await Store.open("mongodb://h/db")
