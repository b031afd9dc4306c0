"""Charts for a phone and a slide: PNG, large type, a colour-blind-safe palette, and suppressed
groups drawn as "not enough responses", never as a bar or a point."""

from __future__ import annotations

import io
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # headless: no display on a server
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from sqlalchemy import Float, case, cast, func
from sqlmodel import Session, col, select

from analysis.summary import Group, Period, Summary, group_filters
from surveys.bank import QuestionBank
from surveys.models import Answer, Submission

# Okabe–Ito: distinguishable with every common colour-vision deficiency.
BLUE, ORANGE, GREEN, GREY = "#0072B2", "#E69F00", "#009E73", "#999999"
BAND_COLOURS = {"low": ORANGE, "moderate": BLUE, "high": GREEN}


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def theme_scores_chart(summary: Summary, minimum: int) -> bytes:
    """Horizontal bars of each theme's health-check score, coloured by band, with its change."""
    scores = [*summary.anchors, *summary.themes]
    figure, axes = plt.subplots(figsize=(7, 0.42 * len(scores) + 1.2))
    for row, score in enumerate(reversed(scores)):
        if score.suppressed:
            axes.text(
                1,
                row,
                f"not enough responses (fewer than {minimum})",
                va="center",
                color=GREY,
                fontsize=9,
            )
            continue
        assert score.health is not None
        assert score.band is not None
        axes.barh(row, score.health, color=BAND_COLOURS[score.band])
        change = (
            ""
            if score.change is None or round(score.change, 1) == 0
            else (f"  {score.change:+.1f}")
        )
        axes.text(score.health + 1, row, f"{score.health}{change}", va="center", fontsize=9)
    axes.set_yticks(range(len(scores)), [s.label for s in reversed(scores)], fontsize=9)
    axes.set_xlim(0, 110)
    for line in (50, 75):
        axes.axvline(line, color=GREY, linewidth=0.8, linestyle=":")
    axes.set_xlabel("Health-check score (0–100): low ≤ 50, moderate 51–74, high ≥ 75")
    axes.set_title(f"Theme scores · {summary.period.label()}", fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


@dataclass(frozen=True)
class TrendPoint:
    """A week's mean for a theme, or None where too few answered."""

    week: str
    n: int
    mean: float | None


def theme_trend(
    *,
    session: Session,
    period: Period,
    group: Group,
    theme: str,
    bank: QuestionBank,
    min_group: int,
) -> tuple[TrendPoint, ...]:
    """Weekly means of a theme, aggregated in SQL; small weeks are suppressed."""
    first, last = period.weeks
    reverse = [item.key for item in (*bank.anchors, *bank.items) if item.reverse]
    score = (
        case((col(Answer.item_key).in_(reverse), 6 - col(Answer.value)), else_=col(Answer.value))
        if reverse
        else col(Answer.value)
    )
    rows = session.exec(
        select(
            Submission.period,
            func.count(func.distinct(Answer.submission_id)),
            func.avg(cast(score, Float)),
        )
        .join(Submission, col(Submission.id) == col(Answer.submission_id))
        .where(
            Answer.theme == theme,
            col(Submission.period) >= first,
            col(Submission.period) <= last,
            *group_filters(session, group),
        )
        .group_by(col(Submission.period))
        .order_by(col(Submission.period))
    ).all()
    return tuple(
        TrendPoint(week, int(n), round(float(mean), 2) if n >= min_group else None)
        for week, n, mean in rows
    )


def trend_chart(points: tuple[TrendPoint, ...], label: str, minimum: int) -> bytes:
    """A theme's weekly mean over time; suppressed weeks marked, never plotted."""
    figure, axes = plt.subplots(figsize=(7, 3.6))
    xs = list(range(len(points)))
    # NaN breaks the line, so hidden weeks are gaps, never joined across as if known.
    means = [float("nan") if p.mean is None else p.mean for p in points]
    axes.plot(xs, means, marker="o", color=BLUE, label="mean score")
    hidden = [x for x, p in zip(xs, points, strict=True) if p.mean is None]
    if hidden:
        axes.plot(
            hidden,
            [1.15] * len(hidden),
            linestyle="none",
            marker="x",
            color=GREY,
            label=f"fewer than {minimum} responses: not shown",
        )
        axes.legend(loc="upper right", fontsize=8, frameon=False)
    axes.set_xticks(xs, [p.week for p in points], rotation=45, fontsize=8)
    axes.set_ylim(1, 5)
    axes.set_ylabel("Mean score (1–5)")
    axes.set_title(f"{label}, mean score by week", fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)
