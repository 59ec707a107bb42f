"""Whole Wikipedia articles in the three shapes users bring them: a browser-saved HTML page, text copied
from a browser, and Markdown. Built from a SQuAD/XQuAD data[] entry (its paragraphs are real Wikipedia
text, CC BY-SA 4.0) so the same questions can be asked of every shape; used by the format tests and by
`bench/formats.py`. The page chrome imitates what en.wikipedia.org serves (Vector 2022 skin)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_SENTENCE_END = re.compile(r"(?:(?<=[a-z]{3}[.])|(?<=[0-9)][.]))(?= [A-Z])")


@dataclass
class Section:
    """A section of an article: its heading, paragraphs, and its subsections' depth (2 = h2, 3 = h3)."""

    heading: str
    paragraphs: list[str]
    level: int = 2


@dataclass
class WikiArticle:
    """An article's title, lead paragraphs, sections, and the reference list its citation markers point to."""

    title: str
    lead: list[str]
    sections: list[Section]
    references: list[str] = field(default_factory=list)
    see_also: list[str] = field(default_factory=list)
    infobox: list[tuple[str, str]] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


def from_squad(entry: dict, group: int = 2) -> WikiArticle:
    """An XQuAD article laid out like Wikipedia: the first paragraph is the lead, the rest come in sections of
    `group` paragraphs, each under an h2 heading made of the section's first words (no answer text added)."""
    title = entry["title"].replace("_", " ")
    paras = [p["context"].strip() for p in entry["paragraphs"]]
    sections = [
        Section(_heading_for(paras[i : i + group], title), paras[i : i + group]) for i in range(1, len(paras), group)
    ]
    refs = [
        f'"{title}". Encyclopaedia Britannica. Retrieved 12 March 2016.',
        f"Smith, J. ({2001 + len(title) % 9}). A history. Oxford University Press. ISBN 978-0-19-000000-1.",
    ]
    return WikiArticle(
        title=title,
        lead=paras[:1],
        sections=sections,
        references=refs,
        see_also=[f"List of topics related to {title}", "Outline of geography"],
        infobox=[("Country", "Germany"), ("Length", "1,230 km (760 mi)"), ("Established", "c. 1200")],
        categories=[f"{title}", "Articles with short description", "Use dmy dates from March 2016"],
    )


def _heading_for(paragraphs: list[str], title: str) -> str:
    """A heading like an editor's: the section's most frequent capitalised word that is not the title's."""
    words = re.findall(r"(?<=[a-z,] )[A-Z][a-z]{3,}", " ".join(paragraphs))
    words = [w for w in words if w.lower() not in title.lower()]
    return max(words, key=words.count) if words else "History"


def _cite_positions(text: str) -> list[int]:
    """Where citation markers go: after every second sentence's full stop, and at the paragraph's end."""
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    return sorted({*ends[::2], len(text)})


def _with_markers(text: str, marker) -> str:
    out, last = [], 0
    for n, pos in enumerate(_cite_positions(text)):
        out.append(text[last:pos])
        out.append(marker(n % 2 + 1))
        last = pos
    out.append(text[last:])
    return "".join(out)


def to_html(article: WikiArticle) -> str:
    """The page as a browser saves it: head, header, sidebar TOC, title, 'From Wikipedia', hatnote, infobox,
    headings with [edit] links, citation superscripts, See also, References, External links, navbox,
    categories and footer."""
    esc = html.escape
    cite = lambda n: (  # noqa: E731
        f'<sup id="cite_ref-{n}" class="reference"><a href="#cite_note-{n}"><span class="cite-bracket">[</span>'
        f'{n}<span class="cite-bracket">]</span></a></sup>'
    )

    def para(text: str) -> str:
        return "<p>" + _with_markers(esc(text), cite) + "\n</p>"

    def heading(text: str, level: int) -> str:
        anchor = text.replace(" ", "_")
        return (
            f'<div class="mw-heading mw-heading{level}"><h{level} id="{esc(anchor)}">{esc(text)}</h{level}>'
            '<span class="mw-editsection"><span class="mw-editsection-bracket">[</span>'
            f'<a href="/w/index.php?title=X&amp;action=edit&amp;section=1" title="Edit section: {esc(text)}">'
            '<span>edit</span></a><span class="mw-editsection-bracket">]</span></span></div>'
        )

    toc = "".join(
        f'<li id="toc-{esc(s.heading)}" class="vector-toc-list-item vector-toc-level-1">'
        f'<a class="vector-toc-link" href="#{esc(s.heading)}"><div class="vector-toc-text">'
        f'<span class="vector-toc-numb">{i + 1}</span><span>{esc(s.heading)}</span></div></a></li>'
        for i, s in enumerate(article.sections)
    )
    infobox = "".join(
        f'<tr><th scope="row" class="infobox-label">{esc(k)}</th><td class="infobox-data">{esc(v)}</td></tr>'
        for k, v in article.infobox
    )
    body = [para(p) for p in article.lead]
    for s in article.sections:
        body.append(heading(s.heading, s.level))
        body.extend(para(p) for p in s.paragraphs)
    refs = "".join(
        f'<li id="cite_note-{i + 1}"><span class="mw-cite-backlink"><b><a href="#cite_ref-{i + 1}">^</a></b></span> '
        f'<span class="reference-text"><cite class="citation web cs1">{esc(r)}</cite></span></li>'
        for i, r in enumerate(article.references)
    )
    see_also = "".join(f'<li><a href="/wiki/{esc(x)}">{esc(x)}</a></li>' for x in article.see_also)
    cats = "".join(f'<li><a href="/wiki/Category:{esc(c)}">{esc(c)}</a></li>' for c in article.categories)
    title = esc(article.title)
    return f"""<!DOCTYPE html>
<html class="client-js vector-feature-language-in-header-enabled skin-theme-clientpref-day" lang="en" dir="ltr">
<head>
<meta charset="UTF-8">
<title>{title} - Wikipedia</title>
<script>document.documentElement.className="client-js";RLCONF={{"wgPageName":"{title}","wgTitle":"{title}"}};</script>
<link rel="stylesheet" href="/w/load.php?lang=en&amp;modules=skins.vector.styles&amp;only=styles&amp;skin=vector-2022">
<meta name="generator" content="MediaWiki 1.44.0-wmf.4">
<meta property="og:title" content="{title} - Wikipedia">
<meta property="og:type" content="website">
<link rel="canonical" href="https://en.wikipedia.org/wiki/{esc(article.title.replace(" ", "_"))}">
</head>
<body class="skin--responsive skin-vector skin-vector-search-vue mediawiki ltr sitedir-ltr mw-hide-empty-elt ns-0 ns-subject page-{title} rootpage-{title} skin-vector-2022 action-view">
<a class="mw-jump-link" href="#bodyContent">Jump to content</a>
<div class="vector-header-container"><header class="vector-header mw-header">
<nav class="vector-main-menu-landmark" aria-label="Site"><div id="vector-main-menu" class="vector-main-menu vector-pinnable-element">
<div class="vector-menu-heading">Main menu</div><ul class="vector-menu-content-list">
<li id="n-mainpage-description"><a href="/wiki/Main_Page"><span>Main page</span></a></li>
<li id="n-contents"><a href="/wiki/Wikipedia:Contents"><span>Contents</span></a></li>
<li id="n-currentevents"><a href="/wiki/Portal:Current_events"><span>Current events</span></a></li>
<li id="n-randompage"><a href="/wiki/Special:Random"><span>Random article</span></a></li>
<li id="n-aboutsite"><a href="/wiki/Wikipedia:About"><span>About Wikipedia</span></a></li>
<li id="n-contactpage"><a href="//en.wikipedia.org/wiki/Wikipedia:Contact_us"><span>Contact us</span></a></li>
</ul></div></nav>
<a href="/wiki/Main_Page" class="mw-logo"><span class="mw-logo-container">Wikipedia The Free Encyclopedia</span></a>
<div id="p-search" role="search" class="vector-search-box"><form action="/w/index.php" id="searchform"><input type="search" name="search" placeholder="Search Wikipedia" aria-label="Search Wikipedia"><button class="cdx-button">Search</button></form></div>
<nav class="vector-user-links" aria-label="Personal tools"><ul>
<li id="pt-sitesupport-2"><a href="https://donate.wikimedia.org/"><span>Donate</span></a></li>
<li id="pt-createaccount-2"><a href="/w/index.php?title=Special:CreateAccount"><span>Create account</span></a></li>
<li id="pt-login-2"><a href="/w/index.php?title=Special:UserLogin"><span>Log in</span></a></li></ul></nav>
</header></div>
<div class="mw-page-container"><div class="mw-page-container-inner">
<div class="vector-column-start"><div class="vector-sticky-pinned-container">
<nav id="mw-panel-toc" aria-label="Contents" class="mw-table-of-contents-container vector-toc-landmark">
<div id="vector-toc-pinned-container" class="vector-pinned-container"><div id="vector-toc" class="vector-toc vector-pinnable-element">
<div class="vector-pinnable-header vector-toc-pinnable-header"><div class="vector-pinnable-header-label">Contents</div>
<button class="vector-pinnable-header-toggle-button vector-pinnable-header-unpin-button">hide</button></div>
<ul class="vector-toc-contents" id="mw-panel-toc-list">
<li id="toc-mw-content-text" class="vector-toc-list-item vector-toc-level-1"><a href="#" class="vector-toc-link"><div class="vector-toc-text">(Top)</div></a></li>
{toc}
</ul></div></div></nav></div></div>
<div class="mw-content-container"><main id="content" class="mw-body">
<header class="mw-body-header vector-page-titlebar">
<h1 id="firstHeading" class="firstHeading mw-first-heading"><span class="mw-page-title-main">{title}</span></h1>
<div id="p-lang-btn" class="vector-dropdown mw-portlet mw-portlet-lang"><span class="vector-dropdown-label-text">52 languages</span></div>
</header>
<div class="vector-page-toolbar"><nav aria-label="Namespaces"><ul>
<li id="ca-nstab-main" class="selected"><a href="/wiki/{title}" title="View the content page [c]" accesskey="c"><span>Article</span></a></li>
<li id="ca-talk"><a href="/wiki/Talk:{title}" rel="discussion" title="Discuss improvements to the content page [t]" accesskey="t"><span>Talk</span></a></li>
</ul></nav><nav aria-label="Views"><ul><li id="ca-view" class="selected"><a href="/wiki/{title}"><span>Read</span></a></li>
<li id="ca-edit"><a href="/w/index.php?title={title}&amp;action=edit" title="Edit this page [e]" accesskey="e"><span>Edit</span></a></li>
<li id="ca-history"><a href="/w/index.php?title={title}&amp;action=history" title="Past revisions of this page [h]" accesskey="h"><span>View history</span></a></li></ul></nav>
<div class="vector-dropdown-label-text">Tools</div></div>
<div id="bodyContent" class="vector-body" aria-labelledby="firstHeading">
<div class="vector-body-before-content"><div id="siteSub" class="noprint">From Wikipedia, the free encyclopedia</div></div>
<div id="contentSub"><div id="mw-content-subtitle"></div></div>
<div id="mw-content-text" class="mw-body-content"><div class="mw-content-ltr mw-parser-output" lang="en" dir="ltr">
<div class="shortdescription nomobile noexcerpt noprint searchaux" style="display:none">Topic of the article {title}</div>
<div role="note" class="hatnote navigation-not-searchable">This article is about the subject. For other uses, see <a href="/wiki/{title}_(disambiguation)" class="mw-disambig">{title} (disambiguation)</a>.</div>
<table class="infobox vcard"><tbody><tr><th colspan="2" class="infobox-above">{title}</th></tr>
<tr><td colspan="2" class="infobox-image"><span class="mw-default-size"><a href="/wiki/File:Example.jpg" class="mw-file-description"><img alt="" src="//upload.wikimedia.org/example.jpg" width="250" height="180"></a></span><div class="infobox-caption">View in 2009</div></td></tr>
{infobox}</tbody></table>
{"".join(body)}
{heading("See also", 2)}
<ul>{see_also}</ul>
{heading("References", 2)}
<div class="reflist"><div class="mw-references-wrap"><ol class="references">{refs}</ol></div></div>
{heading("External links", 2)}
<ul><li><a rel="nofollow" class="external text" href="https://www.britannica.com/">{title}</a> at the <i>Encyclopædia Britannica</i></li>
<li><span class="plainlinks"><a href="https://commons.wikimedia.org/">Media related to {title}</a></span> at Wikimedia Commons</li></ul>
<div class="navbox-styles"></div><div role="navigation" class="navbox" aria-labelledby="Topics" style="padding:3px">
<table class="nowraplinks mw-collapsible autocollapse navbox-inner"><tbody><tr><th scope="col" class="navbox-title" colspan="2">
<div class="navbar plainlinks hlist navbar-mini"><ul><li class="nv-view"><a href="/wiki/Template:Topics"><abbr title="View this template">v</abbr></a></li>
<li class="nv-talk"><a href="/wiki/Template_talk:Topics"><abbr title="Discuss this template">t</abbr></a></li>
<li class="nv-edit"><a href="/wiki/Special:EditPage/Template:Topics"><abbr title="Edit this template">e</abbr></a></li></ul></div>
<div id="Topics">Related topics</div></th></tr>
<tr><th scope="row" class="navbox-group">Places</th><td class="navbox-list navbox-odd hlist"><div><ul><li><a href="/wiki/Basel">Basel</a></li><li><a href="/wiki/Cologne">Cologne</a></li><li><a href="/wiki/Rotterdam">Rotterdam</a></li></ul></div></td></tr>
</tbody></table></div>
<div class="navbox authority-control"><div>Authority control databases: National</div><ul><li><a href="https://d-nb.info/gnd/4049788-1">Germany</a></li><li><a href="https://id.loc.gov/">United States</a></li></ul></div>
</div></div>
<div class="printfooter" data-nosnippet="">Retrieved from "<a dir="ltr" href="https://en.wikipedia.org/w/index.php?title={title}&amp;oldid=1254872341">https://en.wikipedia.org/w/index.php?title={title}&amp;oldid=1254872341</a>"</div>
<div id="catlinks" class="catlinks" data-mw="interface"><div id="mw-normal-catlinks" class="mw-normal-catlinks"><a href="/wiki/Help:Category" title="Help:Category">Categories</a>: <ul>{cats}</ul></div>
<div id="mw-hidden-catlinks" class="mw-hidden-catlinks mw-hidden-cats-hidden">Hidden categories: <ul><li><a href="/wiki/Category:CS1_maint">CS1 maint: location</a></li></ul></div></div>
</div></main></div>
<div class="mw-footer-container"><footer id="footer" class="mw-footer">
<ul id="footer-info"><li id="footer-info-lastmod"> This page was last edited on 3 November 2024, at 12:34<span class="anonymous-show">&#160;(UTC)</span>.</li>
<li id="footer-info-copyright">Text is available under the <a rel="nofollow" class="external text" href="https://en.wikipedia.org/wiki/Wikipedia:Text_of_the_Creative_Commons_Attribution-ShareAlike_4.0_International_License">Creative Commons Attribution-ShareAlike 4.0 License</a>;
additional terms may apply. By using this site, you agree to the <a href="https://foundation.wikimedia.org/wiki/Special:MyLanguage/Policy:Terms_of_Use">Terms of Use</a> and <a href="https://foundation.wikimedia.org/wiki/Special:MyLanguage/Policy:Privacy_policy">Privacy Policy</a>. Wikipedia® is a registered trademark of the <a rel="nofollow" class="external text" href="https://wikimediafoundation.org/">Wikimedia Foundation, Inc.</a>, a non-profit organization.</li></ul>
<ul id="footer-places"><li id="footer-places-privacy"><a href="https://foundation.wikimedia.org/wiki/Special:MyLanguage/Policy:Privacy_policy">Privacy policy</a></li>
<li id="footer-places-about"><a href="/wiki/Wikipedia:About">About Wikipedia</a></li><li id="footer-places-disclaimers"><a href="/wiki/Wikipedia:General_disclaimer">Disclaimers</a></li>
<li id="footer-places-contact"><a href="//en.wikipedia.org/wiki/Wikipedia:Contact_us">Contact Wikipedia</a></li><li id="footer-places-mobileview"><a href="//en.m.wikipedia.org/wiki/{title}" class="noprint stopMobileRedirectToggle">Mobile view</a></li></ul>
</footer></div></div></div>
<script>(RLQ=window.RLQ||[]).push(function(){{mw.config.set({{"wgBackendResponseTime":137}});}});</script>
</body></html>
"""


def to_text(article: WikiArticle) -> str:
    """The article as text copied from a browser page (select all, copy): chrome lines, the title, 'From
    Wikipedia', headings as bare lines with '[edit]', citation markers in the prose, lists, references."""
    lines = [
        "Jump to content",
        "Main menu",
        "Search",
        "Donate",
        "Create account",
        "Log in",
        "",
        "Contents",
        "hide",
        "(Top)",
        *(f"{i + 1}\t{s.heading}" for i, s in enumerate(article.sections)),
        "",
        article.title,
        "",
        "52 languages",
        "Article",
        "Talk",
        "Read",
        "Edit",
        "View history",
        "Tools",
        "From Wikipedia, the free encyclopedia",
        "This article is about the subject. For other uses, see " + article.title + " (disambiguation).",
        article.title,
        *(f"{k}\t{v}" for k, v in article.infobox),
        "",
    ]
    for p in article.lead:
        lines += [_with_markers(p, lambda n: f"[{n}]"), ""]
    for s in article.sections:
        lines += [f"{s.heading}[edit]", ""]
        for p in s.paragraphs:
            lines += [_with_markers(p, lambda n: f"[{n}]"), ""]
    lines += ["See also[edit]", "", *article.see_also, "", "References[edit]", ""]
    lines += [f"^ {r}" for r in article.references]
    lines += [
        "",
        "External links[edit]",
        "",
        f"{article.title} at the Encyclopædia Britannica",
        f"Media related to {article.title} at Wikimedia Commons",
        "vte",
        "Related topics",
        "Places\tBasel Cologne Rotterdam",
        "Authority control databases: National\tGermany United States",
        "Categories: " + " ".join(article.categories),
        "This page was last edited on 3 November 2024, at 12:34 (UTC).",
        "Text is available under the Creative Commons Attribution-ShareAlike 4.0 License; additional terms may "
        "apply. By using this site, you agree to the Terms of Use and Privacy Policy. Wikipedia® is a "
        "registered trademark of the Wikimedia Foundation, Inc., a non-profit organization.",
        "Privacy policy",
        "About Wikipedia",
        "Disclaimers",
        "Contact Wikipedia",
        "Mobile view",
        "",
    ]
    return "\n".join(lines)


def to_markdown(article: WikiArticle) -> str:
    """The article as Markdown a converter makes of the page: # title, ## sections, inline links and bold,
    footnote-style citation links, an infobox table, lists, a References section."""
    wiki = "https://en.wikipedia.org/wiki/"

    def linked(text: str) -> str:
        # Link the first capitalised word after the first sentence's start, bold the first word, as converters do.
        text = re.sub(r"^(\w+)", r"**\1**", text, count=1)
        text = re.sub(
            r"(?<= )([A-Z][a-z]{3,})(?=[ ,.])", lambda m: f"[{m.group(1)}]({wiki}{m.group(1)})", text, count=1
        )
        return _with_markers(text, lambda n: f"[[{n}]](#cite_note-{n})")

    out = [f"# {article.title}", "", "From Wikipedia, the free encyclopedia", ""]
    out += ["| " + article.title + " | |", "| --- | --- |", *(f"| {k} | {v} |" for k, v in article.infobox), ""]
    for p in article.lead:
        out += [linked(p), ""]
    for s in article.sections:
        out += ["#" * s.level + " " + s.heading, ""]
        for p in s.paragraphs:
            out += [linked(p), ""]
    out += ["## See also", "", *(f"- [{x}]({wiki}{x.replace(' ', '_')})" for x in article.see_also), ""]
    out += ["## References", "", *(f"{i + 1}. {r}" for i, r in enumerate(article.references)), ""]
    out += [
        "## External links",
        "",
        f"- [{article.title}](https://www.britannica.com/) at the Encyclopædia Britannica",
        "",
    ]
    return "\n".join(out)
