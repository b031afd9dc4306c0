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
from telegram.error import Forbidden, TelegramError
from telegram.ext import Application, ContextTypes

from bot import texts
from bot.digest import DigestContent, build_digest
from bot.fanout import FanOut, FanOutResult, Message
from bot.groups import check_psw_chat, psw_chat_is_private
from bot.services import KEY, Services
from surveys import wedid
from surveys.psw import list_psw_members
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
        except Exception:
            await services.db(release_digest, period=period)
            raise
        # The digest goes only where only PSW members can read it (DESIGN rule 9): the PSW chat
        # if it is set and checks out now, else each member privately.
        chat_id = services.settings.psw_chat_id
        if chat_id is not None and not psw_chat_is_private(self.app):
            await check_psw_chat(self.app)
        if chat_id is not None and psw_chat_is_private(self.app):
            try:
                message_id = await self._post(chat_id, period, content)
            except Forbidden as exc:  # removed from the group since the check
                log.warning("digest for %s not posted (%s); will retry", period, exc.message)
                message_id = None
        else:
            if chat_id is not None:
                log.warning("digest for %s sent privately: the PSW chat has others in it", period)
            message_id = await self._post_privately(period, content)
        if message_id is None:
            await services.db(release_digest, period=period)
            return None
        await services.db(
            confirm_digest, period=period, now=services.clock(), message_id=message_id
        )
        log.info("digest for %s posted", period)
        return period

    async def _post(self, chat_id: int, period: str, content: DigestContent) -> int | None:
        """Text then chart to one chat; the text's message id, or None if it failed (Forbidden:
        a person who never started the bot, or a group the bot is not in, is raised)."""
        try:
            message = await self.app.bot.send_message(chat_id, content.text)
        except Forbidden:
            raise
        except TelegramError as exc:
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
        return int(message.message_id)

    async def _post_privately(self, period: str, content: DigestContent) -> int | None:
        """To each PSW member; 0 when none could be reached because none has started the bot
        (retrying would not help), None to retry later."""
        members = await self.services.db(list_psw_members)
        first: int | None = None
        retry = False
        for member in members:
            try:
                sent = await self._post(member.telegram_id, period, content)
            except Forbidden:
                log.warning(
                    "digest for %s: PSW member %s has not started the bot", period, member.id
                )
                continue
            retry = retry or sent is None
            first = first if first is not None else sent
        if first is None and retry:
            return None
        return first or 0
