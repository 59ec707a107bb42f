"""Recognise the parts of a plain-text or Markdown article: title, standfirst, date line, body, headings, links,
credit; and the furniture of a page copied whole (a wiki's menus, contents, infobox rows, reference lists)."""

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
# A byline names people, not a clause: "By Jane Roe and Sam Poe | Coastal Times", "By Ada Moss, Senior Reporter";
# never "By 9000 BP, Europe was fully forested." or "By Tuesday, troops had left".
_BY_NAME = r"(?:[A-Z][\w'\u2019.-]*|(?:de|van|von|der|da|di|del|la|le|al|bin)\b)(?:\s+(?:[A-Z][\w'\u2019.-]*|(?:de|van|von|der|da|di|del|la|le|al|bin)\b)){0,4}"
_BY_TAIL = (
    r"(?:[A-Z][\w'\u2019.&-]*|of|and|the|for|at|in|on)(?:\s+(?:[A-Z][\w'\u2019.&-]*|of|and|the|for|at|in|on)){0,8}"
)
_BYLINE_RE = re.compile(
    rf"^\s*(?:\*|_)*\s*(?i:by)\s+(?P<names>{_BY_NAME}(?:\s*(?:,|\band\b|&)\s*{_BY_NAME})*"
    rf"(?:(?:\s*[|\u2014\u2013]\s*|\s+-\s+|,\s*){_BY_TAIL})?)\s*(?:\*|_)*\s*$"
)
_CREDIT_RE = re.compile(
    r"contributed to this (?:report|story|article)|^\s*(?:reporting|writing|editing|additional reporting)\s+by\b",
    re.IGNORECASE,
)
_MD_HEADING = re.compile(r"^(#{1,6})\s+")
# Sections after the article proper: what follows such a heading is lists of links and sources, never prose.
_BACK_MATTER = frozenset(
    {
        "see also",
        "references",
        "reference",
        "notes",
        "external links",
        "further reading",
        "bibliography",
        "sources",
        "citations",
        "footnotes",
        "notes and references",
        "references and notes",
        "works cited",
        "explanatory notes",
        "general references",
        "cited sources",
        "literature",
        "notes and citations",
        "citations and notes",
        "external sources",
        "related articles",
        "related links",
        "related",
        "read more",
        "more on this story",
    }
)
# A wiki page's interface lines when the whole page is copied as text (menus, tabs, tools, footer links).
_CHROME_LINES = frozenset(
    {
        "jump to content",
        "main menu",
        "move to sidebar",
        "hide",
        "show",
        "navigation",
        "main page",
        "contents",
        "current events",
        "random article",
        "about wikipedia",
        "contact us",
        "contribute",
        "help",
        "learn to edit",
        "community portal",
        "recent changes",
        "upload file",
        "special pages",
        "search",
        "donate",
        "create account",
        "log in",
        "personal tools",
        "appearance",
        "toggle the table of contents",
        "(top)",
        "article",
        "talk",
        "read",
        "edit",
        "view source",
        "view history",
        "tools",
        "actions",
        "general",
        "what links here",
        "related changes",
        "permanent link",
        "page information",
        "cite this page",
        "get shortened url",
        "download qr code",
        "print/export",
        "download as pdf",
        "printable version",
        "in other projects",
        "wikimedia commons",
        "wikidata item",
        "from wikipedia, the free encyclopedia",
        "edit links",
        "privacy policy",
        "disclaimers",
        "contact wikipedia",
        "code of conduct",
        "developers",
        "statistics",
        "cookie statement",
        "mobile view",
        "vte",
        "v t e",
        "v \u00b7 t \u00b7 e",
        "expand all",
        "collapse all",
        "add languages",
        "add links",
    }
)
_CHROME_RE = re.compile(
    r"^(?:\d+ languages?|toggle .{1,80} subsection|this page was last edited on .*|text is available under the .*"
    r"|retrieved from [\"\u201c]?https?://.*|hidden categories:.*|categories?:.*|authority control.*|coordinates:.*"
    r"|this article is about .*(?:for other uses|see ).*|for other uses, see .*|not to be confused with .*|main articles?: .*"
    r"|further information: .*|see also: .*|.{1,80} redirects here\..*|pages for logged out editors.*)$",
    re.IGNORECASE,
)
# Wiki markup and plain-text dump headings: "== History ==", "=== Early life ===".
_WIKI_HEADING = re.compile(r"^\s*(?P<signs>={1,6})[ \t]*(?P<words>[^=\s](?:[^\n]*?[^=\s])?)[ \t]*(?P=signs)\s*$")
_EARLIEST_PUBLICATION = "1990-01-01"  # an unlabelled date line before this is not the article's date
# A wiki's tagline names the site: "From Wikipedia, the free encyclopedia".
_FROM_SITE = re.compile(r"^\s*From (?P<site>[A-Z][\w .'-]{1,40}), the free encyclopedia\s*$")
# A table of contents copied with its page: "Contents" then numbered entries ("1 History", "2.1\tClimate").
_TOC_TITLES = frozenset({"contents", "contents hide", "table of contents", "hide contents"})
_TOC_ENTRY = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?[ \t]+\S.{0,90}$")
# A metadata line at the top of a file: Markdown front matter ("title: ...", "date: ...") or a reader tool's
# header ("Title: ...", "URL Source: ...", "Published Time: ...", "Markdown Content:").
_HEADER_FIELD = re.compile(
    r"^\s*(?P<key>title|url source|url|source url|canonical(?: url)?|link|published(?: time| date| at)?|"
    r"date(?: published)?|updated|last updated|modified|author|authors|byline|markdown content|tags|categories|"
    r"keywords|lang|language|slug|layout|image|site|site name|outlet|publisher|draft|id)\s*:(?:\s+(?P<value>.*?))?\s*$",
    re.IGNORECASE,
)
_HEADER_LIST_ITEM = re.compile(r"^\s*-\s+(?P<value>.+?)\s*$")
# A table row: cells between pipes (Markdown, or an HTML table as extracted) or separated by tabs (copied).
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$|^[^\t\n]*\S *\t+[^\t\n]*\S")
_TERMINAL = re.compile(r"""[.!?\u2026:;,]["'\u201d\u2019)\]]*$""")
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
    url: str | None = None


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
    """A line that is never part of running prose: a date line, byline, heading, story link, page chrome, table row."""
    return bool(
        _DATELINE_RE.match(line)
        or _BYLINE_RE.match(line)
        or _MD_HEADING.match(line)
        or is_related_link(line)
        or is_chrome(line)
        or _TABLE_ROW.match(line)
        or _HEADER_FIELD.match(line)
        or _WIKI_HEADING.match(line)
    )


def is_chrome(line: str) -> bool:
    """A wiki page's interface line (menus, tabs, 'From Wikipedia...', hatnotes, category and footer lines)."""
    line = line.strip()
    return line.lower() in _CHROME_LINES or bool(_CHROME_RE.match(line))


def looks_like_heading(line: str, max_words: int = 10) -> bool:
    """A short line without closing punctuation that opens with a capital or a digit: a section heading."""
    words = line.split()
    return (
        0 < len(words) <= max_words
        and len(line) <= 9 * max_words
        and "\n" not in line.strip()
        and (line.lstrip()[:1].isupper() or line.lstrip()[:1].isdigit())
        and not _TERMINAL.search(line.rstrip())
        and any(c.isalpha() for c in line)
    )


def _one_paragraph_a_line(text: str, lines: list[tuple[int, int]]) -> bool:
    """Lines of a block that are each a paragraph or heading (text with single newlines between paragraphs),
    not a hard-wrapped paragraph: every line ends a sentence or is heading-short (the first, a headline, may
    be up to 25 words), and some line is long."""
    chunks = [text[a:b] for a, b in lines]
    return any(len(c) > 120 for c in chunks) and all(
        _TERMINAL.search(c) or (looks_like_heading(c, 25 if i == 0 else 8)) for i, c in enumerate(chunks)
    )


def blocks_of(text: str) -> list[tuple[int, int]]:
    """Paragraph spans, with a paragraph cut into its lines where one of them is article furniture or where its
    lines are paragraphs of their own."""
    out = []
    for s, e in paragraphs(text):
        lines = _lines(text, s, e)
        if len(lines) > 1 and (any(_is_furniture(text[a:b]) for a, b in lines) or _one_paragraph_a_line(text, lines)):
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
    back_matter = False
    titled = False
    title_at = 0
    header_key = ""
    in_toc = False
    for i, (s, e) in enumerate(spans):
        raw = text[s:e]
        heading = _MD_HEADING.match(raw)
        if heading:
            s += heading.end()
            raw = text[s:e]
        wiki_heading = None if heading else _WIKI_HEADING.match(raw)
        if wiki_heading:  # "== History ==": the heading is the words between the signs
            s, e = s + wiki_heading.start("words"), s + wiki_heading.end("words")
            raw = text[s:e]
            heading = wiki_heading
        in_toc = in_toc and bool(_TOC_ENTRY.match(raw))
        bare_heading = not heading and not in_toc and titled and _bare_heading(text, spans, i)
        if heading or bare_heading:
            back_matter = _normalise(raw) in _BACK_MATTER
        kind = model.BODY
        field_ = None if seen_body else _HEADER_FIELD.match(raw)
        item = None if seen_body or not header_key else _HEADER_LIST_ITEM.match(raw)
        if field_ or item:
            key = field_.group("key").lower() if field_ else header_key
            value = ((field_.group("value") if field_ else item.group("value")) or "").strip("\"' ")
            header_key = key if field_ else header_key
            kind = _read_header(layout, key, value)
            if key == "title" and value:
                titled, title_at = True, i
        elif in_toc or (not titled and (is_chrome(raw) or _TABLE_ROW.match(raw))):
            kind = model.RELATED
        elif not titled:
            kind = model.TITLE
            titled, title_at = True, i
            layout.title = raw.strip()
        elif not seen_body and _DATELINE_RE.match(raw) and _publication_date(raw):
            kind = model.DATELINE
            layout.date = layout.date or parse_date(raw)
        elif _TABLE_ROW.match(raw):
            kind = model.RELATED
        elif not seen_body and _normalise(raw) == _normalise(layout.title):
            kind = model.TITLE
        elif (_BYLINE_RE.match(raw) and len(raw) < 200) or (_CREDIT_RE.search(raw) and len(raw) < 400):
            kind = model.CREDIT
        elif heading or bare_heading:
            kind = model.HEADING
        elif back_matter or is_related_link(raw) or is_chrome(raw):
            kind = model.RELATED
        elif not seen_body and i == title_at + 1 and _followed_by_dateline(text, spans, i):
            kind = model.STANDFIRST
        in_toc = in_toc or _normalise(raw) in _TOC_TITLES
        site = _FROM_SITE.match(raw) if kind == model.RELATED else None
        layout.outlet = layout.outlet or (site.group("site") if site else None)
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
    layout.title = _without_site_name(layout.title, layout.url)
    return layout


def _publication_date(line: str) -> bool:
    """A date line that can be the article's own date: labelled as one ("Published ..."), or of 1990 or later;
    "10 July 1856" alone on a line is an infobox value or a caption, not when the article appeared."""
    date = parse_date(line)
    return bool(re.match(r"\s*(?:Published|Updated|Posted|Date)\b", line, re.IGNORECASE)) or (
        date is not None and date >= _EARLIEST_PUBLICATION
    )


def _read_header(layout: Layout, key: str, value: str) -> str:
    """Take a header line's metadata into the layout; the kind of the line (never answerable)."""
    if key == "title" and value:
        layout.title = layout.title or value
    elif key.startswith(("published", "date", "updated", "last updated", "modified")):
        layout.date = layout.date or parse_date(value)
        return model.DATELINE
    elif key in ("author", "authors", "byline") and value:
        names = tuple(n for n in _split_names(value.strip("[]")) if re.match(rf"^{_NAME}$", n.strip("\"'")))
        layout.authors = layout.authors + tuple(n.strip("\"'") for n in names)
        return model.CREDIT
    elif key in ("site", "site name", "outlet", "publisher") and value:
        layout.outlet = layout.outlet or value
        return model.CREDIT
    elif key in ("url", "url source", "source url", "canonical", "canonical url", "link") and value:
        layout.url = layout.url or value
    return model.RELATED


def _without_site_name(title: str, url: str | None) -> str:
    """'Kenya - Wikipedia' -> 'Kenya' when the part after the dash names the site the URL is on."""
    found = re.match(r"^(?P<title>.+?)\s+[-|\u2013\u2014\u00b7]\s+(?P<site>[^-|\u2013\u2014\u00b7]{2,40})$", title)
    host = re.sub(r"^\w+://", "", url or "").split("/")[0].lower()
    site = re.sub(r"\W+", "", found.group("site").lower()) if found else ""
    return found.group("title") if found and site and site in host.replace(".", "") else title


def _is_prose(line: str) -> bool:
    return bool(_TERMINAL.search(line.rstrip())) or len(line.split()) > 12


def _bare_heading(text: str, spans: list[tuple[int, int]], i: int) -> bool:
    """A heading-like line (no '#') that a prose paragraph follows, directly or after a sub-heading."""
    raw = text[spans[i][0] : spans[i][1]]
    if not looks_like_heading(raw) or _is_furniture(raw):
        return False
    after = [text[s:e] for s, e in spans[i + 1 : i + 3]]
    if _normalise(raw) in _BACK_MATTER:
        return bool(after)
    if after and _is_prose(after[0]):
        return True
    return len(after) == 2 and looks_like_heading(after[0]) and _is_prose(after[1])


def _followed_by_dateline(text: str, spans: list[tuple[int, int]], i: int) -> bool:
    """A paragraph right after the title that precedes a date line is the standfirst."""
    return any(_DATELINE_RE.match(text[s:e]) for s, e in spans[i + 1 : i + 3])
