"""Charts for a phone and a slide: PNG, large type, a colour-blind-safe palette, and suppressed
groups drawn as "not enough responses", never as a bar or a point."""

from __future__ import annotations

import io
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # headless: no display on a server
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from sqlmodel import Session, col, select

from analysis.cells import add_up, score_cells, select_cells
from analysis.summary import Group, Period, Summary, team_id_of
from surveys.bank import QuestionBank
from surveys.models import Submission, SubmissionKind

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
    session: Session,
    *,
    period: Period,
    group: Group,
    theme: str,
    bank: QuestionBank,
    min_group: int,
) -> tuple[TrendPoint, ...]:
    """A theme's mean per released wave: each point a sum of standing cells (analysis/cells.py);
    a wave with none is a gap, with no count."""
    first, last = period.weeks
    team_id = team_id_of(session, group)
    cells = score_cells(session=session, first=first, last=last, bank=bank, minimum=min_group)
    weeks = sorted(
        set(
            session.exec(
                select(Submission.period).where(
                    col(Submission.period) >= first,
                    col(Submission.period) <= last,
                    Submission.kind == SubmissionKind.PULSE,
                )
            )
        )
    )
    points = []
    for week in weeks:
        whole = team_id is None
        mine = select_cells(
            cells, theme=theme, team_id=team_id, whole_service=whole, first=week, last=week
        )
        figure = add_up(mine)
        mean = figure.mean
        points.append(TrendPoint(week, figure.people, None if mean is None else round(mean, 2)))
    return tuple(points)


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
