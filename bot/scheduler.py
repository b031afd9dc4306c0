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
from telegram.error import ChatMigrated, TelegramError
from telegram.ext import Application, ContextTypes

from bot import migration, texts
from bot.digest import DigestContent, build_digest
from bot.fanout import FanOut, FanOutResult, Message, Outcome, deliver
from bot.groups import check_psw_chat, psw_chat_is_private
from bot.longtext import send_long
from bot.ratelimit import unreachable_chat
from bot.services import KEY, Services
from surveys import outbox, wedid
from surveys.psw import list_psw_members
from surveys.waves import close_due_waves, digest_due, next_event, outgoing, reconcile

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
        in_doubt = 0
        for box in outbox.ALL:
            in_doubt += await self.services.db(box.resolve_in_doubt)
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
                forms_k=services.forms_k,
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
                        "sent %d, unreachable %d, in doubt %d, failed %d, 429s %d",
                        sends.sent,
                        sends.unreachable,
                        sends.in_doubt,
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
        if period is None:
            return None
        content = await services.db(
            build_digest,
            period=period,
            settings=services.settings,
            bank=services.bank,
            today=now.astimezone(services.settings.tz).date(),
        )

        async def post() -> int | None:
            return await self._post_digest(period, content)

        done = await deliver(services, outbox.DIGESTS, period, post)
        if done.outcome is Outcome.SENT:
            log.info("digest for %s posted", period)
            return period
        if done.outcome is not Outcome.TAKEN:
            error = type(done.error).__name__ if done.error is not None else "?"
            log.warning("digest for %s not posted (%s: %s)", period, done.outcome.value, error)
        return None

    async def _post_digest(self, period: str, content: DigestContent) -> int | None:
        """Post the digest where only PSW members can read it (DESIGN rule 9): the PSW chat if
        it is set and checks out now, else each member privately. The first message's id."""
        chat_id = self.services.psw_chat_id
        if chat_id is not None and not psw_chat_is_private(self.app):
            await check_psw_chat(self.app)
        if chat_id is not None and psw_chat_is_private(self.app):
            try:
                return await self._post(chat_id, content)
            except ChatMigrated as exc:  # upgraded to a supergroup: follow it and post there
                await migration.follow(self.app, chat_id, exc.new_chat_id)
                await check_psw_chat(self.app)
                if psw_chat_is_private(self.app):
                    return await self._post(exc.new_chat_id, content)
            except TelegramError as exc:
                if not unreachable_chat(exc):
                    raise
                # Removed from the group since the check: the members still get it this week.
                log.warning("digest for %s: PSW chat unreachable (%s)", period, exc.message)
        if chat_id is not None:
            log.warning("digest for %s sent privately: the PSW chat is not private now", period)
        return await self._post_privately(period, content)

    async def _post(self, chat_id: int, content: DigestContent) -> int | None:
        """Text (split as every long text is) then chart to one chat; the first message's id.
        A failure of the text is raised; the picture is a bonus."""
        sent = await send_long(self.app.bot, chat_id, content.text)
        if content.chart is not None:
            try:
                await self.app.bot.send_photo(
                    chat_id,
                    InputFile(content.chart, filename="theme-scores.png"),
                    caption=texts.DIGEST_CHART,
                )
            except TelegramError as exc:
                log.warning("digest chart not posted (%s)", type(exc).__name__)
        return sent[0].message_id if sent else None

    async def _post_privately(self, period: str, content: DigestContent) -> int | None:
        """To each PSW member; the first message's id, None when no member could be reached
        (one who has not started the bot cannot be). A passing failure is raised to retry later,
        unless another member already has it (no one gets it twice)."""
        members = await self.services.db(list_psw_members)
        first: int | None = None
        failure: TelegramError | None = None
        for member in members:
            try:
                sent = await self._post(member.telegram_id, content)
            except TelegramError as exc:
                if not unreachable_chat(exc):
                    log.warning("digest for %s: member %s: %s", period, member.id, exc.message)
                    failure = exc
                    continue
                log.warning("digest for %s: PSW member %s cannot be written to", period, member.id)
                continue
            first = first if first is not None else sent
        if first is None and failure is not None:
            raise failure
        return first
