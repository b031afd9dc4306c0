"""Round 22 attack tests run on SQLite only: several read what SQLite keeps at rest (rowid
order, the WAL, raw ciphertext sizes), which is the backend the default install uses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def db_url(tmp_path: Path, sqlite_template: Path) -> str:
    """A migrated SQLite file of the test's own."""
    path = tmp_path / "staypulse.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"
