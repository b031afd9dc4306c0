"""The "Remind me later" button on a pulse invite: one more reminder, in working hours.

It concerns the delivery, never the answer: the moment is kept on the person's Delivery row
(identity side), which is deleted with every other delivery when the wave closes, and nothing is
written near a ballot. The reminder itself goes out through the one outbox (surveys.outbox.LATER,
surveys.waves.outgoing), so it is sent at most once, only while the person has not answered and
the wave is open, and only in working hours (docs/design.md, "Time").
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select, update

from surveys.calendar import WorkingCalendar
from surveys.models import Delivery, Wave, WaveStatus
from surveys.participants import get_participant, is_reachable


class Later(enum.Enum):
    """What became of a press of "Remind me later"."""

    SET = "set"  # one more reminder at `at`
    ALREADY_SET = "already set"  # pressed before: still the one reminder, at `at`
    ALREADY_SENT = "already sent"  # that reminder has gone; no second one
    ANSWERED = "answered"  # nothing to remind them of
    CLOSED = "closed"  # the wave has closed (or never was)
    NOT_INVITED = "not invited"  # no invite of theirs to this wave (they left, or joined later)
    TOO_LATE = "too late"  # no working moment before the close that is later than now
    PAUSED = "paused"  # they paused or stopped messages: no reminder while that lasts


@dataclass(frozen=True)
class Snooze:
    """The outcome, the reminder's moment (SET, ALREADY_SET, ALREADY_SENT) and the close."""

    outcome: Later
    at: datetime | None = None
    closes_at: datetime | None = None


def remind_later(
    session: Session,
    *,
    chat_id: int,
    wave_id: int,
    now: datetime,
    calendar: WorkingCalendar,
    delay: timedelta,
) -> Snooze:
    """Ask for one more reminder about wave `wave_id`, `delay` from now or at the next working
    moment after that, if that is before the wave closes. A second press changes nothing."""
    wave = session.get(Wave, wave_id)
    if wave is None or wave.status != WaveStatus.OPEN or now >= wave.closes_at:
        return Snooze(Later.CLOSED)
    participant = get_participant(session=session, chat_id=chat_id)
    delivery = None
    if participant is not None:
        delivery = session.exec(
            select(Delivery).where(
                Delivery.wave_id == wave_id, Delivery.participant_id == participant.id
            )
        ).first()
    if participant is None or delivery is None or delivery.id is None:
        return Snooze(Later.NOT_INVITED)
    closes = wave.closes_at
    if delivery.completed:
        return Snooze(Later.ANSWERED, closes_at=closes)
    if delivery.later_at is not None:
        # The wave's own reminder at or after the asked-for time stands in for it (later_due).
        reminded = delivery.reminded_at is not None and delivery.reminded_at >= delivery.later_at
        sent = (
            reminded or delivery.later_sent_at is not None or delivery.later_claimed_at is not None
        )
        return Snooze(Later.ALREADY_SENT if sent else Later.ALREADY_SET, delivery.later_at, closes)
    if not is_reachable(participant, now):
        return Snooze(Later.PAUSED, closes_at=closes)
    at = calendar.next_working_moment(now + delay)
    if at >= closes:
        return Snooze(Later.TOO_LATE, closes_at=closes)
    # In SQL, only if still unset: two quick presses (or a redelivered update) set it once.
    set_now = session.exec(
        update(Delivery)
        .where(col(Delivery.id) == delivery.id, col(Delivery.later_at).is_(None))
        .values(later_at=at)
    )
    if not set_now.rowcount:
        session.refresh(delivery)
        return Snooze(Later.ALREADY_SET, delivery.later_at, closes)
    return Snooze(Later.SET, at, closes)
