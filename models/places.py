"""Questions that point at a place on the office's pages instead of naming what is there.

People in the website chat often have one of the office's pages open beside it and ask about what they see by
where it stands: "หัวข้อสุดท้ายในหน้ากระจายอำนาจพูดถึงอะไร", "ด้านที่สองของการกระจายอำนาจคือด้านไหน", "หน้าที่ข้อที่ 5
พูดถึงเรื่องอะไร". Such a question names nothing the matcher knows, and its page's own words pull it elsewhere (the
last heading got the 2565 report). knowledge/outline.yaml lists the numbered and headed lists on the pages;
`Places.read` finds the place a message points at and gives the message back with the item's words in its stead,
so it is decided as if the person had named the item. The place's page, named beside it, is taken out with it.

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
# "ขอหน้าที่หลักเป็นข้อ 1 2 3" asks for a numbered list, and points at no place.
NOT_A_FORMAT = r"(?<!เป็น)(?<!เป็น )"
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
                 read_words: Iterable[str] = (), explain_words: Iterable[str] = ()):
        """``pages``: each page's id and the words that name it; ``lists``: each list's fields (`PageList`);
        ``read_words``: words that ask only what a place says ("พูดถึง"); ``explain_words``: words that ask to have
        it explained ("อธิบาย"); as knowledge/outline.yaml gives them. The decider reads the words."""
        self.read_words = tuple(read_words)
        self.explain_words = tuple(explain_words)
        self._lists = tuple(PageList(**pl) for pl in lists)
        self._page_names = {page: tuple(names) for page, names in pages.items()}
        called = sorted({c for pl in self._lists for c in pl.called}, key=len, reverse=True)
        self._place = (
            re.compile(f"{NOT_A_FORMAT}(?P<called>{'|'.join(map(re.escape, called))})\\s*(?:ที่\\s*)?\\(?\\s*{NUMBER}\\s*\\)?")
            if called else None
        )

    def read(self, text: str) -> Reading:
        """``text``: a cleaned message (`models.text.clean`: digits Arabic, lower case)."""
        if self._place is None or not self._place.search(text):
            return Reading(text)
        original, meant, wholes = text, [], set()
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

    def _next_place(self, text: str) -> tuple[re.Match[str], int] | None:
        """The first place in ``text`` that is not the name of a list another place in it is in ("ข้อ 2" in "วงเล็บ
        (4) ในข้อ 2"), with its number (0 for the last item)."""
        assert self._place is not None
        found = list(self._place.finditer(text))
        called = {f["called"] for f in found}
        for place in found:
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
        assert self._place is not None
        names = sorted({n for pl in lists for n in pl.names}, key=len, reverse=True)
        if names:
            text = re.sub("|".join(map(re.escape, names)), " ", text)
        return self._without_names(self._place.sub(" ", text), lists)

    def _put(self, text: str, place: re.Match[str], item: str, lists: list[PageList]) -> str:
        """``text`` with ``item`` in the ``place``'s stead, and without the page or list named beside it."""
        return self._without_names(f"{text[:place.start()]} {item} {text[place.end():]}", lists)

    def _without_names(self, text: str, lists: list[PageList]) -> str:
        names = [n for pl in lists for n in (*pl.names, *self._page_names.get(pl.page, ()))]
        if names:
            alternatives = "|".join(map(re.escape, sorted(set(names), key=len, reverse=True)))
            text = re.sub(f"{NAMING}(?:การ)?(?:{alternatives})|(?:ใน|ของ)\\s*(?:การ)?(?:{alternatives})", " ", text)
        return " ".join(text.split())
