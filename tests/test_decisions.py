"""The decision over the real knowledge base: answer, clarify, small talk or staff."""
from dataclasses import replace

import pytest

from bot.answering import Answerer
from bot.model import build_bundle
from knowledge import Entry, Source
from models.decide import details_asked, lead_in_pattern
from models.text import fold


def test_clear_question_is_answered_with_its_source(answerer, kb):
    d = answerer.answer("กลุ่มอำนวยการมีหน้าที่อะไรบ้างคะ")
    assert (d.status, d.faq_id) == ("answered", "admin-duties")
    assert d.reply.startswith(kb.get("admin-duties").answer)
    assert "ที่มา:" in d.reply and d.source
    assert 0.0 <= d.confidence <= 1.0


def test_follow_ups_are_offered_as_suggestions(answerer, kb):
    d = answerer.answer("การกระจายอำนาจมีกี่ด้าน")
    assert d.faq_id == "decent-four-areas"
    assert d.suggestions == [kb.get(i).question for i in kb.get("decent-four-areas").follow_ups]


@pytest.mark.parametrize(
    "message, expected",
    [
        ("l;ylfu8iy[", "smalltalk-greeting"),  # สวัสดีครับ typed in English layout
        ("สวัสดีค่ะ", "smalltalk-greeting"),
        ("ขอบคุณมากค่ะ", "smalltalk-thanks"),
        ("บอทนี้ทำอะไรได้บ้าง", "service-capabilities"),
        # An FAQ entry matches "อะไรบ้าง" too, but far less than the small talk: asks what the bot knows.
        ("รู้เรื่องอะไรบ้าง", "service-capabilities"),
        ("ฮัลโหลลลล", "smalltalk-greeting"),  # a letter held down, then a greeting the entry knows
        ("สวัสดีค่ะ มีใครอยู่มั้ย", "smalltalk-greeting"),  # "anyone there?" asks "who", but greets
        ("ขอบคุณค่า", "smalltalk-thanks"),  # chat spelling of ค่ะ, not "ขอบ|คุณค่า"
        ("มีคำถามหมวดไหนให้ถามได้บ้าง", "service-capabilities"),
        ("สวัสดีค่ะ รบกวนสอบถามนิดนึงค่ะ", "smalltalk-greeting"),  # "นิดนึง" is courtesy, not a new topic
        ("มีเรื่องอยากถามหลายข้อเลยค่ะ ถามได้ไหมคะ", "smalltalk-may-i-ask"),  # no greeting in it: got one back
        # Courtesy in registers the entries lacked went to staff as tickets that asked nothing.
        ("กราบเรียนสอบถามเจ้าค่ะ", "smalltalk-may-i-ask"),
        ("เดี๋ยวขอถามต่ออีกข้อนะคะ", "smalltalk-may-i-ask"),
        ("ลาละนะคะ", "smalltalk-goodbye"),
        ("แม่นแล้วๆ", "smalltalk-okay"),  # Isan: that's right
        ("เป็น AI หรอ", "service-capabilities"),
        # The day's greeting people send on LINE, with a wish: a day of the week asked for a detail (set AO).
        ("สวัสดีวันอังคารครับ", "smalltalk-greeting"),
        ("สวัสดีวันเสาร์ค่ะ ขอให้มีความสุขมากๆ นะคะ", "smalltalk-greeting"),
        # "ขอบเขต" (scope), a word no phrasing had: such questions went to staff (sets AB, AD and V).
        ("ระบบนี้มีขอบเขตการตอบยังไงคะ", "service-capabilities"),
        # Asking whether one may ask, and saying "okay" after an answer, used to open a ticket: staff were called
        # for a message with no question in it, and the person was told it had gone to staff. Messages of courtesy
        # words only ("รบกวนสอบถามค่ะ", "ครับ") had nothing left to match once those words were dropped.
        ("ขอสอบถามหน่อยค่ะ", "smalltalk-may-i-ask"),
        ("รบกวนสอบถามค่ะ", "smalltalk-may-i-ask"),
        ("สอบถามค่ะ", "smalltalk-may-i-ask"),
        ("มีคำถามครับ", "smalltalk-may-i-ask"),
        ("อยากทราบครับ", "smalltalk-may-i-ask"),  # was "อยาก|ทราบ", and "ทราบ" got the group's duties
        ("โอเคค่ะ", "smalltalk-okay"),
        ("ok ครับ", "smalltalk-okay"),
        ("รับทราบครับ", "smalltalk-okay"),
        ("ครับ", "smalltalk-okay"),
        ("ค่ะ", "smalltalk-okay"),
        ("ไม่เป็นไรครับ", "smalltalk-okay"),  # "never mind": nothing for staff to answer
        ("ดีมากเลยค่ะ", "smalltalk-thanks"),  # praise is thanks
        ("ขอบพระคุณเป็นอย่างสูงค่ะ", "smalltalk-thanks"),  # formal thanks, from set P
        ("ครับผม", "smalltalk-okay"),
        ("ขอถามอะไรหน่อยได้ไหมคะ", "smalltalk-may-i-ask"),  # got what the bot can answer (sets N to T)
        # The usual first message on LINE, in the forms sets N to Y sent to staff (respelt here).
        ("ถามได้มั้ยคะ", "smalltalk-may-i-ask"),
        ("ขอสอบถามข้อมูลหน่อยค่ะ", "smalltalk-may-i-ask"),
        ("ขอเรียนสอบถามครับ", "smalltalk-may-i-ask"),
        ("ขอเรียนถามหน่อยครับ", "smalltalk-may-i-ask"),  # the formal courtesy phrase kept whole
        ("อืม", "smalltalk-okay"),
        # An emoji beside courtesy words says nothing more than they do.
        ("👍 ค่ะ", "smalltalk-okay"),
        ("ขอบคุณค่ะ🙏", "smalltalk-thanks"),
        # "จ๊ะ" closes a sentence as "จ้ะ" does; newmm ran "นะจ๊ะ" into one word the phrasings never have (set Z).
        ("ขอบคุณนะจ๊ะ", "smalltalk-thanks"),
        ("บายนะจ๊ะ", "smalltalk-goodbye"),
        # A mention typed before it names whom the message is for (set Y): these went to staff.
        ("@bot สวัสดีครับ", "smalltalk-greeting"),
        ("@bot ถามเรื่องอะไรได้บ้างครับ", "service-capabilities"),
        # A filler word or a greeting beside them is no other matter.
        ("เอ่อ บอทนี้ตอบเรื่องอะไรได้บ้าง", "service-capabilities"),
        ("สวัสดีค่ะ ขอสอบถามหน่อยค่ะ", "smalltalk-greeting"),
        # Addressed to the admin, or asking whether anyone is there: a greeting, not a request for staff.
        ("สวัสดีค่ะแอดมิน", "smalltalk-greeting"),
        ("ดีค่ะ มีใครอยู่ไหมคะ", "smalltalk-greeting"),
        # A greeting with courtesy words, with trying the chat out, or in Burmese is no matter for staff.
        ("สวัสดีค่ะ รบกวนสอบถามนิดนึงนะคะ", "smalltalk-greeting"),
        ("หวัดดีครับ ลองใช้ดูเฉยๆ", "smalltalk-greeting"),
        ("มิงกะลาบา สวัสดีค่ะ", "smalltalk-greeting"),
        # Thanks with a remark that says the answer helped, before or after it: six of these went to staff.
        # In Southern Thai: "thank you" in Thai letters, and going home ("หลบ") with goodbye (set AF).
        ("ทังกิ้วนะ", "smalltalk-thanks"),
        # Young people's chat: "ty", "bot" in English letters, a greeting to "น้องบอท" (sets Y, AE and AG).
        ("ty นะคะ", "smalltalk-thanks"),
        ("tysm", "smalltalk-thanks"),
        ("tq นะคะ", "smalltalk-thanks"),  # "tq" went to staff (set AM)
        ("chatbot นี้มีข้อมูลเรื่องอะไรบ้าง", "service-capabilities"),
        ("สวัสดีจ้าน้องบอท", "smalltalk-greeting"),
        ("ดีจ้าแชทบอท", "smalltalk-greeting"),  # "ดีจ้า" (hi) to the bot went to staff (set AG)
        ("หลบก่อนนะ บ๊ายบาย", "smalltalk-goodbye"),
        # Isan thanks and goodbye: "หลาย" (much) after thanks, and the particle "เด้อ" (set AT).
        ("ขอบคุณหลายเด้อ", "smalltalk-thanks"),
        ("แชตนี้ให้บริการอะไรบ้างคะ", "service-capabilities"),  # went to staff (set AT)
        # Thanks with a remark that the answer will be passed on, or did its job (set AU).
        ("ขอบคุณครับ ข้อมูลนี้เอาไปบอกลูกบ้านได้เลย", "smalltalk-thanks"),
        ("ขอบคุณค่ะ ลูกทำรายงานได้แล้ว", "smalltalk-thanks"),
        ("ไปก่อนเด้อ", "smalltalk-goodbye"),
        # A monk's greeting, thanks and "noted", and "noted" alone, went to staff (set AV; respelt here).
        ("เจริญพรญาติโยม", "smalltalk-greeting"),
        ("อนุโมทนาด้วยนะโยม", "smalltalk-thanks"),
        ("เจริญพร ทราบแล้วนะ", "smalltalk-okay"),
        ("ทราบแล้วค่ะ", "smalltalk-okay"),
        # A grandmother calling herself "ยาย" (set AW; respelt here).
        ("เอ่อคือว่ายายขอถามอะไรหน่อยนะ", "smalltalk-may-i-ask"),
        ("ขอบคุณมากจ้ะยายเข้าใจแล้ว", "smalltalk-thanks"),
        # Excusing oneself says nothing of what is asked: these went to staff (sets AR and Y; respelt here).
        ("ขออภัยนะคะ แชตนี้ตอบเรื่องอะไรได้บ้างคะ", "service-capabilities"),
        ("ขอโทษนะคะ ขอถามหน่อย", "smalltalk-may-i-ask"),
        # How much is to be asked says nothing of what: these went to staff (set AP; respelt here).
        ("ขอรบกวนสอบถามสักเรื่องได้ไหมคะ", "smalltalk-may-i-ask"),
        ("ใคร่ขอเรียนถามข้อมูลนิดหน่อยครับ", "smalltalk-may-i-ask"),
        ("ขอสอบถามบางเรื่องหน่อยค่ะ", "smalltalk-may-i-ask"),
        # A formal leave-taking went to staff (set AP; respelt here).
        ("เพียงเท่านี้ก่อนนะครับ ขอตัวลาไปก่อนครับ", "smalltalk-goodbye"),
        ("ขอบคุณค่ะ อธิบายละเอียดดี", "smalltalk-thanks"),
        ("ขอบคุณมากค่ะ เป็นประโยชน์กับผู้ปกครองมาก", "smalltalk-thanks"),
        ("หายสงสัยแล้วค่ะ ขอบคุณนะคะ", "smalltalk-thanks"),
        ("ขอบคุณครับ จะเอาไปบอกเพื่อนบ้านต่อ", "smalltalk-thanks"),
        # "Okay" with a remark that the answer helped or on what comes next went to staff (sets AX, BG, BL, BM).
        ("โอเคค่ะ ได้ข้อมูลครบแล้ว", "smalltalk-okay"),
        ("โอเคจ้า เคลียร์แล้ว", "smalltalk-okay"),
        ("ได้ครับ เดี๋ยวลองอ่านดู", "smalltalk-okay"),
        # A remark that names what was answered, or the hand-over, still asks nothing (set BK; respelt here): these
        # offered a choice of entries, got the duties and got how handing over works.
        ("ขอบคุณค่ะ เข้าใจเรื่องการกระจายอำนาจแล้ว", "smalltalk-thanks"),
        ("โอเคค่ะ เคลียร์เรื่องหน้าที่กลุ่มอำนวยการแล้ว", "smalltalk-okay"),
        ("ขอบคุณค่ะ ไม่ต้องส่งต่อเจ้าหน้าที่แล้วนะคะ", "smalltalk-thanks"),
        # What the chat knows, asked of it by name: these went to staff (sets V and AC; respelt here).
        ("ระบบนี้ตอบคำถามหัวข้อไหนได้บ้าง", "service-capabilities"),
        ("ระบบนี้รู้อะไรบ้าง ถ้าไม่รู้จะเดาไหม", "service-capabilities"),
        # Announcing small talk a little short of the small-talk threshold, with nothing else in the message: these
        # went to staff (sets U, V, AD and AE; respelt here).
        ("น้องบอทตอบได้เรื่องไหนบ้างคะ", "service-capabilities"),
        ("แชท นี้ ตอบ เรื่อง อะไร", "service-capabilities"),
        ("ขอสอบถามนิดนึงได้ไหมคะ", "smalltalk-may-i-ask"),
        # Thanking the staff who answered opened a ticket asking for a person.
        ("ขอบคุณเจ้าหน้าที่มากครับ", "smalltalk-thanks"),
        # Praise after thanks is a remark that the answer helped (set AH; respelt here).
        ("ขอบคุณนะบอท เก่งจัง", "smalltalk-thanks"),
        # Thanks or goodbye with a short remark on where the person is off to (sets AE, AF and AG; respelt here).
        ("ไปหุงข้าวก่อนนะ บ๊ายบาย", "smalltalk-goodbye"),
        ("พอแค่นี้ก่อนค่ะ ไปรับลูกแล้ว", "smalltalk-goodbye"),
        ("ขอบคุณครับ เดี๋ยวไปประชุมต่อ", "smalltalk-thanks"),
        # Or saying the person will be back (set AR; respelt here).
        ("บายค่ะ แล้วจะมาถามใหม่นะคะ", "smalltalk-goodbye"),
        # A remark of 22 letters on where the person is off to went to staff (set AZ; respelt here).
        ("พอแค่นี้ก่อนค่ะ ต้องไปจัดโต๊ะประชุมแล้ว", "smalltalk-goodbye"),
        ("แค่นี้ก่อนนะคะ จะไปเข้าสอนคาบบ่ายแล้ว", "smalltalk-goodbye"),  # "จะไป…": where the person is off to
        ("ขอบคุณค่ะ บอทน่ารักมากเลย 🥰", "smalltalk-thanks"),
        ("ขอบคุณจ้า เดี๋ยวจะบอกต่อเพื่อนครูในกลุ่มสาระ", "smalltalk-thanks"),
        # Thanks passed on for someone else ("ฝาก"): the sender's words had left the thanks short (set AI).
        ("คุณป้าข้างบ้านฝากขอบคุณนะคะ", "smalltalk-thanks"),
        ("คุณตาฝากขอบคุณมากครับ", "smalltalk-thanks"),
        ("เมียบอกแต๊งกิ้วค่ะ", "smalltalk-thanks"),  # passed on with "บอก" (says; set BY, respelt here)
        ("ภรรยาบอกขอบใจครับ", "smalltalk-thanks"),
        # Goodbye and that the person will be back to ask: scored as asking whether one may (set BY; respelt here).
        ("บายครับ ไว้ลุงมีคำถามจะมาถามใหม่", "smalltalk-goodbye"),
        # "ค่ะ" drawn out as "ค้า", and a sticker as the chat shows it (set CB; respelt here): went to staff.
        ("แค่นี้ก่อนนะค้า", "smalltalk-goodbye"),
        ("[สติกเกอร์]", "smalltalk-okay"),
        # Saying the bot is being tried out (set CA; respelt here): went to staff.
        ("สวัสดีค่ะ ทดสอบระบบนะคะ", "smalltalk-greeting"),
        ("บ่เป็นหยังเด้อ", "smalltalk-okay"),  # Isan's "ไม่เป็นไร" (set CC; respelt here)
        ("เมนูค่ะ", "service-capabilities"),  # a LINE account's menu asked for (set CE; respelt here)
        # Thanks with praise for a fast or better-than-expected answer (sets CA and CF; respelt here).
        ("ขอบคุณครับ ตอบเร็วมาก", "smalltalk-thanks"),
        ("ขอบคุณค่ะ ตอบได้ดีเกินคาด", "smalltalk-thanks"),
        ("ขอบคุณที่ช่วยนะคะ [สติ๊กเกอร์]", "smalltalk-thanks"),
        # Grumpy acknowledgements, and thanks with an apology (set BD; respelt here): all went to staff. "อ๋อ เข้าใจแล้ว"
        # was taken for thanks (sets N, X, AM, AT, AW, BB).
        ("ก็ได้ๆ ค่ะ", "smalltalk-okay"),
        ("เออๆ ขอบใจนะ", "smalltalk-thanks"),
        ("ขอบคุณค่ะ ขอโทษที่เมื่อกี้พิมพ์แรงไป", "smalltalk-thanks"),
        ("อ๋อ เข้าใจแล้วจ้า", "smalltalk-okay"),
        # Agreeing, which got whose service this is by a phrasing that opens "ตกลง…" (so, …; set BZ).
        ("ตกลงครับ", "smalltalk-okay"),
        ("ตกลงตามนั้นค่ะ", "smalltalk-okay"),
        # The northern particle "เจ้า": "ตกลงเจ้า" lost "จ้า" from its end and got the same service answer (set CC).
        ("ตกลงเจ้า", "smalltalk-okay"),
        ("ได้เจ้า", "smalltalk-okay"),
        # Agreeing after a sound of assent got whose service this is; punctuation said aloud to voice typing, and the
        # phrase that wakes the phone's assistant, went to staff (set CL; respelt here).
        ("อืม ตกลงจ้ะ", "smalltalk-okay"),
        ("ขอบคุณมากเลยค่ะ เครื่องหมายตกใจ", "smalltalk-thanks"),
        ("โอเคกูเกิล สวัสดีครับ", "smalltalk-greeting"),
        # A New Year's greeting, whose year ("ปี") was taken for a detail asked (set CI).
        ("สวัสดีปีใหม่ค่ะ ขอสอบถามหน่อยนะคะ", "smalltalk-greeting"),
        # "ไปดีกว่า" (I'd better go) went to staff as a judgement, "ดีกว่า" (set BD; respelt here).
        ("พอแล้วล่ะ ไปดีกว่านะ", "smalltalk-goodbye"),
        # "ละ" for "แล้ว", typed in a short break (set BF; respelt here).
        ("เข้าใจละครับ", "smalltalk-okay"),
        ("ไปละจ้า", "smalltalk-goodbye"),
        # Asking after someone's health went to staff as the judgement "ดีไหม" (set BI; respelt here).
        ("สวัสดีครับ สบายดีไหมครับ", "smalltalk-greeting"),
        # Saying no answer is needed closes the matter; its "ไม่" had made it one (set BK; respelt here).
        ("ไม่ต้องตอบแล้วค่ะ ขอบคุณมากนะคะ", "smalltalk-thanks"),
        ("บายค่ะ ไม่ต้องตอบแล้วนะ", "smalltalk-goodbye"),
        # Small talk with the time of day or of the week: all went to staff (set BL; respelt here).
        ("รบกวนถามแต่เช้าหน่อยนะคะ", "smalltalk-may-i-ask"),
        ("ไว้เจอกันใหม่สัปดาห์หน้านะคะ", "smalltalk-goodbye"),
        ("บายจ้า ดึกแล้วไปนอนละ", "smalltalk-goodbye"),
        # The Muslim greeting, and thanks saying the answer came: both went to staff (set BN; respelt here).
        ("อัสสลามุอะลัยกุมค่ะ", "smalltalk-greeting"),
        ("ขอบคุณครับ ได้คำตอบแล้วครับ", "smalltalk-thanks"),
        # Thanks saying the answer was what was asked went to staff (set BR; respelt here).
        ("ขอบคุณค่ะ ตอบตรงคำถามเลย", "smalltalk-thanks"),
        # Asking again after a slip of the thumb, and nothing yet asked: it went to staff (set BR; respelt here).
        ("พิมพ์ผิดครับ ขอถามอีกทีนะ", "smalltalk-may-i-ask"),
        # "คร้าบ" glued to a misspelt word, its last letter maybe typed twice: it was cut into pieces (set BS).
        ("ขอบคุนคร้าบ", "smalltalk-thanks"),
        ("ขอบคุนคร้าบบ", "smalltalk-thanks"),
        # Leaving with an apology for taking so long went to staff (set BV; respelt here).
        ("ไปก่อนนะครับ ขอโทษที่ใช้เวลานาน", "smalltalk-goodbye"),
        # Rough talk's particles, a monk's and a Muslim's courtesies, English words of courtesy and asking, and where
        # the person writes from: all went to staff (sets CO, CP, CQ and CS; respelt here).
        ("ขอบใจเว้ย ได้ความรู้", "smalltalk-thanks"),
        ("ขออัลลอฮ์ทรงตอบแทนนะคะ", "smalltalk-thanks"),
        ("นมัสการค่ะพระคุณเจ้า", "smalltalk-greeting"),
        ("สาธุค่ะ", "smalltalk-okay"),
        ("อาตมาขอลาล่ะ", "smalltalk-goodbye"),
        ("โยม อาตมาขอถามหน่อย", "smalltalk-may-i-ask"),
        ("ขอ ask หน่อยได้ไหมครับ", "smalltalk-may-i-ask"),
        ("tks นะคะ", "smalltalk-thanks"),
        ("บายครับ take care นะ", "smalltalk-goodbye"),
        ("หวัดดีครับ คนสวีครับ", "smalltalk-greeting"),
        ("ขอบใจจ้า คนท่าแซะ", "smalltalk-thanks"),
        ("แชตนี้ตอบอะไรได้บ้างคะ ยายอยู่ทุ่งตะโก", "service-capabilities"),
        # The season's wishes said with thanks or goodbye went to staff (set CT; respelt here).
        ("ขอบคุณค่ะ สุขสันต์วันแม่นะคะ", "smalltalk-thanks"),
        ("ไปก่อนนะครับ สวัสดีปีใหม่ล่วงหน้าครับ", "smalltalk-goodbye"),
        ("ขอบคุณนะคะ ปีใหม่นี้เดินทางปลอดภัยนะคะ", "smalltalk-thanks"),
        # The office's account mentioned by its whole name, area and all: it got the greeting (set CZ).
        ("@สพป.ชุมพร เขต 2 สอบถามหน่อยครับ", "smalltalk-may-i-ask"),
        # "See you next time": its "ครั้งหน้า" was taken for asking when (set CX).
        ("พบกันใหม่ครั้งหน้าครับ", "smalltalk-goodbye"),
        # With a remark after: the question to follow, trying the chat, an unexpected answer (set DB; respelt here).
        ("มีเรื่องอยากถามค่ะ เดี๋ยวพิมพ์ตามไปนะคะ", "smalltalk-may-i-ask"),
        ("บอทตอบเรื่องอะไรได้บ้างคะ ลองทักดูค่ะ", "service-capabilities"),
        ("ขอบคุณค่ะ ไม่คิดว่าจะได้คำตอบเร็วขนาดนี้", "smalltalk-thanks"),
        ("ได้ค่ะ งั้นเดี๋ยวรอนะคะ", "smalltalk-okay"),
    ],
)
def test_small_talk(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("smalltalk", expected)


def test_details_asked_for_are_no_praise_of_detail(answerer):
    """ "ละเอียด" (detailed) beside thanks or okay says an answer helped; within "รายละเอียด" (details) it asks for more:
    the request got "okay" (set BW; respelt here)."""
    d = answerer.answer("ขอรายละเอียดเรื่องการส่งเสริมองค์คณะบุคคลให้ครบ 4 ข้อ ค่ะ")
    assert (d.status, d.faq_id) == ("answered", "decent-legal-bodies")


@pytest.mark.parametrize(
    "message, expected",
    [
        # A question in its own clause beside a greeting: the greeting's phrasings shared more of its words.
        ("เพิ่งแอดไลน์มา นี่ไลน์ของหน่วยงานไหนครับ", ("answered", "office-which")),
        # A clause that only asks whether one may ask stays small talk.
        ("สวัสดีค่ะ ขอถามหน่อยได้ไหมคะ", ("smalltalk", "smalltalk-may-i-ask")),
    ],
)
def test_a_question_beside_a_greeting_is_that_question(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == expected


@pytest.mark.parametrize(
    "message",
    # Emoji, LINE's own emoji (they reach the bot as "$"), laughter typed as digits ("555", ห้า sounds like
    # "ha"), or with the same keys in Thai layout, symbols: each of these used to open a ticket saying nothing.
    ["👍", "🙏🙏", "😀😀", "😊❤️", "👍🏽", "$", "$ $", "555", "55555+", "ถถถถ", "ฮ่าๆ", "ฮ่า ๆ ๆ", "อิอิ", "hahaha", "?",
     "...", "!!"],
)
def test_a_message_without_words_is_taken_as_a_nod(answerer, message):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("smalltalk", "smalltalk-okay")


# Messages that were answered from an entry, offered a choice or taken as a nod, and must go to staff, grouped by
# what they ask that no entry gives. Most came from the first runs of held-out sets O to S.
GOES_TO_STAFF = [
    # A number may answer something staff asked; a message in another language is for staff to read.
    "5", "12", "2565", "你好", "1️⃣",
    # "What does that mean?", "what is item 2?": about the message before it, which staff see and the bot does not.
    # They got what decentralization means, the one entry whose phrasings say "หมายถึง".
    "หมายถึงอะไร", "หมายความว่ายังไงคะ", "แปลว่าอะไร", "ที่ตอบมาหมายความว่าอะไรครับ", "ข้อแรกหมายถึงอะไร", "ข้อ 2 คืออะไร",
    # Asking to have it explained again, or about what was sent, naming nothing else (sets BU, BX).
    "อธิบายง่ายๆ อีกทีได้ไหมคะ", "อ่านที่ส่งมาแล้วงงค่ะ ช่วยอธิบายอีกทีได้ไหม", "ทีสงมาหมายความวายังไงคะ",
    "ช่วยอธิบายเพิ่มได้ไหม",  # further, naming nothing (set CD; respelt here)
    "คะแนนคัดเลือกครูใช้เกณฑ์แบบไหน",  # scores: a detail no entry gives (set CD; respelt here)
    # Local government's powers, plans and by-laws: got who may take part in education (set BZ; respelt here).
    "อบจ.มีอำนาจเรื่องการศึกษาแค่ไหนคะ", "แผนพัฒนาท้องถิ่นของ อบต. ต้องมีเรื่องการศึกษาไหม",
    "กระจายอำนาจไปให้ท้องถิ่นจัดการโรงเรียนเองได้ไหมครับ",
    # A photo as the chat shows it: what it shows is for staff to see (a sticker is small talk).
    "[รูปภาพ] อันนี้ต้องทำยังไงคะ",
    # The service's workings beyond its entries: cost, encryption, a case number (set CF; respelt here).
    "บริการถามตอบนี้ต้องเสียเงินไหมครับ", "แชตนี้เข้ารหัสข้อมูลหรือเปล่าคะ", "ส่งต่อแล้วได้เลขที่เรื่องไหมครับ",
    # Follow-ups naming nothing but a person, a doing or "the matter" ("คน", "ทำ", "เรื่อง", "รายละเอียด").
    "ใครเป็นคนกำหนดคะ", "แล้วต้องทำยังไงต่อคะ", "คนไหนดูแลเรื่องนี้ครับ", "ขอรายละเอียดเพิ่มหน่อยค่ะ",
    # Duties of other people and bodies.
    "ผอ.โรงเรียนต้องรับผิดชอบอะไรบ้างคะ", "ครูประจำชั้นต้องทำอะไรบ้างคะ", "หน้าที่ครูคืออะไรครับ",
    "กรรมการสถานศึกษามีหน้าที่อะไร", "บทบาทของสมาคมผู้ปกครองและครูคืออะไร", "อบจ.ต้องจัดการศึกษาปฐมวัยไหม", "สมศ. ประเมินโรงเรียนอย่างไรคะ",
    # Judgements, rankings and comparisons.
    "การกระจายอำนาจของเขตควรปรับปรุงด้านไหนบ้าง",  # got the four areas (set AB: what should be done better)
    "รายงานผลการกระจายอำนาจปี 65 ออกมาดีหรือไม่ดีครับ",  # got the 2565 report (set BL; respelt here)
    "กลุ่มอำนวยการทำงานดีไหมครับ", "การกระจายอำนาจด้านไหนสำคัญที่สุด", "ให้ผู้ปกครองมาช่วยสอนแบบนี้ดีไหมคะ", "การติดตามประเมินโรงเรียนทำได้จริงไหมคะ",
    "ความท้าทายข้อไหนของกลุ่มอำนวยการหนักที่สุด", "เขตกับเทศบาล ใครดูแลโรงเรียนมากกว่ากัน",
    # Complaints, official letters, forms, a member of staff's own LINE, scholarships, a law's section.
    "อยากร้องเรียนเรื่องกลุ่มอำนวยการค่ะ", "จะเข้าร่วมเครือข่ายต้องทำหนังสือถึงเขตไหม",
    "ขอแบบฟอร์มเข้าร่วมเครือข่ายความร่วมมือหน่อยค่ะ", "ขอไลน์ส่วนตัวของพี่เจ้าหน้าที่หน่อยครับ", "ขอไลน์พี่เจ้าหน้าที่หน่อยค่ะ",
    "ไอดีไลน์เจ้าหน้าที่คืออะไร",  # got how handing over works
    # Thanks that says the answer did not help is for staff, not small talk.
    "ขอบคุณค่ะ แต่ยังไม่ชัดเจน", "ขอบคุณครับ แต่ไม่ได้ตอบที่ถาม",
    # Thanks with a remark that tells of a matter, however it ends, is for staff too.
    "ขอบคุณค่ะ ลูกโดนครูตี", "ขอบคุณค่ะ ครูเข้าใจผิดว่าลูกขโมยของ", "ขอบคุณครับ เข้าใจแล้ว ค่าเทอมเท่าไหร่ครับ",
    # So is "okay" with one, or with a remark that the answer did not help.
    "โอเคค่ะ ลูกโดนครูตี", "โอเคค่ะ แต่ยังไม่เข้าใจ", "โอเคครับ เข้าใจแล้ว แล้วค่าเทอมเท่าไหร่",
    "อบต.มีทุนการศึกษาให้เด็กนักเรียนไหมคะ", "การกระจายอำนาจ 4 ด้านกำหนดไว้ในกฎหมายมาตราไหน",
    # Formal "when" and "where" ask for details as "เมื่อไหร่" and "ที่ไหน" do; so does "ปี พ.ศ. อะไร".
    "การกระจายอำนาจเริ่มเมื่อใด", "รายงานปี 2565 เผยแพร่ที่ใด", "กลุ่มอำนวยการตั้งขึ้นปี พ.ศ. อะไร",
    # Whether the group handles a thing no entry holds: the duties entry names the group and "ดูแล" too.
    "กลุ่มอำนวยการดูแลเรื่องค่าเดินทางครูด้วยไหม", "กลุ่มอำนวยการรับผิดชอบงานซ่อมอาคารเรียนด้วยหรือเปล่า",
    "กลุ่มอำนวยการดูแลเรื่องเงินเดือนครูไหมคะ",
    # A day of the week is still a detail the office's hours need (the hours are an empty setting).
    "สำนักงานเปิดวันเสาร์ไหมคะ",
    # The thing named first, then asked of (set AO: the first got who may take part, by "อบต.").
    "เรื่องค่าเดินทางครูค่ะ กลุ่มอำนวยการดูแลด้วยไหมคะ",
    "กระจายอำนาจแล้วโรงเรียนจะย้ายไปอยู่กับเทศบาล ให้เทศบาลดูแลใช่ไหมคะ",
    # Another count than the entries state: 4 areas, in the four-areas entry's phrasings and the meaning entry's answer.
    "การกระจายอำนาจ 6 ด้านมีอะไรบ้างคะ", "กระจายอำนาจ 2 ข้อ คืออะไร", "การกระจายอำนาจ 3 ด้านหมายถึงอะไร",
    # An entry's own words around a detail it does not give: a penalty, how often, proof of identity.
    "กลุ่มอำนวยการประเมินผลโรงเรียน ถ้าไม่ผ่านมีบทลงโทษไหม", "กลุ่มอำนวยการประชุมกันบ่อยแค่ไหน",
    "ขอลบข้อมูลต้องยืนยันตัวตนยังไง",
    # What a school may do by itself within an area: the four-areas entry names the areas, not what is in them.
    "กระจายอำนาจด้านงบประมาณแล้ว โรงเรียนจัดซื้อของเองได้ไหม", "ด้านวิชาการ โรงเรียนกำหนดหลักสูตรเองได้หรือเปล่าคะ",
    # A day of the week: no entry says on which day anything happens (set U).
    "กลุ่มอำนวยการประชุมทีมกันวันศุกร์ใช่ไหม", "ทีมกลุ่มอำนวยการประชุมกันวันพุธหรือเปล่าคะ",
    # How often, as a number per year or month: these got the inspection and coordination entries (set AC).
    "เขตประเมินผลโรงเรียนปีละ ๒ ครั้งใช่ไหมคะ", "กลุ่มอำนวยการประสานงานกับชุมชนเดือนละครั้งหรือเปล่า",
    # How to sign up: no entry gives a procedure (set AC got the networks entry).
    "ผู้ปกครองอยากเข้าร่วมเครือข่ายความร่วมมือ สมัครยังไงคะ", "อยากสมัครเป็นเครือข่ายความร่วมมือของเขตค่ะ",
    # Indicators, which the documents never name, and when the next of something is (sets AC and AD).
    "ตัวชี้วัดของการกระจายอำนาจภายในเขตมีอะไรบ้างคะ", "เวทีองค์คณะบุคคล รอบหน้า",
    # What the chat is built with: "บริษัท" got who may take part in education (sets V, Z and AD).
    "แชตนี้ใช้ AI ของบริษัทอะไรคะ",
    # "เรียน" is to study, not the "เรียน" of "เรียนสอบถาม": this was taken for asking whether one may ask, and opened
    # no ticket (set AE).
    "เรียนโรงเรียนรัฐต้องจ่ายเงินไหมคะ",
    # A matter told beside small talk that says a question is coming, or asks what the bot answers: these got the
    # small talk, and no ticket.
    "ลูกโดนครูตีค่ะ บอทนี้ตอบเรื่องอะไรได้บ้าง", "ค่าเทอมแพงมาก แชตนี้ตอบเรื่องอะไรได้บ้าง", "ลูกป่วยบ่อย มีคำถามค่ะ",
    "สวัสดีค่ะ ลูกโดนครูตีค่ะ",  # and beside a greeting
    "สวัสดีค่ะ ลูกโดนครูตีทำไงดีคะ",  # asking what to do, with the greeting's "ดี" in it: it got the greeting
    "สวัสดีค่ะ แม่น้องบีค่ะ น้องถูกครูดุแรงมาก",  # telling, with the greeting's "น้อง" in it: it got the greeting
    # What to do about a matter: it got the answer on handing over, by "ครู" folded into "ใคร" and "ตี" into "ต้อง".
    "ครูตีลูกต้องทำยังไง",
    # Whom to report a matter to: it got the privacy answer, whose phrasing asked whom to tell to have data deleted.
    "ลูกโดนครูตีต้องแจ้งใคร", "ขอบคุณค่ะ ชัดเจนมาก แต่ลูกโดนครูตีต้องแจ้งใคร",
    "ขอบคุณค่ะ แต่ตอบไม่ตรงคำถาม ลูกโดนครูตี",  # a remark on the answer, negated, with a matter told
    # Beside weaker small talk, one dictionary word the entry never uses is already the matter.
    "ถามได้ไหมคะ ค่าชุดนักเรียน", "ขอถามหน่อยได้ไหม ทุนเรียนดี",
    # Beside thanks or goodbye, a remark that only mentions going somewhere, or goes on to tell a matter.
    "ขอบคุณค่ะ ลูกไปโรงเรียนแล้ว", "บาย ไปแจ้งความแล้ว ลูกโดนครูตี",
    "ลาก่อนค่ะ แล้วจะไปแจ้งความ",  # "แล้วจะ…" says what comes next, not that the person will be back
    # Thanks passed on after a matter is told; and "ช่วงไหน" (during which period) asks when (set AI).
    "ลูกโดนครูตี แม่ฝากขอบคุณนะ", "กลุ่มอำนวยการจะประชุมช่วงไหน",
    # A greeting with who the person is, which asks nothing, is no question for an entry sharing a word of it (set AI).
    "สวัสดีค่ะ แอดมินกลุ่มผู้ปกครองชั้น ป.3 ค่ะ",
    # Proposing a project to the office, a procedure the documents do not describe (set AI).
    "เครือข่ายความร่วมมือเสนอโครงการให้เขตได้ไหม",
    # A question about one of the office's subjects is no goodbye for its "ไปแล้ว" (set AH; respelt here).
    "กลุ่มอำนวยการไปแล้วเหรอ",
    # Dissolving anything, allegations of bribery, a local authority's child development centre (set AH).
    "องค์คณะบุคคลโดนยุบแล้วใช่ไหม", "มีคนโพสต์ว่ากลุ่มอำนวยการทุจริตตอนคัดเลือกครู",
    "ได้ข่าวว่าคัดเลือกครูต้องจ่ายใต้โต๊ะ จริงไหม", "ศูนย์พัฒนาเด็กเล็กของเทศบาลมีส่วนร่วมกับโรงเรียนยังไง",
    # Another group's long name spelt by sound ("บริหาน" for "บริหาร") got the administrative group's duties (set AJ).
    "กลุ่มบริหานงานบุคคลมีหน้าที่อะไร",
    # Pay for taking part, which the documents never mention (set AJ).
    "เครือข่ายความร่วมมือได้ค่าตอบแทนไหม",
    # The provincial education office by its short name (set K).
    "ศธจ.ชุมพร กับ สพป.ชุมพร เขต 2 ต่างกันยังไง",
    # Moving a teacher, named with one of the four areas, and in which country messages are kept (set AE).
    "ด้านบริหารงานบุคคล การย้ายครูต้องทำยังไงคะ", "ข้อมูลที่พิมพ์ในแชตเก็บไว้ที่ประเทศไหนครับ",
    # What an area leaves a school to decide: the four-areas entry names the areas, not what is in them (set U).
    "ด้านงบประมาณ ให้โรงเรียนตัดสินใจอะไรได้บ้าง",
    # Agreements between schools and others, and which company made the chat or gets what is typed in it: these got
    # who may take part in education, by "เทศบาล" and "บริษัท" (set AF).
    # The office's vision, and one school's result with the school named first (set AG).
    "วิสัยทัศน์ของกลุ่มอำนวยการคืออะไร", "โรงเรียนลูกได้ผลประเมินระดับอะไรคะ",
    "กลุ่มอำนวยการประชุมกันตอนไหน",  # when, which no entry says
    "เทศบาลจะทำ MOU กับโรงเรียน ต้องทำยังไง", "คะแนน O-NET ของโรงเรียนในเขตเป็นยังไงบ้าง", "ข้อความที่คุยกับบอทส่งต่อให้บริษัทอื่นไหม", "แชตนี้บริษัทไหนเป็นคนทำคะ",
    # What something comes under: "เทศบาล" and "อบต." got who may take part in education, "ขึ้นตรงกับ" how the group
    # coordinates (set BR; respelt here).
    "โรงเรียนของเทศบาลขึ้นกับเขตนี้หรือเปล่าคะ", "โรงเรียน อบต. สังกัดเขตไหมครับ", "กลุ่มอำนวยการขึ้นตรงกับใครครับ",
    # Data given to another agency: the privacy answer says what is kept and for how long, not that (set BR; respelt).
    "ข้อความที่บอทเก็บ ส่งให้หน่วยงานอื่นไหมครับ",
    # What comes up in an exam: the four areas (set BS; respelt here).
    "หน้าที่ของกลุ่มอำนวยการออกสอบบ่อยไหมครับ",
    # How an assessment came out: the 2565 report (sets AU and BS; respelt here).
    "รายงานกระจายอำนาจปี 65 ผลประเมินออกมาระดับอะไรคะ",
    # Applying for an exam (set BH; respelt here: the teachers entry).
    "กลุ่มอำนวยการคัดเลือกครู แปลว่าต้องไปสมัครสอบครูที่กลุ่มนี้ใช่ไหมคะ",
    # Lawsuits, which group would take over, appointments, voice messages, grants through the office and a map: these
    # got managing resources, why the group matters, the advice entry, how handing over works, who may take part, and
    # a choice (set BT; respelt here).
    "ถ้ากลุ่มอำนวยการจัดสรรงบไม่ยุติธรรม ฟ้องศาลได้ไหมคะ", "ถ้าไม่มีกลุ่มอำนวยการแล้ว งานนี้ไปอยู่กับกลุ่มไหนคะ",
    "ขอคำปรึกษากลุ่มอำนวยการต้องนัดล่วงหน้าไหมคะ", "ถ้าส่งข้อความเสียงมา เจ้าหน้าที่จะตอบไหมครับ",
    "เทศบาลอยากให้งบอุดหนุนโรงเรียน ต้องทำเรื่องผ่านเขตไหมครับ", "ถ้าเปิดกูเกิลแมพ ต้องค้นชื่อ สพป.ชุมพร เขต 2 ว่าอะไรคะ",
    # A likeness drawn, which companies, and whether there is an infographic: these got who may take part and the
    # duties (set BU; respelt here).
    "กลุ่มอำนวยการเหมือนฝ่ายธุรการของบริษัทไหม ช่วยเปรียบเทียบหน่อย", "สถานประกอบการที่ร่วมจัดการศึกษามีบริษัทไหนบ้างคะ",
    "มีอินโฟกราฟิกเรื่องหน้าที่กลุ่มอำนวยการไหมครับ",
    # The office's Facebook page, and research findings: these got a choice and why the group matters (set BV;
    # respelt here).
    "ไม่แน่ใจว่าถูกที่ไหม เพจเฟซบุ๊กของ สพป.ชุมพร เขต 2 ชื่ออะไรคะ", "กลุ่มอำนวยการสำคัญจริงไหม มีผลวิจัยยืนยันไหมคะ",
    # A district office's administrative group, fiscal decentralization, elections and how one thing differs from
    # another: these got the duties, the meaning, who may take part and the four areas (set BW; respelt here).
    "กลุ่มอำนวยการของที่ว่าการอำเภอทำหน้าที่อะไรครับ", "การกระจายอำนาจทางการคลังคืออะไรคะ",
    "ชาวบ้านมีส่วนร่วมในการเลือกตั้งนายก อบต. ยังไงครับ", "การกระจายอำนาจ 4 ด้านของเขต ต่างจากของโรงเรียนยังไงคะ",
    # When results are told, whether a target was met, and school buses: these got the privacy answer, the 2565 report
    # and who may take part (set BX; respelt here).
    "เขตจะส่งข้อความแจ้งผลการประเมินมาเมื่อไหร่คะ", "ปีงบ 2565 เขตทำเรื่องการกระจายอำนาจได้ตามเป้าหรือเปล่าคะ",
    "รถรับส่งนักเรียนของเทศบาลยังวิ่งอยู่ไหมครับ",
    # Which office a matter belongs to, scouting, a school's bills and playground, a teacher's retirement, which schools
    # and signing up: these got whose service this is, the entries on resources and teachers, the inspection entry,
    # who may take part and the networks entry (sets CG and CH; respelt here).
    "อาหารกลางวันเด็กนี่เป็นงานของ อบต. หรือของเขตคะ", "ค่ายลูกเสือของโรงเรียน ขอเงินจากเขตได้ไหมคะ",
    "ค่าไฟโรงเรียนใครเป็นคนจ่ายคะ เขตหรือโรงเรียน", "อบต. จะให้งบสร้างสนามเด็กเล่นในโรงเรียนได้ไหมคะ",
    "กลุ่มอำนวยการทำเรื่องเกษียณอายุราชการของครูด้วยไหมคะ", "เครือข่ายโรงเรียนของตำบลผมมีโรงเรียนอะไรบ้างครับ",
    "สมัครเข้าเครือข่ายความร่วมมือต้องทำยังไงคะ", "หลานอยู่ศูนเด็กเล็ก อบต. ถามเรื่องค่าเทอมได้ไหมคะ",
    # Getting deleted messages back got goodbye, by its "ไปแล้ว" (set CI; respelt here).
    "ข้อความที่ลบไปแล้วกู้คืนได้ไหมคะ",
    # "ใคร" spelt by sound, "ไคร": who chairs a network got the networks entry (set CG; respelt here).
    "เคือข่ายผู้ปกคองของเขด ไครเปนปะทานคะ",
    # Whether something reaches every school alike: these got the networks, resources and inspection entries (set CK;
    # respelt here).
    "ทุกโรงเรียนต้องเข้าร่วมเครือข่ายความร่วมมือด้วยไหมคะ", "กลุ่มอำนวยการให้งบทุกโรงเรียนเท่ากันหมดใช่ไหมครับ",
    "กลุ่มอำนวยการตรวจประเมินทุกโรงเรียนทุกปีไหมคะ",
    # Where a forum is held, and since when messages are kept: the entries give no place or start (set CJ; respelt here).
    "เวทีแลกเปลี่ยนเรียนรู้ขององค์คณะบุคคลจัดที่ไหนคะ", "ระบบเริ่มเก็บข้อความตั้งแต่เมื่อไหร่คะ",
    # A teachers' cooperative's debts got the advice entry (set CN; respelt here).
    "เป็นครูค่ะ ขอคำปรึกษาเรื่องหนี้สหกรณ์ครูได้ไหมคะ",
    # Displeasure said beside a question on the office's work got the entry on resources (set CK; respelt here).
    "ทำไมงบไม่ถึงโรงเรียนเล็ก ทั้งที่เขตว่าจัดสรรทรัพยากรเหมาะสม ไม่พอใจเลยค่ะ",
    # Moving a school to local government, a meeting allowance and bilingual classes: nothing the documents tell
    # (sets CP, BM and T; respelt here).
    "โรงเรียนจะโอนไปอยู่กับเทศบาลได้ไหมคะ", "กรรมการองค์คณะบุคคลมีเบี้ยประชุมไหมคะ",
    "เขตจะเปิดห้องเรียนสองภาษาที่โรงเรียนบ้านเราไหมคะ",
    # The office's own district asked, where the person is from told, and the place alone (set CS; respelt here).
    "สำนักงานเขตอยู่อำเภอละแมใช่ไหมคะ", "บ้านอยู่ อ.สวี ค่ะ ต้องติดต่อเขต 1 หรือเขต 2", "อยู่หลังสวนครับ",
    # A year starting beside what is asked of it (set CT; respelt here).
    "ปีงบ 2569 จะเริ่มแล้ว กลุ่มอำนวยการได้งบเท่าไหร่", "รายงานปีงบ 2566 มีไหมคะ",
    # An e-mail address asked in a word before the question got what the group is (set CO; respelt here).
    "อีเมล ของกลุ่มอำนวยการคืออะไรคะ จะได้ส่งเอกสาร",
    # The education council's office and the election commission, local government's own administrative units, other
    # districts compared, curricula, school buildings and local taxes: the documents cover none, and the first six got
    # the group's duties or who may take part in education (sets CU, CV and CW; respelt here).
    "สำนักงานเลขาธิการสภาการศึกษามีหน้าที่อะไรบ้างคะ", "สกศ. ทำหน้าที่อะไรครับ", "กลุ่มอำนวยการของเทศบาลทำอะไรบ้าง",
    "เทศบาลต้องใช้หลักสูตรเดียวกับโรงเรียนของเขตไหม", "อบต. สร้างอาคารเรียนให้โรงเรียนได้ไหมครับ",
    "อปท. เอาภาษีท้องถิ่นมาช่วยโรงเรียนได้ไหม", "กลุ่มอำนวยการของ อบต. มีหน้าที่อะไรคะ",
    "เขตเราทำงานได้ดีกว่าเขตอื่นหรือเปล่าครับ", "ข้อความจะถูกส่งให้ กกต. ด้วยไหมคะ",
    # Which temples or companies by name: they got who may take part (set CU; respelt here).
    "วัดที่ร่วมจัดการศึกษากับเขตมีวัดไหนบ้างครับ", "บริษัทที่ร่วมมือกับเขตมีบริษัทอะไรบ้างคะ",
    # A link asked as "ลิ้ง" got the report's summary, not the link the office has not set (set CU; respelt here).
    "ขอลิ้งรายงานผลการกระจายอำนาจปี 2565 ค่ะ",
    # Unfairness told, asking nothing: it got the answer on managing resources (set CW; respelt here).
    "กลุ่มอำนวยการแบ่งงบไม่เป็นธรรมเลยค่ะ",
    # Question marks only, two or more: "what do you mean?", which got the nod (sets BW, CB, CM and CZ).
    "??", "???", "? ?",
    # Political decentralisation, the minister's policies, an English version (sets CX and CY; respelt here).
    "การกระจายอำนาจทางการเมืองของประเทศเราหมายถึงอะไรคะ", "นโยบายการศึกษาระดับประเทศของ รมว. มีอะไรบ้าง",
    "รายงานผลการกระจายอำนาจมีฉบับภาษาอังกฤษให้อ่านไหมครับ",
    # A formula, the papers a body must file, a list of items (sets CY and CZ; respelt here).
    "กลุ่มอำนวยการใช้สูตรอะไรคำนวณงบให้โรงเรียนครับ", "องค์กรชุมชนที่จะร่วมจัดการศึกษาต้องใช้เอกสารอะไรบ้างครับ",
    "ทรัพยากรที่เขตแบ่งให้โรงเรียนมีรายการอะไรบ้างคะ",
    # More details of what was answered, naming nothing: it got how handing over works (sets CU and CX; respelt here).
    "ขอรายละเอียดเพิ่มเติมของเรื่องที่ตอบมาครับ",
    # A scholarship from another body, the province's own group, which of two to go to, the largest of anything, a
    # second question the first answer leaves open (sets DA, DB and DC; respelt here).
    "เทศบาลมีทุนให้นักเรียนยากจนไหมครับ", "กลุ่มอำนวยการที่ศาลากลางมีหน้าที่อะไรบ้าง",
    "น้ำท่วมโรงเรียน ควรแจ้งเทศบาลหรือแจ้งเขตดีครับ", "อุปสรรคใหญ่ที่สุดของกลุ่มอำนวยการคืออะไร",
    "ความท้าทายของกลุ่มอำนวยการมีอะไรบ้างคะ แล้วจะแก้ปัญหาครูย้ายออกบ่อยยังไงคะ",
]


@pytest.mark.parametrize("message", GOES_TO_STAFF)
def test_goes_to_staff(answerer, message):
    assert answerer.answer(message).status == "escalated"


# Messages near the rules above that their entry must still answer.
STILL_ANSWERED = [
    # A subject named with "หมายถึง": the subject is what is matched.
    ("การกระจายอำนาจหมายถึงอะไร", "decent-meaning"),
    ("กระจายอำนาจแปลว่าอะไรคะ", "decent-meaning"),
    ("มีกลุ่มอำนวยการไว้ทำไมคะ เครื่องหมายคำถาม", "admin-importance"),
    # Whose the chat is, with the chat named after "นี่": who may take part in education (set CN; respelt here).
    ("นี่ไลน์ของ อบต. หรือเปล่าคะ", "office-which"),
    ("กลุ่มอำนวยการมีอุปสัคอะไรบ้างคะ", "admin-challenges"),  # "อุปสรรค" spelt by sound got the duties (set CN)
    # The bodies under the law and the networks in everyday words went to staff (set CM; respelt here).
    ("เขตช่วยพวกกรรมการตามกฎหมายยังไงบ้างคะ", "decent-legal-bodies"),
    ("พันธมิตรที่ช่วยกันจัดการศึกษาของเขตเป็นแบบไหนคะ", "decent-networks"),  # punctuation said aloud (set CL; respelt here)
    # "ตรงไหน" asks where in a process too, which the entry on handing over answers (set M).
    ("ส่งต่อเจ้าหน้าที่แล้วต้องรอคำตอบตรงไหนคะ", "service-handoff"),
    # Every item of a list an entry gives, asked for: no question whether something reaches every school (set CK).
    ("กลุ่มอำนวยการมีหน้าที่หลักอะไรบ้างคะ ขอครบทุกข้อ", "admin-duties"),
    # How handing over works, the words spaced apart: went to staff as a request for a person (set CF; respelt here).
    ("การ ส่ง ต่อ ให้ เจ้า หน้า ที่ ทำ ยัง ไง", "service-handoff"),
    # A condition that asks no consequence: what may be done while staff have not answered yet, which the hand-over
    # entry says (set R), and "speaking of…", which names a topic (set BT; respelt here: it went to staff).
    ("ถ้าเจ้าหน้าที่ยังไม่ตอบ พิมพ์ข้อความเพิ่มได้ไหมคะ", "service-handoff"),
    ("ถ้าพูดถึงเครือข่ายความร่วมมือ มันเป็นยังไงคะ", "decent-networks"),
    # "ตกลง" opening a question (so, …), not agreeing.
    ("ตกลงแชตนี้ของหน่วยงานไหนคะ", "office-which"),
    # A question after saying the bot is being tried out (set CA; respelt here): went to staff.
    ("ทดสอบบอทหน่อย กลุ่มอำนวยการติดตามผลงานยังไง", "admin-coordination"),
    # What was sent, with its subject named (set BX).
    ("ที่ส่งมาเรื่องการกระจายอำนาจหมายความว่ายังไงคะ", "decent-meaning"),
    ("ทีส่งมาบอกว่ากลุ่มอำนวยการให้คำปรึกษา ให้คำปรึกษาเรื่องอารัยบ้างคับ", "admin-advice-support"),
    # How success is evaluated, without the word for indicators, which goes to staff.
    ("การประเมินความสำเร็จของการกระจายอำนาจภายในเขตทำอย่างไร", "decent-within-area"),
    # School board members say who they are before a covered question.
    ("ผมเป็นกรรมการสถานศึกษาคนใหม่ อยากรู้ว่ากลุ่มอำนวยการดูแลงานด้านไหนบ้างครับ", "admin-duties"),
    # Formal words for keeping data ("จัดเก็บ", "เก็บรักษา") read as the phrasings' "เก็บ" (sets P, V, W).
    ("บริการนี้มีนโยบายจัดเก็บข้อมูลส่วนบุคคลอย่างไร และเก็บรักษาไว้กี่วันคะ", "service-privacy"),
    # "ความยุ่งยาก" (troubles) reads as the phrasings' "อุปสรรค" (set X).
    ("กลุ่มอำนวยการต้องเจอความยุ่งยากอะไรบ้างครับผม", "admin-challenges"),
    # ร held down in a word that doubles it: this got what the group is (set AD, respelt).
    ("อุปสรรรคของกลุ่มอำนวยการเขตพื้นที่คืออะไร", "admin-challenges"),
    # Without its marks "ขอไลน์" (asking for a member of staff's LINE) is found in "คือไลน์" (is this the LINE of…).
    ("ที่นี่คือไลน์ของสพป.ชุมพรเขต 2 ใช่ไหม", "office-which"),
    # Without its marks "ดีหรือไม่" (a judgement) is found in "ได้หรือไม่" (may they): it is not listed.
    ("บริษัทเอกชนร่วมจัดการศึกษากับโรงเรียนได้หรือไม่", "decent-participation-who"),
    ("ครอบครัวของนักเรียนมีส่วนร่วมในการจัดการศึกษาได้หรือไม่คะ", "decent-participation-who"),
    # Schools under the office named in passing are not asked what they come under (`BELONGING_ASKED`).
    ("กลุ่มอำนวยการตรวจสอบและประเมินผลโรงเรียนในสังกัดไปเพื่ออะไรคะ", "admin-inspection"),
    # How the group helps after an assessment is no result asked (set J).
    ("ถ้าผลประเมินโรงเรียนไม่ถึงมาตรฐาน กลุ่มอำนวยการจะช่วยอะไรบ้าง", "admin-inspection"),
    # Formal writing: "ใคร่ขอทราบว่า…" leads in, "ประการใด" and "เหตุใด" ask what "อะไร" and "ทำไม" ask.
    ("ใคร่ขอทราบว่ากลุ่มอำนวยการมีภารกิจประการใดบ้างครับ", "admin-duties"),
    ("ดิฉันใคร่ทราบว่าเหตุใดกลุ่มอำนวยการจึงสำคัญ", "admin-importance"),
    # The asker's own LINE account is no member of staff's.
    ("ผมใช้ไลน์ส่วนตัวถามอยู่ บริการนี้เก็บข้อมูลอะไรบ้าง", "service-privacy"),
    # Whether the group handles what an entry holds: the budget is in the duties entry's phrasings too, but only
    # the resources entry's hold all of the thing.
    ("กลุ่มอำนวยการดูแลเรื่องงบประมาณด้วยไหม", "admin-resources"),
    ("กลุ่มอำนวยการดูแลเรื่องพัฒนาครูด้วยไหมคะ", "admin-teachers"),
    ("กลุ่มอำนวยการดูแลงานประสานกับหน่วยงานอื่นด้วยไหม", "admin-coordination"),
    ("เรื่องพัฒนาครู กลุ่มอำนวยการดูแลด้วยไหมคะ", "admin-teachers"),
    # The count an entry states; and a year before "เรื่อง" is no count of topics (the report's answer counts 4).
    ("การกระจายอำนาจ 4 ด้านมีอะไรบ้าง", "decent-four-areas"),
    ("รายงานปี 65 เรื่องกระจายอำนาจมีเนื้อหาอะไรบ้าง", "decent-report-2565"),
    # Without its marks "หน้าที่ครู" (not covered) is found in "เจ้าหน้าที่ครับ": every message greeting staff so
    # went to staff (held-out set S).
    ("เรียนเจ้าหน้าที่ครับ กลุ่มอำนวยการมีหน้าที่อะไรบ้าง", "admin-duties"),
    ("สวัสดีเจ้าหน้าที่ครับ การกระจายอำนาจมีกี่ด้าน", "decent-four-areas"),
    # Near the details above, what the entries do say.
    ("ขอให้ลบข้อมูลของเราได้ไหม", "service-privacy"),
    # Short questions ending "ได้มั้ย" like "ถามได้มั้ย" (asking whether one may ask): a phrasing of that small talk
    # ending so took them from their entries.
    ("ลบข้อมูลได้มั้ยคะ", "service-privacy"),
    ("ครอบครัวมีส่วนร่วมได้มั้ย", "decent-participation-who"),
    ("กลุ่มอำนวยการบริหารงบประมาณ บุคลากร และวัสดุอุปกรณ์อย่างไร", "admin-resources"),
    # What the group does about a school's results, not one school's result.
    ("ถ้าผลประเมินโรงเรียนไม่ผ่าน กลุ่มอำนวยการช่วยอะไรบ้าง", "admin-inspection"),
    ("กลุ่มอำนวยการติดตามผลการประเมินโรงเรียนยังไง", "admin-inspection"),
    # "ทัน" (in time) is "ทุน" (a grant) without its vowel marks: grants are not covered, being in time is.
    ("กลุ่มอำนวยการประสานงานแล้วติดตามผลยังไงให้แก้ปัญหาได้ทันท่วงที", "admin-coordination"),
    # A list's items counted with the counter misspelt (sets C and K).
    ("การกระจายอำนาจมีกี่ด้าร", "decent-four-areas"),
    ("รายงานผลการกระจายอำนาจปี 2565 สรุปไว้กี่ปรเด็นครับ", "decent-report-2565"),
    ("รายงานกระจายอำนาจปี 2565 สรุปไวกีประเดน อะไรบาง", "decent-report-2565"),  # set Y
    ("กลุ่มอำนวยการหมายถึงอะไร", "admin-what-is"),  # went to staff: "หมายถึง" drew the meaning of decentralization
    ("@สพป.ชุมพร เขต2 กระจายอำนาจกี่ด้าน", "decent-four-areas"),  # a typed mention is not the question
    # Which resources the group is responsible for, and which office this is: they got the duties list, and what
    # the group is (sets I, P and T).
    ("ทรัพยากรที่กลุ่มอำนวยการต้องรับผิดชอบมีอะไรบ้างครับ", "admin-resources"),
    ("ที่นี่หน่วยงานไหนคะ", "office-which"),
    # "นิยาม" (a definition) asks what "ความหมาย" asks: this one got the challenges (sets Q and AB).
    ("ขอนิยามของกลุ่มอำนวยการหน่อยค่ะ", "admin-what-is"),
    # "ทีมเวิร์ก", teamwork in Thai letters, is the phrasings' "ทีม" (set Z: it got the resources entry).
    ("ทีมเวิร์กในกลุ่มอำนวยการ", "admin-teamwork"),
    # This office by its province, beside other provinces' offices.
    ("สพป.ชุมพร เขต 2 กระจายอำนาจกี่ด้าน", "decent-four-areas"),
    # What the bodies are is not covered; how the office supports them is, though "ของ" folds like "คือ" would.
    ("การส่งเสริมองค์คณะบุคคลของเขตมีอะไรบ้างครับ", "decent-legal-bodies"),
    # More details given while waiting for staff, or asked of a subject named, are still answered.
    ("ระหว่างรอเจ้าหน้าที่ ส่งรายละเอียดเพิ่มเติมได้ไหมคะ", "service-handoff"),
    ("ขอรายละเอียดเพิ่มเติมเรื่องหน้าที่ของกลุ่มอำนวยการค่ะ", "admin-duties"),
]


@pytest.mark.parametrize("message, expected", STILL_ANSWERED)
def test_still_answered(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("answered", expected)


@pytest.mark.parametrize("message", ["รับทราบค่ะ ต้องส่งเอกสารเมื่อไหร่", "ok ครับ ขอเบอร์โทรด้วย", "มีเรื่องร้องเรียนค่ะ"])
def test_a_request_after_courtesy_words_still_goes_to_staff(answerer, message):
    assert answerer.answer(message).status == "escalated"


@pytest.mark.parametrize(
    "message, expected",
    [
        # Shares the report's long title, but asks what the words mean: the whole meaning entry wins.
        ("การกระจายอำนาจและการส่งเสริมการมีส่วนร่วม หมายความว่าอย่างไร", "decent-meaning"),
        # Typed without marks: newmm cuts the words apart, respelling puts them back.
        ("กลุมอำนวยการทำหนาทีอะไรบาง", "admin-duties"),
        ("กลมอำนวยการดแลงบประมานไหม", "admin-resources"),
        # A final ญ typed as the น it sounds like: respelt as "ปัญหา".
        ("ปันหาของกลุ่มอำนวยการเขตพื้นที่มีอะไรบ้างคะ", "admin-challenges"),
        # Single digits run together would read "123", a number no entry names.
        ("ขอหน้าที่หลักของกลุ่มอำนวยการเป็นข้อ ๑ ๒ ๓ หน่อยค่ะ", "admin-duties"),
        # Folded, "ผอ.กลุ่ม" (a director, not covered) would be "พอกลม", which "ไม่ค่อยพอ กลุ่ม…" holds.
        ("งบไม่ค่อยพอ กลุ่มอำนวยการช่วยจัดสรรงบประมาณให้โรงเรียนยังไง", "admin-resources"),
        # A count of the list's items in other words than the entry's own ("กี่ข้อ").
        ("การส่งเสริมองค์คณะบุคคลมีกี่ประการ", "decent-legal-bodies"),
        # Courtesy words around a question: dropped, as the question is not courtesy only.
        ("รบกวนสอบถามว่ากลุ่มอำนวยการมีหน้าที่อะไรคะ", "admin-duties"),
        ("โอเคค่ะ แล้วการกระจายอำนาจคืออะไร", "decent-meaning"),
        ("ได้ค่ะ แล้วกลุ่มอำนวยการทำอะไร", "admin-duties"),
        # Following up the group's own work ("ติดตามผลการดำเนินงาน", the duties list's words) is coordination; a
        # school's is inspection. The first got inspection on seven sets.
        ("กลุ่มอำนวยการติดตามผลการดำเนินงานยังไงบ้าง", "admin-coordination"),
        ("กลุ่มอำนวยการติดตามผลการดำเนินงานของโรงเรียนยังไง", "admin-inspection"),
        ("เขตติดตามผลการดำเนินงานของสถานศึกษาแบบไหนคะ", "admin-inspection"),
        # A parent-teacher association member asking about the group (the association's duties are not covered).
        ("ผมเป็นกรรมการสมาคมผู้ปกครองครับ อยากทราบว่ากลุ่มอำนวยการมีหน้าที่อะไร", "admin-duties"),
        # Members coordinating among themselves is teamwork, not coordination with other agencies (sets J, R, S).
        ("คนในกลุ่มอำนวยการประสานงานกันภายในกลุ่มยังไง", "admin-teamwork"),
        # Budget, staff and materials in everyday words ("เงิน คน ของ") are resources, not the whole list of duties
        # (sets AA, AE); what happens after a school is found wanting is inspection (set AE).
        ("กลุ่มอำนวยการดูแลทั้งเงิน ทั้งคน และของใช้ของโรงเรียนไหม", "admin-resources"),
        ("ถ้าเขตตรวจแล้วโรงเรียนไม่ผ่าน กลุ่มอำนวยการทำอะไรต่อ", "admin-inspection"),
        ("กลุ่มอำนวยการดูแลเรื่องเงินกับของใช้ยังไงคะ", "admin-resources"),  # got the duties list (set AG)
        # "ตอนไหน" asks when, as "เมื่อไหร่" does: such questions went to staff in sets B, T, AC and AG.
        ("ข้อมูลที่พิมพ์จะถูกลบตอนไหนครับ", "service-privacy"),
        # Decentralising within the area by its four main missions is how it is done within the area, not the list
        # of the four (eight sets got the list, or a choice of the two).
        ("ในเขตพื้นที่ กระจายอำนาจตามภารกิจหลัก ๔ ด้านกันอย่างไร", "decent-within-area"),
        # "…เรื่องอะไรได้บ้าง" is how people ask what the bot answers, and that small talk came out just ahead, short
        # of its own threshold: a question naming the office's subjects is answered (sets P, S, T and W).
        ("ถ้าโรงเรียนต้องการคำปรึกษา กลุ่มอำนวยการช่วยเรื่องอะไรได้บ้าง", "admin-advice-support"),
        ("กลุ่มอำนวยการให้คำแนะนำโรงเรียนเรื่องอะไรได้บ้างคะ", "admin-advice-support"),
        # The three resources counted, and what all the duties are for: "…คืออะไร" got what the group is, and the
        # duties' closing words the entry on decentralization within the area, whose answer ends alike (set AN).
        ("ทรัพยากรสามอย่างที่กลุ่มอำนวยการบริหาร คืออะไรบ้างครับ", "admin-resources"),
        ("งานทั้งหมดที่กลุ่มอำนวยการทำ ช่วยให้อะไรบรรลุเป้าหมายคะ", "admin-duties"),
        # How the office promotes participation "in providing education": the meaning entry has "การมีส่วนร่วมใน
        # การจัดการศึกษาคืออะไร", and the two were offered as a choice (thirteen sets). The group's role in developing
        # teachers got why the group matters, whose phrasings speak of its role.
        ("ทางสำนักงานเขตส่งเสริมการมีส่วนร่วมในการจัดการศึกษาอย่างไรบ้างคะ", "decent-participation-how"),
        ("กลุ่มอำนวยการมีบทบาทในการพัฒนาครูแบบไหนบ้างครับ", "admin-teachers"),
        # "กอก.", the group's short form in the service's own papers, and preparing for an exam said as what the answer
        # is for: these went to staff (set BA; respelt here).
        ("ภารกิจหลักของ กอก. มีอะไรบ้างครับ", "admin-duties"),
        # A nationality that says who asks is no topic (set BC).
        ("ลูกน้องผมเป็นคนพม่า เขาถามว่าการกระจายอำนาจหมายถึงอะไรครับ", "decent-meaning"),
        # Homework of a few lines or a page, or an essay the teacher set, says what the answer is for (sets AB, AG).
        ("ความสำคัญของกลุ่มอำนวยการ สรุปเป็น 3 บรรทัดให้หน่อย", "admin-importance"),
        ("ครูให้เขียนเรียงความค่ะ กลุ่มอำนวยการสำคัญยังไงคะ", "admin-importance"),
        ("เตรียมสอบ รอง ผอ.สพท. ครับ กลุ่มอำนวยการมีความท้าทายอะไรบ้าง", "admin-challenges"),
        ("เรียน ผอ.สพป.ชุมพร เขต ๒\nข้าพเจ้าในฐานะประธานคณะกรรมการสถานศึกษา ขอทราบว่าการกระจายอำนาจมีด้านใดบ้าง\n"
         "จึงเรียนมาเพื่อโปรดทราบ", "decent-four-areas"),
        # Spelt by sound: these went to staff (set CG; respelt here).
        ("กะจายอำนาด ๔ ด้าน ได้แก่ด้านอาไรบ้างคะ", "decent-four-areas"),
        ("เขดพื้นที่ติดตามตรวดสอบกานมีส่วนล่วมยังไงคับ", "decent-participation-how"),
        ("กุ่มอำนวยกานมีน่าที่ทำอาไรมั่งจ้ะ", "admin-duties"),
        ("คำว่ากะจายอำนาดแปลว่าอาไรคะ", "decent-meaning"),
        # Rough talk: "ไร" for "อะไร" and a "วะ" and "เฮ้ย" the phrasings never had (set CP; respelt here).
        ("เฮ้ย กลุ่มอำนวยการเขตพื้นที่มันคือไรวะ", "admin-what-is"),
        # Obstacles are the challenges: this went to a choice beside the duties (set CS and earlier).
        ("อุปสรรคของกลุ่มอำนวยการเขตพื้นที่มีอะไรบ้างคะ", "admin-challenges"),
        # Where the person writes from, down to the village: the question's words were diluted (set CS; respelt).
        ("อยู่ ม.๑๒ ต.ละแม อ.ละแม ครับ ข้อมูลที่คุยกับบอทเก็บไว้กี่วันครับ", "service-privacy"),
        # Help with developing staff and allocating resources is the support the group gives; it got the entry on
        # resources (sets CO, CQ and earlier; respelt here).
        ("กลุ่มอำนวยการช่วยโรงเรียนเรื่องพัฒนาบุคลากรกับจัดสรรทรัพยากรด้วยไหมคะ", "admin-advice-support"),
        # The group under an older office's word for a unit: a choice, and whose service this is (set CR; respelt).
        ("แผนกอำนวยการของ สพป. มีหน้าที่อะไรบ้างครับ", "admin-duties"),
        ("ฝ่ายอำนวยการ สพป.ชุมพร เขต ๒ คืออะไรคะ", "admin-what-is"),
        # How the area decentralises within itself: it got what decentralisation means (sets CV, CW and earlier).
        ("ในเขตเค้ากระจายอำนาจกันยังไงจ๊ะ", "decent-within-area"),
        # "ข้อมูล" typed without its mark is no request ("ขอ…") for a person (sets CU and CW; respelt here).
        ("ระหวางรอเจาหนาทีตอบ สงขอมูลเพิมไดไหมคะ", "service-handoff"),
        # Pasted from a LINE group: times, senders, a sticker, the read mark, and "does anyone know" (set CZ).
        ("19:40 พ่อน้องฟ้า: กลุ่มอำนวยการเขตพื้นที่ทำหน้าที่อะไรบ้าง ใครทราบบ้างครับ", "admin-duties"),
        ("07:15 ครูดาว: [สติกเกอร์]\n07:16 ครูดาว: การกระจายอำนาจหมายถึงอะไรคะ\nอ่านแล้ว", "decent-meaning"),
        # The four areas asked with "คืออะไร": it got what decentralization means (sets BE, BN and G; respelt here).
        ("4 ด้านของการกระจายอำนาจคืออะไรครับ", "decent-four-areas"),
        # "Please", as translating tools write it (set CX).
        ("โปรดให้ข้อมูลเกี่ยวกับกลุ่มอำนวยการเขตพื้นที่", "admin-what-is"),
        # The question first, then why it is asked; a request to a person only supposed (sets DA and DB; respelt here).
        ("วัดกับร้านค้าแถวบ้านช่วยจัดการศึกษาได้ป่ะคะ ถามเพราะหลวงตาพูดในงานบวช", "decent-participation-who"),
        ("ถ้าขอคุยกับคนจริง ระหว่างรอพิมพ์เพิ่มได้ไหม", "service-handoff"),
    ],
)
def test_hard_but_clear_questions_are_answered(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("answered", expected)


@pytest.mark.parametrize(
    "message, answered, also",
    [
        ("กลุ่มอำนวยการทำอะไร แล้วกระจายอำนาจคืออะไร", "decent-meaning", "admin-duties"),
        ("กลุ่มอำนวยการมีหน้าที่อะไร? การกระจายอำนาจมีกี่ด้าน?", "decent-four-areas", "admin-duties"),
        # Neither question wins the whole message; each is answered alone, and the first is given.
        ("การกระจายอำนาจมีกี่ด้าน แล้วใครมีส่วนร่วมได้บ้าง", "decent-four-areas", "decent-participation-who"),
        ("กลุ่มอำนวยการมีหน้าที่อะไร\nแล้วการกระจายอำนาจหมายถึงอะไร", "admin-duties", "decent-meaning"),
    ],
)
def test_a_message_with_two_questions_answers_one_and_offers_the_other_first(answerer, kb, message, answered, also):
    """Two questions in one message used to get one answer and nothing for the other."""
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("answered", answered)
    assert d.suggestion_ids[0] == also and d.suggestions[0] == kb.get(also).question
    assert d.reply.endswith(kb.reply("also_asked"))


def test_a_second_question_that_needs_an_empty_setting_sends_the_whole_message_to_staff(kb, bundle, answerer):
    """"…แล้วสำนักงานอยู่ที่ไหน" names no subject of the office's, only the office: the message got how handing over
    works and nothing, and no ticket, for where the office is."""
    message = "การส่งต่อเจ้าหน้าที่ทำยังไง แล้วสำนักงานอยู่ที่ไหน"
    d = answerer.answer(message)
    assert (d.status, d.reason) == ("escalated", "missing-setting")
    d = _with_settings(kb, bundle, address="ที่อยู่ตัวอย่าง").answer(message)
    assert (d.status, d.faq_id) == ("answered", "service-handoff") and d.suggestion_ids[0] == "office-address"


def test_a_message_with_one_question_says_nothing_of_others(answerer, kb):
    d = answerer.answer("กลุ่มอำนวยการมีหน้าที่อะไรบ้างคะ")
    assert kb.reply("also_asked") not in d.reply
    assert d.suggestion_ids == list(kb.get("admin-duties").follow_ups)


@pytest.mark.parametrize(
    "message",
    [
        "กลุ่มบริหารงานบุคคลทำอะไร แล้วกลุ่มอำนวยการทำอะไร",  # a unit not covered anywhere in it: all to staff
        "ขอคุยกับเจ้าหน้าที่ แล้วกลุ่มอำนวยการทำอะไร",  # a person was asked for
    ],
)
def test_a_message_with_two_questions_still_goes_to_staff_when_it_should(answerer, message):
    assert answerer.answer(message).status == "escalated"


@pytest.mark.parametrize(
    "message",
    [
        # After an English greeting the question was dropped: the person got the Thai greeting and no ticket.
        "Hello, my son's school closed, who do I contact?",
        "Hi, is there any school near Lang Suan that teaches in English?",
        "Good morning, what does the administration group do?",
        "Hi, I need help",
        # Only small-talk entries came near it: dropping them left no candidate, and deciding raised IndexError.
        "Thanks! And who can take part in managing basic education?",
        # Asked in English about a subject the knowledge base has in Thai: answered in Thai, or offered a choice.
        "Can you explain การกระจายอำนาจ in simple English?",
        "กลุ่มอำนวยการเขตพื้นที่ is what? please explain in English",
        "What is decentralization?",
    ],
)
def test_a_question_in_english_goes_to_staff_and_says_so_in_english(answerer, kb, message):
    d = answerer.answer(message)
    assert (d.status, d.reason) == ("escalated", "in-english")
    assert d.reply == f"{kb.reply('escalated')}\n\n{kb.reply('in_english')}"


@pytest.mark.parametrize(
    "message, expected",
    [
        ("hello", "smalltalk-greeting"),
        ("Hello, how are you?", "smalltalk-greeting"),
        ("Hello, anyone there?", "smalltalk-greeting"),
        ("good morning", "smalltalk-greeting"),
        ("sawasdee krub", "smalltalk-greeting"),  # Thai written in Latin letters, particle and all
        ("thank you ka", "smalltalk-thanks"),
        ("Thank you very much", "smalltalk-thanks"),
        ("thank you so much", "smalltalk-thanks"),  # "so" and "much" say nothing alone
        ("khob khun krub", "smalltalk-thanks"),
        ("ok", "smalltalk-okay"),
    ],
)
def test_english_courtesy_is_small_talk(answerer, kb, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("smalltalk", expected)
    assert kb.reply("in_english") not in d.reply


@pytest.mark.parametrize(
    "message, status",
    [
        # A greeting that names what it asks about used to get the greeting back, and no ticket.
        ("สวัสดีค่ะ ขอถามเรื่องค่าเทอมหน่อย", "escalated"),
        ("สวัสดีครับ ขอถามเรื่องเงินเดือนครูหน่อย", "escalated"),
        ("สวัสดีค่ะ ขอสอบถามเรื่องการย้ายครู", "escalated"),  # "การ" alone is no topic: "ย้าย" is
        ("สวัสดีค่ะ สอบถามเกี่ยวกับค่าเทอม", "escalated"),
        # A topic of the office's own, named alone, is offered the entries it could be asked of.
        ("สวัสดีค่ะ สอบถามเรื่องกระจายอำนาจค่ะ", "clarify"),
        ("สวัสดีครับ ขอถามเรื่องกลุ่มอำนวยการครับ", "clarify"),
        # A question about something else that says "ไปแล้ว" (already sent) got goodbye (set CI; respelt here).
        ("รูปที่ส่งไปแล้วเปิดดูได้ไหมคะ", "escalated"),
        ("ขอบคุณค่ะ ส่งเอกสารไปแล้วได้รับไหมคะ", "escalated"),
    ],
)
def test_small_talk_that_names_a_topic_is_asked_about_it(answerer, message, status):
    assert answerer.answer(message).status == status


@pytest.mark.parametrize(
    "message, expected",
    [
        ("สวัสดีครับ มีเรื่องจะถาม", "smalltalk-greeting"),  # the greeting's own phrasing: "เรื่อง" names nothing
        ("บอทนี้ตอบเรื่องไรได้มั่งอ่ะ", "service-capabilities"),  # "ไร" asks what
        ("ตอบเรื่องไหรได้บ้างหนิ", "service-capabilities"),  # "ไหร" is cut "ไห|ร": no word of its own
    ],
)
def test_small_talk_naming_no_topic_stays_small_talk(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("smalltalk", expected)


@pytest.mark.parametrize(
    "message, expected",
    [
        ("Hello ครับ กลุ่มอำนวยการทำอะไร", "admin-duties"),
        ("hi กระจายอำนาจมีกี่ด้าน", "decent-four-areas"),
        ("การกระจายอำนาจคืออะไร explain หน่อยครับ", "decent-meaning"),  # one English word in a Thai question
        # English words for the office's subjects read as the Thai the phrasings use (knowledge/synonyms.yaml).
        # "…มี challenge อะไร…" and "…ทำ planning แล้วกำหนด policy…" got the group's duties (set U).
        ("กลุ่มอำนวยการมี challenges อะไรบ้าง", "admin-challenges"),
        ("policy ของกลุ่มอำนวยการต้องสอดคล้องกับอะไรคะ", "admin-planning-policy"),
        ("decentralization มีกี่ด้านคะ", "decent-four-areas"),
        ("importance ของกลุ่มอำนวยการคืออะไร", "admin-importance"),
        ("support ที่กลุ่มอำนวยการให้โรงเรียนมีอะไรบ้าง", "admin-advice-support"),  # a choice (sets W and Z)
        # The same word in Thai letters: the first got the duties list, the second went to staff (sets C, G, K, AB).
        ("อำนวยการช่วยซัพพอร์ตบุคลากรเรื่องไหนบ้างคะ", "admin-advice-support"),
        ("กลุ่มอำนวยการซัพพอร์ตบุคลากรยังไง", "admin-advice-support"),
        # The first two got the duties list, the third went to staff (sets W, X and AB).
        ("การบริหาร resource ของกลุ่มอำนวยการครอบคลุมอะไรบ้าง", "admin-resources"),
        ("กลุ่มอำนวยการทำ teacher development ยังไงบ้าง", "admin-teachers"),
        ("ระบบ handoff ของบอททำงานยังไงคะ", "service-handoff"),
        ("ขอ definition ของการกระจายอำนาจหน่อยค่ะ", "decent-meaning"),
        ("แชทนี้เก็บ data ส่วนตัวไหม", "service-privacy"),
        ("เก็บ data อะไรบ้างคะ", "service-privacy"),
        ("privacy ของแชตนี้เป็นยังไงงับ", "service-privacy"),  # "งับ" is "ครับ" as young people type it (set AG)
        # "HR" for managing people: these got the duties list or why the group matters (sets P, AB and AG).
        ("เรื่อง HR ครู เขตทำอะไรบ้าง", "admin-teachers"),
        ("กลุ่มอำนวยการ upskill ครูยังไง", "admin-teachers"),
    ],
)
def test_a_thai_question_with_english_words_is_still_answered(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("answered", expected)


@pytest.mark.parametrize(
    "message, expected",
    [
        # Small talk, then a lead-in ("ขอถาม…ว่า", "ขอสอบถาม"), then the question: the greeting used to win.
        ("สวัสดีครับ ขอถามครับว่ากลุ่มอำนวยการเขตพื้นที่มีความสำคัญอย่างไร", "admin-importance"),
        ("สวัสดีค่ะ ขอสอบถามหน่อยนะคะ กลุ่มอำนวยการนี่คือหน่วยงานอะไรเหรอคะ", "admin-what-is"),
    ],
)
def test_a_question_after_small_talk_and_a_lead_in_is_answered(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("answered", expected)


@pytest.mark.parametrize(
    "message, expected",
    [
        # Saying what is not asked names another entry's subject, and the whole message got that entry (set V).
        ("ไม่ได้ถามว่ากลุ่มอำนวยการคืออะไรนะคะ ถามว่ามีหน้าที่อะไรบ้าง", "admin-duties"),
        ("ไม่ได้ขอเบอร์นะคะ อยากรู้ว่ากลุ่มอำนวยการทำอะไร", "admin-duties"),
        # A unit not covered, named only to say it is not the one asked about.
        ("ไม่ใช่กลุ่มบริหารงานบุคคลนะครับ หมายถึงกลุ่มอำนวยการ ว่ามีหน้าที่อะไร", "admin-duties"),
        # "Not only…" disclaims nothing; a disclaimer inside a clause is part of the question.
        ("ไม่ใช่แค่โรงเรียนกับครูใช่ไหมที่ร่วมจัดการศึกษาได้ มีใครอีกบ้าง", "decent-participation-who"),
        ("ถ้าโรงเรียนไม่ได้ขอความช่วยเหลือ กลุ่มอำนวยการจะเข้าไปช่วยไหม", "admin-advice-support"),
        # The question before the disclaimer, or on both sides of it: all went to staff, a disclaimer followed by
        # nothing asking (set BK; respelt here).
        ("กลุ่มอำนวยการเขตพื้นที่มีหน้าที่อะไรบ้างครับ ไม่ได้ถามเรื่องกระจายอำนาจนะ", "admin-duties"),
        ("กระจายอำนาจแบ่งเป็นกี่ด้านคะ ไม่ใช่ความหมายนะ", "decent-four-areas"),
        ("กลุ่มอำนวยการพัฒนาครูยังไงคะ ไมไดถามเรืองงบ", "admin-teachers"),
        ("อยากรู้เรื่องเครือข่ายความร่วมมือค่ะ ไม่ใช่ครอบครัวนะ มีแบบไหนบ้าง", "decent-networks"),
        # The number after a disclaimer is part of it; what is already known, or left out, is said the same way
        # (set BK; respelt here).
        ("ไม่ใช่รายงานปี 64 นะคะ ปี 65 ที่เขตเผยแพร่ เป็นรายงานเรื่องอะไร", "decent-report-2565"),
        ("องค์คณะบุคคลต้องรายงานผลการทำงานไหมคะ ไม่ได้ถามรายงานปี 65 นะคะ", "decent-legal-bodies"),
        ("กลุ่มอำนวยการทำอะไรบ้างคะ ไม่เอารายงานปี 65 นะ", "admin-duties"),
        ("รู้แล้วว่ากลุ่มนี้ให้คำปรึกษาโรงเรียน แต่เรื่องประสานงานเขาทำอะไร", "admin-coordination"),
        # What the bot answered before, said not to be enough (set BR; respelt here: it went to staff).
        ("ที่ตอบเรื่องประสานงานยังไม่ครบค่ะ อยากทราบหน้าที่ทั้งหมดของกลุ่มอำนวยการ", "admin-duties"),
    ],
)
def test_what_follows_a_disclaimer_is_the_question(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("answered", expected)


@pytest.mark.parametrize(
    "message",
    ["ไม่ได้ถามว่าการกระจายอำนาจคืออะไร อยากรู้ว่าโรงเรียนลูกได้งบเท่าไหร่", "ไม่ได้ถามเรื่องนี้",
     "ไม่ได้อยากรู้ว่าเครือข่ายคืออะไร อยากรู้ว่าโรงเรียนลูกอยู่เครือข่ายไหน"],
)
def test_a_disclaimer_followed_by_nothing_the_bot_answers_goes_to_staff(answerer, message):
    assert answerer.answer(message).status == "escalated"


@pytest.mark.parametrize(
    "message",
    [
        # Said not to be the office's own: without the disclaimer the rest got the group's challenges and its planning
        # (set BK; respelt here).
        "อุปสรรคของครูในห้องเรียนมีอะไรบ้างคะ ไม่ใช่ของกลุ่มอำนวยการนะ",
        "การวางแผนการสอนของครูทำยังไงคะ ไม่ใช่แผนของเขตนะคะ",
        # Why a list has as many items as it has: the pages never say (set BG; respelt here).
        "ทำไมการกระจายอำนาจถึงมี 4 ด้าน ไม่ใช่ 3 ด้านคะ",
        "เพราะอะไรถึงแบ่งกระจายอำนาจเป็น ๔ ด้านครับ",
    ],
)
def test_what_is_said_not_to_be_the_office_s_or_why_a_list_is_that_long_goes_to_staff(answerer, message):
    d = answerer.answer(message)
    assert (d.status, d.reason) == ("escalated", "not-covered")


@pytest.mark.parametrize(
    "message, expected",
    [
        # Another district's number disclaimed says which office is meant, and asking whose the service is stays
        # that question: neither says the thing asked is not the office's.
        ("กลุ่มอำนวยการ สพป.ชุมพร เขต 2 มีหน้าที่อะไรคะ ไม่ใช่เขต 1 นะ", "admin-duties"),
        ("ไลน์นี้เป็นของหน่วยงานไหนคะ ไม่ใช่ของเขตใช่ไหม", "office-which"),
        # "ทำไม่" is doing not, not why.
        ("กระจายอำนาจ 4 ด้านมีอะไรบ้าง ถ้าโรงเรียนทำไม่ได้ล่ะ", "decent-four-areas"),
    ],
)
def test_the_office_named_in_a_disclaimer_for_other_reasons_is_still_answered(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("answered", expected)


def test_asking_for_staff_to_answer_beside_words_on_the_service_is_a_request_for_a_person(answerer):
    # "ไม่ต้องตอบอัตโนมัติ" resembles what the service can do, and got that small talk, and no ticket (set BK).
    d = answerer.answer("ไม่ต้องตอบอัตโนมัตินะ ขอเจ้าหน้าที่ตอบครับ")
    assert (d.status, d.reason) == ("escalated", "asked-for-staff")


@pytest.mark.parametrize(
    "message, expected",
    [
        # A day of the month told in the story: its number and "วันที่" were taken as details asked, and all went to
        # staff (sets BJ and BL; respelt here).
        ("เมื่อวันที่ 12 ครูประจำชั้นพูดถึงการกระจายอำนาจ มันหมายถึงอะไรคะ", "decent-meaning"),
        ("ครูให้หาหน้าที่ของกลุ่มอำนวยการเขตพื้นที่ ส่งวันที่ ๑๘ ค่ะ มีอะไรบ้างคะ", "admin-duties"),
        ("เมื่อ ๒๒ ก.ค. ไปประชุมผู้ปกครองมา ได้ยินว่าเขตส่งเสริมองค์คณะบุคคล ๔ เรื่อง มีเรื่องอะไรบ้างคะ", "decent-legal-bodies"),
    ],
)
def test_a_date_told_in_the_story_is_not_a_detail_asked(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("answered", expected)


@pytest.mark.parametrize(
    "message, expected",
    [
        # How short or in what form the answer should come: the request's words, new to the phrasings, left these
        # short of an answer (set BO; respelt here).
        ("กลุ่มอำนวยการ เขตพื้นที่ คือ อะไร ครับ ขอ 3 บรรทัดพอ", "admin-what-is"),
        ("พรุ่งนี้ต้องพูดหน้าห้อง ขอหน้าที่ของกลุ่มอำนวยการแบบสั้นๆ เป็นข้อๆ ได้ไหมครับ", "admin-duties"),
        ("สี่ด้านของการกระจายอำนาจ ไม่ต้องอธิบายยาวนะ", "decent-four-areas"),
        # A table offered as one choice is no task.
        ("ขอเป็นตารางหรือเป็นข้อก็ได้ค่ะ กลุ่มอำนวยการมีหน้าที่อะไรบ้าง", "admin-duties"),
        # Nor is what the answer is for, said at the end (sets BO and BS; respelt here).
        ("ขอหน้าที่ของกลุ่มอำนวยการแบบเป็นข้อ ๆ ค่ะ จะเอาไปติดบอร์ดหน้าห้องเรียน", "admin-duties"),
        # unless it asks something itself
        ("ไลน์ไอดีของผมจะถูกเก็บไว้ไหม จะเอาไปใช้ทำอะไรครับ", "service-privacy"),
    ],
)
def test_the_form_asked_of_the_answer_is_no_part_of_the_question(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("answered", expected)


@pytest.mark.parametrize(
    "message, expected",
    [
        # A wrong count claimed and asked to be confirmed: the entry's answer gives the right one. These went to staff
        # as another count than the entry's (sets AH, AU, AY and BP; respelt here).
        ("ได้ยินมาว่าการกระจายอำนาจมี 6 ด้าน จริงไหมคะ", "decent-four-areas"),
        ("กระจายอำนาจมี 3 ด้าน ถูกต้องไหมคะ", "decent-four-areas"),
        ("เขตส่งเสริมองค์คณะบุคคล 2 เรื่องใช่ไหมครับ", "decent-legal-bodies"),
    ],
)
def test_a_count_claimed_to_be_checked_gets_the_entry_that_gives_it(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("answered", expected)


def test_a_form_asked_of_nothing_named_is_still_for_staff(kb, bundle):
    # Without the form asked, "ให้หน่อยได้ไหม" names nothing: it got the report's link once the link was filled in.
    with_link = _with_settings(kb, bundle, report_url="https://example.invalid/report")
    assert with_link.answer("สรุปสั้นๆ ให้หน่อยได้ไหม").status == "escalated"


@pytest.mark.parametrize(
    "message, expected",
    [
        # An age, how long the person has done something, how many children a school has: numbers of the story,
        # taken as details the entries never give (set BQ; respelt here).
        ("ตาอายุ 81 แล้ว ไม่ค่อยรู้เรื่อง การกระจายอำนาจนี่มันคืออะไรหรือหลาน", "decent-meaning"),
        ("ผมสอนมา 25 ปี อยากรู้ว่ากลุ่มอำนวยการวางแผนนโยบายให้สอดคล้องกับอะไรบ้าง", "admin-planning-policy"),
        ("โรงเรียนหลานมีเด็ก ๙๐ คน อยากรู้ว่ากลุ่มอำนวยการจัดการทรัพยากรด้านไหนบ้างคะ", "admin-resources"),
        # in an introduction, which the letter's framing leaves out but for its number
        ("เป็นกรรมการสถานศึกษามา 10 ปี อยากรู้ว่าเขตจัดเวทีให้องค์คณะบุคคลแลกเปลี่ยนเรียนรู้กันไหมครับ",
         "decent-legal-bodies"),
        # The year of a step in the person's life, or of when they heard of what they ask (sets BK and BR; respelt).
        ("ผมบรรจุปี 2566 ครับ อยากรู้ว่ากลุ่มอำนวยการพัฒนาครูยังไง", "admin-teachers"),
        ("ปี 66 ได้ยินเรื่องกระจายอำนาจบ่อย การกระจายอำนาจมันหมายถึงอะไรคะ", "decent-meaning"),
        # An age after "วัย" or a relative, an anniversary, a class year, a monk's years (sets BY and BZ; respelt).
        ("ย่า ๗๘ ปีฝากถามว่า เครือข่ายความร่วมมือในการจัดการศึกษาเป็นอย่างไรคะ", "decent-networks"),
        ("คุณตาวัย 85 ฝากถามว่าการกระจายอำนาจหมายถึงอะไรครับ", "decent-meaning"),
        ("ชมรมศิษย์เก่าครบรอบ 40 ปีครับ อยากทราบว่ากลุ่มอำนวยการพัฒนาครูยังไง", "admin-teachers"),
        ("ศิษย์เก่ารุ่น 2535 ครับ อยากทราบว่ากลุ่มอำนวยการพัฒนาครูยังไง", "admin-teachers"),
        ("อาตมาบวชมา 20 พรรษา อยากทราบว่าการกระจายอำนาจหมายถึงอะไร", "decent-meaning"),
        # A school or fiscal year starting or under way (set CT; respelt here).
        ("ปีงบ ๒๕๖๙ จะเริ่มแล้ว อยากรู้ว่ากลุ่มอำนวยการดูแลงบประมาณกับอุปกรณ์ให้โรงเรียนยังไง", "admin-resources"),
        ("ปีการศึกษา ๒๕๖๙ เปิดแล้ว กลุ่มอำนวยการประสานงานกับหน่วยงานต่างๆ ให้งานเดินตามแผนยังไงคะ", "admin-coordination"),
        ("ปีงบ 2569 กำลังจะเริ่ม กลุ่มอำนวยการวางแผนให้สอดคล้องกับนโยบายประเทศยังไง", "admin-planning-policy"),
        # "More than" so many years, the messages already sent, a report's section (sets CU and CW; respelt here).
        ("อ่านข่าวมา ๑๐ กว่าปี ยังไม่รู้เลยว่ากลุ่มอำนวยการมีหน้าที่อะไรบ้าง", "admin-duties"),
        ("ผมทำงานมา 30 กว่าปี อยากรู้ว่าการกระจายอำนาจหมายถึงอะไร", "decent-meaning"),
        ("ผมถามไปแล้ว ๑๒ ข้อความ ข้อความพวกนั้นจะถูกลบเองไหมครับ", "service-privacy"),
        ("เขียนรายงานหัวข้อ 3.2 อยู่ค่ะ ข้อมูลที่พิมพ์ในแชตเก็บไว้นานเท่าไหร่", "service-privacy"),
    ],
)
def test_a_number_told_of_the_story_is_not_a_detail_asked(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("answered", expected)


@pytest.mark.parametrize("message", ["ในเขตมีนักเรียนกี่คนคะ", "ครูในเขตมีทั้งหมด 900 คนใช่ไหม",
                                     "เขตมีเครือข่ายความร่วมมือใหม่เพิ่มไหมคะ"])  # what is new: set BL, respelt
def test_a_number_asked_or_claimed_is_still_for_staff(answerer, message):
    assert answerer.answer(message).status == "escalated"


def test_a_date_asked_about_is_still_a_detail(office_hours_filled):
    # The hours in general do not say whether the office opens on a holiday.
    assert office_hours_filled.answer("วันที่ 1 พ.ค. วันแรงงาน สำนักงานเขตเปิดไหมคะ").status == "escalated"


def test_a_matter_told_beside_small_talk_and_a_time_is_for_staff(answerer):
    # Without "พรุ่งนี้" the message scores as thanks; what the child will do may be a matter.
    assert answerer.answer("ขอบคุณค่ะ พรุ่งนี้ลูกจะไปสอบ").status == "escalated"


def test_refusing_the_program_is_a_request_for_a_person_not_a_disclaimer(answerer):
    # Taken for a disclaimer, "ไม่เอาบอท…" left nothing to decide and the ticket said no subject was named.
    d = answerer.answer("ไม่เอาบอทแล้วขอคนมาตอบ")
    assert (d.status, d.reason) == ("escalated", "asked-for-staff")


@pytest.mark.parametrize(
    "message",
    [
        # Whether things have changed since, or still stand: the pages tell one state, undated (set BL; respelt here;
        # the first got the 2565 report, the second how the group manages resources).
        "ตั้งแต่ปี 2565 จนถึงปัจจุบัน การกระจายอำนาจของเขตเปลี่ยนไปบ้างไหมคะ",
        "กลุ่มอำนวยการยังเป็นคนดูแลงบประมาณอยู่ไหมคะ",
        # What would follow if something were not done: the pages never say (set BM; respelt here: got the networks).
        "ถ้าไม่มีเครือข่ายความร่วมมือจะเกิดอะไรขึ้นครับ",
        "ถ้าเขตไม่ติดตามผลโรงเรียนเลยจะเป็นยังไงคะ",
        # What to do if staff do not answer: the hand-over entry does not say (sets AA and BT; respelt here).
        "ถ้าเจ้าหน้าที่ไม่ตอบ ต้องทำยังไงคะ",
    ],
)
def test_whether_things_have_changed_since_or_what_would_follow_goes_to_staff(answerer, message):
    d = answerer.answer(message)
    assert (d.status, d.reason) == ("escalated", "not-covered")


@pytest.mark.parametrize(
    "message, expected",
    [
        ("ความท้าทายของกลุ่มอำนวยการมีอะไรบ้าง ยกตัวอย่างให้หน่อยครับ", "admin-challenges"),
        ("บริการนี้เก็บข้อมูลอะไรไว้บ้างคะ ขอยกตัวอย่างหน่อย", "service-privacy"),
        ("ด้านการบริหารทั่วไปมีงานอะไรบ้าง ยกตัวอย่างหน่อย", None),  # a list the entry names only
        ("ยกตัวอย่างเครือข่ายความร่วมมือของเขตให้ดูหน่อยครับ", None),  # examples of no list asked for
    ],
)
def test_examples_asked_of_a_list_get_the_list(answerer, message, expected):
    """The list an entry gives is the examples; any other example is a case the documents do not give (set BU; respelt
    here: the first two went to staff)."""
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == (("answered", expected) if expected else ("escalated", None))


def test_what_happens_when_the_bot_cannot_answer_is_still_the_hand_over_entry(answerer):
    d = answerer.answer("ถ้าระบบตอบไม่ได้ จะเกิดอะไรขึ้นกับคำถามคะ")
    assert (d.status, d.faq_id) == ("answered", "service-handoff")


def test_policy_changing_back_and_forth_is_still_the_challenge_it_is(answerer):
    d = answerer.answer("นโยบายเปลี่ยนไปเปลี่ยนมาบ่อย เป็นความท้าทายของกลุ่มอำนวยการไหมคะ")
    assert (d.status, d.faq_id) == ("answered", "admin-challenges")


@pytest.mark.parametrize(
    "message, expected",
    [
        # A story around the question: its words lowered every entry's score, and such messages went to staff.
        ("ยายเลี้ยงหลานอยู่คนเดียว หลานเรียน ป.4 ครูให้การบ้านมาถาม การกระจายอำนาจในการจัดการศึกษาหมายถึงอะไร "
         "จะได้ช่วยหลานทำ", "decent-meaning"),
        # The subject named in the clause before the question's ("…กลุ่มอำนวยการ … ว่าเขามีหน้าที่อะไรบ้าง").
        ("ผมเพิ่งย้ายมาอยู่ชุมพรได้ไม่นาน ลูกเพิ่งเข้าเรียน ได้ยินคนพูดถึงเขตพื้นที่บ่อยๆ เริ่มจากกลุ่มอำนวยการก่อนแล้วกันครับ "
         "ว่าเขามีหน้าที่อะไรบ้าง", "admin-duties"),
        # "ไม่กี่เดือน" (a few months) in the story asks no count.
        ("ดิฉันเพิ่งย้ายมาได้ไม่กี่เดือน ได้ยินคนพูดถึงกลุ่มอำนวยการบ่อย กลุ่มอำนวยการคืออะไรคะ", "admin-what-is"),
        # One clause that vents ("!") is story enough, and its "ใคร" asks nothing (set BD; respelt here).
        ("ถามใครก็ไม่รู้เรื่องสักคน!!! ตกลงกลุ่มอำนวยการมีหน้าที่อะไรบ้าง", "admin-duties"),
        # "ไม่มีใคร" (nobody) asks no "who" (set BD; respelt here).
        ("รายงานผลการกระจายอำนาจปี 2565 เป็นรายงานเรื่องอะไรครับ ไม่มีใครอธิบายให้ฟังเลย", "decent-report-2565"),
    ],
)
def test_a_question_told_within_a_story_is_answered(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("answered", expected)


@pytest.mark.parametrize(
    "message",
    [
        # Another question of the message asks what the entry does not give: one answer would lose it.
        "ผมเป็นกรรมการชุมชนครับ ช่วงนี้ชาวบ้านบ่นเรื่องโรงเรียนกันเยอะ กลุ่มอำนวยการมีหน้าที่อะไรบ้างครับ "
        "แล้วโรงเรียนบ้านเราได้งบเท่าไหร่",
        "ความท้าทายพวกนั้น เขตจะแก้ยังไง มีแผนแก้ปีไหน",
        # "ที่ไหน" (where) asks too: the story's answer on selecting teachers does not say where to sit the exam
        # (found by probing).
        "กลุ่มอำนวยการคัดเลือกครูยังไง? ลูกสาวอยากเป็นครูค่ะ ต้องสอบที่ไหน",
        # Short clauses of names are no story.
        "สพป. กับ อบต. ต่างกันยังไง",
        # "หรือ…!" puts another answer to the question before it, which alone got who may take part (set BD; respelt).
        "ชาวบ้านเข้าไปมีส่วนร่วมแล้วมีใครติดตามผลบ้างไหม หรือแค่ทำพอเป็นพิธี!!!",
    ],
)
def test_a_story_whose_questions_the_entry_does_not_all_answer_goes_to_staff(answerer, message):
    assert answerer.answer(message).status == "escalated"


@pytest.mark.parametrize(
    "message, expected",
    [
        # Deleting asked for: staff must do it, and the privacy answer only told the person to ask them (set AL).
        ("ช่วยลบข้อมูลแชตของผมทั้งหมดด้วยครับ", ("escalated", None)),
        ("อยากลบประวัติแชตค่ะ", ("escalated", None)),
        # Bidden with "ช่วย", "could you" is still a bidding (set AQ).
        ("ช่วยลบประวัติแชทของผมตอนนี้เลยได้ไหม", ("escalated", None)),
        ("รบกวนลบข้อความของฉันให้หน่อยได้ไหมคะ", ("escalated", None)),
        # Bidden, but asking how: the privacy answer says how.
        ("ถ้าจะให้ช่วยลบข้อมูล ต้องทำยังไงคะ", ("answered", "service-privacy")),
        # Deleting asked about: how, or whether one may, is the privacy answer; "พรือ" asks how in Southern Thai.
        ("อยากลบประวัติการคุยต้องทำยังไงครับ", ("answered", "service-privacy")),
        ("ถ้าอยากให้ลบข้อมูลของฉัน ทำพรือ", ("answered", "service-privacy")),
        # "ใหม" is "ไหม" with its vowel mistyped (the evaluation set's "ขอลบข้อมูลส่วนตัวได้ใหม" went to staff).
        ("ลบข้อมูลของผมได้ใหมครับ", ("answered", "service-privacy")),
        # "หลบ" (to go back, in dialect) deletes nothing.
        ("ไปก่อนเหอ หลบบ้านแล้ว", ("smalltalk", "smalltalk-goodbye")),
    ],
)
def test_deleting_asked_for_goes_to_staff_and_asked_about_is_answered(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == expected


@pytest.mark.parametrize(
    "message, reason",
    [
        # A text to translate or write, or an answer in another language: the bot has only the office's Thai
        # answers (sets AB and AK got one of them).
        ("ช่วยแปลหน้าที่กลุ่มอำนวยการเป็นภาษาอังกฤษให้หน่อยค่ะ", "task"),
        ("ช่วยเขียนเรียงความ 2 หน้าเรื่องการกระจายอำนาจทางการศึกษาของไทยให้หน่อยค่ะ", "task"),
        ("อธิบายการกระจายอำนาจเป็นภาษาอังกฤษได้ไหมคะ", "task"),
        # Homework to be made or written long (set BB; respelt here): what participation means, the four areas.
        ("แต่งกลอนเรื่องการมีส่วนร่วมทางการศึกษาหน่อยค่ะ", "task"),
        ("ทำ mind map เรื่องหน้าที่กลุ่มอำนวยการให้หน่อย", "task"),
        ("อธิบายหน้าที่กลุ่มอำนวยการยาวๆ เลยค่ะ", "task"),
        ("กระจายอำนาจแต่ละด้าน ขอด้านละครึ่งหน้า", "task"),
        # A report to be done for the person: got the 2565 report (set BK; respelt here).
        ("ครูให้ทำรายงานเรื่องกระจายอำนาจ ช่วยทำรายงานให้ลูกหน่อยค่ะ", "task"),
        # An answer to be made into a song, a tale or a speech, put in a dialect or a table, or read aloud: these got
        # the entry they name (set BO; respelt here).
        ("แต่งเป็นกลอนสั้นๆ เรื่องหน้าที่กลุ่มอำนวยการให้หน่อย", "task"),
        ("เล่าเป็นนิทานเรื่องการกระจายอำนาจให้หลานฟังหน่อยค่ะ", "task"),
        ("เขียนสุนทรพจน์เรื่องการมีส่วนร่วมของชุมชนให้หน่อยครับ", "task"),
        ("ตอบเป็นภาษาอีสานได้บ่ กลุ่มอำนวยการเฮ็ดหยังแหน่", "task"),
        ("ขอหน้าที่ของกลุ่มอำนวยการเป็นตารางค่ะ", "task"),
        ("อ่านออกเสียงให้ตาฟังได้ไหม การกระจายอำนาจคืออะไร", "task"),
        # as a rap or a tale with words between, or a logo drawn (set CA; respelt here)
        ("ทำเรื่องหน้าที่กลุ่มอำนวยการเป็นเพลงแร็ปหน่อย", "task"),
        ("เล่าเรื่องการกระจายอำนาจเป็นนิทานก่อนนอนให้ลูกหน่อย", "task"),
        ("วาดรูปกลุ่มอำนวยการให้ดูหน่อย", "task"),
        ("ทดสอบความรู้หนูเรื่ององค์คณะบุคคลหน่อย ถามมาทีละข้อ", "task"),  # a quiz of the person (set CA; respelt)
        # The bot's opinion: got the entry the subject named (set CA; respelt here).
        ("ส่วนตัวบอทว่าการกระจายอำนาจดีหรือแย่", "not-covered"),
        ("คิดยังไงกับนโยบายกระจายอำนาจของกระทรวงตอนนี้", "not-covered"),
        # Study aids to be made: a mnemonic, tips to learn by heart, flash cards, notes, a SWOT analysis, exam items,
        # and an essay bidden (set BS; respelt here: each got the entry it names).
        ("คิดคำย่อช่วยจำหน้าที่กลุ่มอำนวยการให้หน่อยครับ", "task"),
        ("มีวิธีท่องการกระจายอำนาจ 4 ด้านให้จำง่ายๆ ไหมคะ", "task"),
        ("ทำแฟลชการ์ดเรื่ององค์คณะบุคคลให้หน่อยค่ะ", "task"),
        ("วิเคราะห์ swot การกระจายอำนาจของเขตให้หน่อย", "task"),
        ("ออกข้อสอบเรื่องหน้าที่กลุ่มอำนวยการให้ 5 ข้อค่ะ", "task"),
        ("เขียนเรียงความเรื่องการกระจายอำนาจให้หน่อยค่ะ", "task"),
        ("ช่วยทำสไลด์เรื่องหน้าที่กลุ่มอำนวยการให้หน่อยครับ", "task"),  # set BO, respelt
        # The office bidden to come to the person's own school: these got the inspection answer, which does not say
        # whether or how it will come (found by probing).
        ("อยากให้เขตมาตรวจโรงเรียนลูก ทำยังไง", "action"),
        ("อยากให้เขตมาประเมินโรงเรียนลูกใหม่ค่ะ", "action"),
        ("ขอให้เขตมาติดตามผลโรงเรียนวัดในหมู่บ้านหน่อยค่ะ", "action"),
        # The person's own school in trouble: the general answer says nothing of its case (found by probing; each
        # got the answer named).
        ("งบประมาณโรงเรียนลูกถูกตัด เขตดูแลไหม", "own-case"),  # resources
        ("วัสดุอุปกรณ์ที่ ร.ร.ลูกไม่พอ ขอเขตได้ไหม", "own-case"),  # resources
        ("โรงเรียนหลานไม่ได้รับการกระจายอำนาจด้านงบประมาณเลย ทำไมล่ะ", "own-case"),  # the four areas
        ("เขตส่งเสริมให้ชุมชนมีส่วนร่วม แต่ทำไมโรงเรียนลูกไม่ทำ", "own-case"),  # how participation is promoted
        # and its results, which the documents do not give (sets AT and Y got the inspection answer)
        ("ผมเป็นกรรมการสถานศึกษา อยากทราบผลการตรวจสอบโรงเรียนของเราที่เขตทำไว้", "own-case"),
        ("ผลการติดตามประเมินผลของกลุ่มอำนวยการที่มาโรงเรียนเราเมื่อวาน ออกมาว่ายังไงบ้างคะ", "own-case"),
        # and how much or when for it (found by probing: the resources answer)
        ("เขตจะจัดสรรงบให้โรงเรียนลูกเท่าไหร่", "own-case"),
        ("แผนพัฒนาการศึกษาของเขตทำให้โรงเรียนลูกต้องปิดใช่ไหม", "own-case"),  # planning
        # and its getting less than others, and how far the person's own matter has got (set BD; respelt here: the
        # resources answer, and how handing over works)
        ("ทำไมงบที่เขตจัดสรรให้โรงเรียนผมได้น้อยกว่าโรงเรียนอื่นคะ", "own-case"),
        ("ส่งเรื่องให้เจ้าหน้าที่ไปสองวันแล้ว เรื่องของผมไปถึงไหนครับ", "own-case"),
        # and what befell the person's child (found by probing: developing teachers)
        ("ลูกไม่ได้เรียนเพราะครูไปอบรมบ่อย เขตรู้ไหม", "own-case"),
        # and one school named (found by probing: resources)
        ("ผอ.โรงเรียนบ้านนาบอกว่าเขตไม่ให้งบ จริงไหม", "own-case"),
        # and its results asked "ผลของ…" beside how the group evaluates (found by probing: the inspection answer)
        ("ตรวจสอบและประเมินผลทำยังไง แล้วผลของโรงเรียนบ้านดอนยางเป็นไง", "own-case"),
        # A rumour of what the office will do, and something never given told without a question (found by probing:
        # resources, and developing teachers).
        ("ได้ยินว่าเขตจะตัดงบโรงเรียนเล็ก จริงไหมคะ", "rumour"),
        ("ครูในหมู่บ้านบอกว่าไม่เคยได้รับการพัฒนาจากเขตเลย", "complaint"),
        # A school turning help down, and the group bidden to coordinate for the person: both got who may take part
        # (found by probing).
        ("อบต.อยากช่วยโรงเรียน แต่ผอ.ไม่ยอม ทำไงดีครับ", "own-case"),
        ("กลุ่มอำนวยการช่วยประสานกับ อบต. ให้ได้ไหม", "action"),
        # Criticism told without a question, and asking why the office does not do something: they got how the
        # members work together, how the office supports participation and why it evaluates (found by probing).
        ("กลุ่มอำนวยการทำงานเป็นทีมไม่ได้เรื่องเลย ติดต่อไปก็โยนกันไปมา", "complaint"),
        ("ทำไมเขตไม่ส่งเสริมให้ชุมชนมีส่วนร่วมเลย", "complaint"),
        ("เขตประเมินผลโรงเรียนแล้วไม่บอกผู้ปกครอง ทำไม", "complaint"),
        # What a teacher did to the person's child, and a rumour of what will be done to the office: they went to
        # staff only as questions no entry answers (found by probing).
        ("ครูประจำชั้นลูกดุลูกทุกวันแบบนี้ทำยังไงดี", "own-case"),
        ("ได้ข่าวว่าสำนักงานเขตจะย้ายไปที่ใหม่ จริงเปล่าคะ", "rumour"),
        ("ได้ยินว่าจะย้ายสำนักงานไปหลังสวนจริงเปล่า", "rumour"),
        # A case asked about in a question of its own beside a general one: the general one was answered and the case
        # reached no one (found by probing: the duties, and who may take part).
        ("กลุ่มอำนวยการมีหน้าที่อะไรคะ แล้วลูกโดนครูตีต้องทำยังไงคะ", "own-case"),
        ("กลุ่มอำนวยการทำอะไรบ้าง? ลูกผมถูกเพื่อนแกล้งที่โรงเรียน ครูไม่สนใจ ควรทำไงครับ", "own-case"),
        ("ใครมีส่วนร่วมจัดการศึกษาได้บ้างคะ แล้วโรงเรียนลูกไม่ให้ผู้ปกครองเข้าประชุม ทำยังไงดีคะ", "own-case"),
        # and a question of its own about the person's own school that no entry answers (set AX had it answered with
        # the four areas; respelt here)
        ("กลุ่มอำนวยการจัดสรรงบยังไงคะ แล้วโรงเรียนลูกได้งบมาทำอะไรบ้าง", "own-case"),
        ("เขตวางแผนการศึกษายังไง แล้วแผนของโรงเรียนลูกใครเป็นคนทำ", "own-case"),
        ("กลุ่มอำนวยการสำคัญยังไง แล้วได้ยินว่าเขตจะให้ผู้ปกครองประเมินครูจริงไหม", "rumour"),
        # Asking what to do is asking about the person's own situation, even beside a general question (found by
        # probing: developing teachers).
        ("กลุ่มอำนวยการพัฒนาครูยังไงคะ แล้วครูลูกไปอบรมบ่อยจนไม่ได้สอน ทำไงดี", "own-case"),
        ("กลุ่มอำนวยการพัฒนาครูยังไง ครูลูกไม่ค่อยสอน ทำไงดี", "own-case"),
        # So does a rumour asked to be confirmed and asking why the office does not: no general question or lead-in
        # beside them makes them a story (set AX had the first kind answered with planning; respelt here).
        ("กลุ่มอำนวยการวางแผนยังไงครับ ได้ยินว่าเขตจะให้โรงเรียนเลิกสอนวันศุกร์ จริงไหม", "rumour"),
        ("ได้ข่าวว่าเขตจะปิดห้องสมุดโรงเรียน จริงไหมคะ อยากทราบว่ากลุ่มอำนวยการบริหารทรัพยากรยังไง", "rumour"),
        ("เขตส่งเสริมการมีส่วนร่วมยังไงคะ ทำไมเขตไม่จัดเวทีให้ผู้ปกครองบ้างเลย", "complaint"),
        # Two things compared or related that different entries answer: each got one entry's answer, which says
        # nothing of the other (set BG; respelt here).
        ("เครือข่ายความร่วมมือกับองค์คณะบุคคลเกี่ยวข้องกันยังไงคะ", "compared-apart"),
        ("การมีส่วนร่วมเกี่ยวกับหน้าที่ของกลุ่มอำนวยการยังไงครับ", "compared-apart"),
        # and why no one picks up (found by probing: it went to staff only as asking who, until "ไม่มีใคร" asked no one)
        ("การทำงานเป็นทีมของกลุ่มอำนวยการเป็นยังไง ทำไมติดต่อไปไม่มีใครรับสายเลย", "complaint"),
    ],
)
def test_what_only_staff_can_do_goes_to_staff(answerer, message, reason):
    d = answerer.answer(message)
    # A reason found in part of a message says where after its first word ("own-case in a letter").
    assert (d.status, d.reason.split(" ")[0]) == ("escalated", reason)


@pytest.mark.parametrize(
    "message, expected",
    [
        # Asking the office to explain is asking to be told; "มาตรฐาน" is no coming.
        ("อยากให้เขตอธิบายว่าการประเมินโรงเรียนมาตรฐานทำยังไง", ("answered", "admin-inspection")),
        ("ขอให้กลุ่มอำนวยการช่วยแนะนำได้ไหม เค้าช่วยเรื่องอะไรบ้าง", ("answered", "admin-advice-support")),
        # A school's trouble told before a lead-in leads in to a general question; not understanding is no trouble.
        ("โรงเรียนผมครูไม่พอ อยากทราบว่ากลุ่มอำนวยการพัฒนาครูอย่างไร", ("answered", "admin-teachers")),
        ("ครูที่โรงเรียนลูกพูดถึงการกระจายอำนาจบ่อย ไม่เข้าใจ มันคืออะไรคะ", ("answered", "decent-meaning")),
        # So does a story before a general question in a clause of its own.
        ("โรงเรียนลูกครูไม่พอ กลุ่มอำนวยการคัดเลือกครูยังไง", ("answered", "admin-teachers")),
        ("ลูกโดนครูดุ แต่อยากถามอีกเรื่อง กลุ่มอำนวยการคืออะไร", ("answered", "admin-what-is")),
        # A case told in a question's story, not asked about apart from it; any family's children are no one's own.
        ("ลูกโดนครูดุมา เลยอยากรู้ว่ากลุ่มอำนวยการพัฒนาครูยังไง? เผื่อจะได้เข้าใจ", ("answered", "admin-teachers")),
        ("ครูดุลูกหลานในหมู่บ้านบ่อยๆ กลุ่มอำนวยการพัฒนาครูยังไงคะ", ("answered", "admin-teachers")),
        # A question about the person's own school that an entry answers alone is answered.
        ("กลุ่มอำนวยการมาประเมินโรงเรียนลูกด้วยไหมคะ? แล้วประเมินอะไรบ้าง", ("answered", "admin-inspection")),
        # What the office does next is no advice sought.
        ("ถ้าประเมินแล้วโรงเรียนไม่ผ่าน กลุ่มอำนวยการจะทำยังไงต่อคะ", ("answered", "admin-inspection")),
        # and a story told after it, or a count asked beside a school's name; a child's school evaluated is nothing
        # that befell the child (set AU had these go to staff).
        ("เขตมีการติดตามประเมินผลโรงเรียนไหมคะ ถามเพราะไม่เคยเห็นใครมาดูโรงเรียนหลานเลย", ("answered", "admin-inspection")),
        ("กระจายอำนาจมีกี่ด้านนะคะ ได้ยินมาจากที่ประชุมโรงเรียนวัด", ("answered", "decent-four-areas")),
        ("การที่กลุ่มอำนวยการประเมินผลโรงเรียน ทำไปเพื่ออะไรคะ พอดีโรงเรียนลูกเพิ่งถูกประเมิน", ("answered", "admin-inspection")),
        # Evaluating a school is no result of it (set A).
        ("เขตมาประเมินผลโรงเรียนลูกทำไมอ่ะ", ("answered", "admin-inspection")),
        # Any family's children are no one's own case.
        ("ลูกหลานไม่ได้เรียนต่อ ชุมชนมีส่วนร่วมในการจัดการศึกษาได้ไหม", ("answered", "decent-participation-who")),
        # Rumours of what the office does are answered, and never having heard of something is no complaint (set AH,
        # and the evaluation set's kind).
        ("เพื่อนบอกว่ากลุ่มอำนวยการไม่มีหน้าที่ประสานงานกับหน่วยงานข้างนอกเลย จริงไหม", ("answered", "admin-coordination")),
        ("กลุ่มอำนวยการนี่มันคืออะไรอ่ะ ไม่เคยได้ยินเลย", ("answered", "admin-what-is")),
        # A fear of leaks told beside a question on what is kept is that question (set AV had it go to staff; respelt
        # here), and supposing no one answers asks how handing over works.
        ("ถ้าเจ้าหน้าที่ยังไม่ตอบกลับ พิมพ์เพิ่มได้ไหมคะ", ("answered", "service-handoff")),
        ("กลัวข้อมูลรั่วไหล แชตนี้เก็บข้อมูลอะไรไว้บ้างคะ", ("answered", "service-privacy")),
        # Criticism asked about is the question's story, and "…ไม่ใช่เหรอ ทำไม…" asks why, not why not.
        ("ถ้าครูในเขตสอนได้ไม่ดี กลุ่มอำนวยการช่วยพัฒนาครูยังไง", ("answered", "admin-teachers")),
        ("กลุ่มอำนวยการไม่มีก็ได้ไม่ใช่เหรอ ทำไมต้องมี", ("answered", "admin-importance")),
        # A grandmother saying of herself that she does not understand (set AW; respelt here).
        ("กลุ่มอำนวยการเขตพื้นที่มันสำคัญยังไงนะยายไม่ค่อยเข้าใจ", ("answered", "admin-importance")),
        # What follows "นอกจาก…แล้ว" (besides…) is the question: these got planning, or a choice, by the words of what
        # the person already knows (sets AY, K and T; respelt here).
        ("นอกจากวางแผนกับกำหนดนโยบายแล้ว กลุ่มอำนวยการทำอะไรอีกบ้างคะ", ("answered", "admin-duties")),
        ("นอกจากวางแผนและนโยบาย กลุ่มอำนวยการมีงานอะไรอีก", ("answered", "admin-duties")),
        ("นอกจากการจัดการทรัพยากรแล้ว กลุ่มอำนวยการต้องรับมืออุปสรรคอะไรอีก", ("answered", "admin-challenges")),
        # With nothing after its clause, the whole message is the question.
        ("ครอบครัวมีส่วนร่วมได้ไหม นอกจากครอบครัวมีใครอีกบ้างคะ", ("answered", "decent-participation-who")),
    ],
)
def test_asking_of_the_office_in_general_is_answered(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == expected


@pytest.mark.parametrize(
    "message, expected",
    [
        # "แปลว่า" (means) asks what a word means; "ภาษาไทย" is the bot's own language.
        ("คำว่า กระจายอำนาจ แปลว่าอะไรคะ", "decent-meaning"),
        ("กลุ่มอำนวยการมีหน้าที่อะไร อธิบายเป็นภาษาไทยง่ายๆ หน่อยค่ะ", "admin-duties"),
        # What the answer is for, and who sets exams: no study aid is bidden.
        ("ขอความท้าทายของกลุ่มอำนวยการไว้ทำ SWOT ค่ะ", "admin-challenges"),
    ],
)
def test_meaning_and_thai_are_no_task(answerer, message, expected):
    assert answerer.answer(message).faq_id == expected


@pytest.mark.parametrize(
    "message, expected",
    [
        # A name heard is mentioned, not asked for: these went to staff as asking a name (sets U and V).
        ("เป็นแม่ค่ะ ได้ยินชื่อกลุ่มอำนวยการจากครูบ่อยๆ อยากรู้ว่าเป็นหน่วยงานอะไรคะ", "admin-what-is"),
        # The question was cut "…ว่าการ…" (to govern), a word no phrasing used; eleven sets had it go to staff.
        ("จะรู้ได้ไงคะว่าการกระจายอำนาจในเขตทำได้สำเร็จ", "decent-within-area"),
        # A doubtful person opens with "ตกลง…" (so, after all); such questions went to staff (sets AH and S).
        ("ตกลงนี่แชตของใครเหรอ", "office-which"),
        # A link received is mentioned, not asked for (sets AK and S).
        ("ได้ลิงก์มาจากกลุ่มไลน์ห้องเรียนค่ะ แชตนี้เป็นของหน่วยงานไหนคะ", "office-which"),
        # Why the group must exist asks why it matters; offered a choice with what it is on nine sets (AT and others).
        ("ทำไมต้องมีกลุ่มอำนวยการด้วยล่ะ", "admin-importance"),
        ("ชาวบ้านธรรมดาอย่างเรามีส่วนร่วมกับการศึกษาได้ปะ หรือต้องเป็นหน่วยงานเท่านั้น", "decent-participation-who"),  # set V
        # "เมื่อไร" and "เท่าไร" are the standard spellings of "เมื่อไหร่" and "เท่าไหร่", which the phrasings ask (set AX).
        ("ข้อความในแชตนี้จะถูกลบเมื่อไรคะ", "service-privacy"),
        # "ที่อยู่ใน" is "that is in", not an address (sets AY and X; respelt here).
        ("กลุ่มอำนวยการที่อยู่ในเขตพื้นที่คือหน่วยงานอะไรคะ", "admin-what-is"),
        # A detail asked zeroes the entries ranked first, on the office's name; the one that gives it ranked lower (set
        # AY; respelt here).
        ("บริการถามตอบของ สพป.ชุมพร เขต 2 เก็บข้อความไว้กี่วัน", "service-privacy"),
        # The group named with the ministry or OBEC it belongs to: the ministry's own duties are not covered
        # ("กระทรวงศึกษาธิการมีหน้าที่อะไรคะ", set BB), and these went to staff as questions about them.
        ("กลุ่มอำนวยการของกระทรวงศึกษาธิการมีหน้าที่อะไรบ้าง", "admin-duties"),
        ("กลุ่มอำนวยการ สังกัดกระทรวงศึกษาธิการ มีหน้าที่อะไร", "admin-duties"),
        ("กลุ่มอำนวยการ สพป.ชุมพร เขต 2 สังกัด สพฐ. มีหน้าที่อะไรคะ", "admin-duties"),
        # A child's special needs told as who asks, in a clause of its own, beside a general question, leave it answered
        # now that questions about them go to staff (set BE; respelt here).
        ("หลานเป็นออทิสติกค่ะ อยากรู้ว่ากลุ่มอำนวยการมีหน้าที่อะไรบ้าง", "admin-duties"),
        ("ลูกเป็นเด็กพิเศษครับ ใครมีส่วนร่วมในการจัดการศึกษาได้บ้าง", "decent-participation-who"),
        # Two things compared that one entry answers, and the group's part in one of its duties, stay answered now that
        # two things of different entries' go to staff (set BG).
        ("งานประสานงานกับงานติดตามผลของกลุ่มอำนวยการต่างกันยังไงคะ", "admin-coordination"),
        ("กลุ่มอำนวยการเกี่ยวกับการคัดเลือกครูยังไงคะ", "admin-teachers"),
    ],
)
def test_questions_that_went_to_staff_are_answered(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("answered", expected)


@pytest.mark.parametrize(
    "message, expected",
    [
        # What one area of decentralization holds: the entry names the four areas and nothing inside them, and
        # these got the list of four (sets AA, AL, AM and AN).
        ("ด้านงบประมาณที่กระจายอำนาจ ครอบคลุมเรื่องอะไรบ้างคะ", ("escalated", None)),
        ("กระจายอำนาจด้านการบริหารงานบุคคล โรงเรียนทำอะไรได้บ้าง", ("escalated", None)),
        ("การกระจายอำนาจด้านบริหารทัวไป รวมถึงงานอาคารสถานที่ด้วยไหมครับ", ("escalated", None)),
        ("กระจายอำนาจด้านการบริหารงานบุคคลแล้ว ผอ.แต่งตั้งครูเองได้หรือเปล่าครับ", ("escalated", None)),
        # and what schools gain in it (set BE; respelt here)
        ("กระจายอำนาจด้านงบประมาณไปแล้ว โรงเรียนได้อะไรเพิ่มครับ", ("escalated", None)),
        # The list answers whether it holds an item, and which the other items are.
        ("การกระจายอำนาจครอบคลุมด้านวิชาการด้วยไหมคะ", ("answered", "decent-four-areas")),
        ("นอกจากด้านวิชาการแล้ว กระจายอำนาจมีด้านอะไรอีกบ้าง", ("answered", "decent-four-areas")),
        ("กระจายอำนาจมีกี่ด้าน อะไรบ้าง", ("answered", "decent-four-areas")),
        # "การบริหารงานบุคคล" is one word in the Thai dictionary, which no phrasing had: the question went to staff.
        ("การบริหารงานบุคคลถือเป็นด้านหนึ่งของการกระจายอำนาจหรือเปล่าคะ", ("answered", "decent-four-areas")),
    ],
)
def test_what_one_item_of_a_list_holds_goes_to_staff_while_the_list_is_answered(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == expected


@pytest.mark.parametrize(
    "message, expected",
    [
        # Whether a person or a program answers: the capabilities answer says it is automatic (sets AK, AM and AO
        # had these go to staff as requests for a person).
        ("ตอนนี้คุยกับคนหรือคุยกับบอทอยู่คะ", ("smalltalk", "service-capabilities")),
        ("ที่ตอบอยู่เป็นระบบ หรือเป็นคนจริง ๆ ครับ", ("smalltalk", "service-capabilities")),
        # Asked of the program, whether it is a person: got whose service this is (set BB; respelt here).
        ("บอทนี้เป็นคนจริงๆ หรือเปล่าคะ", ("smalltalk", "service-capabilities")),
        # Staff by another name, or the program asked about alone (set BI; respelt here).
        ("บอทตอบเองหรือมีเจ้าหน้าที่คอยพิมพ์ครับ", ("smalltalk", "service-capabilities")),
        ("ตอนนี้คุยกับบอทอยู่ใช่มั้ยครับ", ("smalltalk", "service-capabilities")),
        ("ขอคุยกับแอดมินหรือบอทก็ได้ค่ะ", ("escalated", None)),
        # Asking for a person, or refusing the program, is a request.
        ("อยากให้คนตอบ ไม่ใช่บอท", ("escalated", None)),
        ("ไม่เอาบอทแล้ว คนหรือบอทตอบก็ช่างเถอะ ขอคุยกับเจ้าหน้าที่", ("escalated", None)),
    ],
)
def test_whether_a_person_or_a_program_answers_is_told(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == expected


def test_a_greeting_with_a_question_answers_the_question(answerer):
    d = answerer.answer("สวัสดีค่ะ อยากทราบว่ากลุ่มอำนวยการมีหน้าที่อะไรบ้าง")
    assert (d.status, d.faq_id) == ("answered", "admin-duties")


MUNICIPAL_OFFICER = "ผมทำงานที่เทศบาล ดูแลงานด้านสังคมและสวัสดิการ มีโครงการร่วมกับโรงเรียนหลายแห่ง "


@pytest.mark.parametrize(
    "message, expected",
    [
        ("ผมเป็นครูผู้ช่วยที่โรงเรียนขนาดเล็กในอำเภอ เพิ่งย้ายมาจากต่างจังหวัด ยังไม่ค่อยรู้จักโครงสร้างของสำนักงาน"
         "เท่าไหร่ อยากทราบว่ากลุ่มอำนวยการมีความท้าทายอะไรบ้างครับ", "admin-challenges"),
        ("หนูเป็นนักศึกษาครูปีสุดท้าย กำลังฝึกสอนอยู่ที่โรงเรียนในตำบล อาจารย์นิเทศให้ทำรายงาน ขอถามว่ากลุ่มอำนวยการ"
         "มีความสำคัญอย่างไรคะ", "admin-importance"),
        ("ครูที่โรงเรียนไม่พอ สงสัยว่ากลุ่มอำนวยการจัดการบุคลากรยังไง", "admin-resources"),
        (MUNICIPAL_OFFICER + "อยากทราบว่าองค์คณะบุคคลมีอะไรบ้างครับ", "decent-legal-bodies"),
        # The lead-in typed without its marks, or with spaces in it.
        (MUNICIPAL_OFFICER + "อยากทราบวาองค์คณะบุคคลมีอะไรบ้างครับ", "decent-legal-bodies"),
        (MUNICIPAL_OFFICER + "อยาก ทราบ ว่า องค์คณะบุคคลมีอะไรบ้างครับ", "decent-legal-bodies"),
        # "ปีนี้" before the lead-in asks for no year's figures: the question after it is what counts.
        ("ปีนี้โรงเรียนลูกผมโดนประเมินหลายรอบ ผมอยากเข้าใจว่ากลุ่มอำนวยการติดตามและประเมินโรงเรียนไปเพื่ออะไรครับ",
         "admin-inspection"),
         # A role-play frame before the question, which follows "อธิบายหน่อยว่า" or "บอกหน่อยว่า" (set AH).
        ("สมมติเป็นนักข่าว แล้วบอกหน่อยว่าการกระจายอำนาจในเขตพื้นที่ประเมินผลยังไง", "decent-within-area"),
        # A question passed on for someone else, after "ฝากถาม(มา)" (set AI; respelt here).
        ("ผู้ฟังทางบ้านฝากถามมาครับ กลุ่มอำนวยการมีความสำคัญยังไง", "admin-importance"),
        # and after "ถามมา" alone (set AV; respelt here).
        ("ลูกบ้านถามมา กลุ่มอำนวยการเขตเขาทำอะไรกันบ้างนะ", "admin-duties"),
    ],
)
def test_a_question_after_saying_who_is_asking_is_answered(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("answered", expected)


@pytest.mark.parametrize(
    "message",
    [
        # What follows the lead-in names no subject of the office's: it asks about what came before, and
        # alone it resembles entries it has nothing to do with (teachers, privacy).
        "ค่าเทอมแพงมาก อยากรู้ว่าเขตดูแลเรื่องนี้ไหม",
        "รถรับส่งนักเรียนมาสาย อยากรู้ว่าต้องแจ้งใคร",
        "ลูกสอบตกค่ะ อยากทราบว่าต้องทำยังไง",
        "ลูกอยากได้ทุนเรียนต่อ อยากทราบว่ามีหน่วยงานไหนช่วยได้บ้าง",
        # The whole message is checked first: a unit not covered, or a year the report is not about.
        "เรื่องกลุ่มบริหารงานบุคคลค่ะ อยากทราบว่ากลุ่มอำนวยการมีหน้าที่อะไร",
        "อ่านรายงานปี 2566 แล้วค่ะ อยากทราบว่ารายงานผลการกระจายอำนาจสรุปไว้อย่างไร",
    ],
)
def test_a_question_after_a_lead_in_that_depends_on_what_came_before_goes_to_staff(answerer, message):
    assert answerer.answer(message).status == "escalated"


@pytest.mark.parametrize("message", ["แล้วด้านบุคคลล่ะ", "แล้วของอำเภออื่นล่ะคะ"])
def test_and_what_about_alone_asks_about_the_message_before_and_goes_to_staff(answerer, message):
    """"แล้วด้านงบล่ะ" got the four areas, and "แล้วของโรงเรียนผมล่ะครับ" the inspection entry (sets AA and W).
    ("แล้วของเขตอื่นล่ะคะ" goes to staff too, as naming the other districts, which knowledge/scope.yaml does not
    cover.)"""
    d = answerer.answer(message)
    assert (d.status, d.reason) == ("escalated", "no-subject")


def test_lead_ins_are_found_as_people_type_them():
    pattern = lead_in_pattern(["อยากทราบว่า", "ขอถามว่า"])
    for typed in ("อยากทราบว่า", "อยากทราบวา", "อยาก ทราบ ว่า", "ขอถามวา"):
        text = f"ผมเป็นครูค่ะ {typed}กลุ่มอำนวยการทำอะไร"
        assert text[pattern.search(text).end():].strip() == "กลุ่มอำนวยการทำอะไร", typed
    assert pattern.search("อยากทราบเรื่องกลุ่มอำนวยการ") is None
    assert lead_in_pattern([]) is None


@pytest.mark.parametrize(
    "message",
    [
        "กลุ่มบริหารงานบุคคลมีหน้าที่อะไร",  # another group of the office
        "กลุ่มนโยบายและแผนทำอะไรบ้าง",
        "สพป.ชุมพร เขต 1 มีหน้าที่อะไร",  # another office
        "ลูกจะย้ายโรงเรียนต้องทำยังไงครับ",
        "พรุ่งนี้ฝนตกโรงเรียนหยุดไหม",
        # Details no answer gives, in the words of the entry they resemble (set AN): the latest results, which
        # standard, how teachers are tested, grants.
        "ผลการตรวจติดตามโรงเรียนรอบล่าสุดเป็นอย่างไรบ้างคะ",
        "กลุ่มอำนวยการประเมินโรงเรียนตามมาตรฐานไหนครับ",
        "การคัดเลือกครูมีสอบสัมภาษณ์ด้วยไหมคะ",
        "โรงเรียนที่เข้าเครือข่ายความร่วมมือได้เงินสนับสนุนไหมครับ",
        # What the bodies are, which no answer says, and whether one named school passed (set AO).
        "อยากทราบว่าองค์คณะบุคคลคืออะไรครับ",
        "กลุ่มอำนวยการตรวจแล้ว โรงเรียนบ้านดอนยางผ่านมาตรฐานหรือเปล่าคะ",
        # School meals, money a school may take, and who may attend a body's meetings (set AV; respelt here): they
        # got how the group coordinates, who may take part, and the legal bodies entry.
        "กลุ่มอำนวยการประสานงานเรื่องอาหารกลางวันยังไง",
        "โรงเรียนรับเงินบริจาคจากเทศบาลได้ไหมครับ",
        "ชาวบ้านเข้าฟังการประชุมองค์คณะบุคคลได้ไหมคะ",
        # Asking for more teachers, anyone's rights, giving scholarships (found by probing): they got who may take
        # part and the inspection entry.
        "ครูในหมู่บ้านขาด ขอครูเพิ่มได้ไหมครับ",
        "ผู้ปกครองมีสิทธิ์ตรวจสอบการใช้เงินของโรงเรียนไหม",
        "บริษัทผมอยากให้ทุนนักเรียน ติดต่อกลุ่มอำนวยการได้ไหม",
        "ผู้ปกครองเป็นกรรมการสถานศึกษาได้ไหม",  # who may sit on a school board
        "การมีส่วนร่วมนี่หมายถึงให้ผู้ปกครองออกเงินหรือเปล่า",  # paying: who may take part, found by probing
        # Paying what a school asks, a job or a school place, and how to contact anyone, beside a question an entry
        # answers (set AX; respelt here): managing resources, the team, who may take part, the networks entry.
        "กลุ่มอำนวยการบริหารงบยังไงคะ แล้วค่าชุดกีฬาที่โรงเรียนเก็บเพิ่มต้องจ่ายไหม",
        "การทำงานเป็นทีมของกลุ่มอำนวยการเป็นยังไงครับ แล้วผมจะสมัครงานที่กลุ่มได้ไหม",
        "โรงเรียนของเทศบาลสมัครเรียนยังไงคะ",
        "การมีส่วนร่วมคืออะไรคะ แล้วโรงเรียนให้ผู้ปกครองจ่ายค่าพัดลมด้วย ได้ไหม",
        "เครือข่ายความร่วมมือของเขตมีแบบไหนบ้างคะ ถ้าบริษัทจะร่วมด้วยต้องติดต่อยังไง",
        # An act of parliament, which the documents never name (set AX; respelt here): who may take part.
        "การกระจายอำนาจสู่ อปท. ตาม พ.ร.บ. มีขั้นตอนยังไง",
        # What one of the four areas holds, asked "เรื่องอะไร" (sets AV and AY; respelt here): the list of four.
        "ด้านวิชาการกระจายอำนาจเรื่องอะไรให้โรงเรียนบ้างคะ",
        "การกระจายอำนาจด้านวิชาการหมายถึงอะไรคะ",
        "กระจายอำนาจด้านงบประมาณได้ผลไหมครับ",
        # Who approves a school's budget, seeing the office's data, examples, holidays, next year without its tone mark
        # (set AY and others; respelt here): managing resources, the legal bodies, the challenges, handing over.
        "กลุ่มอำนวยการเป็นคนอนุมัติงบประมาณให้โรงเรียนใช่ไหมคะ",
        "รายงานผลงานขององค์คณะบุคคล ชาวบ้านขอดูได้ไหมครับ",
        "กลุ่มอำนวยการรับมือความท้าทายยังไง มีตัวอย่างไหมคะ",
        "ถ้าส่งเรื่องวันหยุด เจ้าหน้าที่จะตอบไหม",
        "กลุ่มอำนวยการจะมีวิธีรับมือความท้าทายปีหนายังไงคะ",
        # The group's sections, a circular, a school director doing a thing himself, a project named (set BA; respelt
        # here): the duties, what decentralization means, the four areas, the challenges.
        "กลุ่มอำนวยการมีงานย่อยอะไรบ้างครับ เช่น งานสารบรรณ งานยานพาหนะ",
        "การกระจายอำนาจตามหนังสือที่ ศธ ๐xxxx/xxxx หมายความว่ายังไงครับ",
        "กระจายอำนาจด้านการบริหารงานบุคคลแล้ว ผอ.โรงเรียนแต่งตั้งครูได้เองไหมคะ",
        "เขตรับมือความท้าทายของกลุ่มอำนวยการด้วยโครงการอะไรครับ",
        # A parent who is not Thai, migrant workers' children, finding a school (set BC; respelt here): who may take
        # part, the networks, advice and support.
        "ดิฉันไม่ใช่คนไทย มีส่วนร่วมในการจัดการศึกษาได้ไหมคะ",
        "เครือข่ายความร่วมมือ ช่วยเด็กต่างด้าวบ้างไหม",
        "กลุ่มอำนวยการช่วยหาโรงเรียนให้ลูกได้ไหมคะ",
        # The ministry's own duties (set BB; respelt here): the group's duties.
        "หน้าที่ของกระทรวงศึกษาธิการมีอะไรบ้าง",
        # A poster asked for, and a competition (set AZ; respelt here): the four areas, managing resources.
        "มีโปสเตอร์เรื่องกระจายอำนาจ 4 ด้านให้ไปติดบอร์ดไหมคะ",
        "นักเรียน ป.5 จะไปแข่งทักษะวิชาการ เขตมีงบให้ไหมคะ",
        "เด็กๆ จะไปแข่งขันกีฬา กลุ่มอำนวยการจัดสรรงบให้ไหมครับ",
        # How a school spends its money (found by probing: the inspection entry).
        "อยากรู้ว่ากลุ่มอำนวยการตรวจสอบการใช้เงินของโรงเรียนด้วยไหมคะ",
    ],
)
def test_out_of_scope_goes_to_staff(answerer, kb, message):
    d = answerer.answer(message)
    assert d.status == "escalated" and d.faq_id is None
    assert d.reply == kb.reply("escalated")


@pytest.mark.parametrize("year", ["2565", "๒๕๖๕", "65"])
def test_the_report_is_answered_for_its_own_year(answerer, year):
    d = answerer.answer(f"รายงานการกระจายอำนาจปี {year} เป็นรายงานเรื่องอะไร")
    assert (d.status, d.faq_id) == ("answered", "decent-report-2565")


@pytest.mark.parametrize("year", ["2566", "๒๕๖๗", "66", "56", "25"])
def test_a_year_the_documents_do_not_cover_goes_to_staff(answerer, year):
    # The only report the documents describe is the one for 2565: its answer must not stand in for another.
    d = answerer.answer(f"รายงานการกระจายอำนาจปี {year} เป็นรายงานเรื่องอะไร")
    assert d.status == "escalated" and d.faq_id is None


def test_a_detail_word_counts_only_where_it_starts_or_ends_on_a_token_boundary():
    words, count = ("ชื่อ", "เบอร์", "วันไหน"), ("กี่",)
    # "ชื่อ" is spelt inside "เชื่อมโยง", which asks for no name; "เบอร์" begins "เบอร์โทร".
    assert details_asked(("การ", "ประสาน", "เชื่อมโยง"), words, count) == frozenset()
    assert details_asked(("ขอ", "ชื่อ", "หน่อย"), words, count) == {"ชื่อ"}
    assert details_asked(("ขอ", "เบอร์โทร"), words, count) == {"เบอร์"}
    assert details_asked(("มี", "กี่", "ด้าน"), words, count) == {"กี่" + fold("ด้าน")}  # a count, with what it counts
    # newmm cuts "ทุกวันไหน" (which day) as ทุกวัน|ไหน: "วันไหน" starts inside a token but ends with one.
    assert details_asked(("ประชุม", "ทุกวัน", "ไหน"), words, count) == {"วันไหน"}
    # A name heard or seen is mentioned, not asked for (sets U and V had such questions go to staff); asked later, it is.
    assert details_asked(("ได้ยิน", "ชื่อ", "กลุ่มอำนวยการ", "บ่อย"), words, count) == frozenset()
    assert details_asked(("เห็น", "ชื่อ", "ใน", "ประกาศ", "ขอ", "ชื่อ", "หน่อย"), words, count) == {"ชื่อ"}


def test_a_count_asks_the_same_typed_without_marks_and_with_any_word_for_a_lists_items():
    words, count, items = ("ชื่อ",), ("กี่", "กี"), ("ข้อ", "เรื่อง", "ด้าน")
    asked = details_asked(("มี", "กี่", "ด้าน"), words, count, items)
    assert details_asked(("มี", "กี", "ดาน"), words, count, items) == asked  # no marks: the same count
    assert details_asked(("มี", "กี่", "เรื่อง"), words, count, items) == asked  # items of a list either way
    assert details_asked(("มี", "กี่", "คน"), words, count, items) != asked  # people are not items


def test_a_lists_items_are_counted_with_their_counter_misspelt_by_a_letter():
    words, count, items = ("ชื่อ",), ("กี่",), ("ข้อ", "ด้าน", "ประเด็น")
    known = {"มี", "กี่", "ปร", "ประ", "เดน", "ล้าน", "บาท"}.__contains__
    asked = details_asked(("มี", "กี่", "ข้อ"), words, count, items, known)
    assert details_asked(("มี", "กี่", "ด้าร"), words, count, items, known) == asked
    # Cut in pieces: misspelt ("ปร|เด็น"), and typed without a mark into two words ("ประ|เดน").
    assert details_asked(("มี", "กี่", "ปร", "เด็น"), words, count, items, known) == asked
    assert details_asked(("มี", "กี่", "ประ", "เดน"), words, count, items, known) == asked
    # "ล้าน" is a letter off "ด้าน" but a word of its own: millions are no list's items.
    assert details_asked(("กี่", "ล้าน", "บาท"), words, count, items, known) != asked


@pytest.mark.parametrize(
    "message",
    [
        # The legal-bodies entry names the forms of support, not the bodies; its phrasings say "เชื่อมโยง".
        "องค์คณะบุคคลของเขตมีคณะอะไรบ้าง ขอชื่อเต็มๆ",
        # Two details the networks entry does not give (a count and names) count twice.
        "เครือข่ายความร่วมมือของเขตมีกี่เครือข่าย ชื่ออะไรบ้าง",
        # The documents name no director.
        "ผอ.เขตคนปัจจุบันคือใครครับ",
        "ผู้อำนวยการกลุ่มอำนวยการชื่ออะไรคะ",
        "อีเมลของกลุ่มอำนวยการคืออะไร",  # a contact detail
        # An amount of money for a year: the resources entry gives neither.
        "ปี 65 เขตกระจายงบประมาณให้โรงเรียนไปกี่บาท",
        "ครูทีผานการคัดเลือกปีนีมีกีคน",  # "how many people", typed without marks
        "เครือข่ายความร่วมมือของ สพป. มีกี่เครือข่ายครับ",  # a count, from an entry that gives no count at all
        # A count of another thing than the entry counts: the report's phrasings count its topics, not its pages
        # (sets P and U).
        "รายงานผลการกระจายอำนาจปี 2565 มีกี่หน้าครับ",
        "กลุ่มอำนวยการจะลงไปติดตามประเมินโรงเรียนไหนบ้างครับ",  # which schools: the entry names none
        "สมาชิกกลุ่มอำนวยการประชุมร่วมกันทุกวันไหนคะ",  # a day, "ไหน" no longer lost to the particle
        "กลุ่มอำนวยการนัดประชุมทีมวันอะไรครับ",  # a day asked as "วันอะไร": got how the group works together
        # Who by name: the networks answer says only that they have clear owners (it had a phrasing asking "who").
        "ใครรับผิดชอบเครือข่ายความร่วมมือของเขตคะ",
        "องค์คณะบุคคลของเขตมีคณะไหนบ้างคะ",  # which bodies: the entry names none
        "ปีนี้เขตจะลงประเมินโรงเรียนเดือนไหนคะ",  # a month: the inspection entry gives no dates
        # A day asked of an entry that gives none, however close the rest: it got the legal bodies (set AR; respelt).
        "เวทีแลกเปลี่ยนเรียนรู้ขององค์คณะบุคคลจะจัดวันไหนครับ อยากไปฟัง",
        # Whether one case has happened yet: these got the participation entry and small talk (set Y).
        "รร.บ้านน้ำพุ ส่งรายงานการมีส่วนร่วมของชุมชนครบหรือยังคะ",
        "ของเขาส่งไปแล้วหรือยังคะ",
        # This year's or next year's plans and money: the documents describe the work, not a year's content.
        "นโยบายการศึกษาของเขตปีนี้เน้นเรื่องอะไรเป็นพิเศษคะ",
        "ปีนี้เขตจัดสรรงบให้โรงเรียนละเท่าไหร่ครับ",
        "สพป.ชุมพร เขต 2 ครอบคลุมอำเภออะไรบ้างคะ",  # which districts: no document lists them
        "รายงานกระจายอำนาจปี 2565 ผ่านเกณฑ์ไหมคะ",  # a verdict on the results: the report entry gives none
        # Which system, and last year's results: they got the inspection and the within-area entries (set AL).
        "กลุ่มอำนวยการติดตามผลโรงเรียนผ่านระบบไหนคะ",
        "ผลการประเมินการกระจายอำนาจปีที่แล้วเป็นยังไงบ้างคะ",
    ],
)
def test_a_detail_no_entry_gives_goes_to_staff(answerer, message):
    d = answerer.answer(message)
    assert d.status == "escalated" and d.faq_id is None


def test_asking_for_the_reports_file_is_not_answered_with_what_the_report_is(answerer, kb):
    # The report entry matches the long title; asking for a link or file is the download entry's, which
    # needs the report's address: empty, so staff answer.
    assert kb.settings["report_url"] == ""
    for message in ("ขอ link ไฟล์ pdf รายงานผลการส่งเสริมการมีส่วนร่วม 2565",
                    "ขอ url รายงานการกระจายอำนาจ",  # "url" is a link too: it was offered a choice (set AC)
                    "ขอลิ้งค์รายงานการกระจายอำนาจปี 65 หน่อยค่ะ"):  # how "ลิงก์" is often spelt: got the report entry
        d = answerer.answer(message)
        assert (d.status, d.reason) == ("escalated", "missing-setting"), message


@pytest.mark.parametrize(
    "message",
    [
        "ผอ.ร.ร. มีปัญหาด้านการบริหาร ปรึกษากลุ่มอำนวยการได้ไหม",  # a school's director is no office director
        "การประสานเชื่อมโยงการทำงานขององค์คณะบุคคลทำอย่างไร",
        "มัสยิดกับโบสถ์มีส่วนร่วมจัดการศึกษาได้ไหมคะ",  # religious institutions, as people name them
        "เครือข่ายความร่วมมือมีผู้รับผิดชอบชัดเจนไหม",  # whether there are owners, not who they are
        # "เทศบาล…มีหน้าที่" allows 20 letters between: here the duties are the administrative group's.
        "เทศบาลกับวัดมีส่วนร่วมจัดการศึกษาได้ไหม แล้วกลุ่มอำนวยการมีหน้าที่อะไร",
        # A garage ("อู่ซ่อมรถ") is a business that may take part: repairs are not covered, "ซ่อม" alone is.
        "ผมเปิดอู่ซ่อมรถ อยากมีส่วนร่วมจัดการศึกษาได้ไหมครับ",
        # How success is measured, not what follows failure ("ไม่สำเร็จจะ…" is not covered).
        "เขาวัดกันยังไงว่ากระจายอำนาจสำเร็จหรือไม่สำเร็จ",
    ],
)
def test_covered_questions_near_those_rules_are_still_answered(answerer, message):
    assert answerer.answer(message).status == "answered"


@pytest.mark.parametrize(
    "message",
    [
        # The documents say how the office supports the legally mandated bodies together, not what any one does.
        "อ.ก.ค.ศ. เขตพื้นที่มีหน้าที่อะไรบ้าง",
        "กพท. เขตพื้นที่มีหน้าที่อะไรบ้าง",
        "ก.ต.ป.น. เขตพื้นที่มีหน้าที่อะไรบ้าง",
        "กลุ่ม DLICT รับผิดชอบงานอะไร",  # the office's ICT group by its other name
        "สำนักงานศึกษาธิการจังหวัดดูแลเรื่องอะไรบ้างครับ",  # another office
        "คณะกรรมการสถานศึกษามีบทบาทอะไรบ้างคะ",  # school boards
        "กศจ. มีหน้าที่อะไรบ้างครับ",  # the provincial education committee, by its abbreviation
        "ผอ. สพท. ต้องทำงานอะไรบ้างคะ",  # the area office's director, by the office's other abbreviation
        "ครูมีหน้าที่อะไรคะ",  # these three got the administrative group's duties
        "ผอ.โรงเรียนมีหน้าที่อะไรบ้าง",
        "คณะกรรมการเขตพื้นที่มีหน้าที่อะไร",
        "นมโรงเรียน",  # these two got the inspection entry, by the word "โรงเรียน"
        "ลูกไม่อยากไปโรงเรียนทำยังไงดี",
        "โรงเรียนในหมู่บ้านจะถ่ายโอนไปอยู่กับเทศบาลได้ไหม",  # got who may take part in education
        "เทศบาลจะรับโอนโรงเรียนในตำบลไปดูแลได้ไหมคะ",  # the same, asked by the authority (set AA)
        "เจ้าหน้าที่ที่ดูแลงานกระจายอำนาจของเขตชื่ออะไรครับ",  # the documents name no member of staff
        "เทศบาลมีหน้าที่อะไรเกี่ยวกับโรงเรียนบ้างคะ",  # local government's own duties got who may take part
        "อบจ. มีหน้าที่ด้านการศึกษาไหมครับ",
        "เทศบาลเมืองชุมพรมีหน้าที่อะไรเกี่ยวกับโรงเรียนคะ",  # a place's name between the body and its duties
        "อบต.ท่าแซะ มีหน้าที่ด้านการศึกษาอะไรบ้าง",
        # Whom to contact: these two got who may take part in education, which names no contact.
        "ห้างร้านอยากสนับสนุนโรงเรียน ต้องติดต่อใครคะ",
        "ชุมชนอยากร่วมจัดการศึกษา ติดต่อใครได้บ้าง",
        "โรงเรียนขาดวัสดุอุปกรณ์ ต้องทำเรื่องขอจากเขตยังไงคะ",  # a procedure: got the resources entry
        "ยืมอุปกรณ์การเรียนการสอนจากเขตได้ไหม",  # lending: got the resources entry too (set Z)
        # One school's assessment result: these got the inspection entry (sets N, O, R, X).
        "ผลประเมินโรงเรียนของหนูออกหรือยังคะ",
        "ผลประเมิน รร.ของลูกออกยัง",
        "ผลการประเมินโรงเรียนวัดเขาทองเป็นยังไง",
        "ทำไมผลการประเมินรร.เราตก",
        "ผลประเมินปีที่แล้วของ รร.บ้านนาดี ผ่านไหมครับ",  # words before the school's name (set Z)
        "อบจ.ชุมพร มีทุนเรียนต่อให้เด็กไหมครับ",  # a scholarship: got who may take part in education (set U)
        # Set Y: a ranking, and a budget category; they got the participation entries.
        "ผลการติดตามการมีส่วนร่วมปีที่แล้ว ชุมชนไหนมีส่วนร่วมมากที่สุดคะ",
        "อบต.จะซื้อชุดกีฬาให้โรงเรียน ใช้งบหมวดไหนได้บ้างคะ",
        # Another province's area office: the first got this office's report entry (set V).
        "สพป.สุราษฎร์ธานี เขต 3 มีรายงานกระจายอำนาจปี 65 ของเขาไหม",
        "สพป.ระนอง กระจายอำนาจกี่ด้าน",
        "สำนักงานเขตพื้นที่การศึกษาประถมศึกษานครศรีธรรมราช เขต 1 กระจายอำนาจกี่ด้านคะ",
        # A promise for staff, the person's data given to a company, what follows when something fails: they got
        # an entry sharing their words, or went to staff as something else (sets AK and AL).
        "รับรองได้ไหมคะว่าจะมีคนตอบภายในพรุ่งนี้",
        "ข้อมูลที่ผมพิมพ์จะถูกส่งต่อให้บริษัทเอกชนไหมครับ",
        # Who reads what the person typed, which the privacy answer does not say (found by probing: got it).
        "ข้อมูลที่คุยในแชทนี้ ครูที่โรงเรียนจะเห็นไหม",
        "ข้อความที่พิมพ์ ใครอ่านบ้างคะ",
        # Joining the network, asked how without "สมัคร" (found by probing: got the networks entry).
        "อยากเป็นเครือข่ายความร่วมมือกับเขต บริษัทผมต้องทำยังไง",
        "ถ้าโรงเรียนไม่ให้ความร่วมมือกับกลุ่มอำนวยการ จะทำยังไงคะ",
        "ถ้าการมีส่วนร่วมของชุมชนไม่สำเร็จ จะเกิดอะไรขึ้นคะ",
        # The bot's opinion: got how people take part (set Z had this go to staff only by chance).
        "คุณคิดว่าการมีส่วนร่วมของชุมชนดีจริงไหม",
        # What one must submit: got the planning entry (sets AI and AL).
        "ถ้าชุมชนอยากให้แผนการศึกษาของเขตมีเรื่องของหมู่บ้านเรา ต้องยื่นเรื่องยังไงคะ",
        # Repairs and who pays for them: got who may take part in education (sets AA, AJ and AK).
        "เทศบาลให้งบซ่อมห้องน้ำโรงเรียนได้ไหมคะ",
        # Where a group sits in the building: the first got the group's duties (sets B, C, AE and AI had such traps).
        "กลุ่มอำนวยการทำงานอยู่ตึกไหนคะ",
        "ห้องกลุ่มอำนวยการอยู่ชั้นไหนครับ",
        # A school's fees, and private schools: a choice of the advice entry, and the duties (set AR; respelt here).
        "โรงเรียนเรียกเก็บค่าแรกเข้าได้ด้วยเหรอคะ",
        "โรงเรียนเอกชนมีกลุ่มอำนวยการไหมครับ ทำหน้าที่อะไร",
        # A school's own system: the privacy answer is about this chat's data.
        "ข้อมูลส่วนตัวของลูกในระบบโรงเรียนปลอดภัยไหมคะ",
        # Judgements the documents do not make: "ดีกว่า" asked of two things ("ไปดีกว่า" alone is "I'd better go").
        "กลุ่มอำนวยการที่นี่ทำงานดีกว่าที่อื่นไหมคะ",
        "กระจายอำนาจกับไม่กระจาย แบบไหนดีกว่ากันครับ",
        # A ranking with a long name between "ไหน" and "ที่สุด": got the four areas (set BG; respelt here).
        "ในสี่ด้านนั้น ด้านไหนโรงเรียนได้รับการกระจายอำนาจมากที่สุดครับ",
        # Another organisation's own administrative unit: got the group's duties (set BD; respelt here).
        "กลุ่มอำนวยการของโรงพยาบาลชุมพรทำหน้าที่อะไรครับ",
        "กลุ่มอำนวยการของมณฑลทหารบกทำหน้าที่อะไรคะ",  # the army's (set BK; respelt here)
        # Decentralisation to local government, another policy: got who may take part (set AR; respelt here).
        "การกระจายอำนาจให้ อบต. มีเรื่องอะไรบ้างคะ",
        "อบจ.ได้อำนาจด้านการศึกษาอะไรบ้างครับ",
        # The ministry or OBEC asked about ("ศธ. มีหน้าที่อะไรบ้างคะ" got the group's duties), OBEC's own central unit too.
        "กระทรวงศึกษาธิการมีหน้าที่อะไรคะ",
        "ศธ. มีหน้าที่อะไรบ้างคะ",
        "สวัสดีค่ะ หน้าที่ของกระทรวงศึกษาธิการคืออะไร",
        "กลุ่มอำนวยการของ สพฐ. ส่วนกลางมีหน้าที่อะไร",
        # Children with special needs asked about: the documents never mention them, and the first and third got the
        # advice and resources answers (set BE; respelt here).
        "กลุ่มอำนวยการช่วยให้คำปรึกษาพ่อแม่เรื่องลูกที่เป็นเด็กพิเศษไหมคะ",
        "รายงานปี 2565 เขียนถึงเด็กพิการไว้ยังไงบ้าง",
        "กลุ่มอำนวยการจัดสรรงบให้ห้องเรียนร่วมยังไงคะ",
    ],
)
def test_bodies_and_units_the_documents_do_not_describe_are_not_covered(answerer, message):
    d = answerer.answer(message)
    assert (d.status, d.reason) == ("escalated", "not-covered")


@pytest.mark.parametrize(
    "message",
    [
        # Whose this service is, this office's or another's: the other office is named only to tell them apart, and
        # these went to staff as questions about it (sets AA, AK, AO, AP, AS and Y; respelt here).
        "แชตนี้ของ สพป.ชุมพร เขต 2 หรือของ สพม. คะ",
        "ไลน์นี้ของเขต 1 หรือเขต 2 ครับ",
        # or whom the person is talking with now (set BD; respelt here)
        "คุยอยู่กับ สพป. หรือ สพม. ครับ",
        # however else the words read: the first got the address entry, the second a choice (sets BF and AS; respelt)
        "นี่ สพม. หรือ สพป. ครับ",
        "ที่นี่ สพม. หรือ สพป. ครับ",
        # Checking whose the service is, naming another office or this one: the first went to staff as a question
        # about the other office, the second found no entry (sets AU, AY and BP; respelt here).
        "ไลน์นี้เป็นของ สพม.ชุมพร ใช่ไหมครับ",
        "ที่คุยอยู่นี่ใช่ของเขตประถมชุมพรหรือเปล่าคะ",
    ],
)
def test_asking_or_checking_whose_service_this_is_gets_whose_it_is(answerer, message):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("answered", "office-which")


@pytest.mark.parametrize(
    "message",
    [
        "ขอเบอร์โทรเขตหน่อยค่ะ จะโทรไปเช็คว่าแชทนี้ของจริงไหม",  # "ของจริง", genuine: the phone is asked for
        "บริการนี้เป็นของสำนักงานไหนคะ แล้วเบอร์ติดต่อเบอร์อะไร",  # a second question, on an empty setting
    ],
)
def test_whose_service_beside_another_matter_is_decided_whole(answerer, message):
    assert answerer.answer(message).status == "escalated"


def test_which_office_to_go_to_is_not_whose_service_this_is(answerer):
    # "เขตนี้" (this area) is no "this" of the service's: the person asks which office handles their matter.
    assert answerer.answer("ลูกจะขึ้น ม.1 ต้องไปติดต่อ สพม. หรือเขตนี้ครับ").status == "escalated"


@pytest.mark.parametrize(
    "message",
    [
        "สพม. หรือ สพป. ดูแลโรงเรียนประถมคะ",  # which office does a thing: no "this"
        "กลุ่มนี้คือกลุ่มบริหารงานบุคคลหรือกลุ่มอำนวยการคะ",  # the other side names a group, not this office
        "อยากคุยกับ สพม. หรือ สพป. ดีคะ",  # whom to talk with, not whom the person is talking with
    ],
)
def test_another_office_or_unit_beside_a_choice_is_still_not_covered(answerer, message):
    d = answerer.answer(message)
    assert (d.status, d.reason) == ("escalated", "not-covered")


def test_an_answer_needing_an_empty_setting_goes_to_staff(answerer, kb):
    assert kb.settings["phone"] == ""
    d = answerer.answer("ขอเบอร์โทรศัพท์สำนักงานหน่อยค่ะ")
    assert d.status == "escalated" and d.reason == "missing-setting"
    assert not any(ch.isdigit() for ch in d.reply)


@pytest.mark.parametrize("message", ["เขตอยู่ไหนครับ", "สำนักงานเขตอยู่ตรงไหน จะขับรถไปเดี๋ยวนี้"])
def test_where_the_office_is_asked_tersely_needs_its_address(answerer, message):
    # The first got the greeting back (set BF; respelt here), the second went to staff as no match (set BD).
    d = answerer.answer(message)
    assert (d.status, d.reason) == ("escalated", "missing-setting")


def _with_settings(kb, bundle, **values: str) -> Answerer:
    """An answerer whose knowledge base has these settings filled in (the contact ones are empty as shipped)."""
    return Answerer(replace(kb, settings={**kb.settings, **values}), bundle)


@pytest.fixture
def office_hours_filled(kb, bundle) -> Answerer:
    return _with_settings(kb, bundle, office_hours="วันจันทร์ถึงวันศุกร์ 08.30-16.30 น.")


def test_a_filled_setting_is_used(office_hours_filled):
    d = office_hours_filled.answer("สำนักงานเปิดกี่โมง")
    assert d.status == "answered" and "08.30-16.30" in d.reply
    escalated = office_hours_filled.answer("ลูกจะย้ายโรงเรียนต้องทำยังไงครับ")
    assert "08.30-16.30" in escalated.reply  # the staff note says when staff work


@pytest.mark.parametrize(
    "message, expected",
    [
        # The retention period is in the privacy answer (a setting), in none of its phrasings: these went to staff
        # (sets AH, AI and AK).
        ("ข้อความที่พิมพ์จะถูกลบเองเมื่อครบ 180 วันใช่ไหมคะ", "answered"),
        ("แชตที่พิมพ์ไปเก็บไว้ ๑๘๐ วันจริงไหมคะ", "answered"),
        # Another period than the answer's: staff, never the answer that states another.
        ("ข้อความที่พิมพ์จะถูกลบเองเมื่อครบ 90 วันใช่ไหมคะ", "escalated"),
    ],
)
def test_a_number_the_answer_states_is_the_entrys_own(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == (expected, "service-privacy" if expected == "answered" else None)


def test_the_answers_numbers_follow_the_settings(kb):
    ninety = build_bundle(replace(kb, settings={**kb.settings, "retention_days": 90}))
    answerer = Answerer(replace(kb, settings={**kb.settings, "retention_days": 90}), ninety)
    assert answerer.answer("ข้อความที่พิมพ์จะถูกลบเองเมื่อครบ 90 วันใช่ไหมคะ").faq_id == "service-privacy"
    assert answerer.answer("ข้อความที่พิมพ์จะถูกลบเองเมื่อครบ 180 วันใช่ไหมคะ").status == "escalated"


def test_where_the_office_is_gets_the_address_or_staff_never_another_answer(kb, bundle):
    # The address entry's words are much like the report download's ("…อยู่ที่ไหน"), which answered this
    # before the address entry existed, and would have once the office filled in the report link.
    links = {"report_url": "https://example.invalid/report", "website": "https://example.invalid"}
    d = _with_settings(kb, bundle, **links).answer("สำนักงานอยู่ที่ไหน")
    assert (d.status, d.reason, d.faq_id) == ("escalated", "missing-setting", None)
    d = _with_settings(kb, bundle, **links, address="ที่อยู่ตัวอย่าง").answer("สำนักงานอยู่ที่ไหน")
    assert (d.status, d.faq_id) == ("answered", "office-address") and "ที่อยู่ตัวอย่าง" in d.reply


def test_a_choice_offers_only_questions_the_bot_can_answer(kb, bundle, answerer):
    # The phone and the address entries come out close ("เบอโทสำนักงานเขตขอหน่อย" did, until "เบอโท" was respelt).
    message = "โทรไปสำนักงานเขตหลายเทื่อแล้วบ่มีคนรับ"
    d = answerer.answer(message)  # neither setting filled in: nothing to offer
    assert (d.status, d.reason, d.suggestions) == ("escalated", "missing-setting", [])
    # Whose service this is, the website and the phone come out close; the website is left empty.
    d = _with_settings(kb, bundle, phone="000").answer("สพป.ชุมพร เขต 2")
    assert "office-phone" in d.suggestion_ids and "office-website" not in d.suggestion_ids
    assert d.suggestions == [kb.get(i).question for i in d.suggestion_ids]


@pytest.mark.parametrize(
    "message",
    [
        "ขอคุยกับเจ้าหน้าที่หน่อยค่ะ",
        # Match the request for a person only loosely, with the entry on how handoff works close behind:
        # still a request for a person, not a choice between two questions.
        "ขอติดต่อเจ้าหน้าที่ด้วยครับ",
        "ติดต่อเจ้าหน้าที่ได้ไหมคะ",
        # "may I ask something?" ("ขอถามอะไรหน่อยได้ไหมคะ") is small talk; "may I reach the admin?" is not.
        "ติดต่อแอดมินได้ไหมคะ",
        # A request word makes a request, though the entry on how handing over works shares its words and scores
        # higher: the first got that entry's answer, and no ticket.
        "อยากให้เจ้าหน้าที่ติดต่อกลับทางไลน์",
        "รบกวนให้เจ้าหน้าที่ตอบกลับด้วยค่ะ",
        "ถ้าว่างขอคุยกับเจ้าหน้าที่หน่อยค่ะ",
        # Telling the bot again what was asked of it ("บอกให้…") is a request too (set AH; respelt here).
        "ฉันบอกให้ส่งต่อเจ้าหน้าที่ ได้ยินไหม",
        # Asking for the admin: "แอดมิน" alone is filler, and this was taken for asking whether one may ask (set AI).
        "ขอแอดมินหน่อยครับ",
        # Whether a member of staff is there: "แอดมิน" alone only addresses the reader, and these got the greeting
        # (five held-out sets).
        "แอดมินอยู่มั้ยคะ",
        "สวัสดีค่ะ แอดมินคะ อยู่ไหมคะ",
        "สวัสดีครับ แอดมินอยู่รึเปล่าครับ",
        # Bidding staff do something, asking nothing: these got how handing over works, and no ticket (sets S, AD).
        "ส่งต่อเจ้าหน้าที่ด้วยค่ะ",
        "ฝากส่งต่อ จนท หน่อยครับ",
        # "…เลย" (just do it) bids too, after a condition: this got how handing over works, and no ticket.
        "ถ้าบอทตอบไม่ได้ ส่งต่อเจ้าหน้าที่เลยค่ะ",
        # Saying no one has answered yet, or asking why: a nudge for staff (set AK); its "ใคร" asks nothing.
        "ส่งเรื่องไปสองวันแล้ว ยังไม่มีใครตอบเลยค่ะ",
        "ทำไมไม่มีใครตอบเลย",
        # or called back (found by probing).
        "ยังไม่มีใครติดต่อกลับมาเลยค่ะ",
        # or asking how anyone works: it complains (sets AX and AY; respelt here), and got how handing over works.
        "ถามไปสามวันแล้วยังไม่มีใครตอบเลย ทำงานกันอย่างไร",
        # Saying the bot answers nothing: it got how handing over works (set AO).
        "บอทนี้ตอบไม่ได้สักเรื่อง เสียเวลามาก",
        # Wanting staff to call back: these got how handing over works, or no match (set CX; respelt here).
        "อยากให้เจ้าหน้าที่ของเขตติดต่อกลับมาหาผมครับ",
        "ดิฉันต้องการให้เจ้าหน้าที่ติดต่อกลับมาหาดิฉันค่ะ",
    ],
)
def test_asking_for_a_person_escalates(answerer, message):
    d = answerer.answer(message)
    assert d.status == "escalated" and d.reason == "asked-for-staff"


@pytest.mark.parametrize(
    "message",
    [
        # A condition or a question about the reply, and no request word: how handing over works. These went
        # to staff as requests for a person, sixteen times across the held-out sets.
        "ถ้าส่งคำถามไปแล้ว เจ้าหน้าที่จะตอบกลับทางไหนคะ",
        "ถ้าบอทไม่รู้คำตอบ จะมีเจ้าหน้าที่มาตอบแทนไหมครับ",
        "ส่งเรื่องไปให้เจ้าหน้าที่แล้ว จะได้คำตอบทางไหน",
        # A question about the steps (sets AE and AI; respelt here).
        "ส่งต่อให้เจ้าหน้าที่มีขั้นตอนอย่างไรบ้าง",
        # Asking to be told the steps, "please" and all: it went to staff as a bidding (set AR; respelt here).
        "รบกวนอธิบายขั้นตอนการส่งเรื่องต่อให้เจ้าหน้าที่หน่อยครับ",
        # No one has answered yet, and what to do: a question about handing over.
        "ส่งไปนานแล้วยังไม่มีใครตอบ ต้องทำยังไงคะ",
        # "ขอบคุณ" and "ของ" hold "ขอ" and request nothing.
        "ขอบคุณค่ะ ถ้าระบบตอบคำถามของฉันไม่ได้ จะมีคนมาตอบแทนไหมคะ",
        # The request for a person scoring 0.1 to 0.3 ahead: these went to staff (sets AF, AK, F, G, K and L).
        "ถ้าระบบตอบไม่ได้ จะมีเจ้าหน้าที่ตอบกลับไหม",
        "ถ้าระบบไม่รู้คำตอบ จะมีเจ้าหน้าที่ตอบกลับไหมครับ",
        # Whether more messages open more cases (sets AK, H, S and Y).
        "ถ้าอยากเพิ่มรายละเอียดทีหลัง ต้องเปิดเรื่องใหม่ไหมคะ",
        # The same with "…ตอบไม่ได้เลย" in its condition.
        "ถ้าบอทตอบไม่ได้เลย จะมีคนมาตอบแทนไหมคะ",
    ],
)
def test_a_question_about_handing_over_is_answered(answerer, message):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("answered", "service-handoff")


@pytest.mark.parametrize(
    "message, offered",
    [
        # The runner-up close behind holds a word of the message the best entry lacks ("สำคัญ", "ครู"), and the best
        # holds none the runner-up lacks: these got the best entry, the wrong one (sets J and K; respelt here).
        ("บทบาทสำคันของกลุ่มอำนวยการเขตคืออะไรครับ", {"admin-what-is", "admin-importance"}),
        ("ทำไมกลุมอำนวยการตองพัฒนาครูคะ", {"admin-importance", "admin-teachers"}),
    ],
)
def test_a_runner_up_naming_more_of_the_message_makes_a_choice(answerer, message, offered):
    d = answerer.answer(message)
    assert d.status == "clarify" and offered <= set(d.suggestion_ids)


def test_a_close_call_offers_suggestions(answerer):
    d = answerer.answer("กลุ่มอำนวยการ")
    assert d.status == "clarify"
    assert 2 <= len(d.suggestions) <= 3 and len(d.suggestion_ids) == len(d.suggestions)
    assert all(s in d.reply for s in d.suggestions)


# A single word used to be answered with the likeliest entry: "โรงเรียน" got the inspection, "ติดตามผล" who may
# take part in education.
@pytest.mark.parametrize(
    "message, offered",
    [
        ("โรงเรียน", {"admin-inspection", "admin-advice-support"}),
        ("ติดตามผล", {"admin-coordination", "admin-inspection"}),
        # Asking for information on a subject names only the subject: got how the group's members share "ข้อมูล".
        ("ขอข้อมูลกลุ่มอำนวยการ", {"admin-what-is", "admin-duties"}),
    ],
)
def test_one_word_is_offered_every_entry_it_could_ask_about(answerer, message, offered):
    d = answerer.answer(message)
    assert d.status == "clarify" and offered <= set(d.suggestion_ids)


def test_one_word_only_one_entry_is_about_is_answered(answerer):
    d = answerer.answer("ความเป็นส่วนตัว")
    assert (d.status, d.faq_id) == ("answered", "service-privacy")


@pytest.mark.parametrize("message", ["", "   ", "\u200b\u200b", "\u0e48"])
def test_nothing_to_match_goes_to_staff_without_error(answerer, message):
    assert answerer.answer(message).status == "escalated"


# Each of these was answered before: "เท่าไหร่" and "เมื่อไหร่" with how long messages are kept (one phrasing
# asks "นานเท่าไหร่"), "ทำไม" and "คืออะไร" with what the administrative group is.
@pytest.mark.parametrize(
    "message", ["เท่าไหร่", "เมื่อไหร่คะ", "ทำไม", "คืออะไร", "1+1 เท่ากับเท่าไหร่", "ใครอะ", "ดาวน์โหลด"]
)
def test_a_message_that_only_asks_without_saying_of_what_goes_to_staff(answerer, message):
    d = answerer.answer(message)
    assert (d.status, d.faq_id, d.suggestions) == ("escalated", None, [])


@pytest.mark.parametrize("message", ["7 คูณ 8 ได้เท่าไหร่", "สอบ RT ป.1 วันไหน"])
def test_an_entry_sharing_no_word_of_what_is_asked_about_does_not_answer(office_hours_filled, message):
    # With the office hours filled in, the hours entry ("…เปิดวันไหน") could answer the exam question.
    d = office_hours_filled.answer(message)
    assert (d.status, d.faq_id, d.suggestions) == ("escalated", None, [])


def test_a_word_misspelt_into_pieces_is_still_shared_with_its_entry(answerer):
    d = answerer.answer("การกระจายอำนาดคืออะไร")
    assert (d.status, d.faq_id) == ("answered", "decent-meaning")


@pytest.mark.parametrize(
    "message, expected",
    [("กลุ่มอำนวยการคืออะไร", "admin-what-is"), ("การกระจายอำนาจมีกี่ด้าน", "decent-four-areas")],
)
def test_the_same_question_words_with_a_subject_are_answered(answerer, message, expected):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("answered", expected)


def test_a_chosen_suggestion_is_answered_directly(answerer):
    d = answerer.answer_entry("decent-legal-bodies")
    assert (d.status, d.faq_id, d.confidence) == ("answered", "decent-legal-bodies", 1.0)
    assert answerer.answer_entry("no-such-entry").status == "escalated"


def test_new_entries_are_used_without_restart(answerer):
    question = "โรงเรียนในเขตมีกี่แห่ง"
    assert answerer.answer(question).status == "escalated"
    entry = Entry(
        id="learned-1", kind="faq", category="เรียนรู้จากเจ้าหน้าที่", question=question,
        variants=("ในเขตมีโรงเรียนกี่โรง", "จำนวนโรงเรียนในเขต", "โรงเรียนในสังกัดมีเท่าไร", "เขตดูแลโรงเรียนกี่แห่ง", "มีโรงเรียนในเขตกี่ที่"),
        answer="ทดสอบคำตอบค่ะ", source=Source("staff-answers", "ticket 1"),
    )
    answerer.use_learned([entry])
    d = answerer.answer(question)
    assert (d.status, d.faq_id) == ("answered", "learned-1")


def test_a_repeated_message_gets_the_decision_made_the_first_time(kb, bundle):
    """The answer cache: a surge repeats the same few questions, and deciding one costs more than the rest of a
    web request. With no cache every message is decided afresh (what `make bench` times as the core)."""
    from bot.answering import Answerer

    cached = Answerer(kb, bundle)
    first = cached.answer("กลุ่มอำนวยการมีหน้าที่อะไร")
    assert cached.answer("กลุ่มอำนวยการมีหน้าที่อะไร") is first
    assert cached.answer("กลุ่มอำนวยการมีหน้าที่อะไรคะ") is not first

    fresh = Answerer(kb, bundle, cache_size=0)
    again = fresh.answer("กลุ่มอำนวยการมีหน้าที่อะไร")
    assert fresh.answer("กลุ่มอำนวยการมีหน้าที่อะไร") is not again
    assert again == first
    long = "ขอสอบถามเรื่องหน้าที่ของกลุ่มอำนวยการค่ะ " * 10  # over CACHED_CHARS: one person's own, not kept
    assert cached.answer(long) is not cached.answer(long)


@pytest.mark.parametrize(
    "message",
    ["โดยรวมแล้วงานของกลุ่มอำนวยการท้าทายตรงไหนบ้างครับ", "ช่วยเล่าโดยย่อว่างานของกลุ่มอำนวยการมีความท้าทายอะไรบ้าง"],
)
def test_asking_for_an_overview_or_a_short_answer_says_nothing_of_the_subject(answerer, message):
    """"โดยรวม", "โดยย่อ" ask how much to say, like "บอกมาตรงๆ" asks how: the duties entry's phrasing asks for an
    overview of the group's work ("ภาพรวมงาน"), and questions about its challenges got its duties or went to staff."""
    decision = answerer.answer(message)
    assert (decision.status, decision.faq_id) == ("answered", "admin-challenges")


@pytest.mark.parametrize(
    "message, entry",
    [
        ("กราบขอบพระคุณค่ะ", "smalltalk-thanks"),
        ("ขอบพระคุณในความกรุณาเป็นอย่างสูงครับ", "smalltalk-thanks"),
        ("สวัสดีค่ะ ขออนุญาตเรียนสอบถามค่ะ", "smalltalk-greeting"),
        ("ขออนุญาตสอบถามหน่อยครับ", "smalltalk-may-i-ask"),
        ("รับทราบตามนั้นครับ", "smalltalk-okay"),
    ],
)
def test_courtesy_in_a_letters_register_is_small_talk(answerer, message, entry):
    """People write to the office as to any government office ("กราบ…", "ขออนุญาต…"); these went to staff as
    tickets that asked nothing."""
    decision = answerer.answer(message)
    assert (decision.status, decision.faq_id) == ("smalltalk", entry)


@pytest.mark.parametrize(
    "message",
    ["ครูที่กลุ่มอำนวยการคัดเลือกต้องมีคุณสมบัติอย่างไรครับ", "ใคร่ขอทราบหลักเกณฑ์ที่กลุ่มอำนวยการใช้คัดเลือกครูค่ะ"],
)
def test_the_rules_or_qualifications_behind_a_duty_are_a_detail_for_staff(answerer, message):
    """The teachers entry says the group selects and develops teachers, not by which rules or whom."""
    assert answerer.answer(message).status == "escalated"


def test_spending_without_transparency_is_an_allegation_for_staff(answerer):
    message = "โรงเรียนลูกใช้เงินบริจาคไม่โปร่งใสเลยค่ะ กลุ่มอำนวยการช่วยตรวจสอบและประเมินผลได้ไหมคะ"
    assert answerer.answer(message).status == "escalated"


@pytest.mark.parametrize(
    "message",
    ["กลุ่มอำนวยการจะมาติดตามประเมินผลโรงเรียนเดือนหน้า ต้องเตรียมเอกสารอะไรไว้บ้างคะ", "สอบคัดเลือกครูต้องสอบวิชาอะไรบ้างครับ"],
)
def test_papers_to_prepare_and_the_subjects_of_a_test_are_for_staff(answerer, message):
    assert answerer.answer(message).status == "escalated"


@pytest.mark.parametrize(
    "message, entry",
    [
        # The place's item stands in for it: the last heading got the 2565 report, whose page it is on.
        ("หัวข้อสุดท้ายในหน้ากระจายอำนาจ พูดถึงเรื่องอะไรครับ", "decent-networks"),
        ("หัวข้อแรกของหน้ากระจายอำนาจพูดถึงอะไร", "decent-within-area"),
        ("ข้อ 2 ในหัวข้อหน้าที่หลัก อธิบายเพิ่มหน่อยค่ะ", "admin-coordination"),
        ("ข้อสุดท้ายในหัวข้อที่ถามว่ากลุ่มอำนวยการคืออะไร หมายความว่ายังไงครับ", "admin-coordination"),
        # Or the part next to the one named: this got the duties, of the part it is next to.
        ("หัวข้อที่ต่อจากหน้าที่หลัก พูดถึงอะไรครับ", "admin-teamwork"),
        ("หัวข้อแรกที่อยู่ถัดจากรายงานปีงบ 65 พูดถึงอะไรครับ", "decent-within-area"),
        # Asking only what is there, the whole list answers, numbered: the person sees the item they meant.
        ("หน้าที่หลักข้อ ๑ ของกลุ่มอำนวยการคืออะไรครับ", "admin-duties"),
        ("ด้านที่ ๔ ของการกระจายอำนาจคือด้านอะไร", "decent-four-areas"),
        # A number of the person's own, beside a question that names its subject, changes nothing.
        ("ข้อ 1 กลุ่มอำนวยการมีหน้าที่อะไรบ้างคะ", "admin-duties"),
    ],
)
def test_a_place_on_the_office_pages_is_answered_as_what_is_there(answerer, message, entry):
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == ("answered", entry)


@pytest.mark.parametrize(
    "message, reason",
    [
        ("ข้อ 5 ในหน้ากระจายอำนาจคือเรื่องอะไรคะ", "not-on-the-pages"),
        ("หน้าที่หลักข้อที่ 6 ของกลุ่มอำนวยการคืออะไรครับ", "not-on-the-pages"),
        ("ด้านที่ห้าของการกระจายอำนาจคือด้านอะไร", "not-on-the-pages"),
        ("ข้อ 2 ในบทความกลุ่มอำนวยการ หมายถึงอะไร", "place-unclear"),  # got what the group is
        # The article is named by its title ("…มีหน้าที่อะไร?"), not by its list of five duties: its two lists differ.
        ("ข้อ 4 ของบทความหน้าที่กลุ่มอำนวยการคือเรื่องอะไรคะ", "place-unclear"),
        ("ข้อ 3 คืออะไรคะ", "place-unclear"),
    ],
)
def test_a_place_the_pages_do_not_have_or_do_not_tell_goes_to_staff(answerer, message, reason):
    d = answerer.answer(message)
    assert (d.status, d.reason) == ("escalated", reason)


def test_a_detail_of_a_place_is_still_a_detail(answerer):
    d = answerer.answer("ข้อ 1 ในหน้ากระจายอำนาจ ปีที่แล้วประเมินความสำเร็จได้กี่เปอร์เซ็นต์")
    assert d.status == "escalated"


def test_a_formal_question_after_a_courtesy_it_opens_with_is_answered(answerer):
    d = answerer.answer("กราบเรียนสอบถามครับ กระผมเป็นกรรมการหมู่บ้าน ใคร่ขอทราบโดยสรุปว่ากลุ่มอำนวยการของเขตพื้นที่การศึกษา"
                        "มีภารกิจความรับผิดชอบหลักประการใดบ้างครับ")
    assert (d.status, d.faq_id) == ("answered", "admin-duties")


def test_a_loanword_for_network_is_the_network(answerer):
    d = answerer.answer("เขตมีเน็ตเวิร์คการศึกษาไหม เป็นแบบไหน")
    assert (d.status, d.faq_id) == ("answered", "decent-networks")


def test_the_student_loan_fund_is_not_the_offices(answerer):
    d = answerer.answer("ขอถามเรื่องกู้ กยศ. ค่ะ")  # got planning and policy (set BI)
    assert (d.status, d.reason) == ("escalated", "not-covered")


@pytest.mark.parametrize(
    "message, expected",
    [
        ("สวัสดีตอนเช้าค่ะ ☀️ #วันจันทร์", ("smalltalk", "smalltalk-greeting")),
        ("ขอบคุณครับ\n--\nครูวิชาการ | name@example.com", ("smalltalk", "smalltalk-thanks")),
        ("แชตนี้ถามเรื่องอะไรได้บ้างครับ เห็นลิงก์จาก example.go.th", ("smalltalk", "service-capabilities")),
        ("สวัสดีครับ ผมเป็นประธานชุมชนบ้านตัวอย่าง อยากทราบว่าคนในชุมชนมีส่วนร่วมในการจัดการศึกษาได้หรือไม่ครับ\n"
         "ประธานชุมชน (โทร 08x-xxx-xxxx)", ("answered", "decent-participation-who")),
    ],
)
def test_what_is_pasted_around_a_message_and_its_sign_off_change_nothing(answerer, message, expected):
    """All went to staff as matters beside the courtesy or question (set BJ)."""
    d = answerer.answer(message)
    assert (d.status, d.faq_id) == expected
