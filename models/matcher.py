"""Retrieval: which knowledge entry a prepared message is closest to.

Two scikit-learn TF-IDF views of every phrasing (the question and each variant) are fitted once: words and
word pairs from the Thai tokenizer, and letter n-grams of the words run together, which still overlap when a
word is misspelt or typed without its tone marks. A third view takes letter n-grams of the "folded" text
(no marks above or below the line, sound-alike letters merged), for questions typed without tone marks.
Each view is L2-normalised; the score is the weighted sum of the three cosine similarities. An FAQ entry's
score mixes its best phrasing with its phrasings taken together (`ENTRY_WEIGHT`).

Answering must take well under a millisecond, so a query never goes through the vectorizers' `transform`
(about 0.9 ms each): its features are looked up in the fitted vocabularies directly and multiplied against a
dense, precomputed feature-by-phrasing matrix. `tests/test_matcher.py` checks that this gives the same
vectors as scikit-learn's own `transform`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

from models.letter_grams import LetterGrams
from models.text import Prepared

# Share of the score from each view; they sum to 1.
WEIGHTS = {"words": 0.2, "letters": 0.3, "folded": 0.5}
CHAR_NGRAMS = (2, 4)
# How much the answer's own words add: they tell apart entries whose questions look alike
# ("ประเมินผลโรงเรียน" is in the inspection answer, not in the importance one).
ANSWER_WEIGHT = 0.35
# Share of an FAQ entry's score taken from all its phrasings run together rather than its best single one.
# A message that shares a long title with one phrasing of a neighbour ("การกระจายอำนาจและการส่งเสริม
# การมีส่วนร่วม" is also the report's title) is pulled back to the entry whose words it uses throughout
# ("ความหมาย" runs through the meaning entry's phrasings). Small talk keeps its best phrasing alone: a
# greeting is short and matches one phrasing or none.
ENTRY_WEIGHT = 0.4


@dataclass(frozen=True)
class IndexedEntry:
    """What the matcher needs to know of a knowledge entry."""

    id: str
    kind: str
    phrasings: tuple[Prepared, ...]
    answer: Prepared | None = None


@dataclass(frozen=True)
class Candidate:
    entry_id: str
    kind: str
    score: float
    best_phrasing: int


def word_features(p: Prepared) -> list[str]:
    tokens = list(p.tokens)
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]


def _ngrams(text: str) -> list[str]:
    low, high = CHAR_NGRAMS
    return [text[i : i + n] for n in range(low, high + 1) for i in range(len(text) - n + 1)]


def char_features(p: Prepared) -> list[str]:
    return _ngrams(p.compact)


def folded_features(p: Prepared) -> list[str]:
    return _ngrams(p.folded)


ANALYZERS = {"words": word_features, "letters": char_features, "folded": folded_features}
# The text whose letter n-grams each letter analyzer takes: those views answer through `LetterGrams`.
LETTER_TEXT = {char_features: "compact", folded_features: "folded"}


class _View:
    """One fitted TF-IDF view: vocabulary and idf from scikit-learn, and a fast query transform."""

    def __init__(self, analyzer, documents: Sequence[Prepared]):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.analyzer = analyzer
        self.vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, norm="l2")
        self.matrix = self.vectorizer.fit_transform(documents)  # phrasings x features, rows L2-normalised
        self.vocabulary: dict[str, int] = dict(self.vectorizer.vocabulary_)
        self.idf = self.vectorizer.idf_.astype(np.float64)
        self.letters = LETTER_TEXT.get(analyzer)
        if self.letters and LetterGrams.fits(self.vocabulary, CHAR_NGRAMS):
            self.grams: LetterGrams | None = LetterGrams(self.vocabulary, CHAR_NGRAMS)
        else:
            self.grams = None

    def __getstate__(self) -> dict:
        # A saved model answers without scikit-learn: keep only what the fast query path reads.
        keep = ("analyzer", "vocabulary", "idf", "letters", "grams")
        return {name: getattr(self, name) for name in keep}

    def query(self, p: Prepared) -> tuple[np.ndarray, np.ndarray]:
        """Feature indices and L2-normalised tf-idf weights of one message (what `transform` would give)."""
        if self.grams is not None:
            index, counts = self.grams.counts(getattr(p, self.letters))
        else:
            vocabulary = self.vocabulary
            known = [(vocabulary[f], c) for f, c in Counter(self.analyzer(p)).items() if f in vocabulary]
            pairs = np.array(known, dtype=np.int64).reshape(-1, 2)
            index, counts = pairs[:, 0], pairs[:, 1]
        if not len(index):
            return np.empty(0, dtype=np.int64), np.empty(0)
        weights = (1.0 + np.log(counts)) * self.idf[index]
        return index, weights / np.linalg.norm(weights)


class Matcher:
    """Scores a prepared message against every entry: the best similarity over that entry's phrasings,
    plus a share of the similarity to the entry's answer."""

    def __init__(self, entries: Iterable[IndexedEntry]):
        self.entries = tuple(e for e in entries if e.phrasings)
        sizes = [len(e.phrasings) for e in self.entries]
        documents = [p for e in self.entries for p in e.phrasings]
        self._entry_starts = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)
        from scipy import sparse

        # One column per phrasing, then one per entry (its phrasings run together, in the same features).
        together = [
            Prepared(" ".join(p.text for p in e.phrasings), tuple(t for p in e.phrasings for t in p.tokens))
            for e in self.entries
        ]
        self._views: list[tuple[_View, int]] = []  # each view with the offset of its rows in the matrix
        blocks = []
        offset = 0
        for name, weight in WEIGHTS.items():
            view = _View(ANALYZERS[name], documents)
            blocks.append(weight * sparse.vstack([view.matrix, view.vectorizer.transform(together)]).T)
            self._views.append((view, offset))
            offset += len(view.vocabulary)
        answers = [e.answer or Prepared("", ()) for e in self.entries]
        if any(a.tokens for a in answers):
            # An entry's answer similarity is the same for all its phrasings: repeat its column for each.
            view = _View(word_features, answers)
            repeat = sparse.csr_matrix(
                (np.ones(len(documents)), (np.repeat(np.arange(len(sizes)), sizes), np.arange(len(documents)))),
                shape=(len(sizes), len(documents) + len(sizes)),
            )
            blocks.append(ANSWER_WEIGHT * (view.matrix.T @ repeat))
            self._views.append((view, offset))
        # features x columns, stacked, kept as the three plain arrays of a CSR matrix (about 1% is non-zero):
        # a query gathers the rows of its few features and adds them up with numpy alone.
        matrix = sparse.vstack(blocks).tocsr().astype(np.float32)
        matrix.sort_indices()
        self._indptr, self._columns, self._values = matrix.indptr.astype(np.int64), matrix.indices, matrix.data
        self._width = len(documents)
        self._columns_total = len(documents) + len(self.entries)
        self._mixed = np.array([e.kind == "faq" for e in self.entries])
        self._vocab_of = {e.id: frozenset(t for p in e.phrasings for t in p.tokens) for e in self.entries}

    def _scores(self, p: Prepared) -> np.ndarray:
        """Score of the message against every phrasing, in entry order, then against every entry's phrasings
        taken together."""
        indices, weights = [], []
        for view, offset in self._views:
            index, values = view.query(p)
            indices.append(index + offset)
            weights.append(values)
        index = np.concatenate(indices)
        if not len(index):
            return np.zeros(self._columns_total, dtype=np.float32)
        starts, lengths = self._indptr[index], self._indptr[index + 1] - self._indptr[index]
        # Positions of every stored value in the gathered rows, then one weighted bincount over columns.
        positions = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
        values = self._values[positions] * np.repeat(np.concatenate(weights), lengths)
        return np.bincount(self._columns[positions], weights=values, minlength=self._columns_total).astype(np.float32)

    def phrasing_scores(self, p: Prepared) -> np.ndarray:
        """Score of the message against every phrasing, in entry order."""
        return self._scores(p)[: self._width]

    def entry_scores(self, p: Prepared) -> tuple[np.ndarray, np.ndarray]:
        """Score of the message against every entry, in entry order, and against every phrasing."""
        scores = self._scores(p)
        phrasings = scores[: self._width]
        best = np.maximum.reduceat(phrasings, self._entry_starts)
        together = scores[self._width :]
        return np.where(self._mixed, (1 - ENTRY_WEIGHT) * best + ENTRY_WEIGHT * together, best), phrasings

    def rank(self, p: Prepared, limit: int = 5) -> list[Candidate]:
        """The best ``limit`` entries for the message, highest score first."""
        if not self.entries:
            return []
        best, scores = self.entry_scores(p)
        order = np.argsort(-best, kind="stable")[:limit]
        result = []
        for i in order:
            start = self._entry_starts[i]
            phrasing = int(np.argmax(scores[start : start + len(self.entries[i].phrasings)]))
            result.append(Candidate(self.entries[i].id, self.entries[i].kind, float(best[i]), phrasing))
        return result

    def entry_vocabulary(self, entry_id: str) -> frozenset[str]:
        """Every token the entry's phrasings use."""
        return self._vocab_of.get(entry_id, frozenset())

    def words_by_use(self) -> list[str]:
        """Every token any phrasing uses, those used by more entries first."""
        uses = Counter(t for words in self._vocab_of.values() for t in words)
        return [word for word, _ in sorted(uses.items(), key=lambda item: (-item[1], item[0]))]

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every token any phrasing uses."""
        return frozenset().union(*self._vocab_of.values())
