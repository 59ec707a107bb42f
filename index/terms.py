"""Question and sentence terms for reranking: the BM25 tokens, Snowball-stemmed so word forms match."""

from __future__ import annotations

import itertools
from functools import lru_cache

import snowballstemmer

from index.lexical import number, tokenize

_STEMMER = snowballstemmer.stemmer("english")
PREFIX = 5  # stems sharing their first PREFIX letters count as a loose match (Russia/Russian, Korea/Korean)

# Irregular English verb forms the stemmer leaves apart (told/tell), mapped to one form.
_IRREGULAR = {
    form: base
    for base, forms in {
        "say": "said says",
        "tell": "told",
        "go": "went gone goes",
        "send": "sent",
        "buy": "bought",
        "bring": "brought",
        "build": "built",
        "begin": "began begun",
        "break": "broke broken",
        "choose": "chose chosen",
        "come": "came",
        "do": "did done",
        "drive": "drove driven",
        "eat": "ate eaten",
        "fall": "fell fallen",
        "feel": "felt",
        "fight": "fought",
        "find": "found",
        "fly": "flew flown",
        "get": "got gotten",
        "give": "gave given",
        "grow": "grew grown",
        "hold": "held",
        "keep": "kept",
        "know": "knew known",
        "lead": "led",
        "leave": "left",
        "lose": "lost",
        "make": "made",
        "meet": "met",
        "pay": "paid",
        "rise": "rose risen",
        "run": "ran",
        "see": "saw seen",
        "sell": "sold",
        "speak": "spoke spoken",
        "spend": "spent",
        "stand": "stood",
        "take": "took taken",
        "teach": "taught",
        "think": "thought",
        "win": "won",
        "write": "wrote written",
        "die": "dead",
    }.items()
    for form in forms.split()
}

# Nouns derived from a verb or adjective by a change the stemmer cannot undo (speech/speak, depth/deep,
# decision/decide), mapped to that word so a question's "decide" finds a sentence's "decision"; plurals too.
_DERIVED = {
    "speak": "speech",
    "die": "death",
    "deep": "depth",
    "strong": "strength",
    "wide": "width",
    "high": "height",
    "grow": "growth",
    "lose": "loss",
    "sell": "sale",
    "choose": "choice",
    "prove": "proof",
    "believe": "belief",
    "fly": "flight",
    "deny": "denial",
    "refuse": "refusal",
    "approve": "approval",
    "propose": "proposal",
    "remove": "removal",
    "survive": "survival",
    "succeed": "success",
    "decide": "decision",
    "divide": "division",
    "invade": "invasion",
    "explode": "explosion",
    "conclude": "conclusion",
    "include": "inclusion",
    "permit": "permission",
    "admit": "admission",
    "describe": "description",
    "produce": "production",
    "reduce": "reduction",
    "introduce": "introduction",
    "destroy": "destruction",
    "respond": "response",
    "defend": "defence defense",
    "pursue": "pursuit",
    "marry": "marriage",
    "weigh": "weight",
    "see": "sight",
    "fail": "failure",
    "free": "freedom",
    "wise": "wisdom",
    "true": "truth",
    "young": "youth",
    "hot": "heat",
    "think": "thought",
}
for _base, _nouns in _DERIVED.items():
    for _noun in _nouns.split():
        _IRREGULAR.setdefault(_noun, _base)
        _IRREGULAR.setdefault(_noun + ("es" if _noun.endswith(("s", "sh", "ch")) else "s"), _base)


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """The Snowball (Porter 2) stem of one lower-case token; numbers are kept as digits ("10,000" is "10000")."""
    if token[:1].isdigit():
        return number(token)
    return _STEMMER.stemWord(_IRREGULAR.get(token, token))


# Words that shape a question but say nothing about its topic ("how many", "is there", "can you").
QUESTION_WORDS = frozenset(
    [
        "many",
        "much",
        "long",
        "often",
        "can",
        "could",
        "should",
        "shall",
        "would",
        "will",
        "may",
        "might",
        "must",
        "there",
        "any",
        "ever",
        "exactly",
        "please",
        "tell",
        "me",
        "your",
        "you",
        "know",
        "kind",
        "type",
        "sort",
        # function words the stop list keeps, which in a question only link its content words ("say about")
        "about",
        "into",
        "onto",
        "upon",
        "than",
        "then",
        "if",
        "whether",
        "been",
        "being",
        "also",
        "so",
        "very",
        "just",
        "these",
        "those",
        "such",
        "we",
        "our",
        "him",
        "my",
        # what a chat message adds around a question: greetings, thanks, shorthand ("r" are, "u" you), the bot
        "hey",
        "hi",
        "hello",
        "yo",
        "thanks",
        "thank",
        "thx",
        "ty",
        "ok",
        "okay",
        "pls",
        "plz",
        "r",
        "u",
        "ur",
        "um",
        "uh",
        "btw",
        "lol",
        "bot",
        "question",
        # the document itself: "what does the article say", "according to the story", "does the text say"
        "according",
        "article",
        "story",
        "text",
    ]
)


def stems(text: str) -> list[str]:
    """Stemmed content terms of a text, in order (stop words dropped)."""
    return [stem(t) for t in tokenize(text)]


def question_stems(text: str) -> list[str]:
    """Stemmed content terms of a question: also without the words that only make it a question."""
    return [stem(t) for t in tokenize(text) if t not in QUESTION_WORDS]


def prefixes(terms: frozenset[str] | set[str] | list[str]) -> frozenset[str]:
    """The PREFIX-letter beginnings of the longer terms, for loose matching of word families."""
    return frozenset(t[:PREFIX] for t in terms if len(t) >= PREFIX)


def bigrams(terms: list[str]) -> set[tuple[str, str]]:
    """Adjacent pairs of terms: phrase matches count more than scattered words."""
    return set(itertools.pairwise(terms))
