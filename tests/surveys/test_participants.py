"""A participant's life in the domain, in process: join, change details, pause, resume, stop,
come back, forget; and who may not take part at all."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from surveys.models import Delivery, Draft, Participant, ParticipantStatus, PswRole, Team, Wave
from surveys.participants import (
    PAUSE_WEEKS_MAX,
    PSW_CANNOT_TAKE_PART,
    UNDISCLOSED,
    ParticipantError,
    forget,
    is_reachable,
    join,
    my_data,
    pause,
    resume,
    stop,
    update_details,
)
from surveys.psw import add_psw_member

NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)


@pytest.fixture
def org(org_engine: Engine) -> Iterator[Session]:
    with Session(org_engine, expire_on_commit=False) as session:
        yield session


def team_id(session: Session, key: str) -> int:
    team = session.exec(select(Team).where(Team.key == key)).one()
    assert team.id is not None
    return team.id


def joined(session: Session, chat_id: int = 101, team: str = "assessment") -> Participant:
    participant, created = join(
        session,
        chat_id=chat_id,
        team_id=team_id(session, team),
        role_key="social_worker",
        employment_type="permanent",
    )
    assert created
    session.commit()
    return participant


def test_joining_twice_updates_the_same_person(org: Session) -> None:
    joined(org)
    again, created = join(
        org,
        chat_id=101,
        team_id=team_id(org, "fostering"),
        role_key=UNDISCLOSED,
        employment_type=UNDISCLOSED,
    )
    assert not created
    assert len(org.exec(select(Participant)).all()) == 1
    assert again.team_id == team_id(org, "fostering")
    assert again.role_key == UNDISCLOSED


def test_a_role_or_contract_that_is_not_listed_is_refused(org: Session) -> None:
    with pytest.raises(ParticipantError, match="role is no longer listed"):
        join(
            org,
            chat_id=102,
            team_id=team_id(org, "assessment"),
            role_key="astronaut",
            employment_type="permanent",
        )
    with pytest.raises(ParticipantError, match="contract type is no longer listed"):
        join(
            org,
            chat_id=102,
            team_id=team_id(org, "assessment"),
            role_key="social_worker",
            employment_type="zero_hours_moonlighting",
        )
    assert org.exec(select(Participant)).all() == []


def test_people_who_read_results_cannot_take_part(org: Session) -> None:
    add_psw_member(org, telegram_id=9001, role=PswRole.VIEWER)
    with pytest.raises(ParticipantError) as refused:
        join(
            org,
            chat_id=9001,
            team_id=team_id(org, "assessment"),
            role_key="social_worker",
            employment_type="permanent",
        )
    assert str(refused.value) == PSW_CANNOT_TAKE_PART


def test_details_change_one_at_a_time_and_need_a_join_first(org: Session) -> None:
    joined(org)
    changed = update_details(org, chat_id=101, employment_type="agency")
    assert (changed.role_key, changed.employment_type) == ("social_worker", "agency")
    with pytest.raises(ParticipantError, match="haven't joined"):
        update_details(org, chat_id=555, role_key="asye")


def test_a_pause_ends_by_itself_and_is_bounded(org: Session) -> None:
    joined(org)
    paused = pause(org, chat_id=101, weeks=2, now=NOW)
    assert paused.status == ParticipantStatus.PAUSED
    assert not is_reachable(paused, NOW + timedelta(weeks=2) - timedelta(seconds=1))
    assert is_reachable(paused, NOW + timedelta(weeks=2))
    for weeks in (0, PAUSE_WEEKS_MAX + 1):
        with pytest.raises(ParticipantError, match="1 to 12 weeks"):
            pause(org, chat_id=101, weeks=weeks, now=NOW)


def test_stop_holds_until_resume(org: Session) -> None:
    joined(org)
    assert stop(org, chat_id=555) is None  # never joined: nothing to stop
    stopped = stop(org, chat_id=101)
    assert stopped is not None
    assert not is_reachable(stopped, NOW + timedelta(days=400))
    assert is_reachable(resume(org, chat_id=101), NOW)


def test_forget_deletes_identity_deliveries_and_drafts_and_nothing_else(org: Session) -> None:
    person = joined(org)
    other = joined(org, chat_id=102)
    wave = Wave(
        schedule_key="manual",
        due_at=NOW,
        opens_at=NOW,
        closes_at=NOW + timedelta(days=5),
        period="2026-W48",
    )
    org.add(wave)
    org.flush()
    for who in (person, other):
        assert wave.id is not None
        assert who.id is not None
        org.add(Delivery(wave_id=wave.id, participant_id=who.id))
        org.add(Draft(participant_id=who.id, kind="pulse", wave_id=wave.id, answers={"q": 3}))
    org.commit()
    data = my_data(org, chat_id=101)
    assert data is not None
    assert (data.invitations, data.completed, data.unfinished_drafts) == (1, 0, 1)

    assert forget(org, chat_id=101)
    org.commit()
    assert my_data(org, chat_id=101) is None
    assert [p.chat_id for p in org.exec(select(Participant))] == [102]
    assert {d.participant_id for d in org.exec(select(Delivery))} == {other.id}
    assert {d.participant_id for d in org.exec(select(Draft))} == {other.id}
    assert not forget(org, chat_id=101)  # a second /forget finds nothing and says so
