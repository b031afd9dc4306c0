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
from bot.usecases.errors import UsageError
from surveys import actions, wedid
from surveys.bank import QuestionBank
from surveys.models import PswRole, WeDid


def preview(session: Session, *, actor: int, typed: str, now: datetime) -> WeDid:
    """/wedid <text>: read what was typed and keep it as a preview until it is confirmed."""
    member = authorise(session, actor=actor, action="wedid.preview")
    return actions.preview(session, typed=typed, member=member, now=now)


@dataclass(frozen=True)
class Recorded:
    """A confirmed action, whether the person may send it to everyone, and to how many people
    it would go now (0 for a viewer: they are not asked)."""

    action: WeDid
    admin: bool
    audience: int = 0


def record(session: Session, *, actor: int, action_id: int, now: datetime) -> Recorded:
    """The Record button under a preview."""
    member = authorise(session, actor=actor, action="wedid.record", detail=f"update={action_id}")
    found = actions.confirm(session, action_id=action_id, now=now)
    if member.role != PswRole.ADMIN:
        return Recorded(found, admin=False)
    return Recorded(found, admin=True, audience=wedid.audience_size(session, now=now))


def broadcast(session: Session, *, actor: int, we_did_id: int, now: datetime) -> int:
    """Send to everyone: queue the update for everyone reachable now (admins); how many.
    surveys.wedid.WeDidError if it is gone or was sent already. The timetable sends it."""
    authorise(
        session,
        actor=actor,
        action="wedid.broadcast",
        detail=f"update={we_did_id}",
        needs=PswRole.ADMIN,
    )
    return wedid.plan_broadcast(session, we_did_id=we_did_id, now=now)


def keep(session: Session, *, actor: int, we_did_id: int) -> None:
    """Not now, under the question to send: the update stays recorded, sent to nobody."""
    authorise(
        session, actor=actor, action="wedid.keep", detail=f"update={we_did_id}", needs=PswRole.ADMIN
    )


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


def listing_check(session: Session, *, actor: int) -> WeDid | None:
    """/wedid with nothing after it: only the PSW team sees the usage and the current update
    (returned, None when there is none)."""
    authorise(session, actor=actor, action="wedid.usage")
    return wedid.current(session)
