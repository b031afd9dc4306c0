"""A wave's invites reach everyone exactly once, through Telegram's limits and its failures."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.local.runner import LocalBot
from bot.scheduler import Scheduler
from surveys.db import session_scope
from surveys.models import Delivery
from tests.e2e.helpers import invites_by_chat, seed_people

pytestmark = pytest.mark.e2e


async def test_invites_survive_429s_5xx_and_timeouts_exactly_once(local: LocalBot) -> None:
    chat_ids = await seed_people(local.services.engine, local.client, 300)
    await local.client.set_faults(
        {"method": "sendMessage", "status": 429, "rate": 0.04, "retry_after": 1},
        {"method": "sendMessage", "status": 502, "rate": 0.03},
        {"method": "sendMessage", "status": 504, "rate": 0.03, "delay": 0.2},
    )
    # Wednesday 25 November: the shipped fortnightly wave of Tuesday 24th is open, so the first
    # run opens it and fans out.
    timetable = Scheduler(local.app, autoplan=False)
    total = 0
    for _ in range(5):  # a failure left for "the next run" is picked up by the next run
        report = await timetable.run_due()
        total += report.sends.sent
        if total == len(chat_ids):
            break
    stats = (await local.client.stats())["calls"]["sendMessage"]
    assert stats.get("429", 0) > 0
    assert stats.get("502", 0) > 0
    assert stats.get("504", 0) > 0
    counts = await invites_by_chat(local.client, chat_ids)
    assert set(counts.values()) == {1}
    with session_scope(local.services.engine) as session:
        deliveries = list(session.exec(select(Delivery)))
    assert len(deliveries) == 300  # one wave
    assert all(d.invited_at is not None and d.invite_message_id for d in deliveries)
