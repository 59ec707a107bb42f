"""Index article files: reuse the cache entry when it is fresh, rebuild it when missing, stale or corrupt."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from filelock import Timeout

from index import ingest, model, store
from index.cache import cache_dir
from index.document import document_from_bytes
from index.embed import Embedder

log = logging.getLogger(__name__)

# Sentences embedded in one call when many articles are indexed together.
EMBED_BATCH_SENTENCES = 512


@dataclass(frozen=True)
class Problem:
    """An article that could not be indexed and why, in words for the user."""

    path: str
    message: str


def article_files(paths: Iterable[str | Path]) -> list[Path]:
    """The article files named, with directories expanded to the articles inside them (sorted; hidden files and
    folders such as .git or macOS's ._ copies skipped)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix.lower() in ingest.ARTICLE_SUFFIXES
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                    and p.is_file()
                )
            )
        else:
            files.append(path)
    return files


def cached(path: str, digest: str, embedder: Embedder) -> store.IndexedArticle | None:
    """The cache entry of these bytes, None when missing; a damaged entry is reported in one line and ignored."""
    try:
        return store.load(digest, embedder.name, path)
    except store.CorruptIndexError as exc:
        log.warning("rebuilding damaged index for %s: %s", path, exc)
        return None


def index_article(path: str | Path, embedder: Embedder) -> store.IndexedArticle:
    """The indexed article for a file, from the cache when its content is unchanged."""
    path = Path(path)
    data = ingest.read_bytes(path)
    digest = ingest.content_hash(data)
    item = cached(str(path), digest, embedder)
    if item is not None:
        return item
    document = document_from_bytes(data, str(path), digest)
    item = store.embed_document(document, embedder)
    _save(item, embedder)
    log.info("indexed %s: %d sentences", path, len(document.sentences))
    return item


def _save(item: store.IndexedArticle, embedder: Embedder) -> None:
    """Keep the entry for next time; a cache that can't be written costs speed later, never this answer."""
    try:
        store.save(item, embedder.name)
    except (OSError, Timeout) as exc:
        _warn_unwritable(str(cache_dir()), getattr(exc, "strerror", None) or type(exc).__name__)


@lru_cache(maxsize=16)
def _warn_unwritable(folder: str, reason: str) -> None:
    """Said once per cache folder and reason, not once per article."""
    log.warning("could not write the index cache in %s (%s); articles are indexed in memory only", folder, reason)


def index_files(
    files: list[Path],
    embedder: Embedder,
    known: dict[str, store.IndexedArticle] | None = None,
    tick: Callable[[], None] | None = None,
) -> tuple[dict[str, store.IndexedArticle], list[Problem]]:
    """Index many files, embedding new articles in shared batches; bad files become Problems, never errors.

    `known` maps paths to articles indexed before: one whose bytes are unchanged is kept as it is.
    """
    known = known or {}
    done: dict[str, store.IndexedArticle] = {}
    problems: list[Problem] = []
    pending: list[model.Document] = []

    def flush() -> None:
        try:
            items = store.embed_documents(pending, embedder)
        except Exception:  # find the article the embedder chokes on; the batch's others still get indexed
            items = []
            for document in pending:
                try:
                    items.append(store.embed_document(document, embedder))
                except Exception as exc:
                    path = document.meta.path
                    problems.append(_skip(path, f"{path}: could not be embedded ({type(exc).__name__}: {exc})"))
        for item in items:
            _save(item, embedder)
            done[item.document.meta.path] = item
            log.info("indexed %s: %d sentences", item.document.meta.path, len(item.document.sentences))
        pending.clear()

    for file in files:
        path = str(file)
        try:
            data = ingest.read_bytes(file)
            digest = ingest.content_hash(data)
            old = known.get(path)
            item = old if old is not None and old.document.meta.content_hash == digest else None
            item = item or cached(path, digest, embedder)
            if item is not None:
                done[path] = item
            else:
                pending.append(document_from_bytes(data, path, digest))
        except ingest.ArticleError as exc:
            problems.append(_skip(path, str(exc)))
        except Exception as exc:  # one article that breaks the pipeline must not stop the corpus
            log.debug("failed to index %s", path, exc_info=True)
            problems.append(_skip(path, f"{path}: could not be indexed ({type(exc).__name__}: {exc})"))
        if len(pending) >= EMBED_BATCH_SENTENCES or sum(len(d.sentences) for d in pending) >= EMBED_BATCH_SENTENCES:
            flush()
        if tick:
            tick()
    flush()
    order = {str(f): i for i, f in enumerate(files)}
    return dict(sorted(done.items(), key=lambda kv: order[kv[0]])), problems


def _skip(path: str, message: str) -> Problem:
    log.warning("skipped %s", message)
    return Problem(path, message)
