"""The answer engine: articles in, a verbatim sentence with its attribution out, or an honest abstention."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index import model
from index.build import Problem
from index.corpus import Corpus
from index.embed import Embedder, default_embedder
from index.library import Changes, Library
from retrieval import features, search, select
from retrieval.answer import Answer, Candidate
from retrieval.question import as_asked, clean_question
from retrieval.rerank import Params, default_params
from retrieval.sentence_table import table

log = logging.getLogger(__name__)

BUNDLED_ARTICLE = Path(__file__).resolve().parent.parent / "articles" / "kursk-north-korean-troops-2024-10-30.txt"


def default_articles() -> list[str]:
    """ARTICLE_QA_ARTICLES (paths separated by the OS path separator), else the bundled article."""
    raw = os.environ.get("ARTICLE_QA_ARTICLES", "")
    return [p for p in raw.split(os.pathsep) if p] or [str(BUNDLED_ARTICLE)]


def min_confidence(params: Params) -> float:
    """ARTICLE_QA_MIN_CONFIDENCE, else the fitted threshold: below it the engine says the article doesn't say."""
    raw = os.environ.get("ARTICLE_QA_MIN_CONFIDENCE", "")
    try:
        return float(raw) if raw else params.abstain_threshold
    except ValueError:
        log.warning("ARTICLE_QA_MIN_CONFIDENCE=%r is not a number; using %.3f", raw, params.abstain_threshold)
        return params.abstain_threshold


def _names_for(corpus: Corpus, rows: np.ndarray, text: str) -> frozenset[str]:
    """For a question typed all in lower case, the names its candidates' articles write (none needed otherwise)."""
    if any(c.isupper() for c in text):
        return frozenset()
    return table(corpus).names_in(np.unique(corpus.article_of[rows]))


def _by_article(corpus: Corpus, rows: np.ndarray) -> list[np.ndarray]:
    """Positions in `rows` of each article's candidates."""
    articles = corpus.article_of[rows]
    order = np.argsort(articles, kind="stable")
    return np.split(order, np.flatnonzero(np.diff(articles[order])) + 1)


@dataclass
class _Ranked:
    """One article's ranking for a question: positions of its candidates in order, and the confidence."""

    order: list[int]
    confidence: float


class Engine:
    """Indexes articles once and answers questions over all of them or one."""

    def __init__(self, paths: Iterable[str | Path] | None = None, embedder: Embedder | None = None) -> None:
        self.embedder = embedder or default_embedder()
        self.params = default_params()
        self.min_confidence = min_confidence(self.params)
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

    def remove_article(self, path: str | Path) -> bool:
        """Stop answering from an article; False when it was not in the corpus."""
        return self.library.remove(path)

    def refresh(self) -> Changes:
        """Re-read the article sources: new files indexed, changed ones re-indexed, deleted ones dropped."""
        return self.library.refresh()

    @property
    def sources(self) -> list[str]:
        """The files and folders the corpus is read from."""
        return [str(s) for s in self.library.sources]

    @property
    def problems(self) -> list[Problem]:
        """Article files that could not be read and were skipped, with the reason."""
        return self.library.problems

    def ask(self, question: str, article: str | Path | None = None, top: int = 5) -> Answer:
        """The best sentence for the question, or an abstention; raises QuestionError for bad questions."""
        return self.rank(question, article, top, search.FULL)

    def rank(self, question: str, article: str | Path | None = None, top: int = 5, method: str = search.FULL) -> Answer:
        """Answer with a ranking method; only the learned one (FULL) merges duplicates, abstains and lists `also`."""
        text = clean_question(question)
        scope = None if article is None else [self.library.position(article)]
        corpus = self.corpus
        encoded = self.embedder.encode_pieces([as_asked(text)])
        qvec = encoded.vectors[0]
        rows = search.candidate_rows(corpus, qvec, text, scope)
        if not len(rows):
            return Answer(question, None, 0.0)
        q = features.Question.parse(text, _names_for(corpus, rows, text))
        scores, scored = search.rank(corpus, q, qvec, encoded.pieces[0], rows, method, self.params)
        if method != search.FULL:
            order = np.argsort(-scores, kind="stable").tolist()
            candidates = [self._candidate(rows[i], float(scores[i])) for i in order[: max(top, 1)]]
            return Answer(question, candidates[0], float(scores[order[0]]), candidates=candidates)
        # The features are relative to each article's candidates, so every article is ranked as if asked alone;
        # the article whose best sentence most likely answers wins.
        chosen = max(
            (self._rank_article(part, rows, scores, scored, top) for part in _by_article(corpus, rows)),
            key=lambda r: r.confidence,
        )
        order = select.prefer_reply(corpus, q, select.merge_duplicates(corpus, chosen.order, rows), rows)
        candidates = [self._candidate(rows[i], float(scores[i])) for i in order[: max(top, 1)]]
        if chosen.confidence < self.min_confidence:
            return Answer(question, None, chosen.confidence, candidates=candidates)
        also = select.other_sources(corpus, q, order, rows, scores, self.params.also_gap)
        return Answer(
            question,
            candidates[0],
            chosen.confidence,
            also=[self._candidate(rows[i], float(scores[i])) for i in also],
            candidates=candidates,
        )

    def _rank_article(
        self, part: np.ndarray, rows: np.ndarray, scores: np.ndarray, scored: features.Scored, top: int
    ) -> _Ranked:
        """One article's best candidates (positions `part`) in order, and the confidence that its best one, after
        near-duplicates are merged, answers (only the winner's are merged, and its reply preferred, after)."""
        order = part[np.argsort(-scores[part], kind="stable")][: max(top, 1) * 3].tolist()
        best = select.merged_head(self.corpus, order, rows)
        return _Ranked(order, self.params.answerable(features.abstain_features(scored, scores, best, part)))

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
        return Candidate(self.corpus.sentence(int(row)), self.corpus.meta(int(row)), score)
