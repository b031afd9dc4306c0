"""Reading results (PSW team): each read is checked and audited in the unit of work that reads."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from analysis.charts import TrendPoint, theme_trend
from analysis.comments_view import ShownComment, held_back, readable_comments
from analysis.drivers import CommentCounts, DriversReport, comment_counts, drivers_report
from analysis.interviews import QuestionAnswers, readable_answers
from analysis.summary import Group, Period, PeriodError, Summary, parse_period, summarise
from bot.digest import DigestContent, build_digest, participation_text
from bot.settings import Settings
from bot.usecases.access import authorise
from bot.usecases.errors import UsageError
from surveys.bank import QuestionBank
from surveys.models import Team
from surveys.themes import ANCHORS, THEMES

OTHER = "other"  # /comments other: comments with no recognised theme

COMMENT_WEEKS = "12w"  # comments and their counts: a quarter, so small teams' comments add up
TREND_WEEKS = "12w"

__all__ = ["UsageError"]  # raised by every reader here, defined once for all use cases


def _plain(text: str) -> str:
    """A name as typed, for matching: case, underscores, hyphens and spacing do not matter."""
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


def _closest(text: str, names: dict[str, str]) -> str | None:
    """The one name `text` is a near miss of, if any (difflib)."""
    found = difflib.get_close_matches(_plain(text), list(names), n=1, cutoff=0.75)
    return names[found[0]] if found else None


def _looks_like_period(text: str) -> bool:
    return ".." in text or bool(re.fullmatch(r"\d+\s*[a-z]*", text.strip().lower()))


def find_team(session: Session, words: Sequence[str], *, command: str) -> tuple[str, str]:
    """(key, name) of the team written as its key or its name, in any case; a near miss or an
    unknown name is a UsageError saying so (with "did you mean" when one is close)."""
    text = " ".join(words)
    names: dict[str, str] = {}
    by_key: dict[str, Team] = {}
    for team in session.exec(select(Team)):
        names[_plain(team.key)] = names[_plain(team.name)] = team.key
        by_key[team.key] = team
    key = names.get(_plain(text))
    if key is not None:
        return key, by_key[key].name
    near = _closest(text, names)
    if near is not None:
        raise UsageError(command, f"No team {text!r}. Did you mean {by_key[near].name}?")
    raise UsageError(
        command,
        f"{text!r} is neither a period nor a team. Teams: "
        + ", ".join(sorted(t.name for t in by_key.values())),
    )


def find_theme(
    words: Sequence[str], *, anchors: bool, command: str = "trend", other: bool = False
) -> str:
    """The theme written as its key or as shown on screen ("Work-life balance"), in any case;
    with `other`, also "other" (comments with no recognised theme)."""
    labels = {**THEMES, **ANCHORS} if anchors else dict(THEMES)
    names = {_plain(key): key for key in labels} | {_plain(v): k for k, v in labels.items()}
    if other:
        names[OTHER] = OTHER
    text = " ".join(words)
    key = names.get(_plain(text))
    if key is not None:
        return key
    near = _closest(text, names)
    if near is not None:
        raise UsageError(command, f"No theme {text!r}. Did you mean {labels.get(near, near)}?")
    raise UsageError(command, f"No theme {text!r}.")


def _split_theme(
    words: Sequence[str], *, anchors: bool, command: str, other: bool = False
) -> tuple[str, list[str]]:
    """The theme at the start of `words` (the longest that names one) and what follows."""
    if not words:
        raise UsageError(command)
    for end in range(len(words), 0, -1):
        try:
            return find_theme(words[:end], anchors=anchors, command=command, other=other), list(
                words[end:]
            )
        except UsageError:
            continue
    # Nothing names a theme: say so about the first word (or all of them, for a near miss).
    try:
        find_theme(words, anchors=anchors, command=command, other=other)
    except UsageError as whole:
        if "Did you mean" in whole.problem:
            raise
    find_theme(words[:1], anchors=anchors, command=command, other=other)
    raise AssertionError("unreachable")  # pragma: no cover


def period_and_team(
    session: Session, args: Sequence[str], today: date, *, default: str, command: str
) -> tuple[str, Period, tuple[str, str] | None]:
    """Read "[period] [team name or key]", the period first or last. Whatever is not the
    period must name a team; an invalid period or an unknown team is a UsageError."""
    words = list(args)
    period_text = default
    for at in (0, -1):
        if words:
            try:
                parse_period(words[at], today)
            except PeriodError:
                continue
            period_text = words.pop(at).lower()
            break
    if len(words) == 1 and _looks_like_period(words[0]):
        try:
            parse_period(words[0], today)
        except PeriodError as error:
            raise UsageError(command, str(error)) from None
    team = find_team(session, words, command=command) if words else None
    return period_text, parse_period(period_text, today), team


@dataclass(frozen=True)
class SummaryView:
    """What /summary shows: the summary, for which period and group, and how it was read."""

    summary: Summary
    period: Period
    period_text: str
    team: str | None
    widened: bool  # a from..to period was widened to whole weeks
    team_name: str | None = None  # the team as people know it


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
    period_text, period, team = period_and_team(
        session, args, today, default="4w", command="summary"
    )
    key, name = team if team else (None, None)
    found = summarise(
        session, period=period, group=Group(team_key=key), bank=bank, min_group=min_group
    )
    widened = ".." in period_text and period.whole_weeks() != period
    return SummaryView(found, period, period_text, key, widened, name)


def comments(
    session: Session,
    *,
    actor: int,
    args: Sequence[str],
    today: date,
    min_group: int,
    cell_minimum: int | None = None,
) -> tuple[str, list[ShownComment], int]:
    """/comments <theme> [pos|neg]: the theme, the comments that may be shown, and how many
    comments (every theme, whole service) are held back, 0 when no number may be given."""
    authorise(session, actor=actor, action="comments", detail=" ".join(args))
    words, direction = list(args), None
    if words and words[-1].lower() in ("pos", "neg"):
        direction = words.pop().lower()
    theme, rest = _split_theme(words, anchors=False, command="comments", other=True)
    if rest:
        raise UsageError("comments", f"{' '.join(rest)!r} is not pos or neg.")
    period = parse_period(COMMENT_WEEKS, today)
    found = readable_comments(
        session,
        period=period,
        theme=theme,
        direction=direction,
        min_group=min_group,
        cell_minimum=cell_minimum,
    )
    # Service-wide and on every theme: never a count that could point at one small group.
    hidden = held_back(session, period=period, min_group=min_group, cell_minimum=cell_minimum)
    return theme, found, hidden


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


@dataclass(frozen=True)
class InterviewsView:
    """What /interviews shows: answers of one kind grouped by question (analysis.interviews)."""

    kind: str
    theme: str | None
    questions: list[QuestionAnswers]


def interviews(
    session: Session, *, actor: int, args: Sequence[str], min_group: int
) -> InterviewsView:
    """/interviews stay|exit [theme]: redacted answers of released batches of at least
    `min_group` people, grouped by question, in random order, with their batch's month only."""
    authorise(session, actor=actor, action="interviews", detail=" ".join(args))
    if not args or args[0].lower() not in ("stay", "exit"):
        raise UsageError("interviews", f"{args[0]!r} is not stay or exit." if args else "")
    kind = args[0].lower()
    theme = find_theme(args[1:], anchors=False, command="interviews") if args[1:] else None
    found = readable_answers(session, kind=kind, theme=theme, min_group=min_group)
    return InterviewsView(kind, theme, found)


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
    theme, rest = _split_theme(args, anchors=True, command="trend")
    team = find_team(session, rest, command="trend")[0] if rest else None
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
    chosen = args[0].lower() if args and args[0].lower() in ("csv", "xlsx") else None
    kind = chosen or "csv"
    rest = args[1:] if chosen else args
    period_text, period, team = period_and_team(
        session, rest, today, default="12w", command="export"
    )
    key, name = team if team else (None, None)
    found = summarise(
        session, period=period, group=Group(team_key=key), bank=bank, min_group=min_group
    )
    return kind, SummaryView(found, period, period_text, key, False, name)


def digest(
    session: Session, *, actor: int, week: str, settings: Settings, bank: QuestionBank, today: date
) -> DigestContent:
    """/digest: this week's digest now, for the person who asked."""
    authorise(session, actor=actor, action="digest")
    return build_digest(session, period=week, settings=settings, bank=bank, today=today)
