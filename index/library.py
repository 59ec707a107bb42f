"""The set of indexed articles a deployment answers from, keyed by path, and the Corpus built over them."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from index import model
from index.build import article_files, index_article
from index.corpus import Corpus
from index.embed import Embedder
from index.store import IndexedArticle

log = logging.getLogger(__name__)


class Library:
    """Indexed articles by path; the corpus is rebuilt whenever an article is added, changed or removed."""

    def __init__(self, paths: Iterable[str | Path], embedder: Embedder) -> None:
        self.embedder = embedder
        self._items: list[IndexedArticle] = [index_article(f, embedder) for f in article_files(paths)]
        self._rebuild()

    def _rebuild(self) -> None:
        self.corpus = Corpus(self._items, self.embedder.dim)
        self._by_path = {item.document.meta.path: i for i, item in enumerate(self._items)}

    @property
    def items(self) -> list[IndexedArticle]:
        return self._items

    @property
    def articles(self) -> list[model.ArticleMeta]:
        return [item.document.meta for item in self._items]

    def add(self, path: str | Path) -> model.ArticleMeta:
        """Index one more article (or re-index a changed one) and make it answerable."""
        item = index_article(path, self.embedder)
        key = item.document.meta.path
        if key in self._by_path:
            self._items[self._by_path[key]] = item
        else:
            self._items.append(item)
        self._rebuild()
        return item.document.meta

    def position(self, path: str | Path) -> int:
        """Position of an article in the corpus, indexing it first if it is new."""
        key = str(path)
        if key not in self._by_path:
            self.add(path)
        return self._by_path[key]
