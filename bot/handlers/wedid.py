"""Sending a "you said, we did" update to everyone, once an admin says so. Recording, editing and
listing actions is bot/handlers/actions.py."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from bot.callbacks import WeDidSend
from bot.handlers.util import edit
from bot.scheduler import SCHEDULER_KEY, Scheduler
from bot.services import services_of
from bot.usecases import actions
from surveys.wedid import WeDidError


def _text_after_command(update: Update) -> str:
    """The message without its command, line breaks kept (context.args would lose them)."""
    message = update.effective_message
    text = (message.text or "") if message is not None else ""
    _command, _space, rest = text.partition(" ")
    if "\n" in _command:  # "/wedid\nText on the next line"
        _command, _newline, first = _command.partition("\n")
        rest = f"{first} {rest}" if rest else first
    return rest.strip()


async def on_send(update: Update, context: ContextTypes.DEFAULT_TYPE, press: WeDidSend) -> None:
    """An admin's answer: send the update to everyone reachable now, at most once each."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    who = query.from_user.id
    if not press.yes:
        await services.db(actions.keep, actor=who, we_did_id=press.we_did_id)
        await edit(query, texts.WEDID_KEPT)
        return
    now = services.clock()
    try:
        count = await services.db(actions.broadcast, actor=who, we_did_id=press.we_did_id, now=now)
    except WeDidError as exc:
        await edit(query, escape(str(exc)))
        return
    working = services.calendar.is_working_time(now)
    await edit(
        query, (texts.WEDID_SENDING if working else texts.WEDID_SENDING_LATER).format(count=count)
    )
    # The timetable sends it, in working hours only, with the same pacing and claims as invites.
    timetable = context.application.bot_data.get(SCHEDULER_KEY)
    if not isinstance(timetable, Scheduler):
        timetable = Scheduler(context.application, autoplan=False)
    await timetable.run_due()
