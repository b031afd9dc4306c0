"""A real bot process for crash tests: `staypulse run`'s wiring with a simulated clock.

    python -m tests.e2e.bot_process --start 2026-11-25T10:00:00+00:00

reads DATABASE_URL, TELEGRAM_BASE_URL and TELEGRAM_BOT_TOKEN like `staypulse run`, and drives the
timetable every second on a clock that starts at --start (so the test does not depend on when it
runs). Tests SIGKILL it mid-flight and start it again.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from telegram.ext import ContextTypes

from bot.app import ALLOWED_UPDATES, build_application
from bot.local.runner import SimulatedClock
from bot.logs import configure_logging
from bot.scheduler import Scheduler
from bot.services import Services
from bot.settings import load_settings
from surveys.db import make_engine


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--start", required=True, help="the simulated clock's start, ISO 8601")
    args = parser.parse_args()
    settings = load_settings()
    assert settings.token is not None
    configure_logging("INFO", secrets=[settings.token])
    engine = make_engine(settings.database_url)
    services = Services.from_settings(
        settings, engine, clock=SimulatedClock(datetime.fromisoformat(args.start))
    )
    app = build_application(
        settings, engine, token=settings.token, services=services, scheduler=False
    )
    timetable = Scheduler(app, autoplan=False)
    started = False

    async def tick(context: ContextTypes.DEFAULT_TYPE) -> Any:
        nonlocal started
        if not started:
            started = True
            await timetable.start()
        else:
            await timetable.run_due()

    assert app.job_queue is not None
    app.job_queue.run_repeating(tick, interval=1, first=0, name="crash-test-tick")
    app.run_polling(allowed_updates=ALLOWED_UPDATES)


if __name__ == "__main__":
    main()
