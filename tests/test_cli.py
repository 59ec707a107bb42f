"""The CLI contract, run as a real process with the real model."""

from __future__ import annotations

import json
import os
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


def test_index_build_skips_bad_files_and_prints_one_summary(tmp_path):
    (tmp_path / "a.txt").write_text("Fair opens\n\nThe county fair opened on Saturday.\n")
    (tmp_path / "b.html").write_text(
        "<html><body><article><h1>Rink</h1><p>The ice rink closed early.</p></article></body></html>"
    )
    (tmp_path / "c.txt").write_bytes(b"\x00\xff" * 50)
    (tmp_path / "notes.csv").write_text("not an article")
    proc = run_cli("index", "build", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert lines[-1].startswith("indexed 2 of 3 articles (") and lines[-1].endswith("1 skipped")
    assert len(lines) == 2 and "c.txt" in lines[0] and "binary" in lines[0]
    assert "Traceback" not in proc.stderr and "\r" not in proc.stderr  # no progress bar when not a terminal


def test_index_build_with_nothing_indexable_fails(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    assert run_cli("index", "build", str(tmp_path)).returncode == 1
    proc = run_cli("index", "build", str(tmp_path / "nothing-here"))
    assert proc.returncode == 2 and "no such file or folder" in proc.stderr
    (tmp_path / "empty.txt").unlink()
    proc = run_cli("index", "build", str(tmp_path))
    assert proc.returncode == 2 and "no article files" in proc.stderr


def test_unanswerable_single_question_exits_1_with_an_error_line():
    proc = run_cli("ask", "   ")
    assert proc.returncode == 1
    assert proc.stdout.strip() == "error: the question is empty"


def test_default_corpus_comes_from_article_qa_articles(tmp_path):
    (tmp_path / "a.txt").write_text("Lighthouse relit\n\nThe Farne lighthouse was relit on Sunday after a repair.\n")
    (tmp_path / "junk.txt").write_bytes(b"\x00\x01")
    env = {**os.environ, "ARTICLE_QA_ARTICLES": f"{tmp_path}{os.pathsep}{BUNDLED}"}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "--top", "1", "when was the lighthouse relit?"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["candidates"][0]["source"]["article"] == str(tmp_path / "a.txt")
    assert "junk.txt" in proc.stderr
