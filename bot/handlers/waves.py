"""PSW commands for the timetable: /schedule (members), /wave open and /wave close (admins).
The checks, the work and the audit are bot/usecases/waves.py; this module renders."""

from __future__ import annotations

from datetime import datetime
from html import escape

from telegram import Update
from telegram.ext import ContextTypes

from bot import keyboards, texts
from bot.callbacks import Confirm
from bot.handlers.util import actor, edit, reply
from bot.scheduler import SCHEDULER_KEY, Scheduler
from bot.services import Services, services_of
from bot.usecases import waves
from surveys.waves import WaveError


def _when(moment: datetime | None, services: Services) -> str:
    if moment is None:
        return "none"
    local = moment.astimezone(services.settings.tz)
    return f"{local:%a} {local.day} {local:%b} {local:%H:%M}"


def _schedule_text(view: waves.ScheduleView, services: Services) -> str:
    lines = [texts.SCHEDULE_TITLE.format(tz=services.settings.timezone)]
    for name, upcoming in view.upcoming:
        lines.append(
            texts.SCHEDULE_LINE.format(
                name=escape(name),
                due=_when(upcoming.due_at, services),
                opens=_when(upcoming.opens_at, services),
                remind=_when(upcoming.remind_at, services),
                closes=_when(upcoming.closes_at, services),
            )
        )
    for wave in view.open:
        lines.append(
            texts.SCHEDULE_OPEN.format(
                wave=wave.id,
                name=escape(wave.name),
                closes=_when(wave.closes_at, services),
                completed=wave.completed,
                invited=wave.invited,
            )
        )
    where = "" if services.settings.psw_chat_id else " (PSW_CHAT_ID is not set, so none is sent)"
    lines.append(texts.SCHEDULE_DIGEST.format(when=_when(view.digest, services)) + where)
    return "\n".join(lines)


async def schedule_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/schedule: the next waves, reminders and digest."""
    services = services_of(context)
    view = await services.db(
        waves.schedule,
        actor=actor(update),
        schedules=services.schedules,
        calendar=services.calendar,
        now=services.clock(),
    )
    await reply(update, _schedule_text(view, services))


async def wave_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/wave open | /wave close: ask first, saying who it affects."""
    services = services_of(context)
    spec = services.schedules.schedules[0]
    asked = await services.db(
        waves.ask, actor=actor(update), args=context.args or [], spec=spec, now=services.clock()
    )
    wave = asked.wave
    if asked.kind == "usage":
        await reply(update, texts.WAVE_USAGE)
    elif asked.kind == "none":
        await reply(update, texts.WAVE_NONE_OPEN)
    elif asked.kind == "open":
        hours = "" if services.calendar.is_working_time(services.clock()) else texts.WAVE_LATER
        await reply(
            update,
            texts.WAVE_OPEN_ASK.format(count=asked.audience, name=escape(spec.name), later=hours),
            keyboards.confirm("wo", texts.WAVE_OPEN_YES, texts.WAVE_NO),
        )
    elif asked.kind == "busy" and wave is not None:
        await reply(
            update,
            texts.WAVE_ALREADY_OPEN.format(
                wave=wave.id,
                closes=_when(wave.closes_at, services),
                completed=wave.completed,
                invited=wave.invited,
            ),
            keyboards.confirm("wc", texts.WAVE_CLOSE_YES, texts.WAVE_NO),
        )
    elif wave is not None:
        await reply(
            update,
            texts.WAVE_CLOSE_ASK.format(
                wave=wave.id, completed=wave.completed, invited=wave.invited
            ),
            keyboards.confirm("wc", texts.WAVE_CLOSE_YES, texts.WAVE_NO),
        )


async def on_confirm(update: Update, context: ContextTypes.DEFAULT_TYPE, answer: Confirm) -> None:
    """The admin's yes or no to opening or closing a wave."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    who = query.from_user.id
    if not answer.yes:
        await services.db(waves.cancel, actor=who)
        await edit(query, texts.WAVE_CANCELLED)
        return
    now = services.clock()
    if answer.topic == "wo":
        try:
            opened = await services.db(
                waves.open_now,
                actor=who,
                spec=services.schedules.schedules[0],
                bank=services.bank,
                calendar=services.calendar,
                now=now,
                forms_k=services.forms_k,
            )
        except WaveError as exc:
            await edit(query, escape(str(exc)))
            return
        await edit(
            query,
            texts.WAVE_OPENED.format(wave=opened.id, closes=_when(opened.closes_at, services)),
        )
    else:
        closed = await services.db(
            waves.close, actor=who, wave_id=None, bank=services.bank, now=now
        )
        if closed is None:
            await edit(query, texts.WAVE_NONE_OPEN)
            return
        await services.release_waves()
        await edit(query, texts.WAVE_CLOSED.format(wave=closed))
    # Invites (in working hours) and the next plan follow the timetable's own rules.
    timetable = context.application.bot_data.get(SCHEDULER_KEY)
    if not isinstance(timetable, Scheduler):
        timetable = Scheduler(context.application, autoplan=False)
    await timetable.run_due()
