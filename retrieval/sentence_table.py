"""Per-sentence and per-article term data of one corpus for the reranker, cached for every question after.

Built from the term analysis done at index time (index/analysis.py), so a question reads the stored stems,
concepts and article statistics of its candidates and never analyses a sentence's text for its terms again.
"""

from __future__ import annotations

import math
import re
import weakref
from dataclasses import dataclass, field

import numpy as np

from index import lexicon, model, terms
from index.analysis import ArticleTerms, SentenceTerms
from index.corpus import Corpus
from retrieval import answer_types

# Rows (and articles, paragraphs) whose derived data a table keeps; past it a cache starts over, so a
# long-running process over a large corpus does not grow without bound.
CACHE_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class SentenceInfo:
    """What the reranker needs of one sentence, computed once; what only some questions read (answer-type words,
    all words, negated terms) on first use, since on a large corpus most rows are candidates once."""

    stems: frozenset[str]
    length: int
    bigrams: frozenset[tuple[str, str]]
    log_length: float
    kind: str
    speaker_terms: frozenset[str]  # stems and lexicon concepts of the speaker and title ("Moscow" finds "Russia")
    negated: bool
    asks: bool  # the sentence poses or reports a question
    attributed: bool
    text: str
    speaker: str | None
    _offers: answer_types.Offers | None = field(default=None, init=False, repr=False, compare=False)
    _words: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)
    _negated_terms: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)

    # Each lazy field is set once, whole (two threads may both work it out; neither sees it half made).
    @property
    def offers(self) -> answer_types.Offers:
        """The answer types the sentence offers (answer_types.offers), worked out on first use."""
        if self._offers is None:
            object.__setattr__(self, "_offers", answer_types.offers(self.text, self.speaker))
        return self._offers

    @property
    def words(self) -> frozenset[str]:
        """The sentence's words as answer_types.words gives them, worked out on first use."""
        if self._words is None:
            object.__setattr__(self, "_words", answer_types.words(self.text))
        return self._words

    @property
    def negated_terms(self) -> frozenset[str]:
        """Stems of the words just after a negation ("not *confirm*"); none without a negation at all."""
        if self._negated_terms is None:
            found = (t for m in _NEGATED.finditer(self.text) for t in terms.stems(m.group(1))) if self.negated else ()
            object.__setattr__(self, "_negated_terms", frozenset(found))
        return self._negated_terms


_WORD = re.compile(r"[A-Za-z][A-Za-z0-9\u2019'-]*")
_PROSE = frozenset({model.STANDFIRST, model.BODY})
_OPENERS = frozenset(".?!:\"'(\u201c\u2018") | {""}  # a word after these (or first) may be capitalised as an opener
NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|cannot)\b|n['\u2019]t\b", re.IGNORECASE)
NEGATED_SPAN = 3  # words after a negation that it governs
_NEGATED = re.compile(rf"(?:{NEGATION.pattern})((?:\W+\w+){{1,{NEGATED_SPAN}}})", re.IGNORECASE)
# A sentence reporting a question put to someone ("a reporter asked Biden if he was worried").
REPORTED_QUESTION = re.compile(r"\basked\b(?:\W+\w+){0,4}?\W+(?:if|whether)\b", re.IGNORECASE)
_ASKS = re.compile(rf"\?\W*$|{REPORTED_QUESTION.pattern}", re.IGNORECASE)


class TermCounts:
    """How often each term occurs (`get`, `in`), by corpus vocabulary id: a lookup binary-searches the sorted ids
    and keeps its answer, as most articles of a large corpus meet one question (a dozen terms), not a whole dict."""

    HOT = 64  # distinct terms looked up (an article many questions reach) before a dict of all its ids is made
    __slots__ = ("_counts", "_found", "_ids", "_keys", "_table")

    def __init__(self, ids: dict[str, int], keys: np.ndarray, counts: np.ndarray) -> None:
        order = np.argsort(keys)
        self._ids, self._keys, self._counts = ids, keys[order], counts[order]
        self._found: dict[str, int] = {}
        self._table: dict[int, int] | None = None

    def get(self, term: str, default: int | None = None) -> int | None:
        """The term's count, `default` when it does not occur (as dict.get)."""
        if self._table is not None:
            return self._table.get(self._ids.get(term, -1), default)
        found = self._found.get(term)
        if found is None:
            key = self._ids.get(term, -1)
            at = int(self._keys.searchsorted(key))
            found = int(self._counts[at]) if at < len(self._keys) and self._keys[at] == key else 0
            self._found[term] = found
            if len(self._found) >= self.HOT:
                self._table = dict(zip(self._keys.tolist(), self._counts.tolist(), strict=True))
        return found or default

    def __contains__(self, term: str) -> bool:
        if self._table is not None:
            return self._ids.get(term, -1) in self._table
        return self.get(term, 0) > 0


@dataclass(frozen=True)
class ArticleStats:
    """Document frequencies of stems over one article's answerable sentences, for IDF weights."""

    df: TermCounts
    n: int
    avg_length: float
    prefixes: TermCounts  # the stems' PREFIX-letter beginnings (counts of no meaning: membership only)
    cdf: TermCounts  # document frequencies of lexicon concepts

    @classmethod
    def of(cls, found: ArticleTerms, ids: dict[str, int], corpus_ids: np.ndarray) -> ArticleStats:
        """From the statistics stored with the article's terms (`corpus_ids`: its vocabulary's ids in `ids`)."""

        def counts(local: np.ndarray, values: np.ndarray) -> TermCounts:
            return TermCounts(ids, corpus_ids[local], values)

        n = found.answerable
        prefixes = counts(found.prefix_ids, np.ones(len(found.prefix_ids), dtype=np.int32))
        return cls(
            counts(found.df_ids, found.df_counts),
            n,
            found.total_length / max(n, 1),
            prefixes,
            counts(found.cdf_ids, found.cdf_counts),
        )

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
    """SentenceInfo per corpus row and ArticleStats per article of one corpus, derived on first use and kept."""

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = weakref.proxy(corpus)  # the table lives as long as its corpus, not the other way round
        self._info: dict[int, SentenceInfo] = {}
        self._stats: dict[int, ArticleStats] = {}
        self._paragraphs: dict[tuple[int, int], frozenset[str]] = {}
        self._neighbours: dict[int, tuple[int, int]] = {}
        self._names: dict[int, frozenset[str]] = {}
        self._batch: tuple[bytes, Batch] | None = None  # the last candidate set: a small corpus has the same each time

    def batch(self, rows: np.ndarray) -> Batch:
        """The question-independent arrays of a candidate set; the last one is kept for the next question."""
        key = rows.astype(np.int64).tobytes()
        kept = self._batch  # read once: another thread may replace it between a check and a second read
        if kept is None or kept[0] != key:
            kept = self._batch = (key, Batch.of(self, rows))
        return kept[1]

    def ids(self, keys: list[str]) -> np.ndarray:
        """Corpus vocabulary ids of keys (stems, concepts or prefixes: one vocabulary, each Batch array holds one
        kind only); -1 for keys the corpus lacks."""
        vocab = self._corpus.vocabulary.ids
        return np.array([vocab.get(k, -1) for k in keys], dtype=np.int64)

    def info(self, row: int) -> SentenceInfo:
        found = self._info.get(row)
        if found is None:
            found = _keep(self._info, row, _sentence_info(self._corpus.sentence(row), self._corpus.terms(row)))
        return found

    def neighbours(self, row: int) -> tuple[int, int]:
        """Previous and next answerable row of the same article (-1 where there is none), cached."""
        found = self._neighbours.get(row)
        if found is None:
            found = _keep(self._neighbours, row, _neighbour_pair(self._corpus, row))
        return found

    def paragraph_stems(self, row: int) -> frozenset[str]:
        """Stems of every sentence in the row's body paragraph (the row's own outside body paragraphs)."""
        sentence = self._corpus.sentence(row)
        if sentence.paragraph <= 0:
            return self._corpus.terms(row).stems
        key = (self._corpus.rows[row].article, sentence.paragraph)
        found = self._paragraphs.get(key)
        if found is None:
            document = self._corpus.articles[key[0]].document
            same = [i for i, s in enumerate(document.sentences) if s.paragraph == sentence.paragraph]
            found = _keep(self._paragraphs, key, self._corpus.article_terms(key[0]).stem_union(same))
        return found

    def names(self, article: int) -> frozenset[str]:
        """Words the article writes only capitalised, and somewhere not opening a sentence (lower case): its names,
        to read a question typed all in lower case ("what did kim jong un say")."""
        found = self._names.get(article)
        if found is None:
            capital, lower = set(), set()
            prose = (s for s in self._corpus.articles[article].document.sentences if s.kind in _PROSE)
            for sentence in prose:  # headlines and link lines capitalise every word
                text, end, previous = sentence.text, 0, ""
                for m in _WORD.finditer(text):
                    word = m.group(0)
                    before = text[end : m.start()].rstrip()[-1:] or previous[-1:]  # the last mark before the word
                    if word[:1].islower():
                        lower.add(word)
                    elif len(word) > 1 and before not in _OPENERS:
                        capital.add(lexicon.without_possessive(word.lower()))
                    end, previous = m.end(), word
            found = _keep(self._names, article, frozenset(capital - lower))
        return found

    def names_in(self, articles: np.ndarray) -> frozenset[str]:
        """The names of every one of these articles."""
        return frozenset().union(*(self.names(int(a)) for a in articles))

    def stats(self, article: int) -> ArticleStats:
        found = self._stats.get(article)
        if found is None:
            vocabulary = self._corpus.vocabulary
            terms_of = self._corpus.article_terms(article)
            found = _keep(self._stats, article, ArticleStats.of(terms_of, vocabulary.ids, vocabulary.maps[article]))
        return found


@dataclass(frozen=True)
class Flat:
    """Vocabulary ids of many rows in one array, with the owning row (a position) and the value of each."""

    ids: np.ndarray
    owner: np.ndarray
    values: np.ndarray

    @classmethod
    def of(cls, ids: list[np.ndarray], counted: bool = True) -> Flat:
        """From each row's ids (repeats allowed): one entry per row and distinct id, valued by its count (or 1)."""
        sizes = [len(a) for a in ids]
        flat = np.concatenate(ids).astype(np.int64) if ids else np.zeros(0, dtype=np.int64)
        keys, counts = np.unique(np.repeat(np.arange(len(ids), dtype=np.int64), sizes) << 32 | flat, return_counts=True)
        values = counts.astype(np.float64) if counted else np.ones(len(keys))
        return cls(keys & 0xFFFFFFFF, keys >> 32, values)

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
        infos = [tab.info(r) for r in row_list]
        corpus = tab._corpus
        stems, concepts, prefixes = zip(*(corpus.term_ids(r) for r in every), strict=True) if every else ((), (), ())
        articles = corpus.article_of[row_list].tolist()
        paragraph = [corpus.sentence(r).paragraph for r in row_list]
        prev = np.array([at[p] if p >= 0 else -1 for p, _ in neighbours], dtype=np.int64)
        paragraph_of = {r: p for r, p in zip(row_list, paragraph, strict=True)}
        paragraph_of.update((r, corpus.sentence(r).paragraph) for r in extra)
        groups: dict[tuple[int, int], int] = {}
        which, group_rows = [], []
        for a, p, r in zip(articles, paragraph, row_list, strict=True):
            key = (a, p) if p > 0 else (-1, r)
            if key not in groups:
                groups[key] = len(groups)
                group_rows.append(r)
            which.append(groups[key])
        static = [
            (
                info.log_length,
                info.kind == model.TITLE,
                info.kind == model.STANDFIRST,
                info.negated,
                info.attributed,
                p < 0 or paragraph_of[every[p]] != para,
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
            Flat.of(list(stems)),
            Flat.of(list(concepts)),
            Flat.of(list(prefixes), counted=False),
            articles,
            np.array(paragraph, dtype=np.int64),
            np.array(which, dtype=np.int64),
            [tab.paragraph_stems(r) for r in group_rows],
            np.array(static, dtype=np.float64).reshape(len(row_list), 6),
            np.array([info.length for info in infos], dtype=np.float64),
            np.array([len(info.stems) for info in infos], dtype=np.float64),
        )


def _keep(cache: dict, key, value):
    """Store value under key (starting the cache over once it holds CACHE_LIMIT entries) and return it."""
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    cache[key] = value
    return value


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
    speaker = " ".join(x for x in (who.speaker, who.title) if x)
    speaker_terms = frozenset(terms.stems(speaker)) | frozenset(lexicon.concepts(speaker)) if speaker else frozenset()
    return SentenceInfo(
        stems=base.stems,
        length=len(seq),
        bigrams=frozenset(terms.bigrams(seq)),
        log_length=math.log1p(len(seq)),
        kind=sentence.kind,
        speaker_terms=speaker_terms,
        negated=bool(NEGATION.search(sentence.text)),
        asks=bool(_ASKS.search(sentence.text)),
        attributed=bool(who.speaker) and who.kind != model.ARTICLE_VOICE,
        text=sentence.text,
        speaker=who.speaker,
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
