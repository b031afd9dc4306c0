"""Alembic environment: the schema is SQLModel.metadata, the engine comes from StayPulse."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import surveys.models  # noqa: F401  (registers every table on SQLModel.metadata)
from surveys.db import make_engine

config = context.config
target_metadata = SQLModel.metadata


def run_migrations() -> None:
    """Run against the engine StayPulse passed in, or the URL given to the alembic CLI."""
    engine = config.attributes.get("engine")
    if engine is None:
        engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Offline (--sql) migrations are not supported; run `staypulse db upgrade`.")
run_migrations()
