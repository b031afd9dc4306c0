"""Who may do what: the PSW access check and its audit line, in the action's unit of work."""

from __future__ import annotations

from sqlmodel import Session

from surveys.models import PswMember, PswRole
from surveys.psw import get_psw_member, record_audit

DETAIL_LIMIT = 200  # the audit keeps the parameters asked for, never results


class Denied(Exception):
    """The person may not do this. Adapters answer with a plain refusal; nothing was done."""

    def __init__(self, needs: PswRole) -> None:
        super().__init__(f"needs the PSW {needs} role")
        self.needs = needs

    @property
    def admins_only(self) -> bool:
        """Whether only PSW admins may do this (so the refusal can say so)."""
        return self.needs == PswRole.ADMIN


def authorise(
    session: Session,
    *,
    actor: int,
    action: str,
    detail: str = "",
    needs: PswRole = PswRole.VIEWER,
) -> PswMember:
    """The PSW member `actor`, with the audit line for `action` written in the same transaction
    (so an action that fails with an error leaves no line; one that finds nothing to do, such as
    closing when no pulse is open, is logged as asked for: the log records requests). Raises
    Denied when `actor` is not on the PSW list, or is a viewer and the action needs an admin."""
    member = get_psw_member(session, telegram_id=actor)
    if member is None or (needs == PswRole.ADMIN and member.role != PswRole.ADMIN):
        raise Denied(needs)
    record_audit(session, actor_telegram_id=actor, action=action, detail=detail[:DETAIL_LIMIT])
    return member


SHELL = None  # the operator at the server's shell (`staypulse ...`): no Telegram id


def authorise_or_shell(
    session: Session,
    *,
    actor: int | None,
    action: str,
    detail: str = "",
    needs: PswRole = PswRole.VIEWER,
) -> PswMember | None:
    """`authorise` for a person on Telegram; for the operator's shell (`actor` is SHELL: whoever
    runs `staypulse` on the server holds the database and the key, so may do anything) only the
    audit line, actor 0 and marked via=shell, so the log shows both doors into one action."""
    if actor is not None:
        return authorise(session, actor=actor, action=action, detail=detail, needs=needs)
    shell = f"{detail} via=shell" if detail else "via=shell"
    record_audit(session, actor_telegram_id=0, action=action, detail=shell[:DETAIL_LIMIT])
    return None


def require_admin(member: PswMember | None) -> None:
    """After `authorise` at viewer level: refuse a viewer an admin's action (Denied rolls the
    unit of work back, audit line included). A non-member was refused already as not PSW; None
    is the operator's shell, which may."""
    if member is not None and member.role != PswRole.ADMIN:
        raise Denied(PswRole.ADMIN)
