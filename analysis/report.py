"""The committee report: one PDF (A4 pages drawn with matplotlib's PdfPages) and the same content
as an XLSX workbook with one sheet per view.

Every number comes from the functions the bot's commands use (analysis/summary.py,
analysis/breakdowns.py, analysis/drivers.py, analysis/comments_view.py), so the report obeys the
same release rules: sums of standing cells, hidden entries said to be hidden, comments only from
cells where they may be read. Nothing here reads a row the commands could not.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import matplotlib

matplotlib.use("Agg")
import matplotlib.image as mpimg
import matplotlib.pyplot as plt
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from openpyxl import Workbook
from openpyxl.styles import Font
from sqlmodel import Session

from analysis.breakdowns import (
    Table,
    WaveParticipation,
    breakdown,
    participation_over_time,
    team_theme_table,
    teams_over_time,
)
from analysis.comments_view import ShownComment, readable_comments
from analysis.drivers import drivers_report
from analysis.report_charts import (
    heatmap_figure,
    over_time_figure,
    participation_figure,
    png,
)
from analysis.summary import Group, Period, Summary, ThemeScore, summarise
from surveys.bank import QuestionBank
from surveys.themes import ANCHORS, THEMES

A4 = (8.27, 11.69)
COMMENTS_PER_THEME = 3
LINES_PER_PAGE = 52
WRAP = 100


class QuarterError(ValueError):
    """Not a quarter: the message shows the form."""


def parse_quarter(text: str | None, today: date) -> tuple[str, Period]:
    """'2026Q3' (or '2026-Q3', 'q3 2026') as its dates; None: the quarter `today` is in."""
    if text is None or not text.strip():
        year, quarter = today.year, (today.month - 1) // 3 + 1
    else:
        cleaned = text.strip().upper().replace("-", "").replace(" ", "")
        if cleaned.startswith("Q") and len(cleaned) == 6:
            cleaned = cleaned[2:] + cleaned[:2]
        if len(cleaned) != 6 or cleaned[4] != "Q" or not cleaned[:4].isdigit():
            raise QuarterError(f"{text!r} is not a quarter; write it like 2026Q3")
        year, quarter = int(cleaned[:4]), int(cleaned[5]) if cleaned[5].isdigit() else 0
        if not 1 <= quarter <= 4:
            raise QuarterError(f"{text!r} is not a quarter; write it like 2026Q3")
    start = date(year, 3 * (quarter - 1) + 1, 1)
    following = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
    return f"{year} Q{quarter}", Period(start, following - timedelta(days=1))


@dataclass(frozen=True)
class ActionLine:
    """An action with the theme's figures before it was recorded and since."""

    number: int
    text: str
    theme: str | None
    owner: str | None
    due: date | None
    status: str
    recorded: date
    before: ThemeScore | None
    after: ThemeScore | None


def theme_before_after(
    session: Session,
    *,
    theme: str | None,
    recorded: date,
    today: date,
    bank: QuestionBank,
    min_group: int,
) -> tuple[ThemeScore | None, ThemeScore | None]:
    """The theme's service-wide figures in the 12 weeks before `recorded`, and since."""
    if theme is None:
        return None, None
    before = Period(recorded - timedelta(weeks=12), recorded - timedelta(days=1))
    after = Period(recorded, max(today, recorded))

    def score(period: Period) -> ThemeScore | None:
        found = summarise(session, period=period, group=Group(), bank=bank, min_group=min_group)
        return next((s for s in (*found.themes, *found.anchors) if s.theme == theme), None)

    return score(before), score(after)


def describe(score: ThemeScore | None) -> str:
    """A theme's figure in one short phrase, or why there is none."""
    if score is None or score.suppressed:
        return "not enough responses"
    return f"{score.mean:.1f}/5, {score.favourable}% favourable (n={score.n})"


@dataclass(frozen=True)
class Report:
    """Everything the report shows, computed once, written as PDF and XLSX."""

    organisation: str
    quarter: str
    period: Period
    made: date
    min_group: int
    min_comment_group: int
    summary: Summary
    participation: tuple[WaveParticipation, ...]
    stay: tuple[tuple[str, float], ...]  # (theme label, evidence weight)
    leave: tuple[tuple[str, float], ...]
    teams: Table
    over_time: Table
    roles: Table
    contracts: Table
    comments: dict[str, list[ShownComment]] = field(default_factory=dict)
    actions: tuple[ActionLine, ...] = ()


def build_report(
    session: Session,
    *,
    quarter: str,
    period: Period,
    today: date,
    organisation: str,
    bank: QuestionBank,
    min_group: int,
    min_comment_group: int,
    actions: Sequence[ActionLine] = (),
) -> Report:
    """Compute every view of the report for `period` (a quarter)."""
    summary = summarise(session, period=period, group=Group(), bank=bank, min_group=min_group)
    drivers = drivers_report(
        session,
        today=min(today, period.end),
        bank=bank,
        min_group=min_group,
        min_comment_group=min_comment_group,
    )
    comments = {
        theme: readable_comments(
            session,
            period=period,
            theme=theme,
            direction=None,
            min_group=min_comment_group,
            limit=COMMENTS_PER_THEME,
        )
        for theme in THEMES
    }
    return Report(
        organisation,
        quarter,
        period,
        today,
        min_group,
        min_comment_group,
        summary,
        participation_over_time(session, period=period, min_group=min_group),
        tuple((d.label, d.weight) for d in drivers.stay),
        tuple((d.label, d.weight) for d in drivers.leave),
        team_theme_table(session, period=period, bank=bank, min_group=min_group),
        teams_over_time(
            session, period=period, theme="intent_to_stay", bank=bank, min_group=min_group
        ),
        breakdown(session, period=period, by="role", bank=bank, min_group=min_group),
        breakdown(session, period=period, by="contract", bank=bank, min_group=min_group),
        comments,
        tuple(actions),
    )


# --- what each view says, as rows: one source for the PDF and the XLSX -------------------------


def _score_row(score: ThemeScore) -> list[object]:
    if score.suppressed:
        return [score.label, "not enough responses", "", "", "", "", ""]
    change = "" if score.change is None else f"{score.change:+.2f}"
    fav_change = "" if score.favourable_change is None else f"{score.favourable_change:+d}"
    return [
        score.label,
        score.n,
        score.mean,
        score.favourable,
        score.health,
        score.band,
        f"{change} mean / {fav_change} pts" if change else "not comparable",
    ]


THEME_HEADER = ["theme", "people", "mean 1–5", "% favourable", "score 0–100", "band", "change"]


def theme_rows(report: Report) -> list[list[object]]:
    """Every anchor and theme with its band and change."""
    return [_score_row(s) for s in (*report.summary.anchors, *report.summary.themes)]


def participation_rows(report: Report) -> list[list[object]]:
    """One row per closed pulse."""
    return [
        [
            w.label,
            w.invited if w.invited is not None else "",
            w.answered if w.answered else "hidden",
            f"{w.rate}%" if w.rate is not None else "",
            w.hidden_teams,
        ]
        for w in report.participation
    ]


PARTICIPATION_HEADER = ["pulse", "invited", "answered", "rate", "teams too small to show alone"]


def table_rows(table: Table) -> list[list[object]]:
    """A Table as rows of health-check scores ('hidden' where hidden)."""
    return [
        [label, *(e.health if e.health is not None else "hidden" for e in entries)]
        for label, entries in zip(table.row_labels, table.entries, strict=True)
    ]


def mean_rows(table: Table) -> list[list[object]]:
    """A Table as rows of means ('hidden' where hidden)."""
    return [
        [label, *(e.mean if e.mean is not None else "hidden" for e in entries)]
        for label, entries in zip(table.row_labels, table.entries, strict=True)
    ]


def action_rows(report: Report) -> list[list[object]]:
    """Each action, its status and the theme's figures before and since."""
    labels = {**THEMES, **ANCHORS}
    return [
        [
            a.number,
            labels.get(a.theme or "", "—"),
            a.text,
            a.owner or "—",
            a.due.isoformat() if a.due else "—",
            a.status.replace("_", " "),
            a.recorded.isoformat(),
            describe(a.before) if a.theme else "—",
            describe(a.after) if a.theme else "—",
        ]
        for a in report.actions
    ]


ACTION_HEADER = [
    "#",
    "theme",
    "action",
    "owner",
    "due",
    "status",
    "recorded",
    "theme before (12 weeks)",
    "theme since",
]


def definitions(report: Report) -> list[str]:
    """Definitions and the suppression rules, in plain words."""
    k, c = report.min_group, report.min_comment_group
    return [
        "Mean: the average answer on a 1–5 agreement scale, with negatively worded items turned "
        "round so that higher is always better.",
        "% favourable: the share of answers scoring 4 or 5.",
        "Health-check score: the mean on 0–100 ((mean − 1) / 4 × 100), with the LGA bands "
        "0–50 low, 51–74 moderate, 75–100 high.",
        "Change: against the quarter before, in mean points and in favourable percentage points; "
        "'not comparable' when the earlier quarter has no figure.",
        "People: distinct people who answered, one per pulse; comments and messages are not "
        "people.",
        f"Suppression: every figure is a sum of (pulse, team, theme) cells of at least {k} "
        f"people. A team's cell under {k} is pooled with that pulse's other small teams into "
        f"'Other teams' when together they reach {k}, and otherwise left out of every figure, "
        "totals included. 'hidden' means fewer than the threshold, never zero.",
        f"Role group and contract: a pulse's theme is broken down only when every team × role "
        f"group × contract group that answered it has at least {k} people, so a breakdown can "
        "never be subtracted from a team figure to single anyone out. Rare combinations were "
        "coarsened to 'not stated' before anything was stored.",
        f"Comments: only from cells of at least {c} people, redacted before storage, shown with "
        "their theme only.",
        "Results come only from closed pulses; nothing is shown while a pulse is open.",
    ]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def summary_lines(report: Report) -> list[str]:
    """The one-page summary."""
    lines = [f"Period: {report.period.label()} ({report.quarter}). Made {report.made:%d %b %Y}."]
    waves = [w for w in report.participation if w.answered]
    if waves:
        people = [w.answered for w in waves]
        rates = [w.rate for w in waves if w.rate is not None]
        rate = f", {round(sum(rates) / len(rates))}% of those invited on average" if rates else ""
        closed = len(report.participation)
        low, high = min(people), max(people)
        answered = f"{low}" if low == high else f"{low}–{high}"
        lines.append(
            f"Participation: {_count(closed, 'pulse')} closed; {answered} people answered "
            f"each{rate}."
        )
    else:
        lines.append("Participation: no pulse with enough people to show in this quarter.")
    scored = [s for s in (*report.summary.anchors, *report.summary.themes) if not s.suppressed]
    for score in report.summary.anchors:
        lines.append(f"{score.label}: {describe(score)}" + _band(score))
    themes = [s for s in report.summary.themes if not s.suppressed]
    if themes:
        # Up to three each, never the same theme on both lists: with few themes measured, the
        # upper half is "strongest" and the rest "weakest", so a low score is never called strong.
        ranked = sorted(themes, key=lambda s: (-(s.health or 0), s.label))
        best = ranked[: min(3, len(ranked) // 2 or 1)]
        worst = ranked[len(best) :][::-1][:3]
        lines.append("Strongest: " + "; ".join(f"{s.label} {s.health} ({s.band})" for s in best))
        if worst:
            lines.append("Weakest: " + "; ".join(f"{s.label} {s.health} ({s.band})" for s in worst))
    not_asked = sum(1 for s in report.summary.themes if not s.asked)
    hidden = len(report.summary.themes) - len(themes) - not_asked
    if hidden:
        lines.append(f"{_count(hidden, 'theme')} without enough responses this quarter.")
    if not_asked:
        lines.append(f"{_count(not_asked, 'theme')} not asked this quarter.")
    if report.stay:
        lines.append("Why people stay: " + ", ".join(label for label, _ in report.stay[:3]))
    if report.leave:
        lines.append("Why people might leave: " + ", ".join(label for label, _ in report.leave[:3]))
    done = sum(1 for a in report.actions if a.status == "done")
    lines.append(
        f"Actions: {len(report.actions)} recorded, {done} done, "
        f"{sum(1 for a in report.actions if a.status == 'in_progress')} in progress."
    )
    if not scored:
        lines.append("No figure can be shown for this quarter under the anonymity rules.")
    return lines


def _band(score: ThemeScore) -> str:
    return "" if score.band is None else f" — score {score.health}, {score.band}"


# --- PDF ------------------------------------------------------------------------------------------


def _page(title: str, report: Report) -> tuple[Figure, float]:
    figure = plt.figure(figsize=A4)
    figure.text(0.06, 0.965, title, fontsize=15, weight="bold", va="top")
    figure.text(
        0.06,
        0.94,
        f"{report.organisation} · whole service · {report.period.label()}",
        fontsize=9,
        color="#555555",
        va="top",
    )
    figure.text(
        0.94,
        0.02,
        f"StayPulse · {report.quarter} · groups under {report.min_group} people not shown",
        fontsize=7,
        color="#777777",
        ha="right",
    )
    return figure, 0.91


def _text_pages(
    title: str, lines: Sequence[str], report: Report, mono: bool = False
) -> list[Figure]:
    wrapped: list[str] = []
    for line in lines:
        wrapped += textwrap.wrap(line, WRAP if not mono else 110, subsequent_indent="   ") or [""]
    pages = []
    for start in range(0, max(len(wrapped), 1), LINES_PER_PAGE):
        figure, top = _page(title if start == 0 else f"{title} (continued)", report)
        for i, line in enumerate(wrapped[start : start + LINES_PER_PAGE]):
            figure.text(
                0.06,
                top - i * 0.0165,
                line,
                fontsize=8 if mono else 9,
                family="monospace" if mono else "sans-serif",
                va="top",
            )
        pages.append(figure)
    return pages


def _image_page(
    title: str, charts: Sequence[Figure], report: Report, notes: Sequence[str] = ()
) -> Figure:
    figure, top = _page(title, report)
    notes_space = 0.02 * len(notes) + 0.02
    height = (top - 0.05 - notes_space) / max(len(charts), 1)
    for i, chart in enumerate(charts):
        picture = mpimg.imread(io.BytesIO(png(chart, dpi=110)), format="png")
        axes = figure.add_axes((0.05, top - (i + 1) * height, 0.9, height - 0.01))
        axes.imshow(picture)
        axes.set_axis_off()
    for i, note in enumerate(notes):
        figure.text(0.06, 0.05 + notes_space - (i + 1) * 0.02, note, fontsize=7, color="#555555")
    return figure


def _rows_text(
    header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[int]
) -> list[str]:
    def cell(value: object, width: int) -> str:
        text = str(value)
        return (text[: width - 1] + "…" if len(text) > width else text).ljust(width)

    line = " ".join(cell(h, w) for h, w in zip(header, widths, strict=True))
    return [line, "-" * len(line)] + [
        " ".join(cell(v, w) for v, w in zip(row, widths, strict=True)) for row in rows
    ]


def _themes_figure(report: Report) -> Figure:
    scores = [*report.summary.anchors, *report.summary.themes]
    figure, axes = plt.subplots(figsize=(7.5, 0.38 * len(scores) + 1.5))
    figure.suptitle(
        f"Theme scores\nWhole service · {report.period.label()}", fontsize=11, x=0.02, ha="left"
    )
    colours = {"low": "#E69F00", "moderate": "#0072B2", "high": "#009E73"}
    for row, score in enumerate(reversed(scores)):
        if score.suppressed or score.health is None or score.band is None:
            axes.text(
                1,
                row,
                f"hidden: fewer than {report.min_group} people",
                va="center",
                fontsize=8,
                color="#555555",
            )
            continue
        axes.barh(row, score.health, color=colours[score.band])
        change = "" if score.change is None else f"  ({score.change:+.2f} mean)"
        axes.text(
            score.health + 1, row, f"{score.health} {score.band}{change}", va="center", fontsize=8
        )
    axes.set_yticks(range(len(scores)), [s.label for s in reversed(scores)], fontsize=8)
    axes.set_xlim(0, 125)
    for line in (50, 75):
        axes.axvline(line, color="#999999", linewidth=0.8, linestyle=":")
    axes.set_xlabel("Health-check score 0–100 (low ≤ 50, moderate 51–74, high ≥ 75)", fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    return figure


def figures(report: Report) -> list[Figure]:
    """The report's pages, in order, as A4 matplotlib figures."""
    k = report.min_group
    pages = _text_pages("Staying and leaving: quarterly report", summary_lines(report), report)
    pages.append(
        _image_page(
            "Participation",
            [participation_figure(report.participation, k)],
            report,
            _rows_text(PARTICIPATION_HEADER, participation_rows(report), [12, 8, 9, 6, 30]),
        )
    )
    pages.append(_image_page("Every theme: band and change", [_themes_figure(report)], report))
    pages += _text_pages(
        "Every theme: figures",
        _rows_text(THEME_HEADER, theme_rows(report), [28, 7, 9, 13, 12, 9, 24]),
        report,
        mono=True,
    )
    drivers = ["Why people stay (evidence weight):"]
    drivers += [f"  {label} ({weight:.2f})" for label, weight in report.stay] or [
        "  not enough evidence"
    ]
    drivers += ["", "Why people might leave (evidence weight):"]
    drivers += [f"  {label} ({weight:.2f})" for label, weight in report.leave] or [
        "  not enough evidence"
    ]
    drivers += [
        "",
        "Pulses and comments from the last 12 weeks of the quarter, interviews from 12 months.",
    ]
    pages += _text_pages("Drivers", drivers, report)
    pages.append(
        _image_page(
            "Teams × themes",
            [heatmap_figure(report.teams, k)],
            report,
            list(report.teams.notes),
        )
    )
    pages.append(
        _image_page(
            "Intention to stay by team over time", [over_time_figure(report.over_time, k)], report
        )
    )
    pages.append(
        _image_page(
            "Role group and contract",
            [
                heatmap_figure(report.roles, k, "Whole service, by role group"),
                heatmap_figure(report.contracts, k, "Whole service, by contract"),
            ],
            report,
            list(dict.fromkeys([*report.roles.notes, *report.contracts.notes])),
        )
    )
    comment_lines: list[str] = []
    for theme, label in THEMES.items():
        shown = report.comments.get(theme, [])
        comment_lines.append(f"{label}:")
        comment_lines += [f"  • ({c.direction}) {c.text}" for c in shown] or [
            f"  none readable (comments are read only from groups of {report.min_comment_group}+)"
        ]
    pages += _text_pages("A few comments per theme", comment_lines, report)
    pages += _text_pages(
        "Actions: you said, we did",
        [
            f"#{row[0]} [{row[5]}] {row[1]}: {row[2]} — owner {row[3]}, due {row[4]}, recorded "
            f"{row[6]}. Before: {row[7]}. Since: {row[8]}."
            for row in action_rows(report)
        ]
        or ["No actions recorded."],
        report,
    )
    pages += _text_pages("Definitions and suppression rules", definitions(report), report)
    return pages


def to_pdf(report: Report) -> bytes:
    """The report as one PDF."""
    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": f"StayPulse report {report.quarter}"}) as pdf:
        for figure in figures(report):
            pdf.savefig(figure)
            plt.close(figure)
    return buffer.getvalue()


def page_pngs(report: Report, dpi: int = 60) -> list[bytes]:
    """Each page as a PNG, to look at or to check."""
    found = []
    for figure in figures(report):
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi)
        plt.close(figure)
        found.append(buffer.getvalue())
    return found


# --- XLSX -----------------------------------------------------------------------------------------


def to_xlsx(report: Report) -> bytes:
    """The same content as a workbook, one sheet per view; each sheet names the period."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)

    def sheet(name: str, header: Sequence[object], rows: Sequence[Sequence[object]]) -> None:
        page = book.create_sheet(name)
        page.append([f"{report.organisation} · {name}"])
        page.append([f"Whole service · {report.period.label()} ({report.quarter})"])
        page.append([f"Groups under {report.min_group} people are not shown ('hidden')."])
        page.append([])
        page.append(list(header))
        for cell in page[5]:
            cell.font = Font(bold=True)
        for row in rows:
            page.append(list(row))

    sheet("Summary", ["summary"], [[line] for line in summary_lines(report)])
    sheet("Participation", PARTICIPATION_HEADER, participation_rows(report))
    sheet("Themes", THEME_HEADER, theme_rows(report))
    sheet(
        "Drivers",
        ["side", "theme", "evidence weight"],
        [["stay", label, round(w, 3)] for label, w in report.stay]
        + [["leave", label, round(w, 3)] for label, w in report.leave],
    )
    for name, table in (
        ("Teams x themes", report.teams),
        ("By role group", report.roles),
        ("By contract", report.contracts),
    ):
        sheet(name, ["group (health-check score)", *table.column_labels], table_rows(table))
    sheet(
        "Teams over time",
        ["team (mean 1–5)", *report.over_time.column_labels],
        mean_rows(report.over_time),
    )
    sheet(
        "Comments",
        ["theme", "direction", "comment"],
        [[THEMES[t], c.direction, c.text] for t, shown in report.comments.items() for c in shown],
    )
    sheet("Actions", ACTION_HEADER, action_rows(report))
    sheet("Definitions", ["definition"], [[line] for line in definitions(report)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def report_name(report: Report, kind: str) -> str:
    """A file name that says what it is."""
    return f"staypulse-report-{report.quarter.replace(' ', '')}.{kind}"


def made_on(now: datetime) -> date:
    """The report's date."""
    return now.date()
