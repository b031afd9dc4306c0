"""Comments the PSW team may read: redacted, from large enough groups, in random order."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from analysis.cells import OTHER_TEAMS, respondent_cells
from analysis.summary import Period
from surveys.models import Submission


@dataclass(frozen=True)
class ShownComment:
    """A comment with its theme, direction and week only."""

    text: str
    theme: str
    direction: str
    period: str


def visible_groups(
    session: Session, *, period: Period, min_group: int
) -> tuple[set[tuple[int, int | None]], set[int]]:
    """Where comments may be read from: the standing (wave, team) cells of respondents at
    `min_group`, and the waves whose pooled "other teams" cell stands."""
    first, last = period.weeks
    cells = respondent_cells(session=session, first=first, last=last, minimum=min_group)
    teams: set[tuple[int, int | None]] = {
        (c.wave_id, c.team_id) for c in cells if c.team_id is not OTHER_TEAMS
    }
    pools = {c.wave_id for c in cells if c.team_id is OTHER_TEAMS}
    return teams, pools


def released_comments(
    session: Session, *, period: Period, min_group: int
) -> list[tuple[str, dict[str, str], str]]:
    """(comment, its themes, its week) of every comment in a standing cell of `min_group`
    respondents; a comment from a team whose cell was pooled is read as part of the pool."""
    first, last = period.weeks
    teams, pools = visible_groups(session=session, period=period, min_group=min_group)
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
    found = []
    for comment, themes, wave_id, team_id, week in rows:
        if comment is None or wave_id is None:
            continue
        if (wave_id, team_id) in teams or (wave_id in pools and (wave_id, team_id) not in teams):
            found.append((comment, dict(themes or {}), week))
    return found


def readable_comments(
    session: Session,
    *,
    period: Period,
    theme: str | None,
    direction: str | None,
    min_group: int,
    limit: int = 10,
) -> list[ShownComment]:
    """Up to `limit` comments on `theme` (any theme if None) from standing cells of at least
    `min_group` respondents, shuffled so their order says nothing about who wrote them."""
    found = []
    for comment, stances, week in released_comments(
        session=session, period=period, min_group=min_group
    ):
        chosen = theme if theme is not None else next(iter(stances), None)
        stance = stances.get(chosen) if chosen is not None else None
        if chosen is None or stance is None:
            continue
        if direction and stance != direction:
            continue
        found.append(ShownComment(comment, chosen, stance, week))
    random.SystemRandom().shuffle(found)
    return found[:limit]
