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
from typing import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import exchange_sql as sql
from bot.answering import Answerer, Decision
from bot.db import Database
from bot.group_commit import GroupCommit
from bot.tables import Conversation, Message, Ticket
from models.text import clean

# The suggestion button that hands the question to staff carries this instead of an entry id.
ASK_STAFF = "__ask_staff__"


# A number typed instead of tapping one of the choices just offered: "2", "๒", "ข้อ 2", "อันที่สอง", "อันแรกค่ะ".
PICKED = re.compile(
    r"(?:ข้อ|ข้อที่|อัน|อันที่|เลข|ตัวเลือกที่|ตัวเลือก)?\s*([0-9๐-๙]|แรก|หนึ่ง|สอง|สาม)\s*\.?\s*"
    r"(?:ค่ะ|คะ|ครับ|คับ|จ้า|จ้ะ|นะ|นะคะ|นะครับ)?"
)
NUMBER_WORDS = {"แรก": 1, "หนึ่ง": 1, "สอง": 2, "สาม": 3}

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
    polled: bool = False  # the channel fetches staff answers itself (the widget): the outcome leaves them out


@dataclass(frozen=True)
class _ToStore:
    msg: IncomingMessage
    key: str  # `user_key` of the person
    shown: str  # their message as stored: the text, or the label of what they tapped
    decision: Decision


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
        # Messages that many threads store at once go to the database together (bot/group_commit.py).
        self._writes: GroupCommit[_ToStore, tuple[Outcome, int | None] | Exception] = GroupCommit(self._store)

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
        decision = self.decide(self._picked(msg))
        shown = msg.text if msg.text is not None else storable(self._choice_text(msg.choice))
        key = user_key(self.hash_key, msg.channel, msg.user_id)
        stored = self._writes.submit(_ToStore(msg, key, shown, decision))
        if isinstance(stored, Exception):
            raise stored
        outcome, new_ticket = stored
        if new_ticket is not None and self.notify is not None:
            self.notify(new_ticket)
        return outcome

    def _picked(self, msg: IncomingMessage) -> IncomingMessage:
        """``msg`` as the choice it picks by number when the bot's last reply offered choices ("2" after "did you
        mean: 1. … 2. …"): people type the number they see, and "2" went to staff as a question. Otherwise
        ``msg``. Its text is still what is stored as the person's message."""
        found = PICKED.fullmatch(msg.text.strip()) if msg.text is not None and msg.choice is None else None
        if found is None:
            return msg
        word = found.group(1)
        number = NUMBER_WORDS.get(word) or int(clean(word))  # a Thai digit as the matcher reads it
        with sql.exchange(self.db, write=False) as db:
            last = db.last_reply(msg.channel, user_key(self.hash_key, msg.channel, msg.user_id))
        if last is None or last[1] != "clarify":
            return msg
        offered = self.answerer.offered(last[0])
        return replace(msg, choice=offered[number - 1]) if 1 <= number <= len(offered) else msg

    def _store(self, batch: Sequence[_ToStore]) -> list[tuple[Outcome, int | None] | Exception]:
        """Store the messages of one group commit in one transaction. Should that fail, each is stored in a
        transaction of its own, so that only the one that cannot be stored fails (its caller gets the error):
        two processes storing the same LINE event, the unique event id refuses the second."""
        try:
            with sql.exchange(self.db) as db:
                return [self._store_one(db, item) for item in batch]
        except Exception as error:
            if len(batch) == 1:
                return [error]
        results: list[tuple[Outcome, int | None] | Exception] = []
        for item in batch:
            try:
                with sql.exchange(self.db) as db:
                    results.append(self._store_one(db, item))
            except Exception as error:
                results.append(error)
        return results

    def _store_one(self, db: sql.Exchange, item: _ToStore) -> tuple[Outcome, int | None]:
        """The person's message and the bot's reply, and the ticket when the reply escalates; the outcome, and
        the id of the ticket when it is new."""
        msg, decision = item.msg, item.decision
        conversation_id = db.conversation_id(msg.channel, item.key, msg.reply_to)
        ticket_id = new_ticket = None
        if decision.status == "escalated":
            ticket_id = db.open_ticket(conversation_id)
            if ticket_id is None:
                question = self._ticket_question(db.recent_messages(conversation_id), item)
                ticket_id = new_ticket = db.add_ticket(conversation_id, question, decision.reason)
            else:
                decision = self.answerer.still_open(decision, ticket_id)
        asked_id = db.add_message(conversation_id, ticket_id, "user", item.shown, event_id=msg.event_id)
        reply_id = db.add_message(conversation_id, ticket_id, "bot", decision.reply, status=decision.status,
                                  confidence=decision.confidence, faq_id=decision.faq_id, event_id=msg.event_id)
        pending = [] if msg.polled else [PendingAnswer(*answer) for answer in db.pending_answers(conversation_id)]
        return Outcome(decision, conversation_id, ticket_id, pending, [asked_id, reply_id]), new_ticket

    def _stored_outcome(self, msg: IncomingMessage) -> Outcome | None:
        """What handling ``msg``'s event stored before, as an `Outcome` to send again; None the first time.

        The reply is the stored text; its buttons are those of a fresh decision when that decides the same
        (same status and entry), else none. Staff are told of the ticket if that had not happened yet."""
        with sql.exchange(self.db, write=False) as db:  # nearly always nothing: looked for without a write turn
            if db.asked_for_event(msg.event_id) is None:
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
            conversation_id, ticket_id = asked.conversation_id, asked.ticket_id
            message_ids = [asked.id] + ([reply.id] if reply is not None else [])
        with sql.exchange(self.db, write=False) as db:
            pending = [PendingAnswer(*answer) for answer in db.pending_answers(conversation_id)]
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

    def _ticket_question(self, recent: list[sql.RecentMessage], item: _ToStore) -> str:
        """The question a new ticket holds, from the conversation's ``recent`` messages (newest first): the
        person's message, but not where it tells staff nothing.

        - A tap on the button that asks staff under an answer or a choice stands for the message that reply was
          to, which it did not settle. The button's label told staff nothing in the inbox and in their LINE group,
          and the insights page grouped every such ticket as one question. Under a greeting the label stays: the
          person wants a person, and "สวัสดีค่ะ" is no question.
        - A pick from the choices the bot offered ("2", or a tapped question in the knowledge base's wording)
          stands for the message the choices were offered for: "2" is no question either."""
        question = item.shown
        if item.msg.choice == ASK_STAFF:
            if not _reply_to_person(recent, ("answered", "clarify")):
                return question
            question, recent = recent[1].text, recent[2:]
        if _reply_to_person(recent, ("clarify",)) and self._picks(question, recent[0].text):
            return recent[1].text
        return question

    def _picks(self, said: str, clarify_reply: str) -> bool:
        """Whether ``said`` picks from the choices of ``clarify_reply``: a number, or the question of one."""
        offered = {self._choice_text(entry_id) for entry_id in self.answerer.offered(clarify_reply)}
        return PICKED.fullmatch(said.strip()) is not None or said in offered

    def _choice_text(self, choice: str | None) -> str:
        if choice == ASK_STAFF:
            return self.answerer.kb.replies["ask_staff_label"]
        entry = self.answerer.kb.get(choice or "")
        return entry.question if entry else str(choice)


def _with_reply(decision: Decision, reply: str) -> Decision:
    return replace(decision, reply=reply)


def _reply_to_person(recent: list[sql.RecentMessage], statuses: tuple[str, ...]) -> bool:
    """Whether ``recent`` (newest first) begins with a bot reply of one of ``statuses`` to a message of the person."""
    return len(recent) >= 2 and recent[0].author == "bot" and recent[0].status in statuses and recent[1].author == "user"
