"""What kind of answer a question wants (quantity, time, person, place) and which kinds a sentence offers."""

from __future__ import annotations

import re
from dataclasses import dataclass

QUANTITY = "quantity"
TIME = "time"
PERSON = "person"
PLACE = "place"
OTHER = "other"
TYPES = (QUANTITY, TIME, PERSON, PLACE)

_Q_PATTERNS = [
    (QUANTITY, r"\bhow (?:many|much|large|big|far|long|old|often|tall|high|heavy|wide|deep)\b"),
    (QUANTITY, r"\b(?:what|which) (?:number|percentage|proportion|share|amount|size|price|cost|rate)\b"),
    (QUANTITY, r"\bnumber of\b"),
    (TIME, r"\bwhen\b|\b(?:what|which) (?:year|years|day|date|month|time|century|decade|period|season|era)\b"),
    (TIME, r"\bsince when\b|\bhow soon\b"),
    (PERSON, r"\bwho(?:m|se)?\b|\b(?:what|which) (?:person|people|man|woman|group|organi[sz]ation|company)\b"),
    (PLACE, r"\bwhere\b|\b(?:what|which|in what|in which) (?:country|city|town|region|place|state|area|border)\b"),
]
_Q_RES = [(kind, re.compile(p, re.IGNORECASE)) for kind, p in _Q_PATTERNS]

# Whole words, matched case-insensitively; a set lookup per word instead of a regex alternation per position.
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty "  # noqa: SIM905
    "hundred hundreds thousand thousands million millions billion billions dozen dozens couple half "
    "percent several few".split()
)
_PER_CENT = re.compile(r"\bper cent\b", re.IGNORECASE)
_DIGITS = re.compile(r"[0-9]+")
_TIME_WORDS = frozenset(
    "january february march april may june july august september october november december "  # noqa: SIM905
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday "
    "yesterday today tomorrow tonight week weeks month months year years decade century ago "
    "since until later earlier previously imminently soon".split()
)
_YEAR = re.compile(r"(?:1[0-9]|20)\d\d(?:s)?")
_CENTURY = re.compile(r"\b(\d{1,2}(?:st|nd|rd|th)) century\b", re.IGNORECASE)
_RUN = re.compile(r"\w+")
_CAPITAL = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z'\u2019-]+")
_PLACE_NAME = re.compile(
    r"\b(?:in|at|near|from|into|to|across|inside|outside|toward|towards) (?:the )?(?P<name>[A-Z][\w\u2019'-]+)"
)


def question_type(question: str) -> str:
    """The answer type a question asks for, or OTHER when its wording gives no cue."""
    for kind, pattern in _Q_RES:
        if pattern.search(question):
            return kind
    return OTHER


@dataclass(frozen=True)
class Offers:
    """The words of a sentence that can answer each type (lower case), computed once per sentence."""

    quantity: frozenset[str]
    time: frozenset[str]
    person: frozenset[str]
    place: frozenset[str]

    def has(self, kind: str) -> bool:
        return bool(getattr(self, kind, ()))

    def new(self, kind: str, question_words: frozenset[str]) -> bool:
        """The sentence offers this type with a word the question does not already contain."""
        return bool(getattr(self, kind, frozenset()) - question_words)


_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> frozenset[str]:
    """Lower-case alphanumeric words of a text, to tell an answer's words from the question's."""
    return frozenset(_WORD.findall(text.lower()))


def _found(pattern: re.Pattern, text: str, group: int | str = 0) -> frozenset[str]:
    return frozenset(w for m in pattern.finditer(text) for w in _WORD.findall(m.group(group).lower()))


def _quantities(text: str, runs: list[str]) -> frozenset[str]:
    """Digit groups and number words ("1,000" gives 1 and 000; "per cent" its two words)."""
    found = set(_DIGITS.findall(text))
    found.update(r for r in runs if r in _NUMBER_WORDS)
    if "cent" in runs and _PER_CENT.search(text):
        found.update(("per", "cent"))
    return frozenset(found)


def _times(text: str, runs: list[str]) -> frozenset[str]:
    """Months, weekdays, years (1990, 1990s), "12th century" and words of relative time."""
    found = {r for r in runs if r in _TIME_WORDS}
    for r in runs:
        if r[:1].isdigit() and _YEAR.fullmatch(r):
            found.update(_WORD.findall(r))
    if "century" in found:
        for m in _CENTURY.finditer(text):
            found.update(_WORD.findall(m.group(1).lower()))
    return frozenset(found)


def offers(text: str, speaker: str | None = None) -> Offers:
    """Answer words in a sentence: numbers, dates, capitalised names (and its speaker), places."""
    people = _found(_CAPITAL, text) | (words(speaker) if speaker else frozenset())
    runs = [r.lower() for r in _RUN.findall(text)]
    return Offers(
        quantity=_quantities(text, runs),
        time=_times(text, runs),
        person=people,
        place=_found(_PLACE_NAME, text, "name"),
    )
