"""What the dashboard's ticket pages read from the database."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bot.tables import Conversation, Message, Ticket

PAGE_SIZE = 20
CONTEXT_BEFORE = 3
CONTEXT_AFTER = 6
CONVERSATION_LIMIT = 200
SEARCH_LIMIT = 100


@dataclass
class TicketView:
    ticket: Ticket
    channel: str
    messages: list[Message]  # the conversation around the ticket, oldest first


def open_tickets(s: Session, page: int) -> tuple[list[TicketView], int]:
    """One page of open tickets, newest first, each with the messages around its question; and the total."""
    total = s.scalar(select(func.count(Ticket.id)).where(Ticket.status == "open")) or 0
    rows = s.execute(
        select(Ticket, Conversation.channel)
        .join(Conversation)
        .where(Ticket.status == "open")
        .order_by(Ticket.created_at.desc(), Ticket.id.desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return [TicketView(t, channel, around(s, t)) for t, channel in rows], total


def around(s: Session, ticket: Ticket) -> list[Message]:
    """A few messages before the ticket's first message and the ones after it: what led to the question and
    what the person added while waiting."""
    first = s.scalar(select(func.min(Message.id)).where(Message.ticket_id == ticket.id))
    if first is None:  # its messages were purged; nothing to show around it
        return []
    same = Message.conversation_id == ticket.conversation_id
    before = s.scalars(select(Message).where(same, Message.id < first).order_by(Message.id.desc()).limit(CONTEXT_BEFORE))
    after = s.scalars(select(Message).where(same, Message.id >= first).order_by(Message.id).limit(CONTEXT_AFTER + 1))
    return [*reversed(list(before)), *after]


def ticket_view(s: Session, ticket_id: int) -> TicketView | None:
    row = s.execute(select(Ticket, Conversation.channel).join(Conversation).where(Ticket.id == ticket_id)).first()
    if row is None:
        return None
    ticket, channel = row
    latest = s.scalars(
        select(Message)
        .where(Message.conversation_id == ticket.conversation_id)
        .order_by(Message.id.desc())
        .limit(CONVERSATION_LIMIT)
    )
    return TicketView(ticket, channel, list(reversed(list(latest))))


def recent_questions(s: Session, exclude: int, limit: int = 500) -> list[str]:
    """Questions of other tickets (the latest ``limit``), for finding other ways people asked the same."""
    return list(
        s.scalars(select(Ticket.question).where(Ticket.id != exclude).order_by(Ticket.id.desc()).limit(limit))
    )


def search(s: Session, query: str) -> list[tuple[Ticket, str]]:
    """Tickets whose question or answer contains ``query`` (as typed: % and _ match themselves), newest first."""
    pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return s.execute(
        select(Ticket, Conversation.channel)
        .join(Conversation)
        .where(or_(Ticket.question.ilike(pattern, escape="\\"), Ticket.answer.ilike(pattern, escape="\\")))
        .order_by(Ticket.created_at.desc(), Ticket.id.desc())
        .limit(SEARCH_LIMIT)
    ).all()


def undelivered(s: Session) -> list[tuple[Message, str]]:
    """Staff answers that have not reached the person yet, oldest first."""
    return s.execute(
        select(Message, Conversation.channel)
        .join(Conversation)
        .where(Message.author == "staff", Message.delivered.is_(False))
        .order_by(Message.id)
    ).all()


def grouped_tickets(s: Session, limit: int = 1000) -> list[tuple[Ticket, str]]:
    """Open and answered tickets (the latest ``limit``) for the insights page."""
    return s.execute(
        select(Ticket, Conversation.channel)
        .join(Conversation)
        .where(Ticket.status.in_(("open", "answered")))
        .order_by(Ticket.id.desc())
        .limit(limit)
    ).all()
