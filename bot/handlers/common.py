"""Handlers every person meets: /start, /help, and kind answers to anything unexpected."""

from __future__ import annotations

import logging

from sqlmodel import Session, select
from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from bot.services import services_of
from surveys.models import Organisation, PswMember
from surveys.psw import get_psw_member

log = logging.getLogger(__name__)


def _organisation_name(*, session: Session) -> str:
    org = session.exec(select(Organisation)).first()
    return org.name if org else "your service"


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet the person and say what StayPulse is."""
    services = services_of(context)
    assert update.effective_message is not None
    org = await services.db(_organisation_name)
    user = update.effective_user
    await update.effective_message.reply_text(
        texts.welcome(user.first_name if user else None, org, services.settings.min_group_size)
    )


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List what the person can do (and, for PSW members, what they can do as PSW)."""
    services = services_of(context)
    assert update.effective_message is not None
    assert update.effective_user is not None
    text = texts.HELP.format(min_group=services.settings.min_group_size)
    member: PswMember | None = await services.db(
        get_psw_member, telegram_id=update.effective_user.id
    )
    if member is not None:
        text += texts.PSW_HELP.format(role=member.role)
    await update.effective_message.reply_text(text)


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice notes, files, locations: say we read text only."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(texts.TEXT_ONLY)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command we do not have."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(texts.UNKNOWN_COMMAND)


async def stray_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Text when no question is waiting for an answer."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(texts.STRAY_TEXT)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure with its traceback (never the update's content) and reassure the person."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("update %s failed", update_id, exc_info=context.error)
    if (
        isinstance(update, Update)
        and update.effective_chat
        and update.effective_chat.type == "private"
    ):
        try:
            await context.bot.send_message(update.effective_chat.id, texts.ERROR)
        except Exception:  # the person may have blocked us; nothing more to do
            log.warning("could not tell chat about the error for update %s", update_id)
