"""A wave from start to end, in process: opened (by hand or by the timetable), invites once,
one reminder to those who have not answered, closed, released as one batch; one at a time."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from surveys.ballot import release_wave, waves_to_release
from surveys.bank import QuestionBank, default_bank
from surveys.calendar import WorkingCalendar
from surveys.models import (
    Delivery,
    Participant,
    Release,
    Submission,
    Team,
    Wave,
    WaveStatus,
    WaveTally,
)
from surveys.outbox import DIGESTS, INVITES, REMINDERS
from surveys.pulse import record_answer, submit_pulse
from surveys.schedule import load_schedules
from surveys.waves import (
    WaveError,
    audience_size,
    close_due_waves,
    close_now,
    currently_open,
    digest_due,
    latest_wave,
    next_event,
    open_manual_wave,
    open_pulse,
    outgoing,
    reconcile,
    wave_counts,
)

LONDON = ZoneInfo("Europe/London")
CALENDAR = WorkingCalendar(tz=LONDON)
SCHEDULES = load_schedules(None)  # fortnightly, Tuesdays 10:00; 5 working days; reminder after 3
SPEC = SCHEDULES.schedules[0]
BANK = default_bank()


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


MONDAY = london(2026, 11, 16, 10)  # a working morning with no scheduled pulse due


def people(session: Session, count: int) -> list[Participant]:
    team = Team(key="t", name="T")
    session.add(team)
    session.flush()
    found = [Participant(chat_id=5000 + n, team_id=team.id) for n in range(count)]
    session.add_all(found)
    session.flush()
    return found


def send_all(session: Session, now: datetime) -> list[tuple[str, int]]:
    """What the fan-out would send now, each claimed and confirmed as Telegram accepted it."""
    sent = []
    for message in outgoing(session, now=now):
        box = INVITES if message.kind == "invite" else REMINDERS
        assert box.claim(session, key=message.delivery_id, now=now)
        box.confirm(session, key=message.delivery_id, now=now, message_id=100)
        sent.append((message.kind, message.chat_id))
    session.flush()
    return sent


def answer_all(session: Session, chat_id: int, wave_id: int, bank: QuestionBank, now: datetime):  # type: ignore[no-untyped-def]
    wave = session.get(Wave, wave_id)
    assert wave is not None
    for position in range(len(wave.item_keys)):
        record_answer(
            session,
            chat_id=chat_id,
            wave_id=wave_id,
            position=position,
            value=4,
            bank=bank,
            now=now,
        )
    return submit_pulse(session, chat_id=chat_id, wave_id=wave_id, comment=None, bank=bank, now=now)


def test_a_wave_invites_each_person_once_then_reminds_only_those_who_have_not_answered(
    session: Session,
) -> None:
    asha, ben, cara = people(session, 3)
    assert audience_size(session, spec=SPEC, now=MONDAY) == 3
    wave = open_manual_wave(session, spec=SPEC, bank=BANK, calendar=CALENDAR, now=MONDAY)
    assert wave.id is not None
    assert wave.remind_at is not None
    assert MONDAY < wave.remind_at < wave.closes_at
    # Every invite says when the pulse closes, and goes out once.
    messages = outgoing(session, now=MONDAY)
    assert {m.closes_at for m in messages} == {wave.closes_at}
    assert sorted(send_all(session, MONDAY)) == [
        ("invite", asha.chat_id),
        ("invite", ben.chat_id),
        ("invite", cara.chat_id),
    ]
    assert send_all(session, MONDAY + timedelta(hours=1)) == []
    # Asha answers; at the reminder time only Ben and Cara are reminded, once.
    answer_all(session, asha.chat_id, wave.id, BANK, MONDAY + timedelta(hours=2))
    assert send_all(session, wave.remind_at - timedelta(minutes=1)) == []
    reminders = outgoing(session, now=wave.remind_at)
    assert [m.invite_message_id for m in reminders] == [100, 100]  # the reminder quotes it
    assert sorted(send_all(session, wave.remind_at)) == [
        ("reminder", ben.chat_id),
        ("reminder", cara.chat_id),
    ]
    assert send_all(session, wave.remind_at + timedelta(hours=1)) == []
    assert wave_counts(session, wave_id=wave.id) == (3, 1)


def test_only_one_pulse_runs_at_a_time(session: Session) -> None:
    people(session, 2)
    first = open_manual_wave(session, spec=SPEC, bank=BANK, calendar=CALENDAR, now=MONDAY)
    assert first.id is not None
    assert open_pulse(session, now=MONDAY) == first
    with pytest.raises(WaveError, match="already open"):
        open_manual_wave(session, spec=SPEC, bank=BANK, calendar=CALENDAR, now=MONDAY)
    later = MONDAY + timedelta(hours=1)
    assert close_now(session, wave_id=first.id, bank=BANK, now=later)
    assert not close_now(session, wave_id=first.id, bank=BANK, now=later)  # not open any more
    assert currently_open(session) == []
    assert open_pulse(session, now=later) is None
    second = open_manual_wave(session, spec=SPEC, bank=BANK, calendar=CALENDAR, now=later)
    # A manual wave rotates its own items: the second does not repeat the first's rotation.
    assert second.item_keys != first.item_keys
    assert latest_wave(session) == second


def test_a_wave_closes_when_its_window_ends_keeping_unfinished_answers(session: Session) -> None:
    asha, ben, _cara = people(session, 3)
    wave = open_manual_wave(session, spec=SPEC, bank=BANK, calendar=CALENDAR, now=MONDAY)
    assert wave.id is not None
    send_all(session, MONDAY)
    answer_all(session, asha.chat_id, wave.id, BANK, MONDAY)
    record_answer(  # Ben answers one question and no more
        session, chat_id=ben.chat_id, wave_id=wave.id, position=0, value=2, bank=BANK, now=MONDAY
    )
    assert close_due_waves(session, bank=BANK, now=wave.closes_at - timedelta(seconds=1)) == []
    assert close_due_waves(session, bank=BANK, now=wave.closes_at) == [(wave.id, 1, 0)]
    session.flush()
    assert wave.status == WaveStatus.CLOSED
    # Who answered is forgotten at the close; the team's counts stay.
    assert session.exec(select(Delivery).where(Delivery.wave_id == wave.id)).all() == []
    [tally] = session.exec(select(WaveTally).where(WaveTally.wave_id == wave.id)).all()
    assert (tally.invited, tally.answered) == (3, 2)
    assert outgoing(session, now=wave.closes_at) == []


@pytest.mark.parametrize(("answered", "min_group", "kept"), [(3, 3, 3), (2, 3, 0)])
def test_a_closed_wave_is_released_once_as_one_batch_or_not_at_all(
    session: Session, answered: int, min_group: int, kept: int
) -> None:
    everyone = people(session, 4)
    wave = open_manual_wave(session, spec=SPEC, bank=BANK, calendar=CALENDAR, now=MONDAY)
    assert wave.id is not None
    send_all(session, MONDAY)
    for person in everyone[:answered]:
        answer_all(session, person.chat_id, wave.id, BANK, MONDAY)
    assert waves_to_release(session) == []  # still open: nothing may be read
    assert close_now(session, wave_id=wave.id, bank=BANK, now=MONDAY + timedelta(hours=1))
    assert waves_to_release(session) == [wave.id]
    done = release_wave(session, wave_id=wave.id, bank=BANK, min_group=min_group)
    assert done is not None
    assert (done.released, done.withheld) == (kept, answered - kept)
    assert len(session.exec(select(Submission)).all()) == kept
    assert release_wave(session, wave_id=wave.id, bank=BANK, min_group=min_group) is None
    assert waves_to_release(session) == []
    [release] = session.exec(select(Release).where(Release.wave_id == wave.id)).all()
    assert release.people == kept


def test_the_timetable_opens_what_is_due_and_records_what_was_missed(session: Session) -> None:
    people(session, 2)
    # First run, inside Tuesday 24 November's window: it opens, and nothing counts as missed.
    first = reconcile(
        session, schedules=SCHEDULES, calendar=CALENDAR, bank=BANK, now=london(2026, 11, 24, 11)
    )
    assert len(first.opened) == 1
    assert first.missed == ()
    assert (
        reconcile(
            session, schedules=SCHEDULES, calendar=CALENDAR, bank=BANK, now=london(2026, 11, 24, 12)
        )
        == type(first)()
    )  # already open: nothing more
    [wave] = currently_open(session)
    assert wave.schedule_key == SPEC.key
    assert wave.due_at == london(2026, 11, 24, 10)
    close_due_waves(session, bank=BANK, now=wave.closes_at)
    # Down for a month: the occurrences of 8 and 22 December were missed; none is open now.
    after = reconcile(
        session, schedules=SCHEDULES, calendar=CALENDAR, bank=BANK, now=london(2027, 1, 4, 9)
    )
    assert after.opened == ()
    missed = [session.get(Wave, wave_id) for wave_id in after.missed]
    assert [(w.due_at.astimezone(LONDON).date().isoformat(), w.status) for w in missed if w] == [
        ("2026-12-08", WaveStatus.MISSED),
        ("2026-12-22", WaveStatus.MISSED),
    ]


def test_the_next_event_is_the_open_waves_reminder_then_its_close(session: Session) -> None:
    people(session, 1)
    wave = open_manual_wave(session, spec=SPEC, bank=BANK, calendar=CALENDAR, now=MONDAY)
    send_all(session, MONDAY)
    assert wave.remind_at is not None
    when = next_event(session, schedules=SCHEDULES, calendar=CALENDAR, now=MONDAY)
    assert when == wave.remind_at
    after = next_event(session, schedules=SCHEDULES, calendar=CALENDAR, now=wave.remind_at)
    assert after == min(wave.closes_at, london(2026, 11, 23, 9))  # Monday's digest comes first


def test_the_digest_is_due_once_a_week_and_not_after_a_long_outage(session: Session) -> None:
    monday = london(2026, 11, 23, 9)
    assert digest_due(session, schedules=SCHEDULES, calendar=CALENDAR, now=monday) == "2026-W48"
    before = monday - timedelta(minutes=1)
    assert digest_due(session, schedules=SCHEDULES, calendar=CALENDAR, now=before) != "2026-W48"
    assert DIGESTS.claim(session, key="2026-W48", now=monday)
    later = monday + timedelta(hours=2)
    assert digest_due(session, schedules=SCHEDULES, calendar=CALENDAR, now=later) is None
    # More than a day late (the bot was down): skipped rather than sent stale.
    stale = london(2026, 11, 30, 9) + timedelta(hours=25)
    assert digest_due(session, schedules=SCHEDULES, calendar=CALENDAR, now=stale) is None
