"""Fit the reranker and abstention model and write retrieval/params.json.

Data: every SQuAD-format (Wikipedia) question, and the FIT half of our own news sets (the TEST half
is never used, so it measures what the fitted model does on questions it has not seen). The
reranker's out-of-sample P@1 on the SQuAD data is estimated by 2-fold cross-fitting over articles.

Rerank weights: listwise softmax regression (the gold sentences should take the probability mass
among each question's candidates). Abstention: logistic regression on question-level signals, with
two kinds of negatives: XQuAD questions asked against the wrong article (off topic), and synthetic
near misses (retrieval/near_miss.py: one focus term of an answerable fit question swapped for one
its article lacks); its threshold keeps the share of answerable fit questions declined at or under
TARGET_DECLINED_ANSWERABLE.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from retrieval import background, features, near_miss, search, sentence_table
from retrieval.engine import Engine
from retrieval.evaluate import FIT, TEST, Dataset, Item, contains_answer
from retrieval.question import as_asked, clean_question
from retrieval.rerank import Params

log = logging.getLogger(__name__)

L2 = 1e-3
STEPS = 600
TARGET_DECLINED_ANSWERABLE = 0.02
NEWS_WEIGHT = 10.0  # news questions count more than Wikipedia ones in the abstention fit
NEAR_MISS_WEIGHT = 0.5  # a synthetic near miss counts this share of a real question of its dataset


@dataclass
class Example:
    """One fit item's candidate features and which candidates hold a gold answer."""

    item: Item
    scored: features.Scored
    labels: np.ndarray
    weight: float
    news: bool


def fit_items(dataset: Dataset) -> list[Item]:
    """The items a dataset lends to fitting: all SQuAD items, the FIT half of news items."""
    return [it for it in dataset.items if it.split == FIT or not dataset.news]


def collect(engine: Engine, dataset: Dataset, weight: float, items: list[Item] | None = None) -> list[Example]:
    """Features of items (default: the dataset's fit items) against their article."""
    items = fit_items(dataset) if items is None else items
    texts = [clean_question(it.question) for it in items]
    encoded = engine.embedder.encode_pieces([as_asked(t) for t in texts])
    out = []
    for item, text, qvec, qpieces in zip(items, texts, encoded.vectors, encoded.pieces, strict=True):
        corpus = engine.corpus
        article = engine.library.position(item.article)
        rows = search.answerable_rows(corpus, [article])  # an article's candidates
        q = features.Question.parse(text, sentence_table.table(corpus).names(article))
        scored = features.compute(corpus, q, qvec, qpieces, rows)
        labels = np.array([contains_answer(corpus.sentence(int(r)).text, item.answers) for r in rows])
        out.append(Example(item, scored, labels, weight, dataset.news))
    return out


def fit_rank(examples: list[Example]) -> np.ndarray:
    """Weights maximising the softmax probability of the gold candidates (Adam, L2-regularised)."""
    groups = [e for e in examples if e.labels.any() and not e.labels.all()]
    width = max(len(e.labels) for e in groups)
    nf = len(features.FEATURES)
    x = np.zeros((len(groups), width, nf))
    pos = np.zeros((len(groups), width), dtype=bool)
    valid = np.zeros((len(groups), width), dtype=bool)
    gw = np.array([e.weight for e in groups])
    for g, e in enumerate(groups):
        n = len(e.labels)
        x[g, :n], pos[g, :n], valid[g, :n] = e.scored.x, e.labels, True
    w = np.zeros(nf)
    w[features.FEATURES.index("cos_z")] = w[features.FEATURES.index("bm25_z")] = 1.0
    m, v = np.zeros(nf), np.zeros(nf)
    for step in range(1, STEPS + 1):
        s = np.where(valid, x @ w, -np.inf)
        p_all = np.exp(s - s.max(axis=1, keepdims=True))
        p_all /= p_all.sum(axis=1, keepdims=True)
        sp = np.where(pos, s, -np.inf)
        p_pos = np.exp(sp - sp.max(axis=1, keepdims=True))
        p_pos /= p_pos.sum(axis=1, keepdims=True)
        diff = (p_all - p_pos)[..., None] * x  # d loss / d w per candidate
        grad = (gw[:, None] * diff.sum(axis=1)).sum(axis=0) / gw.sum() + L2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w -= 0.05 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return w


def fit_logistic(a: np.ndarray, y: np.ndarray, weight: np.ndarray) -> tuple[np.ndarray, float]:
    """Weighted, L2-regularised logistic regression by Newton steps; returns weights and bias."""
    xb = np.hstack([a, np.ones((len(a), 1))])
    beta = np.zeros(xb.shape[1])
    reg = 1e-3 * np.eye(xb.shape[1])
    reg[-1, -1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ beta, -50, 50)))
        grad = xb.T @ (weight * (p - y)) / weight.sum() + reg @ beta
        hess = (xb * (weight * p * (1 - p))[:, None]).T @ xb / weight.sum() + reg
        beta -= np.linalg.solve(hess, grad)
    return beta[:-1], float(beta[-1])


def weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    """The value below which a share q of the total weight lies (0.5 when there are no values)."""
    if not len(values):
        return 0.5
    order = np.argsort(values)
    cum = np.cumsum(weights[order]) / weights.sum()
    return float(values[order][min(int(np.searchsorted(cum, q)), len(values) - 1)])


def _p_at_1(examples: list[Example], w: np.ndarray) -> float:
    hits = [bool(e.labels[int(np.argmax(e.scored.x @ w))]) for e in examples]
    return sum(hits) / len(hits) if hits else 0.0


def cross_fitted_p_at_1(examples: list[Example]) -> float:
    """Rerank P@1 with each half of the articles scored by weights fitted on the other half."""
    halves = [[e for e in examples if e.item.split == s] for s in (FIT, TEST)]
    if not all(any(e.labels.any() for e in h) for h in halves):
        return 0.0
    total = sum(_p_at_1(h, fit_rank(other)) * len(h) for h, other in zip(halves, halves[::-1], strict=True))
    return total / sum(len(h) for h in halves)


def _background_articles(engine: Engine, datasets: list[Dataset]) -> list[frozenset[str]]:
    """The stem set of every background (SQuAD) article, for how generic a word is."""
    tab = sentence_table.table(engine.corpus)
    positions = sorted({engine.library.position(a) for d in datasets for a in d.articles})
    return [frozenset().union(*(tab.info(int(r)).stems for r in engine.corpus.article_rows[p])) for p in positions]


def fit(engine: Engine, datasets: list[Dataset], path: Path | None = None) -> Params:
    """Fit all learned parameters on the FIT halves of the datasets; save them when a path is given."""
    background.build(_background_articles(engine, [d for d in datasets if not d.news]))
    examples: list[Example] = []
    near = 0
    for dataset in datasets:
        weight = NEWS_WEIGHT if dataset.news else 1.0
        examples.extend(collect(engine, dataset, weight))
        misses = near_miss.generate(engine.corpus, fit_items(dataset), engine.library.position)
        examples.extend(collect(engine, dataset, weight * NEAR_MISS_WEIGHT, misses))
        near += len(misses)
    answerable = [e for e in examples if e.item.answerable]
    w = fit_rank(answerable)
    params = Params(weights=dict(zip(features.FEATURES, map(float, w), strict=True)))
    rows, y, sw = [], [], []
    for e in examples:
        scores = params.score(e.scored.x)
        rows.append(features.abstain_features(e.scored, scores, int(np.argmax(scores))))
        y.append(float(e.item.answerable))
        sw.append(e.weight)
    a, y_arr, sw_arr = np.array(rows), np.array(y), np.array(sw)
    coef, bias = fit_logistic(a, y_arr, sw_arr)
    params.abstain_weights = dict(zip(features.ABSTAIN_FEATURES, map(float, coef), strict=True))
    params.abstain_bias = bias
    prob = np.array([params.answerable(r) for r in a])
    params.abstain_threshold = weighted_quantile(prob[y_arr == 1], sw_arr[y_arr == 1], TARGET_DECLINED_ANSWERABLE)
    params.fitted_on = {
        "datasets": [d.name for d in datasets],
        "news_split": FIT,
        "questions": len(examples),
        "answerable": int(y_arr.sum()),
        "unanswerable": int((1 - y_arr).sum()),
        "near_misses": near,
        "wikipedia_p_at_1_2fold": round(cross_fitted_p_at_1([e for e in answerable if not e.news]), 4),
    }
    log.info("fitted on %d questions: %s", len(examples), params.fitted_on)
    if path is not None:
        params.save(path)
    return params
