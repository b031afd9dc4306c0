"""What every handler and job needs: settings, the database, the clock.

It lives in `application.bot_data` under one key, so handlers stay thin: read the update, make one
call into `surveys` or `analysis` through `services.db(...)`, render the result.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlmodel import Session
from telegram.ext import Application, CallbackContext

from bot.settings import Settings
from surveys.bank import QuestionBank, default_bank
from surveys.calendar import WorkingCalendar
from surveys.db import db_threads, run_unit
from surveys.schedule import SchedulesFile, load_schedules
from surveys.types import utcnow

T = TypeVar("T")
KEY = "staypulse"


@dataclass
class Services:
    """Shared dependencies of the running bot."""

    settings: Settings
    engine: Engine
    clock: Callable[[], datetime] = field(default=utcnow)
    bank: QuestionBank = field(default_factory=default_bank)
    schedules: SchedulesFile = field(default_factory=lambda: load_schedules(None))
    bot_username: str = ""
    calendar: WorkingCalendar = field(init=False)
    # The database's own threads, as many as its connection pool: asyncio's default pool (six
    # threads here) would queue people behind each other's round trips to PostgreSQL.
    _db_threads: ThreadPoolExecutor = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Built once: the bank-holiday table behind it is not free to make.
        self.calendar = self.settings.calendar()
        self._db_threads = ThreadPoolExecutor(db_threads(self.engine), thread_name_prefix="db")

    @classmethod
    def from_settings(cls, settings: Settings, engine: Engine, **kwargs: Any) -> Services:
        """Services with the bank and schedules the settings name (ConfigFileError if wrong)."""
        from bot.surveyfiles import load_survey_files

        bank, schedules = load_survey_files(settings)
        return cls(settings=settings, engine=engine, bank=bank, schedules=schedules, **kwargs)

    async def db(self, fn: Callable[..., T], /, **kwargs: Any) -> T:
        """Run `fn(session=..., **kwargs)` as one unit of work, off the event loop (again if the
        database was busy or the connection dropped: surveys.db.run_unit)."""

        call = functools.partial(run_unit, self.engine, fn, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(self._db_threads, call)

    def db_sync(self, fn: Callable[..., T], /, **kwargs: Any) -> T:
        """The same unit of work, for code that is not async (start-up, the CLI)."""
        return run_unit(self.engine, fn, **kwargs)

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
