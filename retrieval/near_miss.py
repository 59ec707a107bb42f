"""Synthetic near-miss questions for fitting abstention: an answerable question with one focus term swapped out.

Wrong-article negatives are easy (nothing matches); real unanswerable questions are usually on topic
with one thing the article never mentions ("How many *drones* has North Korea sent?"). The procedure,
for every answerable fitting question:
1. find its gold sentence (the first answerable sentence of its article holding a gold answer);
2. among the question's words that the gold sentence also holds, pick the focus term: a name
   (capitalised past the first word), a number, or a noun (after an article, quantifier or
   preposition), else any content word; the rarest in the article (highest IDF) wins;
3. replace it with a word of the same kind (name for a name, number for a number, noun for a noun)
   drawn from another article, rejected while the article holds it, its stem or a lexicon concept of it.
The result keeps the question's topic and wording but asks about something the article lacks.

A second near miss per question swaps its predicate instead: a verb the gold sentence also holds
(after an auxiliary, ending in -ed or -ing, or the last content word of a "did/will ... ?" question)
for a verb of the same form from another article that the article lacks ("How many soldiers have
been *sent*?" -> "... been *killed*?"), so abstention also learns that a missing predicate matters.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace

from index import lexicon, model, terms
from index.corpus import Corpus
from index.lexical import tokenize
from retrieval import sentence_table
from retrieval.evaluate import Item, contains_answer

NAME, NUMBER, NOUN = "name", "number", "noun"
PAST, GERUND, BASE = "past", "gerund", "base"  # verb forms: sent/killed, sending/paying, send/begin
_TRIES = 30
_CAPITALISED = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]{2,}\b")
# A noun: after an article and before a preposition, verb of being or punctuation ("the tanks of", "a drone,").
_NOUN_AFTER = re.compile(
    r"\b(?:the|a|an) ([a-z]{4,})(?= (?:of|in|to|and|was|is|were|are|has|had|for|on|at|with|from)\b|[,.;:])"
)
_NUMBER = re.compile(r"\b\d[\d,.]*\d\b|\b\d\b")
_PAST_AFTER = re.compile(r"\b(?:has|have|had|was|were|been|be|is|are) ([a-z]{3,}ed)\b")
_GERUND_AFTER = re.compile(r"\b(?:is|are|was|were|be|been) ([a-z]{3,}ing)\b")
_BASE_AFTER = re.compile(r"\bto ([a-z]{3,})(?= (?:the|a|an|their|his|her|its|them|it)\b)")
# Words before a verb in a question ("have been killed", "did ... begin", "will they go").
AUXILIARIES = frozenset(
    "is are was were be been being has have had do does did will would can could should may might must to".split()  # noqa: SIM905
)


@dataclass
class _Pools:
    """Replacement words by kind, per article."""

    by_article: dict[int, dict[str, list[str]]]


def _pools(corpus: Corpus, articles: list[int]) -> _Pools:
    out: dict[int, dict[str, list[str]]] = {}
    for art in articles:
        text = " ".join(
            corpus.sentence(int(r)).text
            for r in corpus.article_rows[art]
            if corpus.sentence(int(r)).kind in model.ANSWERABLE_KINDS
        )
        nouns = [w for w in _NOUN_AFTER.findall(text) if tokenize(w) and w not in terms.QUESTION_WORDS]
        out[art] = {
            NAME: sorted(set(_CAPITALISED.findall(text))),
            NUMBER: sorted(set(_NUMBER.findall(text))),
            NOUN: sorted(set(nouns)),
            PAST: sorted(set(_PAST_AFTER.findall(text))),
            GERUND: sorted(set(_GERUND_AFTER.findall(text))),
            BASE: sorted(set(_BASE_AFTER.findall(text)) - terms.QUESTION_WORDS),
        }
    return _Pools(out)


def _kind(raw: str, index: int, previous: str) -> str | None:
    if raw[:1].isdigit():
        return NUMBER
    if index > 0 and raw[:1].isupper():
        return NAME
    if previous in lexicon.NOUN_CUES:
        return NOUN
    return None


def _absent(word: str, stats: sentence_table.ArticleStats) -> bool:
    stem = terms.stem(word.lower())
    if stats.df.get(stem) or (len(stem) >= terms.PREFIX and stem[: terms.PREFIX] in stats.prefixes):
        return False
    return not any(stats.cdf.get(c) for c in lexicon.concepts(word))


def _verb_form(token: str, previous: str, last: bool, has_aux: bool) -> str | None:
    """The form of a question word that looks like its predicate, else None."""
    if token.endswith("ed") and len(token) > 4:
        return PAST
    if token.endswith("ing") and len(token) > 5:
        return GERUND
    if previous in AUXILIARIES or (last and has_aux):
        return BASE
    return None


def near_miss(
    item: Item,
    corpus: Corpus,
    article: int,
    pools: _Pools,
    others: list[int],
    rng: random.Random,
    predicate: bool = False,
) -> Item | None:
    """The item's question with its focus term (or its predicate) replaced by one its article lacks, or None."""
    tab = sentence_table.table(corpus)
    rows = [int(r) for r in corpus.article_rows[article] if corpus.sentence(int(r)).kind in model.ANSWERABLE_KINDS]
    gold = next((r for r in rows if contains_answer(corpus.sentence(r).text, item.answers)), None)
    if gold is None or not others:
        return None
    gold_stems = tab.info(gold).stems
    stats = tab.stats(article)
    choices = []
    previous = ""
    found = list(lexicon.QUESTION_WORD.finditer(item.question))
    has_aux = any(m.group(0).lower() in AUXILIARIES for m in found)
    for i, m in enumerate(found):
        raw = m.group(0)
        token = raw.lower()
        if tokenize(token) and token not in terms.QUESTION_WORDS and terms.stem(token) in gold_stems:
            kind = _kind(raw, i, previous)
            if not predicate:
                choices.append((kind is not None, stats.idf(terms.stem(token)), -i, m.span(), kind or NOUN))
            elif kind is None and raw.islower():
                form = _verb_form(token, previous, i == len(found) - 1, has_aux)
                if form is not None:
                    choices.append((True, stats.idf(terms.stem(token)), -i, m.span(), form))
        previous = token
    if not choices:
        return None
    _, _, _, (start, end), kind = max(choices)
    for _ in range(_TRIES):
        pool = pools.by_article[rng.choice(others)][kind]
        if not pool:
            continue
        word = rng.choice(pool)
        if _absent(word, stats) and word.lower() not in item.question.lower():
            return replace(item, question=item.question[:start] + word + item.question[end:], answers=())
    return None


def generate(corpus: Corpus, items: list[Item], position, seed: int = 0, predicates: bool = True) -> list[Item]:
    """Near misses of answerable items: a focus swap and (with predicates) a predicate swap, where found.

    `position` maps an item's article to its index.
    """
    rng = random.Random(seed)
    everything = sorted(set(range(len(corpus.article_rows))))
    pools = _pools(corpus, everything)
    out = []
    for item in items:
        if not item.answerable:
            continue
        art = position(item.article)
        others = [a for a in everything if a != art]
        for predicate in (False, True) if predicates else (False,):
            made = near_miss(item, corpus, art, pools, others, rng, predicate)
            if made is not None:
                out.append(made)
    return out
