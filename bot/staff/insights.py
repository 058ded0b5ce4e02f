"""Grouping questions people asked in different words, so staff see what is asked most and write one
FAQ entry for it.

Two questions are alike when their token sets, after the bot's own normalization (the same tokens the
matcher sees), overlap by at least half (Jaccard >= 0.5). Groups are the connected sets of alike questions.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Generic, Iterable, Sequence, TypeVar

ALIKE = 0.5
Tokens = Callable[[str], Iterable[str]]
T = TypeVar("T")


@dataclass
class Group(Generic[T]):
    """Items whose questions are alike, most recent first."""

    items: list[T]
    examples: list[str]  # the different wordings, most recent first

    @property
    def count(self) -> int:
        return len(self.items)


def token_sets(texts: Sequence[str], tokens: Tokens) -> list[frozenset[str]]:
    """Each text's token set; a text with no meaningful token stands for itself (only equal texts meet)."""
    cache: dict[str, frozenset[str]] = {}
    for text in texts:
        if text not in cache:
            cache[text] = frozenset(tokens(text)) or frozenset({"\0" + " ".join(text.split())})
    return [cache[t] for t in texts]


def alike(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a and b) and len(a & b) / len(a | b) >= ALIKE


def group(
    items: Sequence[T],
    text: Callable[[T], str],
    tokens: Tokens,
    when: Callable[[T], datetime] | None = None,
    examples: int = 5,
) -> list[Group[T]]:
    """Group ``items`` by the likeness of ``text(item)``; largest groups first (then the most recent)."""
    sets = token_sets([text(i) for i in items], tokens)
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if alike(sets[i], sets[j]):
                parent[root(j)] = root(i)
    members: dict[int, list[T]] = {}
    for i, item in enumerate(items):
        members.setdefault(root(i), []).append(item)
    groups = []
    for found in members.values():
        if when is not None:
            found.sort(key=when, reverse=True)
        wordings = list(dict.fromkeys(" ".join(text(i).split()) for i in found))
        groups.append(Group(found, wordings[:examples]))
    latest = (lambda g: when(g.items[0]).timestamp()) if when is not None else (lambda g: 0.0)
    groups.sort(key=lambda g: (g.count, latest(g)), reverse=True)
    return groups


def similar(question: str, others: Iterable[str], tokens: Tokens) -> list[str]:
    """Wordings in ``others`` alike to ``question`` (each once, in the given order): ways people asked it."""
    others = list(dict.fromkeys(" ".join(o.split()) for o in others))
    target, *sets = token_sets([question, *others], tokens)
    own = " ".join(question.split())
    return [o for o, s in zip(others, sets) if o != own and alike(target, s)]
