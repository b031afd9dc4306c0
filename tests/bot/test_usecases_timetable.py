"""The timetable, invite and "you said, we did" use cases: who may do what, one audit line per
action that happened, none for one refused, and the operator's shell through the same door."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.usecases import actions, invites, report, waves
from bot.usecases.access import SHELL, Denied
from bot.usecases.errors import UsageError
from surveys.bank import default_bank
from surveys.calendar import WorkingCalendar
from surveys.db import run_unit, session_scope
from surveys.models import AuditEntry, PswRole, Wave, WaveStatus
from surveys.psw import add_psw_member
from surveys.schedule import load_schedules

LONDON = ZoneInfo("Europe/London")
CALENDAR = WorkingCalendar(tz=LONDON)
SCHEDULES = load_schedules(None)
SPEC = SCHEDULES.schedules[0]
BANK = default_bank()
NOW = datetime(2026, 11, 16, 10, tzinfo=LONDON)
STRANGER, VIEWER, ADMIN = 555, 77, 88


@pytest.fixture
def team(org_engine: Engine) -> Engine:
    run_unit(org_engine, add_psw_member, telegram_id=VIEWER, role=PswRole.VIEWER)
    run_unit(org_engine, add_psw_member, telegram_id=ADMIN, role=PswRole.ADMIN)
    return org_engine


def audit(engine: Engine) -> list[tuple[int, str, str]]:
    with session_scope(engine) as session:
        rows = session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()  # type: ignore[arg-type]
        return [(row.actor_telegram_id, row.action, row.detail) for row in rows]


def test_wave_commands_refuse_outsiders_as_not_psw_and_viewers_as_not_admin(team: Engine) -> None:
    with pytest.raises(Denied) as refused:
        run_unit(team, waves.ask, actor=STRANGER, args=["open"], spec=SPEC, now=NOW)
    assert refused.value.needs == PswRole.VIEWER
    with pytest.raises(Denied) as refused:
        run_unit(team, waves.ask, actor=VIEWER, args=["open"], spec=SPEC, now=NOW)
    assert refused.value.needs == PswRole.ADMIN
    with pytest.raises(Denied) as refused:  # a button press: only admins may
        run_unit(team, waves.open_now, actor=STRANGER, spec=SPEC, bank=BANK, calendar=CALENDAR,
                 now=NOW)  # fmt: skip
    assert refused.value.needs == PswRole.ADMIN
    with pytest.raises(Denied) as refused:
        run_unit(team, waves.close, actor=VIEWER, wave_id=None, bank=BANK, now=NOW)
    assert refused.value.needs == PswRole.ADMIN
    assert audit(team) == []  # nothing refused leaves a line
    # A viewer may see the usage and the schedule.
    assert run_unit(team, waves.ask, actor=VIEWER, args=[], spec=SPEC, now=NOW).kind == "usage"
    view = run_unit(team, waves.schedule, actor=VIEWER, schedules=SCHEDULES, calendar=CALENDAR,
                    now=NOW)  # fmt: skip
    assert view.open == ()
    assert [action for _, action, _ in audit(team)] == ["wave.ask", "schedule"]


def test_an_admin_asks_then_opens_then_closes_and_each_step_is_audited(team: Engine) -> None:
    asked = run_unit(team, waves.ask, actor=ADMIN, args=["close"], spec=SPEC, now=NOW)
    assert asked.kind == "none"
    asked = run_unit(team, waves.ask, actor=ADMIN, args=["open"], spec=SPEC, now=NOW)
    assert asked.kind == "open"
    opened = run_unit(team, waves.open_now, actor=ADMIN, spec=SPEC, bank=BANK, calendar=CALENDAR,
                      now=NOW)  # fmt: skip
    assert opened.invited == asked.audience
    busy = run_unit(team, waves.ask, actor=ADMIN, args=["open"], spec=SPEC, now=NOW)
    assert (busy.kind, busy.wave) == ("busy", opened)
    assert run_unit(team, waves.close, actor=ADMIN, wave_id=None, bank=BANK, now=NOW) == opened.id
    assert run_unit(team, waves.close, actor=ADMIN, wave_id=None, bank=BANK, now=NOW) is None
    assert [line[1:] for line in audit(team) if line[1] != "wave.ask"] == [
        ("wave.open", ""),
        ("wave.close", f"wave={opened.id}"),
        ("wave.close", "none open"),
    ]


def test_the_shell_opens_and_closes_through_the_same_use_cases(team: Engine) -> None:
    size = run_unit(team, waves.audience, actor=SHELL, spec=SPEC, now=NOW)
    opened = run_unit(team, waves.open_now, actor=SHELL, spec=SPEC, bank=BANK, calendar=CALENDAR,
                      now=NOW)  # fmt: skip
    assert opened.invited == size
    assert run_unit(team, waves.close, actor=SHELL, wave_id=opened.id, bank=BANK, now=NOW)
    with session_scope(team) as session:
        wave = session.get(Wave, opened.id)
        assert wave is not None
        assert wave.status == WaveStatus.CLOSED
    [line] = run_unit(team, waves.listing, actor=SHELL)
    assert (line.id, line.status) == (opened.id, WaveStatus.CLOSED)
    assert audit(team) == [
        (0, "wave.audience", "via=shell"),
        (0, "wave.open", "via=shell"),
        (0, "wave.close", f"wave={opened.id} via=shell"),
        (0, "wave.list", "via=shell"),
    ]


def test_invites_show_the_live_link_and_only_admins_revoke(team: Engine) -> None:
    made = run_unit(team, invites.invite, actor=VIEWER, team_key="assessment", new=False,
                    now=NOW, days=14)  # fmt: skip
    again = run_unit(team, invites.invite, actor=VIEWER, team_key="assessment", new=False,
                     now=NOW, days=14)  # fmt: skip
    assert (again.code, again.existing, made.existing) == (made.code, True, False)
    with pytest.raises(Denied) as refused:
        run_unit(team, invites.revoke, actor=VIEWER, code=made.code)
    assert refused.value.needs == PswRole.ADMIN
    with pytest.raises(Denied) as refused:
        run_unit(team, invites.revoke, actor=STRANGER, code=made.code)
    assert refused.value.needs == PswRole.VIEWER
    assert [line.code for line in run_unit(team, invites.listing, actor=SHELL, now=NOW)] == [
        made.code
    ]
    assert run_unit(team, invites.revoke, actor=ADMIN, code=made.code)
    assert not run_unit(team, invites.revoke, actor=SHELL, code=made.code)
    assert run_unit(team, invites.listing, actor=VIEWER, now=NOW) == []
    assert [action for _, action, _ in audit(team)] == [
        "invite", "invite", "invite.list", "invite.revoke", "invite.revoke", "invite.list",
    ]  # fmt: skip


def test_only_admins_send_an_update_to_everyone(team: Engine) -> None:
    draft = run_unit(team, actions.preview, actor=VIEWER, typed="Pay: reviewed", now=NOW)
    assert draft.id is not None
    recorded = run_unit(team, actions.record, actor=VIEWER, action_id=draft.id, now=NOW)
    assert (recorded.admin, recorded.audience) == (False, 0)
    with pytest.raises(Denied) as refused:
        run_unit(team, actions.broadcast, actor=VIEWER, we_did_id=draft.id, now=NOW)
    assert refused.value.needs == PswRole.ADMIN
    assert run_unit(team, actions.broadcast, actor=ADMIN, we_did_id=draft.id, now=NOW) == 0
    shown = run_unit(team, actions.listing_check, actor=VIEWER)
    assert shown is not None
    assert (shown.id, shown.text) == (draft.id, "reviewed")


def test_the_report_checks_access_before_its_arguments(team: Engine) -> None:
    with pytest.raises(Denied):
        run_unit(team, report.report, actor=STRANGER, args=["a", "b"], today=NOW.date(),
                 bank=BANK, min_group=5, min_comment_group=10)  # fmt: skip
    with pytest.raises(UsageError) as wrong:
        run_unit(team, report.report, actor=VIEWER, args=["a", "b"], today=NOW.date(),
                 bank=BANK, min_group=5, min_comment_group=10)  # fmt: skip
    assert wrong.value.command == "report"
    assert audit(team) == []
