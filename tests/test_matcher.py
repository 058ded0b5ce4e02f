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


def test_query_vector_equals_sklearn_transform_in_every_view(text):
    phrasings = ("กลุ่มอำนวยการมีหน้าที่อะไร", "การกระจายอำนาจสี่ด้าน", "องค์คณะบุคคลคืออะไร")
    answers = ("กลุ่มอำนวยการวางแผนและประสานงานค่ะ", "กระจายอำนาจสี่ด้านค่ะ", "องค์คณะบุคคลตามกฎหมายค่ะ")
    docs = [text.prepare(t) for t in phrasings]
    matcher = Matcher(
        IndexedEntry(f"e{i}", "faq", (doc,), text.prepare(answer)) for i, (doc, answer) in enumerate(zip(docs, answers))
    )
    # The stacked matrix holds the three phrasing views, then the answer view, in this order.
    analyzers = [(word_features, docs), (char_features, docs), (folded_features, docs)]
    analyzers.append((word_features, [text.prepare(a) for a in answers]))
    references = [TfidfVectorizer(analyzer=a, sublinear_tf=True, norm="l2").fit(d) for a, d in analyzers]
    queries = ("หน้าที่กลุ่มอำนวยการคืออะไรอะไร", "กระจายอำนาจ", "ไม่เกี่ยวกันเลย", "กระจายอำนาจ 😀 xyz", "ก", "กระจาย\ud800อำนาจ")
    for query in queries:
        q = text.prepare(query)
        expected = np.concatenate([r.transform([q]).toarray().ravel() for r in references])
        index, weights = matcher.features(q)
        got = np.zeros_like(expected)
        got[index] = weights
        np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-9)


def test_dense_and_sparse_rows_give_the_same_scores(text, small):
    query = text.prepare("กลุ่มอำนวยการกระจายอำนาจองค์คณะบุคคล")
    all_sparse = Matcher(small.entries, dense_row_min=10**9).phrasing_scores(query)
    all_dense = Matcher(small.entries, dense_row_min=1)
    assert len(all_dense._values) == 0  # every row went dense
    np.testing.assert_allclose(all_dense.phrasing_scores(query), all_sparse, rtol=1e-5, atol=1e-7)
    assert all_sparse.max() > 0.3


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
