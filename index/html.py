"""Read a web page: the article body as plain text through trafilatura (page furniture such as wiki edit links,
citation marks, infoboxes, navigation, contents and references removed first), and the title, outlet and authors
the page declares (h1, og: tags, <title>, JSON-LD), the date and URL as trafilatura finds them."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from index.ingest import ArticleError
from index.layout import dateline_date, is_job_title
from index.site import same_text, split_site

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Both log about every odd page; what matters reaches the user as an ArticleError.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

HTML_SUFFIXES = (".html", ".htm")
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
# schema.org types of an article's own JSON-LD object (NewsArticle, ReportageNewsArticle, BlogPosting,
# LiveBlogPosting, ...), whose headline, author and publisher describe the page.
_ARTICLE_TYPE = re.compile(r"(?:\w*Article|\w*Posting|Report)$")
_PERSON, _ORGANISATIONS = "Person", ("Organization", "NewsMediaOrganization", "Corporation")
# The address a browser notes in a page it saves: <!-- saved from url=(0042)https://... -->.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(?P<url>https?://[^\s>]+?)\s*-->", re.IGNORECASE)
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Page:
    """A page's article text (blocks separated by blank lines) and metadata; outlet is None when the page names
    no site (no site name, title suffix or publisher)."""

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
        head = _declared(tree)
        _drop_furniture(tree)
        shown_date = _date_under_heading(tree)
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
    saved_from = _SAVED_FROM.search(markup[:4096])
    url = _clean(found.url) or (saved_from.group("url") if saved_from else None)
    title = _title(head, url) or _clean(found.title)
    if body and _clean(body[0].lstrip("# ")) == title:
        body[0] = title  # the page's own heading is the title, not a section heading
    if title and _clean(body[0].lstrip("# ")) != title:
        body.insert(0, title)
    outlet = _outlet(head, url)
    people = head.authors or _authors(found.author)
    return Page(
        text="\n\n".join(body) + "\n",
        title=title,
        authors=tuple(name for name in people if name.casefold() not in _names_of(head, outlet)),
        date=_clean(found.date) or shown_date,
        outlet=outlet,
        url=url,
    )


@dataclass(frozen=True)
class _Head:
    """What a page says about itself before its text: headings, titles and site names it declares."""

    headings: tuple[str, ...] = ()  # every h1, in order
    titles: tuple[str, ...] = ()  # og:title, twitter:title, <title>, the JSON-LD headline, in that order
    site_names: tuple[str, ...] = ()  # og:site_name, application-name, a JSON-LD WebSite's name
    publisher: str | None = None  # the JSON-LD article's publisher, else a publisher meta tag
    authors: tuple[str, ...] = ()  # the JSON-LD article's authors that are people


def _declared(tree: HtmlElement) -> _Head:
    """Read the page's h1s, meta tags, <title> and JSON-LD (the first object of an article type)."""
    meta = {}
    for element in tree.xpath("//meta[@content]"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        value = _clean(element.get("content"))
        if key and value and not value.startswith(("http://", "https://")):
            meta.setdefault(key, value)
    objects = list(_json_ld(tree))
    article = next((o for o in objects if any(_ARTICLE_TYPE.match(t) for t in _types(o))), {})
    site = next((o for o in objects if "WebSite" in _types(o)), {})
    publisher = _name(article.get("publisher")) or next(
        (_name(o) for o in objects if set(_types(o)) & set(_ORGANISATIONS)), None
    )
    tag_title = tree.xpath("//head/title | //title")
    return _Head(
        headings=tuple(h for h in (_clean("".join(e.itertext())) for e in tree.xpath("//h1")) if h),
        titles=_present(
            meta.get("og:title"),
            meta.get("twitter:title"),
            _clean("".join(tag_title[0].itertext())) if tag_title else None,
            _clean(article.get("headline") if isinstance(article.get("headline"), str) else None),
        ),
        site_names=_present(meta.get("og:site_name"), meta.get("application-name"), _name(site)),
        publisher=publisher or meta.get("publisher") or meta.get("dc.publisher") or meta.get("dcterms.publisher"),
        authors=_present(*(_person(a) for a in _as_list(article.get("author")))),
    )


def _date_under_heading(tree: HtmlElement) -> str | None:
    """The date a page shows near its headline when no tag states one: among the 300 elements after the first
    h1, outside tables, the first short text that is a date line ("Updated 3:45 PM EDT, Wed October 30, 2024"),
    before the story's first long paragraph."""
    after = -1
    for element in tree.iter():
        if after < 0:
            after = 0 if element.tag == "h1" else -1
            continue
        after += 1
        if after > 300:
            return None
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "h1") or len(element) > 5:
            continue  # (an element of many children holds blocks, not one line)
        if next(element.iterancestors("table"), None) is not None:
            continue
        text = _clean("".join(element.itertext()))
        if text and len(text) > 200 and element.tag == "p":
            return None
        date = dateline_date(text) if text and len(text) <= 80 else None
        if date:
            return date
    return None


def _title(head: _Head, url: str | None) -> str | None:
    """The article's title: the first h1 that one of the page's declared titles says too (with the site's name
    around it or not); else the first declared title without the site's name; else the first h1."""
    for heading in head.headings:
        for title in head.titles:
            if same_text(heading, title) or same_text(heading, split_site(title, head.site_names, url, heading)[0]):
                return heading
    if head.titles:
        return split_site(head.titles[0], head.site_names, url)[0]
    return head.headings[0] if head.headings else None


def _outlet(head: _Head, url: str | None) -> str | None:
    """The publication's name as the page gives it: a declared site name, else the site's part of its title
    ("Rhine - Wikipedia", "Storm hits coast | CNN"), else its publisher; None when it gives none (the caller
    then tries a byline in the text, then the host the page is on)."""
    if head.site_names:
        return head.site_names[0]
    heading = _title(head, url)
    for title in head.titles:
        site = split_site(title, (), url, heading)[1]
        if site:
            return site
    return head.publisher


def _names_of(head: _Head, outlet: str | None) -> set[str]:
    """The site's and publisher's names, which a byline or meta tag may give as an author but are none."""
    return {n.casefold() for n in (outlet, head.publisher, *head.site_names) if n}


def _json_ld(tree: HtmlElement) -> Iterator[dict]:
    """Every JSON object of the page's ld+json scripts, top-level lists and @graph entries flattened."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in _listed(data):
            yield item
            yield from (o for o in _listed(item.get("@graph")) if isinstance(o, dict))


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def _listed(value: Any) -> list[dict]:
    return [item for item in _as_list(value) if isinstance(item, dict)]


def _types(obj: dict) -> list[str]:
    kinds = obj.get("@type")
    return [k for k in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(k, str)]


def _person(author: Any) -> str | None:
    """An author entry's name when it is a person (a name string, or an object typed Person or untyped)."""
    if isinstance(author, str):
        return _clean(author)
    return _name(author) if isinstance(author, dict) and (_PERSON in _types(author) or not _types(author)) else None


def _name(obj: Any) -> str | None:
    return _clean(obj.get("name")) if isinstance(obj, dict) and isinstance(obj.get("name"), str) else None


def _present(*values: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _drop_furniture(tree: HtmlElement) -> None:
    """Remove page furniture from the tree (keeping the text that follows an element inside its parent)."""
    for element in tree.xpath(_FURNITURE_XPATH):
        parent = element.getparent()
        if parent is not None:
            element.drop_tree()


def _blocks(body: HtmlElement) -> list[str]:
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


def _text(element: HtmlElement) -> str:
    return " ".join("".join(element.itertext()).split())


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _authors(raw: str | None) -> tuple[str, ...]:
    """trafilatura joins several authors with '; '; a job title it split off a byline ("Senior Reporter") is no author."""
    names = (_clean(part) for part in (raw or "").split(";"))
    return tuple(name for name in names if name and not is_job_title(name))
