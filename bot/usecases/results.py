"""Reading results (PSW team): each read is checked and audited in the unit of work that reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from analysis.charts import TrendPoint, theme_trend
from analysis.comments_view import ShownComment, readable_comments
from analysis.drivers import CommentCounts, DriversReport, comment_counts, drivers_report
from analysis.summary import Group, Period, PeriodError, Summary, parse_period, summarise
from bot.digest import DigestContent, build_digest, participation_text
from bot.settings import Settings
from bot.usecases.access import authorise
from surveys.bank import QuestionBank
from surveys.themes import ANCHORS, THEMES

COMMENT_WEEKS = "12w"  # comments and their counts: a quarter, so small teams' comments add up
TREND_WEEKS = "12w"


class UsageError(ValueError):
    """The arguments do not say what to show; adapters answer with the command's usage."""


def period_and_team(
    args: Sequence[str], today: date, *, default: str
) -> tuple[str, Period, str | None]:
    """Read "[period] [team]" in either order: what parses as a period is one, else a team."""
    period_text, team = default, None
    for arg in args[:2]:
        try:
            parse_period(arg, today)
            period_text = arg
        except PeriodError:
            team = arg
    return period_text, parse_period(period_text, today), team


@dataclass(frozen=True)
class SummaryView:
    """What /summary shows: the summary, for which period and group, and how it was read."""

    summary: Summary
    period: Period
    period_text: str
    team: str | None
    widened: bool  # a from..to period was widened to whole weeks


def summary(
    session: Session,
    *,
    actor: int,
    args: Sequence[str],
    today: date,
    bank: QuestionBank,
    min_group: int,
) -> SummaryView:
    """/summary [period] [team]."""
    authorise(session, actor=actor, action="summary", detail=" ".join(args))
    period_text, period, team = period_and_team(args, today, default="4w")
    found = summarise(
        session, period=period, group=Group(team_key=team), bank=bank, min_group=min_group
    )
    widened = ".." in period_text and period.whole_weeks() != period
    return SummaryView(found, period, period_text, team, widened)


def comments(
    session: Session, *, actor: int, args: Sequence[str], today: date, min_group: int
) -> tuple[str, list[ShownComment]]:
    """/comments <theme> [pos|neg]: the theme and the comments that may be shown."""
    authorise(session, actor=actor, action="comments", detail=" ".join(args))
    if not args or args[0] not in THEMES or (len(args) > 1 and args[1] not in ("pos", "neg")):
        raise UsageError("comments")
    found = readable_comments(
        session,
        period=parse_period(COMMENT_WEEKS, today),
        theme=args[0],
        direction=args[1] if len(args) > 1 else None,
        min_group=min_group,
    )
    return args[0], found


def themes(
    session: Session, *, actor: int, today: date, min_group: int
) -> tuple[CommentCounts, ...] | None:
    """/themes: positive and negative comments per theme (None while too few to count)."""
    authorise(session, actor=actor, action="themes")
    return comment_counts(
        session, period=parse_period(COMMENT_WEEKS, today), group=Group(), min_group=min_group
    )


def drivers(
    session: Session,
    *,
    actor: int,
    today: date,
    bank: QuestionBank,
    min_group: int,
    min_comment_group: int,
) -> DriversReport:
    """/drivers: why people stay beside why they leave."""
    authorise(session, actor=actor, action="drivers")
    return drivers_report(
        session, today=today, bank=bank, min_group=min_group, min_comment_group=min_comment_group
    )


def participation(session: Session, *, actor: int, settings: Settings) -> str:
    """/participation: the latest wave by team, small teams hidden."""
    authorise(session, actor=actor, action="participation")
    return participation_text(session, settings=settings)


@dataclass(frozen=True)
class TrendView:
    """What /trend draws: the theme's points, or nothing while the group is too small."""

    theme: str
    team: str | None
    points: tuple[TrendPoint, ...] | None  # None: the group's summary is hidden


def trend(
    session: Session,
    *,
    actor: int,
    args: Sequence[str],
    today: date,
    bank: QuestionBank,
    min_group: int,
) -> TrendView:
    """/trend <theme> [team]: the theme's mean per wave over the last 12 weeks."""
    authorise(session, actor=actor, action="trend", detail=" ".join(args))
    if not args or args[0] not in {**THEMES, **ANCHORS} or len(args) > 2:
        raise UsageError("trend")
    theme, team = args[0], (args[1] if len(args) > 1 else None)
    period, group = parse_period(TREND_WEEKS, today), Group(team_key=team)
    if not summarise(session, period=period, group=group, bank=bank, min_group=min_group).shown:
        return TrendView(theme, team, None)
    points = theme_trend(
        session, period=period, group=group, theme=theme, bank=bank, min_group=min_group
    )
    return TrendView(theme, team, points)


def export(
    session: Session,
    *,
    actor: int,
    args: Sequence[str],
    today: date,
    bank: QuestionBank,
    min_group: int,
) -> tuple[str, SummaryView]:
    """/export [csv|xlsx] [period] [team]: the file kind and the summary to write."""
    authorise(session, actor=actor, action="export", detail=" ".join(args))
    kind = args[0] if args and args[0] in ("csv", "xlsx") else "csv"
    rest = args[1:] if args and args[0] in ("csv", "xlsx") else args
    period_text, period, team = period_and_team(rest, today, default="12w")
    found = summarise(
        session, period=period, group=Group(team_key=team), bank=bank, min_group=min_group
    )
    return kind, SummaryView(found, period, period_text, team, widened=False)


def digest(
    session: Session, *, actor: int, week: str, settings: Settings, bank: QuestionBank, today: date
) -> DigestContent:
    """/digest: this week's digest now, for the person who asked."""
    authorise(session, actor=actor, action="digest")
    return build_digest(session, period=week, settings=settings, bank=bank, today=today)
