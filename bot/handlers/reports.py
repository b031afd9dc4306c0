"""Pictures and files for the PSW team: /trend (chart), /export (CSV or XLSX), /digest (now)."""

from __future__ import annotations

from html import escape

from telegram import InputFile, Update
from telegram.ext import ContextTypes

from analysis.charts import theme_trend, trend_chart
from analysis.export import to_csv, to_xlsx
from analysis.summary import Group, parse_period, summarise
from bot import texts
from bot.digest import LABELS, build_digest
from bot.handlers.results import period_and_team, psw_only, split_message
from bot.handlers.util import chat_id, reply
from bot.services import services_of
from surveys.pulse import iso_week
from surveys.themes import ANCHORS, THEMES


async def trend_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/trend <theme> [team]: the theme's weekly mean over the last 12 weeks, as a chart."""
    services = services_of(context)
    args = context.args or []
    if not await psw_only(update, services, "trend", " ".join(args)[:200]):
        return
    if not args or args[0] not in {**THEMES, **ANCHORS} or len(args) > 2:
        await reply(update, texts.TREND_USAGE.format(themes=", ".join([*THEMES, *ANCHORS])))
        return
    theme, team = args[0], (args[1] if len(args) > 1 else None)
    today = services.clock().astimezone(services.settings.tz).date()
    minimum = services.settings.min_group_size
    group = Group(team_key=team)
    summary = await services.db(
        summarise,
        period=parse_period("12w", today),
        group=group,
        bank=services.bank,
        min_group=minimum,
    )
    if not summary.shown:
        await reply(update, texts.SUMMARY_HIDDEN.format(minimum=minimum))
        return
    points = await services.db(
        theme_trend,
        period=parse_period("12w", today),
        group=group,
        theme=theme,
        bank=services.bank,
        min_group=minimum,
    )
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
    args = context.args or []
    if not await psw_only(update, services, "export", " ".join(args)[:200]):
        return
    kind = args[0] if args and args[0] in ("csv", "xlsx") else "csv"
    rest = args[1:] if args and args[0] in ("csv", "xlsx") else args
    today = services.clock().astimezone(services.settings.tz).date()
    _text, period, team = period_and_team(rest, today, default="12w")
    summary = await services.db(
        summarise,
        period=period,
        group=Group(team_key=team),
        bank=services.bank,
        min_group=services.settings.min_group_size,
    )
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
    if not await psw_only(update, services, "digest", ""):
        return
    now = services.clock()
    content = await services.db(
        build_digest,
        period=iso_week(now, services.settings.tz),
        settings=services.settings,
        bank=services.bank,
        today=now.astimezone(services.settings.tz).date(),
    )
    for part in split_message(content.text):
        await reply(update, part)
    if content.chart is not None:
        await update.get_bot().send_photo(
            chat_id(update),
            InputFile(content.chart, filename="theme-scores.png"),
            caption=texts.DIGEST_CHART,
        )
