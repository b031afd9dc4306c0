"""Following the PSW chat when Telegram upgrades it from a group to a supergroup.

An upgrade gives the chat a new id. Telegram says so twice (a service message with
`migrate_to_chat_id` in the old chat, one with `migrate_from_chat_id` in the new) and from then on
answers every send to the old id with "group chat was upgraded to a supergroup chat" and the new
id (PTB raises ChatMigrated). Either way the bot records the new id in the database
(surveys.chats), where PSW_CHAT_ID is followed from, and carries on there.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes

from bot.services import services_of
from surveys.chats import chat_migrations, record_migration

log = logging.getLogger(__name__)


def load(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """At start: the upgrades recorded before, so the PSW chat's id is its latest."""
    services = services_of(app)
    services.chat_moves = services.db_sync(chat_migrations)
    if services.settings.psw_chat_id != services.psw_chat_id:
        log.info(
            "PSW chat %s is now supergroup %s (upgraded earlier)",
            services.settings.psw_chat_id,
            services.psw_chat_id,
        )


async def follow(app: Application[Any, Any, Any, Any, Any, Any], old: int, new: int) -> bool:
    """Record that chat `old` is now `new`, if `old` is (or was) the PSW chat; whether it was."""
    services = services_of(app)
    async with services.moves_lock:  # the other chat's notice of the same upgrade waits here
        configured = services.settings.psw_chat_id
        chain = {configured, *services.chat_moves.values()} if configured is not None else set()
        if old not in chain or services.chat_moves.get(old) == new:
            return old in chain
        # Followed before it is stored: if the write fails (the database down), this run still
        # takes the new supergroup for the PSW chat, where the guard would otherwise leave it at
        # its first update. After a restart, a send to the old id is refused with the new one
        # and followed again.
        services.chat_moves[old] = new
        now = services.clock()
        await services.db(record_migration, old_chat_id=old, new_chat_id=new, now=now)
    log.warning(
        "PSW chat %s was upgraded to a supergroup: it is now %s (followed; PSW_CHAT_ID=%s may "
        "be updated at leisure)",
        old,
        new,
        new,
    )
    return True


async def on_migrate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The service messages of an upgrade (handler group -2, before the guard, which would
    otherwise leave a chat whose id it does not know yet)."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    try:
        if message.migrate_to_chat_id:
            await follow(context.application, chat.id, message.migrate_to_chat_id)
        elif message.migrate_from_chat_id:
            await follow(context.application, message.migrate_from_chat_id, chat.id)
    except Exception:
        # Logged here, then stopped all the same: passed on, a service message would reach the
        # guard, which leaves a group it does not know (follow has taken the new id already).
        log.exception("update %s: a group upgrade could not be recorded", update.update_id)
    raise ApplicationHandlerStop
