"""Chats that changed id: Telegram upgrades a group to a supergroup with a new id, and answers
every send to the old one with an error naming the new one. The PSW chat is PSW_CHAT_ID, followed
through every upgrade recorded here."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from surveys.models import ChatMigration


def current_chat_id(session: Session, *, chat_id: int) -> int:
    """The id `chat_id` has now, after every recorded upgrade."""
    seen = {chat_id}
    while (moved := session.get(ChatMigration, chat_id)) is not None:
        chat_id = moved.new_chat_id
        if chat_id in seen:  # never loop on a bad row
            break
        seen.add(chat_id)
    return chat_id


def record_migration(
    session: Session, *, old_chat_id: int, new_chat_id: int, now: datetime
) -> bool:
    """Remember that `old_chat_id` is now `new_chat_id`; False if it was already known."""
    if old_chat_id == new_chat_id:
        return False
    found = session.get(ChatMigration, old_chat_id)
    if found is not None:
        if found.new_chat_id == new_chat_id:
            return False
        found.new_chat_id, found.migrated_at = new_chat_id, now
    else:
        found = ChatMigration(old_chat_id=old_chat_id, new_chat_id=new_chat_id, migrated_at=now)
    session.add(found)
    return True


def chat_migrations(session: Session) -> dict[int, int]:
    """Every recorded upgrade, old id to new."""
    return {m.old_chat_id: m.new_chat_id for m in session.exec(select(ChatMigration))}
