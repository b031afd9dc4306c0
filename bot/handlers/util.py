"""Small courtesies every handler needs when talking to Telegram."""

from __future__ import annotations

import logging

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, TelegramError

from bot import texts
from bot.longtext import send_long

log = logging.getLogger(__name__)


async def answer_query(query: CallbackQuery, text: str | None = None) -> None:
    """Answer a button press once; a press too old to answer is not an error."""
    try:
        await query.answer(text)
    except BadRequest as exc:
        log.info("could not answer callback query (%s)", exc.message)


async def edit(
    query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message | bool | None:
    """Edit the pressed message in place; an edit that changes nothing is fine."""
    try:
        return await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" in exc.message:
            return None
        raise


async def reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> Message:
    """Answer in the chat the update came from, in as many messages as the text needs
    (bot.longtext); the last one, which carries the keyboard."""
    chat = update.effective_chat
    assert chat is not None
    return (await send_long(update.get_bot(), chat.id, text, reply_markup=markup))[-1]


def chat_id(update: Update) -> int:
    """The chat an update came from."""
    assert update.effective_chat is not None
    return update.effective_chat.id


def actor(update: Update) -> int:
    """The Telegram id of the person behind an update (commands and buttons always have one)."""
    user = update.effective_user
    assert user is not None, "an update without a person reached a person's handler"
    return user.id


async def remove_typed(update: Update, enabled: bool) -> None:
    """Delete the person's typed message once what it said is stored (DELETE_TYPED_COMMENTS), so
    a phone left unlocked does not show it. Called after the confirmation (which says so) has
    gone out, so the confirmation is the bot's answer; if Telegram refuses, the person is told."""
    message = update.effective_message
    if not enabled or message is None:
        return
    try:
        await message.delete()
    except TelegramError as exc:  # too old to delete, or already gone: the answer is stored
        log.info("could not delete a typed message (%s)", type(exc).__name__)
        await reply(update, texts.TYPED_NOT_REMOVED)
