"""Shared set-up for benchmarks: databases on both backends, JSON output."""

from __future__ import annotations

import json
import os
import platform
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from surveys.db import make_engine, session_scope, upgrade
from surveys.org import load_org, read_org_file

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get(
    "STAYPULSE_TEST_POSTGRES_URL", "postgresql://staypulse:staypulse@127.0.0.1:5432/postgres"
)


def emit(record: dict[str, Any]) -> None:
    """Print one benchmark result as a JSON line."""
    record.setdefault("machine", f"{platform.machine()} {os.cpu_count()} cores")
    print(json.dumps(record), flush=True)


def postgres_available() -> bool:
    """Whether the benchmark PostgreSQL can be reached."""
    try:
        engine = make_engine(POSTGRES_URL)
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
    except Exception:
        return False
    return True


@contextmanager
def database(backend: str, tmp: Path) -> Iterator[Engine]:
    """A fresh, migrated database with the example organisation, removed afterwards."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp / f'bench-{uuid.uuid4().hex[:6]}.db'}"
        engine = make_engine(url)
        admin = None
        name = ""
    else:
        admin = make_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
        name = f"staypulse_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as connection:
            connection.execute(text(f'create database "{name}"'))
        engine = make_engine(
            make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
        )
    upgrade(engine)
    with session_scope(engine) as session:
        load_org(session=session, spec=read_org_file(ROOT / "org.example.yaml"))
    try:
        yield engine
    finally:
        engine.dispose()
        if admin is not None:
            _drop(admin, name)
            admin.dispose()


def _drop(admin: Engine, name: str) -> None:
    """Drop a benchmark database; autovacuum may still be in it after a bulk load, and only a
    superuser may end that, so wait for it rather than force it."""
    for _ in range(60):
        try:
            with admin.connect() as connection:
                connection.execute(text(f'drop database if exists "{name}"'))
            return
        except Exception:
            time.sleep(1)
    raise RuntimeError(f"could not drop the benchmark database {name}")


def peak_rss_mb(pid: int) -> float:
    """A process's peak resident memory so far (Linux VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no VmHWM for process {pid}")
