"""The pulse: one message that each tap edits to the next item, then an optional comment.

Progress is in the database (surveys.pulse), so /pulse or the invite's button continues where
the person stopped, even after a restart. Stages are drawn in bot/pulse.mmd.
"""

from __future__ import annotations

import asyncio
import logging
from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from analysis.comments import analyse
from bot import keyboards, texts
from bot.callbacks import Pulse
from bot.conversations import set_focus
from bot.handlers.care import PULSE_WITHDRAWABLE_KEY
from bot.handlers.switch import leave_first
from bot.handlers.util import answer_query, chat_id, edit, remove_typed, reply
from bot.services import Services, services_of
from surveys.bank import SCALE
from surveys.participants import get_participant
from surveys.pulse import (
    CommentTooLong,
    PulseStage,
    PulseState,
    answered_open_pulse,
    clean_comment,
    go_back,
    open_pulse_for,
    pulse_message,
    pulse_state,
    record_answer,
    set_pulse_message,
    submit_feedback,
    submit_pulse,
)
from surveys.wedid import current as current_we_did

log = logging.getLogger(__name__)
# Set once a /feedback comment is saved, so a stale Cancel can say so (memory only).
FEEDBACK_SAVED_KEY = "feedback_saved"
# {confirmation message id: sealed ballot's random id}, so each comment can be withdrawn until it
# is released. Memory only: nothing on disk ties a person to their comment, and after a restart
# it can no longer be withdrawn (the button then says so).
WITHDRAWABLE_KEY = "withdrawable"


def _themes(comment: str | None) -> dict[str, str] | None:
    """The themes of an already redacted comment, stored with it for the PSW summaries."""
    return dict(analyse(comment).themes) if comment else None


async def thanks(services: Services) -> str:
    """The thanks at the end of a pulse, with the newest "you said, we did" update."""
    text = texts.THANKS.format(min_group=services.settings.min_group_size)
    latest = await services.db(current_we_did)
    return text + (texts.WEDID_AFTER_PULSE.format(text=escape(latest.text)) if latest else "")


def render(
    state: PulseState, services: Services, done: str | None = None
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The pulse message for a state; `done` is the thanks to show when it is finished."""
    if state.stage == PulseStage.QUESTION:
        assert state.item is not None
        text = texts.QUESTION.format(
            number=state.position + 1, total=state.total, text=escape(state.item.text)
        )
        if state.current_answer is not None:
            text += texts.YOUR_ANSWER.format(label=SCALE[state.current_answer - 1])
        return text, keyboards.question(state.wave_id, state.position)
    if state.stage == PulseStage.COMMENT:
        return texts.COMMENT_PROMPT, keyboards.comment(state.wave_id, state.position)
    if state.stage == PulseStage.DONE:
        return done or texts.THANKS.format(min_group=services.settings.min_group_size), None
    return texts.PULSE_CLOSED, None


async def pulse_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/pulse: show the current pulse where the person left it (asking first if something else
    is waiting for text)."""
    if not await leave_first(update, context, "pulse"):
        await show_pulse(update, context)


async def show_pulse(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the current pulse where the person left it."""
    services = services_of(context)
    chat = chat_id(update)
    now = services.clock()
    if await services.db(get_participant, chat_id=chat) is None:
        await reply(update, texts.NOT_JOINED)
        return
    wave_id = await services.db(open_pulse_for, chat_id=chat, now=now)
    if wave_id is None:
        answered = await services.db(answered_open_pulse, chat_id=chat, now=now)
        await reply(update, texts.ALREADY_DONE if answered else texts.NO_OPEN_PULSE)
        return
    state = await services.db(
        pulse_state, chat_id=chat, wave_id=wave_id, bank=services.bank, now=now
    )
    done = await thanks(services) if state.stage == PulseStage.DONE else None
    text, markup = render(state, services, done)
    set_focus(context.user_data, "pulse")
    message = await reply(update, text, markup)
    await services.db(
        set_pulse_message, chat_id=chat, wave_id=wave_id, message_id=message.message_id
    )


async def on_pulse(update: Update, context: ContextTypes.DEFAULT_TYPE, press: Pulse) -> None:
    """A pulse button: start, answer, skip, back, or no comment."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    chat, now, bank = chat_id(update), services.clock(), services.bank
    # The message tapped is the one that shows the pulse from now on (remembered in the same
    # transaction as the answer, to mark it done when a typed comment ends the pulse).
    shown = query.message.message_id if query.message is not None else None
    wave = press.wave_id
    if press.action == "go":
        state = await services.db(
            pulse_state, chat_id=chat, wave_id=wave, bank=bank, now=now, message_id=shown
        )
    elif press.action == "b":
        state = await services.db(
            go_back,
            chat_id=chat,
            wave_id=wave,
            bank=bank,
            now=now,
            position=press.position,
            message_id=shown,
        )
    elif press.action == "nc":
        state = await services.db(
            submit_pulse, chat_id=chat, wave_id=wave, bank=bank, now=now, comment=None
        )
    else:
        value = None if press.action == "s" else int(press.action)
        state = await services.db(
            record_answer,
            chat_id=chat,
            wave_id=wave,
            bank=bank,
            now=now,
            position=press.position,
            value=value,
            message_id=shown,
        )

    if state.stage == PulseStage.CLOSED:
        notice: str | None = texts.PULSE_CLOSED
    elif state.stage == PulseStage.DONE and not state.changed:
        notice = texts.ALREADY_DONE
    elif not state.changed and press.action not in ("go",):
        notice = texts.ALREADY_NOTED
    else:
        notice = None
    done = await thanks(services) if state.stage == PulseStage.DONE else None
    text, markup = render(state, services, done)
    # The pulse is what they see now: a typed text answers it if it is at its comment step.
    # (An old button that changes nothing leaves the focus where it was.)
    if state.stage == PulseStage.COMMENT:
        set_focus(context.user_data, "pulse")
    elif state.changed:
        set_focus(context.user_data, "")
    if state.stage == PulseStage.DONE and not state.changed:
        text = texts.DONE_MARK
    # Both at once: the spinner stops and the next question appears in one round trip.
    await asyncio.gather(answer_query(query, notice), edit(query, text, markup))


async def finish_pulse(
    update: Update, context: ContextTypes.DEFAULT_TYPE, wave_id: int, text: str
) -> None:
    """A typed comment ends the pulse: redact, store anonymously, thank, and show what was
    stored."""
    services = services_of(context)
    chat, now = chat_id(update), services.clock()
    try:
        comment = clean_comment(text)
    except CommentTooLong as exc:
        await reply(update, texts.comment_too_long(exc.length))
        return
    state = await services.db(
        submit_pulse,
        chat_id=chat,
        wave_id=wave_id,
        comment=comment,
        bank=services.bank,
        now=now,
        comment_themes=_themes(comment),
    )
    if state.stage != PulseStage.DONE:
        await reply(update, texts.STRAY_TEXT)
        return
    message_id = await services.db(pulse_message, chat_id=chat, wave_id=wave_id)
    if message_id is not None:
        try:
            await update.get_bot().edit_message_text(
                texts.DONE_MARK, chat_id=chat, message_id=message_id
            )
        except BadRequest as exc:  # deleted or already marked: the thanks below is what matters
            log.info("could not mark pulse message done (%s)", exc.message)
    set_focus(context.user_data, "")
    deleting = services.settings.delete_typed_comments
    stored = (
        texts.PULSE_COMMENT_STORED.format(
            comment=escape(comment), min_comment=services.settings.min_comment_group_size
        )
        + texts.PULSE_COMMENT_WITHDRAW_NOTE
        if comment
        else ""
    )
    held = context.user_data
    ballot_id = state.ballot_id if held is not None else None
    thanked = await reply(
        update,
        await thanks(services) + stored + (texts.TYPED_REMOVED if deleting else ""),
        keyboards.withdraw_comment() if ballot_id else None,
    )
    if held is not None and ballot_id is not None:
        # Memory only (bot/handlers/care.py): withdrawable until the pulse closes or a restart.
        held.setdefault(PULSE_WITHDRAWABLE_KEY, {})[thanked.message_id] = ballot_id
    await remove_typed(update, deleting)


async def finish_feedback(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """A /feedback comment: redact, store anonymously, and say exactly what was stored, where,
    who may read it and when."""
    services = services_of(context)
    try:
        comment = clean_comment(text)
    except CommentTooLong as exc:
        await reply(update, texts.comment_too_long(exc.length))
        return
    if comment is None:
        await reply(update, texts.FEEDBACK_PROMPT)
        return
    stored = await services.db(
        submit_feedback,
        chat_id=chat_id(update),
        comment=comment,
        bank=services.bank,
        now=services.clock(),
        tz=services.settings.tz,
        comment_themes=_themes(comment),
    )
    if not stored:
        await reply(update, texts.STRAY_TEXT)
        return
    set_focus(context.user_data, "")
    if context.user_data is not None:
        # So a Cancel pressed later on the prompt says what really happened, and the comment
        # can be withdrawn until it is released.
        context.user_data[FEEDBACK_SAVED_KEY] = True
    deleting = services.settings.delete_typed_comments
    saved = texts.FEEDBACK_SAVED.format(min_comment=services.settings.min_comment_group_size)
    confirmation = await reply(
        update,
        saved
        + texts.FEEDBACK_STORED_AS.format(comment=escape(comment))
        + texts.FEEDBACK_WITHDRAW_NOTE
        + (texts.TYPED_REMOVED if deleting else ""),
        keyboards.cancel("fw", texts.FEEDBACK_WITHDRAW),
    )
    if context.user_data is not None:
        context.user_data.setdefault(WITHDRAWABLE_KEY, {})[confirmation.message_id] = stored
    await remove_typed(update, deleting)
