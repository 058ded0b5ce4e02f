"""The durable LINE inbox: webhook events are stored before LINE is answered 200, and none is lost.

LINE never delivers an event again once the webhook answered 200. So `/callback` stores each event it will act
on (its JSON object as LINE sent it) in `processed_events`, in the one transaction that records its id, and only
then answers. Each row is then in one of these states:

- pending, claimed: a worker thread of the process that holds the claim is on it. The claim is a lease:
  ``claimed_at`` plus the grace period (`LINE_RECOVERY_GRACE`). The webhook claims each new event for its own
  workers; a worker renews the lease when it starts on such an event (and gives the event up if another process
  took it over meanwhile). ``attempts`` counts the starts: that renewal counts one, and a sweep's claim counts
  its own, so its worker starts without another write while the lease is young. The worker marks the event
  handled once the conversation step and the reply (or push) are done and recorded; threads finishing at the
  same moment do so in one transaction.
- pending, unclaimed or lease run out: the process died (SIGKILL, a crash, a deploy), its queue was full
  (`LINE_QUEUE_LIMIT`, the claim is released at once), or handling failed. The recovery sweep takes it.
- handled: ``handled_at`` is set and the payload (the person's message) is cleared; the row only keeps the id,
  so a redelivery is still recognised, and is deleted after `KEEP_HANDLED`.

The recovery sweep runs in every app process (a daemon thread, `Sweeper`, every `LINE_RECOVERY_SECONDS`, and
every `BUSY_INTERVAL` while it finds work: a burst larger than the queues drains as fast as the workers answer,
each process taking only what its queue has room for; with `LINE_ANSWERS=worker` only the worker process
sweeps, several times a second). It claims a batch with one compare-and-set ``UPDATE … WHERE event_id IN
(oldest due) AND handled_at IS NULL AND (claimed_at IS NULL OR claimed_at < lease end) RETURNING …``: the
database lets exactly one process change each row (SQLite
serialises writers; PostgreSQL re-checks the condition on the row another transaction just changed), so an
event is taken over by one process only. A recovered event is handled like a new one but answered by push
(its reply token is not used; except an event no worker has started yet, whose token is still fresh: it is
answered by reply, as it would have been), with the X-Line-Retry-Key derived from the event id, the same key
the first attempt's fallback push used, so LINE sends that push at most once. After `MAX_ATTEMPTS` tries that a worker
started (a full queue does not count) an event is left pending (and logged) instead of failing every sweep for
ever.

What a second attempt must not do twice is made idempotent where it is stored: the person's message and the
bot's reply, and a staff answer given in the staff group, carry the event id (`Message.event_id`, unique per
author). The conversation step and `answer_ticket` look for it first and, when the first attempt got that far,
send what was stored then instead of deciding and storing again (bot/conversation.py, bot/handoff.py).

The one case that can still show twice: the first attempt's reply reached LINE and the process died in the
milliseconds before it recorded the event as handled; the recovery then pushes the stored answer again. A
message shown twice, never a question lost.
"""
from __future__ import annotations

import json
import logging
import os
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Sequence

from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from bot import exchange_sql as sql
from bot.channels.line_sdk import webhooks
from bot.db import Database
from bot.group_commit import GroupCommit
from bot.tables import ProcessedEvent, as_utc

if TYPE_CHECKING:
    from linebot.v3.webhooks import Event

log = logging.getLogger(__name__)

DEFAULT_GRACE = 60.0  # seconds a claim lasts; more than one event takes with the default LINE_API_* settings
DEFAULT_INTERVAL = 15.0
KEEP_HANDLED = timedelta(days=3)  # LINE redelivers (failed deliveries only) within hours
MAX_ATTEMPTS = 5  # workers that started on the event, the first included
SWEEP_BATCH = 50
# A sweep that found events, or a queue with no room, comes back after this many seconds instead of the full
# interval (and a full queue wakes it at once), so a burst larger than the queue is answered as fast as the
# workers go.
BUSY_INTERVAL = 0.5
# An event no worker has started yet (its process's queue was full) keeps its reply token this long after it
# came: a reply is free, a push counts against the office's monthly message quota. Should LINE refuse the token
# as expired after all, the channel pushes instead.
REPLY_TOKEN_SECONDS = 30.0


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def dump_event(raw: Mapping[str, Any]) -> str:
    """The event as LINE sent it (its JSON object in the webhook body), as JSON that `load_event` turns into
    the same SDK object the webhook parsed. ASCII only, so any text the person sent (even a lone surrogate or a
    NUL, which the JSON escapes) can be stored by every database. The object LINE sent, not the SDK object
    dumped again: the webhook answers sooner without that round trip."""
    return json.dumps(raw, ensure_ascii=True, separators=(",", ":"))


def load_event(payload: str, reply_token: bool = True) -> Event:
    """The stored event; with an empty reply token when ``reply_token`` is false (a recovered event is answered
    by push: LINE accepts a reply token only for a short time after the webhook, and only once). Empty rather
    than left out: the SDK requires the field on some events (follow)."""
    data = json.loads(payload)
    if not reply_token and "replyToken" in data:
        data["replyToken"] = ""
    return webhooks().Event.from_dict(data)


@dataclass(frozen=True)
class Claimed:
    """A pending event this process holds: ``claim`` proves it to `start` and `done`. ``counted_at``: when
    (`time.monotonic`) the claim counted an attempt and started the lease (a sweep's claim); None for an event
    the webhook claimed, whose worker counts its attempt as it starts."""

    event_id: str
    claim: str
    event: Event
    counted_at: float | None = None


class Inbox:
    """The `processed_events` table as the LINE channel uses it; every method is one short transaction."""

    def __init__(self, db: Database, grace: float = DEFAULT_GRACE, keep: timedelta = KEEP_HANDLED):
        self.db = db
        self.grace = timedelta(seconds=max(0.0, grace))
        self.keep = keep
        self._records: GroupCommit[dict, bool] = GroupCommit(self._record_new)
        self._dones: GroupCommit[tuple[str, str], bool] = GroupCommit(self._mark_done)

    def record(self, event_id: str, raw: Mapping[str, Any], act: bool, hold: bool = True) -> str | None:
        """Store a new event to act on (``act``), claimed for this process's workers (``hold``) or left for
        whichever process claims it first (the worker process, `LINE_ANSWERS=worker`), its JSON as LINE sent it (``raw``); or handled at once (an
        event the bot does not act on: standby mode, no chat). Returns the claim ("" when not claimed here),
        None when the event id was recorded before (a redelivery, maybe to another process)."""
        now = now_utc()
        claim = str(uuid.uuid4()) if act and hold else ""
        row = {"event_id": event_id, "received_at": now, "attempts": 0, "payload": None,
               "claimed_at": None, "claim": None, "handled_at": None}
        if act:
            row["payload"] = dump_event(raw)
            if hold:
                row |= {"claimed_at": now, "claim": claim}
        else:
            row["handled_at"] = now
        return claim if self._records.submit(row) else None

    def _record_new(self, rows: Sequence[dict]) -> list[bool]:
        """Insert the rows of one group commit (`GroupCommit`) in one transaction; for each, whether it was new.
        The second of two rows with one event id (LINE delivering it again meanwhile) is not."""
        first: dict[str, dict] = {}
        for row in rows:
            first.setdefault(row["event_id"], row)
        with sql.exchange(self.db) as db:  # the driver itself, not SQLAlchemy: LINE waits for this
            stored = {event_id for event_id, row in first.items() if db.record_event(row)}
        new = []
        for row in rows:
            new.append(row["event_id"] in stored)
            stored.discard(row["event_id"])
        return new

    def start(self, held: Claimed) -> bool:
        """A worker starts on ``held``: True while the event is still this process's to handle (False: another
        process's sweep took it over after the lease ran out, or it is handled). An event the webhook claimed
        counts its attempt now and renews its lease. A sweep's claim counted it already; while less than half
        its lease has passed no other process can have taken it, so nothing is written, and after that the
        lease is renewed."""
        if held.counted_at is None:
            return self._update(held.event_id, held.claim, claimed_at=now_utc(), attempts=ProcessedEvent.attempts + 1)
        if time.monotonic() - held.counted_at < self.grace.total_seconds() / 2:
            return True
        return self._update(held.event_id, held.claim, claimed_at=now_utc())

    def done(self, event_id: str, claim: str) -> bool:
        """Mark the event handled (its payload is no longer needed: cleared). Worker threads finishing at the
        same moment mark theirs in one transaction (`GroupCommit`); False when the event was no longer ours."""
        return self._dones.submit((event_id, claim))

    def _mark_done(self, held: Sequence[tuple[str, str]]) -> list[bool]:
        with sql.exchange(self.db) as db:  # the driver itself: every answered event runs this in the write turn
            return [db.mark_handled(event_id, claim) for event_id, claim in held]

    def release(self, held: Iterable[Claimed]) -> None:
        """Give events back at once (this process cannot take them now), for any process's next sweep; an
        attempt a sweep's claim counted is taken back, as no worker started on it."""
        for item in held:
            uncount = {} if item.counted_at is None else {"attempts": ProcessedEvent.attempts - 1}
            self._update(item.event_id, item.claim, claimed_at=None, claim=None, **uncount)

    def claim_due(self, limit: int, now: datetime | None = None) -> list[Claimed]:
        """Claim up to ``limit`` pending events whose lease ran out (or that nobody holds), oldest first,
        counting an attempt for each (this process's workers start on them next; `release` takes it back).

        One compare-and-set statement for the whole batch: the database re-checks the condition on each row as
        it changes it, so when two processes sweep at once every event goes to one of them."""
        now = now or now_utc()
        due = (
            ProcessedEvent.handled_at.is_(None),
            ProcessedEvent.payload.is_not(None),
            ProcessedEvent.attempts < MAX_ATTEMPTS,
            or_(ProcessedEvent.claimed_at.is_(None), ProcessedEvent.claimed_at < now - self.grace),
        )
        oldest = select(ProcessedEvent.event_id).where(*due).order_by(ProcessedEvent.received_at).limit(limit)
        claim = str(uuid.uuid4())
        with self.db.transaction() as conn:
            rows = conn.execute(
                update(ProcessedEvent)
                .where(ProcessedEvent.event_id.in_(oldest.scalar_subquery()), *due)
                .values(claimed_at=now, claim=claim, attempts=ProcessedEvent.attempts + 1)
                .returning(ProcessedEvent.event_id, ProcessedEvent.payload, ProcessedEvent.attempts, ProcessedEvent.received_at)
            ).all()
        counted_at = time.monotonic()
        taken = []
        for event_id, payload, attempts, received in sorted(rows, key=lambda row: as_utc(row.received_at)):
            # ``attempts`` as changed: 1 when no worker started on it before, so its reply token is unused
            fresh = attempts == 1 and now - as_utc(received) < timedelta(seconds=REPLY_TOKEN_SECONDS)
            try:
                event = load_event(payload, reply_token=fresh)
            except (ValueError, TypeError, KeyError):  # it never will be: no more sweeps for it
                self._update(event_id, claim, attempts=MAX_ATTEMPTS)
                log.error("stored LINE event %s cannot be read back; left pending for a person to look at", event_id)
                continue
            if attempts > 1:  # a worker started on it and did not finish: worth a look in the log
                log.warning("LINE event %s left unhandled: handling it now (attempt %d)", event_id, attempts)
            taken.append(Claimed(event_id, claim, event, counted_at))
        return taken

    def attempts(self, event_id: str) -> int:
        with self.db.session() as s:
            return s.scalar(select(ProcessedEvent.attempts).where(ProcessedEvent.event_id == event_id)) or 0

    def prune(self, now: datetime | None = None) -> int:
        """Delete handled rows older than `KEEP_HANDLED`; returns how many."""
        before = (now or now_utc()) - self.keep
        with self.db.session() as s:
            result = s.execute(
                delete(ProcessedEvent)
                .where(ProcessedEvent.handled_at.is_not(None), ProcessedEvent.handled_at < before)
                .execution_options(synchronize_session=False)
            )
            return result.rowcount or 0

    def _update(self, event_id: str, holder: str, **values: object) -> bool:
        """Change a pending row this process holds (``holder`` is its claim); False when it no longer does."""
        with self.db.transaction() as conn:  # Core: short, as it holds SQLite's write turn
            result = conn.execute(
                update(ProcessedEvent)
                .where(
                    ProcessedEvent.event_id == event_id,
                    ProcessedEvent.claim == holder,
                    ProcessedEvent.handled_at.is_(None),
                )
                .values(**values)
            )
            return result.rowcount == 1


class Sweeper:
    """The recovery sweep's daemon thread, one per process (started again in a forked gunicorn worker: threads
    do not survive a fork). ``sweep`` is called every ``interval`` seconds, or after `BUSY_INTERVAL` when it
    returned true (more work may be waiting)."""

    def __init__(self, sweep: Callable[[], bool], interval: float):
        self._sweep = sweep
        self.interval = interval
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._pid: int | None = None
        self._guard = threading.Lock()

    def ensure_running(self) -> None:
        """Start the thread unless it runs in this process; cheap enough for every request."""
        if self.interval <= 0 or self._stop.is_set() or (self._pid == os.getpid() and self._thread is not None):
            return
        with self._guard:
            if self._pid == os.getpid() and self._thread is not None:
                return
            self._thread = threading.Thread(target=self._run, name="line-recovery", daemon=True)
            self._pid = os.getpid()
            self._thread.start()

    def wake(self) -> None:
        """Sweep soon rather than at the end of the interval (events were just left for the sweep)."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        thread = self._thread
        if thread is not None and self._pid == os.getpid() and thread is not threading.current_thread():
            thread.join(timeout)

    def _run(self) -> None:
        delay = self.interval
        while True:
            self._wake.wait(delay)
            self._wake.clear()
            if self._stop.is_set():
                return
            delay = self.interval
            try:
                if self._sweep():
                    delay = min(BUSY_INTERVAL, self.interval)
            except SQLAlchemyError as exc:
                log.warning("LINE recovery sweep failed (%s); trying again in %.0f s", type(exc).__name__,
                            self.interval)
            except Exception:  # the thread must keep running
                log.exception("LINE recovery sweep failed")
