"""The timetable's actions for the PSW team: see the schedule, open a pulse now, close the open
one. The /wave and /schedule commands and `staypulse wave ...` call these same functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlmodel import Session

from bot.usecases.access import authorise, authorise_or_shell, require_admin
from surveys import waves
from surveys.bank import QuestionBank
from surveys.calendar import WorkingCalendar
from surveys.models import PswRole, Wave
from surveys.schedule import SchedulesFile, ScheduleSpec, WavePlan, next_digest, next_occurrence


@dataclass(frozen=True)
class WaveLine:
    """A wave as the PSW team sees it: identity-side counts only (invited, answered)."""

    id: int
    name: str  # its schedule's key, or "manual"
    status: str
    opens_at: datetime
    closes_at: datetime
    invited: int
    completed: int


def _line(session: Session, wave: Wave) -> WaveLine:
    assert wave.id is not None  # stored rows always have their id
    invited, completed = waves.wave_counts(session, wave_id=wave.id)
    return WaveLine(
        wave.id, wave.schedule_key, wave.status, wave.opens_at, wave.closes_at, invited, completed
    )


def _newest_open(session: Session) -> WaveLine | None:
    running = waves.currently_open(session)
    return _line(session, running[-1]) if running else None


@dataclass(frozen=True)
class ScheduleView:
    """What /schedule shows: each schedule's next occurrence, the waves open now, the digest."""

    upcoming: tuple[tuple[str, WavePlan], ...]  # (schedule name, its next occurrence)
    open: tuple[WaveLine, ...]
    digest: datetime


def schedule(
    session: Session,
    *,
    actor: int,
    schedules: SchedulesFile,
    calendar: WorkingCalendar,
    now: datetime,
) -> ScheduleView:
    """/schedule: the next waves, reminders and digest, and the waves open now."""
    authorise(session, actor=actor, action="schedule")
    upcoming = tuple((s.name, next_occurrence(s, calendar, now)) for s in schedules.schedules)
    running = tuple(_line(session, wave) for wave in waves.currently_open(session))
    return ScheduleView(upcoming, running, next_digest(schedules.digest, calendar, now))


@dataclass(frozen=True)
class WaveAsk:
    """What /wave asks before anything changes.

    `usage`: the arguments say neither open nor close; `open`: open a pulse for `audience`
    people?; `busy`: one is open already (`wave`), close it first?; `close`: close `wave`?;
    `none`: nothing is open to close."""

    kind: Literal["usage", "open", "busy", "close", "none"]
    audience: int = 0
    wave: WaveLine | None = None


def ask(
    session: Session, *, actor: int, args: Sequence[str], spec: ScheduleSpec, now: datetime
) -> WaveAsk:
    """/wave open | /wave close: what to ask the admin first, saying who it affects. Anyone on
    the PSW team sees the usage; only admins are asked."""
    what = list(args)
    member = authorise(session, actor=actor, action="wave.ask", detail=" ".join(what))
    if what not in (["open"], ["close"]):
        return WaveAsk("usage")
    require_admin(member)
    running = _newest_open(session)
    if what == ["open"]:
        if running is not None:
            # One pulse at a time: offer to close the open one instead of opening a second.
            return WaveAsk("busy", wave=running)
        return WaveAsk("open", audience=waves.audience_size(session, spec=spec, now=now))
    return WaveAsk("close", wave=running) if running is not None else WaveAsk("none")


def audience(session: Session, *, actor: int | None, spec: ScheduleSpec, now: datetime) -> int:
    """How many people a pulse opened now would invite (asked before opening one)."""
    authorise_or_shell(session, actor=actor, action="wave.audience", needs=PswRole.ADMIN)
    return waves.audience_size(session, spec=spec, now=now)


def open_now(
    session: Session,
    *,
    actor: int | None,
    spec: ScheduleSpec,
    bank: QuestionBank,
    calendar: WorkingCalendar,
    now: datetime,
    item_keys: Sequence[str] | None = None,
    forms_k: int | None = None,
) -> WaveLine:
    """Open a pulse now with `spec`'s window and audience (admins; surveys.waves.WaveError while
    another is open), asking `item_keys` if given (the demo's choice; otherwise they rotate, in
    forms dealt in blocks of `forms_k` when PULSE_FORMS is on).
    The timetable sends its invites, in working hours."""
    authorise_or_shell(session, actor=actor, action="wave.open", needs=PswRole.ADMIN)
    wave = waves.open_manual_wave(
        session,
        spec=spec,
        bank=bank,
        calendar=calendar,
        now=now,
        item_keys=item_keys,
        forms_k=forms_k,
    )
    return _line(session, wave)


def close(
    session: Session, *, actor: int | None, wave_id: int | None, bank: QuestionBank, now: datetime
) -> int | None:
    """Close an open wave now (default: the newest open); its id, or None if it was not open.
    Releasing its answers is a unit of work of its own (bot.services.release_waves)."""
    target = wave_id
    if target is None:
        running = waves.currently_open(session)
        target = running[-1].id if running else None
    detail = f"wave={target}" if target is not None else "none open"
    authorise_or_shell(
        session, actor=actor, action="wave.close", detail=detail, needs=PswRole.ADMIN
    )
    if target is None or not waves.close_now(session, wave_id=target, bank=bank, now=now):
        return None
    return target


def cancel(session: Session, *, actor: int) -> None:
    """The Cancel button under a question to open or close: nothing changes (admins only)."""
    authorise(session, actor=actor, action="wave.cancel", needs=PswRole.ADMIN)


def listing(session: Session, *, actor: int | None) -> tuple[WaveLine, ...]:
    """Every wave, newest first, with how many were invited and answered."""
    authorise_or_shell(session, actor=actor, action="wave.list")
    return tuple(_line(session, wave) for wave in waves.all_waves(session))
