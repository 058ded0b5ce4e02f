"""Hypothesis building blocks for text as a person, a broken phone or an attacker sends it, shared by the
fuzz tests; each test adds the fragments and lengths that matter at its own door."""
from __future__ import annotations

from typing import Iterable

from hypothesis import strategies as st

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
LONE_MARKS = "\u0e31\u0e34\u0e35\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0300\u0301\u20dd"  # no base letter
EMOJI = ("😀", "👍🏽", "👨‍👩‍👧‍👦", "🇹🇭", "❤️", "🙏")


def pieces(fragments: Iterable[str], separators: tuple[str, ...] = (" ",)) -> st.SearchStrategy[str]:
    """One fragment, zero-width character, lone mark, emoji or separator at a time."""
    return st.sampled_from((*fragments, *ZERO_WIDTH, *LONE_MARKS, *EMOJI, *separators))


def repeated(units: Iterable[str], lengths: Iterable[int]) -> st.SearchStrategy[str]:
    """One unit repeated and cut to exactly one of ``lengths`` characters (limits and just past them)."""
    return st.builds(lambda unit, n: (unit * n)[:n], st.sampled_from(tuple(units)), st.sampled_from(tuple(lengths)))
