"""The evaluation sets stay usable: every expected entry exists, no question appears twice, and the questions
are not the FAQ's own phrasings (copied phrasings would measure memory, not matching)."""
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SETS = [ROOT / "eval" / "questions.yaml", *sorted((ROOT / "eval" / "held_out").glob("*.yaml"))]
# Authors who never saw the phrasings still write the commonest ones ("กลุ่มอำนวยการคืออะไรคะ") now and then;
# more than this share of equal questions means phrasings were copied into a set (or a set into the FAQ).
MAX_EQUAL_SHARE = 0.05


def _plain(text: str) -> str:
    return re.sub(r"[\s?!.]+", "", text)


@pytest.fixture(scope="module")
def phrasings(kb) -> set[str]:
    return {_plain(p) for entry in kb.entries for p in entry.phrasings}


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_eval_set_names_real_entries_and_is_not_the_faq(path, kb, phrasings):
    questions = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(questions) == {"in_scope", "out_of_scope", "smalltalk", "human"}
    expected = [item["expect"] for section in ("in_scope", "smalltalk", "human") for item in questions[section]]
    assert [e for e in expected if kb.get(e) is None] == []
    texts = [item["text"] for items in questions.values() for item in items]
    assert len(texts) == len(set(texts)), "a question appears twice"
    # Greetings and thanks are set phrases: only questions are held to this.
    asked = [item["text"] for section in ("in_scope", "out_of_scope") for item in questions[section]]
    equal = [t for t in asked if _plain(t) in phrasings]
    assert len(equal) <= MAX_EQUAL_SHARE * len(asked), equal
