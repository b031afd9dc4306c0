"""Bad input against the running bot: hypothesis makes the updates, the real bot receives them.

Any Unicode (right-to-left, zero-width, emoji, combining marks, HTML-looking text), text up to
and beyond 4,096 characters, random callback data up to 64 bytes, commands with random arguments,
edited messages, group and channel posts, and people who never ran /start, sent to a bot with a
pulse open and an interview in progress. Afterwards: no handler failed, the sandbox refused no
request of the bot's (bad HTML, over-long text, unmodified edits), and personal data typed along
the way is nowhere in the database file or the logs.

Hypothesis generates the actions up front (derandomised, so CI sees the same ones every run)
and the test plays them against one running bot: the point is the bot's state carrying from one
update to the next, which a fresh bot per example would not have.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from bot.local.runner import LocalBot
from bot.logs import configure_logging
from sandbox import Person, SimClientError
from surveys.models import PswRole
from tests.e2e.helpers import dump_database, join, open_pulse
from tests.e2e.test_wave_commands import psw

pytestmark = pytest.mark.e2e

COMMANDS = [
    "start", "pulse", "feedback", "talk", "mydata", "pause", "resume", "stop", "forget",
    "privacy", "help", "stay", "invite", "schedule", "wave", "summary", "comments", "themes",
    "drivers", "participation", "trend", "export", "digest", "wedid", "record_stay",
    "my_interviews", "interviews", "invite_exit", "nonsense",
]  # fmt: skip
TRICKY = [
    "\u200f", "\u200b", "\u202e", "\u2066", "e\u0301\u0301", "👩‍👩‍👧", "🏳️‍🌈", "\ufeff", "ال",
    "<b>", "</i>", "&amp;", "<a href='x'>", "&", "<", ">", "\x00", "\n", "\t", "/", "@", "#",
]  # fmt: skip
PEOPLE = (101, 9001, 777)  # Asha (joined, mid-pulse), Priya (PSW admin), a stranger
GROUP, CHANNEL = -100777, -100888
SECRETS = ("Smithers", "07700 900123", "jonathan.smithers@example.com", "SW1A 1AA")
PII = "My name is Jonathan Smithers, call 07700 900123, jonathan.smithers@example.com, SW1A 1AA"

text = st.lists(
    st.one_of(st.characters(exclude_categories=("Cs",)), st.sampled_from(TRICKY)),
    min_size=1,
    max_size=120,
).map("".join)
long_text = st.builds(lambda n, c: c * n, st.integers(4000, 4200), st.sampled_from("aé👍<"))
command = st.builds(
    lambda name, args: f"/{name} {args}".strip(), st.sampled_from(COMMANDS), text | st.just("")
)
callback = st.text(max_size=64).filter(lambda d: 0 < len(d.encode()) <= 64)


@dataclass(frozen=True)
class Action:
    """One thing a person does."""

    kind: str  # text, command, callback, edit, group, channel
    who: int
    payload: str


KINDS = {
    "text": text | long_text,
    "command": command,
    "callback": callback,
    "edit": text,
    "group": text | command,
    "channel": text | command,
}


def generate(per_kind: int) -> list[Action]:
    """`per_kind` actions of each kind from hypothesis, interleaved; the same every run."""
    kinds = [_examples(kind, payloads, per_kind) for kind, payloads in KINDS.items()]
    return [one for group in zip(*kinds, strict=False) for one in group]


def _examples(kind: str, payloads: st.SearchStrategy[str], count: int) -> list[Action]:
    found: list[Action] = []

    @hypothesis_settings(
        max_examples=count,
        database=None,
        deadline=None,
        derandomize=True,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.sampled_from(PEOPLE), payloads)
    def collect(who: int, payload: str) -> None:
        found.append(Action(kind, who, payload))

    collect()
    return found


async def play(local: LocalBot, one: Action, sent: dict[int, int]) -> None:
    client = local.client
    try:
        if one.kind in ("text", "command"):
            result = await client.send(one.who, one.payload)
            sent[one.who] = result["message_id"]
        elif one.kind == "edit" and one.who in sent:
            result = await client.edit(one.who, sent[one.who], one.payload)
        elif one.kind == "callback" and one.who in sent:  # the bot may write to them
            message = await local.app.bot.send_message(
                one.who,
                "·",
                reply_markup={"inline_keyboard": [[{"text": "x", "callback_data": one.payload}]]},
            )
            result = await client.press(one.who, message.message_id, one.payload)
        elif one.kind in ("group", "channel"):
            result = await client.group_send(
                GROUP if one.kind == "group" else CHANNEL, one.who, one.payload
            )
        else:
            return
    except SimClientError:
        return  # the sandbox refused the person's input (as Telegram would): nothing to test
    chat = one.who if one.kind not in ("group", "channel") else None
    if chat is not None:
        await client.view(chat, since_version=result.get("version", -1), wait=0.3)


async def test_random_updates_never_break_the_bot_or_leak_personal_data(
    local: LocalBot, asha: Person
) -> None:
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    log_stream = io.StringIO()
    configure_logging("DEBUG", stream=log_stream)  # as production, at its most talkative
    try:
        await _fuzz(local, asha, log_stream)
    finally:
        root.handlers[:], root.level = saved[0], saved[1]


async def _fuzz(local: LocalBot, asha: Person, log_stream: io.StringIO) -> None:
    await join(asha)
    priya = await psw(local, PswRole.ADMIN)
    await priya.says("/help")
    await local.client.add_user(777, "Stranger")
    await local.client.add_group(GROUP, "Team chat", list(PEOPLE))
    await local.client.add_group(CHANNEL, "News", list(PEOPLE), kind="channel")
    await open_pulse(local)
    await asha.taps("Start")
    await asha.taps("Agree")
    await asha.says("/stay")
    await asha.says(PII)  # into the stay interview
    sent: dict[int, int] = {}
    for one in generate(40):
        await play(local, one, sent)
    # Personal data typed as a comment, feedback and an interview answer, among it all.
    await asha.says("/feedback")
    await asha.says(PII)
    await asha.says("/pulse")
    await priya.says("/help")  # the bot has caught up
    logs = log_stream.getvalue()
    errors = [line for line in logs.splitlines() if " ERROR " in line]
    assert errors == [], errors
    calls = (await local.client.stats())["calls"]
    refused = {m: s for m, by in calls.items() for s in by if s.startswith("4") and s != "429"}
    assert refused == {}, calls
    stored = dump_database(local.services.engine)
    files = b""
    url = local.services.engine.url
    if url.get_backend_name() == "sqlite" and url.database:
        for path in Path(url.database).parent.glob(Path(url.database).name + "*"):
            files += path.read_bytes()
    for secret in SECRETS:
        assert secret not in stored, secret
        assert secret not in logs, secret
        assert secret.encode() not in files, secret
