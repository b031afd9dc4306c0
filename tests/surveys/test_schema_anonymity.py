"""Anonymity rule 1, checked on the schema itself: answers cannot be joined to people."""

from __future__ import annotations

import pytest
from sqlalchemy import DateTime, Engine, String, inspect
from sqlmodel import SQLModel

from surveys.datamap import ANONYMOUS, IDENTITY, SIDES

# Every table is classified in surveys/datamap.py (a test there fails for an unclassified one).
ANONYMOUS_TABLES = tuple(sorted(t for t, side in SIDES.items() if side == ANONYMOUS))
IDENTITY_TABLES = tuple(sorted(t for t, side in SIDES.items() if side == IDENTITY))
# Columns that would identify a person or the moment they answered.
FORBIDDEN = {
    "participant_id",
    "chat_id",
    "telegram_id",
    "user_id",
    "message_id",
    "username",
    "created_at",
    "submitted_at",
    "updated_at",
    "answered_at",
}


@pytest.mark.parametrize("table_name", ANONYMOUS_TABLES)
def test_anonymous_tables_have_no_identity_or_time_columns(table_name: str) -> None:
    table = SQLModel.metadata.tables[table_name]
    names = {column.name for column in table.columns}
    assert not names & FORBIDDEN
    assert not [c.name for c in table.columns if isinstance(c.type, DateTime)]
    for fk in table.foreign_keys:
        assert fk.column.table.name not in IDENTITY_TABLES or (
            table_name == "interview" and fk.column.table.name == "psw_member"
        ), f"{table_name}.{fk.parent.name} points at {fk.column.table.name}"


@pytest.mark.parametrize("table_name", ANONYMOUS_TABLES)
def test_anonymous_keys_do_not_follow_the_order_of_answers(table_name: str) -> None:
    table = SQLModel.metadata.tables[table_name]
    for column in table.primary_key.columns:
        assert column.autoincrement is not True
        column_type = getattr(column.type, "impl", column.type)  # AutoString decorates String
        assert isinstance(column_type, String), f"{table_name}.{column.name} is not a random key"


def test_no_identity_table_points_at_an_answer() -> None:
    for name in IDENTITY_TABLES:
        for fk in SQLModel.metadata.tables[name].foreign_keys:
            assert fk.column.table.name not in ANONYMOUS_TABLES


def test_sqlite_anonymous_tables_have_no_hidden_rowid(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("rowid is SQLite's")
    with engine.connect() as connection:
        for name in ANONYMOUS_TABLES:
            sql = connection.exec_driver_sql(
                "select sql from sqlite_master where name = ?", (name,)
            ).scalar()
            assert "WITHOUT ROWID" in sql.upper(), name
    assert set(ANONYMOUS_TABLES) <= set(inspect(engine).get_table_names())
