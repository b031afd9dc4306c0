"""Attack: the count of comments held back must never say that a small group wrote one
(docs/design.md rule 4). A reader compares /comments in two worlds that differ only by one
comment in a team below the threshold; everything they are told must be the same."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from analysis.comments import analyse
from bot.usecases import results
from surveys.db import make_engine, run_unit, session_scope
from surveys.models import PswRole, Submission, Team
from surveys.psw import add_psw_member
from tests.seeding import released_wave

TODAY = date(2026, 11, 25)


@pytest.fixture
def other_engine(tmp_path: Path, sqlite_template: Path) -> Iterator[Engine]:
    """A second, separate database: the other world."""
    path = tmp_path / "other.db"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


def _seed(session: Session, team_key: str, count: int, comments: int, text: str) -> None:
    team = session.exec(select(Team).where(Team.key == team_key)).first()
    if team is None:
        team = Team(key=team_key, name=team_key.title())
        session.add(team)
        session.flush()
    wave_id = released_wave(session, "2026-W48")
    for index in range(count):
        comment = text if index < comments else None
        session.add(
            Submission(
                kind="pulse",
                wave_id=wave_id,
                period="2026-W48",
                team_id=team.id,
                role_group="social_worker",
                employment_type="permanent",
                comment=comment,
                comment_themes=dict(analyse(comment).themes) if comment else None,
            )
        )


def _what_the_reader_sees(engine: Engine, args: list[str]) -> tuple[object, ...]:
    theme, found, *rest = run_unit(
        engine, results.comments, actor=77, args=args, today=TODAY, min_group=10, cell_minimum=5
    )
    return (theme, sorted(c.text for c in found), *rest)


def _world(engine: Engine, small_team_comments: int) -> None:
    run_unit(engine, add_psw_member, telegram_id=77, role=PswRole.VIEWER)
    with session_scope(engine) as session:
        _seed(session, "assessment", 12, 6, "Pay is shocking")  # readable
        _seed(session, "fostering", 3, small_team_comments, "Pay is shocking")  # below k


def test_one_comment_in_a_small_group_changes_nothing_a_reader_is_told(
    engine: Engine, other_engine: Engine
) -> None:
    _world(engine, 0)
    _world(other_engine, 1)
    for args in (["pay"], ["pay", "neg"], ["workload"], ["other"]):
        assert _what_the_reader_sees(engine, args) == _what_the_reader_sees(other_engine, args)


def test_a_held_back_total_is_shown_only_when_it_cannot_single_out_a_small_group(
    engine: Engine, other_engine: Engine
) -> None:
    # Six comments held back in small teams in one wave: a number of at least k, service-wide.
    _world(engine, 0)
    with session_scope(engine) as session:
        _seed(session, "kinship", 4, 4, "Caseloads are too high")
        _seed(session, "fostering", 3, 2, "Pay is shocking")
    _world(other_engine, 0)
    with session_scope(other_engine) as session:
        _seed(session, "kinship", 4, 4, "Caseloads are too high")
        _seed(session, "fostering", 3, 2, "Lovely weather")  # another theme: same total
    seen = _what_the_reader_sees(engine, ["pay"])
    assert seen[-1] == 6  # every theme together, never per theme
    assert seen == _what_the_reader_sees(other_engine, ["pay"])
