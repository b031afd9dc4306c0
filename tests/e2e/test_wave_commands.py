"""PSW commands for the timetable: /schedule, /wave open, /wave close."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.local.runner import LocalBot, add_psw
from sandbox import Person
from surveys.db import session_scope
from surveys.models import AuditEntry, PswRole, Wave
from tests.e2e.helpers import join

pytestmark = pytest.mark.e2e


async def psw(local: LocalBot, role: PswRole, user_id: int = 9001) -> Person:
    add_psw(local.services.engine, user_id, role)
    return await Person(local.client, user_id, "Priya").join()


async def test_schedule_shows_the_next_wave_and_digest(local: LocalBot) -> None:
    priya = await psw(local, PswRole.VIEWER)
    [answer] = await priya.says("/schedule")
    assert answer.text.startswith("Schedule (times in Europe/London)")
    assert "Fortnightly pulse: next due Tue 8 Dec 10:00" in answer.text
    assert "closes Tue 15 Dec 10:00" in answer.text
    assert "Weekly digest: next Mon 30 Nov 09:00 (PSW_CHAT_ID is not set" in answer.text


async def test_wave_open_asks_first_with_the_audience_size_then_invites(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    priya = await psw(local, PswRole.ADMIN)
    [ask] = await priya.says("/wave open")
    assert "Open a pulse now for 1 people" in ask.text
    [opened] = await priya.taps("Open it")
    assert opened.text.startswith("Wave ")
    assert "is open until" in opened.text
    await asha.expect("A new pulse is ready")
    # A second pulse is never opened beside it: the bot says so and offers to close it first.
    [busy] = await priya.says("/wave open")
    assert busy.text.startswith("A pulse is already open (wave ")
    assert "0 of 1 have answered" in busy.text
    assert "Close it first?" in busy.text
    assert [b.text for b in busy.buttons] == ["Close it", "Cancel"]
    [closed] = await priya.taps("Close it")
    assert closed.text.endswith("is closed.")
    with session_scope(local.services.engine) as session:
        statuses = [w.status for w in session.exec(select(Wave))]
        actions = [a.action for a in session.exec(select(AuditEntry))]
    assert "closed" in statuses
    assert {"wave.open", "wave.close"} <= set(actions)
    # The timetable's pulse due on Tuesday waited for the hand-opened one; now it opens, late.
    await asha.expect("A new pulse is ready")
    with session_scope(local.services.engine) as session:
        open_now = [w for w in session.exec(select(Wave)) if w.status == "open"]
    assert [w.schedule_key for w in open_now] == ["pulse"]


async def test_wave_commands_are_for_admins_and_the_psw_team(local: LocalBot, asha: Person) -> None:
    [answer] = await asha.says("/wave open")
    assert answer.text == "This command is for the PSW team."
    [answer] = await asha.says("/schedule")
    assert answer.text == "This command is for the PSW team."
    viewer = await psw(local, PswRole.VIEWER, 9002)
    [answer] = await viewer.says("/wave open")
    assert answer.text == "Only PSW admins can do that."
    [answer] = await viewer.says("/wave")
    assert answer.text.startswith("Usage: /wave open")
    with session_scope(local.services.engine) as session:
        assert list(session.exec(select(Wave))) == []
