"""The decision: answer, ask which question was meant, make small talk, or pass the question to staff.

A wrong answer from a government office is worse than "our staff will answer", so every doubt resolves
towards staff:
- a message naming a unit or topic the knowledge base says it does not cover goes to staff, whatever it
  resembles ("กลุ่มบริหารงานบุคคลมีหน้าที่อะไร" reads much like the administrative group's duties);
- words the knowledge base has never seen lower the confidence in proportion to their share of the message;
- a message asking for a detail (how many, when, where, who) lowers the score of entries that never ask
  for that detail;
- an answer needs a score of at least `answer` and a clear lead over the runner-up; a close call or a
  middling score offers the top questions instead; anything lower goes to staff.
The threshold values are chosen on the evaluation set (`make eval`, see docs/thresholds.md).
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Iterable

from models.matcher import Candidate, Matcher
from models.text import ThaiText, fold

MARKS_ABOVE_BELOW = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


@dataclass(frozen=True)
class Thresholds:
    answer: float = 0.5
    clarify: float = 0.35
    margin: float = 0.05
    smalltalk: float = 0.5
    handoff: float = 0.5
    # How much of the score is lost when every content word of the message is unknown to the knowledge base.
    unknown_penalty: float = 0.8
    # Score kept by an entry when the message asks for a detail (a count, a date, a name) it never asks for.
    detail_penalty: float = 0.6
    max_suggestions: int = 3


@dataclass(frozen=True)
class Verdict:
    status: str  # answered | clarify | smalltalk | escalated
    entry_id: str | None
    confidence: float
    suggestions: tuple[str, ...] = ()
    reason: str = ""
    candidates: tuple[Candidate, ...] = field(default=(), repr=False)


def _skeleton(text: str) -> str:
    """Text without spaces, dots or marks above and below the line: how names compare despite typing."""
    return MARKS_ABOVE_BELOW.sub("", re.sub(r"[\s.]+", "", text))


class Decider:
    def __init__(
        self,
        text: ThaiText,
        matcher: Matcher,
        thresholds: Thresholds = Thresholds(),
        not_covered: Iterable[str] = (),
        detail_words: Iterable[str] = (),
    ):
        self.text = text
        self.matcher = matcher
        self.thresholds = thresholds
        self._not_covered = tuple(sorted({_skeleton(text.prepare(n).text) for n in not_covered} - {""}, key=len, reverse=True))
        self._detail_words = frozenset(detail_words)
        # Every phrasing folded and run together: a word found anywhere in it is not new to the knowledge base.
        self._known_text = "|".join(fold(t) for t in sorted(matcher.vocabulary))

    def unknown_share(self, tokens: Iterable[str], known: str | None = None) -> float:
        """Share of the message's content words that are real Thai words no phrasing uses.

        Only dictionary words count: a misspelt word splits into fragments that are not words, and
        those are typing, not a topic the knowledge base lacks."""
        known = self._known_text if known is None else known
        content = [t for t in tokens if self.text.is_content_word(t)]
        if not content:
            return 0.0
        unknown = [t for t in content if self.text.is_known_word(t) and fold(t) not in known]
        return len(unknown) / len(content)

    def _detail_factor(self, asked: list[str], entry_id: str) -> float:
        vocabulary = self.matcher.entry_vocabulary(entry_id)
        return self.thresholds.detail_penalty if any(w not in vocabulary for w in asked) else 1.0

    @lru_cache(maxsize=None)
    def _folded_vocabulary(self, entry_id: str) -> str:
        return "|".join(fold(t) for t in sorted(self.matcher.entry_vocabulary(entry_id)))

    def _is_small_talk(self, tokens: tuple[str, ...], candidate: Candidate) -> bool:
        """Small talk only when the message holds nothing but small talk ("สวัสดีค่ะ ขอถามเรื่องงบประมาณ"
        is a question)."""
        vocabulary = self._folded_vocabulary(candidate.entry_id)
        return self.unknown_share(tokens, vocabulary) <= 0.34 and candidate.score >= self.thresholds.smalltalk

    def decide(self, message: str) -> Verdict:
        th = self.thresholds
        prepared = self.text.prepare(message)
        if not prepared.tokens:
            return Verdict("escalated", None, 0.0, reason="nothing-to-match")
        skeleton = _skeleton(prepared.text)
        for name in self._not_covered:
            if name in skeleton:
                return Verdict("escalated", None, 0.0, reason="not-covered")
        candidates = self.matcher.rank(prepared, limit=th.max_suggestions + 2)
        penalty = 1.0 - th.unknown_penalty * self.unknown_share(prepared.tokens)
        asked = [t for t in prepared.tokens if t in self._detail_words]
        scored = sorted(
            (
                Candidate(c.entry_id, c.kind, c.score * penalty * self._detail_factor(asked, c.entry_id), c.best_phrasing)
                for c in candidates
            ),
            key=lambda c: -c.score,
        )
        top = scored[0]
        confidence = max(0.0, min(1.0, top.score))
        if top.kind == "smalltalk":
            if self._is_small_talk(prepared.tokens, top):
                return Verdict("smalltalk", top.entry_id, confidence, reason="smalltalk", candidates=tuple(scored))
            scored = [c for c in scored if c.kind != "smalltalk"] or scored
            top = scored[0]
            confidence = max(0.0, min(1.0, top.score))
        if top.kind == "handoff" and top.score >= th.handoff:
            return Verdict("escalated", top.entry_id, confidence, reason="asked-for-staff", candidates=tuple(scored))
        faq = [c for c in scored if c.kind == "faq"]
        runner_up = faq[1].score if len(faq) > 1 else 0.0
        if top.kind == "faq" and top.score >= th.answer and top.score - runner_up >= th.margin:
            return Verdict("answered", top.entry_id, confidence, reason="confident", candidates=tuple(scored))
        close = [c for c in faq if c.score >= th.clarify and c.score >= top.score - 2 * th.margin]
        if faq and faq[0].score >= th.clarify and close:
            ids = tuple(c.entry_id for c in close[: th.max_suggestions])
            return Verdict("clarify", None, confidence, suggestions=ids, reason="close-call", candidates=tuple(scored))
        return Verdict("escalated", None, confidence, reason="no-match", candidates=tuple(scored))
