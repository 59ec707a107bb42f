"""The evaluation harness: dataset loading, scoring rules, metrics, fitting, and `article-qa eval` end to end."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from bot.cli import main
from retrieval import evaluate, features, fit, search

SQUAD = {
    "version": "1.1",
    "data": [
        {
            "title": "Lighthouses",
            "paragraphs": [
                {
                    "context": "The first lighthouse on the island was built in 1820. It was made of granite. "
                    "Its light could be seen 20 miles out to sea.",
                    "qas": [
                        {"id": "a", "question": "When was the lighthouse built?", "answers": [{"text": "1820"}]},
                        {"id": "b", "question": "What stone was it made of?", "answers": [{"text": "granite"}]},
                    ],
                }
            ],
        },
        {
            "title": "Bees",
            "paragraphs": [
                {
                    "context": "Honey bees live in colonies of up to 60,000 workers. The queen lays the eggs.",
                    "qas": [
                        {"id": "c", "question": "How many workers live in a colony?", "answers": [{"text": "60,000"}]}
                    ],
                }
            ],
        },
    ],
}


@pytest.fixture
def squad_file(tmp_path):
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(SQUAD), encoding="utf-8")
    return path


def test_squad_articles_and_wrong_article_negatives(squad_file, tmp_path):
    ds = evaluate.load(squad_file, tmp_path / "work")
    assert len(ds.articles) == 2 and not ds.news
    positives = [it for it in ds.items if it.answerable]
    negatives = [it for it in ds.items if not it.answerable]
    assert len(positives) == len(negatives) == 3
    assert all(n.article != p.article for p, n in zip(positives, negatives, strict=True))
    text = Path(ds.articles[0]).read_text(encoding="utf-8")
    assert text.startswith("Lighthouses\n\n") and "granite" in text


def test_joined_squad_articles_make_long_articles_and_keep_each_question_s_split(tmp_path):
    """--join: runs of consecutive articles become one article file under the first title; splits stay per article."""
    third = {
        "title": "Tides",
        "paragraphs": [
            {
                "context": "Tides rise twice a day. The moon pulls the sea.",
                "qas": [{"id": "d", "question": "What pulls the sea?", "answers": [{"text": "The moon"}]}],
            }
        ],
    }
    path = tmp_path / "three.json"
    path.write_text(json.dumps({"data": [*SQUAD["data"], third]}), encoding="utf-8")
    ds = evaluate.load(path, tmp_path / "work", join=2)
    assert ds.name == "three, 2 articles joined" and len(ds.articles) == 2
    text = Path(ds.articles[0]).read_text(encoding="utf-8")
    assert text.startswith("Lighthouses\n\n") and "granite" in text and "60,000 workers" in text
    assert "Bees" not in text  # one title: the first article's
    positives = {it.question: it for it in ds.items if it.answerable}
    assert positives["How many workers live in a colony?"].article == ds.articles[0]
    assert positives["How many workers live in a colony?"].split == evaluate.TEST  # its own article's half
    assert positives["What pulls the sea?"].article == ds.articles[1]
    negatives = {it.question: it.article for it in ds.items if not it.answerable}
    assert (
        negatives["What stone was it made of?"] == ds.articles[1] and negatives["What pulls the sea?"] == ds.articles[0]
    )
    assert evaluate.load(path, tmp_path / "work").articles != ds.articles  # joined files never overwrite plain ones


def test_jsonl_items_and_splits(tmp_path):
    path = tmp_path / "set.jsonl"
    rows = [{"q": "a?", "answers": ["x"], "speaker": ["Kim"]}, {"q": "b?", "answers": []}, {"q": "c?"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    items = evaluate.load_jsonl(path).items
    assert [it.answerable for it in items] == [True, False, False]
    assert items[0].speakers == ("Kim",) and items[1].speakers is None
    assert [it.split for it in items] == [evaluate.FIT, evaluate.TEST, evaluate.FIT]


def test_hit_rule_ignores_case_and_spacing():
    assert evaluate.contains_answer("About 10,000  Troops were sent.", ["10,000 troops"])
    assert not evaluate.contains_answer("About 3,000 troops.", ["10,000"])
    assert not evaluate.contains_answer("anything", [""])


def _pred(answerable: bool, hit: bool, rank: int, declined: bool) -> evaluate.Prediction:
    return evaluate.Prediction("d", "full", "fit", "q", "a", answerable, None, None, hit, rank, declined, None, 0.002)


def test_metrics_count_abstention_both_ways():
    preds = [
        _pred(True, True, 1, False),
        _pred(True, False, 2, False),
        _pred(True, False, 0, True),
        _pred(False, False, 0, True),
        _pred(False, False, 0, False),
    ]
    m = evaluate.metrics(preds)
    assert m["p_at_1"] == pytest.approx(1 / 3)
    assert m["mrr_at_5"] == pytest.approx((1 + 0.5) / 3)
    assert m["declined_unanswerable"] == pytest.approx(0.5)
    assert m["declined_answerable"] == pytest.approx(1 / 3)
    assert m["abstention_precision"] == pytest.approx(0.5)
    assert m["ms_per_question"] == pytest.approx(2.0)


def test_rank_fit_learns_the_informative_feature():
    rng = np.random.default_rng(0)
    examples = []
    gold = features.FEATURES.index("type_new")
    for _ in range(40):
        x = rng.normal(size=(6, len(features.FEATURES)))
        labels = np.zeros(6, dtype=bool)
        labels[int(rng.integers(6))] = True
        x[:, gold] = labels * 2.0 + rng.normal(scale=0.3, size=6)
        per_candidate = len(dataclasses.fields(features.Scored)) - 6  # the per-candidate arrays after the first six
        scored = features.Scored(
            np.arange(6), x, x[:, 0], x[:, 1], 1.0, 0.0, *(np.zeros(6) for _ in range(per_candidate))
        )
        item = evaluate.Item("q", "a", ("x",))
        examples.append(fit.Example(item, scored, labels, 1.0, False))
    w = fit.fit_rank(examples)
    assert int(np.argmax(w)) == gold
    assert fit.weighted_quantile(np.array([3.0, 1.0, 2.0]), np.ones(3), 0.5) == 2.0


def test_eval_command_scores_a_squad_file(squad_file, tmp_path, capsys):
    out = tmp_path / "pred.jsonl"
    code = main(["eval", str(squad_file), "--out", str(out), "--methods", "full,bm25", "--json"])
    assert code == 0
    table = json.loads(capsys.readouterr().out)
    full = next(r for r in table if r["method"] == search.FULL and r["split"] == "all")
    assert full["answerable"] == 3 and full["unanswerable"] == 3
    assert full["p_at_1"] >= 2 / 3
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 6 + 3 and {"question", "answer", "hit", "declined", "seconds"} <= set(lines[0])


def test_eval_command_rejects_unknown_method(squad_file, capsys):
    assert main(["eval", str(squad_file), "--methods", "magic"]) == 2
    assert "unknown method" in capsys.readouterr().err


def test_eval_command_rejects_joining_no_articles(squad_file, capsys):
    assert main(["eval", str(squad_file), "--join", "0"]) == 2
    assert "--join" in capsys.readouterr().err


def test_eval_command_scores_synthetic_near_misses(squad_file, tmp_path, capsys):
    out = tmp_path / "pred.jsonl"
    assert main(["eval", str(squad_file), "--out", str(out), "--methods", "full", "--near-misses", "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    near = [r for r in table if r["dataset"] == "tiny near misses" and r["split"] == "all"]
    assert near and near[0]["answerable"] == 0 and near[0]["unanswerable"] >= 1


def test_eval_command_asks_squad_questions_of_the_whole_corpus_too(squad_file, tmp_path, capsys):
    out = tmp_path / "pred.jsonl"
    assert main(["eval", str(squad_file), "--out", str(out), "--methods", "full", "--corpus-scope", "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    wide = [r for r in table if r["dataset"] == "tiny corpus scope" and r["split"] == "all"]
    assert wide and wide[0]["answerable"] == 3 and wide[0]["unanswerable"] == 0
    asked = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [p["article"] for p in asked if p["dataset"] == "tiny corpus scope"] == ["", "", ""]
    own = {p["question"]: p["answer"] for p in asked if p["dataset"] == "tiny" and p["answerable"]}
    assert {p["question"]: p["answer"] for p in asked if p["dataset"] == "tiny corpus scope"} == own
    assert wide[0]["p_at_1"] == sum(p["hit"] for p in asked if p["dataset"] == "tiny" and p["answerable"]) / 3 > 0


def test_each_choice_of_datasets_writes_its_own_default_predictions(squad_file, capsys):
    """`make eval` runs eval three times; a run with named datasets must not overwrite the default run's file."""
    from index.cache import cache_dir

    assert main(["eval", str(squad_file), "--methods", "bm25"]) == 0
    assert main(["eval", str(squad_file), "--methods", "bm25", "--join", "2"]) == 0
    folder = cache_dir() / "eval"
    assert (folder / "predictions-tiny.jsonl").is_file()
    assert (folder / "predictions-tiny-joined2.jsonl").is_file()
    assert str(folder / "predictions-tiny-joined2.jsonl") in capsys.readouterr().out
