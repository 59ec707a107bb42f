"""Index article files: reuse the cache entry when it is fresh, rebuild it when missing, stale or corrupt."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from index import ingest, store
from index.document import document_from_text
from index.embed import Embedder

log = logging.getLogger(__name__)


def article_files(paths: Iterable[str | Path]) -> list[Path]:
    """The article files named, with directories expanded to the articles inside them (sorted)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ingest.ARTICLE_SUFFIXES)
            )
        else:
            files.append(path)
    return files


def index_article(path: str | Path, embedder: Embedder) -> store.IndexedArticle:
    """The indexed article for a file, from the cache when its content is unchanged."""
    path = Path(path)
    data = ingest.read_bytes(path)
    digest = ingest.content_hash(data)
    try:
        cached = store.load(digest, embedder.name, str(path))
    except store.CorruptIndexError as exc:
        log.warning("rebuilding damaged index for %s: %s", path, exc)
        cached = None
    if cached is not None:
        return cached
    text, warnings = ingest.decode(data, str(path))
    document = document_from_text(text, str(path), digest, warnings)
    item = store.embed_document(document, embedder)
    store.save(item, embedder.name)
    log.info("indexed %s: %d sentences", path, len(document.sentences))
    return item
