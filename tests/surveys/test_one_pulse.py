"""One open pulse at a time: by hand, from the timetable, and the two together."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from surveys.bank import default_bank
from surveys.calendar import WorkingCalendar
from surveys.db import session_scope
from surveys.models import Wave, WaveStatus
from surveys.schedule import load_schedules
from surveys.waves import WaveError, close_now, open_manual_wave, reconcile

LONDON = ZoneInfo("Europe/London")
CALENDAR = WorkingCalendar(tz=LONDON)
SCHEDULES = load_schedules(None)  # fortnightly, Tuesdays 10:00 from 2026-01-06


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def test_a_second_pulse_is_refused_while_one_is_open(org_engine: Engine) -> None:
    bank, spec = default_bank(), SCHEDULES.schedules[0]
    with session_scope(org_engine) as session:
        reconcile(
            session, schedules=SCHEDULES, calendar=CALENDAR, bank=bank, now=london(2026, 11, 24, 11)
        )
    with session_scope(org_engine) as session, pytest.raises(WaveError, match="already open"):
        open_manual_wave(
            session, spec=spec, bank=bank, calendar=CALENDAR, now=london(2026, 11, 25, 10)
        )


def test_a_scheduled_wave_waits_for_the_open_one_and_is_named_by_when_it_opened(
    org_engine: Engine,
) -> None:
    bank, spec = default_bank(), SCHEDULES.schedules[0]
    with session_scope(org_engine) as session:  # first run: the wave of Tue 10 Nov is long closed
        reconcile(
            session, schedules=SCHEDULES, calendar=CALENDAR, bank=bank, now=london(2026, 11, 20, 16)
        )
        manual = open_manual_wave(
            session, spec=spec, bank=bank, calendar=CALENDAR, now=london(2026, 11, 20, 16)
        )
        manual_id = manual.id
    # Tue 24 Nov 10:00 is due while the hand-opened pulse runs (to Fri 27 Nov): nothing opens.
    with session_scope(org_engine) as session:
        reconcile(
            session,
            schedules=SCHEDULES,
            calendar=CALENDAR,
            bank=bank,
            now=london(2026, 11, 24, 10, 5),
        )
        open_now = session.exec(select(Wave).where(Wave.status == WaveStatus.OPEN)).all()
        assert [w.id for w in open_now] == [manual_id]
    with session_scope(org_engine) as session:
        assert manual_id is not None
        close_now(session, wave_id=manual_id, bank=bank, now=london(2026, 11, 30, 9, 30))
    # Once it is closed, the scheduled pulse opens (late), named by the week it really opened.
    with session_scope(org_engine) as session:
        reconcile(
            session,
            schedules=SCHEDULES,
            calendar=CALENDAR,
            bank=bank,
            now=london(2026, 11, 30, 9, 31),
        )
        [late] = session.exec(select(Wave).where(Wave.status == WaveStatus.OPEN)).all()
        assert late.schedule_key == "pulse"
        assert late.period == "2026-W49"
