"""Bad input of every kind gets a clear message, no traceback, and loses nothing else (real model)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from index.document import load_document
from index.ingest import ArticleError
from retrieval.question import QuestionError

from .conftest import BUNDLED, ROOT

GOOD = "Kiln fire closes pottery\n\nA kiln fire closed the Marlow pottery on Monday, the owner said.\n"


def run_cli(*args: str, stdin: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env=env,
    )


@pytest.fixture(scope="module")
def bad(tmp_path_factory) -> dict[str, Path]:
    """One file of each bad kind, and a good one beside them."""
    d = tmp_path_factory.mktemp("bad")
    files = {
        "empty": d / "empty.txt",
        "blank": d / "blank.md",
        "binary": d / "photo.txt",
        "latin1": d / "latin1.txt",
        "huge": d / "huge.txt",
        "scripts": d / "app.html",
        "good": d / "good.txt",
    }
    files["empty"].write_bytes(b"")
    files["blank"].write_text(" \n\t\n")
    files["binary"].write_bytes(bytes(range(256)) * 8)
    files["latin1"].write_bytes("Caf\u00e9 reopens\n\nThe caf\u00e9 in Ostend reopened on Monday.\n".encode("cp1252"))
    with files["huge"].open("wb") as f:  # sparse: 50 MB on paper, nothing on disk
        f.write(b"Huge\n\n")
        f.truncate(50 * 1024 * 1024)
    files["scripts"].write_text(
        "<!doctype html><html><head><script>var a = 1;</script></head>"
        "<body><div id='root'></div><script src='app.js'></script><script>render(a)</script></body></html>"
    )
    files["good"].write_text(GOOD)
    return files


# Questions -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("question", ["", "   ", "\n\t", "\x00\x07"])
def test_empty_question_is_refused(engine, question):
    with pytest.raises(QuestionError, match="empty"):
        engine.ask(question)


def test_200k_character_question_is_refused_with_the_limit(engine):
    with pytest.raises(QuestionError, match="limit is"):
        engine.ask("why " * 50_000)


def test_control_characters_are_dropped(engine):
    clean = engine.ask("how many North Korean troops are in Russia?")
    noisy = engine.ask("how\x00 many\x07 North\x1b Korean\r troops are in\x7f Russia?")
    assert noisy.best == clean.best and noisy.score == pytest.approx(clean.score)


@pytest.mark.parametrize(
    "question", ["how many troops? \U0001f914\U0001f1fa\U0001f1e6", "\u05db\u05de\u05d4 \u05d7\u05d9\u05d9\u05dc\u05d9\u05dd?", "\u202ehow many troops\u202c?"]
)  # fmt: skip
def test_emoji_and_right_to_left_text_get_an_answer_or_an_abstention(engine, bundled_text, question):
    answer = engine.ask(question)
    if answer.best is not None:
        s = answer.best.sentence
        assert bundled_text[s.start : s.end] == s.text


def test_everyone_mention_alone_is_not_answered(engine):
    try:
        answer = engine.ask("@everyone")
    except QuestionError:
        return
    assert answer.abstained


# Articles --------------------------------------------------------------------------------------------


def test_empty_articles_are_refused(bad):
    for key in ("empty", "blank"):
        with pytest.raises(ArticleError, match="empty"):
            load_document(bad[key])


def test_binary_file_is_refused(bad):
    with pytest.raises(ArticleError, match="binary"):
        load_document(bad["binary"])


def test_non_utf8_file_is_read_with_a_fallback_and_says_so(bad):
    doc = load_document(bad["latin1"])
    assert "caf\u00e9 in Ostend" in doc.text
    assert any("not valid UTF-8" in w and "Windows-1252" in w for w in doc.warnings)


def test_50mb_file_is_refused_with_the_limit(bad):
    with pytest.raises(ArticleError, match="10,485,760-byte limit"):
        load_document(bad["huge"])


def test_html_with_only_scripts_is_refused(bad):
    with pytest.raises(ArticleError, match="no article text"):
        load_document(bad["scripts"])


# Through the command line ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "words"), [("empty", "empty"), ("binary", "binary"), ("huge", "limit"), ("blank", "empty")]
)
def test_bad_named_article_exits_2_with_one_line(bad, key, words):
    proc = run_cli("ask", "--article", str(bad[key]), "what happened?")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and words in proc.stderr
    assert "Traceback" not in proc.stderr and not proc.stdout


def test_folder_of_bad_files_still_answers_from_the_good_one(bad):
    folder = bad["good"].parent
    lines = [
        "what closed the pottery?",
        json.dumps({"question": "what happened?", "article": str(bad["huge"])}),
        json.dumps({"question": "what happened?", "article": str(bad["binary"])}),
        "@everyone",
        "\u202e\u05de\u05d4 \U0001f600 \x07?",
        "why " * 50_000,
        "",
        "what closed the pottery?",
    ]
    proc = run_cli("ask", "--json", "--top", "3", "--article", str(folder), stdin="\n".join(lines) + "\n")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == len(lines)
    for i in (0, 7):
        assert "kiln" in (out[i]["answer"] or "").lower() or any(
            "kiln" in c["answer"].lower() for c in out[i].get("candidates", [])
        )
        assert out[i]["source"] is None or out[i]["source"]["article"] == str(bad["good"])
    assert "limit" in out[1]["error"]
    assert "binary" in out[2]["error"]
    assert "error" in out[3] or out[3]["answer"] is None
    assert "limit" in out[5]["error"]
    assert "empty" in out[6]["error"]
    for name in ("empty.txt", "photo.txt", "huge.txt", "app.html"):
        assert name in proc.stderr  # each skipped file is reported


def test_two_named_articles_answer_from_the_right_one(bad):
    args = ["--json", "--top", "3", "--article", str(BUNDLED), "--article", str(bad["good"])]
    proc = run_cli("ask", *args, "what closed the pottery?")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    out = json.loads(proc.stdout)
    assert out["candidates"][0]["source"]["article"] == str(bad["good"])
