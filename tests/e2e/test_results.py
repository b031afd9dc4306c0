"""PSW results commands through the bot: figures, comments, refusals and the audit log."""

from __future__ import annotations

import pytest
from sqlmodel import select

from analysis.comments import analyse
from bot.local import LocalBot, add_psw
from bot.sandbox import Person
from surveys.bank import default_bank
from surveys.db import session_scope
from surveys.models import Answer, AuditEntry, PswRole, Submission, Team

pytestmark = pytest.mark.e2e


def seed_ballots(local: LocalBot, team_key: str, count: int, comment: str | None = None) -> None:
    bank = default_bank()
    with session_scope(local.services.engine) as session:
        team = session.exec(select(Team).where(Team.key == team_key)).one()
        for index in range(count):
            text = comment if comment and index % 2 == 0 else None
            submission = Submission(
                kind="pulse",
                period="2026-W48",
                team_id=team.id,
                role_group="social_worker",
                employment_type="permanent",
                comment=text,
                comment_themes=dict(analyse(text).themes) if text else None,
            )
            session.add(submission)
            session.flush()
            for key, value in (("intent_stay", 2 + index % 3), ("pay_fair", 1 + index % 2)):
                item = bank.get(key)
                assert item is not None
                session.add(
                    Answer(submission_id=submission.id, item_key=key, theme=item.theme, value=value)
                )


async def test_summary_shows_scores_and_hides_small_groups(local: LocalBot, asha: Person) -> None:
    seed_ballots(local, "assessment", 12, "Pay is shocking & agency <earn> double")
    seed_ballots(local, "fostering", 3)
    add_psw(local.services.engine, 9001, PswRole.VIEWER)
    priya = await Person(local.client, 9001, "Priya").join()
    [summary] = await priya.says("/summary 4w")
    assert "Summary · 29 Oct 2026 – 25 Nov 2026 · everyone" in summary.text
    assert "15 responses" in summary.text
    assert "• Pay: 1.5/5 · 0% favourable · 12 low" in summary.text
    assert "• Workload: not enough responses" in summary.text
    [team] = await priya.says("/summary fostering")
    assert "Not enough responses to show this group" in team.text
    [team] = await priya.says("/summary assessment")  # 12 shown would leave 3 derivable
    assert "Not enough responses to show this group" in team.text
    [comments] = await priya.says("/comments pay neg")
    assert comments.text.startswith("Comments on Pay (last 12 weeks, random order)")
    assert "“Pay is shocking & agency <earn> double” (neg, 2026-W48)" in comments.text
    [usage] = await priya.says("/comments salary")
    assert usage.text.startswith("Usage: /comments <theme> [pos|neg]")
    [denied] = await asha.says("/summary")
    assert denied.text == "This command is for the PSW team."
    [denied] = await asha.says("/comments pay")
    assert denied.text == "This command is for the PSW team."
    with session_scope(local.services.engine) as session:
        actions = [a.action for a in session.exec(select(AuditEntry))]
    assert actions.count("summary") == 3
    assert actions.count("comments") == 2


async def test_comments_from_a_small_team_are_never_shown(local: LocalBot) -> None:
    seed_ballots(local, "fostering", 9, "Pay is shocking")  # below MIN_COMMENT_GROUP_SIZE 10
    add_psw(local.services.engine, 9001, PswRole.ADMIN)
    priya = await Person(local.client, 9001, "Priya").join()
    [answer] = await priya.says("/comments pay")
    assert answer.text.startswith("No comments to show")
