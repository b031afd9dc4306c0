"""What the comments say per theme, what makes people stay and leave, and what needs attention."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from analysis.summary import Group, Period, Summary, group_filters
from surveys.models import Submission
from surveys.themes import THEMES


@dataclass(frozen=True)
class CommentCounts:
    """Positive and negative comments on one theme."""

    theme: str
    label: str
    positive: int
    negative: int


def comment_counts(
    *, session: Session, period: Period, group: Group, min_group: int
) -> tuple[CommentCounts, ...] | None:
    """Counts of positive and negative comments per theme; None if the group is too small.

    The themes of each comment were stored with it when it was written, so this reads one JSON
    column of the commented submissions only.
    """
    first, last = period.weeks
    where = (
        col(Submission.period) >= first,
        col(Submission.period) <= last,
        *group_filters(session, group),
    )
    commented = int(
        session.exec(
            select(func.count())
            .select_from(Submission)
            .where(*where, col(Submission.comment).is_not(None))
        ).one()
    )
    if commented < min_group:
        return None
    positive = dict.fromkeys(THEMES, 0)
    negative = dict.fromkeys(THEMES, 0)
    for themes in session.exec(
        select(Submission.comment_themes).where(*where, col(Submission.comment).is_not(None))
    ):
        for theme, stance in (themes or {}).items():
            if theme in THEMES:
                (positive if stance == "pos" else negative)[theme] += 1
    return tuple(CommentCounts(t, label, positive[t], negative[t]) for t, label in THEMES.items())


@dataclass(frozen=True)
class Driver:
    """A theme ranked as a reason to stay or to leave, with the evidence."""

    theme: str
    label: str
    weight: float
    comments: int
    favourable: int | None  # % favourable (stay) or unfavourable (leave) scores, when shown


def drivers(
    summary: Summary, counts: tuple[CommentCounts, ...] | None
) -> tuple[tuple[Driver, ...], tuple[Driver, ...]]:
    """(reasons to stay, reasons to leave), strongest first, three each at most.

    A theme's weight adds its comments for (or against) to half the number of favourable (or
    unfavourable) answers, so both what people say and how they score count.
    """
    by_theme = {c.theme: c for c in counts or ()}
    stay, leave = [], []
    for score in summary.themes:
        found = by_theme.get(score.theme)
        positive, negative = (found.positive, found.negative) if found else (0, 0)
        favourable = score.favourable if not score.suppressed else None
        liked = (score.n * favourable / 100) if favourable is not None else 0.0
        disliked = (score.n - liked) if favourable is not None else 0.0
        for_staying, for_leaving = positive + liked / 2, negative + disliked / 2
        # Each theme goes on the side its evidence weighs more, never on both.
        if for_staying > for_leaving:
            stay.append(Driver(score.theme, score.label, for_staying, positive, favourable))
        elif for_leaving > 0:
            unfavourable = None if favourable is None else 100 - favourable
            leave.append(Driver(score.theme, score.label, for_leaving, negative, unfavourable))
    stay.sort(key=lambda d: -d.weight)
    leave.sort(key=lambda d: -d.weight)
    return tuple(stay[:3]), tuple(leave[:3])


@dataclass(frozen=True)
class Alert:
    """Something the PSW team should look at."""

    text: str


def alerts(summary: Summary, *, intent_below: float) -> tuple[Alert, ...]:
    """Themes down 0.3 points or 10 favourable points, and intention to stay below the line."""
    found = []
    for score in (*summary.anchors, *summary.themes):
        if score.suppressed:
            continue
        if score.change is not None and score.change <= -0.3:
            found.append(Alert(f"{score.label} down {abs(score.change):.1f} points"))
        elif score.favourable_change is not None and score.favourable_change <= -10:
            found.append(
                Alert(f"{score.label} down {abs(score.favourable_change)} favourable points")
            )
        if score.theme == "intent_to_stay" and score.mean is not None and score.mean < intent_below:
            found.append(Alert(f"Intention to stay is {score.mean:.1f}, below {intent_below:.1f}"))
    return tuple(found)
