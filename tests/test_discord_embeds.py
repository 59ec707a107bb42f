"""Shortening and fitting text into Discord's limits: never past the limit, never mid-word when a space allows."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot import discord_embeds as embeds
from bot.format import shorten
from index.model import ArticleMeta

words = st.lists(st.text(alphabet="ab*_`~|>#-c\u00e9", min_size=1, max_size=12), min_size=1, max_size=60)


@given(words, st.integers(min_value=2, max_value=300))
def test_shorten_stays_within_the_limit_and_cuts_between_words(parts, limit):
    text = " ".join(parts)
    out = shorten(text, limit)
    assert len(out) <= limit
    if len(text) <= limit:
        assert out == text
        return
    assert out.endswith("\u2026")
    kept = out[:-1]
    assert text.startswith(kept)
    if " " in text[:limit]:  # a word boundary was available: the cut falls on one (or on punctuation before it)
        assert text[len(kept)] in " ,;:-" or kept == text[: limit - 1]


@given(words, st.integers(min_value=2, max_value=300))
def test_fit_escapes_markdown_and_still_fits(parts, limit):
    out = embeds.fit(" ".join(parts), limit)
    assert len(out) <= limit


def test_join_within_says_how_many_were_left_out():
    lines = [f"line {i:03d}" for i in range(100)]
    out = embeds._join_within(lines, 100)
    assert len(out) <= 100
    shown = out.count("line ")
    assert out.endswith(f"\u2026 and {100 - shown} more")


def test_only_plain_web_links_are_linked():
    def link(url):
        return embeds.article_link(ArticleMeta(path="a.txt", title="A", url=url))

    assert link(" https://news.example/story?id=1 ") == "https://news.example/story?id=1"
    for bad in (None, "", "javascript:alert(1)", "https://a b", "ftp://x/y", "https://x/" + "a" * 600):
        assert link(bad) is None
