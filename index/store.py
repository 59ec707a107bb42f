"""Persist one article's sentences and FAISS vectors in the cache, keyed by content, model and pipeline."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from index import cache, model
from index.embed import Embedder

log = logging.getLogger(__name__)

# Bump when segmentation, attribution or embedded text change: old cache entries then go stale.
PIPELINE_VERSION = "1"


@dataclass
class IndexedArticle:
    """A document with one unit vector per sentence (row i belongs to sentences[i])."""

    document: model.Document
    vectors: np.ndarray


class CorruptIndexError(Exception):
    """A cache entry that fails its checksum or cannot be parsed."""


def entry_key(content_hash: str, embedder_name: str) -> str:
    """Cache key of an article: changes when its bytes, the model or the pipeline change."""
    return cache.sha256(f"{content_hash}|{embedder_name}|{PIPELINE_VERSION}".encode())[:32]


def entry_dir(content_hash: str, embedder_name: str) -> Path:
    return cache.cache_dir() / "articles" / entry_key(content_hash, embedder_name)


def save(item: IndexedArticle, embedder_name: str) -> Path:
    """Write the vectors then the metadata (which names the vectors' checksum) atomically."""
    folder = entry_dir(item.document.meta.content_hash, embedder_name)
    index = faiss.IndexFlatIP(item.vectors.shape[1])
    index.add(item.vectors)
    vector_bytes = faiss.serialize_index(index).tobytes()
    cache.atomic_write(folder / "vectors.faiss", vector_bytes)
    meta = {
        "pipeline": PIPELINE_VERSION,
        "embedder": embedder_name,
        "vectors_sha256": cache.sha256(vector_bytes),
        "article": item.document.meta.to_dict(),
        "text": item.document.text,
        "warnings": item.document.warnings,
        "sentences": [s.to_dict() for s in item.document.sentences],
    }
    cache.atomic_write(folder / "meta.json", json.dumps(meta, ensure_ascii=False).encode())
    return folder


def load(content_hash: str, embedder_name: str, path: str) -> IndexedArticle | None:
    """The cached entry, None when there is none; CorruptIndexError when it is damaged."""
    folder = entry_dir(content_hash, embedder_name)
    meta_path = folder / "meta.json"
    if not meta_path.exists():
        return None
    try:
        meta = json.loads(meta_path.read_bytes())
        vector_bytes = (folder / "vectors.faiss").read_bytes()
        if cache.sha256(vector_bytes) != meta["vectors_sha256"]:
            raise CorruptIndexError(f"{folder}: vectors fail their checksum")
        index = faiss.deserialize_index(np.frombuffer(vector_bytes, dtype=np.uint8))
        vectors = index.reconstruct_n(0, index.ntotal) if index.ntotal else np.zeros((0, index.d), np.float32)
        article = model.ArticleMeta.from_dict({**meta["article"], "path": path})
        sentences = [model.Sentence.from_dict(s) for s in meta["sentences"]]
    except CorruptIndexError:
        raise
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
        raise CorruptIndexError(f"{folder}: unreadable cache entry ({exc})") from exc
    if len(sentences) != len(vectors):
        raise CorruptIndexError(f"{folder}: {len(sentences)} sentences but {len(vectors)} vectors")
    document = model.Document(meta=article, text=meta["text"], sentences=sentences, warnings=meta["warnings"])
    return IndexedArticle(document, np.ascontiguousarray(vectors, dtype=np.float32))


def embed_document(document: model.Document, embedder: Embedder) -> IndexedArticle:
    """Embed every sentence of a document."""
    vectors = embedder.encode([s.text for s in document.sentences])
    return IndexedArticle(document, vectors.reshape(len(document.sentences), embedder.dim))
