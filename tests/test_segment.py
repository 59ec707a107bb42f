"""Sentence segmentation on news prose: titles, abbreviations, multi-sentence quotes, speaker tails."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from index.segment import sentence_spans, split_sentences


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_titles_and_abbreviations_do_not_split():
    text = "Pentagon press secretary Maj. Gen. Pat Ryder spoke in the U.S. capital on Oct. 30 at 3 p.m. on Tuesday. Then he left."
    assert sentences(text) == [
        "Pentagon press secretary Maj. Gen. Pat Ryder spoke in the U.S. capital on Oct. 30 at 3 p.m. on Tuesday.",
        "Then he left.",
    ]


def test_multi_sentence_quote_keeps_its_speaker_tail():
    text = '"We are ready. We will respond," the minister said. Markets fell.'
    assert sentences(text) == ['"We are ready. We will respond," the minister said.', "Markets fell."]


def test_offsets_hold_with_leading_and_trailing_space():
    text = "  First one.   Second one!  \n"
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == ["First one.", "Second one!"]


def test_sub_range_offsets_are_absolute():
    text = "Header.\n\nBody starts here. It ends."
    start = text.index("Body")
    got = [text[s.start : s.end] for s in split_sentences(text, start, len(text))]
    assert got == ["Body starts here.", "It ends."]


def test_blank_text_has_no_sentences():
    assert split_sentences("  \n\t ") == []


def test_offsets_hold_when_the_segmenter_alters_the_text(monkeypatch):
    """If pysbd ever returns text that is not in the input, the rest of the paragraph becomes one sentence."""
    import index.segment as segment

    class Altering:
        def segment(self, chunk):
            return ["First one.", "SOMETHING ELSE", "Third."]

    monkeypatch.setattr(segment, "_segmenter", lambda: Altering())
    text = "First one.   Second one. Third.  "
    assert [text[s.start : s.end] for s in segment.split_sentences(text)] == ["First one.", "Second one. Third."]


def test_abbreviations_before_numbers_do_not_split():
    text = (
        "Genghis Khan was born c. 1162 near the Onon. Warsaw has approx. 1.7 million residents. "
        "The ruling is in vol. 3 of the reports, pp. 12-14. Some rivers, e.g. the Aare, join it. "
        "It was described by J. R. R. Tolkien in 1937. The river is 3.5 km wide."
    )
    assert sentences(text) == [
        "Genghis Khan was born c. 1162 near the Onon.",
        "Warsaw has approx. 1.7 million residents.",
        "The ruling is in vol. 3 of the reports, pp. 12-14.",
        "Some rivers, e.g. the Aare, join it.",
        "It was described by J. R. R. Tolkien in 1937.",
        "The river is 3.5 km wide.",
    ]


def test_a_sentence_may_open_with_a_number():
    text = "The storm hit on Monday. 1,200 homes lost power. 30 people were hurt."
    assert sentences(text) == ["The storm hit on Monday.", "1,200 homes lost power.", "30 people were hurt."]


def test_list_items_are_sentences_without_their_bullets():
    text = (
        "Duties include:\n1. Dispensing medicines\n2. Advising patients. Some vaccinate.\n- hospital work\n- research"
    )
    assert sentences(text)[1] == "1. Dispensing medicines"  # split_sentences loses nothing
    assert [text[s.start : s.end] for s in sentence_spans(text)] == [
        "Duties include:",
        "Dispensing medicines",
        "Advising patients.",
        "Some vaccinate.",
        "hospital work",
        "research",
    ]


def test_a_line_break_inside_a_sentence_does_not_end_it():
    text = "Increased O\n2 concentration in the lungs helps. The storm damaged two of the\n14 piers on Monday."
    assert sentences(text) == [
        "Increased O\n2 concentration in the lungs helps.",
        "The storm damaged two of the\n14 piers on Monday.",
    ]


def test_short_lines_without_bullets_stay_apart():
    text = "List of rivers of Europe\nRhine Gorge\nMeuse"
    assert sentences(text) == ["List of rivers of Europe", "Rhine Gorge", "Meuse"]


def test_a_very_long_paragraph_is_cut_only_at_sentence_ends():
    """Long paragraphs go to pysbd in pieces; the sentences must be those of the pieces read whole."""
    unit = (
        "The Rhine flows c. 1,230 km from the Alps. Dr. Ruth Weber of the U.S. Geological Survey said "
        '"it carries approx. 2,900 m3/s." It floods often (e.g. in 1993 and 1995), she added. '
    )
    text = unit * 120
    assert len(text) > 20_000
    assert sentences(text) == sentences(unit) * 120


def test_text_without_a_sentence_end_is_one_sentence():
    assert sentences(" !!") == ["!!"]


# British style: single quotation marks, straight or curly, split like double ones; apostrophes never quote.


def test_single_quoted_paragraph_splits_like_a_double_quoted_one():
    british = "'We will respond,' the minister said. 'It will be swift.'"
    assert sentences(british) == ["'We will respond,' the minister said.", "'It will be swift.'"]
    assert sentences(british.replace("'", '"')) == [s.replace("'", '"') for s in sentences(british)]


def test_curly_single_quotes_keep_the_speaker_tail():
    text = (
        "Ministers met on Monday. \u2018We are deeply concerned,\u2019 a spokesman said. "
        "\u2018The talks will continue.\u2019"
    )
    assert sentences(text) == [
        "Ministers met on Monday.",
        "\u2018We are deeply concerned,\u2019 a spokesman said.",
        "\u2018The talks will continue.\u2019",
    ]


def test_curly_apostrophes_inside_curly_single_quotes():
    text = (
        "Ministers met. \u2018I didn\u2019t know. Nobody did,\u2019 she said. \u2018It\u2019s over.\u2019 Police left. "
        "\u2018The Smiths\u2019 house was empty. Nobody was there,\u2019 he said."
    )
    assert sentences(text) == [
        "Ministers met.",
        "\u2018I didn\u2019t know. Nobody did,\u2019 she said.",
        "\u2018It\u2019s over.\u2019",
        "Police left.",
        "\u2018The Smiths\u2019 house was empty. Nobody was there,\u2019 he said.",
    ]


def test_a_single_quote_spanning_two_sentences_stays_with_its_tail():
    text = "'The talks will continue. We hope for progress by Friday,' the spokesman said. Markets fell."
    assert sentences(text) == [
        "'The talks will continue. We hope for progress by Friday,' the spokesman said.",
        "Markets fell.",
    ]


def test_double_quotes_nested_in_single_ones():
    text = "\u2018He told me \u201cgo home now\u201d. Then he left,\u2019 she said. Police arrived at 9pm."
    assert sentences(text) == [
        "\u2018He told me \u201cgo home now\u201d. Then he left,\u2019 she said.",
        "Police arrived at 9pm.",
    ]
    straight = "'He told me \"go home now.\" Then he left,' she said. Police arrived at 9pm."
    assert sentences(straight) == ["'He told me \"go home now.\" Then he left,' she said.", "Police arrived at 9pm."]


def test_apostrophes_do_not_act_as_quotes():
    text = (
        "Sales peaked in the '90s. Korea's troops left. The players' union met. It was the Smiths' house. "
        "'Tis the season. He loved rock 'n' roll. I don't know."
    )
    assert sentences(text) == [
        "Sales peaked in the '90s.",
        "Korea's troops left.",
        "The players' union met.",
        "It was the Smiths' house.",
        "'Tis the season.",
        "He loved rock 'n' roll.",
        "I don't know.",
    ]


def test_apostrophes_next_to_british_quotes():
    text = "It was the Smiths' house. 'We heard nothing,' said Mrs Smith. 'The players' union was told.' Police left."
    assert sentences(text) == [
        "It was the Smiths' house.",
        "'We heard nothing,' said Mrs Smith.",
        "'The players' union was told.'",
        "Police left.",
    ]


def test_a_scare_quote_ending_in_s_closes_before_the_next_quote():
    """'Franks' into: an s-apostrophe before a lower-case word closes the quote when another quote opens next."""
    text = (
        "A Norman led a force of 'Franks' into the upper Euphrates valley. From 1073, 8,000 troops were Normans. "
        "They named their castle Afranji, meaning 'Franks.' The trade may be related."
    )
    as_double = [s.replace('"', "'") for s in sentences(text.replace("'", '"'))]
    assert (
        sentences(text)
        == as_double
        == [
            "A Norman led a force of 'Franks' into the upper Euphrates valley.",
            "From 1073, 8,000 troops were Normans.",
            "They named their castle Afranji, meaning 'Franks.'",
            "The trade may be related.",
        ]
    )


# Paragraphs built from British news parts: the same paragraph in single and in double quotes must split alike.
_PLAIN = [
    "Markets fell.", "Korea's troops left on Monday.", "The players' union met.", "Sales peaked in the '90s.",
    "Mr. Reed arrived at 3 p.m. on Tuesday.", "It was the Smiths' house.", "He loved rock 'n' roll.",
]  # fmt: skip
_SAID = ["We will respond", "We are ready. We will respond", "I don't know", "The Smiths' house was empty",
         "It is over. Nobody won", "The players' union was told"]  # fmt: skip
_TAILS = [", the minister said.", ",# she told the BBC.", ",# said Mr Reed, 54."]
_MARKS = [("'", "'", '"', '"'), ("\u2018", "\u2019", "\u201c", "\u201d")]


@st.composite
def _british_paragraph(draw):
    """The paragraph in single quotes and the same paragraph in double quotes."""
    single_open, single_close, double_open, double_close = draw(st.sampled_from(_MARKS))
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["plain", "tail", "whole", "lead-in"]))
        body = draw(st.sampled_from(_SAID))
        if kind == "plain":
            parts.append(draw(st.sampled_from(_PLAIN)))
        elif kind == "tail":
            parts.append("{o}" + body + draw(st.sampled_from(_TAILS)).replace("#", ""))
        elif kind == "whole":
            parts.append("{o}" + body + ".{c}")
        else:
            parts.append("The minister said: {o}" + body + ".{c}")
    text = " ".join(p.replace(",", ",{c}", 1) if p.startswith("{o}") and "," in p else p for p in parts)
    return (
        text.replace("{o}", single_open).replace("{c}", single_close),
        text.replace("{o}", double_open).replace("{c}", double_close),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_british_paragraph())
def test_british_quotes_split_like_double_quotes(pair):
    british, american = pair
    assert len(british) == len(american)
    assert split_sentences(british) == split_sentences(american)


_BRITISH_PIECES = st.sampled_from(
    [" ", "\n", ".", "!", "?", ",", "'", "\u2018", "\u2019", '"', "\u201c", "\u201d", "s'", " 'n' ", "'90s",
     "Korea's", "he said", "Mr.", "We", "a", "A", "(", ")"]
)  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_BRITISH_PIECES, st.text(max_size=5)), max_size=50).map("".join))
@example("'\"'.'")  # a mark that closes one quote and could open the next
def test_single_quote_marks_never_lose_a_character(text):
    prev = 0
    for span in split_sentences(text):
        piece = text[span.start : span.end]
        assert prev <= span.start < span.end <= len(text) and piece == piece.strip()
        assert not text[prev : span.start].strip()
        prev = span.end
    assert not text[prev:].strip()


def test_segmenting_a_corpus_again_compiles_no_regular_expression(monkeypatch):
    """pysbd's patterns for a whole corpus (about 2,000) stay compiled: the re cache must hold them all, or each
    paragraph recompiles them (a tenth of indexing time)."""
    import json
    import re._compiler

    from tests.conftest import ROOT

    data = json.loads((ROOT / "eval" / "xquad" / "xquad.en.json").read_text(encoding="utf-8"))["data"]
    paragraphs = [p["context"] for entry in data for p in entry["paragraphs"]]
    for text in paragraphs:
        split_sentences(text)
    compiled = []
    original = re._compiler.compile
    monkeypatch.setattr(re._compiler, "compile", lambda *a, **k: compiled.append(a[0]) or original(*a, **k))
    for text in paragraphs:
        split_sentences(text)
    assert compiled == []


@pytest.mark.parametrize("separator", ["\x1c", "\x1d", "\x1e", "\x1f"])
def test_ascii_separators_before_a_list_number_do_not_crash(separator):
    """pysbd's list-number code once called int() on them (found by the property tests)."""
    text = f"Intro{separator}1. First point here. Second one."
    spans = split_sentences(text)
    assert spans and spans[0].start == 0 and spans[-1].end == len(text)
    assert "".join(text[s.start : s.end] for s in spans).replace(" ", "") == text.replace(" ", "")
