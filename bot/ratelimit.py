"""PTB's AIORateLimiter, with a way for one call to ask for no retries.

PTB reads `rate_limit_args=0` as "use the default number of retries". The fan-out must see a 429
at once instead: it holds a claim on the message, and a hidden retry would keep that claim (and
every other request) waiting for seconds. It passes NO_RETRIES.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Coroutine
from typing import Any

from telegram._utils.types import JSONDict
from telegram.ext import AIORateLimiter

NO_RETRIES = -1


class RateLimiter(AIORateLimiter):
    """≤30 messages/s overall and ≤20/min per group, retrying 429s unless told not to."""

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
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
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
