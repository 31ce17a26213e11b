"""The bot's persistence: SQLite by default, PostgreSQL when DATABASE_URL says so.

Process memory and the host's disk do not survive a deploy on a Procfile host,
and several replicas may serve one bot, so everything the bot must remember
lives in one database:

- **questions**: every question, the door it came through, the kind of answer
  (fact, list, clarify, decline…), the entries used, the score and whether it
  was answered. This is how curators learn what people ask that the base cannot
  answer (``questions.unanswered``: near-duplicates grouped, most frequent first).
- **feedback** on answers: a thumb up or down, perhaps with words ("sai rồi"),
  linked to the question; ``feedback.report`` lists the answers most often wrong.
- **state**: small JSON documents with a lifetime, for conversation context and
  numbered suggestions, so that any replica can take a chat's next message.
- **knowledge versions**: each accepted knowledge directory, whole, as a zip;
  the deployed ``knowledge/`` is version 1.

Privacy. Chat and user ids are never stored: only HMAC-SHA256 hashes keyed by
a random secret that the first migration puts in the database, so hashes can
be compared (one person's questions, one vote per person) but not turned back
into ids without that database. State keys, which callers build from chat ids,
are hashed the same way. Question texts are what people typed, so they are kept
only ``DEFAULT_RETENTION_DAYS`` (180) days unless ``QUESTION_RETENTION_DAYS``
(read by the settings) says otherwise: ``Store.purge_questions`` deletes older
ones and the feedback on them. Nothing here stores names.

Usage::

    async with await Store.open(os.environ.get("DATABASE_URL")) as store:
        qid = await store.questions.record(door="telegram", chat_id=chat, user_id=user,
                                           text=text, kind=answer.kind, answered=answer.answered,
                                           score=answer.score, entry_ids=answer.entry_ids)
        await store.feedback.record(qid, -1, "sai rồi", door="telegram", user_id=user)

The schema is migrated by Alembic at ``Store.open``; replicas starting at once
take turns (a PostgreSQL advisory lock, or SQLite's write lock).
"""

from __future__ import annotations

from bot.store.archive import DEFAULT_LIMITS, ArchiveError, ArchiveLimits, unpack, zip_directory
from bot.store.clock import Clock
from bot.store.feedback import FeedbackComment, FeedbackReport, FeedbackRepository, WrongAnswer
from bot.store.grouping import QuestionGroup
from bot.store.hashing import IdHasher
from bot.store.key_values import KeyValueRepository
from bot.store.knowledge_versions import KnowledgeVersionRepository, StoredVersion, VersionInfo, VersionNotFound
from bot.store.questions import QuestionRecord, QuestionRepository
from bot.store.retention import DEFAULT_RETENTION_DAYS
from bot.store.store import Store, StoreError
from bot.store.url import DatabaseUrlError, database_url, describe

__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_RETENTION_DAYS",
    "ArchiveError",
    "ArchiveLimits",
    "Clock",
    "DatabaseUrlError",
    "FeedbackComment",
    "FeedbackReport",
    "FeedbackRepository",
    "IdHasher",
    "KeyValueRepository",
    "KnowledgeVersionRepository",
    "QuestionGroup",
    "QuestionRecord",
    "QuestionRepository",
    "Store",
    "StoreError",
    "StoredVersion",
    "VersionInfo",
    "VersionNotFound",
    "WrongAnswer",
    "database_url",
    "describe",
    "unpack",
    "zip_directory",
]
