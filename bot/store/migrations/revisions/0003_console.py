"""The curators' console: sign-in links and sessions, the audit log, dismissed questions,
handoffs to the board; why a question was refused and which version answered it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("questions") as batch:
        batch.add_column(sa.Column("refusal", sa.String(32), nullable=True))
        batch.add_column(sa.Column("version", sa.Integer(), nullable=True))
    op.create_table(
        "admin_links",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("door", sa.String(32), nullable=False),
        sa.Column("user_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.Column("used_at", sa.Float(), nullable=True),
    )
    op.create_index("ix_admin_links_expires_at", "admin_links", ["expires_at"])
    op.create_table(
        "admin_sessions",
        sa.Column("session_hash", sa.String(64), primary_key=True),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("door", sa.String(32), nullable=False),
        sa.Column("user_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
    )
    op.create_index("ix_admin_sessions_expires_at", "admin_sessions", ["expires_at"])
    op.create_table(
        "audit_log",
        sa.Column("id", _BigId, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("door", sa.String(32), nullable=False),
        sa.Column("user_hash", sa.String(64), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_table(
        "dismissed_questions",
        sa.Column("key_hash", sa.String(64), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "handoffs",
        sa.Column("id", _BigId, primary_key=True, autoincrement=True),
        sa.Column("question_id", _BigId, nullable=True),
        sa.Column("door", sa.String(32), nullable=False),
        sa.Column("chat_id", sa.String(128), nullable=True),
        sa.Column("chat_hash", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_by", sa.String(64), nullable=True),
        sa.Column("delivered", sa.Boolean(), nullable=False),
        sa.Column("sending_until", sa.Float(), nullable=True),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_handoffs_open", "handoffs", ["answered_at", "id"])


def downgrade() -> None:
    op.drop_table("handoffs")
    op.drop_table("dismissed_questions")
    op.drop_table("audit_log")
    op.drop_table("admin_sessions")
    op.drop_table("admin_links")
    with op.batch_alter_table("questions") as batch:
        batch.drop_column("version")
        batch.drop_column("refusal")
