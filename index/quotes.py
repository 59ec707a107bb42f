"""Find quoted speech in a paragraph: which characters are inside quotation marks, and which quote each belongs to."""

from __future__ import annotations

from dataclasses import dataclass

OPENERS = "\u201c\u00ab\u201e"
CLOSERS = "\u201d\u00bb"
STRAIGHT = '"'
MASK = "|"  # stands in for quoted text so reporting cues are only looked for in the reporter's own words
_MIN_QUOTE_WORDS = 4  # a quote this long makes a sentence a direct quote; shorter ones are scare quotes


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
    """Mask quoted speech in one paragraph; straight quotes toggle, curly quotes open and close."""
    masked = list(text)
    quoted = [" "] * len(text)
    ids = [-1] * len(text)
    current = -1
    count = 0
    for i, ch in enumerate(text):
        opening = ch in OPENERS or (ch == STRAIGHT and current < 0)
        closing = ch in CLOSERS or (ch == STRAIGHT and current >= 0)
        if opening and current < 0:
            current = count
            count += 1
            ids[i] = current
            masked[i] = MASK
            continue
        if closing and current >= 0:
            ids[i] = current
            masked[i] = MASK
            current = -1
            continue
        if current >= 0:
            ids[i] = current
            masked[i] = " " if ch.isspace() else MASK
            quoted[i] = ch
    return QuotedText("".join(quoted), "".join(masked), ids)
