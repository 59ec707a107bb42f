"""The REPL survives any line, and :add / :refresh / :articles manage the articles (real model)."""

from __future__ import annotations

import pytest

from bot.repl import handle_line, run_repl
from retrieval.engine import Engine


@pytest.fixture
def setup(tmp_path, monkeypatch, embedder):
    monkeypatch.setenv("ARTICLE_QA_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "mill.txt").write_text("Mill restored\n\nThe old mill in Pellow was restored by volunteers.\n")
    return Engine([folder], embedder=embedder), folder, tmp_path


@pytest.mark.parametrize(
    "line",
    ["", "   ", "\x00\x01", "@everyone", "\U0001f600\U0001f600", "\u05de\u05d4 \u05e7\u05e8\u05d4?", "?" * 3, ":"],
)
def test_odd_lines_get_a_reply_not_a_crash(setup, line):
    engine, _, _ = setup
    assert isinstance(handle_line(engine, line), str)


def test_huge_line_is_refused_with_the_limit(setup):
    assert "limit" in handle_line(setup[0], "who " * 50_000)


def test_quit_words(setup):
    assert handle_line(setup[0], ":q") is None


def test_add_refresh_and_list(setup):
    engine, folder, tmp_path = setup
    extra = tmp_path / "bakery.md"
    extra.write_text("# Bakery wins prize\n\nThe Dunlow bakery won the regional bread prize.\n")
    assert handle_line(engine, f":add {extra}").startswith("added Bakery wins prize")
    assert "no such file" in handle_line(engine, f":add {tmp_path / 'nope.txt'}")
    assert "Bakery wins prize" in handle_line(engine, ":articles")

    (folder / "pier.txt").write_text("Pier closes\n\nThe pier closed for repairs.\n")
    (folder / "mill.txt").unlink()
    (folder / "junk.txt").write_bytes(b"\x00\x01\x02")
    reply = handle_line(engine, ":refresh")
    assert reply.startswith("1 added, 0 changed, 1 removed")
    assert "skipped:" in reply and "junk.txt" in reply
    assert "Mill restored" not in handle_line(engine, ":articles")


def test_run_repl_ends_on_eof_and_ctrl_c(setup):
    engine = setup[0]
    for end in (EOFError, KeyboardInterrupt):
        lines = iter(["what was restored?", "\x00"])

        def read(_prompt, lines=lines, end=end):
            try:
                return next(lines)
            except StopIteration:
                raise end from None

        out: list[str] = []
        assert run_repl(engine, read=read, write=out.append) == 0
        assert len(out) >= 3
