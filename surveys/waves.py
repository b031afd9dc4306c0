"""Running waves on time: open what is due, record what was missed, remind, close, and which
invites and reminders are due (each goes out at most once through surveys.outbox)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Integer, cast, func
from sqlmodel import Session, col, select

from surveys.bank import QuestionBank
from surveys.calendar import WorkingCalendar
from surveys.forms import blocks, form_items, plan_forms
from surveys.models import Delivery, Digest, Participant, Team, Wave, WaveStatus
from surveys.outbox import Kind
from surveys.participants import is_reachable
from surveys.pulse import (
    add_deliveries,
    close_wave,
    iso_week,
    note_form_teams,
    open_wave,
    reachable_participants,
    wave_deal,
)
from surveys.schedule import (
    SchedulesFile,
    ScheduleSpec,
    WavePlan,
    next_digest,
    next_items,
    next_occurrence,
    occurrences,
    plan,
)

# How far back to look for an occurrence that is still open when there is no wave yet.
FIRST_RUN_LOOKBACK = timedelta(days=45)
DIGEST_GRACE = timedelta(hours=24)


@dataclass(frozen=True)
class Reconciled:
    """What reconciling the timetable with the database did."""

    opened: tuple[int, ...] = ()
    missed: tuple[int, ...] = ()


def _history(session: Session, schedule_key: str) -> list[Wave]:
    return list(
        session.exec(
            select(Wave).where(Wave.schedule_key == schedule_key).order_by(col(Wave.due_at))
        )
    )


def _audience(session: Session, spec: ScheduleSpec, now: datetime) -> list[Participant]:
    if spec.audience is None:
        return reachable_participants(session=session, now=now)
    team_ids = None
    if spec.audience.teams:
        teams = session.exec(select(Team).where(col(Team.key).in_(spec.audience.teams))).all()
        team_ids = [t.id for t in teams if t.id is not None]
    people = reachable_participants(session=session, now=now, team_ids=team_ids)
    if spec.audience.roles:
        people = [p for p in people if p.role_key in spec.audience.roles]
    return people


def open_planned_wave(
    session: Session,
    *,
    spec: ScheduleSpec,
    planned: WavePlan,
    bank: QuestionBank,
    calendar: WorkingCalendar,
    now: datetime,
    forms_k: int | None = None,
) -> Wave:
    """Create the wave for an occurrence with its rotating items and its audience's deliveries.

    With `forms_k` (PULSE_FORMS on, the k to deal with), the rotating items go out as forms
    dealt per person (surveys/forms.py); without it, everyone gets the same items."""
    history = [w.item_keys for w in _history(session, spec.key) if w.status != WaveStatus.MISSED]
    audience = _audience(session, spec, now)
    item_keys, forms = _questions(bank, history, spec.rotating_items, audience, forms_k)
    wave = open_wave(
        session=session,
        schedule_key=spec.key,
        item_keys=item_keys,
        opens_at=planned.opens_at,
        closes_at=planned.closes_at,
        remind_at=planned.remind_at,
        due_at=planned.due_at,
        tz=calendar.tz,
    )
    assert wave.id is not None
    _set_forms(session, wave, forms, forms_k)
    if now > planned.opens_at:
        # Opened late (after downtime, or after another pulse closed): it is named by the week
        # it really opened, which is when people answered it.
        wave.period = iso_week(now, calendar.tz)
        session.add(wave)
    add_deliveries(session=session, wave_id=wave.id, participants=audience)
    session.flush()
    note_form_teams(session, wave=wave)
    return wave


def _questions(
    bank: QuestionBank,
    history: Sequence[Sequence[str]],
    rotating: int,
    audience: Sequence[Participant],
    forms_k: int | None,
) -> tuple[list[str], list[list[str]] | None]:
    """The wave's item keys (anchors, then every rotating item any form asks) and its forms
    (None: everyone the same). Forms are planned for the blocks of k the audience's teams
    make, so every form is held by at least one block (surveys/forms.deal_service)."""
    if forms_k is None or rotating == 0:
        return next_items(bank, history, rotating), None
    sizes: dict[int | None, int] = {}
    for person in audience:
        sizes[person.team_id] = sizes.get(person.team_id, 0) + 1
    people = max(1, blocks(sizes, forms_k)) * forms_k
    forms = plan_forms(bank, history=history, per_person=rotating, people=people, k=forms_k)
    anchors = [anchor.key for anchor in bank.anchors]
    return [*anchors, *(key for form in forms for key in form)], forms


def _set_forms(
    session: Session, wave: Wave, forms: list[list[str]] | None, forms_k: int | None
) -> None:
    if forms is not None:
        wave.forms = forms
        wave.form_k = forms_k
        session.add(wave)


MANUAL = "manual"


class WaveError(ValueError):
    """A wave cannot be opened or closed as asked; the message says why."""


def audience_size(session: Session, *, spec: ScheduleSpec, now: datetime) -> int:
    """How many people a wave of this schedule would invite now."""
    return len(_audience(session, spec, now))


def open_manual_wave(
    session: Session,
    *,
    spec: ScheduleSpec,
    bank: QuestionBank,
    calendar: WorkingCalendar,
    now: datetime,
    item_keys: Sequence[str] | None = None,
    forms_k: int | None = None,
) -> Wave:
    """A wave opened by hand now, with `spec`'s window, reminder and audience.

    Its items rotate on their own, apart from the schedule's, so a manual wave never upsets the
    timetable's rotation. Invites still go out only in working hours. With `forms_k` the
    rotating items go out as forms (unless `item_keys` names the items: then everyone gets them).
    """
    history_waves = _history(session, MANUAL)
    running = open_pulse(session, now=now)
    if running is not None:
        raise WaveError(
            f"A pulse is already open (wave {running.id}); only one runs at a time. "
            "Close it first (/wave close, or staypulse wave close)."
        )
    planned = plan(spec, calendar, now)
    history = [w.item_keys for w in history_waves]
    audience = _audience(session, spec, now)
    if item_keys:
        keys, forms = list(item_keys), None
    else:
        keys, forms = _questions(bank, history, spec.rotating_items, audience, forms_k)
    wave = open_wave(
        session=session,
        schedule_key=MANUAL,
        item_keys=keys,
        opens_at=planned.opens_at,
        closes_at=planned.closes_at,
        remind_at=planned.remind_at,
        due_at=now,
        tz=calendar.tz,
    )
    assert wave.id is not None
    _set_forms(session, wave, forms, forms_k)
    add_deliveries(session=session, wave_id=wave.id, participants=audience)
    session.flush()
    note_form_teams(session, wave=wave)
    return wave


def close_now(session: Session, *, wave_id: int, bank: QuestionBank, now: datetime) -> bool:
    """Close an open wave before its time; False if it was not open."""
    wave = session.get(Wave, wave_id)
    if wave is None or wave.status != WaveStatus.OPEN:
        return False
    close_wave(session=session, wave_id=wave_id, bank=bank, now=now)
    wave.closes_at = min(wave.closes_at, now)
    session.add(wave)
    return True


def open_pulse(session: Session, *, now: datetime) -> Wave | None:
    """The pulse open now (any schedule, or by hand), if there is one: only one runs at a time,
    so nobody gets two invites, the same questions twice in a week, or is counted twice."""
    return session.exec(
        select(Wave)
        .where(Wave.status == WaveStatus.OPEN, col(Wave.closes_at) > now)
        .order_by(col(Wave.opens_at))
    ).first()


def currently_open(session: Session) -> Sequence[Wave]:
    """Every wave with status open, oldest first."""
    return session.exec(
        select(Wave).where(Wave.status == WaveStatus.OPEN).order_by(col(Wave.opens_at))
    ).all()


def all_waves(session: Session) -> Sequence[Wave]:
    """Every wave, newest due first (missed ones included)."""
    return session.exec(select(Wave).order_by(col(Wave.due_at).desc())).all()


def wave_counts(session: Session, *, wave_id: int) -> tuple[int, int]:
    """(invited, completed) for a wave: identity-side counts only, counted in SQL."""
    invited, completed = session.exec(
        select(
            func.count(), func.coalesce(func.sum(cast(col(Delivery.completed), Integer)), 0)
        ).where(Delivery.wave_id == wave_id)
    ).one()
    return int(invited), int(completed)


def reconcile(
    session: Session,
    *,
    schedules: SchedulesFile,
    calendar: WorkingCalendar,
    bank: QuestionBank,
    now: datetime,
    forms_k: int | None = None,
) -> Reconciled:
    """Open every occurrence that is due and still open; record the ones missed while down.

    On the very first run nothing counts as missed: there was no bot to miss it.
    """
    opened: list[int] = []
    missed: list[int] = []
    for spec in schedules.schedules:
        history = _history(session, spec.key)
        since = history[-1].due_at + timedelta(seconds=1) if history else now - FIRST_RUN_LOOKBACK
        for planned in occurrences(spec, calendar, since=since, until=now + timedelta(seconds=1)):
            if planned.closes_at > now:
                if open_pulse(session, now=now) is not None:
                    # Another pulse is running: this occurrence waits (it opens late, if its
                    # window is still open once that one closes) rather than run beside it.
                    break
                wave = open_planned_wave(
                    session=session,
                    spec=spec,
                    planned=planned,
                    bank=bank,
                    calendar=calendar,
                    now=now,
                    forms_k=forms_k,
                )
                assert wave.id is not None
                opened.append(wave.id)
            elif history:
                wave = Wave(
                    schedule_key=spec.key,
                    due_at=planned.due_at,
                    opens_at=planned.opens_at,
                    remind_at=planned.remind_at,
                    closes_at=planned.closes_at,
                    status=WaveStatus.MISSED,
                    period=f"{planned.due_at.astimezone(calendar.tz):%G-W%V}",
                    item_keys=[],
                )
                session.add(wave)
                session.flush()
                assert wave.id is not None
                missed.append(wave.id)
    return Reconciled(tuple(opened), tuple(missed))


def close_due_waves(
    session: Session, *, bank: QuestionBank, now: datetime
) -> list[tuple[int, int, int]]:
    """Close every open wave whose window has ended: (wave id, drafts submitted, dropped)."""
    due = session.exec(
        select(Wave).where(Wave.status == WaveStatus.OPEN, col(Wave.closes_at) <= now)
    ).all()
    closed = []
    for wave in due:
        assert wave.id is not None
        result = close_wave(session=session, wave_id=wave.id, bank=bank, now=now)
        closed.append((wave.id, result.submitted, result.dropped))
    return closed


def open_waves(session: Session, *, now: datetime) -> Sequence[Wave]:
    """Waves open now whose invites may go out (their opening moment has come)."""
    return session.exec(
        select(Wave)
        .where(Wave.status == WaveStatus.OPEN, col(Wave.opens_at) <= now, col(Wave.closes_at) > now)
        .order_by(col(Wave.opens_at))
    ).all()


@dataclass(frozen=True)
class Outgoing:
    """One message the fan-out should send."""

    kind: Kind
    delivery_id: int
    wave_id: int
    chat_id: int
    items: int
    invite_message_id: int | None = None
    closes_at: datetime | None = None  # told in the message: people plan around it


def outgoing(session: Session, *, now: datetime) -> list[Outgoing]:
    """Invites not yet sent, then reminders now due, for every open wave."""
    messages: list[Outgoing] = []
    for wave in open_waves(session=session, now=now):
        assert wave.id is not None
        rows = session.exec(
            select(Delivery, Participant)
            .join(Participant, col(Participant.id) == col(Delivery.participant_id))
            .where(Delivery.wave_id == wave.id, col(Delivery.unreachable).is_(False))
            .order_by(col(Delivery.id))
        ).all()
        remind = wave.remind_at is not None and wave.remind_at <= now
        # With forms, each person's count of questions is their own form's (redone, not stored).
        dealt = wave_deal(session, wave=wave)
        for delivery, participant in rows:
            if not is_reachable(participant, now) or delivery.id is None:
                continue
            kind = _due(delivery, now=now, wave_reminder_due=remind)
            if kind is None:
                continue
            items = len(form_items(wave.item_keys, wave.forms, dealt.get(participant.chat_id, 0)))
            # A reminder of either kind points back at the invite (its buttons are there).
            invite = None if kind == "invite" else delivery.invite_message_id
            messages.append(
                Outgoing(
                    kind,
                    delivery.id,
                    wave.id,
                    participant.chat_id,
                    items,
                    invite,
                    closes_at=wave.closes_at,
                )
            )
    return messages


def _due(delivery: Delivery, *, now: datetime, wave_reminder_due: bool) -> Kind | None:
    """Which message this delivery is owed now, if any: the reminder the person asked for, else
    the invite not yet sent, else the wave's reminder to someone invited who has not answered."""
    if later_due(delivery, now=now, wave_reminder_due=wave_reminder_due):
        return "later"
    if delivery.invited_at is None and delivery.invite_claimed_at is None:
        return "invite"
    if (
        wave_reminder_due
        and delivery.invited_at is not None
        and not delivery.completed
        and delivery.reminded_at is None
        and delivery.reminder_claimed_at is None
    ):
        return "reminder"
    return None


def later_due(delivery: Delivery, *, now: datetime, wave_reminder_due: bool) -> bool:
    """Whether the one more reminder this person asked for ("Remind me later") is due now: its
    moment has come, they have not answered, it has not gone (or been claimed), and the wave's
    own reminder has not reached them since that moment. When the wave's reminder is due at the
    same time, that one goes instead: one message, never two at once."""
    if delivery.later_at is None or delivery.later_at > now or delivery.completed:
        return False
    if delivery.later_sent_at is not None or delivery.later_claimed_at is not None:
        return False
    if delivery.invited_at is None:
        return False
    wave_reminder_pending = delivery.reminded_at is None and (
        wave_reminder_due or delivery.reminder_claimed_at is not None
    )
    reminded_since = delivery.reminded_at is not None and delivery.reminded_at >= delivery.later_at
    return not wave_reminder_pending and not reminded_since


def latest_wave(session: Session) -> Wave | None:
    """The most recent wave that ran (open or closed)."""
    return session.exec(
        select(Wave)
        .where(col(Wave.status).in_([WaveStatus.OPEN, WaveStatus.CLOSED]))
        .order_by(col(Wave.opens_at).desc())
    ).first()


# --- the digest (sent through surveys.outbox.DIGESTS) ---------------------------------------


def digest_due(
    session: Session, *, schedules: SchedulesFile, calendar: WorkingCalendar, now: datetime
) -> str | None:
    """The ISO week whose digest is due now and not yet claimed, if any.

    A digest missed by a short outage goes out late (the PSW team reads it, not respondents);
    one more than DIGEST_GRACE late is skipped, as on a bot's first day.
    """
    due = next_digest(schedules.digest, calendar, now - timedelta(days=8))
    if due > now:
        return None
    # A bank holiday can put two digests within a week (Tuesday, then Monday): take the latest.
    while (later := next_digest(schedules.digest, calendar, due)) <= now:
        due = later
    if now - due > DIGEST_GRACE:
        return None
    period = f"{due.astimezone(calendar.tz):%G-W%V}"
    digest = session.get(Digest, period)
    if digest is not None and (digest.claimed_at is not None or digest.sent_at is not None):
        return None
    return period


# --- what happens next --------------------------------------------------------------------------


def next_event(
    session: Session, *, schedules: SchedulesFile, calendar: WorkingCalendar, now: datetime
) -> datetime:
    """The next moment something may need doing: an occurrence, an opening, a reminder, a
    close, the digest, or the start of the next working window for sends that had to wait."""
    moments = [next_digest(schedules.digest, calendar, now)]
    for spec in schedules.schedules:
        moments.append(next_occurrence(spec, calendar, now).due_at)
    for wave in session.exec(select(Wave).where(Wave.status == WaveStatus.OPEN)):
        for moment in (wave.opens_at, wave.remind_at, wave.closes_at):
            if moment is not None and moment > now:
                moments.append(moment)
    # The reminders people asked for with "Remind me later" (already in working hours).
    later = session.exec(
        select(func.min(col(Delivery.later_at))).where(
            col(Delivery.later_at) > now,
            col(Delivery.later_sent_at).is_(None),
            col(Delivery.completed).is_(False),
        )
    ).one()
    if later is not None:
        moments.append(later)
    if outgoing(session=session, now=now) and not calendar.is_working_time(now):
        moments.append(calendar.next_working_moment(now))
    return min(moments)
