"""Data passed down the indexing pipeline: an article, its sentences and their attribution."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

# Sentence kinds. Only ANSWERABLE_KINDS may be returned as an answer to an ordinary question.
TITLE = "title"
STANDFIRST = "standfirst"
DATELINE = "dateline"
BODY = "body"
RELATED = "related_link"
CREDIT = "credit"
HEADING = "heading"
ANSWERABLE_KINDS = frozenset({TITLE, STANDFIRST, BODY})

# Attribution kinds.
DIRECT_QUOTE = "direct_quote"
REPORTED = "reported"
ACCORDING_TO = "according_to"
ARTICLE_VOICE = "article"


@dataclass(frozen=True)
class ArticleMeta:
    """What is known about an article as a whole; shown as the answer's source line."""

    path: str
    title: str
    outlet: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    content_hash: str = ""

    def to_dict(self) -> dict:
        d = asdict(self)
        d["authors"] = list(self.authors)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> ArticleMeta:
        return cls(**{**d, "authors": tuple(d.get("authors") or ())})

    @property
    def own_title(self) -> str:
        """The title the article gives itself: "" when `title` is only its file name, the stand-in for display."""
        return "" if self.title == Path(self.path).stem else self.title


@dataclass(frozen=True)
class Attribution:
    """Who a sentence belongs to: a named speaker, an institution, or the article itself."""

    kind: str = ARTICLE_VOICE
    speaker: str | None = None  # canonical name, e.g. "Pat Ryder" or "the Pentagon"
    title: str | None = None  # the role the article gives, e.g. "Pentagon press secretary Maj. Gen."
    cue: str | None = None  # the reporting verb or phrase, e.g. "told reporters"
    mention: str | None = None  # how the sentence itself names the source, e.g. "he" or "Ryder"
    via: str | None = None  # how the speaker was found: named, surname, pronoun, role, quote continues

    def display(self) -> str | None:
        """Speaker with title as the article introduces them, or None for the article's own voice."""
        if not self.speaker:
            return None
        if self.title:
            return f"{self.title} {self.speaker}"
        return self.speaker

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> Attribution:
        return cls(**d)


@dataclass(frozen=True)
class Sentence:
    """One sentence (or quote with its speaker tail) with its exact offsets in the article text."""

    start: int
    end: int
    paragraph: int  # 1-based among body paragraphs; 0 for title, standfirst, dateline, links
    kind: str
    text: str
    attribution: Attribution = field(default_factory=Attribution)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["attribution"] = self.attribution.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Sentence:
        return cls(**{**d, "attribution": Attribution.from_dict(d["attribution"])})


@dataclass
class Document:
    """An ingested article: its decoded text, metadata and segmented, attributed sentences."""

    meta: ArticleMeta
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
