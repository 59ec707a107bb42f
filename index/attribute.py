"""Decide who each sentence belongs to (speaker, title, cue) from news reporting patterns."""

from __future__ import annotations

import re
from dataclasses import replace

from index import model

_SAID = re.compile(
    r"(?P<who>(?:[A-Z][\w.'-]*\s+){0,3}[A-Z][\w.'-]*)\s+(?P<cue>said|says|told|confirmed|stated|added)\b"
)


def attribute(sentences: list[model.Sentence]) -> list[model.Sentence]:
    """The sentences with their attribution filled in; body sentences without a source keep the article voice."""
    out = []
    for sentence in sentences:
        match = _SAID.search(sentence.text) if sentence.kind == model.BODY else None
        if match:
            kind = model.DIRECT_QUOTE if '"' in sentence.text or "\u201c" in sentence.text else model.REPORTED
            sentence = replace(
                sentence, attribution=model.Attribution(kind=kind, speaker=match["who"], cue=match["cue"])
            )
        out.append(sentence)
    return out
