"""Rerank features of (question, sentence) pairs; per-sentence parts are computed once per corpus and cached."""

from __future__ import annotations

import math
import re
import weakref
from collections import Counter
from dataclasses import dataclass

import numpy as np

from index import model
from index.corpus import Corpus
from retrieval import answer_types, terms

FEATURES = (
    "cos",  # dense cosine of question and sentence
    "cos_z",  # cosine z-normalised over the candidates
    "bm25_z",  # BM25 of stemmed terms with the article's own statistics, z-normalised over the candidates
    "bm25_rel",  # that BM25 over the best among the candidates
    "coverage",  # IDF-weighted share of the question's stemmed terms found in the sentence
    "coverage_gap",  # coverage minus the best coverage among the candidates
    "bigrams",  # share of the question's stemmed bigrams found in the sentence
    "neighbour_cos",  # best cosine of the previous or next sentence of the same article
    "neighbour_coverage",  # coverage gained by adding the neighbouring sentences
    "type_match",  # the question wants a type (how many, when, who, where) the sentence offers
    "type_miss",  # the question wants a type the sentence does not offer
    "novelty",  # share of the sentence's terms that are not in the question (room for an answer)
    "log_length",  # log of the sentence's term count
    "is_title",
    "is_standfirst",
    "speaker_match",  # the question names the sentence's attributed speaker or their title
    "loose_coverage",  # coverage counting word families (same first letters of the stem) as matches
    "negation_mismatch",  # the sentence is negated ("not", "n't", "never") and the question is not
)
ABSTAIN_FEATURES = (
    "best_cos",  # cosine of the chosen sentence
    "max_cos",  # best cosine among the candidates
    "best_coverage",  # coverage of the chosen sentence
    "article_coverage",  # IDF-weighted share of question terms found anywhere in the article
    "best_bigrams",
    "bm25_max",  # raw BM25 of the best lexical match, squashed: log(1 + x)
    "margin",  # rerank score of the chosen sentence over the runner-up
)


@dataclass(frozen=True)
class SentenceInfo:
    """What the reranker needs of one sentence, computed once."""

    stems: frozenset[str]
    tf: dict[str, int]
    length: int
    bigrams: frozenset[tuple[str, str]]
    offers: answer_types.Offers
    log_length: float
    kind: str
    speaker_stems: frozenset[str]
    prefixes: frozenset[str]
    negated: bool


_NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|cannot)\b|n['\u2019]t\b", re.IGNORECASE)


@dataclass(frozen=True)
class ArticleStats:
    """Document frequencies of stems over one article's answerable sentences, for IDF weights."""

    df: Counter
    n: int
    avg_length: float

    def idf(self, term: str) -> float:
        df = self.df.get(term, 0)
        return math.log(1.0 + (self.n - df + 0.5) / (df + 0.5))

    def bm25(self, info: SentenceInfo, weights: dict[str, float]) -> float:
        """BM25 (k1=1.2, b=0.75) of a sentence for question terms with their IDF weights."""
        norm = 1.2 * (0.25 + 0.75 * info.length / max(self.avg_length, 1e-9))
        return sum(w * info.tf[t] * 2.2 / (info.tf[t] + norm) for t, w in weights.items() if t in info.tf)


class SentenceTable:
    """Lazily computed SentenceInfo per corpus row and ArticleStats per article of one corpus."""

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = corpus
        self._info: dict[int, SentenceInfo] = {}
        self._stats: dict[int, ArticleStats] = {}

    def info(self, row: int) -> SentenceInfo:
        found = self._info.get(row)
        if found is None:
            found = self._info[row] = _sentence_info(self._corpus.sentence(row))
        return found

    def stats(self, article: int) -> ArticleStats:
        found = self._stats.get(article)
        if found is None:
            df: Counter = Counter()
            rows = [int(r) for r in self._corpus.article_rows[article]]
            rows = [r for r in rows if self._corpus.sentence(r).kind in model.ANSWERABLE_KINDS]
            total = 0
            for r in rows:
                info = self.info(r)
                df.update(info.stems)
                total += info.length
            found = self._stats[article] = ArticleStats(df, len(rows), total / max(len(rows), 1))
        return found


_TABLES: weakref.WeakKeyDictionary[Corpus, SentenceTable] = weakref.WeakKeyDictionary()


def table(corpus: Corpus) -> SentenceTable:
    """The (cached) sentence table of a corpus; a rebuilt corpus gets a new one."""
    found = _TABLES.get(corpus)
    if found is None:
        found = _TABLES[corpus] = SentenceTable(corpus)
    return found


def _sentence_info(sentence: model.Sentence) -> SentenceInfo:
    seq = terms.stems(sentence.text)
    who = sentence.attribution
    speaker = terms.stems(" ".join(x for x in (who.speaker, who.title) if x))
    return SentenceInfo(
        stems=frozenset(seq),
        tf=dict(Counter(seq)),
        length=len(seq),
        bigrams=frozenset(terms.bigrams(seq)),
        offers=answer_types.offers(sentence.text, has_speaker=bool(who.speaker)),
        log_length=math.log1p(len(seq)),
        kind=sentence.kind,
        speaker_stems=frozenset(speaker),
        prefixes=terms.prefixes(seq),
        negated=bool(_NEGATION.search(sentence.text)),
    )


@dataclass
class Question:
    """A question's terms and wanted answer type."""

    text: str
    stems: list[str]
    bigrams: set[tuple[str, str]]
    kind: str
    negated: bool

    @classmethod
    def parse(cls, text: str) -> Question:
        seq = terms.question_stems(text)
        kind = answer_types.question_type(text)
        return cls(text, list(dict.fromkeys(seq)), terms.bigrams(seq), kind, bool(_NEGATION.search(text)))


def zscore(x: np.ndarray) -> np.ndarray:
    """x centred and scaled to unit spread over its own values (zeros when they do not vary)."""
    if len(x) < 2:
        return np.zeros_like(x)
    sd = float(x.std())
    return (x - x.mean()) / sd if sd > 1e-9 else np.zeros_like(x)


def _coverage(stems: frozenset[str] | set[str], weights: dict[str, float]) -> float:
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    return sum(w for t, w in weights.items() if t in stems) / total


def _loose_coverage(info: SentenceInfo, weights: dict[str, float]) -> float:
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    return sum(w for t, w in weights.items() if t in info.stems or t[: terms.PREFIX] in info.prefixes) / total


@dataclass
class Scored:
    """Feature matrix of the candidates plus the raw signals the engine and abstention use."""

    rows: np.ndarray
    x: np.ndarray  # (len(rows), len(FEATURES))
    cos: np.ndarray
    bm25: np.ndarray  # stemmed BM25 with each article's own statistics
    article_coverage: float


def compute(corpus: Corpus, q: Question, qvec: np.ndarray, rows: np.ndarray) -> Scored:
    """Features of every candidate row for one question (rows of one or more articles)."""
    tab = table(corpus)
    n = len(rows)
    cos = corpus.cosine(qvec, rows).astype(np.float64)
    bm25 = np.zeros(n)
    x = np.zeros((n, len(FEATURES)))
    neighbours = _neighbours(corpus, rows)
    extra = np.array(sorted({r for pair in neighbours for r in pair if r >= 0} - set(rows.tolist())), dtype=np.int64)
    cos_of = dict(zip(rows.tolist(), cos.tolist(), strict=True))
    if len(extra):
        cos_of.update(zip(extra.tolist(), corpus.cosine(qvec, extra).astype(np.float64).tolist(), strict=True))
    weights_by_article: dict[int, dict[str, float]] = {}
    article_cov: list[float] = []
    qset = set(q.stems)
    for i, row in enumerate(rows.tolist()):
        art = corpus.rows[row].article
        weights = weights_by_article.get(art)
        stats = tab.stats(art)
        if weights is None:
            weights = weights_by_article[art] = {t: stats.idf(t) for t in q.stems}
            article_cov.append(sum(w for t, w in weights.items() if stats.df.get(t)) / max(sum(weights.values()), 1e-9))
        info = tab.info(row)
        bm25[i] = stats.bm25(info, weights)
        cov = _coverage(info.stems, weights)
        x[i, 4] = cov
        x[i, 6] = len(q.bigrams & info.bigrams) / len(q.bigrams) if q.bigrams else 0.0
        prev, nxt = neighbours[i]
        near = [cos_of[r] for r in (prev, nxt) if r >= 0]
        x[i, 7] = max(near) if near else cos[i]
        around = set(info.stems)
        for r in (prev, nxt):
            if r >= 0:
                around |= tab.info(r).stems
        x[i, 8] = _coverage(around, weights) - cov
        if q.kind != answer_types.OTHER:
            offered = info.offers.has(q.kind)
            x[i, 9] = float(offered)
            x[i, 10] = float(not offered)
        x[i, 11] = len(info.stems - qset) / max(len(info.stems), 1)
        x[i, 12] = info.log_length
        x[i, 13] = float(info.kind == model.TITLE)
        x[i, 14] = float(info.kind == model.STANDFIRST)
        x[i, 15] = float(bool(info.speaker_stems & qset))
        x[i, 16] = _loose_coverage(info, weights)
        x[i, 17] = float(info.negated and not q.negated)
    x[:, 0] = cos
    x[:, 1] = zscore(cos)
    x[:, 2] = zscore(bm25)
    top = float(bm25.max()) if n else 0.0
    x[:, 3] = bm25 / top if top > 0 else 0.0
    if n:
        x[:, 5] = x[:, 4] - x[:, 4].max()
    return Scored(rows, x, cos, bm25, max(article_cov) if article_cov else 0.0)


def _neighbours(corpus: Corpus, rows: np.ndarray) -> list[tuple[int, int]]:
    """Previous and next answerable row of the same article for each row (-1 where there is none)."""
    out = []
    total = len(corpus.rows)
    for row in rows.tolist():
        art = corpus.rows[row].article
        pair = []
        for step in (-1, 1):
            r = row + step
            while 0 <= r < total and corpus.rows[r].article == art:
                if corpus.sentence(r).kind in model.ANSWERABLE_KINDS:
                    break
                r += step
            ok = 0 <= r < total and corpus.rows[r].article == art
            pair.append(r if ok else -1)
        out.append((pair[0], pair[1]))
    return out


def abstain_features(scored: Scored, scores: np.ndarray, best: int) -> np.ndarray:
    """Question-level signals of whether the chosen candidate (index `best`) answers at all."""
    x = scored.x
    others = np.delete(scores, best)
    margin = float(scores[best] - others.max()) if len(others) else 0.0
    return np.array(
        [
            scored.cos[best],
            scored.cos.max(),
            x[best, 4],
            scored.article_coverage,
            x[best, 6],
            math.log1p(float(scored.bm25.max())),
            margin,
        ]
    )
