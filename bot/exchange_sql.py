"""The statements run for every message (the conversation step), every LINE event acknowledged and answered, and
every poll of the widget, sent straight to the database driver.

These are the only statements a surge of questions runs, so their cost is the chat's cost. Executed through
SQLAlchemy (even Core statements compiled once), each message cost about 0.4 ms of CPU in SQLAlchemy's
execution machinery, four times what SQLite itself spent storing it; sent to the driver's cursor they cost
what the database costs (`make bench` shows the CPU per request). The SQL is the dialect SQLite and
PostgreSQL share (``INSERT … ON CONFLICT … RETURNING``); only the placeholder and the form of times differ
(`Dialect`, which converts times with SQLAlchemy's own column type). The tables
and their columns stay defined once, in bot/tables.py; tests/test_exchange_sql.py holds these statements to
them on both databases.

The conversation upsert opens the transaction with a write, so SQLite takes its write lock at once instead of
upgrading a read lock later.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timezone
from functools import cached_property, lru_cache
from typing import Any, Iterator, Mapping, NamedTuple

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect as SQLAlchemyDialect

from bot.db import Database
from bot.tables import as_utc

UPSERT_CONVERSATION = (
    "INSERT INTO conversations (channel, user_key, reply_to, created_at, last_seen_at, followed) "
    "VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (channel, user_key) DO UPDATE SET last_seen_at = excluded.last_seen_at, "
    "reply_to = coalesce(excluded.reply_to, conversations.reply_to) "
    "RETURNING id"
)
OPEN_TICKET = "SELECT id FROM tickets WHERE conversation_id = ? AND status = 'open' ORDER BY id LIMIT 1"
INSERT_TICKET = (
    "INSERT INTO tickets (conversation_id, status, question, reason, created_at, staff_notified) "
    "VALUES (?, 'open', ?, ?, ?, ?) RETURNING id"
)
INSERT_MESSAGE = (
    "INSERT INTO messages (conversation_id, ticket_id, author, text, status, confidence, faq_id, created_at, "
    "delivered, delivery_attempts, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?) RETURNING id"
)
RECORD_EVENT = (
    "INSERT INTO processed_events (event_id, received_at, attempts, payload, claimed_at, claim, handled_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING RETURNING event_id"
)
# A pending event this process holds (its claim), marked handled; its payload is no longer needed.
MARK_HANDLED = (
    "UPDATE processed_events SET handled_at = ?, payload = NULL, claimed_at = NULL, claim = NULL "
    "WHERE event_id = ? AND claim = ? AND handled_at IS NULL"
)
ASKED_FOR_EVENT = "SELECT id FROM messages WHERE event_id = ? AND author = 'user'"
PENDING_ANSWERS = (
    "SELECT id, text FROM messages WHERE conversation_id = ? AND author = 'staff' AND delivered = ? ORDER BY id"
)
# The bot's last reply in one conversation, found by the conversation's key: what a typed "2" picks from.
LAST_REPLY = (
    "SELECT m.text, m.status FROM messages m JOIN conversations c ON c.id = m.conversation_id "
    "WHERE c.channel = ? AND c.user_key = ? AND m.author = 'bot' ORDER BY m.id DESC LIMIT 1"
)
# The last four messages of one conversation, newest first, leaving staff answers out: the bot's last reply, what
# the person said to get it, and the exchange before, where a choice the person picked may have been offered.
RECENT_MESSAGES = (
    "SELECT author, text, status FROM messages WHERE conversation_id = ? AND author <> 'staff' ORDER BY id DESC LIMIT 4"
)
# What the widget polls for: one conversation's messages after an id, found by the conversation's key.
MESSAGES_AFTER = (
    "SELECT m.id, m.author, m.text, m.status, m.ticket_id, m.created_at, m.delivered FROM messages m "
    "JOIN conversations c ON c.id = m.conversation_id "
    "WHERE c.channel = ? AND c.user_key = ? AND m.id > ? ORDER BY m.id LIMIT ?"
)


class RecentMessage(NamedTuple):
    author: str
    text: str
    status: str | None


class PolledMessage(NamedTuple):
    id: int
    author: str
    text: str
    status: str | None
    ticket_id: int | None
    created_at: datetime
    delivered: bool


class Dialect:
    """How one database's driver takes these statements: its placeholder, and its times converted as SQLAlchemy's
    own `DateTime` column converts them (text in SQLite, ``timestamptz`` in PostgreSQL), so that what is stored
    here reads back, and sorts, like what the ORM stores. One per SQLAlchemy dialect (`dialect_of`)."""

    def __init__(self, dialect: SQLAlchemyDialect):
        self.name = dialect.name
        column = DateTime(timezone=True).dialect_impl(dialect)
        self._to_database = column.bind_processor(dialect) or _unchanged
        self._from_database = column.result_processor(dialect, None) or _unchanged

    def sql(self, statement: str) -> str:
        return statement if self.name == "sqlite" else statement.replace("?", "%s")

    def time(self, value: datetime) -> Any:
        return self._to_database(value)

    def read_time(self, value: Any) -> datetime:
        return as_utc(self._from_database(value))


def _unchanged(value: Any) -> Any:
    return value


@lru_cache(maxsize=8)
def dialect_of(dialect: SQLAlchemyDialect) -> Dialect:
    return Dialect(dialect)


class Exchange:
    """The statements on one driver cursor, within one transaction the caller commits (`Database.driver`)."""

    def __init__(self, cursor: Any, dialect: Dialect):
        self.cursor = cursor
        self.dialect = dialect

    @cached_property
    def now(self) -> Any:
        """The time of this transaction, as stored: everything it writes is stamped alike."""
        return self.dialect.time(datetime.now(timezone.utc))

    def _run(self, statement: str, params: tuple) -> Any:
        return self.cursor.execute(self.dialect.sql(statement), params)

    def _one(self, statement: str, params: tuple) -> Any:
        self._run(statement, params)
        row = self.cursor.fetchone()
        return None if row is None else row[0]

    def conversation_id(self, channel: str, key: str, reply_to: str | None) -> int:
        return self._one(UPSERT_CONVERSATION, (channel, key, reply_to, self.now, self.now, True))

    def open_ticket(self, conversation: int) -> int | None:
        return self._one(OPEN_TICKET, (conversation,))

    def add_ticket(self, conversation: int, question: str, reason: str) -> int:
        return self._one(INSERT_TICKET, (conversation, question, reason, self.now, False))

    def add_message(self, conversation: int, ticket: int | None, author: str, text: str, *, status: str | None = None,
                    confidence: float | None = None, faq_id: str | None = None, event_id: str | None = None) -> int:
        return self._one(INSERT_MESSAGE, (conversation, ticket, author, text, status, confidence, faq_id, self.now, True,
                                          event_id))

    def pending_answers(self, conversation: int) -> list[tuple[int, str]]:
        """Staff answers the person has not received yet, oldest first, as (message id, text)."""
        self._run(PENDING_ANSWERS, (conversation, False))
        return [(row[0], row[1]) for row in self.cursor.fetchall()]

    def record_event(self, row: Mapping[str, Any]) -> bool:
        """Store a LINE event in the inbox (bot/channels/line_inbox.py) unless its id is there already: True when
        it was new. ``row``: the `ProcessedEvent` columns, times as datetimes."""
        time = self.dialect.time
        params = (row["event_id"], time(row["received_at"]), row["attempts"], row["payload"],
                  None if row["claimed_at"] is None else time(row["claimed_at"]), row["claim"],
                  None if row["handled_at"] is None else time(row["handled_at"]))
        return self._one(RECORD_EVENT, params) is not None

    def mark_handled(self, event_id: str, claim: str) -> bool:
        """Mark a pending event handled if ``claim`` still holds it (bot/channels/line_inbox.py); False if not."""
        self._run(MARK_HANDLED, (self.now, event_id, claim))
        return self.cursor.rowcount == 1

    def asked_for_event(self, event_id: str) -> int | None:
        """The id of the person's message stored from this platform event, if it was handled before."""
        return self._one(ASKED_FOR_EVENT, (event_id,))

    def last_reply(self, channel: str, key: str) -> tuple[str, str | None] | None:
        """The text and status of the bot's last reply in the conversation ``key``; None before the first."""
        self._run(LAST_REPLY, (channel, key))
        row = self.cursor.fetchone()
        return None if row is None else (row[0], row[1])

    def recent_messages(self, conversation: int) -> list[RecentMessage]:
        """The last four messages of ``conversation`` but staff answers, newest first."""
        self._run(RECENT_MESSAGES, (conversation,))
        return [RecentMessage(*row) for row in self.cursor.fetchall()]

    def messages_after(self, channel: str, key: str, after: int, limit: int) -> list[PolledMessage]:
        """The messages of the conversation ``key`` with ids above ``after``, oldest first, at most ``limit``;
        none when there is no such conversation."""
        self._run(MESSAGES_AFTER, (channel, key, after, limit))
        return [PolledMessage(row[0], row[1], row[2], row[3], row[4], self.dialect.read_time(row[5]), bool(row[6]))
                for row in self.cursor.fetchall()]


@contextmanager
def exchange(db: Database, write: bool = True) -> Iterator[Exchange]:
    """The statements on a driver cursor of ``db`` in one transaction (see `Database.driver`)."""
    assert db.engine is not None, "Database is not connected"
    with db.driver(write) as cursor:
        yield Exchange(cursor, dialect_of(db.engine.dialect))
