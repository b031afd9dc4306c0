"""Fan-out of one wave to 2,000 people through the sandbox, which enforces Telegram's limits.

Prints invites per second as a ratio of Telegram's 30/s ceiling (aim ≥ 0.9), the 429s received
(aim 0), and duplicates and people missed (both must be 0).
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import select

from benchmarks.common import database, emit, postgres_available
from bot.local.runner import SimulatedClock, local_bot
from bot.scheduler import Scheduler
from bot.services import Services
from bot.settings import load_settings
from surveys.db import session_scope
from surveys.models import Delivery, Participant, Team
from surveys.seal import new_key

PEOPLE = 2000
CEILING = 30.0
WEDNESDAY = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Europe/London"))


def seed(engine: Engine, count: int) -> list[int]:
    with session_scope(engine) as session:
        teams = list(session.exec(select(Team)))
        ids = list(range(50_000, 50_000 + count))
        for index, chat_id in enumerate(ids):
            session.add(
                Participant(
                    chat_id=chat_id,
                    team_id=teams[index % len(teams)].id,
                    role_key="social_worker",
                    employment_type="permanent",
                )
            )
    return ids


async def run(backend: str, tmp: Path, people: int = PEOPLE) -> dict[str, object]:
    with database(backend, tmp) as engine:
        ids = seed(engine, people)
        # A fresh key, as `staypulse demo` makes one: the bot refuses to run without one.
        settings = load_settings(database_url=str(engine.url), ballot_key=new_key())
        services = Services.from_settings(settings, engine, clock=SimulatedClock(WEDNESDAY))
        async with local_bot(settings, engine, services=services) as local:
            for chat_id in ids:
                local.sandbox.sim.add_user(chat_id, f"P{chat_id}").started = True
            timetable = Scheduler(local.app, autoplan=False)
            started = time.perf_counter()
            report = await timetable.run_due()
            seconds = time.perf_counter() - started
            stats = local.sandbox.world.stats.calls.get("sendMessage", {})
            chats = local.sandbox.world.chats
            received = [sum(1 for m in chats[i].messages.values() if m.sender_id != i) for i in ids]
        with session_scope(engine) as session:
            invited = sum(1 for d in session.exec(select(Delivery)) if d.invited_at)
    rate = report.sends.sent / seconds
    return {
        "benchmark": "fanout",
        "db": backend,
        "people": people,
        "invites_per_s": round(rate, 2),
        "ratio_to_30_per_s": round(rate / CEILING, 3),
        "429s": int(stats.get("429", 0)),
        "duplicates": sum(1 for n in received if n > 1),
        "missed": sum(1 for n in received if n == 0),
        "recorded_invited": invited,
        "seconds": round(seconds, 2),
    }


def main() -> None:
    """Run on SQLite, and on PostgreSQL when one is reachable."""
    with tempfile.TemporaryDirectory() as tmp:
        backends = ["sqlite", *(["postgresql"] if postgres_available() else [])]
        for backend in backends:
            emit(asyncio.run(run(backend, Path(tmp))))


if __name__ == "__main__":
    main()
