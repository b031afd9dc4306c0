"""Breakdowns, comparisons and the committee report for the PSW team: /breakdown, /compare,
/overtime and /report. Every figure comes from standing cells; hidden entries say so."""

from __future__ import annotations

import asyncio
from html import escape

from telegram import InputFile, Update
from telegram.ext import ContextTypes

from analysis.breakdowns import Figure, Table
from analysis.report import report_name, to_pdf, to_xlsx
from analysis.report_charts import heatmap, over_time_figure, participation_figure, png
from bot import texts
from bot.handlers.usage import psw_view, run_or_usage
from bot.handlers.util import actor, chat_id, reply
from bot.services import services_of
from bot.usecases import report
from bot.usecases.report import TableView


def _entry(entry: Figure) -> str:
    if entry.mean is None:
        return "<i>hidden</i>"
    return f"{entry.mean:.1f} · {entry.favourable}% · {entry.health} {entry.band}"


def table_text(table: Table, minimum: int) -> str:
    """A table as text a phone can show: one block per row, one line per column."""
    lines = [f"<b>{escape(table.title)}</b> · {escape(table.period)}"]
    if not table.row_labels:
        lines.append(texts.TABLE_EMPTY.format(minimum=minimum, period=escape(table.period)))
    for label, entries in zip(table.row_labels, table.entries, strict=True):
        lines.append(f"\n<b>{escape(label)}</b> (mean · % favourable · score)")
        lines += [
            f"• {escape(column)}: {_entry(entry)}"
            for column, entry in zip(table.column_labels, entries, strict=True)
        ]
    lines += ["", texts.HIDDEN_EXPLAINED.format(minimum=minimum)]
    lines += [f"<i>{escape(note)}</i>" for note in table.notes]
    return "\n".join(lines)


async def _send_table(
    update: Update, view: TableView, minimum: int, picture: bytes | None, name: str
) -> None:
    await reply(update, table_text(view.table, minimum))
    if picture is not None and view.table.row_labels:
        await update.get_bot().send_photo(
            chat_id(update),
            InputFile(picture, filename=name),
            caption=f"Chart: {escape(view.table.title)} · {escape(view.table.period)}",
        )


async def breakdown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/breakdown role|contract [period]: the whole service by role group or contract."""
    services = services_of(context)
    minimum = services.settings.min_group_size
    view = await psw_view(update, services, context.args or [], report.breakdown_view)
    if view is None:
        return
    group = "Whole service, by " + ("role group" if "role" in view.table.title else "contract")
    picture = await asyncio.to_thread(heatmap, view.table, minimum, group)
    await _send_table(update, view, minimum, picture, "breakdown.png")


async def compare_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/compare [period]: team × theme, with a heat-map; hidden cells are marked."""
    services = services_of(context)
    minimum = services.settings.min_group_size
    view = await psw_view(update, services, context.args or [], report.compare_view)
    if view is None:
        return
    picture = await asyncio.to_thread(heatmap, view.table, minimum)
    await _send_table(update, view, minimum, picture, "teams-themes.png")


async def overtime_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/overtime [theme] [period]: a theme by team per pulse, and participation per pulse."""
    services = services_of(context)
    minimum = services.settings.min_group_size
    view = await psw_view(update, services, context.args or [], report.over_time_view)
    if view is None:
        return
    lines = [f"<b>Participation per pulse</b> · {escape(view.table.period)}"]
    for wave in view.participation:
        rate = f" of {wave.invited} ({wave.rate}%)" if wave.rate is not None else ""
        counted = f"{wave.answered}{rate}" if wave.answered else "<i>hidden</i>"
        lines.append(f"• {wave.label}: {counted}")
    if not view.participation:
        lines.append("No closed pulse in this period.")
    await reply(update, "\n".join(lines))
    await _send_table(
        update,
        view=TableView(view.table, view.period_text),
        minimum=minimum,
        picture=png(over_time_figure(view.table, minimum)),
        name="over-time.png",
    )
    if view.participation:
        await update.get_bot().send_photo(
            chat_id(update),
            InputFile(
                png(participation_figure(view.participation, minimum)), filename="participation.png"
            ),
            caption="Participation per pulse (chart)",
        )


async def report_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/report [quarter]: the committee report as PDF, and the same as XLSX."""
    services = services_of(context)
    minimum = services.settings.min_group_size
    found = await run_or_usage(
        update,
        services,
        report.report,
        actor=actor(update),
        args=context.args or [],
        today=services.today(),
        bank=services.bank,
        min_group=minimum,
        min_comment_group=services.settings.min_comment_group_size,
    )
    if found is None:
        return
    # Drawing a dozen pages takes seconds: off the event loop, so other chats are not held up.
    pdf, xlsx = await asyncio.gather(
        asyncio.to_thread(to_pdf, found), asyncio.to_thread(to_xlsx, found)
    )
    bot = update.get_bot()
    await bot.send_document(
        chat_id(update),
        InputFile(pdf, filename=report_name(found, "pdf")),
        caption=texts.REPORT_CAPTION.format(
            quarter=found.quarter, period=found.period.label(), minimum=minimum
        ),
    )
    await bot.send_document(
        chat_id(update),
        InputFile(xlsx, filename=report_name(found, "xlsx")),
        caption=texts.REPORT_XLSX_CAPTION,
    )
