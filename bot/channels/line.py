"""LINE Messaging API channel, built on line-bot-sdk's `linebot.v3` API: the webhook (`POST /callback`),
replies, and the pushes that bring staff answers and new-ticket notices.

The webhook verifies the signature on the raw body, stores each event with its id in the database (a
redelivered event is skipped, also when another app process got it; bot/channels/line_inbox.py), queues the
events and answers LINE 200 at once. Worker threads (bot/channels/line_worker.py) then turn each event into an
`IncomingMessage`, run the conversation step and reply; when the reply token no longer works they push
instead; then they mark the event handled. Events a process could not finish (it was killed, its queue was
full) are taken over by the recovery sweep of any process and answered by push.

With `LINE_ANSWERS=worker` the web processes only store events and answer LINE; the Procfile's worker process
(`python -m bot line-worker`, `LineChannel.work`) claims them from the database and answers them. Answering
then never competes with acknowledging for the web processes' CPU, so a surge is acknowledged at once and
answered as fast as the worker goes.

Tuning settings read here besides those of bot/config.py (tests set them small):
LINE_API_TIMEOUT seconds per API call (10), LINE_API_ATTEMPTS per send (3), LINE_RETRY_WAIT first pause between
attempts in seconds, doubled each time (0.5), LINE_QUEUE_LIMIT events queued or running before more are
left to the recovery sweep (200), LINE_RECOVERY_SECONDS between recovery sweeps (15; 0: no sweep thread),
LINE_RECOVERY_GRACE seconds an accepted event may stay unhandled before a sweep takes it over (60),
LINE_WORKER_POLL seconds between the worker process's looks for new events when it has none (0.2).
"""
from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
import uuid
import weakref
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable, Iterable
from urllib.parse import parse_qs

import urllib3
from flask import Blueprint, Flask, current_app, jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from bot.channels.line_inbox import DEFAULT_GRACE, DEFAULT_INTERVAL, MAX_ATTEMPTS, SWEEP_BATCH, Claimed, Inbox, Sweeper
from bot.channels.line_render import (
    MAX_MESSAGES,
    cut,
    decision_message,
    greeting_message,
    staff_answer_message,
    text_message,
)
from bot.channels.line_sdk import import_soon, messaging, webhook_parser, webhooks
from bot.channels.line_worker import EventPool
from bot.conversation import IncomingMessage, user_key
from bot.handoff import MAX_ANSWER_CHARS, TicketError, answer_ticket, deliver, notices_due, retry_due
from bot.tables import Conversation, Ticket
from knowledge import KnowledgeBase

if TYPE_CHECKING:
    from linebot.v3.messaging import ApiException, Message, MessagingApi
    from linebot.v3.webhook import WebhookParser
    from linebot.v3.webhooks import Event, FollowEvent, MessageEvent, PostbackEvent, TextMessageContent

log = logging.getLogger(__name__)
bp = Blueprint("line", __name__)

NOT_CONFIGURED = "LINE is not configured on this server: set LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN"
HANDLED_TYPES = frozenset({"message", "postback", "follow", "unfollow"})  # their "type" in a webhook body
GREETING_ENTRY = "smalltalk-greeting"
# In the staff group: "#<ticket> <answer>". Nine digits at most keeps the number inside an SQL integer.
STAFF_ANSWER = re.compile(r"\s*#(\d{1,9})\s+(\S.*)", re.DOTALL)
# LINE's ids (userId, groupId, roomId: 33 characters; webhookEventId: 26) are printable ASCII. Anything else,
# too long for the columns that keep ids or not text at all, is no chat the bot can answer.
LINE_ID = re.compile(r"[!-~]{1,64}")
RETRY_KEY_NAMESPACE = uuid.UUID("6f1c8a52-3d4b-4c8e-9a37-2b51f0d4e7a1")
NOTICE_QUESTION_CHARS = 1000
LOADING_SECONDS = 20
# How often the sweep looks for kept staff answers and untold tickets whose next try has come (bot/handoff.py).
ANSWER_RETRY_CHECK_SECONDS = 30.0
# The event threads' queue of notices to the staff group: one after another, in the order the tickets came.
STAFF_NOTICES = "staff-notices"
# How often handled event ids past `KEEP_HANDLED` are deleted; the worker process sweeps several times a second.
PRUNE_SECONDS = 300.0
# How long a stopping worker process lets the events it holds finish; what is left is swept after the lease.
LEASE_FINISH_SECONDS = 20.0


class BadSignature(Exception):
    """A webhook body without the channel's signature."""


def retry_key(kind: str, ident: object) -> str:
    """X-Line-Retry-Key of one logical push: the same on every attempt, so LINE sends it at most once."""
    return str(uuid.uuid5(RETRY_KEY_NAMESPACE, f"{kind}:{ident}"))


@bp.post("/callback")
def callback() -> ResponseReturnValue:
    line: LineChannel | None = current_app.extensions.get("line")
    if line is None:
        return jsonify(error=NOT_CONFIGURED), 503
    try:
        arrivals = line.arrivals(request.get_data().decode("utf-8"), request.headers.get("X-Line-Signature", ""))
    except (BadSignature, UnicodeDecodeError):
        log.warning("LINE webhook refused: missing or wrong signature")
        return jsonify(error="bad request"), 400
    except (ValueError, LookupError, TypeError, AttributeError, RecursionError):  # RecursionError: deep nesting
        log.warning("LINE webhook refused: signed, but not a LINE webhook JSON body")
        return jsonify(error="the request body is not a valid LINE webhook payload"), 400
    line.accept(arrivals)
    return jsonify(status="ok")


@dataclass(frozen=True)
class Chat:
    """Where an event came from. ``to`` gets replies and pushes; ``user_id`` names the conversation: the person
    in a one-to-one chat, the person within the group or room otherwise (each member keeps their own tickets,
    and a staff answer goes to the group where the question was asked)."""

    kind: str  # "user" | "group" | "room"
    to: str
    user_id: str
    sender: str | None  # the person's LINE userId, when LINE gives it


def _line_id(value: Any) -> str | None:
    return value if isinstance(value, str) and LINE_ID.fullmatch(value) else None


def chat_of(source: Any) -> Chat | None:
    """The chat of an event's source, as the SDK parsed it."""
    sdk = webhooks()
    kinds = ((sdk.UserSource, "user"), (sdk.GroupSource, "group"), (sdk.RoomSource, "room"))
    kind = next((name for cls, name in kinds if isinstance(source, cls)), None)
    return _chat(kind, getattr(source, "user_id", None), getattr(source, "group_id", None),
                 getattr(source, "room_id", None))


def chat_of_json(source: Any) -> Chat | None:
    """The chat of an event's source, from its JSON object as LINE sent it."""
    if not isinstance(source, dict):
        return None
    return _chat(source.get("type"), source.get("userId"), source.get("groupId"), source.get("roomId"))


def _chat(kind: Any, user_id: Any, group_id: Any, room_id: Any) -> Chat | None:
    if kind == "user":
        user = _line_id(user_id)
        return Chat("user", user, user, user) if user else None
    to = _line_id(group_id if kind == "group" else room_id if kind == "room" else None)
    if to is None:
        return None
    sender = _line_id(user_id)
    return Chat(kind, to, f"{to}/{sender}" if sender else to, sender)


@dataclass(frozen=True)
class Arrival:
    """An event of a webhook body that the bot acts on, as `/callback` stores it: its id, the chat to answer (None:
    only recorded, as in standby mode), its JSON object as LINE sent it, and the SDK's object of it when this
    process answers it."""

    event_id: str
    chat: Chat | None
    raw: dict
    event: Event | None = None


@dataclass(frozen=True)
class SendResult:
    ok: bool  # LINE took it (for a push: now, or on an earlier attempt with the same retry key)
    status: int | None = None  # the last HTTP status; None when no answer came (timeout, connection)
    message: str = ""  # LINE's error message, if any
    unsure: bool = False  # some attempt got no answer: LINE may have taken it


class LineApi:
    """Messaging API calls with bounded retries (429, 5xx, no answer); other refusals are final.

    Each thread keeps one `ApiClient` of its own (the generated client is not meant to be shared between
    threads), so its urllib3 pool keeps the connection to LINE open from one call to the next instead of
    opening a new one, with a new TLS handshake, for every reply, push and loading animation."""

    def __init__(self, host: str, token: str, timeout: float, attempts: int, wait: float):
        self._host, self._token = host, token
        self._configuration = None  # made at the first call (bot/channels/line_sdk.py)
        self._clients = threading.local()
        self._timeout = timeout
        self._attempts = max(1, attempts)
        self._wait = wait

    def push(self, to: str, messages: list[Message], key: str) -> bool:
        """True when LINE took the push; ``key`` (X-Line-Retry-Key) makes LINE send it once over all retries."""
        request = messaging().PushMessageRequest(to=to, messages=messages)
        return self._with_retries(
            "push", lambda api: api.push_message(request, x_line_retry_key=key, _request_timeout=self._timeout)
        ).ok

    def reply(self, reply_token: str, messages: list[Message]) -> SendResult:
        request = messaging().ReplyMessageRequest(reply_token=reply_token, messages=messages)
        return self._with_retries("reply", lambda api: api.reply_message(request, _request_timeout=self._timeout))

    def show_loading(self, chat_id: str) -> None:
        """The "typing" animation in a one-to-one chat; one attempt, as it only matters right now."""
        sdk = messaging()
        request = sdk.ShowLoadingAnimationRequest(chat_id=chat_id, loading_seconds=LOADING_SECONDS)
        try:
            self._call(lambda api: api.show_loading_animation(request, _request_timeout=self._timeout))
        except sdk.ApiException as exc:
            log.info("LINE loading animation refused: HTTP %s", exc.status)
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            log.info("LINE loading animation failed: %s", type(exc).__name__)

    def _call(self, call: Callable[[MessagingApi], Any]) -> None:
        sdk = messaging()
        client = getattr(self._clients, "client", None)
        if client is None:
            if self._configuration is None:
                configuration = sdk.Configuration(host=self._host, access_token=self._token)
                configuration.retries = False  # urllib3 must not retry on its own: this class decides
                self._configuration = configuration
            client = self._clients.client = sdk.ApiClient(self._configuration)
        call(sdk.MessagingApi(client))

    def _with_retries(self, what: str, call: Callable[[MessagingApi], Any]) -> SendResult:
        api_exception = messaging().ApiException
        unsure = False
        result = SendResult(False)
        for attempt in range(1, self._attempts + 1):
            if attempt > 1:
                time.sleep(self._wait * 2 ** (attempt - 2))
            try:
                self._call(call)
                return SendResult(True, 200, unsure=unsure)
            except api_exception as exc:
                status = exc.status or 0
                if status == 409:  # the retry key of a push LINE already took: it was sent before
                    return SendResult(True, status, unsure=unsure)
                result = SendResult(False, status, _error_message(exc), unsure)
                if status != 429 and status < 500:
                    log.warning("LINE %s refused: HTTP %s %s", what, status, result.message)
                    return result
                log.warning("LINE %s failed (attempt %d of %d): HTTP %s", what, attempt, self._attempts, status)
            except (urllib3.exceptions.HTTPError, OSError) as exc:
                # Without a connection LINE cannot have taken it; a timeout after sending may have been taken.
                unsure = unsure or not isinstance(exc, urllib3.exceptions.ConnectTimeoutError)
                result = SendResult(False, None, unsure=unsure)
                log.warning("LINE %s failed (attempt %d of %d): %s", what, attempt, self._attempts, type(exc).__name__)
        return result


def _error_message(exc: ApiException) -> str:
    try:
        return str(json.loads(exc.body or b"{}").get("message", ""))
    except (ValueError, AttributeError):
        return ""


class LineChannel:
    """The LINE channel of one app (`app.extensions["line"]`): webhook events in, replies and pushes out.

    It is also the app's outbound LINE channel (`OutputChannel`, `StaffNotifier`)."""

    name = "line"

    def __init__(self, app: Flask):
        config = app.config
        self.app = app
        self._secret = str(config["LINE_CHANNEL_SECRET"])
        self._parser: WebhookParser | None = None
        self.api = LineApi(
            config["LINE_API_BASE_URL"],
            config["LINE_CHANNEL_ACCESS_TOKEN"],
            timeout=float(config.get("LINE_API_TIMEOUT", 10)),
            attempts=int(config.get("LINE_API_ATTEMPTS", 3)),
            wait=float(config.get("LINE_RETRY_WAIT", 0.5)),
        )
        self.db = app.extensions["db"]
        self.answerer = app.extensions["answerer"]
        self.step = app.extensions["conversation"]
        self.group_prefix = str(config["LINE_GROUP_PREFIX"] or "")
        self.staff_group = str(config["STAFF_LINE_GROUP_ID"] or "")
        self.public_base_url = str(config["PUBLIC_BASE_URL"]).rstrip("/")
        self.pool = EventPool(int(config["LINE_WORKERS"]), int(config.get("LINE_QUEUE_LIMIT", 200)))
        self.inbox = Inbox(self.db, grace=float(config.get("LINE_RECOVERY_GRACE") or DEFAULT_GRACE))
        # False in web processes when the worker process answers (LINE_ANSWERS=worker): they store and acknowledge.
        self.answers = config.get("LINE_ANSWERS") != "worker"
        interval = config.get("LINE_RECOVERY_SECONDS")
        interval = float(DEFAULT_INTERVAL if interval in (None, "") else interval) if self.answers else 0.0
        self.sweeper = Sweeper(self._sweep, interval)
        self._next_answer_retry = 0.0
        self._next_prune = 0.0
        # Threads do not survive a fork: a gunicorn worker forked from the --preload master starts its own sweep
        # at once (not only at its first request), so that events a killed process left are answered after a
        # restart even before anyone writes again. The master itself never sweeps (no requests, no fork). The
        # worker that answers events also starts importing the LINE SDK then, which the app starts without
        # (bot/channels/line_sdk.py).
        own = weakref.ref(self)

        def start_in_forked_child() -> None:
            channel = own()
            if channel is not None:
                channel.sweeper.ensure_running()
                if channel.answers:
                    import_soon()

        os.register_at_fork(after_in_child=start_in_forked_child)

    @property
    def parser(self) -> WebhookParser:
        """The SDK's webhook parser, made at the first webhook (bot/channels/line_sdk.py)."""
        if self._parser is None:
            self._parser = webhook_parser(self._secret)
        return self._parser

    @property
    def kb(self) -> KnowledgeBase:
        return self.answerer.kb  # read each time: staff may add entries while the app runs

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until every accepted event has been handled (tests; a graceful stop)."""
        return self.pool.wait_idle(timeout)

    def close(self) -> None:
        self.sweeper.stop()
        self.pool.close()

    # -- webhook side (request thread) ---------------------------------------------------------------

    def arrivals(self, body: str, signature: str) -> list[Arrival]:
        """The events of a webhook body that the bot acts on. Raises `BadSignature` for a body without the
        channel's signature, and ValueError, LookupError or TypeError for one that is no webhook body.

        The signature is always checked by the SDK. A web process that answers events itself has the SDK parse
        them (its workers need the objects). One that leaves answering to the worker process (`LINE_ANSWERS=worker`)
        takes from each event's JSON only what storing and routing need: building the SDK's objects (pydantic
        validation) was the largest part of an acknowledgement after the database (measured in process, 0.60–0.67
        ms with it, 0.51–0.52 ms without), and the worker builds them from what was stored, leaving an event it
        cannot read pending for a person to look at (bot/channels/line_inbox.py)."""
        parser = self.parser
        if not parser.signature_validator.validate(body, signature):
            raise BadSignature
        if self.answers:
            payload = parser.parse(body, signature, as_payload=True)  # which checks the signature again
            raw_events = json.loads(body)["events"]  # parsed above: the same objects, in the same order
            sdk = webhooks()
            handled = (sdk.MessageEvent, sdk.PostbackEvent, sdk.FollowEvent, sdk.UnfollowEvent)
            return [
                # STANDBY: another channel (a person, a chat tool) has the chat now; the event is only recorded.
                Arrival(event.webhook_event_id, chat_of(event.source) if event.mode != sdk.EventMode.STANDBY else None,
                        raw, event)
                for event, raw in zip(payload.events or [], raw_events)
                if isinstance(event, handled) and _line_id(event.webhook_event_id)
            ]
        raw_events = json.loads(body)["events"]
        if not isinstance(raw_events, list):
            raise TypeError("events is not a list")
        return [
            Arrival(raw["webhookEventId"], chat_of_json(raw.get("source")) if raw.get("mode") != "standby" else None, raw)
            for raw in raw_events
            if isinstance(raw, dict) and raw.get("type") in HANDLED_TYPES and _line_id(raw.get("webhookEventId"))
        ]

    def accept(self, arrivals: Iterable[Arrival]) -> None:
        """Store new events (durably, before LINE gets its 200), each as LINE sent it, and queue those this process
        answers, each chat's events in order; returns without waiting for them. A database error propagates: LINE
        then gets a 500 and delivers the events again later."""
        self.sweeper.ensure_running()
        batches: dict[str, list[Claimed]] = {}
        for arrival in arrivals:
            chat = arrival.chat
            claim = self.inbox.record(arrival.event_id, arrival.raw, act=chat is not None, hold=self.answers)
            if claim is None:
                log.info("LINE event already handled, skipped")
            elif chat is not None and arrival.event is not None and self.answers:
                batches.setdefault(chat.to, []).append(Claimed(arrival.event_id, claim, arrival.event))
        self._queue(batches)

    def recover(self, limit: int = SWEEP_BATCH) -> int:
        """One recovery sweep (bot/channels/line_inbox.py): take over up to ``limit`` pending events whose lease
        ran out, queue them (answered by push, or by reply while a never-started event's token is fresh), and
        delete old handled rows. Returns how many events it took."""
        taken = self.inbox.claim_due(limit)
        batches: dict[str, list[Claimed]] = {}
        for item in taken:
            chat = chat_of(item.event.source)
            if chat is None:  # cannot happen for a stored event; never leave it claimed for nothing
                self.inbox.done(item.event_id, item.claim)
                continue
            batches.setdefault(chat.to, []).append(item)
        self._queue(batches)
        if time.monotonic() >= self._next_prune:
            self._next_prune = time.monotonic() + PRUNE_SECONDS
            pruned = self.inbox.prune()
            if pruned:
                log.info("deleted %d handled LINE event ids older than %s", pruned, self.inbox.keep)
        return len(taken)

    def work(self, poll: float, stop: threading.Event, each_round: Callable[[], object] = lambda: None) -> None:
        """Answer stored events until ``stop`` is set: the Procfile's worker process (`python -m bot
        line-worker`). Sweeps again at once while it finds events and has room for more, after ``poll``
        seconds otherwise; then lets the events it holds finish. ``each_round`` runs before every sweep (what a
        web process does before each request, such as taking in FAQ entries staff added)."""
        self.answers = True
        import_soon()
        while not stop.is_set():
            try:
                each_round()
                busy = self._sweep()
            except SQLAlchemyError as exc:
                log.warning("LINE worker could not read its events (%s); trying again in %.1f s", type(exc).__name__, poll)
                busy = False
            stop.wait(0 if busy and self.pool.room() > 0 else poll)
        self.pool.wait_idle(timeout=LEASE_FINISH_SECONDS)

    def _sweep(self) -> bool:
        """The sweep thread's round: recover only as many events as the queue has room for. True (come back
        soon) when it found events or the queue had no room: more may be waiting."""
        room = min(SWEEP_BATCH, self.pool.room())
        busy = room <= 0 or self.recover(room) > 0
        if time.monotonic() >= self._next_answer_retry:
            self._next_answer_retry = time.monotonic() + ANSWER_RETRY_CHECK_SECONDS
            self.retry_staff_answers()
            self.retry_staff_notices()
        return busy

    def retry_staff_answers(self, now: datetime | None = None) -> int:
        """Queue the kept staff answers whose next retry has come (`handoff.RETRY_AFTER`), each pushed by an
        event thread after that chat's events (an answer a reply just carried is not pushed again) and with its
        own retry key, so LINE shows it once even if two processes push it. Returns how many were queued; those
        a full queue refused wait for the next check."""
        return self._submit_in_turn(
            (chat_key, lambda m=message_id: deliver(self.app, m)) for message_id, chat_key in retry_due(self.app, now)
        )

    def retry_staff_notices(self, now: datetime | None = None) -> int:
        """Queue the notices of open tickets the staff group was not told of whose next try has come
        (`handoff.notices_due`), in ticket order. Returns how many were queued; those a full queue refused wait
        for the next check."""
        if not self.staff_group:
            return 0
        return self._submit_in_turn(
            (STAFF_NOTICES, lambda t=ticket_id: self.tell_staff(t)) for ticket_id in notices_due(self.app, now)
        )

    def _submit_in_turn(self, tasks: Iterable[tuple[str, Callable[[], object]]]) -> int:
        """Queue (chat key, task) pairs in order until the pool refuses one; how many it took."""
        queued = 0
        for chat_key, task in tasks:
            if not self.pool.submit(chat_key, task):
                break
            queued += 1
        return queued

    def _queue(self, batches: dict[str, list[Claimed]]) -> None:
        for chat_key, batch in batches.items():
            if not self.pool.submit(chat_key, lambda batch=batch: self._handle_all(batch)):
                # Stored and released: the next recovery sweep of any process with room takes them.
                self.inbox.release(batch)
                log.warning("LINE event queue full: %d event(s) left pending for the recovery sweep", len(batch))
                self.sweeper.wake()

    # -- worker side -----------------------------------------------------------------------------------

    def _handle_all(self, batch: list[Claimed]) -> None:
        for held in batch:
            event, event_id, claim = held.event, held.event_id, held.claim
            try:
                if not self.inbox.start(held):
                    log.info("LINE event taken over by another process meanwhile, skipped")
                    continue
                self.handle(event)
                self.inbox.done(event_id, claim)
            except Exception:  # the next event of the batch still gets its answer
                log.exception("LINE %s event could not be handled; it stays pending for the recovery sweep", event.type)
                self._gave_up(event_id)

    def _gave_up(self, event_id: str) -> None:
        try:
            attempts = self.inbox.attempts(event_id)
        except SQLAlchemyError:
            return
        if attempts >= MAX_ATTEMPTS:
            log.error("LINE event %s failed %d times; left pending in processed_events for a person to look at",
                      event_id, attempts)

    def handle(self, event: Event) -> None:
        """Act on one event (in a worker thread); event types the bot has nothing to say to are ignored."""
        chat = chat_of(event.source)
        if chat is None:
            return
        sdk = webhooks()
        if isinstance(event, sdk.MessageEvent):
            self._on_message(event, chat)
        elif isinstance(event, sdk.PostbackEvent):
            self._on_postback(event, chat)
        elif isinstance(event, sdk.FollowEvent):
            self._on_follow(event, chat)
        elif isinstance(event, sdk.UnfollowEvent):
            self._on_unfollow(chat)

    def _on_message(self, event: MessageEvent, chat: Chat) -> None:
        message = event.message
        sdk = webhooks()
        if chat.kind == "user":
            if isinstance(message, sdk.StickerMessageContent) and self.kb.reaction_entry in self.kb:
                # On LINE a sticker is how people nod or say thanks after an answer: it gets what an emoji gets.
                nod = self.answerer.answer_entry(self.kb.reaction_entry)
                self._send(event, chat, [decision_message(nod, self.kb)])
                return
            if not isinstance(message, sdk.TextMessageContent):
                self._send(event, chat, [text_message(self.kb.replies["non_text"])])
                return
            if event.reply_token:  # the "typing" animation only while the person waits (not on recovery)
                self.api.show_loading(chat.to)
            self._converse(event, chat, self._incoming(event, chat, text=message.text))
        elif not isinstance(message, sdk.TextMessageContent):
            return  # in groups the bot speaks only when spoken to, which takes text
        elif chat.to == self.staff_group:
            self._on_staff_text(event, chat, message.text)
        else:
            text = self._addressed_text(message)
            if text is None:
                return
            if text:
                incoming = self._incoming(event, chat, text=text)
            else:  # only the prefix or the mention: say hello
                incoming = self._incoming(event, chat, choice=GREETING_ENTRY)
            self._converse(event, chat, incoming)

    def _addressed_text(self, message: TextMessageContent) -> str | None:
        """The question in a group message meant for the bot (it is mentioned, or the prefix leads); else None."""
        mentionees = message.mention.mentionees if message.mention else []
        own = [(m.index, m.length) for m in mentionees if getattr(m, "is_self", False)]
        if own:
            return _without_spans(message.text, own).strip()
        text = message.text.lstrip()
        if self.group_prefix and text.startswith(self.group_prefix):
            return text[len(self.group_prefix) :].strip()
        return None

    def _on_postback(self, event: PostbackEvent, chat: Chat) -> None:
        if chat.to == self.staff_group:
            return
        choice = parse_qs(event.postback.data).get("choice", [""])[0]
        if choice:
            self._converse(event, chat, self._incoming(event, chat, choice=choice))

    def _on_follow(self, event: FollowEvent, chat: Chat) -> None:
        with self.db.session() as s:
            self.step.conversation(s, "line", chat.user_id, chat.to).followed = True
        greeting = self.answerer.answer_entry(GREETING_ENTRY)
        self._send(event, chat, [greeting_message(greeting, self.kb)])

    def _on_unfollow(self, chat: Chat) -> None:
        key = user_key(self.step.hash_key, "line", chat.user_id)
        with self.db.session() as s:
            conversation = s.scalars(
                select(Conversation).where(Conversation.channel == "line", Conversation.user_key == key)
            ).first()
            if conversation is not None:
                conversation.followed = False

    @staticmethod
    def _incoming(event: Event, chat: Chat, text: str | None = None, choice: str | None = None) -> IncomingMessage:
        """The conversation step's input; the event id makes the step idempotent (an event handled again after
        a crash sends what was stored the first time)."""
        return IncomingMessage(
            "line", chat.user_id, text=text, choice=choice, reply_to=chat.to, event_id=event.webhook_event_id
        )

    def _converse(self, event: MessageEvent | PostbackEvent, chat: Chat, incoming: IncomingMessage) -> None:
        """Answer one message; staff answers still waiting for this person go first in the same reply."""
        try:
            outcome = self.step.handle(incoming)
        except IntegrityError:  # another process stored this event first: the retry sends what it stored
            outcome = self.step.handle(incoming)
        pending = outcome.pending[: MAX_MESSAGES - 1]
        messages = [staff_answer_message(self.kb, p.text) for p in pending]
        messages.append(decision_message(outcome.decision, self.kb))
        if self._send(event, chat, messages) and pending:
            self.step.mark_delivered([p.message_id for p in pending])

    def _on_staff_text(self, event: MessageEvent, chat: Chat, text: str) -> None:
        match = STAFF_ANSWER.fullmatch(text)
        if match is None:
            return  # staff talking among themselves
        ticket_id, answer = int(match[1]), match[2].strip()
        confirmation = self._answer_ticket(ticket_id, answer, chat.sender, event.webhook_event_id)
        self._send(event, chat, [text_message(confirmation)])

    def _answer_ticket(self, ticket_id: int, answer: str, sender: str | None, event_id: str | None = None) -> str:
        """Record a staff answer given in the staff group (once per LINE event); the confirmation (or the
        problem) for the group."""
        staff = "LINE:" + (user_key(self.step.hash_key, "line", sender)[:12] if sender else "unknown")
        try:
            result = answer_ticket(self.app, ticket_id, answer, staff=staff, event_id=event_id)
        except TicketError as exc:
            problems = {
                "missing": f"ไม่พบเรื่องที่ #{ticket_id} กรุณาตรวจเลขเรื่องอีกครั้งค่ะ",
                "closed": f"เรื่องที่ #{ticket_id} ปิดไปแล้ว จึงบันทึกคำตอบไม่ได้ค่ะ",
                "too-long": f"คำตอบยาวเกิน {MAX_ANSWER_CHARS:,} ตัวอักษร กรุณาย่อหรือแบ่งส่งค่ะ",
            }
            log.info("staff answer to ticket %s refused: %s", ticket_id, exc.code)
            return problems.get(exc.code, f"บันทึกคำตอบเรื่องที่ #{ticket_id} ไม่ได้ค่ะ")
        if result.delivered:
            return f"บันทึกคำตอบเรื่องที่ #{ticket_id} และส่งถึงผู้ถามแล้วค่ะ"
        return (
            f"บันทึกคำตอบเรื่องที่ #{ticket_id} แล้ว แต่ยังส่งถึงผู้ถามไม่ได้ "
            "ระบบจะส่งให้พร้อมคำตอบเมื่อผู้ถามส่งข้อความครั้งถัดไปค่ะ"
        )

    def _send(self, event: Event, chat: Chat, messages: list[Message]) -> bool:
        """Reply to ``event``; push instead when the reply token is used up or expired or replying keeps
        failing. True when the messages reached LINE. After replies that got no answer at all the push may
        repeat one LINE did take: a rare double message rather than a lost answer."""
        token = getattr(event, "reply_token", None)
        if token:
            result = self.api.reply(token, messages)
            if result.ok:
                return True
            if result.status == 400 and "reply token" in result.message.lower():
                if result.unsure:
                    # An earlier attempt got no answer yet used the token: LINE took that reply.
                    return True
                log.info("LINE reply token no longer valid: pushing instead")
            elif result.status is not None and result.status != 429 and result.status < 500:
                return False  # a push of the same messages would be refused the same way
        return self.api.push(chat.to, messages, retry_key("event", event.webhook_event_id))

    # -- outbound (OutputChannel, StaffNotifier) ------------------------------------------------------

    def deliver(self, conversation: Conversation, text: str, message_id: int) -> bool:
        """Push a staff answer; False keeps it for the reply to the person's next message."""
        if not conversation.reply_to or not conversation.followed:
            return False
        message = staff_answer_message(self.kb, text)
        return self.api.push(conversation.reply_to, [message], retry_key("staff-answer", message_id))

    def notify_staff(self, ticket_id: int) -> None:
        """Have an event thread post a new ticket to the staff LINE group. The person's reply (to a widget
        request, to a LINE event) does not wait for LINE: a slow or failing LINE API only delays the notice, and
        one that did not go out is tried again by the sweep (`retry_staff_notices`)."""
        if self.staff_group:
            self.pool.submit(STAFF_NOTICES, lambda: self.tell_staff(ticket_id))

    def tell_staff(self, ticket_id: int) -> None:
        """Post a ticket to the staff LINE group, with a link to it on the dashboard, unless that was done; each
        try is counted."""
        with self.db.session() as s:
            ticket = s.get(Ticket, ticket_id)
            if ticket is None or ticket.staff_notified:
                return
            ticket.notice_attempts += 1
            question = ticket.question
        link = f"{self.public_base_url}/staff/tickets/{ticket_id}"
        text = f"เรื่องที่ #{ticket_id}: {cut(question, NOTICE_QUESTION_CHARS)}\n{link}"
        if not self.api.push(self.staff_group, [text_message(text)], retry_key("staff-notice", ticket_id)):
            log.warning("staff group not told of ticket %s", ticket_id)
            return
        with self.db.session() as s:
            s.get(Ticket, ticket_id).staff_notified = True


def _without_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without the (index, length) spans of mentions. They are taken as UTF-16 code units, the unit of
    LINE's apps; for Thai text and anything else outside emoji that is the same as characters."""
    units = text.encode("utf-16-le")
    for index, length in sorted(spans, reverse=True):
        units = units[: 2 * index] + units[2 * (index + length) :]
    return units.decode("utf-16-le", errors="ignore")


def init_app(app: Flask) -> None:
    """Serve the webhook; with LINE configured, also handle its events and send staff answers through LINE."""
    app.register_blueprint(bp)
    if app.config.get("LINE_CHANNEL_SECRET") and app.config.get("LINE_CHANNEL_ACCESS_TOKEN"):
        channel = LineChannel(app)
        app.extensions["line"] = channel
        app.extensions["outbound"]["line"] = channel
        # Each process's recovery sweep, started with its first request when no fork started it.
        app.before_request(channel.sweeper.ensure_running)
