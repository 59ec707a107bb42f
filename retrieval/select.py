"""From ranked candidates to an answer: merge near-duplicates (prefer the body), put a reported question's reply
first, and list other sources' answers."""

from __future__ import annotations

import re

import numpy as np

from index import model, terms
from index.corpus import Corpus
from retrieval import answer_types, features, sentence_table

NEAR_DUPLICATE = 0.8  # share of the shorter sentence's terms found in the other
MAX_ALSO = 4  # other sources listed at most


def near_duplicate(a: sentence_table.SentenceInfo, b: sentence_table.SentenceInfo) -> bool:
    """Two sentences saying the same thing: most terms of the shorter one appear in the other."""
    small = min(len(a.stems), len(b.stems))
    return small > 0 and len(a.stems & b.stems) / small >= NEAR_DUPLICATE


def merge_duplicates(corpus: Corpus, order: list[int], rows: np.ndarray) -> list[int]:
    """Candidate indexes in rank order with near-duplicates merged: a body sentence replaces a title/standfirst twin."""
    tab = sentence_table.table(corpus)
    kept: list[int] = []
    kept_info: list[sentence_table.SentenceInfo] = []  # parallel to kept: looked up once, compared many times
    for i in order:
        info = tab.info(int(rows[i]))
        twin = next((k for k, other in enumerate(kept_info) if near_duplicate(info, other)), None)
        if twin is None:
            kept.append(i)
            kept_info.append(info)
        elif info.kind == model.BODY and kept_info[twin].kind != model.BODY:
            kept[twin], kept_info[twin] = i, info
    return kept


def merged_head(corpus: Corpus, order: list[int], rows: np.ndarray) -> int:
    """What merge_duplicates(corpus, order, rows) puts first, without merging the rest: the top candidate, or the
    first body sentence twinning a top title or standfirst (all an article needs to compete for the answer)."""
    tab = sentence_table.table(corpus)
    head = tab.info(int(rows[order[0]]))
    if head.kind == model.BODY:
        return order[0]
    for i in order[1:]:
        info = tab.info(int(rows[i]))
        if info.kind == model.BODY and near_duplicate(info, head):
            return i
    return order[0]


# After the reported question, a clause break or a reply verb: the sentence carries its own reply.
_REPLY_FOLLOWS = re.compile(r"[,;:]|\b(?:replied|said|answered|responded|says)\b", re.IGNORECASE)


def prefer_reply(corpus: Corpus, q: features.Question, order: list[int], rows: np.ndarray) -> list[int]:
    """The order with the best sentence's reply first when the best only reports a question put to someone.

    In an interview ("A reporter asked Biden if he was worried." / "I am concerned about it, yes," he said.)
    the question sentence shares the user's words, the reply holds the answer. The reply is the next
    sentence when it is a direct quote and the question sentence ends with the question it reports; the
    question sentence stays first when the user asks about the asking itself ("What was Biden asked?", not
    "What did Biden say when asked ...?") or about what the sentence says before the asking ("Where was Biden
    speaking?" for "After speaking in Baltimore, a reporter asked Biden if ...").
    """
    if not order or ("ask" in q.stems and not q.speech):
        return order
    best = int(rows[order[0]])
    sentence = corpus.sentence(best)
    asked = sentence_table.REPORTED_QUESTION.search(sentence.text)
    if asked is None or _REPLY_FOLLOWS.search(sentence.text, asked.end()):
        return order
    # Words of the question in the sentence's own part (before "asked ..."; the person asked aside) answer it there.
    own = set(terms.stems(sentence.text[: asked.start()])) - set(terms.stems(sentence.attribution.speaker or ""))
    if not own.isdisjoint(q.stems):
        return order
    reply = sentence_table.table(corpus).neighbours(best)[1]
    if reply < 0 or corpus.sentence(reply).attribution.kind != model.DIRECT_QUOTE:
        return order
    where = np.flatnonzero(rows == reply)  # candidate rows are distinct: one position at most, in `order` or not
    if not len(where):
        return order
    at = int(where[0])
    return [at] + [i for i in order if i != at]


def _source(sentence: model.Sentence) -> str:
    name = (sentence.attribution.speaker or "").strip().lower()
    return name.removeprefix("the ")


def other_sources(
    corpus: Corpus, q: features.Question, order: list[int], rows: np.ndarray, scores: np.ndarray, gap: float
) -> list[int]:
    """Runner-up candidates that answer the same question from a different named source with different content.

    A candidate qualifies when its score is within `gap` of the best, it offers the answer type the
    question asks for, its speaker is named and differs from the best's and from those already listed.
    """
    if not order:
        return []
    tab = sentence_table.table(corpus)
    best = order[0]
    seen = {_source(corpus.sentence(int(rows[best])))}
    chosen: list[int] = []
    for i in order[1:]:
        if scores[i] < scores[best] - gap:
            break
        row = int(rows[i])
        who = _source(corpus.sentence(row))
        info = tab.info(row)
        if not who or who in seen:
            continue
        if q.kind != answer_types.OTHER and not info.offers.has(q.kind):
            continue
        if any(near_duplicate(info, tab.info(int(rows[j]))) for j in [best, *chosen]):
            continue
        seen.add(who)
        chosen.append(i)
        if len(chosen) == MAX_ALSO:
            break
    return chosen
