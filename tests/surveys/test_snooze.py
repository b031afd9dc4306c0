"""Remind me later and withdrawing a pulse comment, in the domain: one more reminder, only in
working hours, only before the close, only while unanswered, and never anything near a ballot;
a comment withdrawn only while its pulse is open."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlmodel import Session, select

from surveys.ballot import FEEDBACK, PULSE, seal
from surveys.bank import default_bank
from surveys.calendar import WorkingCalendar
from surveys.models import Delivery, Participant, SealedBallot, Team
from surveys.outbox import LATER, REMINDERS
from surveys.pulse import add_deliveries, close_wave, open_wave, withdraw_pulse_comment
from surveys.schedule import load_schedules
from surveys.snooze import Later, remind_later
from surveys.waves import next_event, outgoing

LONDON = ZoneInfo("Europe/London")
CALENDAR = WorkingCalendar(LONDON)
NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)  # Wednesday 10:00 in London
THREE_HOURS = timedelta(hours=3)


def _wave(session: Session, *, closes: datetime = NOW + timedelta(days=7)) -> int:
    """An open wave with two people invited, and their invites sent."""
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
        closes_at=closes,
        remind_at=NOW + timedelta(days=5),
    )
    assert wave.id is not None
    add_deliveries(session=session, wave_id=wave.id, participants=people)
    for delivery in session.exec(select(Delivery)):
        delivery.invited_at = NOW - timedelta(hours=1)
        session.add(delivery)
    session.flush()
    return wave.id


def _later(session: Session, wave_id: int, now: datetime = NOW, chat: int = 7000) -> Later:
    return remind_later(
        session, chat_id=chat, wave_id=wave_id, now=now, calendar=CALENDAR, delay=THREE_HOURS
    ).outcome


def _kinds(session: Session, now: datetime) -> list[tuple[str, int]]:
    return [(m.kind, m.chat_id) for m in outgoing(session=session, now=now)]


def test_one_more_reminder_in_working_hours_however_often_pressed(session: Session) -> None:
    wave_id = _wave(session)
    late_afternoon = NOW + timedelta(hours=6)  # 16:00: three hours on is after work
    snooze = remind_later(
        session,
        chat_id=7000,
        wave_id=wave_id,
        now=late_afternoon,
        calendar=CALENDAR,
        delay=THREE_HOURS,
    )
    assert snooze.outcome is Later.SET
    thursday_nine = datetime(2026, 11, 26, 9, tzinfo=UTC)
    assert snooze.at == thursday_nine
    assert _later(session, wave_id, late_afternoon) is Later.ALREADY_SET
    assert _kinds(session, thursday_nine - timedelta(minutes=1)) == []
    assert _kinds(session, thursday_nine) == [("later", 7000)]
    [message] = outgoing(session=session, now=thursday_nine)
    assert LATER.claim(session, key=message.delivery_id, now=thursday_nine)
    LATER.confirm(session, key=message.delivery_id, now=thursday_nine, message_id=9)
    session.expire_all()
    assert _kinds(session, thursday_nine + timedelta(days=1)) == []
    assert _later(session, wave_id, thursday_nine) is Later.ALREADY_SENT


def test_no_reminder_once_answered(session: Session) -> None:
    wave_id = _wave(session)
    assert _later(session, wave_id) is Later.SET
    delivery = session.exec(select(Delivery).order_by(Delivery.id)).first()
    assert delivery is not None
    delivery.completed = True
    session.add(delivery)
    session.flush()
    assert _kinds(session, NOW + timedelta(days=1)) == []
    assert _later(session, wave_id) is Later.ANSWERED


def test_the_waves_own_reminder_at_the_same_moment_goes_alone(session: Session) -> None:
    wave_id = _wave(session)
    assert _later(session, wave_id) is Later.SET
    after_both = NOW + timedelta(days=5, minutes=1)  # the wave's reminder is due too
    assert sorted(_kinds(session, after_both)) == [("reminder", 7000), ("reminder", 7001)]
    for message in outgoing(session=session, now=after_both):
        assert REMINDERS.claim(session, key=message.delivery_id, now=after_both)
        REMINDERS.confirm(session, key=message.delivery_id, now=after_both, message_id=None)
    session.expire_all()
    assert _kinds(session, after_both + timedelta(hours=1)) == []  # reminded since they asked


def test_no_reminder_after_the_close_and_nothing_of_it_is_left(session: Session) -> None:
    wave_id = _wave(session)
    assert _later(session, wave_id) is Later.SET
    close_wave(session=session, wave_id=wave_id, bank=default_bank(), now=NOW + timedelta(hours=1))
    session.flush()
    assert _kinds(session, NOW + timedelta(days=1)) == []
    assert session.exec(select(Delivery)).all() == []  # who asked is forgotten with the rest
    assert _later(session, wave_id, NOW + timedelta(hours=2)) is Later.CLOSED


def test_too_close_to_the_close_is_said_and_sets_nothing(session: Session) -> None:
    wave_id = _wave(session, closes=NOW + timedelta(hours=2))
    assert _later(session, wave_id) is Later.TOO_LATE
    assert _kinds(session, NOW + timedelta(hours=1)) == []


def test_the_timetable_wakes_for_the_reminder(session: Session) -> None:
    wave_id = _wave(session)
    assert _later(session, wave_id) is Later.SET
    schedules = load_schedules(None)
    assert next_event(session, schedules=schedules, calendar=CALENDAR, now=NOW) == NOW + THREE_HOURS


def test_someone_not_invited_or_unknown_cannot_snooze(session: Session) -> None:
    wave_id = _wave(session)
    assert _later(session, wave_id, chat=9999) is Later.NOT_INVITED
    assert _later(session, wave_id + 1) is Later.CLOSED


def test_a_snooze_touches_only_the_persons_delivery(session: Session) -> None:
    wave_id = _wave(session)
    ballot_id = seal(
        session,
        kind=PULSE,
        group=(None, "-", "-"),
        wave_id=wave_id,
        content={"answers": {"intent_stay": 4}, "comment": None, "themes": None},
    )
    session.flush()
    before = session.connection().execute(text("select * from sealed_ballot")).all()
    assert _later(session, wave_id) is Later.SET
    session.flush()
    assert session.connection().execute(text("select * from sealed_ballot")).all() == before
    assert session.get(SealedBallot, ballot_id) is not None


def _pulse_ballot(session: Session, wave_id: int, answers: dict[str, int]) -> str:
    ballot_id = seal(
        session,
        kind=PULSE,
        group=(None, "-", "-"),
        wave_id=wave_id,
        content={"answers": answers, "comment": "The rota", "themes": {"workload": "neg"}},
    )
    session.flush()
    return ballot_id


def test_a_pulse_comment_is_withdrawn_and_the_answers_stay(session: Session) -> None:
    wave_id = _wave(session)
    ballot_id = _pulse_ballot(session, wave_id, {"intent_stay": 4})
    assert withdraw_pulse_comment(session, ballot_id=ballot_id, now=NOW)
    session.flush()
    session.expire_all()
    ballot = session.get(SealedBallot, ballot_id)
    assert ballot is not None
    assert ballot.content["comment"] is None
    assert ballot.content["themes"] is None
    assert ballot.content["answers"] == {"intent_stay": 4}


def test_a_comment_only_ballot_is_deleted_when_withdrawn(session: Session) -> None:
    wave_id = _wave(session)
    ballot_id = _pulse_ballot(session, wave_id, {})
    assert withdraw_pulse_comment(session, ballot_id=ballot_id, now=NOW)
    session.flush()
    assert session.get(SealedBallot, ballot_id) is None


def test_no_withdrawal_once_the_wave_has_closed_even_before_release(session: Session) -> None:
    wave_id = _wave(session)
    ballot_id = _pulse_ballot(session, wave_id, {"intent_stay": 4})
    close_wave(session=session, wave_id=wave_id, bank=default_bank(), now=NOW)
    session.flush()
    assert not withdraw_pulse_comment(session, ballot_id=ballot_id, now=NOW)
    ballot = session.get(SealedBallot, ballot_id)
    assert ballot is not None
    assert ballot.content["comment"] == "The rota"


def test_a_feedback_id_or_an_unknown_id_withdraws_nothing(session: Session) -> None:
    wave_id = _wave(session)
    feedback = seal(
        session,
        kind=FEEDBACK,
        group=(None, "-", "-"),
        content={"answers": {}, "comment": "x", "themes": None},
    )
    session.flush()
    assert not withdraw_pulse_comment(session, ballot_id=feedback, now=NOW)
    assert not withdraw_pulse_comment(session, ballot_id="0" * 32, now=NOW)
    assert wave_id
