"""Term analysis done at index time: kept in the cache entry, equal to analysing the text afresh, rebuilt when an
entry lacks it, and answers from a reopened corpus equal to those from a freshly indexed one (real model)."""

from __future__ import annotations

import json
import logging
from collections import Counter

import numpy as np
import pytest

from index import model, store, terms
from index.analysis import ArticleTerms, SentenceTerms
from index.build import index_article
from index.document import document_from_text
from index.tokens import TokenBits
from retrieval import sentence_table
from retrieval.engine import Engine

EMBEDDER = "test-embedder"

TEXT = (
    "Seoul says 3,000 troops crossed\n\n"
    "By Ann Lee, Reuters\n\n"
    "SEOUL (Reuters) - South Korea's National Intelligence Service (NIS) said on Tuesday that about 3,000 North "
    "Korean soldiers had reached Russia. The spy agency did not say how they travelled.\n\n"
    '"They are being trained near Vladivostok," the NIS director told lawmakers. Moscow denied the report.\n\n'
    "Related: Pentagon says it is watching closely\n"
)


def _document(text: str = TEXT, digest: str = "analysis-1") -> model.Document:
    return document_from_text(text, "a.txt", digest=digest)


def _item(document: model.Document) -> store.IndexedArticle:
    vectors = np.random.default_rng(0).standard_normal((len(document.sentences), 8)).astype(np.float32)
    return store.IndexedArticle(document, vectors, TokenBits.empty(len(vectors)))


def _fresh_stats(document: model.Document) -> tuple[Counter, Counter, int, int]:
    """Document frequencies over the answerable sentences, computed the slow way from the text."""
    df, cdf, n, total = Counter(), Counter(), 0, 0
    for s in document.sentences:
        if s.kind in model.ANSWERABLE_KINDS:
            found = SentenceTerms.of(s.text)
            df.update(found.stems)
            cdf.update(found.concepts)
            n += 1
            total += found.length
    return df, cdf, n, total


def test_analysis_matches_the_text_and_the_article_statistics():
    document = _document()
    found = ArticleTerms.of(document)
    assert len(found) == len(document.sentences)
    for i, s in enumerate(document.sentences):
        assert found.sentence(i) == SentenceTerms.of(s.text)
    assert any(found.sentence(i).concept_seq for i in range(len(found)))  # places, acronyms, synonyms are there
    df, cdf, n, total = _fresh_stats(document)
    assert n < len(document.sentences)  # the related link is not answerable, so it must not count
    assert (found.answerable, found.total_length) == (n, total)
    ids = {w: i for i, w in enumerate(found.vocab)}
    stats = sentence_table.ArticleStats.of(found, ids, np.arange(len(found.vocab)))
    assert stats.avg_length == pytest.approx(total / n) and stats.n == n
    for word in {*found.vocab, "nosuchword", "@place:atlantis"}:
        assert stats.df.get(word) == df.get(word) and stats.cdf.get(word) == cdf.get(word)
        assert (word in stats.df, word in stats.cdf) == (word in df, word in cdf)
        assert (word in stats.prefixes) == (word in terms.prefixes(df))


def test_stored_analysis_round_trips_and_equals_a_fresh_one():
    document = _document(digest="analysis-2")
    item = _item(document)
    store.save(item, EMBEDDER)
    back = store.load("analysis-2", EMBEDDER, "elsewhere/a.txt")
    assert back is not None
    fresh = ArticleTerms.of(back.document)
    assert back.terms.vocab == fresh.vocab
    for name in ArticleTerms._BLOCK:
        assert np.array_equal(getattr(back.terms, name), getattr(fresh, name)), name
    assert [back.terms.sentence(i) for i in range(len(fresh))] == [fresh.sentence(i) for i in range(len(fresh))]
    assert (back.terms.answerable, back.terms.total_length) == (fresh.answerable, fresh.total_length)


def _rewrite_json(path, change) -> None:
    """Rewrite an entry's JSON line with `change` applied, with a valid checksum (as other code would write it)."""
    payload = store.checked_payload(path.read_bytes(), str(path))
    head, _, binary = payload.partition(b"\n")
    meta = json.loads(head)
    change(meta)
    path.write_bytes(store.with_checksum(json.dumps(meta).encode() + b"\n" + binary))


@pytest.mark.parametrize(
    "change",
    [
        lambda meta: meta.pop("terms"),  # written by code from before the analysis was stored
        lambda meta: meta["terms"].update(sizes=meta["terms"]["sizes"][:-1]),  # arrays that do not fit
        lambda meta: meta["terms"].update(vocab=meta["terms"]["vocab"][:2]),  # ids beyond the vocabulary
        lambda meta: meta["pieces"].update(pieces=meta["pieces"]["pieces"] + 1),  # word-piece bits that do not fit
        lambda meta: meta.pop("pieces"),  # written before word pieces were stored
    ],
)
def test_entry_without_a_sound_analysis_is_rebuilt(tmp_path, embedder, caplog, change):
    article = tmp_path / "note.txt"
    article.write_text(TEXT)
    first = index_article(article, embedder)
    entry = store.entry_path(first.document.meta.content_hash, embedder.name)
    _rewrite_json(entry, change)
    with pytest.raises(store.CorruptIndexError):
        store.load(first.document.meta.content_hash, embedder.name, str(article))
    with caplog.at_level(logging.WARNING):
        again = index_article(article, embedder)
    assert again.document.sentences == first.document.sentences
    assert again.terms.vocab == first.terms.vocab and np.array_equal(again.terms.df_counts, first.terms.df_counts)
    assert store.load(first.document.meta.content_hash, embedder.name, str(article)) is not None


def test_entries_of_an_older_format_are_never_read(tmp_path, embedder, monkeypatch):
    """An older format lives in its own folder: a cache holding only such entries indexes the article anew."""
    article = tmp_path / "note.txt"
    article.write_text(TEXT)
    first = index_article(article, embedder)
    entry = store.entry_path(first.document.meta.content_hash, embedder.name)
    monkeypatch.setattr(store, "STORE_FORMAT", "2")
    old = store.entry_path(first.document.meta.content_hash, embedder.name)
    assert old != entry
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_bytes(b"sha256:0\nnot an entry of this format")
    monkeypatch.undo()
    entry.unlink()
    again = index_article(article, embedder)
    assert again.document.sentences == first.document.sentences and entry.exists()


ARTICLES = {
    "ships.txt": "Harbour news\n\nThe old harbour held twelve ships in 1890. The harbour master was Edith Crane.\n\n"
    "Crane said the port would close in winter. Fishing boats still land cod on Fridays.\n",
    "bees.txt": "Bee news\n\nThe colony kept 60,000 workers near the orchard. The keeper was Tomas Berg.\n\n"
    '"The bees are calm this year," Berg told the council. Honey sold for 12 crowns a jar.\n',
    "rail.txt": "Rail link opens\n\nThe new line from Vell to Orsa opened on Monday after four years of work. "
    "It cost 2 billion crowns, the transport ministry said.\n\nTrains will run every 20 minutes.\n",
}
QUESTIONS = [
    "Who was the harbour master?",
    "How many workers did the colony keep?",
    "What did Berg tell the council?",
    "How much did the rail line cost?",
    "When did the line open?",
    "How often will trains run?",
    "What is the price of a jar of honey?",
    "Who won the election?",
]


def _answers(engine: Engine) -> list:
    out = []
    for q in QUESTIONS:
        a = engine.ask(q, top=3)
        out.append(
            (
                a.best.sentence.text if a.best else None,
                round(a.score, 9),
                [(c.sentence.text, round(c.score, 9)) for c in a.candidates],
                [c.sentence.text for c in a.also],
            )
        )
    return out


def test_reopened_corpus_answers_as_a_freshly_indexed_one(tmp_path, embedder, monkeypatch):
    monkeypatch.setenv("ARTICLE_QA_CACHE", str(tmp_path / "cache"))
    paths = []
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    fresh = Engine(paths, embedder=embedder)
    reopened = Engine(paths, embedder=embedder)
    assert all(a is not b for a, b in zip(fresh.library.items, reopened.library.items, strict=True))
    assert _answers(reopened) == _answers(fresh)
    vocabulary = reopened.corpus.vocabulary.ids
    for row in range(len(reopened.corpus.rows)):
        fresh_terms = SentenceTerms.of(reopened.corpus.sentence(row).text)
        assert reopened.corpus.terms(row) == fresh_terms
        stems, concepts, prefixes = reopened.corpus.term_ids(row)
        assert stems.tolist() == [vocabulary[t] for t in fresh_terms.seq]
        assert concepts.tolist() == [vocabulary[c] for c in fresh_terms.concept_seq]
        assert prefixes.tolist() == [vocabulary[t[: terms.PREFIX]] for t in fresh_terms.seq if len(t) >= terms.PREFIX]
