"""What is embedded for each sentence: the article's own title as context, never a file name standing in for one."""

from __future__ import annotations

from index.document import load_document
from index.passage import passage_texts

BODY = (
    "The harbour authority approved night ferries on Tuesday after a two-year safety review. "
    "The first sailing leaves at nine.\n\nCrews will be hired in the spring, the authority said.\n"
)


def test_the_article_s_own_title_is_the_context_of_its_sentences(tmp_path):
    path = tmp_path / "ferries-2024.txt"
    path.write_text("Night ferries approved\n\n" + BODY, encoding="utf-8")
    doc = load_document(path)
    assert doc.meta.own_title == doc.meta.title == "Night ferries approved"
    body = [t for s, t in zip(doc.sentences, passage_texts(doc), strict=True) if s.kind != "title"]
    assert body and all(t.startswith("Night ferries approved. ") for t in body)


def test_a_file_name_standing_in_for_a_missing_title_is_shown_but_not_embedded(tmp_path):
    path = tmp_path / "notes-0042.txt"
    path.write_text(BODY, encoding="utf-8")
    doc = load_document(path)
    assert doc.meta.title == "notes-0042"  # what the user sees as the source
    assert doc.meta.own_title == ""
    texts = passage_texts(doc)
    assert texts and not any("notes-0042" in t for t in texts)
    assert next(t for t in texts if "approved night ferries" in t).startswith("The harbour authority")


def test_every_passage_ends_with_its_sentence(bundled_text, tmp_path):
    """The index keeps a sentence's own word pieces from len(passage) - len(sentence) on (store.embed_documents):
    the context goes before the sentence, never after or inside it, with a title and speakers or with neither."""
    for name, text, with_context in (("kursk.txt", bundled_text, True), ("notes-0042.txt", BODY, False)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        doc = load_document(path)
        pairs = list(zip(doc.sentences, passage_texts(doc), strict=True))
        assert all(t.endswith(s.text) for s, t in pairs)
        assert any(t != s.text for s, t in pairs) == with_context
