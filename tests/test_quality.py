"""Quality regression: the bundled question set through the real engine, scored and reported, with floors.

The floors sit a little under the numbers measured when the parameters were fitted (README,
"Answer quality"): a change that makes answers or abstention worse fails here.
"""

from __future__ import annotations

import pytest

from retrieval import evaluate, search

from .conftest import ROOT

BUNDLED_SET = ROOT / "eval" / "bundled.jsonl"
P_AT_1_FLOOR = 0.85
DECLINED_UNANSWERABLE_FLOOR = 0.6
DECLINED_ANSWERABLE_CEILING = 0.03


@pytest.fixture(scope="module")
def scores(engine, tmp_path_factory):
    dataset = evaluate.load(BUNDLED_SET, tmp_path_factory.mktemp("eval"))
    return evaluate.evaluate(engine, [dataset], [search.FULL, search.BM25], tmp_path_factory.mktemp("out") / "p.jsonl")


def test_set_is_large_and_varied():
    dataset = evaluate.load_jsonl(BUNDLED_SET)
    answerable = [it for it in dataset.items if it.answerable]
    assert len(answerable) >= 80
    assert len(dataset.items) - len(answerable) >= 20
    assert len({it.question.lower() for it in dataset.items}) == len(dataset.items)


def test_bundled_set_meets_floors(scores, capsys):
    with capsys.disabled():
        print("\n" + evaluate.report(scores))
    full = scores[("bundled", search.FULL, "all")]
    assert full["answerable"] >= 80
    assert full["p_at_1"] >= P_AT_1_FLOOR
    assert full["declined_unanswerable"] >= DECLINED_UNANSWERABLE_FLOOR
    assert full["declined_answerable"] <= DECLINED_ANSWERABLE_CEILING


def test_engine_beats_bm25_baseline(scores):
    assert scores[("bundled", search.FULL, "all")]["p_at_1"] > scores[("bundled", search.BM25, "all")]["p_at_1"]
