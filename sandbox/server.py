"""The sandbox over HTTP: the Bot API under `/bot<token>/<method>` and the simulation API under
`/sim/...`, on loopback. See docs/sandbox.md for the simulation API with curl examples."""

from __future__ import annotations

import asyncio
import json
import secrets
from typing import Any

from aiohttp import BodyPartReader, web

from sandbox.limits import SandboxLimits
from sandbox.simulation import Simulation
from sandbox.world import AnswerLost, ApiError, SimError, World

DEFAULT_BOT_ID = 7000000001


def make_token(bot_id: int = DEFAULT_BOT_ID) -> str:
    """A token of Telegram's shape for the sandbox's bot."""
    return f"{bot_id}:{secrets.token_urlsafe(27)}"


def _envelope_error(exc: ApiError) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": exc.code, "description": exc.description}
    if exc.retry_after is not None:
        body["parameters"] = {"retry_after": exc.retry_after}
    if exc.migrate_to_chat_id is not None:
        body["parameters"] = {"migrate_to_chat_id": exc.migrate_to_chat_id}
    return web.json_response(body, status=exc.code)


async def _read_params(request: web.Request) -> dict[str, Any]:
    """Bot API parameters from the query string and a JSON, form or multipart body."""
    params: dict[str, Any] = dict(request.query)
    if not request.can_read_body:
        return params
    content_type = request.content_type
    if content_type == "application/json":
        try:
            body = await request.json()
        except json.JSONDecodeError:
            raise ApiError(400, "Bad Request: can't parse JSON body") from None
        if not isinstance(body, dict):
            raise ApiError(400, "Bad Request: JSON body must be an object")
        params.update(body)
    elif content_type == "multipart/form-data":
        files: dict[str, dict[str, Any]] = {}
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader) or part.name is None:
                continue
            data = await part.read()
            if part.filename is not None:
                files[part.name] = {"name": part.filename, "size": len(data)}
            else:
                params[part.name] = data.decode("utf-8")
        for key, value in list(params.items()):
            if isinstance(value, str) and value.startswith("attach://"):
                params[key] = files.get(value.removeprefix("attach://"), value)
        for name, file in files.items():
            params.setdefault(name, file)
    else:
        params.update(await request.post())
    return params


class Sandbox:
    """A local Bot API for one bot, plus the simulation API to play its users."""

    def __init__(
        self,
        token: str | None = None,
        *,
        bot_username: str = "staypulse_bot",
        limits: SandboxLimits | None = None,
        seed: int | None = None,
    ) -> None:
        self.token = token or make_token()
        self.world = World(self.token, bot_username=bot_username, limits=limits, seed=seed)
        self.sim = Simulation(self.world)
        self._runner: web.AppRunner | None = None
        self.url = ""

    def app(self) -> web.Application:
        """The aiohttp application with every route."""
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._bot_api)
        app.router.add_route("*", "/file/bot{token}/{path:.*}", self._no_files)
        add = app.router.add_route
        add("POST", "/sim/users", self._add_user)
        add("POST", "/sim/users/{user_id}/messages", self._user_message)
        add("POST", "/sim/users/{user_id}/edits", self._user_edit)
        add("POST", "/sim/users/{user_id}/press", self._press)
        add("POST", "/sim/users/{user_id}/block", self._block)
        add("POST", "/sim/users/{user_id}/unblock", self._unblock)
        add("POST", "/sim/users/{user_id}/delete", self._delete)
        add("POST", "/sim/clock", self._clock)
        add("POST", "/sim/users/{user_id}/deactivate", self._deactivate)
        add("POST", "/sim/groups/{chat_id}/migrate", self._migrate)
        add("POST", "/sim/groups/{chat_id}/kick", self._kick)
        add("POST", "/sim/limits", self._set_limits)
        add("POST", "/sim/groups", self._add_group)
        add("POST", "/sim/groups/{chat_id}/messages", self._group_message)
        add("GET", "/sim/chats/{chat_id}/messages", self._chat_messages)
        add("POST", "/sim/updates/{update_id}/redeliver", self._redeliver)
        add("POST", "/sim/faults", self._set_faults)
        add("DELETE", "/sim/faults", self._clear_faults)
        add("GET", "/sim/stats", self._stats)
        add("GET", "/sim/commands", self._commands)
        add("GET", "/sim/bot", self._bot_info)
        return app

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Serve on host:port (0 picks a free port); return the base URL."""
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        sockets = getattr(site._server, "sockets", None)
        assert sockets, "the sandbox did not bind a socket"
        bound_port = sockets[0].getsockname()[1]
        self.url = f"http://{host}:{bound_port}"
        return self.url

    async def stop(self) -> None:
        """Stop serving; waiting long polls are released."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # --- Bot API -------------------------------------------------------------------------------

    async def _bot_api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        try:
            params = await _read_params(request)
            result = await self.world.call(request.match_info["token"], method, params)
        except ApiError as exc:
            return _envelope_error(exc)
        except AnswerLost as exc:
            await asyncio.sleep(exc.delay)
            if request.transport is not None:
                request.transport.close()  # no answer: the bot sees a dropped connection
            return web.Response(status=499)
        return web.json_response({"ok": True, "result": result})

    async def _no_files(self, request: web.Request) -> web.StreamResponse:
        return web.json_response(
            {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
        )

    # --- simulation API ------------------------------------------------------------------------

    @staticmethod
    async def _json(request: web.Request) -> dict[str, Any]:
        if not request.can_read_body:
            return {}
        try:
            body = await request.json()
        except json.JSONDecodeError:
            raise SimError("the body must be JSON") from None
        if not isinstance(body, dict):
            raise SimError("the body must be a JSON object")
        return body

    @staticmethod
    def _int(value: Any, name: str) -> int:
        try:
            return int(value)
        except (TypeError, ValueError):
            raise SimError(f"{name} must be a whole number") from None

    async def _sim(self, request: web.Request, action: Any) -> web.Response:
        try:
            result = await action(await self._json(request))
        except SimError as exc:
            return web.json_response({"ok": False, "error": str(exc)}, status=exc.status)
        return web.json_response({"ok": True, "result": result})

    async def _add_user(self, request: web.Request) -> web.Response:
        async def act(body: dict[str, Any]) -> Any:
            user = self.sim.add_user(
                self._int(body.get("user_id"), "user_id"),
                str(body.get("first_name", "")),
                **{k: body[k] for k in ("last_name", "username", "language_code") if k in body},
            )
            if body.get("started"):  # has written to the bot before, so it may write to them
                user.started = True
            return user.as_json()

        return await self._sim(request, act)

    async def _user_message(self, request: web.Request) -> web.Response:
        async def act(body: dict[str, Any]) -> Any:
            user_id = self._int(request.match_info["user_id"], "user_id")
            kinds = [k for k in body if k not in ("text", "chat_id")]
            kind = kinds[0] if kinds else None
            chat_id = self._int(body["chat_id"], "chat_id") if "chat_id" in body else None
            text = body.get("text")
            return await self.sim.send(user_id, None if text is None else str(text), kind, chat_id)

        return await self._sim(request, act)

    async def _user_edit(self, request: web.Request) -> web.Response:
        async def act(body: dict[str, Any]) -> Any:
            user_id = self._int(request.match_info["user_id"], "user_id")
            return await self.sim.edit(
                user_id, self._int(body.get("message_id"), "message_id"), str(body.get("text", ""))
            )

        return await self._sim(request, act)

    async def _press(self, request: web.Request) -> web.Response:
        async def act(body: dict[str, Any]) -> Any:
            user_id = self._int(request.match_info["user_id"], "user_id")
            chat_id = self._int(body["chat_id"], "chat_id") if "chat_id" in body else None
            return await self.sim.press(
                user_id,
                self._int(body.get("message_id"), "message_id"),
                str(body.get("callback_data", "")),
                chat_id,
            )

        return await self._sim(request, act)

    async def _block(self, request: web.Request) -> web.Response:
        async def act(body: dict[str, Any]) -> Any:
            user = await self.sim.block(self._int(request.match_info["user_id"], "user_id"))
            return {"user_id": user.user_id, "blocked": user.blocked}

        return await self._sim(request, act)

    async def _unblock(self, request: web.Request) -> web.Response:
        async def act(body: dict[str, Any]) -> Any:
            user = await self.sim.block(self._int(request.match_info["user_id"], "user_id"), False)
            return {"user_id": user.user_id, "blocked": user.blocked}

        return await self._sim(request, act)

    async def _delete(self, request: web.Request) -> web.Response:
        async def act(body: dict[str, Any]) -> Any:
            user_id = self._int(request.match_info["user_id"], "user_id")
            return await self.sim.delete(user_id, self._int(body.get("message_id"), "message_id"))

        return await self._sim(request, act)

    async def _clock(self, request: web.Request) -> web.Response:
        async def act(body: dict[str, Any]) -> Any:
            try:
                seconds = float(body.get("advance", 0))
            except (TypeError, ValueError):
                raise SimError("advance must be a number of seconds") from None
            return await self.sim.advance_clock(seconds)

        return await self._sim(request, act)

    async def _deactivate(self, request: web.Request) -> web.Response:
        async def act(body: dict[str, Any]) -> Any:
            user = self.sim.deactivate(self._int(request.match_info["user_id"], "user_id"))
            return {"user_id": user.user_id, "deactivated": user.deactivated}

        return await self._sim(request, act)

    async def _migrate(self, request: web.Request) -> web.Response:
        async def act(body: dict[str, Any]) -> Any:
            chat_id = self._int(request.match_info["chat_id"], "chat_id")
            new_id = body.get("new_chat_id")
            chat = await self.sim.migrate(
                chat_id,
                self._int(body.get("by"), "by"),
                None if new_id is None else self._int(new_id, "new_chat_id"),
                notify=bool(body.get("notify", True)),
            )
            return self.world.chat_json(chat)

        return await self._sim(request, act)

    async def _kick(self, request: web.Request) -> web.Response:
        async def act(body: dict[str, Any]) -> Any:
            chat_id = self._int(request.match_info["chat_id"], "chat_id")
            await self.sim.kick_bot(chat_id, self._int(body.get("by"), "by"))
            return {"chat_id": chat_id, "kicked": True}

        return await self._sim(request, act)

    async def _set_limits(self, request: web.Request) -> web.Response:
        async def act(body: dict[str, Any]) -> Any:
            return self.sim.set_limits(body)

        return await self._sim(request, act)

    async def _add_group(self, request: web.Request) -> web.Response:
        async def act(body: dict[str, Any]) -> Any:
            members, admins = body.get("member_ids", []), body.get("admin_ids", [])
            if not isinstance(members, list) or not isinstance(admins, list):
                raise SimError("member_ids and admin_ids must be lists")
            chat = self.sim.add_group(
                self._int(body.get("chat_id"), "chat_id"),
                str(body.get("title", "")),
                [self._int(m, "member_ids") for m in members],
                str(body.get("type", "group")),
                [self._int(a, "admin_ids") for a in admins],
            )
            if body.get("added_by") is not None:  # tell the bot, as Telegram does
                await self.sim.bot_added(chat, self._int(body["added_by"], "added_by"))
            return self.world.chat_json(chat)

        return await self._sim(request, act)

    async def _group_message(self, request: web.Request) -> web.Response:
        async def act(body: dict[str, Any]) -> Any:
            chat_id = self._int(request.match_info["chat_id"], "chat_id")
            text = body.get("text")
            return await self.sim.send(
                self._int(body.get("user_id"), "user_id"),
                None if text is None else str(text),
                None,
                chat_id,
            )

        return await self._sim(request, act)

    async def _chat_messages(self, request: web.Request) -> web.Response:
        try:
            chat_id = self._int(request.match_info["chat_id"], "chat_id")
            if "since_version" in request.query:
                wait = min(float(request.query.get("timeout", "10")), 60.0)
                since = self._int(request.query["since_version"], "since_version")
                await self.sim.wait_for_change(chat_id, since, wait)
            view = self.sim.view(chat_id)
        except (SimError, ValueError) as exc:
            status = exc.status if isinstance(exc, SimError) else 400
            return web.json_response({"ok": False, "error": str(exc)}, status=status)
        return web.json_response({"ok": True, "result": view})

    async def _redeliver(self, request: web.Request) -> web.Response:
        async def act(body: dict[str, Any]) -> Any:
            update_id = self._int(request.match_info["update_id"], "update_id")
            return {"update_id": await self.sim.redeliver(update_id)}

        return await self._sim(request, act)

    async def _set_faults(self, request: web.Request) -> web.Response:
        async def act(body: dict[str, Any]) -> Any:
            specs = body.get("faults", [body])
            if not isinstance(specs, list) or not all(isinstance(s, dict) for s in specs):
                raise SimError('send one fault object, or {"faults": [...]}')
            try:
                faults = self.sim.set_faults(specs)
            except TypeError as exc:
                raise SimError(str(exc)) from None
            return {"faults": len(faults)}

        return await self._sim(request, act)

    async def _clear_faults(self, request: web.Request) -> web.Response:
        self.sim.set_faults([])
        return web.json_response({"ok": True, "result": {"faults": 0}})

    async def _stats(self, request: web.Request) -> web.Response:
        return web.json_response({"ok": True, "result": self.world.stats.as_json()})

    async def _commands(self, request: web.Request) -> web.Response:
        return web.json_response({"ok": True, "result": self.world.commands})

    async def _bot_info(self, request: web.Request) -> web.Response:
        return web.json_response({"ok": True, "result": self.world.bot_json()})
