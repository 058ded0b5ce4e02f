"""The saved model is used only when it was built from exactly the knowledge it would be built from now."""
from dataclasses import replace

import pytest

from bot.model import build_bundle, load_or_build, save_bundle
from knowledge import load
from eval.run_eval import load_questions


@pytest.fixture(scope="module")
def kb():
    return load()


@pytest.fixture
def saved(kb, tmp_path):
    path = tmp_path / "model.pkl"
    save_bundle(build_bundle(kb), path)
    return path


def with_answer(kb, entry_id: str, answer: str):
    return replace(kb, entries=tuple(replace(e, answer=answer) if e.id == entry_id else e for e in kb.entries))


def test_the_saved_model_is_used_when_nothing_changed(kb, saved):
    _, from_disk = load_or_build(kb, saved)
    assert from_disk


def test_an_edited_answer_rebuilds_the_model(kb, saved):
    """The matcher weighs the answer's words too (models/matcher.py ANSWER_WEIGHT): an answer edited while its
    questions stayed the same must not leave the old answer's words in the saved model."""
    entry = kb.get("admin-duties")
    edited = with_answer(kb, entry.id, entry.answer.replace("ค่ะ", "") + " รวมถึงงานสารบรรณค่ะ")
    bundle, from_disk = load_or_build(edited, saved)
    assert not from_disk
    indexed = next(e for e in bundle.matcher.entries if e.id == entry.id)
    assert "สารบรรณ" in indexed.answer.compact


def test_an_unreadable_file_is_rebuilt(kb, tmp_path):
    path = tmp_path / "model.pkl"
    path.write_bytes(b"not a pickle")
    _, from_disk = load_or_build(kb, path)
    assert not from_disk


def test_the_saved_model_decides_as_a_fresh_build(kb, saved):
    """The decider is saved with the model, its tokenizer dictionary too: loaded, it must decide every question
    of the evaluation set as one built afresh does."""
    loaded, from_disk = load_or_build(kb, saved)
    fresh = build_bundle(kb)
    assert from_disk
    questions = [q["text"] for group in load_questions().values() for q in group]
    assert len(questions) > 400
    for text in questions:
        got, want = loaded.decider.decide(text), fresh.decider.decide(text)
        assert (got.status, got.entry_id, got.suggestions, got.also) == (want.status, want.entry_id, want.suggestions, want.also), text


def test_a_setting_changed_since_the_model_was_saved_is_used(kb, saved):
    """The decider reads the numbers an answer states with the office's settings filled in ("…ครบ 180 วัน"): a
    setting changed since the model was saved must be what the loaded model goes by."""
    ninety = replace(kb, settings={**kb.settings, "retention_days": 90})
    bundle, _ = load_or_build(ninety, saved)
    assert bundle.decider.decide("ข้อความที่พิมพ์จะถูกลบเองเมื่อครบ 90 วันใช่ไหมคะ").entry_id == "service-privacy"
    assert bundle.decider.decide("ข้อความที่พิมพ์จะถูกลบเองเมื่อครบ 180 วันใช่ไหมคะ").entry_id is None
