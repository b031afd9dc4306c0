"""Theme scores for a period and a group, aggregated in SQL, under DESIGN.md rule 4.

A score is 1–5 with reverse-worded items turned round, so higher is always better; "favourable"
is the share of 4s and 5s; the health-check score maps the mean to 0–100 with the LGA bands
(0–50 low, 51–74 moderate, 75–100 high). Nothing is shown for fewer than `min_group`
submissions, and a filtered group is also hidden when the rest of the organisation in that
period is a small group, because subtracting the group from the whole would reveal them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, Float, and_, case, cast, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from surveys.bank import QuestionBank
from surveys.models import Answer, Submission, Team
from surveys.themes import ANCHORS, THEMES


def iso_week_of(day: date) -> str:
    """The ISO week of a day, as submissions store it."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class Period:
    """A span of ISO weeks, inclusive."""

    start: date
    end: date

    @property
    def weeks(self) -> tuple[str, str]:
        """First and last ISO week."""
        return iso_week_of(self.start), iso_week_of(self.end)

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        length = self.end - self.start
        end = self.start - timedelta(days=1)
        return Period(end - length, end)

    def label(self) -> str:
        """How a PSW would say it."""
        return f"{self.start.day} {self.start:%b %Y} – {self.end.day} {self.end:%b %Y}"


class PeriodError(ValueError):
    """A period that cannot be understood; the message shows the forms accepted."""


PERIOD_HELP = "4w, 12w, quarter, year, or from..to as YYYY-MM-DD..YYYY-MM-DD"


def parse_period(text: str, today: date) -> Period:
    """'4w', '12w', 'quarter', 'year' (ending today) or 'YYYY-MM-DD..YYYY-MM-DD'."""
    text = text.strip().lower()
    spans = {"quarter": 91, "year": 364}
    if text in spans:
        return Period(today - timedelta(days=spans[text] - 1), today)
    if text.endswith("w") and text[:-1].isdigit() and 1 <= int(text[:-1]) <= 156:
        return Period(today - timedelta(weeks=int(text[:-1])) + timedelta(days=1), today)
    if ".." in text:
        first, _, last = text.partition("..")
        try:
            start, end = date.fromisoformat(first), date.fromisoformat(last)
        except ValueError:
            raise PeriodError(f"{text!r} is not a period; use {PERIOD_HELP}") from None
        if end < start:
            raise PeriodError("the period ends before it starts")
        return Period(start, end)
    raise PeriodError(f"{text!r} is not a period; use {PERIOD_HELP}")


@dataclass(frozen=True)
class Group:
    """Who a summary is about: everyone, or one team, role group and/or employment type."""

    team_key: str | None = None
    role_group: str | None = None
    employment_type: str | None = None

    @property
    def filtered(self) -> bool:
        """Whether this is less than everyone."""
        return any((self.team_key, self.role_group, self.employment_type))


@dataclass(frozen=True)
class ThemeScore:
    """One theme's figures, or `suppressed` with the reason."""

    theme: str
    label: str
    n: int
    mean: float | None = None
    favourable: int | None = None
    change: float | None = None  # in mean points against the previous period
    favourable_change: int | None = None  # in percentage points

    @property
    def suppressed(self) -> bool:
        """True when there are not enough responses to show anything."""
        return self.mean is None

    @property
    def health(self) -> int | None:
        """The 0–100 health-check score."""
        return None if self.mean is None else round((self.mean - 1) / 4 * 100)

    @property
    def band(self) -> str | None:
        """The LGA band of the health-check score."""
        health = self.health
        if health is None:
            return None
        return "low" if health <= 50 else "moderate" if health <= 74 else "high"


@dataclass(frozen=True)
class Summary:
    """Scores for a period and group."""

    period: Period
    group: Group
    submissions: int
    shown: bool  # False: the group (or what it leaves out) is too small
    themes: tuple[ThemeScore, ...]
    anchors: tuple[ThemeScore, ...]


Filters = Sequence[ColumnElement[bool]]


def group_filters(session: Session, group: Group) -> list[ColumnElement[bool]]:
    filters: list[ColumnElement[bool]] = []
    if group.team_key:
        team = session.exec(select(Team).where(Team.key == group.team_key)).first()
        filters.append(col(Submission.team_id) == (team.id if team else -1))
    if group.role_group:
        filters.append(col(Submission.role_group) == group.role_group)
    if group.employment_type:
        filters.append(col(Submission.employment_type) == group.employment_type)
    return filters


def _counts(session: Session, period: Period, filters: Filters) -> tuple[int, int, int]:
    """Submissions in the period and in the one before from the group, and in the period from
    everyone: one pass over the period index."""
    first, last = period.previous().weeks[0], period.weeks[1]
    current = col(Submission.period) >= period.weeks[0]
    in_group = and_(*filters) if filters else None

    def tally(condition: ColumnElement[bool]) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    query = select(
        tally(and_(current, in_group) if in_group is not None else current),
        tally(and_(~current, in_group) if in_group is not None else ~current),
        tally(current),
    ).where(col(Submission.period) >= first, col(Submission.period) <= last)
    now, before, everyone = session.exec(query).one()
    return int(now), int(before), int(everyone)


Scores = dict[str, tuple[int, float, float]]


def _scores(
    session: Session, period: Period, filters: Filters, bank: QuestionBank
) -> tuple[Scores, Scores]:
    """theme -> (submissions answering it, mean score, share favourable), for the period and the
    one before, in one SQL query over both."""
    first, last = period.previous().weeks[0], period.weeks[1]
    reverse = [item.key for item in (*bank.anchors, *bank.items) if item.reverse]
    score = (
        case((col(Answer.item_key).in_(reverse), 6 - col(Answer.value)), else_=col(Answer.value))
        if reverse
        else col(Answer.value)
    )
    current = case((col(Submission.period) >= period.weeks[0], 1), else_=0).label("current")
    query = (
        sa_select(  # five columns: more than sqlmodel's typed select takes
            current,
            col(Answer.theme),
            func.count(func.distinct(Answer.submission_id)),
            func.avg(cast(score, Float)),
            func.avg(case((score >= 4, 1.0), else_=0.0)),
        )
        .join(Submission, col(Submission.id) == col(Answer.submission_id))
        .where(and_(col(Submission.period) >= first, col(Submission.period) <= last, *filters))
        .group_by(current, col(Answer.theme))
    )
    now: Scores = {}
    before: Scores = {}
    for is_current, theme, n, mean, fav in session.execute(query):
        (now if is_current else before)[theme] = (int(n), float(mean), float(fav))
    return now, before


def summarise(
    *, session: Session, period: Period, group: Group, bank: QuestionBank, min_group: int
) -> Summary:
    """Scores per theme and anchor for `group` in `period`, with changes, under the rules."""
    filters = group_filters(session, group)
    submissions, earlier, everyone = _counts(session, period, filters)
    shown = submissions >= min_group
    if shown and group.filtered:
        rest = everyone - submissions
        shown = rest == 0 or rest >= min_group  # else whole minus group reveals the rest
    now, before = _scores(session, period, filters, bank) if shown else ({}, {})
    previous_shown = shown and earlier >= min_group

    def figures(theme: str, label: str) -> ThemeScore:
        n, mean, fav = now.get(theme, (0, 0.0, 0.0))
        if n < min_group:
            return ThemeScore(theme, label, n)
        change = favourable_change = None
        if previous_shown and before.get(theme, (0, 0.0, 0.0))[0] >= min_group:
            _, old_mean, old_fav = before[theme]
            change, favourable_change = round(mean - old_mean, 2), round((fav - old_fav) * 100)
        return ThemeScore(
            theme, label, n, round(mean, 2), round(fav * 100), change, favourable_change
        )

    return Summary(
        period,
        group,
        submissions,
        shown,
        tuple(figures(theme, label) for theme, label in THEMES.items()),
        tuple(figures(theme, label) for theme, label in ANCHORS.items()),
    )
