"""The one outbox: every kind of message is claimed once, and a refusal, a lost answer or a chat
gone for good each leave it where the next run should find it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, select

from surveys.db import session_scope
from surveys.models import (
    Delivery,
    Digest,
    Participant,
    ParticipantStatus,
    Team,
    WeDid,
    WeDidDelivery,
)
from surveys.outbox import DIGESTS, INVITES, REMINDERS, UPDATES
from surveys.pulse import add_deliveries, open_wave
from surveys.waves import outgoing

NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)


def _wave_with_two(session: Session) -> tuple[int, int]:
    team = Team(key="t", name="T")
    session.add(team)
    session.flush()
    people = [Participant(chat_id=7000 + n, team_id=team.id) for n in range(2)]
    session.add_all(people)
    session.flush()
    wave = open_wave(
        session=session,
        schedule_key="test",
        item_keys=["intent_stay"],
        opens_at=NOW - timedelta(hours=1),
        closes_at=NOW + timedelta(days=5),
    )
    assert wave.id is not None
    add_deliveries(session=session, wave_id=wave.id, participants=people)
    first, second = session.exec(select(Delivery.id).order_by(Delivery.id)).all()
    assert first is not None
    assert second is not None
    return first, second


def test_a_claim_is_taken_once_and_a_release_gives_it_back(session: Session) -> None:
    first, _second = _wave_with_two(session)
    assert INVITES.claim(session, key=first, now=NOW)
    assert not INVITES.claim(session, key=first, now=NOW)
    INVITES.release(session, key=first)
    assert INVITES.claim(session, key=first, now=NOW)
    INVITES.confirm(session, key=first, now=NOW, message_id=5)
    session.expire_all()
    assert not INVITES.claim(session, key=first, now=NOW)
    assert REMINDERS.claim(session, key=first, now=NOW)  # its own columns


def test_in_doubt_counts_as_sent_and_is_never_offered_again(session: Session) -> None:
    first, second = _wave_with_two(session)
    assert INVITES.claim(session, key=first, now=NOW)
    INVITES.in_doubt(session, key=first)
    session.flush()
    session.expire_all()
    delivery = session.get(Delivery, first)
    assert delivery is not None
    assert delivery.invited_at == NOW
    assert delivery.invite_message_id is None
    assert [m.delivery_id for m in outgoing(session=session, now=NOW)] == [second]


def test_unreachable_skips_the_person_from_now_on(session: Session) -> None:
    first, second = _wave_with_two(session)
    assert INVITES.claim(session, key=first, now=NOW)
    INVITES.unreachable(session, key=first)
    session.flush()
    session.expire_all()
    delivery = session.get(Delivery, first)
    assert delivery is not None
    person = session.get(Participant, delivery.participant_id)
    assert person is not None
    assert person.status == ParticipantStatus.UNREACHABLE
    assert [m.delivery_id for m in outgoing(session=session, now=NOW)] == [second]


def test_a_crash_leaves_claims_that_count_as_sent_at_start(engine: Engine) -> None:
    with session_scope(engine) as session:
        first, _second = _wave_with_two(session)
        assert INVITES.claim(session, key=first, now=NOW)
        person = session.exec(select(Participant)).first()
        assert person is not None
        update = WeDid(text="We did", recorded_at=NOW)
        session.add(update)
        session.flush()
        assert update.id is not None
        copy = WeDidDelivery(we_did_id=update.id, participant_id=person.id or 0)
        session.add(copy)
        session.flush()
        assert copy.id is not None
        assert UPDATES.claim(session, key=copy.id, now=NOW)
    with session_scope(engine) as session:
        assert INVITES.resolve_in_doubt(session) == 1
        assert UPDATES.resolve_in_doubt(session) == 1
        assert REMINDERS.resolve_in_doubt(session) == 0
    with session_scope(engine) as session:
        assert outgoing(session=session, now=NOW)[0].delivery_id != first


def test_the_digest_is_claimed_once_a_week(session: Session) -> None:
    assert DIGESTS.claim(session, key="2026-W48", now=NOW)
    assert not DIGESTS.claim(session, key="2026-W48", now=NOW)
    DIGESTS.release(session, key="2026-W48")
    assert DIGESTS.claim(session, key="2026-W48", now=NOW)
    DIGESTS.in_doubt(session, key="2026-W48")
    assert not DIGESTS.claim(session, key="2026-W48", now=NOW)


def test_a_release_or_a_doubt_never_undoes_a_message_that_was_sent(session: Session) -> None:
    first, second = _wave_with_two(session)
    INVITES.in_doubt(session, key=first)  # never claimed: nothing was sent, nothing changes
    assert INVITES.claim(session, key=first, now=NOW)
    INVITES.confirm(session, key=first, now=NOW + timedelta(seconds=3), message_id=9)
    INVITES.release(session, key=first)  # too late to give back
    INVITES.in_doubt(session, key=first)
    session.flush()
    session.expire_all()
    delivery = session.get(Delivery, first)
    assert delivery is not None
    assert (delivery.invited_at, delivery.invite_message_id) == (NOW + timedelta(seconds=3), 9)
    assert delivery.invite_claimed_at == NOW
    assert not INVITES.claim(session, key=first, now=NOW)
    assert [m.delivery_id for m in outgoing(session=session, now=NOW)] == [second]


def test_a_claim_is_won_by_one_sender_only(engine: Engine) -> None:
    with session_scope(engine) as session:
        first, _second = _wave_with_two(session)
    with Session(engine) as one, Session(engine) as other:
        assert INVITES.claim(one, key=first, now=NOW)
        one.commit()
        assert not INVITES.claim(other, key=first, now=NOW)  # reads the committed claim
        other.commit()


def test_the_digest_keeps_its_message_id_and_an_unreachable_chat_counts_it_as_sent(
    session: Session,
) -> None:
    assert DIGESTS.claim(session, key="2026-W48", now=NOW)
    DIGESTS.confirm(session, key="2026-W48", now=NOW, message_id=77)
    session.flush()
    session.expire_all()
    digest = session.get(Digest, "2026-W48")
    assert digest is not None
    assert (digest.sent_at, digest.message_id) == (NOW, 77)
    # The PSW chat is gone: this week's digest is not retried, and no person is marked.
    assert DIGESTS.claim(session, key="2026-W49", now=NOW)
    DIGESTS.unreachable(session, key="2026-W49")
    session.flush()
    session.expire_all()
    assert not DIGESTS.claim(session, key="2026-W49", now=NOW)
    later = session.get(Digest, "2026-W49")
    assert later is not None
    assert later.sent_at == NOW
    # A digest claim left by a crash stays claimed: it is not posted twice, nor counted here.
    assert DIGESTS.claim(session, key="2026-W50", now=NOW)
    assert DIGESTS.resolve_in_doubt(session) == 0
    assert not DIGESTS.claim(session, key="2026-W50", now=NOW)


def test_every_outbox_moves_the_same_way(session: Session) -> None:
    first, _second = _wave_with_two(session)
    person = session.exec(select(Participant)).first()
    assert person is not None
    update = WeDid(text="We did", recorded_at=NOW)
    session.add(update)
    session.flush()
    copy = WeDidDelivery(we_did_id=update.id or 0, participant_id=person.id or 0)
    session.add(copy)
    session.flush()
    assert copy.id is not None
    for box, key in ((INVITES, first), (REMINDERS, first), (UPDATES, copy.id)):
        assert box.claim(session, key=key, now=NOW), box.label
        assert not box.claim(session, key=key, now=NOW), box.label
        box.release(session, key=key)
        assert box.claim(session, key=key, now=NOW), box.label
        box.in_doubt(session, key=key)
        box.release(session, key=key)  # in doubt counts as sent: no release brings it back
        assert not box.claim(session, key=key, now=NOW), box.label
        assert box.resolve_in_doubt(session) == 0, box.label
