"""Corpus benchmark: index N small generated articles, then report index time, cache size, reopen and refresh
time, and query p50 over the whole corpus.

`python bench/corpus.py [N]` prints one line (N defaults to 10,000); bench/run.py can call `corpus_line()`.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PLACES = ["Aldmoor", "Brenna", "Castel", "Dunmere", "Eskby", "Farrow", "Glenholt", "Harwick", "Ilsway", "Jorvale"]
SUBJECTS = ["bridge", "school", "hospital", "harbour", "library", "railway", "market", "stadium", "museum", "dam"]
EVENTS = ["reopened", "closed", "was damaged", "was sold", "was expanded", "was inspected", "flooded", "burned"]
WHO = ["the mayor", "the council", "a spokesperson", "the police", "engineers", "residents", "the minister"]


def make_corpus(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """Write n short news articles (title, date line, two body sentences) into folder; cheap and deterministic."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        place, subject, event = rng.choice(PLACES), rng.choice(SUBJECTS), rng.choice(EVENTS)
        cost = rng.randint(2, 900)
        text = (
            f"{place} {subject} {event} (report {i})\n\nMarch {rng.randint(1, 28)}, 2024\n\n"
            f"The {subject} in {place} {event} on Tuesday after {rng.randint(2, 40)} days, {rng.choice(WHO)} said. "
            f"Repairs will cost {cost} million and take {rng.randint(2, 30)} months.\n"
        )
        path = folder / f"article-{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def run(n: int = 10_000, queries: int = 50) -> dict:
    """Index n articles into a fresh cache and measure; returns the figures (seconds, MB, ms)."""
    from index.embed import default_embedder
    from index.library import Library
    from retrieval.engine import Engine

    embedder = default_embedder()  # loaded (and any export cached) before the clock and the temporary cache
    embedder.encode(["warm up"])
    saved = os.environ.get("ARTICLE_QA_CACHE")
    with tempfile.TemporaryDirectory() as tmp:
        cache, folder = Path(tmp) / "cache", Path(tmp) / "articles"
        os.environ["ARTICLE_QA_CACHE"] = str(cache)
        try:
            paths = make_corpus(folder, n)
            t0 = time.perf_counter()
            Library([folder], embedder)
            index_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            engine = Engine([folder], embedder=embedder)
            reopen_s = time.perf_counter() - t0
            paths[0].write_text(paths[0].read_text() + "\nA late correction was added on Wednesday.\n")
            t0 = time.perf_counter()
            engine.library.refresh()
            refresh_s = time.perf_counter() - t0
            rng = random.Random(1)
            times = []
            for _ in range(queries):
                question = f"how much will repairs to the {rng.choice(SUBJECTS)} in {rng.choice(PLACES)} cost?"
                t0 = time.perf_counter()
                engine.ask(question)
                times.append(time.perf_counter() - t0)
            return {
                "articles": len(engine.articles),
                "sentences": len(engine.corpus.rows),
                "index_s": index_s,
                "cache_mb": sum(_size(d) for d in cache.glob("articles-v*")) / 1e6,
                "reopen_s": reopen_s,
                "refresh_s": refresh_s,
                "query_p50_ms": statistics.median(times) * 1000,
            }
        finally:
            if saved is None:
                os.environ.pop("ARTICLE_QA_CACHE", None)
            else:
                os.environ["ARTICLE_QA_CACHE"] = saved


def corpus_line(n: int = 10_000) -> str:
    """The `make bench` line for a corpus of n articles."""
    r = run(n)
    return (
        f"corpus {r['articles']:,} articles / {r['sentences']:,} sentences: index {r['index_s']:.1f} s, "
        f"cache {r['cache_mb']:.1f} MB, reopen {r['reopen_s']:.2f} s, refresh after 1 edit {r['refresh_s']:.2f} s, "
        f"query p50 {r['query_p50_ms']:.1f} ms"
    )


def main() -> int:
    print(corpus_line(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
