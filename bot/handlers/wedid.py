"""/wedid: "you said, we did" updates, shown after pulses and, if an admin says so, sent to all."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import ContextTypes

from bot import keyboards, texts
from bot.callbacks import WeDidSend
from bot.handlers.util import edit, reply
from bot.scheduler import SCHEDULER_KEY, Scheduler
from bot.services import services_of
from surveys import wedid
from surveys.models import PswRole
from surveys.psw import get_psw_member, record_audit


def _text_after_command(update: Update) -> str:
    """The message without its command, line breaks kept (context.args would lose them)."""
    message = update.effective_message
    text = (message.text or "") if message is not None else ""
    _command, _space, rest = text.partition(" ")
    if "\n" in _command:  # "/wedid\nText on the next line"
        _command, _newline, first = _command.partition("\n")
        rest = f"{first} {rest}" if rest else first
    return rest.strip()


async def wedid_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/wedid <text>: record an update; admins are then asked whether to send it to everyone."""
    services = services_of(context)
    user = update.effective_user
    member = None if user is None else await services.db(get_psw_member, telegram_id=user.id)
    if member is None:
        await reply(update, texts.NOT_PSW)
        return
    text = _text_after_command(update)
    if not text:
        latest = await services.db(wedid.current)
        shown = texts.WEDID_CURRENT.format(text=escape(latest.text)) if latest else ""
        await reply(update, texts.WEDID_USAGE + shown)
        return
    now = services.clock()
    try:
        recorded = await services.db(wedid.record, text=text, member=member, now=now)
    except wedid.WeDidError as exc:
        await reply(update, escape(str(exc)))
        return
    assert recorded.id is not None
    await services.db(
        record_audit,
        actor_telegram_id=member.telegram_id,
        action="wedid.record",
        detail=f"update={recorded.id}",
    )
    message = texts.WEDID_RECORDED.format(text=escape(recorded.text))
    if member.role != PswRole.ADMIN:
        await reply(update, message + texts.WEDID_VIEWER)
        return
    count = await services.db(wedid.audience_size, now=now)
    later = "" if services.calendar.is_working_time(now) else texts.WAVE_LATER
    await reply(
        update,
        message + texts.WEDID_ASK.format(count=count, later=later),
        keyboards.we_did_send(recorded.id, count),
    )


async def on_send(update: Update, context: ContextTypes.DEFAULT_TYPE, press: WeDidSend) -> None:
    """An admin's answer: send the update to everyone reachable now, at most once each."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    member = await services.db(get_psw_member, telegram_id=query.from_user.id)
    if member is None or member.role != PswRole.ADMIN:
        await edit(query, texts.ADMINS_ONLY)
        return
    if not press.yes:
        await edit(query, texts.WEDID_KEPT)
        return
    now = services.clock()
    try:
        count = await services.db(wedid.plan_broadcast, we_did_id=press.we_did_id, now=now)
    except wedid.WeDidError as exc:
        await edit(query, escape(str(exc)))
        return
    await services.db(
        record_audit,
        actor_telegram_id=member.telegram_id,
        action="wedid.broadcast",
        detail=f"update={press.we_did_id} audience={count}",
    )
    working = services.calendar.is_working_time(now)
    await edit(
        query, (texts.WEDID_SENDING if working else texts.WEDID_SENDING_LATER).format(count=count)
    )
    # The timetable sends it, in working hours only, with the same pacing and claims as invites.
    timetable = context.application.bot_data.get(SCHEDULER_KEY)
    if not isinstance(timetable, Scheduler):
        timetable = Scheduler(context.application, autoplan=False)
    await timetable.run_due()
