"""Score a question against a corpus's sentences: dense cosine fused with BM25."""

from __future__ import annotations

import numpy as np

from index import model
from index.corpus import Corpus


def _zscore(x: np.ndarray) -> np.ndarray:
    if len(x) < 2:
        return np.zeros_like(x)
    sd = float(x.std())
    return (x - x.mean()) / sd if sd > 1e-9 else np.zeros_like(x)


def answerable_rows(corpus: Corpus, articles: list[int] | None = None) -> np.ndarray:
    """Rows that may be returned as answers (body, title, standfirst), optionally of some articles only."""
    chosen = range(len(corpus.articles)) if articles is None else articles
    rows = [r for a in chosen for r in corpus.article_rows[a] if corpus.sentence(r).kind in model.ANSWERABLE_KINDS]
    return np.asarray(rows, dtype=np.int64)


def score(corpus: Corpus, question: str, qvec: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fused score and raw cosine of each row: z-normalised cosine plus z-normalised BM25."""
    cos = corpus.cosine(qvec, rows)
    bm25 = corpus.lexical.scores(question)[rows]
    return _zscore(cos) + _zscore(bm25), cos
