"""Text that is not a command: a /talk note, an interview answer, /feedback, a pulse comment,
or stray text."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from bot.handlers import interviews
from bot.handlers.control import TALK_KEY, on_talk_note
from bot.handlers.pulse import finish_feedback, finish_pulse
from bot.handlers.util import chat_id, reply
from bot.services import services_of
from surveys.interviews import waiting_for_text as interview_waiting
from surveys.pulse import DraftKind, waiting_for


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Route text to whatever is waiting for it; otherwise point to /help."""
    services = services_of(context)
    message = update.effective_message
    assert message is not None
    assert message.text is not None
    if context.user_data is not None and TALK_KEY in context.user_data:
        await on_talk_note(update, context, message.text)
        return
    draft = await services.db(interview_waiting, chat_id=chat_id(update))
    if draft is not None:
        await interviews.on_text(update, context, draft, message.text)
        return
    waiting = await services.db(waiting_for, chat_id=chat_id(update), now=services.clock())
    if waiting is None:
        await reply(update, texts.STRAY_TEXT)
    elif waiting[0] == DraftKind.FEEDBACK:
        await finish_feedback(update, services, message.text)
    else:
        assert waiting[1] is not None
        await finish_pulse(update, services, waiting[1], message.text)
