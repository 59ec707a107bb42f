"""How generic a word is: the share of background (Wikipedia) articles that use its stem, stored in background.json.

A question term its article lacks matters more when it is specific ("drones", "GDP") than when it
is a word most texts use ("way", "day", "first"). The shares come from the SQuAD-format articles
`article-qa eval --fit` reads (retrieval/fit.py), so no one hand-picks which words are generic.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

BACKGROUND_PATH = Path(__file__).resolve().parent / "background.json"
MIN_SHARE = 0.05  # stems used by fewer articles than this are left out (share 0: specific)


@lru_cache(maxsize=1)
def shares() -> dict[str, float]:
    """Stem -> share of background articles using it (empty when the file is missing)."""
    try:
        return json.loads(BACKGROUND_PATH.read_text(encoding="utf-8"))["shares"]
    except (OSError, ValueError, KeyError) as exc:
        log.warning("no background word shares (%s): every word counts as specific", exc)
        return {}


def share(stem: str) -> float:
    """Share of background articles that use a stem (0 for unknown or rare stems)."""
    return shares().get(stem, 0.0)


def build(articles: Iterable[frozenset[str]], path: Path = BACKGROUND_PATH) -> dict[str, float]:
    """Shares from the stem sets of background articles; written to `path` and made current."""
    sets = list(articles)
    counts: Counter = Counter()
    for stems in sets:
        counts.update(stems)
    n = max(len(sets), 1)
    out = {t: round(c / n, 3) for t, c in sorted(counts.items()) if c / n >= MIN_SHARE}
    path.write_text(json.dumps({"articles": len(sets), "shares": out}, indent=0, sort_keys=True) + "\n", "utf-8")
    shares.cache_clear()
    return out
