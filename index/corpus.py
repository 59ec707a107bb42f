"""Many indexed articles as one searchable collection: dense search and BM25 over all their sentences."""

from __future__ import annotations

import contextlib
import gc
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
    """Sentences of all articles in one row space; row i is rows[i]."""

    def __init__(self, articles: list[IndexedArticle], dim: int) -> None:
        with _collector_paused():
            self._build(articles, dim)

    def _build(self, articles: list[IndexedArticle], dim: int) -> None:
        self.articles = articles
        self.dim = dim
        self.rows = [Row(a, s) for a, item in enumerate(articles) for s in range(len(item.document.sentences))]
        vectors = [item.vectors for item in articles if len(item.vectors)]
        matrix = np.vstack(vectors) if vectors else np.zeros((0, dim), dtype=np.float32)
        self.vectors = np.ascontiguousarray(matrix, dtype=np.float32)
        self._share_rows()
        self.dense = DenseIndex(
            self.vectors,
            [item.document.meta.content_hash for item in articles],
            sizes=[len(item.vectors) for item in articles],
        )
        self.lexical = Bm25Index([self.sentence(i).text for i in range(len(self.rows))])
        self.article_rows = self._article_rows()
        sizes = [len(item.document.sentences) for item in articles]
        self.article_of = np.repeat(np.arange(len(articles), dtype=np.int32), sizes)  # rows[i].article, as an array
        self.vocabulary = CorpusVocabulary([item.terms for item in articles])

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
