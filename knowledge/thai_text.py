"""Detects Thai text damaged by a broken PDF or HTML extraction.

The typical damage: every vowel and tone mark written above or below the line was lost and each run of them
became one space, so "ในสังคมที่ก้าวหน้า" arrives as "ในส งคมท ก าวหน า". Healthy Thai prose has such a mark on
roughly every third letter, and almost never a consonant standing alone between spaces; damaged text has no
marks at all and many lone consonants; text damaged only in part still falls apart into single letters
when cut into dictionary words. Only the office's own texts are checked this way: people typing
questions often leave marks out, and their messages are never refused for it.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")  # never try to download a corpus (see models/__init__.py)
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
from pythainlp.tokenize import word_tokenize  # noqa: E402

ABOVE_BELOW_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
THAI_LETTER = re.compile("[\u0e01-\u0e2e]")
THAI_RUN = re.compile("[\u0e01-\u0e4f]+(?:[ ]+[\u0e01-\u0e4f]+)*")
LONE_CONSONANT = re.compile("(?<![\u0e01-\u0e4f])[\u0e01-\u0e2e](?![\u0e01-\u0e4f])")
# No Thai word begins with ะ า ำ: after a lost mark became a space, the rest of the word does ("หน าท").
ORPHAN_VOWEL = re.compile("(?<![\u0e01-\u0e4f])[\u0e30\u0e32\u0e33]")
# Partly damaged text still has some marks (a final "ค่ะ"), so the fragments are counted as well.
MIN_FRAGMENTS = 4
MIN_FRAGMENT_SHARE = 0.25
# Healthy text cut into dictionary words leaves at most one letter standing alone ("สพป." gives "ส");
# damaged text leaves several.
SINGLE_LETTER = re.compile("[\u0e01-\u0e2e]")
MIN_SINGLE_LETTERS = 3
MIN_SINGLE_SHARE = 0.12

# A stretch of Thai this long with no mark above or below the line does not occur in healthy prose.
MIN_LETTERS = 24
MAX_MARK_RATIO = 0.03
MIN_LONE_CONSONANTS = 3


@dataclass(frozen=True)
class BrokenSpan:
    """Where damaged text starts (character offset) and a short excerpt of it."""

    offset: int
    excerpt: str


def find_broken(text: str) -> list[BrokenSpan]:
    """Return the stretches of ``text`` that look like Thai with its upper and lower marks stripped."""
    found: list[BrokenSpan] = []
    for run in THAI_RUN.finditer(text):
        chunk = run.group()
        letters = len(THAI_LETTER.findall(chunk))
        if letters < MIN_LETTERS:
            continue
        marks = len(ABOVE_BELOW_MARKS.findall(chunk))
        lone = len(LONE_CONSONANT.findall(chunk))
        fragments = lone + len(ORPHAN_VOWEL.findall(chunk))
        pieces = len(chunk.split())
        stripped = marks / letters <= MAX_MARK_RATIO and lone >= MIN_LONE_CONSONANTS
        shattered = fragments >= MIN_FRAGMENTS and fragments / pieces >= MIN_FRAGMENT_SHARE
        if stripped or shattered or _splits_into_letters(chunk):
            found.append(BrokenSpan(run.start(), chunk[:40]))
    return found


def _splits_into_letters(chunk: str) -> bool:
    words = word_tokenize(chunk, engine="newmm", keep_whitespace=False)
    singles = sum(1 for w in words if SINGLE_LETTER.fullmatch(w))
    return singles >= MIN_SINGLE_LETTERS and singles / max(1, len(words)) >= MIN_SINGLE_SHARE


def is_broken(text: str) -> bool:
    """True when any part of ``text`` looks damaged (see :func:`find_broken`)."""
    return bool(find_broken(text))
