"""Telling English from Thai in a prepared message.

The knowledge base is Thai. A message written in English goes to staff (models/decide.py), and English words that
small talk never uses make a greeting a question. A Thai word typed on an English-layout keyboard is converted
before tokens are made (`ThaiText.fix_layout`), so the Latin words left are English (or Thai spelt in Latin letters).
"""
from __future__ import annotations

from typing import Sequence

from models.text import HAS_THAI

# English words that say nothing alone ("thank you so much" is thanks). A short list of our own: importing
# scikit-learn's would load scikit-learn into `python -m bot ask`, which answers without it.
ENGLISH_STOP_WORDS = frozenset(
    """a an the and or but so very much many too also just really please is are am was were be been do does did have
    has had i you he she it we they me my your our us them this that there here what who how when where why which
    can could would will shall should may might must of in on at to for with about from by as if not no yes any
    anyone anybody some someone lot all""".split()
)


def is_english_word(token: str) -> bool:
    """A word of Latin letters, two or more: "I" and "a" alone say little."""
    return len(token) > 1 and token.isascii() and token.isalpha()


def in_english(tokens: Sequence[str]) -> bool:
    """Whether a message is written in English: two English words or more, and more of them than Thai words.
    "เรื่อง HR ครู … มีช่วย upskill ครูไหม" is Thai with two English words."""
    english = sum(map(is_english_word, tokens))
    return english >= 2 and english > sum(1 for t in tokens if HAS_THAI.search(t))
