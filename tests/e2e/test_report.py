"""Breakdowns, comparisons, the action log and the committee report, through the bot."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.local.runner import LocalBot
from sandbox import Person
from sandbox.client import Shown
from surveys.db import session_scope
from surveys.models import AuditEntry, PswRole, Team, WeDid
from tests.e2e.helpers import join
from tests.e2e.test_wave_commands import psw
from tests.seeding import released_pulses

pytestmark = pytest.mark.e2e
WEEKS = ["2026-W38", "2026-W40", "2026-W42", "2026-W44", "2026-W46"]


def seed(local: LocalBot) -> None:
    with session_scope(local.services.engine) as session:
        ids = {t.key: t.id or 0 for t in session.exec(select(Team))}
        released_pulses(
            session,
            sizes={ids["assessment"]: 8, ids["fostering"]: 7, ids["leaving_care"]: 3},
            weeks=WEEKS,
            k=5,
            asye_team=ids["assessment"],
        )


async def said(person: Person, command: str, last: str) -> list[Shown]:
    """Everything the bot sends for `command`, up to the message containing `last` (charts
    take longer to draw than the sandbox's settle time)."""
    before = len(await person.chat())
    await person.says(command)
    await person.expect(last, wait=30)
    return [m for m in (await person.chat())[before:] if m.text or m.photo]


async def test_breakdown_compare_and_over_time(local: LocalBot) -> None:
    seed(local)
    priya = await psw(local, PswRole.VIEWER)
    found = await said(priya, "/breakdown role 12w", "Chart: By role group")
    text = "\n".join(m.text for m in found if m.text)
    assert "By role group" in text
    assert "ASYE</b>" not in text  # tags are rendered, not shown
    assert "ASYE" in text
    assert "Pay: 1.4 · 0% · 10 low" in text
    assert [m.photo["name"] for m in found if m.photo] == ["breakdown.png"]
    found = await said(priya, "/compare 12w", "Chart: Teams × themes")
    text = "\n".join(m.text for m in found if m.text)
    assert "Teams × themes" in text
    # Leaving Care's 3 were coarsened into the pooled other teams: shown hidden, never a figure.
    leaving = text.split("Leaving Care")[1].split("\n\n")[0]
    assert "Pay: hidden" in leaving
    assert "/5" not in leaving
    assert [m.photo["name"] for m in found if m.photo] == ["teams-themes.png"]
    found = await said(priya, "/overtime 12w", "Participation per pulse (chart)")
    text = "\n".join(m.text for m in found if m.text)
    assert "• w/c 14 Sep: 15 of 19 (79%)" in text  # Leaving Care's 3 of 5 are left out
    assert "Intention to stay by team over time" in text
    [usage] = await priya.says("/breakdown grade")
    assert usage.text.startswith("Usage: /breakdown role|contract [period]")
    [usage] = await priya.says("/overtime nonsense")
    assert usage.text.startswith("Usage: /overtime [theme] [period]")


async def test_action_log_preview_edit_withdraw_and_list(local: LocalBot, asha: Person) -> None:
    seed(local)
    await join(asha)
    priya = await psw(local, PswRole.VIEWER)
    [preview] = await priya.says(
        "/wedid Pay: a market supplement for agency-to-permanent moves\nowner: HR <lead>\n"
        "due: 2026-12-31"
    )
    assert "Theme: Pay" in preview.text
    assert "Owner: HR <lead>" in preview.text
    assert "Due: 31 Dec 2026" in preview.text
    with session_scope(local.services.engine) as session:
        assert [w.status for w in session.exec(select(WeDid))] == ["draft"]
    [cancelled] = await priya.taps("Cancel")
    assert cancelled.text == "Not recorded."
    await priya.says("/wedid Pay: a market supplement\nowner: HR\ndue: 2026-12-31")
    [recorded] = await priya.taps("Record")
    assert recorded.text.startswith("Recorded.")
    number = recorded_id(local)
    [changed] = await priya.says(f"/action {number} status in progress")
    assert "[in progress] Pay: a market supplement · owner HR · due 31 Dec 2026" in changed.text
    [listing] = await priya.says("/actions")
    assert f"#{number}</b>" not in listing.text
    assert f"#{number} [in progress] Pay" in listing.text
    assert "Pay before (12 weeks): 1.4/5, 0% favourable (n=90)" in listing.text
    assert "since: not enough responses" in listing.text
    [bad] = await priya.says(f"/action {number} status finished")
    assert bad.text == "The status is one of: planned, in progress, done."
    [usage] = await priya.says("/action edit")
    assert usage.text.startswith("Usage: /action <number>")
    [gone] = await priya.says(f"/action {number} withdraw")
    assert gone.text == f"Action #{number} is withdrawn: it is no longer shown to anyone."
    [empty] = await priya.says("/actions")
    assert empty.text == "No actions recorded yet. /wedid records one."
    with session_scope(local.services.engine) as session:
        audited = [a.action for a in session.exec(select(AuditEntry))]
    assert {"wedid.preview", "wedid.discard", "wedid.record", "action.change", "actions"} <= set(
        audited
    )


def recorded_id(local: LocalBot) -> int:
    with session_scope(local.services.engine) as session:
        [found] = [w for w in session.exec(select(WeDid)) if w.status == "planned"]
        assert found.id is not None
        return found.id


async def test_report_sends_a_pdf_and_a_workbook(local: LocalBot, asha: Person) -> None:
    seed(local)
    [refused] = await asha.says("/report")
    assert refused.text == "This command is for the PSW team."
    priya = await psw(local, PswRole.VIEWER)
    found = await said(priya, "/report 2026Q4", "The same report as a workbook")
    files = [m.document for m in found if m.document]
    assert [f["name"] for f in files] == [
        "staypulse-report-2026Q4.pdf",
        "staypulse-report-2026Q4.xlsx",
    ]
    assert all(f["size"] > 10_000 for f in files)
    assert found[0].text.startswith("Committee report 2026 Q4: w/c 28 Sep – w/c 28 Dec 2026")
    [usage] = await priya.says("/report 2026Q9")
    assert usage.text.startswith("Usage: /report [quarter]")
