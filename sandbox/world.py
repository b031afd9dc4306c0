"""The sandbox's world: one bot, the people and chats it talks to, and the Bot API it answers.

Each Bot API method is a function of its parameters that returns Telegram's `result` or raises
ApiError with Telegram's error code and description. The HTTP layer (server.py) only decodes
requests and encodes envelopes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sandbox.html import HtmlError, parse_html, utf16_len
from sandbox.limits import Fault, SandboxLimits, Stats, TokenBucket, retry_after_seconds

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
MARKUP_TOO_LONG = "Bad Request: reply markup is too long"
CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is "
    "running"
)
# What getUpdates delivers when the bot names no allowed_updates (Telegram leaves these out).
NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
# Methods that put a new message in a chat: these count against the per-chat limits.
SEND_METHODS = frozenset({"sendmessage", "sendphoto", "senddocument"})
EDIT_METHODS = frozenset({"editmessagetext", "editmessagereplymarkup", "editmessagecaption"})
FLOOD_METHODS = SEND_METHODS | EDIT_METHODS


class ApiError(Exception):
    """A Bot API error, as Telegram would answer it."""

    def __init__(
        self,
        code: int,
        description: str,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after
        self.migrate_to_chat_id = migrate_to_chat_id


class AnswerLost(Exception):
    """The call took effect but its answer never reaches the bot (the server drops the
    connection after `delay` seconds): the bot cannot know whether it happened."""

    def __init__(self, delay: float) -> None:
        super().__init__("answer lost")
        self.delay = delay


class SimError(Exception):
    """A simulation API request that cannot be carried out (HTTP 400/404 to the caller)."""

    def __init__(self, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.status = status


@dataclass
class SimUser:
    """A person with a Telegram account."""

    user_id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "en"
    blocked: bool = False  # the person blocked the bot
    deactivated: bool = False  # the account was deleted
    started: bool = False  # the person has written to the bot, so the bot may write back

    def as_json(self) -> dict[str, Any]:
        """Telegram's User object."""
        data: dict[str, Any] = {"id": self.user_id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        return data


@dataclass
class SimMessage:
    """A message in a chat, as it is now."""

    message_id: int
    chat_id: int
    sender_id: int
    date: int
    text: str | None = None  # visible text (HTML already parsed)
    source: str | None = None  # the text as sent, with formatting, to detect unmodified edits
    reply_markup: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # photo, document, sticker, …
    caption: str | None = None
    edited: bool = False
    deleted: bool = False
    first_text: str | None = None  # the text it was sent with, before any edit

    def __post_init__(self) -> None:
        self.first_text = self.text


@dataclass
class SimChat:
    """A private chat, group or channel."""

    chat_id: int
    type: str
    title: str | None = None
    members: set[int] = field(default_factory=set)
    admins: set[int] = field(default_factory=set)  # members who are group admins
    messages: dict[int, SimMessage] = field(default_factory=dict)
    notices: list[dict[str, Any]] = field(default_factory=list)  # callback answers shown
    next_message_id: int = 1
    version: int = 0
    kicked: bool = False  # someone removed the bot from the group
    migrated_to: int | None = None  # upgraded to this supergroup


@dataclass
class CallbackQuery:
    """A button press waiting for the bot's answer."""

    query_id: str
    user_id: int
    chat_id: int
    message_id: int
    created: float
    answered: bool = False


def _as_int(params: dict[str, Any], name: str, *, required: bool = True) -> int | None:
    value = params.get(name)
    if value is None or value == "":
        if required:
            raise ApiError(400, f'Bad Request: parameter "{name}" is required')
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError(400, f"Bad Request: invalid {name} specified") from None


def _as_json(params: dict[str, Any], name: str) -> Any:
    """Form-encoded bodies carry objects as JSON strings; JSON bodies carry them as they are."""
    value = params.get(name)
    if isinstance(value, str):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            raise ApiError(400, f"Bad Request: can't parse {name} JSON object") from None
    return value


def _render(text: Any, parse_mode: Any, *, limit: int, empty: str, too_long: str) -> str:
    if text is None:
        raise ApiError(400, empty)
    text = str(text)
    visible: str
    if parse_mode in (None, ""):
        visible = text
    elif str(parse_mode).lower() == "html":
        try:
            visible = parse_html(text)
        except HtmlError as exc:
            raise ApiError(400, str(exc)) from None
    else:
        raise ApiError(400, f"Bad Request: unsupported parse_mode {parse_mode}")
    if not visible.strip():
        raise ApiError(400, empty)
    if utf16_len(visible) > limit:
        raise ApiError(400, too_long)
    return visible


def _render_text(params: dict[str, Any]) -> str:
    """A message's visible text, checked as sendMessage and editMessageText both check it."""
    return _render(
        params.get("text"),
        params.get("parse_mode"),
        limit=MAX_TEXT,
        empty="Bad Request: message text is empty",
        too_long="Bad Request: message is too long",
    )


def validate_reply_markup(
    markup: Any, limits: SandboxLimits | None = None
) -> dict[str, Any] | None:
    """Refuse what Telegram refuses in a keyboard: callback_data outside 1–64 bytes, and an
    inline keyboard of over 100 buttons, over 8 in a row or over about 10 KB."""
    if markup is None:
        return None
    limits = limits or SandboxLimits()
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise ApiError(400, "Bad Request: can't parse inline keyboard button: rows expected")
        if (
            sum(len(row) for row in rows) > limits.max_inline_buttons
            or any(len(row) > limits.max_inline_row for row in rows)
            or len(json.dumps(markup, ensure_ascii=False).encode("utf-8")) > limits.max_markup_bytes
        ):
            raise ApiError(400, MARKUP_TOO_LONG)
        for row in rows:
            for button in row:
                if not isinstance(button, dict) or not str(button.get("text", "")).strip():
                    raise ApiError(
                        400, "Bad Request: text buttons are unallowed in the inline keyboard"
                    )
                data = button.get("callback_data")
                if (
                    data is not None
                    and not 1 <= len(str(data).encode("utf-8")) <= MAX_CALLBACK_DATA
                ):
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                if data is None and not any(k in button for k in ("url", "switch_inline_query")):
                    raise ApiError(
                        400,
                        "Bad Request: can't parse inline keyboard button: "
                        "InlineKeyboardButton must have exactly one optional field",
                    )
        return markup
    if any(key in markup for key in ("keyboard", "remove_keyboard", "force_reply")):
        return markup
    raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")


class World:
    """Everything the sandbox knows. Not thread-safe: it lives on one event loop."""

    def __init__(
        self,
        token: str,
        *,
        bot_username: str = "staypulse_bot",
        bot_name: str = "StayPulse",
        limits: SandboxLimits | None = None,
        seed: int | None = None,
    ) -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_username = bot_username
        self.bot_name = bot_name
        self.limits = limits or SandboxLimits()
        self.rng = random.Random(seed)
        self.users: dict[int, SimUser] = {}
        self.chats: dict[int, SimChat] = {}
        self.pending: list[dict[str, Any]] = []  # updates not yet confirmed by the bot
        self.queued_at: dict[int, float] = {}  # update id -> when it was made (sandbox clock)
        self.clock_offset = 0.0  # seconds the simulated clock is ahead of the wall clock
        self.allowed_updates: frozenset[str] | None = None  # None: all but NOT_BY_DEFAULT
        self.expired_updates = 0  # dropped after update_keep_seconds undelivered
        self.faults_by_chat: dict[int, int] = {}  # injected faults that hit a call for a chat
        self._poll: asyncio.Future[None] | None = None  # the getUpdates call waiting now
        self.history: dict[int, dict[str, Any]] = {}  # every update ever made, for redelivery
        self.next_update_id = 1
        self.callback_queries: dict[str, CallbackQuery] = {}
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.faults: list[Fault] = []
        self.stats = Stats()
        self.changed = asyncio.Condition()
        # People waiting for one chat to change: woken by that chat's change only, so a
        # thousand simulated people waiting on their own chats cost nothing per message.
        self.chat_waiters: dict[int, list[asyncio.Future[None]]] = {}
        self._overall = TokenBucket(self.limits.overall_per_second, self.limits.overall_per_second)
        self._chat_buckets: dict[int, TokenBucket] = {}
        self._edit_buckets: dict[int, TokenBucket] = {}
        self._methods: dict[str, Callable[[dict[str, Any]], Awaitable[Any]]] = {
            name.removeprefix("api_").lower(): getattr(self, name)
            for name in dir(self)
            if name.startswith("api_")
        }

    def reset_buckets(self) -> None:
        """Start every flood counter afresh (after the limits change)."""
        self._overall = TokenBucket(self.limits.overall_per_second, self.limits.overall_per_second)
        self._chat_buckets.clear()
        self._edit_buckets.clear()

    # --- shared helpers ------------------------------------------------------------------------

    def now(self) -> float:
        """The sandbox's clock: the wall clock, plus however far the simulation moved it on."""
        return time.time() + self.clock_offset

    def bot_json(self) -> dict[str, Any]:
        """The bot's own User object."""
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_name,
            "username": self.bot_username,
        }

    def chat_json(self, chat: SimChat) -> dict[str, Any]:
        """Telegram's Chat object."""
        if chat.type == "private":
            user = self.users[chat.chat_id]
            data: dict[str, Any] = {"id": chat.chat_id, "type": "private"}
            data["first_name"] = user.first_name
            if user.username:
                data["username"] = user.username
            return data
        return {"id": chat.chat_id, "type": chat.type, "title": chat.title or ""}

    def message_json(self, message: SimMessage) -> dict[str, Any]:
        """Telegram's Message object."""
        chat = self.chats[message.chat_id]
        data: dict[str, Any] = {
            "message_id": message.message_id,
            "date": message.date,
            "chat": self.chat_json(chat),
        }
        if chat.type != "channel":
            sender = (
                self.bot_json() if message.sender_id == self.bot_id
                else self.users[message.sender_id].as_json()
            )  # fmt: skip
            data["from"] = sender
        if message.text is not None:
            data["text"] = message.text
            if message.sender_id != self.bot_id and message.text.startswith("/"):
                command = message.text.split(maxsplit=1)[0]
                data["entities"] = [
                    {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
                ]
        if message.caption is not None:
            data["caption"] = message.caption
        if message.reply_markup and "inline_keyboard" in message.reply_markup:
            data["reply_markup"] = message.reply_markup
        if message.edited:
            data["edit_date"] = int(self.now())
        data.update({k: v for k, v in message.extra.items() if not k.startswith("_")})
        return data

    def _touch(self, chat: SimChat) -> None:
        chat.version += 1
        for waiter in self.chat_waiters.pop(chat.chat_id, []):
            if not waiter.done():
                waiter.set_result(None)

    async def _notify(self) -> None:
        async with self.changed:
            self.changed.notify_all()

    def _chat(self, params: dict[str, Any]) -> SimChat:
        chat_id = _as_int(params, "chat_id")
        assert chat_id is not None
        chat = self.chats.get(chat_id)
        if chat is None:
            raise ApiError(400, "Bad Request: chat not found")
        if chat.migrated_to is not None:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                migrate_to_chat_id=chat.migrated_to,
            )
        return chat

    def _writable_chat(self, params: dict[str, Any]) -> SimChat:
        chat = self._chat(params)
        if chat.type == "private":
            user = self.users[chat.chat_id]
            if user.deactivated:
                raise ApiError(403, "Forbidden: user is deactivated")
            if user.blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            if not user.started:
                raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
        elif chat.kicked:
            raise ApiError(403, f"Forbidden: bot was kicked from the {chat.type} chat")
        elif self.bot_id not in chat.members:
            raise ApiError(403, "Forbidden: bot is not a member of the group chat")
        return chat

    def _bot_message(self, chat: SimChat, params: dict[str, Any]) -> SimMessage:
        message_id = _as_int(params, "message_id")
        message = chat.messages.get(message_id or 0)
        if message is None or message.deleted:
            raise ApiError(400, "Bad Request: message to edit not found")
        if (
            message.sender_id != self.bot_id
            or self.now() - message.date > self.limits.edit_max_age_seconds
        ):
            raise ApiError(400, "Bad Request: message can't be edited")
        return message

    def _new_message(self, chat: SimChat, sender_id: int, **fields: Any) -> SimMessage:
        message = SimMessage(
            message_id=chat.next_message_id,
            chat_id=chat.chat_id,
            sender_id=sender_id,
            date=int(self.now()),
            **fields,
        )
        chat.next_message_id += 1
        chat.messages[message.message_id] = message
        self._touch(chat)
        return message

    def _check_edits(self, method: str, params: dict[str, Any]) -> None:
        """Telegram limits edits per chat, separately from sends, and its retry_after for them
        can be long (the time until the chat's minute allowance is back)."""
        per_minute = self.limits.chat_edits_per_minute
        if per_minute is None or method not in EDIT_METHODS:
            return
        try:
            chat_id = int(params.get("chat_id"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return
        bucket = self._edit_buckets.get(chat_id)
        if bucket is None:
            bucket = self._edit_buckets[chat_id] = TokenBucket(per_minute / 60, per_minute)
        wait = bucket.take()
        if wait > 0:
            seconds = retry_after_seconds(wait)
            raise ApiError(429, f"Too Many Requests: retry after {seconds}", retry_after=seconds)

    def _check_flood(self, method: str, params: dict[str, Any]) -> None:
        if method not in FLOOD_METHODS:
            return
        self._check_edits(method, params)
        wait = self._overall.take()
        if wait == 0 and method in SEND_METHODS:
            chat_id = params.get("chat_id")
            try:
                chat = self.chats.get(int(chat_id)) if chat_id is not None else None
            except (TypeError, ValueError):
                chat = None
            if chat is not None:
                bucket = self._chat_buckets.get(chat.chat_id)
                if bucket is None:
                    if chat.type == "private":
                        rate = self.limits.private_chat_per_second
                        burst = float(self.limits.private_chat_burst)
                    else:
                        rate = self.limits.group_chat_per_minute / 60
                        burst = self.limits.group_chat_per_minute
                    bucket = self._chat_buckets[chat.chat_id] = TokenBucket(rate, burst)
                wait = bucket.take()
        if wait > 0:
            seconds = retry_after_seconds(wait)
            raise ApiError(429, f"Too Many Requests: retry after {seconds}", retry_after=seconds)

    # --- dispatch ------------------------------------------------------------------------------

    async def call(self, token: str, method: str, params: dict[str, Any]) -> Any:
        """Run one Bot API call; raise ApiError as Telegram would."""
        if token != self.token:
            self.stats.count(method, 401)
            raise ApiError(401, "Unauthorized")
        handler = self._methods.get(method.lower())
        if handler is None:
            self.stats.count(method, 404)
            raise ApiError(404, "Not Found")
        lost: Fault | None = None
        try:
            for fault in self.faults:
                if fault.applies(method, self.rng):
                    if fault.lost:
                        lost = fault
                        break
                    if fault.status != 0:  # this call does not happen: note whose chat it was
                        self._note_fault(params)
                    await self._apply_fault(fault)
                    break
            self._check_flood(method.lower(), params)
            result = await handler(params)
        except ApiError as exc:
            self.stats.count(method, exc.code)
            raise
        if lost is not None:  # done, but the answer never arrives
            self.stats.count(method, 0)
            raise AnswerLost(lost.delay)
        self.stats.count(method, 200)
        return result

    def _note_fault(self, params: dict[str, Any]) -> None:
        """Count a refused or dropped call against the chat it was for, so whoever plays that
        chat can tell a lost reply (a fault hit it) from a slow one (none did)."""
        query = self.callback_queries.get(str(params.get("callback_query_id", "")))
        chat_id: Any = query.chat_id if query is not None else params.get("chat_id")
        try:
            key = int(chat_id)
        except (TypeError, ValueError):
            return  # getUpdates and the like: nothing is lost, the update waits
        self.faults_by_chat[key] = self.faults_by_chat.get(key, 0) + 1

    async def _apply_fault(self, fault: Fault) -> None:
        if fault.delay:
            await asyncio.sleep(fault.delay)
        if fault.status == 0:
            return
        if fault.status == 429:
            raise ApiError(
                429,
                f"Too Many Requests: retry after {fault.retry_after}",
                retry_after=fault.retry_after,
            )
        if fault.status == 403:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        descriptions = {
            500: "Internal Server Error",
            502: "Bad Gateway",
            503: "Service Unavailable",
            504: "Gateway Timeout",
        }
        raise ApiError(fault.status, descriptions.get(fault.status, "Internal Server Error"))

    # --- Bot API methods -----------------------------------------------------------------------

    async def api_getMe(self, params: dict[str, Any]) -> Any:
        """The bot's identity; PTB calls it on initialize."""
        return {
            **self.bot_json(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def api_deleteWebhook(self, params: dict[str, Any]) -> Any:
        """There is never a webhook here."""
        if str(params.get("drop_pending_updates", "")).lower() == "true":
            self.pending.clear()
        return True

    async def api_getWebhookInfo(self, params: dict[str, Any]) -> Any:
        """No webhook; updates wait for getUpdates."""
        return {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._deliverable()),
        }

    def _deliverable(self) -> list[dict[str, Any]]:
        """Pending updates the bot may have now: those older than a day are dropped for good, and
        kinds it did not ask for (allowed_updates) are dropped unseen, as Telegram does."""
        cutoff = self.now() - self.limits.update_keep_seconds
        kept = []
        for update in self.pending:
            if self.queued_at.get(update["update_id"], cutoff + 1) < cutoff:
                self.expired_updates += 1
                continue
            kind = next(key for key in update if key != "update_id")
            allowed = self.allowed_updates
            if (kind in NOT_BY_DEFAULT) if allowed is None else (kind not in allowed):
                continue
            kept.append(update)
        self.pending = kept
        return kept

    async def api_getUpdates(self, params: dict[str, Any]) -> Any:
        """Long polling: confirm updates below `offset`, wait up to `timeout` for new ones.

        One poller at a time: a getUpdates call ends the one still waiting, which gets 409
        Conflict, as two bot processes with one token get from Telegram."""
        offset = _as_int(params, "offset", required=False)
        limit = max(1, min(100, _as_int(params, "limit", required=False) or 100))
        timeout = max(0, min(50, _as_int(params, "timeout", required=False) or 0))
        allowed = _as_json(params, "allowed_updates")
        if isinstance(allowed, list):  # remembered until a later call names others
            self.allowed_updates = frozenset(str(kind) for kind in allowed) or None
        poll: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        earlier, self._poll = self._poll, poll
        if earlier is not None and not earlier.done():
            earlier.set_result(None)  # the earlier poll is terminated by this one
            await self._notify()
        if offset is not None and offset > 0:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]
        elif offset is not None and offset < 0:
            self.pending = self.pending[offset:]
        if not self._deliverable() and timeout:
            async with self.changed:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self.changed.wait_for(lambda: bool(self._deliverable()) or poll.done()),
                        timeout,
                    )
        if poll.done():
            raise ApiError(409, CONFLICT)
        poll.set_result(None)
        return self._deliverable()[:limit]

    async def api_sendMessage(self, params: dict[str, Any]) -> Any:
        """Send text, with an optional inline keyboard."""
        chat = self._writable_chat(params)
        text = _render_text(params)
        markup = validate_reply_markup(_as_json(params, "reply_markup"), self.limits)
        message = self._new_message(
            chat, self.bot_id, text=text, source=str(params.get("text")), reply_markup=markup
        )
        await self._notify()
        return self.message_json(message)

    async def api_editMessageText(self, params: dict[str, Any]) -> Any:
        """Change a bot message's text (and keyboard); refuse an edit that changes nothing."""
        chat = self._chat(params)
        message = self._bot_message(chat, params)
        if message.text is None:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        text = _render_text(params)
        markup = validate_reply_markup(_as_json(params, "reply_markup"), self.limits)
        source = str(params.get("text"))
        if (text, source, markup) == (message.text, message.source, message.reply_markup):
            raise ApiError(400, NOT_MODIFIED)
        message.text, message.source, message.reply_markup = text, source, markup
        message.edited = True
        self._touch(chat)
        await self._notify()
        return self.message_json(message)

    async def api_editMessageCaption(self, params: dict[str, Any]) -> Any:
        """Change a photo or document caption."""
        chat = self._chat(params)
        message = self._bot_message(chat, params)
        caption = _render(
            params.get("caption"),
            params.get("parse_mode"),
            limit=MAX_CAPTION,
            empty="Bad Request: message caption is empty",
            too_long="Bad Request: message caption is too long",
        )
        markup = validate_reply_markup(_as_json(params, "reply_markup"), self.limits)
        if (caption, markup) == (message.caption, message.reply_markup):
            raise ApiError(400, NOT_MODIFIED)
        message.caption, message.reply_markup, message.edited = caption, markup, True
        self._touch(chat)
        await self._notify()
        return self.message_json(message)

    async def api_editMessageReplyMarkup(self, params: dict[str, Any]) -> Any:
        """Change or remove a message's inline keyboard."""
        chat = self._chat(params)
        message = self._bot_message(chat, params)
        markup = validate_reply_markup(_as_json(params, "reply_markup"), self.limits)
        if markup == message.reply_markup or (not markup and not message.reply_markup):
            raise ApiError(400, NOT_MODIFIED)
        message.reply_markup = markup
        message.edited = True
        self._touch(chat)
        await self._notify()
        return self.message_json(message)

    async def api_deleteMessage(self, params: dict[str, Any]) -> Any:
        """Delete a message from the chat."""
        chat = self._chat(params)
        message = chat.messages.get(_as_int(params, "message_id") or 0)
        if message is None or message.deleted:
            raise ApiError(400, "Bad Request: message to delete not found")
        if self.now() - message.date > self.limits.edit_max_age_seconds:
            raise ApiError(400, "Bad Request: message can't be deleted")
        message.deleted = True
        self._touch(chat)
        await self._notify()
        return True

    async def api_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        """Answer a button press, once, while it is fresh."""
        query = self.callback_queries.get(str(params.get("callback_query_id", "")))
        if (
            query is None
            or query.answered
            or self.now() - query.created > self.limits.callback_answer_seconds
        ):
            raise ApiError(400, QUERY_TOO_OLD)
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        query.answered = True
        if text:
            chat = self.chats[query.chat_id]
            show_alert = str(params.get("show_alert", "")).lower() == "true"
            chat.notices.append({"text": str(text), "show_alert": show_alert})
            self._touch(chat)
            await self._notify()
        return True

    async def _send_file(self, params: dict[str, Any], kind: str) -> Any:
        chat = self._writable_chat(params)
        file = params.get(kind)
        if file is None or file == "":
            raise ApiError(400, f"Bad Request: there is no {kind} in the request")
        name, size = (file["name"], file["size"]) if isinstance(file, dict) else (str(file), 0)
        caption = None
        if params.get("caption") not in (None, ""):
            caption = _render(
                params.get("caption"),
                params.get("parse_mode"),
                limit=MAX_CAPTION,
                empty="Bad Request: message caption is empty",
                too_long="Bad Request: message caption is too long",
            )
        markup = validate_reply_markup(_as_json(params, "reply_markup"), self.limits)
        file_id = f"{kind}-{self.rng.getrandbits(48):012x}"
        if kind == "photo":
            extra: dict[str, Any] = {
                "photo": [
                    {
                        "file_id": file_id,
                        "file_unique_id": file_id,
                        "width": 1280,
                        "height": 960,
                        "file_size": size,
                    }
                ]
            }
        else:
            extra = {
                "document": {
                    "file_id": file_id,
                    "file_unique_id": file_id,
                    "file_name": name,
                    "file_size": size,
                }
            }
        extra["_file"] = {"name": name, "size": size}
        message = self._new_message(
            chat, self.bot_id, caption=caption, reply_markup=markup, extra=extra
        )
        await self._notify()
        return self.message_json(message)

    async def api_sendPhoto(self, params: dict[str, Any]) -> Any:
        """Send a picture (uploaded as multipart)."""
        return await self._send_file(params, "photo")

    async def api_sendDocument(self, params: dict[str, Any]) -> Any:
        """Send a file (uploaded as multipart)."""
        return await self._send_file(params, "document")

    async def api_sendChatAction(self, params: dict[str, Any]) -> Any:
        """'typing…': accepted and forgotten."""
        self._writable_chat(params)
        return True

    async def api_getChat(self, params: dict[str, Any]) -> Any:
        """A chat's details."""
        chat = self._chat(params)
        return {**self.chat_json(chat), "accent_color_id": 0, "max_reaction_count": 11}

    def member_json(self, chat: SimChat, user_id: int) -> dict[str, Any]:
        """Telegram's ChatMember object for one user of a group."""
        user = self.bot_json() if user_id == self.bot_id else self.users[user_id].as_json()
        if user_id not in chat.members:
            return {"status": "left", "user": user}
        if user_id in chat.admins:
            rights = [
                "can_be_edited",
                "can_manage_chat",
                "can_delete_messages",
                "can_manage_video_chats",
                "can_restrict_members",
                "can_promote_members",
                "can_change_info",
                "can_invite_users",
                "can_post_stories",
                "can_edit_stories",
                "can_delete_stories",
            ]
            return {
                "status": "administrator",
                "user": user,
                "is_anonymous": False,
                **dict.fromkeys(rights, False),
            }
        return {"status": "member", "user": user}

    def _group(self, params: dict[str, Any]) -> SimChat:
        chat = self._chat(params)
        if chat.type == "private":
            raise ApiError(400, "Bad Request: chat not found")
        if self.bot_id not in chat.members:
            raise ApiError(403, "Forbidden: bot is not a member of the group chat")
        return chat

    async def api_leaveChat(self, params: dict[str, Any]) -> Any:
        """The bot leaves a group or channel."""
        chat = self._group(params)
        chat.members.discard(self.bot_id)
        chat.admins.discard(self.bot_id)
        self._touch(chat)
        return True

    async def api_getChatMemberCount(self, params: dict[str, Any]) -> Any:
        """How many members a group has, bots included (Telegram cannot list them for bots)."""
        return len(self._group(params).members)

    async def api_getChatAdministrators(self, params: dict[str, Any]) -> Any:
        """The group's admins (people only here)."""
        chat = self._group(params)
        return [self.member_json(chat, user_id) for user_id in sorted(chat.admins)]

    async def api_getChatMember(self, params: dict[str, Any]) -> Any:
        """One user's membership of a group."""
        chat = self._group(params)
        user_id = _as_int(params, "user_id")
        if user_id not in self.users and user_id != self.bot_id:
            raise ApiError(400, "Bad Request: PARTICIPANT_ID_INVALID")
        return self.member_json(chat, user_id or 0)

    def _scope_key(self, params: dict[str, Any]) -> str:
        scope = _as_json(params, "scope") or {"type": "default"}
        if not isinstance(scope, dict) or "type" not in scope:
            raise ApiError(400, "Bad Request: can't parse BotCommandScope JSON object")
        suffix = scope.get("chat_id", "")
        suffix = f"{suffix}:{scope['user_id']}" if "user_id" in scope else suffix
        return f"{scope['type']}:{suffix}" if suffix != "" else str(scope["type"])

    async def api_setMyCommands(self, params: dict[str, Any]) -> Any:
        """Set the command menu for a scope."""
        commands = _as_json(params, "commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        for command in commands:
            name = str(command.get("command", "")) if isinstance(command, dict) else ""
            description = str(command.get("description", "")) if isinstance(command, dict) else ""
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self._scoped_chat_known(params)
        self.commands[self._scope_key(params)] = commands
        return True

    async def api_getMyCommands(self, params: dict[str, Any]) -> Any:
        """The command menu for a scope."""
        return self.commands.get(self._scope_key(params), [])

    def _scoped_chat_known(self, params: dict[str, Any]) -> None:
        """As Telegram: a menu for one chat needs a chat the bot knows, so a person who has
        never written to the bot gets "chat not found"."""
        scope = _as_json(params, "scope")
        if isinstance(scope, dict) and scope.get("type") == "chat":
            user = self.users.get(_as_int(scope, "chat_id") or 0)
            known = self.chats.get(_as_int(scope, "chat_id") or 0)
            if known is None or (known.type == "private" and (user is None or not user.started)):
                raise ApiError(400, "Bad Request: chat not found")

    async def api_deleteMyCommands(self, params: dict[str, Any]) -> Any:
        """Remove a scope's command menu."""
        self._scoped_chat_known(params)
        self.commands.pop(self._scope_key(params), None)
        return True

    async def api_close(self, params: dict[str, Any]) -> Any:
        """Accepted; nothing to close here."""
        return True

    async def api_logOut(self, params: dict[str, Any]) -> Any:
        """Accepted; nothing to log out of here."""
        return True
