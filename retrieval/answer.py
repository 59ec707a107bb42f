"""What the engine returns for a question, and its JSON form (the CLI contract)."""

from __future__ import annotations

from dataclasses import dataclass, field

from index import model


@dataclass(frozen=True)
class Candidate:
    """A sentence that may answer, with its article and score."""

    sentence: model.Sentence
    article: model.ArticleMeta
    score: float

    @property
    def speaker(self) -> str | None:
        return self.sentence.attribution.display()

    def source(self) -> dict:
        a = self.article
        return {
            "article": a.path,
            "title": a.title,
            "outlet": a.outlet,
            "date": a.date,
            "authors": list(a.authors),
            "url": a.url,
            "paragraph": self.sentence.paragraph,
            "start": self.sentence.start,
            "end": self.sentence.end,
        }

    def to_json(self) -> dict:
        return {
            "answer": self.sentence.text,
            "speaker": self.speaker,
            "attribution": self.sentence.attribution.to_dict(),
            "score": round(self.score, 4),
            "source": self.source(),
        }


@dataclass
class Answer:
    """The best sentence (None when the article does not answer), other sources' answers, and candidates.

    `score` is the engine's confidence (0-1) that the article answers; candidates carry rerank scores.
    """

    question: str
    best: Candidate | None
    score: float
    also: list[Candidate] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def abstained(self) -> bool:
        return self.best is None

    def to_json(self, top: int = 0) -> dict:
        out: dict = {"question": self.question}
        if self.best is None:
            out.update({"answer": None, "speaker": None, "attribution": None, "score": round(self.score, 4)})
            out["source"] = None
        else:
            out.update(self.best.to_json())
            out["score"] = round(self.score, 4)  # the answer's confidence; candidates keep their rerank scores
        out["also"] = [c.to_json() for c in self.also]
        if top:
            out["candidates"] = [c.to_json() for c in self.candidates[:top]]
        return out
