"""The interview use cases: what a handler gets back to render, the PSW check and its audit in
the same unit of work, and nothing written when an action is refused or fails."""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot import texts
from bot.handlers import interviews as handlers
from bot.handlers.interviews import view
from bot.settings import Settings
from bot.surveyfiles import load_interview_flows
from bot.usecases import interviews
from bot.usecases.access import Denied
from surveys.db import run_unit, session_scope
from surveys.interviews import InterviewError, Kind, StaleStep, Takes
from surveys.models import AuditEntry, InterviewDraft, Participant, PswRole, Team
from surveys.psw import add_psw_member
from surveys.yamlfile import ConfigFileError

NOW = datetime(2026, 11, 24, 10, tzinfo=UTC)
PSW_ID = 700


def no_themes(text: str, question: str | None = None) -> dict[str, str]:
    return {}


def audit(engine: Engine) -> list[tuple[int, str, str]]:
    with session_scope(engine) as session:
        rows = session.exec(select(AuditEntry)).all()
        return [(row.actor_telegram_id, row.action, row.detail) for row in rows]


def _take(engine: Engine, chat_id: int, kind: Kind, step: str, value: object) -> interviews.Taken:
    kwargs: dict[str, Any] = {"today": NOW.date(), "now": NOW, "code": no_themes}
    return run_unit(
        engine, interviews.take_step, chat_id=chat_id, actor=chat_id, kind=kind, step=step,
        value=value, **kwargs,
    )  # fmt: skip


def test_a_stranger_cannot_record_or_list_and_nothing_is_written(org_engine: Engine) -> None:
    with pytest.raises(Denied):
        run_unit(org_engine, interviews.open_record, actor=555, chat_id=555, now=NOW)
    with pytest.raises(Denied):
        run_unit(org_engine, interviews.my_interviews, actor=555, today=NOW.date())
    with pytest.raises(Denied):
        run_unit(org_engine, interviews.invite_exit, actor=555, args=["assessment"], now=NOW)
    with pytest.raises(Denied):
        _take(org_engine, 555, Kind.RECORD, "team", 1)
    with session_scope(org_engine) as session:
        assert session.exec(select(InterviewDraft)).all() == []
    assert audit(org_engine) == []


def test_recording_shows_the_organisations_options_and_audits_each_action(
    org_engine: Engine,
) -> None:
    run_unit(org_engine, add_psw_member, telegram_id=PSW_ID, role=PswRole.VIEWER)
    screen = run_unit(org_engine, interviews.open_record, actor=PSW_ID, chat_id=PSW_ID, now=NOW)
    assert (screen.flow.kind, screen.step.takes, screen.position, screen.fresh) == (
        Kind.RECORD, Takes.TEAM, 0, True,
    )  # fmt: skip
    with session_scope(org_engine) as session:
        teams = {str(t.id): t.name for t in session.exec(select(Team)) if t.active}
    assert dict(screen.options) == teams
    team_id = int(next(v for v, name in screen.options if name == "Assessment Team"))
    taken = _take(org_engine, PSW_ID, Kind.RECORD, "team", team_id)
    assert taken.screen is not None
    assert (taken.screen.step.takes, taken.screen.position) == (Takes.ROLE, 1)
    assert ("manager", "Team or practice manager") in taken.screen.options
    _take(org_engine, PSW_ID, Kind.RECORD, "role", "manager")
    _take(org_engine, PSW_ID, Kind.RECORD, "emp", "undisclosed")
    _take(org_engine, PSW_ID, Kind.RECORD, "notes", "A long talk about the rota.")
    _take(org_engine, PSW_ID, Kind.RECORD, "notes", "done")
    _take(org_engine, PSW_ID, Kind.RECORD, "themes", "workload")
    saved = _take(org_engine, PSW_ID, Kind.RECORD, "themes", "done")
    assert saved.screen is None
    assert saved.queue == "psw"
    assert saved.recorded is not None
    assert (saved.recorded.team, saved.recorded.contract) == ("Assessment Team", None)
    assert saved.recorded.themes == {"workload": "pos"}
    actions = [action for _, action, _ in audit(org_engine)]
    assert actions[0] == "interview.record.open"
    assert actions[-1] == "interview.record"
    assert set(actions[1:-1]) == {"interview.record.step"}
    [listed] = run_unit(org_engine, interviews.my_interviews, actor=PSW_ID, today=NOW.date())
    assert listed.team == "Assessment Team"
    assert run_unit(
        org_engine, interviews.delete_interview, actor=PSW_ID, interview_id=listed.id,
        today=NOW.date(),
    ) == (True, [])  # fmt: skip
    assert run_unit(
        org_engine, interviews.delete_interview, actor=PSW_ID, interview_id=listed.id,
        today=NOW.date(),
    ) == (False, [])  # fmt: skip


def test_a_stay_screen_moves_on_and_a_stale_page_shows_nothing(org_engine: Engine) -> None:
    with session_scope(org_engine) as session:
        team = session.exec(select(Team)).first()
        assert team is not None
        session.add(Participant(chat_id=42, team_id=team.id))
    screen = run_unit(org_engine, interviews.open_stay, chat_id=42, now=NOW)
    assert screen.fresh
    assert screen.step.question == "What do you look forward to when you come to work?"
    taken = _take(org_engine, 42, Kind.STAY, screen.step.name, "The children.")
    assert taken.screen is not None
    assert taken.screen.position == 1
    assert not taken.screen.fresh
    assert run_unit(org_engine, interviews.page, chat_id=42, kind=Kind.STAY, position=0) is None
    assert run_unit(org_engine, interviews.page, chat_id=42, kind=Kind.EXIT, position=1) is None
    again = run_unit(org_engine, interviews.page, chat_id=42, kind=Kind.STAY, position=1)
    assert again is not None
    assert again.answers == {"look_forward": "The children."}
    with pytest.raises(StaleStep):
        _take(org_engine, 42, Kind.STAY, screen.step.name, "again")
    assert audit(org_engine) == []  # a respondent's answers are never in the audit log


def test_invite_exit_usage_and_unknown_team_leave_no_audit_line(org_engine: Engine) -> None:
    run_unit(org_engine, add_psw_member, telegram_id=PSW_ID, role=PswRole.VIEWER)
    with pytest.raises(interviews.InviteUsage) as usage:
        run_unit(org_engine, interviews.invite_exit, actor=PSW_ID, args=[], now=NOW)
    assert "assessment" in usage.value.teams
    assert list(usage.value.teams) == sorted(usage.value.teams)
    with pytest.raises(InterviewError, match="no team"):
        run_unit(org_engine, interviews.invite_exit, actor=PSW_ID, args=["nowhere"], now=NOW)
    assert audit(org_engine) == []
    link = run_unit(org_engine, interviews.invite_exit, actor=PSW_ID, args=["assessment"], now=NOW)
    assert (link.expires_at - NOW).days == 14
    assert audit(org_engine) == [(PSW_ID, "exit.invite", "assessment")]
    screen = run_unit(org_engine, interviews.open_exit, chat_id=43, code=link.code, now=NOW)
    assert (screen.flow.kind, screen.step.name, screen.fresh) == (Kind.EXIT, "reasons", True)


def test_interview_file_words_what_the_chat_shows_and_a_bad_one_names_the_variable(
    settings: Settings, tmp_path: Path
) -> None:
    shipped = (Path(__file__).parents[2] / "surveys" / "interviews.yaml").read_text()
    path = tmp_path / "wording.yaml"
    path.write_text(shipped.replace("Why do you stay?", "What keeps you with us?"), "utf-8")
    custom = settings.model_copy(update={"interview_file": path})
    assert custom.missing_files() == []
    flows = load_interview_flows(custom)
    flow = flows[Kind.STAY]
    step = flow.step("q:why_stay")
    text, _ = view(interviews.Screen(flow, step, flow.names.index(step.name), {}))
    assert text == (
        f"<b>{texts.STAY_TITLE}</b> · 3 of 8\n\nWhat keeps you with us?{texts.INTERVIEW_TYPE}"
    )
    path.write_text(shipped.replace("key: kept", "key: stayed"), "utf-8")
    with pytest.raises(ConfigFileError, match=r"^INTERVIEW_FILE: .*wording.yaml, line \d+, exit"):
        load_interview_flows(custom)
    path.unlink()
    assert custom.missing_files()[0].startswith("INTERVIEW_FILE: ")


def test_the_interview_handler_holds_no_queries_and_calls_only_use_cases() -> None:
    source = Path(handlers.__file__).read_text()
    tree = ast.parse(source)
    imported = {
        alias.name if isinstance(node, ast.Import) else node.module or ""
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    assert not {m for m in imported if m.split(".")[0] in ("sqlmodel", "sqlalchemy")}
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "db"
    ]
    assert calls
    for call in calls:
        used = call.args[0]
        assert isinstance(used, ast.Attribute), ast.unparse(call)
        assert ast.unparse(used.value) == "usecases", ast.unparse(call)
        assert callable(getattr(interviews, used.attr))
    assert "get_psw_member" not in source
    assert "authorise" not in source
