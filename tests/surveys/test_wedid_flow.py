""" "You said, we did", in process: an action is previewed, recorded, changed and withdrawn; the
newest recorded one closes every pulse; a broadcast reaches everyone reachable, at most once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, col, select

from surveys import actions, wedid
from surveys.models import (
    Participant,
    ParticipantStatus,
    PswMember,
    PswRole,
    Team,
    WeDid,
    WeDidDelivery,
)
from surveys.outbox import UPDATES
from surveys.participants import pause
from surveys.psw import add_psw_member

NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)


@pytest.fixture
def member(session: Session) -> PswMember:
    found, _created = add_psw_member(session, telegram_id=9001, role=PswRole.ADMIN, name="Priya")
    session.flush()
    return found


def people(session: Session, count: int) -> list[Participant]:
    team = Team(key="t", name="T")
    session.add(team)
    session.flush()
    found = [Participant(chat_id=6000 + n, team_id=team.id) for n in range(count)]
    session.add_all(found)
    session.flush()
    return found


def test_a_typed_action_reads_its_theme_owner_and_due_date() -> None:
    draft = actions.read_draft("Workload: caseloads capped at 18\nowner: Sam\ndue: 2027-01-31")
    assert draft == actions.ActionDraft(
        "caseloads capped at 18", "workload", "Sam", date(2027, 1, 31)
    )
    # "Note:" names no theme, so it stays part of the text.
    assert actions.read_draft("Note: we listened").text == "Note: we listened"
    with pytest.raises(actions.ActionError, match="not a date"):
        actions.read_draft("Pay: rises\ndue: soon")
    with pytest.raises(actions.ActionError, match="up to 1000"):
        actions.read_draft("x" * 1001)


def test_a_preview_is_shown_to_nobody_until_it_is_recorded(
    session: Session, member: PswMember
) -> None:
    older = actions.preview(session, typed="Pay: reviewed", member=member, now=NOW)
    assert older.id is not None
    actions.confirm(session, action_id=older.id, now=NOW)
    draft = actions.preview(session, typed="Workload: fewer forms", member=member, now=NOW)
    assert draft.id is not None
    assert wedid.current(session) == older  # the newer one is only a preview
    assert [a.id for a in actions.listed(session)] == [older.id]
    recorded = actions.confirm(session, action_id=draft.id, now=NOW + timedelta(minutes=1))
    assert recorded.status == actions.PLANNED
    assert wedid.current(session) == recorded
    with pytest.raises(actions.ActionError, match="already recorded"):
        actions.confirm(session, action_id=draft.id, now=NOW)


def test_a_cancelled_preview_is_forgotten(session: Session, member: PswMember) -> None:
    draft = actions.preview(session, typed="Pay: reviewed", member=member, now=NOW)
    assert draft.id is not None
    actions.discard(session, action_id=draft.id)
    session.flush()
    assert session.exec(select(WeDid)).all() == []


def test_an_action_is_changed_field_by_field_then_withdrawn(
    session: Session, member: PswMember
) -> None:
    found = actions.preview(session, typed="Pay: reviewed", member=member, now=NOW)
    assert found.id is not None
    with pytest.raises(actions.ActionError, match="record it first"):
        actions.change(session, action_id=found.id, field="owner", value="Sam", now=NOW)
    actions.confirm(session, action_id=found.id, now=NOW)
    later = NOW + timedelta(days=1)
    actions.change(session, action_id=found.id, field="status", value="in progress", now=later)
    actions.change(session, action_id=found.id, field="theme", value="Workload", now=later)
    actions.change(session, action_id=found.id, field="due", value="2027-02-01", now=later)
    changed = actions.change(session, action_id=found.id, field="owner", value="Sam", now=later)
    assert (changed.status, changed.theme, changed.due, changed.owner, changed.updated_at) == (
        actions.IN_PROGRESS,
        "workload",
        date(2027, 2, 1),
        "Sam",
        later,
    )
    with pytest.raises(actions.ActionError, match="one of: planned"):
        actions.change(session, action_id=found.id, field="status", value="abandoned", now=later)
    actions.withdraw(session, action_id=found.id, now=later)
    assert wedid.current(session) is None
    assert actions.listed(session) == []
    with pytest.raises(actions.ActionError, match="no action"):
        actions.change(session, action_id=found.id, field="owner", value="Jo", now=later)


def test_a_broadcast_reaches_everyone_reachable_once(session: Session, member: PswMember) -> None:
    asha, ben, cara, dev = people(session, 4)
    pause(session, chat_id=cara.chat_id, weeks=2, now=NOW)
    dev.status = ParticipantStatus.UNREACHABLE
    session.add(dev)
    found = actions.preview(session, typed="Pay: reviewed", member=member, now=NOW)
    assert found.id is not None
    actions.confirm(session, action_id=found.id, now=NOW)
    assert wedid.audience_size(session, now=NOW) == 2
    assert wedid.plan_broadcast(session, we_did_id=found.id, now=NOW) == 2
    with pytest.raises(wedid.WeDidError, match="already sent to 2 people"):
        wedid.plan_broadcast(session, we_did_id=found.id, now=NOW)
    copies = wedid.outgoing(session, now=NOW)
    assert [(c.chat_id, c.text) for c in copies] == [
        (asha.chat_id, "reviewed"),
        (ben.chat_id, "reviewed"),
    ]
    # Asha's copy goes out; Ben has blocked the bot meanwhile: neither is offered again.
    first, second = copies
    assert UPDATES.claim(session, key=first.delivery_id, now=NOW)
    UPDATES.confirm(session, key=first.delivery_id, now=NOW, message_id=None)
    assert UPDATES.claim(session, key=second.delivery_id, now=NOW)
    UPDATES.unreachable(session, key=second.delivery_id)
    session.flush()
    session.expire_all()
    assert wedid.outgoing(session, now=NOW) == []
    ben_now = session.get(Participant, ben.id)
    assert ben_now is not None
    assert ben_now.status == ParticipantStatus.UNREACHABLE
    sent = session.exec(select(WeDidDelivery).where(col(WeDidDelivery.sent_at).is_not(None))).all()
    assert [d.participant_id for d in sent] == [asha.id]


def test_a_broadcast_of_an_update_that_is_gone_is_refused(session: Session) -> None:
    with pytest.raises(wedid.WeDidError, match="no longer exists"):
        wedid.plan_broadcast(session, we_did_id=404, now=NOW)
