"""The two baselines the benchmark runs beside the engine, in the same process and as cold-started processes.

- literal: the design card taken literally: regex sentence split, sentence-transformers fp32 embeddings,
  a flat FAISS inner-product index, top-1, no threshold, no attribution.
- bm25: BM25 alone over the project's own sentences (pysbd segmentation), top-1.

`python -m bench.baselines literal|bm25 ARTICLE QUESTION` answers one question from a cold process.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def regex_sentences(text: str) -> list[str]:
    """Split after . ! or ? followed by white space: what a first prototype does."""
    return [s.strip() for s in SENTENCE_END.split(text) if s.strip()]


class Literal:
    """Regex sentences, MiniLM through sentence-transformers (fp32), flat FAISS, top-1."""

    def __init__(self, text: str, model=None) -> None:
        import faiss

        from index.embed import SentenceTransformerEmbedder

        self.model = model or SentenceTransformerEmbedder()
        self.sentences = regex_sentences(text)
        self.index = faiss.IndexFlatIP(self.model.dim)
        self.index.add(self.model.encode(self.sentences))

    def ask(self, question: str) -> str:
        _, rows = self.index.search(self.model.encode([question]), 1)
        return self.sentences[int(rows[0][0])]


class Bm25Only:
    """The project's sentences scored by BM25 alone, top-1."""

    def __init__(self, text: str, path: str = "article.txt") -> None:
        from index.document import document_from_text
        from index.lexical import Bm25Index

        self.sentences = [s.text for s in document_from_text(text, path).sentences]
        self.index = Bm25Index(self.sentences)

    def ask(self, question: str) -> str:
        return self.sentences[int(np.argmax(self.index.scores(question)))]


def main(argv: list[str]) -> int:
    kind, article, question = argv
    text = Path(article).read_text(encoding="utf-8")
    baseline = Literal(text) if kind == "literal" else Bm25Only(text, article)
    print(baseline.ask(question))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
