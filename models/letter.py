"""What a message written as a letter asks: the message without its salutation, its closing, the writer's
introduction, courtesies to everyone on the office's side, and what the answer is for.

People write to a government office the way they would write it a letter: "เรียน ผอ.สพป.ชพ.2" on the first line,
"กระผมเป็น ผอ.ร.ร. แห่งหนึ่งในสังกัด" before the question, "ขอแสดงความนับถือ" at the end. The salutation and the
introduction name people and bodies the knowledge base does not cover (the office's director, a school committee,
a school's general administration section), and a message naming one goes to staff as a question about it: 7 of
set AP's 157 answerable questions did. Nor is "สวัสดีครับ กระผมเป็นผู้ปกครองนักเรียนในเขตพื้นที่ครับ" a matter for staff
beside the greeting; it says who is writing.

A greeting or thanks may address everyone on the office's side ("กราบสวัสดีท่านผู้อำนวยการและเจ้าหน้าที่ทุกท่านครับ"), and a
goodbye may end with a wish ("…ขอให้เจ้าหน้าที่ทุกท่านมีสุขภาพแข็งแรงค่ะ"). Both are framing too: the address names the
director, and the wish is words no small-talk phrasing has, so such courtesies went to staff as tickets that ask nothing.
An address runs from whom it names to "ทุกท่าน" (everyone) where a clause ends; a wish from "ขอให้" to the end of the
clause that wishes health, happiness, a good day or luck. Thanks may be given on behalf of a group ("ขอบคุณในนาม
เครือข่ายผู้ปกครองค่ะ"), which names it as an address does. And people who ask for a meeting or a notice board say what
the answer is for ("…เพื่อใช้ประกอบวาระการประชุมค่ะ", "…จะเอาไปพูดในที่ประชุมผู้ปกครองพรุ่งนี้", "เตรียมสอบ รอง ผอ.สพท.
ครับ …"), in words no entry has: their questions went to staff (sets AZ and BA).
A school clerk or a committee chair signs off as in an e-mail: a last line, a bracket or what follows a dash that starts
with a role ("ธุรการ รร.บ้าน…", "(ผู้ปกครอง ป.3)", "— ครูวิชาการ"), its phone number or e-mail address beside it (set BJ).

An introduction is a first-person pronoun (in a formal letter after "ด้วย", "because": "ด้วยข้าพเจ้าเป็นผู้ปกครอง…")
with "เป็น", "ชื่อ", "ทำงาน", "ในฐานะ", where the writer works or comes from, what they run or a role, "เป็น" and a role
with no pronoun ("เป็นผู้ปกครองค่ะ"), a role and where from ("ครูจากโรงเรียนในเขตค่ะ"), a relative saying it is them
("ยายเองนะ") or whose relative they are ("แม่น้องต้นค่ะ"), or after a greeting a role alone with which one it is
("สวัสดีครับ ผู้ใหญ่บ้านหมู่ 5 ครับ"), where a clause begins, up to the end of its clause (a polite particle, a lead-in
such as "อยากทราบว่า", or a space that no abbreviation runs across: "ผมเป็นครู ร.ร.ในสังกัด สพฐ. ครับ" is one clause).
Only the first clause is taken: "ผมเป็นผู้ปกครอง ลูกโดนครูตี …" keeps the matter. None of this framing goes when it asks
something or tells the person's own case ("สวัสดีค่ะ ดิฉันเป็นผู้ปกครองที่ลูกโดนครูตีค่ะ" got the greeting back).
"""
from __future__ import annotations

import re
from typing import Callable

from models.text import CLOSING_PARTICLE, without_pasted

# The first line of a letter: "เรียน" or "กราบเรียน" and whom it is to, not "เรียนสอบถาม" (a lead-in) or "เรียนออนไลน์".
SALUTATION = re.compile(
    r"(?:กราบ)?เรียน(?:\s|ท่าน|คุณ|เจ้าหน้าที่|จนท|ผอ|ผู้|แอดมิน|admin|สพป|สำนักงาน|หัวหน้า|ฝ่าย|กลุ่ม|คณะ)", re.IGNORECASE
)
# A letter's subject line, above its salutation ("เรื่อง: สอบถามข้อมูลหน่วยงาน"; "Subject:" in a template, set CV):
# a line of its own, first, with a colon, or with the salutation on the next line.
SUBJECT = re.compile(r"(?:เรื่อง|subject)\s*:", re.IGNORECASE)
SUBJECT_BEFORE_SALUTATION = re.compile(r"เรื่อง\s")
# The last lines of a letter: regards, "therefore I write…", thanks in advance.
CLOSING = re.compile(r"ขอแสดงความนับถือ|ด้วยความเคารพ|จึงเรียนมา|(?:กราบ|ขอ)?ขอบ(?:พระ)?คุณ")
# The same, closing the line that asks ("…ดูแลเรื่องทรัพยากรอย่างไรคะ ขอบคุณล่วงหน้าค่ะ", "…อย่างไรคะ ดวยความเคารพ", its
# marks maybe missing; set CV): the closing's words, new to the phrasings, diluted the question.
CLOSING_AFTER = re.compile(
    r"\s(?:ขอแสดงความนับถือ|ด้?วยความเคารพ|(?:กราบ|ขอ)?ขอบ(?:พระ)?คุณ(?:มาก)?(?:ล่วงห(?:น้|น)า)?)"
    r"(?:\s*(?:นะ)?(?:ครับ|ค่ะ|คะ|คับ|จ้า|จ้ะ))?$"
)
# Who is writing, where a clause begins; not "ผมเป็นห่วง…" (worried) or "ผมเป็นอะไร…" (what am I…). Said as people talk,
# the role follows the pronoun with no verb: "ผมครูอัตราจ้างครับ", "ดิฉันผู้ปกครองค่ะ".
# Local administration staff, a school janitor and an abbot write too ("สวัสดีค่ะ ปลัด อบต.ค่ะ"; sets BY and BZ).
ROLES = "ครู|ผู้ปกครอง|กรรมการ|นักเรียน|นักศึกษา|ผอ|ผู้อำนวยการ|ผู้ใหญ่บ้าน|กำนัน|สมาชิก|ประธาน|เลขา|อสม|ปลัด|ภารโรง|เจ้าอาวาส"
# Also a relative saying it is them ("สวัสดีลูก ยายเองนะ").
KIN = "ยาย|ตา|ปู่|ย่า|แม่|พ่อ|ป้า|ลุง|น้า"
# Or where they work or come from, or what they run ("ผมจัดรายการวิทยุชุมชนครับ", "ครูจากโรงเรียนในเขตค่ะ").
WHERE_FROM = "มาจาก|อยู่ที่|สอนอยู่|สอนที่|จัดรายการ|ทำรายการ"
# Or that they type for someone else ("ลูกสาวพิมพ์แทนคุณพ่อนะคะ", "หลานกดให้", "ผอ.ให้ภารโรงมาถามแทนครับ"; set BY): a few
# words for who types, then typing or asking for someone; "…ให้" only after who types ("พิมพ์ให้ใหญ่ๆ หน่อย" asks it of the
# bot), and not a question's "คำถาม" ("ระบบส่งต่อคำถามให้คนตอบ…").
PROXY = r"\S{0,16}?(?<!คำ)(?:พิมพ์|กด|ถาม)(?:มา)?แทน|\S{1,12}?(?<!คำ)(?:พิมพ์|กด|ถาม)(?:มา)?ให้"
# Or whose relative they are, by the child's nickname ("แม่น้องต้นค่ะ", "ยายของน้องมะปรางเองจ้า", "ฉานแม่เฒ่าน้องบีมนิ"),
# pronoun or not; a relative alone after a pronoun could begin another word ("ดิฉันตามไม่ทัน", "ผมตามเรื่อง…").
KIN_OF_CHILD = f"(?:{KIN})(?:เฒ่า)?(?:ของ)?น้อง"
INTRO = re.compile(
    r"(?:^|(?<=\s))(?:(?:ด้วย)?(?:ดิฉัน|ผม|กระผม|ข้าพเจ้า|หนู|ฉัน|ฉาน|อาตมา)"
    rf"(?:ทำงานเป็น|ทำงาน|เป็น(?!ห่วง|กังวล|ทุกข์|หนี้|อะไร|ไร)|ชื่อ|ในฐานะ|{WHERE_FROM}|(?={ROLES}|{KIN_OF_CHILD}))"
    rf"|(?:{KIN})เอง(?=นะ|ค่ะ|ครับ|คะ|จ้ะ|จ้า|\s|$)"
    rf"|{KIN_OF_CHILD}|{PROXY}"
    rf"|(?:เป็น)?(?:{ROLES})(?=จาก)|เป็น(?={ROLES}))"
)
# A role alone after a greeting says who is writing too ("สวัสดีครับ ผู้ใหญ่บ้านหมู่ 5 ครับ", "สวัสดีค่ะ ครูบรรจุใหม่
# นะคะ", "…ผู้ใหญ่บ้านหมู่ ๓ ทักมาครับ", set BP; "…ผู้ปกครอง ป.๓/๑ ค่ะ", with the room, set BQ):
# the role, words that say which one, and a polite particle, nothing else ("สวัสดีค่ะ ครูตีเด็กค่ะ" tells a matter).
# Bounded, so that no long line takes long to search.
ROLE_DETAIL = (r"ประจำชั้น|บรรจุใหม่|อัตราจ้าง|ผู้ช่วย|เกษียณ|ใหม่|นักเรียน|(?:โรงเรียน|ร\.ร\.|รร\.?)(?:บ้าน|วัด|อนุบาล)\S{0,20}?"
               r"|หมู่ ?\d{1,2}|ป\. ?\d(?:/\d{1,2})?|ชั้น ?\S{1,6}?|ในเขต|ในสังกัด|กลุ่มนิเทศฯ?|ทักมา|(?:อบต|อบจ|เทศบาล)\S{0,20}?|\.| ")
# Insiders name their posts too: a deputy director ("รอง ผอ.รร.บ้าน…"), a supervisor ("ศน."; set BA).
GREETED_ROLE = re.compile(
    rf"^((?:กราบ)?(?:สวัสดี|สวัดดี|หวัดดี)\S{{0,10}}) (?:{ROLES}|รอง ?ผอ|ศน)(?:{ROLE_DETAIL}){{0,8}}? ?(?:นะ)?(?:ครับ|ค่ะ|คะ|จ้า|จ้ะ)(?=\s|$)"
)
# Everyone on the office's side, addressed after a greeting, thanks or a salutation, or where a clause begins, up to
# "ทุกท่าน" where its clause ends: "ท่านผู้ดูแลระบบและเจ้าหน้าที่ทุกท่าน", "เจ้าหน้าที่ สพป.ชุมพร เขต 2 ทุกท่าน".
ADDRESS = re.compile(
    r"(?:^|(?<=\s)|(?<=สวัสดี)|(?<=ขอบคุณ)|(?<=เรียน))(?:ท่าน)?(?:ผู้อำนวยการ|ผอ|ผู้ดูแลระบบ|เจ้าหน้าที่|จนท|แอดมิน|ทีมงาน)"
    r"[^\n]{0,40}?ทุกท่าน(?=\s|$|ครับ|ค่ะ|คะ|นะ|จ้ะ|จ้า)"
)
# A wish, from "ขอให้" (may you…) to the end of the clause that wishes, its polite particle included: what follows
# is not the wish ("…ขอให้วันนี้เป็นวันที่ดี ลูกโดนรถชนหน้าโรงเรียนค่ะ" tells a matter). Bounded, so no line takes long to
# search.
WISH = re.compile(
    r"ขอ(?:ให้|อวยพรให้)[^\n]{0,60}?(?:สุขภาพ|ความสุข|วันที่ดี|โชคดี|เจริญ|ราบรื่น|สุขสันต์)\S{0,20}"
    r"(?:[ \t]+(?:ครับ|ค่ะ|คะ|นะ|นะคะ|นะครับ|จ้า|จ้ะ))?(?=\s|$)"
)
# What the answer is for, from there to the end of its clause: "…หน่วยงานลักษณะใด เพื่อใช้ประกอบวาระการประชุมค่ะ",
# "…เป็นข้อๆ หน่อยค่ะ จะเอาไปพูดในที่ประชุมผู้ปกครองพรุ่งนี้". People asking for a meeting, a notice board or the village
# say so, and the words (a meeting, tomorrow) are no subject of the office's: such questions went to staff. So do
# students and writers ("ขอสอบถามเพื่อทำรายงานหน่อยค่ะ", "…ข้อมูลประกอบการเขียนวิทยานิพนธ์"; set CU): "ประกอบการ" had
# matched the businesses that may take part in education ("สถานประกอบการ"), and "รายงาน" the office's report.
PURPOSE = re.compile(
    "เพื่อ(?:ใช้|นำ|เอา|เตรียม|ประกอบ)|เตรียมสอบ|(?:จะ(?:ได้)?)?(?:เอา|นำ)ไป(?:พูด|เล่า|บอก|ใช้|สรุป|เสนอ|แจ้ง|ชี้แจง|ประกอบ|อธิบาย|แชร์)"
    "|(?<!สถาน)ประกอบการ(?:ทำ|เขียน)"
    "|เพื่อ(?:ทำ|เขียน)(?=รายงาน|วิทยานิพนธ์|สารนิพนธ์|งานวิจัย|วิจัย|การบ้าน|บทความ|ข่าว)"
)
# Asking whether one may, at the end of a clause: "…ได้ไหมคะ", "…ได้หรือไม่".
PERMISSION_ASKED = re.compile(r"ได้(?:ไหม|มั้ย|หรือไม่|หรือเปล่า)\S*$")
# Thanks on behalf of others ("ขอบคุณในนามเครือข่ายผู้ปกครองค่ะ", "ขอบคุณแทนคณะกรรมการสถานศึกษาด้วยนะคะ"): after the thanks,
# from "แทน" or "ในนาม" to the end of the clause, the group thanking, which names bodies the knowledge base does not cover.
ON_BEHALF = re.compile(r"(?:(?<=ขอบคุณ)|(?<=ขอบพระคุณ))(?:มาก)?ๆ?\s?(?:แทน|ในนาม)")
# The writer's sign-off at the end (set BJ): a line of its own, a bracket, or what follows a dash, that says who wrote it
# and where from ("(ธุรการ รร.บ้าน…)", "— ครูวิชาการ", "ประธานชุมชน"; the phone number or e-mail address beside it is
# already gone, models/text.py). It starts with a role and asks nothing.
# A name with its title signs off too ("นางสาว ก.", "นาย ค."; set CV).
SIGN_OFF = re.compile(rf"(?:{ROLES}|ธุรการ|รอง ?ผอ|ศน\.|นาย\s|นางสาว|นาง\s|น\.ส\.)")
SIGN_OFF_LETTERS = 60
SIGNED_AFTER = re.compile(
    rf"\s*(?:\(([^()\n]{{1,{SIGN_OFF_LETTERS}}})\)|(?:—|–|-{{1,2}})\s*([^\n]{{1,{SIGN_OFF_LETTERS}}}))\s*$"
)
# Words that make a would-be wish or address a matter: "ขอให้หายป่วยไวๆ แต่ยังไม่มีใครตอบ".
NOT_COURTESY = re.compile("ไม่|แต่|ยัง")
SPACE = re.compile(r"\s+")


def letter_body(message: str, lead_in: re.Pattern[str] | None, keeps: Callable[[str], bool]) -> str | None:
    """``message`` without each line's address to everyone, wish, thanks on behalf of others and what the answer is for,
    its salutation (a line of its own, or the first clause of the first line), closing lines, the writer's sign-off
    and the first clause of each line that introduces the writer, none of which may be what must stay (``keeps`` says whether a text asks
    something or tells the person's own case: "ดิฉันเป็นผู้ปกครองที่ลูกโดนครูตีค่ะ" is no introduction alone). When
    nothing else is left, the message without its courtesies ("ขอบคุณมากค่ะ ขอให้…มีสุขภาพแข็งแรง" is thanks); None
    when it has none of these, or nothing but a salutation, closings and introductions.
    ``lead_in``: the words that lead in to a question ("อยากทราบว่า"), where an introduction ends."""
    # What was pasted goes first: a sign-off's phone number or e-mail address (models/text.py) is no part of it.
    original = [kept for line in message.splitlines() if (kept := " ".join(without_pasted(line).split()))]
    stripped = [kept for line in original if (kept := _without_framing(line, lead_in, keeps))]
    while len(stripped) > 1 and _signs_off(stripped[-1], keeps):
        stripped.pop()
    if stripped and (signed := SIGNED_AFTER.search(stripped[-1])) and signed.start() > 0 and _signs_off(
            signed[1] or signed[2], keeps):
        stripped[-1] = stripped[-1][: signed.start()]
    lines = list(stripped)
    if len(lines) > 1 and _is_subject(lines[0], lines[1]) and any(map(keeps, lines[1:])):
        lines = lines[1:]
    if len(lines) > 1 and SALUTATION.match(lines[0]) and not keeps(lines[0]):
        lines = lines[1:]
    elif lines:
        lines[0] = _without_salutation(lines[0], lead_in, keeps)
    while lines and CLOSING.match(lines[-1]) and not keeps(lines[-1]):
        lines.pop()
    if lines and (closing := CLOSING_AFTER.search(lines[-1])) is not None and keeps(lines[-1][: closing.start()]):
        lines[-1] = lines[-1][: closing.start()]
    body = [kept for line in lines if (kept := GREETED_ROLE.sub(r"\1", _without_intros(line, lead_in, keeps)))]
    body = body or stripped
    if not body or body == original:
        return None
    return "\n".join(body)


def _is_subject(line: str, next_line: str) -> bool:
    """Whether ``line``, a letter's first, is its subject line (`SUBJECT`), which leaves only when a later line asks
    something: "เรื่อง: สอบถามหน้าที่ของกลุ่มอำนวยการ" above a salutation and thanks is the question."""
    return SUBJECT.match(line) is not None or (
        SUBJECT_BEFORE_SALUTATION.match(line) is not None and SALUTATION.match(next_line) is not None)


def _signs_off(text: str, keeps: Callable[[str], bool]) -> bool:
    """Whether ``text`` is the writer's sign-off (`SIGN_OFF`), or what is left of one: dashes and bars."""
    bare = text.strip(" -–—|")
    return not bare or (len(bare) <= SIGN_OFF_LETTERS and SIGN_OFF.match(bare) is not None and not keeps(bare))


def _without_clause(line: str, pattern: re.Pattern[str], lead_in: re.Pattern[str] | None,
                    keeps: Callable[[str], bool], ends_before: re.Pattern[str] | None = None) -> str:
    """``line`` without the clause ``pattern`` begins, from where it is found to the end of that clause, or to where
    ``ends_before`` is found in it, when the clause need not stay (`letter_body`)."""
    found = pattern.search(line)
    if found is None:
        return line
    end = _clause_end(line, found.end(), lead_in)
    if ends_before is not None and (kept := ends_before.search(line, found.end(), end)) is not None:
        end = kept.start()
    if keeps(line[found.start() : end]):
        return line
    return " ".join(f"{line[: found.start()]} {line[end:]}".split())


def _without_intros(line: str, lead_in: re.Pattern[str] | None, keeps: Callable[[str], bool]) -> str:
    """``line`` without the clauses that introduce the writer, one after another ("หวัดดีจ้า ยายเองนะ หลานกดให้")."""
    while (shorter := _without_clause(line, INTRO, lead_in, keeps)) != line:
        line = shorter
    return line


def _without_salutation(line: str, lead_in: re.Pattern[str] | None, keeps: Callable[[str], bool]) -> str:
    """``line`` without the salutation it starts with, on the same line as what follows ("เรียนเจ้าหน้าที่
    ขอสอบถามค่ะ"), when something follows it and its clause need not stay (`letter_body`)."""
    found = SALUTATION.match(line)
    if found is None:
        return line
    # Whom it is to ends the match ("เรียนเจ้าหน้าที่"), or follows it to the end of its clause ("เรียน ผอ.สพป.ชพ.2").
    end = found.end() if line[found.end() : found.end() + 1].isspace() else _clause_end(line, found.end(), lead_in)
    rest = line[end:].strip()
    return rest if rest and not keeps(line[:end]) else line


def _without_framing(line: str, lead_in: re.Pattern[str] | None, keeps: Callable[[str], bool]) -> str:
    """``line`` without its courtesies, whom thanks are given for and what the answer is for. What the answer is for
    ends before the permission asked after it: "ขอสอบถามข้อมูลประกอบการทำวิทยานิพนธ์ได้ไหมคะ" leaves "ขอสอบถามข้อมูล
    ได้ไหมคะ"."""
    line = _without_courtesy(line, keeps)
    line = _without_clause(line, ON_BEHALF, lead_in, keeps)
    return _without_clause(line, PURPOSE, lead_in, keeps, ends_before=PERMISSION_ASKED)


def _without_courtesy(line: str, keeps: Callable[[str], bool]) -> str:
    """``line`` without the address to everyone and the wish it holds, neither of which may ask anything or hold
    `NOT_COURTESY`."""
    for found in (ADDRESS.search(line), WISH.search(line)):
        if found is not None and not keeps(found.group()) and not NOT_COURTESY.search(found.group()):
            line = line.replace(found.group(), "", 1)
    return " ".join(line.split())


def _clause_end(line: str, start: int, lead_in: re.Pattern[str] | None) -> int:
    """Where the clause that runs on from ``start`` ends: after its polite particle, before a lead-in, or at the
    first space that is neither after nor before an abbreviation ("ผอ.ร.ร. แห่งหนึ่ง", "ครู ร.ร.ในสังกัด", "เลขาฯ") nor before
    a polite particle ("ชั้น ป.3 ครับ")."""
    ends = [len(line)]
    particle = CLOSING_PARTICLE.search(line, start)
    if particle is not None:
        ends.append(particle.end())
    if lead_in is not None and (asking := lead_in.search(line, start)) is not None:
        ends.append(asking.start())
    for space in SPACE.finditer(line, start):
        after = line[space.end() :].split(maxsplit=1)
        if after and ("." in after[0] or CLOSING_PARTICLE.fullmatch(after[0])):
            continue
        if space.start() > start and line[space.start() - 1] not in ".ฯ":
            ends.append(space.start())
            break
    return min(ends)
