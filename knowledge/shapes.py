"""Shape checks the knowledge files' readers share (knowledge/base.py, knowledge/outline.py)."""
from __future__ import annotations

from typing import Any


def is_words(value: Any, allow_empty: bool = True) -> bool:
    """Whether ``value`` is a list of non-empty words (and has one at least, unless ``allow_empty``)."""
    return (isinstance(value, list) and (allow_empty or bool(value))
            and all(isinstance(w, str) and w.strip() for w in value))


def word_list(data: dict[str, Any], file: str, key: str, problems: list[str]) -> tuple[str, ...]:
    """``data[key]`` (from ``file``) as a tuple of words; a problem when it is not a list of non-empty words."""
    words = data.get(key, [])
    if not is_words(words):
        problems.append(f"{file}: {key}: must be a list of words")
        return ()
    return tuple(w.strip() for w in words)
