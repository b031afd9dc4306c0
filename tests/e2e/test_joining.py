"""Joining needs a team invite that works; nothing is stored without consent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.local.runner import LocalBot, add_psw
from sandbox import Person
from surveys import participants as participants_module
from surveys.db import session_scope
from surveys.models import Participant, PswRole, Team, TeamInvite
from surveys.types import utcnow
from tests.e2e.helpers import invite_code, join

pytestmark = pytest.mark.e2e


def participants(local: LocalBot) -> list[Participant]:
    with session_scope(local.services.engine) as session:
        return list(session.exec(select(Participant)))


async def test_a_psw_invite_link_puts_the_person_in_that_team(local: LocalBot) -> None:
    add_psw(local.services.engine, 9001, PswRole.VIEWER)
    priya = await Person(local.client, 9001, "Priya").join()
    [answer] = await priya.says("/invite fostering")
    assert "Invite link for <b>" not in answer.text  # HTML was rendered, not shown
    assert "Invite link for Fostering and Adoption" in answer.text
    link = next(word for word in answer.text.split() if word.startswith("https://t.me/"))
    assert link.startswith("https://t.me/staypulse_bot?start=")
    code = link.split("start=")[1]

    ben = await Person(local.client, 102, "Ben").join()
    welcome, role_question = await ben.says(f"/start {code}")
    assert "You're joining Fostering and Adoption" in welcome.text
    assert role_question.text == "Which of these best describes your role?"
    assert role_question.buttons[-1].text == "Prefer not to say"
    await ben.taps("Prefer not to say")
    [privacy] = await ben.taps("Agency or locum")
    assert "How your answers are kept safe" in privacy.text
    assert "fewer than 5 people" in privacy.text
    assert "fewer than 10" in privacy.text
    assert participants(local) == []  # nothing stored before consent
    [done] = await ben.taps("I'm happy to take part")
    assert "Thank you, you're in." in done.text
    [person] = participants(local)
    with session_scope(local.services.engine) as session:
        team = session.get(Team, person.team_id)
    assert team is not None
    assert (team.key, person.role_key, person.employment_type) == (
        "fostering",
        "undisclosed",
        "agency",
    )


async def test_declining_stores_nothing(local: LocalBot, asha: Person) -> None:
    await asha.says(f"/start {invite_code(local.services.engine, 'Children in Care')}")
    await asha.taps("Social worker")
    await asha.taps("Permanent")
    [answer] = await asha.taps("Not now")
    assert answer.text.startswith("No problem. Nothing about you has been stored.")
    assert participants(local) == []


async def test_start_again_shows_details_and_each_can_be_changed(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    [profile] = await asha.says("/start")
    assert "Team: Assessment Team" in profile.text
    assert "Role: Social worker" in profile.text
    assert "Contract: Permanent" in profile.text
    [told] = await asha.taps("Change team")
    assert told.text.startswith("To move to another team, please open an invite link")
    await asha.says("/start")
    await asha.taps("Change role")
    [changed] = await asha.taps("Newly qualified (ASYE)")
    assert "Role: Newly qualified (ASYE)" in changed.text
    await asha.taps("Change contract")
    [changed] = await asha.taps("Prefer not to say")
    assert "Contract: Prefer not to say" in changed.text
    [person] = participants(local)
    assert (person.role_key, person.employment_type) == ("asye", "undisclosed")


async def test_invite_is_for_the_psw_team_only(asha: Person) -> None:
    [answer] = await asha.says("/invite fostering")
    assert answer.text == "This command is for the PSW team."


async def test_invite_without_a_team_lists_the_teams(local: LocalBot) -> None:
    add_psw(local.services.engine, 9001, PswRole.ADMIN)
    priya = await Person(local.client, 9001, "Priya").join()
    [answer] = await priya.says("/invite")
    assert "Usage: /invite <team>" in answer.text
    assert "fostering Fostering and Adoption: 0" in answer.text
    assert "front_door Front Door (MASH): 0 of 14" in answer.text  # joined of headcount
    [answer] = await priya.says("/invite nowhere")
    assert "No active team 'nowhere'" in answer.text


async def test_a_team_invite_code_is_never_read_as_an_exit_link(
    local: LocalBot, asha: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    # About one team code in 4,096 started with "x_", the exit link prefix: /start then
    # treated it as an exit link, and the person could not join.
    drawn = iter(["x_Ab3dEf9hIj", "Zz9Yy8Xx7Ww6"])
    monkeypatch.setattr(participants_module.secrets, "token_urlsafe", lambda _n: next(drawn))
    code = invite_code(local.services.engine, "Children in Care")
    assert not code.startswith("x_")
    welcome, _role = await asha.says(f"/start {code}")
    assert "You're joining Children in Care" in welcome.text

    # A code made before codes avoided the prefix still works: exit links are read strictly.
    with session_scope(local.services.engine) as session:
        session.add(
            TeamInvite(
                code="x_Ab3dEf9hIj",
                team_id=session.exec(
                    select(Team.id).where(Team.name == "Fostering and Adoption")
                ).one(),
                created_by=0,
                expires_at=utcnow() + timedelta(days=30),
            )
        )
    ben = await Person(local.client, 102, "Ben").join()
    welcome, _role = await ben.says("/start x_Ab3dEf9hIj")
    assert "You're joining Fostering and Adoption" in welcome.text
