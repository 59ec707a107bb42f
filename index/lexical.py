"""BM25 over sentences, for the lexical half of hybrid retrieval: a term-major sparse index in numpy.

Scores follow the Lucene variant as bm25s computes it (idf = ln(1 + (N - df + 0.5) / (df + 0.5)), term part
tf / (tf + k1 (1 - b + b dl / avgdl))), so existing calibrations hold, but with no scipy import (about 90 ms
of start-up) and a top-k that only looks at sentences sharing a term with the query (a 1M-sentence corpus
answers in about a millisecond instead of sorting a million scores).
"""

from __future__ import annotations

import itertools
import re
from array import array
from collections import Counter

import numpy as np

_CHUNK = 1 << 20  # postings weighed at a time
_TOKEN = re.compile(r"[a-z0-9]+(?:[.,'][a-z0-9]+)*")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")  # 10,000 and 1,250.5: commas that group thousands
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
    """Lower-case word tokens without stop words; numbers as digits ("10,000" and "10000" are one term)."""
    return [number(t) for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS]


def number(token: str) -> str:
    """A token with its thousands commas dropped, so a user's "10000" finds the article's "10,000"."""
    return token.replace(",", "") if token[:1].isdigit() and _GROUPED.fullmatch(token) else token


def _offsets(terms: np.ndarray, vocabulary: int) -> np.ndarray:
    """Where each term's postings start (and the last ends) once sorted by term, from the term of each."""
    indptr = np.zeros(vocabulary + 1, dtype=np.int64)
    np.cumsum(np.bincount(terms, minlength=vocabulary), out=indptr[1:])
    return indptr


def _tokenized(texts: list[str], vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(text position, term id, count) of each distinct term of each text, in text order (new terms added to
    vocab), and each text's token count (an empty text counts as one token, as in bm25s)."""
    docs, terms, counts = array("i"), array("i"), array("i")  # 4 bytes an entry, not a Python int
    lengths = np.ones(len(texts), dtype=np.float32)
    for row, text in enumerate(texts):
        tokens = tokenize(text)
        if not tokens:
            continue
        lengths[row] = len(tokens)
        for term, count in Counter(tokens).items():
            docs.append(row)
            terms.append(vocab.setdefault(term, len(vocab)))
            counts.append(count)
    return (*(np.frombuffer(a, dtype=np.int32) for a in (docs, terms, counts)), lengths)


class Bm25Index:
    """BM25 (k1=1.2, b=0.75) scores of a query against every sentence, from per-term posting lists.

    `updated` makes the index of a changed corpus from this one, tokenizing only the new sentences: the
    postings kept are renumbered and the new ones merged in, in the order a fresh build has them, and every
    weight is then recomputed (they depend on the corpus's document frequencies, size and mean length), so
    its scores are exactly a fresh build's.
    """

    def __init__(self, texts: list[str], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.vocab: dict[str, int] = {}
        docs, terms, counts, lengths = _tokenized(texts, self.vocab)
        order = np.argsort(terms, kind="stable")
        self._finish(docs[order], counts[order], _offsets(terms, len(self.vocab)), lengths)

    @classmethod
    def updated(cls, old: Bm25Index, row_map: np.ndarray, new_rows: np.ndarray, new_texts: list[str]) -> Bm25Index:
        """The index of a changed corpus: old row r is now row_map[r] (-1: gone; kept rows in the same order),
        new_rows[i] is new_texts[i], and every row of the new corpus is one or the other. `old` is left as it was."""
        index = cls.__new__(cls)
        index.k1, index.b = old.k1, old.b
        index.vocab = dict(old.vocab)
        docs, terms, counts, lengths = _tokenized(new_texts, index.vocab)
        rows = new_rows[docs]
        order = np.lexsort((rows, terms))  # by term, then row: the order of a fresh build
        rows, terms, counts = rows[order], terms[order], counts[order]
        moved = row_map[old._docs]
        keep = moved >= 0
        if keep.all():
            old_docs, old_tf, indptr = moved, old._tf, old._indptr
        else:
            old_docs, old_tf = moved[keep], old._tf[keep]
            indptr = np.concatenate([[0], np.cumsum(keep)])[old._indptr]
        indptr = np.concatenate([indptr, np.full(len(index.vocab) - len(old.vocab), indptr[-1])])  # new terms
        at = [  # where each new posting goes among the kept ones: in its term's list, by row
            indptr[t] + int(np.searchsorted(old_docs[indptr[t] : indptr[t + 1]], row))
            for t, row in zip(terms.tolist(), rows.tolist(), strict=True)
        ]
        size = int(np.count_nonzero(row_map >= 0)) + len(new_rows)
        all_lengths = np.ones(size, dtype=np.float32)
        all_lengths[row_map[row_map >= 0]] = old._lengths[row_map >= 0]
        all_lengths[new_rows] = lengths
        index._finish(
            np.insert(old_docs, at, rows),
            np.insert(old_tf, at, counts),
            indptr + _offsets(terms, len(index.vocab)),
            all_lengths,
        )
        if len(index._indptr) > 2 * np.count_nonzero(np.diff(index._indptr)) + 1:
            index._drop_unused_terms()  # terms only removed sentences had, once they are half the vocabulary
        return index

    def _finish(self, docs: np.ndarray, tf: np.ndarray, indptr: np.ndarray, lengths: np.ndarray) -> None:
        """Set the postings (term i's are docs[indptr[i]:indptr[i + 1]], by row) and weigh them by the corpus's
        statistics, a few terms at a time (the float64 temporaries of 1.2e7 postings at once took 0.5 GB)."""
        self.size = len(lengths)
        self._docs, self._tf = docs.astype(np.int32, copy=False), tf.astype(np.int32, copy=False)
        self._indptr, self._lengths = indptr, lengths
        df = np.diff(indptr)
        idf = np.log1p((self.size - df.astype(np.float64) + 0.5) / (df + 0.5))
        avgdl = max(float(lengths.mean()), 1e-9) if self.size else 1.0
        k1, b = self.k1, self.b
        self._weights = np.empty(len(self._docs), dtype=np.float32)
        firsts = np.searchsorted(indptr, np.arange(0, len(self._docs), _CHUNK), side="right") - 1
        bounds = [*np.unique(firsts).tolist(), len(df)]
        for first, last in itertools.pairwise(bounds):  # terms [first, last): about _CHUNK postings
            lo, hi = indptr[first], indptr[last]
            count = self._tf[lo:hi].astype(np.float64)
            norm = k1 * (1 - b + b * lengths[self._docs[lo:hi]] / avgdl)
            self._weights[lo:hi] = np.repeat(idf[first:last], df[first:last]) * count / (count + norm)

    def _drop_unused_terms(self) -> None:
        """Forget terms no sentence has any more (ids renumbered in the same order; postings unchanged)."""
        live = np.diff(self._indptr) > 0
        new_id = np.cumsum(live) - 1
        self.vocab = {t: int(new_id[i]) for t, i in self.vocab.items() if live[i]}
        self._indptr = np.concatenate([[0], self._indptr[1:][live]])

    def _postings(self, query: str) -> list[tuple[np.ndarray, np.ndarray]]:
        ids = [self.vocab[t] for t in tokenize(query) if t in self.vocab]
        bounds = [(self._indptr[i], self._indptr[i + 1]) for i in ids]
        return [(self._docs[lo:hi], self._weights[lo:hi]) for lo, hi in bounds if hi > lo]

    def scores(self, query: str) -> np.ndarray:
        """One BM25 score per sentence (zeros when no query term is known); a repeated term counts again."""
        return self._sum(self._postings(query))

    def _sum(self, postings: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        out = np.zeros(self.size, dtype=np.float32)  # fresh zero pages: faster than a kept buffer out of cache
        for docs, weights in postings:
            out[docs] += weights
        return out

    def topk(self, query: str, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k best-scoring sentences with a score above zero, best first (equal scores: lower row first), and
        their scores: exactly the top of `scores(query)`, with no pass over the whole corpus.

        The scores are read back only where a query term occurs. A row occurs at most once per query term, so
        among those occurrences the k * terms highest hold at least k distinct rows: the threshold they set keeps
        every row of the top k, ties at the cut too.
        """
        postings = self._postings(query)
        if not postings or k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        found = np.concatenate([docs for docs, _ in postings])
        values = self._sum(postings)[found]
        wanted = k * len(postings)
        if wanted < len(found):
            keep = values >= np.partition(values, len(values) - wanted)[len(values) - wanted]
            found, values = found[keep], values[keep]
        order = np.lexsort((found, -values))  # best first, then by row: a row's repeats end up side by side
        found, values = found[order], values[order]
        first = np.ones(len(found), dtype=bool)
        first[1:] = found[1:] != found[:-1]
        found, values = found[first], values[first]
        keep = values > 0
        return found[keep][:k].astype(np.int64), values[keep][:k]
