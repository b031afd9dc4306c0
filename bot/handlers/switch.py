"""One conversation at a time: starting one while another waits for typed text asks first.

Which conversation owns typed text is decided in one place (bot/conversations.owner); this
module only asks the person before that owner changes because they typed a command.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot import texts
from bot.callbacks import Switch, encode
from bot.conversations import CONVERSATIONS, FOCUS_KEY, owner, set_focus
from bot.handlers.util import chat_id, edit, reply
from bot.services import services_of
from bot.usecases.conversations import waiting
from bot.usecases.respondent import cancel_feedback

Starter = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]
# Kept here, not in bot.handlers.control, so control and switch do not import each other.
TALK_KEY = "talk_note"


async def current(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The conversation that would take the person's next typed text."""
    services = services_of(context)
    assert context.user_data is not None
    found = await services.db(waiting, chat_id=chat_id(update), now=services.clock())
    keys = set(found.keys) | ({"talk"} if TALK_KEY in context.user_data else set())
    return owner(keys, context.user_data.get(FOCUS_KEY))


async def leave_first(update: Update, context: ContextTypes.DEFAULT_TYPE, new: str) -> bool:
    """If another conversation waits for text, ask whether to leave it and return True (the
    caller stops); otherwise return False and let `new` start."""
    now_waiting = await current(update, context)
    if now_waiting is None or CONVERSATIONS[now_waiting].command == CONVERSATIONS[new].command:
        return False
    shown = CONVERSATIONS[now_waiting]
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(texts.SWITCH_YES, callback_data=encode(Switch(new, True))),
                InlineKeyboardButton(texts.SWITCH_NO, callback_data=encode(Switch(new, False))),
            ]
        ]
    )
    text = texts.SWITCH_ASK.format(
        current=shown.title, new=CONVERSATIONS[new].title, on_leave=shown.on_leave
    )
    await reply(update, text, markup)
    return True


async def on_switch(
    update: Update, context: ContextTypes.DEFAULT_TYPE, press: Switch, start: Starter
) -> None:
    """The answer to "leave it?": leave and start the new one, or carry on with the first."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    assert context.user_data is not None
    first = await current(update, context)
    if first is None or first == press.to:
        # The first one ended meanwhile (an old question): say so, and still do what they chose.
        await edit(query, texts.SWITCH_STALE)
        if press.yes:
            set_focus(context.user_data, press.to)
            await start(update, context)
        return
    if not press.yes:
        set_focus(context.user_data, first)
        await edit(query, texts.SWITCH_STAY.format(current=CONVERSATIONS[first].title))
        return
    if first == "feedback":
        await services.db(cancel_feedback, chat_id=chat_id(update))
    elif first == "talk":
        context.user_data.pop(TALK_KEY, None)
    await edit(
        query,
        texts.SWITCH_LEFT.format(
            current=CONVERSATIONS[first].title, on_leave=CONVERSATIONS[first].on_leave
        ),
    )
    set_focus(context.user_data, press.to)
    await start(update, context)
