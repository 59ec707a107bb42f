"""Write eval/bundled_typed.jsonl: every bundled question as a chat user might type it.

Each question gets one of four deterministic rewrites (by its position, so the set is stable): a
greeting or chat shorthand around it, its question word contracted ("what's", "who's"), a request
wrapped around it ("explain ...", "I want to know ..."), or lower case without the question mark;
numbers lose their thousands commas in all of them. Answers and speakers are the originals', so the
set scores how much typing like a chat user costs. Run: python eval/typed.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
_WH = re.compile(r"^(what|who|where|when|how|why|which)\b", re.IGNORECASE)
_IS = re.compile(r"^(what|who|where|when|how) (is|are)\b", re.IGNORECASE)
_GROUPED = re.compile(r"\b\d{1,3}(?:,\d{3})+\b")
_AROUND = (("hey, ", ""), ("ok so ", " thx"), ("according to the article, ", ""), ("hi bot ", " pls"))
_REQUESTS = ("explain ", "i want to know ", "can you find out ", "i wonder ")


def _lower_first(q: str) -> str:
    return q[:1].lower() + q[1:]


def typed(q: str, i: int) -> str:
    """The question as a chat user might type it; rewrite i % 4 (see the module docstring)."""
    q = _GROUPED.sub(lambda m: m.group(0).replace(",", ""), q)
    body, mark = (q[:-1], "?") if q.endswith("?") else (q, "")
    kind = i % 4
    if kind == 1 and _IS.match(body):
        return _IS.sub(lambda m: m.group(1) + ("'s" if m.group(2).lower() == "is" else "'re"), body, count=1) + mark
    if kind in (1, 2) and _WH.match(body):
        return _REQUESTS[(i // 4) % len(_REQUESTS)] + _lower_first(body) + mark
    if kind == 3:
        return body.lower()
    before, after = _AROUND[(i // 4) % len(_AROUND)]
    return before + _lower_first(body) + after + mark


def main() -> None:
    rows = [json.loads(line) for line in (HERE / "bundled.jsonl").read_text(encoding="utf-8").splitlines() if line]
    out = [{**row, "q": typed(row["q"], i)} for i, row in enumerate(rows)]
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in out)
    (HERE / "bundled_typed.jsonl").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
