"""Acceptance: the source material's own findings must come out of /drivers in the same shape.

Its exit interviews say people leave over pay, career progression, workload, and excessive
hours and work-life balance; its stay interviews say people stay for supportive managers and
teams, culture, feeling valued, learning and development, and visible senior leaders. Exit
interviews are answered and stay interviews typed in free text, and the real analyser codes the
words: nothing here is labelled by hand except the reasons a leaver ticks.
"""

from __future__ import annotations

from itertools import cycle

import pytest

from bot.local.runner import LocalBot
from bot.usecases.interviews import coder
from surveys.db import session_scope
from surveys.interviews import answer, create_exit_link, open_exit_link, start_stay
from surveys.models import PswRole
from tests.e2e.helpers import seed_people
from tests.e2e.test_wave_commands import psw

pytestmark = pytest.mark.e2e

# (ticked reasons, main reason, what could have kept them)
EXITS = [
    (["pay", "career"], "pay", "Pay that matches the councils next door"),
    (["workload", "work_life_balance"], "workload", "A caseload I could manage in the week"),
    (["pay", "workload"], "pay", "Agency pays much more for the same job"),
    (["career", "pay"], "career", "A route to senior practitioner"),
    (["work_life_balance", "workload"], "work_life_balance", "Not working every evening"),
    (["pay"], "pay", "A market supplement"),
    (["career", "work_life_balance"], "career", "No route to progress here"),
    (["workload", "pay"], "workload", "Fewer cases"),
]
# Why do you stay? / What do you look forward to?
STAYS = [
    ("My manager is really supportive and always makes time for supervision", "My team"),
    ("The team is amazing, we look after each other", "The culture here is open and kind"),
    ("I feel valued and my work is recognised", "Learning from my colleagues"),
    ("The training and CPD offer is excellent", "My ASYE programme has been brilliant"),
    ("Our director is visible and actually comes to team meetings", "My team manager"),
    ("Senior leaders know us by name", "The team"),
    ("Supportive manager", "The training"),
    ("The people I work with", "Good supervision every month"),
]


def _exit(local: LocalBot, chat_id: int, reasons: list[str], main: str, kept: str) -> None:
    now = local.services.clock()
    with session_scope(local.services.engine) as session:
        link = create_exit_link(session=session, team_key="assessment", created_by=1, now=now)
        code = link.code
    steps: list[tuple[str, object]] = [
        *(("reasons", r) for r in reasons),
        ("reasons", "done"),
        ("main", main),
        ("destination", "agency"),
        ("come_back", 2),
        ("q:kept", kept),
        ("q:else", None),
    ]
    with session_scope(local.services.engine) as session:
        open_exit_link(session=session, chat_id=chat_id, code=code, now=now)
    for step, value in steps:
        with session_scope(local.services.engine) as session:
            answer(
                session=session,
                chat_id=chat_id,
                step=step,
                value=value,
                coder=coder,
                today=now.date(),
                now=now,
            )


def _stay(local: LocalBot, chat_id: int, why: str, look_forward: str) -> None:
    now = local.services.clock()
    with session_scope(local.services.engine) as session:
        start_stay(session=session, chat_id=chat_id, now=now)
    texts = {"q:look_forward": look_forward, "q:why_stay": why}
    steps = [
        "q:look_forward",
        "q:learning",
        "q:why_stay",
        "q:thought_of_leaving",
        "q:tempt_away",
        "q:job_better",
    ]
    values: list[tuple[str, object]] = [(s, texts.get(s)) for s in steps]
    values += [("rating", 4), ("followup", False)]
    for step, value in values:
        with session_scope(local.services.engine) as session:
            answer(
                session=session,
                chat_id=chat_id,
                step=step,
                value=value,
                coder=coder,
                today=now.date(),
                now=now,
            )


def _section(text: str, title: str) -> list[str]:
    lines = text.split("\n")
    start = lines.index(title) + 1
    found = []
    for line in lines[start:]:
        if not line.startswith("• "):
            break
        found.append(line[2:].split(":")[0])
    return found


async def test_drivers_show_why_people_stay_beside_why_they_leave(local: LocalBot) -> None:
    people = await seed_people(local.services.engine, local.client, len(STAYS))
    for chat_id, (why, forward) in zip(people, STAYS, strict=True):
        _stay(local, chat_id, why, forward)
    for chat_id, (reasons, main, kept) in zip(cycle(range(50_000, 50_100)), EXITS):
        _exit(local, chat_id, reasons, main, kept)
    # Sealed until each queue holds a batch of k; then released together (here, 8 and 8).
    assert await local.services.release_interviews("stay") == len(STAYS)
    assert await local.services.release_interviews("exit") == len(EXITS)
    priya = await psw(local, PswRole.VIEWER)
    [shown] = await priya.says("/drivers")
    stay = _section(shown.text, "Why people stay")
    leave = _section(shown.text, "Why people leave")
    assert set(stay[:4]) == {
        "Managers and supervision",
        "Team and culture",
        "Career and development",
        "Senior leadership",
    }, shown.text
    assert set(leave[:4]) == {"Pay", "Workload", "Work-life balance", "Career and development"}
    assert leave[0] == "Pay"  # the most given, and most often the main reason
    assert "8 of 8 exit interviews" not in shown.text  # nobody gave every reason
    assert "Pay: 5 of 8 exit interviews (3 as the main reason)" in shown.text
    assert "of 8 stay interviews" in shown.text
    assert "Exit reasons by quarter" in shown.text
    assert "2026 Q4 (8 leavers): Pay 5" in shown.text
