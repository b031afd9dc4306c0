"""A person talks to the real bot through the sandbox; bad input gets a kind, clear answer."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from bot.local.runner import LocalBot, add_psw
from bot.logs import configure_logging
from sandbox import Person
from surveys.models import PswRole

pytestmark = pytest.mark.e2e


async def test_start_greets_the_person_by_name_and_says_how_to_get_an_invite(
    asha: Person,
) -> None:
    [reply] = await asha.says("/start")
    assert reply.text.startswith("Hello Asha, I'm StayPulse for Example Borough Council")
    assert "please open the invite link your Principal Social Worker (PSW) team sent" in reply.text
    assert reply.buttons == []  # no team picker: nobody chooses a team without an invite


async def test_help_lists_commands_and_psw_members_see_their_role(
    local: LocalBot, asha: Person
) -> None:
    [reply] = await asha.says("/help")
    assert "/pulse" in reply.text
    assert "For the PSW team" not in reply.text
    add_psw(local.services.engine, 9001, PswRole.VIEWER)
    priya = await Person(local.client, 9001, "Priya").join()
    [reply] = await priya.says("/help")
    assert "(you are a PSW team viewer)" in reply.text


@pytest.mark.parametrize("kind", ["sticker", "photo", "voice", "document", "location"])
async def test_anything_but_text_gets_i_can_only_read_text(asha: Person, kind: str) -> None:
    [reply] = await asha.sends(kind)
    assert reply.text.startswith("I can only read text here.")


async def test_unknown_commands_and_stray_text_point_to_help(asha: Person) -> None:
    [reply] = await asha.says("/frobnicate")
    assert reply.text == "I don't know that command. Type /help to see what I can do."
    [reply] = await asha.says("is anyone there?")
    assert "/help" in reply.text


async def test_the_bot_says_nothing_in_other_groups(local: LocalBot, asha: Person) -> None:
    await local.client.add_group(-500, "Team banter", [101])
    await local.client.group_send(-500, 101, "/start")
    await local.client.group_send(-500, 101, "hello bot")
    await asha.says("/help")  # a later private message is answered, so the group ones were seen
    view = await local.client.view(-500)
    assert [m["from"] for m in view["messages"]] == [101, 101]


async def test_the_command_menu_is_set_at_start(local: LocalBot) -> None:
    menus = local.sandbox.world.commands
    commands = [c["command"] for c in menus["all_private_chats"]]
    assert {"pulse", "feedback", "mydata", "pause", "stop", "forget", "talk"} <= set(commands)
    assert "invite" not in commands


@contextmanager
def logging_as_configured(level: str, secrets: list[str] | None = None) -> Iterator[io.StringIO]:
    """The log stream as `staypulse run` sets it up; the test runner's logging is restored."""
    stream = io.StringIO()
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    configure_logging(level, secrets=secrets, stream=stream)
    try:
        yield stream
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in saved[0]:
            root.addHandler(handler)
        root.setLevel(saved[1])


@pytest.fixture
def bot_logs() -> Iterator[io.StringIO]:
    """The bot's logs at their most verbose level."""
    with logging_as_configured("DEBUG") as stream:
        yield stream


async def test_logs_never_contain_what_people_wrote(asha: Person, bot_logs: io.StringIO) -> None:
    secret = "my manager Jo Bloggs jo@example.org"
    await asha.says(secret)
    await asha.says("/start")
    await asha.says("/help")
    logged = bot_logs.getvalue()
    assert "Jo Bloggs" not in logged
    assert "jo@example.org" not in logged
    assert "Hello Asha" not in logged  # nor what the bot wrote back


def test_the_token_is_masked_in_any_log_line() -> None:
    with logging_as_configured("INFO", secrets=["123:secret-token"]) as stream:
        logging.getLogger("somewhere").warning("calling https://x/bot123:secret-token/getMe")
    assert "secret-token" not in stream.getvalue()
    assert "bot123:…/getMe" in stream.getvalue()
