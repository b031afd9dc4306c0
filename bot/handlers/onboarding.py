"""Joining: /start with or without an invite code, team → role → contract → privacy → consent.

Nothing is stored until the person taps "I'm happy to take part": the choices so far travel in
the buttons' callback data, so joining needs no server-side state and survives a restart.
States are drawn in bot/onboarding.mmd.
"""

from __future__ import annotations

from dataclasses import dataclass
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
from surveys.models import EmploymentType, Organisation, Participant, Role, Team
from surveys.participants import (
    PSW_CANNOT_TAKE_PART,
    UNDISCLOSED,
    ParticipantError,
    active_employment_types,
    active_roles,
    active_teams,
    get_participant,
    join,
    reads_results,
    resolve_invite,
    resume,
    update_details,
)


def _organisation_name(*, session: Session) -> str:
    org = session.exec(select(Organisation)).first()
    return org.name if org else "your service"


def _key(value: str) -> str:
    """A key from callback data, with "Prefer not to say" in the domain's own words."""
    return UNDISCLOSED if value == UNDISCLOSED_BUTTON else value


def profile_text(*, session: Session, participant: Participant, template: str) -> str:
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


@dataclass(frozen=True)
class StartView:
    """What /start shows: the person's details, or the first step of joining."""

    kind: str  # "profile", "changed", "invited", "new" or "bad_code"
    text: str = ""
    org: str = ""
    team: Team | None = None
    roles: tuple[Role, ...] = ()
    teams: tuple[Team, ...] = ()


def _start(*, session: Session, chat_id: int, code: str | None) -> StartView:
    if reads_results(session=session, chat_id=chat_id):
        return StartView("psw", PSW_CANNOT_TAKE_PART)
    participant = get_participant(session=session, chat_id=chat_id)
    team = resolve_invite(session=session, code=code) if code else None
    if participant is not None:
        resume(session=session, chat_id=chat_id)  # /start ends a /stop
        if team is not None and team.id != participant.team_id:
            update_details(session=session, chat_id=chat_id, team_id=team.id)
            text = profile_text(session=session, participant=participant, template=texts.CHANGED)
            return StartView("changed", text)
        text = profile_text(session=session, participant=participant, template=texts.PROFILE)
        return StartView("profile", text)
    org = _organisation_name(session=session)
    if team is not None:
        return StartView("invited", org=org, team=team, roles=tuple(active_roles(session=session)))
    teams = tuple(active_teams(session=session))
    return StartView("bad_code" if code else "new", org=org, teams=teams)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start [code]: join a team, or see and change your details."""
    services = services_of(context)
    code = context.args[0] if context.args else None
    if code is not None and code.startswith("x_"):  # a leaver's one-time exit interview link
        await interviews.start_exit(update, context, code[2:])
        return
    view = await services.db(_start, chat_id=chat_id(update), code=code)
    user = update.effective_user
    first_name = user.first_name if user else None
    if view.kind == "psw":
        await reply(update, escape(view.text))
    elif view.kind in ("profile", "changed"):
        await reply(update, view.text, keyboards.profile())
    elif view.team is not None:
        await reply(update, texts.welcome(first_name, view.org, view.team.name))
        await reply(
            update, texts.ASK_ROLE, keyboards.role_picker(view.roles, team_id=view.team.id or 0)
        )
    elif not view.teams:
        await reply(update, texts.NO_TEAMS)
    else:
        if view.kind == "bad_code":
            await reply(update, texts.UNKNOWN_INVITE)
        await reply(update, texts.welcome(first_name, view.org), keyboards.team_picker(view.teams))


async def on_onboard(update: Update, context: ContextTypes.DEFAULT_TYPE, step: Onboard) -> None:
    """A step of joining, chosen with a button."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    if step.step == "t":
        roles = await services.db(active_roles)
        await edit(query, texts.ASK_ROLE, keyboards.role_picker(roles, team_id=step.team_id))
    elif step.step == "r":
        kinds = await services.db(active_employment_types)
        await edit(
            query,
            texts.ASK_EMPLOYMENT,
            keyboards.employment_picker(kinds, team_id=step.team_id, role=step.role),
        )
    elif step.step == "e":
        notice = texts.privacy_notice(
            services.settings.min_group_size, services.settings.min_comment_group_size
        )
        await edit(query, notice, keyboards.consent(step.team_id, step.role, step.employment))
    elif step.step == "no":
        await edit(query, texts.DECLINED)
    else:
        try:
            await services.db(
                join,
                chat_id=chat_id(update),
                team_id=step.team_id,
                role_key=_key(step.role),
                employment_type=_key(step.employment),
            )
        except ParticipantError as exc:
            teams = await services.db(active_teams)
            await edit(query, str(exc), keyboards.team_picker(teams))
            return
        await edit(query, texts.JOINED)


async def on_change(update: Update, context: ContextTypes.DEFAULT_TYPE, change: Change) -> None:
    """Show the picker for the detail the person wants to change."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    if change.field == "team":
        teams = await services.db(active_teams)
        await edit(query, "Which team are you in now?", keyboards.team_picker(teams, changing=True))
    elif change.field == "role":
        roles = await services.db(active_roles)
        await edit(query, texts.ASK_ROLE, keyboards.role_picker(roles, changing=True))
    else:
        kinds = await services.db(active_employment_types)
        await edit(query, texts.ASK_EMPLOYMENT, keyboards.employment_picker(kinds, changing=True))


def _set(*, session: Session, chat_id: int, field: str, value: str) -> str:
    if field == "team":
        if not value.isdigit():
            raise ParticipantError("That team is no longer listed. Please choose again.")
        participant = update_details(session=session, chat_id=chat_id, team_id=int(value))
    elif field == "role":
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
