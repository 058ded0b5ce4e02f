"""Helpers for the staff, handoff, learning and privacy tests: rows seeded as the bot writes them, signing in."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from flask import Flask
from flask.testing import FlaskClient

from bot.conversation import IncomingMessage, Outcome, user_key
from bot.staff.auth import add_staff
from bot.tables import Conversation, Message, Ticket

STAFF = "somchai"
PASSWORD = "correct-horse-battery"
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def create_staff(app: Flask, name: str = STAFF, password: str = PASSWORD) -> None:
    add_staff(app.extensions["db"], name, password)


def csrf(client: FlaskClient) -> str:
    """The session's CSRF token, as the hidden field on any dashboard form carries it."""
    with client.session_transaction("/staff/") as session:
        token = session.get("staff_csrf")
    if token is None:
        token = CSRF_FIELD.search(client.get("/staff/login").get_data(as_text=True)).group(1)
    return token


def login(client: FlaskClient, name: str = STAFF, password: str = PASSWORD, next_url: str | None = None):
    client.get("/staff/login")
    url = "/staff/login" + (f"?next={next_url}" if next_url else "")
    return client.post(url, data={"name": name, "password": password, "csrf_token": csrf(client)})


def post(client: FlaskClient, url: str, **data: str):
    """A dashboard form submission with the session's CSRF token."""
    return client.post(url, data={**data, "csrf_token": csrf(client)})


def ask(app: Flask, text: str, user_id: str = "visitor-1", channel: str = "web") -> Outcome:
    """One message through the conversation step every channel uses."""
    return app.extensions["conversation"].handle(IncomingMessage(channel=channel, user_id=user_id, text=text))


def seed_ticket(
    app: Flask,
    question: str,
    *,
    user_id: str = "visitor-1",
    channel: str = "web",
    status: str = "open",
    created_at: datetime | None = None,
    answer: str | None = None,
    before: tuple[str, ...] = (),
) -> int:
    """A ticket as the conversation step leaves it (the person's message and the bot's escalation, attached
    to the ticket), after ``before`` earlier messages of the person; with ``answer``, answered by staff."""
    when = created_at or datetime.now(timezone.utc)
    key = user_key(app.config["USER_ID_HASH_KEY"], channel, user_id)
    with app.extensions["db"].session() as s:
        conv = s.query(Conversation).filter_by(channel=channel, user_key=key).first()
        if conv is None:
            conv = Conversation(channel=channel, user_key=key, created_at=when, last_seen_at=when)
            s.add(conv)
            s.flush()
        for text in before:
            s.add(Message(conversation_id=conv.id, author="user", text=text, created_at=when))
            s.add(Message(conversation_id=conv.id, author="bot", text="ตอบแล้วค่ะ", status="answered", created_at=when))
        ticket = Ticket(conversation_id=conv.id, question=question, reason="no-match", created_at=when, status=status)
        s.add(ticket)
        s.flush()
        s.add(Message(conversation_id=conv.id, ticket_id=ticket.id, author="user", text=question, created_at=when))
        s.add(
            Message(
                conversation_id=conv.id, ticket_id=ticket.id, author="bot", text="ส่งต่อเจ้าหน้าที่แล้วค่ะ", status="escalated", created_at=when
            )
        )
        if answer is not None:
            ticket.answer, ticket.answered_by, ticket.answered_at = answer, STAFF, when
            ticket.status = "answered" if status == "open" else status
            s.add(Message(conversation_id=conv.id, ticket_id=ticket.id, author="staff", text=answer, created_at=when))
        return ticket.id


class FakeChannel:
    """An outbound channel that accepts (or refuses, or fails) every staff answer and remembers them."""

    def __init__(self, name: str = "web", accept: bool = True, fail: bool = False):
        self.name, self.accept, self.fail = name, accept, fail
        self.sent: list[tuple[int, str]] = []

    def deliver(self, conversation: Conversation, text: str, message_id: int) -> bool:
        if self.fail:
            raise ConnectionError("platform unreachable")
        self.sent.append((message_id, text))
        return self.accept
