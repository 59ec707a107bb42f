"""Persist one article's sentences and vectors in the cache, keyed by content, model and pipeline.

An entry is ONE file, written atomically (temporary file + rename), so a reader sees the old entry or the
new one, never a mix: a `sha256:<hex>` line (checksum of the rest, so truncation or damage is detected),
one line of JSON (article, text, sentences, the terms' vocabulary), then the float32 vectors, the word pieces' sign
bits (index/tokens.py) and the int32 term arrays (index/analysis.py: each sentence's stems and concepts and the
article's document frequencies). Writers hold the cache's writer lock
(filelock) so two processes never write at once; readers take no lock.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index import cache, model, passage
from index.analysis import ArticleTerms
from index.embed import Embedder
from index.tokens import TokenBits

log = logging.getLogger(__name__)

# The modules whose code decides what an entry holds (reading, segmentation, attribution, embedded text and word
# pieces, terms):
# any change to them makes old entries stale by itself, so there is no version number to forget to bump.
_PIPELINE_MODULES = (
    "ingest",
    "html",
    "layout",
    "site",
    "segment",
    "quotes",
    "speakers",
    "attribute",
    "document",
    "markup",
    "model",
    "passage",
    "embed",
    "lexical",
    "terms",
    "tokens",
    "lexicon",
    "analysis",
)


def _pipeline_fingerprint() -> str:
    """sha256 (16 hex digits) over the source of the pipeline modules."""
    here = Path(__file__).resolve().parent
    return cache.sha256(b"".join((here / f"{name}.py").read_bytes() for name in _PIPELINE_MODULES))[:16]


PIPELINE_VERSION = _pipeline_fingerprint()
# Bump when the layout of an entry on disk changes (entries of another format are never read: a new folder).
STORE_FORMAT = "4"
_CHECKSUM_PREFIX = b"sha256:"


@dataclass
class IndexedArticle:
    """A document with one unit vector, its content word pieces' sign bits and one term analysis per sentence (row i
    belongs to sentences[i]).

    The analysis is worked out here when not given (a freshly indexed document).
    """

    document: model.Document
    vectors: np.ndarray
    pieces: TokenBits
    terms: ArticleTerms = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.terms is None:
            self.terms = ArticleTerms.of(self.document)


class CorruptIndexError(Exception):
    """A cache entry that fails its checksum or cannot be parsed."""


def entry_key(content_hash: str, embedder_name: str) -> str:
    """Cache key of an article: changes when its bytes, the model or the pipeline change."""
    return cache.sha256(f"{content_hash}|{embedder_name}|{PIPELINE_VERSION}".encode())[:32]


def entry_path(content_hash: str, embedder_name: str) -> Path:
    return cache.cache_dir() / f"articles-v{STORE_FORMAT}" / f"{entry_key(content_hash, embedder_name)}.entry"


def with_checksum(payload: bytes) -> bytes:
    """payload preceded by a `sha256:<hex>` line."""
    return _CHECKSUM_PREFIX + cache.sha256(payload).encode() + b"\n" + payload


def checked_payload(data: bytes, name: str) -> bytes:
    """The payload of a with_checksum file; CorruptIndexError when it is truncated or altered."""
    head, sep, payload = data.partition(b"\n")
    if not sep or not head.startswith(_CHECKSUM_PREFIX):
        raise CorruptIndexError(f"{name}: no checksum line")
    if cache.sha256(payload).encode() != head[len(_CHECKSUM_PREFIX) :]:
        raise CorruptIndexError(f"{name}: fails its checksum (truncated or altered)")
    return payload


def encode_entry(item: IndexedArticle, embedder_name: str) -> bytes:
    """The bytes of an entry: checksum line, JSON line, float32 vectors, word-piece bits, int32 term arrays."""
    meta = {
        "pipeline": PIPELINE_VERSION,
        "embedder": embedder_name,
        "shape": list(item.vectors.shape),
        "article": item.document.meta.to_dict(),
        "text": item.document.text,
        "warnings": item.document.warnings,
        "sentences": [s.to_dict() for s in item.document.sentences],
        "terms": item.terms.header(),
        "pieces": item.pieces.header(),
    }
    vectors = np.ascontiguousarray(item.vectors, dtype="<f4").tobytes()
    binary = vectors + item.pieces.block() + item.terms.block()
    return with_checksum(json.dumps(meta, ensure_ascii=False).encode() + b"\n" + binary)


def decode_entry(data: bytes, name: str, path: str) -> IndexedArticle:
    """An entry's IndexedArticle, its article shown at `path`; CorruptIndexError when damaged."""
    payload = checked_payload(data, name)
    head, _, binary = payload.partition(b"\n")
    try:
        meta = json.loads(head)
        rows, dim = meta["shape"]
        if len(meta["sentences"]) != rows:
            raise CorruptIndexError(f"{name}: {len(meta['sentences'])} sentences but {rows} vectors")
        vectors = np.frombuffer(binary, dtype="<f4", count=rows * dim).reshape(rows, dim).astype(np.float32)
        start, end = 4 * rows * dim, 4 * rows * dim + TokenBits.stored_size(meta["pieces"], rows)
        pieces = TokenBits.decode(meta["pieces"], binary[start:end], rows)
        terms = ArticleTerms.decode(meta["terms"], binary[end:], rows)
        article = model.ArticleMeta.from_dict({**meta["article"], "path": path})
        sentences = [model.Sentence.from_dict(s) for s in meta["sentences"]]
        document = model.Document(meta=article, text=meta["text"], sentences=sentences, warnings=meta["warnings"])
    except (ValueError, KeyError, TypeError) as exc:
        raise CorruptIndexError(f"{name}: unreadable cache entry ({exc})") from None
    return IndexedArticle(document, vectors, pieces, terms)


def save(item: IndexedArticle, embedder_name: str) -> Path:
    """Write the entry atomically, under the cache's writer lock."""
    content_hash = item.document.meta.content_hash
    target = entry_path(content_hash, embedder_name)
    data = encode_entry(item, embedder_name)
    with cache.writer_lock():
        cache.atomic_write(target, data)
    return target


def load(content_hash: str, embedder_name: str, path: str) -> IndexedArticle | None:
    """The cached entry, None when there is none; CorruptIndexError when it is damaged."""
    target = entry_path(content_hash, embedder_name)
    try:
        data = target.read_bytes()
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return None  # no entry this process can use; the caller builds one
    except OSError as exc:
        raise CorruptIndexError(f"{target}: unreadable ({exc.strerror})") from None
    return decode_entry(data, str(target), path)


def embed_document(document: model.Document, embedder: Embedder) -> IndexedArticle:
    """Embed every sentence of a document (its passage text: the sentence in context), keeping the sentence's own
    word pieces."""
    return embed_documents([document], embedder)[0]


def embed_documents(documents: list[model.Document], embedder: Embedder) -> list[IndexedArticle]:
    """Embed many documents in one encode call, so small articles do not pay a call each."""
    texts: list[str] = []
    starts: list[int] = []  # where the sentence itself starts in its passage text
    bounds = [0]
    for document in documents:
        for sentence, text in zip(document.sentences, passage.passage_texts(document), strict=True):
            texts.append(text)
            starts.append(len(text) - len(sentence.text))
        bounds.append(len(texts))
    encoded = embedder.encode_pieces(texts, starts)
    vectors = encoded.vectors.reshape(len(texts), embedder.dim)
    return [
        IndexedArticle(
            document,
            np.ascontiguousarray(vectors[bounds[i] : bounds[i + 1]]),
            TokenBits.of(encoded.pieces[bounds[i] : bounds[i + 1]]),
        )
        for i, document in enumerate(documents)
    ]
