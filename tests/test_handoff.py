"""Staff answers: recorded before delivery, delivered through the person's channel, never lost."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.handoff import MAX_ANSWER_CHARS, TicketError, answer_ticket, close_ticket, deliver, retry_undelivered
from bot.tables import Message, Ticket
from staff_support import FakeChannel, ask, seed_ticket


def _staff_messages(app) -> list[Message]:
    with app.extensions["db"].session() as s:
        return list(s.scalars(select(Message).where(Message.author == "staff").order_by(Message.id)))


def _ticket(app, ticket_id: int) -> Ticket:
    with app.extensions["db"].session() as s:
        return s.get(Ticket, ticket_id)


def test_an_answer_is_stored_and_delivered_on_the_persons_channel(app):
    line = app.extensions["outbound"]["line"] = FakeChannel("line")
    ticket_id = seed_ticket(app, "คำถามทาง LINE", channel="line", user_id="U123")
    result = answer_ticket(app, ticket_id, "  คำตอบค่ะ  ", staff="somchai")
    assert result.delivered is True
    assert line.sent == [(result.message_id, "คำตอบค่ะ")]
    ticket = _ticket(app, ticket_id)
    assert (ticket.status, ticket.answer, ticket.answered_by) == ("answered", "คำตอบค่ะ", "somchai")
    [message] = _staff_messages(app)
    assert message.delivered and message.delivered_at is not None and message.delivery_attempts == 1


def test_an_answer_no_channel_can_send_waits_for_the_person(app):
    ticket_id = seed_ticket(app, "คำถามทางเว็บ")
    result = answer_ticket(app, ticket_id, "คำตอบค่ะ", staff="somchai")
    assert result.delivered is False
    [message] = _staff_messages(app)
    assert message.delivered is False and message.delivery_error is None
    outcome = ask(app, "ยังอยู่ไหมคะ")  # the same visitor's next message carries it
    assert [p.message_id for p in outcome.pending] == [message.id]
    app.extensions["conversation"].mark_delivered([message.id])
    assert _staff_messages(app)[0].delivered is True


def test_a_failed_delivery_is_kept_and_retried(app):
    channel = app.extensions["outbound"]["web"] = FakeChannel(fail=True)
    ticket_id = seed_ticket(app, "คำถาม")
    result = answer_ticket(app, ticket_id, "คำตอบค่ะ", staff="somchai")
    assert result.delivered is False
    assert _staff_messages(app)[0].delivery_error == "ConnectionError"
    assert retry_undelivered(app) == 0
    channel.fail = False
    assert retry_undelivered(app) == 1
    message = _staff_messages(app)[0]
    assert message.delivered and message.delivery_attempts == 3 and message.delivery_error is None
    assert retry_undelivered(app) == 0
    assert deliver(app, message.id) is True  # already delivered: nothing is sent twice
    assert len(channel.sent) == 1


@pytest.mark.parametrize(
    "text, code", [("", "empty"), ("   ", "empty"), ("ก" * (MAX_ANSWER_CHARS + 1), "too-long")]
)
def test_unusable_answers_are_refused(app, text, code):
    ticket_id = seed_ticket(app, "คำถาม")
    with pytest.raises(TicketError) as error:
        answer_ticket(app, ticket_id, text, staff="somchai")
    assert error.value.code == code
    assert _ticket(app, ticket_id).status == "open" and _staff_messages(app) == []


def test_unknown_and_closed_tickets_cannot_be_answered(app):
    with pytest.raises(TicketError) as missing:
        answer_ticket(app, 404, "คำตอบค่ะ", staff="somchai")
    assert missing.value.code == "missing" and "404" in str(missing.value)
    ticket_id = seed_ticket(app, "คำถาม")
    close_ticket(app, ticket_id, staff="somchai")
    with pytest.raises(TicketError) as closed:
        answer_ticket(app, ticket_id, "คำตอบค่ะ", staff="somchai")
    assert closed.value.code == "closed"


def test_closing_records_when_and_who(app):
    ticket_id = seed_ticket(app, "คำถาม")
    close_ticket(app, ticket_id, staff="malee")
    ticket = _ticket(app, ticket_id)
    assert ticket.status == "closed" and ticket.closed_at is not None and ticket.answered_by == "malee"
    with pytest.raises(TicketError) as missing:
        close_ticket(app, 404, staff="malee")
    assert missing.value.code == "missing"
