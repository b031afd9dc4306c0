"""Every PSW and admin command, tried by someone who may not use it: refused, nothing revealed,
nothing changed. And every read of results is in the audit log."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.callbacks import DeleteInterview, Step, WeDidSend, encode
from bot.local.runner import LocalBot
from bot.settings import Settings
from sandbox import Person
from surveys.db import session_scope
from surveys.models import AuditEntry, PswRole
from tests.e2e.helpers import dump_database, join
from tests.e2e.test_wave_commands import psw

pytestmark = pytest.mark.e2e

PSW_COMMANDS = [
    "/invite assessment",
    "/invite revoke abc",
    "/schedule",
    "/summary",
    "/summary year assessment",
    "/comments pay",
    "/themes",
    "/drivers",
    "/participation",
    "/trend workload",
    "/export xlsx",
    "/digest",
    "/wedid We changed everything",
    "/record_stay",
    "/my_interviews",
    "/interviews stay",
    "/invite_exit assessment",
    "/wave open",
    "/wave close",
]
ADMIN_COMMANDS = ["/wave open", "/wave close"]
# Each results command and the audit action it must leave.
READS = {
    "/summary": "summary",
    "/comments pay": "comments",
    "/themes": "themes",
    "/drivers": "drivers",
    "/participation": "participation",
    "/trend workload": "trend",
    "/export csv": "export",
    "/digest": "digest",
    "/schedule": "schedule",
    "/my_interviews": "interview.list",
    "/interviews exit": "interviews",
}
GROUP_ID = -100999


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """These tests send many commands in a row: past the flood guard's 20 a minute."""
    return settings.model_copy(update={"flood_messages_per_minute": 1000})


async def test_people_outside_the_psw_team_are_refused_everything(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    before = dump_database(local.services.engine)
    for command in PSW_COMMANDS:
        answers = await asha.says(command)
        assert [a.text for a in answers] == ["This command is for the PSW team."], command
        assert not any(a.buttons or a.photo or a.document for a in answers)
    assert dump_database(local.services.engine) == before


async def test_psw_commands_in_a_group_that_is_not_the_psw_chat_are_ignored(
    local: LocalBot, asha: Person
) -> None:
    priya = await psw(local, PswRole.ADMIN)
    await local.client.add_group(GROUP_ID, "Team chat", [priya.user_id, asha.user_id])
    before = dump_database(local.services.engine)
    for command in PSW_COMMANDS:
        await local.client.group_send(GROUP_ID, priya.user_id, command)
    await local.client.group_send(GROUP_ID, asha.user_id, "/summary")
    await priya.says("/help")  # everything before this has been handled
    view = await local.client.view(GROUP_ID)
    assert [m for m in view["messages"] if m["from"] == "bot"] == []
    assert dump_database(local.services.engine) == before


async def test_viewers_cannot_use_admin_commands(local: LocalBot) -> None:
    viewer = await psw(local, PswRole.VIEWER)
    before = dump_database(local.services.engine)
    for command in ADMIN_COMMANDS:
        [answer] = await viewer.says(command)
        assert answer.text == "Only PSW admins can do that.", command
    assert dump_database(local.services.engine) == before


async def test_psw_buttons_pressed_by_others_change_nothing(local: LocalBot, asha: Person) -> None:
    await join(asha)
    priya = await psw(local, PswRole.ADMIN)
    await priya.says("/wedid Laptops for everyone")
    before = dump_database(local.services.engine)
    # Buttons only PSW members are ever shown, delivered to someone else (as if forwarded).
    for data, notice in (
        (encode(WeDidSend(1, True)), "Only PSW admins can do that."),
        (encode(Step("r", 0, "1")), "This command is for the PSW team."),
        (encode(DeleteInterview("a" * 32)), "This command is for the PSW team."),
    ):
        message = await local.app.bot.send_message(
            asha.user_id,
            "x",
            reply_markup={"inline_keyboard": [[{"text": "x", "callback_data": data}]]},
        )
        shown = await asha.presses(message.message_id, data)
        everything = " ".join([*asha.notices, *(m.text for m in shown)])
        assert notice in everything, data
    assert dump_database(local.services.engine) == before


async def test_every_read_of_results_is_in_the_audit_log(local: LocalBot) -> None:
    priya = await psw(local, PswRole.VIEWER)
    for command, action in READS.items():
        await priya.says(command)
        with session_scope(local.services.engine) as session:
            last = session.exec(
                select(AuditEntry).order_by(AuditEntry.id.desc())  # type: ignore[union-attr]
            ).first()
        assert last is not None, command
        assert last.action == action, command
        assert last.actor_telegram_id == priya.user_id
