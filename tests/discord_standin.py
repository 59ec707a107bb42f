"""A stand-in for Discord on 127.0.0.1: the REST calls the worker makes and a gateway websocket speaking the
documented opcodes (HELLO, IDENTIFY, READY, RESUME, heartbeats, dispatches) in plain JSON text frames."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import WSMsgType, web

from . import discord_payloads as p

HELLO, IDENTIFY, RESUME, HEARTBEAT, HEARTBEAT_ACK, DISPATCH = 10, 2, 6, 1, 11, 0


@dataclass
class Call:
    """One REST request the worker made."""

    method: str
    path: str
    body: dict | list | None
    status: int


@dataclass
class StandIn:
    """Records every REST call and gateway opcode; tests push dispatches and drop the connection."""

    calls: list[Call] = field(default_factory=list)
    ops: list[tuple[int, int]] = field(default_factory=list)  # (connection number, opcode received)
    connections: int = 0
    close_codes: dict[int, int | None] = field(default_factory=dict)  # connection number -> how it ended
    rate_limit_followups: int = 0  # answer this many follow-ups with 429 before accepting
    retry_after: float = 0.5
    session_id: str = "standin-session"

    def __post_init__(self) -> None:
        self._ws: web.WebSocketResponse | None = None
        self._seq = 0
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def wait_for(self, what: Callable[[], object], timeout: float) -> object:
        """Wait until what() is truthy (checked whenever the worker talks to us, and every 0.2 s); TimeoutError."""
        deadline = asyncio.get_running_loop().time() + timeout
        while not (result := what()):
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                raise TimeoutError(f"stand-in: condition not met within {timeout} s")
            async with self._changed:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), min(left, 0.2))
        return result

    async def dispatch(self, event: str, data: dict) -> None:
        """Send a gateway dispatch (op 0) with the next sequence number."""
        assert self._ws is not None and not self._ws.closed, "no gateway connection"
        self._seq += 1
        await self._ws.send_str(json.dumps({"op": DISPATCH, "t": event, "s": self._seq, "d": data}))

    async def drop_gateway(self, code: int = 4000) -> None:
        """Close the gateway connection the way Discord does on a server-side error (4000: reconnect and resume)."""
        assert self._ws is not None
        await self._ws.close(code=code, message=b"stand-in dropped the connection")

    def posts(self, fragment: str) -> list[Call]:
        return [c for c in self.calls if c.method == "POST" and fragment in c.path]

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _rest(self, request: web.Request) -> web.Response:
        body = await request.json() if request.can_read_body else None
        path = "/" + request.match_info["tail"]
        status, payload, headers = self._answer(request.method, path, body)
        self.calls.append(Call(request.method, path, body, status))
        await self._notify()
        if payload is None:
            return web.Response(status=status, headers=headers)
        # exactly "application/json", as Discord sends it: discord.py parses nothing else
        headers = {**headers, "Content-Type": "application/json"}
        return web.Response(body=json.dumps(payload).encode(), status=status, headers=headers)

    def _answer(self, method: str, path: str, body) -> tuple[int, dict | list | None, dict]:
        if method == "GET" and path == "/users/@me":
            return 200, p.BOT_USER, {}
        if method == "GET" and path == "/oauth2/applications/@me":
            return 200, p.application(), {}
        if method == "POST" and path.startswith("/interactions/") and path.endswith("/callback"):
            interaction_id = path.split("/")[2]
            data = (body or {}).get("data") or {}
            callback = {"id": interaction_id, "type": 2, "response_message_loading": (body or {}).get("type") == 5}
            callback["response_message_ephemeral"] = bool((data.get("flags") or 0) & 64)
            return 200, {"interaction": callback}, {}
        if method == "POST" and path.startswith(f"/webhooks/{p.APP_ID}/"):
            if self.rate_limit_followups > 0:
                self.rate_limit_followups -= 1
                limited = {"message": "You are being rate limited.", "retry_after": self.retry_after, "global": False}
                return 429, limited, {"Via": "1.1 google", "Retry-After": "1", "X-RateLimit-Scope": "user"}
            return 200, p.message(body or {}), {}
        if method == "DELETE" and path.startswith(f"/webhooks/{p.APP_ID}/") and path.endswith("/messages/@original"):
            return 204, None, {}
        if method == "PUT" and path.startswith(f"/applications/{p.APP_ID}/") and path.endswith("/commands"):
            registered = [
                {**c, "id": str(p.snowflake()), "application_id": str(p.APP_ID), "version": "1"} for c in body
            ]
            return 200, registered, {}
        return 404, {"message": "404: Not Found", "code": 0}, {}

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        self.connections += 1
        number = self.connections
        await ws.send_str(json.dumps({"op": HELLO, "d": {"heartbeat_interval": 41250}, "s": None, "t": None}))
        async for msg in ws:
            if msg.type is not WSMsgType.TEXT:
                continue
            frame = json.loads(msg.data)
            op = frame["op"]
            self.ops.append((number, op))
            if op == HEARTBEAT:
                await ws.send_str(json.dumps({"op": HEARTBEAT_ACK}))
            elif op == IDENTIFY:
                self._seq += 1
                ready = p.ready(self.session_id, self.gateway)
                await ws.send_str(json.dumps({"op": DISPATCH, "t": "READY", "s": self._seq, "d": ready}))
            elif op == RESUME:
                self._seq += 1
                await ws.send_str(json.dumps({"op": DISPATCH, "t": "RESUMED", "s": self._seq, "d": {}}))
            await self._notify()
        self.close_codes[number] = ws.close_code
        await self._notify()
        return ws
