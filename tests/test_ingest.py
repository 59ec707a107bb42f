"""Reading article files: size limit, binary refusal, decoding fallback, odd paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import ingest
from index.document import load_document


def test_utf8_with_bom_is_read_without_the_bom():
    text, warnings = ingest.decode("\ufeffTitle\n\nBody.".encode(), "a.txt")
    assert text == "Title\n\nBody." and warnings == []


ARTICLE = "Caf\u00e9 reopens\n\n\u201cWe\u2019re back,\u201d the owner said on Monday. Prices rose 5%.\n"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_byte_order_marks_and_bomless_utf16_are_decoded(codec):
    data = ARTICLE.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):  # no mark: told apart by where the NUL bytes fall
        assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    text, warnings = ingest.decode(data, "a.txt")
    assert text == ARTICLE and warnings == []


def test_utf16_file_is_indexed_like_its_utf8_copy(tmp_path):
    utf16, utf8 = tmp_path / "a16.txt", tmp_path / "a8.txt"
    utf16.write_bytes(ARTICLE.encode("utf-16"))
    utf8.write_bytes(ARTICLE.encode("utf-8"))
    ingest.check_article_file(utf16)
    a, b = load_document(utf16), load_document(utf8)
    assert [(s.text, s.attribution) for s in a.sentences] == [(s.text, s.attribution) for s in b.sentences]
    assert a.meta.title == "Caf\u00e9 reopens" and a.warnings == []


def test_bad_bytes_after_a_byte_order_mark_are_replaced_with_a_warning():
    text, warnings = ingest.decode(b"\xef\xbb\xbfTitle\n\nCaf\xe9 opens. " + b"Plain words. " * 5, "a.txt")
    assert text.startswith("Title") and "\ufffd" in text
    assert warnings and "UTF-8" in warnings[0] and "a.txt" in warnings[0]


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfe" + b"\x00\xd8" * 100,  # a UTF-16 mark on bytes that are no characters (lone surrogates)
        "\x00\x01\x02 nothing".encode("utf-16"),
        bytes([0x10, 0, 0x11, 0, 0x03, 0]) * 100,  # NUL in every other byte, but not text
        b"\x00\xff" * 50,
    ],
)
def test_binary_behind_a_utf16_look_is_still_refused(data):
    with pytest.raises(ingest.ArticleError, match="binary"):
        ingest.decode(data, "x.txt")


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


def test_information_separators_are_read_as_spaces_so_a_list_after_one_is_segmented(tmp_path):
    path = tmp_path / "list.txt"
    path.write_bytes(b"Council plan\n\nThe plan has two parts:\x1f1. new buses for the town.\x1e2. a new depot.\n")
    doc = load_document(path)
    assert "\x1f" not in doc.text and "\x1e" not in doc.text
    assert len(doc.text) == len(path.read_text())
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text
