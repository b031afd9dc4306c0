"""Breakdowns, comparisons and the committee report (PSW team): each read is checked and audited
in the unit of work that reads, like bot/usecases/results.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from analysis.breakdowns import (
    ALL_THEMES,
    By,
    Table,
    WaveParticipation,
    breakdown,
    participation_over_time,
    team_theme_table,
    teams_over_time,
)
from analysis.report import Report, build_report, parse_quarter
from analysis.summary import Period, PeriodError, parse_period
from bot.usecases.access import authorise, authorise_or_shell
from bot.usecases.actions import action_lines
from bot.usecases.errors import UsageError
from surveys.actions import find_theme
from surveys.bank import QuestionBank
from surveys.models import Organisation

DEFAULT_PERIOD = "12w"


def _period(text: str | None, today: date, *, command: str) -> tuple[str, Period]:
    chosen = text or DEFAULT_PERIOD
    try:
        return chosen, parse_period(chosen, today)
    except PeriodError:
        raise UsageError(command) from None


@dataclass(frozen=True)
class TableView:
    """A table to render, the period as typed, and the threshold that hid what is hidden."""

    table: Table
    period_text: str


def breakdown_view(
    session: Session,
    *,
    actor: int,
    args: Sequence[str],
    today: date,
    bank: QuestionBank,
    min_group: int,
) -> TableView:
    """/breakdown role|contract [period]: role group or contract × theme, whole service."""
    authorise(session, actor=actor, action="breakdown", detail=" ".join(args))
    if not args or args[0].lower() not in ("role", "contract") or len(args) > 2:
        raise UsageError("breakdown")
    by: By = "role" if args[0].lower() == "role" else "contract"
    text, period = _period(args[1] if len(args) > 1 else None, today, command="breakdown")
    table = breakdown(session, period=period, by=by, bank=bank, min_group=min_group)
    return TableView(table, text)


def compare_view(
    session: Session,
    *,
    actor: int,
    args: Sequence[str],
    today: date,
    bank: QuestionBank,
    min_group: int,
) -> TableView:
    """/compare [period]: team × theme, hidden cells marked."""
    authorise(session, actor=actor, action="compare", detail=" ".join(args))
    if len(args) > 1:
        raise UsageError("compare")
    text, period = _period(args[0] if args else None, today, command="compare")
    return TableView(team_theme_table(session, period=period, bank=bank, min_group=min_group), text)


@dataclass(frozen=True)
class OverTimeView:
    """A theme by team per pulse, and participation per pulse."""

    table: Table
    participation: tuple[WaveParticipation, ...]
    period_text: str


def over_time_view(
    session: Session,
    *,
    actor: int,
    args: Sequence[str],
    today: date,
    bank: QuestionBank,
    min_group: int,
) -> OverTimeView:
    """/overtime [theme] [period]: the theme (default intention to stay) by team per pulse, and
    participation per pulse."""
    authorise(session, actor=actor, action="overtime", detail=" ".join(args))
    theme, period_text = "intent_to_stay", None
    rest = list(args)
    if rest:
        try:
            parse_period(rest[-1], today)
            period_text = rest.pop()
        except PeriodError:
            pass
    if rest:
        found = find_theme(" ".join(rest))
        if found is None:
            raise UsageError("overtime")
        theme = found
    text, period = _period(period_text, today, command="overtime")
    table = teams_over_time(session, period=period, theme=theme, bank=bank, min_group=min_group)
    return OverTimeView(
        table, participation_over_time(session, period=period, min_group=min_group), text
    )


def report(
    session: Session,
    *,
    actor: int | None,
    args: Sequence[str],
    today: date,
    bank: QuestionBank,
    min_group: int,
    min_comment_group: int,
) -> Report:
    """/report [quarter] (and `staypulse report`): every view of the committee report for a
    quarter (default: this one)."""
    authorise_or_shell(session, actor=actor, action="report", detail=" ".join(args))
    if len(args) > 1:
        raise UsageError("report")
    quarter = args[0] if args else None
    try:
        name, period = parse_quarter(quarter, today)
    except ValueError:
        raise UsageError("report") from None
    organisation = session.exec(select(Organisation)).first()
    return build_report(
        session,
        quarter=name,
        period=period,
        today=today,
        organisation=organisation.name if organisation is not None else "StayPulse",
        bank=bank,
        min_group=min_group,
        min_comment_group=min_comment_group,
        actions=action_lines(session, today=today, bank=bank, min_group=min_group),
    )


__all__ = ["ALL_THEMES", "UsageError"]
