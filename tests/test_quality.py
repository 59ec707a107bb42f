"""Quality regression: the bundled question set through the real engine, scored and reported, with floors.

The floors sit a little under the numbers measured when the parameters were fitted (README,
"Answer quality"): a change that makes answers or abstention worse fails here.
"""

from __future__ import annotations

import pytest

from eval.typed import typed
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


TYPED_SET = ROOT / "eval" / "bundled_typed.jsonl"
TYPED_LOSS_CEILING = 0.04  # P@1 the same questions may lose when typed as chat users type them (none measured)


def test_typed_set_is_what_its_script_writes():
    """eval/bundled_typed.jsonl is eval/typed.py's rewrite of the current bundled set, not a stale copy."""
    plain = evaluate.load_jsonl(BUNDLED_SET).items
    written = evaluate.load_jsonl(TYPED_SET).items
    assert [typed(it.question, i) for i, it in enumerate(plain)] == [it.question for it in written]
    assert [it.answers for it in plain] == [it.answers for it in written]


def test_questions_typed_as_chat_lose_little(scores, engine, tmp_path):
    """Greetings, contractions, requests, lower case and numbers without commas: the same questions, nearly the
    same answers (before the session that added this set: P@1 0.765 against 0.882, 13% of answerable declined)."""
    dataset = evaluate.load(TYPED_SET, tmp_path)
    typed = evaluate.evaluate(engine, [dataset], [search.FULL], tmp_path / "p.jsonl")[
        ("bundled_typed", search.FULL, "all")
    ]
    plain = scores[("bundled", search.FULL, "all")]
    assert typed["p_at_1"] >= plain["p_at_1"] - TYPED_LOSS_CEILING
    assert typed["declined_answerable"] <= DECLINED_ANSWERABLE_CEILING
    assert typed["declined_unanswerable"] >= DECLINED_UNANSWERABLE_FLOOR - 0.1
