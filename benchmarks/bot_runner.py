"""A bot process for benchmarks: StayPulse as `staypulse run` wires it, or the echo baseline.

    python -m benchmarks.bot_runner staypulse   # reads DATABASE_URL, TELEGRAM_BASE_URL, token
    python -m benchmarks.bot_runner echo        # the same PTB Application, answering trivially

The echo bot does what the cheapest possible pulse bot would do for the same updates, on the same
PTB, sandbox and machine: a command gets one reply with the pulse's buttons, a tap gets its
callback answered and the message edited. It is the baseline the respondents benchmark divides by.
"""

from __future__ import annotations

import logging
import sys

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.app import HTTP_CONNECTIONS, LONG_POLL_SECONDS, build_application
from bot.settings import load_settings
from surveys.db import make_engine

ECHO_KEYBOARD = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton(label, callback_data=f"e:{n}")]
        for n, label in enumerate(["Agree", "Disagree", "Neither", "No thanks"])
    ]
)


async def _echo_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_chat is not None
    await update.effective_chat.send_message("Question 1 of 4", reply_markup=ECHO_KEYBOARD)


async def _echo_tap(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text(f"Next ({query.data})", reply_markup=ECHO_KEYBOARD)


def main() -> None:
    """Run the chosen bot until killed."""
    logging.basicConfig(level=logging.WARNING)
    which = sys.argv[1]
    settings = load_settings()
    assert settings.token is not None
    if which == "echo":
        app = (
            Application.builder()
            .token(settings.token)
            .base_url(f"{settings.telegram_base_url.rstrip('/')}/bot")
            .concurrent_updates(True)
            .get_updates_read_timeout(LONG_POLL_SECONDS + 10)
            # The same HTTP settings as StayPulse (bot/app.py), so only the handlers differ.
            .connection_pool_size(HTTP_CONNECTIONS)
            .pool_timeout(10.0)
            .build()
        )
        app.add_handler(MessageHandler(filters.TEXT, _echo_message))
        app.add_handler(CallbackQueryHandler(_echo_tap))
    else:
        engine = make_engine(settings.database_url)
        # Telegram's 30 messages a second is lifted in the sandbox, so in the bot too: the
        # figure is the bot's own handling, not the limit both bots would queue behind.
        app = build_application(
            settings, engine, token=settings.token, scheduler=False, rate_limit=False
        )
    app.run_polling(allowed_updates=["message", "callback_query"], timeout=LONG_POLL_SECONDS)


if __name__ == "__main__":
    main()
