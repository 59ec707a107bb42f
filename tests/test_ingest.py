"""Reading article files: size limit, binary refusal, decoding fallback, odd paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import ingest


def test_utf8_with_bom_is_read_without_the_bom():
    text, warnings = ingest.decode("\ufeffTitle\n\nBody.".encode(), "a.txt")
    assert text == "Title\n\nBody." and warnings == []


def test_windows_1252_fallback_says_so():
    text, warnings = ingest.decode("\u201cQuoted\u201d caf\u00e9".encode("cp1252"), "a.txt")
    assert text == "\u201cQuoted\u201d caf\u00e9"
    assert warnings and "a.txt" in warnings[0] and "Windows-1252" in warnings[0]


@pytest.mark.parametrize("data", [b"\x00abc", bytes(range(32)) * 4, b"PK\x03\x04\x14\x00\x00\x00\x08\x00"])
def test_binary_is_refused(data):
    with pytest.raises(ingest.ArticleError, match="binary"):
        ingest.decode(data, "x.txt")


def test_text_with_a_few_control_characters_is_still_text():
    text, _ = ingest.decode(b"Title\n\nA bell \x07 rang. " + b"Plain words. " * 20, "x.txt")
    assert "bell" in text


def test_size_limit_comes_from_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("x" * 2000)
    monkeypatch.setenv("ARTICLE_QA_MAX_ARTICLE_BYTES", "1000")
    with pytest.raises(ingest.ArticleError, match="2,000 bytes is over the 1,000-byte limit"):
        ingest.read_bytes(path)
    monkeypatch.setenv("ARTICLE_QA_MAX_ARTICLE_BYTES", "lots")
    assert ingest.read_bytes(path)  # a bad setting falls back to the default


@pytest.mark.parametrize(
    ("path", "words"), [("no/such/file.txt", "no such file"), (".", "directory"), ("bad\x00name.txt", "not a valid")]
)
def test_unreadable_paths_are_article_errors(path, words):
    with pytest.raises(ingest.ArticleError, match=words):
        ingest.check_article_file(Path(path))
