"""One outbox for everything the bot sends on its own: invites, reminders, "you said, we did"
updates and the weekly digest, each at most once.

Every message has a row that says where it stands, and every row moves the same way:

- `claim` (a timestamp committed) just before the message is handed to Telegram; False if it was
  claimed or sent already, so two senders never both send it;
- `confirm` when Telegram answered with the message;
- `release` when Telegram refused it (429, a 5xx answer, a refusal of our request): nothing was
  posted, so it may be tried again;
- `in_doubt` when the request went out and no answer came back (a read time-out, a dropped
  connection): Telegram may have posted it, so it counts as sent and is never resent;
- `unreachable` when Telegram said the person cannot be written to (blocked, deactivated, chat not
  found): they are skipped from now on, here and for pulses;
- `resolve_in_doubt` at start: a claim never confirmed means the process died while Telegram may
  have posted the message: in doubt, as above.

A wave's reminder still reaches a person whose invite was in doubt if they have not answered.
Each outbox is typed by its key: a delivery's id, or the digest's ISO week.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal, Protocol, TypeVar

from sqlmodel import Session, col, select, update

from surveys.models import Delivery, Digest, Participant, ParticipantStatus, WeDidDelivery

K = TypeVar("K", int, str)
K_contra = TypeVar("K_contra", int, str, contravariant=True)
Kind = Literal["invite", "reminder", "later"]  # "later": the one a person asked for


class Outbox(Protocol[K_contra]):
    """Where one kind of message is claimed, confirmed, released, in doubt or unreachable."""

    label: str

    def claim(self, session: Session, *, key: K_contra, now: datetime) -> bool:
        """Claim the message just before sending it; False if claimed or sent already."""
        ...

    def confirm(
        self, session: Session, *, key: K_contra, now: datetime, message_id: int | None
    ) -> None:
        """Telegram accepted the message."""
        ...

    def release(self, session: Session, *, key: K_contra) -> None:
        """Telegram refused the message: nothing was posted, it may be tried again."""
        ...

    def in_doubt(self, session: Session, *, key: K_contra) -> None:
        """No answer came: it may have been posted, so it counts as sent and is never resent."""
        ...

    def unreachable(self, session: Session, *, key: K_contra) -> None:
        """Telegram said this chat cannot be written to: skip it from now on."""
        ...

    def resolve_in_doubt(self, session: Session) -> int:
        """At start: every claim never confirmed counts as sent; how many there were."""
        ...


def _person_unreachable(session: Session, participant_id: int) -> None:
    person = session.get(Participant, participant_id)
    if person is not None:
        person.status = ParticipantStatus.UNREACHABLE
        session.add(person)


_COLUMNS = {
    "invite": (Delivery.invite_claimed_at, Delivery.invited_at),
    "reminder": (Delivery.reminder_claimed_at, Delivery.reminded_at),
    "later": (Delivery.later_claimed_at, Delivery.later_sent_at),
}


class WaveOutbox:
    """A wave's invites, its reminders, or the reminders people asked for with "Remind me
    later": the claim and sent columns of each Delivery."""

    def __init__(self, kind: Kind) -> None:
        self.label: str = kind
        self.kind = kind
        claimed, done = _COLUMNS[kind]
        self._claimed = col(claimed)
        self._done = col(done)

    def claim(self, session: Session, *, key: int, now: datetime) -> bool:
        """See Outbox.claim."""
        result = session.exec(
            update(Delivery)
            .where(col(Delivery.id) == key, self._claimed.is_(None), self._done.is_(None))
            .values({self._claimed: now})
        )
        return bool(result.rowcount)

    def confirm(self, session: Session, *, key: int, now: datetime, message_id: int | None) -> None:
        """See Outbox.confirm."""
        delivery = session.get(Delivery, key)
        if delivery is None:  # forgotten meanwhile
            return
        if self.kind == "invite":
            delivery.invited_at, delivery.invite_message_id = now, message_id
        elif self.kind == "reminder":
            delivery.reminded_at = now
        else:
            delivery.later_sent_at = now
        session.add(delivery)

    def release(self, session: Session, *, key: int) -> None:
        """See Outbox.release."""
        delivery = session.get(Delivery, key)
        if delivery is None:
            return
        if self.kind == "invite":
            delivery.invite_claimed_at = None
        elif self.kind == "reminder":
            delivery.reminder_claimed_at = None
        else:
            delivery.later_claimed_at = None
        session.add(delivery)

    def in_doubt(self, session: Session, *, key: int) -> None:
        """See Outbox.in_doubt: sent at the moment it was claimed, with no message id."""
        # In SQL, like the claim, so it reads the claim as committed, not as a session cached it.
        session.exec(
            update(Delivery)
            .where(col(Delivery.id) == key, self._claimed.is_not(None), self._done.is_(None))
            .values({self._done: self._claimed})
        )

    def unreachable(self, session: Session, *, key: int) -> None:
        """See Outbox.unreachable."""
        delivery = session.get(Delivery, key)
        if delivery is None:
            return
        delivery.unreachable = True
        session.add(delivery)
        _person_unreachable(session, delivery.participant_id)

    def resolve_in_doubt(self, session: Session) -> int:
        """See Outbox.resolve_in_doubt."""
        doubtful = session.exec(
            select(Delivery).where(self._claimed.is_not(None), self._done.is_(None))
        ).all()
        for delivery in doubtful:
            assert delivery.id is not None
            self.in_doubt(session, key=delivery.id)
        return len(doubtful)


class WeDidOutbox:
    """One person's copy of a broadcast "you said, we did" update."""

    label = "update"

    def claim(self, session: Session, *, key: int, now: datetime) -> bool:
        """See Outbox.claim."""
        result = session.exec(
            update(WeDidDelivery)
            .where(
                col(WeDidDelivery.id) == key,
                col(WeDidDelivery.claimed_at).is_(None),
                col(WeDidDelivery.sent_at).is_(None),
            )
            .values(claimed_at=now)
        )
        return bool(result.rowcount)

    def confirm(self, session: Session, *, key: int, now: datetime, message_id: int | None) -> None:
        """See Outbox.confirm."""
        delivery = session.get(WeDidDelivery, key)
        if delivery is not None:
            delivery.sent_at = now
            session.add(delivery)

    def release(self, session: Session, *, key: int) -> None:
        """See Outbox.release."""
        delivery = session.get(WeDidDelivery, key)
        if delivery is not None and delivery.sent_at is None:
            delivery.claimed_at = None
            session.add(delivery)

    def in_doubt(self, session: Session, *, key: int) -> None:
        """See Outbox.in_doubt."""
        delivery = session.get(WeDidDelivery, key)
        if delivery is not None and delivery.sent_at is None:
            delivery.sent_at = delivery.claimed_at
            session.add(delivery)

    def unreachable(self, session: Session, *, key: int) -> None:
        """See Outbox.unreachable."""
        delivery = session.get(WeDidDelivery, key)
        if delivery is None:
            return
        delivery.unreachable = True
        session.add(delivery)
        _person_unreachable(session, delivery.participant_id)

    def resolve_in_doubt(self, session: Session) -> int:
        """See Outbox.resolve_in_doubt."""
        doubtful: Sequence[WeDidDelivery] = session.exec(
            select(WeDidDelivery).where(
                col(WeDidDelivery.claimed_at).is_not(None), col(WeDidDelivery.sent_at).is_(None)
            )
        ).all()
        for delivery in doubtful:
            delivery.sent_at = delivery.claimed_at
            session.add(delivery)
        return len(doubtful)


class DigestOutbox:
    """The weekly digest, one per ISO week (its key, e.g. 2026-W48)."""

    label = "digest"

    def claim(self, session: Session, *, key: str, now: datetime) -> bool:
        """See Outbox.claim."""
        digest = session.get(Digest, key)
        if digest is None:
            session.add(Digest(period=key, claimed_at=now))
            session.flush()
            return True
        if digest.claimed_at is None and digest.sent_at is None:
            digest.claimed_at = now
            session.add(digest)
            return True
        return False

    def confirm(self, session: Session, *, key: str, now: datetime, message_id: int | None) -> None:
        """See Outbox.confirm."""
        digest = session.get(Digest, key)
        if digest is not None:
            digest.sent_at, digest.message_id = now, message_id
            session.add(digest)

    def release(self, session: Session, *, key: str) -> None:
        """See Outbox.release."""
        digest = session.get(Digest, key)
        if digest is not None and digest.sent_at is None:
            digest.claimed_at = None
            session.add(digest)

    def in_doubt(self, session: Session, *, key: str) -> None:
        """See Outbox.in_doubt."""
        digest = session.get(Digest, key)
        if digest is not None and digest.sent_at is None:
            digest.sent_at = digest.claimed_at
            session.add(digest)

    def unreachable(self, session: Session, *, key: str) -> None:
        """The PSW chat cannot be written to: the digest is not retried this week."""
        self.in_doubt(session, key=key)

    def resolve_in_doubt(self, session: Session) -> int:
        """A digest claimed but never confirmed stays claimed: it is not posted twice."""
        return 0


INVITES = WaveOutbox("invite")
REMINDERS = WaveOutbox("reminder")
LATER = WaveOutbox("later")
UPDATES = WeDidOutbox()
DIGESTS = DigestOutbox()
ALL: tuple[Outbox[int] | Outbox[str], ...] = (INVITES, REMINDERS, LATER, UPDATES, DIGESTS)
