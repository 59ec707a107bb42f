"""The per-corpus sentence table: term counts looked up lazily agree with a plain dict before and after an article
turns hot, from one thread or several, and sentence cues worked out on first use equal the ones worked out from the
text directly."""

from __future__ import annotations

import contextlib
import gc
import sys
import threading
import weakref
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from index import model, terms
from index.analysis import SentenceTerms
from retrieval import answer_types, sentence_table
from retrieval.sentence_table import TermCounts


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.integers(0, 500), st.integers(1, 9), max_size=120), st.lists(st.integers(-1, 600)))
def test_term_counts_agree_with_a_dict_before_and_after_turning_hot(counts, asked):
    ids = {f"t{i}": i for i in range(600)}
    table = TermCounts(ids, np.array(list(counts), dtype=np.int64), np.array(list(counts.values()), dtype=np.int32))
    for i in asked + list(range(600)):  # the second run passes HOT distinct terms: the dict of the whole vocabulary
        term = f"t{i}" if i >= 0 else "unknown"
        want = counts.get(ids.get(term, -1))
        assert table.get(term) == want and table.get(term, 0) == (want or 0)
        assert (term in table) == (want is not None)


def _sentence(text: str, speaker: str | None = None) -> model.Sentence:
    kind = model.DIRECT_QUOTE if speaker else model.ARTICLE_VOICE
    attribution = model.Attribution(kind=kind, speaker=speaker, title="minister" if speaker else None)
    return model.Sentence(0, len(text), 1, model.BODY, text, attribution)


def test_sentence_cues_on_first_use_equal_the_text_analysed_directly():
    cases = [
        ("Officials in Berlin said 3,000 people had not left by Tuesday.", "Anna Berg"),
        ("The army could not confirm the report, and never denied it.", None),
        ("Nothing here is negated at all", None),
        ("A reporter asked Biden if he was worried?", "Biden"),
    ]
    for text, speaker in cases:
        info = sentence_table._sentence_info(_sentence(text, speaker), SentenceTerms.of(text))
        assert info.offers == answer_types.offers(text, speaker)
        assert info.words == answer_types.words(text)
        negated = frozenset(t for m in sentence_table._NEGATED.finditer(text) for t in terms.stems(m.group(1)))
        assert info.negated_terms == negated
        assert info.negated == bool(sentence_table.NEGATION.search(text))
        assert bool(info.speaker_terms) == bool(speaker)
    assert sentence_table._sentence_info(_sentence(*cases[1]), SentenceTerms.of(cases[1][0])).negated_terms


@contextlib.contextmanager
def _switching_often() -> Iterator[None]:
    """Threads switch every microsecond, so a check-then-use of shared state interleaves with another thread."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _in_threads(work, count: int = 4) -> list:
    barrier = threading.Barrier(count)

    def run(i: int):
        barrier.wait()
        return work(i)

    with _switching_often(), ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def test_term_counts_read_by_threads_agree_with_a_dict():
    """Engine calls run in worker threads (bot/discord_service.py): a lookup racing the dict being made must read a
    whole value, never a half-built table."""
    rng = np.random.default_rng(0)
    keys = rng.choice(5000, size=2000, replace=False)
    values = rng.integers(1, 50, size=2000)
    want = dict(zip(keys.tolist(), values.tolist(), strict=True))
    ids = {f"t{i}": i for i in range(5000)}
    for _ in range(20):
        table = TermCounts(ids, keys, values)
        orders = [rng.permutation(5000) for _ in range(4)]
        seen = _in_threads(lambda i, table=table, orders=orders: [table.get(f"t{t}") for t in orders[i]])
        for order, got in zip(orders, seen, strict=True):
            assert got == [want.get(int(t)) for t in order]


def test_a_replaced_corpus_is_freed_with_its_table(embedder, tmp_path):
    """The table cache is keyed weakly by corpus; a table holding its corpus strongly kept every corpus an engine
    ever answered from (a whole 1M-sentence corpus per added article)."""
    from retrieval.engine import Engine

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Storm hits coast\n\nThe storm damaged 200 homes on Tuesday, officials said.\n", encoding="utf-8")
    second.write_text("Bridge opens\n\nThe new bridge opened to traffic on Monday.\n", encoding="utf-8")
    engine = Engine([first], embedder=embedder)
    assert engine.ask("How many homes were damaged?").best is not None
    old = weakref.ref(engine.corpus)
    engine.add_article(second)
    assert engine.ask("When did the bridge open?").best is not None
    gc.collect()
    assert old() is None


def test_an_article_s_names_are_the_words_its_prose_writes_only_capitalised(engine):
    """Names read a question typed all in lower case; sentence openers, headline words and words also written in
    lower case are no names."""
    from retrieval.sentence_table import table

    names = table(engine.corpus).names(0)
    assert {"kirby", "pentagon", "ryder", "kursk", "putin"} <= names
    assert not names & {"the", "left", "so", "we", "what", "troops", "u", "s"}
    prose = " ".join(s.text for s in engine.corpus.articles[0].document.sentences if s.kind in ("body", "standfirst"))
    assert all(f" {n} " not in f" {prose} " for n in names)  # never written in lower case


def test_a_lower_case_question_gets_the_capitals_of_the_article_s_names(engine):
    from retrieval import features
    from retrieval.sentence_table import table

    names = table(engine.corpus).names(0)
    typed = features.Question.parse("what did kirby say about the pentagon", names)
    written = features.Question.parse("What did Kirby say about the Pentagon", frozenset())
    assert typed.entities == written.entities == {"kirby", "pentagon"}
    assert typed.focus == written.focus
    assert features.Question.parse("what did kirby say", frozenset()).entities == frozenset()
    mixed = features.Question.parse("what did Kirby say about the pentagon", names)  # typed with capitals: as is
    assert mixed.entities == {"kirby"}
