"""Render benchmark results as Markdown and put the table into README.md between the bench markers.

`python bench/report.py` re-renders bench/results/latest.json (after a change to this file) without re-running.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def _ms(p: dict) -> str:
    return f"{p['p50']:.2f} / {p['p99']:.2f}" if p["p99"] < 10 else f"{p['p50']:.2f} / {p['p99']:.0f}"


def _ratio(a: float, b: float) -> str:
    return f"{b / a:.1f}x" if a else "-"


def _change(c: dict | None) -> str:
    if not c:
        return "-"
    first = c.get("first_ask_after_add")
    return f"{c['add_article']:.2f} / {c['remove_article']:.2f}" + (f"; {1000 * first:.0f}" if first else "")


def _rss(s: dict) -> str:
    """Peak RSS of the scale process; when measured, first as it was before the add/remove (the corpus and the
    questions), then with them (two corpora alive while the new one is built, as in a running library)."""
    before = s.get("peak_rss_before_change_mib")
    return f"{before:.0f}; {s['peak_rss_mib']:.0f}" if before else f"{s['peak_rss_mib']:.0f}"


def render(r: dict) -> str:
    """The results as Markdown tables: engine beside the baselines, where time goes, and the scale points."""
    cold, idle, busy, idx, q = r["cold_start"], r["latency_idle"], r["latency_busy"], r["indexing"], r["quality"]
    full = q["onnx_int8"]
    retrieval = sum(v for k, v in idle["engine_breakdown_ms"].items() if not k.startswith("rest"))
    lines = [
        f"Measured {r['date']} on {r['machine']}{' (quick mode)' if r['quick'] else ''} by `make bench`; "
        "medians, one run (the machine is shared: compare ratios within a run).",
        "",
        "| bundled article | engine (int8 ONNX, hybrid) | design literal (regex, ST fp32, flat top-1) "
        "| BM25 only | literal / engine |",
        "| --- | --- | --- | --- | --- |",
        f"| start to first answer, warm cache (s) | {cold['engine_warm']['wall_s']:.2f} "
        f"| {cold['literal']['wall_s']:.2f} | {cold['bm25']['wall_s']:.2f} "
        f"| {_ratio(cold['engine_warm']['wall_s'], cold['literal']['wall_s'])} |",
        f"| start to first answer, cold index / cold cache incl. ONNX export (s) "
        f"| {cold['engine_cold_index']['wall_s']:.2f} / {cold['engine_cold_cache']['wall_s']:.2f} | - | - | - |",
        f"| peak RSS of that process, warm (MiB) | {cold['engine_warm']['peak_rss_mib']:.0f} "
        f"| {cold['literal']['peak_rss_mib']:.0f} | {cold['bm25']['peak_rss_mib']:.0f} "
        f"| {_ratio(cold['engine_warm']['peak_rss_mib'], cold['literal']['peak_rss_mib'])} |",
        f"| per question p50 / p99, in process (ms) | {_ms(idle['engine'])} | {_ms(idle['literal'])} "
        f"| {_ms(idle['bm25'])} | {_ratio(idle['engine']['p50'], idle['literal']['p50'])} |",
        f"| of which question embedding + BM25 + dense search, mean (ms) | {retrieval:.2f} | - | - "
        f"| {_ratio(retrieval, idle['literal']['p50'])} (vs literal p50) |",
        f"| same, beside a busy process (ms) | {_ms(busy['engine'])} | {_ms(busy['literal'])} "
        f"| {_ms(busy['bm25'])} | {_ratio(busy['engine']['p50'], busy['literal']['p50'])} |",
        f"| indexing, incl. segmentation + attribution (sentences/s) | {idx['engine_sentences_per_s']:.0f} "
        f"| {idx['literal_sentences_per_s']:.0f} (split + embed only) | - | - |",
        f"| same without attribution (sentences/s); attribution's cost | "
        f"{idx.get('no_attribution_sentences_per_s', float('nan')):.0f} | - | - | "
        f"{100 * idx.get('attribution_cost', float('nan')):+.0f}% |",
        f"| XQuAD-en P@1, {q['questions']} questions, own article | {full['full']:.3f} "
        f"(fp32 model: {q['st_fp32']['full']:.3f}) | {q['literal_p_at_1']:.3f} | {full['bm25']:.3f} | - |",
        "",
        "Engine time per question on the bundled article, idle (ms): "
        + ", ".join(f"{k} {v:.2f}" for k, v in idle["engine_breakdown_ms"].items())
        + f". Dense-only P@1: int8 {full['dense']:.3f}, fp32 {q['st_fp32']['dense']:.3f}. "
        f"`article-qa index build` over {idx['articles']} articles ({idx['sentences']} sentences): "
        f"{idx['cli_index_build']['wall_s']:.1f} s, peak RSS {idx['cli_index_build']['peak_rss_mib']:.0f} MiB.",
        "",
        "| synthetic corpus | dense index | build (s) | add / remove one article (s); first `ask` after (ms) "
        "| recall@1 vs exact | dense top-5, mmap; in RAM (ms) "
        "| exact flat top-5 (ms) | BM25 scores / top-100 (ms) | whole `ask` (ms) | peak RSS (MiB) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for s in r["scale"]:
        m = s["ms"]
        kind = f"IVF-SQ8, nprobe {s['nprobe']}" if s["dense_kind"] == "ivf" else "flat"
        lines.append(
            f"| {s['sentences']:,} sentences | {kind} | {s['corpus_build_s']:.0f} | {_change(s.get('change_s'))} "
            f"| {s['recall_at_1']:.3f} "
            f"| {_ms(m['dense_top5'])}; {_ms(m['dense_top5_ram'])} | {_ms(m['flat_top5'])} "
            f"| {m['bm25_scores']['p50']:.2f} / {m['bm25_topk']['p50']:.2f} "
            f"| {_ms(m['ask']) if 'ask_error' not in s else 'failed: ' + s['ask_error'][:60]} "
            f"| {_rss(s)} |"
        )
    lines += [
        "",
        "Cells with two figures are p50 / p99. Synthetic corpora: each vector is a real MiniLM embedding of an "
        "XQuAD sentence plus a random share of another and a random direction; each text is that sentence with "
        "a third of its words swapped for Zipf-drawn words. Recall@1 is measured with the 1,190 real XQuAD "
        "question embeddings against an exact scan. Build = corpus (BM25 + dense index, IVF trained and tuned). "
        "Add / remove: one more 50-sentence article, then the first one removed, each corpus built from the one "
        "before as a running library does (IVF and BM25 updated, not rebuilt); the first question after the add "
        "remakes the per-corpus caches. Peak RSS: before the add / remove; with them.",
    ]
    return "\n".join(lines)


def update_readme(readme: Path, table: str) -> None:
    """Replace the text between the bench markers (adding a Performance section with them if missing)."""
    text = readme.read_text(encoding="utf-8")
    block = f"{START}\n{table}\n{END}"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n## Performance\n\n" + block + "\n"
    readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    results = json.loads((root / "bench" / "results" / "latest.json").read_text(encoding="utf-8"))
    table = render(results)
    (root / "bench" / "results" / "latest.md").write_text(table + "\n", encoding="utf-8")
    update_readme(root / "README.md", table)
    sys.stdout.write(table + "\n")
