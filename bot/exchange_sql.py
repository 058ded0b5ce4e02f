"""The statements run for every message (the conversation step) and every poll of the widget, built once
(SQLAlchemy Core, not the ORM).

Building a statement and running the ORM's unit of work cost more than deciding the answer, so these are
made at import with bound parameters and only executed per message. The conversation upsert opens the
transaction with a write, so SQLite takes its write lock at once instead of upgrading a read lock later.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Executable, bindparam, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Row

from bot.tables import Conversation, Message, Ticket

CONVERSATIONS, MESSAGES, TICKETS = Conversation.__table__, Message.__table__, Ticket.__table__


def _conversation_upsert(dialect_insert) -> Executable:
    """INSERT .. ON CONFLICT DO UPDATE: the person's conversation, made on their first message; its
    last_seen_at always and reply_to when given updated. Two first messages at once still make one."""
    stmt = dialect_insert(CONVERSATIONS)
    return stmt.on_conflict_do_update(
        index_elements=["channel", "user_key"],
        set_={
            "last_seen_at": stmt.excluded.last_seen_at,
            "reply_to": func.coalesce(stmt.excluded.reply_to, CONVERSATIONS.c.reply_to),
        },
    ).returning(CONVERSATIONS.c.id)


UPSERT_CONVERSATION = {"sqlite": _conversation_upsert(sqlite.insert), "postgresql": _conversation_upsert(postgresql.insert)}
OPEN_TICKET = (
    select(TICKETS.c.id)
    .where(TICKETS.c.conversation_id == bindparam("conversation_id"), TICKETS.c.status == "open")
    .order_by(TICKETS.c.id)
    .limit(1)
)
INSERT_TICKET = insert(TICKETS).returning(TICKETS.c.id)
INSERT_MESSAGE = insert(MESSAGES).returning(MESSAGES.c.id)
ASKED_FOR_EVENT = select(MESSAGES.c.id).where(
    MESSAGES.c.event_id == bindparam("event_id"), MESSAGES.c.author == "user"
)
PENDING_ANSWERS = (
    select(MESSAGES.c.id, MESSAGES.c.text)
    .where(
        MESSAGES.c.conversation_id == bindparam("conversation_id"),
        MESSAGES.c.author == "staff",
        MESSAGES.c.delivered.is_(False),
    )
    .order_by(MESSAGES.c.id)
)


# What the widget polls for: one conversation's messages after an id, found by the conversation's key.
MESSAGES_AFTER = (
    select(MESSAGES.c.id, MESSAGES.c.author, MESSAGES.c.text, MESSAGES.c.status, MESSAGES.c.ticket_id,
           MESSAGES.c.created_at, MESSAGES.c.delivered)
    .join(CONVERSATIONS, CONVERSATIONS.c.id == MESSAGES.c.conversation_id)
    .where(
        CONVERSATIONS.c.channel == bindparam("channel"),
        CONVERSATIONS.c.user_key == bindparam("user_key"),
        MESSAGES.c.id > bindparam("after"),
    )
    .order_by(MESSAGES.c.id)
    .limit(bindparam("limit"))
)


def conversation_id(conn: Connection, channel: str, key: str, reply_to: str | None) -> int:
    now = datetime.now(timezone.utc)
    values = {"channel": channel, "user_key": key, "reply_to": reply_to, "created_at": now, "last_seen_at": now,
              "followed": True}
    return conn.execute(UPSERT_CONVERSATION[conn.dialect.name], values).scalar_one()


def open_ticket(conn: Connection, conversation: int) -> int | None:
    return conn.execute(OPEN_TICKET, {"conversation_id": conversation}).scalar()


def add_ticket(conn: Connection, conversation: int, question: str, reason: str) -> int:
    return conn.execute(
        INSERT_TICKET, {"conversation_id": conversation, "question": question, "reason": reason}
    ).scalar_one()


def add_message(conn: Connection, **values: Any) -> int:
    return conn.execute(INSERT_MESSAGE, values).scalar_one()


def pending_answers(conn: Connection, conversation: int) -> list[tuple[int, str]]:
    """Staff answers the person has not received yet, oldest first, as (message id, text)."""
    return [(row.id, row.text) for row in conn.execute(PENDING_ANSWERS, {"conversation_id": conversation})]


def asked_for_event(conn: Connection, event_id: str) -> int | None:
    """The id of the person's message stored from this platform event, if it was handled before."""
    return conn.execute(ASKED_FOR_EVENT, {"event_id": event_id}).scalar()


def messages_after(conn: Connection, channel: str, key: str, after: int, limit: int) -> list[Row]:
    """The messages of the conversation ``key`` with ids above ``after``, oldest first, at most ``limit``; none
    when there is no such conversation."""
    return list(conn.execute(MESSAGES_AFTER, {"channel": channel, "user_key": key, "after": after, "limit": limit}))
