"""Stay and exit interviews, counted in SQL under DESIGN.md rule 4.

Interviews are few (a service holds some a month), so they are read over twelve months, and
nothing from them is used unless there are at least `min_group` of that kind in the period.
Exit reasons by quarter hide quarters with fewer leavers than that, and enough others that the
hidden ones cannot be worked out from the year's total.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, func, select

from analysis.comments import analyse
from analysis.suppression import suppressed
from surveys.interviews import QUESTIONS
from surveys.models import Interview, InterviewTheme, Release
from surveys.themes import THEMES


def month_span(today: date, months: int) -> tuple[str, str]:
    """The first and last month (YYYY-MM) of the `months` months ending with today's."""
    index = today.year * 12 + today.month - 1 - (months - 1)
    return f"{index // 12}-{index % 12 + 1:02d}", f"{today.year}-{today.month:02d}"


@dataclass(frozen=True)
class InterviewCounts:
    """One kind of interview in a span of months: how many, and what they said per theme."""

    kind: str
    total: int
    shown: bool  # at least the minimum group: the counts below may be used
    positive: Counter[str] = field(default_factory=Counter)  # themes coded as a reason to stay
    negative: Counter[str] = field(default_factory=Counter)  # coded as a reason to leave
    reasons: Counter[str] = field(default_factory=Counter)  # exit: reasons ticked
    main: Counter[str] = field(default_factory=Counter)  # exit: the main reason
    destinations: Counter[str] = field(default_factory=Counter)  # exit: where they went


def interview_counts(
    session: Session, *, kind: str, months: tuple[str, str], min_group: int
) -> InterviewCounts:
    """Counts for `kind` ("stay" or "exit") interviews filed in `months` (first, last)."""
    first, last = months
    where = (
        Interview.kind == kind,
        col(Interview.period) >= first,
        col(Interview.period) <= last,
    )
    total = int(session.exec(select(func.count()).select_from(Interview).where(*where)).one())
    if total < min_group:
        return InterviewCounts(kind, total, False)
    found = InterviewCounts(kind, total, True)
    rows = session.exec(
        select(InterviewTheme.source, InterviewTheme.theme, InterviewTheme.direction, func.count())
        .join(Interview, col(Interview.id) == col(InterviewTheme.interview_id))
        .where(*where)
        .group_by(
            col(InterviewTheme.source), col(InterviewTheme.theme), col(InterviewTheme.direction)
        )
    )
    for source, theme, direction, count in rows:
        if theme not in THEMES:
            continue
        if source == "reason":
            found.reasons[theme] += int(count)
        elif direction == "pos":
            found.positive[theme] += int(count)
        else:
            found.negative[theme] += int(count)
    if kind == "exit":
        for column, counter in (
            (Interview.main_reason, found.main),
            (Interview.destination, found.destinations),
        ):
            for value, count in session.exec(
                select(column, func.count())
                .where(*where, col(column).is_not(None))
                .group_by(col(column))
            ):
                counter[str(value)] += int(count)
    return found


@dataclass(frozen=True)
class QuarterReasons:
    """Exit reasons in one quarter, or `hidden` when too few left to show them."""

    quarter: str  # e.g. 2026 Q3
    leavers: int | None
    reasons: tuple[tuple[str, int], ...] = ()

    @property
    def hidden(self) -> bool:
        """True when this quarter's figures are suppressed."""
        return self.leavers is None


def _quarter(month: str) -> str:
    year, number = month.split("-")
    return f"{year} Q{(int(number) - 1) // 3 + 1}"


def exit_reasons_by_quarter(
    session: Session, *, today: date, min_group: int, quarters: int = 4
) -> tuple[QuarterReasons, ...]:
    """Reasons for leaving per quarter, the last `quarters` quarters (this one included)."""
    start_month = ((today.month - 1) // 3) * 3 + 1
    first, _ = month_span(date(today.year, start_month, 1), 3 * (quarters - 1) + 1)
    last = f"{today.year}-{today.month:02d}"
    where = (
        Interview.kind == "exit",
        col(Interview.period) >= first,
        col(Interview.period) <= last,
    )
    leavers: Counter[str] = Counter()
    for period, count in session.exec(
        select(Interview.period, func.count()).where(*where).group_by(col(Interview.period))
    ):
        leavers[_quarter(period)] += int(count)
    reasons: dict[str, Counter[str]] = {}
    for period, theme, count in session.exec(
        select(Interview.period, InterviewTheme.theme, func.count())
        .join(Interview, col(Interview.id) == col(InterviewTheme.interview_id))
        .where(*where, InterviewTheme.source == "reason")
        .group_by(col(Interview.period), col(InterviewTheme.theme))
    ):
        reasons.setdefault(_quarter(period), Counter())[theme] += int(count)
    labels = []
    year, q = today.year, (today.month - 1) // 3 + 1
    for _ in range(quarters):
        labels.append(f"{year} Q{q}")
        year, q = (year, q - 1) if q > 1 else (year - 1, 4)
    labels.reverse()
    # A quarter nobody left in reveals no one; only quarters with leavers are weighed.
    hidden = suppressed({label: leavers[label] for label in labels if leavers[label]}, min_group)
    return tuple(
        QuarterReasons(label, None)
        if label in hidden
        else QuarterReasons(
            label, leavers[label], tuple(reasons.get(label, Counter()).most_common())
        )
        for label in labels
    )


@dataclass(frozen=True)
class QuestionAnswers:
    """One interview question and the redacted answers given to it, each with the month of its
    batch only, in random order."""

    question: str
    answers: tuple[tuple[str, str], ...]  # (text, month)


NOTES = "Notes of interviews the PSW team held"


def readable_answers(
    session: Session, *, kind: str, theme: str | None, min_group: int, limit: int = 10
) -> list[QuestionAnswers]:
    """Redacted answers of `kind` ("stay" or "exit") interviews from released batches of at least
    `min_group` people, grouped by question, each question's answers shuffled on their own (so
    one person's answers cannot be lined up across questions by position), with the batch's
    month and nothing finer. With `theme`, only answers about it: read by the comment analyser
    in the question's context, or for a PSW's notes the themes they confirmed."""
    rows = session.exec(
        select(Interview.answers, Interview.themes, Interview.period)
        .join(Release, col(Release.id) == col(Interview.release_id))
        .where(Interview.kind == kind, Release.people >= min_group)
    ).all()
    grouped: dict[str, list[tuple[str, str]]] = {}
    for answers, themes, month in rows:
        for key, text in dict(answers or {}).items():
            if not isinstance(text, str) or not text.strip():
                continue
            question = QUESTIONS.get(key, NOTES if key == "notes" else None)
            if question is None:
                continue
            if theme is not None:
                about = dict(themes or {}) if key == "notes" else analyse(text, question).themes
                if theme not in about:
                    continue
            grouped.setdefault(question, []).append((text, month))
    order = [q for q in (*QUESTIONS.values(), NOTES) if q in grouped]
    found = []
    for question in order:
        answers_list = grouped[question]
        random.SystemRandom().shuffle(answers_list)
        found.append(QuestionAnswers(question, tuple(answers_list[:limit])))
    return found
