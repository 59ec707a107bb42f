"""The set of indexed articles a deployment answers from, keyed by path, and the Corpus built over them."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from index import model, prune, store
from index.build import Problem, article_files, index_article, index_files
from index.corpus import Corpus
from index.embed import Embedder
from index.store import IndexedArticle

log = logging.getLogger(__name__)

__all__ = ["Changes", "Library", "Problem"]


@dataclass(frozen=True)
class Changes:
    """What a refresh did: paths added, re-indexed because their bytes changed, and dropped."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


class Library:
    """Indexed articles by path, read from source files and folders; articles that fail are skipped and listed.

    The corpus is rebuilt whenever an article is added, changed or removed; unchanged articles are never
    re-embedded (their cache entries are keyed by content), a large corpus's IVF index is updated from the
    saved one rather than retrained (index/dense_update.py) and its BM25 index from the previous corpus's. Opening a library touches its cache entries and
    prunes entries nobody has used for ARTICLE_QA_CACHE_PRUNE_DAYS days (at most once a day, index.prune).
    """

    def __init__(self, paths: Iterable[str | Path], embedder: Embedder, tick: Callable[[], None] | None = None) -> None:
        self.embedder = embedder
        self.sources: list[Path] = [Path(p) for p in paths]
        self.problems: list[Problem] = []
        self._by_key: dict[str, IndexedArticle] = {}
        self._lock = threading.RLock()  # one change at a time (e.g. the bot's worker threads); reads take none
        self._rebuild()
        self.refresh(tick)
        prune.auto_prune(self._entries(self._items))

    def files(self) -> list[Path]:
        """The article files the sources name now (folders expanded)."""
        return article_files(self.sources)

    def refresh(self, tick: Callable[[], None] | None = None) -> Changes:
        """Bring the library up to date with its sources: new files indexed, changed re-indexed, gone dropped."""
        with self._lock:
            files = self.files()
            items, problems = index_files(files, self.embedder, self._by_key, tick)
            for source in self.sources:
                if source.is_dir() and not any(f.is_relative_to(source) for f in files):
                    problems.append(Problem(str(source), f"{source}: no .txt, .md or .html articles in this folder"))
            old = self._by_key
            changes = Changes(
                added=tuple(k for k in items if k not in old),
                changed=tuple(k for k in items if k in old and items[k] is not old[k]),
                removed=tuple(k for k in old if k not in items),
            )
            self.problems = problems
            if changes:
                prune.touch(self._entries(items[k] for k in (*changes.added, *changes.changed)))
                self._by_key = items
                self._rebuild()
                log.info(
                    "library: %d added, %d changed, %d removed",
                    *map(len, (changes.added, changes.changed, changes.removed)),
                )
            return changes

    def _entries(self, items: Iterable[IndexedArticle]) -> list[Path]:
        """The cache entries of these articles (touched when used, so pruning leaves them)."""
        return [store.entry_path(item.document.meta.content_hash, self.embedder.name) for item in items]

    def _rebuild(self) -> None:
        self._items = list(self._by_key.values())
        self.corpus = Corpus(self._items, self.embedder.dim, previous=getattr(self, "corpus", None))
        self._by_path = {key: i for i, key in enumerate(self._by_key)}

    @property
    def items(self) -> list[IndexedArticle]:
        return self._items

    @property
    def articles(self) -> list[model.ArticleMeta]:
        return [item.document.meta for item in self._items]

    def add(self, path: str | Path) -> model.ArticleMeta:
        """Index one more article (or re-index a changed one) and make it answerable; ArticleError if it can't be."""
        with self._lock:
            item = index_article(path, self.embedder)
            key = item.document.meta.path
            if not self._covered(Path(key)):
                self.sources.append(Path(key))
            self._by_key[key] = item
            prune.touch(self._entries([item]))
            self.problems = [p for p in self.problems if p.path != key]
            self._rebuild()
            return item.document.meta

    def remove(self, path: str | Path) -> bool:
        """Stop answering from an article: dropped from the corpus and from the sources (a file still in a
        source folder comes back on the next refresh). False when it was not in the library."""
        with self._lock:
            key = str(Path(path))
            self.sources = [s for s in self.sources if s != Path(key)]
            if key not in self._by_key:
                return False
            del self._by_key[key]
            self._rebuild()
            return True

    def _covered(self, path: Path) -> bool:
        """Whether a refresh would find this file through the sources."""
        return any(path == s or (s.is_dir() and path.is_relative_to(s)) for s in self.sources)

    def position(self, path: str | Path) -> int:
        """Position of an article in the corpus, indexing it first if it is new."""
        with self._lock:
            key = str(Path(path))
            if key not in self._by_path:
                self.add(path)
            return self._by_path[key]
