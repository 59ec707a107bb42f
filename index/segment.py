"""Split a paragraph into sentences with exact character offsets, keeping quotes with their speaker tails."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

# A segment that starts like this continues the sentence before it ("..." he said. / , the minister said.)
_CONTINUATION = re.compile(r"""^(?:[a-z,;:\)\]\u2019']|[\u201d"]\s*[a-z,])""")
# A closing quote mark left alone at the start of a segment belongs to the previous one.
_LONE_CLOSER = re.compile(r"""^[\u201d"']+(\s|$)""")


@dataclass(frozen=True)
class Span:
    """A sentence's position in the text it was cut from."""

    start: int
    end: int


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    # clean=False keeps the text verbatim so offsets hold.
    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans of text[start:end], stripped of surrounding white space, in order."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    if not chunk.strip():
        return []
    spans: list[Span] = []
    cursor = 0
    for piece in _segmenter().segment(chunk):
        piece = piece.strip()
        if not piece:
            continue
        found = chunk.find(piece, cursor)
        if found < 0:  # pysbd changed the text after all: fall back to the rest of the chunk
            rest = chunk[cursor:]
            found = cursor + len(rest) - len(rest.lstrip())
            piece = rest.strip()
            if not piece:
                break
        cursor = found + len(piece)
        spans.append(Span(start + found, start + cursor))
    spans = _fill_gaps(text, spans, start, end)
    return _merge_continuations(text, spans)


def _fill_gaps(text: str, spans: list[Span], start: int, end: int) -> list[Span]:
    """Give any non-blank text pysbd skipped to the sentence before it, so nothing is lost."""
    out: list[Span] = []
    prev_end = start
    for span in spans:
        gap = text[prev_end : span.start]
        if gap.strip():
            if out:
                out[-1] = Span(out[-1].start, _rstrip_end(text, out[-1].start, span.start))
            else:
                span = Span(prev_end + (len(gap) - len(gap.lstrip())), span.end)
        out.append(span)
        prev_end = span.end
    tail = text[prev_end:end]
    if tail.strip() and out:
        out[-1] = Span(out[-1].start, _rstrip_end(text, out[-1].start, end))
    return out


def _rstrip_end(text: str, start: int, end: int) -> int:
    return start + len(text[start:end].rstrip())


def _merge_continuations(text: str, spans: list[Span]) -> list[Span]:
    """Join a segment to the one before when it cannot start a sentence (a speaker tail, a lone quote)."""
    out: list[Span] = []
    for span in spans:
        piece = text[span.start : span.end]
        if out and (_CONTINUATION.match(piece) or _LONE_CLOSER.match(piece)):
            out[-1] = Span(out[-1].start, span.end)
        else:
            out.append(span)
    return out
