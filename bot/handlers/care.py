"""Buttons that look after respondents: "Remind me later" on a pulse invite, and "Withdraw this
comment" under a pulse's thanks. Thin: the work is in bot.usecases.care."""

from __future__ import annotations

import asyncio

from telegram import Message, Update
from telegram.ext import ContextTypes

from bot import keyboards, texts
from bot.callbacks import RemindLater
from bot.handlers.util import answer_query, chat_id, edit
from bot.services import services_of
from bot.usecases.care import remind_later, withdraw_comment
from surveys.snooze import Later

# {thanks message id: sealed ballot's random id} for pulse comments, so each can be withdrawn
# until its pulse closes. Memory only: nothing on disk ties a person to their ballot, and after
# a restart the bot no longer knows (the button then says so).
PULSE_WITHDRAWABLE_KEY = "withdrawable_pulse"


async def on_remind_later(
    update: Update, context: ContextTypes.DEFAULT_TYPE, press: RemindLater
) -> None:
    """Set one more reminder, confirm it in the invite itself, or say honestly why not."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    tz = services.settings.tz
    snooze = await services.db(
        remind_later,
        chat_id=chat_id(update),
        wave_id=press.wave_id,
        now=services.clock(),
        calendar=services.calendar,
        hours=services.settings.remind_later_hours,
    )
    when = texts.local_time(snooze.at, tz) if snooze.at is not None else ""
    closes = texts.local_time(snooze.closes_at, tz) if snooze.closes_at is not None else ""
    # The invite as shown (a message too old for Telegram to show the bot is "inaccessible").
    shown = query.message.text_html if isinstance(query.message, Message) else None
    if snooze.outcome in (Later.SET, Later.TOO_LATE) and shown is not None:
        # Confirmed in the invite itself. After SET it keeps both buttons, so a second press is
        # answered rather than refused; after TOO_LATE "Remind me later" goes.
        if snooze.outcome is Later.SET:
            text = shown + texts.LATER_SET.format(when=when)
            markup = keyboards.invite(press.wave_id)
        else:
            text = shown + texts.LATER_TOO_LATE.format(closes=closes)
            markup = keyboards.invite(press.wave_id, later=False)
        await asyncio.gather(answer_query(query), edit(query, text, markup))
    elif snooze.outcome in (Later.ANSWERED, Later.CLOSED, Later.NOT_INVITED):
        # A stale invite: say what is true now, and take the buttons away.
        text = {
            Later.ANSWERED: texts.LATER_ANSWERED,
            Later.CLOSED: texts.PULSE_CLOSED,
            Later.NOT_INVITED: texts.LATER_NOT_INVITED,
        }[snooze.outcome]
        await asyncio.gather(answer_query(query), edit(query, text))
    else:
        notice = {
            Later.SET: texts.LATER_SET.strip(),
            Later.TOO_LATE: texts.LATER_TOO_LATE.strip(),
            Later.ALREADY_SET: texts.LATER_ALREADY_SET,
            Later.ALREADY_SENT: texts.LATER_ALREADY_SENT,
            Later.PAUSED: texts.LATER_PAUSED,
        }[snooze.outcome]
        await answer_query(query, notice.format(when=when, closes=closes))


async def on_withdraw_comment(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Withdraw the pulse comment shown in the pressed message, if it is still withdrawable."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    held: dict[int, str] = (context.user_data or {}).get(PULSE_WITHDRAWABLE_KEY, {})
    shown = query.message.message_id if query.message is not None else None
    ballot_id = held.pop(shown, None) if shown is not None else None
    if await services.db(withdraw_comment, ballot_id=ballot_id, now=services.clock()):
        await services.scrub()
        await asyncio.gather(answer_query(query), edit(query, texts.PULSE_COMMENT_WITHDRAWN))
    else:
        await asyncio.gather(
            answer_query(query, texts.FEEDBACK_NOT_WITHDRAWN),
            edit(query, texts.FEEDBACK_NOT_WITHDRAWN),
        )
