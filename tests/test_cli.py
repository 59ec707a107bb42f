"""The CLI contract, run as a real process with the real model."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import BUNDLED, ROOT


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=300
    )


@pytest.fixture(scope="module")
def batch():
    lines = [
        "how many troops?",
        "",
        json.dumps({"question": "What did Biden say about Ukraine?", "article": str(BUNDLED)}),
        "x" * 5000,
        json.dumps({"question": "anything", "article": "/no/such/article.txt"}),
        "{not json",
        "what is the capital of France?",
    ]
    proc = run_cli("ask", "--json", "--top", "3", stdin="\n".join(lines) + "\n")
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_batch_gives_one_line_per_request(batch):
    assert len(batch) == 7


def test_troops_answer_has_offsets_that_hold(batch, bundled_text):
    first = batch[0]
    assert "10,000" in first["answer"]
    src = first["source"]
    assert bundled_text[src["start"] : src["end"]] == first["answer"]
    assert src["outlet"] == "Fox News Digital"
    assert src["date"] == "2024-10-30"
    assert len(first["candidates"]) == 3


def test_bad_requests_get_error_lines(batch):
    assert "empty" in batch[1]["error"]
    assert "limit" in batch[3]["error"]
    assert "no such file" in batch[4]["error"]
    assert "JSON" in batch[5]["error"]


def test_restricted_request_answers_from_that_article(batch):
    assert batch[2]["source"]["article"] == str(BUNDLED)
    assert batch[2]["answer"]


def test_off_topic_question_abstains(batch):
    assert batch[6]["answer"] is None


def test_missing_article_argument_exits_with_one_line():
    proc = run_cli("ask", "--article", "/no/such/file.txt", "how many?")
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert "no such file" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_inspect_json_rows_hold_against_the_file(bundled_text):
    proc = run_cli("inspect", str(BUNDLED), "--json")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) > 20
    for row in rows:
        assert bundled_text[row["start"] : row["end"]] == row["text"]
        assert {"article", "paragraph", "kind", "speaker"} <= row.keys()
