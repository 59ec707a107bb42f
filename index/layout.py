"""Recognise the parts of a plain-text or Markdown news article: title, standfirst, date line, body, links, credit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from index import model

_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY = r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun)[a-z]*,?\s+)?"
_TIME = r"(?:\s*[-\u2013\u2014|,@]?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
_DATE_PATTERNS = [
    rf"{_WEEKDAY}{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}",
    rf"{_WEEKDAY}\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}}",
    r"\d{4}-\d{2}-\d{2}",
]
_DATE_RE = re.compile("|".join(f"(?:{p})" for p in _DATE_PATTERNS), re.IGNORECASE)
_DATELINE_RE = re.compile(
    rf"^\s*(?:(?:Published|Updated|Posted|Date)\s*:?\s*)?(?:{'|'.join(_DATE_PATTERNS)}){_TIME}\s*$",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(r"^\s*(?:\*|_)*\s*By\s+(?P<names>[^\n]+?)\s*(?:\*|_)*\s*$", re.IGNORECASE)
_CREDIT_RE = re.compile(
    r"contributed to this (?:report|story|article)|^\s*(?:reporting|writing|editing|additional reporting)\s+by\b",
    re.IGNORECASE,
)
_MD_HEADING = re.compile(r"^(#{1,6})\s+")
_NAME = r"[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,3}"


@dataclass
class Block:
    """A paragraph of the file: its span (markup such as '# ' excluded) and what part of the article it is."""

    start: int
    end: int
    kind: str
    paragraph: int = 0


@dataclass
class Layout:
    """The article's parts and the metadata read from them."""

    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    date: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of blank-line separated paragraphs, stripped of surrounding white space."""
    spans = []
    for match in re.finditer(r"(?:[^\n]|\n(?![ \t\u00a0]*\n))+", text):
        s, e = match.span()
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if e - trail > s + lead:
            spans.append((s + lead, e - trail))
    return spans


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        chunk = match.group(0)
        if chunk.strip():
            s = start + match.start() + len(chunk) - len(chunk.lstrip())
            spans.append((s, start + match.start() + len(chunk.rstrip())))
    return spans


def _is_furniture(line: str) -> bool:
    """A line that is never part of running prose: a date line, byline, heading or story link."""
    return bool(_DATELINE_RE.match(line) or _BYLINE_RE.match(line) or _MD_HEADING.match(line) or is_related_link(line))


def blocks_of(text: str) -> list[tuple[int, int]]:
    """Paragraph spans, with a paragraph cut into its lines where one of them is article furniture."""
    out = []
    for s, e in paragraphs(text):
        lines = _lines(text, s, e)
        if len(lines) > 1 and any(_is_furniture(text[a:b]) for a, b in lines):
            out.extend(lines)
        else:
            out.append((s, e))
    return out


def parse_date(raw: str) -> str | None:
    """ISO date (YYYY-MM-DD) of the first date in raw, or None."""
    match = _DATE_RE.search(raw)
    if not match:
        return None
    found = re.sub(r"^(?:[A-Za-z]+,?\s+)(?=\w+\s+\d)", "", match.group(0)) if "," in match.group(0) else match.group(0)
    found = found.replace(".", "").replace(",", "")
    found = re.sub(r"\bSept\b", "Sep", found, flags=re.IGNORECASE)
    for fmt in ("%b %d %Y", "%B %d %Y", "%d %b %Y", "%d %B %Y", "%Y-%m-%d", "%a %b %d %Y", "%A %B %d %Y"):
        try:
            return datetime.strptime(found.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def is_related_link(line: str) -> bool:
    """An all-caps single line of several words: a link to another story, not article prose."""
    if "\n" in line.strip():
        return False
    letters = [c for c in line if c.isalpha()]
    return len(line.split()) >= 3 and len(letters) >= 10 and all(not c.islower() for c in letters)


def _normalise(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def _split_names(raw: str) -> list[str]:
    raw = re.sub(r"\s*(?:,|\band\b|&)\s*", "|", raw)
    return [n.strip(" *_") for n in raw.split("|") if n.strip(" *_")]


def parse_credit(text: str) -> tuple[str | None, tuple[str, ...]]:
    """Outlet and authors from a credit or byline, e.g. "Fox News Digital's A B and C D contributed ..."."""
    byline = _BYLINE_RE.match(text)
    if byline:
        parts = re.split(r"\s*[|\u2014\u2013]\s*|\s+-\s+", byline.group("names"), maxsplit=1)
        outlet = parts[1].strip(" *_") if len(parts) > 1 else None
        return outlet or None, tuple(_split_names(parts[0]))
    outlet = None
    authors: list[str] = []
    possessive = re.match(
        rf"^\s*(?P<outlet>{_NAME})[\u2019']s\s+(?P<names>.+?)(?:,\s*as well as|\s+contributed|$)", text
    )
    if possessive:
        outlet = possessive.group("outlet").strip()
        authors = _split_names(possessive.group("names"))
    else:
        lead = re.match(r"^\s*(?:additional\s+)?(?:reporting|writing)\s+by\s+(?P<names>[^.;]+)", text, re.IGNORECASE)
        if lead:
            authors = _split_names(lead.group("names"))
    authors = [a for a in authors if re.match(rf"^{_NAME}$", a) and not a.lower().startswith("the ")]
    return outlet, tuple(authors)


def analyse(text: str, fallback_title: str = "") -> Layout:
    """Label every paragraph of a plain-text or Markdown article and read its title, date and credit."""
    layout = Layout()
    spans = blocks_of(text)
    if not spans:
        layout.title = fallback_title
        return layout
    body_no = 0
    seen_body = False
    for i, (s, e) in enumerate(spans):
        raw = text[s:e]
        heading = _MD_HEADING.match(raw)
        if heading:
            s += heading.end()
            raw = text[s:e]
        kind = model.BODY
        if i == 0:
            kind = model.TITLE
            layout.title = raw.strip()
        elif not seen_body and _DATELINE_RE.match(raw):
            kind = model.DATELINE
            layout.date = layout.date or parse_date(raw)
        elif not seen_body and _normalise(raw) == _normalise(layout.title):
            kind = model.TITLE
        elif (_BYLINE_RE.match(raw) and len(raw) < 200) or (_CREDIT_RE.search(raw) and len(raw) < 400):
            kind = model.CREDIT
        elif is_related_link(raw):
            kind = model.RELATED
        elif heading:
            kind = model.HEADING
        elif not seen_body and i == 1 and _followed_by_dateline(text, spans, i):
            kind = model.STANDFIRST
        if kind == model.CREDIT:
            outlet, authors = parse_credit(raw)
            layout.outlet = layout.outlet or outlet
            layout.authors = layout.authors or authors
        if kind == model.BODY:
            seen_body = True
            body_no += 1
        layout.blocks.append(Block(s, e, kind, body_no if kind == model.BODY else 0))
    if not layout.title:
        layout.title = fallback_title
    return layout


def _followed_by_dateline(text: str, spans: list[tuple[int, int]], i: int) -> bool:
    """A paragraph right after the title that precedes a date line is the standfirst."""
    return any(_DATELINE_RE.match(text[s:e]) for s, e in spans[i + 1 : i + 3])
