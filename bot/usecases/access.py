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
    (so an action that fails leaves no line claiming it happened). Raises Denied when `actor` is
    not on the PSW list, or is a viewer and the action needs an admin."""
    member = get_psw_member(session, telegram_id=actor)
    if member is None or (needs == PswRole.ADMIN and member.role != PswRole.ADMIN):
        raise Denied(needs)
    record_audit(session, actor_telegram_id=actor, action=action, detail=detail[:DETAIL_LIMIT])
    return member
