"""Attribution: who said each sentence, on the bundled article (hand-labelled) and on labelled news snippets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index import model, quotes
from index.attribute import attribute, speaker_accuracy, speaker_matches
from index.document import document_from_text, load_document
from tests.attribution_cases import ANY, CASES, Case
from tests.conftest import BUNDLED

RYDER = ("Pat Ryder", "Pentagon press secretary Maj. Gen.")
BIDEN = ("Biden", "President")
PENTAGON = ("the Pentagon", None)
NOBODY = (None, None)

# Every sentence of the bundled article, read by hand: (fragment, (speaker, title)).
BUNDLED_GOLD: list[tuple[str, tuple[str | None, str | None]]] = [
    ("Pentagon says 'small number' of North Korean troops", PENTAGON),  # title (twice): a headline's "X says"
    ("The Pentagon said Tuesday that about 10,000", PENTAGON),  # standfirst
    ("Oct 30, 2024", NOBODY),
    ("The Pentagon confirmed Tuesday", PENTAGON),
    ("Last week, White House", ("John Kirby", "White House National Security communications director")),
    ("Now, the Pentagon says", PENTAGON),
    ('"We believe that the DPRK', RYDER),
    ('"A portion of those soldiers', RYDER),
    ("NORTH KOREA SENDS WARNING", NOBODY),
    ("Ryder said the troops", RYDER),
    ('"Indications that', RYDER),
    ("The Pentagon could not confirm", PENTAGON),  # what a source will not say is its statement too
    ('"Initial indications', RYDER),
    ('"But again', RYDER),
    ("NORTH KOREA HAS SENT TROOPS", NOBODY),
    ("President Biden expressed concerns", BIDEN),
    ("a reporter asked Biden", NOBODY),
    ('"I am concerned about it', BIDEN),
    ("Biden was then asked", BIDEN),  # the exchange belongs to the one asked
    ("NORTH KOREA BLOWS UP", NOBODY),
    ('"If they cross into Ukraine', BIDEN),
    ("Intelligence officials in both", ("Intelligence officials in both South Korea and Ukraine", None)),
    ('"What exactly are they doing', ("Lloyd Austin", "Defense Secretary")),
    ("SOUTH KOREAN INTELLIGENCE SAYS", NOBODY),
    ("Russia and North Korea have denied", ("Russia and North Korea", None)),  # a compound source, as written
    ("Cho Tae-yong told lawmakers", ("Cho Tae-yong", "South Korean National Intelligence Service Director")),
    ("South Korea said last week", ("South Korea", None)),
    ("Officials said their response", ("Officials", None)),
    ("locked in separate confrontations", NOBODY),
    ("The U.S., South Korea and their partners", NOBODY),
    ("In June, Kim and Russian President", NOBODY),
    ("contributed to this report", NOBODY),
]


def _label(sentence: model.Sentence) -> tuple[str | None, str | None]:
    return sentence.attribution.speaker, sentence.attribution.title


def test_every_sentence_of_the_bundled_article_has_its_hand_labelled_speaker() -> None:
    doc = load_document(BUNDLED)
    for sentence in doc.sentences:
        gold = [label for fragment, label in BUNDLED_GOLD if fragment in sentence.text]
        assert len(gold) == 1, f"no single label for {sentence.text!r}"
        assert _label(sentence) == gold[0], sentence.text


def test_bundled_article_kinds_and_cues() -> None:
    by_text = {s.text[:25]: s.attribution for s in load_document(BUNDLED).sentences}
    quote = by_text['"We believe that the DPRK '[:25]]
    assert (quote.kind, quote.cue, quote.via) == (model.DIRECT_QUOTE, "told reporters", "named")
    continued = by_text['"A portion of those soldi'[:25]]
    assert (continued.kind, continued.via) == (model.DIRECT_QUOTE, "quote continues")
    pronoun = by_text['"I am concerned about it,'[:25]]
    assert (pronoun.mention, pronoun.via) == ("he", "pronoun")
    assert quote.display() == "Pentagon press secretary Maj. Gen. Pat Ryder"


def test_non_body_sentences_keep_the_article_voice() -> None:
    for sentence in load_document(BUNDLED).sentences:
        if sentence.kind not in (model.BODY, model.STANDFIRST, model.TITLE):
            assert sentence.attribution == model.Attribution(), sentence.text


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_snippet(case: Case) -> None:
    doc = document_from_text("A headline for the test\n\n" + case.text, "x.txt")
    for fragment, speaker, title in case.labels:
        matches = [s for s in doc.sentences if fragment in s.text and s.kind == model.BODY]
        assert matches, f"{fragment!r} is not a body sentence"
        got = matches[0].attribution
        assert got.speaker == speaker, (fragment, got)
        if title is not ANY:
            assert got.title == title, (fragment, got)
        if speaker is None:
            assert got.display() is None


def test_there_are_enough_labelled_snippets() -> None:
    assert len(CASES) >= 40
    assert sum(len(c.labels) for c in CASES) >= 60


def test_according_to_and_direct_quote_kinds() -> None:
    doc = document_from_text(
        "Headline\n\nExports fell, according to the Ministry of Trade.\n\n"
        '"We are ready," said Anna Berg. Anna Berg said prices rose.',
        "x.txt",
    )
    kinds = [s.attribution.kind for s in doc.sentences if s.kind == model.BODY]
    assert kinds == [model.ACCORDING_TO, model.DIRECT_QUOTE, model.REPORTED]


def test_attribute_keeps_text_and_offsets() -> None:
    doc = load_document(BUNDLED)
    again = attribute([model.Sentence(s.start, s.end, s.paragraph, s.kind, s.text) for s in doc.sentences])
    assert [(s.start, s.end, s.text) for s in again] == [(s.start, s.end, s.text) for s in doc.sentences]
    assert [s.attribution for s in again] == [s.attribution for s in doc.sentences]


def test_attribution_round_trips_and_reads_old_entries() -> None:
    a = model.Attribution(model.REPORTED, "Pat Ryder", "Maj. Gen.", "said", "Ryder", "surname")
    assert model.Attribution.from_dict(a.to_dict()) == a
    old = {"kind": "reported", "speaker": "X", "title": None, "cue": "said"}
    assert model.Attribution.from_dict(old).speaker == "X"


def test_speaker_accuracy_uses_case_insensitive_containment() -> None:
    assert speaker_matches("Pentagon press secretary Maj. Gen. Pat Ryder", ["pat ryder"])
    assert not speaker_matches("President Biden", ["Ryder"])
    assert speaker_matches(None, [])
    assert not speaker_matches(None, ["Ryder"])
    assert speaker_accuracy([("President Biden", ["Biden"]), (None, ["Austin"])]) == 0.5
    assert speaker_accuracy([]) == 0.0


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab s.,'\u2018\u2019\"\u201c\u201d\n", max_size=60))
def test_quote_analysis_keeps_every_character_in_place(text: str) -> None:
    """Whatever the marks, the masked text lines up with the paragraph: outside quotes it is the text itself,
    inside, a quoted character is either kept in `quoted` or is a quote mark."""
    result = quotes.analyse(text)
    assert len(result.masked) == len(result.quoted) == len(result.quote_id) == len(text)
    for ch, masked, quoted, qid in zip(text, result.masked, result.quoted, result.quote_id, strict=True):
        if qid < 0:
            assert masked == ch and quoted == " "
        else:
            assert masked in (quotes.MASK, " ") and quoted in (ch, " ")


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("'We will respond,' the minister said.", ["We will respond,"]),
        ("I don't think Korea's '90s rock 'n' roll was bad.", []),
        ("'The players' union is angry,' he said.", ["The players' union is angry,"]),
        ("\"He told me 'no' twice,\" she said.", ["He told me 'no' twice,"]),
        ("\u2018It\u2019s over,\u2019 she said. \u2018Go.\u2019", ["It\u2019s over,", "Go."]),
        ("'A quote that runs on to the next paragraph", ["A quote that runs on to the next paragraph"]),
        ("The fans' chant, the 'small number' and Jesus' words.", ["small number"]),
        ("\"I'm told 'yes,\" he said. 'Then we go,' she said.", ["I'm told 'yes,", "Then we go,"]),
    ],
)
def test_single_quotes_are_quotes_and_apostrophes_are_not(text: str, inside: list[str]) -> None:
    result = quotes.analyse(text)
    spans: dict[int, str] = {}
    for ch, qid in zip(result.quoted, result.quote_id, strict=True):
        if qid >= 0:
            spans[qid] = spans.get(qid, "") + ch
    assert [spans[q].strip() for q in sorted(spans)] == inside


@pytest.mark.parametrize(
    ("headline", "speaker"),
    [
        ("Mayor says city will rebuild after floods", "Karen Bass"),  # a bare role: the one the story names
        ("Bass vows to rebuild", None),  # no reporting cue
        ("Floods: what we know so far", None),
        ("Northwind says profit will miss forecasts", "Northwind"),  # a source the body never names
        ("Mayor: 'We will rebuild this city'", "Karen Bass"),  # British headline style
    ],
)
def test_a_headline_is_attributed_by_its_own_cue_to_the_body_s_source(headline: str, speaker: str | None) -> None:
    body = "Mayor Karen Bass said on Monday that the city would rebuild. Her office said funds were released."
    doc = document_from_text(f"{headline}\n\n{body}", "x.txt")
    title = next(s for s in doc.sentences if s.kind == model.TITLE)
    assert title.attribution.speaker == speaker
    assert doc.sentences[-1].attribution.speaker == "her office"  # the headline changes no body attribution
