"""The first schema: questions, feedback, state, knowledge versions, and the hashing key.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    meta = op.create_table(
        "store_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    # Made here, under the migration lock, so every replica reads the same key.
    # The name is spelled out rather than imported: a migration must not change
    # when the code moves on.
    op.bulk_insert(meta, [{"key": "id_hmac_key", "value": secrets.token_hex(32)}])

    op.create_table(
        "questions",
        sa.Column("id", _BigId, primary_key=True, autoincrement=True),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("door", sa.String(32), nullable=False),
        sa.Column("chat_hash", sa.String(64), nullable=True),
        sa.Column("user_hash", sa.String(64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("entry_ids", sa.Text(), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_questions_asked_at", "questions", ["asked_at"])

    op.create_table(
        "feedback",
        sa.Column("id", _BigId, primary_key=True, autoincrement=True),
        sa.Column(
            "question_id",
            _BigId,
            sa.ForeignKey("questions.id", ondelete="CASCADE", name="fk_feedback_question"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("value", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("user_hash", sa.String(64), nullable=True),
        sa.CheckConstraint("value IN (-1, 1)", name="ck_feedback_value"),
        sa.UniqueConstraint("question_id", "user_hash", name="uq_feedback_question_user"),
    )
    op.create_index("ix_feedback_question_id", "feedback", ["question_id"])
    op.create_index("ix_feedback_created_at", "feedback", ["created_at"])

    op.create_table(
        "state",
        sa.Column("key_hash", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
    )
    op.create_index("ix_state_expires_at", "state", ["expires_at"])

    op.create_table(
        "knowledge_versions",
        sa.Column("number", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("author_hash", sa.String(64), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("archive", sa.LargeBinary(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("knowledge_versions")
    op.drop_table("state")
    op.drop_table("feedback")
    op.drop_table("questions")
    op.drop_table("store_meta")
