"""From a message as typed on a phone to the tokens the matcher compares.

Steps, in order: Unicode clean-up (zero-width characters, Thai digits, PyThaiNLP's `normalize` for doubled or
misordered marks), a keyboard left in English layout ("l;ylfu8iy[" is "สวัสดีครับ"), case, letters held down
("มากกกก"), then newmm tokenization with the office's words kept whole, words typed without their marks put
back together and respelt from the knowledge base's own words, particles and filler dropped, and
abbreviations replaced by what they stand for.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Iterable, Mapping

import models  # noqa: F401  (sets PyThaiNLP's offline environment before it is imported)
from pythainlp import thai_above_vowels, thai_below_vowels, thai_follow_vowels, thai_lead_vowels, thai_tonemarks
from pythainlp.corpus import thai_stopwords, thai_words
from pythainlp.tokenize.newmm import segment
from pythainlp.util import eng_to_thai, normalize as thai_normalize, thai_digit_to_arabic_digit

ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]")
# Three or more of one character. Thai doubles only ร in its own spelling ("อุปสรรค", "กรรม"), so a run of ร is
# two ("อุปสรรรค" was "อุปสรค", which matched nothing), and a run of anything else is one ("ครับบบบ"). No word ends
# in "รร", so a run of ร that ends a word is one ("อะไรรร" left a stray "ร" that cost the question its answer).
HELD_DOWN = re.compile(r"(.)\1{2,}")
HELD_DOWN_LAST_R = re.compile("ร{3,}(?![\u0e01-\u0e4f])")
# A message typed on an English-layout keyboard uses only these keys.
KEYBOARD_KEYS = re.compile(r"[A-Za-z0-9;:'\",.<>/?\[\]{}\\|`~!@#$%^&*()_+=\- ]+")
HAS_THAI = re.compile("[\u0e01-\u0e4f]")
THAI_DIGIT = re.compile("[\u0e50-\u0e59]")
# Full-width Latin letters, digits and signs, as some phone keyboards and pasted text give them ("ＯＫ ครับ", "２５６５"),
# and the full-width space: read as the plain ones (set BW). Not NFKC, which would take "ำ" apart.
FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
FROM_FULL_WIDTH = {**{c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}, 0x3000: " "}
SEPARATORS = re.compile(r"[\s\u00a0.,!?;:\"'()\[\]{}<>/\\|~`@#$%^&*_+=\-–—…“”‘’ๆฯ]+")
# A polite particle closing a sentence. newmm would otherwise run its first letters into a rare word of
# PyThaiNLP's list: "วันไหนคะ" as "วัน|ไห|นคะ", "ขอบคุนครับ" as "ขอบ|คุ|นค|รับ", "ขอบคุณค่า" as "ขอบ|คุณค่า",
# "ไปก่อนนะจ๊ะ" as "ไป|ก่อน|นะจ๊ะ".
# A space before it keeps the word ahead whole (the particle itself is dropped as filler). Its last letter may be typed
# twice, a run too short for a held-down key ("ขอบคุนคร้าบบ" was cut as "ขอบ|คุ|นค|ร้า|บบ"; set BS): the particle is
# the group, without the second letter. "ค่ะ" drawn out is "ค้า" ("ไปก่อนนะค้า" went to staff; set CB), but not the end of
# "สินค้า", "ร้านค้า", "ลูกค้า" or "การค้า". The northern "เจ้า" closes a sentence as "จ้า" does ("ได้เจ้า"), but only
# right after a word: after a space it is a word of its own ("ขอ คุย กับ เจ้า หน้าที่", "ใคร เป็น เจ้า ของ"). Without it,
# "จ้า" was taken out of "ตกลงเจ้า" and the "เ" left behind got which office runs the service (set CC).
CLOSING_PARTICLE = re.compile(
    "(ครับผม|ครับ|คร้าบ|คับ|ค้าบ|ค่ะ|คะ|ค่า|(?<!สิน)(?<!ร้าน)(?<!ลูก)(?<!การ)ค้า|คร้า|(?<! )เจ้า|(?<!เ)จ้า|จ้ะ|จ๊ะ)"
    "(?:(?<=บ)บ|(?<=า)า|(?<=ะ)ะ)?(?= |$)"
)
# Filler that newmm would cut into words meaning something alone ("อยาก|ทราบ": "ทราบ" matched a phrasing that
# asks "อยากทราบว่า…", and "อยากทราบค่ะ" got the administrative group's duties; "ขอข้อมูลกลุ่มอำนวยการ" got how its
# members share "ข้อมูล"; "เรียน|สอบถาม" left "เรียน", to study, and "เรียนโรงเรียนรัฐต้องจ่ายเงินไหม" was taken for
# asking whether one may ask); kept whole in its dictionary.
FILLER_PHRASES = frozenset({"อยากทราบ", "อยากรู้", "ขอทราบ", "ขอข้อมูล", "ใคร่ขอทราบ", "ใคร่ทราบ", "กราบเรียน", "ขอความกรุณา",
                            "เรียนสอบถาม", "ขอเรียนสอบถาม", "เรียนถาม", "ขอเรียนถาม", "ขออนุญาตสอบถาม", "ขออนุญาตเรียนสอบถาม",
                            "ขออนุญาตเรียนถาม", "ขออนุญาตรบกวน", "ประสงค์จะทราบ", "ขอความอนุเคราะห์ข้อมูล",
                            "เหอ", "หนิ",  # Southern Thai particles: newmm cut "เหอ" into "เห|อ"
                            # demands on how to answer, which say nothing of what is asked ("…อย่าโกหกนะ"); "ๆ" is
                            # gone by then ("บอกมาตรงๆ" is "บอกมาตรง")
                            "บอกมาตรง", "พูดตรง", "อย่าโกหก", "ตอบให้รู้เรื่อง", "เอาจริง",
                            # and for how much: "…ในภาพรวมว่างานของกลุ่มอำนวยการมีความท้าทายอะไรบ้าง" got its duties, whose
                            # phrasing asks for "ภาพรวมงาน" (an overview of its work)
                            "ในภาพรวม", "โดยรวม", "โดยย่อ", "โดยสังเขป", "โดยสรุป",
                            # and how much is to be asked: "ขอรบกวนสอบถามเรื่องหนึ่งได้ไหมครับ", "ใคร่ขอเรียนสอบถามข้อมูล
                            # เล็กน้อยค่ะ" went to staff, asking whether one may ask
                            "เรื่องหนึ่ง", "สักเรื่อง", "บางเรื่อง", "สักข้อ", "เล็กน้อย", "นิดหน่อย", "บางประการ",
                            # and excusing oneself: "ขอโทษนะคะ บริการนี้ช่วยอะไรได้บ้างคะ" went to staff, and so did
                            # thanks, goodbye or "may I ask" with "…ที่รบกวน" (for the bother) after it (set BV)
                            "ขอโทษ", "ขออภัย", "ที่รบกวน", "ที่กวน", "ที่ใช้เวลานาน",
                            # and asking again after a slip: "พิมพ์ผิดค่ะ ขอถามอีกที กลุ่มอำนวยกานเขตพื้นทีคืออไรคะ" went to
                            # staff (set BR)
                            "พิมพ์ผิด", "กดผิด", "อีกที",
                            # and saying the bot is being tried out: "ทดสอบบอทหน่อย กลุ่มอำนวยการประเมินผลสถานศึกษา…" and
                            # "สวัสดีครับ ทดสอบระบบ" went to staff (set CA)
                            "ทดสอบบอท", "ทดสอบระบบ", "ลองของ", "ทดสอบ",
                            # and what voice typing writes out: punctuation said aloud, and the phrase that wakes the
                            # phone's assistant ("มีกลุ่มอำนวยการไว้ทำไมครับ เครื่องหมายคำถาม" went to staff; set CL)
                            "เครื่องหมายคำถาม", "เครื่องหมายตกใจ", "เครื่องหมายอัศเจรีย์", "เว้นวรรค", "ขึ้นบรรทัดใหม่",
                            "โอเคกูเกิล", "เฮย์กูเกิล"})
# Polite particles, hesitation and question framing: they carry no meaning for matching. So do the blunt particles of
# rough talk, "วะ", "ว่ะ", "เว้ย", "เหอะ" and "เฮ้ย" (set CP: "ขอบใจเว้ย" went to staff, and "กลุ่มอำนวยการตามประเมิน
# โรงเรียนไปเพื่อไรวะ" too, its "วะ" a word the phrasings never had). And "โปรด", "please" as translating tools write
# it ("โปรด อธิบาย แนวคิด การ กระจาย อำนาจ…" went to staff; set CX).
FILLER = FILLER_PHRASES | frozenset(
    """ครับ คับ ครัช ครับผม คร้าบ ค้าบ ฮ้าบ งับ ค่ะ คะ ค่า ค้า คร้า คร่ะ ข่ะ นะ น่ะ นะคะ นะครับ จ้า จ้ะ จ๊ะ จ๋า ฮะ ฮับ เนาะ หน่อย
    เด้อ เด้ เน้อ อะ อ่ะ เอ่อ อืม อ่า งง รบกวน สอบถาม ขอถาม ถามหน่อย นิดนึง หน่อยนึง ว่า ค่ะคะ แอดมิน แอด ใคร่ กรุณา
    โปรด วะ ว่ะ เว้ย เหอะ เฮ้ย
    ka kha krub krab khrap khrub krap na""".split()  # the particles romanised too: "thank you ka"
)
# A mention typed before or within the message ("@bot สวัสดีครับ", "@สพป.ชุมพร"): it names whom the message is
# for, not what it asks. In a LINE group the channel cuts out real mentions; typed ones come here. An area office's
# account is named with its area after a space, which belongs to the mention ("@สพป.ชุมพร เขต 2 ขอสอบถามค่ะ"; set CZ).
MENTION = re.compile(r"(?:^|(?<=\s))@\S+(?:\s+เขต\s*[0-9๐-๙]{1,2}(?![0-9๐-๙]))?")
# A sticker as LINE's chat shows it when copied, or as people type it ("ขอบคุณที่ช่วยตอบนะคะ 😊 [สติกเกอร์]"; set CB): it
# says what an emoji says, and is read as one. "[รูปภาพ]" (a photo) is not: the person asks about something staff can see.
STICKER = re.compile(r"\[(?:สติ๊?กเกอร์|sticker)\]", re.IGNORECASE)
# A chat copied from LINE and pasted (set CZ): lines led by the time each was sent and the sender's name ("20:15
# แม่ต้อม: …"), and the "อ่านแล้ว" (read) that LINE shows beside a sent message, on a line of its own. They say who
# wrote when, not what is asked (`without_chat_marks`).
CHAT_LINE_HEAD = re.compile(r"^[ \t]*[0-2]?[0-9]:[0-5][0-9][ \t]+(?:[^:\n]{1,30}:(?![0-9]))?", re.M)
READ_MARK = re.compile(r"\n[ \t]*อ่านแล้ว(?:[ \t]*[0-9]+)?[ \t]*(?=\n|$)")
# Things pasted into a message that say where something is or who wrote it, not what is asked (set BJ): an e-mail
# address, a hashtag, a phone number (with "โทร" before it) and a web address (`without_pasted`).
E_MAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
HASHTAG = re.compile(r"(?:^|(?<=\s))#\S+")
PHONE = re.compile(
    r"(?:โทร(?:ศัพท์)?\.?\s*:?\s*)?(?<![0-9๐-๙])[0๐][0-9๐-๙x]{1,2}[- ]?[0-9๐-๙x]{3}[- ]?[0-9๐-๙x]{3,4}(?![0-9๐-๙])", re.I
)
WEB_ADDRESS = re.compile(
    r"(?:https?://|www\.)\S+|(?<![\w.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|th|io|me|ly)(?![\w.])(?:/\S*)?", re.I
)
# Laughter, as a word of its own: "555" (ห้า sounds like "ha"), "ถถถ" (the same keys in Thai layout), "ฮ่าๆ", "อิอิ".
LAUGHTER = re.compile(r"5{3,}|ถ{3,}|(?:ฮ่?า+|ฮ่ะ|ๆ)+|(?:อิ|คิ|หึ){2,}|(?:ha|he){2,}|lol")
# "??" asks something without saying what (sets BW, CB, CM and CZ): staff can ask back; the nod's reply is wrong.
QUESTION_MARKS_ONLY = re.compile(r"[\s?？]*[?？][\s?？]*[?？][\s?？]*")
# What is not part of a word: anything but letters, digits and Thai marks (emoji, their variation selectors, symbols).
NOT_IN_A_WORD = re.compile("(?:[^\\w\u0e31-\u0e4e]|_)+")
MARKS_ABOVE_BELOW = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
# Letters that sound alike and are often typed for one another ("ประเมินพล", "มาตรถาน", "งบประมาน").
SOUND_ALIKE = str.maketrans(
    {"ศ": "ส", "ษ": "ส", "ณ": "น", "ธ": "ท", "ฒ": "ท", "ฑ": "ท", "ถ": "ท", "ฐ": "ท", "ผ": "พ", "ภ": "พ",
     "ข": "ค", "ฆ": "ค", "ฏ": "ต", "ฎ": "ด", "ฌ": "ช", "ฬ": "ล", "ญ": "ย", "ใ": "ไ", "ซ": "ส"}
)
# ญ with no vowel or tone mark after it ends a syllable, where it sounds as น and is often typed so ("ปันหา",
# "สำคัน"); before a vowel or tone mark it starts one and sounds as ย ("ใหญ่", "หญิง"), as SOUND_ALIKE folds it.
FINAL_YO = re.compile("ญ(?![\u0e30-\u0e3a\u0e47-\u0e4e])")
# Share of a converted message's Thai letters that must fall in dictionary words before we believe the
# person typed Thai on an English-layout keyboard (real English converts into letter salad).
LAYOUT_DICTIONARY_SHARE = 0.8
# Every mark written above or below a consonant: vowels, tone marks and signs.
MARKS = f"{thai_above_vowels}{thai_below_vowels}{thai_tonemarks}\u0e3a\u0e4c\u0e4d\u0e4e"
_NO_REPEAT = f"{thai_follow_vowels}{thai_lead_vowels}{thai_above_vowels}{thai_below_vowels}\u0e3a\u0e4c\u0e4d\u0e4e"
# Everything PyThaiNLP's `normalize` would change: zero-width or doubled spaces, line breaks, spaces at
# either end, a mark at the start or after a space, doubled Sara E, marks out of order, Lakkhangyao, a
# repeated vowel or sign, several tone marks. Most messages have none, and `normalize` (some 35 regular
# expressions, about a tenth of an answer's time) is skipped for them; tests/test_text.py checks on random
# Thai text that skipping never changes the result.
NEEDS_NORMALIZE = re.compile(
    f"[\u200b\u200c\n]|^\\s|\\s$|  | [{MARKS}]|^[{MARKS}]|\u0e40\u0e40"
    f"|[{thai_tonemarks}\u0e4c][{thai_above_vowels}{thai_below_vowels}]|\u0e4d[{thai_tonemarks}]*\u0e32"
    f"|[{thai_follow_vowels}][{thai_tonemarks}]|\u0e45|([{_NO_REPEAT}]) *\\1|[{thai_tonemarks}]{{2,}}"
)
# The most tokens one respelt word may have been split into ("ก|ลุ|ม|อำนวยการ" is กลุ่มอำนวยการ).
RESPELL_MAX_PIECES = 6


def _particle_apart(particle: re.Match[str]) -> str:
    """A closing particle as a word of its own, for the filler list to drop; the northern "เจ้า" read as "จ้า"."""
    return " จ้า" if particle[1] == "เจ้า" else f" {particle[1]}"


def _newmm(text: str, dictionary: "WordSet") -> list[str]:
    """newmm word segmentation over ``dictionary``, spaces dropped."""
    return [t for t in segment(text, dictionary) if not t.isspace()]


class WordSet:
    """The dictionary newmm walks, as a plain set of words instead of PyThaiNLP's `Trie`.

    newmm only asks a dictionary for the words that start at a position (`prefixes`). A trie of PyThaiNLP's
    62,000 words takes about 63 MB of node objects; a set of the same words takes about 10 MB and answers
    `prefixes` faster for the short messages people send: words shorter than `KEY` letters are looked up
    directly, longer ones only at the lengths of the words that start with the next `KEY` letters.
    """

    KEY = 4

    def __init__(self, words: Iterable[str]):
        self.words = frozenset(w for w in words if w)
        lengths: dict[str, set[int]] = {}
        for w in self.words:
            if len(w) >= self.KEY:
                lengths.setdefault(w[: self.KEY], set()).add(len(w))
        # For each first KEY letters, the lengths of the words that start with them.
        self._lengths = {start: tuple(sorted(ns)) for start, ns in lengths.items()}

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        words, found = self.words, []
        rest = len(text) - start
        for n in range(1, min(self.KEY, rest + 1)):
            if text[start : start + n] in words:
                found.append(text[start : start + n])
        for n in self._lengths.get(text[start : start + self.KEY], ()):
            if n > rest:
                break
            if text[start : start + n] in words:
                found.append(text[start : start + n])
        return found


@lru_cache(maxsize=8)
def _dictionary(extra_words: frozenset[str], not_words: frozenset[str] = frozenset()) -> WordSet:
    """PyThaiNLP's word list plus the office's words, less ``not_words``; built once per process per word set."""
    return WordSet((set(thai_words()) - not_words) | extra_words)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(thai_stopwords())


def _held_down(run: re.Match[str]) -> str:
    letter = run.group(1)
    return letter * 2 if letter == "ร" else letter


def clean(text: str) -> str:
    """Unicode-level clean-up that never changes what the person meant."""
    text = unicodedata.normalize("NFC", text)
    text = ZERO_WIDTH.sub("", text)
    if FULL_WIDTH.search(text):
        text = text.translate(FROM_FULL_WIDTH)
    if THAI_DIGIT.search(text):  # PyThaiNLP converts letter by letter in Python; most messages have none
        text = thai_digit_to_arabic_digit(text)
    text = HELD_DOWN.sub(_held_down, HELD_DOWN_LAST_R.sub("ร", text))  # first too: normalize takes seconds over thousands of one tone mark
    if NEEDS_NORMALIZE.search(text):
        text = thai_normalize(text)
    text = HELD_DOWN.sub(_held_down, text.casefold())
    return " ".join(text.split())


def without_chat_marks(text: str) -> str:
    """``text`` without the times, senders' names and read marks of a chat copied from LINE."""
    if ":" in text:
        text = CHAT_LINE_HEAD.sub("", text)
    if "อ่านแล้ว" in text:
        text = READ_MARK.sub("", text)
    return text


def without_pasted(text: str) -> str:
    """``text`` without the e-mail and web addresses, hashtags and phone numbers pasted into it; a message asking about
    one still asks what it is ("…ใช่เบอร์ของเขตไหม"), and a detail the documents do not give."""
    # Each pattern only where the letter it needs is: most messages have none, and searching for all took 16 µs.
    if "@" in text:
        text = E_MAIL.sub(" ", text)
    if "#" in text:
        text = HASHTAG.sub(" ", text)
    if "0" in text or "๐" in text:
        text = PHONE.sub(" ", text)
    if "." in text or "://" in text:
        text = WEB_ADDRESS.sub(" ", text)
    return text


@dataclass(frozen=True)
class Prepared:
    """A message ready for matching: the cleaned text and its meaningful tokens."""

    text: str
    tokens: tuple[str, ...]
    converted_layout: bool = False
    # The message holds no words at all: only emoji, symbols or laughter (see `is_reaction`).
    reaction: bool = False

    @property
    def compact(self) -> str:
        """The tokens run together, for letter n-grams that do not depend on where words were split."""
        return "".join(self.tokens)

    @property
    def folded(self) -> str:
        """`compact` without marks above or below the line and with sound-alike letters merged: what is
        left when a question is typed without tone marks or with a common misspelling."""
        return fold(self.compact)


# How people spell by sound what the folded text still tells apart: a cluster's ร or ล dropped ("กุ่ม", "ปะสาน" for
# "กลุ่ม", "ประสาน"; the silent ร of "สร" and "ทร" too: "ส่งเสิม") and a final ร or ล after "า" or "ำ" written น
# ("อำนวยกาน", "บริหาน"). Only used to respell words the knowledge base never uses (`ThaiText.respell`) and to find long
# names of what it does not cover: folding every text so cost as many answers as it gained.
CLUSTER_R_L = re.compile("(?<=[กคปพตบดสท])[รล](?=[ก-ฮะ]|$)")
FINAL_R_L = re.compile("(?<=[าำ])[รล](?=[ก-ฮ]|$)")
SOUND_SPELLING_MIN = 4
# And, from set CG: the silent ห before a low consonant dropped ("มู่บ้าน"), a final จ, ช, ส, ต or ท after a vowel
# written ด ("อำนาด", "เขด", "ตรวดสอบ"), every ร written ล ("ส่วนล่วม", "ลายงาน"), and "ะ" written "า" ("ปาชาชน").
LEADING_H = re.compile("ห(?=[งนมยรลว])")
FINAL_STOP = re.compile("(?:(?<=[าอว])|(?<=[เแโ][ก-ฮ]))[จชสตท](?=[ก-ฮ]|$)")


def sound_fold(folded: str) -> str:
    """``folded`` (the output of `fold`) as spelt by sound."""
    text = FINAL_R_L.sub("น", CLUSTER_R_L.sub("", folded))
    text = FINAL_STOP.sub("ด", LEADING_H.sub("", text))
    return text.replace("ร", "ล").replace("ะ", "า")


@lru_cache(maxsize=4096)  # words and phrasings recur; whole messages rarely do, and 65,536 of them held ~20 MB
def fold(text: str) -> str:
    if "ญ" in text:
        text = FINAL_YO.sub("น", text)
    return MARKS_ABOVE_BELOW.sub("", text).translate(SOUND_ALIKE)


def readable(text: str) -> bool:
    """Whether ``text`` has anything to read: not blank, not only zero-width or control characters."""
    return any(ch.isprintable() and not ch.isspace() for ch in text)


def is_reaction(text: str) -> bool:
    """Whether a message says nothing in words: only emoji, symbols, punctuation, LINE's own emoji (which reach
    the bot as "$") or laughter ("555", "ฮ่าๆ"). People send these to acknowledge an answer, not to ask."""
    if QUESTION_MARKS_ONLY.fullmatch(text):
        return False
    words = NOT_IN_A_WORD.sub(" ", text.casefold()).split()
    return all(LAUGHTER.fullmatch(w) for w in words) and readable(text)


def _has_letter_or_digit(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


class ThaiText:
    """Prepares messages for matching with the office's domain words and synonyms."""

    def __init__(
        self,
        domain_words: Iterable[str] = (),
        synonyms: Mapping[str, Iterable[str]] | None = None,
        context_words: Iterable[str] = (),
        spellings: Iterable[str] = (),
        not_words: Iterable[str] = (),
    ):
        """``spellings``: the knowledge base's own words, most used first; a message's words typed without
        their marks are respelt as these (see `respell`). ``not_words``: entries of PyThaiNLP's word list the
        tokenizer leaves out."""
        synonyms = synonyms or {}
        forms = {self._plain(form): canonical for canonical, all_forms in synonyms.items() for form in all_forms}
        words = {self._plain(w) for w in domain_words} | set(forms) | {self._plain(c) for c in synonyms} | FILLER_PHRASES
        self._dictionary = _dictionary(frozenset(w for w in words if w), frozenset(map(self._plain, not_words)))
        self._words = self._dictionary.words
        # A form maps to the tokens of its canonical text, so "อบต" and "องค์กรปกครองส่วนท้องถิ่น" meet.
        self._synonyms = {form: tuple(self._split(self._plain(c))) for form, c in forms.items() if form}
        self._context = frozenset(self._plain(w) for w in context_words)
        self._topics = frozenset(self._plain(w) for w in domain_words) - self._context
        self._spellings: dict[str, str] = {}
        spelt = set()
        # The Thai forms of synonyms after the knowledge base's own words: "ขอบพระคุน" is respelt as "ขอบพระคุณ", which is
        # read as "ขอบคุณ", the only form the phrasings use. Forms with a number ("ชุมพรเขต2" for "ชุมพร เขต 2") are left
        # out: respelling ran "ชุมพร|เขต|2" together into one token, and the office's name lost its words.
        spellings = list(spellings)
        if spellings:
            spellings += [form for form in forms if HAS_THAI.search(form) and not any(c.isdigit() for c in form)]
        for word in spellings:
            if len(word) > 1:
                spelt.add(word)
                # A word that folds to one letter ("กี่", "มี") would turn a lone letter of a misspelt word into it.
                if len(fold(word)) > 1:
                    self._spellings.setdefault(fold(word), word)
        # And as people spell them by sound, where that differs and cannot be a short word of its own.
        self._by_sound: dict[str, str] = {}
        for word in sorted(spelt):
            by_sound = sound_fold(fold(word))
            if len(by_sound) >= SOUND_SPELLING_MIN and by_sound != fold(word):
                self._by_sound.setdefault(by_sound, word)
        self._spelt = frozenset(spelt)
        self._spelling_lengths = frozenset(map(len, self._spellings))

    @staticmethod
    def _plain(text: str) -> str:
        return clean(text).replace(".", "").replace(" ", "")

    def _split(self, text: str) -> list[str]:
        return _newmm(CLOSING_PARTICLE.sub(_particle_apart, SEPARATORS.sub(" ", text)), self._dictionary)

    def fix_layout(self, text: str) -> tuple[str, bool]:
        """Convert text typed with the keyboard in English layout; leave real English alone."""
        if HAS_THAI.search(text) or not KEYBOARD_KEYS.fullmatch(text) or len(text.replace(" ", "")) < 3:
            return text, False
        # A word of digits only is a number, as typed: "รายงานปี 2565" typed in English layout had its year turned into
        # the letters on those keys ("/ถุถ"), and the message into laughter (set BV).
        candidate = " ".join(w if w.isdigit() else eng_to_thai(w) for w in text.split(" "))
        tokens = [t for t in _newmm(candidate, self._dictionary) if t.strip()]
        thai_letters = sum(len(t) for t in tokens if HAS_THAI.search(t))
        known = sum(len(t) for t in tokens if t in self._words or t in FILLER)
        if thai_letters and known / thai_letters >= LAYOUT_DICTIONARY_SHARE:
            return candidate, True
        return text, False

    def prepare(self, text: str) -> Prepared:
        text = STICKER.sub(" 🙂 ", MENTION.sub(" ", without_pasted(text)))
        if is_reaction(text):
            return Prepared(text=clean(text), tokens=(), reaction=True)
        text, converted = self.fix_layout(" ".join(text.split()))
        text = clean(text)
        # Emoji and symbols say nothing the matcher can use ("👍 ค่ะ" is "ค่ะ").
        words = [w for w in self.respell(self._split(text.replace(".", ""))) if _has_letter_or_digit(w)]
        # A message of courtesy words only ("รบกวนสอบถามค่ะ", "ค่ะ") keeps them: it is small talk, not nothing.
        if any(w not in FILLER for w in words):
            words = [w for w in words if w not in FILLER]
        tokens: list[str] = []
        for token in words:
            tokens.extend(self._synonyms.get(token, (token,)))
        if any(t in self._topics for t in tokens):
            tokens = [t for t in tokens if t not in self._context]
        return Prepared(text=text, tokens=tuple(tokens), converted_layout=converted)

    def names_a_topic(self, prepared: Prepared) -> bool:
        """Whether the message names one of the office's own subjects: a domain word other than those that only
        say "this office"."""
        return self.topics_named(prepared) > 0

    def names_the_office(self, prepared: Prepared) -> bool:
        """Whether the message names the office or its area itself ("สำนักงานอยู่ที่ไหน"): one of the context words,
        which `prepare` keeps only when no subject of the office's is named beside them."""
        return any(t in self._context for t in prepared.tokens)

    def is_office_word(self, token: str) -> bool:
        """Whether a token names one of the office's subjects or the office itself (a domain word)."""
        return token in self._topics or token in self._context

    def topics_named(self, prepared: Prepared) -> int:
        """How many times the message names one of the office's own subjects."""
        return sum(t in self._topics for t in prepared.tokens)

    def respell(self, tokens: list[str]) -> list[str]:
        """Put back words typed without their marks, as the knowledge base spells them.

        newmm cuts "กลุมอำนวยการเขตพืนที" into "ก|ลุ|ม|อำนวยการ|เขต|พืน|ที": the letters are there, the marks
        are not. Runs of neighbouring tokens whose folded letters equal a knowledge-base word's become that
        word, longest run first, or, failing that, whose letters as spelt by sound do (`sound_fold`: "กุ่มอำนวยกาน"
        is "กลุ่มอำนวยการ"). Only runs holding a token the knowledge base never uses are touched, and a single token
        only when it is no dictionary word either: "เขา" stays "เขา", though "เข้า" folds alike."""
        spellings, spelt = self._spellings, self._spelt
        unknown = [t not in spelt for t in tokens]
        if not spellings or not any(unknown):
            return tokens
        # `fold` works letter by letter (a final ญ is told by the mark after it, which no token boundary splits
        # from it), so a run's folded text is its tokens' folded texts joined, and a run whose length no folded
        # spelling has is not looked up as spelt; as spelt by sound it may be shorter, so that lookup takes every run.
        folded = [fold(t) for t in tokens]
        ends = list(accumulate(map(len, folded), initial=0))
        lengths = self._spelling_lengths
        out: list[str] = []
        i = 0
        while i < len(tokens):
            end = min(len(tokens), i + RESPELL_MAX_PIECES)
            # The run must reach the first token the knowledge base never uses.
            first_unknown = unknown.index(True, i) if True in unknown[i:end] else end
            for j in range(end, first_unknown, -1):
                if j - i == 1 and tokens[i] in self._words:
                    continue
                run = "".join(folded[i:j])
                word = spellings.get(run) if ends[j] - ends[i] in lengths else None
                if word is None and self._by_sound:
                    word = self._by_sound.get(sound_fold(run))
                if word is not None:
                    out.append(word)
                    i = j
                    break
            else:
                out.append(tokens[i])
                i += 1
        return out

    def is_content_word(self, token: str) -> bool:
        """True for a token that carries topic: not a stopword, not a lone letter."""
        return len(token) > 1 and token not in _stopwords()

    def is_known_word(self, token: str) -> bool:
        return token in self._words
