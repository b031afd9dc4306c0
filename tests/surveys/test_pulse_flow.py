"""One person's pulse in the domain, in process (surveys/pulse.py): started, each item answered
or skipped, stepped back, a comment, finished; a stale tap, one open pulse, a closed wave, a
reader, and /feedback."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from surveys.ballot import release_wave
from surveys.bank import default_bank
from surveys.models import (
    Answer,
    Delivery,
    Draft,
    PswMember,
    SealedBallot,
    Submission,
    Team,
)
from surveys.participants import join
from surveys.pulse import (
    MAX_COMMENT_CHARS,
    CommentTooLong,
    DraftKind,
    PulseStage,
    add_deliveries,
    answered_open_pulse,
    cancel_feedback,
    clean_comment,
    close_wave,
    go_back,
    open_pulse_for,
    open_wave,
    pulse_message,
    pulse_state,
    record_answer,
    set_pulse_message,
    start_feedback,
    submit_feedback,
    submit_pulse,
    waiting_for,
    withdraw_feedback,
)

BANK = default_bank()
ITEMS = ["intent_stay", "pay_fair", "supervision"]
OPENS = datetime(2026, 11, 24, 10, tzinfo=UTC)
CLOSES = OPENS + timedelta(days=3)
NOW = OPENS + timedelta(hours=1)
ASHA = 101


@pytest.fixture
def org(org_engine: Engine) -> Iterator[Session]:
    with Session(org_engine, expire_on_commit=False) as session:
        yield session


def invited(session: Session, *chats: int, items: list[str] = ITEMS) -> int:
    """An open wave asking `items`, with each chat joined to the assessment team and invited."""
    team = session.exec(select(Team).where(Team.key == "assessment")).one()
    assert team.id is not None
    people = [
        join(
            session,
            chat_id=chat,
            team_id=team.id,
            role_key="social_worker",
            employment_type="permanent",
        )[0]
        for chat in chats
    ]
    wave = open_wave(
        session, schedule_key="pulse", item_keys=items, opens_at=OPENS, closes_at=CLOSES
    )
    assert wave.id is not None
    add_deliveries(session, wave_id=wave.id, participants=people)
    session.commit()
    return wave.id


def released(session: Session, wave_id: int) -> list[tuple[dict[str, int], str | None]]:
    """Close and release the wave (k = 1, so one person's pulse shows): each submission's answers
    and comment."""
    close_wave(session, wave_id=wave_id, bank=BANK, now=CLOSES)
    assert release_wave(session, wave_id=wave_id, bank=BANK, min_group=1) is not None
    found = []
    for submission in session.exec(select(Submission).where(Submission.kind == "pulse")):
        answers = session.exec(select(Answer).where(Answer.submission_id == submission.id))
        found.append(({a.item_key: a.value for a in answers}, submission.comment))
    return found


def test_starting_shows_the_first_item_and_keeps_a_draft(org: Session) -> None:
    wave = invited(org, ASHA)
    state = pulse_state(org, chat_id=ASHA, wave_id=wave, bank=BANK, now=NOW, message_id=55)
    assert state.stage == PulseStage.QUESTION
    assert (state.position, state.total) == (0, 3)
    assert state.item is not None
    assert state.item.key == "intent_stay"
    assert state.current_answer is None
    assert pulse_message(org, chat_id=ASHA, wave_id=wave) == 55
    [draft] = org.exec(select(Draft)).all()
    assert (draft.kind, draft.wave_id, draft.position) == (DraftKind.PULSE, wave, 0)
    # Starting again carries on from the same draft, not a second one.
    pulse_state(org, chat_id=ASHA, wave_id=wave, bank=BANK, now=NOW)
    assert len(org.exec(select(Draft)).all()) == 1


def test_each_item_answered_or_skipped_then_a_comment_finishes_it(org: Session) -> None:
    wave = invited(org, ASHA)
    pulse_state(org, chat_id=ASHA, wave_id=wave, bank=BANK, now=NOW)
    state = record_answer(org, chat_id=ASHA, wave_id=wave, position=0, value=4, bank=BANK, now=NOW)
    assert (state.stage, state.position, state.changed) == (PulseStage.QUESTION, 1, True)
    assert state.item is not None
    assert state.item.key == "pay_fair"
    state = record_answer(
        org, chat_id=ASHA, wave_id=wave, position=1, value=None, bank=BANK, now=NOW
    )
    assert state.position == 2
    state = record_answer(org, chat_id=ASHA, wave_id=wave, position=2, value=2, bank=BANK, now=NOW)
    assert state.stage == PulseStage.COMMENT
    # At the comment step a typed text is for the pulse.
    assert waiting_for(org, chat_id=ASHA, now=NOW) == [(DraftKind.PULSE, wave)]
    comment = clean_comment("Supervision is good")
    state = submit_pulse(
        org,
        chat_id=ASHA,
        wave_id=wave,
        comment=comment,
        bank=BANK,
        now=NOW,
        comment_themes={"supervision": "positive"},
    )
    assert (state.stage, state.changed) == (PulseStage.DONE, True)
    assert org.exec(select(Draft)).all() == []
    [delivery] = org.exec(select(Delivery)).all()
    assert delivery.completed
    assert len(org.exec(select(SealedBallot)).all()) == 1
    # Skipped means not stored: only the two answers and the comment come out.
    assert released(org, wave) == [({"intent_stay": 4, "supervision": 2}, "Supervision is good")]


def test_a_stale_tap_changes_nothing(org: Session) -> None:
    wave = invited(org, ASHA)
    record_answer(org, chat_id=ASHA, wave_id=wave, position=0, value=5, bank=BANK, now=NOW)
    again = record_answer(org, chat_id=ASHA, wave_id=wave, position=0, value=1, bank=BANK, now=NOW)
    assert (again.stage, again.position, again.changed) == (PulseStage.QUESTION, 1, False)
    back = go_back(org, chat_id=ASHA, wave_id=wave, position=1, bank=BANK, now=NOW)
    # Back at the first item, which shows the answer kept from the first tap, not the second.
    assert (back.position, back.current_answer, back.changed) == (0, 5, True)
    assert go_back(org, chat_id=ASHA, wave_id=wave, position=0, bank=BANK, now=NOW).changed is False
    with pytest.raises(ValueError, match="1 to 5"):
        record_answer(org, chat_id=ASHA, wave_id=wave, position=0, value=6, bank=BANK, now=NOW)


def test_finishing_before_the_last_item_stores_nothing(org: Session) -> None:
    wave = invited(org, ASHA)
    record_answer(org, chat_id=ASHA, wave_id=wave, position=0, value=3, bank=BANK, now=NOW)
    state = submit_pulse(org, chat_id=ASHA, wave_id=wave, comment="early", bank=BANK, now=NOW)
    assert (state.stage, state.position, state.changed) == (PulseStage.QUESTION, 1, False)
    assert org.exec(select(SealedBallot)).all() == []


def test_no_comment_finishes_once_and_then_it_is_already_answered(org: Session) -> None:
    wave = invited(org, ASHA)
    assert open_pulse_for(org, chat_id=ASHA, now=NOW) == wave
    assert not answered_open_pulse(org, chat_id=ASHA, now=NOW)
    for position in range(3):
        record_answer(
            org, chat_id=ASHA, wave_id=wave, position=position, value=3, bank=BANK, now=NOW
        )
    assert submit_pulse(org, chat_id=ASHA, wave_id=wave, comment=None, bank=BANK, now=NOW).changed
    again = submit_pulse(org, chat_id=ASHA, wave_id=wave, comment=None, bank=BANK, now=NOW)
    assert (again.stage, again.changed) == (PulseStage.DONE, False)
    tap = record_answer(org, chat_id=ASHA, wave_id=wave, position=0, value=1, bank=BANK, now=NOW)
    assert (tap.stage, tap.changed) == (PulseStage.DONE, False)
    assert len(org.exec(select(SealedBallot)).all()) == 1
    # No unfinished pulse is open for them any more, and /pulse can say they answered it.
    assert open_pulse_for(org, chat_id=ASHA, now=NOW) is None
    assert answered_open_pulse(org, chat_id=ASHA, now=NOW)


def test_a_closed_wave_takes_no_more_answers(org: Session) -> None:
    wave = invited(org, ASHA, 102)
    record_answer(org, chat_id=ASHA, wave_id=wave, position=0, value=4, bank=BANK, now=NOW)
    # Past its closing time, before the scheduler has closed it: already closed for answers.
    late = record_answer(
        org, chat_id=ASHA, wave_id=wave, position=1, value=4, bank=BANK, now=CLOSES
    )
    assert (late.stage, late.changed) == (PulseStage.CLOSED, False)
    assert open_pulse_for(org, chat_id=ASHA, now=CLOSES) is None
    result = close_wave(org, wave_id=wave, bank=BANK, now=CLOSES)
    # The started draft is kept as a pulse; the other person's untouched invitation is not.
    assert (result.submitted, result.dropped) == (1, 0)
    assert org.exec(select(Delivery)).all() == []  # who answered is forgotten at the close
    state = pulse_state(org, chat_id=ASHA, wave_id=wave, bank=BANK, now=NOW)
    assert state.stage == PulseStage.CLOSED
    assert release_wave(org, wave_id=wave, bank=BANK, min_group=1) is not None
    assert [s.wave_id for s in org.exec(select(Submission))] == [wave]


def test_someone_not_invited_or_on_the_psw_list_cannot_answer(org: Session) -> None:
    wave = invited(org, ASHA, 102)
    assert (
        pulse_state(org, chat_id=999, wave_id=wave, bank=BANK, now=NOW).stage == PulseStage.CLOSED
    )
    org.add(PswMember(telegram_id=102))
    org.commit()
    state = record_answer(org, chat_id=102, wave_id=wave, position=0, value=4, bank=BANK, now=NOW)
    assert state.stage == PulseStage.CLOSED
    assert not start_feedback(org, chat_id=102)
    assert org.exec(select(Draft)).all() == []


def test_the_message_showing_the_pulse_is_remembered(org: Session) -> None:
    wave = invited(org, ASHA)
    assert pulse_message(org, chat_id=ASHA, wave_id=wave) is None
    set_pulse_message(org, chat_id=ASHA, wave_id=wave, message_id=7)
    record_answer(
        org, chat_id=ASHA, wave_id=wave, position=0, value=2, bank=BANK, now=NOW, message_id=9
    )
    assert pulse_message(org, chat_id=ASHA, wave_id=wave) == 9


def test_a_comment_is_checked_and_redacted_before_it_is_stored(org: Session) -> None:
    assert clean_comment("   ") is None
    with pytest.raises(CommentTooLong) as long:
        clean_comment("x" * (MAX_COMMENT_CHARS + 1))
    assert long.value.length == MAX_COMMENT_CHARS + 1
    cleaned = clean_comment("email me at a.b@x.org")
    assert cleaned is not None
    assert "a.b@x.org" not in cleaned


def test_feedback_waits_for_one_comment_and_can_be_withdrawn(org: Session) -> None:
    invited(org, ASHA)
    assert submit_feedback(org, chat_id=ASHA, comment="unasked", bank=BANK, now=NOW) is None
    assert start_feedback(org, chat_id=ASHA)
    assert waiting_for(org, chat_id=ASHA, now=NOW) == [(DraftKind.FEEDBACK, None)]
    ballot = submit_feedback(org, chat_id=ASHA, comment="More laptops", bank=BANK, now=NOW)
    assert ballot is not None
    assert waiting_for(org, chat_id=ASHA, now=NOW) == []
    assert not cancel_feedback(org, chat_id=ASHA)
    assert withdraw_feedback(org, ballot_id=ballot)
    org.flush()
    assert not withdraw_feedback(org, ballot_id=ballot)
    assert org.exec(select(SealedBallot)).all() == []
