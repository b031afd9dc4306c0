"""Send invites and reminders to many people: paced under Telegram's limits, each at most once.

Each message is claimed in the database just before it is handed to Telegram and confirmed when
Telegram answers (surveys.waves). A 429 releases the claim, waits Telegram's retry_after and
tries again; a 5xx or network error releases it and retries with back-off; a 403 marks the
person unreachable, and they are skipped from then on.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from html import escape
from typing import Any

from aiolimiter import AsyncLimiter
from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import ExtBot

from bot import keyboards, texts
from bot.ratelimit import NO_RETRIES
from bot.services import Services
from surveys import wedid
from surveys.pulse import record_unreachable
from surveys.waves import Outgoing, claim, confirm, release
from surveys.wedid import WeDidMessage

log = logging.getLogger(__name__)
# Under Telegram's 30 messages a second; AIORateLimiter still holds the whole bot to 30.
MESSAGES_PER_SECOND = 29
WORKERS = 8  # concurrent sends; a real Bot API round trip is ~100 ms
MAX_ATTEMPTS = 6
BACKOFF_SECONDS = 0.5


@dataclass
class FanOutResult:
    """What one fan-out achieved."""

    sent: int = 0
    reminders: int = 0  # of those sent, how many were reminders
    unreachable: int = 0
    failed: int = 0  # left for the next run
    rate_limited: int = 0  # 429s from Telegram (each retried)
    retried: int = 0  # 5xx and network errors (each retried)

    def __add__(self, other: FanOutResult) -> FanOutResult:
        return FanOutResult(
            *(a + b for a, b in zip(vars(self).values(), vars(other).values(), strict=True))
        )


Message = Outgoing | WeDidMessage


def render(message: Message) -> tuple[str, InlineKeyboardMarkup | None]:
    """The text and button of an invite, a reminder or a "you said, we did" update."""
    if isinstance(message, WeDidMessage):
        return texts.WEDID_BROADCAST.format(text=escape(message.text)), None
    text = texts.INVITE if message.kind == "invite" else texts.REMINDER
    return text.format(count=message.items), keyboards.invite(message.wave_id)


@dataclass(frozen=True)
class Ledger:
    """Where a kind of message is claimed, confirmed, released and marked unreachable."""

    claim: Callable[..., bool]
    confirm: Callable[..., None]
    release: Callable[..., None]
    unreachable: Callable[..., None]
    label: str


def ledger(message: Message) -> Ledger:
    """The ledger of a message: the wave's deliveries, or an update's."""
    if isinstance(message, WeDidMessage):
        return Ledger(wedid.claim, wedid.confirm, wedid.release, wedid.unreachable, "update")
    kind = message.kind
    return Ledger(
        partial(claim, kind=kind),
        lambda session, **kw: confirm(session, kind=kind, message_id=kw.pop("message_id"), **kw),
        partial(release, kind=kind),
        record_unreachable,
        kind,
    )


def _seconds(value: timedelta | float) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class FanOut:
    """Sends a batch of invites and reminders with a shared pace."""

    def __init__(
        self,
        bot: ExtBot[Any],
        services: Services,
        *,
        rate: float = MESSAGES_PER_SECOND,
        workers: int = WORKERS,
    ) -> None:
        self.bot = bot
        self.services = services
        # One slot every 1/rate seconds and no burst: a burst would put many claimed messages in
        # flight at once, and a crash then strands every one of them in doubt.
        self.pacer = AsyncLimiter(1, 1 / rate)
        self.workers = workers

    async def send(self, messages: Sequence[Message]) -> FanOutResult:
        """Send every message once; return the counts."""
        result = FanOutResult()
        queue: asyncio.Queue[tuple[Message, int]] = asyncio.Queue()
        for message in messages:
            queue.put_nowait((message, 1))

        async def worker() -> None:
            while not queue.empty():
                message, attempt = queue.get_nowait()
                again = await self._one(message, attempt, result)
                if again is not None:
                    await asyncio.sleep(again)
                    queue.put_nowait((message, attempt + 1))

        await asyncio.gather(*(worker() for _ in range(min(self.workers, len(messages)))))
        return result

    async def _one(self, message: Message, attempt: int, result: FanOutResult) -> float | None:
        """Send one message; return seconds to wait before a retry, or None when done."""
        db, clock = self.services.db, self.services.clock
        book, delivery_id = ledger(message), message.delivery_id
        text, markup = render(message)
        await self.pacer.acquire()
        # The claim is the last thing before the request, and synchronous (no thread hop), so a
        # crash leaves a claim whose message was not sent only in a window of a fraction of a
        # millisecond. Such a claim counts as sent on restart; the wave's reminder still reaches
        # that person if they have not answered.
        if not self.services.db_sync(book.claim, delivery_id=delivery_id, now=clock()):
            return None  # sent, or being sent, by someone else
        try:
            sent = await self.bot.send_message(
                message.chat_id, text, reply_markup=markup, rate_limit_args=NO_RETRIES
            )
        except RetryAfter as exc:
            await db(book.release, delivery_id=delivery_id)
            result.rate_limited += 1
            return _seconds(exc.retry_after) + 0.1
        except Forbidden:
            await db(book.unreachable, delivery_id=delivery_id)
            result.unreachable += 1
            return None
        except BadRequest as exc:  # our message is wrong or the chat is gone: retrying won't help
            await db(book.release, delivery_id=delivery_id)
            log.error("%s for delivery %s refused: %s", book.label, delivery_id, exc.message)
            result.failed += 1
            return None
        except NetworkError as exc:  # 5xx, time-outs, connection errors
            await db(book.release, delivery_id=delivery_id)
            if attempt >= MAX_ATTEMPTS:
                log.warning(
                    "%s for delivery %s not sent after %d tries (%s); next run retries",
                    book.label,
                    delivery_id,
                    attempt,
                    type(exc).__name__,
                )
                result.failed += 1
                return None
            result.retried += 1
            return BACKOFF_SECONDS * float(1 << (attempt - 1))
        await db(book.confirm, delivery_id=delivery_id, now=clock(), message_id=sent.message_id)
        result.sent += 1
        if book.label == "reminder":
            result.reminders += 1
        return None
