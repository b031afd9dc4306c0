"""The respondent's use cases (bot/usecases/respondent.py, joining.py), in process: who may
answer, the pulse from /pulse to its thanks, /feedback, /next, and joining, each one unit of
work as the handlers run it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.usecases import joining, respondent
from bot.usecases.respondent import NotRespondent, Refusal
from surveys.ballot import release_wave
from surveys.bank import default_bank
from surveys.calendar import WorkingCalendar
from surveys.db import run_unit, session_scope
from surveys.models import Participant, PswMember, SealedBallot, Submission, Team, WeDid
from surveys.participants import ParticipantError, create_invite, join
from surveys.pulse import MAX_COMMENT_CHARS, CommentTooLong, PulseStage, add_deliveries, close_wave
from surveys.pulse import open_wave as open_pulse_wave
from surveys.schedule import load_schedules

BANK = default_bank()
LONDON = ZoneInfo("Europe/London")
ITEMS = ["intent_stay", "pay_fair"]
OPENS = datetime(2026, 11, 24, 10, tzinfo=UTC)
CLOSES = OPENS + timedelta(days=3)
NOW = OPENS + timedelta(hours=1)
ASHA, PRIYA = 101, 900


def joined(engine: Engine, *chats: int) -> None:
    with session_scope(engine) as session:
        team = session.exec(select(Team).where(Team.key == "assessment")).one()
        assert team.id is not None
        for chat in chats:
            join(session, chat_id=chat, team_id=team.id, role_key="social_worker",
                 employment_type="permanent")  # fmt: skip


def wave_for(engine: Engine, *chats: int) -> int:
    """An open wave asking ITEMS, everyone in `chats` joined and invited."""
    joined(engine, *chats)
    with session_scope(engine) as session:
        wave = open_pulse_wave(
            session, schedule_key="pulse", item_keys=ITEMS, opens_at=OPENS, closes_at=CLOSES
        )
        assert wave.id is not None
        people = session.exec(select(Participant)).all()
        add_deliveries(session, wave_id=wave.id, participants=people)
        return wave.id


def on_psw_list(engine: Engine, chat: int) -> None:
    with session_scope(engine) as session:
        session.add(PswMember(telegram_id=chat))


def show(engine: Engine, chat: int = ASHA) -> respondent.PulseShown:
    return run_unit(engine, respondent.show_pulse, chat_id=chat, bank=BANK, now=NOW)


def answer(engine: Engine, wave: int, position: int, value: int | None) -> respondent.PulseView:
    return run_unit(
        engine, respondent.answer_item, chat_id=ASHA, wave_id=wave, position=position,
        value=value, bank=BANK, now=NOW,
    )  # fmt: skip


def comment(engine: Engine, wave: int, text: str) -> respondent.PulseCommented:
    return run_unit(
        engine, respondent.comment_pulse, chat_id=ASHA, wave_id=wave, text=text, bank=BANK, now=NOW
    )


def sealed(engine: Engine) -> int:
    with session_scope(engine) as session:
        return len(session.exec(select(SealedBallot)).all())


# --- who may answer -----------------------------------------------------------------------------


def test_only_participants_off_the_psw_list_may_answer(org_engine: Engine) -> None:
    wave = wave_for(org_engine, ASHA, PRIYA)
    with pytest.raises(NotRespondent) as stranger:
        show(org_engine, 555)
    assert stranger.value.reason == Refusal.NOT_JOINED
    # Put on the PSW list after joining and being invited: they read results, so never answer.
    on_psw_list(org_engine, PRIYA)
    with pytest.raises(NotRespondent) as reader:
        run_unit(org_engine, respondent.open_feedback, chat_id=PRIYA)
    assert reader.value.reason == Refusal.READS_RESULTS
    with pytest.raises(NotRespondent) as reader:
        show(org_engine, PRIYA)
    assert reader.value.reason == Refusal.READS_RESULTS
    # A button from their old invite shows the pulse closed, and stores nothing.
    tapped = run_unit(
        org_engine, respondent.answer_item, chat_id=PRIYA, wave_id=wave, position=0, value=5,
        bank=BANK, now=NOW,
    )  # fmt: skip
    assert tapped.state.stage == PulseStage.CLOSED
    assert show(org_engine).pulse is not None  # the other person still may


# --- the pulse ----------------------------------------------------------------------------------


def test_a_pulse_from_show_to_thanks_with_a_comment(org_engine: Engine) -> None:
    wave = wave_for(org_engine, ASHA)
    shown = show(org_engine)
    assert shown.pulse is not None
    state = shown.pulse.state
    assert (state.stage, state.wave_id, state.position, state.total) == (
        PulseStage.QUESTION, wave, 0, 2,
    )  # fmt: skip
    run_unit(
        org_engine, respondent.remember_pulse_message, chat_id=ASHA, wave_id=wave, message_id=41
    )
    assert answer(org_engine, wave, 0, 4).state.position == 1
    view = answer(org_engine, wave, 1, None)  # skipped
    assert view.state.stage == PulseStage.COMMENT
    assert view.we_did is None
    result = comment(org_engine, wave, "Supervision helps, email a.b@x.org")
    assert result.pulse.state.stage == PulseStage.DONE
    assert result.comment is not None
    assert "a.b@x.org" not in result.comment
    assert result.message_id == 41  # the message to mark done
    # Finished: /pulse says it was answered, rather than that nothing is open.
    assert show(org_engine) == respondent.PulseShown(None, answered=True)
    with session_scope(org_engine) as session:
        close_wave(session, wave_id=wave, bank=BANK, now=CLOSES)
    with session_scope(org_engine) as session:
        assert release_wave(session, wave_id=wave, bank=BANK, min_group=1) is not None
    with session_scope(org_engine) as session:
        [submission] = session.exec(select(Submission)).all()
        assert submission.comment == result.comment
        assert submission.comment_themes  # themed in the same unit of work, before it was sealed


def test_the_thanks_carries_the_newest_we_did(org_engine: Engine) -> None:
    wave = wave_for(org_engine, ASHA)
    with session_scope(org_engine) as session:
        session.add(WeDid(text="Laptops replaced", status="done"))
    answer(org_engine, wave, 0, 3)
    assert answer(org_engine, wave, 1, 3).we_did is None  # not done yet
    done = run_unit(
        org_engine, respondent.finish_without_comment, chat_id=ASHA, wave_id=wave, bank=BANK,
        now=NOW,
    )  # fmt: skip
    assert done.state.stage == PulseStage.DONE
    assert done.we_did == "Laptops replaced"
    assert sealed(org_engine) == 1


def test_start_and_back_show_the_step_they_reached(org_engine: Engine) -> None:
    wave = wave_for(org_engine, ASHA)
    started = run_unit(
        org_engine, respondent.start_pulse, chat_id=ASHA, wave_id=wave, bank=BANK, now=NOW,
        message_id=7,
    )  # fmt: skip
    assert started.state.position == 0
    answer(org_engine, wave, 0, 2)
    back = run_unit(
        org_engine, respondent.step_back, chat_id=ASHA, wave_id=wave, position=1, bank=BANK,
        now=NOW,
    )  # fmt: skip
    assert (back.state.position, back.state.current_answer) == (0, 2)
    stale = answer(org_engine, wave, 1, 5)  # a tap on the item they stepped back from
    assert (stale.state.position, stale.state.changed) == (0, False)


def test_a_comment_too_long_or_unasked_stores_nothing(org_engine: Engine) -> None:
    wave = wave_for(org_engine, ASHA)
    early = comment(org_engine, wave, "Before the questions")
    assert early.pulse.state.stage == PulseStage.QUESTION
    assert early.message_id is None
    answer(org_engine, wave, 0, 4)
    answer(org_engine, wave, 1, 4)
    with pytest.raises(CommentTooLong):
        comment(org_engine, wave, "x" * (MAX_COMMENT_CHARS + 1))
    assert sealed(org_engine) == 0
    assert comment(org_engine, wave, "Fine").pulse.state.stage == PulseStage.DONE
    assert sealed(org_engine) == 1


def test_only_one_open_pulse_is_shown_and_a_closed_wave_takes_nothing(org_engine: Engine) -> None:
    joined(org_engine, ASHA)
    assert show(org_engine) == respondent.PulseShown(None, answered=False)
    wave = wave_for(org_engine)
    shown = show(org_engine)
    assert shown.pulse is not None
    assert shown.pulse.state.wave_id == wave
    with session_scope(org_engine) as session:
        close_wave(session, wave_id=wave, bank=BANK, now=CLOSES)
    assert answer(org_engine, wave, 0, 4).state.stage == PulseStage.CLOSED
    assert show(org_engine) == respondent.PulseShown(None, answered=False)


# --- /feedback and /next ------------------------------------------------------------------------


def test_feedback_is_stored_once_and_withdrawn_by_its_id(org_engine: Engine) -> None:
    joined(org_engine, ASHA)

    def send(text: str) -> respondent.FeedbackSent:
        return run_unit(
            org_engine, respondent.send_feedback, chat_id=ASHA, text=text, bank=BANK, now=NOW,
            tz=LONDON,
        )  # fmt: skip

    assert send("Not asked for") == respondent.FeedbackSent("Not asked for", None)
    run_unit(org_engine, respondent.open_feedback, chat_id=ASHA)
    assert send("   ") == respondent.FeedbackSent(None)
    sent = send("More laptops")
    assert sent.ballot_id is not None
    assert sealed(org_engine) == 1
    assert not run_unit(org_engine, respondent.cancel_feedback, chat_id=ASHA)
    assert run_unit(org_engine, respondent.withdraw_feedback, ballot_id=sent.ballot_id)
    assert sealed(org_engine) == 0


def test_next_says_when_the_open_pulse_closes(org_engine: Engine) -> None:
    def next_for(chat: int) -> respondent.NextPulse:
        return run_unit(
            org_engine, respondent.next_pulse, chat_id=chat, now=NOW,
            schedules=load_schedules(None), calendar=WorkingCalendar(tz=LONDON),
        )  # fmt: skip

    with pytest.raises(NotRespondent):
        next_for(ASHA)
    wave = wave_for(org_engine, ASHA)
    assert next_for(ASHA) == respondent.NextPulse(CLOSES, None, None)
    answer(org_engine, wave, 0, 3)
    answer(org_engine, wave, 1, 3)
    comment(org_engine, wave, "Done")
    # Answered: /next gives the next scheduled pulse instead (the shipped one is fortnightly).
    after = next_for(ASHA)
    assert after.open_until is None
    assert after.opens_at is not None
    assert after.opens_at > NOW


# --- joining ------------------------------------------------------------------------------------


def test_joining_with_an_invite_and_changing_details(org_engine: Engine) -> None:
    with session_scope(org_engine) as session:
        invite, _team = create_invite(
            session, team_key="assessment", created_by=PRIYA, now=NOW, days=7
        )
        code = invite.code
    need = run_unit(org_engine, joining.start, chat_id=ASHA, code=None, now=NOW)
    assert need.kind == "need_invite"
    invited = run_unit(org_engine, joining.start, chat_id=ASHA, code=code, now=NOW)
    assert invited.kind == "invited"
    assert invited.team
    assert invited.roles
    chosen = run_unit(org_engine, joining.choose, role="undisclosed", employment="")
    assert (chosen.role, chosen.employment) == ("", None)
    assert chosen.employment_types
    profile = run_unit(
        org_engine, joining.join, chat_id=ASHA, code=code, role="undisclosed",
        employment="undisclosed", now=NOW,
    )  # fmt: skip
    assert profile == joining.Profile(invited.team, None, None)
    again = run_unit(org_engine, joining.start, chat_id=ASHA, code=None, now=NOW)
    assert (again.kind, again.profile) == ("profile", profile)
    with pytest.raises(joining.TeamNeedsInvite):
        run_unit(org_engine, joining.change_detail, chat_id=ASHA, field="team", value="x")
    with pytest.raises(ParticipantError):
        run_unit(org_engine, joining.change_detail, chat_id=ASHA, field="role", value="nope")


def test_people_on_the_psw_list_cannot_join(org_engine: Engine) -> None:
    with session_scope(org_engine) as session:
        invite, _team = create_invite(
            session, team_key="assessment", created_by=PRIYA, now=NOW, days=7
        )
        code = invite.code
    on_psw_list(org_engine, PRIYA)
    assert run_unit(org_engine, joining.start, chat_id=PRIYA, code=code, now=NOW).kind == "psw"
    with pytest.raises(ParticipantError, match="can't answer pulses"):
        run_unit(
            org_engine, joining.join, chat_id=PRIYA, code=code, role="undisclosed",
            employment="undisclosed", now=NOW,
        )  # fmt: skip
