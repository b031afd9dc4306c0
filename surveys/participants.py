"""Participants: joining a team, changing details, pausing, stopping, being forgotten.

This is the identity side. Nothing here reads or writes answers; `forget` deletes a person's
identity, deliveries and drafts and leaves their anonymous answers, which nothing links to them.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, func, select

from surveys.models import (
    Delivery,
    Draft,
    EmploymentType,
    Participant,
    ParticipantStatus,
    PswMember,
    Role,
    Team,
    TeamInvite,
)

UNDISCLOSED = "undisclosed"  # "Prefer not to say", for role and employment type
PAUSE_WEEKS_DEFAULT = 4
PAUSE_WEEKS_MAX = 12


class ParticipantError(ValueError):
    """A request about a participant that cannot be carried out; the message says why."""


def active_teams(session: Session) -> Sequence[Team]:
    """Teams people can join, by name."""
    return session.exec(select(Team).where(col(Team.active)).order_by(col(Team.name))).all()


def active_roles(session: Session) -> Sequence[Role]:
    """Role groups in the organisation file's order."""
    return session.exec(select(Role).where(col(Role.active)).order_by(col(Role.position))).all()


def active_employment_types(session: Session) -> Sequence[EmploymentType]:
    """Employment types in the organisation file's order."""
    return session.exec(
        select(EmploymentType)
        .where(col(EmploymentType.active))
        .order_by(col(EmploymentType.position))
    ).all()


PSW_CANNOT_TAKE_PART = (
    "You're on the PSW team's list, so you can read results. To keep everyone's answers "
    "anonymous, people who read results can't answer pulses or count as respondents."
)


def reads_results(session: Session, *, chat_id: int) -> bool:
    """Whether this private chat belongs to someone on the PSW list (who may read results)."""
    found = session.exec(select(PswMember.id).where(PswMember.telegram_id == chat_id)).first()
    return found is not None


def get_participant(session: Session, *, chat_id: int) -> Participant | None:
    """The participant writing from this chat, if they have joined."""
    return session.exec(select(Participant).where(Participant.chat_id == chat_id)).first()


def _check_choice(session: Session, team_id: int, role_key: str, employment_type: str) -> Team:
    team = session.get(Team, team_id)
    if team is None or not team.active:
        raise ParticipantError("That team is no longer listed. Please choose again.")
    if role_key != UNDISCLOSED:
        role = session.get(Role, role_key)
        if role is None or not role.active:
            raise ParticipantError("That role is no longer listed. Please choose again.")
    if employment_type != UNDISCLOSED:
        kind = session.get(EmploymentType, employment_type)
        if kind is None or not kind.active:
            raise ParticipantError("That contract type is no longer listed. Please choose again.")
    return team


def join(
    session: Session,
    *,
    chat_id: int,
    team_id: int,
    role_key: str,
    employment_type: str,
    now: datetime | None = None,
) -> tuple[Participant, bool]:
    """Record someone who agreed to take part (or update them). Returns (participant, new).
    `now` is the service's clock, so /mydata's join date agrees with everything else.

    People who can read results (the PSW list) cannot take part as respondents: they would count
    towards the very thresholds that protect the people they read about."""
    if reads_results(session=session, chat_id=chat_id):
        raise ParticipantError(PSW_CANNOT_TAKE_PART)
    _check_choice(session, team_id, role_key, employment_type)
    participant = get_participant(session=session, chat_id=chat_id)
    created = participant is None
    if participant is None:
        participant = Participant(chat_id=chat_id)
        if now is not None:
            participant.joined_at = now
    participant.team_id = team_id
    participant.role_key = role_key
    participant.employment_type = employment_type
    participant.status = ParticipantStatus.ACTIVE
    participant.paused_until = None
    session.add(participant)
    session.flush()
    return participant, created


def update_details(
    session: Session,
    *,
    chat_id: int,
    team_id: int | None = None,
    role_key: str | None = None,
    employment_type: str | None = None,
) -> Participant:
    """Change one or more of team, role group and employment type."""
    participant = _require(session, chat_id)
    team_id = participant.team_id if team_id is None else team_id
    role_key = role_key or participant.role_key or UNDISCLOSED
    employment_type = employment_type or participant.employment_type or UNDISCLOSED
    if team_id is None:
        raise ParticipantError("Please choose a team first.")
    _check_choice(session, team_id, role_key, employment_type)
    participant.team_id, participant.role_key = team_id, role_key
    participant.employment_type = employment_type
    session.add(participant)
    return participant


def _require(session: Session, chat_id: int) -> Participant:
    participant = get_participant(session=session, chat_id=chat_id)
    if participant is None:
        raise ParticipantError("You haven't joined yet. Type /start to join.")
    return participant


def is_reachable(participant: Participant, now: datetime) -> bool:
    """Whether the bot may message this person now (a pause that has ended counts as active)."""
    if participant.status == ParticipantStatus.ACTIVE:
        return True
    return (
        participant.status == ParticipantStatus.PAUSED
        and participant.paused_until is not None
        and participant.paused_until <= now
    )


def pause(session: Session, *, chat_id: int, weeks: int, now: datetime) -> Participant:
    """No messages for `weeks` weeks (1–12), then active again by itself."""
    if not 1 <= weeks <= PAUSE_WEEKS_MAX:
        raise ParticipantError(f"You can pause for 1 to {PAUSE_WEEKS_MAX} weeks.")
    participant = _require(session, chat_id)
    participant.status = ParticipantStatus.PAUSED
    participant.paused_until = now + timedelta(weeks=weeks)
    session.add(participant)
    return participant


def resume(session: Session, *, chat_id: int) -> Participant:
    """Active again, from a pause or a stop."""
    participant = _require(session, chat_id)
    participant.status = ParticipantStatus.ACTIVE
    participant.paused_until = None
    session.add(participant)
    return participant


def stop(session: Session, *, chat_id: int) -> Participant | None:
    """No more messages until they /start again. None if they never joined."""
    participant = get_participant(session=session, chat_id=chat_id)
    if participant is None:
        return None
    participant.status = ParticipantStatus.STOPPED
    participant.paused_until = None
    session.add(participant)
    return participant


def mark_unreachable(session: Session, *, chat_id: int) -> bool:
    """They blocked the bot (Telegram said so, or answered 403): stop trying until they unblock
    it. False when they never joined."""
    participant = get_participant(session=session, chat_id=chat_id)
    if participant is None:
        return False
    participant.status = ParticipantStatus.UNREACHABLE
    session.add(participant)
    return True


def mark_reachable(session: Session, *, chat_id: int) -> bool:
    """They unblocked the bot: reachable again, unless they had said /stop or paused (a block
    does not undo that). False when nothing changed."""
    participant = get_participant(session=session, chat_id=chat_id)
    if participant is None or participant.status != ParticipantStatus.UNREACHABLE:
        return False
    participant.status = ParticipantStatus.ACTIVE
    participant.paused_until = None
    session.add(participant)
    return True


def forget(session: Session, *, chat_id: int) -> bool:
    """Delete the person's identity, deliveries and drafts. Their anonymous answers stay."""
    participant = get_participant(session=session, chat_id=chat_id)
    if participant is None:
        return False
    session.exec(delete(Draft).where(col(Draft.participant_id) == participant.id))
    session.exec(delete(Delivery).where(col(Delivery.participant_id) == participant.id))
    session.delete(participant)
    return True


@dataclass(frozen=True)
class MyData:
    """Everything held about one person, for /mydata."""

    chat_id: int
    team: str | None
    role: str
    employment_type: str
    status: str
    paused_until: datetime | None
    joined_at: datetime
    invitations: int
    completed: int
    unfinished_drafts: int


def my_data(session: Session, *, chat_id: int) -> MyData | None:
    """What StayPulse holds about this person, or None if nothing."""
    participant = get_participant(session=session, chat_id=chat_id)
    if participant is None:
        return None
    team = session.get(Team, participant.team_id) if participant.team_id else None
    role = session.get(Role, participant.role_key) if participant.role_key else None
    kind = (
        session.get(EmploymentType, participant.employment_type)
        if participant.employment_type
        else None
    )
    invitations = session.exec(
        select(func.count()).where(col(Delivery.participant_id) == participant.id)
    ).one()
    completed = session.exec(
        select(func.count()).where(
            col(Delivery.participant_id) == participant.id, col(Delivery.completed)
        )
    ).one()
    drafts = session.exec(
        select(func.count()).where(col(Draft.participant_id) == participant.id)
    ).one()
    return MyData(
        chat_id=participant.chat_id,
        team=team.name if team else None,
        role=role.name if role else "Prefer not to say",
        employment_type=kind.name if kind else "Prefer not to say",
        status=participant.status,
        paused_until=participant.paused_until,
        joined_at=participant.joined_at,
        invitations=invitations,
        completed=completed,
        unfinished_drafts=drafts,
    )


# --- team invites -------------------------------------------------------------------------------

# 12 characters of [A-Za-z0-9_-]: short enough to ride in a button's callback data with a role
# and a contract (bot/callbacks.py), long enough (72 random bits) not to be guessed.
CODE_BYTES = 9
CODE_LENGTH = 12
PERSONAL_MAX = 1000


class InviteRefused(ParticipantError):
    """An invite code that does not let anyone in now; `reason` says why, for the right words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "unknown" (or revoked), "expired", "used" or "full"


def _team_by_key(session: Session, team_key: str) -> Team:
    team = session.exec(select(Team).where(Team.key == team_key, col(Team.active))).first()
    if team is None:
        known = ", ".join(t.key for t in active_teams(session=session))
        raise ParticipantError(f"No active team {team_key!r}. Teams: {known}")
    return team


# A deep link's payload starting with this is a leaver's exit interview link (surveys.interviews):
# team invite codes never start with it, so the two code spaces are disjoint.
EXIT_LINK_PREFIX = "x_"


def _new_code() -> str:
    """A random team invite code, never one that reads as an exit link (about 1 in 4,096 would
    start with "x_": those are drawn again)."""
    while True:
        code = secrets.token_urlsafe(CODE_BYTES)
        if not code.startswith(EXIT_LINK_PREFIX):
            return code


def create_invite(
    session: Session,
    *,
    team_key: str,
    created_by: int,
    now: datetime,
    days: int,
    max_uses: int | None = None,
) -> tuple[TeamInvite, Team]:
    """A new team invite code (for a t.me deep link) that works for `days` days, and for at most
    `max_uses` people when given."""
    if not 1 <= days <= 365:
        raise ParticipantError("An invite can last from 1 to 365 days.")
    if max_uses is not None and not 1 <= max_uses <= 10_000:
        raise ParticipantError("A use limit is a number from 1 to 10,000.")
    team = _team_by_key(session, team_key)
    assert team.id is not None
    invite = TeamInvite(
        code=_new_code(),
        team_id=team.id,
        created_by=created_by,
        created_at=now,
        expires_at=now + timedelta(days=days),
        max_uses=max_uses,
    )
    session.add(invite)
    return invite, team


def create_personal_invites(
    session: Session, *, team_key: str, created_by: int, now: datetime, days: int, count: int
) -> tuple[list[TeamInvite], Team]:
    """`count` single-use invites for one team, one per person (for a mail merge)."""
    if not 1 <= count <= PERSONAL_MAX:
        raise ParticipantError(f"Make from 1 to {PERSONAL_MAX:,} personal invites at a time.")
    if not 1 <= days <= 365:
        raise ParticipantError("An invite can last from 1 to 365 days.")
    team = _team_by_key(session, team_key)
    assert team.id is not None
    invites = [
        TeamInvite(
            code=_new_code(),
            team_id=team.id,
            created_by=created_by,
            created_at=now,
            expires_at=now + timedelta(days=days),
            max_uses=1,
            personal=True,
        )
        for _ in range(count)
    ]
    session.add_all(invites)
    return invites, team


def _works(invite: TeamInvite, now: datetime) -> bool:
    return (
        not invite.revoked
        and invite.expires_at > now
        and (invite.max_uses is None or invite.uses < invite.max_uses)
    )


def live_team_invite(
    session: Session, *, team_key: str, now: datetime
) -> tuple[TeamInvite, Team] | None:
    """The newest team (not personal) invite for this team that still works, if any."""
    team = _team_by_key(session, team_key)
    invites = session.exec(
        select(TeamInvite)
        .where(TeamInvite.team_id == team.id, col(TeamInvite.personal).is_(False))
        .order_by(col(TeamInvite.created_at).desc())
    ).all()
    for invite in invites:
        if _works(invite, now):
            return invite, team
    return None


def joined_count(session: Session, *, team_id: int) -> int:
    """How many people are in a team (paused and stopped included: they may come back)."""
    return session.exec(
        select(func.count()).select_from(Participant).where(Participant.team_id == team_id)
    ).one()


def check_invite(session: Session, *, code: str, now: datetime) -> tuple[TeamInvite, Team]:
    """The invite and its team if the code lets someone in now; InviteRefused says why not."""
    invite = session.get(TeamInvite, code[:32]) if code else None
    team = session.get(Team, invite.team_id) if invite is not None else None
    if invite is None or invite.revoked or team is None or not team.active:
        raise InviteRefused("unknown")
    if invite.expires_at <= now:
        raise InviteRefused("expired")
    if invite.max_uses is not None and invite.uses >= invite.max_uses:
        raise InviteRefused("used")
    assert team.id is not None
    if team.headcount is not None and joined_count(session=session, team_id=team.id) >= (
        team.headcount
    ):
        raise InviteRefused("full")
    return invite, team


def join_with_invite(
    session: Session,
    *,
    chat_id: int,
    code: str,
    role_key: str,
    employment_type: str,
    now: datetime,
) -> tuple[Participant, bool]:
    """Someone who opened an invite agreed to take part: checked again now (it may have expired,
    been used up or the team filled since they opened it), then counted as one use."""
    existing = get_participant(session=session, chat_id=chat_id)
    invite, team = check_invite(session=session, code=code, now=now)
    if existing is not None and existing.team_id == team.id:
        # Already in this team (a second tap of the consent button): no second use.
        return existing, False
    assert team.id is not None
    participant, created = join(
        session=session,
        chat_id=chat_id,
        team_id=team.id,
        role_key=role_key,
        employment_type=employment_type,
        now=now,
    )
    invite.uses += 1
    session.add(invite)
    return participant, created


def change_team_with_invite(
    session: Session, *, chat_id: int, code: str, now: datetime
) -> tuple[Participant, bool]:
    """A participant opened an invite: move them to its team (one use). Returns (participant,
    moved); not moved when they are already in that team."""
    participant = _require(session, chat_id)
    invite, team = check_invite(session=session, code=code, now=now)
    if participant.team_id == team.id:
        return participant, False
    update_details(session=session, chat_id=chat_id, team_id=team.id)
    invite.uses += 1
    session.add(invite)
    return participant, True


def revoke_invite(session: Session, *, code: str) -> bool:
    """Stop an invite code from working; False if there was none."""
    invite = session.get(TeamInvite, code[:32])
    if invite is None or invite.revoked:
        return False
    invite.revoked = True
    session.add(invite)
    return True


@dataclass(frozen=True)
class InviteLine:
    """An invite that still works, for listings."""

    code: str
    team_key: str
    team_name: str
    expires_at: datetime
    uses: int
    max_uses: int | None
    personal: bool

    @property
    def remaining(self) -> int | None:
        """How many more people may use it; None for no limit."""
        return None if self.max_uses is None else max(self.max_uses - self.uses, 0)


def list_invites(session: Session, *, now: datetime) -> list[InviteLine]:
    """Invites that still work (not revoked, expired or used up), newest first."""
    rows = session.exec(
        select(TeamInvite, Team)
        .where(
            col(TeamInvite.team_id) == col(Team.id),
            col(TeamInvite.revoked).is_(False),
            col(TeamInvite.expires_at) > now,
            col(Team.active),
        )
        .order_by(col(TeamInvite.created_at).desc(), col(TeamInvite.code))
    ).all()
    return [
        InviteLine(
            invite.code,
            team.key,
            team.name,
            invite.expires_at,
            invite.uses,
            invite.max_uses,
            invite.personal,
        )
        for invite, team in rows
        if _works(invite, now)
    ]


@dataclass(frozen=True)
class TeamJoined:
    """How many people have joined a team, against its headcount."""

    key: str
    name: str
    joined: int
    headcount: int | None


def joined_by_team(session: Session) -> list[TeamJoined]:
    """Each active team with how many have joined and its headcount, by name."""
    counts = dict(
        session.exec(
            select(col(Participant.team_id), func.count()).group_by(col(Participant.team_id))
        ).all()
    )
    return [
        TeamJoined(team.key, team.name, counts.get(team.id, 0), team.headcount)
        for team in active_teams(session=session)
    ]
