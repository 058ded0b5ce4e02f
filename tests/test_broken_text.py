"""The duties article arrived with its introduction stripped of marks; such text must never reach a user."""
import re
from pathlib import Path

from knowledge.thai_text import find_broken, is_broken

ROOT = Path(__file__).resolve().parent.parent
ARRIVED = ROOT / "tests" / "data" / "duties-as-arrived.txt"
REPAIRED = ROOT / "knowledge" / "sources" / "duties-of-the-administrative-group.txt"
MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+ ?")


def test_the_damaged_introduction_is_detected():
    paragraphs = ARRIVED.read_text(encoding="utf-8").split("\n\n")
    assert [is_broken(p) for p in paragraphs[:5]] == [False, True, True, True, False]


def test_the_example_from_the_office_is_detected():
    assert is_broken("ในส งคมท ก าวหน าอย างรวดเร วในป จจ บ น การจ ดการและการวางแผน")


def test_healthy_documents_pass():
    for path in (ROOT / "knowledge" / "sources").glob("*.txt"):
        assert find_broken(path.read_text(encoding="utf-8")) == [], path.name


def test_text_typed_without_tone_marks_is_not_damaged_text():
    # People leave marks out when typing; only the office's own texts are checked, and even this passes.
    assert not is_broken("กลุมอำนวยการทำหนาทีอะไรคะ")


def test_repaired_paragraphs_strip_back_to_what_arrived():
    """The hand repair added marks only: removing them again gives the arrived text letter for letter."""
    arrived = ARRIVED.read_text(encoding="utf-8").split("\n\n")
    repaired = REPAIRED.read_text(encoding="utf-8").split("\n\n")
    assert len(arrived) == len(repaired)
    for n in (1, 2, 3):
        assert MARKS.sub(" ", repaired[n]) == arrived[n]
    assert arrived[4:] == repaired[4:] and arrived[0] == repaired[0]
