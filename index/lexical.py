"""BM25 over sentences, for the lexical half of hybrid retrieval."""

from __future__ import annotations

import logging
import re

import bm25s
import numpy as np

logging.getLogger("bm25s").setLevel(logging.WARNING)

_TOKEN = re.compile(r"[a-z0-9]+(?:[.,'][a-z0-9]+)*")
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "how",
        "i",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "she",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
    ]
)


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens without stop words; numbers keep their separators ("10,000")."""
    return [t for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS]


class Bm25Index:
    """BM25 (k1=1.2, b=0.75) scores of a query against every sentence."""

    def __init__(self, texts: list[str]) -> None:
        self.size = len(texts)
        self._bm25 = bm25s.BM25(k1=1.2, b=0.75)
        tokens = [tokenize(t) or ["\u2205"] for t in texts]
        if texts:
            self._bm25.index(tokens, show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        """One BM25 score per sentence (zeros when no query term is known)."""
        terms = tokenize(query)
        if not self.size or not terms:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(terms), dtype=np.float32)
