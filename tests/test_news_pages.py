"""News articles as users bring them (saved pages with JSON-LD, og: tags and a title suffix, AMP, a live blog, a
page with only its host to name it, a whole page copied as text, wire copy with a byline and dateline, Markdown):
title, outlet, authors and date come out right, and no page furniture (related links, captions, newsletter and
cookie notices, "Read more") is answerable. Fixtures in tests/fixtures/news-*: invented text and outlets."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import model
from index.document import document_from_bytes, load_document

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# file: (title, outlet, authors, date)
EXPECTED = {
    "news-jsonld.html": (
        "Harbour authority approves night ferries after safety review", "Harbour Ledger",
        ("Jane Doe", "John Roe"), "2024-10-30",
    ),
    "news-title-suffix.html": (
        "Storm knocks out power to 200,000 homes across three states", "Metro Wire",
        ("Maria Lopez", "Ken Park"), "2024-10-30",
    ),
    "news-amp.html": ("Council delays vote on city budget", "The Daily Meridian", ("Priya Nair",), "2024-10-29"),
    "news-liveblog.html": (
        "Election night live: results as they come in", "The Northern Courier", ("Tom Hale", "Nadia Brook"),
        "2024-10-30",
    ),
    "news-host-only.html": (
        "Bridge repairs to close the high street for six weeks", "rivertongazette.co.uk", ("Owen Pryce",),
        "2024-10-28",
    ),
    "news-copied.txt": (
        "Harbour authority approves night ferries after safety review", "Harbour Ledger",
        ("Jane Doe", "John Roe"), "2024-10-30",
    ),
    "news-wire.txt": (
        "Storm knocks out power to 200,000 homes across three states", "Reuters", ("Maria Lopez", "Ken Park"),
        "2024-10-30",
    ),
    "news-names-above-date.txt": (
        "Harbour authority approves night ferries after safety review", None, ("Jane Doe",), "2024-10-30",
    ),
    "news-liveblog-copied.txt": (
        "Election night live: results as they come in", None, ("Tom Hale", "Nadia Brook"), "2024-10-30",
    ),
    "news-ap.txt": ("Council delays vote on city budget", "Associated Press", ("Priya Nair",), "2024-10-29"),
    "news-published.md": (
        "Harbour authority approves night ferries after safety review", "Harbour Ledger", ("Jane Doe",),
        "2024-10-30",
    ),
}  # fmt: skip
# Words of page furniture in the fixtures: none may be in an answerable sentence.
FURNITURE = (
    "Photo", "cookie", "Sign up", "newsletter", "inbox", "Read more", "Related", "Ferry fares to rise",
    "Bay collision", "More from", "Accept", "Advertisement", "Most read", "All rights reserved", "Privacy",
    "Follow us", "Skip to", "Sign in", "Portsmouth", "GMT", "Key events", "First result declared", "Share", "Library hours at a glance", "autumn storms", "Hurricane season",
    "Subscribe", "(AP)", "(Reuters)", "WASHINGTON", "LONDON", "COLUMBUS", "By ",
)  # fmt: skip


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def page(request) -> tuple[str, model.Document]:
    return request.param, load_document(FIXTURES / request.param)


def answerable(doc: model.Document) -> list[str]:
    return [s.text for s in doc.sentences if s.kind in model.ANSWERABLE_KINDS]


def test_where_it_stands(page):
    name, doc = page
    meta = doc.meta
    assert (meta.title, meta.outlet, meta.authors, meta.date) == EXPECTED[name]


def test_no_furniture_is_answerable_and_the_prose_is(page):
    name, doc = page
    texts = answerable(doc)
    for text in texts:
        assert not any(word in text for word in FURNITURE), (name, text)
    assert texts[0] == EXPECTED[name][0]  # the title, once, first
    assert len([t for t in texts if t == texts[0]]) == 1
    assert len(texts) >= 4  # the story's own sentences are all still there
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text


def test_the_story_sentences_survive():
    doc = load_document(FIXTURES / "news-copied.txt")
    assert answerable(doc) == [
        "Harbour authority approves night ferries after safety review",
        "The port board voted 7-2 to allow night crossings from March.",
        "The harbour authority on Wednesday approved a plan to run passenger ferries through the night, ending a "
        "ban that has stood since a collision in the bay in 1998.",
        "Board members voted 7-2 in favour after a six-month safety review found that new radar and lighting on "
        "the three largest vessels made night crossings as safe as daytime ones.",
        '"Shift workers have waited a long time for this," said board chair Rosa Delgado, who called the vote a '
        "turning point for the eastern shore.",
        "The first night service will leave the north pier at 11 p.m. on March 3, the authority said.",
        "Two board members who voted against the plan said the crews would need more training before the first "
        "crossings.",
    ]


def test_a_wire_dateline_is_not_glued_to_the_first_answer():
    doc = load_document(FIXTURES / "news-ap.txt")
    datelines = [s.text for s in doc.sentences if s.kind == model.DATELINE]
    assert datelines == ["October 29, 2024, 8:00 AM", "WASHINGTON (AP) \u2014"]
    first = next(s for s in doc.sentences if s.kind == model.BODY)
    assert first.paragraph == 1 and first.text.startswith("The city council postponed its vote")
    assert doc.text[first.start - len("WASHINGTON (AP) \u2014 ") : first.start] == "WASHINGTON (AP) \u2014 "


@pytest.mark.parametrize(
    "opening",
    [
        "NATO \u2014 the alliance of 32 countries \u2014 said on Monday that it would meet.",
        "The US - and its allies - said on Monday that they would meet.",
        "US President Joe Biden said on Monday that he would meet them.",
    ],
)
def test_an_opening_that_is_no_dateline_stays_whole(opening):
    doc = document_from_bytes(f"Leaders meet\n\n{opening}\n".encode(), "meet.txt")
    assert answerable(doc) == ["Leaders meet", opening]


@pytest.mark.parametrize(
    "prose",
    [
        "The photo: a masterpiece, the critic said.",
        "Related to the case, police said nothing more.",
        "The regulator said websites that use cookies must ask for consent first.",
        "Read more about the plan in the council's own report, officials said.",
    ],
)
def test_prose_that_mentions_furniture_words_stays_answerable(prose):
    doc = document_from_bytes(f"Council news\n\nThe council met on Monday.\n\n{prose}\n".encode(), "c.txt")
    assert prose in answerable(doc)


def test_a_related_list_ends_at_the_next_prose_paragraph():
    text = (
        "Harbour reopens\n\nThe harbour reopened on Monday after repairs, the port authority said.\n\n"
        "Related stories\n\nFerry fares to rise next year\n\nWhy are storms getting stronger?\n\n"
        "Ferries to the islands will run again from Friday, the operator said.\n"
    )
    doc = document_from_bytes(text.encode(), "harbour.txt")
    assert answerable(doc) == [
        "Harbour reopens",
        "The harbour reopened on Monday after repairs, the port authority said.",
        "Ferries to the islands will run again from Friday, the operator said.",
    ]


def test_an_organisation_credited_as_author_is_no_author():
    page = (
        '<html><head><title>Tide tables change - Coast Almanac</title><script type="application/ld+json">'
        '{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Coast Almanac"},'
        '{"@type":"Article","headline":"tables of the tides","author":{"@type":"Organization","name":"Almanac '
        'contributors"},"publisher":{"@type":"Organization","name":"Almanac Foundation"}}]}</script></head>'
        "<body><h1>Tide tables change</h1><p>The almanac's tide tables now use the new harbour datum, which sits "
        "twelve centimetres lower than the old one, the editors said in a note to readers.</p></body></html>"
    )
    doc = document_from_bytes(page.encode(), "tides.html")
    assert (doc.meta.title, doc.meta.outlet, doc.meta.authors) == ("Tide tables change", "Coast Almanac", ())


def test_a_title_then_a_standfirst_without_a_full_stop_keeps_its_title():
    text = (
        "Harbour reopens after storm\n\nFerries return to the islands on Friday\n\nBy Jane Roe\n\n"
        "The harbour reopened on Monday after repairs, the port authority said.\n"
    )
    doc = document_from_bytes(text.encode(), "harbour.txt")
    assert doc.meta.title == "Harbour reopens after storm"
    assert doc.meta.authors == ("Jane Roe",)


def test_a_hard_wrapped_line_opening_like_furniture_stays_in_its_sentence():
    text = (
        "Council news\n\nThe mayor said on Monday that she would say\nmore on the matter when the council meets "
        "on\nTuesday, and that a photo\nexhibition would open in May.\n"
    )
    doc = document_from_bytes(text.encode(), "council.txt")
    assert answerable(doc)[1:] == [
        "The mayor said on Monday that she would say\nmore on the matter when the council meets on\nTuesday, and "
        "that a photo\nexhibition would open in May."
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "news-clip-frontmatter.md",  # a web clipper's YAML: title, source, author list, published, created...
            ("Fed holds rates steady as inflation cools", "Reuters", ("Jane Doe", "John Roe"), "2024-10-30"),
        ),
        (
            "news-clip-markdownload.md",  # created (the clipping's date, not the article's), source, author, "# T | Site"
            ("Fed holds rates steady as inflation cools", "Reuters", ("Jane Doe",), None),
        ),
    ],
)
def test_web_clipper_markdown(name, expected):
    doc = load_document(FIXTURES / name)
    assert (doc.meta.title, doc.meta.outlet, doc.meta.authors, doc.meta.date) == expected
    assert doc.meta.url == "https://www.reuters.com/markets/us/fed-holds-rates-2024-10-30/"
    texts = answerable(doc)
    assert texts[-2:] == [
        "The Federal Reserve held interest rates steady on Wednesday, saying inflation had cooled further.",
        "The decision was unanimous, the central bank said in a statement.",
    ]
    assert not any(word in text for text in texts for word in ("source", "created", "clippings", "Reuters", ">"))


HEAD = "# Council approves budget\n\nMarch 3, 2025\n\n"


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        (HEAD + "Copyright lawyers said the designs were copied from a rival firm.\n", "Copyright lawyers said"),
        (HEAD + "Get the latest figures in the company's briefing to investors, it said.\n", "Get the latest"),
        (HEAD + "Sign up rates for the newsletter fell by a tenth, the publisher said.\n", "Sign up rates"),
        (HEAD + "Read more about the plan in the council's report, which runs to 300 pages.\n", "Read more about"),
        (HEAD + "Watch more closely and you will see the cracks, engineers warned.\n", "Watch more closely"),
        (HEAD + "Share this story with your friends, the minister urged viewers.\n", "Share this story"),
        (HEAD + "More on the costs: the dam cost $2 billion, the minister said.\n", "More on the costs"),
        (HEAD + "Related: the firm also built the bridge in 2010, the council said.\n", "Related: the firm"),
        (HEAD + "She said the photo was taken at dawn. Credit: Jane Doe, who was there.\n", "Credit: Jane Doe"),
        (HEAD + "update: the dam opened on Monday after ten years of work.\n", "update: the dam"),
        ("---\ntitle: Dam opens\n---\n\nnote: the dam opened on Monday after ten years of work.\n", "note: the dam"),
        (HEAD + "The vote was close.\n\nNATO \u2014 The alliance said it would help.\n", "NATO"),
        (
            "Dam opens\n\nIt is big.\n\nVery big.\n\nThe minister spoke out\n\nMarch 3, 2025\n\nIt opened.\n",
            "It is big.",
        ),
        ("Q and A\n\nWhy now?\n\nWho pays?\n\nWhat the minister said\n\nMarch 3, 2025\n\nIt opened.\n", "Why now?"),
    ],
)
def test_prose_that_opens_like_page_furniture_stays_answerable(text, prose):
    """Adversarial prose for the furniture, front matter, dateline and copied-page rules: none may be lost."""
    doc = document_from_bytes(text.encode(), "article.md")
    assert any(prose in sentence for sentence in answerable(doc)), answerable(doc)


def test_a_long_first_paragraph_is_prose_not_the_title():
    """A text with no title line: its opening sentences answer; the title falls back to the file's name."""
    text = (
        "The harbour closed on Monday after the storm damaged two piers and a breakwater near the old town, "
        "the port authority said.\n\nFerries were cancelled.\n"
    )
    doc = document_from_bytes(text.encode(), "harbour.txt")
    assert answerable(doc)[0].startswith("The harbour closed on Monday")
    assert doc.meta.title == "harbour"


def test_a_wire_dateline_is_split_off_once_and_names_the_agency():
    text = HEAD + "LONDON (Reuters) \u2014 The harbour closed.\n\nNATO \u2014 The alliance said it would help.\n"
    doc = document_from_bytes(text.encode(), "article.txt")
    assert doc.meta.outlet == "Reuters"
    assert answerable(doc)[-2:] == ["The harbour closed.", "NATO \u2014 The alliance said it would help."]


@pytest.mark.parametrize(
    ("lead", "kept", "outlet"),
    [
        ("Apple (AAPL) \u2014 The company reported record sales on Monday.", "Apple (AAPL)", None),
        ("New Delhi, Oct 30 (PTI): The court adjourned the hearing on Monday.", "The court adjourned", "PTI"),
    ],
)
def test_a_mixed_case_place_is_a_dateline_only_with_its_date_and_agency(lead, kept, outlet):
    """A ticker or a name in brackets opening the story is prose; 'New Delhi, Oct 30 (PTI):' is a dateline."""
    doc = document_from_bytes((HEAD + lead + "\n").encode(), "article.txt")
    assert answerable(doc)[-1].startswith(kept)
    assert doc.meta.outlet == outlet


def test_a_page_without_title_or_og_tags_answers_from_its_first_paragraph():
    prose = "The harbour closed on Monday after the storm damaged two piers and a breakwater near the old town."
    page = (
        f"<html><body><p>{prose} Ferries were cancelled.</p><p>Repairs start in May, the port said.</p></body></html>"
    )
    doc = document_from_bytes(page.encode(), "harbour.html")
    assert prose in answerable(doc)
    assert doc.meta.title == "harbour"
