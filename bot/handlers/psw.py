"""Commands for the PSW team; anyone else hears that the command is for the PSW team, no more."""

from __future__ import annotations

from html import escape

from sqlmodel import Session
from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from bot.handlers.util import reply
from bot.services import services_of
from surveys.models import PswMember, PswRole
from surveys.participants import ParticipantError, active_teams, create_invite, revoke_invite
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


def _invite(*, session: Session, actor: int, args: list[str], admin: bool) -> tuple[str, str]:
    """('link', team name|code) / ('usage', teams) / ('revoked'|'unknown'|'error', message)."""
    if len(args) == 2 and args[0] == "revoke":
        if not admin:
            return "error", "Only PSW admins can revoke invites."
        revoked = revoke_invite(session=session, code=args[1])
        record_audit(session=session, actor_telegram_id=actor, action="invite.revoke")
        return ("revoked", "Revoked.") if revoked else ("error", "No such invite code.")
    if len(args) != 1:
        teams = ", ".join(f"<code>{escape(t.key)}</code>" for t in active_teams(session=session))
        return "usage", texts.INVITE_USAGE.format(teams=teams)
    try:
        invite, team = create_invite(session=session, team_key=args[0], created_by=actor)
    except ParticipantError as exc:
        return "error", escape(str(exc))
    record_audit(
        session=session, actor_telegram_id=actor, action="invite.create", detail=f"team={team.key}"
    )
    return "link", f"{team.name}\n{invite.code}"


async def invite_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/invite <team>: a t.me link that puts whoever opens it in that team."""
    member = await _member(update, context)
    if member is None:
        return
    services = services_of(context)
    kind, text = await services.db(
        _invite,
        actor=member.telegram_id,
        args=context.args or [],
        admin=member.role == PswRole.ADMIN,
    )
    if kind != "link":
        await reply(update, text)
        return
    team_name, code = text.split("\n")
    link = invite_link(services.bot_username, code)
    await reply(update, texts.INVITE_LINK.format(team=escape(team_name), link=link, code=code))
