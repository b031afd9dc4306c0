"""Pictures and files for the PSW team: /trend (chart), /export (CSV or XLSX), /digest (now)."""

from __future__ import annotations

from html import escape

from telegram import InputFile, Update
from telegram.ext import ContextTypes

from analysis.charts import trend_chart
from analysis.export import to_csv, to_xlsx
from bot import texts
from bot.digest import LABELS
from bot.handlers.usage import psw_view
from bot.handlers.util import actor, chat_id, reply
from bot.services import services_of
from bot.usecases import results
from surveys.pulse import iso_week


async def trend_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/trend <theme> [team]: the theme's weekly mean over the last 12 weeks, as a chart."""
    services = services_of(context)
    minimum = services.settings.min_group_size
    view = await psw_view(update, services, context.args or [], results.trend)
    if view is None:
        return
    if view.points is None:
        await reply(update, texts.SUMMARY_HIDDEN.format(minimum=minimum))
        return
    theme, team, points = view.theme, view.team, view.points
    label = LABELS[theme]
    picture = trend_chart(points, label, minimum)
    who = f" · team {escape(team)}" if team else ""
    await update.get_bot().send_photo(
        chat_id(update),
        InputFile(picture, filename=f"trend-{theme}.png"),
        caption=f"{escape(label)} over the last 12 weeks{who}",
    )


async def export_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/export [csv|xlsx] [period] [team]: the summary as a file, with the same suppression."""
    services = services_of(context)
    shown = await psw_view(update, services, context.args or [], results.export)
    if shown is None:
        return
    kind, view = shown
    summary, period, team = view.summary, view.period, view.team
    content = to_csv(summary) if kind == "csv" else to_xlsx(summary)
    name = f"staypulse-summary-{period.start}-{period.end}{'-' + team if team else ''}.{kind}"
    await update.get_bot().send_document(
        chat_id(update),
        InputFile(content, filename=name),
        caption=f"Summary {period.label()}; groups under {services.settings.min_group_size} "
        "responses are not shown.",
    )


async def digest_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/digest: this week's digest now, to the person who asked."""
    services = services_of(context)
    content = await services.db(
        results.digest,
        actor=actor(update),
        week=iso_week(services.clock(), services.settings.tz),
        settings=services.settings,
        bank=services.bank,
        today=services.today(),
    )
    await reply(update, content.text)
    if content.chart is not None:
        await update.get_bot().send_photo(
            chat_id(update),
            InputFile(content.chart, filename="theme-scores.png"),
            caption=texts.DIGEST_CHART,
        )
