"""One synthetic-corpus point of the benchmark, run in its own process so its peak RSS is its own.

`python bench/scale.py N WORKDIR REPEATS ASKS` reads the real XQuAD embeddings the parent saved in WORKDIR,
makes a corpus of N sentences (vectors: `data.mixtures` of real sentence embeddings; texts: the same real
sentences with a third of their words swapped for words of a Zipf vocabulary, so BM25 posting lists have a
realistic shape; word-piece sign bits: random, two for every three words, about what real sentences keep;
articles of 50 sentences in paragraphs of 3-5), analyses their terms as indexing does,
builds the Corpus (BM25 + dense index) and times the whole engine per question (`ask`: all REPEATS questions
one after another, as a server answers them, enough for a p50 that holds on a busy machine; `ask_after_scan`:
ASKS of them, each right after an exact scan of all vectors, which leaves every CPU cache cold), the dense
top-k and BM25 (`bm25_topk` is the engine's; `bm25_scores`, every sentence's, only the baselines'), with
recall@1 of the dense index against an exact scan on the real XQuAD question embeddings. Last, a change as a
running library makes it (`change_s`): one new article added (the corpus built from the previous one: IVF and
BM25 updated, not rebuilt), the first question answered after it (per-corpus caches remade), then the
corpus's first article removed.
Prints one JSON object.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import data  # noqa: E402
from bench.timing import percentiles  # noqa: E402

ARTICLE_SENTENCES = 50
PARAGRAPH_SENTENCES = (3, 5)  # body paragraphs of 3 to 5 sentences, as in news articles


def synthetic_texts(sentences: list[str], bases: np.ndarray, seed: int = 0) -> list[str]:
    """Row i: real sentence bases[i] with each word replaced, with probability 1/3, by a Zipf-drawn word."""
    rng = np.random.default_rng(seed)
    words = [s.split() for s in sentences]
    out = []
    for b in bases.tolist():
        w = list(words[b])
        swap = rng.random(len(w)) < 1 / 3
        ranks = rng.zipf(1.3, int(swap.sum()))
        for pos, r in zip(np.flatnonzero(swap).tolist(), ranks.tolist(), strict=True):
            w[pos] = f"w{min(r, 10**6)}"
        out.append(" ".join(w))
    return out


def synthetic_articles(texts: list[str], vectors: np.ndarray, seed: int = 0) -> list:
    """Indexed articles of ARTICLE_SENTENCES body sentences each, in paragraphs of PARAGRAPH_SENTENCES, with their
    term analysis (the index-time work of stems and concepts per sentence)."""
    from index import model, tokens
    from index.store import IndexedArticle

    rng = np.random.default_rng(seed)
    items = []
    for a, start in enumerate(range(0, len(texts), ARTICLE_SENTENCES)):
        chunk = texts[start : start + ARTICLE_SENTENCES]
        sizes = rng.integers(PARAGRAPH_SENTENCES[0], PARAGRAPH_SENTENCES[1] + 1, len(chunk))
        paragraph = np.repeat(np.arange(1, len(chunk) + 1), sizes)[: len(chunk)].tolist()
        sentences = [model.Sentence(0, len(t), p, model.BODY, t) for t, p in zip(chunk, paragraph, strict=True)]
        meta = model.ArticleMeta(path=f"synthetic/{a}.txt", title=f"synthetic {a}", content_hash=f"s{len(texts)}-{a}")
        counts = [max(1, 2 * len(t.split()) // 3) for t in chunk]
        bits = rng.integers(0, 256, (sum(counts), tokens.PACKED), dtype=np.uint8)
        pieces = tokens.TokenBits.of_sizes(bits, counts)
        document = model.Document(meta, "", sentences)
        items.append(IndexedArticle(document, vectors[start : start + len(chunk)], pieces))
    return items


def new_article(sentences: list[str], base: np.ndarray):
    """One more synthetic article of ARTICLE_SENTENCES sentences, drawn like the corpus's (another seed)."""
    vectors, bases = data.mixtures(base, ARTICLE_SENTENCES, seed=1, with_bases=True)
    [item] = synthetic_articles(synthetic_texts(sentences, bases, seed=1), vectors)
    return item


def engine_over(corpus, embedder):
    """An Engine answering from a prebuilt corpus (the bench skips files and the cache for synthetic data)."""
    from retrieval.engine import Engine, min_confidence
    from retrieval.rerank import default_params

    engine = Engine.__new__(Engine)
    engine.embedder = embedder
    engine.params = default_params()
    engine.min_confidence = min_confidence(engine.params)
    engine.library = SimpleNamespace(corpus=corpus)
    return engine


def main(n: int, work: Path, repeats: int, asks: int) -> dict:
    from index import dense
    from index.corpus import Corpus
    from index.embed import default_embedder

    sentences = json.loads((work / "xquad_sentences.json").read_text())
    questions = json.loads((work / "xquad_questions.json").read_text())
    base, qvecs = np.load(work / "xquad_sentences.npy"), np.load(work / "xquad_questions.npy")
    result: dict = {"sentences": n}

    t = time.perf_counter()
    vectors, bases = data.mixtures(base, n, with_bases=True)
    texts = synthetic_texts(sentences, bases)
    result["make_s"] = time.perf_counter() - t

    t = time.perf_counter()
    items = synthetic_articles(texts, vectors)
    result["analysis_s"] = time.perf_counter() - t
    t = time.perf_counter()
    corpus = Corpus(items, vectors.shape[1])
    result["corpus_build_s"] = time.perf_counter() - t
    result["dense_kind"], result["nprobe"] = corpus.dense.kind, corpus.dense.nprobe
    sources = [item.document.meta.content_hash for item in corpus.articles]
    t = time.perf_counter()
    dense.DenseIndex(corpus.vectors, sources)
    result["dense_reopen_mmap_s"] = time.perf_counter() - t
    os.environ["ARTICLE_QA_DENSE_MMAP"] = "0"
    t = time.perf_counter()
    in_ram = dense.DenseIndex(corpus.vectors, sources)
    result["dense_reopen_ram_s"] = time.perf_counter() - t
    del os.environ["ARTICLE_QA_DENSE_MMAP"]

    truth = dense.exact_top1(corpus.vectors, qvecs)
    got = np.array([corpus.dense_topk(q, 5)[0][0] for q in qvecs])
    result["recall_at_1"] = float(np.mean(got == truth))
    if corpus.dense.kind == "ivf":
        exact_rows = np.arange(len(corpus.vectors))
        flat = SimpleNamespace(topk=lambda q, k: dense._best(exact_rows, corpus.vectors @ q, k))
    else:
        flat = corpus.dense

    engine = engine_over(corpus, default_embedder())
    try:
        engine.ask(questions[0])  # builds the per-corpus caches (answerable mask) once
    except Exception as exc:  # the retrieval layer is measured here, not tested: report it and go on
        result["ask_error"] = f"{type(exc).__name__}: {exc}"
        asks = 0
    names = ("ask", "dense_top5", "dense_top5_ram", "dense_top400", "flat_top5", "bm25_scores", "bm25_topk")
    timings: dict[str, list[float]] = {name: [] for name in (*names, "ask_after_scan")}
    sample = list(range(0, len(questions), max(1, len(questions) // repeats)))[:repeats]
    # The whole ask as a server answers questions, one after another (each one's articles new to the caches).
    for i in sample:
        t = time.perf_counter()
        engine.ask(questions[i])
        timings["ask"].append(time.perf_counter() - t)
    for count, i in enumerate(sample):
        q, qv = questions[i], qvecs[i]
        steps = {
            "dense_top5": (corpus.dense_topk, qv, 5),
            "dense_top5_ram": (in_ram.topk, qv, 5),
            "dense_top400": (corpus.dense_topk, qv, 400),
            "flat_top5": (flat.topk, qv, 5),
            "bm25_scores": (corpus.lexical.scores, q),
            "bm25_topk": (corpus.lexical.topk, q, 100),
            # Another question right after the full scan above has left every CPU cache cold.
            "ask_after_scan": (engine.ask, questions[i + 1]),
        }
        for name, (step, *args) in steps.items():
            if name == "ask_after_scan" and count >= asks:
                continue
            t = time.perf_counter()
            step(*args)
            timings[name].append(time.perf_counter() - t)
    result["ms"] = {name: percentiles(values) for name, values in timings.items()}

    result["peak_rss_before_change_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    del in_ram, flat  # they hold the corpus's vectors: the old corpus goes once the new one is built, as in a Library
    change: dict[str, float] = {}
    t = time.perf_counter()
    corpus = Corpus([*corpus.articles, new_article(sentences, base)], corpus.dim, previous=corpus)
    change["add_article"] = time.perf_counter() - t
    engine.library = SimpleNamespace(corpus=corpus)
    if asks:
        t = time.perf_counter()
        engine.ask(questions[1])
        change["first_ask_after_add"] = time.perf_counter() - t
    t = time.perf_counter()
    corpus = Corpus(corpus.articles[1:], corpus.dim, previous=corpus)
    change["remove_article"] = time.perf_counter() - t
    result["change_s"] = change
    return result


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    n, work, repeats, asks = int(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    print(json.dumps(main(n, work, repeats, asks)))
