"""Cache entries: round trip, damage detected on open and rebuilt, concurrent writers and readers.

Most tests use random vectors (the store does not care where vectors come from); the rebuild test uses
the real model through index_article.
"""

from __future__ import annotations

import logging
import multiprocessing
import os

import numpy as np
import pytest

from index import store
from index.build import index_article
from index.document import document_from_text
from index.tokens import DIM, TokenBits

EMBEDDER = "test-embedder"


def _item(seed: int = 0) -> store.IndexedArticle:
    doc = document_from_text("Title here\n\nFirst body sentence. Second body sentence.\n", "a.txt", digest="abc")
    rng = np.random.default_rng(seed)
    vectors = rng.standard_normal((len(doc.sentences), 8)).astype(np.float32)
    pieces = TokenBits.of([rng.standard_normal((i % 3, DIM)) for i in range(len(doc.sentences))])  # some have none
    return store.IndexedArticle(doc, vectors, pieces)


def test_round_trip_keeps_everything_and_uses_the_new_path():
    item = _item()
    store.save(item, EMBEDDER)
    back = store.load("abc", EMBEDDER, "elsewhere/a.txt")
    assert back is not None
    assert back.document.meta.path == "elsewhere/a.txt"
    assert back.document.text == item.document.text
    assert back.document.sentences == item.document.sentences
    assert np.array_equal(back.vectors, item.vectors)
    assert np.array_equal(back.pieces.ptr, item.pieces.ptr) and np.array_equal(back.pieces.bits, item.pieces.bits)
    assert np.array_equal(back.terms.stem_ids, item.terms.stem_ids)


def test_missing_entry_is_none():
    assert store.load("no-such-hash", EMBEDDER, "x.txt") is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b[:-3],  # truncated in the term arrays
        lambda b: b.replace(b"First", b"Frist"),  # altered text
        lambda b: b"",  # empty
        lambda b: b.split(b"\n", 1)[1],  # checksum line lost
    ],
)
def test_damaged_entry_is_detected(damage):
    path = store.save(_item(), EMBEDDER)
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(store.CorruptIndexError):
        store.load("abc", EMBEDDER, "a.txt")


def test_damaged_entry_is_rebuilt_with_one_log_line(tmp_path, embedder, caplog):
    article = tmp_path / "note.txt"
    article.write_text("Bridge reopens\n\nThe bridge reopened on Friday after repairs, the city said.\n")
    first = index_article(article, embedder)
    entry = store.entry_path(first.document.meta.content_hash, embedder.name)
    entry.write_bytes(entry.read_bytes()[:100])
    with caplog.at_level(logging.WARNING):
        again = index_article(article, embedder)
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "damaged" in warnings[0].getMessage()
    assert again.document.sentences == first.document.sentences
    assert store.load(first.document.meta.content_hash, embedder.name, str(article)) is not None


def _writer(cache: str, seed: int, rounds: int) -> None:
    os.environ["ARTICLE_QA_CACHE"] = cache
    for i in range(rounds):
        store.save(_item(seed * 1000 + i), EMBEDDER)  # same entry, different vectors each time


def test_two_writers_and_a_reader_never_see_a_damaged_entry():
    """Two processes rewrite one entry with different vectors while this one reads it: every read is whole."""
    store.save(_item(), EMBEDDER)
    ctx = multiprocessing.get_context("spawn")
    cache = os.environ["ARTICLE_QA_CACHE"]
    writers = [ctx.Process(target=_writer, args=(cache, seed, 200)) for seed in (1, 2)]
    for w in writers:
        w.start()
    reads = 0
    while any(w.is_alive() for w in writers) or reads < 50:
        assert store.load("abc", EMBEDDER, "a.txt") is not None
        reads += 1
    for w in writers:
        w.join()
        assert w.exitcode == 0


def test_two_cli_processes_indexing_one_folder_leave_a_sound_cache(tmp_path):
    """The bot and a CLI (here: two `index build` runs) indexing the same articles at once, sharing a cache."""
    import subprocess
    import sys

    from .conftest import ROOT

    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(40):
        (folder / f"a{i}.txt").write_text(f"Report {i}\n\nThe {i}th ward reported {i * 3} new cases on Monday.\n")
    env = {**os.environ, "ARTICLE_QA_CACHE": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "bot", "index", "build", str(folder)]
    procs = [subprocess.Popen(cmd, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    entries = sorted((tmp_path / "cache").rglob("*.entry"))
    texts = {store.decode_entry(e.read_bytes(), str(e), "x").document.text for e in entries}  # raises if damaged
    assert texts == {path.read_text() for path in folder.iterdir()}


def test_unwritable_cache_costs_speed_not_answers(tmp_path, monkeypatch, embedder, caplog):
    not_a_folder = tmp_path / "cache-file"
    not_a_folder.write_text("a file where the cache folder should be")
    monkeypatch.setenv("ARTICLE_QA_CACHE", str(not_a_folder))
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(f"Note {i}\n\nThe gate {i} was painted green on Monday.\n")
    from index.library import Library

    with caplog.at_level(logging.WARNING):
        library = Library([tmp_path / f"a{i}.txt" for i in range(3)], embedder)
    assert len(library.articles) == 3 and not library.problems
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "could not write the index cache" in warnings[0]
