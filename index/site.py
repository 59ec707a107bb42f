"""Which site a page is on and its name in a page title: the host without subdomains ("cnn.com") and a title's
site part ("Rhine - Wikipedia"), so the outlet is named and the title is the article's own."""

from __future__ import annotations

import re

# A page title's separator between the article's own title and the site's name: "Rhine - Wikipedia", "Dam | Post".
_SITE_SEPARATOR = re.compile(r"\s+(?:[-|\u2013\u2014\u00b7:]|::)\s+")
# Second-level labels under a country code that are not a site's own name: bbc.co.uk, abc.net.au.
_GENERIC_SECOND_LEVEL = frozenset(
    {"co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go", "gob", "mil", "sch"}
)


def host_name(url: str | None) -> str | None:
    """The site a URL is on, without subdomains ("https://en.wikipedia.org/wiki/X" -> "wikipedia.org",
    "edition.cnn.com" -> "cnn.com", "www.bbc.co.uk" -> "bbc.co.uk"): the outlet's name of last resort."""
    host = re.sub(r"^[a-z][\w+.-]*://", "", (url or "").strip().lower()).split("/")[0].split("@")[-1].split(":")[0]
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2 or not all(re.fullmatch(r"[a-z0-9-]+", label) for label in labels) or labels[-1].isdigit():
        return None
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _GENERIC_SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def _names_site(name: str, site_names: tuple[str, ...] = (), url: str | None = None) -> bool:
    """Whether a title part names the site: one of its declared names, or the name in its host ("Reuters" on
    reuters.com, "The Guardian" on theguardian.com, "BBC News" on bbc.co.uk, "Wikipedia" on en.wikipedia.org)."""
    letters = re.sub(r"[\W_]+", "", name.lower())
    if not letters:
        return False
    if any(letters == re.sub(r"[\W_]+", "", n.lower()) for n in site_names):
        return True
    host = host_name(url)
    if not host:
        return False
    label = host.split(".")[0].replace("-", "")
    return letters == label or (len(letters) >= 4 and letters in label) or (len(label) >= 3 and label in letters)


def split_site(
    title: str, site_names: tuple[str, ...] = (), url: str | None = None, heading: str | None = None
) -> tuple[str, str | None]:
    """A page title's own part and the site's name in it: "Rhine - Wikipedia" -> ("Rhine", "Wikipedia"), also
    "Flood | World news | The Guardian" and "BBC News - Flood". Only when it is sure: the other part is the page's
    heading, or the site part is a declared site name or the name in the URL's host; else (title, None)."""
    seps = list(_SITE_SEPARATOR.finditer(title))
    if not seps:
        return title, None
    last, first = seps[-1], seps[0]
    own, site = title[: last.start()], title[last.end() :]
    if len(site) <= 60 and (_names_site(site, site_names, url) or same_text(own, heading) or same_text(site, heading)):
        return own, site  # (a heading that is the site's part is the site's logo)
    if heading and len(site) <= 60 and any(same_text(title[: sep.start()], heading) for sep in seps):
        return heading, site  # "Flood | World news | The Guardian": the heading, then a section, then the site
    site, own = title[: first.start()], title[first.end() :]
    if len(site) <= 60 and (_names_site(site, site_names, url) or same_text(own, heading)):
        return own, site
    return title, None


def same_text(a: str | None, b: str | None) -> bool:
    """Whether two texts have the same words, ignoring case and punctuation ("Dam opens!" ~ "dam opens")."""
    return bool(a and b) and _words(a) == _words(b)


def _words(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().casefold()
