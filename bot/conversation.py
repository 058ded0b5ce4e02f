"""The channel-agnostic conversation step: a plain message in, a decision out, everything recorded.

Channel adapters (bot/channels/) turn platform events into an `IncomingMessage` and render the `Outcome`
back. This step never knows which platform it serves. It records the person's message and the bot's reply,
and when the decision is "escalated" it opens a ticket (or adds to the person's open one) and commits that
before the adapter tells the person that staff will answer.

A message that carries its platform event id (LINE) is handled once per event: the person's message and the
bot's reply are stored with that id (`Message.event_id`, unique per author), and handling the same event again
(the process died after this step but before the event was marked handled, bot/channels/line_inbox.py) stores
nothing new and returns the reply stored the first time, to be sent again. Checking for the stored message
first, rather than deciding again and letting the unique constraint refuse the second copy, keeps the reply
the person gets the one recorded with their ticket; the constraint settles the rare race of two processes on
the same event (the loser's transaction fails and its retry finds the winner's rows).
"""
from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import exchange_sql as sql
from bot.answering import Answerer, Decision
from bot.db import Database
from bot.tables import Conversation, Message, Ticket

# The suggestion button that hands the question to staff carries this instead of an entry id.
ASK_STAFF = "__ask_staff__"


# Control characters but line breaks and tabs (C0, DEL, C1), and UTF-16 surrogates standing alone.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class IncomingMessage:
    channel: str  # "line" | "web"
    user_id: str  # the platform's id: LINE userId, or the widget's session id
    text: str | None = None
    choice: str | None = None  # an entry id from a tapped suggestion, or ASK_STAFF
    reply_to: str | None = None  # where a later staff answer must be pushed (LINE); None when not needed
    event_id: str | None = None  # the platform's id of the event (LINE webhookEventId): handled once per id


@dataclass
class PendingAnswer:
    message_id: int
    text: str


@dataclass
class Outcome:
    decision: Decision
    conversation_id: int
    ticket_id: int | None = None
    # Staff answers that have not reached the person yet: the adapter sends them along with this reply
    # and then calls `ConversationStep.mark_delivered`.
    pending: list[PendingAnswer] = field(default_factory=list)
    # Ids of the person's message and the bot's reply as stored (the widget skips them when it polls).
    message_ids: list[int] = field(default_factory=list)


def storable(text: str) -> str:
    """``text`` as it can be stored and sent: lone surrogates (JSON escapes can carry them, UTF-8 cannot) become
    U+FFFD, and control characters other than line breaks and tabs are dropped (PostgreSQL refuses NUL)."""
    return SURROGATE.sub("\ufffd", CONTROL.sub("", text))


def user_key(secret: str, channel: str, user_id: str) -> str:
    """Keyed hash of a platform user id: stable for lookups, useless to anyone without the key."""
    return hmac.new(secret.encode(), f"{channel}:{user_id}".encode(), hashlib.sha256).hexdigest()


class ConversationStep:
    def __init__(self, answerer: Answerer, db: Database, hash_key: str, notify=None):
        self.answerer = answerer
        self.db = db
        self.hash_key = hash_key
        # Called with a ticket id after a new ticket is committed (staff notification); must not raise.
        self.notify = notify

    def conversation(self, s: Session, channel: str, user_id: str, reply_to: str | None = None) -> Conversation:
        key = user_key(self.hash_key, channel, user_id)
        conv = s.scalars(select(Conversation).where(Conversation.channel == channel, Conversation.user_key == key)).first()
        if conv is None:
            conv = Conversation(channel=channel, user_key=key, reply_to=reply_to)
            s.add(conv)
            s.flush()
        conv.last_seen_at = datetime.now(timezone.utc)
        if reply_to:
            conv.reply_to = reply_to
        return conv

    def decide(self, msg: IncomingMessage) -> Decision:
        if msg.choice == ASK_STAFF:
            return self.answerer.escalation("asked-for-staff")
        if msg.choice:
            return self.answerer.answer_entry(msg.choice)
        return self.answerer.answer(msg.text or "")

    def handle(self, msg: IncomingMessage) -> Outcome:
        if msg.text is not None:
            msg = replace(msg, text=storable(msg.text))
        if msg.event_id:
            stored = self._stored_outcome(msg)
            if stored is not None:
                return stored
        decision = self.decide(msg)
        shown = msg.text if msg.text is not None else storable(self._choice_text(msg.choice))
        new_ticket = None
        key = user_key(self.hash_key, msg.channel, msg.user_id)
        with self.db.transaction() as conn:
            conversation_id = sql.conversation_id(conn, msg.channel, key, msg.reply_to)
            ticket_id = None
            if decision.status == "escalated":
                ticket_id = sql.open_ticket(conn, conversation_id)
                if ticket_id is None:
                    ticket_id = new_ticket = sql.add_ticket(conn, conversation_id, shown, decision.reason)
                else:
                    decision = self.answerer.still_open(decision, ticket_id)
            common = {"conversation_id": conversation_id, "ticket_id": ticket_id, "event_id": msg.event_id}
            asked_id = sql.add_message(conn, **common, author="user", text=shown, status=None, confidence=None,
                                       faq_id=None)
            reply_id = sql.add_message(conn, **common, author="bot", text=decision.reply, status=decision.status,
                                       confidence=decision.confidence, faq_id=decision.faq_id)
            pending = [PendingAnswer(*answer) for answer in sql.pending_answers(conn, conversation_id)]
        if new_ticket is not None and self.notify is not None:
            self.notify(new_ticket)
        return Outcome(decision, conversation_id, ticket_id, pending, [asked_id, reply_id])

    def _stored_outcome(self, msg: IncomingMessage) -> Outcome | None:
        """What handling ``msg``'s event stored before, as an `Outcome` to send again; None the first time.

        The reply is the stored text; its buttons are those of a fresh decision when that decides the same
        (same status and entry), else none. Staff are told of the ticket if that had not happened yet."""
        with self.db.read() as conn:  # nearly always nothing: looked for without waiting for a write turn
            if sql.asked_for_event(conn, msg.event_id) is None:
                return None
        with self.db.session() as s:
            asked = s.scalars(
                select(Message).where(Message.event_id == msg.event_id, Message.author == "user")
            ).first()
            if asked is None:
                return None
            reply = s.scalars(select(Message).where(Message.event_id == msg.event_id, Message.author == "bot")).first()
            ticket = s.get(Ticket, asked.ticket_id) if asked.ticket_id is not None else None
            untold = ticket.id if ticket is not None and ticket.status == "open" and not ticket.staff_notified else None
            pending = [PendingAnswer(*answer) for answer in sql.pending_answers(s.connection(), asked.conversation_id)]
            conversation_id, ticket_id = asked.conversation_id, asked.ticket_id
            message_ids = [asked.id] + ([reply.id] if reply is not None else [])
        decision = self.decide(msg)
        if reply is not None:
            if (decision.status, decision.faq_id) == (reply.status, reply.faq_id):
                decision = _with_reply(decision, reply.text)
            else:
                status = reply.status or decision.status
                decision = Decision(status, reply.text, reply.faq_id, reply.confidence or 0.0, [])
        if untold is not None and self.notify is not None:
            self.notify(untold)
        return Outcome(decision, conversation_id, ticket_id, pending, message_ids)

    def mark_delivered(self, message_ids: list[int]) -> None:
        if not message_ids:
            return
        with self.db.session() as s:
            for m in s.scalars(select(Message).where(Message.id.in_(message_ids))):
                m.delivered = True
                m.delivered_at = datetime.now(timezone.utc)

    def _choice_text(self, choice: str | None) -> str:
        if choice == ASK_STAFF:
            return self.answerer.kb.replies["ask_staff_label"]
        entry = self.answerer.kb.get(choice or "")
        return entry.question if entry else str(choice)


def _with_reply(decision: Decision, reply: str) -> Decision:
    return replace(decision, reply=reply)
