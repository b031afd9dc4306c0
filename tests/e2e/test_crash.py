"""The bot is killed (SIGKILL) in the middle of a fan-out, or while people answer, and started
again."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import func, select

from bot.fanout import WORKERS
from sandbox import Sandbox, SimClient, newest_button
from surveys.db import session_scope
from surveys.models import Delivery, Draft, Participant, Wave
from surveys.waves import outgoing
from tests.conftest import ROOT
from tests.e2e.conftest import WEDNESDAY_MORNING
from tests.e2e.helpers import (
    answer_patiently,
    ballots,
    invites_by_chat,
    seed_people,
)

pytestmark = pytest.mark.e2e
PEOPLE = 300


def start_bot(sandbox: Sandbox, db_url: str, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env.update(
        DATABASE_URL=db_url,
        TELEGRAM_BASE_URL=sandbox.url,
        TELEGRAM_BOT_TOKEN=sandbox.token,
        PYTHONPATH=str(ROOT),
    )
    return subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.bot_process", "--start", WEDNESDAY_MORNING.isoformat()],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log.open("ab"),
    )


async def sent_invites(client: SimClient) -> int:
    stats = await client.stats()
    return int(stats["calls"].get("sendMessage", {}).get("200", 0))


def deliveries(engine: Engine) -> list[tuple[Delivery, int]]:
    with session_scope(engine) as session:
        rows = session.exec(
            select(Delivery, Participant.chat_id).join(
                Participant, Participant.id == Delivery.participant_id
            )
        ).all()
        return [(d, chat_id) for d, chat_id in rows]


async def test_a_sigkill_mid_fanout_never_sends_twice_and_loses_no_one(
    org_engine: Engine, db_url: str, tmp_path: Path
) -> None:
    sandbox = Sandbox()
    await sandbox.start()
    log = tmp_path / "bot.log"
    try:
        async with SimClient(sandbox.url) as client:
            chat_ids = await seed_people(org_engine, client, PEOPLE)
            # A random point; CRASH_KILL_AFTER pins it to study one (early kills are the hardest:
            # the fan-out starts with a burst).
            kill_after = int(os.environ.get("CRASH_KILL_AFTER") or random.randint(20, PEOPLE - 50))
            first = start_bot(sandbox, db_url, log)
            deadline = time.monotonic() + 60
            while await sent_invites(client) < kill_after:
                assert time.monotonic() < deadline, log.read_text()[-2000:]
                assert first.poll() is None, log.read_text()[-2000:]
                await asyncio.sleep(0.005)
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
            killed_at = await sent_invites(client)
            assert killed_at < PEOPLE  # it really died mid fan-out

            second = start_bot(sandbox, db_url, log)
            try:
                deadline = time.monotonic() + 60
                while not all(d.invited_at for d, _ in deliveries(org_engine)):
                    assert time.monotonic() < deadline, log.read_text()[-2000:]
                    await asyncio.sleep(0.2)
            finally:
                second.send_signal(signal.SIGINT)
                second.wait(timeout=30)
            counts = await invites_by_chat(client, chat_ids)
            stats = (await client.stats())["calls"]["sendMessage"]
    finally:
        await sandbox.stop()

    assert max(counts.values()) == 1, "someone got the invite twice"
    rows = deliveries(org_engine)
    assert len(rows) == PEOPLE
    # A send caught by the kill between its claim and the request counts as sent (never resent).
    # At most one per worker can be in that state, and the wave's reminder still reaches them.
    in_doubt = {chat_id for d, chat_id in rows if d.invite_message_id is None}
    missing = {chat_id for chat_id, count in counts.items() if count == 0}
    assert missing <= in_doubt
    assert len(in_doubt) <= WORKERS
    with session_scope(org_engine) as session:
        wave = session.exec(select(Wave)).one()
        assert wave.remind_at is not None
        reminded = {
            m.chat_id for m in outgoing(session=session, now=wave.remind_at) if m.kind == "reminder"
        }
    assert missing <= reminded
    print(
        f"killed after {killed_at} invites; in doubt {len(in_doubt)}, of which never "
        f"delivered {len(missing)}; sendMessage by status {stats}"
    )


ANSWERING = 60
PAUSED = 8  # of them answer two questions, wait out the crashes, then carry on
KILLS = 3


async def newest_pulse_text(client: SimClient, chat_id: int) -> str:
    """The text of the newest bot message that shows a pulse question, or ''."""
    for message in reversed((await client.view(chat_id))["messages"]):
        if message["from"] == "bot" and (message.get("text") or "").startswith("Pulse ·"):
            return str(message["text"])
    return ""


async def first_new_pulse_text(client: SimClient, chat_id: int, after: int) -> str:
    """Wait for the bot's first pulse message newer than message id `after`; its text."""
    deadline = time.monotonic() + 20
    while True:
        for message in (await client.view(chat_id))["messages"]:
            text = message.get("text") or ""
            if message["from"] == "bot" and message["message_id"] > after and "Pulse ·" in text:
                return str(text)
        assert time.monotonic() < deadline, f"{chat_id} was not shown their pulse"
        await asyncio.sleep(0.1)


async def tap_until(client: SimClient, chat_id: int, label: str, shows: str) -> None:
    """Tap `label` on the newest message offering it, and wait until the chat shows `shows`."""
    message_id, data = newest_button((await client.view(chat_id))["messages"], label)
    await client.press(chat_id, message_id, data)
    deadline = time.monotonic() + 20
    while not (await newest_pulse_text(client, chat_id)).startswith(shows):
        assert time.monotonic() < deadline, f"{chat_id} never saw {shows!r} after {label!r}"
        await asyncio.sleep(0.1)


async def test_sigkills_while_people_answer_lose_nothing_store_nothing_twice_and_resume_drafts(
    org_engine: Engine, db_url: str, tmp_path: Path
) -> None:
    seed = int(os.environ.get("CRASH_SEED") or random.randrange(1 << 30))
    rng = random.Random(seed)
    sandbox = Sandbox()
    await sandbox.start()
    log = tmp_path / "bot.log"
    bot = None
    try:
        async with SimClient(sandbox.url) as client:
            chat_ids = await seed_people(org_engine, client, ANSWERING)
            paused, answering = chat_ids[:PAUSED], chat_ids[PAUSED:]
            bot = start_bot(sandbox, db_url, log)
            deadline = time.monotonic() + 60
            while await sent_invites(client) < ANSWERING:
                assert time.monotonic() < deadline, log.read_text()[-2000:]
                await asyncio.sleep(0.05)
            for chat_id in paused:  # two answers in, then they put the phone down
                await tap_until(client, chat_id, "Start", "Pulse · 1 of 4")
                await tap_until(client, chat_id, "Agree", "Pulse · 2 of 4")
                await tap_until(client, chat_id, "Disagree", "Pulse · 3 of 4")

            # Kill once each third of the way: when a random number of people in that third have
            # finished, so kills land before, during and near the end of the answering.
            third = len(answering) // KILLS
            targets = [rng.randrange(k * third, (k + 1) * third) for k in range(KILLS)]
            finished_so_far: list[int] = []
            progress = asyncio.Event()
            kills: list[tuple[int, float]] = []
            began = time.monotonic()

            async def answer(chat_id: int) -> bool:
                ok = await answer_patiently(client, chat_id, think=1.0)
                finished_so_far.append(chat_id)
                progress.set()
                return ok

            async def crash_repeatedly() -> None:
                nonlocal bot
                for target in targets:
                    while len(finished_so_far) < target:
                        progress.clear()
                        await progress.wait()
                    assert bot is not None
                    assert bot.poll() is None, log.read_text()[-2000:]
                    bot.send_signal(signal.SIGKILL)
                    bot.wait(timeout=10)
                    kills.append((len(finished_so_far), round(time.monotonic() - began, 1)))
                    await asyncio.sleep(rng.uniform(0.0, 1.5))  # taps pile up while it is down
                    bot = start_bot(sandbox, db_url, log)

            *finished, _ = await asyncio.gather(
                *(answer(chat_id) for chat_id in answering), crash_repeatedly()
            )
            assert all(finished), f"seed {seed}: {finished.count(False)} never got through"
            assert len(kills) == KILLS
            answered_at = round(time.monotonic() - began, 1)

            for chat_id in paused:  # back to it: the draft carries on at question 3
                before = max(m["message_id"] for m in (await client.view(chat_id))["messages"])
                await client.send(chat_id, "/pulse")
                assert (await first_new_pulse_text(client, chat_id, before)).startswith(
                    "Pulse · 3 of 4"
                )
                assert await answer_patiently(client, chat_id)
            counts = await invites_by_chat(client, chat_ids)
    finally:
        if bot is not None and bot.poll() is None:
            bot.send_signal(signal.SIGINT)
            bot.wait(timeout=30)
        await sandbox.stop()

    assert set(counts.values()) == {1}, "an invite was sent again after a restart"
    sealed = ballots(org_engine)  # finished pulses wait sealed until the wave closes
    submissions = len(sealed)
    answers = sum(len(ballot["answers"]) for ballot in sealed)
    with session_scope(org_engine) as session:
        completed = session.exec(
            select(func.count()).select_from(Delivery).where(Delivery.completed)
        ).one()
        drafts = session.exec(select(func.count()).select_from(Draft)).one()
    assert submissions == completed == ANSWERING, f"seed {seed}"
    assert answers == 4 * ANSWERING
    assert drafts == 0
    print(f"seed {seed}: killed (done, s) at {kills}; all {len(answering)} done at {answered_at} s")
