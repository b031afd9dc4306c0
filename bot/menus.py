"""Command menus per person, and who is on the PSW list, kept in step with the database.

PSW members are added and removed with `staypulse psw add/remove` (another process) or at start
(ADMIN_TELEGRAM_IDS), so the bot re-reads the list at most every `REFRESH_SECONDS` and brings
each person's menu in step when they next write: a member added gets the PSW menu for their chat
(Telegram answers "chat not found" until they have written to the bot, so a failed set is simply
tried again at their next message), a member removed gets the respondents' menu back. The same
list exempts PSW members from the flood limit meant for respondents (bot/handlers/guards.py).
"""

from __future__ import annotations

import logging
import time

from telegram import Bot, BotCommandScopeChat
from telegram.error import TelegramError

from bot.commands import menu
from bot.services import Services
from surveys.psw import list_psw_members

log = logging.getLogger(__name__)
REFRESH_SECONDS = 30.0
RESPONDENT = "respondent"  # the menu for all private chats: no per-chat menu needed


class Menus:
    """The PSW list (refreshed now and then) and the menu each chat was last given."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.roles: dict[int, str] = {}  # telegram id -> PSW role
        self._loaded_at = -REFRESH_SECONDS
        self._given: dict[int, str] = {}  # telegram id -> menu set for their chat

    async def refresh(self, *, force: bool = False) -> None:
        """Re-read the PSW list if it is older than REFRESH_SECONDS."""
        now = time.monotonic()
        if not force and now - self._loaded_at < REFRESH_SECONDS:
            return
        self._loaded_at = now
        members = await self.services.db(list_psw_members)
        self.roles = {m.telegram_id: str(m.role) for m in members}

    def is_psw(self, user_id: int) -> bool:
        """Whether this person is on the PSW list (as last read)."""
        return user_id in self.roles

    async def sync(self, bot: Bot, user_id: int) -> None:
        """Give this person's chat the menu for who they are now, if it has not got it."""
        want = self.roles.get(user_id, RESPONDENT)
        if self._given.get(user_id) == want:
            return
        # Someone not yet seen since start gets their chat's menu reset once too: they may have
        # been removed from the PSW list while the bot was down.
        scope = BotCommandScopeChat(user_id)
        try:
            if want == RESPONDENT:
                await bot.delete_my_commands(scope=scope)
            else:
                await bot.set_my_commands(menu(want), scope=scope)
        except TelegramError as exc:
            # "chat not found" until they write to the bot: tried again at their next update.
            log.info("command menu not set for a chat yet (%s)", type(exc).__name__)
            return
        self._given[user_id] = want

    async def sync_all(self, bot: Bot) -> None:
        """At start: every PSW member's menu (those who never wrote get theirs later)."""
        await self.refresh(force=True)
        for user_id in self.roles:
            await self.sync(bot, user_id)
