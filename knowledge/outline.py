"""knowledge/outline.yaml: the lists on the office's pages, in their order, for questions that point at a place."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from knowledge.shapes import is_words, word_list

CALLED = ("ข้อ", "หัวข้อ", "ด้าน", "วงเล็บ")
LIST_KEYS = {"page", "called", "names", "items", "entry"}


@dataclass(frozen=True)
class Outline:
    """``pages``: page id -> the words that name it; ``lists``: each list's ``page``, ``called``, ``names`` and
    ``items`` (tuples) and ``entry`` (or None); ``read_words``: words that ask only what a place says;
    ``explain_words``: words that ask to have it explained; ``parts``: page id -> its parts in order, each as (its
    words, the words people name it by)."""

    pages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    lists: tuple[dict[str, Any], ...] = ()
    read_words: tuple[str, ...] = ()
    explain_words: tuple[str, ...] = ()
    parts: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = field(default_factory=dict)


def read_outline(data: dict[str, Any], problems: list[str]) -> Outline:
    """The outline in ``data``; every shape problem is added to ``problems``."""
    pages_data = data.get("pages", {})
    if not isinstance(pages_data, dict) or not all(is_words(names, allow_empty=False) for names in pages_data.values()):
        problems.append("outline.yaml: pages: must map a page id to the words that name it")
        pages_data = {}
    pages = {str(page): tuple(w.strip() for w in names) for page, names in pages_data.items()}
    lists_data = data.get("lists", [])
    if not isinstance(lists_data, list):
        problems.append("outline.yaml: lists: must be a list")
        lists_data = []
    lists = []
    for number, item in enumerate(lists_data, 1):
        where = f"outline.yaml: lists: {number}"
        if not isinstance(item, dict) or not LIST_KEYS.issuperset(item):
            problems.append(f"{where}: must be a mapping with only the keys {', '.join(sorted(LIST_KEYS))}")
            continue
        if item.get("page") not in pages:
            problems.append(f"{where}: page {item.get('page')!r} is not one of pages")
        called, names, items = item.get("called"), item.get("names", []), item.get("items")
        if not is_words(called, allow_empty=False) or not set(called) <= set(CALLED):
            problems.append(f"{where}: called: must be a list of {', '.join(CALLED)}")
        if not is_words(items, allow_empty=False) or not is_words(names):
            problems.append(f"{where}: items (and names, if given) must be lists of words")
            continue
        entry = item.get("entry")
        if entry is not None and not isinstance(entry, str):
            problems.append(f"{where}: entry: must be an entry id")
        lists.append({"page": item.get("page"), "called": tuple(called or ()), "names": tuple(names),
                      "items": tuple(w.strip() for w in items), "entry": entry})
    return Outline(pages, tuple(lists), word_list(data, "outline.yaml", "read_words", problems),
                   word_list(data, "outline.yaml", "explain_words", problems), _parts(data, pages, problems))


def _parts(data: dict[str, Any], pages: dict[str, tuple[str, ...]], problems: list[str]) -> dict[str, tuple]:
    """``parts``: each page's parts in order, each as (its words, the words people name it by)."""
    parts_data = data.get("parts", {})
    if not isinstance(parts_data, dict):
        problems.append("outline.yaml: parts: must map a page id to its parts")
        return {}
    parts = {}
    for page, page_parts in parts_data.items():
        if page not in pages:
            problems.append(f"outline.yaml: parts: {page!r} is not one of pages")
        if not isinstance(page_parts, list) or not all(
            isinstance(p, dict) and set(p) == {"words", "known_as"} and isinstance(p["words"], str)
            and p["words"].strip() and is_words(p["known_as"], allow_empty=False) for p in page_parts
        ):
            problems.append(f"outline.yaml: parts: {page}: each part must be words and the words it is known as")
            continue
        parts[page] = tuple((p["words"].strip(), tuple(w.strip() for w in p["known_as"])) for p in page_parts)
    return parts
