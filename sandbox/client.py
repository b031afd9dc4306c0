"""Play people against a running sandbox over its simulation API.

`SimClient` is a thin typed wrapper over `/sim/...`. `Person` reads like a dialogue: a person says
something or taps a button, and gets back what the bot showed them in answer. The demo, `staypulse
chat` and the end-to-end tests all use it.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp

# A reply is complete when the chat has been quiet this long after the first change.
SETTLE_SECONDS = 0.25


class SimClientError(Exception):
    """The sandbox refused a simulation request; the message is its reason."""


@dataclass(frozen=True)
class Button:
    """An inline button as the person sees it."""

    text: str
    callback_data: str | None


@dataclass(frozen=True)
class Shown:
    """A bot message as the person sees it."""

    message_id: int
    text: str
    keyboard: tuple[tuple[Button, ...], ...] = ()
    edited: bool = False
    photo: dict[str, Any] | None = None
    document: dict[str, Any] | None = None

    @property
    def buttons(self) -> list[Button]:
        """Every button, row by row."""
        return [button for row in self.keyboard for button in row]

    def button(self, label: str) -> Button:
        """The button whose text is `label` (or starts with it)."""
        for button in self.buttons:
            if button.text == label:
                return button
        for button in self.buttons:
            if button.text.startswith(label):
                return button
        labels = ", ".join(repr(b.text) for b in self.buttons) or "none"
        raise LookupError(f"no button {label!r} on message {self.message_id} (buttons: {labels})")


def _shown(raw: dict[str, Any]) -> Shown:
    keyboard = tuple(
        tuple(Button(b.get("text", ""), b.get("callback_data")) for b in row)
        for row in raw.get("keyboard", [])
    )
    return Shown(
        message_id=raw["message_id"],
        text=raw.get("text") or raw.get("caption") or "",
        keyboard=keyboard,
        edited=bool(raw.get("edited")),
        photo=raw.get("photo"),
        document=raw.get("document"),
    )


def newest_button(messages: list[dict[str, Any]], *labels: str) -> tuple[int, str]:
    """In a chat view's messages, the newest bot button labelled one of `labels`: its message id
    and callback data. LookupError if there is none."""
    for message in reversed(messages):
        if message["from"] != "bot":
            continue
        for row in message.get("keyboard") or []:
            for button in row:
                if button["text"] in labels:
                    return message["message_id"], button["callback_data"]
    raise LookupError(f"no button labelled any of {labels!r}")


class SimClient:
    """The simulation API over HTTP."""

    def __init__(self, base_url: str, *, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self._http: aiohttp.ClientSession | None = None

    @property
    def http(self) -> aiohttp.ClientSession:
        """The connection pool, made on first use (it belongs to the running event loop)."""
        if self._http is None:
            # Many simulated people wait on the sandbox at once (long polls of their chats), so
            # the pool is unbounded. aiohttp rather than httpx here: httpcore's pool checks every
            # open connection whenever a request starts or ends, and with a thousand people
            # waiting that bookkeeping took 85% of the benchmark harness's time.
            self._http = aiohttp.ClientSession(
                self.base_url + "/",
                connector=aiohttp.TCPConnector(limit=0),
                timeout=aiohttp.ClientTimeout(total=self.timeout),
            )
        return self._http

    async def close(self) -> None:
        """Close the HTTP connection pool."""
        if self._http is not None:
            await self._http.close()
            self._http = None

    async def __aenter__(self) -> SimClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _call(
        self, method: str, path: str, *, seconds: float | None = None, **kwargs: Any
    ) -> Any:
        if seconds is not None:  # else the session's own time-out
            kwargs["timeout"] = aiohttp.ClientTimeout(total=seconds)
        try:
            async with self.http.request(method, path.lstrip("/"), **kwargs) as response:
                text = await response.text()
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise SimClientError(f"sandbox unreachable: {type(exc).__name__}") from exc
        try:
            body = json.loads(text)
        except ValueError:
            raise SimClientError(text) from None
        if not body.get("ok"):
            raise SimClientError(body.get("error") or body.get("description") or text)
        return body["result"]

    async def add_user(self, user_id: int, first_name: str, **details: Any) -> dict[str, Any]:
        """Create a person with a private chat."""
        payload = {"user_id": user_id, "first_name": first_name, **details}
        result: dict[str, Any] = await self._call("POST", "/sim/users", json=payload)
        return result

    async def send(
        self,
        user_id: int,
        text: str | None = None,
        *,
        kind: str | None = None,
        chat_id: int | None = None,
    ) -> dict[str, Any]:
        """The person sends text, or a sticker/photo/voice/document/location."""
        payload: dict[str, Any] = {"text": text} if kind is None else {kind: True}
        if chat_id is not None:
            payload["chat_id"] = chat_id
        result: dict[str, Any] = await self._call(
            "POST", f"/sim/users/{user_id}/messages", json=payload
        )
        return result

    async def press(
        self, user_id: int, message_id: int, callback_data: str, chat_id: int | None = None
    ) -> dict[str, Any]:
        """The person presses a button on a message."""
        payload: dict[str, Any] = {"message_id": message_id, "callback_data": callback_data}
        if chat_id is not None:
            payload["chat_id"] = chat_id
        result: dict[str, Any] = await self._call(
            "POST", f"/sim/users/{user_id}/press", json=payload
        )
        return result

    async def block(self, user_id: int) -> None:
        """The person blocks the bot."""
        await self._call("POST", f"/sim/users/{user_id}/block")

    async def unblock(self, user_id: int) -> None:
        """The person unblocks the bot (Telegram's "Restart bot")."""
        await self._call("POST", f"/sim/users/{user_id}/unblock")

    async def delete(self, user_id: int, message_id: int) -> None:
        """The person deletes a message in their private chat with the bot."""
        await self._call("POST", f"/sim/users/{user_id}/delete", json={"message_id": message_id})

    async def advance_clock(self, seconds: float) -> None:
        """Move the sandbox's clock on (updates, button presses and messages age)."""
        await self._call("POST", "/sim/clock", json={"advance": seconds})

    async def add_group(
        self,
        chat_id: int,
        title: str,
        member_ids: list[int],
        kind: str = "group",
        *,
        admin_ids: list[int] | None = None,
        added_by: int | None = None,
    ) -> None:
        """A group chat (or supergroup, or channel) with the bot in it; with `added_by`, the bot
        is told who added it (a my_chat_member update)."""
        payload: dict[str, Any] = {
            "chat_id": chat_id,
            "title": title,
            "member_ids": member_ids,
            "type": kind,
            "admin_ids": admin_ids or [],
        }
        if added_by is not None:
            payload["added_by"] = added_by
        await self._call("POST", "/sim/groups", json=payload)

    async def edit(
        self, user_id: int, message_id: int, text: str, *, chat_id: int | None = None
    ) -> dict[str, Any]:
        """The person edits a message they sent earlier."""
        payload: dict[str, Any] = {"message_id": message_id, "text": text}
        if chat_id is not None:
            payload["chat_id"] = chat_id
        result: dict[str, Any] = await self._call(
            "POST", f"/sim/users/{user_id}/edits", json=payload
        )
        return result

    async def group_send(self, chat_id: int, user_id: int, text: str) -> dict[str, Any]:
        """A member writes in a group."""
        result: dict[str, Any] = await self._call(
            "POST", f"/sim/groups/{chat_id}/messages", json={"user_id": user_id, "text": text}
        )
        return result

    async def view(
        self, chat_id: int, *, since_version: int | None = None, wait: float = 10.0
    ) -> dict[str, Any]:
        """The chat as its people see it; with since_version, wait up to `wait` s for a change."""
        params: dict[str, Any] = {}
        if since_version is not None:
            params = {"since_version": since_version, "timeout": wait}
        result: dict[str, Any] = await self._call(
            "GET", f"/sim/chats/{chat_id}/messages", params=params, seconds=wait + 5
        )
        return result

    async def deactivate(self, user_id: int) -> None:
        """The person deletes their account."""
        await self._call("POST", f"/sim/users/{user_id}/deactivate", json={})

    async def migrate(
        self, chat_id: int, by: int, new_chat_id: int | None = None, *, notify: bool = True
    ) -> int:
        """An admin upgrades a group to a supergroup; the new chat id (`notify=False`: the bot
        is not sent the service messages, as if it missed them)."""
        body: dict[str, Any] = {"by": by, "notify": notify}
        if new_chat_id is not None:
            body["new_chat_id"] = new_chat_id
        chat = await self._call("POST", f"/sim/groups/{chat_id}/migrate", json=body)
        return int(chat["id"])

    async def kick_bot(self, chat_id: int, by: int) -> None:
        """A group admin removes the bot from the group."""
        await self._call("POST", f"/sim/groups/{chat_id}/kick", json={"by": by})

    async def set_limits(self, **limits: float | None) -> dict[str, Any]:
        """Change the sandbox's limits (SandboxLimits fields) from now on."""
        result: dict[str, Any] = await self._call("POST", "/sim/limits", json=limits)
        return result

    async def set_faults(self, *faults: dict[str, Any]) -> None:
        """Inject faults (replacing any before)."""
        await self._call("POST", "/sim/faults", json={"faults": list(faults)})

    async def clear_faults(self) -> None:
        """Remove every injected fault."""
        await self._call("DELETE", "/sim/faults")

    async def stats(self) -> dict[str, Any]:
        """Calls by method and status."""
        result: dict[str, Any] = await self._call("GET", "/sim/stats")
        return result

    async def redeliver(self, update_id: int) -> None:
        """Deliver an update to the bot again."""
        await self._call("POST", f"/sim/updates/{update_id}/redeliver")


@dataclass
class Person:
    """Someone in a chat with the bot, written for dialogue-style scripts and tests."""

    client: SimClient
    user_id: int
    first_name: str
    chat_id: int = 0
    _seen: dict[int, Shown] = field(default_factory=dict)
    _version: int = 0
    notices: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.chat_id:
            self.chat_id = self.user_id

    async def join(self) -> Person:
        """Create the person in the sandbox."""
        await self.client.add_user(self.user_id, self.first_name)
        return self

    async def says(self, text: str, *, wait: float = 10.0) -> list[Shown]:
        """Send text; return the bot messages that are new or changed in answer."""
        sent = await self.client.send(self.user_id, text, chat_id=self._chat_arg())
        return await self.answer(wait=wait, after=sent["version"])

    async def sends(self, kind: str, *, wait: float = 10.0) -> list[Shown]:
        """Send a sticker, photo, voice note, document or location."""
        sent = await self.client.send(self.user_id, kind=kind, chat_id=self._chat_arg())
        return await self.answer(wait=wait, after=sent["version"])

    async def taps(self, label: str, *, on: Shown | None = None, wait: float = 10.0) -> list[Shown]:
        """Tap the button labelled `label` on `on`, or on the newest message that has it."""
        message = on or await self.message_with_button(label)
        button = message.button(label)
        assert button.callback_data is not None
        pressed = await self.client.press(
            self.user_id, message.message_id, button.callback_data, chat_id=self._chat_arg()
        )
        return await self.answer(wait=wait, after=pressed["version"])

    async def presses(
        self, message_id: int, callback_data: str, *, wait: float = 10.0
    ) -> list[Shown]:
        """Press raw callback data on a message (for stale or forged buttons)."""
        pressed = await self.client.press(
            self.user_id, message_id, callback_data, chat_id=self._chat_arg()
        )
        return await self.answer(wait=wait, after=pressed["version"])

    async def message_with_button(self, label: str) -> Shown:
        """The newest bot message carrying a button labelled `label`."""
        for message in reversed(await self.chat()):
            try:
                message.button(label)
            except LookupError:
                continue
            return message
        raise LookupError(f"no message in chat {self.chat_id} has a button {label!r}")

    async def chat(self) -> list[Shown]:
        """Every bot message in the chat now, oldest first."""
        view = await self.client.view(self.chat_id)
        return [_shown(m) for m in view["messages"] if m["from"] == "bot"]

    async def last(self) -> Shown:
        """The newest bot message."""
        messages = await self.chat()
        if not messages:
            raise LookupError("the bot has said nothing in this chat")
        return messages[-1]

    async def answer(self, *, wait: float = 10.0, after: int | None = None) -> list[Shown]:
        """Wait for the bot to change the chat after version `after`, then for the chat to
        settle; return the bot messages that are new or changed."""
        deadline = time.monotonic() + wait
        since = self._version if after is None else after
        view = await self.client.view(
            self.chat_id, since_version=since, wait=max(0.1, deadline - time.monotonic())
        )
        # Keep reading while the bot is still writing (e.g. a reply then a keyboard edit).
        while time.monotonic() < deadline:
            later = await self.client.view(
                self.chat_id, since_version=view["version"], wait=SETTLE_SECONDS
            )
            if later["version"] == view["version"]:
                break
            view = later
        return self._diff(view)

    async def expect(self, fragment: str, *, wait: float = 10.0) -> Shown:
        """Wait until a bot message containing `fragment` is shown; return it."""
        deadline = time.monotonic() + wait
        version = -1
        while True:
            view = await self.client.view(
                self.chat_id, since_version=version, wait=max(0.05, deadline - time.monotonic())
            )
            for raw in reversed(view["messages"]):
                if raw["from"] == "bot" and fragment in (
                    raw.get("text") or raw.get("caption") or ""
                ):
                    self._diff(view)
                    return _shown(raw)
            if time.monotonic() >= deadline:
                texts = [m.get("text") for m in view["messages"] if m["from"] == "bot"][-3:]
                raise AssertionError(f"bot never said {fragment!r}; last messages: {texts}")
            version = view["version"]
            await asyncio.sleep(0)

    def _chat_arg(self) -> int | None:
        return None if self.chat_id == self.user_id else self.chat_id

    def _diff(self, view: dict[str, Any]) -> list[Shown]:
        self._version = view["version"]
        changed = []
        for raw in view["messages"]:
            if raw["from"] != "bot":
                continue
            shown = _shown(raw)
            if self._seen.get(shown.message_id) != shown:
                changed.append(shown)
            self._seen[shown.message_id] = shown
        notices = view.get("notices", [])
        self.notices = [n["text"] for n in notices]
        return changed
