"""Open a wave by hand and send its invites now: for `/wave open`, the demo and the tests.

The timetable (bot.scheduler) does the same on schedule, and only in working hours.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from telegram.ext import ExtBot

from bot.fanout import FanOut, FanOutResult
from bot.services import Services
from bot.usecases import waves
from bot.usecases.access import SHELL
from surveys.waves import outgoing


async def open_wave_now(services: Services, *, item_keys: Sequence[str] | None = None) -> int:
    """Open a manual wave for the first schedule's audience now; returns its id."""
    for key in item_keys or ():
        if services.bank.get(key) is None:
            raise ValueError(f"no item {key!r} in the question bank")
    spec = services.schedules.schedules[0]
    wave = await services.db(
        waves.open_now,
        actor=SHELL,  # the operator's own tools (demo, chat, tests): the same use case as /wave
        spec=spec,
        bank=services.bank,
        calendar=services.calendar,
        now=services.clock(),
        item_keys=item_keys,
        forms_k=services.forms_k,
    )
    return wave.id


async def send_invites(bot: ExtBot[Any], services: Services, wave_id: int) -> FanOutResult:
    """Send the wave's outstanding invites now, whatever the hour (callers check the hour)."""
    now = services.clock()
    messages = [
        m
        for m in await services.db(outgoing, now=now)
        if m.wave_id == wave_id and m.kind == "invite"
    ]
    return await FanOut(bot, services).send(messages)
