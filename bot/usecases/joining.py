"""Joining and changing one's details: /start with an invite, the role and contract pickers,
consent. People on the PSW list read results, so they never join (docs/design.md, rule 6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from surveys.models import EmploymentType, Organisation, Participant, Role, Team
from surveys.participants import (
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


@dataclass(frozen=True)
class Profile:
    """A participant's team, role and contract by name; None for none or "Prefer not to say"."""

    team: str | None
    role: str | None
    employment: str | None


def _profile(session: Session, participant: Participant) -> Profile:
    team = session.get(Team, participant.team_id) if participant.team_id else None
    role = session.get(Role, participant.role_key) if participant.role_key else None
    kind = (
        session.get(EmploymentType, participant.employment_type)
        if participant.employment_type
        else None
    )
    return Profile(
        team.name if team else None, role.name if role else None, kind.name if kind else None
    )


@dataclass(frozen=True)
class StartView:
    """What /start shows: the person's details, the first step of joining, or why not."""

    kind: str  # "psw", "profile", "changed", "invited", "need_invite" or "refused"
    profile: Profile | None = None
    org: str = ""
    team: str = ""  # the invite's team, by name
    roles: tuple[Role, ...] = ()
    refused: str = ""  # InviteRefused.reason


def start(session: Session, *, chat_id: int, code: str | None, now: datetime) -> StartView:
    """/start [code]: a participant sees their details (and is moved by an invite to another
    team, and a /stop ends); anyone else with a working invite starts joining."""
    if reads_results(session=session, chat_id=chat_id):
        return StartView("psw")
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
                    return StartView("changed", _profile(session, participant))
        return StartView("profile", _profile(session, participant), refused=refused)
    org = session.exec(select(Organisation)).first()
    org_name = org.name if org else "your service"
    if not code:
        return StartView("need_invite", org=org_name)
    try:
        _invite, team = check_invite(session=session, code=code, now=now)
    except InviteRefused as exc:
        return StartView("refused", org=org_name, refused=exc.reason)
    return StartView(
        "invited", org=org_name, team=team.name, roles=tuple(active_roles(session=session))
    )


@dataclass(frozen=True)
class Chosen:
    """The choices made so far, by name ("" for "Prefer not to say"; None: not chosen yet), and
    the contract types to pick from next."""

    role: str | None = None
    employment: str | None = None
    employment_types: tuple[EmploymentType, ...] = ()


def choose(session: Session, *, role: str = "", employment: str = "") -> Chosen:
    """A joining step: the role (and contract) chosen so far, confirmed by name in the next
    message, and the contract types to choose from. `role` and `employment` are keys, or
    UNDISCLOSED."""
    found = session.get(Role, role) if role and role != UNDISCLOSED else None
    kind = (
        session.get(EmploymentType, employment)
        if employment and employment != UNDISCLOSED
        else None
    )
    return Chosen(
        (found.name if found else "") if role else None,
        (kind.name if kind else "") if employment else None,
        tuple(active_employment_types(session=session)),
    )


def join(
    session: Session, *, chat_id: int, code: str, role: str, employment: str, now: datetime
) -> Profile:
    """ "I'm happy to take part": join the invite's team (the code checked again now). Raises
    InviteRefused, or ParticipantError (a reader, a choice no longer listed)."""
    participant, _created = join_with_invite(
        session=session,
        chat_id=chat_id,
        code=code,
        role_key=role,
        employment_type=employment,
        now=now,
    )
    return _profile(session, participant)


def role_choices(session: Session) -> tuple[Role, ...]:
    """The role groups to pick from."""
    return tuple(active_roles(session=session))


def employment_choices(session: Session) -> tuple[EmploymentType, ...]:
    """The contract types to pick from."""
    return tuple(active_employment_types(session=session))


class TeamNeedsInvite(ParticipantError):
    """Only an invite for the new team moves someone (old or forged buttons cannot)."""


def change_detail(session: Session, *, chat_id: int, field: str, value: str) -> Profile:
    """Change the role ("role") or contract (any other field) to `value` (a key or
    UNDISCLOSED). TeamNeedsInvite for "team"; ParticipantError if not joined or not listed."""
    if field == "team":
        raise TeamNeedsInvite("a team changes with an invite only")
    if field == "role":
        participant = update_details(session=session, chat_id=chat_id, role_key=value)
    else:
        participant = update_details(session=session, chat_id=chat_id, employment_type=value)
    return _profile(session, participant)
