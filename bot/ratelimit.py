"""PTB's AIORateLimiter, retrying Telegram's passing failures, with a way to ask for none.

PTB reads `rate_limit_args=0` as "use the default number of retries". The fan-out must see a 429
at once instead: it holds a claim on the message, and a hidden retry would keep that claim (and
every other request) waiting for seconds. It passes NO_RETRIES.

Everything else also rides out a passing 5xx or time-out, so a person's tap is not left
unanswered by one bad gateway: calls that are safe to repeat (edits, callback answers, …) are
retried after any network failure; calls that post a new message only after a 502 or 503, which
say the request never got through, because a time-out may come after Telegram has posted it
and a retry would post it twice (`sent_in_doubt`, which the fan-out uses too).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

import httpx
from telegram._utils.types import JSONDict
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import AIORateLimiter

NO_RETRIES = -1
NETWORK_RETRIES = 3
NETWORK_BACKOFF_SECONDS = 0.3
# A 429 whose wait is longer than this is about one chat (Telegram's per-chat edit limits run to
# minutes): only that chat waits. A shorter one is the overall limit, and everyone waits.
SHORT_429_SECONDS = 3.0
# Methods that post something new: repeating one after a time-out could post it twice.
_POSTS = frozenset(
    {"sendMessage", "sendPhoto", "sendDocument", "forwardMessage", "copyMessage", "getUpdates"}
)
log = logging.getLogger(__name__)


# Telegram's words for "this chat cannot be written to": retrying every tick would not change them.
_UNREACHABLE = (
    "chat not found",
    "user is deactivated",
    "bot was blocked by the user",
    "bot was kicked",
    "bot can't initiate conversation",
    "bot is not a member",
    "peer_id_invalid",
)
# PTB's words for a request that got no HTTP answer: a time-out, or the connection failing.
_NO_ANSWER = ("httpx.", "Unknown error in HTTP implementation")


def sent_in_doubt(error: NetworkError) -> bool:
    """Whether a failed request may nonetheless have taken effect: it went out and no answer
    came back (a read time-out, a connection lost mid-request). An error answer from the server
    (502, 503, 504, 500: PTB gives its description) says it was not done; a connection or pool
    time-out says the request never left."""
    if isinstance(error, BadRequest):
        return False
    if isinstance(error.__cause__, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return False
    return isinstance(error, TimedOut) or error.message.startswith(_NO_ANSWER)


def unreachable_chat(error: TelegramError) -> bool:
    """Whether Telegram said this chat cannot be written to at all (blocked, deactivated, kicked,
    never met): a permanent refusal, unlike a refusal of one message."""
    if isinstance(error, Forbidden):
        return True
    return isinstance(error, BadRequest) and any(
        words in error.message.lower() for words in _UNREACHABLE
    )


def _retryable(endpoint: str, error: NetworkError) -> bool:
    """Whether a failed call may be made again without risk of doing it twice."""
    if endpoint not in _POSTS:
        return True
    if endpoint == "getUpdates":
        return False  # PTB's polling loop retries its own
    return not sent_in_doubt(error)


class RateLimiter(AIORateLimiter):
    """≤30 messages/s overall and ≤20/min per group, retrying 429s and passing network
    failures unless told not to.

    PTB's AIORateLimiter answers any 429 by pausing every request of the whole bot for
    retry_after, and Telegram limits edits per chat, sometimes for minutes: one person tapping
    fast would freeze everyone's answers. Here a long 429 for a chat pauses that chat only; a
    short one, or one without a chat (the overall limit), pauses all, as before.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._chat_paused_until: dict[int | str, float] = {}

    async def _chat_pause(self, chat_id: int | str | None) -> None:
        if chat_id is None:
            return
        loop = asyncio.get_running_loop()
        # A loop, not an Event: another 429 for the same chat may push the moment further.
        while (until := self._chat_paused_until.get(chat_id, 0.0)) > loop.time():  # noqa: ASYNC110
            await asyncio.sleep(until - loop.time())
        self._chat_paused_until.pop(chat_id, None)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        # The same limits as the parent applies (see AIORateLimiter.process_request).
        chat_id = data.get("chat_id")
        with contextlib.suppress(ValueError, TypeError):
            chat_id = int(chat_id)  # type: ignore[arg-type]
        group: int | str | bool = False
        if (isinstance(chat_id, int) and chat_id < 0) or isinstance(chat_id, str):
            group = chat_id
        once = rate_limit_args == NO_RETRIES
        max_429s = 0 if once else (rate_limit_args or self._max_retries)
        max_network = 0 if once else NETWORK_RETRIES
        limited = failed = 0
        while True:
            if not once:  # the fan-out handles its own 429s (bot/fanout.py)
                await self._chat_pause(chat_id)
            try:
                return await self._run_request(
                    chat=chat_id is not None,
                    group=group,
                    allow_paid_broadcast=bool(data.get("allow_paid_broadcast", False)),
                    callback=callback,
                    args=args,
                    kwargs=kwargs,
                )
            except RetryAfter as exc:
                if limited >= max_429s:
                    raise
                limited += 1
                wait = exc.retry_after
                seconds = (wait.total_seconds() if isinstance(wait, timedelta) else wait) + 0.1
                log.info("%s: 429, retrying after %.1f s", endpoint, seconds)
                if chat_id is None or seconds <= SHORT_429_SECONDS:
                    # The overall limit (a second or so): everyone waits, as PTB does, so the
                    # bot as a whole slows down instead of every chat meeting it in turn.
                    self._retry_after_event.clear()
                    try:
                        await asyncio.sleep(seconds)
                    finally:
                        self._retry_after_event.set()
                else:
                    until = asyncio.get_running_loop().time() + seconds
                    key: int | str = chat_id
                    self._chat_paused_until[key] = max(until, self._chat_paused_until.get(key, 0.0))
            except BadRequest:  # a NetworkError subclass, but our request is wrong
                raise
            except NetworkError as exc:
                if failed >= max_network or not _retryable(endpoint, exc):
                    raise
                log.info("%s failed (%s); retrying", endpoint, type(exc).__name__)
                await asyncio.sleep(NETWORK_BACKOFF_SECONDS * (1 << failed))
                failed += 1
