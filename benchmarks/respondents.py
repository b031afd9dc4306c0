"""Respondents: N people completing a pulse at once, through the real PTB Application over the
sandbox, against a bot that only echoes on the same sandbox in the same run.

Each person types /pulse, taps an answer for each of four questions and then "No thanks" (six
updates), waiting for the bot's answer before the next tap, as a person on a phone does. The
latency of an update is from the moment the sandbox queues it to the moment the bot's reply or
edit lands in the chat. The bot runs in its own process (python -m benchmarks.bot_runner), as in
production; the sandbox and the people share this one. The sandbox's flood limits are lifted so
the figures are the bot's own capacity, not Telegram's 30 messages a second.

Figures: updates/s and p50/p99 latency at 50, 200 and 1,000 people, for StayPulse on SQLite and
PostgreSQL and for the echo bot, and StayPulse's throughput as a ratio to the echo bot's (aim:
≥ 0.5, and p99 ≤ 100 ms at 200 people).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlmodel import select

from benchmarks.common import ROOT, database, emit, peak_rss_mb, postgres_available
from bot.invites import open_wave_now
from bot.services import Services
from bot.settings import load_settings
from sandbox import Sandbox, SimClient, SimClientError, newest_button
from sandbox.limits import SandboxLimits
from surveys.db import session_scope
from surveys.models import Participant, Team
from surveys.seal import new_key

LEVELS = (50, 200, 1000)
UNLIMITED = SandboxLimits(
    overall_per_second=1e9, private_chat_per_second=1e9, private_chat_burst=10**9
)
ANSWERS = ("Agree", "Disagree", "Neither", "Agree")
# A pulse is meant to take 30 seconds on a phone: six taps, about five seconds each to read the
# statement and choose. The paced run uses that; the capacity run does not pause at all.
THINK_SECONDS = 5.0
# One key for the bot's process and the counting here, as one deployment has one.
BALLOT_KEY = new_key()


def start_bot(kind: str, sandbox: Sandbox, database_url: str) -> subprocess.Popen[bytes]:
    """The bot (staypulse or echo) in its own process, against `sandbox`."""
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": sandbox.token,
        "TELEGRAM_BASE_URL": sandbox.url,
        "DATABASE_URL": database_url,
        "BALLOT_KEY": BALLOT_KEY,  # the bot refuses to run without one
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(  # noqa: S603  (our own module, fixed arguments)
        [sys.executable, "-m", "benchmarks.bot_runner", kind], cwd=ROOT, env=env
    )


async def stop_bot(process: subprocess.Popen[bytes]) -> None:
    """Stop the bot as systemd would, waiting off the event loop: the sandbox runs on this loop
    and must keep answering while the bot finishes its last updates and shuts down."""
    process.terminate()
    await asyncio.to_thread(process.wait, 30)


async def wait_until_ready(client: SimClient, chat_id: int) -> None:
    """Wait until the bot answers, so start-up is not timed."""
    for _ in range(200):
        sent = await client.send(chat_id, "/help")
        view = await client.view(chat_id, since_version=sent["version"], wait=1.0)
        if any(m["from"] == "bot" for m in view["messages"]):
            return
    raise RuntimeError("the bot never answered")


async def _person(
    client: SimClient,
    chat_id: int,
    latencies: list[float],
    stalled: list[int],
    think: float,
    rng: random.Random,
) -> None:
    """/pulse, four answers, no comment; each step waits for the bot, then `think` seconds
    (give or take half) to read the next question."""

    async def step(act: Any) -> dict[str, Any]:
        if think:
            await asyncio.sleep(rng.uniform(think / 2, think * 1.5))
        started = time.perf_counter()
        done = await act
        view = await client.view(chat_id, since_version=done["version"], wait=30.0)
        latencies.append(time.perf_counter() - started)
        return view

    view = await step(client.send(chat_id, "/pulse"))
    for label in (*ANSWERS, "No thanks"):
        try:
            message, data = newest_button(view["messages"], label)
            view = await step(client.press(chat_id, message, data))
        except (LookupError, SimClientError):
            # The bot's answer never came, or came late and replaced the buttons (an overloaded
            # run): this person gives up; the run counts them.
            stalled.append(chat_id)
            return


async def _level(client: SimClient, people: list[int], think: float) -> dict[str, float]:
    """Everyone at once; throughput and latency."""
    latencies: list[float] = []
    stalled: list[int] = []
    rng = random.Random(7)
    started = time.perf_counter()
    await asyncio.gather(
        *(_person(client, chat_id, latencies, stalled, think, rng) for chat_id in people)
    )
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "updates_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p99_ms": round(ordered[int(len(ordered) * 0.99) - 1] * 1000, 1),
        "stalled_people": len(stalled),
    }


async def _modes(client: SimClient, people: list[int]) -> dict[str, float]:
    """Capacity (no pause between taps), then latency as people really tap (about a second
    to read each question): each with its own half of `people`, as each answers once."""
    half = len(people) // 2
    capacity = await _level(client, people[:half], think=0.0)
    paced = await _level(client, people[half:], think=THINK_SECONDS)
    return {
        "updates_per_s": capacity["updates_per_s"],
        "p50_ms": paced["p50_ms"],
        "p99_ms": paced["p99_ms"],
        "flat_out_p99_ms": capacity["p99_ms"],
        # People left waiting for an answer that never came (a reply lost to a time-out).
        "stalled_people": capacity["stalled_people"] + paced["stalled_people"],
    }


async def _staypulse(backend: str, tmp: Path, level: int) -> dict[str, float]:
    with database(backend, tmp) as engine:
        url = engine.url.render_as_string(hide_password=False)
        sandbox = Sandbox(limits=UNLIMITED)
        await sandbox.start()
        try:
            people = list(range(20_000, 20_000 + 2 * level))
            with session_scope(engine) as session:
                team = session.exec(select(Team).where(Team.key == "assessment")).one()
                for chat_id in people:
                    session.add(
                        Participant(
                            chat_id=chat_id,
                            team_id=team.id,
                            role_key="social_worker",
                            employment_type="permanent",
                        )
                    )
            services = Services.from_settings(
                load_settings(database_url=url, ballot_key=BALLOT_KEY), engine
            )
            await open_wave_now(
                services, item_keys=["intent_stay", "recommend", "workload_high", "supervision"]
            )
            process = start_bot("staypulse", sandbox, url)
            try:
                async with SimClient(sandbox.url) as client:
                    for chat_id in people:
                        await client.add_user(chat_id, f"P{chat_id}", started=True)
                    await client.add_user(1, "Warm-up", started=True)
                    await wait_until_ready(client, 1)
                    figures = await _modes(client, people)
                    return {**figures, "bot_peak_rss_mb": peak_rss_mb(process.pid)}
            finally:
                await stop_bot(process)
        finally:
            await sandbox.stop()


async def _echo(level: int) -> dict[str, float]:
    sandbox = Sandbox(limits=UNLIMITED)
    await sandbox.start()
    process = start_bot("echo", sandbox, "sqlite://")
    try:
        async with SimClient(sandbox.url) as client:
            people = list(range(20_000, 20_000 + 2 * level))
            for chat_id in people:
                await client.add_user(chat_id, f"P{chat_id}", started=True)
            await client.add_user(1, "Warm-up", started=True)
            await wait_until_ready(client, 1)
            return await _modes(client, people)
    finally:
        await stop_bot(process)
        await sandbox.stop()


async def run(levels: tuple[int, ...] = LEVELS, backends: tuple[str, ...] = ()) -> None:
    """Every level: the echo baseline, then StayPulse on each backend."""
    if not backends:
        backends = ("sqlite", *(("postgresql",) if postgres_available() else ()))
    with tempfile.TemporaryDirectory() as tmp:
        for level in levels:
            echo = await _echo(level)
            for backend in backends:
                ours = await _staypulse(backend, Path(tmp), level)
                emit(
                    {
                        "benchmark": "respondents",
                        "backend": backend,
                        "people": level,
                        "updates": level * 6,
                        "think_s": THINK_SECONDS,
                        **ours,
                        "echo_updates_per_s": echo["updates_per_s"],
                        "echo_p99_ms": echo["p99_ms"],
                        "ratio_to_echo": round(ours["updates_per_s"] / echo["updates_per_s"], 3),
                    }
                )


def main(argv: list[str] | None = None) -> None:
    """Run it; `--people 50 200` and `--backend sqlite` narrow it down for a quick look."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.respondents")
    parser.add_argument("--people", type=int, nargs="+", default=list(LEVELS))
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), action="append")
    args = parser.parse_args(argv)
    asyncio.run(run(tuple(args.people), tuple(args.backend or ())))


if __name__ == "__main__":
    main()
