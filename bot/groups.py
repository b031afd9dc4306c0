"""Groups: the bot stays only in the PSW chat, and checks, as far as Telegram lets a bot, that
nobody but the PSW team is in it.

A bot cannot list a group's members. It can ask how many there are (getChatMemberCount), who the
admins are (getChatAdministrators) and whether one given user is in it (getChatMember). So the
check counts: members, minus the PSW members who are there, minus bots, must be zero; admins who
are not PSW members are named. Someone else in the group is found by the count, but not who.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import ChatMigrated, TelegramError
from telegram.ext import Application, ContextTypes

from bot import migration, texts
from bot.services import services_of
from surveys.models import PswRole
from surveys.participants import mark_reachable, mark_unreachable
from surveys.psw import list_psw_members

log = logging.getLogger(__name__)

CHECK_JOB = "staypulse-psw-chat-check"
CHECK_EVERY = timedelta(days=7)
REPORT_KEY = "staypulse-psw-chat-report"
_IN = (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.MEMBER)


@dataclass(frozen=True)
class PswChatReport:
    """What the bot could find out about who is in the PSW chat."""

    chat_id: int
    members: int = 0  # everyone, bots included
    psw_present: int = 0
    psw_absent: tuple[int, ...] = ()
    named_outsiders: tuple[str, ...] = ()  # admins who are not PSW members
    unknown_outsiders: int = 0  # counted, not named: Telegram does not tell a bot who
    error: str | None = None

    @property
    def only_psw(self) -> bool:
        """Whether only PSW members (and bots) were found in the chat."""
        return self.error is None and not self.named_outsiders and not self.unknown_outsiders


async def leave_group(app: Application[Any, Any, Any, Any, Any, Any], chat_id: int) -> None:
    """Leave a group or channel that is not the PSW chat (it is not an error if we cannot)."""
    try:
        await app.bot.leave_chat(chat_id)
    except TelegramError as exc:
        log.info("could not leave chat %s (%s)", chat_id, exc.message)
        return
    log.info("left chat %s: it is not PSW_CHAT_ID", chat_id)


async def on_my_chat_member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bot was added to (or removed from) a group or channel: log its id, and stay only in
    the PSW chat."""
    change = update.my_chat_member
    if change is None:
        return
    if change.chat.type == ChatType.PRIVATE:
        await _blocked_or_unblocked(update, context)
        return
    chat = change.chat
    if change.new_chat_member.status not in (*_IN, ChatMemberStatus.RESTRICTED):
        log.info("removed from %s %s", chat.type, chat.id)
        return
    # The one place an operator can learn a group's id: this line, when the bot is added.
    log.warning(
        "added to %s %s (%r) by user %s; to receive the digest there, set PSW_CHAT_ID=%s",
        chat.type,
        chat.id,
        chat.title,
        change.from_user.id,
        chat.id,
    )
    services = services_of(context)
    if chat.id == services.psw_chat_id:
        await check_psw_chat(context.application)
        return
    await leave_group(context.application, chat.id)


async def _blocked_or_unblocked(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A person blocked the bot (status "kicked") or unblocked it ("member"): mark them
    unreachable, or reachable again, so invites neither go to nobody nor stop for good."""
    change = update.my_chat_member
    assert change is not None
    services = services_of(context)
    status = change.new_chat_member.status
    if status in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT):
        changed = await services.db(mark_unreachable, chat_id=change.chat.id)
        log.info("update %s: the bot was blocked (a participant: %s)", update.update_id, changed)
    elif status == ChatMemberStatus.MEMBER:
        changed = await services.db(mark_reachable, chat_id=change.chat.id)
        log.info(
            "update %s: the bot was unblocked (reachable again: %s)", update.update_id, changed
        )


async def check_psw_chat(app: Application[Any, Any, Any, Any, Any, Any]) -> PswChatReport | None:
    """Check the PSW chat's members against the PSW list; tell the admins if anyone else is
    there. None when there is no PSW chat."""
    services = services_of(app)
    chat_id = services.psw_chat_id
    if chat_id is None:
        return None
    try:
        report = await _inspect(app, chat_id)
    except ChatMigrated as exc:  # upgraded to a supergroup: follow it (bot.migration)
        await migration.follow(app, chat_id, exc.new_chat_id)
        chat_id = exc.new_chat_id
        report = await _inspect(app, chat_id)
    app.bot_data[REPORT_KEY] = report
    if report.only_psw:
        log.info("PSW chat %s: %d member(s), all PSW members or bots", chat_id, report.members)
        return report
    if report.error is not None:
        log.warning("PSW chat %s could not be checked (%s)", chat_id, report.error)
    else:
        log.warning(
            "PSW chat %s has %d member(s) who are not PSW members; telling the PSW admins",
            chat_id,
            report.unknown_outsiders + len(report.named_outsiders),
        )
    await _tell_admins(app, report)
    return report


async def _inspect(app: Application[Any, Any, Any, Any, Any, Any], chat_id: int) -> PswChatReport:
    services = services_of(app)
    members = await services.db(list_psw_members)
    psw_ids = {m.telegram_id for m in members}
    bot = app.bot
    try:
        count = await bot.get_chat_member_count(chat_id)
        admins = await bot.get_chat_administrators(chat_id)
        present, absent = 0, []
        for member in members:
            found = await bot.get_chat_member(chat_id, member.telegram_id)
            inside = found.status in _IN or getattr(found, "is_member", False)
            if inside:
                present += 1
            else:
                absent.append(member.telegram_id)
    except ChatMigrated:
        raise
    except TelegramError as exc:
        return PswChatReport(chat_id, error=exc.message)
    bots = {a.user.id for a in admins if a.user.is_bot} | {bot.id}
    outsiders = [a.user for a in admins if not a.user.is_bot and a.user.id not in psw_ids]
    unknown = max(count - present - len(bots) - len(outsiders), 0)
    return PswChatReport(
        chat_id=chat_id,
        members=count,
        psw_present=present,
        psw_absent=tuple(absent),
        named_outsiders=tuple(f"{u.full_name} (id {u.id})" for u in outsiders),
        unknown_outsiders=unknown,
    )


async def _tell_admins(
    app: Application[Any, Any, Any, Any, Any, Any], report: PswChatReport
) -> None:
    services = services_of(app)
    members = await services.db(list_psw_members)
    text = texts.psw_chat_warning(
        chat_id=report.chat_id,
        unknown=report.unknown_outsiders,
        named=report.named_outsiders,
        error=report.error,
    )
    for member in members:
        if member.role != PswRole.ADMIN:
            continue
        try:
            await app.bot.send_message(member.telegram_id, text)
        except TelegramError as exc:  # an admin who never started the bot
            log.info("could not warn PSW admin %s (%s)", member.id, exc.message)


def psw_chat_is_private(app: Application[Any, Any, Any, Any, Any, Any]) -> bool:
    """Whether the last check found only PSW members in the PSW chat (none yet: assume not)."""
    report = app.bot_data.get(REPORT_KEY)
    return (
        isinstance(report, PswChatReport)
        and report.only_psw
        and report.chat_id == services_of(app).psw_chat_id  # not of its id before an upgrade
    )


async def _weekly(context: ContextTypes.DEFAULT_TYPE) -> None:
    await check_psw_chat(context.application)


def schedule_checks(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Check the PSW chat now and every week (one job with a fixed name: never doubled)."""
    if app.job_queue is None or services_of(app).psw_chat_id is None:
        return
    for name in (CHECK_JOB, CHECK_JOB + "-now"):
        for job in app.job_queue.get_jobs_by_name(name):
            job.schedule_removal()
    # Two jobs: an interval job's first run, added before the scheduler starts, can be dropped
    # as misfired; a one-off at start cannot.
    app.job_queue.run_once(_weekly, when=0, name=CHECK_JOB + "-now")
    app.job_queue.run_repeating(_weekly, interval=CHECK_EVERY, first=CHECK_EVERY, name=CHECK_JOB)
