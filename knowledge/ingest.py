"""Turning a new office document into draft FAQ entries for staff to review.

A document is split into sections (a short heading line followed by its text) and, inside a section, into
list items. The office's articles often lose their list layout and run items together as
"...ได้ดังนี้:การวางแผนและกำหนดนโยบาย: ...ข้อความการประสานงานและการติดตามผล: ...", so an item is found by its
title: a phrase starting with "การ" that ends in a colon. Drafts carry the heading or item title as the
question, the text as a raw answer and the source filled in; people write the variants and the polite
answer. Damaged text is reported, never drafted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from pythainlp.tokenize import word_tokenize

from knowledge.thai_text import find_broken

MAX_HEADING_CHARS = 200
# How far before a colon an item title may start.
MAX_TITLE_CHARS = 45
# Words after which "การ" continues the phrase before it ("ในการทำงาน") rather than starting a new title.
JOINING_WORDS = ("ใน", "ของ", "และ", "ที่", "เพื่อ", "โดย", "ให้", "ส่งเสริม", "ด้าน", "กับ", "ต่อ", "จาก", "มี", "ซึ่ง", "ทาง", "ถึง")
NUMBERING = re.compile(r"^\s*\d+[.)]\s*")
CLAUSE_END = re.compile(r"[\sๆ:.)]$")


@dataclass
class Draft:
    question: str
    text: str
    section: str


@dataclass
class IngestResult:
    document: str
    drafts: list[Draft] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)


class _HTMLText(HTMLParser):
    """Collects the text of an HTML page as blocks: headings and paragraphs separated by blank lines."""

    BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "br", "tr", "ul", "ol"}
    SKIP = {"script", "style", "nav", "footer", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(" ".join(data.split()))


def document_text(path: Path) -> str:
    """Plain text of a .txt or .html document, blocks separated by blank lines."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".html", ".htm") or raw.lstrip().startswith("<"):
        parser = _HTMLText()
        parser.feed(raw)
        raw = "".join(parser.parts)
    return re.sub(r"\n\s*\n+", "\n\n", raw).strip()


def split_items(paragraph: str) -> tuple[str, list[tuple[str, str]]]:
    """Split a paragraph that runs "title: text" list items together into its lead text and its items."""
    colons = [m.start() for m in re.finditer(r"[:：]", paragraph)]
    starts: list[tuple[int, int]] = []  # (title start, colon position)
    for colon in colons:
        start = _title_start(paragraph, colon)
        if start is not None:
            starts.append((start, colon))
    if not starts:
        return paragraph, []
    lead = paragraph[: starts[0][0]].rstrip(" :：")
    items = []
    for n, (start, colon) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(paragraph)
        title = paragraph[start:colon].strip()
        body = paragraph[colon + 1 : end].strip()
        if body:
            items.append((title, body))
    return lead, items


def _title_start(text: str, colon: int) -> int | None:
    window_start = max(0, colon - MAX_TITLE_CHARS)
    candidates = [m.start() for m in re.finditer("การ", text[window_start:colon])]
    fallback = None
    for offset in candidates:
        pos = window_start + offset
        before = text[:pos]
        if before == "" or CLAUSE_END.search(before):
            return pos
        if fallback is None and _last_word(before) not in JOINING_WORDS:
            fallback = pos
    return fallback


def _last_word(text: str) -> str:
    words = word_tokenize(text[-24:], engine="newmm", keep_whitespace=False)
    return words[-1] if words else ""


def ingest(path: Path | str) -> IngestResult:
    """Draft entries from one document; damaged paragraphs go to ``flagged`` instead."""
    path = Path(path)
    result = IngestResult(document=path.name)
    blocks = [b.strip() for b in document_text(path).split("\n\n") if b.strip()]
    heading = path.stem
    for n, block in enumerate(blocks):
        if find_broken(block):
            result.flagged.append(block[:80])
            continue
        following = blocks[n + 1] if n + 1 < len(blocks) else ""
        if len(block) <= MAX_HEADING_CHARS and "\n" not in block and len(following) > len(block):
            heading = NUMBERING.sub("", block)
            continue
        lead, items = split_items(" ".join(block.split("\n")))
        if lead:
            result.drafts.append(Draft(question=heading, text=lead, section=heading))
        for title, body in items:
            result.drafts.append(Draft(question=title, text=body, section=title))
    return result


def as_yaml_entries(result: IngestResult) -> list[dict]:
    """Drafts in the shape of FAQ entries, for a reviewer to complete (variants and a polite answer)."""
    entries = []
    for n, draft in enumerate(result.drafts, start=1):
        entries.append(
            {
                "id": f"draft-{Path(result.document).stem}-{n}",
                "kind": "faq",
                "category": "",
                "question": draft.question.rstrip("?").strip(),
                "variants": [],
                "answer": draft.text,
                "source": {"document": result.document, "section": draft.section},
            }
        )
    return entries
