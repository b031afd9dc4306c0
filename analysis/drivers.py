"""What the comments say per theme, what makes people stay and leave, and what needs attention."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session

from analysis.comments_view import released_comments
from analysis.interviews import (
    InterviewCounts,
    QuarterReasons,
    exit_reasons_by_quarter,
    interview_counts,
    month_span,
)
from analysis.summary import Group, Period, Summary, summarise
from surveys.bank import QuestionBank
from surveys.themes import THEMES


@dataclass(frozen=True)
class CommentCounts:
    """Positive and negative comments on one theme."""

    theme: str
    label: str
    positive: int
    negative: int


def comment_counts(
    session: Session, *, period: Period, group: Group, min_group: int
) -> tuple[CommentCounts, ...] | None:
    """Counts of positive and negative comments per theme, from standing cells of at least
    `min_group` respondents (whole service only); None if fewer than `min_group` comments."""
    if group.filtered:
        return None  # counts for one team would be read against the whole service's
    found = released_comments(session=session, period=period, min_group=min_group)
    if len(found) < min_group:
        return None
    positive = dict.fromkeys(THEMES, 0)
    negative = dict.fromkeys(THEMES, 0)
    for _, themes, _ in found:
        for theme, stance in themes.items():
            if theme in THEMES:
                (positive if stance == "pos" else negative)[theme] += 1
    return tuple(CommentCounts(t, label, positive[t], negative[t]) for t, label in THEMES.items())


Z95 = 1.96  # a 95% interval


def wilson(successes: int, total: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of a share (`successes` of `total`); None with no answers.
    Unlike the plain ± interval it stays inside 0–1 and is honest for small groups."""
    if total <= 0:
        return None
    share = successes / total
    centre = share + z * z / (2 * total)
    spread = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total))
    scale = 1 + z * z / total
    return max(0.0, (centre - spread) / scale), min(1.0, (centre + spread) / scale)


@dataclass(frozen=True)
class Driver:
    """A theme ranked as a reason to stay or to leave, with the evidence for that side."""

    theme: str
    label: str
    weight: float
    comments: int  # positive comments (stay) or negative ones (leave)
    favourable: int | None  # % favourable (stay) or unfavourable (leave) scores, when shown
    interviews: int = 0  # stay interviews citing it (stay), or exit interviews giving it (leave)
    main: int = 0  # leave: exit interviews giving it as the main reason
    stay_interviews: int = 0  # leave: stay interviews naming it as a pull away
    people: int = 0  # people behind the evidence: pulse respondents, commenters, interviewees
    interval: tuple[int, int] | None = None  # 95% interval of `favourable`, in % (Wilson)


@dataclass(frozen=True)
class Drivers:
    """Reasons to stay, reasons to leave, and themes praised by some while their scores are
    clearly below half (shown on both sides with the evidence, never as a reason to stay)."""

    stay: tuple[Driver, ...]
    leave: tuple[Driver, ...]
    mixed: tuple[Driver, ...] = ()


def _share(count: int, total: int) -> float:
    return count / total if total else 0.0


def drivers(
    summary: Summary,
    counts: tuple[CommentCounts, ...] | None,
    stays: InterviewCounts | None = None,
    exits: InterviewCounts | None = None,
    *,
    top: int = 5,
) -> Drivers:
    """Reasons to stay and to leave, strongest evidence first, `top` each at most.

    Each source counts as the share of its people who cite the theme, so a thousand pulse
    answers do not drown twenty interviews: stay interviews and positive comments weigh for
    staying; exit reasons (the main reason counting twice), pulls away named in stay interviews
    and negative comments weigh for leaving. Scores weigh only by how far the 95% Wilson interval
    of the favourable share lies clearly above half (staying) or clearly below it (leaving), so
    a handful of answers moves nothing. A theme whose favourable share is clearly below half is
    never a reason to stay: praise for it is shown under `mixed`, beside its scores. A theme can
    be on both lists: staff stay for the learning and leave over progression, both "career".
    """
    by_theme = {c.theme: c for c in counts or ()}
    mentions = sum(c.positive + c.negative for c in counts or ())
    stays = stays if stays is not None and stays.shown else None
    exits = exits if exits is not None and exits.shown else None
    stay: list[Driver] = []
    leave: list[Driver] = []
    mixed: list[Driver] = []
    for score in summary.themes:
        theme = score.theme
        found = by_theme.get(theme)
        positive, negative = (found.positive, found.negative) if found else (0, 0)
        favourable = None if score.suppressed else score.favourable
        answers = score.answers or score.n
        interval = (
            wilson(round((favourable or 0) * answers / 100), answers)
            if favourable is not None
            else None
        )
        above = max(interval[0] - 0.5, 0.0) * 2 if interval else 0.0
        below = max(0.5 - interval[1], 0.0) * 2 if interval else 0.0
        praised = stays.positive[theme] if stays else 0
        pulled = stays.negative[theme] if stays else 0
        given = exits.reasons[theme] if exits else 0
        main = exits.main[theme] if exits else 0
        scored = score.n if favourable is not None else 0
        for_staying = (
            _share(positive, mentions) + _share(praised, stays.total if stays else 0) + above
        )
        for_leaving = (
            _share(negative, mentions)
            + _share(given + main, exits.total if exits else 0)
            + _share(pulled, stays.total if stays else 0)
            + below
        )
        percent = None if interval is None else (round(interval[0] * 100), round(interval[1] * 100))
        if for_staying > 0:
            driver = Driver(
                theme,
                score.label,
                for_staying,
                positive,
                favourable,
                praised,
                people=scored + positive + praised,
                interval=percent,
            )
            # Clearly below half: the praise is real but the scores say otherwise.
            (mixed if below > 0 else stay).append(driver)
        if for_leaving > 0:
            unfavourable = None if favourable is None else 100 - favourable
            leave.append(
                Driver(
                    theme,
                    score.label,
                    for_leaving,
                    negative,
                    unfavourable,
                    given,
                    main,
                    pulled,
                    people=scored + negative + given + pulled,
                    interval=None if percent is None else (100 - percent[1], 100 - percent[0]),
                )
            )
    for found_list in (stay, leave, mixed):
        found_list.sort(key=lambda d: (-d.weight, -d.people, d.theme))
    return Drivers(tuple(stay[:top]), tuple(leave[:top]), tuple(mixed))


@dataclass(frozen=True)
class DriversReport:
    """Why people stay beside why they leave, with what it was read from."""

    stay: tuple[Driver, ...]
    leave: tuple[Driver, ...]
    stays: InterviewCounts
    exits: InterviewCounts
    quarters: tuple[QuarterReasons, ...]
    mixed: tuple[Driver, ...] = ()  # praised, yet scored clearly below half


def drivers_report(
    session: Session,
    *,
    today: date,
    bank: QuestionBank,
    min_group: int,
    min_comment_group: int | None = None,
) -> DriversReport:
    """Pulses and comments over the last 12 weeks, interviews over the last 12 months."""
    period = Period(today - timedelta(weeks=12) + timedelta(days=1), today)
    summary = summarise(
        session=session, period=period, group=Group(), bank=bank, min_group=min_group
    )
    # Comments are counted only from cells where they could be read (MIN_COMMENT_GROUP_SIZE).
    counts = comment_counts(
        session=session,
        period=period,
        group=Group(),
        min_group=min_comment_group or min_group,
    )
    months = month_span(today, 12)
    stays = interview_counts(session=session, kind="stay", months=months, min_group=min_group)
    exits = interview_counts(session=session, kind="exit", months=months, min_group=min_group)
    ranked = drivers(summary, counts, stays, exits)
    quarters = exit_reasons_by_quarter(session=session, today=today, min_group=min_group)
    return DriversReport(ranked.stay, ranked.leave, stays, exits, quarters, ranked.mixed)


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
