"""Letter n-grams of a message found in a fitted vocabulary with a few numpy calls instead of a Python loop.

Each letter the vocabulary uses gets a code from 1 to 254 (255 stands for any other letter, which no
vocabulary n-gram holds); an n-gram of up to four letters is then one integer, its codes side by side, one
byte each. A message's n-grams are computed for all positions at once, counted with `np.unique` and looked up
with `np.searchsorted` in the vocabulary's sorted codes. The result equals counting the n-gram strings.
"""
from __future__ import annotations

from typing import Mapping

import numpy as np

OTHER = 255
MAX_LETTERS = 4


class LetterGrams:
    def __init__(self, vocabulary: Mapping[str, int], sizes: tuple[int, int]):
        self.sizes = sizes
        letters = sorted({ch for feature in vocabulary for ch in feature})
        self.table = np.full(0x10000, OTHER, dtype=np.uint8)
        self.table[[ord(ch) for ch in letters]] = np.arange(1, len(letters) + 1)
        codes = np.array([self._code(f) for f in vocabulary], dtype=np.uint64)
        order = np.argsort(codes)
        self.codes = codes[order]
        self.index = np.fromiter(vocabulary.values(), dtype=np.int64, count=len(vocabulary))[order]

    @classmethod
    def fits(cls, vocabulary: Mapping[str, int], sizes: tuple[int, int]) -> bool:
        """Whether the vocabulary can be coded: at most 254 letters, all below U+10000, n-grams up to 4."""
        letters = {ch for feature in vocabulary for ch in feature}
        return sizes[1] <= MAX_LETTERS and len(letters) < OTHER and all(ord(ch) < 0x10000 for ch in letters)

    def _code(self, feature: str) -> int:
        return sum(int(self.table[ord(ch)]) << (8 * k) for k, ch in enumerate(feature))

    def counts(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Vocabulary indices of the n-grams of ``text`` that the vocabulary holds, and how often each occurs."""
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        letters = self.table[np.minimum(points, 0xFFFF)].astype(np.uint64)
        low, high = self.sizes
        grams, current = [], letters
        for n in range(2, high + 1):
            if len(letters) < n:
                break
            current = current[:-1] | (letters[n - 1 :] << np.uint64(8 * (n - 1)))
            if n >= low:
                grams.append(current)
        if low == 1:
            grams.append(letters)
        if not grams or not len(self.codes):
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        found, times = np.unique(np.concatenate(grams), return_counts=True)
        at = np.minimum(np.searchsorted(self.codes, found), len(self.codes) - 1)
        hit = self.codes[at] == found
        return self.index[at[hit]], times[hit]
