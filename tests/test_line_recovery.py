"""The durable LINE inbox (bot/channels/line_inbox.py): events stored before LINE gets its 200 are answered even
when the process that accepted them dies or its queue is full, once (by push, or by reply while the token is
fresh and unused); what was stored is not stored
twice; handled ids are pruned; the migration brings an existing database along.

Each test runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL. A process killed with events in hand is
played by a channel whose pool takes events and never runs them, or by a `Killed` exception (a BaseException,
as nothing in the app catches it) raised at the moment the kill is meant to land.
"""
from __future__ import annotations

import json
import logging
import threading
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from fake_line_api import (
    LOADING,
    PUSH,
    REPLY,
    STAFF_GROUP,
    USER,
    Webhook,
    deliver,
    follow_event,
    message_event,
    postback_event,
    source,
    text_event,
    unfollow_event,
)
from linebot.v3.webhooks import Event
from server_process import wait_for
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from bot import create_app
from bot.channels.line import LineChannel, retry_key
from bot.channels.line_inbox import MAX_ATTEMPTS, REPLY_TOKEN_SECONDS, Inbox, dump_event, load_event
from bot.conversation import ASK_STAFF
from bot.config import normalize_database_url
from bot.db import Database
from bot.tables import Message, ProcessedEvent, Ticket

ANSWERABLE = "กลุ่มอำนวยการมีหน้าที่อะไร"
ESCALATING = "ลูกจะเข้า ป.1 ปีหน้าต้องสมัครเรียนยังไงคะ"
STAFF_MEMBER = "U00000000000000000000000000staff"
GRACE = 30  # seconds; rows are aged past it rather than waited for


class Killed(BaseException):
    """The process dies here: nothing after this point runs (not even `except Exception`)."""


@pytest.fixture(autouse=True)
def recovery_config(line_config):
    """No sweep thread unless a test asks for one: these tests run the sweep themselves, when they mean to."""
    line_config.update(LINE_RECOVERY_SECONDS=0, LINE_RECOVERY_GRACE=GRACE)
    return line_config


# -- helpers ----------------------------------------------------------------------------------------------------


def rows(app) -> dict[str, ProcessedEvent]:
    with app.extensions["db"].session() as s:
        return {r.event_id: r for r in s.scalars(select(ProcessedEvent))}


def age(app, event_id: str, seconds: float = GRACE + 5) -> None:
    """As if the event had been accepted ``seconds`` ago (its lease taken then)."""
    then = datetime.now(timezone.utc) - timedelta(seconds=seconds)
    with app.extensions["db"].session() as s:
        row = s.get(ProcessedEvent, event_id)
        row.received_at = then
        if row.claimed_at is not None:
            row.claimed_at = then


def accept_then_die(webhook: Webhook, line: LineChannel, monkeypatch, *events: dict) -> None:
    """LINE gets its 200 for ``events``, and the process dies before any worker starts on them."""
    with monkeypatch.context() as m:
        m.setattr(line.pool, "submit", lambda chat_key, task: True)
        response = webhook.post(*events)
    assert response.status_code == 200


def messages(app, author: str | None = None) -> list[Message]:
    with app.extensions["db"].session() as s:
        query = select(Message).order_by(Message.id)
        if author:
            query = query.where(Message.author == author)
        return list(s.scalars(query))


def count(app, model) -> int:
    with app.extensions["db"].session() as s:
        return s.scalar(select(func.count()).select_from(model))


def pushes_for(fake_line, event: dict) -> list:
    return [c for c in fake_line.calls_to(PUSH) if c.retry_key == retry_key("event", event["webhookEventId"])]


def utc(moment: datetime | None) -> datetime | None:
    """A stored time as aware UTC (SQLite gives it back without its zone)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def recover(line: LineChannel) -> int:
    taken = line.recover()
    assert line.wait_idle(10), "LINE workers did not finish"
    return taken


# -- the webhook stores what it accepts -----------------------------------------------------------------------------


def test_accepted_event_is_stored_with_its_json_and_cleared_once_handled(webhook, line, line_app, monkeypatch):
    event = text_event(ANSWERABLE)
    accept_then_die(webhook, line, monkeypatch, event)
    row = rows(line_app)[event["webhookEventId"]]
    assert row.handled_at is None and row.claimed_at is not None and row.attempts == 0
    stored = load_event(row.payload)
    assert stored.webhook_event_id == event["webhookEventId"] and stored.reply_token == event["replyToken"]
    assert stored.message.text == ANSWERABLE

    other = text_event(ANSWERABLE)
    deliver(webhook, line, other)
    row = rows(line_app)[other["webhookEventId"]]
    assert row.handled_at is not None and row.payload is None and row.claim is None


def test_events_the_bot_does_not_act_on_are_recorded_as_handled(webhook, line, line_app):
    standby = text_event(ANSWERABLE, mode="standby")
    deliver(webhook, line, standby)
    row = rows(line_app)[standby["webhookEventId"]]
    assert row.handled_at is not None and row.payload is None
    assert recover(line) == 0


@pytest.mark.parametrize(
    "event",
    [
        text_event(
            "ถามบอท \ud800 \x00 กลุ่ม",
            mention=[{"index": 0, "length": 6, "type": "user", "userId": "Ubot", "isSelf": True}],
            src=source(group="Cgroup000000000000000000000000000"),
        ),
        postback_event("choice=decent-meaning"),
        follow_event(),
        unfollow_event(),
        message_event({"type": "sticker", "packageId": "1", "stickerId": "1", "stickerResourceType": "STATIC",
                       "quoteToken": "q"}),
    ],
    ids=["text-in-group", "postback", "follow", "unfollow", "sticker"],
)
def test_stored_events_read_back_as_the_sdk_parsed_them(event):
    sent = json.loads(json.dumps(event))  # the event's object in the webhook body
    parsed = Event.from_dict(sent)
    payload = dump_event(sent)
    assert payload.isascii()
    assert load_event(payload) == parsed
    recovered = load_event(payload, reply_token=False)
    assert not getattr(recovered, "reply_token", None)
    assert {k: v for k, v in recovered.to_dict().items() if k != "replyToken"} == {
        k: v for k, v in parsed.to_dict().items() if k != "replyToken"
    }


# -- the recovery sweep ---------------------------------------------------------------------------------------------


def test_pending_event_older_than_the_grace_period_is_answered_by_push(
    webhook, line, line_app, fake_line, answerer, monkeypatch
):
    event = text_event(ANSWERABLE)
    accept_then_die(webhook, line, monkeypatch, event)
    assert fake_line.calls == []
    assert recover(line) == 0, "taken before its grace period ran out"

    age(line_app, event["webhookEventId"])
    assert recover(line) == 1
    [push] = pushes_for(fake_line, event)
    assert push.status == 200 and push.body["to"] == USER
    assert push.texts == [answerer.answer_entry("admin-duties").reply]
    assert push.quick_replies, "the recovered answer keeps its buttons"
    assert fake_line.calls_to(REPLY) == [] and fake_line.calls_to(LOADING) == []
    assert [m.text for m in messages(line_app, "user")] == [ANSWERABLE]
    row = rows(line_app)[event["webhookEventId"]]
    assert row.handled_at is not None and row.payload is None and row.attempts == 1

    assert recover(line) == 0
    age(line_app, event["webhookEventId"])
    assert recover(line) == 0
    assert len(fake_line.calls_to(PUSH)) == 1


def test_handled_event_is_not_processed_again(webhook, line, line_app, fake_line):
    event = text_event(ANSWERABLE)
    deliver(webhook, line, event)
    age(line_app, event["webhookEventId"], seconds=GRACE * 10)
    calls = len(fake_line.calls)
    assert recover(line) == 0
    assert len(fake_line.calls) == calls
    assert len(messages(line_app, "user")) == 1


def test_a_redelivery_of_a_pending_event_is_still_skipped(webhook, line, line_app, fake_line, monkeypatch):
    event = text_event(ANSWERABLE)
    accept_then_die(webhook, line, monkeypatch, event)
    deliver(webhook, line, {**event, "deliveryContext": {"isRedelivery": True}})
    assert fake_line.calls == []
    age(line_app, event["webhookEventId"])
    assert recover(line) == 1
    assert len(pushes_for(fake_line, event)) == 1
    assert count(line_app, ProcessedEvent) == 1


def test_events_of_one_chat_are_recovered_in_order(webhook, line, line_app, fake_line, monkeypatch):
    events = [text_event(ANSWERABLE), postback_event("choice=decent-meaning"), text_event(ESCALATING)]
    accept_then_die(webhook, line, monkeypatch, *events)
    for n, event in enumerate(events):
        age(line_app, event["webhookEventId"], seconds=GRACE + 10 - n)
    assert recover(line) == 3
    keys = [c.retry_key for c in fake_line.calls_to(PUSH) if c.body["to"] == USER]
    assert keys == [retry_key("event", e["webhookEventId"]) for e in events]


@pytest.mark.parametrize("kill_at", ["staff-notice", "send", "after-send"])
def test_event_killed_after_the_conversation_step_is_not_stored_twice(
    webhook, line, line_app, fake_line, answerer, monkeypatch, kill_at
):
    """The kill lands after the step committed the question, the reply and the ticket: before staff were told,
    before the person was answered, or just after the reply reached LINE (the one case that shows twice)."""
    step = line_app.extensions["conversation"]
    with monkeypatch.context() as m:
        if kill_at == "staff-notice":
            m.setattr(step, "notify", lambda ticket_id: (_ for _ in ()).throw(Killed()))
        elif kill_at == "send":
            m.setattr(line, "_send", lambda *args: (_ for _ in ()).throw(Killed()))
        else:
            real_reply = line.api.reply

            def reply_then_die(token, messages):
                real_reply(token, messages)
                raise Killed()

            m.setattr(line.api, "reply", reply_then_die)
        event = text_event(ESCALATING)
        webhook.post(event)
        assert line.wait_idle(10)
    assert rows(line_app)[event["webhookEventId"]].handled_at is None
    [ticket_id] = [t.id for t in _tickets(line_app)]

    age(line_app, event["webhookEventId"])
    assert recover(line) == 1
    assert [m.text for m in messages(line_app, "user")] == [ESCALATING]
    bot = messages(line_app, "bot")
    assert len(bot) == 1 and bot[0].status == "escalated" and bot[0].ticket_id == ticket_id
    assert [t.id for t in _tickets(line_app)] == [ticket_id]
    [push] = pushes_for(fake_line, event)
    assert push.body["to"] == USER and push.texts == [bot[0].text]
    notices = [c for c in fake_line.accepted(PUSH) if c.body["to"] == STAFF_GROUP]
    assert len(notices) == 1 and f"#{ticket_id}" in notices[0].texts[0]
    assert len(fake_line.accepted(REPLY)) == (1 if kill_at == "after-send" else 0)
    assert rows(line_app)[event["webhookEventId"]].handled_at is not None


def _tickets(app) -> list[Ticket]:
    with app.extensions["db"].session() as s:
        return list(s.scalars(select(Ticket).order_by(Ticket.id)))


def test_staff_answer_in_the_group_handled_again_is_recorded_and_delivered_once(
    webhook, line, line_app, fake_line, monkeypatch
):
    deliver(webhook, line, postback_event(f"choice={ASK_STAFF}"))
    [ticket] = _tickets(line_app)
    answer = f"#{ticket.id} สมัครได้ที่โรงเรียนใกล้บ้านค่ะ"
    event = text_event(answer, src=source(STAFF_MEMBER, group=STAFF_GROUP))
    with monkeypatch.context() as m:  # killed after the answer was saved and pushed, before the group was told
        m.setattr(line, "_send", lambda *args: (_ for _ in ()).throw(Killed()))
        webhook.post(event)
        assert line.wait_idle(10)
    age(line_app, event["webhookEventId"])
    assert recover(line) == 1

    [staff] = messages(line_app, "staff")
    assert staff.delivered and staff.event_id == event["webhookEventId"]
    to_person = [c for c in fake_line.accepted(PUSH) if c.body["to"] == USER]
    assert [c.retry_key for c in to_person] == [retry_key("staff-answer", staff.id)]
    [confirmation] = pushes_for(fake_line, event)
    assert confirmation.body["to"] == STAFF_GROUP and f"#{ticket.id}" in confirmation.texts[0]


def test_two_sweepers_take_each_event_once(line_config, line_app, webhook, line, fake_line, monkeypatch):
    other_app = create_app(line_config)  # a second process on the same database
    other = other_app.extensions["line"]
    try:
        events = [text_event(ANSWERABLE, src=source(f"U{n:032d}")) for n in range(8)]
        accept_then_die(webhook, line, monkeypatch, *events)
        for event in events:
            age(line_app, event["webhookEventId"])
        start = threading.Barrier(2)
        taken = []

        def sweep(channel: LineChannel) -> None:
            start.wait()
            taken.append(channel.recover())

        threads = [threading.Thread(target=sweep, args=(c,)) for c in (line, other)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(20)
        assert line.wait_idle(10) and other.wait_idle(10)
        assert sum(taken) == len(events), taken
        for event in events:
            assert len(pushes_for(fake_line, event)) == 1
        assert len(fake_line.calls_to(PUSH)) == len(events)
        assert len(messages(line_app, "user")) == len(events)
        assert all(r.handled_at is not None for r in rows(line_app).values())
    finally:
        other.close()
        other_app.extensions["db"].engine.dispose()


def test_an_event_taken_over_by_another_process_is_not_handled_twice(
    line_config, line_app, webhook, line, fake_line, monkeypatch
):
    """The first process was only slow: by the time its worker starts, another process's sweep has the event."""
    other_app = create_app(line_config)
    other = other_app.extensions["line"]
    try:
        event = text_event(ANSWERABLE)
        queued = []
        with monkeypatch.context() as m:
            m.setattr(line.pool, "submit", lambda chat_key, task: queued.append(task) or True)
            assert webhook.post(event).status_code == 200
        age(line_app, event["webhookEventId"])
        assert other.recover() == 1 and other.wait_idle(10)
        [task] = queued
        task()  # the slow worker finally starts on it: its lease is gone
        assert len(pushes_for(fake_line, event)) == 1 and fake_line.calls_to(REPLY) == []
        assert len(messages(line_app, "user")) == 1
    finally:
        other.close()
        other_app.extensions["db"].engine.dispose()


def replies_for(fake_line, event: dict) -> list:
    return [r for r in fake_line.calls_to(REPLY) if r.body["replyToken"] == event["replyToken"]]


def test_full_queue_leaves_the_event_pending_and_the_sweep_answers_it_by_reply(
    line_config, request, fake_line, caplog, answerer
):
    line_config.update(LINE_WORKERS=1, LINE_QUEUE_LIMIT=1, LINE_RECOVERY_SECONDS=0.2)
    app = request.getfixturevalue("line_app")
    hook, line = Webhook(app.test_client()), app.extensions["line"]
    fake_line.delay_next(LOADING, 0.5)  # keeps the only worker busy with the first event
    first = text_event(ANSWERABLE)
    second = text_event(ANSWERABLE, src=source("U0000000000000000000000000000two"))
    with caplog.at_level(logging.INFO, logger="bot.channels"):
        assert hook.post(first).status_code == 200
        assert hook.post(second).status_code == 200
        assert rows(app)[second["webhookEventId"]].payload is not None  # stored before LINE got its 200
        assert "queue full" in caplog.text and "left pending" in caplog.text
        wait_for(lambda: bool(replies_for(fake_line, second)) and line.wait_idle(0.1), 10,
                 "the sweep to answer the event left pending")
    # No worker had started on it, so its reply token was unused and still fresh: a reply, which is free,
    # rather than a push, which counts against the office's message quota.
    [reply] = replies_for(fake_line, second)
    assert reply.texts == [answerer.answer_entry("admin-duties").reply]
    assert pushes_for(fake_line, second) == []
    assert all(r.handled_at is not None for r in rows(app).values())
    assert rows(app)[second["webhookEventId"]].attempts == 1  # the sweeps that found the queue full do not count


def test_a_left_event_whose_reply_token_is_stale_is_answered_by_push(line_config, request, fake_line):
    line_config.update(LINE_WORKERS=1, LINE_QUEUE_LIMIT=1)
    app = request.getfixturevalue("line_app")
    hook, line = Webhook(app.test_client()), app.extensions["line"]
    fake_line.delay_next(LOADING, 0.5)  # the only worker is busy: the second event finds the queue full
    first, second = text_event(ANSWERABLE), text_event(ANSWERABLE, src=source("U0000000000000000000000000000two"))
    assert hook.post(first).status_code == 200 and hook.post(second).status_code == 200
    assert line.wait_idle(10)
    assert rows(app)[second["webhookEventId"]].handled_at is None
    age(app, second["webhookEventId"], seconds=REPLY_TOKEN_SECONDS + 1)
    assert recover(line) == 1
    assert replies_for(fake_line, second) == []
    [push] = pushes_for(fake_line, second)
    assert push.body["to"] == "U0000000000000000000000000000two"


def test_a_burst_bigger_than_the_queue_is_answered_in_seconds_not_sweep_intervals(
    line_config, request, fake_line
):
    """A parents' group all asking at once: what the queue cannot hold is answered as soon as workers are
    free, not one sweep batch per `LINE_RECOVERY_SECONDS` (here the default, 15 s)."""
    line_config.update(LINE_WORKERS=2, LINE_QUEUE_LIMIT=3, LINE_RECOVERY_SECONDS=15)
    app = request.getfixturevalue("line_app")
    hook, line = Webhook(app.test_client()), app.extensions["line"]
    events = [text_event(ANSWERABLE, src=source(f"U{n:032d}")) for n in range(12)]
    started = datetime.now()
    assert hook.post(*events).status_code == 200  # one delivery: 12 chats, a queue of 3
    wait_for(lambda: all(replies_for(fake_line, e) for e in events) and line.wait_idle(0.1), 10,
             "every event left by the full queue to be answered")
    assert datetime.now() - started < timedelta(seconds=10)
    assert all(len(replies_for(fake_line, e)) == 1 for e in events)
    assert fake_line.calls_to(PUSH) == []
    assert all(r.handled_at is not None for r in rows(app).values())


def test_an_event_that_keeps_failing_is_tried_a_few_times_then_left_pending(
    webhook, line, line_app, fake_line, monkeypatch, caplog
):
    step = line_app.extensions["conversation"]
    monkeypatch.setattr(step, "handle", lambda msg: (_ for _ in ()).throw(RuntimeError("a bug")))
    event = text_event(ANSWERABLE)
    deliver(webhook, line, event)
    for attempt in range(2, MAX_ATTEMPTS + 1):
        age(line_app, event["webhookEventId"])
        assert recover(line) == 1
        assert rows(line_app)[event["webhookEventId"]].attempts == attempt
    assert "failed 5 times" in caplog.text
    age(line_app, event["webhookEventId"])
    assert recover(line) == 0
    row = rows(line_app)[event["webhookEventId"]]
    assert row.handled_at is None and row.payload is not None  # kept for a person to look at
    assert fake_line.calls_to(REPLY) == [] and fake_line.calls_to(PUSH) == []


def test_a_stored_event_that_cannot_be_read_back_is_left_for_a_person(webhook, line, line_app, monkeypatch, caplog):
    event = text_event(ANSWERABLE)
    accept_then_die(webhook, line, monkeypatch, event)
    with line_app.extensions["db"].session() as s:
        s.get(ProcessedEvent, event["webhookEventId"]).payload = '{"type": "message", "broken": true}'
    age(line_app, event["webhookEventId"])
    assert recover(line) == 0
    assert "cannot be read back" in caplog.text
    caplog.clear()
    age(line_app, event["webhookEventId"])
    assert recover(line) == 0 and caplog.text == ""  # not tried again at every sweep
    row = rows(line_app)[event["webhookEventId"]]
    assert row.handled_at is None and row.payload is not None


def test_old_handled_rows_are_pruned_and_pending_ones_kept(webhook, line, line_app, monkeypatch):
    pending = text_event(ANSWERABLE, src=source("U0000000000000000000000000pending"))
    accept_then_die(webhook, line, monkeypatch, pending)
    recent, old = text_event(ANSWERABLE), text_event(ANSWERABLE)
    deliver(webhook, line, recent, old)
    now = datetime.now(timezone.utc)
    with line_app.extensions["db"].session() as s:
        s.get(ProcessedEvent, old["webhookEventId"]).handled_at = now - timedelta(days=4)
        s.get(ProcessedEvent, recent["webhookEventId"]).handled_at = now - timedelta(days=2)
        row = s.get(ProcessedEvent, pending["webhookEventId"])
        row.received_at = row.claimed_at = now - timedelta(days=10)
    monkeypatch.setattr(line.pool, "submit", lambda chat_key, task: True)  # the sweep takes it and dies again
    line.recover()
    assert set(rows(line_app)) == {recent["webhookEventId"], pending["webhookEventId"]}


def test_the_claim_reads_only_the_oldest_pending_events_on_sqlite(tmp_path):
    """The sweep claims inside SQLite's write turn, so every writer of every process waits for it. It must find
    the oldest pending events through their own index and change them by id: with one index on handled_at
    SQLite walked and sorted every pending event for each claim (10 ms with 5,000 pending)."""
    db = Database(f"sqlite:///{tmp_path / 'inbox.sqlite3'}")
    try:
        db.upgrade()
        now = datetime.now(timezone.utc)
        events = [text_event(ANSWERABLE, src=source(f"U{n:032x}")) for n in range(6)]
        with db.session() as s:
            for n, event in enumerate(events):  # the odd ones handled, the even ones pending, oldest first
                s.add(ProcessedEvent(event_id=event["webhookEventId"], received_at=now - timedelta(minutes=10 - n),
                                     payload=None if n % 2 else dump_event(event),
                                     handled_at=now if n % 2 else None, attempts=0))
        statements = []
        sa.event.listen(db.engine, "before_cursor_execute",
                        lambda conn, cursor, statement, params, context, many: statements.append((statement, params)))
        claimed = Inbox(db).claim_due(2)

        assert [c.event_id for c in claimed] == [events[0]["webhookEventId"], events[2]["webhookEventId"]]
        [(claim, params)] = [(st, p) for st, p in statements if st.lstrip().upper().startswith("UPDATE")]
        with db.engine.connect() as conn:
            plan = [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + claim, params)]
        assert any("ix_processed_events_pending" in step for step in plan), plan
        assert not any("TEMP B-TREE" in step for step in plan), plan  # no sorting of all pending events
        assert any("(event_id=?)" in step for step in plan), plan  # the rows changed are found by their ids
    finally:
        db.engine.dispose()


def test_the_sweep_thread_runs_in_each_process_and_stops_with_the_channel(line_config, request):
    line_config.update(LINE_RECOVERY_SECONDS=0.05)
    app = request.getfixturevalue("line_app")
    line = app.extensions["line"]
    swept = threading.Event()
    real = line.sweeper._sweep
    line.sweeper._sweep = lambda: (swept.set(), real())
    app.test_client().get("/healthz")  # the first request starts it
    assert swept.wait(5)
    thread = line.sweeper._thread
    line.close()
    assert not thread.is_alive()


# -- the migration -------------------------------------------------------------------------------------------------


def test_migration_upgrades_a_database_at_0001_with_rows_in_it(app_config, line_config, database_url, fake_line):
    db = Database(normalize_database_url(database_url))
    try:
        db.upgrade("0001")
        # Rows as revision 0001's app wrote them (its columns only, through SQLAlchemy's types as the app does).
        received = (datetime.now(timezone.utc) - timedelta(days=10)).replace(microsecond=0)
        at = sa.DateTime(timezone=True)
        events = sa.table("processed_events", sa.column("event_id"), sa.column("received_at", at))
        conversations = sa.table(
            "conversations", *(sa.column(c) for c in ("id", "channel", "user_key", "reply_to")),
            sa.column("created_at", at), sa.column("last_seen_at", at), sa.column("followed", sa.Boolean),
        )
        old_messages = sa.table(
            "messages", *(sa.column(c) for c in ("conversation_id", "author", "text", "delivery_attempts")),
            sa.column("created_at", at), sa.column("delivered", sa.Boolean),
        )
        with db.engine.begin() as conn:
            conn.execute(sa.insert(events), [{"event_id": f"01OLDEVENT000000000000000{n}", "received_at": received}
                                             for n in range(2)])
            conn.execute(sa.insert(conversations).values(channel="line", user_key="k", reply_to=USER,
                                                         created_at=received, last_seen_at=received, followed=True))
            conversation_id = conn.execute(select(conversations.c.id)).scalar_one()
            conn.execute(sa.insert(old_messages).values(conversation_id=conversation_id, author="user", text="คำถามเก่า",
                                                        delivery_attempts=0, created_at=received, delivered=True))
        db.upgrade()
        with db.session() as s:
            old = list(s.scalars(select(ProcessedEvent).order_by(ProcessedEvent.event_id)))
            assert [(utc(r.handled_at), r.payload, r.claimed_at) for r in old] == [(received, None, None)] * 2
            [message] = s.scalars(select(Message))
            assert (message.text, message.event_id) == ("คำถามเก่า", None)
        for author in ("user", "bot"):  # one question and one reply per event, and no more
            with db.session() as s:
                s.add(Message(conversation_id=conversation_id, author=author, text="x", event_id="E1"))
        with pytest.raises(IntegrityError):
            with db.session() as s:
                s.add(Message(conversation_id=conversation_id, author="user", text="y", event_id="E1"))
        with db.session() as s:  # rows without an event id (the website) are not limited
            s.add_all([Message(conversation_id=conversation_id, author="user", text="z") for _ in range(2)])
    finally:
        db.engine.dispose()

    # The app on the upgraded database: a redelivery of an old event is still recognised; old ids are pruned.
    app = create_app(line_config)
    line = app.extensions["line"]
    try:
        hook = Webhook(app.test_client())
        redelivered = {**text_event(ANSWERABLE), "webhookEventId": "01OLDEVENT0000000000000000"}
        deliver(hook, line, redelivered)
        assert fake_line.calls == []
        assert line.recover() == 0
        with app.extensions["db"].session() as s:
            assert s.scalar(select(func.count()).select_from(ProcessedEvent)) == 0
    finally:
        line.close()
        app.extensions["db"].engine.dispose()
