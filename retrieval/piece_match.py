"""The question side of the word-piece features: each question piece's best cosine with a sentence's pieces, which
index/tokens.py keeps as sign bits."""

from __future__ import annotations

import numpy as np

from index.tokens import DIM

# Pieces expanded from bits to float32 at once (6 MB), so a question over thousands of candidates stays small.
CHUNK = 4096


def best_cosines(question: np.ndarray, sentences: list[np.ndarray]) -> np.ndarray:
    """(sentences, question pieces): each question piece's (unit float rows) best cosine with a sentence's pieces
    (packed bits); -1, no match at all, for a sentence without any."""
    out = np.full((len(sentences), len(question)), -1.0)
    sizes = np.array([len(b) for b in sentences], dtype=np.int64)
    held = np.flatnonzero(sizes)
    if not len(question) or not len(held):
        return out
    # A piece's unit sign vector is (2 * bit - 1) / sqrt(DIM): its dot product with q is 2 bits.q / sqrt(DIM) minus
    # sum(q) / sqrt(DIM), so the 0/1 bits are multiplied as they are, with no signs worked out first.
    root = np.sqrt(DIM, dtype=np.float32)
    scale, shift = (question.T * (2.0 / root)).astype(np.float32), question.sum(axis=1) / root
    cum = np.cumsum(sizes[held])
    begin = 0
    while begin < len(held):
        done = cum[begin - 1] if begin else 0
        end = max(int(np.searchsorted(cum, done + CHUNK, side="right")), begin + 1)
        part = held[begin:end]
        bits = np.unpackbits(np.concatenate([sentences[i] for i in part]), axis=1).astype(np.float32)
        starts = np.concatenate([[0], np.cumsum(sizes[part])[:-1]])
        out[part] = np.maximum.reduceat(bits @ scale - shift, starts, axis=0)
        begin = end
    return out
