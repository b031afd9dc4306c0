"""Breakdowns: known answers, hidden entries stay hidden, and no differencing against teams."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date

import numpy as np
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, SQLModel, create_engine

from analysis.breakdowns import (
    OTHER_TEAMS_LABEL,
    UNDISCLOSED_LABEL,
    breakdown,
    group_cells,
    participation_over_time,
    team_theme_table,
    teams_over_time,
    week_label,
)
from analysis.cells import score_cells
from analysis.summary import Period
from surveys.bank import default_bank
from surveys.models import Answer, EmploymentType, Role, Submission, Team, WaveTally
from tests.seeding import released_wave

BANK = default_bank()
SEPTEMBER = Period(date(2026, 9, 14), date(2026, 9, 27))  # ISO weeks 38–39


@pytest.fixture
def memory() -> Iterator[Engine]:
    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


def ballot(
    session: Session,
    team: Team | None,
    week: str,
    answers: dict[str, int],
    role: str,
    contract: str,
) -> None:
    submission = Submission(
        kind="pulse",
        wave_id=released_wave(session, week),
        period=week,
        team_id=None if team is None else team.id,
        role_group=role,
        employment_type=contract,
    )
    session.add(submission)
    session.flush()
    for key, value in answers.items():
        item = BANK.get(key)
        assert item is not None
        session.add(
            Answer(submission_id=submission.id, item_key=key, theme=item.theme, value=value)
        )


def org(session: Session) -> tuple[Team, Team]:
    north, south = Team(key="north", name="North"), Team(key="south", name="South")
    session.add_all(
        [
            north,
            south,
            Role(key="social_worker", name="Social worker"),
            Role(key="asye", name="ASYE"),
            EmploymentType(key="permanent", name="Permanent"),
            EmploymentType(key="agency", name="Agency"),
        ]
    )
    session.flush()
    return north, south


def test_role_and_contract_breakdowns_have_the_known_answers(memory: Engine) -> None:
    with Session(memory) as session:
        north, south = org(session)
        for value in (5, 5, 4, 4, 4):
            ballot(session, north, "2026-W38", {"pay_fair": value}, "social_worker", "permanent")
        for value in (2, 2, 1, 2, 3):
            ballot(session, south, "2026-W38", {"pay_fair": value}, "asye", "agency")
        session.commit()
        roles = breakdown(session, period=SEPTEMBER, by="role", bank=BANK, min_group=5)
        contracts = breakdown(session, period=SEPTEMBER, by="contract", bank=BANK, min_group=5)
    assert roles.entry("Social worker", "pay").mean == 4.4
    assert roles.entry("Social worker", "pay").favourable == 100
    assert roles.entry("ASYE", "pay").mean == 2.0
    assert roles.entry("ASYE", "pay").people == 5
    assert contracts.entry("Agency", "pay").favourable == 0
    assert contracts.entry("Permanent", "pay").health == 85
    assert roles.entry("ASYE", "workload").hidden  # nobody was asked
    assert roles.notes == ()


def test_a_small_combination_withholds_the_whole_wave_theme(memory: Engine) -> None:
    # North: 5 permanent social workers and 1 agency ASYE who answered pay. Team North (6)
    # stands; "agency" would be 1 person, and "permanent" 5 of North's 6: North minus
    # permanent is the one agency ASYE. So the wave's pay is not broken down at all.
    with Session(memory) as session:
        north, _south = org(session)
        for value in (4, 4, 4, 4, 4):
            ballot(session, north, "2026-W38", {"pay_fair": value}, "social_worker", "permanent")
        ballot(session, north, "2026-W38", {"pay_fair": 1}, "asye", "agency")
        session.commit()
        roles = breakdown(session, period=SEPTEMBER, by="role", bank=BANK, min_group=5)
        contracts = breakdown(session, period=SEPTEMBER, by="contract", bank=BANK, min_group=5)
        teams = team_theme_table(session, period=SEPTEMBER, bank=BANK, min_group=5)
    assert roles.row_labels == ()
    assert contracts.row_labels == ()
    assert "left out" in roles.notes[0]
    assert teams.entry("North", "pay").people == 6  # the team figure itself still stands


def test_undisclosed_rows_are_their_own_group_and_other_teams_are_pooled(memory: Engine) -> None:
    with Session(memory) as session:
        north, _south = org(session)
        for _ in range(5):
            ballot(session, north, "2026-W38", {"supervision": 4}, "social_worker", "permanent")
        for _ in range(5):  # coarsened at release: team and role unknown
            ballot(session, None, "2026-W38", {"supervision": 2}, "undisclosed", "undisclosed")
        session.commit()
        roles = breakdown(session, period=SEPTEMBER, by="role", bank=BANK, min_group=5)
        teams = team_theme_table(session, period=SEPTEMBER, bank=BANK, min_group=5)
    assert roles.entry(UNDISCLOSED_LABEL, "managers").mean == 2.0
    assert teams.entry(OTHER_TEAMS_LABEL, "managers").mean == 2.0
    assert teams.entry("South", "managers").hidden == "hidden: fewer than 5"


def test_teams_over_time_and_participation_per_wave(memory: Engine) -> None:
    with Session(memory) as session:
        north, south = org(session)
        for week, value in (("2026-W38", 4), ("2026-W39", 2)):
            for _ in range(5):
                ballot(session, north, week, {"intent_stay": value}, "social_worker", "permanent")
        for _ in range(3):  # South in week 39: too few, hidden
            ballot(session, south, "2026-W39", {"intent_stay": 5}, "social_worker", "permanent")
        first = released_wave(session, "2026-W38")
        second = released_wave(session, "2026-W39")
        session.add_all(
            [
                WaveTally(wave_id=first, team_id=north.id, invited=8, answered=5),
                WaveTally(wave_id=second, team_id=north.id, invited=8, answered=5),
                WaveTally(wave_id=second, team_id=south.id, invited=4, answered=3),
            ]
        )
        session.commit()
        table = teams_over_time(
            session, period=SEPTEMBER, theme="intent_to_stay", bank=BANK, min_group=5
        )
        waves = participation_over_time(session, period=SEPTEMBER, min_group=5)
    assert table.column_labels == ("w/c 14 Sep", "w/c 21 Sep")
    assert [e.mean for e in table.entries[table.row_labels.index("North")]] == [4.0, 2.0]
    assert all(e.hidden for e in table.entries[table.row_labels.index("South")])
    assert [(w.label, w.invited, w.answered, w.rate) for w in waves] == [
        ("w/c 14 Sep", 8, 5, 62),
        ("w/c 21 Sep", 8, 5, 62),  # South's 3 of 4 are neither counted nor invited
    ]
    assert waves[1].hidden_teams == 1


def test_week_label() -> None:
    assert week_label("2026-W38") == "w/c 14 Sep"


# --- the disclosure check: every figure a reader can get, as equations over the rows -------------

TEAMS, ROLES, CONTRACTS = (
    (0, 1, None),
    ("social_worker", "asye", "undisclosed"),
    ("permanent", "agency"),
)


def _rows(seed: int) -> list[tuple[int | None, str, str, int]]:
    """A wave's released rows for one theme: random groups, some combinations small."""
    rng = np.random.default_rng(seed)
    rows = []
    for team, role, contract in itertools.product(TEAMS, ROLES, CONTRACTS):
        for _ in range(int(rng.choice([0, 0, 1, 2, 5, 6]))):
            rows.append((team, role, contract, int(rng.integers(1, 6))))
    return rows


# Five organisations in the inner loop; all forty in the `make test` tier.
@pytest.mark.parametrize(
    "seed", [*range(5), *(pytest.param(seed, marks=pytest.mark.slow) for seed in range(5, 40))]
)
def test_no_combination_of_team_and_breakdown_figures_isolates_anyone(seed: int) -> None:
    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    k = 5
    rows = _rows(seed)
    with Session(engine) as session:
        teams = [Team(key=f"t{i}", name=f"T{i}") for i in range(2)]
        session.add_all(teams)
        session.flush()
        for team, role, contract, value in rows:
            ballot(
                session,
                None if team is None else teams[team],
                "2026-W38",
                {"pay_fair": value},
                role,
                contract,
            )
        session.commit()
        ids = {None: None, teams[0].id: 0, teams[1].id: 1}
        equations: list[list[int]] = []
        for cell in score_cells(session, first="2026-W38", last="2026-W38", bank=BANK, minimum=k):
            if cell.team_id is None:  # the pooled cell: every team whose own cell is small
                standing = {
                    ids[c.team_id]
                    for c in score_cells(
                        session, first="2026-W38", last="2026-W38", bank=BANK, minimum=k
                    )
                    if c.team_id is not None
                }
                equations.append([int(r[0] not in standing) for r in rows])
            else:
                equations.append([int(r[0] == ids[cell.team_id]) for r in rows])
        for by, index in (("role", 1), ("contract", 2)):
            found = group_cells(
                session, first="2026-W38", last="2026-W38", by=by, bank=BANK, minimum=k
            )  # type: ignore[arg-type]
            for cell, group in zip(found.cells, found.groups, strict=True):
                assert cell.people >= k
                equations.append([int(r[index] == group) for r in rows])
    engine.dispose()
    if not equations:
        return
    matrix = np.array(equations, dtype=float)
    rank = np.linalg.matrix_rank(matrix)
    for person in range(len(rows)):
        unit = np.zeros(len(rows))
        unit[person] = 1
        # One person's answer is determined iff their unit vector lies in the row space.
        assert np.linalg.matrix_rank(np.vstack([matrix, unit])) > rank, (seed, rows[person])
