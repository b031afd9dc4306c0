"""Joining: /start with an invite code, then role → contract → privacy → consent.

Nobody joins without a valid invite (a bare /start says how to get one), and the code is checked
again at consent. Nothing is stored until the person taps "I'm happy to take part": the code and
choices so far travel in the buttons' callback data, so joining needs no server-side state and
survives a restart.
States are drawn in bot/onboarding.mmd.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape

from sqlmodel import Session, select
from telegram import Update
from telegram.ext import ContextTypes

from bot import keyboards, texts
from bot.callbacks import UNDISCLOSED as UNDISCLOSED_BUTTON
from bot.callbacks import Change, Onboard, SetDetail
from bot.handlers import interviews
from bot.handlers.util import chat_id, edit, reply
from bot.services import services_of
from bot.texts import governance
from surveys.interviews import exit_code_of
from surveys.models import EmploymentType, Organisation, Participant, Role, Team
from surveys.participants import (
    PSW_CANNOT_TAKE_PART,
    UNDISCLOSED,
    InviteRefused,
    ParticipantError,
    active_employment_types,
    active_roles,
    change_team_with_invite,
    check_invite,
    get_participant,
    join_with_invite,
    reads_results,
    resume,
    update_details,
)


def _organisation_name(session: Session) -> str:
    org = session.exec(select(Organisation)).first()
    return org.name if org else "your service"


def _key(value: str) -> str:
    """A key from callback data, with "Prefer not to say" in the domain's own words."""
    return UNDISCLOSED if value == UNDISCLOSED_BUTTON else value


def profile_text(session: Session, *, participant: Participant, template: str) -> str:
    """The person's current team, role and contract, in words."""
    team = session.get(Team, participant.team_id) if participant.team_id else None
    role = session.get(Role, participant.role_key) if participant.role_key else None
    kind = (
        session.get(EmploymentType, participant.employment_type)
        if participant.employment_type
        else None
    )
    return template.format(
        team=escape(team.name if team else "none"),
        role=escape(role.name if role else texts.PREFER_NOT),
        employment=escape(kind.name if kind else texts.PREFER_NOT),
    )


def _profile_of(session: Session, *, chat_id: int, template: str) -> str:
    participant = get_participant(session=session, chat_id=chat_id)
    assert participant is not None
    return profile_text(session=session, participant=participant, template=template)


@dataclass(frozen=True)
class StartView:
    """What /start shows: the person's details, the first step of joining, or why not."""

    kind: str  # "profile", "changed", "invited", "need_invite" or "refused"
    text: str = ""
    org: str = ""
    team: Team | None = None
    roles: tuple[Role, ...] = ()
    refused: str = ""  # InviteRefused.reason


def _start(session: Session, *, chat_id: int, code: str | None, now: datetime) -> StartView:
    if reads_results(session=session, chat_id=chat_id):
        return StartView("psw", PSW_CANNOT_TAKE_PART)
    participant = get_participant(session=session, chat_id=chat_id)
    if participant is not None:
        resume(session=session, chat_id=chat_id)  # /start ends a /stop
        refused = ""
        if code:
            try:
                _person, moved = change_team_with_invite(
                    session=session, chat_id=chat_id, code=code, now=now
                )
            except InviteRefused as exc:
                refused = exc.reason
            else:
                if moved:
                    text = profile_text(
                        session=session, participant=participant, template=texts.CHANGED
                    )
                    return StartView("changed", text)
        text = profile_text(session=session, participant=participant, template=texts.PROFILE)
        return StartView("profile", text, refused=refused)
    org = _organisation_name(session=session)
    if not code:
        return StartView("need_invite", org=org)
    try:
        _invite, team = check_invite(session=session, code=code, now=now)
    except InviteRefused as exc:
        return StartView("refused", org=org, refused=exc.reason)
    return StartView("invited", org=org, team=team, roles=tuple(active_roles(session=session)))


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start [code]: join a team with an invite, or see and change your details."""
    services = services_of(context)
    code = context.args[0] if context.args else None
    exit_code = exit_code_of(code) if code is not None else None
    if exit_code is not None:  # a leaver's one-time exit interview link
        await interviews.start_exit(update, context, exit_code)
        return
    view = await services.db(_start, chat_id=chat_id(update), code=code, now=services.clock())
    user = update.effective_user
    first_name = user.first_name if user else None
    if view.kind == "psw":
        await reply(update, escape(view.text))
        return
    if view.refused:
        await reply(update, texts.invite_refused(view.refused))
    if view.kind in ("profile", "changed"):
        await reply(update, view.text, keyboards.profile())
    elif view.team is not None and code is not None:
        await reply(update, texts.welcome(first_name, view.org, view.team.name))
        await reply(update, texts.ASK_ROLE, keyboards.role_picker(view.roles, code=code))
    elif view.kind == "need_invite":
        await reply(update, texts.need_invite(first_name, view.org))


async def whoami_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/whoami: the person's Telegram user id, for `psw add` or ADMIN_TELEGRAM_IDS."""
    user = update.effective_user
    if user is not None:
        await reply(update, texts.WHOAMI.format(user_id=user.id))


def _chosen(session: Session, *, role: str = "", employment: str = "") -> str:
    """The choices made so far, in words, so each is confirmed in the next message."""
    lines = []
    if role:
        found = session.get(Role, role) if role != UNDISCLOSED_BUTTON else None
        lines.append(
            texts.CHOSEN_ROLE.format(name=escape(found.name if found else texts.PREFER_NOT))
        )
    if employment:
        kind = session.get(EmploymentType, employment) if employment != UNDISCLOSED_BUTTON else None
        lines.append(
            texts.CHOSEN_EMPLOYMENT.format(name=escape(kind.name if kind else texts.PREFER_NOT))
        )
    return "\n".join(lines) + "\n\n" if lines else ""


async def on_onboard(update: Update, context: ContextTypes.DEFAULT_TYPE, step: Onboard) -> None:
    """A step of joining, chosen with a button; each message confirms the choice before it."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    if step.step == "r":
        kinds = await services.db(active_employment_types)
        chosen = await services.db(_chosen, role=step.role)
        await edit(
            query,
            chosen + texts.ASK_EMPLOYMENT,
            keyboards.employment_picker(kinds, code=step.code, role=step.role),
        )
    elif step.step == "e":
        notice = texts.privacy_notice(
            services.settings.min_group_size,
            services.settings.min_comment_group_size,
            governance(services.settings),
        )
        chosen = await services.db(_chosen, role=step.role, employment=step.employment)
        await edit(query, chosen + notice, keyboards.consent(step.code, step.role, step.employment))
    elif step.step == "no":
        await edit(query, texts.DECLINED)
    else:
        try:
            await services.db(
                join_with_invite,
                chat_id=chat_id(update),
                code=step.code,
                role_key=_key(step.role),
                employment_type=_key(step.employment),
                now=services.clock(),
            )
        except InviteRefused as exc:
            await edit(query, texts.invite_refused(exc.reason))
            return
        except ParticipantError as exc:
            await edit(query, escape(str(exc)))
            return
        profile = await services.db(_profile_of, chat_id=chat_id(update), template=texts.JOINED_AS)
        await edit(query, profile + texts.JOINED)


async def on_change(update: Update, context: ContextTypes.DEFAULT_TYPE, change: Change) -> None:
    """Show the picker for the detail the person wants to change (a team needs an invite)."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    if change.field == "team":
        await edit(query, texts.CHANGE_TEAM_NEEDS_INVITE)
    elif change.field == "role":
        roles = await services.db(active_roles)
        await edit(query, texts.ASK_ROLE, keyboards.role_picker(roles, changing=True))
    else:
        kinds = await services.db(active_employment_types)
        await edit(query, texts.ASK_EMPLOYMENT, keyboards.employment_picker(kinds, changing=True))


def _set(session: Session, *, chat_id: int, field: str, value: str) -> str:
    if field == "team":
        # Only an invite for the new team moves someone (old or forged buttons cannot).
        raise ParticipantError(texts.CHANGE_TEAM_NEEDS_INVITE)
    if field == "role":
        participant = update_details(session=session, chat_id=chat_id, role_key=_key(value))
    else:
        participant = update_details(session=session, chat_id=chat_id, employment_type=_key(value))
    return profile_text(session=session, participant=participant, template=texts.CHANGED)


async def on_set(update: Update, context: ContextTypes.DEFAULT_TYPE, detail: SetDetail) -> None:
    """Change one detail and show the result."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    try:
        text = await services.db(
            _set, chat_id=chat_id(update), field=detail.field, value=detail.value
        )
    except ParticipantError as exc:
        await edit(query, str(exc))
        return
    await edit(query, text, keyboards.profile())
