"""Content checks over a loaded knowledge base: what `python -m knowledge check` reports.

Each problem names the file, the entry and what is wrong, so a reviewer can fix it without reading code.
"""
from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path
from typing import Iterable

from knowledge.base import (
    MAX_ANSWER_CHARS,
    ROOT,
    Entry,
    KnowledgeBase,
    KnowledgeError,
    load,
    placeholders,
)
from knowledge.thai_text import find_broken

# Two phrasings this alike (Jaccard similarity of their letter trigrams, after folding particles and
# spaces) read as the same question to the matcher.
NEAR_DUPLICATE = 0.9
PARTICLES = re.compile(r"(ครับ|คับ|ค่ะ|คะ|จ้า|จ้ะ|นะ|ฮะ|เนาะ|หน่อย)")
ALWAYS_SET = ("office_name", "office_short_name")
# A setting written straight before a Thai letter: a value that ends in a number or an abbreviation runs into the
# word after it ("สพป.ชุมพร เขต 2เผยแพร่"). Thai leaves no space between words, but does after those.
RUN_ON = re.compile(r"\{(\w+)\}(?=[\u0e01-\u0e5b])")
# Entries in learned/ restate an answer staff wrote to a ticket, not a document: they cite this "document"
# with the section "ticket <id>" (sources/manifest.yaml gives its title; there is no file).
STAFF_ANSWERS = "staff-answers"
TICKET_SECTION = re.compile(r"^ticket \d+$")


def check(root: Path | str = ROOT) -> list[str]:
    """Every problem found under ``root``, as "file: entry: message" lines; empty when all is well."""
    try:
        kb = load(root)
    except KnowledgeError as exc:
        return exc.problems
    return [
        *_check_ids(kb),
        *_check_answers(kb),
        *_check_sources(kb),
        *_check_broken_text(kb),
        *_check_near_duplicates(kb),
    ]


def _check_ids(kb: KnowledgeBase) -> list[str]:
    problems, seen = [], {}
    for e in kb.entries:
        if e.id in seen:
            problems.append(f"{e.origin}: {e.id}: id is also used in {seen[e.id]}")
        seen.setdefault(e.id, e.origin)
        for target in e.follow_ups:
            if target not in kb:
                problems.append(f"{e.origin}: {e.id}: follow-up '{target}' is not an entry")
        for key in e.requires:
            if key not in kb.settings:
                problems.append(f"{e.origin}: {e.id}: requires '{key}', which is not in settings.yaml")
    return problems


def _check_answers(kb: KnowledgeBase) -> list[str]:
    problems = []
    for e in kb.entries:
        if len(e.answer) > MAX_ANSWER_CHARS:
            problems.append(f"{e.origin}: {e.id}: answer is {len(e.answer)} characters, over {MAX_ANSWER_CHARS}")
        if not e.answer.rstrip().endswith("ค่ะ"):
            problems.append(f"{e.origin}: {e.id}: answer must end in ค่ะ")
        for name in placeholders(e.answer):
            if name not in kb.settings:
                problems.append(f"{e.origin}: {e.id}: answer uses {{{name}}}, which is not in settings.yaml")
            elif name not in e.requires and name not in ALWAYS_SET:
                problems.append(f"{e.origin}: {e.id}: answer uses {{{name}}} but does not list it in requires")
        for name in RUN_ON.findall(e.answer):
            problems.append(f"{e.origin}: {e.id}: answer runs the next word into {{{name}}}: put a space after it")
    return problems


def _check_sources(kb: KnowledgeBase) -> list[str]:
    problems, texts = [], {}
    for e in kb.entries:
        if e.source.document == STAFF_ANSWERS and e.origin.startswith("learned/"):
            if not TICKET_SECTION.match(e.source.section):
                problems.append(f"{e.origin}: {e.id}: section must be 'ticket <number>' for {STAFF_ANSWERS}")
            continue
        path = kb.root / "sources" / e.source.document
        if e.source.document not in texts:
            texts[e.source.document] = path.read_text(encoding="utf-8") if path.is_file() else None
        text = texts[e.source.document]
        if text is None:
            problems.append(f"{e.origin}: {e.id}: source document '{e.source.document}' is not in sources/")
        elif e.source.section not in text:
            problems.append(f"{e.origin}: {e.id}: section '{e.source.section}' is not in {e.source.document}")
    return problems


def _check_broken_text(kb: KnowledgeBase) -> list[str]:
    problems = []
    for path in sorted((kb.root / "sources").iterdir()):
        if path.suffix in (".txt", ".md", ".html"):
            for span in find_broken(path.read_text(encoding="utf-8")):
                problems.append(f"sources/{path.name}: broken Thai text at character {span.offset}: '{span.excerpt}…'")
    for e in kb.entries:
        for field_name, value in (("question", e.question), ("answer", e.answer), *(("variant", v) for v in e.variants)):
            for span in find_broken(value):
                problems.append(f"{e.origin}: {e.id}: broken Thai text in {field_name}: '{span.excerpt}…'")
    for key, value in {**kb.settings, **kb.replies}.items():
        if isinstance(value, str) and find_broken(value):
            problems.append(f"settings/replies: {key}: broken Thai text")
    return problems


def fold(text: str) -> str:
    """A phrasing reduced to what matters for telling questions apart: no particles, spaces or punctuation."""
    return re.sub(r"[\s?!.,ๆ]+", "", PARTICLES.sub("", text.casefold()))


def _trigrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 3] for i in range(max(1, len(text) - 2)))


def clashes(phrasings: Iterable[str], kb: KnowledgeBase) -> list[tuple[str, Entry, str]]:
    """Phrasings of a new entry that read as the same question as one in ``kb`` (the rule of the
    near-duplicate check below), as (new phrasing, entry, its phrasing)."""
    known = [(e, p, fold(p)) for e in kb.entries for p in e.phrasings]
    found = []
    for new in phrasings:
        folded = fold(new)
        grams = _trigrams(folded)
        for e, p, f in known:
            other = _trigrams(f)
            if folded == f or len(grams & other) / len(grams | other) >= NEAR_DUPLICATE:
                found.append((new, e, p))
                break
    return found


def _check_near_duplicates(kb: KnowledgeBase) -> list[str]:
    phrasings = [(e, p, fold(p)) for e in kb.entries for p in e.phrasings]
    grams = [_trigrams(f) for _, _, f in phrasings]
    problems = []
    for (i, (e1, p1, f1)), (j, (e2, p2, f2)) in combinations(enumerate(phrasings), 2):
        if e1.id == e2.id:
            continue
        a, b = grams[i], grams[j]
        if f1 == f2 or len(a & b) / len(a | b) >= NEAR_DUPLICATE:
            problems.append(
                f"{e1.origin}: {e1.id}: '{p1}' is the same or nearly the same question as '{p2}' in {e2.origin} ({e2.id})"
            )
    return problems
