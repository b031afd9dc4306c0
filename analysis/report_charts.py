"""Charts for breakdowns and the committee report: each carries its title, group and period inside
the image, labels weeks by date ("w/c 14 Sep"), and shows hidden figures as labelled gaps, never
as a mark on the axis. Okabe–Ito colours (colour-blind safe), headless matplotlib."""

from __future__ import annotations

import io
import math

import matplotlib

matplotlib.use("Agg")  # headless: no display on a server
import matplotlib.pyplot as plt
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from analysis.breakdowns import Table, WaveParticipation

BLUE, ORANGE, GREEN, GREY, LIGHT = "#0072B2", "#E69F00", "#009E73", "#999999", "#EEEEEE"
SERIES = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
# Low (orange) to high (blue), through white: no red/green pair.
HEAT = LinearSegmentedColormap.from_list("staypulse", ["#E69F00", "#FFFFFF", "#0072B2"])


def png(figure: Figure, dpi: int = 150) -> bytes:
    """The figure as PNG bytes (and closed)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def _title(figure: Figure, title: str, group: str, period: str) -> None:
    figure.suptitle(f"{title}\n{group} · {period}", fontsize=11, x=0.02, ha="left")


def heatmap_figure(table: Table, minimum: int, group: str = "All teams") -> Figure:
    """Rows × themes coloured by health-check score (0–100); hidden entries hatched and labelled."""
    rows, columns = len(table.row_labels), len(table.column_labels)
    figure, axes = plt.subplots(figsize=(max(7.0, 0.75 * columns + 2.5), 0.5 * rows + 2.6))
    _title(figure, table.title, group, table.period)
    if rows == 0:
        axes.text(0.5, 0.5, f"Nothing to show: no group of {minimum} or more", ha="center")
        axes.set_axis_off()
        return figure
    for r, entries in enumerate(table.entries):
        for c, entry in enumerate(entries):
            if entry.health is None:
                axes.add_patch(
                    matplotlib.patches.Rectangle(
                        (c - 0.5, r - 0.5), 1, 1, facecolor=LIGHT, hatch="///", edgecolor="white"
                    )
                )
                axes.text(c, r, "hidden", ha="center", va="center", fontsize=7, color="#555555")
                continue
            colour = HEAT(entry.health / 100)
            axes.add_patch(matplotlib.patches.Rectangle((c - 0.5, r - 0.5), 1, 1, color=colour))
            axes.text(c, r, f"{entry.health}", ha="center", va="center", fontsize=8)
    axes.set_xlim(-0.5, columns - 0.5)
    axes.set_ylim(rows - 0.5, -0.5)
    axes.set_xticks(range(columns), table.column_labels, rotation=40, ha="right", fontsize=8)
    axes.set_yticks(range(rows), table.row_labels, fontsize=8)
    axes.tick_params(length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    figure.text(
        0.02,
        -0.02,
        f"Health-check score 0–100 (low ≤ 50, moderate 51–74, high ≥ 75). 'hidden': fewer than "
        f"{minimum} people, never shown.",
        fontsize=7,
        color="#555555",
    )
    return figure


def heatmap(table: Table, minimum: int, group: str = "All teams") -> bytes:
    """The heat-map as PNG."""
    return png(heatmap_figure(table, minimum, group))


def over_time_figure(table: Table, minimum: int) -> Figure:
    """One line per team across waves (mean 1–5); hidden waves are gaps named under the axis."""
    figure, axes = plt.subplots(figsize=(8, 4.2))
    _title(figure, table.title, "Each team", table.period)
    xs = list(range(len(table.column_labels)))
    for index, (label, entries) in enumerate(zip(table.row_labels, table.entries, strict=True)):
        means = [math.nan if e.mean is None else e.mean for e in entries]
        colour = SERIES[index % len(SERIES)]
        if all(e.mean is None for e in entries):
            label = f"{label}: hidden every week (fewer than {minimum})"
        axes.plot(xs, means, marker="o", color=colour, label=label)
    hidden = [
        x for x in xs if any(entries[x].mean is None for entries in table.entries) and table.entries
    ]
    if hidden:
        for x in hidden:
            axes.axvspan(x - 0.3, x + 0.3, color=LIGHT, zorder=0)
        axes.text(
            0.0,
            -0.32,
            f"Shaded weeks: at least one team hidden (fewer than {minimum} people); a hidden "
            "point is a gap in its line.",
            transform=axes.transAxes,
            fontsize=7,
            color="#555555",
        )
    axes.set_xticks(xs, table.column_labels, rotation=30, fontsize=8)
    axes.set_ylim(1, 5)
    axes.set_ylabel("Mean score (1–5, higher is better)")
    if table.row_labels:
        axes.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    axes.spines[["top", "right"]].set_visible(False)
    return figure


def participation_figure(waves: tuple[WaveParticipation, ...], minimum: int) -> Figure:
    """Bars of people answering each wave, with the share of those invited written on each."""
    figure, axes = plt.subplots(figsize=(8, 3.8))
    period = f"{waves[0].label} – {waves[-1].label}" if waves else "no closed pulse"
    _title(figure, "Participation per pulse", "Whole service", period)
    xs = list(range(len(waves)))
    for x, wave in zip(xs, waves, strict=True):
        if wave.answered == 0:
            axes.text(x, 0.5, "hidden", ha="center", fontsize=7, color="#555555", rotation=90)
            continue
        axes.bar(x, wave.answered, color=BLUE)
        rate = f"{wave.rate}%" if wave.rate is not None else ""
        axes.text(
            x, wave.answered, f"{wave.answered}\n{rate}", ha="center", va="bottom", fontsize=7
        )
    axes.set_xticks(xs, [w.label for w in waves], rotation=30, fontsize=8)
    axes.set_ylabel("People who answered")
    axes.spines[["top", "right"]].set_visible(False)
    top = max([w.answered for w in waves] + [1])
    axes.set_ylim(0, top * 1.3)
    figure.text(
        0.02,
        -0.04,
        f"Counts from teams of {minimum}+ answering (smaller teams pooled or left out).",
        fontsize=7,
        color="#555555",
    )
    return figure
