"""PSW commands for the timetable: /schedule (members), /wave open and /wave close (admins)."""

from __future__ import annotations

from datetime import datetime
from html import escape

from sqlmodel import Session
from telegram import Update
from telegram.ext import ContextTypes

from bot import keyboards, texts
from bot.callbacks import Confirm
from bot.handlers.util import edit, reply
from bot.scheduler import SCHEDULER_KEY, Scheduler
from bot.services import Services, services_of
from surveys.models import PswMember, PswRole
from surveys.psw import get_psw_member, record_audit
from surveys.schedule import next_digest, next_occurrence
from surveys.waves import (
    WaveError,
    audience_size,
    close_now,
    currently_open,
    open_manual_wave,
    wave_counts,
)


def _when(moment: datetime | None, services: Services) -> str:
    if moment is None:
        return "none"
    local = moment.astimezone(services.settings.tz)
    return f"{local:%a} {local.day} {local:%b} {local:%H:%M}"


def _schedule_text(session: Session, *, services: Services) -> str:
    now = services.clock()
    lines = [texts.SCHEDULE_TITLE.format(tz=services.settings.timezone)]
    for spec in services.schedules.schedules:
        upcoming = next_occurrence(spec, services.calendar, now)
        lines.append(
            texts.SCHEDULE_LINE.format(
                name=escape(spec.name),
                due=_when(upcoming.due_at, services),
                opens=_when(upcoming.opens_at, services),
                remind=_when(upcoming.remind_at, services),
                closes=_when(upcoming.closes_at, services),
            )
        )
    for wave in currently_open(session=session):
        assert wave.id is not None
        invited, completed = wave_counts(session=session, wave_id=wave.id)
        lines.append(
            texts.SCHEDULE_OPEN.format(
                wave=wave.id,
                name=escape(wave.schedule_key),
                closes=_when(wave.closes_at, services),
                completed=completed,
                invited=invited,
            )
        )
    digest = next_digest(services.schedules.digest, services.calendar, now)
    where = "" if services.settings.psw_chat_id else " (PSW_CHAT_ID is not set, so none is sent)"
    lines.append(texts.SCHEDULE_DIGEST.format(when=_when(digest, services)) + where)
    return "\n".join(lines)


async def _member(update: Update, services: Services, *, admin: bool) -> PswMember | None:
    user = update.effective_user
    member = None if user is None else await services.db(get_psw_member, telegram_id=user.id)
    if member is None:
        await reply(update, texts.NOT_PSW)
        return None
    if admin and member.role != PswRole.ADMIN:
        await reply(update, texts.ADMINS_ONLY)
        return None
    return member


async def schedule_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/schedule: the next waves, reminders and digest."""
    services = services_of(context)
    member = await _member(update, services, admin=False)
    if member is None:
        return
    await services.db(record_audit, actor_telegram_id=member.telegram_id, action="schedule")
    await reply(update, await services.db(_schedule_text, services=services))


async def wave_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/wave open | /wave close: ask first, saying who it affects."""
    services = services_of(context)
    args = context.args or []
    if args not in (["open"], ["close"]):
        if await _member(update, services, admin=False) is not None:
            await reply(update, texts.WAVE_USAGE)
        return
    if await _member(update, services, admin=True) is None:
        return
    spec = services.schedules.schedules[0]
    if args == ["open"]:
        running = await services.db(currently_open)
        if running:
            # One pulse at a time: offer to close the open one instead of opening a second.
            wave = running[-1]
            assert wave.id is not None
            invited, completed = await services.db(wave_counts, wave_id=wave.id)
            await reply(
                update,
                texts.WAVE_ALREADY_OPEN.format(
                    wave=wave.id,
                    closes=_when(wave.closes_at, services),
                    completed=completed,
                    invited=invited,
                ),
                keyboards.confirm("wc", texts.WAVE_CLOSE_YES, texts.WAVE_NO),
            )
            return
        size = await services.db(audience_size, spec=spec, now=services.clock())
        hours = "" if services.calendar.is_working_time(services.clock()) else texts.WAVE_LATER
        await reply(
            update,
            texts.WAVE_OPEN_ASK.format(count=size, name=escape(spec.name), later=hours),
            keyboards.confirm("wo", texts.WAVE_OPEN_YES, texts.WAVE_NO),
        )
        return
    waves = await services.db(currently_open)
    if not waves:
        await reply(update, texts.WAVE_NONE_OPEN)
        return
    wave = waves[-1]
    assert wave.id is not None
    invited, completed = await services.db(wave_counts, wave_id=wave.id)
    await reply(
        update,
        texts.WAVE_CLOSE_ASK.format(wave=wave.id, completed=completed, invited=invited),
        keyboards.confirm("wc", texts.WAVE_CLOSE_YES, texts.WAVE_NO),
    )


async def on_confirm(update: Update, context: ContextTypes.DEFAULT_TYPE, answer: Confirm) -> None:
    """The admin's yes or no to opening or closing a wave."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    member = await services.db(get_psw_member, telegram_id=query.from_user.id)
    if member is None or member.role != PswRole.ADMIN:
        await edit(query, texts.ADMINS_ONLY)
        return
    if not answer.yes:
        await edit(query, texts.WAVE_CANCELLED)
        return
    now = services.clock()
    if answer.topic == "wo":
        try:
            wave = await services.db(
                open_manual_wave,
                spec=services.schedules.schedules[0],
                bank=services.bank,
                calendar=services.calendar,
                now=now,
                forms_k=services.forms_k,
            )
        except WaveError as exc:
            await edit(query, escape(str(exc)))
            return
        await services.db(
            record_audit,
            actor_telegram_id=member.telegram_id,
            action="wave.open",
            detail=f"wave={wave.id}",
        )
        await edit(
            query, texts.WAVE_OPENED.format(wave=wave.id, closes=_when(wave.closes_at, services))
        )
    else:
        waves = await services.db(currently_open)
        latest = waves[-1].id if waves else None  # stored rows always have their id
        closed = latest is not None and await services.db(
            close_now, wave_id=latest, bank=services.bank, now=now
        )
        if not closed:
            await edit(query, texts.WAVE_NONE_OPEN)
            return
        await services.db(
            record_audit,
            actor_telegram_id=member.telegram_id,
            action="wave.close",
            detail=f"wave={waves[-1].id}",
        )
        await services.release_waves()
        await edit(query, texts.WAVE_CLOSED.format(wave=waves[-1].id))
    # Invites (in working hours) and the next plan follow the timetable's own rules.
    timetable = context.application.bot_data.get(SCHEDULER_KEY)
    if not isinstance(timetable, Scheduler):
        timetable = Scheduler(context.application, autoplan=False)
    await timetable.run_due()
