"""What a respondent does: their pulse, /feedback, /next, and staying in control of their data.

Every function is one unit of work (`services.db(fn, ...)`): the check that the person may
answer, the work, in one transaction, returning a plain result the handler renders. Who may
answer is decided here, once (`respondent`): people on the PSW list read results, so they never
answer (docs/design.md, rule 6). surveys/pulse.py keeps the same rule as its own invariant, so a
caller that skips this layer still cannot let a reader answer (the pulse buttons rely on it: a
reader's or stranger's tap shows the pulse closed). Unlike the PSW team's actions, nothing here
writes an audit line: a record of who acted when could be joined to what was answered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlmodel import Session

from analysis.comments import analyse
from surveys import participants as people
from surveys import pulse as domain
from surveys.bank import QuestionBank
from surveys.calendar import WorkingCalendar
from surveys.models import Participant
from surveys.participants import MyData, get_participant, reads_results
from surveys.psw import get_psw_member, list_psw_members
from surveys.pulse import PulseStage, PulseState, open_pulse_for
from surveys.schedule import SchedulesFile, next_occurrence
from surveys.waves import currently_open
from surveys.wedid import current as current_we_did


class Refusal(StrEnum):
    """Why someone may not answer."""

    NOT_JOINED = "not_joined"
    READS_RESULTS = "reads_results"  # on the PSW list (rule 6)


class NotRespondent(Exception):
    """The person may not answer (`reason`); nothing was done. Adapters answer in one line."""

    def __init__(self, reason: Refusal) -> None:
        super().__init__(str(reason))
        self.reason = reason


def respondent(session: Session, *, chat_id: int) -> Participant:
    """The participant writing from `chat_id`, who may answer; NotRespondent when they read
    results (checked first: whether or not they joined, they never answer) or have not joined."""
    if reads_results(session=session, chat_id=chat_id):
        raise NotRespondent(Refusal.READS_RESULTS)
    participant = get_participant(session=session, chat_id=chat_id)
    if participant is None:
        raise NotRespondent(Refusal.NOT_JOINED)
    return participant


# --- /next --------------------------------------------------------------------------------------


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
    """/next: the person's next pulse, by the service's clock and calendar."""
    respondent(session, chat_id=chat_id)
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


# --- the pulse ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PulseView:
    """What to show for a pulse: its state, and the newest "you said, we did" once it is done."""

    state: PulseState
    we_did: str | None = None


def _view(session: Session, state: PulseState) -> PulseView:
    """The state, with the newest "you said, we did" when the pulse has just been finished."""
    if state.stage != PulseStage.DONE:
        return PulseView(state)
    latest = current_we_did(session=session)
    return PulseView(state, latest.text if latest else None)


@dataclass(frozen=True)
class PulseShown:
    """/pulse: the open pulse where they left it, or None with whether they already answered."""

    pulse: PulseView | None
    answered: bool = False  # no unfinished pulse, but one still open that they completed


def show_pulse(session: Session, *, chat_id: int, bank: QuestionBank, now: datetime) -> PulseShown:
    """/pulse: the person's open pulse where they left it (started if need be)."""
    respondent(session, chat_id=chat_id)
    wave_id = open_pulse_for(session=session, chat_id=chat_id, now=now)
    if wave_id is None:
        answered = domain.answered_open_pulse(session=session, chat_id=chat_id, now=now)
        return PulseShown(None, answered)
    state = domain.pulse_state(
        session=session, chat_id=chat_id, wave_id=wave_id, bank=bank, now=now
    )
    return PulseShown(_view(session, state))


def remember_pulse_message(
    session: Session, *, chat_id: int, wave_id: int, message_id: int
) -> None:
    """The message just sent shows the pulse from now on (edited to done when they finish)."""
    domain.set_pulse_message(
        session=session, chat_id=chat_id, wave_id=wave_id, message_id=message_id
    )


def start_pulse(
    session: Session,
    *,
    chat_id: int,
    wave_id: int,
    bank: QuestionBank,
    now: datetime,
    message_id: int | None = None,
) -> PulseView:
    """The invite's Start button: the pulse at the step they reached. A reader, someone not
    invited, or a closed wave gets the CLOSED state (surveys.pulse)."""
    state = domain.pulse_state(
        session=session, chat_id=chat_id, wave_id=wave_id, bank=bank, now=now, message_id=message_id
    )
    return _view(session, state)


def answer_item(
    session: Session,
    *,
    chat_id: int,
    wave_id: int,
    position: int,
    value: int | None,
    bank: QuestionBank,
    now: datetime,
    message_id: int | None = None,
) -> PulseView:
    """An answer (1–5, or None to skip) to the item at `position`; a stale tap changes nothing."""
    state = domain.record_answer(
        session=session,
        chat_id=chat_id,
        wave_id=wave_id,
        position=position,
        value=value,
        bank=bank,
        now=now,
        message_id=message_id,
    )
    return _view(session, state)


def step_back(
    session: Session,
    *,
    chat_id: int,
    wave_id: int,
    position: int,
    bank: QuestionBank,
    now: datetime,
    message_id: int | None = None,
) -> PulseView:
    """Back from the item at `position` to the one before it."""
    state = domain.go_back(
        session=session,
        chat_id=chat_id,
        wave_id=wave_id,
        position=position,
        bank=bank,
        now=now,
        message_id=message_id,
    )
    return _view(session, state)


def finish_without_comment(
    session: Session, *, chat_id: int, wave_id: int, bank: QuestionBank, now: datetime
) -> PulseView:
    """ "No comment": seal the answers and finish."""
    state = domain.submit_pulse(
        session=session, chat_id=chat_id, wave_id=wave_id, comment=None, bank=bank, now=now
    )
    return _view(session, state)


def _themes(comment: str | None) -> dict[str, str] | None:
    """The themes of an already redacted comment, stored with it for the PSW summaries."""
    return dict(analyse(comment).themes) if comment else None


@dataclass(frozen=True)
class PulseCommented:
    """A typed comment that ends a pulse: the view, the comment as stored (redacted), and the
    message that showed the pulse (to mark it done)."""

    pulse: PulseView
    comment: str | None
    message_id: int | None = None


def comment_pulse(
    session: Session, *, chat_id: int, wave_id: int, text: str, bank: QuestionBank, now: datetime
) -> PulseCommented:
    """A typed comment at the pulse's comment step: redacted, themed and sealed with the answers.
    CommentTooLong (nothing stored) when it is over the limit; the state is not DONE when the
    pulse was not waiting for one."""
    # Redaction and themes come before the first query, so no transaction is open meanwhile.
    comment = domain.clean_comment(text)
    themes = _themes(comment)
    state = domain.submit_pulse(
        session=session,
        chat_id=chat_id,
        wave_id=wave_id,
        comment=comment,
        bank=bank,
        now=now,
        comment_themes=themes,
    )
    if state.stage != PulseStage.DONE:
        return PulseCommented(PulseView(state), comment)
    shown = domain.pulse_message(session=session, chat_id=chat_id, wave_id=wave_id)
    return PulseCommented(_view(session, state), comment, shown)


# --- /feedback ----------------------------------------------------------------------------------


def open_feedback(session: Session, *, chat_id: int) -> None:
    """/feedback: the person's next text is an anonymous comment."""
    respondent(session, chat_id=chat_id)
    domain.start_feedback(session=session, chat_id=chat_id)


def cancel_feedback(session: Session, *, chat_id: int) -> bool:
    """Stop waiting for a /feedback comment; False if we were not waiting."""
    return domain.cancel_feedback(session=session, chat_id=chat_id)


@dataclass(frozen=True)
class FeedbackSent:
    """A /feedback comment: as stored (redacted; None when the text was blank), and the sealed
    ballot's random id (None when nothing was waiting for it, so nothing was stored)."""

    comment: str | None
    ballot_id: str | None = None


def send_feedback(
    session: Session, *, chat_id: int, text: str, bank: QuestionBank, now: datetime, tz: ZoneInfo
) -> FeedbackSent:
    """Store a /feedback comment anonymously. CommentTooLong (nothing stored) when over the
    limit. The ballot id is for the person's memory only: nothing stored ties it to them."""
    comment = domain.clean_comment(text)
    if comment is None:
        return FeedbackSent(None)
    themes = _themes(comment)
    ballot_id = domain.submit_feedback(
        session=session,
        chat_id=chat_id,
        comment=comment,
        bank=bank,
        now=now,
        tz=tz,
        comment_themes=themes,
    )
    return FeedbackSent(comment, ballot_id)


def withdraw_feedback(session: Session, *, ballot_id: str) -> bool:
    """Withdraw a held /feedback comment by its ballot id; False once it has been released."""
    return domain.withdraw_feedback(session=session, ballot_id=ballot_id)


# --- staying in control -------------------------------------------------------------------------


def help_role(session: Session, *, telegram_id: int) -> str | None:
    """The person's PSW role ("admin" or "viewer"), None for everyone else: /help lists exactly
    the commands they may use."""
    member = get_psw_member(session=session, telegram_id=telegram_id)
    return None if member is None else str(member.role)


def my_data(session: Session, *, chat_id: int) -> MyData | None:
    """/mydata: everything held about the person, None when nothing is."""
    return people.my_data(session=session, chat_id=chat_id)


def pause(session: Session, *, chat_id: int, weeks: int, now: datetime) -> datetime:
    """/pause: no messages for 1–12 weeks; when they resume by themselves (ParticipantError if
    they have not joined or the weeks are out of range)."""
    participant = people.pause(session=session, chat_id=chat_id, weeks=weeks, now=now)
    assert participant.paused_until is not None
    return participant.paused_until


def resume(session: Session, *, chat_id: int) -> None:
    """/resume after a pause or a stop (ParticipantError if they have not joined)."""
    people.resume(session=session, chat_id=chat_id)


def stop(session: Session, *, chat_id: int) -> None:
    """/stop: no more messages until /start."""
    people.stop(session=session, chat_id=chat_id)


def holds_data(session: Session, *, chat_id: int) -> bool:
    """Whether anything is held about this person (so /forget has something to forget)."""
    return get_participant(session=session, chat_id=chat_id) is not None


def forget(session: Session, *, chat_id: int) -> bool:
    """/forget, confirmed: delete identity, deliveries and drafts; anonymous answers stay."""
    return people.forget(session=session, chat_id=chat_id)


def talk_recipients(session: Session) -> Sequence[int]:
    """Who receives a /talk request: every PSW member's Telegram id (admins first)."""
    return [member.telegram_id for member in list_psw_members(session=session)]
