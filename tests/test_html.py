"""HTML articles through trafilatura: metadata from the page, the body as text, offsets into that text."""

from __future__ import annotations

import pytest

from index import model
from index.document import document_from_bytes
from index.ingest import ArticleError

PAGE = """<!doctype html><html><head><title>Dam opens after a dry summer | River Post</title>
<meta property="og:site_name" content="River Post">
<meta property="og:url" content="https://riverpost.example/dam-opens">
<meta name="author" content="Mara Quill; Theo Brandt">
<meta property="article:published_time" content="2023-08-14T09:30:00Z">
<script>var tracker = "<p>The reservoir is full of secrets.</p>";</script>
<style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Dam opens after a dry summer</h1>
<p>The new dam on the Seltz river opened on Monday after two years of work.
It holds enough water for 40,000 homes, the regional water board said.</p>
<p>"We built it for the next drought, not the last one," chief engineer Lena Ortiz told reporters.
Farmers downstream had asked for it since 2015.</p>
</article><footer>Copyright River Post. All rights reserved.</footer>
<script>window.ads = [];</script></body></html>"""


@pytest.fixture(scope="module")
def doc() -> model.Document:
    return document_from_bytes(PAGE.encode(), "dam.html")


def test_metadata_comes_from_the_page(doc):
    assert doc.meta.title == "Dam opens after a dry summer"
    assert doc.meta.outlet == "River Post"
    assert doc.meta.authors == ("Mara Quill", "Theo Brandt")
    assert doc.meta.date == "2023-08-14"
    assert doc.meta.url == "https://riverpost.example/dam-opens"


def test_text_is_the_article_body_without_scripts_or_menus(doc):
    assert "40,000 homes" in doc.text
    assert "secrets" not in doc.text and "ads" not in doc.text and "color" not in doc.text
    assert "Home" not in doc.text


def test_offsets_refer_to_the_extracted_text(doc):
    body = [s for s in doc.sentences if s.kind == model.BODY]
    assert body[0].text == "The new dam on the Seltz river opened on Monday after two years of work."
    assert {s.paragraph for s in body} == {1, 2}
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text


def test_quote_in_html_is_attributed(doc):
    quote = next(s for s in doc.sentences if "next drought" in s.text)
    assert quote.attribution.speaker and "Ortiz" in quote.attribution.speaker


def test_html_is_recognised_by_content_whatever_the_name():
    assert document_from_bytes(PAGE.encode(), "saved-page.txt").meta.outlet == "River Post"


def test_page_with_scripts_and_no_article_body_is_refused():
    page = "<html><head><title>App</title><script>render()</script></head><body><script>x()</script></body></html>"
    with pytest.raises(ArticleError, match="no article text"):
        document_from_bytes(page.encode(), "app.html")


def test_byline_job_title_is_not_an_author_and_headings_lists_are_blocks():
    page = (
        "<html><head><title>Council shuts library</title></head><body><article>"
        "<p class='byline'>By Ada Moss, Senior Political Correspondent</p>"
        "<p>The council voted on Tuesday to close the Elm Street library in June, ending a service that has run "
        "from the same red-brick building since 1911, when the town first opened a public reading room.</p>"
        "<h2>Residents object</h2><p>Parents said the library was the only quiet place nearby for children to "
        "read after school, and that the nearest other branch is two bus rides away across the river.</p>"
        "<ul><li>Hours were cut in 2023.</li><li>Visits fell by a third.</li></ul>"
        "</article></body></html>"
    )
    doc = document_from_bytes(page.encode(), "library.html")
    assert "Senior Political Correspondent" not in doc.meta.authors
    assert doc.meta.date is None  # "in 2023" in the text is not the page's date
    assert any(s.kind == model.HEADING and s.text == "Residents object" for s in doc.sentences)
    body = [s.text for s in doc.sentences if s.kind == model.BODY]
    assert body[-2:] == ["Hours were cut in 2023.", "Visits fell by a third."]
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text


def test_wiki_page_furniture_is_removed_and_data_tables_never_answer():
    page = (
        "<html><head><title>Kenya - Wikipedia</title></head><body><h1 id='firstHeading'>Kenya</h1>"
        "<div id='siteSub'>From Wikipedia, the free encyclopedia</div><div id='mw-content-text'>"
        "<table class='infobox'><tr><th>Capital</th><td>Nairobi</td></tr></table>"
        "<p>Kenya is a country in East Africa with a population of more than 47 million in 2019.<sup "
        "class='reference'><a href='#cite_note-1'>[1]</a></sup> Its capital and largest city is Nairobi, on the "
        "country's central plateau, and its oldest city is Mombasa, a port on the Indian Ocean coast.</p>"
        "<h2>Economy<span class='mw-editsection'>[<a href='/edit'>edit</a>]</span></h2>"
        "<p>Kenya's economy is the largest in eastern and central Africa, with Nairobi serving as a major "
        "regional commercial hub for the whole of the region and for international firms.</p>"
        "<table><tr><th>Year</th><th>GDP</th></tr><tr><td>2019</td><td>95.5</td></tr></table>"
        "<div class='navbox'><a href='/a'>Countries of Africa</a> <a href='/b'>Nairobi County</a></div>"
        "</div></body></html>"
    )
    doc = document_from_bytes(page.encode(), "kenya.html")
    assert doc.meta.title == "Kenya"
    kinds = {s.text: s.kind for s in doc.sentences}
    assert kinds.get("Economy", model.HEADING) == model.HEADING  # trafilatura may drop a short page's h2
    assert kinds["| 2019 | 95.5 |"] == model.RELATED
    assert not any(w in doc.text for w in ("[1]", "edit", "Wikipedia", "Capital", "Countries of Africa"))
    assert "Kenya is a country in East Africa with a population of more than 47 million in 2019." in kinds


def _page(head: str, body: str) -> str:
    prose = (
        "<p>The new dam on the Seltz river opened on Monday after two years of work, and it holds enough water for "
        "40,000 homes through a dry summer, the regional water board said in a statement.</p>"
    )
    return f"<html><head>{head}</head><body>{body}<article>{prose}</article></body></html>"


def test_declared_site_name_beats_the_title_suffix_and_a_publisher_url_is_no_name():
    head = (
        "<title>Dam opens | RP</title><meta property='og:site_name' content='River Post'>"
        "<meta property='article:publisher' content='https://www.facebook.com/riverpost'>"
        "<link rel='canonical' href='https://www.riverpost.example/dam'>"
    )
    doc = document_from_bytes(_page(head, "<h1>Dam opens</h1>").encode(), "dam.html")
    assert (doc.meta.title, doc.meta.outlet) == ("Dam opens", "River Post")


def test_an_h1_that_is_the_sites_logo_is_not_the_title():
    head = "<title>Dam opens after a dry summer - River Post</title><meta property='og:title' content='Dam opens after a dry summer'>"
    doc = document_from_bytes(_page(head, "<header><h1>River Post</h1></header>").encode(), "dam.html")
    assert (doc.meta.title, doc.meta.outlet) == ("Dam opens after a dry summer", "River Post")


def test_without_any_site_name_the_outlet_is_the_host_without_subdomains():
    head = "<title>Dam opens</title><link rel='canonical' href='https://news.riverpost.example/dam'>"
    doc = document_from_bytes(_page(head, "<h1>Dam opens</h1>").encode(), "dam.html")
    assert doc.meta.outlet == "riverpost.example"


def test_a_browser_saved_pages_address_is_its_url_when_it_names_no_other():
    page = "<!-- saved from url=(0041)https://www.riverpost.example/news/dam -->\n" + _page(
        "<title>Dam opens</title>", "<h1>Dam opens</h1>"
    )
    doc = document_from_bytes(page.encode(), "dam.html")
    assert (doc.meta.url, doc.meta.outlet) == ("https://www.riverpost.example/news/dam", "riverpost.example")


def test_a_date_shown_under_the_headline_is_the_date_when_no_tag_states_one():
    shown = "<h1>Dam opens</h1><div class='timestamp'>Updated 3:45 PM EDT, Wed October 30, 2024</div>"
    doc = document_from_bytes(_page("<title>Dam opens</title>", shown).encode(), "dam.html")
    assert doc.meta.date == "2024-10-30"
    in_table = "<h1>Dam opens</h1><table><tr><th>Opened</th><td>30 October 2024</td></tr></table>"
    assert document_from_bytes(_page("<title>Dam opens</title>", in_table).encode(), "dam.html").meta.date is None
