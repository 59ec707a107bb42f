"""Many indexed articles as one searchable collection: dense search and BM25 over all their sentences."""

from __future__ import annotations

import contextlib
import gc
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from index import model
from index.analysis import ArticleTerms, CorpusVocabulary, SentenceTerms
from index.dense import DenseIndex
from index.lexical import Bm25Index
from index.store import IndexedArticle


@dataclass(frozen=True, slots=True)
class Row:
    """Where a row of the corpus index comes from."""

    article: int  # position in Corpus.articles
    sentence: int  # position in that article's sentences


class _Matrix:
    """The corpus's vectors with spare rows after them: a corpus whose articles are its predecessor's plus some
    appended writes only theirs after the predecessor's rows instead of copying them all (3 s and a second
    1.5 GB copy at 1e6 sentences). Spare rows are never touched until used, so they take address space only."""

    def __init__(self, rows: int, dim: int) -> None:
        self.data = np.empty((rows, dim), dtype=np.float32)
        self.used = 0  # rows written; the latest corpus on this matrix has them all

    @classmethod
    def of(cls, articles: list[IndexedArticle], dim: int) -> _Matrix:
        """A new matrix with these articles' vectors, in order, and room for about an eighth more."""
        n = sum(len(item.vectors) for item in articles)
        matrix = cls(n + max(n // 8, 1024), dim)
        matrix._append(articles)
        return matrix

    @classmethod
    def appended(cls, previous: Corpus, articles: list[IndexedArticle]) -> _Matrix | None:
        """The previous corpus's matrix with the articles after its own appended; None unless the articles start
        with exactly its articles, it is the latest corpus on its matrix and the rest fit."""
        matrix, known = previous._matrix, previous.articles
        if matrix.used != len(previous.vectors) or not _extends(previous, articles):
            return None
        if matrix.used + sum(len(item.vectors) for item in articles[len(known) :]) > len(matrix.data):
            return None
        matrix._append(articles[len(known) :])  # rows the previous corpus's readers never look at
        return matrix

    def _append(self, articles: list[IndexedArticle]) -> None:
        for item in articles:
            self.data[self.used : self.used + len(item.vectors)] = item.vectors
            self.used += len(item.vectors)


def _extends(previous: Corpus, articles: list[IndexedArticle]) -> bool:
    """Whether these articles are the previous corpus's, in order, and maybe more after them."""
    known = previous.articles
    return len(articles) >= len(known) and all(a is b for a, b in zip(known, articles, strict=False))


def _rows(articles: list[IndexedArticle], previous: Corpus | None) -> list[Row]:
    """The Row of every sentence; articles appended to a previous corpus reuse its Rows (1e6 new took 0.4 s)."""
    known = len(previous.articles) if previous is not None and _extends(previous, articles) else 0
    head = previous.rows if known else []
    return head + [Row(a, s) for a in range(known, len(articles)) for s in range(len(articles[a].document.sentences))]


def _carried(previous: Corpus, articles: list[IndexedArticle]) -> np.ndarray | None:
    """Position in `previous` of each of these articles (-1: new to it); None when none is kept or those kept are
    not in their old order (the corpus is then built afresh)."""
    where = {id(item): a for a, item in enumerate(previous.articles)}
    old = np.array([where.get(id(item), -1) for item in articles], dtype=np.int64)
    kept = old[old >= 0]
    if not len(kept) or np.any(np.diff(kept) <= 0):
        return None
    return old


def _row_map(previous: Corpus, old: np.ndarray, article_of: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Where each row of `previous` is in the new corpus (-1: its article is gone); `old` as from _carried,
    `article_of` and `starts` the new corpus's article of each row and first row of each article."""
    old_start = _first_rows(previous.article_rows)
    moved = old[article_of] >= 0
    new_rows = np.flatnonzero(moved)
    shift = (old_start[old] - starts)[article_of[moved]]  # old row - new row, per row of an article kept
    row_map = np.full(len(previous.rows), -1, dtype=np.int32)  # as the BM25 index's rows
    row_map[new_rows + shift] = new_rows
    return row_map


def _first_rows(article_rows: list[np.ndarray]) -> np.ndarray:
    """Each article's first row (0 for an article without sentences)."""
    return np.array([int(rows[0]) if len(rows) else 0 for rows in article_rows], dtype=np.int64)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a corpus is built: a full pass scans every live object (about 3 s
    among the objects of 1e6 sentences: making the rows took 2.9 s with it, 0.25 s without), and the 1e6 new rows
    can set one or two off. Rebuilding a 1e6-sentence corpus after a change, one run: 21.1 s with it, 17.3 and
    20.5 s paused. Nothing built here is cyclic garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Corpus:
    """Sentences of all articles in one row space; row i is rows[i].

    Built from `previous` (the corpus before a change, left as it was), the BM25 index only tokenizes the
    sentences of articles new to it and keeps the rest (index.lexical.Bm25Index.updated: same scores as a fresh
    build), the term vocabulary only adds the new articles' terms and appended articles' vectors are written
    after the previous rows (_Matrix); at 1e6 sentences a rebuild from scratch spent most of an added article's
    time on those three.
    """

    def __init__(self, articles: list[IndexedArticle], dim: int, previous: Corpus | None = None) -> None:
        with _collector_paused():
            self._build(articles, dim, previous)

    def _build(self, articles: list[IndexedArticle], dim: int, previous: Corpus | None) -> None:
        self.articles = articles
        self.dim = dim
        self.rows = _rows(articles, previous)
        self._matrix = _Matrix.appended(previous, articles) if previous is not None else None
        self._matrix = self._matrix or _Matrix.of(articles, dim)
        self.vectors = self._matrix.data[: self._matrix.used]
        self._share_rows()
        self.dense = DenseIndex(
            self.vectors,
            [item.document.meta.content_hash for item in articles],
            sizes=[len(item.vectors) for item in articles],
        )
        self.article_rows = self._article_rows()
        sizes = [len(item.document.sentences) for item in articles]
        self.article_of = np.repeat(np.arange(len(articles), dtype=np.int32), sizes)  # rows[i].article, as an array
        old = _carried(previous, articles) if previous is not None else None
        if old is None:
            self.lexical = Bm25Index([self.sentence(i).text for i in range(len(self.rows))])
            self.vocabulary = CorpusVocabulary([item.terms for item in articles])
            self._stale_terms = 0
            return
        row_map = _row_map(previous, old, self.article_of, _first_rows(self.article_rows))
        new_rows = np.flatnonzero(old[self.article_of] < 0)
        texts = [self.sentence(int(i)).text for i in new_rows]
        self.lexical = Bm25Index.updated(previous.lexical, row_map, new_rows, texts)
        self._extend_vocabulary(previous, old)

    def _extend_vocabulary(self, previous: Corpus, old: np.ndarray) -> None:
        """The previous corpus's vocabulary with the new articles' terms added: ids only need to be unique, so those
        known keep theirs. Terms of removed articles stay until they may be half of it, then it is made afresh."""
        gone = np.setdiff1d(np.arange(len(previous.articles)), old)
        self._stale_terms = previous._stale_terms + sum(len(previous.articles[j].terms.vocab) for j in gone.tolist())
        if 2 * self._stale_terms > len(previous.vocabulary.ids):
            self.vocabulary = CorpusVocabulary([item.terms for item in self.articles])
            self._stale_terms = 0
            return
        self.vocabulary = CorpusVocabulary([])
        ids = self.vocabulary.ids = dict(previous.vocabulary.ids)
        fresh = itertools.count(max(ids.values(), default=-1) + 1)
        self.vocabulary.maps = [
            previous.vocabulary.maps[j]
            if j >= 0
            else np.fromiter(map(ids.setdefault, item.terms.vocab, fresh), dtype=np.int64, count=len(item.terms.vocab))
            for j, item in zip(old.tolist(), self.articles, strict=True)
        ]

    def _share_rows(self) -> None:
        """Point each article's vectors at its rows of the corpus matrix, so the vectors are held once, not twice."""
        start = 0
        for item in self.articles:
            n = len(item.vectors)
            item.vectors = self.vectors[start : start + n]
            start += n

    def _article_rows(self) -> list[np.ndarray]:
        bounds = np.cumsum([0] + [len(item.document.sentences) for item in self.articles])
        return [np.arange(bounds[i], bounds[i + 1]) for i in range(len(self.articles))]

    def sentence(self, row: int) -> model.Sentence:
        r = self.rows[row]
        return self.articles[r.article].document.sentences[r.sentence]

    def terms(self, row: int) -> SentenceTerms:
        """The row's stems and lexicon concepts, as analysed when its article was indexed."""
        r = self.rows[row]
        return self.articles[r.article].terms.sentence(r.sentence)

    def article_terms(self, article: int) -> ArticleTerms:
        """Term analysis and statistics of one article (position in `articles`)."""
        return self.articles[article].terms

    def term_ids(self, row: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The row's stems (in order), concepts (with repeats) and its stems' prefixes as corpus vocabulary ids."""
        r = self.rows[row]
        found, ids = self.articles[r.article].terms, self.vocabulary.maps[r.article]
        stems = found.stem_ids[found.stem_ptr[r.sentence] : found.stem_ptr[r.sentence + 1]]
        concepts = found.concept_ids[found.concept_ptr[r.sentence] : found.concept_ptr[r.sentence + 1]]
        prefixes = found.prefix_of[stems]
        return ids[stems], ids[concepts], ids[prefixes[prefixes >= 0]]

    def pieces(self, row: int) -> np.ndarray:
        """The row's content word pieces as packed sign bits (index/tokens.py), (pieces, PACKED) uint8."""
        r = self.rows[row]
        return self.articles[r.article].pieces.sentence(r.sentence)

    def meta(self, row: int) -> model.ArticleMeta:
        return self.articles[self.rows[row].article].document.meta

    def document(self, row: int) -> model.Document:
        return self.articles[self.rows[row].article].document

    def dense_topk(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k rows most similar to the query over the whole corpus, best first, with their cosines."""
        return self.dense.topk(query, k)

    def cosine(self, query: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """Exact cosine of the query with the rows given (all rows when None)."""
        if rows is None:
            return self.vectors @ query
        return self.vectors[rows] @ query
