"""Staying in control: help, privacy, my data, pause, resume, stop, forget, feedback and talk."""

from __future__ import annotations

import logging
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot import keyboards, texts
from bot.callbacks import Confirm
from bot.commands import help_text
from bot.conversations import set_focus
from bot.handlers.pulse import FEEDBACK_SAVED_KEY, WITHDRAWABLE_KEY, refusal_text
from bot.handlers.switch import TALK_KEY, leave_first
from bot.handlers.util import answer_query, chat_id, edit, reply
from bot.services import services_of
from bot.usecases import respondent
from bot.usecases.respondent import NotRespondent
from surveys.participants import PAUSE_WEEKS_DEFAULT, ParticipantError
from surveys.pulse import MAX_COMMENT_CHARS

log = logging.getLogger(__name__)
# The /talk request waits in memory only (TALK_KEY): the note goes out with the person's name, so
# it must never be written to disk; after a restart they simply ask again.


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Exactly the commands the person may use, from the table the command menus come from."""
    services = services_of(context)
    assert update.effective_user is not None
    role = await services.db(respondent.help_role, telegram_id=update.effective_user.id)
    await reply(update, help_text(role, texts.HELP_HEADER, texts.PSW_HELP_HEADER))


def _when(moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return f"{local:%A} {local.day} {local:%B} at {local:%H:%M}"


async def next_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/next: the pulse open for them now, or when the next one is due."""
    services = services_of(context)
    try:
        found = await services.db(
            respondent.next_pulse,
            chat_id=chat_id(update),
            now=services.clock(),
            schedules=services.schedules,
            calendar=services.calendar,
        )
    except NotRespondent as refused:
        await reply(update, refusal_text(refused))
        return
    tz = services.settings.tz
    if found.open_until is not None:
        await reply(update, texts.NEXT_OPEN.format(closes=_when(found.open_until, tz)))
    elif found.opens_at is not None and found.closes_at is not None:
        await reply(
            update,
            texts.NEXT_DUE.format(
                opens=_when(found.opens_at, tz), closes=_when(found.closes_at, tz)
            ),
        )
    else:
        await reply(update, texts.NEXT_NONE)


async def privacy_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """How answers are kept safe."""
    settings = services_of(context).settings
    await reply(
        update,
        texts.privacy_notice(
            settings.min_group_size, settings.min_comment_group_size, texts.governance(settings)
        ),
    )


async def mydata_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Exactly what is held about the person."""
    services = services_of(context)
    data = await services.db(respondent.my_data, chat_id=chat_id(update))
    if data is None:
        await reply(update, texts.NOTHING_HELD)
        return
    await reply(update, texts.my_data(data, services.settings.tz))


async def pause_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/pause [weeks]: no messages for 1–12 weeks (default 4)."""
    services = services_of(context)
    args = context.args or []
    if len(args) > 1 or (args and not args[0].isdigit()):
        await reply(update, texts.PAUSE_USAGE)
        return
    weeks = int(args[0]) if args else PAUSE_WEEKS_DEFAULT
    try:
        paused_until = await services.db(
            respondent.pause, chat_id=chat_id(update), weeks=weeks, now=services.clock()
        )
    except ParticipantError as exc:
        await reply(update, texts.PAUSE_USAGE if "weeks" in str(exc) else str(exc))
        return
    until = texts.local_date(paused_until, services.settings.tz)
    await reply(update, texts.PAUSED.format(until=until))


async def resume_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/resume after a pause or a stop."""
    services = services_of(context)
    try:
        await services.db(respondent.resume, chat_id=chat_id(update))
    except ParticipantError as exc:
        await reply(update, str(exc))
        return
    await reply(update, texts.RESUMED)


async def stop_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stop: no more messages until /start."""
    services = services_of(context)
    await services.db(respondent.stop, chat_id=chat_id(update))
    await reply(update, texts.STOPPED)


async def forget_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/forget: ask first, because it cannot be undone."""
    services = services_of(context)
    if not await services.db(respondent.holds_data, chat_id=chat_id(update)):
        await reply(update, texts.NOTHING_HELD)
        return
    await reply(
        update, texts.FORGET_ASK, keyboards.confirm("fg", texts.FORGET_YES, texts.FORGET_NO)
    )


async def feedback_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/feedback: the next text is an anonymous comment (asking first if something else is
    waiting for text)."""
    if not await leave_first(update, context, "feedback"):
        await open_feedback(update, context)


async def open_feedback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Wait for a /feedback comment."""
    services = services_of(context)
    try:
        await services.db(respondent.open_feedback, chat_id=chat_id(update))
    except NotRespondent as refused:
        await reply(update, refusal_text(refused))
        return
    set_focus(context.user_data, "feedback")
    if context.user_data is not None:
        context.user_data.pop(FEEDBACK_SAVED_KEY, None)
    await reply(update, texts.FEEDBACK_PROMPT, keyboards.cancel("fb", texts.FEEDBACK_CANCEL))


def talk_request(update: Update, note: str | None) -> str:
    """The request exactly as PSW members receive it: the preview shows this very text."""
    user = update.effective_user
    assert user is not None
    return texts.TALK_TO_PSW.format(
        user_id=user.id,
        name=escape(user.full_name),
        username=f" (@{escape(user.username)})" if user.username else "",
        note=f"\n\nTheir note: {escape(note)}" if note else "",
    )


def _talk_preview(update: Update, note: str | None) -> str:
    return f"<blockquote>{talk_request(update, note)}</blockquote>"


async def talk_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/talk: show exactly what will be shared, and send only after they confirm (asking first
    if something else is waiting for text)."""
    if not await leave_first(update, context, "talk"):
        await open_talk(update, context)


async def open_talk(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Hold a /talk request (memory only) and show its preview."""
    assert context.user_data is not None
    context.user_data[TALK_KEY] = None
    set_focus(context.user_data, "talk")
    await reply(
        update,
        texts.TALK_ASK.format(preview=_talk_preview(update, None)),
        keyboards.confirm("tk", texts.TALK_SEND, texts.TALK_CANCEL),
    )


async def on_talk_note(update: Update, context: ContextTypes.DEFAULT_TYPE, note: str) -> None:
    """A note typed after /talk: show the new preview."""
    assert context.user_data is not None
    if len(note) > MAX_COMMENT_CHARS:
        await reply(update, texts.comment_too_long(len(note)))
        return
    context.user_data[TALK_KEY] = note
    await reply(
        update,
        texts.TALK_ASK.format(preview=_talk_preview(update, note)),
        keyboards.confirm("tk", texts.TALK_SEND, texts.TALK_CANCEL),
    )


async def _send_talk(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    assert context.user_data is not None
    return await send_talk_request(update, context, context.user_data.pop(TALK_KEY, None))


async def send_talk_request(
    update: Update, context: ContextTypes.DEFAULT_TYPE, note: str | None
) -> str:
    """Ask every PSW member to contact this person (from /talk or after a stay interview);
    the request carries their name and nothing they answered. Returns what to tell them."""
    services = services_of(context)
    user = update.effective_user
    assert user is not None
    recipients = await services.db(respondent.talk_recipients)
    if not recipients:
        return texts.TALK_NO_PSW
    message = talk_request(update, note)
    delivered = 0
    for recipient in recipients:
        try:
            await context.bot.send_message(recipient, message)
            delivered += 1
        except TelegramError as exc:
            log.warning("talk request not delivered to a PSW member (%s)", type(exc).__name__)
    return texts.TALK_SENT if delivered else texts.TALK_NO_PSW


async def _withdraw(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Withdraw the comment just saved, if it is still held (its id is in memory only)."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    assert context.user_data is not None
    held: dict[int, str] = context.user_data.get(WITHDRAWABLE_KEY, {})
    shown = query.message.message_id if query.message is not None else None
    ballot_id = held.pop(shown, None) if shown is not None else None
    if ballot_id is not None and await services.db(
        respondent.withdraw_feedback, ballot_id=ballot_id
    ):
        await services.scrub()
        await edit(query, texts.FEEDBACK_WITHDRAWN)
    else:
        await answer_query(query, texts.FEEDBACK_NOT_WITHDRAWN)
        await edit(query, texts.FEEDBACK_NOT_WITHDRAWN)


async def on_confirm(update: Update, context: ContextTypes.DEFAULT_TYPE, answer: Confirm) -> None:
    """Yes or no to /forget, /talk or /feedback."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    assert context.user_data is not None
    chat = chat_id(update)
    if answer.topic == "fg":
        if answer.yes:
            await services.db(respondent.forget, chat_id=chat)
            context.user_data.clear()
            await edit(query, texts.FORGOTTEN)
        else:
            await edit(query, texts.FORGET_CANCELLED)
    elif answer.topic == "tk":
        set_focus(context.user_data, "")
        if answer.yes and TALK_KEY in context.user_data:
            await edit(query, await _send_talk(update, context))
        elif answer.yes:
            await edit(query, texts.TALK_EXPIRED)
        else:
            context.user_data.pop(TALK_KEY, None)
            await edit(query, texts.TALK_CANCELLED)
    elif answer.topic == "fw":
        # Before the cancel below: a withdraw pressed while another comment is being written is
        # about the saved comment, and must neither cancel nor claim to cancel the new one.
        await _withdraw(update, context)
    elif await services.db(respondent.cancel_feedback, chat_id=chat):
        set_focus(context.user_data, "")
        await edit(query, texts.FEEDBACK_CANCELLED)
    elif context.user_data.get(FEEDBACK_SAVED_KEY):
        # An old Cancel pressed after the comment was saved: say what really happened.
        await edit(query, texts.FEEDBACK_ALREADY_SAVED)
    else:
        await edit(query, texts.FEEDBACK_NOTHING_TO_CANCEL)
