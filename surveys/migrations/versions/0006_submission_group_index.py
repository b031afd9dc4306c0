"""an index of submissions by period and group, covering the counts summaries make

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_submission_period_group",
        "submission",
        ["period", "team_id", "role_group", "employment_type"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_submission_period_group", table_name="submission")
