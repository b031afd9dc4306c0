"""Joining: /start with an invite code, then role → contract → privacy → consent.

Nobody joins without a valid invite (a bare /start says how to get one), and the code is checked
again at consent. Nothing is stored until the person taps "I'm happy to take part": the code and
choices so far travel in the buttons' callback data, so joining needs no server-side state and
survives a restart.
States are drawn in bot/onboarding.mmd.
"""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import ContextTypes

from bot import keyboards, texts
from bot.callbacks import UNDISCLOSED as UNDISCLOSED_BUTTON
from bot.callbacks import Change, Onboard, SetDetail
from bot.handlers import interviews
from bot.handlers.util import chat_id, edit, reply
from bot.services import services_of
from bot.texts import governance
from bot.usecases import joining
from surveys.interviews import exit_code_of
from surveys.participants import (
    PSW_CANNOT_TAKE_PART,
    UNDISCLOSED,
    InviteRefused,
    ParticipantError,
)


def _key(value: str) -> str:
    """A key from callback data, with "Prefer not to say" in the domain's own words."""
    return UNDISCLOSED if value == UNDISCLOSED_BUTTON else value


def profile_text(profile: joining.Profile, template: str) -> str:
    """The person's current team, role and contract, in words."""
    return template.format(
        team=escape(profile.team or "none"),
        role=escape(profile.role or texts.PREFER_NOT),
        employment=escape(profile.employment or texts.PREFER_NOT),
    )


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start [code]: join a team with an invite, or see and change your details."""
    services = services_of(context)
    code = context.args[0] if context.args else None
    exit_code = exit_code_of(code) if code is not None else None
    if exit_code is not None:  # a leaver's one-time exit interview link
        await interviews.start_exit(update, context, exit_code)
        return
    view = await services.db(
        joining.start, chat_id=chat_id(update), code=code, now=services.clock()
    )
    user = update.effective_user
    first_name = user.first_name if user else None
    if view.kind == "psw":
        await reply(update, escape(PSW_CANNOT_TAKE_PART))
        return
    if view.refused:
        await reply(update, texts.invite_refused(view.refused))
    if view.profile is not None:
        template = texts.CHANGED if view.kind == "changed" else texts.PROFILE
        await reply(update, profile_text(view.profile, template), keyboards.profile())
    elif view.kind == "invited" and code is not None:
        await reply(update, texts.welcome(first_name, view.org, view.team))
        await reply(update, texts.ASK_ROLE, keyboards.role_picker(view.roles, code=code))
    elif view.kind == "need_invite":
        await reply(update, texts.need_invite(first_name, view.org))


async def whoami_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/whoami: the person's Telegram user id, for `psw add` or ADMIN_TELEGRAM_IDS."""
    user = update.effective_user
    if user is not None:
        await reply(update, texts.WHOAMI.format(user_id=user.id))


def _chosen(chosen: joining.Chosen) -> str:
    """The choices made so far, in words, so each is confirmed in the next message."""
    lines = []
    if chosen.role is not None:
        lines.append(texts.CHOSEN_ROLE.format(name=escape(chosen.role or texts.PREFER_NOT)))
    if chosen.employment is not None:
        name = escape(chosen.employment or texts.PREFER_NOT)
        lines.append(texts.CHOSEN_EMPLOYMENT.format(name=name))
    return "\n".join(lines) + "\n\n" if lines else ""


async def on_onboard(update: Update, context: ContextTypes.DEFAULT_TYPE, step: Onboard) -> None:
    """A step of joining, chosen with a button; each message confirms the choice before it."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    if step.step == "r":
        chosen = await services.db(joining.choose, role=_key(step.role))
        await edit(
            query,
            _chosen(chosen) + texts.ASK_EMPLOYMENT,
            keyboards.employment_picker(chosen.employment_types, code=step.code, role=step.role),
        )
    elif step.step == "e":
        notice = texts.privacy_notice(
            services.settings.min_group_size,
            services.settings.min_comment_group_size,
            governance(services.settings),
        )
        chosen = await services.db(
            joining.choose, role=_key(step.role), employment=_key(step.employment)
        )
        await edit(
            query,
            _chosen(chosen) + notice,
            keyboards.consent(step.code, step.role, step.employment),
        )
    elif step.step == "no":
        await edit(query, texts.DECLINED)
    else:
        try:
            profile = await services.db(
                joining.join,
                chat_id=chat_id(update),
                code=step.code,
                role=_key(step.role),
                employment=_key(step.employment),
                now=services.clock(),
            )
        except InviteRefused as exc:
            await edit(query, texts.invite_refused(exc.reason))
            return
        except ParticipantError as exc:
            await edit(query, escape(str(exc)))
            return
        await edit(query, profile_text(profile, texts.JOINED_AS) + texts.JOINED)


async def on_change(update: Update, context: ContextTypes.DEFAULT_TYPE, change: Change) -> None:
    """Show the picker for the detail the person wants to change (a team needs an invite)."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    if change.field == "team":
        await edit(query, texts.CHANGE_TEAM_NEEDS_INVITE)
    elif change.field == "role":
        roles = await services.db(joining.role_choices)
        await edit(query, texts.ASK_ROLE, keyboards.role_picker(roles, changing=True))
    else:
        kinds = await services.db(joining.employment_choices)
        await edit(query, texts.ASK_EMPLOYMENT, keyboards.employment_picker(kinds, changing=True))


async def on_set(update: Update, context: ContextTypes.DEFAULT_TYPE, detail: SetDetail) -> None:
    """Change one detail and show the result."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    try:
        profile = await services.db(
            joining.change_detail,
            chat_id=chat_id(update),
            field=detail.field,
            value=_key(detail.value),
        )
    except joining.TeamNeedsInvite:
        await edit(query, texts.CHANGE_TEAM_NEEDS_INVITE)
        return
    except ParticipantError as exc:
        await edit(query, str(exc))
        return
    await edit(query, profile_text(profile, texts.CHANGED), keyboards.profile())
