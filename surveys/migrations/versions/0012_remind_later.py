"""Remind me later: one more reminder per delivery, at a moment the person asked for

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import surveys.types

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("later_at", "later_claimed_at", "later_sent_at")


def upgrade() -> None:
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.add_column(
                sa.Column(name, surveys.types.UTCDateTime(timezone=True), nullable=True)
            )


def downgrade() -> None:
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
