"""What the conversation step stores through the database driver (bot/exchange_sql.py) is what the rest of the
app reads through SQLAlchemy, on SQLite and PostgreSQL; and messages stored together in one transaction (group
commit) do not fail together."""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from bot.conversation import IncomingMessage, _ToStore, user_key
from bot.tables import Conversation, Message, Ticket, as_utc

SOON = timedelta(seconds=2)


def stored(app, conversation_id: int) -> tuple[Conversation, list[Message], list[Ticket]]:
    with app.extensions["db"].session() as s:
        conversation = s.get(Conversation, conversation_id)
        messages = list(s.scalars(select(Message).where(Message.conversation_id == conversation_id).order_by(Message.id)))
        tickets = list(s.scalars(select(Ticket).where(Ticket.conversation_id == conversation_id)))
    return conversation, messages, tickets


def test_what_the_driver_stores_reads_back_through_sqlalchemy(app):
    step = app.extensions["conversation"]
    before = datetime.now(timezone.utc)
    outcome = step.handle(IncomingMessage("line", "U" + "1" * 32, text="ลูกจะย้ายโรงเรียนต้องทำอย่างไร",
                                          reply_to="U" + "1" * 32, event_id="event-1"))
    conversation, messages, tickets = stored(app, outcome.conversation_id)

    assert outcome.decision.status == "escalated" and [t.id for t in tickets] == [outcome.ticket_id]
    assert [(m.author, m.event_id, m.ticket_id, m.delivered) for m in messages] == [
        ("user", "event-1", outcome.ticket_id, True), ("bot", "event-1", outcome.ticket_id, True)]
    assert messages[1].text == outcome.decision.reply and messages[1].status == "escalated"
    assert conversation.reply_to == "U" + "1" * 32 and conversation.followed is True
    assert tickets[0].status == "open" and tickets[0].staff_notified is False
    for moment in (conversation.created_at, conversation.last_seen_at, tickets[0].created_at,
                   *(m.created_at for m in messages)):
        assert before - SOON <= as_utc(moment) <= datetime.now(timezone.utc) + SOON


def test_driver_times_sort_with_the_times_sqlalchemy_stores(app):
    """SQLite keeps times as text: the driver must write them as SQLAlchemy does, or they sort apart."""
    step = app.extensions["conversation"]
    first = step.handle(IncomingMessage("web", "a" * 32, text="สวัสดีค่ะ"))
    with app.extensions["db"].session() as s:  # a staff answer, stored through the ORM in between
        s.add(Message(conversation_id=first.conversation_id, author="staff", text="คำตอบค่ะ", delivered=False))
    time.sleep(0.01)
    step.handle(IncomingMessage("web", "a" * 32, text="ขอบคุณค่ะ"))
    with app.extensions["db"].session() as s:
        by_time = list(s.scalars(select(Message.id).where(Message.conversation_id == first.conversation_id)
                                 .order_by(Message.created_at, Message.id)))
    assert by_time == sorted(by_time) and len(by_time) == 5


def test_messages_stored_together_fail_one_by_one(app, answerer):
    """The LINE event stored twice (two processes racing on it) is refused by its unique id; the person whose
    message shared the transaction is still stored and answered."""
    step = app.extensions["conversation"]
    step.handle(IncomingMessage("line", "U" + "2" * 32, text="สวัสดีค่ะ", event_id="event-2"))
    again = IncomingMessage("line", "U" + "2" * 32, text="สวัสดีค่ะ", event_id="event-2")
    other = IncomingMessage("web", "b" * 32, text="กลุ่มอำนวยการมีหน้าที่อะไรบ้าง")
    batch = [_ToStore(m, user_key(step.hash_key, m.channel, m.user_id), m.text, answerer.answer(m.text))
             for m in (again, other)]

    refused, kept = step._store(batch)

    assert isinstance(refused, Exception)
    outcome, new_ticket = kept
    _, messages, _ = stored(app, outcome.conversation_id)
    assert [m.id for m in messages] == outcome.message_ids and messages[0].text == other.text
