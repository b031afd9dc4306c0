"""Every button press arrives here, is decoded once, and goes to its handler."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot import texts
from bot.callbacks import (
    ActionRecord,
    CallbackError,
    Change,
    Confirm,
    DeleteInterview,
    InterviewsPage,
    Onboard,
    Pulse,
    RemindLater,
    SetDetail,
    Step,
    Switch,
    WeDidSend,
    WithdrawComment,
    decode,
)
from bot.handlers import (
    actions,
    care,
    control,
    interviews,
    onboarding,
    pulse,
    switch,
    waves,
    wedid,
)
from bot.handlers.util import answer_query

log = logging.getLogger(__name__)
# What "Yes, leave it" starts, per conversation (bot/handlers/switch.py).
STARTERS: dict[str, switch.Starter] = {
    "feedback": control.open_feedback,
    "talk": control.open_talk,
    "stay": interviews.open_stay,
    "pulse": pulse.show_pulse,
    "record_stay": interviews.open_record,
}


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Decode the press and dispatch; stale or forged data gets a gentle answer."""
    query = update.callback_query
    assert query is not None
    try:
        press = decode(query.data)
    except CallbackError as exc:
        # Never log the data itself: it is whatever someone chose to send.
        log.info("update %s: unusable callback data (%s)", update.update_id, exc)
        await answer_query(query, texts.STALE_BUTTON)
        if query.message is not None:
            # There may be no keyboard left to remove, or the message may be too old to edit.
            with contextlib.suppress(BadRequest):
                await query.edit_message_reply_markup(None)
        return
    if isinstance(press, Pulse):
        await pulse.on_pulse(update, context, press)  # answers the query itself, with a notice
        return
    if isinstance(press, RemindLater):  # answers the query itself, with a notice
        await care.on_remind_later(update, context, press)
        return
    if isinstance(press, WithdrawComment):
        await care.on_withdraw_comment(update, context)
        return
    if isinstance(press, Step | DeleteInterview | InterviewsPage):  # so do interview steps
        if isinstance(press, Step):
            await interviews.on_step(update, context, press)
        elif isinstance(press, DeleteInterview):
            await interviews.on_delete(update, context, press)
        else:
            await interviews.on_interviews_page(update, context, press)
        return
    await answer_query(query)
    match press:
        case Onboard():
            await onboarding.on_onboard(update, context, press)
        case Change():
            await onboarding.on_change(update, context, press)
        case SetDetail():
            await onboarding.on_set(update, context, press)
        case WeDidSend():
            await wedid.on_send(update, context, press)
        case ActionRecord():
            await actions.on_record(update, context, press)
        case Confirm(topic=topic) if topic in ("wo", "wc"):
            await waves.on_confirm(update, context, press)
        case Confirm():
            await control.on_confirm(update, context, press)
        case Switch(to=to):
            await switch.on_switch(update, context, press, STARTERS[to])
