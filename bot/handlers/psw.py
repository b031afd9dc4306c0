"""Commands for the PSW team; anyone else hears that the command is for the PSW team, no more.
The checks, the work and the audit are bot/usecases/invites.py; this module renders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from bot.handlers.util import actor, reply
from bot.services import services_of
from bot.usecases import invites
from bot.usecases.access import Denied
from surveys.participants import InviteLine, ParticipantError, TeamJoined


def invite_link(bot_username: str, code: str) -> str:
    """The deep link that opens the bot with an invite code."""
    return f"https://t.me/{bot_username}?start={code}"


def _teams_text(teams: Sequence[TeamJoined]) -> str:
    lines = []
    for team in teams:
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


def _list_text(found: Sequence[InviteLine], tz: ZoneInfo) -> str:
    if not found:
        return texts.INVITE_LIST_NONE
    lines = [texts.INVITE_LIST_TITLE]
    personal: dict[str, list[datetime]] = {}
    for line in found:
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


async def _revoke(update: Update, context: ContextTypes.DEFAULT_TYPE, code: str) -> None:
    services = services_of(context)
    try:
        revoked = await services.db(invites.revoke, actor=actor(update), code=code)
    except Denied as refused:
        if not refused.admins_only:
            raise  # not on the PSW team: answered centrally (common.on_error)
        await reply(update, texts.INVITE_REVOKE_ADMINS)
        return
    if not revoked:
        await reply(update, texts.INVITE_NO_SUCH)
        return
    await reply(update, texts.INVITE_REVOKED.format(code=escape(code[:32])))


async def invite_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/invite <team> [new] | list | revoke <code>: team invite links that expire."""
    services = services_of(context)
    settings = services.settings
    args = context.args or []
    if len(args) == 2 and args[0] == "revoke":
        await _revoke(update, context, args[1])
        return
    if args == ["list"]:
        found = await services.db(invites.listing, actor=actor(update), now=services.clock())
        await reply(update, _list_text(found, settings.tz))
        return
    if len(args) not in (1, 2) or (len(args) == 2 and args[1] != "new"):
        teams = await services.db(invites.teams, actor=actor(update))
        await reply(update, texts.INVITE_USAGE.format(teams=_teams_text(teams)))
        return
    try:
        made = await services.db(
            invites.invite,
            actor=actor(update),
            team_key=args[0],
            new=len(args) == 2,
            now=services.clock(),
            days=settings.invite_days,
        )
    except ParticipantError as exc:
        await reply(update, escape(str(exc)))
        return
    status = texts.INVITE_STATUS.format(
        until=texts.local_date(made.expires_at, settings.tz),
        uses=texts.invite_uses(made.uses, made.max_uses),
    )
    prefix = texts.INVITE_EXISTING.format(key=escape(made.team_key)) if made.existing else ""
    await reply(
        update,
        prefix
        + texts.INVITE_LINK.format(
            team=escape(made.team_name),
            link=invite_link(services.bot_username, made.code),
            code=made.code,
            status=status,
        ),
    )
