"""The tables of the store (SQLAlchemy 2 declarative).

The migrations in ``migrations/versions`` create exactly these tables; a test
compares the two so that neither drifts. No column holds a plain chat or user
id: ``*_hash`` columns hold keyed hashes (see ``hashing``).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

HASH_LENGTH = 64  # hex of SHA-256


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on both backends: SQLite keeps no time zone, so
    values are stored as naive UTC there and given back aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: the store only takes aware (UTC) datetimes")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class JSONText(TypeDecorator[Any]):
    """JSON kept as text: comparable and groupable with = on both backends
    (PostgreSQL's json type has no equality), and identical bytes for equal
    values because keys keep the order they were written in."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else json.loads(value)


# SQLite only makes INTEGER PRIMARY KEY an auto-increment rowid
_BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    pass


class Meta(Base):
    """Small settings that belong to the database, such as the hashing key
    every replica must share."""

    __tablename__ = "store_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Question(Base):
    __tablename__ = "questions"
    # AUTOINCREMENT: an id is never reused after a purge, so an old feedback
    # button cannot land on a newer question
    __table_args__ = (Index("ix_questions_asked_at", "asked_at"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(_BigId, primary_key=True, autoincrement=True)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    door: Mapped[str] = mapped_column(String(32))
    chat_hash: Mapped[str | None] = mapped_column(String(HASH_LENGTH))
    user_hash: Mapped[str | None] = mapped_column(String(HASH_LENGTH))
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    answered: Mapped[bool] = mapped_column(Boolean)
    score: Mapped[float] = mapped_column(Float)
    entry_ids: Mapped[list[str]] = mapped_column(JSONText())
    # why an unanswered question was refused on purpose ("opinion", "instruction", "general", …), or None
    refusal: Mapped[str | None] = mapped_column(String(32))
    version: Mapped[int | None] = mapped_column(Integer)  # the knowledge version that answered


class Feedback(Base):
    __tablename__ = "feedback"
    __table_args__ = (
        CheckConstraint("value IN (-1, 1)", name="ck_feedback_value"),
        # one vote per person and question; a second vote replaces the first
        UniqueConstraint("question_id", "user_hash", name="uq_feedback_question_user"),
        Index("ix_feedback_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(_BigId, primary_key=True, autoincrement=True)
    question_id: Mapped[int] = mapped_column(
        _BigId, ForeignKey("questions.id", ondelete="CASCADE", name="fk_feedback_question"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    value: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)
    user_hash: Mapped[str | None] = mapped_column(String(HASH_LENGTH))


class StateEntry(Base):
    __tablename__ = "state"

    key_hash: Mapped[str] = mapped_column(String(HASH_LENGTH), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[float] = mapped_column(Float, index=True)  # seconds since the epoch, as the clock gives


class KnowledgeVersion(Base):
    __tablename__ = "knowledge_versions"

    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    author_hash: Mapped[str | None] = mapped_column(String(HASH_LENGTH))
    note: Mapped[str] = mapped_column(Text)
    counts: Mapped[dict[str, int]] = mapped_column(JSONText())
    archive: Mapped[bytes] = mapped_column(LargeBinary)


class InboxItem(Base):
    """An update a platform was told we have (200), kept until it is answered. The payload (which
    holds the platform's chat id, needed to reply) is dropped once the update is done; the door
    and update id stay a day, so a redelivery is recognised and answered once."""

    __tablename__ = "inbox"
    __table_args__ = (
        UniqueConstraint("door", "update_key", name="uq_inbox_door_update"),
        Index("ix_inbox_pending", "done_at", "id"),
        Index("ix_inbox_chat", "chat_hash", "done_at", "id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(_BigId, primary_key=True, autoincrement=True)
    door: Mapped[str] = mapped_column(String(32))
    update_key: Mapped[str] = mapped_column(String(128))
    chat_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))
    payload: Mapped[str | None] = mapped_column(Text)
    reply: Mapped[str | None] = mapped_column(Text)  # the reply computed, until it is sent (the outbox)
    received_at: Mapped[float] = mapped_column(Float)
    done_at: Mapped[float | None] = mapped_column(Float)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[float | None] = mapped_column(Float)
    attempts: Mapped[int] = mapped_column(Integer)


class Counter(Base):
    """How often something happened in one window of time, counted for every replica at once."""

    __tablename__ = "counters"

    key_hash: Mapped[str] = mapped_column(String(HASH_LENGTH), primary_key=True)
    window: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    count: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[float] = mapped_column(Float, index=True)


class AdminLink(Base):
    """A one-time sign-in link for the curators' console: its token hashed, valid a few minutes."""

    __tablename__ = "admin_links"

    token_hash: Mapped[str] = mapped_column(String(HASH_LENGTH), primary_key=True)
    door: Mapped[str] = mapped_column(String(32))
    user_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))
    created_at: Mapped[float] = mapped_column(Float)
    expires_at: Mapped[float] = mapped_column(Float, index=True)
    used_at: Mapped[float | None] = mapped_column(Float)


class AdminSession(Base):
    """A signed-in curator's browser session: its id hashed, with the CSRF token its forms carry."""

    __tablename__ = "admin_sessions"

    session_hash: Mapped[str] = mapped_column(String(HASH_LENGTH), primary_key=True)
    csrf: Mapped[str] = mapped_column(String(64))
    door: Mapped[str] = mapped_column(String(32))
    user_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))
    created_at: Mapped[float] = mapped_column(Float)
    expires_at: Mapped[float] = mapped_column(Float, index=True)


class AuditEntry(Base):
    """What a curator did in the console: who (hashed), what, when, on which version."""

    __tablename__ = "audit_log"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(_BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    door: Mapped[str] = mapped_column(String(32))
    user_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))
    action: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSONText())
    version: Mapped[int | None] = mapped_column(Integer)


class DismissedQuestion(Base):
    """A group of unanswered questions a curator marked "not for this bot" (by its folded wording)."""

    __tablename__ = "dismissed_questions"

    key_hash: Mapped[str] = mapped_column(String(HASH_LENGTH), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    user_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))


class Handoff(Base):
    """A question the user chose to send to the board ("Gửi câu hỏi cho cán bộ").

    The one place a plain chat id is kept, and only here: the user asked for an answer on their
    own door, and was told so. It is dropped once the answer is delivered, or when the
    retention period ends."""

    __tablename__ = "handoffs"
    __table_args__ = (Index("ix_handoffs_open", "answered_at", "id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(_BigId, primary_key=True, autoincrement=True)
    question_id: Mapped[int | None] = mapped_column(_BigId)
    door: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str | None] = mapped_column(String(128))  # plain, until answered (see above)
    chat_hash: Mapped[str] = mapped_column(String(HASH_LENGTH))
    text: Mapped[str] = mapped_column(Text)
    before: Mapped[list[str]] = mapped_column(JSONText())  # the turns before it
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by: Mapped[str | None] = mapped_column(String(HASH_LENGTH))
    delivered: Mapped[bool] = mapped_column(Boolean)
    sending_until: Mapped[float | None] = mapped_column(Float)  # one curator's answer is on its way
