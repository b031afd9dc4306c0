"""Checks before the bot starts (and for `staypulse doctor`): each problem is one line that names
the variable or host and says what to do, and never contains the token."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from telegram import Bot
from telegram.error import Forbidden, InvalidToken, NetworkError, TelegramError, TimedOut
from telegram.request import HTTPXRequest

from bot.settings import Settings, mask_token

# Long enough for a slow proxy, short enough that a wrong address fails before anyone wonders.
CONNECT_SECONDS = 10.0


@dataclass(frozen=True)
class TelegramCheck:
    """Whether the Bot API answered, as whom, and one line for the operator."""

    ok: bool
    line: str
    username: str | None = None


def _host(base_url: str) -> str:
    parts = urlsplit(base_url)
    return parts.netloc or base_url


async def check_telegram(settings: Settings) -> TelegramCheck:
    """Ask TELEGRAM_BASE_URL who the bot is (getMe), and the PSW chat when one is set."""
    token = settings.token
    host = _host(settings.telegram_base_url)
    if token is None:
        return TelegramCheck(
            False, "TELEGRAM_BOT_TOKEN is not set: put the token from @BotFather in .env."
        )
    request = HTTPXRequest(connect_timeout=CONNECT_SECONDS, read_timeout=CONNECT_SECONDS)
    bot = Bot(
        token,
        base_url=f"{settings.telegram_base_url}/bot",
        base_file_url=f"{settings.telegram_base_url}/file/bot",
        request=request,
        get_updates_request=HTTPXRequest(connect_timeout=CONNECT_SECONDS),
    )
    try:
        me = await bot.get_me()
        line = f"Telegram at {host} answers: the bot is @{me.username}."
        if settings.psw_chat_id is not None:
            line += " " + await _psw_chat_line(bot, settings.psw_chat_id)
        return TelegramCheck(True, line, me.username)
    except InvalidToken:
        return TelegramCheck(
            False,
            f"TELEGRAM_BOT_TOKEN ({mask_token(token)}) was refused by {host}: copy the token "
            "again from @BotFather (/mybots → API Token) into .env.",
        )
    except TimedOut:
        return TelegramCheck(
            False,
            f"Telegram at {host} did not answer within {CONNECT_SECONDS:.0f}s: check this "
            "server's internet access, firewall or proxy (HTTPS_PROXY), or TELEGRAM_BASE_URL.",
        )
    except NetworkError as exc:
        return TelegramCheck(
            False,
            f"Cannot reach Telegram at {host} ({_kind(exc)}): check this server's internet "
            "access, DNS, firewall or proxy (HTTPS_PROXY), or TELEGRAM_BASE_URL.",
        )
    except TelegramError as exc:
        return TelegramCheck(
            False, f"Telegram at {host} refused getMe ({_kind(exc)}): check TELEGRAM_BASE_URL."
        )
    finally:
        with contextlib.suppress(TelegramError):  # nothing was opened
            await bot.shutdown()


async def _psw_chat_line(bot: Bot, chat_id: int) -> str:
    try:
        chat = await bot.get_chat(chat_id)
    except (Forbidden, TelegramError) as exc:
        return (
            f"PSW_CHAT_ID {chat_id}: the bot cannot see that chat ({_kind(exc)}); add the bot to "
            "the PSW group and use the id it logs then."
        )
    return f"PSW_CHAT_ID {chat_id} is the group {chat.title or 'without a title'!r}."


def _kind(exc: Exception) -> str:
    """An exception's kind and Telegram's short message, never a URL (URLs carry the token)."""
    message = exc.message if isinstance(exc, TelegramError) else ""
    cause = exc.__cause__ or exc.__context__
    if isinstance(exc, NetworkError) and cause is not None:
        return type(cause).__name__
    if message and "/bot" not in message:
        return message
    return type(exc).__name__


def describe_database_error(url: str, exc: BaseException) -> str:
    """One line for a database that cannot be opened, pointing at the actual cause."""
    parsed = make_url(url)
    kind = type(getattr(exc, "orig", None) or exc).__name__
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        folder = path.parent.resolve()
        if not folder.is_dir():
            return (
                f"DATABASE_URL: the folder {folder} for {path.name} does not exist: create it, "
                "owned by the user StayPulse runs as (see README, 'Running it for real')."
            )
        if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
            return (
                f"DATABASE_URL: {path} cannot be written by this user: make {folder} and "
                "its files belong to the user StayPulse runs as (README, 'Running it for real')."
            )
        return f"DATABASE_URL: cannot open {path} ({kind}): check the file is a StayPulse database."
    where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
    return (
        f"Cannot connect to PostgreSQL at {where} ({kind}): check it is running and that "
        "DATABASE_URL's host, port, user, password and database name are right."
    )


def database_line(engine: Engine) -> str | None:
    """None when the database opens; else one line saying what to fix."""
    try:
        with engine.connect():
            return None
    except Exception as exc:
        return describe_database_error(engine.url.render_as_string(hide_password=True), exc)
