"""invites that expire, count their uses and may be personal; team headcounts

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

import surveys.types

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Links made before this migration never expired; from now on they stop 30 days after they were
# made (the new default), so an old link forwarded months ago no longer works.
_OLD_LINKS_DAYS = 30


def upgrade() -> None:
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.add_column(sa.Column("headcount", sa.Integer(), nullable=True))
    with op.batch_alter_table("team_invite", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("expires_at", surveys.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("max_uses", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("uses", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )
        batch_op.add_column(
            sa.Column("personal", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    invites = sa.table(
        "team_invite",
        sa.column("code", sa.String()),
        sa.column("created_at", surveys.types.UTCDateTime(timezone=True)),
        sa.column("expires_at", surveys.types.UTCDateTime(timezone=True)),
    )
    connection = op.get_bind()
    for code, created_at in connection.execute(sa.select(invites.c.code, invites.c.created_at)):
        made = created_at or datetime.now(UTC)
        connection.execute(
            invites.update()
            .where(invites.c.code == code)
            .values(expires_at=made + timedelta(days=_OLD_LINKS_DAYS))
        )
    with op.batch_alter_table("team_invite", schema=None) as batch_op:
        batch_op.alter_column(
            "expires_at", existing_type=surveys.types.UTCDateTime(timezone=True), nullable=False
        )
        # The defaults were only for the rows already there; the models set new rows' values.
        batch_op.alter_column("uses", server_default=None, existing_type=sa.Integer())
        batch_op.alter_column("personal", server_default=None, existing_type=sa.Boolean())


def downgrade() -> None:
    with op.batch_alter_table("team_invite", schema=None) as batch_op:
        batch_op.drop_column("personal")
        batch_op.drop_column("uses")
        batch_op.drop_column("max_uses")
        batch_op.drop_column("expires_at")
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_column("headcount")
