"""Letter n-grams as integers, so that a message's n-grams are looked up in the fitted vocabularies by numpy.

Building a Python string for every n-gram and looking each up in a dict took a third of an answer's time;
numpy does the same in a fixed number of calls, whatever the message's length. Every letter a view's
vocabulary uses gets a code of its own in that view (from 1), and an n-gram's key is its letters' codes read
as a number in base `base`. Codes are never 0, so an n-gram's key lies between base**(n-1) and base**n and
keys of different lengths never meet. One more code, `unknown`, stands for every letter a view never uses and
for the separators between texts: no vocabulary key holds it, so an n-gram with it is never found.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np

SEPARATOR = "\x00"


class LetterKeys:
    """Finds the n-grams of one text per view in that view's vocabulary (feature -> row)."""

    def __init__(self, vocabularies: Sequence[Mapping[str, int]], lengths: tuple[int, int]):
        self.low, self.high = lengths
        alphabets = [sorted({ch for feature in vocabulary for ch in feature} - {SEPARATOR}) for vocabulary in vocabularies]
        self.unknown = sum(map(len, alphabets)) + 1
        self.base = 1 << self.unknown.bit_length()
        if self.base**self.high >= 2**62:
            raise ValueError("too many distinct letters for 64-bit n-gram keys")
        # codes[view * span + code point]; code points above the highest any view uses read as the last one's.
        self._span = max((ord(ch) for alphabet in alphabets for ch in alphabet), default=0) + 2
        self._codes = np.full(self._span * len(vocabularies), self.unknown, dtype=np.int64)
        first = 1
        for view, alphabet in enumerate(alphabets):
            self._codes[[view * self._span + ord(ch) for ch in alphabet]] = np.arange(first, first + len(alphabet))
            first += len(alphabet)
        keys, rows = [], []
        for view, vocabulary in enumerate(vocabularies):
            for feature, row in vocabulary.items():
                if SEPARATOR in feature:
                    continue  # a letter read as unknown: never found, like the message's separators
                key = 0
                for ch in feature:
                    key = key * self.base + int(self._codes[view * self._span + ord(ch)])
                keys.append(key)
                rows.append(row)
        order = np.argsort(keys)
        # A last key above every n-gram's, so that a search never runs off the end.
        self._keys = np.append(np.array(keys, dtype=np.int64)[order], np.iinfo(np.int64).max)
        self._rows = np.append(np.array(rows, dtype=np.int64)[order], -1)

    def rows(self, texts: Sequence[str]) -> np.ndarray:
        """Rows of every n-gram of ``texts[view]`` found in vocabulary ``view``, once per occurrence."""
        joined = SEPARATOR.join(texts) + SEPARATOR * self.high
        points = np.minimum(np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32), self._span - 1)
        start = 0
        for view, text in enumerate(texts[1:], start=1):  # each view reads its own codes
            start += len(texts[view - 1]) + 1
            points[start:] += self._span
        codes = self._codes[points]
        keys, key = [], codes[: -self.high]
        for n in range(2, self.high + 1):
            key = key * self.base + codes[n - 1 : len(codes) - self.high + n - 1]
            if n >= self.low:
                keys.append(key)
        if self.low <= 1:
            keys.append(codes[: -self.high])
        wanted = np.concatenate(keys)
        at = np.searchsorted(self._keys, wanted)
        return self._rows[at[self._keys[at] == wanted]]
