"""Coverage by design through the real bot (#17 item 1): twelve simulated weeks, 26 people in
three teams, the shipped fortnightly schedule with two rotating items. Every theme is measured
at service level, no theme that was asked to enough people reads "not enough responses", a
rotating theme's trend has points, teams have figures, and the committee report is made."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select

from analysis.charts import theme_trend
from analysis.summary import Group, parse_period
from bot.local.runner import LocalBot, SimulatedClock
from bot.scheduler import Scheduler
from sandbox import SimClient, newest_button
from surveys.bank import default_bank
from surveys.db import session_scope
from surveys.models import Answer, PswRole, Release, Submission, Wave
from surveys.themes import THEMES
from tests.e2e.helpers import pulse_done, seed_people
from tests.e2e.test_report import said
from tests.e2e.test_wave_commands import psw

pytestmark = [pytest.mark.e2e, pytest.mark.soak]  # about two minutes
LONDON = ZoneInfo("Europe/London")
# The shipped schedule's Tuesdays (fortnightly from 6 January 2026), twelve weeks of them.
TUESDAYS = [date(2026, 9, 1) + timedelta(weeks=2 * n) for n in range(6)]


@pytest.fixture
def clock() -> SimulatedClock:
    """The bot's clock, starting the Monday before the first of the twelve weeks."""
    return SimulatedClock(datetime(2026, 8, 31, 9, tzinfo=LONDON))


async def answer_latest(client: SimClient, chat_id: int, label: str) -> bool:
    """Tap through the newest pulse invite in this chat, `label` for every question, no comment.
    Whether the bot said it is complete."""
    for _ in range(20):
        view = await client.view(chat_id)
        messages = view["messages"]
        invites = [
            i
            for i, m in enumerate(messages)
            if m["from"] == "bot" and (m["first_text"] or "").startswith("Hello! A new pulse")
        ]
        latest = messages[invites[-1] :]
        if pulse_done(latest):
            return True
        message_id, data = newest_button(latest, "Start", label, "No thanks")
        pressed = await client.press(chat_id, message_id, data)
        await client.view(chat_id, since_version=pressed["version"], wait=10)
    return False


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


async def test_twelve_weeks_of_forms_measure_every_theme(
    local: LocalBot, clock: SimulatedClock
) -> None:
    engine, client = local.services.engine, local.client
    people = [
        *await seed_people(engine, client, 9, first_id=20_000, team_key="assessment"),
        *await seed_people(engine, client, 9, first_id=20_100, team_key="cin_cp_north"),
        *await seed_people(engine, client, 8, first_id=20_200, team_key="fostering"),
    ]
    timetable = Scheduler(local.app, autoplan=False)
    for tuesday in TUESDAYS:
        clock.set(at(tuesday, 10))  # the wave before closes as this one opens
        report = await timetable.run_due()
        assert len(report.opened) == 1
        assert report.sends.sent == len(people)
        done = await asyncio.gather(
            *(answer_latest(client, chat, ("Agree", "Disagree")[chat % 2]) for chat in people)
        )
        assert all(done)
    clock.set(at(TUESDAYS[-1] + timedelta(weeks=1), 10))
    await timetable.run_due()
    clock.set(at(TUESDAYS[-1] + timedelta(weeks=1, days=1), 11))

    bank = default_bank()
    with session_scope(engine) as session:
        waves = session.exec(select(Wave).order_by(Wave.due_at)).all()
        assert [w.status for w in waves] == ["closed"] * len(TUESDAYS)
        assert all(w.forms is not None and len(w.forms) == 3 for w in waves)
        released = session.exec(select(Release.people)).all()
        assert sum(released) == len(people) * len(TUESDAYS)
        # Each wave asked six themes (three forms of two), not two themes of everyone.
        asked = session.exec(
            select(Submission.wave_id, Answer.theme)
            .join(Submission, col(Submission.id) == col(Answer.submission_id))
            .distinct()
        ).all()
        per_wave = Counter(wave_id for wave_id, _ in asked)
        assert set(per_wave.values()) == {6 + 2}  # and the two anchors
        assert {theme for _, theme in asked} >= set(THEMES)
        today = clock().astimezone(LONDON).date()
        period = parse_period("12w", today)
        points = theme_trend(
            session, period=period, group=Group(), theme="pay", bank=bank, min_group=5
        )
        assert sum(1 for p in points if p.mean is not None) >= 2

    priya = await psw(local, PswRole.VIEWER)
    [summary] = await priya.says("/summary 12w")
    for label in THEMES.values():
        line = next(x for x in summary.text.splitlines() if x.startswith(f"• {label}:"))
        assert "/5" in line, line  # measured at service level
    assert "not enough responses" not in summary.text
    assert "not asked" not in summary.text
    [trend] = await priya.says("/trend pay")
    assert trend.photo is not None
    [team] = await priya.says("/summary 12w assessment")
    measured = [x for x in team.text.splitlines() if x.startswith("• ") and "/5" in x]
    assert len(measured) >= 6  # the anchors and the themes its forms asked
    found = await said(priya, "/report 2026Q4", "The same report as a workbook")
    files = [m.document["name"] for m in found if m.document]
    assert "staypulse-report-2026Q4.pdf" in files
