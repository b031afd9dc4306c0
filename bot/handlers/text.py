"""Text that is not a command. ONE place decides which conversation owns it
(bot/conversations.owner): the one the person last saw, if it still waits for text.

Every typed text is first checked for distress signals (surveys/signposting.py); on a match the
person gets the support routes at once, and the text then goes where it was going. The match is
kept nowhere: not with the answer, not in the logs, not in memory.
"""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from bot.conversations import FOCUS_KEY, owner
from bot.handlers import interviews
from bot.handlers.control import on_talk_note
from bot.handlers.pulse import finish_feedback, finish_pulse
from bot.handlers.switch import TALK_KEY
from bot.handlers.util import chat_id, reply
from bot.services import Services, services_of
from bot.usecases.conversations import waiting
from surveys.interviews import Kind


def signpost_text(services: Services, conversation: str) -> str:
    """The support message, with what honestly happens to the text in `conversation`."""
    routes = services.signposting
    settings = services.settings
    return texts.SIGNPOST.format(
        opening=escape(routes.opening),
        council_heading=escape(routes.council_heading),
        national_heading=escape(routes.national_heading),
        council="\n".join(f"• {escape(r)}" for r in routes.council_routes),
        national="\n".join(f"• {escape(r)}" for r in routes.national_routes),
        what_happens=texts.SIGNPOST_STORED[conversation].format(
            min_group=settings.min_group_size, min_comment=settings.min_comment_group_size
        ),
    )


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Signpost if needed, then route the text to the one conversation that owns it."""
    services = services_of(context)
    message = update.effective_message
    assert message is not None
    assert message.text is not None
    assert context.user_data is not None
    found = await services.db(waiting, chat_id=chat_id(update), now=services.clock())
    keys = set(found.keys) | ({"talk"} if TALK_KEY in context.user_data else set())
    target = owner(keys, context.user_data.get(FOCUS_KEY))
    if services.signposting.distressed(message.text):
        await reply(update, signpost_text(services, target or ""))
    if target is None:
        await reply(update, texts.STRAY_TEXT)
    elif target == "talk":
        await on_talk_note(update, context, message.text)
    elif target == "feedback":
        await finish_feedback(update, context, message.text)
    elif target == "pulse":
        assert found.pulse_wave is not None
        await finish_pulse(update, context, found.pulse_wave, message.text)
    else:
        assert found.interview is not None
        await interviews.on_text(
            update, context, Kind(found.interview.kind), found.interview.step, message.text
        )
