"""Learned linear reranker and abstention model; parameters live in retrieval/params.json (see retrieval/fit.py)."""

from __future__ import annotations

import json
import logging
import math
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from retrieval.features import ABSTAIN_FEATURES, FEATURES

log = logging.getLogger(__name__)

PARAMS_PATH = Path(__file__).resolve().parent / "params.json"


@dataclass
class Params:
    """Rerank weights per feature, abstention logistic weights, bias and decision threshold."""

    weights: dict[str, float] = field(default_factory=lambda: {"cos_z": 1.0, "bm25_z": 1.0})
    abstain_weights: dict[str, float] = field(default_factory=lambda: {"best_cos": 10.0})
    abstain_bias: float = -3.0
    abstain_threshold: float = 0.5
    # A different source's answer is listed under `also` when the reranker's softmax gives it at least
    # this share of the best sentence's probability (a score gap of -ln(also_ratio)).
    also_ratio: float = 0.1
    fitted_on: dict = field(default_factory=dict)

    @property
    def also_gap(self) -> float:
        return -math.log(self.also_ratio)

    def rank_vector(self) -> np.ndarray:
        return np.array([self.weights.get(name, 0.0) for name in FEATURES])

    def abstain_vector(self) -> np.ndarray:
        return np.array([self.abstain_weights.get(name, 0.0) for name in ABSTAIN_FEATURES])

    def score(self, x: np.ndarray) -> np.ndarray:
        """Rerank score of each candidate row of a feature matrix."""
        return x @ self.rank_vector()

    def answerable(self, a: np.ndarray) -> float:
        """Probability that the chosen sentence answers the question."""
        z = float(a @ self.abstain_vector() + self.abstain_bias)
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def save(self, path: Path = PARAMS_PATH) -> None:
        path.write_text(json.dumps(asdict(self), indent=2, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def from_file(cls, path: Path = PARAMS_PATH) -> Params:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@lru_cache(maxsize=1)
def default_params() -> Params:
    """The fitted parameters shipped in the repo; plain fusion and a cosine threshold if they are missing."""
    try:
        return Params.from_file()
    except (OSError, ValueError, TypeError) as exc:
        log.warning("no fitted parameters (%s): using plain fusion", exc)
        return Params()
