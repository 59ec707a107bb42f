"""Decide who each sentence belongs to (speaker, title, cue) from news reporting patterns, once at index time.

Reads each paragraph in order: quoted speech is masked so reporting cues ("X said", "said X", "X told
reporters", "according to X") are found only in the reporter's words; sources are parsed into name and
title by index.speakers and kept in a registry, so surnames, pronouns and quotes that run on across
sentences or paragraphs resolve to the speaker as first introduced. Pure rules: fast and general.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from index import model, quotes, speakers

_VERBS = (
    "said|says|say|told|tells|tell|confirmed|confirms|stated|states|warned|warns|added|adds|noted|notes|"
    "explained|explains|reiterated|reiterates|insisted|insists|argued|argues|claimed|claims|wrote|writes|"
    "acknowledged|acknowledges|admitted|admits|asserted|asserts|stressed|stresses|emphasized|emphasizes|"
    "emphasised|emphasises|cautioned|cautions|recalled|recalls|predicted|predicts|announced|announces|"
    "declared|declares|testified|testifies|tweeted|tweets|posted|replied|replies|responded|responds|"
    "answered|answers|continued|continues|conceded|concedes|maintained|maintains|estimated|estimates|"
    "expressed|expresses|believes|believe|believed|thinks|think|thought|vowed|vows|pledged|pledges|"
    "promised|promises|urged|urges|agreed|agrees|asked|asks|countered|counters|contended|contends|"
    "suggested|suggests|indicated|indicates|revealed|reveals|disclosed|discloses|remarked|remarks|"
    "observed|observes|commented|comments|concluded|concludes|alleged|alleges|reported|reports|"
    "assessed|assesses|forecast|forecasts|projected|projects|denied|denies|disputed|disputes|found|finds|"
    "ruled|rules|showed|shows|called|calls"
)
# Cues that report speech only with a that-clause, a colon or a quote next to them ("reported that", not "reported a loss").
_WEAK = {
    "believes", "believe", "believed", "thinks", "think", "thought", "reported", "reports", "announced",
    "announces", "declared", "declares", "suggested", "suggests", "indicated", "indicates", "revealed", "reveals", "disclosed",
    "discloses", "estimated", "estimates", "predicted", "predicts", "alleged", "alleges", "agreed", "agrees",
    "asked", "asks", "continued", "continues", "posted", "expressed", "expresses", "observed", "observes",
    "projected", "projects", "forecast", "forecasts", "assessed", "assesses", "disputed", "disputes", "found", "finds",
    "ruled", "rules", "showed", "shows", "called", "calls", "maintained", "maintains", "promised", "promises", "pledged",
    "pledges", "vowed", "vows", "urged", "urges", "remarks", "comments", "notes", "states", "claims", "wrote", "writes",
}  # fmt: skip
_AUX = (
    r"(?:(?:has|have|had|also|previously|later|earlier|again|further|then|repeatedly|recently|once|already|"
    r"publicly|privately|separately|similarly|likewise|initially|first|long|would|will|did|does|do|"
    r"reportedly|himself|herself|itself|themselves|since|just|both|all|too|each)\s+)*"
)
_CUE = re.compile(rf"(?P<aux>{_AUX})\b(?P<verb>{_VERBS})\b")
_TOLD_OBJECT = re.compile(
    r"\s+(?P<obj>(?:(?:the|a|an)\s+)?(?:[A-Z][\w.'\u2019&-]*(?:\s+(?:of\s+)?[A-Z][\w.'\u2019&-]*){0,3}|\w+)"
    r"(?:\s+(?:conference|briefing|hearing|interview|committee|panel|audience|crowd|reporters|leaders|officials|"
    r"lawmakers|journalists|students|supporters|troops|viewers|listeners|parliament))?)"
)
_THAT_OR_QUOTE = re.compile(
    r"^\s*(?:\S+\s+){0,5}?(?:that\b|[:|]|,\s*\|)|^\s*(?:concerns?|hope|support|confidence|doubts?)\b"
)
_NEGATED = re.compile(r"\b(?:not|never|n't|cannot|declined\s+to|refused\s+to|to)\s*$|n't\s*$")
_OBJECT_OF = {"in", "on", "at", "of", "for", "from", "with", "by", "to", "about", "into", "over", "under", "against",
              "since", "until", "during", "after", "before", "like", "unlike", "than", "despite", "throughout",
              "between", "among", "through", "near", "without", "within", "toward", "towards", "via", "per"}  # fmt: skip
# A subject never starts right after a preposition ("a report on Nigeria") or inside a noun phrase ("the state").
_QUOTE_TAIL = re.compile(r"^[|\s]*\|[|\s,]*[^|,;:]*?\s(?P<verb>[a-z]{2,}ed|[a-z]{3,}s)\b[^|]*$")
_FIRST_PERSON = {"i", "we"}
# Words after which a clause's subject may start ("... as officials said", "Last week Smith said").
_BEFORE_SUBJECT = {"and", "but", "or", "nor", "so", "yet", "as", "while", "when", "whereas", "because", "although",
                   "though", "if", "unless", "once", "where", "that", "then", "now", "also", "still", "even", "meanwhile",
                   "here", "there", "again", "too"}  # fmt: skip
_TIME_WORDS = {"week", "weeks", "month", "months", "year", "years", "day", "days", "night", "morning", "afternoon",
               "evening", "weekend", "decade", "time", "today", "yesterday", "tonight", "ago", "later", "earlier",
               "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december"}  # fmt: skip
_NEITHER = re.compile(r"\b(?:[Nn]either|nor)\b[^|,;]*$")
_NOT_BEFORE_SUBJECT = _OBJECT_OF | {"the", "a", "an", "its", "his", "her", "their", "our", "this", "that"}
# Cue forms that are also plural nouns ("member states", "media reports"): only after a name or a pronoun.
_NOUN_LIKE = {"states", "reports", "claims", "notes", "remarks", "comments", "projects", "estimates", "forecasts",
              "answers", "replies", "counters", "thinks", "believes", "concludes", "continues", "posts",
              "rules", "shows", "finds", "calls"}  # fmt: skip
_COORDINATED = re.compile(r"\s(?:and|but)\s+$")  # "... and said", "... but said": the clause's subject speaks
_LEAD_CUE = re.compile(r"^\s*(?P<verb>Said|Says|Added|Adds)\s+")  # a cue that opens the sentence, its source after
_QUOTE_VERB_FIRST = re.compile(r"^[|\s]*\|[|\s,]*(?P<verb>[a-z]{3,}ed)\s+")
_COLON_QUOTE = re.compile(r"^\s*(?P<who>[^|:;,]{2,80}?)\s*:\s*\|")  # "Minister: 'We will act'", "Smith: \"No.\""
_SENTENCE_END = re.compile(r"^(?:\s+(?:on\s+)?(?:[A-Z][a-z]+day|today|yesterday))?\s*[.!?]?\s*$")
_BELIEFS = {"believes", "believe", "believed", "thinks", "think", "thought"}
# After a belief verb, a clause without "that" ("believes fewer than ten ..."), not an object ("believed him", "in").
_BELIEF_CLAUSE = re.compile(
    r"^\s+(?!(?:in|of|about|so|him|her|them|me|us|you|it|this|otherwise|twice|back|up|out)\b)[A-Za-z0-9]"
)
_SPEECH = {"said", "says", "told", "tells"}  # verbs that are speech whatever follows them
_FINDINGS = {"found", "finds", "showed", "shows", "ruled", "rules"}  # cues of studies and courts, not only of speech
_TO_BE = re.compile(r"^\s+to\s+(?:be|have)\b")
# "denied the reports" is a statement; "denied him entry" or "denied the appeal" is an action.
_DENIED_ACTION = re.compile(
    r"^\s+(?:him|her|them|us|me|it|(?:(?:an?|the|their|his|its)\s+)?(?:bail|entry|access|permission|appeals?|"
    r"requests?|motions?|applications?|visas?|petitions?|licen[cs]es?|permits?|asylum|parole))\b"
)
_PASSIVE = re.compile(r"\b(?:was|were|is|are|be|been|being|it\s+is|it\s+was)\s*$", re.IGNORECASE)
_TRAILING_TIME = re.compile(
    r"(?:\s+(?:on|in|at|late|early|last|this|earlier|later|again))*\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
    r"today|yesterday|tonight|week|month|year|night|morning|afternoon|evening|weekend)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\s*$"
)
_PUNCT_BREAK = re.compile(r"[,;:(){}\[\]|\u2014\u2013]|\s-\s")
_ACCORDING = re.compile(
    r"\b[Aa]ccording\s+to\s+(?P<src>.+?)(?=\s*(?:[,;:|()\u2014]|(?<![A-Z])\.(?:\s|$)|$|\s(?:that|which|who|and\s+the|as|in\s+\d|on\s+[A-Z]|at\s+least)\b))",
)
_DOCUMENT = re.compile(
    r"^(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,2}?(?:statement|report|study|survey|analysis|assessment|estimate|data|"
    r"figures|readout|transcript|documents?|filing|post|release|letter|memo|tally|count|poll)\s+"
    r"(?:(?:[a-z]+ed|seen|shown|given|written|drawn)\s+(?:by|from|to)|from|by|of|in|on)\s+",
    re.IGNORECASE,
)
_OWNED_DOCUMENT = re.compile(
    r"^(?P<owner>.+?)['\u2019]s?\s+(?:[\w-]+\s+)?(?:statement|report|study|survey|analysis|assessment|estimates?|"
    r"data|figures|readout|transcript|website|account|announcement|tally|count)$"
)
_TRAILING_DOCUMENT = re.compile(
    r"^(?:an?\s+)?(?P<owner>(?:the\s+)?[A-Z].*?)\s+(?:data|figures|statistics|estimates|report|survey|poll|analysis|"
    r"records|study|readout|statement|transcript|memo|filing|assessment|tally|release)$"
)
# "a Gallup poll released Monday", "figures published on Friday": what follows the document is not its owner.
_DOCUMENT_DETAIL = re.compile(
    r"\s+(?:released|published|issued|conducted|carried\s+out|seen|obtained|cited|compiled)\b.*$"
)
_STOP = re.compile(r"[,;:|()]|\.(?=\s|$)")
_ABBREVIATION = re.compile(r"^(?:[A-Z]|(?:[A-Za-z]\.)+[A-Za-z])$")
_RELATIVE = re.compile(r"\s+(?:who|which|that|whose|where)\b.*$")
_ROLE_CHUNK = re.compile(r"(?:^|[,;:|(]\s*)([^,;:|(]+?),\s*$")
_APPOSITIVE = re.compile(r"^\s*,\s*(?:(?P<age>\d{1,3})|(?P<app>(?:a|an|the)\s[^,;|]+?))\s*(?:,|$)")
_URGED_TO = re.compile(r"^\s+(?:[\w'\u2019.-]+\s+){1,5}?to\s+[a-z]")
_SAID_PRONOUN = re.compile(r"^\s*(?:that\s+)?(he|she)\b")
_PRONOUN_GENDER = re.compile(r"\b(he|him|his|she|her|hers)\b", re.IGNORECASE)
_PARTY_TAG = re.compile(r"^[A-Z]{1,3}-[A-Z][A-Za-z.]*$")  # "R-Okla.", "D-N.Y.": a US lawmaker's party and state
_INDEFINITE = re.compile(r"^(?:a|an)\s", re.IGNORECASE)
_STRIP_ARTICLE = re.compile(r"^(?:the|a|an|one|its|his|her|their|our)\s+", re.IGNORECASE)

_BODY_KINDS = frozenset({model.BODY, model.STANDFIRST})
_HEADLINE_KINDS = frozenset({model.TITLE})  # read on their own: a headline's source never leads the body's pronouns
# "He was then asked whether ...": the exchange (and the answer that follows) belongs to the one asked.
_ASKED = re.compile(
    r"\b(?:was|were|is|are|been|being)\s+(?:(?:then|also|later|again|repeatedly|first|specifically|directly|"
    r"pressed\s+and)\s+)?(?P<verb>asked)\s+(?:if|whether|about|what|how|why|when|where|who|which)\b"
)
# "The Pentagon could not confirm whether ...", "Police did not say how many ...", "She declined to comment": a
# source's answer that it will not or cannot say is still its statement.
_WITHHELD = re.compile(
    r"\b(?P<verb>(?:(?:could|would|did|does|do|can|will|has|have)\s+not|(?:could|would|did|does|do|ca|wo|has|have)"
    r"n['\u2019]t|cannot|declined\s+to|refused\s+to|(?:has|have)\s+yet\s+to)\s+(?:(?:immediately|publicly|"
    r"officially|independently|yet)\s+)?(?:confirm|say|comment|specify|disclose|elaborate|reveal|verify|deny|"
    r"rule\s+out|speculate|give\s+details|provide\s+details|discuss|name|identify))\b"
)

# "The results were announced by the finance chief, David Lin": a passive cue, its source after "by".
_PASSIVE_BY = re.compile(
    r"\b(?:was|were|is|are|been|being)\s+(?:(?:also|first|later|officially|publicly)\s+)?(?P<verb>announced|"
    r"confirmed|reported|stated|disclosed|revealed|said|made\s+public|denied)\s+by\s+"
)
_BY_SOURCE_END = re.compile(r"\s+(?:that|on|at|during|after|before|when|as|last|this|earlier|yesterday|today)\b")
# Each with the substrings one of its matches must hold: a quick test first, as most sentences have neither.
_ASKED_OR_WITHHELD = ((_ASKED, ("asked",)), (_WITHHELD, ("not", "n't", "n\u2019t", "declined", "refused", "yet to")))

VIA_NAMED = "named"
VIA_PRONOUN = "pronoun"
VIA_SURNAME = "surname"
VIA_ROLE = "role"
VIA_QUOTE = "quote continues"


@dataclass
class _Source:
    """An attribution found in a sentence, pointing at a registry entity so names can still be completed."""

    kind: str
    entity: speakers.Entity | None
    cue: str | None
    mention: str | None
    via: str
    position: int = 0


def attribute(sentences: list[model.Sentence]) -> list[model.Sentence]:
    """The sentences with their attribution filled in; non-body sentences and unsourced ones keep the article voice."""
    registry = speakers.Registry()
    found: dict[int, _Source] = {}
    paragraph_speakers: list[_Source | None] = []  # last source of each body paragraph read so far
    for number, group in enumerate(_paragraphs(sentences)):
        registry.paragraph = number
        text, offsets = _paragraph_text(sentences, group)
        quoted = quotes.analyse(text)
        here: list[speakers.Entity] = []  # this paragraph's speakers so far: pronouns prefer them
        people: list[list[speakers.Entity]] = []  # persons named in each sentence of the paragraph
        for idx, (lo, hi) in zip(group, offsets, strict=True):
            source = _explicit(quoted, lo, hi, registry, here)
            if source:
                found[idx] = source
                if source.entity:
                    here.append(source.entity)
                    if source.via in (VIA_NAMED, VIA_SURNAME):  # a guessed pronoun never tells namesakes apart
                        registry.spoke(source.entity)
            people.append(_note_mentions(quoted.masked[lo:hi], registry, source))
        _fill_quotes(group, offsets, quoted, found, people, last_of=paragraph_speakers)
        paragraph_speakers.append(_last_source(group, found))
    registry.paragraph = -2  # a headline is near no paragraph: its namesakes stay as written
    for group in _paragraphs(sentences, _HEADLINE_KINDS):  # "Pentagon says ...": after the body, so names are complete
        text, offsets = _paragraph_text(sentences, group)
        quoted = quotes.analyse(text)
        for idx, (lo, hi) in zip(group, offsets, strict=True):
            source = _explicit(quoted, lo, hi, registry, [])
            if source:
                found[idx] = source
    return [_with_attribution(s, found.get(i)) for i, s in enumerate(sentences)]


def _paragraphs(sentences: list[model.Sentence], kinds: frozenset[str] = _BODY_KINDS) -> list[list[int]]:
    """Indexes of attributable sentences of these kinds grouped by paragraph, in reading order."""
    groups: list[list[int]] = []
    key = None
    for i, s in enumerate(sentences):
        if s.kind not in kinds:
            continue
        k = (s.kind, s.paragraph)
        if k != key or not groups:
            groups.append([])
            key = k
        groups[-1].append(i)
    return groups


def _paragraph_text(sentences: list[model.Sentence], group: list[int]) -> tuple[str, list[tuple[int, int]]]:
    """The paragraph rebuilt from its sentences (gaps as spaces) and each sentence's span in it."""
    base = sentences[group[0]].start
    parts: list[str] = []
    offsets = []
    pos = 0
    for i in group:
        s = sentences[i]
        lo = max(s.start - base, pos)
        parts.append(" " * (lo - pos))
        parts.append(s.text)
        offsets.append((lo, lo + len(s.text)))
        pos = lo + len(s.text)
    return "".join(parts), offsets


def _explicit(
    quoted: quotes.QuotedText, lo: int, hi: int, registry: speakers.Registry, here: list[speakers.Entity]
) -> _Source | None:
    """The source a sentence names itself through a reporting cue or "according to", resolved."""
    narrative = quoted.masked[lo:hi]
    direct = quoted.has_long_quote(lo, hi) or quoted.masked[lo:hi].lstrip().startswith(quotes.MASK)
    for match in _CUE.finditer(narrative):
        source = _from_cue(narrative, match, registry, here, direct)
        if source:
            return source
    for match in _ACCORDING.finditer(narrative):
        source = _from_according(match, registry)
        if source:
            return source
    passive = _PASSIVE_BY.search(narrative) if " by " in narrative else None
    if passive:
        by = _BY_SOURCE_END.sub(",", narrative[passive.end() :], count=1)  # "by the ministry that ...", "... on Friday"
        source = _inverted(by, model.REPORTED, passive["verb"], registry, here)
        if source and source.entity:
            return replace(source, position=passive.start())
    for pattern, hints in _ASKED_OR_WITHHELD:
        match = pattern.search(narrative) if any(h in narrative for h in hints) else None
        subject = _subject_before(narrative[: match.start()]) if match else None
        if match and subject and not subject[0].loose:
            entity, via = _resolve(subject[0], registry, here)
            return _Source(model.REPORTED, entity, " ".join(match["verb"].split()), subject[1], via, match.start())
    lead = _LEAD_CUE.match(narrative)
    if lead:  # "Said one fan: 'It was the best day of my life.'"
        source = _inverted(narrative[lead.end() :], model.DIRECT_QUOTE if direct else model.REPORTED,
                           lead["verb"].lower(), registry, here)  # fmt: skip
        return source if source and source.entity else None
    colon = _COLON_QUOTE.match(narrative)
    mention = speakers.parse(colon["who"]) if colon else None
    if mention and mention.kind != speakers.PRONOUN and not mention.loose:  # headline style: "Minister: '...'"
        entity, via = _resolve(mention, registry, here)
        return _Source(model.DIRECT_QUOTE, entity, ":", colon["who"], via)
    tail = _QUOTE_TAIL.match(narrative)
    if tail:  # '"What a ride," the commander radioed.': any verb right after a quote and its speaker is a cue
        subject = _subject_before(narrative[: tail.start("verb")])
        if subject and not subject[0].role and not subject[0].loose:
            entity, via = _resolve(subject[0], registry, here)
            return _Source(model.DIRECT_QUOTE, entity, tail["verb"], subject[1], via, tail.start("verb"))
    turned = _QUOTE_VERB_FIRST.match(narrative)
    if turned:  # '"It's unacceptable," fumed Mayor Tom Reilly.': any verb between a quote and the source after it
        who = speakers.parse(_up_to_stop(narrative[turned.end() :])[0])
        if who and who.kind != speakers.PRONOUN and not who.loose:
            return _inverted(narrative[turned.end() :], model.DIRECT_QUOTE, turned["verb"], registry, here)
    return None


def _from_cue(
    narrative: str, match: re.Match, registry: speakers.Registry, here: list[speakers.Entity], direct: bool
) -> _Source | None:
    verb = match["verb"]
    before = narrative[: match.start()]
    after = narrative[match.end() :]
    if _NEGATED.search(before + match["aux"]) or _PASSIVE.search(before) or _TO_BE.match(after):
        return None
    if _NEITHER.search(before):  # "Neither the White House nor the Pentagon responded"
        return None
    if before.endswith("-"):  # "so-called", "self-reported": part of a word
        return None
    ends = _SENTENCE_END.match(after) and "," in before  # "Shares fell 5%, Reuters reported."
    belief = verb in _BELIEFS and _BELIEF_CLAUSE.match(after)  # "X believes fewer than ten are alive"
    urged = verb in ("urged", "urges") and _URGED_TO.match(after)  # "X urged countries to share data"
    if verb in _WEAK and not (direct or ends or belief or urged or _THAT_OR_QUOTE.match(after)):
        return None
    if verb.startswith("den") and _DENIED_ACTION.match(after):
        return None
    if verb in _NOUN_LIKE:
        prev = (before + match["aux"]).split()[-1:] or [""]
        if not (prev[0][:1].isupper() or prev[0].lower() in speakers.PRONOUNS or prev[0].endswith(",")):
            return None  # "X, who wrote two books, believes ..." is set off by its comma
    cue = verb
    if verb in {"told", "tells", "tell"}:
        obj = _TOLD_OBJECT.match(after)
        if not obj or obj["obj"].split()[0] in {"that", "him", "her", "them", "it"}:
            return None
        cue = f"{verb} {obj['obj'].rstrip('.')}"
    kind = model.DIRECT_QUOTE if direct else model.REPORTED
    subject = _subject_before(before)
    if subject is None and _COORDINATED.search(before) and (verb in _SPEECH or _THAT_OR_QUOTE.match(after)):
        subject = _clause_subject(before)  # "X called the vote 'a step forward' but said ...": X said
    if subject is not None and ((subject[0].loose and verb in _WEAK) or subject[0].name in _FIRST_PERSON):
        return None  # "the 2005 series reveals that", "we say": not a news source
    if subject is not None:
        mention, phrase, appositive = subject
        said_who = _SAID_PRONOUN.match(after) if mention.kind == speakers.PERSON else None
        if said_who:  # "Hardy said she ...": tells namesakes apart, and only them
            mention.hint = speakers.PRONOUNS[said_who[1].lower()]
        named = _named_before(before, mention, registry) if mention.kind == speakers.PRONOUN else None
        entity, via = (named, VIA_PRONOUN) if named else _resolve(mention, registry, here)
        if via == VIA_PRONOUN and verb in _FINDINGS and entity not in here:
            return None  # "He found that ...": a study's author is often named only in passing ("a study by X")
        if entity and appositive and entity.kind == speakers.PERSON and speakers.untitled(entity):
            entity.title = appositive
        return _Source(kind, entity, cue, phrase, via, len(before))
    if before.strip(" |,\u2014\u2013-") == "" or before.rstrip().endswith((",", "|", ":")):
        who = speakers.parse(_up_to_stop(after)[0]) if verb in _WEAK else None
        if who and who.loose:
            return None  # "eight strips, called comb rows, that run ...": a weak cue needs a source it knows
        return _inverted(after, kind, cue, registry, here)
    return None


def _subject_before(before: str) -> tuple[speakers.Mention, str, str | None] | None:
    """The subject of a cue from the words before it: the longest clause tail that reads as a source.

    "John Smith, a spokesman for the ministry, said" and "John Smith, 45, said" give John Smith; the
    appositive becomes the title.
    """
    trimmed = _TRAILING_TIME.sub("", before.rstrip())
    chunks = _PUNCT_BREAK.split(trimmed.rstrip(",").rstrip())
    if trimmed.endswith(",") and len(chunks) >= 2:
        return _set_off_subject([c.strip() for c in chunks])
    phrase = _longest_subject(chunks[-1])
    document = None if phrase else _DOCUMENT.match(chunks[-1].strip())
    if document:  # "A statement from the family said", "A letter signed by chef Jamie Oliver said": its author
        phrase = _longest_subject(chunks[-1].strip()[document.end() :])
    mention = speakers.parse(phrase) if phrase else None
    if mention and mention.role and not mention.definite and len(chunks) >= 2:
        # "Rev. Paul Stallsworth, president of the taskforce said": an appositive whose closing comma is missing.
        name = chunks[-2].strip()
        named = speakers.parse(name) if name else None
        if named and named.kind == speakers.PERSON and not named.role:
            return named, name, _STRIP_ARTICLE.sub("", phrase)
    return (mention, phrase, None) if mention and phrase else None


def _named_before(before: str, pronoun: speakers.Mention, registry: speakers.Registry) -> speakers.Entity | None:
    """The source a pronoun's own sentence names before it, if any: "Acme Corp will cut jobs, it said", or
    "Campaigner Pat Green welcomed it. 'It is late,' he said." (single quotes the segmenter left unsplit)."""
    want = speakers.PRONOUNS.get(pronoun.name)
    if want not in (speakers.MALE, speakers.FEMALE, speakers.INSTITUTION):
        return None
    for _, phrase in reversed(speakers.name_runs(before)):
        mention = speakers.parse(phrase)
        if not mention or mention.role or mention.parts:
            continue
        if want == speakers.INSTITUTION and mention.kind == speakers.INSTITUTION:
            return registry.resolve(mention)
        if mention.kind != speakers.PERSON or want == speakers.INSTITUTION or mention.gender not in (None, want):
            continue
        if mention.title or len(mention.name.split()) >= 2 or registry.known_person(mention.name):
            return registry.resolve(mention)
    return None


def _clause_subject(before: str) -> tuple[speakers.Mention, str, str | None] | None:
    """The subject that opens the clause of a coordinated cue ("Police arrested two men and said ..."): the longest
    first words that read as a source and are followed by a lower-case word (the first verb)."""
    for chunk in reversed(_PUNCT_BREAK.split(before)):  # "In 2019, the company cut jobs and said": after the comma
        words = chunk.split()
        for k in range(min(len(words) - 1, 10), 0, -1):
            if not words[k][:1].islower():
                continue
            phrase = " ".join(words[:k])
            mention = speakers.parse(phrase)
            if mention and mention.kind != speakers.PRONOUN and not mention.loose:
                return mention, phrase, None
    return None


def _set_off_subject(chunks: list[str]) -> tuple[speakers.Mention, str, str | None] | None:
    """The named source among comma-separated chunks before a cue, with a role chunk beside it as title.

    "John Smith, a spokesman, said", "Its chief meteorologist, Paul Lee, said", "Janet Yellen, speaking
    in Chicago, said", "Tom Hill, 34, from Leeds, said".
    """
    subjects = [_chunk_subject(c) for c in chunks]
    parsed = [speakers.parse(c) if c else None for c in subjects]
    # A chunk that describes ("a spokesman", "Chief Executive Officer at Acme", "the first woman to lead the agency")
    # is an appositive, never the source, even where a source phrase ends it.
    roles = [speakers.role_phrase(_RELATIVE.sub("", c)) for c in chunks]
    described = [bool(r or (m and _INDEFINITE.match(c))) for c, m, r in zip(chunks, parsed, roles, strict=True)]
    # "Mary Zeller, a professor at the University of California, Davis, said": a place that qualifies the chunk
    # before it interrupts like an age, once a name came first ("The head of the IMF, Kristalina Georgieva" is one).
    skip = [
        (j > 1 and _continues_name(chunks[j - 1], c) and any(parsed[k] and not described[k] for k in range(j - 1)))
        or bool(_PARTY_TAG.match(c))
        for j, c in enumerate(chunks)
    ]
    fallback = None
    for j in range(len(chunks) - 1, -1, -1):
        mention = parsed[j]
        if skip[j]:
            continue
        if mention and not described[j]:
            title = None
            if mention.kind == speakers.PERSON:
                beside = [chunks[k] for k in (j + 1, j - 1) if 0 <= k < len(chunks) and roles[k]]
                title = _STRIP_ARTICLE.sub("", _RELATIVE.sub("", beside[0])) if beside else None
            return mention, subjects[j], title
        if mention and fallback is None:
            fallback = (mention, subjects[j], None)
        if not (mention or chunks[j][:1].isdigit() or chunks[j][:1].islower()):
            break
    return fallback


def _chunk_subject(chunk: str) -> str:
    """A comma chunk's subject phrase; interruptions ("who ...", "speaking in X", "R-Okla.") stay as they are."""
    chunk = chunk.strip()
    words = chunk.split()
    if not words or words[0].lower() in speakers.NOT_SUBJECT_START or _PARTY_TAG.match(chunk):
        return chunk
    if words[0].islower() and words[0].endswith(("ed", "ing")):  # "published Monday by the institute": a participle
        return chunk
    return _longest_subject(chunk) or chunk


def _continues_name(before: str, chunk: str) -> bool:
    """Whether a one- or two-word capitalised chunk qualifies the name ending the chunk before it."""
    words = chunk.split()
    last = before.split()[-1:] or [""]
    return 0 < len(words) <= 2 and all(w[:1].isupper() for w in words) and last[0][:1].isupper() and " " in before


def _longest_subject(chunk: str) -> str | None:
    """The longest tail of a clause that parses as a source phrase ("Intelligence officials in Seoul and Kyiv").

    A tail right after a preposition is its object ("a report on Nigeria"), never a subject; nor is one inside a
    longer noun phrase ("Friends of murdered teacher Ann Maguire said", "Voters who backed candidate Ann Cole said"):
    a subject opens the chunk or follows a conjunction, an adverb or a time ("as", "and", "Separately", "Last week").
    """
    words = chunk.split()
    for i in range(max(0, len(words) - 14), len(words)):
        if words[i].lower() in _OBJECT_OF or (i and not _opens_subject(words[i - 1])):
            continue
        phrase = " ".join(words[i:])
        if speakers.parse(phrase):
            return phrase
    relative = next((i for i, w in enumerate(words) if i and w in ("who", "whose")), 0)
    if relative:  # "Residents whose homes were flooded said", "Voters who backed candidate Ann Cole said": the head
        head = _longest_subject(" ".join(words[:relative]))
        mention = speakers.parse(head) if head else None
        if mention and mention.kind == speakers.GROUP:
            return head
    return None


def _opens_subject(word: str) -> bool:
    """Whether a subject may follow this word inside a clause: a conjunction, an adverb, a time or a number."""
    w = word.lower().strip(".,;:")
    return (
        w in _BEFORE_SUBJECT
        or speakers.is_lead_word(w)
        or (w.endswith("ly") and word.islower())
        or w[:1].isdigit()
        or w in _TIME_WORDS
    )


def _inverted(
    after: str, kind: str, cue: str, registry: speakers.Registry, here: list[speakers.Entity]
) -> _Source | None:
    """'"...," said John Smith, a spokesman.': the speaker follows the cue, an appositive may give the title;
    '"...," said its chairman, Robert Hale.': a role, then the name set off after it."""
    who, rest = _up_to_stop(after)
    if who and rest[:1] in ("", ",", ".", ";", ":") and not speakers.parse(who):
        who = _RELATIVE.sub("", who)  # '"...," said a woman who lives on the third floor.'
    mention = speakers.parse(who) if who and rest[:1] in ("", ",", ".", ";", ":") else None
    if mention is None:
        return None
    if mention.kind == speakers.PERSON and mention.role and rest.startswith(","):
        name, after_name = _up_to_stop(rest[1:])
        named = speakers.parse(name) if name and after_name[:1] in ("", ",", ".", ";") else None
        if named and named.kind == speakers.PERSON and not named.role:
            named.title = named.title or _STRIP_ARTICLE.sub("", who)
            mention, who, rest = named, name, after_name
    entity, via = _resolve(mention, registry, here)
    while entity and entity.kind == speakers.PERSON and speakers.untitled(entity) and rest.startswith(","):
        app, rest = _up_to_stop(rest[1:])
        if app.isdigit() or _PARTY_TAG.match(app):
            continue  # '"...," said Carla Diaz, 42, a nurse who lives nearby.': the age comes first
        app = _RELATIVE.sub("", app)
        if app and speakers.role_phrase(app):
            entity.title = _STRIP_ARTICLE.sub("", app)
        break
    return _Source(kind, entity, cue, who, via)


def _up_to_stop(text: str) -> tuple[str, str]:
    """Text up to the first comma, bracket, colon or sentence-ending full stop (not one of "Dr." or "U.S.")."""
    for stop in _STOP.finditer(text):
        if stop.group(0) == "." and text[stop.end() :].strip(" |"):  # a full stop that ends the text always stops
            word = text[: stop.start()].split()[-1:] or [""]
            if _ABBREVIATION.match(word[0]) or word[0].lower().rstrip(".") in speakers.HONORIFICS:
                continue
        return text[: stop.start()].strip(), text[stop.start() :]
    return text.strip(), ""


def _from_according(match: re.Match, registry: speakers.Registry) -> _Source | None:
    src = _DOCUMENT_DETAIL.sub("", _DOCUMENT.sub("", match["src"].strip()))
    owner = _OWNED_DOCUMENT.match(src) or _TRAILING_DOCUMENT.match(src)
    src = owner["owner"] if owner else src.rstrip(".")
    if not src or len(src.split()) > 10:
        return None
    mention = speakers.parse(src)
    if mention is None or mention.loose or mention.kind == speakers.PRONOUN:
        return None  # "according to their size", "according to many indicators": a measure, not a source
    entity, via = _resolve(mention, registry, [])
    return _Source(model.ACCORDING_TO, entity, "according to", src, via, match.start())


def _resolve(
    mention: speakers.Mention, registry: speakers.Registry, here: list[speakers.Entity]
) -> tuple[speakers.Entity | None, str]:
    """Registry entity for a mention, and how it was found (for `inspect`)."""
    if mention.kind == speakers.PRONOUN:
        return registry.antecedent(mention.name, prefer=here), VIA_PRONOUN
    known = len(registry.entities)
    entity = registry.resolve(mention, here)
    if mention.kind == speakers.PERSON and mention.role and mention.definite and len(registry.entities) == known:
        return entity, VIA_SURNAME if entity and mention.name in entity.tokens else VIA_ROLE  # "King" ~ "B.B. King"
    if entity and entity.kind == speakers.PERSON and entity.name != mention.name and len(registry.entities) == known:
        return entity, VIA_SURNAME
    return entity, VIA_NAMED


def _note_mentions(narrative: str, registry: speakers.Registry, source: _Source | None) -> list[speakers.Entity]:
    """Record the people a sentence names outside quotes, in order, so later pronouns find the nearest.

    A bare name ("Sam Patel") counts as a person only with evidence: a title, an appositive role or age
    after it, or a gendered pronoun in a sentence it opens.
    """
    seen: list[tuple[int, speakers.Entity]] = []
    gendered = bool(_PRONOUN_GENDER.search(narrative))
    for start, phrase in speakers.name_runs(narrative):
        mention = speakers.parse(phrase)
        if mention is None or mention.kind != speakers.PERSON or mention.role:
            continue
        entity = registry.known_person(mention.name) if not mention.title else None
        if (entity is None and len(mention.name.split()) >= 2) or mention.title:
            end = start + len(phrase)
            mention.title = mention.title or _role_before(narrative[:start], mention.name)
            # A common first name is evidence enough ("Jane Moss, who chairs the committee, ... she asked").
            if mention.title or mention.gender or _person_after(narrative[end:]) or (gendered and start == 0):
                entity = registry.resolve(mention)
            else:
                registry.candidate(mention)  # a bare full name: known for later surnames, not yet for pronouns
        if entity:
            seen.append((start, entity))
    if source and source.entity:
        seen.append((source.position, source.entity))
    seen.sort(key=lambda pair: pair[0])
    people = {id(e): e for _, e in seen if e.kind == speakers.PERSON}
    if len(people) == 1:
        only = next(iter(people.values()))
        genders = {m.lower() for m in _PRONOUN_GENDER.findall(narrative)}
        male, female = genders & {"he", "him", "his"}, genders & {"she", "her", "hers"}
        if not only.gender and bool(male) != bool(female):
            only.gender = speakers.MALE if male else speakers.FEMALE
    for _, entity in seen:
        registry.mention(entity)
    return [e for _, e in seen if e.kind == speakers.PERSON]


def _role_before(text: str, name: str) -> str | None:
    """The role set off before a name ("Its general secretary, Daniel Kebede, ..."), or written right before it
    ("Supporters' trust chair Mo Ahmed welcomed ...", where only "Mo Ahmed" is a capitalised run), as a title."""
    match = _ROLE_CHUNK.search(text)
    phrase = _longest_subject(match.group(1)) if match else None
    mention = speakers.parse(phrase) if phrase else None
    if mention and mention.role and phrase:
        return _STRIP_ARTICLE.sub("", phrase)
    words = _PUNCT_BREAK.split(text)[-1].split()[-6:] if text.endswith(" ") else []
    for i in range(len(words)):
        if words[i].lower() in _NOT_BEFORE_SUBJECT:
            continue
        titled = speakers.parse(" ".join([*words[i:], name]))
        if titled and titled.kind == speakers.PERSON and titled.name == name and titled.title:
            return titled.title
    return None


def _person_after(rest: str) -> bool:
    """Whether a name is followed by an age or a role appositive (", 45," / ", a local farmer,")."""
    match = _APPOSITIVE.match(rest)
    if not match:
        return False
    if match["age"]:
        return True
    mention = speakers.parse(match["app"])
    return bool(mention and mention.role)


def _fill_quotes(
    group: list[int],
    offsets: list[tuple[int, int]],
    quoted: quotes.QuotedText,
    found: dict[int, _Source],
    people: list[list[speakers.Entity]],
    last_of: list[_Source | None],
) -> None:
    """Give sentences that are only quoted speech the speaker of their quote.

    The speaker is the one named in the same quote later, else the paragraph's last speaker or last person
    named before it, else (for a paragraph that opens with a quote) the previous paragraph's speaker.
    """
    for n, (idx, (lo, hi)) in enumerate(zip(group, offsets, strict=True)):
        if idx in found or quoted.masked[lo:hi].strip(" |.,;:!?-\u2014\u2013") or not quoted.quoted[lo:hi].strip():
            continue
        source = _same_quote_later(n, group, offsets, quoted, found) or _earlier(n, group, found)
        named = next((p[-1] for p in reversed(people[:n]) if p), None)
        if source is None and named:
            source = _Source(model.DIRECT_QUOTE, named, None, None, VIA_QUOTE)
        if source is None and n == 0:
            source = next((s for s in reversed(last_of[-2:]) if s and s.entity), None)
        if source and source.entity:
            found[idx] = _Source(model.DIRECT_QUOTE, source.entity, source.cue, None, VIA_QUOTE)


def _same_quote_later(
    n: int, group: list[int], offsets: list[tuple[int, int]], quoted: quotes.QuotedText, found: dict[int, _Source]
) -> _Source | None:
    qid = next((quoted.quote_id[i] for i in range(*offsets[n]) if quoted.quote_id[i] >= 0), -1)
    for m in range(n + 1, len(group)):
        if quoted.quote_id[offsets[m][0]] != qid:
            return None
        if group[m] in found:
            return found[group[m]]
    return None


def _earlier(n: int, group: list[int], found: dict[int, _Source]) -> _Source | None:
    for m in range(n - 1, -1, -1):
        source = found.get(group[m])
        if source and source.entity:
            return source
    return None


def _last_source(group: list[int], found: dict[int, _Source]) -> _Source | None:
    for idx in reversed(group):
        source = found.get(idx)
        if source and source.entity:
            return source
    return None


def _with_attribution(sentence: model.Sentence, source: _Source | None) -> model.Sentence:
    if source is None:
        return sentence
    entity = source.entity
    return replace(
        sentence,
        attribution=model.Attribution(
            kind=source.kind,
            speaker=entity.name if entity else None,
            title=entity.title if entity and entity.kind == speakers.PERSON else None,
            cue=source.cue,
            mention=source.mention,
            via=source.via if entity else None,
        ),
    )


def speaker_matches(display: str | None, gold: Iterable[str]) -> bool:
    """Eval rule: right if any gold name is contained (case-insensitively) in the display; no gold = no speaker."""
    names = [g.lower() for g in gold if g]
    if not names:
        return display is None
    return display is not None and any(g in display.lower() for g in names)


def speaker_accuracy(pairs: Iterable[tuple[str | None, Iterable[str]]]) -> float:
    """Share of (display, gold names) pairs whose speaker is right by speaker_matches; 0.0 for no pairs."""
    results = [speaker_matches(display, gold) for display, gold in pairs]
    return sum(results) / len(results) if results else 0.0
