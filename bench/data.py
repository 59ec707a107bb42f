"""Bench data: XQuAD-en (questions, answers, context sentences), their embeddings, and synthetic corpora.

A synthetic corpus of n sentence vectors is made from real MiniLM embeddings of XQuAD context sentences:
each vector is a real sentence's embedding plus a random share of another real sentence's and a random
direction, normalised. It keeps the real embeddings' geometry (clusters, anisotropy), which random unit
vectors lack, while costing nothing to make at 1M; uniform random unit vectors, the worst case for
approximate search, are offered too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
XQUAD = ROOT / "eval" / "xquad" / "xquad.en.json"


@dataclass
class Xquad:
    """XQuAD-en flattened: context sentences and questions with the gold answer texts."""

    sentences: list[str]
    questions: list[str]
    answers: list[list[str]]


def load_xquad(path: Path = XQUAD) -> Xquad:
    """Every paragraph split into sentences (the project's splitter) and every question."""
    from index.segment import split_sentences

    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    sentences, questions, answers = [], [], []
    for entry in data:
        for para in entry["paragraphs"]:
            text = para["context"]
            sentences.extend(text[s.start : s.end] for s in split_sentences(text))
            for qa in para["qas"]:
                questions.append(qa["question"])
                answers.append([a["text"] for a in qa["answers"]])
    return Xquad(sentences, questions, answers)


def unit(x: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(x / np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), 1e-12), dtype=np.float32)


def mixtures(base: np.ndarray, n: int, seed: int = 0, block: int = 100_000, with_bases: bool = False):
    """n unit vectors: base[i] + w * base[j] + s * (random unit direction), w ~ U(0, 0.6), s ~ U(0.3, 0.7).

    With with_bases, also the index i of the real sentence each row is made from.
    """
    rng = np.random.default_rng(seed)
    out = np.empty((n, base.shape[1]), dtype=np.float32)
    bases = np.empty(n, dtype=np.int64)
    for start in range(0, n, block):
        m = min(block, n - start)
        i = rng.integers(0, len(base), m)
        j = rng.integers(0, len(base), m)
        w = rng.uniform(0.0, 0.6, (m, 1)).astype(np.float32)
        s = rng.uniform(0.3, 0.7, (m, 1)).astype(np.float32)
        noise = unit(rng.standard_normal((m, base.shape[1]), dtype=np.float32))
        out[start : start + m] = unit(base[i] + w * base[j] + s * noise)
        bases[start : start + m] = i
    return (out, bases) if with_bases else out


def random_unit(n: int, dim: int, seed: int = 0) -> np.ndarray:
    """n uniform random unit vectors: no structure at all, the worst case for an approximate index."""
    return unit(np.random.default_rng(seed).standard_normal((n, dim), dtype=np.float32))
