"""Care for respondents in the small things: "Remind me later" on a pulse invite, and
withdrawing a pulse comment until the pulse closes (issue 18).

Respondents' own actions on their own messages: no PSW access check, and no audit line (a
line saying who withdrew a comment, and when, would sit beside the ballot box's timing).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session

from surveys.calendar import WorkingCalendar
from surveys.pulse import withdraw_pulse_comment
from surveys.snooze import Snooze
from surveys.snooze import remind_later as snooze


def remind_later(
    session: Session,
    *,
    chat_id: int,
    wave_id: int,
    now: datetime,
    calendar: WorkingCalendar,
    hours: int,
) -> Snooze:
    """One more reminder about wave `wave_id` for this person, `hours` on, in working hours
    and before the close; pressing again changes nothing (surveys.snooze)."""
    return snooze(
        session,
        chat_id=chat_id,
        wave_id=wave_id,
        now=now,
        calendar=calendar,
        delay=timedelta(hours=hours),
    )


def withdraw_comment(session: Session, *, ballot_id: str | None, now: datetime) -> bool:
    """Withdraw the pulse comment sealed in `ballot_id` (the id the bot kept in memory for the
    pressed message; None when it no longer knows) while its pulse is open."""
    if ballot_id is None:
        return False
    return withdraw_pulse_comment(session, ballot_id=ballot_id, now=now)
