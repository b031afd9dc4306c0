"""Summaries: correct figures, aggregated in SQL, never revealing a small group."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlmodel import Session, SQLModel, create_engine, select

from analysis.summary import Group, Period, PeriodError, parse_period, summarise
from surveys.bank import default_bank
from surveys.models import Answer, Submission, Team, Wave
from tests.seeding import released_wave

BANK = default_bank()
NOVEMBER = Period(date(2026, 11, 2), date(2026, 11, 29))  # ISO weeks 45–48


def ballot(
    session: Session, team: Team, week: str, answers: dict[str, int], role: str = "social_worker"
) -> None:
    submission = Submission(
        kind="pulse",
        wave_id=released_wave(session, week),
        period=week,
        team_id=team.id,
        role_group=role,
        employment_type="permanent",
    )
    session.add(submission)
    session.flush()
    for key, value in answers.items():
        item = BANK.get(key)
        assert item is not None
        session.add(
            Answer(submission_id=submission.id, item_key=key, theme=item.theme, value=value)
        )


def teams(session: Session, *keys: str) -> list[Team]:
    found = []
    for key in keys:
        team = Team(key=key, name=key.title())
        session.add(team)
        session.flush()
        found.append(team)
    return found


def test_figures_reverse_items_and_change(engine: Engine) -> None:
    with Session(engine) as session:
        [north] = teams(session, "north")
        for value in (4, 4, 5, 2, 3):  # "My workload is too high": agreeing is bad
            ballot(session, north, "2026-W47", {"workload_high": value, "intent_stay": 4})
        for value in (5, 5, 5, 5, 5):  # the four weeks before
            ballot(session, north, "2026-W43", {"workload_high": value, "intent_stay": 2})
        session.commit()
        summary = summarise(session=session, period=NOVEMBER, group=Group(), bank=BANK, min_group=5)
    workload = next(t for t in summary.themes if t.theme == "workload")
    assert workload.n == 5
    assert workload.mean == 2.4  # 6 - (4, 4, 5, 2, 3) = 2, 2, 1, 4, 3
    assert workload.favourable == 20
    assert workload.health == 35
    assert workload.band == "low"
    assert workload.change == 1.4  # from 1.0
    intent = next(t for t in summary.anchors if t.theme == "intent_to_stay")
    assert (intent.mean, intent.change, intent.favourable_change) == (4.0, 2.0, 100)
    pay = next(t for t in summary.themes if t.theme == "pay")
    assert pay.suppressed


def test_a_small_group_and_the_rest_of_a_group_are_both_hidden(engine: Engine) -> None:
    with Session(engine) as session:
        north, south = teams(session, "north", "south")
        for _ in range(9):
            ballot(session, north, "2026-W46", {"pay_fair": 4})
        for _ in range(2):
            ballot(session, south, "2026-W46", {"pay_fair": 1})
        session.commit()
        everyone = summarise(
            session=session, period=NOVEMBER, group=Group(), bank=BANK, min_group=5
        )
        south_only = summarise(
            session=session, period=NOVEMBER, group=Group(team_key="south"), bank=BANK, min_group=5
        )
        north_only = summarise(
            session=session, period=NOVEMBER, group=Group(team_key="north"), bank=BANK, min_group=5
        )
    # South's 2 stand neither alone nor pooled (2 < 5): they are left out of every figure,
    # totals included, so everyone minus North reveals nothing.
    assert everyone.shown
    assert everyone.submissions == 9
    pay = next(t for t in everyone.themes if t.theme == "pay")
    assert (pay.n, pay.mean) == (9, 4.0)
    assert not south_only.shown  # 2 people
    assert north_only.shown
    assert north_only.submissions == 9


def test_periods_are_parsed_or_refused_clearly() -> None:
    today = date(2026, 11, 25)
    # Four whole weeks (this one from Monday 23 Nov, and three before), not five ISO weeks.
    four = parse_period("4w", today)
    assert four == Period(date(2026, 11, 2), today)
    assert four.label() == "w/c 2 Nov – w/c 23 Nov 2026"
    assert (four.whole_weeks().end - four.whole_weeks().start).days + 1 == 28
    assert parse_period("year", today).start == date(2025, 12, 1)
    assert parse_period("2026-01-01..2026-03-31", today) == Period(
        date(2026, 1, 1), date(2026, 3, 31)
    )
    for bad in ("fortnight", "2026-13-01..2026-12-01", "2026-03-01..2026-01-01", "0w"):
        with pytest.raises(PeriodError):
            parse_period(bad, today)


@pytest.fixture(scope="module")
def memory_engine() -> Iterator[Engine]:
    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sizes=st.lists(st.integers(0, 12), min_size=1, max_size=5),
    roles=st.lists(st.sampled_from(["sw", "manager", "undisclosed"]), min_size=60, max_size=60),
    minimum=st.integers(3, 6),
)
def test_no_output_reveals_a_group_below_threshold(
    memory_engine: Engine, sizes: list[int], roles: list[str], minimum: int
) -> None:
    with Session(memory_engine) as session:
        for table in (Answer, Submission, Team, Wave):
            for row in session.exec(select(table)):
                session.delete(row)
        session.commit()
        made = teams(session, *(f"t{i}" for i in range(len(sizes))))
        index = 0
        for team, size in zip(made, sizes, strict=True):
            for _ in range(size):
                ballot(session, team, "2026-W46", {"pay_fair": 1 + index % 5}, roles[index % 60])
                index += 1
        session.commit()
        groups = [Group(), *(Group(team_key=t.key) for t in made)]
        whole = None
        for group in groups:
            summary = summarise(
                session=session, period=NOVEMBER, group=group, bank=BANK, min_group=minimum
            )
            whole = whole or summary
            pay = next(t for t in summary.themes if t.theme == "pay")
            if summary.shown:
                assert summary.submissions >= minimum
                # The whole service minus any shown group is nothing or a standing group.
                rest = whole.submissions - summary.submissions
                assert rest == 0 or rest >= minimum
            if not pay.suppressed:
                assert summary.shown
                assert pay.n >= minimum


def test_exports_and_charts_hide_what_summaries_hide(engine: Engine) -> None:
    import io

    from openpyxl import load_workbook

    from analysis.charts import theme_scores_chart
    from analysis.export import to_csv, to_xlsx

    with Session(engine) as session:
        [north] = teams(session, "north")
        for _ in range(6):
            ballot(session, north, "2026-W47", {"pay_fair": 2})
        session.commit()
        summary = summarise(session=session, period=NOVEMBER, group=Group(), bank=BANK, min_group=5)
        small = summarise(session=session, period=NOVEMBER, group=Group(), bank=BANK, min_group=7)
    text = to_csv(summary).decode("utf-8-sig")
    assert "Pay,6,2.0,0,25,low" in text
    assert "Workload,not enough responses" in text
    assert "not enough responses for this group" in to_csv(small).decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(to_xlsx(summary))).active
    assert [c.value for c in sheet[2]][:2] == ["theme", "responses"]
    png = theme_scores_chart(summary, 5)
    assert png.startswith(b"\x89PNG")


def test_a_period_covers_whole_weeks_and_says_so() -> None:
    typed = Period(date(2026, 11, 4), date(2026, 11, 20))  # a Wednesday to a Friday
    assert typed.whole_weeks() == Period(date(2026, 11, 2), date(2026, 11, 22))
    assert typed.label() == "w/c 2 Nov – w/c 16 Nov 2026"
    assert typed.whole_weeks().whole_weeks() == typed.whole_weeks()


def test_a_team_summary_says_not_asked_of_a_theme_only_other_teams_were_dealt(
    engine: Engine,
) -> None:
    with Session(engine) as session:
        north, south = teams(session, "north", "south")
        anchors = [anchor.key for anchor in BANK.anchors]
        forms = [["pay_fair", "workload_high"], ["supervision", "valued"]]
        wave_id = released_wave(session, "2026-W47", [*anchors, *forms[0], *forms[1]])
        wave = session.get(Wave, wave_id)
        assert wave is not None
        wave.forms, wave.form_k = forms, 5
        wave.form_teams = {"0": [north.id or 0], "1": [south.id or 0]}
        session.add(wave)
        for team, form in ((north, forms[0]), (south, forms[1])):
            for value in (4, 4, 5, 2, 3, 4):
                ballot(session, team, "2026-W47", {"intent_stay": value, **dict.fromkeys(form, 4)})
        session.commit()
        mine = summarise(
            session=session, period=NOVEMBER, group=Group("north"), bank=BANK, min_group=5
        )
        everyone = summarise(
            session=session, period=NOVEMBER, group=Group(), bank=BANK, min_group=5
        )
    by_theme = {t.theme: t for t in mine.themes}
    assert by_theme["pay"].mean == 4.0
    assert not by_theme["managers"].asked  # only South was dealt supervision
    assert by_theme["managers"].suppressed
    assert by_theme["career"].suppressed
    assert not by_theme["career"].asked  # nobody was
    assert all(t.asked for t in everyone.themes if t.theme in ("pay", "managers", "team_culture"))
