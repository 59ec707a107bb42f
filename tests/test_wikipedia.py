"""Whole Wikipedia articles as users bring them (browser-saved HTML, copied text, Markdown): the same prose
is read from each, page furniture (menus, contents, infobox, [edit], citation markers, references, navboxes,
categories, footer) never answers, and the metadata logic takes no wiki line for an author or a date.
Fixtures in tests/fixtures/ hold text of the Wikipedia article "Rhine" from XQuAD (CC BY-SA 4.0)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import model
from index.document import document_from_bytes, load_document

from .wikipedia_pages import Section, WikiArticle, to_html, to_markdown, to_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHAPES = ("wikipedia-rhine.html", "wikipedia-rhine.txt", "wikipedia-rhine.md")
FURNITURE_WORDS = (
    "[1]", "[2]", "[edit]", "edit]", "Wikipedia", "Retrieved", "ISBN", "Britannica", "Categories", "languages",
    "Jump to content", "Countries", "disambiguation", "|", "](", "**", "cite_note", "Commons", "Privacy",
)  # fmt: skip


@pytest.fixture(scope="module", params=SHAPES)
def doc(request) -> model.Document:
    return load_document(FIXTURES / request.param)


def answerable(doc: model.Document) -> list[str]:
    """Answerable sentence texts in order, a repeated title once (the engine merges such near-duplicates)."""
    return list(dict.fromkeys(s.text for s in doc.sentences if s.kind in model.ANSWERABLE_KINDS))


def test_title_and_no_false_metadata(doc):
    assert doc.meta.title == "Rhine"
    assert doc.meta.authors == ()
    assert doc.meta.date is None
    assert doc.meta.outlet == "Wikipedia"  # the tagline in text and Markdown, the title's suffix in HTML


def test_a_saved_page_with_wikipedias_json_ld_names_the_same_outlet_and_no_author():
    """Wikipedia's own JSON-LD credits an organisation as author and the Wikimedia Foundation as publisher."""
    page = (FIXTURES / "wikipedia-rhine.html").read_text(encoding="utf-8")
    ld = (
        '<script type="application/ld+json">{"@context":"https:\\/\\/schema.org","@type":"Article","name":"Rhine",'
        '"author":{"@type":"Organization","name":"Contributors to Wikimedia projects"},"publisher":{"@type":'
        '"Organization","name":"Wikimedia Foundation, Inc."},"headline":"river in Western Europe"}</script>'
    )
    doc = document_from_bytes(page.replace("</body>", ld + "</body>").encode(), "rhine.html")
    assert (doc.meta.title, doc.meta.outlet, doc.meta.authors) == ("Rhine", "Wikipedia", ())


def test_offsets_refer_to_the_stored_text(doc):
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text


def test_only_prose_is_answerable(doc):
    texts = answerable(doc)
    assert texts[0] == "Rhine"
    assert texts[1] == "The Rhine is one of the major rivers of Europe, c. 1,230 km (760 mi) long."
    for text in texts:
        assert not any(word in text for word in FURNITURE_WORDS), text
    assert "Between Bingen and Bonn, the Middle Rhine flows through the Rhine Gorge, a formation which was " \
        "created by erosion." in texts  # fmt: skip
    assert "By 9000 BP, Europe was fully forested." in texts  # a sentence opening with "By" is no byline


def test_section_headings_are_headings(doc):
    headings = [s.text for s in doc.sentences if s.kind == model.HEADING]
    assert headings[:6] == ["Geography", "Middle Rhine", "Rhine\u2013Meuse Delta", "Geology", "Last glacial", "History"]


def test_every_shape_reads_the_same_prose():
    texts = [answerable(load_document(FIXTURES / name)) for name in SHAPES]
    assert texts[0] == texts[1] == texts[2]
    assert len(texts[0]) == 1 + 4 + 4 + 3 + 11 + 5


def test_references_see_also_and_footer_are_not_answerable():
    doc = load_document(FIXTURES / "wikipedia-rhine.txt")
    kinds = {s.text: s.kind for s in doc.sentences}
    assert kinds["List of rivers of Europe"] == model.RELATED
    assert kinds["ISBN 978-90-5356-000-0."] == model.RELATED
    assert kinds["Mobile view"] == model.RELATED
    assert kinds["Jump to content"] == model.RELATED


def test_markers_inside_a_sentence_are_removed_so_the_sentence_is_contiguous_prose():
    article = WikiArticle(
        "Oxygen",
        ["Oxygen was discovered by Carl Wilhelm Scheele,[3] in Uppsala,[a] in 1773 or earlier.[citation needed] "
         "Its name derives from the Greek roots.[note 2]"],
        [Section("History", ["In 1891 Scottish chemist James Dewar produced liquid oxygen.[4]"])],
    )  # fmt: skip
    for text, name in ((to_text(article), "o.txt"), (to_markdown(article), "o.md"), (to_html(article), "o.html")):
        doc = document_from_bytes(text.encode(), name)
        assert answerable(doc)[1:] == [
            "Oxygen was discovered by Carl Wilhelm Scheele, in Uppsala, in 1773 or earlier.",
            "Its name derives from the Greek roots.",
            "In 1891 Scottish chemist James Dewar produced liquid oxygen.",
        ], name


def test_paragraphs_separated_by_single_newlines_are_paragraphs():
    text = (
        "Steam engine\nA steam engine is a heat engine that performs mechanical work using steam as its working "
        "fluid, and it was central to the Industrial Revolution.\nHistory\nThe first recorded rudimentary steam "
        "engine was the aeolipile described by Heron of Alexandria in first-century Roman Egypt.\n"
    )
    doc = document_from_bytes(text.encode(), "steam.txt")
    assert doc.meta.title == "Steam engine"
    assert [(s.kind, s.paragraph) for s in doc.sentences] == [
        (model.TITLE, 0), (model.BODY, 1), (model.HEADING, 0), (model.BODY, 2)
    ]  # fmt: skip


def test_hard_wrapped_paragraph_stays_one_paragraph():
    text = (
        "Harbour closes\n\nThe harbour closed on Monday after a storm damaged two of the\npiers, and "
        "ferries to the islands were cancelled until the\nend of the week, the port authority said.\n"
    )
    doc = document_from_bytes(text.encode(), "harbour.txt")
    body = [s for s in doc.sentences if s.kind == model.BODY]
    assert len(body) == 1 and body[0].paragraph == 1


@pytest.fixture(scope="module")
def wiki_engine(embedder):
    from retrieval.engine import Engine

    return Engine([FIXTURES / name for name in SHAPES], embedder=embedder)


@pytest.mark.parametrize("name", SHAPES)
def test_engine_answers_from_prose_never_from_furniture(wiki_engine, name):
    """The real engine over the fixtures: questions whose words are in the reference list and the infobox too."""
    engine = wiki_engine
    path = FIXTURES / name
    answer = engine.ask("How was the Rhine Gorge formed?", path)
    assert answer.best is not None and "erosion" in answer.best.sentence.text
    for question in ("Who published The Rhine Delta?", "What countries does the Rhine flow through?"):
        for candidate in engine.ask(question, path, top=10).candidates:
            assert candidate.sentence.kind in model.ANSWERABLE_KINDS
            assert not any(word in candidate.sentence.text for word in ("ISBN", "Retrieved", "Liechtenstein"))


def test_plain_text_dump_headings_and_a_copied_contents_list():
    text = (
        "Kenya\n\nKenya is a country in East Africa. It has a population of more than 47.6 million.\n\n"
        "Contents\n1 Etymology\n2 Economy\n2.1 Agriculture\n\n== Etymology ==\nThe Republic of Kenya is named after "
        "Mount Kenya.\n\n== Economy ==\n\n=== Agriculture ===\nTea and coffee are traditional cash crops.\n"
    )
    doc = document_from_bytes(text.encode(), "kenya.txt")
    kinds = [(s.kind, s.text) for s in doc.sentences]
    assert [t for k, t in kinds if k == model.HEADING] == ["Etymology", "Economy", "Agriculture"]
    assert answerable(doc) == [
        "Kenya",
        "Kenya is a country in East Africa.",
        "It has a population of more than 47.6 million.",
        "The Republic of Kenya is named after Mount Kenya.",
        "Tea and coffee are traditional cash crops.",
    ]
