"""Run the real bot against a local sandbox in this process: for `demo`, `chat` and tests.

The bot is the same Application `staypulse run` builds; only the base URL and token point at the
sandbox, as a self-hosted Bot API server would be configured.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from telegram.error import TelegramError
from telegram.ext import Application

from bot.app import ALLOWED_UPDATES, build_application
from bot.services import Services
from bot.settings import Settings
from sandbox import Sandbox, SandboxLimits, SimClient
from surveys.db import make_engine, session_scope, upgrade
from surveys.models import PswRole
from surveys.org import load_org, read_org_file
from surveys.psw import add_psw_member


class SimulatedClock:
    """A clock for local runs: starts where it is told and moves only when advanced.

    Tests and the demo run at any hour of any day; the bot must behave as on a working morning,
    and the demo must live through a fortnight in seconds.
    """

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("the simulated clock needs an aware start time")
        self.now = start.astimezone(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> datetime:
        """Move time forward."""
        self.now += delta
        return self.now

    def set(self, moment: datetime) -> datetime:
        """Jump to a moment (forwards only)."""
        if moment < self.now:
            raise ValueError("time only moves forwards")
        self.now = moment.astimezone(UTC)
        return self.now


@dataclass
class LocalBot:
    """A running sandbox, the bot polling it, and a client to play people."""

    sandbox: Sandbox
    app: Application[Any, Any, Any, Any, Any, Any]
    client: SimClient
    services: Services
    poll_timeout: int = 1

    async def start_polling(self) -> None:
        """Fetch updates from the sandbox, as `staypulse run` does."""
        app = self.app
        assert app.updater is not None

        def polling_error(exc: TelegramError) -> None:
            # As run_polling does: polling errors (a 409 Conflict) go to the error handlers.
            app.create_task(app.process_error(None, exc))

        await app.updater.start_polling(
            # A short long-poll keeps shutdown quick; on loopback the extra polls cost nothing.
            poll_interval=0,
            timeout=self.poll_timeout,
            allowed_updates=ALLOWED_UPDATES,  # what `staypulse run` asks for
            error_callback=polling_error,
        )

    async def stop_polling(self) -> None:
        """Stop fetching updates, as during an outage: people's updates wait at the sandbox."""
        assert self.app.updater is not None
        await self.app.updater.stop()


def prepare_database(url: str, org_file: Path | None, *, fresh: bool = False) -> Engine:
    """Migrate the database (wiping a SQLite file first when `fresh`) and load the org file."""
    if fresh and url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    engine = make_engine(url)
    upgrade(engine)
    if org_file is not None:
        spec = read_org_file(org_file)
        with session_scope(engine) as session:
            load_org(session=session, spec=spec)
    return engine


def add_psw(
    engine: Engine, telegram_id: int, role: PswRole = PswRole.ADMIN, name: str = ""
) -> None:
    """Make someone a PSW member (for local runs and tests)."""
    with session_scope(engine) as session:
        add_psw_member(session=session, telegram_id=telegram_id, role=role, name=name)


@asynccontextmanager
async def local_bot(
    settings: Settings,
    engine: Engine,
    *,
    limits: SandboxLimits | None = None,
    sandbox: Sandbox | None = None,
    services: Services | None = None,
    poll_timeout: int = 1,
    scheduler: bool = False,
    seed: int | None = None,
) -> AsyncIterator[LocalBot]:
    """Start a sandbox (unless given one) and the real bot polling it; stop both on exit.

    The timetable is off unless `scheduler` is set: tests and the demo drive waves themselves.
    `seed` fixes the random draws of the sandbox it starts (not of one it is given), so a test
    of injected faults draws the same sequence of them every run.
    """
    own_sandbox = sandbox is None
    sandbox = sandbox or Sandbox(limits=limits, seed=seed)
    if own_sandbox:
        await sandbox.start()
    app = build_application(
        settings,
        engine,
        token=sandbox.token,
        base_url=sandbox.url,
        services=services,
        scheduler=scheduler,
    )
    client = SimClient(sandbox.url)
    try:
        await app.initialize()
        if app.post_init is not None:
            await app.post_init(app)  # run_polling() would call it; here we drive the app
        assert app.updater is not None
        local = LocalBot(
            sandbox=sandbox,
            app=app,
            client=client,
            services=app.bot_data["staypulse"],
            poll_timeout=poll_timeout,
        )
        await local.start_polling()
        await app.start()
        try:
            yield local
        finally:
            if app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
    finally:
        await app.shutdown()
        await client.close()
        if own_sandbox:
            await sandbox.stop()
