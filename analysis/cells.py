"""Cells: the one release rule behind every figure (docs/design.md, "Anonymity", rule 4).

A cell is (wave, team, theme) with its number of distinct respondents. A cell of at least k
people stands on its own; the wave's smaller cells are pooled into one "other teams" cell, which
stands if it reaches k and is otherwise left out of every figure, totals included. Every figure
is then a sum of standing cells, which are disjoint groups of at least k people, so neither a
figure nor the difference of any two figures can single anyone out.

Only released answers exist in the anonymous tables (surveys/ballot.py), and they are released
whole waves at a time after the wave closes, so cells never change while a wave is open.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Float, case, cast, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from surveys.bank import QuestionBank
from surveys.models import Answer, Submission, SubmissionKind, WaveTally

RESPONDENTS = ""  # the theme of a cell counting people who answered the wave at all
OTHER_TEAMS = None  # the team of a wave's pooled cell


@dataclass(frozen=True)
class Cell:
    """A standing cell: at least k distinct people."""

    wave_id: int
    period: str  # the wave's week, e.g. 2026-W48
    team_id: int | None  # None: the wave's pooled "other teams"
    theme: str
    people: int
    answers: int = 0
    total: float = 0.0  # sum of scores, reverse-worded items turned round
    favourable: int = 0  # answers scoring 4 or 5


@dataclass
class _Raw:
    people: int = 0
    answers: int = 0
    total: float = 0.0
    favourable: int = 0

    def add(self, other: _Raw) -> None:
        self.people += other.people
        self.answers += other.answers
        self.total += other.total
        self.favourable += other.favourable


RawKey = tuple[int, str, int | None, str]  # wave, period, team, theme


def standing(raw: dict[RawKey, _Raw], minimum: int) -> list[Cell]:
    """The cells that may be used: each of at least `minimum` people, pooled as the rule says."""
    pools: dict[tuple[int, str, str], _Raw] = defaultdict(_Raw)
    cells = []
    for (wave_id, period, team_id, theme), figures in raw.items():
        if team_id is not OTHER_TEAMS and figures.people >= minimum:
            cells.append(Cell(wave_id, period, team_id, theme, **vars(figures)))
        else:
            pools[(wave_id, period, theme)].add(figures)
    for (wave_id, period, theme), figures in pools.items():
        if figures.people >= minimum:
            cells.append(Cell(wave_id, period, OTHER_TEAMS, theme, **vars(figures)))
    return cells


def _span(first: str, last: str) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    return col(Submission.period) >= first, col(Submission.period) <= last


def score_cells(
    session: Session, *, first: str, last: str, bank: QuestionBank, minimum: int
) -> list[Cell]:
    """Standing (wave, team, theme) cells of scores for waves whose week is in first..last."""
    reverse = [item.key for item in (*bank.anchors, *bank.items) if item.reverse]
    score = (
        case((col(Answer.item_key).in_(reverse), 6 - col(Answer.value)), else_=col(Answer.value))
        if reverse
        else col(Answer.value)
    )
    query = (
        sa_select(  # more columns than sqlmodel's typed select takes
            col(Submission.wave_id),
            col(Submission.period),
            col(Submission.team_id),
            col(Answer.theme),
            func.count(func.distinct(Answer.submission_id)),
            func.count(),
            func.sum(cast(score, Float)),
            func.sum(case((score >= 4, 1), else_=0)),
        )
        .join(Submission, col(Submission.id) == col(Answer.submission_id))
        .where(*_span(first, last), col(Submission.wave_id).is_not(None))
        .group_by(
            col(Submission.wave_id),
            col(Submission.period),
            col(Submission.team_id),
            col(Answer.theme),
        )
    )
    raw = {
        (int(wave), str(period), team, str(theme)): _Raw(
            int(people), int(answers), float(total), int(fav)
        )
        for wave, period, team, theme, people, answers, total, fav in session.execute(query)
    }
    return standing(raw, minimum)


def respondent_cells(session: Session, *, first: str, last: str, minimum: int) -> list[Cell]:
    """Standing (wave, team) cells of people who answered a pulse at all."""
    query = (
        select(Submission.wave_id, Submission.period, Submission.team_id, func.count())
        .where(
            *_span(first, last),
            Submission.kind == SubmissionKind.PULSE,
            col(Submission.wave_id).is_not(None),
        )
        .group_by(col(Submission.wave_id), col(Submission.period), col(Submission.team_id))
    )
    raw = {
        (int(wave or 0), str(period), team, RESPONDENTS): _Raw(int(people))
        for wave, period, team, people in session.exec(query)
    }
    return standing(raw, minimum)


def participation_cells(session: Session, *, wave_id: int, minimum: int) -> list[Cell]:
    """Standing (team) cells of how many answered a closed wave, from its tallies."""
    raw = {
        (wave_id, "", tally.team_id, RESPONDENTS): _Raw(tally.answered)
        for tally in session.exec(select(WaveTally).where(WaveTally.wave_id == wave_id))
    }
    return standing(raw, minimum)


@dataclass(frozen=True)
class Sum:
    """A figure: the sum of some standing cells."""

    people: int = 0
    answers: int = 0
    total: float = 0.0
    favourable: int = 0

    @property
    def mean(self) -> float | None:
        """Mean score, 1–5; None when no cell stands."""
        return self.total / self.answers if self.answers else None

    @property
    def favourable_share(self) -> float | None:
        """Share of answers scoring 4 or 5."""
        return self.favourable / self.answers if self.answers else None


def add_up(cells: Iterable[Cell]) -> Sum:
    """The figure made of these cells."""
    people = answers = favourable = 0
    total = 0.0
    for cell in cells:
        people += cell.people
        answers += cell.answers
        total += cell.total
        favourable += cell.favourable
    return Sum(people, answers, total, favourable)


def select_cells(
    cells: Sequence[Cell],
    *,
    theme: str | None = None,
    team_id: int | None = None,
    whole_service: bool = True,
    first: str | None = None,
    last: str | None = None,
) -> list[Cell]:
    """The cells of one theme, one team (or the whole service), and a span of weeks."""
    return [
        c
        for c in cells
        if (theme is None or c.theme == theme)
        and (whole_service or c.team_id == team_id)
        and (first is None or c.period >= first)
        and (last is None or c.period <= last)
    ]
