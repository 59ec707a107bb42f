"""Recognising the parts of a news article and its metadata, on the bundled article and on small ones."""

import pytest

from index import model
from index.document import document_from_bytes, document_from_text, load_document
from index.layout import parse_credit, parse_date
from index.site import host_name, split_site

from .conftest import BUNDLED


def test_bundled_article_parts():
    doc = load_document(BUNDLED)
    kinds = [s.kind for s in doc.sentences]
    assert kinds[:4] == [model.TITLE, model.STANDFIRST, model.DATELINE, model.TITLE]
    assert kinds.count(model.RELATED) == 4
    assert kinds[-1] == model.CREDIT
    assert doc.meta.date == "2024-10-30"
    assert doc.meta.outlet == "Fox News Digital"
    assert doc.meta.authors == ("Anders Hagstrom", "Greg Norman")
    assert doc.meta.title.startswith("Pentagon says 'small number'")


def test_every_sentence_offset_holds(bundled_text):
    doc = load_document(BUNDLED)
    assert doc.text == bundled_text
    for s in doc.sentences:
        assert bundled_text[s.start : s.end] == s.text


def test_body_paragraphs_are_numbered_from_one():
    doc = load_document(BUNDLED)
    body = [s.paragraph for s in doc.sentences if s.kind == model.BODY]
    assert body[0] == 1
    assert body == sorted(body)
    assert all(s.paragraph == 0 for s in doc.sentences if s.kind != model.BODY)


def test_markdown_article_with_byline():
    text = (
        "# Storm closes harbour\n\n*By Jane Roe and Sam Poe | Coastal Times*\n\nMarch 3, 2025\n\n"
        "The harbour closed on Monday. Ferries were cancelled.\n\n## Damage\n\nTwo piers were damaged.\n"
    )
    doc = document_from_text(text, "storm.md")
    assert doc.meta.title == "Storm closes harbour"
    assert doc.meta.authors == ("Jane Roe", "Sam Poe")
    assert doc.meta.outlet == "Coastal Times"
    assert doc.meta.date == "2025-03-03"
    body = [s.text for s in doc.sentences if s.kind == model.BODY]
    assert body == ["The harbour closed on Monday.", "Ferries were cancelled.", "Two piers were damaged."]
    assert any(s.kind == model.HEADING and s.text == "Damage" for s in doc.sentences)
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text


def test_parse_date_formats():
    assert parse_date("Oct 30, 2024 - 00:00") == "2024-10-30"
    assert parse_date("Published 5 January 2023") == "2023-01-05"
    assert parse_date("2021-07-04") == "2021-07-04"
    assert parse_date("no date here") is None


def test_parse_credit_reporting_by():
    assert parse_credit("Reporting by Ana Lima and Joe Bloggs; editing by Tim Cook.")[1] == ("Ana Lima", "Joe Bloggs")


def test_a_sentence_opening_with_by_is_no_byline():
    text = (
        "Ice age ends\n\nBy 9000 BP, Europe was fully forested.\n\nBy Tuesday, the troops had left the city.\n\n"
        "By using this site, you agree to the terms.\n"
    )
    doc = document_from_text(text, "ice.txt")
    assert [s.kind for s in doc.sentences] == [model.TITLE, model.BODY, model.BODY, model.BODY]
    assert doc.meta.authors == ()


def test_bylines_still_name_their_authors():
    assert parse_credit("By Jane Roe and Sam Poe | Coastal Times") == ("Coastal Times", ("Jane Roe", "Sam Poe"))
    assert parse_credit("By Ana de Lima")[1] == ("Ana de Lima",)


def test_short_lines_before_prose_are_headings_and_back_matter_is_not_answerable():
    text = (
        "Harbour reopens\n\nThe harbour reopened on Monday after repairs, the port authority said.\n\n"
        "Ferry services\n\nFerries to the islands will run from Friday.\n\nReferences\n\n"
        "Port authority annual report 2024\n\nCity council minutes, 3 March 2025\n"
    )
    doc = document_from_text(text, "harbour.txt")
    kinds = [(s.kind, s.text) for s in doc.sentences]
    assert (model.HEADING, "Ferry services") in kinds and (model.HEADING, "References") in kinds
    assert kinds[-2:] == [
        (model.RELATED, "Port authority annual report 2024"),
        (model.RELATED, "City council minutes, 3 March 2025"),
    ]
    assert doc.meta.date is None


def test_front_matter_gives_metadata_and_never_answers():
    text = (
        '---\ntitle: "Storm closes harbour"\ndate: 2025-03-03T09:00:00Z\nauthors:\n  - Jane Roe\n  - Sam Poe\n'
        "site: Coastal Times\n---\n\n# Storm closes harbour\n\nThe harbour closed on Monday. Ferries were cancelled.\n"
    )
    doc = document_from_bytes(text.encode(), "storm.md")
    assert (doc.meta.title, doc.meta.date, doc.meta.outlet) == ("Storm closes harbour", "2025-03-03", "Coastal Times")
    assert doc.meta.authors == ("Jane Roe", "Sam Poe")
    answerable = [s.text for s in doc.sentences if s.kind in model.ANSWERABLE_KINDS]
    assert answerable == ["Storm closes harbour", "The harbour closed on Monday.", "Ferries were cancelled."]


def test_reader_tool_header_gives_title_and_url():
    text = (
        "Title: Kenya - Wikipedia\n\nURL Source: https://en.wikipedia.org/wiki/Kenya\n\nMarkdown Content:\n"
        "**Kenya** is a country in [East Africa](https://en.wikipedia.org/wiki/East_Africa).[[1]](#cite_note-1)\n\n"
        "Etymology\n---------\n\n[[edit](https://en.wikipedia.org/w/index.php?title=Kenya&action=edit)]\n\n"
        "The Republic of Kenya is named after Mount Kenya.\n"
    )
    doc = document_from_bytes(text.encode(), "kenya.md")
    assert doc.meta.title == "Kenya" and doc.meta.url == "https://en.wikipedia.org/wiki/Kenya"
    answerable = [s.text for s in doc.sentences if s.kind in model.ANSWERABLE_KINDS]
    assert answerable == ["Kenya is a country in East Africa.", "The Republic of Kenya is named after Mount Kenya."]


def test_news_with_single_newlines_and_a_long_headline():
    text = (
        "Council votes to close the Elm Street library in June after more than a century of service\n"
        "The council voted on Tuesday to close the Elm Street library in June, ending a service that has run "
        "from the same building since 1911.\n"
        "Parents said the library was the only quiet place nearby for children to read after school, and that "
        "the nearest branch is two bus rides away.\n"
    )
    doc = document_from_text(text, "library.txt")
    assert doc.meta.title.startswith("Council votes") and doc.meta.title.endswith("century of service")
    assert [(s.kind, s.paragraph) for s in doc.sentences] == [(model.TITLE, 0), (model.BODY, 1), (model.BODY, 2)]


def test_an_old_date_alone_on_a_line_is_not_the_articles_date():
    text = "Nikola Tesla\n\nBorn\n\n10 July 1856\n\nNikola Tesla was an inventor. He was born in Smiljan.\n"
    assert document_from_text(text, "tesla.txt").meta.date is None
    text = "Storm closes harbour\n\nMarch 3, 2025\n\nThe harbour closed on Monday.\n"
    assert document_from_text(text, "storm.txt").meta.date == "2025-03-03"
    text = "Archive story\n\nPublished 5 January 1985\n\nThe harbour closed on Monday.\n"
    assert document_from_text(text, "archive.txt").meta.date == "1985-01-05"


def test_parse_date_with_a_weekday_or_a_time_first():
    assert parse_date("Wed 30 Oct 2024 14.05 EDT") == "2024-10-30"
    assert parse_date("Updated 3:45 PM EDT, Wed October 30, 2024") == "2024-10-30"


def test_an_updated_line_with_the_time_first_is_the_date_line():
    text = "Storm hits coast\n\nUpdated 3:45 PM EDT, Wed October 30, 2024\n\nThe storm reached the coast on Tuesday.\n"
    doc = document_from_text(text, "storm.txt")
    assert doc.meta.date == "2024-10-30"
    assert [s.kind for s in doc.sentences] == [model.TITLE, model.DATELINE, model.BODY]


@pytest.mark.parametrize(
    ("byline", "outlet", "authors"),
    [
        ("By Maria Lopez and Ken Park, Reuters", "Reuters", ("Maria Lopez", "Ken Park")),
        ("By Ann Lee, Reuters", "Reuters", ("Ann Lee",)),
        ("By Jane Doe, John Roe and Sam Poe", None, ("Jane Doe", "John Roe", "Sam Poe")),
        ("By Ada Moss, Senior Political Correspondent", None, ("Ada Moss",)),
        ("By Owen Pryce, Local Democracy Reporter, Riverton Gazette", "Riverton Gazette", ("Owen Pryce",)),
        ("By PRIYA NAIR and JOHN O'ROE Associated Press", "Associated Press", ("Priya Nair", "John O'Roe")),
        ("By Jane Doe | Reuters", "Reuters", ("Jane Doe",)),
    ],
)
def test_a_byline_names_people_and_its_outlet_apart(byline, outlet, authors):
    assert parse_credit(byline) == (outlet, authors)


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://en.wikipedia.org/wiki/Rhine", "wikipedia.org"),
        ("https://edition.metrowire.example/2024/x.html", "metrowire.example"),
        ("http://www.rivertongazette.co.uk/news", "rivertongazette.co.uk"),
        ("https://user@news.example.org:8080/x", "example.org"),
        ("http://localhost:8000/x", None),
        ("http://127.0.0.1/x", None),
        (None, None),
    ],
)
def test_host_name_is_the_site_without_subdomains(url, host):
    assert host_name(url) == host


@pytest.mark.parametrize(
    ("title", "url", "heading", "expected"),
    [
        ("Rhine - Wikipedia", "https://en.wikipedia.org/wiki/Rhine", None, ("Rhine", "Wikipedia")),
        ("Rhine - Wikipedia", None, "Rhine", ("Rhine", "Wikipedia")),
        ("Fed holds rates | Reuters", "https://www.reuters.com/x", None, ("Fed holds rates", "Reuters")),
        ("Flood warning | World news | The Guardian", None, "Flood warning", ("Flood warning", "The Guardian")),
        ("BBC News - Flood warning", "https://www.bbc.co.uk/news/x", None, ("Flood warning", "BBC News")),
        ("Biden - Trump debate", "https://www.nytimes.com/x", None, ("Biden - Trump debate", None)),
        ("Election night live: results as they come in", None, None, ("Election night live: results as they come in", None)),
        ("Rhine - Wikipedia", None, None, ("Rhine - Wikipedia", None)),
    ],
)  # fmt: skip
def test_split_site_only_when_the_site_part_is_confirmed(title, url, heading, expected):
    assert split_site(title, url=url, heading=heading) == expected


def test_reader_tool_header_title_suffix_names_the_outlet():
    text = (
        "Title: Kenya - Wikipedia\n\nURL Source: https://en.wikipedia.org/wiki/Kenya\n\nMarkdown Content:\n"
        "Kenya is a country in East Africa.\n"
    )
    assert document_from_bytes(text.encode(), "kenya.md").meta.outlet == "Wikipedia"
    text = "Title: Kenya\n\nURL Source: https://en.wikipedia.org/wiki/Kenya\n\nKenya is a country in East Africa.\n"
    assert document_from_bytes(text.encode(), "kenya.md").meta.outlet == "wikipedia.org"  # the host: last resort


@pytest.mark.parametrize(
    ("line", "authors", "outlet", "date"),
    [
        ("By Jane Doe | October 30, 2024", ("Jane Doe",), None, "2024-10-30"),
        ("By Jane Doe, Reuters | Updated 3:45 PM EDT, Wed October 30, 2024", ("Jane Doe",), "Reuters", "2024-10-30"),
        ("Published 30 October 2024 | By Jane Doe", ("Jane Doe",), None, "2024-10-30"),
        ("By Jane Doe, Reuters, October 30, 2024", ("Jane Doe",), "Reuters", "2024-10-30"),
        ("By Jane Doe \u2022 Published October 30, 2024", ("Jane Doe",), None, "2024-10-30"),
        ("October 30, 2024 / 3:45 PM / Updated an hour ago", (), None, "2024-10-30"),
        ("Jane Doe, Reuters\n30 October 2024", ("Jane Doe",), "Reuters", "2024-10-30"),
        ("Jane Doe and John Roe in Kyiv\n30 October 2024", ("Jane Doe", "John Roe"), None, "2024-10-30"),
        ("Rain | Wind | Snow", (), None, None),
    ],
)  # fmt: skip
def test_a_line_joining_byline_date_and_outlet(line, authors, outlet, date):
    text = f"Storm hits the coast\n\n{line}\n\nThe storm reached the coast on Tuesday night, officials said.\n"
    doc = document_from_text(text, "storm.txt")
    assert (doc.meta.authors, doc.meta.outlet, doc.meta.date) == (authors, outlet, date)
    answerable = [s.text for s in doc.sentences if s.kind in model.ANSWERABLE_KINDS]
    assert answerable == ["Storm hits the coast", "The storm reached the coast on Tuesday night, officials said."]


@pytest.mark.parametrize(
    ("opening", "title"),
    [
        ("Night ferries approved after review", "Night ferries approved after review"),  # a headline
        ("Ferries approved. Night sailings start in May", "Ferries approved. Night sailings start in May"),  # no stop
        ("The authority approved night ferries on Tuesday. The first sailing leaves at nine.", "notes"),  # prose
    ],
)
def test_a_short_opening_paragraph_of_several_sentences_is_prose_not_a_title(opening, title):
    """A text without a title line may open with a short paragraph; two sentences ending in a full stop are body."""
    doc = document_from_text(opening + "\n\nCrews will be hired in the spring, the authority said.\n", "notes.txt")
    assert doc.meta.title == title
    kinds = {s.text: s.kind for s in doc.sentences}
    if title == "notes":
        assert kinds["The first sailing leaves at nine."] == model.BODY
