"""The schema comes from Alembic migrations, and they match the models exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

from surveys.db import (
    DatabaseNotReady,
    check_ready,
    current_revision,
    head_revision,
    make_engine,
    upgrade,
)


def test_migrations_match_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_a_migrated_database_is_ready(engine: Engine) -> None:
    assert current_revision(engine) == head_revision()
    check_ready(engine)


def test_an_empty_database_is_refused_with_the_command_to_run(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    with pytest.raises(DatabaseNotReady, match="staypulse db upgrade"):
        check_ready(engine)


def test_upgrade_twice_is_harmless_and_creates_every_table(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'sub' / 'new.db'}")
    upgrade(engine)
    upgrade(engine)
    assert set(SQLModel.metadata.tables) <= set(inspect(engine).get_table_names())


def test_sqlite_connections_enforce_foreign_keys_and_use_wal(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_database_errors_never_quote_the_values_they_were_given(engine: Engine) -> None:
    from sqlalchemy.exc import IntegrityError
    from sqlmodel import Session

    from surveys.models import Team

    with Session(engine) as session:
        session.add(Team(key="dup", name="first secret name"))
        session.commit()
        session.add(Team(key="dup", name="second secret name"))
        with pytest.raises(IntegrityError) as caught:
            session.commit()
    assert "secret" not in str(caught.value)
