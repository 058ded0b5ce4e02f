"""A fake LINE Messaging API on 127.0.0.1, and signed webhook deliveries shaped like LINE's, for the LINE tests.

The fake is a real HTTP server (the SDK's own HTTP client talks to it). It records every call, checks the
access token and LINE's message limits, uses a reply token only once (then "Invalid reply token", as LINE),
answers a push whose X-Line-Retry-Key it already took with 409, and can be scripted to fail or to be slow.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

import pytest

SECRET = "test-channel-secret"
TOKEN = "test-channel-access-token"
STAFF_GROUP = "Cstaffgroup0000000000000000000000"
USER = "U0000000000000000000000000000user"

REPLY = "/v2/bot/message/reply"
PUSH = "/v2/bot/message/push"
LOADING = "/v2/bot/chat/loading/start"


@dataclass
class Call:
    path: str
    headers: dict[str, str]  # lower-case names
    body: Any
    status: int = 0  # what the fake answered; 0 until it has
    connection: tuple[str, int] = ("", 0)  # the client's address: one per TCP connection the call came on

    @property
    def retry_key(self) -> str | None:
        return self.headers.get("x-line-retry-key")

    @property
    def messages(self) -> list[dict]:
        return list((self.body or {}).get("messages", []))

    @property
    def texts(self) -> list[str]:
        return [m.get("text", "") for m in self.messages]

    @property
    def quick_replies(self) -> list[dict]:
        """The quick-reply actions of the last message (LINE shows only those)."""
        last = self.messages[-1] if self.messages else {}
        return [item["action"] for item in (last.get("quickReply") or {}).get("items", [])]


@dataclass
class _Script:
    status: int  # 0: answer normally, after ``delay``
    message: str = ""
    delay: float = 0.0


@dataclass
class FakeLineApi:
    token: str = TOKEN
    calls: list[Call] = field(default_factory=list)
    # Called with each call before it is answered (e.g. to look at the database at that moment).
    on_request: Callable[[Call], None] | None = None

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._scripts: dict[str, deque[_Script]] = defaultdict(deque)
        self._retry_keys: set[str] = set()
        self._used_reply_tokens: set[str] = set()
        self._close_after: deque[str] = deque()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # as LINE's API: a connection stays open for the client's next call
            # Headers and body go out in two writes: without this the body waits for the client's delayed ACK.
            disable_nagle_algorithm = True

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                if len(raw) < length:  # the caller died while sending (a test kills it): LINE never got a request
                    self.close_connection = True
                    return
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:
                    body = None
                call = Call(self.path, {k.lower(): v for k, v in self.headers.items()}, body,
                            connection=self.client_address[:2])
                status, payload, delay = fake._respond(call)
                if delay:
                    time.sleep(delay)
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    if fake._closes(call.path):
                        self.send_header("Connection", "close")
                        self.close_connection = True
                    if status == 409:
                        self.send_header("X-Line-Accepted-Request-Id", str(uuid.uuid4()))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a scripted delay)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-line-api", daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "FakeLineApi":
        self._thread.start()
        return self

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- scripting ---------------------------------------------------------------------------------------

    def fail_next(self, path: str, status: int, times: int = 1, message: str = "") -> None:
        """The next ``times`` calls to ``path`` get ``status`` and are not carried out."""
        with self._lock:
            self._scripts[path].extend(_Script(status, message or f"scripted failure {status}") for _ in range(times))

    def delay_next(self, path: str, seconds: float, times: int = 1) -> None:
        """The next ``times`` calls to ``path`` are carried out at once but answered ``seconds`` later."""
        with self._lock:
            self._scripts[path].extend(_Script(0, delay=seconds) for _ in range(times))

    def close_after_next(self, path: str) -> None:
        """The next call to ``path`` is answered as usual, and then its connection is closed."""
        with self._lock:
            self._close_after.append(path)

    def _closes(self, path: str) -> bool:
        with self._lock:
            if path in self._close_after:
                self._close_after.remove(path)
                return True
            return False

    def clear_scripts(self) -> None:
        with self._lock:
            self._scripts.clear()

    def expire_reply_token(self, token: str) -> None:
        with self._lock:
            self._used_reply_tokens.add(token)

    # -- what happened -------------------------------------------------------------------------------------

    def calls_to(self, path: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.path == path]

    def accepted(self, path: str) -> list[Call]:
        """Calls to ``path`` that LINE would have carried out (2xx)."""
        return [c for c in self.calls_to(path) if 200 <= c.status < 300]

    # -- the fake API ------------------------------------------------------------------------------------

    def _respond(self, call: Call) -> tuple[int, dict, float]:
        if self.on_request is not None:
            self.on_request(call)
        with self._lock:
            self.calls.append(call)
            status, payload, delay = self._answer(call)
            call.status = status
        return status, payload, delay

    def _answer(self, call: Call) -> tuple[int, dict, float]:
        if call.headers.get("authorization") != f"Bearer {self.token}":
            return 401, {"message": "Authentication failed. Confirm that the access token is valid."}, 0
        delay = 0.0
        if self._scripts[call.path]:
            script = self._scripts[call.path].popleft()
            if script.status:
                return script.status, {"message": script.message}, 0
            delay = script.delay
        body = call.body if isinstance(call.body, dict) else {}
        if call.path == LOADING:
            if not str(body.get("chatId", "")).startswith("U"):
                return 400, {"message": "The request body has 1 error(s)", "details": [{"property": "chatId"}]}, delay
            return 202, {}, delay
        if call.path not in (REPLY, PUSH):
            return 404, {"message": "Not found"}, delay
        problems = _message_problems(body.get("messages"))
        if problems:
            return 400, {"message": f"The request body has {len(problems)} error(s)", "details": problems}, delay
        if call.path == REPLY:
            token = body.get("replyToken", "")
            if token in self._used_reply_tokens:
                return 400, {"message": "Invalid reply token"}, delay
            self._used_reply_tokens.add(token)
        else:
            if call.retry_key in self._retry_keys:
                return 409, {"message": "The retry key is already accepted"}, delay
            if call.retry_key:
                self._retry_keys.add(call.retry_key)
        sent = [{"id": str(uuid.uuid4().int)[:18], "quoteToken": uuid.uuid4().hex} for _ in body["messages"]]
        return 200, {"sentMessages": sent}, delay


def _message_problems(messages: Any) -> list[dict]:
    """LINE's limits on what we send: 1-5 messages, text 1-5000 chars, 13 quick replies, labels of 20 chars."""
    if not isinstance(messages, list) or not 1 <= len(messages) <= 5:
        return [{"property": "messages", "message": "must be 1 to 5 messages"}]
    problems = []
    for n, m in enumerate(messages):
        if m.get("type") == "text" and not 1 <= len(m.get("text", "")) <= 5000:
            problems.append({"property": f"messages[{n}].text", "message": "length must be 1 to 5000"})
        items = (m.get("quickReply") or {}).get("items", [])
        if len(items) > 13:
            problems.append({"property": f"messages[{n}].quickReply.items", "message": "at most 13"})
        for i, item in enumerate(items):
            action = item.get("action", {})
            if not 1 <= len(action.get("label", "")) <= 20:
                problems.append({"property": f"messages[{n}].quickReply.items[{i}].action.label", "message": "1 to 20"})
            for key in ("data", "displayText"):
                if len(action.get(key, "")) > 300:
                    problems.append({"property": f"messages[{n}].quickReply.items[{i}].action.{key}", "message": "300"})
    return problems


# -- webhook events as LINE sends them ---------------------------------------------------------------------


def signature(body: bytes, secret: str = SECRET) -> str:
    """X-Line-Signature: base64 of the HMAC-SHA256 of the raw body, keyed with the channel secret."""
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def new_event_id() -> str:
    return uuid.uuid4().hex[:26].upper()  # LINE's are 26-character ULIDs


def source(user: str | None = USER, group: str | None = None, room: str | None = None) -> dict:
    if group:
        return {"type": "group", "groupId": group, **({"userId": user} if user else {})}
    if room:
        return {"type": "room", "roomId": room, **({"userId": user} if user else {})}
    return {"type": "user", "userId": user}


def event(kind: str, *, src: dict | None = None, mode: str = "active", reply: bool = True, **fields: Any) -> dict:
    data = {
        "type": kind,
        "mode": mode,
        "timestamp": int(time.time() * 1000),
        "source": src or source(),
        "webhookEventId": new_event_id(),
        "deliveryContext": {"isRedelivery": False},
        **fields,
    }
    if reply:
        data["replyToken"] = uuid.uuid4().hex
    return data


def text_event(text: str, *, mention: list[dict] | None = None, **kw: Any) -> dict:
    message = {"type": "text", "id": str(uuid.uuid4().int)[:18], "text": text, "quoteToken": uuid.uuid4().hex}
    if mention:
        message["mention"] = {"mentionees": mention}
    return event("message", message=message, **kw)


def message_event(message: dict, **kw: Any) -> dict:
    return event("message", message={"id": str(uuid.uuid4().int)[:18], **message}, **kw)


def postback_event(data: str, **kw: Any) -> dict:
    return event("postback", postback={"data": data}, **kw)


def follow_event(**kw: Any) -> dict:
    return event("follow", follow={"isUnblocked": False}, **kw)


def unfollow_event(**kw: Any) -> dict:
    return event("unfollow", reply=False, **kw)


class Webhook:
    """Posts signed webhook bodies to the app, as LINE does."""

    def __init__(self, client: Any, secret: str = SECRET):
        self.client = client
        self.secret = secret

    def post_raw(self, body: bytes, sign: bool = True, **headers: str) -> Any:
        if sign:
            headers.setdefault("X-Line-Signature", signature(body, self.secret))
        return self.client.post("/callback", data=body, headers=headers, content_type="application/json")

    def post(self, *events: dict) -> Any:
        body = json.dumps({"destination": "Ubot", "events": list(events)}, ensure_ascii=False).encode()
        return self.post_raw(body)


def deliver(webhook: Webhook, line: Any, *events: dict) -> None:
    """Post events as LINE does and wait until the app's LINE workers have handled them."""
    response = webhook.post(*events)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert line.wait_idle(10), "LINE workers did not finish"


# -- fixtures (imported by the LINE test modules) -------------------------------------------------------------


@pytest.fixture
def fake_line():
    api = FakeLineApi().start()
    yield api
    api.close()


@pytest.fixture
def line_config(app_config, fake_line):
    """The test app's settings with LINE on and pointed at the fake; short timeouts and waits."""
    app_config.update(
        LINE_CHANNEL_SECRET=SECRET,
        LINE_CHANNEL_ACCESS_TOKEN=TOKEN,
        LINE_API_BASE_URL=fake_line.base_url,
        STAFF_LINE_GROUP_ID=STAFF_GROUP,
        PUBLIC_BASE_URL="https://bot.example/",
        LINE_API_TIMEOUT=0.5,
        LINE_RETRY_WAIT=0.01,
    )
    return app_config


@pytest.fixture
def line_app(line_config, app):
    yield app
    app.extensions["line"].close()


@pytest.fixture
def webhook(line_app):
    return Webhook(line_app.test_client())


@pytest.fixture
def line(line_app):
    return line_app.extensions["line"]
