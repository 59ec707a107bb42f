"""Rerank features of (question, sentence) pairs; per-sentence parts are computed once per corpus and cached."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from index import lexicon, terms
from index.corpus import Corpus
from retrieval import answer_types, background, piece_match
from retrieval.sentence_table import NEGATION, ArticleStats, table

FEATURES = (
    "cos",  # dense cosine of question and sentence
    "cos_z",  # cosine z-normalised over the article's TOP_Z best candidates by cosine
    "bm25_z",  # BM25 of stemmed terms with the article's own statistics, z-normalised the same way
    "bm25_rel",  # that BM25 over the best among the candidates
    "coverage",  # IDF-weighted share of the question's stemmed terms found in the sentence
    "coverage_gap",  # coverage minus the best coverage among the candidates
    "bigrams",  # share of the question's stemmed bigrams found in the sentence
    "prev_cos",  # cosine of the previous sentence of the same article (the sentence's own when none)
    "next_cos",  # cosine of the next sentence
    "prev_coverage",  # coverage gained by adding the previous sentence
    "next_coverage",  # coverage gained by adding the next sentence
    "type_match",  # the question wants a type (how many, when, who, where) the sentence offers
    "type_miss",  # the question wants a type the sentence does not offer
    "type_new",  # ... and offers it with a word the question does not already contain
    "paragraph_coverage",  # coverage of the sentence's whole paragraph
    "paragraph_cos",  # best cosine among the candidates of the sentence's paragraph
    "entity_coverage",  # share of the question's capitalised names that the sentence contains
    "novelty",  # share of the sentence's terms that are not in the question (room for an answer)
    "log_length",  # log of the sentence's term count
    "is_title",
    "is_standfirst",
    "speaker_match",  # the question names the sentence's attributed speaker or their title (also through the lexicons)
    "loose_coverage",  # coverage counting word families (same first letters of the stem) as matches
    "negation_mismatch",  # the sentence is negated ("not", "n't", "never") and the question is not
    "cos_rr",  # 1 / (2 + rank by cosine among the candidates): reciprocal-rank fusion of the two signals
    "bm25_rr",  # 1 / (2 + rank by BM25)
    "paragraph_start",  # the sentence opens its paragraph
    "speech_match",  # the question asks what someone said and the sentence is attributed to a named source
    "x_coverage",  # coverage of the question's units (terms, places, acronyms, synonyms: retrieval/lexicon.py)
    "x_window_coverage",  # that coverage by the sentence with its previous and next sentences
    "x_bm25_rel",  # BM25 of the units (a unit's tf: its best alternative), over the best among the candidates
    "negated_match",  # IDF share of the question's terms the sentence holds just after a negation ("could not confirm")
    "asks",  # the sentence reports a question ("a reporter asked Biden if ...") or ends with "?": it poses, not answers
    "answers_asked",  # the previous sentence reports a question: its unit coverage (this one may be the reply)
    "piece_match",  # mean best cosine of the question's content word pieces with the sentence's (piece_match.py)
    "window_piece_match",  # ... each piece's best with the sentence's or its neighbours' pieces
)
F = {name: i for i, name in enumerate(FEATURES)}
# z-scores are taken over an article's best TOP_Z candidates only: over all of them, the best sentence's z grew with
# the article's length, so weights fitted on 30-sentence articles misranked 300-sentence ones (XQuAD joined 8 articles
# to one: P@1 0.773, under the fused baseline's 0.776; over the best 30: 0.824).
TOP_Z = 30
ABSTAIN_FEATURES = (
    "best_cos",  # cosine of the chosen sentence
    "max_cos",  # best cosine among the candidates
    "best_coverage",  # coverage of the chosen sentence
    "article_coverage",  # IDF-weighted share of question terms found anywhere in the article
    "best_bigrams",
    "bm25_max",  # raw BM25 of the best lexical match, squashed: log(1 + x)
    "margin",  # rerank score of the chosen sentence over the runner-up
    "best_loose_coverage",  # coverage of the chosen sentence counting word families
    "best_type_new",  # the chosen sentence offers the asked answer type with a new word
    "article_loose_missing",  # question terms (IDF-weighted share) found nowhere in the article, even loosely
    "best_score",  # rerank score of the chosen sentence
    "best_paragraph_coverage",  # coverage of the chosen sentence's paragraph
    "best_unmatched",  # IDF share of the heaviest question term missing from the chosen sentence's paragraph
    "best_x_coverage",  # unit coverage of the chosen sentence
    "article_unit_missing",  # IDF share of the question's units the whole article lacks, even through the lexicons
    "article_heaviest_missing",  # IDF share of the heaviest such unit
    "window_heaviest_missing",  # IDF share of the heaviest unit missing from the chosen sentence and its neighbours
    "missing_units",  # how many units the article lacks (at most 3)
    "article_focus_missing",  # IDF share of the heaviest focus unit (name, place, number, noun) the article lacks
    "window_focus_missing",  # ... missing from the chosen sentence and its neighbours
    "focus_absent",  # 1 when the article lacks some focus unit at all
    "specific_missing",  # the heaviest missing unit's IDF share times its specificity (1 - background share)
    "window_specific_missing",  # ... missing from the chosen sentence and its neighbours
    "article_other_missing",  # IDF share of the heaviest non-focus unit (a verb, an adjective: the predicate) the article lacks
    "window_other_missing",  # ... missing from the chosen sentence and its neighbours
)


_CASED_WORD = re.compile(r"[a-z][a-z0-9\u2019'-]*")


_NAME = re.compile(r"(?<!^)(?<![.?!] )\b[A-Z][\w\u2019'-]*")


_SPEECH = re.compile(
    r"\b(?:say|says|said|saying|tell|told|claim|claimed|claims|state|stated|announce|announced|confirm|confirmed|"
    r"respond|responded|response|react|reaction|comment|comments|warn|warned|think|thinks|view|views|position|"
    r"stance|believe|believes|admit|admitted|deny|denied)\b",
    re.IGNORECASE,
)


@dataclass
class Question:
    """A question's terms and wanted answer type."""

    text: str
    stems: list[str]
    bigrams: set[tuple[str, str]]
    kind: str
    negated: bool
    words: frozenset[str]  # lower-case words as written, to tell answer words from question words
    entities: frozenset[str]  # lower-case words the question capitalises past its first word
    speech: bool  # asks what someone said, thinks or claimed
    units: list[tuple[str, frozenset[str]]]  # terms with their lexicon alternatives (lexicon.question_units)
    focus: frozenset[str]  # keys of the units the question is about (names, places, numbers, nouns)

    @classmethod
    def parse(cls, text: str, names: frozenset[str] = frozenset()) -> Question:
        """The question's terms and type; a question typed all in lower case first gets the capitals of `names`
        (words its articles write only capitalised), so "kim jong un" is read as the name it is."""
        if names and not any(c.isupper() for c in text):
            text = _CASED_WORD.sub(
                lambda m: m.group(0).capitalize() if lexicon.without_possessive(m.group(0)) in names else m.group(0),
                text,
            )
        seq = terms.question_stems(text)
        kind = answer_types.question_type(text)
        negated = bool(NEGATION.search(text))
        entities = answer_types.words(" ".join(_NAME.findall(text))) - terms.QUESTION_WORDS
        speech = bool(_SPEECH.search(text))
        words = answer_types.words(text)
        units, focus = lexicon.question_units(text)
        stems = list(dict.fromkeys(seq))
        return cls(text, stems, terms.bigrams(seq), kind, negated, words, entities, speech, units, focus)


def zscore(x: np.ndarray) -> np.ndarray:
    """x centred and scaled to unit spread over its own values (zeros when they do not vary)."""
    return group_zscore(x, np.zeros(len(x), dtype=np.int64), 1)


# Candidate-relative features are taken within each candidate's own article (group), so a sentence scores the same
# whether the question is asked of its article alone or of many articles at once.


def group_zscore(x: np.ndarray, group: np.ndarray, k: int, inside: np.ndarray | None = None) -> np.ndarray:
    """zscore of x within each group (0..k-1), its mean and spread taken over the rows `inside` (default: all)."""
    g, v = (group, x) if inside is None else (group[inside], x[inside])
    size = np.bincount(g, minlength=k)
    mean = np.bincount(g, weights=v, minlength=k) / np.maximum(size, 1)
    sd = np.sqrt(np.bincount(g, weights=(v - mean[g]) ** 2, minlength=k) / np.maximum(size, 1))
    ok = (size >= 2) & (sd > 1e-9)
    return np.where(ok[group], (x - mean[group]) / np.where(ok, sd, 1.0)[group], 0.0)


def group_max(x: np.ndarray, group: np.ndarray, k: int) -> np.ndarray:
    """Each row's group maximum of x."""
    top = np.full(k, -np.inf)
    np.maximum.at(top, group, x)
    return top[group]


def group_rank(x: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Each row's rank by descending x within its group (0 for the best; ties in row order)."""
    order = np.lexsort((-x, group))
    sorted_groups = group[order]
    ranks = np.empty(len(x), dtype=np.int64)
    ranks[order] = np.arange(len(x)) - np.searchsorted(sorted_groups, sorted_groups, side="left")
    return ranks


def _relative(x: np.ndarray, group: np.ndarray, k: int) -> np.ndarray:
    """x over its group's best, 0 where that best is not positive."""
    top = group_max(x, group, k)
    return np.divide(x, top, out=np.zeros(len(x)), where=top > 0)


@dataclass
class Scored:
    """Feature matrix of the candidates plus the raw signals the engine and abstention use."""

    rows: np.ndarray
    x: np.ndarray  # (len(rows), len(FEATURES))
    cos: np.ndarray
    bm25: np.ndarray  # stemmed BM25 with each article's own statistics
    article_coverage: np.ndarray  # per candidate, of its article: IDF share of question terms the article holds
    article_missing: np.ndarray  # ... IDF share it lacks even loosely
    unmatched: np.ndarray  # per candidate: IDF share of the heaviest question term missing from its paragraph
    unit_missing: np.ndarray  # per candidate, of its article: IDF share of units the article lacks
    heaviest_missing: np.ndarray  # ... IDF share of the heaviest of them
    missing_units: np.ndarray  # ... how many
    window_missing: np.ndarray  # per candidate: IDF share of the heaviest unit missing from it and its neighbours
    focus_missing: np.ndarray  # per candidate, of its article: IDF share of the heaviest focus unit it lacks
    window_focus_missing: np.ndarray  # per candidate: the same for it and its neighbours
    specific_missing: np.ndarray  # per candidate, of its article: heaviest missing unit's share times its specificity
    window_specific_missing: np.ndarray  # per candidate: the same for it and its neighbours
    other_missing: np.ndarray  # per candidate, of its article: IDF share of the heaviest non-focus unit it lacks
    window_other_missing: np.ndarray  # per candidate: the same for it and its neighbours


@dataclass
class _ArticleUnits:
    """A question's unit weights in one article and what the article lacks of them."""

    weights: np.ndarray
    total: float
    missing: float
    heaviest: float
    count: int
    focus: float
    specific: float
    other: float
    specificity: np.ndarray  # per unit: 1 - the share of background articles using it


def _article_units(q: Question, stats: ArticleStats, is_focus: np.ndarray) -> _ArticleUnits:
    w = np.array([stats.unit_idf(alts) for _, alts in q.units])
    total = float(w.sum()) if len(w) else 0.0
    lack = np.array([not stats.has_unit(key, alts) for key, alts in q.units], dtype=bool)
    spec = np.array([1.0 - max(background.share(a) for a in alts) for _, alts in q.units])
    if total <= 0:
        return _ArticleUnits(w, 0.0, 0.0, 0.0, 0, 0.0, 0.0, 0.0, spec)
    return _ArticleUnits(
        w,
        total,
        float(w[lack].sum()) / total,
        float(w[lack].max(initial=0.0)) / total,
        int(lack.sum()),
        float(w[lack & is_focus].max(initial=0.0)) / total,
        float((w * spec)[lack].max(initial=0.0)) / total,
        float(w[lack & ~is_focus].max(initial=0.0)) / total,
        spec,
    )


def _share(weights: np.ndarray, hits: np.ndarray, total: np.ndarray) -> np.ndarray:
    """Per row: the weight of the hit columns over the row's total weight (0 where the total is not positive)."""
    got = (weights * hits).sum(axis=1)
    return np.divide(got, total, out=np.zeros(len(got)), where=total > 0)


def _heaviest(weights: np.ndarray, mask: np.ndarray, total: np.ndarray) -> np.ndarray:
    """Per row: the heaviest masked weight over the row's total weight (0 where none or the total is not positive)."""
    top = np.where(mask, weights, 0.0).max(axis=1, initial=0.0)
    return np.divide(top, total, out=np.zeros(len(top)), where=total > 0)


def compute(corpus: Corpus, q: Question, qvec: np.ndarray, qpieces: np.ndarray, rows: np.ndarray) -> Scored:
    """Features of every candidate row for one question (rows of one or more articles), vectorised over rows;
    qpieces: the unit vectors of the question's content word pieces."""
    tab = table(corpus)
    n = len(rows)
    batch = tab.batch(rows)
    cos = corpus.cosine(qvec, rows).astype(np.float64)
    x = np.zeros((n, len(FEATURES)))
    extra = batch.extra
    cos_all = np.concatenate([cos, corpus.cosine(qvec, extra).astype(np.float64)]) if len(extra) else cos
    infos = batch.infos

    # Question-side lookups, once: stems, unit alternatives (as stems and as concepts), prefixes.
    stems = q.stems
    alts = [(u, a) for u, (_, options) in enumerate(q.units) for a in sorted(options)]
    alt_unit = np.array([u for u, _ in alts], dtype=np.int64)
    alt_keys = [a for _, a in alts]
    n_stems, n_units = len(stems), len(q.units)
    unit_prefixable = [not key.startswith("@") and len(key) >= terms.PREFIX for key, _ in q.units]
    stem_query = tab.ids(stems + alt_keys)
    prefix_query = tab.ids([t[: terms.PREFIX] for t in stems] + [key[: terms.PREFIX] for key, _ in q.units])
    tf_all = batch.stems.matrix(batch.size, stem_query)
    ctf_all = batch.concepts.matrix(batch.size, tab.ids(alt_keys))
    pfx_all = batch.prefixes.matrix(batch.size, prefix_query) > 0
    tf = tf_all[:, :n_stems]  # (candidates then extra neighbours, stems)
    alt_tf = np.where(tf_all[:, n_stems:] > 0, tf_all[:, n_stems:], ctf_all)  # (every, alternatives)
    unit_tf = np.zeros((batch.size, n_units))
    if len(alts):
        np.maximum.at(unit_tf.T, alt_unit, alt_tf.T)
    unit_pfx = pfx_all[:, n_stems:] & np.array(unit_prefixable, dtype=bool)
    stem_hit = tf > 0
    loose_hit = stem_hit | pfx_all[:, :n_stems]
    unit_hit = unit_tf > 0

    # Per-article statistics and weights, once per article.
    arts = batch.articles
    art_index: dict[int, int] = {}
    for a in arts:
        art_index.setdefault(a, len(art_index))
    is_focus = np.array([key in q.focus for key, _ in q.units], dtype=bool)
    art_w, art_units, art_avg, article_cov, article_missing = [], [], [], [], []
    for a in art_index:
        stats = tab.stats(a)
        weights = {t: stats.idf(t) for t in stems}
        total = max(sum(weights.values()), 1e-9)
        article_cov.append(sum(w for t, w in weights.items() if stats.df.get(t)) / total)
        article_missing.append(
            sum(w for t, w in weights.items() if not stats.df.get(t) and t[: terms.PREFIX] not in stats.prefixes)
            / total
        )
        art_w.append(list(weights.values()))
        art_units.append(_article_units(q, stats, is_focus))
        art_avg.append(max(stats.avg_length, 1e-9))
    which = np.array([art_index[a] for a in arts], dtype=np.int64)
    w = np.array(art_w, dtype=np.float64).reshape(len(art_index), n_stems)[which]  # (n, stems)
    w_total = w.sum(axis=1)
    uw = np.array([au.weights for au in art_units], dtype=np.float64).reshape(len(art_index), n_units)[which]
    u_total = np.array([au.total for au in art_units])[which]
    spec = np.array([au.specificity for au in art_units], dtype=np.float64).reshape(len(art_index), n_units)[which]
    # BM25 with k1=1.2, b=0.75 and each article's own average length.
    norm = (1.2 * (0.25 + 0.75 * batch.lengths / np.array(art_avg)[which]))[:, None]

    # Each candidate's neighbours as positions in the matrices (the candidate's own where there is none).
    own = np.arange(n)
    prev, nxt = batch.prev, batch.next
    has_prev, has_next = prev >= 0, nxt >= 0
    prev_at, next_at = np.where(has_prev, prev, own), np.where(has_next, nxt, own)

    hit = stem_hit[:n]
    cov = _share(w, hit, w_total)
    bm25 = (w * tf[:n] * 2.2 / (tf[:n] + norm)).sum(axis=1)
    x[:, F["coverage"]] = cov
    x[:, F["prev_cos"]] = cos_all[prev_at]
    x[:, F["next_cos"]] = cos_all[next_at]
    x[:, F["prev_coverage"]] = np.where(has_prev, _share(w, hit | stem_hit[prev_at], w_total) - cov, 0.0)
    x[:, F["next_coverage"]] = np.where(has_next, _share(w, hit | stem_hit[next_at], w_total) - cov, 0.0)
    x[:, F["loose_coverage"]] = _share(w, loose_hit[:n], w_total)
    sizes = batch.sizes
    x[:, F["novelty"]] = (sizes - hit.sum(axis=1)) / np.maximum(sizes, 1)

    # Units (retrieval/lexicon.py): coverage of the sentence alone and of its window with the neighbours.
    u_hit = unit_hit[:n]
    window = u_hit | unit_hit[prev_at] | unit_hit[next_at] | unit_pfx[:n] | unit_pfx[prev_at] | unit_pfx[next_at]
    x[:, F["x_coverage"]] = _share(uw, u_hit, u_total)
    x[:, F["x_window_coverage"]] = _share(uw, window, u_total)
    window_missing = _heaviest(uw, ~window, u_total)
    window_focus_missing = _heaviest(uw, ~window & is_focus, u_total)
    window_specific_missing = _heaviest(uw * spec, ~window, u_total)
    window_other_missing = _heaviest(uw, ~window & ~is_focus, u_total)
    x_bm25 = np.where(u_total > 0, (uw * unit_tf[:n] * 2.2 / (unit_tf[:n] + norm)).sum(axis=1), 0.0)
    per_article = np.array(
        [(au.missing, au.heaviest, min(au.count, 3), au.focus, au.specific, au.other) for au in art_units],
        dtype=np.float64,
    ).reshape(len(art_index), 6)[which]
    unit_missing, heaviest_missing, missing_units, focus_missing, specific_missing, other_missing = per_article.T

    # Paragraphs: coverage of the whole paragraph, its heaviest missing term, its best cosine.
    which_para = batch.which_paragraph
    para_hits = np.array([[t in held for t in stems] for held in batch.paragraph_stems], dtype=bool).reshape(
        len(batch.paragraph_stems), n_stems
    )
    p_hit = para_hits[which_para]
    x[:, F["paragraph_coverage"]] = _share(w, p_hit, w_total)
    unmatched = _heaviest(w, ~p_hit, w_total)
    best_cos = np.full(len(batch.paragraph_stems), -1.0)
    np.maximum.at(best_cos, which_para, cos)
    x[:, F["paragraph_cos"]] = np.where(batch.paragraph > 0, best_cos[which_para], cos)
    log_length, is_title, is_standfirst, negated, attributed, paragraph_start = batch.static.T
    x[:, F["log_length"]] = log_length
    x[:, F["is_title"]] = is_title
    x[:, F["is_standfirst"]] = is_standfirst
    x[:, F["negation_mismatch"]] = 0.0 if q.negated else negated
    x[:, F["speech_match"]] = attributed if q.speech else 0.0
    x[:, F["paragraph_start"]] = paragraph_start

    # What is left is per sentence and set-valued.
    qset = set(stems)
    if q.kind != answer_types.OTHER:
        offered = np.array([info.offers.has(q.kind) for info in infos], dtype=np.float64)
        x[:, F["type_match"]] = offered
        x[:, F["type_miss"]] = 1.0 - offered
        x[:, F["type_new"]] = [float(info.offers.new(q.kind, q.words)) for info in infos]
    if q.bigrams:
        x[:, F["bigrams"]] = [len(q.bigrams & info.bigrams) / len(q.bigrams) for info in infos]
    if q.entities:
        x[:, F["entity_coverage"]] = [len(q.entities & info.words) / len(q.entities) for info in infos]
    q_alts = qset.union(*(alts for _, alts in q.units))
    x[:, F["speaker_match"]] = [not info.speaker_terms.isdisjoint(q_alts) for info in infos]
    asks = np.array([info.asks for info in infos], dtype=bool)
    x[:, F["asks"]] = asks
    prev_asks = np.where(has_prev & (prev < n), asks[np.minimum(prev_at, n - 1)], False)
    x[:, F["answers_asked"]] = np.where(prev_asks, _share(uw, unit_hit[prev_at], u_total), 0.0)
    if not q.negated and n_stems:
        neg_hit = np.array([[t in info.negated_terms for t in stems] for info in infos], dtype=bool).reshape(n, n_stems)
        x[:, F["negated_match"]] = _share(w, neg_hit, w_total)
    x[:, F["cos"]] = cos
    if len(qpieces):
        every = np.concatenate([rows, extra]) if len(extra) else rows
        piece_cos = piece_match.best_cosines(
            qpieces, [corpus.pieces(int(r)) for r in every]
        )  # (every, question pieces)
        x[:, F["piece_match"]] = piece_cos[:n].mean(axis=1)
        window_pieces = np.maximum(piece_cos[:n], np.maximum(piece_cos[prev_at], piece_cos[next_at]))
        x[:, F["window_piece_match"]] = window_pieces.mean(axis=1)
    k = len(art_index)
    cos_rank, bm25_rank = group_rank(cos, which), group_rank(bm25, which)
    x[:, F["cos_z"]] = group_zscore(cos, which, k, cos_rank < TOP_Z)
    x[:, F["bm25_z"]] = group_zscore(bm25, which, k, bm25_rank < TOP_Z)
    x[:, F["bm25_rel"]] = _relative(bm25, which, k)
    x[:, F["x_bm25_rel"]] = np.where(u_total > 0, _relative(x_bm25, which, k), 0.0)
    x[:, F["cos_rr"]] = 1.0 / (2.0 + cos_rank)
    x[:, F["bm25_rr"]] = 1.0 / (2.0 + bm25_rank)
    if n:
        x[:, F["coverage_gap"]] = x[:, F["coverage"]] - group_max(x[:, F["coverage"]], which, k)
    return Scored(
        rows,
        x,
        cos,
        bm25,
        np.array(article_cov, dtype=np.float64)[which],
        np.array(article_missing, dtype=np.float64)[which],
        unmatched,
        unit_missing,
        heaviest_missing,
        missing_units,
        window_missing,
        focus_missing,
        window_focus_missing,
        specific_missing,
        window_specific_missing,
        other_missing,
        window_other_missing,
    )


def abstain_features(scored: Scored, scores: np.ndarray, best: int, pool: np.ndarray | None = None) -> np.ndarray:
    """Question-level signals of whether the chosen candidate (index `best`) answers at all, against the other
    candidates of `pool` (indices; its article's candidates, default all)."""
    x = scored.x
    pool = np.arange(len(scores)) if pool is None else pool
    others = scores[pool[pool != best]]
    margin = float(scores[best] - others.max()) if len(others) else 0.0
    return np.array(
        [
            scored.cos[best],
            scored.cos[pool].max(),
            x[best, F["coverage"]],
            scored.article_coverage[best],
            x[best, F["bigrams"]],
            math.log1p(float(scored.bm25[pool].max())),
            margin,
            x[best, F["loose_coverage"]],
            x[best, F["type_new"]],
            scored.article_missing[best],
            float(scores[best]),
            x[best, F["paragraph_coverage"]],
            scored.unmatched[best],
            x[best, F["x_coverage"]],
            scored.unit_missing[best],
            scored.heaviest_missing[best],
            scored.window_missing[best],
            scored.missing_units[best],
            scored.focus_missing[best],
            scored.window_focus_missing[best],
            float(scored.focus_missing[best] > 0),
            scored.specific_missing[best],
            scored.window_specific_missing[best],
            scored.other_missing[best],
            scored.window_other_missing[best],
        ]
    )
