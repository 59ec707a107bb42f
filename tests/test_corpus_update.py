"""A corpus built from the previous one after articles are added, changed or removed (BM25 updated, not rebuilt)
answers exactly as a corpus built from scratch: every BM25 score equal to the last bit, top-k the same."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from index import lexical, model
from index.corpus import Corpus
from index.lexical import Bm25Index, tokenize
from index.store import IndexedArticle
from index.tokens import TokenBits

WORDS = ["troops", "russia", "korea", "pact", "seoul", "biden", "kirby", "10,000", "said", "the", "eastern", "moved"]
QUERIES = ["troops russia", "pact pact seoul", "biden said", "10,000 troops eastern", "unknown words", "korea"]


def article(name: str, texts: list[str]) -> IndexedArticle:
    """An indexed article of these body sentences (vectors: random units, enough for the dense index)."""
    sentences = [model.Sentence(0, len(t), 1, model.BODY, t) for t in texts]
    meta = model.ArticleMeta(path=f"{name}.txt", title=name, content_hash=name)
    vectors = np.random.default_rng(len(name)).normal(size=(len(texts), 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return IndexedArticle(model.Document(meta, "", sentences), vectors, TokenBits.empty(len(vectors)))


def assert_same_terms(updated: Corpus, fresh: Corpus) -> None:
    """Each row's stems, concepts and prefixes as corpus vocabulary ids name the same terms in both (the ids
    themselves may differ: they only need to be unique)."""
    for corpus in (updated, fresh):
        assert len(set(corpus.vocabulary.ids.values())) == len(corpus.vocabulary.ids)
    names = [{i: t for t, i in c.vocabulary.ids.items()} for c in (updated, fresh)]
    for row in range(len(fresh.rows)):
        got, want = (
            [[name[i] for i in ids.tolist()] for ids in c.term_ids(row)]
            for c, name in zip((updated, fresh), names, strict=True)
        )
        assert got == want


def assert_same_bm25(updated: Bm25Index, fresh: Bm25Index) -> None:
    assert updated.size == fresh.size
    for query in QUERIES:
        assert updated.scores(query).tobytes() == fresh.scores(query).tobytes(), query
        for k in (1, 3, 50):
            got, want = updated.topk(query, k), fresh.topk(query, k)
            assert got[0].tolist() == want[0].tolist() and got[1].tobytes() == want[1].tobytes()
    assert set(fresh.vocab) <= set(updated.vocab)  # terms only removed sentences had may linger
    for term in fresh.vocab:  # each posting list: the same rows in the same order, the same weights
        [(got_rows, got_weights)], [(want_rows, want_weights)] = updated._postings(term), fresh._postings(term)
        assert got_rows.tolist() == want_rows.tolist() and got_weights.tobytes() == want_weights.tobytes()


sentence = st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join)
articles = st.lists(st.lists(sentence, min_size=0, max_size=5), min_size=1, max_size=6)


@settings(max_examples=60, deadline=None)
@given(before=articles, added=articles, data=st.data())
def test_updated_corpus_scores_like_a_fresh_one(before, added, data):
    old_items = [article(f"old{i}", texts) for i, texts in enumerate(before)]
    old = Corpus(old_items, 8)
    kept = [item for item in old_items if data.draw(st.booleans())]
    items = list(kept)
    for i, texts in enumerate(added[: data.draw(st.integers(0, len(added)))]):  # new ones anywhere among them
        items.insert(data.draw(st.integers(0, len(items))), article(f"new{i}", texts))
    updated, fresh = Corpus(items, 8, previous=old), Corpus(items, 8)
    assert_same_bm25(updated.lexical, fresh.lexical)
    assert_same_terms(updated, fresh)
    assert updated.vectors.tobytes() == fresh.vectors.tobytes()
    assert updated.rows == fresh.rows and updated.article_of.tolist() == fresh.article_of.tolist()
    for q in fresh.vectors[:3]:
        assert [a.tolist() for a in updated.dense_topk(q, 4)] == [a.tolist() for a in fresh.dense_topk(q, 4)]
    assert [updated.sentence(r).text for r in range(len(updated.rows))] == [
        fresh.sentence(r).text for r in range(len(fresh.rows))
    ]


def test_a_chain_of_changes_stays_exact():
    """Many adds and removes one after another, each corpus built from the last, as a running library does;
    terms left by removed articles are dropped once they are most of the vocabulary."""
    rng = np.random.default_rng(0)
    items = [article(f"a{i}", [" ".join(rng.choice(WORDS, 6)) for _ in range(4)]) for i in range(5)]
    corpus = Corpus(list(items), 8)  # a corpus keeps the list it is given
    for step in range(30):
        if (step % 3 == 2 or step >= 20) and len(items) > 1:  # adds and removes, then removes only
            del items[int(rng.integers(len(items)))]
        else:
            fresh_words = [f"w{step}x{j}" for j in range(6)]  # words no other article has
            texts = [" ".join(rng.choice(WORDS + fresh_words, 6)) for _ in range(int(rng.integers(1, 5)))]
            items.insert(int(rng.integers(len(items) + 1)), article(f"b{step}", texts))
        corpus, fresh = Corpus(list(items), 8, previous=corpus), Corpus(list(items), 8)
        assert_same_bm25(corpus.lexical, fresh.lexical)
        assert_same_terms(corpus, fresh)
    live = {t for item in items for s in item.document.sentences for t in tokenize(s.text)}
    assert len(corpus.lexical.vocab) <= 2 * len(live)


def test_appended_articles_extend_the_vectors_in_place():
    """Articles appended write their vectors after the previous corpus's, which still reads its own rows;
    a second corpus from that same previous one copies instead of overwriting the first's rows."""
    a, b, c = article("a", ["troops moved"]), article("bb", ["pact signed", "in seoul"]), article("ccc", ["ferry"])
    old = Corpus([a], 8)
    kept = old.vectors.copy()
    grown = Corpus([a, b], 8, previous=old)
    assert np.shares_memory(grown.vectors, old.vectors) and old.vectors.tobytes() == kept.tobytes()
    other = Corpus([a, c], 8, previous=old)
    assert not np.shares_memory(other.vectors, grown.vectors)
    assert all(np.shares_memory(item.vectors, other.vectors) for item in other.articles)
    assert grown.vectors.tobytes() == Corpus([a, b], 8).vectors.tobytes()
    assert other.vectors.tobytes() == Corpus([a, c], 8).vectors.tobytes()


def test_weights_made_a_few_terms_at_a_time_are_the_same(monkeypatch):
    texts = [" ".join(np.random.default_rng(i).choice(WORDS, 7)) for i in range(40)] + [""]
    whole = Bm25Index(texts)
    monkeypatch.setattr(lexical, "_CHUNK", 3)
    assert Bm25Index(texts)._weights.tobytes() == whole._weights.tobytes()


def test_reordered_articles_build_afresh():
    a, b = article("a", ["troops moved"]), article("b", ["pact signed in seoul"])
    old = Corpus([a, b], 8)
    swapped = Corpus([b, a], 8, previous=old)
    assert_same_bm25(swapped.lexical, Corpus([b, a], 8).lexical)
