"""The decision: answer, ask which question was meant, make small talk, or pass the question to staff.

A wrong answer from a government office is worse than "our staff will answer", so every doubt resolves
towards staff:
- a message naming a unit or topic the knowledge base says it does not cover goes to staff, whatever it
  resembles ("กลุ่มบริหารงานบุคคลมีหน้าที่อะไร" reads much like the administrative group's duties), unless it names
  another office only to ask whose this service is ("ไลน์นี้ของเขต 1 หรือเขต 2 คะ", `_tells_offices_apart`), which
  the entry `whose_service_entry` names answers (knowledge/scope.yaml); so does a message whose only question asks or
  checks whose "this" is ("บอทนี้ของ สพป.ชุมพร เขต ๑ ใช่ไหมคะ", `OWNED_ASKED`), whatever office it names;
- words the knowledge base has never seen lower the confidence in proportion to their share of the message;
- each detail a message asks for (how many, when, where, who, a link) lowers the score of entries that never
  ask for it, and so does a number of two digits or more (a year, an amount) that an entry never mentions;
  an entry about another number does not answer at all (the 2565 report is not the 2566 one), nor does one
  that gives no count when a count is asked, or no day, time or place when one is asked (`WHEN_OR_WHERE_ASKED`), nor
  one whose phrasings or answer state another count of a list's items than the message ("การกระจายอำนาจ 5 ด้าน": the
  entries say 4), unless the message asks whether the count it claims is right ("…มี 5 ด้านใช่ไหม", `CLAIM_CHECKED`): the
  entry's answer settles that;
- a message that only asks (question words, detail words, numbers: "เมื่อไหร่", "ทำไม", "1+1 เท่ากับเท่าไหร่")
  says nothing of what it asks about, so no entry answers it, however much its question word resembles one
  entry's ("เก็บข้อความไว้นานเท่าไหร่"); staff, who see the conversation it follows, answer it;
- an entry answers, or is offered, only when one of the words the message asks about is found in its phrasings:
  "7 คูณ 8 ได้เท่าไหร่" shares nothing but its question word with the privacy entry;
- "หมายถึงอะไร" (what does it mean) with no subject asks about the message before it, which staff see and the
  bot does not: words that frame a question (knowledge/scope.yaml `frame_words`) are no subject;
- a message with no words at all (emoji, laughter: "👍", "555") acknowledges; it gets the small-talk entry
  `reaction_entry` names instead of a ticket that would say nothing;
- whether a person or a program is answering ("นี่คนตอบหรือบอทตอบคะ"), asked without asking for a person, gets the
  small-talk entry `bot_or_person_entry` names (knowledge/scope.yaml): it went to staff as a request for a person;
- thanks or "okay" with a remark that says the answer helped ("ขอบคุณค่ะ ชัดเจนมาก", "โอเค เคลียร์เลย", knowledge/
  scope.yaml `thanks_remarks`) is that small talk, and so is thanks, goodbye or "okay" with a short remark on where
  the person is off to ("แค่นี้ก่อนนะ ไปกรีดยางแล้ว", "โอเคครับ เดี๋ยวลองดู", `leaving_remarks`), even when the remark
  names what was answered ("ขอบคุณค่ะ เข้าใจเรื่องการกระจายอำนาจแล้ว"); with any other remark they go to staff;
- small talk that says a question is coming, asks what the bot answers or greets ("ขอสอบถามหน่อย", knowledge/scope.yaml
  `announcing_entries`) beside a clause of other words ("ลูกโดนครูตีค่ะ") is that matter, for staff, and beside a
  question in a clause of its own that is answered alone ("เพิ่งแอดไลน์มา นี่ไลน์ของหน่วยงานไหนครับ") that question;
- "does the group handle X?" ("…ดูแลเรื่อง X ด้วยไหม", knowledge/scope.yaml `cover_words`) is answered only by an
  entry whose phrasings hold every word of X: the duties entry shares the group's name and "ดูแล" with any such
  question, and used to answer "…ดูแลเรื่องรถรับส่งนักเรียนด้วยไหม";
- examples asked after a question that asks for a list ("…มีอะไรบ้าง ยกตัวอย่างหน่อย", `EXAMPLES_OF_A_LIST`) get the
  list, which is the examples; examples of anything else go to staff (knowledge/scope.yaml);
- what one item of a list holds, where the answer names the items only ("ด้านการบริหารทั่วไปครอบคลุมงานอะไรบ้าง",
  knowledge/scope.yaml `named_only`), goes to staff: it got the list of the four areas, which does not answer it;
- two things compared or related that different entries answer alone ("เครือข่ายความร่วมมือกับองค์คณะบุคคลต่างกันยังไง",
  `_compares_apart`) go to staff (reason `COMPARED_APART`): no answer says how one bears on another;
- a message that points at a place on the office's pages ("ข้อ 3", "ด้านที่สอง", "หัวข้อสุดท้ายในหน้ากระจายอำนาจ",
  knowledge/outline.yaml) is decided with the item's words in the place's stead (models/places.py); asking only what
  is there, it gets the entry that gives the whole list, where one does; a place the named page does not have, or
  one with no page named or two lists there hold differently, goes to staff unless the message asks something else;
- what the pages never tell goes to staff: why a list has as many items as it has ("ทำไมถึงแบ่งเป็น 4 ด้าน",
  `_why_this_many`), whether things have changed since, still stand or are new ("…มีอะไรเปลี่ยนไปบ้าง", `LATEST_ASKED`),
  what something comes under ("โรงเรียนเอกชนขึ้นกับเขตไหม", `BELONGING_ASKED`), how an assessment came out
  ("ผลประเมินออกมาระดับไหน", `RESULT_ASKED`), what would follow if something were not done ("ถ้าไม่พัฒนาครูจะ
  เป็นยังไง", `CONSEQUENCE_ASKED`), and what to do if staff do not answer ("…ไม่ตอบภายในสามวัน ต้องทำยังไง",
  `UNANSWERED_THEN`);
- a day of the month told in the story ("เมื่อวันที่ ๑๕…", `DATE_TOLD`) is left out before deciding: it is no detail
  asked; so are an age, how long the person has done something, a village number, how many people and the year of
  a step in the person's life ("ยายอายุ 72…", "สอนมา 20 ปี…", "บรรจุปี ๒๕๖๗", `NUMBER_TOLD`), and how short or in
  what form the answer should come ("ขอ 2-3 บรรทัดพอ", "แบบเป็นข้อๆ", `FORM_ASKED`) and what it is for ("…จะเอาไป
  เขียนรายงาน", `PURPOSE_TOLD`) when the rest still names a subject; and small talk said with the time of day
  ("รบกวนสอบถามแต่เช้าหน่อยนะคะ") is decided without its time words (`_small_talk_in_time`);
- a question about a topic of knowledge/scope.yaml `not_covered_asked` (children with special needs) goes to staff,
  though such a topic told only as who asks, beside a general question, leaves the question answered;
- the knowledge base is Thai: a message written in English goes to staff (reason `IN_ENGLISH`, so the reply can
  say so in English), unless it is small talk;
- a text to translate or write for the person, or an answer in another language, in a dialect, as a song, a tale, a
  table or read aloud ("ช่วยแปล…เป็นภาษาอังกฤษให้หน่อย", "แต่งเป็นเพลง…", `TASK_ASKED`), goes to staff (reason
  `TASK`): the bot only gives the office's Thai answers;
- the office bidden to come and act on the person's own case ("อยากให้เขตมาตรวจโรงเรียนลูก", `ACTION_ASKED`) goes to
  staff (reason `ACTION`): an answer on what the office does in general does not say whether it will come; so do
  one school's trouble or results, the person's own or one named ("งบประมาณโรงเรียนลูกถูกตัด…", `ONE_SCHOOL_CASE`),
  what befell the person's child (`OWN_CHILD_CASE`), a rumour of what the office will do (`RUMOURED_PLAN`) and
  something never given, told without a question (`NEVER_GIVEN`), unless they are only the story beside a general
  question (`_case_told`);
- small talk that says what it is about is a question: English words the small-talk entry never uses ("Hello, my
  son's school closed, who do I contact?"), or a topic after "เรื่อง" ("สวัสดีค่ะ ขอถามเรื่องค่าเทอมหน่อย"), which is
  then decided alone;
- a request for a person and a question about how handing over works share their words; when the two entries
  come out close, a request word ("ขอ", "อยากให้") makes it a request, and a condition or a question about the
  reply ("ถ้าบอทตอบไม่ได้…", "…จะตอบกลับทางไหน") without one a question (`_asks_for_staff`); asking whether staff
  are there ("แอดมินอยู่ไหมคะ", `STAFF_ASKED_FOR`) is a request for a person, not a greeting, and so is bidding staff do
  something while asking nothing ("ส่งต่อ จนท ด้วยค่ะ", `_bids_staff`);
- a message of one word ("โรงเรียน") names a topic without asking anything of it, so it is offered every entry
  that word could be asked of; it is answered only when there is just one;
- small talk short of its own threshold decides nothing: when the message names one of the office's subjects,
  an FAQ entry close behind it is the question ("…ช่วยโรงเรียนเรื่องอะไรได้บ้าง" is not "what can you answer");
- an answer needs a score of at least `answer` and a clear lead over the runner-up; a close call or a
  middling score offers the top questions instead; anything lower goes to staff.

People often say who they are or why they ask before the question ("ครูบรรจุใหม่ค่ะ อยากทราบว่ากลุ่มอำนวยการ
พัฒนาครูอย่างไร"). When the whole message gets no answer, the part after its last lead-in ("อยากทราบว่า",
knowledge/scope.yaml `lead_ins`) is decided alone and used where it decides more, but only when it names one of
the office's subjects itself: "ค่าเทอมแพงมาก อยากรู้ว่าเขตดูแลเรื่องนี้ไหม" asks about what came before, and
its last part alone resembles an entry it has nothing to do with. The whole message has been checked for units
not covered first, and the numbers it names still count: a year in the context may be what the question is about.
A long message may tell a story around its question ("พรุ่งนี้ต้องไปประชุมผู้ปกครอง … กลุ่มอำนวยการนี่คืออะไรเหรอคะ
จะได้ไม่งงตอนเขาพูด"): when the whole matches nothing, its one clause with a question word and a subject is decided
alone (`_question_in_story`), unless another of its questions asks what that answer does not give.
A message that says what it does not ask ("ไม่ได้ถามว่ามีกี่ด้าน ถามว่า…", knowledge/scope.yaml `disclaimers`) names
another entry's subject in doing so; it is decided without that clause, and goes to staff when the clause says that
what is asked is not the office's own ("…ไม่ใช่ของกลุ่มอำนวยการนะ").
A message may hold several questions ("กลุ่มอำนวยการทำอะไร แล้วกระจายอำนาจคืออะไร"): when its parts, split at
question marks, line breaks or words that start a further question, are each answered alone by different entries,
one of those answers is given and the others ride along in `Verdict.also`, offered first among the buttons.
The threshold values are chosen on the evaluation set (`make eval`, see docs/thresholds.md).
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field, replace
from itertools import accumulate
from typing import Callable, Iterable, Mapping, Sequence

from models.english import ENGLISH_STOP_WORDS, in_english, is_english_word
from models.matcher import Candidate, Matcher
from models.letter import letter_body
from models.places import PLACE_ON_A_PAGE, Places
from models.text import CLOSING_PARTICLE, FILLER, MARKS, Prepared, ThaiText, fold, sound_fold, without_chat_marks


@dataclass(frozen=True)
class Thresholds:
    answer: float = 0.28
    clarify: float = 0.28
    margin: float = 0.02
    smalltalk: float = 0.5
    # The announcing small-talk entries (scope.yaml) decide from this score: "ตอบได้เรื่องไหนบ้างครับ" (what can you
    # answer) went to staff at 0.43. Below `smalltalk`, a clause of even one dictionary word none of the entry's
    # phrasings use is a matter beside them ("ถามได้ไหมคะ ค่าชุดนักเรียน"), and the message goes on as a question.
    announcing: float = 0.40
    # A small-talk match gives way to an FAQ entry scoring at least `answer` and this share of its score: the
    # question after a greeting wins, while "รู้เรื่องอะไรบ้าง" (what the bot knows) stays small talk.
    question_share: float = 0.75
    # A request for a person that clears `clarify` goes to staff: offering suggestions instead helps nobody, and
    # passing a question to staff is never a wrong answer.
    handoff: float = 0.28
    # How much of the score is lost when every content word of the message is unknown to the knowledge base.
    unknown_penalty: float = 0.8
    # Score kept by an entry when the message asks for a detail (a count, a date, a name) it never asks for.
    detail_penalty: float = 0.45
    max_suggestions: int = 3
    # A runner-up this close to the best entry that holds a word of the message the best one lacks, while the best one
    # holds none the runner-up lacks, makes the message a choice between them (`_names_more`).
    names_more_gap: float = 0.05


@dataclass(frozen=True)
class Verdict:
    status: str  # answered | clarify | smalltalk | escalated
    entry_id: str | None
    confidence: float
    suggestions: tuple[str, ...] = ()
    reason: str = ""
    candidates: tuple[Candidate, ...] = field(default=(), repr=False)
    # Other entries the same message asks for, each answering one of its other questions alone
    # (`Decider._several_questions`).
    also: tuple[str, ...] = ()


# A day of the month told in the story, after "เมื่อ" (when it happened), "ส่ง" (a homework's due date) or "ภายใน" (a
# circular's deadline): "เมื่อวันที่ ๑๕ ครูในกลุ่มไลน์พูดถึงการกระจายอำนาจ หมายถึงอะไรคะ", "…ครูให้ส่งวันที่ ๒๐" and
# "เมื่อ ๑๕ พ.ค. ไปประชุมมา…" went to staff, their numbers and "วันที่" taken as details asked (sets BJ and BL). It is left
# out before deciding; a date asked about ("วันที่ 1 พ.ค. เขตเปิดไหม") stays.
_MONTH = ("(?:ม\\.ค|ก\\.พ|มี\\.ค|เม\\.ย|พ\\.ค|มิ\\.ย|ก\\.ค|ส\\.ค|ก\\.ย|ต\\.ค|พ\\.ย|ธ\\.ค)\\.?"
          "|(?:มกรา|กุมภา|มีนา|เมษา|พฤษภา|มิถุนา|กรกฎา|สิงหา|กันยา|ตุลา|พฤศจิกา|ธันวา)(?:คม|ยน|พันธ์)?")
_DAY = "[0-9๐-๙]{1,2}(?![0-9๐-๙])"
DATE_TOLD = re.compile(
    f"(เมื่อ|ส่ง|ภายใน)\\s*(?:วันที่\\s*{_DAY}|{_DAY}\\s*(?:{_MONTH}))(?:\\s*(?:{_MONTH}))?(?:\\s*[0-9๐-๙]{{2,4}}(?![0-9๐-๙]))?"
)
# How short or in what form the answer should come, said beside the question: "ตอบสั้นๆ พอนะ", "ขอ 2-3 บรรทัดพอ",
# "แบบเป็นข้อๆ", "ไม่ต้องอธิบายยาว", "ขอแบบเข้าใจง่ายๆ นะ". Every answer is short and says what it says as it is
# written; the request asks nothing of the office, and its words, new to the phrasings, left such questions short
# of an answer (set BO). It is left out before deciding. A text to be written long or in another form is a task
# (`TASK_ASKED`), decided before.
_DIGIT = "[0-9๐-๙]"
FORM_ASKED = re.compile(
    "(?:(?:ตอบ|ขอ|สรุป|บอก|อธิบาย)\\s*)?(?:(?:แบบ|ให้|เป็น)\\s*)?"
    f"(?:(?:สั้น|ย่อ)\\s*ๆ|(?:แบบ|ให้)\\s*(?:เข้าใจ)?ง่าย\\s*ๆ|เป็นข้อ\\s*ๆ|เป็นข้อ(?:\\s*{_DIGIT}+)*"
    f"|ไม่ต้อง(?:อธิบาย)?(?:ยาว|เยอะ)|(?:ใน)?บรรทัดเดียว|{_DIGIT}(?:\\s*-\\s*{_DIGIT})?\\s*บรรทัด)(?:\\s*(?:ก็)?พอ)?"
)
# What the person will do with the answer, said after the question ("…นิยามว่ายังไงครับ จะเอาไปเขียนรายงานส่งอาจารย์",
# "…ครับ จะเอาไปติดบอร์ด"): it asks nothing of the office, and its words, new to the phrasings, left such questions short
# of an answer (set BS). A clause from "จะเอาไป" or "เพื่อเอาไป" to the end is left out with the form asked, when it asks
# nothing itself ("…เอาไปใช้ทำอะไร" asks what the data is used for).
PURPOSE_TOLD = re.compile("(?:^|\\s)(?:จะ|เพื่อ)\\s*เอาไป\\S*(?:\\s+\\S+){0,6}$")
# Numbers the person tells of themselves or their story, not asked about: an age ("ยายอายุ 72", "หนูอายุ 11 ขวบ"), how
# long they have done something ("สอนมา 20 ปี", "เป็นผู้ใหญ่บ้านหมู่ ๕ มา ๘ ปี"), a village number, and how many
# people ("นร.แค่ 40 คน"), unless "กี่" asks it. They were taken as details the entries never give (set BQ). So is the
# year of a step in the person's life ("ครูบรรจุใหม่ปี ๒๕๖๗ ค่ะ", "จบปี 65") or of when they heard or saw what they ask
# about ("ปี ๖๗ ได้ยินว่านโยบายเปลี่ยนบ่อย…"; sets BK and BR). So are an age after "วัย" or after a relative
# ("คุณปู่วัย ๙๐", "ยาย ๗๒ ปีฝากถามว่า…"), an anniversary, a class year and a monk's years ("สมาคมศิษย์เก่าครบรอบ ๕๐ ปี",
# "ศิษย์เก่ารุ่น ๒๕๓๐", "บวชมา ๑๕ พรรษา"; sets BY and BZ). So is the year of a school or fiscal year said to be
# starting or under way, or read of in the news ("ปีงบ ๒๕๖๘ จะเริ่มแล้ว อยากทราบว่า…", "ปีการศึกษา ๒๕๖๘ เปิดเทอมแล้ว…",
# "อ่านข่าวปีงบ ๒๕๖๘ แล้วสงสัย…"; set CT); not one asked of ("รายงานปีงบ 2566 มีไหม"). So are "more than" so many
# years ("ผมอ่านข่าวการเมืองท้องถิ่นมา ๑๐ กว่าปี") and how many messages or times the person has already asked
# ("ผมพิมพ์ถามไปแล้ว ๑๐ กว่าข้อความ"; set CW), and the chapter or section of what a student writes ("ต้องเขียนหัวข้อ ๓.๔
# เรื่องการคุ้มครองข้อมูล…", "บทที่ ๒ ของวิทยานิพนธ์…"; set CU). All are left out before a letter's framing is
# (`Decider.decide`).
NUMBER_TOLD = re.compile(
    "(?:อายุ|วัย)\\s*[0-9๐-๙]{1,3}(?:\\s*(?:ปี|ขวบ))?"
    "|(?:(?<=ยาย)|(?<=ตา)|(?<=ปู่)|(?<=ย่า)|(?<=แม่)|(?<=พ่อ))\\s*[0-9๐-๙]{2}\\s*ปี"
    "|ครบรอบ\\s*[0-9๐-๙]{1,3}\\s*ปี|รุ่น(?:ที่|ปี)?\\s*[0-9๐-๙]{1,4}(?![0-9๐-๙])|(?<![0-9๐-๙])[0-9๐-๙]{1,2}\\s*พรรษา"
    "|(?<![0-9๐-๙])[0-9๐-๙]{1,2}\\s*ขวบ|(?<=มา)\\s*[0-9๐-๙]{1,2}\\s*(?:กว่า\\s*)?ปี(?:แล้ว)?"
    "|(?<=แล้ว)\\s*[0-9๐-๙]{1,3}\\s*(?:กว่า\\s*)?(?:ข้อความ|ครั้ง|ข้อ)"
    "|(?:หัวข้อ|บทที่)\\s*[0-9๐-๙]{1,2}(?:\\.[0-9๐-๙]{1,2})*"
    "|หมู่(?:ที่)?\\s*[0-9๐-๙]{1,2}(?![0-9๐-๙])|(?<!กี่)(?<!กี่\\s)(?<![0-9๐-๙])\\s*[0-9๐-๙]{1,4}\\s*คน"
    "|(?:(?<=บรรจุ)|(?<=จบ)|(?<=เกิด)|(?<=ย้ายมา))\\s*(?:ใหม่\\s*)?(?:ปี|พ\\.\\s*ศ\\.)\\s*(?:พ\\.\\s*ศ\\.\\s*)?[0-9๐-๙]{2,4}"
    "|(?:^|(?<=\\s))ปี\\s*[0-9๐-๙]{2,4}(?=\\s*(?:ได้ยิน|เห็น|ฟัง))"
    "|(?<=ข่าว)ปีงบ(?:ประมาณ)?\\s*[0-9๐-๙]{2,4}"
    "|(?:(?<=ปีงบ)|(?<=ปีงบประมาณ)|(?<=ปีการศึกษา))\\s*[0-9๐-๙]{2,4}(?=\\s*(?:(?:จะ|ใกล้|กำลัง)\\s*)*(?:เริ่ม|เปิด))"
)
# The time of day or of the week said beside small talk (`Decider._small_talk_in_time`), and the season's wishes
# said with it ("ขอบคุณมากครับ สุขสันต์วันเด็กนะครับ", "ลาก่อนค่ะ สวัสดีปีใหม่ล่วงหน้านะคะ", "ขอบคุณที่ตอบนะคะ สงกรานต์นี้
# เดินทางปลอดภัยค่ะ": all went to staff; set CT).
TIME_TOLD = re.compile(
    "(?:เมื่อ)?วาน(?:นี้)?|วันนี้|พรุ่งนี้|มะรืน(?:นี้)?|ตอนนี้|เดี๋ยวนี้|(?:แต่|ตอน)?(?:เช้า|สาย|บ่าย|เย็น)(?:นี้|แล้ว)?"
    "|(?:เมื่อ)?คืน(?:นี้)?|ดึก(?:แล้ว)?|(?:อาทิตย์|สัปดาห์|เดือน)(?:หน้า|นี้)"
    "|สุขสันต์วัน(?:สงกรานต์|ปีใหม่|เด็ก|ครู|แม่|พ่อ|เกิด)|สวัสดีปีใหม่(?:ล่วงหน้า)?|(?:สงกรานต์|ปีใหม่)นี้"
    "|(?:ขอให้)?เดินทาง(?:กลับบ้าน)?(?:โดย)?ปลอดภัย|ขอให้(?:ปีนี้)?มีแต่(?:สิ่ง|เรื่อง)ดี\\S*"
)
# Where the person writes from, told before or after what they say ("สวัสดีครับ คนหลังสวนครับ", "ขอบใจจ้า คนปะทิว", "อยู่
# ม.๓ ต.นาพญา อ.หลังสวน ค่ะ กลุ่มอำนวยการ…", "ไลน์นี้ใช้ทำอะไรได้บ้างคะ พิมพ์จากท่าแซะ"): small talk with it went to staff
# as another matter, and questions, their words diluted, went to staff or to a near entry (set CS). A district
# named after a word that says so, with its village, subdistrict and "อ." before it, is left out: "อยู่" said of the
# person (first in a clause or after "ผม", "ยาย"…, not "สำนักงานเขตอยู่อำเภอสวีใช่ไหม"), "คน", "ชาว", "จาก" (not travelling:
# "จะขับรถไปจากพะโต๊ะ" asks the way) and a vendor's "ตลาด" ("แม่ค้าตลาดสวี", not "อยู่ใกล้ตลาดหลังสวนไหม"). One named
# otherwise ("ดูแลโรงเรียนในปะทิวด้วยไหม") is part of the question, and so is the place when nothing else is said.
_HOME_TOLD_BY = (
    "(?:(?<!\\S)|(?<=ผม)|(?<=ฉัน)|(?<=ยาย)|(?<=หนู)|(?<=เรา))(?:บ้าน)?อยู่(?:ที่)?|คน|ชาว"
    "|(?<!ไป)(?<!รถ)(?<!รถมา)(?:พิมพ์)?(?:มา)?จาก|(?<=ค้า)ตลาด(?:นัด)?"
)


def home_told_pattern(districts: Iterable[str]) -> re.Pattern[str] | None:
    """The pattern of a district in ``districts`` told as where the person writes from; None without districts."""
    names = "|".join(map(re.escape, sorted(districts, key=len, reverse=True)))
    if not names:
        return None
    return re.compile(
        f"(?:{_HOME_TOLD_BY})\\s*(?:(?:หมู่|ม\\.)\\s*(?:ที่)?\\s*[0-9๐-๙]{{1,2}}\\s*)?(?:(?:ต\\.|ตำบล)\\s*\\S+?\\s+)?"
        f"(?:อ\\.|อำเภอ)?\\s*(?:{names})"
    )


# How much a verdict decides: a lead-in's question replaces the whole message's verdict only where it decides more.
DECIDES = {"escalated": 0, "clarify": 1, "answered": 2, "smalltalk": 2}
# A number this long or longer (a year, an amount, a count) is a detail; "เขต 2" is part of the office's name.
NUMBER = re.compile(r"[0-9]{2,}")
# Words after which a detail word is mentioned, not asked for: "ได้ยินชื่อกลุ่มอำนวยการ" (heard the group's name), "เห็นวันที่"
# (saw the date).
MENTIONED = ("ได้ยิน", "เห็น")
# A link is mentioned, too, when it was received, shared or tapped: "ได้ลิงก์มาจากกลุ่มไลน์ผู้ปกครอง ตกลงแชตนี้ของหน่วยงานไหน"
# asks which office runs the chat, and went to staff as asking for a link (sets AK and S).
# And "ใคร" after "ไม่มี" is nobody ("…เป็นรายงานเกี่ยวกับอะไร ไม่มีใครอธิบายเลย" went to staff as asking who; set BD).
# And "ที่สุด" after "คุ้ม" asks how resources are used best, and after "เร็ว" for haste ("…ตอบกลับโดยเร็วที่สุด"), not
# which is the most of something ("…ด้านไหนสำคัญที่สุด").
MENTIONED_BEFORE = {"ลิงก์": (*MENTIONED, "ได้", "แชร์", "กด", "คลิก"), "ใคร": (*MENTIONED, "ไม่มี"),
                    "ที่สุด": ("คุ้ม", "คุ้มค่า", "เร็ว")}
# A detail word followed by one of these is another word: "ที่อยู่ใน" is "that is in", not an address ("กลุ่มอำนวยการ
# ที่อยู่ใน สพป. คือหน่วยงานอะไรคะ" went to staff as asking one; sets AY and X); "ใครรู้บ้าง" asks whoever reads
# it, not for a person ("…นี่มันคืออะไรเหรอ ใครรู้บ้าง", pasted from a parents' group chat; set CZ).
NOT_DETAIL_BEFORE = {
    "ที่อยู่": ("ใน", "ภายใน", "ภายใต้"),
    "ใคร": ("รู้บ้าง", "ทราบบ้าง", "รู้ไหม", "ทราบไหม", "รู้มั้ย", "ทราบมั้ย"),
}
# How many entries beyond the suggestions a message that asks a detail is matched against (`Decider._verdict`).
DETAIL_RANKED = 6
# A token of digits, symbols and punctuation only ("1+1", "=", "?").
NOT_A_WORD = re.compile(r"[\W\d_]+")
# Names shorter than this are abbreviations: folding would merge them ("สพฐ" would become "สพท"). Names written
# with a dot hold an abbreviation and are not folded either: "ผอ.กลุ่ม" would become "พอกลม", which "ไม่ค่อยพอ
# กลุ่มอำนวยการ" holds.
FOLD_NAMES_FROM = 6
SOUND_NAMES_FROM = 10
# In a name not covered, "…" stands for a name in between of up to this many letters: "เทศบาล…มีหน้าที่" is found in
# "เทศบาลเมืองหลังสวนมีหน้าที่".
NAME_GAP, GAP_LETTERS = "…", 20
# Where one question may end and another begin: a question mark, a line break, or a space before a word that
# starts a further question ("กลุ่มอำนวยการทำอะไร แล้วกระจายอำนาจคืออะไร"). Not "และ" or "ส่วน": the policy's own
# name holds "และ", and people type it with spaces ("การกระจายอำนาจ และ การมี ส่วนร่วม"); nor "แล้วก็", which mostly
# goes on with the same question ("มีด้านวิชาการ ด้านงบประมาณ แล้วก็ด้านไหนอีก").
QUESTION_BREAK = re.compile(r"[?？\n]+|\s+(?=แล้ว(?!ก็)|อีกเรื่อง|อีกข้อ|อีกอย่าง)")
# How a yes-or-no question ends ("…ด้วยไหมคะ", "…หรือเปล่า").
YES_NO = "(?:ไหม|มั้ย|มั๊ย|หรือเปล่า|หรือไม่|รึเปล่า|ป่ะ|ปะ)"
# Asking whether what the message says is so: "…ใช่ไหม", "…จริงไหม", "…จริงเหรอ", "…ถูกต้องไหม" (after synonyms).
CLAIM_CHECKED = re.compile(f"(?:ใช่|จริง|ถูก(?:ต้อง)?)\\s*(?:{YES_NO}|เหรอ|หรอ|ดิ)")
# A clause that says what the person already knows of a list: what follows it asks for the rest (`_question_besides`).
BESIDES = re.compile(r"(?:^|\s)นอกจาก\S*\s+(?=\S)")
# A message of this many clauses or more may tell a story around its question (`_question_in_story`); of two, when the
# question comes first and the second clause neither asks nor requests.
STORY_CLAUSES = 3
# A clause that ends in "!" (`Prepared.text` keeps one of a run) exclaims: without a subject of the office's it vents
# ("ถามใครก็ไม่มีใครรู้!!! สรุปกลุ่มอำนวยการมีหน้าที่อะไรบ้าง" went to staff; set BD) and asks nothing, however it is
# worded, and one such clause beside a question is story enough. Not one that starts with "หรือ": it puts another
# answer to the question before it ("…มีใครติดตามผลไหม หรือทำพอเป็นพิธี!!!"), whose clause alone got who may take part.
EXCLAIMED = re.compile("^(?!หรือ).*[!！]$")
# Words that ask: a clause holding one of them is a question (after synonyms: "มั้ย" is "ไหม", "เมื่อไร" is "เมื่อไหร่",
# "เท่าไร" is "เท่าไหร่"). The tokenizer keeps "ที่ไหน" and "ตรงไหน" whole, and "…ต้องสอบที่ไหน" was no question beside
# a story's.
QUESTION_WORDS = frozenset(
    "อะไร ยังไง อย่างไร ไหม หรือเปล่า ทำไม เหรอ บ้าง แค่ไหน ใคร ไหน ที่ไหน ตรงไหน หรือ กี่ เท่าไหร่ เมื่อไหร่".split()
)
# What a clause holding one of them must contain, as typed (before synonyms), to be worth preparing. "ใหม" without the
# tone mark of "ใหม่" (new) is "ไหม" mistyped.
QUESTION_TEXT = re.compile("ไร|ไง|พรือ|ไหม|ใหม(?!่)|มั้ย|มั๊ย|ไม๊|เปล่า|ป่าว|ป่ะ|ปะ|ทำไม|เหรอ|บ้าง|ไหน|ไหร|ใคร|หรือ|ใด|กี่")
# Words after which a message says what it is about ("สวัสดีค่ะ ขอถามเรื่องค่าเทอมหน่อย").
TOPIC_MARKERS = frozenset({"เรื่อง", "เกี่ยวกับ"})
# Words that make a noun of the word after them: the topic is that word ("เรื่องการย้ายครู").
NOUN_MAKERS = frozenset({"การ", "ความ"})
# A request for a person and a question about how handing over works, when the two entries come out this close
# (`_asks_for_staff`): words that make a request, and words that ask about the process. At 0.1, "ถ้าระบบตอบไม่ได้ จะมี
# เจ้าหน้าที่ตอบกลับไหม" went to staff as a request (six held-out items); 0.2 and 0.3 decide every set alike.
HANDOFF_CLOSE = 0.3
# Not "ขอบคุณ", "ขอทราบ"…, nor "ข้อมูล" typed without its mark ("ระหวางรอเจาหนาทีตอบ พิมพ์ขอมูลเพิมไดไหม"; sets CU
# and CW).
REQUESTED = re.compile("ขอ(?!บ|ง|โทษ|ความ|ทราบ|ถาม|สอบถาม|มูล)|อยากให้|รบกวนให้|บอกให้|ช่วย|ต้องการ")
# A request supposed or told of, not made: "ถ้าขอคุยกับเจ้าหน้าที จะได้คำตอบกลับทางไหนคะ", "พิมพ์ขอคุย จนท. ไปแล้ว
# เรื่องจะไปไหนต่อคะ" ask how handing over works (sets DA and DB; they went to staff as requests).
NOT_REQUESTING = re.compile(f"(?:ถ้า|หาก|พิมพ์|กด)(?:{REQUESTED.pattern})")
PROCESS_ASKED = re.compile("ถ้า|หาก|ตอบกลับ|ทางไหน|ขั้นตอน|ยังไง|อย่างไร")
# A bidding: a message that opens with "ให้" (let/have someone…) or "ช่วย" (help…), or ends with "ด้วย", "หน่อย", "ที"
# (please) or "เลย" (just do it), said to or of staff or a person (`_bids_staff`).
BIDDING = re.compile("^(?:ให้|ช่วย)|(?:ด้วย|หน่อย|เลย|(?<!หน้า)ที)(?:นะ)?$")  # not the end of "เจ้าหน้าที" typed without its mark
STAFF_WORDS = frozenset({"เจ้าหน้าที่", "คน", "พนักงาน", "คนจริง"})
# Deleting: only staff can delete a person's data, and the privacy answer tells the person to ask them, so deleting
# spoken of without a question ("ช่วยลบข้อมูลแชทของฉันด้วยค่ะ", "อยากลบประวัติแชต") is asked of staff, though it names none
# (not "หลบ", to go back, in dialect).
DELETING = re.compile("(?<!ห)ลบ")
# Deleting bidden with "ช่วย" (please) is asked of staff even when it ends "ได้ไหม" (could you): "ช่วยลบประวัติแชทของผม
# ตอนนี้เลยได้ไหม" got the privacy answer, which only says to ask staff. A condition or asking how is still asked about
# deleting ("ถ้าจะให้ช่วยลบ ต้องทำยังไง").
DELETING_BIDDEN = re.compile("(?:ช่วย|รบกวน)(?:ทำการ)?ลบ")
HOW_OR_IF = re.compile("ถ้า|หาก|ยังไง|อย่างไร|ทำไง|พรือ|ขั้นตอน|วิธี")
# Asking to be told something, not bidding anyone do it: "รบกวนอธิบายขั้นตอนการส่งต่อเรื่องให้เจ้าหน้าที่หน่อยค่ะ" went to
# staff as a bidding, by "เจ้าหน้าที่" and "หน่อย".
EXPLAINING = re.compile("อธิบาย|ชี้แจง|สรุป")
# Saying that no one has answered or called back yet ("ส่งเรื่องไปแล้ว 3 วัน ยังไม่มีใครตอบเลย", "ยังไม่มีใครติดต่อกลับเลย"), or
# that the bot answers nothing ("ตอบไม่ได้สักอย่าง"): a nudge for staff, which joins the person's open ticket. It got the
# explanation of how handing over works.
NOT_ANSWERED = re.compile(
    "ไม่มี(?:ใคร|คน|เจ้าหน้าที่)(?:มา)?(?:ตอบ|ติดต่อ|โทร)|ยังไม่(?:ได้)?(?:ตอบ|ได้คำตอบ|ติดต่อ|โทร)|ไม่ตอบ(?:สัก)?(?:ที|เลย)"
    "|ตอบไม่ได้(?:สัก(?:อย่าง|เรื่อง|ข้อ)|เลย)"
)
# Questions that only complain, beside a nudge: why, and how anyone works.
RHETORICAL = re.compile("ทำไม|ทำงาน(?:กัน)?(?:ยังไง|อย่างไร|แบบไหน)")
# Whether a person or a program answers: "คน" (a person, maybe "คนจริง") and a program on either side of "หรือ" (or),
# spaces and dots dropped ("นี่คนตอบหรือบอทตอบคะ", "คุยกับคนหรือคุยกับบอท"). With a request word (`REQUESTED`: "ขอคนตอบ
# ไม่ใช่บอทได้ไหม") or a refusal (`REFUSED`: "ไม่เอาบอท") it asks for a person.
_PROGRAM = "(?:บอท|bot|ระบบ|โปรแกรม|ai|เอไอ|หุ่นยนต์|แชทบอท|แชตบอท|chatbot)"
# "บอทตอบเองหรือมีแอดมินนั่งพิมพ์คะ" (set BI): staff by any of their names, answering themselves or there.
_PERSON = "(?:คน|แอดมิน|เจ้าหน้าที่)"
BOT_OR_PERSON = re.compile(
    f"{_PERSON}(?:จริง)?(?:ๆ)?(?:ตอบ|พิมพ์)?(?:เอง)?(?:อยู่)?(?:หรือ|รึ)(?:เป็น|คุยกับ|กับ|มี)?{_PROGRAM}"
    f"|{_PROGRAM}(?:ตอบ|พิมพ์)?(?:เอง)?(?:อยู่)?(?:หรือ|รึ)(?:เป็น|คุยกับ|กับ|มี)?{_PERSON}"
    f"|คุย(?:อยู่)?กับ{_PROGRAM}(?:อยู่)?(?:ใช่ไหม|ใช่มั้ย|ใช่ป่ะ|หรือเปล่า|รึเปล่า|เหรอ|หรอ)"  # "คุยกับบอทอยู่ใช่ไหมคะ" (set BI)
    f"|{_PROGRAM}(?:นี้|นี่)?เป็นคน(?:จริง)?ๆ?(?:หรือ|รึ|ไหม|มั้ย|ป่าว|ปะ|ใช่)"  # "บอทเป็นคนหรือเปล่า" got whose service this is (set BB)
)
REFUSED = re.compile("ไม่เอา|ไม่อยาก|ไม่ต้องการ|ไม่ใช่")
# "And what about …?" alone ("แล้วด้านงบล่ะ", "แล้วของโรงเรียนผมล่ะครับ"): it asks about the message before it, which
# staff see and the bot does not. Got the entry its one word resembled.
FOLLOW_UP = re.compile(r"แล้ว.{1,24}(?:ล่ะ|หละ)")
# Asking to have something explained again or further ("อธิบายง่ายๆ อีกทีได้ไหมคะ", "อธิบายเพิ่ม") without naming a
# subject of the office's, or asking only about what was sent ("ทีสงมาหมายความวายังไงคะ"): it refers to a message the
# bot does not see, a broadcast or its own last answer, which already said what it could. Got the entry its framing
# words resembled (sets BU, BX, CD). So is asking for more details of it ("ขอรายละเอียดเพิ่มเติมเกี่ยวกับเรื่องนั้นได้ไหม"
# got how handing over works; sets CU and CX).
EXPLAIN_AGAIN = re.compile("(?:อธิบาย|ชี้แจง|ขยายความ|บอก|ขอรายละเอียด).{0,16}?(?:อีกที|อีกครั้ง|อีกรอบ|ใหม่|เพิ่ม)")
WHAT_WAS_SENT = re.compile("(?:^|ที่|ที)\\s*(?:ส่ง|สง|แจ้ง|โพสต์|โพส)\\s*มา")
# "ตกลงครับ" alone agrees, as "โอเคครับ" does; the word also opens a question ("ตกลงแชตนี้ของใครคะ": so, …), and one
# such phrasing gave it the answer on whose service this is (set BZ). Alone, or with "ตามนั้น", it is "okay"; so it is
# after a sound of assent ("อืม ตกลงจ้ะ" got whose service this is; set CL).
AGREED = re.compile(r"(?:(?:อืม|อ๋อ|เออ|โอเค)\s*)?ตกลง(?:ตามนั้น|กัน(?:ตามนั้น)?)?\s*(?:นะ)?")
# The word with which small talk is passed on for someone else ("แม่ฝากขอบคุณค่ะ", `_relayed_small_talk`).
# "บอก" (says) passes small talk on too ("แฟนบอกแต๊งกิ้วค่ะ", set BY) and is left out; "ฝาก" stays, as small-talk words
# hold it ("ฝากขอบคุณ").
RELAYED = re.compile("(?=ฝาก)|บอก(?:ว่า)?")
RELAYED_SENDER_WORDS = 4  # "ผู้ปกครอง|ใน|กลุ่ม" sends thanks; a longer opening tells something else
# The longest remark, in letters, that says where the person is off to beside thanks or goodbye (`_with_remark`).
LEAVING_LETTERS = 24
# Words that make a remark after thanks more than thanks: a complaint or a matter may follow (`_with_remark`).
# "…เข้าใจผิด…" (misunderstood) tells of a matter. A remark word that holds one of them ("ไม่ต้องตอบ", no need to answer)
# is left out before looking (`Decider._with_remark`).
NOT_ONLY_THANKS = re.compile("ไม่|แต่|ยัง|ผิด")
# Asking whether a member of staff is there ("แอดมินอยู่ไหมคะ"), or asking for the admin or staff ("ขอแอดมินค่ะ",
# "ไม่ต้องตอบอัตโนมัติ ขอเจ้าหน้าที่ตอบค่ะ", which got what the service can do; set BK), asks for a person. Alone,
# "แอดมิน" only addresses whoever reads ("สวัสดีค่ะแอดมิน", a filler word in models/text.py), which left "อยู่ไหมคะ",
# the greeting, and "ขอ", asking whether one may ask.
STAFF_ASKED_FOR = re.compile(
    "(?:แอดมิน|แอด|เจ้าหน้าที่|จนท|คนจริง|พนักงาน)[. ]*(?:ค่ะ|คะ|ครับ|คับ)?[. ]*(?:ยัง)?อยู่ *"
    "(?:ไหม|มั้ย|มั๊ย|ไม๊|ป่าว|ปะ|รึเปล่า|หรือเปล่า|หรือป่าว)"
    "|ขอ *(?:คุยกับ *|สาย *|ติดต่อ *|พูดกับ *)?(?:แอดมิน|เจ้าหน้าที่|จนท|คนจริง)"
)
# Details that ask when something happens: no entry whose phrasings never ask it gives a date or a time. After synonyms
# ("ตอนไหน" and "เมื่อไร" are "เมื่อไหร่"). And where: "เวทีแลกเปลี่ยนเรียนรู้ขององค์คณะบุคคลจัดที่ไหนครับ" got the entry on the
# bodies, which names no place (sets AD, AU and CJ). Not "ตรงไหน", which also asks where in a process ("ส่งต่อเจ้าหน้าที่แล้ว
# ต้องรอคำตอบตรงไหน" is answered by the entry on handing over). Since when, too: "ระบบนี้เริ่มเก็บข้อมูลตั้งแต่เมื่อไหร่ครับ" got
# the privacy entry, whose phrasings ask when messages are deleted (set CJ).
WHEN_OR_WHERE_ASKED = frozenset({"เมื่อไหร่", "ช่วงไหน", "วันไหน", "วันที่", "วันอะไร", "เดือนไหน", "เดือนอะไร",
                                 "กี่โมง", "ครั้งหน้า", "ครั้งต่อไป", "รอบหน้า", "ตั้งแต่เมื่อไหร่", "ที่ไหน"})
# Details that ask how to reach someone: only an entry whose phrasings ask them gives one ("email ของกลุ่มอำนวยการคือ
# อะไรคะ จะส่งไฟล์ไป" got what the group is; set CO).
CONTACT_ASKED = frozenset({"อีเมล", "เบอร์", "ลิงก์"})
# Details no entry gives unless its phrasings ask them (`Decider._detail_factor`, once per candidate).
GIVEN_ONLY_WHERE_ASKED = WHEN_OR_WHERE_ASKED | CONTACT_ASKED
# "This" (the chat, the LINE account, here), as a question about whose service this is says it (`_tells_offices_apart`),
# or asks whom the person is talking with now ("ตกลงคุยอยู่กับ สพป. หรือ สพม. กันแน่" went to staff; set BD); not
# "อยากคุยกับ…", whom they should talk with.
_TALKING_WITH = "คุยอยู่กับ|กำลังคุยกับ"
THIS = re.compile(f"นี้|นี่|{_TALKING_WITH}")
# Why such a question gets `whose_service_entry` whatever else it resembles ("นี่ สพม หรือ สพป" got the address entry),
# when its "this" is the service: "นี่" (here), the chat or LINE account named with "นี้", or whom the person is talking
# with. Not "เขตนี้" (this area): "หลานจะขึ้น ม.1 ต้องติดต่อ สพม. หรือเขตนี้คะ" asks which office to go to.
WHOSE_SERVICE = "whose-service"
# Why a message that names or asks what the office's pages do not cover goes to staff.
NOT_COVERED = "not-covered"
# The chat as people name it: the LINE account, the chat, the bot, the page, the channel.
_CHAT = "ไลน์|line|แชต|แชท|บอท|เพจ|ช่องทาง"
THIS_SERVICE = re.compile(f"นี่|(?:{_CHAT}|บริการ|ระบบ|ถามตอบ|ถาม-ตอบ)นี้|{_TALKING_WITH}")
# Asking, or checking, whose this service is ("บอทนี้ของ สพป.ชุมพร เขต ๑ ใช่ไหมคะ", "แชตนี้เป็นของ สพม.ชุมพร ใช่ไหม",
# "ที่พิมพ์คุยอยู่นี่ใช่ของเขต…หรือเปล่า"): "this" (`THIS_SERVICE`) right before "ของ". Naming another office, they went
# to staff as questions about it; naming this one, they found no entry (set BP). The chat may be named between ("นี่ไลน์
# ของ อบต. หรือเปล่าจ๊ะ" got who may take part in education; set CN). Not "ของจริง" (genuine): "…จะโทรไปเช็ค
# ว่าแชทนี้ของจริงไหม" asks for the phone number.
OWNED_ASKED = re.compile(
    f"(?:{THIS_SERVICE.pattern})\\s*(?:ใช่|เป็น|คือ)?\\s*(?:{_CHAT})?\\s*ของ(?!จริง|ปลอม)"
)
# The group named with what it belongs to, to say which group is meant ("กลุ่มอำนวยการ สังกัดกระทรวงศึกษาธิการ มีหน้าที่
# อะไร", "กลุ่มอำนวยการของกระทรวงศึกษาธิการมีหน้าที่อะไรบ้าง", "กลุ่มอำนวยการ สพป.ชุมพร เขต 2 สังกัด สพฐ."): the ministry
# or OBEC, not covered, is named as the owner, not as what is asked: it is left out where `_decide` looks for names not
# covered. Only "สังกัด" for OBEC: "กลุ่มอำนวยการของ สพฐ. ส่วนกลาง" is OBEC's own.
_MINISTRY = r"(?:กระทรวงศึกษาธิการ|กระทรวงศึกษา|ศธ\.?)"
# Asking after someone's health ("สวัสดีค่ะ สบายดีไหมคะ") greets; it is not the judgement "ดีไหม" that scope.yaml's
# not_covered lists, and is read as "สบายไหม" where `_decide` looks for names not covered (spaces, left out there,
# would join "สวัสดี" to what follows it).
HOW_ARE_YOU = re.compile("สบายดี")
OWNER_NAMED = re.compile(
    r"(กลุ่มอำนวยการ(?:เขตพื้นที่)?(?:\s*(?:ของ\s*)?(?:สพป\.?\s*ชุมพร\s*)?เขต\s*(?:2|พื้นที่))?)\s*"
    rf"(?:(?:ใน)?สังกัด\s*(?:ของ\s*)?(?:{_MINISTRY}|สพฐ\.?|สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน)|ของ\s*{_MINISTRY})"
)
# Why a message written in English goes to staff (the bot's reply then says so in English too).
IN_ENGLISH = "in-english"
# A text the person asks the bot to write or translate for them ("ช่วยแปลหน้าที่กลุ่มอำนวยการเป็นภาษาอังกฤษให้หน่อย" got
# the duties in Thai, "ช่วยเขียนเรียงความ 2 หน้าเรื่องการกระจายอำนาจ" what decentralisation means), or an answer in another
# language: the bot only gives the office's Thai answers, so staff say what they can do (reason `TASK`). So is homework
# to be made or written long: a poem, a mind map, "ยาวๆ", half a page ("แต่งกลอนเรื่องการมีส่วนร่วม…" got what
# participation means, "…อธิบายแต่ละด้านให้ยาวๆ ด้านละครึ่งหน้าเลย" the four areas; set BB), or a report or homework
# to be done for them ("ช่วยทำรายงานให้หน่อย" got the 2565 report; set BK). So is an answer to be made into a song, a
# tale or a speech, put in a dialect or a table, or read aloud ("แต่งเป็นเพลงสั้นๆ เรื่องหน้าที่กลุ่มอำนวยการ…" and
# "อ่านออกเสียงให้ยายฟังหน่อย…ว่ากลุ่มอำนวยการมีหน้าที่อะไร" got the duties; set BO), unless the person offers it as
# one choice ("ขอเป็นตารางหรือเป็นข้อก็ได้"). Not an essay, a page or a few lines: "ครูให้เขียนเรียงความ", "ต้องทำ
# สไลด์ 1 หน้า" and "สรุปเป็น 3 บรรทัด" say what the answer is for (sets AB, AG); an essay bidden ("เขียนเรียงความ
# เรื่อง…ให้หน่อย 1 หน้า") is a task. So are study aids to be made: a mnemonic, rhymes or tips to learn by heart,
# flash cards, notes, a SWOT analysis or exam questions ("ช่วยคิดคำย่อให้จำการกระจายอำนาจ 4 ด้านหน่อยค่ะ" got the four
# areas, "วิเคราะห์ SWOT ของกลุ่มอำนวยการเขตให้หน่อยครับ" the duties; set BS), a quiz of the person ("ถามทดสอบความรู้
# เรา…"; not of the bot: "ทดสอบความรู้ กลุ่มอำนวยการ…" asks), and slides bidden ("ทำเป็นสไลด์…ให้หน่อย", set BO); so
# is the answer as a rap or a tale with words between ("สรุปเรื่องการกระจายอำนาจเป็นเพลงแร็ปให้ที", "เล่าหน้าที่ของ
# กลุ่มอำนวยการเป็นนิทานให้เด็ก ป.1 ฟังหน่อย"), or a logo drawn (set CA). Not "…ไว้ทำ SWOT" (what it is for), an
# abbreviation asked about, nor who sets exams ("เขตเป็นคนออกข้อสอบปลายภาคให้โรงเรียนด้วยหรือเปล่าคะ").
_FOR_ME = "ให้(?:หน่อย|ที(?!่)|ด้วย)"  # "…ให้หน่อย", bidden; not "ให้ที่ประชุม"
TASK_ASKED = re.compile(
    "ช่วย(?:แปล|เขียน|แต่ง(?!ตั้ง)|ร่าง|ทำ(?:รายงาน|การบ้าน))|แปล.{0,40}?เป็นภาษา"
    "|เป็นภาษา(?:อังกฤษ|จีน|ญี่ปุ่น|เกาหลี|มลายู|พม่า|ลาว|เขมร|อื่น|ใต้|อีสาน|เหนือ|ถิ่น|คำเมือง)"
    "|(?:แต่ง|เล่า|เขียน)(?:เป็น)?(?:กลอน|เพลง|นิทาน)|เป็น(?:กลอน|เพลง|แร็ป|แรป|นิทาน|บทกวี)|วาด(?:รูป|ภาพ|โลโก้)"
    "|เขียน(?:สุนทรพจน์|คำกล่าว|บทพูด)|อ่านออกเสียงให้"
    "|เป็นตาราง(?!\\S{0,4}หรือ)|ทำ ?(?:mind ?map|มายด์แมพ|แผนผังความคิด)|ยาว ?ๆ|ครึ่งหน้า"
    f"|(?:เรียงความ|สไลด์).{{0,60}}?{_FOR_ME}|คิดคำย่อ|คำย่อ(?:ให้|ช่วย)?จำ|จำง่าย|คล้องจอง"
    "|(?:เทคนิค|วิธี|เคล็ดลับ)(?:การ)?(?:ท่อง|จำ)|แฟลช ?การ์ด|flash ?card|ทำโน้ต|โน้ตย่อ|วิเคราะห์ ?swot|ช่วยออกข้อสอบ"
    "|ทดสอบความรู้(?:เรา|ผม|หนู|ฉัน|ดิฉัน|ให้)|ถามมาทีละข้อ"
    f"|(?<!คน)ออกข้อสอบ.{{0,30}}?(?:{_FOR_ME}|ให้\\s*{_DIGIT})",
    re.IGNORECASE,
)
TASK = "task"
# The bot's own opinion asked ("ส่วนตัวคุณว่ากลุ่มอำนวยการทำงานดีหรือแย่", "คิดยังไงกับนโยบายการศึกษาของรัฐบาลชุดนี้" got
# the duties and planning entries; set CA): the office's documents hold facts, not the bot's views.
OPINION_ASKED = re.compile(
    "(?:คุณ|บอท|เธอ)(?:คิด)?ว่า(?:ไง|ยังไง|อย่างไร|\\S{0,40}?(?:ดี|แย่|ควร))|คิด(?:ยังไง|อย่างไร|ว่าไง)กับ|ความเห็นส่วนตัว"
    # Which of two to choose ("ถนนหน้า รร. พัง แจ้ง อบต. หรือเขตดีคะ" got who may take part; set DA).
    "|หรือ\\s*\\S{1,25}?ดี(?:กว่า)?\\s*(?:คะ|ครับ|ค่ะ|คับ|จ้า)?$"
)
# The office as people name it in the patterns below (spaces and dots dropped): the area, its office, the group.
_OFFICE = "(?:เขต|สพป|สำนักงาน|กลุ่มอำนวยการ)"
# The office bidden to come and act on the person's own case ("อยากให้เขตมาตรวจโรงเรียนลูก ทำยังไง", "ขอให้เขตมาติดตามผล
# โรงเรียนวัดในหมู่บ้านหน่อยค่ะ"): both got the inspection answer, which says what the group does in general, not whether
# or how it will come. Only staff can say (reason `ACTION`). Spaces and dots dropped; not "มาตรฐาน" or "มาก".
ACTION_ASKED = re.compile(f"(?:อยาก|ขอ|ต้องการ|รบกวน)(?:จะ)?ให้(?:ทาง)?(?:{_OFFICE}|ผอ).{{0,40}}?มา(?!ตรฐ|ก)")
# So is bidding it do one thing for the person ("กลุ่มอำนวยการช่วยประสานกับ อบต. ให้ได้ไหม" got who may take part in
# education); not "ช่วยดูแล", which the office does for every school, nor asking how it helps ("…ช่วยประสานงานให้โรงเรียน
# ยังไง").
ACTION_BIDDEN = re.compile(f"{_OFFICE}ช่วย(?:ไป|มา)?(?:ประสาน|ติดต่อ|คุย|จัดการ|ตรวจสอบ|ดู(?!แล)|เจรจา|พูด)"
                           ".{0,30}?ให้.{0,20}?(?:ได้(?:ไหม|มั้ย|ไม๊|หรือเปล่า|หรือไม่)|หน่อย|ด้วย)")
ACTION = "action"
# One school in trouble or closing, its results, or how much or when for it: the person's own ("งบประมาณโรงเรียนลูก
# ถูกตัด เขตดูแลไหม", "วัสดุอุปกรณ์ที่โรงเรียนลูกไม่พอ ขอเขตได้ไหม", "อยากขอดูผลการตรวจสอบโรงเรียนของเรา", "เขตจะจัดสรรงบให้
# โรงเรียนลูกเท่าไหร่", "แผนพัฒนาการศึกษาของเขตทำให้โรงเรียนลูกต้องปิดใช่ไหม") or one named ("ผอ.โรงเรียนบ้านนาบอกว่าเขตไม่ให้งบ
# จริงไหม"), or getting less than others ("ทำไมโรงเรียนเราได้น้อยกว่าโรงเรียนอื่น", set BD). They got the answers on how
# the group manages resources, follows schools up and plans, which say nothing of one school's case, so staff answer
# (reason `OWN_CASE`). Told beside a general question ("โรงเรียนผมครูไม่พอ อยากทราบว่ากลุ่มอำนวยการพัฒนาครูอย่างไร"), the
# case is the story that leads to it (`Decider._case_told`); not knowing or not understanding ("ไม่เข้าใจ") is no trouble,
# and evaluating is no result ("เขตมาประเมินผลโรงเรียนลูกทำไม" asks why schools are evaluated). Spaces and dots dropped
# ("ร.ร." is "รร"). "โรงเรียนของลูกหลาน" is any family's school, "โรงเรียนบ้านนอก" any rural one, and "โรงเรียนวัดผล…" a
# school measuring.
_ONE_SCHOOL = "(?:โรงเรียน|รร)(?:ของ)?(?:ลูก(?!หลาน)|หลาน|เรา|หนู|ผม|ฉัน|ดิฉัน|บ้าน(?!นอก)|วัด(?!ผล))(?!สาว|ชาย|ศิษย์)"
_CASE = ("(?:ไม่(?!รู้|เข้าใจ|แน่ใจ|ค่อยเข้าใจ)|ถูกตัด|โดนตัด|หายไป|ขาด|พัง|รั่ว|ยุบ|ปิด|ควบรวม"
         "|(?<!ประเมิน)(?<!ติดตาม)ผล(?:การ|ประเมิน|ตรวจ|สอบ|คะแนน|ของ)"
         "|น้อยกว่า|เท่าไหร่|เท่าไร|กี่|เมื่อไหร่|เมื่อไร|วันไหน|ช่วงไหน)")
ONE_SCHOOL = re.compile(_ONE_SCHOOL)  # the person's own school, or one named (`Decider._several_questions`)
ONE_SCHOOL_CASE = re.compile(f"{_ONE_SCHOOL}.{{0,30}}?{_CASE}|{_CASE}.{{0,40}}?{_ONE_SCHOOL}")
# So is what befell the person's child ("ลูกไม่ได้เรียนเพราะครูไปอบรมบ่อย เขตรู้ไหม" got the answer on developing teachers);
# not a grandchild in "ลูกหลาน" (any family's children), an employee ("ลูกจ้าง"), "ถูกต้อง" (right) or what befell the
# child's school ("โรงเรียนลูกเพิ่งถูกประเมิน", which `ONE_SCHOOL_CASE` reads).
OWN_CHILD_CASE = re.compile("(?<!โรงเรียน)(?<!รร)(?:ลูก(?!หลาน|จ้าง|ศิษย์|ค้า)|(?<!ลูก)หลาน)(?:สาว|ชาย|ผม|ฉัน|ดิฉัน|หนู)?.{0,8}?"
                            "(?:โดน|ถูก(?!ต้อง)|ไม่ได้|ไม่ยอม|ไม่อยาก)")
# So is a school or someone in it turning the person or their help down ("อบต.บ้านเราอยากช่วยโรงเรียน แต่ผอ.ไม่ให้ ทำยังไงดี"
# got who may take part in education, which says nothing of one school's refusal).
REFUSED_BY_SCHOOL = re.compile("(?:ผอ|ครู|โรงเรียน|รร).{0,12}?ไม่(?:ให้|ยอม|อนุญาต|รับ)")
# So is what a teacher did to the person's child ("ครูประจำชั้นลูกดุลูกทุกวันแบบนี้ทำยังไงดี" went to staff only as a question
# no entry answers, and beside a question an entry answers it was lost), or to a child who was hit, scolded or punished
# ("ดิฉันเป็นแม่ของเด็กที่โดนครูตีค่ะ" was read as an introduction after a greeting, and got the greeting back).
_PUNISHED = "(?:ดุ|ตี|ด่า|ทำโทษ|ลงโทษ|แกล้ง|ทำร้าย)"
TEACHER_TO_CHILD = re.compile(f"ครู.{{0,15}}?(?:{_PUNISHED}|ไม่สนใจ|ไม่ดูแล)(?:ลูก|หลาน)(?!หลาน)|(?:โดน|ถูก)ครู.{{0,10}}?{_PUNISHED}")
# And so is asking what to do about something ("ครูลูกไปอบรมบ่อยจนไม่ได้สอน ทำไงดี"): only the person's own situation is
# asked of that way; what the office does next is asked "…ทำยังไงต่อ".
ADVICE_SOUGHT = re.compile("ทำ(?:ยัง|อย่าง)?ไงดี|ทำอย่างไรดี")
# So is asking how far the person's own matter has got ("ส่งต่อเจ้าหน้าที่ไปตั้งแต่เมื่อวาน เรื่องของฉันถึงไหนแล้ว" got how
# handing over works; set BD): only staff know (reason `OWN_CASE`).
PROGRESS_ASKED = re.compile("ถึงไหนแล้ว|ไปถึงไหน")
OWN_CASE = "own-case"
# A rumour of what the office will do, asked to be confirmed ("ได้ยินว่าเขตจะตัดงบโรงเรียนเล็ก จริงไหมคะ" got the answer on
# managing resources): the documents say what the office does, not what it plans (reason `RUMOUR`). Rumours about what
# it does are answered ("เพื่อนบอกว่ากลุ่มอำนวยการไม่มีหน้าที่ประสานงาน… จริงไหม").
# The office may be what the plan is done to, too ("ได้ยินว่าจะย้ายสำนักงานไปหลังสวนจริงเปล่า").
RUMOURED_PLAN = re.compile(f"(?:{_OFFICE}(?:ก็|เขา|เค้า)?จะ|จะ(?:ย้าย|ยุบ|ปิด|รวม|ตัด|เปลี่ยน|ยกเลิก).{{0,6}}?{_OFFICE}).{{0,40}}?"
                           "จริง(?:ไหม|มั้ย|หรือเปล่า|รึเปล่า|เปล่า|เหรอ|หรอ|ป่าว|ปะ|ป่ะ|หรือไม่)")
RUMOUR = "rumour"
# Something never given, told without a question ("ครูในหมู่บ้านบอกว่าไม่เคยได้รับการพัฒนาจากเขตเลย" got the answer on
# developing teachers): a complaint, for staff (reason `COMPLAINT`). Never having heard of or known something is no
# complaint ("…ไม่เคยได้ยินเลย" beside a question).
NEVER_GIVEN = re.compile("ไม่เคย(?!ได้ยิน|รู้|ทราบ|เห็น|ฟัง)")
# So is criticism told without a question ("กลุ่มอำนวยการทำงานเป็นทีมไม่ดีเลย ติดต่อไปก็โยนกันไปมา" got how its members work
# together). Asked about ("ถ้าครูในเขตยังสอนได้ไม่ดี กลุ่มอำนวยการมีส่วนช่วยพัฒนาครูไหม") it is the question's story.
# Unfairness told is criticism too ("กลุ่มอำนวยการแบ่งงบไม่เป็นธรรมเลย" got managing resources; set CW's
# "เขตจัดสรรงบไม่เป็นธรรม โรงเรียนเล็กในตำบลผมไม่ได้อะไรเลย" still does, its "อะไร" read as a question).
CRITICISM = re.compile(
    "ไม่ดี|แย่(?!ง)|ห่วย|โยนกัน|ช้ามาก|ช้าจัง|ไม่ได้เรื่อง|ผิดหวัง|ไม่เอาไหน|ไม่เป็นธรรม|ไม่ยุติธรรม|ลำเอียง"
)
# And so is asking why the office does not do something ("ทำไมเขตไม่ส่งเสริมให้ชุมชนมีส่วนร่วมเลย" got how it supports
# participation, "เขตประเมินผลโรงเรียนแล้วไม่บอกผู้ปกครอง ทำไม" why it evaluates schools): the answers say what it does.
# Asked "ทำไมเขตไม่…" it asks about the complaint (`_case_asked`); told first and asked after ("…ไม่…ทำไม") it may be a
# doubt the question answers ("กลุ่มอำนวยการไม่มีก็ได้ไม่ใช่เหรอ ทำไมต้องมี"). So is asking why no one picks up, cares or
# comes ("การทำงานเป็นทีมของกลุ่มอำนวยการเป็นยังไง ทำไมติดต่อไปไม่มีใครรับสายเลย", found by probing: how the members work
# together); not answering or calling back, a nudge for staff (`NOT_ANSWERED`).
WHY_NOT = re.compile(
    f"ทำไม(?:ทาง)?{_OFFICE}(?:ถึง|จึง|เขา|เค้า)?(?:ยัง)?ไม่|ทำไม.{{0,20}}?ไม่มีใคร(?:รับ|สนใจ|ดูแล|มา(?!ตอบ|ติดต่อ|โทร))"
)
# A disclaimer (its marks maybe missing) that says what is asked is not the office's own, matched where the disclaimer's
# clause starts; not "ไม่ใช่เขต 1", another district's number (`Decider._disowns_the_office`).
NOT_THE_OFFICES = re.compile(f"\\s*ไม่?\\s*ใช่?\\S*?{_OFFICE}(?!\\s*[0-9])")
# The latest or the present state asked about, against an earlier one ("ตั้งแต่ปี 2565 มาถึงตอนนี้ เรื่องการกระจายอำนาจมีอะไร
# เปลี่ยนไปบ้าง" got the 2565 report; set BL): the pages tell one state, undated, and not whether it has changed since.
# Not "เปลี่ยนไปเปลี่ยนมา" (back and forth: "นโยบายเปลี่ยนไปเปลี่ยนมา…" is the challenge of changing policy). So is what
# is new or has grown ("ปี 67 มีเครือข่ายความร่วมมือใหม่เพิ่มไหมครับ" got the networks; set BL).
LATEST_ASKED = re.compile(
    "ล่าสุด|เปลี่ยน(?:แปลง)?ไป(?:แล้ว|บ้าง)|ยังเป็น.{0,20}?อยู่(?:ไหม|มั้ย|หรือเปล่า|ป่าว)|ใหม่\\s*เพิ่ม|เพิ่ม\\s*ใหม่"
    "|เพิ่มขึ้นหรือลดลง"
)
# A result asked: how an assessment came out, what level or score it gave, whether something passed ("ในรายงานการ
# กระจายอำนาจปี 2565 ผลประเมินออกมาระดับไหน" got the 2565 report, "…ผลประเมินของโรงเรียนนี้ออกมาเป็นยังไงคะ" the
# inspection answer; sets AU and BS). The pages say how the office assesses, never what came out. So are when results are
# told and whether a target was met ("เมื่อไหร่เขตจะส่งข้อความแจ้งผลการประเมินครับ" got the privacy answer, "สรุปปีงบ 2565
# เขตทำเรื่องกระจายอำนาจได้ตามเป้าไหมครับ" the 2565 report; set BX).
RESULT_ASKED = re.compile(
    "ผล(?:การ)?ประเมิน.{0,40}?(?:กี่|เท่าไ|ระดับ(?:ไหน|อะไร|ไหร)|ผ่าน(?:ไหม|มั้ย|หรือ|กี่)|เป็น(?:ยัง)?ไง|อันดับ"
    "|ออก(?:มา)?(?:เป็น|ยัง|หรือยัง|รึยัง|ระดับ))|ผลออกมา(?:เป็น)?(?:ยัง)?ไง|ผ่านหรือไม่ผ่าน|แจ้งผล(?:การ)?ประเมิน|ได้ตามเป้า"
)
# What something comes under, asked ("โรงเรียนเอกชนขึ้นกับเขตไหม", "กลุ่มอำนวยการสังกัดกระทรวงมหาดไทยใช่มั้ย",
# "ศูนย์พัฒนาเด็กเล็กของ อบต. อยู่ในสังกัดเขตไหมครับ", "…ขึ้นตรงกับใคร"): no page says which schools or bodies come
# under whom, and "โรงเรียนสังกัดเทศบาลขึ้นกับเขตนี้ไหมครับ" got who may take part in education (set BR). Not schools
# "ในสังกัด" (under the office) named in passing, nor what happens to something ("จะเกิดอะไรขึ้นกับคำถามของเรา").
BELONGING_ASKED = re.compile(
    f"(?:(?<!อะไร)(?<!เกิด)ขึ้น(?:ตรง)?กับ|(?<!ใน)สังกัด|อยู่ในสังกัด|อยู่ใต้)\\s*\\S{{0,25}}?\\s*(?:{YES_NO}|ใช่|ไหน|อะไร|ใคร)"
)
# What would happen if something were (not) done ("ถ้าเขตไม่ประเมินโรงเรียนจะเกิดอะไรขึ้น", "ถ้าไม่พัฒนาครูจะเป็นยังไงคะ":
# got the inspection and the importance answers; set BM): the pages say what is done, never what would follow if it
# were not. Except what happens when the bot cannot answer ("ถ้าบอทตอบไม่ได้จะเกิดอะไรขึ้น", the hand-over entry), and
# beside a question of why the group matters ("ถ้าไม่มีกลุ่มอำนวยการจะเป็นไรไหม มันสำคัญยังไง"). Not "ถ้าพูดถึง…" (speaking
# of…), which names a topic: "ถ้าพูดถึงเครือข่ายความร่วมมือของเขตอะ มันเป็นยังไง" asks what the networks are (set BT).
# "If", its tone mark maybe missing ("ถา", not "ถาม": to ask), as a condition opens (`CONSEQUENCE_ASKED`,
# `UNANSWERED_THEN`).
_IF = "(?:ถ้า|ถา(?!ม)|หาก)"
CONSEQUENCE_ASKED = re.compile(
    f"{_IF}(?!\\s*(?:จะ\\s*)?(?:พูด|กล่าว|ถาม|ว่ากัน)(?:ถึง|เรื่อง))"
    ".{0,50}?(?:เป็น(?:ยัง|อย่าง)ไง|เป็นอย่างไร|เกิดอะไรขึ(?:้)?น|เป็นไร(?:ไหม|มั้ย)|เป็นอะไรไหม)"
)
SERVICE_OR_IMPORTANCE = re.compile(f"{_PROGRAM}|บอต|ตอบ|สำคัญ")
# Examples asked after a question that asks for a list ("ทรัพยากรที่กลุ่มอำนวยการดูแลมีอะไรบ้างคะ ยกตัวอย่างหน่อย"): the
# list the entry gives is the examples, and the message is decided without the request. Examples asked of anything else
# stay with staff (knowledge/scope.yaml: the documents give no cases), as does a list the entry names only.
EXAMPLES_OF_A_LIST = re.compile(
    "(?:บ้าง|บาง)\\S{0,4}\\s*(?P<ask>(?:ถ้า(?:จะ)?)?(?:ขอ)?ยกตัวอย่?าง(?:ให้)?(?:ฟัง|ดู)?"
    "(?:หน่อย|หนอย|ด้วย|ได้ไหม|ได้มั้ย|ไดไหม|สิ)?\\s*)$"
)
# Whether something holds for every school, person or body, or for all of them alike ("ทุกโรงเรียนต้องเข้าร่วมเครือข่ายความ
# ร่วมมือหรือเปล่าคะ" got the networks, "ทุกโรงเรียนในเขตได้งบจากกลุ่มอำนวยการเท่ากันหมดไหมคะ" the resources; set CK): the
# pages say what the office does, never that it reaches every one of them. Asked yes or no, after "ทุก" and what is
# counted; not "ขอครบทุกข้อ" (every item of a list an entry gives).
EVERY_ONE_ASKED = re.compile(
    "ทุก\\s*(?:โรงเรียน|โรง|คน|แห่ง|คณะ|ภาคเรียน|เทอม|เดือน|ปี|เขต|ห้อง)"
    f".{{0,60}}?(?:{YES_NO}|หรอ|หรือแค่)"  # "หรอ" is found in "เหรอ", "ไหม" in "ใช่ไหม"
)
# What to do, or whom to tell, if staff do not answer ("ถ้าเจ้าหน้าที่ไม่ตอบภายในสามวัน ต้องทำยังไงต่อ", "…ถ้าครั้งนี้ไม่ตอบ
# อีกจะแจ้งใครได้"): the hand-over entry says how staff answer, not what follows when they do not (sets AA and BT). Not
# what may be done while waiting ("ถ้าเจ้าหน้าที่ยังไม่ตอบกลับ พิมพ์ข้อความเพิ่มได้ไหม": the entry says so).
UNANSWERED_THEN = re.compile(
    f"{_IF}.{{0,40}}?ไม่?(?:ได้)?(?:มี(?:ใคร|คน))?(?:มา)?ตอบ(?!\\s*ไม่?\\s*ได้)"
    ".{0,30}?(?:ต้องทำ|ทำ(?:ยัง|อย่าง)ไง|ทำไง|ทำอย่างไร|แจ้งใคร|ติดต่อใคร|บอกใคร|ต้องติดต่อ)"
)
# Asking why ("ทำไม", not "ทำไม่": doing not), and how far after it the number asked about may be (`_why_this_many`).
WHY = re.compile("ทำไม(?!่)|เพราะอะไร|เหตุใด")
WHY_REACH = 30
WHY_NOT_AFTER = re.compile(f"{_OFFICE}.{{0,30}}?ไม่(?!ใช่).{{0,20}}?ทำไม")
COMPLAINT = "complaint"
# Two things compared or related ("การประสานงานกับการให้คำปรึกษาของกลุ่มอำนวยการต่างกันยังไงคะ", "การกระจายอำนาจ
# เกี่ยวกับหน้าที่ของกลุ่มอำนวยการยังไง"): each entry's answer says what its own topic is, never how it differs from or
# bears on another's, and such questions got the answer on one of the two (set BG). When each side alone is answered
# by a different entry, staff answer (reason `COMPARED_APART`, `Decider._compares_apart`); two things of one entry's
# ("งานประสานงานกับงานติดตามผลต่างกันยังไง": the coordination answer tells both) stay answered. Not "ที่เกี่ยวกับ" (that
# concerns) or "แล้วเกี่ยวกับ…" (and how does it concern…), which ask about one thing (sets AB and AX).
COMPARING = re.compile("(?<!เกี่ยว)กับ(?=.{2,60}?(?:ต่างกัน|แตกต่าง|เกี่ยวข้องกัน|เกี่ยวกันยังไง|เรื่องเดียวกัน|สัมพันธ์กัน))")
RELATING = re.compile("(?<!ที่)(?<!แล้ว)เกี่ยวกับ(?=.{2,60}?(?:ยังไง|อย่างไร|แบบไหน))")
COMPARED_APART = "compared-apart"
# A second question, after "แล้ว", that the answer to the first leaves unanswered (`Decider._asks_beyond`).
ANOTHER_QUESTION = "another-question"
# Such a question alone scores below this against every entry: one that scores higher may go on with the same matter in
# other words ("…แล้วคอยตามดูผลไหม", 0.31).
BEYOND_SCORE = 0.2
# Verdicts that several questions in the message may replace: not a request for a person, not small talk.
SPLITTABLE = frozenset({"confident", "no-match", "close-call", "no-subject", "one-word", WHOSE_SERVICE})


def _without_purpose(message: str) -> str:
    """``message`` without the clause at its end that says what the answer is for (`PURPOSE_TOLD`), unless that clause
    asks something."""
    told = PURPOSE_TOLD.search(message)
    if told is None or QUESTION_TEXT.search(told.group()):
        return message
    return message[: told.start()]


def _numbers(prepared: Prepared) -> list[str]:
    """The numbers a message names, token by token: "ข้อ 1 2 3" names no number of two digits, though its
    tokens run together would read "123"."""
    return NUMBER.findall(" ".join(prepared.tokens))


def _same_number(asked: str, numbers: frozenset[str]) -> bool:
    """Whether ``asked`` is one of ``numbers``, a two-digit year standing for the four-digit one ("65", 2565)."""
    return asked in numbers or (len(asked) == 2 and any(len(n) == 4 and n.endswith(asked) for n in numbers))


def _counts_items(tokens: Sequence[str], at: int, items: frozenset[str], known: Callable[[str], bool]) -> bool:
    """Whether the word counted at ``tokens[at]`` is one of the folded counters of a list's ``items``; or, being
    no word ``known`` (a typo: "ล้าน" is a word and counts millions), one of three letters or more typed a letter
    off (one letter changed, added or left out). A word typed without a mark or misspelt may be cut in pieces
    ("กี่|ประ|เดน", "กี่|ปร|เด็น"): with the token after it, it is one of them, or a letter off one when that token
    is no known word."""
    word = tokens[at]
    folded = fold(word)
    if folded in items or (not known(word) and _near(folded, items)):
        return True
    if at + 1 == len(tokens):
        return False
    joined = fold(word + tokens[at + 1])
    return joined in items or (not known(tokens[at + 1]) and _near(joined, items))


def _near(folded: str, items: frozenset[str]) -> bool:
    return any(len(item) >= 3 and _one_letter_off(folded, item) for item in items)


def _one_letter_off(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((n for n, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def details_asked(
    tokens: Sequence[str],
    detail_words: Iterable[str],
    count_words: Sequence[str],
    item_counters: Sequence[str] = (),
    known: Callable[[str], bool] = lambda word: True,
) -> frozenset[str]:
    """The details a message (or a phrasing) asks for: each detail word that starts or ends where a token does,
    so "ชื่อ" is not found inside "เชื่อมโยง" while "เบอร์" is found in "เบอร์โทร" and "วันไหน" in "ทุกวัน|ไหน", and not
    right after a word that mentions it (`MENTIONED`: "ได้ยินชื่อ…"; `MENTIONED_BEFORE`: "ได้ลิงก์มา…") nor right before
    one that makes it another word (`NOT_DETAIL_BEFORE`: "ที่อยู่ใน…"); and each count: the first counting word with the word counted, folded ("กี|คน" asks "กี่คน"), every counter
    of a list's items standing for the first of ``item_counters`` ("กี่เรื่อง" asks what "กี่ข้อ" asks, and so does
    "กี่ด้าร", a letter off "ด้าน" and no word ``known``)."""
    compact = "".join(tokens)
    bounds = frozenset(accumulate(map(len, tokens), initial=0))
    items = frozenset(map(fold, item_counters))
    found = {
        count_words[0] + (item_counters[0] if _counts_items(tokens, i + 1, items, known) else fold(c))
        for i, (before, w, c) in enumerate(zip(("", *tokens), tokens, tokens[1:]))
        if w in count_words and before != "ไม่"  # "ไม่|กี่" (not many: "ย้ายมาได้ไม่กี่เดือน") counts nothing
    }
    for word in detail_words:
        mentioned = MENTIONED_BEFORE.get(word, MENTIONED)
        other = NOT_DETAIL_BEFORE.get(word, ())
        at = compact.find(word)
        while at >= 0 and (at not in bounds and at + len(word) not in bounds or compact.endswith(mentioned, 0, at)
                           or compact.startswith(other, at + len(word))):
            at = compact.find(word, at + 1)
        if at >= 0:
            found.add(word)
    return frozenset(found)


def _after_last(pattern: re.Pattern[str] | None, text: str) -> str | None:
    """The text after the last match of ``pattern`` in ``text``; None without one (or without a pattern)."""
    ends = [m.end() for m in pattern.finditer(text)] if pattern is not None else []
    return text[ends[-1]:] if ends else None


def lead_in_pattern(lead_ins: Iterable[str]) -> re.Pattern[str] | None:
    """The lead-ins as people type them: any mark above or below the line may be missing ("อยากทราบวา") and
    spaces may fall anywhere."""
    forms = [
        r"\s*".join(f"(?:{re.escape(ch)})?" if ch in MARKS else re.escape(ch) for ch in word.replace(" ", ""))
        for word in lead_ins
        if word.strip()
    ]
    return re.compile("|".join(sorted(forms, key=len, reverse=True))) if forms else None


def _case_in(told: str) -> str | None:
    """The reason a case told in ``told`` (a skeleton, unfolded) is for staff; None when it tells none."""
    if (ONE_SCHOOL_CASE.search(told) or OWN_CHILD_CASE.search(told) or REFUSED_BY_SCHOOL.search(told)
            or TEACHER_TO_CHILD.search(told)):
        return OWN_CASE
    asking = _case_asked(told)
    if asking is not None:
        return asking
    if ((NEVER_GIVEN.search(told) or CRITICISM.search(told)) and not QUESTION_TEXT.search(told)
            or WHY_NOT_AFTER.search(told)):
        return COMPLAINT
    return None


def _case_asked(told: str) -> str | None:
    """The reason for a case whose own words ask about it (a skeleton, unfolded): what to do (`ADVICE_SOUGHT`), how far
    it has got (`PROGRESS_ASKED`), whether a rumoured plan is true (`RUMOURED_PLAN`), why the office does not do
    something (`WHY_NOT`); None otherwise."""
    if ADVICE_SOUGHT.search(told) or PROGRESS_ASKED.search(told):
        return OWN_CASE
    if RUMOURED_PLAN.search(told):
        return RUMOUR
    if WHY_NOT.search(told):
        return COMPLAINT
    return None


def _any_of(forms: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern finding any of ``forms`` (patterns themselves); None for none, which would match everywhere."""
    forms = list(forms)
    return re.compile("|".join(forms)) if forms else None


def _any_name(names: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern finding whether any of ``names`` is in a text (`NAME_GAP` standing for a gap, see `GAP_LETTERS`);
    None for none. The names share their first letters ("กลุ่ม…", "องค์คณะบุคคล…"), and Python's regular expressions
    try every alternative at every letter: written as a tree of shared beginnings, the 400-odd names not covered took
    a fifth of the time to look for (40 µs a message to 7), those spelt by sound a seventh. Only whether one is found
    counts, so a name that another begins with stands for both."""
    tree: dict[str, dict] = {}
    gapped = []
    for name in names:
        if NAME_GAP in name:
            gapped.append(f".{{0,{GAP_LETTERS}}}".join(map(re.escape, name.split(NAME_GAP))))
            continue
        node = tree
        for letter in name:
            node = node.setdefault(letter, {})
        node[""] = {}

    def branches(node: dict[str, dict]) -> str:
        if "" in node:
            return ""
        alternatives = [re.escape(letter) + branches(rest) for letter, rest in sorted(node.items())]
        return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"

    return _any_of(([branches(tree)] if tree else []) + gapped)


def _skeleton(text: str, folded: bool = True) -> str:
    """Text without spaces or dots and, when ``folded``, without marks above or below the line and with
    sound-alike letters merged: how names compare despite typing ("กลุ่มนโยบายและแพน" is the planning group)."""
    plain = re.sub(r"[\s.]+", "", text)
    return fold(plain) if folded else plain


class Decider:
    def __init__(
        self,
        text: ThaiText,
        matcher: Matcher,
        thresholds: Thresholds = Thresholds(),
        not_covered: Iterable[str] = (),
        not_covered_asked: Iterable[str] = (),
        detail_words: Iterable[str] = (),
        count_words: Iterable[str] = (),
        item_counters: Iterable[str] = (),
        lead_ins: Iterable[str] = (),
        frame_words: Iterable[str] = (),
        reaction_entry: str | None = None,
        cover_words: Iterable[str] = (),
        disclaimers: Iterable[str] = (),
        announcing_entries: Iterable[str] = (),
        thanks_entry: str | None = None,
        thanks_remarks: Iterable[str] = (),
        goodbye_entry: str | None = None,
        leaving_remarks: Iterable[str] = (),
        okay_entry: str | None = None,
        answers: Mapping[str, str] | None = None,
        named_only: Mapping[str, Sequence[Sequence[str]]] | None = None,
        contents_asked: Iterable[str] = (),
        other_items_asked: Iterable[str] = (),
        bot_or_person_entry: str | None = None,
        whose_service_entry: str | None = None,
        home_districts: Iterable[str] = (),
        places: Places | None = None,
    ):
        """``not_covered_asked``: topics not covered when a question asks about them, and no more than the story of one
        when told beside it (see `_asks_what_is_not_covered`).
        ``frame_words``: words that frame a question without saying what it is about ("หมายถึง").
        ``disclaimers``: words that start saying what the message does not ask ("ไม่ได้ถามว่า…", see `_without_disclaimers`).
        ``cover_words``: words that ask whether someone handles a thing ("ดูแลเรื่อง…ด้วยไหม", see `_thing_asked`).
        ``reaction_entry``: the small-talk entry that answers a message of emoji or laughter only; without it
        (or when the knowledge base lacks it) such a message goes to staff.
        ``announcing_entries``: small-talk entries beside which a clause of other words is a matter for staff
        (see `_another_matter`).
        ``thanks_entry``, ``thanks_remarks``: the small-talk entry for thanks, and words of a remark that says an
        answer helped; ``goodbye_entry``, ``leaving_remarks``: the small-talk entry for goodbye, and words that start
        a remark saying where the person is off to (see `_with_remark`); ``okay_entry``: the small-talk entry for
        "okay", which takes either remark ("โอเคค่ะ เข้าใจแล้ว", "โอเคครับ เดี๋ยวลองดู").
        ``answers``: each entry's answer as the person gets it, the office's settings filled in; the numbers it
        states are the entry's own ("ข้อความจะลบเองเมื่อครบ 180 วันใช่ไหม" names the retention period of the answer on
        what is stored, which no phrasing names).
        ``named_only``, ``contents_asked``, ``other_items_asked``: the items each entry's answer lists by name only
        (each as the ways people write it), and the words that ask what an item holds or ask for the other items
        (see `_asks_inside_an_item`).
        ``bot_or_person_entry``: the small-talk entry that answers whether a person or a program is answering
        (`BOT_OR_PERSON`); without it such a question is matched like any other.
        ``whose_service_entry``: the entry that answers whose this service is, given to a message that names another
        office only to tell it from this one (`_tells_offices_apart`); without it such a message is matched.
        ``home_districts``: the districts people write from, whose naming as where they are from is left out
        (`home_told_pattern`).
        ``places``: the lists on the office's pages, for messages that point at a place on them ("ข้อ 3")."""
        self.text = text
        self.matcher = matcher
        self.thresholds = thresholds
        names = {(_skeleton(text.prepare(n).text, folded=False), "." in n) for n in not_covered}
        skeletons = [
            (_skeleton(n), True) if len(n) >= FOLD_NAMES_FROM and not dotted else (n, False) for n, dotted in names if n
        ]
        # One pattern for the names compared folded and one for those compared as written: a message is searched once
        # for each, which takes half the time of looking for each of the 400-odd names in turn.
        self._not_covered_in = tuple(
            (folded, pattern) for folded in (True, False)
            if (pattern := _any_name(n for n, f in skeletons if f == folded))
        )
        # Long names also as spelt by sound ("กลุ่มบริหานงานบุคคล", "กลุ่มส่งเสิมการจัดการศึกษา" got the administrative
        # group's duties); short ones would be found inside words they are not.
        self._not_covered_by_sound = _any_name(
            sound_fold(n) for n, folded in skeletons if folded and NAME_GAP not in n and len(n) >= SOUND_NAMES_FROM
        )
        self._not_covered_asked = _any_name(_skeleton(n, folded=False) for n in not_covered_asked if n.strip())
        self._count_words = tuple(count_words)
        self._item_counters = tuple(item_counters)
        self._detail_words = tuple(w for w in detail_words if w not in self._count_words)
        self._asking_words = frozenset(self._detail_words) | frozenset(self._count_words) | frozenset(
            t for w in frame_words for t in text.prepare(w).tokens
        )
        entry_ids = {e.id for e in matcher.entries}
        self._reaction_entry = reaction_entry if reaction_entry in entry_ids else None
        self._bot_or_person_entry = bot_or_person_entry if bot_or_person_entry in entry_ids else None
        self._whose_service_entry = whose_service_entry if whose_service_entry in entry_ids else None
        self._announcing = frozenset(announcing_entries)
        self._thanks_entry = thanks_entry if thanks_entry in entry_ids else None
        remarks = "|".join(map(re.escape, thanks_remarks))
        # Not within "รายละเอียด" (details): "…ขอรายละเอียดให้ครบทั้ง 4 ข้อ…ค่ะ" asks for them, and got "okay" (set BW).
        self._thanks_remark = re.compile(f"(?<!ราย)(?:{remarks})") if remarks else None
        self._goodbye_entry = goodbye_entry if goodbye_entry in entry_ids else None
        self._okay_entry = okay_entry if okay_entry in entry_ids else None
        leaving = "|".join(map(re.escape, leaving_remarks))
        self._leaving_remark = re.compile(f"(?:{leaving})") if leaving else None
        # Remark words that themselves say "ไม่" ("ไม่ต้องตอบ"): `NOT_ONLY_THANKS` is looked for without them.
        saying_not = "|".join(
            map(re.escape, (w for w in (*thanks_remarks, *leaving_remarks) if NOT_ONLY_THANKS.search(w)))
        )
        self._remark_saying_not = re.compile(saying_not) if saying_not else None
        self._lead_in = lead_in_pattern(lead_ins)
        self._home_told = home_told_pattern(home_districts)
        disclaimer = lead_in_pattern(disclaimers)
        # A disclaimer where a clause begins, and the rest of that clause with the number that follows it, if one does
        # ("ไม่ใช่รายงานปี 66 นะ"). "ไม่ใช่แค่…" (not only) disclaims nothing, nor does a number right after it ("ทำไมถึง
        # แบ่งเป็น 4 ด้าน ไม่ใช่ 5 ด้าน" asks why of the number before; set BG). Nor does "ไม่เอาบอท", refusing the program:
        # the message is a request for a person, decided whole ("ไม่เอาบอทแล้วขอคนมาตอบ" left nothing to decide).
        self._disclaimer = (
            re.compile(f"(?:^|\\s)(?!ไม่?\\s*เอา\\s*{_PROGRAM})(?:{disclaimer.pattern})(?![{MARKS}]*(?:แค|เพียง|\\s*[0-9]))"
                       f"\\S*(?:\\s+[0-9]+(?![0-9]))?")
            if disclaimer else None
        )
        self._cover_words = tuple(sorted(cover_words, key=len, reverse=True))
        covers = "|".join(map(re.escape, self._cover_words))
        self._covers = re.compile(f"(?:{covers})(\\S+?)(?:ด้วย)?{YES_NO}") if covers else None
        # What each entry's phrasings ask for, and the numbers they name.
        self._entry_details = {
            e.id: frozenset().union(*(self._details(p) for p in e.phrasings)) for e in matcher.entries
        }
        stated = {i: frozenset(_numbers(text.prepare(a))) for i, a in (answers or {}).items()}
        self._numbers = {
            e.id: frozenset(n for p in e.phrasings for n in _numbers(p)) | stated.get(e.id, frozenset())
            for e in matcher.entries
        }
        counters = "|".join(map(re.escape, self._item_counters))
        # One digit: a year goes before "เรื่อง" too ("รายงานปี 65 เรื่องการมีส่วนร่วม"), and no list here is longer.
        self._count_pattern = re.compile(f"(?<![0-9.])([1-9]) ?(?:{counters})") if counters else None
        # The counts each entry's phrasings and answer state ("4 ด้าน"), the answer's too: the meaning entry's answer
        # names the 4 areas though none of its phrasings does.
        self._entry_counts = {
            e.id: frozenset().union(*map(self._counts_stated, (*e.phrasings, *([e.answer] if e.answer else []))))
            for e in matcher.entries
        }
        # Every phrasing folded and run together: a word found anywhere in it is not new to the knowledge base.
        self._known_text = "|".join(fold(t) for t in sorted(matcher.vocabulary))
        self._known_words = frozenset(fold(t) for t in matcher.vocabulary)
        # Each entry's phrasing words, folded, between bars: some words are looked for whole ("|คร|"), see `_subject_words`.
        self._entry_text = {
            e.id: "|" + "|".join(fold(t) for t in sorted(matcher.entry_vocabulary(e.id))) + "|" for e in matcher.entries
        }
        self._entry_vocabulary = matcher.entry_vocabulary
        self._named_only = {
            entry: tuple(tuple(_skeleton(form) for form in item) for item in items)
            for entry, items in (named_only or {}).items()
        }
        self._contents_asked = tuple(map(_skeleton, contents_asked))
        self._other_items_asked = tuple(map(_skeleton, other_items_asked))
        self._places = places
        self._place_explain_words = frozenset(
            self._subject_words(text.prepare(" ".join(places.explain_words))) if places is not None else ()
        )
        self._place_read_words = self._place_explain_words | frozenset(
            self._subject_words(text.prepare(" ".join(places.read_words))) if places is not None else ()
        )

    def with_thresholds(self, thresholds: Thresholds) -> "Decider":
        """The same decider with other thresholds (the evaluation sweeps them)."""
        twin = copy.copy(self)
        twin.thresholds = thresholds
        return twin

    def unknown_share(self, tokens: Iterable[str]) -> float:
        """Share of the message's content words that are real Thai words no phrasing uses.

        Only dictionary words count: a misspelt word splits into fragments that are not words, and
        those are typing, not a topic the knowledge base lacks. A word found inside a longer phrasing
        word is not new either; the set lookup settles most words before that substring search."""
        content = [t for t in tokens if self.text.is_content_word(t)]
        if not content:
            return 0.0
        unknown = [
            t for t in content
            if self.text.is_known_word(t) and fold(t) not in self._known_words and fold(t) not in self._known_text
        ]
        return len(unknown) / len(content)

    def _asks(self, text: str) -> bool:
        """Whether ``text`` holds a question word, as a word ("ผู้เกี่ยวข้อง" holds the letters of "กี่"; the formal "ใด" is
        read as "ไหน")."""
        return QUESTION_TEXT.search(text) is not None and not QUESTION_WORDS.isdisjoint(self.text.prepare(text).tokens)

    def _keeps(self, text: str) -> bool:
        """Whether ``text`` must stay in a message read as a letter (`letter_body`): it asks something or tells the
        person's own case."""
        return self._asks(text) or _case_in(_skeleton(text, folded=False)) is not None

    def _details(self, prepared: Prepared) -> frozenset[str]:
        return details_asked(prepared.tokens, self._detail_words, self._count_words, self._item_counters,
                             self.text.is_known_word)

    def _counts_stated(self, prepared: Prepared) -> frozenset[str]:
        """The counts of a list's items a text states: "4" in "การกระจายอำนาจ 4 ด้าน", a number right before a
        counter of items. "ด้านที่ 3" names an item, and "1. ด้านวิชาการ" numbers one in a list: neither is a count."""
        return frozenset(self._count_pattern.findall(prepared.text)) if self._count_pattern else frozenset()

    def _detail_factor(self, asked: frozenset[str], named: list[str], entry_id: str, counts: frozenset[str]) -> float:
        """Score kept by an entry given the details ``asked``, the numbers ``named`` and the ``counts`` stated in a
        message: the penalty once for each detail the entry's phrasings never ask for, and once for numbers they
        never name; nothing when a count is asked that the entry's phrasings never ask ("มีกี่เครือข่าย" of an entry
        that counts nothing, "มีกี่หน้า" of one that counts topics), or when the message states another count than
        the entry's ("การกระจายอำนาจ 5 ด้าน" is not the 4 areas)."""
        own_counts = self._entry_counts.get(entry_id, frozenset())
        if counts and own_counts and not counts & own_counts:
            return 0.0
        own = self._numbers.get(entry_id, frozenset())
        unknown_numbers = [n for n in named if not _same_number(n, own)]
        if unknown_numbers and own:
            return 0.0  # the entry is about another year or amount than the one asked for
        own_details = self._entry_details.get(entry_id, frozenset())
        missing = asked - own_details
        if any(map(self._is_count, missing)) or missing & GIVEN_ONLY_WHERE_ASKED:
            return 0.0  # a count, a date, a place or a way to reach someone the entry does not give
        return self.thresholds.detail_penalty ** (len(missing) + bool(unknown_numbers))

    def _refers_back(self, plain: str, prepared: Prepared) -> bool:
        """Whether the message asks only about an earlier message: to have it explained again or further, naming no
        subject of the office's (`EXPLAIN_AGAIN`), or about what was sent with nothing else asked once the words that
        refer to it are gone (`WHAT_WAS_SENT`)."""
        if EXPLAIN_AGAIN.search(plain) and not self.text.names_a_topic(prepared):
            return True
        rest = WHAT_WAS_SENT.sub(" ", plain)
        return rest != plain and not self._subject_words(self.text.prepare(rest))

    def _subject_words(self, prepared: Prepared) -> list[str]:
        """The message's content words other than question or detail words and numbers, folded: what it asks
        about. Folding can leave a word too short to be looked for within others: a word of three letters or more that
        folds to two is given between bars, to be found only whole, and one that folds to a single letter is left out
        ("ครู" folds to "คร", found in "ใคร", and "ตี" to "ต", found in "ต้อง": "ครูตีลูกต้องทำยังไง" got the answer on
        handing over). Shorter tokens stay as they are: they are often pieces of a misspelt word ("อำ|นว|น")."""
        words = []
        for t in prepared.tokens:
            if not self.text.is_content_word(t) or t in self._asking_words or NOT_A_WORD.fullmatch(t):
                continue
            folded = fold(t)
            if len(folded) == 1 and len(t) > 1:
                continue
            words.append(f"|{folded}|" if len(folded) == 2 and len(t) >= 3 else folded)
        return words

    def _shares_a_word(self, subject: list[str], entry_id: str) -> bool:
        """Whether one of the ``subject`` words is found in the entry's phrasings; within a word, as a word
        misspelt into pieces ("การกระจายอำนาดคืออะไร": "กระจาย") is found in "กระจายอำนาจ"."""
        phrasings = self._entry_text.get(entry_id, "")
        return any(word in phrasings for word in subject)

    def _is_count(self, detail: str) -> bool:
        """Whether a detail is a count: `details_asked` writes every count after the first counting word."""
        return bool(self._count_words) and detail.startswith(self._count_words[0])

    def decide(self, message: str) -> Verdict:
        # Numbers told in the story go before the letter's framing does: "เป็นครูมา 12 ปี …" is an introduction, which
        # would leave "12 ปี" behind. A pasted chat's times, senders and read marks go before both: left in, its lines
        # were read as a letter's ("14:22 แม่น้องเบล: ถ้าถามบอทแล้วบอทไม่รู้…" went to staff; set CZ).
        message = NUMBER_TOLD.sub(" ", DATE_TOLD.sub(r"\1 ", without_chat_marks(message)))
        if self._home_told is not None:
            rest = self._home_told.sub(" ", message)
            if rest != message and any(map(self.text.is_content_word, self.text.prepare(rest).tokens)):
                message = rest
        body = letter_body(message, self._lead_in, self._keeps)
        if body is None:
            return self._decide_message(message)
        # Once only: a body may hold another introduction ("ผมเป็นครู ผมเป็นครู …"), and deciding it again in turn
        # went as deep as a message holds them.
        verdict = self._decide_message(body)
        return replace(verdict, reason=f"{verdict.reason} in a letter")

    def _decide_message(self, message: str) -> Verdict:
        without_form = _without_purpose(FORM_ASKED.sub(" ", message))
        prepared = self.text.prepare(without_form) if without_form != message else None
        if prepared is not None and self.text.names_a_topic(prepared):
            message = without_form
        else:
            prepared = self.text.prepare(message)
        if prepared.reaction and self._reaction_entry is not None:
            return Verdict("smalltalk", self._reaction_entry, 1.0, reason="reaction")
        if not prepared.tokens:
            return Verdict("escalated", None, 0.0, reason="nothing-to-match")
        reading = self._places.read(prepared.text) if self._places is not None else None
        if reading is not None and (reading.reason or reading.text != prepared.text):
            asked = self._subject_words(self.text.prepare(reading.rest))
            # "ข้อ 9 ในหน้านี้เขียนว่าอะไร" asks about nothing but a place: an answer about anything else is wrong.
            alone = all(w in self._place_read_words for w in asked)
            if reading.reason is not None:
                if alone:
                    return Verdict("escalated", None, 0.0, reason=reading.reason)
            elif alone and reading.whole in self._entry_text and not self._place_explain_words.intersection(asked):
                return Verdict("answered", reading.whole, 1.0, reason=PLACE_ON_A_PAGE)
            else:
                message, prepared = reading.text, self.text.prepare(reading.text)
        verdict = self._decide(message, prepared)
        # The knowledge base is Thai: a question written in English is for staff, and its reply says so in English
        # ("Can you explain การกระจายอำนาจ in simple English?" got the Thai answer). A greeting or thanks is small talk
        # in any language.
        if verdict.status != "smalltalk" and in_english(prepared.tokens):
            return Verdict("escalated", None, verdict.confidence, reason=IN_ENGLISH, candidates=verdict.candidates)
        return verdict

    def _decide(self, message: str, prepared: Prepared) -> Verdict:
        disclaimers = list(self._disclaimer.finditer(prepared.text)) if self._disclaimer is not None else []
        if disclaimers:
            if self._disowns_the_office(prepared.text, disclaimers):
                return Verdict("escalated", None, 0.0, reason=NOT_COVERED)
            rest = self._without_disclaimers(prepared.text, disclaimers)
            question = self.text.prepare(rest)
            if not question.tokens:
                return Verdict("escalated", None, 0.0, reason="no-subject")
            verdict = self._decide(rest, question)
            return replace(verdict, reason=f"{verdict.reason} after a disclaimer")
        # Without the polite particles that close sentences: folded, "หน้าที่ครู" (a teacher's duties, not covered) is
        # found in "เจ้าหน้าที่ครับ", and "เรียนเจ้าหน้าที่ครับ …" went to staff whatever followed.
        plain = CLOSING_PARTICLE.sub("", prepared.text)
        if self._okay_entry is not None and AGREED.fullmatch(plain.strip()):
            return Verdict("smalltalk", self._okay_entry, 1.0, reason="agreed")
        examples = EXAMPLES_OF_A_LIST.search(plain)
        if examples is not None:
            rest = plain[: examples.start("ask")]
            verdict = self._decide(rest, self.text.prepare(rest))
            return replace(verdict, reason=f"{verdict.reason} with examples asked")
        if self._whose_service_entry is not None and OWNED_ASKED.search(plain):
            # The message's only question: "บริการนี้ของสำนักงานไหนคะ แล้วเบอร์ติดต่อเบอร์อะไร" asks a second one,
            # decided with the whole message below.
            asking = [part for part in QUESTION_BREAK.split(plain) if QUESTION_TEXT.search(part)]
            if len(asking) == 1 and OWNED_ASKED.search(asking[0]):
                return Verdict("answered", self._whose_service_entry, 1.0, reason=WHOSE_SERVICE)
        if self._names_not_covered(OWNER_NAMED.sub(r"\1", HOW_ARE_YOU.sub("สบาย", plain))):
            if not self._tells_offices_apart(plain):
                return Verdict("escalated", None, 0.0, reason=NOT_COVERED)
            if self._whose_service_entry is not None and THIS_SERVICE.search(plain):
                whose = Verdict("answered", self._whose_service_entry, 1.0, reason=WHOSE_SERVICE)
                return self._several_questions(message, prepared, whose)
        skeleton = _skeleton(plain, folded=False)
        if self._asks_what_is_not_covered(plain, skeleton):
            return Verdict("escalated", None, 0.0, reason=NOT_COVERED)
        if TASK_ASKED.search(plain):
            return Verdict("escalated", None, 0.0, reason=TASK)
        if OPINION_ASKED.search(plain):
            return Verdict("escalated", None, 0.0, reason=NOT_COVERED)
        if self._why_this_many(plain):
            return Verdict("escalated", None, 0.0, reason=NOT_COVERED)
        if (ACTION_ASKED.search(skeleton) or ACTION_BIDDEN.search(skeleton)) and not EXPLAINING.search(plain):
            return Verdict("escalated", None, 0.0, reason=ACTION)
        case = self._case_told(plain, skeleton, message)
        if case is not None:
            return Verdict("escalated", None, 0.0, reason=case)
        if (LATEST_ASKED.search(plain) or BELONGING_ASKED.search(plain) or RESULT_ASKED.search(plain)
                or UNANSWERED_THEN.search(plain) or EVERY_ONE_ASKED.search(plain)
                or (CONSEQUENCE_ASKED.search(plain) and not SERVICE_OR_IMPORTANCE.search(plain))):
            return Verdict("escalated", None, 0.0, reason=NOT_COVERED)
        if ((FOLLOW_UP.fullmatch(plain.strip()) and not QUESTION_WORDS.intersection(prepared.tokens))
                or self._refers_back(plain, prepared)):
            return Verdict("escalated", None, 0.0, reason="no-subject")
        if (self._bot_or_person_entry is not None and BOT_OR_PERSON.search(skeleton)
                and not REQUESTED.search(plain) and not REFUSED.search(plain)):
            return Verdict("smalltalk", self._bot_or_person_entry, 1.0, reason="bot-or-person")
        besides = self._question_besides(prepared.text)
        if besides is not None:
            verdict = self._decide(besides.text, besides)
            return replace(verdict, reason=f"{verdict.reason} besides")
        named = _numbers(prepared)
        verdict = self._verdict(prepared, named)
        if verdict.reason in ("no-match", "close-call", "smalltalk"):
            question = self._question_after_lead_in(prepared.text)
            if question is not None:
                alone = self._verdict(question, named)
                # Small talk that leads in to a question about one of the office's subjects ("สวัสดีครับ ขอถามครับว่า
                # กลุ่มอำนวยการมีความสำคัญอย่างไร") is that question, even when the question alone goes to staff.
                if DECIDES[alone.status] > DECIDES[verdict.status] or (
                        verdict.status == "smalltalk" and alone.status != "smalltalk"):
                    verdict = replace(alone, reason=f"{alone.reason} after a lead-in")
        if verdict.status in ("answered", "clarify"):
            # Thanks or okay with a remark that names what was answered ("โอเคค่ะ เคลียร์เรื่องหน้าที่กลุ่มอำนวยการแล้ว",
            # "ขอบคุณค่ะ ได้คำตอบแล้ว ไม่ต้องส่งต่อเจ้าหน้าที่นะคะ") matches that entry, and asks nothing (set BK).
            verdict = self._with_remark(prepared, named) or verdict
        elif verdict.status == "smalltalk" and verdict.entry_id != self._goodbye_entry:
            # Goodbye and that the person will be back to ask ("บายค่ะ ไว้ยายมีคำถามจะมาถามใหม่") scored as asking
            # whether one may ask, by its asking words (set BY).
            remark = self._with_remark(prepared, named)
            if remark is not None and remark.entry_id == self._goodbye_entry:
                verdict = remark
        elif verdict.reason == "no-match":
            verdict = (self._question_in_story(prepared, named) or self._with_remark(prepared, named)
                       or self._relayed_small_talk(prepared, named) or self._small_talk_in_time(prepared.text)
                       or verdict)
        if verdict.status == "answered" and self._compares_apart(prepared.text, named):
            return Verdict("escalated", None, 0.0, reason=COMPARED_APART)
        return self._several_questions(message, prepared, verdict)

    def _case_told(self, plain: str, skeleton: str, message: str) -> str | None:
        """Why a message that tells the person's own case is for staff (`OWN_CASE`, `RUMOUR`, `COMPLAINT`); None
        when it tells none, or tells it only beside a general question: after a lead-in, or in a clause of its own
        that asks, names one of the office's subjects and tells no case ("โรงเรียนลูกครูไม่พอ กลุ่มอำนวยการคัดเลือกครูยังไง",
        "เขตมีการติดตามประเมินผลโรงเรียนไหมคะ ถามเพราะไม่เคยเห็นใครมาดูโรงเรียนหลานเลย"), unless the case is asked about
        in a question of its own (`_case_asked_apart`). The whole message is searched first (``skeleton``: ``plain``
        unfolded, as `_skeleton` gives it), so most messages cost one search of each pattern."""
        reason = _case_in(skeleton)
        if reason is None:
            return None
        # A case whose words ask about it is asked about, whatever general question or lead-in is beside it.
        if _case_asked(skeleton) is not None:
            return reason
        asked = _after_last(self._lead_in, plain)
        if asked is not None:
            return _case_in(_skeleton(asked, folded=False))
        general = self._general_question_beside(plain, lambda clause: _case_in(clause) is not None)
        return self._case_asked_apart(message) if general else reason

    def _general_question_beside(self, plain: str, tells: Callable[[str], bool]) -> bool:
        """Whether a clause of ``plain`` of its own asks, names one of the office's subjects and tells nothing
        ``tells`` finds in it (given the clause unfolded, as `_skeleton` gives it): beside such a question, what
        ``tells`` finds elsewhere is only the story that leads to it (`_case_told`, `_asks_what_is_not_covered`)."""
        return any(
            QUESTION_TEXT.search(clause) and not tells(_skeleton(clause, folded=False))
            and self.text.names_a_topic(self.text.prepare(clause))
            for clause in plain.split()
        )

    def _case_asked_apart(self, message: str) -> str | None:
        """Why a case the message asks about in a question of its own, beside a general one, is for staff; None when
        no question of it (as `_several_questions` breaks them) asks about a case. "กลุ่มอำนวยการมีหน้าที่อะไรคะ
        แล้วลูกโดนครูตีต้องทำยังไงคะ" got the group's duties, and its second question reached no one. As with a
        question the knowledge base cannot answer beside one it can (bot/answering.py), staff get the whole message."""
        parts = [p for p in QUESTION_BREAK.split(message) if p.strip()]
        if len(parts) < 2:
            return None
        for part in parts:
            plain = CLOSING_PARTICLE.sub("", self.text.prepare(part).text)
            reason = self._case_told(plain, _skeleton(plain, folded=False), part) if QUESTION_TEXT.search(plain) else None
            if reason is not None:
                return reason
        return None

    def _names_not_covered(self, text: str) -> bool:
        """Whether ``text`` names a unit or topic the knowledge base does not cover (``not_covered``), as written,
        folded or spelt by sound."""
        skeletons = {True: _skeleton(text), False: _skeleton(text, folded=False)}
        return (any(pattern.search(skeletons[folded]) for folded, pattern in self._not_covered_in)
                or (self._not_covered_by_sound is not None
                    and self._not_covered_by_sound.search(sound_fold(skeletons[True])) is not None))

    def _asks_what_is_not_covered(self, plain: str, skeleton: str) -> bool:
        """Whether ``plain`` (``skeleton``: it unfolded, as `_skeleton` gives it) asks about a topic of
        ``not_covered_asked`` (children with special needs: the documents never mention them, and "กลุ่มอำนวยการให้
        คำปรึกษาผู้ปกครองเรื่องลูกพิการด้วยไหมคะ" got the advice entry; set BE). Told only in the story beside a general
        question, after a lead-in or in a clause of its own ("ลูกเป็นเด็กพิเศษค่ะ อยากรู้ว่าครอบครัวมีส่วนร่วมในการจัดการ
        ศึกษาได้ยังไง"), it is no more than who asks, as a case is (`_case_told`)."""
        topic = self._not_covered_asked
        if topic is None or not topic.search(skeleton):
            return False
        asked = _after_last(self._lead_in, plain)
        if asked is not None:
            return topic.search(_skeleton(asked, folded=False)) is not None
        return not self._general_question_beside(plain, lambda clause: topic.search(clause) is not None)

    def _why_this_many(self, plain: str) -> bool:
        """Whether ``plain`` asks why a list has as many items as it has ("ทำไมถึงแบ่งเป็น 4 ด้าน ไม่ใช่ 5 ด้านครับ" got the
        four areas; set BG): the pages list the areas and the duties and never say why there are that many."""
        why = WHY.search(plain)
        return (why is not None and self._count_pattern is not None
                and self._count_pattern.search(plain, why.end(), why.end() + WHY_REACH) is not None)

    def _tells_offices_apart(self, plain: str) -> bool:
        """Whether a message asks whose this service is, this office's or another's ("ไลน์นี้ของเขต 1 หรือเขต 2 คะ",
        "ที่นี่ สพม. หรือ สพป. คะ"): one side of its "หรือ" names what is not covered, the other this office, and it
        says "this". It names the other office only to tell the two apart, and went to staff as a question about it.
        Not when what comes before that "this" names what is not covered: in "อาหารกลางวันเด็กนี่เป็นงานของ อบต. หรือของ
        เขตคะ" it points at school lunches, a matter asked about, and the message got whose service this is (set CH)."""
        this = THIS.search(plain)
        if "หรือ" not in plain or this is None or self._names_not_covered(plain[:this.end()]):
            return False
        sides = plain.split("หรือ", 1)
        uncovered = [self._names_not_covered(side) for side in sides]
        return uncovered.count(True) == 1 and self.text.names_the_office(self.text.prepare(sides[uncovered.index(False)]))

    def _compares_apart(self, text: str, named: list[str]) -> bool:
        """Whether ``text`` compares (`COMPARING`) or relates (`RELATING`) two things that different entries answer
        alone. A thing compared may be named alone ("การประสานงานกับ…"), which is offered the entries on it, the first
        standing for it; not one related: in "กลุ่มอำนวยการเกี่ยวกับการจัดการทรัพยากรบุคคลยังไง" the group is whose part in
        the other is asked (set AZ)."""
        found = COMPARING.search(text)
        compared = found is not None
        found = found or RELATING.search(text)
        if found is None:
            return False
        sides = [self._verdict(self.text.prepare(side), named) for side in (text[:found.start()], text[found.end():])]
        entries = [v.entry_id if v.status == "answered" else v.suggestions[0] if compared and v.reason == "one-word"
                   else None for v in sides]
        return None not in entries and entries[0] != entries[1]

    def _with_remark(self, prepared: Prepared, named: list[str]) -> Verdict | None:
        """Thanks, goodbye or "okay" with a remark beside it, when the message's first or last clause alone is that
        small talk: thanks or okay, when the rest says the answer helped (a word of ``thanks_remarks``: "ขอบคุณค่ะ
        ชัดเจนมาก", "โอเคค่ะ เข้าใจเหตุผลแล้ว"); any of them, when the rest is short and starts with where the person is
        off to or what they will do next (a word of ``leaving_remarks``: "โอเคครับ เดี๋ยวลองดู",
        "แค่นี้ก่อนนะ ไปกรีดยางแล้ว", "ขอบคุณค่ะ ไปทำงานต่อละ"; "บาย ไปแจ้งความแล้ว ลูกโดนครูตี" goes on to tell a
        matter). Never with a question or `NOT_ONLY_THANKS` anywhere outside a remark word ("ขอบคุณค่ะ แต่ยังไม่ชัดเจน" is
        not thanks; "ไม่ต้องตอบเพิ่มแล้วค่ะ ขอบคุณมากค่ะ" is). The announcing small talk (a greeting, "may I ask",
        "what can you answer") keeps such a short remark after it too, and may itself ask: "มีเรื่องจะถามครับ
        เดี๋ยวพิมพ์ตามไปนะครับ", "ขอปรึกษาอะไรนิดนึงได้มั้ยคะ ขอโทษที่รบกวนตอนดึกนะคะ" (set DB); before it, the remark
        is a goodbye's ("ไปก่อนนะครับ สวัสดีปีใหม่ล่วงหน้าครับ").
        None otherwise: the message stays with staff, as the remark may be a matter ("ขอบคุณค่ะ ลูกโดนครูตี")."""
        entries = {e for e in (self._thanks_entry, self._goodbye_entry, self._okay_entry) if e is not None}
        text = prepared.text
        clauses = text.split()
        checked = self._remark_saying_not.sub(" ", text) if self._remark_saying_not is not None else text
        if not entries or len(clauses) < 2 or NOT_ONLY_THANKS.search(checked):
            return None
        asks = QUESTION_TEXT.search(text) is not None
        # A message that asks can only be announcing small talk with its remark after it: most messages ask, and the
        # small talk last is not looked for in them.
        sides = [(True, clauses[0], clauses[1:])]
        if not asks:
            sides.append((False, clauses[-1], clauses[:-1]))
        for first, small_talk, rest in sides:
            remark = CLOSING_PARTICLE.sub("", " ".join(rest)).strip()
            leaving = (self._leaving_remark is not None and self._leaving_remark.match(remark) is not None
                       and len(remark.replace(" ", "")) <= LEAVING_LETTERS and not QUESTION_TEXT.search(remark))
            helped = self._thanks_remark is not None and self._thanks_remark.search(remark) is not None
            if not leaving and not helped:
                continue
            alone = self._verdict(self.text.prepare(small_talk), named)
            if alone.status != "smalltalk":
                continue
            if (alone.entry_id in entries and not asks and (
                    leaving or alone.entry_id in (self._thanks_entry, self._okay_entry))
                    or alone.entry_id in self._announcing and leaving and first):
                return Verdict("smalltalk", alone.entry_id, alone.confidence, reason="small talk with a remark")
        return None

    def _small_talk_in_time(self, text: str) -> Verdict | None:
        """Small talk said with the time of day or of the week ("รบกวนสอบถามแต่เช้าหน่อยนะคะ", "ขอบคุณค่ะ พรุ่งนี้จะมาถาม
        ใหม่", "ไว้เจอกันใหม่อาทิตย์หน้าค่ะ") or the season's wishes ("ขอบคุณครับ สุขสันต์วันเด็ก"): the message without its
        time words or wishes (`TIME_TOLD`), when that is small talk. Those words, new to the small-talk phrasings, left
        all of these short of small talk and sent them to staff (sets BL and CT).
        None otherwise, and when the rest holds more than one word new to the entry, unless it is a remark the small
        talk's own checks passed ("บาย ไปนอนก่อน"): "ขอบคุณค่ะ พรุ่งนี้ลูกจะไปสอบ" scores as thanks without "พรุ่งนี้",
        and may tell a matter."""
        rest = TIME_TOLD.sub(" ", text)
        if rest == text:
            return None
        prepared = self.text.prepare(rest)
        verdict = self._decide(rest, prepared)
        if verdict.status != "smalltalk" or verdict.entry_id is None:
            return None
        _, new = self._words_beside(prepared.tokens, self._entry_vocabulary(verdict.entry_id))
        if len(new) > 1 and not verdict.reason.startswith("small talk with a remark"):
            return None
        return replace(verdict, reason=f"{verdict.reason} in time")

    def _relayed_small_talk(self, prepared: Prepared, named: list[str]) -> Verdict | None:
        """Thanks or a greeting passed on for someone else ("คุณยายฝากขอบคุณนะคะ", "ยายฝากสวัสดีมาด้วยจ้ะ"): the small talk
        from "ฝาก" (to pass on) or after "บอก" to the end, when that alone is small talk and only the sender comes before
        it. The sender is often no word of the knowledge base's, and its weight left the small talk short of its
        threshold."""
        found = list(RELAYED.finditer(prepared.text))
        if not found or found[-1].start() == 0:
            return None
        relayed = found[-1]
        sender = prepared.text[: relayed.start()].strip()
        # Only a sender before it, in a few words: "ลูกโดนครูตี แม่ฝากขอบคุณนะ" tells a matter first.
        if " " in sender or len(self.text.prepare(sender).tokens) > RELAYED_SENDER_WORDS:
            return None
        alone = self._verdict(self.text.prepare(prepared.text[relayed.end() :]), named)
        if alone.status != "smalltalk":
            return None
        return replace(alone, reason="small talk passed on")

    def _question_in_story(self, prepared: Prepared, named: list[str]) -> Verdict | None:
        """The answer to the one question a long message asks among clauses that tell a story around it ("พรุ่งนี้
        ต้องไปประชุมผู้ปกครอง … กลุ่มอำนวยการนี่คืออะไรเหรอคะ จะได้ไม่งงตอนเขาพูด"): a clause with a question word that
        names a subject, or names it in the clause before ("…เริ่มจากกลุ่มอำนวยการก่อนครับ ว่าเขามีหน้าที่อะไรบ้าง").
        None when no such clause is answered, when clauses are answered by different entries, or when the message
        asks, in any of its questions or in a word alone before one, a detail the entry's phrasings never ask ("…เขต
        จะแก้ยังไง มีแผนแก้ปีไหน", "email ของกลุ่มอำนวยการคืออะไรคะ จะส่งไฟล์ไป"); the story's own words ("เพิ่งย้ายมาได้
        ไม่กี่เดือน") ask nothing, nor does a clause that vents (`EXCLAIMED`). Two clauses are story enough when the
        second says why the person asks or who they are, without asking or requesting anything ("…ได้ป่ะครับ ถามเพราะ
        ท่านเจ้าอาวาสพูดถึงเรื่องนี้ตอนทำบุญ"; set DB); a detail it names counts as asked ("เครือข่ายความร่วมมือของเขตมี
        หน่วยงานใดแหน่ บอกชื่อมาเลย" asks for names)."""
        texts = prepared.text.split()
        exclaimed = any(EXCLAIMED.search(t) for t in texts)
        asked_first = len(texts) == 2 and not QUESTION_TEXT.search(texts[1]) and not REQUESTED.search(texts[1])
        if len(texts) < (2 if exclaimed or asked_first else STORY_CLAUSES) or not self.text.names_a_topic(prepared):
            return None
        # Only clauses that may hold a question word are prepared.
        clauses = {i: self.text.prepare(t) for i, t in enumerate(texts) if QUESTION_TEXT.search(t)}
        questions = [
            i for i, clause in clauses.items()
            if any(t in QUESTION_WORDS for t in clause.tokens)
            and not (EXCLAIMED.search(texts[i]) and not self.text.names_a_topic(clause))
        ]
        # The clause before each question, prepared once. A word alone there that asks nothing is part of the question
        # ("email ของกลุ่มอำนวยการคืออะไรคะ จะส่งไฟล์ไป" asks an e-mail address, and got what the group is; set CO).
        clause_before = {i: clauses.get(i - 1) or self.text.prepare(texts[i - 1]) for i in questions if i > 0}
        details = frozenset().union(
            *(self._details(clauses[i]) for i in questions),
            *((self._details(self.text.prepare(texts[1])),) if asked_first else ()),
            *(self._details(b) for i, b in clause_before.items() if i - 1 not in clauses and len(b.tokens) == 1),
        )
        found: dict[str, Verdict] = {}
        for i in questions:
            asked = clauses[i]
            if not self.text.names_a_topic(asked) and i > 0:
                before = clause_before[i]
                if len(before.tokens) < 2:  # "สพป. กับ อบต. ต่างกันยังไง" is no story: a name alone is no clause
                    continue
                asked = Prepared(f"{before.text} {asked.text}", before.tokens + asked.tokens)
            if not self.text.names_a_topic(asked):
                continue
            alone = self._verdict(asked, named)
            if alone.status == "answered" and details <= self._entry_details.get(alone.entry_id, frozenset()):
                found.setdefault(alone.entry_id, alone)
        if len(found) != 1:
            return None
        (alone,) = found.values()
        return replace(alone, reason=f"{alone.reason} in a story")

    def _without_disclaimers(self, text: str, clauses: list[re.Match[str]]) -> str:
        """What a message asks besides what it says it does not ask: ``text`` without the ``clauses`` of its
        disclaimers ("ไม่ได้ถามว่ามีกี่ด้าน …"), and after the last of them only what follows its lead-in if one does. A
        clause ends at the next space: Thai writes a space between clauses. The question may come before
        ("กลุ่มอำนวยการเขตพื้นที่คืออะไรคะ ไม่ได้ถามเรื่องงบ"), after or on both sides of it ("ถามเรื่องเครือข่าย ไม่ใช่
        ครอบครัวนะคะ เป็นยังไงบ้าง")."""
        last = text[clauses[-1].end():]
        after_lead_in = _after_last(self._lead_in, last)
        kept = [text[:clauses[0].start()]] + [text[a.end():b.start()] for a, b in zip(clauses, clauses[1:])]
        return " ".join([*kept, last if after_lead_in is None else after_lead_in])

    def _disowns_the_office(self, text: str, clauses: list[re.Match[str]]) -> bool:
        """Whether a message says, in one of its disclaimers' ``clauses``, that what it asks is not this office's or its
        group's ("ความท้าทายของครูในห้องเรียนยุคนี้มีอะไรบ้าง ไม่ใช่ของกลุ่มอำนวยการนะ", "การวางแผนการสอนของครูต้องทำยังไงบ้าง
        ไม่ใช่แผนของเขตนะ": without the disclaimer, they got the group's challenges and its planning; set BK). The
        knowledge base knows only the office's own. Not where the service itself is asked about ("บอทนี้เป็นของบริษัท
        เอกชน ไม่ใช่ของเขตการศึกษา จริงไหม", set AH: whose the service is)."""
        if THIS_SERVICE.search(text):
            return False
        return any(NOT_THE_OFFICES.match(text, m.start()) for m in clauses)

    def _several_questions(self, message: str, prepared: Prepared, verdict: Verdict) -> Verdict:
        """``verdict``, or, when the message holds several questions that are each answered alone by different
        entries, one of those answers with the others in `Verdict.also` (the person gets them as buttons).

        "กลุ่มอำนวยการทำอะไร แล้วกระจายอำนาจคืออะไร" got one answer and nothing for its other question. The
        whole message's answer is kept when it is one of them; otherwise the first question's answer is given,
        since each was found alone with the usual thresholds. The whole message has been checked for units not
        covered; a request for a person, or small talk, is left as it is.

        An answered message goes to staff whole when one of its questions asks about the person's own school and
        no entry answers that question alone ("กระจายอำนาจภายในเขตทำยังไง แล้วโรงเรียนลูกได้รับมอบอำนาจเรื่องอะไรบ้าง"
        got the four areas; set AX): the answer would leave it with no answer and no ticket."""
        if verdict.reason.split(" ")[0] not in SPLITTABLE:
            return verdict
        parts = [p for p in QUESTION_BREAK.split(message) if p.strip()]
        if len(parts) < 2:
            return verdict
        # Each question asks and names a subject or the office itself ("…แล้วสำนักงานอยู่ที่ไหน"); a line that only
        # names a subject ("รายงานกระจายอำนาจ") is part of a question typed over several lines.
        asking = [p for p in map(self.text.prepare, parts) if QUESTION_TEXT.search(p.text)]
        alone: dict[int, Verdict] = {}

        def decided(i: int) -> Verdict:
            """Question ``i`` decided alone, once: a question about the person's own school that names a subject is
            looked at by both checks below."""
            if i not in alone:
                alone[i] = self._verdict(asking[i], _numbers(asking[i]))
            return alone[i]

        if verdict.status == "answered" and any(
                ONE_SCHOOL.search(_skeleton(p.text, folded=False)) and decided(i).status != "answered"
                for i, p in enumerate(asking)):
            return Verdict("escalated", None, 0.0, reason=OWN_CASE)
        if verdict.status == "answered" and any(
                self._asks_beyond(p, verdict.entry_id) and decided(i).confidence < BEYOND_SCORE
                for i, p in enumerate(asking)):
            return Verdict("escalated", None, 0.0, reason=ANOTHER_QUESTION)
        asked = [i for i, p in enumerate(asking) if self.text.names_a_topic(p) or self.text.names_the_office(p)]
        if len(asked) < 2:
            return verdict
        answered = [v for v in map(decided, asked) if v.status == "answered"]
        ids = list(dict.fromkeys(v.entry_id for v in answered))
        if len(ids) < 2:
            return verdict
        main = verdict if verdict.status == "answered" and verdict.entry_id in ids else answered[0]
        also = tuple(i for i in ids if i != main.entry_id)
        return replace(main, also=also, reason=f"{main.reason}, several questions")

    def _asks_beyond(self, question: Prepared, entry_id: str) -> bool:
        """Whether ``question``, asked after another with "แล้ว", asks in words of its own, most of them, and at least
        two, dictionary words that the phrasings of ``entry_id`` (the answer to the whole message) never use:
        "…คืออะไรคะ แล้วต้องจบสาขาอะไรถึงจะไปทำงานที่นั่นได้" asks what the answer does not say (set DB). Not a question
        that goes on with the same matter in the entry's words ("…ส่งเสริมการมีส่วนร่วมยังไงบ้าง แล้วมีติดตามผลไหม")."""
        if not question.text.startswith("แล้ว") or not QUESTION_WORDS.intersection(question.tokens):
            return False
        found, new = self._words_beside(question.tokens, self._entry_vocabulary(entry_id))
        return len(new) >= 2 and len(new) > len(found) - len(new)

    def _question_besides(self, text: str) -> Prepared | None:
        """What a message asks after a clause saying what it already knows ("นอกจากวางแผนกับกำหนดนโยบายแล้ว
        กลุ่มอำนวยการมีหน้าที่อะไรอีกบ้าง" got planning, the one thing it does not ask): the text after that clause,
        prepared, when it names one of the office's subjects; None otherwise. The clause ends at the next space, as a
        disclaimer's does; with nothing after it ("…นอกจากครอบครัวมีใครอีกบ้างคะ") the whole message is the question."""
        found = BESIDES.search(text)
        return self._subject_question(text[found.end():] if found else None)

    def _question_after_lead_in(self, text: str) -> Prepared | None:
        """What follows the message's last lead-in, prepared; None without a lead-in, or when what follows names
        none of the office's subjects (it refers to what came before)."""
        return self._subject_question(_after_last(self._lead_in, text))

    def _subject_question(self, rest: str | None) -> Prepared | None:
        """``rest`` of a message, prepared, as the question it asks when it names one of the office's subjects; None
        without a rest or when it names none."""
        if rest is None:
            return None
        question = self.text.prepare(rest)
        return question if self.text.names_a_topic(question) else None

    def _verdict(self, prepared: Prepared, named: list[str]) -> Verdict:
        """The verdict on a prepared message whose units are covered; ``named``: the numbers it counts as naming."""
        th = self.thresholds
        asked = self._details(prepared)
        # A detail asked takes the score of every entry whose phrasings never ask it, so the one that does may rank
        # below the first few: "ระบบถามตอบของ สพป. เก็บข้อความผู้ใช้ไว้กี่วัน" ranked three entries on the office first
        # and went to staff (set AY).
        candidates = self.matcher.rank(prepared, limit=th.max_suggestions + (DETAIL_RANKED if asked else 2))
        penalty = 1.0 - th.unknown_penalty * self.unknown_share(prepared.tokens)
        counts = self._counts_stated(prepared)
        if counts and CLAIM_CHECKED.search(prepared.text):
            # A count claimed and asked to be confirmed ("ครูบอกว่าการกระจายอำนาจมี 5 ด้าน จริงไหม") is settled by the
            # entry that states the list, right or wrong: the answer gives the count.
            named = [n for n in named if n not in counts]
            counts = frozenset()
        scored = sorted(
            (
                Candidate(c.entry_id, c.kind, c.score * penalty * self._detail_factor(asked, named, c.entry_id, counts),
                          c.best_phrasing)
                for c in candidates
            ),
            key=lambda c: -c.score,
        )
        thing = self._thing_asked(prepared)
        if thing:  # "…ดูแลเรื่อง X ด้วยไหม": only entries whose phrasings hold all of X
            scored = [c for c in scored if c.kind != "faq" or self._holds_all(thing, c.entry_id)]
            if not scored:
                return Verdict("escalated", None, 0.0, reason="no-match")
        top = scored[0]
        confidence = max(0.0, min(1.0, top.score))
        if top.kind == "smalltalk":
            # "สวัสดีค่ะ กลุ่มอำนวยการมีหน้าที่อะไร" is a question with a greeting, not small talk.
            question = next((c for c in scored if c.kind == "faq"), None)
            question_wins = question is not None and question.score >= max(th.answer, th.question_share * top.score)
            decides = top.score >= (th.announcing if top.entry_id in self._announcing else th.smalltalk)
            weak = top.score < th.smalltalk
            if decides and not question_wins:
                if STAFF_ASKED_FOR.search(prepared.text):
                    return Verdict("escalated", None, confidence, reason="asked-for-staff", candidates=tuple(scored))
                # Small talk that names a topic is asked about that topic ("สวัสดีค่ะ ขอถามเรื่องค่าเทอมหน่อย" got the
                # greeting, and no ticket). Other Thai words are not looked at: respelt or colloquial ones ("มั่ง",
                # "หนิ") are often new to the phrasings.
                topic = self._topic_named(prepared, top.entry_id)
                if topic is not None:
                    return self._verdict(topic, named)
                beside = self._question_beside(prepared, named) if top.entry_id in self._announcing else None
                if beside is not None:
                    return beside
                beyond = (self._english_beyond(prepared, top.entry_id)
                          or self._another_matter(prepared, top.entry_id, words=1 if weak else 2)
                          or self._asks_of_a_topic(prepared, top.entry_id))
                if not beyond:
                    return Verdict("smalltalk", top.entry_id, confidence, reason="smalltalk", candidates=tuple(scored))
                # The matter beside the small talk asks nothing: staff read it ("สวัสดีค่ะ แอดมินกลุ่มผู้ปกครองนะคะ"
                # got who may take part in education, by "ผู้ปกครอง").
                if not QUESTION_TEXT.search(prepared.text):
                    return Verdict("escalated", None, confidence, reason="no-match", candidates=tuple(scored))
            # Small talk short of its own threshold decides nothing; when the message names one of the office's
            # subjects, an FAQ entry close behind it is the question.
            if decides or (question_wins and self.text.names_a_topic(prepared)):
                scored = [c for c in scored if c.kind != "smalltalk"]
                if not scored:  # only small-talk entries came near ("Thanks! And who can take part in …?")
                    return Verdict("escalated", None, 0.0, reason="no-match")
                top = scored[0]
                confidence = max(0.0, min(1.0, top.score))
        handoff = next((c for c in scored if c.kind == "handoff"), None)
        if handoff is not None and handoff.score >= th.handoff and self._asks_for_staff(prepared, handoff, scored):
            return Verdict("escalated", handoff.entry_id, confidence, reason="asked-for-staff", candidates=tuple(scored))
        if self._bids_staff(prepared):
            return Verdict("escalated", None, confidence, reason="asked-for-staff", candidates=tuple(scored))
        scored = [c for c in scored if c.kind != "handoff"]
        top = scored[0] if scored else top
        confidence = max(0.0, min(1.0, top.score))
        subject = self._subject_words(prepared)
        if not subject:
            return Verdict("escalated", None, confidence, reason="no-subject", candidates=tuple(scored))
        faq = [c for c in scored if c.kind == "faq"]
        if len(prepared.tokens) == 1 and top.kind == "faq":
            # One word names a topic and asks nothing of it: "โรงเรียน" or "ติดตามผล" is offered every entry it
            # could be asked of, rather than answered with the likeliest.
            offered = self._offerable(faq, subject)
            if len(offered) > 1:
                return self._choice(offered, confidence, "one-word", scored)
        runner_up = faq[1].score if len(faq) > 1 else 0.0
        if (top.kind == "faq" and top.score >= th.answer and top.score - runner_up >= th.margin
                and self._shares_a_word(subject, top.entry_id)
                and not (len(faq) > 1 and self._names_more(subject, faq[1], top))):
            if self._asks_inside_an_item(prepared, top.entry_id):
                return Verdict("escalated", None, confidence, reason="inside-an-item", candidates=tuple(scored))
            return Verdict("answered", top.entry_id, confidence, reason="confident", candidates=tuple(scored))
        near = max(2 * th.margin, th.names_more_gap)
        close = self._offerable([c for c in faq if c.score >= top.score - near], subject)
        if faq and faq[0].score >= th.clarify and close:
            return self._choice(close, confidence, "close-call", scored)
        return Verdict("escalated", None, confidence, reason="no-match", candidates=tuple(scored))

    def _asks_inside_an_item(self, prepared: Prepared, entry_id: str) -> bool:
        """Whether the message asks what one item of ``entry_id``'s list holds, which the answer, naming the items
        only, does not say: "ด้านการบริหารทั่วไปครอบคลุมงานอะไรบ้าง" got the four areas of decentralization. It names
        one item, asks for contents after it ("อะไรบ้าง", "ครอบคลุม": before it, "ครอบคลุมด้านงบประมาณด้วยไหม" asks
        whether the list holds the item) and asks nothing of the other items ("นอกจากด้านวิชาการแล้ว มีด้านอะไรอีก" is
        answered by the list)."""
        items = self._named_only.get(entry_id)
        if not items:
            return False
        text = _skeleton(prepared.text)
        named = [ends for item in items if (ends := [text.find(form) + len(form) for form in item if form in text])]
        return (len(named) == 1 and any(w in text[min(named[0]):] for w in self._contents_asked)
                and not any(w in text for w in self._other_items_asked))

    def _names_more(self, subject: list[str], runner: Candidate, top: Candidate) -> bool:
        """Whether the ``runner`` up, close behind the ``top`` entry, holds in its phrasings one of the message's
        ``subject`` words that the top's phrasings lack, while the top's hold none that the runner-up's lack: then
        the message may be asking the runner-up's question, and is offered both. "บทบาทสำคันของกลุ่มอำนวยการคืออะไร"
        (its important role) got what the group is, and "ทำไมกลุมอำนวยการตองพัฒนาครู" why it matters."""
        if runner.score < top.score - self.thresholds.names_more_gap:
            return False
        top_text = self._entry_text.get(top.entry_id, "")
        runner_text = self._entry_text.get(runner.entry_id, "")
        only_runner = [w for w in subject if w in runner_text and w not in top_text]
        only_top = [w for w in subject if w in top_text and w not in runner_text]
        return bool(only_runner) and not only_top

    @staticmethod
    def _bids_staff(prepared: Prepared) -> bool:
        """Whether the message tells staff or a person to do something and asks nothing: "ส่งต่อ จนท ด้วยค่ะ", "ให้คนมา
        ตอบหน่อย" got the entry on how handing over works, and no ticket; "ช่วยลบข้อมูลของฉันเลยค่ะ" (or "…ได้ไหม") the
        privacy answer; "ยังไม่มีใครตอบเลย" the explanation of handing over. Asking to be told ("รบกวนอธิบาย…") asks."""
        # Its "ใคร" (no one) asks nothing, nor does "ทำไม…" (why…) before it or "ทำงาน(กัน)ยังไง" (how do you work) after
        # it: they complain (sets AX and AY: "…ยังไม่มีใครตอบเลย ทำงานกันยังไง"); "…ต้องทำยังไง" asks.
        if NOT_ANSWERED.search(prepared.text) and not QUESTION_TEXT.search(
                RHETORICAL.sub(" ", NOT_ANSWERED.sub(" ", prepared.text))):
            return True
        if DELETING_BIDDEN.search(prepared.text) and not HOW_OR_IF.search(prepared.text):
            return True
        if QUESTION_TEXT.search(prepared.text) or EXPLAINING.search(prepared.text):
            return False
        if DELETING.search(prepared.text):
            return True  # "อยากลบประวัติแชต" bids as well as "ลบให้ด้วย"
        if not STAFF_WORDS.intersection(prepared.tokens):
            return False
        return BIDDING.search(CLOSING_PARTICLE.sub("", prepared.text).strip()) is not None

    def _asks_for_staff(self, prepared: Prepared, handoff: Candidate, scored: list[Candidate]) -> bool:
        """Whether a message that resembles a request for a person (``handoff``) is one. A request for a person
        and a question about how handing over works share their words ("เจ้าหน้าที่", "ตอบ"), and the two entries
        come out close: then a request word ("ขอ", "อยากให้") makes it a request, even when the entry on handing
        over scores higher ("อยากให้เจ้าหน้าที่ติดต่อกลับทางไลน์" got that entry), and a condition or a question
        about the reply or the steps ("ถ้าบอทตอบไม่ได้…", "…จะตอบกลับทางไหน", "…มีขั้นตอนยังไง") without one a
        question, even when the request scores higher (they went to staff). Otherwise the higher of the two wins."""
        faq = next((c for c in scored if c.kind == "faq"), None)
        if faq is None or faq.score < self.thresholds.answer or abs(handoff.score - faq.score) > HANDOFF_CLOSE:
            return handoff.score >= (faq.score if faq is not None else 0.0)
        # Words spaced apart as some type them ("การ ส่ง ต่อ เรื่อง ให้ เจ้า หน้าที่ ทำ งาน ยัง ไง", set CF) are found whole.
        joined = prepared.text.replace(" ", "")
        if REQUESTED.search(NOT_REQUESTING.sub(" ", joined)):
            return True
        if PROCESS_ASKED.search(joined):
            return False
        return handoff.score >= faq.score

    def _english_beyond(self, prepared: Prepared, entry_id: str) -> bool:
        """Whether a message resembling the small-talk entry ``entry_id`` has English words its phrasings never use,
        other than words such as "so", "much" or "there" that say nothing alone: "Hello, my son's school closed,
        who do I contact?" is a question, "thank you so much" is thanks."""
        own = self._entry_vocabulary(entry_id)
        return any(is_english_word(t) and t not in own and t not in ENGLISH_STOP_WORDS for t in prepared.tokens)

    def _another_matter(self, prepared: Prepared, entry_id: str, words: int = 2) -> bool:
        """Whether a message resembling ``entry_id``, one of the announcing small-talk entries ("ขอสอบถามหน่อย"), has
        a clause of ``words`` or more dictionary words, none of them in that entry's phrasings: what the person has
        come about ("ลูกโดนครูตีค่ะ"). Words the dictionary lacks are left out of this: respelt or colloquial ones are
        often new to the phrasings. A clause may also hold other words (shared with the entry, or not in the
        dictionary) when most of its words, and at least two, are new and it asks ("ลูกโดนครูตีทำไงดีคะ" shares "ดี" with
        the greeting), or when three are new for each other one ("น้องถูกครูดุแรงมาก" shares "น้อง")."""
        if entry_id not in self._announcing:
            return False
        clauses = prepared.text.split()
        if len(clauses) < 2:
            return False
        own = self._entry_vocabulary(entry_id)
        for clause in clauses:
            found, new = self._words_beside(self.text.prepare(clause).tokens, own)
            others = len(found) - len(new)  # in the entry's phrasings, or not in the dictionary
            if len(found) >= words and not others:
                return True
            # A clause may share a word with the entry ("ดี" in "…ทำไงดีคะ", "น้อง" in "น้องถูกครูดุแรงมาก"): most of its
            # words are enough when it asks, three for each other one when it tells.
            if QUESTION_TEXT.search(clause) and len(new) >= max(words, 2) and len(new) > others:
                return True
            if others and len(new) >= 3 * others:
                return True
        return False

    def _words_beside(self, tokens: Sequence[str], own: frozenset[str]) -> tuple[list[str], list[str]]:
        """The words of ``tokens`` that may tell a matter beside small talk, and those of them new to it: content words
        other than courtesy words (a clause of courtesy words alone keeps them, "รบกวนสอบถามค่ะ": they are no matter),
        and of those the dictionary's words not in the small-talk entry's phrasings ``own``. Words the dictionary lacks
        are not counted new: respelt or colloquial ones are often new to the phrasings."""
        found = [t for t in tokens if self.text.is_content_word(t) and t not in FILLER]
        return found, [w for w in found if self.text.is_known_word(w) and w not in own]

    def _question_beside(self, prepared: Prepared, named: list[str]) -> Verdict | None:
        """The answer to a question asked in its own clause beside a greeting or other announcing small talk, when
        that clause alone is answered: "เพิ่งแอดไลน์มา นี่ไลน์ของหน่วยงานไหนครับ" got the greeting, as the greeting's
        phrasings share more of its words than the answer's do. None when no clause is answered alone, or clauses
        are answered by different entries."""
        clauses = prepared.text.split()
        if len(clauses) < 2:
            return None
        answered = [v for v in (self._verdict(self.text.prepare(c), named) for c in clauses if QUESTION_TEXT.search(c))
                    if v.status == "answered"]
        if len({v.entry_id for v in answered}) != 1:
            return None
        return replace(answered[0], reason=f"{answered[0].reason} beside small talk")

    def _asks_of_a_topic(self, prepared: Prepared, entry_id: str) -> bool:
        """Whether a message resembling thanks, goodbye or a nod (small talk that announces nothing) asks a question
        about one of the office's subjects: "ได้ยินมาว่ากลุ่มอำนวยการถูกยุบไปแล้ว จริงไหมคะ" got goodbye by its "ไปแล้ว";
        or about anything told in two or more dictionary words new to the entry's phrasings: "ข้อความที่ลบไปแล้วกู้คืนได้
        ไหมคะ" (whether deleted messages can be restored) got goodbye the same way (set CI)."""
        if entry_id in self._announcing or not any(t in QUESTION_WORDS for t in prepared.tokens):
            return False
        return (self.text.names_a_topic(prepared)
                or len(self._words_beside(prepared.tokens, self._entry_vocabulary(entry_id))[1]) >= 2)

    def _topic_named(self, prepared: Prepared, entry_id: str) -> Prepared | None:
        """What a message resembling the small-talk entry ``entry_id`` names after "เรื่อง" or "เกี่ยวกับ" ("สวัสดีค่ะ
        ขอถามเรื่องค่าเทอมหน่อย"), prepared; None when it names nothing the entry's phrasings do not. The word right
        after must be a dictionary word of three letters or more that asks nothing: "ตอบเรื่องไรได้มั่ง" asks what
        the bot answers, and "ตอบเรื่องไหรได้บ้าง" is "ไห|ร", a misspelt question word."""
        tokens = prepared.tokens
        marker = next((i for i, t in enumerate(tokens) if t in TOPIC_MARKERS), None)
        if marker is None or marker + 1 == len(tokens):
            return None
        # "เรื่องการย้ายครู": the noun-making "การ" or "ความ" alone says nothing; the word after it is the topic.
        word = next((t for t in tokens[marker + 1:marker + 3] if t not in NOUN_MAKERS), "")
        if (len(word) < 3 or not self.text.is_known_word(word) or not self.text.is_content_word(word)
                or word in self._asking_words or word in self._entry_vocabulary(entry_id)):
            return None
        rest = tokens[marker + 1:]
        return Prepared(text=" ".join(rest), tokens=rest, converted_layout=prepared.converted_layout)

    def _thing_asked(self, prepared: Prepared) -> list[str]:
        """What a yes-or-no question asks whether someone handles, as subject words: "รถ", "รับส่ง", "นักเรียน" in
        "กลุ่มอำนวยการดูแลเรื่องรถรับส่งนักเรียนด้วยไหม". Such a message shares the group's name and "ดูแล" with the
        duties entry, and got it whatever the thing was; an entry answers only if its phrasings hold every word
        of the thing. With nothing between ("…ดูแลด้วยไหม") the thing is named before: "เรื่องรถรับส่งนักเรียนค่ะ
        กลุ่มอำนวยการดูแลด้วยไหมคะ" got the resources entry; there it is what the words before name, the office and
        its subjects aside ("งบประมาณ กลุ่มอำนวยการดูแลด้วยไหม" asks of the budget). Empty when the message asks no
        such question."""
        text = prepared.text
        if self._covers is None or not any(w in text for w in self._cover_words):  # most messages: no regex search
            return []
        found = self._covers.search(text)
        if found is None:
            return []
        thing = self._subject_words(self.text.prepare(found.group(1)))
        if thing:
            return thing
        before = self.text.prepare(text[:found.start()])
        return self._subject_words(replace(before, tokens=tuple(t for t in before.tokens if not self.text.is_office_word(t))))

    def _holds_all(self, words: list[str], entry_id: str) -> bool:
        return all(self._shares_a_word([w], entry_id) for w in words)

    def _offerable(self, candidates: Sequence[Candidate], subject: list[str]) -> list[Candidate]:
        """The FAQ candidates worth offering as a choice: scoring at least `clarify` and sharing a subject word."""
        return [c for c in candidates if c.score >= self.thresholds.clarify and self._shares_a_word(subject, c.entry_id)]

    def _choice(self, offered: Sequence[Candidate], confidence: float, reason: str, scored: Sequence[Candidate]) -> Verdict:
        ids = tuple(c.entry_id for c in offered[: self.thresholds.max_suggestions])
        return Verdict("clarify", None, confidence, suggestions=ids, reason=reason, candidates=tuple(scored))
