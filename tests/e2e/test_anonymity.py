"""Acceptance tests for anonymity: answers cannot be linked to people, personal data never lands."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.local import LocalBot, local_bot
from bot.logs import configure_logging
from bot.sandbox import Person
from bot.services import Services
from bot.settings import Settings
from surveys.db import session_scope
from surveys.models import Answer, Delivery, Participant, Submission
from tests.e2e.helpers import answer_pulse, dump_database, join, open_pulse

pytestmark = pytest.mark.e2e


async def test_no_query_can_tell_whose_answers_are_whose(local: LocalBot) -> None:
    asha = await Person(local.client, 101, "Asha").join()
    ben = await Person(local.client, 102, "Ben").join()
    await join(asha)
    await join(ben)
    await open_pulse(local)
    await answer_pulse(asha, ["Strongly agree"] * 4, comment="Happy here")
    await answer_pulse(ben, ["Strongly disagree"] * 4, comment="Thinking of leaving")

    with session_scope(local.services.engine) as session:
        submissions = list(session.exec(select(Submission)))
        people = list(session.exec(select(Participant)))
        deliveries = list(session.exec(select(Delivery)))
        answers = list(session.exec(select(Answer)))
    assert len(submissions) == 2
    # Everything a submission says about its author is the same for both people ...
    described = {
        (s.kind, s.wave_id, s.period, s.team_id, s.role_group, s.employment_type)
        for s in submissions
    }
    assert len(described) == 1
    # ... and nothing on the identity side mentions a submission or an answer.
    submission_ids = {s.id for s in submissions}
    identity_values = {str(v) for row in [*people, *deliveries] for v in row.model_dump().values()}
    assert not submission_ids & identity_values
    # The keys are random, so their order says nothing about who answered first.
    assert all(len(s.id) == 32 for s in submissions)
    assert {a.submission_id for a in answers} == submission_ids
    # Deliveries say both completed, never when.
    assert all(d.completed for d in deliveries)
    assert all(not hasattr(d, "completed_at") for d in deliveries)


@pytest.fixture
def log_stream() -> io.StringIO:
    return io.StringIO()


async def test_personal_data_typed_in_a_comment_never_reaches_disk_or_logs(
    settings: Settings,
    org_engine: Engine,
    db_url: str,
    log_stream: io.StringIO,
    services: Services,
) -> None:
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    configure_logging("DEBUG", stream=log_stream)
    seeded = {
        "email": "jo.bloggs@example.org",
        "phone": "07700 900123",
        "postcode": "SW1A 1AA",
        "NI number": "QQ123456C",
        "name": "Priyanka",
        "surname": "Okonkwo",
    }
    comment = (
        f"My TM Priyanka Okonkwo said email {seeded['email']} or ring {seeded['phone']}, "
        f"I live at {seeded['postcode']}, NI {seeded['NI number']}"
    )
    try:
        async with local_bot(settings, org_engine, services=services) as local:
            asha = await Person(local.client, 101, "Asha").join()
            await join(asha, engine=org_engine)
            await open_pulse(local)
            await answer_pulse(asha, ["Agree"] * 4, comment=comment)
            await asha.says("/feedback")
            await asha.says(f"Also: {seeded['email']} {seeded['phone']}")
            dump = dump_database(local.services.engine)
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in saved[0]:
            root.addHandler(handler)
        root.setLevel(saved[1])
    assert "[email]" in dump
    assert "[name]" in dump
    for kind, value in seeded.items():
        assert value not in dump, f"{kind} found in the database"
        assert value not in log_stream.getvalue(), f"{kind} found in the logs"
    if db_url.startswith("sqlite:///"):
        path = Path(db_url.removeprefix("sqlite:///"))
        raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
        for kind, value in seeded.items():
            assert value.encode() not in raw, f"{kind} found in the SQLite files"
