"""Retrieval: which knowledge entry a prepared message is closest to.

Two scikit-learn TF-IDF views of every phrasing (the question and each variant) are fitted once: words and
word pairs from the Thai tokenizer, and letter n-grams of the words run together, which still overlap when a
word is misspelt or typed without its tone marks. A third view takes letter n-grams of the "folded" text
(no marks above or below the line, sound-alike letters merged), for questions typed without tone marks.
Each view is L2-normalised; the score is the weighted sum of the three cosine similarities. An FAQ entry's
score mixes its best phrasing with its phrasings taken together (`ENTRY_WEIGHT`).

Answering must take well under a millisecond, so a query never goes through the vectorizers' `transform`
(about 0.9 ms each): its features are counted once per analyzer (the words view and the answer view share
them), looked up in the fitted vocabularies directly, and their rows of a precomputed feature-by-phrasing
matrix are added up. Rows used by many phrasings (common letter pairs) are kept dense, the rest sparse.
`tests/test_matcher.py` checks that the query vector equals scikit-learn's own `transform`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

from models.letter_keys import LetterKeys
from models.text import Prepared

# Share of the score from each view; they sum to 1.
WEIGHTS = {"words": 0.2, "letters": 0.3, "folded": 0.5}
# Letter n-gram lengths of the two letter views (2 to 3 was faster but answered a transfer question: docs/thresholds.md).
CHAR_NGRAMS = (2, 4)
# How much the answer's own words add: they tell apart entries whose questions look alike
# ("ประเมินผลโรงเรียน" is in the inspection answer, not in the importance one).
ANSWER_WEIGHT = 0.35
# A feature row holding at least this many phrasings is kept as a dense row: adding up a few hundred dense
# rows is one small matrix product, while gathering that many sparse values costs several numpy passes.
# At 32 about a thousand rows (3-4 MB) are dense and they hold nine tenths of a query's stored values.
DENSE_ROW_MIN = 32
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
# The text of a message whose letter n-grams each letter view counts (`Matcher.features` builds them as numbers).
LETTER_TEXT = {char_features: "compact", folded_features: "folded"}


class _View:
    """One fitted TF-IDF view: vocabulary and idf from scikit-learn."""

    def __init__(self, analyzer, documents: Sequence[Prepared]):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.analyzer = analyzer
        self.vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, norm="l2")
        self.matrix = self.vectorizer.fit_transform(documents)  # phrasings x features, rows L2-normalised
        self.vocabulary: dict[str, int] = dict(self.vectorizer.vocabulary_)
        self.idf = self.vectorizer.idf_.astype(np.float64)


class Matcher:
    """Scores a prepared message against every entry: the best similarity over that entry's phrasings,
    plus a share of the similarity to the entry's answer."""

    def __init__(self, entries: Iterable[IndexedEntry], dense_row_min: int = DENSE_ROW_MIN):
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
        views: list[_View] = []
        blocks = []
        for name, weight in WEIGHTS.items():
            view = _View(ANALYZERS[name], documents)
            blocks.append(weight * sparse.vstack([view.matrix, view.vectorizer.transform(together)]).T)
            views.append(view)
        answers = [e.answer or Prepared("", ()) for e in self.entries]
        if any(a.tokens for a in answers):
            # An entry's answer similarity is the same for all its phrasings: repeat its column for each.
            view = _View(word_features, answers)
            repeat = sparse.csr_matrix(
                (np.ones(len(documents)), (np.repeat(np.arange(len(sizes)), sizes), np.arange(len(documents)))),
                shape=(len(sizes), len(documents) + len(sizes)),
            )
            blocks.append(ANSWER_WEIGHT * (view.matrix.T @ repeat))
            views.append(view)
        # Each view's vocabulary, mapped straight to rows of the stacked matrix below: word features through a dict
        # (a word is a feature of the words view and of the answer view), letter n-grams through integer keys.
        sizes = [len(view.vocabulary) for view in views]
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1])).tolist()
        self._view_of_row = np.repeat(np.arange(len(views)), sizes)
        self._word_rows: dict[str, tuple[int, ...]] = {}
        letter_vocabularies, self._letter_texts = [], []
        for view, start in zip(views, starts):
            if view.analyzer is word_features:
                for feature, i in view.vocabulary.items():
                    self._word_rows[feature] = self._word_rows.get(feature, ()) + (start + i,)
            else:
                letter_vocabularies.append({feature: start + i for feature, i in view.vocabulary.items()})
                self._letter_texts.append(LETTER_TEXT[view.analyzer])
        self._letter_keys = LetterKeys(letter_vocabularies, CHAR_NGRAMS)
        self._idf = np.concatenate([view.idf for view in views])
        # features x columns: a few rows dense, the rest as the three plain arrays of a CSR matrix (about 1% of
        # it is non-zero), so a query adds up its rows with numpy alone.
        matrix = sparse.vstack(blocks).tocsr().astype(np.float32)
        dense = np.flatnonzero(np.diff(matrix.indptr) >= dense_row_min)
        self._dense = matrix[dense].toarray()
        self._dense_row = np.full(matrix.shape[0], -1, dtype=np.int64)
        self._dense_row[dense] = np.arange(len(dense))
        keep = np.ones(matrix.shape[0], dtype=np.float32)
        keep[dense] = 0
        sparse_rows = (sparse.diags(keep) @ matrix).tocsr()
        sparse_rows.eliminate_zeros()
        sparse_rows.sort_indices()
        self._indptr, self._columns, self._values = sparse_rows.indptr.astype(np.int64), sparse_rows.indices, sparse_rows.data
        self._columns_total = matrix.shape[1]
        self._width = len(documents)
        # An FAQ entry's score mixes its best phrasing with its phrasings taken together; others keep the best.
        mixed = np.array([e.kind == "faq" for e in self.entries])
        self._best_share = np.where(mixed, 1 - ENTRY_WEIGHT, 1.0)
        self._together_share = np.where(mixed, ENTRY_WEIGHT, 0.0)
        self._vocab_of = {e.id: frozenset(t for p in e.phrasings for t in p.tokens) for e in self.entries}

    def features(self, p: Prepared) -> tuple[np.ndarray, np.ndarray]:
        """The message's tf-idf vector in every view, each L2-normalised (what each vectorizer's `transform`
        gives), as rows of the stacked matrix (ascending) and their weights."""
        word_rows = [row for feature in word_features(p) for row in self._word_rows.get(feature, ())]
        letter_rows = self._letter_keys.rows([getattr(p, text) for text in self._letter_texts])
        rows = np.concatenate((np.array(word_rows, dtype=np.int64), letter_rows))
        rows.sort()
        # Each row once, with how often it occurs (`np.unique` does the same in several times the time).
        first = np.flatnonzero(np.diff(rows, prepend=-1))
        index = rows[first]
        weights = self._idf[index] * (1.0 + np.log(np.diff(first, append=len(rows))))
        # Each view's share of the vector is normalised on its own.
        view = self._view_of_row[index]
        norms = np.sqrt(np.bincount(view, weights * weights))
        return index, weights / norms[view]

    def _scores(self, p: Prepared) -> np.ndarray:
        """Score of the message against every phrasing, in entry order, then against every entry's phrasings
        taken together."""
        index, weights = self.features(p)
        dense = self._dense_row[index]
        in_dense = dense >= 0
        scores = weights[in_dense].astype(np.float32) @ self._dense[dense[in_dense]]
        index, weights = index[~in_dense], weights[~in_dense]
        if len(index):
            starts, lengths = self._indptr[index], self._indptr[index + 1] - self._indptr[index]
            # Positions of every stored value in the gathered rows, then one weighted bincount over columns.
            positions = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
            values = self._values[positions] * np.repeat(weights, lengths)
            scores = scores + np.bincount(self._columns[positions], weights=values, minlength=self._columns_total)
        return scores.astype(np.float32)

    def phrasing_scores(self, p: Prepared) -> np.ndarray:
        """Score of the message against every phrasing, in entry order."""
        return self._scores(p)[: self._width]

    def entry_scores(self, p: Prepared) -> tuple[np.ndarray, np.ndarray]:
        """Score of the message against every entry, in entry order, and against every phrasing."""
        scores = self._scores(p)
        phrasings = scores[: self._width]
        best = np.maximum.reduceat(phrasings, self._entry_starts)
        return best * self._best_share + scores[self._width :] * self._together_share, phrasings

    def rank(self, p: Prepared, limit: int = 5) -> list[Candidate]:
        """The best ``limit`` entries for the message, highest score first."""
        if not self.entries:
            return []
        best, scores = self.entry_scores(p)
        result = []
        for i in (-best).argsort(kind="stable")[:limit].tolist():
            start = self._entry_starts[i]
            phrasing = int(scores[start : start + len(self.entries[i].phrasings)].argmax())
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
