"""A busy SQLite file or a dropped PostgreSQL connection: the unit of work runs again, nothing
is lost or stored twice, and the log says so in one line."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, select

import surveys.db
from surveys.db import make_engine, run_unit
from surveys.models import Organisation


def _add(session: Session, *, name: str) -> int:
    organisation = Organisation(name=name)
    session.add(organisation)
    session.flush()
    assert organisation.id is not None
    return organisation.id


def _names(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return [o.name for o in session.exec(select(Organisation))]


def test_transient_errors_are_retried_and_logged(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(surveys.db, "RETRY_DELAYS", (0.0, 0.0, 0.0))
    calls = 0

    def flaky(session: Session) -> int:
        nonlocal calls
        calls += 1
        if calls < 3:
            raise OperationalError("INSERT ...", {}, sqlite3.OperationalError("database is locked"))
        return _add(session=session, name="Borough")

    with caplog.at_level(logging.WARNING, logger="surveys.db"):
        run_unit(engine, flaky)
    assert calls == 3
    assert _names(engine) == ["Borough"]
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2
    assert lines[0].startswith("database busy or connection lost (OperationalError) in flaky")
    assert "INSERT" not in " ".join(lines)  # the statement is never logged


def test_other_errors_are_not_retried(engine: Engine) -> None:
    calls = 0

    def broken(session: Session) -> None:
        nonlocal calls
        calls += 1
        raise IntegrityError("INSERT ...", {}, Exception("duplicate key"))

    with pytest.raises(IntegrityError):
        run_unit(engine, broken)
    assert calls == 1


def test_a_locked_sqlite_file_waits_and_stores_once(
    db_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite's lock")
    monkeypatch.setattr(surveys.db, "SQLITE_BUSY_TIMEOUT_MS", 50)
    engine = make_engine(db_url)
    holder = sqlite3.connect(db_url.removeprefix("sqlite:///"), check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another process writing, for longer than the timeout
    release = threading.Timer(0.4, holder.commit)
    release.start()
    try:
        with caplog.at_level(logging.WARNING, logger="surveys.db"):
            run_unit(engine, _add, name="Borough")
    finally:
        release.join()
        holder.close()
        engine.dispose()
    assert _names(make_engine(db_url)) == ["Borough"]
    assert any("database busy or connection lost" in r.getMessage() for r in caplog.records)


def test_a_dropped_postgresql_connection_is_retried(
    db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL's connections")
    engine = make_engine(db_url)
    admin = make_engine(db_url)
    dropped = False

    def interrupted(session: Session) -> int:
        nonlocal dropped
        if not dropped:
            dropped = True
            pid = session.execute(text("select pg_backend_pid()")).scalar_one()
            with admin.connect() as connection:  # as a restart or failover would
                connection.execute(text("select pg_terminate_backend(:pid)"), {"pid": pid})
            time.sleep(0.2)
        return _add(session=session, name="Borough")

    try:
        with caplog.at_level(logging.WARNING, logger="surveys.db"):
            run_unit(engine, interrupted)
        assert _names(engine) == ["Borough"]
    finally:
        engine.dispose()
        admin.dispose()
    assert any("database busy or connection lost" in r.getMessage() for r in caplog.records)
