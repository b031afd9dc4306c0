"""The data map for a data-protection officer is generated from the models and cannot go stale."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Column, DateTime, ForeignKey, Integer, MetaData, String, Table
from sqlmodel import SQLModel

from surveys.datamap import ANONYMOUS, COLUMNS, problems, report

DOC = Path(__file__).resolve().parents[2] / "docs" / "data-map.md"


def test_every_table_and_column_is_described_and_no_answer_links_to_a_person() -> None:
    assert problems() == []


def test_the_document_in_docs_is_the_generated_report() -> None:
    assert DOC.read_text() == report() + "\n", "run: staypulse datamap > docs/data-map.md"


def test_the_report_names_every_column_of_every_table() -> None:
    text = report()
    for table in SQLModel.metadata.tables.values():
        assert f"### `{table.name}`" in text
        for column in table.columns:
            assert f"| `{column.name}` |" in text
    assert len(COLUMNS) == sum(len(t.columns) for t in SQLModel.metadata.tables.values())


def test_the_checks_catch_a_link_from_an_answer_to_a_person_or_a_time() -> None:
    metadata = MetaData()
    Table("participant", metadata, Column("id", Integer, primary_key=True))
    Table(
        "submission",
        metadata,
        Column("id", String, primary_key=True),
        Column("participant_id", Integer, ForeignKey("participant.id")),
        Column("at", DateTime),
    )
    Table("mystery", metadata, Column("id", Integer, primary_key=True))
    sides = {"participant": "identity", "submission": ANONYMOUS}
    columns = {"participant.id": "n", "submission.id": "n", "submission.gone": "n"}
    found = problems(metadata, sides, columns)
    assert "submission.participant_id links an answer to participant" in found
    assert "column submission.participant_id is not described" in found
    assert "anonymous column submission.at holds a time" in found
    assert "table mystery is on no side: add it to SIDES" in found
    assert "submission.gone is described but does not exist" in found
