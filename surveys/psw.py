"""The PSW team: who may read results, who may change things, and the audit log of every read."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlmodel import Session, col, select

from surveys.models import AuditEntry, PswMember, PswRole


def get_psw_member(session: Session, *, telegram_id: int) -> PswMember | None:
    """The PSW member with this Telegram id, if there is one."""
    return session.exec(select(PswMember).where(PswMember.telegram_id == telegram_id)).first()


def add_psw_member(
    session: Session, *, telegram_id: int, role: PswRole = PswRole.VIEWER, name: str = ""
) -> tuple[PswMember, bool]:
    """Add a member, or change the role of an existing one. Returns (member, created)."""
    if telegram_id <= 0:
        raise ValueError("a Telegram user id is a positive number")
    member = get_psw_member(session=session, telegram_id=telegram_id)
    if member is not None:
        member.role = PswRole(role)
        if name:
            member.name = name
        session.add(member)
        return member, False
    member = PswMember(telegram_id=telegram_id, role=PswRole(role), name=name)
    session.add(member)
    session.flush()
    return member, True


def remove_psw_member(session: Session, *, telegram_id: int) -> bool:
    """Remove a member; False if there was none."""
    member = get_psw_member(session=session, telegram_id=telegram_id)
    if member is None:
        return False
    session.delete(member)
    return True


def list_psw_members(session: Session) -> Sequence[PswMember]:
    """Every member, admins first."""
    return session.exec(
        select(PswMember).order_by(col(PswMember.role), col(PswMember.telegram_id))
    ).all()


def ensure_admins(session: Session, *, telegram_ids: Iterable[int]) -> int:
    """Make the configured ADMIN_TELEGRAM_IDS admins; return how many were added or promoted."""
    changed = 0
    for telegram_id in telegram_ids:
        member = get_psw_member(session=session, telegram_id=telegram_id)
        if member is None or member.role != PswRole.ADMIN:
            add_psw_member(session=session, telegram_id=telegram_id, role=PswRole.ADMIN)
            changed += 1
    return changed


def record_audit(
    session: Session, *, actor_telegram_id: int, action: str, detail: str = ""
) -> None:
    """Write who did what; `detail` names parameters, never results or comments."""
    session.add(
        AuditEntry(actor_telegram_id=actor_telegram_id, action=action[:64], detail=detail[:500])
    )
