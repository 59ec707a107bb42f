"""Each sentence's stems and lexicon concepts, worked out once when its article is indexed and kept with it.

A question needs the terms of its candidate sentences and the document frequencies of their articles;
analysing sentences again for every question cost tens of milliseconds on a large corpus. ArticleTerms holds
them compactly (one vocabulary per article, int32 ids per sentence, the article's document frequencies over
its answerable sentences) and travels in the article's cache entry as JSON plus one int32 block.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass

import numpy as np

from index import lexicon, model, terms


@dataclass(frozen=True)
class SentenceTerms:
    """A sentence's stemmed terms in order and its lexicon concepts (places, acronyms, synonyms) with repeats."""

    seq: tuple[str, ...]
    concept_seq: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> SentenceTerms:
        return cls(tuple(terms.stems(text)), tuple(lexicon.concepts(text)))

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(self.seq)

    @property
    def concepts(self) -> frozenset[str]:
        return frozenset(self.concept_seq)

    @property
    def length(self) -> int:
        return len(self.seq)


def _segments(sizes: list[int]) -> np.ndarray:
    """Offsets (len(sizes) + 1) of consecutive segments of these sizes."""
    ptr = np.zeros(len(sizes) + 1, dtype=np.int32)
    np.cumsum(sizes, out=ptr[1:])
    return ptr


def _document_frequencies(ids: np.ndarray, ptr: np.ndarray, keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct ids of the kept segments and in how many of those segments each occurs."""
    owner = np.repeat(np.arange(len(ptr) - 1, dtype=np.int64), np.diff(ptr))
    kept = keep[owner]
    width = int(ids.max(initial=0)) + 1
    per_segment = np.unique(owner[kept] * width + ids[kept]) % width
    found, counts = np.unique(per_segment, return_counts=True)
    return found.astype(np.int32), counts.astype(np.int32)


@dataclass(frozen=True, eq=False)
class ArticleTerms:
    """SentenceTerms of every sentence of an article as ids into one vocabulary, with the article's statistics.

    Statistics are over its answerable sentences (title, standfirst, body): document frequencies of stems
    (`df_*`) and of concepts (`cdf_*`), the PREFIX-letter beginnings of their stems (`prefix_ids`, for loose
    matches of word families), how many such sentences there are and their total stem count. `prefix_of` gives
    each vocabulary entry's own prefix (-1 for concepts and stems shorter than PREFIX).
    """

    vocab: tuple[str, ...]
    stem_ptr: np.ndarray  # sentence i's stems are stem_ids[stem_ptr[i]:stem_ptr[i + 1]]
    stem_ids: np.ndarray
    concept_ptr: np.ndarray
    concept_ids: np.ndarray
    df_ids: np.ndarray
    df_counts: np.ndarray
    cdf_ids: np.ndarray
    cdf_counts: np.ndarray
    prefix_ids: np.ndarray
    prefix_of: np.ndarray
    answerable: int
    total_length: int

    @classmethod
    def of(cls, document: model.Document) -> ArticleTerms:
        """Analyse every sentence of a document (index time: about 0.05 ms a sentence)."""
        analysed = [SentenceTerms.of(s.text) for s in document.sentences]
        kinds = [s.kind in model.ANSWERABLE_KINDS for s in document.sentences]
        return cls.from_sentences(analysed, kinds)

    @classmethod
    def from_sentences(cls, analysed: list[SentenceTerms], answerable: list[bool]) -> ArticleTerms:
        vocab: dict[str, int] = {}
        stems = [vocab.setdefault(t, len(vocab)) for a in analysed for t in a.seq]
        concepts = [vocab.setdefault(c, len(vocab)) for a in analysed for c in a.concept_seq]
        stem_ptr = _segments([len(a.seq) for a in analysed])
        concept_ptr = _segments([len(a.concept_seq) for a in analysed])
        stem_ids, concept_ids = np.array(stems, dtype=np.int32), np.array(concepts, dtype=np.int32)
        keep = np.array(answerable, dtype=bool).reshape(len(analysed))
        df = _document_frequencies(stem_ids, stem_ptr, keep)
        cdf = _document_frequencies(concept_ids, concept_ptr, keep)
        total = int(np.diff(stem_ptr)[keep].sum())
        long = [w for w in vocab if len(w) >= terms.PREFIX and not w.startswith("@")]  # concepts are "@kind:..."
        prefix = {w: vocab.setdefault(w[: terms.PREFIX], len(vocab)) for w in long}
        prefix_of = np.array([prefix.get(w, -1) for w in vocab], dtype=np.int32)
        prefix_ids = np.unique(prefix_of[df[0]])
        prefix_ids = prefix_ids[prefix_ids >= 0]
        arrays = (stem_ptr, stem_ids, concept_ptr, concept_ids, *df, *cdf, prefix_ids, prefix_of)
        return cls(tuple(vocab), *arrays, int(keep.sum()), total)

    def __len__(self) -> int:
        return len(self.stem_ptr) - 1

    def _words(self, ids: np.ndarray):
        return map(self.vocab.__getitem__, ids.tolist())

    def sentence(self, i: int) -> SentenceTerms:
        """Sentence i's stems in order and concepts with repeats."""
        stems = self.stem_ids[self.stem_ptr[i] : self.stem_ptr[i + 1]]
        return SentenceTerms(
            tuple(self._words(stems)),
            tuple(self._words(self.concept_ids[self.concept_ptr[i] : self.concept_ptr[i + 1]])),
        )

    def stem_union(self, sentences: list[int]) -> frozenset[str]:
        """Distinct stems of several sentences."""
        return frozenset(
            self._words(np.concatenate([self.stem_ids[self.stem_ptr[i] : self.stem_ptr[i + 1]] for i in sentences]))
        )

    # The int32 block's arrays in order: offsets, then ids into the vocabulary (checked as one run), then counts.
    _BLOCK = (
        "stem_ptr",
        "concept_ptr",
        "stem_ids",
        "concept_ids",
        "df_ids",
        "cdf_ids",
        "prefix_ids",
        "df_counts",
        "cdf_counts",
        "prefix_of",
    )

    def header(self) -> dict:
        """The JSON part of the stored form: vocabulary, sizes of the int32 block's arrays, statistics."""
        return {
            "vocab": list(self.vocab),
            "sizes": [len(getattr(self, name)) for name in self._BLOCK],
            "answerable": self.answerable,
            "total_length": self.total_length,
        }

    def block(self) -> bytes:
        """The int32 block of the stored form: every array, one after the other."""
        return b"".join(np.ascontiguousarray(getattr(self, name), dtype="<i4").tobytes() for name in self._BLOCK)

    @classmethod
    def decode(cls, header: dict, block: bytes, sentences: int) -> ArticleTerms:
        """Inverse of header() and block(); ValueError when they do not fit together or the article."""
        sizes = [int(s) for s in header["sizes"]]
        if len(sizes) != len(cls._BLOCK) or 4 * sum(sizes) != len(block) or not sizes[0] == sizes[1] == sentences + 1:
            raise ValueError("term arrays do not match the article")
        flat = np.frombuffer(block, dtype="<i4")
        bounds = list(itertools.accumulate(sizes, initial=0))
        arrays = {name: flat[bounds[i] : bounds[i + 1]] for i, name in enumerate(cls._BLOCK)}
        vocab = tuple(map(sys.intern, header["vocab"]))  # one string object per term across articles
        ids = flat[bounds[2] : bounds[7]]
        if len(ids) and (ids.min() < 0 or ids.max() >= len(vocab)):
            raise ValueError("term ids out of the vocabulary")
        for ptr, ids in (("stem_ptr", "stem_ids"), ("concept_ptr", "concept_ids")):
            if arrays[ptr][0] != 0 or arrays[ptr][-1] != len(arrays[ids]):
                raise ValueError("term offsets do not match the ids")
        prefix_of = arrays["prefix_of"]
        if len(prefix_of) != len(vocab) or (len(prefix_of) and (prefix_of.min() < -1 or prefix_of.max() >= len(vocab))):
            raise ValueError("prefixes do not match the vocabulary")
        return cls(vocab, **arrays, answerable=int(header["answerable"]), total_length=int(header["total_length"]))


class CorpusVocabulary:
    """One id per distinct term (stem, concept or prefix) over a corpus's articles, and per article the corpus id
    of each of its vocabulary entries, so candidates' terms are matched as integer arrays, never as strings."""

    def __init__(self, articles: list[ArticleTerms]) -> None:
        self.ids: dict[str, int] = {}
        fresh = itertools.count()  # ids are unique, not dense: an entry already known keeps its id
        self.maps = [
            np.fromiter(map(self.ids.setdefault, a.vocab, fresh), dtype=np.int64, count=len(a.vocab)) for a in articles
        ]
