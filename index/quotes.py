"""Find quoted speech in a paragraph: which characters are inside quotation marks, and which quote each belongs to.

Double quotes (straight or curly, and guillemets) and single quotes (British style, 'We will respond,' ...) are
both read; a single quote only opens where a matching close follows, so apostrophes (don't, Korea's, the '90s,
rock 'n' roll, the players' union) are never taken for quotation marks.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

OPENERS = "\u201c\u00ab\u201e"
CLOSERS = "\u201d\u00bb"
STRAIGHT = '"'
SINGLES = "'\u2018\u2019"
MASK = "|"  # stands in for quoted text so reporting cues are only looked for in the reporter's own words
_DOUBLE = re.compile(f"[{OPENERS}{CLOSERS}{STRAIGHT}]")
_SPACE = re.compile(r"\s")
_NON_SPACE = re.compile(r"\S")
_MIN_QUOTE_WORDS = 4  # a quote this long makes a sentence a direct quote; shorter ones are scare quotes
# A single quote that can open: at the start or after a space, bracket, dash or double quote, before a word
# that is not an elision ('90s, '89, 'em, 'n', 'til, 'cause, 'tis).
_SINGLE_OPEN = re.compile(
    r"(?:(?<=^)|(?<=[\s(\[\u2014\u2013\"\u201c\u00ab\u201e/-]))[\u2018'](?=[^\W_]|[\"\u201c.\u2026$\u00a3\u20ac])"
    r"(?!\d{2}s?\b|(?:em|n|til|cause|cos|tis|twas|bout|round)\b)",
    re.IGNORECASE,
)
# A single quote that can close: after a word or punctuation, before a space, punctuation or the end; "s' " before
# a lower-case word is a plural possessive ("the players' union"), not a close.
_SINGLE_CLOSE = re.compile(
    r"(?<=[^\s(\[])[\u2019'](?=$|[\s.,;:!?)\]\u2014\u2013\"\u201d\u2026-])(?<!s['\u2019](?=\s+[a-z]))"
)
# That "s' " inside a single quote: the quote's close ('the Franks' into the valley) when no close follows it or a
# quote opens before the next close, else a plural possessive ('we back the players' union,' he said).
_PLURAL_S = re.compile(r"(?<=s)[\u2019'](?=\s+[a-z])")


@dataclass(frozen=True)
class QuotedText:
    """A paragraph with its quoted characters masked, each quoted character tagged with its quote's number."""

    quoted: str  # the paragraph with everything outside quotes blanked
    masked: str  # the paragraph with everything inside quotes masked
    quote_id: list[int]  # -1 outside quotes, else the number of the quote (0, 1, ...) in this paragraph

    def has_long_quote(self, start: int, end: int) -> bool:
        """Whether text[start:end] holds quoted words enough to count as direct speech."""
        return len(self.quoted[start:end].split()) >= _MIN_QUOTE_WORDS


def analyse(text: str) -> QuotedText:
    """Mask quoted speech in one paragraph (the quotes of quote_spans)."""
    spans = quote_spans(text)
    if not spans:
        return QuotedText(" " * len(text), text, [-1] * len(text))
    masked: list[str] = []
    quoted: list[str] = []
    ids: list[int] = []
    pos = 0
    for n, (a, b) in enumerate(spans):
        inside = text[a + 1 : b]
        end = min(b + 1, len(text))
        masked += (text[pos:a], MASK, _NON_SPACE.sub(MASK, _SPACE.sub(" ", inside)), MASK * (end - b))
        quoted += (" " * (a - pos + 1), inside, " " * (end - b))
        ids += [-1] * (a - pos) + [n] * (end - a)
        pos = end
    masked.append(text[pos:])
    quoted.append(" " * (len(text) - pos))
    ids += [-1] * (len(text) - pos)
    return QuotedText("".join(quoted), "".join(masked), ids)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Each quote in one paragraph as (its opening mark, its closing mark or len(text) when it runs on); straight
    quotes toggle, curly quotes open and close, and a single quote opens (outside other quotes) only where a closing
    one follows, or at the paragraph's start, where it runs on like a continued quote. Marks inside a quote are
    nested and open nothing."""
    has_singles = any(c in text for c in SINGLES)
    opens = {m.start() for m in _SINGLE_OPEN.finditer(text)} if has_singles else set()
    closers = [m.start() for m in _SINGLE_CLOSE.finditer(text)] if opens else []
    closes = set(closers)
    plural_s = [m.start() for m in _PLURAL_S.finditer(text)] if opens else []
    events = sorted(  # a set: a mark that may open and close is one event (it closes, or it opens)
        {(m.start(), m.group(0)) for m in _DOUBLE.finditer(text)}
        | {(i, "'") for i in (*opens, *closers)}
        | {(i, "s") for i in plural_s}
    )
    sorted_opens = sorted(opens)
    spans: list[tuple[int, int]] = []  # (opening mark, closing mark or the paragraph's end)
    start = -1
    single = False  # whether the open quote is a single-quoted one (double quotes inside it are nested)
    for i, ch in events:
        if start < 0:
            if ch in OPENERS or ch == STRAIGHT:
                start, single = i, False
            elif i in opens and (closers[-1:] > [i + 1] or not text[:i].strip()):
                start, single = i, True
        elif (
            ((i in closes or (ch == "s" and _plural_s_closes(i, sorted_opens, closers))) and i > start + 1)
            if single
            else (ch in CLOSERS or ch == STRAIGHT)
        ):
            spans.append((start, i))
            start = -1
    if start >= 0:
        spans.append((start, len(text)))
    return spans


def _plural_s_closes(i: int, opens: list[int], closers: list[int]) -> bool:
    """Whether the "s' " at i closes the open single quote: no close follows, or a quote opens before the next one."""
    next_close = bisect.bisect_right(closers, i)
    if next_close == len(closers):
        return True
    next_open = bisect.bisect_right(opens, i)
    return next_open < len(opens) and opens[next_open] < closers[next_close]
