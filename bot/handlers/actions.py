"""The action log: /wedid previews an action, the Record button records it, /actions lists them
with the theme before and since, /action edits or withdraws one. Sending to everyone is
bot/handlers/wedid.py's `on_send`, unchanged."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import ContextTypes

from analysis.report import ActionLine, describe
from bot import keyboards, texts
from bot.callbacks import ActionRecord
from bot.handlers.usage import run_or_usage
from bot.handlers.util import actor, edit, reply
from bot.handlers.wedid import _text_after_command
from bot.services import services_of
from bot.usecases import actions
from surveys.actions import STATUS_LABELS, ActionError
from surveys.models import WeDid
from surveys.themes import ANCHORS, THEMES

LABELS = {**THEMES, **ANCHORS}


def _theme(theme: str | None) -> str:
    return escape(LABELS.get(theme or "", "no theme"))


def _due(found: WeDid | ActionLine) -> str:
    return found.due.strftime("%d %b %Y") if found.due else "not set"


async def wedid_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/wedid <theme>: <text> [owner: …] [due: …]: a preview with Record and Cancel."""
    services = services_of(context)
    typed = _text_after_command(update)
    if not typed:
        latest = await services.db(actions.listing_check, actor=actor(update))
        shown = texts.WEDID_CURRENT.format(text=escape(latest.text)) if latest else ""
        await reply(update, texts.WEDID_USAGE + shown)
        return
    try:
        draft = await services.db(
            actions.preview, actor=actor(update), typed=typed, now=services.clock()
        )
    except ActionError as exc:
        await reply(update, escape(str(exc)))
        return
    assert draft.id is not None
    text = texts.ACTION_PREVIEW.format(
        text=escape(draft.text),
        theme=_theme(draft.theme) if draft.theme else texts.ACTION_NO_THEME,
        owner=escape(draft.owner or "not set"),
        due=_due(draft),
    )
    await reply(update, text, keyboards.action_preview(draft.id))


async def on_record(
    update: Update, context: ContextTypes.DEFAULT_TYPE, press: ActionRecord
) -> None:
    """Record or cancel a preview; admins are then asked whether to send it to everyone."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    who = query.from_user.id
    if not press.yes:
        await services.db(actions.discard, actor=who, action_id=press.action_id)
        await edit(query, texts.ACTION_CANCELLED)
        return
    now = services.clock()
    try:
        done = await services.db(actions.record, actor=who, action_id=press.action_id, now=now)
    except ActionError as exc:
        await edit(query, escape(str(exc)))
        return
    message = texts.WEDID_RECORDED.format(text=escape(done.action.text))
    if not done.admin:
        await edit(query, message + texts.WEDID_VIEWER)
        return
    later = "" if services.calendar.is_working_time(now) else texts.WAVE_LATER
    await edit(
        query,
        message + texts.WEDID_ASK.format(count=done.audience, later=later),
        keyboards.we_did_send(press.action_id, done.audience),
    )


def _line(line: ActionLine) -> str:
    return texts.ACTION_LINE.format(
        number=line.number,
        status=STATUS_LABELS.get(line.status, line.status),
        theme=_theme(line.theme),
        text=escape(line.text),
        owner=escape(line.owner or "not set"),
        due=_due(line),
        recorded=line.recorded.strftime("%d %b %Y"),
        theme_label=_theme(line.theme),
        before=escape(describe(line.before)) if line.theme else "—",
        after=escape(describe(line.after)) if line.theme else "—",
    )


async def actions_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/actions: every recorded action with owner, due date, status and the theme's figures."""
    services = services_of(context)
    found = await services.db(
        actions.listing,
        actor=actor(update),
        today=services.today(),
        bank=services.bank,
        min_group=services.settings.min_group_size,
    )
    if not found:
        await reply(update, texts.ACTIONS_NONE)
        return
    await reply(update, "\n\n".join([texts.ACTIONS_TITLE, *map(_line, found)]))


async def action_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/action <n> status|owner|due|theme|text <value>, or /action <n> withdraw."""
    services = services_of(context)
    try:
        found = await run_or_usage(
            update,
            services,
            actions.change,
            actor=actor(update),
            args=context.args or [],
            now=services.clock(),
        )
    except ActionError as exc:
        await reply(update, escape(str(exc)))
        return
    if found is None:
        return
    if found.status == "withdrawn":
        await reply(update, texts.ACTION_WITHDRAWN.format(number=found.id))
        return
    await reply(
        update,
        texts.ACTION_CHANGED.format(
            number=found.id,
            status=STATUS_LABELS.get(found.status, found.status),
            theme=_theme(found.theme),
            text=escape(found.text),
            owner=escape(found.owner or "not set"),
            due=_due(found),
        ),
    )
