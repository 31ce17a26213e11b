"""The inbox (updates acknowledged to a platform, until answered) and shared counters (limits
that hold for every replica at once).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("id", _BigId, primary_key=True, autoincrement=True),
        sa.Column("door", sa.String(32), nullable=False),
        sa.Column("update_key", sa.String(128), nullable=False),
        sa.Column("chat_hash", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=True),
        sa.Column("reply", sa.Text(), nullable=True),
        sa.Column("received_at", sa.Float(), nullable=False),
        sa.Column("done_at", sa.Float(), nullable=True),
        sa.Column("lease_owner", sa.String(64), nullable=True),
        sa.Column("lease_until", sa.Float(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.UniqueConstraint("door", "update_key", name="uq_inbox_door_update"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_inbox_pending", "inbox", ["done_at", "id"])
    op.create_index("ix_inbox_chat", "inbox", ["chat_hash", "done_at", "id"])

    op.create_table(
        "counters",
        sa.Column("key_hash", sa.String(64), primary_key=True),
        sa.Column("window", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
    )
    op.create_index("ix_counters_expires_at", "counters", ["expires_at"])


def downgrade() -> None:
    op.drop_table("counters")
    op.drop_table("inbox")
