"""Runs before every handler: drops repeated updates, ignores chats we do not serve, and asks
people who send too much too fast to slow down."""

from __future__ import annotations

import logging
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import texts
from bot.groups import leave_group
from bot.handlers.util import answer_query
from bot.menus import Menus

log = logging.getLogger(__name__)
REMEMBERED_UPDATES = 10_000
WINDOW_SECONDS = 60.0


class Guard:
    """One instance per application (handler group -1)."""

    def __init__(
        self,
        *,
        psw_chat_id: int | Callable[[], int | None] | None,
        per_minute: int,
        menus: Menus | None = None,
    ) -> None:
        # A callable gives the PSW chat's id now: it changes when Telegram upgrades the group.
        self._psw_chat_id = psw_chat_id
        self.menus = menus
        self.per_minute = per_minute
        self._seen: OrderedDict[int, None] = OrderedDict()
        self._recent: dict[int, deque[float]] = {}
        self._warned_at: dict[int, float] = {}
        self._left: set[int] = set()  # groups we have asked to leave (once each)

    @property
    def psw_chat_id(self) -> int | None:
        """The PSW chat's id now."""
        found = self._psw_chat_id
        return found() if callable(found) else found

    def _repeat(self, update_id: int) -> bool:
        if update_id in self._seen:
            return True
        self._seen[update_id] = None
        if len(self._seen) > REMEMBERED_UPDATES:
            self._seen.popitem(last=False)
        return False

    def admit(self, user_id: int, now: float) -> bool:
        """Whether to serve this person's update now: at most `per_minute` served in any minute.

        Only served updates count. Counting the held-back ones too would lock out for good
        someone who keeps tapping at a steady pace, such as a person whose taps went unanswered
        while the bot restarted and whose backlog then arrives all at once.
        """
        recent = self._recent.setdefault(user_id, deque())
        while recent and now - recent[0] > WINDOW_SECONDS:
            recent.popleft()
        if len(recent) >= self.per_minute:
            return False
        recent.append(now)
        return True

    async def __call__(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if self._repeat(update.update_id):
            log.info("update %s delivered again; ignored", update.update_id)
            raise ApplicationHandlerStop
        if update.my_chat_member is not None:
            return  # added to or removed from a chat: bot.groups decides whether to stay
        chat = update.effective_chat
        if chat is None:
            raise ApplicationHandlerStop
        if chat.type != ChatType.PRIVATE:
            if self.psw_chat_id is not None and chat.id == self.psw_chat_id:
                return
            # Groups and channels other than the PSW chat: say nothing there, and leave (a
            # group the bot was added to before it left groups by itself, or while it was down).
            if chat.id not in self._left:
                self._left.add(chat.id)
                await leave_group(context.application, chat.id)
            raise ApplicationHandlerStop
        user = update.effective_user
        if user is None:
            raise ApplicationHandlerStop
        if self.menus is not None:
            await self.menus.refresh()
            await self.menus.sync(context.bot, user.id)
            if self.menus.is_psw(user.id):
                return  # the PSW team's commands are not held back like respondents' taps
        now = time.monotonic()
        if self.admit(user.id, now):
            return
        log.info("user flood: update %s held back", update.update_id)
        warned = now - self._warned_at.get(user.id, -WINDOW_SECONDS) < WINDOW_SECONDS
        if update.callback_query is not None:
            await answer_query(update.callback_query, None if warned else texts.SLOW_DOWN)
        elif not warned:
            await chat.send_message(texts.SLOW_DOWN)
        self._warned_at[user.id] = now
        raise ApplicationHandlerStop
