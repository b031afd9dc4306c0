"""Commands forgive typos but never guess silently (#17 item 6)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from bot.usecases import results
from surveys.bank import default_bank
from surveys.db import run_unit
from surveys.models import PswRole
from surveys.psw import add_psw_member

TODAY = date(2026, 11, 25)


def summary(engine: Engine, *args: str) -> results.SummaryView:
    run_unit(engine, add_psw_member, telegram_id=77, role=PswRole.VIEWER)
    return run_unit(
        engine, results.summary, actor=77, args=list(args), today=TODAY,
        bank=default_bank(), min_group=5,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "period", "team"),
    [
        (["4w", "Assessment", "Team"], "4w", "assessment"),
        (["assessment", "team", "12W"], "12w", "assessment"),
        (["ASSESSMENT"], "4w", "assessment"),
        (["quarter", "cin_cp_north"], "quarter", "cin_cp_north"),
        (["cin", "and", "child", "protection", "NORTH"], "4w", "cin_cp_north"),
    ],
)
def test_teams_by_name_or_key_in_any_case_and_many_words(
    org_engine: Engine, args: list[str], period: str, team: str
) -> None:
    view = summary(org_engine, *args)
    assert (view.period_text, view.team) == (period, team)


def test_a_near_miss_says_did_you_mean(org_engine: Engine) -> None:
    with pytest.raises(results.UsageError) as error:
        summary(org_engine, "4w", "Assesment", "Team")
    assert "Did you mean Assessment Team?" in error.value.problem


@pytest.mark.parametrize("args", [["last", "month"], ["month"], ["5x"], ["4w", "nonsense"]])
def test_what_is_neither_a_period_nor_a_team_is_an_error(
    org_engine: Engine, args: list[str]
) -> None:
    with pytest.raises(results.UsageError) as error:
        summary(org_engine, *args)
    assert error.value.command == "summary"
    assert error.value.problem


def test_a_bad_date_range_is_an_error_not_a_team(org_engine: Engine) -> None:
    with pytest.raises(results.UsageError) as error:
        summary(org_engine, "2026-13-01..2026-11-01")
    assert "not a period" in error.value.problem


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Pay", "pay"),
        ("work-life balance", "work_life_balance"),
        ("Work-life Balance", "work_life_balance"),
        ("work_life_balance", "work_life_balance"),
        ("Managers and supervision", "managers"),
        ("intention to stay", "intent_to_stay"),
    ],
)
def test_themes_as_written_on_screen(written: str, key: str) -> None:
    assert results.find_theme(written.split(), anchors=True) == key


def test_a_misspelt_theme_suggests_the_right_one() -> None:
    with pytest.raises(results.UsageError) as error:
        results.find_theme(["wrkload"], anchors=False, command="comments")
    assert "Did you mean Workload?" in error.value.problem
