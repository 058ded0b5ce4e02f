"""The channel-agnostic answer to one message: the matcher's verdict turned into what the person sees.

`Answerer` owns the knowledge base and the model built from it. It takes learned entries while running (staff
promote an answered ticket to an FAQ entry, or withdraw one) and swaps in a rebuilt model atomically, so a
request in flight always sees one consistent model.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Callable, Iterable

from knowledge import Entry, KnowledgeBase
from models.decide import IN_ENGLISH, Decider, Verdict
from bot.model import ModelBundle, build_bundle

STATUSES = ("answered", "clarify", "smalltalk", "escalated")
# Decisions kept per model, by the message's exact text. A surge is many people asking the same few things
# (a school's parents group, a tapped starter question), and the same text always gets the same decision from
# one model; a rebuilt model starts with an empty cache. Longer messages are nearly always one person's own and
# are not kept, which bounds the cache's memory to a few MB per process.
ANSWER_CACHE_SIZE = 4096
# A numbered line of a "did you mean" reply: "2. ทำไมกลุ่มอำนวยการเขตพื้นที่จึงสำคัญ".
OFFERED_LINE = re.compile(r"[0-9]+\. (.+)")
CACHED_CHARS = 200


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

    @property
    def offers_staff(self) -> bool:
        """Whether the reply comes with a button to ask staff: every reply but a handover. A choice between
        questions and small talk (the model takes "แอดมินอยู่ไหมคะ" for a greeting, and whoever says hello may be
        looking for a person), and an answer too: one may settle only one of the message's questions, or not the
        one meant, and the person is then one tap from staff instead of left with it."""
        return self.status != "escalated"

    def public(self) -> dict:
        return {"status": self.status, "reply": self.reply, "faq_id": self.faq_id, "confidence": self.confidence,
                "suggestions": list(self.suggestions)}


@dataclass(frozen=True)
class _Model:
    """One knowledge base with the model built from it and the decisions made with them, swapped as one."""

    kb: KnowledgeBase
    bundle: ModelBundle
    answers: Callable[[str], Decision]


class Answerer:
    """Decisions are shared between callers (and cached): nobody may change one or its lists; `replace` it."""

    def __init__(self, kb: KnowledgeBase, bundle: ModelBundle | None = None, cache_size: int = ANSWER_CACHE_SIZE):
        self._lock = threading.Lock()
        self._cache_size = cache_size
        self._files = kb  # what the knowledge files hold; learned entries are laid over it (`use_learned`)
        self._model = self._make_model(kb, bundle or build_bundle(kb))

    @property
    def kb(self) -> KnowledgeBase:
        return self._model.kb

    @property
    def decider(self) -> Decider:
        return self._model.bundle.decider

    def _make_model(self, kb: KnowledgeBase, bundle: ModelBundle) -> _Model:
        def decide(text: str) -> Decision:
            return self._render(kb, bundle.decider.decide(text))

        cached = lru_cache(maxsize=self._cache_size)(decide)

        def answers(text: str) -> Decision:
            return cached(text) if len(text) <= CACHED_CHARS else decide(text)

        return _Model(kb, bundle, answers)

    def use_learned(self, entries: Iterable[Entry], withdrawn: Iterable[str] = ()) -> None:
        """Rebuild the model from the knowledge files' entries plus ``entries`` (replacing file entries of the
        same id), leaving out the ids in ``withdrawn``. Each call starts again from the files, so an entry
        learned earlier and withdrawn since is gone, even one an export had already written to a file."""
        with self._lock:
            kb = self._files.with_entries(entries, without=withdrawn)
            self._model = self._make_model(kb, build_bundle(kb))

    def suggestion_questions(self, ids: Iterable[str]) -> list[str]:
        return _questions(self.kb, ids)

    def answer(self, text: str) -> Decision:
        return self._model.answers(text)

    def answer_entry(self, entry_id: str) -> Decision:
        """The decision for a suggestion the person tapped: that entry's answer, no guessing."""
        kb = self.kb
        entry = kb.get(entry_id)
        if entry is None:
            return self._escalate(kb, 0.0, "unknown-choice")
        return self._render(kb, Verdict(_status_for(entry.kind), entry.id, 1.0, reason="chosen"))

    def offered(self, clarify_reply: str) -> list[str]:
        """The ids of the entries a "did you mean" reply (`_render`) listed, in its order: those whose question
        is on one of its numbered lines."""
        by_question = {e.question: e.id for e in self.kb.entries}
        lines = (OFFERED_LINE.fullmatch(line.strip()) for line in clarify_reply.splitlines())
        return [by_question[m.group(1)] for m in lines if m is not None and m.group(1) in by_question]

    def escalation(self, reason: str = "asked-for-staff") -> Decision:
        return self._escalate(self.kb, 0.0, reason)

    def still_open(self, decision: Decision, ticket_id: int) -> Decision:
        """``decision`` (an escalation) for a person whose earlier ticket is still open: their message joins it."""
        joined = self.kb.reply("ticket_open", ticket=ticket_id)
        return replace(decision, reply=self._in_language(self.kb, joined, decision.reason))

    def _render(self, kb: KnowledgeBase, verdict: Verdict) -> Decision:
        confidence = round(float(verdict.confidence), 4)
        if verdict.status == "clarify":
            ids = _answerable(kb, verdict.suggestions)
            if not ids:
                return self._escalate(kb, confidence, "missing-setting")
            questions = _questions(kb, ids)
            lines = [kb.reply("clarify"), *(f"{n}. {q}" for n, q in enumerate(questions, start=1))]  # see `offered`
            return Decision("clarify", "\n".join(lines), None, confidence, questions, ids, verdict.reason)
        if verdict.status == "escalated" or verdict.entry_id is None:
            return self._escalate(kb, confidence, verdict.reason)
        entry = kb.get(verdict.entry_id)
        answer = kb.render_answer(entry) if entry else None
        if entry is None or answer is None:
            return self._escalate(kb, confidence, "missing-setting")
        also = _answerable(kb, verdict.also)
        if len(also) < len(verdict.also):
            # Another question of the message needs a setting the office left empty ("…แล้วสำนักงานอยู่ที่ไหน"):
            # answering the rest would leave that one with no answer and no ticket, so staff get the whole message.
            return self._escalate(kb, confidence, "missing-setting")
        # The message's other questions come first among the buttons, then the entry's own follow-ups.
        follow = list(dict.fromkeys([*also, *_answerable(kb, entry.follow_ups)]))
        source = None
        reply = answer
        if entry.kind == "faq":
            source = kb.source_titles.get(entry.source.document, entry.source.document)
            reply = f"{answer}\n(ที่มา: {source})"
        if also:
            reply = f"{reply}\n\n{kb.reply('also_asked')}"
        return Decision(verdict.status, reply, entry.id, confidence, _questions(kb, follow), follow, verdict.reason, source)

    def _escalate(self, kb: KnowledgeBase, confidence: float, reason: str) -> Decision:
        hours = kb.settings.get("office_hours")
        reply = kb.reply("escalated_with_hours") if hours else kb.reply("escalated")
        return Decision("escalated", self._in_language(kb, reply, reason), None, confidence, [], [], reason)

    @staticmethod
    def _in_language(kb: KnowledgeBase, reply: str, reason: str) -> str:
        """The Thai ``reply``, followed by the same in English for a message written in English."""
        return f"{reply}\n\n{kb.reply('in_english')}" if reason == IN_ENGLISH else reply


def _answerable(kb: KnowledgeBase, ids: Iterable[str]) -> list[str]:
    """The ids among ``ids`` whose entries ``kb`` can answer now, in order: the only ones worth offering as a
    choice or a follow-up, since one whose answer needs a setting the office left empty leads to staff."""
    return [i for i in ids if (e := kb.get(i)) is not None and not kb.missing_settings(e)]


def _questions(kb: KnowledgeBase, ids: Iterable[str]) -> list[str]:
    """The questions of the entries ``ids`` that ``kb`` holds, in order (buttons and "did you mean" lines)."""
    return [e.question for e in (kb.get(i) for i in ids) if e is not None]


def _status_for(kind: str) -> str:
    return {"faq": "answered", "smalltalk": "smalltalk", "handoff": "escalated"}[kind]
