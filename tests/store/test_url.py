from __future__ import annotations

from pathlib import Path

import pytest

from bot.store.url import DatabaseUrlError, database_url, describe, is_postgresql, is_sqlite


def test_default_is_an_sqlite_file_under_data_of_the_current_directory(tmp_path: Path) -> None:
    url = database_url(None, cwd=tmp_path)
    assert url.drivername == "sqlite+aiosqlite"
    assert url.database == str(tmp_path / "data" / "bot.sqlite3")
    assert (tmp_path / "data").is_dir()
    assert database_url("  ", cwd=tmp_path) == url


def test_default_uses_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert database_url().database == str(tmp_path.resolve() / "data" / "bot.sqlite3")


@pytest.mark.parametrize("scheme", ["sqlite", "sqlite+aiosqlite", "sqlite+pysqlite"])
def test_sqlite_paths_relative_and_absolute(tmp_path: Path, scheme: str) -> None:
    relative = database_url(f"{scheme}:///db/x.sqlite3", cwd=tmp_path)
    assert relative.drivername == "sqlite+aiosqlite"
    assert relative.database == str(tmp_path / "db" / "x.sqlite3")
    assert (tmp_path / "db").is_dir()
    absolute = database_url(f"{scheme}:///{tmp_path}/abs/y.sqlite3", cwd=Path("/nonexistent"))
    assert absolute.database == str(tmp_path / "abs" / "y.sqlite3")
    assert is_sqlite(absolute) and not is_postgresql(absolute)


def test_sqlite_in_memory_is_kept() -> None:
    url = database_url("sqlite://")
    assert url.drivername == "sqlite+aiosqlite" and not url.database


@pytest.mark.parametrize(
    "raw",
    [
        "postgres://u:secret@db.example.com:5432/app",  # what Heroku gives
        "postgresql://u:secret@db.example.com:5432/app",
        "postgresql+psycopg2://u:secret@db.example.com:5432/app",
        "postgresql+asyncpg://u:secret@db.example.com:5432/app",
    ],
)
def test_postgresql_schemes_become_asyncpg(raw: str) -> None:
    url = database_url(raw)
    assert url.drivername == "postgresql+asyncpg"
    assert (url.username, url.password, url.host, url.port, url.database) == (
        "u",
        "secret",
        "db.example.com",
        5432,
        "app",
    )
    assert is_postgresql(url)


def test_libpq_options_are_spelled_for_asyncpg() -> None:
    url = database_url("postgres://u:p@h/app?sslmode=require&connect_timeout=10")
    assert dict(url.query) == {"ssl": "require", "timeout": "10"}


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("mysql://u:p@h/app", "mysql"),
        ("postgres://u:p@h/app?sslrootcert=/x", "sslrootcert"),
        ("postgres://u:p@h/app?sslmode=sometimes", "sslmode=sometimes"),
        ("postgres://u:p@h", "tên cơ sở dữ liệu"),
        ("postgres://u:p@h/app?connect_timeout=soon", "connect_timeout=soon"),
        ("not a url", "không đọc được"),
    ],
)
def test_unusable_urls_name_the_variable(raw: str, says: str) -> None:
    with pytest.raises(DatabaseUrlError) as caught:
        database_url(raw)
    assert str(caught.value).startswith("DATABASE_URL: ")
    assert says in str(caught.value)


def test_describe_hides_the_password() -> None:
    shown = describe(database_url("postgres://user:hunter2@h:5432/app"))
    assert "hunter2" not in shown and "user" in shown and "h:5432/app" in shown
