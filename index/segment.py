"""Split a paragraph into sentences with exact character offsets, keeping quotes with their speaker tails."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

from index import quotes
from index.ingest import SEPARATORS_AS_SPACES

# pysbd builds about 2,000 distinct regular expressions over a corpus (some per abbreviation found), four times
# the re module's cache of compiled patterns (512 in Python 3.11), so every paragraph compiled them again: about a
# tenth of indexing time. A larger cache keeps them compiled (bench: 534 -> 595 sentences/s indexed).
re._MAXCACHE = max(getattr(re, "_MAXCACHE", 0), 4096)  # type: ignore[attr-defined]

# A segment that starts like this continues the sentence before it ("..." he said. / , the minister said. / a lone
# closing single quote), but not an elided word ('Tis, '90s).
_CONTINUATION = re.compile(r"""^(?:[a-z,;:\)\]]|[\u2019'](?![^\W_])|[\u201d"]\s*[a-z,])""")
# Abbreviations that stand before a number or a date ("c. 1162", "approx. 1.7 million", "pp. 12-14", "fl. 1200"):
# a segment ending in one continues into a segment that opens with a digit.
_BEFORE_NUMBER = re.compile(
    r"(?:^|[\s(\[])(?:c|ca|circa|approx|est|fl|b|d|r|no|nos|vol|vols|p|pp|fig|figs|art|arts|sec|ch|op|cf|vs|v|"
    r"para|paras|ed|eds|n|nn|col|cols|ibid|al|appx)\.$",
    re.IGNORECASE,
)
_OPENS_WITH_NUMBER = re.compile(r"^[~\u2248]?\d")
# Where a long paragraph may be cut before segmentation: after "word." and white space, before a capital.
_SURE_END = re.compile(r"(?<=[a-z]{3}[.!?])\s+(?=[A-Z][a-z])")
_PART_CHARS = 2000
_SHORT_LINE = 40  # hard-wrapped prose has lines of 60-80 characters
# A list item's bullet or number at the start of a line.
_LIST_MARKER = re.compile(r"(?:[-*+\u2022\u2023\u25cf\u25e6\u25aa\u2013]|\d{1,3}[.)])[ \t]+(?=\S)")
# A closing quote mark left alone at the start of a segment belongs to the previous one.
_LONE_CLOSER = re.compile(r"""^[\u201d"']+(\s|$)""")
# The same-length view pysbd reads: a single-quoted quote's marks as double quotes and the double quotes nested in
# it as single ones (British style read as American), and an apostrophe outside quotes as one that cannot open.
_AS_DOUBLE = str.maketrans("'\u2018\u2019", '"\u201c\u201d')
_AS_SINGLE = str.maketrans('"\u201c\u201d', "'\u2018\u2019")
_AS_APOSTROPHE = str.maketrans("'\u2018", "\u2019\u2019")


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
    # Everything below reads the same-length view of the chunk, so its offsets are the chunk's.
    view = _quote_view(chunk).translate(SEPARATORS_AS_SPACES)  # pysbd fails on them (see ingest)
    spans: list[Span] = []
    for part_start, part_end in _parts(view):
        spans.extend(_segment(view, part_start, part_end))
    if spans:
        spans = _merge_continuations(view, _fill_gaps(view, spans, 0, len(view)))
    else:  # pysbd found no sentence in non-blank text (" !!"): the text is one
        lead = len(chunk) - len(chunk.lstrip())
        spans = [Span(lead, len(chunk.rstrip()))]
    return [Span(start + span.start, start + span.end) for span in spans]


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The sentences to index: split_sentences, with a list item's bullet or number left out of its sentence."""
    return [_without_list_marker(text, span, start) for span in split_sentences(text, start, end)]


def _quote_view(chunk: str) -> str:
    """The chunk as pysbd should read it: quotes found by quotes.quote_spans in single marks ('We will respond,'
    he said) turned into double-quoted ones, so they split like "We will respond," he said, and every other single
    mark (don't, the players' union, the '90s) made an apostrophe pysbd cannot take for an opening quote."""
    if not any(c in chunk for c in quotes.SINGLES):
        return chunk
    out: list[str] = []
    pos = 0
    for a, b in quotes.quote_spans(chunk):
        out.append(chunk[pos:a].translate(_AS_APOSTROPHE))
        if chunk[a] in quotes.SINGLES:
            out += (chunk[a].translate(_AS_DOUBLE), chunk[a + 1 : b].translate(_AS_SINGLE))
            out.append(chunk[b : b + 1].translate(_AS_DOUBLE))
        else:
            out.append(chunk[a : b + 1])
        pos = b + 1
    out.append(chunk[pos:].translate(_AS_APOSTROPHE))
    return "".join(out)


def _unwrap(chunk: str) -> str:
    """The chunk with each line break that only wraps a sentence made a space: a break stays before a bulleted
    line, before a numbered line after a line that is a list item or ends a sentence or a lead-in (':'), and
    between a short line and a capital."""
    lines = chunk.split("\n")
    out = [lines[0]]
    for before, line in itertools.pairwise(lines):
        marker = _LIST_MARKER.match(line.lstrip(" \t"))
        if marker:
            keep = (
                not line.lstrip(" \t")[:1].isdigit()
                or bool(_LIST_MARKER.match(before.lstrip(" \t")))
                or before.rstrip()[-1:] in (":", ".", "!", "?", ";")
            )
        else:  # a short line before a capital is a line of its own (a list without bullets), not a wrap
            keep = len(before.strip()) < _SHORT_LINE and line.lstrip(" \t")[:1].isupper()
        out.append(("\n" if keep else " ") + line)
    return "".join(out)


def _without_list_marker(text: str, span: Span, block_start: int) -> Span:
    """A sentence that is a list item starts after its bullet or number ("- ", "2. "), which is markup."""
    if span.start != block_start and text[span.start - 1] != "\n":
        return span
    marker = _LIST_MARKER.match(text, span.start, span.end)
    return Span(marker.end(), span.end) if marker and marker.end() < span.end else span


def _parts(chunk: str) -> list[tuple[int, int]]:
    """A long paragraph cut into pieces of about _PART_CHARS at sure sentence ends (a lowercase word, a full stop,
    a capital), because pysbd's time grows faster than linearly with its input (115 KB in one go: 26 s)."""
    cuts = [0]
    while len(chunk) - cuts[-1] > 2 * _PART_CHARS:
        found = _SURE_END.search(chunk, cuts[-1] + _PART_CHARS)
        if not found:
            break
        cuts.append(found.end())
    return list(itertools.pairwise([*cuts, len(chunk)]))


def _segment(text: str, start: int, end: int) -> list[Span]:
    """pysbd's sentences of text[start:end], located in the text (pysbd may drop white space)."""
    # pysbd ends a sentence at a line break; inside a paragraph one is a wrap ("O\n2", "the\npiers") unless a
    # list item follows. The same-length view keeps every offset.
    chunk = _unwrap(text[start:end])
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
    return spans


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
    """Join a segment to the one before when it cannot start a sentence (a speaker tail, a lone quote, the number
    after "c." or "approx.")."""
    out: list[Span] = []
    for span in spans:
        piece = text[span.start : span.end]
        before = text[out[-1].start : out[-1].end] if out else ""
        if out and (
            _CONTINUATION.match(piece)
            or _LONE_CLOSER.match(piece)
            or (_OPENS_WITH_NUMBER.match(piece) and _BEFORE_NUMBER.search(before))
        ):
            out[-1] = Span(out[-1].start, span.end)
        else:
            out.append(span)
    return out
