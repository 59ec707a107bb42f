"""BM25 over the corpus: scores checked against the textbook formula, top-k against a full sort of the scores."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from index.lexical import Bm25Index, tokenize

TEXTS = [
    "North Korea sent 10,000 troops to Russia, the Pentagon said.",
    "The troops trained in eastern Russia for several weeks.",
    "",
    "Biden said the deployment was very dangerous.",
    "Russia and North Korea signed a defense pact; the pact worried Seoul.",
    "Kirby said at least 3,000 troops moved to eastern Russia.",
]


def reference_scores(texts: list[str], query: str, k1: float = 1.2, b: float = 0.75) -> list[float]:
    """Lucene BM25 written out plainly, one document at a time (an empty document counts as one token)."""
    docs = [tokenize(t) for t in texts]
    lengths = [len(d) or 1 for d in docs]
    avgdl = sum(lengths) / len(docs)
    out = []
    for doc, dl in zip(docs, lengths, strict=True):
        tf = Counter(doc)
        total = 0.0
        for term in tokenize(query):
            df = sum(term in d for d in docs)
            if df:
                idf = math.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
                total += idf * tf[term] / (tf[term] + k1 * (1 - b + b * dl / avgdl))
        out.append(total)
    return out


def test_scores_match_the_formula():
    index = Bm25Index(TEXTS)
    for query in ["how many troops went to Russia?", "pact pact Seoul", "what did Biden say", "unknown words only"]:
        np.testing.assert_allclose(index.scores(query), reference_scores(TEXTS, query), rtol=1e-5, atol=1e-6)


def test_topk_agrees_with_full_scores():
    index = Bm25Index(TEXTS)
    rows, scores = index.topk("troops Russia Korea", 3)
    full = index.scores("troops Russia Korea")
    assert rows.tolist() == np.argsort(-full, kind="stable")[:3].tolist()
    np.testing.assert_allclose(scores, full[rows], rtol=1e-6)
    assert index.topk("nothing known here", 5)[0].size == 0
    assert index.topk("troops", 0)[0].size == 0


def test_empty_corpus():
    index = Bm25Index([])
    assert index.scores("troops").shape == (0,)
    assert index.topk("troops", 3)[0].size == 0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["troops", "russia", "korea", "pact", "seoul", "biden", "x"]), max_size=5))
def test_topk_only_returns_positive_scores_in_order(words):
    index = Bm25Index(TEXTS)
    query = " ".join(words)
    rows, scores = index.topk(query, 10)
    full = index.scores(query)
    assert set(rows.tolist()) == set(np.flatnonzero(full > 0).tolist())
    assert np.all(np.diff(scores) <= 0)


def _reference_top(scores: np.ndarray, k: int) -> list[int]:
    """The k highest positive scores by a full stable sort: best first, equal scores in position order."""
    order = np.argsort(-scores, kind="stable")
    return [int(r) for r in order if scores[r] > 0][:k]


WORDS = ["troops", "russia", "korea", "pact", "seoul", "biden", "kirby", "moved", "x"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join), min_size=1, max_size=300),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join),
    st.integers(1, 40),
)
def test_topk_is_exactly_the_top_of_the_full_scores(texts, query, k):
    """Many equal scores (repeated texts: the cut), repeated query terms, k above and below the matches."""
    index = Bm25Index(texts)
    full = index.scores(query)
    rows, scores = index.topk(query, k)
    assert rows.tolist() == _reference_top(full, k)
    assert scores.tolist() == full[rows].tolist()  # the same float32 sums, bit for bit


def test_numbers_are_one_term_with_or_without_thousands_commas():
    assert tokenize("10,000 troops or 10000") == ["10000", "troops", "10000"]
    assert tokenize("1,250.5 and 1250.5") == ["1250.5", "1250.5"]
    assert tokenize("3,00 or 2,3 or 12,3456") == ["3,00", "2,3", "12,3456"]  # no grouping of thousands: kept
    index = Bm25Index(["About 10,000 soldiers were sent.", "Nobody was sent."])
    assert index.topk("10000 soldiers", 1)[0][0] == 0
