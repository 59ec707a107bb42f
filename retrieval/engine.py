"""The answer engine: articles in, a verbatim sentence with its attribution out, or an honest abstention."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from index import model
from index.corpus import Corpus
from index.embed import Embedder, default_embedder
from index.library import Library
from retrieval import search
from retrieval.answer import Answer, Candidate
from retrieval.question import clean_question

log = logging.getLogger(__name__)

BUNDLED_ARTICLE = Path(__file__).resolve().parent.parent / "articles" / "kursk-north-korean-troops-2024-10-30.txt"
DEFAULT_MIN_COSINE = 0.30


def default_articles() -> list[str]:
    """ARTICLE_QA_ARTICLES (paths separated by the OS path separator), else the bundled article."""
    raw = os.environ.get("ARTICLE_QA_ARTICLES", "")
    return [p for p in raw.split(os.pathsep) if p] or [str(BUNDLED_ARTICLE)]


class Engine:
    """Indexes articles once and answers questions over all of them or one."""

    def __init__(self, paths: Iterable[str | Path] | None = None, embedder: Embedder | None = None) -> None:
        self.embedder = embedder or default_embedder()
        self.min_cosine = float(os.environ.get("ARTICLE_QA_MIN_COSINE", DEFAULT_MIN_COSINE))
        self.library = Library(paths if paths is not None else default_articles(), self.embedder)

    @property
    def corpus(self) -> Corpus:
        return self.library.corpus

    @property
    def articles(self) -> list[model.ArticleMeta]:
        return self.library.articles

    def add_article(self, path: str | Path) -> model.ArticleMeta:
        """Index one more article (or re-index a changed one) and make it answerable."""
        return self.library.add(path)

    def ask(self, question: str, article: str | Path | None = None, top: int = 5) -> Answer:
        """The best sentence for the question, or an abstention; raises QuestionError for bad questions."""
        text = clean_question(question)
        scope = None if article is None else [self.library.position(article)]
        rows = search.answerable_rows(self.corpus, scope)
        if not len(rows):
            return Answer(question, None, 0.0)
        qvec = self.embedder.encode([text])[0]
        fused, cos = search.score(self.corpus, text, qvec, rows)
        order = np.argsort(-fused, kind="stable")
        candidates = [self._candidate(rows[i], float(fused[i])) for i in order[: max(top, 1)]]
        best_cos = float(cos[order[0]])
        if best_cos < self.min_cosine:
            return Answer(question, None, best_cos, candidates=candidates)
        return Answer(question, candidates[0], best_cos, candidates=candidates)

    def speakers(self, article: str | Path | None = None) -> list[str]:
        """Named speakers quoted or cited in the corpus (or one article), most quoted first."""
        counts: dict[str, int] = {}
        for _, sentence in self._sentences(article):
            name = sentence.attribution.speaker
            if name and sentence.kind in model.ANSWERABLE_KINDS:
                counts[name] = counts.get(name, 0) + 1
        return sorted(counts, key=lambda n: (-counts[n], n))

    def quotes(self, speaker: str, article: str | Path | None = None) -> list[Candidate]:
        """Every answerable sentence attributed to a speaker (case-insensitive name), in article order."""
        wanted = speaker.strip().lower()
        return [
            Candidate(sentence, meta, 1.0)
            for meta, sentence in self._sentences(article)
            if sentence.kind in model.ANSWERABLE_KINDS and (sentence.attribution.speaker or "").lower() == wanted
        ]

    def _sentences(self, article: str | Path | None):
        items = self.library.items if article is None else [self.library.items[self.library.position(article)]]
        for item in items:
            for sentence in item.document.sentences:
                yield item.document.meta, sentence

    def _candidate(self, row: int, score: float) -> Candidate:
        return Candidate(self.corpus.sentence(row), self.corpus.meta(row), score)
