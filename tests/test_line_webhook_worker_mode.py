"""`/callback` in a web process that leaves answering to the worker process (`LINE_ANSWERS=worker`).

Such a process checks the signature with the SDK but does not build the SDK's objects of the events: it reads
from each event's JSON what storing it takes (its id, whether the bot acts on it, the chat). What it stores must
be what a process that answers events itself stores, from the same bodies; an event the SDK cannot read is
acknowledged and stored, and the worker leaves it pending for a person rather than failing on it for ever.
"""
from __future__ import annotations

import json
import logging

import pytest
from fake_line_api import (
    SECRET,
    Webhook,
    event,
    follow_event,
    message_event,
    postback_event,
    signature,
    source,
    text_event,
    unfollow_event,
)
from sqlalchemy import select

from bot import create_app
from bot.channels.line_inbox import MAX_ATTEMPTS, dump_event
from bot.tables import ProcessedEvent

GROUP = "C" + "a" * 32
ROOM = "R" + "b" * 32


@pytest.fixture
def worker_mode(line_config):
    line_config.update(LINE_ANSWERS="worker", LINE_RECOVERY_SECONDS=0)
    return line_config


@pytest.fixture
def web(worker_mode):
    app = create_app(worker_mode)
    yield app
    app.extensions["line"].close()
    app.extensions["db"].engine.dispose()


def stored(app) -> dict[str, ProcessedEvent]:
    with app.extensions["db"].session() as s:
        return {row.event_id: row for row in s.scalars(select(ProcessedEvent))}


def varied_events() -> list[dict]:
    """Events of every kind the bot acts on, from every kind of chat, and some it only records or ignores."""
    return [
        text_event("กลุ่มอำนวยการมีหน้าที่อะไร"),
        text_event("ถามในกลุ่มค่ะ", src=source(group=GROUP)),
        text_event("ถามในกลุ่มโดยไม่มีผู้ส่ง", src=source(user=None, group=GROUP)),
        text_event("ถามในห้องค่ะ", src=source(room=ROOM)),
        text_event("คนอื่นตอบอยู่", mode="standby"),  # only recorded
        text_event("ไม่มีผู้ส่ง", src={"type": "user"}),  # no chat to answer: only recorded
        message_event({"type": "sticker", "id": "1", "packageId": "1", "stickerId": "1", "stickerResourceType": "STATIC",
                       "quoteToken": "q"}),
        postback_event("choice=admin-duties"),
        follow_event(),
        unfollow_event(),
        event("join", src=source(group=GROUP)),  # a kind the bot does nothing with: not stored
        text_event("รหัสเหตุการณ์เสีย") | {"webhookEventId": "มีช่องว่าง ไม่ใช่รหัส"},  # no LINE id: not stored
    ]


def test_events_are_read_as_a_process_that_answers_them_reads_them(worker_mode, web):
    """The same body gives the same events to store, each with the same chat, in both kinds of web process."""
    answering = create_app(worker_mode | {"LINE_ANSWERS": "web"})
    try:
        body = json.dumps({"destination": "Ubot", "events": varied_events()}, ensure_ascii=False)
        sig = signature(body.encode())
        read_here = [(a.event_id, a.chat, a.raw) for a in web.extensions["line"].arrivals(body, sig)]
        read_there = [(a.event_id, a.chat, a.raw) for a in answering.extensions["line"].arrivals(body, sig)]
    finally:
        answering.extensions["line"].close()
        answering.extensions["db"].engine.dispose()
    assert read_here == read_there
    assert len(read_here) == 10 and sum(chat is None for _, chat, _ in read_here) == 2
    assert all(a.event is None for a in web.extensions["line"].arrivals(body, sig))  # nothing built for the SDK


def test_events_are_stored_as_line_sent_them_and_left_for_the_worker(web, fake_line):
    events = varied_events()
    assert Webhook(web.test_client()).post(*events).status_code == 200
    rows = stored(web)
    assert set(rows) == {e["webhookEventId"] for e in events[:10]}
    for e in events[:10]:
        row = rows[e["webhookEventId"]]
        if e["mode"] == "standby" or e["source"] == {"type": "user"}:
            assert row.payload is None and row.handled_at is not None  # recorded, never answered
        else:
            assert row.payload == dump_event(e) and row.handled_at is None and row.claim is None
    assert fake_line.calls == []  # the worker process answers, not this one


@pytest.mark.parametrize(
    "body, signed, status",
    [
        (b'{"destination": "Ubot", "events": []}', False, 400),  # LINE did not sign it
        (b'{"destination": "Ubot", "events": {"type": "message"}}', True, 400),  # events not a list
        (b'["events"]', True, 400),  # not an object
        (b'{"destination": "Ubot"}', True, 400),  # no events at all
        (b'{"destination": "Ubot", "events": [1, "two", null]}', True, 200),  # no event to act on: nothing stored
        (b'{"destination": "Ubot", "events": []}', True, 200),  # LINE's "Verify" button
    ],
)
def test_what_is_not_a_signed_webhook_body_is_refused(web, body, signed, status):
    response = Webhook(web.test_client()).post_raw(body, sign=signed, **({} if signed else {"X-Line-Signature": "x"}))
    assert response.status_code == status
    if status == 400:
        assert set(response.get_json()) == {"error"}
    assert stored(web) == {}


def test_an_event_the_sdk_cannot_read_is_stored_and_left_for_a_person(web, fake_line, caplog):
    broken = message_event({"type": "text"})  # a text message without its id and text
    assert Webhook(web.test_client()).post(broken).status_code == 200
    assert stored(web)[broken["webhookEventId"]].payload == dump_event(broken)

    with caplog.at_level(logging.ERROR):
        assert web.extensions["line"].recover() == 0  # the worker's sweep
    row = stored(web)[broken["webhookEventId"]]
    assert row.handled_at is None and row.attempts == MAX_ATTEMPTS and row.payload == dump_event(broken)
    assert "cannot be read back; left pending for a person" in caplog.text
    assert web.extensions["line"].recover() == 0  # not taken again
    assert fake_line.calls == []


def test_the_signature_is_checked_with_the_channel_secret(web):
    body = json.dumps({"destination": "Ubot", "events": [text_event("สวัสดีค่ะ")]}).encode()
    assert Webhook(web.test_client(), secret=SECRET[::-1]).post_raw(body).status_code == 400
    assert stored(web) == {}
