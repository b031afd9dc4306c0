"""Comments the PSW team may read: redacted, from large enough groups, in random order."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from analysis.cells import OTHER_TEAMS, respondent_cells
from analysis.summary import Period
from surveys.models import Submission
from surveys.themes import THEMES


@dataclass(frozen=True)
class ShownComment:
    """A comment with its theme, direction and week only."""

    text: str
    theme: str
    direction: str
    period: str


OTHER = "other"  # comments with no recognised theme


def visible_groups(
    session: Session, *, period: Period, min_group: int, cell_minimum: int | None = None
) -> tuple[set[tuple[int, int | None]], set[int]]:
    """Where comments may be read from: the standing (wave, team) cells of respondents (at
    `cell_minimum` people, the release rule; `min_group` when not given), taken together per
    team over the whole period, and the standing "other teams" pools taken together. A team's
    cells are readable when they add up to `min_group` people, so a team of eight whose
    comments are released wave by wave is read over the quarter, never one team-week."""
    first, last = period.weeks
    cells = respondent_cells(
        session=session, first=first, last=last, minimum=cell_minimum or min_group
    )
    people: dict[int | None, int] = {}
    for c in cells:
        people[c.team_id] = people.get(c.team_id, 0) + c.people
    readable = {team for team, count in people.items() if count >= min_group}
    teams: set[tuple[int, int | None]] = {
        (c.wave_id, c.team_id)
        for c in cells
        if c.team_id is not OTHER_TEAMS and c.team_id in readable
    }
    pools = {c.wave_id for c in cells if c.team_id is OTHER_TEAMS and OTHER_TEAMS in readable}
    return teams, pools


def _comment_rows(
    session: Session, period: Period
) -> list[tuple[str, dict[str, str], int, int | None, str]]:
    first, last = period.weeks
    rows = session.execute(
        sa_select(  # five columns: more than sqlmodel's typed select takes
            col(Submission.comment),
            col(Submission.comment_themes),
            col(Submission.wave_id),
            col(Submission.team_id),
            col(Submission.period),
        ).where(
            col(Submission.period) >= first,
            col(Submission.period) <= last,
            col(Submission.comment).is_not(None),
            col(Submission.wave_id).is_not(None),
        )
    ).all()
    return [
        (comment, dict(themes or {}), wave_id, team_id, week)
        for comment, themes, wave_id, team_id, week in rows
        if comment is not None and wave_id is not None
    ]


def _readable(
    wave_id: int,
    team_id: int | None,
    teams: set[tuple[int, int | None]],
    pools: set[int],
    pooled_teams: set[tuple[int, int | None]],
) -> bool:
    if (wave_id, team_id) in teams:
        return True
    # A team whose cell was pooled is read as part of its wave's pool.
    return wave_id in pools and (wave_id, team_id) in pooled_teams


def released_comments(
    session: Session, *, period: Period, min_group: int, cell_minimum: int | None = None
) -> list[tuple[str, dict[str, str], str]]:
    """(comment, its themes, its week) of every comment in readable cells (visible_groups)."""
    return [
        (comment, themes, week)
        for comment, themes, week, _, readable in _sorted_comments(
            session, period=period, min_group=min_group, cell_minimum=cell_minimum
        )
        if readable
    ]


def _sorted_comments(
    session: Session, *, period: Period, min_group: int, cell_minimum: int | None
) -> list[tuple[str, dict[str, str], str, int, bool]]:
    """Every released comment of the period with its wave and whether it may be read."""
    teams, pools = visible_groups(
        session=session, period=period, min_group=min_group, cell_minimum=cell_minimum
    )
    first, last = period.weeks
    standing = respondent_cells(
        session=session, first=first, last=last, minimum=cell_minimum or min_group
    )
    alone = {(c.wave_id, c.team_id) for c in standing if c.team_id is not OTHER_TEAMS}
    found = []
    for comment, themes, wave_id, team_id, week in _comment_rows(session, period):
        pooled = {(wave_id, team_id)} if (wave_id, team_id) not in alone else set()
        readable = _readable(wave_id, team_id, teams, pools, pooled)
        found.append((comment, themes, week, wave_id, readable))
    return found


def _about(stances: dict[str, str], theme: str | None) -> tuple[str, str] | None:
    """(theme, direction) a comment is shown under, or None if it is not about `theme`."""
    known = {t: d for t, d in stances.items() if t in THEMES}
    if theme == OTHER:
        return None if known else (OTHER, "")
    chosen = theme if theme is not None else next(iter(known), None)
    stance = known.get(chosen) if chosen is not None else None
    return None if chosen is None or stance is None else (chosen, stance)


def readable_comments(
    session: Session,
    *,
    period: Period,
    theme: str | None,
    direction: str | None,
    min_group: int,
    limit: int = 10,
    cell_minimum: int | None = None,
) -> list[ShownComment]:
    """Up to `limit` comments on `theme` (any theme if None; OTHER: none recognised) from
    readable cells (visible_groups), shuffled so their order says nothing about who wrote
    them."""
    found = []
    for comment, stances, week in released_comments(
        session=session, period=period, min_group=min_group, cell_minimum=cell_minimum
    ):
        about = _about(stances, theme)
        if about is None or (direction and about[1] != direction):
            continue
        found.append(ShownComment(comment, about[0], about[1], week))
    random.SystemRandom().shuffle(found)
    return found[:limit]


def held_back(
    session: Session, *, period: Period, min_group: int, cell_minimum: int | None = None
) -> int:
    """How many released comments of the period are held back (from groups too small to read),
    service-wide and on every theme together, counting a wave only when its own held-back
    comments number at least `cell_minimum` (the release rule, k). 0 means "no number may be
    given", not "none": a count per theme or per group, or one that moved by a single comment,
    would tell a reader that someone in a group below the threshold wrote something (rule 4).
    Because each wave counts whole or not at all, the difference of any two counts (two
    periods, two days) is a sum of whole waves' totals of at least k, never one comment."""
    minimum = cell_minimum or min_group
    per_wave: dict[int, int] = {}
    for _, _, _, wave_id, readable in _sorted_comments(
        session, period=period, min_group=min_group, cell_minimum=cell_minimum
    ):
        if not readable:
            per_wave[wave_id] = per_wave.get(wave_id, 0) + 1
    return sum(count for count in per_wave.values() if count >= minimum)
