"""Small courtesies every handler needs when talking to Telegram."""

from __future__ import annotations

import logging

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, TelegramError

from bot import texts
from bot.longtext import send_long

log = logging.getLogger(__name__)


async def answer_query(query: CallbackQuery, text: str | None = None) -> None:
    """Answer a button press once; a press too old to answer is not an error.

    Telegram waits only seconds for the answer: a press made while the bot was down, or answered
    twice, is "too old". The press itself is still acted on; only the little notice is lost.
    """
    try:
        await query.answer(text)
    except BadRequest as exc:
        kind = "stale" if "too old" in exc.message.lower() else "refused"
        log.info("callback query not answered: %s (%s)", kind, exc.message)


# Edits Telegram refuses for a message that is gone or may no longer be changed (deleted by the
# person, or over 48 hours old): the answer then comes as a new message.
EDIT_GONE = ("message to edit not found", "message can't be edited")


async def edit(
    query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message | bool | None:
    """Edit the pressed message in place; an edit that changes nothing is fine, and a message
    that can no longer be edited gets a fresh message with the same text and buttons instead."""
    try:
        return await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" in exc.message:
            return None
        if not any(gone in exc.message.lower() for gone in EDIT_GONE):
            raise
        log.info("edit refused (%s); sending a new message instead", exc.message)
    chat_id = query.message.chat.id if query.message is not None else query.from_user.id
    return await query.get_bot().send_message(chat_id, text, reply_markup=markup)


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
