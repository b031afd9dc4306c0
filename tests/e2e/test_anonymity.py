"""Acceptance tests for anonymity: answers cannot be linked to people, personal data never lands."""

from __future__ import annotations

import io
import logging
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.local.runner import LocalBot, add_psw, local_bot
from bot.logs import configure_logging
from bot.services import Services
from bot.settings import Settings
from sandbox import Person
from surveys.db import session_scope
from surveys.models import Answer, Delivery, Participant, PswRole, Submission
from tests.e2e.helpers import (
    answer_pulse,
    ballots,
    close_and_release,
    dump_database,
    join,
    open_pulse,
    seed_people,
)

pytestmark = pytest.mark.e2e


async def test_no_query_can_tell_whose_answers_are_whose(local: LocalBot) -> None:
    names = ["Asha", "Ben", "Cara", "Dev", "Ema"]
    people = [await Person(local.client, 101 + i, name).join() for i, name in enumerate(names)]
    for person in people:
        await join(person)
    wave_id = await open_pulse(local)
    for index, person in enumerate(people):
        value = "Strongly agree" if index % 2 else "Strongly disagree"
        await answer_pulse(person, [value] * 4, comment=f"Comment number {index}")
        # While the wave is open nothing readable is stored, so nothing can be watched arriving.
        with session_scope(local.services.engine) as session:
            assert list(session.exec(select(Submission))) == []
    await close_and_release(local, wave_id)

    with session_scope(local.services.engine) as session:
        submissions = list(session.exec(select(Submission)))
        people_rows = list(session.exec(select(Participant)))
        deliveries = list(session.exec(select(Delivery)))
        answers = list(session.exec(select(Answer)))
    assert len(submissions) == 5
    # Everything a submission says about its author is the same for everyone ...
    described = {
        (s.kind, s.wave_id, s.period, s.team_id, s.role_group, s.employment_type)
        for s in submissions
    }
    assert len(described) == 1
    # ... nothing on the identity side mentions a submission or an answer, and who answered the
    # wave is forgotten now it has closed.
    assert deliveries == []
    submission_ids = {s.id for s in submissions}
    identity_values = {str(v) for row in people_rows for v in row.model_dump().values()}
    assert not submission_ids & identity_values
    assert all(len(s.id) == 32 for s in submissions)
    assert {a.submission_id for a in answers} == submission_ids


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
            # What the bot will release is redacted too (it opens the sealed ballots).
            opened = repr(ballots(local.services.engine)) + repr(
                ballots(local.services.engine, "feedback")
            )
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in saved[0]:
            root.addHandler(handler)
        root.setLevel(saved[1])
    assert "[email]" in opened
    assert "[name]" in opened
    for kind, value in seeded.items():
        assert value not in opened, f"{kind} found in a sealed ballot"
        assert value not in dump, f"{kind} found in the database"
        assert value not in log_stream.getvalue(), f"{kind} found in the logs"
    if db_url.startswith("sqlite:///"):
        path = Path(db_url.removeprefix("sqlite:///"))
        raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
        for kind, value in seeded.items():
            assert value.encode() not in raw, f"{kind} found in the SQLite files"


async def test_a_reader_sees_nothing_until_the_wave_closes_then_only_whole_cells(
    local: LocalBot,
) -> None:
    """The live-tracking and complement attacks through ordinary commands: while the wave is
    open every figure stays as it was however many answer; after it closes, a team of two is
    stored only as part of "other teams" with three of the big team (coarsened at release), so
    "everyone" minus the big team is five people, never the two."""
    add_psw(local.services.engine, 9001, PswRole.VIEWER)
    priya = await Person(local.client, 9001, "Priya").join()
    big = await seed_people(local.services.engine, local.client, 8, first_id=20_000)
    small = await seed_people(
        local.services.engine, local.client, 2, first_id=21_000, team_key="fostering"
    )
    wave_id = await open_pulse(local)
    first = (await priya.says("/summary 4w"))[0].text
    for number, chat_id in enumerate([*big, *small], start=1):
        person = Person(local.client, chat_id, f"Person{chat_id}")
        await answer_pulse(person, ["Agree", "Agree", "Disagree", "Strongly agree"])
        if number in (1, 5, 10):
            # The live-tracking attack: between answers the reader's view does not move.
            assert (await priya.says("/summary 4w"))[0].text == first
    [live] = await priya.says("/participation")
    assert "10 of 10 invited answered" in live.text
    assert "Assessment" not in live.text  # while open: the service-wide count only
    await close_and_release(local, wave_id)
    [everyone] = await priya.says("/summary 4w")
    assert "10 people answered a pulse" in everyone.text
    [fostering] = await priya.says("/summary 4w fostering")
    assert "Not enough responses to show this group" in fostering.text
    [assessment] = await priya.says("/summary 4w assessment")
    # the other 3 went to "other teams" with Fostering
    assert "5 people answered a pulse" in assessment.text
    with session_scope(local.services.engine) as session:
        teams = Counter(s.team_id for s in session.exec(select(Submission)))
    assert sorted(teams.values()) == [5, 5]
    assert None in teams
    [after] = await priya.says("/participation")
    assert "Assessment Team: 8 of 8" in after.text
    assert "Fostering" not in after.text
