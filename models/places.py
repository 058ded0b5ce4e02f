"""Questions that point at a place on the office's pages instead of naming what is there.

People in the website chat often have one of the office's pages open beside it and ask about what they see by
where it stands: "หัวข้อสุดท้ายในหน้ากระจายอำนาจพูดถึงอะไร", "ด้านที่สองของการกระจายอำนาจคือด้านไหน", "หน้าที่ข้อที่ 5
พูดถึงเรื่องอะไร". Such a question names nothing the matcher knows, and its page's own words pull it elsewhere (the
last heading got the 2565 report). knowledge/outline.yaml lists the numbered and headed lists on the pages;
`Places.read` finds the place a message points at and gives the message back with the item's words in its stead,
so it is decided as if the person had named the item. The place's page, named beside it, is taken out with it.

A place may also be told by the part next to it ("หัวข้อที่ต่อจากหน้าที่หลัก", "ย่อหน้าก่อนถึงรายงานปีงบ 65"): the
outline's `parts` give each page's parts in order and the words people name them by.

A place no list on the named page has ("ข้อ 9", a fifth area) is not on the pages. A place that lists on the named
page hold with different items ("ข้อ 2" of the duties article, whose two lists of duties differ), or one named
with no page or list ("แล้วด้านที่สองล่ะ", which follows something said before), is unclear. Either way nothing is
put in its stead; `Reading.reason` says which.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

# Places replaced in one message at most: a message points at one or two.
MAX_PLACES = 3
NOT_ON_THE_PAGES = "not-on-the-pages"
# The reason of an answer given with the whole list a place is in (`Reading.whole`).
PLACE_ON_A_PAGE = "place-on-a-page"
PLACE_UNCLEAR = "place-unclear"

ORDINALS = {"แรก": 1, "หนึ่ง": 1, "สอง": 2, "สาม": 3, "สี่": 4, "ห้า": 5, "หก": 6, "เจ็ด": 7, "แปด": 8, "เก้า": 9, "สิบ": 10}
LAST = "สุดท้าย"
# An ordinal that begins another word is not one: "ด้านที่สามารถ…" (that can), "ข้อห้าม" (prohibitions).
NUMBER = r"(?P<n>[0-9]{1,2}(?![0-9])|สุดท้าย|แรก|หนึ่ง|สอง|สาม(?!ารถ)|สี่|ห้า(?!ม)|หก|เจ็ด|แปด|เก้า|สิบ)"
# A place told by the part of the page next to it: "หัวข้อที่ต่อจากหน้าที่หลัก", "ย่อหน้ายาวๆ ก่อนถึงรายงานปีงบ 65",
# "หัวข้อที่ต่อจาก 'คืออะไร?'". The rest of the word the part is named by goes with it, and a year after it.
NEXT_TO = (
    r"(?:หัวข้อ|ข้อ|ส่วน|ตอน|ย่อหน้า)\S*?\s*(?:ที่\s*)?(?:อยู่\s*)?(?P<side>ต่อจาก|ถัดจาก|ถัดมาจาก|หลังจาก|ก่อนถึง|ก่อนหน้า|ก่อน)"
    r"\s*(?:หัวข้อ|ส่วน|ตรง|ย่อหน้า)?\s*(?:ที่\s*)?(?:ถามว่า|เขียนว่า)?\s*['\"‘’“”]?\s*(?P<part>{parts})[^\s'\"‘’“”?]*['\"‘’“”?]*"
    r"(?:\s*[0-9]{{1,4}}(?![0-9]))?"
)
# "ขอหน้าที่หลักเป็นข้อ 1 2 3" asks for a numbered list, and points at no place (looked for before a place found:
# as lookbehinds in the pattern they made every message's search half as slow again).
AS_A_LIST = re.compile("เป็น ?$")
# Where a page named beside a place is taken out with it: "ในหน้ากระจายอำนาจ", "ของบทความกลุ่มอำนวยการ", "ในหัวข้อหน้าที่หลัก".
NAMING = r"(?:(?:ใน|ของ|จาก|ที่)\s*)?(?:(?:หน้า(?:เว็บ)?|บทความ|เพจ|หัวข้อ)\s*(?:เรื่อง\s*)?)"


@dataclass(frozen=True)
class PageList:
    """One numbered or headed list on a page: see knowledge/outline.yaml."""

    page: str
    called: tuple[str, ...]
    items: tuple[str, ...]
    names: tuple[str, ...] = ()
    entry: str | None = None


@dataclass(frozen=True)
class Reading:
    """What `Places.read` made of a message: ``text`` with every place it points at replaced by its item's words
    (the message as it was when it points at none), or ``reason`` why no item could stand in for a place.
    ``rest``: the message without the places and the pages named beside them, to see whether it asks anything
    else; ``whole``: the entry that answers with the whole list a place is in, in the page's order, which answers
    a message that asks nothing else ("หน้าที่หลักข้อ 1 คืออะไร") and lets the person see the place they meant."""

    text: str
    reason: str | None = None
    rest: str = ""
    whole: str | None = None


class Places:
    def __init__(self, pages: Mapping[str, Sequence[str]], lists: Iterable[Mapping[str, Sequence[str] | str]],
                 read_words: Iterable[str] = (), explain_words: Iterable[str] = (),
                 parts: Mapping[str, Sequence[tuple[str, Sequence[str]]]] | None = None):
        """``pages``: each page's id and the words that name it; ``lists``: each list's fields (`PageList`);
        ``read_words``: words that ask only what a place says ("พูดถึง"); ``explain_words``: words that ask to have
        it explained ("อธิบาย"); ``parts``: each page's parts in order, each as its words and the words people name
        it by; as knowledge/outline.yaml gives them. The decider reads the words."""
        self.read_words = tuple(read_words)
        self.explain_words = tuple(explain_words)
        self._lists = tuple(PageList(**pl) for pl in lists)
        self._page_names = {page: tuple(names) for page, names in pages.items()}
        self._parts = {page: tuple((words, tuple(known_as)) for words, known_as in page_parts)
                       for page, page_parts in (parts or {}).items()}
        known = sorted({name for page_parts in self._parts.values() for _, names in page_parts for name in names},
                       key=len, reverse=True)
        self._next_to = re.compile(NEXT_TO.format(parts="|".join(map(re.escape, known)))) if known else None
        called = sorted({c for pl in self._lists for c in pl.called}, key=len, reverse=True)
        self._place = (
            re.compile(f"(?P<called>{'|'.join(map(re.escape, called))})\\s*(?:ที่\\s*)?\\(?\\s*{NUMBER}\\s*\\)?")
            if called else None
        )

    def read(self, text: str) -> Reading:
        """``text``: a cleaned message (`models.text.clean`: digits Arabic, lower case)."""
        if not any(pattern is not None and pattern.search(text) for pattern in (self._place, self._next_to)):
            return Reading(text)
        original, meant, wholes = text, [], set()
        if self._next_to is not None:
            text, reason = self._put_parts_next_to(text)
            if reason is not None:
                return Reading(original, reason, self._rest(original, meant))
        for _ in range(MAX_PLACES):
            found = self._next_place(text)
            if found is None:
                break
            place, number = found
            on_named_pages = self._lists_meant(text, place["called"])
            lists = [pl for pl in on_named_pages if number <= len(pl.items)]
            meant.extend(on_named_pages)
            items = {pl.items[number - 1] if number else pl.items[-1] for pl in lists}
            if len(items) != 1:
                reason = PLACE_UNCLEAR if len(items) > 1 or not on_named_pages else NOT_ON_THE_PAGES
                return Reading(text, reason, self._rest(original, meant))
            wholes.update(pl.entry for pl in lists)
            text = self._put(text, place, items.pop(), lists)
        return Reading(text, rest=self._rest(original, meant), whole=wholes.pop() if len(wholes) == 1 else None)

    def _put_parts_next_to(self, text: str) -> tuple[str, str | None]:
        """``text`` with the part next to each part it names in its stead ("หัวข้อที่ต่อจากหน้าที่หลัก": teamwork), or
        why a part could not be found: none before the first or after the last, or two pages' parts named alike."""
        assert self._next_to is not None
        for _ in range(MAX_PLACES):
            found = self._next_to.search(text)
            if found is None:
                break
            step = -1 if found["side"].startswith("ก่อน") else 1
            beside = {(page, i + step) for page, page_parts in self._parts.items()
                      for i, (_, names) in enumerate(page_parts) if found["part"] in names}
            if len({page for page, _ in beside}) != 1:
                return text, PLACE_UNCLEAR
            page, i = beside.pop()
            if not 0 <= i < len(self._parts[page]):
                return text, NOT_ON_THE_PAGES
            names = self._page_names.get(page, ())
            before, after = (self._without(side, names) for side in (text[:found.start()], text[found.end():]))
            text = f"{before} {self._parts[page][i][0]} {after}"
        return text, None

    def _next_place(self, text: str) -> tuple[re.Match[str], int] | None:
        """The first place in ``text`` that is not the name of a list another place in it is in ("ข้อ 2" in "วงเล็บ
        (4) ในข้อ 2"), with its number (0 for the last item)."""
        if self._place is None:
            return None
        found = list(self._place.finditer(text))
        called = {f["called"] for f in found}
        for place in found:
            if AS_A_LIST.search(text, 0, place.start()):
                continue
            said = place.group().replace(" ", "")
            if any(said == name.replace(" ", "") for pl in self._lists if called.difference({place["called"]})
                   & set(pl.called) for name in pl.names):
                continue
            n = place["n"]
            return place, (0 if n == LAST else ORDINALS[n] if n in ORDINALS else int(n))
        return None

    def _lists_meant(self, text: str, called: str) -> list[PageList]:
        """The lists a place of items ``called`` may be in: those the message names, else those on the pages it
        names; none when it names neither, as in "แล้วด้านที่สองล่ะ", which follows something said before."""
        compact = text.replace(" ", "")
        lists = [pl for pl in self._lists if called in pl.called]
        named = [pl for pl in lists if any(name.replace(" ", "") in compact for name in pl.names)]
        if named:
            return named
        pages = {page for page, names in self._page_names.items() if any(name in compact for name in names)}
        return [pl for pl in lists if pl.page in pages]

    def _rest(self, text: str, lists: list[PageList]) -> str:
        """``text`` without the places it points at, the ``lists`` named anywhere in it (first: "หน้าที่ข้อ" is named
        around the place "ข้อที่ 5") and the pages named beside them."""
        names = sorted({n for pl in lists for n in pl.names}, key=len, reverse=True)
        if names:
            text = re.sub("|".join(map(re.escape, names)), " ", text)
        for pattern in (self._next_to, self._place):
            if pattern is not None:
                text = pattern.sub(" ", text)
        return self._without_names(text, lists)

    def _put(self, text: str, place: re.Match[str], item: str, lists: list[PageList]) -> str:
        """``text`` with ``item`` in the ``place``'s stead, and without the page or list named beside it (the item's
        own words keep theirs: "…ในกลุ่มอำนวยการ…" is part of a heading)."""
        before, after = (self._without_names(side, lists) for side in (text[:place.start()], text[place.end():]))
        return " ".join(f"{before} {item} {after}".split())

    def _without_names(self, text: str, lists: list[PageList]) -> str:
        return self._without(text, [n for pl in lists for n in (*pl.names, *self._page_names.get(pl.page, ()))])

    @staticmethod
    def _without(text: str, names: Sequence[str]) -> str:
        """``text`` without the pages or lists ``names`` names, with the words that lead to them ("ในหน้า…")."""
        if names:
            alternatives = "|".join(map(re.escape, sorted(set(names), key=len, reverse=True)))
            text = re.sub(f"{NAMING}(?:การ)?(?:{alternatives})|(?:ใน|ของ)\\s*(?:การ)?(?:{alternatives})", " ", text)
        return " ".join(text.split())
