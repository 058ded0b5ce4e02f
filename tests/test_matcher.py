"""Retrieval: the fast query path equals scikit-learn's own transform, and the right entry ranks first."""
import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from models.matcher import ENTRY_WEIGHT, IndexedEntry, Matcher, char_features, folded_features, word_features
from models.text import ThaiText


@pytest.fixture(scope="module")
def text():
    return ThaiText(["กลุ่มอำนวยการ", "กระจายอำนาจ", "องค์คณะบุคคล"])


@pytest.fixture(scope="module")
def small(text):
    entries = {
        "duties": ["กลุ่มอำนวยการมีหน้าที่อะไร", "หน้าที่ของกลุ่มอำนวยการ", "กลุ่มอำนวยการทำงานอะไรบ้าง"],
        "areas": ["การกระจายอำนาจมีกี่ด้าน", "กระจายอำนาจสี่ด้านมีอะไรบ้าง", "ด้านของการกระจายอำนาจ"],
        "bodies": ["องค์คณะบุคคลได้รับการส่งเสริมอย่างไร", "เขตช่วยองค์คณะบุคคลยังไง", "องค์คณะบุคคลคืออะไร"],
    }
    return Matcher(IndexedEntry(k, "faq", tuple(text.prepare(p) for p in v)) for k, v in entries.items())


@pytest.mark.parametrize("analyzer", [word_features, char_features, folded_features])
def test_fast_query_vector_equals_sklearn_transform(text, analyzer):
    docs = [text.prepare(t) for t in ("กลุ่มอำนวยการมีหน้าที่อะไร", "การกระจายอำนาจสี่ด้าน", "องค์คณะบุคคลคืออะไร")]
    reference = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, norm="l2").fit(docs)
    from models.matcher import _View

    view = _View(analyzer, docs)
    assert (view.grams is not None) == (analyzer is not word_features)  # letter views take the numpy path
    queries = ("หน้าที่กลุ่มอำนวยการคืออะไรอะไร", "กระจายอำนาจ", "ไม่เกี่ยวกันเลย", "กระจายอำนาจ 😀 xyz", "ก", "กระจาย\ud800อำนาจ")
    for query in queries:
        q = text.prepare(query)
        expected = reference.transform([q]).toarray().ravel()
        index, weights = view.query(q)
        got = np.zeros_like(expected)
        got[index] = weights
        np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-9)


def test_best_entry_ranks_first(text, small):
    assert small.rank(text.prepare("กลุ่มอำนวยการทำหน้าที่อะไรบ้างคะ"))[0].entry_id == "duties"
    assert small.rank(text.prepare("กระจายอำนาจ 4 ด้าน"))[0].entry_id == "areas"


def test_missing_tone_marks_still_match(text, small):
    assert small.rank(text.prepare("องคคณะบคคลไดรบการสงเสรมอยางไร"))[0].entry_id == "bodies"


def test_scores_are_sorted_and_mix_the_best_phrasing_with_the_whole_entry(text, small):
    query = text.prepare("หน้าที่ของกลุ่มอำนวยการ")
    ranked = small.rank(query, limit=3)
    assert [c.entry_id for c in ranked][0] == "duties"
    assert ranked[0].best_phrasing == 1
    assert small.phrasing_scores(query)[1] == pytest.approx(1.0, abs=1e-5)  # an exact phrasing
    # The rest of the score comes from the entry's phrasings taken together, which this query only partly uses.
    assert 1 - ENTRY_WEIGHT < ranked[0].score < 1.0
    assert ranked[0].score >= ranked[1].score >= ranked[2].score


def test_unrelated_text_scores_low(text, small):
    assert small.rank(text.prepare("พรุ่งนี้ฝนตกไหม"))[0].score < 0.2
