"""Recognise the parts of a plain-text or Markdown article: title, standfirst, date line, body, headings, links,
credit; and the furniture of a page copied whole (a wiki's menus, contents, infobox rows, reference lists)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from index import model, segment
from index.site import host_name, split_site

_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY = r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun)[a-z]*,?\s+)?"
_TIME = r"(?:\s*[-\u2013\u2014|,@]?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
_DATE_PATTERNS = [
    rf"{_WEEKDAY}{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}",
    rf"{_WEEKDAY}\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}}",
    r"\d{4}-\d{2}-\d{2}",
]
_DATE_RE = re.compile("|".join(f"(?:{p})" for p in _DATE_PATTERNS), re.IGNORECASE)
_CLOCK = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?"
_DATELINE_RE = re.compile(
    rf"^\s*(?:(?:Published|Updated|Posted|Last updated|Date)(?:\s+on)?\s*:?\s*)?(?:{_CLOCK}\s*[,|\u2013\u2014-]?\s*)?"
    rf"(?:{'|'.join(_DATE_PATTERNS)}){_TIME}\s*$",
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
# Words of bylines' job titles, e.g. "Senior Political Correspondent", "Staff Writer": no person, no outlet.
# fmt: off
_ROLE_WORDS = frozenset({
    "senior", "chief", "staff", "reporter", "reporters", "correspondent", "correspondents", "editor", "editors",
    "writer", "writers", "contributor", "contributing", "columnist", "political", "foreign", "news", "deputy",
    "associate", "managing", "digital", "producer", "analyst", "desk", "team", "international", "national",
    "business", "health", "science", "technology", "sports", "special", "guest", "opinion", "and", "of", "the",
})
# fmt: on
_ROLE_NOUNS = (
    r"(?:reporters?|correspondents?|editors?|writers?|columnists?|contributors?|producers?|analysts?|staff|desk|team)"
)


def is_job_title(name: str) -> bool:
    """A byline's job title, not a person: "Senior Political Correspondent", "Local Democracy Reporter", "Staff"."""
    words = name.lower().split()
    return bool(words) and (set(words) <= _ROLE_WORDS or bool(re.fullmatch(_ROLE_NOUNS, words[-1])))


# A byline without "By", as a page puts its authors' names above the date: "Jane Doe and John Roe", "Jane Doe in
# Kyiv". Only a line of two-to-four-word names right before a date line, before the body, is read as one.
_PERSON_NAME = r"[A-Z][\w'\u2019.-]+(?:\s+(?:[A-Z][\w'\u2019.-]+|de|van|von|der|da|di|del|la|le|al|bin)){1,3}"
_NAMES_LINE = re.compile(
    rf"^\s*(?P<names>{_PERSON_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_PERSON_NAME})*"
    r"(?:,\s+[A-Z][\w&.'\u2019-]*(?:\s+[A-Z][\w&.'\u2019-]*){0,4})?)"  # ", Reuters": the outlet, as in a byline
    r"(?:\s+in\s+[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3})?\s*$"
)
# A line joining a byline, the date and the outlet: "By Jane Doe | October 30, 2024", "Published 30 October 2024 |
# By Jane Doe", "By Jane Doe \u2022 Published October 30, 2024", "October 30, 2024 / 3:45 PM / Updated an hour ago".
_META_SEPARATOR = re.compile(r"\s+[|\u2022\u00b7/]\s+")
_META_TIME = re.compile(
    rf"^(?:{_CLOCK}|(?:updated\s+)?(?:an?|\d{{1,3}})\s+(?:min(?:ute)?s?|hours?|days?)\s+ago|\d{{1,3}}\s+min(?:ute)?s?\s+read)$",
    re.IGNORECASE,
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
# Who a caption credits: capitalised words joined by "/", ",", "via", "for", "and", "&" ("AP", "Jane Doe/Reuters via
# Getty Images"); a clause after it ("Credit: Jane Doe, who was there.") is prose.
_CREDIT_NAMES = r"[A-Z][\w.'\u2019&-]*(?:(?:\s*[/,]\s*|\s+(?:via|for|and|&)\s+|\s+)[A-Z][\w.'\u2019&-]*){0,8}"
# A news page's furniture copied with its text: pointers to other stories ("Read more: ...", "Related: ..."),
# newsletter and cookie notices, advertisement markers, share buttons, a live blog's post times ("22.10 GMT", "5m
# ago"), and photo captions ending in a credit ("... Photo: AP", "(AP Photo/Jane Doe)", "... Getty Images").
_PAGE_FURNITURE = re.compile(
    r"^(?:(?:read|watch|listen)\s+(?:more|also|next)|also\s+read|related(?:\s+(?:stories|articles|coverage|content|"
    r"links?|reading|topics|video))?|more\s+(?:from|on)\b[^.!?,;]{0,40}|more\s+stories|recommended(?:\s+stories)?|"
    r"most\s+(?:read|popular|viewed)|(?:skip\s+)?advertisement|story\s+continues\s+(?:below|after)[^.!?]{0,40}|"
    r"(?:share|print|email|save)\s+this\s+(?:article|story|page)|you\s+(?:may|might)\s+also\s+like|"
    r"follow\s+us\s+on[^.!?]{0,60})\s*(?:[:\u2013\u2014|>-](?:.*[^.!?\s\"'\u201d\u2019)\]])?)?\s*$"  # a headline after it
    r"|^(?:sign\s+up|subscribe)(?:\s+(?:for|to|now|here|today)\b|\s*[:!\u2013\u2014-])"  # to the reader, not "Sign up rates"
    r".{0,200}\b(?:newsletters?|inbox|e-?mails?|briefing|alerts)\b.{0,120}$"
    r"|^get\s+(?:the|our)\b.{0,120}\b(?:newsletters?|(?:to|in)\s+your\s+inbox)\b.{0,60}$"
    r"|^.{0,300}\b(?:we|this\s+(?:web)?site|our\s+(?:web)?site)(?:\s+and\s+our\s+partners)?\s+uses?\s+cookies\b.*$"
    r"|^(?:accept|reject|allow|manage)\s+(?:all\s+)?(?:cookies|preferences|choices)\b.{0,60}$"
    r"|^(?:\u00a9|\(c\)|copyright\s*(?:\u00a9|\(c\)|\d{4})).{0,200}$|^.{0,200}\ball\s+rights\s+reserved\.?$"
    r"|^skip\s+to\s+(?:main\s+)?(?:content|navigation|search)$"
    r"|^(?:share|copy\s+link|link\s+copied|share\s+on\s+\w+|show\s+(?:more|key\s+events)|load\s+more(?:\s+\w+)?)$"
    rf"|^(?:{_CLOCK}|\d{{1,3}}\s*(?:m|mins?|minutes?|h|hrs?|hours?|d|days?)\s+ago)$"
    rf"|^.{{0,300}}(?-i:\b(?:Photo(?:graph)?s?|Image|Picture|Illustration|Video|Credit)(?:\s+by)?\s*:\s*{_CREDIT_NAMES}\.?"
    r"|\((?:[A-Z]+\s+)?Photo(?:graph)?\b[^()]{0,80}\)|\bGetty\s+Images)\s*$",
    re.IGNORECASE,
)
# Titles of lists of links to other stories inside a news page: the short lines after one are links, not prose.
_LINK_LIST = re.compile(
    r"^(?:related(?:\s+\w+)?|read\s+(?:more|also|next)|also\s+read|more\s+(?:from|on)\b[^.!?:,;]{0,60}|more\s+stories|"
    r"recommended(?:\s+\w+)?|most\s+(?:read|popular|viewed)|you\s+(?:may|might)\s+also\s+like|top\s+stories|trending|"
    r"key\s+events|latest\s+(?:updates|posts))"
    r"\s*:?$",
    re.IGNORECASE,
)
# A wire dateline opening an article's first paragraph: "WASHINGTON (AP) \u2014 ", "COLUMBUS, Ohio (Reuters) - ",
# "LONDON, Oct 30 (Reuters) - ", "KYIV, Ukraine \u2014 ", "NEW DELHI: ". The place is in capitals, or has the date
# and an agency ("New Delhi, Oct 30 (PTI): "): "Apple (AAPL) \u2014 The company ..." is prose.
_PLACE_CAPS = r"[A-Z][A-Z.'\u2019-]+(?:\s+[A-Z][A-Z.'\u2019-]+){0,3}"
_PLACE = r"[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,3}"
_REGION = rf"(?:,\s+(?:{_MONTHS}\s+\d{{1,2}}|[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){{0,2}})){{0,2}}"
_AGENCY = r"\((?:[A-Z][\w&.'\u2019 -]{0,30})\)"
_DATED = rf"(?:,\s+[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){{0,2}})?,\s+{_MONTHS}\s+\d{{1,2}}"
_LEAD_DATELINE = re.compile(
    rf"^(?:{_PLACE_CAPS}{_REGION}(?:\s+{_AGENCY})?|{_PLACE}{_DATED}\s+{_AGENCY})\s*(?:[-\u2013\u2014]{{1,2}}|:)\s+"
    r"(?=[\"\u201c'\u2018A-Z0-9])"
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
# Any other front matter field, as web clippers write them ("source:", "created:", "description:", "tags:"): a
# lowercase key in the block of fields opening the text (no blank line between) is metadata, never prose.
_FRONT_MATTER_FIELD = re.compile(r"^\s*(?P<key>[a-z][a-z0-9_-]*(?: [a-z0-9_-]+){0,2})\s*:(?:\s+(?P<value>.*?))?\s*$")
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
        or is_page_furniture(line)
        or byline_and_date(line)
        or _TABLE_ROW.match(line)
        or _HEADER_FIELD.match(line)
        or _WIKI_HEADING.match(line)
    )


def is_chrome(line: str) -> bool:
    """A wiki page's interface line (menus, tabs, 'From Wikipedia...', hatnotes, category and footer lines)."""
    line = line.strip()
    return line.lower() in _CHROME_LINES or bool(_CHROME_RE.match(line))


def is_page_furniture(line: str) -> bool:
    """A news page's line that is no prose ("Read more: ...", "Advertisement", a newsletter or cookie notice, a
    caption ending in a photo credit); it opens with a capital, so a hard-wrapped line of prose never is one."""
    line = line.strip()
    return not line[:1].islower() and bool(_PAGE_FURNITURE.match(line))


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
    found = re.sub(rf"^{_WEEKDAY}", "", found, flags=re.IGNORECASE)  # "Wed 30 Oct 2024"
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
        people, affiliation = _byline_people(parts[0])
        outlet = parts[1].strip(" *_") if len(parts) > 1 else affiliation
        return outlet or None, people
    joined = byline_and_date(text)
    if joined:
        outlet, authors = parse_credit(joined[0]) if joined[0] else (None, ())
        return outlet or joined[2], authors
    names_only = _NAMES_LINE.match(text)
    if names_only:
        people, affiliation = _byline_people(names_only.group("names"))
        return affiliation, people
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


def _byline_people(raw: str) -> tuple[tuple[str, ...], str | None]:
    """A byline's people and the outlet after them: "Jane Doe and John Roe, Reuters" -> (Jane Doe, John Roe),
    Reuters; "A, B and C" are three people; "Ada Moss, Senior Reporter" has a job title, no outlet; the names of
    "PRIYA NAIR Associated Press" are the capitals (as "Priya Nair"). Two people are joined by "and", so a comma
    after the last name (the one after the last "and", else the first) opens the affiliation."""
    caps = re.match(
        r"^(?P<names>[A-Z][A-Z'\u2019.-]+(?:,?\s+(?:and\s+|&\s+)?[A-Z][A-Z'\u2019.-]+)+),?\s+(?P<rest>[A-Z][a-z].*)$",
        raw,
    )
    if caps:
        return tuple(_name_case(n) for n in _split_names(caps.group("names"))), caps.group("rest").strip(" *_")
    joins = list(re.finditer(r"\s+(?:and|&)\s+", raw))
    cut = raw.find(",", joins[-1].end() if joins else 0)
    names, tail = (raw, "") if cut < 0 else (raw[:cut], raw[cut + 1 :])
    affiliation = [p.strip(" *_") for p in tail.split(",") if p.strip(" *_")]
    affiliation = [p for p in affiliation if not is_job_title(p)]
    return tuple(_name_case(n) for n in _split_names(names)), (affiliation[-1] if affiliation else None)


def _name_case(name: str) -> str:
    """A name written in capitals as a name is written ("PRIYA NAIR" -> "Priya Nair", "O'NEIL" -> "O'Neil")."""
    if not name.isupper():
        return name
    return re.sub(r"(?<=\w)([A-Z]+)", lambda m: m.group(1).lower(), name)


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
    headline = _headline_before_byline(text, spans)
    header_key = ""
    fields_at = -1  # the last paragraph that was a header field: other fields only follow on the next line
    in_toc = False
    in_links = False
    dated = False  # a wire dateline was split off (an article has one)
    agency = None
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
        in_fields = i == 0 or (fields_at == i - 1 and text[spans[i - 1][1] : spans[i][0]].count("\n") < 2)
        field_ = None if seen_body else (_HEADER_FIELD.match(raw) or (in_fields and _FRONT_MATTER_FIELD.match(raw)))
        item = None if seen_body or not header_key else _HEADER_LIST_ITEM.match(raw)
        if field_ or item:
            fields_at = i
            key = field_.group("key").lower() if field_ else header_key
            value = ((field_.group("value") if field_ else item.group("value")) or "").strip("\"' ")
            header_key = key if field_ else header_key
            kind = _read_header(layout, key, value)
            if key == "title" and value:
                titled, title_at = True, i
        elif (
            in_toc
            or i < headline  # the site's name and menus of a whole page copied above its headline
            or (not titled and (is_chrome(raw) or _TABLE_ROW.match(raw) or is_page_furniture(raw)))
        ):
            kind = model.RELATED
        elif not titled and (_long_prose(raw) or _several_sentences(raw)):  # a text without a title line
            titled, title_at = True, -2
        elif not titled:
            kind = model.TITLE
            titled, title_at = True, i
            layout.title = raw.strip()
        elif not seen_body and _DATELINE_RE.match(raw) and _publication_date(raw):
            kind = model.DATELINE
            layout.date = layout.date or parse_date(raw)
        elif not seen_body and (joined := byline_and_date(raw)):
            kind = model.CREDIT if joined[0] else model.DATELINE
            layout.date = layout.date or joined[1]
        elif not seen_body and _NAMES_LINE.match(raw) and _followed_by_dateline(text, spans, i, 1):
            kind = model.CREDIT
        elif _TABLE_ROW.match(raw):
            kind = model.RELATED
        elif not seen_body and _normalise(raw) == _normalise(layout.title):
            kind = model.TITLE
        elif (_BYLINE_RE.match(raw) and len(raw) < 200) or (_CREDIT_RE.search(raw) and len(raw) < 400):
            kind = model.CREDIT
        elif is_page_furniture(raw):
            kind = model.RELATED
        elif heading or bare_heading:
            kind = model.HEADING
        elif back_matter or is_related_link(raw) or is_chrome(raw):
            kind = model.RELATED
        elif not seen_body and i == title_at + 1 and _followed_by_dateline(text, spans, i):
            kind = model.STANDFIRST
        in_toc = in_toc or _normalise(raw) in _TOC_TITLES
        if in_links and kind in (model.BODY, model.HEADING) and not heading and not _ends_prose(raw):
            kind = model.RELATED  # a link in a "Related stories" list
        if _LINK_LIST.match(raw.strip()):
            kind, in_links = (model.RELATED if kind == model.BODY else kind), True
        else:
            in_links = in_links and kind == model.RELATED
        lead = _lead_dateline(raw, body_no) if kind == model.BODY and not dated else None
        if lead:  # "WASHINGTON (AP) \u2014 " is where the story was filed, not its prose
            dated = True
            layout.blocks.append(Block(s, s + len(lead.group(0).rstrip()), model.DATELINE))
            agency = re.search(r"\(([^()]+)\)", lead.group(0))
            s += lead.end()
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
    full_title = layout.title
    layout.title, site = split_site(layout.title, url=layout.url)
    for block in layout.blocks:  # "Dam opens | Reuters" as the first line: the site's name is no part of the title
        if block.kind == model.TITLE and site and text[block.start : block.end] == full_title:
            block.end = block.start + len(layout.title)
    layout.outlet = layout.outlet or site or (agency.group(1) if agency else None) or host_name(layout.url)
    return layout


def _lead_dateline(raw: str, body_no: int) -> re.Match[str] | None:
    """The wire dateline opening the first body paragraph, or the second (after an excerpt) when it names its
    agency: in a later paragraph "NATO \u2014 The alliance ..." is prose."""
    lead = _LEAD_DATELINE.match(raw) if body_no < 2 else None
    if lead and lead.end() < len(raw) and (body_no == 0 or "(" in lead.group(0)):
        return lead
    return None


def dateline_date(line: str) -> str | None:
    """The ISO date of a line that is a publication date line ("Updated 3:45 PM EDT, Wed October 30, 2024",
    "Published: 30 October 2024"), else None."""
    return parse_date(line) if _DATELINE_RE.match(line) and _publication_date(line) else None


def _publication_date(line: str) -> bool:
    """A date line that can be the article's own date: labelled as one ("Published ..."), or of 1990 or later;
    "10 July 1856" alone on a line is an infobox value or a caption, not when the article appeared."""
    date = parse_date(line)
    return bool(re.match(r"\s*(?:Published|Updated|Posted|Date)\b", line, re.IGNORECASE)) or (
        date is not None and date >= _EARLIEST_PUBLICATION
    )


_URL_KEYS = frozenset(
    {"url", "url source", "source url", "source", "canonical", "canonical url", "link", "original url"}
)


def _read_header(layout: Layout, key: str, value: str) -> str:
    """Take a header line's metadata into the layout; the kind of the line (never answerable)."""
    if key == "title" and value:
        layout.title = layout.title or value
    elif key.replace("_", " ").startswith(("published", "date", "updated", "last updated", "modified")):
        layout.date = layout.date or parse_date(value)
        return model.DATELINE
    elif key in ("author", "authors", "byline", "creator") and value:
        names = tuple(n for n in _split_names(value.strip("[]")) if re.match(rf"^{_NAME}$", n.strip("\"'")))
        layout.authors = layout.authors + tuple(n.strip("\"'") for n in names)
        return model.CREDIT
    elif key in ("site", "site name", "outlet", "publisher") and value:
        layout.outlet = layout.outlet or value
        return model.CREDIT
    elif key.replace("_", " ") in _URL_KEYS and value.startswith(("http://", "https://")):
        layout.url = layout.url or value
    return model.RELATED


def _headline_before_byline(text: str, spans: list[tuple[int, int]]) -> int:
    """Where a whole copied news page's headline is: the heading-like line of three or more words nearest above
    its byline or date line (skipping a standfirst sentence), when two or more lines above it are all menu-short
    (at most four words, no sentence: "It is big.", "Why now?" are prose) or page furniture: the site's name, menus and
    banners. 0 when the article starts with its title (a title, then a standfirst without a full stop, then the
    byline, keeps its title)."""
    k = next((j for j, (s, e) in enumerate(spans[:60]) if _byline_or_date(text[s:e]) or _long_prose(text[s:e])), -1)
    if k < 0 or _long_prose(text[spans[k][0] : spans[k][1]]):
        return 0
    if k > 0 and _NAMES_LINE.match(text[spans[k - 1][0] : spans[k - 1][1]]):
        k -= 1  # the authors' names above the date line are the byline
    for t in range(k - 1, max(k - 3, 1), -1):
        raw = text[spans[t][0] : spans[t][1]].lstrip("# ")
        if looks_like_heading(raw, 25) and len(raw.split()) >= 3 and not _is_furniture(raw):
            above = [text[s:e] for s, e in spans[:t]]
            menus = all((len(a.split()) <= 4 and not _ends_sentence(a)) or _is_furniture(a) for a in above)
            return t if menus else 0
        if not _ends_prose(raw):
            return 0
    return 0


def _byline_or_date(line: str) -> bool:
    line = line.lstrip("#*_ ").rstrip("*_ ")
    return bool(_BYLINE_RE.match(line) or dateline_date(line) or byline_and_date(line))


def byline_and_date(line: str) -> tuple[str | None, str | None, str | None] | None:
    """A line that joins a byline, a date line, times and the outlet ("By Jane Doe | October 30, 2024", "By Jane
    Doe, Reuters, October 30, 2024"): (byline, ISO date, outlet), with a byline or a date; else None."""
    line = line.strip().strip("*_").strip()
    trailing = re.search(rf",\s*(?:{'|'.join(_DATE_PATTERNS)}){_TIME}\s*$", line, re.IGNORECASE)
    parts = _META_SEPARATOR.split(line[: trailing.start()] if trailing else line)
    parts += [trailing.group(0).lstrip(", ")] if trailing else []
    if len(parts) < 2:
        return None
    byline = date = outlet = None
    for part in parts:
        if byline is None and _BYLINE_RE.match(part):
            byline = part
        elif _DATELINE_RE.match(part):
            date = date or parse_date(part)
        elif _META_TIME.match(part):
            continue
        elif outlet is None and looks_like_heading(part, 5):
            outlet = part
        else:
            return None
    return (byline, date, outlet) if byline or date else None


def _long_prose(line: str) -> bool:
    return _ends_prose(line) and len(line.split()) > 20


def _several_sentences(line: str) -> bool:
    """A paragraph of two or more sentences ending like one: prose, never a headline."""
    return _ends_prose(line) and len(segment.split_sentences(line)) > 1


def _ends_prose(line: str) -> bool:
    """A paragraph that ends like a sentence (a full stop or exclamation mark) or is long: not a story link."""
    return bool(re.search(r"""[.!]["'\u201d\u2019)\]]*$""", line.rstrip())) or len(line.split()) > 20


def _ends_sentence(line: str) -> bool:
    """A line that ends like a sentence, a question too: no menu item or site name does."""
    return _ends_prose(line) or bool(re.search(r"""\?["'\u201d\u2019)\]]*$""", line.rstrip()))


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


def _followed_by_dateline(text: str, spans: list[tuple[int, int]], i: int, within: int = 2) -> bool:
    """Whether a date line comes within the next `within` paragraphs (after the title: the standfirst's test)."""
    return any(_DATELINE_RE.match(text[s:e]) for s, e in spans[i + 1 : i + 1 + within])
