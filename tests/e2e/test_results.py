"""PSW results commands through the bot: figures, comments, refusals and the audit log."""

from __future__ import annotations

import pytest
from sqlmodel import select

from analysis.comments import analyse
from bot.local.runner import LocalBot, add_psw
from sandbox import Person
from surveys.bank import default_bank
from surveys.db import session_scope
from surveys.models import Answer, AuditEntry, PswRole, Submission, Team
from tests.seeding import released_wave

pytestmark = pytest.mark.e2e


def seed_ballots(
    local: LocalBot,
    team_key: str,
    count: int,
    comment: str | None = None,
    *,
    items: list[str] | None = None,
    week: str = "2026-W48",
) -> None:
    bank = default_bank()
    with session_scope(local.services.engine) as session:
        team = session.exec(select(Team).where(Team.key == team_key)).one()
        wave_id = released_wave(session, week, items)
        for index in range(count):
            text = comment if comment and index % 2 == 0 else None
            submission = Submission(
                kind="pulse",
                wave_id=wave_id,
                period=week,
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
    # Four whole weeks named by the Mondays they commence, not five ISO weeks.
    assert "Summary · w/c 2 Nov – w/c 23 Nov 2026 · everyone" in summary.text
    assert "mean score on 1–5" in summary.text
    assert "0–50 low, 51–74 moderate, 75–100 high" in summary.text
    # Fostering's 3 stand neither alone nor pooled: left out of every figure, totals too.
    assert "12 people answered a pulse" in summary.text
    assert "• Pay: 1.5/5 · 0% favourable · 12 low" in summary.text
    assert "• Workload: not enough responses" in summary.text
    [team] = await priya.says("/summary fostering")
    assert "Not enough responses to show this group" in team.text
    [team] = await priya.says("/summary assessment")  # everyone minus it is nothing
    assert "12 people answered a pulse" in team.text
    assert "• Pay: 1.5/5 · 0% favourable · 12 low" in team.text
    [comments] = await priya.says("/comments pay neg")
    assert comments.text.startswith("Comments on Pay (last 12 weeks, random order)")
    assert "“Pay is shocking & agency <earn> double” (neg, 2026-W48)" in comments.text
    [usage] = await priya.says("/comments salary")
    assert usage.text.startswith("No theme 'salary'.\nUsage: /comments <theme> [pos|neg]")
    [denied] = await asha.says("/summary")
    assert denied.text == "This command is for the PSW team."
    [denied] = await asha.says("/comments pay")
    assert denied.text == "This command is for the PSW team."
    with session_scope(local.services.engine) as session:
        actions = [a.action for a in session.exec(select(AuditEntry))]
    assert actions.count("summary") == 3
    # The usage error read nothing: its audit line went with its rolled-back unit of work.
    assert actions.count("comments") == 1


async def test_comments_from_a_small_team_are_never_shown(local: LocalBot) -> None:
    seed_ballots(local, "fostering", 9, "Pay is shocking")  # below MIN_COMMENT_GROUP_SIZE 10
    add_psw(local.services.engine, 9001, PswRole.ADMIN)
    priya = await Person(local.client, 9001, "Priya").join()
    [answer] = await priya.says("/comments pay")
    assert answer.text.startswith("No comments to show")
    # Five comments held back in one wave: a service-wide total of at least k, all themes.
    assert "5 comments across the service (all themes) are held back" in answer.text
    seed_ballots(local, "leaving_care", 3, "Pay is shocking", week="2026-W47")  # a team below k
    [again] = await priya.says("/comments pay")
    # Two more held back in a group of three: the number does not move by them.
    assert "5 comments across the service (all themes) are held back" in again.text


async def test_a_comment_in_a_group_below_k_is_not_even_counted(local: LocalBot) -> None:
    seed_ballots(local, "assessment", 12, "Pay is shocking")
    seed_ballots(local, "leaving_care", 3, "Pay is shocking")
    add_psw(local.services.engine, 9001, PswRole.VIEWER)
    priya = await Person(local.client, 9001, "Priya").join()
    [answer] = await priya.says("/comments pay")
    assert answer.text.count("“Pay is shocking”") == 6
    assert "Some comments may be held back until their groups are larger" in answer.text
    assert "across the service" not in answer.text


async def test_themes_drivers_participation_trend_export_and_digest(
    local: LocalBot, asha: Person
) -> None:
    seed_ballots(local, "assessment", 12, "Pay is shocking but my TM is brilliant")
    seed_ballots(local, "cin_cp_north", 12, "Caseloads are too high and I work most evenings")
    add_psw(local.services.engine, 9001, PswRole.ADMIN)
    priya = await Person(local.client, 9001, "Priya").join()
    [themes] = await priya.says("/themes")
    assert "• Pay: 0 / 6" in themes.text
    assert "• Managers and supervision: 6 / 0" in themes.text
    [drivers] = await priya.says("/drivers")
    assert "Why people stay" in drivers.text
    assert "• Managers and supervision: 6 positive comments" in drivers.text
    assert "Why people leave" in drivers.text
    assert "• Pay: 6 negative comments" in drivers.text
    assert "0 exit interviews in 12 months: fewer than 5, so they are not used yet." in drivers.text
    [participation] = await priya.says("/participation")
    assert participation.text  # no wave yet: says so
    [chart] = await priya.says("/trend pay")
    assert chart.photo is not None
    assert chart.photo["name"] == "trend-pay.png"
    assert chart.photo["size"] > 10_000
    assert chart.text.startswith("Pay over the last 12 weeks")
    [csv_file] = await priya.says("/export csv")
    assert csv_file.document is not None
    assert csv_file.document["name"].endswith(".csv")
    [xlsx_file] = await priya.says("/export xlsx 4w")
    assert xlsx_file.document is not None
    assert xlsx_file.document["name"].endswith(".xlsx")
    digest = await priya.says("/digest")
    assert digest[0].text.startswith("📊 StayPulse weekly digest · w/c 23 Nov 2026")
    assert "Why people stay" in digest[0].text
    assert "In their words" in digest[0].text
    chart_after = await priya.expect("Theme scores, last 4 weeks")
    assert chart_after.photo is not None
    [usage] = await priya.says("/trend salary")
    assert "Usage: /trend <theme>" in usage.text
    for command in ("/themes", "/drivers", "/participation", "/trend pay", "/export", "/digest"):
        [denied] = await asha.says(command)
        assert denied.text == "This command is for the PSW team.", command


async def test_commands_forgive_typos_but_never_guess(local: LocalBot) -> None:
    seed_ballots(local, "assessment", 12, "Pay is shocking & agency <earn> double")
    add_psw(local.services.engine, 9001, PswRole.VIEWER)
    priya = await Person(local.client, 9001, "Priya").join()
    [team] = await priya.says("/summary 4w Assessment Team")
    assert "· team Assessment Team" in team.text
    [team] = await priya.says("/summary ASSESSMENT quarter")
    assert "· team Assessment Team" in team.text
    [near] = await priya.says("/summary 4w Asesment Team")
    assert near.text.startswith("No team 'Asesment Team'. Did you mean Assessment Team?")
    assert "Usage: /summary [period] [team]" in near.text
    [wrong] = await priya.says("/summary last month")
    assert wrong.text.startswith("'last month' is neither a period nor a team.")
    assert "team month" not in wrong.text
    [wrong] = await priya.says("/export xlsx 5x")
    assert "'5x' is not a period" in wrong.text
    [comments] = await priya.says("/comments Pay")
    assert comments.text.startswith("Comments on Pay")
    [chart] = await priya.says("/trend work-life balance")
    assert chart.photo is not None
    [near] = await priya.says("/trend wrkload")
    assert near.text.startswith("No theme 'wrkload'. Did you mean Workload?")


async def test_a_theme_nobody_was_asked_says_so(local: LocalBot) -> None:
    seed_ballots(local, "assessment", 12, items=["intent_stay", "recommend", "pay_fair"])
    add_psw(local.services.engine, 9001, PswRole.VIEWER)
    priya = await Person(local.client, 9001, "Priya").join()
    [summary] = await priya.says("/summary 4w")
    assert "• Pay: 1.5/5 · 0% favourable · 12 low" in summary.text
    assert "• Workload: not asked in this period" in summary.text
    assert "not enough responses" not in summary.text.split("Themes")[1]


async def test_a_small_teams_comments_are_read_over_the_quarter_and_unthemed_ones_too(
    local: LocalBot,
) -> None:
    # Six of a team of eight answer in each of two waves: every wave's cell stands (k = 5), but
    # no single week reaches the 10 people comments need; over the 12 weeks it does.
    seed_ballots(local, "fostering", 6, "Pay is shocking", week="2026-W46")
    seed_ballots(local, "fostering", 6, "Lovely weather", week="2026-W48")
    add_psw(local.services.engine, 9001, PswRole.VIEWER)
    priya = await Person(local.client, 9001, "Priya").join()
    [pay] = await priya.says("/comments Pay neg")
    assert pay.text.startswith("Comments on Pay (last 12 weeks, random order)")
    assert pay.text.count("“Pay is shocking”") == 3
    assert "are held back" not in pay.text  # no number: nothing of this is held back
    [other] = await priya.says("/comments other")
    assert other.text.startswith("Comments on no recognised theme")
    assert other.text.count("“Lovely weather”") == 3
