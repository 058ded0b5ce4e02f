"""Two app instances behind nginx, sharing one PostgreSQL and one Redis: what docs/deploy.md promises when the
bot runs on several machines.

Real processes (tests/processes.py): two gunicorn instances of `bot:create_app()` as the Procfile starts them,
each on its own 127.0.0.1 port with its own instance folder; Debian's nginx in front of both (round robin,
so PROXY_HOPS=1); redis-server as the rate limit's storage; the fake LINE API as LINE; the PostgreSQL of
TEST_DATABASE_URL. The instances share nothing but the database and Redis, as two machines would. They are
started once for the module; each test uses its own people, and the rate limits are cleared before each.

Skipped, with the reason, when nginx, redis-server or TEST_DATABASE_URL is missing; .ci/run provides all three.
"""
from __future__ import annotations

import http.client
import itertools
import json
import os
import re
import threading
import time
import uuid
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

import pytest
import redis
import requests
from conftest import POSTGRES_URL, _reset_postgres
from fake_line_api import (
    LOADING,
    PUSH,
    REPLY,
    SECRET,
    STAFF_GROUP,
    TOKEN,
    FakeLineApi,
    signature,
    source,
    text_event,
)
from processes import (
    NGINX,
    REDIS_SERVER,
    Process,
    start_app,
    start_nginx,
    start_redis,
    stop_all,
)
from server_process import wait_for
from sqlalchemy import select
from staff_support import PASSWORD, STAFF

from bot.config import SETTINGS, normalize_database_url
from bot.conversation import user_key
from bot.db import Database
from bot.model import save_bundle
from bot.staff.auth import add_staff
from bot.tables import Conversation, LearnedEntry, Message, Ticket

LIMIT = 5  # CHAT_RATE_LIMIT of the instances, per client and minute
SECRET_KEY = "two-instances-secret-key"
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
ANSWERED_QUESTION = "กลุ่มอำนวยการมีหน้าที่อะไร"  # admin-duties
# Questions the knowledge base does not answer (they go to staff); one per test, so tickets are told apart.
WEB_QUESTION = "ขอเลขบัญชีสำหรับโอนค่าเทอมหน่อยค่ะ"
LINE_QUESTION = "สนามฟุตบอลของโรงเรียนเปิดกี่โมง"
# The learning loop's example (tests/test_learning.py): escalated now, a valid FAQ entry once promoted.
NEW_QUESTION = "ขอใบรับรองการทำงานได้ที่ไหน"
NEW_VARIANTS = (
    "ใบรับรองการทำงานขอได้ที่ไหน",
    "อยากขอใบรับรองการทำงาน ต้องไปที่ไหนครับ",
    "ขอใบรับรองการทำงานยังไง",
    "ใบรับรองการทำงาน ติดต่อใคร",
    "ขอหนังสือรับรองการทำงานได้ที่ไหนคะ",
)
NEW_ANSWER = "ขอใบรับรองการทำงานได้ที่กลุ่มบริหารงานบุคคลของสำนักงานค่ะ"


# --- the processes ------------------------------------------------------------------------------------------


@dataclass
class Cluster:
    apps: tuple[Process, Process]
    nginx: Process
    redis: Process
    line: FakeLineApi
    db: Database  # the shared database, for the tests' own checks


def _missing() -> str | None:
    if NGINX is None:
        return "nginx is not installed (apt-get install nginx; .ci/run installs it)"
    if REDIS_SERVER is None:
        return "redis-server is not installed (apt-get install redis-server; .ci/run installs it)"
    if not POSTGRES_URL:
        return "TEST_DATABASE_URL is not set (CI sets it; see .ci/run)"
    return None


@pytest.fixture(scope="module")
def two_instances(request, tmp_path_factory):
    reason = _missing()
    if reason:
        pytest.skip(f"two app instances behind nginx: {reason}")
    files = tmp_path_factory.mktemp("two-instances")
    # The model saved once, as `python -m bot build` would in a release, so the instances start without building.
    save_bundle(request.getfixturevalue("bundle"), files / "model.pkl")
    _reset_postgres(POSTGRES_URL)
    with ExitStack() as stack:
        db = Database(normalize_database_url(POSTGRES_URL))
        stack.callback(db.engine.dispose)
        db.upgrade()  # the Procfile's release step, once for both instances
        add_staff(db, STAFF, PASSWORD)
        line = FakeLineApi().start()
        stack.callback(line.close)
        started: list[Process] = []
        stack.callback(lambda: stop_all(started[::-1]))  # every process started, even if a later one failed
        store = start_redis(files / "redis")
        started.append(store)
        env = _app_environment(store, line)
        apps = []
        for name in ("app-a", "app-b"):  # both start (and load the model) at once
            settings = {"INSTANCE_PATH": str(files / name), "MODEL_PATH": str(files / "model.pkl")}
            apps.append(start_app(name, files / name, {**env, **settings}))
            started.append(apps[-1])
        for app in apps:
            app.wait_http_ok()
        proxy = start_nginx(files / "nginx", [app.port for app in apps])
        started.append(proxy)
        yield Cluster((apps[0], apps[1]), proxy, store, line, db)


def _app_environment(store: Process, line: FakeLineApi) -> dict[str, str]:
    """The same settings for both instances, as on two machines; nothing from the caller's own settings."""
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS and k not in ("MODEL_PATH", "INSTANCE_PATH")}
    env.update(
        PYTHONDONTWRITEBYTECODE="1",
        DATABASE_URL=POSTGRES_URL,
        SECRET_KEY=SECRET_KEY,
        RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{store.port}",
        CHAT_RATE_LIMIT=f"{LIMIT} per minute",
        LEARNED_SYNC_SECONDS="1",
        PROXY_HOPS="1",  # nginx
        LINE_CHANNEL_SECRET=SECRET,
        LINE_CHANNEL_ACCESS_TOKEN=TOKEN,
        LINE_API_BASE_URL=line.base_url,
        STAFF_LINE_GROUP_ID=STAFF_GROUP,
        PUBLIC_BASE_URL="http://bot.example",  # plain http: the test's staff browser keeps the session cookie
        LINE_API_TIMEOUT="2",
        LINE_RETRY_WAIT="0.05",
    )
    return env


@pytest.fixture
def cluster(two_instances):
    """The running instances, with every rate limit cleared (the tests all come from 127.0.0.1)."""
    redis.Redis(host="127.0.0.1", port=two_instances.redis.port).flushall()
    return two_instances


# --- talking to them ------------------------------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    headers: dict[str, str]  # lower-case names
    body: Any  # parsed JSON, else the text


def call(port: int, method: str, path: str, body: Any = None, *, source_ip: str = "127.0.0.1",
         headers: dict[str, str] | None = None) -> Reply:
    """One HTTP request to 127.0.0.1:``port`` from the address ``source_ip`` (any 127.x.y.z is this machine)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15, source_address=(source_ip, 0))
    sent = dict(headers or {})
    if body is not None and not isinstance(body, bytes):
        body = json.dumps(body, ensure_ascii=False).encode()
        sent.setdefault("Content-Type", "application/json")
    try:
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        raw = response.read()
    finally:
        conn.close()
    text = raw.decode("utf-8", errors="replace")
    try:
        parsed = json.loads(text)
    except ValueError:
        parsed = text
    return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, parsed)


_visitors = itertools.count(1)


def visitor() -> dict[str, str]:
    """Headers of a request from a new client address, as a proxy would send them; for direct requests to an
    instance in the tests that are not about the rate limit (polling asks more than the limit allows)."""
    n = next(_visitors)
    return {"X-Forwarded-For": f"198.51.{n // 250}.{n % 250 + 1}"}


def ask(port: int, text: str, session_id: str | None = None, **kw: Any) -> Reply:
    body = {"message": text, **({"session_id": session_id} if session_id else {})}
    return call(port, "POST", "/api/chat", body, **kw)


def post_webhook(port: int, *events: dict) -> Reply:
    """A delivery as LINE makes it: the events, signed with the channel secret."""
    body = json.dumps({"destination": "Ubot", "events": list(events)}, ensure_ascii=False).encode()
    return call(port, "POST", "/callback", body,
                headers={"Content-Type": "application/json", "X-Line-Signature": signature(body)})


def new_line_user() -> str:
    return "U" + uuid.uuid4().hex


class StaffBrowser:
    """A staff member on the dashboard of one instance: signed in, posting its forms with the CSRF token."""

    def __init__(self, app: Process):
        self.base = app.url
        self.http = requests.Session()
        self.http.headers["Connection"] = "close"  # no idle connection keeps the instance waiting at its stop
        page = self.http.get(f"{self.base}/staff/login", timeout=15)
        response = self.http.post(
            f"{self.base}/staff/login", data={"name": STAFF, "password": PASSWORD, "csrf_token": _csrf(page.text)},
            allow_redirects=False, timeout=15,
        )
        assert response.status_code == 302 and response.headers["Location"] == "/staff", response.text[-500:]

    def post(self, path: str, **form: str) -> requests.Response:
        token = _csrf(self.http.get(f"{self.base}/staff", timeout=15).text)  # renewed at sign-in
        return self.http.post(f"{self.base}{path}", data={**form, "csrf_token": token}, allow_redirects=False,
                              timeout=15)


def _csrf(page: str) -> str:
    found = CSRF_FIELD.search(page)
    assert found, "no CSRF token on the page"
    return found.group(1)


def _line_ticket(db: Database, user: str) -> int | None:
    key = user_key(SECRET_KEY, "line", user)
    with db.session() as s:
        return s.scalars(
            select(Ticket.id).join(Conversation).where(Conversation.user_key == key, Ticket.status == "open")
        ).first()


def _staff_messages(db: Database, ticket_id: int) -> list[Message]:
    with db.session() as s:
        return list(s.scalars(select(Message).where(Message.ticket_id == ticket_id, Message.author == "staff")))


def _skips_logged(cluster: Cluster) -> int:
    return sum(app.log_tail(10**7).count("LINE event already handled, skipped") for app in cluster.apps)


# --- the tests ----------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_line_event_redelivered_to_both_instances_is_answered_once(cluster):
    """LINE redelivers an event it thinks went unanswered; here the redelivery reaches the other instance at
    the same moment as the original. The event id recorded in the shared database lets exactly one act."""
    first, second = cluster.apps
    user = new_line_user()
    original = text_event(ANSWERED_QUESTION, src=source(user))
    redelivery = {**original, "deliveryContext": {"isRedelivery": True}}
    skipped_before = _skips_logged(cluster)

    start = threading.Barrier(2)
    answers: dict[str, Reply] = {}

    def deliver(app: Process, event: dict) -> None:
        start.wait()
        answers[app.name] = post_webhook(app.port, event)

    threads = [threading.Thread(target=deliver, args=pair) for pair in ((first, original), (second, redelivery))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert {name: a.status for name, a in answers.items()} == {first.name: 200, second.name: 200}

    def replies() -> list:
        return [c for c in cluster.line.calls_to(REPLY) if (c.body or {}).get("replyToken") == original["replyToken"]]

    wait_for(replies, 10, "an answer to the event from either instance")
    time.sleep(0.5)  # a second answer (a reply, or a push once the token is used) would come within this
    assert len(replies()) == 1 and replies()[0].status == 200
    assert "กลุ่มอำนวยการ" in replies()[0].texts[-1]
    assert [c for c in cluster.line.calls_to(PUSH) if (c.body or {}).get("to") == user] == []
    assert len([c for c in cluster.line.calls_to(LOADING) if (c.body or {}).get("chatId") == user]) == 1
    # Both instances got it: one handled it, the other found its id already recorded.
    assert wait_for(lambda: _skips_logged(cluster) - skipped_before, 5, "the other instance to log the event as handled") == 1


@pytest.mark.slow
def test_a_ticket_answered_through_one_instance_reaches_the_person_through_the_other(cluster):
    """People ask through instance A; staff answer on instance B's dashboard. The LINE person gets B's push at
    once; the website visitor gets the answer when their widget next polls instance A."""
    first, second = cluster.apps
    asked = ask(first.port, WEB_QUESTION, headers=visitor())
    assert asked.status == 200 and asked.body["status"] == "escalated", asked.body
    session_id, web_ticket = asked.body["session_id"], asked.body["ticket"]
    seen = max(asked.body["message_ids"])
    user = new_line_user()
    assert post_webhook(first.port, text_event(LINE_QUESTION, src=source(user))).status == 200
    line_ticket = wait_for(lambda: _line_ticket(cluster.db, user), 10, "A to open a ticket for the LINE question")

    staff = StaffBrowser(second)
    for ticket, answer in ((web_ticket, "โอนค่าเทอมผ่านบัญชีของโรงเรียนค่ะ"), (line_ticket, "สนามเปิด 16.00-18.00 น. ค่ะ")):
        response = staff.post(f"/staff/tickets/{ticket}/answer", answer=answer)
        assert response.status_code == 302, response.text[-500:]

    pushes = [c for c in cluster.line.accepted(PUSH) if (c.body or {}).get("to") == user]
    assert len(pushes) == 1 and any("สนามเปิด 16.00-18.00 น. ค่ะ" in t for t in pushes[0].texts)
    assert [m.delivered for m in _staff_messages(cluster.db, line_ticket)] == [True]
    assert [m.delivered for m in _staff_messages(cluster.db, web_ticket)] == [False]  # the web is polled

    polled = call(first.port, "GET", f"/api/chat/{session_id}/messages?after={seen}")
    assert polled.status == 200
    staff_said = [m for m in polled.body["messages"] if m["author"] == "staff"]
    assert [(m["text"], m["ticket"]) for m in staff_said] == [("โอนค่าเทอมผ่านบัญชีของโรงเรียนค่ะ", web_ticket)]
    assert [m.delivered for m in _staff_messages(cluster.db, web_ticket)] == [True]


@pytest.mark.slow
def test_the_rate_limit_is_shared_by_both_instances(cluster, kb):
    """One client's requests, spread by nginx over both instances, count against one limit (in Redis)."""
    first, second = cluster.apps
    replies = [ask(cluster.nginx.port, "สวัสดีค่ะ") for _ in range(LIMIT + 2)]
    assert [r.status for r in replies] == [200] * LIMIT + [429, 429]
    served_by = {r.headers.get("x-upstream") for r in replies}  # set by nginx: the request went through it
    assert served_by == {f"127.0.0.1:{first.port}", f"127.0.0.1:{second.port}"}
    text = kb.replies["rate_limited"]
    for refused in replies[LIMIT:]:
        assert refused.body == {"error": text, "reply": text, "status": "rate_limited", "code": "rate_limited"}
    # Straight at either instance, the same client (127.0.0.1) has used up its limit too.
    for app in cluster.apps:
        direct = ask(app.port, "สวัสดีค่ะ")
        assert direct.status == 429 and direct.body["error"] == text and "x-upstream" not in direct.headers


@pytest.mark.slow
def test_behind_nginx_each_client_has_its_own_limit(cluster):
    """PROXY_HOPS=1: the instances count the client's address that nginx puts in X-Forwarded-For, not
    nginx's own, and an X-Forwarded-For the client made up does not change who it is."""
    one, other = "127.0.0.2", "127.0.0.3"  # two clients on this machine; nginx sees their own addresses
    try:
        first = ask(cluster.nginx.port, "สวัสดีค่ะ", source_ip=one)
    except OSError as exc:  # Linux gives this machine all of 127.0.0.0/8; other systems may not
        pytest.skip(f"cannot send from {one}: {exc}")
    statuses = [first.status] + [ask(cluster.nginx.port, "สวัสดีค่ะ", source_ip=one).status for _ in range(LIMIT)]
    assert statuses == [200] * LIMIT + [429]
    assert ask(cluster.nginx.port, "สวัสดีค่ะ", source_ip=other).status == 200
    spoofed = ask(cluster.nginx.port, "สวัสดีค่ะ", source_ip=one, headers={"X-Forwarded-For": "203.0.113.9"})
    assert spoofed.status == 429

    def logged() -> tuple[int, int]:  # nginx writes a request's line just after it has answered
        log = (cluster.nginx.files / "nginx-access.log").read_text(encoding="utf-8")
        return log.count(f'{one} "POST /api/chat'), log.count(f'{other} "POST /api/chat')

    assert wait_for(lambda: logged() == (LIMIT + 2, 1), 5, f"nginx to log {(LIMIT + 2, 1)} requests, not {logged()}")


@pytest.mark.slow
def test_an_faq_entry_added_through_one_instance_is_used_by_the_other_within_seconds(cluster):
    """Staff promote an answered ticket on instance A's dashboard; instance B, which knew nothing of it,
    answers with the new entry after its next check of the database (LEARNED_SYNC_SECONDS=1)."""
    first, second = cluster.apps
    before = ask(second.port, NEW_QUESTION, headers=visitor())
    assert before.status == 200 and before.body["status"] == "escalated", before.body
    ticket = before.body["ticket"]

    staff = StaffBrowser(first)
    assert staff.post(f"/staff/tickets/{ticket}/answer", answer=NEW_ANSWER).status_code == 302
    promoted = staff.post(f"/staff/tickets/{ticket}/promote", question=NEW_QUESTION, variants="\n".join(NEW_VARIANTS),
                          answer=NEW_ANSWER, category="สำนักงาน")
    assert promoted.status_code == 302, promoted.text[-1000:]
    added = time.monotonic()
    with cluster.db.session() as s:
        entry_id = s.scalars(select(LearnedEntry.entry_id).where(LearnedEntry.source_ticket_id == ticket)).one()
    at_once = ask(first.port, NEW_QUESTION, headers=visitor()).body  # the instance that promoted it
    assert (at_once["status"], at_once["faq_id"]) == ("answered", entry_id)

    def answered_by_second() -> dict | None:
        body = ask(second.port, NEW_QUESTION, headers=visitor()).body
        return body if body.get("status") == "answered" else None

    # Typically 1-2 s: B's next check of the database, then its model rebuilt with the entry (its requests
    # meanwhile are answered with the model it has). The margin is for a busy CI machine.
    body = wait_for(answered_by_second, 10, "instance B to use the new entry", interval=0.2)
    took = time.monotonic() - added
    assert body["faq_id"] == entry_id and body["reply"].startswith(NEW_ANSWER)
    assert took < 10, took


# --- PROXY_HOPS on its own (no processes) -----------------------------------------------------------------


@pytest.mark.parametrize("hops, second_client", [("0", 429), ("1", 200)])
def test_proxy_hops_decides_whose_address_the_rate_limit_counts(answerer, tmp_path, hops, second_client):
    """Without a proxy (0) X-Forwarded-For is ignored: anyone could write anything there. With one proxy,
    the address it added is the client's."""
    from bot import create_app

    app = create_app({
        "TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}", "AUTO_MIGRATE": True,
        "SECRET_KEY": "test-secret-key", "ANSWERER": answerer, "CHAT_RATE_LIMIT": "1 per minute", "PROXY_HOPS": hops,
    })
    try:
        client = app.test_client()
        for address, status in (("198.51.100.1", 200), ("198.51.100.2", second_client)):
            response = client.post("/api/chat", json={"message": "สวัสดีค่ะ"}, headers={"X-Forwarded-For": address})
            assert response.status_code == status, address
    finally:
        app.extensions["db"].engine.dispose()


def test_a_wrong_proxy_hops_stops_the_start(answerer, tmp_path):
    from bot import create_app

    with pytest.raises(ValueError, match="PROXY_HOPS"):
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}", "SECRET_KEY": "k", "ANSWERER": answerer,
                    "PROXY_HOPS": "nginx"})
