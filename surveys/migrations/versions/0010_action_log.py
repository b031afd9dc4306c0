"""you said, we did becomes an action log: theme, owner, due date, status

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import surveys.types

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("we_did", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("theme", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True)
        )
        batch_op.add_column(
            sa.Column("owner", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True)
        )
        batch_op.add_column(sa.Column("due", sa.Date(), nullable=True))
        # Updates recorded before the log existed were shown at once: they are planned actions.
        batch_op.add_column(
            sa.Column(
                "status",
                sqlmodel.sql.sqltypes.AutoString(length=16),
                nullable=False,
                server_default="planned",
            )
        )
        batch_op.add_column(
            sa.Column("updated_at", surveys.types.UTCDateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table("we_did", schema=None) as batch_op:
        batch_op.alter_column(
            "status",
            server_default=None,
            existing_type=sqlmodel.sql.sqltypes.AutoString(length=16),
        )


def downgrade() -> None:
    with op.batch_alter_table("we_did", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
        batch_op.drop_column("status")
        batch_op.drop_column("due")
        batch_op.drop_column("owner")
        batch_op.drop_column("theme")
