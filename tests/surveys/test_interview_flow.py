"""The interview flows, in process: each kind from start to finish by walking its declaration,
skipping, bad and stale input, cancelling, the PSW-recorded path, release in batches, and the
wording file (surveys/interviews.yaml) with its errors."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from surveys.ballot import pending, release_interviews
from surveys.db import run_unit, session_scope
from surveys.interviews import (
    _TAKE,
    FLOWS,
    InterviewError,
    Kind,
    Outcome,
    StaleStep,
    Takes,
    answer,
    build_flows,
    cancel,
    create_exit_link,
    default_wording,
    delete_recorded,
    load_wording,
    open_exit_link,
    recorded_this_month,
    start_record,
    start_stay,
    waiting_for_text,
)
from surveys.models import Interview, InterviewDraft, InterviewTheme, Participant, PswMember, Team
from surveys.pulse import CommentTooLong
from surveys.yamlfile import ConfigFileError

NOW = datetime(2026, 11, 24, 10, tzinfo=UTC)
TODAY = NOW.date()
MONTH = "2026-11"


def no_themes(text: str, question: str | None = None) -> dict[str, str]:
    return {}


def by_word(text: str, question: str | None = None) -> dict[str, str]:
    """A stand-in analyser: "pay" is a reason to leave, "team" a reason to stay."""
    found = {}
    if "pay" in text:
        found["pay"] = "neg"
    if "team" in text:
        found["team_culture"] = "pos"
    return found


def _teams(engine: Engine) -> tuple[int, int]:
    with session_scope(engine) as session:
        north, south = Team(key="north", name="North"), Team(key="south", name="South")
        session.add_all([north, south])
        session.flush()
        assert north.id is not None
        assert south.id is not None
        return north.id, south.id


def _join(engine: Engine, chat_id: int, team_id: int) -> None:
    with session_scope(engine) as session:
        session.add(Participant(chat_id=chat_id, team_id=team_id, role_key="social_worker"))


def _step(engine: Engine, chat_id: int, step: str, value: Any, **extra: Any) -> Outcome:
    kwargs: dict[str, Any] = {"coder": by_word, "today": TODAY, "now": NOW, **extra}
    return run_unit(engine, answer, chat_id=chat_id, step=step, value=value, **kwargs)


def _draft(engine: Engine, chat_id: int) -> InterviewDraft | None:
    with session_scope(engine) as session:
        return session.get(InterviewDraft, chat_id)


def _walk_stay(engine: Engine, chat_id: int, first: str | None, followup: bool = False) -> Outcome:
    run_unit(engine, start_stay, chat_id=chat_id, now=NOW)
    questions = [s.name for s in FLOWS[Kind.STAY].steps if s.takes is Takes.TEXT]
    for index, name in enumerate(questions):
        _step(engine, chat_id, name, first if index == 0 else None)
    _step(engine, chat_id, "rating", 4)
    return _step(engine, chat_id, "followup", followup)


def _exit_link(engine: Engine, team: str = "north") -> str:
    with session_scope(engine) as session:
        return create_exit_link(session, team_key=team, created_by=1, now=NOW).code


def _walk_exit(engine: Engine, chat_id: int) -> Outcome:
    run_unit(engine, open_exit_link, chat_id=chat_id, code=_exit_link(engine), now=NOW)
    _step(engine, chat_id, "reasons", "pay")
    _step(engine, chat_id, "reasons", "workload")
    _step(engine, chat_id, "reasons", "done")
    _step(engine, chat_id, "main", "pay")
    _step(engine, chat_id, "destination", "agency")
    _step(engine, chat_id, "come_back", 2)
    _step(engine, chat_id, "q:kept", "better pay")
    return _step(engine, chat_id, "q:else", None)


# --- the declarations -----------------------------------------------------------------------------


def test_every_kind_of_step_can_be_taken_and_every_flow_is_declared_once() -> None:
    assert set(_TAKE) == set(Takes)
    assert set(FLOWS) == set(Kind)
    assert len({f.letter for f in FLOWS.values()}) == len({f.conversation for f in FLOWS.values()})
    assert len({f.letter for f in FLOWS.values()}) == len(Kind)
    for flow in FLOWS.values():
        assert len(set(flow.names)) == len(flow.names), flow.kind
        for step in flow.steps:
            assert (step.takes is Takes.TEXT) == bool(step.question), step.name


# --- stay -----------------------------------------------------------------------------------------


def test_a_stay_interview_from_start_to_finish_is_sealed_with_its_group_then_released(
    engine: Engine,
) -> None:
    north, _ = _teams(engine)
    _join(engine, 10, north)
    outcome = _walk_stay(engine, 10, "my team is great", followup=True)
    assert outcome.draft is None
    assert outcome.followup
    stored = outcome.stored
    assert stored is not None
    assert stored.answers == {"look_forward": "my team is great"}  # skipped ones are not kept
    assert stored.intention_to_stay == 4
    assert stored.themes == {"team_culture": "pos"}
    assert (stored.team_id, stored.role_group) == (north, "social_worker")
    assert _draft(engine, 10) is None
    with session_scope(engine) as session:
        assert pending(session=session, kind="stay") == 1
        assert session.exec(select(Interview)).all() == []  # sealed, not yet readable


def test_stay_needs_joining_and_continues_where_it_was(engine: Engine) -> None:
    north, _ = _teams(engine)
    with pytest.raises(InterviewError, match="haven't joined"):
        run_unit(engine, start_stay, chat_id=11, now=NOW)
    _join(engine, 11, north)
    run_unit(engine, start_stay, chat_id=11, now=NOW)
    _step(engine, 11, "q:look_forward", "the people")
    again = run_unit(engine, start_stay, chat_id=11, now=NOW)
    assert again.step == "q:learning"
    assert again.answers == {"look_forward": "the people"}


def test_bad_and_stale_input_changes_nothing(engine: Engine) -> None:
    north, _ = _teams(engine)
    _join(engine, 12, north)
    run_unit(engine, start_stay, chat_id=12, now=NOW)
    for name in [s.name for s in FLOWS[Kind.STAY].steps if s.takes is Takes.TEXT]:
        _step(engine, 12, name, None)  # every question skipped
    for bad in (0, 6, "4", 3.5):
        with pytest.raises(InterviewError, match="five answers"):
            _step(engine, 12, "rating", bad)
    with pytest.raises(StaleStep):
        _step(engine, 12, "q:learning", "late text for an answered question")
    with pytest.raises(StaleStep):
        _step(engine, 13, "rating", 3)  # no interview at all
    draft = _draft(engine, 12)
    assert draft is not None
    assert (draft.step, draft.answers) == ("rating", {})
    _step(engine, 12, "rating", None)  # the rating can be skipped too
    draft = _draft(engine, 12)
    assert draft is not None
    assert (draft.step, draft.answers) == ("followup", {"rating": None})


def test_a_question_waits_for_text_and_too_long_an_answer_is_refused(engine: Engine) -> None:
    north, _ = _teams(engine)
    _join(engine, 14, north)
    run_unit(engine, start_stay, chat_id=14, now=NOW)
    assert run_unit(engine, waiting_for_text, chat_id=14) is not None
    with pytest.raises(CommentTooLong):
        _step(engine, 14, "q:look_forward", "x" * 5000)
    draft = _draft(engine, 14)
    assert draft is not None
    assert draft.step == "q:look_forward"
    assert draft.answers == {}


def test_cancel_drops_a_stay_draft_but_never_an_exit_interview(engine: Engine) -> None:
    north, _ = _teams(engine)
    _join(engine, 15, north)
    run_unit(engine, start_stay, chat_id=15, now=NOW)
    assert run_unit(engine, cancel, chat_id=15) is True
    assert _draft(engine, 15) is None
    run_unit(engine, open_exit_link, chat_id=16, code=_exit_link(engine), now=NOW)
    assert run_unit(engine, cancel, chat_id=16) is False
    assert _draft(engine, 16) is not None


# --- exit -----------------------------------------------------------------------------------------


def test_an_exit_interview_from_start_to_finish_spends_its_link(engine: Engine) -> None:
    north, _ = _teams(engine)
    outcome = _walk_exit(engine, 20)
    stored = outcome.stored
    assert stored is not None
    assert not outcome.followup
    assert (stored.kind, stored.source, stored.team_id) == ("exit", "self", north)
    assert (stored.main_reason, stored.destination, stored.come_back) == ("pay", "agency", 2)
    assert stored.answers == {"kept": "better pay"}
    assert stored.themes == {"pay": "neg"}
    with session_scope(engine) as session:
        assert pending(session=session, kind="exit") == 1
    code = _exit_link(engine)
    run_unit(engine, open_exit_link, chat_id=21, code=code, now=NOW)
    with pytest.raises(InterviewError, match="already been used"):
        run_unit(engine, open_exit_link, chat_id=22, code=code, now=NOW)


def test_exit_reasons_toggle_and_each_choice_is_checked(engine: Engine) -> None:
    _teams(engine)
    run_unit(engine, open_exit_link, chat_id=23, code=_exit_link(engine), now=NOW)
    with pytest.raises(InterviewError, match="at least one reason"):
        _step(engine, 23, "reasons", "done")
    with pytest.raises(StaleStep, match="theme"):
        _step(engine, 23, "reasons", "not_a_theme")
    _step(engine, 23, "reasons", "pay")
    _step(engine, 23, "reasons", "career")
    _step(engine, 23, "reasons", "pay")  # a second tap takes it back
    _step(engine, 23, "reasons", "done")
    with pytest.raises(InterviewError, match="reasons you gave"):
        _step(engine, 23, "main", "pay")
    _step(engine, 23, "main", "career")
    with pytest.raises(InterviewError, match="one of the answers"):
        _step(engine, 23, "destination", "the moon")
    _step(engine, 23, "destination", "undisclosed")
    draft = _draft(engine, 23)
    assert draft is not None
    assert draft.step == "come_back"
    assert draft.answers == {"reasons": ["career"], "main": "career", "destination": "undisclosed"}


def test_an_exit_interview_in_progress_is_never_replaced_by_a_stay(engine: Engine) -> None:
    north, _ = _teams(engine)
    _join(engine, 24, north)
    run_unit(engine, open_exit_link, chat_id=24, code=_exit_link(engine), now=NOW)
    assert run_unit(engine, start_stay, chat_id=24, now=NOW).kind == Kind.EXIT


# --- recorded by the PSW team ---------------------------------------------------------------------


def _member(engine: Engine, telegram_id: int) -> PswMember:
    with session_scope(engine) as session:
        member = PswMember(telegram_id=telegram_id, name="P")
        session.add(member)
        session.flush()
        return member


def _record(engine: Engine, chat_id: int, member: PswMember, team: int, notes: str) -> Outcome:
    run_unit(engine, start_record, chat_id=chat_id, now=NOW)
    _step(engine, chat_id, "team", team, member=member)
    _step(engine, chat_id, "role", "manager", member=member)
    _step(engine, chat_id, "emp", "undisclosed", member=member)
    _step(engine, chat_id, "notes", notes, member=member)
    _step(engine, chat_id, "notes", "done", member=member)
    return _step(engine, chat_id, "themes", "done", member=member)


def test_a_psw_member_records_an_interview_and_confirms_the_themes(engine: Engine) -> None:
    north, _ = _teams(engine)
    member = _member(engine, 30)
    run_unit(engine, start_record, chat_id=30, now=NOW)
    _step(engine, 30, "team", north, member=member)
    _step(engine, 30, "role", "manager", member=member)
    _step(engine, 30, "emp", "undisclosed", member=member)
    with pytest.raises(InterviewError, match="notes first"):
        _step(engine, 30, "notes", "done", member=member)
    _step(engine, 30, "notes", "they love the team", member=member)
    _step(engine, 30, "notes", "pay is poor", member=member)
    assert run_unit(engine, waiting_for_text, chat_id=30) is not None
    _step(engine, 30, "notes", "done", member=member)
    draft = _draft(engine, 30)
    assert draft is not None
    assert draft.step == "themes"
    assert draft.answers["themes"] == {"team_culture": "pos", "pay": "neg"}  # proposed
    _step(engine, 30, "themes", "pay", member=member)  # neg → not mentioned
    _step(engine, 30, "themes", "career", member=member)  # → pos
    _step(engine, 30, "themes", "career", member=member)  # → neg
    outcome = _step(engine, 30, "themes", "done", member=member)
    stored = outcome.stored
    assert stored is not None
    assert (stored.source, stored.recorded_by, stored.team_id) == ("psw", member.id, north)
    assert (stored.role_group, stored.employment_type) == ("manager", "undisclosed")
    assert stored.answers == {"notes": "they love the team\n\npay is poor"}
    assert stored.themes == {"team_culture": "pos", "career": "neg"}
    with session_scope(engine) as session:
        [waiting] = recorded_this_month(session, member=member, today=TODAY)
        assert waiting.answers == stored.answers
        assert delete_recorded(session, member=member, interview_id=waiting.id)
        assert recorded_this_month(session, member=member, today=TODAY) == []


def test_recorded_notes_have_a_limit_and_an_unknown_team_is_no_team(engine: Engine) -> None:
    _teams(engine)
    member = _member(engine, 31)
    run_unit(engine, start_record, chat_id=31, now=NOW)
    _step(engine, 31, "team", -1, member=member)
    _step(engine, 31, "role", "undisclosed", member=member)
    _step(engine, 31, "emp", "agency", member=member)
    _step(engine, 31, "notes", "The visit went well. " * 45, member=member)
    for _ in range(3):
        _step(engine, 31, "notes", "The visit went well. " * 45, member=member)
    with pytest.raises(InterviewError, match="4,000"):
        _step(engine, 31, "notes", "The visit went well. " * 45, member=member)
    _step(engine, 31, "notes", "done", member=member)
    stored = _step(engine, 31, "themes", "done", member=member).stored
    assert stored is not None
    assert stored.team_id is None
    assert stored.themes == {}


# --- release in batches ---------------------------------------------------------------------------


def test_each_kind_is_released_from_its_own_queue_in_batches_of_at_least_k(engine: Engine) -> None:
    north, south = _teams(engine)
    for chat in range(40, 44):
        _join(engine, chat, north if chat % 2 else south)
        _walk_stay(engine, chat, "the team")
    for chat in range(50, 55):
        _walk_exit(engine, chat)
    member = _member(engine, 60)
    for chat in range(60, 65):
        _record(engine, 60, member, north, f"notes {chat}")
    release = {"kind": "stay", "period": MONTH, "min_group": 5}
    assert run_unit(engine, release_interviews, **release) == 0  # four stays wait for a fifth
    assert run_unit(engine, release_interviews, **{**release, "kind": "exit"}) == 5
    assert run_unit(engine, release_interviews, **{**release, "kind": "psw"}) == 5
    with session_scope(engine) as session:
        rows = session.exec(select(Interview)).all()
        assert (
            sorted((i.kind, i.source) for i in rows)
            == [("exit", "self")] * 5 + [("stay", "psw")] * 5
        )
        reasons = session.exec(select(InterviewTheme).where(InterviewTheme.source == "reason"))
        assert sorted({r.theme for r in reasons}) == ["pay", "workload"]
        assert pending(session=session, kind="stay") == 4
    _join(engine, 44, north)
    _walk_stay(engine, 44, None)
    assert run_unit(engine, release_interviews, **release) == 5
    with session_scope(engine) as session:
        stays = session.exec(select(Interview).where(Interview.source == "self")).all()
        assert sorted(i.intention_to_stay or 0 for i in stays if i.kind == "stay") == [4] * 5


# --- the wording file -----------------------------------------------------------------------------


SHIPPED = Path(__file__).parents[2] / "surveys" / "interviews.yaml"


def test_a_council_can_reword_the_questions_and_the_flows_ask_its_words(tmp_path: Path) -> None:
    path = tmp_path / "interviews.yaml"
    path.write_text(
        SHIPPED.read_text().replace("Why do you stay?", "What keeps you with us?"), "utf-8"
    )
    flows = build_flows(load_wording(path))
    assert flows[Kind.STAY].step("q:why_stay").question == "What keeps you with us?"
    assert FLOWS[Kind.STAY].step("q:why_stay").question == "Why do you stay?"
    assert default_wording().exit.come_back[0] == "Definitely not"


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        (
            "key: why_stay",
            "key: why_you_stay",
            "line 9, stay.questions: questions[2] is 'why_you_stay', not 'why_stay'",
        ),
        ("    - Not sure\n", "", "exit.come_back: List should have at least 5 items"),
        ("      text: Retirement", "      text: " + "R" * 41, "exit.destinations[3].text"),
        ("  questions:\n    - key: kept", "  question:\n    - key: kept", "Extra inputs"),
    ],
)
def test_a_wrong_wording_file_is_refused_with_file_line_and_field(
    tmp_path: Path, old: str, new: str, where: str
) -> None:
    path = tmp_path / "interviews.yaml"
    shipped = SHIPPED.read_text()
    assert old in shipped
    path.write_text(shipped.replace(old, new), "utf-8")
    with pytest.raises(ConfigFileError) as refused:
        load_wording(path)
    assert str(path) in str(refused.value)
    assert where in str(refused.value)
