"""A folder of 10,000 (tiny) articles indexes, answers from the right one, and refreshes one without the rest:
neither re-embedding the others nor retraining the IVF dense index (ARTICLE_QA_FLAT_MAX is lowered so it has one).

Real model; the embedder is wrapped only to count what it embeds. Timings belong to `make bench`
(bench/corpus.py), not here.
"""

from __future__ import annotations

import pytest

from index import dense
from retrieval.engine import Engine

from .test_library import Counting

N = 10_000


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    for i in range(N):
        (folder / f"note-{i:05d}.txt").write_text(f"Item {i} costs {i * 7 % 1000} crowns in Vell.\n")  # 1 sentence
    return folder


def test_ten_thousand_articles(big, embedder, monkeypatch, tmp_path):
    monkeypatch.setenv("ARTICLE_QA_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("ARTICLE_QA_FLAT_MAX", str(N // 2))
    trained = []
    build = dense.build_ivf
    monkeypatch.setattr(dense, "build_ivf", lambda v, *a, **k: trained.append(len(v)) or build(v, *a, **k))
    counting = Counting(embedder)
    engine = Engine([big], embedder=counting)
    assert len(engine.articles) == N and not engine.library.problems
    assert engine.corpus.dense.kind == "ivf" and trained == [N]
    assert len(counting.texts) == len(engine.corpus.rows) == N

    answer = engine.ask("How much does item 4321 cost?", top=3)
    assert answer.candidates[0].article.path == str(big / "note-04321.txt")
    assert answer.candidates[0].sentence.text == "Item 4321 costs 247 crowns in Vell."

    counting.texts.clear()
    (big / "note-00042.txt").write_text("Item 42 now costs 5 crowns in Vell.\n")
    (big / "note-09999.txt").unlink()
    changes = engine.library.refresh()
    assert changes.changed == (str(big / "note-00042.txt"),) and changes.removed == (str(big / "note-09999.txt"),)
    assert len(counting.texts) == 1 and "42" in counting.texts[0]  # that article's sentence only
    assert len(engine.articles) == N - 1
    assert trained == [N], "one changed and one removed article must not retrain the dense index"
    row = engine.corpus.article_rows[engine.library.position(big / "note-00042.txt")][0]
    assert engine.corpus.dense_topk(engine.corpus.vectors[row], 1)[0][0] == row  # its new vector is in the index

    counting.texts.clear()
    reopened = Engine([big], embedder=counting)
    assert counting.texts == [] and len(reopened.articles) == N - 1 and trained == [N]
