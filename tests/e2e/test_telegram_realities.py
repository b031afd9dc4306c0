"""What Telegram does that a lenient sandbox hid: keyboard limits, lost and late updates, blocked
bots, messages that can no longer be edited, and a second poller with the same token."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

import httpx
import pytest
from sqlmodel import select

from bot import texts
from bot.local.runner import LocalBot, add_psw
from bot.usecases import interviews as interview_usecases
from sandbox import Person
from sandbox.client import Shown
from surveys.db import session_scope
from surveys.models import Interview, Participant, ParticipantStatus, PswRole, Team
from tests.e2e.helpers import join

pytestmark = pytest.mark.e2e
MAX_BUTTONS = 100


async def eventually(check: Callable[[], bool], wait: float = 10.0) -> None:
    """Until `check()` holds (the bot acts on an update it fetches in its own time)."""
    deadline = time.monotonic() + wait
    while not check():
        assert time.monotonic() < deadline, "the bot never got there"
        await asyncio.sleep(0.05)


def status(local: LocalBot, chat_id: int) -> str | None:
    with session_scope(local.services.engine) as session:
        person = session.exec(select(Participant).where(Participant.chat_id == chat_id)).first()
        return None if person is None else person.status


async def no_apology(person: Person) -> None:
    assert all(texts.ERROR not in shown.text for shown in await person.chat())


def within_limits(shown: Shown) -> None:
    assert len(shown.buttons) <= MAX_BUTTONS
    assert all(len(row) <= 8 for row in shown.keyboard)


# --- 3: keyboards within Telegram's limits ------------------------------------------------------


async def test_record_stay_pages_through_130_teams(local: LocalBot) -> None:
    with session_scope(local.services.engine) as session:
        for n in range(1, 131):
            session.add(Team(key=f"extra{n}", name=f"Locality team {n:03d}"))
    add_psw(local.services.engine, 9001, PswRole.VIEWER)
    priya = await Person(local.client, 9001, "Priya").join()
    [_intro, picker] = await priya.says("/record_stay")
    within_limits(picker)
    assert "Page 1 of" in picker.text
    while "Locality team 130" not in [b.text for b in picker.buttons]:
        [picker] = await priya.taps("Next ›", on=picker)
        within_limits(picker)
    [back] = await priya.taps("‹ Previous", on=picker)
    assert "Locality team 130" not in [b.text for b in back.buttons]
    [picker] = await priya.taps("Next ›", on=back)
    [role] = await priya.taps("Locality team 130", on=picker)
    assert "2 of 5" in role.text
    await no_apology(priya)


async def test_my_interviews_pages_through_130_interviews(
    local: LocalBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    with session_scope(local.services.engine) as session:
        team_id = session.exec(select(Team.id)).first()
    recorded = [
        Interview(
            id=f"{n:032x}",
            kind="stay",
            source="psw",
            period="2026-11",
            team_id=team_id,
            role_group="undisclosed",
            employment_type="undisclosed",
        )
        for n in range(1, 131)
    ]
    monkeypatch.setattr(interview_usecases, "recorded_this_month", lambda *_a, **_kw: recorded)
    add_psw(local.services.engine, 9001, PswRole.VIEWER)
    priya = await Person(local.client, 9001, "Priya").join()
    [listing] = await priya.says("/my_interviews")
    within_limits(listing)
    assert "Page 1 of 13" in listing.text
    [second] = await priya.taps("Next ›", on=listing)
    assert "\n11. " in second.text
    assert "\n10. " not in second.text
    assert "Delete 11" in [b.text for b in second.buttons]
    await no_apology(priya)


# --- 7: updates Telegram drops, and button presses answered late --------------------------------


async def test_a_press_answered_after_telegrams_deadline_is_acted_on_quietly(
    local: LocalBot, asha: Person, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    await join(asha)
    [_intro, question] = await asha.says("/stay")
    await local.stop_polling()  # the bot is down while she taps
    skip = question.button("Skip").callback_data
    assert skip is not None
    await local.client.press(101, question.message_id, skip)
    await local.client.advance_clock(120)  # back up after Telegram stopped waiting for an answer
    await local.start_polling()
    moved = await asha.expect("2 of")
    assert moved.message_id == question.message_id  # the tap still moved her on
    await eventually(lambda: "callback query not answered: stale" in caplog.text)
    await no_apology(asha)


async def test_a_forget_sent_during_a_weekend_outage_is_lost(local: LocalBot, asha: Person) -> None:
    # What the README says a long outage loses: Telegram keeps undelivered updates for 24 hours.
    await join(asha)
    await local.stop_polling()
    await local.client.send(101, "/forget")
    await local.client.advance_clock(60 * 3600)
    await local.start_polling()
    [answer] = await asha.says("/help")
    assert "Sorry" not in answer.text
    assert status(local, 101) == ParticipantStatus.ACTIVE  # the /forget never arrived


# --- 8: blocking and unblocking -----------------------------------------------------------------


async def test_blocking_marks_the_person_unreachable_and_unblocking_reachable(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    await local.client.block(101)
    await eventually(lambda: status(local, 101) == ParticipantStatus.UNREACHABLE)
    await local.client.unblock(101)
    await eventually(lambda: status(local, 101) == ParticipantStatus.ACTIVE)


# --- 9: edits Telegram refuses ------------------------------------------------------------------


async def test_a_step_on_a_deleted_message_comes_as_a_new_message(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    [_intro, question] = await asha.says("/stay")
    await local.stop_polling()
    skip = question.button("Skip").callback_data
    assert skip is not None
    await local.client.press(101, question.message_id, skip)
    await local.client.delete(101, question.message_id)  # she deleted it before the bot edited
    await local.start_polling()
    fresh = await asha.expect("2 of")
    assert fresh.message_id != question.message_id
    await no_apology(asha)


async def test_a_step_on_a_message_too_old_to_edit_comes_as_a_new_message(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    [_intro, question] = await asha.says("/stay")
    await local.client.advance_clock(49 * 3600)
    shown = await asha.taps("Skip", on=question)
    [fresh] = [s for s in shown if "2 of" in s.text]
    assert fresh.message_id != question.message_id
    await no_apology(asha)


# --- 13: one poller per token -------------------------------------------------------------------


async def test_a_second_poller_is_one_clear_line_and_no_spinning(
    local: LocalBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    url = f"{local.sandbox.url}/bot{local.sandbox.token}/getUpdates"
    before = (await local.client.stats())["calls"].get("getUpdates", {})
    ours = 0
    async with httpx.AsyncClient(timeout=10) as http:
        started = time.monotonic()
        while time.monotonic() - started < 4:  # another instance polling for four seconds
            await http.post(url, json={"timeout": 1})
            ours += 1
    after = (await local.client.stats())["calls"]["getUpdates"]
    bot_polls = sum(after.values()) - sum(before.values()) - ours
    assert after.get("409", 0) > before.get("409", 0)  # they did conflict
    assert bot_polls < 20  # PTB backs off (1 s, then longer): no tight loop
    lines = [r for r in caplog.records if "another instance is running" in r.getMessage()]
    assert len(lines) == 1
    assert not [r for r in caplog.records if r.exc_info and r.levelno >= logging.ERROR]
