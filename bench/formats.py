"""Does the shape an article comes in cost answers? Every XQuAD article as the plain paragraphs the eval uses,
as Markdown, as a browser-saved Wikipedia HTML page and as text copied from that page; each article's
questions asked of each shape (article scope), P@1 side by side. Run: python bench/formats.py [--limit N]."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index import model  # noqa: E402
from retrieval.engine import Engine  # noqa: E402
from retrieval.evaluate import contains_answer, squad_article_text  # noqa: E402
from tests.wikipedia_pages import from_squad, to_html, to_markdown, to_text  # noqa: E402

SHAPES = {
    "plain": (".txt", squad_article_text),
    "markdown": (".md", lambda entry: to_markdown(from_squad(entry))),
    "html": (".html", lambda entry: to_html(from_squad(entry))),
    "copied text": (".txt", lambda entry: to_text(from_squad(entry))),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--data", default=str(ROOT / "eval" / "xquad" / "xquad.en.json"))
    parser.add_argument("--out", help="write every question's answer per shape here (JSON lines)")
    args = parser.parse_args()
    data = json.loads(Path(args.data).read_text(encoding="utf-8"))["data"]
    data = data[: args.limit] if args.limit else data
    with tempfile.TemporaryDirectory() as tmp:
        files: dict[str, list[str]] = {}
        for shape, (suffix, render) in SHAPES.items():
            folder = Path(tmp) / shape.replace(" ", "-")
            folder.mkdir()
            files[shape] = []
            for i, entry in enumerate(data):
                path = folder / f"article-{i:03d}{suffix}"
                path.write_text(render(entry), encoding="utf-8")
                files[shape].append(str(path))
        start = time.perf_counter()
        engine = Engine([f for paths in files.values() for f in paths])
        print(f"indexed {len(data) * len(SHAPES)} articles in {time.perf_counter() - start:.1f} s")
        rows = []
        out = open(args.out, "w", encoding="utf-8") if args.out else None  # noqa: SIM115
        for shape, paths in files.items():
            hits = declined = furniture = total = 0
            for i, entry in enumerate(data):
                for para in entry["paragraphs"]:
                    for qa in para["qas"]:
                        answers = [a["text"] for a in qa["answers"]]
                        best = engine.rank(qa["question"], paths[i], 1).best
                        total += 1
                        declined += best is None
                        hits += best is not None and contains_answer(best.sentence.text, answers)
                        furniture += best is not None and best.sentence.kind not in (model.BODY, model.TITLE)
                        if out:
                            answer = best.sentence.text if best else None
                            row = {"shape": shape, "question": qa["question"], "answers": answers, "answer": answer}
                            out.write(json.dumps(row) + "\n")
            rows.append((shape, total, hits / total, declined / total, furniture))
        if out:
            out.close()
    print("| shape | questions | P@1 | declined | non-body answers |")
    print("| --- | --- | --- | --- | --- |")
    for shape, total, p1, dec, furn in rows:
        print(f"| {shape} | {total} | {p1:.3f} | {dec:.3f} | {furn} |")


if __name__ == "__main__":
    main()
