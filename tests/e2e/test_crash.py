"""The bot is killed (SIGKILL) in the middle of a fan-out and started again."""

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
from sqlmodel import select

from bot.fanout import WORKERS
from bot.sandbox import Sandbox, SimClient
from surveys.db import session_scope
from surveys.models import Delivery, Participant, Wave
from surveys.waves import outgoing
from tests.conftest import ROOT
from tests.e2e.conftest import WEDNESDAY_MORNING
from tests.e2e.helpers import invites_by_chat, seed_people

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
