"""PTB's AIORateLimiter, retrying Telegram's passing failures, with a way to ask for none.

PTB reads `rate_limit_args=0` as "use the default number of retries". The fan-out must see a 429
at once instead: it holds a claim on the message, and a hidden retry would keep that claim (and
every other request) waiting for seconds. It passes NO_RETRIES.

Everything else also rides out a passing 5xx or time-out, so a person's tap is not left
unanswered by one bad gateway: calls that are safe to repeat (edits, callback answers, …) are
retried after any network failure; calls that post a new message only after a 502 or 503, which
say the request never got through, because a time-out may come after Telegram has posted it
and a retry would post it twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram._utils.types import JSONDict
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter

NO_RETRIES = -1
NETWORK_RETRIES = 3
NETWORK_BACKOFF_SECONDS = 0.3
# Methods that post something new: repeating one after a time-out could post it twice.
_POSTS = frozenset(
    {"sendMessage", "sendPhoto", "sendDocument", "forwardMessage", "copyMessage", "getUpdates"}
)
log = logging.getLogger(__name__)


def _retryable(endpoint: str, error: NetworkError) -> bool:
    """Whether a failed call may be made again without risk of doing it twice."""
    if endpoint not in _POSTS:
        return True
    if endpoint == "getUpdates":
        return False  # PTB's polling loop retries its own
    return not isinstance(error, TimedOut) and error.message in (
        "Bad Gateway",
        "Service Unavailable",
    )


class RateLimiter(AIORateLimiter):
    """≤30 messages/s overall and ≤20/min per group, retrying 429s and passing network
    failures unless told not to."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        if rate_limit_args != NO_RETRIES:
            for attempt in range(NETWORK_RETRIES + 1):
                try:
                    return await super().process_request(
                        callback, args, kwargs, endpoint, data, rate_limit_args
                    )
                except BadRequest:  # a NetworkError subclass, but our request is wrong
                    raise
                except NetworkError as exc:
                    if attempt == NETWORK_RETRIES or not _retryable(endpoint, exc):
                        raise
                    log.info("%s failed (%s); retrying", endpoint, type(exc).__name__)
                await asyncio.sleep(NETWORK_BACKOFF_SECONDS * (1 << attempt))
        # The same limits as the parent applies (see AIORateLimiter.process_request), one try.
        chat_id = data.get("chat_id")
        with contextlib.suppress(ValueError, TypeError):
            chat_id = int(chat_id)  # type: ignore[arg-type]
        group: int | str | bool = False
        if (isinstance(chat_id, int) and chat_id < 0) or isinstance(chat_id, str):
            group = chat_id
        return await self._run_request(
            chat=chat_id is not None,
            group=group,
            allow_paid_broadcast=bool(data.get("allow_paid_broadcast", False)),
            callback=callback,
            args=args,
            kwargs=kwargs,
        )
