"""Staff answers: stored first, then delivered on the channel the person used, never lost.

The same functions serve the dashboard, the staff LINE group (`#<ticket> <answer>`) and
`python -m bot answer`, so an answer given anywhere takes the same path.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from flask import Flask
from sqlalchemy import select

from bot.conversation import storable
from bot.tables import Conversation, Message, Ticket, as_utc
from models.text import readable

log = logging.getLogger(__name__)
MAX_ANSWER_CHARS = 4000
MAX_TICKET_ID = 2**31 - 1  # ticket ids are SQL integers; a larger number names no ticket
# A staff answer that could not be pushed (LINE down, refusing for a while) is tried again on its own this long
# after it was given, then after each next wait in turn. After the last, it waits for the person's next message
# or for staff to press "retry" on the undelivered page. A person who never writes again still gets it.
RETRY_AFTER = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
NOTICE_WINDOW = timedelta(days=1)


class TicketError(ValueError):
    """A staff action that cannot be done (no such ticket, already closed, empty answer); the message says why.

    ``code`` (empty | too-long | missing | closed) lets the dashboard say the same in Thai."""

    def __init__(self, message: str, code: str = "invalid"):
        super().__init__(message)
        self.code = code


@dataclass
class AnswerResult:
    ticket_id: int
    message_id: int
    delivered: bool


def answer_ticket(app: Flask, ticket_id: int, text: str, staff: str, event_id: str | None = None) -> AnswerResult:
    """Record a staff answer, mark the ticket answered, then try to deliver it right away.

    ``event_id``: the LINE event that carried the answer (the staff group's `#<ticket> <answer>`). An answer
    already recorded from that event is not recorded again, only delivered if it still has to be (the event
    is handled again after a crash; bot/channels/line_inbox.py)."""
    text = storable(text or "").strip()
    if not readable(text):
        raise TicketError("the answer is empty", "empty")
    if len(text) > MAX_ANSWER_CHARS:
        raise TicketError(f"the answer is over {MAX_ANSWER_CHARS} characters", "too-long")
    db = app.extensions["db"]
    if event_id is not None:
        with db.session() as s:
            earlier = s.scalars(
                select(Message.id).where(Message.event_id == event_id, Message.author == "staff")
            ).first()
        if earlier is not None:
            return AnswerResult(ticket_id, earlier, deliver(app, earlier))
    with db.session() as s:
        ticket = s.get(Ticket, ticket_id)
        if ticket is None:
            raise TicketError(f"ticket {ticket_id} does not exist", "missing")
        if ticket.status == "closed":
            raise TicketError(f"ticket {ticket_id} is closed", "closed")
        now = datetime.now(timezone.utc)
        ticket.status, ticket.answer, ticket.answered_by, ticket.answered_at = "answered", text, staff, now
        message = Message(
            conversation_id=ticket.conversation_id,
            ticket_id=ticket.id,
            author="staff",
            text=text,
            delivered=False,
            event_id=event_id,
        )
        s.add(message)
        s.flush()
        message_id = message.id
    return AnswerResult(ticket_id, message_id, deliver(app, message_id))


def close_ticket(app: Flask, ticket_id: int, staff: str) -> None:
    """Close a ticket without (further) answer: it leaves the inbox; the person is not told."""
    with app.extensions["db"].session() as s:
        ticket = s.get(Ticket, ticket_id)
        if ticket is None:
            raise TicketError(f"ticket {ticket_id} does not exist", "missing")
        ticket.status, ticket.closed_at = "closed", datetime.now(timezone.utc)
        ticket.answered_by = ticket.answered_by or staff


def deliver(app: Flask, message_id: int) -> bool:
    """Try to send one undelivered staff answer through its channel; record the outcome either way."""
    db = app.extensions["db"]
    with db.session() as s:
        message = s.get(Message, message_id)
        if message is None or message.delivered:
            return bool(message and message.delivered)
        conversation = s.get(Conversation, message.conversation_id)
        channel = app.extensions["outbound"].get(conversation.channel)
        text = message.text
    ok, error = False, None
    if channel is not None:
        try:
            ok = bool(channel.deliver(conversation, text, message_id))
        except Exception as exc:  # kept undelivered; the next message or a retry takes it
            error = type(exc).__name__
            log.warning("staff answer %s not delivered: %s", message_id, error)
    with db.session() as s:
        message = s.get(Message, message_id)
        message.delivery_attempts += 1
        message.delivery_error = error
        if ok:
            message.delivered, message.delivered_at = True, datetime.now(timezone.utc)
    return ok


def retry_undelivered(app: Flask) -> int:
    """Try every undelivered staff answer again; returns how many went out."""
    with app.extensions["db"].session() as s:
        ids = list(s.scalars(select(Message.id).where(Message.author == "staff", Message.delivered.is_(False))))
    return sum(deliver(app, i) for i in ids)


def retry_due(app: Flask, now: datetime | None = None) -> list[tuple[int, str]]:
    """The staff answers whose next scheduled retry (`RETRY_AFTER`) has come, as (message id, where the
    conversation is sent to): kept, on a channel that can send on its own (LINE push), to a person who still
    follows the bot. Oldest first."""
    channels = list(app.extensions["outbound"])
    if not channels:
        return []
    now = now or datetime.now(timezone.utc)
    with app.extensions["db"].session() as s:
        rows = s.execute(
            select(Message.id, Message.created_at, Message.delivery_attempts, Conversation.reply_to)
            .join(Conversation)
            .where(
                Message.author == "staff",
                Message.delivered.is_(False),
                Message.delivery_attempts <= len(RETRY_AFTER),
                Conversation.channel.in_(channels),
                Conversation.followed.is_(True),
                Conversation.reply_to.is_not(None),
            )
            .order_by(Message.id)
        ).all()
    return [(message_id, reply_to) for message_id, created, attempts, reply_to in rows if _due(created, attempts, now)]


def notices_due(app: Flask, now: datetime | None = None) -> list[int]:
    """The open tickets the staff LINE group has not been told of whose next try has come, on the schedule of
    staff answers (`RETRY_AFTER`). Oldest first. Not those older than `NOTICE_WINDOW`: a ticket from before the
    group was set is no news to staff, who see it on the dashboard."""
    now = now or datetime.now(timezone.utc)
    with app.extensions["db"].session() as s:
        rows = s.execute(
            select(Ticket.id, Ticket.created_at, Ticket.notice_attempts)
            .where(
                Ticket.status == "open",
                Ticket.staff_notified.is_(False),
                Ticket.notice_attempts <= len(RETRY_AFTER),
                Ticket.created_at >= now - NOTICE_WINDOW,
            )
            .order_by(Ticket.id)
        ).all()
    return [ticket_id for ticket_id, created, attempts in rows if _due(created, attempts, now)]


def _due(created: datetime, attempts: int, now: datetime) -> bool:
    """Whether the next try of something first tried when ``created`` and tried ``attempts`` times has come. One
    not tried at all yet (the process died as it was given) waits as long as one tried once."""
    return as_utc(created) + sum(RETRY_AFTER[: max(attempts, 1)], timedelta()) <= now
