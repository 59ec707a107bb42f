"""Corpus-wide dense top-k: an exact scan while it stays fast, an IVF index with exact re-ranking beyond.

A flat scan reads every vector (memory-bound: about 1 ms per 20,000 sentences on one core). Larger corpora
get an inverted-file index with 8-bit codes (a quarter of the bytes), whose candidates are re-scored with the
exact float32 vectors. Its nprobe is tuned when it is built, on queries made from the corpus's own
embeddings, to the smallest value that finds the exact top-1 for at least TARGET_RECALL of them (see
`tune_queries`). The built index is kept in the cache dir and memory-mapped when reopened (IO_FLAG_MMAP_IFC, see
`read_flags`), so a restart neither retrains it nor reads it into RAM; its file is named by a CRC of every vector
(about 0.2 s a 1e6 rows), so changed vectors never reuse the index of others of the same size, and a saved index
whose lists do not hold each row once (a damaged file) is rebuilt. A changed corpus (an article added, changed or
removed) reuses the trained quantisers of the saved index it shares most articles with, and retrains only when the
corpus has drifted from what they were trained on (index/dense_update.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from pathlib import Path

import numpy as np

from index import cache, dense_update
from index.settings import env_int

log = logging.getLogger(__name__)

DEFAULT_FLAT_MAX = 20_000
TARGET_RECALL = 0.99
NPROBES = (4, 8, 16, 32, 64, 128, 256)
TUNE_QUERIES = 300
# Candidates taken from the IVF index per query before exact re-ranking (at least k).
RERANK = 64
INDEX_FORMAT = "1"
# Saved IVF indexes kept in the cache (most recently used first); a changed corpus writes a new one.
KEEP_INDEXES = 3


def read_flags() -> int:
    """ARTICLE_QA_DENSE_MMAP=1 (default) maps a saved IVF index instead of reading it; 0 reads it into RAM.

    Mapped, it opens in under 30 ms at any size and its pages are shared between processes and evictable.
    IO_FLAG_MMAP_IFC (faiss >= 1.11) maps the inverted lists as plain arrays over the file: a 1e6-vector top-5
    took 0.26 ms (in RAM: 0.22 ms), where the older IO_FLAG_MMAP's read-only on-disk lists took 0.81 ms.
    """
    import faiss

    if os.environ.get("ARTICLE_QA_DENSE_MMAP", "1") == "0":
        return 0
    return getattr(faiss, "IO_FLAG_MMAP_IFC", faiss.IO_FLAG_MMAP)


def flat_max() -> int:
    """ARTICLE_QA_FLAT_MAX: up to this many sentences the dense search is an exact scan."""
    return env_int("ARTICLE_QA_FLAT_MAX", DEFAULT_FLAT_MAX, minimum=0)


class DenseIndex:
    """Top-k rows by inner product with a unit query; `kind` is "flat" or "ivf".

    sources[i] names the article of the next sizes[i] rows (its content hash), so a saved index of an earlier
    corpus can be brought up to date instead of retrained (see open_or_build_ivf).
    """

    def __init__(
        self,
        vectors: np.ndarray,
        sources: list[str] | None = None,
        cached: bool = True,
        sizes: list[int] | None = None,
    ) -> None:
        self.vectors = vectors
        self.kind = "flat"
        self.nprobe = 0
        self._ivf = None
        self._side = self._side_vectors = np.zeros(0, dtype=np.int64)  # rows an IVF index keeps in its side list
        if len(vectors) > flat_max():
            self.kind = "ivf"
            self._ivf = open_or_build_ivf(vectors, sources or [], cached, sizes)
            self.nprobe = int(self._ivf.nprobe)
            self._side = dense_update.side_rows(self._ivf)
            self._side_vectors = np.ascontiguousarray(vectors[self._side])

    def topk(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k rows most similar to the query, best first, with their exact cosines."""
        k = min(k, len(self.vectors))
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        query = np.ascontiguousarray(query, dtype=np.float32).reshape(-1)
        if self._ivf is None:
            return _best(np.arange(len(self.vectors)), self.vectors @ query, k)
        _, found = self._ivf.search(query.reshape(1, -1), max(k, RERANK))
        rows = found[0][found[0] >= 0].astype(np.int64)
        if not len(self._side):
            return _best(rows, self.vectors[rows] @ query, k)
        # The side list (rows that fit no trained centroid) is scanned exactly; a row the search found there too
        # comes twice with the same score, so twice as many are ranked and the repeats dropped.
        rows = np.concatenate([rows, self._side])
        top, scores = _best(
            rows, np.concatenate([self.vectors[rows[: -len(self._side)]] @ query, self._side_vectors @ query]), 2 * k
        )
        _, first = np.unique(top, return_index=True)
        first = np.sort(first)[:k]
        return top[first], scores[first]


def _best(rows: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    k = min(k, len(rows))
    part = np.argpartition(-scores, k - 1)[:k] if k < len(rows) else np.arange(len(rows))
    order = part[np.argsort(-scores[part], kind="stable")]
    return rows[order], scores[order].astype(np.float32)


def nlist_for(n: int) -> int:
    """Inverted lists for n vectors: about sqrt(n), so a list holds about as many vectors as there are lists."""
    return int(min(max(16, round(np.sqrt(n))), 4096))


def build_ivf(vectors: np.ndarray, threads: int | None = None):
    """Train and fill an IVF index with 8-bit scalar codes, with nprobe tuned on this corpus (see module doc)."""
    import faiss

    n, dim = vectors.shape
    nlist = nlist_for(n)
    faiss.omp_set_num_threads(threads or os.cpu_count() or 1)
    try:
        quantizer = faiss.IndexFlatIP(dim)
        index = faiss.IndexIVFScalarQuantizer(
            quantizer, dim, nlist, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
        )
        rng = np.random.default_rng(0)
        sample = vectors[np.sort(rng.choice(n, size=min(n, 64 * nlist), replace=False))]
        index.cp.max_points_per_centroid = 64
        index.train(sample)
        index.add(vectors)
        index.nprobe = tune_nprobe(index, vectors, rng)
    finally:
        faiss.omp_set_num_threads(1)
    log.info("IVF index over %d vectors: nlist %d, nprobe %d", n, nlist, index.nprobe)
    return index


def tune_queries(vectors: np.ndarray, rng: np.random.Generator, count: int = TUNE_QUERIES) -> np.ndarray:
    """Question-like probes: normalised sums of four random sentences of the corpus.

    Such a probe lies between topics, close to no one sentence, as a question does; on XQuAD questions over
    corpora of 1e5 and 1e6 sentences, recall@1 on these probes was never above recall on the real questions.
    """
    q = sum(vectors[rng.integers(0, len(vectors), count)] for _ in range(4))
    return np.ascontiguousarray(q / np.maximum(np.linalg.norm(q, axis=1, keepdims=True), 1e-12), dtype=np.float32)


def exact_top1(vectors: np.ndarray, queries: np.ndarray, block: int = 65536) -> np.ndarray:
    """Row of the best inner product for each query, by a blocked exact scan."""
    best = np.full(len(queries), -np.inf, dtype=np.float32)
    arg = np.zeros(len(queries), dtype=np.int64)
    for start in range(0, len(vectors), block):
        scores = queries @ vectors[start : start + block].T
        top = scores.argmax(1)
        val = scores[np.arange(len(queries)), top]
        better = val > best
        best[better], arg[better] = val[better], top[better] + start
    return arg


def recall_at_1(index, vectors: np.ndarray, queries: np.ndarray, truth: np.ndarray) -> float:
    """Share of queries whose exact top-1 is the top-1 after IVF search and exact re-ranking."""
    _, found = index.search(queries, RERANK)
    hits = 0
    for q, rows, want in zip(queries, found, truth, strict=True):
        rows = rows[rows >= 0]
        hits += bool(len(rows)) and int(rows[np.argmax(vectors[rows] @ q)]) == int(want)
    return hits / max(len(queries), 1)


def tune_nprobe(index, vectors: np.ndarray, rng: np.random.Generator) -> int:
    """The smallest nprobe reaching TARGET_RECALL on tune_queries (the largest tried if none does)."""
    queries = tune_queries(vectors, rng)
    truth = exact_top1(vectors, queries)
    for nprobe in NPROBES:
        if nprobe > index.nlist:
            break
        index.nprobe = nprobe
        recall = recall_at_1(index, vectors, queries, truth)
        log.info("nprobe %d: recall@1 %.3f", nprobe, recall)
        if recall >= TARGET_RECALL:
            return nprobe
    return min(NPROBES[-1], index.nlist)


def blocks(vectors: np.ndarray, sources: list[str], sizes: list[int] | None) -> tuple[list[str], list[int]]:
    """The articles' (sources, sizes); sizes None makes the whole corpus one block. ValueError when they do not add
    up to the vectors."""
    if sizes is None:
        return ["|".join(sources)], [len(vectors)]
    if sum(sizes) != len(vectors) or len(sizes) != len(sources):
        raise ValueError(f"{len(sources)} sources of {sum(sizes)} rows for {len(vectors)} vectors")
    return sources, sizes


def index_path(vectors: np.ndarray, sources: list[str], sizes: list[int] | None = None) -> Path:
    """Cache file of the IVF index of these vectors (see _path_of)."""
    return _path_of(dense_update.article_keys(vectors, *blocks(vectors, sources, sizes)), vectors.shape[1])


def _path_of(keys: list[str], dim: int) -> Path:
    """Cache file of the IVF index of articles with these keys: they hold a CRC of every vector, so vectors changed
    anywhere (a re-embedded sentence) name another file, never an index of the old ones of the same size."""
    h = hashlib.sha256(f"{INDEX_FORMAT}|{dim}|{'|'.join(keys)}".encode())
    return cache.cache_dir() / "dense" / f"{h.hexdigest()[:32]}.ivf"


def open_or_build_ivf(vectors: np.ndarray, sources: list[str], cached: bool = True, sizes: list[int] | None = None):
    """The IVF index of these vectors, mapped from the cache when built before; else brought up to date from a
    saved index of an earlier corpus when its training still fits (index/dense_update.py), else trained; then saved.

    sizes[i] is the number of rows of article sources[i] (None: the whole corpus is one block, so any change
    retrains). Opening a saved index takes no lock (files appear by renames); building, saving and pruning take the
    dense folder's writer lock, so two processes on one cache never train the same index twice nor prune the index
    another is updating from. A cache that cannot be written, or a wait for the lock past
    cache.LOCK_TIMEOUT_SECONDS, costs only the saving: the index is then built and kept in memory.
    """
    import faiss
    from filelock import FileLock

    faiss.omp_set_num_threads(1)  # one query at a time: a second OpenMP thread only adds overhead
    if not cached:
        return build_ivf(vectors)
    sources, sizes = blocks(vectors, sources, sizes)
    keys = dense_update.article_keys(vectors, sources, sizes)
    path = _path_of(keys, vectors.shape[1])
    saved = _open_saved(path, len(vectors), locked=False)
    if saved is not None:
        return saved
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(path.parent / "writer.lock"), timeout=cache.LOCK_TIMEOUT_SECONDS)
        lock.acquire()
    except OSError as exc:  # filelock.Timeout too
        log.warning("dense index kept in memory only: cannot write the cache (%s)", exc)
        return build_ivf(vectors)
    try:
        saved = _open_saved(path, len(vectors), locked=True)  # saved by another process while this one waited?
        if saved is not None:
            return saved
        index, manifest = _update_or_build(path.parent, vectors, keys, sizes)
        if not _save(index, manifest, path):
            return index
        prune(path.parent)
        try:
            return faiss.read_index(str(path), read_flags())
        except RuntimeError as exc:  # saved but not readable back (a full disk, a file gone): serve the one built
            log.warning("dense index %s saved but not readable (%s); using the one in memory", path, exc)
            return index
    finally:
        lock.release()


def _open_saved(path: Path, rows: int, locked: bool):
    """The saved index at path, mapped, when it is readable and lists each of `rows` vectors once; else None. Under
    the writer lock (`locked`) a damaged one is logged and its manifest removed, so that no update starts from it."""
    import faiss

    if not path.exists():
        return None
    try:
        index = faiss.read_index(str(path), read_flags())
        problem = listing_problem(index, rows)
    except RuntimeError as exc:
        problem = f"unreadable ({exc})"
    if problem is not None:
        if locked:
            log.warning("rebuilding dense index %s: %s", path, problem)
            manifest_path(path).unlink(missing_ok=True)
        return None
    with contextlib.suppress(OSError):  # a read-only cache, or pruned by another process since: still usable
        os.utime(path)  # most recently used: kept by prune()
    return index


def listing_problem(index, rows: int) -> str | None:
    """Why an IVF index's lists are not each of `rows` rows exactly once (a damaged file that still reads would
    return rows the corpus lacks), or None. Reads only the ids (8 bytes a row), not the codes."""
    import faiss

    if index.ntotal != rows:
        return f"{index.ntotal} rows, not {rows}"
    lists = index.invlists
    sizes = [lists.list_size(number) for number in range(index.nlist)]
    ids = [faiss.rev_swig_ptr(lists.get_ids(number), size) for number, size in enumerate(sizes) if size]
    found = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)
    if len(found) != rows or (rows and (found.min() < 0 or found.max() >= rows)):
        return "its lists hold rows out of range"
    if rows and not (np.bincount(found, minlength=rows) == 1).all():
        return "its lists hold a row twice"
    return None


def manifest_path(path: Path) -> Path:
    """The manifest (dense_update.Manifest) beside a saved index."""
    return path.with_suffix(".json")


def _update_or_build(folder: Path, vectors: np.ndarray, keys: list[str], sizes: list[int]):
    """An index of these vectors (articles of these keys and sizes) and its manifest: derived from the saved index
    sharing the most rows when its training still fits the corpus (dense_update.drift), else newly trained."""
    found = _closest_saved(folder, keys, sizes)
    if found is not None:
        base_path, change = found
        reason = dense_update.drift(change)
        if reason is not None:
            log.info("retraining the IVF index: %s", reason)
        else:
            try:
                return _derive(base_path, change, vectors)
            except (RuntimeError, _Retrain) as exc:
                log.warning("retraining the IVF index: %s (saved index %s)", exc, base_path)
    index = build_ivf(vectors)
    return index, dense_update.Manifest.trained_on(index, vectors, keys, sizes)


class _Retrain(Exception):
    """The saved index cannot be brought up to date (the message says why)."""


def _derive(base_path: Path, change: dense_update.Plan, vectors: np.ndarray):
    """The index of the changed corpus made from the saved one at base_path, and its manifest; _Retrain when the
    side list would outgrow its limit, RuntimeError when the saved index is unreadable."""
    import faiss

    base = faiss.read_index(str(base_path), read_flags())
    nlist = change.manifest.nlist
    if base.nlist not in (nlist, nlist + 1) or base.d != vectors.shape[1]:
        raise _Retrain("it does not match its manifest")
    problem = listing_problem(base, len(change.remap))
    if problem is not None:
        raise _Retrain(problem)
    kept = change.remap[dense_update.side_rows(base)]
    side = np.union1d(kept[kept >= 0], dense_update.misfits(base, change, vectors))
    if len(side) > dense_update.side_limit(change.manifest):
        raise _Retrain(f"{len(side)} rows fit no trained centroid, over {dense_update.side_limit(change.manifest)}")
    faiss.omp_set_num_threads(os.cpu_count() or 1)  # encoding many fresh rows: assignment to lists in parallel
    try:
        index = dense_update.derive(base, change, vectors, side)
    finally:
        faiss.omp_set_num_threads(1)
    log.info(
        "IVF index updated without retraining: %d rows kept, %d added (%d in the side list), %d dropped",
        change.kept,
        len(change.fresh),
        len(side),
        len(change.remap) - change.kept,
    )
    return index, change.manifest


def _closest_saved(folder: Path, keys: list[str], sizes: list[int]) -> tuple[Path, dense_update.Plan] | None:
    """The saved index (with a readable manifest) that shares the most rows with these articles (of those, the one
    with the fewest others), and the plan to update it."""
    best = None
    for manifest_file in folder.glob("*.json"):
        saved = manifest_file.with_suffix(".ivf")
        try:
            manifest = dense_update.Manifest.from_json(manifest_file.read_bytes())
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable IVF manifest %s: %s", manifest_file, exc)
            continue
        if not saved.exists():
            continue
        change = dense_update.plan(manifest, keys, sizes)
        score = (change.kept, change.kept - len(change.remap))  # most rows kept, then fewest dropped
        if change.kept and (best is None or score > best[0]):
            best = (score, saved, change)
    return best[1:] if best else None


def _save(index, manifest: dense_update.Manifest, path: Path) -> bool:
    """Write the index, then its manifest, each atomically (a temporary file, fsync, a rename); False if it
    cannot be written. An index without a manifest is still reused as it is, but never updated (retrained)."""
    import faiss

    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        manifest_path(path).unlink(missing_ok=True)  # never a manifest beside an index it does not describe
        faiss.write_index(index, str(tmp))
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        cache.atomic_write(manifest_path(path), manifest.to_json())
    except (OSError, RuntimeError) as exc:
        log.warning("dense index kept in memory only: cannot save %s (%s)", path, exc)
        return False
    finally:
        tmp.unlink(missing_ok=True)
    return True


def prune(folder: Path, keep: int = KEEP_INDEXES) -> None:
    """Delete all but the `keep` most recently used saved indexes (a process mapping one keeps its pages) and the
    temporary files of writers killed mid-write; called under the writer lock, so no writer is at work."""
    saved = sorted(folder.glob("*.ivf"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in saved[keep:]:
        manifest_path(old).unlink(missing_ok=True)
        old.unlink(missing_ok=True)
        log.info("removed unused dense index %s", old)
    for left in folder.glob(".*.tmp"):
        left.unlink(missing_ok=True)
        log.info("removed %s, left by a writer that did not finish", left)
