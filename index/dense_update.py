"""Bring a saved IVF index up to date with a changed corpus without retraining it.

Training the coarse quantiser and the 8-bit scalar quantiser is the expensive part of an IVF index (about 30 s
at 1e6 vectors); adding or moving codes is not. So a saved index carries a manifest (a JSON file beside it):
the articles it holds in row order, each as a key that changes whenever its vectors do, with its number of
rows and whether it was in the corpus the quantisers were trained on. A changed corpus is matched against it:
kept articles' codes are copied under their new row numbers, removed articles' codes dropped, new articles'
vectors encoded with the trained quantisers. Each vector lands in the list of its nearest trained centroid
either way, so the lists hold what adding the whole corpus to that trained index would give, whatever order the
articles came in; only which centroids there are depends on the corpus they were trained on, and which rows are
in the side list (below) on how the articles were grouped into changes.

New vectors far from every trained centroid (a topic the training corpus lacked: cosine to the nearest centroid
under what 99% of the training vectors reach) would land in lists a question on that topic need not probe: on
200k synthetic sentences trained on half of the XQuAD topics, one article of the other half added took recall@1
on the XQuAD questions from 0.990 to 0.944. When a change brings enough of them to be a topic rather than a few
outliers, they go to a side list instead (the list of a zero centroid, after the trained lists: `side_rows`),
which DenseIndex always scans exactly (recall@1 0.992 in that test).

Retraining happens when the trained centroids no longer fit (`drift`, `side_limit`): when fewer than half of the
rows were in the training corpus (grown past twice its size, or mostly replaced), when the side list outgrows
0.5% of the training corpus (its exact scan would start to cost), or when the corpus shrank below half of its
training size (nlist, about sqrt(n), is then over 1.4 times what the size calls for, and the tuned nprobe
scans too few vectors).
"""

from __future__ import annotations

import json
import zlib
from collections import defaultdict, deque
from dataclasses import dataclass, replace

import numpy as np

MANIFEST_FORMAT = 1
# A new vector fits the trained centroids when its cosine to the nearest reaches this quantile of the training
# vectors' (so 1% of vectors like the training ones fall under it).
FIT_QUANTILE = 0.01
FIT_SAMPLE = 10_000
# A change's misfits go to the side list when at least this many of its new vectors, and twice the expected
# share, misfit; fewer are outliers, as the training corpus has, and go to their nearest list.
MIN_MISFITS = 8
# Side list rows allowed, as a share of the training corpus (at least SIDE_MIN rows), before a retrain.
SIDE_SHARE = 0.005
SIDE_MIN = 500


@dataclass(frozen=True, slots=True)
class Article:
    """One article's block of rows in a saved index."""

    key: str  # source name, rows and CRC-32 of its float32 vectors: the same key means the same vectors
    rows: int
    trained: bool  # part of the corpus the quantisers were trained on


@dataclass(frozen=True)
class Manifest:
    """What a saved IVF index holds, in row order, and the size of the corpus it was trained on."""

    trained_rows: int
    nlist: int  # trained lists (a side list, when there is one, comes after them)
    fit_floor: float  # FIT_QUANTILE of the training vectors' cosine to their nearest centroid
    articles: tuple[Article, ...]

    @property
    def ntotal(self) -> int:
        """Rows of the saved index."""
        return sum(a.rows for a in self.articles)

    @property
    def trained_share(self) -> float:
        """Share of the rows that were in the training corpus."""
        return sum(a.rows for a in self.articles if a.trained) / max(self.ntotal, 1)

    def to_json(self) -> bytes:
        """The manifest as written beside its index (read back by from_json)."""
        return json.dumps(
            {
                "format": MANIFEST_FORMAT,
                "trained_rows": self.trained_rows,
                "nlist": self.nlist,
                "fit_floor": self.fit_floor,
                "articles": [[a.key, a.rows, int(a.trained)] for a in self.articles],
            },
            separators=(",", ":"),
        ).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        """The manifest in data; ValueError when it is not one of this format."""
        try:
            raw = json.loads(data)
            if raw["format"] != MANIFEST_FORMAT:
                raise ValueError(f"manifest format {raw['format']!r}")
            articles = tuple(Article(str(k), int(r), bool(t)) for k, r, t in raw["articles"])
            return cls(int(raw["trained_rows"]), int(raw["nlist"]), float(raw["fit_floor"]), articles)
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not an IVF manifest ({exc!r})") from None

    @classmethod
    def trained_on(cls, index, vectors: np.ndarray, keys: list[str], sizes: list[int]) -> Manifest:
        """The manifest of an index just trained on these articles' vectors."""
        rng = np.random.default_rng(0)
        sample = vectors[np.sort(rng.choice(len(vectors), size=min(len(vectors), FIT_SAMPLE), replace=False))]
        floor = float(np.quantile(nearest_centroid(index, sample), FIT_QUANTILE))
        articles = tuple(Article(k, s, True) for k, s in zip(keys, sizes, strict=True))
        return cls(sum(sizes), index.nlist, floor, articles)


def nearest_centroid(index, vectors: np.ndarray) -> np.ndarray:
    """Each vector's inner product with its nearest centroid of the index's coarse quantiser."""
    scores, _ = index.quantizer.search(np.ascontiguousarray(vectors, dtype=np.float32), 1)
    return scores[:, 0]


def article_keys(vectors: np.ndarray, sources: list[str], sizes: list[int]) -> list[str]:
    """Each article's key: its source name, its number of rows and the CRC-32 of its vectors (about 0.3 s a 1e6
    rows), so an article re-embedded by another model or segmented differently never reuses old codes."""
    bounds = np.cumsum([0, *sizes])
    block = np.ascontiguousarray(vectors, dtype=np.float32)
    return [
        f"{source}:{size}:{zlib.crc32(block[bounds[i] : bounds[i + 1]]):08x}"
        for i, (source, size) in enumerate(zip(sources, sizes, strict=True))
    ]


@dataclass(frozen=True)
class Plan:
    """How to turn a saved index into the index of the current corpus."""

    remap: np.ndarray  # saved row -> current row, -1 for rows of articles no longer in the corpus
    fresh: np.ndarray  # current rows the saved index lacks (new or changed articles), ascending
    manifest: Manifest  # of the index after the change

    @property
    def kept(self) -> int:
        """Rows of the saved index still in the corpus."""
        return int((self.remap >= 0).sum())


def plan(base: Manifest, keys: list[str], sizes: list[int]) -> Plan:
    """Match the current articles (keys, sizes, in row order) with the saved ones by key; a key held twice
    (the same article under two paths) is matched occurrence by occurrence."""
    saved: dict[str, deque[tuple[int, Article]]] = defaultdict(deque)
    start = 0
    for article in base.articles:
        saved[article.key].append((start, article))
        start += article.rows
    remap = np.full(start, -1, dtype=np.int64)
    fresh: list[np.ndarray] = []
    articles = []
    row = 0
    for key, size in zip(keys, sizes, strict=True):
        match = saved[key].popleft() if saved.get(key) else None
        if match is None:
            fresh.append(np.arange(row, row + size, dtype=np.int64))
            articles.append(Article(key, size, False))
        else:
            old, article = match
            remap[old : old + size] = np.arange(row, row + size, dtype=np.int64)
            articles.append(article)
        row += size
    manifest = replace(base, articles=tuple(articles))
    return Plan(remap, np.concatenate(fresh) if fresh else np.zeros(0, dtype=np.int64), manifest)


def drift(change: Plan) -> str | None:
    """Why the trained quantisers no longer fit the changed corpus (see module doc), or None when they do."""
    m = change.manifest
    if change.kept == 0:
        return "no article of the saved index is left"
    if m.trained_share < 0.5:
        return f"only {m.trained_share:.0%} of the rows were in the training corpus"
    if 2 * m.ntotal < m.trained_rows:
        return f"{m.ntotal} rows, under half of the {m.trained_rows} trained on"
    return None


def side_limit(manifest: Manifest) -> int:
    """Most rows the side list may hold before the index is retrained."""
    return max(SIDE_MIN, int(SIDE_SHARE * manifest.trained_rows))


def side_rows(index) -> np.ndarray:
    """Rows in the index's side list (a last list whose centroid is zero), ascending; none when it has none."""
    import faiss

    last = index.nlist - 1
    if index.nlist < 2 or index.quantizer.reconstruct(last).any():
        return np.zeros(0, dtype=np.int64)
    size = index.invlists.list_size(last)
    return np.sort(faiss.rev_swig_ptr(index.invlists.get_ids(last), size)) if size else np.zeros(0, dtype=np.int64)


def misfits(base, change: Plan, vectors: np.ndarray) -> np.ndarray:
    """The fresh rows that go to the side list: those far from every trained centroid, when a change brings enough
    of them to be a topic (see module doc)."""
    fresh = np.ascontiguousarray(vectors[change.fresh], dtype=np.float32)
    if not len(fresh):
        return change.fresh
    far = change.fresh[nearest_centroid(base, fresh) < change.manifest.fit_floor]
    return far if len(far) >= max(MIN_MISFITS, 2 * FIT_QUANTILE * len(fresh)) else far[:0]


def derive(base, change: Plan, vectors: np.ndarray, side: np.ndarray):
    """A new in-memory IVF-SQ8 index: base's trained quantisers and its kept codes under their new rows, the fresh
    rows encoded, and `side` (current rows) in the side list. base may be memory-mapped; it is only read."""
    import faiss

    dim, nlist, code_size = base.d, change.manifest.nlist, base.code_size
    quantizer = faiss.IndexFlatIP(dim)
    quantizer.add(base.quantizer.reconstruct_n(0, nlist))
    if len(side):
        quantizer.add(np.zeros((1, dim), dtype=np.float32))
    index = faiss.IndexIVFScalarQuantizer(
        quantizer, dim, quantizer.ntotal, faiss.ScalarQuantizer.QT_8bit, base.metric_type
    )
    index.sq.trained = base.sq.trained
    index.is_trained = True
    lists = base.invlists
    total = 0
    for number in range(nlist):
        size = lists.list_size(number)
        if not size:
            continue
        rows = change.remap[faiss.rev_swig_ptr(lists.get_ids(number), size)]
        codes = faiss.rev_swig_ptr(lists.get_codes(number), size * code_size).reshape(size, code_size)
        keep = rows >= 0
        if not keep.all():  # rows of removed articles: copy the others (else the codes are read in place)
            rows, codes = np.ascontiguousarray(rows[keep]), np.ascontiguousarray(codes[keep])
        if len(rows):
            index.invlists.add_entries(number, len(rows), faiss.swig_ptr(rows), faiss.swig_ptr(codes))
            total += len(rows)
    index.ntotal = total
    listed = np.setdiff1d(change.fresh, side, assume_unique=True)
    if len(listed):
        index.add_with_ids(np.ascontiguousarray(vectors[listed], dtype=np.float32), listed)
    if len(side):
        x, ids = np.ascontiguousarray(vectors[side], dtype=np.float32), np.ascontiguousarray(side, dtype=np.int64)
        assign = np.full(len(side), nlist, dtype=np.int64)
        index.add_core(len(side), faiss.swig_ptr(x), faiss.swig_ptr(ids), faiss.swig_ptr(assign))
    index.nprobe = base.nprobe
    return index
