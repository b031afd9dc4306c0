"""sealed ballots released in batches, sealed drafts, wave tallies instead of who answered

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

Drafts in progress are dropped: their answers were stored in the clear, and from now on they are
sealed with BALLOT_KEY. Someone half-way through a pulse during the upgrade starts it again.
Deliveries of waves that have already closed become per-team counts (wave_tally) and are
deleted, so the database no longer says who answered a closed wave.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import surveys.seal

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "release",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("wave_id", sa.Integer(), nullable=True),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["wave_id"], ["wave.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "wave_tally",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wave_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("invited", sa.Integer(), nullable=False),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["wave_id"], ["wave.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("wave_id", "team_id", name="uq_wave_tally"),
    )
    op.create_index(op.f("ix_wave_tally_wave_id"), "wave_tally", ["wave_id"], unique=False)
    op.create_table(
        "sealed_ballot",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("wave_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("content", surveys.seal.SealedJSON("ballot"), nullable=False),
        sa.ForeignKeyConstraint(["recorded_by"], ["psw_member.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["wave_id"], ["wave.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_sealed_ballot_kind"), "sealed_ballot", ["kind"], unique=False)
    op.create_table(
        "key_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", surveys.seal.SealedJSON("check"), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("interview", recreate="never") as batch:
        batch.add_column(sa.Column("release_id", sa.Integer(), nullable=True))

    # Drafts held answers in the clear; sealed from now on (see the module's docstring).
    op.execute("DELETE FROM draft")
    op.execute("DELETE FROM interview_draft")
    for table in ("draft", "interview_draft"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("answers")
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("answers", sa.LargeBinary(), nullable=False))

    # Closed waves keep only per-team counts of who was invited and who answered.
    op.execute(
        """
        INSERT INTO wave_tally (wave_id, team_id, invited, answered)
        SELECT d.wave_id, p.team_id, COUNT(*),
               SUM(CASE WHEN d.completed THEN 1 ELSE 0 END)
        FROM delivery d
        JOIN participant p ON p.id = d.participant_id
        JOIN wave w ON w.id = d.wave_id
        WHERE w.status IN ('closed', 'missed')
        GROUP BY d.wave_id, p.team_id
        """
    )
    op.execute(
        "DELETE FROM delivery WHERE wave_id IN "
        "(SELECT id FROM wave WHERE status IN ('closed', 'missed'))"
    )


def downgrade() -> None:
    op.execute("DELETE FROM draft")
    op.execute("DELETE FROM interview_draft")
    for table in ("draft", "interview_draft"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("answers")
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("answers", sa.JSON(), nullable=False))
    with op.batch_alter_table("interview", recreate="never") as batch:
        batch.drop_column("release_id")
    op.drop_table("key_check")
    op.drop_index(op.f("ix_sealed_ballot_kind"), table_name="sealed_ballot")
    op.drop_table("sealed_ballot")
    op.drop_index(op.f("ix_wave_tally_wave_id"), table_name="wave_tally")
    op.drop_table("wave_tally")
    op.drop_table("release")
