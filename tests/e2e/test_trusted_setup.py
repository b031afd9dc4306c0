"""Trusted setup: only invited people join, teams fill only to their headcount, the bot stays
only in the PSW chat and says when someone else is in it, and the digest reaches PSW members
only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.groups import REPORT_KEY, PswChatReport
from bot.local.runner import LocalBot, SimulatedClock, add_psw, local_bot
from bot.scheduler import Scheduler
from bot.services import Services
from bot.settings import Settings
from sandbox import Person, Sandbox
from surveys.db import session_scope
from surveys.models import Participant, PswRole, Team
from surveys.participants import create_personal_invites, revoke_invite
from surveys.types import utcnow
from tests.e2e.helpers import invite_code, join, register_engine
from tests.e2e.test_foundation import logging_as_configured
from tests.e2e.test_timetable import london

pytestmark = pytest.mark.e2e
PSW_CHAT = -1001234567


def joined(engine: Engine) -> list[int]:
    with session_scope(engine) as session:
        return sorted(p.chat_id for p in session.exec(select(Participant)))


async def consent(person: Person, code: str) -> str:
    """Open the link, choose, and tap "I'm happy to take part"; what the bot said last."""
    await person.says(f"/start {code}")
    await person.taps("Social worker")
    await person.taps("Permanent")
    [last] = await person.taps("I'm happy to take part")
    return last.text


async def test_a_stranger_cannot_join_without_a_working_code(
    local: LocalBot, clock: SimulatedClock
) -> None:
    engine = local.services.engine
    stranger = await Person(local.client, 301, "Sam").join()
    [answer] = await stranger.says("/start")
    assert "please open the invite link" in answer.text
    assert answer.buttons == []
    [answer] = await stranger.says("/start made-up-code")
    assert answer.text.startswith("That invite link isn't valid")

    expiring = invite_code(engine, now=clock(), days=1)
    clock.advance(timedelta(days=1, minutes=1))
    [answer] = await stranger.says(f"/start {expiring}")
    assert answer.text == "That invite link has expired. Please ask your PSW team for a new one."

    revoked = invite_code(engine)
    with session_scope(engine) as session:
        revoke_invite(session=session, code=revoked)
    [answer] = await stranger.says(f"/start {revoked}")
    assert answer.text.startswith("That invite link isn't valid")

    with session_scope(engine) as session:
        [personal], _team = create_personal_invites(
            session=session, team_key="assessment", created_by=0, now=utcnow(), days=30, count=1
        )
        code = personal.code
    first = await Person(local.client, 302, "Ade").join()
    assert "Thank you, you're in." in await consent(first, code)
    [answer] = await stranger.says(f"/start {code}")  # the same personal link, forwarded
    assert answer.text.startswith("That invite link has already been used")
    assert joined(engine) == [302]


async def test_a_code_that_stops_working_before_consent_stores_nothing(local: LocalBot) -> None:
    engine = local.services.engine
    code = invite_code(engine)
    sam = await Person(local.client, 301, "Sam").join()
    await sam.says(f"/start {code}")
    await sam.taps("Social worker")
    await sam.taps("Permanent")
    with session_scope(engine) as session:
        revoke_invite(session=session, code=code)
    [answer] = await sam.taps("I'm happy to take part")
    assert answer.text.startswith("That invite link isn't valid")
    assert joined(engine) == []


async def test_a_team_takes_no_more_people_than_its_headcount(local: LocalBot) -> None:
    engine = local.services.engine
    with session_scope(engine) as session:
        team = session.exec(select(Team).where(Team.key == "fostering")).one()
        team.headcount = 2
        session.add(team)
    code = invite_code(engine, "Fostering and Adoption")
    for user_id, name in ((311, "Ann"), (312, "Bo")):
        person = await Person(local.client, user_id, name).join()
        assert "Thank you, you're in." in await consent(person, code)
    third = await Person(local.client, 313, "Cy").join()
    [answer] = await third.says(f"/start {code}")
    assert answer.text.startswith("I can't add anyone else to that team")
    assert "contact the PSW team" in answer.text
    assert joined(engine) == [311, 312]


async def test_an_invite_for_another_team_moves_a_participant_there(local: LocalBot) -> None:
    engine = local.services.engine
    asha = await Person(local.client, 101, "Asha").join()
    await join(asha)
    [changed] = await asha.says(f"/start {invite_code(engine, 'Children in Care')}")
    assert changed.text.startswith("Updated.")
    assert "Team: Children in Care" in changed.text


async def test_whoami_tells_anyone_their_telegram_id(local: LocalBot) -> None:
    someone = await Person(local.client, 4242, "Kit").join()
    [answer] = await someone.says("/whoami")
    assert "Your Telegram user id is 4242." in answer.text


async def test_invite_shows_the_live_link_until_asked_for_another(local: LocalBot) -> None:
    add_psw(local.services.engine, 9001, PswRole.ADMIN)
    priya = await Person(local.client, 9001, "Priya").join()
    [first] = await priya.says("/invite fostering")
    [again] = await priya.says("/invite fostering")
    assert again.text.startswith("This team already has a live link")
    link = next(w for w in first.text.split() if w.startswith("https://t.me/"))
    assert link in again.text
    assert "It works until Friday 25 December" in first.text
    [another] = await priya.says("/invite fostering new")
    assert link not in another.text
    [listed] = await priya.says("/invite list")
    assert listed.text.count("Fostering and Adoption") == 2
    code = link.split("start=")[1]
    [revoked] = await priya.says(f"/invite revoke {code}")
    assert revoked.text == f"Revoked: {code} no longer works."


async def test_the_bot_leaves_a_group_that_is_not_the_psw_chat_and_logs_its_id(
    local: LocalBot,
) -> None:
    asha = await Person(local.client, 101, "Asha").join()
    with logging_as_configured("INFO") as logs:
        await local.client.add_group(-500, "Team banter", [101], added_by=101)
        await asha.says("/help")  # answered after the group update was handled
    assert local.sandbox.world.bot_id not in local.sandbox.world.chats[-500].members
    assert "added to group -500 ('Team banter') by user 101" in logs.getvalue()
    assert "PSW_CHAT_ID=-500" in logs.getvalue()
    assert "left chat -500" in logs.getvalue()


@pytest.fixture
async def psw_chat_bot(
    settings: Settings, org_engine: Engine, services: Services
) -> AsyncIterator[tuple[LocalBot, Sandbox]]:
    """A bot whose PSW chat has Priya (PSW admin), Raj (PSW viewer) and Zoe, who is not PSW."""
    add_psw(org_engine, 9001, PswRole.ADMIN)
    add_psw(org_engine, 9002, PswRole.VIEWER)
    sandbox = Sandbox()
    await sandbox.start()
    sim = sandbox.sim
    for user_id, name in ((9001, "Priya"), (9002, "Raj"), (555, "Zoe")):
        sim.add_user(user_id, name).started = True
    sim.add_group(PSW_CHAT, "PSW team", [9001, 9002, 555], admin_ids=[9001])
    psw_settings = settings.model_copy(update={"psw_chat_id": PSW_CHAT})
    services.settings = psw_settings
    try:
        async with local_bot(psw_settings, org_engine, sandbox=sandbox, services=services) as bot:
            register_engine(bot)
            yield bot, sandbox
    finally:
        await sandbox.stop()


async def test_the_psw_chat_check_warns_the_admins_about_an_outsider_and_the_digest_goes_privately(
    psw_chat_bot: tuple[LocalBot, Sandbox], clock: SimulatedClock
) -> None:
    local, _sandbox = psw_chat_bot
    priya = Person(local.client, 9001, "Priya")
    warning = await priya.expect("has people in it who are not in the PSW team")
    assert "there are 1 other member(s) but not who" in warning.text
    report = local.app.bot_data[REPORT_KEY]
    assert isinstance(report, PswChatReport)
    assert (report.members, report.psw_present, report.unknown_outsiders) == (4, 2, 1)

    clock.set(london(2026, 12, 14, 9, 0))  # Monday 09:00: the digest is due
    assert (await Scheduler(local.app, autoplan=False).run_due()).digest == "2026-W51"
    group = await local.client.view(PSW_CHAT)
    assert not [m for m in group["messages"] if m["from"] == "bot"]  # not where Zoe reads it
    await priya.expect("StayPulse weekly digest")
    await Person(local.client, 9002, "Raj").expect("StayPulse weekly digest")
    assert not [m for m in (await local.client.view(555))["messages"] if m["from"] == "bot"]


async def test_without_a_psw_chat_the_digest_goes_to_each_psw_member(
    local: LocalBot, clock: SimulatedClock
) -> None:
    add_psw(local.services.engine, 9001, PswRole.ADMIN)
    await local.client.add_user(9001, "Priya", started=True)
    clock.set(london(2026, 12, 14, 9, 0))
    assert (await Scheduler(local.app, autoplan=False).run_due()).digest == "2026-W51"
    await Person(local.client, 9001, "Priya").expect("StayPulse weekly digest")


async def test_the_privacy_notice_names_controller_dpo_basis_retention_and_complaints(
    local: LocalBot,
) -> None:
    local.services.settings = local.services.settings.model_copy(
        update={
            "privacy_controller": "Example Borough Council (ICO Z1234567)",
            "privacy_dpo_contact": "dpo@example.gov.uk",
        }
    )
    asha = await Person(local.client, 101, "Asha").join()
    [notice] = await asha.says("/privacy")
    assert "Data controller: Example Borough Council (ICO Z1234567)" in notice.text
    assert "Data Protection Officer: dpo@example.gov.uk" in notice.text
    assert "Lawful basis: Public task (UK GDPR Article 6(1)(e))" in notice.text
    assert "How long it is kept:" in notice.text
    assert "ico.org.uk/make-a-complaint" in notice.text
