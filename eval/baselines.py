"""Two simple systems the bot is measured against in `make eval`.

- KeywordAutoReply: what a LINE Official Account's keyword auto-reply does. Each entry gets the keywords an
  office admin would type in (the two most distinctive words of its question); the first entry whose
  keyword appears in the message wins; no hit means "staff will answer".
- WhitespaceTfidf: scikit-learn TF-IDF with its default word analyzer, which splits on spaces. Thai is
  written without spaces between words, so whole phrases become single "words": what TF-IDF gives without
  Thai tokenization or normalization.
"""
from __future__ import annotations

import math
from collections import Counter

import numpy as np
from pythainlp.tokenize import word_tokenize
from sklearn.feature_extraction.text import TfidfVectorizer

from knowledge import KnowledgeBase

KEYWORDS_PER_ENTRY = 2
TFIDF_ANSWER_THRESHOLD = 0.5


class KeywordAutoReply:
    def __init__(self, kb: KnowledgeBase):
        questions = {e.id: [w for w in word_tokenize(e.question, keep_whitespace=False) if len(w) > 1] for e in kb.entries}
        document_frequency = Counter(w for words in questions.values() for w in set(words))
        self.rules: list[tuple[str, str]] = []
        for entry in kb.entries:
            # rarest, then longest, then alphabetical: the same keywords on every run (sets have no fixed order)
            words = sorted(set(questions[entry.id]), key=lambda w: (document_frequency[w], -len(w), w))
            self.rules.extend((w, entry.id) for w in words[:KEYWORDS_PER_ENTRY])
        self.kinds = {e.id: e.kind for e in kb.entries}

    def decide(self, text: str) -> tuple[str, str | None]:
        for keyword, entry_id in self.rules:
            if keyword in text:
                return {"faq": "answered", "smalltalk": "smalltalk", "handoff": "escalated"}[self.kinds[entry_id]], entry_id
        return "escalated", None


class WhitespaceTfidf:
    def __init__(self, kb: KnowledgeBase):
        self.rows = [(e.id, e.kind, p) for e in kb.entries for p in e.phrasings]
        self.vectorizer = TfidfVectorizer()
        self.matrix = self.vectorizer.fit_transform([p for _, _, p in self.rows])

    def decide(self, text: str) -> tuple[str, str | None]:
        scores = (self.matrix @ self.vectorizer.transform([text]).T).toarray().ravel()
        best = int(np.argmax(scores)) if len(scores) else 0
        if not len(scores) or math.isclose(scores[best], 0.0) or scores[best] < TFIDF_ANSWER_THRESHOLD:
            return "escalated", None
        entry_id, kind, _ = self.rows[best]
        return {"faq": "answered", "smalltalk": "smalltalk", "handoff": "escalated"}[kind], entry_id
