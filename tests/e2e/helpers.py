"""Shared steps for end-to-end dialogues."""

from __future__ import annotations

import asyncio
import random
import time
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import SQLModel, select

from bot.invites import open_wave_now, send_invites
from bot.local.runner import LocalBot
from bot.services import Services
from sandbox import Person, SimClient, SimClientError, newest_button
from surveys.db import session_scope
from surveys.models import Participant, SealedBallot, Team
from surveys.participants import create_invite
from surveys.types import utcnow
from surveys.waves import close_now

# The database behind each running sandbox, so `join(person)` can make the person's invite as
# the PSW team would (registered by the e2e `local` fixture).
_SERVICES: dict[str, Services] = {}


def register_engine(local: LocalBot) -> None:
    """Let `join` find the database and clock of this local bot."""
    _SERVICES[local.client.base_url] = local.services


PULSE_ITEMS = ["intent_stay", "recommend", "workload_high", "supervision"]


def invite_code(
    engine: Engine, team: str = "Assessment Team", *, now: datetime | None = None, **limits: Any
) -> str:
    """A fresh team invite code for the team with this name, as a PSW member would make (at
    `now`: the bot's simulated clock, when the test has one)."""
    with session_scope(engine) as session:
        key = session.exec(select(Team.key).where(Team.name == team)).one()
        invite, _team = create_invite(
            session=session,
            team_key=key,
            created_by=0,
            now=now or utcnow(),
            days=limits.pop("days", 30),
            **limits,
        )
        return invite.code


async def join(
    person: Person,
    team: str = "Assessment Team",
    role: str = "Social worker",
    employment: str = "Permanent",
    *,
    engine: Engine | None = None,
) -> None:
    """The person joins with their team's invite link and the pickers."""
    services = _SERVICES.get(person.client.base_url)
    if engine is None:
        assert services is not None, "pass engine=: this bot was not started by `local`"
        engine = services.engine
    now = services.clock() if services is not None else None
    await person.says(f"/start {invite_code(engine, team, now=now)}")
    await person.taps(role)
    await person.taps(employment)
    [done] = await person.taps("I'm happy to take part")
    assert "Thank you, you're in." in done.text


async def open_pulse(local: LocalBot, items: list[str] | None = None) -> int:
    """Open a wave for everyone who has joined and send the invites."""
    wave_id = await open_wave_now(local.services, item_keys=items or PULSE_ITEMS)
    await send_invites(local.app.bot, local.services, wave_id)
    return wave_id


async def answer_pulse(person: Person, labels: list[str], comment: str | None = None) -> None:
    """Tap Start on the invite, answer each item, then comment or say no thanks."""
    await person.expect("A new pulse is ready")
    await person.taps("Start")
    for label in labels:
        await person.taps(label)
    if comment is None:
        [done] = await person.taps("No thanks")
        assert done.text.startswith("Thank you")
    else:
        await person.says(comment)
        await person.expect("Thank you, that's everything")


def dump_database(engine: Engine) -> str:
    """Every value in every table, as text: what anyone with a copy of the database could read
    (raw rows: sealed columns stay sealed without BALLOT_KEY)."""
    parts = []
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            for row in connection.exec_driver_sql(f'select * from "{table.name}"'):  # noqa: S608
                parts.append(" ".join(str(value) for value in row))
    return "\n".join(parts)


def ballots(engine: Engine, kind: str = "pulse") -> list[dict[str, Any]]:
    """The sealed ballots waiting in one queue, opened with the bot's key (what the bot will
    release when the wave closes)."""
    with session_scope(engine) as session:
        rows = session.exec(select(SealedBallot).where(SealedBallot.kind == kind))
        return [dict(row.content) for row in rows]


async def close_and_release(local: LocalBot, wave_id: int) -> None:
    """Close a wave now and release its batch, as the timetable does when its window ends."""
    services = local.services
    await services.db(close_now, wave_id=wave_id, bank=services.bank, now=services.clock())
    await services.release_waves()


async def seed_people(
    engine: Engine,
    client: SimClient,
    count: int,
    *,
    first_id: int = 10_000,
    team_key: str = "assessment",
) -> list[int]:
    """`count` people who have joined a team and talked to the bot before; their chat ids."""
    with session_scope(engine) as session:
        team = session.exec(select(Team).where(Team.key == team_key)).one()
        ids = list(range(first_id, first_id + count))
        for chat_id in ids:
            session.add(
                Participant(
                    chat_id=chat_id,
                    team_id=team.id,
                    role_key="social_worker",
                    employment_type="permanent",
                )
            )
    for chat_id in ids:
        await client.add_user(chat_id, f"Person{chat_id}", started=True)
    return ids


async def invites_by_chat(client: SimClient, chat_ids: list[int]) -> dict[int, int]:
    """How many invite messages each chat was sent (whether or not since edited into a pulse)."""
    counts = {}
    for chat_id in chat_ids:
        view = await client.view(chat_id)
        counts[chat_id] = sum(
            1
            for m in view["messages"]
            if m["from"] == "bot"
            and (m["first_text"] or "").startswith("Hello! A new pulse is ready")
        )
    return counts


PATIENT_LABELS = ("Agree", "Disagree", "Neither", "Agree", "No thanks")


def pulse_done(messages: list[dict[str, Any]]) -> bool:
    """Whether the bot has told this person their pulse is complete."""
    return any(
        m["from"] == "bot"
        and (m.get("text") or "").startswith(
            ("Thank you, that's everything", "You've already", "Pulse · done")
        )
        for m in messages
    )


async def answer_patiently(
    client: SimClient, chat_id: int, *, wait: float = 60.0, think: float = 0.0
) -> bool:
    """Tap through the pulse as a patient person would, taking up to `think` seconds to read
    each question. After each tap they wait for the bot: if its reply was lost (the sandbox
    says a fault hit a call for their chat), or nothing comes for `wait` seconds, they ask for
    the pulse again with /pulse and carry on from what it shows. A slow reply is waited for,
    however loaded the machine: giving up on slow replies made the outcome depend on the load.
    Whether they got to the thanks."""
    for _ in range(40):
        await asyncio.sleep(random.uniform(0, think))
        view = await client.view(chat_id)
        if pulse_done(view["messages"]):
            return True
        faults = view.get("faults", 0)
        try:
            message_id, data = newest_button(view["messages"], "Start", *PATIENT_LABELS)
            pressed = await client.press(chat_id, message_id, data)
        except (LookupError, SimClientError):
            pressed = await client.send(chat_id, "/pulse")
        if not await _answered(client, chat_id, pressed["version"], faults, wait):
            asked = await client.send(chat_id, "/pulse")  # the reply was lost
            await _answered(client, chat_id, asked["version"], faults + 1, wait)
    return pulse_done((await client.view(chat_id))["messages"])


async def _answered(
    client: SimClient, chat_id: int, version: int, faults: int, wait: float
) -> bool:
    """Whether the chat changed after `version` within `wait` seconds; False as soon as a fault
    beyond the first `faults` hits the chat (that reply may never come)."""
    deadline = time.monotonic() + wait
    while (left := deadline - time.monotonic()) > 0:
        try:
            view = await client.view(chat_id, since_version=version, wait=min(left, 1.0))
        except SimClientError:  # the sandbox itself slow to answer on a loaded machine
            continue
        if view["version"] != version:
            return True
        if view.get("faults", 0) > faults:
            return False
    return False
