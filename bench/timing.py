"""Small timing helpers shared by the benchmark scripts."""

from __future__ import annotations

import numpy as np


def percentiles(seconds: list[float]) -> dict[str, float]:
    """p50 and p99 of durations, in milliseconds."""
    ms = np.asarray(seconds, dtype=np.float64) * 1000
    if not len(ms):
        return {"p50": float("nan"), "p99": float("nan")}
    return {"p50": float(np.percentile(ms, 50)), "p99": float(np.percentile(ms, 99))}
