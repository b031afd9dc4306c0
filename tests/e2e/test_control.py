"""Staying in control: my data, pause, resume, stop, forget, talk; and a flood is slowed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.local.runner import LocalBot, add_psw, local_bot
from bot.settings import Settings
from sandbox import Person
from surveys.db import session_scope
from surveys.models import Delivery, Draft, Participant, PswRole, SealedBallot
from tests.e2e.helpers import answer_pulse, join, open_pulse

pytestmark = pytest.mark.e2e


def participant(local: LocalBot, chat_id: int = 101) -> Participant | None:
    with session_scope(local.services.engine) as session:
        return session.exec(select(Participant).where(Participant.chat_id == chat_id)).first()


async def test_mydata_shows_exactly_what_is_held(local: LocalBot, asha: Person) -> None:
    [answer] = await asha.says("/mydata")
    assert answer.text == "I hold nothing about you. Type /start to join."
    await join(asha)
    await open_pulse(local)
    await answer_pulse(asha, ["Agree"] * 4)
    [answer] = await asha.says("/mydata")
    assert "Telegram chat id: 101" in answer.text
    assert "Team: Assessment Team" in answer.text
    assert "Role: Social worker" in answer.text
    assert "Contract: Permanent" in answer.text
    assert "Status: active" in answer.text
    assert "Pulses sent to you: 1, answered: 1" in answer.text
    assert "can't be shown here, not even to you" in answer.text


async def test_pause_resume_and_stop(local: LocalBot, asha: Person) -> None:
    await join(asha)
    [answer] = await asha.says("/pause 20")
    assert answer.text == "Please give a number of weeks from 1 to 12, for example /pause 4."
    [answer] = await asha.says("/pause soon")
    assert answer.text.startswith("Please give a number of weeks")
    [answer] = await asha.says("/pause 2")
    assert answer.text.startswith("Paused. I won't message you until ")
    found = participant(local)
    assert found is not None
    assert found.status == "paused"
    assert found.paused_until is not None
    assert 13 <= (found.paused_until - local.services.clock()).days <= 14
    await open_pulse(local)  # a paused person is not invited
    assert "A new pulse is ready" not in " ".join(m.text for m in await asha.chat())
    [answer] = await asha.says("/resume")
    assert answer.text.startswith("Welcome back.")
    [answer] = await asha.says("/stop")
    assert answer.text.startswith("Done. I won't send you any more messages.")
    stopped = participant(local)
    assert stopped is not None
    assert stopped.status == "stopped"
    local.services.clock.advance(timedelta(days=14))  # type: ignore[attr-defined]
    await open_pulse(local)
    assert "A new pulse is ready" not in " ".join(m.text for m in await asha.chat())
    [profile] = await asha.says("/start")  # /start ends a stop
    assert "You're set up as" in profile.text
    active = participant(local)
    assert active is not None
    assert active.status == "active"


async def test_forget_deletes_identity_and_keeps_anonymous_answers(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    await open_pulse(local)
    await answer_pulse(asha, ["Agree"] * 4, comment="Fine thanks")
    [ask] = await asha.says("/forget")
    assert "Your anonymous answers stay" in ask.text
    [cancelled] = await asha.taps("Cancel")
    assert cancelled.text == "Cancelled. Nothing was deleted."
    assert participant(local) is not None
    await asha.says("/forget")
    [done] = await asha.taps("Yes, forget me")
    assert "anonymous answers remain and cannot be traced back to you" in done.text
    assert participant(local) is None
    with session_scope(local.services.engine) as session:
        assert list(session.exec(select(Delivery))) == []
        assert list(session.exec(select(Draft))) == []
        # The sealed ballot stays: nothing links it to her, so it is released with the wave.
        assert [b.content["comment"] for b in session.exec(select(SealedBallot))] == ["Fine thanks"]
    [answer] = await asha.says("/mydata")
    assert answer.text.startswith("I hold nothing about you.")


async def test_talk_shows_what_is_shared_and_sends_only_after_confirmation(
    local: LocalBot, asha: Person
) -> None:
    add_psw(local.services.engine, 9001, PswRole.VIEWER)
    priya = await Person(local.client, 9001, "Priya").join()
    await priya.says("/help")  # PSW members have talked to the bot, so it can write to them
    await join(asha)
    [ask] = await asha.says("/talk")
    assert "This is not anonymous." in ask.text
    assert "Asha would like a conversation with the PSW team." in ask.text
    [ask] = await asha.says("Could we talk about <my> caseload?")
    assert "Their note: Could we talk about <my> caseload?" in ask.text  # escaped, as typed
    assert [m.text for m in await priya.chat()][-1].startswith("What I can do")  # not sent yet
    [sent] = await asha.taps("Send")
    assert sent.text.startswith("Sent. Someone from the PSW team will be in touch.")
    request = await priya.expect("Conversation request")
    assert "Asha would like a conversation" in request.text
    assert "Their note: Could we talk about <my> caseload?" in request.text
    assert request.text in ask.text  # the preview is exactly what the PSW team sees
    await asha.says("/talk")
    [cancelled] = await asha.taps("Cancel")
    assert cancelled.text == "Cancelled. Nothing was sent."


async def test_more_than_the_limit_of_messages_a_minute_gets_a_polite_slow_down(
    settings: Settings, org_engine: Engine
) -> None:
    limited = settings.model_copy(update={"flood_messages_per_minute": 5})
    async with local_bot(limited, org_engine) as local:
        asha = await Person(local.client, 101, "Asha").join()
        for _ in range(5):
            await asha.says("/help")
        [slow] = await asha.says("/help")
        assert slow.text.startswith("You're sending messages faster than I can keep up.")
        assert await asha.says("/help") == []  # told once; then quietly held back
