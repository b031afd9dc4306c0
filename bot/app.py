"""Wiring: the PTB Application with StayPulse's handlers, rate limiter and start-up work."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Engine
from telegram import BotCommandScopeAllPrivateChats, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import groups, migration
from bot.commands import menu
from bot.concurrency import PerChatUpdateProcessor
from bot.handlers import (
    actions,
    buttons,
    common,
    control,
    interviews,
    onboarding,
    psw,
    pulse,
    report,
    reports,
    results,
    text,
    waves,
)
from bot.handlers.guards import Guard
from bot.menus import Menus
from bot.ratelimit import RateLimiter
from bot.scheduler import SCHEDULER_KEY, Scheduler
from bot.services import KEY, Services
from bot.settings import Settings
from surveys.org import set_bot_username
from surveys.psw import ensure_admins

log = logging.getLogger(__name__)

MENUS_KEY = "menus"

# How long one getUpdates call waits for news, and how long httpx waits beyond that.
# The kinds of update the bot handles, asked of Telegram at getUpdates (nothing else arrives):
# the same list for `staypulse run` and for local runs and tests against the sandbox.
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member", "channel_post"]
LONG_POLL_SECONDS = 10


HTTP_CONNECTIONS = 32


def build_application(
    settings: Settings,
    engine: Engine,
    *,
    token: str,
    base_url: str | None = None,
    services: Services | None = None,
    scheduler: bool = True,
    rate_limit: bool = True,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The bot, ready for `run_polling()` or `async with app` in tests and the demo.

    With `scheduler`, waves, reminders and the digest run on the timetable from the first moment
    the application is running; without it, something else drives `Scheduler.run_due()`.
    """
    root = (base_url or settings.telegram_base_url).rstrip("/")
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
        Application.builder()
        .token(token)
        .base_url(f"{root}/bot")
        .base_file_url(f"{root}/file/bot")
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.tz))
        # People in parallel, each person's updates in order (bot/concurrency.py).
        .concurrent_updates(PerChatUpdateProcessor())
        .get_updates_read_timeout(LONG_POLL_SECONDS + 10)
        # httpx's pool checks every open connection each time a request starts or ends, so
        # PTB's default of 256 spent a quarter of the bot's time on bookkeeping under load. A
        # few dozen connections keep up with everything the handlers send at once, and a
        # request that must wait for one waits (up to 10 s) instead of failing after PTB's 1 s.
        .connection_pool_size(HTTP_CONNECTIONS)
        .pool_timeout(10.0)
        .post_init(_post_init)
    )
    if rate_limit:  # off only for benchmarks of the bot's own handling, on a limitless sandbox
        # ≤30 messages/s overall and ≤20/min per group, retrying after Telegram's retry_after.
        builder.rate_limiter(RateLimiter(max_retries=5))
    app = builder.build()
    app.bot_data[KEY] = services or Services.from_settings(settings, engine)
    if scheduler:
        app.bot_data[SCHEDULER_KEY] = Scheduler(app)
    register_handlers(app)
    return app


def register_handlers(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Every handler: the guard first, then commands, buttons, text, and everything else."""
    services: Services = app.bot_data[KEY]
    menus = app.bot_data[MENUS_KEY] = Menus(services)
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, migration.on_migrate), group=-2)
    guard = Guard(
        psw_chat_id=lambda: services.psw_chat_id,
        per_minute=services.settings.flood_messages_per_minute,
        menus=menus,
    )
    app.add_handler(TypeHandler(Update, guard), group=-1)

    private = filters.ChatType.PRIVATE
    new_message = filters.UpdateType.MESSAGE
    app.add_handler(MessageHandler(private & filters.UpdateType.EDITED, common.edited))
    commands = {
        "start": onboarding.start,
        "pulse": pulse.pulse_command,
        "feedback": control.feedback_command,
        "talk": control.talk_command,
        "mydata": control.mydata_command,
        "pause": control.pause_command,
        "resume": control.resume_command,
        "stop": control.stop_command,
        "forget": control.forget_command,
        "privacy": control.privacy_command,
        "help": control.help_command,
        "next": control.next_command,
        "whoami": onboarding.whoami_command,
        "invite": psw.invite_command,
        "schedule": waves.schedule_command,
        "wave": waves.wave_command,
        "summary": results.summary_command,
        "comments": results.comments_command,
        "themes": results.themes_command,
        "drivers": results.drivers_command,
        "interviews": results.interviews_command,
        "participation": results.participation_command,
        "trend": reports.trend_command,
        "export": reports.export_command,
        "digest": reports.digest_command,
        "wedid": actions.wedid_command,
        "actions": actions.actions_command,
        "action": actions.action_command,
        "breakdown": report.breakdown_command,
        "compare": report.compare_command,
        "overtime": report.overtime_command,
        "report": report.report_command,
        "stay": interviews.stay_command,
        "record_stay": interviews.record_stay_command,
        "my_interviews": interviews.my_interviews_command,
        "invite_exit": interviews.invite_exit_command,
    }
    for name, callback in commands.items():
        app.add_handler(CommandHandler(name, callback, filters=private & new_message))
    app.add_handler(ChatMemberHandler(groups.on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(CallbackQueryHandler(buttons.on_button))
    app.add_handler(MessageHandler(private & new_message & filters.COMMAND, common.unknown_command))
    app.add_handler(MessageHandler(private & new_message & filters.TEXT, text.on_text))
    app.add_handler(
        MessageHandler(private & new_message & ~filters.StatusUpdate.ALL, common.not_text)
    )
    app.add_error_handler(common.on_error)


async def _post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Start-up work that needs the bot: admins from settings, command menus."""
    services: Services = app.bot_data[KEY]
    services.bot_username = app.bot.username
    services.db_sync(set_bot_username, username=app.bot.username)
    migration.load(app)
    added = services.db_sync(ensure_admins, telegram_ids=services.settings.admin_telegram_ids)
    if added:
        log.info("made %d configured admin(s) PSW admins", added)
    await app.bot.set_my_commands(menu(None), scope=BotCommandScopeAllPrivateChats())
    # PSW members' own menus; those who have never written to the bot get theirs when they do.
    await app.bot_data[MENUS_KEY].sync_all(app.bot)
    groups.schedule_checks(app)  # the PSW chat's members, now and weekly
    timetable = app.bot_data.get(SCHEDULER_KEY)
    if isinstance(timetable, Scheduler) and app.job_queue is not None:
        # As a job, so polling starts at once even if a large fan-out is due.
        app.job_queue.run_once(_start_scheduler, when=0, name="staypulse-start")


async def _start_scheduler(context: ContextTypes.DEFAULT_TYPE) -> None:
    timetable = context.application.bot_data[SCHEDULER_KEY]
    await timetable.start()
