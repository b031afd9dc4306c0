"""Kind answers to anything unexpected, and the one error handler."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from bot.handlers.util import answer_query, reply
from bot.usecases.access import Denied
from surveys.models import PswRole

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


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure with its traceback (never the update's content) and reassure the person."""
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(context.error, Denied) and isinstance(update, Update):
        # A use case refused: nothing was done, and the person is told why in one line.
        log.info("update %s refused: %s", update_id, context.error)
        refusal = texts.ADMINS_ONLY if context.error.needs == PswRole.ADMIN else texts.NOT_PSW
        if update.callback_query is not None:
            await answer_query(update.callback_query, refusal)
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
