"""Reading the place a message points at on the office's pages (models/places.py, knowledge/outline.yaml)."""
import pytest

from models.places import NOT_ON_THE_PAGES, PLACE_UNCLEAR, Places
from models.text import clean


@pytest.fixture(scope="module")
def places(kb):
    outline = kb.outline
    return Places(outline.pages, outline.lists, outline.read_words, outline.explain_words, outline.parts)


@pytest.mark.parametrize(
    "message, item, gone",
    [
        ("หัวข้อสุดท้ายในหน้ากระจายอำนาจ พูดถึงเรื่องอะไรครับ", "การสร้างเครือข่ายความร่วมมือในการจัดการศึกษา", "สุดท้าย"),
        ("หัวข้อที่ ๓ ในหน้ากระจายอำนาจ บอกว่าใครมีส่วนร่วมได้บ้างคะ", "การส่งเสริมการมีส่วนร่วมในการจัดการศึกษา", "3"),
        ("ข้อแรกในหัวข้อหน้าที่หลัก เขาทำยังไงคะ", "การวางแผนและกำหนดนโยบาย", "ข้อแรก"),
        ("หน้าที่ข้อที่ 5 ในบทความกลุ่มอำนวยการ พูดถึงเรื่องอะไรครับ", "การจัดการทรัพยากร", "5"),
        # The article's other list of duties, named by its heading, holds them in another order.
        ("ข้อสองในหัวข้อที่ถามว่ากลุ่มอำนวยการคืออะไร เขาประเมินโรงเรียนยังไงครับ", "การติดตามและประเมินผลการศึกษา", "ข้อสอง"),
        ("วงเล็บ (4) ในข้อ 2 คือรายงานผลของใครครับ", "การรายงานผลการปฏิบัติงานขององค์คณะบุคคล", "วงเล็บ"),
        ("ด้านสุดท้ายของกรอบการกระจายอำนาจคือด้านไหนคะ", "กรอบการกระจายอำนาจ 4 ด้าน", "สุดท้าย"),
        # Told by the part next to it; the year after the part's name goes with it: left, it would ask about the report.
        ("หัวข้อที่ต่อจากหน้าที่หลัก พูดถึงอะไรครับ", "การทำงานร่วมกันในกลุ่มอำนวยการเขตพื้นที่", "ต่อจาก"),
        ("หัวข้อที่ต่อจาก 'คืออะไร?' สรุปให้หน่อย", "บทบาทและความสำคัญของกลุ่มอำนวยการเขตพื้นที่", "ต่อจาก"),
        ("ย่อหน้ายาวๆ ก่อนถึงรายงานปีงบ 65 เขาอธิบายไว้ว่ายังไงคะ", "ความหมายของการกระจายอำนาจและการมีส่วนร่วม", "65"),
        ("หัวข้อแรกที่อยู่ถัดจากรายงานปีงบ 65 พูดถึงอะไรครับ", "การกระจายอำนาจภายในเขตพื้นที่การศึกษา", "65"),
    ],
)
def test_a_place_is_read_as_the_item_it_points_at(places, message, item, gone):
    reading = places.read(clean(message))
    assert reading.reason is None
    assert item in reading.text and gone not in reading.text


def test_the_page_named_beside_a_place_goes_with_it(places):
    """Left in, "ในหน้ากระจายอำนาจ" pulled the question on who takes part towards what decentralization means."""
    reading = places.read(clean("หัวข้อที่ 3 ในหน้ากระจายอำนาจ บอกว่าใครมีส่วนร่วมได้บ้างคะ"))
    assert "หน้ากระจายอำนาจ" not in reading.text and "บอกว่าใครมีส่วนร่วมได้บ้าง" in reading.text
    assert reading.rest == "บอกว่าใครมีส่วนร่วมได้บ้างคะ"


@pytest.mark.parametrize(
    "message, whole",
    [
        ("หน้าที่หลักข้อ 1 ของกลุ่มอำนวยการคืออะไรครับ", "admin-duties"),
        ("ด้านที่สองของการกระจายอำนาจคือด้านอะไรคะ", "decent-four-areas"),
        ("หัวข้อสุดท้ายในหน้ากระจายอำนาจ พูดถึงเรื่องอะไรครับ", None),  # no entry gives the four headings in order
    ],
)
def test_the_entry_giving_the_whole_list_comes_with_the_reading(places, message, whole):
    assert places.read(clean(message)).whole == whole


@pytest.mark.parametrize(
    "message, reason",
    [
        ("ข้อ 5 ในหน้ากระจายอำนาจคือเรื่องอะไรคะ", NOT_ON_THE_PAGES),  # four numbered headings
        ("ด้านที่ห้าของการกระจายอำนาจคือด้านอะไร", NOT_ON_THE_PAGES),
        ("หน้าที่หลักข้อที่ 6 ของกลุ่มอำนวยการคืออะไรครับ", NOT_ON_THE_PAGES),
        ("ในข้อ 2 วงเล็บ (5) เขียนว่าอะไรคะ", NOT_ON_THE_PAGES),
        ("ข้อ 4 ของบทความหน้าที่กลุ่มอำนวยการคือเรื่องอะไรคะ", PLACE_UNCLEAR),  # the article's two lists differ
        ("ข้อ 3 คืออะไรคะ", PLACE_UNCLEAR),  # no page named
        ("แล้วด้านที่สองล่ะ", PLACE_UNCLEAR),  # follows something said before
    ],
)
def test_a_place_no_item_can_stand_in_for_says_why(places, message, reason):
    reading = places.read(clean(message))
    assert reading.reason == reason
    assert reading.text == clean(message)


@pytest.mark.parametrize(
    "message",
    ["ข้อห้ามของโรงเรียนมีอะไรบ้าง", "ด้านที่สามารถทำได้เองมีอะไรบ้าง", "ข้อมูล 3 เรื่องนี้หาได้ที่ไหน", "ทั้ง 4 ด้านมีอะไรบ้าง"],
)
def test_words_that_only_begin_like_a_place_are_not_one(places, message):
    assert places.read(clean(message)).text == clean(message)


def test_a_list_named_by_another_place_is_read_inside_it():
    """"ข้อ 2" in "วงเล็บ (1) ในข้อ 2" names the list the brackets are in; alone it would be a place of its own."""
    places = Places(
        {"page": ["หน้านี้"]},
        [{"page": "page", "called": ("ข้อ",), "items": ("หัวเรื่องหนึ่ง", "หัวเรื่องสอง")},
         {"page": "page", "called": ("วงเล็บ",), "items": ("ย่อยหนึ่ง",), "names": ("ข้อ 2",)}],
    )
    assert places.read("วงเล็บ (1) ในข้อ 2 คืออะไร").text == "ย่อยหนึ่ง คืออะไร"
    assert places.read("ข้อ 2 ในหน้านี้คืออะไร").text == "หัวเรื่องสอง คืออะไร"


def test_asking_for_a_numbered_list_points_at_no_place(places):
    message = clean("ขอหน้าที่หลักของกลุ่มอำนวยการเป็นข้อ ๑ ๒ ๓ หน่อยค่ะ")
    assert places.read(message).text == message


def test_there_is_no_part_after_the_last(places):
    assert places.read(clean("หัวข้อที่ต่อจากสรุปคืออะไร")).reason == NOT_ON_THE_PAGES


def test_a_word_for_after_names_no_part_without_a_part_of_the_page_before_it(places):
    message = clean("หลังจากกระจายอำนาจแล้ว โรงเรียนได้อะไรบ้าง")
    assert places.read(message).text == message
