"""A changed large corpus updates its saved IVF index without retraining (index/dense_update.py): kept codes move
to their new rows, removed rows go, new rows are encoded; a new topic goes to the exactly scanned side list; a
drifted corpus retrains; damaged files retrain instead of failing. Small vectors and ARTICLE_QA_FLAT_MAX keep it fast.
"""

from __future__ import annotations

import contextlib
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import faiss
import numpy as np
import pytest

from index import dense, dense_update
from index.dense import DenseIndex

DIM = 32
ROWS = 50  # per article


def clustered(n: int, seed: int, centres: int = 40) -> np.ndarray:
    """Unit vectors around `centres` random centres (a seed's centres are a topic set of their own)."""
    rng = np.random.default_rng(seed)
    c = rng.standard_normal((centres, DIM)).astype(np.float32)
    x = c[rng.integers(0, centres, n)] + 0.5 * rng.standard_normal((n, DIM)).astype(np.float32)
    return np.ascontiguousarray(x / np.linalg.norm(x, axis=1, keepdims=True), dtype=np.float32)


class Articles:
    """Named blocks of ROWS vectors; a corpus is a list of names, its matrix their blocks in that order."""

    def __init__(self) -> None:
        self.blocks: dict[str, np.ndarray] = {}

    def make(self, prefix: str, count: int, seed: int) -> list[str]:
        x = clustered(count * ROWS, seed)
        names = [f"{prefix}{i}" for i in range(count)]
        for i, name in enumerate(names):
            self.blocks[name] = x[i * ROWS : (i + 1) * ROWS]
        return names

    def index(self, names: list[str]) -> tuple[DenseIndex, np.ndarray]:
        vectors = np.ascontiguousarray(np.vstack([self.blocks[n] for n in names]))
        return DenseIndex(vectors, names, sizes=[ROWS] * len(names)), vectors

    def path(self, names: list[str]):
        """The cache file of the IVF index of a corpus."""
        return dense.index_path(np.vstack([self.blocks[n] for n in names]), names, [ROWS] * len(names))


@pytest.fixture
def small_ivf(monkeypatch, tmp_path):
    """IVF above 1,000 rows, a cache of its own, and a count of trainings."""
    monkeypatch.setenv("ARTICLE_QA_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("ARTICLE_QA_FLAT_MAX", "1000")
    trained = []
    build = dense.build_ivf
    monkeypatch.setattr(dense, "build_ivf", lambda v, *a, **k: trained.append(len(v)) or build(v, *a, **k))
    return trained


def lists_by_name(index: DenseIndex, names: list[str]) -> set[tuple[int, str, int]]:
    """(list, article, row within it) for every code of the index: its contents independent of row numbering."""
    ivf = index._ivf
    out = set()
    for number in range(ivf.nlist):
        size = ivf.invlists.list_size(number)
        for row in faiss.rev_swig_ptr(ivf.invlists.get_ids(number), size).tolist() if size else []:
            out.add((number, names[row // ROWS], row % ROWS))
    return out


def assert_finds_itself(index: DenseIndex, vectors: np.ndarray) -> None:
    for row in range(0, len(vectors), 7):
        rows, scores = index.topk(vectors[row], 3)
        assert rows[0] == row and scores[0] == pytest.approx(1.0, abs=1e-5)
        np.testing.assert_allclose(scores, vectors[rows] @ vectors[row], rtol=1e-5)


def test_adding_and_removing_articles_does_not_retrain(small_ivf):
    a = Articles()
    names = a.make("old", 63, seed=0)  # the last 3 are added later: same topics, other sentences
    names, extra = names[:60], names[60:]
    index, _ = a.index(names)
    assert index.kind == "ivf" and small_ivf == [3000]

    grown = [extra[0], *names[:10], extra[1], *names[10:]]  # a new article first moves every row after it
    index, vectors = a.index(grown)
    assert small_ivf == [3000], "a small change must not retrain"
    assert index._ivf.ntotal == len(vectors) and len(index._side) == 0
    assert_finds_itself(index, vectors)

    shrunk = [n for n in grown if n not in ("old3", extra[0])]
    index, vectors = a.index(shrunk)
    assert small_ivf == [3000] and index._ivf.ntotal == len(vectors)
    assert_finds_itself(index, vectors)
    assert index.topk(a.blocks["old3"][5], 1)[1][0] < 0.999  # a removed article's rows are not in the index


def test_update_does_not_depend_on_the_order_of_changes(small_ivf):
    """Adding B then C, or C and B at once in other places, gives the same lists: each row in its nearest
    trained list."""
    a = Articles()
    names = a.make("old", 62, seed=0)
    names, (b, c) = names[:60], names[60:]
    a.index(names)
    a.index([*names, b])
    one_by_one, _ = a.index([*names, b, c])
    a.index(names)  # the trained index, still in the cache
    both = [c, *names, b]
    at_once, _ = a.index(both)
    assert small_ivf == [3000]
    assert lists_by_name(one_by_one, [*names, b, c]) == lists_by_name(at_once, both)


def test_new_topic_goes_to_the_side_list_and_a_large_one_retrains(small_ivf):
    a = Articles()
    names = a.make("old", 60, seed=0)
    topic = a.make("topic", 12, seed=99)  # centres the training never saw
    a.index(names)
    index, vectors = a.index([*names, topic[0]])
    assert small_ivf == [3000]
    assert index._side.tolist() == list(range(3000, 3050))  # the new article's rows, scanned exactly
    assert_finds_itself(index, vectors)
    reopened, _ = a.index([*names, topic[0]])  # the side list is part of the saved index
    assert reopened._side.tolist() == index._side.tolist() and small_ivf == [3000]

    index, _ = a.index([*names, *topic])  # 600 rows far from every centroid: past the side list's limit
    assert 12 * ROWS > dense_update.SIDE_MIN and small_ivf == [3000, 3600]
    assert len(index._side) == 0


def test_side_list_rows_found_by_the_search_too_are_not_repeated(small_ivf):
    a = Articles()
    names = a.make("old", 60, seed=0)
    topic = a.make("topic", 1, seed=99)
    a.index(names)
    index, vectors = a.index([*names, *topic])
    assert len(index._side) == ROWS
    index._ivf.nprobe = index._ivf.nlist  # every list probed, the side list too: its rows come from both
    for row in (3001, 3020, 10):
        rows, scores = index.topk(vectors[row], 20)
        want = np.argsort(-(vectors @ vectors[row]), kind="stable")[:20]
        assert len(set(rows.tolist())) == 20 and rows[0] == row
        np.testing.assert_allclose(scores, (vectors @ vectors[row])[want], rtol=1e-5)


def test_index_saved_without_its_manifest_is_reused_then_retrained(small_ivf):
    """As a crash between writing the index and its manifest leaves it."""
    a = Articles()
    names = a.make("old", 41, seed=0)
    names, extra = names[:40], names[40]
    a.index(names)
    dense.manifest_path(a.path(names)).unlink()
    a.index(names)
    assert small_ivf == [2000]
    a.index([*names, extra])
    assert small_ivf == [2000, 2050]


def test_growing_past_twice_the_training_size_retrains(small_ivf):
    a = Articles()
    names = a.make("old", 61, seed=0)
    names, more = names[:30], names[30:]
    a.index(names)
    a.index([*names, *more[:29]])  # 59 articles, 1.97x the 30 trained on
    assert small_ivf == [1500]
    a.index([*names, *more])  # 61: over twice
    assert small_ivf == [1500, 3050]


def test_damaged_saved_files_retrain_instead_of_failing(small_ivf, caplog):
    a = Articles()
    names = a.make("old", 42, seed=0)
    names, (b, c) = names[:40], names[40:]
    a.index(names)
    dense.manifest_path(a.path(names)).write_text("{not json")
    a.index([*names, b])  # an unreadable manifest: no saved index to update
    assert small_ivf == [2000, 2050]
    a.path([*names, b]).write_bytes(b"not a faiss index")  # its manifest is intact, it is not
    index, vectors = a.index([*names, b, c])
    assert small_ivf == [2000, 2050, 2100]
    assert any("retraining the IVF index" in r.message for r in caplog.records)
    assert_finds_itself(index, vectors)


def test_manifest_round_trip_plan_and_drift():
    m = dense_update.Manifest(100, 10, 0.5, (dense_update.Article("a", 60, True), dense_update.Article("b", 40, False)))
    assert dense_update.Manifest.from_json(m.to_json()) == m
    with pytest.raises(ValueError):
        dense_update.Manifest.from_json(b'{"format": 0}')
    change = dense_update.plan(m, ["c", "b", "a"], [5, 40, 60])
    assert change.fresh.tolist() == list(range(5))
    assert change.remap.tolist() == list(range(45, 105)) + list(range(5, 45))
    assert [x.trained for x in change.manifest.articles] == [False, False, True]
    assert dense_update.drift(change) is None  # 60 of 105 rows were trained on
    assert "training corpus" in dense_update.drift(dense_update.plan(m, ["a", "c"], [60, 61]))
    assert "under half" in dense_update.drift(dense_update.plan(dense_update.replace(m, trained_rows=200), ["a"], [60]))
    assert dense_update.drift(dense_update.plan(m, ["c"], [60])) == "no article of the saved index is left"


def test_vectors_changed_where_the_sample_does_not_look_are_not_served_by_the_old_index(small_ivf):
    """Same articles, same shape, one sentence re-embedded (between the rows a sample of
    every other vector would read): the saved index of the old vectors (its codes in the wrong lists) is not reused."""
    a = Articles()
    names = a.make("old", 170, seed=0)  # 8,500 rows
    _, vectors = a.index(names)
    far = clustered(1, seed=99)[0]  # a topic the training never saw
    a.blocks["old3"] = a.blocks["old3"].copy()
    a.blocks["old3"][1] = far
    index, changed = a.index(names)
    assert not np.array_equal(changed, vectors)
    index._ivf.nprobe = 1
    rows, _ = index.topk(far, 1)
    assert rows[0] == 3 * ROWS + 1


def test_saved_index_listing_a_row_out_of_range_is_rebuilt_not_searched(small_ivf, caplog):
    """A damaged file that still reads (an id's bytes changed): its lists must hold each row once, else it is
    neither updated nor searched (a row the corpus lacks) but rebuilt, with a log line."""
    a = Articles()
    names = a.make("old", 41, seed=0)
    names, extra = names[:40], names[40]
    a.index(names)
    saved = faiss.read_index(str(a.path(names)))
    number = next(n for n in range(saved.nlist) if saved.invlists.list_size(n))
    code = faiss.rev_swig_ptr(saved.invlists.get_single_code(number, 0), saved.code_size).copy()
    saved.invlists.update_entry(number, 0, 10**9, faiss.swig_ptr(code))
    faiss.write_index(saved, str(a.path(names)))
    index, vectors = a.index([*names, extra])
    assert small_ivf == [2000, 2050]
    assert any("out of range" in r.message for r in caplog.records)
    index, vectors = a.index(names)  # made from the index just trained, without the extra article
    assert small_ivf == [2000, 2050]
    assert any("rebuilding" in r.message for r in caplog.records)
    assert_finds_itself(index, vectors)


@contextlib.contextmanager
def other_process_building(folder: Path) -> Iterator[None]:
    """Another process holding the dense folder's writer lock (as while it trains, updates, saves or prunes)."""
    folder.mkdir(parents=True, exist_ok=True)
    lock = str(folder / "writer.lock")
    code = f"from filelock import FileLock; held = FileLock({lock!r}); held.acquire(); print(1, flush=True); input()"
    holder = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "1"
        yield
    finally:
        holder.kill()
        holder.wait()


def test_builders_take_turns_and_a_saved_index_opens_meanwhile(small_ivf, monkeypatch, caplog):
    """One process at a time builds, saves or prunes in the dense folder (two Discord shards, one cache), so none
    deletes a saved index another is updating from; opening a saved index takes no lock; a wait past
    LOCK_TIMEOUT_SECONDS builds the index in memory only."""
    a = Articles()
    names = a.make("old", 41, seed=0)
    a.index(names[:40])
    monkeypatch.setattr(dense.cache, "LOCK_TIMEOUT_SECONDS", 0.2)
    with other_process_building(a.path(names).parent):
        index, vectors = a.index(names[:40])
        assert small_ivf == [2000]
        assert_finds_itself(index, vectors)
        index, vectors = a.index(names)
        assert not a.path(names).exists() and any("in memory only" in r.message for r in caplog.records)
        assert_finds_itself(index, vectors)
    a.index(names)
    assert a.path(names).exists()


def test_files_left_by_a_killed_writer_are_removed(small_ivf):
    a = Articles()
    names = a.make("old", 41, seed=0)
    a.index(names[:40])
    folder = a.path(names).parent
    left = [folder / f".{a.path(names).name}.4321.tmp", folder / f".{a.path(names).name}.json.x1y2.tmp"]
    for path in left:
        path.write_bytes(b"half an index")
    a.index(names)
    assert not any(path.exists() for path in left)


def test_a_saved_index_in_a_cache_it_cannot_touch_still_opens(small_ivf, monkeypatch):
    """Marking it used (its mtime, for pruning) fails in a read-only cache, or when another process just pruned it:
    the index mapped already is used all the same."""
    a = Articles()
    names = a.make("old", 40, seed=0)
    a.index(names)

    def refuse(*args, **kwargs):
        raise PermissionError("read-only file system")

    monkeypatch.setattr(dense.os, "utime", refuse)
    index, vectors = a.index(names)
    assert small_ivf == [2000]
    assert_finds_itself(index, vectors)


def test_an_index_saved_but_not_readable_back_is_served_from_memory(small_ivf, monkeypatch, caplog):
    """Reading the file just written can fail (a full disk, a file removed at once): the index built is still good."""
    a = Articles()
    names = a.make("old", 40, seed=0)
    calls = []

    def unreadable(*args, **kwargs):
        calls.append(args)
        raise RuntimeError("Error in faiss::FileIOReader: cannot read")

    monkeypatch.setattr(faiss, "read_index", unreadable)
    with caplog.at_level(logging.WARNING, logger="index.dense"):
        index, vectors = a.index(names)
    assert calls and small_ivf == [2000]
    assert "using the one in memory" in caplog.text
    assert_finds_itself(index, vectors)


def test_removing_the_side_list_article_leaves_no_side_list(small_ivf):
    """Its rows go with it, and so does the side list's zero centroid: no empty list left for every search to scan."""
    a = Articles()
    names = a.make("old", 60, seed=0)
    topic = a.make("topic", 1, seed=99)
    a.index(names)
    trained = a.path(names)
    with_side, _ = a.index([*names, *topic])
    assert len(with_side._side) == ROWS and with_side._ivf.nlist == trained_nlist(trained) + 1
    dense.manifest_path(trained).unlink()  # so the update starts from the index with the side list
    trained.unlink()
    index, vectors = a.index(names)
    assert small_ivf == [3000] and len(index._side) == 0 and index._ivf.nlist == with_side._ivf.nlist - 1
    assert_finds_itself(index, vectors)


def trained_nlist(path: Path) -> int:
    """Trained lists of the saved index at path, from its manifest."""
    return dense_update.Manifest.from_json(dense.manifest_path(path).read_bytes()).nlist


BUILD_IN_A_PROCESS = """
import sys
import numpy as np
from index import dense
built = []
build = dense.build_ivf
dense.build_ivf = lambda v, *a, **k: built.append(1) or build(v, *a, **k)
vectors = np.load(sys.argv[1])
index = dense.DenseIndex(vectors, ["a", "b"], sizes=[len(vectors) // 2, len(vectors) - len(vectors) // 2])
assert index.kind == "ivf" and index.topk(vectors[7], 1)[0][0] == 7
print(len(built))
"""


def test_two_processes_building_one_corpus_train_it_once(small_ivf, tmp_path):
    """Two Discord shards starting on one cache: one trains and saves, the other waits for the lock and maps it."""
    path = tmp_path / "vectors.npy"
    np.save(path, clustered(3000, seed=0))
    run = [sys.executable, "-c", BUILD_IN_A_PROCESS, str(path)]
    root = Path(__file__).resolve().parents[1]
    shards = [subprocess.Popen(run, cwd=root, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    trained = sorted(int(shard.communicate(timeout=120)[0]) for shard in shards)
    assert [shard.returncode for shard in shards] == [0, 0] and trained == [0, 1]
