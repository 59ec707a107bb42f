"""Property-based tests: sentence offsets hold for ANY text, and batch request parsing never fails unexpectedly."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.requests import Request, RequestError, parse_request
from index.document import document_from_text
from index.ingest import ArticleError
from index.segment import split_sentences

# Text made of the pieces news articles are made of, plus anything at all.
_PIECES = st.sampled_from(
    [" ", "  ", "\n", "\n\n", "\t", ".", "!", "?", "...", '"', "\u201c", "\u201d", "'", ",", "Mr.", "U.S.", "3 p.m.",
     "he said", "BREAKING NEWS TODAY", "# ", "By Ann Lee", "Oct 30, 2024", "\u00a0", "\u200f", "\u05e9\u05dc\u05d5\u05dd",
     "\U0001f600", "\x07", "\r\n", "a", "A", "1", "Quote", "(", ")"]
)  # fmt: skip
TEXT = st.one_of(st.text(max_size=300), st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=60).map("".join))
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXT)
def test_sentence_spans_are_exact_ordered_stripped_and_lose_nothing(text):
    spans = split_sentences(text)
    prev = 0
    for span in spans:
        piece = text[span.start : span.end]
        assert 0 <= prev <= span.start < span.end <= len(text)
        assert piece == piece.strip() and piece
        assert not text[prev : span.start].strip(), "non-blank text fell between sentences"
        prev = span.end
    assert not text[prev:].strip(), "non-blank text lost at the end"


@SETTINGS
@given(TEXT, st.integers(0, 50), st.integers(0, 50))
def test_sub_range_spans_stay_inside_the_range(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    for span in split_sentences(text, start, end):
        assert start <= span.start < span.end <= end


@SETTINGS
@given(TEXT)
def test_every_document_sentence_is_its_slice_of_the_text(text):
    try:
        doc = document_from_text(text, "any.txt")
    except ArticleError:
        assert not text.strip()
        return
    assert doc.text == text
    assert doc.sentences, "a non-blank article has at least one sentence"
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text
    starts = [s.start for s in doc.sentences]
    assert starts == sorted(starts)


@SETTINGS
@given(st.text(max_size=200))
def test_any_line_is_a_request_or_a_request_error(line):
    try:
        request = parse_request(line)
    except RequestError as exc:
        assert str(exc)
        return
    assert isinstance(request.question, str)
    request.question.encode("utf-8")  # printable as UTF-8, whatever came in
    if not line.strip().startswith("{"):
        assert request.question == line.rstrip("\r\n")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)


REQUEST_KEYS = {"question", "q", "article"}  # the extra keys must not replace these


@SETTINGS
@given(
    st.text(max_size=100),
    st.one_of(st.none(), st.text(max_size=40)),
    st.dictionaries(st.text(max_size=8).filter(lambda k: k not in REQUEST_KEYS), JSON_VALUES, max_size=3),
)
def test_json_requests_round_trip(question, article, extra):
    obj = {**extra, "question": question}
    if article is not None:
        obj["article"] = article
    request = parse_request(json.dumps(obj, ensure_ascii=bool(len(question) % 2)))
    assert request.question == _utf8(question)
    assert request.article == (_utf8(article) if article and article.strip() else None)


def _utf8(text: str) -> str:
    return text.encode("utf-8", "replace").decode("utf-8")


@SETTINGS
@given(JSON_VALUES)
def test_json_that_is_not_a_request_is_refused_with_a_message(value):
    line = json.dumps(value)
    if not line.startswith("{"):
        return
    try:
        parse_request(line)
    except RequestError as exc:
        assert "question" in str(exc)


def test_deeply_nested_json_is_a_request_error():
    with pytest.raises(RequestError, match="JSON"):
        parse_request('{"question": ' + "[" * 100_000 + "]" * 100_000 + "}")


def test_lone_surrogate_from_a_json_escape_is_replaced():
    assert parse_request('{"question": "why \\ud800?"}').question == "why ??"


def test_plain_question_keeps_its_text():
    assert parse_request("how many?\r\n") == Request("how many?")
