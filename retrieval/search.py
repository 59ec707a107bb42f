"""Candidate sentences for a question and their scores: learned rerank, or one of the plain baselines."""

from __future__ import annotations

import weakref

import numpy as np

from index import model
from index.corpus import Corpus
from retrieval import features
from retrieval.rerank import Params

FULL = "full"  # learned rerank over hybrid features
FUSED = "fused"  # z-normalised cosine + z-normalised BM25
DENSE = "dense"  # cosine only
BM25 = "bm25"  # BM25 only
METHODS = (FULL, FUSED, DENSE, BM25)

# Up to this many answerable sentences every one is scored; beyond it, dense top-N and BM25 top-N.
EXHAUSTIVE_LIMIT = 2000
CANDIDATES_PER_SIGNAL = 100
# Beyond it, candidates come from this many articles at most (those of the best-ranked candidates): it bounds the
# work per question, and more articles mostly bring more distractors. XQuAD's 48 articles forced onto this path:
# P@1 0.822 with 4, 0.819 with 8; the same among 100k synthetic near-copies of XQuAD sentences: 0.631 against 0.576.
MAX_ARTICLES = 4

_MASKS: weakref.WeakKeyDictionary[Corpus, tuple[np.ndarray, int]] = weakref.WeakKeyDictionary()


def _answerable(corpus: Corpus) -> tuple[np.ndarray, int]:
    """Which rows (the articles' sentences, in order) are answerable, and how many; made once per corpus."""
    found = _MASKS.get(corpus)
    if found is None:
        sentences = (s for item in corpus.articles for s in item.document.sentences)
        mask = np.array([s.kind in model.ANSWERABLE_KINDS for s in sentences], dtype=bool)
        found = _MASKS[corpus] = (mask, int(mask.sum()))
    return found


def answerable_mask(corpus: Corpus) -> np.ndarray:
    """True for rows that may be returned as answers (body, title, standfirst); cached per corpus."""
    return _answerable(corpus)[0]


def answerable_rows(corpus: Corpus, articles: list[int] | None = None) -> np.ndarray:
    """Rows that may be returned as answers, optionally of some articles only."""
    mask = answerable_mask(corpus)
    if articles is None:
        return np.flatnonzero(mask).astype(np.int64)
    parts = [corpus.article_rows[a][mask[corpus.article_rows[a]]] for a in articles]
    return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, dtype=np.int64)


def candidate_rows(corpus: Corpus, qvec: np.ndarray, text: str, articles: list[int] | None) -> np.ndarray:
    """Rows to score: all answerable rows of a small scope, else the union of dense and BM25 top-N."""
    mask, count = _answerable(corpus)
    if articles is not None or count <= EXHAUSTIVE_LIMIT:
        return answerable_rows(corpus, articles)
    dense, _ = corpus.dense_topk(qvec, 4 * CANDIDATES_PER_SIGNAL)
    lexical, _ = corpus.lexical.topk(text, CANDIDATES_PER_SIGNAL)
    dense, lexical = dense[mask[dense]][:CANDIDATES_PER_SIGNAL], lexical[mask[lexical]]
    keep = _best_articles(corpus.article_of, dense, lexical, MAX_ARTICLES)
    return np.union1d(*(ranked[np.isin(corpus.article_of[ranked], keep)] for ranked in (dense, lexical)))


def _best_articles(article_of: np.ndarray, dense: np.ndarray, lexical: np.ndarray, limit: int) -> np.ndarray:
    """The articles of the best-ranked candidates, taking the two rankings in turns, `limit` at most."""
    turns = np.full((max(len(dense), len(lexical)), 2), -1, dtype=np.int64)
    turns[: len(dense), 0] = article_of[dense]
    turns[: len(lexical), 1] = article_of[lexical]
    order = turns[turns >= 0]  # row-major: dense 1st, lexical 1st, dense 2nd, ...
    articles, first = np.unique(order, return_index=True)
    return articles[np.argsort(first)][:limit]


def rank(
    corpus: Corpus,
    q: features.Question,
    qvec: np.ndarray,
    qpieces: np.ndarray,
    rows: np.ndarray,
    method: str,
    params: Params,
) -> tuple[np.ndarray, features.Scored]:
    """Score of each candidate row under a method, with the features behind it; the baselines' BM25 is the
    corpus's own (scored over the whole corpus only for them: the learned rerank has its own per article)."""
    scored = features.compute(corpus, q, qvec, qpieces, rows)
    if method == FULL:
        scores = params.score(scored.x)
    elif method == FUSED:
        scores = features.zscore(scored.cos) + features.zscore(corpus.lexical.scores(q.text)[rows].astype(np.float64))
    elif method == DENSE:
        scores = scored.cos
    elif method == BM25:
        scores = corpus.lexical.scores(q.text)[rows]
    else:
        raise ValueError(f"unknown ranking method {method!r}; one of {', '.join(METHODS)}")
    return scores, scored
