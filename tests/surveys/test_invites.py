"""Team invites expire, count their uses, can be personal and revoked; teams have a headcount."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from surveys.db import make_engine, session_scope, upgrade
from surveys.models import Participant, Team, TeamInvite
from surveys.participants import (
    InviteRefused,
    ParticipantError,
    change_team_with_invite,
    check_invite,
    create_invite,
    create_personal_invites,
    join_with_invite,
    joined_by_team,
    list_invites,
    live_team_invite,
    revoke_invite,
)

NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)


def _invite(session: Session, team: str = "assessment", **kwargs: object) -> str:
    invite, _team = create_invite(
        session=session,
        team_key=team,
        created_by=0,
        now=NOW,
        days=30,
        **kwargs,  # type: ignore[arg-type]
    )
    session.commit()
    return invite.code


def _join(session: Session, chat_id: int, code: str, now: datetime = NOW) -> None:
    join_with_invite(
        session=session,
        chat_id=chat_id,
        code=code,
        role_key="social_worker",
        employment_type="permanent",
        now=now,
    )
    session.commit()


def _refused(session: Session, code: str, now: datetime = NOW) -> str:
    with pytest.raises(InviteRefused) as caught:
        check_invite(session=session, code=code, now=now)
    return caught.value.reason


@pytest.fixture
def org(org_engine: Engine) -> Iterator[Session]:
    with Session(org_engine, expire_on_commit=False) as session:
        yield session
        session.rollback()


def test_an_invite_works_until_it_expires(org: Session) -> None:
    code = _invite(org)
    check_invite(session=org, code=code, now=NOW + timedelta(days=29))
    assert _refused(org, code, NOW + timedelta(days=30)) == "expired"
    assert _refused(org, "no-such-code") == "unknown"


def test_a_use_limit_counts_people_who_join_and_a_revoked_code_stops(org: Session) -> None:
    code = _invite(org, max_uses=2)
    _join(org, 1, code)
    _join(org, 1, code)  # the same person again (a second tap) is not a second use
    _join(org, 2, code)
    assert _refused(org, code) == "used"
    other = _invite(org)
    assert revoke_invite(session=org, code=other)
    org.commit()
    assert _refused(org, other) == "unknown"
    assert not revoke_invite(session=org, code=other)


def test_personal_invites_work_once_each(org: Session) -> None:
    invites, _team = create_personal_invites(
        session=org, team_key="fostering", created_by=0, now=NOW, days=14, count=3
    )
    org.commit()
    assert len({i.code for i in invites}) == 3
    assert all(i.max_uses == 1 and i.personal for i in invites)
    _join(org, 5, invites[0].code)
    assert _refused(org, invites[0].code) == "used"
    check_invite(session=org, code=invites[1].code, now=NOW)
    with pytest.raises(ParticipantError, match="1 to 1,000"):
        create_personal_invites(
            session=org, team_key="fostering", created_by=0, now=NOW, days=14, count=0
        )


def test_a_team_at_its_headcount_takes_nobody_else(org: Session) -> None:
    team = org.exec(select(Team).where(Team.key == "assessment")).one()
    team.headcount = 2
    org.add(team)
    org.commit()
    code = _invite(org)
    _join(org, 1, code)
    _join(org, 2, code)
    assert _refused(org, code) == "full"
    with pytest.raises(InviteRefused):
        _join(org, 3, code)
    counts = {t.key: (t.joined, t.headcount) for t in joined_by_team(session=org)}
    assert counts["assessment"] == (2, 2)
    assert counts["fostering"] == (0, None)


def test_changing_team_needs_an_invite_for_the_new_team(org: Session) -> None:
    _join(org, 1, _invite(org, "assessment"))
    fostering = _invite(org, "fostering")
    _person, moved = change_team_with_invite(session=org, chat_id=1, code=fostering, now=NOW)
    org.commit()
    assert moved
    person = org.exec(select(Participant).where(Participant.chat_id == 1)).one()
    team = org.get(Team, person.team_id)
    assert team is not None
    assert team.key == "fostering"
    with pytest.raises(InviteRefused):
        change_team_with_invite(session=org, chat_id=1, code="forged", now=NOW)


def test_live_and_listed_invites_leave_out_expired_revoked_and_used_ones(org: Session) -> None:
    assert live_team_invite(session=org, team_key="assessment", now=NOW) is None
    first = _invite(org)
    live = live_team_invite(session=org, team_key="assessment", now=NOW)
    assert live is not None
    assert live[0].code == first
    used = _invite(org, max_uses=1)
    _join(org, 1, used)
    revoked = _invite(org)
    revoke_invite(session=org, code=revoked)
    org.commit()
    codes = [line.code for line in list_invites(session=org, now=NOW)]
    assert codes == [first]
    assert list_invites(session=org, now=NOW + timedelta(days=31)) == []


def test_invites_made_before_expiry_existed_expire_30_days_after_they_were_made(
    tmp_path: Path,
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0006")
    with engine.begin() as connection:
        connection.execute(
            text("insert into team (key, name, service_area, active) values ('a', 'A', '', 1)")
        )
        connection.execute(
            text(
                "insert into team_invite (code, team_id, created_by, created_at, revoked) "
                "values ('oldcode', 1, 0, '2026-01-01 09:00:00.000000', 0)"
            )
        )
    upgrade(engine)
    with session_scope(engine) as session:
        invite = session.exec(select(TeamInvite)).one()
        assert invite.expires_at == datetime(2026, 1, 31, 9, tzinfo=UTC)
        assert (invite.uses, invite.max_uses, invite.personal) == (0, None, False)


def test_exit_links_are_read_strictly_so_no_team_code_reads_as_one() -> None:
    from surveys.interviews import exit_code_of

    assert exit_code_of("x_" + "Ab-_" * 4) == "Ab-_" * 4
    assert exit_code_of("x_Ab3dEf9hIj") is None  # a 12-character team code made before
    assert exit_code_of("x_" + "A" * 17) is None
    assert exit_code_of("y_" + "A" * 16) is None
    assert exit_code_of("x_" + "A" * 15 + "!") is None
