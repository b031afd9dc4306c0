"""One outbox for everything the bot sends on its own: invites, reminders (the wave's, and the
one someone asked for), "you said, we did" updates and the weekly digest, each at most once.

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
Each outbox is one TableOutbox over its table, typed by its key: a delivery's id, or the
digest's ISO week.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Generic, Literal, Protocol, TypeVar

from sqlmodel import Session, SQLModel, col, select, update

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


class TableOutbox(Generic[K]):
    """An outbox over one table: a row per message, found by `key`, with a claim column and a
    sent column. Every move is one SQL UPDATE guarded by those two columns, so it reads the
    claim as committed, not as a session cached it, and two senders never both win a claim.

    `message_id`: the column that keeps Telegram's id of the sent message, if any.
    `unreachable` and `participant`: the row's flag for a chat gone for good and the person it
    goes to: the row is flagged and the person skipped from now on. Without them (the PSW
    chat's digest) an unreachable chat counts the message as sent, so it is not retried.
    `create`: the row for a key that has none yet, made at its first claim (the digest's week).
    `resolve_at_start`: a claim never confirmed counts as sent at start; without it the claim
    simply stays, which is as good (the digest: it is never posted twice either way).
    """

    def __init__(
        self,
        label: str,
        model: type[SQLModel],
        *,
        key: Any,
        claimed: Any,
        sent: Any,
        message_id: Any = None,
        unreachable: Any = None,
        participant: Any = None,
        create: Callable[[K, datetime], SQLModel] | None = None,
        resolve_at_start: bool = True,
    ) -> None:
        self.label = label
        self._model = model
        self._key, self._claimed, self._sent = col(key), col(claimed), col(sent)
        self._message_id = None if message_id is None else col(message_id)
        self._unreachable = None if unreachable is None else col(unreachable)
        self._participant = None if participant is None else col(participant)
        self._create: Callable[[K, datetime], SQLModel] | None = create
        self._resolve = resolve_at_start

    def _set(self, session: Session, key: K | None, values: dict[Any, Any], *where: Any) -> int:
        """UPDATE the row of `key` (every row, for None) where `where` holds; rows changed."""
        at = (self._key == key,) if key is not None else ()
        result = session.exec(update(self._model).where(*at, *where).values(values))
        return int(result.rowcount)

    def claim(self, session: Session, *, key: K, now: datetime) -> bool:
        """See Outbox.claim."""
        free = (self._claimed.is_(None), self._sent.is_(None))
        if self._set(session, key, {self._claimed: now}, *free):
            return True
        if self._create is None or session.get(self._model, key) is not None:
            return False
        session.add(self._create(key, now))
        session.flush()  # a second process creating the same row fails here, not later
        return True

    def confirm(self, session: Session, *, key: K, now: datetime, message_id: int | None) -> None:
        """See Outbox.confirm."""
        values: dict[Any, Any] = {self._sent: now}
        if self._message_id is not None:
            values[self._message_id] = message_id
        self._set(session, key, values)

    def release(self, session: Session, *, key: K) -> None:
        """See Outbox.release."""
        self._set(session, key, {self._claimed: None}, self._sent.is_(None))

    def in_doubt(self, session: Session, *, key: K) -> None:
        """See Outbox.in_doubt: sent at the moment it was claimed, with no message id."""
        doubtful = (self._claimed.is_not(None), self._sent.is_(None))
        self._set(session, key, {self._sent: self._claimed}, *doubtful)

    def unreachable(self, session: Session, *, key: K) -> None:
        """See Outbox.unreachable."""
        if self._unreachable is None or self._participant is None:
            self.in_doubt(session, key=key)
            return
        self._set(session, key, {self._unreachable: True})
        participant_id = session.exec(select(self._participant).where(self._key == key)).first()
        person = None if participant_id is None else session.get(Participant, participant_id)
        if person is not None:
            person.status = ParticipantStatus.UNREACHABLE
            session.add(person)

    def resolve_in_doubt(self, session: Session) -> int:
        """See Outbox.resolve_in_doubt."""
        if not self._resolve:
            return 0
        doubtful = (self._claimed.is_not(None), self._sent.is_(None))
        return self._set(session, None, {self._sent: self._claimed}, *doubtful)


INVITES: TableOutbox[int] = TableOutbox(
    "invite",
    Delivery,
    key=Delivery.id,
    claimed=Delivery.invite_claimed_at,
    sent=Delivery.invited_at,
    message_id=Delivery.invite_message_id,
    unreachable=Delivery.unreachable,
    participant=Delivery.participant_id,
)
REMINDERS: TableOutbox[int] = TableOutbox(
    "reminder",
    Delivery,
    key=Delivery.id,
    claimed=Delivery.reminder_claimed_at,
    sent=Delivery.reminded_at,
    unreachable=Delivery.unreachable,
    participant=Delivery.participant_id,
)
LATER: TableOutbox[int] = TableOutbox(  # the one reminder a person asked for ("Remind me later")
    "later",
    Delivery,
    key=Delivery.id,
    claimed=Delivery.later_claimed_at,
    sent=Delivery.later_sent_at,
    unreachable=Delivery.unreachable,
    participant=Delivery.participant_id,
)
UPDATES: TableOutbox[int] = TableOutbox(
    "update",
    WeDidDelivery,
    key=WeDidDelivery.id,
    claimed=WeDidDelivery.claimed_at,
    sent=WeDidDelivery.sent_at,
    unreachable=WeDidDelivery.unreachable,
    participant=WeDidDelivery.participant_id,
)
DIGESTS: TableOutbox[str] = TableOutbox(
    "digest",
    Digest,
    key=Digest.period,
    claimed=Digest.claimed_at,
    sent=Digest.sent_at,
    message_id=Digest.message_id,
    create=lambda period, now: Digest(period=period, claimed_at=now),
    resolve_at_start=False,
)
ALL: tuple[Outbox[int] | Outbox[str], ...] = (INVITES, REMINDERS, LATER, UPDATES, DIGESTS)
