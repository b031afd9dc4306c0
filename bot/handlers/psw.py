"""Commands for the PSW team; anyone else hears that the command is for the PSW team, no more."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from sqlmodel import Session
from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from bot.handlers.util import reply
from bot.services import services_of
from surveys.models import PswMember, PswRole
from surveys.participants import (
    ParticipantError,
    create_invite,
    joined_by_team,
    list_invites,
    live_team_invite,
    revoke_invite,
)
from surveys.psw import get_psw_member, record_audit


def invite_link(bot_username: str, code: str) -> str:
    """The deep link that opens the bot with an invite code."""
    return f"https://t.me/{bot_username}?start={code}"


async def _member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> PswMember | None:
    services = services_of(context)
    user = update.effective_user
    member = None if user is None else await services.db(get_psw_member, telegram_id=user.id)
    if member is None:
        await reply(update, texts.NOT_PSW)
    return member


@dataclass(frozen=True)
class InviteAnswer:
    """What /invite shows: a link (new or live), or a ready-made message."""

    text: str = ""
    team: str = ""
    code: str = ""
    expires_at: datetime | None = None
    uses: int = 0
    max_uses: int | None = None
    existing_key: str = ""  # set when an existing live link is shown instead of a new one


def _teams_text(session: Session) -> str:
    lines = []
    for team in joined_by_team(session=session):
        headcount = f" of {team.headcount}" if team.headcount is not None else ""
        lines.append(
            texts.INVITE_TEAM_LINE.format(
                key=escape(team.key),
                name=escape(team.name),
                joined=team.joined,
                headcount=headcount,
            )
        )
    return "\n".join(lines)


def _list_text(session: Session, now: datetime, tz: ZoneInfo) -> str:
    invites = list_invites(session=session, now=now)
    if not invites:
        return texts.INVITE_LIST_NONE
    lines = [texts.INVITE_LIST_TITLE]
    personal: dict[str, list[datetime]] = {}
    for line in invites:
        if line.personal:
            personal.setdefault(line.team_name, []).append(line.expires_at)
            continue
        lines.append(
            texts.INVITE_LIST_LINE.format(
                team=escape(line.team_name),
                code=line.code,
                until=texts.local_date(line.expires_at, tz),
                uses=texts.invite_uses(line.uses, line.max_uses),
            )
        )
    for team, expiries in personal.items():
        lines.append(
            texts.INVITE_LIST_PERSONAL.format(
                team=escape(team), count=len(expiries), until=texts.local_date(min(expiries), tz)
            )
        )
    return "\n".join(lines)


def _invite(
    session: Session,
    *,
    actor: int,
    args: list[str],
    admin: bool,
    now: datetime,
    days: int,
    tz: ZoneInfo,
) -> InviteAnswer:
    """Show, make, list or revoke team invites (one unit of work, audited)."""
    if len(args) == 2 and args[0] == "revoke":
        if not admin:
            return InviteAnswer(texts.INVITE_REVOKE_ADMINS)
        revoked = revoke_invite(session=session, code=args[1])
        record_audit(session=session, actor_telegram_id=actor, action="invite.revoke")
        if not revoked:
            return InviteAnswer(texts.INVITE_NO_SUCH)
        return InviteAnswer(texts.INVITE_REVOKED.format(code=escape(args[1][:32])))
    if args == ["list"]:
        record_audit(session=session, actor_telegram_id=actor, action="invite.list")
        return InviteAnswer(_list_text(session, now, tz))
    if len(args) not in (1, 2) or (len(args) == 2 and args[1] != "new"):
        return InviteAnswer(texts.INVITE_USAGE.format(teams=_teams_text(session)))
    try:
        live = (
            None if len(args) == 2 else live_team_invite(session=session, team_key=args[0], now=now)
        )
        if live is not None:
            invite, team = live
            existing = team.key
        else:
            invite, team = create_invite(
                session=session, team_key=args[0], created_by=actor, now=now, days=days
            )
            existing = ""
            record_audit(
                session=session,
                actor_telegram_id=actor,
                action="invite.create",
                detail=f"team={team.key}",
            )
    except ParticipantError as exc:
        return InviteAnswer(escape(str(exc)))
    return InviteAnswer(
        team=team.name,
        code=invite.code,
        expires_at=invite.expires_at,
        uses=invite.uses,
        max_uses=invite.max_uses,
        existing_key=existing,
    )


async def invite_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/invite <team> [new] | list | revoke <code>: team invite links that expire."""
    member = await _member(update, context)
    if member is None:
        return
    services = services_of(context)
    settings = services.settings
    answer = await services.db(
        _invite,
        actor=member.telegram_id,
        args=context.args or [],
        admin=member.role == PswRole.ADMIN,
        now=services.clock(),
        days=settings.invite_days,
        tz=settings.tz,
    )
    if not answer.code or answer.expires_at is None:
        await reply(update, answer.text)
        return
    status = texts.INVITE_STATUS.format(
        until=texts.local_date(answer.expires_at, settings.tz),
        uses=texts.invite_uses(answer.uses, answer.max_uses),
    )
    prefix = (
        texts.INVITE_EXISTING.format(key=escape(answer.existing_key)) if answer.existing_key else ""
    )
    await reply(
        update,
        prefix
        + texts.INVITE_LINK.format(
            team=escape(answer.team),
            link=invite_link(services.bot_username, answer.code),
            code=answer.code,
            status=status,
        ),
    )
