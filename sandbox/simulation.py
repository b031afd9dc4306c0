"""What people do in the sandbox: write, press buttons, block the bot, talk in groups.

These are the operations behind the `/sim/...` HTTP API. Each one makes the update Telegram would
send the bot and queues it for getUpdates.
"""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

from sandbox.limits import Fault
from sandbox.world import CallbackQuery, SimChat, SimError, SimMessage, SimUser, World

# What a person can send besides text, and the message field Telegram uses for each.
_MEDIA: dict[str, dict[str, Any]] = {
    "sticker": {"sticker": {"file_id": "sticker-1", "file_unique_id": "s1", "type": "regular",
                            "width": 512, "height": 512, "is_animated": False, "is_video": False,
                            "emoji": "\N{THUMBS UP SIGN}"}},
    "photo": {"photo": [{"file_id": "photo-1", "file_unique_id": "p1", "width": 800,
                         "height": 600}]},
    "voice": {"voice": {"file_id": "voice-1", "file_unique_id": "v1", "duration": 4}},
    "document": {"document": {"file_id": "doc-1", "file_unique_id": "d1",
                              "file_name": "notes.pdf"}},
    "location": {"location": {"latitude": 51.5, "longitude": -0.12}},
    "contact": {"contact": {"phone_number": "+440000000000", "first_name": "Someone"}},
}  # fmt: skip
MEDIA_KINDS = tuple(_MEDIA)


class Simulation:
    """People acting on a World."""

    def __init__(self, world: World) -> None:
        self.world = world
        self._query_ids = itertools.count(1)

    # --- updates -------------------------------------------------------------------------------

    async def _queue(self, payload: dict[str, Any]) -> int:
        world = self.world
        update = {"update_id": world.next_update_id, **payload}
        world.next_update_id += 1
        world.pending.append(update)
        world.queued_at[update["update_id"]] = world.now()
        world.history[update["update_id"]] = update
        await world._notify()
        return int(update["update_id"])

    async def redeliver(self, update_id: int) -> int:
        """Deliver an already delivered update again, as Telegram may after a restart."""
        update = self.world.history.get(update_id)
        if update is None:
            raise SimError(f"no update {update_id}", status=404)
        if all(u["update_id"] != update_id for u in self.world.pending):
            self.world.pending.append(update)
            self.world.queued_at[update_id] = self.world.now()
            self.world.pending.sort(key=lambda u: u["update_id"])
        await self.world._notify()
        return update_id

    # --- people --------------------------------------------------------------------------------

    def user(self, user_id: int) -> SimUser:
        """A known person, or SimError 404."""
        user = self.world.users.get(user_id)
        if user is None:
            raise SimError(f"no user {user_id}; create it with POST /sim/users", status=404)
        return user

    def add_user(self, user_id: int, first_name: str, **details: Any) -> SimUser:
        """A person with a private chat with the bot (idempotent)."""
        if user_id <= 0 or user_id == self.world.bot_id:
            raise SimError("user_id must be a positive number that is not the bot's id")
        if not first_name.strip():
            raise SimError("first_name must not be empty")
        user = self.world.users.get(user_id)
        if user is None:
            user = SimUser(user_id=user_id, first_name=first_name, **details)
            self.world.users[user_id] = user
            self.world.chats[user_id] = SimChat(
                chat_id=user_id, type="private", members={user_id, self.world.bot_id}
            )
        return user

    async def send(
        self,
        user_id: int,
        text: str | None = None,
        kind: str | None = None,
        chat_id: int | None = None,
    ) -> dict[str, Any]:
        """The person sends text (or a sticker, photo, …) in their private chat or a group."""
        user = self.user(user_id)
        chat = self.world.chats.get(user_id if chat_id is None else chat_id)
        if chat is None:
            raise SimError(f"no chat {chat_id}", status=404)
        if user_id not in chat.members:
            raise SimError(f"user {user_id} is not a member of chat {chat.chat_id}")
        if (text is None) == (kind is None):
            raise SimError(f"send either 'text' or one of {', '.join(MEDIA_KINDS)}")
        if kind is not None and kind not in _MEDIA:
            raise SimError(f"unknown kind {kind!r}; one of {', '.join(MEDIA_KINDS)}")
        if text is not None and not text:
            raise SimError("Telegram does not send empty messages")
        if chat.type == "private":
            user.started = True  # writing to a bot is what lets it write back
            user.blocked = False
        fields: dict[str, Any] = (
            {"text": text} if text is not None else {"extra": _MEDIA[kind or ""]}
        )
        message = self.world._new_message(chat, user_id, **fields)
        version = chat.version  # before the bot can answer (see press)
        key = "channel_post" if chat.type == "channel" else "message"
        update_id = await self._queue({key: self.world.message_json(message)})
        return {"message_id": message.message_id, "update_id": update_id, "version": version}

    async def edit(
        self, user_id: int, message_id: int, text: str, chat_id: int | None = None
    ) -> dict[str, Any]:
        """The person edits a message they sent earlier."""
        self.user(user_id)
        chat = self.world.chats.get(user_id if chat_id is None else chat_id)
        message = chat.messages.get(message_id) if chat else None
        if chat is None or message is None or message.sender_id != user_id:
            raise SimError("that person has no such message to edit", status=404)
        message.text, message.edited = text, True
        self.world._touch(chat)
        update_id = await self._queue({"edited_message": self.world.message_json(message)})
        return {"message_id": message_id, "update_id": update_id}

    async def press(
        self, user_id: int, message_id: int, callback_data: str, chat_id: int | None = None
    ) -> dict[str, Any]:
        """The person presses a button that is on that message's keyboard right now."""
        self.user(user_id)
        chat = self.world.chats.get(user_id if chat_id is None else chat_id)
        if chat is None or user_id not in chat.members:
            raise SimError("that person is not in that chat", status=404)
        message = chat.messages.get(message_id)
        if message is None or message.deleted:
            raise SimError(f"no message {message_id} in chat {chat.chat_id}", status=404)
        if not _has_button(message, callback_data):
            raise SimError("that message has no button with that callback_data now")
        query_id = f"{self.world.bot_id}{next(self._query_ids):08d}"
        self.world.callback_queries[query_id] = CallbackQuery(
            query_id=query_id,
            user_id=user_id,
            chat_id=chat.chat_id,
            message_id=message_id,
            created=self.world.now(),
        )
        payload = {
            "id": query_id,
            "from": self.world.users[user_id].as_json(),
            "message": self.world.message_json(message),
            "chat_instance": str(chat.chat_id),
            "data": callback_data,
        }
        # The version before the bot can see the update: once queued, a fast bot may answer
        # before this returns, and a caller waiting for "a change after this version" must see it.
        version = chat.version
        update_id = await self._queue({"callback_query": payload})
        return {"callback_query_id": query_id, "update_id": update_id, "version": version}

    async def block(self, user_id: int, blocked: bool = True) -> SimUser:
        """From now on the bot gets 403 for this person (or not, when unblocked), and it is told
        with a my_chat_member update (status "kicked", or "member" again), as Telegram does."""
        user = self.user(user_id)
        if user.blocked == blocked:
            return user
        user.blocked = blocked
        if user.started or not blocked:
            user.started = True  # unblocking is the person restarting the bot
            bot = self.world.bot_json()
            was, now = ("member", "kicked") if blocked else ("kicked", "member")
            payload = {
                "chat": self.world.chat_json(self.world.chats[user_id]),
                "from": user.as_json(),
                "date": int(self.world.now()),
                "old_chat_member": _member(was, bot),
                "new_chat_member": _member(now, bot),
            }
            await self._queue({"my_chat_member": payload})
        return user

    async def delete(self, user_id: int, message_id: int) -> dict[str, Any]:
        """The person deletes a message in their private chat (theirs or the bot's, "for both"
        as Telegram lets them): the bot is not told, and its edits then find no message."""
        self.user(user_id)
        chat = self.world.chats[user_id]
        message = chat.messages.get(message_id)
        if message is None or message.deleted:
            raise SimError(f"no message {message_id} in chat {user_id}", status=404)
        message.deleted = True
        self.world._touch(chat)
        await self.world._notify()
        return {"message_id": message_id, "deleted": True}

    async def advance_clock(self, seconds: float) -> dict[str, Any]:
        """Move the sandbox's clock on: updates waiting for the bot, button presses waiting for an
        answer and messages age, as over a weekend's outage, in no time."""
        if seconds < 0:
            raise SimError("the clock only moves forwards")
        self.world.clock_offset += seconds
        await self.world._notify()  # a waiting poll re-checks what has expired
        return {"now": self.world.now(), "offset": self.world.clock_offset}

    def deactivate(self, user_id: int) -> SimUser:
        """The person deleted their account: the bot gets 403 "user is deactivated"."""
        user = self.user(user_id)
        user.deactivated = True
        return user

    def _group(self, chat_id: int) -> SimChat:
        chat = self.world.chats.get(chat_id)
        if chat is None or chat.type == "private":
            raise SimError(f"no group {chat_id}", status=404)
        return chat

    async def migrate(
        self, chat_id: int, by: int, new_chat_id: int | None = None, *, notify: bool = True
    ) -> SimChat:
        """An admin upgrades a group to a supergroup, as Telegram does: a new id (-100…), the
        same people, a `migrate_to_chat_id` message in the old chat and a `migrate_from_chat_id`
        message in the new; from then on every call for the old id is refused with the new id."""
        old = self._group(chat_id)
        self.user(by)
        if old.type != "group" or old.migrated_to is not None:
            raise SimError("only a basic group can be upgraded, once")
        new_id = new_chat_id if new_chat_id is not None else -(10**12) + chat_id
        if new_id >= 0 or new_id in self.world.chats:
            raise SimError(f"chat {new_id} cannot be the new supergroup")
        new = SimChat(
            chat_id=new_id,
            type="supergroup",
            title=old.title,
            members=set(old.members),
            admins=set(old.admins),
        )
        self.world.chats[new_id] = new
        notice = self.world._new_message(old, by, extra={"migrate_to_chat_id": new_id})
        payload = self.world.message_json(notice)
        old.migrated_to = new_id
        welcome = self.world._new_message(new, by, extra={"migrate_from_chat_id": chat_id})
        if notify:  # without: the bot missed the service messages (down at the time)
            await self._queue({"message": payload})
            await self._queue({"message": self.world.message_json(welcome)})
        return new

    async def kick_bot(self, chat_id: int, by: int) -> int:
        """A group admin removes the bot: a my_chat_member update (kicked), and 403 "bot was
        kicked from the group chat" for every send from then on."""
        chat = self._group(chat_id)
        user = self.user(by)
        chat.members.discard(self.world.bot_id)
        chat.admins.discard(self.world.bot_id)
        chat.kicked = True
        bot = self.world.bot_json()
        payload = {
            "chat": self.world.chat_json(chat),
            "from": user.as_json(),
            "date": int(self.world.now()),
            "old_chat_member": {"status": "member", "user": bot},
            "new_chat_member": {"status": "kicked", "user": bot, "until_date": 0},
        }
        return await self._queue({"my_chat_member": payload})

    def set_limits(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Change the sandbox's limits (SandboxLimits fields) from now on."""
        limits = self.world.limits
        for name, value in changes.items():
            if not hasattr(limits, name):
                raise SimError(f"no limit {name!r}")
            setattr(limits, name, None if value is None else float(value))
        self.world.reset_buckets()
        return dict(vars(limits))

    def add_group(
        self,
        chat_id: int,
        title: str,
        member_ids: list[int],
        kind: str = "group",
        admin_ids: list[int] | None = None,
    ) -> SimChat:
        """A group (or channel) the bot is a member of; more members if it exists already."""
        if chat_id >= 0:
            raise SimError("group and channel chat ids are negative, as on Telegram")
        if kind not in ("group", "supergroup", "channel"):
            raise SimError("kind must be group, supergroup or channel")
        for member in member_ids:
            self.user(member)
        chat = self.world.chats.get(chat_id)
        if chat is None:
            chat = SimChat(chat_id=chat_id, type=kind, title=title)
            self.world.chats[chat_id] = chat
        for admin in admin_ids or ():
            self.user(admin)
        chat.title = title
        chat.members |= {*member_ids, *(admin_ids or ()), self.world.bot_id}
        chat.admins |= set(admin_ids or ())
        return chat

    async def bot_added(self, chat: SimChat, by: int) -> int:
        """The my_chat_member update Telegram sends when someone adds the bot to a group."""
        user = self.user(by)
        bot = self.world.bot_json()
        payload = {
            "chat": self.world.chat_json(chat),
            "from": user.as_json(),
            "date": int(self.world.now()),
            "old_chat_member": {"status": "left", "user": bot},
            "new_chat_member": {"status": "member", "user": bot},
        }
        return await self._queue({"my_chat_member": payload})

    # --- what people see -----------------------------------------------------------------------

    def view(self, chat_id: int) -> dict[str, Any]:
        """The chat as a person sees it now."""
        chat = self.world.chats.get(chat_id)
        if chat is None:
            raise SimError(f"no chat {chat_id}", status=404)
        return {
            "chat_id": chat.chat_id,
            "type": chat.type,
            "version": chat.version,
            "messages": [
                _message_view(message, self.world.bot_id)
                for message in chat.messages.values()
                if not message.deleted
            ],
            "notices": list(chat.notices),
            # Calls for this chat that an injected fault refused or dropped: a reply that may
            # never come (a slow one comes later).
            "faults": self.world.faults_by_chat.get(chat.chat_id, 0),
        }

    async def wait_for_change(self, chat_id: int, since_version: int, wait: float) -> None:
        """Wait until the chat has changed after `since_version`, or `wait` seconds pass."""
        chat = self.world.chats.get(chat_id)
        if chat is None:
            raise SimError(f"no chat {chat_id}", status=404)
        deadline = asyncio.get_running_loop().time() + wait
        while chat.version <= since_version:
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                return
            waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self.world.chat_waiters.setdefault(chat.chat_id, []).append(waiter)
            try:
                await asyncio.wait_for(waiter, remaining)
            except TimeoutError:
                waiters = self.world.chat_waiters.get(chat.chat_id, [])
                if waiter in waiters:
                    waiters.remove(waiter)
                return

    def set_faults(self, faults: list[dict[str, Any]]) -> list[Fault]:
        """Replace the injected faults."""
        parsed = []
        for spec in faults:
            fields = {"method", "status", "rate", "retry_after", "delay", "remaining", "lost"}
            unknown = set(spec) - fields
            if unknown:
                raise SimError(f"unknown fault fields: {', '.join(sorted(unknown))}")
            fault = Fault(**spec)
            if fault.status not in (0, 403, 429, 500, 502, 503, 504):
                raise SimError("status must be 0 (delay only), 403, 429, 500, 502, 503 or 504")
            if not 0 <= fault.rate <= 1:
                raise SimError("rate must be between 0 and 1")
            parsed.append(fault)
        self.world.faults = parsed
        return parsed


def _member(status: str, user: dict[str, Any]) -> dict[str, Any]:
    """A ChatMember object; a "kicked" one carries until_date (0: for ever), as Telegram's does."""
    return {"status": status, "user": user} | ({"until_date": 0} if status == "kicked" else {})


def _has_button(message: SimMessage, callback_data: str) -> bool:
    markup = message.reply_markup or {}
    return any(
        button.get("callback_data") == callback_data
        for row in markup.get("inline_keyboard", [])
        for button in row
    )


def _message_view(message: SimMessage, bot_id: int) -> dict[str, Any]:
    view: dict[str, Any] = {
        "message_id": message.message_id,
        "from": "bot" if message.sender_id == bot_id else message.sender_id,
        "text": message.text,
        "edited": message.edited,
        "first_text": message.first_text,
        "keyboard": [
            [{"text": b.get("text"), "callback_data": b.get("callback_data")} for b in row]
            for row in (message.reply_markup or {}).get("inline_keyboard", [])
        ],
    }
    if message.caption is not None:
        view["caption"] = message.caption
    file = message.extra.get("_file")
    if file is not None:
        view["photo" if "photo" in message.extra else "document"] = file
    for kind in MEDIA_KINDS:
        if message.sender_id != bot_id and kind in message.extra:
            view["kind"] = kind
    return view
