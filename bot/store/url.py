"""DATABASE_URL → the SQLAlchemy URL of an async driver.

Hosts hand out ``postgres://`` (Heroku) or ``postgresql://`` URLs meant for
libpq; SQLAlchemy's async engine needs ``postgresql+asyncpg://``, and asyncpg
spells some libpq options differently. With no URL at all the bot uses an
embedded SQLite file, so one command still starts everything.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

DEFAULT_SQLITE_PATH = Path("data") / "bot.sqlite3"
SQLITE_DRIVER = "sqlite+aiosqlite"
POSTGRESQL_DRIVER = "postgresql+asyncpg"

_SQLITE_SCHEMES = frozenset({"sqlite", "sqlite+aiosqlite", "sqlite+pysqlite"})
_POSTGRESQL_SCHEMES = frozenset(
    {"postgres", "postgresql", "postgresql+asyncpg", "postgresql+psycopg", "postgresql+psycopg2"}
)
# libpq option → asyncpg keyword (asyncpg takes the same sslmode words as `ssl`)
_LIBPQ_RENAMES = {"sslmode": "ssl", "connect_timeout": "timeout"}
_ASYNCPG_OPTIONS = frozenset(
    {"ssl", "timeout", "command_timeout", "target_session_attrs", "prepared_statement_cache_size"}
)
# asyncpg wants numbers where a URL has text; the engine converts these
NUMERIC_OPTIONS = {"timeout": float, "command_timeout": float, "prepared_statement_cache_size": int}
_SSL_MODES = frozenset({"disable", "allow", "prefer", "require", "verify-ca", "verify-full"})


class DatabaseUrlError(ValueError):
    """DATABASE_URL cannot be used; the message names the variable and says why."""


def database_url(raw: str | None = None, *, cwd: Path | None = None) -> URL:
    """The async-driver URL for ``raw`` (the value of DATABASE_URL, or None/blank for the default).

    The default and every relative SQLite path are resolved against ``cwd``
    (the current directory unless given), and the SQLite file's directory is
    created, so a fresh checkout starts without set-up.
    """
    base = Path.cwd() if cwd is None else cwd
    if raw is None or not raw.strip():
        return _sqlite_url(base / DEFAULT_SQLITE_PATH)
    try:
        url = make_url(raw.strip())
    except ArgumentError:
        raise DatabaseUrlError(
            "DATABASE_URL: không đọc được địa chỉ (dạng đúng: sqlite:///data/bot.sqlite3 hoặc "
            "postgresql://user:password@host:5432/dbname)"
        ) from None
    scheme = url.drivername.lower()
    if scheme in _SQLITE_SCHEMES:
        return _sqlite(url, base)
    if scheme in _POSTGRESQL_SCHEMES:
        return _postgresql(url)
    raise DatabaseUrlError(
        f"DATABASE_URL: không hỗ trợ loại cơ sở dữ liệu «{url.drivername}» (chỉ sqlite:// hoặc postgresql://)"
    )


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def is_postgresql(url: URL) -> bool:
    return url.get_backend_name() == "postgresql"


def describe(url: URL) -> str:
    """The URL for logs and error messages: the password is never shown."""
    return url.render_as_string(hide_password=True)


def _sqlite(url: URL, base: Path) -> URL:
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        # an in-memory or URI database has no file whose directory could be missing
        return url.set(drivername=SQLITE_DRIVER)
    return _sqlite_url(base / Path(database), url.query)


def _sqlite_url(path: Path, query: Mapping[str, str | tuple[str, ...]] | None = None) -> URL:
    path = path.resolve()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseUrlError(f"DATABASE_URL: không tạo được thư mục {path.parent} ({exc.strerror})") from None
    return URL.create(SQLITE_DRIVER, database=str(path), query=query or {})


def _postgresql(url: URL) -> URL:
    query: dict[str, str | tuple[str, ...]] = {}
    for key, value in url.query.items():
        name = _LIBPQ_RENAMES.get(key, key)
        if name not in _ASYNCPG_OPTIONS:
            supported = ", ".join(sorted({*_LIBPQ_RENAMES, *_ASYNCPG_OPTIONS}))
            raise DatabaseUrlError(f"DATABASE_URL: không hỗ trợ tham số «{key}» (chỉ: {supported})")
        if name in NUMERIC_OPTIONS and not _is_number(value):
            raise DatabaseUrlError(f"DATABASE_URL: {key}={value} phải là một số")
        if name == "ssl" and value not in _SSL_MODES:
            raise DatabaseUrlError(
                f"DATABASE_URL: {key}={value} không hợp lệ (một trong: {', '.join(sorted(_SSL_MODES))})"
            )
        query[name] = value
    if not url.database:
        raise DatabaseUrlError("DATABASE_URL: thiếu tên cơ sở dữ liệu sau dấu / cuối (…@host:5432/tên)")
    return url.set(drivername=POSTGRESQL_DRIVER, query=query)


def _is_number(value: str | tuple[str, ...]) -> bool:
    try:
        return isinstance(value, str) and float(value) >= 0
    except ValueError:
        return False
