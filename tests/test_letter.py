"""Messages written as letters are decided on what they ask: their salutation, closing and the writer's
introduction name people and bodies, but ask nothing."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.decide import lead_in_pattern
from models.letter import letter_body

LEAD_IN = lead_in_pattern(["อยากทราบว่า", "ขอเรียนถามว่า", "ใคร่ขอทราบว่า"])


@pytest.fixture
def body(bundle):
    """The body as the decider finds it, with its own test of whether a text asks something."""
    return lambda message: letter_body(message, LEAD_IN, bundle.decider._keeps)


def test_the_salutation_and_closing_lines_are_left_out(body):
    letter = "เรียน ผอ.สพป.ชุมพร เขต 2\nกลุ่มอำนวยการมีหน้าที่อะไรบ้างคะ\nจึงเรียนมาเพื่อโปรดทราบ\nขอแสดงความนับถือ"
    assert body(letter) == "กลุ่มอำนวยการมีหน้าที่อะไรบ้างคะ"


def test_a_salutation_is_left_out_though_its_letters_spell_a_question_word(body):
    assert body("เรียน ผู้เกี่ยวข้อง\nกลุ่มอำนวยการมีหน้าที่อะไรบ้างคะ") == "กลุ่มอำนวยการมีหน้าที่อะไรบ้างคะ"  # "เกี่ยว", not "กี่"


def test_a_first_line_that_asks_keeps_its_question_without_the_salutation(body):
    assert body("เรียน เจ้าหน้าที่ กลุ่มอำนวยการทำอะไรคะ\nขอบคุณค่ะ") == "กลุ่มอำนวยการทำอะไรคะ"


@pytest.mark.parametrize(
    "message, expected",
    [
        ("เรียนเจ้าหน้าที่ ขอสอบถามค่ะ", "ขอสอบถามค่ะ"),
        ("เรียน ผอ.สพป.ชพ.2 กลุ่มอำนวยการมีหน้าที่อะไรคะ", "กลุ่มอำนวยการมีหน้าที่อะไรคะ"),
    ],
)
def test_a_salutation_on_the_line_of_the_message_is_left_out(body, message, expected):
    assert body(message) == expected


def test_a_salutation_alone_is_left_as_it_is(body):
    assert body("เรียนเจ้าหน้าที่ครับ") is None


@pytest.mark.parametrize(
    "message, expected",
    [
        # what the answer is for, to the end of its clause
        ("ขอสรุปหน้าที่ของกลุ่มอำนวยการเป็นข้อๆ หน่อยค่ะ จะเอาไปพูดในที่ประชุมผู้ปกครองพรุ่งนี้",
         "ขอสรุปหน้าที่ของกลุ่มอำนวยการเป็นข้อๆ หน่อยค่ะ"),
        ("กลุ่มอำนวยการคือหน่วยงานลักษณะใด เพื่อใช้ประกอบวาระการประชุมค่ะ", "กลุ่มอำนวยการคือหน่วยงานลักษณะใด"),
        ("ขอสอบถามข้อมูลเพื่อเตรียมวาระประชุมค่ะ", "ขอสอบถามข้อมูล"),
        # what a student or writer needs the answer for, up to the permission asked after it (set CU; respelt here)
        ("ขอสอบถามเพื่อเขียนวิทยานิพนธ์หน่อยครับ", "ขอสอบถาม"),
        ("ขออนุญาตถามข้อมูลประกอบการเขียนรายงานได้ไหมครับ", "ขออนุญาตถามข้อมูล ได้ไหมครับ"),
    ],
)
def test_what_the_answer_is_for_is_left_out(body, message, expected):
    assert body(message) == expected


@pytest.mark.parametrize(
    "message",
    [
        "งบประมาณที่โรงเรียนได้ เอาไปใช้ทำอะไรบ้างคะ",  # asks what the money is used for
        "ผลการประเมินเอาไปใช้ยังไงต่อคะ",
    ],
)
def test_a_purpose_that_is_asked_about_stays(body, message):
    assert body(message) is None


@pytest.mark.parametrize(
    "message, expected",
    [
        ("ขอบคุณในนามเครือข่ายผู้ปกครองค่ะ", "ขอบคุณ"),
        ("ขอบคุณมากค่ะ ขอบคุณแทนคณะกรรมการสถานศึกษาด้วยนะคะ", "ขอบคุณมากค่ะ ขอบคุณ"),
    ],
)
def test_whom_thanks_are_given_for_is_left_out(body, message, expected):
    assert body(message) == expected


@pytest.mark.parametrize(
    "message, expected",
    [
        # to the polite particle, across the abbreviations the clause holds
        ("ผมเป็นครู ร.ร.ในสังกัด สพฐ. ครับ อยากทราบว่ากลุ่มอำนวยการทำอะไร", "อยากทราบว่ากลุ่มอำนวยการทำอะไร"),
        # to the lead-in
        ("ดิฉันเป็นกรรมการสถานศึกษาอยากทราบว่าการกระจายอำนาจคืออะไร", "อยากทราบว่าการกระจายอำนาจคืออะไร"),
        # to the end of its clause, an abbreviation and its space included
        ("กระผมเป็น ผอ.ร.ร. แห่งหนึ่ง ขอเรียนถามว่ามีกี่ด้าน", "ขอเรียนถามว่ามีกี่ด้าน"),
        # after a greeting, where a clause begins
        ("สวัสดีครับ ผมเป็นผู้ปกครองนักเรียนชั้น ป.3 ครับ", "สวัสดีครับ"),
        # a role straight after the pronoun, as people talk
        ("ดิฉันผู้ปกครองนักเรียนค่ะ กลุ่มอำนวยการทำอะไรคะ", "กลุ่มอำนวยการทำอะไรคะ"),
        # a relative saying it is them
        ("สวัสดีลูก ยายเองนะ", "สวัสดีลูก"),
        ("แม่เองค่ะ ลูกโดนครูตี", "ลูกโดนครูตี"),
        # a role with no verb, a role the writer comes from, what they run, to the end of the clause
        ("สวัสดีครับ ผมเลขาฯ กรรมการสถานศึกษาครับ", "สวัสดีครับ"),
        ("สวัสดีค่ะ ครูจากโรงเรียนในเขตค่ะ", "สวัสดีค่ะ"),
        ("สวัสดีครับ ผมจัดรายการวิทยุชุมชนครับ", "สวัสดีครับ"),
        # a role after "เป็น" with no pronoun, as people talk
        ("เป็นผู้ปกครองค่ะ กลุ่มอำนวยการทำอะไรคะ", "กลุ่มอำนวยการทำอะไรคะ"),
        # asking for someone else, who may be named ("ผอ." is no question about the director)
        ("ถามแทน ผอ.ครับ กลุ่มอำนวยการทำอะไรคะ", "กลุ่มอำนวยการทำอะไรคะ"),
        ("ลูกสาวพิมพ์แทนแม่ค่ะ กลุ่มอำนวยการทำอะไรคะ", "กลุ่มอำนวยการทำอะไรคะ"),
        ("นายให้ภารโรงมาถามแทนครับ กลุ่มอำนวยการทำอะไรคะ", "กลุ่มอำนวยการทำอะไรคะ"),
        # a monk's pronoun
        ("อาตมาเป็นเจ้าอาวาสวัดในตำบล อยากทราบว่าการกระจายอำนาจคืออะไร", "อยากทราบว่าการกระจายอำนาจคืออะไร"),
    ],
)
def test_the_writers_introduction_is_left_out(body, message, expected):
    assert body(message) == expected


@pytest.mark.parametrize(
    "message",
    [
        "กลุ่มอำนวยการมีหน้าที่อะไรบ้างคะ",  # nothing to leave out
        "เรียน เจ้าหน้าที่\nขอแสดงความนับถือ",  # nothing but the framing: the message is decided as it is
        "เรียนออนไลน์ต้องทำยังไง\nช่วยบอกหน่อยค่ะ",  # to study, not a salutation
        "ผมเป็นห่วงลูกครับ",  # worried: not who is writing
        "ผมเป็นใครในระบบนี้คะ",  # a question, not an introduction
        "ลูกบอกว่าแม่เองก็ต้องไปประชุม",  # "แม่เอง" inside a clause
        "ระบบส่งต่อคำถามให้คนตอบ ทำงานยังไงคะ",  # "ถามให้" of "คำถาม": no one asking for someone else
        "พิมพ์ให้ใหญ่ๆ หน่อยนะคะ",  # asked of the bot, by no one named
    ],
)
def test_other_messages_are_left_as_they_are(body, message):
    assert body(message) is None


@pytest.mark.parametrize(
    "message",
    [
        "สวัสดีค่ะ ดิฉันเป็นผู้ปกครองที่ลูกโดนครูตีค่ะ",  # got the greeting: the case was taken for who is writing
        "สวัสดีค่ะ ดิฉันเป็นแม่ของเด็กที่โดนครูตีค่ะ",
        "สวัสดีค่ะ ครูจากโรงเรียนลูกตีลูกค่ะ",
        "ขอบคุณค่ะ ลูกโดนครูตีค่ะ",
        # a role after a greeting, then a matter rather than which one the writer is
        "สวัสดีค่ะ ครูตีเด็กค่ะ",
        "สวัสดีค่ะ ครูไม่มาสอนค่ะ",
        "สวัสดีค่ะ ครูโรงเรียนลูกตีเด็กค่ะ",
        "สวัสดีครับ ผู้ใหญ่บ้านโกงเงินครับ",
    ],
)
def test_an_introduction_or_courtesy_that_tells_a_matter_goes_to_staff(answerer, message):
    assert answerer.answer(message).status == "escalated"


def test_only_the_introductions_first_clause_goes_so_a_matter_after_it_stays(body):
    assert body("ผมเป็นผู้ปกครอง ลูกโดนครูตี อยากทราบว่าต้องทำยังไง") == "ลูกโดนครูตี อยากทราบว่าต้องทำยังไง"


@pytest.mark.parametrize(
    "message, expected",
    [
        # everyone addressed after a greeting, across spaces, up to "ทุกท่าน" where its clause ends
        ("สวัสดีค่ะ เจ้าหน้าที่ สพป.ชุมพร เขต 2 ทุกท่าน", "สวัสดีค่ะ"),
        ("กราบสวัสดีท่านผู้อำนวยการและเจ้าหน้าที่ทุกท่านครับ", "กราบสวัสดีครับ"),
        # a wish, to the end of its line
        ("ไว้พบกันใหม่ค่ะ ขอให้เจ้าหน้าที่ทุกท่านมีสุขภาพแข็งแรงค่ะ", "ไว้พบกันใหม่ค่ะ"),
        ("ขอบคุณค่ะ ขอให้วันนี้เป็นวันที่ดีนะคะ\nกลุ่มอำนวยการทำอะไรคะ", "ขอบคุณค่ะ\nกลุ่มอำนวยการทำอะไรคะ"),
        # a wish ends with its clause: what follows stays
        ("สวัสดีค่ะ ขอให้วันนี้เป็นวันที่ดี ลูกโดนรถชนหน้าโรงเรียนค่ะ", "สวัสดีค่ะ ลูกโดนรถชนหน้าโรงเรียนค่ะ"),
        # thanks with a wish: the thanks is a closing, so only the wish goes
        ("ขอบคุณมากค่ะ ขอให้เจ้าหน้าที่ทุกท่านมีสุขภาพแข็งแรงนะคะ", "ขอบคุณมากค่ะ"),
    ],
)
def test_an_address_to_everyone_and_a_wish_are_left_out(body, message, expected):
    assert body(message) == expected


@pytest.mark.parametrize(
    "message",
    [
        "เจ้าหน้าที่ทุกท่านทำงานกี่โมงคะ",  # the clause goes on: whom it asks about, not whom it addresses
        "ขอให้ลูกมีความสุขแต่ยังโดนเพื่อนแกล้งอยู่ค่ะ",  # a matter, not a wish
        "ขอให้มีความสุขนะคะ",  # nothing but the wish: decided as it is
    ],
)
def test_an_address_or_wish_that_is_more_is_kept(body, message):
    assert body(message) is None


@pytest.mark.parametrize(
    "message, expected",
    [
        # These went to staff as tickets that asked nothing (sets AP and AQ).
        ("สวัสดีค่ะ เจ้าหน้าที่ สพป.ชุมพร เขต 2 ทุกท่าน ขอให้วันนี้เป็นวันที่ดีนะคะ", "smalltalk-greeting"),
        ("กราบสวัสดีท่านผู้อำนวยการและเจ้าหน้าที่ทุกท่านครับ", "smalltalk-greeting"),
        ("ไว้พบกันใหม่ค่ะ ขอให้เจ้าหน้าที่ทุกท่านมีสุขภาพแข็งแรงค่ะ", "smalltalk-goodbye"),
        # Thanks is a closing line itself: what is left is the message without its wish (set AR; respelt here).
        ("ขอบคุณมากครับ ขอให้ทุกท่านมีความสุขมากๆ ครับ", "smalltalk-thanks"),
    ],
)
def test_courtesy_to_everyone_is_small_talk(answerer, message, expected):
    decision = answerer.answer(message)
    assert (decision.status, decision.faq_id) == ("smalltalk", expected)


@pytest.mark.parametrize(
    "message",
    [
        "สวัสดีเจ้าหน้าที่ทุกท่านค่ะ ลูกโดนครูตีค่ะ",
        "สวัสดีค่ะ ขอให้วันนี้เป็นวันที่ดี ลูกโดนรถชนหน้าโรงเรียนค่ะ",  # got the greeting: the wish had run to the line's end
    ],
)
def test_a_matter_after_courtesy_to_everyone_goes_to_staff(answerer, message):
    assert answerer.answer(message).status == "escalated"


@pytest.mark.parametrize(
    "message, entry",
    [
        ("เรียน ผอ.สพป.ชุมพร เขต 2\nดิฉันเป็นครูผู้ช่วยในสังกัดค่ะ\nขอเรียนถามว่ากลุ่มอำนวยการเขตพื้นที่ทำหน้าที่อะไรบ้างคะ"
         "\nขอแสดงความนับถือ", "admin-duties"),
        ("กราบเรียนท่านผู้อำนวยการ\nกระผมเป็นประธานคณะกรรมการสถานศึกษาของโรงเรียนแห่งหนึ่ง\nประสงค์จะทราบว่าการกระจายอำนาจ"
         "มีกี่ด้าน\nจึงเรียนมาเพื่อโปรดทราบ", "decent-four-areas"),
        ("ผมเป็นผู้ทรงคุณวุฒิในองค์คณะบุคคลครับ อยากทราบว่าเขตสนับสนุนองค์คณะบุคคลเรื่องอะไรบ้าง", "decent-legal-bodies"),
        # What the answer is for: these went to staff (set AZ; respelt here).
        ("ขอสรุปหน้าที่กลุ่มอำนวยการเขตพื้นที่เป็นข้อๆ ค่ะ จะเอาไปพูดในที่ประชุมผู้ปกครองพรุ่งนี้", "admin-duties"),
        ("เรียนเจ้าหน้าที่ ขอสอบถามว่ากลุ่มอำนวยการคือหน่วยงานแบบไหน เพื่อใช้ประกอบวาระประชุมกรรมการสถานศึกษาค่ะ",
         "admin-what-is"),
    ],
)
def test_a_letter_gets_the_answer_to_what_it_asks(answerer, message, entry):
    """The school director, the committee and the legal bodies named in the salutation and introduction are not
    what these letters ask about (each went to staff as a question about them)."""
    decision = answerer.answer(message)
    assert (decision.status, decision.faq_id) == ("answered", entry)


@pytest.mark.parametrize(
    "message",
    [
        "สวัสดีค่ะ ดิฉันเป็นผู้ปกครองนักเรียนชั้น ป.5 ค่ะ",
        "สวัสดีจ้าหลาน ยายเองนะ",  # went to staff (sets V and AM; respelt here)
        "สวัสดีค่ะ เป็นครูโรงเรียนในเขตนะคะ",  # with no pronoun: offered a choice (set AT)
        # a role alone after the greeting, with which one it is (sets AB, AI, AM, AU and AV; respelt here)
        "สวัสดีครับ ผู้ใหญ่บ้านหมู่ 3 ครับ",
        "สวัสดีค่ะ ครูอัตราจ้างใหม่นะคะ",
        "สวัสดีค่ะ ครูโรงเรียนบ้านคลองค่ะ",
        "สวัสดีครับ ครูประจำชั้น ป.4 ครับ",
        "สวัสดีครับ กำนันหมู่ ๗ ทักมาครับ",  # saying who is messaging (set BP; respelt here)
        "สวัสดีค่ะ ผู้ปกครอง ป.5/2 ค่ะ",  # the class with its room (set BQ; respelt here)
        # a post insiders name: a deputy director, a supervisor (set BA; respelt here)
        "สวัสดีค่ะ รอง ผอ.รร.บ้านคลองค่ะ",
        "สวัสดีครับ ศน. กลุ่มนิเทศครับ",
        # with no "เป็น": a role, a role and where from, what the writer runs (set AZ; respelt here)
        "สวัสดีครับ ผมเลขาฯ ผู้ปกครองเครือข่ายครับ",
        "สวัสดีค่ะ ครูจากโรงเรียนในอำเภอค่ะ",
        "สวัสดีครับ ผมจัดรายการวิทยุครับ",
        # whose relative the writer is, by the child's nickname (set AU had these go to staff)
        "สวัสดีจ้า ยายของน้องมะปรางเองจ้า",
        "ดีจ้า ฉานแม่เฒ่าน้องบีมนิ",
        # that someone types for them, after another introduction too, and a post in local government or a school
        # (sets BY and BZ; respelt here)
        "สวัสดีค่ะ หลานสาวพิมพ์แทนคุณยายนะคะ",
        "หวัดดีจ้า ตาเองนะ หลานกดให้",
        "สวัสดีค่ะ ปลัด อบต.บ้านนาค่ะ",
        "สวัดดีครับ ภารโรงโรงเรียนบ้านคลองครับ",
    ],
)
def test_greeting_and_introduction_are_a_greeting(answerer, message):
    decision = answerer.answer(message)
    assert (decision.status, decision.faq_id) == ("smalltalk", "smalltalk-greeting")


def test_asking_whether_one_may_ask_and_an_introduction_is_asking_whether_one_may_ask(answerer):
    # Got who may take part in education, by "ผู้ปกครอง" (set AT).
    decision = answerer.answer("รบกวนถามหน่อยค่ะ เป็นผู้ปกครองค่ะ")
    assert (decision.status, decision.faq_id) == ("smalltalk", "smalltalk-may-i-ask")


def test_whose_relative_the_writer_is_introduces_them(answerer):
    decision = answerer.answer("แม่น้องเอค่ะ แชตนี้ช่วยตอบอะไรได้บ้างคะ")
    assert (decision.status, decision.faq_id) == ("smalltalk", "service-capabilities")


def test_a_relative_alone_after_a_pronoun_may_begin_another_word(answerer):
    # "ตา" (grandfather) begins "ตาม" (to follow up): the matter stays with staff.
    assert answerer.answer("สวัสดีครับ ผมตามเรื่องที่ส่งไปเมื่อวานครับ").status == "escalated"


def test_a_role_that_is_asked_about_is_no_introduction(answerer):
    assert answerer.answer("เป็นกรรมการสถานศึกษาต้องทำอะไรบ้าง").status == "escalated"


@pytest.mark.parametrize(
    "message",
    [
        "เรียน เจ้าหน้าที่\nผมเป็นผู้ปกครองครับ ลูกโดนครูตี\nขอแสดงความนับถือ",
        "เรียน ผอ.สพป.ชุมพร เขต 2\nดิฉันเป็นครูค่ะ ขอทราบชื่อผู้อำนวยการกลุ่มอำนวยการค่ะ\nขอแสดงความนับถือ",
        "เรียน เจ้าหน้าที่\nผมเป็นครูอัตราจ้างครับ อยากทราบว่าการกระจายอำนาจด้านงบประมาณทำให้ได้เงินเดือนเพิ่มกี่บาท",
    ],
)
def test_a_letter_that_tells_a_matter_or_asks_a_detail_goes_to_staff(answerer, message):
    assert answerer.answer(message).status == "escalated"


def test_a_message_of_introduction_after_introduction_is_decided_once(answerer):
    """Deciding each body's body in turn went as deep as the message held introductions: a thousand of them raised
    RecursionError."""
    assert answerer.answer("ผมเป็นครู " * 1500).status == "escalated"


FRAGMENTS = ["เรียน เจ้าหน้าที่", "กราบเรียน", "ผมเป็นครู", "ดิฉันผู้ปกครอง", "ร.ร.", "สพฐ.", "ครับ", "ค่ะ", "อยากทราบว่า",
             "กลุ่มอำนวยการทำอะไร", "ลูกโดนครูตี", "ขอแสดงความนับถือ", "ขอบคุณค่ะ", "ผู้เกี่ยวข้อง", "ไหม", ".", " ", "\n",
             "ทุกท่าน", "ขอให้", "มีสุขภาพแข็งแรง"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=400))
def test_any_run_of_letter_parts_is_decided(bundle, parts):
    """Salutations, introductions, abbreviations and closings in any order and number: a verdict, never an error."""
    verdict = bundle.decider.decide("".join(parts))
    assert verdict.status in {"answered", "clarify", "smalltalk", "escalated"}


@pytest.mark.parametrize(
    "message, kept",
    [
        ("ขอบคุณนะคะ\nธุรการ รร.บ้านตัวอย่าง\nโทร 08x-xxx-xxxx", "ขอบคุณนะคะ"),
        ("ขอบคุณครับ\n--\nครูวิชาการ | name@example.com", "ขอบคุณครับ"),
        ("กลุ่มอำนวยการมีหน้าที่อะไรคะ (ธุรการ รร.บ้านตัวอย่าง)", "กลุ่มอำนวยการมีหน้าที่อะไรคะ"),
        ("บริการนี้ตอบเรื่องอะไรได้บ้างคะ — ผู้ปกครอง ป.3", "บริการนี้ตอบเรื่องอะไรได้บ้างคะ"),
    ],
)
def test_the_writers_sign_off_is_left_out(body, message, kept):
    assert body(message) == kept


@pytest.mark.parametrize(
    "message",
    [
        "ขอบคุณค่ะ\nครูประจำชั้นตีลูกต้องทำยังไงคะ",  # a last line that asks is the question, whoever it names
        "กลุ่มอำนวยการมีหน้าที่อะไรคะ\nโรงเรียนบ้านตัวอย่างครูไม่พอ",  # nor a school's own matter: it does not start with a role
    ],
)
def test_a_last_line_that_asks_or_tells_a_matter_is_no_sign_off(body, message):
    assert message.splitlines()[-1] in (body(message) or message)


@pytest.mark.parametrize(
    "message, expected",
    [
        # a subject line with a colon, a salutation, the question, regards and a name with its title (set CV; respelt)
        ("เรื่อง: ขอทราบข้อมูล\nเรียน เจ้าหน้าที่\nกลุ่มอำนวยการจัดการงบประมาณกับบุคลากรอย่างไรคะ\nด้วยความเคารพ"
         "\nนางสาว ข.",
         "กลุ่มอำนวยการจัดการงบประมาณกับบุคลากรอย่างไรคะ"),
        # a subject line without one, above the salutation
        ("เรื่อง สอบถามหน้าที่\nเรียน ผอ.สพป.ชุมพร เขต 2\nกลุ่มอำนวยการมีหน้าที่อะไรบ้างครับ\nนาย ค.",
         "กลุ่มอำนวยการมีหน้าที่อะไรบ้างครับ"),
    ],
)
def test_a_letters_subject_line_and_the_name_it_is_signed_with_are_left_out(body, message, expected):
    assert body(message) == expected


def test_a_subject_line_that_holds_the_question_stays(body):
    """Nothing after it asks: the subject is what the letter asks."""
    letter = "เรื่อง: สอบถามหน้าที่ของกลุ่มอำนวยการ\nเรียน เจ้าหน้าที่\nขอบคุณค่ะ"
    assert "เรื่อง: สอบถามหน้าที่ของกลุ่มอำนวยการ" in body(letter)


def test_a_formal_introduction_after_because_is_left_out(body):
    message = "ด้วยข้าพเจ้าเป็นผู้ปกครองนักเรียน อยากทราบว่ากลุ่มอำนวยการประสานงานกับใครบ้างคะ"
    assert body(message) == "อยากทราบว่ากลุ่มอำนวยการประสานงานกับใครบ้างคะ"


@pytest.mark.parametrize(
    "message, expected",
    [
        ("กลุ่มอำนวยการพัฒนาครูอย่างไรคะ ขอบคุณล่วงหน้าค่ะ", "กลุ่มอำนวยการพัฒนาครูอย่างไรคะ"),
        ("กลุ่มอำนวยการพัฒนาครูอยางไรคะ ดวยความเคารพ", "กลุ่มอำนวยการพัฒนาครูอยางไรคะ"),
    ],
)
def test_a_closing_after_the_question_on_its_line_is_left_out(body, message, expected):
    assert body(message) == expected


def test_asking_whether_one_may_ask_for_ones_writing_gets_no_answer_on_what_its_words_resemble(answerer):
    """"ประกอบการ" had matched the businesses that may take part in education, "รายงาน" the office's report: such
    messages got those entries' answers (set CU)."""
    decision = answerer.answer("ขอสอบถามเพื่อเขียนวิทยานิพนธ์หน่อยครับ")
    assert (decision.status, decision.faq_id) == ("smalltalk", "smalltalk-may-i-ask")
    assert answerer.answer("ขออนุญาตถามข้อมูลประกอบการเขียนรายงานได้ไหมครับ").status != "answered"
