"""The learning loop: a staff answer becomes an FAQ entry, and every app process starts using it; an entry
staff withdraw, every process stops using.

A promoted entry is a `LearnedEntry` row; withdrawing it stamps the row (`withdrawn_at`), which stays as the
record of what was said. The database is the one thing all processes share, so each process asks it, at most
once a second, whether the rows changed (how many, the newest id, how many withdrawn) and rebuilds its model
when they did: no restart, no message bus. `python -m knowledge export` writes the entries in use to
knowledge/learned/ so that they are reviewed in git like every other entry.

This module imports no Flask, so the knowledge command can read the rows through it.
"""
from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from bot.db import Database
from bot.tables import LearnedEntry, Ticket, utcnow
from knowledge import Entry, KnowledgeBase, Source
from knowledge.base import MAX_ANSWER_CHARS, MIN_VARIANTS
from knowledge.check import STAFF_ANSWERS, clashes
from knowledge.thai_text import find_broken
from models.text import readable

if TYPE_CHECKING:
    from flask import Flask

    from bot.answering import Answerer

log = logging.getLogger(__name__)
MAX_CATEGORY_CHARS = 80
MAX_PHRASING_CHARS = 300
MAX_VARIANTS = 30


class PromotionError(ValueError):
    """The entry cannot be made; ``errors`` maps a form field (or "ticket") to a message in Thai for staff."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class Draft:
    """What staff entered to turn a ticket into an entry."""

    question: str
    variants: tuple[str, ...]
    answer: str
    category: str


def validate(draft: Draft, kb: KnowledgeBase) -> dict[str, str]:
    """The rules `python -m knowledge check` applies to entry files, checked before the entry is saved, so an
    exported entry never fails the check and the FAQ stays consistent (polite ending, length, no duplicates)."""
    errors: dict[str, str] = {}
    # Zero-width or control characters alone are as blank as nothing: readable() says whether there is text.
    if not readable(draft.question):
        errors["question"] = "กรุณากรอกคำถาม"
    elif len(draft.question) > MAX_PHRASING_CHARS:
        errors["question"] = f"คำถามยาวเกิน {MAX_PHRASING_CHARS} ตัวอักษร"
    distinct = {v.casefold() for v in draft.variants}
    if len(distinct) < MIN_VARIANTS:
        errors["variants"] = (
            f"กรุณาใส่วิธีถามแบบอื่นอย่างน้อย {MIN_VARIANTS} แบบที่ไม่ซ้ำกัน บรรทัดละหนึ่งแบบ (ตอนนี้มี {len(distinct)} แบบ)"
        )
    elif len(draft.variants) > MAX_VARIANTS or any(len(v) > MAX_PHRASING_CHARS for v in draft.variants):
        errors["variants"] = f"ใส่ได้ไม่เกิน {MAX_VARIANTS} แบบ และแต่ละแบบไม่เกิน {MAX_PHRASING_CHARS} ตัวอักษร"
    if not readable(draft.answer):
        errors["answer"] = "กรุณากรอกคำตอบ"
    elif not draft.answer.endswith("ค่ะ"):
        errors["answer"] = "คำตอบต้องลงท้ายด้วย “ค่ะ” ให้เหมือนคำตอบอื่นของบริการ"
    elif len(draft.answer) > MAX_ANSWER_CHARS:
        errors["answer"] = f"คำตอบยาว {len(draft.answer)} ตัวอักษร เกิน {MAX_ANSWER_CHARS} ตัวอักษร (หนึ่งข้อความใน LINE)"
    elif "{" in draft.answer or "}" in draft.answer:
        errors["answer"] = "คำตอบต้องไม่มีเครื่องหมาย { หรือ }"
    if not readable(draft.category):
        errors["category"] = "กรุณาเลือกหรือพิมพ์หมวดหมู่"
    elif len(draft.category) > MAX_CATEGORY_CHARS:
        errors["category"] = f"หมวดหมู่ยาวเกิน {MAX_CATEGORY_CHARS} ตัวอักษร"
    for field_name, texts in (("question", [draft.question]), ("variants", draft.variants), ("answer", [draft.answer])):
        if field_name not in errors and any(find_broken(t) for t in texts):
            errors[field_name] = "ข้อความมีสระหรือวรรณยุกต์หายไป กรุณาพิมพ์ใหม่"
    if "question" not in errors and "variants" not in errors:
        for phrasing, entry, existing in clashes((draft.question, *draft.variants), kb):
            field_name = "question" if phrasing == draft.question else "variants"
            errors.setdefault(
                field_name,
                f"“{phrasing}” ซ้ำหรือใกล้เคียงกับ “{existing}” ของคำถามที่มีอยู่แล้ว ({entry.id}) "
                "ถ้าคำตอบเดิมไม่ถูกต้อง ให้แก้ที่คำถามเดิมแทน",
            )
    return errors


def promote(db: Database, kb: KnowledgeBase, ticket_id: int, draft: Draft, staff: str) -> str:
    """Save ``draft`` as a learned entry made from an answered ticket; returns its id ("learned-<n>").

    The caller then applies it (`LearnedSync.sync`), which is also how every other process gets it."""
    errors = validate(draft, kb)
    with db.session() as s:
        ticket = s.get(Ticket, ticket_id)
        if ticket is None:
            raise PromotionError({"ticket": f"ไม่พบเรื่องหมายเลข {ticket_id}"})
        if not ticket.answer:
            raise PromotionError({"ticket": "เรื่องนี้ยังไม่มีคำตอบจากเจ้าหน้าที่ ตอบก่อนจึงจะเพิ่มเป็นคำถามที่พบบ่อยได้"})
        earlier = promoted_from(s, ticket_id)
        if earlier:
            raise PromotionError({"ticket": f"เรื่องนี้เพิ่มเป็นคำถามที่พบบ่อยแล้ว ({earlier})"})
        if errors:
            raise PromotionError(errors)
        row = LearnedEntry(
            # unique until the row has its number, which names the entry
            entry_id=f"pending-{uuid.uuid4().hex}",
            category=draft.category,
            question=draft.question,
            variants=json.dumps(list(dict.fromkeys(draft.variants)), ensure_ascii=False),
            answer=draft.answer,
            source_ticket_id=ticket_id,
            created_by=staff,
        )
        s.add(row)
        try:
            s.flush()
        except IntegrityError:  # someone else promoted this ticket a moment ago
            s.rollback()
            raise PromotionError({"ticket": f"เรื่องนี้เพิ่มเป็นคำถามที่พบบ่อยแล้ว ({promoted_from(s, ticket_id)})"}) from None
        row.entry_id = f"learned-{row.id}"
        return row.entry_id


def promoted_from(s: Session, ticket_id: int) -> str | None:
    """The id of the entry in use made from this ticket, if any (after a withdrawal it can be made again)."""
    return s.scalars(
        select(LearnedEntry.entry_id).where(LearnedEntry.source_ticket_id == ticket_id, LearnedEntry.withdrawn_at.is_(None))
    ).first()


def withdraw(db: Database, entry_id: str, staff: str) -> bool:
    """Stop using a learned entry (staff found its answer wrong or out of date); the caller then applies it
    (`LearnedSync.sync`), as every other process does on its own. False when no learned entry has that id;
    withdrawing one twice keeps the first withdrawal's time and name."""
    with db.session() as s:
        row = s.scalars(select(LearnedEntry).where(LearnedEntry.entry_id == entry_id)).first()
        if row is None:
            return False
        if row.withdrawn_at is None:
            row.withdrawn_at = utcnow()
            row.withdrawn_by = staff
            log.info("learned entry %s withdrawn by %s", entry_id, staff)
        return True


def all_rows(db: Database) -> list[LearnedEntry]:
    """Every learned entry, in use or withdrawn, newest first: for the dashboard's list."""
    with db.session() as s:
        return list(s.scalars(select(LearnedEntry).order_by(LearnedEntry.id.desc())))


def as_entry(row: LearnedEntry) -> Entry:
    return Entry(
        id=row.entry_id,
        kind="faq",
        category=row.category,
        question=row.question,
        variants=tuple(json.loads(row.variants)),
        answer=row.answer,
        source=Source(STAFF_ANSWERS, f"ticket {row.source_ticket_id or 0}"),
        origin="learned (database)",
    )


def read_entries(db: Database) -> list[Entry]:
    """The learned entries in use (not withdrawn), oldest first."""
    with db.session() as s:
        rows = s.scalars(select(LearnedEntry).where(LearnedEntry.withdrawn_at.is_(None)).order_by(LearnedEntry.id))
        return [as_entry(r) for r in rows]


def stored_entries(database_url: str | None = None) -> list[Entry]:
    """Learned entries in the database the app uses (DATABASE_URL unless given): for `python -m knowledge export`."""
    from bot.config import from_env

    db = Database(database_url or from_env()["DATABASE_URL"])
    try:
        return read_entries(db)
    finally:
        db.engine.dispose()


class LearnedSync:
    """Keeps one process's `Answerer` in step with the learned entries any process has saved."""

    def __init__(
        self, db: Database, answerer: "Answerer", interval: float = 1.0, clock: Callable[[], float] = time.monotonic
    ):
        self.db = db
        self.answerer = answerer
        self.interval = interval
        self.clock = clock
        self._seen: tuple[int, int | None] | None = None
        self._next_check = float("-inf")
        self._lock = threading.Lock()

    def maybe_sync(self) -> None:
        """Cheap enough for every request: at most one query per ``interval``; never raises, never waits for
        another thread's rebuild (that request answers with the model it has)."""
        if self.clock() < self._next_check or not self._lock.acquire(blocking=False):
            return
        try:
            self._next_check = self.clock() + self.interval
            self._sync()
        except SQLAlchemyError as exc:
            log.warning("could not check for learned entries (%s); answering with the entries already loaded", type(exc).__name__)
        except Exception:  # a broken learned entry must not stop the bot answering with the model it has
            log.exception("could not merge learned entries; answering with the entries already loaded")
        finally:
            self._lock.release()

    def sync(self) -> bool:
        """Check now (waiting for a rebuild in progress); True when the model was rebuilt."""
        with self._lock:
            return self._sync()

    def _sync(self) -> bool:
        # Rows are never deleted, so these three change whenever an entry is added or withdrawn.
        changes = select(func.count(LearnedEntry.id), func.max(LearnedEntry.id), func.count(LearnedEntry.withdrawn_at))
        with self.db.read() as conn:  # every second in every process: never waits for the write turn (bot/db.py)
            if tuple(conn.execute(changes).one()) == self._seen:
                return False
        with self.db.session() as s:
            seen = tuple(s.execute(changes).one())
            rows = list(s.scalars(select(LearnedEntry).order_by(LearnedEntry.id)))
            entries = [as_entry(r) for r in rows if r.withdrawn_at is None]
            withdrawn = [r.entry_id for r in rows if r.withdrawn_at is not None]
        if rows:
            self.answerer.use_learned(entries, withdrawn)
            log.info("model rebuilt with %d learned entries (%d withdrawn)", len(entries), len(withdrawn))
        self._seen = seen
        return bool(rows)


def init_app(app: "Flask") -> None:
    """Check for new learned entries before each request (throttled; `LEARNED_SYNC_SECONDS`, default 1)."""
    sync = LearnedSync(
        app.extensions["db"], app.extensions["answerer"], interval=float(app.config.get("LEARNED_SYNC_SECONDS", 1.0))
    )
    app.extensions["learned_sync"] = sync
    app.before_request(sync.maybe_sync)
