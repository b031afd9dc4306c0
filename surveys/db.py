"""Engines, sessions and the schema version check.

SQLite (the embedded default) gets foreign keys, WAL and a busy timeout on every connection;
PostgreSQL is reached through psycopg 3. The schema is owned by the Alembic migrations in
`surveys/migrations`, applied by `upgrade()` (the `staypulse db upgrade` command).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session, create_engine

log = logging.getLogger(__name__)
T = TypeVar("T")
P = ParamSpec("P")
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 5000
# Units of work the bot runs at once. PostgreSQL serves many connections (its pool holds as
# many); SQLite takes one writer at a time, so more threads would only wait on its lock.
DB_THREADS = {"postgresql": 16, "sqlite": 4}


class DatabaseNotReady(Exception):
    """The database is missing, unreachable or not at the latest schema."""


def normalise_url(url: str | URL) -> URL:
    """Pick our drivers: psycopg 3 for PostgreSQL; make SQLite's parent folder exist."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        # Not allowed to (a read-only install folder): opening the file then fails, and the
        # caller says which folder to create for whom.
        with contextlib.suppress(OSError):
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    return parsed


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # Deleted rows (sealed ballots once released, drafts) are overwritten with zeros, not left
    # readable in free pages of the file or its backups.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    # WAL is safe with NORMAL: a power cut may lose the last commit, never corrupt the file.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def scrub(engine: Engine) -> None:
    """After a release: on SQLite, copy the WAL into the file and truncate it, so the WAL (what a
    backup of `data/` copies) holds no commit that pairs one person's rows with anything. A
    reader still open may keep it from finishing; the next release tries again."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def db_threads(engine: Engine) -> int:
    """How many units of work to run at once on this engine."""
    return DB_THREADS.get(engine.dialect.name, 4)


def make_engine(url: str | URL, **kwargs: Any) -> Engine:
    """An engine for a SQLite or PostgreSQL URL, configured as StayPulse needs."""
    parsed = normalise_url(url)
    # Database errors would otherwise quote the statement's values (a comment, say) in
    # exception messages, and exceptions are logged.
    kwargs.setdefault("hide_parameters", True)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            parsed, connect_args={"check_same_thread": False, "timeout": 5}, **kwargs
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)  # survive a PostgreSQL restart between updates
    kwargs.setdefault("pool_size", DB_THREADS["postgresql"])
    return create_engine(parsed, **kwargs)


# Failures worth running a unit of work again for: SQLite still busy after its busy timeout, a
# PostgreSQL connection dropped (restart, failover, idle kill) or a serialisation conflict.
_TRANSIENT = (
    "database is locked",
    "database is busy",
    "server closed the connection",
    "terminating connection",
    "could not serialize",
    "deadlock detected",
)
RETRY_DELAYS = (0.1, 0.5, 2.0)


def is_transient(error: BaseException) -> bool:
    """Whether a database error is worth retrying the whole unit of work for."""
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    if not isinstance(error, OperationalError):
        return False
    text = str(error.orig).lower()
    return any(marker in text for marker in _TRANSIENT)


def run_unit(
    engine: Engine, fn: Callable[Concatenate[Session, P], T], /, *args: P.args, **kwargs: P.kwargs
) -> T:
    """Run `fn(session, *args, **kwargs)` as one unit of work, again from the start if the database
    was busy or the connection dropped (nothing of a failed attempt was committed).

    Each retry is logged with the error's kind, never its statement or values. If the commit
    itself was lost after the server made it, the retry meets its effects (a draft already
    turned into a submission is gone), so no answer is stored twice.
    """
    for attempt, delay in enumerate((*RETRY_DELAYS, None), start=1):
        try:
            with session_scope(engine) as session:
                return fn(session, *args, **kwargs)
        except DBAPIError as exc:
            if delay is None or not is_transient(exc):
                raise
            log.warning(
                "database busy or connection lost (%s) in %s; retrying in %.1fs (attempt %d of %d)",
                type(exc.orig).__name__,
                getattr(fn, "__name__", "a unit of work"),
                delay,
                attempt + 1,
                len(RETRY_DELAYS) + 1,
            )
            time.sleep(delay)
    raise AssertionError("unreachable")


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def alembic_config(engine: Engine) -> Config:
    """An Alembic config bound to this engine, without needing an alembic.ini on disk."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Create or upgrade the schema to `revision`."""
    command.upgrade(alembic_config(engine), revision)


def head_revision() -> str:
    """The newest migration this code knows."""
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def check_ready(engine: Engine) -> None:
    """Refuse to run on a database that is unreachable or not fully migrated."""
    try:
        current = current_revision(engine)
    except Exception as exc:
        raise DatabaseNotReady(
            f"Cannot open the database ({type(exc).__name__}); check DATABASE_URL."
        ) from exc
    head = head_revision()
    if current is None:
        raise DatabaseNotReady(
            "The database has no schema yet. Run `staypulse db upgrade` to create it."
        )
    if current != head:
        raise DatabaseNotReady(
            f"The database schema is at {current}, this version needs {head}. "
            "Run `staypulse db upgrade` first."
        )
