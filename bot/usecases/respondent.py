"""What a respondent asks about their own pulses: /next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from surveys.calendar import WorkingCalendar
from surveys.pulse import open_pulse_for
from surveys.schedule import SchedulesFile, next_occurrence
from surveys.waves import currently_open


@dataclass(frozen=True)
class NextPulse:
    """An open pulse waiting for them (closing when), or when the next one opens."""

    open_until: datetime | None  # a pulse is open for them now and not yet answered
    opens_at: datetime | None  # otherwise: when the next one opens
    closes_at: datetime | None


def next_pulse(
    session: Session,
    *,
    chat_id: int,
    now: datetime,
    schedules: SchedulesFile,
    calendar: WorkingCalendar,
) -> NextPulse:
    """The person's next pulse, by the service's clock and calendar."""
    wave_id = open_pulse_for(session=session, chat_id=chat_id, now=now)
    if wave_id is not None:
        wave = next((w for w in currently_open(session=session) if w.id == wave_id), None)
        if wave is not None:
            return NextPulse(wave.closes_at, None, None)
    plans = [next_occurrence(spec, calendar, now) for spec in schedules.schedules]
    if not plans:
        return NextPulse(None, None, None)
    first = min(plans, key=lambda p: p.opens_at)
    return NextPulse(None, first.opens_at, first.closes_at)
