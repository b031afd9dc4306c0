"""Shared fixtures: migrated databases on SQLite and PostgreSQL, settings, the org file.

Database tests take the `engine` fixture and run once per backend. PostgreSQL comes from
STAYPULSE_TEST_POSTGRES_URL (a role that may create databases; `.ci/postgres.sh` prints one).
Locally a missing PostgreSQL skips those runs; in CI (CI=true) it fails them.
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, SQLModel

from bot.settings import Settings, load_settings
from surveys.db import make_engine, session_scope, upgrade
from surveys.org import load_org, read_org_file
from surveys.seal import parse_key, use_key

# Property tests judge what comes out, never how fast: Hypothesis's default 200 ms deadline an
# example failed `test_pulse_buttons_round_trip` on a machine busy with a long evaluation.
# Speed is measured in benchmarks/, as ratios, not as pass or fail here.
hypothesis_settings.register_profile("staypulse", deadline=None)
hypothesis_settings.load_profile("staypulse")

ROOT = Path(__file__).resolve().parent.parent
ORG_EXAMPLE = ROOT / "org.example.yaml"
DEFAULT_PG_URL = "postgresql://staypulse:staypulse@127.0.0.1:5432/postgres"
TEST_BALLOT_KEY = "dGVzdC1iYWxsb3Qta2V5LW5vdC1mb3ItcmVhbC11c2U="
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """A test that configures logging (a CLI command, a log-capturing test) does not leave the
    root logger writing to its stream, or at its level, for every test after it."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    for handler in handlers:
        if handler not in root.handlers:
            root.addHandler(handler)
    root.setLevel(level)


@pytest.fixture(autouse=True)
def _no_stray_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read the developer's .env or real variables."""
    for name in list(os.environ):
        if name.startswith(
            ("TELEGRAM_", "DATABASE_", "MIN_", "WORKING_", "ADMIN_", "PSW_", "ORG_", "PRIVACY_")
        ):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setitem(Settings.model_config, "env_file", None)
    # Every test seals with the same key, so processes started by a test can open its drafts.
    monkeypatch.setenv("BALLOT_KEY", TEST_BALLOT_KEY)
    use_key(parse_key(TEST_BALLOT_KEY))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (migrating each time would be slow)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test session."""
    admin_url = os.environ.get("STAYPULSE_TEST_POSTGRES_URL", DEFAULT_PG_URL)
    admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text("select 1"))
    except Exception as exc:
        admin.dispose()
        message = f"PostgreSQL not reachable at {make_url(admin_url).host}: {type(exc).__name__}"
        if IN_CI:
            pytest.fail(f"{message} (CI must test PostgreSQL; run .ci/postgres.sh)")
        pytest.skip(message)
    name = f"staypulse_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'create database "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'drop database if exists "{name}" with (force)'))
        admin.dispose()


def _truncate_all(engine: Engine) -> None:
    tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"truncate {tables} restart identity cascade"))


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """The URL of an empty, migrated database, once per backend."""
    if request.param == "sqlite":
        path = tmp_path / "staypulse.db"
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    _truncate_all(engine)
    engine.dispose()
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on an empty, migrated database (SQLite and PostgreSQL)."""
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the test database; the test commits what it wants kept."""
    with Session(engine, expire_on_commit=False) as session:
        yield session


@pytest.fixture
def org_engine(engine: Engine) -> Engine:
    """The test database with the example organisation loaded."""
    with session_scope(engine) as session:
        load_org(session=session, spec=read_org_file(ORG_EXAMPLE))
    return engine


@pytest.fixture
def settings(db_url: str) -> Settings:
    """Settings for a test, on the test database."""
    return load_settings(database_url=db_url, org_file=ORG_EXAMPLE)
