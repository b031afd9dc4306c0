"""scheduled waves

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import surveys.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "digest",
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("claimed_at", surveys.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("sent_at", surveys.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("period"),
    )
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("invite_claimed_at", surveys.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "reminder_claimed_at", surveys.types.UTCDateTime(timezone=True), nullable=True
            )
        )

    # Existing waves were due when they opened: add the column empty, fill it, then require it.
    with op.batch_alter_table("wave", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("due_at", surveys.types.UTCDateTime(timezone=True), nullable=True)
        )
    op.execute("UPDATE wave SET due_at = opens_at")
    with op.batch_alter_table("wave", schema=None) as batch_op:
        batch_op.alter_column(
            "due_at", existing_type=surveys.types.UTCDateTime(timezone=True), nullable=False
        )
        batch_op.drop_constraint(batch_op.f("uq_wave_schedule_opens"), type_="unique")
        batch_op.create_unique_constraint("uq_wave_schedule_due", ["schedule_key", "due_at"])


def downgrade() -> None:
    with op.batch_alter_table("wave", schema=None) as batch_op:
        batch_op.drop_constraint("uq_wave_schedule_due", type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_wave_schedule_opens"), ["schedule_key", "opens_at"]
        )
        batch_op.drop_column("due_at")

    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_column("reminder_claimed_at")
        batch_op.drop_column("invite_claimed_at")

    op.drop_table("digest")
