"""The use-case layer: the access check and its audit line live in the action's unit of work."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.usecases import results
from bot.usecases.access import Denied, authorise
from surveys.bank import default_bank
from surveys.db import run_unit, session_scope
from surveys.models import AuditEntry, PswRole
from surveys.psw import add_psw_member

TODAY = date(2026, 11, 25)


def audit(engine: Engine) -> list[tuple[int, str, str]]:
    with session_scope(engine) as session:
        rows = session.exec(select(AuditEntry)).all()
        return [(row.actor_telegram_id, row.action, row.detail) for row in rows]


def test_a_stranger_is_refused_and_nothing_is_audited(engine: Engine) -> None:
    with pytest.raises(Denied):
        run_unit(engine, results.summary, actor=555, args=["4w"], today=TODAY,
                 bank=default_bank(), min_group=5)  # fmt: skip
    assert audit(engine) == []


def test_a_viewer_may_read_but_not_do_an_admins_action(engine: Engine) -> None:
    run_unit(engine, add_psw_member, telegram_id=77, role=PswRole.VIEWER)
    view = run_unit(
        engine, results.summary, actor=77, args=["4w"], today=TODAY,
        bank=default_bank(), min_group=5,
    )  # fmt: skip
    assert view.period_text == "4w"
    assert view.team is None
    assert audit(engine) == [(77, "summary", "4w")]
    with pytest.raises(Denied) as refused:
        run_unit(engine, authorise, actor=77, action="wave.open", needs=PswRole.ADMIN)
    assert refused.value.needs == PswRole.ADMIN
    assert [action for _, action, _ in audit(engine)] == ["summary"]


def test_a_failed_action_leaves_no_audit_line_claiming_it_happened(engine: Engine) -> None:
    run_unit(engine, add_psw_member, telegram_id=78, role=PswRole.VIEWER)
    with pytest.raises(results.UsageError):
        run_unit(engine, results.comments, actor=78, args=["nonsense"], today=TODAY, min_group=10)
    assert audit(engine) == []
