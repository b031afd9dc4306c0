"""Results for the PSW team: /summary and /comments. Every call is written to the audit log."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import ContextTypes

from analysis.drivers import Driver, DriversReport
from analysis.summary import ThemeScore
from bot import texts
from bot.handlers.util import actor, reply
from bot.services import services_of
from bot.usecases import results
from surveys.themes import THEMES


def _arrow(change: float | None) -> str:
    if change is None or change == 0:
        return ""
    return f" · {'▲' if change > 0 else '▼'}{abs(change):.1f}"


def _line(score: ThemeScore, minimum: int) -> str:
    if score.suppressed:
        return f"• {escape(score.label)}: not enough responses (fewer than {minimum})"
    return (
        f"• {escape(score.label)}: {score.mean:.1f}/5 · {score.favourable}% favourable · "
        f"{score.health} {score.band}{_arrow(score.change)}"
    )


async def summary_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/summary [period] [team]: theme scores with their change, under the group-size rules."""
    services = services_of(context)
    minimum = services.settings.min_group_size
    view = await services.db(
        results.summary,
        actor=actor(update),
        args=context.args or [],
        today=services.today(),
        bank=services.bank,
        min_group=minimum,
    )
    summary, period, period_text, team = view.summary, view.period, view.period_text, view.team
    who = f"team {escape(team)}" if team else "everyone"
    lines = [
        f"<b>Summary</b> · {period.label()} · {who}",
        f"{summary.submissions} responses; changes against the {period_text} before.",
    ]
    if view.widened:
        lines.append(texts.PERIOD_WIDENED)
    if not summary.shown:
        lines.append(texts.SUMMARY_HIDDEN.format(minimum=minimum))
    else:
        lines.append("\n<b>Staying</b>")
        lines += [_line(score, minimum) for score in summary.anchors]
        lines.append("\n<b>Themes</b> (mean, favourable, health-check score and LGA band)")
        lines += [_line(score, minimum) for score in summary.themes]
    await reply(update, "\n".join(lines))


async def comments_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/comments <theme> [pos|neg]: up to 10 redacted comments, random order, theme and week."""
    services = services_of(context)
    try:
        theme, found = await services.db(
            results.comments,
            actor=actor(update),
            args=context.args or [],
            today=services.today(),
            min_group=services.settings.min_comment_group_size,
        )
    except results.UsageError:
        await reply(update, texts.COMMENTS_USAGE.format(themes=", ".join(THEMES)))
        return
    if not found:
        await reply(
            update, texts.COMMENTS_NONE.format(minimum=services.settings.min_comment_group_size)
        )
        return
    lines = [f"<b>Comments on {escape(THEMES[theme])}</b> (last 12 weeks, random order)"]
    for comment in found:
        lines.append(f"• “{escape(comment.text)}” <i>({comment.direction}, {comment.period})</i>")
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
    return f"{count} {noun}" + ("" if count == 1 else "s")


def render_drivers(report: DriversReport, minimum: int) -> str:
    """Reasons to stay beside reasons to leave, each with its evidence, then exits by quarter."""

    def stay_line(d: Driver) -> str:
        parts = []
        if d.interviews:
            parts.append(f"{d.interviews} of {report.stays.total} stay interviews")
        if d.comments:
            parts.append(_plural(d.comments, "positive comment"))
        if d.favourable is not None:
            parts.append(f"{d.favourable}% favourable")
        return f"• {escape(d.label)}: {', '.join(parts)}"

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
            parts.append(f"{d.favourable}% unfavourable")
        return f"• {escape(d.label)}: {', '.join(parts)}"

    lines = [
        "<i>Pulses and comments from the last 12 weeks; interviews from the last 12 months.</i>",
        "",
        "<b>Why people stay</b>",
        *([stay_line(d) for d in report.stay] or ["• not enough to say yet"]),
        "",
        "<b>Why people leave</b>",
        *([leave_line(d) for d in report.leave] or ["• not enough to say yet"]),
    ]
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
