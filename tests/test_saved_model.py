"""The saved model is used only when it was built from exactly the knowledge it would be built from now."""
from dataclasses import replace

import pytest

from bot.model import build_bundle, load_or_build, save_bundle
from knowledge import load


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
