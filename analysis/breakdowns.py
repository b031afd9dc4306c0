"""Breakdowns and comparisons: role group, contract, team × theme, teams and participation over
time, all under the release rules (docs/design.md, "Anonymity", rules 4 and 5).

Team figures are sums of standing (wave, team, theme) cells (analysis/cells.py). A role-group or
contract figure cuts the same released rows another way, so a reader could subtract one from the
other. Released rows are coarsened per wave (surveys/ballot.py `coarsen`) so that every
combination of team, role group and contract is shared by at least k rows; but a theme is
answered by a subset of them (skips, rotating items), so within one (wave, theme) a combination
may shrink below k. The rule here, the "atom rule":

    a (wave, theme) is broken down by role group or contract only when every team × role group
    × contract combination that answered it has at least k people.

Every figure a reader can get (team cells, the pooled "other teams", role-group cells, contract
cells, and any sum or difference of them) is then a sum over whole combinations, each of at
least k people, so no figure and no difference of figures can single anyone out
(tests/analysis/test_breakdowns.py checks this by rank). A (wave, theme) that fails the rule is
left out of every breakdown figure, and the figures say how many waves were left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Float, case, cast, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from analysis.cells import OTHER_TEAMS, Cell, Sum, add_up, score_cells
from analysis.summary import Period
from surveys.bank import QuestionBank
from surveys.models import Answer, EmploymentType, Role, Submission, Team, Wave, WaveTally
from surveys.participants import UNDISCLOSED
from surveys.themes import ANCHORS, THEMES

By = Literal["role", "contract"]
ALL_THEMES: dict[str, str] = {**ANCHORS, **THEMES}
UNDISCLOSED_LABEL = "Not stated or too rare to show"
OTHER_TEAMS_LABEL = "Other teams (pooled)"

Atom = tuple[int | None, str, str]  # team, role group, contract of released rows


@dataclass(frozen=True)
class Figure:
    """One table entry: the figures, or hidden (`sum` None) with the reason."""

    people: int
    mean: float | None
    favourable: int | None  # % of answers scoring 4 or 5
    hidden: str = ""  # why it is not shown; "" when shown

    @property
    def health(self) -> int | None:
        """The 0–100 health-check score."""
        return None if self.mean is None else round((self.mean - 1) / 4 * 100)

    @property
    def band(self) -> str | None:
        """The LGA band: 0–50 low, 51–74 moderate, 75–100 high."""
        health = self.health
        if health is None:
            return None
        return "low" if health <= 50 else "moderate" if health <= 74 else "high"


def figure_of(total: Sum, hidden: str = "") -> Figure:
    """A table entry from a sum of standing cells (hidden when no cell stands)."""
    if total.mean is None or total.favourable_share is None:
        return Figure(0, None, None, hidden or "not enough responses")
    return Figure(total.people, round(total.mean, 2), round(total.favourable_share * 100))


@dataclass(frozen=True)
class Table:
    """Rows (groups) × columns (themes or waves), each entry a Figure."""

    title: str
    period: str
    row_labels: tuple[str, ...]
    column_keys: tuple[str, ...]
    column_labels: tuple[str, ...]
    entries: tuple[tuple[Figure, ...], ...]  # [row][column]
    notes: tuple[str, ...] = ()

    def entry(self, row_label: str, column_key: str) -> Figure:
        """The entry for a row and a column."""
        row = self.row_labels.index(row_label)
        return self.entries[row][self.column_keys.index(column_key)]


def _atoms(
    session: Session, *, first: str, last: str, bank: QuestionBank
) -> dict[tuple[int, str, str], dict[Atom, Sum]]:
    """Released answers per (wave, period, theme), split by team × role group × contract."""
    reverse = [item.key for item in (*bank.anchors, *bank.items) if item.reverse]
    score = (
        case((col(Answer.item_key).in_(reverse), 6 - col(Answer.value)), else_=col(Answer.value))
        if reverse
        else col(Answer.value)
    )
    query = (
        sa_select(
            col(Submission.wave_id),
            col(Submission.period),
            col(Answer.theme),
            col(Submission.team_id),
            col(Submission.role_group),
            col(Submission.employment_type),
            func.count(func.distinct(Answer.submission_id)),
            func.count(),
            func.sum(cast(score, Float)),
            func.sum(case((score >= 4, 1), else_=0)),
        )
        .join(Submission, col(Submission.id) == col(Answer.submission_id))
        .where(
            col(Submission.period) >= first,
            col(Submission.period) <= last,
            col(Submission.wave_id).is_not(None),
        )
        .group_by(
            col(Submission.wave_id),
            col(Submission.period),
            col(Answer.theme),
            col(Submission.team_id),
            col(Submission.role_group),
            col(Submission.employment_type),
        )
    )
    found: dict[tuple[int, str, str], dict[Atom, Sum]] = defaultdict(dict)
    for wave, period, theme, team, role, contract, people, answers, total, fav in session.execute(
        query
    ):
        atom = (team, str(role or UNDISCLOSED), str(contract or UNDISCLOSED))
        found[(int(wave), str(period), str(theme))][atom] = Sum(
            int(people), int(answers), float(total), int(fav)
        )
    return found


@dataclass(frozen=True)
class GroupCells:
    """Standing (wave, group, theme) cells under the atom rule, and the (wave, theme)s withheld."""

    cells: tuple[Cell, ...]  # team_id unused (None); `theme` is the theme, group in `group_of`
    groups: tuple[str, ...]  # the group of each cell, in the same order
    withheld: tuple[tuple[int, str], ...]  # (wave, theme) not broken down


def group_cells(
    session: Session, *, first: str, last: str, by: By, bank: QuestionBank, minimum: int
) -> GroupCells:
    """Standing (wave, role group or contract, theme) cells, under the atom rule."""
    index = 1 if by == "role" else 2
    cells: list[Cell] = []
    groups: list[str] = []
    withheld: list[tuple[int, str]] = []
    for (wave, period, theme), atoms in sorted(
        _atoms(session, first=first, last=last, bank=bank).items()
    ):
        if any(0 < total.people < minimum for total in atoms.values()):
            withheld.append((wave, theme))
            continue
        sums: dict[str, list[Sum]] = defaultdict(list)
        for atom, total in atoms.items():
            sums[str(atom[index])].append(total)
        for group, parts in sorted(sums.items()):
            people = sum(p.people for p in parts)
            if people < minimum:  # cannot happen when every atom has k, kept as a guard
                continue
            cells.append(
                Cell(
                    wave,
                    period,
                    None,
                    theme,
                    people,
                    sum(p.answers for p in parts),
                    sum(p.total for p in parts),
                    sum(p.favourable for p in parts),
                )
            )
            groups.append(group)
    return GroupCells(tuple(cells), tuple(groups), tuple(withheld))


def _labels(session: Session, by: By) -> dict[str, str]:
    rows: Sequence[Role] | Sequence[EmploymentType] = (
        session.exec(select(Role)).all()
        if by == "role"
        else session.exec(select(EmploymentType)).all()
    )
    names = {row.key: row.name for row in rows}
    names[UNDISCLOSED] = UNDISCLOSED_LABEL
    return names


def breakdown(
    session: Session, *, period: Period, by: By, bank: QuestionBank, min_group: int
) -> Table:
    """Role group (or contract) × theme for the whole service in `period`."""
    first, last = period.weeks
    found = group_cells(session, first=first, last=last, by=by, bank=bank, minimum=min_group)
    names = _labels(session, by)
    present = sorted(set(found.groups), key=lambda g: (g == UNDISCLOSED, names.get(g, g)))
    entries = []
    for group in present:
        row = []
        for theme in ALL_THEMES:
            mine = [
                c
                for c, g in zip(found.cells, found.groups, strict=True)
                if g == group and c.theme == theme
            ]
            row.append(figure_of(add_up(mine)))
        entries.append(tuple(row))
    notes = []
    if found.withheld:
        waves = len({w for w, _ in found.withheld})
        notes.append(
            f"{len(found.withheld)} theme-wave(s) in {waves} wave(s) left out: a team × role "
            f"group × contract group that answered had fewer than {min_group} people, so a "
            "breakdown could be subtracted from team figures."
        )
    title = "By role group" if by == "role" else "By contract"
    return Table(
        title,
        period.label(),
        tuple(names.get(g, g) for g in present),
        tuple(ALL_THEMES),
        tuple(ALL_THEMES.values()),
        tuple(entries),
        tuple(notes),
    )


def _team_names(session: Session) -> dict[int | None, str]:
    names: dict[int | None, str] = {
        team.id: team.name for team in session.exec(select(Team)) if team.id is not None
    }
    names[OTHER_TEAMS] = OTHER_TEAMS_LABEL
    return names


def _team_order(names: dict[int | None, str], present: set[int | None]) -> list[int | None]:
    teams = sorted((t for t in names if t is not None), key=lambda t: names[t])
    return [*teams, *([OTHER_TEAMS] if OTHER_TEAMS in present else [])]


def team_theme_table(
    session: Session, *, period: Period, bank: QuestionBank, min_group: int
) -> Table:
    """Team × theme: each entry the sum of the team's standing cells; hidden where none stands."""
    first, last = period.weeks
    cells = score_cells(session, first=first, last=last, bank=bank, minimum=min_group)
    names = _team_names(session)
    order = _team_order(names, {c.team_id for c in cells})
    entries = []
    for team in order:
        row = []
        for theme in ALL_THEMES:
            mine = [c for c in cells if c.team_id == team and c.theme == theme]
            row.append(figure_of(add_up(mine), f"hidden: fewer than {min_group}"))
        entries.append(tuple(row))
    return Table(
        "Teams × themes",
        period.label(),
        tuple(names[t] for t in order),
        tuple(ALL_THEMES),
        tuple(ALL_THEMES.values()),
        tuple(entries),
        (
            f"A team's cell in a wave with fewer than {min_group} people is pooled into "
            "'Other teams' when together they reach it, and hidden otherwise.",
        ),
    )


def week_label(period: str) -> str:
    """An ISO week as people say it: 'w/c 14 Sep' (the Monday it starts)."""
    from datetime import datetime

    monday = datetime.strptime(f"{period}-1", "%G-W%V-%u").date()
    return f"w/c {monday.day} {monday:%b}"


def teams_over_time(
    session: Session, *, period: Period, theme: str, bank: QuestionBank, min_group: int
) -> Table:
    """Team × wave for one theme: the mean per team per wave, hidden where no cell stands."""
    first, last = period.weeks
    cells = [
        c
        for c in score_cells(session, first=first, last=last, bank=bank, minimum=min_group)
        if c.theme == theme
    ]
    waves = _released_waves(session, first, last)
    names = _team_names(session)
    order = _team_order(names, {c.team_id for c in cells})
    entries = []
    for team in order:
        row = []
        for wave_id, _week in waves:
            mine = [c for c in cells if c.team_id == team and c.wave_id == wave_id]
            row.append(figure_of(add_up(mine), f"hidden: fewer than {min_group}"))
        entries.append(tuple(row))
    return Table(
        f"{ALL_THEMES.get(theme, theme)} by team over time",
        period.label(),
        tuple(names[t] for t in order),
        tuple(str(w) for w, _ in waves),
        tuple(week_label(week) for _, week in waves),
        tuple(entries),
    )


def _released_waves(session: Session, first: str, last: str) -> list[tuple[int, str]]:
    rows = session.exec(
        select(Wave.id, Wave.period)
        .where(col(Wave.period) >= first, col(Wave.period) <= last, col(Wave.status) == "closed")
        .order_by(col(Wave.period), col(Wave.id))
    ).all()
    return [(int(wave_id), str(week)) for wave_id, week in rows if wave_id is not None]


@dataclass(frozen=True)
class WaveParticipation:
    """One closed wave: who was asked and who answered, service-wide, from standing cells."""

    wave_id: int
    week: str
    label: str
    invited: int | None  # people the wave was sent to (service-wide; None if not recorded)
    answered: int  # people who answered, summed over standing team cells
    hidden_teams: int  # teams whose count is too small to show on its own

    @property
    def rate(self) -> int | None:
        """Answered as a % of invited."""
        if not self.invited:
            return None
        return round(self.answered / self.invited * 100)


def participation_over_time(
    session: Session, *, period: Period, min_group: int
) -> tuple[WaveParticipation, ...]:
    """Per closed wave in `period`: invited and answered across the service (standing cells)."""
    first, last = period.weeks
    found = []
    for wave_id, week in _released_waves(session, first, last):
        tallies = session.exec(select(WaveTally).where(WaveTally.wave_id == wave_id)).all()
        # The same rule as participation_cells: a team of k stands, the rest pool, a pool under
        # k is left out of both counts (so the rate is over the people it describes).
        alone = [t for t in tallies if t.team_id is not None and t.answered >= min_group]
        pooled = [t for t in tallies if t not in alone]
        counted = alone + (pooled if sum(t.answered for t in pooled) >= min_group else [])
        found.append(
            WaveParticipation(
                wave_id,
                week,
                week_label(week),
                sum(t.invited for t in counted) if counted else None,
                sum(t.answered for t in counted),
                len(tallies) - len(alone),
            )
        )
    return tuple(found)
