"""Normalization and tokenization of messages as people type them on phones."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pythainlp.util import normalize as thai_normalize

from models.text import NEEDS_NORMALIZE, ThaiText, clean, fold, without_pasted


@pytest.fixture(scope="module")
def text():
    return ThaiText(
        domain_words=["กลุ่มอำนวยการ", "องค์คณะบุคคล", "กระจายอำนาจ"],
        synonyms={"องค์กรปกครองส่วนท้องถิ่น": ["อปท", "อปท.", "อบต", "เทศบาล"], "ผู้อำนวยการ": ["ผอ", "ผอ."]},
    )


def test_thai_digits_become_arabic():
    assert clean("ด้าน ๔ ด้าน ปี ๒๕๖๕") == "ด้าน 4 ด้าน ปี 2565"


def test_full_width_letters_and_digits_become_plain_and_sara_am_stays_whole():
    # Some phone keyboards and pasted text give "ＯＫ" and "２５６５": "ＯＫ ครับ" went to staff (set BW). NFKC would do
    # this too, and take "ำ" apart.
    assert clean("ＯＫ\u3000ครับ ปี ２５６５ อำนาจ") == "ok ครับ ปี 2565 อำนาจ"


def test_zero_width_characters_are_removed():
    assert clean("กระจาย\u200bอำนาจ\ufeff") == "กระจายอำนาจ"


def test_letters_held_down_collapse():
    assert clean("มากกกกก") == "มาก"
    assert clean("ขอบคุณค่ะะะะ") == "ขอบคุณค่ะ"
    # ร is doubled in Thai spelling: a run of it is two (set AD's "อุปสรรรค" was "อุปสรค").
    assert clean("อุปสรรรค") == "อุปสรรค"
    assert clean("กรรรรม") == "กรรม"
    # No word ends in "รร": a run that ends a word is one (set BD's "อะไรรร" left a stray "ร").
    assert clean("คืออะไรรร ครับ") == "คืออะไร ครับ"
    assert clean("อะไรรรร?") == "อะไร?"


def test_doubled_tone_marks_are_fixed():
    assert clean("ก่่อน") == "ก่อน"


def test_case_is_folded():
    assert clean("LINE Official") == "line official"


def test_particles_and_filler_are_dropped(text):
    assert text.prepare("รบกวนสอบถามหน่อยนะคะ กลุ่มอำนวยการมีหน้าที่อะไรคะ").tokens == (
        "กลุ่มอำนวยการ",
        "มี",
        "หน้าที่",
        "อะไร",
    )


def test_demands_on_how_to_answer_are_dropped(text):
    # "answer properly", "don't lie": they say nothing of what is asked, and as words the knowledge base never uses
    # they lowered the score of the question beside them (set AH).
    assert text.prepare("พูดตรงๆ นะ กลุ่มอำนวยการทำอะไร อย่าโกหก").tokens == text.prepare("กลุ่มอำนวยการทำอะไร").tokens
    assert text.prepare("thank you na").tokens == text.prepare("thank you").tokens


@pytest.mark.parametrize(
    "formal",
    ["ประสงค์จะทราบว่ากลุ่มอำนวยการทำอะไร", "ขอความอนุเคราะห์ข้อมูลว่ากลุ่มอำนวยการทำอะไร", "ขออนุญาตเรียนสอบถามว่ากลุ่มอำนวยการทำอะไร",
     "ในภาพรวมกลุ่มอำนวยการทำอะไร", "โดยสังเขปกลุ่มอำนวยการทำอะไร", "โดยสรุปกลุ่มอำนวยการทำอะไร",
     "รบกวนสอบถามเรื่องหนึ่งว่ากลุ่มอำนวยการทำอะไร", "ขอโทษนะคะกลุ่มอำนวยการทำอะไร",
     "ขอโทษที่รบกวนนะคะ กลุ่มอำนวยการทำอะไร"],
)
def test_a_letters_ways_of_asking_are_dropped(text, formal):
    # "wish to know", "kindly the information", "may I ask", "overall", "in brief", "in sum", "one matter", "excuse
    # me": as words no phrasing uses they lowered the question's score, and "ภาพรวม" matched the duties entry's
    # "ภาพรวมงาน" (sets AP, AR and AS).
    assert text.prepare(formal).tokens == text.prepare("กลุ่มอำนวยการทำอะไร").tokens


def test_domain_words_stay_whole(text):
    tokens = text.prepare("องค์คณะบุคคลกับการกระจายอำนาจ").tokens
    assert "องค์คณะบุคคล" in tokens and "กระจายอำนาจ" in tokens


def test_abbreviations_become_what_they_stand_for(text):
    assert text.prepare("อบต.มีส่วนร่วมได้ไหม").tokens[0] == "องค์กรปกครองส่วนท้องถิ่น"
    assert text.prepare("เทศบาล").tokens == text.prepare("องค์กรปกครองส่วนท้องถิ่น").tokens


def test_english_layout_keyboard_is_converted(text):
    prepared = text.prepare("l;ylfu8iy[")
    assert prepared.converted_layout
    assert prepared.text == "สวัสดีครับ"


def test_a_number_typed_in_english_layout_stays_a_number(text):
    # Converted with the rest, "2565" became the letters on those keys ("/ถุถ"), and the request for a report's
    # link was taken for laughter (set BV).
    prepared = text.prepare("-v]b'dNikp'koxu 2565 sojvp8jt")
    assert prepared.converted_layout
    assert prepared.text == "ขอลิงก์รายงานปี 2565 หน่อยค่ะ"


@pytest.mark.parametrize("english", ["hello how are you", "thank you", "LINE OA", "ok", "O-NET 2567"])
def test_real_english_is_left_alone(text, english):
    prepared = text.prepare(english)
    assert not prepared.converted_layout
    assert prepared.text == clean(english)


def test_empty_and_punctuation_only_give_no_tokens(text):
    assert text.prepare("   ").tokens == ()
    assert text.prepare("???!!!").tokens == ()


def test_courtesy_words_are_dropped_unless_they_are_all_the_message_says(text):
    assert text.prepare("รบกวนสอบถามเรื่องกลุ่มอำนวยการครับ").tokens == ("เรื่อง", "กลุ่มอำนวยการ")
    assert text.prepare("รบกวนสอบถามค่ะ").tokens == ("รบกวน", "สอบถาม", "ค่ะ")
    assert text.prepare("ครับ").tokens == ("ครับ",)


def test_words_typed_without_marks_are_respelt_from_the_knowledge_base():
    text = ThaiText(["กลุ่มอำนวยการ"], spellings=["กลุ่มอำนวยการ", "เขตพื้นที่", "หน่วยงาน", "เข้า"])
    assert text.prepare("กลุมอำนวยการเขตพืนทีคือหนวยงานอะไร").tokens[:3] == ("กลุ่มอำนวยการ", "เขตพื้นที่", "คือ")
    assert "หน่วยงาน" in text.prepare("กลุมอำนวยการเขตพืนทีคือหนวยงานอะไร").tokens


@pytest.mark.parametrize(
    "typed, meant",
    [("ปันหา", "ปัญหา"), ("สำคัน", "สำคัญ"), ("ปันยา", "ปัญญา")],  # a final ญ sounds, and is often typed, as น
)
def test_a_final_yo_ying_is_read_as_the_no_nu_it_sounds_like(typed, meant):
    assert fold(typed) == fold(meant)
    assert ThaiText(spellings=[meant]).prepare(f"{typed}ของกลุ่มอำนวยการ").tokens[0] == meant


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("กุ่มอำนวยกาน", "กลุ่มอำนวยการ"),  # a cluster's ล dropped, a final ร written น
        ("ปะสานงาน", "ประสานงาน"),  # a cluster's ร dropped
        ("ประสารงาน", "ประสานงาน"),  # a final น written ร
        # Set CG: a final จ or ต written ด, an ร written ล, the silent ร of "สร" dropped, "า" for "ะ", a silent ห dropped.
        ("กะจายอำนาด", "กระจายอำนาจ"),
        ("เขดพื้นที่", "เขตพื้นที่"),
        ("ตรวดสอบ", "ตรวจสอบ"),
        ("มีส่วนล่วม", "มีส่วนร่วม"),
        ("ลายงาน", "รายงาน"),
        ("ส่งเสิม", "ส่งเสริม"),
        ("ปาชาชน", "ประชาชน"),
        ("มู่บ้าน", "หมู่บ้าน"),
    ],
)
def test_words_spelt_by_sound_are_respelt_from_the_knowledge_base(typed, meant):
    # Sets AE and AJ: people who spell by sound. Folding every text so answered as many questions wrongly as it
    # gained; only words the knowledge base never uses are respelt.
    assert ThaiText(spellings=[meant]).prepare(f"{typed}ทำอะไร").tokens[0] == meant


def test_a_known_word_is_not_respelt_by_sound():
    # "การ" (a noun-maker) folds by sound to "กาน", which it must not become, nor "กาน" become "การ" alone: words of
    # under four letters are left as typed.
    assert ThaiText(spellings=["การ"]).prepare("กานทำงาน").tokens[0] != "การ"


def test_a_yo_ying_that_starts_a_syllable_still_sounds_as_yo_yak():
    assert fold("ใหญ่") == fold("ใหย่") and fold("หญิง") == fold("หยิง")
    assert fold("หญิง") != fold("หนิง")


def test_a_real_word_is_not_respelt_into_another():
    text = ThaiText(spellings=["เข้า"])
    assert "เขา" in text.prepare("เขาจะตอบไหม").tokens  # "เขา" (he) folds like "เข้า" (enter) but is a word


def test_a_lone_letter_is_not_respelt_into_a_word():
    # "กลุม" is cut into ก|ลุ|ม; "กี่" and "มี" fold to those single letters, and "กี่" would then ask "how many".
    text = ThaiText(spellings=["กี่", "มี", "วางแผน"])
    tokens = text.prepare("กลุมวางแผนยังไง").tokens
    assert "กี่" not in tokens and "มี" not in tokens


def test_a_synonyms_form_typed_by_sound_is_read_as_the_synonym(kb, bundle):
    """A misspelt "ขอบพระคุน" sounds like "ขอบพระคุณ", a form of "ขอบคุณ"; it went to staff (set AJ). The office's name keeps its
    words: a form with a number ("ชุมพรเขต2") is no spelling to respell into."""
    from bot.model import thai_text_for

    text = thai_text_for(kb, bundle.matcher)
    assert text.prepare("ขอบพระคุนค่ะ").tokens == text.prepare("ขอบคุณค่ะ").tokens
    assert {"ชุมพร", "เขต", "2"} <= set(text.prepare("ใช่ช่องทางของ สพป.ชุมพร เขต 2 ไหมครับ").tokens)


def test_chat_spellings_of_question_words_are_the_words(kb):
    from bot.model import thai_text_for

    text = thai_text_for(kb, None)
    assert text.prepare("ดูแลงบด้วยมั้ย").tokens[-1] == "ไหม"
    assert text.prepare("ดูแลงบด้วยป่าว").tokens[-1] == text.prepare("ดูแลงบด้วยหรือเปล่า").tokens[-1]


@pytest.mark.parametrize(
    "regional, standard",
    [
        ("กระจายอำนาจคือไหร", "กระจายอำนาจคืออะไร"),  # "คือไห|ร" had been respelt as "ขอให้": folded, the two are alike
        ("กลุ่มอำนวยการยะไหรบ้าง", "กลุ่มอำนวยการทำอะไรบ้าง"),
        ("กลุ่มอำนวยการพัฒนาครูพรือ", "กลุ่มอำนวยการพัฒนาครูยังไง"),
        ("เขตเก็บข้อมูลของฉานไว้ม่าย", "เขตเก็บข้อมูลของฉันไว้ไหม"),
        ("ส่งต่อแล้ว เจ้าหน้าที่ตอบกลับทางไส", "ส่งต่อแล้ว เจ้าหน้าที่ตอบกลับทางไหน"),
        ("บอทหนิเก็บข้อมูลไว้ม่ายเหอ", "บอทเก็บข้อมูลไว้ไหม"),  # particles "หนิ" and "เหอ" say nothing
        # "ไหร่" alone is "ไหร" with a tone mark, and "หม้าย" is "ม่าย" (set AM); "เท่าไหร่" stays one word.
        ("กลุ่มอำนวยการเขาทำไหร่กันมั่ง", "กลุ่มอำนวยการเขาทำอะไรกันมั่ง"),
        ("แชตนี้ของเขตการศึกษาหม้าย", "แชตนี้ของเขตการศึกษาไหม"),
        # Isan: "เฮ็ด" (to do), "หยัง" (what), "ข่อย" (I); "เด้อ" is a particle that says nothing (set AT).
        ("กลุ่มอำนวยการเฮ็ดหยัง", "กลุ่มอำนวยการทำอะไร"),
        ("ข่อยมีส่วนร่วมได้ไหมเด้อ", "ฉันมีส่วนร่วมได้ไหม"),
        # More Isan and northern Thai: "อีหยัง", "จั่งใด๋" or "จะใด", "ใผ", "เบิ่ง", "ฮู้", "เว้า" or "อู้", "โฮงเฮียน",
        # "ละอ่อน", "เพิ่น" (set CC).
        ("กลุ่มอำนวยการคืออีหยัง", "กลุ่มอำนวยการคืออะไร"),
        ("เขตส่งเสริมการมีส่วนร่วมจั่งใด๋", "เขตส่งเสริมการมีส่วนร่วมยังไง"),
        ("กลุ่มอำนวยการพัฒนาครูจะใด", "กลุ่มอำนวยการพัฒนาครูยังไง"),
        ("ใผมีส่วนร่วมได้", "ใครมีส่วนร่วมได้"),
        ("เพิ่นมาเบิ่งโฮงเฮียน", "เขามาดูโรงเรียน"),
        ("ขออู้กับเจ้าหน้าที่", "ขอพูดกับเจ้าหน้าที่"),
        ("พ่อแม่ละอ่อนฮู้ไหม", "พ่อแม่เด็กรู้ไหม"),
        # "อะรัย" is "อะไร" spelt for fun, as people chat (set AV).
        ("กลุ่มอำนวยการเขตพื้นที่ทำอะรัยบ้าง", "กลุ่มอำนวยการเขตพื้นที่ทำอะไรบ้าง"),
        ("กลุ่มอำนวยการพัฒนาครูยังงัย", "กลุ่มอำนวยการพัฒนาครูยังไง"),  # and "ยังงัย", "ยังไง" (set BL)
        ("องค์คณะบุคคลมีอะไรมั่ง", "องค์คณะบุคคลมีอะไรบ้าง"),  # "มั่ง" is "บ้าง" as people chat (sets AX, BO)
        # "ข้างใน" and "ข้างนอก" (inside, outside) as people say them (sets AA, AE, B, BP, E, G)
        ("เครือข่ายมีข้างนอกด้วยไหม", "เครือข่ายมีภายนอกด้วยไหม"),
        # Grandparents call themselves "ยาย", "ย่า" or "ปู่" (set AW).
        ("ยายไม่เข้าใจว่ากระจายอำนาจคืออะไร", "ฉันไม่เข้าใจว่ากระจายอำนาจคืออะไร"),
    ],
)
def test_regional_question_words_are_the_standard_ones(kb, regional, standard):
    from bot.model import thai_text_for

    text = thai_text_for(kb, None)
    assert text.prepare(regional).tokens == text.prepare(standard).tokens


@pytest.mark.parametrize(
    "message, whole",
    [
        # PyThaiNLP's list holds "นคะ" and "นค" (Pali words): a closing particle's letters ran into them and
        # took the word before apart ("ไห|นคะ", "ขอบ|คุ|นค|รับ").
        ("ประชุมกันวันไหนคะ", "ไหน"),
        ("ขอบคุนครับ", "ขอบคุณ"),  # the misspelt word whole again, so respelling finds it
        ("ขอบคุณค่า", "ขอบคุณ"),  # not "ขอบ|คุณค่า" (value)
    ],
)
def test_a_closing_particle_leaves_the_word_before_it_whole(kb, message, whole):
    from bot.model import build_bundle

    assert whole in build_bundle(kb).decider.text.prepare(message).tokens


def test_the_northern_particle_is_dropped_only_where_it_closes_a_sentence(kb):
    from bot.model import thai_text_for

    text = thai_text_for(kb, None)
    # Glued to the word before it closes the sentence, as "จ้า" would: "ตกลงเจ้า" was left with "ตกลงเ" (set CC).
    assert text.prepare("กลุ่มอำนวยการทำอะไรเจ้า").tokens == text.prepare("กลุ่มอำนวยการทำอะไร").tokens
    assert text.prepare("ตกลงเจ้า").tokens == ("ตกลง",)
    # After a space it is a word of its own: "owner" in a question typed with spaces between words.
    assert "เจ้า" in text.prepare("บริการ นี้ ใคร เป็น เจ้า ของ").tokens


@pytest.mark.parametrize(
    "written, meant",
    [
        # The Thai dictionary holds these as one word each, which no phrasing uses: they counted as words the knowledge
        # base does not know, and the questions holding them went to staff (sets AN and V).
        ("การบริหารงานบุคคลเป็นด้านหนึ่งไหม", "บริหารงานบุคคล"),
        ("ชุมชนเข้าไปมีส่วนร่วมได้ยังไง", "มีส่วนร่วม"),
    ],
)
def test_dictionary_compounds_of_the_offices_words_are_read_as_those_words(kb, written, meant):
    from bot.model import thai_text_for

    assert meant in thai_text_for(kb, None).prepare(written).tokens


def test_words_left_out_of_the_dictionary_are_not_tokens(kb):
    from bot.model import thai_text_for

    assert kb.not_words == ("เจ้าหน้า", "ว่าการ")
    # "เจ้าหน้า" (PyThaiNLP's list) cut "เจ้าหน้าที่แล้ว" as เจ้าหน้า|ที่แล้ว, losing "staff".
    assert "เจ้าหน้าที่" in thai_text_for(kb).prepare("ส่งเรื่องให้เจ้าหน้าที่แล้ว").tokens
    assert "เจ้าหน้าที่" not in ThaiText().prepare("ส่งเรื่องให้เจ้าหน้าที่แล้ว").tokens  # what the list alone gives
    # "ว่าการ" (to govern) cut "…รู้ได้ไงว่าการกระจายอำนาจ…" as ว่าการ|กระจายอำนาจ: "ว่า" (that) before "การ…".
    assert "ว่าการ" not in thai_text_for(kb).prepare("จะรู้ได้ไงว่าการกระจายอำนาจสำเร็จ").tokens
    assert "ว่าการ" in ThaiText().prepare("จะรู้ได้ไงว่าการกระจายอำนาจสำเร็จ").tokens


THAI_AND_SPACES = "".join(chr(c) for c in range(0x0E01, 0x0E5C)) + "  \n\u200b\u200cab"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=THAI_AND_SPACES, max_size=12))
def test_skipping_normalize_never_changes_the_result(text):
    """`clean` calls PyThaiNLP's normalize only when NEEDS_NORMALIZE finds something it would change."""
    if not NEEDS_NORMALIZE.search(text):
        assert thai_normalize(text) == text


def test_a_long_run_of_one_mark_collapses_before_normalize():
    assert clean("ก" + "\u0e48" * 10_000 + "า") == "ก\u0e48า"


def test_the_provinces_official_short_form_is_the_province(kb):
    from bot.model import thai_text_for

    text = thai_text_for(kb, None)
    short = text.prepare("ภาระงานกลุ่มอำนวยการ สพป.ชพ.2 มีอะไรบ้าง").tokens
    assert short == text.prepare("ภาระงานกลุ่มอำนวยการ สพป.ชุมพร 2 มีอะไรบ้าง").tokens


@pytest.mark.parametrize(
    "pasted, kept",
    [
        ("ขอบคุณครับ ครูวิชาการ name.surname@example.com", "ขอบคุณครับ ครูวิชาการ"),
        ("สวัสดีครับ ได้ลิงก์มาจาก https://example.go.th/chat?from=line ครับ", "สวัสดีครับ ได้ลิงก์มาจาก ครับ"),
        ("เห็นที่ example.go.th/news ค่ะ", "เห็นที่ ค่ะ"),
        ("ขอบคุณค่ะ #สพปชุมพรเขต2 #วันจันทร์", "ขอบคุณค่ะ"),
        ("ประธานชุมชน (โทร 08x-xxx-xxxx)", "ประธานชุมชน ( )"),
        ("เผลอพิมพ์เบอร์ ๐๘๑ ๒๓๔ ๕๖๗๘ ไป", "เผลอพิมพ์เบอร์ ไป"),
        # Years, counts and the office's own abbreviations are what people ask about: they stay.
        ("รายงานปี 2565 ของ สพป.ชพ.2 งบ 1,500,000 บาท", "รายงานปี 2565 ของ สพป.ชพ.2 งบ 1,500,000 บาท"),
    ],
)
def test_what_is_pasted_into_a_message_is_left_out(pasted, kept):
    assert " ".join(without_pasted(pasted).split()) == kept


def test_a_message_is_prepared_without_what_was_pasted_into_it(text):
    assert text.prepare("ขอบคุณครับ #ขอบคุณ name@example.com").tokens == text.prepare("ขอบคุณครับ").tokens
