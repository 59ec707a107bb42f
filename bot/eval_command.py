"""`article-qa eval`: score the engine and its baselines on question sets, optionally refitting parameters first."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

log = logging.getLogger(__name__)

EVAL_SEED = 7  # near misses scored by --near-misses differ from the ones fitting uses (seed 0)


def add_subcommand(sub: argparse._SubParsersAction) -> None:
    """Register `article-qa eval` on the CLI."""
    parser = sub.add_parser("eval", help="score the engine on SQuAD-format (.json) or JSONL question sets")
    parser.add_argument(
        "datasets", nargs="*", metavar="DATASET", help="default: eval/xquad/xquad.en.json and eval/bundled.jsonl"
    )
    parser.add_argument("--out", metavar="PATH", help="predictions, one JSON line each (default: in the cache dir)")
    parser.add_argument(
        "--methods", default="full,fused,dense,bm25", help="comma-separated: full (the engine), fused, dense, bm25"
    )
    parser.add_argument("--fit", action="store_true", help="refit retrieval/params.json on the fit halves first")
    parser.add_argument(
        "--no-negatives", action="store_true", help="do not also ask SQuAD questions against the wrong article"
    )
    parser.add_argument(
        "--near-misses",
        action="store_true",
        help="also score synthetic near misses (retrieval/near_miss.py; a different seed than fitting uses)",
    )
    parser.add_argument(
        "--corpus-scope",
        action="store_true",
        help="also ask each SQuAD set's answerable questions of all the articles at once",
    )
    parser.add_argument(
        "--join",
        type=int,
        default=1,
        metavar="N",
        help="make every N consecutive SQuAD articles one long article (whole-page length; default 1: as they are)",
    )
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON instead of a table")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from index.cache import cache_dir
    from retrieval import evaluate, rerank, search
    from retrieval.engine import Engine

    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    unknown = [m for m in methods if m not in search.METHODS]
    if unknown:
        print(f"article-qa: error: unknown method {unknown[0]!r}", file=sys.stderr)
        return 2
    if args.join < 1:
        print("article-qa: error: --join needs a positive number of articles", file=sys.stderr)
        return 2
    paths = [Path(p) for p in args.datasets] or list(evaluate.DEFAULT_DATASETS)
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print(f"article-qa: error: {missing[0]}: no such dataset file", file=sys.stderr)
        return 2
    workdir = cache_dir() / "eval-articles"
    datasets = [evaluate.load(p, workdir, negatives=not args.no_negatives, join=args.join) for p in paths]
    engine = Engine(sorted({a for d in datasets for a in d.articles}))
    if args.fit:
        from retrieval.fit import fit

        engine.params = fit(engine, datasets, rerank.PARAMS_PATH)
        engine.min_confidence = engine.params.abstain_threshold
        print(f"fitted parameters written to {rerank.PARAMS_PATH}")
    if args.near_misses:
        from retrieval import near_miss

        for d in list(datasets):
            made = near_miss.generate(engine.corpus, d.items, engine.library.position, seed=EVAL_SEED)
            datasets.append(evaluate.Dataset(f"{d.name} near misses", made, d.articles, d.news))
    if args.corpus_scope:
        datasets.extend([evaluate.corpus_scope(d) for d in datasets if not d.news])
    # One default file per choice of datasets, so `make eval`'s runs keep each other's predictions.
    named = "".join(f"-{p.stem}" for p in paths) if args.datasets else ""
    default_out = f"predictions{named}{f'-joined{args.join}' if args.join > 1 else ''}.jsonl"
    out = Path(args.out) if args.out else cache_dir() / "eval" / default_out
    table = evaluate.evaluate(engine, datasets, methods, out)
    if args.json:
        print(json.dumps([{"dataset": d, "method": m, "split": s, **v} for (d, m, s), v in table.items()], indent=1))
    else:
        print(evaluate.report(table))
        print(f"\npredictions: {out}")
    return 0
