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
    "prev_cos",  # cosine of the previous sentence of the same article (the sentence's own when none)
    "next_cos",  # cosine of the next sentence
    "prev_coverage",  # coverage gained by adding the previous sentence
    "next_coverage",  # coverage gained by adding the next sentence
    "type_match",  # the question wants a type (how many, when, who, where) the sentence offers
    "type_miss",  # the question wants a type the sentence does not offer
    "type_new",  # ... and offers it with a word the question does not already contain
    "paragraph_coverage",  # coverage of the sentence's whole paragraph
    "paragraph_cos",  # best cosine among the candidates of the sentence's paragraph
    "entity_coverage",  # share of the question's capitalised names that the sentence contains
    "novelty",  # share of the sentence's terms that are not in the question (room for an answer)
    "log_length",  # log of the sentence's term count
    "is_title",
    "is_standfirst",
    "speaker_match",  # the question names the sentence's attributed speaker or their title
    "loose_coverage",  # coverage counting word families (same first letters of the stem) as matches
    "negation_mismatch",  # the sentence is negated ("not", "n't", "never") and the question is not
    "cos_rr",  # 1 / (2 + rank by cosine among the candidates): reciprocal-rank fusion of the two signals
    "bm25_rr",  # 1 / (2 + rank by BM25)
    "paragraph_start",  # the sentence opens its paragraph
    "speech_match",  # the question asks what someone said and the sentence is attributed to a named source
)
F = {name: i for i, name in enumerate(FEATURES)}
ABSTAIN_FEATURES = (
    "best_cos",  # cosine of the chosen sentence
    "max_cos",  # best cosine among the candidates
    "best_coverage",  # coverage of the chosen sentence
    "article_coverage",  # IDF-weighted share of question terms found anywhere in the article
    "best_bigrams",
    "bm25_max",  # raw BM25 of the best lexical match, squashed: log(1 + x)
    "margin",  # rerank score of the chosen sentence over the runner-up
    "best_loose_coverage",  # coverage of the chosen sentence counting word families
    "best_type_new",  # the chosen sentence offers the asked answer type with a new word
    "article_loose_missing",  # question terms (IDF-weighted share) found nowhere in the article, even loosely
    "best_score",  # rerank score of the chosen sentence
    "best_paragraph_coverage",  # coverage of the chosen sentence's paragraph
    "best_unmatched",  # IDF share of the heaviest question term missing from the chosen sentence's paragraph
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
    words: frozenset[str]
    attributed: bool


_NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|cannot)\b|n['\u2019]t\b", re.IGNORECASE)


_NAME = re.compile(r"(?<!^)(?<![.?!] )\b[A-Z][\w\u2019'-]*")


_SPEECH = re.compile(
    r"\b(?:say|says|said|saying|tell|told|claim|claimed|claims|state|stated|announce|announced|confirm|confirmed|"
    r"respond|responded|response|react|reaction|comment|comments|warn|warned|think|thinks|view|views|position|"
    r"stance|believe|believes|admit|admitted|deny|denied)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ArticleStats:
    """Document frequencies of stems over one article's answerable sentences, for IDF weights."""

    df: Counter
    n: int
    avg_length: float
    prefixes: frozenset[str]

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
        self._paragraphs: dict[tuple[int, int], frozenset[str]] = {}
        self._neighbours: dict[int, tuple[int, int]] = {}

    def info(self, row: int) -> SentenceInfo:
        found = self._info.get(row)
        if found is None:
            found = self._info[row] = _sentence_info(self._corpus.sentence(row))
        return found

    def neighbours(self, row: int) -> tuple[int, int]:
        """Previous and next answerable row of the same article (-1 where there is none), cached."""
        found = self._neighbours.get(row)
        if found is None:
            found = self._neighbours[row] = _neighbour_pair(self._corpus, row)
        return found

    def paragraph_stems(self, row: int) -> frozenset[str]:
        """Stems of every answerable sentence in the row's paragraph (the row alone outside body paragraphs)."""
        sentence = self._corpus.sentence(row)
        if sentence.paragraph <= 0:
            return self.info(row).stems
        key = (self._corpus.rows[row].article, sentence.paragraph)
        found = self._paragraphs.get(key)
        if found is None:
            rows = self._corpus.article_rows[key[0]].tolist()
            same = [r for r in rows if self._corpus.sentence(r).paragraph == sentence.paragraph]
            found = self._paragraphs[key] = frozenset().union(*(self.info(r).stems for r in same))
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
            found = self._stats[article] = ArticleStats(df, len(rows), total / max(len(rows), 1), terms.prefixes(df))
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
        offers=answer_types.offers(sentence.text, who.speaker),
        log_length=math.log1p(len(seq)),
        kind=sentence.kind,
        speaker_stems=frozenset(speaker),
        prefixes=terms.prefixes(seq),
        negated=bool(_NEGATION.search(sentence.text)),
        words=answer_types.words(sentence.text),
        attributed=bool(who.speaker) and who.kind != model.ARTICLE_VOICE,
    )


@dataclass
class Question:
    """A question's terms and wanted answer type."""

    text: str
    stems: list[str]
    bigrams: set[tuple[str, str]]
    kind: str
    negated: bool
    words: frozenset[str]  # lower-case words as written, to tell answer words from question words
    entities: frozenset[str]  # lower-case words the question capitalises past its first word
    speech: bool  # asks what someone said, thinks or claimed

    @classmethod
    def parse(cls, text: str) -> Question:
        seq = terms.question_stems(text)
        kind = answer_types.question_type(text)
        negated = bool(_NEGATION.search(text))
        entities = answer_types.words(" ".join(_NAME.findall(text))) - terms.QUESTION_WORDS
        speech = bool(_SPEECH.search(text))
        words = answer_types.words(text)
        return cls(text, list(dict.fromkeys(seq)), terms.bigrams(seq), kind, negated, words, entities, speech)


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
    article_missing: float
    unmatched: np.ndarray  # per candidate: IDF share of the heaviest question term missing from its paragraph


def compute(corpus: Corpus, q: Question, qvec: np.ndarray, rows: np.ndarray) -> Scored:
    """Features of every candidate row for one question (rows of one or more articles)."""
    tab = table(corpus)
    n = len(rows)
    cos = corpus.cosine(qvec, rows).astype(np.float64)
    bm25 = np.zeros(n)
    unmatched = np.zeros(n)
    x = np.zeros((n, len(FEATURES)))
    neighbours = [tab.neighbours(r) for r in rows.tolist()]
    extra = np.array(sorted({r for pair in neighbours for r in pair if r >= 0} - set(rows.tolist())), dtype=np.int64)
    cos_of = dict(zip(rows.tolist(), cos.tolist(), strict=True))
    if len(extra):
        cos_of.update(zip(extra.tolist(), corpus.cosine(qvec, extra).astype(np.float64).tolist(), strict=True))
    weights_by_article: dict[int, dict[str, float]] = {}
    article_cov: list[float] = []
    article_missing: list[float] = []
    qset = set(q.stems)
    best_in_paragraph: dict[tuple[int, int], float] = {}
    paragraph_of: list[tuple[int, int]] = []
    for i, row in enumerate(rows.tolist()):
        art = corpus.rows[row].article
        weights = weights_by_article.get(art)
        stats = tab.stats(art)
        if weights is None:
            weights = weights_by_article[art] = {t: stats.idf(t) for t in q.stems}
            total = max(sum(weights.values()), 1e-9)
            article_cov.append(sum(w for t, w in weights.items() if stats.df.get(t)) / total)
            article_missing.append(
                sum(w for t, w in weights.items() if not stats.df.get(t) and t[: terms.PREFIX] not in stats.prefixes)
                / total
            )
        info = tab.info(row)
        bm25[i] = stats.bm25(info, weights)
        cov = _coverage(info.stems, weights)
        x[i, F["coverage"]] = cov
        x[i, F["bigrams"]] = len(q.bigrams & info.bigrams) / len(q.bigrams) if q.bigrams else 0.0
        prev = neighbours[i][0]
        for name, r in zip(("prev", "next"), neighbours[i], strict=True):
            x[i, F[f"{name}_cos"]] = cos_of[r] if r >= 0 else cos[i]
            x[i, F[f"{name}_coverage"]] = _coverage(info.stems | tab.info(r).stems, weights) - cov if r >= 0 else 0.0
        if q.kind != answer_types.OTHER:
            offered = info.offers.has(q.kind)
            x[i, F["type_match"]] = float(offered)
            x[i, F["type_miss"]] = float(not offered)
            x[i, F["type_new"]] = float(info.offers.new(q.kind, q.words))
        x[i, F["novelty"]] = len(info.stems - qset) / max(len(info.stems), 1)
        x[i, F["log_length"]] = info.log_length
        x[i, F["is_title"]] = float(info.kind == model.TITLE)
        x[i, F["is_standfirst"]] = float(info.kind == model.STANDFIRST)
        x[i, F["speaker_match"]] = float(bool(info.speaker_stems & qset))
        x[i, F["loose_coverage"]] = _loose_coverage(info, weights)
        x[i, F["negation_mismatch"]] = float(info.negated and not q.negated)
        para_stems = tab.paragraph_stems(row)
        x[i, F["paragraph_coverage"]] = _coverage(para_stems, weights)
        total = sum(weights.values())
        missing = [w for t, w in weights.items() if t not in para_stems]
        unmatched[i] = max(missing) / total if missing and total > 0 else 0.0
        if q.entities:
            x[i, F["entity_coverage"]] = len(q.entities & info.words) / len(q.entities)
        para = (corpus.rows[row].article, corpus.sentence(row).paragraph)
        x[i, F["speech_match"]] = float(q.speech and info.attributed)
        x[i, F["paragraph_start"]] = float(prev < 0 or corpus.sentence(prev).paragraph != para[1])
        best_in_paragraph[para] = max(best_in_paragraph.get(para, -1.0), cos[i])
        paragraph_of.append(para)
    x[:, F["paragraph_cos"]] = [best_in_paragraph[p] if p[1] > 0 else c for p, c in zip(paragraph_of, cos, strict=True)]
    x[:, F["cos"]] = cos
    x[:, F["cos_z"]] = zscore(cos)
    x[:, F["bm25_z"]] = zscore(bm25)
    top = float(bm25.max()) if n else 0.0
    x[:, F["bm25_rel"]] = bm25 / top if top > 0 else 0.0
    x[:, F["cos_rr"]] = 1.0 / (2.0 + np.argsort(np.argsort(-cos, kind="stable")))
    x[:, F["bm25_rr"]] = 1.0 / (2.0 + np.argsort(np.argsort(-bm25, kind="stable")))
    if n:
        x[:, F["coverage_gap"]] = x[:, F["coverage"]] - x[:, F["coverage"]].max()
    return Scored(rows, x, cos, bm25, max(article_cov, default=0.0), min(article_missing, default=1.0), unmatched)


def _neighbour_pair(corpus: Corpus, row: int) -> tuple[int, int]:
    """Previous and next answerable row of the same article (-1 where there is none)."""
    art = corpus.rows[row].article
    total = len(corpus.rows)
    pair = []
    for step in (-1, 1):
        r = row + step
        while 0 <= r < total and corpus.rows[r].article == art:
            if corpus.sentence(r).kind in model.ANSWERABLE_KINDS:
                break
            r += step
        pair.append(r if 0 <= r < total and corpus.rows[r].article == art else -1)
    return pair[0], pair[1]


def abstain_features(scored: Scored, scores: np.ndarray, best: int) -> np.ndarray:
    """Question-level signals of whether the chosen candidate (index `best`) answers at all."""
    x = scored.x
    others = np.delete(scores, best)
    margin = float(scores[best] - others.max()) if len(others) else 0.0
    return np.array(
        [
            scored.cos[best],
            scored.cos.max(),
            x[best, F["coverage"]],
            scored.article_coverage,
            x[best, F["bigrams"]],
            math.log1p(float(scored.bm25.max())),
            margin,
            x[best, F["loose_coverage"]],
            x[best, F["type_new"]],
            scored.article_missing,
            float(scores[best]),
            x[best, F["paragraph_coverage"]],
            scored.unmatched[best],
        ]
    )
