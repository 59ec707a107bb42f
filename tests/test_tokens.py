"""Word-piece sign bits (index/tokens.py) and their match with a question's pieces (retrieval/piece_match.py): which
pieces are kept, the stored form, the cosines, and that the real model's pieces make the match prefer a sentence
using the question's word or one used alike."""

from __future__ import annotations

import numpy as np
import pytest

from index import tokens
from index.tokens import DIM, PACKED, TokenBits
from retrieval import piece_match


def test_content_positions_keep_content_words_of_the_sentence_only():
    pieces = ["[CLS]", "the", "title", ".", "troops", "##s", "were", "sent", "?", "[SEP]"]
    offsets = [(0, 0), (0, 3), (4, 9), (9, 10), (11, 17), (17, 18), (19, 23), (24, 28), (28, 29), (0, 0)]
    # from character 11 on (the sentence after its title): no special tokens, stop words or punctuation
    assert tokens.content_positions(pieces, offsets, 11) == [4, 5, 7]
    assert tokens.content_positions(pieces, offsets) == [2, 4, 5, 7]


def test_pieces_of_a_longer_word_stay_though_one_spells_a_stop_word():
    pieces = ["[CLS]", "sho", "##ig", "##u", "is", "in", "##d", "[SEP]"]  # "Shoigu is ind"
    offsets = [(0, 0), (0, 3), (3, 5), (5, 6), (7, 9), (10, 12), (12, 13), (0, 0)]
    assert tokens.content_positions(pieces, offsets) == [1, 2, 3, 5, 6]  # "is" alone is the one stop word


def test_bits_round_trip_through_the_stored_form():
    rng = np.random.default_rng(0)
    vectors = [rng.standard_normal((n, DIM)).astype(np.float32) for n in (3, 0, 5)]
    bits = TokenBits.of(vectors)
    assert bits.bits.shape == (8, PACKED) and bits.ptr.tolist() == [0, 3, 3, 8]
    back = TokenBits.decode(bits.header(), bits.block(), 3)
    assert np.array_equal(back.bits, bits.bits) and np.array_equal(back.ptr, bits.ptr)
    # a piece's bits, unpacked, are its vector's signs
    np.testing.assert_array_equal(np.unpackbits(back.sentence(2), axis=1).astype(int) * 2 - 1, np.sign(vectors[2]))


@pytest.mark.parametrize("sentences", [2, 4])
def test_stored_form_of_another_article_is_refused(sentences):
    bits = TokenBits.of([np.ones((2, DIM)), -np.ones((1, DIM)), np.ones((1, DIM))])
    with pytest.raises(ValueError):
        TokenBits.decode(bits.header(), bits.block(), sentences)


def test_pointers_out_of_order_are_refused():
    bits = TokenBits.of([np.ones((2, DIM)), np.ones((0, DIM)), np.ones((1, DIM))])
    bits.ptr = np.array([0, 2, 1, 3])  # the second sentence would end before it starts
    with pytest.raises(ValueError, match="order"):
        TokenBits.decode(bits.header(), bits.block(), 3)


@pytest.mark.parametrize("chunk", [piece_match.CHUNK, 5, 1])
def test_best_cosines_equal_the_dot_products_with_the_signs(monkeypatch, chunk):
    """Also when the pieces are expanded a few at a time (a chunk smaller than one sentence takes that sentence)."""
    monkeypatch.setattr(piece_match, "CHUNK", chunk)
    rng = np.random.default_rng(1)
    question = rng.standard_normal((3, DIM)).astype(np.float32)
    question /= np.linalg.norm(question, axis=1, keepdims=True)
    vectors = [rng.standard_normal((n, DIM)) for n in (4, 0, 2, 7, 1)]
    bits = TokenBits.of(vectors)
    best = piece_match.best_cosines(question, [bits.sentence(i) for i in range(len(vectors))])
    for i, v in enumerate(vectors):
        want = (np.sign(v) / np.sqrt(DIM)) @ question.T
        np.testing.assert_allclose(best[i], want.max(axis=0) if len(v) else -1.0, atol=1e-5)
    assert piece_match.best_cosines(question[:0], [bits.sentence(0)]).shape == (1, 0)


def test_real_pieces_match_a_word_used_alike_above_an_unrelated_one(embedder):
    """The question says "soldiers"; the sentence holding "troops" matches its pieces better than one about
    the weather, though neither shares a word with it."""
    question = embedder.encode_pieces(["How many soldiers were deployed?"]).pieces[0]
    texts = ["Thousands of troops were sent to the front.", "Heavy rain is expected on the coast."]
    encoded = embedder.encode_pieces(texts)
    bits = [TokenBits.of([p]).sentence(0) for p in encoded.pieces]
    troops, rain = piece_match.best_cosines(question, bits).mean(axis=1)
    assert troops > rain + 0.05


def test_pieces_start_where_asked_and_agree_with_the_fp32_model(embedder):
    """Pieces from character `start` on only (a passage's title is not the sentence's), and the int8 export's
    pieces point where the fp32 model's do."""
    from index.embed import SentenceTransformerEmbedder

    text = "Kursk offensive. The troops crossed the border at dawn."
    start = text.index("The")
    fast = embedder.encode_pieces([text], [start])
    exact = SentenceTransformerEmbedder().encode_pieces([text], [start])
    assert len(fast.pieces[0]) == len(exact.pieces[0]) == 4  # troops, crossed, border, dawn
    assert np.sum(fast.pieces[0] * exact.pieces[0], axis=1).min() > 0.97
    np.testing.assert_allclose(fast.vectors, embedder.encode([text]), atol=1e-6)


def test_pieces_do_not_depend_on_the_batch(embedder, bundled_text):
    """A question (one text) and the same text among an article's sentences get the same pieces, as their vectors
    are the same: every text is its own call."""
    texts = [line for line in bundled_text.splitlines() if len(line) > 40][:5]
    batch = embedder.encode_pieces(texts, [3] * len(texts))
    for i, text in enumerate(texts):
        alone = embedder.encode_pieces([text], [3])
        np.testing.assert_array_equal(alone.vectors[0], batch.vectors[i])
        np.testing.assert_array_equal(alone.pieces[0], batch.pieces[i])
