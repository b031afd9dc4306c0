"""The schema comes from Alembic migrations, and they match the models exactly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

from surveys.db import (
    DatabaseNotReady,
    check_ready,
    current_revision,
    head_revision,
    make_engine,
    upgrade,
)
from tests.conftest import DEFAULT_PG_URL, IN_CI


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


def test_upgrading_a_database_that_holds_waves_keeps_them(tmp_path: Path) -> None:
    """Migration 0003 adds a required column to waves that may already exist: it fills it."""
    from datetime import UTC, datetime

    from sqlalchemy import text

    urls = [f"sqlite:///{tmp_path / 'old.db'}"]
    admin_url = os.environ.get("STAYPULSE_TEST_POSTGRES_URL", DEFAULT_PG_URL)
    admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"staypulse_mig_{os.getpid()}"
    created = False
    try:
        with admin.connect() as connection:
            connection.execute(text(f'create database "{name}"'))
        created = True
        urls.append(make_url(admin_url).set(database=name).render_as_string(hide_password=False))
    except Exception:
        if IN_CI:
            raise
    try:
        for url in urls:
            engine = make_engine(url)
            upgrade(engine, "0002")
            opens = datetime(2026, 11, 23, 9, tzinfo=UTC)
            with engine.begin() as connection:
                connection.execute(
                    text(
                        "insert into wave (schedule_key, opens_at, closes_at, status, period, "
                        "item_keys) values ('manual', :o, :c, 'open', '2026-W48', '[]')"
                    ),
                    {"o": opens, "c": datetime(2026, 11, 26, 9, tzinfo=UTC)},
                )
            upgrade(engine)
            with engine.connect() as connection:
                due, opened = connection.execute(text("select due_at, opens_at from wave")).one()
            assert str(due)[:19] == str(opened)[:19] == "2026-11-23 09:00:00"
            engine.dispose()
    finally:
        if created:  # without a PostgreSQL server, only SQLite was upgraded: nothing to drop
            with admin.connect() as connection:
                connection.execute(text(f'drop database if exists "{name}" with (force)'))
        admin.dispose()
