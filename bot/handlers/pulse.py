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

from bot import keyboards, texts
from bot.callbacks import Pulse
from bot.conversations import set_focus
from bot.handlers.care import PULSE_WITHDRAWABLE_KEY
from bot.handlers.switch import leave_first
from bot.handlers.util import answer_query, chat_id, edit, remove_typed, reply
from bot.services import Services, services_of
from bot.usecases import respondent
from bot.usecases.respondent import NotRespondent, PulseView, Refusal
from surveys.bank import SCALE
from surveys.participants import PSW_CANNOT_TAKE_PART
from surveys.pulse import CommentTooLong, PulseStage, PulseState

log = logging.getLogger(__name__)
# Set once a /feedback comment is saved, so a stale Cancel can say so (memory only).
FEEDBACK_SAVED_KEY = "feedback_saved"
# {confirmation message id: sealed ballot's random id}, so each comment can be withdrawn until it
# is released. Memory only: nothing on disk ties a person to their comment, and after a restart
# it can no longer be withdrawn (the button then says so).
WITHDRAWABLE_KEY = "withdrawable"


def refusal_text(refused: NotRespondent) -> str:
    """Why someone may not answer, in one line."""
    if refused.reason == Refusal.READS_RESULTS:
        return escape(PSW_CANNOT_TAKE_PART)
    return texts.NOT_JOINED


def thanks(view: PulseView, services: Services) -> str:
    """The thanks at the end of a pulse, with the newest "you said, we did" update."""
    text = texts.THANKS.format(min_group=services.settings.min_group_size)
    latest = view.we_did
    return text + (texts.WEDID_AFTER_PULSE.format(text=escape(latest)) if latest else "")


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
    try:
        shown = await services.db(
            respondent.show_pulse, chat_id=chat, bank=services.bank, now=services.clock()
        )
    except NotRespondent as refused:
        await reply(update, refusal_text(refused))
        return
    view = shown.pulse
    if view is None:
        await reply(update, texts.ALREADY_DONE if shown.answered else texts.NO_OPEN_PULSE)
        return
    done = thanks(view, services) if view.state.stage == PulseStage.DONE else None
    text, markup = render(view.state, services, done)
    set_focus(context.user_data, "pulse")
    message = await reply(update, text, markup)
    await services.db(
        respondent.remember_pulse_message,
        chat_id=chat,
        wave_id=view.state.wave_id,
        message_id=message.message_id,
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
        view = await services.db(
            respondent.start_pulse, chat_id=chat, wave_id=wave, bank=bank, now=now, message_id=shown
        )
    elif press.action == "b":
        view = await services.db(
            respondent.step_back,
            chat_id=chat,
            wave_id=wave,
            bank=bank,
            now=now,
            position=press.position,
            message_id=shown,
        )
    elif press.action == "nc":
        view = await services.db(
            respondent.finish_without_comment, chat_id=chat, wave_id=wave, bank=bank, now=now
        )
    else:
        view = await services.db(
            respondent.answer_item,
            chat_id=chat,
            wave_id=wave,
            bank=bank,
            now=now,
            position=press.position,
            value=None if press.action == "s" else int(press.action),
            message_id=shown,
        )
    state = view.state
    if state.stage == PulseStage.CLOSED:
        notice: str | None = texts.PULSE_CLOSED
    elif state.stage == PulseStage.DONE and not state.changed:
        notice = texts.ALREADY_DONE
    elif not state.changed and press.action not in ("go",):
        notice = texts.ALREADY_NOTED
    else:
        notice = None
    done = thanks(view, services) if state.stage == PulseStage.DONE else None
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
    chat = chat_id(update)
    try:
        result = await services.db(
            respondent.comment_pulse,
            chat_id=chat,
            wave_id=wave_id,
            text=text,
            bank=services.bank,
            now=services.clock(),
        )
    except CommentTooLong as exc:
        await reply(update, texts.comment_too_long(exc.length))
        return
    if result.pulse.state.stage != PulseStage.DONE:
        await reply(update, texts.STRAY_TEXT)
        return
    if result.message_id is not None:
        try:
            await update.get_bot().edit_message_text(
                texts.DONE_MARK, chat_id=chat, message_id=result.message_id
            )
        except BadRequest as exc:  # deleted or already marked: the thanks below is what matters
            log.info("could not mark pulse message done (%s)", exc.message)
    set_focus(context.user_data, "")
    deleting = services.settings.delete_typed_comments
    comment = result.comment
    stored = (
        texts.PULSE_COMMENT_STORED.format(
            comment=escape(comment), min_comment=services.settings.min_comment_group_size
        )
        + texts.PULSE_COMMENT_WITHDRAW_NOTE
        if comment
        else ""
    )
    held = context.user_data
    ballot_id = result.pulse.state.ballot_id if held is not None else None
    thanked = await reply(
        update,
        thanks(result.pulse, services) + stored + (texts.TYPED_REMOVED if deleting else ""),
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
        sent = await services.db(
            respondent.send_feedback,
            chat_id=chat_id(update),
            text=text,
            bank=services.bank,
            now=services.clock(),
            tz=services.settings.tz,
        )
    except CommentTooLong as exc:
        await reply(update, texts.comment_too_long(exc.length))
        return
    comment = sent.comment
    if comment is None:
        await reply(update, texts.FEEDBACK_PROMPT)
        return
    if sent.ballot_id is None:
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
        context.user_data.setdefault(WITHDRAWABLE_KEY, {})[confirmation.message_id] = sent.ballot_id
    await remove_typed(update, deleting)
