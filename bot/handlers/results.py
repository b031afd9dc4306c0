"""Results for the PSW team: /summary and /comments. Every call is written to the audit log."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import ContextTypes

from analysis.comments_view import OTHER
from analysis.drivers import Driver, DriversReport
from analysis.summary import ThemeScore
from bot import texts
from bot.handlers.usage import psw_view, run_or_usage
from bot.handlers.util import actor, reply
from bot.services import services_of
from bot.usecases import results
from surveys.themes import THEMES


def _arrow(change: int | None) -> str:
    """A change in one unit only (percentage points favourable), shown only when the period
    before has figures to compare with."""
    if change is None or change == 0:
        return ""
    return f" · {'▲' if change > 0 else '▼'}{abs(change)} pts"


def _line(score: ThemeScore, minimum: int) -> str:
    if score.suppressed:
        if not score.asked:
            return f"• {escape(score.label)}: not asked in this period"
        return f"• {escape(score.label)}: not enough responses (fewer than {minimum} people)"
    return (
        f"• {escape(score.label)}: {score.mean:.1f}/5 · {score.favourable}% favourable · "
        f"{score.health} {score.band}{_arrow(score.favourable_change)}"
    )


async def summary_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/summary [period] [team]: theme scores with their change, under the group-size rules."""
    services = services_of(context)
    minimum = services.settings.min_group_size
    view = await psw_view(update, services, context.args or [], results.summary)
    if view is None:
        return
    summary, period, period_text = view.summary, view.period, view.period_text
    who = f"team {escape(view.team_name)}" if view.team_name else "everyone"
    lines = [
        f"<b>Summary</b> · {period.label()} · {who}",
        f"{_plural(summary.submissions, 'person')} answered a pulse; changes (▲▼) are in "
        f"percentage points favourable against the {period_text} before.",
        texts.SCORE_KEY,
    ]
    if view.widened:
        lines.append(texts.PERIOD_WIDENED)
    if not summary.shown:
        lines.append(texts.SUMMARY_HIDDEN.format(minimum=minimum))
    else:
        lines.append("\n<b>Staying</b>")
        lines += [_line(score, minimum) for score in summary.anchors]
        lines.append("\n<b>Themes</b>")
        lines += [_line(score, minimum) for score in summary.themes]
    await reply(update, "\n".join(lines))


async def comments_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/comments <theme> [pos|neg]: up to 10 redacted comments, random order, theme and week."""
    services = services_of(context)
    shown = await run_or_usage(
        update,
        services,
        results.comments,
        actor=actor(update),
        args=context.args or [],
        today=services.today(),
        min_group=services.settings.min_comment_group_size,
        cell_minimum=services.settings.min_group_size,
    )
    if shown is None:
        return
    theme, found, hidden = shown
    minimum = services.settings.min_comment_group_size
    # One service-wide total on every theme, or no number at all (analysis.comments_view.
    # held_back): the line is the same whether or not a small group wrote anything.
    note = (
        texts.COMMENTS_HELD_BACK.format(count=hidden, minimum=minimum)
        if hidden
        else texts.COMMENTS_SOME_HELD_BACK.format(minimum=minimum)
    )
    if not found:
        await reply(update, texts.COMMENTS_NONE.format(minimum=minimum) + note)
        return
    label = "no recognised theme" if theme == OTHER else THEMES[theme]
    lines = [f"<b>Comments on {escape(label)}</b> (last 12 weeks, random order)"]
    for comment in found:
        how = f"{comment.direction}, " if comment.direction else ""
        lines.append(f"• “{escape(comment.text)}” <i>({how}{comment.period})</i>")
    lines.append(note)
    await reply(update, "\n".join(lines))


def _month(month: str) -> str:
    """'2026-10' as 'Oct 2026': the batch's month, never a finer time."""
    year, _, number = month.partition("-")
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return f"{names[int(number) - 1]} {year}" if number.isdigit() else escape(month)


async def interviews_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/interviews stay|exit [theme]: answers of released interview batches, by question."""
    services = services_of(context)
    minimum = services.settings.min_group_size
    view = await run_or_usage(
        update,
        services,
        results.interviews,
        actor=actor(update),
        args=context.args or [],
        min_group=minimum,
    )
    if view is None:
        return
    about = f" about {THEMES[view.theme]}" if view.theme else ""
    if not view.questions:
        await reply(
            update, texts.INTERVIEWS_NONE.format(kind=view.kind, about=about, minimum=minimum)
        )
        return
    lines = [
        f"<b>{view.kind.title()} interviews</b>{escape(about)} · "
        f"released batches of at least {minimum} people, random order"
    ]
    for group in view.questions:
        lines.append(f"\n<b>{escape(group.question)}</b>")
        lines += [f"• “{escape(text)}” <i>({_month(month)})</i>" for text, month in group.answers]
    await reply(update, "\n".join(lines))


async def themes_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/themes: positive and negative comments per theme over the last 12 weeks."""
    services = services_of(context)
    counts = await services.db(
        results.themes,
        actor=actor(update),
        today=services.today(),
        min_group=services.settings.min_comment_group_size,
    )
    if counts is None:
        await reply(
            update, texts.THEMES_NONE.format(minimum=services.settings.min_comment_group_size)
        )
        return
    lines = ["<b>What comments are about</b> (last 12 weeks: positive / negative)"]
    for count in sorted(counts, key=lambda c: -(c.positive + c.negative)):
        if count.positive or count.negative:
            lines.append(f"• {escape(count.label)}: {count.positive} / {count.negative}")
    await reply(update, "\n".join(lines))


def _plural(count: int, noun: str) -> str:
    if noun == "person":
        return f"{count} {'person' if count == 1 else 'people'}"
    return f"{count} {noun}" + ("" if count == 1 else "s")


def render_drivers(report: DriversReport, minimum: int) -> str:
    """Reasons to stay beside reasons to leave, each with its evidence, then exits by quarter."""

    def scores(d: Driver, word: str) -> str:
        interval = f" (95% interval {d.interval[0]}–{d.interval[1]}%)" if d.interval else ""
        return f"{d.favourable}% {word}{interval}"

    def stay_line(d: Driver) -> str:
        parts = []
        if d.interviews:
            parts.append(f"{d.interviews} of {report.stays.total} stay interviews")
        if d.comments:
            parts.append(_plural(d.comments, "positive comment"))
        if d.favourable is not None:
            parts.append(scores(d, "favourable"))
        return f"• {escape(d.label)}: {', '.join(parts)}; {_plural(d.people, 'person')}"

    def leave_line(d: Driver) -> str:
        parts = []
        if d.interviews:
            main = f" ({d.main} as the main reason)" if d.main else ""
            parts.append(f"{d.interviews} of {report.exits.total} exit interviews{main}")
        if d.stay_interviews:
            parts.append(f"a pull away in {_plural(d.stay_interviews, 'stay interview')}")
        if d.comments:
            parts.append(_plural(d.comments, "negative comment"))
        if d.favourable is not None:
            parts.append(scores(d, "unfavourable"))
        return f"• {escape(d.label)}: {', '.join(parts)}; {_plural(d.people, 'person')}"

    def mixed_line(d: Driver) -> str:
        praise = [_plural(d.comments, "positive comment")] if d.comments else []
        if d.interviews:
            praise.append(f"{d.interviews} of {report.stays.total} stay interviews")
        return (
            f"• {escape(d.label)}: praised in {', '.join(praise)}, but {scores(d, 'favourable')}"
            " — clearly below half, so not a reason to stay"
        )

    lines = [
        "<i>Pulses and comments from the last 12 weeks; interviews from the last 12 months.</i>",
        "",
        "<b>Why people stay</b>",
        *([stay_line(d) for d in report.stay] or ["• not enough to say yet"]),
        "",
        "<b>Why people leave</b>",
        *([leave_line(d) for d in report.leave] or ["• not enough to say yet"]),
    ]
    if report.mixed:
        lines += ["", "<b>On both sides</b>", *(mixed_line(d) for d in report.mixed)]
    lines.append(
        "<i>Each line counts the people behind it; % favourable is the share answering 4 or 5 "
        "on the 1–5 scale, with its 95% interval.</i>"
    )
    for counts, name in ((report.stays, "stay"), (report.exits, "exit")):
        if not counts.shown:
            lines.append(
                f"<i>{counts.total} {name} interviews in 12 months: fewer than {minimum}, so "
                "they are not used yet.</i>"
            )
    if report.exits.shown:
        lines += ["", "<b>Exit reasons by quarter</b>"]
        for quarter in report.quarters:
            if quarter.hidden:
                lines.append(f"• {quarter.quarter}: too few leavers to show")
            elif not quarter.leavers:
                lines.append(f"• {quarter.quarter}: no exit interviews")
            else:
                reasons = ", ".join(f"{escape(THEMES[t])} {n}" for t, n in quarter.reasons[:4])
                lines.append(f"• {quarter.quarter} ({quarter.leavers} leavers): {reasons}")
    return "\n".join(lines)


async def drivers_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/drivers: why people stay beside why they leave, ranked, from every source."""
    services = services_of(context)
    minimum = services.settings.min_group_size
    report = await services.db(
        results.drivers,
        actor=actor(update),
        today=services.today(),
        bank=services.bank,
        min_group=minimum,
        min_comment_group=services.settings.min_comment_group_size,
    )
    await reply(update, render_drivers(report, minimum))


async def participation_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/participation: the latest wave, by team, with small teams hidden."""
    services = services_of(context)
    text = await services.db(results.participation, actor=actor(update), settings=services.settings)
    await reply(update, text)
