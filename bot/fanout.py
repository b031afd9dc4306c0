"""Send invites, reminders, updates and the digest: paced under Telegram's limits, each at most
once, all through one outbox (surveys.outbox).

`deliver` is the one path: claim the message in the database just before it is handed to Telegram,
then, by Telegram's answer, confirm it; release it on a refusal that posted nothing (429, an error
answer: retried); count it as sent with no resend when no answer came (`sent_in_doubt`: it may
have been posted); mark the chat unreachable when Telegram said it cannot be written to (blocked,
deactivated, kicked, chat not found), so it is not tried again every tick. `FanOut` sends many
with a shared pace; a 429 pauses the fan-out, never the rest of the bot.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from html import escape
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from aiolimiter import AsyncLimiter
from telegram import InlineKeyboardMarkup
from telegram.error import NetworkError, RetryAfter, TelegramError
from telegram.ext import ExtBot

from bot import keyboards, texts
from bot.ratelimit import NO_RETRIES, sent_in_doubt, unreachable_chat
from bot.services import Services
from surveys.outbox import INVITES, LATER, REMINDERS, UPDATES, Outbox
from surveys.waves import Outgoing
from surveys.wedid import WeDidMessage

log = logging.getLogger(__name__)
# Under Telegram's 30 messages a second; AIORateLimiter still holds the whole bot to 30.
MESSAGES_PER_SECOND = 29
WORKERS = 8  # concurrent sends; a real Bot API round trip is ~100 ms
MAX_ATTEMPTS = 6
BACKOFF_SECONDS = 0.5


K = TypeVar("K", int, str)


class Outcome(enum.Enum):
    """What became of one message handed to `deliver`."""

    SENT = "sent"
    TAKEN = "taken"  # claimed or sent already by someone else
    RATE_LIMITED = "rate limited"  # released; try again after retry_after
    FAILED = "failed"  # released; an error answer or a refused request
    IN_DOUBT = "in doubt"  # no answer: counted as sent, never resent
    UNREACHABLE = "unreachable"  # the chat cannot be written to


@dataclass(frozen=True)
class Delivered:
    """The outcome of one `deliver`, with Telegram's wait for a 429 and the error, if any."""

    outcome: Outcome
    message_id: int | None = None
    retry_after: float = 0.0
    error: TelegramError | None = None


def _seconds(value: timedelta | float) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def deliver(
    services: Services, box: Outbox[K], key: K, send: Callable[[], Awaitable[int | None]]
) -> Delivered:
    """Send one message through the outbox: claim, send (`send` returns the message id), then
    confirm, release, in doubt or unreachable by Telegram's answer."""
    db, clock = services.db, services.clock
    # The claim is the last thing before the request, and synchronous (no thread hop), so a crash
    # leaves a claim whose message was not sent only in a window of a fraction of a millisecond.
    if not services.db_sync(box.claim, key=key, now=clock()):
        return Delivered(Outcome.TAKEN)
    try:
        message_id = await send()
    except RetryAfter as exc:
        await db(box.release, key=key)
        return Delivered(Outcome.RATE_LIMITED, retry_after=_seconds(exc.retry_after), error=exc)
    except TelegramError as exc:
        if unreachable_chat(exc):
            await db(box.unreachable, key=key)
            log.info("%s %s: chat unreachable (%s)", box.label, key, exc.message)
            return Delivered(Outcome.UNREACHABLE, error=exc)
        if isinstance(exc, NetworkError) and sent_in_doubt(exc):
            await db(box.in_doubt, key=key)
            log.warning(
                "%s %s: no answer from Telegram (%s); it may have been sent, so it counts as sent",
                box.label,
                key,
                type(exc).__name__,
            )
            return Delivered(Outcome.IN_DOUBT, error=exc)
        await db(box.release, key=key)
        return Delivered(Outcome.FAILED, error=exc)
    except BaseException:
        await db(box.release, key=key)
        raise
    await db(box.confirm, key=key, now=clock(), message_id=message_id)
    return Delivered(Outcome.SENT, message_id=message_id)


@dataclass
class FanOutResult:
    """What one fan-out achieved."""

    sent: int = 0
    reminders: int = 0  # of those sent, how many were reminders
    unreachable: int = 0
    in_doubt: int = 0  # no answer came: counted as sent, not resent
    failed: int = 0  # left for the next run
    rate_limited: int = 0  # 429s from Telegram (each retried)
    retried: int = 0  # 5xx and network errors (each retried)

    def __add__(self, other: FanOutResult) -> FanOutResult:
        return FanOutResult(
            *(a + b for a, b in zip(vars(self).values(), vars(other).values(), strict=True))
        )


Message = Outgoing | WeDidMessage


def render(message: Message, tz: ZoneInfo) -> tuple[str, InlineKeyboardMarkup | None]:
    """The text and button of an invite, a reminder or a "you said, we did" update; an invite
    and a reminder say when the pulse closes, in the service's time zone."""
    if isinstance(message, WeDidMessage):
        return texts.WEDID_BROADCAST.format(text=escape(message.text)), None
    text = {"invite": texts.INVITE, "reminder": texts.REMINDER, "later": texts.LATER_REMINDER}[
        message.kind
    ]
    closes = "it closes" if message.closes_at is None else texts.local_time(message.closes_at, tz)
    return (
        text.format(count=texts.questions(message.items), closes=closes),
        # The reminder someone asked for has no "Remind me later" of its own: one more, not a loop.
        keyboards.invite(message.wave_id, later=message.kind != "later"),
    )


def outbox(message: Message) -> Outbox[int]:
    """The outbox a message goes through: a wave's invites, its reminders or the reminder someone
    asked for ("Remind me later"), or an update's."""
    if isinstance(message, WeDidMessage):
        return UPDATES
    return {"invite": INVITES, "reminder": REMINDERS, "later": LATER}[message.kind]


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
        loop = asyncio.get_running_loop()
        resume_at = 0.0  # a 429 pauses every worker of this fan-out (and nothing else)

        async def worker() -> None:
            nonlocal resume_at
            while not queue.empty():
                message, attempt = queue.get_nowait()
                # A loop: a later 429 may push the moment on while this worker sleeps.
                while (wait := resume_at - loop.time()) > 0:  # noqa: ASYNC110
                    await asyncio.sleep(wait)
                again, paused = await self._one(message, attempt, result)
                if again is None:
                    continue
                if paused:
                    resume_at = max(resume_at, loop.time() + again)
                else:
                    await asyncio.sleep(again)
                queue.put_nowait((message, attempt + 1))

        await asyncio.gather(*(worker() for _ in range(min(self.workers, len(messages)))))
        return result

    async def _one(
        self, message: Message, attempt: int, result: FanOutResult
    ) -> tuple[float | None, bool]:
        """Send one message; the seconds to wait before a retry (None when done), and whether
        the whole fan-out should pause for them (a 429)."""
        box = outbox(message)
        text, markup = render(message, self.services.settings.tz)
        await self.pacer.acquire()

        async def send() -> int:
            sent = await self.bot.send_message(
                message.chat_id, text, reply_markup=markup, rate_limit_args=NO_RETRIES
            )
            return sent.message_id

        done = await deliver(self.services, box, message.delivery_id, send)
        if done.outcome is Outcome.SENT:
            result.sent += 1
            result.reminders += box.label in ("reminder", "later")
        elif done.outcome is Outcome.RATE_LIMITED:
            result.rate_limited += 1
            return done.retry_after + 0.1, True
        elif done.outcome is Outcome.UNREACHABLE:
            result.unreachable += 1
        elif done.outcome is Outcome.IN_DOUBT:
            result.in_doubt += 1
        elif done.outcome is Outcome.FAILED:
            error = done.error
            if not isinstance(error, NetworkError) or attempt >= MAX_ATTEMPTS:
                # A refused request (retrying won't help now) or a 5xx too many times.
                log.warning(
                    "%s for delivery %s not sent after %d tries (%s); next run retries",
                    box.label,
                    message.delivery_id,
                    attempt,
                    error.message if error is not None else "?",
                )
                result.failed += 1
                return None, False
            result.retried += 1
            return BACKOFF_SECONDS * float(1 << (attempt - 1)), False
        return None, False
