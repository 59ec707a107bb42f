"""Read a web page through trafilatura: the article body as plain text, and its title, authors, date, site, URL;
page furniture (wiki edit links, citation marks, infoboxes, navigation, contents, references) removed first."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from index.ingest import ArticleError

# Both log about every odd page; what matters reaches the user as an ArticleError.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

HTML_SUFFIXES = (".html", ".htm")
# Words of bylines' job titles, e.g. "Senior Political Correspondent", "Staff Writer".
# fmt: off
_ROLE_WORDS = frozenset({
    "senior", "chief", "staff", "reporter", "reporters", "correspondent", "correspondents", "editor", "editors",
    "writer", "writers", "contributor", "contributing", "columnist", "political", "foreign", "news", "deputy",
    "associate", "managing", "digital", "producer", "analyst", "desk", "team", "international", "national",
    "business", "health", "science", "technology", "sports", "special", "guest", "opinion", "and", "of", "the",
})
# fmt: on
# Page furniture that is never article prose, by class or id: wiki edit links, citation superscripts, reference
# lists, infoboxes, navigation boxes, tables of contents, hatnotes, category links, print footers, sidebars.
# fmt: off
_FURNITURE_CLASSES = (
    "mw-editsection", "reference", "references", "reflist", "mw-references-wrap", "mw-cite-backlink", "infobox",
    "navbox", "navbox-styles", "vertical-navbox", "authority-control", "toc", "vector-toc", "catlinks",
    "printfooter", "hatnote", "shortdescription", "sidebar", "ambox", "mw-jump-link", "noprint", "mw-empty-elt",
    "vector-header", "vector-page-toolbar", "vector-page-titlebar", "mw-footer", "navigation-not-searchable",
)
_FURNITURE_IDS = ("toc", "siteSub", "contentSub", "jump-to-nav", "catlinks", "footer", "mw-navigation", "mw-panel")
# fmt: on
_FURNITURE_XPATH = " | ".join(
    [f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {c} ')]" for c in _FURNITURE_CLASSES]
    + [f"//*[@id='{i}']" for i in _FURNITURE_IDS]
)
# A page title that is the article's own heading plus the site's name: "Rhine - Wikipedia", "Dam opens | Post".
_SITE_SUFFIX = re.compile(r"\s+[-|\u2013\u2014:\u00b7]\s+\S.{0,60}$")
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Page:
    """What trafilatura found in a page: the article text (blocks separated by blank lines) and metadata."""

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
    from trafilatura.utils import load_html

    try:
        tree = load_html(markup)
        if tree is None:
            raise ArticleError(f"{path}: no article text found in the HTML page")
        heading = _main_heading(tree)
        _drop_furniture(tree)
        found = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            # Only dates the page states as its own (meta tags, time elements), never a year guessed from the text.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except ArticleError:
        raise
    except Exception as exc:  # trafilatura/lxml may raise many kinds of errors on broken markup
        raise ArticleError(f"{path}: the HTML could not be read ({type(exc).__name__})") from None
    body = _blocks(found.body) if found is not None and found.body is not None else []
    if not body:
        raise ArticleError(f"{path}: no article text found in the HTML page")
    title = _own_title(_clean(found.title), heading)
    if body and _clean(body[0].lstrip("# ")) == title:
        body[0] = title  # the page's own heading is the title, not a section heading
    if title and _clean(body[0].lstrip("# ")) != title:
        body.insert(0, title)
    return Page(
        text="\n\n".join(body) + "\n",
        title=title,
        authors=_authors(found.author),
        date=_clean(found.date),
        outlet=_clean(found.sitename),
        url=_clean(found.url),
    )


def _main_heading(tree) -> str | None:
    """The text of the page's first h1, the article's own title on most sites."""
    found = tree.xpath("//h1")
    return _clean("".join(found[0].itertext())) if found else None


def _own_title(title: str | None, heading: str | None) -> str | None:
    """The title without the site name after it when the page's h1 says the same without it."""
    if (
        title
        and heading
        and title != heading
        and title.startswith(heading)
        and _SITE_SUFFIX.fullmatch(title[len(heading) :])
    ):
        return heading
    return title


def _drop_furniture(tree) -> None:
    """Remove page furniture from the tree (keeping the text that follows an element inside its parent)."""
    for element in tree.xpath(_FURNITURE_XPATH):
        parent = element.getparent()
        if parent is not None:
            element.drop_tree()


def _blocks(body) -> list[str]:
    """One paragraph per block of trafilatura's body tree: headings as Markdown `## ` (so the layout marks
    them as headings), each list item on its own, each table row as `| cell | cell |` (a row, which the layout
    never answers from), white space folded."""
    out: list[str] = []
    for element in body:
        if element.tag == "list":
            out.extend(_text(item) for item in element.iter("item"))
        elif element.tag == "table":
            out.extend(
                "| " + " | ".join(_text(cell) for cell in row.iter("cell")) + " |" for row in element.iter("row")
            )
        elif element.tag == "head" and _text(element):
            out.append("## " + _text(element))
        else:
            out.append(_text(element))
    return [block for block in out if block.strip("|# ")]


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _authors(raw: str | None) -> tuple[str, ...]:
    """trafilatura joins several authors with '; '; a job title it split off a byline ("Senior Reporter") is no author."""
    names = (_clean(part) for part in (raw or "").split(";"))
    return tuple(name for name in names if name and not set(name.lower().split()) <= _ROLE_WORDS)
