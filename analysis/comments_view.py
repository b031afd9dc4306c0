"""Comments the PSW team may read: redacted, from large enough groups, in random order."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from analysis.summary import Period
from surveys.models import Submission


@dataclass(frozen=True)
class ShownComment:
    """A comment with its theme, direction and week only."""

    text: str
    theme: str
    direction: str
    period: str


def readable_comments(
    *,
    session: Session,
    period: Period,
    theme: str | None,
    direction: str | None,
    min_group: int,
    limit: int = 10,
) -> list[ShownComment]:
    """Up to `limit` comments on `theme` (any theme if None) from teams with at least
    `min_group` submissions in that week, shuffled so their order says nothing about who wrote
    them."""
    first, last = period.weeks
    in_period = (col(Submission.period) >= first, col(Submission.period) <= last)
    sizes = {
        (team_id, week): int(count)
        for team_id, week, count in session.exec(
            select(Submission.team_id, Submission.period, func.count())
            .where(*in_period)
            .group_by(col(Submission.team_id), col(Submission.period))
        )
    }
    rows = session.exec(
        select(
            Submission.comment, Submission.comment_themes, Submission.team_id, Submission.period
        ).where(*in_period, col(Submission.comment).is_not(None))
    ).all()
    found = []
    for comment, themes, team_id, week in rows:
        stances = themes or {}
        chosen = theme if theme is not None else next(iter(stances), None)
        stance = stances.get(chosen) if chosen is not None else None
        if comment is None or chosen is None or stance is None:
            continue
        if direction and stance != direction:
            continue
        if sizes.get((team_id, week), 0) < min_group:
            continue
        found.append(ShownComment(comment, chosen, stance, week))
    random.SystemRandom().shuffle(found)
    return found[:limit]
