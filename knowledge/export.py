"""Entries learned at run time written as a YAML file in the shape of faq/*.yaml, for review in git.

This module only turns entries into text; where they come from (the bot's database) is the caller's business.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import yaml

from knowledge.base import ROOT, Entry

DEFAULT_PATH = ROOT / "learned" / "staff-answers.yaml"
HEADER = (
    "# FAQ entries staff made from answered tickets in the dashboard, written by `python -m knowledge export`.\n"
    "# Review them like any entry; each cites its ticket (source: staff-answers, section: ticket <id>).\n"
)


def as_mapping(entry: Entry) -> dict:
    """One entry as written in the knowledge files (fields that are empty are left out)."""
    data: dict = {
        "id": entry.id,
        "kind": entry.kind,
        "category": entry.category,
        "question": entry.question,
        "variants": list(entry.variants),
        "answer": entry.answer,
        "source": {"document": entry.source.document, "section": entry.source.section},
    }
    if entry.follow_ups:
        data["follow_ups"] = list(entry.follow_ups)
    if entry.requires:
        data["requires"] = list(entry.requires)
    return data


def dump(entries: Iterable[Entry]) -> str:
    body = yaml.safe_dump([as_mapping(e) for e in entries], allow_unicode=True, sort_keys=False, width=120)
    return HEADER + body


def write(entries: Iterable[Entry], path: Path = DEFAULT_PATH) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(entries), encoding="utf-8")
