"""you said, we did; drafts lose their never-used comment column

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import surveys.types

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "we_did",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("recorded_at", surveys.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("broadcast_at", surveys.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("audience", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["recorded_by"], ["psw_member.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "we_did_delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("we_did_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("claimed_at", surveys.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("sent_at", surveys.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("unreachable", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["we_did_id"], ["we_did.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("we_did_id", "participant_id", name="uq_we_did_delivery"),
    )
    with op.batch_alter_table("we_did_delivery", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_we_did_delivery_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_we_did_delivery_we_did_id"), ["we_did_id"], unique=False
        )

    # A pulse comment goes straight into its submission; a draft never held one, and a column
    # that could hold staff text outside the anonymous side is a risk with no use.
    with op.batch_alter_table("draft", schema=None) as batch_op:
        batch_op.drop_column("comment")


def downgrade() -> None:
    with op.batch_alter_table("draft", schema=None) as batch_op:
        batch_op.add_column(sa.Column("comment", sa.VARCHAR(length=2000), nullable=True))

    with op.batch_alter_table("we_did_delivery", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_we_did_delivery_we_did_id"))
        batch_op.drop_index(batch_op.f("ix_we_did_delivery_participant_id"))

    op.drop_table("we_did_delivery")
    op.drop_table("we_did")
