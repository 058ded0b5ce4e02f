"""The channel-agnostic answer to one message: the matcher's verdict turned into what the person sees.

`Answerer` owns the knowledge base and the model built from it. It takes learned entries while running (staff
promote an answered ticket to an FAQ entry, or withdraw one) and swaps in a rebuilt model atomically, so a
request in flight always sees one consistent model.
"""
from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field
from typing import Iterable

from knowledge import Entry, KnowledgeBase
from models.decide import Decider, Verdict
from bot.model import ModelBundle, build_bundle

STATUSES = ("answered", "clarify", "smalltalk", "escalated")


@dataclass(frozen=True)
class Decision:
    """What the bot decided for one message; the JSON contract of `python -m bot ask` and `/api/chat`."""

    status: str
    reply: str
    faq_id: str | None
    confidence: float
    suggestions: list[str]
    # Not part of the printed contract: ids behind the suggestions (for buttons) and why it was decided.
    suggestion_ids: list[str] = field(default_factory=list)
    reason: str = ""
    source: str | None = None

    def public(self) -> dict:
        data = asdict(self)
        return {k: data[k] for k in ("status", "reply", "faq_id", "confidence", "suggestions")}


class Answerer:
    def __init__(self, kb: KnowledgeBase, bundle: ModelBundle | None = None):
        self._lock = threading.Lock()
        self._files = kb  # what the knowledge files hold; learned entries are laid over it (`use_learned`)
        self._kb = kb
        self._bundle = bundle or build_bundle(kb)

    @property
    def kb(self) -> KnowledgeBase:
        return self._kb

    @property
    def decider(self) -> Decider:
        return self._bundle.decider

    def use_learned(self, entries: Iterable[Entry], withdrawn: Iterable[str] = ()) -> None:
        """Rebuild the model from the knowledge files' entries plus ``entries`` (replacing file entries of the
        same id), leaving out the ids in ``withdrawn``. Each call starts again from the files, so an entry
        learned earlier and withdrawn since is gone, even one an export had already written to a file."""
        with self._lock:
            kb = self._files.with_entries(entries, without=withdrawn)
            bundle = build_bundle(kb)
            self._kb, self._bundle = kb, bundle

    def suggestion_questions(self, ids: Iterable[str]) -> list[str]:
        return [e.question for e in (self._kb.get(i) for i in ids) if e is not None]

    def answer(self, text: str) -> Decision:
        kb, bundle = self._kb, self._bundle
        verdict = bundle.decider.decide(text)
        return self._render(kb, verdict)

    def answer_entry(self, entry_id: str) -> Decision:
        """The decision for a suggestion the person tapped: that entry's answer, no guessing."""
        entry = self._kb.get(entry_id)
        if entry is None:
            return self._escalate(self._kb, 0.0, "unknown-choice")
        return self._render(self._kb, Verdict(_status_for(entry.kind), entry.id, 1.0, reason="chosen"))

    def escalation(self, reason: str = "asked-for-staff") -> Decision:
        return self._escalate(self._kb, 0.0, reason)

    def _render(self, kb: KnowledgeBase, verdict: Verdict) -> Decision:
        confidence = round(float(verdict.confidence), 4)
        if verdict.status == "clarify":
            questions = self.suggestion_questions(verdict.suggestions)
            lines = [kb.reply("clarify"), *(f"{n}. {q}" for n, q in enumerate(questions, start=1))]
            return Decision("clarify", "\n".join(lines), None, confidence, questions, list(verdict.suggestions), verdict.reason)
        if verdict.status == "escalated" or verdict.entry_id is None:
            return self._escalate(kb, confidence, verdict.reason)
        entry = kb.get(verdict.entry_id)
        answer = kb.render_answer(entry) if entry else None
        if entry is None or answer is None:
            return self._escalate(kb, confidence, "missing-setting")
        follow = [i for i in entry.follow_ups if i in kb and not kb.missing_settings(kb.get(i))]
        source = None
        reply = answer
        if entry.kind == "faq":
            source = kb.source_titles.get(entry.source.document, entry.source.document)
            reply = f"{answer}\n(ที่มา: {source})"
        return Decision(
            verdict.status, reply, entry.id, confidence, self.suggestion_questions(follow), follow, verdict.reason, source
        )

    def _escalate(self, kb: KnowledgeBase, confidence: float, reason: str) -> Decision:
        hours = kb.settings.get("office_hours")
        reply = kb.reply("escalated_with_hours") if hours else kb.reply("escalated")
        return Decision("escalated", reply, None, confidence, [], [], reason)


def _status_for(kind: str) -> str:
    return {"faq": "answered", "smalltalk": "smalltalk", "handoff": "escalated"}[kind]
