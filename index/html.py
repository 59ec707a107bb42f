"""Read a news web page through trafilatura: the article body as plain text, and its title, authors, date, site, URL."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from index.ingest import ArticleError

log = logging.getLogger(__name__)
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

HTML_SUFFIXES = (".html", ".htm")
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Page:
    """What trafilatura found in a page: the article text (paragraphs separated by blank lines) and metadata."""

    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    outlet: str | None = None
    url: str | None = None


def is_html(path: str, text: str) -> bool:
    """A file is read as HTML when its name ends in .html/.htm or its text opens like an HTML document."""
    return path.lower().endswith(HTML_SUFFIXES) or bool(_HTML_START.match(text[:2048]))


def extract(markup: str, path: str) -> Page:
    """The article in an HTML page; ArticleError when the page has no article text (only scripts, menus...)."""
    import trafilatura

    try:
        found = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False, include_tables=True)
    except Exception as exc:  # trafilatura/lxml may raise many kinds of errors on broken markup
        raise ArticleError(f"{path}: the HTML could not be read ({type(exc).__name__})") from None
    body = _paragraphs(found.text if found is not None else "")
    if not body:
        raise ArticleError(f"{path}: no article text found in the HTML page")
    title = _clean(found.title)
    if title and _clean(body[0]) != title:
        body.insert(0, title)
    return Page(
        text="\n\n".join(body) + "\n",
        title=title,
        authors=_authors(found.author),
        date=_clean(found.date),
        outlet=_clean(found.sitename),
        url=_clean(found.url),
    )


def _paragraphs(text: str | None) -> list[str]:
    """trafilatura puts one block a line; each becomes a paragraph with inner white space folded."""
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _authors(raw: str | None) -> tuple[str, ...]:
    """trafilatura joins several authors with '; '."""
    return tuple(name for name in (_clean(part) for part in (raw or "").split(";")) if name)
