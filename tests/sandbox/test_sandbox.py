"""The sandbox is as strict as Telegram, in Telegram's words, and its simulation API works."""

from __future__ import annotations

import asyncio
import io
import math
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter

from sandbox import Sandbox, SandboxLimits, SimClient, SimClientError, newest_button
from sandbox.html import HtmlError, parse_html


class Api:
    """Raw Bot API calls, to see the exact envelopes."""

    def __init__(self, sandbox: Sandbox, http: httpx.AsyncClient) -> None:
        self.sandbox = sandbox
        self.http = http

    async def __call__(self, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
        response = await self.http.post(
            f"{self.sandbox.url}/bot{self.sandbox.token}/{method}", json=params
        )
        return response.status_code, response.json()


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    box = Sandbox(seed=1)
    await box.start()
    yield box
    await box.stop()


@pytest.fixture
async def sim(sandbox: Sandbox) -> AsyncIterator[SimClient]:
    async with SimClient(sandbox.url) as client:
        await client.add_user(42, "Ann")
        await client.send(42, "/start")  # lets the bot write to Ann
        yield client


@pytest.fixture
async def api(sandbox: Sandbox) -> AsyncIterator[Api]:
    async with httpx.AsyncClient() as http:
        yield Api(sandbox, http)


def keyboard(data: str) -> dict[str, Any]:
    return {"inline_keyboard": [[{"text": "Yes", "callback_data": data}]]}


async def test_get_me_answers_in_telegrams_envelope(api: Api) -> None:
    status, body = await api("getMe")
    assert status == 200
    assert body["ok"] is True
    assert body["result"]["is_bot"] is True
    assert body["result"]["username"] == "staypulse_bot"


async def test_a_wrong_token_is_unauthorized(sandbox: Sandbox) -> None:
    async with httpx.AsyncClient() as http:
        response = await http.post(f"{sandbox.url}/bot1:wrongtokenwrongtoken/getMe")
    assert response.status_code == 401
    assert response.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}


async def test_an_unknown_method_is_not_found(api: Api) -> None:
    status, body = await api("sendTelepathy")
    assert (status, body["description"]) == (404, "Not Found")


async def test_callback_data_of_65_bytes_is_refused(api: Api, sim: SimClient) -> None:
    status, body = await api("sendMessage", chat_id=42, text="Hi", reply_markup=keyboard("x" * 65))
    assert status == 400
    assert body["description"] == "Bad Request: BUTTON_DATA_INVALID"
    status, _ = await api("sendMessage", chat_id=42, text="Hi", reply_markup=keyboard("x" * 64))
    assert status == 200


async def test_multibyte_callback_data_is_measured_in_bytes(api: Api, sim: SimClient) -> None:
    status, _ = await api("sendMessage", chat_id=42, text="Hi", reply_markup=keyboard("é" * 33))
    assert status == 400


async def test_an_unescaped_less_than_in_html_is_refused(api: Api, sim: SimClient) -> None:
    status, body = await api("sendMessage", chat_id=42, text="caseload < 20", parse_mode="HTML")
    assert status == 400
    assert body["description"] == (
        'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 9'
    )
    status, _ = await api("sendMessage", chat_id=42, text="caseload &lt; 20", parse_mode="HTML")
    assert status == 200


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<i>x</b>", 'Unmatched end tag at byte offset 4, expected "</i>", found "</b>"'),
        ("<script>x</script>", 'Unsupported start tag "script" at byte offset 0'),
        ("<br>", 'Unsupported start tag "br" at byte offset 0'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
    ],
)
def test_html_outside_telegrams_subset_is_refused(text: str, error: str) -> None:
    with pytest.raises(HtmlError) as caught:
        parse_html(text)
    assert str(caught.value) == f"Bad Request: can't parse entities: {error}"


def test_telegrams_html_subset_is_accepted() -> None:
    text = '<b>a</b> <i>b</i> <u>c</u> <s>d</s> <code>e</code> <a href="https://x.y">f</a> &amp;'
    assert parse_html(text) == "a b c d e f &"


async def test_text_length_is_checked_after_entities(api: Api, sim: SimClient) -> None:
    status, _ = await api(
        "sendMessage", chat_id=42, text="<b>" + "a" * 4096 + "</b>", parse_mode="HTML"
    )
    assert status == 200
    status, body = await api("sendMessage", chat_id=42, text="a" * 4097)
    assert (status, body["description"]) == (400, "Bad Request: message is too long")
    status, body = await api("sendMessage", chat_id=42, text="   ")
    assert (status, body["description"]) == (400, "Bad Request: message text is empty")


async def test_an_edit_that_changes_nothing_is_refused(api: Api, sim: SimClient) -> None:
    _, sent = await api("sendMessage", chat_id=42, text="Q1", reply_markup=keyboard("a"))
    message_id = sent["result"]["message_id"]
    status, body = await api(
        "editMessageText", chat_id=42, message_id=message_id, text="Q1", reply_markup=keyboard("a")
    )
    assert status == 400
    assert body["description"].startswith("Bad Request: message is not modified")
    status, _ = await api(
        "editMessageText", chat_id=42, message_id=message_id, text="Q2", reply_markup=keyboard("a")
    )
    assert status == 200
    status, _ = await api("editMessageReplyMarkup", chat_id=42, message_id=message_id)
    assert status == 200  # keyboard removed
    status, body = await api("editMessageReplyMarkup", chat_id=42, message_id=message_id)
    assert body["description"].startswith("Bad Request: message is not modified")


async def test_a_callback_query_is_answered_once(api: Api, sim: SimClient) -> None:
    _, sent = await api("sendMessage", chat_id=42, text="Q", reply_markup=keyboard("yes"))
    pressed = await sim.press(42, sent["result"]["message_id"], "yes")
    status, _ = await api(
        "answerCallbackQuery", callback_query_id=pressed["callback_query_id"], text="Thanks"
    )
    assert status == 200
    status, body = await api("answerCallbackQuery", callback_query_id=pressed["callback_query_id"])
    assert status == 400
    assert body["description"].startswith("Bad Request: query is too old")
    view = await sim.view(42)
    assert view["notices"] == [{"text": "Thanks", "show_alert": False}]


async def test_only_a_button_on_the_current_keyboard_can_be_pressed(
    api: Api, sim: SimClient
) -> None:
    _, sent = await api("sendMessage", chat_id=42, text="Q", reply_markup=keyboard("yes"))
    message_id = sent["result"]["message_id"]
    with pytest.raises(SimClientError, match="no button"):
        await sim.press(42, message_id, "forged")
    await api("editMessageReplyMarkup", chat_id=42, message_id=message_id)
    with pytest.raises(SimClientError, match="no button"):
        await sim.press(42, message_id, "yes")


async def test_a_person_who_blocked_the_bot_answers_403(api: Api, sim: SimClient) -> None:
    await sim.block(42)
    status, body = await api("sendMessage", chat_id=42, text="Hello")
    assert (status, body["description"]) == (403, "Forbidden: bot was blocked by the user")


async def test_the_bot_cannot_write_first_to_someone_who_never_wrote(
    api: Api, sim: SimClient
) -> None:
    await sim.add_user(43, "Bo")
    status, body = await api("sendMessage", chat_id=43, text="Hello")
    assert status == 403
    assert body["description"] == "Forbidden: bot can't initiate conversation with a user"
    status, body = await api("sendMessage", chat_id=999, text="Hello")
    assert (status, body["description"]) == (400, "Bad Request: chat not found")


async def test_more_than_one_message_a_second_in_a_chat_gets_429_with_retry_after(
    api: Api, sim: SimClient
) -> None:
    statuses = [(await api("sendMessage", chat_id=42, text=f"m{i}"))[0] for i in range(5)]
    assert statuses[:3] == [200, 200, 200]  # a short burst is tolerated, as on Telegram
    assert 429 in statuses[3:]
    _, body = await api("sendMessage", chat_id=42, text="again")
    assert body["error_code"] == 429
    assert body["parameters"]["retry_after"] >= 1
    assert body["description"].startswith("Too Many Requests: retry after")


async def test_more_than_thirty_messages_a_second_overall_gets_429() -> None:
    box = Sandbox(limits=SandboxLimits(private_chat_burst=100, private_chat_per_second=100))
    await box.start()
    try:
        async with SimClient(box.url) as sim, httpx.AsyncClient() as http:
            for user in range(1, 41):
                await sim.add_user(user, f"P{user}")
                await sim.send(user, "/start")
            api = Api(box, http)
            started = time.monotonic()
            results = await asyncio.gather(
                *(api("sendMessage", chat_id=u, text="hi") for u in range(1, 41))
            )
            elapsed = time.monotonic() - started
        statuses = [status for status, _ in results]
        # 30 at once, plus whatever the bucket refilled (30/s) while the burst was going out.
        allowed = 30 + math.ceil(elapsed * 30)
        assert statuses.count(200) <= allowed
        assert statuses.count(429) >= 40 - allowed
        assert statuses.count(429) > 0
    finally:
        await box.stop()


async def test_get_updates_long_polls_and_confirms_with_offset(api: Api, sim: SimClient) -> None:
    _, body = await api("getUpdates")
    first = body["result"]
    assert first[0]["message"]["text"] == "/start"
    assert first[0]["message"]["entities"][0]["type"] == "bot_command"
    next_offset = first[-1]["update_id"] + 1
    waiting = asyncio.create_task(api("getUpdates", offset=next_offset, timeout=5))
    await asyncio.sleep(0.1)
    assert not waiting.done()
    await sim.send(42, "hello")
    _, body = await asyncio.wait_for(waiting, 3)
    assert [u["message"]["text"] for u in body["result"]] == ["hello"]
    _, body = await api("getUpdates", offset=body["result"][-1]["update_id"] + 1)
    assert body["result"] == []


async def test_an_update_can_be_delivered_again(api: Api, sim: SimClient) -> None:
    _, body = await api("getUpdates")
    update_id = body["result"][0]["update_id"]
    await api("getUpdates", offset=update_id + 1)
    await sim.redeliver(update_id)
    _, body = await api("getUpdates")
    assert [u["update_id"] for u in body["result"]] == [update_id]


async def test_ptb_uploads_a_document_and_photo_as_multipart(
    sandbox: Sandbox, sim: SimClient
) -> None:
    bot = Bot(sandbox.token, base_url=f"{sandbox.url}/bot")
    async with bot:
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("Open", callback_data="v1:x")]])
        await bot.send_document(
            42,
            io.BytesIO(b"a,b\n1,2\n"),
            filename="summary.csv",
            caption="<b>Export</b>",
            parse_mode="HTML",
            reply_markup=markup,
        )
        await bot.send_photo(42, io.BytesIO(b"\x89PNG fake"), filename="trend.png")
        with pytest.raises(BadRequest, match="caption is too long"):
            await bot.send_photo(42, io.BytesIO(b"png"), caption="x" * 1025)
    view = await sim.view(42)
    document, photo = view["messages"][-2:]
    assert document["document"] == {"name": "summary.csv", "size": 8}
    assert document["caption"] == "Export"
    assert document["keyboard"] == [[{"text": "Open", "callback_data": "v1:x"}]]
    assert photo["photo"]["name"] == "trend.png"


async def test_ptb_sees_telegrams_errors_as_its_own_exceptions(
    sandbox: Sandbox, sim: SimClient
) -> None:
    bot = Bot(sandbox.token, base_url=f"{sandbox.url}/bot")
    async with bot:
        await sim.set_faults(
            {"method": "sendMessage", "status": 429, "retry_after": 3, "remaining": 1}
        )
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(42, "hi")
        assert caught.value.retry_after == timedelta(seconds=3)
        await bot.send_message(42, "hi")  # the fault was used up
        await sim.block(42)
        with pytest.raises(Forbidden):
            await bot.send_message(42, "hi")
    stats = await sim.stats()
    assert stats["calls"]["sendMessage"] == {"429": 1, "200": 1, "403": 1}


async def test_faults_hit_the_share_of_calls_asked_for(api: Api, sim: SimClient) -> None:
    await sim.set_faults({"method": "getChat", "status": 503, "rate": 0.5})
    statuses = [(await api("getChat", chat_id=42))[0] for _ in range(200)]
    assert 60 < statuses.count(503) < 140
    await sim.clear_faults()
    assert (await api("getChat", chat_id=42))[0] == 200


async def test_bad_simulation_requests_get_a_clear_error(sim: SimClient) -> None:
    with pytest.raises(SimClientError, match="no user 7"):
        await sim.send(7, "hi")
    with pytest.raises(SimClientError, match="either 'text' or one of"):
        await sim.send(42)
    with pytest.raises(SimClientError, match="negative"):
        await sim.add_group(5, "PSW", [42])
    with pytest.raises(SimClientError, match="status must be"):
        await sim.set_faults({"status": 418})


async def test_group_messages_reach_the_bot_from_members(api: Api, sim: SimClient) -> None:
    await sim.add_group(-100, "PSW team", [42])
    await sim.group_send(-100, 42, "/digest@staypulse_bot")
    _, body = await api("getUpdates")
    message = body["result"][-1]["message"]
    assert message["chat"] == {"id": -100, "type": "group", "title": "PSW team"}
    status, _ = await api("sendMessage", chat_id=-100, text="Digest")
    assert status == 200


async def test_command_menus_are_kept_per_scope(api: Api, sandbox: Sandbox) -> None:
    commands = [{"command": "help", "description": "What I can do"}]
    assert (await api("setMyCommands", commands=commands))[0] == 200
    status, body = await api(
        "setMyCommands", commands=[{"command": "Bad-Name", "description": "x"}]
    )
    assert (status, body["description"]) == (400, "Bad Request: BOT_COMMAND_INVALID")
    _, body = await api("getMyCommands")
    assert body["result"] == commands


def test_newest_button_finds_the_latest_bot_button_with_one_of_the_labels() -> None:
    def message(message_id: int, sender: object, *labels: str) -> dict[str, object]:
        row = [{"text": label, "callback_data": f"{message_id}:{label}"} for label in labels]
        return {"message_id": message_id, "from": sender, "keyboard": [row] if row else []}

    messages = [
        message(1, "bot", "Start", "Agree"),
        message(2, "bot", "Agree", "Disagree"),
        message(3, 101),  # the person's own message: never has buttons to tap
        message(4, "bot"),
    ]
    assert newest_button(messages, "Agree") == (2, "2:Agree")
    assert newest_button(messages, "Start", "Nope") == (1, "1:Start")
    with pytest.raises(LookupError, match="No thanks"):
        newest_button(messages, "No thanks")


async def test_an_unreachable_sandbox_is_a_sim_client_error() -> None:
    # Callers (the local chat, the benchmarks) handle one error type, not the transport's.
    async with SimClient("http://127.0.0.1:1") as client:
        with pytest.raises(SimClientError, match="sandbox unreachable"):
            await client.view(1)


def _buttons(count: int, per_row: int, text: str = "b") -> dict[str, Any]:
    buttons = [{"text": f"{text}{i}", "callback_data": f"d{i}"} for i in range(count)]
    return {"inline_keyboard": [buttons[i : i + per_row] for i in range(0, count, per_row)]}


async def test_inline_keyboards_have_telegrams_limits(api: Api, sim: SimClient) -> None:
    too_long = (400, "Bad Request: reply markup is too long")
    for user, (markup, expected) in enumerate(
        [
            (_buttons(100, 4), 200),
            (_buttons(101, 4), too_long),  # over 100 buttons
            (_buttons(9, 9), too_long),  # over 8 in a row
            (_buttons(8, 8), 200),
            (_buttons(60, 2, "x" * 200), too_long),  # over about 10 KB of markup
        ],
        start=50,
    ):
        await sim.add_user(user, "P", started=True)  # a chat each: no per-chat rate limit
        status, body = await api("sendMessage", chat_id=user, text="Pick", reply_markup=markup)
        assert (status if status == 200 else (status, body["description"])) == expected


async def test_undelivered_updates_are_dropped_after_24_hours(api: Api, sim: SimClient) -> None:
    await sim.advance_clock(23 * 3600)
    await sim.send(42, "still fresh")
    await sim.advance_clock(2 * 3600)  # /start is now 25 hours old
    _, body = await api("getUpdates")
    assert [u["message"]["text"] for u in body["result"]] == ["still fresh"]


async def test_a_callback_query_answered_after_its_deadline_is_too_old(
    api: Api, sim: SimClient
) -> None:
    _, sent = await api("sendMessage", chat_id=42, text="Q", reply_markup=keyboard("yes"))
    pressed = await sim.press(42, sent["result"]["message_id"], "yes")
    await sim.advance_clock(SandboxLimits().callback_answer_seconds + 1)
    status, body = await api("answerCallbackQuery", callback_query_id=pressed["callback_query_id"])
    assert (status, body["description"]) == (
        400,
        "Bad Request: query is too old and response timeout expired or query ID is invalid",
    )


async def test_edits_of_deleted_or_old_messages_are_refused(api: Api, sim: SimClient) -> None:
    _, sent = await api("sendMessage", chat_id=42, text="one")
    _, kept = await api("sendMessage", chat_id=42, text="two")
    await sim.delete(42, sent["result"]["message_id"])
    status, body = await api(
        "editMessageText", chat_id=42, message_id=sent["result"]["message_id"], text="1"
    )
    assert (status, body["description"]) == (400, "Bad Request: message to edit not found")
    await sim.advance_clock(48 * 3600 + 1)
    status, body = await api(
        "editMessageText", chat_id=42, message_id=kept["result"]["message_id"], text="2"
    )
    assert (status, body["description"]) == (400, "Bad Request: message can't be edited")


async def test_blocking_and_unblocking_send_my_chat_member(api: Api, sim: SimClient) -> None:
    await api("getUpdates", offset=-1)
    await sim.block(42)
    await sim.unblock(42)
    _, body = await api("getUpdates")
    changes = [
        (u["my_chat_member"]["old_chat_member"]["status"],
         u["my_chat_member"]["new_chat_member"]["status"])
        for u in body["result"] if "my_chat_member" in u
    ]  # fmt: skip
    assert changes == [("member", "kicked"), ("kicked", "member")]
    assert body["result"][-1]["my_chat_member"]["chat"]["id"] == 42


async def test_a_second_poller_ends_the_first_with_409_conflict(api: Api, sim: SimClient) -> None:
    _, body = await api("getUpdates")
    offset = body["result"][-1]["update_id"] + 1
    first = asyncio.create_task(api("getUpdates", offset=offset, timeout=5))
    await asyncio.sleep(0.2)  # let the first poll start waiting
    second = asyncio.create_task(api("getUpdates", offset=offset, timeout=1))
    status, body = await asyncio.wait_for(first, 3)
    assert (status, body["description"]) == (
        409,
        "Conflict: terminated by other getUpdates request; make sure that only one bot "
        "instance is running",
    )
    status, _ = await second
    assert status == 200


async def test_only_the_allowed_kinds_of_update_are_delivered(api: Api, sim: SimClient) -> None:
    await api("getUpdates", offset=-1, allowed_updates=["callback_query"])
    await sim.send(42, "not wanted")
    _, sent = await api("sendMessage", chat_id=42, text="Q", reply_markup=keyboard("yes"))
    await sim.press(42, sent["result"]["message_id"], "yes")
    _, body = await api("getUpdates")  # the choice is kept until changed
    assert [next(k for k in u if k != "update_id") for u in body["result"]] == ["callback_query"]


async def test_an_upgraded_group_refuses_its_old_id_with_the_new_one(
    api: Api, sim: SimClient, sandbox: Sandbox
) -> None:
    await sim.add_group(-5, "PSW", [42])
    new_id = await sim.migrate(-5, by=42)
    status, body = await api("sendMessage", chat_id=-5, text="hello")
    assert status == 400
    assert body["description"] == "Bad Request: group chat was upgraded to a supergroup chat"
    assert body["parameters"] == {"migrate_to_chat_id": new_id}
    status, _ = await api("sendMessage", chat_id=new_id, text="hello")
    assert status == 200
    _status, updates = await api("getUpdates")
    notices = [u["message"] for u in updates["result"] if "message" in u][-2:]
    assert notices[0]["migrate_to_chat_id"] == new_id
    assert notices[0]["chat"]["id"] == -5
    assert notices[1]["migrate_from_chat_id"] == -5
    assert notices[1]["chat"] == {"id": new_id, "type": "supergroup", "title": "PSW"}
    bot = Bot(sandbox.token, base_url=f"{sandbox.url}/bot")
    async with bot:
        with pytest.raises(ChatMigrated) as raised:
            await bot.send_message(-5, "hello")
    assert raised.value.new_chat_id == new_id


async def test_deactivated_users_and_kicked_bots_get_telegrams_403s(
    api: Api, sim: SimClient
) -> None:
    await sim.deactivate(42)
    status, body = await api("sendMessage", chat_id=42, text="hello")
    assert (status, body["description"]) == (403, "Forbidden: user is deactivated")
    await sim.add_user(43, "Bo", started=True)
    await sim.add_group(-6, "PSW", [43])
    await sim.kick_bot(-6, by=43)
    status, body = await api("sendMessage", chat_id=-6, text="hello")
    assert (status, body["description"]) == (403, "Forbidden: bot was kicked from the group chat")
    _status, updates = await api("getUpdates")
    [kicked] = [u["my_chat_member"] for u in updates["result"] if "my_chat_member" in u]
    assert kicked["new_chat_member"]["status"] == "kicked"


async def test_edits_in_one_chat_are_limited_with_a_long_retry_after(
    api: Api, sim: SimClient
) -> None:
    await sim.set_limits(chat_edits_per_minute=2)
    _status, sent = await api("sendMessage", chat_id=42, text="v0")
    message_id = sent["result"]["message_id"]
    for text in ("v1", "v2"):
        status, _ = await api("editMessageText", chat_id=42, message_id=message_id, text=text)
        assert status == 200
    status, body = await api("editMessageText", chat_id=42, message_id=message_id, text="v3")
    assert status == 429
    assert body["parameters"]["retry_after"] >= 20  # a minute's allowance of two: ~30 s


async def test_a_lost_answer_fault_does_the_call_and_drops_the_answer(
    api: Api, sim: SimClient
) -> None:
    await sim.set_faults({"method": "sendMessage", "lost": True, "remaining": 1})
    with pytest.raises(httpx.RemoteProtocolError):
        await api("sendMessage", chat_id=42, text="posted, unanswered")
    texts = [m["text"] for m in (await sim.view(42))["messages"] if m["from"] == "bot"]
    assert texts == ["posted, unanswered"]  # it took effect
