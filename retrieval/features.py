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
from retrieval import answer_types, background, lexicon, terms

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
    "x_coverage",  # coverage of the question's units (terms, places, acronyms, synonyms: retrieval/lexicon.py)
    "x_window_coverage",  # that coverage by the sentence with its previous and next sentences
    "x_bm25_rel",  # BM25 of the units (a unit's tf: its best alternative), over the best among the candidates
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
    "best_x_coverage",  # unit coverage of the chosen sentence
    "article_unit_missing",  # IDF share of the question's units the whole article lacks, even through the lexicons
    "article_heaviest_missing",  # IDF share of the heaviest such unit
    "window_heaviest_missing",  # IDF share of the heaviest unit missing from the chosen sentence and its neighbours
    "missing_units",  # how many units the article lacks (at most 3)
    "article_focus_missing",  # IDF share of the heaviest focus unit (name, place, number, noun) the article lacks
    "window_focus_missing",  # ... missing from the chosen sentence and its neighbours
    "focus_absent",  # 1 when the article lacks some focus unit at all
    "specific_missing",  # the heaviest missing unit's IDF share times its specificity (1 - background share)
    "window_specific_missing",  # ... missing from the chosen sentence and its neighbours
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
    concepts: frozenset[str]  # place, acronym and synonym concepts (retrieval/lexicon.py)
    ctf: dict[str, int]  # how often each concept occurs


@dataclass(frozen=True)
class SentenceTerms:
    """A sentence's stemmed terms and lexicon concepts: all its article's statistics need, cheaper than SentenceInfo."""

    seq: list[str]  # stems in order
    stems: frozenset[str]
    length: int
    concept_seq: list[str]  # concepts with repeats
    concepts: frozenset[str]

    @classmethod
    def of(cls, text: str) -> SentenceTerms:
        seq = terms.stems(text)
        found = lexicon.concepts(text)
        return cls(seq, frozenset(seq), len(seq), found, frozenset(found))


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
    cdf: Counter  # document frequencies of lexicon concepts

    def idf(self, term: str) -> float:
        df = self.df.get(term, 0)
        return math.log(1.0 + (self.n - df + 0.5) / (df + 0.5))

    def unit_idf(self, alternatives: frozenset[str]) -> float:
        """IDF of a question unit: that of its most frequent alternative (stem or concept)."""
        df = max((self.df.get(a, 0) or self.cdf.get(a, 0) for a in alternatives), default=0)
        return math.log(1.0 + (self.n - df + 0.5) / (df + 0.5))

    def has_unit(self, key: str, alternatives: frozenset[str]) -> bool:
        """The article holds the unit: an alternative, or (for a term) its word family."""
        if any(a in self.df or a in self.cdf for a in alternatives):
            return True
        return not key.startswith("@") and len(key) >= terms.PREFIX and key[: terms.PREFIX] in self.prefixes

    def bm25(self, info: SentenceInfo, weights: dict[str, float]) -> float:
        """BM25 (k1=1.2, b=0.75) of a sentence for question terms with their IDF weights."""
        norm = 1.2 * (0.25 + 0.75 * info.length / max(self.avg_length, 1e-9))
        return sum(w * info.tf[t] * 2.2 / (info.tf[t] + norm) for t, w in weights.items() if t in info.tf)

    def bm25_units(self, info: SentenceInfo, units: list[tuple[str, frozenset[str]]], weights: np.ndarray) -> float:
        """BM25 of question units: a unit's term frequency is that of its most frequent alternative."""
        norm = 1.2 * (0.25 + 0.75 * info.length / max(self.avg_length, 1e-9))
        total = 0.0
        for (_, alts), w in zip(units, weights, strict=True):
            tf = max(info.tf.get(a, 0) or info.ctf.get(a, 0) for a in alts)
            if tf:
                total += w * tf * 2.2 / (tf + norm)
        return total


class SentenceTable:
    """Lazily computed SentenceInfo per corpus row and ArticleStats per article of one corpus."""

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = corpus
        self._info: dict[int, SentenceInfo] = {}
        self._terms: dict[int, SentenceTerms] = {}  # rows whose full info is not (yet) needed
        self._stats: dict[int, ArticleStats] = {}
        self._paragraphs: dict[tuple[int, int], frozenset[str]] = {}
        self._neighbours: dict[int, tuple[int, int]] = {}

    def info(self, row: int) -> SentenceInfo:
        found = self._info.get(row)
        if found is None:
            sentence = self._corpus.sentence(row)
            base = self._terms.pop(row, None) or SentenceTerms.of(sentence.text)
            found = self._info[row] = _sentence_info(sentence, base)
        return found

    def lexical(self, row: int) -> SentenceInfo | SentenceTerms:
        """The row's stems, concepts and length: its full info when computed, else only its (cached) terms."""
        found = self._info.get(row) or self._terms.get(row)
        if found is None:
            found = self._terms[row] = SentenceTerms.of(self._corpus.sentence(row).text)
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
            return self.lexical(row).stems
        key = (self._corpus.rows[row].article, sentence.paragraph)
        found = self._paragraphs.get(key)
        if found is None:
            rows = self._corpus.article_rows[key[0]].tolist()
            same = [r for r in rows if self._corpus.sentence(r).paragraph == sentence.paragraph]
            found = self._paragraphs[key] = frozenset().union(*(self.lexical(r).stems for r in same))
        return found

    def stats(self, article: int) -> ArticleStats:
        found = self._stats.get(article)
        if found is None:
            df: Counter = Counter()
            cdf: Counter = Counter()
            rows = [int(r) for r in self._corpus.article_rows[article]]
            rows = [r for r in rows if self._corpus.sentence(r).kind in model.ANSWERABLE_KINDS]
            total = 0
            for r in rows:
                info = self.lexical(r)
                df.update(info.stems)
                cdf.update(info.concepts)
                total += info.length
            found = self._stats[article] = ArticleStats(
                df, len(rows), total / max(len(rows), 1), terms.prefixes(df), cdf
            )
        return found


_TABLES: weakref.WeakKeyDictionary[Corpus, SentenceTable] = weakref.WeakKeyDictionary()


def table(corpus: Corpus) -> SentenceTable:
    """The (cached) sentence table of a corpus; a rebuilt corpus gets a new one."""
    found = _TABLES.get(corpus)
    if found is None:
        found = _TABLES[corpus] = SentenceTable(corpus)
    return found


def _sentence_info(sentence: model.Sentence, base: SentenceTerms) -> SentenceInfo:
    seq = base.seq
    who = sentence.attribution
    speaker = terms.stems(" ".join(x for x in (who.speaker, who.title) if x))
    return SentenceInfo(
        stems=base.stems,
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
        concepts=base.concepts,
        ctf=dict(Counter(base.concept_seq)),
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
    units: list[tuple[str, frozenset[str]]]  # terms with their lexicon alternatives (lexicon.question_units)
    focus: frozenset[str]  # keys of the units the question is about (names, places, numbers, nouns)

    @classmethod
    def parse(cls, text: str) -> Question:
        seq = terms.question_stems(text)
        kind = answer_types.question_type(text)
        negated = bool(_NEGATION.search(text))
        entities = answer_types.words(" ".join(_NAME.findall(text))) - terms.QUESTION_WORDS
        speech = bool(_SPEECH.search(text))
        words = answer_types.words(text)
        units, focus = lexicon.question_units(text)
        stems = list(dict.fromkeys(seq))
        return cls(text, stems, terms.bigrams(seq), kind, negated, words, entities, speech, units, focus)


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
    unit_missing: np.ndarray  # per candidate, of its article: IDF share of units the article lacks
    heaviest_missing: np.ndarray  # ... IDF share of the heaviest of them
    missing_units: np.ndarray  # ... how many
    window_missing: np.ndarray  # per candidate: IDF share of the heaviest unit missing from it and its neighbours
    focus_missing: np.ndarray  # per candidate, of its article: IDF share of the heaviest focus unit it lacks
    window_focus_missing: np.ndarray  # per candidate: the same for it and its neighbours
    specific_missing: np.ndarray  # per candidate, of its article: heaviest missing unit's share times its specificity
    window_specific_missing: np.ndarray  # per candidate: the same for it and its neighbours


def _unit_hits(
    units: list[tuple[str, frozenset[str]]], stems: frozenset[str], concepts: frozenset[str], prefixes=frozenset()
) -> list[bool]:
    """Which units a set of stems and concepts holds (a term unit also by its word family when prefixes are given)."""
    return [
        any(a in stems or a in concepts for a in alts)
        or (bool(prefixes) and not key.startswith("@") and len(key) >= terms.PREFIX and key[: terms.PREFIX] in prefixes)
        for key, alts in units
    ]


@dataclass
class _ArticleUnits:
    """A question's unit weights in one article and what the article lacks of them."""

    weights: np.ndarray
    total: float
    missing: float
    heaviest: float
    count: int
    focus: float
    specific: float
    specificity: np.ndarray  # per unit: 1 - the share of background articles using it


def _article_units(q: Question, stats: ArticleStats, is_focus: np.ndarray) -> _ArticleUnits:
    w = np.array([stats.unit_idf(alts) for _, alts in q.units])
    total = float(w.sum()) if len(w) else 0.0
    lack = np.array([not stats.has_unit(key, alts) for key, alts in q.units], dtype=bool)
    spec = np.array([1.0 - max(background.share(a) for a in alts) for _, alts in q.units])
    if total <= 0:
        return _ArticleUnits(w, 0.0, 0.0, 0.0, 0, 0.0, 0.0, spec)
    return _ArticleUnits(
        w,
        total,
        float(w[lack].sum()) / total,
        float(w[lack].max(initial=0.0)) / total,
        int(lack.sum()),
        float(w[lack & is_focus].max(initial=0.0)) / total,
        float((w * spec)[lack].max(initial=0.0)) / total,
        spec,
    )


def compute(corpus: Corpus, q: Question, qvec: np.ndarray, rows: np.ndarray) -> Scored:
    """Features of every candidate row for one question (rows of one or more articles)."""
    tab = table(corpus)
    n = len(rows)
    cos = corpus.cosine(qvec, rows).astype(np.float64)
    bm25 = np.zeros(n)
    unmatched = np.zeros(n)
    unit_missing, heaviest_missing, missing_units, window_missing = (np.zeros(n) for _ in range(4))
    focus_missing, window_focus_missing = np.zeros(n), np.zeros(n)
    specific_missing, window_specific_missing = np.zeros(n), np.zeros(n)
    is_focus = np.array([key in q.focus for key, _ in q.units], dtype=bool)
    x_bm25 = np.zeros(n)
    units_by_article: dict[int, _ArticleUnits] = {}
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
        au = units_by_article.get(art)
        if au is None:
            au = units_by_article[art] = _article_units(q, stats, is_focus)
        info = tab.info(row)
        bm25[i] = stats.bm25(info, weights)
        unit_missing[i], heaviest_missing[i], missing_units[i] = au.missing, au.heaviest, min(au.count, 3)
        focus_missing[i], specific_missing[i] = au.focus, au.specific
        if au.total > 0:
            hits = np.array(_unit_hits(q.units, info.stems, info.concepts))
            x[i, F["x_coverage"]] = float(au.weights[hits].sum()) / au.total
            window = [info] + [tab.info(r) for r in neighbours[i] if r >= 0]
            w_hits = np.array(
                _unit_hits(
                    q.units,
                    frozenset().union(*(v.stems for v in window)),
                    frozenset().union(*(v.concepts for v in window)),
                    frozenset().union(*(v.prefixes for v in window)),
                )
            )
            x[i, F["x_window_coverage"]] = float(au.weights[w_hits].sum()) / au.total
            window_missing[i] = float(au.weights[~w_hits].max(initial=0.0)) / au.total
            window_focus_missing[i] = float(au.weights[~w_hits & is_focus].max(initial=0.0)) / au.total
            window_specific_missing[i] = float((au.weights * au.specificity)[~w_hits].max(initial=0.0)) / au.total
            x_bm25[i] = stats.bm25_units(info, q.units, au.weights)
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
    x_top = float(x_bm25.max()) if n else 0.0
    x[:, F["x_bm25_rel"]] = x_bm25 / x_top if x_top > 0 else 0.0
    x[:, F["cos_rr"]] = 1.0 / (2.0 + np.argsort(np.argsort(-cos, kind="stable")))
    x[:, F["bm25_rr"]] = 1.0 / (2.0 + np.argsort(np.argsort(-bm25, kind="stable")))
    if n:
        x[:, F["coverage_gap"]] = x[:, F["coverage"]] - x[:, F["coverage"]].max()
    return Scored(
        rows,
        x,
        cos,
        bm25,
        max(article_cov, default=0.0),
        min(article_missing, default=1.0),
        unmatched,
        unit_missing,
        heaviest_missing,
        missing_units,
        window_missing,
        focus_missing,
        window_focus_missing,
        specific_missing,
        window_specific_missing,
    )


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
            x[best, F["x_coverage"]],
            scored.unit_missing[best],
            scored.heaviest_missing[best],
            scored.window_missing[best],
            scored.missing_units[best],
            scored.focus_missing[best],
            scored.window_focus_missing[best],
            float(scored.focus_missing[best] > 0),
            scored.specific_missing[best],
            scored.window_specific_missing[best],
        ]
    )
