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


class SentenceTable:
    """Lazily computed SentenceInfo per corpus row and ArticleStats per article of one corpus."""

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = corpus
        self._info: dict[int, SentenceInfo] = {}
        self._terms: dict[int, SentenceTerms] = {}  # rows whose full info is not (yet) needed
        self._stats: dict[int, ArticleStats] = {}
        self._paragraphs: dict[tuple[int, int], frozenset[str]] = {}
        self._neighbours: dict[int, tuple[int, int]] = {}
        self._vectors: dict[int, RowVector] = {}
        self._vocab: tuple[dict[str, int], dict[str, int], dict[str, int]] = ({}, {}, {})  # stems, concepts, prefixes
        self._batch: tuple[bytes, Batch] | None = None  # the last candidate set: a small corpus has the same each time

    def batch(self, rows: np.ndarray) -> Batch:
        """The question-independent arrays of a candidate set; the last one is kept for the next question."""
        key = rows.astype(np.int64).tobytes()
        if self._batch is None or self._batch[0] != key:
            self._batch = (key, Batch.of(self, rows))
        return self._batch[1]

    def vector(self, row: int) -> RowVector:
        """The row's stems, concepts and prefixes as vocabulary ids with counts, for vectorised matching; cached."""
        found = self._vectors.get(row)
        if found is None:
            info = self.info(row)
            stems, concepts, prefixes = self._vocab
            sentence = self._corpus.sentence(row)
            found = self._vectors[row] = RowVector(
                _ids(stems, info.tf),
                np.array(list(info.tf.values()), dtype=np.float64),
                _ids(concepts, info.ctf),
                np.array(list(info.ctf.values()), dtype=np.float64),
                _ids(prefixes, info.prefixes),
                self._corpus.rows[row].article,
                sentence.paragraph,
            )
        return found

    def ids(self, space: int, keys: list[str]) -> np.ndarray:
        """Vocabulary ids of keys in one space (0 stems, 1 concepts, 2 prefixes); -1 for keys no row holds."""
        vocab = self._vocab[space]
        return np.array([vocab.get(k, -1) for k in keys], dtype=np.int64)

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


@dataclass(frozen=True)
class RowVector:
    """One row's terms as vocabulary ids: stems with counts, concepts with counts, prefixes; and its place."""

    stem_ids: np.ndarray
    stem_tf: np.ndarray
    concept_ids: np.ndarray
    concept_tf: np.ndarray
    prefix_ids: np.ndarray
    article: int
    paragraph: int


@dataclass(frozen=True)
class Flat:
    """Vocabulary ids of many rows in one array, with the owning row (a position) and the value of each."""

    ids: np.ndarray
    owner: np.ndarray
    values: np.ndarray

    @classmethod
    def of(cls, ids: list[np.ndarray], values: list[np.ndarray] | None) -> Flat:
        flat = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)
        owner = np.repeat(np.arange(len(ids)), [len(a) for a in ids])
        return cls(flat, owner, np.concatenate(values) if values else np.ones(len(flat)))

    def matrix(self, rows: int, query: np.ndarray) -> np.ndarray:
        """(rows, query) matrix: each row's value of each query id, 0 where the row lacks it."""
        if not len(self.ids) or not len(query):
            return np.zeros((rows, len(query)))
        unique, inverse = np.unique(query, return_inverse=True)
        pos = np.minimum(np.searchsorted(unique, self.ids), len(unique) - 1)
        hit = unique[pos] == self.ids
        found = np.zeros((rows, len(unique)))
        found[self.owner[hit], pos[hit]] = self.values[hit]
        return found[:, inverse.reshape(-1)]


@dataclass(frozen=True)
class Batch:
    """What features of a candidate set need that no question changes: candidates, neighbours, terms, places."""

    rows: np.ndarray
    infos: list[SentenceInfo]
    extra: np.ndarray  # neighbours that are not candidates; matrix positions list the candidates, then these
    size: int  # candidates plus extra neighbours
    prev: np.ndarray  # position of each candidate's previous neighbour, -1 where none
    next: np.ndarray
    stems: Flat
    concepts: Flat
    prefixes: Flat
    articles: list[int]
    paragraph: np.ndarray  # each candidate's paragraph number
    which_paragraph: np.ndarray  # each candidate's paragraph group (a sentence outside body paragraphs is its own)
    paragraph_stems: list[frozenset[str]]  # stems of each group
    static: np.ndarray  # (candidates, 6): log_length, is_title, is_standfirst, negated, attributed, paragraph_start
    lengths: np.ndarray  # term count
    sizes: np.ndarray  # distinct stem count

    @classmethod
    def of(cls, tab: SentenceTable, rows: np.ndarray) -> Batch:
        row_list = rows.tolist()
        neighbours = [tab.neighbours(r) for r in row_list]
        extra = sorted({r for pair in neighbours for r in pair if r >= 0} - set(row_list))
        every = row_list + extra
        at = {r: k for k, r in enumerate(every)}
        vecs = [tab.vector(r) for r in every]
        infos = [tab.info(r) for r in row_list]
        prev = np.array([at[p] if p >= 0 else -1 for p, _ in neighbours], dtype=np.int64)
        groups: dict[tuple[int, int], int] = {}
        which, group_rows = [], []
        for v, r in zip(vecs, row_list, strict=False):
            key = (v.article, v.paragraph) if v.paragraph > 0 else (-1, r)
            if key not in groups:
                groups[key] = len(groups)
                group_rows.append(r)
            which.append(groups[key])
        paragraph = [v.paragraph for v in vecs[: len(row_list)]]
        static = [
            (
                info.log_length,
                info.kind == model.TITLE,
                info.kind == model.STANDFIRST,
                info.negated,
                info.attributed,
                p < 0 or vecs[p].paragraph != para,
            )
            for info, p, para in zip(infos, prev.tolist(), paragraph, strict=True)
        ]
        return cls(
            rows,
            infos,
            np.array(extra, dtype=np.int64),
            len(every),
            prev,
            np.array([at[m] if m >= 0 else -1 for _, m in neighbours], dtype=np.int64),
            Flat.of([v.stem_ids for v in vecs], [v.stem_tf for v in vecs]),
            Flat.of([v.concept_ids for v in vecs], [v.concept_tf for v in vecs]),
            Flat.of([v.prefix_ids for v in vecs], None),
            [v.article for v in vecs[: len(row_list)]],
            np.array(paragraph, dtype=np.int64),
            np.array(which, dtype=np.int64),
            [tab.paragraph_stems(r) for r in group_rows],
            np.array(static, dtype=np.float64).reshape(len(row_list), 6),
            np.array([info.length for info in infos], dtype=np.float64),
            np.array([len(info.stems) for info in infos], dtype=np.float64),
        )


def _ids(vocab: dict[str, int], keys) -> np.ndarray:
    return np.array([vocab.setdefault(k, len(vocab)) for k in keys], dtype=np.int64)


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


def _share(weights: np.ndarray, hits: np.ndarray, total: np.ndarray) -> np.ndarray:
    """Per row: the weight of the hit columns over the row's total weight (0 where the total is not positive)."""
    got = (weights * hits).sum(axis=1)
    return np.divide(got, total, out=np.zeros(len(got)), where=total > 0)


def _heaviest(weights: np.ndarray, mask: np.ndarray, total: np.ndarray) -> np.ndarray:
    """Per row: the heaviest masked weight over the row's total weight (0 where none or the total is not positive)."""
    top = np.where(mask, weights, 0.0).max(axis=1, initial=0.0)
    return np.divide(top, total, out=np.zeros(len(top)), where=total > 0)


def compute(corpus: Corpus, q: Question, qvec: np.ndarray, rows: np.ndarray) -> Scored:
    """Features of every candidate row for one question (rows of one or more articles), vectorised over rows."""
    tab = table(corpus)
    n = len(rows)
    batch = tab.batch(rows)
    cos = corpus.cosine(qvec, rows).astype(np.float64)
    x = np.zeros((n, len(FEATURES)))
    extra = batch.extra
    cos_all = np.concatenate([cos, corpus.cosine(qvec, extra).astype(np.float64)]) if len(extra) else cos
    infos = batch.infos

    # Question-side lookups, once: stems, unit alternatives (as stems and as concepts), prefixes.
    stems = q.stems
    alts = [(u, a) for u, (_, options) in enumerate(q.units) for a in sorted(options)]
    alt_unit = np.array([u for u, _ in alts], dtype=np.int64)
    alt_keys = [a for _, a in alts]
    n_stems, n_units = len(stems), len(q.units)
    unit_prefixable = [not key.startswith("@") and len(key) >= terms.PREFIX for key, _ in q.units]
    stem_query = tab.ids(0, stems + alt_keys)
    prefix_query = tab.ids(2, [t[: terms.PREFIX] for t in stems] + [key[: terms.PREFIX] for key, _ in q.units])
    tf_all = batch.stems.matrix(batch.size, stem_query)
    ctf_all = batch.concepts.matrix(batch.size, tab.ids(1, alt_keys))
    pfx_all = batch.prefixes.matrix(batch.size, prefix_query) > 0
    tf = tf_all[:, :n_stems]  # (candidates then extra neighbours, stems)
    alt_tf = np.where(tf_all[:, n_stems:] > 0, tf_all[:, n_stems:], ctf_all)  # (every, alternatives)
    unit_tf = np.zeros((batch.size, n_units))
    if len(alts):
        np.maximum.at(unit_tf.T, alt_unit, alt_tf.T)
    unit_pfx = pfx_all[:, n_stems:] & np.array(unit_prefixable, dtype=bool)
    stem_hit = tf > 0
    loose_hit = stem_hit | pfx_all[:, :n_stems]
    unit_hit = unit_tf > 0

    # Per-article statistics and weights, once per article.
    arts = batch.articles
    art_index: dict[int, int] = {}
    for a in arts:
        art_index.setdefault(a, len(art_index))
    is_focus = np.array([key in q.focus for key, _ in q.units], dtype=bool)
    art_w, art_units, art_avg, article_cov, article_missing = [], [], [], [], []
    for a in art_index:
        stats = tab.stats(a)
        weights = {t: stats.idf(t) for t in stems}
        total = max(sum(weights.values()), 1e-9)
        article_cov.append(sum(w for t, w in weights.items() if stats.df.get(t)) / total)
        article_missing.append(
            sum(w for t, w in weights.items() if not stats.df.get(t) and t[: terms.PREFIX] not in stats.prefixes)
            / total
        )
        art_w.append(list(weights.values()))
        art_units.append(_article_units(q, stats, is_focus))
        art_avg.append(max(stats.avg_length, 1e-9))
    which = np.array([art_index[a] for a in arts], dtype=np.int64)
    w = np.array(art_w, dtype=np.float64).reshape(len(art_index), n_stems)[which]  # (n, stems)
    w_total = w.sum(axis=1)
    uw = np.array([au.weights for au in art_units], dtype=np.float64).reshape(len(art_index), n_units)[which]
    u_total = np.array([au.total for au in art_units])[which]
    spec = np.array([au.specificity for au in art_units], dtype=np.float64).reshape(len(art_index), n_units)[which]
    # BM25 with k1=1.2, b=0.75 and each article's own average length.
    norm = (1.2 * (0.25 + 0.75 * batch.lengths / np.array(art_avg)[which]))[:, None]

    # Each candidate's neighbours as positions in the matrices (the candidate's own where there is none).
    own = np.arange(n)
    prev, nxt = batch.prev, batch.next
    has_prev, has_next = prev >= 0, nxt >= 0
    prev_at, next_at = np.where(has_prev, prev, own), np.where(has_next, nxt, own)

    hit = stem_hit[:n]
    cov = _share(w, hit, w_total)
    bm25 = (w * tf[:n] * 2.2 / (tf[:n] + norm)).sum(axis=1)
    x[:, F["coverage"]] = cov
    x[:, F["prev_cos"]] = cos_all[prev_at]
    x[:, F["next_cos"]] = cos_all[next_at]
    x[:, F["prev_coverage"]] = np.where(has_prev, _share(w, hit | stem_hit[prev_at], w_total) - cov, 0.0)
    x[:, F["next_coverage"]] = np.where(has_next, _share(w, hit | stem_hit[next_at], w_total) - cov, 0.0)
    x[:, F["loose_coverage"]] = _share(w, loose_hit[:n], w_total)
    sizes = batch.sizes
    x[:, F["novelty"]] = (sizes - hit.sum(axis=1)) / np.maximum(sizes, 1)

    # Units (retrieval/lexicon.py): coverage of the sentence alone and of its window with the neighbours.
    u_hit = unit_hit[:n]
    window = u_hit | unit_hit[prev_at] | unit_hit[next_at] | unit_pfx[:n] | unit_pfx[prev_at] | unit_pfx[next_at]
    x[:, F["x_coverage"]] = _share(uw, u_hit, u_total)
    x[:, F["x_window_coverage"]] = _share(uw, window, u_total)
    window_missing = _heaviest(uw, ~window, u_total)
    window_focus_missing = _heaviest(uw, ~window & is_focus, u_total)
    window_specific_missing = _heaviest(uw * spec, ~window, u_total)
    x_bm25 = np.where(u_total > 0, (uw * unit_tf[:n] * 2.2 / (unit_tf[:n] + norm)).sum(axis=1), 0.0)
    per_article = np.array(
        [(au.missing, au.heaviest, min(au.count, 3), au.focus, au.specific) for au in art_units], dtype=np.float64
    ).reshape(len(art_index), 5)[which]
    unit_missing, heaviest_missing, missing_units, focus_missing, specific_missing = per_article.T

    # Paragraphs: coverage of the whole paragraph, its heaviest missing term, its best cosine.
    which_para = batch.which_paragraph
    para_hits = np.array([[t in held for t in stems] for held in batch.paragraph_stems], dtype=bool).reshape(
        len(batch.paragraph_stems), n_stems
    )
    p_hit = para_hits[which_para]
    x[:, F["paragraph_coverage"]] = _share(w, p_hit, w_total)
    unmatched = _heaviest(w, ~p_hit, w_total)
    best_cos = np.full(len(batch.paragraph_stems), -1.0)
    np.maximum.at(best_cos, which_para, cos)
    x[:, F["paragraph_cos"]] = np.where(batch.paragraph > 0, best_cos[which_para], cos)
    log_length, is_title, is_standfirst, negated, attributed, paragraph_start = batch.static.T
    x[:, F["log_length"]] = log_length
    x[:, F["is_title"]] = is_title
    x[:, F["is_standfirst"]] = is_standfirst
    x[:, F["negation_mismatch"]] = 0.0 if q.negated else negated
    x[:, F["speech_match"]] = attributed if q.speech else 0.0
    x[:, F["paragraph_start"]] = paragraph_start

    # What is left is per sentence and set-valued.
    qset = set(stems)
    if q.kind != answer_types.OTHER:
        offered = np.array([info.offers.has(q.kind) for info in infos], dtype=np.float64)
        x[:, F["type_match"]] = offered
        x[:, F["type_miss"]] = 1.0 - offered
        x[:, F["type_new"]] = [float(info.offers.new(q.kind, q.words)) for info in infos]
    if q.bigrams:
        x[:, F["bigrams"]] = [len(q.bigrams & info.bigrams) / len(q.bigrams) for info in infos]
    if q.entities:
        x[:, F["entity_coverage"]] = [len(q.entities & info.words) / len(q.entities) for info in infos]
    x[:, F["speaker_match"]] = [not info.speaker_stems.isdisjoint(qset) for info in infos]
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
