"""Kind answers to anything unexpected, and the one error handler."""

from __future__ import annotations

import logging
import time

from telegram import Update
from telegram.error import Conflict, NetworkError
from telegram.ext import ContextTypes

from bot import texts
from bot.handlers.util import answer_query, edit, reply
from bot.usecases.access import Denied

log = logging.getLogger(__name__)


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice notes, files, locations: say we read text only."""
    await reply(update, texts.TEXT_ONLY)


async def edited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edited message: we act on new messages only, and say so."""
    await reply(update, texts.EDITED)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command we do not have."""
    await reply(update, texts.UNKNOWN_COMMAND)


# How often, at most, to repeat the line about another instance polling with the same token.
CONFLICT_LOG_SECONDS = 600.0
_CONFLICT_LOGGED_AT = "staypulse.conflict_logged_at"


def _another_instance(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Telegram ended our getUpdates because another process polls with this token. Say so in
    one line, not a traceback at every retry (PTB backs off, up to 30 s between polls)."""
    now = time.monotonic()
    last = context.bot_data.get(_CONFLICT_LOGGED_AT)
    if last is not None and now - last < CONFLICT_LOG_SECONDS:
        log.debug("getUpdates conflict again")
        return
    context.bot_data[_CONFLICT_LOGGED_AT] = now
    log.error(
        "another instance is running: Telegram ended this bot's getUpdates because another "
        "process polls with the same token (a second `staypulse run`?). Only one may run: stop "
        "the other one. Retrying meanwhile."
    )


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure with its traceback (never the update's content) and reassure the person."""
    if update is None and isinstance(context.error, Conflict):
        _another_instance(context)
        return
    if update is None and isinstance(context.error, NetworkError):
        # Fetching updates failed on the way (a 502, a time-out): PTB polls again with back-off,
        # and the updates wait at Telegram. One line, not a traceback per retry.
        log.warning("getUpdates failed (%s); retrying", type(context.error).__name__)
        return
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(context.error, Denied) and isinstance(update, Update):
        # A use case refused: nothing was done, and the person is told why in one line.
        log.info("update %s refused: %s", update_id, context.error)
        refusal = texts.ADMINS_ONLY if context.error.admins_only else texts.NOT_PSW
        if update.callback_query is not None:
            # The press may have been answered already (bot/handlers/buttons.py answers most
            # at once), so the notice alone could be lost: the pressed message says it too.
            await answer_query(update.callback_query, refusal)
            await edit(update.callback_query, refusal)
        elif update.effective_chat is not None:
            await context.bot.send_message(update.effective_chat.id, refusal)
        return
    log.error("update %s failed", update_id, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != "private":
        return
    try:
        await context.bot.send_message(update.effective_chat.id, texts.ERROR)
    except Exception:  # they may have blocked us; there is nothing more to do
        log.warning("could not tell chat about the error for update %s", update_id)
