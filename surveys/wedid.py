""" "You said, we did": updates from the PSW team on what changed because of what staff said.

The newest update is shown after every completed pulse until the next one is recorded. An admin
may also send it to everyone reachable: one row per person, sent through the same outbox as
invites (surveys.outbox.UPDATES), so a restart never sends anyone a second copy. Sends happen in
working hours only (bot.scheduler).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from surveys.models import Participant, ParticipantStatus, PswMember, WeDid, WeDidDelivery
from surveys.participants import is_reachable

MAX_LENGTH = 1000


class WeDidError(ValueError):
    """An update that cannot be recorded or sent; the message says why."""


@dataclass(frozen=True)
class WeDidMessage:
    """One copy of a broadcast update to send."""

    delivery_id: int
    chat_id: int
    text: str


def record(session: Session, *, text: str, member: PswMember, now: datetime) -> WeDid:
    """Record an update; it is shown after pulses from now on."""
    text = text.strip()
    if not text:
        raise WeDidError("An update needs some words.")
    if len(text) > MAX_LENGTH:
        raise WeDidError(f"Updates are up to {MAX_LENGTH} characters; this one is {len(text)}.")
    found = WeDid(text=text, recorded_at=now, recorded_by=member.id)
    session.add(found)
    session.flush()
    return found


def current(session: Session) -> WeDid | None:
    """The newest update, shown after completed pulses."""
    # Previews not yet confirmed and withdrawn actions are never shown (surveys/actions.py).
    return session.exec(
        select(WeDid)
        .where(col(WeDid.status).not_in(["draft", "withdrawn"]))
        .order_by(col(WeDid.recorded_at).desc(), col(WeDid.id).desc())
    ).first()


def _audience(session: Session, now: datetime) -> list[Participant]:
    people = session.exec(
        select(Participant).where(
            col(Participant.status).in_([ParticipantStatus.ACTIVE, ParticipantStatus.PAUSED])
        )
    ).all()
    return [p for p in people if is_reachable(p, now)]


def audience_size(session: Session, *, now: datetime) -> int:
    """Everyone a broadcast would reach now: not paused, stopped or unreachable."""
    return len(_audience(session, now))


def plan_broadcast(session: Session, *, we_did_id: int, now: datetime) -> int:
    """Queue the update for everyone reachable now; the number queued.

    Refused if it was already sent, so a second press of the button sends nothing more.
    """
    found = session.get(WeDid, we_did_id)
    if found is None:
        raise WeDidError("That update no longer exists.")
    if found.broadcast_at is not None:
        raise WeDidError(f"That update was already sent to {found.audience or 0} people.")
    people = _audience(session, now)
    for person in people:
        assert person.id is not None
        session.add(WeDidDelivery(we_did_id=we_did_id, participant_id=person.id))
    found.broadcast_at, found.audience = now, len(people)
    session.add(found)
    return len(people)


def outgoing(session: Session, *, now: datetime) -> list[WeDidMessage]:
    """Copies not yet claimed or sent, to people still reachable."""
    rows = session.exec(
        select(WeDidDelivery, Participant, WeDid)
        .join(Participant, col(Participant.id) == col(WeDidDelivery.participant_id))
        .join(WeDid, col(WeDid.id) == col(WeDidDelivery.we_did_id))
        .where(
            col(WeDidDelivery.claimed_at).is_(None),
            col(WeDidDelivery.sent_at).is_(None),
            col(WeDidDelivery.unreachable).is_(False),
        )
        .order_by(col(WeDidDelivery.id))
    ).all()
    return [
        WeDidMessage(delivery.id, person.chat_id, update_.text)
        for delivery, person, update_ in rows
        if delivery.id is not None and is_reachable(person, now)
    ]
