"""Score the engine on question sets: SQuAD-format files (one article per data[] entry) and JSONL sets."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from index.attribute import speaker_matches
from retrieval import search
from retrieval.engine import BUNDLED_ARTICLE, Engine

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATASETS = (ROOT / "eval" / "xquad" / "xquad.en.json", ROOT / "eval" / "bundled.jsonl")
FIT, TEST = "fit", "test"
OPERATING_THRESHOLDS = (0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9)  # confidence thresholds the report also shows


@dataclass(frozen=True)
class Item:
    """One question asked against one article; no answers means the article does not answer it."""

    question: str
    article: str  # "" asks the whole corpus
    answers: tuple[str, ...]
    speakers: tuple[str, ...] | None = None  # acceptable substrings of the speaker, when it is scored
    split: str = FIT  # FIT items may be used to fit parameters; TEST items never are

    @property
    def answerable(self) -> bool:
        return bool(self.answers)


@dataclass
class Dataset:
    """A named list of items and the article files they need."""

    name: str
    items: list[Item]
    articles: list[str] = field(default_factory=list)
    news: bool = True  # our own news sets (True) or Wikipedia reading-comprehension data (False)


def split_of(index: int) -> str:
    """Alternate items (or articles) between the fitting half and the held-out half."""
    return FIT if index % 2 == 0 else TEST


def squad_article_text(entry: dict) -> str:
    """A SQuAD data[] entry as one article: its title line, then its paragraphs."""
    title = entry.get("title", "").replace("_", " ")
    return title + "\n\n" + "\n\n".join(p["context"].strip() for p in entry["paragraphs"]) + "\n"


def load_squad(path: Path, workdir: Path, negatives: bool = True, join: int = 1) -> Dataset:
    """Every question against its own article; with negatives, also against the next article (unanswerable).

    join > 1 makes each run of `join` consecutive articles one long article under the first one's title, a stand-in
    for whole Wikipedia pages (an XQuAD article is five paragraphs); items keep their own article's split.
    """
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    groups = [data[i : i + join] for i in range(0, len(data), join)]
    workdir.mkdir(parents=True, exist_ok=True)
    files = []
    for g, group in enumerate(groups):
        file = workdir / (f"{path.stem}-{g:03d}.txt" if join == 1 else f"{path.stem}-joined{join}-{g:03d}.txt")
        joined = {"title": group[0].get("title", ""), "paragraphs": [p for entry in group for p in entry["paragraphs"]]}
        text = squad_article_text(joined)
        if not file.exists() or file.read_text(encoding="utf-8") != text:
            file.write_text(text, encoding="utf-8")
        files.append(str(file))
    items = []
    for i, entry in enumerate(data):
        g = i // join
        for para in entry["paragraphs"]:
            for qa in para["qas"]:
                answers = tuple(dict.fromkeys(a["text"] for a in qa["answers"]))
                items.append(Item(qa["question"], files[g], answers, split=split_of(i)))
                if negatives and len(files) > 1:
                    items.append(Item(qa["question"], files[(g + 1) % len(files)], (), split=split_of(i)))
    name = path.stem if join == 1 else f"{path.stem}, {join} articles joined"
    return Dataset(name, items, files, news=False)


def load_jsonl(path: Path) -> Dataset:
    """{"q", "answers": [...], "speaker": [...], "article"?} a line; the article defaults to the bundled one."""
    items = []
    for i, line in enumerate(x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()):
        row = json.loads(line)
        article = str((path.parent / row["article"]).resolve()) if row.get("article") else str(BUNDLED_ARTICLE)
        speakers = row.get("speaker")
        items.append(
            Item(
                row["q"],
                article,
                tuple(row.get("answers") or ()),
                tuple(speakers) if speakers is not None else None,
                split_of(i),
            )
        )
    return Dataset(path.stem, items, sorted({it.article for it in items}))


def load(path: Path, workdir: Path, negatives: bool = True, join: int = 1) -> Dataset:
    """A dataset by file type: .json is SQuAD format (join: see load_squad), .jsonl our own sets."""
    if path.suffix == ".jsonl":
        return load_jsonl(path)
    return load_squad(path, workdir / path.stem, negatives, join)


def corpus_scope(dataset: Dataset) -> Dataset:
    """The answerable questions asked of the whole corpus instead of their own article (no article named)."""
    items = [replace(it, article="") for it in dataset.items if it.answerable]
    return Dataset(f"{dataset.name} corpus scope", items, dataset.articles, dataset.news)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def contains_answer(sentence: str, answers: Iterable[str]) -> bool:
    """The returned sentence holds one of the gold answer texts (case and spacing ignored)."""
    s = _norm(sentence)
    return any(_norm(a) in s for a in answers if a.strip())


@dataclass
class Prediction:
    """What one method returned for one item, and how it scored."""

    dataset: str
    method: str
    split: str
    question: str
    article: str
    answerable: bool
    answer: str | None
    speaker: str | None
    hit: bool  # answered with a sentence holding a gold answer
    rank: int  # 1-based rank of the first candidate holding a gold answer among the top 5; 0 if none
    declined: bool
    speaker_ok: bool | None
    seconds: float
    confidence: float = 0.0  # the engine's probability that the article answers (full method only)


def predict(engine: Engine, dataset: Dataset, item: Item, method: str) -> Prediction:
    """Ask one item with one method and judge the result."""
    start = time.perf_counter()
    answer = engine.rank(item.question, item.article or None, 5, method)
    seconds = time.perf_counter() - start
    rank = next(
        (i + 1 for i, c in enumerate(answer.candidates[:5]) if contains_answer(c.sentence.text, item.answers)), 0
    )
    best = answer.best
    speaker = best.speaker if best else None
    speaker_ok = speaker_matches(speaker, item.speakers) if item.speakers is not None and item.answerable else None
    return Prediction(
        dataset=dataset.name,
        method=method,
        split=item.split,
        question=item.question,
        article=item.article,
        answerable=item.answerable,
        answer=best.sentence.text if best else None,
        speaker=speaker,
        hit=best is not None and contains_answer(best.sentence.text, item.answers),
        rank=rank,
        declined=best is None,
        speaker_ok=speaker_ok,
        seconds=seconds,
        confidence=answer.score if method == search.FULL else 0.0,
    )


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def metrics(preds: list[Prediction]) -> dict:
    """P@1 and MRR@5 on answerable items, speaker accuracy, abstention rates and precision/recall, ms/question."""
    pos = [p for p in preds if p.answerable]
    neg = [p for p in preds if not p.answerable]
    declined = [p for p in preds if p.declined]
    spoken = [p for p in pos if p.speaker_ok is not None]
    return {
        "questions": len(preds),
        "answerable": len(pos),
        "unanswerable": len(neg),
        "p_at_1": _rate(sum(p.hit for p in pos), len(pos)),
        "mrr_at_5": _rate(sum(1.0 / p.rank for p in pos if p.rank), len(pos)) if pos else None,
        "speaker_accuracy": _rate(sum(bool(p.speaker_ok) for p in spoken), len(spoken)),
        "declined_unanswerable": _rate(sum(p.declined for p in neg), len(neg)),
        "declined_answerable": _rate(sum(p.declined for p in pos), len(pos)),
        "abstention_precision": _rate(sum(not p.answerable for p in declined), len(declined)),
        "abstention_recall": _rate(sum(p.declined for p in neg), len(neg)),
        "ms_per_question": 1000 * sum(p.seconds for p in preds) / len(preds) if preds else None,
        "operating_points": operating_points(preds, OPERATING_THRESHOLDS) if pos and neg else [],
    }


def evaluate(
    engine: Engine, datasets: list[Dataset], methods: Iterable[str] = search.METHODS, out: Path | None = None
) -> dict[tuple[str, str, str], dict]:
    """Metrics keyed by (dataset, method, split) with split "all", "fit" and "test"; predictions to `out`."""
    preds: list[Prediction] = []
    for dataset in datasets:
        for method in methods:
            items = dataset.items if method == search.FULL else [it for it in dataset.items if it.answerable]
            preds.extend(predict(engine, dataset, item, method) for item in items)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as fh:
            for p in preds:
                fh.write(json.dumps(asdict(p), ensure_ascii=False) + "\n")
    table: dict[tuple[str, str, str], dict] = {}
    for dataset in datasets:
        for method in methods:
            mine = [p for p in preds if p.dataset == dataset.name and p.method == method]
            table[(dataset.name, method, "all")] = metrics(mine)
            for split in (FIT, TEST):
                table[(dataset.name, method, split)] = metrics([p for p in mine if p.split == split])
    return table


def operating_points(preds: list[Prediction], thresholds: Iterable[float]) -> list[tuple[float, float, float]]:
    """(threshold, declined share of unanswerable, declined share of answerable) for other confidence thresholds."""
    pos = [p.confidence for p in preds if p.answerable]
    neg = [p.confidence for p in preds if not p.answerable]
    return [
        (t, sum(c < t for c in neg) / max(len(neg), 1), sum(c < t for c in pos) / max(len(pos), 1)) for t in thresholds
    ]


def _fmt(value: float | None, pct: bool = True) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if pct else f"{value:.1f}"


def report(table: dict[tuple[str, str, str], dict]) -> str:
    """The metrics as a Markdown table, one row per dataset, method and split."""
    head = (
        "| dataset | method | split | questions | P@1 | MRR@5 | speaker acc. | declined unanswerable "
        "| declined answerable | abstention precision | ms/question |"
    )
    lines = [head, "|" + " --- |" * 11]
    for (name, method, split), m in table.items():
        if not m["questions"]:
            continue
        lines.append(
            f"| {name} | {method} | {split} | {m['questions']} | {_fmt(m['p_at_1'])} | {_fmt(m['mrr_at_5'])} "
            f"| {_fmt(m['speaker_accuracy'])} | {_fmt(m['declined_unanswerable'])} "
            f"| {_fmt(m['declined_answerable'])} | {_fmt(m['abstention_precision'])} "
            f"| {_fmt(m['ms_per_question'], pct=False)} |"
        )
    for (name, method, split), m in table.items():
        if split == "all" and m["operating_points"]:
            points = ", ".join(f"{t:g}: {u:.2f}/{a:.2f}" for t, u, a in m["operating_points"])
            lines.append(f"\n{name} {method}, declined unanswerable/answerable at other thresholds: {points}")
    return "\n".join(lines)
