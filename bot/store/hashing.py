"""Keyed hashes of chat and user ids, so the store never holds a plain id.

The key is random, made by the first migration and kept in the database: every
replica hashes the same id to the same value (so one person's questions can be
counted together), while a copy of the hashes alone, without the database's
key, cannot be turned back into ids by trying every possible id.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.store.conflicts import insert
from bot.store.models import Meta

KEY_NAME = "id_hmac_key"
IdKind = Literal["chat", "user", "state", "counter"]


class IdHasher:
    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("the hashing key must be at least 16 bytes")
        self._key = key

    def digest(self, kind: IdKind, door: str, value: str | int) -> str:
        """HMAC-SHA256 (hex) of one id. The kind and the door are part of the
        message, so Telegram user 42 and Zalo user 42, or a private chat and
        its user (the same number on Telegram), hash differently."""
        message = "\x1f".join((kind, door, str(value))).encode("utf-8")
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def chat(self, door: str, chat_id: str | int | None) -> str | None:
        return None if chat_id is None else self.digest("chat", door, chat_id)

    def user(self, door: str, user_id: str | int | None) -> str | None:
        return None if user_id is None else self.digest("user", door, user_id)


async def load_key(sessions: async_sessionmaker[AsyncSession]) -> bytes:
    """The database's hashing key, made now if the migration's one is gone.

    Two processes may both find it missing: each inserts only if still absent,
    then both read back the single row that won.
    """
    async with sessions.begin() as session:
        value = await session.scalar(select(Meta.value).where(Meta.key == KEY_NAME))
        if value is None:
            await session.execute(
                insert(session, Meta).values(key=KEY_NAME, value=secrets.token_hex(32)).on_conflict_do_nothing()
            )
            value = await session.scalar(select(Meta.value).where(Meta.key == KEY_NAME))
    if value is None:
        raise RuntimeError("the store's hashing key could not be read back")
    return bytes.fromhex(value)
