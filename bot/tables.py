"""The database tables (SQLAlchemy 2 ORM). Schema changes go through Alembic: bot/migrations."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(value: datetime) -> datetime:
    """SQLite hands back the stored UTC times without their zone; PostgreSQL with it."""
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    pass


class Conversation(Base):
    """One person on one channel. ``user_key`` is a keyed hash of their platform id; ``reply_to`` keeps the
    raw id only where it is needed to send a staff answer later (LINE push)."""

    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("channel", "user_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    user_key: Mapped[str] = mapped_column(String(64), index=True)
    reply_to: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    followed: Mapped[bool] = mapped_column(Boolean, default=True)

    messages: Mapped[list["Message"]] = relationship(back_populates="conversation", cascade="all, delete-orphan")
    tickets: Mapped[list["Ticket"]] = relationship(back_populates="conversation", cascade="all, delete-orphan")


class Ticket(Base):
    """A question handed to staff. States: open -> answered | closed."""

    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    question: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(String(32), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    answered_by: Mapped[str | None] = mapped_column(String(128))
    answer: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    staff_notified: Mapped[bool] = mapped_column(Boolean, default=False)
    notice_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # tries to tell them on LINE

    conversation: Mapped[Conversation] = relationship(back_populates="tickets")


class Message(Base):
    """Every message in a conversation: the person's, the bot's and staff answers.

    A staff answer is kept until it reaches the person: ``delivered`` turns true when a push succeeds, the
    widget receives it, or it rides along on the reply to the person's next message."""

    __tablename__ = "messages"
    __table_args__ = (UniqueConstraint("event_id", "author", name="uq_messages_event_id_author"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id", ondelete="SET NULL"), index=True)
    author: Mapped[str] = mapped_column(String(16))  # user | bot | staff
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(16))  # the decision, for bot messages
    confidence: Mapped[float | None] = mapped_column(Float)
    faq_id: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    delivered: Mapped[bool] = mapped_column(Boolean, default=True)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    delivery_attempts: Mapped[int] = mapped_column(Integer, default=0)
    delivery_error: Mapped[str | None] = mapped_column(String(200))
    # The LINE webhook event this message came from (the person's question, a staff answer given in the staff
    # group) or answers (the bot's reply). Unique per author, so an event handled again after a crash finds what
    # it stored the first time instead of storing it twice (bot/conversation.py, bot/handoff.py).
    event_id: Mapped[str | None] = mapped_column(String(64))

    conversation: Mapped[Conversation] = relationship(back_populates="messages")


class StaffUser(Base):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ProcessedEvent(Base):
    """The durable LINE inbox: every webhook event the bot acts on, recorded (with its JSON) before LINE is
    answered 200. The primary key makes a redelivered event (same id) be answered once only, also when two app
    processes receive it.

    A row is pending until ``handled_at`` is set: a worker thread holds it while ``claimed_at`` is recent (its
    lease, renewed when the worker starts on it; ``claim`` names the holder), and the recovery sweep of any
    process takes over rows whose lease ran out (the process died, its queue was full). ``payload`` is cleared
    once the event is handled; handled rows are deleted after a few days (bot/channels/line_inbox.py)."""

    __tablename__ = "processed_events"
    # The sweep claims pending rows oldest first; the prune deletes handled rows by age. One index each, over
    # those rows only: with one index on handled_at for both, SQLite looked up the rows to claim through it,
    # walking and sorting every pending row inside the write turn (10 ms a claim with 5,000 pending).
    __table_args__ = (
        Index("ix_processed_events_pending", "received_at",
              sqlite_where=text("handled_at IS NULL"), postgresql_where=text("handled_at IS NULL")),
        Index("ix_processed_events_handled", "handled_at",
              sqlite_where=text("handled_at IS NOT NULL"), postgresql_where=text("handled_at IS NOT NULL")),
    )

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    payload: Mapped[str | None] = mapped_column(Text)  # the event as the SDK parsed it (JSON, ASCII only)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claim: Mapped[str | None] = mapped_column(String(36))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    handled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class LearnedEntry(Base):
    """An FAQ entry staff made from an answered ticket. Every app process merges these into its model;
    `python -m knowledge export` writes them to knowledge/learned/ for review in git. A withdrawn entry
    (``withdrawn_at`` set) is no longer used or exported; its row stays as the record of what was said."""

    __tablename__ = "learned_entries"
    # One entry in use per ticket, also when two staff promote it at the same moment; a withdrawn one does not
    # count, so a corrected answer can be added again.
    __table_args__ = (
        Index("uq_learned_entries_active_ticket", "source_ticket_id", unique=True,
              sqlite_where=text("withdrawn_at IS NULL"), postgresql_where=text("withdrawn_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[str] = mapped_column(String(80), unique=True)
    category: Mapped[str] = mapped_column(String(80))
    question: Mapped[str] = mapped_column(Text)
    variants: Mapped[str] = mapped_column(Text)  # JSON list
    answer: Mapped[str] = mapped_column(Text)
    source_ticket_id: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_by: Mapped[str | None] = mapped_column(String(80))
