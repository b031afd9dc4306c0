"""Waves, drafts and the ballot box: a pulse from invitation to anonymous submission.

Progress lives in the database (a sealed Draft per person and wave), so a pulse continues where
it stopped after a restart. Every step names the position it answers, so a double tap or a
redelivered update changes nothing the second time. Submitting seals the answers as a ballot,
marks the Delivery complete and deletes the Draft; nothing readable is written until the wave's
whole batch is released after it closes (surveys/ballot.py, docs/design.md "Anonymity").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import IntEnum
from zoneinfo import ZoneInfo

from sqlalchemy import delete
from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, col, select

from surveys.ballot import FEEDBACK, PULSE, Group, seal
from surveys.bank import ItemSpec, QuestionBank
from surveys.forms import deal_service, form_items
from surveys.models import (
    Delivery,
    Draft,
    Participant,
    ParticipantStatus,
    PswMember,
    SealedBallot,
    Wave,
    WaveStatus,
    WaveTally,
)
from surveys.participants import UNDISCLOSED, get_participant, is_reachable, reads_results
from surveys.redact import redact
from surveys.seal import sealer
from surveys.types import utcnow

MAX_COMMENT_CHARS = 1000


class PulseStage(IntEnum):
    """Where a person is in a pulse (see bot/pulse.mmd)."""

    QUESTION = 1  # an item is waiting for a tap
    COMMENT = 2  # all items done; an optional comment is waiting
    DONE = 3  # submitted
    CLOSED = 4  # the wave has closed, or they were never invited to it


class DraftKind:
    """What a draft is collecting."""

    PULSE = "pulse"
    FEEDBACK = "feedback"  # /feedback: the next text is an anonymous comment


class CommentTooLong(ValueError):
    """A comment over MAX_COMMENT_CHARS; nothing was stored."""

    def __init__(self, length: int) -> None:
        super().__init__(f"{length} characters")
        self.length = length


@dataclass(frozen=True)
class PulseState:
    """What to show a person for one wave."""

    stage: PulseStage
    wave_id: int
    position: int = 0
    total: int = 0
    item: ItemSpec | None = None
    current_answer: int | None = None  # what they chose before, if they came back
    changed: bool = True  # False when the tap was for a step already passed
    # The sealed ballot a comment was just stored in (submit_pulse): the bot keeps it in memory
    # only, so the person can withdraw the comment until the wave closes.
    ballot_id: str | None = None


def iso_week(moment: datetime, tz: ZoneInfo | None = None) -> str:
    """The ISO week of a moment, e.g. 2026-W48: the only time an answer carries."""
    local = moment.astimezone(tz) if tz else moment
    year, week, _ = local.isocalendar()
    return f"{year}-W{week:02d}"


# --- waves and deliveries -----------------------------------------------------------------------


def open_wave(
    session: Session,
    *,
    schedule_key: str,
    item_keys: Sequence[str],
    opens_at: datetime,
    closes_at: datetime,
    remind_at: datetime | None = None,
    due_at: datetime | None = None,
    tz: ZoneInfo | None = None,
) -> Wave:
    """Create an open wave (without deliveries yet)."""
    if closes_at <= opens_at:
        raise ValueError("a wave must close after it opens")
    wave = Wave(
        schedule_key=schedule_key,
        due_at=due_at or opens_at,
        opens_at=opens_at,
        remind_at=remind_at,
        closes_at=closes_at,
        status=WaveStatus.OPEN,
        period=iso_week(due_at or opens_at, tz),
        item_keys=list(item_keys),
    )
    session.add(wave)
    session.flush()
    return wave


def reachable_participants(
    session: Session, *, now: datetime, team_ids: Iterable[int] | None = None
) -> list[Participant]:
    """People the bot may message now, optionally only in some teams."""
    readers = select(PswMember.telegram_id)
    query = select(Participant).where(
        col(Participant.status).in_([ParticipantStatus.ACTIVE, ParticipantStatus.PAUSED]),
        col(Participant.team_id).is_not(None),
        # People who can read results are never respondents (docs/design.md, rule 6).
        col(Participant.chat_id).not_in(readers),
    )
    if team_ids is not None:
        query = query.where(col(Participant.team_id).in_(list(team_ids)))
    return [p for p in session.exec(query) if is_reachable(p, now)]


def add_deliveries(session: Session, *, wave_id: int, participants: Iterable[Participant]) -> int:
    """Write a delivery for each person not yet in the wave; return how many were added."""
    existing = set(session.exec(select(Delivery.participant_id).where(Delivery.wave_id == wave_id)))
    added = 0
    for participant in participants:
        if participant.id is not None and participant.id not in existing:
            session.add(Delivery(wave_id=wave_id, participant_id=participant.id))
            existing.add(participant.id)
            added += 1
    return added


# --- one person's pulse -------------------------------------------------------------------------


def _is_open(wave: Wave, now: datetime) -> bool:
    return wave.status == WaveStatus.OPEN and now < wave.closes_at


def _delivery(session: Session, participant: Participant, wave_id: int) -> Delivery | None:
    return session.exec(
        select(Delivery).where(
            Delivery.wave_id == wave_id, Delivery.participant_id == participant.id
        )
    ).first()


def _draft(
    session: Session, participant: Participant, wave_id: int | None, kind: str
) -> Draft | None:
    query = select(Draft).where(Draft.participant_id == participant.id, Draft.kind == kind)
    same_wave = col(Draft.wave_id).is_(None) if wave_id is None else Draft.wave_id == wave_id
    return session.exec(query.where(same_wave)).first()


# Inside a sealed pulse draft: the form this person was dealt (surveys/forms.py). Never an item
# key (those start with a letter or digit), and sealed like the answers beside it.
FORM = "_form"


def wave_deal(session: Session, *, wave: Wave) -> dict[int, int]:
    """Who gets which form in an open wave (chat id → form index), redone from the wave's
    deliveries and BALLOT_KEY each time it is needed and never stored; empty without forms."""
    if not wave.forms or wave.id is None:
        return {}
    teams: dict[int | None, list[int]] = {}
    rows = session.exec(
        select(Participant.chat_id, Participant.team_id)
        .join(Delivery, col(Delivery.participant_id) == col(Participant.id))
        .where(Delivery.wave_id == wave.id)
    )
    for chat_id, team_id in rows:
        teams.setdefault(team_id, []).append(chat_id)
    return deal_service(
        teams, wave_id=wave.id, forms=len(wave.forms), k=wave.form_k or 1, tag=sealer().tag
    )


def note_form_teams(session: Session, *, wave: Wave) -> None:
    """Record which teams hold each of a newly opened wave's forms (Wave.form_teams)."""
    if not wave.forms or wave.id is None:
        return
    dealt = wave_deal(session, wave=wave)
    held: dict[str, set[int]] = {}
    rows = session.exec(
        select(Participant.chat_id, Participant.team_id)
        .join(Delivery, col(Delivery.participant_id) == col(Participant.id))
        .where(Delivery.wave_id == wave.id)
    )
    for chat_id, team_id in rows:
        if team_id is not None and chat_id in dealt:
            held.setdefault(str(dealt[chat_id]), set()).add(team_id)
    wave.form_teams = {form: sorted(teams) for form, teams in sorted(held.items())}
    session.add(wave)


def items_of(wave: Wave, draft: Draft) -> list[str]:
    """The items this draft's person is asked: the anchors and the form they were dealt."""
    return form_items(wave.item_keys, wave.forms, draft.answers.get(FORM))


def _answers(draft: Draft) -> dict[str, int]:
    """The draft's answers alone (not the form it carries)."""
    return {
        k: int(v)
        for k, v in draft.answers.items()
        if isinstance(v, int) and not isinstance(v, bool) and not k.startswith("_")
    }


def _state(wave: Wave, draft: Draft, bank: QuestionBank, *, changed: bool = True) -> PulseState:
    assert wave.id is not None
    items = items_of(wave, draft)
    total = len(items)
    if draft.position >= total:
        return PulseState(PulseStage.COMMENT, wave.id, total, total, changed=changed)
    key = items[draft.position]
    previous = draft.answers.get(key)
    return PulseState(
        PulseStage.QUESTION,
        wave.id,
        draft.position,
        total,
        bank.get(key),
        previous if isinstance(previous, int) else None,
        changed,
    )


def _open_for(
    session: Session, chat_id: int, wave_id: int, now: datetime
) -> tuple[Participant, Wave, Delivery] | PulseState:
    participant = get_participant(session=session, chat_id=chat_id)
    wave = session.get(Wave, wave_id)
    # Someone put on the PSW list after being invited may not answer any more (rule 6).
    if participant is None or wave is None or reads_results(session=session, chat_id=chat_id):
        return PulseState(PulseStage.CLOSED, wave_id)
    delivery = _delivery(session, participant, wave_id)
    if delivery is None or not _is_open(wave, now):
        return PulseState(PulseStage.CLOSED, wave_id)
    if delivery.completed:
        return PulseState(PulseStage.DONE, wave_id)
    return participant, wave, delivery


@dataclass
class _Current:
    """A person's open pulse for a wave, looked up once per unit of work."""

    wave: Wave
    draft: Draft


def _current(
    session: Session, chat_id: int, wave_id: int, now: datetime, message_id: int | None
) -> _Current | PulseState:
    """The open pulse (its draft made if need be), or the state saying why there is none. With
    `message_id`, also remember that message as the one showing the pulse (same transaction)."""
    found = _open_for(session, chat_id, wave_id, now)
    if isinstance(found, PulseState):
        return found
    participant, wave, delivery = found
    draft = _draft(session, participant, wave_id, DraftKind.PULSE)
    if draft is None:
        assert participant.id is not None
        draft = Draft(participant_id=participant.id, kind=DraftKind.PULSE, wave_id=wave_id)
        if wave.forms:
            # The form is fixed when the pulse starts, so a later change of team (which would
            # re-deal the teams) cannot change the questions under someone half-way through.
            draft.answers = {FORM: wave_deal(session, wave=wave).get(participant.chat_id, 0)}
        session.add(draft)
        session.flush()
    if message_id is not None and delivery.invite_message_id != message_id:
        delivery.invite_message_id = message_id
        session.add(delivery)
    return _Current(wave, draft)


def _unchanged(state: PulseState) -> PulseState:
    return replace(state, changed=False)


def pulse_state(
    session: Session,
    *,
    chat_id: int,
    wave_id: int,
    bank: QuestionBank,
    now: datetime,
    message_id: int | None = None,
) -> PulseState:
    """Start (or continue) a person's pulse for a wave; `message_id` is the message that will
    show it."""
    current = _current(session, chat_id, wave_id, now, message_id)
    if isinstance(current, PulseState):
        return current
    return _state(current.wave, current.draft, bank)


def open_pulse_for(session: Session, *, chat_id: int, now: datetime) -> int | None:
    """The wave of this person's unfinished pulse that is still open, newest first."""
    return _open_wave_for(session, chat_id, now, completed=False)


def answered_open_pulse(session: Session, *, chat_id: int, now: datetime) -> bool:
    """Whether this person has already completed a pulse that is still open (so /pulse can say
    so, even if the thanks was lost in a crash)."""
    return _open_wave_for(session, chat_id, now, completed=True) is not None


def _open_wave_for(session: Session, chat_id: int, now: datetime, *, completed: bool) -> int | None:
    participant = get_participant(session=session, chat_id=chat_id)
    if participant is None:
        return None
    rows = session.exec(
        select(Wave)
        .join(Delivery, col(Delivery.wave_id) == col(Wave.id))
        .where(
            Delivery.participant_id == participant.id,
            col(Delivery.completed).is_(completed),
            Wave.status == WaveStatus.OPEN,
        )
        .order_by(col(Wave.opens_at).desc())
    ).all()
    for wave in rows:
        if _is_open(wave, now):
            return wave.id
    return None


def record_answer(
    session: Session,
    *,
    chat_id: int,
    wave_id: int,
    position: int,
    value: int | None,
    bank: QuestionBank,
    now: datetime,
    message_id: int | None = None,
) -> PulseState:
    """Record the answer (None to skip) to the item at `position`, and move on. A tap on a
    question already moved past (a double tap, a redelivered update) changes nothing."""
    if value is not None and not 1 <= value <= 5:
        raise ValueError("an answer is 1 to 5")
    current = _current(session, chat_id, wave_id, now, message_id)
    if isinstance(current, PulseState):
        return _unchanged(current)
    wave, draft = current.wave, current.draft
    state = _state(wave, draft, bank)
    if state.stage != PulseStage.QUESTION or state.position != position:
        return _unchanged(state)
    answers = dict(draft.answers)
    key = items_of(wave, draft)[position]
    if value is None:
        answers.pop(key, None)
    else:
        answers[key] = value
    draft.answers = answers  # a new dict, so SQLAlchemy sees the JSON change
    draft.position = position + 1
    draft.updated_at = utcnow()
    session.add(draft)
    return _state(wave, draft, bank)


def go_back(
    session: Session,
    *,
    chat_id: int,
    wave_id: int,
    position: int,
    bank: QuestionBank,
    now: datetime,
    message_id: int | None = None,
) -> PulseState:
    """Step back from `position` to the item before it."""
    current = _current(session, chat_id, wave_id, now, message_id)
    if isinstance(current, PulseState):
        return _unchanged(current)
    wave, draft = current.wave, current.draft
    state = _state(wave, draft, bank)
    if state.position != position or position == 0:
        return _unchanged(state)
    draft.position = position - 1
    draft.updated_at = utcnow()
    session.add(draft)
    return _state(wave, draft, bank)


def set_pulse_message(session: Session, *, chat_id: int, wave_id: int, message_id: int) -> None:
    """Remember which message shows this person's pulse, to edit it when they finish."""
    participant = get_participant(session=session, chat_id=chat_id)
    delivery = _delivery(session, participant, wave_id) if participant else None
    if delivery is not None and delivery.invite_message_id != message_id:
        delivery.invite_message_id = message_id
        session.add(delivery)


def pulse_message(session: Session, *, chat_id: int, wave_id: int) -> int | None:
    """The message that shows this person's pulse, if known."""
    participant = get_participant(session=session, chat_id=chat_id)
    delivery = _delivery(session, participant, wave_id) if participant else None
    return delivery.invite_message_id if delivery is not None else None


def clean_comment(text: str | None) -> str | None:
    """Check the length and redact; raise CommentTooLong before anything is stored."""
    if text is None or not text.strip():
        return None
    if len(text) > MAX_COMMENT_CHARS:
        raise CommentTooLong(len(text))
    # Control characters carry nothing a reader needs and grow six-fold as JSON escapes, which
    # would push a ballot past its one padded size (surveys.seal.BALLOT_SIZE).
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
    return redact(text) if text.strip() else None


def _group(participant: Participant) -> Group:
    """The group a ballot will be released under, as the person's identity says now."""
    return (
        participant.team_id,
        participant.role_key or UNDISCLOSED,
        participant.employment_type or UNDISCLOSED,
    )


def _cast(
    session: Session,
    participant: Participant,
    wave: Wave,
    draft: Draft,
    *,
    comment: str | None,
    comment_themes: dict[str, str] | None,
) -> str | None:
    """Seal a draft's answers (and comment) as one ballot and delete the draft. Returns the
    ballot's random id, or None when nothing was sealed (a draft with nothing is just deleted)."""
    answers = _answers(draft)
    stored = None
    if answers or comment:
        stored = seal(
            session=session,
            kind=PULSE,
            group=_group(participant),
            wave_id=wave.id,
            content={
                "answers": answers,
                "comment": comment,
                "themes": comment_themes if comment else None,
                # Which form was dealt, sealed: the release keeps only answers to its items.
                "form": draft.answers.get(FORM),
            },
        )
    session.delete(draft)
    return stored


def submit_pulse(
    session: Session,
    *,
    chat_id: int,
    wave_id: int,
    comment: str | None,
    bank: QuestionBank,
    now: datetime,
    comment_themes: dict[str, str] | None = None,
) -> PulseState:
    """Put the person's answers and redacted comment in the ballot box, once.

    `comment` must already have been through `clean_comment`. A pulse with no answer and no
    comment completes the delivery (no reminder) but stores nothing.
    """
    found = _open_for(session, chat_id, wave_id, now)
    if isinstance(found, PulseState):
        return _unchanged(found)
    participant, wave, delivery = found
    draft = _draft(session, participant, wave_id, DraftKind.PULSE)
    if draft is None or draft.position < len(items_of(wave, draft)):
        return _unchanged(
            pulse_state(session=session, chat_id=chat_id, wave_id=wave_id, bank=bank, now=now)
        )
    ballot_id = _cast(
        session, participant, wave, draft, comment=comment, comment_themes=comment_themes
    )
    delivery.completed = True  # even with nothing to store: no reminder for a "no thanks"
    session.add(delivery)
    return PulseState(PulseStage.DONE, wave_id, ballot_id=ballot_id if comment else None)


@dataclass(frozen=True)
class CloseResult:
    """What closing a wave did with unfinished drafts."""

    submitted: int
    dropped: int


def close_wave(session: Session, *, wave_id: int, bank: QuestionBank, now: datetime) -> CloseResult:
    """Close a wave: seal drafts holding at least one answer, drop the rest, and forget who
    answered (per-team counts stay in WaveTally). The sealed ballots are released afterwards, in
    a unit of work of their own (surveys.ballot.release_wave)."""
    wave = session.get(Wave, wave_id, with_for_update=True)  # see withdraw_pulse_comment
    if wave is None:
        raise ValueError(f"no wave {wave_id}")
    if wave.status == WaveStatus.CLOSED:
        return CloseResult(0, 0)
    submitted = dropped = 0
    drafts = list(
        session.exec(select(Draft).where(Draft.wave_id == wave_id, Draft.kind == DraftKind.PULSE))
    )
    completed_now: set[int] = set()
    for draft in drafts:
        participant = session.get(Participant, draft.participant_id)
        if participant is None:  # forgotten meanwhile; their draft goes with them
            session.delete(draft)
            dropped += 1
        # A comment is only ever taken with its submission, so a draft never holds one.
        elif _cast(session, participant, wave, draft, comment=None, comment_themes=None):
            completed_now.add(draft.participant_id)
            submitted += 1
        else:
            dropped += 1
    _tally(session, wave_id, completed_now)
    wave.status = WaveStatus.CLOSED
    session.add(wave)
    return CloseResult(submitted, dropped)


def _tally(session: Session, wave_id: int, completed_now: set[int]) -> None:
    """Replace the wave's deliveries with per-team counts: after the close, who answered is
    forgotten."""
    counts: dict[int | None, list[int]] = {}
    for delivery, team_id in session.exec(
        select(Delivery, Participant.team_id)
        .join(Participant, col(Participant.id) == col(Delivery.participant_id))
        .where(Delivery.wave_id == wave_id)
    ):
        tally = counts.setdefault(team_id, [0, 0])
        tally[0] += 1
        tally[1] += int(delivery.completed or delivery.participant_id in completed_now)
    for team_id, (invited, answered) in counts.items():
        session.add(WaveTally(wave_id=wave_id, team_id=team_id, invited=invited, answered=answered))
    session.execute(delete(Delivery).where(col(Delivery.wave_id) == wave_id))


# --- waiting for text: comments, feedback, talk notes ------------------------------------------


def start_feedback(session: Session, *, chat_id: int) -> bool:
    """The person's next text is an anonymous comment. False if they have not joined (or can
    read results: feedback would sit beside the answers they read)."""
    participant = get_participant(session=session, chat_id=chat_id)
    if participant is None or reads_results(session=session, chat_id=chat_id):
        return False
    if _draft(session, participant, None, DraftKind.FEEDBACK) is None:
        assert participant.id is not None
        session.add(Draft(participant_id=participant.id, kind=DraftKind.FEEDBACK))
    return True


def cancel_feedback(session: Session, *, chat_id: int) -> bool:
    """Stop waiting for a /feedback comment; False if we were not waiting."""
    participant = get_participant(session=session, chat_id=chat_id)
    draft = _draft(session, participant, None, DraftKind.FEEDBACK) if participant else None
    if draft is None:
        return False
    session.delete(draft)
    return True


def waiting_for(session: Session, *, chat_id: int, now: datetime) -> list[tuple[str, int | None]]:
    """What a text from this person could answer now: ("feedback", None) and/or ("pulse", wave
    id). Which one gets it is the bot's choice (bot/conversations.py), so both are reported."""
    participant = get_participant(session=session, chat_id=chat_id)
    if participant is None:
        return []
    found: list[tuple[str, int | None]] = []
    if _draft(session, participant, None, DraftKind.FEEDBACK) is not None:
        found.append((DraftKind.FEEDBACK, None))
    drafts = session.exec(
        select(Draft).where(Draft.participant_id == participant.id, Draft.kind == DraftKind.PULSE)
    ).all()
    for draft in drafts:
        wave = session.get(Wave, draft.wave_id) if draft.wave_id is not None else None
        if (
            wave is not None
            and _is_open(wave, now)
            and draft.position >= len(items_of(wave, draft))
        ):
            found.append((DraftKind.PULSE, wave.id))
            break
    return found


def submit_feedback(
    session: Session,
    *,
    chat_id: int,
    comment: str,
    bank: QuestionBank,
    now: datetime,
    tz: ZoneInfo | None = None,
    comment_themes: dict[str, str] | None = None,
) -> str | None:
    """Store an anonymous /feedback comment (already cleaned); None if not waiting for one.

    Returns the sealed ballot's random id. Nothing stored ties it to the person: the bot keeps it
    in memory only, so they can withdraw the comment until it is released (`withdraw_feedback`).
    """
    participant = get_participant(session=session, chat_id=chat_id)
    if participant is None:
        return None
    draft = _draft(session, participant, None, DraftKind.FEEDBACK)
    if draft is None:
        return None
    # Held, sealed, and released with the next wave (it never counts towards that wave's k).
    ballot_id = seal(
        session=session,
        kind=FEEDBACK,
        group=_group(participant),
        content={"answers": {}, "comment": comment, "themes": comment_themes},
    )
    session.delete(draft)
    return ballot_id


def withdraw_pulse_comment(session: Session, *, ballot_id: str, now: datetime) -> bool:
    """Take the comment out of a sealed pulse ballot while its wave is still open; the answers
    stay (a ballot that held only the comment is deleted). False once the wave has closed: its
    ballots are then on their way to release, and after release nothing holds this id.

    Only the sealed ballot is touched, never an identity row, so the withdrawal links no one
    to anything; the id comes from the bot's memory, never from storage."""
    ballot = session.get(SealedBallot, ballot_id)
    if ballot is None or ballot.kind != PULSE or ballot.wave_id is None:
        return False
    # Locked (PostgreSQL), as close_wave locks it: a close waits for this withdrawal to commit,
    # or this one sees the wave closed, so a comment said to be withdrawn is never released.
    wave = session.get(Wave, ballot.wave_id, with_for_update=True)
    if wave is None or not _is_open(wave, now):
        return False
    content = dict(ballot.content)
    if content.get("answers"):
        ballot.content = {**content, "comment": None, "themes": None}  # re-sealed, same size
        session.add(ballot)
    else:
        session.delete(ballot)
    # Every other ballot of the wave is re-sealed too (a fresh nonce, the same size), so two
    # copies of the database show the whole wave rewritten, not the one ballot that changed.
    others = session.exec(
        select(SealedBallot).where(
            SealedBallot.kind == PULSE,
            SealedBallot.wave_id == wave.id,
            col(SealedBallot.id) != ballot_id,
        )
    )
    for other in others:
        flag_modified(other, "content")
        session.add(other)
    return True


def withdraw_feedback(session: Session, *, ballot_id: str) -> bool:
    """Delete a held /feedback comment before it is released; False once it has been (a
    released comment has no id anyone holds, and nothing links it to its writer)."""
    ballot = session.get(SealedBallot, ballot_id)
    if ballot is None or ballot.kind != FEEDBACK:
        return False
    session.delete(ballot)
    return True
