"""What every handler and job needs: settings, the database, the clock.

It lives in `application.bot_data` under one key, so handlers stay thin: read the update, make one
call into `surveys` or `analysis` through `services.db(...)`, render the result.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Engine
from sqlmodel import Session
from telegram.ext import Application, CallbackContext

from bot.settings import Settings
from surveys.ballot import WaveRelease, release_interviews, release_wave, waves_to_release
from surveys.bank import QuestionBank, default_bank
from surveys.calendar import WorkingCalendar
from surveys.db import db_threads, run_unit, scrub
from surveys.interviews import FLOWS, Flows
from surveys.schedule import SchedulesFile, load_schedules
from surveys.signposting import Signposting, default_signposting
from surveys.types import utcnow

T = TypeVar("T")
P = ParamSpec("P")
log = logging.getLogger(__name__)
KEY = "staypulse"


@dataclass
class Services:
    """Shared dependencies of the running bot."""

    settings: Settings
    engine: Engine
    clock: Callable[[], datetime] = field(default=utcnow)
    bank: QuestionBank = field(default_factory=default_bank)
    schedules: SchedulesFile = field(default_factory=lambda: load_schedules(None))
    signposting: Signposting = field(default_factory=default_signposting)
    interviews: Flows = field(default_factory=lambda: FLOWS)  # worded by INTERVIEW_FILE
    bot_username: str = ""
    calendar: WorkingCalendar = field(init=False)
    # The database's own threads, as many as its connection pool: asyncio's default pool (six
    # threads here) would queue people behind each other's round trips to PostgreSQL.
    _db_threads: ThreadPoolExecutor = field(init=False, repr=False)
    # Groups Telegram upgraded to supergroups, old id to new (surveys.chats; loaded at start).
    chat_moves: dict[int, int] = field(default_factory=dict, init=False, repr=False)
    # Held while an upgrade is checked and recorded: Telegram announces one upgrade in both
    # chats, and the bot handles chats concurrently (bot.migration.follow).
    moves_lock: asyncio.Lock = field(default_factory=asyncio.Lock, init=False, repr=False)

    def __post_init__(self) -> None:
        # Sealed drafts and ballots need the key before the first unit of work (ConfigError).
        self.settings.use_ballot_key()
        # Built once: the bank-holiday table behind it is not free to make.
        self.calendar = self.settings.calendar()
        self._db_threads = ThreadPoolExecutor(db_threads(self.engine), thread_name_prefix="db")

    @classmethod
    def from_settings(cls, settings: Settings, engine: Engine, **kwargs: Any) -> Services:
        """Services with the bank and schedules the settings name (ConfigFileError if wrong)."""
        from bot.surveyfiles import load_interview_flows, load_survey_files

        bank, schedules, signposting = load_survey_files(settings)
        return cls(
            settings=settings,
            engine=engine,
            bank=bank,
            schedules=schedules,
            signposting=signposting,
            interviews=load_interview_flows(settings),
            **kwargs,
        )

    async def db(
        self, fn: Callable[Concatenate[Session, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Run `fn(session, *args, **kwargs)` as one unit of work, off the event loop (again if
        the database was busy or the connection dropped: surveys.db.run_unit). Typed through
        `fn`'s own signature, so a misspelt or wrong-typed argument fails mypy."""

        call = functools.partial(run_unit, self.engine, fn, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(self._db_threads, call)

    @property
    def psw_chat_id(self) -> int | None:
        """The PSW chat's id now: PSW_CHAT_ID, followed through Telegram's group upgrades."""
        chat_id = self.settings.psw_chat_id
        seen: set[int] = set()
        while chat_id is not None and chat_id in self.chat_moves and chat_id not in seen:
            seen.add(chat_id)
            chat_id = self.chat_moves[chat_id]
        return chat_id

    @property
    def forms_k(self) -> int | None:
        """The k rotating items are dealt in forms with (PULSE_FORMS), or None when everyone
        gets the same items."""
        return self.settings.min_group_size if self.settings.pulse_forms else None

    def today(self) -> date:
        """Today in the service's time zone, by the service's clock."""
        return self.clock().astimezone(self.settings.tz).date()

    async def release_waves(self) -> list[WaveRelease]:
        """Release every closed wave whose sealed pulses wait, each batch in a unit of work of
        its own (never the one that closed the wave), then scrub the SQLite WAL."""
        released = []
        for wave_id in await self.db(waves_to_release):
            done = await self.db(
                release_wave,
                wave_id=wave_id,
                bank=self.bank,
                min_group=self.settings.min_group_size,
            )
            if done is not None:
                released.append(done)
                log.info(
                    "wave %s released: %d answers, %d held comments, %d withheld (fewer than %d)",
                    done.wave_id,
                    done.released,
                    done.feedback,
                    done.withheld,
                    self.settings.min_group_size,
                )
        if released:
            await self.scrub()
        return released

    async def release_interviews(self, queue: str) -> int:
        """Release one interview queue if it now holds a whole batch; how many were released."""
        month = self.clock().astimezone(self.settings.tz).strftime("%Y-%m")
        count = await self.db(
            release_interviews, kind=queue, period=month, min_group=self.settings.min_group_size
        )
        if count:
            log.info("%d %s interviews released as one batch", count, queue)
            await self.scrub()
        return count

    async def scrub(self) -> None:
        """Empty the SQLite WAL into the file (surveys.db.scrub): after a withdrawal, so the
        withdrawn comment is not left in a page an older commit still holds."""
        await self._run(scrub, self.engine)

    async def _run(self, fn: Callable[..., T], /, *args: Any) -> T:
        """Run a plain blocking call on the database's threads."""
        call = functools.partial(fn, *args)
        return await asyncio.get_running_loop().run_in_executor(self._db_threads, call)

    def db_sync(
        self, fn: Callable[Concatenate[Session, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """The same unit of work, for code that is not async (start-up, the CLI)."""
        return run_unit(self.engine, fn, *args, **kwargs)

    def session(self) -> Session:
        """A plain session, for tests and scripts."""
        return Session(self.engine, expire_on_commit=False)


def services_of(
    context: CallbackContext[Any, Any, Any, Any] | Application[Any, Any, Any, Any, Any, Any],
) -> Services:
    """The Services object of a handler's context or of an application."""
    bot_data = context.bot_data
    value = bot_data[KEY]
    assert isinstance(value, Services)
    return value
