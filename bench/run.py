"""`make bench`: speed, memory and scale of the engine beside two baselines, measured in one run.

Writes bench/results/latest.json and latest.md and the table in README.md between the bench markers.
BENCH_QUICK=1 skips the 1M-sentence corpus, uses a third of XQuAD for quality and fewer repetitions.
The machine is shared and noisy: compare ratios within one run; medians are reported.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from bench import baselines, data  # noqa: E402
from bench.report import render, update_readme  # noqa: E402
from bench.timing import percentiles  # noqa: E402
from retrieval.question import as_asked  # noqa: E402

log = logging.getLogger("bench")
QUICK = os.environ.get("BENCH_QUICK", "") == "1"
BUNDLED = ROOT / "articles" / "kursk-north-korean-troops-2024-10-30.txt"
RESULTS = ROOT / "bench" / "results"
QUESTION = "How many North Korean troops are in Russia?"
BUSY = "import time\nwhile True:\n    sum(range(10000))"


def child_rss(args: list[str], env: dict[str, str] | None = None) -> dict:
    """Run a process to completion through bench/peak.py: wall seconds from its start to exit, its stdout,
    and its own peak RSS (measured by the small launcher, not charged with this process's memory)."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "peak.json"
        launcher = [sys.executable, str(ROOT / "bench" / "peak.py"), str(report), *args]
        proc = subprocess.run(
            launcher, cwd=ROOT, env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE
        )
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed with status {proc.returncode}")
        peak = json.loads(report.read_text())
    return {"wall_s": peak["wall_s"], "peak_rss_mib": peak["maxrss_kib"] / 1024, "stdout": proc.stdout.decode()}


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "bot", *args]


def cold_start(work: Path) -> dict:
    """Process start to first answer: engine with a cold cache, with the export only, warm; both baselines."""
    fresh, export_only, warm = work / "cold", work / "export-only", work / "cache"
    ask = cli("ask", "--article", str(BUNDLED), QUESTION)
    res = {"engine_cold_cache": child_rss(ask, {"ARTICLE_QA_CACHE": str(fresh)})}
    shutil.copytree(fresh / "onnx", export_only / "onnx")
    res["engine_cold_index"] = child_rss(ask, {"ARTICLE_QA_CACHE": str(export_only)})
    child_rss(ask, {"ARTICLE_QA_CACHE": str(warm)})  # make sure the warm cache holds this article
    runs = [child_rss(ask, {"ARTICLE_QA_CACHE": str(warm)}) for _ in range(3 if QUICK else 5)]
    res["engine_warm"] = median_run(runs)
    literal = [sys.executable, "-m", "bench.baselines", "literal", str(BUNDLED), QUESTION]
    res["literal"] = median_run([child_rss(literal) for _ in range(1 if QUICK else 3)])
    bm25 = [sys.executable, "-m", "bench.baselines", "bm25", str(BUNDLED), QUESTION]
    res["bm25"] = median_run([child_rss(bm25) for _ in range(3)])
    for run in res.values():
        run.pop("stdout", None)
    return res


def median_run(runs: list[dict]) -> dict:
    return {key: statistics.median(run[key] for run in runs) for key in ("wall_s", "peak_rss_mib")} | {
        "runs": len(runs)
    }


def bundled_questions() -> list[str]:
    """The bundled article's question set (eval/bundled.jsonl) when present, else a few general ones."""
    path = ROOT / "eval" / "bundled.jsonl"
    if path.exists():
        return [json.loads(line)["q"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [QUESTION, "What did Biden say?", "Who is the Pentagon press secretary?", "Where are the troops?"]


class Timed:
    """Wraps a callable and adds up the time spent in it (for the where-the-time-goes breakdown)."""

    def __init__(self, fn) -> None:
        self.fn, self.seconds = fn, 0.0

    def __call__(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return self.fn(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - start


def latency(engine, literal, bm25, questions: list[str], rounds: int) -> dict:
    """Per-question p50/p99 of engine.ask and both baselines, and where the engine's time goes: the corpus-wide
    steps it calls (question embedding, dense search and cosines, BM25 top-k; a scope of up to
    search.EXHAUSTIVE_LIMIT answerable sentences, as the bundled article's, scores all of them and runs no
    corpus BM25: the rerank's BM25 features are per article, in the rest)."""
    corpus = engine.corpus
    encode, lexical, dense_topk, cosine = (
        Timed(engine.embedder.encode_pieces),
        Timed(corpus.lexical.topk),
        Timed(corpus.dense_topk),
        Timed(corpus.cosine),
    )
    engine.embedder.encode_pieces, corpus.lexical.topk = encode, lexical
    corpus.dense_topk, corpus.cosine = dense_topk, cosine
    times: dict[str, list[float]] = {"engine": [], "literal": [], "bm25": []}
    try:
        # One system at a time: interleaving them would make each evict the others' weights from the CPU caches.
        for name, fn in (("engine", engine.ask), ("literal", literal.ask), ("bm25", bm25.ask)):
            for q in questions[:3]:  # warm-up
                fn(q)
            encode.seconds = lexical.seconds = dense_topk.seconds = cosine.seconds = 0.0
            for _ in range(rounds):
                for q in questions:
                    t = time.perf_counter()
                    fn(q)
                    times[name].append(time.perf_counter() - t)
            if name == "engine":
                parts = {
                    "embed": encode.seconds,
                    "bm25 top-k": lexical.seconds,
                    "dense": dense_topk.seconds + cosine.seconds,
                }
    finally:
        del engine.embedder.encode_pieces, corpus.lexical.topk, corpus.dense_topk, corpus.cosine
    n = len(times["engine"])
    total = sum(times["engine"])
    parts["rest (features, rerank, select)"] = total - sum(parts.values())
    return {name: percentiles(values) for name, values in times.items()} | {
        "questions": n,
        "engine_breakdown_ms": {k: 1000 * v / n for k, v in parts.items()},
    }


def indexing(work: Path, files: list[Path], embedder, st_model) -> dict:
    """Sentences/s from article files to cached, attributed, embedded sentences; the literal baseline's rate."""
    from index.build import index_files

    def timed(cache: str) -> tuple[float, dict, list]:
        os.environ["ARTICLE_QA_CACHE"] = str(work / cache)
        try:
            start = time.perf_counter()
            items, problems = index_files(files, embedder)
            return time.perf_counter() - start, items, problems
        finally:
            os.environ["ARTICLE_QA_CACHE"] = str(work / "cache")

    # With and without attribution (issue 3: it may cost at most 20%), alternated into fresh caches,
    # best of two each, so first-call warm-up and passing load fall on neither side alone.
    runs: dict[str, list[float]] = {"full": [], "bare": []}
    for attempt in range(2):
        seconds, items, problems = timed(f"index-throughput-{attempt}")
        runs["full"].append(seconds)
        with mock.patch("index.document.attribute", lambda sentences: sentences):
            runs["bare"].append(timed(f"index-no-attribution-{attempt}")[0])
    seconds, bare_seconds = min(runs["full"]), min(runs["bare"])
    sentences = sum(len(item.document.sentences) for item in items.values())
    texts = [f.read_text(encoding="utf-8") for f in files]
    start = time.perf_counter()
    split = [baselines.regex_sentences(t) for t in texts]
    st_model.encode([s for part in split for s in part])
    literal_seconds = time.perf_counter() - start
    literal_sentences = sum(map(len, split))
    shutil.copytree(work / "cache" / "onnx", work / "index-child" / "onnx")  # the export is built at install
    build = child_rss(
        cli("index", "build", *map(str, files)),
        {"ARTICLE_QA_CACHE": str(work / "index-child"), "ARTICLE_QA_LOG_LEVEL": "ERROR"},
    )
    return {
        "articles": len(items),
        "problems": len(problems),
        "sentences": sentences,
        "engine_sentences_per_s": sentences / seconds,
        "no_attribution_sentences_per_s": sentences / bare_seconds,
        "attribution_cost": seconds / bare_seconds - 1,
        "literal_sentences_per_s": literal_sentences / literal_seconds,
        "cli_index_build": {"wall_s": build["wall_s"], "peak_rss_mib": build["peak_rss_mib"]},
    }


def quality(work: Path, onnx, st_model, limit: int | None) -> dict:
    """P@1 on XQuAD-en (each question against its own article) for the int8 and fp32 models, and baselines."""
    from retrieval import evaluate, search
    from retrieval.engine import Engine

    dataset = evaluate.load(evaluate.DEFAULT_DATASETS[0], work / "eval", negatives=False)
    if limit:
        dataset.articles = dataset.articles[:limit]
        dataset.items = [it for it in dataset.items if it.article in set(dataset.articles)]
    methods = (search.FULL, search.DENSE, search.BM25)
    out: dict = {"questions": len(dataset.items)}
    for name, embedder in (("onnx_int8", onnx), ("st_fp32", st_model)):
        engine = Engine(dataset.articles, embedder=embedder)
        table = evaluate.evaluate(engine, [dataset], methods)
        out[name] = {m: table[(dataset.name, m, "all")]["p_at_1"] for m in methods}
    hits = 0
    for path in dataset.articles:
        literal = baselines.Literal(Path(path).read_text(encoding="utf-8"), st_model)
        for item in (it for it in dataset.items if it.article == path):
            hits += evaluate.contains_answer(literal.ask(item.question), item.answers)
    out["literal_p_at_1"] = hits / len(dataset.items)
    return out


def real_embeddings(work: Path, embedder) -> None:
    """XQuAD sentences and questions, and their int8 embeddings, saved for the scale children."""
    x = data.load_xquad()
    np.save(work / "xquad_sentences.npy", embedder.encode(x.sentences))
    # embedded as the engine embeds a question, so dense recall is measured on the vectors it searches with
    np.save(work / "xquad_questions.npy", np.vstack([embedder.encode([as_asked(q)]) for q in x.questions]))
    (work / "xquad_sentences.json").write_text(json.dumps(x.sentences))
    (work / "xquad_questions.json").write_text(json.dumps(x.questions))


def scale(work: Path, n: int, repeats: int, asks: int) -> dict:
    run = child_rss(
        [sys.executable, str(ROOT / "bench" / "scale.py"), str(n), str(work), str(repeats), str(asks)],
        {"ARTICLE_QA_CACHE": str(work / "cache"), "ARTICLE_QA_LOG_LEVEL": "ERROR"},
    )
    return json.loads(run["stdout"].strip().splitlines()[-1]) | {"peak_rss_mib": run["peak_rss_mib"]}


def main() -> int:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(message)s")
    log.setLevel(logging.INFO)
    work = Path(tempfile.mkdtemp(prefix="article-qa-bench-"))
    os.environ["ARTICLE_QA_CACHE"] = str(work / "cache")
    results: dict = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "quick": QUICK,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
    }
    try:
        log.info("cold start")
        results["cold_start"] = cold_start(work)

        from index.embed import SentenceTransformerEmbedder, default_embedder
        from retrieval.engine import Engine

        onnx, st_model = default_embedder(), SentenceTransformerEmbedder()
        text = BUNDLED.read_text(encoding="utf-8")
        engine = Engine([BUNDLED], embedder=onnx)
        literal, bm25 = baselines.Literal(text, st_model), baselines.Bm25Only(text, str(BUNDLED))
        questions = bundled_questions()
        rounds = 3 if QUICK else 10
        log.info("latency on the bundled article, %d questions x %d", len(questions), rounds)
        results["latency_idle"] = latency(engine, literal, bm25, questions, rounds)
        busy = subprocess.Popen([sys.executable, "-c", BUSY])
        try:
            log.info("latency beside a busy process")
            results["latency_busy"] = latency(engine, literal, bm25, questions, rounds)
        finally:
            busy.kill()
            busy.wait()

        log.info("indexing throughput")
        xquad_files = sorted((work / "eval" / "xquad.en").glob("*.txt"))
        if not xquad_files:
            from retrieval import evaluate

            evaluate.load(evaluate.DEFAULT_DATASETS[0], work / "eval", negatives=False)
            xquad_files = sorted((work / "eval" / "xquad.en").glob("*.txt"))
        results["indexing"] = indexing(work, [BUNDLED, *xquad_files], onnx, st_model)

        log.info("answer quality on XQuAD")
        results["quality"] = quality(work, onnx, st_model, 16 if QUICK else None)

        real_embeddings(work, onnx)
        results["scale"] = []
        for n in (100_000,) if QUICK else (100_000, 1_000_000):
            log.info("synthetic corpus of %d sentences", n)
            results["scale"].append(scale(work, n, 100 if QUICK else 300, 10 if QUICK else 30))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    table = render(results)
    (RESULTS / "latest.md").write_text(table + "\n")
    update_readme(ROOT / "README.md", table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
