"""Dense search over the corpus: exact when flat, IVF with recall@1 checked against exact search, mmap reuse."""

from __future__ import annotations

import numpy as np
import pytest

from index import dense
from index.dense import DenseIndex


def clustered(n: int, dim: int = 64, centres: int = 200, seed: int = 0) -> np.ndarray:
    """Unit vectors in clusters (sentence embeddings cluster by topic): each a centre plus noise."""
    rng = np.random.default_rng(seed)
    c = rng.standard_normal((centres, dim)).astype(np.float32)
    x = c[rng.integers(0, centres, n)] + 0.6 * rng.standard_normal((n, dim)).astype(np.float32)
    return np.ascontiguousarray(x / np.linalg.norm(x, axis=1, keepdims=True), dtype=np.float32)


def exact(vectors: np.ndarray, q: np.ndarray, k: int) -> np.ndarray:
    return np.argsort(-(vectors @ q), kind="stable")[:k]


def test_corpus_cosine_and_topk_are_exact(engine, embedder):
    corpus = engine.corpus
    q = embedder.encode(["how many troops were sent?"])[0]
    np.testing.assert_allclose(corpus.cosine(q), corpus.vectors @ q, rtol=1e-6)
    rows = np.array([3, 1, 7])
    np.testing.assert_allclose(corpus.cosine(q, rows), corpus.vectors[rows] @ q, rtol=1e-6)
    top, scores = corpus.dense_topk(q, 5)
    assert corpus.dense.kind == "flat"
    assert top.tolist() == exact(corpus.vectors, q, 5).tolist()
    assert np.all(np.diff(scores) <= 0)
    assert len(corpus.dense_topk(q, 10_000)[0]) == len(corpus.rows)


def test_flat_index_edge_cases():
    empty = DenseIndex(np.zeros((0, 8), dtype=np.float32))
    rows, scores = empty.topk(np.ones(8, dtype=np.float32), 5)
    assert rows.shape == (0,) and scores.shape == (0,)
    x = clustered(50, dim=8)
    rows, _ = DenseIndex(x).topk(x[3], 0)
    assert len(rows) == 0


@pytest.fixture(scope="module")
def big() -> np.ndarray:
    return clustered(30_000)


def test_large_corpus_gets_ivf_with_high_recall(big, monkeypatch):
    monkeypatch.setenv("ARTICLE_QA_FLAT_MAX", "10000")
    index = DenseIndex(big, ["a", "b"])
    assert index.kind == "ivf" and 1 <= index.nprobe <= index._ivf.nlist
    queries = clustered(200, seed=7)  # not rows of the corpus
    hits = 0
    for q in queries:
        rows, scores = index.topk(q, 10)
        np.testing.assert_allclose(scores, big[rows] @ q, rtol=1e-5)  # scores are exact cosines
        assert np.all(np.diff(scores) <= 0)
        hits += int(rows[0] == exact(big, q, 1)[0])
    assert hits / len(queries) >= 0.95


def test_ivf_is_saved_once_and_memory_mapped(big, monkeypatch):
    monkeypatch.setenv("ARTICLE_QA_FLAT_MAX", "10000")
    DenseIndex(big, ["c"])
    path = dense.index_path(big, ["c"])
    assert path.exists()
    built = []
    monkeypatch.setattr(dense, "build_ivf", lambda *a, **k: built.append(1))
    again = DenseIndex(big, ["c"])
    assert built == []
    assert again.topk(big[11], 1)[0][0] == 11


def test_damaged_ivf_file_is_rebuilt(big, monkeypatch):
    monkeypatch.setenv("ARTICLE_QA_FLAT_MAX", "10000")
    path = dense.index_path(big, ["d"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a faiss index")
    index = DenseIndex(big, ["d"])
    assert index.topk(big[5], 1)[0][0] == 5
    assert path.stat().st_size > 1000


def test_unwritable_cache_keeps_ivf_in_memory(big, monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ARTICLE_QA_CACHE", str(blocker / "cache"))
    monkeypatch.setenv("ARTICLE_QA_FLAT_MAX", "10000")
    index = DenseIndex(big, ["e"])
    assert index.kind == "ivf"
    assert index.topk(big[9], 1)[0][0] == 9


def test_only_recent_ivf_files_are_kept(monkeypatch):
    monkeypatch.setenv("ARTICLE_QA_FLAT_MAX", "1000")
    x = clustered(3000, dim=16)
    for i in range(dense.KEEP_INDEXES + 2):  # each a changed corpus: new vectors, new file
        DenseIndex(x[i:], [f"prune-{i}"])
    folder = dense.index_path(x, ["prune-0"]).parent
    kept = {p.name for p in folder.glob("*.ivf")}
    newest = {dense.index_path(x[i:], [f"prune-{i}"]).name for i in range(2, dense.KEEP_INDEXES + 2)}
    assert newest <= kept
    assert dense.index_path(x, ["prune-0"]).name not in kept


def test_articles_share_the_corpus_vectors(engine):
    """One copy of the vectors in memory: each article's rows are a view of the corpus matrix."""
    corpus = engine.corpus
    for item, rows in zip(corpus.articles, corpus.article_rows, strict=True):
        assert np.shares_memory(item.vectors, corpus.vectors)
        np.testing.assert_array_equal(item.vectors, corpus.vectors[rows])
