"""The timetable, driven by PTB's JobQueue (APScheduler).

All decisions are made by pure functions in surveys.schedule and surveys.waves with the clock in
Services; this module only asks them what is due and does it. There are two jobs, both with fixed
names and replaced rather than added, so a restart never doubles them: one at the next moment
something is due, and a safety tick every few minutes in case the clock jumped.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from telegram import InputFile
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot import texts
from bot.digest import build_digest
from bot.fanout import FanOut, FanOutResult, Message
from bot.services import KEY, Services
from surveys import wedid
from surveys.waves import (
    claim_digest,
    close_due_waves,
    confirm_digest,
    digest_due,
    next_event,
    outgoing,
    reconcile,
    release_digest,
    resolve_in_doubt,
)

log = logging.getLogger(__name__)
NEXT_JOB = "staypulse-next"
TICK_JOB = "staypulse-tick"
TICK = timedelta(minutes=5)
SCHEDULER_KEY = "staypulse-scheduler"


@dataclass
class RunReport:
    """What one run of the timetable did."""

    opened: tuple[int, ...] = ()
    missed: tuple[int, ...] = ()
    closed: tuple[tuple[int, int, int], ...] = ()
    sends: FanOutResult = field(default_factory=FanOutResult)
    digest: str | None = None


class Scheduler:
    """Runs what is due, then plans its next run."""

    def __init__(
        self, app: Application[Any, Any, Any, Any, Any, Any], *, autoplan: bool = True
    ) -> None:
        self.app = app
        self.autoplan = autoplan  # the demo drives a simulated clock by hand instead
        self.lock = asyncio.Lock()

    @property
    def services(self) -> Services:
        """The application's services."""
        services: Services = self.app.bot_data[KEY]
        return services

    async def start(self) -> RunReport:
        """At start: settle sends left in doubt by a crash, catch up, and plan."""
        in_doubt = await self.services.db(resolve_in_doubt)
        in_doubt += await self.services.db(wedid.resolve_in_doubt)
        if in_doubt:
            log.warning(
                "%d send(s) were in doubt after a restart; counted as sent, not resent", in_doubt
            )
        report = await self.run_due()
        if self.autoplan and self.app.job_queue is not None:
            for job in self.app.job_queue.get_jobs_by_name(TICK_JOB):
                job.schedule_removal()
            self.app.job_queue.run_repeating(self._job, interval=TICK, first=TICK, name=TICK_JOB)
        return report

    async def _job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.run_due()

    async def run_due(self) -> RunReport:
        """Open, close, invite, remind, send updates and post the digest as due now."""
        async with self.lock:
            services = self.services
            now = services.clock()
            calendar = services.calendar
            reconciled = await services.db(
                reconcile,
                schedules=services.schedules,
                calendar=calendar,
                bank=services.bank,
                now=now,
            )
            for wave_id in reconciled.missed:
                log.warning(
                    "wave %s was due while the bot was down and has closed: missed", wave_id
                )
            closed = await services.db(close_due_waves, bank=services.bank, now=now)
            # Also after a crash between a close and its release: release is idempotent.
            await services.release_waves()
            sends = FanOutResult()
            if calendar.is_working_time(now):
                messages: list[Message] = [*await services.db(outgoing, now=now)]
                messages += await services.db(wedid.outgoing, now=now)
                if messages:
                    sends = await FanOut(self.app.bot, services).send(messages)
                    log.info(
                        "sent %d, unreachable %d, failed %d, 429s %d",
                        sends.sent,
                        sends.unreachable,
                        sends.failed,
                        sends.rate_limited,
                    )
            digest = await self._digest()
            self._plan()
            return RunReport(reconciled.opened, reconciled.missed, tuple(closed), sends, digest)

    def _plan(self) -> None:
        if not self.autoplan or self.app.job_queue is None:
            return
        services = self.services
        now = services.clock()
        when = services.db_sync(
            next_event, schedules=services.schedules, calendar=services.calendar, now=now
        )
        when = max(when, now + timedelta(seconds=1))  # never a busy loop
        for job in self.app.job_queue.get_jobs_by_name(NEXT_JOB):
            job.schedule_removal()
        self.app.job_queue.run_once(self._job, when=when, name=NEXT_JOB)

    async def _digest(self) -> str | None:
        services = self.services
        chat_id = services.settings.psw_chat_id
        if chat_id is None:
            return None
        now = services.clock()
        period = await services.db(
            digest_due, schedules=services.schedules, calendar=services.calendar, now=now
        )
        if period is None or not await services.db(claim_digest, period=period, now=now):
            return None
        try:
            content = await services.db(
                build_digest,
                period=period,
                settings=services.settings,
                bank=services.bank,
                today=now.astimezone(services.settings.tz).date(),
            )
            message = await self.app.bot.send_message(chat_id, content.text)
        except TelegramError as exc:
            await services.db(release_digest, period=period)
            log.warning("digest for %s not posted (%s); will retry", period, type(exc).__name__)
            return None
        if content.chart is not None:
            try:
                await self.app.bot.send_photo(
                    chat_id,
                    InputFile(content.chart, filename="theme-scores.png"),
                    caption=texts.DIGEST_CHART,
                )
            except TelegramError as exc:  # the text went out; the picture is a bonus
                log.warning("digest chart for %s not posted (%s)", period, type(exc).__name__)
        await services.db(
            confirm_digest, period=period, now=services.clock(), message_id=message.message_id
        )
        log.info("digest for %s posted", period)
        return period
