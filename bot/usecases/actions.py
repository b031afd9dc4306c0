"""The action log ("you said, we did"), for the PSW team: preview, record, edit, withdraw, list.

Sending an update to everyone stays in bot/handlers/wedid.py and surveys/wedid.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from analysis.report import ActionLine, theme_before_after
from bot.usecases.access import authorise
from surveys import actions
from surveys.bank import QuestionBank
from surveys.models import PswRole, WeDid


class UsageError(ValueError):
    """The arguments do not say what to do; adapters answer with the command's usage."""


def _detail(found: WeDid) -> str:
    return f"action={found.id}"


def preview(session: Session, *, actor: int, typed: str, now: datetime) -> WeDid:
    """/wedid <text>: read what was typed and keep it as a preview until it is confirmed."""
    member = authorise(session, actor=actor, action="wedid.preview")
    return actions.preview(session, typed=typed, member=member, now=now)


@dataclass(frozen=True)
class Recorded:
    """A confirmed action, and whether the person may send it to everyone."""

    action: WeDid
    admin: bool


def record(session: Session, *, actor: int, action_id: int, now: datetime) -> Recorded:
    """The Record button under a preview."""
    member = authorise(session, actor=actor, action="wedid.record", detail=f"update={action_id}")
    found = actions.confirm(session, action_id=action_id, now=now)
    return Recorded(found, member.role == PswRole.ADMIN)


def discard(session: Session, *, actor: int, action_id: int) -> None:
    """The Cancel button under a preview."""
    authorise(session, actor=actor, action="wedid.discard", detail=f"update={action_id}")
    actions.discard(session, action_id=action_id)


def change(session: Session, *, actor: int, args: Sequence[str], now: datetime) -> WeDid:
    """/action <n> theme|owner|due|status|text <value>, or /action <n> withdraw."""
    authorise(session, actor=actor, action="action.change", detail=" ".join(args[:2]))
    if len(args) < 2 or not args[0].lstrip("#").isdigit():
        raise UsageError("action")
    number, what = int(args[0].lstrip("#")), args[1].lower()
    if what == "withdraw" and len(args) == 2:
        return actions.withdraw(session, action_id=number, now=now)
    if what not in actions.FIELDS or len(args) < 3:
        raise UsageError("action")
    return actions.change(session, action_id=number, field=what, value=" ".join(args[2:]), now=now)


def action_lines(
    session: Session, *, today: date, bank: QuestionBank, min_group: int
) -> tuple[ActionLine, ...]:
    """Every recorded action with its theme's figures before and since (no access check)."""
    found = []
    for row in actions.listed(session):
        assert row.id is not None
        recorded = row.recorded_at.date()
        before, after = theme_before_after(
            session, theme=row.theme, recorded=recorded, today=today, bank=bank, min_group=min_group
        )
        found.append(
            ActionLine(
                row.id, row.text, row.theme, row.owner, row.due, row.status, recorded, before, after
            )
        )
    return tuple(found)


def listing(
    session: Session, *, actor: int, today: date, bank: QuestionBank, min_group: int
) -> tuple[ActionLine, ...]:
    """/actions: every recorded action, newest first, with the theme before and since."""
    authorise(session, actor=actor, action="actions")
    return action_lines(session, today=today, bank=bank, min_group=min_group)


def listing_check(session: Session, *, actor: int) -> None:
    """/wedid with nothing after it: only the PSW team sees the usage and the current update."""
    authorise(session, actor=actor, action="wedid.usage")
