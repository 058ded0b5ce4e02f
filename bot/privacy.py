"""Personal data kept no longer than needed (PDPA): the retention purge and a person's request to be forgotten.

Both report how many rows went, for the command to print; both run in one transaction, so a failure deletes
nothing.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Iterable

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from bot.conversation import user_key
from bot.db import Database
from bot.tables import Conversation, LearnedEntry, Message, ProcessedEvent, Ticket

CHANNELS = ("line", "web")


@dataclass(frozen=True)
class PurgeResult:
    cutoff: datetime
    messages: int
    tickets: int
    conversations: int
    events: int
    open_tickets_kept: int


@dataclass(frozen=True)
class ForgetResult:
    conversations: int
    messages: int
    tickets: int
    # Their LINE events still waiting to be answered (stored JSON holds what they wrote): dropped unanswered.
    events: int
    # FAQ entries staff made from this person's tickets: not deleted (they are the office's text), but listed
    # so that someone checks they hold nothing about the person.
    learned_entries: tuple[str, ...]


def purge(db: Database, retention_days: int, now: datetime | None = None) -> PurgeResult:
    """Delete what is older than ``retention_days``: messages, answered or closed tickets, LINE event ids and
    conversations left with nothing in them.

    Open tickets and their messages are kept whatever their age: deleting them would drop a question staff
    still owe an answer; they leave with the purge after the ticket is answered or closed."""
    if retention_days < 1:
        raise ValueError("retention_days must be at least 1")
    cutoff = (now or datetime.now(timezone.utc)) - timedelta(days=retention_days)
    with db.session() as s:
        open_ids = select(Ticket.id).where(Ticket.status == "open")
        old_messages = (Message.created_at < cutoff) & (or_(Message.ticket_id.is_(None), Message.ticket_id.not_in(open_ids)))
        last_activity = func.coalesce(Ticket.closed_at, Ticket.answered_at, Ticket.created_at)
        old_tickets = (Ticket.status != "open") & (last_activity < cutoff)
        kept = _count(s, select(func.count(Ticket.id)).where(Ticket.status == "open", Ticket.created_at < cutoff))
        messages = _delete(s, Message, old_messages)
        tickets = _delete(s, Ticket, old_tickets)
        empty = (
            (Conversation.last_seen_at < cutoff)
            & ~select(Message.id).where(Message.conversation_id == Conversation.id).exists()
            & ~select(Ticket.id).where(Ticket.conversation_id == Conversation.id).exists()
        )
        conversations = _delete(s, Conversation, empty)
        events = _delete(s, ProcessedEvent, ProcessedEvent.received_at < cutoff)
    return PurgeResult(cutoff, messages, tickets, conversations, events, kept)


def forget(db: Database, hash_key: str, user_id: str, channels: Iterable[str] = CHANNELS) -> ForgetResult:
    """Delete everything kept about one person (their platform user id) on the given channels."""
    keys = [(channel, user_key(hash_key, channel, user_id)) for channel in channels]
    with db.session() as s:
        conv_ids = list(
            s.scalars(
                select(Conversation.id).where(or_(*((Conversation.channel == c) & (Conversation.user_key == k) for c, k in keys)))
            )
        )
        ticket_ids = list(s.scalars(select(Ticket.id).where(Ticket.conversation_id.in_(conv_ids))))
        learned = tuple(
            s.scalars(select(LearnedEntry.entry_id).where(LearnedEntry.source_ticket_id.in_(ticket_ids)).order_by(LearnedEntry.id))
        )
        messages = _delete(s, Message, Message.conversation_id.in_(conv_ids))
        tickets = _delete(s, Ticket, Ticket.id.in_(ticket_ids))
        conversations = _delete(s, Conversation, Conversation.id.in_(conv_ids))
        events = _drop_pending_events(s, user_id) if "line" in channels else 0
    return ForgetResult(conversations, messages, tickets, events, learned)


def _drop_pending_events(s: Session, user_id: str) -> int:
    """Clear the stored JSON of the person's LINE events not answered yet and mark them handled: answering
    one later would store what they wrote again. The ids stay, so a redelivery is still recognised."""
    pending = s.execute(
        select(ProcessedEvent.event_id, ProcessedEvent.payload).where(
            ProcessedEvent.handled_at.is_(None), ProcessedEvent.payload.is_not(None)
        )
    ).all()
    theirs = [event_id for event_id, payload in pending if _sender(payload) == user_id]
    if theirs:
        s.execute(
            update(ProcessedEvent)
            .where(ProcessedEvent.event_id.in_(theirs))
            .values(payload=None, claim=None, claimed_at=None, handled_at=datetime.now(timezone.utc))
            .execution_options(synchronize_session=False)
        )
    return len(theirs)


def _sender(payload: str) -> str | None:
    try:
        source = json.loads(payload).get("source") or {}
    except (ValueError, AttributeError):
        return None
    return source.get("userId") if isinstance(source, dict) else None


def _count(s: Session, query) -> int:
    return int(s.scalar(query) or 0)


def _delete(s: Session, table, condition) -> int:
    """Delete the rows matching ``condition``; returns how many went."""
    return s.execute(delete(table).where(condition).execution_options(synchronize_session=False)).rowcount
