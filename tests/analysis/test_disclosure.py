"""The disclosure audit: stack every figure a PSW reader can ask for as a linear equation over the
released answers, and check (by the rank of that system) that no single person's answer is
determined.

For random organisations, random waves and random skipped items, the test asks `summarise` for
the whole service and every team over every span of whole waves (so every period and every
"previous period" behind a change figure), and `theme_trend` for every team. It checks each
figure against an independent reading of the cell rule (a figure's count and mean are exactly
those of the rows it may contain), then builds the matrix of which person-theme answers each
figure adds up and checks that no unit vector lies in its row space: no combination of figures,
however many a reader takes, gives one person's answer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlmodel import Session, SQLModel, create_engine, delete

from analysis.charts import theme_trend
from analysis.summary import Group, Period, summarise
from surveys.bank import default_bank
from surveys.forms import deal_service
from surveys.models import Answer, Submission, Team, Wave, WaveStatus
from surveys.seal import Sealer, new_key, parse_key

BANK = default_bank()
ITEMS = {"pay": "pay_fair", "workload": "workload_high", "managers": "supervision"}
WEEKS = [date(2026, 9, 7) + timedelta(weeks=2 * i) for i in range(4)]  # Mondays


@pytest.fixture(scope="module")
def memory_engine() -> Iterator[Engine]:
    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


def _week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


Person = tuple[int, int]  # (team index, person index)
Organisation = tuple[list[int], list[dict[Person, dict[str, int]]], int]  # sizes, answers, k


@st.composite
def organisations(draw: st.DrawFn) -> Organisation:
    sizes = draw(st.lists(st.integers(0, 9), min_size=2, max_size=4))
    waves = draw(st.integers(2, 4))
    k = draw(st.integers(3, 5))
    answered: list[dict[Person, dict[str, int]]] = []
    for _ in range(waves):
        ballots: dict[Person, dict[str, int]] = {}
        for team, size in enumerate(sizes):
            for person in range(size):
                if not draw(st.booleans()) and draw(st.booleans()):
                    continue  # a quarter do not answer this wave
                themes = {
                    theme: draw(st.integers(1, 5))
                    for theme in ITEMS
                    if draw(st.integers(0, 4)) > 0  # a fifth skip each item
                }
                ballots[(team, person)] = themes
        answered.append(ballots)
    return sizes, answered, k


def _store(
    session: Session,
    sizes: list[int],
    answered: list[dict[Person, dict[str, int]]],
    items: dict[str, str] = ITEMS,
    forms: list[list[str]] | None = None,
) -> tuple[list[int], dict[str, tuple[int, int, Person]]]:
    for table in (Answer, Submission, Wave, Team):
        session.exec(delete(table))  # type: ignore[call-overload]
    team_ids = []
    for index in range(len(sizes)):
        team = Team(key=f"t{index}", name=f"T{index}")
        session.add(team)
        session.flush()
        assert team.id is not None
        team_ids.append(team.id)
    rows: dict[str, tuple[int, int, Person]] = {}  # submission id -> (wave index, team id, who)
    for index, ballots in enumerate(answered):
        moment = datetime.combine(WEEKS[index], datetime.min.time(), UTC)
        wave = Wave(
            schedule_key="audit", due_at=moment, opens_at=moment, closes_at=moment,
            status=WaveStatus.CLOSED, period=_week(WEEKS[index]), item_keys=list(items.values()),
            forms=forms, form_k=None if forms is None else 1,
        )  # fmt: skip
        session.add(wave)
        session.flush()
        for who, themes in ballots.items():
            submission = Submission(
                kind="pulse", wave_id=wave.id, period=wave.period, team_id=team_ids[who[0]],
                role_group="undisclosed", employment_type="undisclosed",
            )  # fmt: skip
            session.add(submission)
            session.flush()
            rows[submission.id] = (index, team_ids[who[0]], who)
            for theme, value in themes.items():
                session.add(
                    Answer(
                        submission_id=submission.id,
                        item_key=items[theme],
                        theme=theme,
                        value=value,
                    )
                )
    session.commit()
    return team_ids, rows


def _standing(
    answered: list[dict[Person, dict[str, int]]],
    team_ids: list[int],
    k: int,
    items: dict[str, str] = ITEMS,
) -> dict[tuple[int, str], dict[int | None, set[Person]]]:
    """The test's own reading of the cell rule: (wave, theme) -> {team id or None: people}."""
    cells: dict[tuple[int, str], dict[int | None, set[Person]]] = {}
    for wave, ballots in enumerate(answered):
        for theme in items:
            by_team: dict[int, set[Person]] = defaultdict(set)
            for who, themes in ballots.items():
                if theme in themes:
                    by_team[team_ids[who[0]]].add(who)
            standing: dict[int | None, set[Person]] = {}
            pool: set[Person] = set()
            for team, people in by_team.items():
                if len(people) >= k:
                    standing[team] = people
                else:
                    pool |= people
            if len(pool) >= k:
                standing[None] = pool
            cells[(wave, theme)] = standing
    return cells


# Each audited organisation costs up to about half a second: `make check` (the inner loop) audits
# a few, `make test` (the slow tier) many. The same property, the same code, more examples.
# Hypothesis tries the smallest organisation first (two empty teams: nothing to audit), so the
# inner loop also audits one chosen to invite differencing: a team of one beside teams of four
# and three, where "service minus the two teams" would be that one person's answer.
_quick = settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
_EVERYONE = {"pay": 2, "workload": 4, "managers": 5}
_DIFFERENCING: Organisation = (
    [4, 1, 3],
    [
        {
            (team, person): _EVERYONE
            for team, size in enumerate([4, 1, 3])
            for person in range(size)
        },
        {(0, 0): _EVERYONE, (0, 1): _EVERYONE, (0, 2): _EVERYONE, (1, 0): {"pay": 1}},
    ],
    3,
)
_thorough = settings(_quick, max_examples=30)


@_quick
@given(organisation=organisations())
@example(organisation=_DIFFERENCING)
def test_a_few_organisations_keep_everyone_undetermined(
    memory_engine: Engine, organisation: Organisation
) -> None:
    _audit(memory_engine, *organisation, ITEMS, None)


@pytest.mark.slow
@_thorough
@given(organisation=organisations())
def test_no_combination_of_figures_determines_anyone(
    memory_engine: Engine, organisation: Organisation
) -> None:
    _audit(memory_engine, *organisation, ITEMS, None)


def _audit(
    memory_engine: Engine,
    sizes: list[int],
    answered: list[dict[Person, dict[str, int]]],
    k: int,
    items: dict[str, str],
    forms: list[list[str]] | None,
) -> None:
    """Ask for every figure, check each against the cell rule, and check (`_determined`) that no
    combination of them determines one answer."""
    variables = {
        (wave, who, theme): value
        for wave, ballots in enumerate(answered)
        for who, themes in ballots.items()
        for theme, value in themes.items()
    }
    index = {key: i for i, key in enumerate(variables)}
    reverse = {item.key for item in (*BANK.anchors, *BANK.items) if item.reverse}
    score = {
        key: (6 - value if items[key[2]] in reverse else value) for key, value in variables.items()
    }
    equations: list[np.ndarray] = []
    with Session(memory_engine) as session:
        team_ids, _ = _store(session, sizes, answered, items, forms)
        cells = _standing(answered, team_ids, k, items)
        groups: list[int | None] = [None, *team_ids]
        spans = [(a, b) for a in range(len(answered)) for b in range(a, len(answered))]
        for first, last in spans:
            period = Period(WEEKS[first], WEEKS[last] + timedelta(days=6))
            for team in groups:
                key = None if team is None else f"t{team_ids.index(team)}"
                summary = summarise(
                    session=session, period=period, group=Group(team_key=key), bank=BANK,
                    min_group=k,
                )  # fmt: skip
                for figure in (*summary.themes, *summary.anchors):
                    if figure.theme not in items:
                        continue
                    members = [
                        (wave, who, figure.theme)
                        for wave in range(first, last + 1)
                        for cell_team, people in cells[(wave, figure.theme)].items()
                        if team is None or cell_team == team
                        for who in people
                    ]
                    if figure.suppressed:
                        assert not summary.shown or not members
                        continue
                    # The figure is exactly the standing cells it may contain ...
                    assert figure.n == len(members) >= k
                    mean = sum(score[m] for m in members) / len(members)
                    assert figure.mean == round(mean, 2)
                    row = np.zeros(len(index))
                    for member in members:
                        row[index[member]] = 1
                    equations.append(row)
        for team in groups:
            key = None if team is None else f"t{team_ids.index(team)}"
            whole = Period(WEEKS[0], WEEKS[-1] + timedelta(days=6))
            for theme in items:
                points = theme_trend(
                    session=session, period=whole, group=Group(team_key=key), theme=theme,
                    bank=BANK, min_group=k,
                )  # fmt: skip
                for point in points:
                    if point.mean is None:
                        assert point.n == 0  # a hidden point shows no count either
                        continue
                    assert point.n >= k
    if not equations:
        return
    # ... and no single answer lies in the span of all the figures together.
    determined = _determined(np.vstack(equations), list(index))
    assert not determined, f"figures determine the answers of {determined}"


def _determined(
    matrix: np.ndarray, variables: list[tuple[int, Person, str]]
) -> list[tuple[int, Person, str]]:
    """The variables whose unit vector lies in the row space of `matrix`: the answers some
    combination of the figures gives exactly.

    One SVD instead of a rank per variable: with V the orthonormal basis of the row space, the
    unit vector e_j lies in it exactly when its projection keeps all its length, that is when
    column j of V has squared length 1 (its leverage). Leverages of 0/1 equations are ratios of
    small integers, so those below 1 sit far below 1 - 1e-6.
    """
    _, singular, basis = np.linalg.svd(matrix, full_matrices=False)
    tolerance = singular.max(initial=0.0) * max(matrix.shape) * np.finfo(float).eps
    rows = basis[singular > tolerance]
    leverage = (rows**2).sum(axis=0)
    return [variables[j] for j in np.flatnonzero(leverage > 1 - 1e-6)]


def test_the_check_finds_an_answer_that_differencing_gives() -> None:
    # Service total of three people minus a team of two leaves the third: exactly the attack.
    people = [(0, (0, i), "pay") for i in range(3)]
    service, team = np.array([1.0, 1.0, 1.0]), np.array([1.0, 1.0, 0.0])
    assert _determined(np.vstack([service, team]), people) == [people[2]]
    assert _determined(np.vstack([service, service]), people) == []


# Coverage by design: the anchor to everyone, the rotating items in two forms dealt as the bot
# deals them (surveys/forms.deal_service). The audit's equations name each figure's members, so
# it assumes a reader who knows everyone's form: only per-theme cells may be figures, never a
# per-form one (an anchor mean of one form's people in a team would be one).
FORM_ITEMS = {
    "intent_to_stay": "intent_stay",
    "pay": "pay_fair",
    "workload": "workload_high",
    "managers": "supervision",
    "team_culture": "valued",
}
FORMS = [["pay_fair", "workload_high"], ["supervision", "valued"]]
THEME_OF = {item: theme for theme, item in FORM_ITEMS.items()}


@st.composite
def organisations_in_forms(draw: st.DrawFn) -> Organisation:
    sizes = draw(st.lists(st.integers(0, 12), min_size=2, max_size=4))
    waves = draw(st.integers(2, 4))
    k = draw(st.integers(3, 5))
    sealer = Sealer(parse_key(new_key()))
    teams = {
        team: [team * 100 + person for person in range(size)] for team, size in enumerate(sizes)
    }
    answered: list[dict[Person, dict[str, int]]] = []
    for wave in range(waves):
        dealt = deal_service(teams, wave_id=wave + 1, forms=len(FORMS), k=k, tag=sealer.tag)
        ballots: dict[Person, dict[str, int]] = {}
        for team, size in enumerate(sizes):
            for person in range(size):
                if not draw(st.booleans()) and draw(st.booleans()):
                    continue  # a quarter do not answer this wave
                asked = ["intent_stay", *FORMS[dealt[team * 100 + person]]]
                themes = {
                    THEME_OF[item]: draw(st.integers(1, 5))
                    for item in asked
                    if draw(st.integers(0, 4)) > 0  # a fifth skip each item
                }
                ballots[(team, person)] = themes
        answered.append(ballots)
    return sizes, answered, k


@_quick
@given(organisation=organisations_in_forms())
def test_a_few_organisations_in_forms_keep_everyone_undetermined(
    memory_engine: Engine, organisation: Organisation
) -> None:
    _audit(memory_engine, *organisation, FORM_ITEMS, FORMS)


@pytest.mark.slow
@_thorough
@given(organisation=organisations_in_forms())
def test_no_combination_of_figures_determines_anyone_when_items_go_out_in_forms(
    memory_engine: Engine, organisation: Organisation
) -> None:
    _audit(memory_engine, *organisation, FORM_ITEMS, FORMS)
