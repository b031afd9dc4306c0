"""Telegram's flood limits and the sandbox's fault injection."""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass, field
from typing import Any


@dataclass
class SandboxLimits:
    """How strict the sandbox is. Defaults follow Telegram's published limits."""

    overall_per_second: float = 30.0
    private_chat_per_second: float = 1.0
    # Telegram tolerates short bursts in one chat ("we may allow short bursts"): a command that
    # answers with two messages is fine; a bot that streams messages into one chat is not.
    private_chat_burst: int = 3
    group_chat_per_minute: float = 20.0
    # Telegram does not publish how long a button press may wait for answerCallbackQuery; bots
    # see "query is too old" after tens of seconds. A minute here, so a loaded test machine is
    # not mistaken for a slow bot; the simulated clock (POST /sim/clock) ages queries at will.
    callback_answer_seconds: float = 60.0
    # Updates nobody fetched are kept for 24 hours, then dropped (Bot API docs, getUpdates).
    update_keep_seconds: float = 24 * 3600
    # A message older than 48 hours can no longer be deleted (Bot API docs, deleteMessage) or,
    # here, edited: the sandbox takes the stricter reading for edits.
    edit_max_age_seconds: float = 48 * 3600
    # Inline keyboards: at most 100 buttons, 8 a row, and about 10 KB of JSON in all.
    max_inline_buttons: int = 100
    max_inline_row: int = 8
    max_markup_bytes: int = 10 * 1024
    # Edits per chat per minute (Telegram does not publish it; None: no separate edit limit).
    # Past it, retry_after is the wait until the chat's allowance is back: long, as on Telegram.
    chat_edits_per_minute: float | None = None


class TokenBucket:
    """Allows `rate` events a second on average, `burst` at once."""

    def __init__(self, rate: float, burst: float, clock: Any = time.monotonic) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.clock = clock
        self.stamp = clock()

    def take(self) -> float:
        """Take one token; return 0 if granted, else the seconds until one is free."""
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


def retry_after_seconds(wait: float) -> int:
    """Telegram's retry_after is a whole number of seconds, at least 1."""
    return max(1, math.ceil(wait))


@dataclass
class Fault:
    """Answer a share of calls to `method` ('*' for all) with an error, a delay or a time-out.

    status 429/5xx/403: the call is refused and does nothing. status 0: the call is delayed by
    `delay` seconds and then handled normally. status 504 with a delay: the call hangs for `delay`
    seconds and is then dropped unhandled, as a time-out at a proxy would. `lost`: the call is
    handled (a message is posted) but its answer never arrives: after `delay` seconds the
    connection is closed without one, as when a read time-out comes after Telegram acted.
    """

    method: str = "*"
    status: int = 500
    rate: float = 1.0
    retry_after: int = 1
    delay: float = 0.0
    remaining: int | None = None  # stop after this many hits; None means for ever
    lost: bool = False

    def applies(self, method: str, rng: random.Random) -> bool:
        """Whether this call is hit."""
        if self.method not in ("*", method):
            return False
        if self.remaining is not None and self.remaining <= 0:
            return False
        if rng.random() >= self.rate:
            return False
        if self.remaining is not None:
            self.remaining -= 1
        return True


@dataclass
class Stats:
    """Calls by method and status, for `GET /sim/stats`."""

    calls: dict[str, dict[str, int]] = field(default_factory=dict)

    def count(self, method: str, status: int) -> None:
        """Count one call."""
        by_status = self.calls.setdefault(method, {})
        by_status[str(status)] = by_status.get(str(status), 0) + 1

    def as_json(self) -> dict[str, Any]:
        """The counters as JSON, with totals."""
        totals: dict[str, int] = {}
        for by_status in self.calls.values():
            for status, number in by_status.items():
                totals[status] = totals.get(status, 0) + number
        return {"calls": self.calls, "totals": totals}
