"""a wave's forms: rotating items dealt per person (coverage by design, issue 17 item 1)

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Waves from before forms keep NULL: everyone in them was asked the same items.
    with op.batch_alter_table("wave", schema=None) as batch_op:
        batch_op.add_column(sa.Column("forms", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("form_k", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("form_teams", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("wave", schema=None) as batch_op:
        batch_op.drop_column("form_teams")
        batch_op.drop_column("form_k")
        batch_op.drop_column("forms")
