"""`/summary` over 1,000,000 submissions: its time as a ratio to one hand-written SQL aggregate
over the same rows in the same run (aim ≤ 2), on SQLite and PostgreSQL.

The data: 2,000 staff in 40 teams answering pulses for three years (156 ISO weeks) until
1,000,000 anonymous submissions are stored, each with the two anchors and two rotating items
(4,000,000 answers) and a comment on one in five, scores drawn per theme so the themes differ.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from analysis.summary import Group, Period, iso_week_of, summarise
from benchmarks.common import database, emit, peak_rss_mb, postgres_available
from benchmarks.respondents import UNLIMITED, start_bot, stop_bot, wait_until_ready
from bot import texts
from sandbox import Sandbox, SimClient
from surveys.bank import default_bank
from surveys.db import session_scope
from surveys.models import PswMember, PswRole

SUBMISSIONS = 1_000_000
TEAMS = 40
WEEKS = 156
TODAY = date(2026, 11, 23)
PSW = 4242
# A long answer arrives in parts; the chat quiet this long means the bot has finished.
QUIET_SECONDS = 2.0
ROLES = ("social_worker", "senior_practitioner", "team_manager", "prefer_not")
CONTRACTS = ("permanent", "agency", "prefer_not")
# The same figures the summary shows, by hand in one statement: per theme, for the period and
# the one before it, respondents, mean (reverse-worded items turned round) and share favourable.
SAME_FIGURES = """
SELECT s.period >= :current AS current, a.theme, COUNT(DISTINCT a.submission_id),
       AVG(CASE WHEN a.item_key IN ({reverse}) THEN 6 - a.value ELSE a.value END),
       AVG(CASE WHEN (CASE WHEN a.item_key IN ({reverse}) THEN 6 - a.value ELSE a.value END) >= 4
                THEN 1.0 ELSE 0.0 END)
FROM answer a JOIN submission s ON s.id = a.submission_id
WHERE s.period >= :first AND s.period <= :last{team}
GROUP BY 1, 2
"""
# And the least a database can do over those rows: a plain average per theme, for scale.
PLAIN_AVERAGE = """
SELECT a.theme, COUNT(*), AVG(a.value)
FROM answer a JOIN submission s ON s.id = a.submission_id
WHERE s.period >= :first AND s.period <= :last{team}
GROUP BY a.theme
"""


def _rows(seed: int = 7) -> Iterator[tuple[tuple[Any, ...], list[tuple[Any, ...]]]]:
    """Submissions with their answers, deterministic for a seed."""
    rng = random.Random(seed)
    bank = default_bank()
    anchors = [(item.key, item.theme) for item in bank.anchors]
    items = [(item.key, item.theme) for item in bank.items]
    lean = {theme: rng.uniform(2.2, 4.2) for _key, theme in anchors + items}
    weeks = [iso_week_of(TODAY - timedelta(weeks=w)) for w in range(WEEKS)]
    for _ in range(SUBMISSIONS):
        sid = f"{rng.getrandbits(128):032x}"
        comment = "Pay is poor but my team manager is brilliant" if rng.random() < 0.2 else None
        submission = (
            sid,
            "pulse",
            weeks[rng.randrange(WEEKS)],
            rng.randrange(TEAMS) + 1,
            rng.choice(ROLES),
            rng.choice(CONTRACTS),
            comment,
            '{"pay": "neg", "managers": "pos"}' if comment else None,
        )
        chosen = anchors + rng.sample(items, 2)
        answers = [
            (sid, key, theme, max(1, min(5, round(rng.gauss(lean[theme], 1.0)))))
            for key, theme in chosen
        ]
        yield submission, answers


def load(engine: Engine) -> None:
    """Teams, then the submissions and answers in bulk through the driver's fastest path."""
    with session_scope(engine) as session:
        session.execute(text("DELETE FROM team"))
        for number in range(1, TEAMS + 1):
            session.execute(
                text(
                    "INSERT INTO team (id, key, name, service_area, active)"
                    " VALUES (:i, :k, :n, '', true)"
                ),
                {"i": number, "k": f"team{number:02d}", "n": f"Team {number}"},
            )
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        submissions: list[tuple[Any, ...]] = []
        answers: list[tuple[Any, ...]] = []
        for submission, its_answers in _rows():
            submissions.append(submission)
            answers.extend(its_answers)
            if len(submissions) == 50_000:
                _flush(engine, cursor, submissions, answers)
                submissions, answers = [], []
        _flush(engine, cursor, submissions, answers)
        raw.commit()
        cursor.execute("ANALYZE")  # as after any bulk load, so both queries get real plans
        raw.commit()
    finally:
        raw.close()


def _flush(engine: Engine, cursor: Any, submissions: list[Any], answers: list[Any]) -> None:
    columns = "id, kind, period, team_id, role_group, employment_type, comment, comment_themes"
    if engine.dialect.name == "postgresql":
        with cursor.copy(f"COPY submission ({columns}) FROM STDIN") as copy:
            for row in submissions:
                copy.write_row(row)
        with cursor.copy("COPY answer (submission_id, item_key, theme, value) FROM STDIN") as copy:
            for row in answers:
                copy.write_row(row)
    else:
        insert = f"INSERT INTO submission ({columns}) VALUES (?,?,?,?,?,?,?,?)"  # noqa: S608
        cursor.executemany(insert, submissions)
        cursor.executemany("INSERT INTO answer VALUES (?,?,?,?)", answers)


def best(function: Callable[[], object], rounds: int = 5) -> float:
    """The median of a few timings, after one warm-up (the first run reads pages from disk)."""
    function()
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def measure(engine: Engine, backend: str) -> None:
    """Time `summarise` and the hand-written aggregate over the same weeks; print the ratio."""
    bank = default_bank()
    cases = [("4w", Period(TODAY - timedelta(days=27), TODAY), Group())]
    year = Period(TODAY - timedelta(days=363), TODAY)
    cases += [("year", year, Group()), ("year, one team", year, Group(team_key="team07"))]
    for label, period, group in cases:

        def ours(period: Period = period, group: Group = group) -> None:
            with session_scope(engine) as session:
                summarise(session=session, period=period, group=group, bank=bank, min_group=5)

        first, last = period.previous().weeks[0], period.weeks[1]
        team = " AND s.team_id = 7" if group.team_key else ""
        reverse = ", ".join(f"'{item.key}'" for item in bank.items if item.reverse) or "''"
        parameters = {"first": first, "last": last, "current": period.weeks[0]}

        def by_hand(sql: str, parameters: dict[str, str] = parameters) -> Callable[[], None]:
            def run() -> None:
                with engine.connect() as connection:
                    connection.execute(text(sql), parameters).all()

            return run

        same = by_hand(SAME_FIGURES.format(reverse=reverse, team=team))
        plain = by_hand(PLAIN_AVERAGE.format(team=team))
        summary_s, same_s, plain_s = best(ours), best(same), best(plain)
        emit(
            {
                "benchmark": "summary",
                "backend": backend,
                "submissions": SUBMISSIONS,
                "answers": SUBMISSIONS * 4,
                "period": label,
                "summary_ms": round(summary_s * 1000, 1),
                "hand_written_sql_ms": round(same_s * 1000, 1),
                "ratio_to_sql": round(summary_s / same_s, 2),
                "plain_average_ms": round(plain_s * 1000, 1),
                "ratio_to_plain_average": round(summary_s / plain_s, 2),
            }
        )


async def served(client: SimClient, command: str) -> None:
    """Send `command` as the PSW member and wait for the whole answer: the first message, then
    until the chat has been quiet for QUIET_SECONDS (a long answer comes in several parts). An
    error reply fails the benchmark rather than measuring a bot that gave up."""
    sent = await client.send(PSW, command)
    view = await client.view(PSW, since_version=sent["version"], wait=120.0)
    if view["version"] == sent["version"]:
        raise RuntimeError(f"no answer to {command} within 120 s")
    while True:
        later = await client.view(PSW, since_version=view["version"], wait=QUIET_SECONDS)
        if later["version"] == view["version"]:
            break
        view = later
    said = [m.get("text") or "" for m in view["messages"] if m["from"] == "bot"]
    refused = {
        method: statuses
        for method, statuses in (await client.stats())["calls"].items()
        if set(statuses) - {"200"}
    }
    if refused or (said and said[-1] == texts.ERROR):
        raise RuntimeError(f"the bot failed to answer {command}: {refused or said[-1]}")


async def memory(engine: Engine, backend: str) -> None:
    """The bot's peak resident memory while a PSW member asks for /summary year and /drivers
    over the million submissions (aim ≤ 250 MB): the real bot process, through the sandbox."""
    url = engine.url.render_as_string(hide_password=False)
    with session_scope(engine) as session:
        session.add(PswMember(telegram_id=PSW, role=PswRole.VIEWER, name="Benchmark"))
    # No flood limits, as the bot under benchmark runs without its rate limiter (bot_runner).
    sandbox = Sandbox(limits=UNLIMITED)
    await sandbox.start()
    process = start_bot("staypulse", sandbox, url)
    try:
        async with SimClient(sandbox.url) as client:
            await client.add_user(PSW, "PSW", started=True)
            await wait_until_ready(client, PSW)
            before = peak_rss_mb(process.pid)
            started = time.perf_counter()
            for command in ("/summary year", "/drivers", "/summary 4w"):
                await served(client, command)
            peak = peak_rss_mb(process.pid)
            emit(
                {
                    "benchmark": "memory",
                    "backend": backend,
                    "submissions": SUBMISSIONS,
                    "serving": "/summary year, /drivers, /summary 4w",
                    "seconds": round(time.perf_counter() - started, 1),
                    "bot_rss_before_mb": before,
                    "bot_peak_rss_mb": peak,
                    # The baseline: the same bot, started and idle, in the same run.
                    "ratio_to_idle_bot": round(peak / before, 2),
                }
            )
    finally:
        await stop_bot(process)
        await sandbox.stop()


def main() -> None:
    """Both backends when PostgreSQL is there; SQLite always."""
    backends = ["sqlite"] + (["postgresql"] if postgres_available() else [])
    with tempfile.TemporaryDirectory() as tmp:
        for backend in backends:
            with database(backend, Path(tmp)) as engine:
                started = time.perf_counter()
                load(engine)
                emit(
                    {
                        "benchmark": "summary_load",
                        "backend": backend,
                        "submissions": SUBMISSIONS,
                        "load_s": round(time.perf_counter() - started, 1),
                    }
                )
                measure(engine, backend)
                asyncio.run(memory(engine, backend))


if __name__ == "__main__":
    main()
