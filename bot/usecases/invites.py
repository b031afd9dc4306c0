"""Team invite links for the PSW team: show or make one, list the live ones, revoke one. The
/invite command and `staypulse invite` call these same functions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.usecases.access import authorise, authorise_or_shell, require_admin
from surveys import participants


@dataclass(frozen=True)
class Invite:
    """A team's invite link to show: a new one, or the live one it already had (`existing`)."""

    code: str
    team_key: str
    team_name: str
    expires_at: datetime
    uses: int
    max_uses: int | None
    existing: bool


def invite(
    session: Session,
    *,
    actor: int | None,
    team_key: str,
    new: bool,
    now: datetime,
    days: int,
    max_uses: int | None = None,
) -> Invite:
    """The team's live link, or a new one (always with `new`); surveys.participants.
    ParticipantError names an unknown or inactive team."""
    detail = f"team={team_key} new" if new else f"team={team_key}"
    authorise_or_shell(session, actor=actor, action="invite", detail=detail)
    live = None if new else participants.live_team_invite(session, team_key=team_key, now=now)
    if live is None:
        made, team = participants.create_invite(
            session,
            team_key=team_key,
            created_by=actor or 0,
            now=now,
            days=days,
            max_uses=max_uses,
        )
    else:
        made, team = live
    return Invite(
        made.code, team.key, team.name, made.expires_at, made.uses, made.max_uses, live is not None
    )


def revoke(session: Session, *, actor: int | None, code: str) -> bool:
    """Stop an invite code from working (admins); False if no live invite has that code."""
    # Someone outside the PSW team hears only that; a viewer, that revoking is for admins.
    require_admin(authorise_or_shell(session, actor=actor, action="invite.revoke"))
    return participants.revoke_invite(session, code=code)


def listing(session: Session, *, actor: int | None, now: datetime) -> list[participants.InviteLine]:
    """The invites that still work, newest first (personal ones too: callers group those)."""
    authorise_or_shell(session, actor=actor, action="invite.list")
    return participants.list_invites(session, now=now)


def teams(session: Session, *, actor: int) -> list[participants.TeamJoined]:
    """/invite with no team: the teams one could invite to, with how many have joined."""
    authorise(session, actor=actor, action="invite.usage")
    return participants.joined_by_team(session)
